"""Another process holding the database's write lock, as another counter's long import would."""

from __future__ import annotations

import subprocess
import sys

_HOLDER = r"""
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
connection.execute("BEGIN IMMEDIATE")
connection.execute("CREATE TABLE IF NOT EXISTS holder_was_here (x)")  # written, never committed
print("held", flush=True)
sys.stdin.readline()  # until the test says so
connection.execute("ROLLBACK")
print("released", flush=True)
"""


class LockHolder:
    """A real second process with `BEGIN IMMEDIATE` on the database at `path`, holding the write
    lock until `release()` (or the end of the `with` block). Its pipes are closed at the end of the block."""

    def __init__(self, path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _HOLDER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.released = False
        line = self.process.stdout.readline()
        if line.strip() != "held":
            self._stop()
            raise RuntimeError(f"the lock holder did not take the lock: {line!r}")

    def release(self) -> None:
        if self.released:
            return
        self.released = True
        self.process.stdin.write("go\n")
        self.process.stdin.flush()
        assert self.process.stdout.readline().strip() == "released"
        self.process.wait(timeout=30)

    def __enter__(self) -> LockHolder:
        return self

    def __exit__(self, *exc_info) -> None:
        try:
            self.release()
        finally:
            self._stop()

    def _stop(self) -> None:
        """Killed if still running, waited for, and its pipes closed (Popen's own exit does both)."""
        if self.process.poll() is None:
            self.process.kill()
        with self.process:  # closes stdin and stdout, then waits
            pass
