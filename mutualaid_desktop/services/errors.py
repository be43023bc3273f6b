"""Errors a service raises for the user: the message is in the user's language and says what to do."""

from __future__ import annotations


class ServiceError(Exception):
    """A use case refused: nothing was changed. `message` is shown to the user as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(ServiceError):
    pass


class PermissionDenied(ServiceError):
    pass
