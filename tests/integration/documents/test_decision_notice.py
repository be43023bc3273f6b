"""给付通知书 / 不予给付通知书, made from real decisions and read back."""

from __future__ import annotations

from pypdf import PdfReader
import pytest

from mutualaid_desktop.documents.decision_notice import render_decision_notice
from mutualaid_desktop.services import claims_review as cr
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.repositories import SettingRepository
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
