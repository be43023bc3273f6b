"""The roles a counter account can have, in order of rank. Plain data, so that every layer may
read it (the schema, the command line's choices); who may do what is services/permissions.py."""

from __future__ import annotations

ROLES: tuple[str, ...] = ("clerk", "reviewer", "supervisor", "admin")
