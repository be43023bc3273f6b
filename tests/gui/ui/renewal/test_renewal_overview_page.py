"""续保进度: the season's figures per county and unit, loaded in the background; choosers; F5; refusals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from mutualaid_desktop.domain.money import format_amount
from mutualaid_desktop.ui.renewal.renewal_overview_model import RenewalOverviewModel
from mutualaid_desktop.ui.renewal.renewal_overview_page import RenewalOverviewPage
from tests.integration.services.overview_data import CITY, COUNTIES, EXPECTED, make_season

TODAY = date(2026, 11, 29)


@pytest.fixture
def page(qtbot, database, admin, worker):
    make_season(database)
    p = RenewalOverviewPage(database, admin, worker=worker, today=lambda: TODAY)
    qtbot.addWidget(p)
    p.resize(1280, 640)
    with qtbot.waitSignal(p.overviewLoaded, timeout=10000):
        p.show()
    return p


def cells(model, row: int) -> list[str]:
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def test_table_subtotals_total_and_order(page, qtmodeltester):
    qtmodeltester.check(page.model)
    model = page.model
    assert page.year_combo.currentData() == 2026 and page.kind_combo.currentData() == "reimbursement"
    assert page.year_combo.currentText() == "2026 年（续保 2027 年）"
    rows = [cells(model, r) for r in range(model.rowCount())]
    codes = [r[RenewalOverviewModel.CODE] for r in rows]
    assert codes == [
        "611002",
        "611002-0002",
        "611002-0001",
        "611002-0003",
        "611021",
        "611021-0001",
        "611021-0002",
        "",
        "",
        "",
    ]
    by_code = {r[RenewalOverviewModel.CODE]: r for r in rows if r[RenewalOverviewModel.CODE]}
    for code, (covered, renewed, pending, open_, joiners, received) in {**EXPECTED, **COUNTIES}.items():
        if not code:
            continue
        r = by_code[code]
        m = RenewalOverviewModel
        assert [r[m.COVERED], r[m.RENEWED], r[m.PENDING], r[m.LEFT], r[m.OPEN], r[m.JOINERS]] == [
            str(covered),
            str(renewed),
            str(pending),
            "0",
            str(open_),
            str(joiners),
        ]
        assert r[m.RECEIVED] == format_amount(Decimal(received))
    assert by_code["611002"][0] == "商州区总工会（小计）"
    assert by_code["611002-0002"][RenewalOverviewModel.STATE] == "尚未来办理"
    assert by_code["611002-0001"][RenewalOverviewModel.STATE] == "待缴费"  # one confirmed, not paid yet
    assert by_code["611021-0001"][RenewalOverviewModel.STATE] == "待缴费"  # has come: not 尚未来办理
    assert by_code["611002-0003"][RenewalOverviewModel.STATE] == "已办完"  # the mover renewed in A: 转出 1
    assert by_code["611002-0003"][RenewalOverviewModel.MOVED_OUT] == "1"
    assert by_code["611021-0002"][RenewalOverviewModel.STATE] == "新参保单位"
    assert by_code["611002-0001"][RenewalOverviewModel.RATE] == "75.0%"
    total = rows[-1]
    assert total[0] == "全市合计" and total[4:6] == [str(CITY[0]), str(CITY[1])]
    assert total[RenewalOverviewModel.RECEIVED] == "¥788.45"
    assert model.data(model.index(len(rows) - 1, 0), Qt.ItemDataRole.FontRole).bold()
    assert page.totals_label.text() == (
        "全市：上年参保 16 人，已续保 5 人（31.3%），待缴费 3 人，离开 0 人，转出 1 人，"
        "不能续保 0 人，未续保 8 人，新参保 3 人，已收 ¥788.45；6 个单位中 2 个尚未来办理。"
    )
    assert "续保计划：SL-ZY-2027" in page.plan_label.text()
    tip = model.data(model.index(codes.index("611002-0001"), RenewalOverviewModel.OPEN), Qt.ItemDataRole.ToolTipRole)
    assert tip == "上年参保 4 − 已续保 2 − 待缴费 1 − 离开 0 − 转出 0 − 不能续保 0"  # 已续保 3 with the mover
    tip = model.data(
        model.index(codes.index("611002-0001"), RenewalOverviewModel.RECEIVED), Qt.ItemDataRole.ToolTipRole
    )
    assert "其中从其他单位转入 1 人" in tip and "共 4 人的保费" in tip
    assert model.headers[RenewalOverviewModel.LEFT] == "离开"


def test_county_only_open_and_activation(page, qtbot):
    with qtbot.waitSignal(page.overviewLoaded, timeout=10000):
        page.county_combo.setCurrentIndex(page.county_combo.findData("611021"))
    model = page.model
    assert [model.data(model.index(r, 1)) for r in range(model.rowCount())] == [
        "611021",
        "611021-0001",
        "611021-0002",
        "",
    ]
    assert model.data(model.index(3, 0)) == "洛南县总工会合计"
    assert page.totals_label.text().startswith("洛南县总工会：上年参保 5 人")
    page.only_open_check.setChecked(True)  # the new unit has nobody to renew
    assert [model.data(model.index(r, 1)) for r in range(model.rowCount())] == ["611021", "611021-0001", ""]
    with qtbot.waitSignal(page.unitActivated) as activated:
        page.table.activated.emit(model.index(1, 0))
    assert activated.args == ["611021-0001"]


def test_f5_reads_again(page, qtbot, database):
    from mutualaid_desktop.services.unit_of_work import UnitOfWork
    from mutualaid_desktop.store.models import Enrollment, OrgUnit, Plan

    with UnitOfWork(database, username="t") as uow:  # B pays for one member
        s = uow.session
        b = s.query(OrgUnit).filter_by(code="611002-0002").one()
        p27 = s.query(Plan).filter_by(code="SL-ZY-2027").one()
        e = s.query(Enrollment).filter_by(unit_id=b.id).first()
        s.add(
            Enrollment(
                member_id=e.member_id,
                plan_id=p27.id,
                unit_id=b.id,
                shares=1,
                premium_fen=9500,
                status="paid",
                cover_start=date(2027, 1, 1),
                cover_end=date(2027, 12, 31),
            )
        )
        uow.commit()
    page.table.setFocus()
    with qtbot.waitSignal(page.overviewLoaded, timeout=10000) as loaded:
        qtbot.keyClick(page.table, Qt.Key.Key_F5)
    assert loaded.args[0].total.renewed == 6 and loaded.args[0].units_not_come == 1


def test_refusal_shown_in_chinese(page, qtbot):
    with qtbot.waitSignal(page.loadFailed, timeout=10000) as failed:
        page.choose(kind="lump_sum")
    assert "还没有 2027 年度的计划" in failed.args[0]
    assert page.status_label.text() == failed.args[0] and page.model.rowCount() == 0
    with qtbot.waitSignal(page.overviewLoaded, timeout=10000):
        page.choose(kind="reimbursement", year=2026)
    assert page.model.rowCount() == 10


def test_f5_reads_the_plans_again(page, qtbot, database):
    from mutualaid_desktop.services.admin.plans import add_plan
    from tests.integration.services.overview_data import plan_text

    with qtbot.waitSignal(page.loadFailed, timeout=10000):
        page.choose(kind="lump_sum")
    add_plan(database, plan_text("critical-illness-2027.toml", 2027))  # added in 设置 meanwhile
    with qtbot.waitSignal(page.overviewLoaded, timeout=10000) as loaded:
        qtbot.keyClick(page.table, Qt.Key.Key_F5)
    assert loaded.args[0].next_plan.code == "ZB-ZJ-2027" and loaded.args[0].total.covered == 1
    assert [page.year_combo.itemData(i) for i in range(page.year_combo.count())] == [2026, 2027]
    assert page.year_combo.currentData() == 2026 and page.kind_combo.currentData() == "lump_sum"


def test_leavers_have_their_column_and_are_not_open(page, qtbot, database):
    """A leaver recorded in 单位续保 shows under 离开, not under 未续保; a unit whose other members are renewed or
    waiting for payment is no longer open (待缴费), one with all renewed or left is 已办完."""
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.renewal.leavers import set_leaver
    from mutualaid_desktop.services.renewal.renewal import renewal_draft

    clerk = UserInfo(None, "t", "经办", "clerk")
    for code, reason in (("611002-0002", "退休"), ("611002-0001", "离职")):
        member = next(m for m in renewal_draft(database, code, "SL-ZY-2027", today=TODAY).members if m.renewable)
        set_leaver(
            database,
            clerk,
            unit_code=code,
            plan_code="SL-ZY-2027",
            member_id=member.member_id,
            reason=reason,
            today=TODAY,
        )
    with qtbot.waitSignal(page.overviewLoaded, timeout=10000):
        qtbot.keyClick(page.table, Qt.Key.Key_F5)
    model = page.model
    rows = {cells(model, r)[RenewalOverviewModel.CODE]: cells(model, r) for r in range(model.rowCount())}
    b, a = rows["611002-0002"], rows["611002-0001"]
    assert (b[RenewalOverviewModel.LEFT], b[RenewalOverviewModel.OPEN], b[RenewalOverviewModel.STATE]) == (
        "1",
        "2",
        "尚未来办理",
    )
    assert (a[RenewalOverviewModel.LEFT], a[RenewalOverviewModel.OPEN], a[RenewalOverviewModel.STATE]) == (
        "1",
        "0",
        "待缴费",
    )
    assert rows["611002"][RenewalOverviewModel.LEFT] == "2"
    total = cells(model, model.rowCount() - 1)
    assert (total[RenewalOverviewModel.LEFT], total[RenewalOverviewModel.OPEN]) == ("2", "6")
    assert "离开 2 人，转出 1 人，不能续保 0 人，未续保 6 人" in page.totals_label.text()
    tip = model.data(
        model.index(list(rows).index("611002-0002"), RenewalOverviewModel.OPEN), Qt.ItemDataRole.ToolTipRole
    )
    assert tip == "上年参保 3 − 已续保 0 − 待缴费 0 − 离开 1 − 转出 0 − 不能续保 0"
    page.grab().save("/tmp/leaver_overview.png")
    page.only_open_check.setChecked(True)  # 待缴费 is not done yet: kept; 已办完 and the new unit: hidden
    shown = [model.data(model.index(r, RenewalOverviewModel.CODE)) for r in range(model.rowCount())]
    assert "611002-0001" in shown and "611002-0003" not in shown and "611021-0002" not in shown
