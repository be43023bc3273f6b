"""Yearly targets (年度目标) of the counties and the city, and the 百万县区 thresholds.

A target is set per county (县区总工会) or for the city (市总工会) and year: 参保金额 (premiums, yuan),
参保人次 (enrollments) and 覆盖率 (coverage, a percentage with at most 2 decimals). A grassroots unit
has no target. Set in 设置 → 目标 or on the command line (`set_target`), or for many counties at
once from an .xlsx (`import_targets`, all rows or none). Clearing a figure stores NULL; a target row
is never deleted. Every change is audited with what it was before and after.

The 百万县区 / 两百万县区 thresholds are two counter settings (`stats.million_fen`,
`stats.two_million_fen`; defaults 1,000,000 and 2,000,000 yuan), read and written only here
(`million_thresholds`, `read_million_thresholds` inside an open unit of work, `set_million_thresholds`);
they are read with the counter settings' reader (admin/counter_setup.int_setting).

Who may: `set_targets` (主管, 管理员) changes; everyone reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.money import from_fen, parse_amount, to_fen
from mutualaid_desktop.domain.text import clean_text, code_text, shorten
from mutualaid_desktop.io.roster_columns import HEADER_SEARCH_ROWS, normalize_header
from mutualaid_desktop.io.roster_reader import RosterFileError, RosterRow, read_roster
from mutualaid_desktop.services.admin.counter_setup import int_setting
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import NotFound, ServiceError
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.limits import text_limit
from mutualaid_desktop.store.models import OrgUnit, StatTarget
from mutualaid_desktop.store.org_queries import OrgQueries
from mutualaid_desktop.store.repositories import SettingRepository
from mutualaid_desktop.store.target_queries import TargetQueries

ENTITY = "stat_target"
MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_ENROLLMENTS = 100_000_000
MILLION_KEY = "stats.million_fen"
TWO_MILLION_KEY = "stats.two_million_fen"
DEFAULT_MILLION_FEN = 100_000_000  # 1,000,000 yuan
DEFAULT_TWO_MILLION_FEN = 200_000_000
FIGURES = ("premiums_fen", "enrollments", "coverage_bp")  # the columns of stat_targets a target sets
LABELS = {
    "code": "县区代码",
    "premiums_fen": "参保金额目标",
    "enrollments": "参保人次目标",
    "coverage_bp": "覆盖率目标",
}
_MAX_CODE = text_limit(OrgUnit.code)
_PERCENT = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_BASIS_POINT = Decimal("0.01")


@dataclass(frozen=True)
class TargetRow:
    """A county's (or the city's) target for a year; a figure not set is None."""

    year: int
    unit_code: str
    unit_name: str
    kind: str  # city | county
    premiums: Decimal | None  # yuan, two places
    enrollments: int | None
    coverage: Decimal | None  # percent, two places: 85.50 means 85.50 %
    unit_id: int | None = None

    @property
    def has_target(self) -> bool:
        return any(value is not None for value in (self.premiums, self.enrollments, self.coverage))

    def to_json_dict(self) -> dict:
        return {
            "code": self.unit_code,
            "name": self.unit_name,
            "kind": self.kind,
            "premiums": None if self.premiums is None else f"{self.premiums:.2f}",
            "enrollments": self.enrollments,
            "coverage": None if self.coverage is None else f"{self.coverage:.2f}",
        }


@dataclass(frozen=True)
class TargetImport:
    rows: int  # the counties (and the city) in the file
    changed: int  # of them, the targets that changed


# --- reading ----------------------------------------------------------------------------------


def _row(year: int, unit: OrgUnit, target: StatTarget | None) -> TargetRow:
    def value(name: str):
        return None if target is None else getattr(target, name)

    premiums, coverage = value("premiums_fen"), value("coverage_bp")
    return TargetRow(
        year=year,
        unit_code=unit.code,
        unit_name=unit.name,
        kind=unit.kind,
        premiums=None if premiums is None else from_fen(premiums),
        enrollments=value("enrollments"),
        coverage=None if coverage is None else from_fen(coverage),  # hundredths, like fen
        unit_id=unit.id,
    )


def list_targets(db: Database, year: int) -> list[TargetRow]:
    """The city and every county of the tree (the inactive ones only while they have a target row for
    `year`), city first, then the counties by code, each with its target for `year` or none."""
    year = _year(year)
    with UnitOfWork(db, read_only=True) as uow:
        q = TargetQueries(uow.session)
        targets = q.targets(year)
        return [_row(year, unit, targets.get(unit.id)) for unit in q.target_units(year)]


def target_for(db: Database, year: int) -> dict[int, TargetRow]:
    """unit id -> its TargetRow for `year`, for the city and every county (figures None where none is set)."""
    return {row.unit_id: row for row in list_targets(db, year) if row.unit_id is not None}


# --- checking what is typed or imported -------------------------------------------------------


def _year(year: object) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ServiceError(f"年度应在 {MIN_YEAR} 到 {MAX_YEAR} 之间，现在是 {year}，请改正。")
    return year


def _text(value: object, name: str) -> str | None:
    """A figure as text (the one cleaner: hidden characters refused); None when empty."""
    return clean_text(value, field=name, label=LABELS[name], limit=40)


def _premiums_fen(value: object) -> int | None:
    text = _text(value, "premiums_fen")
    return None if text is None else to_fen(parse_amount(text, LABELS["premiums_fen"]))


def _enrollments(value: object) -> int | None:
    text = _text(value, "enrollments")
    if text is None:
        return None
    digits = text.replace(",", "")
    if not (digits.isascii() and digits.isdigit()):
        raise ServiceError(f"参保人次目标应为整数，如 12000，现在是「{shorten(text)}」，请改正。")
    number = int(digits)
    if number > MAX_ENROLLMENTS:
        raise ServiceError(f"参保人次目标 {number:,} 过大，请检查是否多输了数字。")
    return number


def _coverage_bp(value: object) -> int | None:
    """A percentage (85.5, 85.5 %, ８５．５％) as hundredths of a percent (8550)."""
    text = _text(value, "coverage_bp")
    if text is None:
        return None
    number_text = text.replace("。", ".").removesuffix("%").strip()
    if not _PERCENT.fullmatch(number_text):
        raise ServiceError(f"覆盖率目标应为百分数，如 85.5（表示 85.5%），现在是「{shorten(text)}」，请改正。")
    number = Decimal(number_text)
    if number > 100:
        raise ServiceError(f"覆盖率目标应在 0 到 100 之间（百分数），现在是 {shorten(text)}，请改正。")
    if number != number.quantize(_BASIS_POINT):
        raise ServiceError(f"覆盖率目标「{shorten(text)}」最多两位小数，如 85.55，请改正。")
    return int(number * 100)


_PARSERS: dict[str, Callable[[object], int | None]] = {
    "premiums_fen": _premiums_fen,
    "enrollments": _enrollments,
    "coverage_bp": _coverage_bp,
}


def _target_unit(q: OrgQueries, code: str) -> OrgUnit:
    unit = q.by_code(code)
    if unit is None:
        raise NotFound(f"没有代码为 {code} 的县区总工会或市总工会，请核对县区代码。")
    if unit.kind not in ("city", "county"):
        raise ServiceError(f"「{unit.name}」是基层工会；年度目标只设给县区总工会和市总工会，请填写县区总工会的代码。")
    return unit


# --- setting ----------------------------------------------------------------------------------


def _view(year: int, code: str, target: StatTarget | None) -> dict:
    def value(name: str):
        return None if target is None else getattr(target, name)

    premiums, coverage = value("premiums_fen"), value("coverage_bp")
    return {
        "year": year,
        "unit": code,
        "premiums": None if premiums is None else f"{from_fen(premiums):.2f}",
        "enrollments": value("enrollments"),
        "coverage": None if coverage is None else f"{from_fen(coverage):.2f}",
    }


def _apply(
    q: TargetQueries, user: UserInfo, unit: OrgUnit, year: int, figures: dict
) -> tuple[StatTarget | None, dict, dict]:
    """Set `figures` (column -> value, None clears) of the unit's target for `year`: (the row, before, after).
    A target that does not exist and would be empty is not made."""
    target = q.target(year, unit.id)
    before = _view(year, unit.code, target)
    if target is None:
        if all(value is None for value in figures.values()):
            return None, before, before
        target = q.add(StatTarget(year=year, unit_id=unit.id, updated_by=user.id))
    for name, value in figures.items():
        setattr(target, name, value)
    after = _view(year, unit.code, target)
    if after != before:
        target.updated_at = clock.utcnow()
        target.updated_by = user.id
        q.flush()
    return target, before, after


def set_target(
    db: Database,
    user: UserInfo,
    *,
    year: int,
    unit_code: str,
    premiums: object = None,
    enrollments: object = None,
    coverage: object = None,
) -> TargetRow:
    """Set the target of a county (or the city) for `year`: premiums in yuan ("1,200,000.50", at most 2
    decimals), enrollments (a whole number), coverage (a percentage: "85.5" or "85.5%"). A figure left
    None stays as it is; an empty text clears it. Audited (target.set) when something changed."""
    if premiums is None and enrollments is None and coverage is None:
        require(user, "set_targets")
        raise ServiceError("请至少填写一项目标：参保金额、参保人次或覆盖率。")
    [row] = set_targets(db, user, year=year, targets={unit_code: (premiums, enrollments, coverage)})
    return row


def set_targets(
    db: Database, user: UserInfo, *, year: int, targets: Mapping[str, tuple[object, object, object]]
) -> list[TargetRow]:
    """Several targets of `year` in one go (设置 → 目标's 保存): unit code -> (premiums, enrollments,
    coverage) as set_target takes them. All or nothing: a bad figure or unit is refused, naming the
    county when known, and nothing is written. Each target that changed is audited (target.set)."""
    require(user, "set_targets")
    year = _year(year)
    parsed = []
    for unit_code, values in targets.items():
        code = code_text(unit_code, field="unit_code", label="县区代码", limit=_MAX_CODE)
        assert code is not None
        given = dict(zip(FIGURES, values, strict=True))
        try:
            figures = {name: _PARSERS[name](value) for name, value in given.items() if value is not None}
        except (InputError, ServiceError) as exc:
            if len(targets) == 1:
                raise
            raise ServiceError(f"{code}：{exc.message}") from exc  # which of the rows
        parsed.append((code, figures))
    rows = []
    with UnitOfWork(db, user=user) as uow:
        q, units = TargetQueries(uow.session), OrgQueries(uow.session)
        for code, figures in parsed:
            unit = _target_unit(units, code)
            target, before, after = _apply(q, user, unit, year, figures)
            if after != before:
                assert target is not None
                uow.audit("target.set", ENTITY, target.id, before=before, after=after)
            rows.append(_row(year, unit, target))
        uow.commit()
    return rows


# --- importing --------------------------------------------------------------------------------

_HEADERS = {
    "code": ("县区代码", "单位代码", "县区编码", "单位编码", "代码", "编码"),
    "premiums_fen": ("参保金额目标", "金额目标", "互助金目标", "参保金额"),
    "enrollments": ("参保人次目标", "人次目标", "参保人次"),
    "coverage_bp": ("覆盖率目标", "覆盖率"),
}
_HEADER_LOOKUP = {normalize_header(h): key for key, headers in _HEADERS.items() for h in headers}
_FORMULA_STARTS = ("=", "+", "@")
_LISTED_ROWS = 30  # bad rows named in the message; the rest are counted


def _find_header(rows: list[RosterRow], name: str) -> tuple[int, dict[str, int]]:
    """(index of the header row, column -> index): the row among the first that names the most columns,
    its headers read as the roster import reads its own (io/roster_columns.normalize_header)."""
    best: tuple[int, dict[str, int]] | None = None
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        mapping: dict[str, int] = {}
        for column, header in enumerate(row.cells):
            key = _HEADER_LOOKUP.get(normalize_header(header)) if header else None
            if key is not None and key not in mapping:
                mapping[key] = column
        if mapping and (best is None or len(mapping) > len(best[1])):
            best = index, mapping
    if best is None or "code" not in best[1]:
        raise ServiceError(
            f"{name} 中找不到“县区代码”列。请在表头写“县区代码”（或“单位代码”），"
            "以及“参保金额目标”“参保人次目标”“覆盖率目标”中至少一列。"
        )
    if not set(best[1]) & set(FIGURES):
        raise ServiceError(f"{name} 中找不到目标列。请在表头写“参保金额目标”“参保人次目标”或“覆盖率目标”。")
    return best


def _formula_like(text: str, key: str) -> str | None:
    if text.startswith(_FORMULA_STARTS):
        return f"{LABELS[key]}「{shorten(text, 20)}」以「{text[0]}」开头，像是公式；请只填写代码或数字"
    return None


def _row_figures(row: RosterRow, mapping: dict[str, int], reasons: list[str]) -> dict:
    """The figures of a file row (an empty cell leaves that figure as it is), their problems into `reasons`."""
    figures: dict = {}
    for key in FIGURES:
        column = mapping.get(key)
        text = row.cell(column)
        if not text:
            continue
        problem = _formula_like(text, key)
        if problem:
            reasons.append(problem)
            continue
        try:
            figures[key] = _PARSERS[key](text)
        except (InputError, ServiceError) as exc:
            reasons.append(exc.message)
            continue
        if key == "coverage_bp" and column in row.numeric and 0 < figures[key] <= 100:
            reasons.append(f"覆盖率目标「{text}」像是小数形式的百分比；请写成百分数，如 85.5 表示 85.5%")
    return figures


def _row_unit(text: str, units: OrgQueries, reasons: list[str]) -> OrgUnit | None:
    if not text:
        reasons.append("缺少县区代码（合计行、说明行请删去）")
        return None
    problem = _formula_like(text, "code")
    if problem:
        reasons.append(problem)
        return None
    try:
        code = code_text(text, field="code", label="县区代码", limit=_MAX_CODE)
        assert code is not None
        return _target_unit(units, code)
    except (InputError, ServiceError) as exc:
        reasons.append(exc.message)
        return None


def _check_rows(table_rows: list[RosterRow], mapping: dict[str, int], units: OrgQueries):
    """(good rows as (unit, figures), bad rows as (row number, reasons))."""
    good: list[tuple[OrgUnit, dict]] = []
    bad: list[tuple[int, list[str]]] = []
    first_row_of: dict[int, int] = {}
    for row in table_rows:
        if not any(row.cell(column) for column in mapping.values()):
            continue  # an empty line, a note beside the table
        reasons: list[str] = []
        unit = _row_unit(row.cell(mapping["code"]), units, reasons)
        figures = _row_figures(row, mapping, reasons)
        if unit is not None:
            first = first_row_of.setdefault(unit.id, row.number)
            if first != row.number:
                reasons.append(f"与第 {first} 行重复（同一县区只能有一行）")
            if not figures and not reasons:
                reasons.append("没有填写任何目标")
        if reasons:
            bad.append((row.number, reasons))
        elif unit is not None:
            good.append((unit, figures))
    return good, bad


def _refusal(name: str, bad: list[tuple[int, list[str]]]) -> ServiceError:
    lines = [f"第 {number} 行：{'；'.join(reasons)}" for number, reasons in bad[:_LISTED_ROWS]]
    if len(bad) > _LISTED_ROWS:
        lines.append(f"……另有 {len(bad) - _LISTED_ROWS} 行有问题。")
    return ServiceError(
        f"{name} 中有 {len(bad)} 行有问题，没有导入任何目标。请改正这些行后重新导入：\n" + "\n".join(lines)
    )


def import_targets(db: Database, user: UserInfo, path: str | Path, *, year: int) -> TargetImport:
    """The targets of `year` from a file with the columns 县区代码 (or 单位代码) and 参保金额目标,
    参保人次目标, 覆盖率目标 (at least one), read by the roster reader (io/roster_reader: the same
    limits). Every row is checked first; with any bad row nothing is written and the message lists
    the rows and what to fix. An empty cell leaves that figure as it is. One audit record (target.import)."""
    require(user, "set_targets", "导入年度目标")
    year = _year(year)
    path = Path(path)
    try:
        table = read_roster(path)
    except RosterFileError as exc:
        raise ServiceError(exc.message) from exc
    header, mapping = _find_header(table.rows, path.name)
    with UnitOfWork(db, user=user) as uow:
        good, bad = _check_rows(table.rows[header + 1 :], mapping, OrgQueries(uow.session))
        if bad:
            raise _refusal(path.name, bad)
        if not good:
            raise ServiceError(f"{path.name} 中表头下面没有目标行，没有导入任何目标。")
        q = TargetQueries(uow.session)
        changes = []
        for unit, figures in good:
            _target, before, after = _apply(q, user, unit, year, figures)
            if after != before:
                changes.append({"before": before, "after": after})
        uow.audit(
            "target.import",
            ENTITY,
            None,
            after={"year": year, "file": path.name, "rows": len(good), "targets": changes},
        )
        uow.commit()
    return TargetImport(rows=len(good), changed=len(changes))


# --- the 百万县区 thresholds -------------------------------------------------------------------


def read_premium_targets(session, year: int) -> dict[int, Decimal]:
    """The yearly premium targets of `year` set so far, in yuan, by unit id (counties and the city), inside an
    open unit of work."""
    return {
        unit_id: from_fen(target.premiums_fen)
        for unit_id, target in TargetQueries(session).targets(year).items()
        if target.premiums_fen is not None
    }


def read_million_thresholds(session) -> tuple[Decimal, Decimal]:
    """(百万县区, 两百万县区) thresholds in yuan, inside an open unit of work."""
    settings = SettingRepository(session)
    return (
        from_fen(int_setting(settings.get(MILLION_KEY), DEFAULT_MILLION_FEN)),
        from_fen(int_setting(settings.get(TWO_MILLION_KEY), DEFAULT_TWO_MILLION_FEN)),
    )


def million_thresholds(db: Database) -> tuple[Decimal, Decimal]:
    with UnitOfWork(db, read_only=True) as uow:
        return read_million_thresholds(uow.session)


def _threshold(value: object, label: str) -> Decimal:
    text = clean_text(value, field="threshold", label=label, limit=40, required=True)
    amount = parse_amount(text, label)
    if amount <= 0:
        raise ServiceError(f"{label}应大于 0 元，请填写金额，如 1000000。")
    return amount


def set_million_thresholds(db: Database, user: UserInfo, first: object, second: object) -> tuple[Decimal, Decimal]:
    """Set the 百万县区 and 两百万县区 thresholds (yuan); the second must be above the first. Audited."""
    require(user, "set_targets", "修改百万县区门槛")
    million = _threshold(first, "百万县区门槛")
    two_million = _threshold(second, "两百万县区门槛")
    if two_million <= million:
        raise ServiceError(
            f"两百万县区门槛应高于百万县区门槛：现在 {two_million:,.2f} 元不高于 {million:,.2f} 元，请改正。"
        )
    with UnitOfWork(db, user=user) as uow:
        old = read_million_thresholds(uow.session)
        settings = SettingRepository(uow.session)
        settings.put(MILLION_KEY, str(to_fen(million)))
        settings.put(TWO_MILLION_KEY, str(to_fen(two_million)))
        uow.audit(
            "settings.million_thresholds",
            "setting",
            "million_thresholds",
            before={"million": f"{old[0]:.2f}", "two_million": f"{old[1]:.2f}"},
            after={"million": f"{million:.2f}", "two_million": f"{two_million:.2f}"},
        )
        uow.commit()
    return million, two_million
