"""The work of extraction grows linearly with the input, counted in function calls (never timed): long
sentences, long lists, long tables, one long line without a sentence end, long prose. Inputs span several
chunks, so a step whose cost grows faster than its input inside a chunk is still bounded by the chunk."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from profiling import calls_in
from spacy.language import Language

import claims
from claims.extract import extract_claims
from claims.extract.chunks import chunk_chars
from claims.settings import Settings
from claims.types import Document

SMALL_CHUNKS = Settings(max_chars_per_batch=16_000)  # chunks of 1,000 characters
CLAIMS_FILES = frozenset(str(p) for p in Path(claims.__file__).parent.rglob("*.py"))


@pytest.fixture(scope="module")
def blank() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def calls(fn: Callable[[], object], files: frozenset[str] = CLAIMS_FILES) -> int:
    """Function calls made while `fn` runs from code in `files` (Python and built-in calls alike)."""
    return calls_in(files, fn)


def _document(text: str) -> Document:
    return Document(doc="long.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest())


def long_sentence(n: int) -> str:
    parts = (
        f"exports to partner {k} rose {k % 9 + 1}.5% to ${k + 3} million in {1990 + k % 30}" for k in range(n)
    )
    return "In the review period, " + ", ".join(parts) + ".\n"


def long_list(n: int) -> str:
    return "Grants by year\n\n" + "".join(
        f"- Partner {k}: ${k + 2} million in {2000 + k % 20}\n" for k in range(n)
    )


def long_table(n: int) -> str:
    rows = "".join(f"Partner {k}\t{2000 + k % 20}\t{k + 1}.5\n" for k in range(n))
    return "Table 1: Grants\n\nRecipient\tYear\tAmount (USD millions)\n" + rows


def long_line(n: int) -> str:
    """Figures on one line with no sentence end (a scraped dump): only spaces to cut at."""
    return " ".join(
        f"item {k} cost ${k + 1}.2 million and {k % 7 + 1} vessels in {2000 + k % 20}" for k in range(n)
    )


def long_prose(n: int) -> str:
    return " ".join(
        f"In {2000 + k % 20}, the agency gave ${k + 1}.5 million to partner {k}, up {k % 9 + 1}% on the year."
        for k in range(n)
    )


MAKERS = [long_sentence, long_list, long_table, long_line, long_prose]


def figures_for(make: Callable[[int], str], chars: int) -> int:
    """How many figures `make` needs for a text of about `chars` characters."""
    per_figure = (len(make(20)) - len(make(10))) / 10
    return round((chars - len(make(0))) / per_figure)


@settings(max_examples=5, deadline=None)
@given(st.sampled_from(MAKERS), st.integers(2_100, 2_600))
def test_documents_linear_work_per_figure(blank: Language, make: Callable[[int], str], chars: int) -> None:
    n = figures_for(make, chars)
    small, large = make(n), make(2 * n)
    assert len(small) > 2 * chunk_chars(SMALL_CHUNKS)  # several chunks: the bound per chunk is exercised

    def run(text: str) -> None:
        extract_claims(_document(text), blank, SMALL_CHUNKS)

    assert calls(lambda: run(large)) <= 2.3 * calls(lambda: run(small))


@pytest.mark.parametrize("make", MAKERS, ids=lambda make: make.__name__)
def test_documents_linear_claims_survive_the_cuts(blank: Language, make: Callable[[int], str]) -> None:
    # cut into 1,000-character chunks (lines broken at spaces) or read whole: the same figures, same offsets
    text = make(figures_for(make, 2_500))
    cut = extract_claims(_document(text), blank, SMALL_CHUNKS)
    whole = extract_claims(_document(text), blank, Settings(max_chars_per_batch=16 * len(text)))
    assert all(text[c.char_start : c.char_end] == c.surface for c in cut)
    assert {(c.char_start, c.char_end, c.value, c.unit) for c in cut} == {
        (c.char_start, c.char_end, c.value, c.unit) for c in whole
    }
