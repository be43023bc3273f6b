"""`mutualaid backup` and `mutualaid restore` as a counter runs them (real processes): what they
say, in Chinese, where files are and what to do; never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.store.backup import take_backup
from tests.disk import fill_up
from tests.integration.services.payments_data import make_counter

ROOT = Path(__file__).resolve().parents[3]


def cli(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mutualaid_desktop.cli", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        timeout=300,
    )


def no_traceback(done: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in done.stderr and "Error:" not in done.stderr, done.stderr


@pytest.fixture
def location(tmp_path) -> Path:
    db = tmp_path / "counter" / "mutualaid.sqlite3"
    assert cli("--db", str(db), "init").returncode == 0
    return db


def test_backup_to_a_missing_folder_says_so(location, tmp_path):
    missing = tmp_path / "no-such-folder" / "copy.sqlite3"
    done = cli("--db", str(location), "backup", "--to", str(missing))
    assert done.returncode == 1
    no_traceback(done)
    assert f"文件夹 {missing.parent} 不存在" in done.stderr and "建立该文件夹" in done.stderr
    assert not missing.parent.exists()


def test_backup_to_a_read_only_folder_says_so(location, small_disk):
    disk = small_disk(4096)
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    done = cli("--db", str(location), "backup", "--to", str(disk / "copy.sqlite3"))
    assert done.returncode == 1
    no_traceback(done)
    assert f"无法写入 {disk}" in done.stderr and "写入权限" in done.stderr
    assert list(disk.iterdir()) == []


def test_backup_into_an_existing_folder_names_the_file(location, tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    done = cli("--db", str(location), "--json", "backup", "--to", str(folder))
    assert done.returncode == 0, done.stderr
    path = Path(json.loads(done.stdout)["backup"])
    assert path.parent == folder and path.name.startswith("mutualaid-") and path.name.endswith("-manual.sqlite3")


def test_a_backup_of_a_damaged_database_is_a_problem_not_a_backup(tmp_path):
    db = tmp_path / "c.sqlite3"
    assert cli("--db", str(db), "demo", "--members", "3000").returncode == 0
    size = db.stat().st_size
    with db.open("r+b") as file:  # pages in the middle: the cheap check at open does not see it
        file.seek(size // 2 // 4096 * 4096)
        file.write(bytes((i * 37 + 11) % 256 for i in range(3 * 4096)))
    target = tmp_path / "copy.sqlite3"
    done = cli("--db", str(db), "backup", "--to", str(target))
    assert done.returncode == 1
    no_traceback(done)
    assert "已备份" not in done.stdout + done.stderr
    assert "完整性检查" in done.stderr and "可能已损坏" in done.stderr and "mutualaid check" in done.stderr
    assert not target.exists() and not list(tmp_path.glob("copy.sqlite3*"))


def test_a_failed_daily_backup_is_said_by_every_command_until_a_good_backup_exists(location):
    backups = location.parent / "backups"
    assert not backups.exists()  # a new database: no backup yet
    backups.write_text("a file where the backup folder should be")  # the daily backup cannot be written

    first = cli("--db", str(location), "plan", "list")
    assert first.returncode == 0  # the work goes on
    assert "今天的自动备份没有成功" in first.stderr and str(backups) in first.stderr
    second = cli("--db", str(location), "--json", "plan", "list")
    assert second.returncode == 0 and json.loads(second.stdout) == {"plans": []}
    assert "备份" in second.stderr and "没有成功" in second.stderr
    no_traceback(second)

    backups.unlink()  # put right: the next open takes the day's backup, and the note is gone
    third = cli("--db", str(location), "plan", "list")
    assert third.returncode == 0 and "备份" not in third.stderr
    assert len(list(backups.glob("*-daily.sqlite3"))) == 1
    assert "备份" not in cli("--db", str(location), "plan", "list").stderr


def test_restore_says_where_the_copy_is_and_which_numbers_to_enter_again(tmp_path):
    location = tmp_path / "mutualaid.sqlite3"
    db = open_counter_database(location)
    try:
        counter = make_counter(db, members=4)
        backup = take_backup(db.path, tmp_path / "saved", reason="manual")
        from tests.integration.store.test_restore import pay

        given = [pay(db, counter, i) for i in counter.enrollment_ids["SL-ZY-2027"][:3]]
    finally:
        db.dispose()

    done = cli("--db", str(location), "restore", str(backup))
    assert done.returncode == 0, done.stderr
    no_traceback(done)
    copy = next((location.parent / "backups").glob("*-pre-restore.sqlite3"))
    assert f"恢复前的数据库已复制并检查完好，保存在：{copy}" in done.stdout
    assert f"缴费收据 3 个：{given[0]} 至 {given[-1]}" in done.stdout and "重新录入" in done.stdout

    again = cli("--db", str(location), "--json", "restore", str(backup))
    report = json.loads(again.stdout)
    assert again.returncode == 0 and report["method"] == "content"
    assert Path(report["pre_restore"]).is_file()
    assert report["lost_serials"][0]["numbers"] == given  # still lost: listed again, never given again


def test_restore_with_too_little_disk_is_refused_about_the_disk(small_disk, tmp_path):
    disk = small_disk(2048)
    location = disk / "mutualaid.sqlite3"
    assert cli("--db", str(location), "demo", "--members", "400").returncode == 0
    backup = take_backup(location, tmp_path / "saved", reason="manual")
    fill_up(disk, leave=location.stat().st_size // 2)
    before = location.read_bytes()

    done = cli("--db", str(location), "restore", str(backup))

    assert done.returncode == 1
    no_traceback(done)
    assert "磁盘空间不足" in done.stderr and str(disk) in done.stderr and "已损坏" not in done.stderr
    assert location.read_bytes() == before
