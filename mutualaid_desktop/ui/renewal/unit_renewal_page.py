"""单位续保: one unit's renewal into next year's plan, from the draft list to the receipt.

Choose the unit (type part of its name) and next year's plan: last year's covered members come as a
draft list (read on the worker: a unit may have thousands), each ticked to renew. Untick a leaver (离开)
and give the reason with 离开原因… (services/leaver_reasons: 离职/调出, 退休, 死亡, 本人不愿续保, 其他 with
words). The list sorts by any column; 只看有问题的 shows the lines to look at together; the search ignores
spaces around it and starts empty for each unit. Members who cannot be renewed (over the age limit,
already enrolled) show the reason, no amount, and cannot be ticked. Joiners are typed or read from a
roster file (ui/renewal/unit_renewal_joining.py). The count and the premium due follow every change.

确认续保 (登记离开 when only leavers are left to record) saves nothing at once
(ui/renewal/unit_renewal_confirming.py): it asks the reasons still missing, shows a summary to confirm, and asks
again with the number when more than a handful of leavers would be registered; then the enrollments and
the leavers are written in one transaction (services/renewal.confirm_renewal) and the payment dialog of
参保 opens for them, the unit paying; the finishing line says how many were renewed, left and joined and
the amount. Reopening the unit shows the recorded leavers unticked with their reason as 离开（已登记）;
ticking one back and confirming renews them, 撤销离开登记 withdraws the record of the selected leaver.
Tab leaves the table; every button has a mnemonic. A changed draft not confirmed is unsaved work: the main
window asks before closing (`has_unsaved_work`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QObject,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from mutualaid_desktop.domain import clock
from mutualaid_desktop.services.changes import PLANS, UNITS
from mutualaid_desktop.ui.common.counter_page import CounterPage
from mutualaid_desktop.ui.common.widgets import accept_typed_item, chosen_data, is_enter_press, searchable_combo
from mutualaid_desktop.ui.enrollment.payment_dialog import PaymentDialog
from mutualaid_desktop.ui.renewal.unit_renewal_confirm import (
    LeaverReasonDialog,
    ManyLeaversBox,
    RenewalSummaryDialog,
)
from mutualaid_desktop.ui.renewal.unit_renewal_confirming import ConfirmingSteps
from mutualaid_desktop.ui.renewal.unit_renewal_draft_model import DraftModel, DraftProxy, DraftRow
from mutualaid_desktop.ui.renewal.unit_renewal_joiners import JoinerBadRowsDialog, JoinerDialog
from mutualaid_desktop.ui.renewal.unit_renewal_joining import JoiningSteps
from mutualaid_desktop.ui.shell.background import user_message
from mutualaid_desktop.ui.shell.fonts import scaled
from mutualaid_desktop.ui.shell.task_runner import TaskRunner

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.renewal.renewal import RenewalDraft, RenewalPlan, RenewalResult
    from mutualaid_desktop.store.database import Database

PAGE_STYLE = """
QFrame#formCard { background: #ffffff; border: 1px solid #d5dbe3; border-radius: 8px; }
QLabel#messageLabel[state="ok"] { color: #1b5e20; }
QLabel#messageLabel[state="error"] { color: #b3261e; }
QLabel#summaryLabel { color: #1f4e79; }
QLabel#planInfoLabel { color: #4a5563; }
QLabel#planInfoLabel[state="error"] { color: #b3261e; }
QLabel#dialogError { color: #b3261e; }
"""


class UnitRenewalPage(JoiningSteps, ConfirmingSteps, CounterPage):
    """The 单位续保 page. Signals carry: `draftLoaded` the RenewalDraft, `rosterChecked` the
    RosterJoiners, `confirmed` the RenewalResult, `paid` the PaymentResult, `failed` a message."""

    choicesLoaded = Signal()
    draftLoaded = Signal(object)
    rosterChecked = Signal(object)
    joinerAdded = Signal(object)
    confirmed = Signal(object)
    leaverWithdrawn = Signal(object)
    paid = Signal(object)
    failed = Signal(str)

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
        self.setObjectName("unitRenewalPage")
        self._plans: dict[str, RenewalPlan] = {}
        self.draft: RenewalDraft | None = None
        self._loading_for: tuple[str, str] | None = None
        self._shown_unit: str | None = None
        self._roster_folder: Path | None = None
        self._busy = False
        self._payment_dialog: PaymentDialog | None = None
        self._joiner_dialog: JoinerDialog | None = None
        self._reason_dialog: LeaverReasonDialog | None = None
        self._summary_dialog: RenewalSummaryDialog | None = None
        self._many_leavers_box: ManyLeaversBox | None = None
        self.bad_rows_dialog: JoinerBadRowsDialog | None = None
        self._setup_roster_reading()
        self.result: RenewalResult | None = None  # the last one
        self._paying: list[int] = []  # the enrollments of the payment dialog open
        self._finished = False  # the finishing line of `result` was shown
        self._message_after_load: tuple[str, str] | None = None
        self.receipt_serial: str | None = None
        self._build()
        self.reload_choices()

    # --- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        self.setStyleSheet(PAGE_STYLE)
        base = QApplication.font()
        self.refresh_button = QPushButton(self.tr("刷新(&R)"))
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.setToolTip(self.tr("重新读取单位、计划和名单"))
        self.refresh_button.clicked.connect(self.reload_choices)
        outer = self.page_layout(self.tr("单位续保"), self.refresh_button)
        outer.addWidget(self._build_choices())
        self._build_tools(outer)
        self._build_table(outer)
        self._build_bottom(outer, base)
        self._update_buttons()

    def _build_choices(self) -> QFrame:
        """The card with the unit and the plan to renew into."""
        card = QFrame()
        card.setObjectName("formCard")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(20, 14, 20, 14)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setHorizontalSpacing(14)
        self.unit_combo = searchable_combo("unitCombo")
        unit_line = self.unit_combo.lineEdit()
        assert unit_line is not None  # a searchable combo is editable
        unit_line.setPlaceholderText(self.tr("输入单位名称或代码查找"))
        self.unit_combo.currentIndexChanged.connect(self._choice_changed)
        unit_line.installEventFilter(self)
        unit_label = QLabel(self.tr("单位(&U)"))
        unit_label.setBuddy(self.unit_combo)
        form.addRow(unit_label, self.unit_combo)
        self.plan_combo = QComboBox()
        self.plan_combo.setObjectName("planCombo")
        self.plan_combo.currentIndexChanged.connect(self._choice_changed)
        plan_label = QLabel(self.tr("续保计划(&L)"))
        plan_label.setBuddy(self.plan_combo)
        form.addRow(plan_label, self.plan_combo)
        card_layout.addLayout(form)
        self.plan_info_label = QLabel(" ")
        self.plan_info_label.setObjectName("planInfoLabel")
        self.plan_info_label.setWordWrap(True)
        card_layout.addWidget(self.plan_info_label)
        return card

    def _build_tools(self, outer: QVBoxLayout) -> None:
        """The search and 只看有问题的, then the row of actions on the list."""
        tools = QHBoxLayout()
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setPlaceholderText(self.tr("在名单中查找：姓名或身份证号后4位"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(300)
        tools.addWidget(self.filter_edit)
        self.problems_check = QCheckBox(self.tr("只看有问题的(&Q)"))
        self.problems_check.setObjectName("problemsCheck")
        self.problems_check.setToolTip(self.tr("只列出不能续保、转入转出、已过宽限期、离开未填原因等需要核对的人员"))
        tools.addWidget(self.problems_check)
        tools.addStretch(1)
        outer.addLayout(tools)
        actions = QHBoxLayout()  # a row of its own: next to the search they were squeezed over it
        self.all_button = QPushButton(self.tr("全部续保(&A)"))
        self.all_button.setObjectName("allButton")
        self.all_button.clicked.connect(lambda: self.model.set_all(True))
        self.none_button = QPushButton(self.tr("全部不续保(&N)"))
        self.none_button.setObjectName("noneButton")
        self.none_button.clicked.connect(lambda: self.model.set_all(False))
        self.joiner_button = QPushButton(self.tr("添加新增人员(&J)…"))
        self.joiner_button.setObjectName("joinerButton")
        self.joiner_button.clicked.connect(self.open_joiner_dialog)
        self.roster_button = QPushButton(self.tr("从花名册添加(&M)…"))
        self.roster_button.setObjectName("rosterButton")
        self.roster_button.setToolTip(self.tr("读取单位交来的新名册（.xlsx、.xls、.csv），按导入名册的规则逐行检查"))
        self.roster_button.clicked.connect(self.choose_roster)
        self.withdraw_button = QPushButton(self.tr("撤销离开登记(&W)"))
        self.withdraw_button.setObjectName("withdrawLeaverButton")
        self.withdraw_button.setToolTip(self.tr("所选人员已登记为离开：撤销这条登记（不为其续保；登记记录保留备查）"))
        self.withdraw_button.clicked.connect(self.withdraw_selected_leaver)
        self.reason_button = QPushButton(self.tr("离开原因(&Y)…"))
        self.reason_button.setObjectName("reasonButton")
        self.reason_button.setToolTip(self.tr("为选中的离开人员（未勾选续保）选择离开原因"))
        self.reason_button.clicked.connect(self.ask_reason_for_selected)
        for button in (
            self.all_button,
            self.none_button,
            self.reason_button,
            self.joiner_button,
            self.roster_button,
            self.withdraw_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        outer.addLayout(actions)

    def _build_table(self, outer: QVBoxLayout) -> None:
        """The draft list (DraftModel behind DraftProxy): sorted by any column, ticked in place."""
        self.model = DraftModel(self)
        self.model.changed.connect(self._show_totals)
        self.proxy = DraftProxy(self.model, self)
        self.filter_edit.textChanged.connect(self.proxy.set_search)
        self.problems_check.toggled.connect(self.proxy.set_problems_only)
        self.table = QTableView()
        self.table.setObjectName("draftTable")
        self.table.setModel(self.proxy)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table: the buttons below are reached
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the list's own order
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in (
            (DraftModel.KEEP, 48),
            (DraftModel.NAME, 110),
            (DraftModel.ID_NUMBER, 190),
            (DraftModel.SHARES, 50),
            (DraftModel.PREMIUM, 90),
            (DraftModel.LAST_END, 100),
            (DraftModel.STATE, 300),
        ):
            header.resizeSection(column, max(width, header.sectionSizeHint(column)))
        outer.addWidget(self.table, 1)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())

    def _build_bottom(self, outer: QVBoxLayout, base: QFont) -> None:
        """The count and the sum, 收款 and 确认续保, and the message line."""
        bottom = QHBoxLayout()
        self.summary_label = QLabel(" ")
        self.summary_label.setObjectName("summaryLabel")
        self.summary_label.setFont(scaled(base, 1.15, bold=True))
        bottom.addWidget(self.summary_label, 1)
        self.pay_button = QPushButton(self.tr("收款(&P)"))
        self.pay_button.setObjectName("payButton")
        self.pay_button.setMinimumHeight(34)
        self.pay_button.setToolTip(self.tr("收取本单位在本计划中待缴费人员的互助金"))
        self.pay_button.clicked.connect(self.pay_pending)
        self.confirm_button = QPushButton(self.tr("确认续保(&C)"))
        self.confirm_button.setObjectName("confirmButton")
        self.confirm_button.setMinimumHeight(34)
        self.confirm_button.setMinimumWidth(120)
        self.confirm_button.clicked.connect(self.confirm)
        bottom.addWidget(self.pay_button)
        bottom.addWidget(self.confirm_button)
        outer.addLayout(bottom)
        self.message_label = QLabel(" ")
        self.message_label.setObjectName("messageLabel")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.message_label)

    # --- keyboard ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if is_enter_press(event) and watched is self.unit_combo.lineEdit():
            accept_typed_item(self.unit_combo)
            self.plan_combo.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)

    # --- choices ----------------------------------------------------------------------------

    shows = frozenset({PLANS, UNITS})

    def reload_for(self, changes) -> None:
        self.reload_choices()

    @Slot()
    def reload_choices(self) -> None:
        from mutualaid_desktop.services.renewal.renewal import renewal_choices

        self._worker.submit(
            renewal_choices,
            self._db,
            self._today(),
            on_result=self._choices_loaded,
            on_error=self._failed,
            context=self,
        )

    def _choices_loaded(self, choices) -> None:
        unit, plan = self.unit_code(), self.plan_code()
        self._plans = {p.code: p for p in choices.plans}
        for combo, items, current in ((self.unit_combo, choices.units, unit), (self.plan_combo, choices.plans, plan)):
            combo.blockSignals(True)
            combo.clear()
            for item in items:
                combo.addItem(item.label(), item.code)
            index = combo.findData(current) if current else -1
            combo.setCurrentIndex(index if index >= 0 else (-1 if combo is self.unit_combo else 0))
            combo.blockSignals(False)
        self._choice_changed()
        if not choices.plans:
            text = self.tr(
                "没有可续保的下一年度计划。请先在 设置 → 计划 中添加下一年度的计划"
                "（可复制上一年度的计划修改），再办理续保。"
            )
            self._message(text, "error")
            self._set_state(self.plan_info_label, text, "error")
        self.choicesLoaded.emit()

    def unit_code(self) -> str | None:
        return chosen_data(self.unit_combo)

    def plan_code(self) -> str | None:
        return self.plan_combo.currentData()

    def renewal_plan(self) -> RenewalPlan | None:
        return self._plans.get(self.plan_code() or "")

    def choose(self, unit_code: str, plan_code: str | None = None) -> None:
        """Choose a unit (and a plan): the draft list is read."""
        if plan_code is not None:
            self.plan_combo.setCurrentIndex(self.plan_combo.findData(plan_code))
        self.unit_combo.setCurrentIndex(self.unit_combo.findData(unit_code))

    def _choice_changed(self) -> None:
        from mutualaid_desktop.domain.money import format_amount

        plan = self.renewal_plan()
        if plan is None:
            self._set_state(self.plan_info_label, " ", "")
        else:
            p = plan.plan
            self._set_state(
                self.plan_info_label,
                self.tr(
                    "接续 {previous}（保障至 {end}）。{name}：每份 {per_share}，保障期 {start} 至 {period_end}；"
                    "今天缴费，保障自 {cover_start} 起。"
                ).format(
                    previous="、".join(plan.previous_codes),
                    end=plan.previous_end.isoformat(),
                    name=p.name,
                    per_share=format_amount(p.premium_per_share),
                    start=p.period_start.isoformat(),
                    period_end=p.period_end.isoformat(),
                    cover_start=p.planned_cover_start(self._today()).isoformat(),
                ),
                "",
            )
        self.load_draft()

    # --- the draft --------------------------------------------------------------------------

    @Slot()
    def load_draft(self) -> None:
        from mutualaid_desktop.services.renewal.renewal import renewal_draft

        unit, plan = self.unit_code(), self.plan_code()
        if unit != self._shown_unit:  # another unit: its whole list, not the last unit's search
            self._shown_unit = unit
            self.filter_edit.clear()
            self.problems_check.setChecked(False)
        self.draft = None
        self.model.clear()
        if not unit or not plan:
            self._loading_for = None
            self._update_buttons()
            return
        self._loading_for = (unit, plan)
        self._message(self.tr("正在读取该单位去年的参保名单…"), "")
        self._update_buttons()
        self._worker.submit(
            renewal_draft,
            self._db,
            unit,
            plan,
            today=self._today(),
            on_result=lambda draft: self._draft_loaded((unit, plan), draft),
            on_error=lambda error: self._draft_failed((unit, plan), error),
            context=self,
        )

    def _draft_loaded(self, key: tuple[str, str], draft: RenewalDraft) -> None:
        if key != self._loading_for:
            return  # another unit or plan was chosen meanwhile
        self._loading_for = None
        self.draft = draft
        self.model.set_draft(draft.members)
        if not draft.members:
            self._message(
                self.tr("{unit} 去年没有在 {previous} 参保、年底到期的人员。可以添加新增人员。").format(
                    unit=draft.unit.name, previous="、".join(draft.plan.previous_codes)
                ),
                "",
            )
        else:
            blocked = len(draft.members) - draft.renewable_count
            text = self.tr("去年参保 {count} 人，已列出；取消勾选的为离开人员。").format(count=len(draft.members))
            recorded = sum(1 for m in draft.members if m.left_recorded)
            if recorded:
                text += self.tr("其中 {count} 人已登记为离开（未勾选，原因见“离开原因”）。").format(count=recorded)
            if blocked:
                text += self.tr("其中 {blocked} 人已参保或不符合条件，不能勾选（见“情况”）。").format(blocked=blocked)
            self._message(text, "")
        if self._message_after_load is not None:  # what the payment said stays on screen
            self._message(*self._message_after_load)
            self._message_after_load = None
        self._update_buttons()
        self.draftLoaded.emit(draft)

    def _draft_failed(self, key: tuple[str, str], error: BaseException) -> None:
        if key != self._loading_for:
            return
        self._loading_for = None
        self._failed(error)
        self._update_buttons()

    def _show_totals(self) -> None:
        from mutualaid_desktop.domain.money import format_amount

        if self.draft is None:
            self.summary_label.setText(" ")
            self._update_buttons()
            return
        kept, left, joined, due = self.model.totals()
        self.summary_label.setText(
            self.tr("续保 {kept} 人 · 离开 {left} 人 · 新增 {joined} 人 · 应缴 {amount}").format(
                kept=kept, left=left, joined=joined, amount=format_amount(due)
            )
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.draft is not None and not self._busy
        for button in (self.all_button, self.none_button, self.reason_button, self.joiner_button, self.roster_button):
            button.setEnabled(ready)
        kept, _left, joined, _due = self.model.totals()
        self.confirm_button.setEnabled(ready and ((kept + joined) > 0 or self.model.leavers_to_record() > 0))
        self.confirm_button.setText(
            self.tr("登记离开(&C)")
            if ready and kept + joined == 0 and self.model.leavers_to_record()
            else self.tr("确认续保(&C)")
        )
        selected = self.selected_row()
        self.withdraw_button.setEnabled(
            ready and selected is not None and selected.member is not None and selected.member.left_recorded
        )
        pending = len(self.draft.pending_ids) if self.draft is not None else 0
        self.pay_button.setVisible(pending > 0)
        self.pay_button.setEnabled(ready and pending > 0)
        self.pay_button.setText(self.tr("收款(&P)（待缴费 {count} 人）").format(count=pending))

    # --- confirming and paying: ui/unit_renewal_confirming.ConfirmingSteps; paying ------------

    def selected_rows(self) -> list[int]:
        """The model rows of the table's selected rows."""
        return sorted({self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()})

    def selected_row(self) -> DraftRow | None:
        """The draft line of the table's current row."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row(self.proxy.mapToSource(index).row())

    @property
    def payment_dialog(self) -> PaymentDialog | None:
        dialog = self._payment_dialog
        return dialog if dialog is not None and isValid(dialog) and dialog.isVisible() else None

    @Slot()
    def pay_pending(self) -> None:
        if self.draft is not None and self.draft.pending_ids:
            self.open_payment(list(self.draft.pending_ids))

    def open_payment(self, enrollment_ids: list[int]) -> None:
        """The payment dialog of 参保 for these enrollments (the unit pays); it shows the receipt."""
        self._paying = list(enrollment_ids)
        dialog = PaymentDialog(
            self._db, self._user, enrollment_ids=enrollment_ids, parent=self, today=self._today, worker=self._worker
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.paymentRecorded.connect(self._paid)
        dialog.finished.connect(self._payment_closed)
        self._payment_dialog = dialog
        dialog.open()

    def _paid(self, payment) -> None:
        from mutualaid_desktop.domain.money import format_amount

        self.receipt_serial = payment.serial
        done = self.result
        if done is not None and not self._finished and set(done.enrollment_ids) & set(self._paying):
            text = self.tr(
                "续保办理完成：续保 {kept} 人，离开 {left} 人，新增 {joined} 人；已收款 {amount}，收据号 {serial}。"
            ).format(
                kept=done.kept,
                left=done.left,
                joined=done.joined,
                amount=format_amount(payment.amount),
                serial=payment.serial,
            )
            self._finished = True  # said once
        else:
            text = self.tr("已收款 {amount}（{people} 人），收据号 {serial}。").format(
                amount=format_amount(payment.amount), people=payment.people, serial=payment.serial
            )
        self._message(text, "ok")
        self.paid.emit(payment)

    def _payment_closed(self, _code: int) -> None:
        message = (self.message_label.text(), self.message_label.property("state") or "")
        self.load_draft()  # the members renewed now show as such; what is still unpaid can be paid
        self._message_after_load = message

    # --- leaving the screen -----------------------------------------------------------------

    def has_unsaved_work(self) -> bool:
        """The draft was changed (ticks, reasons, joiners) and not confirmed."""
        return self.draft is not None and self.model.changed_from_draft()

    def unsaved_work_text(self) -> str:
        unit = self.draft.unit.name if self.draft is not None else ""
        return self.tr("单位续保：{unit} 的名单有改动，尚未确认续保").format(unit=unit)

    # --- messages ---------------------------------------------------------------------------

    def _failed(self, error: BaseException) -> None:
        text = user_message(error, self.tr("出现意外错误，数据没有改动。"))
        self._message(text, "error")
        self.failed.emit(text)

    def _message(self, text: str, state: str) -> None:
        self._set_state(self.message_label, text, state)

    @staticmethod
    def _set_state(label: QLabel, text: str, state: str) -> None:
        label.setText(text)
        label.setProperty("state", state)
        label.style().unpolish(label)
        label.style().polish(label)
