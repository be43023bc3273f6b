"""导入名册: a unit's roster file checked, previewed and imported.

Choose the file, the unit and the plan; 检查名册 reads and checks every row on the background
worker (a progress dialog that can cancel); columns whose headers were not recognised are
assigned in the column mapping dialog. The preview shows the counts, each bad row with its row
number in the sheet and its reason, and the good rows. 导入有效行 imports the good rows in one
transaction (cancel rolls it back); 导出问题行 saves the bad rows as .xlsx to hand back to the unit.

The unit is never guessed: the dialog starts with no unit chosen (unless its caller names one) and
checks nothing until one is chosen. When the whole cover of some people would lie in the waiting
period, the import is refused for a clerk and a supervisor confirms the cover dates first
(services/enrollment.check_waiting). 收款 takes the imported people's premiums once: after the
payment it is no longer offered.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.domain import clock
from mutualaid_desktop.ui.common.confirm import ask
from mutualaid_desktop.ui.common.file_dialogs import ask_open_file, ask_save_file
from mutualaid_desktop.ui.common.widgets import ERROR_COLOR, WARNING_COLOR, chosen_data, searchable_combo
from mutualaid_desktop.ui.enrollment.payment_dialog import PaymentDialog
from mutualaid_desktop.ui.enrollment.roster_preview import (
    RosterReading,
    bad_rows_file_name,
    bad_rows_table,
    preview_table,
    show_bad_rows,
    xlsx_path,
)
from mutualaid_desktop.ui.enrollment.roster_preview_models import BadRowsModel, GoodRowsModel
from mutualaid_desktop.ui.shell.background import user_message
from mutualaid_desktop.ui.shell.fonts import scaled
from mutualaid_desktop.ui.shell.task_runner import TaskRunner

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.enrollment.roster_import import (
        ColumnMatch,
        ImportPreview,
        ImportResult,
        RosterTable,
    )
    from mutualaid_desktop.store.database import Database
    from mutualaid_desktop.ui.enrollment.column_mapping_dialog import ColumnMappingDialog


class RosterImportDialog(QDialog):
    """`imported` carries the ImportResult after a successful import."""

    imported = Signal(object)
    previewReady = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        db: Database,
        user: UserInfo,
        *,
        worker: TaskRunner,
        parent: QWidget | None = None,
        unit_code: str | None = None,
        plan_code: str | None = None,
        today: Callable[[], date] = clock.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rosterImportDialog")
        self.setWindowTitle(self.tr("导入单位职工名册"))
        self._db = db
        self._user = user
        self._worker = worker
        self._today = today
        self._wanted = (unit_code, plan_code)
        self.reading = RosterReading(worker, self)  # the file read and checked (ui/roster_preview)
        self.reading.checked.connect(self._checked)
        self.reading.failed.connect(self._show_failure)
        self.reading.busyChanged.connect(self._update_buttons)
        self.preview: ImportPreview | None = None
        # the import done (shadows QDialog.result(), the exit code, which this dialog's callers never ask for)
        self.result: ImportResult | None = None  # type: ignore[assignment]
        self.paid = False  # the imported people's premiums were taken (收款 is not offered again)
        self._busy = False  # the choices are being loaded
        self.payment_dialog: PaymentDialog | None = None
        self._build()
        self.resize(1000, 680)
        self._load_choices()

    # --- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        base = QApplication.font()
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self._build_inputs(layout)
        self._build_check_actions(layout)
        self._build_summary(layout, base)
        self._build_preview_tabs(layout)
        self._build_error(layout)
        self._build_buttons(layout)
        self._update_buttons()

    def _build_inputs(self, layout: QVBoxLayout) -> None:
        """名册文件 (with 选择文件…), 单位, 计划."""
        form = QFormLayout()
        file_row = QHBoxLayout()
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("fileEdit")
        self.file_edit.setPlaceholderText(self.tr("选择单位交来的名册：.xlsx、.xls 或 .csv"))
        self.file_edit.textChanged.connect(self._inputs_changed)
        self.browse_button = QPushButton(self.tr("选择文件…"))
        self.browse_button.setObjectName("browseButton")
        self.browse_button.clicked.connect(self._browse)
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        form.addRow(self.tr("名册文件"), file_row)
        self.unit_combo = searchable_combo("unitCombo")
        self.unit_combo.currentIndexChanged.connect(self._inputs_changed)
        form.addRow(self.tr("单位"), self.unit_combo)
        self.plan_combo = QComboBox()
        self.plan_combo.setObjectName("planCombo")
        self.plan_combo.currentIndexChanged.connect(self._inputs_changed)
        form.addRow(self.tr("计划"), self.plan_combo)
        layout.addLayout(form)

    def _build_check_actions(self, layout: QVBoxLayout) -> None:
        """检查名册 (the default button) and 列对应…."""
        actions = QHBoxLayout()
        self.check_button = QPushButton(self.tr("检查名册"))
        self.check_button.setObjectName("checkButton")
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check)
        self.mapping_button = QPushButton(self.tr("列对应…"))
        self.mapping_button.setObjectName("mappingButton")
        self.mapping_button.setEnabled(False)
        self.mapping_button.clicked.connect(self.reading.choose_columns)
        actions.addWidget(self.check_button)
        actions.addWidget(self.mapping_button)
        actions.addStretch(1)
        layout.addLayout(actions)

    def _build_summary(self, layout: QVBoxLayout, base: QFont) -> None:
        """What the check found, and a notice in the warning colour."""
        self.summary_label = QLabel(
            self.tr("选择文件、单位和计划后，按“检查名册”。每一行都会先检查，检查时不写入任何数据。")
        )
        self.summary_label.setObjectName("summaryLabel")
        self.summary_label.setFont(scaled(base, 1.1, bold=True))
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.notice_label = QLabel()
        self.notice_label.setObjectName("noticeLabel")
        self.notice_label.setWordWrap(True)
        self.notice_label.setStyleSheet(f"color: {WARNING_COLOR};")
        self.notice_label.setVisible(False)
        layout.addWidget(self.notice_label)

    def _build_preview_tabs(self, layout: QVBoxLayout) -> None:
        """问题行 and 有效行."""
        self.tabs = QTabWidget()
        self.tabs.setObjectName("previewTabs")
        self.bad_model = BadRowsModel(self)
        self.bad_view = bad_rows_table("badRowsView", self.bad_model)
        self.good_model = GoodRowsModel(self)
        self.good_view = preview_table("goodRowsView", self.good_model)
        self.good_view.horizontalHeader().setStretchLastSection(True)
        self.tabs.addTab(self.bad_view, self.tr("问题行"))
        self.tabs.addTab(self.good_view, self.tr("有效行"))
        layout.addWidget(self.tabs, 1)

    def _build_error(self, layout: QVBoxLayout) -> None:
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOR};")
        self.error_label.setVisible(False)
        layout.addWidget(self.error_label)

    def _build_buttons(self, layout: QVBoxLayout) -> None:
        """导出问题行, 收款, 导入有效行, 取消."""
        buttons = QHBoxLayout()
        self.export_button = QPushButton(self.tr("导出问题行(.xlsx)"))
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self._export_clicked)
        self.pay_button = QPushButton(self.tr("收款"))
        self.pay_button.setObjectName("payButton")
        self.pay_button.setVisible(False)
        self.pay_button.clicked.connect(self.open_payment)
        self.import_button = QPushButton(self.tr("导入有效行"))
        self.import_button.setObjectName("importButton")
        self.import_button.clicked.connect(self.run_import)
        self.close_button = QPushButton(self.tr("取消"))
        self.close_button.setObjectName("closeButton")
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.pay_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

    # --- choices ----------------------------------------------------------------------------

    def _load_choices(self) -> None:
        from mutualaid_desktop.services.enrollment.enrollment import enrollment_choices

        self._busy = True
        self._worker.submit(
            enrollment_choices,
            self._db,
            self._today(),
            on_result=self._choices_loaded,
            on_error=self._failed,
            context=self,
        )

    def _choices_loaded(self, choices) -> None:
        self._busy = False
        units, plans = choices
        for combo, items, wanted in (
            (self.unit_combo, units, self._wanted[0]),
            (self.plan_combo, plans, self._wanted[1]),
        ):
            combo.blockSignals(True)
            combo.clear()
            for item in items:
                combo.addItem(item.label(), item.code)
            if combo is self.unit_combo:  # never guessed: a roster in the wrong unit is hard to undo
                combo.setCurrentIndex(combo.findData(wanted) if wanted else -1)
            else:
                index = combo.findData(wanted) if wanted else 0
                combo.setCurrentIndex(max(index, 0) if items else -1)
            combo.blockSignals(False)
        if not plans:
            self._show_error(self.tr("没有可参保的计划：请先在“计划”中添加本年度计划。"))
        self._update_buttons()

    def set_choice(self, unit_code: str | None = None, plan_code: str | None = None) -> None:
        if unit_code is not None:
            self.unit_combo.setCurrentIndex(self.unit_combo.findData(unit_code))
        if plan_code is not None:
            self.plan_combo.setCurrentIndex(self.plan_combo.findData(plan_code))

    def unit_code(self) -> str | None:
        return chosen_data(self.unit_combo)

    def plan_code(self) -> str | None:
        return self.plan_combo.currentData()

    # --- state ------------------------------------------------------------------------------

    def _inputs_changed(self) -> None:
        if self.preview is not None and self.result is None:
            self._clear_preview()
        self._update_buttons()

    def _clear_preview(self) -> None:
        self.preview = None
        self.reading.clear()
        self.bad_model.set_rows([], None, None)
        self.good_model.set_rows([])
        self.notice_label.setVisible(False)
        self.summary_label.setText(self.tr("选择已变更，请重新按“检查名册”。"))

    def _update_buttons(self) -> None:
        ready = bool(self.file_edit.text().strip()) and self.unit_code() is not None and self.plan_code() is not None
        done = self.result is not None
        busy = self.is_busy()
        self.check_button.setEnabled(ready and not busy and not done)
        self.mapping_button.setEnabled(self.reading.table is not None and not busy and not done)
        preview = self.preview
        self.import_button.setEnabled(preview is not None and bool(preview.good) and not busy and not done)
        self.export_button.setEnabled(preview is not None and bool(preview.bad) and not busy)
        self.close_button.setText(self.tr("关闭") if done else self.tr("取消"))
        self.pay_button.setVisible(done and not self.paid)
        if self.unit_code() is None and not done:
            self.check_button.setToolTip(self.tr("请先选择单位：名册中的人员将登记在所选单位。"))
            if self.file_edit.text().strip() and self.preview is None:
                self.summary_label.setText(
                    self.tr("请选择单位：名册中的人员将登记在所选单位（可输入单位名称或代码查找）。")
                )
        else:
            self.check_button.setToolTip("")

    def is_busy(self) -> bool:
        return self._busy or self.reading.busy

    @property
    def progress_dialog(self) -> QProgressDialog | None:
        return self.reading.progress_dialog

    @property
    def mapping_dialog(self) -> ColumnMappingDialog | None:
        return self.reading.mapping_dialog

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _browse(self) -> None:
        path = ask_open_file(
            self,
            self.tr("选择名册文件"),
            self.file_edit.text().strip(),
            self.tr("名册 (*.xlsx *.xls *.csv *.txt);;所有文件 (*)"),
        )
        if path:
            self.file_edit.setText(path)

    @Slot()
    def cancel(self) -> None:
        """Stop the running read, check or import (an import is rolled back)."""
        self.reading.cancel()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self._show_failure(user_message(error, self.tr("出现意外错误，数据没有改动。")))

    def _show_failure(self, text: str) -> None:
        self._show_error(text)
        self._update_buttons()
        self.failed.emit(text)

    # --- checking ---------------------------------------------------------------------------

    @Slot()
    def check(self) -> None:
        """Read the file and check every row (background); unknown headers open the column mapping first."""
        from mutualaid_desktop.services.enrollment.roster_import import check_roster

        if not self.check_button.isEnabled():
            return
        self.result = None
        self._show_error("")
        unit_code, plan_code, today = self.unit_code(), self.plan_code(), self._today()
        if unit_code is None or plan_code is None:
            return  # not offered: 检查名册 is enabled once both are chosen

        def check_for_choice(table: RosterTable, columns: ColumnMatch, **progress: Any) -> ImportPreview:
            return check_roster(self._db, table, unit_code, plan_code, columns=columns, today=today, **progress)

        self.reading.read(self.file_edit.text().strip(), check_for_choice)

    @Slot()
    def choose_columns(self) -> None:
        """Change which column is which, then check again."""
        self.reading.choose_columns()

    def _checked(self, preview: ImportPreview) -> None:
        self.preview = preview
        show_bad_rows(self.bad_view, self.bad_model, preview.bad, preview.columns.mapping)
        self.good_model.set_rows(preview.good)
        self.good_view.resizeColumnsToContents()
        self.tabs.setTabText(0, self.tr("问题行（{count}）").format(count=len(preview.bad)))
        self.tabs.setTabText(1, self.tr("有效行（{count}）").format(count=len(preview.good)))
        self.tabs.setCurrentIndex(0 if preview.bad else 1)
        self.summary_label.setText(
            self.tr("共 {rows} 行：有效 {good} 行（新会员 {new}，已有会员 {old}），有问题 {bad} 行。").format(
                rows=preview.rows, good=len(preview.good), new=preview.new_members, old=preview.existing_members,
                bad=len(preview.bad))
        )  # fmt: skip
        self._show_notices(preview)
        self._update_buttons()
        self.previewReady.emit(preview)

    def _show_notices(self, preview: ImportPreview) -> None:
        lines = []
        if preview.bad:
            lines.append(self.tr("有问题的行不会导入：可按“导出问题行”保存给单位改正后再交来。"))
        unknown = [h for _, h in preview.columns.unknown]
        if unknown:
            lines.append(self.tr("未使用的列：{names}（如需要，请按“列对应…”指定）。").format(names="、".join(unknown)))
        for row, note in preview.notes[:5]:
            lines.append(self.tr("第 {row} 行：{note}").format(row=row, note=note))
        if len(preview.notes) > 5:
            lines.append(self.tr("……另有 {count} 条类似提示。").format(count=len(preview.notes) - 5))
        below = preview.participation.message(after_import=self.result is None) if preview.participation else None
        if below:
            lines.append(below)
        waiting = preview.plan.waiting_notice(preview.today)  # the whole cover in the waiting period
        if waiting and preview.good:
            lines.append(waiting)
        self.notice_label.setText("\n".join(lines))
        self.notice_label.setVisible(bool(lines))

    # --- importing --------------------------------------------------------------------------

    @Slot()
    def run_import(self, waiting_acknowledged: bool = False) -> None:
        """Import the good rows (background, one transaction)."""
        from mutualaid_desktop.services.enrollment.roster_import import import_roster

        if self.preview is None or not self.import_button.isEnabled():
            return
        self._show_error("")
        self.reading.run(
            self.tr("正在导入…"),
            import_roster,
            self._db,
            self._user,
            self.preview,
            skip_bad=True,
            waiting_acknowledged=waiting_acknowledged,
            on_result=self._imported,
            on_error=self._import_failed,
        )

    def _import_failed(self, error: BaseException) -> None:
        from mutualaid_desktop.services.enrollment.enrollment import WaitingConfirmationNeeded

        if not isinstance(error, WaitingConfirmationNeeded):
            self._failed(error)
            return
        # a supervisor: the cover dates, confirmed, then imported
        if ask(
            self,
            self.tr("保障期全部在观察期内"),
            error.message,
            self.tr("请先向单位说明；也可以改为参加下一年度的计划。"),
            yes=self.tr("已说明，仍然导入"),
            no=self.tr("不导入"),
        ):
            self.run_import(waiting_acknowledged=True)
        else:
            self._show_error(self.tr("没有导入：保障期全部在观察期内。"))

    def _imported(self, result: ImportResult) -> None:
        self.result = result
        self.summary_label.setText(
            self.tr("已导入 {count} 人（新会员 {new}，已有会员 {old}），状态为待缴费；未导入 {bad} 行。").format(
                count=result.imported, new=result.new_members, old=result.existing_members, bad=len(result.rejected))
        )  # fmt: skip
        self.summary_label.setStyleSheet("color: #1b5e20;")
        self._update_buttons()
        self.imported.emit(result)

    @Slot()
    def open_payment(self) -> None:
        from mutualaid_desktop.services.enrollment.roster_import import enrollment_ids_of

        if self.result is None or self.paid:
            return
        dialog = PaymentDialog(
            self._db,
            self._user,
            enrollment_ids=enrollment_ids_of(self.result),
            parent=self,
            today=self._today,
            worker=self._worker,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.paymentRecorded.connect(self._paid)
        self.payment_dialog = dialog
        dialog.open()

    def _paid(self, payment) -> None:
        """The premiums were taken: said, and 收款 is not offered again (a second receipt)."""
        self.paid = True
        self.summary_label.setText(
            self.summary_label.text() + "\n" + self.tr("已收款，收据号 {serial}。").format(serial=payment.serial)
        )
        self._update_buttons()
        self.close_button.setFocus()

    # --- bad rows ---------------------------------------------------------------------------

    def _export_clicked(self) -> None:
        if self.preview is None:
            return
        suggested = self.preview.path.with_name(bad_rows_file_name(self.preview.path.name))
        path = ask_save_file(self, self.tr("导出问题行"), suggested, self.tr("Excel 文件 (*.xlsx)"))
        if path:
            self.export_bad_rows(path)

    def export_bad_rows(self, path: str | Path) -> None:
        from mutualaid_desktop.services.enrollment.roster_import import export_bad_rows

        if self.preview is None:
            return
        self._worker.submit(
            export_bad_rows,
            self.preview,
            xlsx_path(path),
            on_result=self._exported,
            on_error=self._failed,
            context=self,
        )

    def _exported(self, path) -> None:
        self._show_error("")
        self.notice_label.setText(self.tr("问题行已保存到 {path}").format(path=path))
        self.notice_label.setVisible(True)

    def reject(self) -> None:
        if self.reading.busy:
            self.cancel()  # the job stops at its next check; the dialog stays until it has
            return
        super().reject()
