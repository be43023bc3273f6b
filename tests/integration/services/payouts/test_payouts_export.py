"""The bank file of a batch is exported once; a copy (副本) needs a supervisor and a reason, keeps the
batch number, says 副本 in the file, and every export is audited and counted (issue 9)."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.services.errors import PermissionDenied, ServiceError
from mutualaid_desktop.services.payouts.payout_export import bank_file_name
from mutualaid_desktop.services.payouts.payouts import (
    correct_account,
    create_batch,
    export_bank_file,
    list_batches,
    mark_paid,
)
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import AuditRecord, Claim, PayoutBatch

from ..payouts_data import approved_claims, make_counter

HEADERS = ["序号", "户名", "开户行", "账号", "金额", "理赔编号", "摘要"]


@pytest.fixture
def counter(db):
    return make_counter(db, members=5, years=(2026,))


@pytest.fixture
def claims(db, counter):
    return approved_claims(db, counter)


def sheet_rows(path) -> list[list]:
    sheet = load_workbook(path).active
    assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]  # no formula
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def exports(db) -> list[dict]:
    with UnitOfWork(db, read_only=True) as uow:
        return [
            json.loads(a.after_json)
            for a in uow.session.scalars(
                select(AuditRecord).where(AuditRecord.action == "payout.batch_export").order_by(AuditRecord.id)
            )
        ]


def export_count(db, number) -> int:
    with UnitOfWork(db, read_only=True) as uow:
        return uow.session.scalar(select(PayoutBatch.export_count).where(PayoutBatch.batch_number == number))


def test_an_exported_batch_is_exported_again_only_by_a_supervisor_with_a_reason_as_a_copy(
    db, counter, claims, tmp_path
):
    batch = create_batch(db, counter.clerk, claims).batch_number
    first = export_bank_file(db, counter.clerk, batch, tmp_path / "original.xlsx")
    assert first.copy_number == 0 and export_count(db, batch) == 1
    rows = sheet_rows(first.path)
    assert rows[0][0] == f"商洛市总工会 给付批次 {batch}" and "副本" not in rows[0][0] and rows[1] == HEADERS
    # again, as if nothing happened: refused, nothing written
    with pytest.raises(ServiceError, match=r"已于 .* 导出过银行文件"):
        export_bank_file(db, counter.clerk, batch, tmp_path / "again.xlsx")
    with pytest.raises(PermissionDenied, match="主管"):
        export_bank_file(db, counter.clerk, batch, tmp_path / "again.xlsx", again=True, reason="文件丢失")
    for reason in (None, "  ", "文件\u202e丢失"):
        with pytest.raises((ServiceError, InputError), match="再次导出的原因"):
            export_bank_file(db, counter.supervisor, batch, tmp_path / "again.xlsx", again=True, reason=reason)
    assert not (tmp_path / "again.xlsx").exists()
    assert export_count(db, batch) == 1 and len(exports(db)) == 1
    # the supervisor, with the reason: a copy with the same batch number, marked 副本
    copy = export_bank_file(
        db, counter.supervisor, batch, tmp_path / "again.xlsx", again=True, reason="U盘损坏，原文件未交银行"
    )
    assert (copy.batch_number, copy.copy_number, copy.reason) == (batch, 1, "U盘损坏，原文件未交银行")
    rows = sheet_rows(copy.path)
    title = rows[0][0]
    assert (
        title.startswith("【副本】")
        and batch in title
        and "U盘损坏，原文件未交银行" in title
        and "切勿重复提交" in title
    )
    assert rows[1] == HEADERS
    assert [r[5] for r in rows[2:-1]] == [r[5] for r in sheet_rows(first.path)[2:-1]] == sorted(claims)
    assert export_count(db, batch) == 2
    audit = exports(db)
    assert [(a["export_number"], a["copy"], a["reason"]) for a in audit] == [
        (1, False, None),
        (2, True, "U盘损坏，原文件未交银行"),
    ]
    assert audit[1]["exported_by"] == "boss"
    [info] = list_batches(db)
    assert (info.batch_number, info.status, info.export_count) == (batch, "exported", 2)
    # the batch goes on as before: paid on the bank's answer
    assert mark_paid(db, counter.supervisor, batch, settled_on=info.created_on).batch_status == "closed"


def test_again_is_refused_for_a_batch_never_exported(db, counter, claims, tmp_path):
    batch = create_batch(db, counter.clerk, claims).batch_number
    with pytest.raises(ServiceError, match="还没有导出过"):
        export_bank_file(db, counter.supervisor, batch, tmp_path / "x.xlsx", again=True, reason="试试")
    assert export_count(db, batch) == 0


def test_the_suggested_file_name_says_copy():
    assert bank_file_name("PF2026-0001", 0) == "PF2026-0001-银行代发.xlsx"
    assert bank_file_name("PF2026-0001", 1) == "PF2026-0001-银行代发-副本1.xlsx"


@pytest.mark.parametrize(
    "field, values",
    [
        ("开户银行", {"bank": "中国建设银行\u202e商洛分行"}),
        ("户名", {"holder": "\u200b"}),
        ("银行账号", {"number": "6217002710000\u200d999999"}),
        ("开户银行", {"bank": "行" * 65}),
    ],
)
def test_a_corrected_account_is_cleaned(db, counter, claims, tmp_path, field, values):
    number = claims[0]
    with UnitOfWork(db, read_only=True) as uow:
        c = uow.session.scalar(select(Claim).where(Claim.claim_number == number))
        holder, before = c.account_holder, (c.bank_name, c.account_holder, c.account_number)
    typed = {"bank": "中国建设银行商洛分行", "holder": holder, "number": "6217002710000999999", **values}
    with pytest.raises(ServiceError, match=field):
        correct_account(db, counter.clerk, number, **typed)
    with UnitOfWork(db, read_only=True) as uow:
        c = uow.session.scalar(select(Claim).where(Claim.claim_number == number))
        assert (c.bank_name, c.account_holder, c.account_number) == before
