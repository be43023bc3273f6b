"""续保提示单 recorded as printed papers: a batch's rows (one short transaction after drawing), a cancelled batch,
a second batch numbered 第 n 次提示 (never 补打), the batch's printer filled once, one unit made again with the
batch's deadline, the other kind of plan, the roles, and the CLI."""

from __future__ import annotations

import json
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from mutualaid_desktop.services.admin.users import UserInfo, cli_user, create_first_admin
from mutualaid_desktop.services.errors import PermissionDenied, ServiceError
from mutualaid_desktop.services.papers import printed_papers as pp
from mutualaid_desktop.services.renewal.renewal_reminders import make_reminder_batch, prepare_reminders, print_reminders
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.audit import verify_audit_chain
from mutualaid_desktop.store.models import AuditRecord, OrgUnit, PrintedDocument

from ..overview_data import REMINDED, make_season, plan_text

CODES = ["611002-0001", "611002-0002", "611021-0001"]  # the units with members to remind (reimbursement)


@pytest.fixture
def db(tmp_path):
    database = open_counter_database(tmp_path / "c.sqlite3")
    make_season(database)
    yield database
    database.dispose()


@pytest.fixture
def admin(db):
    return create_first_admin(db, "admin", "王芳", "secret123")


def rows(db) -> list[PrintedDocument]:
    with UnitOfWork(db, read_only=True) as uow:
        return list(uow.session.scalars(select(PrintedDocument).order_by(PrintedDocument.id)))


def audits(db, action: str) -> list[AuditRecord]:
    with UnitOfWork(db, read_only=True) as uow:
        return list(uow.session.scalars(select(AuditRecord).where(AuditRecord.action == action)))


def unit_ids(db) -> dict[str, int]:
    with UnitOfWork(db, read_only=True) as uow:
        return {u.code: u.id for u in uow.session.scalars(select(OrgUnit))}


def pages_text(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def test_a_combined_batch_records_one_row_per_unit(db, admin, tmp_path):
    request = prepare_reminders(db, 2026, deadline=date(2026, 12, 20), issued_on=date(2026, 11, 29))
    result = make_reminder_batch(db, request, tmp_path / "all.pdf", combined=True, user=admin)
    made = rows(db)
    assert [r.serial for r in made] == [f"XB2027-{c}" for c in CODES]
    assert all(
        (r.kind, r.copy_number, r.reprint_of_id, r.printer, r.printed_by)
        == ("renewal_reminder", 0, None, None, admin.id)
        for r in made
    )
    ids = unit_ids(db)
    assert [(r.subject_table, r.subject_id) for r in made] == [("org_units", ids[c]) for c in CODES]
    assert result.records == tuple(r.id for r in made) and result.again == 0
    [audit] = audits(db, "paper.issue_batch")
    after = json.loads(audit.after_json)
    assert (after["records"], after["members"], after["deadline"], after["cancelled"]) == (
        3,
        sum(REMINDED.values()),
        "2026-12-20",
        False,
    )
    assert "次提示" not in "".join(pages_text(result.files[0]))
    listed = pp.list_papers(db, kind="renewal_reminder")
    assert [p.copy_label for p in listed] == ["第 1 次提示"] * 3 and not any(p.is_reprint for p in listed)
    with UnitOfWork(db, read_only=True) as uow:
        assert verify_audit_chain(uow.session) == []


def test_printing_the_combined_pdf_fills_every_printer_once(db, admin, tmp_path):
    request = prepare_reminders(db, 2026)
    result = make_reminder_batch(db, request, tmp_path / "all.pdf", combined=True, user=admin)
    recorder = pp.printer_recorder(db, admin, record_ids=result.records, kind="renewal_reminder")
    assert recorder.print_once
    done = recorder("Counter-Laser")
    assert (done.filled, done.already, done.printer) == (3, 0, "Counter-Laser")
    assert {r.printer for r in rows(db)} == {"Counter-Laser"}
    with pytest.raises(ServiceError, match="打印过") as again:
        recorder("Office")
    assert "3 份" in again.value.message and "重新生成" in again.value.message
    assert {r.printer for r in rows(db)} == {"Counter-Laser"}
    assert len(audits(db, "paper.printed_batch")) == 2
    # the recorder of one record knows print-once from the record's kind once it has recorded
    single = pp.printer_recorder(
        db, admin, record_id=pp.make_paper(db, admin, kind="member_leaflet", serial="SL-ZY-2027")[0].id
    )
    single("P1")
    assert single.kind == "member_leaflet" and not single.print_once


def test_a_cancelled_combined_batch_records_nothing(db, admin, tmp_path):
    request = prepare_reminders(db, 2026)
    seen: list[int] = []
    result = make_reminder_batch(
        db,
        request,
        tmp_path / "all.pdf",
        combined=True,
        user=admin,
        progress=lambda n, t: seen.append(n),
        cancelled=lambda: len(seen) >= 1,
    )
    assert result.cancelled and result.files == () and result.records == ()
    assert rows(db) == [] and audits(db, "paper.issue_batch") == []


def test_a_cancelled_per_unit_batch_records_the_units_made(db, admin, tmp_path):
    request = prepare_reminders(db, 2026)
    seen: list[int] = []
    result = make_reminder_batch(
        db,
        request,
        tmp_path / "units",
        combined=False,
        user=admin,
        progress=lambda n, t: seen.append(n),
        cancelled=lambda: len(seen) >= 2,
    )
    assert result.cancelled and len(result.files) == 2
    assert [r.serial for r in rows(db)] == [f"XB2027-{c}" for c in CODES[:2]]
    assert json.loads(audits(db, "paper.issue_batch")[0].after_json)["cancelled"] is True


def test_a_second_batch_is_a_second_notice_not_a_reprint(db, admin, tmp_path):
    first = make_reminder_batch(
        db, prepare_reminders(db, 2026, county="611002"), tmp_path / "a.pdf", combined=True, user=admin
    )
    pp.record_printers(db, admin, first.records, "Counter-Laser")  # handed out
    second = make_reminder_batch(
        db, prepare_reminders(db, 2026, deadline=date(2026, 12, 25)), tmp_path / "b.pdf", combined=True, user=admin
    )
    pp.record_printers(db, admin, second.records, "Counter-Laser")
    assert second.again == 2 and len(first.records) == 2 and len(second.records) == 3
    made = {(r.serial, r.copy_number): r for r in rows(db)}
    originals = {r.serial: r.id for r in rows(db) if r.copy_number == 0}
    for code in CODES[:2]:
        assert made[(f"XB2027-{code}", 1)].reprint_of_id == originals[f"XB2027-{code}"]
    assert (f"XB2027-{CODES[2]}", 0) in made  # reminded for the first time
    pages = pages_text(second.files[0])
    by_unit = {code: [t for t in pages if code in t] for code in CODES}
    assert all("第2次提示" in t for code in CODES[:2] for t in by_unit[code])
    assert not any("次提示" in t for t in by_unit[CODES[2]])
    assert not any("补打" in t for t in pages)
    # one unit made again from 打印记录: the third notice, with the last batch's deadline
    record_id = made[(f"XB2027-{CODES[0]}", 1)].id
    again, path = pp.reprint(db, admin, record_id)
    text = "".join(pages_text(path))
    assert again.copy_label == "第 3 次提示" and "第3次提示" in text and "2026年12月25日" in text
    assert "补打" not in text


def test_the_other_kind_of_plan_has_serials_of_its_own(db, admin, tmp_path):
    from mutualaid_desktop.services.admin.plans import add_plan

    add_plan(db, plan_text("critical-illness-2027.toml", 2027))
    request = prepare_reminders(db, 2026, kind="lump_sum")
    assert request.serial_prefix == "XB2027D-"
    make_reminder_batch(db, request, tmp_path / "ci.pdf", combined=True, user=admin)
    make_reminder_batch(db, prepare_reminders(db, 2026), tmp_path / "all.pdf", combined=True, user=admin)
    serials = sorted(r.serial for r in rows(db))
    assert "XB2027D-611021-0003" in serials and all(r.copy_number == 0 for r in rows(db))
    assert pp.parse_reminder_serial("XB2027D-611021-0003") == (2027, "lump_sum", "611021-0003")
    assert pp.parse_reminder_serial("XB2027-611002-0001") == (2027, "reimbursement", "611002-0001")
    record = next(r for r in rows(db) if r.serial == "XB2027D-611021-0003")
    _, path = pp.reprint(db, admin, record.id)
    assert "611021-0003" in "".join(pages_text(path))


def test_who_may_not_issue_reminders_is_refused_before_drawing(db, tmp_path):
    reviewer = UserInfo(None, "li", "李审核", "reviewer")
    with pytest.raises(PermissionDenied):
        make_reminder_batch(db, prepare_reminders(db, 2026), tmp_path / "all.pdf", combined=True, user=reviewer)
    assert not (tmp_path / "all.pdf").exists() and rows(db) == []


def test_without_a_user_only_drawn(db, tmp_path):
    files = print_reminders(db, prepare_reminders(db, 2026), tmp_path / "all.pdf")
    assert files and rows(db) == []


def test_print_reminders_records_as_the_cli_user(db, tmp_path):
    print_reminders(db, prepare_reminders(db, 2026), tmp_path / "units", user=cli_user())
    made = rows(db)
    assert len(made) == 3 and all(r.printed_by is None for r in made)
    [audit] = audits(db, "paper.issue_batch")
    assert audit.username.startswith("cli:")
    assert {p.printed_by_name for p in pp.list_papers(db)} == {""}


def notice_marks(path) -> list[str]:
    import re

    return re.findall(r"第\d+次提示", "".join(pages_text(path)))


def test_previews_and_files_not_handed_out_do_not_raise_the_number(db, admin, tmp_path):
    """The issue: 第5次提示 within an hour of previews. A notice counts once handed out (printed, or a file marked
    sent); one made again before that keeps its number and its record."""
    for n in range(3):  # three previews, never printed
        made = make_reminder_batch(db, prepare_reminders(db, 2026), tmp_path / f"p{n}.pdf", combined=True, user=admin)
        assert notice_marks(made.files[0]) == [] and made.again == 0
    assert [(r.serial, r.copy_number, r.printer) for r in rows(db)] == [(f"XB2027-{c}", 0, None) for c in CODES]
    pp.record_printers(db, admin, made.records, "Counter-Laser")
    later = make_reminder_batch(db, prepare_reminders(db, 2026), tmp_path / "later.pdf", combined=True, user=admin)
    assert later.again == 3 and len(notice_marks(later.files[0])) >= 3
    assert set(notice_marks(later.files[0])) == {"第2次提示"}
    # not printed: made again from 打印记录, it is still the second notice, on the same record
    record = next(r for r in rows(db) if (r.serial, r.copy_number) == (f"XB2027-{CODES[0]}", 1))
    again, path = pp.reprint(db, admin, record.id)
    assert (again.id, again.copy_label) == (record.id, "第 2 次提示") and set(notice_marks(path)) == {"第2次提示"}
    assert len(rows(db)) == 6


def test_a_cancelled_run_does_not_raise_the_number(db, admin, tmp_path):
    seen: list[int] = []
    make_reminder_batch(
        db,
        prepare_reminders(db, 2026),
        tmp_path / "units",
        combined=False,
        user=admin,
        progress=lambda n, t: seen.append(n),
        cancelled=lambda: len(seen) >= 2,
    )
    whole = make_reminder_batch(db, prepare_reminders(db, 2026), tmp_path / "all.pdf", combined=True, user=admin)
    assert notice_marks(whole.files[0]) == [] and whole.again == 0
    assert all(r.copy_number == 0 for r in rows(db)) and len(rows(db)) == 3


def test_files_marked_sent_count_as_handed_out(db, admin, tmp_path):
    from mutualaid_desktop.services.renewal.renewal_reminders import mark_reminders_sent

    files = make_reminder_batch(db, prepare_reminders(db, 2026), tmp_path / "units", combined=False, user=admin)
    done = mark_reminders_sent(db, admin, files.records)
    assert done.filled == 3 and {r.printer for r in rows(db)} == {pp.SENT_AS_FILE}
    later = make_reminder_batch(db, prepare_reminders(db, 2026), tmp_path / "b.pdf", combined=True, user=admin)
    assert set(notice_marks(later.files[0])) == {"第2次提示"}
