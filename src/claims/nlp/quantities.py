"""Quantities in a spaCy Doc: the text scanner (`claims.parse.scan`) refined by the parser when loaded.

`find_quantities(doc)` works on any Doc: from the full pipeline (tagger and parser refine counts, what
they count, and elliptical counts like "building four in Japan"), or from `spacy.blank("en")` (the text
scanner alone; counted nouns are read heuristically).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from decimal import Decimal
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claims.errors import OffsetMismatchError
from claims.lexicon.context import MONTHS
from claims.lexicon.units import PERCENT, PRICE_DENOMINATORS, RECORD_MULTIPLIER_UNIT
from claims.parse.around import change_before
from claims.parse.nonclaims import URL, PlainLayout, claim_drop_reason
from claims.parse.numbers import to_float
from claims.parse.record_units import age_unit_name, record_unit_name, singular_noun_phrase
from claims.parse.scan import COUNT, Candidate, noun_from_previous, scan
from claims.types import UNKNOWN_CURRENCY, Kind, Qualifier, Quantity

logger = logging.getLogger(__name__)

DOC_ATTR = "quantities"
FRACTION = "fraction"  # the unit of a share written as a fraction in words, in quantity records
SPAN_KEY = "quantities"

# Tags after a number that show it is not a count ("12 were", "5 fell", "3 will").
_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_NOT_NOUN_POS = frozenset({"AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "PART", "PUNCT", "SPACE", "SYM"})
# Dependencies of a number token that make it a noun phrase of its own ("building four in Japan").
_NOMINAL_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "pobj", "conj", "appos", "attr", "dative"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})

Scanner = Callable[..., list[Candidate]]


def ensure_extension() -> None:
    """Register `Doc._.quantities` (idempotent)."""
    if not Doc.has_extension(DOC_ATTR):
        Doc.set_extension(DOC_ATTR, default=None)


def find_quantities(doc: Doc) -> list[Quantity]:
    """Every quantity in `doc`, sorted by start; offsets index `doc.text`.

    Reads `doc._.quantities` when the pipeline's `claims_quantities` component set it, else computes.
    """
    if Doc.has_extension(DOC_ATTR):
        stored = doc._.get(DOC_ATTR)
        if stored is not None:
            return [quantity_from_dict(q) if isinstance(q, dict) else q for q in stored]
    return compute_quantities(doc)


def quantity_to_dict(quantity: Quantity) -> dict[str, object]:
    """A msgpack-friendly form of a Quantity (enums as their string values)."""
    out = {f: getattr(quantity, f) for f in Quantity.__dataclass_fields__}
    out["kind"] = str(quantity.kind)
    out["qualifier"] = str(quantity.qualifier)
    return out


def quantity_from_dict(data: dict[str, object]) -> Quantity:
    values = dict(data)
    values["kind"] = Kind(str(values["kind"]))
    values["qualifier"] = Qualifier(str(values["qualifier"]))
    return Quantity(**values)  # type: ignore[arg-type]


def quantities_in_text(text: str, nlp: Language) -> list[Quantity]:
    """Run `nlp` over `text` and return its quantities."""
    return find_quantities(nlp(text))


def compute_quantities(doc: Doc, *, scanner: Scanner = scan) -> list[Quantity]:
    """Scan `doc.text`, then use tags and dependencies (when the Doc has them) to judge counts."""
    text = doc.text  # built from the tokens at each access: read it once
    parsed = _parsed(doc)
    judged = _judged(doc, scanner(text, keep_bare=parsed), parsed=parsed)
    if parsed:  # a count the parser read without its noun ("managed 65 by himself") takes the one before
        judged = noun_from_previous(text, judged)
    return [to_quantity(c, text) for c in judged]


def _parsed(doc: Doc) -> bool:
    return doc.has_annotation("DEP") and doc.has_annotation("TAG")


def _judged(doc: Doc, candidates: list[Candidate], *, parsed: bool) -> list[Candidate]:
    """The candidates refined by the parser (when the Doc has one); bare numbers it does not take dropped."""
    out: list[Candidate] = []
    for candidate in candidates:
        if parsed:
            refined = _refine(doc, candidate)
            if refined is None:
                continue
            candidate = refined
        elif candidate.bare:
            continue
        out.append(candidate)
    return out


RECORD_FIELDS: tuple[str, ...] = (
    "start", "end", "surface", "value", "value_low", "value_high", "unit", "kind", "qualifier", "counted",
    "claim", "reason", "per",
)  # fmt: skip
"""The fields of one mention in the `claims quantities` output, in order (DESIGN.md's, then `per`: what a
price or payment is per, "share" in "61 cents a share", else None)."""


def quantity_record(text: str, nlp: Language | None = None) -> dict[str, object]:
    """One input text -> the `claims quantities` output record: every quantity mention with its kind.

    Mentions the claims stage would not keep are reported too, with `"claim": False` and a `"reason"`: a
    number inside a name ("5G"), a one-word count ("one solution"), or a not-a-claim rule of
    `claims.parse.nonclaims` read on the text alone (a time reference, a label, a list number...). With
    `nlp` (the pipeline of `claims.nlp.pipeline.build_nlp`), the parser refines counts; without, the text
    scanner reads them alone.

    >>> record = quantity_record("Sales of 5G phones rose 12% to $4.5 billion, one analyst said.")
    >>> [(q["surface"], q["value"], q["unit"], q["claim"], q["reason"]) for q in record["quantities"]]
    [('5G', 5.0, 'generation', False, 'name'), ('12%', 12.0, 'percent', True, None), ('$4.5 billion', 4500000000.0, 'USD', True, None), ('one', 1.0, 'count', False, 'one_word_count')]
    """  # noqa: E501
    if not isinstance(text, str):
        text = ""
    doc = nlp(text) if nlp is not None else _blank()(text)
    parsed = _parsed(doc)
    candidates = _judged(doc, scan(text, keep_bare=parsed, general=True), parsed=parsed)
    if parsed:
        candidates = noun_from_previous(text, candidates)
    url_spans = [m.span() for m in URL.finditer(text)]
    layout = PlainLayout()
    mentions = []
    for candidate in candidates:
        quantity = to_quantity(candidate, text)
        reason = candidate.reason or claim_drop_reason(text, layout, quantity, url_spans) or None
        if reason in NOT_QUANTITY_REASONS and not (reason == "page_number" and quantity.unit):
            continue  # an address, a list or page number, a label: no quantity mention at all
        unit = (
            None if quantity.unit == UNKNOWN_CURRENCY else quantity.unit
        )  # a currency the text leaves unstated
        mention = {
            "start": quantity.start,
            "end": quantity.end,
            "surface": quantity.surface,
            "value": quantity.value,
            "value_low": quantity.value_low,
            "value_high": quantity.value_high,
            "unit": unit,
            "kind": str(quantity.kind),
            "qualifier": str(quantity.qualifier),
            "counted": quantity.counted,
            "claim": reason is None,
            "reason": reason,
            "per": price_denominator(text, quantity.end) if quantity.kind is Kind.MONEY else None,
        }
        mentions.append(_as_written(candidate, mention))
    return {"text": text, "quantities": [_named(text, m) for m in _movements(text, mentions)]}


_PER_AFTER = re.compile(
    rf"""[ ]?(?:a|an|per|each|/)[ ]?                      # "a share", "per month", "/tonne"
    (?P<per>{"|".join(re.escape(w) for w in sorted(PRICE_DENOMINATORS, key=len, reverse=True))})
    (?![\w-])(?![ ](?:ago|earlier|before|later|on|from|after)\b)  # "a year ago" dates the amount""",
    re.VERBOSE | re.IGNORECASE,
)


def price_denominator(text: str, end: int) -> str | None:
    """What the amount ending at `end` is a price or payment per ("61 cents a share" -> "share").

    >>> [price_denominator(t, len(t.split(" ")[0])) for t in
    ...  ("$0.61 a share", "$80 per barrel", "RM3,000 per month", "$5 a year ago", "$5 each")]
    ['share', 'barrel', 'month', None, None]
    """
    m = _PER_AFTER.match(text, end)
    return PRICE_DENOMINATORS[m["per"].lower()] if m else None


_OLD_AFTER = re.compile(r"[-‐ ]?old\b")  # "a 35-year-old", "15 year-old", "30 years old"


def _named(text: str, mention: dict[str, object]) -> dict[str, object]:
    """A mention's unit and counted noun as a general quantity record names them (CQE's convention).

    Measure units in the international spelling and the ontology's names (`kilometre per hour`,
    `milliampere-hour`); an age in a unit "of age"; a multiple counted as a plain count; the counted noun
    with its head in the singular. Money keeps its ISO code. See `claims.parse.record_units`.

    >>> [(q["surface"], q["unit"], q["counted"]) for q in quantity_record(
    ...     "A 35-year-old drove 80 km/h past 60 fishermen, four times the limit.")["quantities"]]
    [('35-year-old', 'year of age', None), ('80 km/h', 'kilometre per hour', None), ('60', 'count', 'fisherman'), ('four times', 'count', None)]
    """  # noqa: E501
    unit, kind, counted = mention["unit"], mention["kind"], mention["counted"]
    named: dict[str, object] = {}
    if kind == "multiplier":
        named["unit"] = RECORD_MULTIPLIER_UNIT
    elif kind == "measure" and isinstance(unit, str):
        age = age_unit_name(unit)
        end = int(mention["end"])  # type: ignore[call-overload]
        if age and (mention["reason"] == "age" or str(mention["surface"]).endswith("old")
                    or _OLD_AFTER.match(text, end)):  # fmt: skip
            named["unit"] = age
        else:
            named["unit"] = record_unit_name(unit)
    if kind == "count" and isinstance(counted, str):
        named["counted"] = singular_noun_phrase(counted)
    return {**mention, **named} if named else mention


# Between the two values of a movement or a span: "from $2,415 to $2,315", "1.3 A/cm2 to 0.03 A/cm2".
_MOVEMENT_GAP = re.compile(r"[ ]?(?:to|[-–—])[ ]?")
_FROM_BEFORE = re.compile(r"\b(?:from|between)[ ]+\Z", re.IGNORECASE)


def _starts_a_movement(text: str, start: int) -> bool:
    """ "from 4.8% to 4.7%" and "1.3 A/cm2 to 0.03 A/cm2" are spans; in "rose 5% to 10%" the first value is
    the change and the second the level reached."""
    if _FROM_BEFORE.search(text, max(0, start - 12), start):
        return True
    return not change_before(text, start, words=1)


def _movements(text: str, mentions: list[dict[str, object]]) -> list[dict[str, object]]:
    """Two values of one unit joined by "to" are one mention, bounds in the order written (CQE's convention).

    The claims contract keeps "fell from $2,415 to $2,315" as two values (a start and an end); a quantity
    record reports it as one mention whose `value_low` is the first value written and `value_high` the
    second, so a movement keeps its direction. Ranges the scanner joined already ("$30-34.6 million")
    are untouched.

    >>> [(q["surface"], q["value_low"], q["value_high"]) for q in quantity_record(
    ...     "The coin fell from $2,415 to $2,315 overnight.")["quantities"]]
    [('$2,415 to $2,315', 2415.0, 2315.0)]
    >>> [q["surface"] for q in quantity_record("Inflation rose 0.5% to 3.2%.")["quantities"]]
    ['0.5%', '3.2%']
    """
    out: list[dict[str, object]] = []
    for mention in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev["value"] is not None
            and mention["value"] is not None
            and prev["unit"] == mention["unit"]
            and (prev["unit"] not in (None, COUNT) or prev["kind"] == mention["kind"] == "other")
            and prev["claim"]
            and mention["claim"]
            and _MOVEMENT_GAP.fullmatch(text, int(prev["end"]), int(mention["start"]))  # type: ignore[call-overload]
            and _starts_a_movement(text, int(prev["start"]))  # type: ignore[call-overload]
        ):
            start, end = int(prev["start"]), int(mention["end"])  # type: ignore[call-overload]
            out[-1] = {
                **prev,
                "end": end,
                "surface": text[start:end],
                "value": None,
                "value_low": prev["value"],
                "value_high": mention["value"],
            }
            continue
        out.append(mention)
    return out


# Claim-stage reasons that say a number is no quantity mention at all (the others, like a time reference,
# are quantities that are no claim).
NOT_QUANTITY_REASONS: frozenset[str] = frozenset(
    {"excluded_section", "url", "footnote", "imprint", "address", "page_number", "list_number",
     "label_number", "year"}
)  # fmt: skip


def _as_written(candidate: Candidate, mention: dict[str, object]) -> dict[str, object]:
    """The general extractor's reading of minor units, fractions and vague plurals (CQE's convention).

    An amount written in a minor unit is reported in it ("82 cents" -> 82, unit `USD cent`), where the
    claims contract states it in the major unit (0.82 USD). A fraction in words is the share it names ("a
    third" -> 0.333, unit `fraction`), where the claims contract states it in percent. A vague plural of a
    power of ten spans that power to the next ("hundreds of" -> 100 to 1,000, "tens of thousands" ->
    10,000 to 100,000), where the claims contract keeps the lower bound with the qualifier `over`.

    >>> [(q["surface"], q["value"], q["value_low"], q["unit"]) for q in quantity_record(
    ...     "About a third of the 82 cents went to hundreds of farms.")["quantities"]]
    [('a third', 0.3333333333333333, None, 'fraction'), ('82 cents', 82.0, None, 'USD cent'), ('hundreds', None, 100.0, 'count')]
    """  # noqa: E501
    value = candidate.value
    if candidate.form == "descending":  # "between 110 and 100 million years ago": bounds as written
        mention = {**mention, "value_low": mention["value_high"], "value_high": mention["value_low"]}
    if candidate.subunit is not None and candidate.unit is not None:
        minor = Decimal(100)  # every minor unit read (cent, penny, paisa, sen) is a hundredth
        scaled = {k: to_float(Decimal(str(mention[k])) * minor) for k in ("value", "value_low", "value_high")
                  if mention[k] is not None}  # fmt: skip
        return {**mention, **scaled, "unit": f"{candidate.unit} {candidate.subunit}"}
    if candidate.form == "fraction" and candidate.unit == PERCENT and value is not None:
        return {**mention, "value": to_float(value / 100), "unit": FRACTION}
    if (
        candidate.form == "vague"
        and value is not None
        and value > 0
        and value.log10() == value.log10().to_integral()
    ):
        return {**mention, "value": None, "value_low": to_float(value), "value_high": to_float(value * 10)}
    return mention


@cache
def _blank() -> Language:
    import spacy

    return spacy.blank("en")


def to_quantity(candidate: Candidate, text: str) -> Quantity:
    """Candidate (Decimal inside) -> Quantity (floats), checking that the offsets give the surface back."""
    surface = text[candidate.start : candidate.end]
    if not surface or surface != surface.strip():
        raise OffsetMismatchError(
            f"span [{candidate.start}, {candidate.end}) does not give a trimmed surface: {surface!r}",
            start=candidate.start,
            end=candidate.end,
        )
    return Quantity(
        start=candidate.start,
        end=candidate.end,
        surface=surface,
        value=None if candidate.value is None else to_float(candidate.value),
        value_low=None if candidate.low is None else to_float(candidate.low),
        value_high=None if candidate.high is None else to_float(candidate.high),
        unit=candidate.unit,
        kind=candidate.kind,
        qualifier=candidate.qualifier,
        counted=candidate.counted,
        precision=None if candidate.precision is None else to_float(candidate.precision),
        currency_missing=candidate.currency_missing,
    )


def check_offsets(quantities: Iterable[Quantity], text: str) -> None:
    """Raise OffsetMismatchError when a quantity's offsets do not give back its surface."""
    for q in quantities:
        if text[q.start : q.end] != q.surface:
            raise OffsetMismatchError(
                f"text[{q.start}:{q.end}] is {text[q.start : q.end]!r}, not {q.surface!r}",
                start=q.start,
                end=q.end,
            )


# --------------------------------------------------------------------------------------------------
# refinement with the statistical pipeline


def _number_token(doc: Doc, candidate: Candidate) -> Token | None:
    span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    numbers = [t for t in span if t.like_num or t.pos_ == "NUM"]
    return numbers[-1] if numbers else span[-1]


def _refine(doc: Doc, candidate: Candidate) -> Candidate | None:
    if candidate.bare:
        return _elliptical_count(doc, candidate)
    if candidate.kind is not Kind.COUNT or candidate.noun_start is None:
        return candidate
    token = _number_token(doc, candidate)
    nxt = _token_at(doc, candidate.noun_start)
    if token is None or nxt is None:
        return candidate
    if nxt.tag_ in _VERB_TAGS or nxt.pos_ in _NOT_NOUN_POS:
        # "12 were", "3 will": the number is a subject, not a modifier; a scaled amount stays an amount
        return _without_noun(candidate) if candidate.fallback_kind is not None else None
    if candidate.qualifier.value in ("over", "under") and token.i > 0:
        cue = doc[token.i - 1]
        if cue.lower_ in ("over", "under", "above", "below") and cue.dep_ == "prep":
            candidate = replace(candidate, qualifier=Qualifier.EXACT)  # "under four pillars"
    counted = _counted_from_parse(doc, token, after=candidate.end)
    if counted:
        return replace(candidate, counted=counted)
    return candidate


def _without_noun(candidate: Candidate) -> Candidate:
    """ "a population of 1.4 billion overtook ...": the amount without the word read as its noun."""
    kind = candidate.fallback_kind or Kind.OTHER
    if kind is Kind.MONEY:
        return replace(
            candidate, kind=kind, unit=UNKNOWN_CURRENCY, currency_missing=True, counted=None, noun_start=None
        )
    unit = COUNT if kind is Kind.COUNT else None
    return replace(candidate, kind=kind, unit=unit, counted=None, noun_start=None)


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _counted_from_parse(doc: Doc, token: Token, *, after: int | None = None) -> str | None:
    """The noun phrase from after the number to its head noun ("used patrol vessels").

    `after`: the end of the quantity's surface; tokens before it ("-plus", the "m" of "1m") are not counted.
    """
    head = token.head
    if head is token or head.i <= token.i or head.pos_ not in _NOUN_POS:
        return None
    if head.i - token.i > 8:
        return None
    first = token.i + 1
    while after is not None and first <= head.i and doc[first].idx < after:
        first += 1
    words = doc[first : head.i + 1]
    if any("\n" in t.whitespace_ or "\t" in t.text or t.is_space for t in doc[token.i : head.i]):
        return None  # the head is on another line or in another table cell
    if any(t.is_punct and t.text not in ("-", "‐", "'", "’") for t in words[:-1]):
        return None  # "seats for five, all-wheel drive": a comma between the number and its "head"
    text = words.text.strip()
    if text.lower().startswith(("the ", "a ", "an ")):
        text = text.split(" ", 1)[1]
    return text or None


def _elliptical_count(doc: Doc, candidate: Candidate) -> Candidate | None:
    """A bare integer the parser reads as a counted noun phrase or as the count of a noun further on."""
    token = _number_token(doc, candidate)
    if token is None or not token.like_num:
        return None
    if candidate.after_name:
        return _count_after_name(doc, token, candidate)
    if token.ent_type_ in ("DATE", "TIME", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
        return None
    count = replace(candidate, bare=False, kind=Kind.COUNT, unit=COUNT, counted=None)
    if _part_of_a_count(token):
        return count  # its noun is the count's (`noun_from_previous`)
    if token.text.lower() == "one":
        return None
    head = token.head
    if token.dep_ == "nummod" and head.pos_ in _NOUN_POS and head.i > token.i:
        counted = _counted_from_parse(doc, token)
        if counted:
            return replace(count, counted=counted)
        # "seats for five, all-wheel drive": tied across a comma, a count whose noun is elsewhere
        return count if any(t.text == "," for t in doc[token.i + 1 : head.i]) else None
    if token.pos_ != "NUM":
        return None
    if token.dep_ == "dobj" and head.pos_ == "VERB" and head.i == token.i - 1:
        return count  # "building four in Japan"
    if token.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX") and head.i > token.i:
        return count  # "200 people died and 1,500 were injured"
    if token.dep_ == "conj" and (
        (head.pos_ == "NUM" and head.dep_ == "dobj")
        or any(child.dep_ == "dobj" and child.pos_ == "NUM" and child.i < token.i for child in head.children)
    ):
        return count  # "... and four in Indonesia" (attached to the first number or to its verb)
    if (
        token.dep_ == "pobj"
        and head.lower_ == "of"
        and head.i == token.i - 1
        and head.head.lower_ in _TOTAL_NOUNS
    ):
        return count  # "a total of 8"
    if _told_count(token):
        return count  # "the death toll rose to 374", "officials put the number of injured at 374"
    return None


def _part_of_a_count(token: Token) -> bool:
    """A bare number set beside a count as a part of it, alone or in a list: "14 people were killed: six in
    Chile, five in Peru and three in Bolivia", "98 goals, 17 of them by Brazil"."""
    for _ in range(12):
        if token.dep_ not in ("appos", "conj") or token.head.i >= token.i:
            return False
        token = token.head
        if token.ent_type_ in ("DATE", "TIME") or token.lower_ in MONTHS:
            return False  # "between September 1 and 3"
        if token.pos_ in _NOUN_POS:
            return any(child.dep_ == "nummod" and child.like_num for child in token.children)
        if not token.like_num:
            return False
    return False


def _told_count(token: Token) -> bool:
    """A bare number that a verb gives to a toll, a tally or a number of things: "the death toll rose to 374",
    "put the number of injured at 374", "the toll stood at 374", "the toll reached 374", "the toll is 374";
    both ends of a change ("the toll went up from 312 to 448") and each number of a list ("the numbers of
    injured and missing rose to 1,120 and 305, respectively")."""
    if token.dep_ == "conj" and token.head.like_num and token.head.i < token.i:
        token = token.head  # "1,120 and 305": the list's first number carries the verb
    verb = None
    if token.dep_ == "pobj" and token.head.lower_ in ("to", "at", "from") and token.head.dep_ == "prep":
        verb = token.head.head
        if verb.like_num and verb.dep_ == "pobj" and verb.head.lower_ == "from":
            verb = verb.head  # "from 312 to 448": "to" hangs on the first number ...
        if verb.lower_ == "from" and verb.dep_ == "prep":
            verb = verb.head  # ... or on "from"
    elif token.dep_ in ("dobj", "attr"):
        verb = token.head
    if verb is None or verb.pos_ not in ("VERB", "AUX") or verb.i > token.i:
        return False
    return any(
        child.dep_ in ("nsubj", "nsubjpass", "dobj") and child.lower_ in _COUNT_HOLDERS and child.i < token.i
        for child in verb.children
    )


# Nouns that hold a count a verb sets: "the toll rose to 374", "put the number of injured at 374".
_COUNT_HOLDERS = frozenset(
    {"toll", "tally", "number", "count", "total", "headcount"}
    | {"tolls", "tallies", "numbers", "counts", "totals"}
)


def _count_after_name(doc: Doc, token: Token, candidate: Candidate) -> Candidate | None:
    """ "Japan provided Indonesia 3 patrol boats": a count after a country (indirect object), not a name."""
    if token.i == 0 or token.dep_ != "nummod" or token.head.pos_ not in _NOUN_POS or token.head.i < token.i:
        return None
    prev = doc[token.i - 1]
    if prev.ent_type_ not in ("GPE", "NORP") and prev.dep_ != "dative":
        return None
    counted = _counted_from_parse(doc, token) or candidate.counted
    return replace(candidate, bare=False, after_name=False, kind=Kind.COUNT, unit=COUNT, counted=counted)


# Nouns whose "of N" gives a count: "a total of 8", "a crew of 80", "a workforce of 12,000".
_TOTAL_NOUNS = frozenset(
    {
        "total",
        "sum",
        "fleet",
        "number",
        "maximum",
        "minimum",
        "tally",
        "count",
        "crew",
        "staff",
        "workforce",
        "headcount",
        "membership",
        "contingent",
        "garrison",
        "complement",
        "force",
        "team",
        "delegation",
        "population",
        "batch",
        "group",
        "squad",
        "army",
        "cohort",
        "sample",
        "majority",
        "margin",
        "lead",
    }
)


def spans_for(doc: Doc, quantities: Iterable[Quantity]) -> list[Span]:
    """Token spans (expanded to token boundaries) labelled with the kind, for displaCy and span groups."""
    spans = []
    for q in quantities:
        span = doc.char_span(q.start, q.end, label=q.kind.value, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return spans
