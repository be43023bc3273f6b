"""温馨提示 read back with pypdf: one page, the plan's sentences, the materials, the counter's address and phone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.services.admin.counter_setup import CounterInfo, set_counter_info
from mutualaid_desktop.services.admin.plans import add_plan
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import NotFound, PermissionDenied
from mutualaid_desktop.services.papers.leaflet import (
    DEFAULT_GREETING,
    LeafletTexts,
    get_leaflet_texts,
    member_leaflet,
    print_member_leaflet,
    set_leaflet_texts,
)
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import AuditRecord
from tests.integration.documents.pdf_text import assert_printed_whole, long, page_texts

PLANS = Path(__file__).resolve().parents[3] / "resources" / "plans"
ADMIN = UserInfo(id=None, username="admin1", display_name="管理员", role="admin")
CLERK = UserInfo(id=None, username="clerk1", display_name="柜员", role="clerk")


@pytest.fixture
def db(tmp_path):
    db = open_counter_database(tmp_path / "c.sqlite3")
    for name in ("shangluo-2027.toml", "critical-illness-2027.toml"):
        add_plan(db, (PLANS / name).read_text(encoding="utf-8"))
    set_counter_info(
        db, ADMIN, CounterInfo("商洛市总工会", "商洛市商州区北新街36号", "0914-2313456", "周一至周五 8:30—17:30")
    )
    yield db
    db.dispose()


def page_text(path) -> tuple[int, str]:
    pages = PdfReader(str(path)).pages
    return len(pages), "".join(p.extract_text() for p in pages).replace(" ", "").replace("\n", "")


def test_shangluo_leaflet(db, tmp_path):
    count, text = page_text(print_member_leaflet(db, "SL-ZY-2027", tmp_path / "l.pdf", today=date(2026, 11, 29)))
    assert count == 1
    for expected in (
        "温馨提示",
        "商洛市职工住院医疗互助保障（2027年度）",
        "缴费标准",
        "保障内容",
        "观察期",
        "如何申请",
        "申请期限",
        "服务柜台",
        "每人每年95元",
        "政策范围内个人自付部分按70%给付",
        "最低300元",
        "观察期90天",
        "到期后30天内续保",
        "自出院之日起730日内（两年）",
        "出院小结",
        "住院发票原件",
        "商洛市商州区北新街36号",
        "0914-2313456",
        "8:30—17:30",
        "尊敬的职工朋友",
    ):
        assert expected in text, expected


def test_critical_illness_leaflet(db, tmp_path):
    count, text = page_text(print_member_leaflet(db, "ZB-ZJ-2027", tmp_path / "l.pdf"))
    assert count == 1
    for expected in (
        "每份每年30元，每人最多参加3份",
        "二级及以上医院确诊",
        "A类疾病每份给付10000元",
        "恶性肿瘤",
        "B类疾病每份给付3000元",
        "原位癌",
        "自确诊之日起730日内",
        "诊断证明书",
        "0914-2313456",
    ):
        assert expected in text, expected


def test_texts_are_settings_edited_by_a_supervisor(db, tmp_path):
    assert get_leaflet_texts(db).greeting == DEFAULT_GREETING
    with pytest.raises(PermissionDenied):
        set_leaflet_texts(db, CLERK, LeafletTexts("你好", "页脚"))
    with pytest.raises(InputError, match="问候语最多 300 个字"):  # refused, not cut
        set_leaflet_texts(db, ADMIN, LeafletTexts("长" * 301, ""))
    saved = set_leaflet_texts(db, ADMIN, LeafletTexts("  各位会员：  您好！ ", ""))
    assert saved.greeting == "各位会员： 您好！" and saved.footer.startswith("本提示依据")  # empty: the default
    with UnitOfWork(db, read_only=True) as uow:
        row = uow.session.query(AuditRecord).filter_by(action="settings.leaflet_texts").one()
        assert row.username == "admin1"
    data = member_leaflet(db, "SL-ZY-2027")
    assert data.greeting == "各位会员： 您好！" and data.address == "商洛市商州区北新街36号"
    _, text = page_text(print_member_leaflet(db, "SL-ZY-2027", tmp_path / "l.pdf"))
    assert "各位会员：您好！" in text


def test_unknown_plan(db):
    with pytest.raises(NotFound) as caught:
        member_leaflet(db, "NOPE")
    assert "SL-ZY-2027" in caught.value.message


def test_a_counter_without_address_says_whom_to_ask(tmp_path):
    db = open_counter_database(tmp_path / "e.sqlite3")
    add_plan(db, (PLANS / "qinghe-2027.toml").read_text(encoding="utf-8"))
    _, text = page_text(print_member_leaflet(db, "QH-ZY-2027", tmp_path / "l.pdf"))
    db.dispose()
    assert "请向发放本提示的工会询问" in text and "住院5天及以上的，另按每天50元给付住院津贴" in text


def test_the_longest_values_go_on_to_a_second_page_whole(db, tmp_path):
    """A lump-sum plan whose name is as long as allowed (128 characters), with a code of 64 and 40
    diseases, the greeting (300) and footer (120) at their limits, 30 materials of 64 characters,
    the organisation (128) and the counter's address (256), phone (64) and hours (128): the
    organisation's, the plan's and the code's lines ran off both sides of the page, the text ran
    on over the footer and below the page, and the footer was cut after two lines. Now it all
    wraps and goes on to a second page (温馨提示（续）), each page with the footer."""
    from dataclasses import replace

    from mutualaid_desktop.documents.member_leaflet import render_member_leaflet

    source = (PLANS / "critical-illness-2027.toml").read_text(encoding="utf-8")
    head, _, _ = source.partition("[lump_sum.diseases]")
    code, name = long("ZB-ZJ-2027-", 64), long("职工重大疾病互助保障（2027年度）", 128)
    head = head.replace('code = "ZB-ZJ-2027"', f'code = "{code}"').replace(
        'name = "职工重大疾病互助保障（2027年度）"', f'name = "{name}"'
    )
    marks = "甲乙丙丁戊己庚辛壬癸"
    diseases = [long("重大器官移植术或造血干细胞移植术", 28) + marks[k // 10] + marks[k % 10] for k in range(40)]
    add_plan(db, head + "[lump_sum.diseases]\n" + "".join(f'"{d}" = "{"AB"[k % 2]}"\n' for k, d in enumerate(diseases)))
    materials = tuple(long("住院病案首页复印件加盖医院公章", 62) + marks[k // 10] + marks[k % 10] for k in range(30))
    data = replace(
        member_leaflet(db, code, today=date(2026, 11, 29)),
        org_name=long("商洛市总工会职工服务中心", 128),
        greeting=long("尊敬的职工朋友：感谢您参加职工互助保障。", 300),
        footer=long("本提示依据互助保障计划规则编写。", 120),
        materials=materials,
        address=long("商州区北新街1号职工服务中心一楼", 256),
        phone=long("0914-2312345转", 64),
        hours=long("周一至周五 8:30-12:00，14:30-17:30", 128),
    )
    path = render_member_leaflet(data, tmp_path / "long.pdf")
    going_on = ("温馨提示（续）", data.footer, f"{data.org_name}  2026年11月印")
    assert_printed_whole(
        path,
        [data.org_name, name, code, data.greeting, *diseases, *materials, data.address, data.phone, data.hours],
        *going_on,
    )
    pages = page_texts(path)
    assert len(pages) > 1 and all("温馨提示（续）" in page for page in pages[1:])
    assert all("".join(data.footer.split()) in "".join(page.split()) for page in pages)
