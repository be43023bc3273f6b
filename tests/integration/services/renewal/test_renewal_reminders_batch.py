"""make_reminder_batch (what the reminders page runs): progress, the combined file only when complete, cancel."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.renewal.renewal_reminders import make_reminder_batch, prepare_reminders
from mutualaid_desktop.services.session import open_counter_database

from ..overview_data import REMINDED, make_season


@pytest.fixture
def db(tmp_path):
    database = open_counter_database(tmp_path / "c.sqlite3")
    make_season(database)
    yield database
    database.dispose()


def test_combined_with_progress(db, tmp_path):
    request = prepare_reminders(db, 2026, issued_on=date(2026, 11, 29))
    seen = []
    out = tmp_path / "out" / "all.pdf"
    out.parent.mkdir()
    result = make_reminder_batch(db, request, out, combined=True, progress=lambda n, t: seen.append((n, t)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert result.files == (out,) and result.done == result.total == 3 and not result.cancelled
    assert sorted(p.name for p in out.parent.iterdir()) == ["all.pdf"]  # no .part left
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert all(name in text for name in ("商州区第一中学工会", "商州区人民医院工会", "洛南县供电公司工会"))


def test_cancelled_combined_leaves_the_old_file(db, tmp_path):
    request = prepare_reminders(db, 2026)
    out = tmp_path / "out" / "all.pdf"
    out.parent.mkdir()
    out.write_bytes(b"earlier")
    seen: list[int] = []
    result = make_reminder_batch(
        db, request, out, combined=True, cancelled=lambda: len(seen) >= 1, progress=lambda n, t: seen.append(n)
    )
    assert result.cancelled and result.done == 1 and result.files == ()
    assert out.read_bytes() == b"earlier" and [p.name for p in out.parent.iterdir()] == ["all.pdf"]


def test_cancelled_per_unit_keeps_the_units_done(db, tmp_path):
    request = prepare_reminders(db, 2026)
    seen: list[int] = []
    result = make_reminder_batch(
        db,
        request,
        tmp_path / "units",
        combined=False,
        progress=lambda n, t: seen.append(n),
        cancelled=lambda: len(seen) >= 2,
    )
    assert result.cancelled and result.done == 2 and len(result.files) == 2
    assert sorted(p.name for p in (tmp_path / "units").iterdir()) == sorted(p.name for p in result.files)
    assert sum(REMINDED.values()) == request.member_count


def test_cannot_write(db, tmp_path):
    request = prepare_reminders(db, 2026, unit="611002-0001")
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(ServiceError, match=r"保存「x\.pdf」：这个文件夹不存在或不能创建"):
        make_reminder_batch(db, request, tmp_path / "a-file" / "x.pdf", combined=True)
    with pytest.raises(ServiceError, match="文件夹不存在或不能创建"):
        make_reminder_batch(db, request, tmp_path / "a-file" / "units", combined=False)


def test_an_existing_file_is_not_written_over_unless_asked(db, tmp_path):
    from mutualaid_desktop.services.renewal.renewal_reminders import FilesExist, existing_outputs

    request = prepare_reminders(db, 2026)
    out = tmp_path / "all.pdf"
    assert existing_outputs(request, out, combined=True) == []
    out.write_bytes(b"earlier")
    with pytest.raises(FilesExist) as found:
        make_reminder_batch(db, request, out, combined=True, overwrite=False)
    assert found.value.paths == [out] and out.read_bytes() == b"earlier"
    folder = tmp_path / "units"
    first = make_reminder_batch(db, request, folder, combined=False, overwrite=False)
    assert sorted(existing_outputs(request, folder, combined=False)) == sorted(first.files)
    with pytest.raises(FilesExist, match="已有同名文件：611002-0001"):
        make_reminder_batch(db, request, folder, combined=False, overwrite=False)
    assert make_reminder_batch(db, request, out, combined=True, overwrite=True).files == (out,)
