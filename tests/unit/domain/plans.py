"""Plan texts for the domain tests: the spec's example plans, and edits of them."""

from __future__ import annotations

import re
from pathlib import Path

PLANS_DIR = Path(__file__).resolve().parents[3] / "resources" / "plans"
PLAN_FILES = ("shangluo-2027.toml", "ningbo-2027.toml", "qinghe-2027.toml", "critical-illness-2027.toml")


def plan_text(name: str = "shangluo-2027.toml") -> str:
    return (PLANS_DIR / name).read_text(encoding="utf-8")


def edit(text: str, key: str, line: str | None) -> str:
    """`text` with the line setting `key` replaced by `line` (or removed when None)."""
    pattern = re.compile(rf"^{re.escape(key)} = .*$\n", re.MULTILINE)
    assert len(pattern.findall(text)) == 1, f"no single line for {key}"
    return pattern.sub("" if line is None else line + "\n", text)
