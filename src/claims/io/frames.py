"""Records <-> tables: the column order of claims.csv / conflicts.csv / documents and their conversion.

Contract columns come first, in DESIGN.md order; extra columns follow.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from claims.types import Claim, Conflict, Document

CLAIM_CONTRACT = [
    "claim_id",
    "doc",
    "char_start",
    "char_end",
    "surface",
    "value",
    "value_low",
    "value_high",
    "unit",
    "kind",
    "counted",
    "qualifier",
    "period_start",
    "period_end",
    "fiscal",
    "subject",
    "entities",
    "section",
    "sentence",
    "citation",
    "confidence",
]
CLAIM_EXTRA = ["chapter", "sentence_start", "precision", "flags", "doc_sha256"]
CLAIM_COLUMNS = CLAIM_CONTRACT + CLAIM_EXTRA

CONFLICT_CONTRACT = [
    "conflict_id",
    "kind",
    "severity",
    "claim_a",
    "claim_b",
    "doc_a",
    "start_a",
    "end_a",
    "surface_a",
    "value_a",
    "unit_a",
    "doc_b",
    "start_b",
    "end_b",
    "surface_b",
    "value_b",
    "unit_b",
    "topic",
    "period",
    "relative_difference",
    "explanation",
    "status",
]
CONFLICT_EXTRA = [
    "scope",
    "score",
    "consensus_value",
    "support",
    "expected_value",
    "section_a",
    "section_b",
    "chapter_a",
    "chapter_b",
    "sentence_a",
    "sentence_b",
    "sentence_start_a",
    "sentence_start_b",
    "citation_a",
    "citation_b",
    "evidence",
    "review_note",
    "reviewed_at",
]
CONFLICT_COLUMNS = CONFLICT_CONTRACT + CONFLICT_EXTRA

CLAIM_TEXT_COLUMNS = (
    "claim_id",
    "doc",
    "surface",
    "unit",
    "kind",
    "counted",
    "qualifier",
    "subject",
    "entities",
    "section",
    "sentence",
    "citation",
    "chapter",
    "flags",
    "doc_sha256",
)
CONFLICT_TEXT_COLUMNS = (
    "conflict_id",
    "kind",
    "severity",
    "claim_a",
    "claim_b",
    "doc_a",
    "doc_b",
    "surface_a",
    "surface_b",
    "unit_a",
    "unit_b",
    "topic",
    "period",
    "explanation",
    "status",
    "scope",
    "support",
)
DOCUMENT_TEXT_COLUMNS = (
    "doc",
    "sha256",
    "format",
    "title",
    "author",
    "published",
    "encoding",
    "text_path",
    "aliases",
)
TEXT_COLUMNS = tuple(dict.fromkeys(CLAIM_TEXT_COLUMNS + CONFLICT_TEXT_COLUMNS + DOCUMENT_TEXT_COLUMNS))
"""Columns read as text from CSV (hex ids like "1e5..." would otherwise parse as numbers)."""

DOCUMENT_COLUMNS = [
    "doc",
    "sha256",
    "format",
    "n_chars",
    "title",
    "author",
    "published",
    "encoding",
    "text_path",
    "aliases",
    "n_claims",
]

_SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}


def claim_row(claim: Claim) -> dict[str, object]:
    return {
        "claim_id": claim.claim_id,
        "doc": claim.doc,
        "char_start": claim.char_start,
        "char_end": claim.char_end,
        "surface": claim.surface,
        "value": claim.value,
        "value_low": claim.value_low,
        "value_high": claim.value_high,
        "unit": claim.unit,
        "kind": str(claim.kind),
        "counted": claim.counted,
        "qualifier": str(claim.qualifier),
        "period_start": claim.period_start,
        "period_end": claim.period_end,
        "fiscal": bool(claim.fiscal),
        "subject": claim.subject,
        "entities": ";".join(claim.entities),
        "section": claim.section,
        "sentence": claim.sentence,
        "citation": claim.citation,
        "confidence": float(claim.confidence),
        "chapter": claim.chapter,
        "sentence_start": claim.sentence_start,
        "precision": claim.precision,
        "flags": ";".join(claim.flags),
        "doc_sha256": claim.doc_sha256,
    }


def claims_frame(claims: Iterable[Claim]) -> pd.DataFrame:
    """A claims table with the contract's columns and dtypes (nullable ints for offsets and years)."""
    df = pd.DataFrame([claim_row(c) for c in claims], columns=CLAIM_COLUMNS)
    return normalise_claims_frame(df)


def normalise_claims_frame(df: pd.DataFrame) -> pd.DataFrame:
    for col in CLAIM_COLUMNS:
        if col not in df.columns:
            df[col] = None
    df = df[CLAIM_COLUMNS].copy()
    for col in ("char_start", "char_end", "period_start", "period_end", "sentence_start"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
    for col in ("value", "value_low", "value_high", "confidence", "precision"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
    df["fiscal"] = df["fiscal"].map(_as_bool).astype("boolean")
    for col in CLAIM_TEXT_COLUMNS:
        df[col] = df[col].astype("string")
    return df.sort_values(["doc", "char_start", "char_end"], kind="stable").reset_index(drop=True)


def _as_bool(x: object) -> object:
    if isinstance(x, str):
        return x.strip().lower() in {"true", "1", "yes"}
    if x is None or (isinstance(x, float) and x != x):
        return False
    return bool(x)


def conflict_row(conflict: Conflict, claims_by_id: Mapping[str, Mapping[str, object]]) -> dict[str, object]:
    """One conflicts.csv row: the finding plus the evidence of both sides, joined from the claims."""
    a = claims_by_id.get(conflict.claim_a, {})
    b = claims_by_id.get(conflict.claim_b, {}) if conflict.claim_b else {}
    return {
        "conflict_id": conflict.conflict_id,
        "kind": str(conflict.kind),
        "severity": str(conflict.severity),
        "claim_a": conflict.claim_a,
        "claim_b": conflict.claim_b or None,
        **{f"{k}_a": v for k, v in _side(a).items()},
        **{f"{k}_b": v for k, v in _side(b).items()},
        "topic": conflict.topic,
        "period": conflict.period,
        "relative_difference": conflict.relative_difference,
        "explanation": conflict.explanation,
        "status": str(conflict.status),
        "scope": conflict.scope,
        "score": conflict.score,
        "consensus_value": conflict.consensus_value,
        "support": conflict.support,
        "expected_value": conflict.expected_value,
        "evidence": evidence_fingerprint(a, b),
        "review_note": None,
        "reviewed_at": None,
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
    from claims.types import stable_id

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
    by_id = {row["claim_id"]: row for row in claims.to_dict("records")}
    df = pd.DataFrame([conflict_row(c, by_id) for c in conflicts], columns=CONFLICT_COLUMNS)
    return normalise_conflicts_frame(df)


def normalise_conflicts_frame(df: pd.DataFrame) -> pd.DataFrame:
    for col in CONFLICT_COLUMNS:
        if col not in df.columns:
            df[col] = None
    df = df[CONFLICT_COLUMNS].copy()
    for col in ("start_a", "end_a", "start_b", "end_b", "sentence_start_a", "sentence_start_b"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
    for col in ("value_a", "value_b", "relative_difference", "score", "consensus_value", "expected_value"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
    for col in CONFLICT_COLUMNS:
        if str(df[col].dtype) == "object":
            df[col] = df[col].astype("string")
    return rank_conflicts(df)


def rank_conflicts(df: pd.DataFrame) -> pd.DataFrame:
    rank = df["severity"].map(_SEVERITY_RANK).fillna(3)
    return (
        df.assign(_rank=rank)
        .sort_values(["_rank", "score", "conflict_id"], ascending=[True, False, True], kind="stable")
        .drop(columns="_rank")
        .reset_index(drop=True)
    )


def document_row(document: Document, n_claims: int) -> dict[str, object]:
    return {
        "doc": document.doc,
        "sha256": document.sha256,
        "format": document.format,
        "n_chars": len(document.text),
        "title": document.title,
        "author": document.author,
        "published": document.published.isoformat() if document.published else None,
        "encoding": document.encoding,
        "text_path": document.text_path,
        "aliases": ";".join(document.aliases),
        "n_claims": n_claims,
    }


def documents_frame(rows: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    df = pd.DataFrame(list(rows), columns=DOCUMENT_COLUMNS)
    df["n_chars"] = pd.to_numeric(df["n_chars"], errors="coerce").astype("Int64")
    df["n_claims"] = pd.to_numeric(df["n_claims"], errors="coerce").astype("Int64")
    for col in DOCUMENT_COLUMNS:
        if str(df[col].dtype) == "object":
            df[col] = df[col].astype("string")
    return df.sort_values("doc").reset_index(drop=True)
