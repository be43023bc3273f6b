"""Sending a paper's PDF itself to a CUPS print queue (`lp`), so that the printer gets the paper as
it is: vector text and lines, a few dozen kilobytes a page. Drawing each page as an image through
a QPrinter (what the preview does for other printers) makes a PDF printer write page images (2 MB
a page, no text to search or copy) and a laser printer print slightly blurred text.

Where a queue can be sent a PDF: on Linux and macOS, where Qt's printers are CUPS queues and CUPS
converts a PDF for any printer it drives, and `lp` is installed. On Windows the preview keeps
printing through the QPrinter (there is no CUPS).

Submitting a job is quick (CUPS spools the file and answers); it waits at most SUBMIT_TIMEOUT
seconds. CUPS_SERVER and the other CUPS variables of the environment are passed on to `lp`.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

SUBMIT_TIMEOUT = 30  # seconds
# The page sizes CUPS knows by these names (PPD and IPP); another size is left to the queue's default.
MEDIA = ("A3", "A4", "A5", "B5", "Letter", "Legal")
SIDES = {"long": "two-sided-long-edge", "short": "two-sided-short-edge", "one": "one-sided"}


class QueueError(Exception):
    """The queue did not take the job: `message` says why, in Chinese, for the clerk."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class QueueJob:
    queue: str
    copies: int = 1
    pages: tuple[int, int] | None = None  # first and last page (1-based), None: every page
    media: str = ""  # one of MEDIA, else the queue's default
    sides: str = ""  # a key of SIDES, else the queue's default
    title: str = ""


def lp_command() -> str | None:
    """The `lp` program where print queues are CUPS queues (not on Windows), else None."""
    if sys.platform.startswith("win"):
        return None
    return shutil.which("lp")


def lp_arguments(job: QueueJob, path: Path) -> list[str]:
    """The arguments of `lp` for `job` (without the program)."""
    args = ["-d", job.queue, "-n", str(max(1, job.copies))]
    if job.title:
        args += ["-t", job.title]
    if job.pages is not None:
        first, last = job.pages
        args += ["-P", f"{first}-{last}" if last != first else str(first)]
    if job.media in MEDIA:
        args += ["-o", f"media={job.media}"]
    if job.sides in SIDES:
        args += ["-o", f"sides={SIDES[job.sides]}"]
    return [*args, "--", str(path)]


def send_pdf(path: Path, job: QueueJob) -> str:
    """Hand the PDF at `path` to the CUPS queue of `job`; the job's id ("Queue-12", or "" when
    lp does not say). QueueError when it is not taken (no lp, the queue refuses, lp hangs)."""
    lp = lp_command()
    if lp is None:
        raise QueueError("这台电脑不能直接把文件送到打印队列（没有 lp 命令）。")
    try:
        result = subprocess.run(
            [lp, *lp_arguments(job, Path(path))], capture_output=True, text=True, timeout=SUBMIT_TIMEOUT
        )
    except subprocess.TimeoutExpired:
        log.warning("lp did not answer within %s s for %s", SUBMIT_TIMEOUT, job.queue)
        raise QueueError(
            f"打印队列「{job.queue}」{SUBMIT_TIMEOUT} 秒内没有回应，打印任务可能没有送出。请检查打印服务后再打印。"
        ) from None
    except OSError as exc:
        log.warning("lp could not be started: %s", exc)
        raise QueueError("打印命令无法启动，请检查打印服务。") from None
    if result.returncode != 0:
        log.warning("lp refused the job for %s: %s", job.queue, result.stderr.strip())
        raise QueueError(
            f"打印队列「{job.queue}」没有接受打印任务：{result.stderr.strip() or result.returncode}。"
            "请检查打印机是否已启用、能否接受任务。"
        )
    found = re.search(r"request id is (\S+)", result.stdout)
    return found.group(1) if found else ""
