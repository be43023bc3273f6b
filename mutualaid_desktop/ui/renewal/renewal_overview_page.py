"""续保进度: the renewal overview of a season, per county and unit (services/renewal/renewal_overview.py).

Per unit: 上年参保, 已续保 (where the member renewed: moved in from another unit included, said in its tooltip),
续保率, 待缴费, 离开 (members the unit said have left, recorded in 单位续保), 转出 (renewed in another unit),
不能续保 (outside next year's age limit), 未续保 (= 上年参保 − 已续保（不含转入）− 待缴费 − 离开 − 转出 − 不能续保),
新参保, 已收金额 (paid for 已续保 + 新参保) and 状态 (services/renewal_overview.unit_state: 待缴费 once the renewal
is confirmed, 已办完 when nobody is open or waiting).
The clerk chooses the season (the plan year that ends: 2026 renews into 2027), the kind of plan and the
whole city or one county. The table shows each county's subtotal followed by its units, the units that
have not come yet first (nothing renewed), then the most open; the city total closes the table and is
repeated in the line under it. 只看未办完 hides the units with nobody left to renew or to pay for.
导出 Excel… saves the table as read (the rows shown, with the subtotals and the total) as an .xlsx file to
send to the county unions: a file dialog (续保进度-<renewal year>-<scope>.xlsx in the papers folder, or the folder
used last), the file written on the background worker, then a message with where it is (`exported(path)`;
`exportFailed(message)` when it cannot be written, e.g. open in Excel).
Figures are read on the background worker when the page is first shown, on a change of the choosers and
on 刷新 (F5). Double-click (or Enter) on a unit emits `unitActivated(code)`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSettings, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from mutualaid_desktop.domain import clock
from mutualaid_desktop.services.changes import ENROLLMENTS, LEAVERS, MEMBERS, PAYMENTS, PLANS, UNITS
from mutualaid_desktop.ui.common.counter_page import CounterPage
from mutualaid_desktop.ui.common.file_dialogs import ask_save_file
from mutualaid_desktop.ui.common.widgets import ERROR_COLOR, list_table
from mutualaid_desktop.ui.renewal.renewal_overview_model import OverviewLine, RenewalOverviewModel, overview_lines
from mutualaid_desktop.ui.shell.background import SerialLoad, user_message
from mutualaid_desktop.ui.shell.task_runner import TaskRunner

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.renewal.renewal_overview import OverviewChoices, RenewalOverview
    from mutualaid_desktop.store.database import Database

COLUMN_WIDTHS = (260, 100, 80, 110, 72, 72, 70, 70, 56, 56, 72, 72, 70, 120, 96)
EXPORT_FOLDER_KEY = "renewalOverview/exportFolder"


def export_job(db: Database, overview: RenewalOverview, path: str, only_open: bool) -> Path:
    """On the background worker: the counter's name for the title, then the file."""
    from mutualaid_desktop.services.admin.counter_setup import get_counter_info
    from mutualaid_desktop.services.renewal.renewal_overview import export_overview

    return export_overview(overview, path, only_open=only_open, org_name=get_counter_info(db).org_name)


class RenewalOverviewPage(CounterPage):
    """续保进度. `overviewLoaded` carries the RenewalOverview each time it arrives; `loadFailed` the message;
    `unitActivated` the code of a unit double-clicked (or Enter)."""

    overviewLoaded = Signal(object)
    loadFailed = Signal(str)
    unitActivated = Signal(str)
    exported = Signal(str)
    exportFailed = Signal(str)

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
        self.setObjectName("renewalOverviewPage")
        self._choices: OverviewChoices | None = None
        self._choices_stale = True
        self._overview: RenewalOverview | None = None
        self._load = SerialLoad()
        self._filling = False  # the choosers are being filled: no reload for each change
        self._exporting = False
        self._build()
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Refresh),
            self,
            self.reload,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )

    # --- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.setToolTip(self.tr("重新统计（F5）"))
        self.refresh_button.clicked.connect(self.reload)
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.export_button.setObjectName("exportButton")
        self.export_button.setToolTip(self.tr("把表中的各行（含小计和合计）保存为 Excel 文件，发给县区工会"))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export_excel)
        outer = self.page_layout(self.tr("续保进度"), self.export_button, self.refresh_button)

        bar = QHBoxLayout()
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("yearCombo")
        self.year_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kindCombo")
        self.kind_combo.setMinimumWidth(140)
        self.kind_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.county_combo = QComboBox()
        self.county_combo.setObjectName("countyCombo")
        self.county_combo.setMinimumWidth(180)
        self.county_combo.addItem(self.tr("全市"), None)
        self.only_open_check = QCheckBox(self.tr("只看未办完的单位"))
        self.only_open_check.setObjectName("onlyOpenCheck")
        self.only_open_check.toggled.connect(self._show_lines)
        for label, widget in (
            (self.tr("续保年度："), self.year_combo),
            (self.tr("险种："), self.kind_combo),
            (self.tr("范围："), self.county_combo),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            bar.addWidget(caption)
            bar.addWidget(widget)
            bar.addSpacing(8)
        bar.addStretch(1)
        outer.addLayout(bar)
        below = QHBoxLayout()  # its own row: beside the choosers it was squeezed over them in a narrow window
        below.addWidget(self.only_open_check)
        below.addStretch(1)
        outer.addLayout(below)
        self.year_combo.currentIndexChanged.connect(self._chooser_changed)
        self.county_combo.currentIndexChanged.connect(self._chooser_changed)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)

        self.plan_label = QLabel(" ")
        self.plan_label.setObjectName("planLabel")
        self.plan_label.setWordWrap(True)
        outer.addWidget(self.plan_label)

        self.model = RenewalOverviewModel(self)
        self.table = list_table("overviewTable", self.model)
        # fixed starting widths: sizing 6,000 rows to their contents takes a second at each load
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))

        self.table.activated.connect(self._activated)
        outer.addWidget(self.table, 1)

        self.totals_label = QLabel(" ")
        self.totals_label.setObjectName("totalsLabel")
        self.totals_label.setWordWrap(True)
        font = self.totals_label.font()
        font.setBold(True)
        self.totals_label.setFont(font)
        outer.addWidget(self.totals_label)
        self.status_label = QLabel(" ")
        self.status_label.setObjectName("statusLabel")
        self.status_label.setWordWrap(True)
        outer.addWidget(self.status_label)

    # --- the choosers -----------------------------------------------------------------------

    shows = frozenset({UNITS, PLANS, MEMBERS, ENROLLMENTS, PAYMENTS, LEAVERS})  # the season's figures

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)  # reloads what changed out of sight (ui/common/counter_page.py)
        if self._choices is None and not self._load.loading:  # the first time
            self.reload()

    def reload_for(self, changes) -> None:
        self.reload()

    def _fill_choosers(self, choices: OverviewChoices) -> None:
        self._choices = choices
        self._filling = True
        try:
            kind = self.kind_combo.currentData()
            self.kind_combo.clear()
            names = {"reimbursement": self.tr("住院二次报销"), "lump_sum": self.tr("定额给付")}
            for code, label in choices.kinds:
                self.kind_combo.addItem(names.get(code, label), code)
            index = self.kind_combo.findData(kind)
            self.kind_combo.setCurrentIndex(max(0, index))
            county = self.county_combo.currentData()
            self.county_combo.clear()
            self.county_combo.addItem(self.tr("全市"), None)
            for code, name in choices.counties:
                self.county_combo.addItem(name, code)
            self.county_combo.setCurrentIndex(max(0, self.county_combo.findData(county)))
            self._fill_years()
        finally:
            self._filling = False

    def _fill_years(self) -> None:
        year = self.year_combo.currentData()
        self.year_combo.clear()
        if self._choices is None:
            return
        kind = self.kind_combo.currentData()
        for y in self._choices.years.get(kind, []):
            self.year_combo.addItem(self.tr("{year} 年（续保 {next} 年）").format(year=y, next=y + 1), y)
        if year is None:
            year = self._choices.default_year(kind, self._today())
        index = self.year_combo.findData(year)
        if index < 0:
            index = self.year_combo.findData(self._choices.default_year(kind, self._today()))
        self.year_combo.setCurrentIndex(max(0, index))

    def _kind_changed(self) -> None:
        if self._filling:
            return
        self._filling = True
        try:
            self._fill_years()
        finally:
            self._filling = False
        self.refresh()

    def _chooser_changed(self) -> None:
        if not self._filling:
            self.refresh()

    def choose(self, *, year: int | None = None, kind: str | None = None, county: str | bool | None = False) -> None:
        """Set the choosers (tests, and the lead's wiring); reloads once."""
        self._filling = True
        try:
            if kind is not None:
                self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
                self._fill_years()
            if year is not None:
                self.year_combo.setCurrentIndex(self.year_combo.findData(year))
            if county is not False:
                self.county_combo.setCurrentIndex(max(0, self.county_combo.findData(county)))
        finally:
            self._filling = False
        self.refresh()

    # --- loading ----------------------------------------------------------------------------

    def is_loading(self) -> bool:
        return self._load.loading

    @Slot()
    def reload(self) -> None:
        """Read the choosers' lists again (a plan may have been added in 设置), then the figures: on showing the
        page, 刷新 and F5."""
        self._choices_stale = True
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Read the figures of the chosen season, in the background (the choosers' lists first when stale)."""
        if self._worker.closed:
            return
        if not self._load.start():
            return
        from mutualaid_desktop.services.renewal.renewal_overview import overview_choices, renewal_overview

        self.refresh_button.setEnabled(False)
        self.status_label.setText(self.tr("正在统计…"))
        self.status_label.setStyleSheet("")
        if self._choices is None or self._choices_stale:
            self._worker.submit(
                overview_choices, self._db, on_result=self._choices_loaded, on_error=self._failed, context=self
            )
            return
        year = self.year_combo.currentData()
        kind = self.kind_combo.currentData()
        if year is None or kind is None:
            self._finish()
            self._show_problem(self.tr("还没有任何保障计划。请先在 设置 → 计划 中添加计划。"))
            return
        self._worker.submit(
            renewal_overview,
            self._db,
            year,
            kind=kind,
            county=self.county_combo.currentData(),
            today=self._today(),
            on_result=self._loaded,
            on_error=self._failed,
            context=self,
        )

    def _choices_loaded(self, choices: OverviewChoices) -> None:
        self._fill_choosers(choices)
        self._choices_stale = False
        again = self._load.finish()
        self.refresh()  # now the figures
        if again:  # asked for meanwhile: once more after them
            self.refresh()

    def _finish(self) -> None:
        again = self._load.finish()
        self.refresh_button.setEnabled(True)
        if again:
            self.refresh()

    def _loaded(self, overview: RenewalOverview) -> None:
        from mutualaid_desktop.domain.money import format_amount, from_fen

        self._overview = overview
        current = "、".join(p.code for p in overview.current)
        nxt = overview.next_plan
        self.plan_label.setText(
            self.tr("上年计划：{current}；续保计划：{code} {name}，每份 {amount}").format(
                current=current, code=nxt.code, name=nxt.name, amount=format_amount(from_fen(nxt.premium_per_share_fen))
            )
        )
        self._show_lines()
        self.status_label.setText(self.tr("尚未来办理的单位在前，其余按未续保人数从多到少排列。"))
        self._update_export_button()
        self.overviewLoaded.emit(overview)
        self._finish()

    def _failed(self, error: BaseException) -> None:
        text = user_message(error, self.tr("统计时出现意外错误。"))
        self._overview = None
        self._update_export_button()
        self.model.set_rows([])
        self.plan_label.setText(" ")
        self.totals_label.setText(" ")
        self._show_problem(text)
        self.loadFailed.emit(text)
        self._finish()

    def _show_problem(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(f"color: {ERROR_COLOR};")

    # --- showing ----------------------------------------------------------------------------

    @property
    def overview(self) -> RenewalOverview | None:
        return self._overview

    def _show_lines(self) -> None:
        overview = self._overview
        if overview is None:
            return
        lines = overview_lines(overview, only_open=self.only_open_check.isChecked())
        where = self.county_combo.currentText() if overview.county_code else self.tr("全市")
        lines.append(OverviewLine("total", "", self.tr("{where}合计").format(where=where), "", "", overview.total))
        self.model.set_rows(lines)
        self.totals_label.setText(self.totals_text(overview, where))

    def totals_text(self, overview: RenewalOverview, where: str) -> str:
        from mutualaid_desktop.domain.money import format_amount

        t = overview.total
        rate = "—" if t.rate is None else f"{t.rate}%"
        return self.tr(
            "{where}：上年参保 {covered} 人，已续保 {renewed} 人（{rate}），待缴费 {pending} 人，"
            "离开 {left} 人，转出 {moved} 人，不能续保 {cannot} 人，未续保 {open} 人，新参保 {joiners} 人，已收 {amount}；"
            "{units} 个单位中 {waiting} 个尚未来办理。"
        ).format(
            where=where,
            covered=f"{t.covered:,}",
            renewed=f"{t.renewed:,}",
            rate=rate,
            pending=f"{t.pending:,}",
            left=f"{t.left:,}",
            moved=f"{t.moved_out:,}",
            cannot=f"{t.cannot:,}",
            open=f"{t.open:,}",
            joiners=f"{t.joiners:,}",
            amount=format_amount(t.received),
            units=f"{overview.unit_count:,}",
            waiting=f"{overview.units_not_come:,}",
        )

    # --- export -----------------------------------------------------------------------------

    def _update_export_button(self) -> None:
        self.export_button.setEnabled(self._overview is not None and not self._exporting)

    def is_exporting(self) -> bool:
        return self._exporting

    def suggested_export_path(self) -> Path:
        """续保进度-<year>-<scope>.xlsx in the folder used last, else in the papers folder beside the database."""
        from mutualaid_desktop.services.enrollment.payments import papers_folder
        from mutualaid_desktop.services.renewal.renewal_overview import export_file_name

        folder = str(QSettings().value(EXPORT_FOLDER_KEY, "", type=str))
        base = Path(folder) if folder and Path(folder).is_dir() else papers_folder(self._db) / "overview"
        assert self._overview is not None  # offered only once an overview is shown
        return base / export_file_name(self._overview)

    @Slot()
    def export_excel(self) -> None:
        """Ask where, then write the overview shown (the rows of 只看未办完 when it is ticked) in the background."""
        overview = self._overview
        if overview is None or self._exporting:
            return
        chosen = ask_save_file(
            self, self.tr("导出续保进度"), self.suggested_export_path(), self.tr("Excel 文件 (*.xlsx)"), suffix=".xlsx"
        )
        if not chosen:
            return
        QSettings().setValue(EXPORT_FOLDER_KEY, str(Path(chosen).parent))
        self._exporting = True
        self._update_export_button()
        self.status_label.setStyleSheet("")
        self.status_label.setText(self.tr("正在导出…"))
        self._worker.submit(
            export_job,
            self._db,
            overview,
            chosen,
            self.only_open_check.isChecked(),
            on_result=self._exported,
            on_error=self._export_failed,
            context=self,
        )

    def _exported(self, path: Path) -> None:
        self._exporting = False
        self._update_export_button()
        self.status_label.setStyleSheet("")
        self.status_label.setText(self.tr("已导出到 {path}").format(path=path))
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("续保进度已导出"),
            self.tr("已保存为 Excel 文件：\n{path}").format(path=path),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("exportedBox")
        open_folder = box.addButton(self.tr("打开所在文件夹"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(self.tr("关闭"), QMessageBox.ButtonRole.RejectRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        folder = QUrl.fromLocalFile(str(Path(path).parent))
        open_folder.clicked.connect(lambda: QDesktopServices.openUrl(folder))
        box.open()
        self.exported.emit(str(path))

    def _export_failed(self, error: BaseException) -> None:
        self._exporting = False
        self._update_export_button()
        text = user_message(error, self.tr("导出时出现意外错误。"))
        self._show_problem(text)
        self.exportFailed.emit(text)

    def _activated(self, index: QModelIndex) -> None:
        line = self.model.row(index.row())
        if line is not None and line.level == "unit" and line.code:
            self.unitActivated.emit(line.code)
