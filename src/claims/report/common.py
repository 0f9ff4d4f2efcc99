"""Small pure helpers shared by the report renderers: cell cleaning, number and period formatting,
highlighting a surface inside its sentence, page names, and the Jinja2 environment.

Every string that comes from a document is treated as untrusted: it only reaches HTML through
`markupsafe.escape` or an autoescaping template.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

import jinja2
import pandas as pd
from markupsafe import Markup, escape

from claims.formatting import format_number
from claims.formatting import none_if_missing as clean
from claims.types import UNKNOWN_CURRENCY, stable_id

STATUS_ORDER = {"open": 0, "confirmed": 1, "dismissed": 2}
TIERS = ("finding", "possible")
"""A finding's tier: "finding" (above the report's score threshold) or "possible" (kept, shown apart)."""

KIND_LABELS = {
    "value_mismatch": "value mismatch",
    "magnitude_mismatch": "magnitude mismatch",
    "rounding": "rounding",
    "conversion_mismatch": "conversion mismatch",
    "arithmetic": "arithmetic",
}
SCOPE_LABELS = {
    "cross_document": "cross-document",
    "cross_chapter": "cross-chapter",
    "within_chapter": "within chapter",
    "within_sentence": "within sentence",
}
FLAG_LABELS = {
    "currency_missing": "currency missing",
    "currency_from_document": "currency (dollar, rupee) read from the document's country",
    "no_period": "no period",
    "no_citation": "no citation",
    "table_cell": "table cell",
}

_CURRENCY_SYMBOLS = {
    "USD": "$",
    "JPY": "¥",
    "EUR": "€",
    "GBP": "£",
    "CNY": "CN¥",
    "INR": "₹",
    "KRW": "₩",
    "CAD": "CA$",
    "AUD": "A$",
    "NZD": "NZ$",
    "SGD": "S$",
    "HKD": "HK$",
    "TWD": "NT$",
}


# ---------------------------------------------------------------------------------------------- cells


def records(df: pd.DataFrame | None) -> list[dict[str, object]]:
    """Rows of a frame as plain dicts, missing cells as None (an absent frame gives no rows)."""
    if df is None or df.empty:
        return []
    columns = []
    for _, column in df.items():  # a column at a time: one missing-mask per column, not a call per cell
        values = column.tolist()
        missing = column.isna().to_numpy()
        columns.append(
            [None if m else v for v, m in zip(values, missing, strict=True)] if missing.any() else values
        )
    names = [str(k) for k in df.columns]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


ClaimParts = Callable[[], Iterable[pd.DataFrame]]
"""A claims table read a part at a time: each call gives its parts again, in table order (by document,
then offset), so a report reads every claim without holding them all."""


def claim_parts(claims: pd.DataFrame | ClaimParts | None) -> ClaimParts:
    """Claims given whole, or in parts, as parts (a whole frame is one part).

    >>> [len(p) for p in claim_parts(pd.DataFrame({"doc": ["b", "a"]}))()], list(claim_parts(None)())
    ([2], [])
    """
    if claims is None:
        return lambda: ()
    if isinstance(claims, pd.DataFrame):
        frame = claims
        return lambda: (frame,)
    return claims


def in_document_order(claims: pd.DataFrame | ClaimParts | None) -> ClaimParts:
    """Claims as parts in document order (`rows_by_document` reads them so): a whole frame is sorted by
    document (stable), parts are taken to be in that order already.

    >>> [p["doc"].tolist() for p in in_document_order(pd.DataFrame({"doc": ["b", "a", "b"]}))()]
    [['a', 'b', 'b']]
    """
    if isinstance(claims, pd.DataFrame) and "doc" in claims and len(claims):
        docs = [as_text(d) for d in claims["doc"].tolist()]
        frame = claims.iloc[sorted(range(len(docs)), key=docs.__getitem__)]
        return lambda: (frame,)
    return claim_parts(claims)


def rows_by_document(parts: Iterable[pd.DataFrame]) -> Iterator[tuple[str, list[dict[str, object]]]]:
    """Each document's claim rows (`records`), one document at a time, from parts in document order; the
    rows of a document in reading order (by start offset, ties as given).

    >>> parts = [pd.DataFrame({"doc": ["a", "a"], "char_start": [9, 2]}), pd.DataFrame({"doc": ["a", "b"]})]
    >>> [(doc, [r.get("char_start") for r in rows]) for doc, rows in rows_by_document(parts)]
    [('a', [None, 2, 9]), ('b', [None])]
    """
    doc: str | None = None
    rows: list[dict[str, object]] = []
    for part in parts:
        for row in records(part):
            name = as_text(row.get("doc"))
            if name != doc:
                if doc is not None:
                    yield doc, sorted(rows, key=lambda c: as_int(c.get("char_start")) or 0)
                if doc is not None and name < doc:
                    raise ValueError(f"claims of {name!r} out of place: the parts must be in document order")
                doc, rows = name, []
            rows.append(row)
    if doc is not None:
        yield doc, sorted(rows, key=lambda c: as_int(c.get("char_start")) or 0)


def as_text(value: object) -> str:
    """A cell as a stripped string ('' when missing).

    >>> as_text(None), as_text(" Chapter 4 "), as_text(3)
    ('', 'Chapter 4', '3')
    """
    value = clean(value)
    return "" if value is None else str(value).strip()


def as_float(value: object) -> float | None:
    """A cell as a float, None when missing or not a number.

    >>> as_float("8100000000.0"), as_float(""), as_float(None), as_float("n/a")
    (8100000000.0, None, None, None)
    """
    value = clean(value)
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or math.isinf(number) else number


def as_int(value: object) -> int | None:
    """A cell as an int (offsets, years), None when missing.

    >>> as_int(2023.0), as_int("2025"), as_int(None)
    (2023, 2025, None)
    """
    number = as_float(value)
    return None if number is None else int(number)


def as_bool(value: object) -> bool:
    """A cell as a bool; 'true'/'1'/'yes' strings count as true.

    >>> as_bool(True), as_bool("true"), as_bool("False"), as_bool(None), as_bool(1.0)
    (True, True, False, False, True)
    """
    value = clean(value)
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes", "t", "y"}
    return bool(value) if value is not None else False


def split_list(value: object, sep: str = ";") -> tuple[str, ...]:
    """A `;`-joined cell as a tuple of non-empty parts.

    >>> split_list("Japan;Philippines; OSA"), split_list(None)
    (('Japan', 'Philippines', 'OSA'), ())
    """
    if isinstance(value, list | tuple):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(part.strip() for part in as_text(value).split(sep) if part.strip())


# ----------------------------------------------------------------------------------------- formatting


def format_quantity(
    value: float | None, unit: str | None, low: float | None = None, high: float | None = None
) -> str:
    """The normalised value of a claim, with its unit, for people.

    >>> format_quantity(8.1e9, "JPY")
    '¥8.1 billion'
    >>> format_quantity(None, "USD", 30e6, 34.6e6)
    '$30 million – $34.6 million'
    >>> format_quantity(74.0, "percent"), format_quantity(12.0, "count"), format_quantity(3.0, "times")
    ('74%', '12', '3×')
    >>> format_quantity(5e9, "XXX"), format_quantity(300.0, "kilometer"), format_quantity(None, None)
    ('5 billion (currency not stated)', '300 kilometers', '—')
    """
    if value is None and low is None and high is None:
        return "—"
    if value is None:
        return f"{_one(low, unit)} – {_one(high, unit)}"
    return _one(value, unit)


def _one(value: float | None, unit: str | None) -> str:
    if value is None:
        return "?"
    number = format_number(value)
    unit = unit or ""
    if unit == "percent":
        return f"{number}%"
    if unit == "times":
        return f"{number}×"
    if unit in {"count", ""}:
        return number
    if unit == UNKNOWN_CURRENCY:
        return f"{number} (currency not stated)"
    if unit in _CURRENCY_SYMBOLS:
        return f"{_CURRENCY_SYMBOLS[unit]}{number}"
    if re.fullmatch(r"[A-Z]{3}", unit):
        return f"{number} {unit}"
    return f"{number} {unit if value == 1 else _plural(unit)}"


def _plural(unit: str) -> str:
    """English plural of a singular unit name (`decade` -> `decades`, `inch` -> `inches`)."""
    if unit.endswith(("s", "x", "ch", "sh")):
        return unit + "es" if not unit.endswith("s") else unit
    return unit + "s"


def format_period(start: int | None, end: int | None, fiscal: bool = False) -> str:
    """A claim's period: `FY2025`, `2019–2023`, '' when the text gives none.

    >>> format_period(2025, 2025, True), format_period(2019, 2023), format_period(None, None)
    ('FY2025', '2019–2023', '')
    """
    if start is None and end is None:
        return ""
    prefix = "FY" if fiscal else ""
    if start is None or end is None or start == end:
        return f"{prefix}{start if start is not None else end}"
    return f"{prefix}{start}–{prefix}{end}"


def years_of(period: str) -> tuple[int | None, int | None, bool]:
    """Years named in a period label (the conflicts' `period` column), and whether it is fiscal.

    >>> years_of("FY2025"), years_of("2019-2023"), years_of("fiscal year 2026"), years_of("")
    ((2025, 2025, True), (2019, 2023, False), (2026, 2026, True), (None, None, False))
    """
    years = [int(y) for y in re.findall(r"(?<!\d)(1[89]\d\d|20\d\d|21\d\d)(?!\d)", period)]
    fiscal = bool(re.search(r"\bFY|fiscal", period, re.IGNORECASE))
    if not years:
        return None, None, False
    return min(years), max(years), fiscal


def format_percent(ratio: float | None) -> str:
    """A relative difference as a percentage.

    >>> format_percent(0.5525), format_percent(0.0004), format_percent(None)
    ('55.2%', '0.04%', '')
    """
    if ratio is None:
        return ""
    pct = ratio * 100
    return f"{pct:.1f}%" if abs(pct) >= 1 else f"{pct:.2g}%"


def label(value: str, labels: Mapping[str, str]) -> str:
    """A code shown to people (`value_mismatch` -> `value mismatch`)."""
    return labels.get(value, value.replace("_", " "))


def format_time(value: object) -> str:
    """A stored timestamp for people, in UTC; text that is not a timestamp is shown as given.

    >>> format_time("2026-03-02T10:00:00.123456+00:00"), format_time("2026-03-02T19:00:00+09:00")
    ('2026-03-02 10:00 UTC', '2026-03-02 10:00 UTC')
    >>> format_time("2026-03-05T09:00:00"), format_time(None), format_time("yesterday")
    ('2026-03-05 09:00 UTC', '', 'yesterday')
    """
    text = as_text(value)
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is None:  # the stores keep naive times in UTC
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


# ------------------------------------------------------------------------------------------- citations


@dataclass(frozen=True, slots=True)
class Citation:
    """One citation of a claim's sentence, as the `citation` column gives it: `[marker] reference`."""

    marker: str  # `5`, `⁵`, `MOFA, 2025` ('' when the cell has no bracketed marker)
    reference: str  # the reference-list entry it resolves to ('' when unresolved)
    author_date: bool  # `(MOFA, 2025)` rather than a footnote number

    @property
    def resolved(self) -> bool:
        return bool(self.reference)


_CITATION = re.compile(
    r"""
    ^\[(?P<marker>[^\]]{1,120})\]   # the marker as written, in brackets: [5], [MOFA, 2025]
    \s*(?P<reference>.*)$          # the reference entry it resolves to (may be empty)
    """,
    re.VERBOSE | re.DOTALL,
)
_AUTHOR_DATE = re.compile(
    r"""
    [^\W\d_]                          # a letter (an author's name) ...
    .*(?<!\d)(?:1[6-9]|20)\d{2}[a-z]?  # ... and a year, as in `MOFA, 2025` or `Smith et al. 2020a`
    """,
    re.VERBOSE,
)


def citations_of(cell: object) -> tuple[Citation, ...]:
    """The `citation` column of a claim, one Citation per part (parts are joined with ' | ').

    >>> [(c.marker, c.author_date, c.resolved) for c in citations_of(
    ...     "[5] Nor, Syakirah. NST Online. 2025. | [MOFA, 2025] Japan Ministry of Foreign Affairs. 2025.")]
    [('5', False, True), ('MOFA, 2025', True, True)]
    >>> citations_of("[ASEAN 2025]")
    (Citation(marker='ASEAN 2025', reference='', author_date=True),)
    >>> citations_of("⁵ Nor, Syakirah."), citations_of(None)
    ((Citation(marker='', reference='⁵ Nor, Syakirah.', author_date=False),), ())
    """
    out = []
    for part in as_text(cell).split(" | "):
        part = part.strip()
        if not part:
            continue
        found = _CITATION.match(part)
        if found is None:
            out.append(Citation("", part, False))
            continue
        marker = found.group("marker").strip()
        out.append(Citation(marker, found.group("reference").strip(), bool(_AUTHOR_DATE.search(marker))))
    return tuple(out)


# ---------------------------------------------------------------------------------------- highlighting


def highlight(sentence: str, surface: str, start: int | None, sentence_start: int | None) -> Markup:
    """The sentence, escaped, with the claim's surface wrapped in <mark>.

    The surface is located by its offset inside the sentence (start - sentence_start); when the sentence was
    normalised and the offset no longer points at the surface, its first occurrence is used instead.

    >>> str(highlight("It rose to 8.1 billion yen in FY2025.", "8.1 billion yen", 111, 100))
    'It rose to <mark>8.1 billion yen</mark> in FY2025.'
    >>> str(highlight("<b>5</b> boats", "5", None, None))
    '&lt;b&gt;<mark>5</mark>&lt;/b&gt; boats'
    """
    if not sentence:
        return Markup("<mark>{}</mark>").format(surface) if surface else Markup("")
    at = -1
    if surface and start is not None and sentence_start is not None:
        local = start - sentence_start
        if local >= 0 and sentence[local : local + len(surface)] == surface:
            at = local
    if at < 0 and surface:
        at = sentence.find(surface)
    if at < 0:
        return escape(sentence)
    return (
        escape(sentence[:at])
        + Markup("<mark>{}</mark>").format(sentence[at : at + len(surface)])
        + escape(sentence[at + len(surface) :])
    )


# ------------------------------------------------------------------------------------------ page names


def page_name(doc: str, chapter: str = "") -> str:
    """File name of a document's (or one of its chapters') audit page, safe on any file system.

    >>> page_name("001_72274b1e3263120b.txt")
    '001_72274b1e3263120b.txt.html'
    >>> page_name("001_72274b1e3263120b.txt", "Chapter 4")
    '001_72274b1e3263120b.txt--Chapter-4.html'
    >>> page_name('<img src=x onerror="alert(1)">.txt').startswith("img-src-x-onerror-alert-1-.txt-")
    True
    """
    base = _slug(doc, keep=".")
    if base != doc:  # the name was changed: keep distinct names distinct
        base = f"{base}-{stable_id(doc, length=8)}"
    if chapter:
        chapter_slug = _slug(chapter, keep="")
        if chapter_slug != chapter.replace(" ", "-"):  # changed: keep distinct chapter names distinct
            chapter_slug = f"{chapter_slug}-{stable_id(chapter, length=8)}"
        base = f"{base}--{chapter_slug}"
    return f"{base}.html"


def _slug(text: str, keep: str) -> str:
    slug = re.sub(rf"[^A-Za-z0-9_{re.escape(keep)}-]+", "-", text).strip("-.")
    return slug[:80] or "document"


def anchor(prefix: str, identifier: str) -> str:
    """An HTML id from a stable id (`f-<conflict_id>`, `c-<claim_id>`), restricted to safe characters."""
    return f"{prefix}-{re.sub(r'[^A-Za-z0-9_-]', '_', identifier)}"


# --------------------------------------------------------------------------------------------- jinja2


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one Jinja2 environment: package templates, autoescaping on for every template (HTML and SVG).

    Every template file ends in `.html` (`chart.svg.html`, `_style.css.html`) so the package data glob
    `report/templates/*.html` ships them all.
    """
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("claims.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["quantity"] = format_quantity
    env.filters["percent"] = format_percent
    env.filters["kind_label"] = lambda v: label(v, KIND_LABELS)
    env.filters["scope_label"] = lambda v: label(v, SCOPE_LABELS)
    env.filters["flag_label"] = lambda v: label(v, FLAG_LABELS)
    env.filters["number"] = format_number
    env.filters["when"] = format_time
    return env


def script_hash(script: str) -> str:
    """CSP source for an inline script: only this exact script may run on the page."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def csp(scripts: Iterable[str] = ()) -> str:
    """Content-Security-Policy for a self-contained page: nothing is fetched, only our own script runs."""
    hashes = " ".join(script_hash(s) for s in scripts) or "'none'"
    return (
        f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src {hashes}; "
        "base-uri 'none'; form-action 'none'"
    )
