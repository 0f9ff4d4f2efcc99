"""Citations: the footnote markers and author-date citations of a sentence, and the reference entries they
resolve to.

Two citation styles are read:

- footnote markers (`... oil.⁸`, `[12]`, `^3`), found by `claims.segment`, resolved by number within the
  chapter's reference list;
- author-date citations, parenthetical (`(MOFA, 2025)`, `(AMRO 2025)`, `(Smith et al. 2020; OECD 2023a)`)
  or narrative (`Smith and Lee (2021)`, `Brain & Company (2025)`), resolved to the entry of the chapter's
  reference list (else the document's) whose authors and year match: the cited name's words appear among
  the entry's authors, or an acronym (`MOFA`) spells the initials of its authors' words ("Japan Ministry of
  Foreign Affairs"). A parenthesis that matches no entry (`(December 2025)`, `Vientiane Vision (2016)`) is
  not a citation; one that matches several entries (`ASEAN 2025` among `2025a`, `2025b`) is kept as a
  citation without a resolved entry.

`cited_chapters` says which chapters have a citation apparatus at all (a reference list and citations in
their text), so a figure is flagged "no citation" only where citing was possible: not in slides, nor in a
chapter without footnotes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from claims.lexicon.context import MONTHS
from claims.segment import Layout
from claims.types import Footnote, Reference


@dataclass(frozen=True, slots=True)
class AuthorDate:
    """An author-date citation in the running text, e.g. `(MOFA, 2025)` -> marker `MOFA, 2025`."""

    marker: str  # as written, without the parentheses
    start: int
    end: int
    author: str  # `MOFA`, `Smith and Lee`
    year: str  # `2025`, `2025a`


Citation = Footnote | AuthorDate

_YEAR = r"(?:1[6-9]|20)\d{2}[a-z]?"
_NAME = r"[A-Z][\w'’\-]*\.?"  # one capitalised word of a name (`Oikawa`, `MOFA`, `O'Neil`, `Co.`)

_PARENTHETICAL = re.compile(
    r"""
    \(                          # opening parenthesis
    (?P<body>[^()]{4,200}?)     # one or more `Author, Year` items, `;`-separated
    \)                          # closing parenthesis
    """,
    re.VERBOSE,
)
_ITEM = re.compile(
    rf"""
    ^\s*(?:(?:see|cf\.|e\.g\.,?)\s+)?            # lead words: see, cf., e.g.
    (?P<author>{_NAME}                           # first word of the author
      (?:\s+(?:and|&|of|for|the|de|van|von)      # joining words
         (?=\s+[A-Z])|\s+{_NAME}){{0,6}}          # ... followed by another capitalised word
      (?:\s+et\s+al\.?)?)                        # et al.
    ,?\s+(?P<year>{_YEAR})                       # year, with a/b suffix
    (?:,\s*(?:p|pp)\.\s*[\d–-]+)?                # page reference
    \s*$
    """,
    re.VERBOSE,
)
_NARRATIVE = re.compile(
    rf"""
    (?P<author>{_NAME}                           # first word of the author
      (?:\s+(?:and|&|of|for)(?=\s+[A-Z])         # joining words before a capitalised word
       |\s+{_NAME}){{0,5}}                       # further capitalised words
      (?:\s+et\s+al\.?)?)                        # et al.
    \s+\((?P<year>{_YEAR})\)                     # (Year)
    """,
    re.VERBOSE,
)
_ENTRY_YEAR = re.compile(rf"(?<![\w/.-])(?P<year>{_YEAR})(?![\w/-])")
_NAME_WORDS = frozenset({"and", "&", "et", "al", "al.", "of", "for", "the", "de", "van", "von"})
_ACRONYM = re.compile(r"^[A-Z]{2,8}$")


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z][A-Za-z'’\-]*", text)


def entry_authors(entry: str) -> str:
    """The authors part of a reference entry: before its year or quoted title (`Smith, J. 2021. ...`).

    >>> entry_authors("Japan Ministry of Foreign Affairs. 2025. \\"ReCAAP Programme 2025.\\" 11 December.")
    'Japan Ministry of Foreign Affairs.'
    >>> entry_authors('Oikawa, Keita. "Future of Data Governance in Asia". Jakarta: ERIA. 2024.')
    'Oikawa, Keita.'
    """
    cut = len(entry)
    year = _ENTRY_YEAR.search(entry)
    if year:
        cut = year.start()
    quote = re.search(r"[\"“”‘]", entry)
    if quote:
        cut = min(cut, quote.start())
    head = entry[:cut].strip()
    if len(head) > 80 and ". " in head:  # a long title before the year: keep the first sentence
        head = head[: head.index(". ") + 1]
    return head


def _author_matches(author: str, entry: str) -> bool:
    """The cited author names the entry's authors: its words among theirs, or an acronym of them.

    >>> _author_matches("MOFA", "Japan Ministry of Foreign Affairs. 2025. Report.")
    True
    >>> _author_matches("Smith and Lee", "Smith, Ann, and Bo Lee. 2021. Title.")
    True
    >>> _author_matches("Vientiane Vision", "ASEAN. 2025c. AADMER. Japan Ministry of Defense. 2016.")
    False
    """
    authors = entry_authors(entry)
    words = {w.lower().rstrip(".") for w in _words(authors)}
    cited = [w.rstrip(".") for w in _words(author) if w.lower() not in _NAME_WORDS]
    if not cited or not words:
        return False
    if all(w.lower() in words for w in cited):
        return True
    if len(cited) == 1 and _ACRONYM.match(cited[0]):
        name_words = _words(authors)
        initials = "".join(w[0] for w in name_words).lower()
        initials_no_stop = "".join(w[0] for w in name_words if w.lower() not in _NAME_WORDS).lower()
        return cited[0].lower() in initials or cited[0].lower() in initials_no_stop
    return False


_ACCESSED = re.compile(r"\b(?:accessed|retrieved|viewed)\b[^.;<]*", re.IGNORECASE)
"""An access date (`Accessed on 08 February 2026`) is not the year of the source."""


def entry_years(entry: str) -> set[str]:
    """Years of a reference entry, access dates left out.

    >>> sorted(entry_years("WEF. Pact talks. 17 October 2025. Accessed on February 8, 2026."))
    ['2025']
    """
    return {m.group("year") for m in _ENTRY_YEAR.finditer(_ACCESSED.sub(" ", entry))}


def _year_in(entry: str, year: str) -> bool:
    """The entry carries the year (a cited `2025` also matches `2025a`; a cited `2025a` only itself)."""
    years = entry_years(entry)
    return year in years or (year.isdigit() and any(y[:4] == year for y in years))


def _candidates(layout: Layout, chapter: str) -> list[Reference]:
    """The reference entries a citation in `chapter` can point to: the chapter's, else the document's list."""
    same = [r for r in layout.references if r.chapter == chapter]
    if same:
        return same
    chapters = {r.chapter for r in layout.references}
    return list(layout.references) if len(chapters) == 1 else []


def resolve_author_date(layout: Layout, chapter: str, citation: AuthorDate) -> list[Reference]:
    """The reference entries an author-date citation matches (one when it resolves; several when ambiguous).

    An exact year (`2025a`) is preferred over a year with a suffix (`2025` matching `2025a`, `2025b`).
    """
    found = [
        r
        for r in _candidates(layout, chapter)
        if _year_in(r.text, citation.year) and _author_matches(citation.author, r.text)
    ]
    exact = [r for r in found if citation.year in entry_years(r.text)]
    found = exact if len(exact) == 1 else found
    sources: dict[str, Reference] = {}
    for r in found:  # one source listed twice (`12 AMRO. "Outlook 2025"` and `17 AMRO. "Outlook 2025"`)
        sources.setdefault(_source_key(r.text), r)
    return list(sources.values())


def _source_key(entry: str) -> str:
    """What identifies a listed source: its quoted title, else its words.

    >>> _source_key('AMRO. "ASEAN+3 Outlook 2025"') == _source_key('AMRO. “ASEAN+3 Outlook 2025”. 2025.')
    True
    """
    title = re.search(r"[\"“”]([^\"“”]{8,})[\"“”]", entry)
    return " ".join(_words(title.group(1) if title else entry)).lower()


def author_date_citations(text: str, start: int, end: int) -> list[AuthorDate]:
    """Author-date citation candidates in text[start:end] (resolution decides which are citations).

    >>> [c.marker for c in author_date_citations("Aid rose (MOFA, 2025; OECD 2023a).", 0, 34)]
    ['MOFA, 2025', 'OECD 2023a']
    >>> [c.author for c in author_date_citations("Smith and Lee (2021) count 12 ships.", 0, 36)]
    ['Smith and Lee']
    >>> author_date_citations("It ran (2014–2022) and (December 2025).", 0, 39)
    []
    """
    found: list[AuthorDate] = []
    span = text[start:end]
    for m in _PARENTHETICAL.finditer(span):
        offset = start + m.start("body")
        for part in re.finditer(r"[^;]+", m.group("body")):
            item = _ITEM.match(part.group())
            if item is None or item.group("author").lower().rstrip(".") in MONTHS:
                continue
            marker = part.group()[item.start("author") :].strip()  # without lead words (`see`, `cf.`)
            at = offset + part.start() + item.start("author")
            found.append(AuthorDate(marker, at, at + len(marker), item.group("author"), item.group("year")))
    for m in _NARRATIVE.finditer(span):
        if m.group("author").split()[0].lower().rstrip(".") in MONTHS:
            continue
        marker = m.group().replace("(", "").replace(")", "")
        found.append(
            AuthorDate(marker, start + m.start(), start + m.end(), m.group("author"), m.group("year"))
        )
    return sorted(found, key=lambda c: c.start)


def citation_markers(layout: Layout, text: str, start: int, end: int) -> list[Citation]:
    """Citations of the sentence text[start:end]: footnote markers, including markers glued right after its
    end (`... oil.⁸`) and excluding a marker at its very start (it closes the previous sentence), and the
    author-date citations that match the reference list."""
    markers: list[Citation] = [
        f for f in layout.footnotes_between(start, end) if f.start > start or start == 0
    ]
    pos = end
    while pos < len(text) and pos - end < 4:
        nxt = layout.footnotes_between(pos, pos + 1)
        if nxt:
            markers.extend(nxt)
            pos = nxt[0].end
        elif text[pos] in " .,;:)\"'”’":
            pos += 1
        else:
            break
    chapter = layout.chapter_at(start)
    markers.extend(
        c for c in author_date_citations(text, start, end) if resolve_author_date(layout, chapter, c)
    )
    seen: dict[int, Citation] = {}
    for c in markers:
        seen.setdefault(c.start, c)
    return sorted(seen.values(), key=lambda c: c.start)


def format_citation(layout: Layout, chapter: str, markers: Sequence[Citation]) -> str:
    """`[5] Nor, Syakirah. "Japan deepens ..."`; `Ibid.` entries name the entry they repeat; an author-date
    citation gives its entry (`[MOFA, 2025] Japan Ministry of Foreign Affairs. 2025. ...`), or only itself
    when several entries match. An entry already given by a footnote marker is not repeated."""
    parts = []
    given: set[int] = set()
    for f in markers:
        if isinstance(f, AuthorDate):
            refs = resolve_author_date(layout, chapter, f)
            if len(refs) == 1 and refs[0].start in given:
                continue
            parts.append(f"[{f.marker}] {refs[0].text}" if len(refs) == 1 else f"[{f.marker}]")
            given.update(r.start for r in refs[:1])
            continue
        ref = layout.resolve(chapter, f.marker)
        if ref is None:
            parts.append(f"[{f.marker}]")
            continue
        given.add(ref.start)
        body = ref.text
        if re.match(r"ibid\b", body, re.IGNORECASE):
            previous = _previous_real_reference(layout, chapter, ref.number)
            if previous:
                body = f"{body} ({previous})"
        parts.append(f"[{f.marker}] {body}")
    return " | ".join(parts)


def cited_chapters(layout: Layout, text: str) -> frozenset[str]:
    """Chapters ("" for a document without chapters) that have a citation apparatus: a reference list they
    can cite, and footnote markers or resolvable author-date citations in their running text.

    A figure outside these has nothing it could cite (slides, a chapter without footnotes): flagging it
    "no citation" would only be noise.
    """
    if not layout.references:
        return frozenset()
    out: set[str] = set()
    for f in layout.footnotes:
        if layout.is_excluded(f.start):
            continue
        chapter = layout.chapter_at(f.start)
        if _candidates(layout, chapter) and layout.resolve(chapter, f.marker) is not None:
            out.add(chapter)
    for section in layout.sections:
        chapter = layout.chapter_at(section.start)
        if chapter in out or layout.is_excluded(section.start) or not _candidates(layout, chapter):
            continue
        if any(
            resolve_author_date(layout, chapter, c)
            for c in author_date_citations(text, section.start, section.end)
        ):
            out.add(chapter)
    return frozenset(out)


def _previous_real_reference(layout: Layout, chapter: str, number: str) -> str:
    try:
        n = int(number)
    except ValueError:
        return ""
    for k in range(n - 1, 0, -1):
        ref = layout.resolve(chapter, str(k))
        if ref is not None and not re.match(r"ibid\b", ref.text, re.IGNORECASE):
            return ref.text
    return ""
