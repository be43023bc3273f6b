"""safe_files: a file is replaced whole or not at all."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from mutualaid_desktop import safe_files
from mutualaid_desktop.safe_files import DiskFull, atomic_path, atomic_write, remove_leftovers, write_bytes


def test_the_target_appears_only_when_complete(tmp_path):
    target = tmp_path / "out" / "paper.pdf"
    with atomic_write(target) as file:
        file.write(b"%PDF-1.4 first")
        assert not target.exists()
    assert target.read_bytes() == b"%PDF-1.4 first"
    assert [p.name for p in target.parent.iterdir()] == ["paper.pdf"]


def test_a_failure_keeps_the_previous_file_and_leaves_no_part(tmp_path):
    target = write_bytes(tmp_path / "paper.pdf", b"good")
    with pytest.raises(RuntimeError), atomic_write(target) as file:
        file.write(b"half")
        raise RuntimeError("killed half-way")
    assert target.read_bytes() == b"good"
    assert [p.name for p in tmp_path.iterdir()] == ["paper.pdf"]


def test_nothing_written_is_an_error_and_keeps_the_target(tmp_path):
    target = write_bytes(tmp_path / "a.xlsx", b"old")
    with pytest.raises(FileNotFoundError), atomic_path(target):
        pass
    assert target.read_bytes() == b"old"


def test_a_full_disk_is_disk_full(tmp_path, monkeypatch):
    target = write_bytes(tmp_path / "a.pdf", b"old")

    def full(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safe_files, "fsync_path", full)
    with pytest.raises(DiskFull):
        write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_files_and_new_folders_are_owner_only(tmp_path):
    target = write_bytes(tmp_path / "papers" / "r.pdf", b"x")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700


def test_stale_leftovers_are_removed_young_ones_kept(tmp_path):
    old = tmp_path / "a.pdf.1-ab.part"
    young = tmp_path / "b.pdf.2-cd.part"
    for path in (old, young):
        path.write_bytes(b"half")
    os.utime(old, (1, 1))
    assert remove_leftovers(tmp_path) == [old]
    assert young.exists() and not old.exists()


def test_a_really_full_disk_keeps_the_previous_file(small_disk):
    from tests.disk import fill_up

    disk = small_disk(256)
    target = write_bytes(disk / "paper.pdf", b"%PDF good paper")
    fill_up(disk)
    with pytest.raises(DiskFull):
        write_bytes(target, b"%PDF " + b"x" * 200_000)
    assert target.read_bytes() == b"%PDF good paper"
    assert sorted(p.name for p in disk.iterdir() if not p.name.startswith("filler")) == ["paper.pdf"]
