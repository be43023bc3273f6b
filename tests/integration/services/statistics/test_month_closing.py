"""Month closing (月结 / 交账, issue 12): a closed month's report never changes; a later correction to it shows
as the adjustment (以前月份调整) of the month it was made in, so that the months always add up; reopening
(an administrator, with a reason) and closing again records a new version; a closing edited behind the
program's back is refused."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from mutualaid_desktop.cli import main as cli_main
from mutualaid_desktop.domain import clock as program_clock
from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.services.admin.demo import generate_demo
from mutualaid_desktop.services.admin.user_identity import cli_user
from mutualaid_desktop.services.admin.users import UserInfo, add_user
from mutualaid_desktop.services.enrollment.receipt_voids import void_receipt
from mutualaid_desktop.services.errors import PermissionDenied, ServiceError
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.statistics.month_closing import (
    close_month,
    list_closings,
    month_report,
    reopen_month,
)
from mutualaid_desktop.services.statistics.month_report import canonical, digest_of
from mutualaid_desktop.services.statistics.targets import set_million_thresholds, set_target
from tests.integration.demo_months import demo_months, first_month

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("closing") / "demo.sqlite3"
    db = open_counter_database(path)
    with program_clock.fixed(TODAY):
        generate_demo(db, members=1500, seed=1, today=TODAY)
        add_user(db, cli_user(), username="admin1", display_name="王管理", role="admin", password="admin1234")
    db.dispose()
    return path


@pytest.fixture
def city(demo_file, tmp_path, clock):
    source = demo_file
    path = tmp_path / "city.sqlite3"
    shutil.copyfile(source, path)
    db = open_counter_database(path)
    con = sqlite3.connect(path)
    users = {r[3]: UserInfo(*r) for r in con.execute("SELECT id, username, display_name, role FROM users")}
    con.close()
    clock.set(TODAY)
    yield db, path, users
    db.dispose()


def boss(users):
    return users["supervisor"]


def close_through(db, path, users, last):
    for year, number in demo_months(path, last):
        close_month(db, boss(users), year, number)


def receipt(path, where: str) -> tuple[str, int]:
    """A receipt (serial, amount) matching `where` whose cover has no claim (so it can be voided)."""
    con = sqlite3.connect(path)
    row = con.execute(
        f"SELECT receipt_serial, amount_fen FROM premium_payments p WHERE {where} AND voided = 0 AND NOT EXISTS "
        "(SELECT 1 FROM enrollments e JOIN claims c ON c.enrollment_id = e.id WHERE e.payment_id = p.id) ORDER BY id"
    ).fetchone()
    con.close()
    return row


def live_premiums_through(path, last: str) -> Decimal:
    """Plain SQL: every premium of a receipt not voided, dated up to `last`."""
    con = sqlite3.connect(path)
    fen = con.execute(
        "SELECT SUM(i.premium_fen) FROM premium_payment_items i JOIN premium_payments p ON p.id = i.payment_id "
        f"WHERE p.voided = 0 AND p.paid_on <= '{last}'"
    ).fetchone()[0]
    con.close()
    return Decimal(fen or 0) / 100


def reported_premiums(db, users, months) -> Decimal:
    total = Decimal(0)
    for year, number in months:
        report = month_report(db, users["clerk"], year, number)
        total += (
            report.month.city.premiums + Decimal(report.adjustment("city", report.month.city.code).premiums_fen) / 100
        )
    return total


def test_months_are_closed_in_order_and_only_once_they_have_ended(city):
    db, path, users = city
    (year, number), following = demo_months(path)[:2]
    with pytest.raises(ServiceError, match=f"请先月结{year}年{number}月"):
        close_month(db, boss(users), *following)
    with pytest.raises(ServiceError, match="2026年11月还没有结束"):
        close_month(db, boss(users), 2026, 11)
    with pytest.raises(PermissionDenied):
        close_month(db, users["clerk"], year, number)
    info = close_month(db, boss(users), year, number)
    assert (info.version, info.closed_by, len(info.digest)) == (1, "主管", 64)
    with pytest.raises(ServiceError, match=r"已于 .* 由主管月结，不能再次月结"):
        close_month(db, boss(users), year, number)


def test_a_closed_month_never_changes_and_the_correction_shows_in_the_month_it_was_made(city, clock):
    db, path, users = city
    close_through(db, path, users, (2026, 10))
    december = month_report(db, users["clerk"], 2025, 12)
    serial, fen = receipt(path, "paid_on BETWEEN '2025-12-01' AND '2025-12-31'")
    void_receipt(db, boss(users), serial, "收据开错，作废重开")
    after = month_report(db, users["clerk"], 2025, 12)
    assert after == december and after.closing is not None  # the closed month reports what it reported
    november = month_report(db, users["clerk"], 2026, 11)  # the month the clerk works in: not closed
    adjust = november.adjustment("city", november.month.city.code)
    assert november.closing is None and adjust.premiums_fen == -fen and adjust.enrollments < 0
    # the months add up to the books: every month's figures and adjustment, from the first month on
    assert reported_premiums(db, users, demo_months(path, (2026, 11))) == live_premiums_through(path, "2026-11-30")


def test_the_year_to_date_is_what_the_month_reports_add_up_to(city):
    """A receipt of December 2025 voided in November 2026, after December was closed: 2026's month reports
    carry it (November's adjustment), so 2026's year to date is 2026's live premiums less that receipt."""
    db, path, users = city
    close_through(db, path, users, (2026, 10))
    serial, fen = receipt(path, "paid_on BETWEEN '2025-12-01' AND '2025-12-31'")
    void_receipt(db, boss(users), serial, "重复收款")
    november = month_report(db, users["clerk"], 2026, 11)
    this_year = [(2026, m) for m in range(1, 12)]
    assert november.ytd.city.premiums == reported_premiums(db, users, this_year)
    live_2026 = live_premiums_through(path, "2026-11-30") - live_premiums_through(path, "2025-12-31")
    assert november.ytd.city.premiums == live_2026 - Decimal(fen) / 100


def test_reopening_is_for_an_administrator_with_a_reason_and_closing_again_adds_a_version(city, clock):
    db, path, users = city
    close_through(db, path, users, (2026, 10))
    with pytest.raises(PermissionDenied):
        reopen_month(db, boss(users), 2026, 10, "数据有误")
    with pytest.raises(ServiceError, match="请填写重新打开的原因"):
        reopen_month(db, users["admin"], 2026, 10, "   ")
    with pytest.raises(InputError, match="看不见的格式字符"):
        reopen_month(db, users["admin"], 2026, 10, "数据\u202e有误")
    with pytest.raises(ServiceError, match="只能重新打开最近一个已月结的月份（2026年10月）"):
        reopen_month(db, users["admin"], 2026, 9, "数据有误")
    serial, fen = receipt(path, "paid_on BETWEEN '2025-12-01' AND '2025-12-31'")
    void_receipt(db, boss(users), serial, "作废")
    info = reopen_month(db, users["admin"], 2026, 10, "  补录银行回单 ")
    assert info.reopened_by == "王管理" and info.reopen_reason == "补录银行回单"
    again = close_month(db, boss(users), 2026, 10)
    assert again.version == 2
    closings = list_closings(db)
    assert [(c.year, c.month, c.version, c.reopened_at is not None) for c in closings[:2]] == [
        (2026, 10, 2, False),
        (2026, 10, 1, True),
    ]
    october = month_report(db, users["clerk"], 2026, 10)
    assert october.adjustment("city", october.month.city.code).premiums_fen == -fen  # taken in at the new closing
    november = month_report(db, users["clerk"], 2026, 11)
    assert not november.adjustment("city", november.month.city.code)
    assert reported_premiums(db, users, demo_months(path, (2026, 11))) == live_premiums_through(path, "2026-11-30")


def test_closing_and_reopening_are_audited(city):
    db, path, users = city
    close_month(db, boss(users), *first_month(path))
    reopen_month(db, users["admin"], *first_month(path), "核对")
    con = sqlite3.connect(path)
    actions = [a for (a,) in con.execute("SELECT action FROM audit_log WHERE action LIKE 'month.%' ORDER BY id")]
    con.close()
    assert actions == ["month.close", "month.reopen"]


def test_a_closing_edited_behind_the_programs_back_is_refused(city):
    db, path, users = city
    close_month(db, boss(users), *first_month(path))
    con = sqlite3.connect(path)
    con.execute('UPDATE month_closings SET figures_json = replace(figures_json, \'"premiums":"\', \'"premiums":"1\')')
    con.commit()
    con.close()
    with pytest.raises(ServiceError, match="与签名不符"):
        month_report(db, users["clerk"], *first_month(path))


def county_codes(path) -> list[str]:
    con = sqlite3.connect(path)
    codes = [c for (c,) in con.execute("SELECT code FROM org_units WHERE kind = 'county' ORDER BY code")]
    con.close()
    return codes


def stats_json(capsys, path, year: int, number: int) -> dict:
    assert cli_main(["--db", str(path), "stats", "--year", str(year), "--month", str(number), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_closing_keeps_the_standing_whatever_changes_afterwards(city, capsys):
    """Targets, thresholds, ranking and 百万县区 of a closed month are those of its closing: a target and a
    threshold changed and a receipt of that month voided afterwards change nothing in its report."""
    db, path, users = city
    codes = county_codes(path)
    for i, code in enumerate(codes):
        set_target(db, boss(users), year=2025, unit_code=code, premiums=str(5000 + 1000 * i))
    set_million_thresholds(db, boss(users), "1000", "2000000")
    close_through(db, path, users, (2025, 12))
    before = month_report(db, users["clerk"], 2025, 12)
    cli_before = stats_json(capsys, path, 2025, 12)
    assert not before.standing.live and cli_before["standing"]["frozen"] is True
    assert {c.code: c.target for c in before.standing.counties} == {
        code: Decimal(5000 + 1000 * i) for i, code in enumerate(codes)
    }
    assert any(c.million == "million" and c.million_month is not None for c in before.standing.counties)

    set_target(db, boss(users), year=2025, unit_code=codes[0], premiums="1")
    set_million_thresholds(db, boss(users), "900000000", "900000001")
    serial, _fen = receipt(path, "paid_on BETWEEN '2025-12-01' AND '2025-12-31'")
    void_receipt(db, boss(users), serial, "收据开错，作废重开")

    after = month_report(db, users["clerk"], 2025, 12)
    assert after == before  # figures, adjustments, year to date and standing
    assert stats_json(capsys, path, 2025, 12) == cli_before
    # a month not closed is live: it has today's target and thresholds
    live = month_report(db, users["clerk"], 2026, 1)
    assert live.standing.live and live.standing.thresholds == (Decimal(900000000), Decimal(900000001))


def test_a_closing_of_format_1_has_its_standing_computed_now_and_marked_live(city):
    db, path, users = city
    close_month(db, boss(users), *first_month(path))
    con = sqlite3.connect(path)
    (text,) = con.execute("SELECT figures_json FROM month_closings").fetchone()
    data = json.loads(text)
    assert data["format"] == 2 and "standing" in data
    data["format"] = 1
    del data["standing"]
    old = canonical(data)
    con.execute("UPDATE month_closings SET figures_json = ?, digest = ?", (old, digest_of(old)))
    con.commit()
    con.close()
    set_target(db, boss(users), year=first_month(path)[0], unit_code=county_codes(path)[0], premiums="1234")
    report = month_report(db, users["clerk"], *first_month(path))
    assert report.closing is not None and report.standing.live
    assert report.standing.county(county_codes(path)[0]).target == Decimal(1234)


def test_a_closed_months_report_may_be_read_without_its_units(city):
    db, path, users = city
    close_through(db, path, users, (2026, 10))
    whole = month_report(db, boss(users), 2026, 10)
    light = month_report(db, boss(users), 2026, 10, units=False)
    assert whole.month.units and whole.ytd.units
    assert light.month.units == {} and light.ytd.units == {}
    assert (light.month.city, light.month.counties, light.ytd.city, light.standing, light.closing) == (
        whole.month.city,
        whole.month.counties,
        whole.ytd.city,
        whole.standing,
        whole.closing,
    )
