"""单位续保's draft list: one line per member of last year (ticked to renew, or a leaver) or joiner.

`DraftModel` holds the lines and says what the page sends to the service (kept, leavers with their
reasons, joiners) and the totals the page shows; every column sorts by its SORT_ROLE value (numbers as
numbers, the rows with a problem first on 情况). `DraftProxy` shows the lines that match the search (spaces
around it ignored) and, with 只看有问题的, only the lines that need a look (`DraftModel.needs_attention`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from mutualaid_desktop.ui.common.list_table_model import ListTableModel
from mutualaid_desktop.ui.common.widgets import ERROR_COLOR, WARNING_COLOR

if TYPE_CHECKING:
    from mutualaid_desktop.services.renewal.renewal import DraftMember, Joiner

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # a value to sort by (numbers as numbers)
GREY = QColor("#7a7f87")
JOINER_COLOR = QColor("#1f4e79")


@dataclass
class DraftRow:
    """A line of the draft: a member of last year (`member`) or a joiner (`joiner`), ticked or not."""

    member: DraftMember | None = None
    joiner: Joiner | None = None
    keep: bool = True
    reason: str = ""

    @property
    def person(self) -> DraftMember | Joiner:
        """The joiner, or the member of last year (every line has one of them)."""
        person = self.joiner or self.member
        assert person is not None, "a draft line without a person"
        return person

    @property
    def last_year(self) -> DraftMember:
        """The member of last year, on a line that is not a joiner's."""
        assert self.member is not None, "a joiner's line has no member of last year"
        return self.member

    @property
    def checkable(self) -> bool:
        return self.joiner is not None or self.last_year.renewable

    @property
    def premium(self) -> Decimal:
        return self.person.premium


class DraftModel(ListTableModel):
    """The draft list: 续保 (tick) 姓名 身份证号码 份数 明年应缴 去年保障至 情况 离开原因.

    `changed` is emitted after every change of what is ticked (the page shows the count and sum)."""

    KEEP, NAME, ID_NUMBER, SHARES, PREMIUM, LAST_END, STATE, REASON = range(8)
    right_aligned = (SHARES, PREMIUM)
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self._member_rows: dict[int, int] = {}  # member id -> row (a unit may have thousands)
        self._joiner_numbers: set[str] = set()
        self.headers = [self.tr("续保"), self.tr("姓名"), self.tr("身份证号码"), self.tr("份数"), self.tr("明年应缴"),
                        self.tr("去年保障至"), self.tr("情况"), self.tr("离开原因")]  # fmt: skip

    # --- the rows ---------------------------------------------------------------------------

    def set_draft(self, members) -> None:
        """The members of a draft, ticked by default; the recorded leavers (离开（已登记）) unticked with their reason."""
        self.beginResetModel()
        self._rows = [DraftRow(member=m, keep=m.keep_by_default, reason=m.left_reason or "") for m in members]
        self._member_rows = {r.member.member_id: i for i, r in enumerate(self._rows)}
        self._joiner_numbers = set()
        self.endResetModel()
        self.changed.emit()

    def clear(self) -> None:
        self.set_draft(())

    def add_joiners(self, joiners) -> None:
        joiners = list(joiners)
        if not joiners:
            return
        self.append_rows(DraftRow(joiner=j) for j in joiners)
        self._joiner_numbers.update(j.id_number for j in joiners)
        self.changed.emit()

    def member_row(self, member_id: int) -> int:
        """The row of a member of last year's list, -1 when not on it."""
        return self._member_rows.get(member_id, -1)

    def has_joiner(self, id_number: str) -> bool:
        return id_number in self._joiner_numbers

    def set_keep(self, index: int, keep: bool) -> bool:
        return self.set_keep_rows([index], keep) > 0

    def set_keep_rows(self, indexes, keep: bool) -> int:
        """Tick (untick) these rows where they can be; one `changed` for all. Returns how many changed."""
        done = 0
        for index in indexes:
            row = self.row(index)
            if row is None or not row.checkable or row.keep == keep:
                continue
            row.keep = keep
            done += 1
            self.dataChanged.emit(self.index(index, 0), self.index(index, self.REASON))
        if done:
            self.changed.emit()
        return done

    def set_all(self, keep: bool) -> None:
        """Tick (or untick) every member who can be renewed; joiners stay as they are."""
        for row in self._rows:
            if row.member is not None and row.checkable:
                row.keep = keep
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.REASON))
        self.changed.emit()

    # --- what the page sends to the service --------------------------------------------------

    def kept_ids(self) -> list[int]:
        return [r.member.member_id for r in self._rows if r.member is not None and r.checkable and r.keep]

    def leavers(self) -> dict[int, str | None]:
        return {
            r.member.member_id: (r.reason.strip() or None)
            for r in self._rows
            if r.member is not None and r.checkable and not r.keep
        }

    def joiners(self) -> list[Joiner]:
        return [r.joiner for r in self._rows if r.joiner is not None and r.keep]

    def set_reason(self, indexes, reason: str) -> int:
        """Give these leavers (unticked members who can renew) `reason`; returns how many."""
        done = 0
        for index in indexes:
            row = self.row(index)
            if row is None or not self.is_leaver(row):
                continue
            row.reason = reason
            done += 1
            self.dataChanged.emit(self.index(index, self.STATE), self.index(index, self.REASON))
        if done:
            self.changed.emit()  # a recorded leaver's reason changed: something to record
        return done

    @staticmethod
    def is_leaver(r: DraftRow) -> bool:
        return r.member is not None and r.checkable and not r.keep

    @staticmethod
    def to_record(r: DraftRow) -> bool:
        """A leaver whose record is new or changes (not recorded as it is now)."""
        return DraftModel.is_leaver(r) and (
            not r.last_year.left_recorded or (r.reason.strip() or None) != r.last_year.left_reason
        )

    def leavers_without_reason(self) -> list[int]:
        """The rows of leavers to record whose reason the service would refuse (none, or a bare 其他)."""
        from mutualaid_desktop.services.renewal.leaver_reasons import reason_problem

        return [i for i, r in enumerate(self._rows) if self.to_record(r) and reason_problem(r.reason.strip() or None)]

    def changed_from_draft(self) -> bool:
        """The clerk changed the list as read: a tick, a reason or a joiner."""
        return any(
            r.joiner is not None
            or (r.member.keep_by_default != r.keep if r.checkable else False)
            or r.reason != (r.member.left_reason or "")
            for r in self._rows
        )

    def leavers_to_record(self) -> int:
        """Leavers not recorded yet as they are now (unticked, and no record or another reason)."""
        return sum(1 for r in self._rows if self.to_record(r))

    def totals(self) -> tuple[int, int, int, Decimal]:
        """(members kept, leavers, joiners, premium due)."""
        kept = left = joined = 0
        due = Decimal("0.00")
        for r in self._rows:
            if not r.checkable:
                continue
            if r.keep:
                due += r.premium
                if r.joiner is not None:
                    joined += 1
                else:
                    kept += 1
            elif r.member is not None:
                left += 1
        return kept, left, joined, due

    @classmethod
    def needs_attention(cls, r: DraftRow) -> bool:
        """A line to look at (只看有问题的): cannot renew (age), enrolled at another unit, moved to or from
        another unit, past the grace period (a waiting period follows), a leaver still without a reason,
        a joiner with a note, or a joiner not added."""
        from mutualaid_desktop.services.renewal.leaver_reasons import reason_problem

        if r.joiner is not None:
            return bool(r.joiner.member_unit or r.joiner.note or not r.keep)
        m = r.last_year
        if m.problem or m.enrolled_elsewhere or m.moved_to:
            return True
        if m.enrolled:
            return False  # renewed already (paid, or 收款 waits for it)
        if cls.to_record(r) and reason_problem(r.reason.strip() or None):
            return True
        return not m.continuous_if_paid_today

    # --- texts ------------------------------------------------------------------------------

    def state_text(self, r: DraftRow) -> str:
        if r.joiner is not None:
            j = r.joiner
            where = self.tr("录入") if j.source_row is None else self.tr("名册第 {row} 行").format(row=j.source_row)
            if j.member_unit:  # a member of another unit: a transfer, said in words
                text = self.tr("从 {unit} 转入（{where}）").format(unit=j.member_unit, where=where)
            else:
                text = self.tr("新增（{where}）").format(where=where)
            if not r.keep:
                text = self.tr("不加入（{what}）").format(what=text)
            return text
        m = r.last_year
        if m.enrolled == "paid":
            text = self.tr("已参保，已缴费")
        elif m.enrolled:
            text = self.tr("已登记，待缴费")
        elif m.problem:
            return self.tr("不能续保：届时 {age} 周岁，不符合年龄条件").format(age=m.age)
        else:
            if not r.keep:
                if m.left_recorded:
                    return self.tr("离开（已登记）")
                return self.tr("离开（已调往 {unit}）").format(unit=m.moved_to) if m.moved_to else self.tr("离开")
            text = self.tr("续保（撤销离开登记）") if m.left_recorded else self.tr("续保")
            if m.moved_to:
                text += self.tr("（现属 {unit}，续保后转入本单位）").format(unit=m.moved_to)
            if not m.continuous_if_paid_today:
                text += self.tr("（已过宽限期，将有观察期）")
            return text
        if m.enrolled_elsewhere:
            text += self.tr("（在 {unit}）").format(unit=m.enrolled_elsewhere)
        return text

    def display(self, r: DraftRow, column: int) -> str:
        from mutualaid_desktop.domain.money import format_amount

        person = r.person
        if column == self.KEEP:
            return ""
        if column == self.NAME:
            return person.name
        if column == self.ID_NUMBER:
            return r.joiner.masked_id if r.joiner is not None else r.last_year.id_number
        if column == self.SHARES:
            return str(person.shares)
        if column == self.PREMIUM:  # a line that cannot renew, or leaves, owes nothing here
            return format_amount(person.premium) if r.checkable and r.keep else ""
        if column == self.LAST_END:
            return r.member.last_cover_end.isoformat() if r.member is not None else ""
        if column == self.STATE:
            return self.state_text(r)
        return r.reason if r.member is not None and r.checkable and not r.keep else ""

    # --- the model's other roles, and editing ----------------------------------------------

    def sort_value(self, r: DraftRow, column: int) -> Any:
        person = r.person
        if column == self.KEEP:
            return (2 if r.keep else 1) if r.checkable else 0
        if column == self.SHARES:
            return person.shares
        if column == self.PREMIUM:
            return int(person.premium * 100) if r.checkable and r.keep else -1
        if column == self.STATE:  # the lines with a problem first
            return ("0" if self.needs_attention(r) else "1") + self.state_text(r)
        return self.display(r, column)

    def role_data(self, r: DraftRow, column: int, role: int) -> Any:
        if role == SORT_ROLE:
            return self.sort_value(r, column)
        if role == Qt.ItemDataRole.EditRole:
            return self.display(r, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == self.KEEP and r.checkable:
            return Qt.CheckState.Checked if r.keep else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole:
            if not r.checkable:
                return QBrush(QColor(ERROR_COLOR) if r.last_year.problem else GREY)
            if not r.keep:
                return QBrush(GREY)
            if r.joiner is not None:
                if column == self.STATE and r.joiner.member_unit:
                    return QBrush(QColor(WARNING_COLOR))  # a transfer: the words, in another colour
                return QBrush(JOINER_COLOR)
            m = r.last_year
            if column == self.STATE and (m.moved_to or m.left_recorded or not m.continuous_if_paid_today):
                return QBrush(QColor(WARNING_COLOR))
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column == self.STATE:
            note = r.joiner.note if r.joiner is not None else r.last_year.problem
            if r.member is not None and r.member.left_recorded:
                note = self.tr("已登记为离开（原因：{reason}）。勾选并确认续保即为其续保，离开登记随之撤销。").format(
                    reason=r.member.left_reason or self.tr("未填写")
                )
            return "\n".join(x for x in (self.state_text(r), note) if x)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        r = self._rows[index.row()]
        if index.column() == self.KEEP and r.checkable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(  # noqa: N802
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == self.KEEP:
            state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))
            return self.set_keep(index.row(), state == Qt.CheckState.Checked) or r.keep == (
                state == Qt.CheckState.Checked
            )
        return False


class DraftProxy(QSortFilterProxyModel):
    """The draft as shown: the lines matching the search text (any column, spaces around it ignored) and,
    with `problems_only`, only the lines that need a look; sorted by SORT_ROLE."""

    def __init__(self, model: DraftModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(model)
        self.setSortRole(SORT_ROLE)
        self._search = ""
        self._problems_only = False

    def set_search(self, text: str) -> None:
        search = " ".join((text or "").split()).casefold()
        if search != self._search:
            self.beginFilterChange()
            self._search = search
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_problems_only(self, on: bool) -> None:
        if bool(on) != self._problems_only:
            self.beginFilterChange()
            self._problems_only = bool(on)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        model: DraftModel = self.sourceModel()  # type: ignore[assignment]
        r = model.row(source_row)
        if r is None:
            return False
        if self._problems_only and not model.needs_attention(r):
            return False
        if not self._search:
            return True
        return any(self._search in model.display(r, column).casefold() for column in range(model.columnCount()))
