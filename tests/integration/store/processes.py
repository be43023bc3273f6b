"""Programs that the store tests run in a separate process (`python -m tests.integration.store.processes ...`):
they open the database through the program's own services, as a second window or another
counter would, and print what they were told."""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

TODAY = date(2026, 11, 29)


def pay(location: str, setup: str, marker: str, after: int) -> int:
    """Record one payment per enrollment of `setup` (JSON: clerk, unit code, enrollment ids),
    printing `SAVED <receipt serial>` after each that the service reported saved, and `FAILED
    <message>` for each refused. Once the file `marker` exists (the restore is over), record
    `after` more and stop."""
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.enrollment.payments import due_for, record_payment
    from mutualaid_desktop.services.session import open_counter_database

    plan = json.loads(setup)
    clerk = UserInfo(**plan["clerk"])
    db = open_counter_database(location)
    print("OPEN", flush=True)
    left = None
    cycle = [i for _ in range(20) for i in plan["ids"]]  # again from the start (a restore makes some pending again)
    try:
        for enrollment_id in cycle:
            if left is None and Path(marker).exists():
                left = after
                print("MARKER", flush=True)
            if left is not None:
                if left == 0:
                    break
                left -= 1
            try:
                due = due_for(db, enrollment_ids=[enrollment_id], paid_on=TODAY).total
                result = record_payment(
                    db,
                    clerk,
                    enrollment_ids=[enrollment_id],
                    payer_unit_code=plan["unit"],
                    amount=due,
                    method="cash",
                    paid_on=TODAY,
                    today=TODAY,
                )
            except Exception as exc:
                print("FAILED", type(exc).__name__, getattr(exc, "message", str(exc)).replace("\n", " "), flush=True)
                continue
            print("SAVED", result.serial, flush=True)
            time.sleep(0.02)
    finally:
        db.dispose()
    return 0


def hold(location: str, seconds: float) -> int:
    """Hold the write lock (an open write transaction of the program's own kind) for `seconds`,
    as a long import would, adding one member meanwhile."""
    from sqlalchemy import text

    from mutualaid_desktop.services.session import open_counter_database

    db = open_counter_database(location)
    try:
        with db.session() as session:  # BEGIN IMMEDIATE
            session.execute(
                text("INSERT INTO org_units (code, name, kind, active) VALUES ('HOLD', '导入中', 'unit', 1)")
            )
            print("HOLDING", flush=True)
            time.sleep(seconds)
            session.commit()
        print("COMMITTED", flush=True)
    finally:
        db.dispose()
    return 0


def restore(backup: str, location: str) -> int:
    """Restore `backup` into `location` (the program's own restore), saying when it starts and ends."""
    from mutualaid_desktop.store.restore import restore_backup

    print("START", flush=True)
    started = time.monotonic()
    restore_backup(Path(backup), Path(location))
    print("DONE", f"{time.monotonic() - started:.3f}", flush=True)
    return 0


def backup(location: str, folder: str) -> int:
    """Take a manual backup of `location` into `folder`, saying when it starts and ends."""
    from mutualaid_desktop.store.backup import take_backup

    print("START", flush=True)
    started = time.monotonic()
    take_backup(Path(location), Path(folder), reason="manual")
    print("DONE", f"{time.monotonic() - started:.3f}", flush=True)
    return 0


def open_at(start_at: str, interval: str, *locations: str) -> int:
    """Open each database of `locations` in turn, the first at the moment `start_at` (a
    time.time() value), the next `interval` seconds later..., as processes started together
    would (every process is given the same moments); print the warnings each open gave."""
    from mutualaid_desktop.store.database import open_database

    for n, location in enumerate(locations):
        moment = float(start_at) + n * float(interval)
        if time.time() > moment:
            print("LATE", location, flush=True)
        while time.time() < moment:
            time.sleep(0.0005)
        db = open_database(location)
        print("WARNINGS", json.dumps(db.warnings, ensure_ascii=False), flush=True)
        db.dispose()
    return 0


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    if command == "pay":
        raise SystemExit(pay(rest[0], rest[1], rest[2], int(rest[3])))
    if command == "restore":
        raise SystemExit(restore(rest[0], rest[1]))
    if command == "backup":
        raise SystemExit(backup(rest[0], rest[1]))
    if command == "open":
        raise SystemExit(open_at(*rest))
    if command == "hold":
        raise SystemExit(hold(rest[0], float(rest[1])))
    raise SystemExit(f"unknown command {command}")
