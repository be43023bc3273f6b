"""services/reasons: the one rule for a reason typed by a user."""

from __future__ import annotations

import pytest

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.reasons import REASON_LIMIT, written_reason


def test_a_reason_is_cleaned_and_keeps_fullwidth_characters():
    assert written_reason("  录入  抄错，\n已核对（原件） ", "更正原因") == "录入 抄错， 已核对（原件）"
    assert written_reason("第一行\n第二行", "作废原因", multiline=True) == "第一行\n第二行"


def test_an_empty_reason_is_empty_unless_it_is_needed():
    assert written_reason("   ", "说明") == ""
    assert written_reason(None, "说明") == ""
    with pytest.raises(ServiceError, match="请填写冲正原因。"):
        written_reason(" ", "冲正原因", missing="请填写冲正原因。")


@pytest.mark.parametrize(
    ("text", "words"),
    [("a" * (REASON_LIMIT + 1), "最多 500 个字"), ("原因\u202e反转", "第 3 个字符")],
)
def test_a_reason_too_long_or_with_a_hidden_character_is_refused_in_chinese_naming_the_field(text, words):
    with pytest.raises(InputError, match=words) as caught:
        written_reason(text, "作废原因", missing="请填写作废原因。")
    assert caught.value.field == "reason" and "作废原因" in caught.value.message
