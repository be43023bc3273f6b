"""设置 → 计划: the plans (code, name, kind, year, premium, shares, grace and waiting days, minimum
participation rate, 停止参保日, claim materials, 已停用), adding one, next year's from this year's, and
the counter's settings of a plan.

- 从文件添加… reads a plan file (TOML) and shows it in the plan editor (ui/settings/plan_editor_dialog.py);
  保存 checks it as 检查 does, shows a summary of its rules to confirm, and adds it.
- 复制为下一年度… makes next year's text from the chosen plan's stored file (code, name and period
  one year on: services/plans.next_year_plan_text) and opens it in the editor, where the clerk
  changes what changed (the premium, a rate...). 保存 checks the text (a refusal names the field,
  the editor keeps the text and puts the cursor on its line; nothing is saved) and adds the plan.
- A plan, once added, is never changed (its enrollments and claims were made under its rules):
  a new plan year is a new plan, with a new code.
- 最低参保率…, 停止参保日… and 材料清单… change the counter's settings of the chosen plan; 停用…
  withdraws a plan nobody was enrolled in (kept, shown as 已停用, offered to nobody).
Supervisors and administrators add plans and change settings; others see the list. Loads and
saves on the worker.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.services.changes import ENROLLMENTS, PLANS
from mutualaid_desktop.services.permissions import may, why_not
from mutualaid_desktop.ui.common.confirm import ask
from mutualaid_desktop.ui.common.counter_page import CounterPage
from mutualaid_desktop.ui.common.file_dialogs import ask_open_file
from mutualaid_desktop.ui.common.list_table_model import ListTableModel
from mutualaid_desktop.ui.common.widgets import (
    ERROR_COLOR,
    SubmitDialog,
    delete_closed_dialogs,
    list_table,
    selected_row,
)
from mutualaid_desktop.ui.settings.plan_editor_dialog import PlanEditorDialog
from mutualaid_desktop.ui.settings.plan_materials_dialog import MaterialsDialog
from mutualaid_desktop.ui.shell.background import user_message
from mutualaid_desktop.ui.shell.task_runner import TaskRunner

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.store.database import Database

WITHDRAWN_COLOR = "#8a8f98"


class PlansModel(ListTableModel):
    """代码 名称 类型 年度 每份互助金 最多份数 续保宽限 观察期 最低参保率 停止参保日 材料清单 状态."""

    (CODE, NAME, KIND, YEAR, PREMIUM, SHARES, GRACE, WAITING, PARTICIPATION, CLOSES, MATERIALS, STATE) = range(12)
    right_aligned = (PREMIUM, SHARES, GRACE, WAITING, PARTICIPATION)

    def __init__(self, parent=None) -> None:
        super().__init__(parent=parent)
        self.headers = [
            self.tr("代码"),
            self.tr("名称"),
            self.tr("类型"),
            self.tr("年度"),
            self.tr("每份互助金"),
            self.tr("最多份数"),
            self.tr("续保宽限"),
            self.tr("观察期"),
            self.tr("最低参保率"),
            self.tr("停止参保日"),
            self.tr("材料清单"),
            self.tr("状态"),
        ]

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
        if column == self.CLOSES:
            return p.enrollment_closes.isoformat() if p.enrollment_closes else self.tr("未设置")
        if column == self.MATERIALS:
            return self.tr("本计划专用") if p.own_materials else self.tr("默认")
        return self.tr("已停用") if p.withdrawn else self.tr("使用中")

    def role_data(self, p, column: int, role: int):
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.CODE, self.NAME):
            return f"{p.code} {p.name}\n{p.period_start.isoformat()} — {p.period_end.isoformat()}"
        if role == Qt.ItemDataRole.ForegroundRole and p.withdrawn:
            return QColor(WITHDRAWN_COLOR)
        return None


def suggested_closing_day(plan) -> date:
    """The last day on which a new member's cover (from the next day) still outlasts the waiting
    period by a day: period_end - waiting_days - 1, not before the plan's start."""
    return max(plan.period_start, plan.period_end - timedelta(days=plan.waiting_days + 1))


class ClosingDayDialog(SubmitDialog):
    """A plan's 停止参保日: a day within its period, or none."""

    def __init__(self, plan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closingDayDialog")
        self.plan = plan
        self.setWindowTitle(self.tr("停止参保日：{code}").format(code=plan.code))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "停止参保日之后，本计划不再办理新参保（单个参保和名册导入），续保不受影响。"
                "观察期 {days} 天：{day} 以后首次参保的人，整个保障期都在观察期内。"
            ).format(days=plan.waiting_days, day=suggested_closing_day(plan).isoformat())
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.set_check = QCheckBox(self.tr("设置停止参保日(&S)"))
        self.set_check.setObjectName("setCheck")
        self.set_check.setChecked(plan.enrollment_closes is not None)
        layout.addWidget(self.set_check)
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("dateEdit")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        start, end = plan.period_start, plan.period_end
        self.date_edit.setDateRange(QDate(start.year, start.month, start.day), QDate(end.year, end.month, end.day))
        day = plan.enrollment_closes or suggested_closing_day(plan)
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.date_edit.setEnabled(self.set_check.isChecked())
        self.set_check.toggled.connect(self.date_edit.setEnabled)
        layout.addWidget(self.date_edit)
        self.add_error_and_buttons(layout, self.tr("保存"), self.tr("取消"))
        self.error_label.setStyleSheet(f"color: {ERROR_COLOR}")

    def day(self) -> date | None:
        if not self.set_check.isChecked():
            return None
        value = self.date_edit.date()
        return date(value.year(), value.month(), value.day())


class PlansPage(CounterPage):
    changed = Signal()  # the list was (re)loaded
    plan_added = Signal(str)  # the new plan's code

    def __init__(self, db: Database, user: UserInfo, *, worker: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(db, user, worker=worker, parent=parent)
        self.setObjectName("plansPage")
        self.dialog: SubmitDialog | None = None
        self.may_edit = may(user, "edit_plans")
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
        self.closes_button = QPushButton(self.tr("停止参保日…"))
        self.closes_button.setObjectName("closesButton")
        self.closes_button.clicked.connect(self.change_closes)
        self.withdraw_button = QPushButton(self.tr("停用…"))
        self.withdraw_button.setObjectName("withdrawButton")
        self.withdraw_button.clicked.connect(self.withdraw)
        for button in (
            self.add_file_button,
            self.copy_button,
            self.participation_button,
            self.closes_button,
            self.materials_button,
            self.withdraw_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.model = PlansModel(self)
        self.table = list_table("plansTable", self.model)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(PlansModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)
        note = self.tr(
            "计划添加后不再修改：已参保的人和已受理的理赔都按它的规则计算。"
            "新一年度的计划请用“复制为下一年度…”（代码、名称中的年份和保障期间自动顺延一年），"
            "改好互助金等规则后保存为新计划。"
        )
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
        self.add_file_button.setToolTip(why_not(user, "edit_plans") or "")
        self._selection_changed()
        self.reload()

    # --- the list ---------------------------------------------------------------------------

    shows = frozenset({PLANS, ENROLLMENTS})  # each plan's enrollments (one with none may be withdrawn)

    def reload_for(self, changes) -> None:
        self.reload()

    def reload(self, select_code: str | None = None) -> None:
        from mutualaid_desktop.services.admin.plans import list_plan_rows

        chosen = select_code or (self.current().code if self.current() is not None else None)
        self._worker.submit(
            list_plan_rows,
            self._db,
            on_result=lambda rows: self._loaded(rows, chosen),
            on_error=self._failed,
            context=self,
        )

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
        plan = self.current()
        chosen = plan is not None and self.may_edit
        for button in (self.copy_button, self.participation_button, self.materials_button):
            button.setEnabled(chosen)
        self.closes_button.setEnabled(chosen and not plan.withdrawn)
        why = ""
        if plan is not None and plan.withdrawn:
            why = self.tr("计划 {code} 已停用。").format(code=plan.code)
        elif plan is not None and plan.enrollments:
            why = self.tr(
                "计划 {code} 已有 {count} 人次参保，不能停用（已参保和理赔都按它的规则计算）；"
                "如只是不再接受新参保，请设置停止参保日。"
            ).format(code=plan.code, count=plan.enrollments)
        elif not self.may_edit:
            why = self.tr("计划由主管或管理员停用。")
        self.withdraw_button.setEnabled(chosen and not why)
        self.withdraw_button.setToolTip(
            why or self.tr("停用无人参保的计划（如添加错了的计划）：保留，不再用于参保和续保")
        )

    def _failed(self, error: BaseException) -> None:
        self.message_label.setText(user_message(error, self.tr("读取计划时出现意外错误。")))

    # --- adding -----------------------------------------------------------------------------

    @Slot()
    def add_from_file(self) -> None:
        from mutualaid_desktop.services.admin.plans import read_plan_file

        if not self.may_edit:
            return
        path = ask_open_file(self, self.tr("选择计划文件"), "", self.tr("计划文件 (*.toml);;所有文件 (*)"))
        if not path:
            return
        self._worker.submit(
            read_plan_file,
            path,
            context=self,
            on_error=self._failed,
            on_result=lambda text: self._open_editor(
                text,
                title=self.tr("从文件添加计划"),
                intro=self.tr("文件：{path}\n请核对内容，必要时修改，然后保存为新计划。").format(path=path),
            ),
        )

    @Slot()
    def copy_next_year(self) -> None:
        from mutualaid_desktop.services.admin.plans import next_year_plan_text

        plan = self.current()
        if plan is None or not self.may_edit:
            return
        self.message_label.setText(" ")
        self._worker.submit(
            next_year_plan_text,
            self._db,
            plan.code,
            context=self,
            on_error=lambda exc: self._copy_failed(plan.code, exc),
            on_result=lambda text: self._open_editor(
                text,
                source=plan.code,
                title=self.tr("复制为下一年度：{code}").format(code=plan.code),
                intro=self.tr(
                    "由 {code} 复制：代码、名称中的年份和保障期间已顺延一年。"
                    "请核对每份互助金、给付比例等规则，改好后保存为新计划"
                    "（原计划不变）。"
                ).format(code=plan.code),
            ),
        )

    def _copy_failed(self, code: str, error: BaseException) -> None:
        """The file could not be moved on automatically (written in an unusual way): the stored file
        itself, to be changed by hand."""
        from mutualaid_desktop.domain.errors import InputError
        from mutualaid_desktop.services.admin.plans import plan_file_text

        if not isinstance(error, InputError):
            self.message_label.setText(user_message(error, self.tr("没能生成下一年度的计划。")))
            return
        reason = error.message
        self._worker.submit(
            plan_file_text,
            self._db,
            code,
            context=self,
            on_error=lambda exc: self.message_label.setText(user_message(exc, self.tr("没能生成下一年度的计划。"))),
            on_result=lambda text: self._open_editor(
                text,
                source=code,
                title=self.tr("复制为下一年度：{code}").format(code=code),
                intro=self.tr(
                    "没能自动顺延一年：{reason}\n下面是 {code} 的原文件，请手工改好代码、"
                    "名称和保障期间等，再保存为新计划（原计划不变）。"
                ).format(reason=reason, code=code),
            ),
        )

    def _open_editor(self, text: str, *, title: str, intro: str, source: str | None = None) -> None:
        dialog = PlanEditorDialog(
            text, title=title, intro=intro, source=source, parent=self, db=self._db, worker=self._worker
        )
        delete_closed_dialogs(self, dialog, SubmitDialog)
        dialog.submitted.connect(lambda: self._save_plan(dialog))
        self.dialog = dialog
        dialog.open()

    def _save_plan(self, dialog: PlanEditorDialog) -> None:
        """保存: checked as 检查 checks it, its rules confirmed, then added (the text as confirmed)."""
        from mutualaid_desktop.services.admin.plans import check_plan_text

        text = dialog.text()
        self._worker.submit(
            check_plan_text,
            self._db,
            text,
            context=dialog,
            on_result=lambda result: self._confirm_plan(dialog, text, result),
            on_error=dialog.show_refusal,
        )

    def _confirm_plan(self, dialog: PlanEditorDialog, text: str, result) -> None:
        from mutualaid_desktop.services.admin.plans import add_plan_text

        dialog.show_check(result)
        if not dialog.confirm_rules(result):
            dialog.buttons.setEnabled(True)
            dialog.editor.setFocus()
            return
        self._worker.submit(
            add_plan_text,
            self._db,
            self._user,
            text,
            copied_from=dialog.source,
            context=dialog,
            on_result=lambda summary: self._plan_saved(dialog, summary),
            on_error=dialog.show_refusal,
        )

    def _plan_saved(self, dialog: PlanEditorDialog, summary) -> None:
        dialog.saved()
        self.message_label.setText(self.tr("已添加计划：{code} {name}").format(code=summary.code, name=summary.name))
        self.plan_added.emit(summary.code)
        self.reload(summary.code)

    # --- the counter's settings of a plan ----------------------------------------------------

    @Slot()
    def change_participation(self) -> None:
        from mutualaid_desktop.services.admin.plans import change_min_participation

        plan = self.current()
        if plan is None or not self.may_edit:
            return
        pct, ok = QInputDialog.getInt(
            self,
            self.tr("最低参保率：{code}").format(code=plan.code),
            self.tr("单位参保人数占职工人数的百分比低于此数时，参保时提醒经办人（0 表示不提醒）："),
            plan.min_participation_pct,
            0,
            100,
            5,
        )
        if not ok or pct == plan.min_participation_pct:
            return
        self._worker.submit(
            change_min_participation,
            self._db,
            self._user,
            plan.code,
            pct,
            context=self,
            on_error=lambda exc: self.message_label.setText(user_message(exc, self.tr("保存没有成功，数据未改动。"))),
            on_result=lambda _pct: self._setting_saved(
                self.tr("已保存：{code} 的最低参保率为 {count}%").format(code=plan.code, count=pct)
                if pct
                else self.tr("已保存：{code} 不再提示参保率").format(code=plan.code),
                plan.code,
            ),
        )

    @Slot()
    def change_closes(self) -> None:
        plan = self.current()
        if plan is None or not self.may_edit or plan.withdrawn:
            return
        dialog = ClosingDayDialog(plan, self)
        delete_closed_dialogs(self, dialog, SubmitDialog)
        dialog.submitted.connect(lambda: self._save_closes(dialog))
        self.dialog = dialog
        dialog.open()

    def _save_closes(self, dialog: ClosingDayDialog) -> None:
        from mutualaid_desktop.services.admin.plans import change_enrollment_closes

        self._worker.submit(
            change_enrollment_closes,
            self._db,
            self._user,
            dialog.plan.code,
            dialog.day(),
            context=dialog,
            on_result=lambda change: self._closes_saved(dialog, change),
            on_error=lambda exc: dialog.show_error(user_message(exc, self.tr("保存没有成功，数据未改动。"))),
        )

    def _closes_saved(self, dialog: ClosingDayDialog, change) -> None:
        dialog.saved()
        if change.after:
            text = self.tr("已保存：{code} 的停止参保日为 {day}，此后不再办理新参保。").format(
                code=change.code, day=change.after.isoformat()
            )
        else:
            text = self.tr("已保存：{code} 不设停止参保日。").format(code=change.code)
        self._setting_saved(text, change.code)

    @Slot()
    def withdraw(self) -> None:
        from mutualaid_desktop.services.admin.plans import withdraw_plan

        plan = self.current()
        if plan is None or not self.withdraw_button.isEnabled():
            return
        if not ask(
            self,
            self.tr("停用计划"),
            self.tr("停用计划 {code} {name}？").format(code=plan.code, name=plan.name),
            self.tr("停用后，本计划不再出现在参保、名册导入和续保的计划中；计划本身保留在列表中（已停用），不能恢复。"),
            yes=self.tr("停用"),
            no=self.tr("取消"),
        ):
            return
        self._worker.submit(
            withdraw_plan,
            self._db,
            self._user,
            plan.code,
            context=self,
            on_error=lambda exc: self.message_label.setText(user_message(exc, self.tr("停用没有成功，数据未改动。"))),
            on_result=lambda change: self._setting_saved(
                self.tr("已停用计划：{code}").format(code=change.code), change.code
            ),
        )

    @Slot()
    def edit_materials(self) -> None:
        from mutualaid_desktop.services.claims.claim_materials import plan_materials

        plan = self.current()
        if plan is None or not self.may_edit:
            return
        self._worker.submit(
            plan_materials,
            self._db,
            plan.code,
            context=self,
            on_error=self._failed,
            on_result=lambda materials: self._open_materials(plan, materials),
        )

    def _open_materials(self, plan, materials) -> None:
        dialog = MaterialsDialog(plan, materials, self)
        delete_closed_dialogs(self, dialog, SubmitDialog)
        dialog.submitted.connect(lambda: self._save_materials(dialog))
        self.dialog = dialog
        dialog.open()

    def _save_materials(self, dialog: MaterialsDialog) -> None:
        from mutualaid_desktop.services.claims.claim_materials import set_plan_materials

        self._worker.submit(
            set_plan_materials,
            self._db,
            self._user,
            dialog.plan.code,
            dialog.items(),
            context=dialog,
            on_error=lambda exc: dialog.show_error(user_message(exc, self.tr("保存没有成功，数据未改动。"))),
            on_result=lambda _result: self._materials_saved(dialog),
        )

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
