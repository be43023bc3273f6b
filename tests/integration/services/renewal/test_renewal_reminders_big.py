"""The combined reminders for a 200,000-member demo city, read back on a sample of units (slow)."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from mutualaid_desktop.documents.renewal_reminder import page_chunks
from mutualaid_desktop.domain.money import amount_in_words, format_amount
from mutualaid_desktop.paths import resources_dir
from mutualaid_desktop.services.admin.demo import generate_demo
from mutualaid_desktop.services.admin.plans import add_plan
from mutualaid_desktop.services.renewal.renewal_reminders import iter_reminders, prepare_reminders, print_reminders
from mutualaid_desktop.services.session import open_counter_database


@pytest.mark.slow
def test_city_batch_read_back(tmp_path):
    db = open_counter_database(tmp_path / "demo.sqlite3")
    generate_demo(db, members=200_000, seed=3, today=date(2026, 11, 29))
    add_plan(db, (resources_dir() / "plans" / "shangluo-2027.toml").read_text(encoding="utf-8"))
    request = prepare_reminders(db, 2026)
    assert request.unit_count > 500 and request.member_count > 150_000
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
