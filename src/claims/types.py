"""Frozen records that flow through the pipeline.

Data flows one way: Document -> (Section, Footnote, Reference, TableCell) -> Quantity -> Claim -> Conflict.
Every record keeps its evidence (document name, character offsets, surface text) next to its value.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """What sort of quantity a mention is."""

    MONEY = "money"
    COUNT = "count"
    PERCENT = "percent"
    MEASURE = "measure"
    MULTIPLIER = "multiplier"
    OTHER = "other"


class Qualifier(StrEnum):
    """How the text hedges a value (`over 50`, `about 2 billion`)."""

    EXACT = "exact"
    APPROX = "approx"
    OVER = "over"
    UNDER = "under"
    AT_LEAST = "at_least"
    UP_TO = "up_to"


class ConflictKind(StrEnum):
    VALUE_MISMATCH = "value_mismatch"
    MAGNITUDE_MISMATCH = "magnitude_mismatch"
    ROUNDING = "rounding"
    CONVERSION_MISMATCH = "conversion_mismatch"
    ARITHMETIC = "arithmetic"


class Severity(StrEnum):
    """How bad a finding is. Members are listed most severe first: that order is the ranking."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        """Sort key, most severe first.

        >>> [s.rank for s in Severity]
        [0, 1, 2]
        """
        return list(Severity).index(self)

    @classmethod
    def rank_of(cls, value: object) -> int:
        """The rank of a severity given as text (a table cell); anything else ranks after every severity.

        >>> Severity.rank_of("high"), Severity.rank_of("low"), Severity.rank_of(None), Severity.rank_of("n/a")
        (0, 2, 3, 3)
        """
        try:
            return cls(str(value)).rank
        except ValueError:
            return len(cls)


class ReviewStatus(StrEnum):
    OPEN = "open"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


UNKNOWN_CURRENCY = "XXX"
"""ISO 4217 code for "no currency": used when an amount's currency is not stated (flagged, never guessed)."""


def stable_id(*parts: object, length: int = 16) -> str:
    """A short hex digest of the parts, stable across runs and machines.

    >>> stable_id("a.txt", 3, 7) == stable_id("a.txt", 3, 7)
    True
    >>> len(stable_id("x"))
    16
    """
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return digest.hexdigest()[:length]


@dataclass(frozen=True, slots=True)
class Document:
    """One source document, with the text that all offsets index.

    For .txt/.md sources `text` is the file decoded as-is (UTF-8 files: byte-for-byte the file's characters).
    For PDF/DOCX/HTML it is the extracted text, also written under processed/text/.
    """

    doc: str  # file name relative to the raw folder, e.g. "001_72274b1e3263120b.txt"
    text: str
    sha256: str  # hash of the source file's bytes
    format: str = "txt"  # txt, md, html, pdf, docx
    title: str | None = None
    author: str | None = None
    published: dt.date | None = None  # used to resolve relative dates ("last year")
    encoding: str | None = None
    text_path: str | None = None  # processed/text/<doc>.txt for extracted formats
    aliases: tuple[str, ...] = ()  # other file names with the same content (duplicates)
    page_starts: tuple[int, ...] = ()  # PDF: char offset where each page starts (page n = index + 1)
    headings: tuple[tuple[int, int, str], ...] = ()  # DOCX/HTML: (char offset, level, heading text)


@dataclass(frozen=True, slots=True)
class Rejection:
    """A file the run could not use, and why (listed in rejected.csv)."""

    doc: str
    reason: str  # short code: empty, binary, encrypted, no_text, too_large, unreadable, duplicate, ...
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    """A span of a document under one heading path (`Chapter 4 > Maritime Security ...`)."""

    start: int
    end: int
    path: tuple[str, ...]
    kind: str = "body"  # body, front, references, table, toc

    @property
    def label(self) -> str:
        return " > ".join(self.path)


@dataclass(frozen=True, slots=True)
class Reference:
    """An entry of a reference list / endnotes, keyed by its number within its chapter."""

    chapter: str
    number: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote marker in the running text (superscript digits like `³⁵`, `[12]`)."""

    marker: str  # normalised number, e.g. "35"
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in text, parsed, with its span. Produced by `claims.nlp`/`claims.parse`."""

    start: int
    end: int
    surface: str
    value: float | None  # fully scaled; None for ranges
    value_low: float | None = None
    value_high: float | None = None
    unit: str | None = None  # ISO 4217, "percent", "count", singular unit name, "times"
    kind: Kind = Kind.OTHER
    qualifier: Qualifier = Qualifier.EXACT
    counted: str | None = None
    precision: float | None = None  # half a unit of the last stated digit, scaled (8.1 billion -> 5e7)
    currency_missing: bool = False


@dataclass(frozen=True, slots=True)
class Claim:
    """A dated quantitative claim: a Quantity plus what it measures, when, about whom, and its evidence."""

    claim_id: str
    doc: str
    char_start: int
    char_end: int
    surface: str
    value: float | None
    value_low: float | None
    value_high: float | None
    unit: str | None
    kind: Kind
    counted: str | None
    qualifier: Qualifier
    period_start: int | None
    period_end: int | None
    fiscal: bool
    subject: str
    entities: tuple[str, ...]
    section: str
    sentence: str
    citation: str
    confidence: float
    # extras beyond the contract, used by reconciliation, audits and reports
    sentence_start: int = 0
    chapter: str = ""  # top-level section (e.g. "Chapter 4"), "" when the document has none
    precision: float | None = None
    flags: tuple[str, ...] = ()  # currency_missing, no_period, no_citation, table_cell, ...
    doc_sha256: str = ""
    # the time facet of the period (claims.parse.periods.Period): what part of the period the value covers
    period_grain: str = ""  # day, week, month, months, quarter, half, year, fiscal_year, decade, span
    period_detail: str = ""  # 2024-Q3, FY2023/24, 2024-03, 1970s ...
    as_of: dt.date | None = None  # the day a stock or running total is read on
    change_basis: str = ""  # year_on_year, quarter_on_quarter, month_on_month, annualised
    facets: str = ""  # role, stage, scope and class words (claims.context.facets.Facets.encode())

    @property
    def low(self) -> float | None:
        return self.value if self.value is not None else self.value_low

    @property
    def high(self) -> float | None:
        return self.value if self.value is not None else self.value_high


def make_claim_id(doc: str, sentence: str, surface: str, occurrence: int) -> str:
    """Stable claim id: unchanged when text elsewhere in the document moves the offsets.

    `occurrence` counts earlier claims in the same document with the same sentence and surface.
    """
    return stable_id(doc, " ".join(sentence.split()), surface, occurrence)


def make_conflict_id(claim_a: str, claim_b: str | None, kind: str | None = None) -> str:
    """Stable conflict id: the same pair of claims gives the same id, whatever their order."""
    if claim_b:
        return stable_id(*sorted((claim_a, claim_b)))
    return stable_id(claim_a, kind or "single")


@dataclass(frozen=True, slots=True)
class Conflict:
    """A finding: two claims that disagree, or one claim whose own arithmetic does not hold."""

    conflict_id: str
    kind: ConflictKind
    severity: Severity
    claim_a: str
    claim_b: str | None
    topic: str
    period: str
    relative_difference: float | None
    explanation: str
    scope: str = "cross_document"  # cross_document, cross_chapter, within_chapter, within_sentence
    status: ReviewStatus = ReviewStatus.OPEN
    score: float = 0.0  # ranking key within a severity (higher first)
    consensus_value: float | None = None
    support: str = ""  # "value: n sources; ..." when three or more sources state the quantity
    expected_value: float | None = None  # arithmetic: what the operands imply
    tier: str = "finding"  # "finding" (reported) or "possible" (scored below the report's threshold)
    match_probability: float | None = None  # calibrated probability that both sides state one quantity
    members_a: tuple[str, ...] = ()  # claim ids of every statement on side A (the outlier)
    members_b: tuple[str, ...] = ()  # claim ids of every statement on side B (the consensus)
    pair_ids: tuple[str, ...] = ()  # ids of every pair of members: a decision on any of them carries over
    sources_a: int = 0  # independent sources behind side A
    sources_b: int = 0  # independent sources behind side B
    details: dict[str, object] = field(default_factory=dict, compare=False, hash=False)
