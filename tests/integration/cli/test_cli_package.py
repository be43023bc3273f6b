"""The command line's package: its modules import without a cycle, in any order, and `python -m` runs it.

The parser module (cli/parser.py) imports the command modules at the top; they share cli/common.py
and never import the parser or the package back, not even inside a function.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import mutualaid_desktop.cli

PACKAGE = "mutualaid_desktop.cli"
FOLDER = Path(mutualaid_desktop.cli.__file__).parent
ROOT = FOLDER.parent.parent
MODULES = sorted(f"{PACKAGE}.{p.stem}" for p in FOLDER.glob("*.py") if p.stem not in ("__init__", "__main__"))


def _import_in_fresh_interpreter(names: list[str]) -> subprocess.CompletedProcess:
    code = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n"
    return subprocess.run([sys.executable, "-c", code, *names], capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_the_package_has_the_common_and_parser_modules():
    assert {f"{PACKAGE}.common", f"{PACKAGE}.parser"} <= set(MODULES)


@pytest.mark.parametrize("first", MODULES)
def test_every_module_imports_first_in_a_fresh_interpreter(first):
    rest = [m for m in MODULES if m != first]
    for order in ([first, *rest], [first, *reversed(rest)]):
        done = _import_in_fresh_interpreter(order)
        assert done.returncode == 0, f"import order {order}:\n{done.stderr}"


def _imports(tree: ast.AST):
    """(module imported, names, inside a function) for every import statement of `tree`."""

    def walk(node, in_function):
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield alias.name, [], in_function
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                yield child.module, [a.name for a in child.names], in_function
            yield from walk(child, inner)

    yield from walk(tree, False)


@pytest.mark.parametrize("stem", sorted(p.stem for p in FOLDER.glob("*.py")))
def test_no_module_imports_the_parser_or_the_package_back(stem):
    tree = ast.parse((FOLDER / f"{stem}.py").read_text(encoding="utf-8"))
    for module, names, in_function in _imports(tree):
        if not (module == PACKAGE or module.startswith(PACKAGE + ".")):
            continue
        assert not in_function, f"cli/{stem}.py imports {module} inside a function"
        if module == PACKAGE and stem != "__main__":  # submodules only, not what __init__ takes from the parser
            assert all((FOLDER / f"{n}.py").is_file() for n in names), f"cli/{stem}.py imports {names} from the package"
            assert stem in ("__init__",) or "parser" not in names, f"cli/{stem}.py imports the parser module"
        if stem not in ("__init__", "__main__"):
            assert module != f"{PACKAGE}.parser", f"cli/{stem}.py imports the parser module"


def test_the_package_exports_main_from_the_parser():
    from mutualaid_desktop.cli import main
    from mutualaid_desktop.cli.parser import main as parser_main

    assert main is parser_main


def test_python_dash_m_shows_the_help():
    done = subprocess.run([sys.executable, "-m", PACKAGE, "--help"], capture_output=True, timeout=120, cwd=ROOT)
    out = done.stdout.decode("utf-8")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert "usage: mutualaid" in out
    for command in ("init", "plan", "unit", "roster", "print", "renewal", "user", "payout", "idcard", "amount"):
        assert command in out


def test_python_dash_m_refuses_in_a_command_module_with_its_status(tmp_path):
    # A refusal raised in a command module (CliFailure) is caught by main also under `python -m`.
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            PACKAGE,
            "--db",
            str(tmp_path / "c.sqlite3"),
            "payout",
            "export",
            "--batch",
            "PF2026-0001",
            "--out",
            "bank.pdf",
        ],
        capture_output=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 2
    assert "输出文件名应以 .xlsx 结尾" in done.stderr.decode("utf-8")
    assert "Traceback" not in done.stderr.decode("utf-8")


def test_the_console_script_of_pyproject_is_the_packages_main():
    import importlib
    import tomllib

    target = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]["mutualaid"]
    module, _, attribute = target.partition(":")
    assert getattr(importlib.import_module(module), attribute) is mutualaid_desktop.cli.parser.main
