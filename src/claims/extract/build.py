"""The per-document extraction state, one `Claim` built from a quantity and its context, and the final
pass (one claim per span, offsets checked, stable claim ids).

Building a claim also reads the facets that decide what it measures (`claims.context.facets`: role, stage,
scope, grain, classes, and its owner from its own clause, `claims.context.owners`, else the document's main
party) and its time facet (`claims.context.periods.period_facet`), so that reports can show them; its
parties (`entities`) are its owner and the parties of its own clause, not every party of the sentence; a
subject that only names a party or a person ("Al Jazeera", "the Central government") is no subject.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from claims import context
from claims.context.entities import find_entities
from claims.context.facets import (
    Facets,
    cell_facets,
    claim_facets,
    document_as_of,
    document_stage,
    opening_paragraph,
    row_role,
    with_subject,
)
from claims.context.owners import clause_parties, names_in, owner_key
from claims.context.periods import period_facet
from claims.errors import OffsetMismatchError
from claims.lexicon import context as words
from claims.lexicon.currencies import usable_iso_codes
from claims.parse.periods import Period
from claims.segment import Layout
from claims.types import UNKNOWN_CURRENCY, Claim, Document, Kind, Quantity, make_claim_id

from .dollars import KEEP, home_dollar, is_bare_dollar, with_home_dollar
from .rupees import home_rupee, with_home_rupee

logger = logging.getLogger(__name__)


@dataclass
class DocState:
    document: Document
    layout: Layout
    reference: dt.date | None
    chunks: list[tuple[int, int]]
    done: int = 0
    drafts: list[Claim] = field(default_factory=list)
    document_facets: DocumentFacets | None = None  # read once from the title, lead and date


LEAD_CHARS = 600
"""How much of a document's opening (title and lead) its main party is read from."""


def main_party(text: str, title: str = "") -> str:
    """The party a document is mainly about: the first party its title names (`title`, else the text's
    first line), else the party of the entity lexicon its lead names most often, else a name the lead
    repeats; "" when none.

    >>> main_party("Rescuers in Libya searched Derna as the toll rose in Libya.", "Floods: toll rises")
    'Libya'
    >>> main_party("The BJP won 240 seats; the BJP's allies won 53.", "Results day")
    'BJP'
    >>> main_party("Revenue at Nvidia rose 265%.", "Nvidia revenue soars as AI demand booms")
    'Nvidia'
    """
    title = title or text.split("\n", 1)[0]
    opening = text.lstrip()
    body = opening[len(title) :] if title and opening.startswith(title) else text  # not the headline itself
    in_title = [
        named
        for n in names_in(title)
        if not n.text.lower().endswith("ly") and (named := _named_in_text(n.text, body))
    ]
    opening_name = _opening_name(title, text)
    if opening_name:  # a title opening with the name ("Nvidia revenue soars", "South Africa's ANC ...")
        in_title.insert(0, opening_name)
    if in_title:
        return in_title[0]
    lead = text[:LEAD_CHARS]
    known = Counter(name for _, name in find_entities(lead))
    if known:
        best = max(known.values())
        return next(name for _, name in find_entities(lead) if known[name] == best)
    found = [
        n.text for n in names_in(lead) if not n.text.lower().endswith("ly") and not _AMOUNT.fullmatch(n.text)
    ]
    counts = Counter(owner_key(n) for n in found)
    repeated = [n for n in found if counts[owner_key(n)] >= 2]
    return repeated[0] if repeated else ""


def _opening_name(title: str, text: str) -> str:
    """The name a title opens with: its longest run of capitalised opening words that `text` writes as a name
    (`_proper`), so "South Africa's ANC loses majority" gives "South Africa", not "South", and "Hurricane Otis
    kills 27" gives "Hurricane Otis" where the text names it so; "" when the opening word is no name.

    >>> _opening_name("Sri Lanka votes", "Polls opened across Sri Lanka on Saturday.")
    'Sri Lanka'
    >>> _opening_name("Nvidia revenue soars", "Revenue at Nvidia rose 265%.")
    'Nvidia'
    >>> _opening_name("Monday toll rises", "The toll rose on Monday.")
    ''
    >>> _opening_name("Pakistan Set For Budget", "In Pakistan, Pakistan Set For Budget, they set out.")
    'Pakistan'
    """
    m = re.match(r"\s*([A-Z][\w&.-]+(?:[ ]+[A-Z][\w&.-]+)*)", title)
    if not m:
        return ""
    words_ = m.group(1).split()
    for size in range(len(words_), 0, -1):
        run = words_[:size]
        if run[0].lower() in words.NOT_OWNER_WORDS or run[-1].lower() in words.NOT_OWNER_WORDS:
            continue
        if size > 1 and re.search(rf"(?<![\w-]){re.escape(run[-1].lower())}(?![\w-])", text):
            continue  # a title-case common word ("Announces", "President", "Earthquake") ends no name
        if _proper(" ".join(run), text):
            return " ".join(run)
    return ""


def _named_in_text(name: str, text: str) -> str:
    """What of a title's name is a name: the whole when it is a party of the entity lexicon, else its longest
    run of words ("Tropical Storm Beryl Nears Texas": "Beryl") that `text` (the document without its
    headline) writes after a lower-case word inside a sentence; "" when none. A title-case headline
    capitalises every word ("Toyota Motor Posts Record Profit", "High Death Toll"): such runs are no party
    unless the text names them too.

    >>> _named_in_text("High Death Toll", "The toll rose to 1,301, officials said.")
    ''
    >>> _named_in_text("Tropical Storm Beryl", "Power cuts as Beryl hit Houston.")
    'Beryl'
    >>> _named_in_text("Saudi Aramco", "Profit at Saudi Aramco fell 25%.")
    'Saudi Aramco'
    >>> _named_in_text("Kumara Dissanayake", "Voters chose Anura Kumara Dissanayake.")
    ''
    """
    if find_entities(name):
        return name
    if _AMOUNT.fullmatch(name):
        return ""
    if re.fullmatch(r"[A-Z][A-Z0-9&]{1,5}", name):  # an acronym the text uses ("WHO", "HS2"); not "LIVE"
        return name if re.search(rf"(?<![\w-]){name}(?![\w-])", text) else ""
    parts = name.split()
    for size in range(len(parts), 0, -1):
        for at in range(len(parts) - size + 1):
            run = parts[at : at + size]
            if any(w.lower() in words.NOT_OWNER_WORDS or not w[:1].isupper() for w in (run[0], run[-1])):
                continue
            joined = " ".join(run)
            if re.search(rf"(?:(?<![\w.-])[a-z][\w'-]*|[,;)])\s+{re.escape(joined)}(?![\w-])", text):
                return joined
    return ""


# an amount in a currency glued to its digits, not a name ("N28.78tn", "Rs18trillion", "USD1.2bn"); names
# with digits stay names ("G20", "M23", "HS2", "COP28")
_AMOUNT = re.compile(
    rf"(?:N|Rs|Rp|{'|'.join(sorted(usable_iso_codes()))})[0-9]+"
    r"(?:[.,][0-9]+(?:tn|trn|bn|mn|m|k|trillion|billion|million)?|(?:tn|trn|bn|mn|m|k|trillion|billion|million))"
)


def _proper(word: str, text: str) -> bool:
    """A capitalised word the text also capitalises inside its sentences: a name, not a sentence opener."""
    if word.lower() in words.NOT_OWNER_WORDS or word.lower() in words.MEASURE_ACRONYMS:
        return False
    return bool(re.search(rf"[a-z,]\s+{re.escape(word)}\b", text))


@dataclass(frozen=True, slots=True)
class DocumentFacets:
    """What a document's title and date say about all its figures: its main party (the owner of a figure
    whose clause names none), the stage of its own event's figures, its publication date."""

    main_party: str = ""
    stage: str = ""
    published: dt.date | None = None
    as_of: str = ""  # the clock time a live page reads its running counts at ("12.15 am")


def document_title(document: Document) -> str:
    """Its title, else its first line."""
    return document.title or document.text.lstrip().split("\n", 1)[0]


def document_facets(document: Document) -> DocumentFacets:
    title = document_title(document)
    return DocumentFacets(
        main_party(document.text, document.title or ""),
        document_stage(title, opening_paragraph(document.text, title)),
        document.published,
        document_as_of(title, document.text),
    )


def _document_facets(state: DocState) -> DocumentFacets:
    if state.document_facets is None:
        state.document_facets = document_facets(state.document)
    return state.document_facets


_ROW_LABEL_UNIT = re.compile(
    r"\([^()]*(?:usd|us\$|eur|inr|rs|jpy|gbp|million|billion|crore|lakh|%)[^()]*\)",  # "(USD Millions)"
    re.IGNORECASE,
)


def row_unit(q: Quantity, row: str) -> Quantity:
    """A bare table cell (`60,922`) takes the unit its row label states (`Revenue (USD Millions) | 60,922`)
    when its column header gave it none.

    >>> q = Quantity(start=26, end=32, surface="60,922", value=60922.0, precision=0.5)
    >>> found = row_unit(q, "Revenue (USD Millions) | 60,922 | 26,974")
    >>> found.kind, found.unit, found.value
    (<Kind.MONEY: 'money'>, 'USD', 60922000000.0)
    """
    if q.kind != Kind.OTHER or q.unit is not None or q.value is None:
        return q
    label = row.split(" | ", 1)[0]
    m = _ROW_LABEL_UNIT.search(label)
    if m is None or q.surface in label:
        return q
    unit = context.header_unit(m.group(0))
    if unit.percent:
        return dataclasses.replace(q, kind=Kind.PERCENT, unit="percent")
    if not unit.currency:
        return q
    factor = unit.scale
    return dataclasses.replace(
        q,
        kind=Kind.MONEY,
        unit=unit.currency,
        value=q.value * factor,
        precision=None if q.precision is None else q.precision * factor,
    )


def _span_in(sentence: str, surface: str, start: int) -> tuple[int, int] | None:
    """The surface's offsets inside its sentence (the stored offset, else the first occurrence)."""
    if start >= 0 and sentence[start : start + len(surface)] == surface:
        return start, start + len(surface)
    found = sentence.find(surface)
    return (found, found + len(surface)) if found >= 0 and surface else None


def period_grain(period: Period | None) -> str:
    """The grain facet a period states: `quarter:4` for 2023-Q4, `half:1`, `year` for a year or fiscal year;
    "" for any other period.

    >>> period_grain(Period(2023, 2023, False, "quarter", "2023-Q4"))
    'quarter:4'
    >>> period_grain(Period(2022, 2022, False, "year", "2022"))
    'year'
    """
    if period is None:
        return ""
    if period.grain in {"quarter", "half"} and period.detail[-2:-1] in {"Q", "H"}:
        return f"{period.grain}:{period.detail[-1]}"
    return "year" if period.grain in {"year", "fiscal_year"} else ""


def reports_on(published: dt.date | None, period: Period | None) -> bool:
    """True when a page published in the first half of a year gives a figure of the year before: the time
    results, first estimates and final counts of that year come out, so the page's stage is that figure's.

    >>> reports_on(dt.date(2024, 2, 1), Period(2023, 2023))
    True
    >>> reports_on(dt.date(2024, 9, 1), Period(2023, 2023))  # a page of late in the year
    False
    >>> reports_on(dt.date(2024, 2, 1), Period(2021, 2023))  # a span
    False
    """
    if published is None or period is None or period.start is None or published.month > 6:
        return False
    return period.start == (period.end or period.start) == published.year - 1


def figure_facets(
    sentence: str,
    span: tuple[int, int] | None,
    kind: str,
    subject: str,
    *,
    table_cell: bool,
    document: DocumentFacets,
    period: Period | None = None,
    period_source: str = "",
    column_owner: str = "",
) -> Facets:
    """The facets of a figure (`claims.context.facets`): from its clause, or for a table cell from its row
    label and column header; the document's main party is the owner when the text names none, and the
    document's stage and date are added (its stage only for figures of its own time: undated, dated to its
    year, or to the year before on a page of the first half of a year, see `reports_on`). A table of parties
    by column gives a cell the party of its column (`column_owner`) when its row label names none."""
    owner = document.main_party
    if table_cell:
        label = sentence.split(" | ", 1)[0].strip()
        header = subject.rpartition(": ")[2].strip()
        facets = cell_facets(
            "" if span and span[0] < len(label) else label,
            header,
            kind=kind,
            surface=sentence[span[0] : span[1]] if span else "",
        )
        laid_out = row_role(sentence, span[0]) if span and facets.role == "level" else ""
        if laid_out:  # "$5.4 | $6.1 | down 11%": the change and the figure it is measured from
            facets = dataclasses.replace(facets, role=laid_out)
        row_owner = next((name for _, name in find_entities(label)), "")
        source = "row_label" if row_owner else "column_label" if column_owner else "document" if owner else ""
        facets = dataclasses.replace(
            facets,
            owner=row_owner or column_owner or owner,
            owner_source=source,
            # the grain its column's header gives (`Twelve Months Ended ...`), before any the title names
            grain=(period_grain(period) if period_source == "column" else "") or facets.grain,
        )
    elif span is None:
        facets = Facets(owner=owner, owner_source="document" if owner else "")
    else:
        facets = claim_facets(sentence, span[0], span[1], kind=kind, fallback_owner=owner)
    own_time = (
        period is None
        or document.published is None
        or period.start is None
        or (period.start <= document.published.year <= (period.end or period.start))
    )
    doc_stage = document.stage if own_time or reports_on(document.published, period) else ""
    facets = dataclasses.replace(
        facets,
        stage=facets.stage or doc_stage,  # a live page's own figures are provisional unless said otherwise
        as_of=facets.as_of or (document.as_of if own_time else ""),  # and read at the page's hour
        doc_stage=doc_stage,
        published=document.published.isoformat() if document.published else "",
    )
    return with_subject(facets, subject)


_PARTY_WORDS = words.OWNER_CLASS_WORDS | frozenset(
    {"central", "centre", "center", "union", "federal", "state", "of", "and", "for", "the", "&"}
)


def names_a_party(subject: str) -> bool:
    """A subject that only names a party or a person ("Al Jazeera", "the Central government", "IOM"):
    no subject at all.

    >>> names_a_party("Al Jazeera"), names_a_party("Central government"), names_a_party("death toll")
    (True, True, False)
    >>> names_a_party("GDP"), names_a_party("EPS revenues")
    (False, False)
    """
    tokens = [t for t in re.findall(r"[\w&'’.-]+", subject) if t]
    if not tokens:
        return False
    for token in tokens:
        low = token.lower().strip(".")
        if low in words.MEASURE_ACRONYMS:
            return False
        if token[0].isupper() or low in _PARTY_WORDS:
            continue
        return False
    return any(t[0].isupper() for t in tokens)


_LOWER_CASE_WORD = re.compile(r"(?<![A-Za-z])[a-z][a-z'’-]*")


@lru_cache(maxsize=8)
def _lower_case_words(text: str) -> frozenset[str]:
    """The words a document writes in lower case somewhere."""
    return frozenset(_LOWER_CASE_WORD.findall(text))


def capitalised_common_word(subject: str, sentence: str, text: str) -> bool:
    """A subject whose only capital opens its sentence ("Revenue rose 11% to $23.1 billion"), of a word the
    document also writes in lower case: a common noun, not a party's name.

    >>> capitalised_common_word("Revenue", "Revenue rose 11%.", "Phone revenue grew. Revenue rose 11%.")
    True
    >>> capitalised_common_word("Oxfam", "Oxfam gave $2 million.", "Oxfam gave $2 million to the fund.")
    False
    """
    tokens = re.findall(r"[\w&'’.-]+", subject)
    opening = sentence.lstrip(" -•*\t")
    if not tokens or not opening.startswith(tokens[0]) or any(t[0].isupper() for t in tokens[1:]):
        return False
    return tokens[0].lower() in _lower_case_words(text)


def figure_entities(
    sentence: str, span: tuple[int, int] | None, entities: tuple[str, ...], facets: Facets
) -> tuple[str, ...]:
    """The parties a figure is about: its owner and the parties of its own clause; the given parties (the
    sentence's, or those inherited from the sentence before or the heading) when its clause names none."""
    if span is None:
        return entities
    own = clause_parties(sentence, span[0], span[1])
    owner = facets.owner if facets.owner_source and facets.owner_source != "document" else ""
    found = [owner] if owner else []
    for party in own:
        if party not in found and not any(owner_key(party) == owner_key(f) for f in found):
            found.append(party)
    if not found:
        return entities
    return context.canonical_entities([(0, canonical) for canonical in _canonical(found, entities)])


def _canonical(found: list[str], entities: tuple[str, ...]) -> list[str]:
    """Names as the entity lexicon spells them where it knows them (`PCG` -> `Philippine Coast Guard`)."""
    out = []
    for name in found:
        known = [canonical for _, canonical in find_entities(name)]
        for canonical in known or [name]:
            if canonical not in out:
                out.append(canonical)
    del entities
    return out


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


def build_claim(
    state: DocState,
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
    column_owner: str = "",
) -> Claim:
    document, layout = state.document, state.layout
    if table_cell:
        q = row_unit(q, sentence)
    span = _span_in(sentence, q.surface, q.start - sentence_start)
    facets = figure_facets(
        sentence,
        span,
        str(q.kind),
        subject,
        table_cell=table_cell,
        document=_document_facets(state),
        period=period,
        period_source=period_source,
        column_owner=column_owner,
    )
    if not table_cell:
        entities = figure_entities(sentence, span, entities, facets)
        if names_a_party(subject) and not capitalised_common_word(subject, sentence, document.text):
            subject = q.counted or ""
    else:
        label = sentence.split(" | ", 1)[0].strip()
        entities = tuple(e for e in entities if e != label or find_entities(e))
    time = period_facet(period, sentence, *(span or (0, 0)))
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
        period_grain=time.grain,
        period_detail=time.detail,
        as_of=time.as_of,
        change_basis=time.basis,
        facets=facets.encode(),
    )


_SCALED = re.compile(r"\b(?:lakh|lakhs|crore|crores|million|billion|trillion|bn|mn|tn)\b", re.IGNORECASE)


def document_currency(drafts: list[Claim]) -> str:
    """The one currency a document states its amounts in ("" when it uses several, or none)."""
    found = {c.unit for c in drafts if c.kind == Kind.MONEY and c.unit and c.unit != UNKNOWN_CURRENCY}
    return found.pop() if len(found) == 1 else ""


def with_document_currency(claim: Claim, currency: str, document: DocumentFacets) -> Claim:
    """A bare scaled amount ("set aside 2 Lakh crores") in a document whose amounts are all in one currency
    is an amount in that currency (flagged `currency_missing`, its confidence lowered as such)."""
    if not currency or claim.kind != Kind.OTHER or claim.unit or claim.counted or claim.value is None:
        return claim
    if not _SCALED.search(claim.surface):
        return claim
    start = claim.char_start - claim.sentence_start
    span = _span_in(claim.sentence, claim.surface, start)
    period = Period(claim.period_start, claim.period_end) if claim.period_start is not None else None
    facets = figure_facets(
        claim.sentence, span, "money", claim.subject, table_cell=False, document=document, period=period
    )
    flags = claim.flags if "currency_missing" in claim.flags else (*claim.flags, "currency_missing")
    return dataclasses.replace(
        claim,
        kind=Kind.MONEY,
        unit=currency,
        flags=flags,
        facets=facets.encode(),
        confidence=round(max(0.05, claim.confidence + 0.3 - 0.25), 3),
    )


def finish_document(state: DocState) -> list[Claim]:
    text = state.document.text
    title = document_title(state.document)
    dollar = home_dollar(title, text) if any(is_bare_dollar(c.surface) for c in state.drafts) else KEEP
    if dollar:
        logger.debug("%s: a bare $ read as %s", state.document.doc, dollar)
    rupee = home_rupee(title, text) if any(c.unit == "INR" for c in state.drafts) else ""
    read = [with_home_rupee(with_home_dollar(c, dollar), rupee) for c in state.drafts]
    currency = document_currency(read)
    drafts = sorted(
        (with_document_currency(c, currency, _document_facets(state)) for c in read),
        key=lambda c: (c.char_start, c.char_end),
    )
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
        if text[c.char_start : c.char_end] != c.surface:
            raise OffsetMismatchError(
                "claim offsets do not give back its surface",
                doc=c.doc,
                start=c.char_start,
                end=c.char_end,
                surface=c.surface,
            )
        key = (c.sentence, c.surface)
        claim_id = make_claim_id(c.doc, c.sentence, c.surface, occurrences[key])
        occurrences[key] += 1
        out.append(dataclasses.replace(c, claim_id=claim_id))
    return out
