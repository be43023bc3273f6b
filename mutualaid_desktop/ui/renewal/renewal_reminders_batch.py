"""Making a batch of 续保提示单 (the 生成 half of ui/renewal/renewal_reminders_page.py, which holds the form).

生成 makes the PDFs as long work of the window's task runner (ui/shell/task_runner.py: its long lane, as a city takes
a minute or two and the counter's other screens keep working meanwhile), with a progress bar of the units done
and 取消, which stops after the unit being drawn:
- one PDF per unit: the units done are kept (each file is complete), the rest are not made;
- one combined PDF: it is written under a temporary name and only renamed when complete, so a cancelled
  batch leaves no half file and an earlier file of that name as it was.
Files of the same name already there are not written over without asking: the batch stops before drawing
(services.renewal_reminders.FilesExist), the page asks, and 覆盖 runs it again with overwrite.
When done, a combined PDF opens in the preview (payment_dialog.open_pdf; when the clerk has gone to another
screen meanwhile, with 打开 PDF), a folder can be opened with 打开文件夹.
The units whose reminders were made are recorded as printed papers (打印记录; services/renewal_reminders: one
row per unit, numbered 第 n 次提示 when a reminder was handed out before); printing the combined PDF from its
preview fills the printer of those rows (printed_papers.printer_recorder(record_ids=...)), once. Files of one
unit each are handed out outside the program: 标记为已发出 records them as sent (mark_reminders_sent), so that
the next reminder of those units counts them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from mutualaid_desktop.ui.enrollment import payment_dialog
from mutualaid_desktop.ui.shell.background import user_message

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QLineEdit, QProgressBar, QPushButton

    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.renewal.renewal_reminders import BatchResult, ReminderRequest
    from mutualaid_desktop.store.database import Database
    from mutualaid_desktop.ui.shell.task_runner import LongWork, TaskRunner

CONTEXT = "RenewalRemindersPage"  # the page's translation context: one screen, two modules


def count_reminders(db: Database, year: int, **options: Any) -> ReminderRequest:
    """(on a worker) prepare_reminders: checks the request and counts units and members."""
    from mutualaid_desktop.services.renewal.renewal_reminders import prepare_reminders

    return prepare_reminders(db, year, **options)


def run_reminder_batch(
    db: Database,
    year: int,
    out: Path,
    *,
    combined: bool,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
    user: UserInfo | None = None,
    overwrite: bool = False,
    **options: Any,
) -> BatchResult:
    """(on the runner's long lane) check and count, then make the PDFs (recorded as printed papers by `user`);
    FilesExist before anything is made when a file would be written over and `overwrite` is not given."""
    from mutualaid_desktop.services.errors import ServiceError
    from mutualaid_desktop.services.renewal.renewal_reminders import make_reminder_batch, prepare_reminders

    request = prepare_reminders(db, year, **options)
    if not request.unit_count:
        raise ServiceError("所选范围内没有需要提示续保的会员（到期区间内的保障都已续保，或没有保障在此区间到期）。")
    progress(0, request.unit_count)
    return make_reminder_batch(
        db, request, out, combined=combined, progress=progress, cancelled=cancelled, user=user, overwrite=overwrite
    )


def mark_sent(db: Database, user: UserInfo, record_ids: tuple[int, ...]):
    """(on a worker) the batch's files were handed out: recorded as sent."""
    from mutualaid_desktop.services.renewal.renewal_reminders import mark_reminders_sent

    return mark_reminders_sent(db, user, record_ids)


def stopper(cancel: threading.Event) -> Callable[..., None]:
    """What stops a page's batch when the page is destroyed (holds no reference to the page): the batch ends
    after the unit being drawn, on the runner's long lane, and nothing is called back."""

    def stop(*_args: object) -> None:
        cancel.set()

    return stop


class Progress(QObject):
    """Carries the batch's progress from its worker thread to the GUI thread (queued signal)."""

    changed = Signal(int, int)

    def report(self, done: int, total: int) -> None:
        self.changed.emit(done, total)


class ReminderBatchMixin(QWidget if TYPE_CHECKING else object):  # type: ignore[misc]
    """生成, 取消, the result, 打开 and 标记为已发出 of RenewalRemindersPage (which builds the widgets and the
    signals used here: batchFinished, batchFailed, progressed, markedSent)."""

    if TYPE_CHECKING:  # what RenewalRemindersPage builds and this half uses
        _db: Database
        _user: UserInfo
        _worker: TaskRunner
        _cancel: threading.Event
        _progress: Progress
        _running: bool
        _stopper_connected: bool
        result: BatchResult | None
        inputs: QWidget
        out_edit: QLineEdit
        count_button: QPushButton
        generate_button: QPushButton
        cancel_button: QPushButton
        open_button: QPushButton
        sent_button: QPushButton
        progress_bar: QProgressBar
        status_label: QLabel
        progressed = Signal(int, int)
        batchFinished = Signal(object)
        batchFailed = Signal(str)
        markedSent = Signal(object)

        def _options(self) -> dict | None: ...
        def combined(self) -> bool: ...
        def _refuse(self, text: str) -> None: ...
        def _set_status(self, text: str, *, error: bool = False) -> None: ...

    def is_running(self) -> bool:
        return self._running

    @Slot()
    def generate(self, *, overwrite: bool = False) -> None:
        """生成: make the PDFs as the runner's long work, with progress and 取消 (asks before writing over files)."""
        if self._running:
            return
        options = self._options()
        if options is None:
            return
        text = self.out_edit.text().strip()
        if not text:
            self._refuse(QCoreApplication.translate("RenewalRemindersPage", "请选择保存的位置。"))
            return
        out = Path(text)
        combined = self.combined()
        if combined and out.suffix.lower() != ".pdf":
            out = out.with_name(out.name + ".pdf")
        try:
            (out.parent if combined else out).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._refuse(
                QCoreApplication.translate(
                    "RenewalRemindersPage", "无法建立文件夹「{path}」：{reason}。请另选保存位置。"
                ).format(path=str(out.parent if combined else out), reason=exc.strerror or str(exc))
            )
            return
        if not self._stopper_connected:  # the page goes (the window closed): the batch is cancelled
            self._stopper_connected = True
            self.destroyed.connect(stopper(self._cancel))
        year = options.pop("year")
        self._cancel.clear()
        self._set_running(True)
        self.result = None
        self.open_button.setVisible(False)
        self.sent_button.setVisible(False)
        self.progress_bar.setRange(0, 0)  # counting: busy until the total is known
        self.progress_bar.setVisible(True)
        self._set_status(QCoreApplication.translate("RenewalRemindersPage", "正在统计要提示的单位…"))
        db, user, cancel, report = self._db, self._user, self._cancel, self._report

        def batch(work: LongWork) -> BatchResult:  # holds no reference to the page but its bound _report
            return run_reminder_batch(
                db,
                year,
                out,
                combined=combined,
                progress=report,
                cancelled=lambda: cancel.is_set() or work.cancelled(),
                user=user,
                overwrite=overwrite,
                **options,
            )

        self._worker.long_work(batch, parent=self, success=self._batch_done, failure=self._batch_failed)

    def _report(self, done: int, total: int) -> None:  # on the runner's long lane
        self._progress.report(done, total)

    @Slot(int, int)
    def _show_progress(self, done: int, total: int) -> None:
        if not self._running:
            return
        if self.progress_bar.maximum() != total:
            self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        if not self._cancel.is_set():
            self._set_status(
                QCoreApplication.translate(
                    "RenewalRemindersPage", "正在生成续保提示单… {done} / {total} 个单位"
                ).format(done=done, total=total)
            )
        self.progressed.emit(done, total)

    @Slot()
    def cancel(self) -> None:
        """取消: stop after the unit being drawn."""
        if self._running and not self._cancel.is_set():
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self._set_status(QCoreApplication.translate("RenewalRemindersPage", "正在取消…"))

    def _set_running(self, running: bool) -> None:
        self._running = running
        self.inputs.setEnabled(not running)
        self.count_button.setEnabled(not running)
        self.generate_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    def _batch_done(self, result: BatchResult) -> None:
        self._set_running(False)
        self.result = result
        if result.total:
            self.progress_bar.setRange(0, result.total)
            self.progress_bar.setValue(result.done)
        out = self.out_edit.text().strip()
        if result.cancelled and result.combined:
            self._set_status(
                QCoreApplication.translate(
                    "RenewalRemindersPage",
                    "已取消：完成了 {done} / {total} 个单位，合并的 PDF 没有保存（原有同名文件未改动）。请重新生成。",
                ).format(done=result.done, total=result.total)
            )
        elif result.cancelled:
            folder = str(result.files[0].parent) if result.files else out
            self._set_status(
                QCoreApplication.translate(
                    "RenewalRemindersPage",
                    "已取消：已生成 {done} 个单位的提示单（保存在 {path}），其余 {left} 个单位没有生成。"
                    "重新生成会覆盖已生成的文件。",
                ).format(done=result.done, path=folder, left=result.total - result.done)
            )
            self.open_button.setText(QCoreApplication.translate("RenewalRemindersPage", "打开文件夹"))
            self.open_button.setVisible(bool(result.files))
        elif result.combined:
            self._set_status(
                QCoreApplication.translate(
                    "RenewalRemindersPage", "已生成 {done} 个单位的续保提示单，合并为一个 PDF：{path}"
                ).format(done=result.done, path=str(result.files[0]))
                + self._again_text(result)
            )
            self.open_button.setText(QCoreApplication.translate("RenewalRemindersPage", "打开 PDF"))
            self.open_button.setVisible(True)
        else:
            folder = str(result.files[0].parent) if result.files else out
            self._set_status(
                QCoreApplication.translate(
                    "RenewalRemindersPage",
                    "已生成 {done} 个单位的续保提示单，每个单位一个 PDF，保存在文件夹：{path}。"
                    "把文件发给各单位后，请点“标记为已发出”（下次提示单才算“第 2 次提示”）。",
                ).format(done=result.done, path=folder)
                + self._again_text(result)
            )
            self.open_button.setText(QCoreApplication.translate("RenewalRemindersPage", "打开文件夹"))
            self.open_button.setVisible(bool(result.files))
            if result.counter_warning:  # files of one unit each are not previewed here: the preview's warning
                self._set_status(self.status_label.text() + "\n" + result.counter_warning)
        self.sent_button.setVisible(not result.combined and bool(result.records))
        self.sent_button.setEnabled(True)
        self.batchFinished.emit(result)
        if result.combined and not result.cancelled and self.isVisible():  # not over another screen: 打开 PDF
            self.open_output()

    def _again_text(self, result: BatchResult) -> str:
        if not result.again:
            return ""
        return QCoreApplication.translate(
            "RenewalRemindersPage", "其中 {count} 个单位此前已发过提示单，这次印有“第 n 次提示”。"
        ).format(count=result.again)

    def _batch_failed(self, error: BaseException) -> None:
        from mutualaid_desktop.services.renewal.renewal_reminders import FilesExist

        self._set_running(False)
        self.progress_bar.setVisible(False)
        if isinstance(error, FilesExist) and self.ask_overwrite(error.paths):
            self.generate(overwrite=True)
            return
        if isinstance(error, FilesExist):
            text = QCoreApplication.translate(
                "RenewalRemindersPage", "没有生成：已有同名文件，没有覆盖。请换一个保存位置，或再点“生成”并选择覆盖。"
            )
        else:
            text = user_message(
                error, QCoreApplication.translate("RenewalRemindersPage", "生成续保提示单时出现意外错误。")
            )
        self._set_status(text, error=True)
        self.batchFailed.emit(text)

    def ask_overwrite(self, paths: list[Path]) -> bool:
        """覆盖 or not: the files of the same name already there (the first few named)."""
        names = "\n".join(p.name for p in paths[:5])
        if len(paths) > 5:
            names += "\n" + QCoreApplication.translate("RenewalRemindersPage", "……共 {n} 个").format(n=len(paths))
        answer = QMessageBox.question(
            self,
            QCoreApplication.translate("RenewalRemindersPage", "覆盖已有文件"),
            QCoreApplication.translate(
                "RenewalRemindersPage",
                "保存位置已有同名的提示单文件：\n{names}\n\n覆盖这些文件吗？（选“否”则不生成，可另选保存位置。）",
            ).format(names=names),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def open_output(self) -> None:
        """The combined PDF in the preview, or the folder of the per-unit PDFs in the system's file manager."""
        result = self.result
        if result is None or not result.files:
            return
        if result.combined:
            recorder = None
            if result.records:
                from mutualaid_desktop.services.papers.printed_papers import printer_recorder

                recorder = printer_recorder(self._db, self._user, record_ids=result.records, kind="renewal_reminder")
            payment_dialog.open_pdf(result.files[0], on_printed=recorder, runner=self._worker)
        elif not QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.files[0].parent))):
            self._set_status(
                QCoreApplication.translate("RenewalRemindersPage", "无法打开文件夹，请自行打开：{path}").format(
                    path=str(result.files[0].parent)
                ),
                error=True,
            )

    @Slot()
    def mark_output_sent(self) -> None:
        """标记为已发出: the per-unit files of the last batch were handed out (on the worker: a write)."""
        result = self.result
        if result is None or result.combined or not result.records or self._worker.closed:
            return
        self.sent_button.setEnabled(False)
        db, user, records = self._db, self._user, result.records
        self._worker.operation(
            lambda: mark_sent(db, user, records), parent=self, success=self._marked_sent, failure=self._mark_failed
        )

    def _marked_sent(self, done) -> None:
        self.sent_button.setVisible(False)
        self._set_status(
            QCoreApplication.translate(
                "RenewalRemindersPage",
                "已记为发出：{n} 个单位的提示单（打印记录中可查）。下次给这些单位的提示单为“第 2 次提示”起。",
            ).format(n=done.filled)
        )
        self.markedSent.emit(done)

    def _mark_failed(self, error: BaseException) -> None:
        self.sent_button.setEnabled(True)
        self._refuse(
            user_message(error, QCoreApplication.translate("RenewalRemindersPage", "标记发出时出现意外错误。"))
        )

    def shutdown(self) -> None:
        """Stop a running batch (after the unit being drawn; the runner's shutdown waits for it)."""
        self._cancel.set()
