"""理赔受理 that a clerk can trust (issue 9), driven by the keyboard: Tab follows the form as it is laid
out, a new ID number clears the previous claimant's stay, the focus is visible on every control, the
example dates are not in the future, a stay after today is refused at its field, a quote of 0.00 is
not shown payable, a possible duplicate is listed before saving. The database is checked after."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from sqlalchemy import func, select

from mutualaid_desktop.services.claims.claims_intake import BankAccount, Stay, save_claim
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import Claim
from mutualaid_desktop.ui.shell.focus_style import FOCUS_COLOR
from tests.gui.helpers import focused, type_text
from tests.gui.ui.claim_pages import open_intake_page
from tests.integration.services.intake_data import SL27, TODAY, make_claims_counter
from tests.lock_holder import LockHolder

STAY = {
    "admission_edit": "2027-05-03",
    "discharge_edit": "2027-05-10",
    "diagnosis_edit": "肺炎",
    "invoice_edit": "INV-9",
    "total_edit": "12000",
    "fund_edit": "9000",
    "in_scope_edit": "2500",
    "out_scope_edit": "500",
    "bank_edit": "中国农业银行",
    "holder_edit": "张伟",
    "account_edit": "6228480012345678901",
}


@pytest.fixture
def cc(database):
    return make_claims_counter(database)


@pytest.fixture
def page(qtbot, database, cc, worker, opened):
    widget = open_intake_page(qtbot, database, cc.clerk, worker, TODAY)
    return widget


def look_up(qtbot, page, key_name: str, cc) -> None:
    page.id_edit.setFocus()
    page.id_edit.selectAll()
    qtbot.keyClicks(page.id_edit, cc.members[key_name][1])
    with qtbot.waitSignal(page.memberLoaded, timeout=5000):
        qtbot.keyClick(page.id_edit, Qt.Key.Key_Return)


def fill(page, values: dict) -> None:
    for name, text in values.items():
        getattr(page, name).setText(text)


def claims(db) -> list[Claim]:
    with UnitOfWork(db, read_only=True) as uow:
        return list(uow.session.scalars(select(Claim).order_by(Claim.id)))


def test_tab_follows_the_form_as_it_is_laid_out(qtbot, page, cc):
    look_up(qtbot, page, "zhang", cc)
    page.id_edit.setFocus()
    seen = [page.id_edit]
    for _ in range(40):
        qtbot.keyClick(focused(page), Qt.Key.Key_Tab)
        widget = focused(page)
        if widget is page.hospital_combo.lineEdit():
            widget = page.hospital_combo
        if widget in seen:
            break
        seen.append(widget)
        if widget is page.clear_button:
            break
    expected = [
        page.id_edit,
        page.cover_combo,
        page.hospital_combo,
        page.add_hospital_button,
        page.admission_edit,
        page.discharge_edit,
        page.diagnosis_edit,
        page.invoice_edit,
        page.total_edit,
        page.fund_edit,
        page.in_scope_edit,
        page.out_scope_edit,
        *page.paper_boxes,
        page.bank_edit,
        page.holder_edit,
        page.account_edit,
        page.beneficiary_edit,
        page.save_button,
        page.clear_button,
    ]
    assert [w.objectName() for w in seen] == [w.objectName() for w in expected]


def test_a_new_id_number_clears_the_previous_claimants_stay(qtbot, page, database, cc):
    look_up(qtbot, page, "zhang", cc)
    page.hospital_combo.setCurrentIndex(page.hospital_combo.findData(cc.hospital_id))
    fill(page, STAY)
    for box in page.paper_boxes:
        box.setChecked(True)
    # the next claimant's card: the reader types the number and presses Enter
    look_up(qtbot, page, "li", cc)
    assert "李娜" in page.member_label.text()
    for name in STAY:
        assert getattr(page, name).text() == "", name
    assert page.hospital_id() is None and page.hospital_combo.currentText() == ""
    assert not any(box.isChecked() for box in page.paper_boxes)
    with qtbot.waitSignal(page.saveFailed, timeout=5000) as failed:
        page.save()  # nothing of 张伟's can be saved for 李娜
    assert "医院" in failed.args[0]
    assert claims(database) == []


def _focus_pixels(widget) -> int:
    image = widget.grab().toImage()
    target = QColor(FOCUS_COLOR)
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if abs(c.red() - target.red()) + abs(c.green() - target.green()) + abs(c.blue() - target.blue()) < 40:
                count += 1
    return count


def test_the_focus_is_visible_on_every_control(qtbot, page, cc):
    look_up(qtbot, page, "zhang", cc)
    controls = [
        page.papers_button,
        page.id_edit,
        page.cover_combo,
        page.hospital_combo,
        page.add_hospital_button,
        page.admission_edit,
        page.out_scope_edit,
        page.paper_boxes[0],
        page.paper_boxes[-1],
        page.bank_edit,
        page.beneficiary_edit,
        page.save_button,
        page.clear_button,
    ]
    for control in controls:
        page.form_scroll.ensureWidgetVisible(control)
        control.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda c=control: focused(page) in (c, getattr(c, "lineEdit", lambda: None)()))
        with_focus = _focus_pixels(control)
        assert with_focus > 2 * (control.width() + control.height()) // 3, control.objectName()  # a frame around it
        (page.clear_button if control is page.papers_button else page.papers_button).setFocus()  # the focus elsewhere
        qtbot.wait(10)
        assert _focus_pixels(control) < with_focus // 4, control.objectName()


def test_the_example_dates_are_never_in_the_future(page):
    days = []
    for edit in (page.admission_edit, page.discharge_edit, page.diagnosis_date_edit):
        days += [date.fromisoformat(d) for d in re.findall(r"\d{4}-\d{2}-\d{2}", edit.placeholderText())]
    assert len(days) == 3 and all(day <= TODAY for day in days)


def test_a_stay_after_today_is_refused_at_its_field_and_not_saved(qtbot, page, database, cc):
    look_up(qtbot, page, "zhang", cc)
    page.hospital_combo.setCurrentIndex(page.hospital_combo.findData(cc.hospital_id))
    fill(page, {**STAY, "admission_edit": "2027-06-10", "discharge_edit": "2027-06-20"})  # today is 2027-06-15
    page.update_quote()
    assert "晚于今天" in page.eligible_label.text() and page.eligible_label.property("state") == "error"
    assert page.discharge_edit.property("fieldError") is True
    assert "2027-06-20 晚于今天" in page.intake_form.error_line.text()
    with qtbot.waitSignal(page.saveFailed, timeout=5000) as failed:
        page.save()
    assert "晚于今天" in failed.args[0] and focused(page) is page.discharge_edit
    assert claims(database) == []
    page.discharge_edit.setText("2027-06-14")
    page.update_quote()
    assert page.quote.eligible and page.intake_form.error_line is None
    assert not page.discharge_edit.property("fieldError")


def test_a_quote_of_zero_is_not_shown_payable_nor_saved_as_payable(qtbot, page, database, cc):
    look_up(qtbot, page, "zhang", cc)
    page.hospital_combo.setCurrentIndex(page.hospital_combo.findData(cc.hospital_id))
    fill(page, {**STAY, "total_edit": "3000", "fund_edit": "3000", "in_scope_edit": "0", "out_scope_edit": "0"})
    page.update_quote()
    assert page.eligible_label.property("state") == "error"
    assert "不符合给付条件" in page.eligible_label.text() and "给付金额为 0" in page.eligible_label.text()
    with qtbot.waitSignal(page.claimSaved, timeout=5000):
        page.save()
    [claim] = claims(database)
    assert json.loads(claim.quote_json)["eligible"] is False and claim.quoted_fen == 0


def test_a_possible_duplicate_is_listed_before_saving_and_saved_with_the_claim(qtbot, page, database, cc):
    first = save_claim(
        database,
        cc.clerk2,
        member_id=cc.members["zhang"][0],
        enrollment_id=cc.covers[("zhang", SL27)],
        stay=Stay(
            admission_date=date(2027, 5, 3),
            discharge_date=date(2027, 5, 10),
            hospital_id=cc.hospital_id,
            diagnosis="肺炎",
            invoice_number="AB-1234",
            total_cost="12000",
            fund_paid="9000",
            in_scope_self_pay="2500",
            out_of_scope_self_pay="500",
        ),
        papers=(),
        bank=BankAccount("农行", "张伟", "6228480012345678901"),
        today=TODAY,
    )
    look_up(qtbot, page, "li", cc)
    page.hospital_combo.setCurrentIndex(page.hospital_combo.findData(cc.hospital_id))
    fill(
        page,
        {
            **STAY,
            "admission_edit": "2027-05-20",
            "discharge_edit": "2027-05-25",
            "invoice_edit": "",
            "holder_edit": "李娜",
        },
    )
    page.invoice_edit.setFocus()
    type_text(qtbot, page.invoice_edit, "ａｂ １２３４")  # full-width, with a space
    page.update_quote()
    assert page.flags_label.isVisible()
    assert first.claim_number in page.flags_label.text() and "另一会员" in page.flags_label.text()
    assert "张伟" not in page.flags_label.text()
    with qtbot.waitSignal(page.claimSaved, timeout=5000) as saved:
        page.save()
    assert "有疑点" in page.message_label.text()
    claim = claims(database)[-1]
    assert claim.claim_number == saved.args[0].claim_number and claim.invoice_key == "AB1234"
    assert json.loads(claim.flags_json)[0]["claim"] == first.claim_number
    with UnitOfWork(database, read_only=True) as uow:
        assert uow.session.scalar(select(func.count()).select_from(Claim)) == 2


def test_a_save_refused_because_another_counter_holds_the_database_keeps_the_focus_on_save(qtbot, page, database, cc):
    """Seen under Xvfb: while the save waited, Qt moved the focus from the disabled 保存并打印回执 to
    清空; after the refusal a second Enter (to try again) emptied the whole form."""
    look_up(qtbot, page, "zhang", cc)
    page.hospital_combo.setCurrentIndex(page.hospital_combo.findData(cc.hospital_id))
    fill(page, STAY)
    page.save_button.setFocus()
    database.busy.total_seconds = 1
    with LockHolder(database.path), qtbot.waitSignal(page.saveFailed, timeout=20000) as failed:
        qtbot.keyClick(page.save_button, Qt.Key.Key_Return)
    assert "另一个柜台" in failed.args[0] and claims(database) == []
    assert focused(page) is page.save_button and page.invoice_edit.text() == "INV-9"
    with qtbot.waitSignal(page.claimSaved, timeout=5000):
        qtbot.keyClick(focused(page), Qt.Key.Key_Return)  # Enter again: saved now
    assert len(claims(database)) == 1
