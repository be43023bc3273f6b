"""Tally.add: every field of one node's tally is carried into the sum — counts added, sets of units joined,
lists of days put together — whatever fields the tally has."""

from __future__ import annotations

import dataclasses

from mutualaid_desktop.services.statistics.tally import Tally


def filled(seed: int) -> Tally:
    t = Tally()
    for i, f in enumerate(dataclasses.fields(Tally)):
        value = getattr(t, f.name)
        if isinstance(value, set):
            setattr(t, f.name, {seed, seed + i})
        elif isinstance(value, list):
            setattr(t, f.name, [seed * 10 + i, i])
        else:
            setattr(t, f.name, seed * 100 + i)
    return t


def test_adding_carries_every_field():
    a, b = filled(1), filled(2)
    total = filled(1)
    total.add(b)
    for f in dataclasses.fields(Tally):
        mine, theirs, got = getattr(a, f.name), getattr(b, f.name), getattr(total, f.name)
        if isinstance(mine, set):
            assert got == mine | theirs, f.name
        elif isinstance(mine, list):
            assert got == mine + theirs, f.name
        else:
            assert got == mine + theirs, f.name
    assert b == filled(2)  # the added tally is left as it was


def test_adding_an_empty_tally_changes_nothing():
    a = filled(3)
    a.add(Tally())
    assert a == filled(3)
    empty = Tally()
    empty.add(filled(4))
    assert empty == filled(4)
    assert empty.enrolled_units is not filled(4).enrolled_units
