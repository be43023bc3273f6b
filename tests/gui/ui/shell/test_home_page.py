"""The home page shows what the database holds: known rows in, figures out."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from mutualaid_desktop.services.admin.counter_setup import set_org_name
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.bulk import insert_many
from mutualaid_desktop.store.models import Claim, Enrollment, Member, OrgUnit, Plan, PremiumPayment
from mutualaid_desktop.ui.shell.home_page import PLACEHOLDER, HomePage

TODAY = date(2026, 11, 20)


def add_counter_data(db, *, members: int = 1234) -> None:
    assert members >= 4
    """`members` members; 3 paid covers on TODAY (2 in force, 1 expired) and 1 unpaid; claims:
    2 waiting for review, 1 approved; receipts: 2 today (one 95.00, one 1,805.50) + 1 voided
    today + 1 yesterday."""
    with UnitOfWork(db) as uow:
        s = uow.session
        unit = OrgUnit(code="U001", name="商洛市第一中学", kind="unit")
        s.add(unit)
        s.flush()
        insert_many(
            s,
            Member,
            (
                {
                    "id": i,
                    "id_number": f"61100219800101{i:04d}"[:18],
                    "name": f"会员{i}",
                    "sex": "male" if i % 2 else "female",
                    "birth_date": date(1980, 1, 1),
                    "unit_id": unit.id,
                }
                for i in range(1, members + 1)
            ),
        )
        plan = Plan(
            code="SL-2026",
            name="商洛市职工住院二次报销 2026",
            kind="reimbursement",
            premium_per_share_fen=9500,
            max_shares=1,
            period_start=date(2026, 1, 1),
            period_end=date(2026, 12, 31),
            waiting_days=90,
            renewal_grace_days=30,
            claim_deadline_days=365,
            min_age=16,
            max_age=65,
            min_hospital_grade=1,
            rules_toml="",
        )
        s.add(plan)
        s.flush()

        def cover(member_id, status, start, end):
            s.add(
                Enrollment(
                    member_id=member_id,
                    plan_id=plan.id,
                    unit_id=unit.id,
                    shares=1,
                    premium_fen=9500,
                    cover_start=start,
                    cover_end=end,
                    status=status,
                )
            )

        cover(1, "paid", date(2026, 1, 1), date(2026, 12, 31))
        cover(2, "paid", TODAY, TODAY)
        cover(3, "paid", date(2025, 1, 1), date(2025, 12, 31))
        cover(4, "pending_payment", None, None)
        s.flush()
        enrollment_id = s.query(Enrollment.id).filter_by(member_id=1).scalar()

        for number, status in enumerate(("waiting_review", "waiting_review", "approved"), start=1):
            s.add(
                Claim(
                    claim_number=f"LP2026{number:04d}",
                    member_id=1,
                    enrollment_id=enrollment_id,
                    plan_id=plan.id,
                    status=status,
                    received_on=TODAY,
                    event_date=TODAY - timedelta(days=10),
                    facts_json="{}",
                    quote_json="{}",
                    quoted_fen=50000,
                )
            )

        def receipt(serial, fen, day, voided=False):
            s.add(
                PremiumPayment(
                    payer_unit_id=unit.id,
                    amount_fen=fen,
                    method="cash",
                    paid_on=day,
                    receipt_serial=serial,
                    voided=voided,
                )
            )

        receipt("SJ0001", 9500, TODAY)
        receipt("SJ0002", 180550, TODAY)
        receipt("SJ0003", 9500, TODAY, voided=True)
        receipt("SJ0004", 9500, TODAY - timedelta(days=1))
        uow.commit()


@pytest.fixture
def make_page(qtbot, worker):
    def make(db, show: bool = True) -> HomePage:
        page = HomePage(db, worker=worker, today=lambda: TODAY)
        qtbot.addWidget(page)
        # shown alone here, in the window it sits in a main window with a fixed minimum size
        page.setMinimumSize(640, 420)
        page.resize(1000, 600)
        if show:
            with qtbot.waitSignal(page.figuresLoaded, timeout=10_000):
                page.show()
        return page

    return make


def card_texts(page: HomePage) -> dict[str, tuple[str, str]]:
    return {key: (card.value(), card.detail()) for key, card in page.cards.items()}


def test_the_four_figures_and_the_org_name(make_page, database):
    add_counter_data(database)
    set_org_name(database, "商洛市总工会")
    page = make_page(database)

    assert card_texts(page) == {
        "members": ("1,234", "名在册会员"),
        "active_covers": ("2", "份保障今日有效"),
        "claims_waiting_review": ("2", "件等待审核"),
        "receipts_today": ("2 张", "合计 ¥1,900.50"),
    }
    assert [c.title_label.text() for c in page.cards.values()] == ["会员人数", "有效保障", "待审核理赔", "今日收据"]
    assert page.org_label.text() == "商洛市总工会"
    assert not page.org_hint.isVisible()
    assert page.date_label.text().startswith("2026年11月20日")
    assert "数据更新于" in page.updated_label.text()


def test_a_new_counter_shows_zeros_and_asks_for_the_org_name(make_page, database):
    page = make_page(database)
    assert card_texts(page) == {
        "members": ("0", "名在册会员"),
        "active_covers": ("0", "份保障今日有效"),
        "claims_waiting_review": ("0", "件等待审核"),
        "receipts_today": ("0 张", "合计 ¥0.00"),
    }
    assert page.org_label.text() == "互助保障柜台"
    assert page.org_hint.isVisible()


def test_refresh_reads_the_database_again(qtbot, make_page, database):
    page = make_page(database)
    assert page.cards["members"].value() == "0"
    add_counter_data(database, members=4)
    with qtbot.waitSignal(page.figuresLoaded, timeout=10_000):
        page.refresh_button.click()
    assert page.cards["members"].value() == "4"
    assert page.cards["receipts_today"].value() == "2 张"


def test_f5_refreshes(qtbot, make_page, database):
    page = make_page(database)
    add_counter_data(database, members=5)
    page.activateWindow()
    qtbot.waitActive(page)
    page.refresh_button.setFocus()
    with qtbot.waitSignal(page.figuresLoaded, timeout=10_000):
        qtbot.keyClick(page.refresh_button, Qt.Key.Key_F5)
    assert page.cards["members"].value() == "5"


def test_figures_changed_while_hidden_are_read_again_when_the_page_is_shown(qtbot, make_page, database):
    from mutualaid_desktop.services.changes import subscribe

    page = make_page(database)
    page.hide()
    stop = subscribe(page.apply_changes)  # as the window hands every change report to its screens
    try:
        add_counter_data(database, members=7)
    finally:
        stop()
    with qtbot.waitSignal(page.figuresLoaded, timeout=10_000):
        page.show()
    assert page.cards["members"].value() == "7"


def test_figures_refresh_on_their_own_while_shown_and_not_while_hidden(qtbot, make_page, database):
    page = make_page(database)
    assert page.auto_refresh.isActive()
    page.auto_refresh.setInterval(50)
    add_counter_data(database, members=6)
    with qtbot.waitSignal(page.figuresLoaded, timeout=10_000):
        pass  # no click, no key: the timer reads the database again
    assert page.cards["members"].value() == "6"
    page.hide()
    assert not page.auto_refresh.isActive()


def test_the_figures_are_read_off_the_gui_thread(qtbot, make_page, database, monkeypatch):
    import threading

    import mutualaid_desktop.services.dashboard as dashboard

    threads = []
    real = dashboard.home_figures

    def spy(db, today):
        threads.append(threading.current_thread())
        return real(db, today)

    monkeypatch.setattr(dashboard, "home_figures", spy)
    make_page(database)
    assert threads and threads[0] is not threading.main_thread()


def test_refreshes_asked_during_a_load_are_folded_into_one(qtbot, make_page, database, monkeypatch):
    import threading

    import mutualaid_desktop.services.dashboard as dashboard

    release = threading.Event()
    calls = []
    real = dashboard.home_figures

    def slow(db, today):
        calls.append(today)
        release.wait(5)
        return real(db, today)

    monkeypatch.setattr(dashboard, "home_figures", slow)
    page = make_page(database, show=False)
    page.show()  # first load starts and blocks
    qtbot.waitUntil(lambda: len(calls) == 1)
    for _ in range(3):
        page.refresh()
    assert page.is_loading() and not page.refresh_button.isEnabled()
    with qtbot.waitSignals([page.figuresLoaded, page.figuresLoaded], timeout=10_000):
        release.set()
    qtbot.waitUntil(lambda: not page.is_loading())
    assert len(calls) == 2


def test_placeholders_until_the_database_is_open(qtbot, make_page, database):
    page = make_page(None, show=False)
    page.show()
    assert page.cards["members"].value() == PLACEHOLDER
    assert not page.is_loading()
    with qtbot.waitSignal(page.figuresLoaded, timeout=10_000):
        page.set_database(database)
    assert page.cards["members"].value() == "0"


def test_a_failure_is_told_without_a_traceback(qtbot, make_page, database, monkeypatch):
    import mutualaid_desktop.services.dashboard as dashboard

    def broken(db, today):
        raise ServiceError("数据库正被另一个窗口或程序使用。")

    monkeypatch.setattr(dashboard, "home_figures", broken)
    page = make_page(database, show=False)
    with qtbot.waitSignal(page.loadFailed, timeout=10_000) as blocker:
        page.show()
    assert blocker.args == ["数据库正被另一个窗口或程序使用。"]
    assert page.error_label.isVisible()
    assert "首页数字未能读取：数据库正被另一个窗口或程序使用。" in page.error_label.text()
    assert "Traceback" not in page.error_label.text()
    assert page.refresh_button.isEnabled()


def test_cards_go_four_in_a_row_or_two_by_two(qtbot, make_page, database):
    page = make_page(database)
    page.resize(1100, 600)
    qtbot.waitUntil(lambda: page.grid.getItemPosition(page.grid.indexOf(page.cards["receipts_today"]))[:2] == (0, 3))
    page.resize(700, 600)
    qtbot.waitUntil(lambda: page.grid.getItemPosition(page.grid.indexOf(page.cards["receipts_today"]))[:2] == (1, 1))


def test_the_city_figures_for_whom_may_see_the_statistics(qtbot, worker, database, monkeypatch, clock):
    from mutualaid_desktop.domain.money import format_amount
    from mutualaid_desktop.domain.periods import month, year_to_date
    from mutualaid_desktop.services import permissions
    from mutualaid_desktop.services.admin.demo import generate_demo
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.statistics.figures import statistics

    clock.set(TODAY)
    generate_demo(database, members=300, seed=2, today=TODAY)
    boss = UserInfo(1, "boss", "主管", "supervisor")
    page = HomePage(database, worker=worker, today=lambda: TODAY, user=boss)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    with qtbot.waitSignal(page.statisticsLoaded, timeout=10_000):
        page.show()
    panel = page.statistics_panel
    assert panel is not None and panel.isVisible()
    november = statistics(database, boss, month(2026, 11)).city
    year = statistics(database, boss, year_to_date(2026, 11)).city
    assert november.premiums > 0
    assert panel.figure("month", "premiums") == format_amount(november.premiums)
    assert panel.figure("month", "enrollments") == f"{november.enrollments:,}"
    assert panel.figure("year", "paid") == format_amount(year.paid)
    assert panel.chart.has_chart()
    assert panel.target_label.text().startswith("全市本年参保金额目标 ¥")  # the demo sets the city's target
    assert "未全覆盖" in panel.million_label.text()
    assert page.cards["members"].value() == "300"  # today's counters stay

    monkeypatch.setitem(permissions.ACTIONS, "see_statistics", permissions.Action(permissions.SUPERVISORS, "查看统计"))
    clerk = HomePage(database, worker=worker, today=lambda: TODAY, user=UserInfo(2, "li", "李", "clerk"))
    qtbot.addWidget(clerk)
    with qtbot.waitSignal(clerk.figuresLoaded, timeout=10_000):
        clerk.show()
    assert clerk.statistics_panel is None and clerk.cards["members"].value() == "300"


def test_the_minute_timer_reads_the_city_figures_again_only_on_a_new_day(qtbot, worker, database, clock):
    from mutualaid_desktop.services.admin.demo import generate_demo
    from mutualaid_desktop.services.admin.users import UserInfo

    clock.set(TODAY)
    generate_demo(database, members=120, seed=2, today=TODAY)
    days = [TODAY]
    page = HomePage(database, worker=worker, today=lambda: days[-1], user=UserInfo(1, "boss", "主管", "supervisor"))
    qtbot.addWidget(page)
    loaded: list[object] = []
    page.statisticsLoaded.connect(loaded.append)
    with qtbot.waitSignal(page.statisticsLoaded, timeout=10_000):
        page.show()
    page.auto_refresh.setInterval(30)
    for _ in range(3):  # three ticks of the same day: the counters, not the city's figures
        with qtbot.waitSignal(page.figuresLoaded, timeout=10_000):
            pass
    qtbot.wait(100)
    assert len(loaded) == 1
    days.append(TODAY.replace(day=TODAY.day + 1))  # midnight: the next tick reads them for the new day
    with qtbot.waitSignal(page.statisticsLoaded, timeout=10_000):
        pass
    page.auto_refresh.stop()
    with qtbot.waitSignal(page.statisticsLoaded, timeout=10_000):
        page.refresh()  # F5 or the button: everything
    assert len(loaded) == 3
