"""Printed papers (打印记录): every paper handed out is recorded; a paper given again is 补打.

Rules (issue 5, "Preview and printing"; DESIGN.md: "a printed paper has a serial number, is
recorded when printed, and a reprint is marked 补打"):
- One `printed_documents` row = one paper handed out: kind, serial, copy number (0 = the original,
  n = 补打 n, pointing at the original), who, when, and the printer it went to.
- The row is written when the paper is made (its PDF carries the copy number, so the number must
  be known before it is drawn): by the service that makes it (a payment's receipt, a claim's
  受理回执, a decision notice, a batch list, a unit roster) through `issue_copy`, the one
  implementation of "the next copy", or by `make_paper` (services/papers/printed_papers.py, the registry of the makers) for the papers no other service records
  (日结单, 续保提示单 of one unit, and the handouts).
- The preview reports a successful print with the printer's name: `record_printer`
  (services/papers/paper_printers.py, with `record_printers` and `printer_recorder`) fills the
  printer (and the time of printing) of that row. A row without a printer (未打印) was not printed
  through the program's preview — it may still have left as a PDF (另存为, 用系统程序打开).
- Printing the same row a second time from its preview makes a second paper identical to the first,
  without the 补打 mark: that is refused (ServiceError, shown by the preview, telling the clerk not
  to hand it out and to use 补打); the attempt is written in the audit log all the same. Handouts
  are the exception (see below).
- 补打 (`reprint`): the paper is made again from the database as it stands now (a voided receipt
  prints with 作废), marked 补打 with its copy number, and recorded as the next copy of that serial.
  Any copy is 补打 once an original row exists, printed or not: an original that was not printed
  through the preview may have left as a PDF, and two unmarked papers with one serial must not exist.
- Serials: 缴费收据 and 参保名单 the receipt serial (SJ2026-000123); 受理回执 and 审核通知书 (给付 /
  不予给付通知书) the claim number; 给付清单 the batch number; 日结单 RJ<yyyymmdd>-<clerk's login>;
  续保提示单 XB<plan year>-<unit code>.
- Handouts without a serial (理赔材料告知单, 温馨提示) are recorded with the plan code as serial; their
  copies are only counted (第 n 份), never marked 补打, and printing one again from its preview
  records one more copy instead of being refused.
- Notices (续保提示单) have a serial (XB<plan year>-<unit code>) but are never 补打: a reminder made
  again — by a later batch, or for one unit from 打印记录 — is drawn from the database as it stands
  (members renewed meanwhile are gone, the deadline is that of the season's last batch), so it is a
  new notice, not a copy of the first: copy n is printed 第 n+1 次提示. n counts the notices handed out
  (a printer recorded: printed through the preview, or a saved file marked sent, SENT_AS_FILE): a notice
  made and not handed out (a preview, a cancelled run) is taken over by the next one, number and record
  (`next_notices`). Like a voucher, one row is one paper: printing it again from its preview is refused
  (make it again instead).
  A batch records its units in one transaction (`issue_batch`, after the PDFs are made; the numbers
  are read before drawing with `latest_copies`) and its preview fills all their printers at once
  (`record_printers`, `printer_recorder(record_ids=...)`).
- Who may record or reprint a paper: the roles that may issue it (the issuing service's roles).
Every change is one unit of work with its audit record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.text import clean_text
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import NotFound, ServiceError
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.models import PrintedDocument, utcnow
from mutualaid_desktop.store.printed_queries import PrintedQueries, PrintedRow

MAX_SERIAL = 64
MAX_PRINTER = 128
MAX_PAGE = 1000
SENT_AS_FILE = "电子文件（已发出）"  # the "printer" of a notice saved as a file and marked sent by the clerk


@dataclass(frozen=True)
class PaperKind:
    code: str
    label: str  # Chinese, for the list and the messages
    folder: str  # under papers_folder(db)
    action: str  # who may issue (and so reprint) one: the issuing service's action (services/permissions)
    handout: bool = False  # no serial of its own: copies counted, never marked 补打
    notice: bool = False  # made again = a new notice (第 n 次提示), never marked 补打; printed once like a voucher

    @property
    def print_once(self) -> bool:
        """A paper of this kind is printed once from its preview (another paper is 补打 or made again)."""
        return not self.handout


KINDS: dict[str, PaperKind] = {
    k.code: k
    for k in (
        PaperKind("premium_receipt", "缴费收据", "receipts", "pay"),
        PaperKind("unit_roster", "参保名单", "rosters", "pay"),
        PaperKind("cash_up", "日结单", "cash-ups", "pay"),
        PaperKind("acceptance_receipt", "受理回执", "acceptance", "take_claim"),
        PaperKind("decision_notice", "审核通知书", "notices", "print_decision_notice"),
        PaperKind("payout_batch_list", "给付清单", "payouts", "make_payout_batch"),
        PaperKind("renewal_reminder", "续保提示单", "reminders", "print_renewal_reminders", notice=True),
        PaperKind("claim_documents_notice", "理赔材料告知单", "notices", "print_handouts", handout=True),
        PaperKind("member_leaflet", "温馨提示", "leaflets", "print_handouts", handout=True),
    )
}


# --- results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PaperRecord:
    """A paper handed out, as the 打印记录 list shows it. Times are local (naive)."""

    id: int
    kind: str
    serial: str
    copy_number: int  # 0 = original; n = 补打 n (handouts: the n+1-th copy)
    reprint_of_id: int | None
    subject_table: str | None
    subject_id: int | None
    printed_at: datetime
    printed_by_id: int | None
    printed_by_name: str
    printer: str | None  # None: not printed through the preview (未打印)
    voided: bool = False
    void_reason: str | None = None

    @property
    def kind_label(self) -> str:
        found = KINDS.get(self.kind)
        return found.label if found else self.kind

    @property
    def handout(self) -> bool:
        found = KINDS.get(self.kind)
        return bool(found and found.handout)

    @property
    def notice(self) -> bool:
        found = KINDS.get(self.kind)
        return bool(found and found.notice)

    @property
    def is_reprint(self) -> bool:
        return self.copy_number > 0 and not self.handout and not self.notice

    @property
    def copy_label(self) -> str:
        if self.handout:
            return f"第 {self.copy_number + 1} 份"
        if self.notice:
            return f"第 {self.copy_number + 1} 次提示"
        return f"补打 {self.copy_number}" if self.copy_number else "原件"


# --- helpers -------------------------------------------------------------------------------


def _record(row: PrintedRow) -> PaperRecord:
    d = row.document
    return PaperRecord(
        id=d.id,
        kind=d.kind,
        serial=d.serial,
        copy_number=d.copy_number,
        reprint_of_id=d.reprint_of_id,
        subject_table=d.subject_table,
        subject_id=d.subject_id,
        printed_at=clock.local_time(d.printed_at).replace(microsecond=0),
        printed_by_id=d.printed_by,
        printed_by_name=row.printed_by_name or "",
        printer=d.printer,
        voided=d.voided_at is not None,
        void_reason=d.void_reason,
    )


def written_record(q: PrintedQueries, record_id: int) -> PaperRecord:
    """The record of a paper written in this unit of work (NotFound only if it vanished meanwhile)."""
    row = q.row(record_id)
    if row is None:
        raise _not_found(record_id)
    return _record(row)


def paper_kind(kind: str) -> PaperKind:
    found = KINDS.get((kind or "").strip())
    if found is None:
        names = "、".join(k.label for k in KINDS.values())
        raise ServiceError(f"没有「{kind}」这种票据。可以记录的有：{names}。")
    return found


def require_paper(user: UserInfo, kind: PaperKind, what: str) -> None:
    require(user, kind.action, f"{what}{kind.label}")


def check_may_issue(user: UserInfo, kind: str) -> None:
    """PermissionDenied (in Chinese) unless `user` may issue papers of `kind` (before a batch draws them)."""
    require_paper(user, paper_kind(kind), "打印")


def clean_serial(serial: str) -> str:
    text = " ".join((serial or "").split())
    if not text:
        raise ServiceError("票据号不能为空。")
    if len(text) > MAX_SERIAL:
        raise ServiceError(f"票据号最多 {MAX_SERIAL} 个字符。")
    return text


def _not_found(record_id) -> NotFound:
    return NotFound(f"没有编号为 {record_id} 的打印记录，可能已被更改；请刷新打印记录后重试。")


# --- recording -----------------------------------------------------------------------------


def issue_copy(
    session,
    user: UserInfo,
    *,
    kind: str,
    serial: str,
    subject_table: str | None = None,
    subject_id: int | None = None,
    printer: str | None = None,
) -> PrintedDocument:
    """Record the next copy of the paper kind+serial in the caller's transaction: the original
    (copy 0) when none is recorded, else copy n+1 pointing at the original. The one implementation
    of copy numbers: the services that issue papers call it in their own unit of work (they write
    their own audit record)."""
    q = PrintedQueries(session)
    if paper_kind(kind).notice:
        again = _unprinted_notice(session, user, kind, serial)
        if again is not None:
            return again
    copies = q.copies(kind, serial)
    number = copies[-1][1] + 1 if copies else 0
    original = next((i for i, n in copies if n == 0), copies[0][0] if copies else None)
    doc = PrintedDocument(
        kind=kind,
        serial=serial,
        copy_number=number,
        reprint_of_id=original,
        subject_table=subject_table,
        subject_id=subject_id,
        printed_at=utcnow(),
        printed_by=user.id,
        printer=printer,
    )
    first = q.get(original) if original is not None else None
    if first is not None and first.voided_at is not None:  # a voided paper's copy prints 作废: the same void
        doc.voided_at, doc.voided_by, doc.void_reason = first.voided_at, first.voided_by, first.void_reason
    return q.add(doc)


def _range(serial_prefix: str) -> tuple[str, str]:
    return serial_prefix, serial_prefix[:-1] + chr(ord(serial_prefix[-1]) + 1)


def next_notices(session, kind: str, serial_prefix: str) -> dict[str, int]:
    """serial -> copy number of the next notice (第 n+1 次提示) of the papers `kind` whose serial starts with
    `serial_prefix`: one more than the notices handed out — printed (a printer recorded), or a file marked sent
    (`SENT_AS_FILE`). A notice made and not handed out (a preview, a cancelled run, a file never printed or sent)
    does not count: the next one takes its number and its record. Serials never handed out are left out (0)."""
    return {
        serial: n + 1 for serial, n in PrintedQueries(session).handed_out_copies(kind, *_range(serial_prefix)).items()
    }


def _unprinted_notice(session, user: UserInfo, kind: str, serial: str) -> PrintedDocument | None:
    """The newest notice kind+serial if it was never handed out: made again, it keeps its number (and its record,
    now of this user and time)."""
    q = PrintedQueries(session)
    copies = q.copies(kind, serial)
    if not copies:
        return None
    doc = q.get(copies[-1][0])
    if doc is None or doc.printer is not None:
        return None
    q.remake([doc.id], printed_by=user.id, at=utcnow())
    session.refresh(doc)
    return doc


def issue_paper(
    db: Database,
    user: UserInfo,
    *,
    kind: str,
    serial: str,
    subject_table: str | None = None,
    subject_id: int | None = None,
    printer: str | None = None,
) -> PaperRecord:
    """Record one more paper kind+serial handed out (the next copy), audited."""
    spec = paper_kind(kind)
    require_paper(user, spec, "打印")
    serial = clean_serial(serial)
    printer = _printer(printer) if printer is not None else None
    with UnitOfWork(db, user=user) as uow:
        doc = issue_copy(
            uow.session,
            user,
            kind=spec.code,
            serial=serial,
            subject_table=subject_table,
            subject_id=subject_id,
            printer=printer,
        )
        uow.audit(
            "paper.issue",
            "printed_document",
            doc.id,
            after={
                "kind": spec.code,
                "serial": serial,
                "copy_number": doc.copy_number,
                "printer": printer,
                "subject_table": subject_table,
                "subject_id": subject_id,
            },
        )
        record = written_record(PrintedQueries(uow.session), doc.id)
        uow.commit()
    return record


@dataclass(frozen=True)
class BatchPaper:
    """One paper of a batch: its serial, the copy number it was drawn with, its subject."""

    serial: str
    copy_number: int
    subject_table: str | None = None
    subject_id: int | None = None


def latest_copies(session, kind: str, serial_prefix: str) -> dict[str, tuple[int, int | None]]:
    """serial -> (highest copy number, original's id) of the papers `kind` whose serial starts with
    `serial_prefix`, in the caller's transaction: a batch reads its copy numbers with one query."""
    upper = serial_prefix[:-1] + chr(ord(serial_prefix[-1]) + 1)
    return PrintedQueries(session).latest_copies(kind, serial_prefix, upper)


def issue_batch(
    session, user: UserInfo, *, kind: str, serial_prefix: str, papers: list[BatchPaper], at: datetime | None = None
) -> list[int]:
    """Record the papers of a batch (all of `kind`, serials starting with `serial_prefix`) in the caller's
    transaction, with one read of the copies recorded and one executemany; returns their ids, in order.

    Each paper is recorded with the copy number it was drawn with; when that number was taken meanwhile (the
    same serial made on its own while the batch was drawn), with the next free one (the rare case where the
    paper and its record differ by one; a unique index forbids two rows of one copy). A notice drawn with the
    number of a notice not handed out (`next_notices`) takes that record over (who, when) instead of adding one.
    The caller checks the role and writes the audit record."""
    spec = paper_kind(kind)
    if not papers:
        return []
    q = PrintedQueries(session)
    known = latest_copies(session, spec.code, serial_prefix)
    unprinted = q.unprinted_copies(spec.code, *_range(serial_prefix)) if spec.notice else {}
    row_id = q.next_id()
    at = at or utcnow()
    rows, again, ids = [], [], []
    for paper in papers:
        reuse = unprinted.pop((paper.serial, paper.copy_number), None)
        if reuse is not None:  # a notice made before and never handed out: this one takes its number and record
            again.append(reuse)
            ids.append(reuse)
            continue
        highest, original = known.get(paper.serial, (-1, None))
        number = max(paper.copy_number, highest + 1)
        rows.append(
            {
                "id": row_id,
                "kind": spec.code,
                "serial": paper.serial,
                "copy_number": number,
                "reprint_of_id": original if number else None,
                "subject_table": paper.subject_table,
                "subject_id": paper.subject_id,
                "printed_at": at,
                "printed_by": user.id,
                "printer": None,
            }
        )
        known[paper.serial] = (number, row_id if number == 0 else original)
        ids.append(row_id)
        row_id += 1
    q.remake(again, printed_by=user.id, at=at)
    q.insert_rows(rows)
    return ids


def _printer(printer: str | None) -> str:
    name = clean_text(printer, field="printer", label="打印机名称", limit=MAX_PRINTER, halfwidth=False)
    if not name:
        raise ServiceError("没有打印机名称，打印记录没有更新；请在打印对话框中选择打印机。")
    return name


# --- the list ------------------------------------------------------------------------------


def list_papers(
    db: Database,
    *,
    serial_contains: str | None = None,
    kind: str | None = None,
    day_from: date | None = None,
    day_to: date | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[PaperRecord]:
    """Papers handed out, newest first: by (part of) the serial, of one kind, printed from
    `day_from` to `day_to` (local days, both included)."""
    kinds = (paper_kind(kind).code,) if kind else None
    if day_from and day_to and day_to < day_from:
        raise ServiceError("结束日期早于开始日期，请改正。")
    limit = max(1, min(int(limit), MAX_PAGE))
    with UnitOfWork(db, read_only=True) as uow:
        rows = PrintedQueries(uow.session).page(
            serial_contains=" ".join((serial_contains or "").split()) or None,
            kinds=kinds,
            since=clock.stored_start_of(day_from) if day_from else None,
            before=clock.stored_start_of(day_to + timedelta(days=1)) if day_to else None,
            limit=limit,
            offset=max(0, int(offset)),
        )
        return [_record(r) for r in rows]


def get_paper(db: Database, record_id: int) -> PaperRecord:
    with UnitOfWork(db, read_only=True) as uow:
        row = PrintedQueries(uow.session).row(int(record_id))
        if row is None:
            raise _not_found(record_id)
        return _record(row)


# --- serials of notices ---------------------------------------------------------------------

# 续保提示单 serials: XB<plan year>-<unit code> for the 住院二次报销 plans; the other kinds of plan add a
# letter to the year (a unit is reminded of each kind of plan it has), e.g. XB2027D-611002-0001 (定额给付).
REMINDER_KIND_TAGS = {"reimbursement": "", "lump_sum": "D"}


def reminder_prefix(plan_year: int, plan_kind: str = "reimbursement") -> str:
    """XB2027- : the serials of one season's reminders of one kind of plan start with it."""
    tag = REMINDER_KIND_TAGS.get(plan_kind)
    if tag is None:
        raise ServiceError(f"没有「{plan_kind}」这种计划。")
    return f"XB{int(plan_year)}{tag}-"


def reminder_serial(plan_year: int, unit_code: str, plan_kind: str = "reimbursement") -> str:
    return reminder_prefix(plan_year, plan_kind) + unit_code


def parse_reminder_serial(serial: str) -> tuple[int, str, str]:
    """(plan year, kind of plan, unit code) of a 续保提示单 serial."""
    tags = "|".join(t for t in REMINDER_KIND_TAGS.values() if t)
    found = re.fullmatch(rf"XB(\d{{4}})({tags})?-(.+)", serial or "")
    if not found:
        raise ServiceError(f"续保提示单号「{serial}」不对，应为 XB<计划年度>-<单位代码>。")
    kind = next(k for k, t in REMINDER_KIND_TAGS.items() if t == (found.group(2) or ""))
    return int(found.group(1)), kind, found.group(3)


__all__ = [
    "KINDS",
    "SENT_AS_FILE",
    "BatchPaper",
    "PaperKind",
    "PaperRecord",
    "check_may_issue",
    "get_paper",
    "issue_batch",
    "issue_copy",
    "issue_paper",
    "latest_copies",
    "list_papers",
    "next_notices",
    "paper_kind",
    "parse_reminder_serial",
    "reminder_prefix",
    "reminder_serial",
    "written_record",
]
