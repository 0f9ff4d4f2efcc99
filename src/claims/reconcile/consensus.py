"""Group statements of one quantity, split each group by value, and count independent sources per value.

Statements are linked when matching found them to measure the same thing (whether their values agree or
not); each connected group is one quantity. Inside a group, statements whose values agree (a pair the
classifier read as agreeing, or the same stated value) form one *value cluster*. One disagreement is one pair
of value clusters: it is reported once, the cluster with fewer independent sources (the outlier) against the
other (the consensus), however many statements each holds.

Independent sources: statements that cite the same reference entry, or that repeat one another word for word
(numbers aside), are one source; otherwise each statement is its own source.

Identity: a finding's id is made from the lowest claim id of each cluster, and the finding lists the pair
ids of every (outlier member, consensus member) pair in `Conflict.pair_ids`. When a further statement
joins a cluster, the finding keeps its id unless the newcomer has a lower claim id; either way the old id is
among the new finding's pair ids, so a review decision stored under the old id can be carried over (the
decisions store looks the stored id up in `pair_ids`) and the newcomer shows as new evidence (members not in
the decision's members).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

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


def value_clusters(
    linked_i: np.ndarray, linked_j: np.ndarray, agree: np.ndarray, values: Sequence[object]
) -> dict[int, int]:
    """Row -> value-cluster id over the linked pairs: agreeing pairs and equal stated values join.

    >>> value_clusters(np.array([0, 0, 1]), np.array([1, 2, 2]), np.array([False, True, False]),
    ...                ["4.13", "4.81", "4.13"])
    {0: 0, 1: 1, 2: 0}
    """
    sets = DisjointSet()
    groups = quantity_groups(linked_i, linked_j)
    for a, b, ok in zip(linked_i.tolist(), linked_j.tolist(), agree.tolist(), strict=True):
        sets.find(a)
        sets.find(b)
        if ok:
            sets.union(a, b)
    for members in {id(m): m for m in groups.values()}.values():
        by_value: dict[object, int] = {}
        for row in sorted(members):
            first = by_value.setdefault(values[row], row)
            sets.union(first, row)
    return {row: sets.find(row) for row in list(sets.parent)}


@dataclass(frozen=True, slots=True)
class Support:
    """How many statements, documents and independent sources give one value."""

    statements: int
    documents: int
    sources: int

    def phrase(self, value: str) -> str:
        """'4 statements in 2 documents (3 independent sources) give US$4.13 trillion'.

        >>> Support(4, 2, 3).phrase("US$4.13 trillion")
        '4 statements in 2 documents (3 independent sources) give US$4.13 trillion'
        >>> Support(1, 1, 1).phrase("US$4.81 trillion")
        '1 statement gives US$4.81 trillion'
        """
        if self.statements == 1:
            return f"1 statement gives {value}"
        docs = f"{self.documents} document{'s' if self.documents != 1 else ''}"
        sources = (
            ""
            if self.sources == self.statements
            else (f" ({self.sources} independent source{'s' if self.sources != 1 else ''})")
        )
        return f"{self.statements} statements in {docs}{sources} give {value}"


def support_of(claims: Sequence[Claim], members: Sequence[int], source_keys: Sequence[object]) -> Support:
    """Statements, documents and independent sources among `members` (rows of `claims`)."""
    return Support(
        statements=len(members),
        documents=len({claims[m].doc for m in members}),
        sources=len({source_keys[m] for m in members}),
    )


def value_label(claim: Claim) -> str:
    return format_value(claim.value, claim.unit, str(claim.kind), low=claim.value_low, high=claim.value_high)
