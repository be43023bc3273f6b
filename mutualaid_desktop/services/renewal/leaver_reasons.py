"""Why a member leaves a unit's renewal (离开原因): the one owner of the rule.

A leaver is recorded with a reason: one of `LEAVER_REASONS`, with the clerk's words after "：" (the words
are required for 其他). `leaver_reason` writes a reason from the choice and the words (the screen's dialog
asks with it); `required_reason` checks a reason handed to a service (confirm_renewal, set_leaver):
present, cleaned, not a bare 其他. A reason typed before the list existed (free text) stays valid."""

from __future__ import annotations

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.text import clean_text

LEAVER_REASONS = ("离职/调出", "退休", "死亡", "本人不愿续保", "其他")
OTHER = "其他"
SEPARATOR = "："
REASON_LIMIT = 200  # renewal_leavers.reason

MISSING = "请填写离开原因（离职/调出、退休、死亡、本人不愿续保，或“其他”并写明原因）"
OTHER_WITHOUT_WORDS = "离开原因选了“其他”：请写明是什么原因"


def leaver_reason(kind: str | None, words: str | None = None) -> str:
    """The reason recorded for a leaver: `kind` (one of LEAVER_REASONS), then "：" and `words` when given.
    InputError when no kind is chosen or 其他 comes without words."""
    kind = (kind or "").strip()
    if kind not in LEAVER_REASONS:
        raise InputError("reason", "请选择离开原因：" + "、".join(LEAVER_REASONS) + "。", "missing")
    words = clean_text(words, field="reason", label="离开原因说明", limit=REASON_LIMIT - len(kind) - 1, halfwidth=False)
    if kind == OTHER and not words:
        raise InputError("reason", OTHER_WITHOUT_WORDS + "。", "missing")
    return f"{kind}{SEPARATOR}{words}" if words else kind


def split_leaver_reason(reason: str | None) -> tuple[str | None, str]:
    """(kind, words) of a recorded reason; kind None for a reason typed before the list (all words)."""
    reason = reason or ""
    kind, sep, words = reason.partition(SEPARATOR)
    if kind in LEAVER_REASONS and (sep or not words):
        return kind, words
    return None, reason


def reason_problem(reason: str | None) -> str | None:
    """What is wrong with a cleaned reason (None: nothing)."""
    if not reason:
        return MISSING
    kind, words = split_leaver_reason(reason)
    if kind == OTHER and not words.strip():
        return OTHER_WITHOUT_WORDS
    return None


def clean_reason(text) -> str | None:
    """A reason as typed, cleaned (None when empty); InputError for hidden characters or one too long."""
    return clean_text(text, field="reason", label="离开原因", limit=REASON_LIMIT, halfwidth=False)


def required_reason(text) -> str:
    """A reason handed to a service, cleaned; InputError (naming 离开原因) when missing or a bare 其他."""
    reason = clean_reason(text)
    problem = reason_problem(reason)
    if problem is not None:
        raise InputError("reason", problem + "。", "missing")
    return reason  # type: ignore[return-value]
