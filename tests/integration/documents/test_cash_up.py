"""The day's cash-up PDF (日结单) of a clerk."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from pypdf import PdfReader

from mutualaid_desktop.documents.cash_up import render_cash_up
from mutualaid_desktop.services.enrollment.payments import cash_up, record_payment, void_receipt
from mutualaid_desktop.services.session import open_counter_database
from tests.integration.documents.pdf_text import assert_printed_whole, long, page_texts
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
    a = record_payment(
        db,
        counter.clerk,
        enrollment_ids=ids,
        payer_unit_code=counter.unit_code,
        amount="285.00",
        method="cash",
        paid_on=TODAY,
        today=TODAY,
    )
    b = record_payment(
        db,
        counter.clerk,
        enrollment_ids=counter.other_ids,
        payer_unit_code=counter.other_unit_code,
        amount="190.00",
        method="alipay",
        paid_on=TODAY,
        today=TODAY,
    )
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


def test_the_longest_names_and_many_receipts_print_whole_and_the_totals_stay_together(db, tmp_path):
    """The organisation (128 characters), the clerk (64) and 40 receipts of units (128) and members
    (64) paying 9,999,999.99: the clerk's name ran over 日期 and 打印 at the head and over
    第 x 页 共 y 页 at the foot, the organisation under the 补打 box, and the totals were split
    over two pages (their head on one, 合计 on the next). Now the names wrap, and the totals, the
    amount in words and the signatures go together after the receipts."""
    from dataclasses import replace

    counter = make_counter(db, members=3)
    paid = record_payment(
        db,
        counter.clerk,
        enrollment_ids=counter.enrollment_ids["SL-ZY-2027"],
        payer_unit_code=counter.unit_code,
        amount="285.00",
        method="cash",
        paid_on=TODAY,
        today=TODAY,
    )
    day = cash_up(db, counter.clerk, TODAY)
    marks = "甲乙丙丁戊己庚辛壬癸"
    receipts = tuple(
        replace(
            day.receipts[0],
            serial=f"SJ2026-{i:06d}",
            amount=Decimal("9999999.99"),
            method=("cash", "transfer", "wechat", "alipay")[i % 4],
            voided=i % 7 == 0,
            payer_name=(long("商州区第一中学工会", 126) if i % 2 else long("欧阳", 62))
            + marks[i // 10]
            + marks[i % 10],
        )
        for i in range(1, 41)
    )
    paper = replace(
        day,
        org_name=long("商洛市总工会职工服务中心", 128),
        clerk_name=long("欧阳", 64),
        receipts=receipts,
        copy_number=2,
        printed_at=datetime(2026, 11, 29, 17, 30),
    )
    path = render_cash_up(paper, tmp_path / "long.pdf")
    assert paid.serial in {r.serial for r in receipts}
    assert_printed_whole(path, [paper.org_name, paper.clerk_name, *(r.payer_name for r in receipts)])
    pages = page_texts(path)
    assert len(pages) > 2
    assert all(f"第 {i} 页 共 {len(pages)} 页" in page for i, page in enumerate(pages, start=1))
    last = pages[-1]
    assert "缴费方式" in last and "有效收据合计" in last and "作废收据（不计入合计）" in last and "出纳签收" in last
    assert not any("有效收据合计" in page for page in pages[:-1])


def test_each_void_with_its_reason_who_and_when_and_a_transfers_bank_reference(db, tmp_path):
    counter = make_counter(db, members=3)
    kept = record_payment(
        db,
        counter.clerk,
        enrollment_ids=counter.enrollment_ids["SL-ZY-2027"],
        payer_unit_code=counter.unit_code,
        amount="285.00",
        method="transfer",
        paid_on=TODAY,
        today=TODAY,
        bank_reference="BOC2026112900017",
    )
    gone = record_payment(
        db,
        counter.clerk,
        enrollment_ids=counter.other_ids,
        payer_unit_code=counter.other_unit_code,
        amount="190.00",
        method="cash",
        paid_on=TODAY,
        today=TODAY,
    )
    void_receipt(db, counter.supervisor, gone.serial, "单位重复缴费，款已退回", today=TODAY)
    day = cash_up(db, counter.clerk, TODAY)
    text = "".join("".join(page_texts(render_cash_up(day, tmp_path / "voids.pdf"))).split())
    assert "作废收据明细" in text
    assert "单位重复缴费，款已退回" in text and "赵主管" in text
    assert f"{day.voided[0].voided_at:%m-%d%H:%M}" in text
    assert "BOC2026112900017" in text and kept.serial in text


def test_long_void_reasons_bank_references_and_amounts_over_a_hundred_million_fit(db, tmp_path):
    """Amounts of ¥123,456,789.00 ran out of their cell; long void reasons (500 characters), the
    voiders' names (64) and bank references (64) are printed whole, nothing over other text."""
    from dataclasses import replace

    counter = make_counter(db, members=3)
    record_payment(
        db,
        counter.clerk,
        enrollment_ids=counter.enrollment_ids["SL-ZY-2027"],
        payer_unit_code=counter.unit_code,
        amount="285.00",
        method="cash",
        paid_on=TODAY,
        today=TODAY,
    )
    day = cash_up(db, counter.clerk, TODAY)
    marks = "甲乙丙丁戊己庚辛壬癸"
    receipts = tuple(
        replace(
            day.receipts[0],
            serial=f"SJ2026-{i:06d}",
            amount=Decimal("123456789.00"),
            payer_name=long("商洛市商州区城关街道办事处某某建筑工程有限责任公司工会委员会", 126) + marks[i],
            method="transfer",
            bank_reference=long("6217000123456789", 63) + str(i),
            replaces_serial=f"SJ2026-{i + 100:06d}",
            voided=i % 2 == 0,
            void_reason=long("缴款单位名称与银行回单不一致，退回重开。", 499) + marks[i] if i % 2 == 0 else None,
            voided_by=long("欧阳", 63) + marks[i] if i % 2 == 0 else None,
            voided_at=datetime(2026, 11, 29, 16, i) if i % 2 == 0 else None,
        )
        for i in range(1, 7)
    )
    paper = replace(day, receipts=receipts)
    path = render_cash_up(paper, tmp_path / "long-voids.pdf")
    values = ["123,456,789.00", "370,370,367.00"]
    for r in receipts:
        values += [r.payer_name, r.bank_reference]
        if r.voided:
            values += [r.void_reason, r.voided_by]
    assert_printed_whole(path, values, "互助保障金缴费日结单（续）")
