"""参保 across New Year's Eve on the program's clock (the page is not told the day): on 30 December the old
plan still has a day of cover to offer; on 31 December it has none and is not offered, and the new year's
plan starts on 1 January; on 1 January a cover starts the next day. What is saved is dated by the clock too."""

from __future__ import annotations

from datetime import UTC, date

import pytest
from sqlalchemy import select

from mutualaid_desktop.services.admin.plans import add_plan
from mutualaid_desktop.store.models import Enrollment
from mutualaid_desktop.ui.enrollment.enrollment_page import EnrollmentPage
from tests.gui.helpers import press, type_text
from tests.rosters import UNIT, make_counter, person_id, plan_text

EVE, NEW_YEAR = date(2026, 12, 31), date(2027, 1, 1)
OLD_PLAN, NEW_PLAN = "SL-ZY-2026", "SL-ZY-2027"


@pytest.fixture
def admin(database):
    user = make_counter(database, year=2026)
    add_plan(database, plan_text("shangluo-2027.toml"), username="admin")
    return user


def open_page(qtbot, database, user, worker) -> EnrollmentPage:
    page = EnrollmentPage(database, user, worker=worker)  # no `today`: the program's clock
    qtbot.addWidget(page)
    page.resize(1000, 720)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: page.plan_combo.findData(NEW_PLAN) >= 0)
    return page


def enroll_with_the_keyboard(qtbot, page, n: int, name: str) -> str:
    page.unit_combo.setCurrentIndex(page.unit_combo.findData(UNIT))
    page.plan_combo.setCurrentIndex(page.plan_combo.findData(NEW_PLAN))
    page.id_edit.setFocus()
    qtbot.keyClicks(page.id_edit, person_id(n))
    press(qtbot, page)
    said = page.person_label.text()
    type_text(qtbot, page.name_edit, name)
    with qtbot.waitSignal(page.enrolled, timeout=5000):
        page.save_button.click()
    return said


def days_saved(database) -> list[date]:
    """The local day of each enrollment's creation (stored in UTC)."""
    with database.session(read_only=True) as s:
        return [
            e.created_at.replace(tzinfo=UTC).astimezone().date()
            for e in s.scalars(select(Enrollment).order_by(Enrollment.id))
        ]


def test_the_plan_chooser_and_the_cover_start_follow_the_clock_over_new_year(qtbot, database, admin, worker, clock):
    clock.set(date(2026, 12, 30))
    assert open_page(qtbot, database, admin, worker).plan_combo.findData(OLD_PLAN) >= 0  # 31 December left

    clock.set(EVE)
    eve = open_page(qtbot, database, admin, worker)
    assert eve.plan_combo.findData(OLD_PLAN) < 0  # cover would start after its end
    said = enroll_with_the_keyboard(qtbot, eve, 1, "张一")
    assert "保障开始日 2027-01-01" in said, said

    clock.set(NEW_YEAR)
    new_year = open_page(qtbot, database, admin, worker)
    said = enroll_with_the_keyboard(qtbot, new_year, 2, "张二")
    assert "保障开始日 2027-01-02" in said, said
    assert days_saved(database) == [EVE, NEW_YEAR]
