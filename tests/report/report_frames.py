"""Frames for the report tests (the fixtures are in conftest.py): real sentences from the seed corpus
(offsets measured on raw/), plus two small documents written here: a brief that disagrees with the book, and
one full of hostile markup. The conflicts carry the review columns the decisions store sets (one finding
confirmed by a reviewer, one dismissed, one possible, two new since the last run), with the decisions and
editors' marks tables beside them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from claims.types import make_claim_id, make_conflict_id

ROOT = Path(__file__).resolve().parents[2]
BOOK = "001_72274b1e3263120b.txt"
DECK = "000_e7bbe042183215ae.txt"
BRIEF = "osa_brief.md"
HOSTILE = "<img src=x onerror=\"document.title='pwned'\">.txt"

HOSTILE_TEXT = (
    "Budget note <script>document.title='pwned'</script>\n"
    "The OSA budget was 9 billion yen in FY2025 <img src=x onerror=\"document.title='pwned'\"> "
    "according to <b>insiders</b>.\n"
)
BRIEF_TEXT = (
    "# OSA brief\n\nJapan's OSA budget rose to 15 billion yen in FY2026.[3]\n"
    "Officials expect the OSA budget to reach 20 billion yen in FY2027 (MOFA, 2025).\n"
)
REVIEWER = "Ana Lima <b>"
"""The reviewer who confirmed the top finding (markup in a name is text too)."""


def texts() -> dict[str, str]:
    """Every document's text, by document name."""
    return {
        BOOK: (ROOT / "raw" / BOOK).read_text(encoding="utf-8"),
        DECK: (ROOT / "raw" / DECK).read_text(encoding="utf-8"),
        BRIEF: BRIEF_TEXT,
        HOSTILE: HOSTILE_TEXT,
    }


def _sentence(text: str, anchor: str) -> tuple[str, int]:
    """The sentence (or line) of `text` that contains `anchor`, and where it starts."""
    at = text.index(anchor)
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    line_end = len(text) if line_end < 0 else line_end
    start = max(text.rfind(". ", line_start, at) + 2, line_start)
    end = text.find(". ", at, line_end)
    end = line_end if end < 0 else end + 1
    return text[start:end], start


def _claim(texts: dict[str, str], doc: str, anchor: str, surface: str, **fields: object) -> dict[str, object]:
    text = texts[doc]
    sentence, sentence_start = _sentence(text, anchor)
    start = sentence_start + sentence.index(surface)
    assert text[start : start + len(surface)] == surface
    row: dict[str, object] = {
        "claim_id": make_claim_id(doc, sentence, surface, 0),
        "doc": doc,
        "char_start": start,
        "char_end": start + len(surface),
        "surface": surface,
        "value": None,
        "value_low": None,
        "value_high": None,
        "unit": "JPY",
        "kind": "money",
        "counted": None,
        "qualifier": "exact",
        "period_start": None,
        "period_end": None,
        "fiscal": False,
        "subject": "OSA budget",
        "entities": "Japan;OSA",
        "section": "",
        "sentence": sentence,
        "citation": None,
        "confidence": 0.9,
        "chapter": "",
        "sentence_start": sentence_start,
        "flags": "",
        "doc_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
    }
    row.update(fields)
    return row


def _year(year: int, fiscal: bool = True) -> dict[str, object]:
    return {"period_start": year, "period_end": year, "fiscal": fiscal}


CH4 = {
    "chapter": "Chapter 4",
    "section": "Chapter 4 > Anchoring Peace and Security: Japan as a Regional Stabilizer",
}
CH1 = {"chapter": "Chapter 1", "section": "Chapter 1 > Introduction"}
OSA_SENTENCE = "The programme has expanded rapidly"


def build_claims() -> pd.DataFrame:
    t = texts()
    rows = [
        _claim(
            t,
            BOOK,
            "trade flows of more than",
            "$280 million",
            value=280e6,
            unit="USD",
            qualifier="over",
            subject="Japan-ASEAN trade flows",
            citation='⁵ Nor, Syakirah. "Japan deepens Asean ties beyond factories and infrastructure". '
            "NST Online. 24 September 2025.",
            period_start=2024,
            period_end=2024,
            **CH1,
        ),
        _claim(
            t,
            BOOK,
            "Silicon Valley of the East",
            "$12.8 billion",
            value=12.8e9,
            unit="USD",
            subject="FDI in Penang",
            flags="no_citation",
            **_year(2023, fiscal=False),
            **CH1,
        ),
        _claim(
            t,
            BOOK,
            OSA_SENTENCE,
            "2 billion yen",
            value=2e9,
            qualifier="approx",
            flags="no_citation",
            **_year(2023),
            **CH4,
        ),
        _claim(
            t,
            BOOK,
            OSA_SENTENCE,
            "four",
            value=4.0,
            unit="count",
            kind="count",
            counted="recipients",
            subject="OSA recipients",
            flags="no_citation",
            **_year(2023),
            **CH4,
        ),
        _claim(
            t, BOOK, OSA_SENTENCE, "8.1 billion yen", value=8.1e9, flags="no_citation", **_year(2025), **CH4
        ),
        _claim(
            t, BOOK, OSA_SENTENCE, "18.1 billion yen", value=18.1e9, flags="no_citation", **_year(2026), **CH4
        ),
        _claim(
            t,
            BOOK,
            OSA_SENTENCE,
            "125 per cent",
            value=125.0,
            unit="percent",
            kind="percent",
            qualifier="over",
            subject="OSA budget increase",
            flags="no_citation;no_period",
            **CH4,
        ),
        _claim(
            t,
            BOOK,
            "OSA funding reached a record",
            "18.1 billion yen",
            value=18.1e9,
            flags="no_citation",
            **_year(2026),
            **CH4,
        ),
        _claim(
            t,
            DECK,
            "2024\t5 billion Yen",
            "5 billion Yen",
            value=5e9,
            flags="no_citation;table_cell",
            **_year(2024),
        ),
        _claim(
            t,
            DECK,
            "2024\t5 billion Yen",
            "$30-34.6 million",
            value_low=30e6,
            value_high=34.6e6,
            unit="USD",
            flags="no_citation;table_cell",
            **_year(2024),
        ),
        _claim(
            t,
            DECK,
            "2025\t- 8 billion Yen",
            "8 billion Yen",
            value=8e9,
            flags="no_citation;table_cell",
            **_year(2025),
        ),
        _claim(
            t,
            BRIEF,
            "rose to 15 billion",
            "15 billion yen",
            value=15e9,
            citation="[3] MOFA budget request",
            **_year(2026),
        ),
        _claim(
            t,
            BRIEF,
            "expect the OSA budget",
            "20 billion yen",
            value=20e9,
            citation="[MOFA, 2025] Ministry of Foreign Affairs of Japan. 2025. OSA budget request.",
            **_year(2027),
        ),
        _claim(
            t,
            HOSTILE,
            "The OSA budget was",
            "9 billion yen",
            value=9e9,
            section="<b>Budget</b> <script>alert(1)</script>",
            flags="",
            citation='<a href="javascript:alert(1)">1</a>',
            **_year(2025),
        ),
    ]
    return pd.DataFrame(rows)


def _conflict(a: dict[str, object], b: dict[str, object] | None, **fields: object) -> dict[str, object]:
    row: dict[str, object] = {
        "conflict_id": make_conflict_id(
            str(a["claim_id"]), None if b is None else str(b["claim_id"]), str(fields.get("kind"))
        ),
        "claim_a": a["claim_id"],
        "claim_b": None if b is None else b["claim_id"],
        "topic": "OSA budget",
        "status": "open",
        "review_note": None,
        "reviewed_at": None,
        "reviewer": None,
        "assigned_to": None,
        "new": False,
        "carried_from": None,
        "tier": "finding",
        "match_probability": 0.8,
        "sources_a": 1,
        "sources_b": 1,
        "score": 0.5,
        "consensus_value": None,
        "support": None,
        "expected_value": None,
    }
    for suffix, side in (("a", a), ("b", b)):
        for key, column in (
            ("doc", "doc"),
            ("start", "char_start"),
            ("end", "char_end"),
            ("surface", "surface"),
            ("value", "value"),
            ("unit", "unit"),
            ("section", "section"),
            ("sentence", "sentence"),
            ("sentence_start", "sentence_start"),
            ("citation", "citation"),
            ("chapter", "chapter"),
        ):
            row[f"{key}_{suffix}"] = None if side is None else side[column]
    row.update(fields)
    return row


def build_conflicts(claims: pd.DataFrame) -> pd.DataFrame:
    by = {(r["doc"], r["surface"], r["char_start"]): r for r in claims.to_dict(orient="records")}

    def pick(doc: str, surface: str, nth: int = 0) -> dict[str, object]:
        return sorted(
            (r for (d, s, _), r in by.items() if d == doc and s == surface), key=lambda r: r["char_start"]
        )[nth]

    book_8_1, book_18_1 = pick(BOOK, "8.1 billion yen"), pick(BOOK, "18.1 billion yen")
    rows = [
        _conflict(
            pick(BRIEF, "15 billion yen"),
            book_18_1,
            kind="value_mismatch",
            severity="high",
            scope="cross_document",
            period="FY2026",
            relative_difference=(18.1 - 15) / 18.1,
            score=0.9,
            explanation="The brief puts the FY2026 OSA budget at 15 billion yen; the book's Chapter 4 "
            "says 18.1 billion yen.",
            status="confirmed",
            reviewer=REVIEWER,
            reviewed_at="2026-03-04T08:30:00.000000+00:00",
            review_note="Checked against the MOFA budget page.",
            new=True,
            sources_b=2,
        ),
        _conflict(
            pick(BOOK, "125 per cent"),
            None,
            kind="arithmetic",
            severity="medium",
            scope="within_sentence",
            period="FY2025–FY2026",
            relative_difference=0.0123,
            expected_value=(18.1 / 8.1 - 1) * 100,
            explanation="8.1 to 18.1 billion yen is an increase of 123.5 per cent, not over 125 per cent.",
        ),
        _conflict(
            pick(HOSTILE, "9 billion yen"),
            book_8_1,
            kind="value_mismatch",
            severity="medium",
            scope="cross_document",
            period="FY2025",
            relative_difference=0.1,
            explanation="<script>document.title='pwned'</script> 9 vs 8.1 billion yen.",
            new=True,
            assigned_to="Bo Chen",
        ),
        _conflict(
            pick(DECK, "8 billion Yen"),
            book_8_1,
            kind="rounding",
            severity="low",
            scope="cross_document",
            period="FY2025",
            relative_difference=0.1 / 8.1,
            explanation="The deck's 8 billion yen is the book's 8.1 billion yen rounded.",
            tier="possible",
            match_probability=0.2,
        ),
        _conflict(
            book_18_1,
            pick(BOOK, "18.1 billion yen", 1),
            kind="rounding",
            severity="low",
            scope="within_chapter",
            period="FY2026",
            relative_difference=0.0,
            status="dismissed",
            review_note="Same figure stated twice <i>(proposed vs reached)</i>.",
            reviewed_at="2026-03-02T10:00:00",
            reviewer="Chen Wei",
            explanation="Chapter 4 states 18.1 billion yen twice.",
        ),
    ]
    return pd.DataFrame(rows)


def build_documents(claims: pd.DataFrame) -> pd.DataFrame:
    t = texts()
    counts = claims["doc"].value_counts()
    rows = [
        {
            "doc": doc,
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "format": doc.rsplit(".", 1)[-1].strip(">\"'"),
            "n_chars": len(text),
            "title": "<script>alert('title')</script>" if doc == HOSTILE else None,
            "author": None,
            "published": None,
            "encoding": "utf-8",
            "text_path": None,
            "aliases": None,
            "n_claims": int(counts.get(doc, 0)),
        }
        for doc, text in t.items()
    ]
    return pd.DataFrame(rows)


def build_decisions(conflicts: pd.DataFrame) -> pd.DataFrame:
    """Every decision made on the findings, as the decisions store exports them (oldest first)."""
    confirmed = conflicts[conflicts["status"] == "confirmed"].iloc[0]
    dismissed = conflicts[conflicts["status"] == "dismissed"].iloc[0]
    rows = [
        (confirmed, "dismissed", "Bo Chen", "2026-03-03T09:00:00.000000+00:00", "looked like rounding"),
        (
            dismissed,
            "dismissed",
            "Chen Wei",
            "2026-03-02T10:00:00.000000+00:00",
            str(dismissed["review_note"]),
        ),
        (
            confirmed,
            "confirmed",
            REVIEWER,
            "2026-03-04T08:30:00.000000+00:00",
            "Checked against the MOFA budget page.",
        ),
    ]
    return pd.DataFrame(
        [
            {
                "conflict_id": c["conflict_id"],
                "status": status,
                "note": note,
                "reviewer": who,
                "decided_at": at,
                "origin": "ui",
                "carried_from": "",
            }
            for c, status, who, at, note in rows
        ]
    )


def build_marks(claims: pd.DataFrame) -> pd.DataFrame:
    """One editor's mark: the book's 8.1 billion yen checked."""
    claim = claims[(claims["doc"] == BOOK) & (claims["surface"] == "8.1 billion yen")].iloc[0]
    return pd.DataFrame(
        [
            {
                "claim_id": claim["claim_id"],
                "doc": BOOK,
                "mark": "checked",
                "note": "matches the MOFA table",
                "reviewer": "Editor Eve",
                "marked_at": "2026-03-04T12:00:00.000000+00:00",
                "surface": "8.1 billion yen",
            }
        ]
    )


SUMMARY = {
    "documents": 4,
    "claims": 13,
    "conflicts": 5,
    "conflicts_by_severity": {"high": 1, "medium": 2, "low": 2},
    "conflicts_by_kind": {"value_mismatch": 2, "arithmetic": 1, "rounding": 2},
    "new_documents": 2,
    "rejected": [{"doc": "scan<script>.pdf", "reason": "no_text", "detail": "image-only PDF <b>"}],
    "started_at": "2026-03-05T09:00:00",
    "finished_at": "2026-03-05T09:01:30",
    "run_id": "run-test-1",
    "status": "ok",
}
VALIDATION = {
    "success": False,
    "failures": [
        {
            "suite": "claims",
            "expectation": "expect_column_values_to_not_be_null",
            "column": "unit",
            "severity": "warning",
            "message": "2% of claims have no unit <img src=x>",
        }
    ],
    "docs_index": "validation/index.html",
}
