"""设置 → 打印: how this counter prints its papers (services/papers/print_settings.py).

A check box: print without the print dialog, straight to the printer chosen below (or the system's
default printer); the list of this computer's printers (刷新 lists them again); 打印测试页 prints
the sample page (documents/sample.py) through the preview's own printing (ui/papers/paper_preview.py),
with the settings as they are on the screen. Supervisors and administrators change the settings;
everyone may print the test page.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.services.changes import SETTINGS
from mutualaid_desktop.services.papers.print_settings import PrintSettings
from mutualaid_desktop.services.permissions import may, why_not
from mutualaid_desktop.ui.common.counter_page import CounterPage
from mutualaid_desktop.ui.common.widgets import disable_while_working, enable_after_work
from mutualaid_desktop.ui.shell.background import user_message
from mutualaid_desktop.ui.shell.task_runner import TaskRunner

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.store.database import Database


def _render_test_page() -> Path:
    """The sample page in a new temporary file (run on the worker)."""
    from mutualaid_desktop.documents.sample import render_sample_pdf

    folder = Path(tempfile.mkdtemp(prefix="mutualaid-test-page-"))
    return render_sample_pdf(folder / "打印测试页.pdf")


class PrintSettingsPage(CounterPage):
    saved = Signal(object)  # PrintSettings
    loaded = Signal()
    testPagePrinted = Signal(object)  # the printer's name, or None when nothing was printed

    def __init__(self, db: Database, user: UserInfo, *, worker: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(db, user, worker=worker, parent=parent)
        self.setObjectName("printSettingsPage")
        self._settings = PrintSettings()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.direct_check = QCheckBox(self.tr("打印时不弹出打印对话框，直接送到下面的打印机"))
        self.direct_check.setObjectName("directCheck")
        form.addRow(self.tr("打印方式"), self.direct_check)
        printer_row = QHBoxLayout()
        self.printer_combo = QComboBox()
        self.printer_combo.setObjectName("printerCombo")
        self.printer_combo.setMinimumWidth(320)
        self.printer_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        printer_row.addWidget(self.printer_combo)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.setToolTip(self.tr("重新查找这台电脑上的打印机"))
        self.refresh_button.clicked.connect(self.refresh_printers)
        printer_row.addWidget(self.refresh_button)
        printer_row.addStretch(1)
        form.addRow(self.tr("打印机"), printer_row)
        self.printers_label = QLabel(" ")
        self.printers_label.setObjectName("printersLabel")
        self.printers_label.setWordWrap(True)
        form.addRow("", self.printers_label)
        layout.addLayout(form)
        explanation = QLabel(
            self.tr(
                "不勾选时，每次打印都先弹出打印对话框，可以选择打印机、份数和页码。"
                "勾选后，预览里的「打印」按钮直接打印全部页面。这项设置对本柜台的所有账号有效。"
            )
        )
        explanation.setObjectName("explanationLabel")
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setObjectName("saveButton")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        self.test_button = QPushButton(self.tr("打印测试页"))
        self.test_button.setObjectName("testPageButton")
        self.test_button.setToolTip(self.tr("按屏幕上的设置打印一张测试页，检查打印机和中文字体"))
        self.test_button.clicked.connect(self.print_test_page)
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message_label = QLabel(" ")
        self.message_label.setObjectName("messageLabel")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message_label)
        layout.addStretch(1)

        self._may_edit = may(user, "edit_print_settings")
        self.direct_check.setEnabled(self._may_edit)
        self.save_button.setEnabled(self._may_edit)
        self.save_button.setToolTip(why_not(user, "edit_print_settings") or "")
        self.direct_check.toggled.connect(self._update_enabled)
        if not self._may_edit:
            self.message_label.setText(self.tr("打印设置由主管或管理员修改；您可以打印测试页。"))
        self.refresh_printers()
        self._update_enabled()
        self.setFocusProxy(self.direct_check if self._may_edit else self.test_button)
        self.reload()

    # -- the printers of this computer ---------------------------------------------------------------

    @Slot()
    def refresh_printers(self) -> None:
        """List this computer's printers again, keeping the one chosen."""
        from mutualaid_desktop.ui.papers.paper_preview import available_printers, default_printer

        chosen = self.chosen_printer() if self.printer_combo.count() else self._settings.printer
        names = available_printers()
        default = default_printer()
        self.printer_combo.blockSignals(True)
        self.printer_combo.clear()
        if default:
            self.printer_combo.addItem(self.tr("系统默认打印机（{printer}）").format(printer=default), "")
        else:
            self.printer_combo.addItem(self.tr("系统默认打印机（未设置）"), "")
        for name in names:
            self.printer_combo.addItem(name, name)
        self.printer_combo.blockSignals(False)
        self._select_printer(chosen)
        if not names:
            self.printers_label.setText(self.tr("这台电脑还没有安装打印机。请先在系统里添加打印机，再点「刷新」。"))
        else:
            self.printers_label.setText(self.tr("这台电脑上有 {count} 台打印机。").format(count=len(names)))

    def _select_printer(self, name: str) -> None:
        index = self.printer_combo.findData(name)
        if index < 0:  # chosen on another computer, or removed since
            self.printer_combo.addItem(self.tr("{printer}（这台电脑上没有）").format(printer=name), name)
            index = self.printer_combo.count() - 1
        self.printer_combo.setCurrentIndex(index)

    def chosen_printer(self) -> str:
        return self.printer_combo.currentData() or ""

    def settings_on_screen(self) -> PrintSettings:
        return PrintSettings(without_dialog=self.direct_check.isChecked(), printer=self.chosen_printer())

    def _update_enabled(self) -> None:
        self.printer_combo.setEnabled(self._may_edit and self.direct_check.isChecked())

    # -- loading and saving -------------------------------------------------------------------------

    shows = frozenset({SETTINGS})

    def reload_for(self, changes) -> None:
        if self._settings is None or self.settings_on_screen() == self._settings:  # not over a choice being made
            self.reload()

    def reload(self) -> None:
        from mutualaid_desktop.services.papers.print_settings import get_print_settings

        self._worker.submit(get_print_settings, self._db, on_result=self._show, on_error=self._failed, context=self)

    def _show(self, settings: PrintSettings) -> None:
        self._settings = settings
        self.direct_check.setChecked(settings.without_dialog)
        self._select_printer(settings.printer)
        self._update_enabled()
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        self.message_label.setText(user_message(error, self.tr("读取打印设置时出现意外错误。")))

    @Slot()
    def save(self) -> None:
        from mutualaid_desktop.services.papers.print_settings import set_print_settings

        disable_while_working(self.save_button)
        self._worker.submit(
            set_print_settings,
            self._db,
            self._user,
            self.settings_on_screen(),
            on_result=self._saved,
            on_error=self._save_failed,
            context=self,
        )

    def _saved(self, settings: PrintSettings) -> None:
        enable_after_work(self.save_button)
        self._show(settings)
        if settings.without_dialog:
            where = settings.printer or self.tr("系统默认打印机")
            self.message_label.setText(
                self.tr("已保存。以后打印时不再询问，直接送到：{printer}。").format(printer=where)
            )
        else:
            self.message_label.setText(self.tr("已保存。以后每次打印都先弹出打印对话框。"))
        self.saved.emit(settings)

    def _save_failed(self, error: BaseException) -> None:
        enable_after_work(self.save_button)
        self.message_label.setText(user_message(error, self.tr("保存没有成功，设置未改动。")))

    # -- the test page ------------------------------------------------------------------------------

    @Slot()
    def print_test_page(self) -> None:
        disable_while_working(self.test_button)
        self.message_label.setText(self.tr("正在准备测试页…"))
        self._worker.submit(
            _render_test_page, on_result=self._print_test_page, on_error=self._test_page_failed, context=self
        )

    def _print_test_page(self, path: Path) -> None:
        """Print the rendered test page as any paper is printed, with the settings on the screen."""
        from mutualaid_desktop.ui.papers.paper_preview import PaperPreviewDialog

        dialog = PaperPreviewDialog(path, self, print_settings=self.settings_on_screen())
        try:
            printed = dialog.loaded() and dialog.print_paper()
            status = dialog.status_label.text()
            where = dialog.last_printer if printed else None
        finally:
            dialog.deleteLater()
        enable_after_work(self.test_button)
        if where:
            self.message_label.setText(
                self.tr("测试页已送到：{printer}。请检查打印出的文字是否清晰、完整。").format(printer=where)
            )
        else:
            self.message_label.setText(status or self.tr("没有打印测试页。"))
        _remove_quietly(path)
        self.testPagePrinted.emit(where)

    def _test_page_failed(self, error: BaseException) -> None:
        enable_after_work(self.test_button)
        self.message_label.setText(user_message(error, self.tr("测试页没有做成（意外错误）。")))
        self.testPagePrinted.emit(None)


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
        path.parent.rmdir()
    except OSError:
        pass
