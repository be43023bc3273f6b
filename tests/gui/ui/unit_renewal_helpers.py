"""The 单位续保 page opened on the renewal city's unit, for the tests of its parts."""

from __future__ import annotations

from mutualaid_desktop.ui.renewal.unit_renewal_page import UnitRenewalPage
from tests.integration.services.renewal_unit_data import TODAY, UNIT


def make_page(qtbot, database, user, worker) -> UnitRenewalPage:
    page = UnitRenewalPage(database, user, worker=worker, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1180, 760)
    page.show()
    with qtbot.waitSignal(page.choicesLoaded, timeout=5000):
        pass
    return page


def open_unit(qtbot, database, city, worker, unit: str = UNIT) -> UnitRenewalPage:
    page = make_page(qtbot, database, city.admin, worker)
    with qtbot.waitSignal(page.draftLoaded, timeout=5000):
        page.choose(unit)
    return page


def source_row(page, member_id: int) -> int:
    row = page.model.member_row(member_id)
    assert row >= 0
    return row


def view_row(page, member_id: int) -> int:
    return page.proxy.mapFromSource(page.model.index(source_row(page, member_id), 0)).row()


def answer_confirmation(page, reason: str = "离职/调出") -> None:
    """What 确认续保 asks, answered: the leavers' reason (when asked), the summary, the number of leavers again."""
    dialog = page.reason_dialog
    if dialog is not None:
        dialog.reason_combo.setCurrentIndex(dialog.reason_combo.findData(reason))
        dialog.accept()
    summary = page.summary_dialog
    assert summary is not None, page.message_label.text()
    summary.accept()
    box = page.many_leavers_box
    if box is not None:
        box.yes_button.click()


def plain(text: str) -> str:
    """A button's text without its mnemonic: 确认续保(&C) -> 确认续保."""
    import re

    return re.sub(r"\(&.\)|&", "", text)
