"""Saved web pages (.html/.htm): the main text only, with headings, title, author and publication date.

trafilatura finds the article body (scripts, styles, navigation, headers, footers and comments dropped) and
reads the metadata (title, author; the date from meta tags and structured data only, never guessed from
the running text). The body is rendered as plain text: one block per paragraph, separated by blank lines;
list items as "- item"; table rows as tab-separated cells, one row per line; headings on their own line,
recorded in `Extracted.headings` as (offset, level, text).

Deeply nested pages: libxml2 (under lxml and trafilatura) stops building the tree 256 elements deep and
drops everything below, so a page of 10,000 nested divs would have no text. When the parser reports that
limit, the page is first flattened (`flatten_html`): a streaming pass (the standard library's HTML
tokenizer, no recursion, no tree) that keeps every piece of text and every tag up to `MAX_DEPTH` levels and
leaves out the start and end tags nested deeper. Pages within the limit are read exactly as before.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import logging
import re
from html.parser import HTMLParser
from typing import Any

from lxml import etree

from claims.errors import IngestError
from claims.io.sources.extracted import (
    REASON_BINARY,
    REASON_CORRUPT,
    REASON_NO_TEXT,
    Extracted,
    clean_extracted,
)
from claims.io.sources.text import detect_encoding, sniff_binary
from claims.parse.metadata import parse_date

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
    encoding = detect_encoding(data)
    return data.decode(encoding, errors="replace"), codecs.lookup(encoding).name


MAX_DEPTH = 200
"""Tags nested deeper than this are left out of a page that is too deep for libxml2 (their text is kept)."""

_VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)  # never closed, never nest
_CLOSED_BY = {  # an open tag that a new start tag closes implicitly (the common cases of the HTML spec)
    "p": frozenset(
        [
            "address",
            "article",
            "aside",
            "blockquote",
            "div",
            "dl",
            "fieldset",
            "footer",
            "form",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "header",
            "hr",
            "main",
            "nav",
            "ol",
            "p",
            "pre",
            "section",
            "table",
            "ul",
        ]
    ),
    "li": frozenset({"li"}),
    "dt": frozenset({"dt", "dd"}),
    "dd": frozenset({"dt", "dd"}),
    "td": frozenset({"td", "th", "tr"}),
    "th": frozenset({"td", "th", "tr"}),
    "tr": frozenset({"tr"}),
    "option": frozenset({"option"}),
}


class _Flattener(HTMLParser):
    """Re-emits a page with the tags nested deeper than `max_depth` left out, text and entities kept."""

    def __init__(self, max_depth: int) -> None:
        super().__init__(convert_charrefs=False)
        self.max_depth = max_depth
        self.out: list[str] = []
        self.stack: list[str] = []
        self.open: dict[str, int] = {}  # tag -> how many are open (membership without a scan of the stack)

    def _pop(self) -> None:
        tag = self.stack.pop()
        self.open[tag] -= 1
        if len(self.stack) < self.max_depth:
            self.out.append(f"</{tag}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.stack and tag in _CLOSED_BY.get(self.stack[-1], ()):
            self._pop()
        if len(self.stack) < self.max_depth:
            self.out.append(self.get_starttag_text() or "")
        if tag not in _VOID_TAGS:
            self.stack.append(tag)
            self.open[tag] = self.open.get(tag, 0) + 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if len(self.stack) < self.max_depth:
            self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if not self.open.get(tag):
            return  # a stray end tag
        while self.stack:
            last = self.stack[-1]
            self._pop()
            if last == tag:
                break

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")


def flatten_html(html: str, max_depth: int = MAX_DEPTH) -> str:
    """`html` with the start and end tags nested deeper than `max_depth` left out; all text kept.

    >>> flatten_html("<div><div><div><p>Japan pledged $5 million.</p></div></div></div>", 2)
    '<div><div>Japan pledged $5 million.</div></div>'
    """
    flattener = _Flattener(max_depth)
    flattener.feed(html)
    flattener.close()
    while flattener.stack:
        flattener._pop()
    return "".join(flattener.out)


def too_deep(html: str) -> bool:
    """True when libxml2 stops building the page's tree at its depth limit (and would drop what is below).

    >>> too_deep("<div>" * 300 + "text" + "</div>" * 300), too_deep("<div><p>text</p></div>")
    (True, False)
    """
    import lxml.html

    parser = lxml.html.HTMLParser()
    try:
        lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        return False
    return any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log)


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

    def heading(self, text: str, level: int) -> None:
        text = " ".join(text.split())
        start = self.block(text)
        if start is not None:
            self.headings.append((start, level, text))

    def table(self, rows: list[list[str]]) -> None:
        lines = ["\t".join(" ".join(cell.split()) for cell in row) for row in rows]
        self.block("\n".join(line for line in lines if line.strip()), tidy=False)

    def walk(self, element: etree._Element) -> None:
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "head":
                rend = child.get("rend", "h2")
                self.heading(_inline_text(child), int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2)
            elif tag == "list":
                items = [_tidy(_inline_text(item)) for item in child.iter("item")]
                self.block("\n".join(f"- {item}" for item in items if item))
            elif tag == "table":
                self.table([[_inline_text(cell) for cell in row.iter("cell")] for row in child.iter("row")])
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


@functools.cache
def _trafilatura_config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    # the size limit is ours (settings.max_file_bytes); trafilatura's 20 MB default would silently drop a page
    config.set("DEFAULT", "MAX_FILE_SIZE", str(1 << 40))
    return config


TRAFILATURA_MAX_CHARS = 3_000_000
"""Pages longer than this skip trafilatura (its time grows faster than linearly: ~50 s for 10 MB) and are
read by a simpler lxml walk: junk elements dropped, every remaining block kept."""

_JUNK_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "object",
    "embed",
    "canvas",
    "map",
)
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LEAF_TAGS = frozenset(
    {"p", "pre", "blockquote", "dd", "dt", "figcaption", "caption", "address", "summary", "li", "td", "th"}
)
_ALL_BLOCKS = (
    "p",
    "div",
    "section",
    "article",
    "main",
    "table",
    "ul",
    "ol",
    "dl",
    "pre",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figure",
    "li",
)
_BLOCK_SET = frozenset(_ALL_BLOCKS) | _HEADING_TAGS | _LEAF_TAGS
_META_DATES = (
    "article:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "pubdate",
    "publishdate",
    "og:published_time",
    "citation_publication_date",
)


_BR = "\ue000"  # marks a <br> while source whitespace (newlines included) is collapsed


def _flow(text: str) -> str:
    """HTML text flow: whitespace runs become one space, <br> marks become line breaks."""
    return " ".join(text.split()).replace(_BR, "\n")


def _render(element: Any, builder: _Builder, depth: int) -> None:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if not tag:
        return
    if tag in _HEADING_TAGS:
        builder.heading(element.text_content().replace(_BR, " "), int(tag[1]))
    elif tag == "table":
        rows = [
            [
                cell.text_content()
                for cell in row
                if isinstance(cell.tag, str) and cell.tag.lower() in ("td", "th")
            ]
            for row in element.iter("tr")
        ]
        builder.table(rows)
    elif tag in ("ul", "ol"):
        items = (" ".join(li.text_content().replace(_BR, " ").split()) for li in element.iterchildren("li"))
        builder.block("\n".join(f"- {item}" for item in items if item))
    elif tag in _LEAF_TAGS or depth > 100 or not _has_blocks(element):
        builder.block(_flow(element.text_content()))
    else:
        inline = [element.text or ""]  # runs of text and inline elements between blocks form one block
        for child in element:
            child_tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if child_tag in _BLOCK_SET or (child_tag and _has_blocks(child)):
                builder.block(_flow("".join(inline)))
                inline = []
                _render(child, builder, depth + 1)
            elif child_tag:
                inline.append(child.text_content())
            inline.append(child.tail or "")
        builder.block(_flow("".join(inline)))


def _has_blocks(element: Any) -> bool:
    return next(element.iterdescendants(*_ALL_BLOCKS), None) is not None


def _read_large_html(html: str, encoding: str) -> Extracted:
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as e:
        raise IngestError(REASON_CORRUPT, f"HTML could not be parsed: {e}") from e
    meta = {
        (m.get("property") or m.get("name") or m.get("itemprop") or "").lower(): m.get("content") or ""
        for m in root.iter("meta")
    }
    title = meta.get("og:title") or meta.get("twitter:title") or (root.findtext(".//title") or "").strip()
    published = next((d for key in _META_DATES if (d := parse_date(meta.get(key, ""))) is not None), None)
    etree.strip_elements(root, *_JUNK_TAGS, etree.Comment, with_tail=False)
    for br in root.iter("br"):
        br.tail = _BR + (br.tail or "")
    builder = _Builder()
    body = root.find("body")
    _render(body if body is not None else root, builder, 0)
    text = clean_extracted(builder.text)
    if not text.strip():
        raise IngestError(REASON_NO_TEXT, "no text found in the page")
    logger.info(
        "html: %d characters, read without main-text detection (over %d)", len(html), TRAFILATURA_MAX_CHARS
    )
    return Extracted(
        text=text,
        format="html",
        encoding=encoding,
        title=" ".join(title.split()) or None,
        author=meta.get("author") or None,
        published=published,
        headings=tuple(builder.headings),
        warnings=(
            f"page over {TRAFILATURA_MAX_CHARS} characters: navigation/boilerplate removal is coarser",
        ),
    )


def read_html(data: bytes) -> Extracted:
    """A saved web page's bytes -> Extracted (main text, headings, title/author/date from metadata)."""
    import trafilatura  # slow to import: only when a page is read

    if (what := sniff_binary(data)) is not None:
        raise IngestError(REASON_BINARY, f"looks like {what}, not HTML")
    html, encoding = decode_html(data)
    if "\x00" in html:
        raise IngestError(REASON_BINARY, "contains NUL characters")
    if too_deep(html):
        logger.info("html: nested deeper than libxml2 reads; flattened to %d levels", MAX_DEPTH)
        html = flatten_html(html)
    if len(html) > TRAFILATURA_MAX_CHARS:
        return _read_large_html(html, encoding)
    try:
        result = trafilatura.bare_extraction(
            html,
            include_comments=False,
            include_tables=True,
            include_images=False,
            favor_recall=True,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
            config=_trafilatura_config(),
        )
    except Exception as e:  # lxml/trafilatura failing on malformed markup
        raise IngestError(REASON_CORRUPT, f"HTML could not be parsed: {type(e).__name__}: {e}") from e
    if result is None or isinstance(result, dict) or result.body is None:
        raise IngestError(REASON_NO_TEXT, "no main text found in the page")
    builder = _Builder()
    if result.body.text and result.body.text.strip():
        builder.block(result.body.text)  # text before the body's first element
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
