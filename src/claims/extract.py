"""Document -> claims: quantities from `claims.nlp`, context from `claims.context`, offsets kept exact.

Long documents are fed to spaCy in paragraph-aligned chunks (`Settings.max_chars_per_chunk`); every offset is
mapped back to `document.text`, and every claim is checked: `document.text[c.char_start:c.char_end] ==
c.surface` (else `OffsetMismatchError`).

Not claims (dropped here even if a detector returns them): numbers in front matter, a table of contents or a
reference list; inside URLs, e-mail addresses, ISBN/ISSN/DOI and copyright lines, street addresses; footnote
markers; page numbers alone on their line; list numbering; numbers right after `Chapter`/`Table`/`page`.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from claims import context
from claims.errors import OffsetMismatchError
from claims.lexicon.entities import COUNTRIES
from claims.parse.periods import Period, find_periods
from claims.segment import Layout, Table, TableCell, segment
from claims.settings import Settings
from claims.types import UNKNOWN_CURRENCY, Claim, Document, Kind, Qualifier, Quantity, make_claim_id

logger = logging.getLogger(__name__)

__all__ = ["chunk_text", "extract_claims", "extract_documents"]


# ---------------------------------------------------------------------------------------------------------
# chunking


def chunk_text(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Split `text` into (start, end) chunks of at most `max_chars`, cut at paragraph breaks when possible,
    else at line breaks, else after a sentence end, else hard.

    >>> chunk_text("aaa\\n\\nbbb\\n\\nccc", 8)
    [(0, 5), (5, 13)]
    >>> chunk_text("", 10)
    [(0, 0)]
    """
    if max_chars <= 0 or len(text) <= max_chars:
        return [(0, len(text))]
    chunks = []
    start = 0
    n = len(text)
    while start < n:
        limit = start + max_chars
        if limit >= n:
            chunks.append((start, n))
            break
        window = text[start:limit]
        cut = -1
        for sep in ("\n\n", "\n", ". "):
            k = window.rfind(sep)
            if k > max_chars // 4:
                cut = start + k + len(sep)
                break
        if cut <= start:
            cut = limit
        chunks.append((start, cut))
        start = cut
    return chunks


# ---------------------------------------------------------------------------------------------------------
# filters

_URL = re.compile(r"<?(?:https?://|www\.)[^\s>]+>?|[\w.+-]+@[\w-]+\.[\w.]+")
_BAD_LINE = re.compile(
    r"""\bISBN\b|\bISSN\b                           # book and serial numbers
      |\bdoi\s*:|\bdoi\.org/|(?-i:\bDOI\b)            # DOIs (not `Doi Moi`)
      |©|\bcopyright\s+(?:\(c\)|\d{4})|\ball\s+rights\s+reserved\b   # imprint lines
      |\b(?:tel|phone|fax|mobile)\b\.?\s*(?::|\+?\(?\d)   # `Tel: +65 ...`, `Fax (02) ...`
      |\bp\.?\s?o\.?\s*box\b""", re.VERBOSE | re.IGNORECASE)
_ADDRESS = re.compile(
    r"""\b\d{1,5}[A-Z]?,?\s+(?:St|Street|Rd|Road|Ave|Avenue|Blvd|Boulevard|Lane|Ln|Jalan|Soi|Moo|Drive|Dr)\b\.?
      (?:\s+\d{1,5})?|\b(?:St|Street|Road|Rd|Jalan|Soi)\.?\s+\d{1,5}\b""", re.VERBOSE)
_LABEL_BEFORE = re.compile(
    r"""(?:\b(?:chapter|chapters|part|section|sections|table|figure|fig\.|vol\.|volume|no\.|nos\.|article|art\.
      |page|pages|p\.|pp\.|annex|appendix|phase|step|question|item|para\.|paragraph|footnote|note|slide
      |version|v\.|level|grade|stage|tier|rank|ranked|number|\#)\s*)$""", re.VERBOSE | re.IGNORECASE)
_LIST_NUMBER = re.compile(r"^\s*(?:[-•*▪]\s*)?\(?$")
_LIST_AFTER = re.compile(r"^\s*[.)](?!\d)")


_TIME_SPAN_BEFORE = re.compile(
    r"""(?:\b(?:the|its|their|his|her|our)\s+(?:first|past|last|next|coming|previous|preceding|following|final)
      \s+)$""", re.VERBOSE | re.IGNORECASE)
_TIME_SPAN_AFTER = re.compile(r"^\s+(?:ago|earlier|before|later)\b", re.IGNORECASE)
_TIME_UNITS = frozenset({"year", "month", "week", "day", "decade", "quarter", "century"})


def _time_reference(text: str, q: Quantity) -> bool:
    """A duration that only places something in time (`in the first seven months`, `over the past five
    years`, `two years ago`) is a time reference, not a claim."""
    if q.kind != Kind.MEASURE or q.unit not in _TIME_UNITS:
        return False
    return bool(_TIME_SPAN_BEFORE.search(text[max(0, q.start - 30):q.start])
                or _TIME_SPAN_AFTER.match(text[q.end:q.end + 12]))


_TRAILING_CITATION = re.compile(r"[ \t]*\([^()\n]{1,60}\)[.;]?(?=[ \t]*(?:\n|$))")


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, start) + 1
    e = text.find("\n", end)
    return s, (len(text) if e < 0 else e)


def _dropped(text: str, layout: Layout, q: Quantity, url_spans: Sequence[tuple[int, int]]) -> str:
    """Why the quantity is not a claim, or "" to keep it."""
    if layout.is_excluded(q.start):
        return "excluded_section"
    if any(s <= q.start < e for s, e in url_spans):
        return "url"
    if layout.footnotes_between(q.start, q.end):
        return "footnote"
    ls, le = _line_bounds(text, q.start, q.end)
    line = text[ls:le]
    if _BAD_LINE.search(line):
        return "imprint"
    for m in _ADDRESS.finditer(line):
        if m.start() <= q.start - ls < m.end():
            return "address"
    if _time_reference(text, q):
        return "time_reference"
    in_table = layout.table_at(q.start) is not None
    if not in_table and line.strip(" \t-–•*.()[]") == q.surface.strip():
        return "page_number"
    before = text[ls:q.start]
    if _LIST_NUMBER.match(before) and _LIST_AFTER.match(text[q.end:q.end + 3]):
        return "list_number"
    if _LABEL_BEFORE.search(text[max(ls, q.start - 20):q.start]) and q.kind in {Kind.OTHER, Kind.COUNT}:
        return "label_number"
    if q.kind == Kind.OTHER and any(
        m.relation != "price_base" for m in find_periods(text[max(ls, q.start - 12):min(le, q.end + 12)])
        if m.start <= q.start - max(ls, q.start - 12) < m.end
    ):
        return "year"
    return ""


# ---------------------------------------------------------------------------------------------------------
# assembly


@dataclass
class _DocState:
    document: Document
    layout: Layout
    reference: dt.date | None
    chunks: list[tuple[int, int]]
    done: int = 0
    drafts: list[Claim] = field(default_factory=list)


def _reference_date(document: Document, settings: Settings) -> dt.date | None:
    return document.published or settings.reference_date


def _shift(q: Quantity, offset: int) -> Quantity:
    return dataclasses.replace(q, start=q.start + offset, end=q.end + offset) if offset else q


def _find_quantities(doc: Doc) -> list[Quantity]:
    from claims.nlp.quantities import find_quantities

    return list(find_quantities(doc))


def _chunk_claims(state: _DocState, doc: Doc, offset: int) -> list[Claim]:
    document, layout = state.document, state.layout
    text = document.text
    url_spans = [m.span() for m in _URL.finditer(text, offset, offset + len(doc.text))]
    quantities = []
    for q in _find_quantities(doc):
        q = _shift(q, offset)
        if text[q.start:q.end] != q.surface:
            raise OffsetMismatchError("quantity offsets do not give back its surface", doc=document.doc,
                                      start=q.start, end=q.end, surface=q.surface)
        reason = _dropped(text, layout, q, url_spans)
        if reason:
            logger.debug("dropped %r at %d in %s: %s", q.surface, q.start, document.doc, reason)
            continue
        quantities.append(q)
    spans = [(q.start, q.end) for q in quantities]
    out = []
    for q in quantities:
        table = layout.table_at(q.start)
        located = table.locate(q.start) if table is not None else None
        if table is not None and located is not None:
            row, cell = located
            if row < 0:
                continue  # numbers in a header row label columns (`2030 Projection`)
            claim = _table_claim(state, table, row, cell, q)
        else:
            claim = _prose_claim(state, doc, offset, q, spans)
        out.append(claim)
    return _fill_subjects(layout, _share_with_conversions(text, out), text)


_SHARE_AFTER = re.compile(r"^\s+of\s+(?:the\s+)?(?:(?:world|global|regional|national)\s+)?"
                          r"(?P<base>GDP|gross\s+domestic\s+product|GNI|GNP)\b", re.IGNORECASE)


def _fill_subjects(layout: Layout, claims: list[Claim], text: str = "") -> list[Claim]:
    """A number without a readable subject (`..., to 8.1 billion yen in FY2025`) measures what the previous
    number of the same sentence and unit measures; a percentage without one (`..., up 14%`, `or 6.2% of
    GDP`) what the previous number of the sentence measures, of any unit; else its counted noun, else its
    section heading."""
    out = list(claims)
    for i, c in enumerate(out):
        if c.subject:
            continue
        subject = ""
        for prev in [*reversed(out[:i]), *out[i + 1:]]:
            if prev.sentence_start == c.sentence_start and prev.kind == c.kind and prev.subject \
                    and (prev.unit == c.unit or c.kind == Kind.MONEY):
                subject = prev.subject
                break
        if c.kind == Kind.PERCENT:
            for prev in reversed(out[:i]):
                if prev.sentence_start == c.sentence_start and (prev.subject or prev.counted) \
                        and prev.kind != Kind.PERCENT:
                    subject = re.sub(r"\s*\((?:% of \w+|\w+ equivalent)\)$", "",
                                     prev.subject or prev.counted or "")
                    break
            share = _SHARE_AFTER.match(text[c.char_end:c.char_end + 40]) if text else None
            if subject and share:
                base = share.group("base")
                subject = f"{subject} (% of {'GDP' if base.lower().startswith('gross') else base})"
        if not subject:
            section = layout.section_at(c.char_start)
            subject = c.counted or (section.path[-1] if section is not None and section.path else "")
        out[i] = dataclasses.replace(c, subject=context.clean_subject(subject) or subject)
    return out


_CONVERSION_GAP = re.compile(
    r"^\s*[(\[]\s*(?:(?:about|around|approx\.?|approximately|roughly|some|nearly|c\.|~|i\.e\.|or|equivalent\s+to"
    r"|equal\s+to|US)\s*)*\\?$", re.IGNORECASE)


def _share_with_conversions(text: str, claims: list[Claim]) -> list[Claim]:
    """A parenthesised conversion (`¥400 million ($2.81 million)`) measures what the amount before it does."""
    out = list(claims)
    for i in range(1, len(out)):
        prev, cur = out[i - 1], out[i]
        if prev.kind != Kind.MONEY or cur.kind != Kind.MONEY or prev.sentence_start != cur.sentence_start:
            continue
        if not _CONVERSION_GAP.match(text[prev.char_end:cur.char_start]):
            continue
        changes: dict[str, object] = {"subject": f"{prev.subject} ({cur.unit} equivalent)" if prev.subject
                                      else cur.subject}
        if cur.period_start is None and cur.period_end is None and (prev.period_start or prev.period_end):
            changes.update(period_start=prev.period_start, period_end=prev.period_end, fiscal=prev.fiscal,
                           flags=tuple(f for f in cur.flags if f != "no_period"))
        out[i] = dataclasses.replace(cur, **changes)  # type: ignore[arg-type]
    return out


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
    others = [(a - s, b - s) for a, b in spans if (a, b) != (q.start, q.end) and s <= a and b <= e]
    mention = context.sentence_period(sentence, q.start - s, q.end - s, other_quantities=others,
                                      reference=state.reference)
    if mention is not None and _is_duration(q) and mention.relation not in {"range", "open"}:
        mention = None  # `over five decades ... since 1977`: a duration is not dated by a point year
    period: Period | None = mention.period if mention else None
    period_source = "sentence" if mention else "none"
    if period is None and span is not None and doc.has_annotation("SENT_START") and not _is_duration(q) \
            and not context.present_tense(span):
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
    found = [(a + lead, name)
             for a, name in context.find_entities(sentence[lead:], anchor=q.start - s - lead)
             if name in COUNTRIES or not context.reported_by(sentence, a + lead)]
    ner = [(a + offset, name) for a, b, name in _named_parties(doc)
           if s + lead <= a + offset and b + offset <= e
           and not context.reported_by(text, a + offset, b + offset)]
    ner.sort(key=lambda x: abs(x[0] - q.start))
    extra = [name for _, name in ner]
    entities = context.canonical_entities(found, extra)
    item = context.list_item_party(text, q.start, q.end)
    if item:
        # `Singapore ($13.2 billion), Indonesia ($9.5 billion)`: each figure is about its own country only
        own = [name for _, name in context.find_entities(item)]
        listed = {name for party in context.list_item_parties(sentence) if party != item
                  for _, name in context.find_entities(party)}
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
        main = [name for _, name in context.find_entities(context.main_subject_text(span, s - offset))]
        before = [name for _, name in sorted(context.find_entities(text[s + lead:q.start]))]
        owner = main[0] if main else before[-1] if before else (entities[0] if entities and not found else "")
        if owner and owner.lower() not in subject.lower():
            subject = f"{owner} {subject}"  # `its $4.13 trillion economy` -> `ASEAN economy`
    return _build(state, q, sentence=sentence, sentence_start=s, sentence_end=e, period=period,
                  period_source=period_source, subject=subject, entities=entities, table_cell=False)


_LINE_LABEL = re.compile(r"^\s*(?:[-•*▪]\s*)?(?P<label>[A-Za-z][^:\n]{1,60}?)\s*:\s+")


def _is_label(text: str) -> bool:
    """A short noun label (`Electric vehicles`), not a clause (`The programme has expanded rapidly`)."""
    words = text.split()
    return len(words) <= 5 and not any(
        w.lower() in {"has", "have", "had", "is", "are", "was", "were", "will", "be", "been"}
        or w.lower().endswith(("ed", "ly")) for w in words)


def _previous_sentence_text(doc: Doc, span: Span, offset: int, text: str) -> str:
    """The sentence before the quantity's, when it is in the same paragraph, else ""."""
    if not doc.has_annotation("SENT_START"):
        return ""
    sent = span.sent
    if sent.start == 0:
        return ""
    previous = doc[sent.start - 1].sent
    if "\n\n" in text[previous.end_char + offset:sent.start_char + offset + 1]:
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
    return bool(before) and bool(after) and "\n" not in before[-1:] and before[-1] not in ".!?:;\"”" \
        and after[0].islower()


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
    gap = text[previous.end_char + offset:sent.start_char + offset]
    if "\n" in gap or "\n" in previous.text.rstrip()[-1:]:
        return None  # another paragraph, or a heading the parser ended a sentence on
    mentions = {m.period for m in find_periods(previous.text, reference=reference)
                if m.relation not in _NOT_CARRIED
                and m.event < 0}
    return mentions.pop() if len(mentions) == 1 else None


def _table_claim(state: _DocState, table: Table, row: int, cell: TableCell, q: Quantity) -> Claim:
    text = state.document.text
    table_row = table.rows[row]
    # the cell's own words may date it (`Three patrol vessels (2016)`)
    mention = context.sentence_period(cell.text, q.start - cell.start, q.end - cell.start,
                                      reference=state.reference) if cell.start <= q.start else None
    period: Period | None
    if mention is not None:
        period, source = mention.period, "cell"
    else:
        choice = context.table_period(table, row, cell, reference=state.reference)
        period, source = choice.period, choice.source
    if period is None and all(r.continuation for r in table.rows[: row + 1]):
        # the table opens with a continuation row: its first cells were scattered on the lines above it
        before = text[: table.start].rstrip()
        if before:
            period = context.scattered_table_period(before, len(before) - 1, reference=state.reference)
            source = "layout" if period else "none"
    if period is None and table.title:
        period = context.heading_period(table.title, reference=state.reference)
        source = "title" if period else "none"
    header = table.column_header(cell.col)
    unit = context.header_unit(header) if header else context.HeaderUnit()
    if table.title and unit.currency is None and not unit.percent and unit.scale == 1.0:
        unit = context.header_unit(table.title)  # `Table 3: ASEAN merchandise exports (US$ billion)`
    q = _apply_header_unit(q, unit)
    subject = context.table_subject(table, row, cell, q.counted)
    label = table.row_label(row)
    group = table.group_label(row)
    pieces = [label, cell.text, group] + [c.text for c in table_row.cells if c.col not in {0, cell.col}]
    found: list[tuple[int, str]] = []
    for i, piece in enumerate(pieces):
        found.extend((i, name) for _, name in context.find_entities(piece))
    extra = [label] if label and not found and not re.search(r"\d", label) else []
    if table.title:  # `OSA Projects by Recipient`: the programme the whole table is about
        found.extend((len(pieces), name) for _, name in context.find_entities(table.title))
    entities = context.canonical_entities(found, extra)
    row_text = " | ".join(c.text for c in table_row.cells)
    return _build(state, q, sentence=row_text, sentence_start=table_row.start + (
        len(table_row.text) - len(table_row.text.lstrip())), sentence_end=table_row.end, period=period,
        period_source=source, subject=subject, entities=entities, table_cell=True)


def _apply_header_unit(q: Quantity, unit: context.HeaderUnit) -> Quantity:
    """Give a bare cell (`997.0` under `USD Billions`) the header's unit and scale; add its `Approx.`."""
    changes: dict[str, object] = {}
    if q.kind == Kind.OTHER and q.unit is None and q.value is not None:
        if unit.percent:
            changes.update(kind=Kind.PERCENT, unit="percent")
        elif unit.currency:
            factor = unit.scale
            changes.update(kind=Kind.MONEY, unit=unit.currency, value=q.value * factor,
                           precision=None if q.precision is None else q.precision * factor)
    elif q.kind == Kind.MONEY and unit.currency and (
        q.currency_missing or q.unit in {None, UNKNOWN_CURRENCY}
    ):
        changes.update(unit=unit.currency, currency_missing=False)
    if q.kind == Kind.MONEY and unit.scale != 1.0 and not context.surface_has_scale(q.surface) \
            and q.kind != Kind.OTHER and "value" not in changes:
        factor = unit.scale
        changes.update(
            value=None if q.value is None else q.value * factor,
            value_low=None if q.value_low is None else q.value_low * factor,
            value_high=None if q.value_high is None else q.value_high * factor,
            precision=None if q.precision is None else q.precision * factor,
        )
    if unit.approx and q.qualifier == Qualifier.EXACT and (q.kind == Kind.MONEY or changes.get("kind")):
        changes["qualifier"] = Qualifier.APPROX
    return dataclasses.replace(q, **changes) if changes else q  # type: ignore[arg-type]


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


# ---------------------------------------------------------------------------------------------------------
# public API


def extract_documents(
    documents: Iterable[Document], nlp: Language, settings: Settings, *, n_process: int = 1
) -> Iterator[tuple[Document, list[Claim]]]:
    """Claims of each document, in input order, streaming the chunks of all documents through `nlp.pipe`."""
    states: dict[int, _DocState] = {}

    def stream() -> Iterator[tuple[str, tuple[int, int]]]:
        for index, document in enumerate(documents):
            layout = segment(document.text, headings=document.headings)
            chunks = chunk_text(document.text, settings.max_chars_per_chunk)
            states[index] = _DocState(document, layout, _reference_date(document, settings), chunks)
            for start, end in chunks:
                yield document.text[start:end], (index, start)

    pipe = nlp.pipe(stream(), as_tuples=True, batch_size=settings.batch_size, n_process=n_process)
    for doc, (index, offset) in pipe:
        state = states[index]
        state.drafts.extend(_chunk_claims(state, doc, offset))
        state.done += 1
        if state.done == len(state.chunks):
            claims = _finish(state)
            del states[index]
            yield state.document, claims


def extract_claims(document: Document, nlp: Language, settings: Settings) -> list[Claim]:
    """Every claim of one document, in text order."""
    for _, claims in extract_documents([document], nlp, settings):
        return claims
    return []
