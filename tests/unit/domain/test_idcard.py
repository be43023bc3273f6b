from datetime import date

import pytest

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.idcard import (
    IdNumber,
    age_on,
    check_character,
    make_id_number,
    mask_id_number,
    parse_id_number,
)

TODAY = date(2027, 6, 1)
SPEC_EXAMPLE = "61100219800501123X"


def refused(text: str, today: date = TODAY) -> InputError:
    with pytest.raises(InputError) as info:
        parse_id_number(text, today=today)
    assert info.value.field == "id_number"
    return info.value


class TestCheckCharacter:
    @pytest.mark.parametrize(
        ("first17", "expected"),
        [
            ("61100219800501123", "X"),  # the spec's example
            ("11010519491231002", "X"),  # the example of GB 11643-1999
            ("44052418800101001", "4"),  # the other example of the standard
            ("11010119900307123", "3"),  # worked by hand: weighted sum 174, 174 mod 11 = 9
        ],
    )
    def test_known_numbers(self, first17, expected):
        assert check_character(first17) == expected

    def test_every_remainder_maps_as_the_standard_says(self):
        # Vary the last digit (weight 2): sums differ by 2, reaching each remainder mod 11.
        seen = {check_character(f"1000000000000000{d}") for d in range(10)}
        seen |= {check_character(f"2000000000000000{d}") for d in range(10)}
        assert seen == set("10X98765432")

    def test_refuses_wrong_input(self):
        with pytest.raises(ValueError):
            check_character("123")
        with pytest.raises(ValueError):
            check_character("1234567890123456X")


class TestParse:
    def test_spec_example(self):
        number = parse_id_number(SPEC_EXAMPLE, today=TODAY)
        assert number == IdNumber(SPEC_EXAMPLE, date(1980, 5, 1), "male", "611002", None)

    def test_female_on_even_sequence(self):
        text = make_id_number("611002", date(1990, 2, 3), 124)
        assert parse_id_number(text, today=TODAY).sex == "female"

    @pytest.mark.parametrize(
        "text",
        [
            "61100219800501123x",
            " 61100219800501123X ",
            "611002 19800501 123X",
            "６１１００２１９８００５０１１２３Ｘ",
            "６１１００２１９８００５０１１２３ｘ",
            "611002\u300019800501123X",
            "611002-19800501-123X".replace("-", "\t"),
        ],
    )
    def test_normalised(self, text):
        assert parse_id_number(text, today=TODAY).normalized == SPEC_EXAMPLE

    def test_legacy_15_digits_converted(self):
        number = parse_id_number("110105800501123", today=TODAY)
        assert number.normalized == "110105198005011235"
        assert number.converted_from == "110105800501123"
        assert number.birth_date == date(1980, 5, 1)
        assert number.sex == "male"

    def test_today_defaults_to_the_real_today(self):
        assert parse_id_number(SPEC_EXAMPLE).birth_date == date(1980, 5, 1)

    def test_born_today_is_fine(self):
        text = make_id_number("611002", TODAY, 1)
        assert parse_id_number(text, today=TODAY).birth_date == TODAY


class TestParseErrors:
    @pytest.mark.parametrize("text", ["", "   ", "\u3000"])
    def test_empty(self, text):
        assert refused(text).code == "empty"

    @pytest.mark.parametrize("text", ["6110021980050112", "61100219800501123X1", "1234"])
    def test_length_says_how_many(self, text):
        error = refused(text)
        assert error.code == "length"
        assert f"{len(text)}位" in error.message and "18位" in error.message

    def test_character_named(self):
        error = refused("61100219800501123A")
        assert error.code == "characters"
        assert "A" in error.message and "第18位" in error.message

    def test_x_only_at_the_end(self):
        error = refused("611002X9800501123X")
        assert error.code == "characters" and "第7位" in error.message

    def test_x_not_in_a_15_digit_number(self):
        assert refused("11010580050112X").code == "characters"

    def test_birth_date_that_does_not_exist(self):
        first17 = "61100219800230123"
        error = refused(first17 + check_character(first17))
        assert error.code == "birth_date_invalid"
        assert "1980年02月30日" in error.message

    def test_birth_date_in_a_15_digit_number(self):
        assert refused("110105801301123").code == "birth_date_invalid"

    def test_birth_year_before_1900(self):
        first17 = "61100218991231123"
        assert refused(first17 + check_character(first17)).code == "birth_date_invalid"

    def test_birth_date_in_the_future(self):
        text = make_id_number("611002", date(2027, 6, 2), 123)
        error = refused(text, today=date(2027, 6, 1))
        assert error.code == "birth_date_future"
        assert "2027年06月02日" in error.message

    def test_wrong_check_character_says_both(self):
        error = refused("611002198005011230")
        assert error.code == "check_character"
        assert "应为 X" in error.message and "0" in error.message

    def test_a_typo_is_caught(self):
        assert refused("61100219800501124X").code == "check_character"

    def test_not_a_string(self):
        with pytest.raises(InputError):
            parse_id_number(61100219800501123)  # type: ignore[arg-type]


class TestAge:
    @pytest.mark.parametrize(
        ("birth", "day", "expected"),
        [
            (date(1980, 5, 1), date(2027, 4, 30), 46),
            (date(1980, 5, 1), date(2027, 5, 1), 47),
            (date(1980, 5, 1), date(1980, 5, 1), 0),
            (date(2000, 2, 29), date(2027, 2, 28), 26),
            (date(2000, 2, 29), date(2027, 3, 1), 27),
            (date(2000, 2, 29), date(2028, 2, 28), 27),
            (date(2000, 2, 29), date(2028, 2, 29), 28),
        ],
    )
    def test_whole_years(self, birth, day, expected):
        assert age_on(birth, day) == expected

    def test_method(self):
        assert parse_id_number(SPEC_EXAMPLE, today=TODAY).age_on(date(2027, 1, 1)) == 46


class TestMask:
    def test_mask(self):
        assert mask_id_number(SPEC_EXAMPLE) == "611002********123X"

    def test_method(self):
        assert parse_id_number(SPEC_EXAMPLE, today=TODAY).masked() == "611002********123X"

    def test_short_text_is_all_stars(self):
        assert mask_id_number("12345") == "*****"


class TestMake:
    def test_make(self):
        assert make_id_number("611002", date(1980, 5, 1), 123) == SPEC_EXAMPLE

    def test_sequence_padded(self):
        text = make_id_number("611002", date(1980, 5, 1), 7)
        assert text[14:17] == "007"
        assert parse_id_number(text, today=TODAY).sex == "male"

    @pytest.mark.parametrize(
        ("area", "birth", "sequence"),
        [
            ("61100", date(1980, 1, 1), 1),
            ("6110AB", date(1980, 1, 1), 1),
            ("611002", date(1980, 1, 1), 1000),
            ("611002", date(1980, 1, 1), -1),
            ("611002", date(1899, 12, 31), 1),
        ],
    )
    def test_refuses(self, area, birth, sequence):
        with pytest.raises(ValueError):
            make_id_number(area, birth, sequence)
