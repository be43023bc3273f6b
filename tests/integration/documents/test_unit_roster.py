"""The unit roster PDF (参保名单): 20 rows a page, page x of y, every member, masked ID numbers."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pypdf import PdfReader

from mutualaid_desktop.documents.unit_roster import render_unit_roster
from mutualaid_desktop.services.enrollment.payments import due_for, record_payment, unit_roster
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import Member
from tests.integration.documents.pdf_text import assert_printed_whole, long, page_texts
from tests.integration.services.payments_data import make_counter

TODAY = date(2026, 11, 29)


@pytest.fixture
def db(tmp_path):
    database = open_counter_database(tmp_path / "counter" / "mutualaid.sqlite3")
    yield database
    database.dispose()


def test_roster_of_45_members_is_3_pages_with_every_name(db, tmp_path):
    counter = make_counter(db, members=45)
    ids = counter.enrollment_ids["SL-ZY-2027"]
    result = record_payment(
        db,
        counter.clerk,
        enrollment_ids=ids,
        payer_unit_code=counter.unit_code,
        amount=due_for(db, enrollment_ids=ids).total,
        method="cash",
        paid_on=TODAY,
        today=TODAY,
    )
    printed = unit_roster(db, counter.clerk, result.serial)
    path = render_unit_roster(printed.paper, tmp_path / "roster.pdf")
    reader = PdfReader(path)
    assert len(reader.pages) == 3
    texts = [page.extract_text() for page in reader.pages]
    for number, text in enumerate(texts, start=1):
        assert f"第 {number} 页 共 3 页" in text
        assert "单位工会主席签字" in text and "经办人签字" in text and "日期" in text
        assert "商州区第一中学工会" in text and "参保人数：45 人" in text and "¥4,275.00" in text
        assert "SJ2026-000001" in text
    everything = "\n".join(texts)
    for name in counter.names:
        assert name in everything, name
    with UnitOfWork(db, read_only=True) as uow:
        numbers = [m.id_number for m in uow.session.query(Member).all()]
    for number in numbers:
        assert number not in everything  # never the full ID number on a paper for the unit
    masked = re.findall(r"\d{6}\*{8}\d{3}[\dX]", everything)
    assert len(masked) == 45
    # rows 1-20 on page 1, 21-40 on page 2, 41-45 on page 3
    assert "补打" not in everything
    assert "（以下空白）" in texts[2] and "（以下空白）" not in texts[0]


def test_roster_reprint_is_marked(db, tmp_path):
    counter = make_counter(db, members=2)
    ids = counter.enrollment_ids["SL-ZY-2027"]
    result = record_payment(
        db,
        counter.clerk,
        enrollment_ids=ids,
        payer_unit_code=counter.unit_code,
        amount="190.00",
        method="cash",
        paid_on=TODAY,
        today=TODAY,
    )
    unit_roster(db, counter.clerk, result.serial)
    again = unit_roster(db, counter.clerk, result.serial)
    text = PdfReader(render_unit_roster(again.paper, tmp_path / "r.pdf")).pages[0].extract_text()
    assert "补打" in text and "第 1 页 共 1 页" in text


def long_names(n: int) -> list[str]:
    """`n` different names as long as a member's name may be (64 characters)."""
    marks = "甲乙丙丁戊己庚辛壬癸"
    return [long("欧阳", 62) + marks[i // 10 % 10] + marks[i % 10] for i in range(n)]


def test_the_longest_names_wrap_in_their_cells_and_the_rows_go_on_to_more_pages(db, tmp_path):
    """A unit (128 characters), a plan (128), the organisation (128), a unit code (32) and members'
    names (64) at their longest: the names were shrunk to 6.5 pt and still ran over the 序号, 性别
    and 身份证号 cells; the unit's and the plan's names ran over 单位编码 and 收据号 and off the page.
    They wrap now (the header and the rows growing, so fewer rows on a page); nothing is below
    7.5 pt; every page keeps its signature lines and 第 x 页 共 y 页."""
    from dataclasses import replace

    counter = make_counter(db, members=45)
    ids = counter.enrollment_ids["SL-ZY-2027"]
    result = record_payment(
        db,
        counter.clerk,
        enrollment_ids=ids,
        payer_unit_code=counter.unit_code,
        amount=due_for(db, enrollment_ids=ids).total,
        method="cash",
        paid_on=TODAY,
        today=TODAY,
    )
    paper = unit_roster(db, counter.clerk, result.serial).paper
    names = long_names(45)
    section = replace(
        paper.sections[0],
        plan_name=long("商洛市职工住院医疗互助保障（2027年度）", 128),
        rows=tuple(replace(r, name=name) for r, name in zip(paper.sections[0].rows, names, strict=False)),
    )
    values = {
        "org_name": long("商洛市总工会职工服务中心", 128),
        "unit_name": long("商州区第一中学工会", 128),
        "unit_code": long("611002-0001", 32),
    }
    paper = replace(paper, **values, sections=(section,), copy_number=1)
    path = render_unit_roster(paper, tmp_path / "long.pdf")
    assert_printed_whole(path, [*values.values(), section.plan_name, *names])
    texts = page_texts(path)
    assert len(texts) > 3
    for number, text in enumerate(texts, start=1):
        assert f"第 {number} 页 共 {len(texts)} 页" in text and "单位工会主席签字" in text and "补打" in text
