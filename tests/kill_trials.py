"""kill -9 during a file write: run a real `mutualaid` process again and again, kill it at varied
moments, and after each kill look at the target: absent or the previous file byte for byte, or a
complete valid new file. Used by the slow tests in tests/integration/cli/test_kill_during_write.py.

The moments: a third of the trials are killed as soon as a temporary file (`.part`) appears or the
target changes (the write itself), the others after a delay spread evenly over the time a whole run
takes (start, database work, drawing, writing, after).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
CLI = (sys.executable, "-m", "mutualaid_desktop.cli")


def run_cli(*argv, check: bool = True, ok: Sequence[int] = (0,)) -> subprocess.CompletedProcess:
    done = subprocess.run([*CLI, *map(str, argv)], env=ENV, capture_output=True, text=True, timeout=300)
    if check and done.returncode not in ok:
        raise AssertionError(f"mutualaid {' '.join(map(str, argv))} failed ({done.returncode}): {done.stderr}")
    return done


def pdf_pages(path: Path) -> int:
    """The number of pages of a complete PDF (strict parse; raises on a truncated or empty file)."""
    from pypdf import PdfReader

    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or not data.rstrip().endswith(b"%%EOF"):
        raise ValueError(f"{path.name}: not a complete PDF ({len(data)} bytes)")
    reader = PdfReader(str(path), strict=True)
    for page in reader.pages:
        page.extract_text()
    return len(reader.pages)


def xlsx_rows(path: Path) -> int:
    """The number of rows of the first sheet of a complete .xlsx (raises on a damaged file)."""
    from openpyxl import load_workbook

    with zipfile.ZipFile(path) as archive:
        bad = archive.testzip()
        if bad is not None:
            raise ValueError(f"{path.name}: damaged member {bad}")
    workbook = load_workbook(path, read_only=True)
    try:
        return sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()


@dataclass
class Report:
    """What the trials saw. `outcomes`: per file looked at after a kill: absent, previous (byte for byte),
    new (complete and valid). `moments`: when the kill came (once the write began, i.e. a .part existed or
    the target had changed; before it; the run had already finished)."""

    name: str
    trials: int = 0
    outcomes: Counter = field(default_factory=Counter)
    moments: Counter = field(default_factory=Counter)
    leftovers: int = 0  # .part files found after the kills (cleaned by the next write)
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.name}: {self.trials} trials in {self.seconds:.1f} s; kills {dict(self.moments)}; "
            f"files after the kill {dict(self.outcomes)}; .part left {self.leftovers}; "
            f"problems {len(self.problems)}"
        )


def _snapshot(paths: Sequence[Path]) -> dict[Path, tuple[int, int] | None]:
    out = {}
    for p in paths:
        try:
            st = p.stat()
            out[p] = (st.st_size, st.st_mtime_ns)
        except FileNotFoundError:
            out[p] = None
    return out


def kill_trials(
    name: str,
    argv: Sequence,
    folder: Path,
    targets: Callable[[], list[Path]],
    valid: Callable[[Path], object],
    *,
    trials: int = 20,
    seed: int = 9,
    ok: Sequence[int] = (0,),
) -> Report:
    """Run `mutualaid argv` `trials` times, killing it with SIGKILL at varied moments; after each kill every
    file of `targets()` (the expected outputs, in `folder`) must be absent, the previous bytes, or `valid`
    (which raises on a bad file). The first, complete run (its exit status in `ok`) measures how long a run takes."""
    rnd = random.Random(seed)
    report = Report(name)
    started = time.monotonic()
    t0 = time.monotonic()
    run_cli(*argv, ok=ok)
    whole = time.monotonic() - t0
    files = targets()
    assert files, f"{name}: the complete run wrote nothing"
    for p in files:
        valid(p)  # the complete run's files are valid (and set what a valid file looks like)
    previous = {p: p.read_bytes() for p in files if p.exists()}
    for trial in range(trials):
        watch = trial % 3 == 0
        delay = None if watch else whole * (0.1 + 1.3 * rnd.random())
        before = _snapshot(files)
        old_parts = set(folder.glob("*.part"))  # left by earlier kills: not a sign of this run's write
        proc = subprocess.Popen([*CLI, *map(str, argv)], env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t = time.monotonic()
        moment = "before the write"
        while True:
            if proc.poll() is not None:
                moment = "after the end"
                break
            writing = bool(set(folder.glob("*.part")) - old_parts) or _snapshot(files) != before
            if watch and writing:
                if rnd.random() < 0.5:
                    time.sleep(rnd.random() * 0.02)
                moment = "once the write began"
                break
            if delay is not None and time.monotonic() - t >= delay:
                moment = "once the write began" if writing else "before the write"
                break
            if time.monotonic() - t > 120:
                break
            time.sleep(0.001)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        report.trials += 1
        report.moments[moment] += 1
        for p in files:
            if not p.exists():
                report.outcomes["absent"] += 1
                if p in previous:
                    report.problems.append(f"trial {trial}: {p.name} was there before and is gone")
                continue
            data = p.read_bytes()
            if previous.get(p) == data:
                report.outcomes["previous"] += 1
                continue
            try:
                valid(p)
            except Exception as exc:
                report.outcomes["BROKEN"] += 1
                report.problems.append(
                    f"trial {trial} ({moment}): {p.name} is broken: {type(exc).__name__}: {exc}"[:300]
                )
                previous[p] = data  # judge the next trial against what is there now
                continue
            report.outcomes["new"] += 1
            previous[p] = data
        report.leftovers = len(list(folder.glob("*.part")))
    report.seconds = time.monotonic() - started
    return report


def age_leftovers(folder: Path, seconds: float = 2 * 3600) -> list[Path]:
    """Make the .part files in `folder` look `seconds` old (as if left by a kill long ago)."""
    parts = list(folder.glob("*.part"))
    old = time.time() - seconds
    for p in parts:
        os.utime(p, (old, old))
    return parts
