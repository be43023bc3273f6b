"""A cover's state on a day: waiting period, in force, expired, unpaid, cancelled."""

from __future__ import annotations

from datetime import date

from mutualaid_desktop.domain.cover import CoverState, best_state, cover_state

START, END, FIRST = date(2027, 1, 1), date(2027, 12, 31), date(2027, 4, 1)


def test_states_through_the_year():
    assert cover_state("paid", START, END, FIRST, date(2026, 12, 20)) == CoverState("not_started", START)
    assert cover_state("paid", START, END, FIRST, START) == CoverState("waiting", FIRST)
    assert cover_state("paid", START, END, FIRST, date(2027, 3, 31)).state == "waiting"
    assert cover_state("paid", START, END, FIRST, FIRST) == CoverState("active")
    assert cover_state("paid", START, END, FIRST, END) == CoverState("active")
    assert cover_state("paid", START, END, FIRST, date(2028, 1, 1)) == CoverState("expired")
    assert cover_state("pending_payment", None, None, None, START) == CoverState("pending_payment")
    assert cover_state("cancelled", START, END, FIRST, FIRST) == CoverState("cancelled")


def test_labels_say_until_when():
    assert CoverState("waiting", FIRST).label == "观察期（2027-04-01起保障）"
    assert CoverState("active").label == "保障中"
    assert CoverState("expired").label == "已到期"


def test_best_state_prefers_cover_in_force():
    assert best_state([]) is None
    states = [CoverState("expired"), CoverState("waiting", FIRST), CoverState("active")]
    assert best_state(states) == CoverState("active")
    assert best_state([CoverState("expired"), CoverState("pending_payment")]).state == "pending_payment"
