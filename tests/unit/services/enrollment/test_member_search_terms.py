"""What the one search box text is taken to mean (no database)."""

from __future__ import annotations

from mutualaid_desktop.services.enrollment.members import full_id_number, search_branches

FULL = "61100219800501123X"


def kinds(text):
    branches, contains = search_branches(text)
    return [(b.kind, b.value) for b in branches], contains


def test_a_full_id_number_is_searched_exactly_first():
    branches, contains = kinds("611002 19800501 123x")
    assert branches[0] == ("id_exact", FULL)
    assert contains is None


def test_full_width_digits_and_lower_x_are_normalised():
    assert full_id_number("６１１００２１９８００５０１１２３ｘ") == FULL
    assert full_id_number("611002198005011230") is None  # wrong check character
    assert full_id_number("1234") is None


def test_the_last_four_to_six_characters_search_the_reversed_column_first():
    branches, _ = kinds("23x")
    assert ("id_suffix", "X32") not in branches  # 3 characters: too short for an ending
    branches, _ = kinds("123X")
    assert branches[0] == ("id_suffix", "X321")
    assert ("id_prefix", "123X") in branches
    branches, _ = kinds("01123X")
    assert branches[0] == ("id_suffix", "X32110")


def test_digits_may_be_an_id_start_or_a_phone_start():
    branches, _ = kinds("6110021980")
    assert branches[0] == ("id_prefix", "6110021980")
    assert ("phone_prefix", "6110021980") not in branches
    branches, _ = kinds("1391234")
    assert ("phone_prefix", "1391234") in branches
    assert ("id_prefix", "1391234") in branches


def test_a_name_is_a_prefix_and_short_names_also_contain():
    branches, contains = kinds(" 王 芳 ")
    assert branches == [("name_prefix", "王芳")]
    assert contains is not None and contains.kind == "name_contains"
    _, contains = kinds("欧阳建国")
    assert contains is None


def test_empty_text_searches_nothing():
    assert search_branches("   ") == ([], None)
