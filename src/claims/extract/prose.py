"""The claim of a number in running text: its sentence (repaired where the parser ran lines or sentences
together), subject, parties, period (carried from the sentence before when it names none) and citation."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span

from claims import context
from claims.context.periods import SentencePeriods
from claims.extract.build import _build, _DocState
from claims.extract.filters import _TRAILING_CITATION, _line_bounds
from claims.lexicon.entities import COUNTRIES
from claims.parse.periods import Period, find_periods
from claims.types import Claim, Kind, Quantity


def _prose_claim(
    state: _DocState, doc: Doc, offset: int, q: Quantity, spans: Sequence[tuple[int, int]]
) -> Claim:
    document, layout = state.document, state.layout
    text = document.text
    span = doc.char_span(q.start - offset, q.end - offset, alignment_mode="expand")
    if span is not None and doc.has_annotation("SENT_START"):
        sent = _repair_sentence(doc, span.sent)
        s0, e0 = sent.start_char + offset, sent.end_char + offset
    else:
        s0, e0 = _line_bounds(text, q.start, q.end)
    s0, e0 = min(s0, q.start), max(e0, q.end)
    trailing = _TRAILING_CITATION.match(text, e0)
    if trailing:
        e0 = trailing.end()  # `"..." (ISEAS 2025).` the parser splits the citation off the quotation
    s, e = context.clip_sentence(text, s0, e0, q.start, q.end)
    s, e = context.split_at_markers(text, s, e, q.start, q.end)
    sentence = text[s:e]
    mention = _sentence_periods(doc, spans, s, e, text, state.reference).period_of(q.start - s, q.end - s)
    if mention is not None and _is_duration(q) and mention.relation not in {"range", "open"}:
        mention = None  # `over five decades ... since 1977`: a duration is not dated by a point year
    period: Period | None = mention.period if mention else None
    period_source = "sentence" if mention else "none"
    if (
        period is None
        and span is not None
        and doc.has_annotation("SENT_START")
        and not _is_duration(q)
        and not context.present_tense(span)
    ):
        # a past-tense statement continues the account of the sentence before (`Output fell 10.5%` after
        # `... hit hardest in 1998.`); a present-tense fact does not (`It generates 1,285 MW`)
        period = _previous_sentence_period(doc, span, offset, text, state.reference)
        period_source = "context" if period else "none"
    if period is None:
        period = context.scattered_table_period(text, q.start, reference=state.reference)
        period_source = "layout" if period else "none"
    section = layout.section_at(q.start)
    if period is None and section is not None and section.path:
        period = context.heading_period(section.path[-1], reference=state.reference)
        period_source = "heading" if period else "none"
    subject = ""
    if span is not None:
        try:
            subject = context.syntactic_subject(span, q.counted, bounds=(s - offset, e - offset))
        except (IndexError, ValueError):  # a parse without dependencies (blank pipelines)
            subject = ""
    subject = context.clean_subject(subject)
    lead = context.dateline_end(sentence)  # `JAKARTA, April 15 (Reuters) -`: the city is no party
    found = [
        (a + lead, name)
        for a, name in context.find_entities(sentence[lead:], anchor=q.start - s - lead)
        if name in COUNTRIES or not context.reported_by(sentence, a + lead)
    ]
    ner = [
        (a + offset, name)
        for a, b, name in _named_parties(doc)
        if s + lead <= a + offset
        and b + offset <= e
        and not context.reported_by(text, a + offset, b + offset)
    ]
    ner.sort(key=lambda x: abs(x[0] - q.start))
    extra = [name for _, name in ner]
    entities = context.canonical_entities(found, extra)
    item = context.list_item_party(text, q.start, q.end)
    if item:
        # `Singapore ($13.2 billion), Indonesia ($9.5 billion)`: each figure is about its own country only
        own = [name for _, name in context.find_entities(item)]
        listed = {
            name
            for party in context.list_item_parties(sentence)
            if party != item
            for _, name in context.find_entities(party)
        }
        entities = context.canonical_entities([(0, n) for n in own], [n for n in entities if n not in listed])
    previous = _previous_sentence_text(doc, span, offset, text) if span is not None else ""
    if not entities and previous:
        # a sentence that names no party continues the one before (`... like ASEAN is solidifying ... With a
        # population exceeded more than 680 million`)
        entities = context.canonical_entities(context.find_entities(previous), limit=3)
    if not entities and section is not None and section.path:
        # a bullet or a line under its heading (`Japan's support to the Philippine Coast Guard` / `- 12 ...`)
        entities = context.canonical_entities(context.find_entities(section.path[-1]), limit=3)
    label = _LINE_LABEL.match(sentence)
    if not subject and label and s + label.end() <= q.start and _is_label(label.group("label")):
        subject = context.clean_subject(label.group("label"))  # `- Electric vehicles: 1 million on the road`
    if not item and not q.counted and context.generic_subject(subject):
        # whose it is: a party in the sentence's main subject (`Tokyo's engagement ... is evidenced by ...,
        # funding of ¥2.8 trillion`), else the nearest party before the number, else the inherited party
        main_text = context.main_subject_text(span, s - offset) if span is not None else ""
        main = [name for _, name in context.find_entities(main_text)]
        before = [name for _, name in sorted(context.find_entities(text[s + lead : q.start]))]
        owner = main[0] if main else before[-1] if before else (entities[0] if entities and not found else "")
        if owner and owner.lower() not in subject.lower():
            subject = f"{owner} {subject}"  # `its $4.13 trillion economy` -> `ASEAN economy`
    return _build(
        state,
        q,
        sentence=sentence,
        sentence_start=s,
        sentence_end=e,
        period=period,
        period_source=period_source,
        subject=subject,
        entities=entities,
        table_cell=False,
    )


def _sentence_periods(
    doc: Doc, spans: Sequence[tuple[int, int]], s: int, e: int, text: str, reference: dt.date | None
) -> SentencePeriods:
    """The periods of the sentence text[s:e] with the numbers inside it, read once per sentence of a chunk
    (cached on the doc: every number of a long sentence shares them)."""
    cache = doc.user_data.setdefault("claims_sentence_periods", {})
    found = cache.get((s, e))
    if found is None:
        ordered = cache.get("spans")
        if ordered is None:
            ordered = cache["spans"] = sorted(spans)
        lo = bisect.bisect_left(ordered, (s, s))
        hi = bisect.bisect_right(ordered, (e, e))
        inside = [(a - s, b - s) for a, b in ordered[lo:hi] if b <= e]
        found = cache[(s, e)] = SentencePeriods(text[s:e], inside, reference=reference)
    return found


_LINE_LABEL = re.compile(r"^\s*(?:[-•*▪]\s*)?(?P<label>[A-Za-z][^:\n]{1,60}?)\s*:\s+")


def _is_label(text: str) -> bool:
    """A short noun label (`Electric vehicles`), not a clause (`The programme has expanded rapidly`)."""
    words = text.split()
    return len(words) <= 5 and not any(
        w.lower() in {"has", "have", "had", "is", "are", "was", "were", "will", "be", "been"}
        or w.lower().endswith(("ed", "ly"))
        for w in words
    )


def _previous_sentence_text(doc: Doc, span: Span, offset: int, text: str) -> str:
    """The sentence before the quantity's, when it is in the same paragraph, else ""."""
    if not doc.has_annotation("SENT_START"):
        return ""
    sent = span.sent
    if sent.start == 0:
        return ""
    previous = doc[sent.start - 1].sent
    if "\n\n" in text[previous.end_char + offset : sent.start_char + offset + 1]:
        return ""
    return previous.text


def _named_parties(doc: Doc) -> list[tuple[int, int, str]]:
    """The doc's NER parties, computed once per doc (the user_data cache dies with the doc)."""
    cached = doc.user_data.get("claims_parties")
    if cached is None:
        cached = context.ner_entities(doc.ents)
        doc.user_data["claims_parties"] = cached
    return cached


def _repair_sentence(doc: Doc, sent: Span) -> Span:
    """Undo parser splits inside a sentence: a piece that starts in lower case after a piece that does not end
    a sentence (`... in fiscal year (FY) 2023 | serving four recipients ...`) belongs to it."""
    start, end = sent.start, sent.end
    while start > 0:
        previous = doc[start - 1].sent
        if _split_inside(previous.text, doc[start:end].text):
            start = previous.start
        else:
            break
    while end < len(doc):
        following = doc[end].sent
        if _split_inside(doc[start:end].text, following.text):
            end = following.end
        else:
            break
    return doc[start:end]


def _split_inside(before: str, after: str) -> bool:
    before, after = before.rstrip(), after.lstrip()
    return (
        bool(before)
        and bool(after)
        and "\n" not in before[-1:]
        and before[-1] not in '.!?:;"”'
        and after[0].islower()
    )


def _is_duration(q: Quantity) -> bool:
    return q.kind == Kind.MEASURE and q.unit in {"year", "decade", "month", "week", "day", "century"}


_NOT_CARRIED = frozenset({"price_base", "citation", "comparison", "day", "release", "now", "prior"})
"""Period relations a following sentence never inherits."""


def _previous_sentence_period(
    doc: Doc, span: Span, offset: int, text: str, reference: dt.date | None
) -> Period | None:
    """The one period of the previous sentence of the same paragraph (`In 1998 exports fell. Malaysia lost
    40%.`), when it names exactly one."""
    sent = span.sent
    if sent.start == 0:
        return None
    previous = doc[sent.start - 1].sent
    gap = text[previous.end_char + offset : sent.start_char + offset]
    if "\n" in gap or "\n" in previous.text.rstrip()[-1:]:
        return None  # another paragraph, or a heading the parser ended a sentence on
    mentions = {
        m.period
        for m in find_periods(previous.text, reference=reference)
        if m.relation not in _NOT_CARRIED and m.event < 0
    }
    return mentions.pop() if len(mentions) == 1 else None
