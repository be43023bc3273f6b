"""The monthly bulletin (通报, issue 12) of a closed month: the title, the ranking with a tie, the 百万县区 with the
month each crossed, the counties behind schedule, the closing text of 设置 → 纸面文字, the closing's signature;
a month not closed is refused; what a closed month's bulletin says never changes afterwards."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest

from mutualaid_desktop.domain import clock as program_clock
from mutualaid_desktop.domain.periods import year_to_date
from mutualaid_desktop.services.admin.demo import generate_demo
from mutualaid_desktop.services.admin.units import MAX_NAME, add_unit
from mutualaid_desktop.services.admin.user_identity import cli_user
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.enrollment.receipt_voids import void_receipt
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.papers.paper_texts import DEFAULT_BULLETIN_CLOSING, save_paper_texts
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.statistics.bulletin import chart_name, save_bulletin, scope_word
from mutualaid_desktop.services.statistics.figures import statistics
from mutualaid_desktop.services.statistics.month_closing import close_month, month_report, reopen_month
from mutualaid_desktop.services.statistics.targets import set_million_thresholds, set_target
from tests.integration.demo_months import demo_months
from tests.integration.documents.pdf_text import assert_printed_whole, long

CREATED = date(2026, 11, 20)
TODAY = date(2026, 12, 3)
MADE = datetime(2026, 12, 3, 9, 30)
LAST_CLOSED = (2026, 11)  # closed from the demo's first month through this one
TIED = ("611091", "611092")  # two counties made by the test: the same target, nothing collected


def supervisor(path) -> UserInfo:
    con = sqlite3.connect(path)
    row = con.execute("SELECT id, username, display_name, role FROM users WHERE role='supervisor'").fetchone()
    con.close()
    return UserInfo(*row)


def county_premiums_by_month(path, code: str) -> dict[int, Decimal]:
    """Plain SQL: a county's premiums of 2026 by month (receipts not voided), for the crossing month."""
    con = sqlite3.connect(path)
    rows = con.execute(
        "SELECT CAST(strftime('%m', p.paid_on) AS INTEGER), SUM(i.premium_fen) FROM premium_payment_items i "
        "JOIN premium_payments p ON p.id = i.payment_id JOIN enrollments e ON e.id = i.enrollment_id "
        "JOIN org_units u ON u.id = e.unit_id JOIN org_units c ON c.id = u.parent_id "
        "WHERE p.voided = 0 AND p.paid_on BETWEEN '2026-01-01' AND '2026-11-30' AND c.code = ? GROUP BY 1",
        (code,),
    ).fetchall()
    con.close()
    return {month: Decimal(fen) / 100 for month, fen in rows}


def city_premiums(path, first: str, last: str) -> tuple[Decimal, int]:
    """Plain SQL: the premiums and enrollments of receipts not voided dated first..last."""
    con = sqlite3.connect(path)
    fen, n = con.execute(
        "SELECT SUM(i.premium_fen), COUNT(*) FROM premium_payment_items i JOIN premium_payments p "
        "ON p.id = i.payment_id WHERE p.voided = 0 AND p.paid_on BETWEEN ? AND ?",
        (first, last),
    ).fetchone()
    con.close()
    return Decimal(fen or 0) / 100, n


def growth_words(now, before) -> str:
    change = ((Decimal(now) - Decimal(before)) * 100 / Decimal(before)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"同比{'增长' if change > 0 else '下降'}{abs(change)}%"


@pytest.fixture(scope="module")
def closed_file(tmp_path_factory):
    """The demo city with two more counties (a tie), targets that some counties meet and some do not, a
    百万县区 threshold one county crosses, and every month up to November 2026 closed."""
    path = tmp_path_factory.mktemp("bulletin") / "demo.sqlite3"
    db = open_counter_database(path)
    with program_clock.fixed(CREATED):
        generate_demo(db, members=1500, seed=1, today=CREATED)
    boss = supervisor(path)
    con = sqlite3.connect(path)
    (city_code,) = con.execute("SELECT code FROM org_units WHERE kind = 'city'").fetchone()
    con.close()
    with program_clock.fixed(TODAY):
        for code in TIED:
            add_unit(db, cli_user(), code=code, name=f"测试{code[-1]}县总工会", parent_code=city_code)
        ytd = statistics(db, boss, year_to_date(2026, 11))
        paying = sorted((c for c in ytd.counties if c.premiums), key=lambda c: -c.premiums)
        assert len(paying) >= 2, "the demo should collect premiums in two counties at least"
        big, small = paying[0], paying[-1]
        set_target(db, boss, year=2026, unit_code=big.code, premiums=str(big.premiums * 4 / 5))  # 125 %
        set_target(db, boss, year=2026, unit_code=small.code, premiums=str(small.premiums * 2))  # 50 %: behind
        for code in TIED:
            set_target(db, boss, year=2026, unit_code=code, premiums="50000")
        set_million_thresholds(db, boss, str((big.premiums / 2).quantize(Decimal(1))), str(big.premiums * 10))
        for year, number in demo_months(path, LAST_CLOSED):
            close_month(db, boss, year, number)
    db.dispose()
    return path, big.code, small.code


@pytest.fixture
def city(closed_file, tmp_path, clock):
    source, big, small = closed_file
    path = tmp_path / "city.sqlite3"
    shutil.copyfile(source, path)
    db = open_counter_database(path)
    clock.set(TODAY)
    yield db, path, big, small
    db.dispose()


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return "".join(out.split())


def test_the_bulletin_of_a_closed_month(city, tmp_path):
    db, path, big, small = city
    boss = supervisor(path)
    report = month_report(db, boss, 2026, 11)
    pdf = save_bulletin(db, boss, 2026, 11, tmp_path / "通报.pdf", made_at=MADE)
    text = pdf_text(pdf)
    assert "关于2026年11月份全市职工互助保障工作进展情况的通报" in text and "各县区总工会：" in text
    # the ranking: every county in its order, the tie shown
    standing = report.standing
    places = [text.index(c.name, text.index("二、各县区目标完成情况及排名")) for c in standing.counties]
    assert places == sorted(places)
    tied = [c for c in standing.counties if c.code in TIED]
    assert tied[0].rank == tied[1].rank and tied[0].tied and tied[1].tied
    assert text.count(f"{tied[0].rank}（并列）") >= 2
    # 百万县区: the big county, in the month its premiums of the year first reached the threshold
    threshold = standing.thresholds[0]
    running, crossed = Decimal(0), None
    for month, amount in sorted(county_premiums_by_month(path, big).items()):
        running += amount
        if crossed is None and running >= threshold:
            crossed = month
    name = standing.county(big).name
    assert crossed is not None and f"{name}（{crossed}月达到）" in text
    # behind schedule: the small county at 50 %, with the schedule
    behind = standing.county(small)
    assert behind.behind and behind.completion == Decimal("50.00")
    assert f"{behind.name}（完成50.00%，差41.67个百分点）" in text and "91.67%" in text
    assert DEFAULT_BULLETIN_CLOSING in text
    c = report.closing
    assert f"已月结：主管{c.closed_at:%Y-%m-%d%H:%M}第1版签名{c.digest[:16]}" in text
    assert "2026年12月3日" in text
    # 同比 of the year to date, against last year's same months (plain SQL)
    premiums, enrollments = city_premiums(path, "2026-01-01", "2026-11-30")
    premiums_before, enrollments_before = city_premiums(path, "2025-01-01", "2025-11-30")
    assert premiums_before and enrollments_before, "the demo should have premiums in 2025"
    assert f"累计参保{enrollments:,}人次，{growth_words(enrollments, enrollments_before)}" in text
    assert growth_words(premiums, premiums_before) in text


def test_the_closing_text_is_the_one_saved_in_the_settings(city, tmp_path):
    db, path, _big, _small = city
    save_paper_texts(db, supervisor(path), bulletin_closing="请各县区于12月15日前报送整改措施。")
    text = pdf_text(save_bulletin(db, supervisor(path), 2026, 11, tmp_path / "b.pdf", made_at=MADE))
    assert "请各县区于12月15日前报送整改措施。" in text and DEFAULT_BULLETIN_CLOSING not in text


def test_a_month_not_closed_is_refused(city, tmp_path, clock):
    db, path, _big, _small = city
    clock.set(date(2027, 1, 5))
    with pytest.raises(ServiceError, match=r"2026年12月还没有月结.*请主管先月结2026年12月"):
        save_bulletin(db, supervisor(path), 2026, 12, tmp_path / "b.pdf")
    with pytest.raises(ServiceError, match=r"应以 \.pdf 结尾"):
        save_bulletin(db, supervisor(path), 2026, 11, tmp_path / "b.docx")
    assert list(tmp_path.glob("b.*")) == []
    clock.set(TODAY)
    (tmp_path / "folder.pdf").mkdir()
    with pytest.raises(ServiceError, match="是一个文件夹"):  # a file that cannot be written: said in Chinese
        save_bulletin(db, supervisor(path), 2026, 11, tmp_path / "folder.pdf")


def test_the_bulletin_of_a_closed_month_says_the_same_after_later_corrections(city, tmp_path):
    db, path, big, small = city
    boss = supervisor(path)
    before = pdf_text(save_bulletin(db, boss, 2026, 11, tmp_path / "before.pdf", made_at=MADE))
    con = sqlite3.connect(path)
    (serial,) = con.execute(
        "SELECT receipt_serial FROM premium_payments p WHERE voided = 0 AND paid_on >= '2026-11-01' AND NOT EXISTS "
        "(SELECT 1 FROM enrollments e JOIN claims c ON c.enrollment_id = e.id WHERE e.payment_id = p.id) ORDER BY id"
    ).fetchone()
    con.close()
    void_receipt(db, boss, serial, "收据开错，作废重开")
    set_target(db, boss, year=2026, unit_code=big, premiums="1")
    set_target(db, boss, year=2026, unit_code=small, premiums="1")
    set_million_thresholds(db, boss, "1", "2")
    after = pdf_text(save_bulletin(db, boss, 2026, 11, tmp_path / "after.pdf", made_at=MADE))
    assert after == before


def test_the_longest_names_stay_on_the_page(city, tmp_path):
    db, path, big, _small = city
    org = long("商洛市总工会职工互助保障服务中心", 128)
    name = long("柞水县总工会城乡职工互助保障工作委员会", MAX_NAME)
    reopen_month(db, cli_user(), 2026, 11, "县区改名")
    con = sqlite3.connect(path)
    con.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('org_name', ?)", (org,))
    con.execute("UPDATE org_units SET name = ? WHERE code = ?", (name, big))  # the names are the closing's
    con.commit()
    con.close()
    close_month(db, supervisor(path), 2026, 11)
    pdf = save_bulletin(db, supervisor(path), 2026, 11, tmp_path / "long.pdf", made_at=MADE)
    assert_printed_whole(pdf, [org, name, f"{name}（11月达到）"], smallest=7)


def test_the_scope_is_named_after_the_top_of_the_tree():
    assert scope_word("商洛市总工会") == "全市" and scope_word("柞水县总工会") == "全县"
    assert scope_word("工会") == "全市"
    assert chart_name("商州区总工会") == "商州区"
    assert chart_name("柞水县总工会城乡职工互助保障工作委员会") == "柞水县总工会城乡职工互…"
