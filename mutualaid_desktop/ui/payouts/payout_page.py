"""给付: approved claims waiting for a batch, the payout batches, and what is done with a batch:
导出银行文件 (the .xlsx for the bank; a batch exported before gives a copy, 副本, only by a supervisor
with a reason: the button then reads 导出副本…), 打印给付清单 (the list for signature), 银行回单确认 (mark
paid, with 退回 and a reason per row), 冲正 of a paid claim (supervisor), 更正账户 for a returned
claim; and 打印理赔材料告知单 for a plan. Everything is read and written on the background worker.

Keyboard: F5 reads everything again; Ctrl+A in the waiting list selects every claim; each action
has an Alt mnemonic; in 银行回单确认 Space ticks 退回 on a row and typing (or F2) on the reason
cell enters the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.domain import clock
from mutualaid_desktop.services.changes import CLAIMS, MEMBERS, PAYOUTS, PLANS
from mutualaid_desktop.services.permissions import may, why_not
from mutualaid_desktop.ui.common.counter_page import CounterPage
from mutualaid_desktop.ui.common.file_dialogs import ask_save_file
from mutualaid_desktop.ui.common.widgets import delete_closed_dialogs, list_table
from mutualaid_desktop.ui.enrollment import payment_dialog
from mutualaid_desktop.ui.payouts.payout_dialogs import AccountDialog, ExportCopyDialog, ReverseDialog, SettleDialog
from mutualaid_desktop.ui.payouts.payout_models import BatchesModel, ItemsModel, PayableModel, _money
from mutualaid_desktop.ui.shell.background import user_message
from mutualaid_desktop.ui.shell.task_runner import TaskRunner

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.store.database import Database


class PayoutPage(CounterPage):
    """给付. `loaded` is emitted after each refresh; `paperMade` with each PDF or bank file made;
    `actionDone` / `actionFailed` with the message shown."""

    loaded = Signal()
    detailLoaded = Signal(object)
    paperMade = Signal(object)
    actionDone = Signal(str)
    actionFailed = Signal(str)

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
        self.setObjectName("payoutPage")
        self._detail = None
        self._want_batch: str | None = None
        self.dialog: QDialog | None = None
        # asked for the bank file's name (replaced in tests)
        self.ask_save_path: Callable[[str], str] = self._ask_save_path
        self._build()
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Refresh),
            self,
            self.refresh,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.refresh()

    # --- construction -----------------------------------------------------------------------

    def _button(self, name: str, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _build(self) -> None:
        outer = self.page_layout(self.tr("给付"))
        splitter = QSplitter(Qt.Orientation.Vertical)

        waiting = QGroupBox(self.tr("待给付的理赔（已核准）"))
        box = QVBoxLayout(waiting)
        self.payable_model = PayableModel(self)
        self.payable_table = list_table("payableTable", self.payable_model, multi=True)
        box.addWidget(self.payable_table)
        row = QHBoxLayout()
        self.payable_label = QLabel()
        self.payable_label.setObjectName("payableLabel")
        self.create_button = self._button("createBatchButton", self.tr("生成给付批次(&G)"), self.create_batch)
        row.addWidget(self.payable_label, 1)
        row.addWidget(self.create_button)
        box.addLayout(row)
        splitter.addWidget(waiting)

        batches = QGroupBox(self.tr("给付批次"))
        box = QVBoxLayout(batches)
        self.batches_model = BatchesModel(self)
        self.batches_table = list_table("batchesTable", self.batches_model)
        self.batches_table.selectionModel().currentRowChanged.connect(lambda *_: self._load_detail())
        self.batches_table.selectionModel().currentRowChanged.connect(lambda *_: self._show_export_button())
        box.addWidget(self.batches_table)
        row = QHBoxLayout()
        self.export_button = self._button("exportButton", self.tr("导出银行文件(&E)"), self.export_bank_file)
        self.print_button = self._button("printListButton", self.tr("打印给付清单(&P)"), self.print_batch_list)
        self.settle_button = self._button("settleButton", self.tr("银行回单确认(&C)"), self.settle)
        for b in (self.export_button, self.print_button, self.settle_button):
            row.addWidget(b)
        row.addStretch(1)
        box.addLayout(row)
        splitter.addWidget(batches)

        detail = QGroupBox(self.tr("批次明细"))
        box = QVBoxLayout(detail)
        self.items_model = ItemsModel(self)
        self.items_table = list_table("itemsTable", self.items_model)
        box.addWidget(self.items_table)
        row = QHBoxLayout()
        self.reverse_button = self._button("reverseButton", self.tr("冲正(&R)"), self.reverse)
        self.account_button = self._button("accountButton", self.tr("更正账户(&A)"), self.correct_account)
        row.addWidget(self.reverse_button)
        row.addWidget(self.account_button)
        row.addStretch(1)
        box.addLayout(row)
        splitter.addWidget(detail)
        outer.addWidget(splitter, 1)

        bottom = QHBoxLayout()
        self.plan_combo = QComboBox()
        self.plan_combo.setObjectName("planCombo")
        self.notice_button = self._button("noticeButton", self.tr("打印理赔材料告知单(&N)"), self.print_notice)
        bottom.addWidget(QLabel(self.tr("计划：")))
        bottom.addWidget(self.plan_combo, 1)
        bottom.addWidget(self.notice_button)
        outer.addLayout(bottom)
        self.message = QLabel()
        self.message.setObjectName("payoutMessage")
        self.message.setWordWrap(True)
        outer.addWidget(self.message)

        for button, action in ((self.settle_button, "settle_payout"), (self.reverse_button, "reverse_payout")):
            button.setEnabled(may(self._user, action))
            button.setToolTip(why_not(self._user, action) or "")
        for b in (self.create_button, self.export_button, self.print_button, self.account_button):
            b.setEnabled(may(self._user, "make_payout_batch"))
            b.setToolTip(why_not(self._user, "make_payout_batch") or "")
        self.setTabOrder(self.payable_table, self.create_button)

    # --- loading ------------------------------------------------------------------------------

    shows = frozenset({CLAIMS, PAYOUTS, PLANS, MEMBERS})  # an approval, a batch, a plan, a member's name: at once

    def reload_for(self, changes) -> None:
        self.refresh()

    def refresh(self) -> None:
        from mutualaid_desktop.services.admin.plans import list_plans
        from mutualaid_desktop.services.payouts.payouts import approved_unbatched, list_batches

        def load(db):
            return approved_unbatched(db), list_batches(db), list_plans(db)

        self._worker.submit(load, self._db, on_result=self._loaded, on_error=self._failed, context=self)

    def _loaded(self, result) -> None:
        payable, batches, plans = result
        self.payable_model.set_rows(payable)
        total = sum((p.amount for p in payable), Decimal("0.00"))
        self.payable_label.setText(
            self.tr("{count} 件待给付，合计 {total}").format(count=len(payable), total=_money(total))
        )
        current = self._want_batch or self._current_batch_number()
        self.batches_model.set_rows(batches)
        if self.plan_combo.count() != len(plans):
            self.plan_combo.clear()
            for p in plans:
                self.plan_combo.addItem(f"{p.name}（{p.code}）", p.code)
        row = next((k for k, b in enumerate(batches) if b.batch_number == current), 0 if batches else -1)
        if row >= 0:
            self.batches_table.selectRow(row)
            self.batches_table.setCurrentIndex(self.batches_model.index(row, 0))
            self._load_detail()
        else:
            self.items_model.set_rows([])
        self._want_batch = None
        self._show_export_button()
        self.loaded.emit()

    def _current_batch_number(self) -> str | None:
        index = self.batches_table.currentIndex()
        b = self.batches_model.row(index.row()) if index.isValid() else None
        return b.batch_number if b else None

    def _load_detail(self) -> None:
        from mutualaid_desktop.services.payouts.payouts import batch_detail

        number = self._current_batch_number()
        if number is None:
            return
        self._worker.submit(
            batch_detail, self._db, number, on_result=self._show_detail, on_error=self._failed, context=self
        )

    def _show_detail(self, detail) -> None:
        if detail.info.batch_number != self._current_batch_number():
            return
        self._detail = detail
        self.items_model.set_rows(detail.items)
        self.detailLoaded.emit(detail)

    # --- messages -----------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)
        self.actionDone.emit(text)

    def _failed(self, error: BaseException) -> None:
        text = user_message(error, self.tr("操作没有完成，请重试；如仍不行请联系管理员。"))
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setText(text)
        self.actionFailed.emit(text)

    # --- actions ------------------------------------------------------------------------------

    def selected_claims(self) -> list[str]:
        rows = sorted({i.row() for i in self.payable_table.selectionModel().selectedRows()})
        return [self.payable_model.row(r).claim_number for r in rows]

    def create_batch(self) -> None:
        from mutualaid_desktop.services.payouts.payouts import create_batch

        numbers = self.selected_claims()
        if not numbers:
            self._failed_text(self.tr("请先在“待给付的理赔”中选择理赔（Ctrl+A 全选）。"))
            return

        def done(info) -> None:
            self._want_batch = info.batch_number
            self._say(
                self.tr("已生成给付批次 {batch}：{count} 笔，合计 {total}。").format(
                    batch=info.batch_number, count=info.count, total=_money(info.total)
                )
            )
            self.refresh()
            self.batches_table.setFocus()

        self._worker.submit(
            create_batch, self._db, self._user, numbers, on_result=done, on_error=self._failed, context=self
        )

    def _failed_text(self, text: str) -> None:
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setText(text)
        self.actionFailed.emit(text)

    def _need_batch(self) -> str | None:
        number = self._current_batch_number()
        if number is None:
            self._failed_text(self.tr("请先选择一个给付批次。"))
        return number

    def _ask_save_path(self, suggested: str) -> str:
        return ask_save_file(self, self.tr("导出银行文件"), Path(suggested), self.tr("Excel 文件 (*.xlsx)"))

    def _current_batch(self):
        index = self.batches_table.currentIndex()
        return self.batches_model.row(index.row()) if index.isValid() else None

    def _show_export_button(self) -> None:
        """导出银行文件 for a batch never exported; 导出副本… for one that was (the next file is a copy)."""
        info = self._current_batch()
        again = info is not None and info.export_count > 0
        self.export_button.setText(self.tr("导出副本…(&E)") if again else self.tr("导出银行文件(&E)"))
        self.export_button.setToolTip(
            why_not(self._user, "make_payout_batch")
            or (
                self.tr("该批次已导出过 {count} 次：再次导出须由主管填写原因，文件标明“副本”。").format(
                    count=info.export_count
                )
                if again
                else ""
            )
        )

    def export_bank_file(self) -> None:
        """The batch's bank file; for a batch exported before, a copy (副本) with a supervisor's reason."""
        number = self._need_batch()
        info = self._current_batch()
        if number is None or info is None:
            return
        if info.export_count == 0:
            self._export(number, 0)
            return
        problem = why_not(self._user, "export_bank_file_copy")
        if problem is not None:
            self._failed_text(self.tr("批次 {batch} 的银行文件已导出过。").format(batch=number) + problem)
            return
        dialog = ExportCopyDialog(number, info.export_count, self)
        dialog.submitted.connect(lambda: self._export(number, info.export_count, dialog))
        self._open_dialog(dialog)

    def _export(self, number: str, exports: int, dialog: ExportCopyDialog | None = None) -> None:
        from mutualaid_desktop.services.enrollment.payments import papers_folder
        from mutualaid_desktop.services.payouts.payout_export import bank_file_name
        from mutualaid_desktop.services.payouts.payouts import export_bank_file

        if dialog is not None and not dialog.reason.strip():
            dialog.show_error(self.tr("请写明再次导出的原因。"))
            dialog.reason_edit.setFocus()
            return
        path = self.ask_save_path(str(papers_folder(self._db) / "bank" / bank_file_name(number, exports)))
        if not path:
            if dialog is not None:
                dialog.show_error(self.tr("没有选择保存位置，未导出。"))
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"

        def done(result) -> None:
            if dialog is not None:
                dialog.saved()
            self._want_batch = number
            copy = self.tr("（副本 {n}）").format(n=result.copy_number) if result.copy_number else ""
            self._say(
                self.tr("已导出银行文件{copy} {path}：{count} 笔，合计 {total}。").format(
                    copy=copy, path=result.path, count=result.count, total=_money(result.total)
                )
            )
            self.paperMade.emit(result.path)
            self.refresh()

        def failed(error: BaseException) -> None:
            if dialog is not None:
                dialog.show_error(user_message(error, self.tr("导出没有完成，请重试。")))
            else:
                self._failed(error)

        again = dialog is not None
        self._worker.submit(
            export_bank_file,
            self._db,
            self._user,
            number,
            path,
            again=again,
            reason=dialog.reason if dialog is not None else None,
            on_result=done,
            on_error=failed,
            context=dialog if dialog is not None else self,
        )

    def print_batch_list(self) -> None:
        from mutualaid_desktop.services.payouts.payouts import print_batch_list

        number = self._need_batch()
        if number is None:
            return
        path = payment_dialog.paper_path(self._db, "payouts", number)

        def make(db, user, batch, target: Path):
            # the copy number is known once the paper is recorded: written whole under a temporary
            # name (cleaned like any leftover if the program is killed), then renamed
            from mutualaid_desktop.safe_files import temporary_name

            made = temporary_name(target)
            paper, _ = print_batch_list(db, user, batch, made)
            final = target if paper.copy_number == 0 else target.with_name(f"{target.stem}-补打{paper.copy_number}.pdf")
            made.replace(final)
            return final

        def done(final: Path) -> None:
            from mutualaid_desktop.services.papers.printed_papers import printer_recorder

            self._say(self.tr("已生成给付清单 {path}").format(path=final))
            self.paperMade.emit(final)
            payment_dialog.open_pdf(
                final,
                on_printed=printer_recorder(
                    self._db, self._user, kind="payout_batch_list", serial=number, copy_number=None
                ),
                runner=self._worker,
            )

        self._worker.submit(
            make, self._db, self._user, number, path, on_result=done, on_error=self._failed, context=self
        )

    def _open_dialog(self, dialog: QDialog) -> None:
        delete_closed_dialogs(self, dialog, QDialog)
        self.dialog = dialog
        dialog.open()

    def settle(self) -> None:
        from mutualaid_desktop.services.payouts.payouts import mark_paid

        number = self._need_batch()
        if number is None or self._detail is None or self._detail.info.batch_number != number:
            return
        dialog = SettleDialog(number, self._detail.items, self._today(), self)

        def submit() -> None:
            def done(result) -> None:
                dialog.saved()
                self._want_batch = number
                self._say(
                    self.tr("批次 {batch}：已给付 {paid} 笔（{total}），退回 {returned} 笔。").format(
                        batch=number, paid=result.paid, total=_money(result.paid_total), returned=result.returned
                    )
                )
                self.refresh()

            self._worker.submit(
                mark_paid,
                self._db,
                self._user,
                number,
                settled_on=dialog.settled_on,
                returned=dialog.returned,
                on_result=done,
                on_error=lambda e: dialog.show_error(user_message(e, self.tr("确认没有完成，请重试。"))),
                context=dialog,
            )

        dialog.submitted.connect(submit)
        self._open_dialog(dialog)

    def _current_item(self):
        index = self.items_table.currentIndex()
        item = self.items_model.row(index.row()) if index.isValid() else None
        if item is None:
            self._failed_text(self.tr("请先在批次明细中选择一行。"))
        return item

    def reverse(self) -> None:
        from mutualaid_desktop.services.payouts.payouts import reverse_payout

        item = self._current_item()
        if item is None:
            return
        if item.status != "paid":
            self._failed_text(self.tr("只有已给付的理赔可以冲正。"))
            return
        dialog = ReverseDialog(item, self)
        batch = self._current_batch_number()

        def submit() -> None:
            def done(result) -> None:
                dialog.saved()
                self._want_batch = batch
                self._say(
                    self.tr("理赔 {claim} 已冲正 {amount}。").format(
                        claim=result.claim_number, amount=_money(result.amount)
                    )
                )
                self.refresh()

            self._worker.submit(
                reverse_payout,
                self._db,
                self._user,
                item.claim_number,
                amount=dialog.amount_edit.text(),
                reason=dialog.reason_edit.text(),
                on_result=done,
                on_error=lambda e: dialog.show_error(user_message(e, self.tr("冲正没有完成，请重试。"))),
                context=dialog,
            )

        dialog.submitted.connect(submit)
        self._open_dialog(dialog)

    def correct_account(self) -> None:
        from mutualaid_desktop.services.payouts.payouts import correct_account

        item = self._current_item()
        if item is None:
            return
        if item.status != "returned":
            self._failed_text(self.tr("只有银行退回的理赔需要更正账户。"))
            return
        dialog = AccountDialog(item, self)
        batch = self._current_batch_number()

        def submit() -> None:
            def done(_status) -> None:
                dialog.saved()
                self._want_batch = batch
                self._say(self.tr("理赔 {claim} 的账户已更正，重新等待给付。").format(claim=item.claim_number))
                self.refresh()

            self._worker.submit(
                correct_account,
                self._db,
                self._user,
                item.claim_number,
                bank=dialog.bank_edit.text(),
                holder=dialog.holder_edit.text(),
                number=dialog.number_edit.text(),
                on_result=done,
                on_error=lambda e: dialog.show_error(user_message(e, self.tr("保存没有完成，请重试。"))),
                context=dialog,
            )

        dialog.submitted.connect(submit)
        self._open_dialog(dialog)

    def print_notice(self) -> None:
        """理赔材料告知单 of the chosen plan: a handout, recorded as printed papers (counted, never 补打)."""
        from mutualaid_desktop.services.papers.printed_papers import make_paper

        code = self.plan_combo.currentData()
        if not code:
            self._failed_text(self.tr("请先选择计划。"))
            return

        def done(result) -> None:
            from mutualaid_desktop.services.papers.printed_papers import printer_recorder

            record, final = result
            self._say(self.tr("已生成理赔材料告知单 {path}").format(path=final))
            self.paperMade.emit(final)
            payment_dialog.open_pdf(
                final, on_printed=printer_recorder(self._db, self._user, record_id=record.id), runner=self._worker
            )

        self._worker.submit(
            make_paper,
            self._db,
            self._user,
            kind="claim_documents_notice",
            serial=code,
            on_result=done,
            on_error=self._failed,
            context=self,
        )
