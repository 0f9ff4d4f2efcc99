"""The claims of one spaCy chunk: quantities shifted to document offsets and filtered, each made a table
or prose claim, then shares joined to their conversions and missing subjects filled from neighbours."""

from __future__ import annotations

import dataclasses
import logging
import re

from spacy.tokens import Doc

from claims import context
from claims.errors import OffsetMismatchError
from claims.extract.build import DocState
from claims.extract.filters import URL, claim_drop_reason
from claims.extract.prose import prose_claim
from claims.extract.tables import table_claim
from claims.lexicon import context as words
from claims.segment import Layout
from claims.types import Claim, Kind, Quantity

logger = logging.getLogger(__name__)


def _shift(q: Quantity, offset: int) -> Quantity:
    return dataclasses.replace(q, start=q.start + offset, end=q.end + offset) if offset else q


def _find_quantities(doc: Doc) -> list[Quantity]:
    from claims.nlp.quantities import find_quantities

    return list(find_quantities(doc))


def chunk_claims(state: DocState, doc: Doc, offset: int) -> list[Claim]:
    document, layout = state.document, state.layout
    text = document.text
    url_spans = [m.span() for m in URL.finditer(text, offset, offset + len(doc.text))]
    quantities = []
    for q in _find_quantities(doc):
        q = _shift(q, offset)
        if text[q.start : q.end] != q.surface:
            raise OffsetMismatchError(
                "quantity offsets do not give back its surface",
                doc=document.doc,
                start=q.start,
                end=q.end,
                surface=q.surface,
            )
        reason = claim_drop_reason(text, layout, q, url_spans)
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
            claim = table_claim(state, table, row, cell, q)
        else:
            claim = prose_claim(state, doc, offset, q, spans)
        out.append(claim)
    filled = fill_subjects(layout, _share_with_conversions(text, out), text)
    return elliptical_counts([counted_by_subject(c) for c in filled])


SHARE_AFTER = re.compile(
    r"^\s+of\s+(?:the\s+)?(?:(?:world|global|regional|national)\s+)?"
    r"(?P<base>GDP|gross\s+domestic\s+product|GNI|GNP)\b",
    re.IGNORECASE,
)


_NUMBER_OF = re.compile(r"\b(?:number|count|tally) of (?P<what>[\w' -]+)")
_AFTER_COUNTED = frozenset(words.NOT_ITEM_WORDS | {"without", "who", "which", "across", "under", "for", "on"})


def counted_noun(subject: str) -> str:
    """The things a subject says it is a number of ("" when it names none).

    >>> counted_noun("number of Florida customers without power"), counted_noun("number of people killed")
    ('customers', 'people')
    >>> counted_noun("number of registered voters")
    'voters'
    >>> counted_noun("share of the vote"), counted_noun("number of Florida")
    ('', '')
    """
    m = _NUMBER_OF.search(subject)
    if m is None:
        return ""
    named: list[str] = []
    for word in m.group("what").split():
        if word.lower() in _AFTER_COUNTED or (named and word.endswith("ed")):  # `without ...`, `killed`
            break
        named.append(word)
    head = named[-1] if named else ""
    if head.isalpha() and head.islower() and (head.endswith("s") or head in words.INVARIANT_PLURALS):
        return head
    return ""


def counted_by_subject(claim: Claim) -> Claim:
    """A bare number of no unit (`fell to more than 2.4M, down from a peak of more than 3.4M`) whose subject,
    its own or borrowed, is a number of things (`the number of Florida customers without electricity`)
    counts those things (`counted_noun`)."""
    if claim.kind != Kind.OTHER or claim.unit is not None or claim.counted or claim.value is None:
        return claim
    noun = counted_noun(claim.subject)
    return dataclasses.replace(claim, kind=Kind.COUNT, unit="count", counted=noun) if noun else claim


ELLIPSIS_FACTOR = 10.0
"""How far apart (a factor) a bare number and the count before it may be for the number to count the same
things (`elliptical_counts`)."""


def elliptical_counts(claims: list[Claim]) -> list[Claim]:
    """A large bare number of no unit after a count of the same sentence, within `ELLIPSIS_FACTOR` of it,
    counts what that count counts: in "Lai won 5.59 million votes, against 4.6 million for Hou", 4.6
    million is votes. Smaller numbers (`two of them`, `3 for Hou`) and numbers far from the count are left.
    """
    out = list(claims)
    last: dict[tuple[str, int], Claim] = {}  # (document, sentence) -> the last count with a counted noun
    for i, c in enumerate(out):
        key = (c.doc, c.sentence_start)
        if c.kind == Kind.COUNT and c.counted:
            last[key] = c
            continue
        count = last.get(key)
        if count is None or c.kind != Kind.OTHER or c.unit is not None or c.counted or not c.value:
            continue
        if abs(c.value) < 1000 or not count.value:
            continue
        if max(c.value / count.value, count.value / c.value) <= ELLIPSIS_FACTOR:
            out[i] = dataclasses.replace(c, kind=Kind.COUNT, unit="count", counted=count.counted)
    return out


def fill_subjects(layout: Layout, claims: list[Claim], text: str = "") -> list[Claim]:
    """A number without a readable subject (`..., to 8.1 billion yen in FY2025`) measures what the previous
    number of the same sentence and unit measures; a percentage without one (`..., up 14%`, `or 6.2% of
    GDP`) what the previous number of the sentence measures, of any unit; else its counted noun, else its
    section heading.

    One pass each way over the claims (a sentence of a thousand figures costs a thousand steps, not a
    million): the nearest later candidate of each claim is found going backwards first, then the claims
    are filled in order, each remembering the nearest earlier candidate per sentence.
    """
    out = list(claims)
    later = _later_subjects(out)
    earlier: dict[tuple[object, ...], str] = {}  # (sentence, kind[, unit]) -> the nearest earlier subject
    measured: dict[int | None, str] = {}  # sentence -> the nearest earlier non-percentage subject or noun
    for i, c in enumerate(out):
        if not c.subject:
            subject = earlier.get(_same_measure(c), "") or later[i]
            if c.kind == Kind.PERCENT:
                prev = measured.get(c.sentence_start)
                if prev is not None:
                    subject = re.sub(r"\s*\((?:% of \w+|\w+ equivalent)\)$", "", prev)
                share = SHARE_AFTER.match(text[c.char_end : c.char_end + 40]) if text else None
                if subject and share:
                    base = share.group("base")
                    subject = f"{subject} (% of {'GDP' if base.lower().startswith('gross') else base})"
            if not subject:
                section = layout.section_at(c.char_start)
                subject = c.counted or (section.path[-1] if section is not None and section.path else "")
            c = out[i] = dataclasses.replace(c, subject=context.clean_subject(subject) or subject)
        if c.subject:
            earlier[(c.sentence_start, c.kind, c.unit)] = c.subject
            if c.kind == Kind.MONEY:
                earlier[(c.sentence_start, c.kind)] = c.subject
        if c.kind != Kind.PERCENT and (c.subject or c.counted):
            measured[c.sentence_start] = c.subject or c.counted or ""
    return out


def _same_measure(c: Claim) -> tuple[object, ...]:
    """What a claim's subject may be borrowed from: a number of the same sentence and kind, and of the
    same unit unless it is money (`8.1 billion yen` may borrow from `$75 million`)."""
    if c.kind == Kind.MONEY:
        return (c.sentence_start, c.kind)
    return (c.sentence_start, c.kind, c.unit)


def _later_subjects(claims: list[Claim]) -> list[str]:
    """For each claim, the subject of the nearest later claim it may borrow from (`_same_measure`), as the
    claims stand before any is filled; "" when none."""
    ahead: dict[tuple[object, ...], str] = {}
    found = [""] * len(claims)
    for i in range(len(claims) - 1, -1, -1):
        c = claims[i]
        found[i] = ahead.get(_same_measure(c), "")
        if c.subject:
            ahead[(c.sentence_start, c.kind, c.unit)] = c.subject
            if c.kind == Kind.MONEY:
                ahead[(c.sentence_start, c.kind)] = c.subject
    return found


_CONVERSION_GAP = re.compile(
    r"^\s*[(\[]\s*(?:(?:about|around|approx\.?|approximately|roughly|some|nearly|c\.|~|i\.e\.|or|equivalent\s+to"
    r"|equal\s+to|US)\s*)*\\?$",
    re.IGNORECASE,
)


def _share_with_conversions(text: str, claims: list[Claim]) -> list[Claim]:
    """A parenthesised conversion (`¥400 million ($2.81 million)`) measures what the amount before it does."""
    out = list(claims)
    for i in range(1, len(out)):
        prev, cur = out[i - 1], out[i]
        if prev.kind != Kind.MONEY or cur.kind != Kind.MONEY or prev.sentence_start != cur.sentence_start:
            continue
        if not _CONVERSION_GAP.match(text[prev.char_end : cur.char_start]):
            continue
        changes: dict[str, object] = {
            "subject": f"{prev.subject} ({cur.unit} equivalent)" if prev.subject else cur.subject
        }
        if cur.period_start is None and cur.period_end is None and (prev.period_start or prev.period_end):
            changes.update(
                period_start=prev.period_start,
                period_end=prev.period_end,
                fiscal=prev.fiscal,
                flags=tuple(f for f in cur.flags if f != "no_period"),
            )
        out[i] = dataclasses.replace(cur, **changes)  # type: ignore[arg-type]
    return out
