"""Typed reading of the fields of a parsed TOML/JSON document, with errors that name the field.

Shared by the plan file (plan.py) and the claim facts (quote.py). Each error is an InputError (or
the subclass given as `error`) whose `field` is the dotted path of the field and whose message
names it in Chinese.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from datetime import date, datetime
from decimal import Decimal

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.domain.money import parse_amount
from mutualaid_desktop.domain.text import shorten, to_halfwidth

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Fields:
    """The fields of one table (dict), read one by one by key.

    `labels` gives each key's Chinese name. With `show_path`, messages name a field by its label
    and its dotted path (for files); without, by its label only (for a field on a form).
    """

    def __init__(
        self,
        data: object,
        path: str = "",
        labels: Mapping[str, str] | None = None,
        error: type[InputError] = InputError,
        show_path: bool = False,
    ) -> None:
        if not isinstance(data, Mapping):
            raise error(path or None, f"{path or '内容'}应为一组字段（JSON 对象或 TOML 表）", "type")
        self.data = data
        self.path = path
        self.labels = labels or {}
        self.error = error
        self.show_path = show_path

    # -- names -------------------------------------------------------------------------------
    def field(self, key: str) -> str:
        """The dotted path of `key`."""
        return f"{self.path}.{key}" if self.path else key

    def name(self, key: str) -> str:
        """How messages name `key`: its label, and with show_path its dotted path too."""
        label = self.labels.get(key, key)
        return f"{label}（{self.field(key)}）" if self.show_path and label != self.field(key) else label

    def fail(self, key: str, message: str, code: str = "invalid") -> InputError:
        return self.error(self.field(key), message, code)

    # -- structure ---------------------------------------------------------------------------
    def only(self, allowed: Collection[str]) -> None:
        """Refuse a key that is not in `allowed` (a misspelt field is caught here first)."""
        for key in self.data:
            if key not in allowed:
                where = f"{self.path} 中" if self.path else ""
                raise self.fail(
                    str(key),
                    f"不认识的字段 {self.field(str(key))}，请检查拼写；{where}允许的字段有：{'、'.join(allowed)}",
                    "unknown",
                )

    def has(self, key: str) -> bool:
        return key in self.data

    def value(self, key: str) -> object:
        if key not in self.data:
            raise self.fail(key, f"缺少{self.name(key)}，请补上", "missing")
        return self.data[key]

    def table(self, key: str) -> Fields:
        value = self.value(key)
        if not isinstance(value, Mapping):
            raise self.fail(key, f"{self.name(key)}应为一组字段（表）", "type")
        return Fields(value, self.field(key), self.labels, self.error, self.show_path)

    def array(self, key: str) -> list:
        value = self.value(key)
        if not isinstance(value, list):
            raise self.fail(key, f"{self.name(key)}应为列表，写在方括号 [ ] 中", "type")
        return value

    def tables(self, key: str) -> list[Fields]:
        """An array of tables, each named by its index: tiers[0], tiers[1]..."""
        result = []
        for index, item in enumerate(self.array(key)):
            if not isinstance(item, Mapping):
                message = f"{self.name(key)}的第{index + 1}项应为一组字段（表），写在花括号 {{ }} 中"
                raise self.fail(f"{key}[{index}]", message, "type")
            result.append(Fields(item, f"{self.field(key)}[{index}]", self.labels, self.error, self.show_path))
        return result

    # -- values ------------------------------------------------------------------------------
    def text(self, key: str) -> str:
        value = self.value(key)
        if not isinstance(value, str):
            raise self.fail(key, f"{self.name(key)}应为文字（用引号括起来）", "type")
        if not value.strip():
            raise self.fail(key, f"{self.name(key)}不能为空，请填写", "empty")
        return value.strip()

    def choice(self, key: str, choices: Collection[str]) -> str:
        value = self.text(key)
        if value not in choices:
            raise self.fail(
                key, f"{self.name(key)}只能是 {'、'.join(choices)} 之一，现在是「{shorten(value)}」", "choice"
            )
        return value

    def integer(self, key: str, minimum: int = 0, maximum: int | None = None) -> int:
        value = self.value(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, f"{self.name(key)}应为整数（不带引号）", "type")
        if value < minimum or (maximum is not None and value > maximum):
            allowed = f"在{minimum}到{maximum}之间" if maximum is not None else f"不小于{minimum}"
            raise self.fail(key, f"{self.name(key)}应{allowed}，现在是{value}", "range")
        return value

    def boolean(self, key: str) -> bool:
        value = self.value(key)
        if not isinstance(value, bool):
            raise self.fail(key, f"{self.name(key)}应为 true 或 false（不带引号）", "type")
        return value

    def amount(self, key: str, text_only: bool = False, maximum: Decimal | None = None) -> Decimal:
        """An amount (see parse_amount); with `text_only`, only a string is accepted (files); not above
        `maximum` when given."""
        value = self.value(key)
        if text_only and not isinstance(value, (str, float)):
            raise self.fail(key, f'{self.name(key)}请写成带引号的字符串，如 "95.00"', "type")
        try:
            amount = parse_amount(value, self.name(key))
        except InputError as exc:
            raise self.fail(key, exc.message, exc.code) from None
        if maximum is not None and amount > maximum:
            raise self.fail(key, f"{self.name(key)}不能超过{maximum:,}元，现在是{amount:,}元，请核对", "range")
        return amount

    def day(self, key: str) -> date:
        """A date: a date value (TOML) or a "YYYY-MM-DD" string (JSON)."""
        value = self.value(key)
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if isinstance(value, str):
            text = to_halfwidth(value).strip()
            if _ISO_DATE.fullmatch(text):
                try:
                    return date.fromisoformat(text)
                except ValueError:
                    raise self.fail(key, f"{self.name(key)}「{text}」不是存在的日期，请核对", "date") from None
        raise self.fail(key, f"{self.name(key)}应为日期，格式 YYYY-MM-DD，如 2027-01-01", "type")
