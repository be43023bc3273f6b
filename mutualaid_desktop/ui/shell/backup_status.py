"""The status bar's note that the last backup failed, shown until a good backup exists.

A failed backup (the day's automatic one, taken by whichever window or command opened the
database first that day, or 立即备份) leaves a note beside the database (store/backup.py). The
main window shows a red "⚠ 备份没有成功" in its status bar while that note is there; clicking it
tells what went wrong and what to do. The note is read again every minute (a small file) and
after every backup from this window, so the warning goes as soon as any window or the command
line has taken a good backup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QMainWindow, QMessageBox, QToolButton

if TYPE_CHECKING:
    from mutualaid_desktop.store.database import Database

POLL_MS = 60_000


class BackupStatus(QObject):
    """`BackupStatus(window)`: the red note in `window`'s status bar (hidden while all is well)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._db: Database | None = None
        self.problem: str | None = None
        self.button = QToolButton()
        self.button.setObjectName("backupWarning")
        self.button.setAutoRaise(True)
        self.button.setStyleSheet("QToolButton { color: #b3261e; font-weight: bold; }")
        self.button.setText(self.tr("⚠ 备份没有成功"))
        self.button.setToolTip(self.tr("最近一次备份没有成功，此后还没有成功的备份。点击查看原因"))
        self.button.setVisible(False)
        self.button.clicked.connect(self.explain)
        window.statusBar().insertPermanentWidget(0, self.button)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.refresh)

    def set_database(self, db: Database | None) -> None:
        self._db = db
        self.refresh()
        if db is not None:
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @Slot()
    def refresh(self) -> None:
        from mutualaid_desktop.services.admin.maintenance import backup_problem

        problem: Any = backup_problem(self._db) if self._db is not None else None
        self.problem = problem if isinstance(problem, str) and problem else None
        self.button.setVisible(self.problem is not None)
        if self.problem is not None:
            self.button.setToolTip(self.problem)

    @Slot()
    def explain(self) -> None:
        if self.problem is None:
            return
        box = QMessageBox(self._window)
        box.setObjectName("backupProblemBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("备份没有成功"))
        box.setText(self.tr("请尽快处理备份的问题。"))
        box.setInformativeText(
            self.problem + "\n\n" + self.tr("问题解决后，请用“文件 → 立即备份”备份一次；备份成功后这条提示会自动消失。")
        )
        box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 460px; }")
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.button(QMessageBox.StandardButton.Close).setText(self.tr("知道了"))
        box.open()
