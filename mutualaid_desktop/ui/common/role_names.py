"""The roles' names on the screens, in the user's language.

The names are services/permissions.ROLE_LABELS (their one owner); this only translates them, in
one translation context ("Roles") for every screen. pyside6-lupdate cannot read a name passed to
translate() at run time: MARKED puts the same words where it sees them (a test keeps MARKED equal
to ROLE_LABELS), so that the English catalogue has them.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from mutualaid_desktop.services.permissions import ROLE_LABELS, ROLES

CONTEXT = "Roles"
MARKED = (
    QT_TRANSLATE_NOOP("Roles", "经办人"),
    QT_TRANSLATE_NOOP("Roles", "审核人"),
    QT_TRANSLATE_NOOP("Roles", "主管"),
    QT_TRANSLATE_NOOP("Roles", "管理员"),
)


def role_name(role: str) -> str:
    """The name of `role` as the screens show it (the role itself when unknown)."""
    label = ROLE_LABELS.get(role)
    return QCoreApplication.translate(CONTEXT, label) if label is not None else role


def role_names() -> dict[str, str]:
    """Every role (in order of rank) and its name."""
    return {role: role_name(role) for role in ROLES}


__all__ = ["CONTEXT", "MARKED", "role_name", "role_names"]
