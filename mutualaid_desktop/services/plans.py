"""Plans: adding a plan file, listing plans, next year's plan from this year's, and the counter's
settings of a plan (the minimum participation rate).

`add_plan` and `set_min_participation` are the command line's (it runs as a local administrator);
the screens call `add_plan_text` and `change_min_participation`, which check the user's role
(supervisors and administrators). A plan, once added, is never changed: its enrollments and claims
were made under its rules. A new plan year is a new plan with a new code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from mutualaid_desktop.domain.money import from_fen, to_fen
from mutualaid_desktop.domain.plan import Plan as PlanRules
from mutualaid_desktop.domain.plan import load_plan
from mutualaid_desktop.domain.text import clean_text
from mutualaid_desktop.services.errors import NotFound, PermissionDenied, ServiceError
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.services.users import UserInfo
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.limits import text_limit
from mutualaid_desktop.store.models import Plan
from mutualaid_desktop.store.repositories import PlanRepository

KIND_LABELS = {"reimbursement": "住院二次报销", "lump_sum": "定额给付"}
SETTINGS_ROLES = ("supervisor", "admin")  # who adds plans and changes their counter settings
PLAN_TEXT_LIMIT = 20_000  # characters of a plan file typed or pasted at the counter


@dataclass(frozen=True)
class PlanSummary:
    code: str
    name: str
    kind: str
    premium_per_share: Decimal
    max_shares: int
    period_start: date
    period_end: date

    def to_json_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "premium_per_share": str(self.premium_per_share),
            "max_shares": self.max_shares,
            "period_start": self.period_start.isoformat(),
            "period_end": self.period_end.isoformat(),
        }


def _summary(row: Plan) -> PlanSummary:
    return PlanSummary(
        row.code,
        row.name,
        row.kind,
        from_fen(row.premium_per_share_fen),
        row.max_shares,
        row.period_start,
        row.period_end,
    )


def plan_row(rules: PlanRules) -> Plan:
    """The database row for a parsed plan file (the file itself is kept verbatim)."""
    return Plan(
        code=rules.code,
        name=rules.name,
        kind=rules.kind,
        premium_per_share_fen=to_fen(rules.premium_per_share),
        max_shares=rules.max_shares,
        period_start=rules.period_start,
        period_end=rules.period_end,
        waiting_days=rules.waiting_days,
        renewal_grace_days=rules.renewal_grace_days,
        claim_deadline_days=rules.claim_deadline_days,
        min_age=rules.min_age,
        max_age=rules.max_age,
        min_hospital_grade=rules.min_hospital_grade,
        rules_toml=rules.source,
    )


def _check_participation_pct(pct: int) -> int:
    if isinstance(pct, bool) or not isinstance(pct, int) or not 0 <= pct <= 100:
        raise ServiceError(f"最低参保率应为 0 到 100 之间的整数（百分比），现在是 {pct}；0 表示不提示。")
    return pct


def _check_plan_texts(rules: PlanRules) -> None:
    """The plan's code and name, typed in its file, as its columns may hold them: no hidden or
    control characters, not longer than the column (refused, never cut). Kept as written (the
    file is kept verbatim), so they are checked, not changed."""
    clean_text(rules.code, field="code", label="计划代码", limit=text_limit(Plan.code), required=True)
    clean_text(rules.name, field="name", label="计划名称", limit=text_limit(Plan.name), required=True)


def add_plan(
    db: Database, toml_text: str, *, username: str | None = None, min_participation_pct: int = 0
) -> PlanSummary:
    """Add a plan from its TOML text. Raises domain PlanError (field-level) or ServiceError.

    `min_participation_pct` is a counter setting (not in the plan file): below it, enrolling a
    unit shows a warning."""
    return _add(db, toml_text, username=username, min_participation_pct=min_participation_pct)


def _add(db: Database, toml_text: str, *, username: str | None, min_participation_pct: int,
         user_id: int | None = None, copied_from: str | None = None) -> PlanSummary:
    rules = load_plan(toml_text)
    _check_plan_texts(rules)
    _check_participation_pct(min_participation_pct)
    with UnitOfWork(db, username=username) as uow:
        plans = PlanRepository(uow.session)
        if plans.by_code(rules.code) is not None:
            raise ServiceError(f"计划代码 {rules.code} 已存在。计划添加后不再修改（已按它参保和理赔）；"
                               f"新的年度计划请使用新的代码。")
        row = plan_row(rules)
        row.min_participation_pct = min_participation_pct
        row.created_by = user_id
        row = plans.add(row)
        summary = _summary(row)
        after = {**summary.to_json_dict(), "min_participation_pct": min_participation_pct}
        if copied_from:
            after["copied_from"] = copied_from
        uow.audit("plan.add", "plan", row.id, after=after)
        uow.commit()
    return summary


def _require_settings_role(user: UserInfo, what: str) -> None:
    if user.role not in SETTINGS_ROLES:
        raise PermissionDenied(f"您的账号（{user.role_label}）不能{what}，请由主管或管理员办理。")


def add_plan_text(db: Database, user: UserInfo, toml_text: str, *, copied_from: str | None = None,
                  min_participation_pct: int = 0) -> PlanSummary:
    """A supervisor or administrator adds a plan from its text (typed, pasted, copied from last
    year's and edited, or read from a file). Raises PlanError (the field named) for a bad text,
    ServiceError for a code already there; nothing is added then. Audited (with `copied_from`)."""
    _require_settings_role(user, "添加计划")
    if not (toml_text or "").strip():
        raise ServiceError("计划文件是空的，请填写计划内容或从文件添加。")
    if len(toml_text) > PLAN_TEXT_LIMIT:
        raise ServiceError(f"计划文件太长（{len(toml_text)}个字符，最多{PLAN_TEXT_LIMIT}个），请检查是否粘贴了别的内容。")
    return _add(db, toml_text, username=user.username, min_participation_pct=min_participation_pct,
                user_id=user.id, copied_from=copied_from)


def check_plan_text(toml_text: str) -> PlanSummary:
    """Check a plan's text without adding it: its summary, or PlanError naming the field."""
    rules = load_plan(toml_text)
    _check_plan_texts(rules)
    return PlanSummary(rules.code, rules.name, rules.kind, rules.premium_per_share, rules.max_shares,
                       rules.period_start, rules.period_end)


def read_plan_file(path) -> str:
    """The text of a plan file (UTF-8, with or without BOM); ServiceError in Chinese when it cannot be read."""
    from pathlib import Path

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ServiceError(f"读不到计划文件 {path}：{exc.strerror or exc}。请检查文件是否存在。") from None
    if len(data) > PLAN_TEXT_LIMIT * 4:
        raise ServiceError(f"文件 {path} 太大，不像是计划文件（TOML），请选择正确的文件。")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ServiceError(f"计划文件 {path} 不是 UTF-8 编码，请用记事本“另存为”UTF-8 后再添加。") from None


def next_year_plan_text(db: Database, code: str) -> str:
    """The stored plan `code`'s file moved on one plan year (domain/plan_next_year): the text to
    edit and then add as next year's plan. NotFound when there is no such plan; PlanError (code
    "next_year") when the file is written in a way that cannot be moved on automatically."""
    from mutualaid_desktop.domain.plan_next_year import next_year_text

    return next_year_text(plan_file_text(db, code))


def plan_file_text(db: Database, code: str) -> str:
    """The stored plan file of `code`, verbatim (NotFound when there is no such plan)."""
    with UnitOfWork(db, read_only=True) as uow:
        row = PlanRepository(uow.session).by_code(code)
        if row is None:
            raise NotFound(f"没有代码为 {code} 的计划。")
        return row.rules_toml


def change_min_participation(db: Database, user: UserInfo, code: str, pct: int) -> int:
    """A supervisor or administrator sets a plan's minimum participation rate (audited)."""
    _require_settings_role(user, "修改最低参保率")
    set_min_participation(db, code, pct, username=user.username)
    return pct


def set_min_participation(db: Database, code: str, pct: int, *, username: str | None = None) -> None:
    """Set a plan's minimum participation rate (percent of a unit's head-count; 0 = no warning)."""
    _check_participation_pct(pct)
    with UnitOfWork(db, username=username) as uow:
        row = PlanRepository(uow.session).by_code(code)
        if row is None:
            raise ServiceError(f"没有代码为 {code} 的计划，请先用“计划添加”导入计划文件。")
        before = row.min_participation_pct
        row.min_participation_pct = pct
        uow.audit("plan.min_participation", "plan", row.id, before={"min_participation_pct": before},
                  after={"min_participation_pct": pct})
        uow.commit()


@dataclass(frozen=True)
class PlanRow:
    """A plan as the 设置 → 计划 list shows it: its rules' main figures and its counter settings."""

    code: str
    name: str
    kind: str
    period_start: date
    period_end: date
    premium_per_share: Decimal
    max_shares: int
    renewal_grace_days: int
    waiting_days: int
    min_participation_pct: int
    own_materials: bool  # its own claim materials checklist (else the default of its kind)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def year_label(self) -> str:
        first, last = self.period_start.year, self.period_end.year
        return str(first) if first == last else f"{first}-{last}"


def list_plan_rows(db: Database) -> list[PlanRow]:
    """Every plan, the newest plan year first."""
    with UnitOfWork(db, read_only=True) as uow:
        return [
            PlanRow(p.code, p.name, p.kind, p.period_start, p.period_end, from_fen(p.premium_per_share_fen),
                    p.max_shares, p.renewal_grace_days, p.waiting_days, p.min_participation_pct or 0,
                    bool(p.materials_json))
            for p in PlanRepository(uow.session).all()
        ]


def list_plans(db: Database) -> list[PlanSummary]:
    with UnitOfWork(db, read_only=True) as uow:
        return [_summary(p) for p in PlanRepository(uow.session).all()]


def plan_rules(db: Database, code: str) -> PlanRules:
    """The parsed rules of a stored plan (from its verbatim file)."""
    with UnitOfWork(db, read_only=True) as uow:
        row = PlanRepository(uow.session).by_code(code)
        if row is None:
            raise ServiceError(f"没有代码为 {code} 的计划，请先用“计划添加”导入计划文件。")
        return load_plan(row.rules_toml)
