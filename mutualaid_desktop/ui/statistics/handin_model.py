"""The tables of the 交账 screen: the counties' 交账情况 at the city (services/handin/status.py) and one
county's files (its history). The state is said in words and coloured as well."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from mutualaid_desktop.services.handin.status import CountyHandin, HandedFile
from mutualaid_desktop.ui.common.list_table_model import ListTableModel

# (text, background) of each state: green on time, amber late, red missing, grey not yet due
STATE_COLORS = {
    "on_time": ("#1b5e20", "#e3f1e4"),
    "late": ("#7a4a00", "#fdf0d5"),
    "missing": ("#b3261e", "#fbe3e1"),
    "not_due": ("#44505c", "#eceff2"),
}


class HandinStatusModel(ListTableModel):
    """A line per county that hands in (CountyHandin)."""

    COUNTY, LAST, NUMBERS, IMPORTED, STATE, GAPS, KEY = range(7)
    right_aligned = (NUMBERS,)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__((), parent)
        self.headers = [
            self.tr("县区"),
            self.tr("最近交账月份"),
            self.tr("版本 / 序号"),
            self.tr("导入时间"),
            self.tr("应交月份 · 情况"),
            self.tr("缺的序号"),
            self.tr("登记的公钥指纹"),
        ]

    def state_text(self, c: CountyHandin) -> str:
        words = {
            "on_time": self.tr("按时"),
            "late": self.tr("逾期"),
            "missing": self.tr("未交"),
            "not_due": self.tr("未到期"),
        }
        return self.tr("{year}年{month}月：{state}").format(year=c.due_year, month=c.due_month, state=words[c.state])

    def display(self, row: CountyHandin, column: int) -> str:
        last = row.last
        if column == self.COUNTY:
            return f"{row.county_name}（{row.county_code}）"
        if column == self.LAST:
            return (
                self.tr("{year}年{month}月").format(year=last.year, month=last.month) if last else self.tr("还没有交账")
            )
        if column == self.NUMBERS:
            return (
                self.tr("第 {version} 版 / {sequence}").format(version=last.version, sequence=last.sequence)
                if last
                else ""
            )
        if column == self.IMPORTED:
            return f"{last.imported_at:%Y-%m-%d %H:%M}" if last else ""
        if column == self.STATE:
            return self.state_text(row)
        if column == self.GAPS:
            return "、".join(map(str, row.gaps)) if row.gaps else self.tr("无")
        if column == self.KEY:
            return row.fingerprint or self.tr("未登记")
        return ""

    def role_data(self, row: CountyHandin, column: int, role: int) -> Any:
        if column == self.STATE and role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole):
            text, back = STATE_COLORS[row.state]
            return QBrush(QColor(text if role == Qt.ItemDataRole.ForegroundRole else back))
        if column == self.GAPS and row.gaps and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(STATE_COLORS["missing"][0]))
        if column == self.KEY and role == Qt.ItemDataRole.ToolTipRole:
            return row.fingerprint
        if column == self.STATE and role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("应在 {day} 前交来").format(day=f"{row.due_by:%Y-%m-%d}")
        return None


class HandedFilesModel(ListTableModel):
    """One county's imported files (HandedFile), superseded ones too."""

    MONTH, VERSION, SEQUENCE, CREATED, IMPORTED, STATE = range(6)
    right_aligned = (VERSION, SEQUENCE)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__((), parent)
        self.headers = [
            self.tr("月份"),
            self.tr("版本"),
            self.tr("序号"),
            self.tr("县区写出"),
            self.tr("导入时间"),
            self.tr("状态"),
        ]

    def display(self, row: HandedFile, column: int) -> str:
        if column == self.MONTH:
            return self.tr("{year}年{month}月").format(year=row.year, month=row.month)
        if column == self.VERSION:
            return str(row.version)
        if column == self.SEQUENCE:
            return str(row.sequence)
        if column == self.CREATED:
            return f"{row.created_at:%Y-%m-%d %H:%M}"
        if column == self.IMPORTED:
            return f"{row.imported_at:%Y-%m-%d %H:%M}"
        if column == self.STATE:
            return self.tr("已被新版本替换（保留）") if row.superseded else self.tr("有效")
        return ""
