"""温馨提示 read back with pypdf: one page, the plan's sentences, the materials, the counter's address and phone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.services.counter_setup import CounterInfo, set_counter_info
from mutualaid_desktop.services.errors import NotFound, PermissionDenied
from mutualaid_desktop.services.leaflet import (
    DEFAULT_GREETING,
    LeafletTexts,
    get_leaflet_texts,
    member_leaflet,
    print_member_leaflet,
    set_leaflet_texts,
)
from mutualaid_desktop.services.plans import add_plan
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.services.users import UserInfo
from mutualaid_desktop.store.models import AuditRecord

PLANS = Path(__file__).resolve().parents[3] / "resources" / "plans"
ADMIN = UserInfo(id=None, username="admin1", display_name="管理员", role="admin")
CLERK = UserInfo(id=None, username="clerk1", display_name="柜员", role="clerk")


@pytest.fixture
def db(tmp_path):
    db = open_counter_database(tmp_path / "c.sqlite3")
    for name in ("shangluo-2027.toml", "critical-illness-2027.toml"):
        add_plan(db, (PLANS / name).read_text(encoding="utf-8"))
    set_counter_info(db, ADMIN, CounterInfo("商洛市总工会", "商洛市商州区北新街36号", "0914-2313456",
                                            "周一至周五 8:30—17:30"))
    yield db
    db.dispose()


def page_text(path) -> tuple[int, str]:
    pages = PdfReader(str(path)).pages
    return len(pages), "".join(p.extract_text() for p in pages).replace(" ", "").replace("\n", "")


def test_shangluo_leaflet(db, tmp_path):
    count, text = page_text(print_member_leaflet(db, "SL-ZY-2027", tmp_path / "l.pdf", today=date(2026, 11, 29)))
    assert count == 1
    for expected in ("温馨提示", "商洛市职工住院医疗互助保障（2027年度）", "缴费标准", "保障内容", "观察期", "如何申请",
                     "申请期限", "服务柜台", "每人每年95元", "政策范围内个人自付部分按70%给付", "最低300元",
                     "观察期90天", "到期后30天内续保", "自出院之日起730日内（两年）", "出院小结", "住院发票原件",
                     "商洛市商州区北新街36号", "0914-2313456", "8:30—17:30", "尊敬的职工朋友"):
        assert expected in text, expected


def test_critical_illness_leaflet(db, tmp_path):
    count, text = page_text(print_member_leaflet(db, "ZB-ZJ-2027", tmp_path / "l.pdf"))
    assert count == 1
    for expected in ("每份每年30元，每人最多参加3份", "二级及以上医院确诊", "A类疾病每份给付10000元", "恶性肿瘤",
                     "B类疾病每份给付3000元", "原位癌", "自确诊之日起730日内", "诊断证明书", "0914-2313456"):
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
    assert "请向单位工会询问" in text and "住院5天及以上的，另按每天50元给付住院津贴" in text
