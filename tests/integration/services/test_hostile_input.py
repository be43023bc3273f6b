"""Text entering the program is cleaned where it enters (domain/text, through every service that
takes typed or imported text): bidi overrides, zero-width, NUL and escape characters, a text one
character longer than its column, digits in a person's name are refused with a Chinese message
that names the field and does not quote the value, and the database is left exactly as it was.

Claims intake, review and payouts are tested by their own modules."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace

import pytest

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.services.admin.counter_setup import get_counter_info, set_counter_info, set_org_name
from mutualaid_desktop.services.admin.hospitals import add_hospital, update_hospital
from mutualaid_desktop.services.admin.plans import add_plan_text
from mutualaid_desktop.services.admin.units import add_unit, edit_unit, find_unit
from mutualaid_desktop.services.admin.users import add_user
from mutualaid_desktop.services.claims.claim_materials import set_plan_materials
from mutualaid_desktop.services.enrollment.enrollment import enroll_member
from mutualaid_desktop.services.enrollment.members import correct_id_number, update_member
from mutualaid_desktop.services.enrollment.payments import void_receipt
from mutualaid_desktop.services.enrollment.roster_import import import_roster, preview_roster
from mutualaid_desktop.services.papers.paper_texts import save_paper_texts
from mutualaid_desktop.services.papers.print_settings import PrintSettings, set_print_settings
from mutualaid_desktop.services.renewal.leavers import set_leaver
from mutualaid_desktop.services.renewal.renewal import check_joiner
from mutualaid_desktop.store.limits import text_limit
from mutualaid_desktop.store.models import Hospital, Member, OrgUnit, Plan, User
from tests.rosters import PLAN, TODAY, UNIT, make_counter, person_id, plan_text, write_csv

# (what it is, the text put inside a value, where it is put)
HIDDEN = {
    "bidi override": "\u202e",
    "zero-width space": "\u200b",
    "NUL": "\x00",
    "escape": "\x1b[31m",
}


@dataclass(frozen=True)
class Field:
    """An entry point's text field: `call(db, ctx, value)` hands `value` to the service."""

    name: str
    label: str  # what the message calls it
    limit: int
    call: Callable
    kind: str = "text"  # text | name (a person's name: no digits) | code | phone
    sample: str = "商洛"  # a good value the hidden characters are put into


@dataclass
class Ctx:
    admin: object
    member_id: int
    unit_id: int
    hospital_id: int


def _counter(db, ctx, **changes):
    return set_counter_info(db, ctx.admin, replace(get_counter_info(db), **changes))


def _plan(db, ctx, key, value):
    text = plan_text().replace('code = "SL-ZY-2027"', 'code = "SL-ZY-2099"')
    old = {"code": 'code = "SL-ZY-2099"', "name": 'name = "商洛市职工住院医疗互助保障（2027年度）"'}[key]
    return add_plan_text(db, ctx.admin, text.replace(old, f"{key} = {_toml_string(value)}"))


def _toml_string(value: str) -> str:
    return '"' + "".join(ch if ch.isprintable() and ch not in '"\\' else f"\\u{ord(ch):04X}" for ch in value) + '"'


def _enroll(db, ctx, **fields):
    values = {"id_number": person_id(40), "name": "张伟", "unit_code": UNIT, "plan_code": PLAN, "today": TODAY} | fields
    return enroll_member(db, ctx.admin, **values)


def _joiner(db, **fields):
    values = {"unit_code": UNIT, "plan_code": PLAN, "id_number": person_id(41), "name": "李娜", "today": TODAY} | fields
    return check_joiner(db, **values)


FIELDS = [
    Field("enroll.name", "姓名", 64, lambda db, c, v: _enroll(db, c, name=v), "name", "张伟"),
    Field("enroll.phone", "手机", 32, lambda db, c, v: _enroll(db, c, phone=v), "phone", "13912345678"),
    Field("enroll.employee_no", "工号", 32, lambda db, c, v: _enroll(db, c, employee_no=v), "text", "A001"),
    Field(
        "member.name", "姓名", 64, lambda db, c, v: update_member(db, c.admin, c.member_id, {"name": v}), "name", "张伟"
    ),
    Field(
        "member.phone",
        "联系电话",
        32,
        lambda db, c, v: update_member(db, c.admin, c.member_id, {"phone": v}),
        "phone",
        "13912345678",
    ),
    Field(
        "member.employee_no", "工号", 32, lambda db, c, v: update_member(db, c.admin, c.member_id, {"employee_no": v})
    ),
    Field("member.note", "备注", 1000, lambda db, c, v: update_member(db, c.admin, c.member_id, {"note": v})),
    Field(
        "member.correct_reason",
        "更正原因",
        500,
        lambda db, c, v: correct_id_number(db, c.admin, c.member_id, person_id(42), v),
    ),
    Field("joiner.name", "姓名", 64, lambda db, c, v: _joiner(db, name=v), "name", "李娜"),
    Field("joiner.phone", "手机", 32, lambda db, c, v: _joiner(db, phone=v), "phone", "13912345678"),
    Field("joiner.employee_no", "工号", 32, lambda db, c, v: _joiner(db, employee_no=v)),
    Field(
        "leaver.reason",
        "离开原因",
        200,
        lambda db, c, v: set_leaver(
            db, c.admin, unit_code=UNIT, plan_code=PLAN, member_id=c.member_id, reason=v, today=TODAY
        ),
    ),
    Field(
        "unit.code",
        "单位代码",
        32,
        lambda db, c, v: add_unit(db, c.admin, code=v, name="新单位工会", parent_code="C01"),
        "code",
        "U0077",
    ),
    Field("unit.name", "单位名称", 128, lambda db, c, v: add_unit(db, c.admin, code="U077", name=v, parent_code="C01")),
    Field(
        "unit.parent",
        "上级单位代码",
        32,
        lambda db, c, v: add_unit(db, c.admin, code="U077", name="新单位工会", parent_code=v),
        "code",
        "C01",
    ),
    Field(
        "unit.contact",
        "联系人",
        64,
        lambda db, c, v: add_unit(db, c.admin, code="U077", name="新单位工会", parent_code="C01", contact_person=v),
        "name",
        "王老师",
    ),
    Field(
        "unit.phone",
        "联系电话",
        32,
        lambda db, c, v: edit_unit(db, c.admin, c.unit_id, {"phone": v}),
        "phone",
        "0914-2312345",
    ),
    Field("unit.address", "地址", 256, lambda db, c, v: edit_unit(db, c.admin, c.unit_id, {"address": v})),
    Field("unit.rename", "单位名称", 128, lambda db, c, v: edit_unit(db, c.admin, c.unit_id, {"name": v})),
    Field("hospital.name", "医院名称", 128, lambda db, c, v: add_hospital(db, c.admin, name=v, grade=2)),
    Field(
        "hospital.county",
        "县区代码",
        32,
        lambda db, c, v: add_hospital(db, c.admin, name="新医院", grade=2, county_code=v),
        "code",
        "C01",
    ),
    Field("hospital.rename", "医院名称", 128, lambda db, c, v: update_hospital(db, c.admin, c.hospital_id, name=v)),
    Field(
        "user.username",
        "用户名",
        64,
        lambda db, c, v: add_user(db, c.admin, username=v, display_name="李娜", role="clerk", password="clerk-pass"),
        "code",
        "lina",
    ),
    Field(
        "user.display_name",
        "姓名",
        64,
        lambda db, c, v: add_user(db, c.admin, username="lina", display_name=v, role="clerk", password="clerk-pass"),
    ),
    Field("counter.org_name", "单位名称", 128, lambda db, c, v: _counter(db, c, org_name=v)),
    Field("counter.address", "柜台地址", 256, lambda db, c, v: _counter(db, c, address=v)),
    Field("counter.phone", "咨询电话", 64, lambda db, c, v: _counter(db, c, phone=v), "phone", "0914-2312345"),
    Field("counter.hours", "办公时间", 128, lambda db, c, v: _counter(db, c, hours=v)),
    Field("init.org_name", "单位名称", 128, lambda db, c, v: set_org_name(db, v, username="admin")),
    Field("paper.greeting", "问候语", 300, lambda db, c, v: save_paper_texts(db, c.admin, greeting=v)),
    Field("paper.footer", "页脚说明", 120, lambda db, c, v: save_paper_texts(db, c.admin, footer=v)),
    Field("paper.payment", "缴费方式说明", 60, lambda db, c, v: save_paper_texts(db, c.admin, payment=v)),
    Field(
        "printer",
        "打印机名称",
        127,
        lambda db, c, v: set_print_settings(db, c.admin, PrintSettings(True, v)),
        "code",
        "HP_LaserJet",
    ),
    Field("plan.code", "计划代码", 64, lambda db, c, v: _plan(db, c, "code", v), "code", "SL-ZY-2099"),
    Field("plan.name", "计划名称", 128, lambda db, c, v: _plan(db, c, "name", v)),
    Field(
        "materials",
        "材料清单第1项的名称",
        64,
        lambda db, c, v: set_plan_materials(db, c.admin, PLAN, [v, "身份证复印件"]),
    ),
    Field("receipt.void_reason", "作废原因", 500, lambda db, c, v: void_receipt(db, c.admin, "SJ2026-000001", v)),
]


def hostile_values(field: Field) -> dict[str, str]:
    middle = len(field.sample) // 2 or 1
    values = {what: field.sample[:middle] + char + field.sample[middle:] for what, char in HIDDEN.items()}
    filler = {"code": "A", "phone": "0", "name": "张"}.get(field.kind, "字")
    values["one too long"] = filler * (field.limit + 1)
    if field.kind == "name":
        values["digits in a name"] = field.sample + "3"
    return values


CASES = [
    pytest.param(f, what, value, id=f"{f.name}-{what}") for f in FIELDS for what, value in hostile_values(f).items()
]


def snapshot(db) -> dict[str, list]:
    """Every row of every table, read by a connection of its own."""
    with sqlite3.connect(db.path) as connection:
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: connection.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """A counter with a member, a unit and a hospital to change; copied for each test."""
    from mutualaid_desktop.services.session import open_counter_database

    path = tmp_path_factory.mktemp("hostile") / "c.sqlite3"
    db = open_counter_database(str(path))
    admin = make_counter(db)
    member = enroll_member(db, admin, id_number=person_id(1), name="赵敏", unit_code=UNIT, plan_code=PLAN, today=TODAY)
    hospital = add_hospital(db, admin, name="商洛市中心医院", grade=3)
    unit = find_unit(db, UNIT)
    db.dispose()
    return path, Ctx(admin, member.member_id, unit.id, hospital.id)


@pytest.fixture
def counter(prepared, tmp_path):
    import shutil

    from mutualaid_desktop.services.session import open_counter_database

    source, ctx = prepared
    path = tmp_path / "c.sqlite3"
    shutil.copy(source, path)
    db = open_counter_database(str(path))
    yield db, ctx
    db.dispose()


@pytest.mark.parametrize(("field", "what", "value"), CASES)
def test_hostile_text_is_refused_naming_the_field_and_nothing_changes(counter, field, what, value):
    db, ctx = counter
    before = snapshot(db)
    with pytest.raises(InputError) as caught:
        field.call(db, ctx, value)
    message = caught.value.message
    assert field.label in message, message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
    assert value not in message and not any(char in message for char in HIDDEN.values())  # never quoted
    assert snapshot(db) == before


@pytest.mark.parametrize(
    "name",
    [
        "enroll.name",
        "enroll.employee_no",
        "member.note",
        "unit.name",
        "unit.address",
        "hospital.name",
        "counter.hours",
        "paper.greeting",
        "user.display_name",
    ],
)
def test_a_text_as_long_as_its_column_is_taken_whole(counter, name):
    field = next(f for f in FIELDS if f.name == name)
    db, ctx = counter
    field.call(db, ctx, {"name": "张"}.get(field.kind, "字") * field.limit)


def test_limits_are_the_columns():
    assert text_limit(Member.name) == 64 and text_limit(Member.phone) == 32 and text_limit(Member.employee_no) == 32
    assert (text_limit(OrgUnit.code), text_limit(OrgUnit.name), text_limit(OrgUnit.address)) == (32, 128, 256)
    assert (text_limit(Hospital.name), text_limit(User.username), text_limit(Plan.code)) == (128, 64, 64)
    with pytest.raises(TypeError):
        text_limit(Member.note)  # TEXT: no length


def test_a_roster_row_with_hostile_cells_is_a_bad_row_with_the_reason(counter, tmp_path):
    db, ctx = counter
    header = ["序号", "姓名", "身份证号码", "性别", "手机号", "工号", "备注"]
    rows = [
        [1, "钱进", person_id(10)],  # good
        [2, "孙\u202e丽", person_id(11)],
        [3, "周\u200b强", person_id(12)],
        [4, "吴敏", person_id(13), "男", "139\x001234\x005678"],
        [5, "郑洁", person_id(14), "", "", "A\x1b[31m01"],
        [6, "王五" + "六" * 63, person_id(15)],  # 65 characters
        [7, "冯3", person_id(16)],
        [8, "陈刚", person_id(17), "", "", "", "备" * 1001],
        [9, "褚\u200b", "61100\u202e2198005010034"],
    ]
    path = write_csv(tmp_path / "r.csv", rows, header=header, encoding="utf-8")  # xlsx cannot hold \x00
    before = snapshot(db)
    preview = preview_roster(db, path, UNIT, PLAN, today=TODAY)
    assert [g.row for g in preview.good] == [2]
    reasons = {b.row: b.reason for b in preview.bad}
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8, 9, 10]
    assert "姓名第 2 个字符" in reasons[3] and "U+202E" in reasons[3]
    assert "姓名第 2 个字符" in reasons[4] and "U+200B" in reasons[4]
    assert "手机第 4 个字符" in reasons[5] and "控制字符" in reasons[5]
    assert "工号第 2 个字符" in reasons[6]
    assert "姓名最多 64 个字" in reasons[7]
    assert "姓名第 2 个字符是数字" in reasons[8]
    assert "备注最多 1000 个字" in reasons[9]
    assert "身份证号码有误" in reasons[10] and "U+202E" in reasons[10] and "\u202e" not in reasons[10]
    for reason in reasons.values():
        assert not any(char in reason for char in HIDDEN.values())
    assert snapshot(db) == before  # checking writes nothing
    result = import_roster(db, ctx.admin, preview, skip_bad=True)
    assert result.imported == 1
    with sqlite3.connect(db.path) as connection:
        names = [r[0] for r in connection.execute("SELECT name FROM members ORDER BY id")]
    assert names == ["赵敏", "钱进"]  # nothing of the bad rows, nothing cut
