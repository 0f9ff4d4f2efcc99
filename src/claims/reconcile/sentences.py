"""Claims regrouped by the sentence (or table row) they come from, with offsets inside that sentence.

Arithmetic and conversion checks read the words between a sentence's numbers ("from ... to ...",
"an increase of", "(approximately ...)"), so each claim gets its span relative to `claim.sentence`:
`char_start - sentence_start`, checked against the surface (and looked up by text when a producer's
offsets do not line up; claims that cannot be placed are left out of these checks).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from claims.types import Claim

from .columns import sentence_keys


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


def _sentence_groups(claims: Sequence[Claim]) -> dict[tuple[str, int, object], list[int]]:
    """Rows by (document, sentence offset, sentence), in order of first appearance; claims without a sentence
    left out. The sentence is keyed by `sentence_keys` (no copy of its text held when the claims are
    columns)."""
    keys = sentence_keys(claims)
    groups: dict[tuple[str, int, object], list[int]] = defaultdict(list)
    for index, claim in enumerate(claims):
        if claim.sentence:
            groups[(claim.doc, claim.sentence_start, keys[index])].append(index)
    return groups


def sentences(claims: Sequence[Claim], focus_rows: Collection[int] | None = None) -> Iterator[SentenceClaims]:
    """Sentences holding at least two claims (at least one in `focus_rows` when given)."""
    groups = _sentence_groups(claims)
    for rows in groups.values():
        text = claims[rows[0]].sentence
        if len(rows) < 2:
            continue
        if focus_rows is not None and not any(r in focus_rows for r in rows):
            continue
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
    groups = _sentence_groups(claims)
    for rows in groups.values():
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
