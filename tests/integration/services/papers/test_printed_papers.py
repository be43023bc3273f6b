"""Printed papers (打印记录): recording, the printer, the list, 补打 of every kind read back from the PDF."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from mutualaid_desktop.services.claims.claims_review import approve, print_decision_notice
from mutualaid_desktop.services.enrollment.payments import (
    due_for,
    papers_folder,
    record_payment,
    reprint_receipt,
    unit_roster,
    void_receipt,
)
from mutualaid_desktop.services.errors import NotFound, PermissionDenied, ServiceError
from mutualaid_desktop.services.papers import printed_papers as pp
from mutualaid_desktop.services.payouts.payouts import create_batch, print_batch_list
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.audit import verify_audit_chain
from mutualaid_desktop.store.models import AuditRecord, PrintedDocument

from ..payouts_data import approved_claims
from ..review_data import ClaimSpec, add_claims, review_counter


@pytest.fixture
def counter(db):
    counter = review_counter(db)
    return counter


PAID_ON = date(2026, 6, 1)  # inside the 2026 plan and before its waiting period would swallow the cover


def pay(db, counter, on: date = PAID_ON) -> str:
    """Pay the other unit's enrollments (they are pending) on `on`; returns the receipt serial. Paid late in the
    plan year a first cover lies in its waiting period: the payer was told (waiting_acknowledged)."""
    from mutualaid_desktop.store.models import Enrollment

    with UnitOfWork(db, username="setup") as uow:
        for e in uow.session.scalars(select(Enrollment).where(Enrollment.id.in_(counter.other_ids))):
            e.status, e.cover_start, e.cover_end = "pending_payment", None, None
        uow.commit()
    result = record_payment(
        db,
        counter.clerk,
        enrollment_ids=counter.other_ids,
        payer_unit_code=counter.other_unit_code,
        amount=due_for(db, enrollment_ids=counter.other_ids, paid_on=on).total,
        method="cash",
        paid_on=on,
        today=on,
        waiting_acknowledged=True,
    )
    return result.serial


def text_of(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def docs(db, kind=None) -> list[PrintedDocument]:
    with UnitOfWork(db, read_only=True) as uow:
        stmt = select(PrintedDocument).order_by(PrintedDocument.id)
        if kind:
            stmt = stmt.where(PrintedDocument.kind == kind)
        return list(uow.session.scalars(stmt))


def audit_actions(db) -> list[str]:
    with UnitOfWork(db, read_only=True) as uow:
        return list(uow.session.scalars(select(AuditRecord.action).order_by(AuditRecord.id)))


def test_payment_records_the_original_and_reprints_are_numbered_copies(db, counter):
    serial = pay(db, counter)
    [original] = docs(db, "premium_receipt")
    assert (original.serial, original.copy_number, original.printer, original.printed_by) == (
        serial,
        0,
        None,
        counter.clerk.id,
    )
    again = reprint_receipt(db, counter.clerk, serial)
    assert again.copy_number == 1
    record, path = pp.reprint(db, counter.clerk, original.id)
    assert (record.copy_number, record.copy_label, record.reprint_of_id) == (2, "补打 2", original.id)
    assert path.parent == papers_folder(db) / "receipts" and path.name == f"{serial}-补打2.pdf"
    text = text_of(path)
    assert "补打" in text and "第2次补打" in text and serial in text
    copies = docs(db, "premium_receipt")
    assert [d.copy_number for d in copies] == [0, 1, 2]
    assert {d.reprint_of_id for d in copies[1:]} == {original.id}
    assert audit_actions(db)[-1] == "paper.reprint"


def test_record_printer_fills_the_row_once_and_refuses_an_unmarked_second_print(db, counter):
    serial = pay(db, counter)
    [original] = docs(db, "premium_receipt")
    record = pp.record_printer(db, counter.clerk, original.id, "  柜台 HP LaserJet  ")
    assert record.printer == "柜台 HP LaserJet" and record.copy_label == "原件"
    assert audit_actions(db)[-1] == "paper.printed"
    with pytest.raises(ServiceError) as refused:
        pp.record_printer(db, counter.clerk, original.id, "柜台 HP LaserJet")
    assert "补打" in refused.value.message and serial in refused.value.message
    assert audit_actions(db)[-1] == "paper.printed_again"  # the attempt is in the log
    assert [d.printer for d in docs(db, "premium_receipt")] == ["柜台 HP LaserJet"]
    # by kind + serial + copy (the payment dialog knows these, not the record id)
    copy = reprint_receipt(db, counter.clerk, serial)
    pp.printer_recorder(db, counter.clerk, kind="premium_receipt", serial=serial, copy_number=copy.copy_number)("P2")
    assert [d.printer for d in docs(db, "premium_receipt")] == ["柜台 HP LaserJet", "P2"]
    with pytest.raises(ServiceError):
        pp.record_printer(db, counter.clerk, original.id, "   ")
    with UnitOfWork(db, read_only=True) as uow:
        assert verify_audit_chain(uow.session) == []


def test_unknown_record_kind_and_roles(db, counter):
    with pytest.raises(NotFound) as missing:
        pp.record_printer(db, counter.clerk, 999, "P")
    assert "打印记录" in missing.value.message
    with pytest.raises(NotFound):
        pp.reprint(db, counter.clerk, 999)
    with pytest.raises(ServiceError) as unknown:
        pp.issue_paper(db, counter.clerk, kind="lottery_ticket", serial="X1")
    assert "没有「lottery_ticket」这种票据" in unknown.value.message
    with pytest.raises(ServiceError):
        pp.issue_paper(db, counter.clerk, kind="premium_receipt", serial="   ")
    serial = pay(db, counter)
    [original] = docs(db, "premium_receipt")
    with pytest.raises(PermissionDenied) as denied:
        pp.reprint(db, counter.reviewer, original.id)  # reviewers do not issue receipts
    assert "补打缴费收据" in denied.value.message
    with pytest.raises(PermissionDenied):
        pp.record_printer(db, counter.reviewer, original.id, "P")
    with pytest.raises(PermissionDenied):
        pp.issue_paper(db, counter.reviewer, kind="unit_roster", serial=serial)
    assert len(docs(db)) == 1


def test_issue_paper_numbers_copies_and_audits(db, counter):
    first = pp.issue_paper(
        db, counter.clerk, kind="acceptance_receipt", serial="611002-2026-000077", subject_table="claims", subject_id=5
    )
    second = pp.issue_paper(db, counter.supervisor, kind="acceptance_receipt", serial="611002-2026-000077")
    assert (first.copy_number, first.copy_label, first.kind_label) == (0, "原件", "受理回执")
    assert (second.copy_number, second.reprint_of_id, second.printed_by_name) == (1, first.id, "赵主管")
    assert first.printed_by_name == "张经办" and first.printer is None
    assert abs((first.printed_at - __import__("datetime").datetime.now()).total_seconds()) < 120  # local time
    assert audit_actions(db)[-2:] == ["paper.issue", "paper.issue"]


def test_list_finds_by_serial_kind_and_day_newest_first(today, db, counter):
    serial = pay(db, counter)
    unit_roster(db, counter.clerk, serial)
    pp.issue_paper(db, counter.clerk, kind="acceptance_receipt", serial="611002-2026-000042")
    rows = pp.list_papers(db)
    assert [(r.kind, r.serial) for r in rows] == [
        ("acceptance_receipt", "611002-2026-000042"),
        ("unit_roster", serial),
        ("premium_receipt", serial),
    ]
    assert [r.kind for r in pp.list_papers(db, serial_contains=serial[-6:].lower())] == [
        "unit_roster",
        "premium_receipt",
    ]
    assert [r.kind for r in pp.list_papers(db, serial_contains=serial, kind="premium_receipt")] == ["premium_receipt"]
    assert pp.list_papers(db, serial_contains="100%") == []  # LIKE wildcards are text
    assert len(pp.list_papers(db, day_from=today, day_to=today)) == 3
    assert pp.list_papers(db, day_from=today + timedelta(days=1)) == []
    assert pp.list_papers(db, day_to=today - timedelta(days=1)) == []
    assert [r.kind for r in pp.list_papers(db, limit=2, offset=1)] == ["unit_roster", "premium_receipt"]
    with pytest.raises(ServiceError):
        pp.list_papers(db, kind="nothing")
    with pytest.raises(ServiceError):
        pp.list_papers(db, day_from=today, day_to=today - timedelta(days=1))


def test_voided_receipt_reprints_with_void_mark_and_roster_is_refused(db, counter):
    serial = pay(db, counter)
    unit_roster(db, counter.clerk, serial)
    void_receipt(db, counter.supervisor, serial, "金额录错")
    receipt, roster = docs(db, "premium_receipt")[0], docs(db, "unit_roster")[0]
    listed = {r.kind: r for r in pp.list_papers(db)}
    assert listed["premium_receipt"].voided and listed["premium_receipt"].void_reason == "金额录错"
    copy, path = pp.reprint(db, counter.clerk, receipt.id)
    assert copy.voided and copy.void_reason == "金额录错"  # the copy of a voided receipt is void too
    text = text_of(path)
    assert "作废" in text and "补打" in text
    with pytest.raises(ServiceError) as refused:
        pp.reprint(db, counter.clerk, roster.id)
    assert "已作废" in refused.value.message
    assert len(docs(db, "unit_roster")) == 1  # nothing recorded when the paper cannot be made


def test_reprint_of_a_unit_roster(db, counter):
    serial = pay(db, counter)
    unit_roster(db, counter.clerk, serial)
    [roster] = docs(db, "unit_roster")
    record, path = pp.reprint(db, counter.clerk2, roster.id)
    assert record.copy_number == 1 and path.parent.name == "rosters"
    text = text_of(path)
    assert "补打" in text and serial in text and "商州区人民医院工会" in text


def test_reprint_of_decision_notice_and_acceptance_receipt(db, counter):
    [number] = add_claims(db, counter, [ClaimSpec()])
    approve(db, counter.reviewer, number)
    printed = print_decision_notice(db, counter.reviewer, number)
    assert printed.copy_number == 0
    [notice] = docs(db, "decision_notice")
    record, path = pp.reprint(db, counter.clerk, notice.id)
    assert record.copy_label == "补打 1" and record.kind_label == "审核通知书"
    text = text_of(path)
    assert "补打" in text and number in text and "给付通知书" in text

    with UnitOfWork(db, username="setup") as uow:  # the checklist as intake writes it
        from mutualaid_desktop.store.models import Claim

        claim = uow.session.scalar(select(Claim).where(Claim.claim_number == number))
        claim.papers_json = '[{"item": "出院小结", "required": true, "received": true}]'
        uow.commit()
    issued = pp.issue_paper(db, counter.clerk, kind="acceptance_receipt", serial=number, subject_table="claims")
    record, path = pp.reprint(db, counter.clerk, issued.id)
    assert record.copy_number == 1 and path.parent.name == "acceptance"
    text = text_of(path)
    assert "补打" in text and number in text and "受理回执" in text


def test_reprint_of_a_payout_batch_list(db, counter):
    approved_claims(db, counter)
    batch = create_batch(db, counter.clerk)
    print_batch_list(db, counter.clerk, batch.batch_number, papers_folder(db) / "payouts" / "x.pdf")
    [original] = docs(db, "payout_batch_list")
    record, path = pp.reprint(db, counter.supervisor, original.id)
    assert (record.copy_number, record.serial) == (1, batch.batch_number)
    text = text_of(path)
    assert "补打" in text and batch.batch_number in text and "赵主管" in text
    with pytest.raises(PermissionDenied):
        pp.reprint(db, counter.reviewer, original.id)


def test_cash_up_made_recorded_and_reprinted(db, counter):
    day = PAID_ON  # a day of the 2026 plan, whatever the machine's date
    serial = pay(db, counter, on=day)
    record, path = pp.print_cash_up(db, counter.clerk, day)
    assert record.serial == f"RJ{day:%Y%m%d}-zhang" and record.copy_number == 0
    text = text_of(path)
    assert "补打" not in text and serial in text
    again, path = pp.reprint(db, counter.clerk, record.id)
    assert again.copy_number == 1
    text = text_of(path)
    assert "补打" in text and "第1次补打" in text and serial in text
    with pytest.raises(PermissionDenied):  # another clerk's day
        pp.reprint(db, counter.clerk2, record.id)
    boss, _ = pp.print_cash_up(db, counter.supervisor, day, counter.clerk2.id)
    assert boss.serial == f"RJ{day:%Y%m%d}-li" and boss.subject_id == counter.clerk2.id


def test_handouts_are_counted_never_marked(db, counter):
    record, path = pp.make_paper(db, counter.reviewer, kind="claim_documents_notice", serial="SL-ZY-2026")
    assert record.copy_label == "第 1 份" and not record.is_reprint
    assert "补打" not in text_of(path)
    pp.record_printer(db, counter.reviewer, record.id, "P1")
    again = pp.record_printer(db, counter.reviewer, record.id, "P1")  # printed again: one more copy
    assert again.copy_number == 1 and again.printer == "P1"
    copy, path = pp.reprint(db, counter.clerk, record.id)
    assert copy.copy_label == "第 3 份" and "补打" not in text_of(path)
    leaflet, path = pp.make_paper(db, counter.clerk, kind="member_leaflet", serial="SL-ZY-2026")
    assert leaflet.kind_label == "温馨提示" and "补打" not in text_of(path)
    with pytest.raises(ServiceError):
        pp.make_paper(db, counter.clerk, kind="member_leaflet", serial="NO-SUCH-PLAN")


def test_renewal_reminder_reprint(tmp_path):
    from ..renewal_data import make_city

    db = open_counter_database(tmp_path / "city" / "mutualaid.sqlite3")
    try:
        make_city(db)
        with UnitOfWork(db, username="setup") as uow:
            from mutualaid_desktop.store.models import User

            user = User(username="zhang", display_name="张经办", role="clerk", password_hash="x", active=True)
            uow.session.add(user)
            uow.session.flush()
            clerk = pp.UserInfo(user.id, "zhang", "张经办", "clerk")
            uow.commit()
        first, path = pp.make_paper(db, clerk, kind="renewal_reminder", serial="XB2027-611002-0001")
        assert "补打" not in text_of(path)
        again, _ = pp.reprint(db, clerk, first.id)  # not handed out yet: made again, still the first notice
        assert (again.id, again.copy_number) == (first.id, 0)
        pp.record_printer(db, clerk, first.id, "Counter-Laser")
        record, path = pp.reprint(db, clerk, first.id)
        text = text_of(path)
        # once handed out, a reminder made again is a new notice drawn from the database as it stands: 第 2 次提示,
        # never 补打
        assert record.copy_number == 1 and "第2次提示" in text and "611002-0001" in text and "续保提示单" in text
        assert "补打" not in text and record.copy_label == "第 2 次提示" and not record.is_reprint
        assert path.name == "XB2027-611002-0001-第2次提示.pdf"
        with pytest.raises(ServiceError):
            pp.make_paper(db, clerk, kind="renewal_reminder", serial="2027-611002-0001")
    finally:
        db.dispose()
