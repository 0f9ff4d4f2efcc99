"""PDF: the text layer (pypdf), page by page, with the offset where each page starts.

Pages are joined with a blank line; `Extracted.page_starts[n]` is the offset of page n + 1, so a claim's page
is `bisect_right(page_starts, char_start)`. The PDF outline (bookmarks), when there is one, gives the
headings: (offset of the bookmark title in its page's text, or the page start when the title is not found
there; nesting depth; title). Encrypted files that open with the empty user password (owner
restrictions only) are read; others are rejected as "encrypted". A file pypdf cannot parse is "corrupt"; a
file whose pages carry no text at all (scanned images) is "no_text". A single page that fails is left empty
and reported as a warning.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from typing import Any

from claims.errors import IngestError
from claims.io.sources.extracted import (
    REASON_CORRUPT,
    REASON_ENCRYPTED,
    REASON_NO_TEXT,
    Extracted,
    clean_extracted,
    squash_spaces,
    usable_author,
    usable_title,
)

logger = logging.getLogger(__name__)

PAGE_SEPARATOR = "\n\n"
_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\u00ad": None,
    }
)
"""Typographic ligatures a PDF text layer keeps as single characters, and soft hyphens (dropped)."""


def _creation_date(reader: object) -> dt.date | None:
    try:
        created = reader.metadata.creation_date  # type: ignore[attr-defined]
    except Exception:  # pypdf parses the date string lazily and raises on odd formats
        return None
    return created.date() if isinstance(created, dt.datetime) else None


def _outline_headings(
    reader: Any, texts: list[str], page_starts: list[int]
) -> tuple[tuple[int, int, str], ...]:
    """Bookmarks -> (offset, level, title), in text order; a damaged outline gives none.

    A title not found in its page's text is placed at the page start, or at the previous bookmark of the
    same page, so that outline order is kept.
    """
    headings: list[tuple[int, int, str]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
                continue
            title = squash_spaces(str(getattr(item, "title", "") or ""))
            page = reader.get_destination_page_number(item)
            if not title or page is None or not 0 <= page < len(texts):
                continue
            pattern = r"\s+".join(re.escape(word) for word in title.split())
            found = re.search(pattern, texts[page], re.IGNORECASE)
            if found:
                offset = page_starts[page] + found.start()
            else:  # somewhere on that page, after the bookmarks before it
                earlier = [h[0] for h in headings if h[0] >= page_starts[page]]
                offset = max([page_starts[page], *earlier])
            headings.append((offset, min(level, 9), title))
            if len(headings) > 10_000:
                raise ValueError("outline too large")

    try:
        walk(list(reader.outline), 1)
    except Exception as e:  # pypdf raises many types on damaged outlines; headings are optional
        logger.debug("PDF outline unreadable: %s: %s", type(e).__name__, e)
        return ()
    return tuple(sorted(headings, key=lambda h: h[0]))


def read_pdf(data: bytes) -> Extracted:
    """A PDF's bytes -> Extracted (text, page_starts, title/author from the document info)."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    if b"%PDF-" not in data[:1024]:
        raise IngestError(REASON_CORRUPT, "not a PDF (no %PDF- header)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError) as e:
                raise IngestError(REASON_ENCRYPTED, f"encrypted with an unsupported method: {e}") from e
            if not opened:
                raise IngestError(REASON_ENCRYPTED, "password-protected; save an unprotected copy")
        pages = list(reader.pages)
    except IngestError:
        raise
    except FileNotDecryptedError as e:
        raise IngestError(REASON_ENCRYPTED, str(e)) from e
    except Exception as e:  # pypdf raises PdfReadError and many other types on damaged files
        raise IngestError(REASON_CORRUPT, f"PDF could not be parsed: {type(e).__name__}: {e}") from e
    if not pages:
        raise IngestError(REASON_CORRUPT, "PDF has no pages")

    texts: list[str] = []
    warnings: list[str] = []
    for number, page in enumerate(pages, start=1):
        try:
            page_text = page.extract_text() or ""
        except Exception as e:  # one damaged page: keep the others
            logger.warning("page %d could not be read: %s: %s", number, type(e).__name__, e)
            warnings.append(f"page {number} could not be read: {type(e).__name__}: {e}")
            page_text = ""
        texts.append(clean_extracted(page_text.translate(_LIGATURES)).strip("\n"))
    if not any(t.strip() for t in texts):
        if warnings and len(warnings) == len(pages):
            raise IngestError(REASON_CORRUPT, f"no page could be read ({warnings[0]})")
        raise IngestError(
            REASON_NO_TEXT, f"{len(pages)} page(s) without a text layer (scanned images?); run OCR first"
        )

    page_starts: list[int] = []
    offset = 0
    for text in texts:
        page_starts.append(offset)
        offset += len(text) + len(PAGE_SEPARATOR)
    text = PAGE_SEPARATOR.join(texts)

    title = author = None
    try:
        info = reader.metadata
        if info is not None:
            title, author = usable_title(info.title), usable_author(info.author)
    except Exception as e:  # a damaged info dictionary only loses metadata
        logger.debug("PDF metadata unreadable: %s", e)
    return Extracted(
        text=text,
        format="pdf",
        title=title,
        author=author,
        created=_creation_date(reader),
        page_starts=tuple(page_starts),
        headings=_outline_headings(reader, texts, page_starts),
        warnings=tuple(warnings),
    )
