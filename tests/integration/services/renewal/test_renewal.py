"""Renewal by unit (续保): the draft list, leavers, joiners typed and from a roster file, the refusals
(all or nothing), the audit record, and continuity once paid."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.services.enrollment.payments import record_payment
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.renewal.renewal import (
    check_joiner,
    confirm_renewal,
    renewal_choices,
    renewal_draft,
    roster_joiners,
)
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.store.models import AuditRecord, Enrollment, Member
from tests.rosters import bad_check, write_xlsx

from ..renewal_unit_data import LAST_PLAN, OTHER_UNIT, PLAN, TODAY, UNIT, make_renewal_city, new_person


@pytest.fixture
def db(tmp_path):
    database = open_counter_database(str(tmp_path / "c.sqlite3"))
    yield database
    database.dispose()


@pytest.fixture
def city(db):
    return make_renewal_city(db)


def counts(db):
    with db.session(read_only=True) as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (Member, Enrollment, AuditRecord))


def enrollments_2027(db, member_id):
    with db.session(read_only=True) as s:
        return list(s.scalars(select(Enrollment).where(Enrollment.member_id == member_id, Enrollment.plan_id == 2)))


def test_choices_offer_the_plan_that_follows_last_year(db, city):
    choices = renewal_choices(db, TODAY)
    # SL-ZY-2026 is still open until 31 December but follows no plan: it is not offered
    assert [p.code for p in choices.plans] == [PLAN]
    assert choices.plans[0].previous_codes == (LAST_PLAN,) and choices.plans[0].previous_end == date(2026, 12, 31)
    assert {u.code for u in choices.units} >= {UNIT, OTHER_UNIT}


def test_draft_lists_last_years_members_with_what_they_owe(db, city):
    draft = renewal_draft(db, UNIT, PLAN, today=TODAY)
    by_id = {m.member_id: m for m in draft.members}
    # not: the 2026 pending, the cancelled, the cover that ended on 30 June
    assert set(by_id) == set(city.kept.values()) | {city.renewed, city.pending, city.old, city.moved}
    assert draft.cover_start == date(2027, 1, 1)
    for member_id in city.kept.values():
        m = by_id[member_id]
        assert m.renewable and m.keep_by_default and m.premium == Decimal("95.00") and m.shares == 1
        assert m.id_number[6:14] == "********" and m.continuous_if_paid_today
    assert by_id[city.renewed].enrolled == "paid" and not by_id[city.renewed].renewable
    assert by_id[city.pending].enrolled == "pending_payment" and not by_id[city.pending].renewable
    assert draft.pending_ids == (city.pending_enrollment,)
    old = by_id[city.old]
    assert not old.renewable and "61 周岁" in old.problem and "16至60" in old.problem
    moved = by_id[city.moved]
    assert moved.renewable and not moved.keep_by_default and moved.moved_to == "商州区人民医院工会"
    assert draft.renewable_count == len(city.kept) + 1


def test_shares_are_capped_at_next_years_maximum(db, city):
    draft = renewal_draft(db, OTHER_UNIT, PLAN, today=TODAY)
    assert [m.shares for m in draft.members][:2] == [1, 1]  # the first had 2 shares in 2026
    assert all(m.premium == Decimal("95.00") for m in draft.members)


def test_confirm_with_a_leaver_and_a_typed_joiner(db, city):
    kept = sorted(city.kept.values())
    leaver = kept.pop()
    joiner = check_joiner(
        db,
        unit_code=UNIT,
        plan_code=PLAN,
        id_number=new_person(1).lower(),
        name=" 林 新 ",
        phone="13900000001",
        shares="1",
        today=TODAY,
    )
    assert joiner.member_id is None and joiner.premium == Decimal("95.00") and joiner.id_number == new_person(1)
    members, enrollments, audits = counts(db)
    result = confirm_renewal(
        db,
        city.admin,
        unit_code=UNIT,
        plan_code=PLAN,
        keep_member_ids=kept,
        leavers={leaver: "调离本单位", city.moved: "离职/调出"},
        joiners=[joiner],
        today=TODAY,
    )
    assert isinstance(result.premium_due, Decimal) and result.premium_due == Decimal("95.00") * 3
    assert (result.kept, result.joined, result.left, result.new_members, result.moved_members) == (2, 1, 2, 1, 0)
    assert len(result.enrollment_ids) == 3
    assert counts(db) == (members + 1, enrollments + 3, audits + 1)
    with db.session(read_only=True) as s:
        new = s.scalars(select(Enrollment).where(Enrollment.id.in_(result.enrollment_ids))).all()
        assert {e.status for e in new} == {"pending_payment"} and {e.premium_fen for e in new} == {9500}
        assert {e.unit_id for e in new} == {s.scalar(select(Member.unit_id).where(Member.id == kept[0]))}
        person = s.scalar(select(Member).where(Member.id_number == new_person(1)))
        assert person.name == "林新" and person.phone == "13900000001" and person.unit.code == UNIT
        audit = s.scalars(select(AuditRecord).order_by(AuditRecord.id.desc())).first()
    assert enrollments_2027(db, leaver) == []
    assert audit.action == "renewal.confirm" and audit.username == "admin"
    after = json.loads(audit.after_json)
    assert after["kept"] == kept and after["plan"] == PLAN and after["previous_plans"] == [LAST_PLAN]
    assert {(x["member_id"], x["reason"]) for x in after["left"]} == {(leaver, "调离本单位"), (city.moved, "离职/调出")}
    assert after["joined"][0]["id_number"] == new_person(1) and after["joined"][0]["new_member"] is True
    assert after["premium"] == "285.00"
    # kept members are shown as enrolled now and cannot be renewed twice
    draft = {m.member_id: m for m in renewal_draft(db, UNIT, PLAN, today=TODAY).members}
    assert draft[kept[0]].enrolled == "pending_payment"
    with pytest.raises(ServiceError, match="已登记本计划、待缴费"):
        confirm_renewal(db, city.admin, unit_code=UNIT, plan_code=PLAN, keep_member_ids=kept[:1], today=TODAY)


def test_payment_decides_continuity(db, city):
    kept = sorted(city.kept.values())
    result = confirm_renewal(
        db,
        city.admin,
        unit_code=UNIT,
        plan_code=PLAN,
        keep_member_ids=kept,
        joiners=[{"id_number": new_person(2), "name": "林二"}],
        today=TODAY,
    )
    paid = record_payment(
        db,
        city.admin,
        enrollment_ids=result.enrollment_ids,
        payer_unit_code=UNIT,
        amount=result.premium_due,
        method="cash",
        paid_on=TODAY,
        today=TODAY,
    )
    assert paid.serial and paid.cover_start == date(2027, 1, 1)
    with db.session(read_only=True) as s:
        rows = {e.member_id: e for e in s.scalars(select(Enrollment).where(Enrollment.id.in_(result.enrollment_ids)))}
        joiner_id = s.scalar(select(Member.id).where(Member.id_number == new_person(2)))
    assert all(rows[m].status == "paid" and rows[m].continuous for m in kept)
    assert rows[joiner_id].status == "paid" and not rows[joiner_id].continuous


def test_joiners_from_a_roster_file_with_a_bad_row(db, city, tmp_path):
    rows = [
        [1, "林一", new_person(1), "男", "13900000001", "", ""],
        [2, "林二", bad_check(new_person(2)), "男", "", "", ""],
        [3, "林三", new_person(3, born=date(1950, 1, 1)), "男", "", "", ""],
        [4, "林四", new_person(4, male=False), "女", "", "", ""],
    ]
    path = write_xlsx(tmp_path / "新增人员.xlsx", rows)
    found = roster_joiners(db, path, unit_code=UNIT, plan_code=PLAN, today=TODAY)
    assert found.file_name == "新增人员.xlsx" and found.rows == 4
    assert [(j.name, j.source_row) for j in found.good] == [("林一", 4), ("林四", 7)]
    assert found.good[0].phone == "13900000001" and found.good[1].sex == "female"
    reasons = {b.row: b.reason for b in found.bad}
    assert set(reasons) == {5, 6} and "校验码" in reasons[5] and "年龄不符合" in reasons[6]
    result = confirm_renewal(
        db, city.admin, unit_code=UNIT, plan_code=PLAN, keep_member_ids=[], joiners=found.good, today=TODAY
    )
    assert result.joined == 2 and result.kept == 0 and result.premium_due == Decimal("190.00")
    with db.session(read_only=True) as s:
        assert s.scalar(select(func.count()).select_from(Member).where(Member.name.in_(["林二", "林三"]))) == 0


def test_over_age_and_already_enrolled_can_not_be_kept(db, city):
    before = counts(db)
    with pytest.raises(ServiceError) as refused:
        confirm_renewal(
            db,
            city.admin,
            unit_code=UNIT,
            plan_code=PLAN,
            keep_member_ids=[*city.kept.values(), city.old, city.renewed],
            today=TODAY,
        )
    text = refused.value.message
    assert "数据没有改动" in text and "年龄不符合" in text and "已参加并缴费本计划" in text
    assert "冯老" not in text and re.search(r"\d{17}[\dX]", text) is None  # neither names nor ID numbers
    assert counts(db) == before


def test_all_or_nothing_on_bad_input(db, city):
    before = counts(db)
    kept = list(city.kept.values())
    bad_inputs = [
        dict(joiners=[{"id_number": bad_check(new_person(1)), "name": "林一"}]),
        dict(joiners=[{"id_number": new_person(1), "name": ""}]),
        dict(joiners=[{"id_number": new_person(1), "name": "林一"}, {"id_number": new_person(1), "name": "林一"}]),
        dict(joiners=[{"id_number": new_person(1), "name": "林一", "shares": 2}]),
        dict(joiners=[{"id_number": new_person(1), "name": "林一", "sex": "女"}]),
        dict(leavers={kept[0]: "离职"}),  # kept and leaving
        dict(leavers={city.other_unit_member: "退休"}),  # not in the draft
    ]
    messages = []
    for extra in bad_inputs:
        with pytest.raises(ServiceError) as refused:
            confirm_renewal(db, city.admin, unit_code=UNIT, plan_code=PLAN, keep_member_ids=kept, today=TODAY, **extra)
        messages.append(refused.value.message)
    assert "校验码" in messages[0] and "请填写姓名" in messages[1] and "同一人" in messages[2]
    assert "最多 1 份" in messages[3] and "性别与身份证号码不符" in messages[4]
    assert "既勾选了续保又标为离开" in messages[5] and "不在该单位去年的参保名单中" in messages[6]
    with pytest.raises(ServiceError, match="没有要续保或新增的人员"):
        confirm_renewal(db, city.admin, unit_code=UNIT, plan_code=PLAN, keep_member_ids=[], today=TODAY)
    with pytest.raises(ServiceError, match="不在该单位去年的参保名单中"):
        confirm_renewal(
            db, city.admin, unit_code=UNIT, plan_code=PLAN, keep_member_ids=[city.other_unit_member], today=TODAY
        )
    assert counts(db) == before


def test_a_member_of_the_draft_is_not_a_joiner(db, city):
    with db.session(read_only=True) as s:
        number = s.scalar(select(Member.id_number).where(Member.id == city.old))
        kept_number = s.scalar(select(Member.id_number).where(Member.id == min(city.kept.values())))
    with pytest.raises(InputError, match="年龄不符合"):
        check_joiner(db, unit_code=UNIT, plan_code=PLAN, id_number=number, name="冯老", today=TODAY)
    with pytest.raises(ServiceError, match="请在名单中勾选续保"):
        confirm_renewal(
            db,
            city.admin,
            unit_code=UNIT,
            plan_code=PLAN,
            keep_member_ids=[],
            joiners=[{"id_number": kept_number, "name": "x"}],
            today=TODAY,
        )


def test_existing_person_joins_and_moves_to_the_unit(db, city):
    with db.session(read_only=True) as s:
        number = s.scalar(select(Member.id_number).where(Member.id == city.other_unit_member))
    joiner = check_joiner(db, unit_code=UNIT, plan_code=PLAN, id_number=number, name="随便", today=TODAY)
    assert joiner.member_id == city.other_unit_member and joiner.member_unit == "商州区人民医院工会"
    assert "已登记的姓名" in joiner.note
    result = confirm_renewal(
        db, city.admin, unit_code=UNIT, plan_code=PLAN, keep_member_ids=[city.moved], joiners=[joiner], today=TODAY
    )
    assert (result.new_members, result.moved_members) == (0, 2)
    with db.session(read_only=True) as s:
        units = {
            m.id: m.unit.code
            for m in s.scalars(select(Member).where(Member.id.in_([city.moved, city.other_unit_member])))
        }
    assert units == {city.moved: UNIT, city.other_unit_member: UNIT}
    with pytest.raises(ServiceError, match="已参加本计划"):
        check_joiner(db, unit_code=UNIT, plan_code=PLAN, id_number=number, name="x", today=TODAY)


def test_typed_joiner_checks(db, city):
    with pytest.raises(InputError) as bad:
        check_joiner(db, unit_code=UNIT, plan_code=PLAN, id_number="61100219800501003", name="林", today=TODAY)
    assert bad.value.field == "id_number"
    with pytest.raises(InputError) as bad:
        check_joiner(db, unit_code=UNIT, plan_code=PLAN, id_number=new_person(1), name=" ", today=TODAY)
    assert bad.value.field == "name"


def test_a_clerk_is_told_to_add_next_years_plan_first(tmp_path):
    db = open_counter_database(str(tmp_path / "c.sqlite3"))
    city = make_renewal_city(db, next_year=False)
    assert renewal_choices(db, TODAY).plans == []
    with pytest.raises(ServiceError, match="设置 → 计划 中添加下一年度的计划"):
        renewal_draft(db, UNIT, LAST_PLAN, today=TODAY)
    with pytest.raises(ServiceError, match="设置 → 计划"):
        confirm_renewal(db, city.admin, unit_code=UNIT, plan_code=LAST_PLAN, keep_member_ids=[1], today=TODAY)
    db.dispose()


def test_a_reviewer_may_not_renew(db, city):
    from mutualaid_desktop.services.admin.users import UserInfo

    reviewer = UserInfo(None, "li", "李审核", "reviewer")
    with pytest.raises(ServiceError, match="不能办理参保"):
        confirm_renewal(
            db, reviewer, unit_code=UNIT, plan_code=PLAN, keep_member_ids=list(city.kept.values()), today=TODAY
        )


# --- leavers recorded (renewal_leavers) ------------------------------------------------------------


def leaver_rows(db, member_id=None):
    from mutualaid_desktop.store.models import RenewalLeaver

    with db.session(read_only=True) as s:
        stmt = select(RenewalLeaver).order_by(RenewalLeaver.id)
        if member_id is not None:
            stmt = stmt.where(RenewalLeaver.member_id == member_id)
        return list(s.scalars(stmt))


def test_confirm_records_the_leavers_and_the_draft_shows_them_again(db, city):
    kept = sorted(city.kept.values())
    leaver = kept.pop()
    confirm_renewal(
        db,
        city.admin,
        unit_code=UNIT,
        plan_code=PLAN,
        keep_member_ids=kept,
        leavers={leaver: " 退休 ", city.moved: "离职/调出"},
        today=TODAY,
    )
    rows = leaver_rows(db)
    assert [(r.member_id, r.reason, r.plan_id, r.withdrawn_at) for r in rows] == [
        (leaver, "退休", 2, None),
        (city.moved, "离职/调出", 2, None),
    ]
    assert rows[0].recorded_by == city.admin.id and rows[0].recorded_at is not None
    draft = {m.member_id: m for m in renewal_draft(db, UNIT, PLAN, today=TODAY).members}
    assert draft[leaver].left_recorded and draft[leaver].left_reason == "退休"
    assert draft[leaver].renewable and not draft[leaver].keep_by_default  # unticked, may be ticked back
    assert draft[city.moved].left_recorded and draft[city.moved].left_reason == "离职/调出"
    assert not draft[kept[0]].left_recorded  # enrolled now


def test_ticking_a_recorded_leaver_back_renews_them_and_withdraws_the_record(db, city):
    kept = sorted(city.kept.values())
    leaver = kept.pop()
    confirm_renewal(
        db, city.admin, unit_code=UNIT, plan_code=PLAN, keep_member_ids=kept, leavers={leaver: "离职"}, today=TODAY
    )
    result = confirm_renewal(db, city.admin, unit_code=UNIT, plan_code=PLAN, keep_member_ids=[leaver], today=TODAY)
    assert result.kept == 1 and result.leavers_withdrawn == 1
    (row,) = leaver_rows(db, leaver)  # kept, withdrawn: never deleted
    assert row.withdrawn_at is not None and row.withdrawn_by == city.admin.id and row.reason == "离职"
    assert [e.status for e in enrollments_2027(db, leaver)] == ["pending_payment"]
    with db.session(read_only=True) as s:
        audit = s.scalars(select(AuditRecord).order_by(AuditRecord.id.desc())).first()
    assert json.loads(audit.after_json)["leavers_withdrawn"] == [leaver]
    draft = {m.member_id: m for m in renewal_draft(db, UNIT, PLAN, today=TODAY).members}
    assert not draft[leaver].left_recorded and draft[leaver].enrolled == "pending_payment"


def test_leavers_alone_and_a_changed_reason(db, city):
    kept = sorted(city.kept.values())
    result = confirm_renewal(
        db, city.admin, unit_code=UNIT, plan_code=PLAN, keep_member_ids=[], leavers={kept[0]: "离职"}, today=TODAY
    )
    assert (result.enrollment_ids, result.left, result.premium_due) == ((), 1, Decimal("0.00"))
    confirm_renewal(
        db, city.admin, unit_code=UNIT, plan_code=PLAN, keep_member_ids=[], leavers={kept[0]: "离职"}, today=TODAY
    )  # the same again: nothing new
    assert len(leaver_rows(db, kept[0])) == 1
    confirm_renewal(
        db, city.admin, unit_code=UNIT, plan_code=PLAN, keep_member_ids=[], leavers={kept[0]: "死亡"}, today=TODAY
    )
    old, new = leaver_rows(db, kept[0])
    assert (old.reason, old.withdrawn_at is not None) == ("离职", True)
    assert (new.reason, new.withdrawn_at) == ("死亡", None)


def test_set_and_withdraw_a_leaver_without_enrolling(db, city):
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.errors import NotFound
    from mutualaid_desktop.services.renewal.leavers import set_leaver, withdraw_leaver

    member = min(city.kept.values())
    members, enrollments, audits = counts(db)
    record = set_leaver(db, city.admin, unit_code=UNIT, plan_code=PLAN, member_id=member, reason="退休", today=TODAY)
    assert record.reason == "退休" and record.unit_code == UNIT and record.plan_code == PLAN
    assert counts(db) == (members, enrollments, audits + 1)
    again = set_leaver(db, city.admin, unit_code=UNIT, plan_code=PLAN, member_id=member, reason="退休", today=TODAY)
    assert again.record_id == record.record_id and counts(db) == (members, enrollments, audits + 1)  # nothing to do
    draft = {m.member_id: m for m in renewal_draft(db, UNIT, PLAN, today=TODAY).members}
    assert draft[member].left_recorded and draft[member].left_reason == "退休"
    withdrawn = withdraw_leaver(db, city.admin, unit_code=UNIT, plan_code=PLAN, member_id=member, today=TODAY)
    assert withdrawn.record_id == record.record_id
    (row,) = leaver_rows(db, member)
    assert row.withdrawn_at is not None and row.withdrawn_by == city.admin.id
    with db.session(read_only=True) as s:
        actions = [a for (a,) in s.execute(select(AuditRecord.action).order_by(AuditRecord.id.desc()).limit(2))]
    assert actions == ["renewal.leaver_withdrawn", "renewal.leaver"]
    assert not {m.member_id: m for m in renewal_draft(db, UNIT, PLAN, today=TODAY).members}[member].left_recorded
    before = counts(db)
    with pytest.raises(NotFound, match="没有登记为离开"):
        withdraw_leaver(db, city.admin, unit_code=UNIT, plan_code=PLAN, member_id=member, today=TODAY)
    with pytest.raises(ServiceError, match=r"不在 .* 去年的参保名单中"):
        set_leaver(
            db, city.admin, unit_code=UNIT, plan_code=PLAN, member_id=city.other_unit_member, reason="退休", today=TODAY
        )
    with pytest.raises(ServiceError, match="已参加本计划，不能标为离开"):
        set_leaver(db, city.admin, unit_code=UNIT, plan_code=PLAN, member_id=city.pending, reason="退休", today=TODAY)
    with pytest.raises(ServiceError, match="不能办理参保"):
        set_leaver(
            db,
            UserInfo(None, "li", "李审核", "reviewer"),
            unit_code=UNIT,
            plan_code=PLAN,
            member_id=member,
            reason="退休",
            today=TODAY,
        )
    assert counts(db) == before


def test_a_known_person_is_found_by_the_id_number_typed_for_a_joiner(db, city):
    from mutualaid_desktop.services.renewal.renewal_joiners import find_known_person

    with db.session(read_only=True) as s:
        other = s.scalar(select(Member).where(Member.id == city.other_unit_member))
        number, name, sex, born = other.id_number, other.name, other.sex, other.birth_date
        own = s.scalar(select(Member.id_number).where(Member.id == min(city.kept.values())))
    found = find_known_person(db, unit_code=UNIT, id_number=number.lower(), today=TODAY)
    assert (found.member_id, found.name, found.sex, found.birth_date) == (city.other_unit_member, name, sex, born)
    assert found.unit_name and found.unit_name != "商州区第一中学工会"  # a transfer from that unit
    assert find_known_person(db, unit_code=UNIT, id_number=own, today=TODAY).unit_name is None  # this unit's
    assert find_known_person(db, unit_code=UNIT, id_number=new_person(5), today=TODAY) is None
    assert find_known_person(db, unit_code=UNIT, id_number=number[:10], today=TODAY) is None  # not complete yet


def test_the_roster_bad_rows_are_written_with_their_reasons(db, city, tmp_path):
    from openpyxl import load_workbook

    from mutualaid_desktop.services.renewal.renewal_joiners import export_joiner_bad_rows

    rows = [[1, "林一", new_person(1), "男", "", "", ""], [2, "林二", bad_check(new_person(2)), "男", "", "", ""]]
    found = roster_joiners(db, write_xlsx(tmp_path / "r.xlsx", rows), unit_code=UNIT, plan_code=PLAN, today=TODAY)
    path = export_joiner_bad_rows(found, tmp_path / "问题行.xlsx")
    values = [[c.value for c in row] for row in load_workbook(path).active.iter_rows()]
    assert "r.xlsx" in values[0][0] and values[1][0] == "原表行号" and values[1][-1] == "原因"
    assert len(values) == 3 and bad_check(new_person(2)) in values[2] and "校验码" in values[2][-1]
    with pytest.raises(ServiceError):  # a folder where the file should go: said in Chinese, nothing written
        export_joiner_bad_rows(found, tmp_path)


def test_joiners_are_new_enrollments_and_stop_at_the_plans_last_day(db, city):
    """A joiner typed or listed in 单位续保 is a new enrollment: after the plan's 停止参保日 it is refused as
    a walk-in or a roster is (the members kept are renewals and are not); nothing is written."""
    from mutualaid_desktop.services.admin.plans import change_enrollment_closes

    change_enrollment_closes(db, city.admin, PLAN, date(2027, 11, 30))
    late = date(2027, 12, 5)
    with pytest.raises(ServiceError, match="停止参保日是 2027-11-30"):
        check_joiner(db, unit_code=UNIT, plan_code=PLAN, id_number=new_person(1), name="林新", today=late)
    joiner = check_joiner(db, unit_code=UNIT, plan_code=PLAN, id_number=new_person(1), name="林新", today=TODAY)
    before = counts(db)
    with pytest.raises(ServiceError, match="停止参保日是 2027-11-30"):
        confirm_renewal(
            db, city.admin, unit_code=UNIT, plan_code=PLAN, keep_member_ids=[], joiners=[joiner], today=late
        )
    assert counts(db) == before
    result = confirm_renewal(
        db, city.admin, unit_code=UNIT, plan_code=PLAN, keep_member_ids=[], joiners=[joiner], today=date(2027, 11, 30)
    )  # the last day still takes them
    assert result.joined == 1
