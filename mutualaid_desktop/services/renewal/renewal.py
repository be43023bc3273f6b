"""Renewal by unit (续保): last year's covered members of a unit carried forward into next year's plan.

1. `renewal_choices` lists the units and the plans one can renew into: a plan still open for
   enrollment that follows a plan of the same kind (store/renewal_queries.RenewalQueries.next_plan
   decides what "the next plan" of a plan is).
2. `renewal_draft` is the draft list of a unit: its members with a paid cover under the previous
   plan(s) ending near that plan's end (no earlier than the new plan's renewal grace days before
   it: a cover that ended earlier is not "last year's cover"), each with next year's shares (capped
   at the new plan's maximum), premium, whether they are already enrolled in the new plan (then
   not enrolled again), and an age problem on the new cover start (then not renewable).
3. Joiners (新增人员) are typed (`check_joiner`: the checks of single enrollment) or read from a
   roster file (`roster_joiners`: read and checked exactly as a roster import, bad rows with their
   reasons): services/renewal/renewal_joiners.py.
4. `confirm_renewal` creates the pending_payment enrollments of the members kept and of the joiners
   in one transaction with one audit record (kept, left and why, joined), and records the leavers
   (离开: table renewal_leavers, one live record per member and plan) in that same transaction: a
   member kept or joining who had a live leaver record has it withdrawn (never deleted). The draft
   shows a recorded leaver unticked, with the reason, as 离开（已登记）; the overview does not count
   them as open and the reminders leave them out. A leaver to record needs a reason
   (services/renewal/leaver_reasons.py: 离职/调出, 退休, 死亡, 本人不愿续保, 其他 with words); a record
   left as it is keeps the reason it has. Leavers alone (nobody to enroll) may be confirmed. Everything is checked again inside the transaction first: any problem refuses the
   whole renewal, with a Chinese message that says what to fix, and nothing is written. Joiners
   new to the counter become members of the unit; a joiner already on file, and a member kept who
   had moved to another unit, move to this unit (as in enrollment and roster import: a person
   belongs to the unit that enrolls them). Payment then goes through
   services/payments.record_payment, which decides continuity.
5. `set_leaver` / `withdraw_leaver` mark (or unmark) one member of the unit's draft as a leaver
   without enrolling anyone: one transaction, audited, by the roles that may renew.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.idcard import IdNumber, mask_id_number
from mutualaid_desktop.domain.money import from_fen
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.enrollment.enrollment import (
    PlanChoice,
    UnitChoice,
    age_problem,
    already_covered_message,
    check_enrollment_open,
    check_plan_open,
    enrollment_plan,
    enrollment_unit,
    plan_choice,
)
from mutualaid_desktop.services.enrollment.new_enrollments import NewEnrollments
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.renewal.leaver_reasons import clean_reason, reason_problem
from mutualaid_desktop.services.renewal.renewal_joiners import (
    Joiner,
    RosterJoiners,
    check_joiner,
    joiner_values,
    roster_joiners,
)
from mutualaid_desktop.services.renewal.renewal_writes import _enroll_joiners, _record_leavers
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.enrollment_queries import EnrollmentQueries
from mutualaid_desktop.store.models import OrgUnit
from mutualaid_desktop.store.models import Plan as PlanRow
from mutualaid_desktop.store.payment_queries import PaymentQueries
from mutualaid_desktop.store.renewal_queries import RenewalQueries
from mutualaid_desktop.store.renewal_unit_queries import LastCoverRow, LeaverRow, RenewalUnitQueries

MAX_PROBLEMS_SHOWN = 8


# --- what the screens show ------------------------------------------------------------------


@dataclass(frozen=True)
class RenewalPlan:
    """A plan one can renew into, and the plan(s) of last year it follows."""

    plan: PlanChoice
    plan_id: int
    previous_codes: tuple[str, ...]
    previous_ids: tuple[int, ...]
    previous_end: date  # the latest end of the previous plans

    @property
    def code(self) -> str:
        return self.plan.code

    def label(self) -> str:
        return self.plan.label()

    def draft_window(self) -> tuple[date, date]:
        """Covers ending in this window are last year's covers to renew."""
        return self.previous_end - timedelta(days=self.plan.renewal_grace_days), self.previous_end


@dataclass(frozen=True)
class RenewalChoices:
    units: list[UnitChoice]
    plans: list[RenewalPlan]  # the latest first


@dataclass(frozen=True)
class DraftMember:
    member_id: int
    name: str
    id_number: str  # masked: 611002********123X
    sex: str
    shares: int  # next year, capped at the new plan's maximum
    premium: Decimal
    last_cover_end: date
    last_plan_code: str
    enrolled: str | None  # pending_payment / paid: already in the new plan, not enrolled again
    enrolled_elsewhere: str | None  # the other unit's name, when that enrollment is not this unit's
    problem: str | None  # why the member cannot be renewed (age on the new cover start)
    age: int  # on the new cover start, if paid today
    moved_to: str | None  # the unit the member belongs to now, when it is not this one
    continuous_if_paid_today: bool
    left_recorded: bool = False  # a live leaver record for the new plan (离开（已登记）): unticked
    left_reason: str | None = None  # its reason

    @property
    def renewable(self) -> bool:
        return self.enrolled is None and self.problem is None

    @property
    def keep_by_default(self) -> bool:
        return self.renewable and self.moved_to is None and not self.left_recorded


@dataclass(frozen=True)
class RenewalDraft:
    unit: UnitChoice
    plan: RenewalPlan
    today: date
    cover_start: date  # if paid today
    members: tuple[DraftMember, ...]
    pending_ids: tuple[int, ...]  # the unit's enrollments in the plan waiting for payment

    @property
    def renewable_count(self) -> int:
        return sum(1 for m in self.members if m.renewable)


@dataclass(frozen=True)
class RenewalResult:
    enrollment_ids: tuple[int, ...]
    premium_due: Decimal
    kept: int
    joined: int
    left: int
    new_members: int
    moved_members: int
    leavers_withdrawn: int = 0  # live leaver records withdrawn: the member kept or joining after all


# --- plans ----------------------------------------------------------------------------------


def _previous_plans(rq: RenewalQueries, plan: PlanRow) -> list:
    """The plans whose next plan (RenewalQueries.next_plan) is `plan`: ending the year before it
    starts, or in the year it starts (a plan year that is not a calendar year)."""
    found = []
    for year in (plan.period_start.year - 1, plan.period_start.year):
        for candidate in rq.plans_ending_in(year, plan.kind):
            if candidate.id == plan.id or candidate.period_end >= plan.period_start:
                continue
            following = rq.next_plan(candidate)
            if following is not None and following.id == plan.id:
                found.append(candidate)
    return found


def _renewal_plan(session, row: PlanRow, choice: PlanChoice | None = None) -> RenewalPlan | None:
    previous = _previous_plans(RenewalQueries(session), row)
    if not previous:
        return None
    return RenewalPlan(
        choice or plan_choice(row),
        row.id,
        tuple(p.code for p in previous),
        tuple(p.id for p in previous),
        max(p.period_end for p in previous),
    )


def _require_renewal_plan(session, row: PlanRow, choice: PlanChoice) -> RenewalPlan:
    renewal = _renewal_plan(session, row, choice)
    if renewal is None:
        raise ServiceError(
            f"计划 {choice.name}（{choice.code}）之前没有同类的上一年度计划，不能用于续保。"
            "请选择下一年度的计划；如果还没有，请先在 设置 → 计划 中添加下一年度的计划（可复制上一年度的计划修改）。"
        )
    return renewal


def renewal_choices(db: Database, today: date | None = None) -> RenewalChoices:
    """Active units, and the plans open on `today` that follow a plan of the same kind."""
    today = today or clock.today()
    with UnitOfWork(db, read_only=True) as uow:
        q = EnrollmentQueries(uow.session)
        units = [UnitChoice(u.code, u.name, u.headcount) for u in q.units()]
        plans = []
        for row in q.plans():  # latest first
            choice = plan_choice(row)
            if not choice.is_open(today):
                continue
            renewal = _renewal_plan(uow.session, row, choice)
            if renewal is not None:
                plans.append(renewal)
    return RenewalChoices(units, plans)


# --- the draft ------------------------------------------------------------------------------


def _person(row: LastCoverRow) -> IdNumber:
    """The stored member as the age check wants it (the number was validated when stored)."""
    return IdNumber(normalized=row.id_number, birth_date=row.birth_date, sex=row.sex, area_code=row.id_number[:6])


def _draft_rows(session, unit_id: int, renewal: RenewalPlan, today: date) -> list[tuple[LastCoverRow, DraftMember]]:
    """(LastCoverRow, DraftMember) pairs of the unit, ordered by member id."""
    plan = renewal.plan
    first, last = renewal.draft_window()
    uq = RenewalUnitQueries(session)
    rows = uq.last_covers(unit_id, renewal.previous_ids, first, last)
    enrolled = uq.next_plan_enrollments([r.member_id for r in rows], renewal.plan_id)
    leavers = uq.live_leavers([r.member_id for r in rows], renewal.plan_id)
    other_units = {r.member_unit_id for r in rows if r.member_unit_id is not None and r.member_unit_id != unit_id}
    other_units |= {e.unit_id for e in enrolled.values() if e.unit_id is not None and e.unit_id != unit_id}
    names = EnrollmentQueries(session).unit_names(other_units)
    start = plan.planned_cover_start(today)
    out = []
    for r in rows:
        shares = max(1, min(r.shares, plan.max_shares))
        live = enrolled.get(r.member_id)
        person = _person(r)
        problem = None if live is not None else age_problem(person, plan, today)
        moved = r.member_unit_id if r.member_unit_id is not None and r.member_unit_id != unit_id else None
        elsewhere = None  # enrolled in the plan by another unit (or by none)
        if live is not None and live.unit_id != unit_id:
            elsewhere = (names.get(live.unit_id) if live.unit_id is not None else None) or "其他单位"
        out.append(
            (
                r,
                DraftMember(
                    member_id=r.member_id,
                    name=r.name,
                    id_number=mask_id_number(r.id_number),
                    sex=r.sex,
                    shares=shares,
                    premium=plan.premium_per_share * shares,
                    last_cover_end=r.cover_end,
                    last_plan_code=r.plan_code,
                    enrolled=live.status if live else None,
                    enrolled_elsewhere=elsewhere,
                    problem=problem,
                    age=person.age_on(start),
                    moved_to=(names.get(moved) or "其他单位") if moved is not None else None,
                    continuous_if_paid_today=(start - r.cover_end).days <= plan.renewal_grace_days,
                    left_recorded=live is None and r.member_id in leavers,
                    left_reason=leavers[r.member_id].reason if live is None and r.member_id in leavers else None,
                ),
            )
        )
    return out


def renewal_draft(db: Database, unit_code: str, plan_code: str, *, today: date | None = None) -> RenewalDraft:
    """The draft list of a unit's renewal into `plan_code` (nothing is written)."""
    today = today or clock.today()
    with UnitOfWork(db, read_only=True) as uow:
        q = EnrollmentQueries(uow.session)
        unit = enrollment_unit(q, unit_code)
        row, plan, _rules = enrollment_plan(q, plan_code)
        check_plan_open(plan, today)
        renewal = _require_renewal_plan(uow.session, row, plan)
        members = tuple(m for _, m in _draft_rows(uow.session, unit.id, renewal, today))
        pending = tuple(PaymentQueries(uow.session).pending_ids(unit_id=unit.id, plan_id=row.id))
        return RenewalDraft(
            UnitChoice(unit.code, unit.name, unit.headcount),
            renewal,
            today,
            plan.planned_cover_start(today),
            members,
            pending,
        )


# --- joiners --------------------------------------------------------------------------------


# --- confirming -----------------------------------------------------------------------------


def _problems_text(problems: list[str]) -> str:
    shown = problems[:MAX_PROBLEMS_SHOWN]
    more = f"\n……另有 {len(problems) - len(shown)} 个问题" if len(problems) > len(shown) else ""
    return "续保没有办理，数据没有改动。请改正以下问题后重新确认：\n" + "\n".join(f"· {p}" for p in shown) + more


def _member_ids(values, what: str) -> list[int]:
    out = []
    for value in values:
        try:
            out.append(int(value))
        except (TypeError, ValueError):
            raise ServiceError(f"{what}中有无效的会员编号「{value}」，请刷新名单后重新选择。") from None
    return out


def confirm_renewal(
    db: Database,
    user: UserInfo,
    *,
    unit_code: str,
    plan_code: str,
    keep_member_ids: Iterable[int],
    leavers: Mapping[int, str | None] | None = None,
    joiners: Iterable = (),
    today: date | None = None,
) -> RenewalResult:
    """Enroll the members kept and the joiners in `plan_code` for the unit: pending payment, in one
    transaction with one audit record. All or nothing: ServiceError (nothing written) on any problem.

    `joiners`: Joiner objects or mappings with id_number, name and optionally phone, sex, shares,
    employee_no, source_row, note. They are checked again here."""
    require(user, "enroll")
    today = today or clock.today()
    keep = list(dict.fromkeys(_member_ids(keep_member_ids, "续保人员")))
    left = {
        mid: clean_reason(reason)
        for mid, reason in zip(_member_ids((leavers or {}).keys(), "离开人员"), (leavers or {}).values(), strict=True)
    }
    raw_joiners = list(joiners)

    with UnitOfWork(db, user=user) as uow:
        session = uow.session
        q = EnrollmentQueries(session)
        unit = enrollment_unit(q, unit_code)
        plan_row, plan, rules = enrollment_plan(q, plan_code)
        check_plan_open(plan, today)
        if raw_joiners:  # joiners are new enrollments: not after the plan's 停止参保日 (the members kept are)
            check_enrollment_open(plan, today)
        renewal = _require_renewal_plan(session, plan_row, plan)
        draft = {r.member_id: (r, m) for r, m in _draft_rows(session, unit.id, renewal, today)}
        joined, existing = _check_renewal(session, keep, left, raw_joiners, draft, plan_row, plan, unit.id, today)

        # --- write: new members, enrollments, moves -------------------------------------
        start = rules.cover_start(today)
        existing_ids = [existing[v["id_number"]][0] for v in joined if v["id_number"] in existing]
        previous = q.previous_cover_ends(keep + existing_ids, plan.kind, start)
        now = clock.utcnow().replace(tzinfo=None)
        batch = NewEnrollments(
            uow,
            plan_id=plan_row.id,
            unit_id=unit.id,
            premium_per_share_fen=plan_row.premium_per_share_fen,
            created_by=user.id,
            now=now,
        )
        moves = _enroll_kept(batch, keep, draft, unit.id, rules, previous, start)
        joined_audit = _enroll_joiners(batch, joined, existing, previous, rules, start, unit.id, moves)
        batch.write()
        q.update_members(moves)
        # --- leavers: recorded (a changed reason or unit: the old record withdrawn, a new one); a
        # member kept or joining after all: their live record withdrawn ---------------------------
        staying = keep + existing_ids
        live, withdrawn = _record_leavers(
            RenewalUnitQueries(session), staying, left, plan_row.id, unit.id, now, user.id
        )
        _audit_renewal(uow, unit, plan, renewal, draft, keep, left, joined_audit, moves, staying, live, batch)
        uow.commit()
    return RenewalResult(
        batch.enrollment_ids,
        from_fen(batch.premium_fen),
        len(keep),
        len(joined),
        len(left),
        len(batch.members),
        len(moves),
        withdrawn,
    )


_Draft = dict[int, tuple[LastCoverRow, DraftMember]]  # member id -> the unit's draft row and member


def _check_renewal(
    session,
    keep: list[int],
    left: dict[int, str | None],
    raw_joiners: list,
    draft: _Draft,
    plan_row: PlanRow,
    plan: PlanChoice,
    unit_id: int,
    today: date,
) -> tuple[list[dict], dict]:
    """Every problem of the members kept, the leavers and the joiners, raised together as one ServiceError;
    returns the joiners checked and those of them already members (id number -> member row)."""
    q = EnrollmentQueries(session)
    recorded_leavers = RenewalUnitQueries(session).live_leavers(list(left), plan_row.id)
    problems = _kept_problems(keep, draft)
    problems += _leaver_problems(left, keep, draft, recorded_leavers, unit_id)
    joined = _checked_joiners(raw_joiners, plan, today, problems)
    existing = q.members_by_id_numbers([v["id_number"] for v in joined])
    covered = q.members_with_live_enrollment([m[0] for m in existing.values()], plan_row.id)
    problems += _joiner_problems(joined, existing, covered, draft, plan)
    if not keep and not joined and not left and not problems:
        problems.append("没有要续保或新增的人员：请在名单中勾选续保人员，或添加新增人员。")
    if problems:
        raise ServiceError(_problems_text(problems))
    return joined, existing


def _enroll_kept(
    batch: NewEnrollments, keep: list[int], draft: _Draft, unit_id: int, rules, previous: dict, start: date
) -> dict[int, dict]:
    """Enroll the members kept, with their shares; returns the moves of those now in another unit."""
    moves: dict[int, dict] = {}
    for mid in keep:
        row, member = draft[mid]
        if row.member_unit_id != unit_id:
            moves[mid] = {"unit_id": unit_id}
        batch.enroll(mid, member.shares, continuous=rules.is_continuous(previous.get(mid), start))
    return moves


def _audit_renewal(
    uow: UnitOfWork,
    unit: OrgUnit,
    plan: PlanChoice,
    renewal: RenewalPlan,
    draft: _Draft,
    keep: list[int],
    left: dict[int, str | None],
    joined_audit: list,
    moves: dict[int, dict],
    staying: list[int],
    live: dict[int, LeaverRow],
    batch: NewEnrollments,
) -> None:
    """The one audit record of a confirmed renewal."""
    due_fen = batch.premium_fen
    ids = batch.enrollment_ids
    uow.audit("renewal.confirm", "org_unit", unit.id, after={
        "unit": unit.code, "plan": plan.code, "previous_plans": list(renewal.previous_codes),
        "kept": keep,
        "left": [{"member_id": mid, "name": draft[mid][1].name, "reason": reason} for mid, reason in left.items()],
        "joined": joined_audit, "moved_members": sorted(moves),
        "leavers_withdrawn": sorted(mid for mid in staying if mid in live),
        "enrollment_ids": [ids[0], ids[-1]] if ids else [], "premium": str(from_fen(due_fen)),
    })  # fmt: skip


def _kept_problems(keep: list[int], draft: _Draft) -> list[str]:
    """confirm_renewal's problems with the members kept: not on the draft, already enrolled, not renewable."""
    problems: list[str] = []
    for mid in keep:
        found = draft.get(mid)
        if found is None:
            problems.append(f"会员（编号 {mid}）不在该单位去年的参保名单中，不能续保；请作为新增人员添加。")
            continue
        member = found[1]
        if member.enrolled == "paid":
            problems.append(f"会员（{member.id_number}）已参加并缴费本计划，不能重复参保；请取消勾选。")
        elif member.enrolled:
            problems.append(f"会员（{member.id_number}）已登记本计划、待缴费，不能重复参保；请取消勾选，直接收款。")
        elif member.problem:
            problems.append(f"会员（{member.id_number}）{member.problem}，不能续保；请取消勾选。")
    return problems


def _leaver_problems(
    left: dict[int, str | None], keep: list[int], draft: _Draft, recorded_leavers: dict[int, LeaverRow], unit_id: int
) -> list[str]:
    """confirm_renewal's problems with the leavers: also kept, not on the draft, enrolled, no valid reason
    (a live record left as it is keeps the reason it has)."""
    problems: list[str] = []
    for mid in left:
        if mid in keep:
            who = f"会员（{draft[mid][1].id_number}）" if mid in draft else f"会员（编号 {mid}）"
            problems.append(f"{who}既勾选了续保又标为离开，请只选一种。")
        elif mid not in draft:
            problems.append(f"会员（编号 {mid}）不在该单位去年的参保名单中，不能标为离开；请刷新名单。")
        elif draft[mid][1].enrolled:
            member = draft[mid][1]
            problems.append(f"会员（{member.id_number}）已参加本计划，不能标为离开；请刷新名单。")
        else:
            recorded = recorded_leavers.get(mid)
            unchanged = recorded is not None and recorded.reason == left[mid] and recorded.unit_id == unit_id
            problem = None if unchanged else reason_problem(left[mid])  # a record as it is stays
            if problem:
                problems.append(f"离开人员（{draft[mid][1].id_number}）：{problem}。")
    return problems


def _checked_joiners(raw_joiners: list, plan: PlanChoice, today: date, problems: list[str]) -> list[dict]:
    """The joiners' values that pass the checks of single enrollment and are not twice in the list;
    the problems of the others appended to `problems`."""
    joined: list[dict] = []
    seen: dict[str, int] = {}
    for position, raw in enumerate(raw_joiners, start=1):
        values, found_problems = joiner_values(raw, plan, today)
        label = f"新增人员第 {position} 人"
        if found_problems:
            problems.extend(f"{label}：{message}" for _, message in found_problems)
            continue
        first = seen.setdefault(values["id_number"], position)
        if first != position:
            problems.append(f"{label}：与新增人员第 {first} 人是同一人（身份证号码相同），请删去一个。")
            continue
        joined.append(values)
    return joined


def _joiner_problems(
    joined: list[dict],
    existing: dict[str, tuple[int, str, int | None]],
    covered: set[int],
    draft: _Draft,
    plan: PlanChoice,
) -> list[str]:
    """confirm_renewal's problems with joiners already on file: on the unit's draft, or covered by the plan."""
    problems: list[str] = []
    for values in joined:
        on_file = existing.get(values["id_number"])
        if on_file is None:
            continue
        label = f"新增人员（{mask_id_number(values['id_number'])}）"
        if on_file[0] in draft:
            problems.append(f"{label} 在该单位去年的参保名单中，请在名单中勾选续保，不要作为新增人员添加。")
        elif on_file[0] in covered:
            problems.append(f"{label}：{already_covered_message(plan)}。")
    return problems


__all__ = [
    "DraftMember",
    "Joiner",
    "RenewalChoices",
    "RenewalDraft",
    "RenewalPlan",
    "RenewalResult",
    "RosterJoiners",
    "check_joiner",
    "confirm_renewal",
    "renewal_choices",
    "renewal_draft",
    "roster_joiners",
]
