"""Serial counters: 1, 2, 3 per key, in the caller's transaction; a rollback gives the number back."""

from __future__ import annotations

import threading

from mutualaid_desktop.store.serials import (
    format_receipt_serial,
    next_receipt_serial,
    next_serial,
    peek_serial,
    take_serials,
)


def test_numbers_count_up_per_key(db):
    with db.session() as session:
        assert [next_serial(session, "receipt:2026") for _ in range(3)] == [1, 2, 3]
        assert next_serial(session, "receipt:2027") == 1
        session.commit()
    with db.session() as session:
        assert next_serial(session, "receipt:2026") == 4
        assert take_serials(session, "receipt:2026", 10) == 5
        assert peek_serial(session, "receipt:2026") == 15
        session.commit()


def test_rolled_back_transaction_does_not_use_a_number(db):
    with db.session() as session:
        assert next_serial(session, "k") == 1
        session.commit()
    with db.session() as session:
        assert next_serial(session, "k") == 2
        session.rollback()
    with db.session() as session:
        assert next_serial(session, "k") == 2
        session.rollback()
    with db.session() as session:  # a new key rolled back leaves no counter
        assert next_serial(session, "new") == 1
        session.rollback()
    with db.session() as session:
        assert peek_serial(session, "new") == 1


def test_concurrent_writers_never_get_the_same_number(db):
    got: list[int] = []
    lock = threading.Lock()

    def take(n: int) -> None:
        for _ in range(n):
            with db.session() as session:
                number = next_serial(session, "receipt:2026")
                session.commit()
            with lock:
                got.append(number)

    threads = [threading.Thread(target=take, args=(25,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(got) == list(range(1, 101))


def test_receipt_serial_format(db):
    assert format_receipt_serial(2026, 123) == "SJ2026-000123"
    with db.session() as session:
        assert next_receipt_serial(session, 2026) == "SJ2026-000001"
        assert next_receipt_serial(session, 2026) == "SJ2026-000002"
        assert next_receipt_serial(session, 2027) == "SJ2027-000001"
        session.commit()
