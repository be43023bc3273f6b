"""设置 → 目标: the yearly targets of the city and of every county (参保金额, 参保人次, 覆盖率), edited in
a table and saved together (the rows changed, all or nothing), or imported from an Excel file; and
the 百万县区 / 两百万县区 thresholds. The year chooser starts on this year by the program's clock and
offers next year in December. Supervisors and administrators change; the others see (the fields
disabled, a line saying who may). Reads and writes run on the task runner; a county added
elsewhere, or a target changed by another window or the command line, appears when nothing is
being typed here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.domain import clock
from mutualaid_desktop.services.changes import SETTINGS, TARGETS, UNITS
from mutualaid_desktop.services.permissions import may, why_not
from mutualaid_desktop.ui.common.counter_page import CounterPage
from mutualaid_desktop.ui.common.file_dialogs import ask_open_file
from mutualaid_desktop.ui.common.widgets import disable_while_working, enable_after_work, table_cell
from mutualaid_desktop.ui.shell.background import user_message
from mutualaid_desktop.ui.shell.task_runner import TaskRunner

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.store.database import Database

COL_CODE, COL_NAME, COL_PREMIUMS, COL_ENROLLMENTS, COL_COVERAGE = range(5)
FIGURE_COLUMNS = (COL_PREMIUMS, COL_ENROLLMENTS, COL_COVERAGE)


def read_targets_page(db: Database, year: int):
    """What the tab shows: the targets of `year` and the thresholds (on the worker)."""
    from mutualaid_desktop.services.statistics.targets import list_targets, million_thresholds

    return list_targets(db, year), million_thresholds(db)


def figure_texts(row) -> tuple[str, str, str]:
    """A TargetRow's figures as the table shows them (and as the service reads them back)."""
    return (
        "" if row.premiums is None else f"{row.premiums:,.2f}",
        "" if row.enrollments is None else str(row.enrollments),
        "" if row.coverage is None else f"{row.coverage:.2f}",
    )


class TargetsPage(CounterPage):
    loaded = Signal()
    saved = Signal(object)  # the TargetRows saved
    save_failed = Signal(object)  # the error
    thresholds_saved = Signal(object)
    imported = Signal(object)  # TargetImport

    shows = frozenset({TARGETS, UNITS, SETTINGS})

    def __init__(
        self,
        db: Database,
        user: UserInfo,
        *,
        worker: TaskRunner,
        parent: QWidget | None = None,
        today: Callable[[], date] = clock.today,
    ) -> None:
        super().__init__(db, user, worker=worker, parent=parent, today=today)
        self.setObjectName("targetsPage")
        self._may_edit = may(user, "set_targets")
        self._shown: dict[str, tuple[str, str, str]] = {}  # code -> the figures last read
        self._shown_thresholds: tuple[str, str] | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_top())
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("targetsTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("代码"),
                self.tr("名称"),
                self.tr("参保金额目标（元）"),
                self.tr("参保人次目标"),
                self.tr("覆盖率目标（%）"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(180)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("保存(&S)"))
        self.save_button.setObjectName("saveButton")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message_label = QLabel(" ")
        self.message_label.setObjectName("messageLabel")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message_label)
        layout.addWidget(self._build_thresholds())
        self.permission_label = QLabel(why_not(user, "set_targets") or "")
        self.permission_label.setObjectName("permissionLabel")
        self.permission_label.setWordWrap(True)
        self.permission_label.setVisible(not self._may_edit)
        layout.addWidget(self.permission_label)
        for control in (
            self.save_button,
            self.import_button,
            self.thresholds_button,
            self.million_edit,
            self.two_million_edit,
        ):
            control.setEnabled(self._may_edit)
            control.setToolTip(why_not(user, "set_targets") or "")
        self.year_combo.currentIndexChanged.connect(lambda _index: self.reload())
        self.reload()

    def _build_top(self) -> QHBoxLayout:
        top = QHBoxLayout()
        year_label = QLabel(self.tr("年度(&Y)"))
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("yearCombo")
        year_label.setBuddy(self.year_combo)
        today = self._today()
        years = [today.year - 1, today.year] + ([today.year + 1] if today.month == 12 else [])
        for year in years:
            self.year_combo.addItem(self.tr("{year}年").format(year=year), year)
        self.year_combo.setCurrentIndex(years.index(today.year))
        top.addWidget(year_label)
        top.addWidget(self.year_combo)
        top.addStretch(1)
        self.import_button = QPushButton(self.tr("从Excel导入(&I)…"))
        self.import_button.setObjectName("importButton")
        self.import_button.setToolTip(self.tr("表头：县区代码、参保金额目标、参保人次目标、覆盖率目标"))
        self.import_button.clicked.connect(self.import_file)
        top.addWidget(self.import_button)
        return top

    def _build_thresholds(self) -> QGroupBox:
        box = QGroupBox(self.tr("百万县区门槛"))
        box.setObjectName("thresholdsBox")
        row = QHBoxLayout(box)
        form = QFormLayout()
        self.million_edit = QLineEdit()
        self.million_edit.setObjectName("millionEdit")
        form.addRow(self.tr("百万县区门槛（元）"), self.million_edit)
        self.two_million_edit = QLineEdit()
        self.two_million_edit.setObjectName("twoMillionEdit")
        form.addRow(self.tr("两百万县区门槛（元）"), self.two_million_edit)
        row.addLayout(form)
        self.thresholds_button = QPushButton(self.tr("保存门槛(&T)"))
        self.thresholds_button.setObjectName("thresholdsButton")
        self.thresholds_button.clicked.connect(self.save_thresholds)
        row.addWidget(self.thresholds_button, 0, Qt.AlignmentFlag.AlignBottom)
        row.addStretch(1)
        return box

    # --- reading --------------------------------------------------------------------------------

    def year(self) -> int:
        return int(self.year_combo.currentData())

    def reload_for(self, changes) -> None:
        if not self.edited():  # never over what is being typed
            self.reload()

    def reload(self) -> None:
        self._worker.submit(
            read_targets_page, self._db, self.year(), on_result=self._show, on_error=self._failed, context=self
        )

    def _show(self, result) -> None:
        rows, (million, two_million) = result
        self._fill(rows)
        thresholds = (f"{million:,.2f}", f"{two_million:,.2f}")
        if self._shown_thresholds is None or self._thresholds_on_screen() == self._shown_thresholds:
            self.million_edit.setText(thresholds[0])
            self.two_million_edit.setText(thresholds[1])
            self._shown_thresholds = thresholds
        self.loaded.emit()

    def _fill(self, rows) -> None:
        self.table.setRowCount(len(rows))
        self._shown = {}
        editable = Qt.ItemFlag.ItemIsEditable if self._may_edit else Qt.ItemFlag.NoItemFlags
        for r, row in enumerate(rows):
            texts = figure_texts(row)
            self._shown[row.unit_code] = texts
            name = row.unit_name if row.kind == "county" else self.tr("{name}（全市）").format(name=row.unit_name)
            for column, text in ((COL_CODE, row.unit_code), (COL_NAME, name)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(r, column, item)
            for column, text in zip(FIGURE_COLUMNS, texts, strict=True):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | editable)
                self.table.setItem(r, column, item)

    def _failed(self, error: BaseException) -> None:
        self.message_label.setText(user_message(error, self.tr("读取年度目标时出现意外错误。")))

    def _thresholds_on_screen(self) -> tuple[str, str]:
        return self.million_edit.text(), self.two_million_edit.text()

    def edited(self) -> dict[str, tuple[str, str, str]]:
        """The rows whose figures differ from what was read: code -> the figures as typed."""
        changed = {}
        for r in range(self.table.rowCount()):
            code = table_cell(self.table, r, COL_CODE).text()
            texts = tuple(table_cell(self.table, r, c).text().strip() for c in FIGURE_COLUMNS)
            if texts != self._shown.get(code):
                changed[code] = (texts[0], texts[1], texts[2])
        return changed

    # --- writing --------------------------------------------------------------------------------

    @Slot()
    def save(self) -> None:
        from mutualaid_desktop.services.statistics.targets import set_targets

        changed = self.edited()
        if not changed:
            self.message_label.setText(self.tr("没有改动，无需保存。"))
            return
        disable_while_working(self.save_button)
        self._worker.submit(
            set_targets,
            self._db,
            self._user,
            year=self.year(),
            targets=changed,
            on_result=self._saved,
            on_error=self._save_failed,
            context=self,
        )

    def _saved(self, rows) -> None:
        enable_after_work(self.save_button)
        self._shown = {}  # read again, whatever is typed
        self.message_label.setText(self.tr("已保存 {count} 个县区的目标。").format(count=len(rows)))
        self.reload()
        self.saved.emit(rows)

    def _save_failed(self, error: BaseException) -> None:
        enable_after_work(self.save_button)
        self.message_label.setText(user_message(error, self.tr("保存没有成功，数据未改动。")))
        self.save_failed.emit(error)

    @Slot()
    def import_file(self) -> None:
        from mutualaid_desktop.services.statistics.targets import import_targets

        path = ask_open_file(
            self, self.tr("选择年度目标文件"), "", self.tr("Excel 文件 (*.xlsx *.xls *.csv);;所有文件 (*)")
        )
        if not path:
            return
        disable_while_working(self.import_button)
        self._worker.submit(
            import_targets,
            self._db,
            self._user,
            path,
            year=self.year(),
            on_result=self._imported,
            on_error=self._import_failed,
            context=self,
        )

    def _imported(self, result) -> None:
        enable_after_work(self.import_button)
        self.message_label.setText(
            self.tr("已导入 {year} 年度目标：{rows} 个县区，其中 {changed} 个有改动。").format(
                year=self.year(), rows=result.rows, changed=result.changed
            )
        )
        self.reload()
        self.imported.emit(result)

    def _import_failed(self, error: BaseException) -> None:
        enable_after_work(self.import_button)
        self.message_label.setText(user_message(error, self.tr("导入没有成功，数据未改动。")))

    @Slot()
    def save_thresholds(self) -> None:
        from mutualaid_desktop.services.statistics.targets import set_million_thresholds

        disable_while_working(self.thresholds_button)
        self._worker.submit(
            set_million_thresholds,
            self._db,
            self._user,
            self.million_edit.text(),
            self.two_million_edit.text(),
            on_result=self._thresholds_saved,
            on_error=self._thresholds_failed,
            context=self,
        )

    def _thresholds_saved(self, thresholds) -> None:
        enable_after_work(self.thresholds_button)
        self._shown_thresholds = None  # show what was saved
        self.message_label.setText(self.tr("百万县区门槛已保存。"))
        self.reload()
        self.thresholds_saved.emit(thresholds)

    def _thresholds_failed(self, error: BaseException) -> None:
        enable_after_work(self.thresholds_button)
        self.message_label.setText(user_message(error, self.tr("门槛没有保存，数据未改动。")))
