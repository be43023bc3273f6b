"""The acceptance receipt (受理回执) PDF, made from a real intake and read back."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from mutualaid_desktop.documents.acceptance_receipt import render_acceptance_receipt
from mutualaid_desktop.services.admin.counter_setup import CounterInfo, set_counter_info
from mutualaid_desktop.services.claims.claims_intake import (
    BankAccount,
    Stay,
    acceptance_receipt,
    complete_papers,
    save_claim,
)
from mutualaid_desktop.services.session import open_counter_database
from tests.integration.documents.pdf_text import assert_printed_whole, long, page_texts, smallest_text
from tests.integration.services.intake_data import ALL_PAPERS, SL27, TODAY, ZB27, make_claims_counter


@pytest.fixture
def db(tmp_path):
    database = open_counter_database(tmp_path / "counter" / "mutualaid.sqlite3")
    yield database
    database.dispose()


@pytest.fixture
def cc(db):
    counter = make_claims_counter(db)
    set_counter_info(
        db,
        counter.admin,
        CounterInfo(
            "商洛市总工会", "商州区北新街1号职工服务中心一楼", "0914-2312345", "周一至周五 8:30-12:00，14:30-17:30"
        ),
    )
    return counter


def text_of(path) -> str:
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    page = reader.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width), round(height)) == (595, 420)  # A5 landscape: half an A4 sheet
    return page.extract_text()


def intake(db, cc, papers, account=True):
    stay = Stay(
        admission_date=date(2027, 5, 3),
        discharge_date=date(2027, 5, 10),
        hospital_id=cc.hospital_id,
        diagnosis="社区获得性肺炎",
        invoice_number="61000012345",
        total_cost="12000.00",
        fund_paid="9000.00",
        in_scope_self_pay="2500.00",
        out_of_scope_self_pay="500.00",
    )
    bank = BankAccount("中国农业银行商洛分行", "张伟", "6228480012345678901") if account else None
    return save_claim(
        db,
        cc.clerk,
        member_id=cc.members["zhang"][0],
        enrollment_id=cc.covers[("zhang", SL27)],
        stay=stay,
        papers=papers,
        bank=bank,
        today=TODAY,
    )


def test_complete_claim_receipt(db, cc, tmp_path):
    saved = intake(db, cc, ("身份证复印件", "出院小结", "住院发票原件", "医保结算单", "银行卡复印件"))
    text = text_of(render_acceptance_receipt(saved.receipt, tmp_path / "r.pdf"))
    number = cc.members["zhang"][1]
    assert "理赔受理回执" in text and "C01-2027-000001" in text and "商洛市总工会" in text
    assert "张伟" in text and number[:6] + "********" + number[-4:] in text and number not in text
    assert "商州区第一中学工会" in text and "商洛市中心医院（三级）" in text and "社区获得性肺炎" in text
    assert "2027年5月3日" in text and "2027年5月10日" in text and "¥12,000.00" in text and "¥2,500.00" in text
    assert "1,750.00" in text and "人民币壹仟柒佰伍拾元整" in text
    assert "已收材料：身份证复印件、出院小结、住院发票原件、医保结算单、银行卡复印件" in text
    assert "材料已齐全" in text and "2027年7月6日" in text and "15 个工作日" in text
    assert "0914-2312345" in text and "北新街1号" in text and "8:30" in text and "张经办" in text
    assert "尾号8901" in text and "6228480012345678901" not in text
    assert "尚缺" not in text and "补打" not in text


def test_incomplete_claim_receipt_lists_what_is_missing_and_by_when(db, cc, tmp_path):
    saved = intake(db, cc, ("身份证复印件", "出院小结", "住院发票原件"), account=False)
    text = text_of(render_acceptance_receipt(saved.receipt, tmp_path / "r.pdf"))
    assert "尚缺材料：医保结算单、银行卡复印件、收款银行账户" in text
    assert "2027年7月15日 前" in text and "材料补齐后" in text and "待补材料" in text
    assert "未提供" in text
    done = complete_papers(
        db,
        cc.clerk,
        saved.claim_number,
        ["医保结算单", "银行卡复印件"],
        bank=BankAccount("中国农业银行商洛分行", "张伟", "6228480012345678901"),
        today=date(2027, 6, 21),
    )
    text = text_of(render_acceptance_receipt(done.receipt, tmp_path / "r2.pdf"))
    assert "补交材料后换发" in text and "材料已齐全" in text and "尚缺" not in text
    again = acceptance_receipt(db, saved.claim_number)
    assert again.reissued and again.status_label == "待审核"


def test_lump_sum_and_ineligible_receipt(db, cc, tmp_path):
    saved = save_claim(
        db,
        cc.clerk,
        member_id=cc.members["zhao"][0],
        enrollment_id=cc.covers[("zhao", ZB27)],
        stay=Stay(hospital_id=cc.small_hospital_id, diagnosis="恶性肿瘤", diagnosis_date=date(2027, 5, 20)),
        papers=("身份证复印件", "诊断证明书", "病理报告", "出院小结", "银行卡复印件"),
        bank=BankAccount("中国银行", "赵敏", "6216600012345678"),
        today=TODAY,
    )
    text = text_of(render_acceptance_receipt(saved.receipt, tmp_path / "r.pdf"))
    assert "确诊疾病" in text and "恶性肿瘤" in text and "2027年5月20日" in text
    assert "不符合给付条件" in text and "医院的等级低于本计划的要求" in text


def test_every_paper_brought_late_is_listed_in_print_a_member_can_read(db, cc, tmp_path):
    """Seen on the counter: with five papers brought later, each with its date, the line 已收材料 was
    shrunk to 6 pt to fit one line. Long lines wrap instead; nothing is printed below 7.5 pt."""
    saved = intake(db, cc, (), account=False)
    text = text_of(render_acceptance_receipt(saved.receipt, tmp_path / "r.pdf"))
    assert "尚缺材料：" in text
    assert smallest_text(tmp_path / "r.pdf")[0] >= 7.5
    everything = list(ALL_PAPERS)
    done = complete_papers(
        db,
        cc.clerk,
        saved.claim_number,
        everything,
        bank=BankAccount("中国农业银行商洛分行", "张伟", "6228480012345678901"),
        today=date(2027, 6, 21),
    )
    path = render_acceptance_receipt(done.receipt, tmp_path / "r2.pdf")
    text = text_of(path)
    size, smallest = smallest_text(path)
    assert size >= 7.5, smallest
    flat = text.replace("\n", "")
    for name in everything:
        assert f"{name}（2027-06-21 补交）" in flat
    assert "材料已齐全" in text


def test_the_longest_names_are_printed_whole_and_a_long_list_of_papers_goes_on_a_second_page(db, cc, tmp_path):
    """Names as long as their columns allow (128 characters for a unit, a hospital, a plan, a
    diagnosis; 64 for a person) wrap in their cells instead of running over the next one; 30 papers
    of 64 characters (the most a plan may list) go on to a second page, the signature lines last."""
    from dataclasses import replace

    saved = intake(db, cc, ALL_PAPERS)
    long = {
        "unit_name": ("商州区第一中学工会" * 20)[:128],
        "hospital": ("商洛市中心医院（三级）" * 20)[:128],
        "plan_name": ("商洛市职工住院医疗互助保障（2027年度）" * 10)[:128],
        "diagnosis": ("社区获得性肺炎" * 30)[:128],
        "member_name": ("欧阳" * 40)[:64],
    }
    papers = tuple(("住院病案首页复印件加盖医院公章" * 5)[:62] + f"{i:02d}" for i in range(30))
    paper = replace(
        saved.receipt,
        **long,
        papers_received=papers[:15],
        papers_missing=papers[15:],
        decision_by=None,
        papers_due=date(2027, 7, 15),
    )
    reader = PdfReader(render_acceptance_receipt(paper, tmp_path / "long.pdf"))
    assert len(reader.pages) > 1
    going_on = f"理赔受理回执（续）\u3000受理编号 {paper.claim_number}"
    flat = "".join(page.extract_text() for page in reader.pages).replace("\n", "").replace(going_on, "")
    for text in (*long.values(), *papers):
        assert text in flat
    assert "理赔受理回执（续）" in reader.pages[1].extract_text()
    assert (
        "受理单位（盖章）" in reader.pages[-1].extract_text()
        and "受理单位（盖章）" not in reader.pages[0].extract_text()
    )


def test_the_longest_counter_details_and_clerk_are_printed_whole(db, cc, tmp_path):
    """The organisation (128 characters), the counter's address (256), phone (64) and hours (128),
    and the clerk's name (64) at their longest: the organisation ran off both sides of the page,
    the counter's line was shrunk to 6 pt and still ran off it, and the clerk's name ran over
    受理单位（盖章）. They wrap; nothing is below 7.5 pt; the signature line stays last."""
    from dataclasses import replace

    saved = intake(db, cc, ALL_PAPERS)
    values = {
        "org_name": long("商洛市总工会职工服务中心", 128),
        "counter_address": long("商州区北新街1号职工服务中心一楼", 256),
        "counter_phone": long("0914-2312345转", 64),
        "counter_hours": long("周一至周五 8:30-12:00，14:30-17:30", 128),
        "clerk_name": long("欧阳", 64),
    }
    paper = replace(saved.receipt, **values)
    path = render_acceptance_receipt(paper, tmp_path / "long.pdf")
    assert_printed_whole(path, values.values(), f"理赔受理回执（续）\u3000受理编号 {paper.claim_number}")
    assert "受理单位（盖章）" in page_texts(path)[-1]
