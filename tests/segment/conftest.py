"""Fixtures for the segmentation tests: the seed book and deck, segmented once per module."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.segment import segment

RAW = Path(__file__).resolve().parent.parent.parent / "raw"
BOOK = "001_72274b1e3263120b.txt"
DECK = "000_e7bbe042183215ae.txt"


def _read(name: str) -> str:
    return (RAW / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def book() -> tuple[str, object]:
    text = _read(BOOK)
    return text, segment(text)


@pytest.fixture(scope="module")
def deck() -> tuple[str, object]:
    text = _read(DECK)
    return text, segment(text)
