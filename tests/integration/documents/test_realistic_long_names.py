"""A grassroots union's real name is long: "商洛市商州区……有限责任公司工会委员会", about 45 characters.
Every paper that holds a unit's name prints such a name whole, in its box (never over 单位编码 and the
code, never past the margin), at a legible size: on one line when it fits, else wrapped on two lines
before it is made smaller. Checked on the papers with the name; looked at as PNGs (pdftoppm)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from mutualaid_desktop.services.enrollment.payments import cash_up, due_for, record_payment, unit_roster
from mutualaid_desktop.services.session import open_counter_database
from tests.integration.documents.pdf_text import assert_printed_whole, page_texts, text_boxes
from tests.integration.services.payments_data import make_counter

TODAY = date(2026, 11, 29)
# 45 characters, as the unit's name is registered
UNIT_NAME = "商洛市商州区城关街道北新街社区陕西秦岭绿色建材科技发展集团有限责任公司第一分公司工会委员会"
UNIT_CODE = "611002-0031"


def name_print(path, value: str) -> tuple[int, float]:
    """How `value` is printed: (on how many lines, at the smallest size of its lines)."""
    parts = [
        (round(y1 - y0, 2), text)
        for page in text_boxes(path)
        for x0, y0, x1, y1, text in page
        if len(text) >= 4 and text in value
    ]
    assert "".join(text for _size, text in parts) == value, parts
    return len(parts), min(size for size, _text in parts)


def test_the_name_is_45_characters():
    assert len(UNIT_NAME) == 45 and UNIT_NAME.endswith("工会委员会")


@pytest.fixture
def paid(tmp_path):
    db = open_counter_database(tmp_path / "counter" / "mutualaid.sqlite3")
    counter = make_counter(db, members=19)
    ids = counter.enrollment_ids["SL-ZY-2027"]
    result = record_payment(
        db,
        counter.clerk,
        enrollment_ids=ids,
        payer_unit_code=counter.unit_code,
        amount=due_for(db, enrollment_ids=ids).total,
        method="transfer",
        paid_on=TODAY,
        today=TODAY,
    )
    yield db, counter, result
    db.dispose()


def test_the_unit_roster_prints_the_name_on_its_line_clear_of_the_code(paid, tmp_path):
    from mutualaid_desktop.documents.unit_roster import render_unit_roster

    db, counter, result = paid
    paper = replace(unit_roster(db, counter.clerk, result.serial).paper, unit_name=UNIT_NAME, unit_code=UNIT_CODE)
    path = render_unit_roster(paper, tmp_path / "roster.pdf")
    assert_printed_whole(path, [UNIT_NAME, UNIT_CODE])
    assert name_print(path, f"单位名称：{UNIT_NAME}") == (2, 10.5)
    assert len(page_texts(path)) == 1


def test_the_premium_receipt_prints_the_name_clear_of_the_code(paid, tmp_path):
    from mutualaid_desktop.documents.premium_receipt import render_receipt

    _db, _counter, result = paid
    paper = replace(result.paper, payer_name=UNIT_NAME, payer_code=UNIT_CODE)
    path = render_receipt(paper, tmp_path / "receipt.pdf")
    assert_printed_whole(path, [UNIT_NAME, UNIT_CODE])
    lines, size = name_print(path, UNIT_NAME + UNIT_NAME)  # the receipt and its counterfoil
    assert lines == 4 and size >= 9  # two lines each (at 9 pt; it was 8 pt, made smaller before it wrapped)
    assert len(page_texts(path)) == 1  # the receipt and its counterfoil still share the sheet


def test_the_cash_up_prints_the_name_in_its_cell(paid, tmp_path):
    from mutualaid_desktop.documents.cash_up import render_cash_up

    db, counter, _result = paid
    day = cash_up(db, counter.clerk, TODAY)
    paper = replace(day, receipts=tuple(replace(r, payer_name=UNIT_NAME) for r in day.receipts))
    path = render_cash_up(paper, tmp_path / "cashup.pdf")
    assert_printed_whole(path, [UNIT_NAME])
    lines, size = name_print(path, UNIT_NAME)
    assert size >= 8 and lines <= 3


def test_the_renewal_reminder_prints_the_name_on_two_lines_at_a_legible_size(tmp_path):
    from mutualaid_desktop.documents.renewal_reminder import ReminderCommon, ReminderRow, ReminderUnit, render_reminders
    from mutualaid_desktop.domain.idcard import make_id_number, mask_id_number

    common = ReminderCommon(
        org_name="商洛市总工会",
        plan_name="商洛市职工住院医疗互助保障（2027年度）",
        plan_code="SL-ZY-2027",
        premium_per_share=Decimal("95.00"),
        period_start=date(2027, 1, 1),
        period_end=date(2027, 12, 31),
        deadline=date(2026, 12, 31),
        payment_text="现金、转账、微信、支付宝",
        counter_address="商洛市商州区北新街36号",
        counter_phone="0914-2313456",
        counter_hours="周一至周五 8:30-17:30",
        issued_on=date(2026, 11, 29),
    )
    rows = tuple(
        ReminderRow(
            f"测试{i:03d}",
            "男",
            mask_id_number(make_id_number("611002", date(1980, 1, 1), i)),
            1,
            date(2026, 12, 31),
            Decimal("95.00"),
        )
        for i in range(5)
    )
    unit = ReminderUnit(UNIT_CODE, UNIT_NAME, "刘老师", "0914-2311111", "商州区总工会", rows, Decimal("475.00"), common)
    path = render_reminders([unit], tmp_path / "reminder.pdf", combined=True)[0]
    assert_printed_whole(path, [UNIT_NAME, UNIT_CODE])
    assert name_print(path, f"{UNIT_NAME}：") == (2, 10.5)
    assert len(page_texts(path)) == 1


def test_the_acceptance_receipt_prints_the_name_in_its_cell_on_two_lines(tmp_path):
    """理赔受理回执: the claimant's unit (所在单位), and a hospital's name of the same length."""
    from mutualaid_desktop.documents.acceptance_receipt import render_acceptance_receipt
    from tests.integration.documents.test_acceptance_receipt import ALL_PAPERS, intake
    from tests.integration.services.intake_data import make_claims_counter

    db = open_counter_database(tmp_path / "claims" / "mutualaid.sqlite3")
    try:
        saved = intake(db, make_claims_counter(db), ALL_PAPERS)
    finally:
        db.dispose()
    hospital = "商洛市商州区城关街道北新街社区卫生服务中心暨商洛国际医学中心附属第二医院（二级甲等）"
    paper = replace(saved.receipt, unit_name=UNIT_NAME, hospital=hospital)
    path = render_acceptance_receipt(paper, tmp_path / "receipt.pdf")
    assert_printed_whole(path, [UNIT_NAME, hospital])
    for value in (UNIT_NAME, hospital):
        lines, size = name_print(path, value)
        assert lines == 2 and size >= 8, (value, lines, size)
    assert len(page_texts(path)) == 1
