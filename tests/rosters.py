"""Helpers for the enrollment and roster-import tests: a counter with a unit and plans, and
roster files written the way units write them (title row, full-width digits, Excel numbers...)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from mutualaid_desktop.domain.idcard import make_id_number
from mutualaid_desktop.paths import resources_dir

TODAY = date(2026, 12, 1)  # planned cover start of the 2027 plans: 2027-01-01
PLAN = "SL-ZY-2027"
CRITICAL = "ZB-ZJ-2027"
UNIT = "U001"
UNIT_NAME = "商州区第一中学工会"
OTHER_UNIT = "U002"


def plan_text(name: str = "shangluo-2027.toml") -> str:
    return (resources_dir() / "plans" / name).read_text(encoding="utf-8")


def plan_code(year: int) -> str:
    """The Shangluo plan's code when make_counter is given `year`."""
    return PLAN.replace("2027", str(year))


def make_counter(db, *, headcount: int | None = 100, min_participation: int = 0, year: int = 2027):
    """City, county, two units and the Shangluo plan (+ the critical-illness plan) of `year`
    (codes with 2027 replaced by the year). Returns the admin UserInfo to act as."""
    from mutualaid_desktop.services.admin.plans import add_plan
    from mutualaid_desktop.services.admin.users import create_first_admin
    from mutualaid_desktop.store.models import OrgUnit

    def text(name):
        return plan_text(name).replace("2027", str(year))

    admin = create_first_admin(db, "admin", "王芳", "secret123")
    add_plan(db, text("shangluo-2027.toml"), username="admin", min_participation_pct=min_participation)
    add_plan(db, text("critical-illness-2027.toml"), username="admin")
    with db.session() as session:
        city = OrgUnit(code="C", name="商洛市总工会", kind="city")
        session.add(city)
        session.flush()
        county = OrgUnit(code="C01", name="商州区总工会", kind="county", parent_id=city.id)
        session.add(county)
        session.flush()
        session.add(OrgUnit(code=UNIT, name=UNIT_NAME, kind="unit", parent_id=county.id, headcount=headcount))
        session.add(OrgUnit(code=OTHER_UNIT, name="商州区人民医院工会", kind="unit", parent_id=county.id))
        session.add(OrgUnit(code="U009", name="已撤并单位工会", kind="unit", parent_id=county.id, active=False))
        session.commit()
    return admin


def person_id(n: int, *, born: date = date(1980, 5, 1), male: bool = True) -> str:
    """A valid ID number, different for each n (0..499)."""
    sequence = (2 * n + (1 if male else 0)) % 1000
    return make_id_number("611002", born, sequence)


def bad_check(number: str) -> str:
    last = number[-1]
    return number[:-1] + ("0" if last != "0" else "1")


HEADER = ["序号", "姓名", "身份证号码", "性别", "手机号", "工号", "备注"]


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence],
    *,
    title: str | None = "商州区第一中学职工名册",
    header: Sequence[str] = HEADER,
) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "名册"
    if title:
        sheet.append([title])
        sheet.append([])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def write_csv(
    path: Path, rows: Sequence[Sequence], *, encoding: str = "gb18030", header: Sequence[str] = HEADER
) -> Path:
    with open(path, "w", encoding=encoding, newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    return path


def messy_rows() -> tuple[list[list], dict[str, int]]:
    """A roster with every kind of trouble. Returns the rows and, by kind, the index of the row.

    Good: rows 0 (plain), 1 (full-width digits and spaces), 2 (lowercase x), 9 (15 members...)
    """
    x_id = next(
        make_id_number("611002", date(1975, 3, 9), s)
        for s in range(1, 999, 2)
        if make_id_number("611002", date(1975, 3, 9), s).endswith("X")
    )
    good0 = person_id(1)
    fullwidth = person_id(2).translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    rows = [
        [1, "张伟", good0, "男", "13800000001", "A001", ""],
        [2, "李 娜", fullwidth[:6] + " " + fullwidth[6:], "男", "13800000002", "", ""],
        [3, "王强", x_id.lower(), "男", "", "", ""],
        [4, "赵敏", bad_check(person_id(4)), "男", "", "", "校验码错"],
        [5, "钱进", "6.11002E+17", "男", "", "", "Excel数字"],
        [6, "", person_id(6), "男", "", "", "无姓名"],
        [7, "孙丽", person_id(7), "女", "", "", "性别不符"],
        [8, "周老", person_id(8, born=date(1960, 1, 1)), "男", "", "", "超龄"],
        [9, "张伟", good0, "男", "", "", "重复"],
        [10, "吴刚", "61100219800231" + "0011", "男", "", "", "日期不存在"],
    ]
    kinds = {
        "good": 0,
        "fullwidth": 1,
        "lower_x": 2,
        "check": 3,
        "excel": 4,
        "no_name": 5,
        "sex": 6,
        "age": 7,
        "duplicate": 8,
        "date": 9,
    }
    return rows, kinds


_DIGITS = "零一二三四五六七八九"


def numbered_name(prefix: str, n: int) -> str:
    """A different valid name for each n: digits are no part of a name ("职工一二", not "职工12")."""
    return prefix + "".join(_DIGITS[int(d)] for d in str(n))


def many_people(count: int) -> list[list]:
    """`count` different people aged 26 to 56 in 2027 with valid ID numbers, as roster rows."""
    from datetime import timedelta

    rows = []
    first = date(1971, 1, 1)
    for i in range(count):
        born = first + timedelta(days=i // 500 % 10000)
        rows.append(
            [i + 1, numbered_name("职工", i + 1), make_id_number("611002", born, i % 500 * 2 + 1), "男", f"138{i:08d}"]
        )
    return rows


def write_big_xlsx(path: Path, rows: Sequence[Sequence], header: Sequence[str] = HEADER[:5]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("名册")
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path
