"""单位续保's steps for adding joiners (新增人员), mixed into UnitRenewalPage: typed at the counter
(JoinerDialog: the ID number looked up, the person checked on the worker as single enrollment), or read from
a roster file (checked on the worker as a roster import, with a progress dialog that can cancel; the rows not
added are listed in JoinerBadRowsDialog, which can save them for the unit). The page's draft, model, worker
and messages are used as they are; this class holds no state of its own."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QProgressDialog
from shiboken6 import isValid

from mutualaid_desktop.ui.background import user_message
from mutualaid_desktop.ui.file_dialogs import ask_open_file
from mutualaid_desktop.ui.unit_renewal_draft_model import DraftModel
from mutualaid_desktop.ui.unit_renewal_joiners import JoinerBadRowsDialog, JoinerDialog
from mutualaid_desktop.ui.widgets import delete_closed_dialogs, work_progress

if TYPE_CHECKING:
    from mutualaid_desktop.services.renewal import Joiner, RenewalDraft, RosterJoiners


class RosterProgress(QObject):
    """Carries progress from the worker thread to the GUI thread (queued signal)."""

    changed = Signal(int, int, str)

    def report(self, done: int, total: int, stage: str) -> None:
        self.changed.emit(done, total, stage)


class JoiningSteps:
    """Adding joiners to the unit's draft (a mixin of UnitRenewalPage)."""

    # the page's (UnitRenewalPage) attributes these steps set: None until a dialog or file was opened
    _roster_folder: Path | None
    _joiner_dialog: JoinerDialog | None
    bad_rows_dialog: JoinerBadRowsDialog | None
    progress_dialog: QProgressDialog | None

    @property
    def joiner_dialog(self) -> JoinerDialog | None:
        dialog = self._joiner_dialog
        return dialog if dialog is not None and isValid(dialog) and dialog.isVisible() else None

    @Slot()
    def open_joiner_dialog(self) -> None:
        if self.draft is None:
            return
        dialog = JoinerDialog(self.draft.plan.plan.max_shares, self)
        delete_closed_dialogs(self, dialog, JoinerDialog)
        dialog.submitted.connect(lambda d=dialog: self._check_joiner(d))
        dialog.idEntered.connect(lambda number, d=dialog: self._look_up_joiner(d, number))
        self._joiner_dialog = dialog
        dialog.open()

    def _look_up_joiner(self, dialog: JoinerDialog, number: str) -> None:
        from mutualaid_desktop.services.renewal_joiners import find_known_person

        if self.draft is None:
            return
        self._worker.submit(find_known_person, self._db, unit_code=self.draft.unit.code, id_number=number,
                            today=self._today(), on_result=lambda person, d=dialog: d.show_known(number, person),
                            on_error=lambda _error: None, context=dialog)  # the check on 添加 says what is wrong

    def _check_joiner(self, dialog: JoinerDialog) -> None:
        from mutualaid_desktop.services.renewal import check_joiner

        if self.draft is None:
            dialog.show_error(self.tr("请先选择单位和续保计划。"))
            return
        values = dialog.values()
        self._worker.submit(check_joiner, self._db, unit_code=self.draft.unit.code, plan_code=self.draft.plan.code,
                            today=self._today(), **values,
                            on_result=lambda joiner, d=dialog: self._joiner_checked(d, joiner),
                            on_error=lambda error, d=dialog: self._joiner_refused(d, error), context=dialog)

    def _joiner_checked(self, dialog: JoinerDialog, joiner: Joiner) -> None:
        if joiner.member_id is not None:
            row = self.model.member_row(joiner.member_id)
            if row >= 0:
                self.model.set_keep(row, True)
                dialog.saved()
                self._message(self.tr("{name} 在去年的名单中，已勾选续保。").format(name=joiner.name), "ok")
                self._show_row(row)
                return
        if self.model.has_joiner(joiner.id_number):
            dialog.show_error(self.tr("{name}（{number}）已添加过，不要重复添加。").format(
                name=joiner.name, number=joiner.masked_id))
            return
        self.model.add_joiners([joiner])
        dialog.saved()
        text = self.tr("已添加新增人员：{name}。").format(name=joiner.name)
        if joiner.note:
            text += "\n" + joiner.note
        self._message(text, "ok")
        self._show_row(self.model.rowCount() - 1)
        self.joinerAdded.emit(joiner)

    def _joiner_refused(self, dialog: JoinerDialog, error: BaseException) -> None:
        dialog.show_error(user_message(error, self.tr("检查时出现意外错误。")))
        dialog.focus_field(getattr(error, "field", None))

    def _show_row(self, source_row: int) -> None:
        index = self.proxy.mapFromSource(self.model.index(source_row, DraftModel.NAME))
        if index.isValid():
            self.table.scrollTo(index)
            self.table.selectRow(index.row())

    # --- joiners from a roster file -----------------------------------------------------------

    @Slot()
    def choose_roster(self) -> None:
        if self.draft is None:
            return
        path = ask_open_file(self, self.tr("选择新名册文件"), "", self.tr("名册 (*.xlsx *.xls *.csv *.txt);;所有文件 (*)"))
        if path:
            self._roster_folder = Path(path).parent  # the bad rows are saved next to the roster by default
            self.add_roster(path)

    def add_roster(self, path: str) -> None:
        """Read and check a roster file on the worker; the good rows join the draft."""
        from mutualaid_desktop.services.renewal import roster_joiners

        if self.draft is None or self._busy:
            return
        self._busy = True
        self._cancel.clear()
        self._update_buttons()
        self._message(self.tr("正在读取并检查名册…"), "")
        dialog = work_progress(self, self.tr("正在读取名册…"), self.tr("取消"), self.tr("请稍候"), self.cancel_roster)
        self.progress_dialog = dialog
        draft = self.draft
        self._worker.submit(roster_joiners, self._db, path, unit_code=draft.unit.code, plan_code=draft.plan.code,
                            today=self._today(), progress=self._progress.report, cancelled=self._cancel.is_set,
                            on_result=lambda found, d=draft: self._roster_checked(d, found),
                            on_error=self._roster_failed, context=self)

    @Slot()
    def cancel_roster(self) -> None:
        self._cancel.set()
        if self.progress_dialog is not None:
            self.progress_dialog.setLabelText(self.tr("正在取消…"))

    @Slot(int, int, str)
    def _show_progress(self, done: int, total: int, stage: str) -> None:
        if self.progress_dialog is None or self._cancel.is_set():
            return
        self.progress_dialog.setLabelText(self.tr("{stage}… {done} / {total} 行").format(stage=stage, done=done, total=total))
        self.progress_dialog.setValue(min(99, done * 100 // total) if total else 0)

    def _end_roster(self) -> None:
        self._busy = False
        if self.progress_dialog is not None:
            self.progress_dialog.canceled.disconnect(self.cancel_roster)
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        self._update_buttons()

    def _roster_failed(self, error: BaseException) -> None:
        self._end_roster()
        self._failed(error)

    def _roster_checked(self, draft: RenewalDraft, found: RosterJoiners) -> None:
        self._end_roster()
        if draft is not self.draft:
            return  # another unit was chosen meanwhile
        added, on_list, twice = [], [], 0
        numbers: set[str] = set()
        for joiner in found.good:
            row = self.model.member_row(joiner.member_id) if joiner.member_id is not None else -1
            if row >= 0:
                on_list.append(row)
            elif self.model.has_joiner(joiner.id_number) or joiner.id_number in numbers:
                twice += 1
            else:
                added.append(joiner)
                numbers.add(joiner.id_number)
        self.model.set_keep_rows(on_list, True)
        ticked = len(on_list)
        self.model.add_joiners(added)
        text = self.tr("名册 {file}：共 {rows} 行，新增 {added} 人").format(file=found.file_name, rows=found.rows,
                                                                    added=len(added))
        if ticked:
            text += self.tr("；{count} 人在去年的名单中，已勾选续保").format(count=ticked)
        if twice:
            text += self.tr("；{count} 人已添加过，未重复添加").format(count=twice)
        if found.bad:
            text += self.tr("；{count} 行有问题，没有添加（原因见列表）").format(count=len(found.bad))
        self._message(text + self.tr("。"), "error" if found.bad else "ok")
        if found.bad:
            dialog = JoinerBadRowsDialog(found, self._worker, self, folder=self._roster_folder)
            delete_closed_dialogs(self, dialog, JoinerBadRowsDialog)
            self.bad_rows_dialog = dialog
            dialog.open()
        self.rosterChecked.emit(found)
