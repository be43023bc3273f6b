"""Errors of the domain: bad input, told in Chinese, with the field it belongs to."""

from __future__ import annotations


class InputError(ValueError):
    """Input that cannot be used: says which field, what is wrong and what to do.

    `field` is the field's name in code (``"id_number"``, ``"reimbursement.tiers[1].rate"``) or
    None; `message` is for the user (Simplified Chinese); `code` is a short English code for tests
    and logs (``"empty"``, ``"length"``, ``"missing"``...).
    """

    def __init__(self, field: str | None, message: str, code: str = "invalid") -> None:
        self.field = field
        self.message = message
        self.code = code
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message

    def __reduce__(self):  # keep pickling (e.g. across processes) working with our signature
        return (type(self), (self.field, self.message, self.code))


class PlanError(InputError):
    """A plan file that cannot be used (syntax, a missing, unknown or wrong field)."""
