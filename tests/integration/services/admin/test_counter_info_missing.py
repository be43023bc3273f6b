"""The counter's address, phone and hours left empty (设置 → 柜台信息): the papers that print them
(温馨提示, 续保提示单, 理赔材料告知单) print the same words in their place, and the preview warns before such a paper
is printed (services/counter_setup.counter_info_warning), pointing to 设置 → 柜台信息."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from mutualaid_desktop.documents.paper import COUNTER_UNKNOWN
from mutualaid_desktop.services.admin.counter_setup import (
    COUNTER_PAPERS,
    CounterInfo,
    counter_info_warning,
    missing_counter_fields,
    set_counter_info,
)
from mutualaid_desktop.services.admin.plans import add_plan
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.claims.claim_documents import print_claim_documents_notice
from mutualaid_desktop.services.papers.leaflet import print_member_leaflet
from mutualaid_desktop.services.session import open_counter_database
from tests.integration.documents.pdf_text import flat_text

PLANS = Path(__file__).resolve().parents[4] / "resources" / "plans"
ADMIN = UserInfo(id=None, username="admin1", display_name="管理员", role="admin")


@pytest.fixture
def db(tmp_path):
    database = open_counter_database(tmp_path / "c.sqlite3")
    add_plan(database, (PLANS / "shangluo-2027.toml").read_text(encoding="utf-8"))
    yield database
    database.dispose()


def reminder_text(tmp_path, address="", phone="", hours="") -> str:
    from mutualaid_desktop.documents.renewal_reminder import ReminderCommon, ReminderRow, ReminderUnit, render_reminders

    common = ReminderCommon(
        org_name="商洛市总工会",
        plan_name="商洛市职工住院医疗互助保障（2027年度）",
        plan_code="SL-ZY-2027",
        premium_per_share=Decimal("95.00"),
        period_start=date(2027, 1, 1),
        period_end=date(2027, 12, 31),
        deadline=date(2026, 12, 31),
        payment_text="现金、转账",
        counter_address=address,
        counter_phone=phone,
        counter_hours=hours,
    )
    row = ReminderRow("王秀英", "女", "611002********1000", 1, date(2026, 12, 31), Decimal("95.00"))
    unit = ReminderUnit(
        "611002-0001", "商州区第一中学工会", "刘老师", "0914-2311111", "商州区总工会", (row,), Decimal("95.00"), common
    )
    return flat_text(render_reminders([unit], tmp_path / "reminder.pdf", combined=True)[0], spaces=False)


def test_both_papers_print_the_same_words_for_what_is_missing(db, tmp_path):
    """The reminder printed "—", the leaflet "（请向单位工会询问）" (a unit union reading its reminder
    would be told to ask itself). Both print COUNTER_UNKNOWN for each missing item now."""
    leaflet = flat_text(
        print_member_leaflet(db, "SL-ZY-2027", tmp_path / "l.pdf", today=date(2026, 11, 29)), spaces=False
    )
    reminder = reminder_text(tmp_path)
    for label in ("地址", "办公时间", "咨询电话"):
        assert f"{label}：{COUNTER_UNKNOWN}" in leaflet, label
    assert f"办理地点、咨询电话、办公时间：{COUNTER_UNKNOWN}" in reminder  # once on the reminder's counter line
    assert "—" not in reminder.partition("办理地点")[2].partition("人员如有增减")[0]


def test_what_is_filled_is_printed_and_only_the_rest_is_unknown(tmp_path):
    text = reminder_text(tmp_path, address="商洛市商州区北新街36号")
    assert "办理地点：商洛市商州区北新街36号" in text and f"咨询电话、办公时间：{COUNTER_UNKNOWN}" in text


def test_the_warning_names_what_is_missing_and_where_to_fill_it(db):
    assert set(COUNTER_PAPERS) == {"member_leaflet", "renewal_reminder", "claim_documents_notice"}
    assert missing_counter_fields(CounterInfo("商洛市总工会")) == ["柜台地址", "咨询电话", "办公时间"]
    warning = counter_info_warning(db, "member_leaflet")
    assert warning is not None
    assert "柜台地址、咨询电话、办公时间" in warning and "设置 → 柜台信息" in warning and COUNTER_UNKNOWN in warning
    assert "温馨提示" in warning
    assert "续保提示单" in counter_info_warning(db, "renewal_reminder")
    assert counter_info_warning(db, "premium_receipt") is None  # a receipt does not print them
    assert counter_info_warning(db, None) is None
    set_counter_info(db, ADMIN, CounterInfo("商洛市总工会", "商洛市商州区北新街36号", "", ""))
    warning = counter_info_warning(db, "renewal_reminder")
    assert "咨询电话、办公时间" in warning and "柜台地址" not in warning
    set_counter_info(db, ADMIN, CounterInfo("商洛市总工会", "商洛市商州区北新街36号", "0914-2313456", "8:30—17:30"))
    assert counter_info_warning(db, "renewal_reminder") is None


def test_the_claim_documents_notice_prints_the_same_words_and_warns(db, tmp_path):
    """The notice left at hospitals printed "（请向单位工会询问）" and made up 办公时间 "工作日"."""
    text = flat_text(
        print_claim_documents_notice(db, "SL-ZY-2027", tmp_path / "n.pdf", today=date(2026, 11, 29)), spaces=False
    )
    assert text.count(COUNTER_UNKNOWN) == 3 and "单位工会询问" not in text
    assert "理赔材料告知单" in counter_info_warning(db, "claim_documents_notice")
    set_counter_info(db, ADMIN, CounterInfo("商洛市总工会", "商洛市商州区北新街36号", "0914-2313456", "8:30—17:30"))
    text = flat_text(
        print_claim_documents_notice(db, "SL-ZY-2027", tmp_path / "m.pdf", today=date(2026, 11, 29)), spaces=False
    )
    assert COUNTER_UNKNOWN not in text and "8:30—17:30" in text
    assert counter_info_warning(db, "claim_documents_notice") is None
