"""claims.parse.metadata: datelines, bylines, titles and Markdown headings from real opening lines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from claims.parse.metadata import (
    TextMetadata,
    detect_metadata,
    markdown_headings,
    parse_author_line,
    parse_date,
    parse_dateline,
)

RAW = Path(__file__).resolve().parents[2] / "raw"
D = dt.date


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # tuned on: the seed corpus and common news layouts
        ("May 10, 2024", D(2024, 5, 10)),
        ("Published: 10 May 2024 14:32 GMT", D(2024, 5, 10)),
        ("Posted on Friday, May 10, 2024", D(2024, 5, 10)),
        ("Updated Sept. 5, 2023, 3:00 pm", D(2023, 9, 5)),
        ("2023-12-17", D(2023, 12, 17)),
        ("17th December 2023", D(2023, 12, 17)),
        ("By Jane Doe | December 17, 2023", D(2023, 12, 17)),
        ("Dec 17 2023 —", D(2023, 12, 17)),
        # not datelines
        ("The summit on December 17, 2023 agreed a new vision.", None),
        ("In 2023, Japan's OSA budget was 2 billion yen.", None),
        ("05/10/2024", None),  # day/month order is ambiguous: never guessed
        ("February 30, 2024", None),
        ("", None),
        pytest.param("TOKYO, May 10, 2024 (Kyodo) --", D(2024, 5, 10), marks=pytest.mark.xfail(strict=True)),
    ],
)
def test_metadata_parse_dateline(line: str, expected: dt.date | None) -> None:
    assert parse_dateline(line) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("as of 1 April 2024", D(2024, 4, 1)),
        ('"datePublished": "2024-05-10T09:00:00+09:00"', D(2024, 5, 10)),
        ("FY2024", None),
    ],
)
def test_metadata_parse_date(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Authors: Aadityavikram Rana and Gitanjali Sinha Roy*",
            "Aadityavikram Rana and Gitanjali Sinha Roy",
        ),
        ("By Kitti Prasirtsuk", "Kitti Prasirtsuk"),
        ("Author: Jane Doe¹", "Jane Doe"),
        ("Written by: John Smith, Reuters", "John Smith, Reuters"),
        ("by the end of 2024, Japan had delivered 12 vessels", None),
        ("By 2030, the budget will double.", None),
        ("By Monday, the talks had stalled", None),
        ("By:  Maria Ortega", "Maria Ortega"),
        ("Byline", None),
        ("Edited by", None),
    ],
)
def test_metadata_parse_author_line(line: str, expected: str | None) -> None:
    assert parse_author_line(line) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Maritime Security Report\n\nBy Jane Doe\nPublished: 3 March 2024\n\nJapan gave 12 boats.\n",
            TextMetadata("Maritime Security Report", "Jane Doe", D(2024, 3, 3)),
        ),
        (
            "Japan pledged 2 billion yen in aid to the Philippines.\nMore prose follows here.\n",
            TextMetadata(None, None, None),
        ),
        (
            "\ufeff# Budget notes\n\nMay 10, 2024\n\nText.",
            TextMetadata("Budget notes", None, D(2024, 5, 10)),
        ),
        (
            "- Home\n- World\nJapan, ASEAN and the Sea\nMay 1, 2023\nThe body.",
            TextMetadata("Japan, ASEAN and the Sea", None, D(2023, 5, 1)),
        ),
    ],
)
def test_metadata_detect(text: str, expected: TextMetadata) -> None:
    assert detect_metadata(text) == expected


def test_metadata_detect_ignores_datelines_past_the_header() -> None:
    body = "\n".join(f"Paragraph {i} of the article." for i in range(40))
    assert detect_metadata(f"Title Here\n{body}\nMay 10, 2024\n").published is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("000_e7bbe042183215ae.txt", TextMetadata("Japan's Security Cooperation with ASEAN", None, None)),
        (
            "001_72274b1e3263120b.txt",
            TextMetadata(
                "THE RISE OF GLOBAL SOUTH & IMPLICATIONS FOR JAPAN-ASEAN PARTNERSHIP",
                "Dr. Chheng Kimlong; Lim Menghour",
                None,
            ),
        ),
        ("002_82efc141eec706b1.txt", TextMetadata(None, "Aadityavikram Rana and Gitanjali Sinha Roy", None)),
        ("003_66334d0d25dd3bf9.txt", TextMetadata(None, None, None)),
        (
            "004_9c485ca171c3d093.txt",
            TextMetadata("Japan-ASEAN Cooperation as Security Partners", "Kitti Prasirtsuk", D(2024, 5, 10)),
        ),
    ],
)
def test_metadata_detect_seed_documents(name: str, expected: TextMetadata) -> None:
    with open(RAW / name, encoding="utf-8") as f:
        assert detect_metadata(f.read(10_000)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# A\n\n## B\n", ((0, 1, "A"), (5, 2, "B"))),
        ("### Closing ###\n", ((0, 3, "Closing"),)),
        ("#hashtag is not a heading\n", ()),
        ("Text\n\n---\n\nMore\n", ()),  # a horizontal rule after a blank line
        ("~~~\n# code\n~~~\n# Real\n", ((15, 1, "Real"),)),
    ],
)
def test_metadata_markdown_headings(text: str, expected: tuple[tuple[int, int, str], ...]) -> None:
    headings = markdown_headings(text)
    assert headings == expected
    for offset, _level, heading in headings:
        assert heading in text[offset:].splitlines()[0]
