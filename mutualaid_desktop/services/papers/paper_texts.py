"""The texts printed on papers that are not rules: the renewal reminder's payment text, and saving
it together with the member leaflet's greeting and footer (services/papers/leaflet.py) from 设置 → 纸面文字.

The payment text is kept in the `settings` table under PAYMENT_TEXT_KEY; empty means the default
(DEFAULT_PAYMENT_TEXT); prepare_reminders reads it with read_payment_text.
It is printed on the reminder after 缴费方式： (wrapped when long), hence its limit.
Supervisors and administrators change these texts; every change is audited, what it was and is.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.text import clean_text
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.papers.leaflet import (
    FOOTER_KEY,
    FOOTER_LIMIT,
    GREETING_KEY,
    GREETING_LIMIT,
    LeafletTexts,
    read_leaflet_texts,
    set_leaflet_texts,
)
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.repositories import SettingRepository

PAYMENT_TEXT_KEY = "renewal_payment_text"
DEFAULT_PAYMENT_TEXT = "请携带本提示单到柜台缴费，可用现金、银行转账、微信或支付宝支付；缴费后当场开具收据。"
PAYMENT_TEXT_LIMIT = 60  # a line or two of the reminder, after 缴费方式：


PAPER_TEXT_LABELS = {
    "greeting": "温馨提示的问候语",
    "footer": "温馨提示的页脚说明",
    "payment": "续保提示单的缴费方式说明",
}
PAPER_TEXT_LIMITS = {"greeting": GREETING_LIMIT, "footer": FOOTER_LIMIT, "payment": PAYMENT_TEXT_LIMIT}


def clean_paper_text(key: str, text: str | None) -> str:
    """A paper text as it is kept (one line, white space folded); "" for empty (the default).
    InputError (naming the text) for hidden or control characters or text over its limit."""
    return (
        clean_text(text, field=key, label=PAPER_TEXT_LABELS[key], limit=PAPER_TEXT_LIMITS[key], halfwidth=False) or ""
    )


def typed_paper_text(key: str, text: str | None) -> tuple[str, str | None]:
    """For the screen while the text is typed: (the text as it would be kept, what is wrong with
    it other than its length, or None). The length is the screen's to count against the limit."""
    try:
        return clean_text(text, field=key, label=PAPER_TEXT_LABELS[key], limit=sys.maxsize, halfwidth=False) or "", None
    except InputError as exc:
        return text or "", exc.message


def _stored(text: str | None) -> str:
    return " ".join((text or "").split())  # a setting as kept (cleaned when it was saved)


def read_payment_text(session) -> str:
    """The payment text inside an open unit of work (the default when none is set)."""
    return _stored(SettingRepository(session).get(PAYMENT_TEXT_KEY)) or DEFAULT_PAYMENT_TEXT


def get_payment_text(db: Database) -> str:
    with UnitOfWork(db, read_only=True) as uow:
        return read_payment_text(uow.session)


def set_payment_text(db: Database, user: UserInfo, text: str | None) -> str:
    """Save the renewal reminder's payment text (supervisors and administrators); empty restores
    the default. Returns the text now printed. Audited."""
    require(user, "edit_paper_texts", "修改续保提示单的文字")
    value = clean_paper_text("payment", text)
    with UnitOfWork(db, user=user) as uow:
        before = read_payment_text(uow.session)
        SettingRepository(uow.session).put(PAYMENT_TEXT_KEY, value)
        after = read_payment_text(uow.session)
        uow.audit(
            "settings.renewal_payment_text",
            "setting",
            PAYMENT_TEXT_KEY,
            before={"value": before},
            after={"value": after, "default": not value},
        )
        uow.commit()
    return after


@dataclass(frozen=True)
class PaperTexts:
    """The texts of 设置 → 纸面文字 as printed (defaults filled in), and which are the defaults."""

    greeting: str
    footer: str
    payment: str
    greeting_is_default: bool = False
    footer_is_default: bool = False
    payment_is_default: bool = False


def get_paper_texts(db: Database) -> PaperTexts:
    with UnitOfWork(db, read_only=True) as uow:
        leaflet = read_leaflet_texts(uow.session)
        payment = read_payment_text(uow.session)
        settings = SettingRepository(uow.session)
        return PaperTexts(
            leaflet.greeting,
            leaflet.footer,
            payment,
            greeting_is_default=not _stored(settings.get(GREETING_KEY)),
            footer_is_default=not _stored(settings.get(FOOTER_KEY)),
            payment_is_default=not _stored(settings.get(PAYMENT_TEXT_KEY)),
        )


def save_paper_texts(
    db: Database, user: UserInfo, *, greeting: str | None = None, footer: str | None = None, payment: str | None = None
) -> PaperTexts:
    """Save the texts given (None: left as it is; empty: back to the default). Every text is
    checked before anything is saved, so a refusal leaves all of them as they were."""
    require(user, "edit_paper_texts")
    for key, value in (("greeting", greeting), ("footer", footer), ("payment", payment)):
        if value is not None:
            clean_paper_text(key, value)  # every text checked before any is saved
    if greeting is not None or footer is not None:
        current = get_paper_texts(db)
        keep_greeting = "" if current.greeting_is_default else current.greeting
        keep_footer = "" if current.footer_is_default else current.footer
        set_leaflet_texts(
            db,
            user,
            LeafletTexts(
                greeting=keep_greeting if greeting is None else greeting,
                footer=keep_footer if footer is None else footer,
            ),
        )
    if payment is not None:
        set_payment_text(db, user, payment)
    return get_paper_texts(db)


__all__ = [
    "PAYMENT_TEXT_LIMIT",
    "PaperTexts",
    "clean_paper_text",
    "get_paper_texts",
    "get_payment_text",
    "read_payment_text",
    "save_paper_texts",
    "set_payment_text",
    "typed_paper_text",
]
