"""services/paper_texts: the renewal reminder's payment text (set, reset to the default, limits,
roles, audit) and saving it with the leaflet's texts, all checked before any is saved."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.services.errors import PermissionDenied
from mutualaid_desktop.services.papers.leaflet import DEFAULT_FOOTER, DEFAULT_GREETING, get_leaflet_texts
from mutualaid_desktop.services.papers.paper_texts import (
    BULLETIN_CLOSING_LIMIT,
    DEFAULT_BULLETIN_CLOSING,
    DEFAULT_PAYMENT_TEXT,
    PAYMENT_TEXT_LIMIT,
    get_bulletin_closing,
    get_paper_texts,
    get_payment_text,
    save_paper_texts,
    set_payment_text,
)
from mutualaid_desktop.services.renewal.renewal_reminders import prepare_reminders
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import AuditRecord
from tests.integration.services.intake_data import make_claims_counter


@pytest.fixture
def cc(db):
    return make_claims_counter(db)


def audits(db, action):
    with UnitOfWork(db, read_only=True) as uow:
        return list(uow.session.scalars(select(AuditRecord).where(AuditRecord.action == action)))


def test_payment_text_set_and_reset(db, cc):
    assert get_payment_text(db) == DEFAULT_PAYMENT_TEXT
    text = "请于12月20日前到柜台缴费，或转账至 商洛市总工会 6217 0000 1234。"
    assert set_payment_text(db, cc.supervisor, "  " + text.replace(" ", "\n ") + " ") == text
    assert get_payment_text(db) == text
    record = audits(db, "settings.renewal_payment_text")[-1]
    assert record.username == "boss"
    assert json.loads(record.before_json) == {"value": DEFAULT_PAYMENT_TEXT}
    assert json.loads(record.after_json) == {"value": text, "default": False}
    # empty: back to the default (said in the audit)
    assert set_payment_text(db, cc.admin, "   ") == DEFAULT_PAYMENT_TEXT
    assert get_payment_text(db) == DEFAULT_PAYMENT_TEXT
    assert json.loads(audits(db, "settings.renewal_payment_text")[-1].after_json)["default"] is True


def test_the_renewal_reminder_prints_the_saved_text(db, cc):
    set_payment_text(db, cc.admin, "在工会财务室缴费")
    request = prepare_reminders(db, 2026)
    assert request.common.payment_text == "在工会财务室缴费"
    set_payment_text(db, cc.admin, "")
    assert prepare_reminders(db, 2026).common.payment_text == DEFAULT_PAYMENT_TEXT


def test_payment_text_too_long_is_refused(db, cc):
    with pytest.raises(InputError) as error:
        set_payment_text(db, cc.admin, "缴" * (PAYMENT_TEXT_LIMIT + 1))
    assert (
        f"最多 {PAYMENT_TEXT_LIMIT} 个字" in error.value.message
        and f"{PAYMENT_TEXT_LIMIT + 1} 个" in error.value.message
    )
    assert get_payment_text(db) == DEFAULT_PAYMENT_TEXT and audits(db, "settings.renewal_payment_text") == []


def test_the_longest_payment_text_fits_on_the_reminders_line():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from mutualaid_desktop.documents.fonts import cjk_font

    font = cjk_font()
    room = (210 - 36) / 25.4 * 72  # the reminder's left and right margins are 18 mm
    assert stringWidth("缴费方式：" + "缴" * PAYMENT_TEXT_LIMIT, font, 7) <= room


@pytest.mark.parametrize("who", ["clerk", "reviewer"])
def test_clerks_cannot_change_paper_texts(db, cc, who):
    with pytest.raises(PermissionDenied, match="主管或管理员"):
        set_payment_text(db, getattr(cc, who), "x")
    with pytest.raises(PermissionDenied, match="主管或管理员"):
        save_paper_texts(db, getattr(cc, who), greeting="x")


def test_save_paper_texts_checks_all_before_saving_any(db, cc):
    with pytest.raises(InputError, match="缴费方式说明最多"):
        save_paper_texts(db, cc.admin, greeting="新的问候语", payment="缴" * 100)
    assert get_leaflet_texts(db).greeting == DEFAULT_GREETING
    with pytest.raises(InputError, match="问候语最多"):
        save_paper_texts(db, cc.admin, greeting="问" * 301, payment="新的缴费说明")
    assert get_payment_text(db) == DEFAULT_PAYMENT_TEXT
    assert audits(db, "settings.leaflet_texts") == [] and audits(db, "settings.renewal_payment_text") == []


def test_save_paper_texts_keeps_what_is_not_given(db, cc):
    texts = save_paper_texts(db, cc.admin, footer="以计划规则为准。")
    assert (texts.greeting, texts.footer) == (DEFAULT_GREETING, "以计划规则为准。")
    assert texts.greeting_is_default and not texts.footer_is_default and texts.payment_is_default
    texts = save_paper_texts(db, cc.admin, greeting="您好！", payment="到柜台缴费")
    assert (texts.greeting, texts.footer, texts.payment) == ("您好！", "以计划规则为准。", "到柜台缴费")
    texts = save_paper_texts(db, cc.admin, greeting="", footer="")
    assert (texts.greeting, texts.footer) == (DEFAULT_GREETING, DEFAULT_FOOTER)
    assert texts.greeting_is_default and texts.footer_is_default and not texts.payment_is_default
    assert get_paper_texts(db) == texts


def test_the_bulletins_closing_text_set_reset_limited_and_audited(db, cc):
    assert get_bulletin_closing(db) == DEFAULT_BULLETIN_CLOSING
    assert get_paper_texts(db).bulletin_closing_is_default
    text = "请各县区对照通报，于下月10日前报送整改措施。"
    texts = save_paper_texts(db, cc.supervisor, bulletin_closing="  " + text + "\n")
    assert texts.bulletin_closing == text and not texts.bulletin_closing_is_default
    assert get_bulletin_closing(db) == text
    record = audits(db, "settings.bulletin_closing")[-1]
    assert json.loads(record.before_json) == {"value": DEFAULT_BULLETIN_CLOSING}
    assert json.loads(record.after_json) == {"value": text, "default": False}
    with pytest.raises(InputError) as error:
        save_paper_texts(db, cc.admin, payment="在财务室缴费", bulletin_closing="望" * (BULLETIN_CLOSING_LIMIT + 1))
    assert f"最多 {BULLETIN_CLOSING_LIMIT} 个字" in error.value.message
    assert get_bulletin_closing(db) == text and get_payment_text(db) == DEFAULT_PAYMENT_TEXT  # nothing saved
    with pytest.raises(InputError, match="看不见"):
        save_paper_texts(db, cc.admin, bulletin_closing="希望\u202e各县区")
    with pytest.raises(PermissionDenied):
        save_paper_texts(db, cc.clerk, bulletin_closing="改")
    assert save_paper_texts(db, cc.admin, bulletin_closing=" ").bulletin_closing == DEFAULT_BULLETIN_CLOSING
