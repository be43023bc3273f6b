"""No traceback ever reaches the user of `mutualaid`: every case run as a real process.

A database another process is writing to (waits with a message, then says another counter is
busy, or goes on when it is free), a full disk, a closed pipe (`| head -1`), a folder that does not
exist or cannot be written, a fault of the program (one Chinese line on standard error, the
details in the log), and error output that never shows an ID number or a name."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from mutualaid_desktop.services.admin.units import add_unit
from mutualaid_desktop.services.admin.users import cli_user
from mutualaid_desktop.services.enrollment.enrollment import enroll_member
from mutualaid_desktop.services.session import open_counter_database
from tests.disk import fill_up
from tests.lock_holder import LockHolder
from tests.rosters import CRITICAL, UNIT, make_counter, person_id, plan_code, write_xlsx

ROOT = Path(__file__).resolve().parents[3]
ID_NUMBER = re.compile(r"[0-9]{17}[0-9Xx]")
WAITING = "数据库正被另一个柜台或程序使用，正在等待"


def env(**extra: str) -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT), "MUTUALAID_LOG_LEVEL": "CRITICAL", **extra}


def cli(*argv, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mutualaid_desktop.cli", *map(str, argv)],
        capture_output=True,
        text=True,
        env=kwargs.pop("env", env()),
        timeout=300,
        **kwargs,
    )


def no_traceback(text: str) -> None:
    assert "Traceback" not in text and "Error:" not in text and 'File "' not in text, text


def unit_codes(path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [r[0] for r in connection.execute("SELECT code FROM org_units ORDER BY id")]


@pytest.fixture
def tree(tmp_path) -> Path:
    path = tmp_path / "c.sqlite3"
    db = open_counter_database(path)
    add_unit(db, cli_user(), code="C", name="商洛市总工会", parent_code=None)
    db.dispose()
    return path


# --- another counter holds the database -------------------------------------------------------


def test_busy_database_waits_with_a_message_then_the_write_goes_through(tree):
    with LockHolder(tree) as holder:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mutualaid_desktop.cli",
                "--db",
                str(tree),
                "unit",
                "add",
                "--code",
                "C01",
                "--name",
                "商州区总工会",
                "--parent",
                "C",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env(MUTUALAID_BUSY_WAIT="600"),
        )
        first = process.stderr.readline()  # blocks until the command says it is waiting
        assert first.startswith(WAITING)
        holder.release()  # the other counter's import is done
        out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert "已添加县区总工会 C01" in out
    no_traceback(first + err)
    assert unit_codes(tree) == ["C", "C01"]


def test_busy_database_too_long_says_another_counter_is_busy_and_changes_nothing(tree):
    with LockHolder(tree):
        done = cli(
            "--db",
            tree,
            "unit",
            "add",
            "--code",
            "C01",
            "--name",
            "商州区总工会",
            "--parent",
            "C",
            env=env(MUTUALAID_BUSY_WAIT="2"),
        )
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0].startswith(WAITING) and lines.count(lines[0]) == 1  # said once
    assert "另一个柜台" in lines[1] and "再试" in done.stderr and "没有改动" in done.stderr
    no_traceback(done.stderr)
    assert done.stdout == "" and unit_codes(tree) == ["C"]


# --- a full disk ------------------------------------------------------------------------------


@pytest.mark.parametrize("open_elsewhere", [True, False], ids=["open-at-another-counter", "closed"])
def test_full_disk_exits_1_with_the_message_and_the_data_are_intact(small_disk, open_elsewhere):
    """With the database open elsewhere (its -shm and -wal files are there) the write fails; with
    nobody else on it, already opening it does (SQLite cannot make its shared-memory file)."""
    disk = small_disk(3072)
    path = disk / "c.sqlite3"
    db = open_counter_database(path)
    add_unit(db, cli_user(), code="C", name="商洛市总工会", parent_code=None)
    add_unit(db, cli_user(), code="C01", name="商州区总工会", parent_code="C")
    db.dispose()
    other = sqlite3.connect(path) if open_elsewhere else None
    if other is not None:
        other.execute("SELECT count(*) FROM org_units").fetchone()
    fill_up(disk)
    statuses = []
    for n in range(30):  # until a write no longer fits
        done = cli(
            "--db",
            path,
            "unit",
            "add",
            "--code",
            f"U{n:03d}",
            "--name",
            "单位" + "工会" * 60,
            "--parent",
            "C01",
            "--address",
            "地" * 250,
        )
        statuses.append(done.returncode)
        no_traceback(done.stderr)
        if done.returncode != 0:
            break
    assert done.returncode == 1 and "磁盘空间已满" in done.stderr and "没有改动" in done.stderr, done.stderr
    assert str(disk) in done.stderr  # which disk to clean up
    if other is not None:
        other.close()
    for filler in disk.glob("filler-*"):
        filler.unlink()  # room for SQLite's own files again, to check what is in the database
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    codes = unit_codes(path)
    assert codes[:2] == ["C", "C01"] and f"U{len(statuses) - 1:03d}" not in codes
    print(
        f"full disk ({'open elsewhere' if open_elsewhere else 'closed'}): "
        f"{len(statuses) - 1} command(s) fitted before the refusal; said: {done.stderr.splitlines()[0]}"
    )


# --- | head -1 --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    done = cli("--db", path, "demo", "--members", "3000")
    assert done.returncode == 0, done.stderr
    return path


@pytest.mark.parametrize("argv", [("member", "find", "张"), ("unit", "list"), ("plan", "list")])
def test_a_closed_pipe_ends_quietly(demo_db, argv):
    """The reader has gone before the first line is written (as `| head -1` does once it has its line)."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "mutualaid_desktop.cli", "--db", str(demo_db), *argv],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            env=env(),
            timeout=120,
        )
    finally:
        os.close(write)
    assert done.returncode == 1
    assert done.stderr == ""  # neither a traceback nor "Exception ignored ... BrokenPipeError"


def test_member_find_piped_into_head(demo_db):
    command = (
        f"{sys.executable} -m mutualaid_desktop.cli --db {demo_db} member find 6 --limit 5000 | head -1; "
        "exit ${PIPESTATUS[0]}"
    )
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=env(), timeout=120)
    assert len(done.stdout.splitlines()) == 1 and ID_NUMBER.match(done.stdout)
    assert done.stderr == "" and done.returncode in (0, 1)  # 1 when the output did not fit in the pipe


# --- folders and files ------------------------------------------------------------------------


FAULT = """
import sys
import mutualaid_desktop.services.admin.units as units
def fault(*args, **kwargs):
    raise {error}
units.list_units = fault
from mutualaid_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_with(error: str, *argv, **extra) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", FAULT.format(error=error), *map(str, argv)],
        capture_output=True,
        text=True,
        env=env(**extra),
        timeout=120,
    )


def test_a_file_that_cannot_be_written_names_the_file_and_what_to_do(tree):
    done = run_with(
        'PermissionError(13, "Permission denied", "/srv/counter/papers/x.pdf")', "--db", tree, "unit", "list"
    )
    assert done.returncode == 1
    assert "/srv/counter/papers/x.pdf" in done.stderr and "没有权限" in done.stderr and "请换一个" in done.stderr
    no_traceback(done.stderr)


def test_a_raw_locked_or_full_error_of_the_driver_is_told_in_chinese(tree):
    done = run_with('__import__("sqlite3").OperationalError("database is locked")', "--db", tree, "unit", "list")
    assert done.returncode == 1 and "另一个柜台" in done.stderr
    no_traceback(done.stderr)
    done = run_with('OSError(28, "No space left on device", "/srv/counter/c.sqlite3")', "--db", tree, "unit", "list")
    assert done.returncode == 1 and "磁盘空间已满" in done.stderr
    no_traceback(done.stderr)


def test_a_fault_of_the_program_is_one_chinese_line_and_the_details_go_to_the_log(tree):
    secret = person_id(7)
    done = run_with(f'RuntimeError("list_units failed for {secret} 张伟")', "--db", tree, "unit", "list")
    assert done.returncode == 70
    (line,) = done.stderr.splitlines()
    assert "程序内部出错" in line and "日志" in line
    no_traceback(done.stderr)
    assert secret not in done.stderr and "张伟" not in done.stderr
    log = tree.parent / "logs" / "mutualaid.log"
    assert str(log) in line
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError" in text and "unit" in text
    assert secret not in text and secret[:6] + "********" + secret[-4:] in text  # ID numbers masked in the log too
    assert oct(log.stat().st_mode & 0o777) == "0o600"


def test_a_fault_with_no_writable_log_still_says_so_without_a_traceback(small_disk, tmp_path):
    disk = small_disk(1024)
    path = tmp_path / "c.sqlite3"
    open_counter_database(path).dispose()
    fill_up(disk)
    done = run_with('RuntimeError("boom")', "--db", path, "unit", "list", XDG_DATA_HOME=str(disk), HOME=str(disk))
    assert done.returncode == 70 and "程序内部出错" in done.stderr
    no_traceback(done.stderr)


# --- error output never shows an ID number or a name -----------------------------------------


def test_roster_import_errors_show_neither_id_numbers_nor_names(tmp_path):
    year = date.today().year + 1  # the CLI enrolls on the real today: next year's plan is open
    path = tmp_path / "c.sqlite3"
    db = open_counter_database(path)
    admin = make_counter(db, year=year)
    registered = person_id(5)
    enroll_member(
        db, admin, id_number=registered, name="欧阳娜娜", unit_code=UNIT, plan_code=CRITICAL.replace("2027", str(year))
    )
    db.dispose()
    rows = [
        [1, "张伟", person_id(1)],
        [2, "周建国", person_id(2, born=date(1940, 3, 4))],  # over the age limit
        [3, "李娜", person_id(3)[:-1] + ("0" if person_id(3)[-1] != "0" else "1")],  # a wrong check digit
        [4, "王芳", person_id(4)],
        [5, "王芳芳", person_id(4)],  # the same person twice
        [6, "欧阳娜", registered],  # registered under another name: a note
        [7, "赵\u202e敏", person_id(6)],  # a bidi override
        [8, "钱进", 611002198005011000],  # stored by Excel as a number
    ]
    roster = write_xlsx(tmp_path / "r.xlsx", rows)
    done = cli("--db", path, "roster", "import", roster, "--unit", UNIT, "--plan", plan_code(year))
    assert done.returncode == 1 and "没有导入任何数据" in done.stderr
    no_traceback(done.stderr)
    for reason in ("年龄不符合", "校验码", "同一人", "已登记的姓名", "U+202E", "Excel"):
        assert reason in done.stderr, reason
    assert ID_NUMBER.search(done.stderr) is None, done.stderr
    for name in ("张伟", "周建国", "李娜", "王芳", "欧阳娜", "赵", "钱进"):
        assert name not in done.stderr, name


# --- bad input typed on the command line ------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (("unit", "add", "--code", "C01", "--name", "商州\u202e区总工会", "--parent", "C"), "单位名称第 3 个字符"),
        (("unit", "add", "--code", "C\u200b01", "--name", "商州区总工会", "--parent", "C"), "单位代码第 2 个字符"),
        (("unit", "add", "--code", "C01", "--name", "区" * 129, "--parent", "C"), "单位名称最多 128 个字"),
        (("user", "add", "li\x1bna", "--role", "clerk"), "用户名第 3 个字符是控制字符"),
        (("init", "--org-name", "商洛\x07"), "单位名称第 3 个字符是控制字符"),  # (argv cannot hold a NUL)
    ],
)
def test_hostile_text_on_the_command_line_is_bad_input_and_changes_nothing(tree, argv, said):
    with sqlite3.connect(tree) as connection:
        before = connection.execute("SELECT count(*) FROM audit_log").fetchone()
    done = cli("--db", tree, *argv, input="clerk-pass-1\n")
    assert done.returncode == 2 and said in done.stderr, done.stderr
    no_traceback(done.stderr)
    assert not any(char in done.stderr for char in "\u202e\u200b\x1b\x07")
    with sqlite3.connect(tree) as connection:
        assert connection.execute("SELECT count(*) FROM audit_log").fetchone() == before
    assert unit_codes(tree) == ["C"]
