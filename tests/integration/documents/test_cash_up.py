"""The day's cash-up PDF (日结单) of a clerk."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from mutualaid_desktop.documents.cash_up import render_cash_up
from mutualaid_desktop.services.payments import cash_up, record_payment, void_receipt
from mutualaid_desktop.services.session import open_counter_database
from tests.integration.services.payments_data import make_counter

TODAY = date(2026, 11, 29)


@pytest.fixture
def db(tmp_path):
    database = open_counter_database(tmp_path / "counter" / "mutualaid.sqlite3")
    yield database
    database.dispose()


def test_cash_up_lists_receipts_totals_and_voided(db, tmp_path):
    counter = make_counter(db, members=3)
    ids = counter.enrollment_ids["SL-ZY-2027"]
    a = record_payment(db, counter.clerk, enrollment_ids=ids, payer_unit_code=counter.unit_code, amount="285.00",
                       method="cash", paid_on=TODAY, today=TODAY)
    b = record_payment(db, counter.clerk, enrollment_ids=counter.other_ids, payer_unit_code=counter.other_unit_code,
                       amount="190.00", method="alipay", paid_on=TODAY, today=TODAY)
    void_receipt(db, counter.clerk, b.serial, "重复收款")
    path = render_cash_up(cash_up(db, counter.clerk, TODAY), tmp_path / "cashup.pdf")
    reader = PdfReader(path)
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "互助保障金缴费日结单" in text and "张经办" in text and "2026年11月29日" in text
    assert a.serial in text and b.serial in text
    assert "作废" in text
    assert "人民币贰佰捌拾伍元整" in text  # the grand total leaves the voided receipt out
    assert "商州区人民医院工会" in text
    assert "第 1 页 共 1 页" in text
    assert "出纳签收" in text


def test_empty_day(db, tmp_path):
    counter = make_counter(db, members=1)
    empty = render_cash_up(cash_up(db, counter.clerk, TODAY), tmp_path / "empty.pdf")
    text = PdfReader(empty).pages[0].extract_text()
    assert "当日没有收据" in text and "人民币零元整" in text
