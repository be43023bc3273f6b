"""The combined reminders for a 200,000-member demo city, read back on a sample of units (slow)."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from pypdf import PdfReader

from mutualaid_desktop.documents.renewal_reminder import page_chunks
from mutualaid_desktop.domain.money import amount_in_words, format_amount
from mutualaid_desktop.services.admin.demo import generate_demo
from mutualaid_desktop.services.renewal.renewal_reminders import iter_reminders, prepare_reminders, print_reminders
from mutualaid_desktop.services.session import open_counter_database


@pytest.mark.slow
def test_city_batch_read_back(tmp_path):
    db = open_counter_database(tmp_path / "demo.sqlite3")
    generate_demo(db, members=200_000, seed=3, today=date(2026, 11, 29))  # with next year's plan: the season is open
    request = prepare_reminders(db, 2026)
    with sqlite3.connect(tmp_path / "demo.sqlite3") as con:
        covered = con.execute(
            "SELECT count(DISTINCT e.member_id) FROM enrollments e JOIN plans p ON p.id = e.plan_id "
            "WHERE p.code = 'SL-ZY-2026' AND e.status = 'paid'"
        ).fetchone()[0]
    # everyone covered this year is reminded, or left out as renewed already (the season is open), left or over age
    assert request.member_count + sum(request.not_reminded.values()) == covered
    assert request.unit_count > 500 and request.member_count > covered // 2
    out = tmp_path / "all.pdf"
    done = []
    print_reminders(db, request, out, progress=lambda n, u: done.append(n))
    assert len(done) == request.unit_count
    reader = PdfReader(str(out))
    page = 0
    checked = 0
    for k, unit in enumerate(iter_reminders(db, request)):
        pages = len(page_chunks(unit.people))
        if k % 97 == 0:
            texts = [reader.pages[page + i].extract_text() for i in range(pages)]
            text = "".join(texts)
            assert unit.unit_code in texts[0] and f"第 1 页 共 {pages} 页" in texts[0]
            for r in unit.rows:
                assert r.name in text and r.id_number in text
            assert sum(r.due for r in unit.rows) == unit.total_due
            assert format_amount(unit.total_due) in texts[-1] and amount_in_words(unit.total_due) in texts[-1]
            checked += 1
        page += pages
    assert page == len(reader.pages) and checked >= 5
    db.dispose()
