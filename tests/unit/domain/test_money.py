from decimal import Decimal

import pytest

from mutualaid_desktop.domain.errors import InputError, PlanError
from mutualaid_desktop.domain.money import (
    amount_in_words,
    format_amount,
    from_fen,
    parse_amount,
    round_half_up_fen,
    to_fen,
)

D = Decimal


class TestInputError:
    def test_str_with_field(self):
        error = InputError("total_cost", "医疗总费用不能为负数", "negative")
        assert str(error) == "total_cost: 医疗总费用不能为负数"
        assert (error.field, error.message, error.code) == ("total_cost", "医疗总费用不能为负数", "negative")

    def test_str_without_field_and_default_code(self):
        error = InputError(None, "计划文件格式有误")
        assert str(error) == "计划文件格式有误"
        assert error.code == "invalid"

    def test_is_a_value_error_and_plan_error_is_an_input_error(self):
        assert isinstance(InputError("a", "b"), ValueError)
        assert isinstance(PlanError("a", "b"), InputError)

    def test_pickles(self):
        import pickle

        error = pickle.loads(pickle.dumps(PlanError("code", "缺少计划代码", "missing")))
        assert isinstance(error, PlanError)
        assert (error.field, error.message, error.code) == ("code", "缺少计划代码", "missing")


class TestParseAmount:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("1234.56", "1234.56"),
            ("1,234.56", "1234.56"),
            ("1,234,567.8", "1234567.80"),
            ("１２３４．５６", "1234.56"),
            ("１，２３４．５６", "1234.56"),
            ("¥1234.56", "1234.56"),
            ("￥1,234.56", "1234.56"),
            ("¥ 12", "12.00"),
            ("  95.00  ", "95.00"),
            ("\u300095\u3000", "95.00"),
            ("0", "0.00"),
            ("0.5", "0.50"),
            ("300", "300.00"),
            ("12.50", "12.50"),
            ("12.500", "12.50"),  # extra zeros do not change the amount
            ("1234。56", "1234.56"),  # the IME's full stop typed for the decimal point
        ],
    )
    def test_accepted_text(self, text, expected):
        amount = parse_amount(text)
        assert amount == D(expected)
        assert str(amount) == expected  # always two places

    def test_int_and_decimal(self):
        assert str(parse_amount(95)) == "95.00"
        assert str(parse_amount(D("3.1"))) == "3.10"
        assert str(parse_amount(D("1E+2"))) == "100.00"
        assert str(parse_amount(D("-0"))) == "0.00"

    @pytest.mark.parametrize(
        ("value", "code"),
        [
            ("", "empty"),
            ("   ", "empty"),
            ("12.345", "decimals"),
            ("0.001", "decimals"),
            ("-5", "negative"),
            ("-¥5.00", "negative"),
            ("¥-5.00", "negative"),
            ("－５", "negative"),
            ("abc", "format"),
            ("1,23", "format"),
            ("12,34.5", "format"),
            ("1.2.3", "format"),
            ("1e5", "format"),
            (".5", "format"),
            ("5.", "format"),
            ("+5", "format"),
            ("5元", "format"),
            ("٣", "format"),  # an Arabic-Indic digit is not a digit here
            ("NaN", "format"),
            ("9" * 17, "too_large"),
            (D("NaN"), "format"),
            (D("-1"), "negative"),
            (D("1.005"), "decimals"),
            (-3, "negative"),
            (None, "type"),
            (True, "type"),
            ([1], "type"),
        ],
    )
    def test_refused(self, value, code):
        with pytest.raises(InputError) as info:
            parse_amount(value, "医疗总费用")
        assert info.value.code == code
        assert info.value.field == "医疗总费用"
        assert "医疗总费用" in info.value.message

    def test_message_names_the_field_and_quotes_the_text(self):
        with pytest.raises(InputError) as info:
            parse_amount("12.345", "起付线")
        assert "起付线" in info.value.message and "12.345" in info.value.message

    def test_default_field(self):
        with pytest.raises(InputError) as info:
            parse_amount("x")
        assert info.value.field == "金额"

    def test_float_is_refused_with_advice(self):
        with pytest.raises(InputError) as info:
            parse_amount(95.0)
        assert info.value.code == "float"
        assert '带引号的字符串，如 "95.00"' in info.value.message


class TestFen:
    def test_to_fen(self):
        assert to_fen(D("1234.56")) == 123456
        assert to_fen(D("0")) == 0
        assert to_fen(D("0.10")) == 10
        assert to_fen(7) == 700
        assert to_fen(D("-1.5")) == -150

    def test_to_fen_refuses_a_fraction_of_a_fen(self):
        with pytest.raises(ValueError):
            to_fen(D("0.005"))

    def test_to_fen_refuses_float(self):
        with pytest.raises(TypeError):
            to_fen(1.5)  # type: ignore[arg-type]

    def test_from_fen(self):
        assert from_fen(123456) == D("1234.56")
        assert str(from_fen(123456)) == "1234.56"
        assert str(from_fen(0)) == "0.00"
        assert str(from_fen(5)) == "0.05"
        assert str(from_fen(-150)) == "-1.50"

    def test_round_trip_large(self):
        fen = 999_999_999_999_999_99
        assert to_fen(from_fen(fen)) == fen


class TestRounding:
    @pytest.mark.parametrize(
        ("amount", "expected"),
        [
            ("0.005", "0.01"),
            ("0.004999", "0.00"),
            ("1.235", "1.24"),
            ("1.2449", "1.24"),
            ("2.5", "2.50"),
            ("-0.005", "-0.01"),
        ],
    )
    def test_half_up(self, amount, expected):
        assert str(round_half_up_fen(D(amount))) == expected


class TestFormatAmount:
    @pytest.mark.parametrize(
        ("amount", "expected"),
        [
            (D("1234.56"), "¥1,234.56"),
            (D("-1234.56"), "-¥1,234.56"),
            (D("0"), "¥0.00"),
            (0, "¥0.00"),
            (D("-0.00"), "¥0.00"),
            (D("1000000"), "¥1,000,000.00"),
            (D("0.5"), "¥0.50"),
            (D("999.995"), "¥1,000.00"),
        ],
    )
    def test_format(self, amount, expected):
        assert format_amount(amount) == expected


class TestAmountInWords:
    @pytest.mark.parametrize(
        ("amount", "expected"),
        [
            ("0", "人民币零元整"),
            ("0.56", "人民币伍角陆分"),
            ("0.05", "人民币伍分"),
            ("0.50", "人民币伍角"),
            ("1409.50", "人民币壹仟肆佰零玖元伍角"),
            ("10.01", "人民币壹拾元零壹分"),
            ("10.50", "人民币壹拾元零伍角"),
            ("1000010.00", "人民币壹佰万零壹拾元整"),
            ("1000000", "人民币壹佰万元整"),
            ("100000", "人民币壹拾万元整"),
            ("110000", "人民币壹拾壹万元整"),
            ("1010000", "人民币壹佰零壹万元整"),
            ("100010000", "人民币壹亿零壹万元整"),
            ("300", "人民币叁佰元整"),
            ("95", "人民币玖拾伍元整"),
            ("1680.32", "人民币壹仟陆佰捌拾元零叁角贰分"),
            ("100.05", "人民币壹佰元零伍分"),
            # more of the same rules
            ("1", "人民币壹元整"),
            ("10", "人民币壹拾元整"),
            ("15", "人民币壹拾伍元整"),
            ("1001", "人民币壹仟零壹元整"),
            ("1010", "人民币壹仟零壹拾元整"),
            ("10001", "人民币壹万零壹元整"),
            ("100100", "人民币壹拾万零壹佰元整"),
            ("1409.05", "人民币壹仟肆佰零玖元零伍分"),
            ("1409.55", "人民币壹仟肆佰零玖元伍角伍分"),
            ("30000.00", "人民币叁万元整"),
            ("1750", "人民币壹仟柒佰伍拾元整"),
            ("1000000000000", "人民币壹万亿元整"),
            ("1000100000000", "人民币壹万零壹亿元整"),
            ("123456789012345.67", "人民币壹佰贰拾叁万肆仟伍佰陆拾柒亿捌仟玖佰零壹万贰仟叁佰肆拾伍元陆角柒分"),
            ("9999999999999999.99", "人民币玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
        ],
    )
    def test_words(self, amount, expected):
        assert amount_in_words(D(amount)) == expected

    def test_int(self):
        assert amount_in_words(300) == "人民币叁佰元整"

    def test_negative_is_refused(self):
        with pytest.raises(ValueError):
            amount_in_words(D("-1.00"))

    def test_fraction_of_a_fen_is_refused(self):
        with pytest.raises(ValueError):
            amount_in_words(D("1.005"))

    def test_too_large_is_refused(self):
        with pytest.raises(ValueError):
            amount_in_words(D(10) ** 16)
