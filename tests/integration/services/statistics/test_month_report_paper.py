"""The monthly report (月报表) on paper (issue 12): the title, every figure in the four columns 本月 / 以前月份调整 /
本月合计 / 本年累计, the counties of the city, the closing (已月结, version, signature) or 未月结 in red, the note
on 以前月份调整 and the signature line; the longest names wrap inside the page; a file that cannot be written
or a name that is neither .pdf nor .xlsx is refused in Chinese."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from mutualaid_desktop.documents.month_report import COLUMN_HEADS
from mutualaid_desktop.domain import clock as program_clock
from mutualaid_desktop.domain.money import format_amount
from mutualaid_desktop.services.admin.demo import generate_demo
from mutualaid_desktop.services.admin.units import MAX_CODE, MAX_NAME
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.enrollment.receipt_voids import void_receipt
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.statistics.exports import ADJUSTMENT_NOTE, FIGURE_COLUMNS, SIGNATURES
from mutualaid_desktop.services.statistics.month_closing import close_month, month_report
from mutualaid_desktop.services.statistics.month_report_paper import month_report_paper, save_month_report
from tests.integration.demo_months import demo_months
from tests.integration.documents.pdf_text import assert_printed_whole, long, missing

TODAY = date(2026, 11, 20)
MADE = datetime(2026, 11, 20, 10, 30)
CLERK = UserInfo(1, "x", "x", "clerk")


def pdf_text(path) -> str:
    """The paper's text as pdftotext reads it, without white space (a wrapped label reads whole)."""
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return "".join(out.split())


def flat(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def closed_file(tmp_path_factory):
    """The demo city with every month up to October 2026 closed by its supervisor."""
    path = tmp_path_factory.mktemp("month_report") / "demo.sqlite3"
    db = open_counter_database(path)
    with program_clock.fixed(TODAY):
        generate_demo(db, members=1500, seed=1, today=TODAY)
        con = sqlite3.connect(path)
        boss = UserInfo(
            *con.execute("SELECT id, username, display_name, role FROM users WHERE role='supervisor'").fetchone()
        )
        con.close()
        for year, number in demo_months(path):
            close_month(db, boss, year, number)
    db.dispose()
    return path


@pytest.fixture
def city(closed_file, tmp_path, clock):
    path = tmp_path / "city.sqlite3"
    shutil.copyfile(closed_file, path)
    db = open_counter_database(path)
    clock.set(TODAY)
    yield db, path
    db.dispose()


def supervisor(path) -> UserInfo:
    con = sqlite3.connect(path)
    row = con.execute("SELECT id, username, display_name, role FROM users WHERE role='supervisor'").fetchone()
    con.close()
    return UserInfo(*row)


def test_the_city_report_of_a_closed_month_has_every_figure_the_counties_the_closing_and_the_signatures(city, tmp_path):
    db, _ = city
    report = month_report(db, CLERK, 2026, 10)
    saved = save_month_report(db, CLERK, 2026, 10, tmp_path / "城市.pdf", made_at=MADE)
    assert saved.closed and saved.path == tmp_path / "城市.pdf"
    text = pdf_text(saved.path)
    city_name = report.month.city.name
    assert f"{city_name}2026年10月职工互助保障月报表" in text
    closing = report.closing
    assert closing is not None
    assert "已月结：" in text and f"第{closing.version}版" in text and closing.digest[:16] in text
    assert closing.closed_by in text and "未月结" not in text
    for label, *_ in FIGURE_COLUMNS:
        assert flat(label) in text, label
    for head in COLUMN_HEADS:
        assert head in text, head
    for county in report.month.counties:
        assert county.name in text and county.code in text
    assert flat(ADJUSTMENT_NOTE) in text
    for label in SIGNATURES:
        assert f"{label}：" in text
    assert "制表时间：2026-11-2010:30" in text
    assert "第1页共1页" in text or "第1页共2页" in text
    # the city's and the counties' year-to-date amounts paid, as the other papers print money
    for f in (report.ytd.city, *report.ytd.counties):
        assert format_amount(f.paid).lstrip("¥") in text, f.name
    assert f"{report.month.city.claims_received}{report.month.city.claims_received}" in text  # 本月 and 本月合计


def test_a_countys_report_of_an_open_month_says_the_figures_may_change(city, tmp_path):
    db, _ = city
    report = month_report(db, CLERK, 2026, 11)
    county = report.month.counties[2]
    saved = save_month_report(db, CLERK, 2026, 11, tmp_path / "县区.pdf", county=county.code, made_at=MADE)
    assert not saved.closed
    text = pdf_text(saved.path)
    assert f"{county.name}2026年11月职工互助保障月报表" in text
    assert "未月结，数字可能变动" in text and "已月结：" not in text
    assert format_amount(report.month.county(county.code).premiums).lstrip("¥") in text  # type: ignore[union-attr]
    others = [c.name for c in report.month.counties if c.code != county.code]
    assert not [name for name in others if name in text]  # a county's report has no table of the counties


def test_a_correction_after_closing_is_the_adjustment_column_and_in_the_months_total(city, tmp_path):
    db, path = city
    con = sqlite3.connect(path)
    serial, fen = con.execute(
        "SELECT receipt_serial, amount_fen FROM premium_payments p WHERE paid_on BETWEEN '2025-12-01' AND "
        "'2025-12-31' AND voided = 0 AND NOT EXISTS (SELECT 1 FROM enrollments e JOIN claims c ON "
        "c.enrollment_id = e.id WHERE e.payment_id = p.id) ORDER BY id"
    ).fetchone()
    con.close()
    void_receipt(db, supervisor(path), serial, "收据开错")
    report = month_report(db, CLERK, 2026, 11)
    paper = month_report_paper(report, county=None, org_name="商洛市总工会", made_at=MADE)
    premiums = next(line for line in paper.figures if line.label == "参保金额（元）")
    own, adjust, total, ytd = premiums.values
    assert adjust * 100 == -fen and total == own + adjust  # type: ignore[operator]
    assert ytd == report.ytd.city.premiums
    city_row = paper.counties[-1]
    assert city_row.month_premiums == total and city_row.ytd_premiums == ytd
    assert sum(c.month_premiums for c in paper.counties[:-1]) == total
    text = pdf_text(save_month_report(db, CLERK, 2026, 11, tmp_path / "调整.pdf", made_at=MADE).path)
    assert format_amount(adjust).replace("¥", "") in text  # type: ignore[arg-type]


def test_the_longest_names_and_codes_wrap_inside_the_page(city, tmp_path):
    db, path = city
    org = long("商洛市总工会职工互助保障服务中心", 128)  # the counter's name: counter_setup's limit
    name = long("柞水县总工会城乡职工互助保障工作委员会", MAX_NAME)  # a union's name and code: the model's limits
    code = long("611026", MAX_CODE)
    con = sqlite3.connect(path)
    con.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('org_name', ?)", (org,))
    con.execute("UPDATE org_units SET name = ?, code = ? WHERE code = '611026'", (name, code))
    con.commit()
    con.close()
    city_pdf = save_month_report(db, CLERK, 2026, 11, tmp_path / "long_city.pdf", made_at=MADE).path
    assert_printed_whole(
        city_pdf, [org, name, code, "制表人：", "负责人："], "商洛市总工会2026年11月职工互助保障月报表"
    )
    county_pdf = save_month_report(db, CLERK, 2026, 11, tmp_path / "long.pdf", county=code, made_at=MADE).path
    assert_printed_whole(county_pdf, [org, f"{name}2026年11月职工互助保障月报表", code])
    assert missing(county_pdf, ["未月结，数字可能变动"]) == []


def test_a_row_of_the_year_to_date_only_not_under_a_county(city, tmp_path):
    """A unit hung under the city counts for the city only (未归属县区): a month with nothing of it still lists it,
    with the year to date, so that the counties add up to the city."""
    db, path = city
    con = sqlite3.connect(path)
    con.execute("UPDATE org_units SET parent_id = (SELECT id FROM org_units WHERE kind = 'city') WHERE code = ?",
                ("611026-0001",))  # fmt: skip
    con.commit()
    con.close()
    report = month_report(db, CLERK, 2026, 12)  # nothing paid yet in December; November's receipts in the year
    paper = month_report_paper(report, county=None, org_name="x", made_at=MADE)
    row = next(c for c in paper.counties if c.name == "未归属县区")
    assert (row.month_premiums, row.month_enrollments) == (0, 0) and row.ytd_premiums > 0
    assert sum(c.ytd_premiums for c in paper.counties[:-1]) == paper.counties[-1].ytd_premiums


def test_the_report_as_excel_by_its_file_name(city, tmp_path):
    db, _ = city
    saved = save_month_report(db, CLERK, 2026, 10, tmp_path / "月报表.XLSX", county="611021", made_at=MADE)
    sheet = load_workbook(saved.path).active
    assert saved.closed and str(sheet.cell(row=1, column=1).value).startswith("洛南县总工会2026年10月")


def test_a_bad_file_name_an_unknown_county_or_a_file_that_cannot_be_written_is_refused(city, tmp_path):
    db, _ = city
    with pytest.raises(ServiceError, match=r"\.pdf 或 \.xlsx 结尾（现在是「月报表\.doc」）"):
        save_month_report(db, CLERK, 2026, 10, tmp_path / "月报表.doc")
    with pytest.raises(ServiceError, match="没有代码为「999999」的县区工会。已有的县区代码：611002"):
        save_month_report(db, CLERK, 2026, 10, tmp_path / "月报表.pdf", county="999999")
    (tmp_path / "folder.pdf").mkdir()
    with pytest.raises(ServiceError, match="是一个文件夹"):
        save_month_report(db, CLERK, 2026, 10, tmp_path / "folder.pdf")
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".doc", ".xlsx")) == ["folder.pdf"]
