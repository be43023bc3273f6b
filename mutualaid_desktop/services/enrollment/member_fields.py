"""A member's fields as they enter the program: typed at the counter (enrollment, renewal joiners,
the member's page) or read from a roster cell. Each is cleaned by the one owner of text that
enters the program (domain/text) and limited to its column's length (store/models): hidden,
control and bidi characters are refused, a longer text is refused, never cut, and a name is
Chinese characters or Latin letters with the name dot. Every function raises InputError naming
the field (for the screens, which put the message at that field) and never quoting the value."""

from __future__ import annotations

from mutualaid_desktop.domain.text import clean_text, person_name, phone_number
from mutualaid_desktop.store.limits import text_limit
from mutualaid_desktop.store.models import Member

NAME_LIMIT = text_limit(Member.name)
PHONE_LIMIT = text_limit(Member.phone)
EMPLOYEE_NO_LIMIT = text_limit(Member.employee_no)
NOTE_LIMIT = 1000  # members.note is TEXT: what a note on the member's page or a roster cell may hold


def member_name(value: object, *, label: str = "姓名") -> str:
    """A person's name (required)."""
    return person_name(value, field="name", label=label, limit=NAME_LIMIT)


def member_phone(value: object, *, label: str = "手机") -> str | None:
    return phone_number(value, field="phone", label=label, limit=PHONE_LIMIT)


def employee_number(value: object) -> str | None:
    return clean_text(value, field="employee_no", label="工号", limit=EMPLOYEE_NO_LIMIT)


def member_note(value: object, *, multiline: bool = False) -> str | None:
    return clean_text(value, field="note", label="备注", limit=NOTE_LIMIT, multiline=multiline, halfwidth=False)


def member_fields(
    *, name: object, phone: object = None, employee_no: object = None
) -> tuple[str, str | None, str | None]:
    """(name, phone, employee number) cleaned; the first bad one raises InputError."""
    return member_name(name), member_phone(phone), employee_number(employee_no)
