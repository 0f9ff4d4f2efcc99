"""What a number measures, read for every figure of a long list or table: the document's text is joined
once per doc (not once per figure), and the calls made grow linearly with the figures (counted, never
timed)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from profiling import calls_in
from spacy.language import Language
from spacy.tokens import Doc

import claims
from claims import context
from claims.context.subjects import outside
from claims.context.topics import doc_text

CONTEXT_FILES = frozenset(str(p) for p in (Path(claims.__file__).parent / "context").glob("*.py"))


class CountingDoc(Doc):
    """A Doc that counts how often its whole text is joined."""

    joined = 0

    @property
    def text(self) -> str:  # type: ignore[override]
        CountingDoc.joined += 1
        return super().text


@pytest.fixture(scope="module")
def blank() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def calls(fn: Callable[[], object]) -> int:
    """Function calls made from claims.context while `fn` runs (Python and built-in calls alike)."""
    return calls_in(CONTEXT_FILES, fn)


def long_list(n: int) -> str:
    """One sentence listing n places, each with its figure in parentheses after a colon."""
    items = ", ".join(f"Partner{k} ({k % 9 + 1}.{k % 7}%)" for k in range(n))
    return f"Unemployment fell across the region in 2023: {items}.\n"


def long_table_row(n: int) -> str:
    """A table flattened into one sentence: n amounts with their years."""
    return "Grants by year " + " ".join(f"{2000 + k % 20} ${k + 2} million" for k in range(n)) + "\n"


def _subjects(blank: Language, text: str) -> tuple[list[str], int]:
    """Every figure's subject, and how often the text was joined meanwhile."""
    doc = CountingDoc(blank.vocab).from_bytes(blank(text).to_bytes())
    spans = [doc.char_span(m.start(), m.end()) for m in re.finditer(r"\$?\d+(?:\.\d+)?(?: million|%)?", text)]
    CountingDoc.joined = 0
    found = [context.syntactic_subject(span) for span in spans if span is not None]
    return found, CountingDoc.joined


@pytest.mark.parametrize("make", [long_list, long_table_row], ids=lambda make: make.__name__)
@settings(max_examples=3, deadline=None)
@given(n=st.integers(60, 120))
def test_subjects_text_joined_once_per_doc(blank: Language, make: Callable[[int], str], n: int) -> None:
    found, joined = _subjects(blank, make(n))
    assert len(found) >= n
    assert joined <= 1


@pytest.mark.parametrize("make", [long_list, long_table_row], ids=lambda make: make.__name__)
@settings(max_examples=3, deadline=None)
@given(n=st.integers(60, 120))
def test_subjects_calls_linear_in_the_figures(blank: Language, make: Callable[[int], str], n: int) -> None:
    small = calls(lambda: _subjects(blank, make(n)))
    large = calls(lambda: _subjects(blank, make(2 * n)))
    assert large <= 2.3 * small


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_subjects_outside_as_filtering_the_sentence(blank: Language, data: st.DataObject) -> None:
    doc = blank("In 2023, aid rose to $5 million, and exports reached 12% of GDP.")
    sent = doc[:]
    lo = data.draw(st.integers(-2, len(doc.text) + 2))
    hi = data.draw(st.integers(-2, len(doc.text) + 2))
    assert sorted(outside(sent, lo, hi)) == [t.i for t in sent if t.idx < lo or t.idx >= hi]


@pytest.mark.parametrize("text", ["Aid rose to $5 million in 2024.", "JAKARTA (Reuters) - Exports rose 3%."])
def test_subjects_doc_text_is_the_docs_text(blank: Language, text: str) -> None:
    doc = blank(text)
    assert doc_text(doc) == doc.text == text
