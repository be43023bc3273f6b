"""Finding a roster's columns by their headers (no files: rows as the reader gives them)."""

from __future__ import annotations

from mutualaid_desktop.io.roster_columns import find_columns, normalize_header
from mutualaid_desktop.io.roster_reader import RosterRow


def rows(*lines):
    return [RosterRow(i, tuple(cells)) for i, cells in enumerate(lines, start=1)]


def test_headers_are_normalised():
    assert normalize_header(" 姓　名 ") == "姓名"
    assert normalize_header("身份证号码（18位）") == "身份证号码"
    assert normalize_header("*手机号：") == "手机号"
    assert normalize_header("ＩＤ") == "id"


def test_header_row_after_a_title_row():
    match = find_columns(
        rows(
            ["某某单位职工名册"],
            ["制表日期：2026-12-01"],
            ["序号", "姓 名", "证件号码", "性别", "联系电话", "工号", "备注"],
            ["1", "张三"],
        )
    )
    assert match.header_index == 2 and match.header_number == 3
    assert match.mapping == {"seq": 0, "name": 1, "id_number": 2, "sex": 3, "phone": 4, "employee_no": 5, "note": 6}
    assert match.complete and match.unknown == []


def test_every_id_header_spelling():
    for header in ("身份证号", "身份证号码", "证件号码", "公民身份号码", "身份证号码(18位)"):
        assert find_columns(rows(["姓名", header])).mapping["id_number"] == 1, header


def test_phone_spellings():
    for header in ("手机", "手机号", "联系电话", "电话"):
        assert find_columns(rows(["姓名", "身份证号", header])).mapping["phone"] == 2


def test_unknown_headers_are_returned_and_known_extra_ones_are_not():
    match = find_columns(rows(["名称", "号码", "出生日期", "部门", "血型"]))
    assert not match.complete and match.missing == ["name", "id_number"]
    assert match.unknown == [(0, "名称"), (1, "号码"), (4, "血型")]
    chosen = match.with_mapping({"name": 0, "id_number": 1})
    assert chosen.complete and chosen.unknown == [(4, "血型")]


def test_no_header_at_all_takes_the_first_row_as_header():
    match = find_columns(rows(["张三", "611002198005011234"]))
    assert match.header_index == 0 and not match.complete


def test_a_field_named_twice_keeps_the_first():
    match = find_columns(rows(["姓名", "身份证号", "手机", "电话"]))
    assert match.mapping["phone"] == 2 and match.duplicates == [("phone", 3)]


def test_empty():
    assert find_columns([]).header_index is None
