"""Text: normalisation shared by the parsers of amounts and ID numbers, and the one cleaner of
text that enters the program (forms, roster cells, the command line)."""

from __future__ import annotations

import re as _re
import unicodedata as _unicodedata

from mutualaid_desktop.domain.errors import InputError as _InputError

# Full-width ASCII variants (U+FF01..U+FF5E) and the ideographic space, as typed by a Chinese IME.
_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_HALFWIDTH[0x3000] = 0x20


def to_halfwidth(text: str) -> str:
    """Full-width letters, digits and punctuation to ASCII; the ideographic space to a space."""
    return text.translate(_HALFWIDTH)


def shorten(text: str, limit: int = 40) -> str:
    """`text` cut to `limit` characters for quoting it in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def normalize_code(text: str) -> str:
    """A number written by hand or read by a scanner: full-width to ASCII, no spaces, upper case.

    Used for ID numbers and invoice numbers, so that "61000 012345" and "６１０００012345" match.
    """
    return "".join(to_halfwidth(text).split()).upper()


# --- cleaning typed or imported text at the edge ------------------------------------------------
#
# One owner for every text field that enters the program (a form, a roster cell, the command
# line): `clean_text` for free text, `person_name`, `phone_number` and `code_text` on top of it.
# What cannot be shown or printed honestly is refused with the reason, never dropped silently:
# control characters, bidi overrides (U+202E turns "ABC" into "CBA" on screen and on paper),
# zero-width characters (two names that look alike but differ), unassigned code points. Text
# longer than its column is refused, not cut. Messages name the field and the position of the
# character, never the value itself (it may be a name or an ID number).

# Whitespace that a single-line field folds into one space: tab, line breaks, no-break and
# ideographic spaces (the Zs category).
_LINE_BREAKS = "\t\n\r\u2028\u2029"
_NAME_DOTS = "\u00b7\u2027\u2022\u30fb\uff65\u2219\u22c5"  # · ‧ • ・ ･ ∙ ⋅ typed for the name dot
NAME_DOT = "\u00b7"
_PHONE_CHARACTERS = set("0123456789-+() 转")

_CATEGORY_REASONS = {
    "Cc": "控制字符",
    "Cf": "看不见的格式字符（如文字方向控制符、零宽字符）",
    "Cs": "无效字符",
    "Co": "私用区字符",
    "Cn": "无法识别的字符",
}


def hidden_character(text: str) -> tuple[int, str, str] | None:
    """The first character of `text` that may not stand in a field: (1-based position, its
    code point as U+XXXX, what kind of character it is in Chinese), or None."""
    if text.isprintable():  # the usual case, at C speed: no Cc, Cf, Cs, Co, Cn character in it
        return None
    for position, char in enumerate(text, start=1):
        if char in _LINE_BREAKS:
            continue
        reason = _CATEGORY_REASONS.get(_unicodedata.category(char))
        if reason is not None:
            return position, f"U+{ord(char):04X}", reason
    return None


def clean_text(
    value: object,
    *,
    field: str | None,
    label: str,
    limit: int,
    required: bool = False,
    multiline: bool = False,
    halfwidth: bool = True,
) -> str | None:
    """`value` as it may be stored: full-width ASCII made half-width (unless `halfwidth` is
    False), NFC, white space folded to single spaces (`multiline` keeps line breaks), trimmed.
    None for an empty optional field. Raises InputError (naming `label`) for an empty required
    field, a hidden or control character, or text longer than `limit` characters."""
    if value is None:
        text = ""
    elif isinstance(value, str):
        text = value
    else:
        text = str(value)
    found = hidden_character(text)
    if found is not None:
        position, code, reason = found
        raise _InputError(
            field,
            f"{label}第 {position} 个字符是{reason}（{code}），常见于从网页或其他文件复制来的文字；"
            "请删掉该字符后重新输入。",
            "hidden_character",
        )
    if halfwidth:
        text = to_halfwidth(text)
    text = _unicodedata.normalize("NFC", text)
    if multiline:
        lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        text = "\n".join(lines).strip("\n")
    else:
        text = " ".join(text.split())
    if not text:
        if required:
            raise _InputError(field, f"请填写{label}。", "empty")
        return None
    if len(text) > limit:
        raise _InputError(field, f"{label}最多 {limit} 个字，现在有 {len(text)} 个，请缩短后重新输入。", "length")
    return text


def _is_name_letter(char: str) -> bool:
    if "\u4e00" <= char <= "\u9fff":  # the CJK Unified Ideographs, without looking the name up
        return True
    if not char.isalpha():
        return char == "\u3007"  # 〇, the ideographic zero, stands in some names
    name = _unicodedata.name(char, "")
    return name.startswith(("CJK ", "LATIN "))


def person_name(value: object, *, field: str | None = "name", label: str = "姓名", limit: int = 64) -> str:
    """A person's name: Chinese characters or Latin letters, the name dot · and spaces.

    The dots typed for · (‧ • ・ ･) become ·; a name without Latin letters has no spaces
    ("张 三" is "张三"); a Latin name keeps single spaces ("Maria Lopez")."""
    text = clean_text(value, field=field, label=label, limit=limit, required=True)
    assert text is not None
    text = "".join(NAME_DOT if char in _NAME_DOTS else char for char in text)
    for position, char in enumerate(text, start=1):
        if not (_is_name_letter(char) or char in (NAME_DOT, " ")):
            what = "数字" if char.isdigit() else f"“{char}”" if char.isprintable() else f"U+{ord(char):04X}"
            raise _InputError(
                field,
                f"{label}第 {position} 个字符是{what}：{label}只能由汉字或拉丁字母组成，"
                "少数民族姓名中间用“·”，外文姓名之间可用空格；请核对后重新输入。",
                "name_character",
            )
    if not any(char.isascii() and char.isalpha() for char in text):
        text = text.replace(" ", "")
    text = " ".join(text.split())
    if text.strip(NAME_DOT + " ") != text or NAME_DOT * 2 in text:
        raise _InputError(field, f"{label}的“·”只能在两个字之间，请核对后重新输入。", "name_dot")
    return text


def phone_number(
    value: object,
    *,
    field: str | None = "phone",
    label: str = "联系电话",
    limit: int = 32,
    service_line: bool = False,
) -> str | None:
    """A phone number: digits, and - + ( ) spaces or 转 for an extension; a mobile number
    (starting with 1, digits only) has 11 digits. None when empty.

    `service_line` (the counter's 咨询电话): also a short service number starting with 1 (the
    unions' hotline 12351), and several numbers separated by 、 / or a comma, each checked so."""
    text = clean_text(value, field=field, label=label, limit=limit)
    if text is None:
        return None
    numbers = _SEPARATORS.split(text) if service_line else [text]
    for number in numbers:
        _check_phone(number.strip(), field=field, label=label, service_line=service_line)
    return text


_SEPARATORS = _re.compile("[、/,，]")
_SERVICE_NUMBER_DIGITS = 6  # 12351, 12345, 95598 ...: a service number is short


def _check_phone(text: str, *, field: str | None, label: str, service_line: bool) -> None:
    if not all(char in _PHONE_CHARACTERS for char in text) or not any(char.isdigit() for char in text):
        raise _InputError(
            field,
            f"{label}只能包含数字和“-”，如 13912345678 或 0914-2312345"
            + ("，几个号码之间用“、”隔开" if service_line else "")
            + "，请改正。",
            "phone_character",
        )
    digits = text.replace(" ", "")
    short = service_line and len(digits) <= _SERVICE_NUMBER_DIGITS
    if digits.isdigit() and digits.startswith("1") and len(digits) != 11 and not short:
        raise _InputError(field, f"手机号码应为11位，现在是{len(digits)}位，请核对。", "phone_length")


def code_text(value: object, *, field: str | None, label: str, limit: int, required: bool = True) -> str | None:
    """A code or number typed or scanned (unit code, invoice number, account number): half-width,
    no spaces, upper case."""
    text = clean_text(value, field=field, label=label, limit=10 * limit + 10, required=required)
    if text is None:
        return None
    text = normalize_code(text)
    if len(text) > limit:
        raise _InputError(field, f"{label}最多 {limit} 个字符，现在有 {len(text)} 个，请缩短后重新输入。", "length")
    return text


def invoice_key(number: object) -> str | None:
    """An invoice number as compared for duplicates: half-width, upper case, letters and digits
    only ("ab-12 34" and "ＡＢ１２３４" are the same invoice). None when nothing is left.
    (Migration 0007 keeps its own copy of this rule for the rows it fills in.)"""
    if number is None:
        return None
    text = to_halfwidth(str(number)).upper()
    key = "".join(char for char in text if char.isalnum())
    return key or None
