"""Next year's plan file from this year's: the same rules, one plan year on.

`next_year_text(text)` takes a plan file (TOML, as stored in plans.rules_toml) and returns the text
of the following year's plan, ready for the counter to check and edit (the premium, a rate...):
- the plan year's numbers (those of period_start and period_end) go up by one in `code` and `name`
  (``SL-ZY-2026`` -> ``SL-ZY-2027``, ``（2026年度）`` -> ``（2027年度）``; a code without the year
  gets ``-YYYY`` added, so that it is new) and in the file's comment lines;
- period_start and period_end move one year on (see `next_period`: 29 February included);
- everything else (the rules, the layout, the comments) is kept as written.

Only the lines of those four fields are touched; the result is loaded again and checked.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from mutualaid_desktop.domain.errors import PlanError
from mutualaid_desktop.domain.plan import Plan, load_plan

_YEAR = re.compile(r"(?<![0-9])([0-9]{4})(?![0-9])")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_KEY_LINE = re.compile(r"^(\s*)(code|name|period_start|period_end)(\s*=\s*)(.*)$")
_TABLE_LINE = re.compile(r"^\s*\[")


def _next_boundary(day: date) -> date:
    """`day` one year on, where `day` is the first day of something: 29 February, in a year
    without it, becomes 1 March (the day after 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February -> no such day next year
        return date(day.year + 1, 3, 1)


def next_period(start: date, end: date) -> tuple[date, date]:
    """The plan year after [start, end]: the start one year on, and the end one year on counted
    as "the day before the next period's first day" so that a period ending on the last day of
    February ends on the last day of February next year (28 -> 29 in a leap year, 29 -> 28).

    2027-01-01..2027-12-31 -> 2028-01-01..2028-12-31;
    2027-03-01..2028-02-29 -> 2028-03-01..2029-02-28;
    2026-03-01..2027-02-28 -> 2027-03-01..2028-02-29;
    2028-02-29..2029-02-28 -> 2029-03-01..2030-02-28."""
    return _next_boundary(start), _next_boundary(end + timedelta(days=1)) - timedelta(days=1)


def bump_years(text: str, years: set[int]) -> str:
    """`text` with each four-digit number that is one of `years` increased by one (all at once:
    ``2026-2027`` with years {2026, 2027} becomes ``2027-2028``)."""

    def bump(match: re.Match) -> str:
        year = int(match.group(1))
        return str(year + 1) if year in years else match.group(1)

    return _YEAR.sub(bump, text)


def next_year_code(code: str, years: set[int], new_year: int) -> str:
    """The code with its year(s) bumped; a code without them gets ``-<new_year>`` at its end."""
    bumped = bump_years(code, years)
    return bumped if bumped != code else f"{code}-{new_year}"


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def next_year_text(text: str) -> str:
    """The plan file of the plan year after the one of `text` (a valid plan file; PlanError when it
    is not, or when the file is written in a way that cannot be moved on automatically)."""
    plan = load_plan(text)
    years = {plan.period_start.year, plan.period_end.year}
    new_start, new_end = next_period(plan.period_start, plan.period_end)
    new_code = next_year_code(plan.code, years, new_start.year)
    new_name = bump_years(plan.name, years)
    replacements = {
        "code": _toml_string(new_code),
        "name": _toml_string(new_name),
        "period_start": new_start.isoformat(),
        "period_end": new_end.isoformat(),
    }
    done: set[str] = set()
    lines = text.removeprefix("\ufeff").splitlines(keepends=True)
    out = []
    in_table = False
    for line in lines:
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        if _TABLE_LINE.match(body):
            in_table = True
        stripped = body.lstrip()
        if stripped.startswith("#"):
            out.append(bump_years(body, years) + ending)  # a comment describes the plan: its year too
            continue
        match = None if in_table else _KEY_LINE.match(body)
        if match is None:
            out.append(line)
            continue
        indent, key, equals, rest = match.groups()
        value, comment = _split_comment(rest)
        if key in ("period_start", "period_end"):
            if not _DATE.search(value):
                raise PlanError(key, f"无法自动顺延 {key} 这一行（写法特殊），请手工修改日期", "next_year")
            value = _DATE.sub(replacements[key], value, count=1)
        else:
            value = replacements[key]
        out.append(f"{indent}{key}{equals}{value}{bump_years(comment, years)}{ending}")
        done.add(key)
    result = "".join(out)
    missing = [key for key in replacements if key not in done]
    if missing:
        raise PlanError(missing[0], f"无法自动顺延 {missing[0]} 这一行（写法特殊），请手工修改后保存", "next_year")
    _check(load_plan(result), new_code, new_name, new_start, new_end)
    return result


def _split_comment(rest: str) -> tuple[str, str]:
    """The value part and the trailing comment (with its spaces) of what follows `key =`; a `#`
    inside a quoted string is part of the value."""
    quote = None
    escaped = False
    for i, ch in enumerate(rest):
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\" and quote == '"':
                escaped = True
            elif ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            value = rest[:i].rstrip()
            return value, rest[len(value) :]
    value = rest.rstrip()
    return value, rest[len(value) :]


def _check(plan: Plan, code: str, name: str, start: date, end: date) -> None:
    got = (plan.code, plan.name, plan.period_start, plan.period_end)
    if got != (code, name, start, end):
        raise PlanError(
            None, "下一年度的计划文件没能自动生成（文件写法特殊），请手工修改代码、名称和保障期间", "next_year"
        )


__all__ = ["bump_years", "next_period", "next_year_code", "next_year_text"]
