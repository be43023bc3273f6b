"""Plans: adding a plan file, listing plans."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from mutualaid_desktop.domain.money import from_fen, to_fen
from mutualaid_desktop.domain.plan import Plan as PlanRules
from mutualaid_desktop.domain.plan import load_plan
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.models import Plan
from mutualaid_desktop.store.repositories import PlanRepository

KIND_LABELS = {"reimbursement": "住院二次报销", "lump_sum": "定额给付"}


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


def add_plan(
    db: Database, toml_text: str, *, username: str | None = None, min_participation_pct: int = 0
) -> PlanSummary:
    """Add a plan from its TOML text. Raises domain PlanError (field-level) or ServiceError.

    `min_participation_pct` is a counter setting (not in the plan file): below it, enrolling a
    unit shows a warning."""
    rules = load_plan(toml_text)
    _check_participation_pct(min_participation_pct)
    with UnitOfWork(db, username=username) as uow:
        plans = PlanRepository(uow.session)
        if plans.by_code(rules.code) is not None:
            raise ServiceError(f"计划代码 {rules.code} 已存在；新的年度计划请使用新的代码。")
        row = plan_row(rules)
        row.min_participation_pct = min_participation_pct
        row = plans.add(row)
        summary = _summary(row)
        uow.audit(
            "plan.add", "plan", row.id, after={**summary.to_json_dict(), "min_participation_pct": min_participation_pct}
        )
        uow.commit()
    return summary


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
