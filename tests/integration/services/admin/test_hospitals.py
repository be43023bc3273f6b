"""The hospitals list (设置 → 医院) against a real SQLite file."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.services.admin.hospitals import (
    add_hospital,
    deactivate_hospital,
    list_hospitals,
    update_hospital,
)
from mutualaid_desktop.services.errors import NotFound, PermissionDenied, ServiceError
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import AuditRecord

from ..intake_data import make_claims_counter


@pytest.fixture
def cc(db):
    return make_claims_counter(db)


def audit(db, action):
    with UnitOfWork(db, read_only=True) as uow:
        return list(uow.session.scalars(select(AuditRecord).where(AuditRecord.action == action)))


def test_add_list_and_the_grade_label(db, cc):
    h = add_hospital(db, cc.clerk, name="  洛南县 人民医院 ", grade=2, county_code="C02")
    assert (h.name, h.grade, h.grade_label, h.county_code, h.active) == ("洛南县 人民医院", 2, "二级", "C02", True)
    assert h.label() == "洛南县 人民医院（二级）"
    names = [x.name for x in list_hospitals(db)]
    assert "洛南县 人民医院" in names and "商洛市中心医院" in names
    assert audit(db, "hospital.add")[-1].username == "clerk"


def test_names_are_unique_and_grades_checked(db, cc):
    with pytest.raises(ServiceError, match="已在列表中"):
        add_hospital(db, cc.clerk, name="商洛市中心医院", grade=3)
    with pytest.raises(ServiceError, match="医院等级"):
        add_hospital(db, cc.clerk, name="新医院", grade=4)
    with pytest.raises(InputError, match="医院名称"):
        add_hospital(db, cc.clerk, name=" ", grade=1)
    with pytest.raises(ServiceError, match="名称不能重复"):
        update_hospital(db, cc.admin, cc.small_hospital_id, name="商洛市中心医院")


def test_edit_deactivate_and_reactivate(db, cc):
    edited = update_hospital(db, cc.supervisor, cc.small_hospital_id, name="大赵峪中心卫生院", grade=2)
    assert (edited.name, edited.grade) == ("大赵峪中心卫生院", 2)
    gone = deactivate_hospital(db, cc.supervisor, cc.small_hospital_id)
    assert not gone.active
    assert [h.id for h in list_hospitals(db, active_only=True)] == [cc.hospital_id]
    with pytest.raises(ServiceError, match="已停用"):
        add_hospital(db, cc.clerk, name="大赵峪中心卫生院", grade=1)
    assert update_hospital(db, cc.admin, cc.small_hospital_id, active=True).active
    assert [a.action for a in audit(db, "hospital.update")] == ["hospital.update"]
    assert len(audit(db, "hospital.deactivate")) == 1 and len(audit(db, "hospital.activate")) == 1
    before = audit(db, "hospital.update")[0]
    assert '"grade":1' in before.before_json and '"grade":2' in before.after_json


def test_who_may_change_the_list(db, cc):
    with pytest.raises(PermissionDenied):
        update_hospital(db, cc.clerk, cc.hospital_id, grade=2)
    with pytest.raises(PermissionDenied):
        add_hospital(db, cc.reviewer, name="某医院", grade=1)
    with pytest.raises(NotFound):
        update_hospital(db, cc.admin, 999, grade=2)
