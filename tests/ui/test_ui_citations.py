"""Citation flags that mean something: author-date citations resolved to their reference entry, and which
chapters have a citation apparatus at all (claims.context.citations, shown by the review workspace)."""

from __future__ import annotations

import pytest

from claims.context.citations import author_date_citations, citation_markers, cited_chapters, format_citation
from claims.segment import segment

BOOK = """Chapter 1

Coast guards

Tokyo funded 12 patrol vessels in 2024 (MOFA, 2025). Smith and Lee (2021) count 30 ports. The scheme ran \
(2014–2022) and was reviewed (December 2025). Vientiane Vision (2016) set three goals. Grants rose \
(ASEAN 2025) across the region. Harbour works cost $5 million (World Bank, 2023).

References

- 1 Japan Ministry of Foreign Affairs. 2025. "Maritime Capacity Building Programme 2025." Accessed on 3 \
March 2026.
- 2 Smith, Ann, and Bo Lee. 2021. "Ports of Southeast Asia." Journal of Shipping 4.
- 3 ASEAN. 2025a. Chairman's Statement. Jakarta.
- 4 ASEAN. 2025b. Joint Statement. Jakarta.
- 5 World Bank. 2024. "Harbour Finance Review." Accessed 2023.

Chapter 2

Slides without sources

Japan sent 40 officers in 2023. The budget was ¥2 billion.
"""


def _sentence(text: str, start_words: str) -> tuple[int, int]:
    start = text.index(start_words)
    end = text.index(".", start) + 1
    return start, end


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Tokyo funded", "[MOFA, 2025] Japan Ministry of Foreign Affairs. 2025."),  # acronym of the authors
        ("Smith and Lee", "[Smith and Lee 2021] Smith, Ann, and Bo Lee. 2021."),  # narrative form
        ("Grants rose", "[ASEAN 2025]"),  # 2025a or 2025b: a citation, but which entry is unknown
        ("Vientiane Vision", ""),  # a name and a year, not a citation: no entry by that author
        ("The scheme ran", ""),  # years and dates in parentheses
        ("Harbour works", ""),  # World Bank 2023 is only its access date
    ],
)
def test_citations_author_date_resolved_to_the_reference_entry(sentence, expected):
    layout = segment(BOOK)
    start, end = _sentence(BOOK, sentence)
    chapter = layout.chapter_at(start)
    citation = format_citation(layout, chapter, citation_markers(layout, BOOK, start, end))
    assert citation.startswith(expected) if expected else citation == ""


@pytest.mark.parametrize(
    ("text", "markers"),
    [
        ("Aid rose (MOFA, 2025; OECD 2023a, pp. 4-5).", ["MOFA, 2025", "OECD 2023a, pp. 4-5"]),
        ("As (see Tanaka et al. 2020) shows.", ["Tanaka et al. 2020"]),
        ("It rose in (March 2024) and (2019).", []),
    ],
)
def test_citations_author_date_candidates(text, markers):
    assert [c.marker for c in author_date_citations(text, 0, len(text))] == markers


def test_citations_apparatus_only_where_citations_resolve():
    layout = segment(BOOK)
    assert cited_chapters(layout, BOOK) == frozenset({"Chapter 1"})
    slides = "Japan's cooperation\n\n- OSA budget: ¥8 billion (FY2025)\n- 12 partner states\n"
    assert cited_chapters(segment(slides), slides) == frozenset()
