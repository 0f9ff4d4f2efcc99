"""Scan first, narrower: a paragraph whose only figures can never be claims (a page number, a time reference,
a table of contents) is not parsed, and the claims stay the ones a parse of the whole text gives."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from claims.extract import extract_documents
from claims.extract.chunks import can_be_claim, claim_pieces
from claims.parse.nonclaims import URL
from claims.parse.scan import scan
from claims.segment import segment
from claims.settings import Settings
from claims.types import Document

NOTES = """Harbour works

The port spent $4 million on new cranes.

- 12 -

In the first seven months, the harbour stayed open.

Later, 42 ships docked and the fleet added 3 tugs.

- 13 -

The board met in the spring.
"""

CONTENTS = """Contents

Foreword\t5
Chapter 1\t15
"""


@pytest.fixture(scope="module")
def blank() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _judged(text: str) -> dict[str, bool]:
    layout = segment(text)
    urls = [m.span() for m in URL.finditer(text)]
    return {text[c.start : c.end]: can_be_claim(text, layout, c, urls) for c in scan(text, keep_bare=True)}


@pytest.mark.parametrize(
    ("surface", "claim"),
    [
        ("$4 million", True),
        ("12", False),  # a page number alone on its line
        ("seven months", False),  # a time reference (`in the first seven months`)
        ("42", True),
        ("3", True),  # a count of tugs
        ("13", False),
    ],
)
def test_chunks_can_be_claim_judges_each_figure(surface: str, claim: bool) -> None:
    assert _judged(NOTES)[surface] is claim


@pytest.mark.parametrize("surface", ["5", "15"])
def test_chunks_can_be_claim_not_in_a_table_of_contents(surface: str) -> None:
    text = CONTENTS + "\n1. Harbour works\n\nThe port spent $4 million on new cranes.\n"
    assert _judged(text)[surface] is False


@pytest.mark.parametrize(
    ("paragraph", "parsed", "before"),
    [
        ("The port spent $4 million", True, True),
        ("- 12 -", False, True),  # parsed before: the scanner finds a figure in it
        ("In the first seven months", True, True),  # the sentence before one that names no party
        ("Later, 42 ships docked", True, True),
        ("- 13 -", False, True),
        ("The board met", False, False),
    ],
)
def test_chunks_pieces_leave_out_paragraphs_without_claims(
    paragraph: str, parsed: bool, before: bool
) -> None:
    at = NOTES.index(paragraph)
    narrow = claim_pieces(NOTES, 0, len(NOTES), layout=segment(NOTES))
    wide = claim_pieces(NOTES, 0, len(NOTES))  # without the layout: every paragraph with a figure
    assert any(a <= at < b for a, b in narrow) is parsed
    assert any(a <= at < b for a, b in wide) is before


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        (NOTES, ["$4 million", "42", "3"]),
        (CONTENTS + "\nThe port spent $4 million.\n", []),  # a contents page runs to the first heading
        ("The plan ran 5 years.\n\n- 12 -\n\nIt rose 7% in 2020.\n", ["5 years", "7%"]),
    ],
)
def test_chunks_pieces_without_nonclaims_same_claims(blank: Language, text: str, surfaces: list[str]) -> None:
    document = Document(doc="notes.txt", text=text, sha256="0" * 64)
    whole = dict(extract_documents([document], blank, Settings(), scan_first=False))[document]
    first = dict(extract_documents([document], blank, Settings(), scan_first=True))[document]
    assert first == whole
    assert [c.surface for c in first] == surfaces


@pytest.mark.model
@pytest.mark.parametrize("text", [NOTES])
def test_chunks_pieces_without_nonclaims_same_claims_with_the_model(nlp: Language, text: str) -> None:
    document = Document(doc="notes.txt", text=text, sha256="0" * 64)
    whole = dict(extract_documents([document], nlp, Settings(), scan_first=False))[document]
    first = dict(extract_documents([document], nlp, Settings(), scan_first=True))[document]
    assert first == whole


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("Japan's fleet grew.\n\n- 12 -\n\nJapan's exports rose 7%.\n", True),  # right before a figure's
        ("- 12 -\n\nJapan's fleet grew.\n\nJapan's exports rose 7%.\n", False),
    ],
)
def test_chunks_pieces_keep_the_figure_right_before_a_claim(text: str, parsed: bool) -> None:
    at = text.index("- 12 -")
    pieces = claim_pieces(text, 0, len(text), layout=segment(text))
    assert any(a <= at < b for a, b in pieces) is parsed
