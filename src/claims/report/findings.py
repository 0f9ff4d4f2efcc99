"""Findings as the reports show them: each conflict row joined with the evidence of its claims, its review
state and its history of decisions.

The conflicts frame carries both sides' evidence; the claims frame, when it has the claim, is preferred
for the sentence, offsets, chapter and citation (it is the source the conflict columns were copied from).
The review columns (`status`, `reviewer`, `reviewed_at`, `review_note`, `assigned_to`, `new`,
`carried_from`) are the ones the decisions store puts on the frame when a run or the workspace publishes;
a frame without them reads as unreviewed, with "new" unknown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import pandas as pd
from markupsafe import Markup

from claims.report.common import (
    STATUS_ORDER,
    TIERS,
    Citation,
    anchor,
    as_bool,
    as_float,
    as_int,
    as_text,
    citations_of,
    clean,
    format_period,
    format_quantity,
    highlight,
    page_name,
    records,
    split_list,
    years_of,
)
from claims.types import Severity


@dataclass(frozen=True, slots=True)
class TableContext:
    """A quoted table cell with its table: the column headers and the cells of its row."""

    title: str
    headers: tuple[str, ...]
    cells: tuple[str, ...]
    column: int  # the quoted cell's column
    row_label: str

    @property
    def column_header(self) -> str:
        return self.headers[self.column] if 0 <= self.column < len(self.headers) else ""


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
    title: str = ""  # the document's title ('' when it has none)
    flags: tuple[str, ...] = ()
    table: TableContext | None = None  # set when the quote is a table cell and the text was given

    @property
    def value_text(self) -> str:
        return format_quantity(self.value, self.unit or None, self.value_low, self.value_high)

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Each citation of the sentence on its own: its marker and the reference entry it resolves to."""
        return citations_of(self.citation)

    @property
    def name(self) -> str:
        """The document as people know it: its title, else its file name."""
        return self.title or self.doc

    @property
    def place(self) -> str:
        """Where in the document: the section path, or the chapter when no section is known."""
        return self.section or self.chapter

    @property
    def source_label(self) -> str:
        return f"{self.name} · {self.chapter}" if self.chapter else self.name


@dataclass(frozen=True, slots=True)
class Decision:
    """One entry of a finding's history: a decision as the decisions store keeps it."""

    status: str
    reviewer: str
    at: str  # ISO timestamp (UTC)
    note: str = ""
    origin: str = ""  # ui, cli, import, carried
    conflict_id: str = ""  # the finding it was made on (an earlier finding when carried over)


def histories(decisions: object) -> dict[str, list[Decision]]:
    """The decisions frame (every decision, as the decisions store exports it) grouped by finding, oldest
    first; decisions copied to a successor finding are kept once, under the finding they were made on."""
    out: dict[str, list[Decision]] = defaultdict(list)
    if not isinstance(decisions, pd.DataFrame):
        return {}
    for row in sorted(records(decisions), key=lambda r: as_text(r.get("decided_at"))):
        cid = as_text(row.get("conflict_id"))
        if not cid:
            continue
        origin = as_text(row.get("origin"))
        made_on = as_text(row.get("carried_from")) if origin == "carried" else ""
        out[cid].append(
            Decision(
                status=as_text(row.get("status")),
                reviewer=as_text(row.get("reviewer")),
                at=as_text(row.get("decided_at")),
                note=as_text(row.get("note")),
                origin=origin,
                conflict_id=made_on or cid,
            )
        )
    return dict(out)


def history_of(
    conflict_id: str, carried_from: str, by_id: Mapping[str, Sequence[Decision]]
) -> tuple[Decision, ...]:
    """A finding's decisions with those of the finding it was carried from, each decision once."""
    seen: set[tuple[str, str, str, str]] = set()
    out = []
    for cid in (carried_from, conflict_id):
        for d in by_id.get(cid, ()) if cid else ():
            key = (d.status, d.reviewer, d.at, d.note)
            if key not in seen:
                seen.add(key)
                out.append(d)
    return tuple(sorted(out, key=lambda d: d.at))


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
    tier: str = "finding"
    match_probability: float | None = None
    reviewer: str = ""
    assigned_to: str = ""
    new: bool | None = None  # None: the published set does not say
    carried_from: str = ""
    sources_a: int | None = None  # independent sources behind each side
    sources_b: int | None = None
    members_a: tuple[str, ...] = ()  # claim ids of every statement on each side
    members_b: tuple[str, ...] = ()
    history: tuple[Decision, ...] = field(default=())

    @property
    def possible(self) -> bool:
        return self.tier == "possible"

    @property
    def decided(self) -> bool:
        return bool(self.reviewed_at)

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


def claim_side(claim: Mapping[str, object], titles: Mapping[str, str] | None = None) -> Side:
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
        period=format_period(
            as_int(claim.get("period_start")), as_int(claim.get("period_end")), as_bool(claim.get("fiscal"))
        ),
        citation=as_text(claim.get("citation")),
        page=page_name(doc, chapter),
        anchor=anchor("c", claim_id),
        period_start=as_int(claim.get("period_start")),
        period_end=as_int(claim.get("period_end")),
        fiscal=as_bool(claim.get("fiscal")),
        title=(titles or {}).get(doc, ""),
        flags=split_list(claim.get("flags")),
    )


def _raw_text(value: object) -> str:
    """A text cell kept as written (surfaces may carry meaningful spaces); '' when missing."""
    value = clean(value)
    return "" if value is None else str(value)


def _conflict_side(
    row: Mapping[str, object], suffix: str, claim: Mapping[str, object] | None, titles: Mapping[str, str]
) -> Side | None:
    claim_id = as_text(row.get(f"claim_{suffix}"))
    doc = as_text(row.get(f"doc_{suffix}"))
    if not claim_id and not doc:
        return None
    if claim is not None:
        side = claim_side(claim, titles)
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
        title=titles.get(doc, ""),
    )


def titles_of(documents: pd.DataFrame | None) -> dict[str, str]:
    """Each document's title (documents without one are left out)."""
    return {
        as_text(d.get("doc")): as_text(d.get("title"))
        for d in records(documents)
        if as_text(d.get("doc")) and as_text(d.get("title"))
    }


def _new(value: object) -> bool | None:
    value = clean(value)
    return None if value is None else as_bool(value)


def _count(value: object) -> int | None:
    number = as_int(value)
    return number if number is not None and number > 0 else None


def build_findings(
    conflicts: pd.DataFrame | None,
    claims: pd.DataFrame | None,
    *,
    titles: Mapping[str, str] | None = None,
    decisions: pd.DataFrame | None = None,
) -> list[Finding]:
    """Every conflict row as a Finding, ranked (see `rank`).

    `titles` names documents (doc -> title); `decisions` is every decision made (the decisions store's
    `decisions` table), giving each finding its history.
    """
    known = claims_by_id(claims)
    names = dict(titles or {})
    by_id = histories(decisions)
    findings = []
    for row in records(conflicts):
        a = _conflict_side(row, "a", known.get(as_text(row.get("claim_a"))), names)
        if a is None:
            continue
        b = _conflict_side(row, "b", known.get(as_text(row.get("claim_b"))), names)
        conflict_id = as_text(row.get("conflict_id"))
        carried_from = as_text(row.get("carried_from"))
        tier = as_text(row.get("tier")).lower()
        findings.append(
            Finding(
                conflict_id=conflict_id,
                anchor=anchor("f", conflict_id),
                kind=as_text(row.get("kind")) or "value_mismatch",
                severity=as_text(row.get("severity")).lower() or "low",
                scope=as_text(row.get("scope"))
                or ("cross_document" if b is not None and b.doc != a.doc else "within_chapter"),
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
                tier=tier if tier in TIERS else "finding",
                match_probability=as_float(row.get("match_probability")),
                reviewer=as_text(row.get("reviewer")),
                assigned_to=as_text(row.get("assigned_to")),
                new=_new(row.get("new")),
                carried_from=carried_from,
                sources_a=_count(row.get("sources_a")),
                sources_b=_count(row.get("sources_b")),
                members_a=split_list(row.get("members_a")),
                members_b=split_list(row.get("members_b")),
                history=history_of(conflict_id, carried_from, by_id),
            )
        )
    return rank(findings)


def rank(findings: Iterable[Finding]) -> list[Finding]:
    """Findings before possible findings. Findings by severity, dismissed last, score, size; possible
    findings the most likely first (their score: the match probability times the lower confidence), then
    the same. Below the threshold the score is what tells a reviewer where to start: on the real-document
    sets 3 in 10 of the first ten possible findings by score are true disagreements, against 1 in 20 of the
    first ten by severity (BENCHMARKS.md, "Findings on real documents")."""
    return sorted(
        findings,
        key=lambda f: (
            f.possible,
            -f.score if f.possible else 0.0,
            Severity.rank_of(f.severity),
            STATUS_ORDER.get(f.status, 3) == 2,  # dismissed findings sink within their severity
            -f.score,
            -(f.relative_difference or 0.0),
            f.conflict_id,
        ),
    )
