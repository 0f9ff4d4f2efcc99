"""Claims regrouped by the sentence (or table row) they come from, with offsets inside that sentence.

Arithmetic and conversion checks read the words between a sentence's numbers ("from ... to ...",
"an increase of", "(approximately ...)"), so each claim gets its span relative to `claim.sentence`:
`char_start - sentence_start`, checked against the surface (and looked up by text when a producer's
offsets do not line up; claims that cannot be placed are left out of these checks).
"""

from __future__ import annotations

from array import array
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np

from claims.types import Claim

from .columns import equal_runs, sentence_keys


@dataclass(frozen=True, slots=True)
class Placed:
    """A claim with its span inside its sentence."""

    index: int  # row in the claim sequence
    claim: Claim
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SentenceClaims:
    text: str
    claims: tuple[Placed, ...]  # ordered by position

    def between(self, left: Placed, right: Placed) -> str:
        return self.text[left.end : right.start]

    def before(self, placed: Placed, width: int = 80) -> str:
        return self.text[max(0, placed.start - width) : placed.start]

    def after(self, placed: Placed, width: int = 60) -> str:
        return self.text[placed.end : placed.end + width]


def _place(claim: Claim, index: int, floor: int) -> Placed | None:
    text = claim.sentence
    start = claim.char_start - claim.sentence_start
    if start >= 0 and text[start : start + len(claim.surface)] == claim.surface:
        return Placed(index, claim, start, start + len(claim.surface))
    found = text.find(claim.surface, floor)
    if found < 0:
        found = text.find(claim.surface)
    if found < 0 or not claim.surface:
        return None
    return Placed(index, claim, found, found + len(claim.surface))


def place_rows(claims: Sequence[Claim], rows: list[int]) -> list[Placed]:
    """The claims of `rows` (one sentence or line) placed in it in text order, each searched after the one
    before when its offsets do not give its surface; `rows` is sorted in place."""
    rows.sort(key=lambda r: (claims[r].char_start, claims[r].char_end))
    placed: list[Placed] = []
    floor = 0
    for r in rows:
        p = _place(claims[r], r, floor)
        if p is not None:
            placed.append(p)
            floor = p.end
    return placed


def locate(claim: Claim) -> tuple[int, int] | None:
    """The claim's span inside its own sentence (None when it cannot be placed)."""
    placed = _place(claim, 0, 0)
    return None if placed is None else (placed.start, placed.end)


@dataclass(frozen=True, slots=True)
class LineIds:
    """Per row, ints that tell lines apart: equal (document, sentence offset, sentence) <=> equal ids."""

    doc: np.ndarray  # document ids, in order of first appearance
    start: np.ndarray  # the sentence's offset in its document
    sentence: np.ndarray  # sentence ids (see `sentence_keys`)
    has_sentence: np.ndarray  # bool: the claim has a sentence


def line_ids(claims: Sequence[Claim]) -> LineIds:
    """The `LineIds` of the claims: four arrays, no text held (the sentences of claims held as columns are
    told apart by exact ids; those of `Claim` objects by a dictionary of the sentences they hold)."""
    n = len(claims)
    keys = sentence_keys(claims)
    exact = isinstance(keys, array)
    doc, start, sentence = np.zeros(n, np.int64), np.zeros(n, np.int64), np.zeros(n, np.int64)
    has_sentence = np.zeros(n, dtype=bool)
    docs: dict[str, int] = {}
    texts: dict[object, int] = {}
    for index, claim in enumerate(claims):
        doc[index] = docs.setdefault(claim.doc, len(docs))
        start[index] = claim.sentence_start
        key = keys[index]
        sentence[index] = cast(int, key) if exact else texts.setdefault(key, len(texts))
        has_sentence[index] = bool(claim.sentence)
    return LineIds(doc, start, sentence, has_sentence)


def row_groups(*columns: np.ndarray, rows: np.ndarray | None = None) -> Iterator[list[int]]:
    """Rows (of `rows`, or every row) with equal values in every column: each group in row order, the groups
    in order of their first row. Held as a few arrays, not as a dictionary of lists.

    >>> list(row_groups(np.array([3, 1, 3, 1, 2]), np.array([7, 7, 7, 8, 7])))
    [[0, 2], [1], [3], [4]]
    >>> list(row_groups(np.array([3, 1, 3, 1]), rows=np.array([1, 2, 3])))
    [[1, 3], [2]]
    """
    if rows is not None:
        columns = tuple(column[rows] for column in columns)
    if not len(columns[0]):
        return
    order, starts = equal_runs(columns)  # stable: each group's rows in row order
    if rows is not None:
        order = rows[order]
    first, ends = starts[:-1], starts[1:]
    for k in np.argsort(order[first], kind="stable").tolist():
        yield order[first[k] : ends[k]].tolist()


def _sentence_groups(claims: Sequence[Claim]) -> Iterator[list[int]]:
    """Rows by (document, sentence offset, sentence), in order of first appearance; claims without a sentence
    left out."""
    ids = line_ids(claims)
    yield from row_groups(ids.doc, ids.start, ids.sentence, rows=np.flatnonzero(ids.has_sentence))


def sentences(claims: Sequence[Claim], focus_rows: Collection[int] | None = None) -> Iterator[SentenceClaims]:
    """Sentences holding at least two claims (at least one in `focus_rows` when given)."""
    for rows in _sentence_groups(claims):
        if len(rows) < 2:
            continue
        if focus_rows is not None and not any(r in focus_rows for r in rows):
            continue
        text = claims[rows[0]].sentence
        placed = place_rows(claims, rows)
        placed.sort(key=lambda p: p.start)
        if len(placed) >= 2:
            yield SentenceClaims(text, tuple(placed))


def context_windows(claims: Sequence[Claim], width: int = 90) -> list[tuple[str, str]]:
    """(left, right) words around each claim inside its sentence, stopping at the neighbouring claims.

    The words next to a number say what it measures when the extractor's subject is thin ("58.9 percent of
    respondents ... identified Japan as the most trusted major power"). Claims that cannot be placed in
    their sentence get ("", "").
    """
    spans = context_spans(claims, width)
    return [window_of(claim.sentence, spans[i]) for i, claim in enumerate(claims)]


def context_spans(claims: Sequence[Claim], width: int = 90) -> np.ndarray:
    """`context_windows` as offsets into each claim's sentence, one row (left start, left end, right start,
    right end) per claim: four numbers a claim instead of two strings (see `window_of`)."""
    out = np.zeros((len(claims), 4), dtype=np.int32)
    for rows in _sentence_groups(claims):
        text = claims[rows[0]].sentence
        placed = place_rows(claims, rows)
        placed.sort(key=lambda p: p.start)
        for k, p in enumerate(placed):
            left_bound = max(placed[k - 1].end if k else 0, p.start - width)
            right_bound = min(placed[k + 1].start if k + 1 < len(placed) else len(text), p.end + width)
            left_bound = min(left_bound, p.start)
            right_bound = max(right_bound, p.end)
            left_start, right_end = left_bound, right_bound
            if left_bound > 0 and text[left_bound - 1].isalnum():
                # drop a word cut in half (no space: no word left)
                cut = text.find(" ", left_bound, p.start)
                left_start = p.start if cut < 0 else cut + 1
            if right_bound < len(text) and text[right_bound].isalnum():
                cut = text.rfind(" ", p.end, right_bound)
                right_end = p.end if cut < 0 else cut
            out[p.index] = (left_start, p.start, p.end, right_end)
    return out


def window_of(sentence: str, span: np.ndarray) -> tuple[str, str]:
    """The (left, right) words of one row of `context_spans`.

    >>> window_of("Japan gave $5 million to Fiji.", np.array([0, 11, 21, 29]))
    ('Japan gave ', ' to Fiji')
    """
    left_start, left_end, right_start, right_end = span.tolist()
    return sentence[left_start:left_end], sentence[right_start:right_end]
