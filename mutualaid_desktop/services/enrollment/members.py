"""Members (会员): the one search box, a member's page, editing and correcting the ID number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.cover import CoverState, best_state, cover_state
from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.idcard import age_on, mask_id_number, parse_id_number
from mutualaid_desktop.domain.money import from_fen
from mutualaid_desktop.domain.plan import Plan as PlanRules
from mutualaid_desktop.domain.plan import load_plan
from mutualaid_desktop.domain.text import code_text, normalize_code, to_halfwidth
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.enrollment.member_fields import employee_number, member_name, member_note, member_phone
from mutualaid_desktop.services.errors import NotFound, ServiceError
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.reasons import written_reason
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.limits import text_limit
from mutualaid_desktop.store.member_queries import MemberQueries, SearchBranch
from mutualaid_desktop.store.models import Enrollment, Member, OrgUnit
from mutualaid_desktop.store.models import Plan as PlanRow
from mutualaid_desktop.store.repositories import MemberRepository

SEX_LABELS = {"male": "男", "female": "女"}
CLAIM_STATUS_LABELS = {
    "waiting_papers": "待补材料",
    "waiting_review": "待审核",
    "approved": "已核准",
    "refused": "不予给付",
    "in_batch": "待拨付",
    "paid": "已给付",
    "returned": "银行退回",
    "reversed": "已冲正",
}
# Claims that use up the annual cap: decided to be paid (a returned transfer is still owed).
CAP_STATUSES = ("approved", "in_batch", "paid", "returned")
EDIT_FIELDS = ("name", "phone", "unit_code", "employee_no", "note")
UNIT_CODE_LIMIT = text_limit(OrgUnit.code)
SEARCH_PAGE = 50


@dataclass(frozen=True)
class MemberSummary:
    id: int
    id_number: str
    name: str
    sex: str
    birth_date: date
    phone: str | None
    unit_name: str | None


@dataclass(frozen=True)
class MemberRow:
    """A line of the search results."""

    id: int
    name: str
    id_number: str
    sex: str
    age: int
    unit_name: str | None
    phone: str | None
    cover_state: str | None  # a key of domain.cover.COVER_STATE_LABELS, None: never covered
    cover_label: str  # what the counter reads: 保障中, 观察期（2027-04-01起保障）, 无参保记录...
    exact: bool  # found by its full ID number

    @property
    def sex_label(self) -> str:
        return SEX_LABELS.get(self.sex, self.sex)

    def to_json_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "id_number": self.id_number,
            "sex": self.sex,
            "age": self.age,
            "unit": self.unit_name,
            "phone": self.phone,
            "cover": self.cover_state,
            "cover_label": self.cover_label,
        }


@dataclass(frozen=True)
class CoverRow:
    enrollment_id: int
    plan_code: str
    plan_name: str
    plan_kind: str
    shares: int
    premium: Decimal
    cover_start: date | None
    cover_end: date | None
    continuous: bool
    state: str
    state_label: str
    first_covered_day: date | None


@dataclass(frozen=True)
class ClaimRow:
    claim_number: str
    status: str
    status_label: str
    event_date: date
    received_on: date
    quoted: Decimal
    approved: Decimal | None


@dataclass(frozen=True)
class AnnualCap:
    """What is left of this period's annual cap (reimbursement plans). `cap` None: no limit (不限)."""

    plan_code: str
    plan_name: str
    cover_start: date | None
    cover_end: date | None
    cap: Decimal | None
    used: Decimal
    remaining: Decimal | None


@dataclass(frozen=True)
class MemberDetail:
    id: int
    id_number: str
    name: str
    sex: str
    birth_date: date
    age: int
    phone: str | None
    unit_id: int | None
    unit_code: str | None
    unit_name: str | None
    employee_no: str | None
    note: str | None
    covers: tuple[CoverRow, ...]
    claims: tuple[ClaimRow, ...]
    annual_cap: AnnualCap | None

    @property
    def sex_label(self) -> str:
        return SEX_LABELS.get(self.sex, self.sex)


# --- finding ---------------------------------------------------------------------------------


def find_member_by_id_number(db: Database, text: str) -> MemberSummary | None:
    """Look a member up by ID number as typed or scanned (normalised first; InputError if invalid)."""
    number = parse_id_number(text).normalized
    with UnitOfWork(db, read_only=True) as uow:
        members = MemberRepository(uow.session)
        m = members.by_id_number(number)
        if m is None:
            return None
        return MemberSummary(m.id, m.id_number, m.name, m.sex, m.birth_date, m.phone, members.unit_name(m))


def full_id_number(text: str) -> str | None:
    """The normalised number when `text` is a complete, valid ID number (what a card reader
    sends), else None."""
    code = normalize_code(text or "")
    if len(code) not in (15, 18):
        return None
    try:
        return parse_id_number(code).normalized
    except InputError:
        return None


def search_branches(query: str) -> tuple[list[SearchBranch], SearchBranch | None]:
    """What one search box text can mean, best first, and the 'name contains' branch used when
    the others find few. Digits: the whole ID number, its start or its end (last 4-6), a phone
    number's start; anything else: a name's start."""
    text = " ".join(to_halfwidth(query or "").split())
    if not text:
        return [], None
    code = normalize_code(text)
    if code and all(c.isdigit() or c == "X" for c in code) and "X" not in code[:-1]:
        branches: list[SearchBranch] = []
        exact = full_id_number(code)
        if exact:
            branches.append(SearchBranch("id_exact", exact, 0))
        if 4 <= len(code) <= 6:
            branches.append(SearchBranch("id_suffix", code[::-1], 1))
        if len(code) < 18:
            branches.append(SearchBranch("id_prefix", code, 2))
        if 7 <= len(code) < 18:
            branches.append(SearchBranch("id_suffix", code[::-1], 3))
        if code.isdigit() and len(code) >= 3 and code[0] in "01":
            branches.append(SearchBranch("phone_prefix", code, 4))
        return branches, None
    name = text.replace(" ", "")
    # "contains" scans the whole name index (tens of ms on a million members): only for one or
    # two characters (a given name, 建国), and only when the prefix finds less than a page.
    contains = SearchBranch("name_contains", name, 6, exclude_prefix=name) if len(name) <= 2 else None
    return [SearchBranch("name_prefix", name, 5)], contains


@lru_cache(maxsize=64)
def _rules(rules_toml: str) -> PlanRules | None:
    try:
        return load_plan(rules_toml)
    except InputError:
        return None


def _first_covered_day(e: Enrollment, plan: PlanRow) -> date | None:
    if e.cover_start is None:
        return None
    rules = _rules(plan.rules_toml or "")
    if rules is not None:
        return rules.first_covered_day(e.cover_start, bool(e.continuous))
    from datetime import timedelta  # a plan row without its file (old data): the column

    return e.cover_start if e.continuous else e.cover_start + timedelta(days=plan.waiting_days)


def _state(e: Enrollment, plan: PlanRow, today: date) -> CoverState:
    return cover_state(e.status, e.cover_start, e.cover_end, _first_covered_day(e, plan), today)


def search_members(
    db: Database, query: str, *, limit: int = SEARCH_PAGE, offset: int = 0, today: date | None = None
) -> list[MemberRow]:
    """One page of the members matching the search box text, exact ID first (see
    search_branches). Every branch is an index range scan: a page comes in milliseconds on a
    million members."""
    today = today or clock.today()
    branches, contains = search_branches(query)
    if not branches:
        return []
    with UnitOfWork(db, read_only=True) as uow:
        q = MemberQueries(uow.session)
        hits = q.search(branches, limit=limit, offset=offset)
        if contains is not None and len(hits) < limit:
            hits = q.search([*branches, contains], limit=limit, offset=offset)
        states: dict[int, list[CoverState]] = {}
        for e, plan in q.covers_of([h.id for h in hits]):
            states.setdefault(e.member_id, []).append(_state(e, plan, today))
    rows = []
    for h in hits:
        best = best_state(states.get(h.id, []))
        rows.append(
            MemberRow(
                id=h.id,
                name=h.name,
                id_number=h.id_number,
                sex=h.sex,
                age=age_on(h.birth_date, today),
                unit_name=h.unit_name,
                phone=h.phone,
                cover_state=best.state if best else None,
                cover_label=best.label if best else "无参保记录",
                exact=h.rank == 0,
            )
        )
    return rows


# --- a member's page -------------------------------------------------------------------------


def member_detail(db: Database, member_id: int, today: date | None = None) -> MemberDetail:
    today = today or clock.today()
    with UnitOfWork(db, read_only=True) as uow:
        q = MemberQueries(uow.session)
        m = q.by_id(member_id)
        if m is None:
            raise NotFound("没有找到该会员（可能已被他人更改），请重新查找。")
        unit = q.unit(m.unit_id)
        covers_raw = q.covers_of([m.id])
        claims = q.claims_of(m.id)
    covers = []
    for e, plan in covers_raw:
        first = _first_covered_day(e, plan)
        state = cover_state(e.status, e.cover_start, e.cover_end, first, today)
        covers.append(
            CoverRow(
                enrollment_id=e.id,
                plan_code=plan.code,
                plan_name=plan.name,
                plan_kind=plan.kind,
                shares=e.shares,
                premium=from_fen(e.premium_fen),
                cover_start=e.cover_start,
                cover_end=e.cover_end,
                continuous=bool(e.continuous),
                state=state.state,
                state_label=state.label,
                first_covered_day=first,
            )
        )
    claim_rows = tuple(
        ClaimRow(
            claim_number=c.claim_number,
            status=c.status,
            status_label=CLAIM_STATUS_LABELS.get(c.status, c.status),
            event_date=c.event_date,
            received_on=c.received_on,
            quoted=from_fen(c.quoted_fen),
            approved=from_fen(c.approved_fen) if c.approved_fen is not None else None,
        )
        for c in claims
    )
    return MemberDetail(
        id=m.id,
        id_number=m.id_number,
        name=m.name,
        sex=m.sex,
        birth_date=m.birth_date,
        age=age_on(m.birth_date, today),
        phone=m.phone,
        unit_id=m.unit_id,
        unit_code=unit.code if unit else None,
        unit_name=unit.name if unit else None,
        employee_no=m.employee_no,
        note=m.note,
        covers=tuple(covers),
        claims=claim_rows,
        annual_cap=_annual_cap(covers_raw, claims, today),
    )


def _annual_cap(covers_raw, claims, today: date) -> AnnualCap | None:
    """The reimbursement cover of this period (in force or waiting today, else the latest paid
    one) and what its claims have used of the annual cap."""
    candidates = [(e, p) for e, p in covers_raw if p.kind == "reimbursement" and e.status == "paid" and e.cover_start]
    if not candidates:
        return None
    current = [(e, p) for e, p in candidates if e.cover_start <= today <= e.cover_end]
    e, plan = max(current or candidates, key=lambda ep: ep[0].cover_start)
    used_fen = sum(c.approved_fen or 0 for c in claims if c.enrollment_id == e.id and c.status in CAP_STATUSES)
    used = from_fen(used_fen)
    rules = _rules(plan.rules_toml or "")
    cap = rules.reimbursement.annual_cap if rules is not None and rules.reimbursement is not None else None
    if not cap:
        return AnnualCap(plan.code, plan.name, e.cover_start, e.cover_end, None, used, None)
    return AnnualCap(plan.code, plan.name, e.cover_start, e.cover_end, cap, used, max(cap - used, Decimal("0.00")))


# --- changing --------------------------------------------------------------------------------


def _audit_view(m: Member, unit_code: str | None) -> dict:
    return {
        "id_number": m.id_number,
        "name": m.name,
        "sex": m.sex,
        "birth_date": m.birth_date.isoformat(),
        "phone": m.phone,
        "unit": unit_code,
        "employee_no": m.employee_no,
        "note": m.note,
    }


def update_member(db: Database, user: UserInfo, member_id: int, changes: dict) -> MemberDetail:
    """Change a member's name, phone, unit (`unit_code`), employee number or note; audited."""
    require(user, "edit_members")
    unknown = set(changes) - set(EDIT_FIELDS)
    if unknown:
        raise ServiceError(f"不能在这里修改：{'、'.join(sorted(unknown))}。身份证号码请用“更正身份证号”。")
    values: dict = {}
    if "name" in changes:
        values["name"] = member_name(changes["name"])
    if "phone" in changes:
        values["phone"] = member_phone(changes["phone"], label="联系电话")
    if "employee_no" in changes:
        values["employee_no"] = employee_number(changes["employee_no"])
    if "note" in changes:
        values["note"] = member_note(changes["note"], multiline=True)
    with UnitOfWork(db, user=user) as uow:
        q = MemberQueries(uow.session)
        m = q.by_id(member_id)
        if m is None:
            raise NotFound("没有找到该会员（可能已被他人更改），请重新查找。")
        unit = q.unit(m.unit_id)
        before = _audit_view(m, unit.code if unit else None)
        if "unit_code" in changes:
            code = code_text(
                changes["unit_code"], field="unit_code", label="单位代码", limit=UNIT_CODE_LIMIT, required=False
            )
            if not code:
                raise ServiceError("请选择会员所在的基层工会。")
            new_unit = q.unit_by_code(code)
            if new_unit is None:
                raise ServiceError(f"没有代码为 {code} 的单位，请核对。")
            if new_unit.kind != "unit":
                raise ServiceError(f"「{new_unit.name}」不是基层工会；会员只能属于基层工会，请重新选择。")
            if not new_unit.active and new_unit.id != m.unit_id:
                raise ServiceError(f"「{new_unit.name}」已停用，不能转入会员；请选择其他单位。")
            values["unit_id"] = new_unit.id
            unit = new_unit
        q.update(m, values)
        after = _audit_view(m, unit.code if unit else None)
        if after != before:
            uow.audit("member.edit", "member", m.id, before=before, after=after)
        uow.commit()
    return member_detail(db, member_id)


def correct_id_number(db: Database, user: UserInfo, member_id: int, new_number: str, reason: str) -> MemberDetail:
    """A supervisor corrects a wrongly recorded ID number; birth date and sex follow the number."""
    require(user, "correct_id_number")
    why = written_reason(reason, "更正原因", missing="请填写更正原因（如：录入时抄错一位，已核对身份证原件）。")
    try:
        parsed = parse_id_number(new_number)
    except InputError as exc:
        raise ServiceError(f"新的身份证号码有误：{exc.message}") from exc
    number = parsed.normalized
    with UnitOfWork(db, user=user) as uow:
        q = MemberQueries(uow.session)
        m = q.by_id(member_id)
        if m is None:
            raise NotFound("没有找到该会员（可能已被他人更改），请重新查找。")
        if m.id_number == number:
            raise ServiceError("新号码与原号码相同，无需更正。")
        other = q.by_id_number(number)
        if other is not None:
            raise ServiceError(
                f"号码 {mask_id_number(number)} 已属于会员（编号 {other.id}），不能重复；请核对号码，必要时先查该会员。"
            )
        unit = q.unit(m.unit_id)
        before = _audit_view(m, unit.code if unit else None)
        q.update(m, {"id_number": number, "birth_date": parsed.birth_date, "sex": parsed.sex})
        after = _audit_view(m, unit.code if unit else None)
        after["reason"] = why
        uow.audit("member.correct_id_number", "member", m.id, before=before, after=after)
        uow.commit()
    return member_detail(db, member_id)
