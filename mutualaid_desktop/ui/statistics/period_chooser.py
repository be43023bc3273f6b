"""The 统计 screen's choosers: the year, the kind of period (月份 / 季度 / 年初至今 / 全年) with its month or
quarter, and the basis (按收付日期 / 按计划年度). `changed` once per change made by the user; `period()` and
`basis()` say what is chosen (domain/periods.py, figures.BASES)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from mutualaid_desktop.domain.periods import KINDS, Period
from mutualaid_desktop.services.statistics.figures import BASES

MIN_YEAR, MAX_YEAR = 2000, 2100  # the years a Period takes


class PeriodChooser(QWidget):
    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("periodChooser")
        self._quiet = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.year_spin = QSpinBox()
        self.year_spin.setObjectName("yearSpin")
        self.year_spin.setRange(MIN_YEAR, MAX_YEAR)
        self.year_spin.setValue(today.year)
        self.year_spin.setAccessibleName(self.tr("年度"))
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kindCombo")
        names = {
            "month": self.tr("月份"),
            "quarter": self.tr("季度"),
            "ytd": self.tr("年初至今"),
            "year": self.tr("全年"),
        }
        for kind in KINDS:
            self.kind_combo.addItem(names[kind], kind)
        self.number_combo = QComboBox()
        self.number_combo.setObjectName("numberCombo")
        self.number_combo.setMinimumContentsLength(6)
        self.basis_combo = QComboBox()
        self.basis_combo.setObjectName("basisCombo")
        labels = {"cash": self.tr("按收付日期"), "plan-year": self.tr("按计划年度")}
        for basis in BASES:
            self.basis_combo.addItem(labels[basis], basis)
        self.basis_combo.setToolTip(
            self.tr("按收付日期：本期收到的互助金和付出的给付；按计划年度：该年度计划的全部收付，不论哪天发生")
        )
        for text, widget in (
            (self.tr("年度(&Y)："), self.year_spin),
            (self.tr("期间(&P)："), self.kind_combo),
            (None, self.number_combo),
            (self.tr("口径(&B)："), self.basis_combo),
        ):
            if text is not None:
                caption = QLabel(text)
                caption.setBuddy(widget)
                layout.addWidget(caption)
            layout.addWidget(widget)
            layout.addSpacing(6)
        layout.addStretch(1)
        self._fill_numbers(today.month)
        self._kind = "month"
        self.year_spin.valueChanged.connect(self._emit)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.number_combo.currentIndexChanged.connect(self._emit)
        self.basis_combo.currentIndexChanged.connect(self._emit)

    def _fill_numbers(self, keep_month: int) -> None:
        """The months (月份, 年初至今: through which month) or the quarters; none for 全年."""
        kind = self.kind_combo.currentData()
        quiet, self._quiet = self._quiet, True
        try:
            self.number_combo.clear()
            if kind == "quarter":
                for q in range(1, 5):
                    self.number_combo.addItem(self.tr("第{n}季度").format(n="一二三四"[q - 1]), q)
                self.number_combo.setCurrentIndex((keep_month - 1) // 3)
            elif kind in ("month", "ytd"):
                text = self.tr("{n}月") if kind == "month" else self.tr("1—{n}月")
                for m in range(1, 13):
                    self.number_combo.addItem(text.format(n=m), m)
                self.number_combo.setCurrentIndex(keep_month - 1)
            self.number_combo.setVisible(kind != "year")
        finally:
            self._quiet = quiet

    def _kind_changed(self) -> None:
        """Another kind of period: the month or quarter that holds the month chosen before."""
        number = int(self.number_combo.currentData() or 12)
        month = number * 3 if self._kind == "quarter" else 12 if self._kind == "year" else number
        self._kind = str(self.kind_combo.currentData())
        self._fill_numbers(month)
        self._emit()

    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit()

    def period(self) -> Period:
        kind = self.kind_combo.currentData()
        number = 12 if kind == "year" else int(self.number_combo.currentData() or 1)
        return Period(kind, self.year_spin.value(), number)

    def basis(self) -> str:
        return str(self.basis_combo.currentData())

    def choose(self, period: Period, basis: str | None = None) -> None:
        """Set the choosers (tests, and a caller that opens the screen on a period); `changed` once."""
        self._quiet = True
        try:
            self.year_spin.setValue(period.year)
            self.kind_combo.setCurrentIndex(KINDS.index(period.kind))
            self._kind = period.kind
        finally:
            self._quiet = False
        month = period.number * 3 if period.kind == "quarter" else period.number
        self._fill_numbers(month)
        if basis is not None:
            self._quiet = True
            self.basis_combo.setCurrentIndex(self.basis_combo.findData(basis))
            self._quiet = False
        self.changed.emit()
