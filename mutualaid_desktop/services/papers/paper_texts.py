"""The texts printed on papers that are not rules: the renewal reminder's payment text and the bulletin's
(通报) closing text, and saving them together with the member leaflet's greeting and footer
(services/papers/leaflet.py) from 设置 → 纸面文字.

The payment text is kept in the `settings` table under PAYMENT_TEXT_KEY; empty means the default
(DEFAULT_PAYMENT_TEXT); prepare_reminders reads it with read_payment_text.
It is printed on the reminder after 缴费方式： (wrapped when long), hence its limit.
The bulletin's closing text (结束语, under BULLETIN_CLOSING_KEY, default DEFAULT_BULLETIN_CLOSING) is the
paragraph after the figures of the monthly bulletin (services/statistics/bulletin.py reads it with
read_bulletin_closing): a paragraph, hence its longer limit.
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
BULLETIN_CLOSING_KEY = "bulletin_closing"
DEFAULT_BULLETIN_CLOSING = "希望各县区工会对照年度目标，查找差距，采取有效措施，确保全面完成全年目标任务。"
BULLETIN_CLOSING_LIMIT = 300  # a paragraph of the bulletin


PAPER_TEXT_LABELS = {
    "greeting": "温馨提示的问候语",
    "footer": "温馨提示的页脚说明",
    "payment": "续保提示单的缴费方式说明",
    "bulletin_closing": "通报的结束语",
}
PAPER_TEXT_LIMITS = {
    "greeting": GREETING_LIMIT,
    "footer": FOOTER_LIMIT,
    "payment": PAYMENT_TEXT_LIMIT,
    "bulletin_closing": BULLETIN_CLOSING_LIMIT,
}
# the texts kept here (the leaflet's are services/papers/leaflet.py's): key -> (setting, default, audit action)
_OWN_TEXTS = {
    "payment": (PAYMENT_TEXT_KEY, DEFAULT_PAYMENT_TEXT, "settings.renewal_payment_text"),
    "bulletin_closing": (BULLETIN_CLOSING_KEY, DEFAULT_BULLETIN_CLOSING, "settings.bulletin_closing"),
}


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


def _read(session, key: str) -> str:
    setting, default, _action = _OWN_TEXTS[key]
    return _stored(SettingRepository(session).get(setting)) or default


def _set(db: Database, user: UserInfo, key: str, text: str | None, what: str) -> str:
    """Save one of _OWN_TEXTS (empty: the default); the text now printed. Audited."""
    require(user, "edit_paper_texts", what)
    value = clean_paper_text(key, text)
    setting, _default, action = _OWN_TEXTS[key]
    with UnitOfWork(db, user=user) as uow:
        before = _read(uow.session, key)
        SettingRepository(uow.session).put(setting, value)
        after = _read(uow.session, key)
        uow.audit(action, "setting", setting, before={"value": before}, after={"value": after, "default": not value})
        uow.commit()
    return after


def read_payment_text(session) -> str:
    """The payment text inside an open unit of work (the default when none is set)."""
    return _read(session, "payment")


def get_payment_text(db: Database) -> str:
    with UnitOfWork(db, read_only=True) as uow:
        return read_payment_text(uow.session)


def set_payment_text(db: Database, user: UserInfo, text: str | None) -> str:
    """Save the renewal reminder's payment text (supervisors and administrators); empty restores
    the default. Returns the text now printed. Audited."""
    return _set(db, user, "payment", text, "修改续保提示单的文字")


def read_bulletin_closing(session) -> str:
    """The bulletin's closing text inside an open unit of work (the default when none is set)."""
    return _read(session, "bulletin_closing")


def get_bulletin_closing(db: Database) -> str:
    with UnitOfWork(db, read_only=True) as uow:
        return read_bulletin_closing(uow.session)


def set_bulletin_closing(db: Database, user: UserInfo, text: str | None) -> str:
    """Save the bulletin's closing text (supervisors and administrators); empty restores the default. Audited."""
    return _set(db, user, "bulletin_closing", text, "修改通报的结束语")


@dataclass(frozen=True)
class PaperTexts:
    """The texts of 设置 → 纸面文字 as printed (defaults filled in), and which are the defaults."""

    greeting: str
    footer: str
    payment: str
    greeting_is_default: bool = False
    footer_is_default: bool = False
    payment_is_default: bool = False
    bulletin_closing: str = DEFAULT_BULLETIN_CLOSING
    bulletin_closing_is_default: bool = True


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
            bulletin_closing=read_bulletin_closing(uow.session),
            bulletin_closing_is_default=not _stored(settings.get(BULLETIN_CLOSING_KEY)),
        )


def save_paper_texts(
    db: Database,
    user: UserInfo,
    *,
    greeting: str | None = None,
    footer: str | None = None,
    payment: str | None = None,
    bulletin_closing: str | None = None,
) -> PaperTexts:
    """Save the texts given (None: left as it is; empty: back to the default). Every text is
    checked before anything is saved, so a refusal leaves all of them as they were."""
    require(user, "edit_paper_texts")
    given = (("greeting", greeting), ("footer", footer), ("payment", payment), ("bulletin_closing", bulletin_closing))
    for key, value in given:
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
    if bulletin_closing is not None:
        set_bulletin_closing(db, user, bulletin_closing)
    return get_paper_texts(db)


__all__ = [
    "BULLETIN_CLOSING_LIMIT",
    "DEFAULT_BULLETIN_CLOSING",
    "PAYMENT_TEXT_LIMIT",
    "PaperTexts",
    "clean_paper_text",
    "get_bulletin_closing",
    "get_paper_texts",
    "get_payment_text",
    "read_bulletin_closing",
    "read_payment_text",
    "save_paper_texts",
    "set_bulletin_closing",
    "set_payment_text",
    "typed_paper_text",
]
