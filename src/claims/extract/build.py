"""The per-document extraction state, one `Claim` built from a quantity and its context, and the final
pass (one claim per span, offsets checked, stable claim ids)."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from claims import context
from claims.errors import OffsetMismatchError
from claims.parse.periods import Period
from claims.segment import Layout
from claims.types import UNKNOWN_CURRENCY, Claim, Document, Kind, Quantity, make_claim_id


@dataclass
class _DocState:
    document: Document
    layout: Layout
    reference: dt.date | None
    chunks: list[tuple[int, int]]
    done: int = 0
    drafts: list[Claim] = field(default_factory=list)


def section_label(document: Document, label: str, offset: int) -> str:
    """The section path, led by the page number for paginated sources (PDF): `p. 3 > Findings`.

    >>> section_label(Document(doc="r.pdf", text="ab", sha256="", page_starts=(0, 1)), "Findings", 1)
    'p. 2 > Findings'
    >>> section_label(Document(doc="r.txt", text="ab", sha256=""), "Chapter 4", 1)
    'Chapter 4'
    """
    if not document.page_starts:
        return label
    page = f"p. {bisect.bisect_right(document.page_starts, offset)}"
    return f"{page} > {label}" if label else page


def _build(
    state: _DocState,
    q: Quantity,
    *,
    sentence: str,
    sentence_start: int,
    sentence_end: int,
    period: Period | None,
    period_source: str,
    subject: str,
    entities: tuple[str, ...],
    table_cell: bool,
) -> Claim:
    document, layout = state.document, state.layout
    section = layout.section_at(q.start)
    chapter = layout.chapter_at(q.start)
    markers = context.citation_markers(layout, document.text, sentence_start, sentence_end)
    citation = context.format_citation(layout, chapter, markers)
    flags = []
    confidence = 0.9
    currency_missing = q.currency_missing or (q.kind == Kind.MONEY and q.unit in {None, UNKNOWN_CURRENCY})
    if currency_missing:
        flags.append("currency_missing")
        confidence -= 0.25
    if period is None:
        flags.append("no_period")
        confidence -= 0.1
    elif period_source in {"heading", "title", "context"}:
        confidence -= 0.1
    if not citation:
        flags.append("no_citation")
    if table_cell:
        flags.append("table_cell")
        confidence -= 0.05
    if q.kind == Kind.OTHER:
        confidence -= 0.3
    if not subject:
        confidence -= 0.05
    return Claim(
        claim_id="",
        doc=document.doc,
        char_start=q.start,
        char_end=q.end,
        surface=q.surface,
        value=q.value,
        value_low=q.value_low,
        value_high=q.value_high,
        unit=q.unit,
        kind=q.kind,
        counted=q.counted,
        qualifier=q.qualifier,
        period_start=period.start if period else None,
        period_end=period.end if period else None,
        fiscal=bool(period and period.fiscal),
        subject=" ".join(subject.split()),
        entities=entities,
        section=section_label(document, section.label if section is not None else "", q.start),
        sentence=" ".join(sentence.split()),
        citation=citation,
        confidence=round(max(0.05, min(1.0, confidence)), 3),
        sentence_start=sentence_start,
        chapter=chapter,
        precision=q.precision,
        flags=tuple(flags),
        doc_sha256=document.sha256,
    )


def _finish(state: _DocState) -> list[Claim]:
    text = state.document.text
    drafts = sorted(state.drafts, key=lambda c: (c.char_start, c.char_end))
    # one claim per span (chunk overlaps or two detectors cannot duplicate a mention)
    unique: list[Claim] = []
    seen: set[tuple[int, int]] = set()
    for c in drafts:
        if (c.char_start, c.char_end) in seen:
            continue
        seen.add((c.char_start, c.char_end))
        unique.append(c)
    occurrences: Counter[tuple[str, str]] = Counter()
    out = []
    for c in unique:
        if text[c.char_start:c.char_end] != c.surface:
            raise OffsetMismatchError("claim offsets do not give back its surface", doc=c.doc,
                                      start=c.char_start, end=c.char_end, surface=c.surface)
        key = (c.sentence, c.surface)
        claim_id = make_claim_id(c.doc, c.sentence, c.surface, occurrences[key])
        occurrences[key] += 1
        out.append(dataclasses.replace(c, claim_id=claim_id))
    return out
