"""给付通知书 / 不予给付通知书, made from real decisions and read back."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from pypdf import PdfReader

from mutualaid_desktop.documents.decision_notice import render_decision_notice
from mutualaid_desktop.services.claims import claims_review as cr
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.repositories import SettingRepository
from tests.integration.documents.pdf_text import assert_printed_whole, long, missing, page_texts
from tests.integration.services.review_data import ClaimSpec, add_claims, review_counter


@pytest.fixture
def db(tmp_path):
    database = open_counter_database(tmp_path / "counter" / "mutualaid.sqlite3")
    yield database
    database.dispose()


def text_of(path) -> str:
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    return "".join(reader.pages[0].extract_text().split())


def settings(db, **values) -> None:
    with UnitOfWork(db) as uow:
        for key, value in values.items():
            SettingRepository(uow.session).put(key, value)
        uow.commit()


def test_approval_notice_has_lines_amount_in_words_and_masked_numbers(db, tmp_path):
    counter = review_counter(db)
    settings(db, counter_phone="0914-2312345", counter_address="商州区北新街1号")
    number = add_claims(db, counter, [ClaimSpec(in_scope="2018.15")])[0]  # 70 % = 1412.705 -> 1412.71
    cr.approve(db, counter.reviewer, number)
    printed = cr.print_decision_notice(db, counter.reviewer, number)
    text = text_of(render_decision_notice(printed.notice, tmp_path / "approve.pdf"))
    assert "理赔给付通知书" in text
    assert number in text
    assert counter.names[0] in text
    notice = printed.notice
    assert notice.id_number_masked in text and "********" in notice.id_number_masked
    # the computation, line by line
    assert "政策范围内个人自付" in text and "2018.15元×70%" in text and "1412.705" in text
    assert "四舍五入到分" in text
    assert "1,412.71" in text
    assert "人民币壹仟肆佰壹拾贰元柒角壹分" in text
    assert "商洛市中心医院" in text
    assert "6228****" in text and "9012" in text and "6228480123456789012" not in text
    assert "0914-2312345" in text
    assert "盖章" in text and "钱审核" in text
    assert "核减说明" not in text


def test_approval_at_a_lower_amount_gives_the_reason(db, tmp_path):
    counter = review_counter(db)
    number = add_claims(db, counter, [ClaimSpec()])[0]
    cr.approve(db, counter.reviewer, number, amount="1200.00", reason="部分费用为院外购药")
    notice = cr.decision_notice(db, number)
    text = text_of(render_decision_notice(notice, tmp_path / "lower.pdf"))
    assert "核准给付金额" in text and "1,200.00" in text and "1,750.00" in text
    assert "人民币壹仟贰佰元整" in text
    assert "核减说明" in text and "部分费用为院外购药" in text


def test_refusal_notice_has_the_reasons_and_the_15_days(db, tmp_path):
    counter = review_counter(db)
    settings(db, counter_phone="0914-2312345", counter_address="商州区北新街1号", counter_hours="工作日 8:30-17:30")
    number = add_claims(db, counter, [ClaimSpec()])[0]
    cr.refuse(db, counter.reviewer, number, reason_code=["not_inpatient", "other"], text="所附发票为门诊发票")
    printed = cr.print_decision_notice(db, counter.reviewer, number)
    text = text_of(render_decision_notice(printed.notice, tmp_path / "refuse.pdf"))
    assert "不予给付通知书" in text and number in text
    assert "非住院费用：所报费用不属于住院医疗费用" in text
    assert "所附发票为门诊发票" in text
    assert "15日内" in text and "复核" in text
    assert "商州区北新街1号" in text and "0914-2312345" in text and "8:30-17:30" in text
    assert "人民币" not in text  # no amount on a refusal


def test_refusal_without_counter_settings_still_says_where_to_go(db, tmp_path):
    counter = review_counter(db)
    number = add_claims(db, counter, [ClaimSpec()])[0]
    cr.refuse(db, counter.reviewer, number, reason_code="false_papers")
    cr.print_decision_notice(db, counter.reviewer, number)
    again = cr.print_decision_notice(db, counter.reviewer, number)
    text = text_of(render_decision_notice(again.notice, tmp_path / "refuse2.pdf"))
    assert "服务窗口" in text and "15日内" in text
    assert "补打" in text


HEADINGS = ("一、申请情况", "二、给付金额计算", "三、给付方式", "二、申请复核")
# what every page carries: the foot, and on the pages a reprint goes on to its mark
GOING_ON = ("本通知书一式两份，申请人与服务中心各执一份；涂改无效。", "打印：2026-07-01 10:00", "补打（第3次补打）")


def longest(notice):
    """The notice with every text at its longest: the organisation, unit, plan, hospital and
    diagnosis (128 characters), the member, bank, account holder and reviewer (64), the invoice
    number (64), the counter's address (256), phone (64) and hours (128), a reason (500) and
    amounts of 9,999,999.99; a reprint."""
    from dataclasses import replace

    return replace(
        notice,
        org_name=long("商洛市总工会职工服务中心", 128),
        member_name=long("欧阳", 64),
        unit_name=long("商州区第一中学工会", 128),
        plan_name=long("商洛市职工住院医疗互助保障（2027年度）", 128),
        hospital_name=long("商洛市中心医院", 128),
        diagnosis=long("社区获得性肺炎", 128),
        invoice_number=long("61000012345", 64),
        bank_name=long("中国农业银行商洛分行", 64),
        account_holder=long("欧阳", 64),
        reviewer_name=long("钱审核", 64),
        counter_address=long("商州区北新街1号职工服务中心一楼", 256),
        counter_phone=long("0914-2312345转", 64),
        counter_hours=long("周一至周五 8:30-12:00，14:30-17:30", 128),
        total_cost=Decimal("9999999.99"),
        approved=Decimal("9999999.98") if notice.approved is not None else None,
        quoted=Decimal("9999999.99"),
        copy_number=3,
        printed_at=datetime(2026, 7, 1, 10, 0),
    )


def check_longest(notice, path) -> list[str]:
    """The long notice printed whole, nothing over anything, nothing below 7.5 pt, no section head
    left at the foot of a page; its pages' text."""
    values = [
        notice.org_name,
        notice.member_name,
        notice.unit_name,
        notice.plan_name,
        notice.hospital_name,
        notice.diagnosis,
        notice.invoice_number,
        notice.reviewer_name,
        notice.counter_address,
        notice.counter_phone,
        notice.org_name + "（盖章）",
    ]
    assert_printed_whole(path, values, *GOING_ON)
    pages = page_texts(path)
    for page in pages[:-1]:
        assert not page.rstrip().endswith(HEADINGS), page[-40:]
    assert "盖章处" in pages[-1] and "补打" in pages[0]
    return pages


def test_the_longest_values_of_an_approval_are_printed_whole(db, tmp_path):
    """Seen with the longest values: the 补打 box sat over the organisation's name on the first page
    and over the tables on the next ones; the organisation's name with （盖章） ran off the left of
    the page over 审核人, and its seal circle went off the page; 三、给付方式 was left alone at
    the foot of a page."""
    counter = review_counter(db)
    number = add_claims(db, counter, [ClaimSpec()])[0]
    cr.approve(db, counter.reviewer, number, amount="1200.00", reason=long("部分费用为院外购药，", 500))
    notice = longest(cr.decision_notice(db, number))
    path = render_decision_notice(notice, tmp_path / "approve.pdf")
    pages = check_longest(notice, path)
    assert len(pages) > 1
    assert (
        missing(path, [notice.bank_name, notice.account_holder, notice.lower_reason, "9,999,999.98"], *GOING_ON) == []
    )


def test_the_longest_values_of_a_refusal_are_printed_whole(db, tmp_path):
    """With many reasons and a long explanation, 一、申请情况 was left alone at the foot of the
    first page (its table's first row, long names in it, going on to the next)."""
    from dataclasses import replace

    from mutualaid_desktop.services.claims.review_common import REFUSAL_REASONS

    counter = review_counter(db)
    number = add_claims(db, counter, [ClaimSpec()])[0]
    cr.refuse(
        db, counter.reviewer, number, reason_code=["not_inpatient", "other"], text=long("所附发票为门诊发票。", 500)
    )
    notice = replace(longest(cr.decision_notice(db, number)), reasons=tuple(REFUSAL_REASONS.values()))  # every reason
    path = render_decision_notice(notice, tmp_path / "refuse.pdf")
    check_longest(notice, path)
    assert missing(path, [notice.reason_text, notice.counter_hours, *notice.reasons], *GOING_ON) == []
    for count in (8, 10, 12, 14):  # the first page filled to different depths
        fewer = replace(notice, reasons=notice.reasons[:count])
        pages = page_texts(render_decision_notice(fewer, tmp_path / f"refuse{count}.pdf"))
        assert not any(page.rstrip().endswith(HEADINGS) for page in pages[:-1]), count
