"""Segmentation: heading paths and excluded front matter, on small texts and the real seed files."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.segment import segment

MARKDOWN = "# Report\n\nIntro text here.\n\n## Budget\n\nThe budget was 5 billion yen.\n\n### Detail\n\nMore."
NUMBERED = "I. Evolution of cooperation\n\nText.\n\n1. Shared concerns\n\nText.\n\n2) Defense\n\nText."
CAPS = "INTRODUCTION TO THE PROGRAMME\n\nSome text about it that goes on.\n"
CHAPTERS = "Chapter 1\n\nFirst Title\n\nAuthor Name\n\nIntroduction\n\nBody one.\n\nChapter 2: Two\n\nBody."


@pytest.mark.parametrize(
    ("text", "offset_of", "path"),
    [
        (MARKDOWN, "The budget", ("Report", "Budget")),
        (MARKDOWN, "More.", ("Report", "Budget", "Detail")),
        (NUMBERED, "Text.\n\n2)", ("I. Evolution of cooperation", "1. Shared concerns")),
        (NUMBERED + "", "Text.\n", ("I. Evolution of cooperation",)),
        (CAPS, "Some text", ("INTRODUCTION TO THE PROGRAMME",)),
        (CHAPTERS, "Body one", ("Chapter 1", "Introduction")),
        (CHAPTERS, "Body.", ("Chapter 2",)),
    ],
)
def test_segment_heading_paths(text: str, offset_of: str, path: tuple[str, ...]) -> None:
    layout = segment(text)
    section = layout.section_at(text.index(offset_of))
    assert section is not None
    assert section.path == path


def test_segment_given_headings_replace_heuristics() -> None:
    text = "Title\n\nBody mentions 5 vessels.\n\nSecond part\n\nMore body.\n"
    headings = ((0, 1, "Title"), (text.index("Second part"), 2, "Second part"))
    layout = segment(text, headings=headings)
    assert layout.section_at(text.index("More body")).path == ("Title", "Second part")
    assert layout.section_at(text.index("Body mentions")).path == ("Title",)


def test_segment_book_has_six_chapters(book) -> None:
    text, layout = book
    chapters = {layout.chapter_at(s.start) for s in layout.sections} - {""}
    assert chapters == {f"Chapter {n}" for n in range(1, 7)}
    title = "Anchoring Peace and Security: Japan as a Regional Stabilizer"
    assert layout.chapter_titles["Chapter 4"] == title


def test_segment_book_front_matter_and_contents_excluded(book) -> None:
    text, layout = book
    assert layout.is_excluded(text.index("ISBN"))
    assert layout.is_excluded(text.index("Chapter 586"))  # a garbled contents line
    assert not layout.is_excluded(text.index("It is my great honour"))  # the foreword is text


def test_segment_deck_slide_headings(deck) -> None:
    text, layout = deck
    section = layout.section_at(text.index("Japan has been the largest financial contributor"))
    assert section.path[0] == "I. Evolution of Japan's Security Cooperation with ASEAN"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Chapter12\t\n#.-¹[]References")), max_size=300))
def test_segment_sections_tile_any_text(text: str) -> None:
    layout = segment(text)
    pos = 0
    for section in layout.sections:
        assert section.start == pos
        assert section.end > section.start or not text
        pos = section.end
    assert pos == len(text)
    for f in layout.footnotes:
        assert 0 <= f.start < f.end <= len(text)
