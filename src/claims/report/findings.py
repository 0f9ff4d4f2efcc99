"""Findings as the reports show them: each conflict row joined with the evidence of its claims.

The conflicts frame carries both sides' evidence; the claims frame, when it has the claim, is preferred
for the sentence, offsets, chapter and citation (it is the source the conflict columns were copied from).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import pandas as pd
from markupsafe import Markup

from claims.report.common import (
    STATUS_ORDER,
    anchor,
    as_bool,
    as_float,
    as_int,
    as_text,
    clean,
    format_period,
    format_quantity,
    highlight,
    page_name,
    records,
    years_of,
)
from claims.types import Severity


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a finding: a claim with its evidence, ready to render."""

    claim_id: str
    doc: str
    chapter: str
    section: str
    sentence: str
    marked: Markup  # the sentence, escaped, with the surface in <mark>
    surface: str
    start: int | None
    end: int | None
    value: float | None
    value_low: float | None
    value_high: float | None
    unit: str
    period: str
    citation: str
    page: str  # audit page (file name inside audit/) holding this claim
    anchor: str  # id of the claim's row on that page
    period_start: int | None = None
    period_end: int | None = None
    fiscal: bool = False

    @property
    def value_text(self) -> str:
        return format_quantity(self.value, self.unit or None, self.value_low, self.value_high)

    @property
    def citations(self) -> tuple[str, ...]:
        """Each footnote's resolved reference on its own (the column joins several with ' | ')."""
        return tuple(part.strip() for part in self.citation.split(" | ") if part.strip())

    @property
    def place(self) -> str:
        """Where in the document: the section path, or the chapter when no section is known."""
        return self.section or self.chapter

    @property
    def source_label(self) -> str:
        return f"{self.doc} · {self.chapter}" if self.chapter else self.doc


@dataclass(frozen=True, slots=True)
class Finding:
    conflict_id: str
    anchor: str
    kind: str
    severity: str
    scope: str
    status: str
    topic: str
    period: str
    relative_difference: float | None
    explanation: str
    score: float
    consensus_value: float | None
    support: str
    expected_value: float | None
    review_note: str
    reviewed_at: str
    a: Side
    b: Side | None

    @property
    def docs(self) -> tuple[str, ...]:
        return (self.a.doc,) if self.b is None or self.b.doc == self.a.doc else (self.a.doc, self.b.doc)

    @property
    def same_document(self) -> bool:
        return self.b is None or self.b.doc == self.a.doc

    @property
    def sides(self) -> tuple[Side, ...]:
        return (self.a,) if self.b is None else (self.a, self.b)

    @property
    def expected_text(self) -> str:
        if self.expected_value is None:
            return ""
        return format_quantity(self.expected_value, self.a.unit or None)

    @property
    def consensus_text(self) -> str:
        if self.consensus_value is None:
            return ""
        return format_quantity(self.consensus_value, self.a.unit or None)


def claims_by_id(claims: pd.DataFrame | None) -> dict[str, dict[str, object]]:
    return {as_text(row.get("claim_id")): row for row in records(claims) if as_text(row.get("claim_id"))}


def claim_side(claim: Mapping[str, object]) -> Side:
    """A Side from a claims row (used by audits, and by findings when the claim is known)."""
    doc = as_text(claim.get("doc"))
    chapter = as_text(claim.get("chapter"))
    claim_id = as_text(claim.get("claim_id"))
    surface = _raw_text(claim.get("surface"))
    start = as_int(claim.get("char_start"))
    sentence = _raw_text(claim.get("sentence"))
    return Side(
        claim_id=claim_id,
        doc=doc,
        chapter=chapter,
        section=as_text(claim.get("section")),
        sentence=sentence,
        marked=highlight(sentence, surface, start, as_int(claim.get("sentence_start"))),
        surface=surface,
        start=start,
        end=as_int(claim.get("char_end")),
        value=as_float(claim.get("value")),
        value_low=as_float(claim.get("value_low")),
        value_high=as_float(claim.get("value_high")),
        unit=as_text(claim.get("unit")),
        period=format_period(as_int(claim.get("period_start")), as_int(claim.get("period_end")),
                             as_bool(claim.get("fiscal"))),
        citation=as_text(claim.get("citation")),
        page=page_name(doc, chapter),
        anchor=anchor("c", claim_id),
        period_start=as_int(claim.get("period_start")),
        period_end=as_int(claim.get("period_end")),
        fiscal=as_bool(claim.get("fiscal")),
    )


def _raw_text(value: object) -> str:
    """A text cell kept as written (surfaces may carry meaningful spaces); '' when missing."""
    value = clean(value)
    return "" if value is None else str(value)


def _conflict_side(row: Mapping[str, object], suffix: str, claim: Mapping[str, object] | None) -> Side | None:
    claim_id = as_text(row.get(f"claim_{suffix}"))
    doc = as_text(row.get(f"doc_{suffix}"))
    if not claim_id and not doc:
        return None
    if claim is not None:
        side = claim_side(claim)
        # the conflict states the values it compared (normalised); show those
        value = as_float(row.get(f"value_{suffix}"))
        unit = as_text(row.get(f"unit_{suffix}"))
        if value is not None and side.value is not None:
            return replace(side, value=value, unit=unit or side.unit)
        return side
    surface = _raw_text(row.get(f"surface_{suffix}"))
    sentence = _raw_text(row.get(f"sentence_{suffix}"))
    start = as_int(row.get(f"start_{suffix}"))
    chapter = as_text(row.get(f"chapter_{suffix}"))
    period = as_text(row.get("period"))
    period_start, period_end, fiscal = years_of(period)
    return Side(
        claim_id=claim_id,
        doc=doc,
        chapter=chapter,
        section=as_text(row.get(f"section_{suffix}")),
        sentence=sentence,
        marked=highlight(sentence, surface, start, as_int(row.get(f"sentence_start_{suffix}"))),
        surface=surface,
        start=start,
        end=as_int(row.get(f"end_{suffix}")),
        value=as_float(row.get(f"value_{suffix}")),
        value_low=None,
        value_high=None,
        unit=as_text(row.get(f"unit_{suffix}")),
        period=period,
        citation=as_text(row.get(f"citation_{suffix}")),
        page=page_name(doc, chapter),
        anchor=anchor("c", claim_id),
        period_start=period_start,
        period_end=period_end,
        fiscal=fiscal,
    )


def build_findings(conflicts: pd.DataFrame | None, claims: pd.DataFrame | None) -> list[Finding]:
    """Every conflict row as a Finding, ranked: severity, then open before reviewed, then score, then size."""
    known = claims_by_id(claims)
    findings = []
    for row in records(conflicts):
        a = _conflict_side(row, "a", known.get(as_text(row.get("claim_a"))))
        if a is None:
            continue
        b = _conflict_side(row, "b", known.get(as_text(row.get("claim_b"))))
        conflict_id = as_text(row.get("conflict_id"))
        findings.append(Finding(
            conflict_id=conflict_id,
            anchor=anchor("f", conflict_id),
            kind=as_text(row.get("kind")) or "value_mismatch",
            severity=as_text(row.get("severity")).lower() or "low",
            scope=as_text(row.get("scope")) or ("cross_document" if b is not None and b.doc != a.doc
                                                else "within_chapter"),
            status=as_text(row.get("status")).lower() or "open",
            topic=as_text(row.get("topic")),
            period=as_text(row.get("period")),
            relative_difference=as_float(row.get("relative_difference")),
            explanation=as_text(row.get("explanation")),
            score=as_float(row.get("score")) or 0.0,
            consensus_value=as_float(row.get("consensus_value")),
            support=as_text(row.get("support")),
            expected_value=as_float(row.get("expected_value")),
            review_note=as_text(row.get("review_note")),
            reviewed_at=as_text(row.get("reviewed_at")),
            a=a,
            b=b,
        ))
    return rank(findings)


def rank(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (
        Severity.rank_of(f.severity),
        STATUS_ORDER.get(f.status, 3) == 2,  # dismissed findings sink within their severity
        -f.score,
        -(f.relative_difference or 0.0),
        f.conflict_id,
    ))
