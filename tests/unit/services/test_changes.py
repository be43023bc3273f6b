"""The change report itself (services/changes.py): kinds, ids, union, everything, listeners."""

from __future__ import annotations

from mutualaid_desktop.services import changes as ch
from mutualaid_desktop.services.changes import Changes


def test_tables_are_reported_as_kinds_and_bookkeeping_is_left_out():
    report = Changes.from_tables(
        ["org_units", "audit_log", "serials", "payout_items"], [("org_units", 7), ("payout_items", 3), ("claims", 12)]
    )
    assert report.kinds == {ch.UNITS, ch.PAYOUTS, ch.CLAIMS}
    assert report.ids_of(ch.UNITS) == {7} and report.ids_of(ch.CLAIMS) == {12}
    assert report.ids_of(ch.PAYOUTS) == frozenset()  # an item's id is not a batch's
    assert not Changes.from_tables(["audit_log", "serials"])


def test_union_joins_kinds_and_ids():
    both = Changes.of(ch.PLANS, plans=[1]) | Changes.of(ch.UNITS, plans=[2])
    assert both.kinds == {ch.PLANS, ch.UNITS} and both.ids_of(ch.PLANS) == {1, 2}
    assert both.touches(ch.UNITS, ch.CLAIMS) and not both.touches(ch.CLAIMS)
    assert not both.external


def test_everything_touches_every_kind():
    report = Changes.everything()
    assert report.external and all(report.touches(kind) for kind in ch.KINDS)
    assert (Changes.of(ch.PLANS) | report).external


def test_listeners_hear_reports_until_they_unsubscribe_and_a_failing_one_harms_no_other():
    heard = []

    def failing(_changes):
        raise RuntimeError("a screen's fault")

    stop_failing = ch.subscribe(failing)
    stop = ch.subscribe(heard.append)
    try:
        ch.publish(Changes.of(ch.HOSPITALS))
        ch.publish(Changes())  # nothing changed: nobody is told
    finally:
        stop()
        stop_failing()
    ch.publish(Changes.of(ch.USERS))
    assert heard == [Changes.of(ch.HOSPITALS)]
