"""Work a screen holds that is not saved yet, and the question before it is lost (closing the window).

A screen says so by defining `has_unsaved_work() -> bool` and, to name it, `unsaved_work_text() -> str`
(单位续保: a draft changed and not confirmed). 注销/切换用户 asks through ui/shell/session_switch.py, which
looks at the same method."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QStackedWidget, QWidget


def unsaved_work(stack: QStackedWidget) -> list[str]:
    """What the built screens of `stack` hold that is not saved, one line each."""
    texts = []
    for index in range(stack.count()):  # the built screens (the others are placeholders)
        page = stack.widget(index)
        check = getattr(page, "has_unsaved_work", None)
        if callable(check) and check():
            describe = getattr(page, "unsaved_work_text", None)
            texts.append(
                describe() if callable(describe) else QCoreApplication.translate("UnsavedWork", "未保存的录入")
            )
    return texts


def may_leave(parent: QWidget, stack: QStackedWidget) -> bool:
    """True when nothing unsaved would be lost, or the clerk says to leave anyway (the default: go back)."""
    texts = unsaved_work(stack)
    if not texts:
        return True
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("UnsavedWork", "退出"),
        QCoreApplication.translate(
            "UnsavedWork", "以下工作还没有保存：\n{work}\n\n现在退出，这些改动会丢失。仍要退出吗？"
        ).format(work="\n".join(f"· {t}" for t in texts)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
