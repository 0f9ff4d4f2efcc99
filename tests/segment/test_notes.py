"""Segmentation: footnote markers and reference lists, on small texts and the real seed book."""

from __future__ import annotations

import pytest

from claims.segment import segment


@pytest.mark.parametrize(
    ("text", "markers"),
    [
        ("Trade grew fast.¹ Then it fell.²³", ["1", "23"]),
        ("Trade grew fast.[12] Then it fell.", ["12"]),
        ("Trade grew fast.^4 Then it fell.", ["4"]),
        ("An area of 300 km² and a volume of 5 m³.", []),
        ("See [Link](http://x.org) here.", []),
    ],
)
def test_segment_footnote_markers(text: str, markers: list[str]) -> None:
    assert [f.marker for f in segment(text).footnotes] == markers


@pytest.mark.parametrize(
    "entries",
    [
        "- 1 MOFA. Report. 2024.\n\n- 2 ADB. Outlook. 2025.\n",
        "1. MOFA. Report. 2024.\n2. ADB. Outlook. 2025.\n",
        "[1] MOFA. Report. 2024.\n[2] ADB. Outlook. 2025.\n",
    ],
)
def test_segment_reference_list_formats(entries: str) -> None:
    text = f"Body says 5 vessels.¹\n\nReferences\n\n{entries}"
    layout = segment(text)
    assert [(r.number, r.text) for r in layout.references] == [
        ("1", "MOFA. Report. 2024."),
        ("2", "ADB. Outlook. 2025."),
    ]
    assert layout.is_excluded(text.index("ADB"))
    assert not layout.is_excluded(text.index("5 vessels"))
    assert layout.resolve("", "1").text.startswith("MOFA")


def test_segment_book_chapter4_bibliography_is_a_reference_list(book) -> None:
    text, layout = book
    start = text.index("Bibliography")
    section = layout.section_at(start)
    assert section.kind == "references"
    assert section.path == ("Chapter 4", "Bibliography")
    assert layout.is_excluded(text.index("Chairman's Statement of the 28th ASEAN-Japan Summit"))
    chapter4 = [r for r in layout.references if r.chapter == "Chapter 4"]
    assert len(chapter4) >= 8


def test_segment_book_chapter1_footnote_resolves(book) -> None:
    text, layout = book
    pos = text.index("\\$280 million by 2024")
    markers = layout.footnotes_between(pos, pos + 200)
    assert markers[0].marker == "5"
    ref = layout.resolve(layout.chapter_at(markers[0].start), "5")
    assert ref.text.startswith('Nor, Syakirah. "Japan deepens Asean ties')


def test_segment_book_footnotes_restart_per_chapter(book) -> None:
    _, layout = book
    by_chapter: dict[str, list[str]] = {}
    for f in layout.footnotes:
        by_chapter.setdefault(layout.chapter_at(f.start), []).append(f.marker)
    assert by_chapter["Chapter 1"][:3] == ["1", "2", "3"]
    assert by_chapter["Chapter 2"][0] == "1"


def test_segment_markdown_footnote_definitions_are_references() -> None:
    text = "# Report\n\nJapan gave $5 million in 2020.[^1]\n\n[^1]: MOFA. Report on 300 projects. 2024.\n"
    layout = segment(text)
    assert [f.marker for f in layout.footnotes] == ["1"]
    assert layout.resolve("", "1").text == "MOFA. Report on 300 projects. 2024."
    assert layout.is_excluded(text.index("300"))
    assert not layout.is_excluded(text.index("$5"))


def test_segment_docx_footnotes_section_from_given_headings() -> None:
    text = "Intro\n\nJapan gave $5 million.[1]\n\nFootnotes\n\n[1] MOFA. Report. 2024.\n"
    layout = segment(text, headings=((0, 1, "Intro"), (text.index("Footnotes"), 1, "Footnotes")))
    assert [s.kind for s in layout.sections] == ["body", "references"]
    assert layout.resolve(layout.chapter_at(layout.footnotes[0].start), "1").text == "MOFA. Report. 2024."
