"""The unit of work against a real SQLite file: rolled back unless committed, audit included."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import open_database
from mutualaid_desktop.store.models import AuditRecord, Member


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "mutualaid.sqlite3")
    yield database
    database.dispose()


def new_member(uow: UnitOfWork, name: str = "王芳", id_number: str = "611002198001010021") -> Member:
    member = Member(id_number=id_number, name=name, sex="female", birth_date=date(1980, 1, 1))
    uow.session.add(member)
    uow.session.flush()
    return member


def counts(db) -> tuple[int, int]:
    with UnitOfWork(db, read_only=True) as uow:
        count = lambda model: uow.session.scalar(select(func.count()).select_from(model))  # noqa: E731
        return count(Member), count(AuditRecord)


def test_without_commit_everything_is_rolled_back(db):
    with UnitOfWork(db, "zhang") as uow:
        member = new_member(uow)
        uow.audit("member.create", "member", member.id, after={"name": member.name})
    assert counts(db) == (0, 0)


def test_an_exception_rolls_back_and_propagates(db):
    with pytest.raises(ZeroDivisionError), UnitOfWork(db, "zhang") as uow:
        new_member(uow)
        raise ZeroDivisionError("a failure inside the unit of work")
        uow.commit()  # pragma: no cover - not reached
    assert counts(db) == (0, 0)


def test_a_failing_audit_undoes_the_change(db):
    with pytest.raises(TypeError), UnitOfWork(db, "zhang") as uow:
        member = new_member(uow)
        uow.audit("member.create", "member", member.id, after={"photo": object()})
        uow.commit()  # pragma: no cover - not reached
    assert counts(db) == (0, 0)


def test_commit_persists_the_change_with_its_audit_record(db):
    with UnitOfWork(db, "zhang") as uow:
        member = new_member(uow)
        uow.audit("member.create", "member", member.id, after={"name": member.name})
        uow.commit()
    with UnitOfWork(db, read_only=True) as uow:
        assert uow.session.scalars(select(Member.name)).all() == ["王芳"]
        record = uow.session.scalars(select(AuditRecord)).one()
    # objects loaded by a unit of work stay readable after it
    assert (record.username, record.action, record.entity, record.entity_id) == (
        "zhang",
        "member.create",
        "member",
        str(member.id),
    )
    assert record.after_json == '{"name":"王芳"}'


def test_work_after_commit_is_rolled_back_unless_committed_again(db):
    with UnitOfWork(db, "zhang") as uow:
        new_member(uow)
        uow.commit()
        new_member(uow, "李强", "611002198001010048")
    assert counts(db) == (1, 0)


def test_read_only_unit_of_work_cannot_commit(db):
    with UnitOfWork(db, read_only=True) as uow:
        new_member(uow)
        with pytest.raises(RuntimeError):
            uow.commit()
    assert counts(db) == (0, 0)
