"""What a write changed: the change report (like Anki's `OpChanges`), and who is told of it.

Every unit of work that commits hands a `Changes` to the listeners subscribed here
(services/unit_of_work.py collects what its session wrote; no service has to remember to report).
The report names the *kinds* of data touched (plans, units, members...) and, where they are known,
the ids; a screen refreshes what it shows when a kind it shows is in the report:

    if changes.touches(PLANS, UNITS):
        self.reload_choices()

The ids are a hint, never the whole truth: a Core statement (a bulk insert, an update by a
condition) reports its kind without ids. `Changes.everything()` is the report of a change whose
extent is unknown (another process wrote to the database): it touches every kind.

Listeners are called after the commit, on the thread that committed (the window's worker thread,
the command line's main thread); a listener that must act on another thread (the GUI) passes the
report on through a queued signal. A listener's exception is logged and never undoes the commit or
reaches the service's caller: the data is written whatever a screen makes of it.

Pure Python: no SQLAlchemy, no Qt. The table names (store/models.py) are mapped to kinds here.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

PLANS = "plans"
UNITS = "units"
MEMBERS = "members"
ENROLLMENTS = "enrollments"
PAYMENTS = "payments"  # premium payments and their receipts (缴费收据)
CLAIMS = "claims"
PAYOUTS = "payouts"  # payout batches and items (给付)
HOSPITALS = "hospitals"
USERS = "users"
SETTINGS = "settings"  # the counter's settings: counter info, paper texts, print settings
PAPERS = "papers"  # printed papers (printed_documents)
LEAVERS = "leavers"  # members who left at renewal (renewal_leavers)
TARGETS = "targets"  # the yearly targets of the counties and the city (stat_targets)
CLOSINGS = "closings"  # month closings (月结 / 交账: month_closings)
HANDINS = "handins"  # county hand-in files and keys (交账文件: handin_keys, handin_exports, handin_files)

KINDS = (
    PLANS, UNITS, MEMBERS, ENROLLMENTS, PAYMENTS, CLAIMS, PAYOUTS, HOSPITALS, USERS, SETTINGS, PAPERS, LEAVERS,
    TARGETS, CLOSINGS, HANDINS,
)  # fmt: skip

# Table (store/models.py) -> kind. The audit log and the serial counters are bookkeeping of the other
# writes and are not reported; a table not listed here is reported under its own name.
TABLE_KINDS: Mapping[str, str | None] = {
    "plans": PLANS,
    "org_units": UNITS,
    "members": MEMBERS,
    "enrollments": ENROLLMENTS,
    "premium_payments": PAYMENTS,
    "premium_payment_items": PAYMENTS,
    "claims": CLAIMS,
    "claim_reversals": CLAIMS,
    "claim_status_changes": CLAIMS,
    "payout_batches": PAYOUTS,
    "payout_items": PAYOUTS,
    "hospitals": HOSPITALS,
    "users": USERS,
    "settings": SETTINGS,
    "printed_documents": PAPERS,
    "renewal_leavers": LEAVERS,
    "stat_targets": TARGETS,
    "month_closings": CLOSINGS,
    "handin_keys": HANDINS,
    "handin_exports": HANDINS,
    "handin_files": HANDINS,
    "audit_log": None,
    "serials": None,
}

# Which table's rows carry the ids of the kind (an item table's id is not its kind's id).
_ID_TABLES = frozenset(
    {
        "plans",
        "org_units",
        "members",
        "enrollments",
        "premium_payments",
        "claims",
        "payout_batches",
        "hospitals",
        "users",
        "settings",
        "printed_documents",
        "renewal_leavers",
        "stat_targets",
        "month_closings",
        "handin_files",
    }
)


def kind_of_table(table: str) -> str | None:
    """The kind a write to `table` changes; None for the bookkeeping tables."""
    return TABLE_KINDS.get(table, table)


@dataclass(frozen=True)
class Changes:
    """The kinds of data a write changed, and the ids known (kind -> ids; settings: their keys)."""

    kinds: frozenset[str] = frozenset()
    ids: Mapping[str, frozenset] = field(default_factory=dict)
    external: bool = False  # True: another process changed the database; what is unknown
    origin: str | None = field(default=None, compare=False)  # the database written (its URL), when known

    @classmethod
    def everything(cls, origin: str | None = None) -> Changes:
        """A change of unknown extent (another process wrote): every kind is touched."""
        return cls(frozenset(KINDS), {}, external=True, origin=origin)

    @classmethod
    def of(cls, *kinds: str, **ids: Iterable) -> Changes:
        """`Changes.of(PLANS)`, `Changes.of(UNITS, units=[3])`: for listeners' tests and callers that
        know what they changed."""
        return cls(frozenset(kinds) | frozenset(ids), {kind: frozenset(values) for kind, values in ids.items()})

    @classmethod
    def from_tables(
        cls, tables: Iterable[str], rows: Iterable[tuple[str, object]] = (), *, origin: str | None = None
    ) -> Changes:
        """The report of writes to `tables`, with the (table, id) of rows known to have changed."""
        kinds = {kind for kind in map(kind_of_table, tables) if kind}
        ids: dict[str, set] = {}
        for table, row_id in rows:
            kind = kind_of_table(table)
            if kind and table in _ID_TABLES and row_id is not None:
                kinds.add(kind)
                ids.setdefault(kind, set()).add(row_id)
        return cls(frozenset(kinds), {kind: frozenset(values) for kind, values in ids.items()}, origin=origin)

    def touches(self, *kinds: str) -> bool:
        """Whether any of `kinds` changed."""
        return not self.kinds.isdisjoint(kinds)

    def ids_of(self, kind: str) -> frozenset:
        """The ids of `kind` known to have changed (not necessarily all of them)."""
        return self.ids.get(kind, frozenset())

    def __or__(self, other: Changes) -> Changes:
        ids = {kind: self.ids_of(kind) | other.ids_of(kind) for kind in set(self.ids) | set(other.ids)}
        return Changes(self.kinds | other.kinds, ids, self.external or other.external, self.origin or other.origin)

    def __bool__(self) -> bool:
        return bool(self.kinds)


Listener = Callable[[Changes], None]

_listeners: list[Listener] = []
_lock = threading.Lock()


def subscribe(listener: Listener) -> Callable[[], None]:
    """Call `listener(changes)` after every commit in this process; returns the unsubscriber."""
    with _lock:
        _listeners.append(listener)

    def unsubscribe() -> None:
        with _lock:
            if listener in _listeners:
                _listeners.remove(listener)

    return unsubscribe


def publish(changes: Changes) -> None:
    """Tell every listener of `changes` (nothing for an empty report)."""
    if not changes:
        return
    with _lock:
        listeners = list(_listeners)
    for listener in listeners:
        try:
            listener(changes)
        except Exception:  # the write is done; a listener's fault must not look like the write's
            log.exception("a change listener failed")
