"""Queries on members for services/enrollment/members.py: the search of the 会员 screen, a member's page.

The search is a list of *branches* chosen by the service (plain data: which indexed column, which
value, exact or prefix). Each branch is an index range scan (`col >= q AND col < q || max`,
which every database optimises, unlike LIKE) ordered by the same column and cut at
`offset + limit` rows, so a page costs O(offset + limit) index steps whatever the table size.
The branches are put together with UNION ALL, a member found by two branches keeps its best
rank, and the page is cut from that small set.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, literal, select, union_all, update
from sqlalchemy.orm import Session

from mutualaid_desktop.store.models import Claim, Enrollment, Member, OrgUnit, Plan

# Above every character (UTF-8 0xF4 0x8F 0xBF 0xBF): `col < q + TOP` ends a prefix range.
TOP = "\U0010ffff"

# The branch kinds: the column searched and whether it is an exact match or a prefix.
BRANCH_COLUMNS = {
    "id_exact": (Member.id_number, False),
    "id_prefix": (Member.id_number, True),
    "id_suffix": (Member.id_number_rev, True),  # value: the typed end, reversed
    "phone_prefix": (Member.phone, True),
    "name_prefix": (Member.name, True),
    "name_contains": (Member.name, None),
}


@dataclass(frozen=True)
class SearchBranch:
    kind: str  # a key of BRANCH_COLUMNS
    value: str
    rank: int  # lower ranks come first
    exclude_prefix: str | None = None  # name_contains: leave out what name_prefix found


@dataclass(frozen=True)
class MemberHit:
    id: int
    id_number: str
    name: str
    sex: str
    birth_date: date
    phone: str | None
    unit_name: str | None
    rank: int


def _branch_select(branch: SearchBranch, n: int):
    column, prefix = BRANCH_COLUMNS[branch.kind]
    if prefix is None:  # contains: a scan of the name index, used only when prefixes found few
        cond = func.instr(column, branch.value) > 0
        if branch.exclude_prefix:
            cond = and_(cond, ~and_(column >= branch.exclude_prefix, column < branch.exclude_prefix + TOP))
    elif prefix:
        cond = and_(column >= branch.value, column < branch.value + TOP)
    else:
        cond = column == branch.value
    return (
        select(Member.id.label("id"), literal(branch.rank).label("rank"), column.label("sort_key"))
        .where(cond)
        .order_by(column, Member.id)
        .limit(n)
        .subquery()
    )


class MemberQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    def search(self, branches: list[SearchBranch], *, limit: int, offset: int) -> list[MemberHit]:
        if not branches or limit <= 0:
            return []
        n = offset + limit
        parts = [select(sq.c.id, sq.c.rank, sq.c.sort_key) for sq in (_branch_select(b, n) for b in branches)]
        hits = union_all(*parts).subquery("hits")
        # a member found by two branches: the row of his best rank (its own sort key)
        numbered = select(
            hits.c.id,
            hits.c.rank,
            hits.c.sort_key,
            func.row_number().over(partition_by=hits.c.id, order_by=hits.c.rank).label("rn"),
        ).subquery("numbered")
        best = select(numbered.c.id, numbered.c.rank, numbered.c.sort_key).where(numbered.c.rn == 1).subquery("best")
        stmt = (
            select(
                Member.id,
                Member.id_number,
                Member.name,
                Member.sex,
                Member.birth_date,
                Member.phone,
                OrgUnit.name,
                best.c.rank,
            )
            .select_from(best)
            .join(Member, Member.id == best.c.id)
            .outerjoin(OrgUnit, OrgUnit.id == Member.unit_id)
            .order_by(best.c.rank, best.c.sort_key, best.c.id)
            .limit(limit)
            .offset(offset)
        )
        return [MemberHit(*row) for row in self.session.execute(stmt)]

    def covers_of(self, member_ids: list[int]) -> list[tuple[Enrollment, Plan]]:
        """Every enrollment of these members with its plan (index on enrollments.member_id)."""
        if not member_ids:
            return []
        rows = self.session.execute(
            select(Enrollment, Plan)
            .join(Plan, Plan.id == Enrollment.plan_id)
            .where(Enrollment.member_id.in_(member_ids))
            .order_by(Enrollment.member_id, Enrollment.cover_start.desc(), Enrollment.id.desc())
        )
        return [(e, p) for e, p in rows]

    def claims_of(self, member_id: int) -> list[Claim]:
        return list(
            self.session.scalars(
                select(Claim).where(Claim.member_id == member_id).order_by(Claim.received_on.desc(), Claim.id.desc())
            )
        )

    def by_id(self, member_id: int) -> Member | None:
        return self.session.get(Member, member_id)

    def by_id_number(self, id_number: str) -> Member | None:
        return self.session.scalar(select(Member).where(Member.id_number == id_number))

    def unit(self, unit_id: int | None) -> OrgUnit | None:
        return self.session.get(OrgUnit, unit_id) if unit_id is not None else None

    def unit_by_code(self, code: str) -> OrgUnit | None:
        return self.session.scalar(select(OrgUnit).where(OrgUnit.code == code))

    def update(self, member: Member, values: dict) -> None:
        """Set columns of a member in one UPDATE (a new ID number brings its reversed copy along)."""
        if "id_number" in values:
            values = {**values, "id_number_rev": values["id_number"][::-1]}
        self.session.execute(update(Member).where(Member.id == member.id).values(**values))
        self.session.refresh(member)
