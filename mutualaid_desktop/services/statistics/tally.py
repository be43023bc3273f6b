"""The raw counts and sums of one node of the tree (a unit, a county, the city) or of one plan kind,
added up from the per-unit rows of store/statistics_queries.py. Money in integer fen. The figures
people read (ratios, averages, medians) are made from a Tally in figures.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Tally:
    premiums_fen: int = 0  # 参保金额
    enrollments: int = 0  # 参保人次
    enrolled_units: set[int] = field(default_factory=set)  # 参保单位 (distinct units among the enrollments)
    paid_fen: int = 0  # payout items marked paid
    reversed_fen: int = 0  # reversals of paid claims
    claims_paid: int = 0  # 理赔人次
    received: int = 0
    refused: int = 0
    pending: int = 0
    pending_fen: int = 0  # their quoted amounts
    decision_days: list[int] = field(default_factory=list)  # intake → decision, one per claim decided
    payment_days: list[int] = field(default_factory=list)  # decision → payment, one per claim paid
    covered: int = 0  # members covered under the plans of the year
    covered_counted: int = 0  # of them, in units whose headcount is known
    headcount: int = 0  # the known headcounts of the units
    covered_units: set[int] = field(default_factory=set)  # units with a member covered
    units: int = 0  # active grassroots units
    last_year: int = 0  # members covered last year
    renewed: int = 0  # of them, covered again this year
    new_members: int = 0

    @property
    def net_paid_fen(self) -> int:
        """理赔金额: paid less reversed."""
        return self.paid_fen - self.reversed_fen

    def add(self, other: Tally) -> None:
        """Carry `other` into this tally (field by field, written out: the statistics add some 50,000 tallies on
        the 1,000,000-member demo; tests/unit/services/statistics/test_tally.py keeps every field carried)."""
        self.premiums_fen += other.premiums_fen
        self.enrollments += other.enrollments
        self.enrolled_units |= other.enrolled_units
        self.paid_fen += other.paid_fen
        self.reversed_fen += other.reversed_fen
        self.claims_paid += other.claims_paid
        self.received += other.received
        self.refused += other.refused
        self.pending += other.pending
        self.pending_fen += other.pending_fen
        self.decision_days.extend(other.decision_days)
        self.payment_days.extend(other.payment_days)
        self.covered += other.covered
        self.covered_counted += other.covered_counted
        self.headcount += other.headcount
        self.covered_units |= other.covered_units
        self.units += other.units
        self.last_year += other.last_year
        self.renewed += other.renewed
        self.new_members += other.new_members
