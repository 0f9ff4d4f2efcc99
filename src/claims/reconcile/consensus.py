"""Group statements of one quantity and count how many support each value.

Statements are linked when matching found them to measure the same thing (whether their values agree or
not); each connected group is one quantity. Where a group holds at least `consensus_min_sources` statements,
findings inside it get the most supported value and a support string ("58.9%: 2 sources; 36.5%: 1 source").
A tie for the top leaves the consensus value empty: there is no majority to report.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np

from claims.types import Claim

from .explain import format_value


class DisjointSet:
    """Union-find over row indices, with path halving."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def quantity_groups(i: np.ndarray, j: np.ndarray) -> dict[int, list[int]]:
    """Row index -> all rows of its group, for rows in some linked pair."""
    sets = DisjointSet()
    for a, b in zip(i.tolist(), j.tolist(), strict=True):
        sets.union(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for x in list(sets.parent):
        groups[sets.find(x)].append(x)
    return {x: members for members in groups.values() for x in members}


def value_label(claim: Claim) -> str:
    return format_value(claim.value, claim.unit, str(claim.kind), low=claim.value_low, high=claim.value_high)


def support(
    claims: Sequence[Claim], members: list[int], unit: str | None, min_sources: int
) -> tuple[float | None, str]:
    """(consensus value, support string) over the members stated in `unit`; ('', None) under the minimum."""
    same_unit = [claims[m] for m in members if claims[m].unit == unit]
    if len(same_unit) < min_sources:
        return None, ""
    counts: Counter[str] = Counter()
    values: dict[str, float | None] = {}
    for claim in same_unit:
        label = value_label(claim)
        counts[label] += 1
        values.setdefault(label, claim.value)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    text = "; ".join(f"{label}: {n} source{'s' if n != 1 else ''}" for label, n in ranked)
    top_tied = len(ranked) > 1 and ranked[0][1] == ranked[1][1]
    return (None if top_tied else values[ranked[0][0]]), text
