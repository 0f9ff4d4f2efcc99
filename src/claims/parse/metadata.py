"""Document metadata from the first lines of a text: title, author(s), dateline.

Pure string functions: they never raise on odd input and return None when nothing fits. The ingestion layer
(`claims.io.ingest`) calls `detect_metadata` on the opening of every document and lets metadata stored in the
file itself (PDF/DOCX properties, HTML meta tags) or a `name.meta.json` sidecar take precedence.

Real surface forms these detectors are written for (seed corpus and common article layouts)::

    By Kitti Prasirtsuk                     <- author line
    May 10, 2024                            <- dateline
    Authors: Aadityavikram Rana and Gitanjali Sinha Roy*
    Edited by / Dr. Chheng Kimlong / Lim Menghour   (one name per line after a bare "Edited by")
    Published: 10 May 2024 14:32 GMT
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MAX_HEADER_LINES = 30
"""How many non-empty opening lines are searched for a title, an author line or a dateline."""

_MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"  # noqa: E501

_DATE = re.compile(
    rf"""
    (?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?   # optional weekday
    (?:
        (?P<mdy_month>{_MONTH})\.?\s+(?P<mdy_day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<mdy_year>\d{{4}})
                                                                     # May 10, 2024 / Sept. 5 2023
      | (?P<dmy_day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dmy_month>{_MONTH})\.?,?\s+(?P<dmy_year>\d{{4}})
                                                                     # 10 May 2024
      | (?P<iso_year>\d{{4}})-(?P<iso_month>\d{{2}})-(?P<iso_day>\d{{2}})   # 2024-05-10
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)

_DATELINE_LABEL = re.compile(
    r"""
    ^(?:(?:first\s+|last\s+)?(?:published|posted|updated|released|issued|dated?)  # a label word
        (?:\s+on)?                                                                 # "Posted on"
        \s*[:\-–—]?\s*)?                                                           # "Published:"
    $""",
    re.VERBOSE | re.IGNORECASE,
)

_DATELINE_TAIL = re.compile(
    r"""
    ^(?:\s*(?:,|at|[|·•\-–—])?\s*                          # separator before a time
        \d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?                # 14:32 / 3.00 pm
        (?:\s*\(?[A-Z]{2,5}(?:[+-]\d{1,2})?\)?)?           # GMT / JST / (UTC+9)
    )?\s*[|·•\-–—]?\s*$                                    # trailing punctuation only
    """,
    re.VERBOSE | re.IGNORECASE,
)

_AUTHOR_LINE = re.compile(
    r"""
    ^(?:
        (?:authors?|writers?|editors?|contributors?)\s*:      # "Authors: A and B"
      | (?:written|edited|compiled|words|reporting)\s+by\s*:?  # "Edited by A"
      | By(?:\s*:\s*|\s+)(?-i:(?=[A-Z]))                       # "By Kitti Prasirtsuk" (capitalised name)
    )\s*(?P<names>.*?)\s*$
    """,
    re.VERBOSE | re.IGNORECASE,
)
_BY_LOWER = re.compile(r"^by\b")  # "by the way ..." is prose, not a byline

_NAME_LINE = re.compile(
    r"""
    ^(?:(?:Dr|Prof|Mr|Ms|Mrs|Professor)\.?\s+)?   # optional honorific
    [A-Z][\w'’.\-]*                               # first name word, capitalised
    (?:\s+[A-Za-z][\w'’.\-]*){0,4}                # up to four more words (family names may be upper case)
    [*†‡\d]*$                                     # optional affiliation/footnote marker
    """,
    re.VERBOSE,
)

_MARKER_TAIL = re.compile(r"[\s*†‡¹²³⁴⁵⁶⁷⁸⁹⁰\d,;]+$")
_BULLET = re.compile(r"^[•·\-–—*+›»|>◦▪►]\s*")
_MD_TITLE = re.compile(r"^#\s+(?P<title>.+?)\s*#*\s*$")
_CONNECTOR_END = re.compile(r"(?:[:&\-–—]|\b(?:and|of|for|the|in|on|to|with))$", re.IGNORECASE)
_CONNECTOR_LINE = re.compile(r"^(?:&|and|\+)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TextMetadata:
    """What the opening lines of a document say about it (None when they say nothing)."""

    title: str | None = None
    author: str | None = None
    published: dt.date | None = None


def _date_from_match(m: re.Match[str]) -> dt.date | None:
    groups = m.groupdict()
    try:
        if groups["mdy_year"]:
            year, month, day = (
                int(groups["mdy_year"]),
                _MONTHS[groups["mdy_month"].lower()],
                int(groups["mdy_day"]),
            )
        elif groups["dmy_year"]:
            year, month, day = (
                int(groups["dmy_year"]),
                _MONTHS[groups["dmy_month"].lower()],
                int(groups["dmy_day"]),
            )
        else:
            year, month, day = int(groups["iso_year"]), int(groups["iso_month"]), int(groups["iso_day"])
        if not 1800 <= year <= 2200:
            return None
        return dt.date(year, month, day)
    except (ValueError, KeyError):
        return None


def parse_date(text: str) -> dt.date | None:
    """The first calendar date written in `text` (month names or ISO form), or None.

    >>> parse_date("May 10, 2024")
    datetime.date(2024, 5, 10)
    >>> parse_date("Published 10 May 2024, 14:32 GMT")
    datetime.date(2024, 5, 10)
    >>> parse_date("2023-12-17T09:00:00+09:00")
    datetime.date(2023, 12, 17)
    >>> parse_date("Sept. 5th 2023")
    datetime.date(2023, 9, 5)
    >>> parse_date("February 30, 2024") is None
    True
    >>> parse_date("in 2024") is None
    True
    """
    for m in _DATE.finditer(text):
        date = _date_from_match(m)
        if date is not None:
            return date
    return None


def parse_dateline(line: str) -> dt.date | None:
    """The date of a line that is only a date (a dateline), possibly labelled or followed by a time.

    A date inside a sentence is not a dateline.

    >>> parse_dateline("May 10, 2024")
    datetime.date(2024, 5, 10)
    >>> parse_dateline("Published: 10 May 2024 14:32 GMT")
    datetime.date(2024, 5, 10)
    >>> parse_dateline("Posted on Friday, May 10, 2024")
    datetime.date(2024, 5, 10)
    >>> parse_dateline("By Jane Doe | December 17, 2023")
    datetime.date(2023, 12, 17)
    >>> parse_dateline("The summit on December 17, 2023 agreed a new vision.") is None
    True
    """
    line = line.strip()
    if not line or len(line) > 120:
        return None
    # a byline and a date often share a line: "By Jane Doe | May 10, 2024"
    for part in re.split(r"\s+[|·•]\s+", line):
        m = _DATE.search(part)
        if m is None:
            continue
        head, tail = part[: m.start()], part[m.end() :]
        if _DATELINE_LABEL.match(head) and _DATELINE_TAIL.match(tail):
            return _date_from_match(m)
    return None


_NAME_CONNECTORS = frozenset(
    {
        "and",
        "&",
        "of",
        "de",
        "da",
        "del",
        "van",
        "von",
        "der",
        "bin",
        "binti",
        "al",
        "la",
        "le",
        "y",
        "e",
        "et",
    }
)


def _looks_like_names(names: str) -> bool:
    """Capitalised words joined by connectors (`A. Rana and G. Sinha Roy`), not a sentence (`Monday, the`)."""
    words = [w.strip(",;()") for w in names.split()]
    return (
        0 < len(words) <= 16
        and all(not w or w[0].isupper() or w.lower() in _NAME_CONNECTORS or not w[0].isalpha() for w in words)
        and not re.search(r"\d", names)
    )


def _clean_names(names: str) -> str | None:
    names = _MARKER_TAIL.sub("", names.strip()).strip()
    names = re.sub(r"\s*[|·•]\s+.*$", "", names)  # "By Jane Doe | May 10, 2024" -> "Jane Doe"
    if not names or len(names) > 150 or not _looks_like_names(names):
        return None
    return names


def parse_author_line(line: str) -> str | None:
    """The names on a byline (`Authors: ...`, `By ...`), trailing footnote markers removed.

    >>> parse_author_line("Authors: Aadityavikram Rana and Gitanjali Sinha Roy*")
    'Aadityavikram Rana and Gitanjali Sinha Roy'
    >>> parse_author_line("By Kitti Prasirtsuk")
    'Kitti Prasirtsuk'
    >>> parse_author_line("By Jane Doe | May 10, 2024")
    'Jane Doe'
    >>> parse_author_line("by the end of 2024, Japan had delivered 12 vessels") is None
    True
    >>> parse_author_line("Edited by") is None
    True
    """
    line = line.strip()
    if len(line) > 200 or _BY_LOWER.match(line):
        return None
    m = _AUTHOR_LINE.match(line)
    if m is None:
        return None
    return _clean_names(m.group("names"))


def _is_title_candidate(line: str) -> bool:
    words = line.split()
    return (
        2 <= len(line) <= 200
        and len(words) <= 25
        and re.search(r"[A-Za-z]", line) is not None
        and not line.endswith((".", ",", ";"))
        and not _BULLET.match(line)
    )


def detect_metadata(text: str, *, max_lines: int = MAX_HEADER_LINES) -> TextMetadata:
    """Title, author and dateline found in the first `max_lines` non-empty lines of `text`.

    >>> detect_metadata("• TOP\\n\\nJapan-ASEAN Cooperation as Security Partners\\n\\n"
    ...                 "By Kitti Prasirtsuk\\nProfessor at Thammasat University\\nMay 10, 2024\\nHow do ...")
    TextMetadata(title='Japan-ASEAN Cooperation as Security Partners', author='Kitti Prasirtsuk', published=datetime.date(2024, 5, 10))
    >>> detect_metadata("Authors: A. Rana and G. Sinha Roy*\\nIn departure from its post-war traditions, Japan ...")
    TextMetadata(title=None, author='A. Rana and G. Sinha Roy', published=None)
    >>> detect_metadata("THE RISE OF GLOBAL SOUTH\\n\\n&\\n\\nIMPLICATIONS FOR JAPAN-ASEAN PARTNERSHIP\\n\\n"
    ...                 "Edited by\\n\\nDr. Chheng Kimlong\\nLim Menghour\\n\\nAVI")
    TextMetadata(title='THE RISE OF GLOBAL SOUTH & IMPLICATIONS FOR JAPAN-ASEAN PARTNERSHIP', author='Dr. Chheng Kimlong; Lim Menghour', published=None)
    >>> detect_metadata("# Budget notes\\n\\nThe OSA budget was 8.1 billion yen.")
    TextMetadata(title='Budget notes', author=None, published=None)
    >>> detect_metadata("")
    TextMetadata(title=None, author=None, published=None)
    """  # noqa: E501
    lines: list[str] = []  # the opening lines, blank lines kept as "" (they delimit name blocks)
    non_empty = 0
    for raw_line in text.lstrip("\ufeff").splitlines():
        line = raw_line.strip()
        lines.append(line)
        if line:
            non_empty += 1
            if non_empty >= max_lines:
                break

    title: str | None = None
    author: str | None = None
    published: dt.date | None = None
    title_open = True  # a title can only come before the first body paragraph
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line:
            continue
        if published is None and (date := parse_dateline(line)) is not None:
            published = date
            if author is None:
                author = parse_author_line(line)
            continue
        if author is None and (names := parse_author_line(line)) is not None:
            author = names
            continue
        if author is None and re.fullmatch(r"(?:edited|written|compiled)\s+by\s*:?", line, re.IGNORECASE):
            names_block, i = _name_block(lines, i)
            if names_block:
                author = "; ".join(names_block)
            continue
        if title is None and title_open:
            if m := _MD_TITLE.match(line):
                title = m.group("title")
                continue
            if _BULLET.match(line):
                continue  # navigation / breadcrumbs before the title
            if _is_title_candidate(line):
                title, i = _join_title(lines, i, line)
                continue
            title_open = False  # body prose reached: no title above it
    return TextMetadata(title=title, author=author, published=published)


def _name_block(lines: list[str], i: int) -> tuple[list[str], int]:
    """Consecutive person-name lines starting at `lines[i]` (after blank lines), at most five."""
    while i < len(lines) and not lines[i]:
        i += 1
    names: list[str] = []
    while (
        i < len(lines) and lines[i] and len(names) < 5 and len(lines[i]) <= 60 and _NAME_LINE.match(lines[i])
    ):
        names.append(_MARKER_TAIL.sub("", lines[i]).strip())
        i += 1
    return names, i


def _join_title(lines: list[str], i: int, title: str) -> tuple[str, int]:
    """Join a title broken over lines by a connector (`GLOBAL SOUTH` / `&` / `IMPLICATIONS ...`)."""
    while True:
        j = i
        while j < len(lines) and not lines[j]:
            j += 1
        if j >= len(lines):
            return title, i
        nxt = lines[j]
        if _CONNECTOR_LINE.match(nxt) or _CONNECTOR_END.search(title):
            if not _is_title_candidate(nxt) and not _CONNECTOR_LINE.match(nxt):
                return title, i
            title = f"{title} {nxt}"
            i = j + 1
            if len(title) > 200:
                return title, i
            continue
        return title, i


def markdown_headings(text: str) -> tuple[tuple[int, int, str], ...]:
    """ATX (`# Title`) and setext (underlined) headings of a Markdown text: (offset, level, text).

    Offsets point at the start of the heading line; fenced code blocks are skipped.

    >>> markdown_headings("# Report\\n\\nIntro.\\n\\n## Budget 2024\\nText\\n```\\n# not a heading\\n```\\n")
    ((0, 1, 'Report'), (18, 2, 'Budget 2024'))
    >>> markdown_headings("Results\\n=======\\n\\nMethods\\n---\\n")
    ((0, 1, 'Results'), (17, 2, 'Methods'))
    """
    headings: list[tuple[int, int, str]] = []
    offset = 0
    in_fence = False
    prev: tuple[int, str] | None = None  # (offset, stripped text) of the previous non-blank line
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_fence = not in_fence
            prev = None
        elif not in_fence:
            if m := re.match(r"^ {0,3}(#{1,6})\s+(.+?)\s*#*\s*$", line.rstrip("\r\n")):
                headings.append((offset, len(m.group(1)), m.group(2)))
                prev = None
            elif prev is not None and re.fullmatch(r"=+|-{2,}", stripped):
                headings.append((prev[0], 1 if stripped[0] == "=" else 2, prev[1]))
                prev = None
            else:
                prev = (offset, stripped) if stripped and not stripped.startswith(("#", "-", "*")) else None
        offset += len(line)
    return tuple(headings)
