"""续保提示单 read back: every member on their unit's pages, masked IDs, the total in words, the page counts."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from pypdf import PdfReader

from mutualaid_desktop.documents.renewal_reminder import (
    ReminderCommon,
    ReminderRow,
    ReminderUnit,
    file_name,
    page_chunks,
    render_reminders,
)
from mutualaid_desktop.domain.idcard import make_id_number, mask_id_number
from mutualaid_desktop.domain.money import amount_in_words
from tests.integration.documents.pdf_text import assert_printed_whole, long, page_texts

COMMON = ReminderCommon(
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
)


def unit(code: str, name: str, n: int, offset: int = 0) -> ReminderUnit:
    rows = tuple(
        ReminderRow(
            f"测试{offset + i:03d}",
            "男",
            mask_id_number(make_id_number("611002", date(1980, 1, 1), offset + i)),
            1,
            date(2026, 12, 31),
            Decimal("95.00"),
        )
        for i in range(n)
    )
    return ReminderUnit(code, name, "刘老师", "0914-2311111", "商州区总工会", rows, Decimal("95.00") * n, COMMON)


def test_page_chunks():
    assert page_chunks(0) == [(0, 0)] and page_chunks(17) == [(0, 17)]
    assert page_chunks(18) == [(0, 17), (17, 18)]
    assert page_chunks(45) == [(0, 30), (30, 45)]
    chunks = page_chunks(1000)
    assert chunks[0][0] == 0 and chunks[-1][1] == 1000 and all(b - a <= 30 for a, b in chunks)


def test_combined_pdf(tmp_path):
    units = [unit("611002-0001", "商州区第一中学工会", 3), unit("611002-0002", "商州区人民医院工会", 45, 100)]
    done = []
    files = render_reminders(iter(units), tmp_path / "all.pdf", combined=True, progress=lambda n, u: done.append(n))
    assert files == [tmp_path / "all.pdf"] and done == [1, 2]
    pages = [p.extract_text() for p in PdfReader(str(files[0])).pages]
    assert len(pages) == 3
    assert "第 1 页 共 1 页" in pages[0] and "第 1 页 共 2 页" in pages[1] and "第 2 页 共 2 页" in pages[2]
    for u, texts in ((units[0], pages[:1]), (units[1], pages[1:])):
        text = "".join(texts)
        assert u.unit_name in texts[0] and "刘老师" in texts[0]
        for r in u.rows:
            assert r.name in text and r.id_number in text
        assert re.search(r"\d{6}\*{8}\d{3}[\dX]", text)
        assert amount_in_words(u.total_due) in texts[-1] and "4,275.00" in "".join(pages[1:])
    assert "2026年12月31日" in pages[0] and "0914-2313456" in pages[0] and "回执" in pages[0]
    assert "测试100" not in "".join(pages[:1])


def test_one_file_per_unit_and_cancel(tmp_path):
    units = [unit("611002-0001", "商州区第一中学工会", 3), unit("611002-0002", "商州区 人民医院/工会", 2, 10)]
    files = render_reminders(units, tmp_path / "out", combined=False)
    assert [f.name for f in files] == ["611002-0001商州区第一中学工会.pdf", file_name(units[1])]
    assert "/" not in file_name(units[1])
    assert "测试010" in PdfReader(str(files[1])).pages[0].extract_text()
    files = render_reminders(units, tmp_path / "out2", combined=False, cancelled=lambda: True)
    assert files == []


def test_the_longest_values_wrap_and_the_rows_go_on_to_more_pages(tmp_path):
    """Every text at its longest: the organisation, the plan, the unit and its county (128
    characters), the plan code (64), the unit code (32), the contact (64), the members' names (64),
    the payment text (60), the counter's address (256), phone (64) and hours (128), amounts of
    ¥10,000,000.00 a member. The names were shrunk to 6.5 pt and ran over 序号 and 性别, the
    unit's name over 单位编码 and off the page, the plan's line was shrunk below 5 pt and still ran
    off it, county, contact and phone ran over each other, the payment text and the counter line
    were shrunk to 7 pt and ran off the page. They wrap now; nothing is below 7.5 pt; the rows go on
    to as many pages as they need, the totals and the 回执 on the last one."""
    from dataclasses import replace

    marks = "甲乙丙丁戊己庚辛壬癸"
    common = replace(
        COMMON,
        org_name=long("商洛市总工会职工服务中心", 128),
        plan_name=long("商洛市职工住院医疗互助保障（2027年度）", 128),
        plan_code=long("SL-ZY-2027-", 64),
        premium_per_share=Decimal("100000.00"),
        payment_text=long("请携带本提示单到柜台缴费，可用现金、银行转账、微信或支付宝支付", 60),
        counter_address=long("商州区北新街1号职工服务中心一楼", 256),
        counter_phone=long("0914-2312345转", 64),
        counter_hours=long("周一至周五 8:30-12:00，14:30-17:30", 128),
        issued_on=date(2026, 11, 1),
    )
    base = unit("611002-0001", "商州区第一中学工会", 48)
    rows = tuple(
        replace(r, name=long("欧阳", 62) + marks[i // 10] + marks[i % 10], shares=100, due=Decimal("10000000.00"))
        for i, r in enumerate(base.rows)
    )
    u = replace(
        base,
        unit_code=long("611002-0001", 32),
        unit_name=long("商州区第一中学工会", 128),
        contact_person=long("刘", 64),
        phone=long("0914-2311111", 32),
        county_name=long("商州区总工会", 128),
        rows=rows,
        total_due=Decimal("10000000.00") * 48,
        common=common,
        notice_number=3,
    )
    path = render_reminders([u], tmp_path / "long.pdf", combined=True)[0]
    values = [
        common.org_name,
        common.plan_name,
        common.plan_code,
        common.payment_text,
        common.counter_address,
        common.counter_phone,
        common.counter_hours,
        u.unit_code,
        u.unit_name,
        u.contact_person,
        u.phone,
        u.county_name,
        *(r.name for r in rows),
        "¥10,000,000.00",
        "¥480,000,000.00",
    ]
    assert_printed_whole(path, values)
    pages = page_texts(path)
    assert len(pages) > 3
    assert all(f"第 {i} 页 共 {len(pages)} 页" in page for i, page in enumerate(pages, start=1))
    assert "续保提示单回执" in pages[-1] and not any("续保提示单回执" in page for page in pages[:-1])
