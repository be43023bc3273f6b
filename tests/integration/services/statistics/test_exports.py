"""The statistics as Excel (issue 12): numbers as numbers, codes as text, money from the Decimal, a formula-like
name kept as text; the monthly report with its adjustment and year to date, and the signature line."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from mutualaid_desktop.domain import periods
from mutualaid_desktop.services.admin.demo import generate_demo
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.statistics.exports import export_month_report, export_statistics
from mutualaid_desktop.services.statistics.figures import statistics
from mutualaid_desktop.services.statistics.month_closing import month_report
from tests.integration.demo_months import demo_months

TODAY = date(2026, 11, 20)
CLERK = UserInfo(1, "x", "x", "clerk")
MADE = datetime(2026, 11, 20, 10, 30)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return tmp_path_factory.mktemp("exports") / "demo.sqlite3"


@pytest.fixture(scope="module")
def db(db_path):
    path = db_path
    database = open_counter_database(path)
    generate_demo(database, members=1500, seed=1, today=TODAY)
    con = sqlite3.connect(path)
    con.execute(
        "UPDATE org_units SET name = '=HYPERLINK(\"http://x\",\"点我\")', code = '0611026' WHERE code = '611026'"
    )
    con.commit()
    con.close()
    yield database
    database.dispose()


def cells(path):
    sheet = load_workbook(path).active
    return [[c.value for c in row] for row in sheet.iter_rows()], sheet


def test_the_table_keeps_numbers_as_numbers_and_names_and_codes_as_text(db, tmp_path):
    stats = statistics(db, CLERK, periods.whole_year(2026))
    path = export_statistics(stats, tmp_path / "统计.xlsx", org_name="商洛市总工会", made_at=MADE)
    rows, sheet = cells(path)
    assert rows[0][0] == "商洛市总工会2026年职工互助保障统计表（各县区）"
    assert rows[2][:5] == ["县区 / 单位", "代码", "参保单位", "参保人次", "参保金额（元）"]
    body = rows[3 : 3 + len(stats.counties) + 1]
    assert [r[1] for r in body[:-1]] == [c.code for c in stats.counties]
    hostile = next(r for r in body if r[1] == "0611026")
    assert (
        hostile[0].startswith("=HYPERLINK") and sheet.cell(row=3 + body.index(hostile) + 1, column=1).data_type == "s"
    )
    total = body[-1]
    assert total[0] == f"{stats.city.name}合计"
    assert Decimal(str(total[4])) == stats.city.premiums and isinstance(total[3], int)
    ratio = stats.city.claim_ratio
    assert ratio is not None and Decimal(str(total[7])) == ratio / 100


def test_a_countys_units(db, tmp_path):
    stats = statistics(db, CLERK, periods.whole_year(2026))
    county = stats.counties[0]
    rows, _ = cells(export_statistics(stats, tmp_path / "units.xlsx", county=county.code, made_at=MADE))
    units = stats.units[county.code]
    assert [r[1] for r in rows[3 : 3 + len(units)]] == [u.code for u in units]
    assert rows[3 + len(units)][0] == f"{county.name}合计"


def test_the_monthly_report_has_the_month_the_adjustment_and_the_year_to_date_and_signature_lines(db, tmp_path):
    report = month_report(db, CLERK, 2026, 11)
    path = export_month_report(report, tmp_path / "月报表.xlsx", org_name="商洛市总工会", made_at=MADE)
    rows, _ = cells(path)
    assert rows[0][0] == f"{report.month.city.name}2026年11月职工互助保障月报表"
    assert "未月结" in rows[1][0]
    labels = [r[0] for r in rows[3:7]]
    assert labels == ["2026年11月", "以前月份调整", "本月合计", "2026年累计"]
    assert Decimal(str(rows[3][3])) == report.month.city.premiums
    assert Decimal(str(rows[6][3])) == report.ytd.city.premiums
    assert any("制表人：" in str(r[0]) and "负责人：" in str(r[0]) for r in rows if r[0])


def test_a_file_name_that_is_not_xlsx_or_cannot_be_written_is_told_in_chinese(db, tmp_path):
    stats = statistics(db, CLERK, periods.month(2026, 11))
    with pytest.raises(ServiceError, match=r"\.xlsx 结尾"):
        export_statistics(stats, tmp_path / "统计.csv")
    (tmp_path / "folder.xlsx").mkdir()
    with pytest.raises(ServiceError, match="是一个文件夹"):
        export_statistics(stats, tmp_path / "folder.xlsx")


def test_the_adjustment_row_and_the_month_with_it(db, db_path, tmp_path, clock):
    from mutualaid_desktop.services.enrollment.receipt_voids import void_receipt
    from mutualaid_desktop.services.statistics.month_closing import close_month

    clock.set(TODAY)
    con = sqlite3.connect(db_path)
    boss = UserInfo(
        *con.execute("SELECT id, username, display_name, role FROM users WHERE role = 'supervisor'").fetchone()
    )
    serial, fen = con.execute(
        "SELECT receipt_serial, amount_fen FROM premium_payments p WHERE paid_on < '2026-01-01' AND NOT EXISTS "
        "(SELECT 1 FROM enrollments e JOIN claims c ON c.enrollment_id = e.id WHERE e.payment_id = p.id)"
    ).fetchone()
    con.close()
    for year, number in demo_months(db_path):
        close_month(db, boss, year, number)
    void_receipt(db, boss, serial, "开错")
    report = month_report(db, CLERK, 2026, 11)
    rows, _ = cells(export_month_report(report, tmp_path / "adj.xlsx", made_at=MADE))
    month, adjust, summed = rows[3], rows[4], rows[5]
    assert Decimal(str(adjust[3])) == Decimal(-fen) / 100 and adjust[2] < 0  # premiums, enrollments
    assert Decimal(str(summed[3])) == Decimal(str(month[3])) + Decimal(-fen) / 100
    assert adjust[6] is None  # 理赔率 has no adjustment of its own
