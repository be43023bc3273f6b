"""Making printed papers again from the database (打印记录 → 补打, 日结单, one unit's 续保提示单, the
handouts): the registry of the papers' makers, which imports the issuing services. The record of every
paper handed out and the rules of copies are in services/papers/paper_records.py (re-exported here for the
screens); the issuers import paper_records, never this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from mutualaid_desktop.documents.acceptance_receipt import render_acceptance_receipt
from mutualaid_desktop.documents.cash_up import render_cash_up
from mutualaid_desktop.documents.claim_documents_notice import render_claim_documents_notice
from mutualaid_desktop.documents.decision_notice import render_decision_notice
from mutualaid_desktop.documents.member_leaflet import render_member_leaflet
from mutualaid_desktop.documents.payout_batch_list import render_batch_list
from mutualaid_desktop.documents.premium_receipt import render_receipt
from mutualaid_desktop.documents.renewal_reminder import render_reminders
from mutualaid_desktop.documents.unit_roster import render_unit_roster
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.claims.claim_documents import claim_documents_notice
from mutualaid_desktop.services.claims.claims_intake import acceptance_receipt
from mutualaid_desktop.services.claims.claims_review import decision_notice
from mutualaid_desktop.services.enrollment.payments import cash_up, papers_folder, receipt_paper, roster_paper
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.papers.leaflet import member_leaflet
from mutualaid_desktop.services.papers.paper_printers import (
    PrintedBatch,
    PrinterRecorder,
    printer_recorder,
    record_printer,
    record_printer_of,
    record_printers,
)
from mutualaid_desktop.services.papers.paper_records import (
    KINDS,
    SENT_AS_FILE,
    BatchPaper,
    PaperKind,
    PaperRecord,
    check_may_issue,
    clean_serial,
    get_paper,
    issue_batch,
    issue_copy,
    issue_paper,
    latest_copies,
    list_papers,
    next_notices,
    paper_kind,
    parse_reminder_serial,
    reminder_prefix,
    reminder_serial,
    require_paper,
    written_record,
)
from mutualaid_desktop.services.payouts.payouts import batch_list
from mutualaid_desktop.services.renewal.renewal_reminders import reminder_of_unit
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.printed_queries import PrintedQueries

# --- making papers -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Maker:
    build: Callable[[Database, UserInfo, str, int | None], Any]  # (db, user, serial, subject_id) -> data, copy 0
    mark: Callable[[Any, int, datetime, UserInfo], Any]  # (data, copy, printed at, user) -> data to draw
    render: Callable[[Any, Path], Path]


def _copy_mark(paper, number: int, at: datetime, user: UserInfo):
    return replace(paper, copy_number=number, printed_at=at)


def _unmarked(paper, number: int, at: datetime, user: UserInfo):
    return paper


def _receipt(db, user, serial, subject_id):
    return receipt_paper(db, serial)


def _roster(db, user, serial, subject_id):
    return roster_paper(db, serial)


def _roster_mark(paper, number, at, user):
    return replace(paper, copy_number=number, printed_at=at, clerk_name=user.display_name)


def _cash_up(db, user, serial, subject_id):
    return cash_up(db, user, _cash_up_day(serial), clerk_id=subject_id)


def _cash_up_day(serial: str) -> date:
    found = re.fullmatch(r"RJ(\d{8})-.*", serial)
    if not found:
        raise ServiceError(f"日结单号「{serial}」不对，应为 RJ<年月日>-<经办人账号>。")
    try:
        return datetime.strptime(found.group(1), "%Y%m%d").date()
    except ValueError:
        raise ServiceError(f"日结单号「{serial}」中的日期不对。") from None


def _acceptance(db, user, serial, subject_id):
    return acceptance_receipt(db, serial)


def _notice(db, user, serial, subject_id):
    return decision_notice(db, serial)


def _batch_list(db, user, serial, subject_id):
    return batch_list(db, serial)


def _batch_mark(paper, number, at, user):
    return replace(paper, copy_number=number, printed_at=at, printed_by=user.display_name)


def _reminder(db, user, serial, subject_id):
    year, plan_kind, unit = parse_reminder_serial(serial)
    return reminder_of_unit(db, year, unit, plan_kind)


def _render_reminder(unit, path: Path) -> Path:
    render_reminders([unit], path, combined=True)
    return path


def _claim_documents(db, user, serial, subject_id):
    return claim_documents_notice(db, serial)


def _leaflet(db, user, serial, subject_id):
    return member_leaflet(db, serial)


MAKERS: dict[str, _Maker] = {
    "premium_receipt": _Maker(_receipt, _copy_mark, render_receipt),
    "unit_roster": _Maker(_roster, _roster_mark, render_unit_roster),
    "cash_up": _Maker(_cash_up, _copy_mark, render_cash_up),
    "acceptance_receipt": _Maker(_acceptance, _copy_mark, render_acceptance_receipt),
    "decision_notice": _Maker(_notice, _copy_mark, render_decision_notice),
    "payout_batch_list": _Maker(_batch_list, _batch_mark, render_batch_list),
    "renewal_reminder": _Maker(
        _reminder, lambda unit, number, at, user: replace(unit, notice_number=number + 1), _render_reminder
    ),
    "claim_documents_notice": _Maker(_claim_documents, _unmarked, render_claim_documents_notice),
    "member_leaflet": _Maker(_leaflet, _unmarked, render_member_leaflet),
}


def _file_name(spec: PaperKind, serial: str, number: int) -> str:
    safe = re.sub(r'[\\/:*?"<>|\s]+', "_", serial)
    if spec.handout:
        return f"{spec.label}-{safe}-{number + 1}.pdf"
    if spec.notice:
        return f"{safe}-第{number + 1}次提示.pdf" if number else f"{safe}.pdf"
    return f"{safe}-补打{number}.pdf" if number else f"{safe}.pdf"


def make_paper(
    db: Database,
    user: UserInfo,
    *,
    kind: str,
    serial: str,
    subject_table: str | None = None,
    subject_id: int | None = None,
    action: str = "paper.issue",
    reprint_of: int | None = None,
) -> tuple[PaperRecord, Path]:
    """Make the paper kind+serial from the database as it stands, record it as its next copy
    (补打 n when an original exists) and write its PDF under papers_folder(db); one unit of work
    with its audit record. Nothing is recorded when the paper cannot be made."""
    spec = paper_kind(kind)
    require_paper(user, spec, "打印")
    serial = clean_serial(serial)
    maker = MAKERS[spec.code]
    data = maker.build(db, user, serial, subject_id)  # refuses before anything is written
    with UnitOfWork(db, user=user) as uow:
        doc = issue_copy(
            uow.session, user, kind=spec.code, serial=serial, subject_table=subject_table, subject_id=subject_id
        )
        after = {
            "kind": spec.code,
            "serial": serial,
            "copy_number": doc.copy_number,
            "subject_table": subject_table,
            "subject_id": subject_id,
        }
        if reprint_of is not None:
            after["reprint_of_record"] = reprint_of
        uow.audit(action, "printed_document", doc.id, after=after)
        record = written_record(PrintedQueries(uow.session), doc.id)
        paper = maker.mark(data, doc.copy_number, record.printed_at, user)
        path = maker.render(paper, papers_folder(db) / spec.folder / _file_name(spec, serial, doc.copy_number))
        uow.commit()
    return record, Path(path)


def reprint(db: Database, user: UserInfo, record_id: int) -> tuple[PaperRecord, Path]:
    """补打: the paper of record `record_id` made again from the database, marked 补打 with its new
    copy number (handouts: unmarked; notices: 第 n 次提示), recorded as the next copy of its serial; returns the new
    record and the PDF (under services/payments.papers_folder(db))."""
    original = get_paper(db, record_id)
    spec = paper_kind(original.kind)
    require_paper(user, spec, "补打")
    return make_paper(
        db,
        user,
        kind=original.kind,
        serial=original.serial,
        subject_table=original.subject_table,
        subject_id=original.subject_id,
        action="paper.reprint",
        reprint_of=original.id,
    )


def cash_up_serial(db: Database, day: date, clerk_id: int | None, user: UserInfo) -> str:
    """RJ<yyyymmdd>-<the clerk's login> (the CLI's own login when there is no clerk id)."""
    with UnitOfWork(db, read_only=True) as uow:
        login = PrintedQueries(uow.session).username(clerk_id) if clerk_id is not None else None
    return f"RJ{day:%Y%m%d}-{login or user.username}"


def print_cash_up(db: Database, user: UserInfo, day: date, clerk_id: int | None = None) -> tuple[PaperRecord, Path]:
    """A clerk's 日结单 made and recorded (a second one of the same day and clerk is 补打)."""
    clerk_id = user.id if clerk_id is None else clerk_id
    return make_paper(
        db,
        user,
        kind="cash_up",
        serial=cash_up_serial(db, day, clerk_id, user),
        subject_table="users" if clerk_id is not None else None,
        subject_id=clerk_id,
    )


__all__ = [
    "KINDS",
    "SENT_AS_FILE",
    "BatchPaper",
    "PaperKind",
    "PaperRecord",
    "PrintedBatch",
    "PrinterRecorder",
    "cash_up_serial",
    "check_may_issue",
    "get_paper",
    "issue_batch",
    "issue_copy",
    "issue_paper",
    "latest_copies",
    "list_papers",
    "make_paper",
    "next_notices",
    "paper_kind",
    "parse_reminder_serial",
    "print_cash_up",
    "printer_recorder",
    "record_printer",
    "record_printer_of",
    "record_printers",
    "reminder_prefix",
    "reminder_serial",
    "reprint",
]
