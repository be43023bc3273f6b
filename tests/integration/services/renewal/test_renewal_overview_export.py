"""续保进度 → Excel: the service's rows read back from the file, totals equal to the service's, refusals in Chinese."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from mutualaid_desktop.io import renewal_overview_writer as writer
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.renewal.renewal_overview import (
    export_file_name,
    export_overview,
    overview_to_json,
    renewal_overview,
)
from mutualaid_desktop.services.session import open_counter_database

from ..overview_data import CITY, COUNTIES, EXPECTED, make_season

MADE_AT = datetime(2026, 11, 29, 9, 30)


@pytest.fixture
def db(tmp_path):
    database = open_counter_database(tmp_path / "c.sqlite3")
    make_season(database)
    yield database
    database.dispose()


def table(path) -> list[list]:
    sheet = load_workbook(path).active
    rows = []
    for row in sheet.iter_rows(min_row=writer.FIRST_ROW):
        if row[0].value is None:
            break
        rows.append(row)
    return rows


def col(row, column: int):
    """The cell of `row` in the writer's column `column` (1-based constants)."""
    return row[column - 1]


def figures(row) -> tuple:
    v = [c.value for c in row]
    return (
        v[writer.COVERED - 1],
        v[writer.RENEWED - 1],
        v[writer.PENDING - 1],
        v[writer.OPEN - 1],
        v[writer.JOINERS - 1],
        str(Decimal(str(v[writer.RECEIVED - 1])).quantize(Decimal("0.01"))),
    )


def test_the_file_has_the_rows_of_the_screen_and_the_services_totals(db, tmp_path):
    o = renewal_overview(db, 2026)
    assert export_file_name(o) == "续保进度-2027-全市.xlsx"  # named by the renewal year
    path = export_overview(o, tmp_path / export_file_name(o), org_name="商洛市总工会", made_at=MADE_AT)
    sheet = load_workbook(path).active
    assert sheet["A1"].value == "商洛市总工会 续保进度：2026 年（续保 2027 年） 住院二次报销 · 全市"
    assert sheet["A2"].value.startswith("上年计划：SL-ZY-2026；续保计划：SL-ZY-2027 ")
    assert "每份 ¥95.00；统计时间：2026-11-29 09:30" in sheet["A2"].value
    rows = table(path)
    codes = [col(r, writer.CODE).value for r in rows]
    assert codes == [
        "611002",
        "611002-0002",
        "611002-0001",
        "611002-0003",
        "611021",
        "611021-0001",
        "611021-0002",
        None,
        None,
        None,
    ]
    levels = [col(r, writer.LEVEL).value for r in rows]
    assert levels == ["县区小计", "单位", "单位", "单位", "县区小计", "单位", "单位", "县区小计", "单位", "合计"]
    by_code = {col(r, writer.CODE).value: r for r in rows if col(r, writer.CODE).value}
    for code, expected in {**EXPECTED, **COUNTIES}.items():
        if code:
            assert figures(by_code[code]) == expected
    assert col(rows[-1], writer.NAME).value == "全市合计" and figures(rows[-1]) == CITY
    assert [col(r, writer.NAME).value for r in rows[7:9]] == ["无单位（小计）", "个人参保（无单位）"]
    # the total of the file is the service's, exactly; the rows of level 单位 add up to it in Decimal, each column
    # (the subtotals are told apart by 层级: summing every row would count each unit three times)
    total = Decimal(str(col(rows[-1], writer.RECEIVED).value))
    assert total == o.total.received == Decimal("788.45")
    units = [r for r in rows if col(r, writer.LEVEL).value == "单位"]
    assert sum((Decimal(str(col(r, writer.RECEIVED).value)) for r in units), Decimal(0)) == total
    for column in writer.COUNT_COLUMNS:
        assert sum(col(r, column).value for r in units) == col(rows[-1], column).value
        assert (
            sum(col(r, column).value for r in rows if col(r, writer.LEVEL).value == "县区小计")
            == col(rows[-1], column).value
        )
    assert load_workbook(path).active.auto_filter.ref == f"A{writer.HEADER_ROW}:Q{writer.HEADER_ROW + len(rows)}"
    assert Decimal(str(col(rows[-1], writer.RATE).value)) * 100 == o.total.rate == Decimal("31.3")
    unit_a = by_code["611002-0001"]
    assert [c.value for c in unit_a[writer.NAME - 1 : writer.PHONE]] == [
        "商州区第一中学工会",
        "611002-0001",
        "刘老师",
        "0914-2311111",
    ]
    phone = col(unit_a, writer.PHONE)
    assert phone.data_type == "s" and phone.number_format == "@" and col(unit_a, writer.STATE).value == "待缴费"
    assert col(by_code["611002-0002"], writer.STATE).value == "尚未来办理"
    assert col(by_code["611021-0002"], writer.RATE).value is None
    mover = by_code["611002-0003"]
    assert (col(mover, writer.MOVED_OUT).value, col(mover, writer.STATE).value) == (1, "已办完")
    assert col(unit_a, writer.MOVED_IN).value == 1


def test_one_county_and_only_the_open_units(db, tmp_path):
    o = renewal_overview(db, 2026, county="611021")
    assert export_file_name(o) == "续保进度-2027-洛南县总工会.xlsx"
    path = export_overview(o, tmp_path / "c.xlsx", only_open=True, made_at=MADE_AT)
    sheet = load_workbook(path).active
    assert sheet["A1"].value == "续保进度：2026 年（续保 2027 年） 住院二次报销 · 洛南县总工会"
    assert "只列出尚未办完的单位" in sheet["A2"].value
    rows = table(path)
    assert [col(r, writer.CODE).value for r in rows] == ["611021", "611021-0001", None]  # E: nobody to renew
    assert col(rows[-1], writer.NAME).value == "洛南县总工会合计" and figures(rows[-1]) == COUNTIES["611021"]


def test_a_file_that_cannot_be_written_is_a_chinese_refusal(db, tmp_path, monkeypatch):
    o = renewal_overview(db, 2026)
    folder = tmp_path / "已存在的文件夹.xlsx"
    folder.mkdir()
    with pytest.raises(ServiceError, match=r"无法保存「已存在的文件夹\.xlsx」.*是一个文件夹.*请换一个文件名"):
        export_overview(o, folder)
    target = tmp_path / "续保进度-2027-全市.xlsx"
    target.write_bytes(b"open in Excel")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(writer.os, "replace", locked)
    with pytest.raises(ServiceError, match=r"文件被占用或没有写入权限.*Excel.*请先关闭再导出") as refused:
        export_overview(o, target)
    assert str(target) in refused.value.message and target.read_bytes() == b"open in Excel"
    with pytest.raises(ServiceError, match=r"文件名应以 \.xlsx 结尾"):
        export_overview(o, tmp_path / "续保进度.csv")


def test_json_of_the_overview(db):
    data = overview_to_json(renewal_overview(db, 2026))
    assert data["total"] == {
        "covered": 16,
        "renewed": 5,
        "pending": 3,
        "left": 0,
        "open": 8,
        "joiners": 3,
        "received": "788.45",
        "rate": "31.3",
        "moved_out": 1,
        "moved_in": 1,
        "cannot_renew": 0,
        "paid": 8,
    }
    assert data["next_plan"]["code"] == "SL-ZY-2027" and data["scope"] == "全市" and data["units"] == 6
    assert [u["state"] for u in data["counties"][0]["units"]] == ["尚未来办理", "待缴费", "已办完"]
    assert data["counties"][1]["units"][1]["figures"]["rate"] is None


def test_leavers_in_the_file(db, tmp_path):
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.renewal.leavers import set_leaver
    from mutualaid_desktop.services.renewal.renewal import renewal_draft

    today = datetime(2026, 11, 29).date()
    member = next(m for m in renewal_draft(db, "611002-0002", "SL-ZY-2027", today=today).members if m.renewable)
    set_leaver(
        db,
        UserInfo(None, "t", "经办", "clerk"),
        unit_code="611002-0002",
        plan_code="SL-ZY-2027",
        member_id=member.member_id,
        reason="退休",
        today=today,
    )
    path = export_overview(renewal_overview(db, 2026), tmp_path / "x.xlsx", made_at=MADE_AT)
    sheet = load_workbook(path).active
    picked = (writer.PENDING - 1, writer.LEFT - 1, writer.OPEN - 1)
    assert [[c.value for c in sheet[writer.HEADER_ROW]][i] for i in picked] == ["待缴费", "离开", "未续保"]
    rows = {col(r, writer.CODE).value: [c.value for c in r] for r in table(path) if col(r, writer.CODE).value}
    assert [rows["611002-0002"][i] for i in picked] == [0, 1, 2] and [rows["611002"][i] for i in picked] == [1, 1, 3]
    total = [c.value for c in table(path)[-1]]
    assert total[writer.NAME - 1] == "全市合计" and [total[i] for i in picked] == [3, 1, 7]
    notes = [sheet.cell(row=r, column=1).value or "" for r in range(1, sheet.max_row + 1)]
    assert any("未续保 = 上年参保 − 已续保（不含转入）− 待缴费 − 离开 − 转出 − 不能续保" in n for n in notes)
    assert any("层级" in n for n in notes)
