"""Small widget helpers shared by the screens.

No user-visible strings are translated here: a caller passes its own translated texts, so each
string keeps its screen's class as translation context.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

ERROR_COLOR = "#b3261e"
WARNING_COLOR = "#8a5300"


def searchable_combo(name: str) -> QComboBox:
    """An editable combo that finds its items by any part of their text."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer, line = combo.completer(), combo.lineEdit()
    assert completer is not None and line is not None  # an editable combo has both
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setMinimumWidth(320)
    # Enter while the completer's list is open reaches the line edit through QLineEdit.event (the
    # completer forwards it), not through the event filters a page installs: choose here too, so
    # typing a code and pressing Enter once picks its item.
    line.returnPressed.connect(lambda: accept_typed_item(combo))
    return combo


def selected_row(table: QTableView) -> Any:
    """The row object (model.row) of the first selected row of a list_table, None when none is selected."""
    rows = table.selectionModel().selectedRows()
    model: Any = table.model()  # a list model of ui/common/list_table_model.py (or one with its row(i))
    return model.row(rows[0].row()) if rows else None


def list_table(name: str, model, *, multi: bool = False) -> QTableView:
    """A read-only list of `model`: whole rows selected (one, or several with `multi`), Tab leaves
    the table, columns as wide as their contents, the last one stretched."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection if multi else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def is_enter_press(event: QEvent) -> bool:
    """Whether `event` is a press of Enter (Return or the keypad's Enter)."""
    return (
        event.type() == QEvent.Type.KeyPress
        and isinstance(event, QKeyEvent)
        and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
    )


def table_cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    """The item at (row, column) of a table whose every cell was given an item."""
    item = table.item(row, column)
    assert item is not None, f"no item at ({row}, {column})"
    return item


def chosen_data(combo: QComboBox) -> Any:
    """The data of the chosen item; None when there is none or the text typed (in an editable
    combo) is not that item's text."""
    index = combo.currentIndex()
    if index < 0 or combo.currentText() != combo.itemText(index):
        return None
    return combo.itemData(index)


class SubmitDialog(QDialog):
    """A dialog whose OK does not close it: OK emits `submitted`; whoever opened the dialog saves
    (on the worker) and calls `saved()` (the dialog closes, accepted) or `show_error(message)`
    (the dialog stays open with the message; OK can be pressed again)."""

    submitted = Signal()

    def add_error_and_buttons(self, layout: QVBoxLayout, ok_text: str, cancel_text: str) -> None:
        """The refusal line (`error_label`, hidden) and the OK/Cancel `buttons`, at the end of `layout`."""
        self.error_label = QLabel()
        self.error_label.setObjectName("dialogError")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        self.buttons.setEnabled(False)
        self.error_label.setVisible(False)
        self.submitted.emit()

    def saved(self) -> None:
        super().accept()

    def show_error(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.error_label.setText(message)
        self.error_label.setVisible(True)


def delete_closed_dialogs(owner: QWidget, keep: QDialog, kind: type[QDialog] = QDialog) -> None:
    """Delete `owner`'s closed dialogs of `kind`, all but `keep` (the one about to open).

    A closed dialog is deleted when the next one opens: deleting it from its own finished signal
    (deleteLater there) crashed PySide6 6.11 once the worker's callback returned."""
    for old in owner.findChildren(kind):
        if old is not keep and not old.isVisible():
            old.deleteLater()


def accept_typed_item(combo: QComboBox) -> None:
    """What was typed into a searchable combo, on Enter: the item of that text, else the first item
    containing it (choosing it also puts its whole text in the field)."""
    text = combo.currentText().strip()
    if not text:
        return
    exact = combo.findText(text)
    if exact >= 0:
        combo.setCurrentIndex(exact)
        return
    for i in range(combo.count()):
        if text in combo.itemText(i):
            combo.setCurrentIndex(i)
            combo.setEditText(combo.itemText(i))
            return


def focus_next_in(chain: list[QWidget], widget: QWidget, owner: QWidget) -> QWidget | None:
    """Enter moves on: focus the next enabled, shown widget after `widget` in `chain` (a line edit
    gets its text selected, ready to be typed over); returns it, None at the end."""
    for candidate in chain[chain.index(widget) + 1 :]:
        if candidate.isEnabled() and candidate.isVisibleTo(owner):
            candidate.setFocus(Qt.FocusReason.TabFocusReason)
            if isinstance(candidate, QLineEdit):
                candidate.selectAll()
            return candidate
    return None


_focus_moved_to: WeakKeyDictionary[QWidget, QWidget | None] = WeakKeyDictionary()


def disable_while_working(button: QWidget) -> None:
    """Disable `button` while the job it started runs. Qt hands the keyboard focus of a disabled
    button to the next control (清空 beside 保存: a second Enter to try again would empty the form);
    `enable_after_work` gives it back."""
    had_focus = button.window().focusWidget() is button  # also when the window is not active
    button.setEnabled(False)
    _focus_moved_to[button] = button.window().focusWidget() if had_focus else None


def enable_after_work(button: QWidget, enabled: bool = True) -> None:
    """Enable `button` again; the focus comes back to it if it was there when the job started and
    the clerk has not put it somewhere else since."""
    button.setEnabled(enabled)
    moved_to = _focus_moved_to.pop(button, None)
    if enabled and moved_to is not None and button.window().focusWidget() is moved_to:
        button.setFocus(Qt.FocusReason.OtherFocusReason)


def work_progress(parent: QWidget, text: str, cancel_text: str, title: str, on_cancel) -> QProgressDialog:
    """The window-modal progress dialog of a long job on the worker (shown after 400 ms, kept open
    until the job ends, its 取消 calling `on_cancel`). The texts come translated from the caller."""
    dialog = QProgressDialog(text, cancel_text, 0, 100, parent)
    dialog.setObjectName("progressDialog")
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    dialog.canceled.connect(on_cancel)
    return dialog
