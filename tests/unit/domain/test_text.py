"""The one cleaner of text that enters the program (domain/text.py)."""

from __future__ import annotations

import pytest

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.text import clean_text, code_text, hidden_character, person_name, phone_number

HOSTILE = {
    "bidi override": "张\u202e三",
    "bidi isolate": "张\u2067三",
    "left-to-right mark": "张\u200e三",
    "zero-width space": "张\u200b三",
    "zero-width joiner": "张\u200d三",
    "byte order mark": "\ufeff张三",
    "NUL": "张\x00三",
    "escape": "张\x1b[31m三",
    "DEL": "张\x7f三",
    "C1 control": "张\x85三",
    "private use": "张\ue000三",
    "vertical tab": "张\x0b三",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hidden_and_control_characters_are_refused_with_the_position(text):
    with pytest.raises(InputError) as caught:
        clean_text(text, field="holder", label="户名", limit=64)
    assert caught.value.code == "hidden_character"
    assert caught.value.field == "holder"
    assert "户名第" in caught.value.message
    assert "张" not in caught.value.message  # the value itself is never quoted


def test_line_breaks_in_a_single_line_field_are_folded():
    assert clean_text("张\u2028三\r\n四", field="a", label="地址", limit=64) == "张 三 四"


def test_plain_text_is_folded_and_made_halfwidth():
    assert (
        clean_text("  西安市\t雁塔区　长安路 １号\n", field="a", label="地址", limit=64) == "西安市 雁塔区 长安路 1号"
    )
    assert clean_text("", field="a", label="地址", limit=64) is None
    assert clean_text(None, field="a", label="地址", limit=64) is None


def test_multiline_keeps_line_breaks_and_refuses_controls():
    assert clean_text("第一行 \r\n 第二行", field="t", label="说明", limit=64, multiline=True) == "第一行\n第二行"
    with pytest.raises(InputError):
        clean_text("a\x07b", field="t", label="说明", limit=64, multiline=True)


def test_too_long_is_refused_not_cut():
    with pytest.raises(InputError) as caught:
        clean_text("字" * 65, field="n", label="单位名称", limit=64)
    assert caught.value.code == "length"
    assert "64" in caught.value.message and "65" in caught.value.message
    assert clean_text("字" * 64, field="n", label="单位名称", limit=64) == "字" * 64


def test_required_field_empty():
    with pytest.raises(InputError) as caught:
        clean_text("   ", field="n", label="单位名称", limit=64, required=True)
    assert caught.value.code == "empty"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("张三", "张三"),
        (" 张 三 ", "张三"),
        ("买买提•艾力", "买买提·艾力"),
        ("买买提・艾力", "买买提·艾力"),
        ("阿依古丽·买买提", "阿依古丽·买买提"),
        ("Maria  Lopez", "Maria Lopez"),
        ("Ｍａｒｉａ", "Maria"),
        ("José Núñez", "José Núñez"),
        ("𠀀𠀁", "𠀀𠀁"),  # CJK extension B
        ("王〇", "王〇"),
    ],
)
def test_person_names_accepted(typed, stored):
    assert person_name(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "张3",
        "=SUM(A1)",
        "+张三",
        "@张三",
        "-张三",
        "张三!",
        "Иван",
        "김철수",
        "·张三",
        "张三·",
        "张··三",
        "",
        "张\u202e三",
    ],
)
def test_person_names_refused(typed):
    with pytest.raises(InputError):
        person_name(typed)


def test_phone_numbers():
    assert phone_number(" 139 1234 5678 ") == "139 1234 5678"
    assert phone_number("0914-2312345转8001") == "0914-2312345转8001"
    assert phone_number("") is None
    for bad in ("1391234567", "=1+2", "@13912345678", "电话", "139\u202e12345678", "-"):
        with pytest.raises(InputError):
            phone_number(bad)


def test_codes_are_uppercase_halfwidth_without_spaces():
    assert code_text(" ｓｌ-0012 ", field="code", label="单位代码", limit=32) == "SL-0012"
    with pytest.raises(InputError):
        code_text("A" * 33, field="code", label="单位代码", limit=32)
    with pytest.raises(InputError):
        code_text("A\u200bB", field="code", label="单位代码", limit=32)
    assert code_text("", field="code", label="发票号", limit=32, required=False) is None


def test_hidden_character_reports_the_first():
    assert hidden_character("ab\u202ec\x00") == (3, "U+202E", "看不见的格式字符（如文字方向控制符、零宽字符）")
    assert hidden_character("普通文字") is None


def test_a_counters_service_line():
    """The counter's 咨询电话 (service_line): a short service number such as the unions' hotline 12351, and
    several numbers separated by 、 / or a comma; each number checked as any phone number."""
    assert phone_number("12351", service_line=True) == "12351"
    assert phone_number("0914-2312345、12351", service_line=True) == "0914-2312345、12351"
    assert phone_number("0914-2312345 / 13912345678", service_line=True) == "0914-2312345 / 13912345678"
    assert phone_number("０９１４-２３１２３４５", service_line=True) == "0914-2312345"
    for bad in ("工作日 0914-2312345", "=1+2", "、", "0914-2312345、", "1391234567、0914-2312345", "12351\u202e"):
        with pytest.raises(InputError):
            phone_number(bad, service_line=True)
    with pytest.raises(InputError):
        phone_number("12351")  # a member's phone: a mobile number has 11 digits
    with pytest.raises(InputError):
        phone_number("0914-2312345、12351")  # a member's phone: one number
