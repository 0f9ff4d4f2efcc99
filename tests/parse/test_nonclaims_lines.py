"""The line rules of claims.parse.nonclaims (imprint lines, addresses, page and list numbers) read each line
once per text: the same verdicts as reading the line per figure (the reference kept here), and the
characters searched grow with the text, not with the figures times the line (counted, never timed)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.parse import nonclaims
from claims.parse.around import line_bounds
from claims.parse.nonclaims import ClaimCheck, PlainLayout, TextLines, claim_drop_reason
from claims.types import Kind, Quantity

_OLD_LIST_NUMBER = re.compile(r"^\s*(?:[-•*▪]\s*)?\(?$")


def _reference(c: ClaimCheck) -> dict[str, str | None]:
    """The four line rules as they read the line per figure before (a page number: a bare whole number)."""
    q, text = c.quantity, c.text
    ls, le = line_bounds(text, q.start, q.end)  # type: ignore[misc]
    line = text[ls:le]
    address = any(m.start() <= q.start - ls < m.end() for m in nonclaims._ADDRESS.finditer(line))
    page = line.strip(" \t-–•*.()[]") == q.surface.strip() and q.surface.strip().isdigit()
    listed = _OLD_LIST_NUMBER.match(text[ls : q.start]) and nonclaims._LIST_AFTER.match(
        text[q.end : q.end + 3]
    )
    return {
        "imprint": "imprint" if nonclaims._IMPRINT_LINE.search(line) else None,
        "address": "address" if address else None,
        "page_number": "page_number" if page else None,
        "list_number": "list_number" if listed else None,
    }


def _verdicts(c: ClaimCheck) -> dict[str, str | None]:
    return {
        "imprint": nonclaims.imprint_line(c),
        "address": nonclaims.street_address(c),
        "page_number": nonclaims.page_number(c),
        "list_number": nonclaims.list_number(c),
    }


PIECES = st.sampled_from(
    [
        "Tel: +65 ",
        "12 Jalan Ampang",
        " - ",
        "14",
        "(",
        "3) ",
        " ",
        "\n",
        "\t",
        "ISBN 978",
        "$5 million",
        "x. ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=14))
def test_nonclaims_line_rules_as_reading_the_line_per_figure(pieces) -> None:
    text = "".join(pieces)
    lines = TextLines(text)
    for m in re.finditer(r"\d+(?: million)?", text):
        quantity = Quantity(m.start(), m.end(), m.group(), 1.0, kind=Kind.COUNT)
        check = ClaimCheck(text, PlainLayout(), quantity)
        assert lines.bounds(m.start(), m.end()) == line_bounds(text, m.start(), m.end())
        assert _verdicts(check) == _reference(check)


@given(st.text(alphabet="ab\n", max_size=30), st.data())
def test_nonclaims_text_lines_bounds_as_line_bounds(text, data) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert TextLines(text).bounds(start, end) == line_bounds(text, start, end)


class _Counting:
    """A compiled pattern that counts the characters it is asked to search."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.chars = 0

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(string) if endpos is None else min(endpos, len(string))
        self.chars += end - pos
        return self.pattern.search(string, pos, end)

    def finditer(self, string: str):  # noqa: ANN201 - an iterator of matches, as re's
        self.chars += len(string)
        return self.pattern.finditer(string)


def one_line(n: int) -> str:
    """A scraped page with no line break: n figures on one line."""
    return " ".join(f"item {k} cost ${k + 1}.2 million and {k % 7 + 1} vessels" for k in range(n))


def many_lines(n: int) -> str:
    return "".join(f"- Partner {k}: ${k + 2} million in grants\n" for k in range(n))


@pytest.mark.parametrize("make", [one_line, many_lines])
@settings(max_examples=4, deadline=None)
@given(n=st.integers(150, 300))
def test_nonclaims_line_rules_linear_in_the_text(make, n) -> None:
    searched = []
    for size in (n, 2 * n):
        text = make(size)
        imprint = _Counting(nonclaims._IMPRINT_LINE)
        address = _Counting(nonclaims._ADDRESS)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(nonclaims, "_IMPRINT_LINE", imprint)
            patch.setattr(nonclaims, "_ADDRESS", address)
            for m in re.finditer(r"\d+", text):
                quantity = Quantity(m.start(), m.end(), m.group(), 1.0, kind=Kind.COUNT)
                claim_drop_reason(text, PlainLayout(), quantity)
        searched.append(imprint.chars + address.chars)
        assert searched[-1] <= 2 * len(text)  # each line searched once by each pattern, whatever its figures
    assert searched[1] <= 2.3 * searched[0]
