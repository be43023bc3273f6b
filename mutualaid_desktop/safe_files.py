"""Writing files so that a kill, a power cut or a full disk never leaves a half file behind.

Every file the program writes (papers, spreadsheets, backups) is written under a temporary name
in the target's folder, flushed to the disk, and only then renamed over the target. Until the
rename the previous file of that name is untouched; after it the new file is complete. A
temporary file left by a killed process ends in `.part` and is removed by `remove_leftovers`.

Files are created readable by their owner only (0600 on POSIX; folders 0700): they hold names,
ID numbers and bank accounts. On Windows the user's own folders are already private.

Any layer may use this module; it imports nothing of the project.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TypeGuard

PART_SUFFIX = ".part"
FILE_MODE = 0o600
FOLDER_MODE = 0o700
STALE_AFTER_SECONDS = 3600  # a .part older than this belongs to no running writer
# what temporary_name makes: <name>.<pid>-<hex>.part (not any .part: a browser's download is left alone)
_LEFTOVER = re.compile(r".+\.[0-9]+-[0-9a-f]+" + re.escape(PART_SUFFIX))


class DiskFull(OSError):
    """The disk (or the user's quota) is full: nothing was written over the target."""


def is_disk_full(error: BaseException) -> TypeGuard[OSError]:
    return isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT)


def make_private_folder(folder: str | os.PathLike[str]) -> Path:
    """Create `folder` (and its parents) if missing; a folder created here is owner-only."""
    path = Path(folder)
    if not path.is_dir():
        path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    return path


def temporary_name(target: str | os.PathLike[str]) -> Path:
    """A name beside `target` that no other writer uses: `<name>.<pid>-<random>.part`."""
    target = Path(target)
    return target.with_name(f"{target.name}.{os.getpid()}-{secrets.token_hex(4)}{PART_SUFFIX}")


def fsync_path(path: str | os.PathLike[str]) -> None:
    """Flush a file's (or on POSIX a folder's) content to the disk."""
    if os.name == "nt" and Path(path).is_dir():
        return  # Windows cannot open a folder for flushing; NTFS journals the rename itself
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside `target` for the caller to write; when the block ends
    without an exception, the file is flushed and renamed over `target`. On an exception the
    temporary file is removed and `target` is as it was. A full disk raises DiskFull."""
    target = Path(target)
    make_private_folder(target.parent)
    part = temporary_name(target)
    try:
        yield part
        if not part.exists():
            raise FileNotFoundError(errno.ENOENT, "nothing was written", str(part))
        if os.name != "nt":
            os.chmod(part, FILE_MODE)
        fsync_path(part)
        os.replace(part, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            part.unlink()
        if is_disk_full(exc) and not isinstance(exc, DiskFull):
            raise DiskFull(exc.errno, exc.strerror or "No space left on device", str(target)) from exc
        raise
    with contextlib.suppress(OSError):
        fsync_path(target.parent)


@contextlib.contextmanager
def atomic_write(target: str | os.PathLike[str], mode: str = "wb", **open_args) -> Iterator:
    """`open()` for writing, through `atomic_path`."""
    with atomic_path(target) as part, open(part, mode, **open_args) as file:
        yield file
        file.flush()


def write_bytes(target: str | os.PathLike[str], data: bytes) -> Path:
    with atomic_write(target, "wb") as file:
        file.write(data)
    return Path(target)


def remove_leftovers(folder: str | os.PathLike[str], *, older_than: float = STALE_AFTER_SECONDS) -> list[Path]:
    """Remove the temporary files of this module (`<name>.<pid>-<hex>.part`) in `folder` older than
    `older_than` seconds (left by a killed writer; a younger one may belong to a writer still at
    work). Other programs' `.part` files (a browser's download) are left alone. Returns what was removed."""
    path = Path(folder)
    removed: list[Path] = []
    if not path.is_dir():
        return removed
    now = time.time()
    for leftover in path.glob(f"*{PART_SUFFIX}"):
        if not _LEFTOVER.fullmatch(leftover.name):
            continue
        try:
            if now - leftover.stat().st_mtime >= older_than:
                leftover.unlink()
                removed.append(leftover)
        except OSError:
            continue
    return removed


def describe_write_error(target: str | os.PathLike[str], error: BaseException) -> str:
    """What went wrong writing `target`, in Chinese, and what to do (the previous file of that name,
    if any, is unchanged: every write goes through atomic_path)."""
    target = Path(target)
    if _LEFTOVER.fullmatch(target.name):  # an error opening the temporary file: name the file being saved
        target = target.with_name(re.sub(r"\.[0-9]+-[0-9a-f]+" + re.escape(PART_SUFFIX) + "$", "", target.name))
    kept = "原来的同名文件没有改动。" if target.exists() else ""
    if is_disk_full(error):
        return (
            f"磁盘空间不足，「{target.name}」没有保存（{target.parent} 所在的磁盘已满）。{kept}"
            f"请腾出磁盘空间（删除不用的文件、清空回收站），或换一个有空间的位置后重试。"
        )
    if isinstance(error, IsADirectoryError) or target.is_dir():
        return f"无法保存「{target.name}」：「{target}」是一个文件夹，不是文件。请换一个文件名。"
    if isinstance(error, OSError) and error.errno == errno.EROFS:
        return f"「{target.parent}」所在的磁盘是只读的，「{target.name}」没有保存。请换一个位置。"
    if isinstance(error, PermissionError):
        return (
            f"没有权限写入「{target}」，或这个文件正被其他程序（Excel、WPS、PDF 阅读器等）打开。{kept}"
            f"请关闭该文件，或换一个位置后重试。"
        )
    if isinstance(error, (FileNotFoundError, NotADirectoryError, FileExistsError)):
        return f"无法在「{target.parent}」中保存「{target.name}」：这个文件夹不存在或不能创建。请换一个位置。"
    reason = error.strerror if isinstance(error, OSError) and error.strerror else type(error).__name__
    return f"无法保存「{target}」（{reason}）。{kept}请换一个位置后重试。"
