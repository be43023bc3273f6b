"""Yearly targets of the counties and the city, and the 百万县区 thresholds, on a real SQLite file:
set, cleared, listed in tree order, imported from .xlsx all-or-nothing, refused with a message that
says what to fix (nothing changed), audited with before and after."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.services.admin.units import add_unit, find_unit, set_unit_active
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import NotFound, PermissionDenied, ServiceError
from mutualaid_desktop.services.statistics.targets import (
    TargetRow,
    import_targets,
    list_targets,
    million_thresholds,
    set_million_thresholds,
    set_target,
    target_for,
)
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import open_database
from mutualaid_desktop.store.models import AuditRecord, StatTarget
from tests.accounts import add_accounts

SUPERVISOR = UserInfo(2, "zhu", "朱主管", "supervisor")
CLERK = UserInfo(3, "li", "李经办", "clerk")
ADMIN = UserInfo(4, "wang", "王管理", "admin")
HEADER = ["县区代码", "县区名称", "参保金额目标（元）", "参保人次目标", "覆盖率目标（%）"]


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "mutualaid.sqlite3")
    add_accounts(database, SUPERVISOR, CLERK, ADMIN)
    add_unit(database, SUPERVISOR, code="6110", name="商洛市总工会", parent_code=None)
    add_unit(database, SUPERVISOR, code="611021", name="洛南县总工会", parent_code="6110")
    add_unit(database, SUPERVISOR, code="611002", name="商州区总工会", parent_code="6110")
    add_unit(database, SUPERVISOR, code="U001", name="商州区第一中学工会", parent_code="611002")
    yield database
    database.dispose()


def audits(db, action: str) -> list[AuditRecord]:
    with UnitOfWork(db, read_only=True) as uow:
        return list(uow.session.scalars(select(AuditRecord).where(AuditRecord.action == action)))


def stored(db) -> list[tuple]:
    with UnitOfWork(db, read_only=True) as uow:
        rows = uow.session.scalars(select(StatTarget).order_by(StatTarget.id))
        return [(t.year, t.unit_id, t.premiums_fen, t.enrollments, t.coverage_bp, t.updated_by) for t in rows]


def write_targets(path, rows, *, header=HEADER, title="2027年度各县区互助保障工作目标"):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


# --- setting ----------------------------------------------------------------------------------


def test_every_county_and_the_city_is_listed_in_tree_order_with_or_without_a_target(db):
    rows = list_targets(db, 2027)
    assert [(r.unit_code, r.unit_name, r.kind) for r in rows] == [
        ("6110", "商洛市总工会", "city"),
        ("611002", "商州区总工会", "county"),
        ("611021", "洛南县总工会", "county"),
    ]
    assert all(r.year == 2027 and (r.premiums, r.enrollments, r.coverage) == (None, None, None) for r in rows)


def test_set_a_county_target_then_change_one_figure_and_clear_another(db):
    row = set_target(db, SUPERVISOR, year=2027, unit_code="611002", premiums="1,200,000.5", enrollments="12000",
                     coverage="85.5%")  # fmt: skip
    assert row == TargetRow(2027, "611002", "商州区总工会", "county", Decimal("1200000.50"), 12000, Decimal("85.50"),
                            unit_id=row.unit_id)  # fmt: skip
    assert stored(db) == [(2027, row.unit_id, 120_000_050, 12000, 8550, SUPERVISOR.id)]

    set_target(db, ADMIN, year=2027, unit_code="611002", enrollments="１３０００", coverage="")
    assert stored(db) == [(2027, row.unit_id, 120_000_050, 13000, None, ADMIN.id)]
    [listed] = [r for r in list_targets(db, 2027) if r.unit_code == "611002"]
    assert (listed.premiums, listed.enrollments, listed.coverage) == (Decimal("1200000.50"), 13000, None)
    assert list_targets(db, 2028)[1].premiums is None  # another year: no target

    first, second = audits(db, "target.set")
    assert json.loads(first.before_json) is None or json.loads(first.before_json)["premiums"] is None
    assert json.loads(first.after_json) == {
        "year": 2027, "unit": "611002", "premiums": "1200000.50", "enrollments": 12000, "coverage": "85.50"
    }  # fmt: skip
    assert json.loads(second.before_json)["coverage"] == "85.50"
    assert json.loads(second.after_json)["coverage"] is None
    assert (second.entity, second.username) == ("stat_target", "wang")


def test_clearing_every_figure_keeps_the_row_with_nulls(db):
    row = set_target(db, SUPERVISOR, year=2027, unit_code="6110", premiums="15000000")
    set_target(db, SUPERVISOR, year=2027, unit_code="6110", premiums="")
    assert stored(db) == [(2027, row.unit_id, None, None, None, SUPERVISOR.id)]


def test_target_for_maps_unit_ids_to_rows(db):
    set_target(db, SUPERVISOR, year=2027, unit_code="611021", premiums="800000")
    targets = target_for(db, 2027)
    county = find_unit(db, "611021")
    assert targets[county.id].premiums == Decimal("800000.00")
    assert targets[find_unit(db, "6110").id].premiums is None
    assert find_unit(db, "U001").id not in targets


def test_an_inactive_county_is_listed_only_while_it_has_a_target(db):
    add_unit(db, SUPERVISOR, code="611099", name="撤并县总工会", parent_code="6110")
    set_unit_active(db, SUPERVISOR, find_unit(db, "611099").id, False)
    assert "611099" not in [r.unit_code for r in list_targets(db, 2027)]
    with UnitOfWork(db) as uow:  # a target set while it was active
        uow.session.add(StatTarget(year=2027, unit_id=find_unit(db, "611099").id, premiums_fen=100))
        uow.commit()
    assert "611099" in [r.unit_code for r in list_targets(db, 2027)]


@pytest.mark.parametrize(
    ("figures", "error", "words"),
    [
        ({"premiums": "-5"}, InputError, "不能为负数"),
        ({"premiums": "12.345"}, InputError, "最多两位小数"),
        ({"premiums": "一百万"}, InputError, "不是有效的金额"),
        ({"enrollments": "12.5"}, ServiceError, "参保人次目标应为整数"),
        ({"enrollments": "-3"}, ServiceError, "参保人次目标应为整数"),
        ({"coverage": "101"}, ServiceError, "覆盖率目标应在 0 到 100 之间"),
        ({"coverage": "85.555"}, ServiceError, "最多两位小数"),
        ({"coverage": "八成"}, ServiceError, "覆盖率目标应为百分数"),
        ({"coverage": "85\u202e"}, InputError, "U+202E"),
        ({}, ServiceError, "请至少填写一项目标"),
    ],
)
def test_bad_figures_are_refused_and_nothing_changes(db, figures, error, words):
    set_target(db, SUPERVISOR, year=2027, unit_code="611002", premiums="1000")
    before = stored(db)
    with pytest.raises(error) as caught:
        set_target(db, SUPERVISOR, year=2027, unit_code="611002", **figures)
    assert words in getattr(caught.value, "message", str(caught.value))
    assert stored(db) == before and len(audits(db, "target.set")) == 1


def test_only_a_county_or_the_city_has_a_target_and_only_supervisors_set_them(db):
    with pytest.raises(ServiceError, match=r"「商州区第一中学工会」是基层工会.*县区总工会"):
        set_target(db, SUPERVISOR, year=2027, unit_code="U001", premiums="1000")
    with pytest.raises(NotFound, match="没有代码为 NOPE 的"):
        set_target(db, SUPERVISOR, year=2027, unit_code="nope", premiums="1000")
    with pytest.raises(ServiceError, match="年度应在 2000 到 2100 之间"):
        set_target(db, SUPERVISOR, year=1999, unit_code="611002", premiums="1000")
    with pytest.raises(PermissionDenied, match=r"经办人.*主管或管理员"):
        set_target(db, CLERK, year=2027, unit_code="611002", premiums="1000")
    assert stored(db) == [] and audits(db, "target.set") == []


# --- the 百万县区 thresholds -----------------------------------------------------------------


def test_thresholds_default_then_set_audited(db):
    assert million_thresholds(db) == (Decimal("1000000.00"), Decimal("2000000.00"))
    set_million_thresholds(db, SUPERVISOR, "800000", "1,600,000")
    assert million_thresholds(db) == (Decimal("800000.00"), Decimal("1600000.00"))
    [record] = audits(db, "settings.million_thresholds")
    assert json.loads(record.before_json) == {"million": "1000000.00", "two_million": "2000000.00"}
    assert json.loads(record.after_json) == {"million": "800000.00", "two_million": "1600000.00"}


@pytest.mark.parametrize(
    ("user", "first", "second", "words"),
    [
        (SUPERVISOR, "2000000", "2000000", "两百万县区门槛应高于百万县区门槛"),
        (SUPERVISOR, "0", "100", "百万县区门槛应大于 0"),
        (SUPERVISOR, "abc", "100", "不是有效的金额"),
        (CLERK, "800000", "1600000", "主管或管理员"),
    ],
)
def test_bad_thresholds_are_refused(db, user, first, second, words):
    with pytest.raises((ServiceError, InputError)) as caught:
        set_million_thresholds(db, user, first, second)
    assert words in getattr(caught.value, "message", str(caught.value))
    assert million_thresholds(db) == (Decimal("1000000.00"), Decimal("2000000.00"))
    assert audits(db, "settings.million_thresholds") == []


# --- import ---------------------------------------------------------------------------------


def test_import_sets_every_row_in_one_go(db, tmp_path):
    path = write_targets(
        tmp_path / "目标.xlsx",
        [
            ["611002", "商州区总工会", 1500000, 15000, 85.5],
            ["611021", "洛南县总工会", "800,000.00", None, "90%"],
            [None, None, None, None, None],
            ["6110", "商洛市总工会", 9000000.25, 90000, None],
        ],
    )
    result = import_targets(db, SUPERVISOR, path, year=2027)
    assert (result.rows, result.changed) == (3, 3)
    by_code = {r.unit_code: r for r in list_targets(db, 2027)}
    assert (by_code["611002"].premiums, by_code["611002"].enrollments, by_code["611002"].coverage) == (
        Decimal("1500000.00"), 15000, Decimal("85.50"))  # fmt: skip
    assert (by_code["611021"].premiums, by_code["611021"].enrollments, by_code["611021"].coverage) == (
        Decimal("800000.00"), None, Decimal("90.00"))  # fmt: skip
    assert by_code["6110"].premiums == Decimal("9000000.25")
    [record] = audits(db, "target.import")
    after = json.loads(record.after_json)
    assert after["year"] == 2027 and after["file"] == "目标.xlsx" and len(after["targets"]) == 3


def test_headers_are_matched_like_the_roster_import_matches_them(db, tmp_path):
    header = [" 单位代码 ", "参保金额目标", "参保人次目标（人次）", "覆 盖 率 目 标"]
    path = write_targets(tmp_path / "t.xlsx", [["611002", "100", "2", "3"]], header=header, title=None)
    import_targets(db, SUPERVISOR, path, year=2027)
    assert list_targets(db, 2027)[1].coverage == Decimal("3.00")


def test_one_bad_row_and_nothing_is_written_the_message_lists_the_rows(db, tmp_path):
    set_target(db, SUPERVISOR, year=2027, unit_code="611002", premiums="1000")
    before = stored(db)
    path = write_targets(
        tmp_path / "目标.xlsx",
        [
            ["611002", "商州区总工会", 1500000, 15000, 85],  # row 3: good
            ["U001", "一中", 1000, None, None],  # 4: a grassroots unit
            ["611099", "无此县", 1000, None, None],  # 5: unknown
            ["611021", "洛南县总工会", "+1500000", None, None],  # 6: text that Excel would take for a formula
            ["611021", "洛南县总工会", -5, None, 0.85],  # 7: negative, coverage as a fraction
            ["611002", "商州区总工会", 1, None, None],  # 8: twice
            [None, "合计", 2500000, None, None],  # 9: no code
            ["@611021", None, 1, None, None],  # 10
            ["611021\u202e", None, 1, None, None],  # 11: bidi override
            ["6110", None, None, None, None],  # 12: no figure
        ],
    )
    with pytest.raises(ServiceError) as caught:
        import_targets(db, SUPERVISOR, path, year=2027)
    message = caught.value.message
    assert "没有导入任何目标" in message and not any(x.startswith("第 3 行") for x in message.splitlines())
    for row, words in (
        (4, "基层工会"),
        (5, "没有代码为 611099"),
        (6, "公式"),
        (7, "不能为负数"),
        (7, "百分数"),
        (8, "与第 3 行重复"),
        (9, "缺少县区代码"),
        (10, "公式"),
        (11, "U+202E"),
        (12, "没有填写任何目标"),
    ):
        line = next((x for x in message.splitlines() if x.startswith(f"第 {row} 行")), "")
        assert words in line, (row, words, message)
    assert stored(db) == before and audits(db, "target.import") == []


@pytest.mark.parametrize(
    ("header", "words"),
    [
        (["名称", "参保金额目标"], "找不到“县区代码”列"),
        (["县区代码", "名称"], "找不到目标列"),
    ],
)
def test_a_file_without_the_columns_is_refused(db, tmp_path, header, words):
    path = write_targets(tmp_path / "t.xlsx", [["611002", "1"]], header=header, title=None)
    with pytest.raises(ServiceError, match=words):
        import_targets(db, SUPERVISOR, path, year=2027)
    assert stored(db) == []


def test_a_huge_cell_or_a_bad_file_is_refused_by_the_roster_readers_limits(db, tmp_path):
    path = write_targets(tmp_path / "t.xlsx", [["611002", "x" * 10_001, 1, None, None]])
    with pytest.raises(ServiceError, match="超过每格最多 10,000 个字符"):
        import_targets(db, SUPERVISOR, path, year=2027)
    (tmp_path / "bad.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(ServiceError, match="已损坏"):
        import_targets(db, SUPERVISOR, tmp_path / "bad.xlsx", year=2027)
    assert stored(db) == []


def test_a_clerk_may_not_import(db, tmp_path):
    path = write_targets(tmp_path / "t.xlsx", [["611002", "商州区总工会", 1, None, None]])
    with pytest.raises(PermissionDenied):
        import_targets(db, CLERK, path, year=2027)
    assert stored(db) == []


def test_several_targets_in_one_go_all_or_nothing(db):
    from mutualaid_desktop.services.statistics.targets import set_targets

    rows = set_targets(db, SUPERVISOR, year=2027, targets={"611002": ("1000", "10", ""), "6110": ("", None, "90")})
    assert [(r.unit_code, r.premiums, r.enrollments, r.coverage) for r in rows] == [
        ("611002", Decimal("1000.00"), 10, None),
        ("6110", None, None, Decimal("90.00")),
    ]
    assert len(audits(db, "target.set")) == 2
    before = stored(db)
    with pytest.raises(ServiceError, match="611021：参保人次目标应为整数"):
        set_targets(db, SUPERVISOR, year=2027, targets={"611002": ("2000", None, None), "611021": (None, "x", None)})
    with pytest.raises(ServiceError, match="基层工会"):
        set_targets(db, SUPERVISOR, year=2027, targets={"611002": ("2000", None, None), "U001": ("1", None, None)})
    assert stored(db) == before and len(audits(db, "target.set")) == 2
