"""票据: the premium receipts of a day (or found by number or payer), and what can be done with
one: 补打 (reprint), 作废 (void, with a reason), 参保名单 (the unit's roster of covered members);
the day's cash-up (日结单) of the logged-in clerk (a supervisor may choose any clerk); and 收款 for
what is waiting to be paid (tab 收据); every paper handed out, found by serial and reprinted
marked 补打 (tab 打印记录, ui/papers/printed_papers_page.py). Everything is read and written on the
background worker; the PDFs are made there too and shown in the preview, which records the
printer of each paper it prints (services/papers/printed_papers.py).

Keyboard: F5 reads the list of the tab shown again; Enter in the search fields searches; the
table has the focus after a search.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.domain import clock
from mutualaid_desktop.services.changes import PAYMENTS, USERS
from mutualaid_desktop.ui.common.counter_page import CounterPage
from mutualaid_desktop.ui.common.widgets import selected_row
from mutualaid_desktop.ui.enrollment import payment_dialog
from mutualaid_desktop.ui.enrollment.receipt_dialogs import PendingDialog, PendingModel, VoidDialog  # noqa: F401
from mutualaid_desktop.ui.enrollment.receipts_model import ReceiptsModel
from mutualaid_desktop.ui.papers.printed_papers_page import PrintedPapersWidget
from mutualaid_desktop.ui.shell.background import SerialLoad, user_message
from mutualaid_desktop.ui.shell.task_runner import TaskRunner

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.enrollment.payments import ReceiptRow
    from mutualaid_desktop.store.database import Database

PAGE_SIZE = 500  # receipts read at a time (更多… reads the next)
RECEIPT_KIND = "premium_receipt"  # services/payments.RECEIPT_KIND, ROSTER_KIND (not imported at start)
ROSTER_KIND = "unit_roster"


class ReceiptsPage(CounterPage):
    """票据. `receiptsLoaded` carries the rows each time the list arrives; `paperMade` the path of
    each PDF made; `actionFailed` the message of a refused action."""

    receiptsLoaded = Signal(object)
    paperMade = Signal(object)
    actionFailed = Signal(str)
    actionDone = Signal(str)

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
        self.setObjectName("receiptsPage")
        self._load = SerialLoad()
        self._appending = False
        self.void_dialog: VoidDialog | None = None
        self.pending_dialog: PendingDialog | None = None
        self.payment_dialog: payment_dialog.PaymentDialog | None = None
        self._shown_once = False
        self._build()
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Refresh),
            self,
            self._refresh_tab,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )

    def _refresh_tab(self) -> None:
        """F5: read the list of the tab shown again."""
        if self.tabs.currentWidget() is self.printed:
            self.printed.refresh()
        else:
            self.refresh()

    # --- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        page = self.page_layout(self.tr("票据"))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("receiptsTabs")
        receipts = QWidget()
        outer = QVBoxLayout(receipts)
        outer.setContentsMargins(0, 8, 0, 0)
        self.printed = PrintedPapersWidget(self._db, self._user, worker=self._worker, today=self._today)
        self.tabs.addTab(receipts, self.tr("收据"))
        self.tabs.addTab(self.printed, self.tr("打印记录"))
        page.addWidget(self.tabs, 1)
        self._build_filter_bar(outer)
        self._build_table(outer)
        self._build_actions(outer)
        self._build_status(outer)
        self._update_buttons()

    def _build_filter_bar(self, outer: QVBoxLayout) -> None:
        """日期 or 全部日期, 收据号, 缴款单位或姓名, 查询."""
        bar = QHBoxLayout()
        today = self._today()
        self.day_edit = QDateEdit()
        self.day_edit.setObjectName("dayEdit")
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        self.day_edit.setDate(QDate(today.year, today.month, today.day))
        self.day_edit.dateChanged.connect(self.refresh)
        self.all_days_check = QCheckBox(self.tr("全部日期"))
        self.all_days_check.setObjectName("allDaysCheck")
        self.all_days_check.toggled.connect(self._all_days_toggled)
        self.serial_edit = QLineEdit()
        self.serial_edit.setObjectName("serialEdit")
        self.serial_edit.setPlaceholderText(self.tr("收据号，如 SJ2026-000123"))
        self.serial_edit.setClearButtonEnabled(True)
        self.serial_edit.returnPressed.connect(self.search)
        self.payer_edit = QLineEdit()
        self.payer_edit.setObjectName("payerEdit")
        self.payer_edit.setPlaceholderText(self.tr("缴款单位或姓名"))
        self.payer_edit.setClearButtonEnabled(True)
        self.payer_edit.returnPressed.connect(self.search)
        self.search_button = QPushButton(self.tr("查询"))
        self.search_button.setObjectName("searchButton")
        self.search_button.clicked.connect(self.search)
        bar.addWidget(QLabel(self.tr("日期：")))
        bar.addWidget(self.day_edit)
        bar.addWidget(self.all_days_check)
        bar.addSpacing(12)
        bar.addWidget(self.serial_edit, 2)
        bar.addWidget(self.payer_edit, 2)
        bar.addWidget(self.search_button)
        outer.addLayout(bar)

    def _build_table(self, outer: QVBoxLayout) -> None:
        """The receipts found, and the selected one in words below them."""
        self.model = ReceiptsModel(self)
        self.table = QTableView()
        self.table.setObjectName("receiptsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((130, 96, 200, 160, 56, 110, 64, 90, 60, 260)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        outer.addWidget(self.table, 1)
        # the selected receipt in words: what it replaces, the bank reference, a void's reason
        self.detail_label = QLabel()
        self.detail_label.setObjectName("detailLabel")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.detail_label)

    def _build_actions(self, outer: QVBoxLayout) -> None:
        """收款, 补打收据, 作废, 参保名单; and 日结单 for a chosen clerk."""
        actions = QHBoxLayout()
        self.pay_button = QPushButton(self.tr("收款…"))
        self.pay_button.setObjectName("payButton")
        self.pay_button.clicked.connect(self.start_payment)
        self.reprint_button = QPushButton(self.tr("补打收据"))
        self.reprint_button.setObjectName("reprintButton")
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.void_button = QPushButton(self.tr("作废…"))
        self.void_button.setObjectName("voidButton")
        self.void_button.clicked.connect(self.void_selected)
        self.roster_button = QPushButton(self.tr("参保名单"))
        self.roster_button.setObjectName("rosterButton")
        self.roster_button.clicked.connect(self.roster_selected)
        actions.addWidget(self.pay_button)
        actions.addWidget(self.reprint_button)
        actions.addWidget(self.void_button)
        actions.addWidget(self.roster_button)
        actions.addStretch(1)
        self.clerk_combo = QComboBox()
        self.clerk_combo.setObjectName("clerkCombo")
        self.clerk_combo.addItem(self._user.display_name, self._user.id)
        others = self._others_cash_up_refusal()
        self.clerk_combo.setEnabled(others is None)
        self.clerk_combo.setToolTip(others or self.tr("选择要打印日结单的经办人"))
        self.clerk_combo.setMinimumWidth(120)
        self.cash_up_button = QPushButton(self.tr("日结单"))
        self.cash_up_button.setObjectName("cashUpButton")
        self.cash_up_button.clicked.connect(self.cash_up)
        actions.addWidget(QLabel(self.tr("经办人：")))
        actions.addWidget(self.clerk_combo)
        actions.addWidget(self.cash_up_button)
        outer.addLayout(actions)

    def _build_status(self, outer: QVBoxLayout) -> None:
        """What was found, and 更多… to load the next page."""
        self.status_label = QLabel()
        self.status_label.setObjectName("statusLabel")
        self.status_label.setWordWrap(True)
        self.more_button = QPushButton(self.tr("更多…"))
        self.more_button.setObjectName("moreButton")
        self.more_button.setEnabled(False)
        self.more_button.clicked.connect(self.load_more)
        status = QHBoxLayout()
        status.addWidget(self.status_label, 1)
        status.addWidget(self.more_button)
        outer.addLayout(status)

    # --- loading ----------------------------------------------------------------------------

    shows = frozenset({PAYMENTS, USERS})  # receipts taken or voided anywhere; the cashiers

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)  # reloads what changed out of sight (ui/common/counter_page.py)
        if not self._shown_once:  # the first time: later, change reports keep it current
            self._shown_once = True
            self.reload_for(None)

    def reload_for(self, changes) -> None:
        self.refresh()
        if self._others_cash_up_refusal() is None and (changes is None or changes.touches(USERS)):
            self._load_cashiers()

    def _load_cashiers(self) -> None:
        from mutualaid_desktop.services.enrollment.payments import cashiers

        self._worker.submit(cashiers, self._db, on_result=self._cashiers_loaded, context=self)

    def _cashiers_loaded(self, people) -> None:
        current = self.clerk_combo.currentData()
        self.clerk_combo.clear()
        for person in people:
            self.clerk_combo.addItem(person.display_name, person.id)
        index = self.clerk_combo.findData(current)
        self.clerk_combo.setCurrentIndex(max(0, index))

    def _all_days_toggled(self, checked: bool) -> None:
        self.day_edit.setEnabled(not checked)
        self.refresh()

    def search(self) -> None:
        self.refresh()
        self.table.setFocus()

    @Slot()
    def refresh(self) -> None:
        self._read(offset=0)

    def load_more(self) -> None:
        """更多…: the next PAGE_SIZE receipts of the same search, added below."""
        self._read(offset=self.model.rowCount())

    def _read(self, *, offset: int) -> None:
        if self._worker.closed:
            return
        if not self._load.start():
            return
        from mutualaid_desktop.services.enrollment.payments import list_receipts

        self._appending = offset > 0
        self.more_button.setEnabled(False)
        serial = self.serial_edit.text().strip()
        payer = self.payer_edit.text().strip()
        # a number or a payer is looked for on every day
        day = None if (self.all_days_check.isChecked() or serial or payer) else self.day_edit.date().toPython()
        self.status_label.setText(self.tr("正在读取…"))
        self._worker.submit(
            list_receipts,
            self._db,
            day=day,
            serial=serial or None,
            payer=payer or None,
            limit=PAGE_SIZE + 1,
            offset=offset,
            on_result=self._loaded,
            on_error=self._failed,
            context=self,
        )

    def is_loading(self) -> bool:
        return self._load.loading

    def _loaded(self, rows) -> None:
        from mutualaid_desktop.domain.money import format_amount

        selected = self.selected()
        more = self.model.show_page(rows, PAGE_SIZE, appending=self._appending)
        rows = self.model.rows()
        valid = [r for r in rows if not r.voided]
        total = sum((r.amount for r in valid), Decimal("0.00"))
        if more:
            text = self.tr("已显示 {count} 张收据，有效合计 {amount}；还有更多，点“更多…”继续读取")
        else:
            text = self.tr("共 {count} 张收据，有效合计 {amount}")
        self.status_label.setText(text.format(count=len(rows), amount=format_amount(total)))
        self.more_button.setEnabled(more)
        if rows and not self._appending:
            index = next((i for i, r in enumerate(rows) if selected and r.serial == selected.serial), 0)
            self.table.selectRow(index)
        self._update_buttons()
        again = self._load.finish()
        self._appending = False
        self.receiptsLoaded.emit(rows)
        if again:
            self.refresh()

    def _failed(self, error: BaseException) -> None:
        again = self._load.finish()
        self._appending = False
        self.status_label.setText(user_message(error, self.tr("读取收据时出现意外错误。")))
        if again:
            self.refresh()

    # --- selection --------------------------------------------------------------------------

    def selected(self) -> ReceiptRow | None:
        return selected_row(self.table)

    def _others_cash_up_refusal(self) -> str | None:
        from mutualaid_desktop.services.enrollment.payment_parts import others_cash_up_refusal

        return others_cash_up_refusal(self._user)

    def _refusals(self, row: ReceiptRow | None) -> dict[QPushButton, str | None]:
        """Why each button may not be used now (None: it may), as the services' rules say."""
        from mutualaid_desktop.services.enrollment.payment_parts import pay_refusal, reprint_refusal, roster_refusal
        from mutualaid_desktop.services.enrollment.receipt_voids import void_refusal

        choose = self.tr("请先在表中选择一张收据")
        return {
            self.pay_button: pay_refusal(self._user),
            self.reprint_button: reprint_refusal(self._user) or (choose if row is None else None),
            self.roster_button: choose if row is None else roster_refusal(self._user, voided=row.voided),
            self.void_button: choose if row is None else void_refusal(self._user, row, today=self._today()),
        }

    def _update_buttons(self, *_args) -> None:
        row = self.selected()
        tips = {
            self.pay_button: self.tr("收取待缴费人员的互助金"),
            self.reprint_button: self.tr("再打印一份，标明“补打”"),
            self.roster_button: self.tr("打印这张收据所缴人员的参保名单"),
            self.void_button: self.tr("作废这张收据（须填写原因），所缴人员恢复为待缴费"),
        }
        for button, refusal in self._refusals(row).items():
            button.setEnabled(refusal is None)
            button.setToolTip(refusal or tips[button])
        self.detail_label.setText(self._detail(row) if row is not None else "")

    def _detail(self, r: ReceiptRow) -> str:
        lines = [
            self.tr("收据 {serial}：{payer}，{amount}，{method}").format(
                serial=r.serial,
                payer=r.payer_name,
                amount=_amount(r.amount),
                method=self.model.display(r, self.model.METHOD),
            )
        ]
        if r.replaces_serial:
            lines.append(self.tr("本收据替代第 {serial} 号收据（已作废）").format(serial=r.replaces_serial))
        if r.bank_reference:
            lines.append(self.tr("银行流水号：{number}").format(number=r.bank_reference))
        if r.voided:
            when = f"{r.voided_at:%Y-%m-%d %H:%M}" if r.voided_at else ""
            lines.append(
                self.tr("已作废（{who}，{when}）。作废原因：{reason}").format(
                    who=r.voided_by_name or "", when=when, reason=r.void_reason or ""
                )
            )
        if r.replaced_by_serial:
            lines.append(self.tr("已由第 {serial} 号收据替代").format(serial=r.replaced_by_serial))
        return "\n".join(lines)

    # --- actions ----------------------------------------------------------------------------

    def _run(self, job, *args, done: str) -> None:
        """Run a paper-making job on the worker; open the PDF it made."""
        self.status_label.setText(self.tr("正在处理…"))

        def made(result) -> None:
            from mutualaid_desktop.services.papers.printed_papers import printer_recorder

            path, record = result
            self.status_label.setText(done.format(path=str(path)))
            self.paperMade.emit(path)
            payment_dialog.open_pdf(
                path, on_printed=printer_recorder(self._db, self._user, **record), runner=self._worker
            )
            self.actionDone.emit(done)
            self.refresh()

        self._worker.submit(job, *args, on_result=made, on_error=self._action_failed, context=self)

    def _action_failed(self, error: BaseException) -> None:
        text = user_message(error, self.tr("操作没有成功，数据未改动。"))
        self.status_label.setText(text)
        self.actionFailed.emit(text)

    def reprint_selected(self) -> None:
        row = self.selected()
        if row is None or not self.reprint_button.isEnabled():
            return
        self._run(
            _reprint,
            self._db,
            self._user,
            row.serial,
            payment_dialog.paper_path(self._db, "receipts", row.serial + "-copy"),
            done=self.tr("已补打收据：{path}"),
        )

    def roster_selected(self) -> None:
        row = self.selected()
        if row is None or not self.roster_button.isEnabled():
            return
        self._run(
            _roster,
            self._db,
            self._user,
            row.serial,
            payment_dialog.paper_path(self._db, "rosters", row.serial),
            done=self.tr("已生成参保名单：{path}"),
        )

    def cash_up(self) -> None:
        clerk_id = self.clerk_combo.currentData()
        day = self.day_edit.date().toPython()
        self._run(_cash_up, self._db, self._user, day, clerk_id, done=self.tr("已生成日结单：{path}"))

    def void_selected(self) -> None:
        row = self.selected()
        if row is None or not self.void_button.isEnabled():  # the tooltip says why
            return
        self.void_dialog = VoidDialog(row.serial, self)
        self.void_dialog.accepted.connect(
            lambda serial=row.serial: self._void(serial, self.void_dialog.reason if self.void_dialog else "")
        )
        self.void_dialog.open()

    def _void(self, serial: str, reason: str) -> None:
        from mutualaid_desktop.services.enrollment.payments import void_receipt

        def voided(result) -> None:
            text = self.tr("收据 {serial} 已作废，{count} 人恢复为待缴费。").format(
                serial=result.serial, count=result.enrollments_reopened
            )
            self.status_label.setText(text)
            self.actionDone.emit(text)
            self.refresh()

        self._worker.submit(
            void_receipt,
            self._db,
            self._user,
            serial,
            reason,
            on_result=voided,
            on_error=self._action_failed,
            context=self,
        )

    def start_payment(self) -> None:
        from mutualaid_desktop.services.enrollment.payments import pending_groups

        if not self.pay_button.isEnabled():
            return

        self._worker.submit(
            pending_groups, self._db, on_result=self._choose_pending, on_error=self._action_failed, context=self
        )

    def _choose_pending(self, groups) -> None:
        if not groups:
            self.status_label.setText(self.tr("没有待缴费的参保人员。"))
            return
        self.pending_dialog = PendingDialog(groups, self)
        self.pending_dialog.accepted.connect(self._pending_chosen)
        self.pending_dialog.open()

    def _pending_chosen(self) -> None:
        group = self.pending_dialog.chosen() if self.pending_dialog else None
        if group is None:
            return
        self.payment_dialog = payment_dialog.PaymentDialog(
            self._db,
            self._user,
            enrollment_ids=list(group.enrollment_ids),
            parent=self,
            today=self._today,
            worker=self._worker,
        )
        self.payment_dialog.accepted.connect(self._paid)
        self.payment_dialog.open()

    def _paid(self) -> None:
        result = self.payment_dialog.result if self.payment_dialog else None
        if result is not None:
            self.status_label.setText(self.tr("已收款，收据号 {serial}。").format(serial=result.serial))
            self.serial_edit.clear()
            self.payer_edit.clear()
            self.all_days_check.setChecked(False)
            paid = result.paid_on
            self.day_edit.setDate(QDate(paid.year, paid.month, paid.day))
            self.refresh()


def _amount(value: Decimal) -> str:
    from mutualaid_desktop.domain.money import format_amount

    return format_amount(value)


# --- jobs for the worker (no Qt in here) ---------------------------------------------------


def _reprint(db, user, serial, path):
    from mutualaid_desktop.services.enrollment.payments import reprint_receipt, save_paper

    printed = reprint_receipt(db, user, serial)
    name = (
        path.with_name(f"{serial}-{printed.copy_number}.pdf")
        if printed.copy_number
        else path.with_name(f"{serial}.pdf")
    )
    return save_paper(printed.paper, name), _printed(RECEIPT_KIND, printed)


def _roster(db, user, serial, path):
    from mutualaid_desktop.services.enrollment.payments import save_paper, unit_roster

    printed = unit_roster(db, user, serial)
    if printed.copy_number:
        path = path.with_name(f"{serial}-{printed.copy_number}.pdf")
    return save_paper(printed.paper, path), _printed(ROSTER_KIND, printed)


def _printed(kind: str, printed) -> dict:
    """Which print record the preview's on_printed fills (printed_papers.printer_recorder)."""
    return {"kind": kind, "serial": printed.serial, "copy_number": printed.copy_number}


def _cash_up(db, user, day, clerk_id):
    """The 日结单, recorded as a printed paper (a second one of the same day and clerk is 补打)."""
    from mutualaid_desktop.services.papers.printed_papers import print_cash_up

    record, path = print_cash_up(db, user, day, clerk_id)
    return path, {"record_id": record.id}
