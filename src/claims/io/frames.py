"""Records <-> tables: the columns of claims.csv, conflicts.csv and documents, listed once, and their mapping.

Each table's columns are listed once below (`CLAIMS`, `CONFLICTS`, `DOCUMENTS`), each with its type. The rest
is derived from these lists: the row mapping both ways (`claim_row` / `claims_from_frame`), the pandas dtypes
(`normalise_*`), the DuckDB tables (`claims.io.store`) and the column lists the validation suites check
(`claims.io.validation` fills them into expectations/*.json at load time). Contract columns come first, in
DESIGN.md order; extra columns follow.

A new claim column: a field on `Claim` (with a default) and one `Column` entry in `CLAIMS`; the store adds the
column to an existing database when it opens it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, cast

import pandas as pd

from claims.formatting import is_missing
from claims.types import (
    Claim,
    Conflict,
    ConflictKind,
    Document,
    Kind,
    Qualifier,
    ReviewStatus,
    Severity,
    stable_id,
)

ColumnType = type[str] | type[int] | type[float] | type[bool] | type[tuple] | type[dt.date] | type[StrEnum]


def as_bool(value: object) -> bool:
    """A table cell as a bool: text "true"/"1"/"yes" (any case), a missing cell as False.

    >>> [as_bool(v) for v in ("True", "false", "1", None, float("nan"), 1, 0)]
    [True, False, True, False, False, True, False]
    """
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes"}
    if is_missing(value):
        return False
    return bool(value)


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table: its name, the Python type of its values, and how an empty cell reads.

    `type` is str, int, float, bool, tuple (words joined with ";" in the table), dt.date (ISO text in the
    table) or a StrEnum (its value in the table). `nullable`: an empty cell (and an empty text) reads as None;
    otherwise it reads as `empty` (default: the type's zero: "", 0, 0.0, False, ()).
    """

    name: str
    type: ColumnType
    contract: bool = False  # a DESIGN.md output-contract column
    nullable: bool = False
    empty: object = None

    @property
    def dtype(self) -> str:
        """The pandas dtype of the column in a normalised frame."""
        if self.type is int:
            return "Int64"
        if self.type is float:
            return "float64"
        if self.type is bool:
            return "boolean"
        return "string"

    @property
    def is_text(self) -> bool:
        return self.dtype == "string"

    def to_cell(self, value: Any) -> object:
        """A record's value as a table cell.

        >>> Column("entities", tuple).to_cell(("Japan", "Philippines"))
        'Japan;Philippines'
        >>> Column("kind", Kind).to_cell(Kind.MONEY), Column("unit", str, nullable=True).to_cell("")
        ('money', None)
        """
        if value is None:
            return None
        if self.type is tuple:
            return ";".join(value)
        if self.type is dt.date:
            return value.isoformat()
        if self.type is float:
            return float(value)
        if self.type is bool:
            return bool(value)
        if isinstance(self.type, type) and issubclass(self.type, StrEnum):
            return str(value)
        if self.nullable and value == "":
            return None
        return value

    def from_cell(self, value: object) -> Any:
        """A table cell as the record's value.

        >>> Column("entities", tuple).from_cell("Japan;Philippines")
        ('Japan', 'Philippines')
        >>> Column("kind", Kind, empty=Kind.OTHER).from_cell(None)
        <Kind.OTHER: 'other'>
        >>> Column("period_start", int, nullable=True).from_cell(float("nan"))
        >>> Column("fiscal", bool).from_cell("true")
        True
        """
        missing = is_missing(value) or (value == "" and self.type is not tuple)
        if missing:
            if self.nullable:
                return None
            if self.empty is not None:
                return self.empty
            if self.type is tuple:
                return ()
            return "" if self.is_text else self.type()  # type: ignore[call-arg]
        if self.type is tuple:
            return tuple(part for part in str(value).split(";") if part)
        if self.type is dt.date:
            return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        if self.type is bool:
            return as_bool(value)
        if self.type is int:
            return int(value)  # type: ignore[call-overload]
        if self.type is float:
            return float(value)  # type: ignore[arg-type]
        if self.type is str:
            return str(value)
        return cast("type[StrEnum]", self.type)(str(value))


@dataclass(frozen=True, slots=True)
class Table:
    """A table's columns in order, and the record type a row stands for."""

    name: str
    record: type
    columns: tuple[Column, ...]
    # claims pin their text columns to pandas' "string" dtype (missing = pd.NA); conflicts and documents keep
    # the text dtype pandas reads them with and only turn object columns into "string" (kept as it was)
    pin_text_dtype: bool = True

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def contract(self) -> list[str]:
        return [c.name for c in self.columns if c.contract]

    @property
    def extra(self) -> list[str]:
        return [c.name for c in self.columns if not c.contract]

    @property
    def text(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.is_text)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def normalise(self, df: pd.DataFrame) -> pd.DataFrame:
        """Exactly this table's columns, in order, with their dtypes (missing columns added, empty)."""
        df = df.copy()
        for name in self.names:
            if name not in df.columns:
                df[name] = None
        df = df[self.names].copy()
        for c in self.columns:
            if c.type is int:
                df[c.name] = pd.to_numeric(df[c.name], errors="coerce").astype("Int64")
            elif c.type is float:
                df[c.name] = pd.to_numeric(df[c.name], errors="coerce").astype("float64")
            elif c.type is bool:
                df[c.name] = df[c.name].map(as_bool).astype("boolean")
            elif self.pin_text_dtype or str(df[c.name].dtype) == "object":
                df[c.name] = df[c.name].astype("string")
        return df


def _side_columns(side: str) -> tuple[Column, ...]:
    """The contract evidence of one side of a finding, joined from its claim (side "a" or "b")."""
    return (
        Column(f"doc_{side}", str, contract=True),
        Column(f"start_{side}", int, contract=True),
        Column(f"end_{side}", int, contract=True),
        Column(f"surface_{side}", str, contract=True),
        Column(f"value_{side}", float, contract=True, nullable=True),
        Column(f"unit_{side}", str, contract=True, nullable=True),
    )


CLAIMS = Table(
    "claims",
    Claim,
    (
        Column("claim_id", str, contract=True),
        Column("doc", str, contract=True),
        Column("char_start", int, contract=True),
        Column("char_end", int, contract=True),
        Column("surface", str, contract=True),
        Column("value", float, contract=True, nullable=True),
        Column("value_low", float, contract=True, nullable=True),
        Column("value_high", float, contract=True, nullable=True),
        Column("unit", str, contract=True, nullable=True),
        Column("kind", Kind, contract=True, empty=Kind.OTHER),
        Column("counted", str, contract=True, nullable=True),
        Column("qualifier", Qualifier, contract=True, empty=Qualifier.EXACT),
        Column("period_start", int, contract=True, nullable=True),
        Column("period_end", int, contract=True, nullable=True),
        Column("fiscal", bool, contract=True),
        Column("subject", str, contract=True),
        Column("entities", tuple, contract=True),
        Column("section", str, contract=True),
        Column("sentence", str, contract=True),
        Column("citation", str, contract=True),
        Column("confidence", float, contract=True),
        Column("chapter", str),
        Column("sentence_start", int),
        Column("precision", float, nullable=True),
        Column("flags", tuple),
        Column("doc_sha256", str),
        Column("period_grain", str),
        Column("period_detail", str),
        Column("as_of", dt.date, nullable=True),
        Column("change_basis", str),
        Column("facets", str),
    ),
)

CONFLICTS = Table(
    "conflicts",
    Conflict,
    (
        Column("conflict_id", str, contract=True),
        Column("kind", ConflictKind, contract=True),
        Column("severity", Severity, contract=True),
        Column("claim_a", str, contract=True),
        Column("claim_b", str, contract=True, nullable=True),
        *_side_columns("a"),
        *_side_columns("b"),
        Column("topic", str, contract=True),
        Column("period", str, contract=True),
        Column("relative_difference", float, contract=True, nullable=True),
        Column("explanation", str, contract=True),
        Column("status", ReviewStatus, contract=True, empty=ReviewStatus.OPEN),
        Column("scope", str),
        Column("score", float),
        Column("consensus_value", float, nullable=True),
        Column("support", str),
        Column("expected_value", float, nullable=True),
        Column("section_a", str),
        Column("section_b", str),
        Column("chapter_a", str),
        Column("chapter_b", str),
        Column("sentence_a", str),
        Column("sentence_b", str),
        Column("sentence_start_a", int, nullable=True),
        Column("sentence_start_b", int, nullable=True),
        Column("citation_a", str),
        Column("citation_b", str),
        Column("evidence", str),  # what the reviewer saw (a change re-opens the finding)
        Column("review_note", str, nullable=True),
        Column("reviewed_at", str, nullable=True),
        Column("tier", str, empty="finding"),
        Column("match_probability", float, nullable=True),
        Column("members_a", tuple),
        Column("members_b", tuple),
        Column("pair_ids", tuple),
        Column("sources_a", int),
        Column("sources_b", int),
        # reviewers' decisions applied at publishing (claims.io.decisions), not stored with the finding
        Column("reviewer", str, nullable=True),
        Column("assigned_to", str, nullable=True),
        Column("new", bool),
        Column("carried_from", str, nullable=True),
    ),
    pin_text_dtype=False,
)

DOCUMENTS = Table(
    "documents",
    Document,
    (
        Column("doc", str),
        Column("sha256", str),
        Column("format", str),
        Column("n_chars", int),  # len(text)
        Column("title", str, nullable=True),
        Column("author", str, nullable=True),
        Column("published", dt.date, nullable=True),
        Column("encoding", str, nullable=True),
        Column("text_path", str, nullable=True),
        Column("aliases", tuple),
        Column("n_claims", int),  # claims stored for the document
    ),
    pin_text_dtype=False,
)

TABLES: dict[str, Table] = {t.name: t for t in (DOCUMENTS, CLAIMS, CONFLICTS)}

CLAIM_CONTRACT = CLAIMS.contract
CLAIM_EXTRA = CLAIMS.extra
CLAIM_COLUMNS = CLAIMS.names
CONFLICT_CONTRACT = CONFLICTS.contract
CONFLICT_EXTRA = CONFLICTS.extra
CONFLICT_COLUMNS = CONFLICTS.names
DOCUMENT_COLUMNS = DOCUMENTS.names
TEXT_COLUMNS = tuple(dict.fromkeys(CLAIMS.text + CONFLICTS.text + DOCUMENTS.text))
"""Columns read as text from CSV (hex ids like "1e5..." would otherwise parse as numbers)."""


def claim_row(claim: Claim) -> dict[str, object]:
    """One claims.csv row.

    >>> row = claim_row(Claim("c1", "a.txt", 7, 22, "8.1 billion yen", 8.1e9, None, None, "JPY", Kind.MONEY,
    ...     None, Qualifier.EXACT, 2024, 2024, True, "OSA budget", ("Japan",), "", "It was 8.1 billion yen.",
    ...     "", 0.9))
    >>> row["value"], row["kind"], row["entities"], row["flags"]
    (8100000000.0, 'money', 'Japan', '')
    """
    return {c.name: c.to_cell(getattr(claim, c.name)) for c in CLAIMS.columns}


def claim_from_row(row: Mapping[str, object]) -> Claim:
    """A Claim from one row of the claims table (a missing column reads as an empty cell)."""
    return CLAIMS.record(**{c.name: c.from_cell(row.get(c.name)) for c in CLAIMS.columns})  # type: ignore[no-any-return]


def claims_from_frame(df: pd.DataFrame) -> list[Claim]:
    """Claim records from a claims table (e.g. the stored one, for reconciliation)."""
    return [claim_from_row(row) for row in df.to_dict("records")]


class ClaimRecords:
    """`claims_from_frame` for a process that reads the same stored table again and again (`claims serve
    --warm`): each document's records are kept from one call to the next, and a document whose rows are the
    same (each row hashed over every column: `pd.util.hash_pandas_object`) keeps its records instead of
    being converted again. Only the latest call's documents are kept; a table of other columns or types
    converts every row again.

    >>> def claim(cid, doc, value):
    ...     return Claim(cid, doc, 7, 22, "8.1 billion yen", value, None, None, "JPY", Kind.MONEY, None,
    ...         Qualifier.EXACT, 2024, 2024, True, "OSA budget", ("Japan",), "", "It was 8.1 billion yen.",
    ...         "", 0.9)
    >>> claims = [claim("c1", "a.txt", 5e6), claim("c2", "b.txt", 12.0)]
    >>> records = ClaimRecords()
    >>> records(claims_frame(claims)) == claims, records.converted
    (True, 2)
    >>> changed = claims_frame([claims[0], dataclasses.replace(claims[1], value=13.0)])
    >>> [c.value for c in records(changed)], records.converted  # b.txt's row changed: it alone converted
    ([5000000.0, 13.0], 1)
    """

    __slots__ = ("converted", "_kept", "_shape")

    def __init__(self) -> None:
        self._kept: dict[tuple[str, bytes], list[Claim]] = {}
        self._shape: tuple[tuple[str, str], ...] = ()
        self.converted = 0  # rows converted by the latest call (the others' records were kept)

    def __call__(self, df: pd.DataFrame) -> list[Claim]:
        shape = tuple((str(c), str(t)) for c, t in df.dtypes.items())
        if shape != self._shape:
            self._kept, self._shape = {}, shape
        try:
            hashes = pd.util.hash_pandas_object(df, index=False).to_numpy()
        except (TypeError, ValueError):  # a cell pandas cannot hash: convert everything
            self._kept, self.converted = {}, len(df)
            return claims_from_frame(df)
        docs = df["doc"].astype(str).tolist() if len(df) else []
        kept: dict[tuple[str, bytes], list[Claim]] = {}
        out: list[Claim] = []
        converted = start = 0
        for end in range(1, len(docs) + 1):  # each run of rows of one document
            if end < len(docs) and docs[end] == docs[start]:
                continue
            key = (docs[start], hashes[start:end].tobytes())
            records = self._kept.get(key) or kept.get(key)
            if records is None:
                records = claims_from_frame(df.iloc[start:end])
                converted += end - start
            kept[key] = records
            out.extend(records)
            start = end
        self._kept, self.converted = kept, converted
        return out


def claims_frame(claims: Iterable[Claim]) -> pd.DataFrame:
    """A claims table with the contract's columns and dtypes (nullable ints for offsets and years)."""
    df = pd.DataFrame([claim_row(c) for c in claims], columns=CLAIM_COLUMNS)
    return normalise_claims_frame(df)


def normalise_claims_frame(df: pd.DataFrame) -> pd.DataFrame:
    df = CLAIMS.normalise(df)
    return df.sort_values(["doc", "char_start", "char_end"], kind="stable").reset_index(drop=True)


_CONFLICT_FIELDS = frozenset(f.name for f in dataclasses.fields(Conflict))
_DOCUMENT_FIELDS = frozenset(f.name for f in dataclasses.fields(Document))


def conflict_row(conflict: Conflict, claims_by_id: Mapping[str, Mapping[str, object]]) -> dict[str, object]:
    """One conflicts.csv row: the finding plus the evidence of both sides, joined from the claims."""
    a = claims_by_id.get(conflict.claim_a, {})
    b = claims_by_id.get(conflict.claim_b, {}) if conflict.claim_b else {}
    joined = {
        **{f"{k}_a": v for k, v in _side(a).items()},
        **{f"{k}_b": v for k, v in _side(b).items()},
        "evidence": evidence_fingerprint(a, b),
    }
    return {
        c.name: c.to_cell(getattr(conflict, c.name)) if c.name in _CONFLICT_FIELDS else joined.get(c.name)
        for c in CONFLICTS.columns
    }


def _side(claim: Mapping[str, object]) -> dict[str, object]:
    value = claim.get("value")
    if value is None or value != value:  # a range: show its low bound as the comparable value
        value = claim.get("value_low")
    return {
        "doc": claim.get("doc"),
        "start": claim.get("char_start"),
        "end": claim.get("char_end"),
        "surface": claim.get("surface"),
        "value": value,
        "unit": claim.get("unit"),
        "section": claim.get("section"),
        "chapter": claim.get("chapter"),
        "sentence": claim.get("sentence"),
        "sentence_start": claim.get("sentence_start"),
        "citation": claim.get("citation"),
    }


def evidence_fingerprint(a: Mapping[str, object], b: Mapping[str, object]) -> str:
    """What a reviewer saw: surfaces, values and sentences of both sides. A change re-opens the finding."""
    parts: list[object] = []
    for side in (a, b):
        parts += [
            side.get("doc"),
            side.get("surface"),
            side.get("value"),
            side.get("value_low"),
            side.get("value_high"),
            " ".join(str(side.get("sentence") or "").split()),
        ]
    return stable_id(*parts)


def conflicts_frame(conflicts: Sequence[Conflict], claims: pd.DataFrame) -> pd.DataFrame:
    # the rows of the two sides only: a store's claims are many more than its findings' sides
    sides = {c.claim_a for c in conflicts} | {c.claim_b for c in conflicts if c.claim_b}
    wanted = claims[claims["claim_id"].isin(sides)] if len(claims) else claims
    by_id = {row["claim_id"]: row for row in wanted.to_dict("records")}
    df = pd.DataFrame([conflict_row(c, by_id) for c in conflicts], columns=CONFLICT_COLUMNS)
    return normalise_conflicts_frame(df)


def normalise_conflicts_frame(df: pd.DataFrame) -> pd.DataFrame:
    return rank_conflicts(CONFLICTS.normalise(df))


def rank_conflicts(df: pd.DataFrame) -> pd.DataFrame:
    rank = df["severity"].map(Severity.rank_of)
    return (
        df.assign(_rank=rank)
        .sort_values(["_rank", "score", "conflict_id"], ascending=[True, False, True], kind="stable")
        .drop(columns="_rank")
        .reset_index(drop=True)
    )


def document_row(document: Document, n_claims: int) -> dict[str, object]:
    """One row of the documents table; `n_chars` and `n_claims` are counted, the rest are the record's."""
    counted = {"n_chars": len(document.text), "n_claims": n_claims}
    return {
        c.name: c.to_cell(getattr(document, c.name)) if c.name in _DOCUMENT_FIELDS else counted[c.name]
        for c in DOCUMENTS.columns
    }


def documents_frame(rows: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    df = pd.DataFrame(list(rows), columns=DOCUMENT_COLUMNS)
    return DOCUMENTS.normalise(df).sort_values("doc").reset_index(drop=True)
