"""Four eyes on a payout batch: whoever made a batch never confirms the bank's answer for it (marks it
paid or returned), supervisors and administrators included — as whoever entered a claim never decides it.
The rule is the service's (mark_paid); `settle_problem` says why for the screen."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import PermissionDenied
from mutualaid_desktop.services.payouts.payouts import (
    batch_detail,
    create_batch,
    export_bank_file,
    list_batches,
    mark_paid,
    settle_problem,
)
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import Claim, PayoutItem, User

from ..payouts_data import approved_claims, make_counter


@pytest.fixture
def counter(db):
    return make_counter(db, members=5, years=(2026,))


@pytest.fixture
def claims(db, counter):
    return approved_claims(db, counter)


def add_user(db, username: str, display: str, role: str) -> UserInfo:
    with UnitOfWork(db, username="setup") as uow:
        u = User(username=username, display_name=display, role=role, password_hash="x", active=True)
        uow.session.add(u)
        uow.session.flush()
        info = UserInfo(u.id, username, display, role)
        uow.commit()
    return info


def statuses(db) -> set[str]:
    with UnitOfWork(db, read_only=True) as uow:
        return set(uow.session.scalars(select(Claim.status))) | {
            f"item:{s}" for s in uow.session.scalars(select(PayoutItem.status))
        }


def test_the_supervisor_who_made_a_batch_does_not_confirm_it(today, db, counter, claims, tmp_path):
    boss = counter.supervisor
    batch = create_batch(db, boss, claims).batch_number
    export_bank_file(db, boss, batch, tmp_path / "bank.xlsx")
    before = statuses(db)
    with pytest.raises(PermissionDenied, match="本人生成"):
        mark_paid(db, boss, batch, settled_on=today)
    with pytest.raises(PermissionDenied, match="本人生成"):
        mark_paid(db, boss, batch, settled_on=today, returned={claims[0]: "户名与账号不符"})
    assert statuses(db) == before == {"in_batch", "item:pending"}  # nothing changed
    # another supervisor (here an administrator) confirms it
    admin = add_user(db, "wang", "王管理", "admin")
    assert mark_paid(db, admin, batch, settled_on=today).batch_status == "closed"


def test_no_exception_for_administrators(today, db, counter, claims, tmp_path):
    admin = add_user(db, "wang", "王管理", "admin")
    batch = create_batch(db, admin, claims).batch_number
    export_bank_file(db, admin, batch, tmp_path / "bank.xlsx")
    with pytest.raises(PermissionDenied, match="本人生成"):
        mark_paid(db, admin, batch, settled_on=today)
    assert mark_paid(db, counter.supervisor, batch, settled_on=today).paid == 3


def test_settle_problem_tells_the_screen_why(db, counter, claims):
    boss = counter.supervisor
    other = add_user(db, "sun", "孙主管", "supervisor")
    mine = create_batch(db, boss, claims[:1]).batch_number
    theirs = create_batch(db, counter.clerk, claims[1:]).batch_number
    infos = {i.batch_number: i for i in list_batches(db)}
    assert infos[mine].created_by_id == boss.id
    assert "本人生成" in (settle_problem(boss, infos[mine]) or "")
    assert settle_problem(other, infos[mine]) is None
    assert settle_problem(boss, infos[theirs]) is None
    assert settle_problem(boss, batch_detail(db, theirs).info) is None
    # the role comes first: a clerk never confirms, whoever made the batch
    assert "主管或管理员" in (settle_problem(counter.clerk, infos[theirs]) or "")
