"""参保: single enrollment at the counter, and the door to roster import.

Type or scan the ID number and press Enter: birth date, sex and age fill in and are checked
against the chosen plan's age limits at once (age on the planned cover start); a person already
on file fills in their name (ui/enrollment/person_entry.py). Enter moves to the next field; on 保存 the enrollment is created,
pending payment, and listed below; 收款 takes the premiums of the enrollments listed (the
payment dialog). 导入名册 opens the roster import. A unit below the plan's minimum participation
rate gets a warning, never a refusal.

Editing the ID number after a person was entered starts a new person: the name, phone and
employee number of the previous one are cleared (unit, plan and shares stay). After a payment the
focus is back in the ID field, ready for the next card. The plans offered are those that take a
new enrollment today (services/enrollment: not past their 停止参保日, not withdrawn), loaded again
when a change report touches units or plans (ui/common/counter_page.py). A plan whose rest of cover lies wholly in the waiting period for a
new member is said under the plan; saving such an enrollment is refused for a clerk, and a
supervisor is asked to confirm the cover dates first (services/enrollment.check_waiting).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.domain import clock
from mutualaid_desktop.services.changes import PLANS, UNITS
from mutualaid_desktop.ui.common.confirm import ask
from mutualaid_desktop.ui.common.counter_page import CounterPage
from mutualaid_desktop.ui.common.field_marks import mark_invalid, unmark_invalid
from mutualaid_desktop.ui.common.widgets import (
    accept_typed_item,
    chosen_data,
    disable_while_working,
    enable_after_work,
    focus_next_in,
    is_enter_press,
    searchable_combo,
)
from mutualaid_desktop.ui.enrollment.enrollment_dialogs import EnrollmentDialogs
from mutualaid_desktop.ui.enrollment.enrollment_saved_model import SavedModel
from mutualaid_desktop.ui.enrollment.payment_dialog import PaymentDialog
from mutualaid_desktop.ui.enrollment.person_entry import PersonEntry
from mutualaid_desktop.ui.shell.background import user_message
from mutualaid_desktop.ui.shell.fonts import scaled
from mutualaid_desktop.ui.shell.task_runner import TaskRunner

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.enrollment.enrollment import EnrollmentResult, PlanChoice
    from mutualaid_desktop.store.database import Database
    from mutualaid_desktop.ui.enrollment.roster_import_dialog import RosterImportDialog

PAGE_STYLE = """
QFrame#formCard { background: #ffffff; border: 1px solid #d5dbe3; border-radius: 8px; }
QLabel#personLabel[state="ok"] { color: #1b5e20; }
QLabel#personLabel[state="error"] { color: #b3261e; }
QLabel#messageLabel[state="ok"] { color: #1b5e20; }
QLabel#messageLabel[state="error"] { color: #b3261e; }
QLabel#messageLabel[state="warning"] { color: #b3261e; font-weight: bold; }
QLabel#participationLabel { color: #8a5300; }
QLabel#waitingLabel { color: #8a5300; }
QLineEdit[invalid="true"] { border: 2px solid #b3261e; border-radius: 3px; }
QLabel#premiumLabel { color: #1f4e79; }
"""


class EnrollmentPage(EnrollmentDialogs, CounterPage):
    """The 参保 page. `enrolled` carries each EnrollmentResult; `rosterImported` an ImportResult."""

    enrolled = Signal(object)
    rosterImported = Signal(object)
    choicesLoaded = Signal()
    saveFailed = Signal(str)

    def __init__(
        self,
        db: Database,
        user: UserInfo,
        *,
        worker: TaskRunner,
        parent: QWidget | None = None,
        today: Callable[[], date] = clock.today,
    ) -> None:
        super().__init__(db, user, worker=worker, parent=parent, today=today)
        self.setObjectName("enrollmentPage")
        self._plans: dict[str, PlanChoice] = {}
        self._saving = False
        self._import_dialog: RosterImportDialog | None = None
        self._payment_dialog: PaymentDialog | None = None
        self._build()
        self.reload_choices()

    # --- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        self.setStyleSheet(PAGE_STYLE)
        base = QApplication.font()
        self.import_button = QPushButton(self.tr("导入名册…"))
        self.import_button.setObjectName("importButton")
        self.import_button.setToolTip(self.tr("导入单位交来的职工名册（.xlsx、.xls、.csv）"))
        self.import_button.clicked.connect(self.open_import)
        outer = self.page_layout(self.tr("参保登记"), self.import_button)

        card = QFrame()
        card.setObjectName("formCard")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(20, 16, 20, 16)
        card_layout.addLayout(self._build_form(base))
        self.participation_label = QLabel()
        self.participation_label.setObjectName("participationLabel")
        self.participation_label.setWordWrap(True)
        self.participation_label.setVisible(False)
        card_layout.addWidget(self.participation_label)
        self.waiting_label = QLabel()
        self.waiting_label.setObjectName("waitingLabel")
        self.waiting_label.setWordWrap(True)
        self.waiting_label.setVisible(False)
        card_layout.addWidget(self.waiting_label)
        card_layout.addLayout(self._build_buttons())
        self.message_label = QLabel(" ")
        self.message_label.setObjectName("messageLabel")
        self.message_label.setWordWrap(True)
        card_layout.addWidget(self.message_label)
        outer.addWidget(card)
        self._build_saved_list(outer, base)
        self._connect_keyboard()

    def _build_form(self, base: QFont) -> QFormLayout:
        """The person (ID number, name, phone, employee number), the unit, the plan, the shares, the premium."""
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.setHorizontalSpacing(14)
        self.form.setVerticalSpacing(10)

        self.id_edit = QLineEdit()
        self.id_edit.setObjectName("idEdit")
        self.id_edit.setMaxLength(30)
        self.id_edit.setFont(scaled(base, 1.25))
        self.id_edit.setPlaceholderText(self.tr("输入或扫描身份证号码，按回车"))
        self.person_entry = PersonEntry(self, self._db, worker=self._worker, today=self._today)
        self.person_entry.failed.connect(self._failed)
        self.setFocusProxy(self.id_edit)  # entered from the navigation: ready for the card reader
        self.form.addRow(self.tr("身份证号码"), self.id_edit)
        self.person_label = QLabel(" ")
        self.person_label.setObjectName("personLabel")
        self.person_label.setWordWrap(True)
        self.form.addRow("", self.person_label)

        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setMaxLength(64)
        self.form.addRow(self.tr("姓名"), self.name_edit)
        self.phone_edit = QLineEdit()
        self.phone_edit.setObjectName("phoneEdit")
        self.phone_edit.setMaxLength(32)
        self.form.addRow(self.tr("手机"), self.phone_edit)
        self.employee_edit = QLineEdit()
        self.employee_edit.setObjectName("employeeEdit")
        self.employee_edit.setMaxLength(32)
        self.form.addRow(self.tr("工号"), self.employee_edit)

        self.unit_combo = searchable_combo("unitCombo")
        self._unit_line().setPlaceholderText(self.tr("输入单位名称或代码查找"))
        self.unit_combo.currentIndexChanged.connect(self._unit_changed)
        self.form.addRow(self.tr("单位"), self.unit_combo)
        self.plan_combo = QComboBox()
        self.plan_combo.setObjectName("planCombo")
        self.plan_combo.currentIndexChanged.connect(self._plan_changed)
        self.form.addRow(self.tr("计划"), self.plan_combo)
        self.shares_spin = QSpinBox()
        self.shares_spin.setObjectName("sharesSpin")
        self.shares_spin.setRange(1, 1)
        self.shares_spin.setSuffix(self.tr(" 份"))
        self.shares_spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.PlusMinus)
        self.shares_spin.valueChanged.connect(self._show_premium)
        self.form.addRow(self.tr("份数"), self.shares_spin)
        self.premium_label = QLabel(" ")
        self.premium_label.setObjectName("premiumLabel")
        self.premium_label.setFont(scaled(base, 1.1, bold=True))
        self.form.addRow(self.tr("应缴互助金"), self.premium_label)
        return self.form

    def _build_buttons(self) -> QHBoxLayout:
        """保存, 清空 and 收款."""
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setMinimumHeight(34)
        self.save_button.setMinimumWidth(110)
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton(self.tr("清空"))
        self.clear_button.setObjectName("clearButton")
        self.clear_button.setMinimumHeight(34)
        self.clear_button.clicked.connect(self.clear_person)
        self.pay_button = QPushButton(self.tr("收款"))
        self.pay_button.setObjectName("payButton")
        self.pay_button.setMinimumHeight(34)
        self.pay_button.setToolTip(self.tr("收取下表中待缴费人员的互助金"))
        self.pay_button.clicked.connect(self.open_payment)
        self.pay_button.setEnabled(False)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.pay_button)
        return buttons

    def _build_saved_list(self, outer: QVBoxLayout, base: QFont) -> None:
        """本次办理: the enrollments saved here and not yet paid."""
        saved_title = QLabel(self.tr("本次办理（待缴费）"))
        saved_title.setFont(scaled(base, 1.05, bold=True))
        outer.addWidget(saved_title)
        self.saved_model = SavedModel(self)
        self.saved_view = QTableView()
        self.saved_view.setObjectName("savedView")
        self.saved_view.setModel(self.saved_model)
        self.saved_view.verticalHeader().setVisible(False)
        self.saved_view.setAlternatingRowColors(True)
        self.saved_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.saved_view.horizontalHeader().setStretchLastSection(True)
        self.saved_view.horizontalHeader().setMinimumSectionSize(60)
        outer.addWidget(self.saved_view, 1)

    def _connect_keyboard(self) -> None:
        """Enter moves to the next field; on 保存 it saves."""
        self._chain: list[QWidget] = [self.id_edit, self.name_edit, self.phone_edit, self.employee_edit,
                                      self.unit_combo, self.plan_combo, self.shares_spin, self.save_button]  # fmt: skip
        for widget in self._chain:
            widget.installEventFilter(self)
        self._unit_line().installEventFilter(self)
        self.setTabOrder(self.id_edit, self.name_edit)
        for edit in (self.id_edit, self.name_edit, self.phone_edit, self.employee_edit):
            edit.textEdited.connect(lambda _text, w=edit: unmark_invalid(w))

    def _unit_line(self) -> QLineEdit:
        line = self.unit_combo.lineEdit()
        assert line is not None  # a searchable combo is editable
        return line

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self.window().focusWidget() is None:  # shown on its own; in the window, see ui/shell/navigation.py
            self.id_edit.setFocus(Qt.FocusReason.OtherFocusReason)  # ready for the card reader

    # --- keyboard ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if is_enter_press(event):
            if watched is self.unit_combo.lineEdit():
                watched = self.unit_combo
            if watched is self.id_edit:
                self.id_entered()
                return True
            if watched is self.save_button:
                self.save()
                return True
            if watched in self._chain:
                if watched is self.unit_combo:
                    accept_typed_item(self.unit_combo)
                focus_next_in(self._chain, watched, self)
                return True
        return super().eventFilter(watched, event)

    # --- choices ----------------------------------------------------------------------------

    shows = frozenset({UNITS, PLANS})  # a unit or plan added, closed or withdrawn elsewhere: offered at once

    def reload_for(self, changes) -> None:
        self.reload_choices()

    def reload_choices(self) -> None:
        from mutualaid_desktop.services.enrollment.enrollment import enrollment_choices

        self._worker.submit(
            enrollment_choices,
            self._db,
            self._today(),
            on_result=self._choices_loaded,
            on_error=self._failed,
            context=self,
        )

    def _choices_loaded(self, choices) -> None:
        units, plans = choices
        unit, plan = self.unit_code(), self.plan_code()
        self._plans = {p.code: p for p in plans}
        for combo, items, current in ((self.unit_combo, units, unit), (self.plan_combo, plans, plan)):
            combo.blockSignals(True)
            combo.clear()
            for item in items:
                combo.addItem(item.label(), item.code)
            index = combo.findData(current) if current else -1
            combo.setCurrentIndex(index if index >= 0 else (-1 if combo is self.unit_combo else 0))
            combo.blockSignals(False)
        if not plans:
            self._message(self.tr("没有可参保的计划：请先在“计划”中添加本年度计划。"), "error")
        self._plan_changed()
        self.choicesLoaded.emit()

    def unit_code(self) -> str | None:
        return chosen_data(self.unit_combo)

    def plan_code(self) -> str | None:
        return self.plan_combo.currentData()

    def plan(self) -> PlanChoice | None:
        return self._plans.get(self.plan_code() or "")

    def _unit_changed(self) -> None:
        self._check_participation()

    def _plan_changed(self) -> None:
        plan = self.plan()
        self.shares_spin.setRange(1, plan.max_shares if plan else 1)
        self.shares_spin.setEnabled(bool(plan and plan.max_shares > 1))
        self.person_entry.show()
        self._show_premium()
        self._show_waiting()
        self._check_participation()
        self.person_entry.look_up_again()

    def _show_premium(self) -> None:
        from mutualaid_desktop.domain.money import format_amount

        plan = self.plan()
        if plan is None:
            self.premium_label.setText(" ")
            return
        amount = plan.premium_per_share * self.shares_spin.value()
        self.premium_label.setText(
            self.tr("{amount}（每份 {per_share}）").format(
                amount=format_amount(amount), per_share=format_amount(plan.premium_per_share)
            )
        )

    def _show_waiting(self) -> None:
        """The chosen plan's rest of cover lies wholly in the waiting period for a new member."""
        from mutualaid_desktop.services.permissions import may

        plan = self.plan()
        notice = plan.waiting_notice(self._today()) if plan is not None else None
        if notice:
            notice += "\n" + (
                self.tr("首次参保（或断保）的人参加本计划，需由您确认后办理。")
                if may(self._user, "override_waiting")
                else self.tr("经办人不能为首次参保（或断保）的人办理本计划，请选择下一年度的计划或请主管办理。")
            )
        self.waiting_label.setText(notice or "")
        self.waiting_label.setVisible(bool(notice))

    # --- the person (ui/enrollment/person_entry.py) ----------------------------------------

    @Slot()
    def id_entered(self) -> None:
        """Enter in the ID field (or a card reader's Enter): check and fill in, then go on."""
        self.person_entry.entered()

    def parse_id(self) -> bool:
        return self.person_entry.parse()

    def person_problem(self) -> str | None:
        """What the live check says about the person and the chosen plan (None: fine)."""
        return self.person_entry.problem()

    # --- participation ----------------------------------------------------------------------

    def _check_participation(self) -> None:
        from mutualaid_desktop.services.enrollment.enrollment import participation

        unit, plan = self.unit_code(), self.plan_code()
        if not unit or not plan:
            self.participation_label.setVisible(False)
            return
        self._worker.submit(
            participation,
            self._db,
            unit,
            plan,
            on_result=self._show_participation,
            on_error=lambda _e: None,
            context=self,
        )

    def _show_participation(self, rate) -> None:
        message = rate.message()
        self.participation_label.setText(message or "")
        self.participation_label.setVisible(bool(message))

    # --- saving -----------------------------------------------------------------------------

    @Slot()
    def save(self, waiting_acknowledged: bool = False) -> None:
        from mutualaid_desktop.services.enrollment.enrollment import enroll_member

        if self._saving:
            return
        if self.person_entry.person is None and not self.parse_id():
            self.id_edit.setFocus()
            self._message(self.person_label.text(), "error")
            return
        person = self.person_entry.person
        assert person is not None  # parse_id set it
        if self.unit_code() is None:
            self._message(self.tr("请选择单位（可输入单位名称查找）。"), "error")
            self.unit_combo.setFocus()
            return
        if self.plan_code() is None:
            self._message(self.tr("请选择计划。"), "error")
            return
        self._saving = True
        disable_while_working(self.save_button)
        self._worker.submit(
            enroll_member, self._db, self._user, id_number=person.normalized, name=self.name_edit.text(),
            phone=self.phone_edit.text(), employee_no=self.employee_edit.text(), unit_code=self.unit_code(),
            plan_code=self.plan_code(), shares=self.shares_spin.value(), today=self._today(),
            waiting_acknowledged=waiting_acknowledged, on_result=self._saved, on_error=self._save_failed, context=self,
        )  # fmt: skip

    def _saved(self, result: EnrollmentResult) -> None:
        from mutualaid_desktop.domain.money import format_amount

        self._saving = False
        enable_after_work(self.save_button)
        self.saved_model.add(result)
        self.saved_view.resizeColumnsToContents()
        text = self.tr("已保存：{name} 参保 {plan}，待缴费 {amount}。").format(
            name=result.name, plan=result.plan_code, amount=format_amount(result.premium)
        )
        if result.warnings:
            text += "\n" + "\n".join(result.warnings)
        # the whole cover inside the waiting period: said before money is taken (收款 asks again)
        self._message(text, "warning" if result.waiting_warning else "ok")
        self.pay_button.setEnabled(bool(self.saved_model.unpaid_ids()))
        self.clear_person()
        self._check_participation()
        self.enrolled.emit(result)

    def _save_failed(self, error: BaseException) -> None:
        from mutualaid_desktop.services.enrollment.enrollment import WaitingConfirmationNeeded

        self._saving = False
        enable_after_work(self.save_button)
        if isinstance(error, WaitingConfirmationNeeded):  # a supervisor: the cover dates, confirmed
            if ask(
                self,
                self.tr("保障期全部在观察期内"),
                error.message,
                self.tr("请先向参保人（缴款人）说明；也可以改为参加下一年度的计划。"),
                yes=self.tr("已说明，仍然参保"),
                no=self.tr("不参保"),
            ):
                self.save(waiting_acknowledged=True)
                return
            self._message(self.tr("没有保存：保障期全部在观察期内，未办理参保。"), "error")
            self.plan_combo.setFocus()
            self.saveFailed.emit(error.message)
            return
        text = user_message(error, self.tr("保存时出现意外错误，数据没有改动。"))
        self._message(text, "error")
        field = getattr(error, "field", None)
        target = {
            "id_number": self.id_edit,
            "name": self.name_edit,
            "phone": self.phone_edit,
            "employee_no": self.employee_edit,
            "shares": self.shares_spin,
        }.get(field or "")
        if target is not None:
            mark_invalid(target, text)
            target.setFocus()
        self.saveFailed.emit(text)

    def _failed(self, error: BaseException) -> None:
        self._message(user_message(error, self.tr("读取数据时出现意外错误。")), "error")

    def _message(self, text: str, state: str) -> None:
        self.message_label.setText(text)
        self.message_label.setProperty("state", state)
        self.message_label.style().unpolish(self.message_label)
        self.message_label.style().polish(self.message_label)

    @Slot()
    def clear_person(self) -> None:
        """Ready for the next person: unit, plan and shares stay."""
        for edit in (self.id_edit, self.name_edit, self.phone_edit, self.employee_edit):
            edit.clear()
            unmark_invalid(edit)
        self.person_entry.clear()
        self.id_edit.setFocus()

    # --- payment (the dialogs: ui/enrollment/enrollment_dialogs.py) ---------------------------------------

    def _paid(self, ids: list[int]) -> None:
        self.saved_model.mark_paid(ids)
        self.pay_button.setEnabled(bool(self.saved_model.unpaid_ids()))
        self._message(self.tr("已收款。"), "ok")
