"""Every committed unit of work reports what it wrote (services/changes.py), without the service
saying so: ORM objects with their ids, Core statements (bulk inserts, updates) by their tables."""

from __future__ import annotations

from datetime import date

import pytest

from mutualaid_desktop.services import changes as ch
from mutualaid_desktop.services.admin.hospitals import add_hospital
from mutualaid_desktop.services.admin.units import add_unit
from mutualaid_desktop.services.claims import claims_review as cr
from mutualaid_desktop.services.enrollment.members import update_member
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import Member

from .payments_data import make_counter
from .review_data import ClaimSpec, add_claims, review_counter


@pytest.fixture
def reports():
    heard: list[ch.Changes] = []
    stop = ch.subscribe(heard.append)
    yield heard
    stop()


def test_adding_a_unit_reports_the_unit_and_its_id(db, reports):
    counter = make_counter(db, members=1)
    reports.clear()
    node = add_unit(db, counter.supervisor, code="611002", name="商州区总工会", parent_code="6110")
    [report] = reports
    assert report.kinds == {ch.UNITS} and report.ids_of(ch.UNITS) == {node.id}


def test_adding_a_hospital_reports_hospitals(db, reports):
    counter = make_counter(db, members=1)
    reports.clear()
    info = add_hospital(db, counter.supervisor, name="商洛市中心医院", grade=3)
    assert [r.kinds for r in reports] == [{ch.HOSPITALS}] and reports[0].ids_of(ch.HOSPITALS) == {info.id}


def test_a_core_update_is_reported_by_its_table(db, reports):
    counter = make_counter(db, members=1)
    with UnitOfWork(db, read_only=True) as uow:
        member_id = uow.session.query(Member.id).limit(1).scalar()
    reports.clear()
    update_member(db, counter.supervisor, member_id, {"phone": "13800000000"})
    assert reports and ch.MEMBERS in reports[-1].kinds


def test_approving_a_claim_reports_the_claim(db, reports):
    counter = review_counter(db)
    [number] = add_claims(db, counter, [ClaimSpec(member=1, received=date(2026, 6, 1))])
    reports.clear()
    cr.approve(db, counter.reviewer, number)
    [report] = reports
    assert ch.CLAIMS in report.kinds and report.ids_of(ch.CLAIMS)
    assert not report.touches(ch.UNITS, ch.PLANS, ch.SETTINGS)  # the audit chain's tip is bookkeeping


def test_a_unit_of_work_rolled_back_reports_nothing(db, reports):
    make_counter(db, members=1)
    reports.clear()
    with pytest.raises(ZeroDivisionError), UnitOfWork(db, "zhang") as uow:
        uow.session.add(Member(id_number="611002198001010021", name="王芳", sex="female", birth_date=date(1980, 1, 1)))
        uow.session.flush()
        raise ZeroDivisionError  # a fault half-way: the unit of work is not committed
    with UnitOfWork(db, "zhang") as uow:
        uow.session.add(Member(id_number="611002198001010021", name="王芳", sex="female", birth_date=date(1980, 1, 1)))
        uow.session.flush()  # not committed
    with UnitOfWork(db, read_only=True) as uow:
        uow.session.get(Member, 1)
    assert reports == []


def test_two_commits_in_one_unit_of_work_report_each_its_own(db, reports):
    make_counter(db, members=1)
    reports.clear()
    with UnitOfWork(db, "zhang") as uow:
        uow.session.add(Member(id_number="611002198001010021", name="王芳", sex="female", birth_date=date(1980, 1, 1)))
        uow.commit()
        uow.audit("test.nothing")
        uow.commit()
    assert [r.kinds for r in reports] == [{ch.MEMBERS}]


def test_a_report_names_the_database_written(db, reports):
    counter = make_counter(db, members=1)
    reports.clear()
    add_hospital(db, counter.supervisor, name="商洛市中心医院", grade=3)
    assert reports[0].origin == db.url
