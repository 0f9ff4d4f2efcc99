"""Claim context: periods from headings and scattered tables."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims import context
from claims.context import periods as context_periods
from claims.parse import periods as periods_package
from claims.parse.periods import Period


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ('The "Japan-ASEAN Ministerial Initiative" (JASMINE Initiative:2023)', Period(2023, 2023)),
        ("Maritime Security Cooperation", None),
        ("Cooperation in 2019 and 2023", None),
    ],
)
def test_context_heading_period(label: str, expected: Period | None) -> None:
    assert context.heading_period(label) == expected


def test_context_scattered_table_period() -> None:
    text = "Signed the agreement 1 patrol\n\nboat\n\nYear(s)\n\n2025\n\n2025\n"
    assert context.scattered_table_period(text, text.index("1 patrol")) == Period(2025, 2025)
    mixed = "Signed 1 patrol\n\nYear(s)\n\n2024\n\n2025\n"
    assert context.scattered_table_period(mixed, mixed.index("1 patrol")) is None


# ---------------------------------------------------------------------------------------------- cost
# Work is counted, never timed: calls of Python functions in the period modules and the C calls they make.

PERIOD_FILES = (
    context_periods.__file__,
    *(str(p) for p in Path(periods_package.__file__).parent.glob("*.py")),
)


def calls_in(files: tuple[str, ...], fn: Callable[[], object]) -> int:
    """The function calls made while `fn` runs whose code (or whose caller, for built-ins) is in `files`."""
    count = 0
    wanted = set(files)

    def profile(frame, event, arg) -> None:  # noqa: ANN001 - sys.setprofile's signature
        nonlocal count
        if event in {"call", "c_call"} and frame.f_code.co_filename in wanted:
            count += 1

    sys.setprofile(profile)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return count


def listed_figures(items: list[tuple[str, int]], repeat: int) -> tuple[str, list[tuple[int, int]]]:
    """One sentence listing `repeat` copies of the (party, amount) items, each with its year."""
    parts, spans, pos = [], [], len("Aid went to ")
    for r in range(repeat):
        for k, (party, amount) in enumerate(items):
            figure = f"${amount} million"
            part = f"{party} ({figure} in {2000 + (r + k) % 25})"
            spans.append((pos + len(party) + 2, pos + len(party) + 2 + len(figure)))
            parts.append(part)
            pos += len(part) + 2
    return "Aid went to " + ", ".join(parts) + ".", spans


@settings(max_examples=15, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["Fiji", "Tonga", "Samoa", "Palau"]), st.integers(1, 999)),
        min_size=2,
        max_size=6,
    ),
    st.integers(10, 16),  # past the reach of one figure (max_cost words), where the work per figure is flat
)
def test_context_sentence_periods_work_grows_linearly(items: list[tuple[str, int]], repeat: int) -> None:
    def read(text: str, spans: list[tuple[int, int]]) -> None:
        periods = context_periods.SentencePeriods(text, spans)
        for s, e in spans:
            periods.period_of(s, e)

    small, large = listed_figures(items, repeat), listed_figures(items, 2 * repeat)
    assert calls_in(PERIOD_FILES, lambda: read(*large)) <= 2.4 * calls_in(PERIOD_FILES, lambda: read(*small))


def test_context_sentence_periods_date_each_listed_figure() -> None:
    text, spans = listed_figures([("Fiji", 84), ("Tonga", 20)], 3)
    periods = context_periods.SentencePeriods(text, spans)
    years = [periods.period_of(s, e).period.start for s, e in spans]
    assert years == [2000 + (r + k) % 25 for r in range(3) for k in range(2)]


@pytest.mark.parametrize("lines", [50, 100])
def test_context_scattered_table_period_reads_a_list_once(lines: int) -> None:
    text = "Year(s)\n\n2025\n\n" + "".join(f"Patrol boat {k}\n\n" for k in range(lines))
    numbers = [text.index(f"boat {k}\n") + 5 for k in range(lines)]

    def read_all() -> list[Period | None]:
        return [context.scattered_table_period(text, q) for q in numbers]

    assert set(read_all()) == {Period(2025, 2025)}
    # the lines and the run's period are read once: asking again for every number costs the same per number
    twice = calls_in(PERIOD_FILES, lambda: read_all() + read_all())
    assert twice <= 2 * calls_in(PERIOD_FILES, read_all)
    assert calls_in(PERIOD_FILES, read_all) <= 12 * lines
