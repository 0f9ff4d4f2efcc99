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
    linked_i: np.ndarray,
    linked_j: np.ndarray,
    agree: np.ndarray,
    values: Sequence[object],
    apart: tuple[np.ndarray, np.ndarray] | None = None,
    precision: tuple[np.ndarray, np.ndarray] | None = None,
) -> dict[int, int]:
    """Row -> value-cluster id over the linked pairs: equal stated values join, then agreeing pairs, in order.

    `apart` lists pairs of rows whose values disagree (the classifier read them as two values): an agreeing
    pair never joins two clusters that hold such a pair between them. Agreement is not transitive: "$14.7
    billion" agrees with "$14.73 billion" and with "$14.74 billion", which do not agree with each other; one
    cluster holding all three would hide that disagreement, and a chain of approximate agreements (a rounded
    figure, a stated conversion) would put different quantities in one cluster. A statement that agrees with
    two statements set apart from each other (the "$14.7 billion") supports neither: it joins no cluster by
    agreement (only statements of its own stated value). Unless it is finer than both (`precision`: per row,
    half the unit of the last digit written, and the value, whose ratio is compared): "6.567 trillion won" is
    what "6.56" (cut short) and "6.57" (rounded) both restate, so the two are not set apart and the three are
    one value.

    >>> value_clusters(np.array([0, 0, 1]), np.array([1, 2, 2]), np.array([False, True, False]),
    ...                ["4.13", "4.81", "4.13"])
    {0: 0, 1: 1, 2: 0}
    >>> agree = np.array([True, True, False])  # 14.7 agrees with both; 14.73 and 14.74 do not agree
    >>> value_clusters(np.array([0, 0, 1]), np.array([1, 2, 2]), agree, ["14.7", "14.73", "14.74"],
    ...                apart=(np.array([1]), np.array([2])))
    {0: 0, 1: 1, 2: 2}
    >>> value_clusters(np.array([0, 0, 1]), np.array([1, 2, 2]), agree, ["6.567", "6.56", "6.57"],
    ...                apart=(np.array([1]), np.array([2])),
    ...                precision=(np.array([0.0005, 0.005, 0.005]), np.array([6.567, 6.56, 6.57])))
    {0: 0, 1: 0, 2: 0}
    """
    sets = DisjointSet()
    groups = quantity_groups(linked_i, linked_j)
    # the rows each cluster may not be joined with (kept for clusters that have any), by cluster root
    avoid: dict[int, set[int]] = defaultdict(set)
    members: dict[int, list[int]] = {}
    if apart is not None:
        for a, b in zip(apart[0].tolist(), apart[1].tolist(), strict=True):
            if a in groups and b in groups:
                avoid[a].add(b)
                avoid[b].add(a)

    ambiguous: set[int] = set()
    if avoid:
        # the agreeing partners of each row that are set apart from some statement (only they can be)
        partners: dict[int, set[int]] = defaultdict(set)
        for a, b, ok in zip(linked_i.tolist(), linked_j.tolist(), agree.tolist(), strict=True):
            if ok and b in avoid:
                partners[a].add(b)
            if ok and a in avoid:
                partners[b].add(a)

        def written(row: int) -> float:  # the precision a figure is written to, relative to its value
            step, value = (float(x[row]) for x in precision) if precision is not None else (0.0, 0.0)
            return step / abs(value) if step > 0 and value else float("inf")

        for row, near in partners.items():
            for p in near:
                for q in avoid[p] & near:
                    if written(row) < min(written(p), written(q)):
                        avoid[p].discard(q)  # two restatements of a finer figure: one value
                        avoid[q].discard(p)
                    else:
                        ambiguous.add(row)
        for row in [r for r, rows in avoid.items() if not rows]:
            del avoid[row]

    def join(a: int, b: int) -> None:
        ra, rb = sets.find(a), sets.find(b)
        if ra == rb:
            return
        if avoid:
            rows_a, rows_b = members.get(ra, [ra]), members.get(rb, [rb])
            avoid_a, avoid_b = avoid.get(ra), avoid.get(rb)
            if (avoid_a and not avoid_a.isdisjoint(rows_b)) or (avoid_b and not avoid_b.isdisjoint(rows_a)):
                return
        sets.union(a, b)
        root, other = (ra, rb) if sets.find(a) == ra else (rb, ra)
        if avoid:  # the smaller side's rows and exclusions join the larger's (each row moves O(log n) times)
            big, small = members.pop(root, [root]), members.pop(other, [other])
            if len(big) < len(small):
                big, small = small, big
            big.extend(small)
            members[root] = big
            if other in avoid:
                kept, moved = avoid.pop(root, set()), avoid.pop(other)
                if len(kept) < len(moved):
                    kept, moved = moved, kept
                kept |= moved
                avoid[root] = kept

    for a, b in zip(linked_i.tolist(), linked_j.tolist(), strict=True):
        sets.find(a)
        sets.find(b)
    for group in {id(m): m for m in groups.values()}.values():
        by_value: dict[object, int] = {}
        for row in sorted(group):
            join(by_value.setdefault(values[row], row), row)
    for a, b, ok in zip(linked_i.tolist(), linked_j.tolist(), agree.tolist(), strict=True):
        if ok and a not in ambiguous and b not in ambiguous:
            join(a, b)
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
