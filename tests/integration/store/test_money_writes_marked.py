"""Every Core write of a money table in the program marks what it touched.

The ORM's own changes of money rows reach the audit log by themselves (store/money_digest.py);
an insert or update statement does not, and a forgotten mark would make `check` report the
program's own write as a change behind its back. This reads the program's source: a function
that writes a money table with a Core statement (insert/update/delete of the model or its
table, insert_many/update_many) must call touch / touch_all (or uow.touched) itself."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[3] / "mutualaid_desktop"
MONEY = {"PremiumPayment", "PremiumPaymentItem", "PayoutBatch", "PayoutItem", "Claim", "ClaimReversal"}
CHANGED_ONLY = {"Enrollment"}  # new enrollments are not paid yet; an update may change a paid one
MARKS = {"touch", "touch_all", "touched", "_touch_payments_of"}
SKIPPED = {"money_digest.py"}


def _model(node: ast.AST) -> str | None:
    """`Claim` or `Claim.__table__` -> "Claim"."""
    if isinstance(node, ast.Attribute) and node.attr == "__table__":
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _own_nodes(function: ast.AST):
    """The nodes of `function`, not of the functions defined inside it (checked on their own)."""
    stack = list(ast.iter_child_nodes(function))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def _writes(function: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in _own_nodes(function):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        model = None
        if name in ("insert", "update", "delete") and isinstance(func, ast.Name) and node.args:
            model = _model(node.args[0])  # insert(Claim), update(Claim)
            kind = name
        elif name in ("insert", "update", "delete") and isinstance(func, ast.Attribute):
            model = _model(func.value)  # Claim.__table__.insert()
            kind = name
        elif name in ("insert_many", "update_many") and len(node.args) >= 2:
            model = _model(node.args[1])
            kind = "insert" if name == "insert_many" else "update"
        if model in MONEY or (model in CHANGED_ONLY and kind != "insert"):
            found.append((node.lineno, model))
    return found


def _marks(function: ast.AST) -> bool:
    for node in _own_nodes(function):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if name in MARKS:
                return True
    return False


def test_core_writes_of_money_tables_are_marked():
    unmarked = []
    checked = 0
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts or path.name in SKIPPED:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            writes = _writes(function)
            checked += len(writes)
            if writes and not _marks(function):
                unmarked += [
                    f"{path.relative_to(PACKAGE)}:{line} {function.name} writes {model}" for line, model in writes
                ]
    print(f"{checked} Core writes of money tables seen")
    assert checked >= 10  # the payment, claim and demo writes are seen
    assert unmarked == []


def test_the_guard_sees_an_unmarked_write():
    source = "def f(session):\n    session.execute(update(Claim).where(Claim.id == 1).values(status='paid'))\n"
    function = ast.parse(source).body[0]
    assert _writes(function) == [(2, "Claim")] and not _marks(function)
    marked = source + "    touch(session, 'claim', 1)\n"
    assert _marks(ast.parse(marked).body[0])
