"""The counter's name has one reader (services/counter_setup.counter_name): what 设置 → 柜台信息 holds,
trimmed, or the default name when it is not set; the home page asks whether it is set at all."""

from __future__ import annotations

from mutualaid_desktop.services.admin.counter_setup import (
    DEFAULT_ORG_NAME,
    counter_name,
    read_counter_info,
    set_org_name,
    stored_counter_name,
)
from mutualaid_desktop.services.dashboard import home_figures
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from tests.rosters import TODAY


def _names(db) -> tuple[str, str | None, str]:
    with UnitOfWork(db, read_only=True) as uow:
        return counter_name(uow.session), stored_counter_name(uow.session), read_counter_info(uow.session).org_name


def test_a_new_counter_prints_the_default_name_and_says_it_is_not_set(db):
    assert _names(db) == (DEFAULT_ORG_NAME, None, DEFAULT_ORG_NAME)
    assert home_figures(db, TODAY).org_name is None


def test_the_name_set_is_the_name_read_everywhere(db):
    set_org_name(db, " 丹凤县总工会 ", username="admin")
    assert _names(db) == ("丹凤县总工会", "丹凤县总工会", "丹凤县总工会")
    assert home_figures(db, TODAY).org_name == "丹凤县总工会"
