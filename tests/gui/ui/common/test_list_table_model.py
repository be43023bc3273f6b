"""The base of the list models (ui/common/list_table_model.py) and selected_row (ui/common/widgets.py)."""

from __future__ import annotations

from mutualaid_desktop.ui.common.list_table_model import ListTableModel
from mutualaid_desktop.ui.common.widgets import list_table, selected_row


class Numbers(ListTableModel):
    right_aligned = (0,)

    def __init__(self, rows=(), parent=None) -> None:
        super().__init__(rows, parent)
        self.headers = ["数"]

    def display(self, row, column: int) -> str:
        return str(row)


def test_a_page_read_with_one_more_row_says_there_is_more(qtmodeltester):
    model = Numbers()
    assert model.show_page(range(4), 3, appending=False) is True  # 4 rows read for a page of 3
    assert model.rows() == [0, 1, 2]
    assert model.show_page(range(3, 5), 3, appending=True) is False  # 更多…: the rest, added below
    assert model.rows() == [0, 1, 2, 3, 4]
    assert model.show_page([9], 3, appending=False) is False  # a new search replaces the rows
    assert model.rows() == [9]
    qtmodeltester.check(model)


def test_selected_row_is_the_row_object_of_the_selection(qtbot):
    model = Numbers([10, 20, 30])
    table = list_table("numbers", model)
    qtbot.addWidget(table)
    assert selected_row(table) is None
    table.selectRow(1)
    assert selected_row(table) == 20
