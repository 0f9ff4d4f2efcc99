"""Prose and table claims on long inputs: the work done in the period, segmentation and assembly modules grows
linearly with the number of figures; a run-on sentence is read in a bounded window around each figure."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from profiling import calls_in

from claims import segment as segment_package
from claims.context import periods as context_periods
from claims.context import tables as context_tables
from claims.extract import extract_claims, prose, tables
from claims.parse import periods as periods_package
from claims.settings import Settings
from claims.types import Document

OWN_FILES = (
    prose.__file__,
    tables.__file__,
    context_periods.__file__,
    context_tables.__file__,
    *(str(p) for p in Path(periods_package.__file__).parent.glob("*.py")),
    *(str(p) for p in Path(segment_package.__file__).parent.glob("*.py")),
)


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _document(text: str) -> Document:
    return Document(doc="long.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest())


def long_sentence(n: int) -> str:
    parts = [
        f"exports to partner {k} rose {k % 9 + 1}.5% to ${k + 3} million in {1990 + k % 30}" for k in range(n)
    ]
    return "In the review period, " + ", ".join(parts) + ".\n"


def long_list(n: int) -> str:
    return "Grants by year\n\n" + "".join(
        f"- Partner {k}: ${k + 2} million in {2000 + k % 20}\n" for k in range(n)
    )


def long_table(n: int) -> str:
    rows = "".join(f"Partner {k}\t{2000 + k % 20}\t{k + 1}.5\n" for k in range(n))
    return "Table 1: Grants\n\nRecipient\tYear\tAmount (USD millions)\n" + rows


@settings(max_examples=6, deadline=None)
@given(st.sampled_from([long_sentence, long_list, long_table]), st.integers(30, 50))
def test_prose_work_grows_linearly(blank, make: Callable[[int], str], n: int) -> None:
    def run(text: str) -> None:
        extract_claims(_document(text), blank, Settings())

    small, large = make(n), make(2 * n)
    assert calls_in(OWN_FILES, lambda: run(large)) <= 2.4 * calls_in(OWN_FILES, lambda: run(small))


@pytest.mark.parametrize("n", [120])
def test_prose_run_on_sentence_read_in_a_window(blank, n: int) -> None:
    text = long_sentence(n)
    assert len(text) > 3 * prose.MAX_SENTENCE_CHARS
    claims = [c for c in extract_claims(_document(text), blank, Settings()) if c.unit == "USD"]
    assert len(claims) == n
    assert max(len(c.sentence) for c in claims) <= prose.MAX_SENTENCE_CHARS
    # each figure keeps the year written beside it, read from the whole sentence
    assert [c.period_start for c in claims] == [1990 + k % 30 for k in range(n)]


@pytest.mark.parametrize(
    ("text", "number", "limit", "expected"),
    [
        ("short sentence of 5 words", "5", 100, "short sentence of 5 words"),
        ("one two three four 5% five six seven eight", "5%", 16, "four 5% five"),
    ],
)
def test_prose_window_cuts_at_spaces(text: str, number: str, limit: int, expected: str) -> None:
    start = text.index(number)
    s, e = prose.window(text, 0, len(text), start, start + len(number), limit)
    assert text[s:e] == expected


# Own chapter-style text: the period of a figure from its section, the sentence before, the account so far.
CHAPTER = (
    "Grain Markets\n\n"
    "1. The harvest of 2023\n\n"
    "Farmers harvested 412 million tonnes in 2023. They sold 61% of it abroad.\n\n"
    "1.1 Second half\n\n"
    "Exports slowed to 38 million tonnes.\n\n"
    "2. The years 2021 and 2022\n\n"
    "Drought hit the plains that year. Output fell 12% to 350 million tonnes.\n\n"
    "3. Prices\n\n"
    "Wheat prices rose from $210 in 2021 to $290 in 2022. Traders held 14 million tonnes of stocks.\n"
)


@pytest.mark.model
@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("412 million tonnes", (2023, 2023)),
        ("61%", (2023, 2023)),  # the sentence before
        ("38 million tonnes", (2023, 2023)),  # the relative sub-heading, in its parent's year
        ("12%", (2021, 2021)),  # `that year` before any year of the section's text: its heading's first
        ("14 million tonnes", (2022, 2022)),  # the section's account so far
    ],
)
def test_prose_chapter_periods(nlp, surface: str, expected: tuple[int, int]) -> None:
    claims = {c.surface: c for c in extract_claims(_document(CHAPTER), nlp, Settings())}
    claim = claims[surface]
    assert (claim.period_start, claim.period_end) == expected


NEWS = """Harbour vote: the final results

The Unity Front has lost the majority it held for three decades.

For the first time since independence in 1964, the party will need partners to govern.

The Green League came second with 21.8 percent of the votes, ahead of the Farmers (9.5 percent).

In 1964 the Unity Front won 71 percent.
"""


@pytest.mark.model
@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("21.8 percent", (None, None)),  # a year inside a "since" clause dates no later statement
        ("9.5 percent", (None, None)),
        ("71 percent", (1964, 1964)),  # its own sentence's year
    ],
)
def test_prose_since_clause_year_dates_no_account(nlp, surface: str, expected: tuple) -> None:
    claims = {c.surface: c for c in extract_claims(_document(NEWS), nlp, Settings())}
    claim = claims[surface]
    assert (claim.period_start, claim.period_end) == expected


RESULTS = """Orchard Corp results for the quarter

Phone revenue grew 6% from a year earlier to $46.22 billion.

Revenue from services rose 11% to $23.1 billion, while the Orchard Fund gave $2 million to schools.
"""


@pytest.mark.model
@pytest.mark.parametrize(
    ("surface", "subject"),
    [
        # a title line with no full stop is no part of the first sentence after its blank line
        ("$46.22 billion", "Phone revenue"),
        # a sentence's opening capital does not make a common noun a party's name ...
        ("$23.1 billion", "Revenue"),
    ],
)
def test_prose_subject_after_a_title_line_and_at_a_sentence_start(nlp, surface: str, subject: str) -> None:
    claims = {c.surface: c for c in extract_claims(_document(RESULTS), nlp, Settings())}
    assert claims[surface].subject == subject


@pytest.mark.model
def test_prose_paragraph_break_starts_a_sentence(nlp) -> None:
    doc = nlp(RESULTS)
    starts = [s.text.split()[0] for s in doc.sents if s.text.strip()]
    assert starts[:3] == ["Orchard", "Phone", "Revenue"]
