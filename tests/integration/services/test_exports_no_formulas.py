"""The spreadsheets the program exports from its database hold no formula made from data: the bank transfer
file of a payout batch (holders, banks typed at the counter) and the renewal overview (unit names, contacts,
phones, the org's name), with hostile texts (= + - @, tab, CR) in every text column, read back as the same
text."""

from __future__ import annotations

from sqlalchemy import select

from mutualaid_desktop.cli import main
from mutualaid_desktop.services.admin.counter_setup import set_org_name
from mutualaid_desktop.services.payouts.payouts import create_batch, export_bank_file
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.models import Claim, OrgUnit
from tests.xlsx_checks import HOSTILE, formula_cells, stored, texts

from .overview_data import make_season
from .payouts_data import approved_claims, make_counter


def test_bank_transfer_file(db, tmp_path):
    counter = make_counter(db, members=len(HOSTILE), years=(2026,))
    numbers = approved_claims(db, counter, amounts=[100_00 + k for k in range(len(HOSTILE))])
    with UnitOfWork(db, username="setup") as uow:
        claims = list(uow.session.scalars(select(Claim).where(Claim.claim_number.in_(numbers)).order_by(Claim.id)))
        for claim, hostile in zip(claims, HOSTILE, strict=True):
            claim.account_holder, claim.bank_name = hostile, hostile
        uow.commit()
    set_org_name(db, HOSTILE[0], username="setup")
    batch = create_batch(db, counter.clerk, numbers)
    result = export_bank_file(db, counter.clerk, batch.batch_number, tmp_path / "银行" / "bank.xlsx")
    assert formula_cells(result.path) == []
    read_back = texts(result.path)
    assert read_back[0].startswith(stored(HOSTILE[0]))
    for hostile in HOSTILE:
        assert stored(hostile) in read_back, hostile  # as the holder (or the bank) was stored


def test_renewal_overview_out(db, tmp_path, capsys):
    make_season(db)
    with UnitOfWork(db, username="setup") as uow:
        units = list(uow.session.scalars(select(OrgUnit).where(OrgUnit.kind == "unit").order_by(OrgUnit.code)))
        for k, unit in enumerate(units):
            hostile = HOSTILE[k % len(HOSTILE)]
            unit.name, unit.contact_person, unit.phone = hostile, hostile, HOSTILE[(k + 1) % len(HOSTILE)]
        uow.commit()
    set_org_name(db, HOSTILE[4], username="setup")
    path = db.path
    db.dispose()
    out_file = tmp_path / "续保进度.xlsx"
    code = main(["--db", str(path), "renewal", "overview", "--year", "2026", "--out", str(out_file)])
    assert code == 0, capsys.readouterr().err
    assert formula_cells(out_file) == []
    read_back = texts(out_file)
    assert read_back[0].startswith(stored(HOSTILE[4]))
    shown = [u for u in units if u.code != "611021-0003"]  # the lump-sum unit is not in this overview
    for k, unit in enumerate(units):
        if unit in shown:
            assert stored(HOSTILE[k % len(HOSTILE)]) in read_back
