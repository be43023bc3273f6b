"""The 统计 screen's choosers: a period of each kind, the month kept across kinds, the basis."""

from __future__ import annotations

from datetime import date

from mutualaid_desktop.domain.periods import Period, month, whole_year, year_to_date
from mutualaid_desktop.ui.statistics.period_chooser import PeriodChooser


def test_this_month_on_the_cash_basis_first(qtbot):
    chooser = PeriodChooser(date(2026, 11, 20))
    qtbot.addWidget(chooser)
    assert chooser.period() == month(2026, 11) and chooser.basis() == "cash"


def test_each_kind_keeps_the_month_chosen_before(qtbot):
    chooser = PeriodChooser(date(2026, 8, 5))
    qtbot.addWidget(chooser)
    chooser.show()
    changes = []
    chooser.changed.connect(lambda: changes.append(chooser.period()))
    chooser.kind_combo.setCurrentIndex(chooser.kind_combo.findData("quarter"))
    assert chooser.period() == Period("quarter", 2026, 3)  # August is in the third quarter
    chooser.kind_combo.setCurrentIndex(chooser.kind_combo.findData("ytd"))
    assert chooser.period() == year_to_date(2026, 9)  # through the quarter's last month
    chooser.kind_combo.setCurrentIndex(chooser.kind_combo.findData("year"))
    assert chooser.period() == whole_year(2026) and not chooser.number_combo.isVisible()
    chooser.kind_combo.setCurrentIndex(chooser.kind_combo.findData("month"))
    assert chooser.period() == month(2026, 12) and chooser.number_combo.isVisible()
    assert changes == [Period("quarter", 2026, 3), year_to_date(2026, 9), whole_year(2026), month(2026, 12)]
    chooser.year_spin.setValue(2025)
    chooser.basis_combo.setCurrentIndex(chooser.basis_combo.findData("plan-year"))
    assert changes[-2:] == [month(2025, 12), month(2025, 12)] and chooser.basis() == "plan-year"


def test_choose_sets_everything_and_says_so_once(qtbot):
    chooser = PeriodChooser(date(2026, 11, 20))
    qtbot.addWidget(chooser)
    count = []
    chooser.changed.connect(lambda: count.append(chooser.period()))
    chooser.choose(Period("quarter", 2025, 2), "plan-year")
    assert count == [Period("quarter", 2025, 2)]
    assert chooser.basis() == "plan-year" and chooser.number_combo.currentText() == "第二季度"
    chooser.choose(month(2026, 3))
    assert count[1:] == [month(2026, 3)]
