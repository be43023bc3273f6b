"""Serial number counters (table `serials`), advanced inside the caller's transaction.

`next_serial(session, key)` gives 1, 2, 3... for each key. The counter row is written in the
transaction that uses the number: a rolled-back transaction gives its number back, and two
transactions can not get the same number (on SQLite a writing unit of work holds the write lock
from BEGIN; on PostgreSQL the upsert locks the counter row until commit).

Receipt numbers are `SJ<year>-<6 digits>`, one counter per year (key `receipt:<year>`).

High-water marks: a restore puts back an older copy of the counters, but the numbers given since
are on paper already. So every transaction that takes numbers also writes, before it commits and
while it holds the write lock, the counters' new values into a small file beside the database
(`<database file>.serials`, JSON, merged by the maximum, flushed to the disk through
safe_files). A restore raises every counter to at least that mark, also when the database it
replaces is too damaged to be read (store/restore.py). A transaction that takes a number and is
then rolled back leaves its mark: that number is skipped, never given twice.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Insert, event, select, update
from sqlalchemy.orm import Session

from mutualaid_desktop import safe_files

from .bulk import table_of
from .models import PremiumPayment, Serial

log = logging.getLogger(__name__)

RECEIPT_PREFIX = "SJ"
MARKS_SUFFIX = ".serials"
_PENDING = "serial_marks"  # session.info: {key: next value} taken in the current transaction


def next_serial(session: Session, key: str) -> int:
    """The next number of the counter `key` (1 for a new key), counted in the session's transaction."""
    return take_serials(session, key, 1)


def take_serials(session: Session, key: str, count: int) -> int:
    """Reserve `count` consecutive numbers of the counter `key`; returns the first."""
    if count < 1:
        raise ValueError("count must be at least 1")
    dialect = session.get_bind().dialect.name
    table = table_of(Serial)
    if dialect in ("sqlite", "postgresql"):
        upsert: Insert
        if dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            upsert = (
                sqlite_insert(table)
                .values(key=key, next_value=1 + count)
                .on_conflict_do_update(index_elements=[table.c.key], set_={"next_value": table.c.next_value + count})
            )
        else:
            from sqlalchemy.dialects.postgresql import insert as postgresql_insert

            upsert = (
                postgresql_insert(table)
                .values(key=key, next_value=1 + count)
                .on_conflict_do_update(index_elements=[table.c.key], set_={"next_value": table.c.next_value + count})
            )
        following = session.execute(upsert.returning(table.c.next_value)).scalar_one()
    else:  # pragma: no cover - other databases: lock the row, then write it
        row = session.get(Serial, key, with_for_update=True)
        if row is None:
            session.add(Serial(key=key, next_value=1 + count))
            following = 1 + count
        else:
            row.next_value += count
            following = row.next_value
        session.flush()
    _note_mark(session, key, following)
    return following - count


def peek_serial(session: Session, key: str) -> int:
    """The number `next_serial` would give now (without taking it)."""
    return session.scalar(select(Serial.next_value).where(Serial.key == key)) or 1


def ensure_serial_after(session: Session, key: str, used: int) -> None:
    """Make sure the counter `key` gives numbers above `used` (for numbers given elsewhere)."""
    current = session.scalar(select(Serial.next_value).where(Serial.key == key))
    if current is None:
        session.execute(table_of(Serial).insert().values(key=key, next_value=used + 1))
    elif current <= used:
        session.execute(update(Serial).where(Serial.key == key).values(next_value=used + 1))
    else:
        return
    _note_mark(session, key, used + 1)


def receipt_key(year: int) -> str:
    return f"receipt:{year}"


def format_receipt_serial(year: int, number: int) -> str:
    return f"{RECEIPT_PREFIX}{year}-{number:06d}"


def next_receipt_serial(session: Session, year: int) -> str:
    """The next premium receipt number of `year`, e.g. SJ2026-000123. A number already on a
    receipt (a counter set back by hand, a restored older copy) is skipped, never given twice."""
    while True:
        serial = format_receipt_serial(year, next_serial(session, receipt_key(year)))
        taken = session.scalar(select(PremiumPayment.id).where(PremiumPayment.receipt_serial == serial))
        if taken is None:
            return serial


# --- high-water marks -----------------------------------------------------------------------


def marks_path(db_file: str | Path) -> Path:
    """The high-water file of the database file `db_file`."""
    db_file = Path(db_file)
    return db_file.with_name(db_file.name + MARKS_SUFFIX)


def read_marks(db_file: str | Path) -> dict[str, int]:
    """The high-water marks kept beside `db_file` ({} when there are none, or the file cannot be
    read: the counters in the database are then all there is)."""
    path = marks_path(db_file)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {str(k): int(v) for k, v in data["marks"].items() if int(v) > 0}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning("high-water file %s unreadable (%s); the counters in the database are used", path, exc)
        return {}


def write_marks(db_file: str | Path, marks: dict[str, int]) -> dict[str, int]:
    """Merge `marks` into the high-water file (each key keeps its maximum); returns the result.
    Call it holding the database's write lock, so that two writers cannot interleave."""
    merged = read_marks(db_file)
    changed = False
    for key, value in marks.items():
        if value > merged.get(key, 0):
            merged[key] = value
            changed = True
    if changed or not marks_path(db_file).exists():
        text = json.dumps({"version": 1, "marks": dict(sorted(merged.items()))}, ensure_ascii=False, indent=0)
        safe_files.write_bytes(marks_path(db_file), text.encode("utf-8"))
    return merged


def _database_file(session: Session) -> Path | None:
    bind = session.get_bind()
    url = bind.engine.url  # an Engine's .engine is itself
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def _note_mark(session: Session, key: str, following: int) -> None:
    """Remember that the counter `key` now stands at `following`; written at commit."""
    pending = session.info.get(_PENDING)
    if pending is None:
        pending = session.info[_PENDING] = {}
        if not session.info.get("serial_marks_listening"):
            session.info["serial_marks_listening"] = True
            event.listen(session, "before_commit", _write_pending)
            event.listen(session, "after_rollback", _forget_pending)
    pending[key] = max(pending.get(key, 0), following)


def _write_pending(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    db_file = _database_file(session)
    if db_file is None:
        return
    try:
        write_marks(db_file, pending)
    except OSError as exc:  # the number must be on record before it is given: nothing is saved
        from .errors import DatabaseError

        log.error("cannot write the high-water file beside %s: %s", db_file, exc)
        full = safe_files.is_disk_full(exc)
        raise DatabaseError(
            f"无法记下已发出的编号（{marks_path(db_file)}）："
            f"{'磁盘已满' if full else (exc.strerror or exc)}。这笔业务没有保存，数据没有改动。",
            "请清理磁盘空间或检查数据库文件夹的写入权限，然后重试。"
            if full
            else "请检查数据库所在文件夹的写入权限，然后重试。",
        ) from exc


def _forget_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)


# --- numbers as printed ---------------------------------------------------------------------


@dataclass(frozen=True)
class SerialKind:
    """A family of counters: how its numbers are printed and where they are kept."""

    pattern: re.Pattern
    label: str  # Chinese
    table: str  # where a number, once used, is kept
    column: str
    width: int

    def format(self, match: re.Match, number: int) -> str:
        raise NotImplementedError


class _Receipts(SerialKind):
    def format(self, match: re.Match, number: int) -> str:
        return format_receipt_serial(int(match["year"]), number)


class _Claims(SerialKind):
    def format(self, match: re.Match, number: int) -> str:  # 611002-2026-000045
        return f"{match['county']}-{match['year']}-{number:0{self.width}d}"


class _Batches(SerialKind):
    def format(self, match: re.Match, number: int) -> str:  # PF2026-0003
        return f"PF{match['year']}-{number:0{self.width}d}"


SERIAL_KINDS: tuple[SerialKind, ...] = (
    _Receipts(re.compile(r"^receipt:(?P<year>\d{4})$"), "缴费收据", "premium_payments", "receipt_serial", 6),
    _Claims(re.compile(r"^claim:(?P<county>.+):(?P<year>\d{4})$"), "理赔编号", "claims", "claim_number", 6),
    _Batches(re.compile(r"^payout_batch:(?P<year>\d{4})$"), "给付批次", "payout_batches", "batch_number", 4),
)


def serial_kind(key: str) -> tuple[SerialKind, re.Match] | None:
    for kind in SERIAL_KINDS:
        match = kind.pattern.match(key)
        if match:
            return kind, match
    return None


def format_serial(key: str, number: int) -> str:
    """The number `number` of the counter `key` as it is printed (SJ2026-000123,
    611002-2026-000045, PF2026-0003); an unknown counter as `<key> 第 n 号`."""
    found = serial_kind(key)
    if found is None:
        return f"{key} 第 {number} 号"
    kind, match = found
    return kind.format(match, number)


def serial_label(key: str) -> str:
    found = serial_kind(key)
    return found[0].label if found else "编号"


@dataclass(frozen=True)
class LostSerials:
    """Numbers of one counter that were given out (on paper) after a backup and are not in the
    restored database: the papers must be entered again."""

    key: str
    label: str  # 缴费收据, 理赔编号, 给付批次...
    numbers: tuple[str, ...]  # as printed, in order
    runs: tuple[tuple[str, str], ...]  # consecutive numbers: (first, last)

    @property
    def count(self) -> int:
        return len(self.numbers)

    def to_json_dict(self) -> dict:
        return {
            "key": self.key,
            "kind": self.label,
            "count": self.count,
            "runs": [list(run) for run in self.runs],
            "numbers": list(self.numbers),
        }

    def describe(self) -> str:
        """`缴费收据 10 个：SJ2026-000006 至 SJ2026-000012、SJ2026-000014 至 SJ2026-000016`."""
        runs = "、".join(first if first == last else f"{first} 至 {last}" for first, last in self.runs)
        return f"{self.label} {self.count} 个：{runs}"


def read_counters(connection, schema: str = "main") -> dict[str, int]:
    """The counters (key -> next value) of the database attached as `schema` on `connection`
    (a SQLAlchemy Connection); {} when it has no serials table."""
    found = connection.exec_driver_sql(
        f"SELECT 1 FROM {schema}.sqlite_master WHERE type = 'table' AND name = 'serials'"
    ).first()
    if found is None:
        return {}
    rows = connection.exec_driver_sql(f"SELECT key, next_value FROM {schema}.serials").fetchall()
    return {str(key): int(value) for key, value in rows}


def lost_serials(
    connection, restored: dict[str, int], issued: dict[str, int], schema: str = "main"
) -> list[LostSerials]:
    """The numbers given out up to `issued` (key -> next value) that a database whose counters
    stand at `restored` has not used: per counter, the numbers from the restored counter up to
    the highest issued, less those the restored content holds (its receipts, claims, batches,
    looked up in `schema` on `connection`)."""
    lost = []
    for key in sorted(issued):
        start, stop = restored.get(key, 1), issued[key]
        if stop <= start:
            continue
        values = list(range(start, stop))
        numbers = [format_serial(key, n) for n in values]
        found = serial_kind(key)
        if found is not None:
            unused = set(_not_used(connection, schema, found[0], numbers))
            values = [n for n, text in zip(values, numbers, strict=True) if text in unused]
            numbers = [text for text in numbers if text in unused]
        if numbers:
            lost.append(LostSerials(key, serial_label(key), tuple(numbers), _runs(key, values)))
    return lost


def _runs(key: str, values: list[int]) -> tuple[tuple[str, str], ...]:
    runs: list[tuple[str, str]] = []
    first: int | None = None
    previous = 0  # set with first
    for value in [*values, None]:
        if first is not None and (value is None or value != previous + 1):
            runs.append((format_serial(key, first), format_serial(key, previous)))
            first = None
        if value is not None:
            if first is None:
                first = value
            previous = value
    return tuple(runs)


def _not_used(connection, schema: str, kind: SerialKind, numbers: list[str]) -> list[str]:
    present = connection.exec_driver_sql(
        f"SELECT 1 FROM {schema}.sqlite_master WHERE type = 'table' AND name = ?", (kind.table,)
    ).first()
    if present is None:
        return numbers
    used: set[str] = set()
    for at in range(0, len(numbers), 500):
        chunk = numbers[at : at + 500]
        marks = ", ".join("?" for _ in chunk)
        used.update(
            row[0]
            for row in connection.exec_driver_sql(
                f"SELECT {kind.column} FROM {schema}.{kind.table} WHERE {kind.column} IN ({marks})", tuple(chunk)
            )
        )
    return [n for n in numbers if n not in used]
