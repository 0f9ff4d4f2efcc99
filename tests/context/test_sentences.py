"""Claim context: the sentence around a number (line blocks, datelines, footnote-marker splits)."""

from __future__ import annotations

import pytest

from claims import context


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        ("- OSA budget\n - 5 billion yen in 2024\n- Next", "5 billion", "- 5 billion yen in 2024"),
        ("Trade flows of more than\n\naddresses $280 million by 2024.", "$280", None),  # page break joins
        ("Title line\nJapan gave $5 million in 2020.", "$5", "Japan gave $5 million in 2020."),
    ],
)
def test_context_clip_sentence_to_line_block(text: str, number: str, expected: str | None) -> None:
    start = text.index(number)
    s, e = context.clip_sentence(text, 0, len(text), start, start + len(number))
    assert text[s:e] == (expected if expected is not None else text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LIMA, May 3 (Reuters) - Peru's", 24),
        ("NEW DELHI (AP) — India's", 17),
        ("OPEC - the cartel - met", 0),
        ("Peru's copper exports rose", 0),
    ],
)
def test_context_dateline_end(text: str, expected: int) -> None:
    assert context.dateline_end(text) == expected


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        (
            "Output grew.¹² Chile exported $5 billion.¹³ Imports fell.",
            "$5 billion",
            "Chile exported $5 billion.¹³",
        ),
        ("Output grew. Chile exported $5 billion.", "$5 billion", "Output grew. Chile exported $5 billion."),
    ],
)
def test_context_split_at_footnote_markers(text: str, number: str, expected: str) -> None:
    start = text.index(number)
    s, e = context.split_at_markers(text, 0, len(text), start, start + len(number))
    assert text[s:e] == expected
