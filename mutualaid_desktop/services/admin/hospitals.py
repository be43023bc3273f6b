"""Hospitals (设置 → 医院): the list the intake screen picks from, each with its grade.

The grade (0 未定级, 1 一级, 2 二级, 3 三级) goes into a claim's facts (a plan may require a
minimum grade). A hospital is never deleted (claims point at it): it is deactivated and then no
longer offered. Names are unique. Clerks may add one on the spot at intake; every change is
audited with what it was before and after.
"""

from __future__ import annotations

from dataclasses import dataclass

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.text import clean_text, code_text
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import NotFound, ServiceError
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.hospital_queries import HospitalQueries
from mutualaid_desktop.store.limits import text_limit
from mutualaid_desktop.store.models import Hospital

GRADE_LABELS = {0: "未定级", 1: "一级", 2: "二级", 3: "三级"}
MAX_NAME, MAX_COUNTY = text_limit(Hospital.name), text_limit(Hospital.county_code)


@dataclass(frozen=True)
class HospitalInfo:
    id: int
    name: str
    grade: int
    county_code: str | None
    active: bool

    @property
    def grade_label(self) -> str:
        return GRADE_LABELS.get(self.grade, str(self.grade))

    def label(self) -> str:
        return f"{self.name}（{self.grade_label}）"

    def to_json_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "grade": self.grade,
            "county_code": self.county_code,
            "active": self.active,
        }


def _info(h: Hospital) -> HospitalInfo:
    return HospitalInfo(h.id, h.name, h.grade, h.county_code, bool(h.active))


def _name(value) -> str:
    name = clean_text(value, field="name", label="医院名称", limit=MAX_NAME)
    if not name:
        raise InputError("name", "请填写医院名称（与发票上的收款单位一致）。", "empty")
    return name


def _grade(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in GRADE_LABELS:
        raise ServiceError(f"医院等级应为 0（未定级）、1（一级）、2（二级）或 3（三级），现在是 {value}。")
    return value


def _county(value) -> str | None:
    return code_text(value, field="county_code", label="县区代码", limit=MAX_COUNTY, required=False)


def list_hospitals(db: Database, *, active_only: bool = False) -> list[HospitalInfo]:
    with UnitOfWork(db, read_only=True) as uow:
        return [_info(h) for h in HospitalQueries(uow.session).all(active_only=active_only)]


def add_hospital(
    db: Database, user: UserInfo, *, name: str, grade: int, county_code: str | None = None
) -> HospitalInfo:
    require(user, "add_hospital")
    name, grade, county = _name(name), _grade(grade), _county(county_code)
    with UnitOfWork(db, user=user) as uow:
        q = HospitalQueries(uow.session)
        existing = q.by_name(name)
        if existing is not None:
            state = "" if existing.active else "（已停用，可在“设置 → 医院”中重新启用）"
            raise ServiceError(f"医院「{name}」已在列表中{state}，请直接选择。")
        h = q.add(Hospital(name=name, grade=grade, county_code=county, active=True))
        info = _info(h)
        uow.audit("hospital.add", "hospital", h.id, after=info.to_json_dict())
        uow.commit()
    return info


def update_hospital(
    db: Database,
    user: UserInfo,
    hospital_id: int,
    *,
    name: str | None = None,
    grade: int | None = None,
    county_code: str | None = None,
    active: bool | None = None,
) -> HospitalInfo:
    """Change a hospital's name, grade, county, or (de)activate it; only what is given changes."""
    require(user, "edit_hospitals")
    with UnitOfWork(db, user=user) as uow:
        q = HospitalQueries(uow.session)
        h = q.by_id(hospital_id)
        if h is None:
            raise NotFound("没有找到该医院（可能已被他人更改），请刷新后重试。")
        before = _info(h).to_json_dict()
        if name is not None:
            new_name = _name(name)
            other = q.by_name(new_name)
            if other is not None and other.id != h.id:
                raise ServiceError(f"已有名为「{new_name}」的医院，名称不能重复。")
            h.name = new_name
        if grade is not None:
            h.grade = _grade(grade)
        if county_code is not None:
            h.county_code = _county(county_code)
        if active is not None:
            h.active = bool(active)
        q.flush()
        info = _info(h)
        if info.to_json_dict() != before:
            action = (
                "hospital.update"
                if active is None or active == before["active"]
                else ("hospital.activate" if active else "hospital.deactivate")
            )
            uow.audit(action, "hospital", h.id, before=before, after=info.to_json_dict())
            uow.commit()
    return info


def deactivate_hospital(db: Database, user: UserInfo, hospital_id: int) -> HospitalInfo:
    return update_hospital(db, user, hospital_id, active=False)
