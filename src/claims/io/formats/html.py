"""Saved web pages (.html/.htm): the main text only, with headings, title, author and publication date.

trafilatura finds the article body (scripts, styles, navigation, headers, footers and comments dropped) and
reads the metadata (title, author; the date from meta tags and structured data only, never guessed from
the running text). The body is rendered as plain text: one block per paragraph, separated by blank lines;
list items as "- item"; table rows as tab-separated cells, one row per line; headings on their own line,
recorded in `Extracted.headings` as (offset, level, text).
"""

from __future__ import annotations

import codecs
import datetime as dt
import logging
import re

import charset_normalizer
from lxml import etree

from claims.errors import IngestError
from claims.io.formats import REASON_BINARY, REASON_CORRUPT, REASON_NO_TEXT, Extracted, clean_extracted
from claims.io.formats.text import sniff_binary

logger = logging.getLogger(__name__)

_META_CHARSET = re.compile(
    rb"""
    <meta[^>]+?charset\s*=\s*["']?     # <meta charset="..."> or content="text/html; charset=..."
    (?P<charset>[A-Za-z0-9_\-]+)       # the encoding label
    """,
    re.VERBOSE | re.IGNORECASE,
)
_BLOCK_TAGS = frozenset({"p", "quote", "code", "div", "section", "main", "doc", "body"})
_SPACES = re.compile(r"[ \t\u00a0\u200b]+")


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode an HTML page: BOM, then valid UTF-8, then the declared <meta charset>, then detection.

    >>> decode_html('<meta charset="windows-1252"><p>caf\u00e9 \u20ac5</p>'.encode("cp1252"))
    ('<meta charset="windows-1252"><p>café €5</p>', 'cp1252')
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), codecs.lookup(encoding).name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if m := _META_CHARSET.search(data[:4096]):
        try:
            encoding = codecs.lookup(m.group("charset").decode("ascii")).name
        except LookupError:
            encoding = ""
        if encoding and encoding not in ("utf-8", "utf-16", "utf-32"):
            if encoding == "latin-1" or encoding == "iso8859-1":
                encoding = "cp1252"  # WHATWG: the "iso-8859-1" label means windows-1252
            return data.decode(encoding, errors="replace"), encoding
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise IngestError(REASON_BINARY, "not text in any encoding charset-normalizer knows")
    return str(best), codecs.lookup(best.encoding).name


def _inline_text(element: etree._Element) -> str:
    """The text of an element and its inline children; <lb/> becomes a newline."""
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


class _Builder:
    """Accumulates blocks of text and the offsets of headings."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.headings: list[tuple[int, int, str]] = []

    def block(self, text: str, *, tidy: bool = True) -> int | None:
        text = _tidy(text) if tidy else text.strip("\n")
        if not text:
            return None
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def walk(self, element: etree._Element) -> None:
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "head":
                text = _tidy(_inline_text(child)).replace("\n", " ")
                start = self.block(text)
                if start is not None:
                    rend = child.get("rend", "h2")
                    level = int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2
                    self.headings.append((start, level, text))
            elif tag == "list":
                items = [_tidy(_inline_text(item)) for item in child.iter("item")]
                self.block("\n".join(f"- {item}" for item in items if item))
            elif tag == "table":
                rows = []
                for row in child.iter("row"):
                    cells = [" ".join(_tidy(_inline_text(cell)).split()) for cell in row.iter("cell")]
                    if any(cells):
                        rows.append("\t".join(cells))
                self.block("\n".join(rows), tidy=False)
            elif tag in ("graphic", "comments", "ref") or not tag:
                continue
            elif tag in _BLOCK_TAGS and any(
                isinstance(c.tag, str) and c.tag != "lb" and c.tag != "hi" for c in child
            ):
                if child.text and child.text.strip():
                    self.block(child.text)
                self.walk(child)
            else:
                self.block(_inline_text(child))
            if child.tail and child.tail.strip() and tag not in ("head", "list", "table"):
                self.block(child.tail)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_html(data: bytes) -> Extracted:
    """A saved web page's bytes -> Extracted (main text, headings, title/author/date from metadata)."""
    import trafilatura  # slow to import: only when a page is read

    if (what := sniff_binary(data)) is not None:
        raise IngestError(REASON_BINARY, f"looks like {what}, not HTML")
    html, encoding = decode_html(data)
    if "\x00" in html:
        raise IngestError(REASON_BINARY, "contains NUL characters")
    try:
        result = trafilatura.bare_extraction(
            html,
            include_comments=False,
            include_tables=True,
            include_images=False,
            favor_recall=True,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as e:  # lxml/trafilatura failing on malformed markup
        raise IngestError(REASON_CORRUPT, f"HTML could not be parsed: {type(e).__name__}: {e}") from e
    if result is None or isinstance(result, dict) or result.body is None:
        raise IngestError(REASON_NO_TEXT, "no main text found in the page")
    builder = _Builder()
    builder.walk(result.body)
    text = clean_extracted(builder.text)
    if not text.strip():
        raise IngestError(REASON_NO_TEXT, "no main text found in the page")
    logger.debug("html: %d chars, %d headings", len(text), len(builder.headings))
    return Extracted(
        text=text,
        format="html",
        encoding=encoding,
        title=result.title or None,
        author=result.author or None,
        published=_iso_date(result.date),
        headings=tuple(builder.headings),
    )
