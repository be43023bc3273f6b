"""How long a text column is: the most characters a field stored in it may have.

The cleaners of the services (domain/text through services/member_fields, units, hospitals...)
take their limits from here, so that a field is never longer than its column and a longer text is
refused with a message rather than cut."""

from __future__ import annotations

from typing import Any


def text_limit(attribute: Any) -> int:
    """The length n of a `String(n)` column, given as the mapped attribute (`Member.name`)."""
    length = getattr(attribute.property.columns[0].type, "length", None)
    if not isinstance(length, int):
        raise TypeError(f"{attribute} is not a String(n) column")
    return length
