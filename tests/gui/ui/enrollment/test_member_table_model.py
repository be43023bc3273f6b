"""The lazy member table model: pages on the worker, stale searches dropped, a sound model."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from mutualaid_desktop.services.admin.demo import generate_demo
from mutualaid_desktop.ui.enrollment.member_table_model import (
    COL_AGE,
    COL_ID_NUMBER,
    COL_NAME,
    COLUMN_COUNT,
    MEMBER_ID_ROLE,
    SORT_ROLE,
    MemberTableModel,
)

TODAY = date(2026, 11, 29)


@pytest.fixture
def city(database):
    generate_demo(database, members=2000, seed=9, today=TODAY)
    return database


@pytest.fixture
def model(qtbot, city, worker):
    m = MemberTableModel(city, worker=worker, today=lambda: TODAY, page_size=20)
    yield m


def search(qtbot, model, text):
    with qtbot.waitSignal(model.pageLoaded, timeout=10_000):
        model.search(text)


def surname_of_many(model_db) -> str:
    from mutualaid_desktop.services.enrollment.members import search_members

    counts = {}
    for ch in "王李张刘陈杨赵黄周吴":
        counts[ch] = len(search_members(model_db, ch, limit=100, today=TODAY))
    return max(counts, key=counts.get)


def test_pages_come_as_the_view_asks(qtbot, model, city):
    name = surname_of_many(city)
    search(qtbot, model, name)
    assert model.rowCount() == 20 and model.columnCount() == COLUMN_COUNT
    assert model.canFetchMore()
    with qtbot.waitSignal(model.pageLoaded, timeout=10_000):
        model.fetchMore()
    assert model.rowCount() == 40
    ids = [model.index(r, 0).data(MEMBER_ID_ROLE) for r in range(40)]
    assert len(set(ids)) == 40
    assert all(model.index(r, COL_NAME).data().startswith(name) for r in range(40))
    assert isinstance(model.index(0, COL_AGE).data(SORT_ROLE), int)
    assert model.headerData(COL_ID_NUMBER, Qt.Orientation.Horizontal) == "身份证号码"


def test_the_model_passes_qtmodeltester(qtbot, qtmodeltester, model, city):
    search(qtbot, model, surname_of_many(city))
    qtmodeltester.check(model, force_py=True)
    model.clear()
    assert model.rowCount() == 0 and not model.canFetchMore()
    qtmodeltester.check(model, force_py=True)


def test_a_stale_search_is_dropped(qtbot, model, city):
    from mutualaid_desktop.services.enrollment.members import search_members

    target = search_members(city, "6110", limit=1, today=TODAY)[0]
    pages = []
    model.pageLoaded.connect(lambda g, n: pages.append(g))
    model.search(surname_of_many(city))  # an older search, still on the worker
    newest = model.search(target.id_number)
    qtbot.waitUntil(lambda: newest in pages, timeout=10_000)
    qtbot.wait(50)
    assert pages == [newest]  # the first search's page never arrived in the model
    assert model.rowCount() == 1 and model.index(0, COL_ID_NUMBER).data() == target.id_number
    assert model.row(0).exact


def test_nothing_found_ends_the_paging(qtbot, model):
    search(qtbot, model, "不存在的名字")
    assert model.rowCount() == 0 and not model.canFetchMore()
