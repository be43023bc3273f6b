"""`mutualaid print claim-documents-notice` and `print payout-batch-list`, in-process."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.repositories import SettingRepository
from tests.integration.cli.cli_run import run

from ..services.payouts_data import approved_claims, make_counter


@pytest.fixture
def counter_db(tmp_path):
    path = tmp_path / "c.sqlite3"
    db = open_counter_database(path)
    counter = make_counter(db, members=3, years=(2026,))
    with UnitOfWork(db, "setup") as uow:
        settings = SettingRepository(uow.session)
        settings.put("counter_address", "商洛市商州区北新街36号")
        settings.put("counter_phone", "0914-2313456")
        settings.put("counter_hours", "周一至周五 8:30—17:30")
        uow.commit()
    yield db, path, counter
    db.dispose()


def test_claim_documents_notice(capsys, counter_db, tmp_path):
    _, path, _ = counter_db
    out_pdf = tmp_path / "out" / "notice.pdf"
    code, out, err = run(
        capsys,
        "--db",
        str(path),
        "print",
        "claim-documents-notice",
        "--plan",
        "SL-ZY-2026",
        "--out",
        str(out_pdf),
        "--json",
    )
    assert code == 0, err
    assert json.loads(out)["path"] == str(out_pdf)
    pages = PdfReader(str(out_pdf)).pages
    assert len(pages) == 1
    text = pages[0].extract_text()
    assert "理赔材料告知单" in text and "0914-2313456" in text and "出院小结" in text


def test_unknown_plan_and_bad_out(capsys, counter_db, tmp_path):
    _, path, _ = counter_db
    code, _, err = run(
        capsys, "--db", str(path), "print", "claim-documents-notice", "--plan", "NOPE", "--out", str(tmp_path / "n.pdf")
    )
    assert code == 2 and "没有代码为「NOPE」的计划" in err and "SL-ZY-2026" in err
    code, _, err = run(
        capsys,
        "--db",
        str(path),
        "print",
        "claim-documents-notice",
        "--plan",
        "SL-ZY-2026",
        "--out",
        str(tmp_path / "n.txt"),
    )
    assert code == 2 and ".pdf" in err
    assert not (tmp_path / "n.pdf").exists()


def test_payout_batch_list(capsys, counter_db, tmp_path):
    from mutualaid_desktop.services.payouts.payouts import create_batch

    db, path, counter = counter_db
    numbers = approved_claims(db, counter, amounts=(1000_00, 234_56))
    batch = create_batch(db, counter.clerk, numbers)
    out_pdf = tmp_path / "list.pdf"
    code, out, err = run(
        capsys,
        "--db",
        str(path),
        "print",
        "payout-batch-list",
        "--batch",
        batch.batch_number,
        "--out",
        str(out_pdf),
        "--json",
    )
    assert code == 0, err
    result = json.loads(out)
    assert (result["count"], result["total"], result["copy_number"]) == (2, "1234.56", 0)
    text = PdfReader(str(out_pdf)).pages[0].extract_text()
    assert batch.batch_number in text and "人民币壹仟贰佰叁拾肆元伍角陆分" in text
    code, _, err = run(
        capsys, "--db", str(path), "print", "payout-batch-list", "--batch", "PF1999-0001", "--out", str(out_pdf)
    )
    assert code == 2 and "PF1999-0001" in err


def test_a_paper_with_counter_information_missing_warns(capsys, counter_db, tmp_path):
    """The preview warned of an empty address, phone or hours; the command line made the paper silently."""
    db, path, _ = counter_db
    code, _, err = run(
        capsys,
        "--db",
        str(path),
        "print",
        "claim-documents-notice",
        "--plan",
        "SL-ZY-2026",
        "--out",
        str(tmp_path / "a.pdf"),
    )
    assert code == 0 and "注意" not in err
    with UnitOfWork(db, "setup") as uow:
        SettingRepository(uow.session).put("counter_hours", "")
        uow.commit()
    for paper, out in (("claim-documents-notice", "b.pdf"), ("member-leaflet", "c.pdf")):
        code, _, err = run(
            capsys, "--db", str(path), "print", paper, "--plan", "SL-ZY-2026", "--out", str(tmp_path / out)
        )
        assert code == 0 and (tmp_path / out).exists()
        assert "注意：柜台信息还没有填写：办公时间" in err and "设置 → 柜台信息" in err, paper
