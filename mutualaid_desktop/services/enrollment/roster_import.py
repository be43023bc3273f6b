"""Roster import (名册导入): a unit's staff roster checked row by row, then imported in one go.

1. `read_roster_file` reads the file (io/roster_reader), `find_columns` finds the columns.
2. `check_roster` checks every row before anything is written and returns a preview: the good
   rows and each bad row with its reasons (invalid ID number, Excel-number ID, name missing, sex
   contradicting the ID number, age outside the plan's limits, a person twice in the file, a
   person already covered by the plan). Full-width digits, spaces and a lowercase x are
   normalised silently (parse_id_number).
3. `import_roster` imports the good rows (or, when the clerk does not accept bad rows, nothing):
   one transaction with bulk inserts, so a crash, a power cut or a cancel leaves the database as it
   was. Existing members are matched by ID number (they keep their data and move to the unit).
   One audit record for the whole import.

A roster is a new enrollment: refused after the plan's 停止参保日 (check_enrollment_open). When the
rest of the cover lies wholly inside the waiting period for some of its people (new members, broken
cover), the preview counts them (`waiting_people`) and the import is refused for a clerk and needs
`waiting_acknowledged` from a supervisor (services/enrollment.check_waiting).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.idcard import mask_id_number, parse_id_number
from mutualaid_desktop.domain.text import to_halfwidth
from mutualaid_desktop.io.roster_columns import FIELDS, REQUIRED, ColumnMatch, field_label, find_columns
from mutualaid_desktop.io.roster_reader import (
    RosterFileError,
    RosterReadCancelled,
    RosterRow,
    RosterTable,
    read_roster,
)
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.enrollment.enrollment import (
    Participation,
    PlanChoice,
    UnitChoice,
    age_problem,
    check_enrollment_open,
    enrollment_plan,
    enrollment_unit,
    parse_sex,
    parse_shares,
    participation,
    sex_problem,
    shares_problem,
)
from mutualaid_desktop.services.enrollment.member_fields import employee_number, member_name, member_note, member_phone
from mutualaid_desktop.services.enrollment.new_enrollments import NewEnrollments, NewPerson
from mutualaid_desktop.services.enrollment.waiting_period import check_waiting, waiting_problem
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.enrollment_queries import EnrollmentQueries

# (done, total, stage) — stage is a short Chinese text for the progress dialog
Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]

INSERT_CHUNK = 5000
CHECK_PROGRESS_EVERY = 5000
_SCIENTIFIC = re.compile(r"^[0-9](\.[0-9]+)?[eE]\+?[0-9]+$")
_DECIMAL_TAIL = re.compile(r"^[0-9]{12,}\.[0-9]+$")

EXCEL_NUMBER_REASON = (
    "身份证号码被 Excel 存成了数字（显示为 {shown}），后几位已丢失，无法恢复：请把该列设为“文本”格式后重新输入完整号码"
)


# For the screens (ui/ imports services, never io/): the fields a roster column may be, with labels.
ROSTER_FIELDS: tuple[tuple[str, str], ...] = tuple((key, label) for key, (label, _) in FIELDS.items())
REQUIRED_FIELDS = REQUIRED
find_roster_columns = find_columns


class RosterError(ServiceError):
    """The roster cannot be read or used (the file, its columns)."""


class ImportCancelled(ServiceError):
    def __init__(self) -> None:
        super().__init__("已取消导入，数据库没有任何改动。")


@dataclass(frozen=True, slots=True)
class GoodRow:
    row: int
    id_number: str
    name: str
    sex: str
    birth_date: date
    phone: str | None
    employee_no: str | None
    shares: int
    note: str | None
    member_id: int | None  # the existing member with this ID number


@dataclass(frozen=True, slots=True)
class BadRow:
    row: int
    cells: tuple[str, ...]
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return "；".join(self.reasons)


@dataclass
class ImportPreview:
    path: Path
    sheet: str | None
    unit: UnitChoice
    plan: PlanChoice
    today: date
    columns: ColumnMatch
    rows: int  # data rows (after the header row, empty ones left out)
    good: list[GoodRow]
    bad: list[BadRow]
    notes: list[tuple[int, str]] = field(default_factory=list)  # (row, text): not refusals
    participation: Participation | None = None
    encoding: str | None = None
    waiting_people: int = 0  # good rows whose whole cover would lie in the waiting period (paid today)

    @property
    def headers(self) -> tuple[str, ...]:
        return self.columns.headers

    @property
    def new_members(self) -> int:
        return sum(1 for r in self.good if r.member_id is None)

    @property
    def existing_members(self) -> int:
        return sum(1 for r in self.good if r.member_id is not None)

    def rejected(self) -> list[dict]:
        return [{"row": b.row, "reason": b.reason} for b in self.bad]


@dataclass(frozen=True)
class ImportResult:
    rows: int
    imported: int
    new_members: int
    existing_members: int
    moved_members: int
    rejected: list[dict]
    enrollment_ids: tuple[int, int] | None  # first and last id of the enrollments created

    def to_json_dict(self) -> dict:
        return {
            "rows": self.rows,
            "imported": self.imported,
            "rejected": self.rejected,
            "new_members": self.new_members,
            "existing_members": self.existing_members,
        }


# --- reading --------------------------------------------------------------------------------


def read_roster_file(path, *, progress: Progress | None = None, cancelled: Cancelled | None = None) -> RosterTable:
    """Read a roster file. Raises RosterError (unreadable) or ImportCancelled."""
    report = (lambda done, total: progress(done, total, "读取文件")) if progress else None
    try:
        return read_roster(path, progress=report, cancelled=cancelled)
    except RosterFileError as exc:
        raise RosterError(exc.message) from exc
    except RosterReadCancelled:
        raise ImportCancelled() from None


# --- checking -------------------------------------------------------------------------------


def excel_number_shown(text: str, stored_as_number: bool) -> str | None:
    """What Excel shows for an ID number it turned into a number, or None if it is text."""
    if stored_as_number:
        digits = text.split(".")[0].lstrip("-")
        if len(digits) > 15 or "." in text or "E" in text.upper():
            return mask_id_number(digits) if len(digits) >= 15 else text  # never a whole ID number
        return None
    compact = "".join(to_halfwidth(text).split())
    if _SCIENTIFIC.match(compact):
        return compact
    if _DECIMAL_TAIL.match(compact):
        return mask_id_number(compact.split(".")[0]) + "." + compact.split(".")[1]
    return None


def check_roster(
    db: Database,
    table: RosterTable,
    unit_code: str,
    plan_code: str,
    *,
    columns: ColumnMatch | None = None,
    today: date | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportPreview:
    """Check every row of `table` for the unit and plan; nothing is written."""
    today = today or clock.today()
    columns = columns or find_columns(table.rows)
    if not columns.complete:
        missing = "、".join(field_label(k) for k in columns.missing)
        raise RosterError(f"名册中找不到“{missing}”列。请确认表头有“姓名”和“身份证号码”，或在列对应窗口中指定。")
    with UnitOfWork(db, read_only=True) as uow:
        q = EnrollmentQueries(uow.session)
        unit_row = enrollment_unit(q, unit_code)
        plan_row, plan, rules = enrollment_plan(q, plan_code)
        check_enrollment_open(plan, today)
        unit = UnitChoice(unit_row.code, unit_row.name, unit_row.headcount)
        plan_id = plan_row.id

    data = table.rows[columns.header_index + 1 :] if columns.header_index is not None else table.rows
    col = columns.mapping
    c_name, c_id = col.get("name"), col.get("id_number")
    total = len(data)
    say = progress or (lambda *_: None)
    say(0, total, "检查各行")

    candidates: list[tuple[RosterRow, list[str], dict]] = []
    first_row_of: dict[str, int] = {}
    rows = 0
    for position, row in enumerate(data, start=1):
        if position % CHECK_PROGRESS_EVERY == 0:
            if cancelled is not None and cancelled():
                raise ImportCancelled()
            say(position, total, "检查各行")
        raw_id, raw_name = row.cell(c_id), row.cell(c_name)
        if not raw_id and not raw_name:
            continue  # a numbered empty line of a template, a footer ("制表人：…")
        rows += 1
        reasons, values = _check_row(row, raw_id, raw_name, col, plan, today, first_row_of)
        candidates.append((row, reasons, values))

    if cancelled is not None and cancelled():
        raise ImportCancelled()
    say(total, total, "核对已有会员")
    numbers = [v["id_number"] for _, reasons, v in candidates if v and not reasons]
    with UnitOfWork(db, read_only=True) as uow:
        q = EnrollmentQueries(uow.session)
        existing = q.members_by_id_numbers(numbers)
        covered = q.members_with_live_enrollment([m[0] for m in existing.values()], plan_id)
        start = rules.cover_start(today)
        previous = q.previous_cover_ends([m[0] for m in existing.values()], plan.kind, start)

    good, bad, notes = _sorted_rows(candidates, existing, covered, plan)
    waiting = 0
    if waiting_problem(start, plan.period_end, plan.waiting_days, continuous=False, plan_name=plan.name):
        waiting = sum(
            1 for g in good if g.member_id is None or not rules.is_continuous(previous.get(g.member_id), start)
        )
    try:
        rate = participation(db, unit.code, plan.code, extra=len(good))
    except ServiceError:
        rate = None
    return ImportPreview(
        path=table.path, sheet=table.sheet, unit=unit, plan=plan, today=today, columns=columns,
        rows=rows, good=good, bad=bad, notes=notes, participation=rate, encoding=table.encoding,
        waiting_people=waiting,
    )  # fmt: skip


def _check_row(
    row: RosterRow,
    raw_id: str,
    raw_name: str,
    col: dict[str, int],
    plan: PlanChoice,
    today: date,
    first_row_of: dict[str, int],
) -> tuple[list[str], dict]:
    """check_roster's checks of one (not empty) row: (reasons it is refused, its values; empty without
    a valid ID number). `first_row_of` (ID number -> first row) finds a person twice in the file."""
    c_id, c_sex = col.get("id_number"), col.get("sex")
    c_phone, c_emp, c_shares, c_note = col.get("phone"), col.get("employee_no"), col.get("shares"), col.get("note")
    reasons: list[str] = []
    values: dict = {}
    person = None
    shown = excel_number_shown(raw_id, c_id in row.numeric)
    if not raw_id:
        reasons.append("缺少身份证号码")
    elif shown is not None:
        reasons.append(EXCEL_NUMBER_REASON.format(shown=shown))
    else:
        try:
            person = parse_id_number(raw_id, today)
        except InputError as exc:
            reasons.append(f"身份证号码有误：{exc.message}")
    name = None
    if not raw_name.strip():
        reasons.append("姓名为空，请填写姓名")
    else:
        try:
            name = member_name(raw_name)
        except InputError as exc:
            reasons.append(exc.message)
    cells = {}
    for key, column, clean in (
        ("phone", c_phone, member_phone),
        ("employee_no", c_emp, employee_number),
        ("note", c_note, member_note),
    ):
        try:
            cells[key] = clean(row.cell(column))
        except InputError as exc:
            reasons.append(exc.message)
    sex = None
    if c_sex is not None:
        try:
            sex = parse_sex(row.cell(c_sex))
        except InputError as exc:
            reasons.append(exc.message)
    shares: int | None = 1
    if c_shares is not None:
        try:
            shares = parse_shares(row.cell(c_shares))
        except InputError as exc:
            reasons.append(exc.message)
            shares = None
    if shares is not None:
        problem = shares_problem(shares, plan)
        if problem:
            reasons.append(problem)
    if person is not None:
        for problem in (sex_problem(person, sex), age_problem(person, plan, today)):
            if problem:
                reasons.append(problem)
        first = first_row_of.setdefault(person.normalized, row.number)
        if first != row.number:
            reasons.append(f"与第 {first} 行是同一人（身份证号码相同），同一人只能导入一次")
        values = {
            "id_number": person.normalized, "name": name, "sex": person.sex, "birth_date": person.birth_date,
            "phone": cells.get("phone"), "employee_no": cells.get("employee_no"), "shares": shares,
            "note": cells.get("note"),
        }  # fmt: skip
    return reasons, values


def _sorted_rows(
    candidates: list[tuple[RosterRow, list[str], dict]],
    existing: dict[str, tuple[int, str, int | None]],
    covered: set[int],
    plan: PlanChoice,
) -> tuple[list[GoodRow], list[BadRow], list[tuple[int, str]]]:
    """check_roster's checked rows as (good, bad, notes): a member already covered by the plan is bad;
    a member on file under another name is good, with a note."""
    good: list[GoodRow] = []
    bad: list[BadRow] = []
    notes: list[tuple[int, str]] = []
    for row, reasons, values in candidates:
        member = existing.get(values["id_number"]) if values and not reasons else None
        if member is not None and member[0] in covered:
            reasons.append(f"已参加本计划（{plan.name}），不能重复参保")
        if reasons:
            bad.append(BadRow(row.number, row.cells, tuple(reasons)))
            continue
        if member is not None and member[1] != values["name"]:
            notes.append(
                (
                    row.number,
                    f"身份证号码 {mask_id_number(values['id_number'])} 已登记的姓名与名册上的不同："
                    "导入后保留已登记的姓名，请核对",
                )
            )
        good.append(GoodRow(row=row.number, member_id=member[0] if member else None, **values))
    return good, bad, notes


def preview_roster(
    db: Database,
    path,
    unit_code: str,
    plan_code: str,
    *,
    today: date | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportPreview:
    """Read and check a roster file, columns found by their headers."""
    table = read_roster_file(path, progress=progress, cancelled=cancelled)
    if not table.rows:
        raise RosterError(f"{Path(path).name} 中没有数据，请检查是否选错了文件。")
    return check_roster(db, table, unit_code, plan_code, today=today, progress=progress, cancelled=cancelled)


# --- importing ------------------------------------------------------------------------------


def import_roster(
    db: Database,
    user: UserInfo,
    preview: ImportPreview,
    *,
    skip_bad: bool = False,
    waiting_acknowledged: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportResult:
    """Import the preview's good rows in one transaction. With bad rows and not `skip_bad`,
    nothing is imported (ServiceError). Raises ImportCancelled when cancelled (rolled back).
    People whose whole cover would lie in the waiting period: refused for a clerk, imported by a
    supervisor only with `waiting_acknowledged` (else WaitingConfirmationNeeded); nothing written."""
    require(user, "enroll")
    _check_importable(preview, skip_bad)
    say = progress or (lambda *_: None)
    stop = cancelled or (lambda: False)
    total = len(preview.good)
    today = preview.today
    with UnitOfWork(db, user=user) as uow:
        q = EnrollmentQueries(uow.session)
        unit = enrollment_unit(q, preview.unit.code)
        plan_row, plan, rules = enrollment_plan(q, preview.plan.code)
        check_enrollment_open(plan, today)
        say(0, total, "核对已有会员")
        # Read again inside the transaction (it holds the write lock): another counter may have
        # enrolled someone since the preview.
        existing = q.members_by_id_numbers([r.id_number for r in preview.good])
        member_ids = [m[0] for m in existing.values()]
        _check_not_covered(q, member_ids, plan_row.id)
        start = rules.cover_start(today)
        previous = q.previous_cover_ends(member_ids, plan.kind, start)

        def continuing(found: tuple[int, str, int | None] | None) -> bool:
            return found is not None and rules.is_continuous(previous.get(found[0]), start)

        waiting = _check_waiting_people(user, plan, start, preview, existing, continuing, waiting_acknowledged)
        batch = NewEnrollments(
            uow,
            plan_id=plan_row.id,
            unit_id=unit.id,
            premium_per_share_fen=plan_row.premium_per_share_fen,
            created_by=user.id,
        )
        moves = _enroll_rows(batch, preview, existing, unit.id, continuing)

        def check_cancel() -> None:
            if stop():
                raise ImportCancelled()

        batch.write(
            chunk=INSERT_CHUNK,
            before_chunk=check_cancel,
            after_chunk=lambda done, steps: say(done * total // max(steps, 1), total, "写入数据库"),
        )
        q.update_members({member_id: {"unit_id": unit_id} for member_id, unit_id in moves.items()})
        result = _import_result(preview, batch, moves)
        _audit_import(uow, unit.id, unit.code, plan.code, preview, result, waiting)
        if stop():
            raise ImportCancelled()
        say(total, total, "提交")
        uow.commit()
    return result


def _check_not_covered(q: EnrollmentQueries, member_ids: list[int], plan_id: int) -> None:
    """Refuses the import when someone of the roster was enrolled in the plan since the preview."""
    covered = q.members_with_live_enrollment(member_ids, plan_id)
    if covered:
        raise ServiceError(f"检查名册之后，其中 {len(covered)} 人已在别处办理了本计划的参保。请重新检查名册后再导入。")


def _check_waiting_people(
    user: UserInfo,
    plan: PlanChoice,
    start: date,
    preview: ImportPreview,
    existing: dict[str, tuple[int, str, int | None]],
    continuing: Callable[[tuple[int, str, int | None] | None], bool],
    acknowledged: bool,
) -> int:
    """How many people would start their cover wholly inside the waiting period (check_waiting
    refuses them for a clerk, and for a supervisor without `acknowledged`)."""
    waiting = 0
    if waiting_problem(start, plan.period_end, plan.waiting_days, continuous=False, plan_name=plan.name):
        # everyone who is new or not continuing a cover starts with a waiting period
        waiting = sum(1 for r in preview.good if not continuing(existing.get(r.id_number)))
        if waiting:
            check_waiting(user, plan, start, people=waiting, acknowledged=acknowledged)
    return waiting


def _import_result(preview: ImportPreview, batch: NewEnrollments, moves: dict[int, int]) -> ImportResult:
    """What import_roster tells the counter: rows, people imported, new, existing and moved members."""
    return ImportResult(
        rows=preview.rows,
        imported=len(batch.enrollments),
        new_members=len(batch.members),
        existing_members=len(batch.enrollments) - len(batch.members),
        moved_members=len(moves),
        rejected=preview.rejected(),
        enrollment_ids=(batch.enrollment_ids[0], batch.enrollment_ids[-1]),
    )


def _check_importable(preview: ImportPreview, skip_bad: bool) -> None:
    """Refuses a roster with bad rows (unless only the good rows are wanted) or with no good row."""
    if preview.bad and not skip_bad:
        raise ServiceError(
            f"名册有 {len(preview.bad)} 行有问题，没有导入任何数据。请改正后重新导入，或选择只导入有效行。"
        )
    if not preview.good:
        raise ServiceError("名册中没有可以导入的有效行。")


def _enroll_rows(
    batch: NewEnrollments,
    preview: ImportPreview,
    existing: dict[str, tuple[int, str, int | None]],
    unit_id: int,
    continuing: Callable[[tuple[int, str, int | None]], bool],
) -> dict[int, int]:
    """Adds a new member (when not known) and an enrollment for every good row; returns the known
    members who move to the roster's unit (member id → unit id)."""
    moves: dict[int, int] = {}
    for r in preview.good:
        found = existing.get(r.id_number)
        if found is None:
            member_id = batch.new_member(
                NewPerson(r.id_number, r.name, r.sex, r.birth_date, r.phone, r.employee_no, r.note)
            )
            is_continuous = False
        else:
            member_id = found[0]
            if found[2] != unit_id:
                moves[member_id] = unit_id
            is_continuous = continuing(found)
        batch.enroll(member_id, r.shares, continuous=is_continuous)
    return moves


def _audit_import(
    uow: UnitOfWork,
    unit_id: int,
    unit_code: str,
    plan_code: str,
    preview: ImportPreview,
    result: ImportResult,
    waiting: int,
) -> None:
    uow.audit(
        "roster.import",
        "org_unit",
        unit_id,
        after={
            "unit": unit_code, "plan": plan_code, "file": preview.path.name, "rows": result.rows,
            "imported": result.imported, "new_members": result.new_members,
            "existing_members": result.existing_members, "moved_members": result.moved_members,
            "rejected": len(preview.bad), "enrollment_ids": list(result.enrollment_ids or ()),
            **({"waiting_acknowledged": waiting} if waiting else {}),
        },
    )  # fmt: skip


def enrollment_ids_of(result: ImportResult) -> list[int]:
    """The ids of the enrollments an import created (for the payment dialog)."""
    if not result.enrollment_ids:
        return []
    first, last = result.enrollment_ids
    return list(range(first, last + 1))


def bad_rows_for_export(preview: ImportPreview) -> tuple[Sequence[str], list[tuple[int, Sequence[str], str]]]:
    return preview.headers, [(b.row, b.cells, b.reason) for b in preview.bad]


def export_bad_rows(preview: ImportPreview, path) -> Path:
    """Save the bad rows as .xlsx with a 原因 column, to hand back to the unit."""
    from mutualaid_desktop.io.bad_rows_writer import write_bad_rows

    headers, rows = bad_rows_for_export(preview)
    title = f"{preview.unit.name} 名册问题行（{preview.path.name}，共 {len(rows)} 行）：请按“原因”改正后重新提交"
    try:
        return write_bad_rows(path, headers, rows, title=title)
    except OSError as exc:  # open in Excel, a full disk...: said in Chinese, the previous file unchanged
        from mutualaid_desktop.safe_files import describe_write_error

        raise ServiceError(describe_write_error(path, exc)) from exc
