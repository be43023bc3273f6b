"""The counter's 咨询电话 is checked by the one phone validator (domain/text.phone_number, as a service
line): a text that is no phone number is refused with the field's name and nothing is saved."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.services.admin.counter_setup import get_counter_info, set_counter_info
from mutualaid_desktop.services.admin.users import create_first_admin


def test_the_counters_phone_is_a_phone_number(db):
    admin = create_first_admin(db, "admin", "王芳", "secret123")
    saved = set_counter_info(db, admin, replace(get_counter_info(db), phone="0914-2312345、12351"))
    assert saved.phone == "0914-2312345、12351" and get_counter_info(db).phone == "0914-2312345、12351"
    with pytest.raises(InputError, match="咨询电话"):
        set_counter_info(db, admin, replace(get_counter_info(db), phone="请到柜台咨询"))
    assert get_counter_info(db).phone == "0914-2312345、12351"
