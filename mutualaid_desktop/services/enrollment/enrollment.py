"""Enrollment (参保): the rules shared by single enrollment and roster import.

A person (an ID number, parsed at the edge with parse_id_number), a unit (an active unit of kind
'unit'), a plan and a number of shares. Refused, with a Chinese message that says what to fix:
an invalid number, an age outside the plan's limits on the planned cover start, more shares than
the plan allows, a person already covered by the plan (the database refuses that too, with a
partial unique index). An enrollment starts `pending_payment`; the payments service sets its
cover when the premium is paid (cover starts the day after payment, never before period_start),
so the age is checked on the planned cover start: max(today + 1, period_start).

A plan takes new enrollments until its 停止参保日 (`Plan.enrollment_closes`, a counter setting
edited in 设置 → 计划; NULL = not set) and while it is not withdrawn (停用). After that day it is
not offered (`enrollment_choices`) and a new enrollment or roster import is refused, naming the
day (`check_enrollment_open`); a renewal into the plan is not affected (`check_plan_open`).

Enrolling when the rest of the cover (from the day cover would start to the plan's end) lies
wholly inside the waiting period of a first (or broken) cover means the member would pay for a
cover under which no stay can be claimed. `waiting_problem` is the one rule. A clerk is refused
(`check_waiting`); a supervisor or administrator (permissions: `override_waiting`) may go on, but only
with an explicit acknowledgement (`waiting_acknowledged=True`): without it the service raises
`WaitingConfirmationNeeded`, whose message names the cover dates (the screens ask and call again).
enroll_member then returns the warning (`EnrollmentResult.waiting_warning`); `waiting_warnings`
says it for the enrollments a payment is about to take money for, `PlanChoice.waiting_notice` for
a roster import. When only a part of the cover lies in the waiting period, enrolling goes on with
a note naming the first covered day (`waiting_note`). These rules are in
services/enrollment/waiting_period.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.idcard import IdNumber, parse_id_number
from mutualaid_desktop.domain.money import from_fen
from mutualaid_desktop.domain.plan import Plan as PlanRules
from mutualaid_desktop.domain.plan import load_plan
from mutualaid_desktop.domain.text import clean_text
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.enrollment.member_fields import member_fields
from mutualaid_desktop.services.enrollment.new_enrollments import NewPerson, add_enrollment, add_member
from mutualaid_desktop.services.enrollment.waiting_period import (  # noqa: F401 - the screens import two from here
    WaitingConfirmationNeeded,
    check_waiting,
    waiting_note,
    waiting_problem,
    waiting_warnings,
)
from mutualaid_desktop.services.errors import NotFound, ServiceError
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.enrollment_queries import EnrollmentQueries
from mutualaid_desktop.store.models import OrgUnit, Plan

SEX_LABELS = {"male": "男", "female": "女"}
_SEX_WORDS = {
    "男": "male", "男性": "male", "m": "male", "male": "male",
    "女": "female", "女性": "female", "f": "female", "female": "female",
}  # fmt: skip


# --- what the screens and the importer need to know about a plan -----------------------------


@dataclass(frozen=True)
class PlanChoice:
    """A plan as the enrollment screens show it and check against (no database needed)."""

    code: str
    name: str
    kind: str
    premium_per_share: Decimal
    max_shares: int
    min_age: int
    max_age: int
    period_start: date
    period_end: date
    renewal_grace_days: int
    min_participation_pct: int
    waiting_days: int = 0
    enrollment_closes: date | None = None  # 停止参保日: the last day a new enrollment is taken
    withdrawn: bool = False  # 停用: kept, offered to nobody

    def waiting_notice(self, today: date) -> str | None:
        """For a first (or broken) cover paid today: the rest of the cover is wholly inside the
        waiting period (the roster import says it before anything is imported)."""
        return waiting_problem(
            self.planned_cover_start(today), self.period_end, self.waiting_days, continuous=False, plan_name=self.name
        )

    def planned_cover_start(self, today: date) -> date:
        """Cover starts the day after payment, never before the plan year: for a payment today."""
        return max(date.fromordinal(today.toordinal() + 1), self.period_start)

    def is_open(self, today: date) -> bool:
        """Cover can still start (a renewal into the plan): not withdrawn, not ended."""
        return not self.withdrawn and self.planned_cover_start(today) <= self.period_end

    def accepts_new(self, today: date) -> bool:
        """Offered for a new enrollment: open, and its 停止参保日 (if set) not passed."""
        return self.is_open(today) and (self.enrollment_closes is None or today <= self.enrollment_closes)

    def label(self) -> str:
        return f"{self.name}（{self.code}）"


@dataclass(frozen=True)
class UnitChoice:
    code: str
    name: str
    headcount: int | None

    def label(self) -> str:
        return f"{self.name}（{self.code}）"


def plan_choice(row: Plan) -> PlanChoice:
    return PlanChoice(
        code=row.code,
        name=row.name,
        kind=row.kind,
        premium_per_share=from_fen(row.premium_per_share_fen),
        max_shares=row.max_shares,
        min_age=row.min_age,
        max_age=row.max_age,
        period_start=row.period_start,
        period_end=row.period_end,
        renewal_grace_days=row.renewal_grace_days,
        min_participation_pct=row.min_participation_pct or 0,
        waiting_days=row.waiting_days or 0,
        enrollment_closes=row.enrollment_closes,
        withdrawn=row.withdrawn_at is not None,
    )


def enrollment_choices(db: Database, today: date) -> tuple[list[UnitChoice], list[PlanChoice]]:
    """Active units (kind 'unit') and the plans that take a new enrollment on `today` (not ended,
    not withdrawn, their 停止参保日 not passed)."""
    with UnitOfWork(db, read_only=True) as uow:
        q = EnrollmentQueries(uow.session)
        units = [UnitChoice(u.code, u.name, u.headcount) for u in q.units()]
        plans = [p for p in (plan_choice(row) for row in q.plans()) if p.accepts_new(today)]
    return units, plans


# --- the checks ---------------------------------------------------------------------------------


def parse_sex(text: str | None) -> str | None:
    """'男'/'女' (and M/F, male/female) to 'male'/'female'; None for empty. InputError otherwise."""
    cleaned = clean_text(text, field="sex", label="性别", limit=16) or ""
    word = "".join(cleaned.split()).lower()
    if not word:
        return None
    if word not in _SEX_WORDS:
        raise InputError("sex", f"性别「{cleaned}」无法识别，请填写“男”或“女”", "sex")
    return _SEX_WORDS[word]


def sex_problem(person: IdNumber, sex: str | None) -> str | None:
    if sex is None or sex == person.sex:
        return None
    return (
        f"性别与身份证号码不符：填写的是“{SEX_LABELS[sex]}”，号码第17位表示“{SEX_LABELS[person.sex]}”，请核对号码或性别"
    )


def age_problem(person: IdNumber, plan: PlanChoice, today: date) -> str | None:
    """The plan's age limit, on the planned cover start (inclusive at both ends)."""
    start = plan.planned_cover_start(today)
    age = person.age_on(start)
    if plan.min_age <= age <= plan.max_age:
        return None
    return (
        f"年龄不符合参保条件：保障开始日 {start.isoformat()} 时 {age} 周岁，"
        f"本计划参保年龄为 {plan.min_age}至{plan.max_age} 周岁"
    )


def birth_date_bounds(plan: PlanChoice, today: date) -> tuple[date, date]:
    """age_problem as a range of birth dates (earliest, latest; both inclusive), for set-based queries: a person
    born in it passes the plan's age limit on the planned cover start, anyone else does not."""
    start = plan.planned_cover_start(today)

    def born_by(years: int) -> date:  # the latest birth date of someone `years` old on `start`
        try:
            return start.replace(year=start.year - years)
        except ValueError:  # 29 February in a year without one: born on the 28th, one is that old on the 29th
            return start.replace(year=start.year - years, day=28)

    return born_by(plan.max_age + 1) + timedelta(days=1), born_by(plan.min_age)


def shares_problem(shares: int, plan: PlanChoice) -> str | None:
    if shares < 1:
        return "参保份数至少为 1 份"
    if shares > plan.max_shares:
        return f"参保份数 {shares} 份超过本计划每人最多 {plan.max_shares} 份，请改为 {plan.max_shares} 份以内"
    return None


def parse_shares(text: str | int | None) -> int:
    """A number of shares as typed or read from a roster (empty = 1). InputError otherwise."""
    if isinstance(text, int):
        return text
    cleaned = clean_text(text, field="shares", label="份数", limit=16) or ""
    word = "".join(cleaned.split()).removesuffix("份")
    if not word:
        return 1
    if word.endswith(".0"):
        word = word[:-2]
    if not word.isascii() or not word.isdigit():
        raise InputError("shares", f"份数「{cleaned}」应为整数，如 1", "shares")
    return int(word)


def already_covered_message(plan: PlanChoice | Plan) -> str:
    return f"该会员已参加本计划（{plan.name}），同一计划年度不能重复参保"


# --- enrolling one person -----------------------------------------------------------------------


@dataclass(frozen=True)
class PersonLookup:
    """What the counter shows after the ID number is entered."""

    member_id: int | None
    name: str | None
    phone: str | None
    employee_no: str | None
    unit_code: str | None
    unit_name: str | None
    covered: bool  # already has a live enrollment in the plan


@dataclass(frozen=True)
class EnrollmentResult:
    enrollment_id: int
    member_id: int
    member_created: bool
    id_number: str
    name: str
    plan_code: str
    shares: int
    premium: Decimal
    planned_cover_start: date
    continuous: bool
    warnings: list[str] = field(default_factory=list)
    waiting_warning: str | None = None  # the rest of the cover wholly in the waiting period (also in warnings)


def enrollment_unit(q: EnrollmentQueries, code: str) -> OrgUnit:
    unit = q.unit_by_code((code or "").strip())
    if unit is None:
        raise NotFound(f"没有代码为 {code} 的单位，请在“设置 → 单位”中核对单位代码。")
    if unit.kind != "unit":
        raise ServiceError(f"{unit.name} 是县区或市总工会，只能为基层工会单位办理参保，请选择基层单位。")
    if not unit.active:
        raise ServiceError(f"单位 {unit.name} 已停用，不能办理参保；如需恢复，请在“设置 → 单位”中启用。")
    return unit


def enrollment_plan(q: EnrollmentQueries, code: str) -> tuple[Plan, PlanChoice, PlanRules]:
    row = q.plan_by_code((code or "").strip())
    if row is None:
        raise NotFound(f"没有代码为 {code} 的计划，请先用“计划添加”导入计划文件。")
    return row, plan_choice(row), load_plan(row.rules_toml)


def check_plan_open(plan: PlanChoice, today: date) -> None:
    """Cover under the plan can still start (a renewal into it too)."""
    if plan.withdrawn:
        raise ServiceError(f"计划 {plan.name}（{plan.code}）已停用，不能参保；请选择其他计划。")
    if not plan.is_open(today):
        if today == plan.period_end:  # its last day: cover starts the day after payment, after the plan's end
            raise ServiceError(
                f"计划 {plan.name} 的保障期到 {plan.period_end.isoformat()} 为止，今天办理的保障从次日起算，"
                "已没有可保障的日子，不能再参保；请选择新年度的计划。"
            )
        raise ServiceError(
            f"计划 {plan.name} 已于 {plan.period_end.isoformat()} 结束，不能再参保；请选择新年度的计划。"
        )


def check_enrollment_open(plan: PlanChoice, today: date) -> None:
    """A new enrollment (walk-in, roster import) is taken: the plan is open and its 停止参保日 has
    not passed. A renewal into the plan checks only check_plan_open."""
    check_plan_open(plan, today)
    if plan.enrollment_closes is not None and today > plan.enrollment_closes:
        raise ServiceError(
            f"计划 {plan.name}（{plan.code}）的停止参保日是 {plan.enrollment_closes.isoformat()}，"
            f"此后不再办理新参保（续保不受影响）。请选择下一年度的计划。"
        )


def lookup_person(db: Database, id_number: str, plan_code: str | None = None) -> PersonLookup:
    """The member with this (normalised) ID number, if any, and whether the plan covers them."""
    with UnitOfWork(db, read_only=True) as uow:
        q = EnrollmentQueries(uow.session)
        member = q.member_by_id_number(id_number)
        if member is None:
            return PersonLookup(None, None, None, None, None, None, False)
        unit = uow.session.get(OrgUnit, member.unit_id) if member.unit_id else None
        covered = False
        if plan_code:
            plan = q.plan_by_code(plan_code)
            covered = plan is not None and q.live_enrollment(member.id, plan.id) is not None
        return PersonLookup(
            member.id, member.name, member.phone, member.employee_no,
            unit.code if unit else None, unit.name if unit else None, covered,
        )  # fmt: skip


def _check_sex(person: IdNumber, sex: str | None) -> None:
    """InputError (at the sex field) when the sex typed (a code or a word) contradicts the ID number."""
    sex_code = sex if sex in ("male", "female") else parse_sex(sex)
    problem = sex_problem(person, sex_code)
    if problem:
        raise InputError("sex", problem, "sex")


def enroll_member(
    db: Database,
    user: UserInfo,
    *,
    id_number: str,
    name: str,
    sex: str | None = None,
    phone: str | None = None,
    employee_no: str | None = None,
    unit_code: str,
    plan_code: str,
    shares: int = 1,
    today: date | None = None,
    waiting_acknowledged: bool = False,
) -> EnrollmentResult:
    """Enroll one person in a plan: pending payment. Raises InputError (a field) or ServiceError.

    A cover wholly inside the waiting period is refused for a clerk (PermissionDenied) and needs
    `waiting_acknowledged` from a supervisor (else WaitingConfirmationNeeded); see check_waiting."""
    require(user, "enroll")
    today = today or clock.today()
    person = parse_id_number(id_number, today)
    person_name, phone, employee_no = member_fields(name=name, phone=phone, employee_no=employee_no)
    _check_sex(person, sex)
    with UnitOfWork(db, user=user) as uow:
        q = EnrollmentQueries(uow.session)
        unit = enrollment_unit(q, unit_code)
        plan_row, plan, rules = enrollment_plan(q, plan_code)
        _check_plan_takes(person, plan, shares, today)
        warnings: list[str] = []
        start = rules.cover_start(today)
        member_id, member_name, created, continuous = _enrollment_member(
            uow, q, person, (person_name, phone, employee_no), unit, plan_row, plan, rules, start, warnings
        )
        waiting = _waiting_warning(
            user, plan, start, continuous=continuous, acknowledged=waiting_acknowledged, warnings=warnings
        )
        enrollment = add_enrollment(
            uow,
            member_id=member_id,
            plan_id=plan_row.id,
            unit_id=unit.id,
            shares=shares,
            premium_per_share_fen=plan_row.premium_per_share_fen,
            continuous=continuous,
            created_by=user.id,
        )
        premium = from_fen(enrollment.premium_fen)
        uow.audit(
            "enrollment.create",
            "enrollment",
            enrollment.id,
            after={
                "member_id": member_id,
                "id_number": person.normalized,
                "member_created": created,
                "unit": unit.code,
                "plan": plan.code,
                "shares": shares,
                "premium": str(premium),
                "continuous": continuous,
                **({"waiting_acknowledged": True} if waiting else {}),
            },
        )
        uow.commit()
        return EnrollmentResult(
            enrollment_id=enrollment.id,
            member_id=member_id,
            member_created=created,
            id_number=person.normalized,
            name=member_name,
            plan_code=plan.code,
            shares=shares,
            premium=premium,
            planned_cover_start=start,
            continuous=continuous,
            warnings=warnings,
            waiting_warning=waiting,
        )


def _check_plan_takes(person: IdNumber, plan: PlanChoice, shares: int, today: date) -> None:
    """enroll_member's checks of the plan: open for a new enrollment, the shares, the age."""
    check_enrollment_open(plan, today)
    problem = shares_problem(shares, plan)
    if problem:
        raise InputError("shares", problem, "shares")
    problem = age_problem(person, plan, today)
    if problem:
        raise InputError("id_number", problem, "age")


def _enrollment_member(
    uow: UnitOfWork,
    q: EnrollmentQueries,
    person: IdNumber,
    fields: tuple[str, str | None, str | None],
    unit: OrgUnit,
    plan_row: Plan,
    plan: PlanChoice,
    rules: PlanRules,
    start: date,
    warnings: list[str],
) -> tuple[int, str, bool, bool]:
    """The member enroll_member enrolls: added if new; else refused if already covered by the plan,
    moved to the unit and their empty phone/employee number filled. `fields`: (name, phone, employee
    number) as cleaned. Returns (member id, member name, created, continuous); warnings appended."""
    person_name, phone, employee_no = fields
    member = q.member_by_id_number(person.normalized)
    created = member is None
    if member is None:
        member = add_member(
            uow,
            NewPerson(person.normalized, person_name, person.sex, person.birth_date, phone, employee_no),
            unit_id=unit.id,
        )
        continuous = False
    else:
        if q.live_enrollment(member.id, plan_row.id) is not None:
            raise ServiceError(already_covered_message(plan))
        if member.name != person_name:
            warnings.append("该身份证号码已登记的姓名与填写的不同：已保留登记的姓名，请在会员页核对")
        changes: dict = {}
        if member.unit_id != unit.id:
            changes["unit_id"] = unit.id
        if not member.phone and phone:
            changes["phone"] = phone
        if not member.employee_no and employee_no:
            changes["employee_no"] = employee_no
        q.update_members({member.id: changes})
        continuous = rules.is_continuous(q.previous_cover_end(member.id, plan.kind, start), start)
    return member.id, member.name, created, continuous


def _waiting_warning(
    user: UserInfo, plan: PlanChoice, start: date, *, continuous: bool, acknowledged: bool, warnings: list[str]
) -> str | None:
    """enroll_member's waiting-period check: the warning (appended to warnings) when the whole cover
    lies in the waiting period (check_waiting refuses, rolling back, unless allowed and acknowledged);
    else the note naming the first covered day, if any (appended)."""
    waiting = waiting_problem(start, plan.period_end, plan.waiting_days, continuous=continuous, plan_name=plan.name)
    if waiting:
        check_waiting(user, plan, start, people=1, acknowledged=acknowledged)  # rolls back
        warnings.append(waiting)
    else:
        note = waiting_note(start, plan.period_end, plan.waiting_days, continuous=continuous)
        if note:
            warnings.append(note)
    return waiting


# --- participation ------------------------------------------------------------------------------


class Participation(NamedTuple):
    enrolled: int
    headcount: int | None
    min_pct: int
    below: bool

    def message(self, *, after_import: bool = False) -> str | None:
        """The warning to show (not a refusal), or None."""
        if not self.below:
            return None
        rate = self.enrolled * 100 / self.headcount if self.headcount else 0
        when = "导入后" if after_import else ""
        return (
            f"提示：{when}该单位参保 {self.enrolled} 人，职工总数 {self.headcount} 人，参保率 {rate:.1f}%，"
            f"低于本计划要求的 {self.min_pct}%。可以继续办理，请提醒单位动员职工参保。"
        )


def participation(db: Database, unit_code: str, plan_code: str, *, extra: int = 0) -> Participation:
    """(enrolled, headcount, min_pct, below) of a unit in a plan; `extra` counts people about to
    be enrolled (an import's good rows). `below` is False when the unit has no head-count."""
    with UnitOfWork(db, read_only=True) as uow:
        q = EnrollmentQueries(uow.session)
        unit = enrollment_unit(q, unit_code)
        row = q.plan_by_code(plan_code)
        if row is None:
            raise NotFound(f"没有代码为 {plan_code} 的计划，请先用“计划添加”导入计划文件。")
        enrolled = q.enrolled_count(unit.id, row.id) + extra
        minimum = row.min_participation_pct or 0
        headcount = unit.headcount
        below = bool(minimum and headcount and enrolled * 100 < minimum * headcount)
        return Participation(enrolled, headcount, minimum, below)
