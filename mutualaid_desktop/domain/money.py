"""Money: parsing what people type, fen for storage, formatting, and amounts in words (大写).

Money is `Decimal` in code and integer fen in storage, never `float`.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Context, Decimal, localcontext

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.text import shorten, to_halfwidth

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# Exclusive upper bound of an amount: it still fits a signed 64-bit integer of fen and it can be
# written in words (up to 万亿).
MAX_AMOUNT = Decimal(10) ** 16
# Enough digits for every computation on amounts below MAX_AMOUNT with rates of many decimals.
MONEY_CONTEXT = Context(prec=80, rounding=ROUND_HALF_UP)

_NUMBER = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]+))?")
_YUAN_SIGNS = ("¥", "￥")
_MINUS_SIGNS = ("-", "−")  # hyphen-minus and U+2212; the full-width one becomes "-" first


def parse_amount(value: object, field: str = "金额") -> Decimal:
    """An amount typed by a person or read from a file, as a Decimal with two places.

    Accepts "1234.56", "1,234.56", "１２３４．５６", "¥1234.56", "￥ 1,234.5", surrounding spaces,
    int and Decimal. Refuses float, negative amounts, more than two decimals and anything else
    with an InputError whose message names `field` and quotes the bad text.
    """
    if isinstance(value, bool):
        raise _type_error(field)
    if isinstance(value, float):
        raise InputError(field, f'{field}请写成带引号的字符串，如 "95.00"（现在是小数 {value!r}）', "float")
    if isinstance(value, int):
        return _checked(Decimal(value), str(value), field)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise _format_error(field, str(value))
        return _checked(value, str(value), field)
    if not isinstance(value, str):
        raise _type_error(field)
    return _parse_text(value, field)


def _parse_text(text: str, field: str) -> Decimal:
    rest = to_halfwidth(text).replace("。", ".").strip()
    if not rest:
        raise InputError(field, f"{field}不能为空，请填写金额，如 1234.56", "empty")
    negative = rest.startswith(_MINUS_SIGNS)
    if negative:
        rest = rest[1:].lstrip()
    if rest.startswith(_YUAN_SIGNS):
        rest = rest[1:].lstrip()
    if not negative and rest.startswith(_MINUS_SIGNS):
        negative = True
        rest = rest[1:].lstrip()
    match = _NUMBER.fullmatch(rest)
    if match is None:
        raise _format_error(field, text)
    if negative:
        raise _negative_error(field, text)
    decimals = match.group(1) or ""
    if len(decimals) > 2 and decimals[2:].strip("0"):
        raise _decimals_error(field, text)
    return _checked(Decimal(rest.replace(",", "")), text, field)


def _checked(amount: Decimal, text: str, field: str) -> Decimal:
    if amount < 0:
        raise _negative_error(field, text)
    if amount >= MAX_AMOUNT:
        raise InputError(field, f"{field}「{shorten(text)}」过大，请检查是否多输了数字", "too_large")
    if amount == 0:
        return ZERO
    with localcontext(MONEY_CONTEXT):
        cents = amount.quantize(CENT, rounding=ROUND_DOWN)
        if cents != amount:
            raise _decimals_error(field, text)
        return cents


def _type_error(field: str) -> InputError:
    return InputError(field, f'{field}应写成金额文字，如 "1234.56"', "type")


def _format_error(field: str, text: str) -> InputError:
    return InputError(field, f"{field}「{shorten(text)}」不是有效的金额，请填写数字，如 1234.56", "format")


def _negative_error(field: str, text: str) -> InputError:
    return InputError(field, f"{field}「{shorten(text)}」不能为负数，请填写 0 或正数", "negative")


def _decimals_error(field: str, text: str) -> InputError:
    return InputError(field, f"{field}「{shorten(text)}」最多两位小数（到分），请改正", "decimals")


def _exact(amount: Decimal | int) -> Decimal:
    if isinstance(amount, bool) or not isinstance(amount, (Decimal, int)):
        raise TypeError(f"an amount must be Decimal or int, not {type(amount).__name__}")
    amount = Decimal(amount)
    if not amount.is_finite():
        raise ValueError(f"not a finite amount: {amount}")
    return amount


def to_fen(amount: Decimal | int) -> int:
    """Yuan to integer fen, exactly; ValueError if `amount` is not a whole number of fen."""
    with localcontext(MONEY_CONTEXT):
        fen = _exact(amount) * 100
        if fen != fen.to_integral_value():
            raise ValueError(f"{amount} is not a whole number of fen")
        return int(fen)


def from_fen(fen: int) -> Decimal:
    """Integer fen to yuan with two places."""
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise TypeError(f"fen must be int, not {type(fen).__name__}")
    return Decimal(fen).scaleb(-2)


def round_half_up_fen(amount: Decimal | int) -> Decimal:
    """Rounded to the fen, half up (0.005 -> 0.01, -0.005 -> -0.01)."""
    with localcontext(MONEY_CONTEXT):
        return _exact(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def format_amount(amount: Decimal | int) -> str:
    """'¥1,234.56'; negative '-¥1,234.56'; zero '¥0.00'."""
    cents = round_half_up_fen(amount)
    sign = "-" if cents < 0 else ""
    return f"{sign}¥{abs(cents):,.2f}"


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("仟", "佰", "拾", "")


def amount_in_words(amount: Decimal | int) -> str:
    """The amount in Chinese financial capitals: 1409.50 -> 人民币壹仟肆佰零玖元伍角.

    Rules of shared/spec/plan-rules.md: a run of zeros inside the number is one 零 (also the
    zero of the yuan units before 角/分, and a missing 角 before 分); 整 follows 元 only.
    ValueError for a negative amount, a fraction of a fen, or 10^16 yuan or more.
    """
    fen = to_fen(amount)
    if fen < 0:
        raise ValueError(f"cannot write a negative amount in words: {amount}")
    if fen >= to_fen(MAX_AMOUNT):
        raise ValueError(f"amount too large to write in words: {amount}")
    yuan, rest = divmod(fen, 100)
    jiao, fen_digit = divmod(rest, 10)
    if fen == 0:
        return "人民币零元整"
    words = ""
    if yuan:
        words = _integer_in_words(yuan) + "元"
        if not rest:
            return f"人民币{words}整"
        if yuan % 10 == 0 or jiao == 0:
            words += "零"
    if jiao:
        words += _DIGITS[jiao] + "角"
    if fen_digit:
        words += _DIGITS[fen_digit] + "分"
    return "人民币" + words


def _integer_in_words(number: int) -> str:
    """A positive integer below 10^16: 1000010 -> 壹佰万零壹拾, 100010000 -> 壹亿零壹万."""
    for size, unit in ((10**8, "亿"), (10**4, "万")):
        if number >= size:
            high, low = divmod(number, size)
            words = _integer_in_words(high) + unit
            if low == 0:
                return words
            # The low part is written with all its places; leading zeros are one 零.
            return words + ("零" if low < size // 10 else "") + _integer_in_words(low)
    return _below_ten_thousand(number)


def _below_ten_thousand(number: int) -> str:
    words = ""
    pending_zero = False
    for digit, unit in zip(f"{number:04d}", _SMALL_UNITS, strict=True):
        if digit == "0":
            pending_zero = bool(words)
            continue
        if pending_zero:
            words += "零"
            pending_zero = False
        words += _DIGITS[int(digit)] + unit
    return words
