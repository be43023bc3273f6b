"""Small shared widgets (ui/common/widgets.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mutualaid_desktop.ui.common.widgets import chosen_data, searchable_combo


def _combo(qtbot):
    combo = searchable_combo("unitCombo")
    for label, code in (
        ("商州人民医院工会（611002-0001）", "611002-0001"),
        ("商州妇幼保健院工会（611002-0003）", "611002-0003"),
    ):
        combo.addItem(label, code)
    combo.setCurrentIndex(-1)
    qtbot.addWidget(combo)
    combo.show()
    qtbot.waitExposed(combo)
    return combo


def test_enter_in_the_open_completer_list_chooses_the_typed_code(qtbot):
    """A clerk types a unit's code; the completer's list opens with its one match; one Enter picks it
    (the Enter reaches the line edit through the completer, not through a page's event filter)."""
    combo = _combo(qtbot)
    combo.lineEdit().setFocus()
    qtbot.keyClicks(combo.lineEdit(), "611002-0003")
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert chosen_data(combo) is None
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert chosen_data(combo) == "611002-0003"
    assert combo.currentText() == "商州妇幼保健院工会（611002-0003）"


def test_enter_with_a_text_that_matches_nothing_chooses_nothing(qtbot):
    combo = _combo(qtbot)
    combo.lineEdit().setFocus()
    qtbot.keyClicks(combo.lineEdit(), "999")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert chosen_data(combo) is None and combo.currentText() == "999"


def _form(qtbot):
    from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

    form = QWidget()
    layout = QVBoxLayout(form)
    edit, save, clear = QLineEdit(), QPushButton("保存"), QPushButton("清空")
    for widget in (edit, save, clear):
        layout.addWidget(widget)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitActive(form)
    return form, edit, save, clear


def test_a_button_disabled_while_working_gets_its_focus_back(qtbot):
    from mutualaid_desktop.ui.common.widgets import disable_while_working, enable_after_work

    form, _edit, save, clear = _form(qtbot)
    save.setFocus()
    disable_while_working(save)
    assert form.focusWidget() is clear  # where Qt put it
    enable_after_work(save)
    assert form.focusWidget() is save


def test_the_focus_the_clerk_moved_meanwhile_stays_where_they_put_it(qtbot):
    from mutualaid_desktop.ui.common.widgets import disable_while_working, enable_after_work

    form, edit, save, _clear = _form(qtbot)
    save.setFocus()
    disable_while_working(save)
    edit.setFocus()
    enable_after_work(save)
    assert form.focusWidget() is edit
    edit.setFocus()
    disable_while_working(save)  # it did not have the focus: nothing to give back
    enable_after_work(save)
    assert form.focusWidget() is edit and save.isEnabled()
