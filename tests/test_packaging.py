"""The wheel carries every subpackage and the resources (fonts, plans, translations)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "mutualaid_desktop").rglob("__init__.py")
    }
    assert found - listed == set(), "add these packages to [tool.setuptools] packages"
    assert config["package-dir"]["mutualaid_desktop.resources"] == "resources"
    assert "mutualaid_desktop.resources" in listed


def test_resources_are_present():
    from mutualaid_desktop.paths import font_path, resources_dir

    assert font_path().is_file() and font_path().stat().st_size > 1_000_000
    assert (resources_dir() / "fonts" / "LICENSE-Apache-2.0.txt").is_file()
    assert sorted(p.name for p in (resources_dir() / "plans").glob("*.toml"))
