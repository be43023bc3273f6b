"""Roster import: every row checked before anything is written, then one transaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from mutualaid_desktop.io.roster_columns import find_columns
from mutualaid_desktop.services.admin.plans import set_min_participation
from mutualaid_desktop.services.enrollment.enrollment import enroll_member
from mutualaid_desktop.services.enrollment.roster_import import (
    ImportCancelled,
    RosterError,
    check_roster,
    export_bad_rows,
    import_roster,
    preview_roster,
    read_roster_file,
)
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.store.models import AuditRecord, Enrollment, Member, OrgUnit
from tests.rosters import (
    OTHER_UNIT,
    PLAN,
    TODAY,
    UNIT,
    make_counter,
    messy_rows,
    numbered_name,
    person_id,
    write_csv,
    write_xlsx,
)  # fmt: skip

DATA = Path(__file__).resolve().parents[3] / "data"


@pytest.fixture
def db(tmp_path):
    database = open_counter_database(str(tmp_path / "c.sqlite3"))
    yield database
    database.dispose()


@pytest.fixture
def admin(db):
    return make_counter(db)


def counts(db):
    with db.session(read_only=True) as s:
        return (
            s.scalar(select(func.count()).select_from(Member)),
            s.scalar(select(func.count()).select_from(Enrollment)),
            s.scalar(select(func.count()).select_from(AuditRecord)),
        )


def test_messy_roster_preview_names_every_bad_row(db, admin, tmp_path):
    rows, kind = messy_rows()
    path = write_xlsx(tmp_path / "r.xlsx", rows)
    preview = preview_roster(db, path, UNIT, PLAN, today=TODAY)
    sheet_row = {k: i + 4 for k, i in kind.items()}  # title, empty row, header, then the people
    assert preview.rows == 10
    assert [g.row for g in preview.good] == [sheet_row["good"], sheet_row["fullwidth"], sheet_row["lower_x"]]
    reasons = {b.row: b.reason for b in preview.bad}
    assert "校验码" in reasons[sheet_row["check"]]
    assert "Excel" in reasons[sheet_row["excel"]] and "6.11002E+17" in reasons[sheet_row["excel"]]
    assert "姓名为空" in reasons[sheet_row["no_name"]]
    assert "性别与身份证号码不符" in reasons[sheet_row["sex"]]
    assert "年龄不符合" in reasons[sheet_row["age"]]
    assert f"与第 {sheet_row['good']} 行是同一人" in reasons[sheet_row["duplicate"]]
    assert "不存在" in reasons[sheet_row["date"]]
    good = {g.row: g for g in preview.good}
    assert good[sheet_row["fullwidth"]].id_number == person_id(2) and good[sheet_row["fullwidth"]].name == "李娜"
    assert good[sheet_row["lower_x"]].id_number.endswith("X")
    assert counts(db)[:2] == (0, 0)  # checking writes nothing


def test_import_good_rows_in_one_go_with_one_audit_record(db, admin, tmp_path):
    rows, _ = messy_rows()
    preview = preview_roster(db, write_xlsx(tmp_path / "r.xlsx", rows), UNIT, PLAN, today=TODAY)
    with pytest.raises(ServiceError, match="没有导入任何数据"):
        import_roster(db, admin, preview)
    audits = counts(db)[2]
    result = import_roster(db, admin, preview, skip_bad=True)
    assert (result.rows, result.imported, result.new_members, len(result.rejected)) == (10, 3, 3, 7)
    members, enrollments, audit_count = counts(db)
    assert (members, enrollments, audit_count) == (3, 3, audits + 1)
    with db.session(read_only=True) as s:
        for e in s.scalars(select(Enrollment)):
            assert (e.status, e.premium_fen, e.unit_id is not None, e.cover_start) == (
                "pending_payment",
                9500,
                True,
                None,
            )
        member = s.scalar(select(Member).where(Member.id_number == person_id(1)))
        assert member.name == "张伟" and member.phone == "13800000001" and member.employee_no == "A001"
        assert member.id_number_rev == person_id(1)[::-1]
        record = s.scalar(select(AuditRecord).where(AuditRecord.action == "roster.import"))
        assert (
            '"imported":3' in record.after_json
            and '"unit":"U001"' in record.after_json
            and '"rejected":7' in record.after_json
        )
    # the same roster again: everyone good is now already covered
    again = preview_roster(db, write_xlsx(tmp_path / "r.xlsx", rows), UNIT, PLAN, today=TODAY)
    assert again.good == [] and sum("已参加本计划" in b.reason for b in again.bad) == 3


def test_existing_members_are_matched_and_move_unit(db, admin, tmp_path):
    enroll_member(
        db,
        admin,
        id_number=person_id(1),
        name="张伟",
        unit_code=OTHER_UNIT,
        plan_code="ZB-ZJ-2027",
        shares=1,
        phone="13999999999",
        today=TODAY,
    )
    path = write_xlsx(tmp_path / "r.xlsx", [[1, "张卫", person_id(1), "男", "13800000001"], [2, "李四", person_id(2)]])
    preview = preview_roster(db, path, UNIT, PLAN, today=TODAY)
    assert (preview.new_members, preview.existing_members) == (1, 1)
    assert preview.notes and "已登记的姓名" in preview.notes[0][1]
    assert "张伟" not in preview.notes[0][1] and person_id(1) not in preview.notes[0][1]  # no name, no ID number
    result = import_roster(db, admin, preview)
    assert (result.imported, result.new_members, result.moved_members) == (2, 1, 1)
    with db.session(read_only=True) as s:
        m = s.scalar(select(Member).where(Member.id_number == person_id(1)))
        assert m.name == "张伟" and m.phone == "13999999999"  # keeps their data
        assert s.get(OrgUnit, m.unit_id).code == UNIT  # moves unit


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_every_encoding(db, admin, tmp_path, encoding):
    path = write_csv(
        tmp_path / "r.csv",
        [[1, "欧阳娜娜", person_id(3, male=False), "女"], [2, "张伟", "6.11002E+17", "男"]],
        encoding=encoding,
    )
    preview = preview_roster(db, path, UNIT, PLAN, today=TODAY)
    assert [g.name for g in preview.good] == ["欧阳娜娜"]
    assert preview.bad[0].row == 3 and "Excel" in preview.bad[0].reason


def test_xls_fixture(db, admin):
    preview = preview_roster(db, DATA / "roster_messy.xls", UNIT, PLAN, today=TODAY)
    assert [g.name for g in preview.good] == ["刘洋", "陈静", "黄磊"]
    assert preview.good[2].id_number == "61100219800501103" + preview.good[2].id_number[-1]  # 15 -> 18
    assert [(b.row, "Excel" in b.reason) for b in preview.bad] == [(6, True)]


def test_columns_chosen_by_the_clerk(db, admin, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [["张伟", person_id(1), "x"]], title=None, header=["人员", "号码", "血型"])
    with pytest.raises(RosterError, match="找不到"):
        preview_roster(db, path, UNIT, PLAN, today=TODAY)
    table = read_roster_file(path)
    columns = find_columns(table.rows).with_mapping({"name": 0, "id_number": 1})
    preview = check_roster(db, table, UNIT, PLAN, columns=columns, today=TODAY)
    assert [g.id_number for g in preview.good] == [person_id(1)]


def test_unreadable_file_and_unknown_unit_or_plan(db, admin, tmp_path):
    (tmp_path / "bad.xlsx").write_bytes(b"garbage")
    with pytest.raises(RosterError):
        preview_roster(db, tmp_path / "bad.xlsx", UNIT, PLAN, today=TODAY)
    path = write_xlsx(tmp_path / "r.xlsx", [[1, "张伟", person_id(1)]])
    with pytest.raises(ServiceError, match="没有代码为 NOPE 的单位"):
        preview_roster(db, path, "NOPE", PLAN, today=TODAY)
    with pytest.raises(ServiceError, match="没有代码为 NOPE 的计划"):
        preview_roster(db, path, UNIT, "NOPE", today=TODAY)


def test_shares_column(db, admin, tmp_path):
    path = write_xlsx(
        tmp_path / "r.xlsx",
        [["张伟", person_id(1), "3"], ["李四", person_id(2), "4份"], ["王五", person_id(3), "两"]],
        title=None,
        header=["姓名", "身份证号", "份数"],
    )
    preview = preview_roster(db, path, UNIT, "ZB-ZJ-2027", today=TODAY)
    assert [(g.name, g.shares) for g in preview.good] == [("张伟", 3)]
    assert "最多 3 份" in preview.bad[0].reason and "整数" in preview.bad[1].reason
    import_roster(db, admin, preview, skip_bad=True)
    with db.session(read_only=True) as s:
        assert s.scalar(select(Enrollment.premium_fen)) == 9000


def test_cancelled_import_changes_nothing(db, admin, tmp_path):
    rows = [[i, numbered_name("会员", i), person_id(i)] for i in range(300)]
    preview = preview_roster(db, write_xlsx(tmp_path / "r.xlsx", rows), UNIT, PLAN, today=TODAY)
    before = counts(db)
    seen = []

    def progress(done, total, stage):
        seen.append(stage)

    with pytest.raises(ImportCancelled):
        import_roster(db, admin, preview, progress=progress, cancelled=lambda: "写入数据库" in seen)
    assert counts(db) == before


def test_covered_meanwhile_is_refused_at_import(db, admin, tmp_path):
    preview = preview_roster(
        db,
        write_xlsx(tmp_path / "r.xlsx", [[1, "张伟", person_id(1)], [2, "李四", person_id(2)]]),
        UNIT,
        PLAN,
        today=TODAY,
    )
    enroll_member(db, admin, id_number=person_id(2), name="李四", unit_code=UNIT, plan_code=PLAN, today=TODAY)
    before = counts(db)
    with pytest.raises(ServiceError, match="重新检查"):
        import_roster(db, admin, preview)
    assert counts(db) == before


def test_participation_after_the_import(db, admin, tmp_path):
    set_min_participation(db, PLAN, 10)
    preview = preview_roster(db, write_xlsx(tmp_path / "r.xlsx", [[1, "张伟", person_id(1)]]), UNIT, PLAN, today=TODAY)
    assert preview.participation.below and preview.participation.enrolled == 1


def test_export_bad_rows(db, admin, tmp_path):
    from openpyxl import load_workbook

    rows, _ = messy_rows()
    preview = preview_roster(db, write_xlsx(tmp_path / "r.xlsx", rows), UNIT, PLAN, today=TODAY)
    out = export_bad_rows(preview, tmp_path / "问题行.xlsx")
    sheet = load_workbook(out).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert len(values) == 7 and values[0][0] == "7" and "校验码" in values[0][-1]
    assert values[1][3] == "6.11002E+17"
