"""单位续保's steps from 确认续保 to the saved renewal, mixed into UnitRenewalPage: the leavers' reasons when
some have none (LeaverReasonDialog), the summary (RenewalSummaryDialog), the number of leavers again when
many are registered at once (ManyLeaversBox), then services/renewal.confirm_renewal on the worker; and
撤销离开登记 (services/renewal/leavers.withdraw_leaver). Nothing is saved before the clerk has confirmed. The page's
draft, model, worker and messages are used as they are."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QPushButton, QWidget
from shiboken6 import isValid

from mutualaid_desktop.ui.common.widgets import delete_closed_dialogs
from mutualaid_desktop.ui.renewal.unit_renewal_confirm import (
    MANY_LEAVERS,
    LeaverReasonDialog,
    ManyLeaversBox,
    RenewalSummary,
    RenewalSummaryDialog,
)
from mutualaid_desktop.ui.renewal.unit_renewal_draft_model import DraftModel, DraftRow

if TYPE_CHECKING:
    from mutualaid_desktop.services.renewal.leavers import LeaverRecord
    from mutualaid_desktop.services.renewal.renewal import RenewalDraft, RenewalResult
    from mutualaid_desktop.ui.common.counter_page import CounterPage as _PageBase
else:
    _PageBase = object  # at run time a plain mixin; UnitRenewalPage brings CounterPage

_Dialog = TypeVar("_Dialog", bound=QWidget)


class ConfirmingSteps(_PageBase):
    """确认续保 and 撤销离开登记 (a mixin of UnitRenewalPage)."""

    # what the page (UnitRenewalPage) provides and these steps use
    draft: RenewalDraft | None
    model: DraftModel
    confirm_button: QPushButton
    result: RenewalResult | None
    confirmed: Signal
    leaverWithdrawn: Signal
    _busy: bool
    _finished: bool
    _message_after_load: tuple[str, str] | None
    _reason_dialog: LeaverReasonDialog | None
    _summary_dialog: RenewalSummaryDialog | None
    _many_leavers_box: ManyLeaversBox | None
    _message: Callable[[str, str], None]
    _update_buttons: Callable[[], None]
    _failed: Callable[[BaseException], None]
    selected_rows: Callable[[], list[int]]
    selected_row: Callable[[], DraftRow | None]
    load_draft: Callable[[], None]
    open_payment: Callable[[list[int]], None]

    @Slot()
    def confirm(self) -> None:
        """确认续保 (登记离开): the leavers' reasons when some have none, then the summary, then (many leavers)
        the number again; saved only when all were confirmed."""
        if self.draft is None or self._busy or not self.confirm_button.isEnabled():
            return
        missing = self.model.leavers_without_reason()
        if missing:
            self._ask_reason(missing, then=self._ask_summary)
        else:
            self._ask_summary()

    @Slot()
    def ask_reason_for_selected(self) -> None:
        """离开原因…: one reason for the selected leavers (all leavers without one when none is selected)."""
        if self.draft is None or self._busy:
            return
        rows = [r for r in self.selected_rows() if DraftModel.is_leaver(self.model.row(r))]
        if not rows:
            rows = self.model.leavers_without_reason()
        if not rows:
            self._message(self.tr("请先取消勾选不续保（离开）的人员，再选中他们填写离开原因。"), "error")
            return
        self._ask_reason(rows)

    def _ask_reason(self, rows: list[int], then: Callable[[], None] | None = None) -> None:
        draft_rows = [self.model.row(r) for r in rows]
        names = [f"{r.member.name}（{r.member.id_number}）" for r in draft_rows]
        moved = all(r.member.moved_to for r in draft_rows)
        dialog = LeaverReasonDialog(names, self.tr("离职/调出") if moved else None, self)
        given = {r.reason for r in draft_rows}
        if len(given) == 1 and "" not in given:
            dialog.set_reason(given.pop())
        delete_closed_dialogs(self, dialog, LeaverReasonDialog)
        dialog.accepted.connect(lambda d=dialog: self._reason_given(rows, d.reason, then))
        if then is not None:
            dialog.rejected.connect(lambda: self._message(self.tr("没有办理：离开人员需要填写离开原因。"), "error"))
        self._reason_dialog = dialog
        dialog.open()

    def _reason_given(self, rows: list[int], reason: str | None, then: Callable[[], None] | None) -> None:
        if reason is None:
            return
        count = self.model.set_reason(rows, reason)
        self._message(self.tr("已为 {count} 名离开人员填写原因：{reason}。").format(count=count, reason=reason), "ok")
        if then is not None:
            then()

    @property
    def reason_dialog(self) -> LeaverReasonDialog | None:
        return self._open(self._reason_dialog)

    @property
    def summary_dialog(self) -> RenewalSummaryDialog | None:
        return self._open(self._summary_dialog)

    @property
    def many_leavers_box(self) -> ManyLeaversBox | None:
        return self._open(self._many_leavers_box)

    @staticmethod
    def _open(dialog: _Dialog | None) -> _Dialog | None:
        return dialog if dialog is not None and isValid(dialog) and dialog.isVisible() else None

    def _ask_summary(self) -> None:
        if self.draft is None or self._busy:
            return
        kept, left, joined, due = self.model.totals()
        summary = RenewalSummary(
            self.draft.unit.name, self.draft.plan.label(), kept, left, self.model.leavers_to_record(), joined, due
        )
        dialog = RenewalSummaryDialog(summary, self)
        delete_closed_dialogs(self, dialog, RenewalSummaryDialog)
        dialog.accepted.connect(self._summary_confirmed)
        dialog.rejected.connect(lambda: self._message(self.tr("没有办理，数据没有改动；可以继续修改名单。"), ""))
        self._summary_dialog = dialog
        dialog.open()

    def _summary_confirmed(self) -> None:
        count = self.model.leavers_to_record()
        if count <= MANY_LEAVERS:
            self._save()
            return
        box = ManyLeaversBox(count, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _code, b=box: self._many_leavers_answered(b.clickedButton() is b.yes_button))
        self._many_leavers_box = box
        box.open()

    def _many_leavers_answered(self, yes: bool) -> None:
        if yes:
            self._save()
        else:
            self._message(self.tr("没有办理，数据没有改动；可以继续修改名单。"), "")

    def _save(self) -> None:
        from mutualaid_desktop.services.renewal.renewal import confirm_renewal

        if self.draft is None or self._busy:
            return
        self._busy = True
        self._update_buttons()
        self._message(self.tr("正在办理续保…"), "")
        draft = self.draft
        leavers = self.model.leavers()
        key = (draft.unit.code, draft.plan.code)
        self._worker.submit(
            confirm_renewal, self._db, self._user, unit_code=draft.unit.code, plan_code=draft.plan.code,
            keep_member_ids=self.model.kept_ids(), leavers=leavers, joiners=self.model.joiners(),
            today=self._today(), on_result=lambda result: self._confirmed(key, leavers, result),
            on_error=self._confirm_failed, context=self,
        )  # fmt: skip

    def _confirmed(self, key: tuple[str, str], leavers: dict[int, str | None], result: RenewalResult) -> None:
        from mutualaid_desktop.domain.money import format_amount

        self._busy = False
        self.result = result
        self._finished = False
        if not result.enrollment_ids:  # leavers only: recorded, nothing to pay
            self._update_buttons()
            self.confirmed.emit(result)
            self.load_draft()
            self._message_after_load = (
                self.tr("已登记离开 {left} 人，没有需要缴费的人员。").format(left=result.left),
                "ok",
            )
            return
        self._message(
            self.tr("已办理续保：续保 {kept} 人，新增 {joined} 人，离开 {left} 人；待缴费 {amount}。请收款。").format(
                kept=result.kept, joined=result.joined, left=result.left, amount=format_amount(result.premium_due)
            ),
            "ok",
        )
        self._update_buttons()
        self.confirmed.emit(result)
        self.open_payment(list(result.enrollment_ids))

    def _confirm_failed(self, error: BaseException) -> None:
        self._busy = False
        self._update_buttons()
        self._failed(error)

    @Slot()
    def withdraw_selected_leaver(self) -> None:
        """Withdraw the leaver record of the selected member (services/renewal/leavers.withdraw_leaver), then read the
        list again."""
        from mutualaid_desktop.services.renewal.leavers import withdraw_leaver

        row = self.selected_row()
        if self.draft is None or self._busy or row is None or row.member is None or not row.member.left_recorded:
            return
        self._busy = True
        self._update_buttons()
        draft, member = self.draft, row.member
        self._worker.submit(
            withdraw_leaver, self._db, self._user, unit_code=draft.unit.code, plan_code=draft.plan.code,
            member_id=member.member_id, today=self._today(),
            on_result=lambda record: self._leaver_withdrawn(record), on_error=self._confirm_failed, context=self,
        )  # fmt: skip

    def _leaver_withdrawn(self, record: LeaverRecord) -> None:
        self._busy = False
        self.load_draft()
        self._message_after_load = (
            self.tr("已撤销 {name} 的离开登记；如需续保，请勾选后确认续保。").format(name=record.name),
            "ok",
        )
        self.leaverWithdrawn.emit(record)
