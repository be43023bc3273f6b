"""What the command line says about an error that reached the top of a command (parser.main).

No traceback ever reaches the user: an error meant for the user (bad input, a refusal, a database
that cannot be used, busy or on a full disk, a file that cannot be written) is told in Chinese with
what to do; a broken pipe (`mutualaid unit list | head -1`) ends the program quietly; anything
else is a fault of the program: one sentence on standard error, the details in the log
(faults.py), exit status 70.
"""

from __future__ import annotations

import contextlib
import os
import sys

from mutualaid_desktop.cli.common import EXIT_BAD_INPUT, EXIT_FAULT, EXIT_PROBLEM

_said_waiting = False


def say(text: str) -> None:
    with contextlib.suppress(OSError, ValueError):  # standard error closed too: nothing more to do
        print(text, file=sys.stderr, flush=True)


def waiting_for_lock(waiting: bool) -> None:
    """store/busy's callback: said once per run, when a write first has to wait."""
    global _said_waiting
    if waiting and not _said_waiting:
        from mutualaid_desktop.store.busy import BUSY_WAITING

        _said_waiting = True
        say(BUSY_WAITING)


def silence_stdout() -> None:
    """After a broken pipe: standard output goes nowhere, so that the flush at exit does not fail
    again (the recipe of the Python documentation, "Note on SIGPIPE")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _with_hint(message: str, hint: str | None) -> str:
    return f"{message}\n{hint}" if hint and hint not in message else message


def report(error: BaseException, location) -> int:
    """Tell the user about `error` on standard error; the exit status."""
    from mutualaid_desktop.domain.errors import InputError
    from mutualaid_desktop.faults import describe_os_error, fault_message, record_fault

    if isinstance(error, BrokenPipeError):
        silence_stdout()
        return EXIT_PROBLEM
    if isinstance(error, InputError):
        say(error.message)
        return EXIT_BAD_INPUT
    message = getattr(error, "message", None)
    if isinstance(message, str) and message and _is_ours(error):  # ServiceError, DatabaseError
        say(_with_hint(message, getattr(error, "hint", None)))
        return EXIT_PROBLEM
    translated = _database_error(error)
    if translated is not None:
        say(_with_hint(translated.message, translated.hint))
        return EXIT_PROBLEM
    text = describe_os_error(error)
    if text is not None:
        say(text)
        return EXIT_PROBLEM
    say(fault_message(record_fault(error, location=location, context="mutualaid " + " ".join(sys.argv[1:2]))))
    return EXIT_FAULT


def _is_ours(error: BaseException) -> bool:
    modules = ("mutualaid_desktop.services.", "mutualaid_desktop.store.")
    return any(getattr(cls, "__module__", "").startswith(modules) for cls in type(error).__mro__)


def _database_error(error: BaseException):
    """A driver's error about a lock or a full disk as store's DatabaseBusy / DatabaseFull."""
    if "sqlite3" not in sys.modules and "sqlalchemy" not in sys.modules:
        return None
    from mutualaid_desktop.store.busy import busy_error, full_error, is_busy, is_full

    original = getattr(error, "orig", None) or error
    if not _is_driver_error(original):
        return None
    if is_full(original):
        return full_error()
    if is_busy(original):
        return busy_error()
    return None


def _is_driver_error(error: BaseException) -> bool:
    import sqlite3

    return isinstance(error, sqlite3.Error)
