"""`mutualaid print renewal-reminders` and `print member-leaflet` record what they make (打印记录), as the
command line's user."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from mutualaid_desktop.services.papers.printed_papers import list_papers
from mutualaid_desktop.services.session import open_counter_database
from tests.integration.cli.cli_run import run

from ..services.renewal_data import make_city

PLANS = Path(__file__).resolve().parents[3] / "resources" / "plans"


def papers(path, kind):
    db = open_counter_database(path)
    try:
        return list(reversed(list_papers(db, kind=kind)))
    finally:
        db.dispose()


def test_reminders_are_recorded_and_a_second_run_is_the_second_notice(capsys, tmp_path):
    path = tmp_path / "c.sqlite3"
    db = open_counter_database(path)
    make_city(db, big_unit=5)
    db.dispose()
    code, _, err = run(
        capsys, "--db", str(path), "print", "renewal-reminders", "--year", "2026", "--out", str(tmp_path / "all.pdf")
    )
    assert code == 0, err
    assert "注意：柜台信息还没有填写：办公时间" in err  # the city has no hours filled in: the preview would warn
    first = papers(path, "renewal_reminder")
    assert len(first) == 3 and all(p.copy_label == "第 1 次提示" and p.printer is None for p in first)
    # made, not handed out: made again, still the first notice (the same records)
    code, _, err = run(
        capsys,
        "--db",
        str(path),
        "print",
        "renewal-reminders",
        "--year",
        "2026",
        "--out",
        str(tmp_path / "all.pdf"),
        "--force",
        "--sent",
    )
    assert code == 0, err
    sent = papers(path, "renewal_reminder")
    assert [p.id for p in sent] == [p.id for p in first] and {p.printer for p in sent} == {"电子文件（已发出）"}
    assert all(p.serial.startswith("XB2027-") and p.printed_by_id is None for p in first)
    code, _out, err = run(
        capsys,
        "--db",
        str(path),
        "print",
        "renewal-reminders",
        "--year",
        "2026",
        "--unit",
        "611021-0001",
        "--out",
        str(tmp_path / "u.pdf"),
    )
    assert code == 0, err
    text = "".join(p.extract_text() for p in PdfReader(str(tmp_path / "u.pdf")).pages)
    assert "第2次提示" in text and "补打" not in text
    again = papers(path, "renewal_reminder")
    assert len(again) == 4 and again[-1].serial == "XB2027-611021-0001" and again[-1].copy_number == 1


def test_member_leaflet_is_recorded_as_a_handout(capsys, tmp_path):
    from mutualaid_desktop.services.admin.plans import add_plan

    path = tmp_path / "c.sqlite3"
    db = open_counter_database(path)
    add_plan(db, (PLANS / "shangluo-2027.toml").read_text(encoding="utf-8"))
    db.dispose()
    for n in (1, 2):
        code, out, err = run(
            capsys,
            "--db",
            str(path),
            "print",
            "member-leaflet",
            "--plan",
            "SL-ZY-2027",
            "--out",
            str(tmp_path / "l.pdf"),
        )
        assert code == 0, err
        assert f"第 {n} 份" in out
    made = papers(path, "member_leaflet")
    assert [(p.serial, p.copy_label, p.printer) for p in made] == [
        ("SL-ZY-2027", "第 1 份", None),
        ("SL-ZY-2027", "第 2 份", None),
    ]
    code, _, err = run(
        capsys, "--db", str(path), "print", "member-leaflet", "--plan", "NOPE", "--out", str(tmp_path / "x.pdf")
    )
    assert code == 2 and len(papers(path, "member_leaflet")) == 2
