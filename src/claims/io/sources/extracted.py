"""Format readers: bytes or a file on disk -> `Extracted` (text plus what the file says about itself).

One module per format (text, html, pdf, docx). Each reader raises `IngestError(reason, detail)` for input it
cannot use and never anything else on purpose; `claims.io.sources.ingest` turns those into `Rejection`s.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

REASON_EMPTY = "empty"
REASON_BINARY = "binary"
REASON_CORRUPT = "corrupt"
REASON_ENCRYPTED = "encrypted"
REASON_NO_TEXT = "no_text"
REASON_TOO_LARGE = "too_large"
REASON_UNREADABLE = "unreadable"
REASON_UNSUPPORTED = "unsupported"
REASON_DUPLICATE = "duplicate"


@dataclass(frozen=True, slots=True)
class Extracted:
    """What a format reader got out of one file. `text` is what all offsets index."""

    text: str
    format: str
    encoding: str | None = None
    title: str | None = None
    author: str | None = None
    published: dt.date | None = None
    # a date from the file's own metadata that is weaker than a dateline in the text (PDF/DOCX creation date)
    created: dt.date | None = None
    page_starts: tuple[int, ...] = ()
    headings: tuple[tuple[int, int, str], ...] = ()
    plain: bool = False  # True when `text` is exactly open(path, encoding="utf-8").read() of the source
    warnings: tuple[str, ...] = ()  # parts of the file that could not be read (the rest loaded)


_NEWLINES = re.compile(r"\r\n?")


def normalize_newlines(text: str) -> str:
    r"""Universal-newline translation, as `open(..., encoding=...)` does it (\r\n and \r become \n).

    >>> normalize_newlines("a\r\nb\rc\n")
    'a\nb\nc\n'
    """
    return _NEWLINES.sub("\n", text)


def clean_extracted(text: str) -> str:
    r"""Extracted text as stored under processed/text/: newlines normalised, NUL characters dropped.

    >>> clean_extracted("a\x00b\r\n")
    'ab\n'
    """
    return normalize_newlines(text.replace("\x00", ""))


def squash_spaces(text: str) -> str:
    """One line of text with runs of whitespace collapsed (titles, headings, authors)."""
    return " ".join(text.split())


_JUNK_TITLE = re.compile(
    r"""
    ^(?:untitled|title|document\d*|presentation\d*|slide\s*\d+|none|null)$   # placeholders
    | ^microsoft\s+(?:word|powerpoint)\s+-                                   # "Microsoft Word - x.docx"
    | \.(?:docx?|pdf|pptx?|rtf|odt|indd|tex|dvi)$                            # a file name
    """,
    re.VERBOSE | re.IGNORECASE,
)
_JUNK_AUTHOR = frozenset(
    {
        "author",
        "admin",
        "administrator",
        "user",
        "owner",
        "unknown",
        "python-docx",
        "microsoft office user",
        "windows user",
        "microsoft office",
    }
)


def usable_title(value: object) -> str | None:
    """A metadata title worth showing, or None for placeholders and file names.

    >>> usable_title("Japan's Security Cooperation with ASEAN")
    "Japan's Security Cooperation with ASEAN"
    >>> usable_title("Microsoft Word - chapter4_final.docx") is None
    True
    """
    if not isinstance(value, str):
        return None
    value = squash_spaces(value)
    if len(value) < 2 or _JUNK_TITLE.search(value):
        return None
    return value


def usable_author(value: object) -> str | None:
    """A metadata author worth showing, or None for tool defaults and placeholders.

    >>> usable_author("Jane Doe")
    'Jane Doe'
    >>> usable_author("python-docx") is None
    True
    """
    if not isinstance(value, str):
        return None
    value = squash_spaces(value)
    if len(value) < 2 or value.lower() in _JUNK_AUTHOR:
        return None
    return value
