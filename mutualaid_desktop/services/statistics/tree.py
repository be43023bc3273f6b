"""The union tree as the statistics see it: each unit's county, in the tree's order.

A county is a node of kind "county"; a grassroots unit's county is its parent when that is a county.
A record with no unit, or under a unit hung elsewhere (directly under the city), has no county
(NO_COUNTY): it counts for the city only.
"""

from __future__ import annotations

from dataclasses import dataclass

NO_COUNTY = None


@dataclass(frozen=True)
class Node:
    id: int
    code: str
    name: str
    kind: str  # city / county / unit
    parent_id: int | None
    headcount: int | None
    active: bool


class Tree:
    def __init__(self, rows) -> None:
        self._nodes = {r[0]: Node(*r) for r in rows}

    def node(self, unit_id: int | None) -> Node | None:
        return None if unit_id is None else self._nodes.get(unit_id)

    def code(self, unit_id: int | None) -> str:
        node = self.node(unit_id)
        return node.code if node else ""

    def county_of(self, unit_id: int | None) -> int | None:
        node = self.node(unit_id)
        if node is None:
            return NO_COUNTY
        if node.kind == "county":
            return node.id
        parent = self.node(node.parent_id)
        return parent.id if parent is not None and parent.kind == "county" else NO_COUNTY

    def headcount(self, unit_id: int | None) -> int | None:
        node = self.node(unit_id)
        return node.headcount if node is not None and node.kind == "unit" else None

    def city(self) -> Node | None:
        return next((n for n in self._nodes.values() if n.kind == "city"), None)

    def counties(self) -> list[Node]:
        """Every county, by code (inactive ones too: their past figures count)."""
        return sorted((n for n in self._nodes.values() if n.kind == "county"), key=lambda n: n.code)

    def grassroots(self) -> list[Node]:
        """The active grassroots units."""
        return [n for n in self._nodes.values() if n.kind == "unit" and n.active]

    def units_of(self, county_id: int) -> list[Node]:
        return sorted((n for n in self._nodes.values() if n.parent_id == county_id), key=lambda n: n.code)

    def sort_key(self, unit_id: int | None) -> tuple[str, str]:
        return (self.code(self.county_of(unit_id)), self.code(unit_id))

    def nodes(self) -> list[Node]:
        """Every node (for a tree made from this one: the handed-in counties, services/handin/tallies.py)."""
        return list(self._nodes.values())
