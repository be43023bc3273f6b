"""`python -m mutualaid_desktop --self-test`, run as a user would run it (a separate process)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], tmp_path: Path, **env_changes) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("MUTUALAID_DB", None)
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # the user's settings stay untouched
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.update(env_changes)
    return subprocess.run(
        [sys.executable, "-m", "mutualaid_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=180,
    )


def timings(stdout: str) -> dict[str, float]:
    return {m[1]: float(m[2]) for m in re.finditer(r"^([a-z ]+): (\d+\.\d{3}) s$", stdout, re.M)}


def test_self_test_on_a_new_database(tmp_path):
    db = tmp_path / "counter" / "mutualaid.sqlite3"
    result = run(["--self-test", "--db", str(db)], tmp_path, QT_QPA_PLATFORM="offscreen")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "self-test: ok"
    times = timings(result.stdout)
    assert list(times) == ["window shown", "home page shown", "database opened", "figures loaded", "pdf rendered"]
    assert list(times.values()) == sorted(times.values())  # all counted from the same start
    assert 0 < times["window shown"] < 60
    assert db.is_file()  # the self-test opened (created) the database it was given
    assert "Traceback" not in result.stderr


def test_self_test_without_a_display_uses_offscreen(tmp_path):
    # no display and no platform chosen (an empty variable is no choice): offscreen, not a crash
    result = run(
        ["--self-test", "--db", str(tmp_path / "m.sqlite3")],
        tmp_path,
        QT_QPA_PLATFORM="",
        DISPLAY="",
        WAYLAND_DISPLAY="",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "self-test: ok"


def test_self_test_in_english(tmp_path):
    result = run(
        ["--self-test", "--lang", "en", "--db", str(tmp_path / "m.sqlite3")], tmp_path, QT_QPA_PLATFORM="offscreen"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "self-test: ok"


def test_self_test_reports_a_damaged_database(tmp_path):
    db = tmp_path / "mutualaid.sqlite3"
    db.write_bytes(b"this is not a database at all" * 100)
    result = run(["--self-test", "--db", str(db)], tmp_path, QT_QPA_PLATFORM="offscreen")
    assert result.returncode == 1
    assert "window shown:" in result.stdout
    assert "self-test: ok" not in result.stdout
    failure = [line for line in result.stderr.splitlines() if line.startswith("self-test failed: ")]
    assert len(failure) == 1 and "数据库文件已损坏" in failure[0]
    assert "Traceback" not in result.stderr


def test_the_first_window_needs_no_database_library(tmp_path):
    """Start-up imports: nothing heavy before the first window (SQLAlchemy comes on the worker,
    reportlab/alembic/openpyxl only when used)."""
    code = (
        "import sys\n"
        "import mutualaid_desktop.app, mutualaid_desktop.ui.shell.main_window, mutualaid_desktop.ui.shell.login_dialog\n"
        "heavy = [m for m in ('sqlalchemy', 'reportlab', 'alembic', 'openpyxl', 'xlrd') if m in sys.modules]\n"
        "print(','.join(heavy) or 'none')\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "none"
