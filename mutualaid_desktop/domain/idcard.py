"""Resident ID numbers (居民身份证号码, GB 11643-1999): validation, 15 -> 18 conversion, masking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.text import normalize_code

FIELD = "id_number"
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARACTERS = "10X98765432"  # indexed by the weighted sum mod 11 (ISO 7064 MOD 11-2)
_EARLIEST_BIRTH_YEAR = 1900


@dataclass(frozen=True)
class IdNumber:
    """A valid ID number and what it says about its holder."""

    normalized: str  # 18 characters, check character X in upper case
    birth_date: date
    sex: str  # "male" or "female"
    area_code: str
    converted_from: str | None = None  # the legacy 15-digit number it was converted from

    def age_on(self, day: date) -> int:
        return age_on(self.birth_date, day)

    def masked(self) -> str:
        return mask_id_number(self.normalized)


def check_character(first17: str) -> str:
    """The 18th character for the first 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError(f"need 17 digits, got {first17!r}")
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARACTERS[total % 11]


def age_on(birth: date, day: date) -> int:
    """Age in whole years on `day`; born on 29 February, one is a year older on 1 March."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def mask_id_number(number: str) -> str:
    """First 6 and last 4 characters kept: 611002********123X."""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def make_id_number(area_code: str, birth: date, sequence: int) -> str:
    """A valid 18-character number (demo data, tests). An odd `sequence` (0..999) is a man."""
    if len(area_code) != 6 or not area_code.isascii() or not area_code.isdigit():
        raise ValueError(f"area code must be 6 digits, got {area_code!r}")
    if not 0 <= sequence <= 999:
        raise ValueError(f"sequence must be 0..999, got {sequence}")
    if not _EARLIEST_BIRTH_YEAR <= birth.year <= 9999:
        raise ValueError(f"birth year must be from {_EARLIEST_BIRTH_YEAR}, got {birth.year}")
    first17 = f"{area_code}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_character(first17)


def parse_id_number(text: str, today: date | None = None) -> IdNumber:
    """Validate and normalise an ID number as typed or read by a card reader.

    Raises InputError(field="id_number") with code "empty", "characters", "length",
    "birth_date_invalid", "birth_date_future" or "check_character".
    """
    if not isinstance(text, str):
        raise InputError(FIELD, "身份证号码应为文字，请重新输入", "characters")
    number = normalize_code(text)
    if not number:
        raise InputError(FIELD, "请填写身份证号码（18位）", "empty")
    _check_characters(number)
    if len(number) not in (15, 18):
        raise InputError(
            FIELD,
            f"身份证号码应为18位（旧的15位号码也可以），现在输入了{len(number)}位，请核对",
            "length",
        )
    if "X" in number[:17] or (len(number) == 15 and "X" in number):
        position = number.index("X") + 1
        raise InputError(
            FIELD, f"第{position}位不能是 X：X 只能出现在18位号码的最后一位（校验码），请核对", "characters"
        )
    converted_from = None
    birth_places = "第7至14位"
    if len(number) == 15:
        converted_from, birth_places = number, "第7至12位"
        first17 = number[:6] + "19" + number[6:]
        number = first17 + check_character(first17)
    birth = _birth_date(number[6:14], birth_places, today or clock.today())
    expected = check_character(number[:17])
    if number[17] != expected:
        raise InputError(
            FIELD,
            f"校验码（最后一位）应为 {expected}，但输入的是 {number[17]}，号码可能抄错了，请逐位核对",
            "check_character",
        )
    return IdNumber(
        normalized=number,
        birth_date=birth,
        sex="male" if int(number[16]) % 2 else "female",
        area_code=number[:6],
        converted_from=converted_from,
    )


def _check_characters(number: str) -> None:
    for position, char in enumerate(number, start=1):
        if not ("0" <= char <= "9" or char == "X"):
            shown = (
                f"「{char}」" if char.isprintable() else f"看不见的字符（U+{ord(char):04X}）"
            )  # never a bidi control
            raise InputError(
                FIELD,
                f"第{position}位的{shown}不允许：身份证号码只能是数字，最后一位可以是 X，请核对",
                "characters",
            )


def _birth_date(digits: str, places: str, today: date) -> date:
    year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    written = f"{digits[:4]}年{digits[4:6]}月{digits[6:8]}日"
    if year < _EARLIEST_BIRTH_YEAR:
        raise InputError(FIELD, f"出生日期 {written} 早于1900年，不是有效日期，请核对号码", "birth_date_invalid")
    try:
        birth = date(year, month, day)
    except ValueError:
        raise InputError(FIELD, f"出生日期 {written} 不存在，请核对号码{places}", "birth_date_invalid") from None
    if birth > today:
        raise InputError(FIELD, f"出生日期 {written} 在今天之后，请核对号码{places}", "birth_date_future")
    return birth
