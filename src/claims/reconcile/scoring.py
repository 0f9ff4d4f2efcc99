"""A calibrated match score for each candidate finding: how likely the two sides state one quantity.

The rules (`match`, `facets`) rule out the pairs that differ on positive evidence (another period, role,
stage, class, party, row); every other candidate pair whose values disagree is *plausible* and gets a
probability from a logistic model over general match features. Pairs at or above the report's threshold
are findings; those below it, down to a floor, are kept as *possible* findings (their own tier, never
dropped, not counted in the headline figures). The weights, threshold and floor are data (`calibration`),
fitted by `bench/fit_match_score.py` on real documents with gold files; at run time this is a dot product
and a sigmoid.

Features (0/1 unless said otherwise):

- what is measured: `subject` (rapidfuzz token_set_ratio of the two subjects / 100), `subject_exact`
  (token_sort_ratio at least `strong_subject_threshold`), `narrower` (one subject's words contain the
  other's and more: "data center revenue" against "revenue", a part or a party's share), `both_extra` (each
  subject has words the other lacks), `specific` (both subjects say what is measured
  beyond the counted noun), `counted` (both count the same noun), `topic` (idf cosine of the words around
  both numbers), `topic_strong` (that cosine at least `topic_strong`), `near` (idf-weighted overlap of the
  few words right next to both numbers, numbers masked), `rule_linked` (the match rules alone read the two
  as one quantity), `one_account` (one document's own account: `match.same_owned_count`,
  `same_cited_figure`);
- for whom: `parties` (both name the same places), `party_missing` (one names places, the other none),
  the owners of the two figures (`claims.context.owners`, folded across the corpus): `owner_same`,
  `owner_differs`, `owner_differs_strong` (both read from the figures' own clauses), `owner_missing`;
  `others_differ` (both name bodies or companies, none shared);
- what exactly: `head_same` (the measured nouns agree), `measure_same` (both clauses name the same member
  of a contrast group of `lexicon.context.MEASURE_CONTRASTS`: "deliveries" and "deliveries"), `clause`
  (idf cosine of the words of the two figures' own clauses, numbers, units, times and parties masked);
- when: `same_period` (both dated, equal), `one_dated` (one side has no period), `undated` (neither has);
- how: `gaps` (facets one side gives and the other does not, counted), `hedged` (a side is qualified:
  about, over, up to);
- the values: `log_ratio` (|log10(a/b)|, capped at 3, 0 for a factor-1000 slip), `precision_units`
  (log10(1 + the difference in units of the coarser stated precision), capped at 3), `close` (within 12%),
  `far` (more than twice apart), `rounding`, `magnitude` (the disagreement's kind), `cross_currency`;
- the statements: `same_doc` (one account: the same document and chapter; a book's chapters are written apart
  like documents), `apart_in_doc` (two statements of one document far apart: log10 of the characters between
  them above 1,000, capped at 2), `doc_stage_differs` (one document reports a running count, the other a
  closing one: `facets.document_stage`), `days_apart` (log10(1 + days between the two documents' dates), 0
  when a date is unknown), `evidence` (values within 12% times the stronger of `clause` and `topic`: close
  values of one thing), `restated` (one sentence restated, numbers masked), `near_copy` (two documents'
  sentences alike once numbers are masked: `fuzz.ratio` at least `restated_sentence_ratio`, a story syndicated
  or updated at another time), `same_source` (both cite one reference entry), `table` (a side is a table
  cell);
- how often each value recurs (`ClaimTable.value_docs`: documents stating the same value in the same unit):
  `both_established` (each value is stated by two documents or more: the corpus gives both, more often two
  quantities than one slip), `lone_against_many` (one document's value against a value others repeat);
- what each figure comes with (`ClaimTable.companion_point`: the nearest figure of another kind in its
  sentence, the level a change leads to): `companions_agree` (within half a percent: "12% to $574.8 billion"
  twice), `companions_differ` (more than 5% apart: "13% to $105.5 billion" against "12% to $352.8 billion",
  a quarter's growth against a year's); the other figures of the two sentences (`ClaimTable.siblings`,
  each side's own value left out): `siblings_shared` (a figure both sentences give: "Lai 40.05%, Ko 26.45%"
  against "Lai 40.05%, Ko 26.46%", one list read twice), `siblings_disjoint` (both sentences give other
  figures and none agree: another count, another day); `other_value_beside` (one side's sentence states the
  other side's value too: "EPS of $2.95, above the consensus of $2.90" against "EPS $2.95" sets the 2.90
  against a figure its own sentence agrees with, so the 2.90 is another quantity).
"""

from __future__ import annotations

import datetime as dt
import math
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from claims.context.facets import Facets, facet_gaps
from claims.context.owners import owners_agree

from .match import same_cited_figure, same_owned_count
from .normalize import ClaimTable, value_key
from .rules import MatchRules
from .vocabulary import normalize_entity, place_names

FAR = math.log10(2.0)  # values more than twice apart: more often two quantities than one contradiction
CLOSE = math.log10(1.12)  # within 12%: the usual distance of a restatement gone wrong

FEATURES: tuple[str, ...] = (
    "subject",
    "subject_exact",
    "narrower",
    "both_extra",
    "specific",
    "counted",
    "topic",
    "topic_strong",
    "near",
    "rule_linked",
    "one_account",
    "parties",
    "party_missing",
    "owner_same",
    "owner_differs",
    "owner_differs_strong",
    "owner_missing",
    "head_same",
    "clause",
    "others_differ",
    "same_period",
    "one_dated",
    "undated",
    "gaps",
    "hedged",
    "log_ratio",
    "precision_units",
    "close",
    "far",
    "rounding",
    "magnitude",
    "cross_currency",
    "same_doc",
    "apart_in_doc",
    "doc_stage_differs",
    "days_apart",
    "evidence",
    "restated",
    "near_copy",
    "same_source",
    "table",
    "both_established",
    "lone_against_many",
    "measure_same",
    "companions_agree",
    "companions_differ",
    "siblings_shared",
    "siblings_disjoint",
    "other_value_beside",
)


def weighted_overlap(a: frozenset[str], b: frozenset[str], idf: Mapping[str, float]) -> float:
    """Sum of the idf of shared words over the sum over all words of either side (0 when both empty).

    >>> idf = {"toll": 2.0, "death": 1.0}
    >>> weighted_overlap(frozenset({"toll", "death"}), frozenset({"toll", "rose"}), idf)
    0.5
    """
    union = a | b
    if not union:
        return 0.0
    total = sum(idf.get(t, 1.0) for t in union)
    return sum(idf.get(t, 1.0) for t in a & b) / total


def _content(table: ClaimTable, row: int) -> frozenset[str]:
    """Subject words that say what is measured: no places, numbers or generic nouns."""
    places = place_names()
    return frozenset(
        t
        for t in table.tokens[row]
        if t[:1].isalpha() and t not in places and normalize_entity(t) not in places
    )


def round_number_unit(value: float) -> float:
    """Half a unit of the last non-zero digit of a whole number of 100 or more: how far a round figure
    ("20,000", "559,000") may be from the count it rounds (0 for other values).

    >>> round_number_unit(20_000.0), round_number_unit(559_000.0), round_number_unit(558_963.0)
    (5000.0, 500.0, 0.0)
    >>> round_number_unit(9.4), round_number_unit(60.0)
    (0.0, 0.0)
    """
    if not value or value < 100 or not float(value).is_integer() or value >= 1e15:
        return 0.0
    n, zeros = int(value), 0
    while n % 10 == 0:
        n //= 10
        zeros += 1
    return 0.5 * 10**zeros if zeros >= 2 else 0.0


@dataclass(frozen=True, slots=True)
class _Side:
    """What the features read of one row (`pair_features`), read from the table once per row."""

    facets: object
    places: object
    others: object
    period: tuple[int, int] | None
    point: float
    usd_point: float
    unit: str
    counted: object
    cites: object
    subject: str
    content: frozenset[str]
    owner: str
    owner_strong: bool
    head: str
    tokens: frozenset[str]
    precision: float
    value_docs: int
    measures: object
    value: object
    siblings: frozenset[tuple[str, float]]
    hedged: bool
    account: int
    doc: int
    char_start: int
    shape: int
    table_cell: bool
    specific: bool
    near_words: frozenset[str]


def _side(table: ClaimTable, row: int) -> _Side:
    dated = table.period_start[row] >= 0
    return _Side(
        facets=table.interned[table.facets_id[row]],
        places=table.places[table.places_id[row]],
        others=table.others[table.others_id[row]],
        period=(table.period_start[row], table.period_end[row]) if dated else None,
        point=float(table.point[row]),
        usd_point=float(table.usd_point[row]),
        unit=table.unit[row],
        counted=table.interned[table.counted_id[row]],
        cites=table.interned[table.cites_id[row]],
        subject=table.subject[row],
        content=_content(table, row),
        owner=table.owner[row],
        owner_strong=bool(table.owner_strong[row]),
        head=table.head[row],
        tokens=table.tokens[row],
        precision=float(table.precision[row]),
        value_docs=int(table.value_docs[row]),
        measures=table.interned[table.measures_id[row]],
        value=value_key(table.unit[row], table.point[row]),
        siblings=table.siblings[row],  # made when read: read once
        hedged=bool(table.hedged[row]),
        account=int(table.account_id[row]),
        doc=int(table.doc_id[row]),
        char_start=int(table.char_start[row]),
        shape=int(table.shape_id[row]),
        table_cell=bool(table.table_cell[row]),
        specific=bool(table.specific[row]),
        near_words=table.near_words[row],
    )


SIDES_KEPT = 1 << 14
"""Rows whose `_Side` a scoring pass keeps at most (a few MB): pairs come by first row, so the rows read
lately are the ones read again; a million claims are not all held."""


class Sides(dict[int, _Side]):
    """The `_Side` of each row `pair_features` has read, kept for the other pairs of a scoring pass (the
    latest `SIDES_KEPT` rows at most: all are dropped when that many are held).

    >>> from claims.lexicon.fx import load_fx_table
    >>> from claims.reconcile.normalize import build_table
    >>> from claims.reconcile.arithmetic.figures import figure
    >>> table = build_table([figure("5", 5.0), figure("6", 6.0)], MatchRules.default(), load_fx_table())
    >>> sides = Sides(table)
    >>> sides[1].point, sides[1] is sides[1], len(sides)
    (6.0, True, 1)
    """

    def __init__(self, table: ClaimTable) -> None:
        super().__init__()
        self.table = table

    def __missing__(self, row: int) -> _Side:
        if len(self) >= SIDES_KEPT:
            self.clear()
        side = self[row] = _side(self.table, row)
        return side


def pair_features(
    table: ClaimTable,
    a: int,
    b: int,
    *,
    subject_score: float,
    cosine: float,
    kind: str,
    rules: MatchRules,
    rule_linked: bool = False,
    sides: Sides | None = None,
) -> dict[str, float]:
    """The match features of rows a and b (see the module docstring); `sides` keeps what was read of each
    row for the next pairs of a scoring pass."""
    sa, sb = (sides[a], sides[b]) if sides is not None else (_side(table, a), _side(table, b))
    fa, fb = sa.facets, sb.facets
    if not (isinstance(fa, Facets) and isinstance(fb, Facets)):
        fa = fb = Facets()
    if math.isnan(cosine):
        cosine = table.topic_similarity(a, b)
    places_a, places_b = sa.places, sb.places
    others_a, others_b = sa.others, sb.others
    dated_a, dated_b = sa.period is not None, sb.period is not None
    same_period = dated_a and dated_b and sa.period == sb.period
    va, vb = abs(sa.point), abs(sb.point)
    cross = sa.unit != sb.unit
    if cross:
        va, vb = abs(sa.usd_point), abs(sb.usd_point)
    log_ratio = abs(math.log10(va / vb)) if va > 0 and vb > 0 and not math.isnan(va + vb) else 0.0
    slip = kind == "magnitude_mismatch"
    counted_a, counted_b = sa.counted, sb.counted
    cites_a, cites_b = sa.cites, sb.cites
    subject_exact = (
        bool(sa.subject) and fuzz.token_sort_ratio(sa.subject, sb.subject) >= rules.strong_subject_threshold
    )
    words_a, words_b = sa.content, sb.content
    owner_a, owner_b = sa.owner, sb.owner
    owners_same = owners_agree(owner_a, owner_b)
    clause = table.clause_similarity(a, b)
    head_a, head_b = sa.head, sb.head
    gap = abs(va - vb)
    unit = max(sa.precision, sb.precision) if not cross else 0.0
    unit = max(unit, round_number_unit(va), round_number_unit(vb)) if not cross else unit
    unit = unit if unit > 0 else max(va, vb, 1e-12) * 0.005
    only_a, only_b = words_a - words_b, words_b - words_a
    docs_a, docs_b = sa.value_docs, sb.value_docs
    measures_a, measures_b = sa.measures, sb.measures
    companions = _companion_gap(table, a, b)
    value_a, value_b = sa.value, sb.value
    siblings_a, siblings_b = sa.siblings - {value_b}, sb.siblings - {value_a}
    return {
        "subject": subject_score / 100,
        "subject_exact": float(subject_exact),
        "narrower": float(bool(words_a and words_b) and bool(only_a) != bool(only_b)),
        "both_extra": float(bool(only_a) and bool(only_b)),
        "specific": float(sa.specific and sb.specific),
        "counted": float(bool(counted_a) and counted_a == counted_b),
        "topic": cosine,
        "topic_strong": float(cosine >= rules.topic_strong),
        "near": weighted_overlap(sa.near_words, sb.near_words, table.idf),
        "rule_linked": float(rule_linked),
        "one_account": float(same_owned_count(table, a, b) or same_cited_figure(table, a, b, rules)),
        "parties": float(bool(places_a) and places_a == places_b),
        "party_missing": float(bool(places_a) != bool(places_b)),
        "owner_same": float(owners_same),
        "owner_differs": float(bool(owner_a and owner_b) and not owners_same),
        "owner_differs_strong": float(
            bool(owner_a and owner_b) and not owners_same and sa.owner_strong and sb.owner_strong
        ),
        "owner_missing": float(not (owner_a and owner_b)),
        "head_same": float(bool(head_a) and (head_a == head_b or head_a in sb.tokens or head_b in sa.tokens)),
        "clause": clause,
        "others_differ": float(bool(others_a and others_b) and not others_a & others_b),  # type: ignore[operator]
        "same_period": float(same_period),
        "one_dated": float(dated_a != dated_b),
        "undated": float(not dated_a and not dated_b),
        "gaps": float(len(facet_gaps(fa, fb))),
        "hedged": float(sa.hedged or sb.hedged),
        "log_ratio": 0.0 if slip else min(log_ratio, 3.0),
        "precision_units": 0.0 if slip else min(math.log10(1 + gap / unit), 3.0),
        "close": float(not slip and log_ratio <= CLOSE),
        "far": float(not slip and log_ratio > FAR),
        "rounding": float(kind == "rounding"),
        "magnitude": float(slip),
        "cross_currency": float(cross),
        "same_doc": float(sa.account == sb.account),
        "apart_in_doc": _apart_in_doc(sa, sb),
        "doc_stage_differs": float(bool(fa.doc_stage and fb.doc_stage) and fa.doc_stage != fb.doc_stage),
        "days_apart": _days_apart(fa.published, fb.published),
        "evidence": float(not slip and log_ratio <= CLOSE) * max(clause, cosine),
        "restated": float(sa.shape == sb.shape),
        "near_copy": float(_near_copy(table, a, b, rules)),
        "same_source": float(bool(cites_a) and bool(cites_a & cites_b)),  # type: ignore[operator]
        "table": float(sa.table_cell or sb.table_cell),
        "both_established": float(min(docs_a, docs_b) >= 2),
        "lone_against_many": float(min(docs_a, docs_b) == 1 and max(docs_a, docs_b) >= 2),
        "measure_same": float(bool(measures_a & measures_b)),  # type: ignore[operator]
        "companions_agree": float(companions is not None and companions <= COMPANIONS_AGREE),
        "companions_differ": float(companions is not None and companions > COMPANIONS_DIFFER),
        "siblings_shared": float(bool(siblings_a & siblings_b)),
        "siblings_disjoint": float(bool(siblings_a and siblings_b) and not siblings_a & siblings_b),
        "other_value_beside": float(value_b in sa.siblings or value_a in sb.siblings),
    }


COMPANIONS_AGREE = 0.005
"""Companion figures at most this far apart (relative gap) agree: one figure restated."""
COMPANIONS_DIFFER = 0.05
"""Companion figures more than this far apart differ: two quantities (between the two: neither)."""


def _companion_gap(table: ClaimTable, a: int, b: int) -> float | None:
    """The relative gap between the two statements' companion figures (`ClaimTable.companion_point`), None
    when either has none or they are in different units."""
    unit_a, unit_b = table.companion_unit[a], table.companion_unit[b]
    if not unit_a or unit_a != unit_b:
        return None
    pa, pb = abs(float(table.companion_point[a])), abs(float(table.companion_point[b]))
    if max(pa, pb) == 0:
        return 0.0
    return abs(pa - pb) / max(pa, pb)


def _near_copy(table: ClaimTable, a: int, b: int, rules: MatchRules) -> bool:
    """The two sentences are one text with other numbers (a syndicated story updated at another time)."""
    text_a, text_b = table.shapes[table.shape_id[a]], table.shapes[table.shape_id[b]]
    if not text_a or not text_b or table.doc_id[a] == table.doc_id[b]:
        return False
    return fuzz.ratio(text_a, text_b, score_cutoff=rules.restated_sentence_ratio) > 0


def _apart_in_doc(a: _Side, b: _Side) -> float:
    """How far apart two statements of one document are: log10 of the characters between them above a
    thousand, capped at 2 (0 under 1,000 characters, 1 at 10,000, 2 from 100,000; 0 across documents).
    Rows of one list or paragraph sit close; parts of a long report written apart sit far."""
    if a.doc != b.doc:
        return 0.0
    gap = abs(a.char_start - b.char_start)
    return round(min(max(math.log10(1 + gap) - 3.0, 0.0), 2.0), 3)


def _days_apart(a: str, b: str) -> float:
    """log10(1 + days between two publication dates), 0 when either is unknown.

    >>> _days_apart("2024-06-04", "2024-06-05"), _days_apart("", "2024-06-05")
    (0.301, 0.0)
    """
    if not a or not b:
        return 0.0
    days = abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)
    return round(math.log10(1 + days), 3)


class PairFeatures(Sequence[dict[str, float] | None]):
    """The features of each of `n` pairs (`pair_features`), or None for a pair not scored: held as a row of
    floats a pair in `FEATURES` order (a dictionary of a few dozen floats a pair would cost about seven times
    as much), given back as the dictionary that was stored. A dictionary of other names, in another order
    or holding a value that is not a float is kept as given.

    >>> held = PairFeatures(3)
    >>> held.store(1, {name: 1.0 for name in FEATURES})
    >>> held[0], held[1] == {name: 1.0 for name in FEATURES}, list(held[1]) == list(FEATURES)
    (None, True, True)
    >>> held.store(2, {"subject": 1}); held[2], len(held)
    ({'subject': 1}, 3)
    """

    __slots__ = ("row_of", "values", "odd")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, n: int) -> None:
        self.row_of = np.full(n, -1, dtype=np.int32)  # the pair's row of `values`, -1 when not stored
        self.values = array("d")  # len(FEATURES) floats a stored pair
        self.odd: dict[int, dict[str, float]] = {}

    def store(self, k: int, features: dict[str, float]) -> None:
        """Hold the features of pair k."""
        if tuple(features) == FEATURES and all(type(value) is float for value in features.values()):
            self.row_of[k] = len(self.values) // len(FEATURES)
            self.values.extend(features.values())
        else:
            self.odd[k] = features

    def __len__(self) -> int:
        return len(self.row_of)

    def __getitem__(self, k: int) -> dict[str, float] | None:  # type: ignore[override]
        row = int(self.row_of[k])
        if row < 0:
            return self.odd.get(k)
        width = len(FEATURES)
        return dict(zip(FEATURES, self.values[row * width : (row + 1) * width], strict=True))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PairFeatures | list):
            return NotImplemented
        return len(self) == len(other) and all(self[k] == other[k] for k in range(len(self)))


def match_probability(features: Mapping[str, float], weights: Mapping[str, float]) -> float:
    """sigmoid(intercept + sum of weight * feature); features absent from `weights` weigh nothing.

    >>> round(match_probability({"subject": 1.0}, {"intercept": -1.0, "subject": 2.0}), 3)
    0.731
    """
    z = weights.get("intercept", 0.0)
    z += sum(weights.get(name, 0.0) * value for name, value in features.items())
    return float(1 / (1 + np.exp(-z)))


def match_probabilities(features: PairFeatures, weights: Mapping[str, float]) -> np.ndarray:
    """`match_probability` of every stored pair at once (nan for a pair not scored): the same operations
    in the same order, on columns, so the same floats.

    >>> held = PairFeatures(3)
    >>> held.store(0, {name: 1.0 for name in FEATURES}); held.store(2, {"subject": 1.0})
    >>> weights = {"intercept": -1.0, "subject": 2.0, "near": 0.5}
    >>> got = match_probabilities(held, weights)
    >>> bool(got[0] == match_probability(held[0], weights)), bool(np.isnan(got[1])), round(float(got[2]), 3)
    (True, True, 0.731)
    """
    out = np.full(len(features), np.nan)
    stored = np.flatnonzero(features.row_of >= 0)
    if len(stored):
        width = len(FEATURES)
        matrix = np.frombuffer(features.values, dtype=np.float64).reshape(-1, width)[features.row_of[stored]]
        total = np.zeros(len(stored))
        for col, name in enumerate(FEATURES):  # sum() over the dictionary, term by term from 0
            total = total + weights.get(name, 0.0) * matrix[:, col]
        z = weights.get("intercept", 0.0) + total
        out[stored] = 1 / (1 + np.exp(-z))
    for k, odd in features.odd.items():
        out[k] = match_probability(odd, weights)
    return out


__all__ = [
    "FEATURES",
    "PairFeatures",
    "match_probabilities",
    "match_probability",
    "pair_features",
    "weighted_overlap",
]
