"""The main window: navigation on the left, the current screen on the right.

Only screens that exist are listed (`_add_pages`); the arrow keys browse them, Enter, a click or
Ctrl+<n> enters one (ui/shell/navigation.py). The 文件 menu backs the database up on demand and hands
the counter to another user (注销/切换用户: the window asks when work is in progress, then
`logoutRequested`; ui/shell/session_switch.py closes it and shows the login dialog again); the status
bar shows who is logged in and which database file is open. Data changed by this window or by another
process is reported to every built screen (ui/shell/change_watch.py). The window's task runner (ui/shell/task_runner.py, handed
in by app.py or made here) runs every screen's writes and reads off the GUI thread. Once the home figures have come
in, the full integrity check runs as the runner's long work; problems are reported without blocking the counter.

The window may be built before its database is open (`db=None`, then `set_database()`): the
program shows its window at once and opens the database in the background.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QObject, QSettings, QSize, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from mutualaid_desktop import __version__
from mutualaid_desktop.services.permissions import may
from mutualaid_desktop.ui.shell.navigation import navigation_list
from mutualaid_desktop.ui.shell.window_frame import _AfterFirstPaint, shorten_middle

if TYPE_CHECKING:
    from datetime import date

    from PySide6.QtWidgets import QMessageBox, QToolButton

    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.store.database import Database
    from mutualaid_desktop.ui.shell.home_page import HomePage
    from mutualaid_desktop.ui.shell.task_runner import TaskRunner

# Start-up: the window's frame (menus, navigation, status bar) is built from the classes a bare
# window needs and little more, and is on the screen before any screen is built. Importing Qt's
# `Qt` namespace alone costs some 13 ms (its 120 enums are made into Python enums), as much as
# all the rest of the frame; it, the screens and the background worker are therefore imported
# and made when first needed, which is right after the window has been painted.

GEOMETRY_KEY = "ui/mainWindowGeometry"
DEFAULT_SIZE = QSize(1200, 760)
MINIMUM_SIZE = QSize(900, 580)
DATABASE_LABEL_CHARS = 64  # longer paths are shortened in the middle (the tooltip has it all)
CHECK_WAIT_MS = 1500  # how long closing waits for a running integrity check


class MainWindow(QMainWindow):
    """`MainWindow(db, user)`: the counter program once someone has logged in."""

    backupFinished = Signal(object)  # the Path of the backup
    integrityChecked = Signal(list)  # the problems found, [] when all is well
    pageBuilt = Signal(str)  # the key of a screen that has just been built
    framePainted = Signal()  # the window has been painted for the first time
    logoutRequested = Signal()  # 注销/切换用户, confirmed (ui/shell/session_switch.py acts on it)

    def __init__(
        self,
        db: Database | None,
        user: UserInfo,
        *,
        location: str | None = None,
        worker: TaskRunner | None = None,
        run_check: bool = True,
        today: Callable[[], date] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._db = db
        self.user = user
        self._location = location
        self._own_worker = worker is None
        self._worker = worker
        self._today = today
        self._check_running = False
        self._run_check = run_check
        self._check_started = False
        self._closed = False
        self._leaving_confirmed = False  # 注销 has asked already: closing does not ask again
        self._busy_cursor = False
        self._first_paint: QObject | None = None
        self._shortcuts_installed = False
        self.check_abandoned = False
        self.change_watch: Any = None

        self.setWindowTitle(self.tr("互助保障柜台"))
        self.setMinimumSize(MINIMUM_SIZE)
        self._build_menus()
        self._build_central()
        self._build_status_bar()
        self._restore_geometry()
        self._update_actions()
        self._watch_backups()
        if db is not None:
            self._watch_busy(db)

    # --- construction -----------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        self.backup_action = QAction(self.tr("立即备份(&B)"), self)
        self.backup_action.setObjectName("backupAction")
        self.backup_action.setStatusTip(self.tr("把数据库完整复制一份到备份文件夹"))
        self.backup_action.triggered.connect(self.backup_now)
        file_menu.addAction(self.backup_action)
        file_menu.addSeparator()
        self.logout_action = QAction(self.tr("注销/切换用户(&L)"), self)
        self.logout_action.setObjectName("logoutAction")
        self.logout_action.setStatusTip(self.tr("结束当前用户的工作，换一位工作人员登录"))
        self.logout_action.triggered.connect(self.request_logout)
        file_menu.addAction(self.logout_action)
        self.quit_action = QAction(self.tr("退出(&X)"), self)
        self.quit_action.setObjectName("quitAction")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        # 转到: every screen with its shortcut (Ctrl+1...), filled in by add_page
        self.go_menu = self.menuBar().addMenu(self.tr("转到(&V)"))
        self.go_menu.setObjectName("goMenu")

        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        self.about_action = QAction(self.tr("关于(&A)"), self)
        self.about_action.setObjectName("aboutAction")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def _build_central(self) -> None:
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        self.navigation = navigation_list()
        self.navigation.setAccessibleName(self.tr("功能导航"))
        layout.addWidget(self.navigation)

        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        # one entry per screen, in navigation order: (key, factory, widget once built)
        self._page_keys: list[str] = []
        self._page_factories: dict[str, Callable[[], QWidget]] = {}
        self._go_actions: list[QAction] = []
        self._pages: dict[str, QWidget] = {}
        self._add_pages()
        self.navigation.currentRowChanged.connect(self._row_changed)
        self.navigation.setCurrentRow(0)
        self.navigation.clicked.connect(lambda index: self._enter_row(index.row()))
        self.navigation.activated.connect(lambda index: self._enter_row(index.row()))

    def _add_pages(self) -> None:
        """The screens, in the order of the counter's work; 统计 for whom may see the figures (services/permissions)."""
        self.add_page("home", self.tr("首页"), self._make_home_page)
        self.add_page("members", self.tr("会员"), lambda: self._make_page("enrollment.members_page", "MembersPage"))
        self.add_page(
            "enrollment", self.tr("参保"), lambda: self._make_page("enrollment.enrollment_page", "EnrollmentPage")
        )
        self.add_page(
            "intake", self.tr("理赔受理"), lambda: self._make_page("claims.claim_intake_page", "ClaimIntakePage")
        )
        self.add_page(
            "review", self.tr("理赔审核"), lambda: self._make_page("claims.claim_review_page", "ClaimReviewPage")
        )
        self.add_page("payout", self.tr("给付"), lambda: self._make_page("payouts.payout_page", "PayoutPage"))
        self.add_page("receipts", self.tr("票据"), lambda: self._make_page("enrollment.receipts_page", "ReceiptsPage"))
        self.add_page(
            "renewal", self.tr("续保"), lambda: self._make_page("renewal.renewal_season_page", "RenewalSeasonPage")
        )
        if may(self.user, "see_statistics"):
            page = ("statistics.statistics_page", "StatisticsPage")
            self.add_page("statistics", self.tr("统计"), lambda: self._make_page(*page))
        self.add_page("settings", self.tr("设置"), lambda: self._make_page("settings.settings_page", "SettingsPage"))

    def _make_page(self, module: str, class_name: str) -> QWidget:
        """A screen `(db, user, *, worker)` from ui/<capability>/<module>.py, imported when first shown."""
        from importlib import import_module
        from inspect import signature

        page_class = getattr(import_module(f"mutualaid_desktop.ui.{module}"), class_name)
        if self._today is not None and "today" in signature(page_class).parameters:  # the window's day (tests)
            return page_class(self._db, self.user, worker=self.worker, today=self._today)
        return page_class(self._db, self.user, worker=self.worker)

    def add_page(self, key: str, title: str, factory: Callable[[], QWidget]) -> None:
        """List a screen in the navigation; it is built by `factory` when first needed.
        Ctrl+1, Ctrl+2... go to the screens in order."""
        item = QListWidgetItem(title)
        item.setSizeHint(QSize(0, 46))
        self.navigation.addItem(item)
        placeholder = QWidget()
        placeholder.setObjectName(f"{key}Placeholder")
        self.stack.addWidget(placeholder)
        self._page_keys.append(key)
        self._page_factories[key] = factory
        row = len(self._page_keys) - 1
        action = QAction(title, self)  # in the 转到 menu, which shows its shortcut
        action.setObjectName(f"goToPage{row + 1}")
        action.triggered.connect(lambda _=False, row=row: self._enter_row(row))
        self.go_menu.addAction(action)
        self._go_actions.append(action)
        if self._shortcuts_installed:
            self._add_page_shortcut(row)

    def _add_page_shortcut(self, row: int) -> None:
        if row < 10:  # Ctrl+1 ... Ctrl+9, then Ctrl+0 for the tenth
            self._go_actions[row].setShortcut(QKeySequence(f"Ctrl+{(row + 1) % 10}"))

    def install_shortcuts(self) -> None:
        """Keyboard shortcuts: Ctrl+B backup, Ctrl+Q quit, Ctrl+1... the screens.

        Done once the window is up: giving an action its first shortcut loads Qt's `Qt`
        namespace (see the top of this module)."""
        if self._shortcuts_installed:
            return
        self._shortcuts_installed = True
        self.backup_action.setShortcut(QKeySequence("Ctrl+B"))
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        for row in range(len(self._page_keys)):
            self._add_page_shortcut(row)

    def _make_home_page(self) -> QWidget:
        from mutualaid_desktop.ui.shell.home_page import HomePage

        kwargs: dict[str, Any] = {"worker": self.worker, "user": self.user}
        if self._today is not None:
            kwargs["today"] = self._today
        page = HomePage(self._db, **kwargs)
        page.figuresLoaded.connect(self._figures_loaded)
        page.loadFailed.connect(self._figures_failed)
        return page

    def page(self, key: str) -> QWidget:
        """The screen `key`, built now if it has not been yet."""
        built = self._pages.get(key)
        if built is not None:
            return built
        index = self._page_keys.index(key)
        widget = self._page_factories[key]()
        placeholder = self.stack.widget(index)
        assert placeholder is not None  # every listed screen has its place in the stack
        showing = self.stack.currentIndex() == index
        self.stack.insertWidget(index, widget)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        if showing:
            self.stack.setCurrentIndex(index)
        self._pages[key] = widget
        self.pageBuilt.emit(key)
        return widget

    def is_page_built(self, key: str) -> bool:
        return key in self._pages

    @property
    def home_page(self) -> HomePage:
        return self.page("home")  # type: ignore[return-value]

    def page_titles(self) -> list[str]:
        return [self.navigation.item(row).text() for row in range(self.navigation.count())]

    def show_page(self, key: str) -> None:
        self.navigation.setCurrentRow(self._page_keys.index(key))

    def current_page_key(self) -> str:
        return self._page_keys[self.navigation.currentRow()]

    def _enter_row(self, row: int) -> None:
        """Enter, a click or Ctrl+<n> on the navigation: the screen, with the focus in it."""
        from mutualaid_desktop.ui.shell.navigation import enter_page

        self.navigation.setCurrentRow(row)
        enter_page(self.page(self._page_keys[row]), self.navigation)

    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        if self.isVisible():
            self.page(self._page_keys[row])
        self.stack.setCurrentIndex(row)

    def _after_first_paint(self) -> None:
        self.framePainted.emit()
        self.install_shortcuts()
        self._build_current_page()

    def _build_current_page(self) -> None:
        if not self._closed and self.navigation.currentRow() >= 0:
            self.page(self._page_keys[self.navigation.currentRow()])

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        from mutualaid_desktop.ui.shell.integrity_problems import ProblemNotice

        self.problem_notice = ProblemNotice(self)

        self.user_label = QLabel(self._user_text())
        self.user_label.setObjectName("userLabel")
        self.user_label.setContentsMargins(8, 0, 8, 0)
        bar.addPermanentWidget(self.user_label)

        self.database_label = QLabel()
        self.database_label.setObjectName("databaseLabel")
        self.database_label.setContentsMargins(8, 0, 8, 0)
        bar.addPermanentWidget(self.database_label)
        self._show_database_location()

    def role_label(self, role: str) -> str:
        from mutualaid_desktop.ui.common.role_names import role_name  # the names' one owner: services/permissions

        return role_name(role)

    def _user_text(self) -> str:
        name = getattr(self.user, "display_name", "") or getattr(self.user, "username", "")
        return self.tr("当前用户：{name}（{role}）").format(
            name=name, role=self.role_label(getattr(self.user, "role", ""))
        )

    def database_location(self) -> str:
        if self._location:
            return str(self._location)
        if self._db is not None:
            return str(self._db)
        return ""

    def _show_database_location(self) -> None:
        location = self.database_location()
        shown = shorten_middle(location, DATABASE_LABEL_CHARS)
        self.database_label.setText(self.tr("数据库：{location}").format(location=shown))
        self.database_label.setToolTip(location)

    def _restore_geometry(self) -> None:
        saved = QSettings().value(GEOMETRY_KEY)
        if isinstance(saved, (QByteArray, bytes)) and self.restoreGeometry(QByteArray(saved)):
            return
        size = QSize(DEFAULT_SIZE)
        screen = self.screen() or QApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry()
            size = size.boundedTo(QSize(int(available.width() * 0.95), int(available.height() * 0.92)))
            size = size.expandedTo(self.minimumSize())
            self.resize(size)
            frame = self.frameGeometry()
            frame.moveCenter(available.center())
            self.move(frame.topLeft())
        else:
            self.resize(size)

    # --- the worker and the database --------------------------------------------------------

    @property
    def worker(self) -> TaskRunner:
        """The task runner of this window's operations (handed in, or made here on first use)."""
        if self._worker is None:
            from mutualaid_desktop.ui.shell.task_runner import TaskRunner

            self._worker = TaskRunner("tasks", self)
        return self._worker

    @property
    def db(self) -> Database | None:
        return self._db

    def _watch_backups(self) -> None:
        """The red note in the status bar while the last backup failed (ui/shell/backup_status.py)."""
        if self._db is not None:
            from mutualaid_desktop.ui.shell.backup_status import BackupStatus

            self.backup_status = getattr(self, "backup_status", None) or BackupStatus(self)
            self.backup_status.set_database(self._db)

    def set_database(self, db: Database) -> None:
        """The database has been opened (when the window was built before it was)."""
        self._db = db
        self._watch_backups()
        self._show_database_location()
        self._update_actions()
        self._watch_busy(db)
        if self.is_page_built("home"):
            self.home_page.set_database(db)

    def _watch_busy(self, db: Database) -> None:  # a write waiting for another counter: in the status bar
        from mutualaid_desktop.ui.shell.busy_notice import watch_busy
        from mutualaid_desktop.ui.shell.change_watch import ChangeWatch

        watch_busy(self, db)
        if self.change_watch is not None:
            self.change_watch.stop()
        self.change_watch = ChangeWatch(self, db, lambda: list(self._pages.values()))  # changed data: to the screens

    def _update_actions(self) -> None:
        self.backup_action.setEnabled(self._db is not None and not self._closed)

    def _set_busy_cursor(self, busy: bool) -> None:
        from PySide6.QtCore import Qt

        if busy and not self._busy_cursor:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        elif not busy and self._busy_cursor:
            QApplication.restoreOverrideCursor()
        self._busy_cursor = busy

    # --- backup -----------------------------------------------------------------------------

    @Slot()
    def backup_now(self) -> None:
        if self._db is None or not self.backup_action.isEnabled():
            return
        from mutualaid_desktop.services.admin.maintenance import backup_now

        self.backup_action.setEnabled(False)
        self.statusBar().showMessage(self.tr("正在备份数据库…"))
        self._set_busy_cursor(True)
        db = self._db
        self.worker.operation(
            lambda: backup_now(db), parent=self, success=self._backup_done, failure=self._backup_failed
        )

    def _backup_done(self, path: Any) -> None:
        from PySide6.QtWidgets import QMessageBox

        self._set_busy_cursor(False)
        self._update_actions()
        self.statusBar().showMessage(self.tr("备份完成：{path}").format(path=path), 15000)
        self._watch_backups()
        self.backupFinished.emit(path)
        QMessageBox.information(
            self,
            self.tr("备份完成"),
            self.tr("数据库已备份到：\n{path}\n\n请定期把备份文件夹复制到U盘或其他电脑保存。").format(path=path),
        )

    def _backup_failed(self, error: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        from mutualaid_desktop.ui.shell.background import user_message

        self._set_busy_cursor(False)
        self._update_actions()
        self.statusBar().clearMessage()
        self._watch_backups()
        text = user_message(error, self.tr("备份时出现意外错误，数据库没有受到影响。请稍后再试，或联系技术支持。"))
        QMessageBox.warning(self, self.tr("备份没有完成"), text)

    # --- home figures and the integrity check -----------------------------------------------

    def _figures_loaded(self, figures: Any) -> None:
        # Qt adds the program's name (QApplication.applicationDisplayName) after the title
        org = (getattr(figures, "org_name", None) or "").strip()
        self.setWindowTitle(org or self.tr("互助保障柜台"))
        warnings = [w for w in getattr(self._db, "warnings", None) or [] if isinstance(w, str)]
        if warnings:
            self.statusBar().showMessage(warnings[0], 30000)
        self._start_check_once()

    def _figures_failed(self, _text: str) -> None:
        self._start_check_once()

    def _start_check_once(self) -> None:
        if self._check_started or not self._run_check or self._db is None or self._closed:
            return
        self._check_started = True
        # After the figures: the first screen the clerk sees is never held up by the check.
        QTimer.singleShot(0, self.start_integrity_check)

    @Slot()
    def start_integrity_check(self) -> None:
        """Run the full check (slow on a big database) as long work: the counter's writes go on meanwhile."""
        if self._db is None or self._closed:
            return
        from mutualaid_desktop.services.session import run_full_check

        db = self._db
        self.statusBar().showMessage(self.tr("正在后台检查数据完整性…"))
        self._check_running = True
        self.worker.long_work(
            lambda _work: run_full_check(db), parent=self, success=self._checked, failure=self._check_failed
        )

    def integrity_check_running(self) -> bool:
        return self._check_running

    def _checked(self, problems: Any) -> None:
        self._check_running = False
        found = [str(p) for p in (problems or [])]
        if found:
            self.statusBar().clearMessage()
        else:
            self.statusBar().showMessage(self.tr("数据完整性检查完成，未发现问题。"), 10000)
        self.problem_notice.found(found)
        self.integrityChecked.emit(found)

    def _check_failed(self, error: BaseException) -> None:
        from mutualaid_desktop.ui.shell.background import user_message

        self._check_running = False
        self.statusBar().clearMessage()
        self.problem_notice.failed(user_message(error, self.tr("数据完整性检查没有完成。")))
        self.integrityChecked.emit(self.problems)

    @property
    def problems(self) -> list[str]:
        return list(self.problem_notice.problems)

    @property
    def problem_box(self) -> QMessageBox | None:
        return self.problem_notice.box

    @property
    def check_button(self) -> QToolButton | None:
        """The red note in the status bar that the check found problems (click: the list)."""
        return self.problem_notice.button

    @Slot()
    def show_problems(self) -> None:
        """A message box that does not block the window: the counter can go on working."""
        self.problem_notice.show_box()

    @Slot()
    def request_logout(self) -> None:
        from mutualaid_desktop.ui.shell.session_switch import confirm_logout

        if not self._closed and confirm_logout(self):  # asks about unsaved work too (session_switch.py)
            self._leaving_confirmed = True
            self.logoutRequested.emit()

    # --- about ------------------------------------------------------------------------------

    @Slot()
    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            self.tr("关于互助保障柜台"),
            self.tr(
                "<h3>互助保障柜台 {version}</h3>"
                "<p>职工互助保障（工会二次报销）柜台业务软件。</p>"
                "<p>许可：Apache-2.0。内嵌字体：文泉驿微米黑（Apache-2.0）。</p>"
            ).format(version=__version__),
        )

    # --- showing and closing ----------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not event.spontaneous():
            self.navigation.setFocus()
            if self._first_paint is None:
                # shortcuts and the current screen come once the frame has been painted
                self._first_paint = _AfterFirstPaint(self, self._after_first_paint)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        from mutualaid_desktop.ui.shell.unsaved_work import may_leave  # asks first when a screen holds unsaved work

        if not self._closed and not self._leaving_confirmed and not may_leave(self, self.stack):
            event.ignore()  # back to the unsaved work
            return
        if not self._closed:
            QSettings().setValue(GEOMETRY_KEY, self.saveGeometry())
            self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop the background work this window started (waits for a running job)."""
        if self._closed:
            return
        self._closed = True
        self._update_actions()
        self._set_busy_cursor(False)
        self.problem_notice.close()
        if self.change_watch is not None:
            self.change_watch.stop()
        # The full check only reads and cannot be interrupted; on a big database it runs for minutes.
        # The window does not wait for it (see app.run_gui); a reminder batch is cancelled.
        if (
            self._worker is not None
            and self._worker.long_work_running()
            and not self._worker.abandon_long_work(CHECK_WAIT_MS)
        ):
            self.check_abandoned = True
        if self._own_worker and self._worker is not None:
            self._worker.shutdown()
