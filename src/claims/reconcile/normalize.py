"""Put claims on a common footing before comparing them: dimensions, base units, intervals, subject text.

Every claim becomes one row of a `ClaimTable` (columns as numpy arrays and plain lists, so that a million
claims stay cheap): its dimension (`money`, `percent`, `count`, `measure:meter` ...), the point value in the
base unit of that dimension (metres, watts, hours; money stays in its own currency and gets a US-dollar
column from the yearly FX table), the interval the text commits to once qualifiers are read ("over 50" is
(50, inf), "about 2 billion" is 2 billion +- 10%), the stated precision, and a normalised subject string
(lower case, acronyms folded: "Japan-ASEAN Integration Fund" -> "jaif" when the corpus defines the acronym).
"""

from __future__ import annotations

import dataclasses
import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

import numpy as np

from claims.context.facets import (
    Facets,
    cell_facets,
    claim_facets,
    measures_of,
    with_subject,
)
from claims.context.owners import STRONG_SOURCES, figure_clause, led_aliases, owner_key
from claims.lexicon.fx import FxTable
from claims.types import UNKNOWN_CURRENCY, Claim, Kind, Qualifier

from .citations import claim_citation_keys
from .columns import Coded, CodedTextsBuilder, SharedObjectsBuilder, TextColumnBuilder, release_free_heap
from .distinct import DistinctSets, DistinctTexts, DistinctTextsBuilder, joined_set
from .restated import local_text, masked, roles, sentence_years
from .rules import MatchRules
from .sentences import context_spans, locate, window_of
from .text import acronym_aliases, infer_precision, name_tokens, subject_tokens
from .vocabulary import (
    CHANGE_WORDS,
    CLAUSE_STOPWORDS,
    COUNTED_SYNONYMS,
    MEASURE_BASE,
    normalize_entity,
    place_names,
)

logger = logging.getLogger(__name__)

_T = TypeVar("_T")


def dimension(claim: Claim) -> tuple[str, str, float]:
    """(dimension family, unit within it, factor to the base unit) of a claim.

    Money is one family across currencies (the unit is the ISO code); measures convert to a base unit.

    >>> dimension_of = lambda **kw: dimension(_example(**kw))
    >>> dimension_of(kind="money", unit="JPY"), dimension_of(kind="measure", unit="kilometer")
    (('money', 'JPY', 1.0), ('measure:meter', 'meter', 1000.0))
    """
    kind = Kind(claim.kind)
    unit = (claim.unit or "").strip()
    if kind is Kind.MONEY:
        return "money", unit or UNKNOWN_CURRENCY, 1.0
    if kind is Kind.PERCENT:
        return "percent", "percent", 1.0
    if kind is Kind.COUNT:
        return "count", "count", 1.0
    if kind is Kind.MULTIPLIER:
        return "multiplier", "times", 1.0
    if kind is Kind.MEASURE:
        base, factor = MEASURE_BASE.get(unit.lower(), (unit.lower(), 1.0))
        return f"measure:{base}", base, factor
    return f"other:{unit.lower()}", unit.lower(), 1.0


def _example(**overrides: object) -> Claim:
    """A minimal claim for doctests."""
    values: dict[str, object] = dict(
        claim_id="c",
        doc="d.txt",
        char_start=0,
        char_end=1,
        surface="1",
        value=1.0,
        value_low=None,
        value_high=None,
        unit="count",
        kind="count",
        counted=None,
        qualifier="exact",
        period_start=None,
        period_end=None,
        fiscal=False,
        subject="",
        entities=(),
        section="",
        sentence="1",
        citation="",
        confidence=1.0,
    )
    values.update(overrides)
    values["kind"] = Kind(str(values["kind"]))
    values["qualifier"] = Qualifier(str(values["qualifier"]))
    return Claim(**values)  # type: ignore[arg-type]


def hedged_interval(
    value: float | None,
    low: float | None,
    high: float | None,
    qualifier: Qualifier,
    precision: float | None,
    approx_tolerance: float,
) -> tuple[float, float]:
    """The values a statement commits to, reading its qualifier.

    >>> hedged_interval(50.0, None, None, Qualifier.OVER, 0.5, 0.1)
    (50.0, inf)
    >>> hedged_interval(2e9, None, None, Qualifier.APPROX, 5e8, 0.1)
    (1500000000.0, 2500000000.0)
    >>> hedged_interval(None, 30e6, 34.6e6, Qualifier.EXACT, None, 0.1)
    (30000000.0, 34600000.0)
    """
    if value is None:
        lo = low if low is not None else -math.inf
        hi = high if high is not None else math.inf
        if qualifier is Qualifier.APPROX:
            lo, hi = lo * (1 - approx_tolerance), hi * (1 + approx_tolerance)
        return (lo, hi)
    if qualifier is Qualifier.APPROX:
        slack = max(abs(value) * approx_tolerance, precision or 0.0)
        return (value - slack, value + slack)
    if qualifier in (Qualifier.OVER, Qualifier.AT_LEAST):
        return (value, math.inf)
    if qualifier in (Qualifier.UNDER, Qualifier.UP_TO):
        return (-math.inf, value)
    return (value, value)


class JoinedSets(Sequence[frozenset[str]]):
    """Word sets held as their words sorted and joined by spaces (words hold no spaces), each set built
    again when read: a string a row costs a fifth of a set a row.

    >>> rows = JoinedSets(["budget fund kalomi", ""])
    >>> rows[0] == frozenset({"fund", "budget", "kalomi"}), rows[1], len(rows)
    (True, frozenset(), 2)
    """

    __slots__ = ("texts", "read")

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        # the sets read lately: matching reads the rows of one block again and again (bounded, see READ_SETS)
        self.read: dict[int, frozenset[str]] = {}

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, row: int) -> frozenset[str]:  # type: ignore[override]
        found = self.read.get(row)
        if found is None:
            if len(self.read) >= READ_SETS:
                self.read.clear()
            found = self.read[row] = frozenset(self.texts[row].split())
        return found


READ_SETS = 1 << 12
"""Word sets a `JoinedSets` keeps once read (a few MB at most, whatever the number of rows)."""


@dataclass(slots=True)
class ClaimTable:
    """Claims as columns, in the order given; row i is `claims[i]`."""

    claims: Sequence[Claim]
    family: Coded[str]  # dimension family: money, percent, count, measure:<base>, multiplier, other:<unit>
    unit: Coded[str]  # ISO code for money, base unit otherwise (rows compared on `unit.codes`)
    point: np.ndarray  # value (or range midpoint) in base units; nan when absent
    lo: np.ndarray  # hedged interval, base units
    hi: np.ndarray
    precision: np.ndarray  # base units; 0 when unknown
    usd_point: np.ndarray  # money only: point in USD at the claim's year; nan otherwise
    usd_lo: np.ndarray
    usd_hi: np.ndarray
    period_start: np.ndarray  # int, -1 when absent
    period_end: np.ndarray
    sub_period_id: np.ndarray  # ids into `interned`: the month, quarter or half named (-1: a year or none)
    year_part: np.ndarray  # int8: WHOLE_YEAR (a year's grain), YEAR_PART (a quarter or half), 0 otherwise
    subject: Sequence[str]  # normalised subject (+ counted) text for fuzzy matching
    tokens: JoinedSets  # subject tokens (the words of `subject`: held once, as that text)
    sentence_key: np.ndarray  # int: same value <=> same document and sentence
    topic: JoinedSets  # subject tokens plus the words around the number in its sentence (held as topic_text)
    topic_text: Sequence[str]  # the topic tokens, sorted and joined (for rapidfuzz)
    idf: dict[str, float]  # inverse document frequency of topic tokens over this claim set
    topic_norm: np.ndarray  # Euclidean norm of each claim's idf-weighted topic vector
    specific: np.ndarray  # bool: the subject alone says what is measured (2+ words beyond the counted noun)
    places_id: np.ndarray  # ids into `places`: the places (countries, regions) a claim names
    places: DistinctSets  # distinct place sets (same id <=> same set)
    names_id: np.ndarray  # ids into `names`: proper-name tokens of the subject
    names: DistinctSets  # distinct name-token sets (same id <=> same set)
    counted_id: np.ndarray  # ids into `interned`: the normalised counted noun ('' when none)
    doc_id: np.ndarray  # int: same value <=> same document
    cites_id: np.ndarray  # ids into `interned`: the reference keys a claim cites (see `citations`)
    interned: list[object]  # distinct facets, counted nouns, reference keys, years, measures, shared by id
    shape_id: np.ndarray  # ids into `shapes`: the sentence with its numbers masked (see `restated`)
    shapes: DistinctTexts  # distinct masked sentences (same id <=> same text)
    years_id: np.ndarray  # ids into `interned`: the years written in the sentence
    role: np.ndarray  # int: position among the sentence's claims of the same family
    role_count: np.ndarray  # int: how many claims of that family the sentence holds
    set_target: np.ndarray  # bool: a target its sentence sets against an outcome it states (a goal)
    measures_id: np.ndarray  # ids into `interned`: the contrasted measures its clause names (`measures_of`)
    local: Sequence[str]  # the few words right around the number, numbers masked
    facets_id: np.ndarray  # ids into `interned`: the claim's `Facets` (role, stage, scope, grain, classes)
    near_words: JoinedSets  # content words of `local` (stemmed, no numbers; held as joined text)
    others_id: np.ndarray  # ids into `others`: named parties that are not places (bodies, companies)
    others: DistinctSets  # distinct sets of those parties (same id <=> same set)
    table_cell: np.ndarray  # bool: the claim is a table cell
    list_item: np.ndarray  # bool: its sentence is an item of a bulleted or numbered list ("- ", "3. ")
    account_id: np.ndarray  # int: same value <=> same document and chapter (one account: `same_account`)
    char_start: np.ndarray  # int: the claim's offset in its document
    undated_level_year: np.ndarray  # int: for an undated level (no base, no change), its page's year; else -1
    hedged: np.ndarray  # bool: the statement is qualified (about, over, up to ...)
    # who the figure belongs to, folded across the corpus ("" when unknown; see `owners`)
    owner: Sequence[str]
    owner_strong: np.ndarray  # bool: the owner was read from the figure's own clause (not a fallback)
    clause_words: Coded[frozenset[str]]  # content words of the figure's own clause (no numbers, no parties)
    clause_idf: dict[str, float]  # inverse document frequency of clause words over this claim set
    clause_norm: np.ndarray  # Euclidean norm of each claim's idf-weighted clause words
    head: Sequence[str]  # the measured noun: the last content word of the subject (parties left out)
    value_docs: np.ndarray  # int: documents of this claim set that state the same value in the same unit
    companion_unit: Coded[str]  # the unit of the nearest figure of another family in its sentence ("" none)
    companion_point: np.ndarray  # that figure's value in base units (nan when none)
    siblings: Sequence[frozenset[tuple[str, float]]]  # `value_key` of the other figures of its sentence

    def clause_similarity(self, a: int, b: int) -> float:
        """Cosine of the idf-weighted words of the two figures' own clauses, numbers and parties masked.

        Shared words each side has once ("seats") weigh their idf; a clause of one word agrees with nothing.
        """
        shared = self.clause_words[a] & self.clause_words[b]
        if not shared:
            return 0.0
        idf = self.clause_idf
        dot = sum(idf[t] ** 2 for t in shared)
        return float(dot / (self.clause_norm[a] * self.clause_norm[b]))

    def topic_similarity(self, a: int, b: int) -> float:
        """Cosine of the idf-weighted topic token sets of two rows (0..1); 0 unless two words are shared.

        One shared word ("increase") is no agreement, however short the two contexts are.
        """
        shared = self.topic[a] & self.topic[b]
        if len(shared) < 2:
            return 0.0
        idf = self.idf
        dot = sum(idf[t] ** 2 for t in shared)
        return float(dot / (self.topic_norm[a] * self.topic_norm[b]))

    def __len__(self) -> int:
        return len(self.claims)


def _describe(
    subject: str, counted: str | None, aliases: dict[str, str], places_all: frozenset[str]
) -> tuple[str, frozenset[str], frozenset[str], str, bool]:
    """(subject text, subject tokens, name tokens, counted text, specific?) of one subject/counted pair."""
    text = subject
    if counted and counted.lower() not in subject.lower():
        text = f"{counted} {subject}"
    toks = subject_tokens(text, aliases)
    # places written like names are parties, not facility names
    names = frozenset(
        t
        for t in name_tokens(subject, aliases)
        if t not in places_all and normalize_entity(t) not in places_all
    )
    counted_toks = [COUNTED_SYNONYMS.get(t, t) for t in subject_tokens(counted, aliases)] if counted else []
    # a subject that only repeats the counted noun ("dialogue partners"), is one bare word ("GMV") or names
    # a change without what changes ("increase") does not say whose or which quantity it is
    specific = len(set(toks) - set(counted_toks) - CHANGE_WORDS) >= 2
    return " ".join(toks), frozenset(toks), names, " ".join(counted_toks), specific


WORLD = "world"
_WORLD_RE = re.compile(r"\b(?:world|world's|global|worldwide|globally)\b", re.IGNORECASE)


def world_scope(subject: str, left: str) -> bool:
    """The figure is the world's, not a country's: said in its subject or in the words just before it.

    >>> world_scope("world GDP growth", ""), world_scope("growth", "while the global economy grew ")
    (True, True)
    >>> world_scope("Vietnam's GDP growth", "the economy grew "), world_scope("exports", "to the world, ")
    (False, False)
    """
    if _WORLD_RE.search(subject):
        return True
    tail = left[-35:]
    return bool(_WORLD_RE.search(tail)) and not re.search(r"\b(?:to|across|around)\s+the\s+world\b", tail)


TABLE_CELL = "table_cell"


_PERIOD_LABEL = re.compile(
    r"""^\s*(?:(?:fy|fiscal(?:\s+year)?|q[1-4]|h[12]|cy)\s*)?   # FY, Q4, H1
    (?:19|20)\d\d(?:\s*[-–/]\s*\d{2,4})?\s*$                  # 2025, 2024-25
    """,
    re.VERBOSE | re.IGNORECASE,
)
"""A row label that is a period (`2025`, `FY2024-25`): it dates the row, it does not say what is measured."""


def table_cell_parts(claim: Claim) -> tuple[str, str] | None:
    """(row label, column header words) of a table-cell claim; None for prose.

    A cell claim's sentence is its row (`Revenue | $6.05 billion | 265%`), whose first cell labels the row;
    its subject ends with the column header (`Quarter's figures: Change YOY`, the table title first).

    >>> table_cell_parts(_example(flags=("table_cell",), surface="265%", subject="Main figures: Change YOY",
    ...                           sentence="Revenue | $6.05 billion | 265%"))
    ('Revenue', 'Change YOY')
    >>> table_cell_parts(_example(sentence="Revenue rose 265%.")) is None
    True
    """
    if TABLE_CELL not in claim.flags:
        return None
    first = claim.sentence.split(" | ", 1)[0].strip()
    label = "" if claim.surface in first or first == claim.sentence else first
    header = claim.subject.rpartition(": ")[2].strip()
    if header.lower() == label.lower():
        header = ""
    return label, header


def facets_of(claim: Claim) -> Facets:
    """The claim's facets as the extractor stored them (`Claim.facets`), else read from its sentence (see
    `claims.context.facets`), or for a table cell from its row label and column header; defaults when
    unplaced."""
    if claim.facets:
        return _decoded(claim.facets)
    parts = table_cell_parts(claim)
    if parts is not None:
        return _cell_facets(*parts, str(claim.kind), claim.surface)
    span = locate(claim)
    if span is None:
        return Facets()
    facets = _sentence_facets(claim.sentence, span[0], span[1], str(claim.kind))
    return with_subject(facets, claim.subject)


@lru_cache(maxsize=1 << 12)  # one call per claim: a cache for the claims of one document
def _decoded(text: str) -> Facets:
    return Facets.decode(text)


@lru_cache(maxsize=1 << 12)  # one call per claim: a cache for the claims of one row or sentence
def _cell_facets(label: str, header: str, kind: str, surface: str) -> Facets:
    return cell_facets(label, header, kind=kind, surface=surface)


@lru_cache(maxsize=1 << 12)
def _sentence_facets(sentence: str, start: int, end: int, kind: str) -> Facets:
    return claim_facets(sentence, start, end, kind=kind)


def _targets_against_outcomes(
    sentence_key: np.ndarray, family: Sequence[str], facets_id: np.ndarray, interned: Sequence[object]
) -> np.ndarray:
    """Rows whose figure is a target in a sentence that also states a level of the same kind: the sentence
    sets the goal against what was reached ("came to 1.8 million, short of the target of 2 million"), so it
    is a goal, not the level a budget's "target" names. (`facets_id` indexes `interned`.)

    >>> _targets_against_outcomes(np.array([0, 0, 1]), ["count"] * 3, np.array([0, 1, 1]),
    ...                           [Facets(role="level"), Facets(role="target")])
    array([False,  True, False])
    """
    roles = [getattr(value, "role", "") for value in interned]
    level = np.array([role == "level" for role in roles], dtype=bool)[facets_id]
    target = np.array([role == "target" for role in roles], dtype=bool)[facets_id]
    codes: dict[str, int] = {}
    family_code = np.fromiter((codes.setdefault(f, len(codes)) for f in family), np.int64, len(family))
    key = sentence_key.astype(np.int64) * max(len(codes), 1) + family_code  # (sentence, family)
    return target & np.isin(key, key[level])


_SUB_YEAR = re.compile(r"\d{4}-(?:0[1-9]|1[0-2]|Q[1-4]|H[12])")  # 2023-12, 2023-Q4, 2024-H1


LIST_ITEM = re.compile(r"\s*(?:[-•*–]|\d{1,2}[.)])\s")  # "- ", "• ", "3. ", "2) "


def undated_level_year(claim: Claim, facets: Facets) -> int:
    """The publication year of an undated figure's page when the figure is a level (no base of a change,
    no change): the time it is of, unsaid; -1 otherwise.

    >>> undated_level_year(_example(), Facets(published="2024-02-12"))
    2024
    >>> undated_level_year(_example(), Facets(role="change", published="2024-02-12"))
    -1
    >>> undated_level_year(_example(period_start=2023, period_end=2023), Facets(published="2024-02-12"))
    -1
    """
    year = facets.published[:4]
    dated = claim.period_start is not None or claim.period_end is not None
    if dated or facets.role in {"base", "change"} or not year.isdigit():
        return -1
    return int(year)


WHOLE_YEAR, YEAR_PART = 1, 2
YEAR_GRAINS: dict[str, int] = {
    "year": WHOLE_YEAR,
    "fiscal_year": WHOLE_YEAR,
    "quarter": YEAR_PART,
    "half": YEAR_PART,
}
"""Period grains (`claims.context.periods.period_facet`) that name a whole year or a part of one: a quarter's
or a half's figure is not the year's. Months are left out: a month is as often the date a figure was
announced or read ("by the end of December") as the period it covers."""


def sub_year_period(claim: Claim) -> str:
    """The part of a year a claim's period names ("2023-12", "2023-Q4", "2024-H1"), or "" for a year, a
    day, a span or no period."""
    detail = claim.period_detail or ""
    return detail if _SUB_YEAR.fullmatch(detail) else ""


VALUE_DIGITS = 9
"""Decimals a stated value is compared on as a set member (`value_key`): float noise is below them."""


def _documents_per_value(unit: Coded[str], point: np.ndarray, doc_id: np.ndarray) -> np.ndarray:
    """For each row, how many documents state its value in its unit (1 for a row without a value).

    A value several documents repeat is established; one stated by a single document and close to an
    established one is the usual shape of a slip.

    >>> units, docs = Coded(np.array([0, 0, 0, 1]), ["USD", "%"]), np.array([0, 1, 1, 2])
    >>> _documents_per_value(units, np.array([5.0, 5.0, 5.0, 5.0]), docs)
    array([2, 2, 2, 1])
    >>> _documents_per_value(units, np.array([0.1 + 0.2, 0.3, 1.0, 1.0]), docs)  # float noise aside
    array([2, 2, 1, 1])
    """
    counts = np.ones(len(point), dtype=np.int64)
    rows = np.flatnonzero(~np.isnan(point))
    if not len(rows):
        return counts
    units = unit.codes[rows]  # equal units, equal codes
    values = np.round(point[rows], VALUE_DIGITS)  # as `value_key` reads a value: float noise aside
    keyed = np.column_stack([units.astype(np.float64), values, doc_id[rows].astype(np.float64)])
    per_doc = np.unique(keyed, axis=0)  # one row per (unit, value, document)
    documents = np.unique(per_doc[:, :2], axis=0, return_counts=True)[1]
    where = np.unique(keyed[:, :2], axis=0, return_inverse=True)[1].reshape(-1)
    counts[rows] = documents[where]  # both uniques list the same (unit, value) pairs in the same order
    return counts


def value_key(unit: str, point: float) -> tuple[str, float]:
    """One stated value as a set member: its unit and its value in base units, rounded away from float noise.

    >>> value_key("USD", 0.1 + 0.2) == value_key("USD", 0.3)
    True
    """
    return unit, round(float(point), VALUE_DIGITS)


class SentenceValues(Sequence[frozenset[tuple[str, float]]]):
    """Per row, the `value_key` of every other figure of its sentence (rows with the same `sentence_key`),
    computed when read: a set a row would cost more than the rest of the row.

    >>> values = SentenceValues(["USD", "USD", "%"], np.array([5.0, 6.0, 7.0]), np.array([0, 0, 1]))
    >>> sorted(values[0]), sorted(values[2]), len(values)
    ([('USD', 6.0)], [], 3)
    """

    __slots__ = ("unit", "point", "sentence_key", "order", "keys")

    def __init__(self, unit: Sequence[str], point: np.ndarray, sentence_key: np.ndarray) -> None:
        self.unit = unit
        self.point = point
        self.sentence_key = sentence_key
        self.order = np.argsort(sentence_key, kind="stable").astype(np.int32)  # rows by sentence
        self.keys = sentence_key[self.order]

    def __len__(self) -> int:
        return len(self.order)

    def __getitem__(self, row: int) -> frozenset[tuple[str, float]]:  # type: ignore[override]
        key = self.sentence_key[row]
        lo, hi = np.searchsorted(self.keys, key, side="left"), np.searchsorted(self.keys, key, side="right")
        if hi - lo < 2:
            return frozenset()
        unit, point = self.unit, self.point
        return frozenset(
            value_key(unit[r], point[r])
            for r in self.order[lo:hi].tolist()
            if r != row and not math.isnan(point[r])
        )


def _companions(
    family: Coded[str], unit: Coded[str], point: np.ndarray, sentence_key: np.ndarray, char_start: np.ndarray
) -> tuple[Coded[str], np.ndarray]:
    """For each row, the unit and value of the nearest figure of another family in its sentence: the level a
    change leads to ("rose 13% to $105.5 billion"), the change a level comes with.

    Two changes whose companions disagree ("13% to $105.5 billion", "12% to $352.8 billion") measure two
    things (a quarter and a year); companions that agree tie two statements to one quantity.
    """
    n = len(family)
    values = list(unit.values)
    if "" not in values:
        values.append("")
    companion_unit = np.full(n, values.index(""), dtype=np.min_scalar_type(len(values)))
    companion_point = np.full(n, np.nan)
    order = np.argsort(sentence_key, kind="stable")
    keys = sentence_key[order]
    bounds = np.flatnonzero(np.diff(keys)) + 1
    starts, ends = np.r_[0, bounds], np.r_[bounds, len(order)]
    shared = ends - starts >= 2  # sentences of one figure have no companion
    for start, end in zip(starts[shared].tolist(), ends[shared].tolist(), strict=True):
        rows_array = order[start:end]  # one sentence's rows, made one at a time
        rows = rows_array.tolist()
        families = dict(zip(rows, family.codes[rows_array].tolist(), strict=True))
        for row in rows:
            others = [r for r in rows if families[r] != families[row] and not math.isnan(point[r])]
            if others:
                here = int(char_start[row])
                near = min(others, key=lambda r: abs(int(char_start[r]) - here))
                companion_unit[row], companion_point[row] = unit.codes[near], point[near]
    return Coded(companion_unit, values), companion_point


SHARED_VALUES = 1 << 12
"""Distinct texts and word sets looked up to be shared across rows while the table is built (equal values
further apart than this many others are held twice: the look-up stays bounded)."""


def _with_shared_parts(facets: Facets, one: Callable[[Any], Any]) -> Facets:
    """The same facets, their sets and texts replaced by equal objects shared with other rows (`one`)."""
    return dataclasses.replace(
        facets,
        scope=one(facets.scope),
        classes=one(facets.classes),
        owner=one(facets.owner),
        published=one(facets.published),
        label=one(facets.label),
    )


_NO_KEYS: frozenset[str] = frozenset()


def _citation_keys(claims: Sequence[Claim]) -> list[frozenset[str]]:
    """`citations.claim_citation_keys`, read only over the documents that cite something (a sentence
    borrows the keys of the next one of its own document): one shared empty set for every other claim."""
    citing = {claim.doc for claim in claims if claim.citation}
    keys = [_NO_KEYS] * len(claims)
    if citing:
        rows = [r for r, claim in enumerate(claims) if claim.doc in citing]
        for r, found in zip(rows, claim_citation_keys(_Rows(claims, rows)), strict=True):
            keys[r] = found or _NO_KEYS
    return keys


class _Rows(Sequence[Claim]):
    """Some rows of a claim sequence, as a sequence."""

    def __init__(self, claims: Sequence[Claim], rows: list[int]) -> None:
        self.claims, self.rows = claims, rows

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, k: int) -> Claim:  # type: ignore[override]
        return self.claims[self.rows[k]]


def _first_seen_ids(*columns: np.ndarray) -> np.ndarray:
    """int32 ids of the distinct rows of the integer columns, numbered in order of first appearance.

    >>> _first_seen_ids(np.array([3, 1, 3, 1]), np.array([7, 7, 7, 8]))
    array([0, 1, 0, 2], dtype=int32)
    """
    if not len(columns[0]):
        return np.zeros(0, dtype=np.int32)
    order = np.lexsort(columns[::-1])  # stable: each group's rows in row order
    new = np.zeros(len(order), dtype=bool)
    new[0] = True
    for column in columns:
        ordered = column[order]
        new[1:] |= ordered[1:] != ordered[:-1]
    group = np.cumsum(new) - 1  # group of each sorted row, groups in key order
    first = order[new]  # each group's first row
    rank = np.empty(len(first), dtype=np.int32)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first), dtype=np.int32)
    ids = np.empty(len(order), dtype=np.int32)
    ids[order] = rank[group]
    return ids


@dataclass(frozen=True, slots=True)
class _Row:
    """What `build_table` reads of one claim, before ids are given and corpus-wide weights computed."""

    family: str
    unit: str
    point: float
    lo: float
    hi: float
    precision: float
    usd: tuple[float, float, float]  # point, lo, hi in USD (nan when not money or no rate)
    years: tuple[int, int]  # period start, end (-1 when absent)
    sub_period: str
    year_part: int
    subject: str
    names: str
    counted: str
    specific: bool
    places: str
    local: str
    near: str
    others: str
    table_cell: bool
    list_item: bool
    hedged: bool
    shape: str
    sentence_years: object
    topic: str
    cites: frozenset[str]
    facets: Facets
    level_year: int
    clause_words: frozenset[str]
    head: str
    owner: str
    owner_strong: bool


RowKey = tuple[Claim, tuple[int, ...], frozenset[str]]
"""A claim, its context window in its sentence (`sentences.context_spans`: it depends on the other figures of
the sentence) and the reference keys it cites (`citations`: they depend on its document's other claims)."""


class RowCache:
    """Normalised rows kept from one `build_table` to the next, for a process that reconciles a store again
    and again (`claims serve --warm`): a claim whose row was built before, with the same context window and
    cited keys, is not normalised again.

    A row also reads what the whole corpus defines: its acronyms (`text.acronym_aliases`), the `-led` owner
    aliases and the approximation tolerance; when any of them (or the FX table) differs from the previous
    build's, every kept row is dropped. Only the rows of the latest build are kept (a removed claim's row
    goes with the next build). The rows are a function of this module's code, which cannot change under a
    running process: the cache is never written to disk.
    """

    __slots__ = ("context", "fx", "rows", "hits", "misses")

    def __init__(self) -> None:
        self.context: object = None
        self.fx: FxTable | None = None
        self.rows: dict[RowKey, _Row] = {}
        self.hits = self.misses = 0  # rows reused and rows built by the latest build

    def earlier(self, context: object, fx: FxTable) -> dict[RowKey, _Row]:
        """The kept rows when they were built under the same corpus-wide context, else none."""
        if fx is self.fx and context == self.context:
            return self.rows
        return {}

    def keep(self, context: object, fx: FxTable, rows: dict[RowKey, _Row], *, built: int) -> None:
        """Keep the rows of a build (`built` of them normalised by it, the others reused)."""
        self.context, self.fx, self.rows = context, fx, rows
        self.misses = built
        self.hits = len(rows) - built

    def __len__(self) -> int:
        return len(self.rows)


def build_table(
    claims: Sequence[Claim], rules: MatchRules, fx: FxTable, *, rows: RowCache | None = None
) -> ClaimTable:
    """Normalise every claim once (cost linear in the number of claims).

    With `rows`, a claim whose row an earlier build kept is not normalised again (see `RowCache`); the
    corpus-wide columns (term weights, documents per value, sentence roles, companions) are computed over
    every row each time.
    """
    n = len(claims)
    aliases = acronym_aliases(c.sentence for c in claims)
    places_all = place_names()
    family_of = CodedTextsBuilder()  # a code a row into a handful of families and units
    unit_of = CodedTextsBuilder()
    point = np.full(n, np.nan)
    lo = np.full(n, np.nan)
    hi = np.full(n, np.nan)
    precision = np.zeros(n)
    usd_point = np.full(n, np.nan)
    usd_lo = np.full(n, np.nan)
    usd_hi = np.full(n, np.nan)
    period_start = np.full(n, -1, dtype=np.int32)
    period_end = np.full(n, -1, dtype=np.int32)
    sub_period_id = np.full(n, -1, dtype=np.int32)
    year_part = np.zeros(n, dtype=np.int8)
    subject = TextColumnBuilder()  # text columns: an id a row into distinct texts held as UTF-8
    sentence_start = np.zeros(n, dtype=np.int64)
    first_sentences: dict[
        tuple[str, str], int
    ] = {}  # (document, sentence) of rows whose sentence starts at 0
    sentence_key = np.zeros(n, dtype=np.int32)
    # per distinct subject: (subject text, its name tokens joined, counted text, specific?); its tokens are
    # the words of the text. Subjects recur near each other (one document, one fact): a bounded cache
    subject_cache: dict[tuple[str, str | None, bool], tuple[str, str, str, bool]] = {}
    entity_cache: dict[tuple[tuple[str, ...], bool], str] = {}
    interned: dict[object, int] = {}  # facets, counted texts, reference keys, years -> shared ids
    # values most rows do not share (place, name and party sets, masked sentences): held as text, exact ids
    places, names, others, shapes = (DistinctTextsBuilder() for _ in range(4))
    counted_id = np.zeros(n, dtype=np.int32)

    doc_ids: dict[str, int] = {}
    doc_id = np.zeros(n, dtype=np.int32)
    cites_id = np.zeros(n, dtype=np.int32)
    cited = _citation_keys(claims)
    windows = context_spans(claims)  # offsets: four numbers a claim, the words cut out one row at a time
    topic_text = TextColumnBuilder()
    specific = np.zeros(n, dtype=bool)
    years_id = np.zeros(n, dtype=np.int32)
    local = TextColumnBuilder()
    facets_id = np.zeros(n, dtype=np.int32)
    near_text = TextColumnBuilder()
    table_cell = np.zeros(n, dtype=bool)
    list_item = np.zeros(n, dtype=bool)
    account_ids: dict[tuple[str, str], int] = {}
    account_id = np.zeros(n, dtype=np.int32)
    char_start = np.zeros(n, dtype=np.int64)
    level_year = np.full(n, -1, dtype=np.int16)
    hedged = np.zeros(n, dtype=bool)
    owner = TextColumnBuilder()
    owner_strong = np.zeros(n, dtype=bool)
    clause_words_of = SharedObjectsBuilder[frozenset[str]]()  # rows share a few sets (see `one`)
    head = TextColumnBuilder()
    acronyms = {long: short for long, short in aliases.items()}
    led = led_aliases((c.sentence for c in claims if "-led" in c.sentence), acronyms)
    owner_cache: dict[str, str] = {}
    # equal word sets and texts of different rows are kept as one object (a million rows of a few thousand
    # distinct clause word sets hold a few thousand sets)
    shared: dict[object, object] = {}

    def one(value: _T) -> _T:
        if len(shared) >= SHARED_VALUES:
            shared.clear()
        return shared.setdefault(value, value)  # type: ignore[return-value]

    def normalise(claim: Claim, window: np.ndarray, cites: frozenset[str]) -> _Row:
        """The row of one claim: everything below reads the claim, its window and the corpus's acronyms."""
        fam, base_unit, factor = dimension(claim)
        qualifier = Qualifier(claim.qualifier)
        value = claim.value * factor if claim.value is not None else None
        low = claim.value_low * factor if claim.value_low is not None else None
        high = claim.value_high * factor if claim.value_high is not None else None
        prec = claim.precision if claim.precision is not None else infer_precision(claim.surface, claim.value)
        prec = (prec or 0.0) * factor
        if value is not None:
            point_ = value
        elif low is not None and high is not None:
            point_ = (low + high) / 2
        else:
            point_ = low if low is not None else (high if high is not None else np.nan)
        lo_, hi_ = hedged_interval(value, low, high, qualifier, prec, rules.approx_tolerance)
        years = [y for y in (claim.period_start, claim.period_end) if y is not None]
        first_year, last_year = (min(years), max(years)) if years else (-1, -1)
        usd = (np.nan, np.nan, np.nan)
        if fam == "money" and base_unit != UNKNOWN_CURRENCY:
            rate = fx.rate(base_unit, int(last_year) if last_year >= 0 else None)
            if rate is not None:
                usd = (point_ / rate.lcu_per_usd, lo_ / rate.lcu_per_usd, hi_ / rate.lcu_per_usd)
        cell = table_cell_parts(claim)
        # a table cell measures its row label under its column header (the table title is no subject)
        measured = claim.subject
        if cell is not None:
            label, header = cell
            measured = header if _PERIOD_LABEL.match(label) else " ".join(filter(None, (label, header)))
        described = subject_cache.get((measured, claim.counted, cell is not None))
        if described is None:
            text_, _, nms, counted_text_, specific_ = _describe(
                measured or "", claim.counted, aliases, places_all
            )
            if cell is not None:  # capitalised row labels are not facility names
                nms = frozenset()
            if len(subject_cache) >= SHARED_VALUES:
                subject_cache.clear()
            described = (one(text_), one(joined_set(nms)), one(counted_text_), specific_)
            subject_cache[(measured, claim.counted, cell is not None)] = described
        subject_text, names_text, counted_text, specific_ = described
        toks = subject_text.split()  # the subject tokens, as `_describe` joined them
        left, right = window_of(claim.sentence, window)
        worldwide = world_scope(claim.subject or "", left)
        place_text = entity_cache.get((claim.entities, worldwide))
        if place_text is None:
            if len(entity_cache) >= SHARED_VALUES:
                entity_cache.clear()
            where = frozenset(p for e in claim.entities if (p := normalize_entity(e)) in places_all)
            if worldwide:  # "the world's growth of 3.2%" is another party than a country's
                where = frozenset({WORLD})
            place_text = entity_cache[(claim.entities, worldwide)] = joined_set(where)
        local_words = local_text(left, right)
        near_words = frozenset(
            t for t in subject_tokens(local_words, aliases) if t[:1].isalpha() and t not in places_all
        )
        parties = frozenset(
            e for e in (normalize_entity(x) for x in claim.entities) if e and e not in places_all
        )
        if cell is not None:  # a row label is no party
            parties -= {normalize_entity(cell[0])}
        # numbers and places are read elsewhere (periods, parties): they do not say what is measured
        around = (
            t
            for t in subject_tokens(f"{left} {right}", aliases)
            if not t[:1].isdigit() and t not in places_all
        )
        claim_facets_ = facets_of(claim)
        span = locate(claim)
        clause = ""
        if span is not None and cell is None:
            c0, c1 = figure_clause(claim.sentence, span[0], span[1])
            clause = f"{claim.sentence[c0 : span[0]]} {claim.sentence[span[1] : c1]}"
        elif cell is not None:
            clause = claim.sentence.split(" | ", 1)[0]
        named = name_tokens(clause, aliases)
        content = [
            t for t in subject_tokens(measured or "", aliases) if t[:1].isalpha() and t not in places_all
        ]
        measured_names = name_tokens(measured or "", aliases)
        content = [t for t in content if t not in measured_names] or content
        owned = owner_cache.get(claim_facets_.owner)
        if owned is None:
            if len(owner_cache) >= SHARED_VALUES:
                owner_cache.clear()
            owned = owner_key(claim_facets_.owner, acronyms) if claim_facets_.owner else ""
            owned = owner_cache[claim_facets_.owner] = led.get(owned, owned)
        return _Row(
            family=fam,
            unit=base_unit,
            point=point_,
            lo=lo_,
            hi=hi_,
            precision=prec,
            usd=usd,
            years=(first_year, last_year),
            sub_period=sub_year_period(claim),
            year_part=YEAR_GRAINS.get(claim.period_grain or "", 0),
            subject=subject_text,
            names=names_text,
            counted=counted_text,
            specific=specific_,
            places=place_text,
            local=local_words,
            near=" ".join(sorted(near_words)),
            others=joined_set(parties),
            table_cell=cell is not None,
            list_item=LIST_ITEM.match(claim.sentence) is not None,
            hedged=qualifier is not Qualifier.EXACT,
            shape=masked(claim.sentence),
            sentence_years=sentence_years(claim.sentence),
            # held as its sorted words joined (a string, not a set, a row: see `JoinedSets`)
            topic=" ".join(sorted(frozenset(t for t in toks if t not in places_all).union(around))),
            cites=cites,
            facets=claim_facets_,
            level_year=undated_level_year(claim, claim_facets_),
            clause_words=one(
                frozenset(
                    t
                    for t in subject_tokens(clause, aliases)
                    if t[:1].isalpha()
                    and t not in places_all
                    and t not in named
                    and t not in CLAUSE_STOPWORDS
                )
            ),
            head=content[-1] if content else (counted_text.split()[-1] if counted_text else ""),
            owner=owned,
            owner_strong=bool(owned) and claim_facets_.owner_source in STRONG_SOURCES,
        )

    context = (tuple(aliases.items()), tuple(led.items()), rules.approx_tolerance)
    earlier = rows.earlier(context, fx) if rows is not None else {}
    kept: dict[RowKey, _Row] = {}
    built = 0
    for i, claim in enumerate(claims):
        if rows is None:
            row = normalise(claim, windows[i], cited[i])
        else:
            key = (claim, tuple(windows[i].tolist()), cited[i])
            row = earlier.get(key) or kept.get(key)  # type: ignore[assignment]
            if row is None:
                row = normalise(claim, windows[i], cited[i])
                built += 1
            kept[key] = row
        family_of.append(row.family)
        unit_of.append(row.unit)
        point[i], lo[i], hi[i], precision[i] = row.point, row.lo, row.hi, row.precision
        usd_point[i], usd_lo[i], usd_hi[i] = row.usd
        period_start[i], period_end[i] = row.years
        if row.sub_period:
            sub_period_id[i] = interned.setdefault(("sub_period", row.sub_period), len(interned))
        year_part[i] = row.year_part
        specific[i] = row.specific
        names.append(row.names)
        subject.append(row.subject)
        local.append(row.local)
        near_text.append(row.near)
        others.append(row.others)
        table_cell[i] = row.table_cell
        list_item[i] = row.list_item
        account_id[i] = account_ids.setdefault((claim.doc, claim.chapter), len(account_ids))
        char_start[i] = claim.char_start
        hedged[i] = row.hedged
        shapes.append(row.shape)
        years_id[i] = interned.setdefault(("years", row.sentence_years), len(interned))
        topic_text.append(row.topic)
        places.append(row.places)
        counted_id[i] = interned.setdefault(row.counted, len(interned))
        cites_id[i] = interned.setdefault(row.cites, len(interned))
        facets_id[i] = interned.get(row.facets, -1)
        if facets_id[i] < 0:  # a new value: its word sets and texts shared with equal ones of other values
            facets_id[i] = interned[_with_shared_parts(row.facets, one)] = len(interned)
        level_year[i] = row.level_year
        clause_words_of.append(row.clause_words)
        head.append(row.head)
        owner.append(row.owner)
        owner_strong[i] = row.owner_strong
        doc_id[i] = doc_ids.setdefault(claim.doc, len(doc_ids))
        sentence_start[i] = claim.sentence_start
        if claim.sentence_start == 0:  # no offset to tell sentences apart: the text does
            sentence_key[i] = first_sentences.setdefault((claim.doc, claim.sentence), len(first_sentences))
    if rows is not None:
        rows.keep(context, fx, kept, built=built)
    del kept, earlier
    del windows, cited, first_sentences  # per-row inputs
    for per_run in (subject_cache, entity_cache, owner_cache):
        per_run.clear()
    family, unit, clause_words = family_of.build(), unit_of.build(), clause_words_of.build()
    places_id, places_column = places.build()
    names_id, names_column = names.build()
    others_id, others_column = others.build()
    shape_id, shapes_column = shapes.build()
    sentence_key = _first_seen_ids(doc_id, sentence_start, np.where(sentence_start == 0, sentence_key, -1))
    del sentence_start
    subject_column, topic_column, local_column = subject.build(), topic_text.build(), local.build()
    near_column, owner_column, head_column = near_text.build(), owner.build(), head.build()
    release_free_heap()  # the row builders' buffers and caches are gone
    topic = JoinedSets(topic_column)
    df: Counter[str] = Counter()
    for tokens_of_row in topic:
        df.update(tokens_of_row)
    idf = {t: math.log((n + 1) / (count + 1)) + 1.0 for t, count in df.items()}
    del df
    # one float at a time (a list of a million floats would be held at once)
    topic_norm = np.fromiter((math.sqrt(sum(idf[t] ** 2 for t in row)) or 1.0 for row in topic), float, n)
    shared.clear()
    # the clause word sets, each read once however many rows share it (`clause_words.values`)
    rows_of_set = np.bincount(clause_words.codes, minlength=len(clause_words.values)).tolist()
    clause_df: Counter[str] = Counter()
    for words, rows_with in zip(clause_words.values, rows_of_set, strict=True):
        for word in words:
            clause_df[word] += rows_with
    clause_idf = {t: math.log((n + 1) / (count + 1)) + 1.0 for t, count in clause_df.items()}
    del clause_df
    norm_of_set = [math.sqrt(sum(clause_idf[t] ** 2 for t in words)) or 1.0 for words in clause_words.values]
    clause_norm = np.array(norm_of_set, dtype=np.float64)[clause_words.codes]
    role, role_count = roles(claims, family.codes)
    # the measures of each distinct clause word set, interned in order of the first row naming the set
    measures: dict[frozenset[str], int] = {}
    for words in clause_words.values:  # the sets in order of their first row
        if words not in measures:
            measures[words] = interned.setdefault(measures_of(words), len(interned))
    measures_id = np.array([measures[words] for words in clause_words.values], dtype=np.int32)[
        clause_words.codes
    ]
    del measures
    by_id: list[object] = [None] * len(interned)
    for interned_value, interned_key in interned.items():
        by_id[interned_key] = interned_value
    set_target = _targets_against_outcomes(sentence_key, family, facets_id, by_id)
    # the facets read are interned in the table: the caches that read them need not outlive it
    for cache in (_decoded, _cell_facets, _sentence_facets):
        cache.cache_clear()
    logger.debug("normalised %d claims (%d acronym aliases)", n, len(aliases))
    value_docs = _documents_per_value(unit, point, doc_id).astype(np.int32)
    companion_unit, companion_point = _companions(family, unit, point, sentence_key, char_start)
    return ClaimTable(
        claims=claims,
        family=family,
        unit=unit,
        point=point,
        lo=lo,
        hi=hi,
        precision=precision,
        usd_point=usd_point,
        usd_lo=usd_lo,
        usd_hi=usd_hi,
        period_start=period_start,
        period_end=period_end,
        sub_period_id=sub_period_id,
        year_part=year_part,
        subject=subject_column,
        tokens=JoinedSets(subject_column),
        sentence_key=sentence_key,
        topic=topic,
        topic_text=topic_column,
        idf=idf,
        topic_norm=topic_norm,
        specific=specific,
        places_id=places_id,
        places=DistinctSets(places_column),
        names_id=names_id,
        names=DistinctSets(names_column),
        counted_id=counted_id,
        doc_id=doc_id,
        cites_id=cites_id,
        interned=by_id,
        shape_id=shape_id,
        shapes=shapes_column,
        years_id=years_id,
        role=role,
        role_count=role_count,
        set_target=set_target,
        measures_id=measures_id,
        local=local_column,
        facets_id=facets_id,
        near_words=JoinedSets(near_column),
        others_id=others_id,
        others=DistinctSets(others_column),
        table_cell=table_cell,
        list_item=list_item,
        account_id=account_id,
        char_start=char_start,
        undated_level_year=level_year,
        hedged=hedged,
        owner=owner_column,
        owner_strong=owner_strong,
        clause_words=clause_words,
        clause_idf=clause_idf,
        clause_norm=clause_norm,
        head=head_column,
        value_docs=value_docs,
        companion_unit=companion_unit,
        companion_point=companion_point,
        siblings=SentenceValues(unit, point, sentence_key),
    )
