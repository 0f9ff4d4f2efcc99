"""Do two claims measure the same thing, for the same party, over the same period?

Rules (applied to the candidate pairs from blocking, vectorised where the data allow):

- Same dimension family (blocking guarantees it) and never two claims of one sentence: a sentence's numbers
  are checked against each other by `arithmetic` and `conversion`, not as rival statements.
- Period: two dated claims compare when their year spans are equal or overlap by at least
  `period_overlap_min` (Jaccard over years: 2024 vs 2020-2024 is an annual figure vs a cumulative one and does
  not compare). A claim without a period compares only when the subjects agree strongly
  (`token_sort_ratio >= strong_subject_threshold`): "ASEAN GDP" with no year against "ASEAN GDP in 2024".
  A budget in two different fiscal years therefore never compares.
- Party: when each side names a place (country or region) the other does not, they are about different
  parties: the same amount granted to Malaysia and to Fiji is not a conflict.
- Facility: proper-name tokens of the subjects ("Integration Fund" vs "Cultural Fund") must not differ on both
  sides, and a version marker on one side only ("JAIF" vs "JAIF 2.0", "CMI" vs "CMIM") separates an initiative
  from its later version.
- Counts: the counted nouns must match as well as the subject ("patrol vessels" vs "rescue boats").
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz

from .normalize import VERSION_MARKERS, ClaimTable
from .rules import MatchRules


def period_compatible(
    table: ClaimTable, i: np.ndarray, j: np.ndarray, rules: MatchRules, *, max_gap: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """(compatible, undated): dated pairs overlapping enough (or within `max_gap` years); undated flagged."""
    ps_i, pe_i = table.period_start[i], table.period_end[i]
    ps_j, pe_j = table.period_start[j], table.period_end[j]
    dated = (ps_i >= 0) & (ps_j >= 0)
    inter = np.minimum(pe_i, pe_j) - np.maximum(ps_i, ps_j) + 1
    union = np.maximum(pe_i, pe_j) - np.minimum(ps_i, ps_j) + 1
    jaccard = np.where(union > 0, np.clip(inter, 0, None) / np.maximum(union, 1), 0.0)
    ok = dated & (jaccard >= rules.period_overlap_min)
    if max_gap:
        gap = np.maximum(ps_i, ps_j) - np.minimum(pe_i, pe_j)
        ok |= dated & (gap <= max_gap)
    return ok, ~dated


def strong_subject(table: ClaimTable, i: int, j: int, rules: MatchRules) -> bool:
    """Subjects that agree word for word (order aside), as required when a side has no period."""
    return fuzz.token_sort_ratio(table.subject[i], table.subject[j]) >= rules.strong_subject_threshold


def parties_compatible(places_a: frozenset[str], places_b: frozenset[str]) -> bool:
    """False when each side names a place the other does not.

    >>> parties_compatible(frozenset({"japan", "malaysia"}), frozenset({"japan", "fiji"}))
    False
    >>> parties_compatible(frozenset({"japan", "malaysia"}), frozenset({"japan"}))
    True
    """
    return not (places_a - places_b and places_b - places_a)


def facilities_compatible(names_a: frozenset[str], names_b: frozenset[str]) -> bool:
    """False for two differently named facilities, or a facility and its later version.

    >>> facilities_compatible(frozenset({"jaif"}), frozenset({"jaif", "2.0"}))
    False
    >>> facilities_compatible(frozenset({"cmi"}), frozenset({"cmim"}))
    False
    >>> facilities_compatible(frozenset({"integration", "fund"}), frozenset({"cultural", "fund"}))
    False
    >>> facilities_compatible(frozenset({"osa"}), frozenset({"osa"}))
    True
    """
    only_a, only_b = names_a - names_b, names_b - names_a
    if only_a and only_b:
        return False
    extra = only_a or only_b
    return not any(t in VERSION_MARKERS or t[:1].isdigit() for t in extra)


def same_quantity(
    table: ClaimTable, i: np.ndarray, j: np.ndarray, score: np.ndarray, rules: MatchRules
) -> tuple[np.ndarray, np.ndarray]:
    """Masks over the candidate pairs: (same quantity, dated within the slip gap only).

    The second mask marks pairs that fail the period rule but lie within `magnitude_period_gap` years: they
    are kept only for the million/billion slip check.
    """
    n = len(i)
    keep = table.sentence_key[i] != table.sentence_key[j]
    period_ok, undated = period_compatible(table, i, j, rules)
    near_ok, _ = period_compatible(table, i, j, rules, max_gap=rules.magnitude_period_gap)
    near_only = near_ok & ~period_ok
    same = np.zeros(n, dtype=bool)
    near = np.zeros(n, dtype=bool)
    party_cache: dict[tuple[frozenset[str], frozenset[str]], bool] = {}
    name_cache: dict[tuple[frozenset[str], frozenset[str]], bool] = {}
    for k in np.flatnonzero(keep & (period_ok | undated | near_only)).tolist():
        a, b = int(i[k]), int(j[k])
        if undated[k] and not strong_subject(table, a, b, rules):
            continue
        key = (table.places[a], table.places[b])
        ok = party_cache.get(key)
        if ok is None:
            ok = party_cache[key] = parties_compatible(*key)
        if not ok:
            continue
        key = (table.names[a], table.names[b])
        ok = name_cache.get(key)
        if ok is None:
            ok = name_cache[key] = facilities_compatible(*key)
        if not ok:
            continue
        if (
            table.counted[a]
            and table.counted[b]
            and (fuzz.token_set_ratio(table.counted[a], table.counted[b]) < rules.subject_match_threshold)
        ):
            continue
        if near_only[k]:
            near[k] = True
        else:
            same[k] = True
    return same, near
