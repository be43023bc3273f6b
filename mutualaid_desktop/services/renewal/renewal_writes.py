"""confirm_renewal's writes (services/renewal/renewal.py): the joiners enrolled, new members added and
members on file moved to the unit; the leavers recorded and the records of those staying withdrawn."""

from __future__ import annotations

from datetime import date, datetime

from mutualaid_desktop.services.enrollment.new_enrollments import NewEnrollments, NewPerson
from mutualaid_desktop.store.renewal_unit_queries import LeaverRow, RenewalUnitQueries


def _enroll_joiners(
    batch: NewEnrollments,
    joined: list[dict],
    existing: dict[str, tuple[int, str, int | None]],
    previous: dict[int, date],
    rules,
    start: date,
    unit_id: int,
    moves: dict[int, dict],
) -> list[dict]:
    """confirm_renewal's joiners into the batch: new members added, members on file moved to the unit
    (into `moves`); `rules` are the plan's (domain.plan.Plan). Returns the joiners' audit entries."""
    joined_audit = []
    for v in joined:
        on_file = existing.get(v["id_number"])
        if on_file is None:
            member_id = batch.new_member(
                NewPerson(v["id_number"], v["name"], v["sex"], v["birth_date"], v["phone"], v["employee_no"], v["note"])
            )
            continuous = False
        else:
            member_id = on_file[0]
            if on_file[2] != unit_id:
                moves[member_id] = {"unit_id": unit_id}
            continuous = rules.is_continuous(previous.get(member_id), start)
        batch.enroll(member_id, v["shares"], continuous=continuous)
        joined_audit.append(
            {
                "member_id": member_id,
                "id_number": v["id_number"],
                "name": v["name"],
                "new_member": on_file is None,
                "shares": v["shares"],
                "roster_row": v["source_row"],
            }
        )
    return joined_audit


def _record_leavers(
    uq: RenewalUnitQueries,
    staying: list[int],
    left: dict[int, str | None],
    plan_id: int,
    unit_id: int,
    now: datetime,
    user_id: int | None,
) -> tuple[dict[int, LeaverRow], int]:
    """confirm_renewal's leaver records: a changed reason or unit withdraws the old record and adds a new
    one, a record as it is stays; a member staying has their live record withdrawn.
    Returns (the live records read first, how many were withdrawn)."""
    live = uq.live_leavers(staying + list(left), plan_id)
    withdraw = [live[mid].id for mid in staying if mid in live]
    new_leavers = []
    for mid, reason in left.items():
        old = live.get(mid)
        if old is not None and old.reason == reason and old.unit_id == unit_id:
            continue  # recorded as it is
        if old is not None:
            withdraw.append(old.id)
        new_leavers.append(
            {
                "member_id": mid,
                "plan_id": plan_id,
                "unit_id": unit_id,
                "reason": reason,
                "recorded_at": now,
                "recorded_by": user_id,
            }
        )
    withdrawn = uq.withdraw_leavers(withdraw, now, user_id)
    uq.add_leavers(new_leavers)
    return live, withdrawn
