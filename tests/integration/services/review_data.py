"""Claims waiting for review, written directly with their facts and the quote of the real plan
(intake is not what the review tests are about): on top of payments_data.make_counter."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select, update

from mutualaid_desktop.domain.money import to_fen
from mutualaid_desktop.domain.quote import parse_claim_facts, quote_claim
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import Claim, ClaimStatusChange, Enrollment, Hospital, Member, OrgUnit, Plan

from .payments_data import Counter, make_counter, plan_of_year

YEAR = 2026
PLAN = f"SL-ZY-{YEAR}"


@dataclass(frozen=True)
class ClaimSpec:
    member: int = 0  # index of the member in the counter's unit
    received: date = date(YEAR, 6, 1)
    in_scope: str = "2500.00"
    invoice: str | None = None
    county: str = "611002"
    clerk: str = "clerk"  # attribute of Counter
    status: str = "waiting_review"
    paid_before: str = "0.00"
    approved_fen: int | None = None


def cover_everyone(db, counter: Counter) -> None:
    """The counter's enrollments of YEAR paid, covered all year, continuous (no waiting period)."""
    with UnitOfWork(db, username="setup") as uow:
        uow.session.execute(
            update(Enrollment).values(
                status="paid", cover_start=date(YEAR, 1, 1), cover_end=date(YEAR, 12, 31), continuous=True
            )
        )
        s = uow.session
        s.add(OrgUnit(code="611021", name="洛南县总工会", kind="county"))
        s.add(OrgUnit(code="611002", name="商州区总工会", kind="county"))
        s.add(Hospital(name="商洛市中心医院", grade=3, county_code="611002"))
        uow.commit()


def add_claims(db, counter: Counter, specs: list[ClaimSpec]) -> list[str]:
    """One claim per spec (received, entered by the spec's clerk); returns the claim numbers."""
    rules = plan_of_year(YEAR)
    numbers = []
    with UnitOfWork(db, username="setup") as uow:
        s = uow.session
        plan = s.scalar(select(Plan).where(Plan.code == PLAN))
        hospital = s.scalar(select(Hospital).limit(1))
        ids = counter.enrollment_ids[PLAN]
        enrollments = list(s.scalars(select(Enrollment).where(Enrollment.id.in_(ids)).order_by(Enrollment.id)))
        start = s.scalar(select(Claim.id).order_by(Claim.id.desc()).limit(1)) or 0
        for k, spec in enumerate(specs):
            e = enrollments[spec.member]
            member = s.get(Member, e.member_id)
            # members' stays differ (a day apart per member): the same stay for two members is a
            # duplicate the review flags (services/claims/claim_checks.py)
            admission = spec.received - timedelta(days=20 + spec.member)
            in_scope = Decimal(spec.in_scope)
            facts = {
                "id_number": member.id_number,
                "cover_start": f"{YEAR}-01-01",
                "cover_end": f"{YEAR}-12-31",
                "continuous": True,
                "shares": 1,
                "admission_date": admission.isoformat(),
                "discharge_date": (admission + timedelta(days=7)).isoformat(),
                "received_date": spec.received.isoformat(),
                "hospital_grade": 3,
                "invoice_number": spec.invoice or f"INV{start + k + 1:05d}",
                "previous_invoice_numbers": [],
                "total_cost": str(in_scope * 4 + 500),
                "fund_paid": str(in_scope * 3),
                "in_scope_self_pay": str(in_scope),
                "out_of_scope_self_pay": "500.00",
                "paid_before": spec.paid_before,
                "claims_before": 0,
            }
            quote = quote_claim(rules, parse_claim_facts(facts, rules))
            clerk = getattr(counter, spec.clerk)
            number = f"{spec.county}-{YEAR}-{start + k + 1:06d}"
            claim = Claim(
                claim_number=number,
                member_id=member.id,
                enrollment_id=e.id,
                plan_id=plan.id,
                status=spec.status,
                received_on=spec.received,
                event_date=admission,
                invoice_number=facts["invoice_number"],
                facts_json=json.dumps(facts, ensure_ascii=False),
                quote_json=json.dumps(quote.to_json_dict(), ensure_ascii=False),
                quoted_fen=to_fen(quote.payout),
                approved_fen=spec.approved_fen,
                hospital_id=hospital.id,
                diagnosis="急性阑尾炎",
                papers_json=json.dumps(
                    [
                        {"item": "身份证复印件", "received": True},
                        {"item": "出院小结", "received": True},
                        {"item": "住院发票原件", "received": True},
                    ],
                    ensure_ascii=False,
                ),
                bank_name="中国农业银行商洛分行",
                account_holder=member.name,
                account_number="6228480123456789012",
                entered_by=clerk.id,
                created_at=datetime.combine(spec.received, datetime.min.time()),
            )
            s.add(claim)
            s.flush()
            s.add(
                ClaimStatusChange(
                    claim_id=claim.id,
                    from_status=None,
                    to_status="waiting_review",
                    user_id=clerk.id,
                    changed_at=claim.created_at,
                )
            )
            numbers.append(number)
        uow.commit()
    return numbers


def review_counter(db, *, members: int = 5) -> Counter:
    counter = make_counter(db, members=members, years=(YEAR,))
    cover_everyone(db, counter)
    return counter


__all__ = ["PLAN", "YEAR", "ClaimSpec", "add_claims", "make_counter", "review_counter"]
