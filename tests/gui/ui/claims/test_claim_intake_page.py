"""The 理赔受理 page driven with the keyboard, as at the counter; the database and the receipt
PDF checked afterwards."""

from __future__ import annotations

import json
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from sqlalchemy import select

from mutualaid_desktop.services.claims.claims_intake import BankAccount, Stay, save_claim
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import (
    AuditRecord,
    Claim,
    ClaimStatusChange,
    Hospital,
)
from mutualaid_desktop.ui.claims.claim_intake_page import parse_day
from tests.gui.helpers import focused, press, type_text
from tests.gui.ui.claim_pages import open_intake_page
from tests.gui.ui.freed import freed_when_dropped
from tests.integration.services.intake_data import (
    SL27,
    TODAY,
    ZB27,
    make_claims_counter,
)


@pytest.fixture
def cc(database):
    return make_claims_counter(database)


@pytest.fixture
def page(qtbot, database, cc, worker, opened):
    widget = open_intake_page(qtbot, database, cc.clerk, worker, TODAY)
    assert focused(widget) is widget.id_edit  # ready for the card reader
    return widget


def key(qtbot, page, k):
    qtbot.keyClick(focused(page), k)


def type_here(qtbot, page, text):
    type_text(qtbot, focused(page), text)


def enter(qtbot, page):
    press(qtbot, page)


def test_parse_day():
    assert parse_day("2027-05-03") == parse_day("2027.5.3") == parse_day("20270503") == parse_day("２０２７/05/03")
    assert parse_day("2027-02-30") is None and parse_day("") is None and parse_day("abc") is None


def test_one_claimant_from_id_number_to_receipt_with_the_keyboard(qtbot, page, database, cc, opened):
    number = cc.members["zhang"][1]
    qtbot.keyClicks(page.id_edit, number)
    with qtbot.waitSignal(page.memberLoaded, timeout=5000):
        enter(qtbot, page)  # the card reader's Enter
    assert "张伟" in page.member_label.text() and "商州区第一中学工会" in page.member_label.text()
    assert page.cover.row.plan_code in (SL27, "SL-ZY-2026")
    assert focused(page) in (page.hospital_combo, page.hospital_combo.lineEdit())
    # typed into the combo (set here: the completer's popup would grab the keyboard offscreen)
    page.hospital_combo.lineEdit().setText("中心")
    enter(qtbot, page)
    assert page.hospital_id() == cc.hospital_id
    assert focused(page) is page.admission_edit
    qtbot.keyClicks(focused(page), "2027-05-03")
    enter(qtbot, page)
    assert page.cover.row.plan_code == SL27  # chosen again by the admission date
    qtbot.keyClicks(focused(page), "2027-05-10")
    enter(qtbot, page)
    assert focused(page) is page.diagnosis_edit
    type_here(qtbot, page, "社区获得性肺炎")
    enter(qtbot, page)
    qtbot.keyClicks(focused(page), "61000012345")
    enter(qtbot, page)
    for amount in ("12000", "9000", "2500"):
        qtbot.keyClicks(focused(page), amount)
        enter(qtbot, page)
    assert focused(page) is page.out_scope_edit
    qtbot.keyClicks(focused(page), "500")
    page.update_quote()  # what the debounce timer does after the last key
    assert page.quote is not None and page.quote.eligible
    assert "1,750.00" in page.payout_label.text() and "壹仟柒佰伍拾元整" in page.words_label.text()
    assert "2500.00元 × 70%" in page.lines_label.text()
    enter(qtbot, page)
    # the checklist: Space ticks, Enter goes on; all but the optional last one
    assert focused(page) is page.paper_boxes[0]
    for box in page.paper_boxes:
        if "如有" not in box.text():
            key(qtbot, page, Qt.Key.Key_Space)
            assert box.isChecked()
        enter(qtbot, page)
    assert focused(page) is page.bank_edit
    type_here(qtbot, page, "中国农业银行商洛分行")
    enter(qtbot, page)
    type_here(qtbot, page, "张伟")
    enter(qtbot, page)
    qtbot.keyClicks(focused(page), "6228480012345678901")
    enter(qtbot, page)
    enter(qtbot, page)  # past 受益人说明
    assert focused(page) is page.save_button
    page.update_quote()
    assert "材料齐全" in page.notes_label.text()
    with qtbot.waitSignal(page.claimSaved, timeout=5000) as saved:
        enter(qtbot, page)
    result = saved.args[0]
    assert result.claim_number == "C01-2027-000001" and result.status == "waiting_review"
    assert "C01-2027-000001" in page.message_label.text() and "已转审核" in page.message_label.text()
    assert page.id_edit.text() == "" and focused(page) is page.id_edit
    assert opened == [page.pdf_path] and page.pdf_path.name == "C01-2027-000001.pdf"
    text = PdfReader(page.pdf_path).pages[0].extract_text()
    assert "理赔受理回执" in text and "C01-2027-000001" in text and number not in text
    assert number[:6] + "********" + number[-4:] in text and "1,750.00" in text
    with UnitOfWork(database, read_only=True) as uow:
        s = uow.session
        claim = s.scalar(select(Claim))
        assert (claim.status, claim.quoted_fen, claim.hospital_id, claim.diagnosis) == (
            "waiting_review",
            175000,
            cc.hospital_id,
            "社区获得性肺炎",
        )
        assert (claim.account_holder, claim.account_number, claim.entered_by) == (
            "张伟",
            "6228480012345678901",
            cc.clerk.id,
        )
        facts = json.loads(claim.facts_json)
        assert (facts["admission_date"], facts["total_cost"], facts["out_of_scope_self_pay"]) == (
            "2027-05-03",
            "12000.00",
            "500.00",
        )
        assert [p["item"] for p in json.loads(claim.papers_json) if not p["received"]] == ["费用明细清单"]
        assert s.scalar(select(ClaimStatusChange)).to_status == "waiting_review"
        assert s.scalar(select(AuditRecord).where(AuditRecord.action == "claim.intake")) is not None


def test_live_panel_shows_waiting_period_and_input_problems(qtbot, page, cc):
    page.id_edit.setText(cc.members["li"][1])
    with qtbot.waitSignal(page.memberLoaded, timeout=5000):
        page.id_entered()
    page.hospital_combo.setCurrentIndex(page.hospital_combo.findData(cc.hospital_id))
    page.admission_edit.setText("2027-02-01")
    page.discharge_edit.setText("2027-02-06")
    assert "观察期" in page.cover_label.text() and "2027-04-01" in page.cover_label.text()
    page.update_quote()
    assert "待填写" in page.eligible_label.text() and "诊断" not in page.eligible_label.text()
    for edit, text in (
        (page.invoice_edit, "1"),
        (page.total_edit, "1000"),
        (page.fund_edit, "600"),
        (page.in_scope_edit, "300"),
        (page.out_scope_edit, "200"),
    ):
        edit.setText(text)
    page.update_quote()
    assert "请核对" in page.eligible_label.text() and "不符" in page.eligible_label.text()
    page.out_scope_edit.setText("100")
    page.update_quote()
    assert not page.quote.eligible and "观察期内" in page.eligible_label.text()
    assert "0.00" in page.payout_label.text()


def test_duplicate_invoice_shows_at_once_and_incomplete_claim_waits(qtbot, page, database, cc, opened):
    save_claim(
        database,
        cc.clerk,
        member_id=cc.members["zhang"][0],
        enrollment_id=cc.covers[("zhang", SL27)],
        stay=Stay(
            admission_date=date(2027, 3, 1),
            discharge_date=date(2027, 3, 5),
            hospital_id=cc.hospital_id,
            diagnosis="肺炎",
            invoice_number="INV-1",
            total_cost="1000",
            fund_paid="600",
            in_scope_self_pay="300",
            out_of_scope_self_pay="100",
        ),
        papers=(),
        bank=BankAccount("农行", "张伟", "6228480012345678901"),
        today=TODAY,
    )
    page.id_edit.setText(cc.members["zhang"][1])
    with qtbot.waitSignal(page.memberLoaded, timeout=5000):
        page.id_entered()
    assert "C01-2027-000001" in page.message_label.text()  # the waiting claim is pointed out
    page.hospital_combo.setCurrentIndex(page.hospital_combo.findData(cc.hospital_id))
    for edit, text in (
        (page.admission_edit, "2027-05-03"),
        (page.discharge_edit, "2027-05-10"),
        (page.diagnosis_edit, "骨折"),
        (page.invoice_edit, "inv-1"),
        (page.total_edit, "1000"),
        (page.fund_edit, "600"),
        (page.in_scope_edit, "300"),
        (page.out_scope_edit, "100"),
    ):
        edit.setText(text)
    page.update_quote()
    assert "已经理赔过" in page.eligible_label.text()
    page.invoice_edit.setText("INV-2")
    page.paper_boxes[0].setChecked(True)
    page.update_quote()
    assert page.quote.eligible and "尚缺" in page.notes_label.text()
    with qtbot.waitSignal(page.claimSaved, timeout=5000) as saved:
        page.save()
    assert saved.args[0].status == "waiting_papers" and "待补材料" in page.message_label.text()
    assert "尚缺材料" in PdfReader(page.pdf_path).pages[0].extract_text()

    # a later visit: 补交材料 by number
    page.open_papers_dialog()
    dialog = page.papers_dialog
    qtbot.keyClicks(dialog.number_edit, "c01-2027-000002")
    qtbot.keyClick(dialog.number_edit, Qt.Key.Key_Return)
    assert dialog.claim is not None and dialog.boxes
    assert dialog.bank_edit.isVisibleTo(dialog)  # no bank account was given at intake
    for box in dialog.boxes:
        box.setChecked(True)
    dialog.bank_edit.setText("中国农业银行")
    dialog.holder_edit.setText("张伟")
    dialog.account_edit.setText("6228480012345678901")
    with qtbot.waitSignal(page.papersCompleted, timeout=5000) as done:
        dialog.accept()
    assert done.args[0].status == "waiting_review" and "已转审核" in page.message_label.text()
    with UnitOfWork(database, read_only=True) as uow:
        claim = uow.session.scalar(select(Claim).where(Claim.claim_number == "C01-2027-000002"))
        assert claim.status == "waiting_review"


def test_save_refusal_points_at_the_field(qtbot, page, cc):
    page.id_edit.setText(cc.members["zhang"][1])
    with qtbot.waitSignal(page.memberLoaded, timeout=5000):
        page.id_entered()
    page.hospital_combo.setCurrentIndex(page.hospital_combo.findData(cc.hospital_id))
    for edit, text in (
        (page.admission_edit, "2027-05-03"),
        (page.discharge_edit, "2027-05-10"),
        (page.diagnosis_edit, "骨折"),
        (page.invoice_edit, "9"),
        (page.total_edit, "1000"),
        (page.fund_edit, "600"),
        (page.in_scope_edit, "300"),
        (page.out_scope_edit, "100"),
        (page.bank_edit, "农行"),
        (page.holder_edit, "王某"),
        (page.account_edit, "6228480012345678901"),
    ):
        edit.setText(text)
    with qtbot.waitSignal(page.saveFailed, timeout=5000) as failed:
        page.save()
    assert "不是会员本人" in failed.args[0] and focused(page) is page.holder_edit


def test_unknown_number_and_lump_sum_plan(qtbot, page, cc):
    page.id_edit.setText(cc.members["wang"][1])
    with qtbot.waitSignal(page.memberLoaded, timeout=5000):
        page.id_entered()
    assert page.cover is None and "未参保" in page.cover_label.text()
    page.clear_form()
    page.id_edit.setText(cc.members["zhao"][1])
    with qtbot.waitSignal(page.memberLoaded, timeout=5000):
        page.id_entered()
    assert page.cover.row.plan_code == ZB27
    assert page.disease_combo.isVisibleTo(page) and not page.admission_edit.isVisibleTo(page)
    assert page.disease_combo.count() == 11
    page.hospital_combo.setCurrentIndex(page.hospital_combo.findData(cc.hospital_id))
    page.disease_combo.setCurrentIndex(page.disease_combo.findText("恶性肿瘤"))
    page.diagnosis_date_edit.setText("2027-05-20")
    page.update_quote()
    assert page.quote.eligible and "20,000.00" in page.payout_label.text()
    assert any("病理报告" in box.text() for box in page.paper_boxes)


def test_add_a_hospital_on_the_spot(qtbot, page, database):
    page.hospital_combo.setEditText("洛南县医院")
    page.add_hospital_button.click()
    dialog = page.hospitals.add_dialog
    assert dialog.name_edit.text() == "洛南县医院"
    dialog.grade_combo.setCurrentIndex(dialog.grade_combo.findData(2))
    with qtbot.waitSignal(page.hospitalsLoaded, timeout=5000):
        dialog.accept()
    assert page.hospital_combo.currentText() == "洛南县医院（二级）"
    with UnitOfWork(database, read_only=True) as uow:
        assert uow.session.scalar(select(Hospital).where(Hospital.name == "洛南县医院")).grade == 2


def test_the_claim_and_its_receipt_pdf_are_made_off_the_gui_thread(qtbot, page, database, cc, opened, monkeypatch):
    """The save and the drawing of the acceptance receipt run on the window's task runner."""
    import threading

    from mutualaid_desktop.services.claims import claim_receipt, claims_intake

    threads = []
    drawing = claims_intake.save_receipt_pdf

    def save_receipt_pdf(receipt, path):
        threads.append(threading.current_thread())
        return drawing(receipt, path)

    monkeypatch.setattr(claims_intake, "save_receipt_pdf", save_receipt_pdf)
    monkeypatch.setattr(claim_receipt, "save_receipt_pdf", save_receipt_pdf)
    page.id_edit.setText(cc.members["zhang"][1])
    with qtbot.waitSignal(page.memberLoaded, timeout=5000):
        page.id_entered()
    page.hospital_combo.setCurrentIndex(page.hospital_combo.findData(cc.hospital_id))
    for edit, text in (
        (page.admission_edit, "2027-05-03"),
        (page.discharge_edit, "2027-05-10"),
        (page.diagnosis_edit, "骨折"),
        (page.invoice_edit, "INV-9"),
        (page.total_edit, "1000"),
        (page.fund_edit, "600"),
        (page.in_scope_edit, "300"),
        (page.out_scope_edit, "100"),
    ):
        edit.setText(text)
    page.update_quote()
    with qtbot.waitSignal(page.claimSaved, timeout=5000):
        page.save()
    assert len(threads) == 1 and threads[0] is not threading.main_thread()
    assert opened == [page.pdf_path] and "理赔受理回执" in PdfReader(page.pdf_path).pages[0].extract_text()


def test_a_hospital_added_on_the_spot_is_written_off_the_gui_thread(qtbot, page, database, monkeypatch):
    import threading

    from mutualaid_desktop.services.admin import hospitals

    threads = []
    adding = hospitals.add_hospital

    def add_hospital(*args, **kwargs):
        threads.append(threading.current_thread())
        return adding(*args, **kwargs)

    monkeypatch.setattr(hospitals, "add_hospital", add_hospital)
    page.hospital_combo.setEditText("丹凤县医院")
    page.add_hospital_button.click()
    dialog = page.hospitals.add_dialog
    with qtbot.waitSignal(page.hospitalsLoaded, timeout=5000):
        dialog.accept()
    assert len(threads) == 1 and threads[0] is not threading.main_thread()
    assert page.hospital_combo.currentText().startswith("丹凤县医院")


def test_a_refused_hospital_keeps_the_dialog_open_with_the_reason(qtbot, page, database):
    page.add_hospital_button.click()
    dialog = page.hospitals.add_dialog
    dialog.name_edit.setText("")
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=5000)
    assert dialog.isVisible() and dialog.error_label.text()


def test_the_page_is_freed_when_dropped(qtbot, database, cc, worker):
    """Its keyboard and hospital list (ui/claims/claim_intake_keys.py, claim_intake_hospitals.py) keep no
    reference back to it."""
    from mutualaid_desktop.ui.claims.claim_intake_page import ClaimIntakePage

    def make():
        return ClaimIntakePage(database, cc.clerk, worker=worker, today=lambda: TODAY)

    assert freed_when_dropped(qtbot, worker, make, lambda page: page.hospital_combo.count() > 0)
