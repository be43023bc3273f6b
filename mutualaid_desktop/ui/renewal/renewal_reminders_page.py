"""续保提示单 in batch: for the whole city, one county or one unit, one PDF per unit or one combined PDF.

The clerk chooses the season (the plan year that ends), the kind of plan, the scope, the window in which the
covers end (default: the plan's last day), the deadline (default: the day before next year's plan starts) and
where the PDFs go; the payment text printed on every reminder is shown read-only (it is edited in 设置).
统计 counts the units and members (services.renewal_reminders.prepare_reminders) without making anything,
and says who is left out and why (renewed or waiting for payment, over next year's age limit, recorded as
having left) and how many units have nobody left to remind (they get no reminder).
输出 and 保存到 are ui/renewal/renewal_reminders_output.py (ReminderOutput); 生成, 取消, the result, 打开 and 标记为已发出
are in ui/renewal/renewal_reminders_batch.py (ReminderBatchMixin).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.domain import clock
from mutualaid_desktop.services.changes import ENROLLMENTS, PLANS, SETTINGS, UNITS
from mutualaid_desktop.ui.common.counter_page import CounterPage
from mutualaid_desktop.ui.common.widgets import ERROR_COLOR, accept_typed_item, chosen_data, searchable_combo
from mutualaid_desktop.ui.renewal.renewal_reminders_batch import Progress, ReminderBatchMixin, count_reminders
from mutualaid_desktop.ui.renewal.renewal_reminders_output import ReminderOutput
from mutualaid_desktop.ui.shell.background import user_message

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.renewal.renewal_overview import OverviewChoices
    from mutualaid_desktop.services.renewal.renewal_reminders import BatchResult, ReminderRequest
    from mutualaid_desktop.store.database import Database
    from mutualaid_desktop.ui.shell.task_runner import TaskRunner

SCOPE_CITY, SCOPE_COUNTY, SCOPE_UNIT = range(3)


def season_info(db: Database, year: int, kind: str):
    """(on a worker) last year's plans and next year's plan of the season."""
    from mutualaid_desktop.services.renewal.renewal_overview import season_plans

    return season_plans(db, year, kind)


def page_choices(db: Database):
    """(on a worker) the choosers' lists and the payment text."""
    from mutualaid_desktop.services.papers.paper_texts import get_payment_text
    from mutualaid_desktop.services.renewal.renewal_overview import overview_choices

    return overview_choices(db, with_units=True), get_payment_text(db)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class RenewalRemindersPage(ReminderBatchMixin, CounterPage):
    """续保提示单. `counted` carries the ReminderRequest of 统计; `progressed` (done, total) each unit of a batch;
    `batchFinished` the BatchResult (also when cancelled); `batchFailed` and `actionFailed` a message."""

    choicesLoaded = Signal(object)
    seasonLoaded = Signal(object)
    counted = Signal(object)
    progressed = Signal(int, int)
    batchFinished = Signal(object)
    batchFailed = Signal(str)
    actionFailed = Signal(str)
    markedSent = Signal(object)

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
        self.setObjectName("renewalRemindersPage")
        self._choices: OverviewChoices | None = None
        self._filling = False
        self._season_key: tuple | None = None
        self._dates_for: tuple | None = None  # the season whose default window and deadline are shown
        self._stopper_connected = False
        self._cancel = threading.Event()
        self._running = False
        self._progress = Progress(self)
        self._progress.changed.connect(self._show_progress)
        self.result: BatchResult | None = None
        self._build()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    # --- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        outer = self.page_layout(self.tr("续保提示单"))
        self.inputs = QWidget()
        self.inputs.setObjectName("inputs")
        form = QFormLayout(self.inputs)
        form.setContentsMargins(0, 0, 0, 0)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self._build_season_rows(form)
        self._build_scope_row(form)
        self._build_dates_rows(form)
        self.output = ReminderOutput(self)
        self.output.defaultWanted.connect(self._default_out)
        self.output.add_rows(form)
        # the output's fields under the names the batch (ui/renewal/renewal_reminders_batch.py) and the tests use
        out = self.output
        self.out_edit, self.per_unit_radio, self.combined_radio = out.out_edit, out.per_unit_radio, out.combined_radio
        outer.addWidget(self.inputs)
        self._build_actions(outer)
        self._build_progress(outer)
        self._connect_signals()
        self._update_scope()

    def _build_season_rows(self, form: QFormLayout) -> None:
        """续保年度 with 险种, and the plan they choose."""
        season = QHBoxLayout()
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("yearCombo")
        self.year_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.year_combo.setMinimumWidth(200)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kindCombo")
        self.kind_combo.setMinimumWidth(140)
        self.kind_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        season.addWidget(self.year_combo)
        season.addSpacing(12)
        season.addWidget(QLabel(self.tr("险种：")))
        season.addWidget(self.kind_combo)
        season.addStretch(1)
        form.addRow(self.tr("续保年度："), season)
        self.plan_label = QLabel(" ")
        self.plan_label.setObjectName("planLabel")
        self.plan_label.setWordWrap(True)
        form.addRow(self.tr("续保计划："), self.plan_label)

    def _build_scope_row(self, form: QFormLayout) -> None:
        """范围: 全市, a 县区 or a 单位."""
        scope = QHBoxLayout()
        self.scope_group = QButtonGroup(self)
        self.city_radio = QRadioButton(self.tr("全市"))
        self.city_radio.setObjectName("cityRadio")
        self.county_radio = QRadioButton(self.tr("县区"))
        self.county_radio.setObjectName("countyRadio")
        self.unit_radio = QRadioButton(self.tr("单位"))
        self.unit_radio.setObjectName("unitRadio")
        for i, radio in enumerate((self.city_radio, self.county_radio, self.unit_radio)):
            self.scope_group.addButton(radio, i)
        self.city_radio.setChecked(True)
        self.county_combo = QComboBox()
        self.county_combo.setObjectName("countyCombo")
        self.county_combo.setMinimumWidth(160)
        self.unit_combo = searchable_combo("unitCombo")
        unit_edit = self.unit_combo.lineEdit()
        assert unit_edit is not None  # searchable_combo is editable
        unit_edit.setPlaceholderText(self.tr("输入单位名称或代码"))
        unit_edit.returnPressed.connect(self._unit_typed)  # a method, not a lambda holding the page
        scope.addWidget(self.city_radio)
        scope.addSpacing(8)
        scope.addWidget(self.county_radio)
        scope.addWidget(self.county_combo)
        scope.addSpacing(8)
        scope.addWidget(self.unit_radio)
        scope.addWidget(self.unit_combo, 1)
        form.addRow(self.tr("范围："), scope)

    def _build_dates_rows(self, form: QFormLayout) -> None:
        """保障到期 from … to, 缴费截止日, and 缴费方式 as printed."""
        window = QHBoxLayout()
        self.from_edit = self._date_edit("fromEdit")
        self.to_edit = self._date_edit("toEdit")
        self.deadline_edit = self._date_edit("deadlineEdit")
        window.addWidget(self.from_edit)
        window.addWidget(QLabel(self.tr("至")))
        window.addWidget(self.to_edit)
        window.addSpacing(16)
        window.addWidget(QLabel(self.tr("缴费截止日：")))
        window.addWidget(self.deadline_edit)
        window.addStretch(1)
        form.addRow(self.tr("保障到期："), window)

        self.payment_label = QLabel(" ")
        self.payment_label.setObjectName("paymentLabel")
        self.payment_label.setWordWrap(True)
        self.payment_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.payment_label.setToolTip(self.tr("印在每张提示单上；在 设置 中修改"))
        form.addRow(self.tr("缴费方式："), self.payment_label)

    def _build_actions(self, outer: QVBoxLayout) -> None:
        """统计, 生成, 取消, 打开, 标记为已发出."""
        actions = QHBoxLayout()
        self.count_button = QPushButton(self.tr("统计(&T)"))
        self.count_button.setObjectName("countButton")
        self.count_button.setToolTip(self.tr("只统计要提示的单位和人数，不生成文件"))
        self.count_button.clicked.connect(self.count)
        self.generate_button = QPushButton(self.tr("生成(&G)"))
        self.generate_button.setObjectName("generateButton")
        self.generate_button.clicked.connect(self.generate)
        self.cancel_button = QPushButton(self.tr("取消(&C)"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_button = QPushButton(self.tr("打开"))
        self.open_button.setObjectName("openButton")
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(self.open_output)
        actions.addWidget(self.count_button)
        actions.addWidget(self.generate_button)
        actions.addWidget(self.cancel_button)
        self.sent_button = QPushButton(self.tr("标记为已发出(&S)"))
        self.sent_button.setObjectName("sentButton")
        self.sent_button.setToolTip(
            self.tr("每单位一个 PDF 的文件已发给各单位：记入打印记录，下次提示单算作“第 2 次提示”")
        )
        self.sent_button.setVisible(False)
        self.sent_button.clicked.connect(self.mark_output_sent)
        actions.addWidget(self.open_button)
        actions.addWidget(self.sent_button)
        actions.addStretch(1)
        outer.addLayout(actions)

    def _build_progress(self, outer: QVBoxLayout) -> None:
        """The progress bar and the status line under the buttons."""
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("progressBar")
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat(self.tr("%v / %m 个单位"))
        self.progress_bar.setVisible(False)
        outer.addWidget(self.progress_bar)
        self.status_label = QLabel(" ")
        self.status_label.setObjectName("statusLabel")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.status_label)
        outer.addStretch(1)

    def _connect_signals(self) -> None:
        self.year_combo.currentIndexChanged.connect(self._season_changed)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.scope_group.idToggled.connect(self._scope_toggled)
        self.county_combo.currentIndexChanged.connect(self._default_out)
        self.unit_combo.currentIndexChanged.connect(self._default_out)

    def _unit_typed(self) -> None:
        accept_typed_item(self.unit_combo)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    # --- the choosers -----------------------------------------------------------------------

    shows = frozenset({UNITS, PLANS, SETTINGS, ENROLLMENTS})  # the choosers, the payment text, the season's plans

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)  # reloads what changed out of sight (ui/common/counter_page.py)
        if self._choices is None:  # the first time
            self.reload()

    def reload_for(self, changes) -> None:
        self.reload()

    @Slot()
    def reload(self) -> None:
        """Read the choosers' lists, the payment text and the season's plans again (first shown, then when a
        change report touches them: a plan or the payment text changed in 设置). What the clerk chose and typed is kept."""
        if self._worker.closed or self._running:
            return
        if self._choices is None:
            self._set_status(self.tr("正在读取…"))
        db = self._db
        self._worker.query(
            lambda: page_choices(db), parent=self, success=self._choices_loaded, failure=self._load_failed
        )

    def _choices_loaded(self, loaded) -> None:
        choices, payment = loaded
        first = self._choices is None
        self._choices = choices
        self.payment_label.setText(payment)
        county, unit = self.county_combo.currentData(), chosen_data(self.unit_combo)
        self._filling = True
        try:
            names = {"reimbursement": self.tr("住院二次报销"), "lump_sum": self.tr("定额给付")}
            kind = self.kind_combo.currentData()
            self.kind_combo.clear()
            for code, label in choices.kinds:
                self.kind_combo.addItem(names.get(code, label), code)
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))
            self.county_combo.clear()
            for code, name in choices.counties:
                self.county_combo.addItem(name, code)
            self.unit_combo.clear()
            for code, name, _county in choices.units:
                self.unit_combo.addItem(f"{code}  {name}", code)
            self.county_combo.setCurrentIndex(max(0, self.county_combo.findData(county)))
            self.unit_combo.setCurrentIndex(self.unit_combo.findData(unit) if unit is not None else -1)
            self._fill_years()
        finally:
            self._filling = False
        if not choices.kinds:
            self._set_status(self.tr("还没有任何保障计划。请先在 设置 → 计划 中添加计划。"), error=True)
        elif first:
            self._set_status(" ")
        self._update_scope()
        self.choicesLoaded.emit(choices)
        self._season_changed()

    def _fill_years(self) -> None:
        year = self.year_combo.currentData()
        self.year_combo.clear()
        if self._choices is None:
            return
        kind = self.kind_combo.currentData()
        for y in self._choices.years.get(kind, []):
            self.year_combo.addItem(self.tr("{year} 年（续保 {next} 年）").format(year=y, next=y + 1), y)
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
        self._season_changed()

    def _season_changed(self) -> None:
        """Read the season's plans (in the background) and set the window and deadline to their defaults."""
        if self._filling or self._worker.closed:
            return
        year, kind = self.year_combo.currentData(), self.kind_combo.currentData()
        if year is None or kind is None:
            return
        self._season_key = (year, kind)
        self.plan_label.setText(self.tr("正在读取…"))
        db = self._db
        self._worker.query(
            lambda: season_info(db, year, kind),
            parent=self,
            success=lambda plans: self._season_loaded((year, kind), plans),
            failure=lambda error: self._season_failed((year, kind), error),
        )

    def _season_loaded(self, key: tuple, plans) -> None:
        if key != self._season_key:
            return  # another season was chosen meanwhile
        from mutualaid_desktop.domain.money import format_amount, from_fen

        current, nxt = plans
        end = current[0].period_end
        defaults = (key, nxt.code if nxt is not None else None)
        new_season = defaults != self._dates_for  # else keep the window and deadline the clerk may have changed
        self._dates_for = defaults
        if new_season:
            self.from_edit.setDate(_qdate(end))
            self.to_edit.setDate(_qdate(end))
        if nxt is None:
            if new_season:
                self.deadline_edit.setDate(_qdate(end))
            self.plan_label.setText(
                self.tr("还没有 {year} 年度的计划。请先在 设置 → 计划 中添加下一年度的计划，再生成续保提示单。").format(
                    year=key[0] + 1
                )
            )
            self.plan_label.setStyleSheet(f"color: {ERROR_COLOR};")
        else:
            if new_season:
                self.deadline_edit.setDate(_qdate(nxt.period_start - timedelta(days=1)))
            self.plan_label.setText(
                self.tr("{code} {name}，每份 {amount}，保障期 {start} 至 {end}").format(
                    code=nxt.code,
                    name=nxt.name,
                    amount=format_amount(from_fen(nxt.premium_per_share_fen)),
                    start=nxt.period_start.isoformat(),
                    end=nxt.period_end.isoformat(),
                )
            )
            self.plan_label.setStyleSheet("")
        self._default_out()
        self.seasonLoaded.emit(plans)

    def _season_failed(self, key: tuple, error: BaseException) -> None:
        if key != self._season_key:
            return
        self.plan_label.setText(user_message(error, self.tr("读取计划时出现意外错误。")))
        self.plan_label.setStyleSheet(f"color: {ERROR_COLOR};")

    def _load_failed(self, error: BaseException) -> None:
        self._set_status(user_message(error, self.tr("读取数据时出现意外错误。")), error=True)

    def _scope_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._update_scope()
            self._default_out()

    def _update_scope(self) -> None:
        scope = self.scope_group.checkedId()
        self.county_combo.setEnabled(scope == SCOPE_COUNTY)
        self.unit_combo.setEnabled(scope == SCOPE_UNIT)

    def choose(
        self, *, year: int | None = None, kind: str | None = None, county: str | None = None, unit: str | None = None
    ) -> None:
        """Set the season and scope (tests, and the lead's wiring): a county or a unit code, else the city."""
        self._filling = True
        try:
            if kind is not None:
                self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
                self._fill_years()
            if year is not None:
                self.year_combo.setCurrentIndex(self.year_combo.findData(year))
        finally:
            self._filling = False
        if county is not None:
            self.county_combo.setCurrentIndex(self.county_combo.findData(county))
            self.county_radio.setChecked(True)
        elif unit is not None:
            self.unit_combo.setCurrentIndex(self.unit_combo.findData(unit))
            self.unit_radio.setChecked(True)
        else:
            self.city_radio.setChecked(True)
        if year is not None or kind is not None:
            self._season_changed()

    # --- the output -------------------------------------------------------------------------

    def combined(self) -> bool:
        return self.output.combined()

    def _scope_name(self) -> str:
        """The scope in a file name (not translated: the papers folder keeps one name whatever the language)."""
        scope = self.scope_group.checkedId()
        if scope == SCOPE_COUNTY and self.county_combo.currentIndex() >= 0:
            return self.county_combo.currentText()
        if scope == SCOPE_UNIT and chosen_data(self.unit_combo):
            return str(chosen_data(self.unit_combo))
        return "全市"

    def _default_out(self) -> None:
        """The default output, papers/reminders/续保提示单-<next year>-<scope>(.pdf) next to the database, unless
        the clerk chose one."""
        if self.output.chosen or self._filling:
            return
        from mutualaid_desktop.services.enrollment.payments import papers_folder

        year = self.year_combo.currentData()
        name = f"续保提示单-{(year or 0) + 1}-{self._scope_name()}"
        self.output.propose(papers_folder(self._db) / "reminders" / name)

    # --- the request ------------------------------------------------------------------------

    def _options(self) -> dict | None:
        """The request as prepare_reminders takes it; None (and the reason shown) when something is missing."""
        year, kind = self.year_combo.currentData(), self.kind_combo.currentData()
        if year is None or kind is None:
            self._refuse(self.tr("请先选择续保年度和险种。"))
            return None
        county = unit = None
        scope = self.scope_group.checkedId()
        if scope == SCOPE_COUNTY:
            county = self.county_combo.currentData()
            if county is None:
                self._refuse(self.tr("请选择县区。"))
                return None
        elif scope == SCOPE_UNIT:
            unit = chosen_data(self.unit_combo)
            if unit is None:
                self._refuse(self.tr("请从列表中选择一个单位（可输入名称或代码查找）。"))
                self.unit_combo.setFocus()
                return None
        first, last = self.from_edit.date().toPython(), self.to_edit.date().toPython()
        return {
            "kind": kind,
            "county": county,
            "unit": unit,
            "window": (first, last),
            "deadline": self.deadline_edit.date().toPython(),
            "issued_on": self._today(),
            "year": year,
        }

    def _refuse(self, text: str) -> None:
        self._set_status(text, error=True)
        self.actionFailed.emit(text)

    def _set_status(self, text: str, *, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(f"color: {ERROR_COLOR};" if error else "")

    @Slot()
    def count(self) -> None:
        """统计: how many units and members would get a reminder (nothing is made)."""
        options = self._options()
        if options is None or self._running or self._worker.closed:
            return
        year = options.pop("year")
        self.count_button.setEnabled(False)
        self._set_status(self.tr("正在统计…"))
        db = self._db
        self._worker.query(
            lambda: count_reminders(db, year, **options), parent=self, success=self._counted, failure=self._count_failed
        )

    def _counted(self, request: ReminderRequest) -> None:
        from mutualaid_desktop.domain.money import format_amount

        self.count_button.setEnabled(not self._running)
        first, last = request.window
        if request.unit_count:
            text = self.tr(
                "将为 {units} 个单位、{members} 名会员生成续保提示单（保障 {first} 至 {last} 到期、尚未续保；"
                "每份 {amount}，缴费截止 {deadline}）。"
            ).format(
                units=request.unit_count,
                members=request.member_count,
                first=first.isoformat(),
                last=last.isoformat(),
                amount=format_amount(request.common.premium_per_share),
                deadline=request.common.deadline.isoformat(),
            )
        else:
            text = self.tr(
                "所选范围内没有需要提示续保的会员（保障 {first} 至 {last} 到期的都已续保，或没有）。"
            ).format(first=first.isoformat(), last=last.isoformat())
        skipped = request.not_reminded
        if request.units_done or any(skipped.values()):
            text += "\n" + self.tr(
                "未列入：已续保或待缴费 {renewed} 人，超出续保计划参保年龄 {over_age} 人，已登记离开 {left} 人"
                "（不计入应缴）；{units} 个单位已无需提示，不生成提示单。"
            ).format(
                renewed=skipped.get("renewed", 0),
                over_age=skipped.get("over_age", 0),
                left=skipped.get("left", 0),
                units=request.units_done,
            )
        self._set_status(text)
        self.counted.emit(request)

    def _count_failed(self, error: BaseException) -> None:
        self.count_button.setEnabled(not self._running)
        self._refuse(user_message(error, self.tr("统计时出现意外错误。")))
