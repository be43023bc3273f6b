"""Who works at the counter: one main window at a time, and 文件 → 注销/切换用户.

`CounterSession` owns the main window of the signed-in user. Signing out (the window's
`logoutRequested`, after `confirm_logout` has asked when work is in progress) records it in the
audit log, closes the window and shows the login dialog again on the same open database (no
restart); whoever signs in gets a new main window of their own. Closing the dialog with 退出 ends
the program.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

if TYPE_CHECKING:
    from mutualaid_desktop.store.database import Database
    from mutualaid_desktop.ui.shell.login_dialog import LoginDialog
    from mutualaid_desktop.ui.shell.main_window import MainWindow
    from mutualaid_desktop.ui.shell.task_runner import TaskRunner

log = logging.getLogger(__name__)


def work_in_progress(window: MainWindow) -> bool:
    """A write still running on the window's task runner (a read is not waited for), or a built screen
    that says it holds input not yet saved (a screen may define `has_unsaved_work() -> bool`)."""
    if window.worker.writing():
        return True
    for index in range(window.stack.count()):  # the built screens (the others are placeholders)
        check = getattr(window.stack.widget(index), "has_unsaved_work", None)
        if callable(check) and check():
            return True
    return False


def confirm_logout(window: MainWindow) -> bool:
    """True when the window may be closed for the next user (asks first when work is in progress)."""
    if not work_in_progress(window):
        return True
    answer = QMessageBox.question(
        window,
        QCoreApplication.translate("CounterSession", "注销/切换用户"),
        QCoreApplication.translate(
            "CounterSession",
            "还有正在办理的业务没有完成（后台操作或未保存的录入）。\n"
            "注销会等后台操作做完，未保存的录入会丢失。仍要注销吗？",
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class CounterSession(QObject):
    """The main window of whoever is signed in, and the switch to the next user."""

    windowChanged = Signal(object)  # the new MainWindow
    loginShown = Signal(object)  # the LoginDialog shown after signing out

    def __init__(
        self,
        db: Database,
        worker: TaskRunner,
        location: str | None = None,
        *,
        on_quit: Callable[[], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._worker = worker
        self._location = location
        self._on_quit = on_quit or QApplication.quit
        self.window: MainWindow | None = None
        self.dialog: LoginDialog | None = None
        self.check_abandoned = False

    def start(self, user: Any, *, run_check: bool = True) -> MainWindow:
        """Show the main window of `user` (the full integrity check runs in the first one only)."""
        from mutualaid_desktop.ui.shell.main_window import MainWindow

        window = MainWindow(self._db, user, location=self._location, worker=self._worker, run_check=run_check)
        window.logoutRequested.connect(self.logout)
        self.window = window
        window.show()
        self.windowChanged.emit(window)
        return window

    def logout(self) -> None:
        """Close the working session and ask who signs in next."""
        from mutualaid_desktop.services.admin.sign_in import sign_out
        from mutualaid_desktop.ui.shell.login_dialog import LoginDialog

        window = self.window
        if window is None:
            return
        db, user = self._db, window.user
        self._worker.operation(lambda: sign_out(db, user), parent=self, failure=self._sign_out_failed)
        dialog = LoginDialog(self._db, worker=self._worker, location=self._location, has_users=True)
        dialog.setObjectName("loginDialog")
        dialog.accepted.connect(lambda: self._signed_in(dialog))
        dialog.rejected.connect(lambda: self._quit(dialog))
        self.dialog = dialog
        dialog.show()  # before the window closes (closing the last window would end the program)
        self.window = None
        window.close()  # saves its geometry and stops its background work
        self.check_abandoned = self.check_abandoned or window.check_abandoned
        window.deleteLater()
        self.loginShown.emit(dialog)

    def _sign_out_failed(self, error: BaseException) -> None:
        log.warning("recording the sign-out failed: %s", error)

    def _signed_in(self, dialog: LoginDialog) -> None:
        user = dialog.user
        self.dialog = None
        dialog.deleteLater()
        if user is not None:
            self.start(user, run_check=False)

    def _quit(self, dialog: LoginDialog) -> None:
        self.dialog = None
        dialog.deleteLater()
        self._on_quit()

    def shutdown(self) -> None:
        if self.window is not None:
            self.window.shutdown()
            self.check_abandoned = self.check_abandoned or self.window.check_abandoned
