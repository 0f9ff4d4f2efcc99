"""Chunks of a long text for spaCy, and the work per line kept bounded.

spaCy's memory and the cost of reading context around each figure follow the text parsed at once, so a
document is fed to `nlp.pipe` in chunks of at most `chunk_chars(settings)` characters
(`Settings.max_chars_per_batch / Settings.batch_size`, never over `Settings.max_chars_per_chunk`).

A chunk ends, in order of preference, at a paragraph break after a sentence end, at any paragraph break, at a
line break, at a space after a sentence end, after a clause end (`, ` `; `), between two words without a
figure, at any space, and only as a last resort in the middle of a word (`_gap_rank`). A cut inside a line
is also where extraction sees that line end (`break_long_lines`): the space there is read as a line break,
so no line that extraction scans is longer than a chunk, however long the source line (a 2 MB text on one
line is read as lines of a chunk each). The fallback costs only context: a sentence cut that way is read as
two (each figure keeps its exact offsets; see `claims.extract.documents`).

Scan first (`claim_pieces`): of each chunk, only the paragraphs the plain-text scanner (`claims.parse.scan`)
finds a candidate figure in that can become a claim (`can_be_claim`: the "not a claim" rules of
`claims.parse.nonclaims` do not drop it whatever the parser reads it as) are parsed, with the paragraphs the
claim assembly reads around them (see `claim_pieces`); neighbouring paragraphs are parsed together, as one
piece, at their own offsets. Everything the assembly reads from the parse (the sentence, the sentence before
it in the same paragraph, its parties and dependencies) lies inside a piece; headings, tables and sections
are read from the whole text (`claims.segment`), not from the parse.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Callable, Sequence

from claims.context.entities import find_entities
from claims.parse.candidates import Candidate
from claims.parse.nonclaims import URL, claim_drop_reason
from claims.parse.scan import COUNT, scan
from claims.segment import Layout
from claims.settings import Settings
from claims.types import Kind, Quantity

MIN_CHUNK_CHARS = 1_000
"""No chunk is cut shorter than this, whatever the settings say (a figure needs its sentence around it)."""

_PARAGRAPH_AFTER_SENTENCE = re.compile(
    r"""
    [.!?:;"'”’)\]]    # a sentence or clause end, a closing quote or bracket
    [ \t]*\n[ \t]*\n  # then a blank line
    """,
    re.VERBOSE,
)
_WORD = re.compile(r"[^ \t\n]+")
_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"[a-z0-9)%][.!?][\"'”’)]*$")
_SENTENCE_START = re.compile(r"[\"'“‘(]*[A-Z]")


_FUNCTION_WORDS = frozenset(
    [
        "and",
        "or",
        "but",
        "in",
        "of",
        "to",
        "for",
        "from",
        "by",
        "with",
        "on",
        "at",
        "as",
        "the",
        "a",
        "an",
        "was",
        "were",
        "is",
        "are",
        "that",
        "which",
        "while",
    ]
)


def _gap_rank(before2: str, before: str, after: str) -> int:
    """How safe the space between the words `before` and `after` is to cut at: 4 after a sentence end, 3
    after a clause end, 2 and 1 with no figure on either side (2: nor in `before2`, or before a function
    word), 0 otherwise.

    >>> [_gap_rank("of", "2024.", "The"), _gap_rank("in", "2024,", "exports"), _gap_rank("7", "ships", "in")]
    [4, 3, 2]
    >>> [_gap_rank("7", "patrol", "vessels"), _gap_rank("$62.2", "million", "yen")]
    [1, 1]
    >>> [_gap_rank("cost", "$62.2", "million"), _gap_rank("and", "7", "vessels")]
    [0, 0]
    """
    if _DIGIT.search(after) and not before.endswith((".", ",", ";")):
        return 0
    if _SENTENCE_END.search(before) and _SENTENCE_START.match(after):
        return 4
    if before.endswith((",", ";")):
        return 3
    if _DIGIT.search(before) or _DIGIT.search(after):
        return 0
    return 2 if not _DIGIT.search(before2) or after.lower() in _FUNCTION_WORDS else 1


def _best_space(text: str, floor: int, limit: int) -> int:
    """Where to cut text[floor:limit] at a space (the offset after it), the latest of the safest rank; -1."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, max(0, floor - 200), limit)]
    best, best_rank = -1, -1
    for i in range(1, len(words) - 1):
        gap_end = words[i + 1][0]
        if gap_end <= floor or "\n" in text[words[i][1] : gap_end]:
            continue
        before2 = text[words[i - 1][0] : words[i - 1][1]]
        rank = _gap_rank(before2, text[words[i][0] : words[i][1]], text[words[i + 1][0] : words[i + 1][1]])
        if rank >= best_rank:
            best, best_rank = gap_end, rank
    return best


def chunk_chars(settings: Settings) -> int:
    """The longest chunk of text fed to spaCy at once for these settings.

    >>> chunk_chars(Settings())
    10000
    >>> chunk_chars(Settings(max_chars_per_chunk=4_000))
    4000
    """
    per_batch = settings.max_chars_per_batch // max(1, settings.batch_size)
    return max(MIN_CHUNK_CHARS, min(settings.max_chars_per_chunk, per_batch))


def _last_end(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> int:
    """The end of the last match of `pattern` inside text[lo:hi], or -1."""
    end = -1
    for m in pattern.finditer(text, lo, hi):
        end = m.end()
    return end


def _cut(text: str, start: int, limit: int, floor: int) -> int:
    """Where the chunk that starts at `start` ends: the best break in text[floor:limit], else `limit`."""
    k = _last_end(_PARAGRAPH_AFTER_SENTENCE, text, floor, limit)
    if k > floor:
        return k
    for sep in ("\n\n", "\n"):
        k = text.rfind(sep, floor, limit)
        if k > floor:
            return k + len(sep)
    k = _best_space(text, floor, limit)
    return k if k > floor else limit


def chunk_text(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Split `text` into (start, end) chunks of at most `max_chars`, cut at the best break in the last three
    quarters of each chunk (see the module docstring), else hard.

    >>> chunk_text("aaa\\n\\nbbb\\n\\nccc", 8)
    [(0, 5), (5, 13)]
    >>> chunk_text("", 10)
    [(0, 0)]
    >>> text = "It rose 5%. Then it fell 3% in 2024 and more"
    >>> [text[s:e] for s, e in chunk_text(text, 20)]
    ['It rose 5%. ', 'Then it ', 'fell 3% in 2024 ', 'and more']
    """
    n = len(text)
    if max_chars <= 0 or n <= max_chars:
        return [(0, n)]
    chunks = []
    start = 0
    while start < n:
        limit = start + max_chars
        if limit >= n:
            chunks.append((start, n))
            break
        cut = _cut(text, start, limit, start + max_chars // 4)
        chunks.append((start, cut))
        start = cut
    return chunks


def break_long_lines(text: str, chunks: list[tuple[int, int]]) -> str:
    """`text` with the space or tab at each chunk cut inside a line read as a line break (same length, so
    every offset stays valid); `text` itself when no cut falls inside a line.

    >>> text = "It rose 5%. Then it fell 3% in 2024 and more"
    >>> break_long_lines(text, chunk_text(text, 20))
    'It rose 5%.\\nThen it\\nfell 3% in 2024\\nand more'
    >>> break_long_lines("aaa\\n\\nbbb\\n\\nccc", [(0, 5), (5, 13)])
    'aaa\\n\\nbbb\\n\\nccc'
    """
    cuts = [end for _, end in chunks[:-1] if end > 0 and text[end - 1] in " \t"]
    if not cuts:
        return text
    parts = []
    previous = 0
    for cut in cuts:
        parts.append(text[previous : cut - 1])
        parts.append("\n")
        previous = cut
    parts.append(text[previous:])
    return "".join(parts)


_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
"""The break between two paragraphs: one or more blank lines."""
_ENDS_STATEMENT = re.compile(r"""[.!?:;"'”’)\]][ \t\n]*\Z""")
"""A paragraph that ends a sentence or a clause (a heading, a cut paragraph, a table does not)."""
_STARTS_LOWER = re.compile(r"[ \t]*[a-z]")


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The paragraphs of text[start:end] as (start, end), each with the blank lines after it; together they
    cover text[start:end] exactly.

    >>> text = "Title\\n\\nIt rose 5%.\\n\\n\\nThe end"
    >>> [text[a:b] for a, b in paragraphs(text)]
    ['Title\\n\\n', 'It rose 5%.\\n\\n\\n', 'The end']
    >>> paragraphs("", 0)
    []
    """
    end = len(text) if end is None else end
    out = []
    at = start
    for m in _BLANK_LINES.finditer(text, start, end):
        out.append((at, m.end()))
        at = m.end()
    if at < end:
        out.append((at, end))
    return out


def _holds_figure(starts: Sequence[int], a: int, b: int) -> bool:
    """Does a candidate (by its start offset, sorted) begin inside [a, b)?"""
    k = bisect.bisect_left(starts, a)
    return k < len(starts) and starts[k] < b


def _kinds_after_parse(candidate: Candidate) -> list[tuple[Kind, str | None]]:
    """Every (kind, unit) the candidate may have once the parser has refined it (`claims.nlp.quantities`):
    a bare number may be read as a count; a count whose next word is no noun takes its fallback kind; a
    number without a unit may count what the count before it counts. Its offsets never change."""
    found = [(candidate.kind, candidate.unit)]
    if candidate.bare or candidate.unit is None:
        found.append((Kind.COUNT, COUNT))
    if candidate.kind is Kind.COUNT:
        found.append((candidate.fallback_kind or Kind.OTHER, None))
    return found


def can_be_claim(
    text: str, layout: Layout, candidate: Candidate, url_spans: Sequence[tuple[int, int]]
) -> bool:
    """Can the scanner's `candidate` (offsets into `text`) become a claim of the document `text` with this
    `layout` and these URL spans, whatever the parser makes of it? Not when a rule of
    `claims.parse.nonclaims.NOT_A_CLAIM` drops it in every reading the parser may give it
    (`_kinds_after_parse`), nor when it labels a table column.

    >>> from claims.segment import segment
    >>> text = "The port spent $4 million.\\n- 12 -\\nIn the first seven months, 42 ships docked.\\n"
    >>> layout, urls = segment(text), [m.span() for m in URL.finditer(text)]
    >>> [(text[c.start : c.end], can_be_claim(text, layout, c, urls)) for c in scan(text, keep_bare=True)]
    [('$4 million', True), ('12', False), ('seven months', False), ('42', True)]
    """
    table = layout.table_at(candidate.start)
    if table is not None:
        located = table.locate(candidate.start)
        if located is not None and located[0] < 0:
            return False  # a number in a header row labels a column (`2030 Projection`)
    surface = text[candidate.start : candidate.end]
    for kind, unit in _kinds_after_parse(candidate):
        quantity = Quantity(
            start=candidate.start, end=candidate.end, surface=surface, value=None, unit=unit, kind=kind
        )
        if not claim_drop_reason(text, layout, quantity, url_spans):
            return True
    return False


def claim_pieces(
    text: str,
    start: int,
    end: int,
    *,
    scanner: Callable[..., list] = scan,
    layout: Layout | None = None,
) -> list[tuple[int, int]]:
    """The parts of the chunk text[start:end] spaCy must parse, as (start, end) offsets into `text`.

    A paragraph is parsed when the scanner (`keep_bare`: every number a parser may take as a count) finds a
    candidate figure in it; given the document's `layout`, only a candidate that can become a claim counts
    (`can_be_claim`: not a page or list number, a time reference, a number in a table of contents or a
    reference list...). Around it, what the claim assembly reads from the parse: the paragraphs before it
    that end no sentence (headings, labels, a paragraph a page break cut: the parser runs them into the
    figure's sentence), and the paragraph before those when the figure's paragraph opens without naming a
    party (its parties then come from the sentence before); the paragraph right before it when that one
    holds a figure of any kind (the sentence before is read for its last year: parsed as without a
    layout); the paragraph after it when the figure's paragraph ends no sentence and the next goes on in
    lower case. Paragraphs next to each other make one piece.

    >>> text = "Report\\n\\nThe sky was grey.\\n\\nJapan's exports rose 5%.\\n\\nNo figure here.\\n"
    >>> [text[a:b] for a, b in claim_pieces(text, 0, len(text))]
    ["Japan's exports rose 5%.\\n\\n"]
    >>> text = "The sky was grey.\\n\\nExports by sea\\n\\nThey rose 5%.\\n\\nThe end."
    >>> [text[a:b] for a, b in claim_pieces(text, 0, len(text))]
    ['The sky was grey.\\n\\nExports by sea\\n\\nThey rose 5%.\\n\\n']
    >>> claim_pieces("Nothing to count.", 0, 17)
    []
    """
    parts = paragraphs(text, start, end)
    if not parts:
        return []
    found = scanner(text[start:end], keep_bare=True)
    figures = [c.start + start for c in found]
    if layout is not None and found:
        urls = [m.span() for m in URL.finditer(text, start, end)]
        found = [
            c
            for c in found
            if can_be_claim(
                text, layout, dataclasses.replace(c, start=c.start + start, end=c.end + start), urls
            )
        ]
    starts = [c.start + start for c in found]
    if not starts:
        return []
    keep = [_holds_figure(starts, a, b) for a, b in parts]
    chosen = list(keep)
    for i, held in enumerate(keep):
        if not held:
            continue
        if i > 0 and _holds_figure(figures, *parts[i - 1]):
            chosen[i - 1] = True  # parsed as without a layout: the sentence before is read for its last year
        j = i - 1
        while j >= 0 and not _ENDS_STATEMENT.search(text, parts[j][0], parts[j][1]):
            chosen[j] = True
            j -= 1
        if j >= 0 and not find_entities(text[parts[i][0] : parts[i][1]].split("\n", 1)[0]):
            chosen[j] = True
        if (
            i + 1 < len(parts)
            and not _ENDS_STATEMENT.search(text, parts[i][0], parts[i][1])
            and _STARTS_LOWER.match(text, parts[i + 1][0])
        ):
            chosen[i + 1] = True
    pieces: list[tuple[int, int]] = []
    for (a, b), take in zip(parts, chosen, strict=True):
        if not take:
            continue
        if pieces and pieces[-1][1] == a:
            pieces[-1] = (pieces[-1][0], b)
        else:
            pieces.append((a, b))
    return pieces
