"""Do two claims measure the same thing, for the same party, over the same period?

Rules (applied to the candidate pairs from blocking, vectorised where the data allow):

- Same dimension family (blocking guarantees it) and never two claims of one sentence: a sentence's numbers
  are checked against each other by `arithmetic` and `conversion`, not as rival statements.
- Period: two dated claims compare when their year spans are equal or overlap by at least
  `period_overlap_min` (Jaccard over years: 2024 vs 2020-2024 is an annual figure vs a cumulative one and does
  not compare). A claim without a period compares only when the subjects agree strongly
  (`token_sort_ratio >= strong_subject_threshold`) or the words around both numbers agree strongly
  (`same_topic`): "ASEAN GDP" with no year against "ASEAN GDP in 2024".
  A budget in two different fiscal years therefore never compares.
- Party: when each side names a place (country or region) the other does not, they are about different
  parties: the same amount granted to Malaysia and to Fiji is not a conflict. A side naming three or more
  places of its own is read as a list from its sentence, not as the claim's party.
- Facility: proper-name tokens of the subjects ("Integration Fund" vs "Cultural Fund") must not differ on both
  sides, and a version marker on one side only ("JAIF" vs "JAIF 2.0", "CMI" vs "CMIM") separates an initiative
  from its later version.
- Counts: the counted nouns must match as well as the subject ("patrol vessels" vs "rescue boats").

Two rules read a document as one author's account (`same_owned_count`, `same_cited_figure`), for pairs the
rules above leave apart:

- One party's count, twice undated in one document: the same counted noun (one side's counted words contain
  the other's: "leaders" and "leaders-level participants") owned by the same named party (the subject words
  beyond the counted noun, acronyms folded: "leaders of East Asian Summit" and "... participants of EAS"
  both own by "eas") is one quantity, the document's present-day figure. A dated side may be a past size.
- One source's figure, cited twice in one document: two claims citing the same reference entry (see
  `citations`), in the same unit, whose values are within `citation_max_difference` of each other, where a
  distinctive word of one subject (not a place, not a generic noun like "project" or "funding") is among the
  other's subject or nearby words, and neither subject names a place the other claim is not about
  ("funding for the Thai rail project" is Thailand's part, not the programme's total).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from claims.context.facets import (
    ESTIMATE_STAGES,
    Facets,
    facet_conflicts,
    labels_differ,
    measures_differ,
    stage_parts,
)
from claims.lexicon.context import OWNER_CLASS_WORDS

from .normalize import ClaimTable
from .restated import parallel_rows, restated, same_role
from .rules import MatchRules
from .text import stem
from .vocabulary import (
    GENERIC_HUMAN,
    GENERIC_NOUNS,
    HUMAN_NOUNS,
    VERSION_MARKERS,
    normalize_entity,
    place_names,
)

_GENERIC = GENERIC_NOUNS | frozenset(stem(w) for w in GENERIC_NOUNS)


def sub_periods_differ(table: ClaimTable, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Pairs whose two sides both name a part of a year (month, quarter, half) and not the same one."""
    a, b = table.sub_period_id[i], table.sub_period_id[j]
    return (a != b) & (a >= 0) & (b >= 0)


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


def parties_compatible(places_a: frozenset[str], places_b: frozenset[str], *, list_size: int = 3) -> bool:
    """False when each side names a place the other does not (a list of `list_size` or more places is
    the sentence's context rather than the claim's party, and does not count).

    >>> parties_compatible(frozenset({"japan", "malaysia"}), frozenset({"japan", "fiji"}))
    False
    >>> parties_compatible(frozenset({"japan", "malaysia"}), frozenset({"japan"}))
    True
    >>> parties_compatible(frozenset({"japan"}), frozenset({"fiji", "malaysia", "bangladesh", "philippines"}))
    True
    """
    only_a, only_b = places_a - places_b, places_b - places_a
    return not (only_a and only_b and len(only_a) < list_size and len(only_b) < list_size)


@lru_cache(maxsize=1)
def _not_facility_names() -> frozenset[str]:
    """Name tokens that never name a facility: the words of place names (a subject's "United Kingdom" is
    its party, compared as such) and company class words ("HS2 Ltd" is HS2)."""
    places = {stem(word) for name in place_names() for word in name.split()}
    return frozenset(places | {stem(w.rstrip(".")) for w in OWNER_CLASS_WORDS})


def facilities_compatible(names_a: frozenset[str], names_b: frozenset[str]) -> bool:
    """False for two differently named facilities, or a facility and its later version (place names and
    company class words aside: they name no facility).

    >>> facilities_compatible(frozenset({"jaif"}), frozenset({"jaif", "2.0"}))
    False
    >>> facilities_compatible(frozenset({"cmi"}), frozenset({"cmim"}))
    False
    >>> facilities_compatible(frozenset({"integration", "fund"}), frozenset({"cultural", "fund"}))
    False
    >>> facilities_compatible(frozenset({"osa"}), frozenset({"osa"}))
    True
    >>> facilities_compatible(frozenset({"hs2", "euston"}), frozenset({"hs2", "ltd"}))
    True
    >>> facilities_compatible(frozenset({"gdp"}), frozenset({"unit", "kingdom"}))
    True
    """
    noise = _not_facility_names()
    names_a, names_b = names_a - noise, names_b - noise
    only_a, only_b = names_a - names_b, names_b - names_a
    if only_a and only_b:
        return False
    extra = only_a or only_b
    return not any(t in VERSION_MARKERS or t[:1].isdigit() for t in extra)


def same_topic(
    table: ClaimTable,
    a: int,
    b: int,
    subject_score: float,
    undated: bool,
    rules: MatchRules,
    *,
    threshold: float | None = None,
) -> tuple[bool, float]:
    """(same thing measured?, topic cosine) for two rows.

    Two specific subjects (two or more words beyond the counted noun) decide when they score at least
    `subject_match_threshold`. Against a generic subject ("participants", "pillars", "GMV") the words around
    the numbers must also agree (`topic_min`); two generic subjects ("increase" and "increase") say nothing,
    and only words around the numbers agreeing strongly (`topic_strong`) can match them. Strong agreement of
    those words decides alone, which rescues thin subjects ("respondents" for a survey's trust figure).
    Without a period on a side, both subjects must be specific and agree word for word, or the topics
    agree strongly.
    """
    cosine = table.topic_similarity(a, b)
    if cosine >= rules.topic_strong:
        return True, cosine
    if subject_score < (rules.subject_match_threshold if threshold is None else threshold):
        return False, cosine
    specific = int(table.specific[a]) + int(table.specific[b])
    if specific == 0 or (specific == 1 and cosine < rules.topic_min):
        return False, cosine
    if undated and not (table.specific[a] and table.specific[b] and strong_subject(table, a, b, rules)):
        return False, cosine
    return True, cosine


def counted_compatible(a: str, b: str, threshold: float) -> bool:
    """Two counted nouns (normalised, synonyms folded) that may count the same things: either missing, alike
    (`token_set_ratio` at least `threshold`), or one is "people" and the other counts people.

    >>> counted_compatible("voter", "register voter", 70), counted_compatible("people", "death", 70)
    (True, True)
    >>> counted_compatible("patrol vessel", "rescue boat", 70), counted_compatible("people", "vessel", 70)
    (False, False)
    """
    if not (a and b) or fuzz.token_set_ratio(a, b) >= threshold:
        return True
    words_a, words_b = set(a.split()), set(b.split())
    return bool(
        (words_a & GENERIC_HUMAN and words_b & HUMAN_NOUNS)
        or (words_b & GENERIC_HUMAN and words_a & HUMAN_NOUNS)
    )


def _owner_words(table: ClaimTable, row: int) -> frozenset[str]:
    counted = table.interned[table.counted_id[row]]
    return table.tokens[row] - frozenset(str(counted).split())


def same_owned_count(table: ClaimTable, a: int, b: int) -> bool:
    """Two undated counts of one document, of the same counted noun, owned by the same named party."""
    if table.family[a] != "count" or table.family[b] != "count" or table.doc_id[a] != table.doc_id[b]:
        return False
    if table.period_start[a] >= 0 or table.period_start[b] >= 0:
        return False
    counted_a = frozenset(str(table.interned[table.counted_id[a]]).split())
    counted_b = frozenset(str(table.interned[table.counted_id[b]]).split())
    if not counted_a or not counted_b or not (counted_a <= counted_b or counted_b <= counted_a):
        return False
    owner = _owner_words(table, a)
    if not owner or owner != _owner_words(table, b):
        return False
    # the owner is a party: a named body or a place, not a generic word ("members of the board")
    named = table.names[table.names_id[a]] | table.names[table.names_id[b]]
    places = place_names()
    return any(t in named or normalize_entity(t) in places for t in owner)


def _subject_places(table: ClaimTable, row: int) -> frozenset[str]:
    places = place_names()
    return frozenset(p for t in table.tokens[row] if (p := normalize_entity(t)) in places)


def same_cited_figure(table: ClaimTable, a: int, b: int, rules: MatchRules) -> bool:
    """Two claims of one document citing one reference entry for the same figure, worded differently."""
    if table.doc_id[a] != table.doc_id[b] or table.unit[a] != table.unit[b]:
        return False
    cites_a, cites_b = table.interned[table.cites_id[a]], table.interned[table.cites_id[b]]
    if not (cites_a and cites_b and cites_a & cites_b):  # type: ignore[operator]
        return False
    va, vb = abs(float(table.point[a])), abs(float(table.point[b]))
    if not va or not vb or abs(va - vb) / max(va, vb) > rules.citation_max_difference:
        return False
    places_a = table.places[table.places_id[a]]
    places_b = table.places[table.places_id[b]]
    if not (_subject_places(table, a) <= places_b and _subject_places(table, b) <= places_a):
        return False
    places = place_names()

    def distinctive(row: int) -> frozenset[str]:
        return frozenset(
            t
            for t in table.tokens[row]
            if t not in _GENERIC and normalize_entity(t) not in places and not t[:1].isdigit()
        )

    words_a, words_b = table.topic[a] | table.tokens[a], table.topic[b] | table.tokens[b]
    return bool(distinctive(a) & words_b or distinctive(b) & words_a)


def slip_ratio(table: ClaimTable, i: np.ndarray, j: np.ndarray, rules: MatchRules) -> np.ndarray:
    """Pairs in one unit whose values are a factor near 10^3, 10^6 or 10^9 apart."""
    same_unit = table.unit.codes[i] == table.unit.codes[j]  # equal units, equal codes
    a, b = table.point[i], table.point[j]
    with np.errstate(divide="ignore", invalid="ignore"):  # a zero against a zero: no slip, no warning
        log_ratio = np.abs(np.log10(np.abs(a) / np.abs(b)))
        nearest = np.round(log_ratio / 3) * 3
        slip = (nearest >= 3) & (np.abs(log_ratio - nearest) <= rules.magnitude_log_tolerance) & (a * b > 0)
    return slip & same_unit


def _by_combination(ids_a: np.ndarray, ids_b: np.ndarray, values: Sequence, check) -> np.ndarray:  # type: ignore[type-arg]
    """Evaluate `check(values[a], values[b])` once per distinct (a, b) id combination, vectorised back."""
    if len(ids_a) == 0:
        return np.zeros(0, dtype=bool)
    width = len(values)
    keys = ids_a.astype(np.int64) * width + ids_b
    inverse, unique = pd.factorize(keys)  # hashed: no sort of every pair's key
    results = np.fromiter(
        (check(values[k // width], values[k % width]) for k in unique.tolist()), dtype=bool, count=len(unique)
    )
    return results[inverse]


def estimate_unmatched(table: ClaimTable, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Pairs where one figure is named an estimate of an outcome (`ESTIMATE_STAGES`: a forecast, a poll)
    and the other's words name no version at all: the two may be one quantity, but nothing shows the
    second is an estimate of the same kind too, and an estimate set against what later came out is no
    contradiction. Such a pair is at most a possible finding, whatever its score (`engine`)."""

    def one_sided(a: object, b: object) -> bool:
        if not (isinstance(a, Facets) and isinstance(b, Facets)):
            return False
        timing = {stage_parts(a.stage)[0], stage_parts(b.stage)[0]}
        return "" in timing and len(timing) == 2 and bool(timing & ESTIMATE_STAGES)

    return _by_combination(table.facets_id[i], table.facets_id[j], table.interned, one_sided)


PARALLEL_ROWS_SPAN = 3000
"""Characters within which two sentences of one pattern in one document are read as rows of one list."""


def owners_differ(a: str, b: str) -> bool:
    """Two owner keys naming two parties: both given, and neither's words contain the other's (a
    qualifier added to one is the same party).

    >>> owners_differ("leeds", "york"), owners_differ("japan-asean", "bilateral japan-asean")
    (True, False)
    >>> owners_differ("", "york")
    False
    """
    if not a or not b or a == b:
        return False
    wa, wb = set(re.findall(r"[\w-]+", a)), set(re.findall(r"[\w-]+", b))
    return not (wa <= wb or wb <= wa)


def other_owner_in_document(table: ClaimTable, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Pairs of one document whose figures have different owners, both read from their own clause or row
    (`claims.context.owners.STRONG_SOURCES`): two parties' figures. Across documents owners are named
    independently ("the BJP", "Bharatiya Janata Party"), so the rule stays within one document."""
    if len(i) == 0:
        return np.zeros(0, dtype=bool)
    owners = table.owner
    return np.fromiter(
        (
            bool(table.doc_id[a] == table.doc_id[b])
            and bool(table.owner_strong[a] and table.owner_strong[b])
            and owners_differ(owners[a], owners[b])
            for a, b in zip(i.tolist(), j.tolist(), strict=True)
        ),
        dtype=bool,
        count=len(i),
    )


@dataclass(frozen=True, slots=True)
class Matched:
    """Masks over candidate pairs (see `same_quantity`)."""

    same: np.ndarray  # the rules read the two as one quantity
    near: np.ndarray  # a factor-1000 slip under the looser slip rules only
    cosine: np.ndarray  # topic cosine (nan where it was not needed)
    plausible: np.ndarray  # no rule sets the two apart on positive evidence (same and near included)
    near_only: np.ndarray  # dated apart, within the slip gap only: comparable for a factor-1000 slip alone


LIST_ITEMS_SPAN = 1500
"""Two bulleted items at most this many characters apart in one document belong to one list."""

STALE_YEARS = 2
"""A dated figure this many years or more away from the year an undated figure's document was published
is of another period than that figure (`stale_against_undated`)."""


def stale_against_undated(table: ClaimTable, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Pairs where one side is dated, the other an undated level (not the base of a change), and the dated
    year is `STALE_YEARS` or more away from the year the undated side's document was published
    (`ClaimTable.undated_level_year`)."""
    out = np.zeros(len(i), dtype=bool)
    for dated, undated in ((i, j), (j, i)):
        year = table.undated_level_year[undated].astype(np.int32)
        out |= (
            (table.period_start[dated] >= 0)
            & (year >= 0)
            & (
                (year - table.period_end[dated] >= STALE_YEARS)
                | (table.period_start[dated] - year >= STALE_YEARS)
            )
        )
    return out


def same_quantity(
    table: ClaimTable, i: np.ndarray, j: np.ndarray, score: np.ndarray, rules: MatchRules
) -> Matched:
    """Masks over the candidate pairs: same quantity, slip only, plausible; and topic cosines.

    `plausible` marks the pairs no rule sets apart (sentence, period, facets, row labels, restatement,
    parties, facilities, counted nouns): the match score (`scoring`) weighs those. `same` marks the pairs the
    rules also read as one quantity (subjects or surrounding words agreeing). `near` marks pairs whose
    values are a factor-1000 slip apart and that match under the looser slip rules
    (`magnitude_subject_threshold`, periods up to `magnitude_period_gap` years apart) but not under the
    normal ones: they are kept only for the million/billion slip check. Party, facility and counted-noun
    rules are evaluated once per distinct combination, the rest per pair.
    """
    n = len(i)
    same = np.zeros(n, dtype=bool)
    near = np.zeros(n, dtype=bool)
    plausible = np.zeros(n, dtype=bool)
    cosines = np.full(n, np.nan)
    period_ok, undated = period_compatible(table, i, j, rules)
    near_ok, _ = period_compatible(table, i, j, rules, max_gap=rules.magnitude_period_gap)
    near_only = near_ok & ~period_ok
    is_slip = slip_ratio(table, i, j, rules)
    idx = np.flatnonzero((table.sentence_key[i] != table.sentence_key[j]) & (period_ok | undated | near_only))
    # two parts of a year named on both sides and not the same part ("in November" and "in December",
    # a month and a quarter): two periods, or a part of a period against another part
    idx = idx[~sub_periods_differ(table, i[idx], j[idx])]
    # a quarter's or a half's figure against the year's ("rose 13% to $105.5 billion" in the quarter,
    # "rose 12% to $352.8 billion" in the year): a part of a period against the whole
    part_a, part_b = table.year_part[i[idx]], table.year_part[j[idx]]
    idx = idx[~((part_a > 0) & (part_b > 0) & (part_a != part_b))]
    # role, stage, scope, grain, as-of date and class must not differ on positive evidence (see `facets`)
    idx = idx[
        _by_combination(
            table.facets_id[i[idx]],
            table.facets_id[j[idx]],
            table.interned,
            lambda a, b: not facet_conflicts(a, b),
        )
    ]
    # the two clauses name different members of one group of measures ("deliveries rose 38%", "production
    # rose 35%"; "killed", "injured"): two measures of one thing
    two_measures = _by_combination(
        table.measures_id[i[idx]], table.measures_id[j[idx]], table.interned, measures_differ
    )
    idx = idx[~two_measures]
    # a goal its sentence sets against what was reached ("1.8 million, short of the target of 2 million")
    # against a figure that is no target: a goal and an outcome
    goal = table.set_target[i[idx]] != table.set_target[j[idx]]
    both_targets = _by_combination(
        table.facets_id[i[idx]],
        table.facets_id[j[idx]],
        table.interned,
        lambda a, b: a.role == b.role == "target",
    )
    idx = idx[~(goal & ~both_targets)]
    # the base of a change against a level of the same stated period: the base belongs to the period before
    # the statement's, so one of the two periods is not what the words say; undated, the periods decide
    base_dated = (
        _by_combination(
            table.facets_id[i[idx]],
            table.facets_id[j[idx]],
            table.interned,
            lambda a, b: (a.role == "base") != (b.role == "base"),
        )
        & ~undated[idx]
    )
    idx = idx[~base_dated]
    # two readings of a running count (provisional) in two documents, not said to be read at one time
    # ("as of Wednesday"): two points of a count that goes on, not two versions of one figure
    running = _by_combination(
        table.facets_id[i[idx]],
        table.facets_id[j[idx]],
        table.interned,
        lambda a, b: (
            stage_parts(a.stage)[0] == stage_parts(b.stage)[0] == "provisional"
            and not (a.as_of and a.as_of == b.as_of)
        ),
    )
    idx = idx[~(running & (table.doc_id[i[idx]] != table.doc_id[j[idx]]))]
    # a figure dated two years or more away from the other's document, against an undated level of that
    # document: the undated figure is of its own document's time ("120 million viewers" in a 2024 story
    # against "121.6 million in 1983")
    idx = idx[~stale_against_undated(table, i[idx], j[idx])]
    # two cells of the tables of one document (one chapter of a book) are two quantities: a table does
    # not state one figure twice (its totals are checked by the arithmetic rules, not against its rows)
    same_account = table.account_id[i[idx]] == table.account_id[j[idx]]
    idx = idx[~(same_account & table.table_cell[i[idx]] & table.table_cell[j[idx]])]
    # two rows of one list or table with different labels ("Ministry of railways: ...") are two rows
    other_row = _by_combination(
        table.facets_id[i[idx]],
        table.facets_id[j[idx]],
        table.interned,
        lambda a, b: labels_differ(a.label, b.label),
    )
    idx = idx[~(other_row & (table.doc_id[i[idx]] == table.doc_id[j[idx]]))]
    # one document names two different owners for the two figures, each read from the figure's own clause
    # or row ("Bihar: 42 per cent", "Odisha's share"): one writer names one party one way, so two parties
    idx = idx[~other_owner_in_document(table, i[idx], j[idx])]
    # sentences of one pattern (a row label aside) with other figures, near each other in one document:
    # parallel rows of a list (a long report restating itself chapters apart is left to the other rules)
    shapes = table.shapes
    rows_apart = _by_combination(
        table.shape_id[i[idx]],
        table.shape_id[j[idx]],
        shapes,
        lambda a, b: parallel_rows(a, b, rules.restated_sentence_ratio),
    )
    starts = table.char_start
    nearby = np.abs(starts[i[idx]] - starts[j[idx]]) <= PARALLEL_ROWS_SPAN
    idx = idx[~(rows_apart & nearby & (table.doc_id[i[idx]] == table.doc_id[j[idx]]))]
    # two items of one bulleted list, near each other in one document ("- $6 billion for a housing fund",
    # "- $6.1 billion over six years for a disability benefit"): two rows, however differently worded
    items = table.list_item[i[idx]] & table.list_item[j[idx]]
    one_list = np.abs(starts[i[idx]] - starts[j[idx]]) <= LIST_ITEMS_SPAN
    idx = idx[~(items & one_list & (table.account_id[i[idx]] == table.account_id[j[idx]]))]
    # one sentence restated elsewhere: figures pair by role, other years are another period (see `restated`)
    rest = _by_combination(
        table.shape_id[i[idx]],
        table.shape_id[j[idx]],
        shapes,
        lambda a, b: restated(a, b, rules.restated_sentence_ratio),
    )
    if rest.any():
        keep = np.ones(len(idx), dtype=bool)
        for k in np.flatnonzero(rest).tolist():
            a, b = int(i[idx[k]]), int(j[idx[k]])
            keep[k] = table.years_id[a] == table.years_id[b] and same_role(
                int(table.role[a]),
                int(table.role_count[a]),
                int(table.role[b]),
                int(table.role_count[b]),
                table.local[a],
                table.local[b],
                rules.restated_local_ratio,
            )
        idx = idx[keep]
    for ids, values, check in (
        (table.places_id, table.places, parties_compatible),
        (table.names_id, table.names, facilities_compatible),
        (
            table.counted_id,
            table.interned,
            lambda a, b: counted_compatible(str(a or ""), str(b or ""), rules.subject_match_threshold),
        ),
    ):
        idx = idx[_by_combination(ids[i[idx]], ids[j[idx]], values, check)]
    plausible[idx] = True
    a_rows, b_rows = i[idx], j[idx]
    # word for word (numbers aside), in the same role and of compatible parties: one statement restated
    verbatim = (table.shape_id[a_rows] == table.shape_id[b_rows]) & ~near_only[idx]
    same[idx[verbatim]] = True
    idx = idx[~verbatim]
    a_rows, b_rows = i[idx], j[idx]
    # specific subjects that agree, dated and in the same period: no need to read the words around them
    fast = (
        (score[idx] >= rules.subject_match_threshold)
        & table.specific[a_rows]
        & table.specific[b_rows]
        & ~undated[idx]
        & ~near_only[idx]
    )
    same[idx[fast]] = True
    for k in idx[~fast].tolist():
        a, b = int(i[k]), int(j[k])
        ok, cosines[k] = same_topic(table, a, b, float(score[k]), bool(undated[k]), rules)
        one_account = same_owned_count(table, a, b) or same_cited_figure(table, a, b, rules)
        if not near_only[k] and (ok or one_account):
            same[k] = True
            continue
        # a factor-1000 slip needs less subject agreement, and may sit a year apart
        ok, _ = same_topic(
            table, a, b, float(score[k]), bool(undated[k]), rules, threshold=rules.magnitude_subject_threshold
        )
        near[k] = ok and bool(is_slip[k])
    return Matched(same=same, near=near, cosine=cosines, plausible=plausible, near_only=near_only)
