"""The one rule for a reason typed by a user (why a receipt is voided, a payout reversed, a month reopened, an
ID number corrected, a bank file exported again): cleaned by the one text cleaner (domain/text), at most 500
characters, full-width characters kept. A hidden character or one too many is refused as domain/text does (an
InputError naming the field "reason", which the screens and the command line show as they show any input fault);
a reason that is needed and missing is refused with `missing`."""

from __future__ import annotations

from mutualaid_desktop.domain.text import clean_text
from mutualaid_desktop.services.errors import ServiceError

REASON_LIMIT = 500


def written_reason(text: str | None, label: str, *, missing: str | None = None, multiline: bool = False) -> str:
    """The reason as typed, cleaned; "" when empty and `missing` is None, else ServiceError(missing); InputError for a
    hidden character or a reason over REASON_LIMIT characters."""
    why = clean_text(text, field="reason", label=label, limit=REASON_LIMIT, multiline=multiline, halfwidth=False)
    if not why and missing is not None:
        raise ServiceError(missing)
    return why or ""
