"""理赔受理's live quote (ui/claims/claim_intake_page.py): what the stay typed so far would pay, and the flags of
a possible duplicate, in the quote panel (ui/claims/claim_quote_panel.py) — computed on the GUI thread,
debounced (`intake_check` takes about a millisecond on a million members, bench/bench_claim_quote.py). A field
the service refuses (not one still empty) is framed red with its message below it; under the quote, the papers
still missing (the claim waits for them) or 材料齐全."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from mutualaid_desktop.ui.shell.background import user_message

if TYPE_CHECKING:
    from mutualaid_desktop.services.claims.claim_checks import ClaimFlag, CounterQuote
    from mutualaid_desktop.store.database import Database
    from mutualaid_desktop.ui.claims.claim_intake_page import ClaimIntakePage

QUOTE_DELAY_MS = 150


class IntakeQuote(QObject):
    """The quote of the page's claimant, cover and stay: `quote` (None while it cannot be computed, `error` then
    says why) and `flags`; `shown` after each computation."""

    shown = Signal()

    def __init__(self, page: ClaimIntakePage, db: Database, today: Callable[[], date]) -> None:
        super().__init__(page)  # the page is its parent; no reference back to it (it is freed when dropped)
        self._db, self._today = db, today
        self.quote: CounterQuote | None = None
        self.error: Exception | None = None
        self.flags: tuple[ClaimFlag, ...] = ()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(QUOTE_DELAY_MS)
        self._timer.timeout.connect(self.update)

    @property
    def _page(self) -> ClaimIntakePage:
        return cast("ClaimIntakePage", self.parent())

    def schedule(self) -> None:
        """Something was typed: compute again once the typing pauses."""
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @Slot()
    def update(self) -> None:
        """The quote and the flags of what is typed so far (on the GUI thread: about a millisecond).
        A field the service refuses (not one still empty) is framed red with its message below it."""
        from mutualaid_desktop.domain.errors import InputError
        from mutualaid_desktop.services.claims.claims_intake import intake_check

        p = self._page
        self._timer.stop()
        if p.lookup is None or p.cover is None:
            self.clear()
            return
        try:
            check = intake_check(
                self._db,
                member_id=p.lookup.member.id,
                enrollment_id=p.cover.enrollment_id,
                stay=p.stay(),
                today=self._today(),
            )
        except InputError as exc:
            self.quote, self.error, self.flags = None, exc, ()
            p.quote_panel.show_pending(exc)
            missing = exc.code in ("missing", "empty")
            p.show_field_error(None if missing else exc.field, "" if missing else exc.message)
        except Exception as exc:  # the database went away...: said, never a traceback
            self.quote, self.error, self.flags = None, exc, ()
            p.quote_panel.show_error(user_message(exc, self.tr("核算时出现意外错误。")))
        else:
            self.quote, self.error, self.flags = check.quote, None, check.flags
            p.quote_panel.show_quote(check.quote)
            p.quote_panel.show_flags(check.flags)
            p.show_field_error(None, "")
        self._show_papers_note()
        self.shown.emit()

    def clear(self) -> None:
        self.quote = self.error = None
        self.flags = ()
        self._page.quote_panel.clear(self.tr("输入身份证号码后开始核算。"))

    def missing_papers(self) -> list[str]:
        from mutualaid_desktop.services.claims.claims_intake import BANK_ACCOUNT_ITEM

        p = self._page
        diagnosis = p.stay().diagnosis
        missing = [
            m.name
            for m in (p.cover.materials if p.cover else ())
            if m.required_for(diagnosis) and m.name not in p.received_papers()
        ]
        if not p.account_edit.text().strip():
            missing.append(BANK_ACCOUNT_ITEM)
        return missing

    def _show_papers_note(self) -> None:
        p = self._page
        if p.cover is None:
            p.notes_label.setText(" ")
            return
        missing = self.missing_papers()
        if missing:
            p.quote_panel.show_notes(
                self.tr("尚缺：{items}\n保存后为“待补材料”，回执上写明补交期限。").format(items="、".join(missing)),
                "warning",
            )
        else:
            p.quote_panel.show_notes(self.tr("材料齐全：保存后进入审核。"), "ok")
