"""A leaver of a unit's renewal needs a reason (issue 10): 离职/调出, 退休, 死亡, 本人不愿续保 or 其他 (then
written out). The service refuses a leaver without one and writes nothing; a record made before the rule
(no reason) is left as it is when it does not change."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.renewal.leaver_reasons import LEAVER_REASONS, leaver_reason, split_leaver_reason
from mutualaid_desktop.services.renewal.leavers import set_leaver
from mutualaid_desktop.services.renewal.renewal import confirm_renewal, renewal_draft
from mutualaid_desktop.services.session import open_counter_database
from mutualaid_desktop.store.models import AuditRecord, Enrollment, Member, OrgUnit, RenewalLeaver

from ..renewal_unit_data import PLAN, TODAY, UNIT, make_renewal_city


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
        return tuple(
            s.scalar(select(func.count()).select_from(m)) for m in (Member, Enrollment, AuditRecord, RenewalLeaver)
        )


def test_the_reasons_offered_and_how_they_are_written():
    assert LEAVER_REASONS == ("离职/调出", "退休", "死亡", "本人不愿续保", "其他")
    assert leaver_reason("退休") == "退休"
    assert leaver_reason("离职/调出", "  调往 市医院 ") == "离职/调出：调往 市医院"
    assert leaver_reason("其他", "回原籍") == "其他：回原籍"
    assert split_leaver_reason("其他：回原籍") == ("其他", "回原籍")
    assert split_leaver_reason("退休") == ("退休", "")
    assert split_leaver_reason("调离本单位") == (None, "调离本单位")  # typed before the list existed
    with pytest.raises(InputError, match="写明"):
        leaver_reason("其他", "  ")
    with pytest.raises(InputError, match="请选择离开原因"):
        leaver_reason("", "回原籍")


def test_a_leaver_without_a_reason_is_refused_and_nothing_written(db, city):
    kept = sorted(city.kept.values())
    leaver = kept.pop()
    before = counts(db)
    for reason in (None, "  ", "其他", "其他："):
        with pytest.raises(ServiceError) as refused:
            confirm_renewal(
                db,
                city.admin,
                unit_code=UNIT,
                plan_code=PLAN,
                keep_member_ids=kept,
                leavers={leaver: reason, city.moved: "离职/调出"},
                today=TODAY,
            )
        assert "离开原因" in refused.value.message and "数据没有改动" in refused.value.message
    assert counts(db) == before
    with pytest.raises(InputError, match="离开原因"):
        set_leaver(db, city.admin, unit_code=UNIT, plan_code=PLAN, member_id=leaver, reason=None, today=TODAY)
    assert counts(db) == before
    result = confirm_renewal(
        db,
        city.admin,
        unit_code=UNIT,
        plan_code=PLAN,
        keep_member_ids=kept,
        leavers={leaver: "其他：回原籍", city.moved: "离职/调出"},
        today=TODAY,
    )
    assert result.left == 2


def test_a_record_without_a_reason_made_before_the_rule_stays_as_it_is(db, city):
    kept = sorted(city.kept.values())
    leaver = kept.pop()
    with db.session() as s:  # recorded by an older version, which did not ask for a reason
        unit_id = s.scalar(select(OrgUnit.id).where(OrgUnit.code == UNIT))
        s.add(
            RenewalLeaver(
                member_id=leaver,
                plan_id=2,
                unit_id=unit_id,
                reason=None,
                recorded_at=datetime(2026, 11, 1),
                recorded_by=city.admin.id,
            )
        )
        s.commit()
    draft = {m.member_id: m for m in renewal_draft(db, UNIT, PLAN, today=TODAY).members}
    assert draft[leaver].left_recorded and draft[leaver].left_reason is None
    result = confirm_renewal(
        db,
        city.admin,
        unit_code=UNIT,
        plan_code=PLAN,
        keep_member_ids=kept,
        leavers={leaver: None, city.moved: "退休"},
        today=TODAY,
    )
    assert result.left == 2
    with db.session(read_only=True) as s:
        live = s.scalars(select(RenewalLeaver).where(RenewalLeaver.member_id == leaver)).all()
    assert [(r.reason, r.withdrawn_at) for r in live] == [(None, None)]  # unchanged, not written again
