"""Chunks cover the text exactly, none is longer than asked, and the lines extraction scans are no longer
than a chunk unless the text gives no space to cut at; the work of cutting is linear (counted, not timed)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extract.chunks import break_long_lines, chunk_chars, chunk_text
from claims.settings import Settings

from .test_documents_linear import calls

TEXTS = st.text(alphabet=st.sampled_from("ab1. ,\t\n$%"), max_size=3_000)


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.integers(8, 400))
def test_chunks_cover_the_text(text: str, max_chars: int) -> None:
    chunks = chunk_text(text, max_chars)
    assert chunks[0][0] == 0
    assert chunks[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(chunks, chunks[1:], strict=False))
    assert all(0 < end - start <= max_chars for start, end in chunks) or text == ""


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.integers(8, 400))
def test_chunks_long_lines_broken_at_the_cuts(text: str, max_chars: int) -> None:
    chunks = chunk_text(text, max_chars)
    broken = break_long_lines(text, chunks)
    assert len(broken) == len(text)
    changed = [i for i, (a, b) in enumerate(zip(text, broken, strict=True)) if a != b]
    assert all(text[i] in " \t" and broken[i] == "\n" and i + 1 in {e for _, e in chunks} for i in changed)
    # a line longer than a chunk is left only where a chunk had no space or line break to end at
    hard = sum(1 for _, end in chunks[:-1] if text[end - 1] not in " \t\n")
    longest = max(len(line) for line in broken.split("\n"))
    assert longest <= max_chars or hard > 0


@pytest.mark.parametrize("line", ["word " * 40_000, "7 ships, " * 20_000])
def test_chunks_cutting_is_linear(line: str) -> None:
    size = chunk_chars(Settings())
    small = calls(lambda: chunk_text(line[: len(line) // 2], size))
    large = calls(lambda: chunk_text(line, size))
    assert large <= 2.1 * small
