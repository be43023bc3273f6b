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
    from mutualaid_desktop.services.payments import due_for, record_payment
    from mutualaid_desktop.services.session import open_counter_database
    from mutualaid_desktop.services.users import UserInfo

    plan = json.loads(setup)
    clerk = UserInfo(**plan["clerk"])
    db = open_counter_database(location)
    print("OPEN", flush=True)
    left = None
    try:
        for enrollment_id in plan["ids"]:
            if left is None and Path(marker).exists():
                left = after
                print("MARKER", flush=True)
            if left is not None:
                if left == 0:
                    break
                left -= 1
            try:
                due = due_for(db, enrollment_ids=[enrollment_id], paid_on=TODAY).total
                result = record_payment(db, clerk, enrollment_ids=[enrollment_id], payer_unit_code=plan["unit"],
                                        amount=due, method="cash", paid_on=TODAY, today=TODAY)
            except Exception as exc:  # noqa: BLE001 - told, not saved: that is allowed
                print("FAILED", type(exc).__name__, getattr(exc, "message", str(exc)).replace("\n", " "), flush=True)
                time.sleep(0.05)
                continue
            print("SAVED", result.serial, flush=True)
    finally:
        db.dispose()
    return 0


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    if command == "pay":
        raise SystemExit(pay(rest[0], rest[1], rest[2], int(rest[3])))
    raise SystemExit(f"unknown command {command}")
