"""Scan first: only the paragraphs that can hold a claim (with the paragraphs the assembly reads around them)
go to spaCy, and the claims are the ones a parse of the whole text gives, at the same offsets."""

from __future__ import annotations

import bisect

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from claims.extract import extract_documents
from claims.extract.chunks import claim_pieces, paragraphs
from claims.parse.scan import scan
from claims.settings import Settings
from claims.types import Document

REPORT = """Annual Report on Coastal Shipping

The year was calm for the fleet, and the harbour works went on as planned.

Fleet and cargo

Japan's operator ran 14 patrol vessels and moved $2.5 billion of cargo in 2023.
Its tonnage rose 7% on the year before.

The board thanked the crews.

The port authority met in the spring.

Its budget reached 40 million euros, and the fleet grew by 20 ships over

the length of the plan, said the chair.

The meeting closed at noon.
"""

PIECES_TEXTS = st.lists(
    st.sampled_from(
        [
            "Exports rose 5% to $3 billion.",
            "The weather was calm.",
            "Fleet and cargo",
            "the crews stayed home",
            "It bought 12 vessels in 2021.",
            "",
        ]
    ),
    max_size=12,
).map(lambda parts: "\n\n".join(parts))


@pytest.fixture(scope="module")
def blank() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@settings(max_examples=150, deadline=None)
@given(PIECES_TEXTS)
def test_chunks_pieces_hold_every_candidate(text: str) -> None:
    pieces = claim_pieces(text, 0, len(text))
    starts = [a for a, _ in pieces]
    for candidate in scan(text, keep_bare=True):
        k = bisect.bisect_right(starts, candidate.start) - 1
        assert k >= 0
        assert pieces[k][0] <= candidate.start
        assert candidate.end <= pieces[k][1]
    assert all(a < b for a, b in pieces)
    assert all(p[1] < q[0] for p, q in zip(pieces, pieces[1:], strict=False))  # apart, or joined


@settings(max_examples=150, deadline=None)
@given(PIECES_TEXTS)
def test_chunks_paragraphs_cover_the_text(text: str) -> None:
    parts = paragraphs(text)
    assert "".join(text[a:b] for a, b in parts) == text
    assert all(a < b for a, b in parts)


@pytest.mark.parametrize(
    ("paragraph", "parsed"),
    [
        ("Annual Report on Coastal Shipping", False),
        ("The year was calm for the fleet", False),  # ends a sentence; the figure's paragraph names a party
        ("Fleet and cargo", True),  # the heading right above a figure
        ("Japan's operator ran 14 patrol vessels", True),
        ("The board thanked the crews.", False),
        ("The port authority met in the spring.", True),  # the sentence before one that names no party
        ("the length of the plan", True),  # goes on in lower case from a figure's unfinished sentence
        ("The meeting closed at noon.", False),
    ],
)
def test_chunks_pieces_take_figures_and_their_headings(paragraph: str, parsed: bool) -> None:
    pieces = claim_pieces(REPORT, 0, len(REPORT))
    at = REPORT.index(paragraph)
    assert any(a <= at < b for a, b in pieces) is parsed


@pytest.mark.parametrize(
    "text",
    [
        REPORT,
        "No figure in this text at all.\n\nNor in this one.",
        "Tonnage\n\nrose 7% in 2022, and the port added 2 cranes.\n\nEnd of the note.",
    ],
)
def test_chunks_pieces_give_the_claims_of_the_whole_text(blank: Language, text: str) -> None:
    document = Document(doc="report.txt", text=text, sha256="0" * 64)
    settings_ = Settings()
    whole = dict(extract_documents([document], blank, settings_, scan_first=False))[document]
    first = dict(extract_documents([document], blank, settings_, scan_first=True))[document]
    assert first == whole
    assert all(text[c.char_start : c.char_end] == c.surface for c in first)


@pytest.mark.model
@pytest.mark.parametrize("text", [REPORT])
def test_chunks_pieces_same_claims_with_the_model(nlp: Language, text: str) -> None:
    document = Document(doc="report.txt", text=text, sha256="0" * 64)
    whole = dict(extract_documents([document], nlp, Settings(), scan_first=False))[document]
    first = dict(extract_documents([document], nlp, Settings(), scan_first=True))[document]
    assert [c.surface for c in first] == [c.surface for c in whole]
    assert first == whole
