"""Finding a roster's columns by their headers.

Units write their rosters by hand: a title row ("某某单位职工名册") above the header row, headers
with spaces, full-width characters or notes in brackets ("身份证号码（18位）"), columns in any
order. The header row is the row among the first ones that names the most known columns; headers
that name no known column are returned, so that the GUI can offer a mapping dialog.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from mutualaid_desktop.io.roster_reader import RosterRow

HEADER_SEARCH_ROWS = 20

# field -> (label shown to the clerk, headers that name it, already normalised)
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "seq": ("序号", ("序号", "编号", "no", "no.", "序")),
    "name": ("姓名", ("姓名", "职工姓名", "会员姓名", "员工姓名", "参保人姓名", "参保人", "名字", "name")),
    "id_number": (
        "身份证号码",
        ("身份证号", "身份证号码", "证件号码", "证件号", "公民身份号码", "身份证", "居民身份证号码",
         "居民身份证号", "身份证件号码", "idnumber", "id"),
    ),
    "sex": ("性别", ("性别", "sex", "gender")),
    "phone": ("手机", ("手机", "手机号", "手机号码", "联系电话", "电话", "电话号码", "联系方式", "移动电话", "phone", "mobile")),
    "employee_no": ("工号", ("工号", "职工号", "员工号", "员工编号", "职工编号", "工作证号")),
    "shares": ("份数", ("份数", "参保份数", "购买份数")),
    "note": ("备注", ("备注", "说明", "note", "remark")),
}  # fmt: skip
REQUIRED = ("name", "id_number")
# Columns rosters often have that the import does not need: known, so not offered for mapping.
IGNORED_HEADERS = (
    "出生日期", "出生年月", "年龄", "民族", "部门", "科室", "单位", "单位名称", "工作单位", "职务", "职称",
    "岗位", "签字", "本人签字", "金额", "互助金", "缴费金额", "参保金额", "政治面貌", "学历", "地址", "住址",
    "家庭住址", "户籍", "入职日期", "参加工作时间",
)  # fmt: skip

_BRACKETS = re.compile(r"[(（\[【<《].*?[)）\]】>》]")
_DECORATION = re.compile(r"[\s*:：★☆※#＊]+")
_LOOKUP = {header: key for key, (_, headers) in FIELDS.items() for header in headers}


def normalize_header(text: str) -> str:
    """'身份证号码（18位）' -> '身份证号码', ' 姓　名 ' -> '姓名', 'ＩＤ' -> 'id'."""
    value = unicodedata.normalize("NFKC", text or "")
    value = _BRACKETS.sub("", value)
    return _DECORATION.sub("", value).lower()


def field_for_header(text: str) -> str | None:
    return _LOOKUP.get(normalize_header(text))


@dataclass
class ColumnMatch:
    header_index: int | None  # index in the rows of the header row (None: no header row found)
    header_number: int | None  # its row number in the sheet
    headers: tuple[str, ...]  # the header row's cells
    mapping: dict[str, int] = field(default_factory=dict)  # field -> column index
    unknown: list[tuple[int, str]] = field(default_factory=list)  # (column index, header) not recognised
    duplicates: list[tuple[str, int]] = field(default_factory=list)  # a field named twice: (field, column)

    @property
    def missing(self) -> list[str]:
        return [key for key in REQUIRED if key not in self.mapping]

    @property
    def complete(self) -> bool:
        return not self.missing

    def with_mapping(self, mapping: dict[str, int]) -> ColumnMatch:
        """The same header row with a mapping chosen by the clerk (field -> column index)."""
        taken = set(mapping.values())
        unknown = [
            (i, h)
            for i, h in enumerate(self.headers)
            if i not in taken and h and field_for_header(h) is None and normalize_header(h) not in _IGNORED
        ]
        return ColumnMatch(self.header_index, self.header_number, self.headers, dict(mapping), unknown, [])


_IGNORED = {normalize_header(h) for h in IGNORED_HEADERS}


def _score(cells: Sequence[str]) -> int:
    found = {field_for_header(c) for c in cells if c}
    found.discard(None)
    return len(found) + (2 if found & set(REQUIRED) else 0)


def find_columns(rows: Sequence[RosterRow]) -> ColumnMatch:
    """The header row and the columns it names. When no row names a known column, the first row
    is taken as the header row, with every column unknown (the mapping dialog then decides)."""
    best_index, best_score = None, 0
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = _score(row.cells)
        if score > best_score:
            best_index, best_score = index, score
    if best_index is None:
        if not rows:
            return ColumnMatch(None, None, ())
        best_index = 0
    row = rows[best_index]
    match = ColumnMatch(best_index, row.number, row.cells)
    for column, header in enumerate(row.cells):
        if not header:
            continue
        key = field_for_header(header)
        if key is None:
            if normalize_header(header) not in _IGNORED:
                match.unknown.append((column, header))
        elif key in match.mapping:
            match.duplicates.append((key, column))
        else:
            match.mapping[key] = column
    return match


def field_label(key: str) -> str:
    return FIELDS[key][0]
