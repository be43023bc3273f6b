"""理赔材料告知单 read back with pypdf: one page, the plan's materials, the deadline, the counter."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pypdf import PdfReader

from mutualaid_desktop.documents.claim_documents_notice import (
    TITLE,
    ClaimDocumentsNotice,
    NoticeMaterial,
    render_claim_documents_notice,
)
from tests.integration.documents.pdf_text import assert_printed_whole, long, page_texts


def notice(**kw) -> ClaimDocumentsNotice:
    values = dict(
        org_name="商洛市总工会",
        plan_code="SL-ZY-2027",
        plan_name="商洛市职工住院医疗互助保障（2027年度）",
        kind="reimbursement",
        period_start=date(2027, 1, 1),
        period_end=date(2027, 12, 31),
        materials=(
            NoticeMaterial("身份证复印件"),
            NoticeMaterial("出院小结"),
            NoticeMaterial("住院发票原件"),
            NoticeMaterial("医保结算单"),
            NoticeMaterial("银行卡复印件"),
            NoticeMaterial("费用明细清单", False),
        ),
        deadline_days=730,
        waiting_days=90,
        min_hospital_grade=0,
        diseases=(),
        premium_per_share=Decimal("95.00"),
        address="商洛市商州区北新街36号市总工会一楼职工服务大厅",
        phone="0914-2313456",
        hours="周一至周五 8:30—12:00，14:30—17:30",
        printed_on=date(2026, 11, 29),
    )
    values.update(kw)
    return ClaimDocumentsNotice(**values)


def text_of(path) -> list[str]:
    return [p.extract_text() for p in PdfReader(str(path)).pages]


def test_reimbursement_notice(tmp_path):
    pages = text_of(render_claim_documents_notice(notice(), tmp_path / "n.pdf"))
    assert len(pages) == 1
    text = pages[0].replace(" ", "")
    for expected in (
        "职工互助保障理赔材料告知单",
        "商洛市职工住院医疗互助保障（2027年度）",
        "1.身份证复印件",
        "6.费用明细清单（如有请一并提供）",
        "自出院之日起730日内（两年）",
        "90日观察期",
        "北新街36号",
        "0914-2313456",
        "8:30—12:00",
        "扫码拨打咨询电话",
    ):
        assert expected in text, expected


def test_lump_sum_notice_lists_diseases_and_counts_from_diagnosis(tmp_path):
    n = notice(
        kind="lump_sum",
        diseases=("恶性肿瘤", "急性心肌梗塞"),
        min_hospital_grade=2,
        materials=(NoticeMaterial("诊断证明书"), NoticeMaterial("病理报告", True, ("恶性肿瘤", "原位癌"))),
    )
    text = text_of(render_claim_documents_notice(n, tmp_path / "n.pdf"))[0].replace(" ", "")
    assert "恶性肿瘤、急性心肌梗塞" in text and "二级及以上医院" in text
    assert "自确诊之日起730日内" in text and "病理报告（恶性肿瘤、原位癌须提供）" in text


def test_qr_code_carries_the_phone():
    assert notice().qr_value == "tel:09142313456"
    assert notice(phone="").qr_value == ""


def test_a_long_list_still_fits_one_page(tmp_path):
    many = tuple(NoticeMaterial(f"材料第{k}项，请带原件和复印件各一份") for k in range(1, 13))
    pages = text_of(
        render_claim_documents_notice(notice(materials=many, address="很长的地址" * 12), tmp_path / "n.pdf")
    )
    assert len(pages) == 1


def test_the_longest_values_go_on_to_a_second_page_whole(tmp_path):
    """The organisation and the plan (128 characters), 30 materials of 64 characters (the most a
    plan may list), some needed only for two diagnoses of 64, 28 diseases, the counter's address
    (256), phone (64) and hours (128): the organisation's and the plan's lines ran off both sides
    of the page, the materials ran off its foot and over the footer, sections 二 and 三 were drawn
    below the page, and the address and hours were cut after two lines. Now everything wraps and
    goes on to a second page (with its 续 heading); the counter's box stays whole on one page."""
    marks = "甲乙丙丁戊己庚辛壬癸"
    materials = tuple(
        NoticeMaterial(
            long("住院病案首页复印件加盖医院公章", 62) + marks[k // 10] + marks[k % 10],
            k % 3 != 0,
            (long("恶性肿瘤", 64), long("原位癌", 64)) if k % 5 == 0 else (),
        )
        for k in range(30)
    )
    diseases = tuple(long("重大器官移植术或造血干细胞移植术", 14) + marks[k // 10] + marks[k % 10] for k in range(28))
    n = notice(
        kind="lump_sum",
        org_name=long("商洛市总工会职工服务中心", 128),
        plan_name=long("商洛市职工住院医疗互助保障（2027年度）", 128),
        materials=materials,
        diseases=diseases,
        min_hospital_grade=2,
        address=long("商州区北新街1号职工服务中心一楼", 256),
        phone=long("0914-2312345转", 64),
        hours=long("周一至周五 8:30-12:00，14:30-17:30", 128),
    )
    path = render_claim_documents_notice(n, tmp_path / "long.pdf")
    going_on = (f"{TITLE}（续）", "此告知单供医院入院处放置、张贴，住院职工可自行取阅。", f"{n.org_name}  2026年11月印")
    assert_printed_whole(
        path,
        [n.org_name, n.plan_name, *(m.label for m in materials), "、".join(diseases), n.address, n.phone, n.hours],
        *going_on,
    )
    pages = page_texts(path)
    assert len(pages) > 1 and all(f"{TITLE}（续）" in page for page in pages[1:])
    assert all("此告知单供医院入院处放置" in page for page in pages)
    assert "扫码拨打咨询电话" in pages[-1] and "办公时间" in pages[-1]
