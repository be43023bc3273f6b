"""设置 → 柜台信息: an empty address or phone says what the member and unit papers print in its place."""

from __future__ import annotations

from mutualaid_desktop.services.admin.counter_setup import COUNTER_UNKNOWN, get_counter_info
from mutualaid_desktop.ui.settings.counter_info_page import CounterInfoPage


def test_empty_fields_say_what_the_papers_print_and_saving_fills_them(qtbot, database, admin, worker):
    page = CounterInfoPage(database, admin, worker=worker)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.show()
    for edit in (page.address_edit, page.phone_edit):
        assert edit.text() == "" and COUNTER_UNKNOWN in edit.placeholderText() and "续保提示单" in edit.toolTip()
    page.grab().save("/tmp/papers-counter-info.png")
    page.address_edit.setText("商洛市商州区北新街36号")
    page.phone_edit.setText("0914-2313456")
    with qtbot.waitSignal(page.saved, timeout=5000):
        page.save_button.click()
    info = get_counter_info(database)
    assert (info.address, info.phone) == ("商洛市商州区北新街36号", "0914-2313456")
    assert "温馨提示" in page.message_label.text()
