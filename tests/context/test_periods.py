"""Claim context: periods from headings and scattered tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from profiling import calls_in

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


# ------------------------------------------------------------------------------------ comparison bases
# Own sentences: a base figure is dated to its own period, never to the main figure's, and the main figure
# keeps its own.
BASES = [
    # (sentence, figures, reference date, expected period of each figure)
    (
        "Trust in the institution reached 66.8 percent, up from 58.9 a year ago, the survey found.",
        ["66.8 percent", "58.9"],
        dt.date(2025, 3, 1),
        [None, Period(2024, 2024)],
    ),
    (
        "Trust in the institution reached 66.8 percent in the 2025 survey, up from 58.9 a year ago.",
        ["66.8 percent", "58.9"],
        None,
        [Period(2025, 2025), Period(2024, 2024)],
    ),
    (
        "Inflation eased to 2.4% in 2023, compared with 3.1% in 2022.",
        ["2.4%", "3.1%"],
        None,
        [Period(2023, 2023), Period(2022, 2022)],
    ),
    (
        "Inflation eased to 2.4% last year compared with 3.1% a year earlier.",
        ["2.4%", "3.1%"],
        dt.date(2024, 2, 1),
        [Period(2023, 2023), Period(2022, 2022)],
    ),
    (
        "Arrivals reached 1.5 million last year, against 1.2 million the previous year.",
        ["1.5 million", "1.2 million"],
        dt.date(2024, 2, 10),
        [Period(2023, 2023), Period(2022, 2022)],
    ),
    (
        "Visitor numbers climbed from 3.4 million in 2019 to 4.1 million in 2023.",
        ["3.4 million", "4.1 million"],
        None,
        [Period(2019, 2019), Period(2023, 2023)],
    ),
    (
        "In 2023 the port handled 9.2 million containers, up 4% from 8.8 million a year earlier.",
        ["9.2 million", "4%", "8.8 million"],
        None,
        [Period(2023, 2023), Period(2023, 2023), Period(2022, 2022)],
    ),
    # a base without a period of its own is the period before the main figure's, at its grain
    (
        "Enrolment rose to 84,000 in the 2023 school year, up from 79,500.",
        ["84,000", "79,500"],
        None,
        [Period(2023, 2023), Period(2022, 2022)],
    ),
    (
        "The 2024 budget allocates $2.3 billion to health, up from $2.1 billion.",
        ["$2.3 billion", "$2.1 billion"],
        None,
        [Period(2024, 2024), Period(2023, 2023)],
    ),
    (
        "Coal's share edged up from 35% to 36% in 2021 but stayed below its 2019 level.",
        ["35%", "36%"],
        None,
        [Period(2020, 2020), Period(2021, 2021)],
    ),
    # a change over an explicit span takes the span
    (
        "Wind output rose by 14% (+98 TWh), from 700 TWh in 2022 to 798 TWh in 2023.",
        ["14%", "+98 TWh", "700 TWh", "798 TWh"],
        None,
        [Period(2022, 2023), Period(2022, 2023), Period(2022, 2022), Period(2023, 2023)],
    ),
    # a level a figure is measured against is not its period; `that year` is the year spoken of last
    (
        "In 2022 the port handled 61% of its 2019 level, and traffic was 8% below 2019 that year.",
        ["61%", "8%"],
        None,
        [Period(2022, 2022), Period(2022, 2022)],
    ),
    # a month or quarter before stays in the year of the figure it is compared with
    (
        "Reserves fell to $98.1 billion at the end of March, from $101.7 billion a month earlier.",
        ["$98.1 billion", "$101.7 billion"],
        dt.date(2024, 4, 5),
        [Period(2024, 2024), Period(2024, 2024)],
    ),
    (
        "The index stood at 112 in January, against 115 the previous month.",
        ["112", "115"],
        dt.date(2024, 2, 10),
        [Period(2024, 2024), Period(2023, 2023)],
    ),
    # a figure compared with other parties in the same period is no base
    (
        "Wind supplied 0.41 billion MWh in 2023, against 0.52 and 0.33 billion MWh for gas and coal "
        "respectively.",
        ["0.41 billion MWh", "0.52", "0.33 billion MWh"],
        None,
        [Period(2023, 2023), Period(2023, 2023), Period(2023, 2023)],
    ),
    # a bracketed share between a base and its period does not part them
    (
        "The deficit was $30.2 billion (3.1% of GDP) in 2024, against $11.4 billion (1.2% of GDP) a year "
        "earlier.",
        ["$30.2 billion", "$11.4 billion"],
        None,
        [Period(2024, 2024), Period(2023, 2023)],
    ),
    # a season's figure of the season before, and the noun a period after `of` belongs to
    (
        "In 2023/24 stocks rose to 310 million tonnes, above the previous season's 295 million tonnes.",
        ["310 million tonnes", "295 million tonnes"],
        None,
        [Period(2023, 2024, True), Period(2022, 2023, True)],
    ),
    (
        "In 2023 the crop recovered by 40 percent after the drought of the previous year.",
        ["40 percent"],
        None,
        [Period(2023, 2023)],
    ),
    # a year after: from the text's year
    (
        "Output reached 5.1 million in 2021 and 5.6 million the following year.",
        ["5.1 million", "5.6 million"],
        None,
        [Period(2021, 2021), Period(2022, 2022)],
    ),
    # a revised forecast or estimate: old and new figures are about the same period
    (
        "The bank raised its growth forecast for 2026 to 3.9% from 3.5%.",
        ["3.9%", "3.5%"],
        None,
        [Period(2026, 2026), Period(2026, 2026)],
    ),
    # the year of an event the base is read in (`in the 2019 elections`) is the base's, not the new figure's
    (
        "The party raised its vote share from 4.06 per cent in the 2019 elections to 4.37 per cent now.",
        ["4.06 per cent", "4.37 per cent"],
        None,
        [Period(2019, 2019), None],
    ),
    # a base named by what it measures (`against an operating loss of X`) takes the period after it
    (
        "The ferry unit had operating income of $4.1 million, against an operating loss of $0.6 million"
        " in the second quarter of 2023.",
        ["$4.1 million", "$0.6 million"],
        None,
        [None, Period(2023, 2023)],
    ),
    # the ends of a range
    (
        "Between 2010 and 2020, the herd shrank from 4,100 animals to 2,900.",
        ["4,100 animals", "2,900"],
        None,
        [Period(2010, 2010), Period(2020, 2020)],
    ),
]


@pytest.mark.parametrize(("sentence", "figures", "reference", "expected"), BASES)
def test_context_comparison_base_dated_apart(
    sentence: str, figures: list[str], reference: dt.date | None, expected: list[Period | None]
) -> None:
    spans = [(sentence.index(f), sentence.index(f) + len(f)) for f in figures]
    periods = context_periods.SentencePeriods(sentence, spans, reference=reference)
    found = [periods.period_of(s, e) for s, e in spans]
    assert [m.period if m else None for m in found] == expected


# ---------------------------------------------------------------------------------------------- period facet
@pytest.mark.parametrize(
    ("sentence", "number", "basis"),
    [
        ("Sales rose 3.2% quarter-on-quarter in the second quarter.", "3.2%", "quarter_on_quarter"),
        ("Sales rose 9.8% from a year earlier in the second quarter.", "9.8%", "year_on_year"),
        ("The economy grew at an annualised 2.8% pace.", "2.8%", "annualised"),
        ("Prices rose 0.3% month-on-month and 3.1% year-on-year.", "3.1%", "year_on_year"),
        ("Prices rose 0.3% month-on-month and 3.1% year-on-year.", "0.3%", "month_on_month"),
        ("The fleet grew to 42 ships.", "42", ""),
    ],
)
def test_context_change_basis(sentence: str, number: str, basis: str) -> None:
    start = sentence.index(number)
    assert context_periods.change_basis(sentence, start, start + len(number)) == basis


@pytest.mark.parametrize(
    ("sentence", "number", "reference", "grain", "detail", "as_of"),
    [
        (
            "Revenue was $4.2 billion in the third quarter of 2024.",
            "$4.2 billion",
            None,
            "quarter",
            "2024-Q3",
            None,
        ),
        ("Revenue was $16.9 billion in fiscal 2024.", "$16.9 billion", None, "fiscal_year", "FY2024", None),
        (
            "The death toll rose to 1,870 as of Sunday.",
            "1,870",
            dt.date(2024, 5, 14),
            "day",
            "2024-05-12",
            dt.date(2024, 5, 12),
        ),
        (
            "The death toll rose to 2,010 as of Tuesday.",
            "2,010",
            dt.date(2024, 5, 14),
            "day",
            "2024-05-14",
            dt.date(2024, 5, 14),
        ),
    ],
)
def test_context_period_facet_of_a_figure(
    sentence: str, number: str, reference: dt.date | None, grain: str, detail: str, as_of: dt.date | None
) -> None:
    start = sentence.index(number)
    spans = [(start, start + len(number))]
    mention = context_periods.SentencePeriods(sentence, spans, reference=reference).period_of(*spans[0])
    facet = context_periods.period_facet(mention.period, sentence, *spans[0])
    assert (facet.grain, facet.detail, facet.as_of) == (grain, detail, as_of)


@pytest.mark.parametrize(
    ("path", "title", "expected"),
    [
        (("Review of 2023", "Exports", "By region"), "", Period(2023, 2023)),
        (("3. The rebound of 2022", "3.2 Second half"), "", Period(2022, 2022)),
        (("4. The years 2019 and 2020", "Prices"), "", None),
        (("1. Outlook",), "The 2024/25 Cocoa Season", Period(2024, 2025, True)),
        (("1. Outlook",), "Power Markets, 2019-2023", None),  # a span in the title dates no figure
    ],
)
def test_context_section_period(path: tuple[str, ...], title: str, expected: Period | None) -> None:
    assert context_periods.section_period(path, title=title) == expected
