"""Where a recorded paper was printed (services/papers/paper_records.py has the rules): the preview reports
a successful print with the printer's name and `record_printer` fills the printer and time of that row
(`record_printers` for the rows of a batch printed as one PDF); printing the same row again is refused,
a handout's second print is its next copy. `printer_recorder` is the preview's `on_printed` callback."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mutualaid_desktop.services.admin.counter_setup import counter_info_warning
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import NotFound, ServiceError
from mutualaid_desktop.services.papers.paper_records import (
    KINDS,
    PaperRecord,
    _not_found,
    _printer,
    _record,
    issue_copy,
    paper_kind,
    require_paper,
    written_record,
)
from mutualaid_desktop.services.papers.print_settings import PrintSettings, get_print_settings
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.models import PrintedDocument, utcnow
from mutualaid_desktop.store.printed_queries import PrintedQueries


def record_printer(db: Database, user: UserInfo, record_id: int, printer: str) -> PaperRecord:
    """The paper of record `record_id` was printed on `printer` (now): fills its printer and time.

    A record that has a printer already was printed before: a second print of the same paper is
    an unmarked duplicate, refused (ServiceError saying to use 补打) after writing the attempt in
    the audit log. For a handout the second print is recorded as its next copy."""
    name = _printer(printer)
    again: PaperRecord | None = None
    with UnitOfWork(db, user=user) as uow:
        q = PrintedQueries(uow.session)
        row = q.row(int(record_id))
        if row is None:
            raise _not_found(record_id)
        doc = row.document
        spec = paper_kind(doc.kind)
        require_paper(user, spec, "打印")
        if doc.printer is None:
            record = _fill_printer(uow, q, doc, name)
        elif spec.handout:
            record = _handout_copy(uow, q, user, doc, name)
        else:
            _audit_printed_again(uow, doc, name)
            again = _record(row)
            record = again
        uow.commit()
    if again is not None:
        _refuse_printed_again(again)
    return record


def _fill_printer(uow: UnitOfWork, q: PrintedQueries, doc: PrintedDocument, name: str) -> PaperRecord:
    """The first print of a paper: its printer and time filled in, audited."""
    before = {"printer": None, "printed_at": doc.printed_at}
    doc.printer = name
    doc.printed_at = utcnow()
    uow.session.flush()
    uow.audit(
        "paper.printed",
        "printed_document",
        doc.id,
        before=before,
        after={
            "kind": doc.kind,
            "serial": doc.serial,
            "copy_number": doc.copy_number,
            "printer": name,
            "printed_at": doc.printed_at,
        },
    )
    return written_record(q, doc.id)


def _handout_copy(uow: UnitOfWork, q: PrintedQueries, user: UserInfo, doc: PrintedDocument, name: str) -> PaperRecord:
    """A handout printed again from its preview: recorded as its next copy, audited."""
    new = issue_copy(
        uow.session,
        user,
        kind=doc.kind,
        serial=doc.serial,
        subject_table=doc.subject_table,
        subject_id=doc.subject_id,
        printer=name,
    )
    uow.audit(
        "paper.issue",
        "printed_document",
        new.id,
        after={
            "kind": doc.kind,
            "serial": doc.serial,
            "copy_number": new.copy_number,
            "printer": name,
            "printed_again_from": doc.id,
        },
    )
    return written_record(q, new.id)


def _audit_printed_again(uow: UnitOfWork, doc: PrintedDocument, name: str) -> None:
    """The attempt to print a paper a second time, written in the audit log before it is refused."""
    uow.audit(
        "paper.printed_again",
        "printed_document",
        doc.id,
        after={
            "kind": doc.kind,
            "serial": doc.serial,
            "copy_number": doc.copy_number,
            "printer": name,
            "first_printer": doc.printer,
        },
    )


def _refuse_printed_again(again: PaperRecord) -> None:
    """ServiceError for a paper printed a second time from its preview: a notice is made again, another
    paper is 补打."""
    if again.notice:
        raise ServiceError(
            f"{again.kind_label} {again.serial}（{again.copy_label}）已于 {again.printed_at:%Y-%m-%d %H:%M} "
            f"在 {again.printer} 打印过。刚才又打印的一份与它相同，请不要发出，收回销毁；"
            "如需再给一份，请在“票据 → 打印记录”中选它，点“再次提示”重新生成。这次打印已记入日志。"
        )
    raise ServiceError(
        f"{again.kind_label} {again.serial}（{again.copy_label}）已于 {again.printed_at:%Y-%m-%d %H:%M} "
        f"在 {again.printer} 打印过。刚才又打印的一份与它相同、没有“补打”标记，请不要发出，收回销毁；"
        "如需再给一份，请在“票据 → 打印记录”中补打。这次打印已记入日志。"
    )


def record_printer_of(
    db: Database, user: UserInfo, *, kind: str, serial: str, copy_number: int | None, printer: str
) -> PaperRecord:
    """`record_printer` for the record kind+serial+copy (for a paper whose service returned its
    copy number but not the record); copy None: the newest copy of that paper."""
    with UnitOfWork(db, read_only=True) as uow:
        q = PrintedQueries(uow.session)
        if copy_number is None:
            copies = q.copies(kind, serial)
            doc = q.get(copies[-1][0]) if copies else None
        else:
            doc = q.find(kind, serial, int(copy_number))
        if doc is None:
            raise NotFound(
                f"没有找到{paper_kind(kind).label} {serial} 的打印记录，打印机没有记下；请刷新打印记录后重试。"
            )
        record_id = doc.id
    return record_printer(db, user, record_id, printer)


@dataclass(frozen=True)
class PrintedBatch:
    """What `record_printers` did: `filled` rows got their printer; `already` had one (printed before)."""

    filled: int
    already: int
    printer: str


def record_printers(db: Database, user: UserInfo, record_ids, printer: str) -> PrintedBatch:
    """The papers of a batch (one combined PDF: records `record_ids`) were printed on `printer` (now): fills
    the printer and time of those not printed yet, in one unit of work with one audit record. Rows printed
    before are left as they are and, like `record_printer`, the second print is refused afterwards
    (ServiceError telling to make them again rather than hand out the duplicates; written in the audit log)."""
    name = _printer(printer)
    ids = sorted({int(i) for i in record_ids})
    if not ids:
        raise ServiceError("这批纸件没有打印记录，打印机没有记下。")
    with UnitOfWork(db, user=user) as uow:
        q = PrintedQueries(uow.session)
        states = q.printer_states(ids)
        if len(states) < len(ids):
            raise NotFound(f"这批纸件中有 {len(ids) - len(states)} 份的打印记录已不存在；请刷新打印记录后重试。")
        for kind in {s[1] for s in states}:
            require_paper(user, paper_kind(kind), "打印")
        at = utcnow()
        filled = q.set_printer(ids, name, at)
        already = [s for s in states if s[4] is not None]
        uow.audit(
            "paper.printed_batch",
            "printed_document",
            f"{ids[0]}-{ids[-1]}",
            after={
                "kinds": sorted({s[1] for s in states}),
                "records": len(ids),
                "first_id": ids[0],
                "last_id": ids[-1],
                "printer": name,
                "printed_at": at,
                "filled": filled,
                "printed_before": len(already),
            },
        )
        uow.commit()
    if already:
        first = already[0]
        spec = paper_kind(first[1])
        how = "选它，点“再次提示”重新生成" if spec.notice else "补打"
        raise ServiceError(
            f"这批{spec.label}中有 {len(already)} 份（如 {first[2]}）已在 {first[4]} 打印过。刚才又打印的这些与先前的相同，"
            f"请不要重复发出，收回销毁；如需再给一份，请在“票据 → 打印记录”中{how}。这次打印已记入日志。"
        )
    return PrintedBatch(filled, len(already), name)


class PrinterRecorder:
    """The `on_printed(printer_name)` of a paper's preview (see `printer_recorder`). `print_once`: the paper
    must not be printed twice from one preview (a voucher or notice: another paper is 补打 / made again) —
    known from the kind, or, for a record given by id, once it has been recorded."""

    def __init__(self, db: Database, record: Callable[[str], object], kind: str | None = None) -> None:
        self._db = db
        self._record = record
        self.kind = kind
        self.last: object = None  # what the last print recorded (a PaperRecord, a PrintedBatch)

    def print_settings(self) -> PrintSettings:
        """How this counter prints (设置 → 打印): the preview asks before it offers 打印."""
        return get_print_settings(self._db)

    def counter_info_warning(self) -> str | None:
        """What the preview warns of before this paper is printed (counter_setup.counter_info_warning)."""
        return counter_info_warning(self._db, self.kind)

    def __call__(self, printer: str):
        self.last = self._record(printer)
        if self.kind is None and isinstance(self.last, PaperRecord):
            self.kind = self.last.kind
        return self.last

    @property
    def print_once(self) -> bool:
        found = KINDS.get(self.kind or "")
        return bool(found and found.print_once)


def printer_recorder(
    db: Database,
    user: UserInfo,
    *,
    record_id: int | None = None,
    kind: str | None = None,
    serial: str | None = None,
    copy_number: int | None = 0,
    record_ids=None,
) -> PrinterRecorder:
    """The `on_printed(printer_name)` callback of a paper's preview: records where it was printed
    (by record id, or by kind+serial+copy; copy None: the newest copy, looked up when it prints; or the
    records `record_ids` of a batch printed as one PDF, all of `kind`)."""
    if record_ids is not None:
        ids = tuple(int(i) for i in record_ids)
        return PrinterRecorder(db, lambda printer: record_printers(db, user, ids, printer), kind)
    if record_id is not None:
        return PrinterRecorder(db, lambda printer: record_printer(db, user, record_id, printer), kind)
    if kind is None or serial is None:
        raise ValueError("printer_recorder needs record_id, record_ids, or kind and serial")
    return PrinterRecorder(
        db,
        lambda printer: record_printer_of(db, user, kind=kind, serial=serial, copy_number=copy_number, printer=printer),
        kind,
    )
