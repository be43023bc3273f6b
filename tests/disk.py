"""Helpers of the full-disk tests (the `small_disk` fixture is in tests/conftest.py)."""

from __future__ import annotations

import os
import uuid


def fill_up(folder, leave: int = 0) -> None:
    """Fill the disk of `folder` until at most `leave` bytes are free."""
    path = os.path.join(folder, f"filler-{uuid.uuid4().hex[:6]}")
    with open(path, "wb") as file:
        block = b"\0" * 4096
        try:
            while True:
                free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
                if free <= leave:
                    break
                file.write(block[: max(1, min(4096, free - leave))])
                file.flush()
        except OSError:
            pass
