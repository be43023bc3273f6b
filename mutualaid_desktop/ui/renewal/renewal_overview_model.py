"""The table of 续保进度 (renewal_overview_page.py): its lines (county subtotals, units, the total) and its model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from mutualaid_desktop.ui.common.list_table_model import ListTableModel
from mutualaid_desktop.ui.common.widgets import ERROR_COLOR, WARNING_COLOR

if TYPE_CHECKING:
    from mutualaid_desktop.services.renewal.renewal_overview import Figures, RenewalOverview

COUNTY_BACKGROUND = "#eef2f7"
CITY_BACKGROUND = "#dde5ef"
DONE_COLOR = "#2e7d32"


@dataclass(frozen=True)
class OverviewLine:
    """One line of the table: a county subtotal, a unit, or the city (or county) total."""

    level: str  # "county", "unit", "total"
    code: str
    name: str
    contact: str
    phone: str
    figures: Figures

    @property
    def not_come(self) -> bool:
        from mutualaid_desktop.services.renewal.renewal_overview import not_come

        return self.level == "unit" and not_come(self.figures)


def overview_lines(overview: RenewalOverview, *, only_open: bool = False) -> list[OverviewLine]:
    from mutualaid_desktop.services.renewal.renewal_overview import not_done

    lines: list[OverviewLine] = []
    for county in overview.counties:
        units = [u for u in county.units if not only_open or not_done(u.figures)]
        if only_open and not units:
            continue
        lines.append(OverviewLine("county", county.code, county.name, "", "", county.figures))
        lines.extend(OverviewLine("unit", u.code, u.name, u.contact_person, u.phone, u.figures) for u in units)
    return lines


class RenewalOverviewModel(ListTableModel):
    """县区 / 单位, 代码, 联系人, 电话, 上年参保, 已续保, 续保率, 待缴费, 离开, 转出, 不能续保, 未续保, 新参保, 已收金额,
    状态."""

    (
        NAME,
        CODE,
        CONTACT,
        PHONE,
        COVERED,
        RENEWED,
        RATE,
        PENDING,
        LEFT,
        MOVED_OUT,
        CANNOT,
        OPEN,
        JOINERS,
        RECEIVED,
        STATE,
    ) = range(15)
    right_aligned = (COVERED, RENEWED, RATE, PENDING, LEFT, MOVED_OUT, CANNOT, OPEN, JOINERS, RECEIVED)

    def __init__(self, parent=None) -> None:
        super().__init__(parent=parent)
        self.headers = [
            self.tr("县区 / 单位"),
            self.tr("代码"),
            self.tr("联系人"),
            self.tr("电话"),
            self.tr("上年参保"),
            self.tr("已续保"),
            self.tr("续保率"),
            self.tr("待缴费"),
            self.tr("离开"),
            self.tr("转出"),
            self.tr("不能续保"),
            self.tr("未续保"),
            self.tr("新参保"),
            self.tr("已收金额"),
            self.tr("状态"),
        ]

    def state(self, line: OverviewLine) -> str:
        """The unit's state by the service's rule (unit_state), in the user's language."""
        from mutualaid_desktop.services.renewal import renewal_overview as ro

        if line.level != "unit":
            return ""
        labels = {
            ro.STATE_NOT_COME: self.tr("尚未来办理"),
            ro.STATE_PARTLY: self.tr("部分续保"),
            ro.STATE_NEW_UNIT: self.tr("新参保单位"),
            ro.STATE_AWAITING_PAYMENT: self.tr("待缴费"),
            ro.STATE_DONE: self.tr("已办完"),
        }
        return labels[ro.unit_state(line.figures)]

    def display(self, line: OverviewLine, column: int) -> str:
        from mutualaid_desktop.domain.money import format_amount

        f = line.figures
        name = line.name if line.level != "unit" else "    " + line.name
        if line.level == "county":
            name = self.tr("{name}（小计）").format(name=line.name)
        rate = "" if f.rate is None else f"{f.rate}%"
        return (
            name,
            line.code,
            line.contact,
            line.phone,
            f"{f.covered:,}",
            f"{f.renewed:,}",
            rate,
            f"{f.pending:,}",
            f"{f.left:,}",
            f"{f.moved_out:,}",
            f"{f.cannot:,}",
            f"{f.open:,}",
            f"{f.joiners:,}",
            format_amount(f.received),
            self.state(line),
        )[column]

    def role_data(self, line: OverviewLine, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and line.level != "unit":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and line.level != "unit":
            return QBrush(QColor(COUNTY_BACKGROUND if line.level == "county" else CITY_BACKGROUND))
        if role == Qt.ItemDataRole.ForegroundRole and line.level == "unit":
            if line.not_come and column in (self.NAME, self.OPEN, self.STATE):
                return QBrush(QColor(ERROR_COLOR))
            if column == self.STATE and (line.figures.open > 0 or line.figures.pending > 0):
                return QBrush(QColor(WARNING_COLOR))
            if column == self.STATE:
                return QBrush(QColor(DONE_COLOR))
        if role == Qt.ItemDataRole.ToolTipRole and column == self.OPEN and line.figures.open:
            f = line.figures
            return self.tr(
                "上年参保 {covered} − 已续保 {renewed} − 待缴费 {pending} − 离开 {left} − 转出 {moved} − "
                "不能续保 {cannot}"
            ).format(
                covered=f.covered,
                renewed=f.renewed - f.moved_in,
                pending=f.pending,
                left=f.left,
                moved=f.moved_out,
                cannot=f.cannot,
            )
        if role == Qt.ItemDataRole.ToolTipRole and column == self.LEFT:
            return self.tr("单位续保时说明已离开（离职、退休、死亡等）并登记的人员，不计入未续保")
        if role == Qt.ItemDataRole.ToolTipRole and column == self.MOVED_OUT:
            return self.tr("上年在本单位参保、今年在其他单位续保的人员：计入新单位的已续保，不计入本单位的未续保")
        if role == Qt.ItemDataRole.ToolTipRole and column == self.CANNOT:
            return self.tr("超出续保计划参保年龄（按续保计划开始日计算）、未续保也未登记离开的人员，不计入未续保和应缴")
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.RENEWED, self.RECEIVED) and line.figures.moved_in:
            f = line.figures
            return self.tr(
                "已续保 {renewed} 人，其中从其他单位转入 {moved} 人；已收金额为已续保和新参保共 {paid} 人的保费"
            ).format(renewed=f.renewed, moved=f.moved_in, paid=f.paid)
        return None
