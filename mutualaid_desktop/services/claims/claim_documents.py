"""理赔材料告知单: what a claimant must bring, per plan, for the hospitals' admission desks.

The materials come from the plan's checklist (services/claims/claim_materials.py: the plan's own list or
the default of its kind), the deadline from the plan (claim_deadline_days after discharge, or
after diagnosis for a lump-sum plan), the counter's address, phone and opening hours from the
settings (services/admin/counter_setup.py). The paper is a general leaflet, not a numbered paper about
one person: it is not recorded in printed_documents.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mutualaid_desktop.documents.claim_documents_notice import ClaimDocumentsNotice, NoticeMaterial
from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.money import from_fen
from mutualaid_desktop.domain.plan import load_plan
from mutualaid_desktop.services.admin.counter_setup import read_counter_info
from mutualaid_desktop.services.claims.claim_materials import parse_materials
from mutualaid_desktop.services.errors import NotFound
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.repositories import PlanRepository


def claim_documents_notice(db: Database, plan_code: str, *, today: date | None = None) -> ClaimDocumentsNotice:
    """The notice's data for the plan `plan_code`."""
    code = (plan_code or "").strip()
    with UnitOfWork(db, read_only=True) as uow:
        row = PlanRepository(uow.session).by_code(code) if code else None
        if row is None:
            codes = "、".join(p.code for p in PlanRepository(uow.session).all()) or "（还没有计划）"
            raise NotFound(f"没有代码为「{plan_code}」的计划。现有计划：{codes}。")
        info = read_counter_info(uow.session)
        materials = tuple(
            NoticeMaterial(m.name, m.required, m.only_for) for m in parse_materials(row.materials_json, row.kind)
        )
        diseases: tuple[str, ...] = ()
        if row.kind == "lump_sum":
            rules = load_plan(row.rules_toml)
            if rules.lump_sum is not None:
                diseases = tuple(rules.lump_sum.diseases)
        return ClaimDocumentsNotice(
            org_name=info.org_name,
            plan_code=row.code,
            plan_name=row.name,
            kind=row.kind,
            period_start=row.period_start,
            period_end=row.period_end,
            materials=materials,
            deadline_days=row.claim_deadline_days,
            waiting_days=row.waiting_days,
            min_hospital_grade=row.min_hospital_grade,
            diseases=diseases,
            premium_per_share=from_fen(row.premium_per_share_fen),
            address=info.address,
            phone=info.phone,
            hours=info.hours,
            printed_on=today or clock.today(),
            papers_due_days=info.papers_due_days,
        )


def print_claim_documents_notice(db: Database, plan_code: str, path, *, today: date | None = None) -> Path:
    """Write the notice for `plan_code` as a one-page PDF at `path`."""
    from mutualaid_desktop.documents.claim_documents_notice import render_claim_documents_notice

    return render_claim_documents_notice(claim_documents_notice(db, plan_code, today=today), Path(path))


__all__ = ["claim_documents_notice", "print_claim_documents_notice"]
