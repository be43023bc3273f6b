"""What the background integrity check found, shown in the main window.

A red note in the status bar ("⚠ 数据检查发现 3 个问题", click: the list) and a message box that
does not block the window, so that the counter can go on working while someone is called. The
main window runs the check (services/session.run_full_check) and hands the outcome here.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QMainWindow, QMessageBox, QToolButton

# Made with the main window, before its first paint: Qt's `Qt` namespace (slow to import, see
# ui/shell/main_window.py) is imported only when the box is first shown.

SHOWN_IN_BOX = 10  # problems listed in the box; all of them under "详细信息"


class ProblemNotice(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.problems: list[str] = []
        self.button: QToolButton | None = None  # made when the check finds problems
        self.box: QMessageBox | None = None

    def found(self, problems: list[str]) -> None:
        """The check ended; `problems` may be empty."""
        self.problems = list(problems)
        if not self.problems:
            if self.button is not None:
                self.button.setVisible(False)
            return
        self._show_button(self.tr("⚠ 数据检查发现 {count} 个问题").format(count=len(self.problems)))
        self.show_box()

    def failed(self, text: str) -> None:
        """The check itself did not finish (`text` says why)."""
        self.problems = [text]
        self._show_button(self.tr("⚠ 数据完整性检查没有完成"))

    def _show_button(self, text: str) -> None:
        if self.button is None:
            button = QToolButton()
            button.setObjectName("integrityWarning")
            button.setAutoRaise(True)
            button.setStyleSheet("QToolButton { color: #b3261e; font-weight: bold; }")
            button.setToolTip(self.tr("点击查看数据检查发现的问题"))
            button.clicked.connect(self.show_box)
            self._window.statusBar().insertPermanentWidget(0, button)
            self.button = button
        self.button.setText(text)
        self.button.setVisible(True)

    @Slot()
    def show_box(self) -> None:
        if not self.problems:
            return
        box = self.box or self._make_box()
        box.setText(
            self.tr(
                "后台检查发现数据库有 {count} 个问题。程序可以继续使用，但请尽快联系技术支持，并保留最近的备份。"
            ).format(count=len(self.problems))
        )
        shown = self.problems[:SHOWN_IN_BOX]
        more = len(self.problems) - len(shown)
        text = "\n".join(f"• {p}" for p in shown)
        if more > 0:
            text += "\n" + self.tr("……另有 {count} 个问题，见“详细信息”。").format(count=more)
            box.setDetailedText("\n".join(self.problems))
        box.setInformativeText(text)
        box.show()
        box.raise_()

    def _make_box(self) -> QMessageBox:
        from PySide6.QtCore import Qt

        box = QMessageBox(self._window)
        box.setObjectName("problemBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("数据检查发现问题"))
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.button(QMessageBox.StandardButton.Close).setText(self.tr("知道了"))
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 520px; }")
        self.box = box
        return box

    def close(self) -> None:
        if self.box is not None:
            self.box.close()
