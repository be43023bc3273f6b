"""The payment dialog: the clerk types the amount, Enter records the payment and opens the receipt.

The services run on a worker thread: the tests wait for the dialog (`dueLoaded`, `accepted`) and,
to look at the dialog while the payment is being recorded, hold the service on a gate."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt, QThread
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from mutualaid_desktop.services.enrollment import payments
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import Enrollment, PremiumPayment, PrintedDocument
from mutualaid_desktop.ui.enrollment import payment_dialog, payment_jobs
from mutualaid_desktop.ui.enrollment.payment_dialog import PaymentDialog
from tests.integration.services.payments_data import make_counter

TODAY = date(2026, 11, 29)


@pytest.fixture
def counter(database):
    return make_counter(database, members=4)


class Gate:
    """Holds a service call on the worker thread until `open()`; notes the threads it ran on."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.released = threading.Event()
        self.threads: list[threading.Thread] = []
        self.qthreads: list[QThread] = []

    def hold(self, fn):
        def held(*args, **kwargs):
            self.threads.append(threading.current_thread())
            self.qthreads.append(QThread.currentThread())
            self.entered.set()
            assert self.released.wait(30), "the test never opened the gate"
            return fn(*args, **kwargs)

        return held

    def open(self) -> None:
        self.released.set()


@pytest.fixture
def gate():
    gate = Gate()
    yield gate
    gate.open()  # never leave the worker thread waiting


_runner: list = []  # the task runner the dialogs of a test run on (the window hands its own)


@pytest.fixture(autouse=True)
def _the_runner(worker):
    _runner.append(worker)
    yield
    _runner.clear()


def dialog_for(qtbot, database, counter, ids=None, user=None, *, loaded=True, **kwargs):
    ids = counter.enrollment_ids["SL-ZY-2027"] if ids is None else ids
    kwargs.setdefault("worker", _runner[0])
    dialog = PaymentDialog(database, user or counter.clerk, enrollment_ids=ids, today=lambda: TODAY, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    if loaded:
        qtbot.waitUntil(lambda: not dialog.loading, timeout=5000)
    return dialog


def payment_count(database) -> int:
    with UnitOfWork(database, read_only=True) as uow:
        return uow.session.scalar(select(func.count()).select_from(PremiumPayment))


def controls(dialog):
    return (
        dialog.confirm_button,
        dialog.cancel_button,
        dialog.amount_edit,
        dialog.method_combo,
        dialog.date_edit,
        dialog.payer_combo,
    )


def test_shows_payer_people_and_amount_due(qtbot, qtmodeltester, database, counter, opened):
    dialog = dialog_for(qtbot, database, counter)
    qtmodeltester.check(dialog.model)
    assert "商州区第一中学工会" in dialog.payer_label.text()
    assert dialog.model.rowCount() == 4
    assert "¥380.00" in dialog.due_label.text() and "4 人" in dialog.due_label.text()
    assert "人民币叁佰捌拾元整" in dialog.words_label.text()
    assert "2027-01-01" in dialog.lines_label.text()
    assert dialog.method_combo.currentText() == "现金"
    assert dialog.date_edit.date().toPython() == TODAY
    assert dialog.focusWidget() is dialog.amount_edit
    dialog.grab().save("/tmp/shot-payment.png")


def test_wrong_amount_is_refused_then_the_right_one_is_recorded(qtbot, database, counter, opened):
    dialog = dialog_for(qtbot, database, counter)
    qtbot.keyClicks(dialog.amount_edit, "300")
    with qtbot.waitSignal(dialog.busyChanged, timeout=5000, check_params_cb=lambda busy: busy is False):
        qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "少于应缴金额 ¥380.00" in dialog.message_label.text()
    assert dialog.confirm_button.isEnabled() and dialog.amount_edit.isEnabled() and not dialog.status_row.isVisible()
    with UnitOfWork(database, read_only=True) as uow:
        assert uow.session.scalar(select(PremiumPayment)) is None
    # choose 转账 with the keyboard, type the amount, Enter
    dialog.method_combo.setFocus()
    qtbot.keyClick(dialog.method_combo, Qt.Key.Key_Down)
    assert dialog.method == "transfer"
    dialog.amount_edit.setFocus()
    dialog.amount_edit.selectAll()
    qtbot.keyClicks(dialog.amount_edit, "380")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    assert dialog.result.serial == "SJ2026-000001"
    assert opened == [dialog.pdf_path] and dialog.pdf_path.exists()
    with UnitOfWork(database, read_only=True) as uow:
        payment = uow.session.scalar(select(PremiumPayment))
        assert (payment.amount_fen, payment.method, payment.paid_on, payment.clerk_id) == (
            38000,
            "transfer",
            TODAY,
            counter.clerk.id,
        )
        statuses = {
            e.status for e in uow.session.scalars(select(Enrollment).where(Enrollment.payment_id == payment.id))
        }
        assert statuses == {"paid"}
        assert uow.session.scalar(select(PrintedDocument.serial)) == "SJ2026-000001"


def test_member_alone_pays_for_himself(qtbot, database, counter, opened):
    dialog = dialog_for(qtbot, database, counter, ids=[counter.loner_id])
    assert dialog.payer_combo.count() == 1 and "个人" in dialog.payer_combo.currentText()
    qtbot.keyClicks(dialog.amount_edit, "95.00")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    assert dialog.result.amount == Decimal("95.00")
    with UnitOfWork(database, read_only=True) as uow:
        assert uow.session.scalar(select(PremiumPayment.payer_member_id)) == counter.loner_member_id


def test_already_paid_enrollments_can_not_be_paid_again(qtbot, database, counter, opened):
    first = dialog_for(qtbot, database, counter)
    qtbot.keyClicks(first.amount_edit, "380")
    with qtbot.waitSignal(first.accepted):
        qtbot.keyClick(first.amount_edit, Qt.Key.Key_Return)
    second = dialog_for(qtbot, database, counter)
    assert not second.confirm_button.isEnabled() and not second.amount_edit.isEnabled()
    assert "已缴费" in second.message_label.text()
    assert second.due is None and second.payer_label.text() == "无法收款"


def test_without_a_pdf_viewer_the_clerk_is_told_where_the_file_is(monkeypatch, tmp_path):
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda parent, title, text: shown.append(text)))
    path = tmp_path / "SJ2026-000001.pdf"
    assert payment_dialog.open_pdf(path) is False
    assert len(shown) == 1 and str(path) in shown[0]


# --- in the background ---------------------------------------------------------------------------


def test_the_amount_due_is_read_off_the_gui_thread(qtbot, database, counter, opened, gate, monkeypatch):
    monkeypatch.setattr(payments, "due_for", gate.hold(payments.due_for))
    dialog = dialog_for(qtbot, database, counter, loaded=False)
    assert gate.entered.wait(5)
    assert dialog.loading and dialog.due is None
    assert dialog.status_row.isVisible() and dialog.status_label.text() == "正在计算应缴金额…"
    assert not dialog.confirm_button.isEnabled()
    assert dialog.amount_edit.isEnabled()  # the clerk may type the amount meanwhile
    dialog.grab().save("/tmp/shot-payment-loading.png")
    qtbot.keyClicks(dialog.amount_edit, "380")
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)  # not yet: nothing to confirm
    assert dialog.isVisible() and not dialog.recording
    with qtbot.waitSignal(dialog.dueLoaded, timeout=5000) as loaded:
        gate.open()
    assert loaded.args[0].total == Decimal("380.00")
    assert gate.threads[0] is not threading.main_thread()
    assert gate.qthreads[0] is not QApplication.instance().thread()
    assert not dialog.status_row.isVisible() and dialog.confirm_button.isEnabled()
    assert "¥380.00" in dialog.due_label.text() and dialog.amount_edit.text() == "380"
    assert payment_count(database) == 0


def test_a_new_date_reads_the_amount_due_again_and_drops_the_older_answer(
    qtbot, database, counter, opened, gate, monkeypatch
):
    monkeypatch.setattr(payments, "due_for", gate.hold(payments.due_for))
    dialog = dialog_for(qtbot, database, counter, loaded=False)
    assert gate.entered.wait(5)
    day = TODAY - timedelta(days=3)
    dialog.date_edit.setDate(QDate(day.year, day.month, day.day))  # while the first reading runs
    answers = []
    dialog.dueLoaded.connect(answers.append)
    gate.open()
    qtbot.waitUntil(lambda: not dialog.loading, timeout=5000)
    assert [due.paid_on for due in answers] == [day]  # the answer for TODAY was dropped
    assert dialog.due.paid_on == day and len(gate.threads) == 2


def test_the_payment_is_recorded_off_the_gui_thread_while_the_dialog_is_busy(
    qtbot, database, counter, opened, gate, monkeypatch
):
    monkeypatch.setattr(payments, "record_payment", gate.hold(payments.record_payment))
    dialog = dialog_for(qtbot, database, counter)
    recorded = []
    dialog.paymentRecorded.connect(recorded.append)
    qtbot.keyClicks(dialog.amount_edit, "380")
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    assert gate.entered.wait(5)
    # busy: every control disabled, the message, the event loop turning
    assert dialog.recording
    assert dialog.status_row.isVisible() and dialog.status_label.text() == "正在收款，请稍候…"
    assert [w.objectName() for w in controls(dialog) if w.isEnabled()] == []
    ticks = []
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: ticks == [1], timeout=2000)
    dialog.grab().save("/tmp/shot-payment-busy.png")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        gate.open()
    assert gate.threads == [gate.threads[0]] and gate.threads[0] is not threading.main_thread()
    assert gate.qthreads[0] is not QApplication.instance().thread()
    assert [r.serial for r in recorded] == ["SJ2026-000001"] and dialog.result.serial == "SJ2026-000001"
    assert opened == [dialog.pdf_path] and dialog.pdf_path.exists()
    assert not dialog.recording and payment_count(database) == 1


def test_a_double_enter_or_click_records_one_payment(qtbot, database, counter, opened, gate, monkeypatch):
    monkeypatch.setattr(payments, "record_payment", gate.hold(payments.record_payment))
    dialog = dialog_for(qtbot, database, counter)
    qtbot.keyClicks(dialog.amount_edit, "380")
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)  # the second Enter of an impatient clerk
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Enter)
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    dialog.confirm_button.click()
    dialog.confirm()  # and were the button still enabled
    assert gate.entered.wait(5)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        gate.open()
    dialog.confirm()  # after: nothing either
    qtbot.waitUntil(lambda: not _runner[0].is_busy(), timeout=5000)  # nothing else queued
    assert len(gate.threads) == 1 and payment_count(database) == 1 and opened == [dialog.pdf_path]


def test_a_double_click_without_waiting_records_one_payment(qtbot, database, counter, opened):
    dialog = dialog_for(qtbot, database, counter)
    dialog.amount_edit.setText("380")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseDClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not _runner[0].is_busy(), timeout=5000)
    assert payment_count(database) == 1 and len(opened) == 1


def test_a_refused_payment_leaves_the_dialog_as_it_was(qtbot, database, counter, opened, gate, monkeypatch, worker):
    calls = []

    def refuse(*args, **kwargs):
        calls.append(threading.current_thread())
        gate.entered.set()
        raise ServiceError("收据号已用完，请联系管理员。")

    real = payments.record_payment
    monkeypatch.setattr(payments, "record_payment", refuse)
    dialog = dialog_for(qtbot, database, counter, worker=worker)  # also: the worker the caller gives
    dialog.method_combo.setCurrentIndex(1)
    qtbot.keyClicks(dialog.amount_edit, "380")
    with qtbot.waitSignal(dialog.busyChanged, timeout=5000, check_params_cb=lambda busy: busy is False):
        qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    assert calls and calls[0] is not threading.main_thread()
    assert dialog.isVisible() and not dialog.recording and dialog.result is None
    assert dialog.message_label.isVisible()
    assert dialog.message_label.text() == "收据号已用完，请联系管理员。"
    assert not dialog.status_row.isVisible()
    assert all(w.isEnabled() for w in controls(dialog)[:5])
    assert dialog.amount_edit.text() == "380" and dialog.amount_edit.selectedText() == "380"
    assert dialog.focusWidget() is dialog.amount_edit and dialog.method == "transfer"
    assert payment_count(database) == 0 and opened == []
    # the clerk tries again once the problem is solved
    monkeypatch.setattr(payments, "record_payment", real)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    assert dialog.result.serial == "SJ2026-000001" and payment_count(database) == 1


def test_an_unexpected_error_is_told_without_a_traceback(qtbot, database, counter, opened, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk I/O error")

    monkeypatch.setattr(payments, "record_payment", broken)
    dialog = dialog_for(qtbot, database, counter)
    qtbot.keyClicks(dialog.amount_edit, "380")
    with qtbot.waitSignal(dialog.busyChanged, timeout=5000, check_params_cb=lambda busy: busy is False):
        qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    assert dialog.message_label.text() == "收款没有成功，数据未改动。"
    assert dialog.confirm_button.isEnabled() and payment_count(database) == 0


def test_the_dialog_can_not_be_closed_while_the_payment_is_recorded(
    qtbot, database, counter, opened, gate, monkeypatch
):
    monkeypatch.setattr(payments, "record_payment", gate.hold(payments.record_payment))
    dialog = dialog_for(qtbot, database, counter)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # as the pages open it
    rejected = []
    dialog.rejected.connect(lambda: rejected.append(True))
    qtbot.keyClicks(dialog.amount_edit, "380")
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    assert gate.entered.wait(5)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.close() is False
    dialog.reject()
    dialog.cancel_button.click()  # disabled: nothing
    qtbot.wait(50)
    assert dialog.isVisible() and rejected == [] and dialog.recording
    assert dialog.status_label.text() == "正在收款，请稍候…收款完成前不能关闭此窗口。"
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        gate.open()
    assert rejected == [] and dialog.result is not None and payment_count(database) == 1


def test_the_dialog_closes_while_the_amount_due_is_read(qtbot, database, counter, opened, gate, monkeypatch):
    monkeypatch.setattr(payments, "due_for", gate.hold(payments.due_for))
    dialog = dialog_for(qtbot, database, counter, loaded=False)
    assert gate.entered.wait(5)
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Escape)  # reading changes nothing: no need to wait
    gate.open()
    qtbot.waitUntil(lambda: not dialog.loading, timeout=5000)  # the late answer does no harm
    assert not dialog.isVisible() and payment_count(database) == 0


def test_without_the_receipt_file_the_payment_stands_and_the_clerk_is_told(
    qtbot, database, counter, opened, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: warned.append(text)))

    def no_pdf(paper, path):
        raise OSError("No space left on device")

    monkeypatch.setattr(payments, "save_paper", no_pdf)
    dialog = dialog_for(qtbot, database, counter)
    qtbot.keyClicks(dialog.amount_edit, "380")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    assert dialog.result.serial == "SJ2026-000001" and dialog.pdf_path is None and opened == []
    assert len(warned) == 1 and "SJ2026-000001" in warned[0] and "No space left on device" in warned[0]
    assert payment_count(database) == 1


def test_the_collector_is_off_only_while_a_service_call_runs():
    import gc

    seen = []
    assert payment_jobs.without_gc_pauses(lambda x: seen.append(gc.isenabled()) or x * 2, 21) == 42
    assert seen == [False] and gc.isenabled()
    with pytest.raises(ServiceError):
        payment_jobs.without_gc_pauses(lambda: (_ for _ in ()).throw(ServiceError("不行")))
    assert gc.isenabled()
    gc.disable()
    try:
        payment_jobs.without_gc_pauses(lambda: None)
        assert not gc.isenabled()  # left as it was
    finally:
        gc.enable()


def test_a_transfer_carries_its_bank_reference(qtbot, database, counter, opened):
    dialog = dialog_for(qtbot, database, counter)
    assert not dialog.bank_reference_edit.isEnabled()  # cash: no bank reference
    dialog.method_combo.setCurrentIndex(dialog.method_combo.findData("transfer"))
    assert dialog.bank_reference_edit.isEnabled()
    dialog.bank_reference_edit.setText("ＢＯＣ 2026 1129 0001")
    dialog.amount_edit.setText("380")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.confirm()
    with UnitOfWork(database, read_only=True) as uow:
        payment = uow.session.scalar(select(PremiumPayment))
        assert (payment.method, payment.bank_reference) == ("transfer", "BOC202611290001")


def test_a_bank_reference_too_long_is_refused_with_a_message_and_nothing_recorded(qtbot, database, counter, opened):
    dialog = dialog_for(qtbot, database, counter)
    dialog.method_combo.setCurrentIndex(dialog.method_combo.findData("transfer"))
    dialog.bank_reference_edit.setText("9" * 65)
    dialog.amount_edit.setText("380")
    dialog.confirm()
    qtbot.waitUntil(lambda: dialog.message_label.isVisible() and not dialog.recording, timeout=10000)
    assert "银行流水号最多 64 个字符" in dialog.message_label.text()
    assert payment_count(database) == 0


def test_a_user_who_may_not_take_money_sees_why_before_typing(qtbot, database, counter, opened):
    dialog = dialog_for(qtbot, database, counter, user=counter.reviewer)
    assert not dialog.confirm_button.isEnabled()
    assert "审核人" in dialog.confirm_button.toolTip()
    assert "审核人" in dialog.message_label.text()
