"""Joiners of a unit's renewal (新增人员, services/renewal/renewal.py): a person typed at the counter, checked as
single enrollment does (`check_joiner`), or the rows of a roster file, read and checked exactly as a roster
import (`roster_joiners`; `table_joiners` for a roster already read, with the columns the clerk assigned):
the bad rows with their reasons, which `export_joiner_bad_rows` saves as .xlsx to hand back to the unit.
`joiner_values` is the one check of a joiner; confirm_renewal runs it again inside its transaction. Nothing
here writes to the database."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.idcard import mask_id_number, parse_id_number
from mutualaid_desktop.services.enrollment.enrollment import (
    PlanChoice,
    age_problem,
    already_covered_message,
    check_enrollment_open,
    enrollment_plan,
    enrollment_unit,
    parse_sex,
    parse_shares,
    sex_problem,
    shares_problem,
)
from mutualaid_desktop.services.enrollment.member_fields import employee_number, member_name, member_note, member_phone
from mutualaid_desktop.services.enrollment.roster_import import (
    BadRow,
    Cancelled,
    Progress,
    RosterError,
    check_roster,
    read_roster_file,
)
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.enrollment_queries import EnrollmentQueries

if TYPE_CHECKING:
    from mutualaid_desktop.io.roster_columns import ColumnMatch
    from mutualaid_desktop.io.roster_reader import RosterTable


@dataclass(frozen=True)
class Joiner:
    """A person to enroll with the unit's renewal, checked (typed, or a good roster row)."""

    id_number: str  # normalised
    name: str
    sex: str
    birth_date: date
    phone: str | None
    employee_no: str | None
    shares: int
    premium: Decimal
    member_id: int | None  # the member on file with this ID number
    member_unit: str | None  # the unit that member belongs to now
    source_row: int | None = None  # the roster row; None when typed
    note: str | None = None

    @property
    def masked_id(self) -> str:
        return mask_id_number(self.id_number)


@dataclass(frozen=True)
class RosterJoiners:
    file_name: str
    rows: int
    good: tuple[Joiner, ...]
    bad: tuple[BadRow, ...]
    notes: tuple[tuple[int, str], ...]
    headers: tuple[str, ...] = ()  # the roster's column headers (for the bad rows saved as a file)
    unit_name: str = ""
    columns: Mapping[str, int] = field(default_factory=dict)  # field -> column index (to show a bad row's cells)


@dataclass(frozen=True)
class KnownPerson:
    """A member on file with the ID number typed for a joiner: the form fills in the name from it."""

    member_id: int
    name: str
    sex: str  # male / female, as stored
    birth_date: date
    unit_name: str | None  # the unit the member belongs to now, when it is not the renewing unit


def find_known_person(db: Database, *, unit_code: str, id_number: str, today: date | None = None) -> KnownPerson | None:
    """The member on file with `id_number` (None for a number not valid yet or not on file). Nothing is written."""
    try:
        person = parse_id_number(str(id_number or ""), today or clock.today())
    except InputError:
        return None  # the form says what is wrong when it is submitted
    with UnitOfWork(db, read_only=True) as uow:
        q = EnrollmentQueries(uow.session)
        unit = enrollment_unit(q, unit_code)
        member = q.member_by_id_number(person.normalized)
        if member is None:
            return None
        other = q.unit_names([member.unit_id]).get(member.unit_id) if member.unit_id not in (None, unit.id) else None
        return KnownPerson(member.id, member.name, member.sex, member.birth_date, other)


def _field(raw, name: str, default=None):
    if isinstance(raw, Mapping):
        return raw.get(name, default)
    return getattr(raw, name, default)


def joiner_values(raw, plan: PlanChoice, today: date) -> tuple[dict, list[tuple[str, str]]]:
    """The checks of single enrollment on one joiner: (values, [(field, problem)])."""
    problems: list[tuple[str, str]] = []
    person = None
    try:
        person = parse_id_number(str(_field(raw, "id_number") or ""), today)
    except InputError as exc:
        problems.append(("id_number", exc.message))
    cleaned: dict = {}
    for key, clean in (
        ("name", member_name),
        ("phone", member_phone),
        ("employee_no", employee_number),
        ("note", member_note),
    ):
        try:
            cleaned[key] = clean(_field(raw, key))
        except InputError as exc:
            problems.append((key, exc.message))
    sex = _field(raw, "sex")
    if sex not in ("male", "female"):
        try:
            sex = parse_sex(sex)
        except InputError as exc:
            problems.append(("sex", exc.message))
            sex = None
    shares = None
    try:
        shares = parse_shares(_field(raw, "shares", 1))
    except InputError as exc:
        problems.append(("shares", exc.message))
    if shares is not None:
        problem = shares_problem(shares, plan)
        if problem:
            problems.append(("shares", problem))
    if person is not None:
        problem = sex_problem(person, sex)
        if problem:
            problems.append(("sex", problem))
        problem = age_problem(person, plan, today)
        if problem:
            problems.append(("id_number", problem))
    if problems or person is None or shares is None:  # no person or no shares: a problem said why
        return {}, problems
    assert person is not None and shares is not None  # no problem: both were read
    return {
        "id_number": person.normalized, "name": cleaned["name"], "sex": person.sex, "birth_date": person.birth_date,
        "phone": cleaned["phone"], "employee_no": cleaned["employee_no"],
        "shares": shares, "premium": plan.premium_per_share * shares,
        "source_row": _field(raw, "source_row"), "note": cleaned["note"],
    }, []  # fmt: skip


def check_joiner(
    db: Database,
    *,
    unit_code: str,
    plan_code: str,
    id_number: str,
    name: str,
    phone: str | None = None,
    sex: str | None = None,
    shares: int | str = 1,
    employee_no: str | None = None,
    today: date | None = None,
) -> Joiner:
    """Check a typed joiner as single enrollment does (nothing is written). Raises InputError
    (with the field to correct) or ServiceError (already covered by the plan)."""
    today = today or clock.today()
    raw = {
        "id_number": id_number,
        "name": name,
        "phone": phone,
        "sex": sex,
        "shares": shares,
        "employee_no": employee_no,
    }
    with UnitOfWork(db, read_only=True) as uow:
        q = EnrollmentQueries(uow.session)
        unit = enrollment_unit(q, unit_code)
        row, plan, _rules = enrollment_plan(q, plan_code)
        check_enrollment_open(plan, today)  # a joiner is a new enrollment: not after the 停止参保日
        values, problems = joiner_values(raw, plan, today)
        if problems:
            field, message = problems[0]
            raise InputError(field, message, field)
        found = q.members_by_id_numbers([values["id_number"]]).get(values["id_number"])
        member_id, member_unit = None, None
        if found is not None:
            member_id = found[0]
            if q.members_with_live_enrollment([member_id], row.id):
                raise ServiceError(already_covered_message(plan))
            if found[2] not in (None, unit.id):
                member_unit = q.unit_names([found[2]]).get(found[2])
            if found[1] != values["name"]:
                values["note"] = "该身份证号码已登记的姓名与填写的不同：续保后保留已登记的姓名，请核对"
        return Joiner(member_id=member_id, member_unit=member_unit, **values)


def roster_joiners(
    db: Database,
    path,
    *,
    unit_code: str,
    plan_code: str,
    today: date | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> RosterJoiners:
    """Joiners from a roster file, read and checked exactly as a roster import (services/roster_import):
    the good rows as Joiners, the bad rows with their reasons. Nothing is written."""
    table = read_roster_file(path, progress=progress, cancelled=cancelled)
    if not table.rows:
        raise RosterError(f"{Path(path).name} 中没有数据，请检查是否选错了文件。")
    return table_joiners(
        db, table, unit_code=unit_code, plan_code=plan_code, today=today, progress=progress, cancelled=cancelled
    )


def table_joiners(
    db: Database,
    table: RosterTable,
    *,
    unit_code: str,
    plan_code: str,
    columns: ColumnMatch | None = None,
    today: date | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> RosterJoiners:
    """Joiners from a roster already read (`columns`: as the clerk assigned them, else found by the headers),
    checked exactly as a roster import. Nothing is written."""
    today = today or clock.today()
    preview = check_roster(
        db, table, unit_code, plan_code, columns=columns, today=today, progress=progress, cancelled=cancelled
    )
    per_share = preview.plan.premium_per_share
    with UnitOfWork(db, read_only=True) as uow:
        q = EnrollmentQueries(uow.session)
        unit = enrollment_unit(q, unit_code)
        existing = q.members_by_id_numbers([g.id_number for g in preview.good if g.member_id is not None])
        names = q.unit_names({m[2] for m in existing.values() if m[2] not in (None, unit.id)})
    notes = dict(preview.notes)
    good = []
    for g in preview.good:
        found = existing.get(g.id_number)
        unit_id = found[2] if found else None
        good.append(
            Joiner(
                id_number=g.id_number,
                name=g.name,
                sex=g.sex,
                birth_date=g.birth_date,
                phone=g.phone,
                employee_no=g.employee_no,
                shares=g.shares,
                premium=per_share * g.shares,
                member_id=g.member_id,
                member_unit=names.get(unit_id) if unit_id is not None else None,
                source_row=g.row,
                note=notes.get(g.row) or g.note,
            )
        )
    return RosterJoiners(
        table.path.name,
        preview.rows,
        tuple(good),
        tuple(preview.bad),
        tuple(preview.notes),
        tuple(preview.headers),
        unit.name,
        dict(preview.columns.mapping),
    )


def export_joiner_bad_rows(found: RosterJoiners, path) -> Path:
    """Save the roster rows that were not added as .xlsx with a 原因 column (io/bad_rows_writer, as the roster
    import does), to hand back to the unit. ServiceError (in Chinese) when the file cannot be written."""
    from mutualaid_desktop.io.bad_rows_writer import write_bad_rows
    from mutualaid_desktop.safe_files import describe_write_error

    rows = [(b.row, b.cells, b.reason) for b in found.bad]
    title = f"{found.unit_name} 名册问题行（{found.file_name}，共 {len(rows)} 行）：请按“原因”改正后重新提交"
    try:
        return write_bad_rows(path, found.headers, rows, title=title)
    except OSError as exc:  # open in Excel, a full disk...: said in Chinese, the previous file unchanged
        raise ServiceError(describe_write_error(path, exc)) from exc
