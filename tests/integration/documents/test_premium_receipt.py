"""The premium receipt PDF, made from a real payment and read back."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from mutualaid_desktop.documents.premium_receipt import render_receipt
from mutualaid_desktop.services.enrollment.payments import due_for, record_payment, reprint_receipt, void_receipt
from mutualaid_desktop.services.session import open_counter_database
from tests.integration.documents.pdf_text import assert_printed_whole, long, page_texts
from tests.integration.services.payments_data import make_counter

TODAY = date(2026, 11, 29)


@pytest.fixture
def db(tmp_path):
    database = open_counter_database(tmp_path / "counter" / "mutualaid.sqlite3")
    yield database
    database.dispose()


def text_of(path) -> str:
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    return reader.pages[0].extract_text()


def paid(db, members=19):
    counter = make_counter(db, members=members)
    ids = counter.enrollment_ids["SL-ZY-2027"]
    due = due_for(db, enrollment_ids=ids)
    result = record_payment(
        db,
        counter.clerk,
        enrollment_ids=ids,
        payer_unit_code=counter.unit_code,
        amount=due.total,
        method="transfer",
        paid_on=TODAY,
        today=TODAY,
    )
    return counter, result


def test_receipt_has_serial_payer_amount_in_words_and_both_parts(db, tmp_path):
    _counter, result = paid(db)
    path = render_receipt(result.paper, tmp_path / "receipt.pdf")
    text = text_of(path)
    assert text.count("互助保障金缴费收据") == 2  # the receipt and its counterfoil
    assert text.count("SJ2026-000001") == 2
    assert "人民币壹仟捌佰零伍元整" in text
    assert "¥1,805.00" in text
    assert "商州区第一中学工会" in text and "611002-0001" in text
    assert "商洛市职工住院医疗互助保障（2027年度）" in text
    assert "2027.01.01—2027.12.31" in text
    assert "19" in text and "张经办" in text and "2026年11月29日" in text
    assert "收款单位（盖章）" in text and "转账" in text
    assert "作废" not in text and "补打" not in text
    fonts = PdfReader(path).pages[0]["/Resources"]["/Font"]
    assert any("WenQuanYi" in str(f.get_object()["/BaseFont"]) for f in fonts.values())


def test_voided_reprint_carries_both_marks(db, tmp_path):
    counter, result = paid(db, members=3)
    void_receipt(db, counter.clerk, result.serial, "金额录错")
    copy = reprint_receipt(db, counter.clerk, result.serial)
    text = text_of(render_receipt(copy.paper, tmp_path / "voided.pdf"))
    assert "作废" in text and "金额录错" in text
    assert "补打" in text and "第1次补打" in text
    assert "人民币贰佰捌拾伍元整" in text


def test_member_paying_for_himself_shows_a_masked_id_number(db, tmp_path):
    counter = make_counter(db, members=1)
    result = record_payment(
        db,
        counter.clerk,
        enrollment_ids=[counter.loner_id],
        payer_member_id=counter.loner_member_id,
        amount="95",
        method="wechat",
        paid_on=TODAY,
        today=TODAY,
    )
    text = text_of(render_receipt(result.paper, tmp_path / "member.pdf"))
    assert "缴款人" in text and "********" in text and "人民币玖拾伍元整" in text


def test_the_longest_values_are_printed_whole_each_part_on_its_own_page_when_half_a_sheet_is_too_small(db, tmp_path):
    """The organisation, the paying unit and the plans (128 characters), the unit code (32), the
    clerk (64) and a void reason of 500 characters on several lines: the organisation ran off
    both sides of the page, the unit's and the plans' names were shrunk to 6.5 pt and still ran
    over 单位编码, 人数 and the next cells, the code over the vertical 收据联 label, the clerk over
    复核 and off the page, the void reason was shrunk to 6.5 pt and ran off the left of the page.
    They wrap now; as the receipt no longer fits half a sheet, the receipt and its counterfoil go
    on a page each."""
    from dataclasses import replace

    counter, result = paid(db, members=3)
    void_receipt(db, counter.clerk, result.serial, "金额录错")
    paper = reprint_receipt(db, counter.clerk, result.serial).paper
    marks = "甲乙丙丁戊"
    lines = tuple(
        replace(
            paper.lines[0],
            plan_name=long("商洛市职工住院医疗互助保障（2027年度）", 127) + marks[k],
            people=9999,
            shares=9999,
            amount=Decimal("9999999.99"),
        )
        for k in range(4)
    )
    reason = long("金额录错，已按单位名单重新收款。", 240) + "\n" + long("原收据作废，重新开具。", 259)
    long_paper = replace(
        paper,
        org_name=long("商洛市总工会职工服务中心", 128),
        payer_name=long("商州区第一中学工会", 128),
        payer_code=long("611002-0001", 32),
        lines=lines,
        amount=Decimal("39999999.96"),
        clerk_name=long("欧阳", 64),
        void_reason=reason,
    )
    path = render_receipt(long_paper, tmp_path / "long.pdf")
    values = [
        long_paper.org_name,
        long_paper.payer_name,
        long_paper.payer_code,
        *(line.plan_name for line in lines),
        long_paper.clerk_name,
        reason,
        "9,999,999.99",
        "¥39,999,999.96",
    ]
    assert_printed_whole(path, values)
    pages = page_texts(path)
    assert len(pages) == 2 and "收据联" in "".join(pages[0].split()) and "存根联" in "".join(pages[1].split())
    for page in pages:
        assert all(text in "".join(page.split()) for text in ("互助保障金缴费收据", "收款单位（盖章）", "作废", "补打"))


def test_a_replacing_transfer_receipt_names_the_voided_receipt_and_the_bank_reference(db, tmp_path):
    counter, first = paid(db, members=3)
    void_receipt(db, counter.supervisor, first.serial, "金额录错")
    ids = counter.enrollment_ids["SL-ZY-2027"]
    again = record_payment(
        db,
        counter.clerk,
        enrollment_ids=ids,
        payer_unit_code=counter.unit_code,
        amount="285",
        method="transfer",
        paid_on=TODAY,
        today=TODAY,
        bank_reference="BOC2026112900017",
    )
    text = "".join(text_of(render_receipt(again.paper, tmp_path / "again.pdf")).split())
    assert text.count(f"本收据替代第{first.serial}号收据（已作废）") == 2  # the receipt and its counterfoil
    assert text.count("银行流水号：BOC2026112900017") == 2


def test_the_longest_unit_name_bank_reference_and_replace_line_print_whole(db, tmp_path):
    """A unit name of 128 characters, a bank reference of 64 and the line naming the receipt it
    replaces, on a receipt that was voided in its turn with a long reason: all whole, nothing over
    other text, the receipt and its counterfoil each whole."""
    from dataclasses import replace

    _counter, result = paid(db, members=3)
    paper = replace(
        result.paper,
        payer_name=long("商洛市商州区城关街道办事处某某建筑工程有限责任公司工会委员会", 128),
        bank_reference=long("6217000123456789", 64),
        replaces_serial="SJ2026-123456",
        voided=True,
        voided_on=TODAY,
        void_reason=long("缴款单位名称与银行回单不一致，退回重开。", 300),
        amount=Decimal("123456789.00"),
    )
    path = render_receipt(paper, tmp_path / "long-transfer.pdf")
    assert_printed_whole(
        path,
        [
            paper.payer_name,
            paper.bank_reference,
            "本收据替代第 SJ2026-123456 号收据（已作废）",
            paper.void_reason,
            "¥123,456,789.00",
        ],
    )
