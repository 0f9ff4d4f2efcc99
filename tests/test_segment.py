"""Segmentation: headings, tables, footnotes and reference lists, on small texts and the real seed files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.segment import segment

RAW = Path(__file__).resolve().parent.parent / "raw"
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


# ---------------------------------------------------------------------------------------------- small texts

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
    assert [(r.number, r.text) for r in layout.references] == [("1", "MOFA. Report. 2024."),
                                                               ("2", "ADB. Outlook. 2025.")]
    assert layout.is_excluded(text.index("ADB"))
    assert not layout.is_excluded(text.index("5 vessels"))
    assert layout.resolve("", "1").text.startswith("MOFA")


TABLE = (
    "Provision of vessels\n\n"
    "Recipient Nation\tYear(s)\tEquipment\n"
    "Indonesia\t2006–09\tThree patrol vessels\n"
    "\t2023- present\tTwo fishery patrol vessels\n"
    "Malaysia\t2016\tTwo used vessels\n"
)


def test_segment_table_rows_cells_and_labels() -> None:
    layout = segment(TABLE)
    (table,) = layout.tables
    assert table.title == "Provision of vessels"
    assert table.header is not None
    assert [c.text for c in table.header.cells] == ["Recipient Nation", "Year(s)", "Equipment"]
    assert [r.continuation for r in table.rows] == [False, True, False]
    assert table.row_label(1) == "Indonesia"
    row, cell = table.locate(TABLE.index("Two fishery"))
    assert (row, cell.col, cell.text) == (1, 2, "Two fishery patrol vessels")
    assert TABLE[cell.start:cell.end] == cell.text
    assert layout.section_at(TABLE.index("Malaysia")).kind == "table"


def test_segment_table_group_rows() -> None:
    text = "(OSA) Fiscal Year\tTotal Budget (JPY)\n2024\t5 billion Yen\n(ODA)\t\n2024\t565 billion Yen\n"
    (table,) = segment(text).tables
    assert table.group_label(0) == "OSA"
    assert table.group_label(2) == "ODA"


# ---------------------------------------------------------------------------------------------- seed files


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


def test_segment_deck_tables(deck) -> None:
    text, layout = deck
    headers = [t.column_header(0) for t in layout.tables if t.header is not None]
    assert "Recipient Nation" in headers
    assert "Country" in headers
    vessels = next(t for t in layout.tables if t.column_header(0) == "Recipient Nation")
    assert vessels.column_header(1) == "Year(s)"
    assert sum(r.continuation for r in vessels.rows) == 2
    assert vessels.title == "Provision of vessels and other equipment"


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
