"""设置 → 计划: the plans (code, name, kind, year, premium, shares, grace and waiting days, minimum
participation rate, claim materials), adding one, next year's from this year's, and the counter's
settings of a plan.

- 从文件添加… reads a plan file (TOML) and shows it in the plan editor; 保存 adds it.
- 复制为下一年度… makes next year's text from the chosen plan's stored file (code, name and period
  one year on: services/plans.next_year_plan_text) and opens it in the editor, where the clerk
  changes what changed (the premium, a rate...). 保存 checks the text (a refusal names the field,
  the editor keeps the text and puts the cursor on its line; nothing is saved) and adds the plan.
- A plan, once added, is never changed (its enrollments and claims were made under its rules):
  a new plan year is a new plan, with a new code.
- 最低参保率… and 材料清单… change the counter's settings of the chosen plan.
Supervisors and administrators add plans and change settings; others see the list. Loads and
saves on the worker.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor, QFontDatabase, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.ui.background import Worker, user_message
from mutualaid_desktop.ui.counter_page import CounterPage
from mutualaid_desktop.ui.file_dialogs import ask_open_file
from mutualaid_desktop.ui.list_table_model import ListTableModel
from mutualaid_desktop.ui.widgets import ERROR_COLOR, SubmitDialog, delete_closed_dialogs, list_table, selected_row

if TYPE_CHECKING:
    from mutualaid_desktop.services.users import UserInfo
    from mutualaid_desktop.store.database import Database

EDIT_ROLES = ("supervisor", "admin")
_SECTIONS = ("reimbursement", "lump_sum")


class PlansModel(ListTableModel):
    """代码 名称 类型 年度 每份互助金 最多份数 续保宽限 观察期 最低参保率 材料清单."""

    CODE, NAME, KIND, YEAR, PREMIUM, SHARES, GRACE, WAITING, PARTICIPATION, MATERIALS = range(10)
    right_aligned = (PREMIUM, SHARES, GRACE, WAITING, PARTICIPATION)

    def __init__(self, parent=None) -> None:
        super().__init__(parent=parent)
        self.headers = [self.tr("代码"), self.tr("名称"), self.tr("类型"), self.tr("年度"), self.tr("每份互助金"),
                        self.tr("最多份数"), self.tr("续保宽限"), self.tr("观察期"), self.tr("最低参保率"),
                        self.tr("材料清单")]

    def display(self, p, column: int) -> str:
        from mutualaid_desktop.domain.money import format_amount

        kinds = {"reimbursement": self.tr("住院二次报销"), "lump_sum": self.tr("定额给付")}
        days = self.tr("{count} 天")
        if column == self.CODE:
            return p.code
        if column == self.NAME:
            return p.name
        if column == self.KIND:
            return kinds.get(p.kind, p.kind)
        if column == self.YEAR:
            return p.year_label
        if column == self.PREMIUM:
            return format_amount(p.premium_per_share)
        if column == self.SHARES:
            return str(p.max_shares)
        if column == self.GRACE:
            return days.format(count=p.renewal_grace_days)
        if column == self.WAITING:
            return days.format(count=p.waiting_days)
        if column == self.PARTICIPATION:
            return f"{p.min_participation_pct}%" if p.min_participation_pct else self.tr("不提示")
        return self.tr("本计划专用") if p.own_materials else self.tr("默认")

    def role_data(self, p, column: int, role: int):
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.CODE, self.NAME):
            return f"{p.code} {p.name}\n{p.period_start.isoformat()} — {p.period_end.isoformat()}"
        return None


def error_line(text: str, field: str | None, message: str) -> int | None:
    """The line (0-based) of `text` a plan error is about: the line named in a syntax error, else
    the line that sets the field (in its [section] for reimbursement.* / lump_sum.*); None when the
    field is not written (a missing field)."""
    where = re.search(r"第(\d+)行", message or "")
    lines = text.splitlines()
    if field is None:
        return int(where.group(1)) - 1 if where and int(where.group(1)) <= len(lines) else None
    parts = [re.sub(r"\[\d+\]$", "", part) for part in field.split(".")]
    start = 0
    section = None
    if len(parts) > 1 and parts[0] in _SECTIONS:
        section = parts[0]
        header = re.compile(rf"^\s*\[{section}\]")
        found = next((i for i, line in enumerate(lines) if header.match(line)), None)
        if found is None:
            return None
        start = found + 1
        parts = parts[1:]
    key = re.compile(rf"^\s*\"?{re.escape(parts[0])}\"?\s*=")
    for i in range(start, len(lines)):
        if section is None and re.match(r"^\s*\[", lines[i]):
            break
        if section is not None and i > start and re.match(r"^\s*\[(?!\[)", lines[i]):
            break
        if key.match(lines[i]):
            return i
    if section is not None:
        return start - 1  # the section itself (e.g. an unknown field in it)
    return None


class PlanEditorDialog(SubmitDialog):
    """A plan's text in a monospace editor: 检查 (without saving), 保存 (emits `submitted`: the
    page adds it), 取消. `source` is the code of the plan it was copied from (None for a file)."""

    def __init__(self, text: str, *, title: str, intro: str, source: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planEditorDialog")
        self.source = source
        self.setWindowTitle(title)
        self.resize(760, 640)
        layout = QVBoxLayout(self)
        self.intro_label = QLabel(intro)
        self.intro_label.setObjectName("introLabel")
        self.intro_label.setWordWrap(True)
        layout.addWidget(self.intro_label)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("planEditor")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), self.font().pointSizeF()))
        self.editor.setFont(font)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setTabChangesFocus(True)
        self.editor.setPlainText(text)
        self.editor.textChanged.connect(self._edited)
        layout.addWidget(self.editor, 1)
        row = QHBoxLayout()
        self.check_button = QPushButton(self.tr("检查"))
        self.check_button.setObjectName("checkButton")
        self.check_button.setAutoDefault(False)
        self.check_button.clicked.connect(self.check)
        row.addWidget(self.check_button)
        self.check_label = QLabel(" ")
        self.check_label.setObjectName("checkLabel")
        self.check_label.setWordWrap(True)
        row.addWidget(self.check_label, 1)
        layout.addLayout(row)
        self.add_error_and_buttons(layout, self.tr("保存为新计划"), self.tr("取消"))
        self.error_label.setStyleSheet(f"color: {ERROR_COLOR}")
        self.editor.setFocus()

    def text(self) -> str:
        return self.editor.toPlainText()

    def reject(self) -> None:
        """取消/Esc: a text that was edited is given up only when the clerk says so."""
        if self.editor.document().isModified() and self.buttons.isEnabled():
            answer = QMessageBox.question(self, self.tr("放弃修改"), self.tr("编辑过的计划文件还没有保存，确定放弃吗？"),
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()

    def _edited(self) -> None:
        self.editor.setExtraSelections([])
        self.check_label.setText(" ")

    @Slot()
    def check(self) -> bool:
        """Check the text (nothing saved): its summary, or the error at its line."""
        from mutualaid_desktop.domain.errors import InputError
        from mutualaid_desktop.domain.money import format_amount
        from mutualaid_desktop.services.plans import check_plan_text

        try:
            summary = check_plan_text(self.text())
        except InputError as exc:
            self.show_plan_error(exc)
            return False
        self.error_label.setVisible(False)
        kinds = {"reimbursement": self.tr("住院二次报销"), "lump_sum": self.tr("定额给付")}
        self.check_label.setText(self.tr("检查通过：{code} {name}，{kind}，每份 {amount}，{start} 至 {end}。").format(
            code=summary.code, name=summary.name, kind=kinds.get(summary.kind, summary.kind),
            amount=format_amount(summary.premium_per_share), start=summary.period_start.isoformat(),
            end=summary.period_end.isoformat()))
        return True

    def show_plan_error(self, error) -> None:
        """A refusal of the text: the message (it names the field) and the cursor on its line."""
        self.show_error(self.tr("计划文件有误，未保存：{reason}").format(reason=error.message))
        line = error_line(self.text(), error.field, error.message)
        if line is None:
            return
        block = self.editor.document().findBlockByNumber(line)
        cursor = QTextCursor(block)
        self.editor.setTextCursor(cursor)
        self.editor.centerCursor()
        mark = QTextEdit.ExtraSelection()
        mark.format.setBackground(QColor("#fde2e1"))
        mark.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        mark.cursor = cursor
        self.editor.setExtraSelections([mark])
        self.editor.setFocus()


class MaterialsDialog(SubmitDialog):
    """A plan's claim materials checklist: one row per item (name, required, only for some
    diagnoses); 恢复默认 puts back the default list of the plan's kind (saved as "the default")."""

    NAME, REQUIRED, ONLY_FOR = range(3)

    def __init__(self, plan, materials, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("materialsDialog")
        self.plan = plan
        self.use_default = not plan.own_materials
        self.setWindowTitle(self.tr("材料清单：{code}").format(code=plan.code))
        self.resize(620, 460)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("理赔时要交的材料（受理时逐项勾选；必交的缺了，理赔等待补交）。"
                               "“仅限诊断”填疾病名称，多个用 / 分开：只有这些诊断必须交。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("materialsTable")
        self.table.setHorizontalHeaderLabels([self.tr("材料名称"), self.tr("必须提交"), self.tr("仅限诊断")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(self.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(self.ONLY_FOR, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_row_button = QPushButton(self.tr("增加一项"))
        self.add_row_button.setObjectName("addRowButton")
        self.add_row_button.clicked.connect(self.add_row)
        self.remove_row_button = QPushButton(self.tr("删除所选"))
        self.remove_row_button.setObjectName("removeRowButton")
        self.remove_row_button.clicked.connect(self.remove_row)
        self.default_button = QPushButton(self.tr("恢复默认"))
        self.default_button.setObjectName("defaultButton")
        self.default_button.clicked.connect(self.restore_default)
        for button in (self.add_row_button, self.remove_row_button, self.default_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.state_label = QLabel(" ")
        self.state_label.setObjectName("stateLabel")
        layout.addWidget(self.state_label)
        self.add_error_and_buttons(layout, self.tr("保存"), self.tr("取消"))
        self.error_label.setStyleSheet(f"color: {ERROR_COLOR}")
        self._fill(materials)
        self.use_default = not plan.own_materials
        self._show_state()
        self.table.itemChanged.connect(self._changed)

    def _fill(self, materials) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for m in materials:
            self._append(m.name, m.required, "/".join(m.only_for))
        self.table.blockSignals(False)

    def _append(self, name: str, required: bool, only_for: str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, self.NAME, QTableWidgetItem(name))
        check = QTableWidgetItem(self.tr("必交"))
        check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
        check.setCheckState(Qt.CheckState.Checked if required else Qt.CheckState.Unchecked)
        self.table.setItem(row, self.REQUIRED, check)
        self.table.setItem(row, self.ONLY_FOR, QTableWidgetItem(only_for))
        return row

    def _changed(self, *_args) -> None:
        self.use_default = False
        self._show_state()

    def _show_state(self) -> None:
        self.state_label.setText(self.tr("现在用的是默认清单。") if self.use_default
                                 else self.tr("本计划专用清单。"))

    @Slot()
    def add_row(self) -> None:
        self.table.blockSignals(True)
        row = self._append("", True, "")
        self.table.blockSignals(False)
        self._changed()
        self.table.setCurrentCell(row, self.NAME)
        self.table.editItem(self.table.item(row, self.NAME))

    @Slot()
    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._changed()

    @Slot()
    def restore_default(self) -> None:
        from mutualaid_desktop.services.claim_materials import DEFAULT_MATERIALS

        self._fill(DEFAULT_MATERIALS[self.plan.kind])
        self.use_default = True
        self._show_state()

    def items(self) -> list[dict] | None:
        """The list to save (None: the default of the plan's kind); rows without a name are left out."""
        if self.use_default:
            return None
        out = []
        for row in range(self.table.rowCount()):
            name = (self.table.item(row, self.NAME).text() if self.table.item(row, self.NAME) else "").strip()
            if not name:
                continue
            only_for = self.table.item(row, self.ONLY_FOR).text() if self.table.item(row, self.ONLY_FOR) else ""
            required = self.table.item(row, self.REQUIRED).checkState() == Qt.CheckState.Checked
            out.append({"name": name, "required": required, "only_for": only_for})
        return out


class PlansPage(CounterPage):
    changed = Signal()  # the list was (re)loaded
    plan_added = Signal(str)  # the new plan's code

    def __init__(self, db: Database, user: UserInfo, *, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(db, user, worker=worker, parent=parent)
        self.setObjectName("plansPage")
        self.dialog: SubmitDialog | None = None
        self.may_edit = user.role in EDIT_ROLES
        layout = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.add_file_button = QPushButton(self.tr("从文件添加…"))
        self.add_file_button.setObjectName("addFileButton")
        self.add_file_button.clicked.connect(self.add_from_file)
        self.copy_button = QPushButton(self.tr("复制为下一年度…"))
        self.copy_button.setObjectName("copyButton")
        self.copy_button.clicked.connect(self.copy_next_year)
        self.participation_button = QPushButton(self.tr("最低参保率…"))
        self.participation_button.setObjectName("participationButton")
        self.participation_button.clicked.connect(self.change_participation)
        self.materials_button = QPushButton(self.tr("材料清单…"))
        self.materials_button.setObjectName("materialsButton")
        self.materials_button.clicked.connect(self.edit_materials)
        for button in (self.add_file_button, self.copy_button, self.participation_button, self.materials_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.model = PlansModel(self)
        self.table = list_table("plansTable", self.model)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(PlansModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)
        note = self.tr("计划添加后不再修改：已参保的人和已受理的理赔都按它的规则计算。"
                       "新一年度的计划请用“复制为下一年度…”（代码、名称中的年份和保障期间自动顺延一年），"
                       "改好互助金等规则后保存为新计划。")
        if not self.may_edit:
            note += self.tr("计划由主管或管理员添加和设置，您可以查看。")
        self.note_label = QLabel(note)
        self.note_label.setObjectName("noteLabel")
        self.note_label.setWordWrap(True)
        layout.addWidget(self.note_label)
        self.message_label = QLabel(" ")
        self.message_label.setObjectName("messageLabel")
        self.message_label.setWordWrap(True)
        layout.addWidget(self.message_label)
        self.add_file_button.setEnabled(self.may_edit)
        self._selection_changed()
        self.reload()

    # --- the list ---------------------------------------------------------------------------

    def reload(self, select_code: str | None = None) -> None:
        from mutualaid_desktop.services.plans import list_plan_rows

        chosen = select_code or (self.current().code if self.current() is not None else None)
        self._worker.submit(list_plan_rows, self._db, on_result=lambda rows: self._loaded(rows, chosen),
                            on_error=self._failed, context=self)

    def _loaded(self, rows, chosen: str | None) -> None:
        self.model.set_rows(rows)
        for i, p in enumerate(rows):
            if p.code == chosen:
                self.table.selectRow(i)
        if self.current() is None and rows:
            self.table.selectRow(0)
        self._selection_changed()
        self.changed.emit()

    def current(self):
        return selected_row(self.table)

    def _selection_changed(self, *_args) -> None:
        chosen = self.current() is not None and self.may_edit
        for button in (self.copy_button, self.participation_button, self.materials_button):
            button.setEnabled(chosen)

    def _failed(self, error: BaseException) -> None:
        self.message_label.setText(user_message(error, self.tr("读取计划时出现意外错误。")))

    # --- adding -----------------------------------------------------------------------------

    @Slot()
    def add_from_file(self) -> None:
        from mutualaid_desktop.services.plans import read_plan_file

        if not self.may_edit:
            return
        path = ask_open_file(self, self.tr("选择计划文件"), "", self.tr("计划文件 (*.toml);;所有文件 (*)"))
        if not path:
            return
        self._worker.submit(read_plan_file, path, context=self, on_error=self._failed,
                            on_result=lambda text: self._open_editor(
                                text, title=self.tr("从文件添加计划"),
                                intro=self.tr("文件：{path}\n请核对内容，必要时修改，然后保存为新计划。").format(path=path)))

    @Slot()
    def copy_next_year(self) -> None:
        from mutualaid_desktop.services.plans import next_year_plan_text

        plan = self.current()
        if plan is None or not self.may_edit:
            return
        self.message_label.setText(" ")
        self._worker.submit(next_year_plan_text, self._db, plan.code, context=self,
                            on_error=lambda exc: self._copy_failed(plan.code, exc),
                            on_result=lambda text: self._open_editor(
                                text, source=plan.code, title=self.tr("复制为下一年度：{code}").format(code=plan.code),
                                intro=self.tr("由 {code} 复制：代码、名称中的年份和保障期间已顺延一年。"
                                              "请核对每份互助金、给付比例等规则，改好后保存为新计划"
                                              "（原计划不变）。").format(code=plan.code)))

    def _copy_failed(self, code: str, error: BaseException) -> None:
        """The file could not be moved on automatically (written in an unusual way): the stored file
        itself, to be changed by hand."""
        from mutualaid_desktop.domain.errors import InputError
        from mutualaid_desktop.services.plans import plan_file_text

        if not isinstance(error, InputError):
            self.message_label.setText(user_message(error, self.tr("没能生成下一年度的计划。")))
            return
        reason = error.message
        self._worker.submit(plan_file_text, self._db, code, context=self,
                            on_error=lambda exc: self.message_label.setText(
                                user_message(exc, self.tr("没能生成下一年度的计划。"))),
                            on_result=lambda text: self._open_editor(
                                text, source=code, title=self.tr("复制为下一年度：{code}").format(code=code),
                                intro=self.tr("没能自动顺延一年：{reason}\n下面是 {code} 的原文件，请手工改好代码、"
                                              "名称和保障期间等，再保存为新计划（原计划不变）。").format(
                                                  reason=reason, code=code)))

    def _open_editor(self, text: str, *, title: str, intro: str, source: str | None = None) -> None:
        dialog = PlanEditorDialog(text, title=title, intro=intro, source=source, parent=self)
        delete_closed_dialogs(self, dialog, SubmitDialog)
        dialog.submitted.connect(lambda: self._save_plan(dialog))
        self.dialog = dialog
        dialog.open()

    def _save_plan(self, dialog: PlanEditorDialog) -> None:
        from mutualaid_desktop.services.plans import add_plan_text

        self._worker.submit(add_plan_text, self._db, self._user, dialog.text(), copied_from=dialog.source,
                            context=dialog, on_result=lambda summary: self._plan_saved(dialog, summary),
                            on_error=lambda exc: self._plan_refused(dialog, exc))

    def _plan_refused(self, dialog: PlanEditorDialog, error: BaseException) -> None:
        from mutualaid_desktop.domain.errors import InputError

        if isinstance(error, InputError):
            dialog.show_plan_error(error)
        else:
            dialog.show_error(user_message(error, self.tr("保存没有成功，没有添加计划。")))

    def _plan_saved(self, dialog: PlanEditorDialog, summary) -> None:
        dialog.saved()
        self.message_label.setText(self.tr("已添加计划：{code} {name}").format(code=summary.code, name=summary.name))
        self.plan_added.emit(summary.code)
        self.reload(summary.code)

    # --- the counter's settings of a plan ----------------------------------------------------

    @Slot()
    def change_participation(self) -> None:
        from mutualaid_desktop.services.plans import change_min_participation

        plan = self.current()
        if plan is None or not self.may_edit:
            return
        pct, ok = QInputDialog.getInt(
            self, self.tr("最低参保率：{code}").format(code=plan.code),
            self.tr("单位参保人数占职工人数的百分比低于此数时，参保时提醒经办人（0 表示不提醒）："),
            plan.min_participation_pct, 0, 100, 5)
        if not ok or pct == plan.min_participation_pct:
            return
        self._worker.submit(change_min_participation, self._db, self._user, plan.code, pct, context=self,
                            on_error=lambda exc: self.message_label.setText(
                                user_message(exc, self.tr("保存没有成功，数据未改动。"))),
                            on_result=lambda _pct: self._setting_saved(
                                self.tr("已保存：{code} 的最低参保率为 {count}%").format(code=plan.code, count=pct)
                                if pct else self.tr("已保存：{code} 不再提示参保率").format(code=plan.code),
                                plan.code))

    @Slot()
    def edit_materials(self) -> None:
        from mutualaid_desktop.services.claim_materials import plan_materials

        plan = self.current()
        if plan is None or not self.may_edit:
            return
        self._worker.submit(plan_materials, self._db, plan.code, context=self, on_error=self._failed,
                            on_result=lambda materials: self._open_materials(plan, materials))

    def _open_materials(self, plan, materials) -> None:
        dialog = MaterialsDialog(plan, materials, self)
        delete_closed_dialogs(self, dialog, SubmitDialog)
        dialog.submitted.connect(lambda: self._save_materials(dialog))
        self.dialog = dialog
        dialog.open()

    def _save_materials(self, dialog: MaterialsDialog) -> None:
        from mutualaid_desktop.services.claim_materials import set_plan_materials

        self._worker.submit(set_plan_materials, self._db, self._user, dialog.plan.code, dialog.items(), context=dialog,
                            on_error=lambda exc: dialog.show_error(user_message(exc, self.tr("保存没有成功，数据未改动。"))),
                            on_result=lambda _result: self._materials_saved(dialog))

    def _materials_saved(self, dialog: MaterialsDialog) -> None:
        code = dialog.plan.code
        dialog.saved()
        if dialog.items():
            self._setting_saved(self.tr("已保存：{code} 的材料清单（本计划专用）").format(code=code), code)
        else:
            self._setting_saved(self.tr("已保存：{code} 的材料清单（默认）").format(code=code), code)

    def _setting_saved(self, message: str, code: str) -> None:
        self.message_label.setText(message)
        self.reload(code)
