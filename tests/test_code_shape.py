"""The code keeps its shape (issue 11): no module over 600 lines and no function or method over 80
lines, except the papers' drawing code (documents/) and the migrations (store/migrations/), which
are long lists of drawing or schema steps read from top to bottom."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "mutualaid_desktop"
MODULE_LINES = 600
FUNCTION_LINES = 80
EXEMPT = ("documents", "store/migrations")


def _modules() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if not any(path.relative_to(PACKAGE).as_posix().startswith(f"{folder}/") for folder in EXEMPT)
    ]


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE.parent).as_posix()


def _functions(tree: ast.AST, prefix: str = "") -> list[tuple[str, int]]:
    """Every function and method with its qualified name and its length (def line to last line)."""
    found: list[tuple[str, int]] = []
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            assert node.end_lineno is not None
            found.append((prefix + node.name, node.end_lineno - node.lineno + 1))
            found += _functions(node, f"{prefix}{node.name}.")
        elif isinstance(node, ast.ClassDef):
            found += _functions(node, f"{prefix}{node.name}.")
        else:
            found += _functions(node, prefix)
    return found


def long_modules(limit: int = MODULE_LINES) -> list[str]:
    offenders = []
    for path in _modules():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > limit:
            offenders.append(f"{_name(path)}: {lines} lines")
    return offenders


def long_functions(limit: int = FUNCTION_LINES) -> list[str]:
    offenders = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for name, lines in _functions(tree):
            if lines > limit:
                offenders.append(f"{_name(path)}: {name} {lines} lines")
    return offenders


def test_the_walk_sees_the_whole_package():
    modules = {_name(path) for path in _modules()}
    assert "mutualaid_desktop/ui/claims/claim_intake_page.py" in modules
    assert "mutualaid_desktop/services/unit_of_work.py" in modules
    assert not any(
        name.startswith(("mutualaid_desktop/documents/", "mutualaid_desktop/store/migrations/")) for name in modules
    )
    # the limits bite: something is longer than a tenth of them
    assert long_modules(MODULE_LINES // 10) and long_functions(FUNCTION_LINES // 10)


def test_nested_functions_and_methods_are_measured_by_their_qualified_names():
    tree = ast.parse(
        "class Page:\n    def build(self):\n        def inner():\n            pass\n        return inner\n"
    )
    assert _functions(tree) == [("Page.build", 4), ("Page.build.inner", 2)]


def test_no_module_over_600_lines():
    offenders = long_modules()
    assert offenders == [], f"modules over {MODULE_LINES} lines; move a whole responsibility out:\n" + "\n".join(
        offenders
    )


def test_no_function_over_80_lines():
    offenders = long_functions()
    assert offenders == [], f"functions over {FUNCTION_LINES} lines; split them:\n" + "\n".join(offenders)
