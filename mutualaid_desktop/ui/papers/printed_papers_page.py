"""打印记录: every paper handed out (services/papers/printed_papers.py) — kind, serial, copy (原件 / 补打 n),
who, when (local time), printer (or 未打印) — found by serial (typed, Enter), filtered by kind and
date, read a page at a time (更多… reads the next); 补打 makes the selected paper again marked 补打,
records it and opens it in the preview, which records the printer when it prints.

Everything is read and written on the background worker. Keyboard: Enter in the serial field
searches (the table then has the focus); Enter on a row is 补打; F5 (the 票据 page's) reads it again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.domain import clock
from mutualaid_desktop.services.changes import PAPERS
from mutualaid_desktop.ui.common.counter_page import ChangesAware
from mutualaid_desktop.ui.common.list_table_model import ListTableModel
from mutualaid_desktop.ui.common.widgets import ERROR_COLOR, selected_row
from mutualaid_desktop.ui.enrollment import payment_dialog
from mutualaid_desktop.ui.shell.background import SerialLoad, user_message
from mutualaid_desktop.ui.shell.task_runner import TaskRunner

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.papers.printed_papers import PaperRecord
    from mutualaid_desktop.store.database import Database

PAGE_SIZE = 200
MUTED_COLOR = "#888888"


class PrintedPapersModel(ListTableModel):
    """Printed papers: 票据 票据号 份 打印人 打印时间 打印机 状态."""

    KIND, SERIAL, COPY, WHO, WHEN, PRINTER, STATE = range(7)

    def __init__(self, parent=None) -> None:
        super().__init__(parent=parent)
        self.headers = [
            self.tr("票据"),
            self.tr("票据号"),
            self.tr("份"),
            self.tr("打印人"),
            self.tr("打印时间"),
            self.tr("打印机"),
            self.tr("状态"),
        ]
        self.kind_labels = kind_labels()

    def copy_text(self, r: PaperRecord) -> str:
        if r.handout:
            return self.tr("第 {n} 份").format(n=r.copy_number + 1)
        if r.notice:
            return self.tr("第 {n} 次提示").format(n=r.copy_number + 1)
        return self.tr("补打 {n}").format(n=r.copy_number) if r.copy_number else self.tr("原件")

    def display(self, r: PaperRecord, column: int) -> str:
        if column == self.KIND:
            return self.kind_labels.get(r.kind, r.kind)
        if column == self.SERIAL:
            return r.serial
        if column == self.COPY:
            return self.copy_text(r)
        if column == self.WHO:
            return r.printed_by_name
        if column == self.WHEN:
            return f"{r.printed_at:%Y-%m-%d %H:%M}"
        if column == self.PRINTER:
            return r.printer or self.tr("未打印")
        return self.tr("作废") if r.voided else ""

    def role_data(self, r: PaperRecord, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if (column == self.COPY and r.is_reprint) or (column == self.STATE and r.voided):
                return QBrush(QColor(ERROR_COLOR))
            if column == self.PRINTER and not r.printer:
                return QBrush(QColor(MUTED_COLOR))
        if role == Qt.ItemDataRole.ToolTipRole and r.voided and r.void_reason:
            return self.tr("作废原因：{reason}").format(reason=r.void_reason)
        return None


def kind_labels() -> dict[str, str]:
    """The paper kinds in the user's language (the service's labels are Chinese)."""
    return {
        "premium_receipt": QCoreApplication.translate("PrintedPapers", "缴费收据"),
        "unit_roster": QCoreApplication.translate("PrintedPapers", "参保名单"),
        "cash_up": QCoreApplication.translate("PrintedPapers", "日结单"),
        "acceptance_receipt": QCoreApplication.translate("PrintedPapers", "受理回执"),
        "decision_notice": QCoreApplication.translate("PrintedPapers", "审核通知书"),
        "payout_batch_list": QCoreApplication.translate("PrintedPapers", "给付清单"),
        "renewal_reminder": QCoreApplication.translate("PrintedPapers", "续保提示单"),
        "claim_documents_notice": QCoreApplication.translate("PrintedPapers", "理赔材料告知单"),
        "member_leaflet": QCoreApplication.translate("PrintedPapers", "温馨提示"),
    }


class PrintedPapersWidget(ChangesAware, QWidget):
    """The list of printed papers. `papersLoaded` carries the rows shown after each read; `paperMade`
    the path of each PDF made by 补打; `actionFailed` the message of a refused action."""

    papersLoaded = Signal(object)
    paperMade = Signal(object)
    actionFailed = Signal(str)

    def __init__(
        self,
        db: Database,
        user: UserInfo,
        *,
        worker: TaskRunner,
        parent: QWidget | None = None,
        today: Callable[[], date] = clock.today,
    ) -> None:
        super().__init__(parent)
        self._shown_once = False
        self.setObjectName("printedPapers")
        self._db, self._user, self._worker, self._today = db, user, worker, today
        self._load = SerialLoad()
        self._more = False
        self._select_id: int | None = None
        self._build()

    # --- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 8, 0, 0)
        bar = QHBoxLayout()
        self.serial_edit = QLineEdit()
        self.serial_edit.setObjectName("printedSerialEdit")
        self.serial_edit.setPlaceholderText(self.tr("票据号（可只输入一部分），回车查找"))
        self.serial_edit.setClearButtonEnabled(True)
        self.serial_edit.returnPressed.connect(self.search)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("printedKindCombo")
        self.kind_combo.addItem(self.tr("全部票据"), None)
        for code, label in kind_labels().items():
            self.kind_combo.addItem(label, code)
        self.kind_combo.currentIndexChanged.connect(self.refresh)
        self.date_check = QCheckBox(self.tr("打印日期："))
        self.date_check.setObjectName("printedDateCheck")
        self.date_check.toggled.connect(self._date_toggled)
        today = self._today()
        self.from_edit = self._date_edit("printedFromEdit", today)
        self.to_edit = self._date_edit("printedToEdit", today)
        self.search_button = QPushButton(self.tr("查找"))
        self.search_button.setObjectName("printedSearchButton")
        self.search_button.clicked.connect(self.search)
        bar.addWidget(self.serial_edit, 3)
        bar.addWidget(self.kind_combo, 1)
        bar.addSpacing(12)
        bar.addWidget(self.date_check)
        bar.addWidget(self.from_edit)
        bar.addWidget(QLabel(self.tr("至")))
        bar.addWidget(self.to_edit)
        bar.addWidget(self.search_button)
        outer.addLayout(bar)

        self.model = PrintedPapersModel(self)
        self.table = QTableView()
        self.table.setObjectName("printedTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 170, 100, 90, 130, 220, 50)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.activated.connect(lambda _index: self.reprint_selected())
        outer.addWidget(self.table, 1)

        actions = QHBoxLayout()
        self.reprint_button = QPushButton(self.tr("补打"))
        self.reprint_button.setObjectName("printedReprintButton")
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.more_button = QPushButton(self.tr("更多…"))
        self.more_button.setObjectName("printedMoreButton")
        self.more_button.clicked.connect(self.load_more)
        self.status_label = QLabel()
        self.status_label.setObjectName("printedStatusLabel")
        self.status_label.setWordWrap(True)
        actions.addWidget(self.reprint_button)
        actions.addWidget(self.status_label, 1)
        actions.addWidget(self.more_button)
        outer.addLayout(actions)
        self._date_toggled(False)
        self._update_buttons()

    def _date_edit(self, name: str, day: date) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setDate(QDate(day.year, day.month, day.day))
        edit.dateChanged.connect(self.refresh)
        return edit

    # --- loading ----------------------------------------------------------------------------

    shows = frozenset({PAPERS})  # a paper printed or voided anywhere

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)  # reloads what changed out of sight (ui/common/counter_page.py)
        if not self._shown_once:  # the first time: later, change reports keep it current
            self._shown_once = True
            self.refresh()

    def reload_for(self, changes) -> None:
        self.refresh()

    def _date_toggled(self, checked: bool) -> None:
        self.from_edit.setEnabled(checked)
        self.to_edit.setEnabled(checked)
        if self.isVisible():
            self.refresh()

    def search(self) -> None:
        self.refresh()
        self.table.setFocus()

    def _filters(self) -> dict:
        dated = self.date_check.isChecked()
        return {
            "serial_contains": self.serial_edit.text().strip() or None,
            "kind": self.kind_combo.currentData(),
            "day_from": self.from_edit.date().toPython() if dated else None,
            "day_to": self.to_edit.date().toPython() if dated else None,
        }

    @Slot()
    def refresh(self) -> None:
        self._read(offset=0)

    def load_more(self) -> None:
        self._read(offset=self.model.rowCount())

    def _read(self, *, offset: int) -> None:
        if self._worker.closed:
            return
        if not self._load.start():
            return
        from mutualaid_desktop.services.papers.printed_papers import list_papers

        self._more = offset > 0
        self.more_button.setEnabled(False)
        self.status_label.setText(self.tr("正在读取…"))
        self._worker.submit(
            list_papers,
            self._db,
            **self._filters(),
            limit=PAGE_SIZE + 1,
            offset=offset,
            on_result=self._loaded,
            on_error=self._failed,
            context=self,
        )

    def is_loading(self) -> bool:
        return self._load.loading

    def _loaded(self, rows) -> None:
        selected = self.selected()
        keep = self._select_id if self._select_id is not None else (selected.id if selected else None)
        self._select_id = None
        more = self.model.show_page(rows, PAGE_SIZE, appending=self._more)
        shown = self.model.rows()
        text = self.tr("共 {count} 份").format(count=len(shown))
        if more:
            text += self.tr("（还有更多，点“更多…”继续读取）")
        self.status_label.setText(text)
        self.more_button.setEnabled(more)
        if shown and not self._more:
            index = next((i for i, r in enumerate(shown) if r.id == keep), 0)
            self.table.selectRow(index)
        self._update_buttons()
        again = self._load.finish()
        self.papersLoaded.emit(shown)
        if again:
            self.refresh()

    def _failed(self, error: BaseException) -> None:
        again = self._load.finish()
        self.status_label.setText(user_message(error, self.tr("读取打印记录时出现意外错误。")))
        if again:
            self.refresh()

    # --- selection, 补打 ---------------------------------------------------------------------

    def selected(self) -> PaperRecord | None:
        return selected_row(self.table)

    def _update_buttons(self, *_args) -> None:
        row = self.selected()
        self.reprint_button.setEnabled(row is not None)
        self.reprint_button.setToolTip("")
        if row is not None and row.handout:
            self.reprint_button.setText(self.tr("再打印一份"))
        elif row is not None and row.notice:
            self.reprint_button.setText(self.tr("再次提示"))
            self.reprint_button.setToolTip(self.tr("按现在的数据重新生成这份提示单，印“第 n 次提示”（不是补打）"))
        else:
            self.reprint_button.setText(self.tr("补打"))

    def reprint_selected(self) -> None:
        from mutualaid_desktop.services.papers.printed_papers import reprint

        row = self.selected()
        if row is None:
            return
        self.reprint_button.setEnabled(False)
        self.status_label.setText(self.tr("正在生成…"))
        self._worker.submit(
            reprint, self._db, self._user, row.id, on_result=self._reprinted, on_error=self._action_failed, context=self
        )

    def _reprinted(self, result) -> None:
        from mutualaid_desktop.services.papers.printed_papers import printer_recorder

        record, path = result
        self._select_id = record.id
        self.status_label.setText(
            self.tr("已生成{kind} {serial}（{copy}）：{path}").format(
                kind=self.model.kind_labels.get(record.kind, record.kind),
                serial=record.serial,
                copy=self.model.copy_text(record),
                path=str(path),
            )
        )
        self.paperMade.emit(path)
        payment_dialog.open_pdf(
            path,
            on_printed=printer_recorder(self._db, self._user, record_id=record.id, kind=record.kind),
            runner=self._worker,
        )
        self.refresh()

    def _action_failed(self, error: BaseException) -> None:
        text = user_message(error, self.tr("补打没有成功，数据未改动。"))
        self.status_label.setText(text)
        self._update_buttons()
        self.actionFailed.emit(text)
