"""One leaver of a unit's renewal, without enrolling anyone: 离开 recorded (set_leaver) or withdrawn
(withdraw_leaver). A record is never changed or deleted: a new reason withdraws the old record and writes
a new one. The draft and the confirmed renewal that use these records are in services/renewal/renewal.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from mutualaid_desktop.domain import clock
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.enrollment.enrollment import check_plan_open, enrollment_plan, enrollment_unit
from mutualaid_desktop.services.errors import NotFound, ServiceError
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.renewal.leaver_reasons import required_reason
from mutualaid_desktop.services.renewal.renewal import _draft_rows, _member_ids, _require_renewal_plan
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.enrollment_queries import EnrollmentQueries
from mutualaid_desktop.store.renewal_unit_queries import LeaverRow, RenewalUnitQueries


@dataclass(frozen=True)
class LeaverRecord:
    """A member recorded as having left (离开) a unit's renewal into a plan."""

    record_id: int
    member_id: int
    name: str
    unit_code: str
    plan_code: str
    reason: str | None
    recorded_at: datetime


def _leaver_context(uow: UnitOfWork, unit_code: str, plan_code: str, member_id, today: date):
    """(unit, plan row, plan choice, the draft member) of a leaver to mark or unmark; ServiceError otherwise."""
    q = EnrollmentQueries(uow.session)
    unit = enrollment_unit(q, unit_code)
    plan_row, plan, _rules = enrollment_plan(q, plan_code)
    check_plan_open(plan, today)
    renewal = _require_renewal_plan(uow.session, plan_row, plan)
    (mid,) = _member_ids([member_id], "离开人员")
    found = {r.member_id: m for r, m in _draft_rows(uow.session, unit.id, renewal, today)}.get(mid)
    if found is None:
        raise ServiceError(f"会员（编号 {mid}）不在 {unit.name} 去年的参保名单中，不能标为离开；请刷新名单。")
    return unit, plan_row, plan, found


def set_leaver(
    db: Database,
    user: UserInfo,
    *,
    unit_code: str,
    plan_code: str,
    member_id: int,
    reason: str | None = None,
    today: date | None = None,
) -> LeaverRecord:
    """Record that a member of the unit's list of last year has left (离职, 退休, 死亡…) and is not renewed
    into `plan_code`; nobody is enrolled. A live record with another reason is withdrawn and a new one
    written (records are never changed or deleted). Refused (ServiceError) when the member is not on the
    unit's list or is already enrolled in the plan."""
    require(user, "enroll")
    today = today or clock.today()
    reason = required_reason(reason)
    with UnitOfWork(db, user=user) as uow:
        unit, plan_row, plan, member = _leaver_context(uow, unit_code, plan_code, member_id, today)
        if member.enrolled:
            raise ServiceError(f"会员（{member.id_number}）已参加本计划，不能标为离开。")
        uq = RenewalUnitQueries(uow.session)
        old = uq.live_leavers([member.member_id], plan_row.id).get(member.member_id)
        now = clock.utcnow()
        if old is not None and old.reason == reason and old.unit_id == unit.id:
            return LeaverRecord(
                old.id, member.member_id, member.name, unit.code, plan.code, old.reason, old.recorded_at
            )
        if old is not None:
            uq.withdraw_leavers([old.id], now, user.id)
        uq.add_leavers(
            [
                {
                    "member_id": member.member_id,
                    "plan_id": plan_row.id,
                    "unit_id": unit.id,
                    "reason": reason,
                    "recorded_at": now,
                    "recorded_by": user.id,
                }
            ]
        )
        record = uq.live_leavers([member.member_id], plan_row.id)[member.member_id]
        uow.audit(
            "renewal.leaver",
            "member",
            member.member_id,
            before=_leaver_audit(old) if old is not None else None,
            after={"unit": unit.code, "plan": plan.code, "name": member.name, "reason": reason, "record_id": record.id},
        )
        uow.commit()
    return LeaverRecord(record.id, member.member_id, member.name, unit.code, plan.code, reason, record.recorded_at)


def withdraw_leaver(
    db: Database,
    user: UserInfo,
    *,
    unit_code: str,
    plan_code: str,
    member_id: int,
    today: date | None = None,
) -> LeaverRecord:
    """Withdraw the live leaver record of a member of the unit's list (marked by mistake, or the unit has not
    decided yet): the member is open again (counted as 未续保, reminded, ticked in the draft). Nobody is
    enrolled; the record is kept, withdrawn. NotFound when the member has no live record for the plan."""
    require(user, "enroll")
    today = today or clock.today()
    with UnitOfWork(db, user=user) as uow:
        unit, plan_row, plan, member = _leaver_context(uow, unit_code, plan_code, member_id, today)
        uq = RenewalUnitQueries(uow.session)
        old = uq.live_leavers([member.member_id], plan_row.id).get(member.member_id)
        if old is None:
            raise NotFound(f"会员（{member.id_number}）没有登记为离开，无需撤销；请刷新名单。")
        uq.withdraw_leavers([old.id], clock.utcnow(), user.id)
        uow.audit(
            "renewal.leaver_withdrawn",
            "member",
            member.member_id,
            before=_leaver_audit(old),
            after={"unit": unit.code, "plan": plan.code, "name": member.name, "withdrawn": True},
        )
        uow.commit()
    return LeaverRecord(old.id, member.member_id, member.name, unit.code, plan.code, old.reason, old.recorded_at)


def _leaver_audit(row: LeaverRow) -> dict:
    return {"record_id": row.id, "unit_id": row.unit_id, "reason": row.reason}
