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
        for name, value in vars(other).items():
            mine = getattr(self, name)
            if isinstance(mine, set):
                mine |= value
            elif isinstance(mine, list):
                mine.extend(value)
            else:
                setattr(self, name, mine + value)
