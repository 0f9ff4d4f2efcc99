"""Plain sentences a fact-checker can read: where each side is, what it says, and why it matters.

>>> format_value(8.1e9, "JPY", "money")
'¥8.1 billion'
>>> format_value(58.9, "percent", "percent")
'58.9%'
>>> format_value(116e6, "USD", "money", qualifier="approx")
'about US$116 million'
"""

from __future__ import annotations

import math
import re

from claims.formatting import format_number
from claims.types import UNKNOWN_CURRENCY, Claim, Qualifier

SYMBOLS = {
    "USD": "US$",
    "JPY": "¥",
    "EUR": "€",
    "GBP": "£",
    "CNY": "CN¥",
    "CAD": "C$",
    "AUD": "A$",
    "NZD": "NZ$",
    "SGD": "S$",
    "HKD": "HK$",
    "TWD": "NT$",
}
QUALIFIER_WORDS = {
    Qualifier.EXACT: "",
    Qualifier.APPROX: "about ",
    Qualifier.OVER: "over ",
    Qualifier.UNDER: "under ",
    Qualifier.AT_LEAST: "at least ",
    Qualifier.UP_TO: "up to ",
}


def format_value(
    value: float | None,
    unit: str | None,
    kind: str,
    *,
    qualifier: str = "exact",
    counted: str | None = None,
    low: float | None = None,
    high: float | None = None,
) -> str:
    """The value as a reader would write it, with its qualifier."""
    if value is None and low is not None and high is not None:
        body = f"{format_number(low)}–{format_number(high)}"
    elif value is None:
        body = format_number(low if low is not None else high or 0.0)
    else:
        body = format_number(value)
    if kind == "money":
        if unit in SYMBOLS:
            body = f"{SYMBOLS[unit]}{body}"
        elif unit in (None, "", UNKNOWN_CURRENCY):
            body = f"{body} (currency not stated)"
        else:
            body = f"{unit} {body}"
    elif kind == "percent":
        body = f"{body}%"
    elif kind == "multiplier":
        body = f"{body} times"
    elif kind == "count" and counted:
        body = f"{body} {counted}"
    elif unit and unit not in ("count",):
        body = f"{body} {unit}"
    return f"{QUALIFIER_WORDS.get(Qualifier(qualifier), '')}{body}"


def claim_value(claim: Claim, *, with_counted: bool = True) -> str:
    return format_value(
        claim.value,
        claim.unit,
        str(claim.kind),
        qualifier=str(claim.qualifier),
        counted=claim.counted if with_counted else None,
        low=claim.value_low,
        high=claim.value_high,
    )


def period_label(claim: Claim) -> str:
    """'2024', 'FY2025', '2009–2022' or '' (no period).

    >>> from claims.reconcile.normalize import _example
    >>> period_label(_example(period_start=2025, period_end=2025, fiscal=True))
    'FY2025'
    """
    start, end = claim.period_start, claim.period_end
    if start is None and end is None:
        return ""
    start = start if start is not None else end
    end = end if end is not None else start
    text = str(start) if start == end else f"{start}–{end}"
    return f"FY{text}" if claim.fiscal else text


def pair_period(a: Claim, b: Claim) -> str:
    pa, pb = period_label(a), period_label(b)
    if pa == pb or not pb:
        return pa
    if not pa:
        return pb
    return f"{pa} / {pb}"


def scope_of(a: Claim, b: Claim | None) -> str:
    """cross_document, cross_chapter, within_chapter or within_sentence."""
    if b is None:
        return "within_sentence"
    if a.doc != b.doc:
        return "cross_document"
    if (a.sentence_start, a.sentence) == (b.sentence_start, b.sentence):
        return "within_sentence"
    if a.chapter != b.chapter:
        return "cross_chapter"
    return "within_chapter"


def _place(claim: Claim, other: Claim) -> str:
    """Where a side is, in words fit for the start of a clause."""
    if claim.doc != other.doc:
        return f"{claim.doc} ({claim.chapter})" if claim.chapter else claim.doc
    if claim.chapter and claim.chapter != other.chapter:
        return claim.chapter
    inner = claim.section.split(" > ")[-1] if claim.section else ""
    other_inner = other.section.split(" > ")[-1] if other.section else ""
    base = claim.chapter or claim.doc
    if inner and inner != other_inner and inner != claim.chapter:
        return f"{base}, section “{inner}”"
    return f"{base} (offset {claim.char_start})"


def topic_of(a: Claim, b: Claim) -> str:
    """What both sides measure: the subject whose words the other side's sentence also uses most.

    Ties go to the shorter subject; bare counts fall back to the counted noun.
    """
    candidates = [(s.strip(), other) for s, other in ((a.subject, b), (b.subject, a)) if s and s.strip()]
    if not candidates:
        return (a.counted or b.counted or "the same quantity").strip()

    def support(item: tuple[str, Claim]) -> tuple[float, int]:
        subject, other = item
        words = {w for w in re.findall(r"[a-z]+", subject.lower()) if len(w) > 3}
        context = other.sentence.lower()
        shared = sum(1 for w in words if w[:5] in context)
        return (-shared / max(len(words), 1), len(subject))

    return min(candidates, key=support)[0]


def _period_phrase(period: str) -> str:
    return f" in {period}" if period else ""


def explain_pair(
    kind: str,
    a: Claim,
    b: Claim,
    *,
    rel: float,
    cross_currency: bool = False,
    usd_a: float | None = None,
    usd_b: float | None = None,
    factor: str = "",
) -> str:
    """One sentence for a two-sided finding."""
    topic = topic_of(a, b)
    where_a, where_b = _place(a, b), _place(b, a)
    # "6 for training courses delivered to ...", not "6 training courses for training courses ..."
    bare = any(c.counted and c.counted.lower() in topic.lower() for c in (a, b))
    va, vb = claim_value(a, with_counted=not bare), claim_value(b, with_counted=not bare)
    if cross_currency and usd_a is not None and usd_b is not None:
        if a.unit != "USD":
            va += f" (≈{format_value(usd_a, 'USD', 'money')})"
        if b.unit != "USD":
            vb += f" (≈{format_value(usd_b, 'USD', 'money')})"
    pa, pb = period_label(a), period_label(b)
    if pa == pb or not (pa and pb):
        period, side_a, side_b = _period_phrase(pa or pb), "", ""
    else:
        period, side_a, side_b = "", f" in {pa}", f" in {pb}"
    if kind == "magnitude_mismatch":
        return (
            f"{where_a} gives {va} for {topic}{period}{side_a}, while {where_b} gives {vb}{side_b}: "
            f"the figures are a factor of about {factor or _factor_word(a, b)} apart, likely a "
            f"million/billion slip."
        )
    if kind == "rounding":
        return (
            f"{where_a} gives {va} and {where_b} gives {vb} for {topic}{period}: the same figure at the "
            f"stated precision, rounded differently."
        )
    return (
        f"{where_a} gives {va} for {topic}{period}{side_a}; {where_b} gives {vb}{side_b} for the same "
        f"quantity ({rel:.0%} apart)."
    )


def factor_word(ratio: float) -> str:
    """'1,000', 'a million' or 'a billion' for a ratio near one of them.

    >>> factor_word(1071.4), factor_word(1 / 980_000)
    ('1,000', 'a million')
    """
    exponent = round(abs(math.log10(abs(ratio))) / 3) * 3 if ratio else 3
    return {3: "1,000", 6: "a million", 9: "a billion"}.get(exponent, f"10^{exponent}")


def _factor_word(a: Claim, b: Claim) -> str:
    va, vb = a.low or 0.0, b.low or 0.0
    return factor_word(va / vb) if va and vb else "1,000"
