"""理赔审核: the queue of claims waiting for review (oldest first, filtered by county, plan, clerk
and amount) and, for the selected claim, the facts, the papers, the quote (stored at intake and
computed again now), the member and the history; 核准 (at the quote, or lower with a reason) or
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
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.domain import clock
from mutualaid_desktop.services.changes import CLAIMS, HOSPITALS, MEMBERS, PLANS, UNITS, USERS
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


def _h4(text: str) -> str:
    return f"<h4>{escape(text)}</h4>"


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
        self.detail = QTextBrowser()
        self.detail.setObjectName("claimDetail")
        self.detail.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.detail.setOpenLinks(False)
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
        self.detail.setHtml(self._detail_html(view))
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

    # --- the detail -------------------------------------------------------------------------

    def _detail_html(self, v: ReviewView) -> str:
        parts = self._head_html(v)
        parts.append(self._member_html(v))
        parts.append(_h4(self.tr("理赔信息")))
        parts.append(self._table([(f.label, f.value) for f in v.facts if f.key != "id_number"], columns=2))
        parts.append(_h4(self.tr("材料")))
        parts.extend(self._papers_html(v))
        parts.append(_h4(self.tr("计算")))
        parts.extend(self._computation_html(v))
        parts.append(_h4(self.tr("给付账户")))
        parts.extend(self._account_html(v))
        parts.append(_h4(self.tr("处理记录")))
        parts.append(self._history_html(v))
        return "".join(parts)

    def _head_html(self, v: ReviewView) -> list[str]:
        e = escape
        parts = [
            f"<h3>{e(v.claim_number)}　{e(v.member_name)}　<span style='color:#1f4e79'>{e(v.status_label)}</span></h3>"
        ]
        problem = self._why_not(v) if v.waiting else None
        if problem:
            parts.append(f"<p style='color:{ERROR_COLOR}'>{e(problem)}</p>")
        if v.flags:
            title = self.tr("疑点（须逐项核实后才能核准）：")
            items = "".join(f"<li>{e(f.label)}：{e(f.text)}</li>" for f in v.flags)
            parts.append(f"<div style='color:{ERROR_COLOR}'><b>{e(title)}</b><ul>{items}</ul></div>")
        return parts

    def _member_html(self, v: ReviewView) -> str:
        member = [
            (self.tr("身份证号"), v.id_number),
            (self.tr("性别/年龄"), f"{v.sex_label} {v.age}"),
            (self.tr("单位"), v.unit_name or "—"),
            (self.tr("电话"), v.phone or "—"),
            (self.tr("计划"), v.plan_name),
            (self.tr("受理"), f"{v.received_on.isoformat()} {v.clerk_name}"),
        ]
        if v.hospital_name:
            member.append((self.tr("医院"), f"{v.hospital_name}（{v.hospital_grade or ''}）"))
        if v.diagnosis:
            member.append((self.tr("诊断"), v.diagnosis))
        return self._table(member, columns=2)

    def _papers_html(self, v: ReviewView) -> list[str]:
        e = escape
        parts = []
        if v.papers:
            items = "　".join(
                f"<span style='color:{'#1b5e20' if p.received else ERROR_COLOR}'>{'☑' if p.received else '☐'} {e(p.item)}</span>"
                for p in v.papers
            )
            parts.append(f"<p>{items}</p>")
            if v.papers_missing and v.papers_due:
                due = self.tr("缺少的材料须于 {day} 前补交").format(day=v.papers_due.isoformat())
                parts.append(f"<p>{e(due)}</p>")
        else:
            parts.append("<p>" + e(self.tr("未记录材料清单")) + "</p>")
        return parts

    def _computation_html(self, v: ReviewView) -> list[str]:
        e = escape
        parts = []
        if v.quote_changed:
            warning = self.tr("受理后情况有变化，按现在的数据重新计算的结果与受理时不同；审核以重新计算的结果为准。")
            parts.append(f"<p style='color:{ERROR_COLOR}'><b>{e(warning)}</b></p>")
            parts.append(self._quote_html(self.tr("受理时"), v.stored_quote))
            parts.append(self._quote_html(self.tr("现在重新计算"), v.fresh_quote))
        else:
            parts.append(self._quote_html(self.tr("计算结果"), v.quote))
        if v.changes:
            rows = "".join(
                f"<tr><td>{e(c.label)}</td><td>{e(c.at_intake)}</td><td>{e(c.now)}</td></tr>" for c in v.changes
            )
            heads = (self.tr("受理后有变化的信息："), self.tr("项目"), self.tr("受理时"), self.tr("现在"))
            parts.append(
                f"<p>{e(heads[0])}</p><table border='1' cellspacing='0' cellpadding='3'>"
                f"<tr><th>{e(heads[1])}</th><th>{e(heads[2])}</th><th>{e(heads[3])}</th></tr>{rows}</table>"
            )
        if v.fresh_problem:
            parts.append(f"<p style='color:{ERROR_COLOR}'>{e(v.fresh_problem)}</p>")
        return parts

    def _account_html(self, v: ReviewView) -> list[str]:
        e = escape
        parts = []
        parts.append(
            self._table(
                [
                    (self.tr("开户银行"), v.bank_name or "—"),
                    (self.tr("户名"), v.account_holder or "—"),
                    (self.tr("账号"), v.account_number or "—"),
                ],
                columns=2,
            )
        )
        if v.beneficiary_note:
            parts.append("<p>" + e(self.tr("受益人：")) + e(v.beneficiary_note) + "</p>")
        if v.approved is not None or v.decision_reason:
            parts.append(
                _h4(self.tr("审核结果"))
                + f"<p>{e(v.status_label)} {e(money_or_dash(v.approved)) if v.approved is not None else ''}"
                f" {e(v.decision_reason or '')} {e(v.decided_by or '')}</p>"
            )
        return parts

    def _history_html(self, v: ReviewView) -> str:
        e = escape
        rows = "".join(
            f"<tr><td>{h.changed_at:%Y-%m-%d %H:%M}</td><td>{e(h.from_label or '—')} → {e(h.to_label)}</td>"
            f"<td>{e(h.user_name)}</td><td>{e(h.reason or '')}</td></tr>"
            for h in v.history
        )
        return f"<table border='1' cellspacing='0' cellpadding='3'>{rows}</table>"

    def _quote_html(self, title: str, q) -> str:
        e = escape
        if not q.eligible:
            reasons = "；".join(q.reason_labels)
            not_eligible = self.tr("不符合给付条件")
            return f"<p><b>{e(title)}</b>：<span style='color:{ERROR_COLOR}'>{e(not_eligible)}：{e(reasons)}</span></p>"
        rows = "".join(f"<tr><td>{e(line.label)}</td><td align='right'>{e(line.amount)}</td></tr>" for line in q.lines)
        pays = self.tr("给付")
        return (
            f"<p><b>{e(title)}</b>：{e(pays)} <b>{e(money_or_dash(q.payout))}</b></p>"
            f"<table border='1' cellspacing='0' cellpadding='3'>{rows}</table>"
        )

    @staticmethod
    def _table(pairs, *, columns: int) -> str:
        cells = [f"<td style='color:#555'>{escape(k)}</td><td>{escape(str(val))}</td>" for k, val in pairs]
        rows = ["".join(cells[i : i + columns]) for i in range(0, len(cells), columns)]
        return "<table cellspacing='0' cellpadding='3'>" + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>"

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
