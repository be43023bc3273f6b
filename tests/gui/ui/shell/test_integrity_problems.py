"""The integrity check's findings in the status bar and a box that does not block the window."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from mutualaid_desktop.ui.shell.integrity_problems import SHOWN_IN_BOX, ProblemNotice


def make_notice(qtbot) -> tuple[QMainWindow, ProblemNotice]:
    window = QMainWindow()
    qtbot.addWidget(window)
    return window, ProblemNotice(window)


def test_nothing_found_shows_nothing(qtbot):
    _, notice = make_notice(qtbot)
    notice.found([])
    assert notice.button is None and notice.box is None
    notice.show_box()
    assert notice.box is None


def test_many_problems_list_the_first_and_keep_all_in_the_details(qtbot):
    _, notice = make_notice(qtbot)
    problems = [f"外键错误：claims 第 {n} 行" for n in range(1, 26)]
    notice.found(problems)
    assert notice.button.text() == "⚠ 数据检查发现 25 个问题" and not notice.button.isHidden()
    box = notice.box
    assert box.isVisible() and not box.isModal()
    listed = box.informativeText().splitlines()
    assert listed[:SHOWN_IN_BOX] == [f"• {p}" for p in problems[:SHOWN_IN_BOX]]
    assert "另有 15 个问题" in listed[-1]
    assert box.detailedText().splitlines() == problems
    notice.close()
    assert not box.isVisible()


def test_a_check_that_did_not_finish_is_a_note_whose_click_says_why(qtbot):
    _, notice = make_notice(qtbot)
    notice.failed("数据库文件无法读取。")
    assert notice.button.text() == "⚠ 数据完整性检查没有完成" and notice.box is None
    notice.button.click()
    assert "数据库文件无法读取。" in notice.box.informativeText()
    notice.found([])  # a later check finds all well: the note goes
    assert notice.button.isHidden()
    notice.close()
