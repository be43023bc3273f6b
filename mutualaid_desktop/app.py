"""`mutualaid-desktop`: the counter program's window (also `python -m mutualaid_desktop`).

    mutualaid-desktop [--db PATH] [--lang zh|en] [--self-test]

Start-up is ordered so that a window is on the screen as early as a bare Qt window would be:
Qt, the embedded font and the translator are set up, the login dialog is shown, and only then is
the database opened, on the background worker (opening it loads SQLAlchemy, checks the file and
migrates it, which costs several times a bare window). The dialog accepts input meanwhile and
logs in as soon as the database is ready. Nothing here imports reportlab, alembic or openpyxl.

`--self-test` checks that the program works on this machine without anybody at the keyboard:
it shows the main window (as a built-in self-test user, no login), opens the database, waits for
the home figures, renders the sample PDF into a temporary folder and prints, one per line,

    window shown: 0.102 s       the main window (menus, navigation, status bar) is painted
    home page shown: 0.131 s    the home page is painted too (its figures still loading)
    database opened: 0.431 s    the database is open (and migrated)
    figures loaded: 0.468 s     the home page shows its figures
    pdf rendered: 0.790 s       the sample PDF is written
    self-test: ok

The full integrity check (minutes on a big database) is not part of the self-test; the window
runs it in the background after start-up, and `mutualaid check` runs it from the command line.

Every time is counted from the moment the interpreter starts running this program's code: the
first statement of `mutualaid_desktop/__main__.py` (or of this module, when started through the
`mutualaid-desktop` script). The interpreter's own start-up before that (some 20 ms) is not
included; a bare PySide6 window measured the same way starts its clock at its first statement
too. On a failure it prints `self-test failed: <reason>` on standard error and exits with 1.
Without a display (neither DISPLAY nor WAYLAND_DISPLAY set) it uses Qt's offscreen platform.
"""

from __future__ import annotations

import time

_MODULE_STARTED = time.perf_counter()  # the clock's start when not run through __main__

import argparse  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from typing import TYPE_CHECKING, Any, cast  # noqa: E402

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo

log = logging.getLogger(__name__)

APP_NAME = "mutualaid-desktop"
ORGANISATION = "mutualaid"
EXIT_OK, EXIT_FAILED = 0, 1


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="mutualaid-desktop", description="互助保障柜台 — mutual-aid counter (GUI)")
    parser.add_argument("--db", metavar="PATH", help="database file or SQLAlchemy URL ($MUTUALAID_DB)")
    parser.add_argument("--lang", choices=("zh", "en"), help="user interface language (default: setting, else zh)")
    parser.add_argument("--self-test", action="store_true", help="start without login, check and exit")
    args, rest = parser.parse_known_args(list(sys.argv[1:] if argv is None else argv))
    # what is left goes to Qt (its options have one dash: -style fusion, -platform offscreen)
    unknown = [arg for arg in rest if arg.startswith("--")]
    if unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    args.qt_args = rest
    return args


def _use_offscreen_without_display() -> None:
    if (
        not os.environ.get("QT_QPA_PLATFORM")  # an empty value is no choice either
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _application(qt_args: list[str]):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APP_NAME)
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME, *qt_args])
    return app


def setup_application(qt_args: list[str], language: str | None):
    """The QApplication with the embedded font and the translators installed."""
    from mutualaid_desktop.ui.shell.fonts import install_application_font
    from mutualaid_desktop.ui.shell.translations import choose_language, install_translators

    app = _application(qt_args)
    install_application_font(app)
    from mutualaid_desktop.ui.shell.focus_style import install_focus_style

    install_focus_style(app)  # the focused control framed blue, on every screen
    install_translators(app, choose_language(language))
    from PySide6.QtCore import QCoreApplication

    # Qt shows it after each window's title ("登录 — 互助保障柜台")
    app.setApplicationDisplayName(QCoreApplication.translate("app", "互助保障柜台"))
    return app


def main(argv: Sequence[str] | None = None, *, started: float | None = None) -> int:
    """The GUI entry point; returns the exit status."""
    started = _MODULE_STARTED if started is None else started
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.self_test:
        _use_offscreen_without_display()
        return run_self_test(args, started)
    from mutualaid_desktop.paths import default_database_location

    app = setup_application(args.qt_args, args.lang)
    location = default_database_location(args.db)
    from mutualaid_desktop.ui.shell.fault_dialog import install_fault_hooks

    faults = install_fault_hooks(location)  # a fault: a Chinese message box, the traceback in the log only
    try:
        return run_gui(app, location)
    finally:
        faults.uninstall()


# --- opening the database ---------------------------------------------------------------------


def open_database(location: str) -> Any:
    """On the worker: open (and migrate) the database; SQLAlchemy is first imported here."""
    from mutualaid_desktop.services.session import open_counter_database

    return open_counter_database(location)


def open_for_login(location: str) -> tuple[Any, bool]:
    """On the worker: open the database and tell whether it has users yet."""
    from mutualaid_desktop.services.admin.users import has_users

    db = open_database(location)
    try:
        return db, has_users(db)
    except BaseException:
        _close_database(db)
        raise


def restore_and_open(location: str, backup: Any) -> tuple[Any, bool, Any]:
    """On the worker: put the backup in place of the damaged file, then open it. Returns the
    database, whether it has users, and what the restore did (services.session.RestoreReport)."""
    from mutualaid_desktop.services.session import restore_latest_backup

    report = restore_latest_backup(location, backup)
    db, has_users = open_for_login(location)
    return db, has_users, report


def _close_database(db: Any) -> None:
    try:
        db.dispose()
    except Exception:  # closing at exit: nothing the user can do
        log.debug("closing the database failed", exc_info=True)


def _is_corrupt(error: BaseException) -> bool:
    from mutualaid_desktop.store.database import DatabaseCorrupt

    return isinstance(error, DatabaseCorrupt)


class Startup:
    """Opens the database behind the login dialog and handles a failure to open it.

    Outcome in `exit_code` (None while the program goes on) and `db`."""

    def __init__(self, dialog, worker, location: str) -> None:
        self.dialog = dialog
        self.worker = worker
        self.location = location
        self.db: Any = None
        self.exit_code: int | None = None
        self.report: Any = None  # what a restore at start-up did
        self._restore_tried = False

    def start(self) -> None:
        self.worker.submit(
            open_for_login, self.location, on_result=self._opened, on_error=self._failed, context=self.dialog
        )

    def _opened(self, result: tuple[Any, bool]) -> None:
        self.db, has_users = result
        self.dialog.set_database(self.db, has_users=has_users)

    def _failed(self, error: BaseException) -> None:
        from mutualaid_desktop.ui.shell import restore_dialog

        if not self.dialog.isVisible():
            return  # the clerk has already closed the program
        if getattr(error, "message", None) is None:  # not a DatabaseError: a fault, for the log
            log.error("opening %s failed", self.location, exc_info=(type(error), error, error.__traceback__))
        if _is_corrupt(error) and not self._restore_tried:
            backup = getattr(error, "latest_backup", None)
            if backup is not None and restore_dialog.offer_restore(error, self.location, self.dialog):
                self._restore_tried = True
                self.worker.submit(
                    restore_and_open,
                    self.location,
                    backup,
                    on_result=self._restored,
                    on_error=self._restore_failed,
                    context=self.dialog,
                )
                return
            if backup is None:
                restore_dialog.offer_restore(error, self.location, self.dialog)
            self._give_up()
            return
        restore_dialog.show_open_error(error, self.location, self.dialog)
        self._give_up()

    def _restored(self, result: tuple[Any, bool, Any]) -> None:
        """Say where the replaced file's copy is and which numbers must be entered again, then sign in."""
        from mutualaid_desktop.ui.shell import restore_dialog

        db, has_users, report = result
        self.report = report
        restore_dialog.show_restored(report, self.dialog)
        self._opened((db, has_users))

    def _restore_failed(self, error: BaseException) -> None:
        from mutualaid_desktop.ui.shell import restore_dialog

        if _is_corrupt(error) or getattr(error, "message", None) is None:
            restore_dialog.show_restore_failed(error, self.dialog)
        else:
            restore_dialog.show_open_error(error, self.location, self.dialog)
        self._give_up()

    def _give_up(self) -> None:
        self.exit_code = EXIT_FAILED
        self.dialog.reject()


def run_gui(app, location: str) -> int:
    """Login, then the main window of whoever signed in (and of the next after 注销/切换用户),
    until it is closed."""
    from mutualaid_desktop.ui.shell.login_dialog import LoginDialog
    from mutualaid_desktop.ui.shell.task_runner import TaskRunner

    worker = TaskRunner("tasks")  # the one task runner: login, then every window of this run
    startup: Startup | None = None
    try:
        dialog = LoginDialog(None, worker=worker, location=location)
        startup = Startup(dialog, worker, location)
        dialog.show()
        startup.start()
        dialog.exec()
        if startup.exit_code is not None:
            return startup.exit_code
        if dialog.user is None or startup.db is None:
            return EXIT_OK  # the clerk chose 退出
        from mutualaid_desktop.ui.shell.session_switch import CounterSession

        session = CounterSession(startup.db, worker, location)  # 注销/切换用户 without a restart
        session.start(dialog.user)
        dialog.deleteLater()
        status = int(app.exec())
        session.shutdown()
        worker.shutdown()  # waits for a running operation (a backup, a write)
        from mutualaid_desktop.ui.shell.background import abandoned_threads_running

        if abandoned_threads_running():
            # the integrity check is still reading: the database is left as it is (a reader
            # changes nothing), and the process ends now instead of in some minutes
            _end_now(status)
        return status
    finally:
        worker.shutdown()
        if startup is not None and startup.db is not None:
            _close_database(startup.db)


def _end_now(status: int) -> None:
    from PySide6.QtCore import QSettings

    QSettings().sync()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):  # None under pythonw (the Windows GUI launcher)
        if stream is not None:
            stream.flush()
    os._exit(status)


# --- the self-test ----------------------------------------------------------------------------


class SelfTestUser:
    """Stands in for a logged-in user (services.users.UserInfo has the same fields); a plain
    class, as importing services.users would load SQLAlchemy before the window is up."""

    id = 0
    username = "self-test"
    display_name = "自检"
    role = "admin"


class SelfTestFailure(Exception):
    pass


def _wait_until(app, condition: Callable[[], bool], timeout: float, what: str) -> None:
    from PySide6.QtCore import QEventLoop

    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise SelfTestFailure(f"{what}: no answer after {timeout:.0f} s")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if not condition():
            time.sleep(0.002)


def _describe(error: BaseException) -> str:
    message = getattr(error, "message", None)
    if isinstance(message, str) and message:
        hint = getattr(error, "hint", None)
        return f"{message} {hint}".strip() if isinstance(hint, str) and hint else message
    return f"{type(error).__name__}: {error}"


def run_self_test(args: argparse.Namespace, started: float) -> int:
    try:
        return _self_test(args, started)
    except SelfTestFailure as exc:
        print(f"self-test failed: {exc}", file=sys.stderr, flush=True)
    except Exception as exc:  # every failure is reported as one line, never as a traceback
        log.debug("self-test failed", exc_info=True)
        print(f"self-test failed: {_describe(exc)}", file=sys.stderr, flush=True)
    return EXIT_FAILED


def _check_sample_pdf() -> None:
    """Render the sample paper into a temporary folder and check that a PDF came out (SelfTestFailure)."""
    import tempfile
    from pathlib import Path

    from mutualaid_desktop.documents.sample import render_sample_pdf

    with tempfile.TemporaryDirectory(prefix="mutualaid-self-test-") as folder:
        pdf = render_sample_pdf(Path(folder) / "self-test.pdf")
        data = Path(pdf).read_bytes()
        if not data.startswith(b"%PDF") or len(data) < 1000:
            raise SelfTestFailure(f"the sample PDF is not a PDF ({len(data)} bytes)")


def _self_test(args: argparse.Namespace, started: float) -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer

    from mutualaid_desktop.paths import default_database_location

    def elapsed() -> float:
        return time.perf_counter() - started

    def report(label: str, value: str) -> None:
        print(f"{label}: {value}", flush=True)

    app = setup_application(args.qt_args, args.lang)
    location = default_database_location(args.db)

    from mutualaid_desktop.ui.shell.main_window import MainWindow

    class PaintSeen(QObject):
        """Notes when a widget's first paint is over (the event loop is back after painting)."""

        def __init__(self, widget) -> None:
            super().__init__(widget)
            self.at: float | None = None
            self._seen = False
            widget.installEventFilter(self)

        def eventFilter(self, watched, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint and not self._seen:
                self._seen = True
                QTimer.singleShot(0, self.done)
            return False

        def done(self) -> None:
            self.at = elapsed()

    state: dict[str, Any] = {"db": None, "error": None, "figures": None}
    window = None
    try:
        # the full integrity check takes minutes on a big database: `mutualaid check` runs it
        window = MainWindow(None, cast("UserInfo", SelfTestUser()), location=location, run_check=False)
        frame: dict[str, float] = {}
        # emitted once the frame's first paint is over, before the home page is built
        window.framePainted.connect(lambda: frame.setdefault("at", elapsed()))
        window.show()
        _wait_until(app, lambda: "at" in frame and window.windowHandle().isExposed(), 20, "main window")
        report("window shown", f"{frame['at']:.3f} s")

        home = window.home_page  # built right after the frame; now, if it has not been yet
        home_paint = PaintSeen(home)
        home.update()
        _wait_until(app, lambda: home_paint.at is not None, 20, "home page")
        report("home page shown", f"{home_paint.at:.3f} s")

        def opened(db: Any) -> None:
            state["db"] = db
            report("database opened", f"{elapsed():.3f} s")
            window.set_database(db)

        def failed(error: BaseException) -> None:
            state["error"] = error

        home.figuresLoaded.connect(lambda figures: state.__setitem__("figures", figures))
        home.loadFailed.connect(lambda text: state.__setitem__("error", SelfTestFailure(text)))
        window.worker.submit(open_database, location, on_result=opened, on_error=failed)
        _wait_until(app, lambda: state["figures"] is not None or state["error"] is not None, 120, "database")
        if state["error"] is not None:
            raise SelfTestFailure(_describe(state["error"]))
        report("figures loaded", f"{elapsed():.3f} s")

        _check_sample_pdf()
        report("pdf rendered", f"{elapsed():.3f} s")
    finally:
        if window is not None:
            window.shutdown()
            window.close()
            window.deleteLater()
        if state["db"] is not None:
            _close_database(state["db"])
    print("self-test: ok", flush=True)
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
