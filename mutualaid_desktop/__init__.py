"""互助保障柜台 — counter software for the trade-union mutual-aid health plan."""

__version__ = "0.1.0"
