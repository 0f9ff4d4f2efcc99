"""Numbers that are not claims even if a detector returns them: front matter, a table of contents or a
reference list; URLs, e-mail addresses, ISBN/ISSN/DOI and copyright lines, street addresses; footnote markers;
page numbers alone on their line; list numbering; numbers right after `Chapter`/`Table`/`page`."""

from __future__ import annotations

import re
from collections.abc import Sequence

from claims.parse.periods import find_periods
from claims.segment import Layout
from claims.types import Kind, Quantity

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
