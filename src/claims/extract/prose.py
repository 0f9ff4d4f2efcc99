"""The claim of a number in running text: its sentence (repaired where the parser ran lines or sentences
together), subject, parties, period (carried from the sentence before when it names none) and citation."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from claims import context
from claims.context.periods import SentencePeriods, section_frame, section_period
from claims.extract.build import DocState, build_claim
from claims.extract.filters import TRAILING_CITATION, line_bounds
from claims.lexicon.entities import COUNTRIES
from claims.parse.periods import Period, PeriodMention, find_periods, is_comparison_base
from claims.segment import Layout
from claims.types import Claim, Kind, Quantity, Section

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

MAX_SENTENCE_CHARS = 2_000
"""A sentence longer than this (a list or a table the parser ran together, a page without full stops) is read
as the window of this many characters around the number, cut at spaces, before its line block and footnote
splits are read: when no line or sentence end falls inside the window, its period, parties and evidence come
from the window (its period from the whole sentence, read once) and its subject is not read from the parse, so
the work per number stays bounded whatever the length of the sentence (every sentence of the seeds and the
held-out sets is shorter)."""


def prose_claim(
    state: DocState, doc: Doc, offset: int, q: Quantity, spans: Sequence[tuple[int, int]]
) -> Claim:
    document, layout = state.document, state.layout
    text = document.text
    span = doc.char_span(q.start - offset, q.end - offset, alignment_mode="expand")
    parsed = span is not None and _has_sentences(doc)
    if span is not None and parsed:
        sent = _repaired_sentence(doc, span.start, offset, text)
        s0, e0 = sent.start_char + offset, sent.end_char + offset
    else:  # the line, or the window around the number when the line is longer than a sentence may be
        line = line_bounds(text, q.start, q.end, window=MAX_SENTENCE_CHARS)
        reach = (max(0, q.start - MAX_SENTENCE_CHARS), min(len(text), q.end + MAX_SENTENCE_CHARS))
        s0, e0 = line if line is not None else reach
    s0, e0 = min(s0, q.start), max(e0, q.end)
    trailing = TRAILING_CITATION.match(text, e0)
    if trailing:
        e0 = trailing.end()  # `"..." (ISEAS 2025).` the parser splits the citation off the quotation
    w0, w1 = window(text, s0, e0, q.start, q.end, MAX_SENTENCE_CHARS)
    s, e = context.clip_sentence(text, w0, w1, q.start, q.end)
    s, e = context.split_at_markers(text, s, e, q.start, q.end)
    s = with_bullet(text, s)
    run_on = (s == w0 and w0 > s0) or (e == w1 and w1 < e0)  # no sentence or line end inside the window
    sentence = text[s:e]
    p0, p1 = (s0, e0) if run_on else (s, e)  # a run-on sentence's periods are read once, in full
    section = layout.section_at(q.start)
    period, period_source = _prose_period(state, doc, offset, q, spans, span, (p0, p1), section)
    subject = ""
    if span is not None and not run_on:
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
        for a, b, name in _named_parties_between(doc, s + lead - offset, e - offset)
        if not context.reported_by(text, a + offset, b + offset)
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
    if not entities and span is not None and parsed:
        # a sentence that names no party continues the one before (`... like ASEAN is solidifying ... With a
        # population exceeded more than 680 million`)
        entities = _previous_sentence_parties(doc, span.start, offset, text)
    if not entities and section is not None and section.path:
        # a bullet or a line under its heading (`Japan's support to the Philippine Coast Guard` / `- 12 ...`)
        entities = context.canonical_entities(context.find_entities(section.path[-1]), limit=3)
    label = _LINE_LABEL.match(sentence)
    if not subject and label and s + label.end() <= q.start and _is_label(label.group("label")):
        subject = context.clean_subject(label.group("label"))  # `- Electric vehicles: 1 million on the road`
    if not item and not q.counted and context.generic_subject(subject):
        # whose it is: a party in the sentence's main subject (`Tokyo's engagement ... is evidenced by ...,
        # funding of ¥2.8 trillion`), else the nearest party before the number, else the inherited party
        main_text = context.main_subject_text(span, s - offset) if span is not None and not run_on else ""
        main = [name for _, name in context.find_entities(main_text)]
        before = [name for _, name in sorted(context.find_entities(text[s + lead : q.start]))]
        owner = main[0] if main else before[-1] if before else (entities[0] if entities and not found else "")
        if owner and owner.lower() not in subject.lower():
            subject = f"{owner} {subject}"  # `its $4.13 trillion economy` -> `ASEAN economy`
    return build_claim(
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


def _prose_period(
    state: DocState,
    doc: Doc,
    offset: int,
    q: Quantity,
    spans: Sequence[tuple[int, int]],
    span: Span | None,
    bounds: tuple[int, int],
    section: Section | None,
) -> tuple[Period | None, str]:
    """The period of a number in running text and where it came from: its sentence; else, for a past-tense
    statement, the sentence before (same paragraph); else a scattered table; else its section's headings. A
    base of a comparison (`up from 64`) that gets its period from around its sentence takes the period
    before it (`from 35% to 36%` after `In 2021` -> 2020)."""
    text, reference = state.document.text, state.reference
    heading = _section_period(doc, section, reference, document_title(state.layout, text))
    p0, p1 = bounds
    # the year the account has reached: `that year`, `the previous year`, a yearless month are read in it
    frame = heading or (section_frame(section.path) if section is not None else None)
    previous = last = None  # the one period of the sentence before (same paragraph), its last year
    if span is not None and _has_sentences(doc) and not _starts_after_lines(doc, span, offset, text, p0):
        previous = _previous_sentence_period(doc, span.start, offset, text, reference, heading, frame)
        last = _last_year_before(doc, span.start, offset, text, reference, heading, frame)
    if heading is None and last is None and section is not None:
        last = _account_year(state, doc, section, p0, last=True) or frame
    periods = _sentence_periods(
        doc, spans, p0, p1, text, reference, previous or (last if heading is None else heading), frame
    )
    mention = periods.period_of(q.start - p0, q.end - p0)
    # a duration is not dated by a point year (`over five decades ... since 1977`); `78.8 years in 2019` is
    if (
        mention is not None
        and _is_duration(q)
        and mention.relation not in {"range", "open"}
        and not re.fullmatch(r"\s+(?:in|by)\s+", text[q.end : p0 + mention.start])
    ):
        mention = None
    if mention is not None and not (mention.relation == "release" and heading is not None):
        return mention.period, "sentence"  # a statement's date (`In August the USDA raised ...`) yields
    past = span is not None and not _is_duration(q) and not context.present_tense(span)
    past = past and not _NOW_BEFORE.search(text[max(0, q.start - 40) : q.start])  # `now exceeding 50`
    # a past-tense statement continues the account of the sentence before (`Output fell 10.5%` after `... hit
    # hardest in 1998.`); a present-tense fact does not (`It generates 1,285 MW`)
    period, source = (previous, "context") if past else (None, "none")
    if period is None:
        period, source = context.scattered_table_period(text, q.start, reference=reference), "layout"
    account = None
    if past and section is not None and span is not None and _past_tense(span):
        account = _account_year(state, doc, section, p0)
    if period is None and heading is not None and heading.grain == "span" and account is not None:
        period, source = account, "account"  # a year of the account, not the span a heading names
    if period is None:
        period, source = heading, "heading"
    if period is None:
        period, source = account, "account"
    if period is not None and periods.is_base(q.start - p0, q.end - p0):
        period = period.previous(loose=True)
    return period, source if period is not None else "none"


def _past_tense(span: Span) -> bool:
    """Is the clause holding the number told in the past tense (`China generated 418 TWh`), by the first
    verb above the number in the parse?"""
    node = span.root
    for _ in range(8):
        if node.pos_ in {"VERB", "AUX"}:
            tags = {node.tag_} | {c.tag_ for c in node.children if c.dep_ in {"aux", "auxpass"}}
            return "VBD" in tags and not tags & {"MD", "VBZ", "VBP"}
        if node.head is node:
            return False
        node = node.head
    return False


_ACCOUNT_SPREAD = 2
"""A section whose single years so far stay within this many years of each other tells one dated account."""


_SINCE_CLAUSE = re.compile(r"\bsince\b[^,;.:()]*$", re.IGNORECASE)


def in_since_clause(text: str, start: int) -> bool:
    """Is the year at `start` inside a clause opened by "since" ("the first time since apartheid ended in
    1994"): the start of a span the sentence looks back over, not the year its account is in.

    >>> text = "For the first time since apartheid ended in 1994, the party lost."
    >>> in_since_clause(text, text.index("1994")), in_since_clause("It ended in 1994.", 12)
    (True, False)
    """
    return _SINCE_CLAUSE.search(text, max(0, start - 80), start) is not None


def _account_year(
    state: DocState, doc: Doc, section: Section, before: int, *, last: bool = False
) -> Period | None:
    """The latest year of a section's dated account (with `last`, the one it named last), for a past-tense
    figure of a section whose headings name no period: the single years its text named before offset
    `before` (not bases of a comparison, price bases, founding years or relative days), when they all lie
    within `_ACCOUNT_SPREAD` years (`... from 1,039 TWh in 2021 to 1,284 TWh in 2022.`, then after a table
    `China generated 418 TWh` -> 2022). A section that ranges over the decades (an essay) tells no one
    account."""
    if not section.path:
        return None
    cache = doc.user_data.setdefault("claims_accounts", {})
    if not cache:  # the body sections of each heading path, once per doc
        for part in state.layout.sections:
            if part.kind == "body":
                cache.setdefault(("parts", part.path), []).append(part)
    if section.path not in cache:
        text = state.document.text
        found: list[tuple[int, Period]] = []  # (end offset, a single year or fiscal year)
        for part in cache.get(("parts", section.path), []):
            body = text[part.start : part.end]
            skip = len(section.path[-1]) if body.startswith(section.path[-1]) else 0  # the heading's line
            for m in find_periods(body, reference=state.reference):
                if m.start < skip:
                    continue
                period = m.period
                single = period.start is not None and (
                    period.start == period.end or period.grain == "fiscal_year"
                )
                if (
                    single
                    and m.relation in {"point", "by", "relative", "range"}
                    and m.event < 0
                    and not is_comparison_base(body, m)
                    and not in_since_clause(body, m.start)
                ):
                    found.append((part.start + m.end, period))
        cache[section.path] = ([end for end, _ in found], [period for _, period in found])
    ends, periods = cache[section.path]
    k = bisect.bisect_right(ends, before)
    if last:  # the year the account named last, however the section ranges
        return periods[k - 1] if k else None  # type: ignore[no-any-return]
    years = [p.end for p in periods[:k] if p.end is not None]
    if not years or max(years) - min(years) > _ACCOUNT_SPREAD:
        return None
    return max(periods[:k], key=lambda p: (p.end or 0, p.fiscal))  # type: ignore[no-any-return]


_NOW_BEFORE = re.compile(r"\b(?:now|currently|presently|today|at\s+present)\b[^.;,]{0,30}$", re.IGNORECASE)


def _starts_after_lines(doc: Doc, span: Span, offset: int, text: str, start: int) -> bool:
    """Was the parser's sentence cut at a line break before `start` (a heading or title the parser ran into
    the sentence)? Then the sentence before it is no part of this account."""
    sent_start = _sentence_of(doc, span.start).start_char + offset
    return start > sent_start and "\n" in text[sent_start:start]


def _section_period(
    doc: Doc, section: Section | None, reference: dt.date | None, title: str = ""
) -> Period | None:
    """The period of a section's headings (`section_period`), read once per section of a chunk."""
    if section is None or not section.path:
        return None
    cache = doc.user_data.setdefault("claims_section_periods", {})
    if section.path not in cache:
        cache[section.path] = section_period(section.path, reference=reference, title=title)
    return cache[section.path]  # type: ignore[no-any-return]


def document_title(layout: Layout, text: str) -> str:
    """The heading the document opens with (its title), "" when it opens with body text.

    >>> from claims.segment import segment
    >>> text = "The 2022/23 Wheat Season\\n\\n1. A record crop\\n\\nOutput rose 5%.\\n"
    >>> document_title(segment(text), text)
    'The 2022/23 Wheat Season'
    """
    first = layout.sections[0] if layout.sections else None
    if first is None or not first.path or text[: first.start].strip():
        return ""
    label = first.path[0]
    return label if text[first.start : first.start + len(label) + 200].lstrip().startswith(label) else ""


def _sentence_periods(
    doc: Doc,
    spans: Sequence[tuple[int, int]],
    s: int,
    e: int,
    text: str,
    reference: dt.date | None,
    context: Period | None = None,
    frame: Period | None = None,
) -> SentencePeriods:
    """The periods of the sentence text[s:e] with the numbers inside it, read once per sentence of a chunk
    (cached on the doc: every number of a long sentence shares them), in its `context` and `frame`."""
    cache = doc.user_data.setdefault("claims_sentence_periods", {})
    found = cache.get((s, e))
    if found is None:
        ordered = cache.get("spans")
        if ordered is None:
            ordered = cache["spans"] = sorted(spans)
        lo = bisect.bisect_left(ordered, (s, s))
        hi = bisect.bisect_right(ordered, (e, e))
        inside = [(a - s, b - s) for a, b in ordered[lo:hi] if b <= e]
        found = cache[(s, e)] = SentencePeriods(
            text[s:e], inside, reference=reference, context=context, frame=frame
        )
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


_BULLET_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?P<bullet>[-•*▪–→][ \t]*)\Z")
"""A line's bullet marker and nothing else between the line start and a position."""


def with_bullet(text: str, start: int) -> int:
    """A sentence the parser began just after its line's bullet marker begins at the marker, as a sentence
    the parser began at the line start does (the evidence of a bulleted line does not depend on where the
    parser split it).

    >>> t = "Plans\\n - The fund grew by 12%."
    >>> t[with_bullet(t, 9):]
    '- The fund grew by 12%.'
    >>> t[with_bullet(t, 13):]
    'fund grew by 12%.'
    """
    m = _BULLET_BEFORE.search(text, max(0, start - 12), start)
    return m.start("bullet") if m is not None and m.end() == start else start


def window(text: str, start: int, end: int, q_start: int, q_end: int, limit: int) -> tuple[int, int]:
    """text[start:end] when it is at most `limit` characters, else the `limit` characters around the number
    text[q_start:q_end], cut at spaces.

    >>> t = "a " * 50 + "rose 5% in 2023 " + "b " * 50
    >>> s, e = window(t, 0, len(t), 105, 107, 30)
    >>> t[s:e]
    'a a a a rose 5% in 2023 b b'
    """
    if end - start <= limit:
        return start, end
    room = max(0, limit - (q_end - q_start))
    s = max(start, q_start - room // 2)
    e = min(end, q_end + room - (q_start - s))
    s = max(start, min(s, e - limit))
    if s > start:
        k = text.find(" ", s, q_start)
        s = k + 1 if k >= 0 else s
    if e < end:
        k = text.rfind(" ", q_end, e)
        e = k if k >= 0 else e
    return s, e


def _has_sentences(doc: Doc) -> bool:
    cached = doc.user_data.get("claims_has_sentences")
    if cached is None:
        cached = doc.user_data["claims_has_sentences"] = doc.has_annotation("SENT_START")
    return bool(cached)


def _sentence_of(doc: Doc, i: int) -> Span:
    """The parser sentence holding token i (`doc[i].sent`), from the doc's sentence starts read once."""
    starts = doc.user_data.get("claims_sentence_starts")
    if starts is None:
        starts = doc.user_data["claims_sentence_starts"] = [sent.start for sent in doc.sents]
    k = bisect.bisect_right(starts, i) - 1
    return doc[starts[k] : starts[k + 1] if k + 1 < len(starts) else len(doc)]


def _per_sentence(doc: Doc, name: str) -> dict[int, object]:
    """A cache on the doc, keyed by a sentence's first token (the user_data cache dies with the doc)."""
    return doc.user_data.setdefault(f"claims_{name}", {})  # type: ignore[no-any-return]


def _previous_sentence(doc: Doc, i: int, offset: int, text: str) -> Span | None:
    """The sentence before the one holding token i, when it is in the same paragraph, else None."""
    sent = _sentence_of(doc, i)
    if sent.start == 0:
        return None
    previous = _sentence_of(doc, sent.start - 1)
    if "\n\n" in text[previous.end_char + offset : sent.start_char + offset + 1]:
        return None
    return previous


def _previous_sentence_parties(doc: Doc, i: int, offset: int, text: str) -> tuple[str, ...]:
    """At most three parties of the sentence before (same paragraph), read once per sentence."""
    cache = _per_sentence(doc, "previous_parties")
    start = _sentence_of(doc, i).start
    if start not in cache:
        previous = _previous_sentence(doc, i, offset, text)
        found = context.find_entities(previous.text) if previous is not None else []
        cache[start] = context.canonical_entities(found, limit=3)
    return cache[start]  # type: ignore[return-value]


def _named_parties_between(doc: Doc, start: int, end: int) -> list[tuple[int, int, str]]:
    """The doc's NER parties (computed once per doc) lying inside doc.text[start:end]."""
    cached = doc.user_data.get("claims_parties")
    if cached is None:
        cached = context.ner_entities(doc.ents)
        cached.sort()
        doc.user_data["claims_parties"] = cached
        doc.user_data["claims_party_starts"] = [a for a, _, _ in cached]
    starts = doc.user_data["claims_party_starts"]
    out = []
    for k in range(bisect.bisect_left(starts, start), len(starts)):
        a, b, name = cached[k]
        if a >= end:
            break
        if b <= end:
            out.append((a, b, name))
    return out


def _repaired_sentence(doc: Doc, i: int, offset: int, text: str) -> Span:
    """The sentence holding token i with parser splits inside it undone (`_repair_sentence`), once per
    sentence."""
    cache = _per_sentence(doc, "repaired")
    sent = _sentence_of(doc, i)
    found = cache.get(sent.start)
    if found is None:
        found = cache[sent.start] = _repair_sentence(doc, sent, offset, text)
    return found  # type: ignore[return-value]


def _repair_sentence(doc: Doc, sent: Span, offset: int, text: str) -> Span:
    """Undo parser splits inside a sentence: a piece that starts in lower case after a piece that does not end
    a sentence (`... in fiscal year (FY) 2023 | serving four recipients ...`) belongs to it."""
    start, end = sent.start, sent.end
    while start > 0:
        previous = _sentence_of(doc, start - 1)
        if _split_inside(
            text,
            previous.start_char + offset,
            previous.end_char + offset,
            doc[start].idx + offset,
            doc[end - 1].idx + len(doc[end - 1].text) + offset,
        ):
            start = previous.start
        else:
            break
    while end < len(doc):
        following = _sentence_of(doc, end)
        if _split_inside(
            text,
            doc[start].idx + offset,
            doc[end - 1].idx + len(doc[end - 1].text) + offset,
            following.start_char + offset,
            following.end_char + offset,
        ):
            end = following.end
        else:
            break
    return doc[start:end]


def _split_inside(text: str, a: int, b: int, c: int, d: int) -> bool:
    """Does text[c:d] continue text[a:b] (a parser split inside a sentence)? The last character of the one
    and the first of the other decide, found without copying either."""
    while b > a and text[b - 1].isspace():
        b -= 1
    while c < d and text[c].isspace():
        c += 1
    return b > a and c < d and text[b - 1] not in '\n.!?:;"”' and text[c].islower()


def _is_duration(q: Quantity) -> bool:
    return q.kind == Kind.MEASURE and q.unit in {"year", "decade", "month", "week", "day", "century"}


_NOT_CARRIED = frozenset(
    {"price_base", "citation", "comparison", "day", "release", "now", "prior", "open", "until"}
)
"""Period relations a following sentence never inherits."""


def _carried(mention: PeriodMention) -> bool:
    """Can the next sentence inherit this period: not a price base, a citation, a day, a base of a
    comparison (`a year earlier`), but the year the account is in (`that year`, `in the half`)."""
    if mention.relation == "prior":
        return mention.shift == 0 and not re.search(r"earlier|before|ago|previous|prior", mention.surface)
    return mention.relation not in _NOT_CARRIED


def _previous_sentence_period(
    doc: Doc,
    i: int,
    offset: int,
    text: str,
    reference: dt.date | None,
    heading: Period | None = None,
    frame: Period | None = None,
) -> Period | None:
    """The one period of the previous sentence of the same paragraph (`In 1998 exports fell. Malaysia lost
    40%.`), when it names exactly one (its yearless months read in the section's year); once per sentence."""
    cache = _per_sentence(doc, "previous_period")
    sent = _sentence_of(doc, i)
    if sent.start not in cache:
        cache[sent.start] = _read_previous_period(doc, sent, offset, text, reference, heading, frame)
    return cache[sent.start]  # type: ignore[return-value]


def _read_previous_period(
    doc: Doc,
    sent: Span,
    offset: int,
    text: str,
    reference: dt.date | None,
    heading: Period | None,
    frame: Period | None = None,
) -> Period | None:
    if sent.start == 0:
        return None
    previous = _sentence_of(doc, sent.start - 1)
    gap = text[previous.end_char + offset : sent.start_char + offset]
    if "\n" in gap or "\n" in previous.text.rstrip()[-1:]:
        return None  # another paragraph, or a heading the parser ended a sentence on
    before = previous.text.rsplit("\n", 1)[-1]  # its last line: a heading the parser ran in is no account
    found = [
        m
        for m in find_periods(before, reference=reference, context=heading, frame=frame)
        if _carried(m) and m.event < 0 and not is_comparison_base(before, m)
    ]
    periods = {m.period for m in found}
    return periods.pop() if len(periods) == 1 else None


def _last_year_before(
    doc: Doc,
    i: int,
    offset: int,
    text: str,
    reference: dt.date | None,
    heading: Period | None,
    frame: Period | None = None,
) -> Period | None:
    """The last single year the sentence before named (`... by 2022 they supplied 12%.` -> 2022): the year
    `that year` of the next sentence speaks of; once per sentence."""
    cache = _per_sentence(doc, "last_year_before")
    sent = _sentence_of(doc, i)
    if sent.start not in cache:
        last = None
        if sent.start > 0:
            previous = _sentence_of(doc, sent.start - 1)
            gap = text[previous.end_char + offset : sent.start_char + offset]
            if "\n" not in gap:
                before = previous.text.rsplit("\n", 1)[-1]
                for m in find_periods(before, reference=reference, context=heading, frame=frame):
                    single = m.period.start is not None and m.period.start == m.period.end
                    if single and _carried(m) and not is_comparison_base(before, m):
                        last = m.period
        cache[sent.start] = last
    return cache[sent.start]  # type: ignore[return-value]
