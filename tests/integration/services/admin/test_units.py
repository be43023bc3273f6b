"""The union tree on a real SQLite file: add, edit, move, deactivate, permissions, audit."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.services.admin.demo import generate_demo
from mutualaid_desktop.services.admin.units import (
    add_unit,
    edit_unit,
    find_unit,
    list_units,
    move_unit,
    set_unit_active,
)
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import NotFound, PermissionDenied, ServiceError
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import open_database
from mutualaid_desktop.store.models import AuditRecord, Member
from tests.accounts import add_accounts

SUPERVISOR = UserInfo(2, "zhu", "朱主管", "supervisor")
CLERK = UserInfo(3, "li", "李经办", "clerk")
REVIEWER = UserInfo(4, "shen", "沈审核", "reviewer")


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "mutualaid.sqlite3")
    add_accounts(database, SUPERVISOR, CLERK, REVIEWER)
    yield database
    database.dispose()


@pytest.fixture
def tree(db):
    add_unit(db, SUPERVISOR, code="6110", name="商洛市总工会", parent_code=None)
    add_unit(db, SUPERVISOR, code="611002", name="商州区总工会", parent_code="6110")
    add_unit(db, SUPERVISOR, code="611021", name="洛南县总工会", parent_code="6110")
    add_unit(db, SUPERVISOR, code="U001", name="商洛市第一中学工会", parent_code="611002", headcount="120")
    add_unit(db, SUPERVISOR, code="U002", name="洛南县医院工会", parent_code="611021", headcount=80)
    return db


def audits(db, action=None) -> list[AuditRecord]:
    with UnitOfWork(db, read_only=True) as uow:
        stmt = select(AuditRecord).order_by(AuditRecord.id)
        if action:
            stmt = stmt.where(AuditRecord.action == action)
        return list(uow.session.scalars(stmt))


def add_members(db, unit_code: str, count: int) -> None:
    unit = find_unit(db, unit_code)
    with UnitOfWork(db) as uow:
        for i in range(count):
            uow.session.add(
                Member(
                    id_number=f"61100219800101{i:03d}0"[:17] + "X",
                    name=f"会员{i}",
                    sex="male",
                    birth_date=date(1980, 1, 1),
                    unit_id=unit.id,
                )
            )
        uow.commit()


def test_the_tree_in_order_with_kinds_parents_and_counts(tree):
    add_members(tree, "U001", 3)
    units = list_units(tree)
    assert [(u.code, u.kind, u.parent_code) for u in units] == [
        ("6110", "city", None),
        ("611002", "county", "6110"),
        ("U001", "unit", "611002"),
        ("611021", "county", "6110"),
        ("U002", "unit", "611021"),
    ]
    by_code = {u.code: u for u in units}
    assert by_code["U001"].members == 3 and by_code["611002"].members == 3 and by_code["6110"].members == 3
    assert by_code["U001"].headcount == 120
    assert by_code["6110"].total_headcount == 200 and by_code["611021"].total_headcount == 80
    assert find_unit(tree, " u001 ").name == "商洛市第一中学工会"
    assert find_unit(tree, "NOPE") is None
    added = audits(tree, "unit.add")
    assert len(added) == 5 and json.loads(added[-1].after_json)["parent"] == "611021"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"code": "U001", "name": "重复", "parent_code": "611002"}, "已被「商洛市第一中学工会」使用"),
        ({"code": "U009", "name": "  ", "parent_code": "611002"}, "请填写单位名称"),
        ({"code": "", "name": "某工会", "parent_code": "611002"}, "请填写单位代码"),
        ({"code": "U009", "name": "某工会", "parent_code": "U001"}, "是基层工会，下面不能再设单位"),
        ({"code": "U009", "name": "某工会", "parent_code": "X999"}, "没有代码为 X999 的上级单位"),
        ({"code": "U009", "name": "某工会", "parent_code": None}, "请选择上级单位"),
        ({"code": "U009", "name": "某工会", "parent_code": "611002", "headcount": "很多"}, "职工总数应为整数"),
        ({"code": "U009", "name": "某工会", "parent_code": "611002", "phone": "电话abc"}, "只能包含数字"),
    ],
)
def test_bad_additions_are_refused_in_chinese_and_change_nothing(tree, kwargs, message):
    before = len(audits(tree))
    with pytest.raises((ServiceError, InputError)) as caught:  # InputError: a field's text (domain/text)
        add_unit(tree, SUPERVISOR, **kwargs)
    assert message in caught.value.message
    assert len(list_units(tree)) == 5 and len(audits(tree)) == before


def test_a_clerk_edits_contacts_but_not_the_tree(tree):
    u1 = find_unit(tree, "U001")
    node = edit_unit(tree, CLERK, u1.id, {"contact_person": "张老师", "phone": "0914-2312345", "headcount": "130"})
    assert (node.contact_person, node.phone, node.headcount) == ("张老师", "0914-2312345", 130)
    record = audits(tree, "unit.edit")[-1]
    assert record.username == "li"
    assert json.loads(record.before_json)["headcount"] == 120 and json.loads(record.after_json)["headcount"] == 130
    with pytest.raises(PermissionDenied):
        edit_unit(tree, CLERK, u1.id, {"name": "新名字"})
    with pytest.raises(PermissionDenied):
        add_unit(tree, CLERK, code="U010", name="某工会", parent_code="611002")
    with pytest.raises(PermissionDenied):
        move_unit(tree, CLERK, u1.id, "611021")
    with pytest.raises(PermissionDenied):
        set_unit_active(tree, CLERK, u1.id, False)
    with pytest.raises(PermissionDenied):
        edit_unit(tree, REVIEWER, u1.id, {"phone": "13912345678"})
    assert find_unit(tree, "U001").name == "商洛市第一中学工会"


def test_move_a_unit_to_another_county_with_its_members(tree):
    add_members(tree, "U001", 2)
    u1 = find_unit(tree, "U001")
    node = move_unit(tree, SUPERVISOR, u1.id, "611021")
    assert node.parent_code == "611021" and node.members == 2
    record = audits(tree, "unit.move")[-1]
    assert json.loads(record.before_json)["parent"] == "611002" and json.loads(record.after_json)["parent"] == "611021"
    by_code = {u.code: u for u in list_units(tree)}
    assert by_code["611021"].members == 2 and by_code["611002"].members == 0


@pytest.mark.parametrize(
    ("code", "target", "message"),
    [
        ("U001", "U002", "只能迁到县区总工会下面"),
        ("U001", "6110", "只能迁到县区总工会下面"),
        ("U001", "611002", "已经在"),
        ("U001", "NOPE", "没有代码为 NOPE"),
        ("611002", "611021", "只能迁移基层工会"),
    ],
)
def test_bad_moves_are_refused(tree, code, target, message):
    with pytest.raises(ServiceError) as caught:
        move_unit(tree, SUPERVISOR, find_unit(tree, code).id, target)
    assert message in caught.value.message


def test_deactivate_keeps_the_members_and_reactivate(tree):
    add_members(tree, "U001", 2)
    u1 = find_unit(tree, "U001")
    node = set_unit_active(tree, SUPERVISOR, u1.id, False)
    assert not node.active and node.members == 2
    assert [u.code for u in list_units(tree, include_inactive=False)] == ["6110", "611002", "611021", "U002"]
    assert find_unit(tree, "U001").members == 2
    # an inactive county takes no new unit
    add_unit(tree, SUPERVISOR, code="611099", name="试验区总工会", parent_code="6110")
    set_unit_active(tree, SUPERVISOR, find_unit(tree, "611099").id, False)
    with pytest.raises(ServiceError, match="已停用"):
        add_unit(tree, SUPERVISOR, code="U011", name="某工会", parent_code="611099")
    # a county with a unit in use cannot be deactivated
    with pytest.raises(ServiceError, match="下面还有"):
        set_unit_active(tree, SUPERVISOR, find_unit(tree, "611021").id, False)
    assert set_unit_active(tree, SUPERVISOR, u1.id, True).active
    actions = [a.action for a in audits(tree) if a.action.startswith("unit.") and a.action != "unit.add"]
    assert actions == ["unit.deactivate", "unit.deactivate", "unit.reactivate"]


def test_an_unknown_unit_is_not_found(tree):
    with pytest.raises(NotFound):
        edit_unit(tree, SUPERVISOR, 9999, {"phone": "13912345678"})


def test_demo_tree_lists_fast_enough_and_counts_every_member(db):
    generate_demo(db, members=3000, seed=3, today=date(2026, 11, 29))
    units = list_units(db)
    city = units[0]
    assert city.kind == "city" and city.members == 3000
    assert sum(u.members for u in units if u.kind == "unit") == 3000
    assert sum(1 for u in units if u.kind == "county") == 7
