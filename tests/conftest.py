"""Fixtures for every test folder: a small disk that fills up, for the full-disk cases."""

from __future__ import annotations

import os
import subprocess
import uuid

import pytest

REQUIRE_SMALL_DISK = "MUTUALAID_REQUIRE_TMPFS"  # set by .ci/run when it runs as root


@pytest.fixture
def small_disk(tmp_path):
    """`small_disk(kib)`: a fresh tmpfs of `kib` KiB mounted in tmp_path; its path.

    Mounting needs root (CI runs as root). Where it cannot mount, the test fails when
    MUTUALAID_REQUIRE_TMPFS=1 (CI) and is otherwise marked xfail with the reason in red, never
    skipped quietly."""
    mounted = []

    def make(kib: int):
        point = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kib}k,mode=0700", "tmpfs", str(point)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            reason = f"cannot mount a {kib} KiB tmpfs for the full-disk test: {done.stderr.strip() or done.returncode}"
            if os.environ.get(REQUIRE_SMALL_DISK) == "1":
                pytest.fail(reason)
            pytest.xfail("NOT TESTED — " + reason)
        mounted.append(point)
        return point

    yield make
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)
