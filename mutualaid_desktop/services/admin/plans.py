"""Plans: adding a plan file, listing plans, next year's plan from this year's, and the counter's
settings of a plan (the minimum participation rate, the 停止参保日, 停用).

`add_plan` and `set_min_participation` are the command line's (it runs as a local administrator);
the screens call `add_plan_text`, `change_min_participation`, `change_enrollment_closes` and
`withdraw_plan`, which check the user's role (supervisors and administrators). A plan, once added,
is never changed: its enrollments and claims were made under its rules. A new plan year is a new
plan with a new code. `check_plan_text` checks a text as saving it would (the rules, the code not
yet taken: `_check_code_free` is the one check) and gives the summary the editor confirms.

The 停止参保日 (enrollment_closes) and 停用 (withdrawn_at/by) are counter settings, not fields of the
plan file (shared/spec/plan-rules.md is unchanged): after the 停止参保日 a plan is not offered for a
new enrollment (services/enrollment); a withdrawn plan (only one nobody was ever enrolled in) is
kept, shown as 已停用, and offered to nobody."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from mutualaid_desktop.domain.money import format_amount, from_fen, to_fen
from mutualaid_desktop.domain.plan import Plan as PlanRules
from mutualaid_desktop.domain.plan import load_plan
from mutualaid_desktop.domain.text import clean_text
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import NotFound, ServiceError
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.enrollment_queries import EnrollmentQueries
from mutualaid_desktop.store.limits import text_limit
from mutualaid_desktop.store.models import Plan, utcnow
from mutualaid_desktop.store.repositories import PlanRepository

KIND_LABELS = {"reimbursement": "住院二次报销", "lump_sum": "定额给付"}
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
    enrollment_closes: date | None = None  # 停止参保日 (a counter setting; None: not set)
    withdrawn: bool = False  # 已停用

    def to_json_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "premium_per_share": str(self.premium_per_share),
            "max_shares": self.max_shares,
            "period_start": self.period_start.isoformat(),
            "period_end": self.period_end.isoformat(),
            "enrollment_closes": self.enrollment_closes.isoformat() if self.enrollment_closes else None,
            "withdrawn": self.withdrawn,
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
        row.enrollment_closes,
        row.withdrawn_at is not None,
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


def _add(
    db: Database,
    toml_text: str,
    *,
    username: str | None,
    min_participation_pct: int,
    user_id: int | None = None,
    copied_from: str | None = None,
) -> PlanSummary:
    rules = load_plan(toml_text)
    _check_plan_texts(rules)
    _check_participation_pct(min_participation_pct)
    with UnitOfWork(db, username=username) as uow:
        plans = PlanRepository(uow.session)
        _check_code_free(plans, rules.code)
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


def _check_code_free(plans: PlanRepository, code: str) -> None:
    """The one check that a plan's code is not taken (保存 and 检查 both ask it)."""
    if plans.by_code(code) is not None:
        raise ServiceError(
            f"计划代码 {code} 已存在。计划添加后不再修改（已按它参保和理赔）；新的年度计划请使用新的代码。"
        )


def add_plan_text(
    db: Database, user: UserInfo, toml_text: str, *, copied_from: str | None = None, min_participation_pct: int = 0
) -> PlanSummary:
    """A supervisor or administrator adds a plan from its text (typed, pasted, copied from last
    year's and edited, or read from a file). Raises PlanError (the field named) for a bad text,
    ServiceError for a code already there; nothing is added then. Audited (with `copied_from`)."""
    require(user, "edit_plans", "添加计划")
    if not (toml_text or "").strip():
        raise ServiceError("计划文件是空的，请填写计划内容或从文件添加。")
    if len(toml_text) > PLAN_TEXT_LIMIT:
        raise ServiceError(
            f"计划文件太长（{len(toml_text)}个字符，最多{PLAN_TEXT_LIMIT}个），请检查是否粘贴了别的内容。"
        )
    return _add(
        db,
        toml_text,
        username=user.username,
        min_participation_pct=min_participation_pct,
        user_id=user.id,
        copied_from=copied_from,
    )


@dataclass(frozen=True)
class PlanCheck:
    """A plan text that would be added: its summary and its rules in short lines (the editor shows
    them after 检查 and asks to confirm them before 保存)."""

    summary: PlanSummary
    lines: tuple[str, ...]


def check_plan_text(db: Database, toml_text: str) -> PlanCheck:
    """Check a plan's text as saving it would, without adding it: PlanError naming the field, or
    ServiceError when its code already exists; else its summary and rules."""
    rules = load_plan(toml_text)
    _check_plan_texts(rules)
    with UnitOfWork(db, read_only=True) as uow:
        _check_code_free(PlanRepository(uow.session), rules.code)
    summary = PlanSummary(
        rules.code,
        rules.name,
        rules.kind,
        rules.premium_per_share,
        rules.max_shares,
        rules.period_start,
        rules.period_end,
    )
    return PlanCheck(summary, rules_lines(rules))


def rules_lines(rules: PlanRules, enrollment_closes: date | None = None) -> tuple[str, ...]:
    """A plan's rules in short lines: code, name, year, premium, ages, waiting days, what it pays
    (domain/plan_text, as the leaflet says it), the 停止参保日."""
    from mutualaid_desktop.domain.plan_text import describe_plan

    text = describe_plan(rules)
    shares = "每人 1 份" if rules.max_shares == 1 else f"每人最多 {rules.max_shares} 份"
    waiting = (
        f"{rules.waiting_days} 天（首次参保或断保后重新参保；到期后 {rules.renewal_grace_days} 天内续保的无观察期）"
        if rules.waiting_days
        else "无"
    )
    closes = (
        enrollment_closes.isoformat()
        if enrollment_closes
        else "未设置（保障期结束前都接受新参保；保存后可用“停止参保日…”设置）"
    )
    return (
        f"计划代码：{rules.code}",
        f"计划名称：{rules.name}",
        f"类型、年度：{KIND_LABELS.get(rules.kind, rules.kind)}，{text.year_label}"
        f"（{rules.period_start.isoformat()} 至 {rules.period_end.isoformat()}）",
        f"每份互助金：{format_amount(rules.premium_per_share)}，{shares}",
        f"参保年龄：{rules.min_age} 至 {rules.max_age} 周岁",
        f"观察期：{waiting}",
        "给付：" + "".join(text.benefits),
        f"停止参保日：{closes}",
    )


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
    require(user, "edit_plans", "修改最低参保率")
    set_min_participation(db, code, pct, username=user.username)
    return pct


@dataclass(frozen=True)
class PlanSettingChange:
    """What a change of a plan's counter setting changed (the screens refresh the plan)."""

    code: str
    plan_id: int
    setting: str  # "enrollment_closes" | "withdrawn"
    before: Any
    after: Any


def change_enrollment_closes(db: Database, user: UserInfo, code: str, day: date | None) -> PlanSettingChange:
    """A supervisor or administrator sets (or, with None, clears) a plan's 停止参保日: the last day
    a new enrollment into it is taken. It lies within the plan's period (audited)."""
    require(user, "edit_plans", "设置停止参保日")
    if day is not None and not isinstance(day, date):
        raise ServiceError("停止参保日应为日期，如 2026-11-30。")
    with UnitOfWork(db, user=user) as uow:
        row = PlanRepository(uow.session).by_code(code)
        if row is None:
            raise NotFound(f"没有代码为 {code} 的计划。")
        if day is not None and not row.period_start <= day <= row.period_end:
            raise ServiceError(
                f"停止参保日应在计划的保障期间内（{row.period_start.isoformat()} 至 "
                f"{row.period_end.isoformat()}），现在是 {day.isoformat()}，请改正。"
            )
        before = row.enrollment_closes
        row.enrollment_closes = day
        uow.audit(
            "plan.enrollment_closes",
            "plan",
            row.id,
            before={"enrollment_closes": before.isoformat() if before else None},
            after={"enrollment_closes": day.isoformat() if day else None},
        )
        uow.commit()
        return PlanSettingChange(code, row.id, "enrollment_closes", before, day)


def withdraw_plan(db: Database, user: UserInfo, code: str) -> PlanSettingChange:
    """A supervisor or administrator withdraws (停用) a plan nobody was ever enrolled in (a plan
    added by mistake, a wrong year): kept, shown as 已停用, offered to nobody (audited). A plan with
    enrollments (also cancelled ones) cannot be withdrawn: they were made under its rules."""
    require(user, "edit_plans", "停用计划")
    with UnitOfWork(db, user=user) as uow:
        row = PlanRepository(uow.session).by_code(code)
        if row is None:
            raise NotFound(f"没有代码为 {code} 的计划。")
        if row.withdrawn_at is not None:
            raise ServiceError(f"计划 {code} 已于 {row.withdrawn_at:%Y-%m-%d} 停用。")
        enrolled = EnrollmentQueries(uow.session).enrollment_counts().get(row.id, 0)
        if enrolled:
            raise ServiceError(
                f"计划 {code} 已有 {enrolled} 人次参保，不能停用：已参保的人和理赔都按它的规则计算。"
                "如只是不再接受新参保，请设置“停止参保日”。"
            )
        row.withdrawn_at = utcnow()
        row.withdrawn_by = user.id
        uow.audit("plan.withdraw", "plan", row.id, before={"withdrawn": False}, after={"withdrawn": True, "code": code})
        uow.commit()
        return PlanSettingChange(code, row.id, "withdrawn", False, True)


def set_min_participation(db: Database, code: str, pct: int, *, username: str | None = None) -> None:
    """Set a plan's minimum participation rate (percent of a unit's head-count; 0 = no warning)."""
    _check_participation_pct(pct)
    with UnitOfWork(db, username=username) as uow:
        row = PlanRepository(uow.session).by_code(code)
        if row is None:
            raise ServiceError(f"没有代码为 {code} 的计划，请先用“计划添加”导入计划文件。")
        before = row.min_participation_pct
        row.min_participation_pct = pct
        uow.audit(
            "plan.min_participation",
            "plan",
            row.id,
            before={"min_participation_pct": before},
            after={"min_participation_pct": pct},
        )
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
    enrollment_closes: date | None = None  # 停止参保日 (None: not set)
    withdrawn: bool = False  # 已停用
    enrollments: int = 0  # enrollments made under it, any status (a plan with none may be withdrawn)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def year_label(self) -> str:
        first, last = self.period_start.year, self.period_end.year
        return str(first) if first == last else f"{first}-{last}"


def list_plan_rows(db: Database) -> list[PlanRow]:
    """Every plan, the newest plan year first (withdrawn ones too, marked)."""
    with UnitOfWork(db, read_only=True) as uow:
        counts = EnrollmentQueries(uow.session).enrollment_counts()
        return [
            PlanRow(
                p.code,
                p.name,
                p.kind,
                p.period_start,
                p.period_end,
                from_fen(p.premium_per_share_fen),
                p.max_shares,
                p.renewal_grace_days,
                p.waiting_days,
                p.min_participation_pct or 0,
                bool(p.materials_json),
                p.enrollment_closes,
                p.withdrawn_at is not None,
                counts.get(p.id, 0),
            )
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
