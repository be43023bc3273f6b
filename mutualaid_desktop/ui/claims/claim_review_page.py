"""理赔审核: the queue of claims waiting for review (oldest first, filtered by county, plan, clerk
and amount) and, for the selected claim, the facts, the papers, the quote (stored at intake and
computed again now), the member and the history (ui/claims/claim_review_detail.py); 核准 (at the quote, or lower with a reason) or
不予给付 (a reason from the list and free text), each after a confirmation. After a decision the
notice (给付通知书 / 不予给付通知书) is made, recorded and opened, and the queue is read again.

Who may decide is the service's rule (claims_review.decision_problem: never the person who entered
the claim, supervisors included), read with the claim (ReviewView.why_not_decide): when the buttons
are off the page says why. A claim with flags
(a possible duplicate) lists them at the top of its detail and in the 核准 box; 核准 needs the box
“已逐项核实上述疑点” ticked (the acknowledgement goes to the service, the status change and the audit).

Everything is read and written on the background worker.

Keyboard: F5 reads the queue again; Enter in the filters searches; the queue has the focus
after loading, its first claim selected; Tab goes on to the flags' box (Space ticks it, when there
are flags), 核准金额 (Enter: 核准), 核减理由, then to
the refusal reason and its text (Enter: 不予给付); the confirmation takes Enter (OK) or Esc.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.domain import clock
from mutualaid_desktop.services.changes import CLAIMS, HOSPITALS, MEMBERS, PLANS, UNITS, USERS
from mutualaid_desktop.ui.claims.claim_review_detail import ClaimDetailView
from mutualaid_desktop.ui.claims.claim_review_jobs import _approve_and_print, _load_queue, _refuse_and_print
from mutualaid_desktop.ui.claims.review_queue_model import ReviewQueueModel, money_or_dash
from mutualaid_desktop.ui.common.confirm import ConfirmDialog
from mutualaid_desktop.ui.common.counter_page import CounterPage
from mutualaid_desktop.ui.common.widgets import ERROR_COLOR, list_table
from mutualaid_desktop.ui.enrollment import payment_dialog
from mutualaid_desktop.ui.shell.background import user_message
from mutualaid_desktop.ui.shell.task_runner import TaskRunner

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.claims.claims_review import ReviewView
    from mutualaid_desktop.store.database import Database


class ClaimReviewPage(CounterPage):
    queueLoaded = Signal()
    claimLoaded = Signal(object)  # ReviewView
    decided = Signal(object)  # (Decision, pdf path or None)
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
        self.setObjectName("claimReviewPage")
        self._loading = 0
        self._choices_loaded = False
        self.view: ReviewView | None = None
        self.confirm_dialog: ConfirmDialog | None = None
        self.last_pdf = None
        self._build()

    # --- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        layout = self.page_layout(self.tr("理赔审核"))
        self._build_filters(layout)

        self.status_label = QLabel()
        self.status_label.setObjectName("statusLabel")
        layout.addWidget(self.status_label)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.model = ReviewQueueModel(self, today=self._today)
        self.table = list_table("queueTable", self.model)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        splitter.addWidget(self.table)
        splitter.addWidget(self._build_decision_pane())
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        splitter.setSizes([560, 840])
        layout.addWidget(splitter, 1)

        self._set_tab_order()
        QShortcut(QKeySequence(Qt.Key.Key_F5), self).activated.connect(self.refresh)
        self._set_decidable(False)

    def _build_filters(self, layout: QVBoxLayout) -> None:
        filters = QHBoxLayout()
        self.county_combo = QComboBox()
        self.county_combo.setObjectName("countyCombo")
        self.plan_combo = QComboBox()
        self.plan_combo.setObjectName("planCombo")
        self.clerk_combo = QComboBox()
        self.clerk_combo.setObjectName("clerkCombo")
        for combo in (self.county_combo, self.plan_combo, self.clerk_combo):
            combo.addItem(self.tr("全部"), None)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMaximumWidth(340)
            combo.activated.connect(self.refresh)
        self.min_edit = QLineEdit()
        self.min_edit.setObjectName("minAmountEdit")
        self.min_edit.setPlaceholderText(self.tr("最低"))
        self.max_edit = QLineEdit()
        self.max_edit.setObjectName("maxAmountEdit")
        self.max_edit.setPlaceholderText(self.tr("最高"))
        for edit in (self.min_edit, self.max_edit):
            edit.setMaximumWidth(110)
            edit.returnPressed.connect(self.refresh)
        self.search_button = QPushButton(self.tr("查询"))
        self.search_button.setObjectName("searchButton")
        self.search_button.setAutoDefault(False)
        self.search_button.clicked.connect(self.refresh)
        for label, widget in (
            (self.tr("县区："), self.county_combo),
            (self.tr("计划："), self.plan_combo),
            (self.tr("经办人："), self.clerk_combo),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(QLabel(self.tr("计算金额：")))
        filters.addWidget(self.min_edit)
        filters.addWidget(QLabel("—"))
        filters.addWidget(self.max_edit)
        filters.addWidget(self.search_button)
        filters.addStretch(1)
        layout.addLayout(filters)

    def _build_decision_pane(self) -> QWidget:
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.detail = ClaimDetailView()
        right_layout.addWidget(self.detail, 1)

        approve_box = self._build_approve_box()
        refuse_box = self._build_refuse_box()
        boxes = QHBoxLayout()
        boxes.addWidget(approve_box, 1)
        boxes.addWidget(refuse_box, 1)
        right_layout.addLayout(boxes)
        self.message_label = QLabel()
        self.message_label.setObjectName("messageLabel")
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)
        right_layout.addWidget(self.message_label)
        return right

    def _build_approve_box(self) -> QGroupBox:
        approve_box = QGroupBox(self.tr("核准"))
        form = QFormLayout(approve_box)
        self.flags_check = QCheckBox(self.tr("已逐项核实上述疑点"))
        self.flags_check.setObjectName("flagsCheck")
        self.flags_check.setToolTip(self.tr("这件理赔有疑点（见上方详情）：核实无误后勾选，才能核准"))
        form.addRow(self.tr("疑点："), self.flags_check)
        self.flags_form = form
        self.amount_edit = QLineEdit()
        self.amount_edit.setObjectName("approveAmountEdit")
        self.amount_edit.textChanged.connect(self._amount_changed)
        self.amount_edit.returnPressed.connect(self.approve)
        form.addRow(self.tr("核准金额："), self.amount_edit)
        self.lower_edit = QLineEdit()
        self.lower_edit.setObjectName("lowerReasonEdit")
        self.lower_edit.setPlaceholderText(self.tr("核准金额低于计算金额时必填"))
        self.lower_edit.returnPressed.connect(self.approve)
        form.addRow(self.tr("核减理由："), self.lower_edit)
        self.approve_button = QPushButton(self.tr("核准(&A)"))
        self.approve_button.setObjectName("approveButton")
        self.approve_button.setAutoDefault(False)
        self.approve_button.clicked.connect(self.approve)
        form.addRow("", self.approve_button)
        return approve_box

    def _build_refuse_box(self) -> QGroupBox:
        refuse_box = QGroupBox(self.tr("不予给付"))
        rform = QFormLayout(refuse_box)
        self.reason_combo = QComboBox()
        self.reason_combo.setObjectName("refuseReasonCombo")
        rform.addRow(self.tr("理由："), self.reason_combo)
        self.refuse_text_edit = QLineEdit()
        self.refuse_text_edit.setObjectName("refuseTextEdit")
        self.refuse_text_edit.setPlaceholderText(self.tr("具体说明（选“其他”时必填）"))
        self.refuse_text_edit.returnPressed.connect(self.refuse)
        rform.addRow(self.tr("说明："), self.refuse_text_edit)
        self.refuse_button = QPushButton(self.tr("不予给付(&R)"))
        self.refuse_button.setObjectName("refuseButton")
        self.refuse_button.setAutoDefault(False)
        self.refuse_button.clicked.connect(self.refuse)
        rform.addRow("", self.refuse_button)
        return refuse_box

    def _set_tab_order(self) -> None:
        for a, b in (
            (self.county_combo, self.plan_combo),
            (self.plan_combo, self.clerk_combo),
            (self.clerk_combo, self.min_edit),
            (self.min_edit, self.max_edit),
            (self.max_edit, self.search_button),
            (self.search_button, self.table),
            (self.table, self.flags_check),
            (self.flags_check, self.amount_edit),
            (self.amount_edit, self.lower_edit),
            (self.lower_edit, self.approve_button),
            (self.approve_button, self.reason_combo),
            (self.reason_combo, self.refuse_text_edit),
            (self.refuse_text_edit, self.refuse_button),
        ):
            self.setTabOrder(a, b)

    # --- loading ----------------------------------------------------------------------------

    # the queue (with its members', units' and hospitals' names); plans, counties and clerks to filter by
    shows = frozenset({CLAIMS, MEMBERS, HOSPITALS, PLANS, UNITS, USERS})

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)  # reloads what changed out of sight (ui/common/counter_page.py)
        if not self._choices_loaded:  # the first time: later, change reports keep it current
            self._load_choices()
            self.refresh()

    def reload_for(self, changes) -> None:
        if changes.touches(PLANS, UNITS, USERS):
            self._load_choices()
        self.refresh()

    def is_loading(self) -> bool:
        return self._loading > 0

    def _load_choices(self) -> None:
        from mutualaid_desktop.services.claims.claims_review import queue_choices

        self._choices_loaded = True
        self._worker.submit(queue_choices, self._db, on_result=self._choices, on_error=self._failed, context=self)

    def _choices(self, choices) -> None:
        for combo, items in (
            (self.county_combo, choices.counties),
            (self.plan_combo, choices.plans),
            (self.clerk_combo, choices.clerks),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:  # the first is 全部
                combo.removeItem(1)
            for item in items:
                combo.addItem(item.label, item.key)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.blockSignals(False)

    def _filters(self) -> dict:
        return {
            "county_code": self.county_combo.currentData(),
            "plan_code": self.plan_combo.currentData(),
            "entered_by": self.clerk_combo.currentData(),
            "min_amount": self.min_edit.text().strip() or None,
            "max_amount": self.max_edit.text().strip() or None,
        }

    def refresh(self) -> None:
        self._loading += 1
        self._worker.submit(
            _load_queue, self._db, self._filters(), on_result=self._queue_loaded, on_error=self._failed, context=self
        )

    def _queue_loaded(self, result) -> None:
        self._loading -= 1
        rows, total = result
        current = self.view.claim_number if self.view is not None else None
        self.model.set_rows(rows)
        shown = self.tr("待审核 {total} 件").format(total=total)
        if total > len(rows):
            shown += self.tr("（显示最早的 {count} 件，可用筛选条件缩小范围）").format(count=len(rows))
        self.status_label.setText(shown)
        self.status_label.setStyleSheet("")
        if rows:
            numbers = [r.claim_number for r in rows]
            self.table.selectRow(numbers.index(current) if current in numbers else 0)
            self.table.setFocus()
        else:
            self.view = None
            self.detail.setHtml("<p>" + escape(self.tr("没有待审核的理赔。")) + "</p>")
            self._set_decidable(False)
        self.queueLoaded.emit()

    def _failed(self, error: BaseException) -> None:
        self._loading = max(0, self._loading - 1)
        message = user_message(error, self.tr("读取待审核理赔时出现意外错误。"))
        self.status_label.setText(message)
        self.status_label.setStyleSheet(f"color: {ERROR_COLOR};")
        self.failed.emit(message)

    def _row_changed(self, current, _previous=None) -> None:
        row = self.model.row(current.row()) if current.isValid() else None
        if row is None:
            return
        self._show_message("")
        self._loading += 1
        from mutualaid_desktop.services.claims.claims_review import claim_for_review

        self._worker.submit(
            claim_for_review,
            self._db,
            row.claim_number,
            user=self._user,
            on_result=self._claim_loaded,
            on_error=self._failed,
            context=self,
        )

    def _claim_loaded(self, view: ReviewView) -> None:
        self._loading -= 1
        selected = self.model.row(self.table.currentIndex().row())
        if selected is not None and selected.claim_number != view.claim_number:
            return  # an older answer: the reviewer has moved on
        self.view = view
        self.detail.show_claim(view)
        self.amount_edit.setText(f"{view.quote.payout:.2f}" if view.quote.eligible else "")
        self.lower_edit.clear()
        self.refuse_text_edit.clear()
        self.reason_combo.clear()
        for code, label in view.refusal_options():
            self.reason_combo.addItem(label, code)
        self.flags_check.setChecked(False)
        self.flags_form.setRowVisible(self.flags_check, bool(view.flags))
        problem = self._why_not(view)
        self._set_decidable(problem is None, eligible=view.quote.eligible)
        if problem:
            self._show_message(problem)
        self._amount_changed()
        self.claimLoaded.emit(view)

    def _why_not(self, view: ReviewView) -> str | None:
        """Why this user cannot decide the claim shown, or None: what the service said when it read it."""
        return view.why_not_decide

    def _set_decidable(self, on: bool, *, eligible: bool = True) -> None:
        for widget in (self.amount_edit, self.approve_button, self.flags_check):
            widget.setEnabled(on and eligible)
        self.lower_edit.setEnabled(False)
        for other in (self.reason_combo, self.refuse_text_edit, self.refuse_button):
            other.setEnabled(on)

    def _amount_changed(self, *_args) -> None:
        lower = False
        if self.view is not None and self.amount_edit.isEnabled():
            try:
                text = self.amount_edit.text().replace(",", "").replace("¥", "").strip()
                lower = bool(text) and Decimal(text) < self.view.quote.payout
            except InvalidOperation:
                lower = False
        self.lower_edit.setEnabled(lower)

    # --- deciding ---------------------------------------------------------------------------

    def _show_message(self, text: str, *, error: bool = True) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet(f"color: {ERROR_COLOR};" if error else "color: #1b5e20;")
        self.message_label.setVisible(bool(text))

    def approve(self) -> None:
        v = self.view
        if v is None or not self.approve_button.isEnabled():
            return
        amount = self.amount_edit.text().strip()
        reason = self.lower_edit.text().strip()
        if v.flags and not self.flags_check.isChecked():
            self._show_message(
                self.tr(
                    "这件理赔有 {count} 项疑点：请逐项核实后勾选“已逐项核实上述疑点”，再核准；否则请选择不予给付。"
                ).format(count=len(v.flags))
            )
            self.flags_check.setFocus()
            return
        acknowledged = [f.key for f in v.flags] if self.flags_check.isChecked() else []
        if self.lower_edit.isEnabled() and not reason:
            self._show_message(self.tr("核准金额低于计算金额，请填写核减理由。"))
            self.lower_edit.setFocus()
            return
        text = self.tr("核准理赔 {number}（{name}），给付 {amount}？").format(
            number=v.claim_number, name=v.member_name, amount=amount or money_or_dash(v.quote.payout)
        )
        if reason:
            text += "\n" + self.tr("核减理由：{reason}").format(reason=reason)
        if acknowledged:
            text += "\n" + self.tr("已核实疑点 {count} 项（记入审核记录）。").format(count=len(acknowledged))
        self._confirm(
            self.tr("核准"),
            text,
            self.tr("核准"),
            lambda: self._submit(
                _approve_and_print,
                self._db,
                self._user,
                v.claim_number,
                amount or None,
                reason or None,
                payment_dialog.paper_path(self._db, "notices", v.claim_number),
                acknowledged,
                self._today(),
            ),
        )

    def refuse(self) -> None:
        v = self.view
        if v is None or not self.refuse_button.isEnabled():
            return
        code = self.reason_combo.currentData()
        note = self.refuse_text_edit.text().strip()
        if code == "other" and not note:
            self._show_message(self.tr("选择“其他”时请写明不予给付的具体理由。"))
            self.refuse_text_edit.setFocus()
            return
        text = self.tr("理赔 {number}（{name}）不予给付？\n理由：{reason}").format(
            number=v.claim_number, name=v.member_name, reason=self.reason_combo.currentText()
        )
        if note:
            text += "\n" + self.tr("说明：{note}").format(note=note)
        self._confirm(
            self.tr("不予给付"),
            text,
            self.tr("不予给付"),
            lambda: self._submit(
                _refuse_and_print,
                self._db,
                self._user,
                v.claim_number,
                code,
                note or None,
                payment_dialog.paper_path(self._db, "notices", v.claim_number),
            ),
        )

    def _confirm(self, title: str, text: str, ok_text: str, then) -> None:
        if self.confirm_dialog is not None:
            self.confirm_dialog.deleteLater()
        dialog = ConfirmDialog(title, text, ok_text, self.tr("取消"), self)
        dialog.accepted.connect(then)
        self.confirm_dialog = dialog
        dialog.open()

    def _submit(self, job, *args) -> None:
        self._set_decidable(False)
        self._show_message(self.tr("正在保存…"), error=False)
        self._worker.submit(job, *args, on_result=self._decided, on_error=self._decision_failed, context=self)

    def _decided(self, result) -> None:
        decision, path, problem = result
        if decision.status == "approved":
            text = self.tr("已核准 {number}，给付 {amount}。").format(
                number=decision.claim_number, amount=money_or_dash(decision.approved)
            )
        else:
            text = self.tr("已决定 {number} 不予给付。").format(number=decision.claim_number)
        if path is not None:
            from mutualaid_desktop.services.papers.printed_papers import printer_recorder

            self.last_pdf = path
            payment_dialog.open_pdf(
                path,
                on_printed=printer_recorder(
                    self._db, self._user, kind="decision_notice", serial=decision.claim_number, copy_number=None
                ),
                runner=self._worker,
            )
        else:
            text += self.tr("通知书没有生成：{reason}。可在理赔记录中补打。").format(reason=problem)
        self.view = None
        self.decided.emit((decision, path))
        self.refresh()
        self._show_message(text, error=path is None)

    def _decision_failed(self, error: BaseException) -> None:
        self._show_message(user_message(error, self.tr("审核没有保存，数据未改动。")))
        if self.view is not None:
            problem = self._why_not(self.view)
            self._set_decidable(problem is None, eligible=self.view.quote.eligible)
            self._amount_changed()
        self.amount_edit.setFocus()
