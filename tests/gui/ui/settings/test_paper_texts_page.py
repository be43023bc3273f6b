"""设置 → 纸面文字: the leaflet's greeting and footer and the reminder's payment text, saved,
reset by leaving them empty, refused when too long; the leaflet preview; the pointer to 柜台信息."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from mutualaid_desktop.services.papers.leaflet import DEFAULT_FOOTER, DEFAULT_GREETING, get_leaflet_texts
from mutualaid_desktop.services.papers.paper_texts import (
    BULLETIN_CLOSING_LIMIT,
    DEFAULT_BULLETIN_CLOSING,
    DEFAULT_PAYMENT_TEXT,
    PAYMENT_TEXT_LIMIT,
    get_bulletin_closing,
    get_payment_text,
)
from mutualaid_desktop.ui.enrollment import payment_dialog
from mutualaid_desktop.ui.settings.paper_texts_page import PaperTextsPage
from tests.integration.services.intake_data import SL27, make_claims_counter


@pytest.fixture
def cc(database):
    return make_claims_counter(database)


def make_page(qtbot, database, user, worker) -> PaperTextsPage:
    page = PaperTextsPage(database, user, worker=worker)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.show()
    return page


def test_shows_the_texts_in_use(qtbot, database, cc, worker):
    page = make_page(qtbot, database, cc.admin, worker)
    assert page.greeting_edit.toPlainText() == DEFAULT_GREETING
    assert page.footer_edit.text() == DEFAULT_FOOTER
    assert page.payment_edit.toPlainText() == DEFAULT_PAYMENT_TEXT
    assert page.plan_combo.count() == 3 and page.preview_button.isEnabled()
    assert not page.save_button.isEnabled()  # nothing changed yet
    assert "柜台信息" in page.pointer_label.text()
    assert page.greeting_count.text() == f"{len(DEFAULT_GREETING)}/300 字"


def test_save_and_reset(qtbot, database, cc, worker):
    page = make_page(qtbot, database, cc.supervisor, worker)
    page.greeting_edit.setPlainText("各位会员：\n  您好！")  # setPlainText emits textChanged
    page.payment_edit.setPlainText("请到工会财务室缴费。")
    assert page.save_button.isEnabled()
    with qtbot.waitSignal(page.saved, timeout=5000):
        page.save()
    assert get_leaflet_texts(database).greeting == "各位会员： 您好！"
    assert get_leaflet_texts(database).footer == DEFAULT_FOOTER
    assert get_payment_text(database) == "请到工会财务室缴费。"
    assert page.message_label.text() == "已保存。" and not page.save_button.isEnabled()
    # empty: back to the default, and the page says so
    page.greeting_edit.setPlainText("")
    page.payment_edit.setPlainText("  ")
    assert "恢复默认" in page.greeting_count.text()
    with qtbot.waitSignal(page.saved, timeout=5000):
        page.save()
    assert get_leaflet_texts(database).greeting == DEFAULT_GREETING
    assert get_payment_text(database) == DEFAULT_PAYMENT_TEXT
    assert "问候语、缴费方式说明留空，已恢复为默认文字" in page.message_label.text()
    assert page.greeting_edit.toPlainText() == DEFAULT_GREETING


def test_too_long_is_refused_and_nothing_saved(qtbot, database, cc, worker):
    page = make_page(qtbot, database, cc.admin, worker)
    page.footer_edit.setText("新的页脚")
    page.footer_edit.textEdited.emit("新的页脚")
    page.payment_edit.setPlainText("缴" * (PAYMENT_TEXT_LIMIT + 5))
    assert "超出 5 字" in page.payment_count.text()
    page.save()
    qtbot.waitUntil(lambda: "最多" in page.message_label.text(), timeout=5000)
    assert f"最多 {PAYMENT_TEXT_LIMIT} 个字" in page.message_label.text()
    assert get_leaflet_texts(database).footer == DEFAULT_FOOTER and get_payment_text(database) == DEFAULT_PAYMENT_TEXT
    assert page.payment_edit.toPlainText() == "缴" * (PAYMENT_TEXT_LIMIT + 5)  # kept to be shortened
    assert page.save_button.isEnabled()


def test_clerks_read_and_preview_only(qtbot, database, cc, worker):
    page = make_page(qtbot, database, cc.clerk, worker)
    assert page.greeting_edit.isReadOnly() and page.footer_edit.isReadOnly() and page.payment_edit.isReadOnly()
    assert not page.save_button.isEnabled() and page.preview_button.isEnabled()
    assert "主管或管理员" in page.message_label.text()


def test_preview_the_leaflet(qtbot, database, cc, worker, monkeypatch):
    shown = []
    monkeypatch.setattr(payment_dialog, "open_pdf", lambda path, **kw: shown.append(path) or True)
    page = make_page(qtbot, database, cc.admin, worker)
    page.footer_edit.setText("本页脚已修改")
    with qtbot.waitSignal(page.saved, timeout=5000):
        page.save()
    page.plan_combo.setCurrentIndex(page.plan_combo.findData(SL27))
    with qtbot.waitSignal(page.preview_ready, timeout=15000):
        page.preview_leaflet()
    assert len(shown) == 1 and shown[0].name == f"温馨提示-{SL27}-1.pdf" and shown[0].exists()
    text = PdfReader(shown[0]).pages[0].extract_text()
    assert "本页脚已修改" in text and "95" in text
    assert page.preview_button.isEnabled()


def test_the_preview_shows_the_texts_as_typed_before_they_are_saved(qtbot, database, cc, worker, monkeypatch):
    """The preview showed the saved texts while the editors held others (and said so only after
    it was made). It shows the greeting and footer as typed now: a draft, neither saved nor
    recorded in 打印记录, shown in a preview that does not print it; the page says so."""
    from mutualaid_desktop.services.papers.printed_papers import list_papers
    from mutualaid_desktop.ui.settings import paper_texts_page

    monkeypatch.setattr(payment_dialog, "open_pdf", lambda path, **kw: pytest.fail("shown as a printable paper"))
    drafts = []
    monkeypatch.setattr(paper_texts_page, "open_draft_pdf", lambda path, parent: drafts.append(path))
    page = make_page(qtbot, database, cc.admin, worker)
    page.plan_combo.setCurrentIndex(page.plan_combo.findData(SL27))
    page.footer_edit.setText("还没保存的页脚说明")
    page.greeting_edit.setPlainText("各位会员：这是新的问候语。")
    with qtbot.waitSignal(page.preview_ready, timeout=15000):
        page.preview_leaflet()
    [path] = drafts
    text = "".join(PdfReader(path).pages[0].extract_text().split())
    assert "还没保存的页脚说明" in text and "各位会员：这是新的问候语。" in text
    assert "草稿" in page.message_label.text() and "保存" in page.message_label.text()
    assert get_leaflet_texts(database).footer == DEFAULT_FOOTER  # nothing saved
    assert list_papers(database, kind="member_leaflet") == []  # nothing recorded
    assert page.footer_edit.text() == "还没保存的页脚说明" and page.save_button.isEnabled()


def test_a_draft_preview_does_not_print(qtbot, database, cc, worker, monkeypatch):
    from mutualaid_desktop.ui.papers.paper_preview import PaperPreviewDialog
    from mutualaid_desktop.ui.settings import paper_texts_page

    shown = []
    monkeypatch.setattr(PaperPreviewDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    page = make_page(qtbot, database, cc.admin, worker)
    page.footer_edit.setText("还没保存")
    with qtbot.waitSignal(page.preview_ready, timeout=15000) as ready:
        page.preview_leaflet()
    [dialog] = shown
    qtbot.addWidget(dialog)
    assert dialog.path == ready.args[0] and paper_texts_page.open_draft_pdf
    assert not dialog.print_button.isEnabled() and not dialog.print_action.isEnabled()
    assert "草稿" in dialog.print_button.toolTip() and "草稿" in dialog.status_label.text()
    assert dialog.print_paper() is False


def test_a_draft_too_long_says_so_and_shows_nothing(qtbot, database, cc, worker, monkeypatch):
    from mutualaid_desktop.ui.settings import paper_texts_page

    monkeypatch.setattr(paper_texts_page, "open_draft_pdf", lambda path, parent: pytest.fail("shown"))
    page = make_page(qtbot, database, cc.admin, worker)
    page.footer_edit.setText("长" * 121)
    page.preview_leaflet()
    qtbot.waitUntil(lambda: page.preview_button.isEnabled(), timeout=15000)
    assert "页脚说明最多 120 个字" in page.message_label.text()


def test_go_to_counter_info(qtbot, database, cc, worker):
    page = make_page(qtbot, database, cc.admin, worker)
    with qtbot.waitSignal(page.counter_info_requested, timeout=1000):
        page.counter_info_button.click()


def test_no_plans_yet(qtbot, database, admin, worker):
    page = make_page(qtbot, database, admin, worker)
    assert page.plan_combo.count() == 0 and not page.preview_button.isEnabled()
    page.preview_leaflet()
    assert "计划" in page.message_label.text()


def test_the_leaflet_preview_is_recorded_as_a_handout(qtbot, database, cc, worker, monkeypatch):
    """预览温馨提示… records a 温馨提示 (serial: the plan code, 第 n 份); printing it fills the printer, and it may be
    printed again (a handout: one more copy, not refused, not print-once)."""
    from mutualaid_desktop.services.papers.printed_papers import list_papers

    shown = []
    monkeypatch.setattr(
        payment_dialog, "open_pdf", lambda path, *, on_printed=None, runner=None: shown.append(on_printed) or True
    )
    page = make_page(qtbot, database, cc.clerk, worker)
    page.plan_combo.setCurrentIndex(page.plan_combo.findData(SL27))
    with qtbot.waitSignal(page.preview_ready, timeout=15000):
        page.preview_leaflet()
    [record] = list_papers(database, kind="member_leaflet")
    assert (record.serial, record.copy_label, record.printer, record.printed_by_name) == (
        SL27,
        "第 1 份",
        None,
        cc.clerk.display_name,
    )
    on_printed = shown[0]
    assert not on_printed.print_once
    on_printed("Counter-Laser")
    on_printed("Counter-Laser")  # printed again from the same preview: one more copy
    assert [(p.copy_label, p.printer) for p in reversed(list_papers(database, kind="member_leaflet"))] == [
        ("第 1 份", "Counter-Laser"),
        ("第 2 份", "Counter-Laser"),
    ]


def test_the_bulletins_closing_text_is_edited_here(qtbot, database, cc, worker):
    page = make_page(qtbot, database, cc.supervisor, worker)
    assert page.bulletin_edit.toPlainText() == DEFAULT_BULLETIN_CLOSING
    assert page.bulletin_count.text() == f"{len(DEFAULT_BULLETIN_CLOSING)}/{BULLETIN_CLOSING_LIMIT} 字"
    page.bulletin_edit.setPlainText("请各县区对照通报\n抓紧落实。")
    assert page.save_button.isEnabled()
    with qtbot.waitSignal(page.saved, timeout=5000):
        page.save()
    assert get_bulletin_closing(database) == "请各县区对照通报 抓紧落实。"
    assert get_payment_text(database) == DEFAULT_PAYMENT_TEXT  # the others as they were
    page.bulletin_edit.setPlainText("")
    with qtbot.waitSignal(page.saved, timeout=5000):
        page.save()
    assert get_bulletin_closing(database) == DEFAULT_BULLETIN_CLOSING
    assert "通报结束语留空，已恢复为默认文字" in page.message_label.text()
    clerk = make_page(qtbot, database, cc.clerk, worker)
    assert clerk.bulletin_edit.isReadOnly()
