"""Properties of the parsers, checked on generated input (hypothesis)."""

from datetime import date
from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.idcard import make_id_number, parse_id_number
from mutualaid_desktop.domain.money import amount_in_words, format_amount, from_fen, parse_amount, to_fen

TODAY = date(2027, 6, 1)
fen = st.integers(min_value=0, max_value=10**18 - 1)
amounts = fen.map(from_fen)
# Text close to amounts and ID numbers, and anything at all.
amount_like = st.text(alphabet="0123456789,.¥￥-+ ０１２３４５６７８９，．\u3000eE", max_size=25)
id_like = st.text(alphabet="0123456789Xx ０１２３４５６７８９Ｘｘ\u3000", max_size=22)


@given(st.one_of(st.text(), amount_like))
@example("1e999999")
@example("9" * 5000)
def test_parse_amount_raises_only_input_error(text):
    try:
        amount = parse_amount(text)
    except InputError:
        return
    assert amount >= 0 and amount == amount.quantize(Decimal("0.01"))


@given(amounts)
def test_parse_amount_round_trips(amount):
    assert parse_amount(str(amount)) == amount
    assert str(parse_amount(str(amount))) == str(amount)


@given(amounts)
def test_parse_amount_reads_format_amount(amount):
    assert parse_amount(format_amount(amount)) == amount


@given(amounts)
def test_fen_round_trips(amount):
    assert from_fen(to_fen(amount)) == amount


@given(amounts)
def test_amount_in_words_is_well_formed(amount):
    words = amount_in_words(amount)
    assert words.startswith("人民币")
    assert "零零" not in words
    assert words.endswith(("整", "角", "分"))
    assert words.endswith("整") == (amount == amount.to_integral_value())


@given(st.one_of(st.text(), id_like))
@example("11010519491231002X")
def test_parse_id_number_raises_only_input_error(text):
    try:
        number = parse_id_number(text, today=TODAY)
    except InputError as error:
        assert error.field == "id_number"
        return
    assert len(number.normalized) == 18


@given(
    area=st.from_regex(r"[1-9][0-9]{5}", fullmatch=True),
    birth=st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    sequence=st.integers(min_value=0, max_value=999),
)
def test_make_id_number_round_trips(area, birth, sequence):
    text = make_id_number(area, birth, sequence)
    number = parse_id_number(text, today=TODAY)
    assert number.normalized == text
    assert number.birth_date == birth
    assert number.sex == ("male" if sequence % 2 else "female")
    assert number.area_code == area
    assert parse_id_number(text.lower(), today=TODAY) == number


@given(
    birth=st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)),
    sequence=st.integers(min_value=0, max_value=999),
)
def test_legacy_numbers_convert_to_the_18_digit_number(birth, sequence):
    full = make_id_number("110105", birth, sequence)
    legacy = full[:6] + full[8:17]
    number = parse_id_number(legacy, today=TODAY)
    assert number.normalized == full and number.converted_from == legacy
