"""A fault of the program in the window (ui/shell/fault_dialog.py): one Chinese message box, the traceback
only in the log; faults on other threads too; no storm of boxes."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from mutualaid_desktop.ui.shell.fault_dialog import install_fault_hooks

ROOT = Path(__file__).resolve().parents[4]
SECRET = "611002198005010034"


@pytest.fixture
def reporter(tmp_path):
    location = tmp_path / "counter" / "mutualaid.sqlite3"
    location.parent.mkdir()
    hooks = install_fault_hooks(str(location))
    yield hooks
    if hooks.showing:
        hooks.box.done(0)
    hooks.uninstall()


def box_text(box) -> str:
    return "\n".join((box.windowTitle(), box.text(), box.informativeText(), box.detailedText()))


def fault_in_a_slot() -> None:
    raise RuntimeError(f"a fault in a slot for {SECRET}")


def fault_on_a_thread() -> None:
    raise ValueError("a fault on a thread")


@pytest.mark.qt_no_exception_capture
def test_a_fault_shows_one_chinese_box_once_and_logs_the_traceback(qtbot, reporter, tmp_path):
    boxes = []
    reporter.shown.connect(boxes.append)
    QTimer.singleShot(0, fault_in_a_slot)
    qtbot.waitUntil(lambda: len(boxes) == 1, timeout=5000)
    (box,) = boxes
    text = box_text(box)
    assert box.isVisible() and "程序出错" in text and "程序内部出现了错误" in text
    assert "Traceback" not in text and "RuntimeError" not in text and SECRET not in text and "File" not in text
    log = tmp_path / "counter" / "logs" / "mutualaid.log"
    assert str(log) in text
    written = log.read_text(encoding="utf-8")
    assert "Traceback" in written and "RuntimeError: a fault in a slot" in written and "fault_in_a_slot" in written
    assert SECRET not in written and "611002********0034" in written
    box.grab().save(str(tmp_path / "fault-box.png"))

    # a storm: the same fault five times more and one on a thread while the box is open: logged, no new box
    for _ in range(5):
        QTimer.singleShot(0, fault_in_a_slot)
    thread = threading.Thread(target=fault_on_a_thread, name="worker-x")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: reporter.recorded == 7, timeout=5000)
    qtbot.waitUntil(lambda: "ValueError: a fault on a thread" in log.read_text(encoding="utf-8"), timeout=5000)
    assert boxes == [box]

    # once it is closed, a new fault (another place) gets its box; the same one again does not
    box.done(0)
    qtbot.waitUntil(lambda: not reporter.showing, timeout=5000)
    QTimer.singleShot(0, fault_in_a_slot)
    thread = threading.Thread(target=fault_on_a_thread, name="worker-y")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(boxes) == 2, timeout=5000)
    assert "程序内部出现了错误" in box_text(boxes[1]) and "ValueError" not in box_text(boxes[1])
    qtbot.waitUntil(lambda: reporter.recorded == 9, timeout=5000)
    assert len(boxes) == 2


def test_an_error_logged_by_a_background_job_goes_to_the_log(qtbot, reporter, tmp_path):
    from mutualaid_desktop.ui.shell.background import user_message

    try:
        raise KeyError("an unexpected key")
    except KeyError as exc:
        said = user_message(exc, "读取数据时出现意外错误。")
    assert said == "读取数据时出现意外错误。"
    written = (tmp_path / "counter" / "logs" / "mutualaid.log").read_text(encoding="utf-8")
    assert "unexpected error" in written and "KeyError" in written and "Traceback" in written


SCRIPT = r"""
import sys
from PySide6.QtCore import QTimer
from mutualaid_desktop.app import setup_application
from mutualaid_desktop.ui.shell.fault_dialog import install_fault_hooks

app = setup_application([], "zh")
reporter = install_fault_hooks(sys.argv[1])

def fault():
    raise ZeroDivisionError("a fault of the program")

def shown(box):
    print(box.text(), flush=True)
    print(box.informativeText(), flush=True)
    QTimer.singleShot(0, app.quit)

reporter.shown.connect(shown)
QTimer.singleShot(0, fault)
QTimer.singleShot(30000, app.quit)
app.exec()
"""


def test_in_a_real_process_nothing_of_the_fault_reaches_the_terminal(tmp_path):
    location = tmp_path / "c.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(location)], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "程序内部出现了错误" in done.stdout and str(tmp_path / "logs" / "mutualaid.log") in done.stdout
    assert "Traceback" not in done.stderr and "ZeroDivisionError" not in done.stderr
    assert "ZeroDivisionError: a fault of the program" in (tmp_path / "logs" / "mutualaid.log").read_text()
