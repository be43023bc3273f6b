"""Alt+letter does one thing on every screen.

A mnemonic used twice on one screen only moves between the two, and one that is also a menu's
(文件(&F), 转到(&V), 帮助(&H)) is taken by whichever Qt finds first. Seen: 查找(&F) on 会员 and 筛选(&F) on
设置 → 单位 against 文件(&F); earlier 转到(&G) against a button of 理赔受理.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel

from mutualaid_desktop.ui.shell.main_window import MainWindow
from tests.gui.ui.screens import every_screen


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).upper() if found else None


def test_the_mnemonic_helper_reads_qt_text():
    assert mnemonic("确认续保(&C)") == "C" and mnemonic("A && B") is None and mnemonic("File") is None


def test_no_screen_repeats_a_mnemonic_or_takes_a_menus(qtbot, database, admin):
    window = MainWindow(database, admin, run_check=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    menus = {mnemonic(action.text()) for action in window.menuBar().actions()}
    assert menus == {"F", "V", "H"}
    clashes = {}
    try:
        for where, page in every_screen(window):
            seen: dict[str, list[str]] = {}
            for kind in (QAbstractButton, QLabel, QGroupBox):
                for widget in page.findChildren(kind):
                    text = widget.title() if isinstance(widget, QGroupBox) else widget.text()
                    if widget.isVisible() and (letter := mnemonic(text)):
                        seen.setdefault(letter, []).append(text)
            found = {letter: texts for letter, texts in seen.items() if len(texts) > 1 or letter in menus}
            if found:
                clashes[where] = found
    finally:
        window.shutdown()
    assert clashes == {}
