"""Hand-made claims for tests (shaped like the extractor's output on the seed corpus)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from claims.types import Claim, Document, Kind, Qualifier, make_claim_id

_UNITS = {"money": "USD", "percent": "percent", "count": "count", "multiplier": "times"}


def claim(
    value: float | None = None,
    *,
    kind: str = "money",
    unit: str | None = None,
    subject: str = "",
    entities: tuple[str, ...] = (),
    period: int | tuple[int, int] | None = None,
    fiscal: bool = False,
    qualifier: str = "exact",
    counted: str | None = None,
    doc: str = "doc_a.txt",
    chapter: str = "",
    section: str = "",
    sentence: str | None = None,
    surface: str | None = None,
    sentence_start: int = 0,
    offset: int | None = None,
    low: float | None = None,
    high: float | None = None,
    precision: float | None = None,
    confidence: float = 0.9,
    citation: str = "",
) -> Claim:
    """A claim; its span is found in `sentence` by `surface` unless `offset` is given."""
    surface = surface if surface is not None else f"{value:g}"
    sentence = sentence if sentence is not None else f"{subject}: {surface}."
    position = sentence.find(surface) if offset is None else offset
    if position < 0:
        raise ValueError(f"{surface!r} not in {sentence!r}")
    if isinstance(period, int):
        period = (period, period)
    start = sentence_start + position
    return Claim(
        claim_id=make_claim_id(doc, sentence, surface, start),
        doc=doc,
        char_start=start,
        char_end=start + len(surface),
        surface=surface,
        value=value,
        value_low=low,
        value_high=high,
        unit=unit if unit is not None else _UNITS.get(kind),
        kind=Kind(kind),
        counted=counted,
        qualifier=Qualifier(qualifier),
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        fiscal=fiscal,
        subject=subject,
        entities=entities,
        section=section or chapter,
        sentence=sentence,
        citation=citation,
        confidence=confidence,
        sentence_start=sentence_start,
        chapter=chapter,
        precision=precision,
    )


def titled_document(title: str, text: str, *, name: str = "page.txt") -> Document:
    """A document with a title (as a page's sidecar gives it) and its text."""
    return Document(doc=name, text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), title=title)


def money_by_surface(claims: Iterable[Claim]) -> dict[str, Claim]:
    """The money claims of an extraction, by surface."""
    return {c.surface: c for c in claims if c.kind == Kind.MONEY}
