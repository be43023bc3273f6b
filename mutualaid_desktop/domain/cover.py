"""A cover's state on a given day (会员页: 观察期 / 保障中 / 已到期 ...)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

COVER_STATE_LABELS = {
    "waiting": "观察期",
    "active": "保障中",
    "not_started": "未开始",
    "expired": "已到期",
    "pending_payment": "待缴费",
    "cancelled": "已取消",
}
# Which state describes a member best when he has several covers (lower first).
STATE_ORDER = ("active", "waiting", "not_started", "pending_payment", "expired", "cancelled")


@dataclass(frozen=True)
class CoverState:
    state: str  # a key of COVER_STATE_LABELS
    until: date | None = None  # waiting: the first covered day; not_started: the cover start

    @property
    def label(self) -> str:
        base = COVER_STATE_LABELS[self.state]
        if self.state == "waiting" and self.until:
            return f"{base}（{self.until:%Y-%m-%d}起保障）"
        if self.state == "not_started" and self.until:
            return f"{base}（{self.until:%Y-%m-%d}起）"
        return base


def cover_state(
    status: str, cover_start: date | None, cover_end: date | None, first_covered_day: date | None, today: date
) -> CoverState:
    """The state of an enrollment on `today`. `status` is the enrollment's (pending_payment, paid,
    cancelled); `first_covered_day` comes from the plan's rules (the waiting period)."""
    if status == "cancelled":
        return CoverState("cancelled")
    if status != "paid" or cover_start is None or cover_end is None:
        return CoverState("pending_payment")
    if today > cover_end:
        return CoverState("expired")
    if today < cover_start:
        return CoverState("not_started", cover_start)
    if first_covered_day is not None and today < first_covered_day:
        return CoverState("waiting", first_covered_day)
    return CoverState("active")


def best_state(states: list[CoverState]) -> CoverState | None:
    """The state that describes a member now: in force beats waiting beats expired..."""
    if not states:
        return None
    return min(states, key=lambda s: STATE_ORDER.index(s.state))
