"""给付 (issue 9): a batch's bank file is exported once; a clerk cannot export it again; a supervisor
exports a copy (副本) with a reason, by the keyboard; the file says 副本 and keeps the batch number."""

from __future__ import annotations

import json
from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from mutualaid_desktop.services.payouts.payouts import create_batch, export_bank_file
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import AuditRecord, PayoutBatch
from mutualaid_desktop.ui.payouts.payout_page import PayoutPage
from tests.gui.helpers import type_text
from tests.integration.services.payouts_data import approved_claims, make_counter


@pytest.fixture
def batch(database, tmp_path):
    counter = make_counter(database, members=5, years=(date.today().year,))
    claims = approved_claims(database, counter)
    number = create_batch(database, counter.clerk, claims).batch_number
    export_bank_file(database, counter.clerk, number, tmp_path / "first.xlsx")
    return counter, number, claims


def make_page(qtbot, database, user, worker, asked, target):
    page = PayoutPage(database, user, worker=worker)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.ask_save_path = lambda suggested: asked.append(suggested) or str(target)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=3000)
    return page


def exports(db) -> tuple[int, list[dict]]:
    with UnitOfWork(db, read_only=True) as uow:
        count = uow.session.scalar(select(PayoutBatch.export_count))
        audits = [
            json.loads(a.after_json)
            for a in uow.session.scalars(
                select(AuditRecord).where(AuditRecord.action == "payout.batch_export").order_by(AuditRecord.id)
            )
        ]
    return count, audits


def test_a_clerk_cannot_export_an_exported_batch_again(qtbot, database, batch, worker, opened, tmp_path):
    counter, _number, _claims = batch
    asked = []
    page = make_page(qtbot, database, counter.clerk, worker, asked, tmp_path / "again.xlsx")
    assert page.export_button.text().startswith("导出副本")
    page.export_button.setFocus()
    qtbot.keyClick(page.export_button, Qt.Key.Key_Space)
    assert "已导出过" in page.message.text() and "主管" in page.message.text()
    assert asked == [] and not (tmp_path / "again.xlsx").exists()
    assert exports(database)[0] == 1


def test_a_supervisor_exports_a_copy_with_a_reason(qtbot, database, batch, worker, opened, tmp_path):
    counter, number, claims = batch
    asked = []
    target = tmp_path / "copy.xlsx"
    page = make_page(qtbot, database, counter.supervisor, worker, asked, target)
    page.export_button.setFocus()
    qtbot.keyClick(page.export_button, Qt.Key.Key_Space)
    dialog = page.dialog
    assert dialog.objectName() == "exportCopyDialog" and dialog.focusWidget() is dialog.reason_edit
    assert number in dialog.findChild(type(page.message), "copyText").text()
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)  # no reason: refused, nothing written
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=5000)
    assert "原因" in dialog.error_label.text() and not target.exists() and exports(database)[0] == 1
    assert asked == []
    type_text(qtbot, dialog.reason_edit, "原文件丢失，未交银行")
    with qtbot.waitSignal(page.paperMade, timeout=5000):
        qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    assert asked[-1].endswith(f"{number}-银行代发-副本1.xlsx")
    assert "副本 1" in page.message.text() and not dialog.isVisible()
    rows = [[c.value for c in r] for r in load_workbook(target).active.iter_rows()]
    assert rows[0][0].startswith("【副本】") and number in rows[0][0] and "原文件丢失，未交银行" in rows[0][0]
    assert [r[5] for r in rows[2:-1]] == claims
    count, audits = exports(database)
    assert count == 2 and audits[-1]["copy"] is True and audits[-1]["reason"] == "原文件丢失，未交银行"
