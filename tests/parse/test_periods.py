"""Period parsing: expressions, table cells, headers, and which period governs a number."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from profiling import calls_in

from claims.parse import periods as periods_package
from claims.parse.periods import (
    Period,
    PeriodChooser,
    PeriodMention,
    choose_period,
    find_periods,
    header_period,
    is_comparison_base,
    parse_period,
    parse_year_cell,
)

REF = dt.date(2023, 12, 18)

# Tuned on: forms seen in the seed corpus.
CORPUS_EXPRESSIONS = [
    ("in FY2025", Period(2025, 2025, True)),
    ("fiscal year (FY) 2023", Period(2023, 2023, True)),
    ("by fiscal year 2027", Period(2027, 2027, True)),
    ("by 2024", Period(2024, 2024)),
    ("By late 2022", Period(2022, 2022)),
    ("Between 2011 and 2021", Period(2011, 2021)),
    ("since 2000", Period(2000, None)),
    ("2013–24", Period(2013, 2024)),
    ("2006–09", Period(2006, 2009)),
    ("2023- present", Period(2023, None)),
    ("2018–Present", Period(2018, None)),
    ("(2014, 2023-4)", Period(2014, 2014)),
    ("the first quarter of 1998", Period(1998, 1998)),
    ("over the 1990-1998 period", Period(1990, 1998)),
    ("during the late 1970s", Period(1970, 1979)),
    ("from 1990 to 1995", Period(1990, 1995)),
    ("FY2025–2026", Period(2025, 2026, True)),
]

# Never tuned on: our own sentences.
OWN_EXPRESSIONS = [
    ("in fiscal 2019", Period(2019, 2019, True)),
    ("FY24", Period(2024, 2024, True)),
    ("the 2024 fiscal year", Period(2024, 2024, True)),
    ("Q3 2021", Period(2021, 2021)),
    ("the second half of 2020", Period(2020, 2020)),
    ("until 2030", Period(None, 2030)),
    ("2016 onwards", Period(2016, None)),
    ("from 1999-00", Period(1999, 2000, True)),  # a split year of two consecutive years is fiscal
    ("as of 2022", Period(2022, 2022)),
    ("through the 2023 Comprehensive Strategic Partnership", Period(2023, 2023)),
    ("since the 1990s", Period(1990, None)),
    ("no year at all", None),
    ("3,000 vessels", None),
    ("2,015 meters", None),
    # reporting years and split years (written for the held-out context conventions)
    ("the year to March 2024", Period(2023, 2024, True)),
    ("the fiscal year ended March 31, 2024", Period(2023, 2024, True)),
    ("the financial year ending 30 June 2025", Period(2024, 2025, True)),
    ("the year ended 31 December 2023", Period(2023, 2023)),
    ("in 2024-25", Period(2024, 2025, True)),
    ("for 2023/24", Period(2023, 2024, True)),
    ("between 2021/22 and 2025/26", Period(2021, 2026, True)),
    ("in the January-March 2024 quarter", Period(2024, 2024)),
    ("the first nine months of 2022", Period(2022, 2022)),
    ("2019-2020", Period(2019, 2020)),
    ("its weakest since 1998", None),
]

RELATIVE = [
    ("in the third quarter", Period(2023, 2023)),
    ("the October-December period", Period(2023, 2023)),
    ("over the past decade", Period(2013, 2023)),
    ("over the next five years", Period(2024, 2028)),
    ("for the fiscal year ended in March", Period(2022, 2023, True)),
    ("since late June", Period(2023, None)),
    ("the first half of the year", Period(2023, 2023)),
    ("last year", Period(2022, 2022)),
    ("next fiscal year", Period(2024, 2024, True)),
    ("this year", Period(2023, 2023)),
    ("in April", Period(2023, 2023)),
    ("three years ago", Period(2020, 2020)),
    ("on Sunday", Period(2023, 2023)),
]


@pytest.mark.parametrize(("text", "expected"), CORPUS_EXPRESSIONS + OWN_EXPRESSIONS)
def test_periods_parse_expression(text: str, expected: Period | None) -> None:
    assert parse_period(text) == expected


@pytest.mark.parametrize(("text", "expected"), RELATIVE)
def test_periods_relative_resolved_against_reference(text: str, expected: Period) -> None:
    assert parse_period(text, reference=REF) == expected


# A text dated early in a year: a month or quarter after the date is last year's, unless the text looks ahead.
JANUARY = dt.date(2024, 1, 12)
RELATIVE_EARLY = [
    ("exports rose in December", Period(2023, 2023)),
    ("the economy shrank in the fourth quarter", Period(2023, 2023)),
    ("the first eleven months", Period(2023, 2023)),
    ("the April-June quarter", Period(2023, 2023)),
    ("the new line will open in December", Period(2024, 2024)),
    ("Thailand's November exports", Period(2023, 2023)),
    ("on Tuesday", Period(2024, 2024)),
]


RELATIVE_EARLY += [
    ("the producers agreed to cut output in July", Period(2024, 2024)),  # a decision about the future
    ("sales passed 1,000 this month", Period(2024, 2024)),
    ("fares rose last month", Period(2023, 2023)),
]


@pytest.mark.parametrize(("text", "expected"), RELATIVE_EARLY)
def test_periods_relative_month_before_the_reference(text: str, expected: Period) -> None:
    assert parse_period(text, reference=JANUARY) == expected


@pytest.mark.parametrize("text", [t for t, _ in RELATIVE])
def test_periods_relative_dropped_without_reference(text: str) -> None:
    assert parse_period(text) is None


@pytest.mark.parametrize("text", ["They may agree.", "March forward", "the May 4th movement"])
def test_periods_month_words_that_are_not_dates(text: str) -> None:
    assert parse_period(text, reference=REF) is None


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2006–09", Period(2006, 2009)),
        ("2023– Present", Period(2023, None)),
        ("2025 (Planned)", Period(2025, 2025)),
        ("2016", Period(2016, 2016)),
        ("FY2024", Period(2024, 2024, True)),
        ("(planned)", None),
        ("N/A", None),
        ("Two used offshore patrol vessels", None),
        ("12 vessels in 2013", None),
    ],
)
def test_periods_year_cell(cell: str, expected: Period | None) -> None:
    assert parse_year_cell(cell) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("2024 Budget (USD Billions, Constant 2024)", Period(2024, 2024)),
        ("2030 Projection (% of GDP)", Period(2030, 2030)),
        ("Revenue in 2015 prices", None),
        ("Total Budget (JPY)", None),
        ("FY2023 outturn", Period(2023, 2023, True)),
    ],
)
def test_periods_column_header(header: str, expected: Period | None) -> None:
    assert header_period(header) == expected


TRADE = "Trade jumped from $40 billion in 1990 to $120 billion by the year 2000."
GOVERNING = [
    # (sentence, number, expected period) -- corpus-like
    (TRADE, "$40 billion", Period(1990, 1990)),
    (TRADE, "$120 billion", Period(2000, 2000)),
    (
        "Between 2011 and 2021, Japan gave over $40 million to the AHA Centre.",
        "$40 million",
        Period(2011, 2021),
    ),
    (
        "The 2022 National Security Strategy commits Japan to 2 percent of GDP by fiscal year 2027.",
        "2 percent",
        Period(2027, 2027, True),
    ),
    ("In 2016, lifecycle costs fell by 12 percent.", "12 percent", Period(2016, 2016)),
    # own sentences
    (
        "Exports reached $5 billion in 2019, while imports stood at $3 billion in 2021.",
        "$5 billion",
        Period(2019, 2019),
    ),
    (
        "Exports reached $5 billion in 2019, while imports stood at $3 billion in 2021.",
        "$3 billion",
        Period(2021, 2021),
    ),
    ("Since 2015 the fund has disbursed 300 grants.", "300", Period(2015, None)),
    ("The agency trained 40 officers.", "40", None),
    ("Output measured in constant 2015 dollars was 7 trillion.", "7 trillion", None),
    # founding and creation years date only what their own clause says
    ("The league, founded in 1961 with 12 clubs, now has 20 clubs.", "12 clubs", Period(1961, 1961)),
    ("The league, founded in 1961 with 12 clubs, now has 20 clubs.", "20 clubs", None),
    ("The agency, established in 1999 and employing 400 staff, reports to the cabinet.", "400", None),
    ("When the scheme was unveiled in 2016, 300 firms had joined.", "300", Period(2016, 2016)),
    # the base of a comparison is not the period of the change
    ("Sales rose 8 percent from 2021.", "8 percent", None),
    ("Sales rose 8 percent in 2023 compared with 2021.", "8 percent", Period(2023, 2023)),
    ("Profit grew 4 percent over the corresponding period in 2022.", "4 percent", None),
    ("Exports reached $5 billion, up from $3 billion in 2019.", "$5 billion", None),
    ("Net income was $5 billion, up from a net loss of $3 billion in Q2 2021.", "$5 billion", None),
    ("Prize money was set at $64 million, four times more than for the 2018 edition.", "$64 million", None),
    ("It was the highest since 2008, at 7 percent.", "7 percent", None),
    # clause structure
    ("In 2015 the share was 40 percent; in 2023 it reached 55 percent.", "40 percent", Period(2015, 2015)),
    (
        "Under the 2019 Fisheries Act, the quota fell to 300 tonnes in fiscal year 2021.",
        "300 tonnes",
        Period(2021, 2021, True),
    ),
    ("Coal supplies 60 percent of power today and, in 2040, will supply 20 percent.", "60 percent", None),
    (
        "Renewables will supply 30 percent by 2030, requiring $9 billion over 2024-2030.",
        "$9 billion",
        Period(2024, 2030),
    ),
    (
        "The Budget 2024 projects a surplus of $3 billion, or 1 percent of GDP, for FY2024.",
        "$3 billion",
        Period(2024, 2024, True),
    ),
    # the previous year of the sentence's own year; the ends of a from-to change under a range
    (
        "Imports fell to $9 billion in 2021 from $12 billion the previous year.",
        "$12 billion",
        Period(2020, 2020),
    ),
    ("Between 2010 and 2020, output fell from 40 percent to 25 percent.", "40 percent", Period(2010, 2010)),
    ("Between 2010 and 2020, output fell from 40 percent to 25 percent.", "25 percent", Period(2020, 2020)),
    ("Since its founding in 1990, the fund has made 700 grants.", "700 grants", Period(1990, None)),
    (
        "The 2025 budget gives $4 billion to schools, an increase of $1 billion on 2024.",
        "$1 billion",
        Period(2025, 2025),
    ),
    # one period in the sentence, far from the number
    (
        "Vietnam's exports surged 42 percent in January 2024 from a year earlier, the statistics office "
        "said, while the trade surplus reached $2 billion.",
        "$2 billion",
        Period(2024, 2024),
    ),
]


@pytest.mark.parametrize(("sentence", "number", "expected"), GOVERNING)
def test_periods_choose_governing_period(sentence: str, number: str, expected: Period | None) -> None:
    start = sentence.index(number)
    end = start + len(number)
    others = []
    for other in (
        "$40 billion",
        "$120 billion",
        "$5 billion",
        "$3 billion",
        "42 percent",
        "1 percent",
        "20 percent",
        "$9 billion",
        "$12 billion",
        "25 percent",
        "$4 billion",
        "30 percent",
        "55 percent",
        "40 percent",
        "60 percent",
        "12 clubs",
        "20 clubs",
    ):
        if other != number and other in sentence:
            s = sentence.index(other)
            others.append((s, s + len(other)))
    mentions = [m for m in find_periods(sentence) if not (m.start < end and start < m.end)]
    chosen = choose_period(mentions, start, end, sentence, other_quantities=others)
    assert (chosen.period if chosen else None) == expected


def test_periods_an_adjectival_period_belongs_to_the_later_figure_it_names() -> None:
    # "a third-quarter fall of 0.1 percent": the quarter is the fall's, not the earlier figure's
    sentence = "Output fell 0.3 percent, after a third-quarter 2023 fall of 0.1 percent."
    first, second = sentence.index("0.3 percent"), sentence.index("0.1 percent")
    spans = [(first, first + 11), (second, second + 11)]
    mentions = find_periods(sentence)
    chosen = [
        choose_period(mentions, a, b, sentence, other_quantities=[q for q in spans if q != (a, b)])
        for a, b in spans
    ]
    assert [c.period.detail if c else None for c in chosen] == [None, "2023-Q3"]
    # the same words with a preposition ("in the third quarter") stay with the rules that read them
    sentence = "Output fell 0.3 percent in the third quarter of 2023."
    start = sentence.index("0.3 percent")
    chosen = choose_period(find_periods(sentence), start, start + 11, sentence)
    assert chosen is not None
    assert chosen.period.detail == "2023-Q3"


def test_periods_base_restated_with_or_keeps_its_own_quarter() -> None:
    # the base of a comparison and its per-share restatement ("or ... a share") share the period after them
    sentence = (
        "Profit rose to $4.2 billion in the fourth quarter, or $0.80 a share, against $1.1 billion, "
        "or $0.21 a share, in fourth quarter 2021."
    )
    spans = [(m.start(), m.end()) for m in re.finditer(r"\$[\d.]+(?: billion)?", sentence)]
    start, end = spans[2]
    mentions = find_periods(sentence, reference=dt.date(2023, 2, 1))
    others = [span for span in spans if span != (start, end)]
    chosen = choose_period(mentions, start, end, sentence, other_quantities=others)
    assert chosen is not None
    assert chosen.period.detail == "2021-Q4"


def test_periods_yearless_quarter_is_not_read_past_the_reference_date() -> None:
    # after a sentence about next year's outlook, "the fourth quarter" of a text of February is last year's
    text = "The firm expects margins near 18% in 2025. Sales in the fourth quarter grew by about 4%."
    quarter = [m for m in find_periods(text, reference=dt.date(2025, 2, 6)) if m.period.grain == "quarter"]
    assert [m.period.detail for m in quarter] == ["2024-Q4"]
    # a yearless quarter in a past year's account keeps that year
    text = "Sales fell 3% in 2019. In the fourth quarter they grew by about 4%."
    quarter = [m for m in find_periods(text, reference=dt.date(2025, 2, 6)) if m.period.grain == "quarter"]
    assert [m.period.detail for m in quarter] == ["2019-Q4"]


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("(ISEAS 2025)", "citation"),
        ("Constant 2024", "price_base"),
        ("since 2000", "open"),
        ("by 2024", "by"),
    ],
)
def test_periods_relation_of_mention(text: str, relation: str) -> None:
    assert find_periods(text)[0].relation == relation


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_periods_never_raise_and_stay_in_range(text: str) -> None:
    for mention in find_periods(text, reference=REF):
        assert text[mention.start : mention.end] == mention.surface
        for year in (mention.period.start, mention.period.end):
            assert year is None or 1800 <= year <= 2100
        if mention.period.start is not None and mention.period.end is not None:
            assert mention.period.start <= mention.period.end


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"(in|by|since|between) (19|20)\d\d( and (19|20)\d\d)?", fullmatch=True))
def test_periods_year_phrases_always_found(text: str) -> None:
    assert parse_period(text) is not None


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("the ministry said on 20 December 2024", "release"),
        ("signed on 12 May 2023 in Hanoi", "day"),
        ("as at 31 December 2023", "by"),
    ],
)
def test_periods_full_dates(text: str, relation: str) -> None:
    mentions = find_periods(text)
    assert [m.relation for m in mentions] == [relation]


def test_periods_sentence_reference_resolves_relative_dates() -> None:
    from claims.parse.periods import sentence_reference

    text = "The ministry said on 20 December 2024 that the budget for the next fiscal year rises."
    reference = sentence_reference(text)
    assert reference == dt.date(2024, 12, 20)
    assert Period(2025, 2025, True) in {m.period for m in find_periods(text, reference=reference)}


# ---------------------------------------------------------------------------------------------- cost
# Work is counted, never timed: calls of Python functions in the period modules and the C calls they make
# (every regex call, every bisection), over inputs of n and 2n figures.

PERIOD_MODULES = tuple(str(p) for p in (Path(periods_package.__file__).parent).glob("*.py"))

CLAUSES = [
    "sales rose {v}% to ${m} million in {y}",
    "a grant of ¥{m} billion for FY{y}",
    "up from {v} percent a year earlier",
    "{n} patrol boats since {y}",
    "output of {n} tonnes by {y}",
    "{v}% compared with {v}% in {y}",
    "between {y} and {y2} the fleet grew to {n} ships",
]


def dated_sentence(picks: list[tuple[int, int]], repeat: int) -> tuple[str, list[tuple[int, int]]]:
    """A sentence of `repeat` copies of the clauses `picks` names, and the spans of its figures."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = len("In the review, ")
    for r in range(repeat):
        for k, (clause, seed) in enumerate(picks):
            year = 1990 + (seed + r + k) % 35
            values = {
                "v": f"{seed % 90 + 1}.{k % 10}",
                "m": str(seed % 900 + 1),
                "n": str(seed % 80 + 2),
                "y": str(year),
                "y2": str(year + 3),
            }
            text = ""
            for piece in re.split(r"(\{\w+\})", CLAUSES[clause]):
                if piece[:1] == "{":
                    value = values[piece[1:-1]]
                    if piece[1] in "vmn":
                        spans.append((pos + len(text), pos + len(text) + len(value)))
                    text += value
                else:
                    text += piece
            parts.append(text)
            pos += len(text) + 2
    return "In the review, " + ", ".join(parts) + ".", spans


def choose_all(text: str, spans: list[tuple[int, int]]) -> list[PeriodMention | None]:
    chooser = PeriodChooser(find_periods(text), text, spans)
    return [chooser.choose(s, e) for s, e in spans]


@settings(max_examples=15, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, len(CLAUSES) - 1), st.integers(0, 10_000)), min_size=3, max_size=8),
    st.integers(6, 10),  # past the reach of one figure (max_cost words), where the work per figure is flat
)
def test_periods_choice_work_grows_linearly(picks: list[tuple[int, int]], repeat: int) -> None:
    small = dated_sentence(picks, repeat)
    large = dated_sentence(picks, 2 * repeat)
    work_small = calls_in(PERIOD_MODULES, lambda: choose_all(*small))
    work_large = calls_in(PERIOD_MODULES, lambda: choose_all(*large))
    assert work_large <= 2.4 * work_small  # quadratic would be 4x, the old attachment was about 8x


def test_periods_choice_same_for_one_and_many() -> None:
    text, spans = dated_sentence([(0, 3), (2, 5), (3, 7), (5, 11), (6, 13)], 3)
    mentions = find_periods(text)
    shared = choose_all(text, spans)
    for (s, e), chosen in zip(spans, shared, strict=True):
        others = [x for x in spans if x != (s, e)]
        assert choose_period(mentions, s, e, text, other_quantities=others) == chosen


@pytest.mark.parametrize(("mentions", "expected"), [(3, Period(2021, 2021)), (40, None)])
def test_periods_fallback_reads_a_bounded_part(mentions: int, expected: Period | None) -> None:
    # a figure far from every period takes the part's one period, unless the part holds too many mentions
    listed = ", ".join(["the 2021 audit"] * mentions)
    text = (
        f"Reviews named in {listed} were many, and among them " + "further words " * 20 + "stood 45 vessels."
    )
    start = text.index("45")
    chosen = choose_period(find_periods(text), start, start + 2, text)
    assert (chosen.period if chosen else None) == expected


def test_periods_one_rule_per_detector_in_priority_order() -> None:
    from claims.parse.periods.interpret import RULES
    from claims.parse.periods.patterns import DETECTORS

    assert list(RULES) == [name for name, _ in DETECTORS]


# ---------------------------------------------------------------------------------------------- grain
GRAINS = [
    # (expression, reference date, grain, detail)
    ("in 2023", None, "year", "2023"),
    ("in FY2025", None, "fiscal_year", "FY2025"),
    ("for 2023/24", None, "fiscal_year", "FY2023/24"),
    ("the year to March 2024", None, "fiscal_year", "2023-04/2024-03"),
    ("the fiscal year that ends in March 2026", None, "fiscal_year", "2025-04/2026-03"),
    ("the business year which ended at the close of June 2023", None, "fiscal_year", "2022-07/2023-06"),
    ("the second half of 2020", None, "half", "2020-H1".replace("H1", "H2")),
    ("Q3 2021", None, "quarter", "2021-Q3"),
    ("3Q 2021", None, "quarter", "2021-Q3"),
    ("in Quarter 2 (Apr to June) 2024", None, "quarter", "2024-Q2"),  # a statistics office's style
    ("fell in Quarter 4 2023", None, "quarter", "2023-Q4"),
    ("against $2.1 billion in fourth quarter 2022", None, "quarter", "2022-Q4"),  # no `of`
    ("Second Half 2024", None, "half", "2024-H2"),  # a results release's section heading
    ("Q1 FY2025", None, "fiscal_year", "FY2025"),  # the fiscal year is read; its quarter is not yet
    ("the April-June quarter of 2024", None, "quarter", "2024-Q2"),
    ("November-February 2024", None, "months", "2023-11/2024-02"),
    ("the first seven months of 2024", None, "months", "2024-01/2024-07"),
    ("in March 2024", None, "month", "2024-03"),
    ("in the third quarter", dt.date(2024, 11, 2), "quarter", "2024-Q3"),
    # the compound adjective of news copy: "fourth-quarter profit", "first-half sales"
    ("reported fourth-quarter 2023 profit", None, "quarter", "2023-Q4"),
    ("announces its first-quarter 2023 results", None, "quarter", "2023-Q1"),
    ("fourth-quarter operating profit fell", dt.date(2024, 1, 31), "quarter", "2023-Q4"),
    ("its first-half sales rose", dt.date(2024, 8, 1), "half", "2024-H1"),
    ("exports rose in December", dt.date(2024, 1, 12), "month", "2023-12"),
    ("on 12 May 2023", None, "day", "2023-05-12"),
    ("the 1970s", None, "decade", "1970s"),
    ("between 2011 and 2021", None, "span", "2011/2021"),
    ("since 2000", None, "span", "2000/.."),
    ("until 2030", None, "span", "../2030"),
    ("over the past five years", dt.date(2024, 6, 1), "span", "2019/2024"),
    # a reporting quarter named by its end, with or without the year
    ("revenue for the quarter ended September 30, 2024", None, "quarter", "2024-Q3"),
    ("revenue for the quarter ended September 30", dt.date(2024, 10, 22), "quarter", "2024-Q3"),
    ("sales in the quarter to 31 March", dt.date(2025, 5, 2), "quarter", "2025-Q1"),
    ("in the quarter ended January 28", dt.date(2024, 2, 21), "months", "2023-11/2024-01"),
    ("the half-year ended 30 June", dt.date(2024, 8, 1), "half", "2024-H1"),
]


def test_periods_year_ago_part_is_the_same_part_a_year_before() -> None:
    # "the year-ago quarter", "the same quarter a year earlier": the quarter the text speaks of, a year back
    text = "Sales reached $7.6 billion in Q3 2024, against $7.7 billion in the year-ago quarter."
    assert [m.period.detail for m in find_periods(text)] == ["2024-Q3", "2023-Q3"]
    text = "Profit was $412m in the second half of 2023, up from $388m in the same half a year earlier."
    assert [m.period.detail for m in find_periods(text)] == ["2023-H2", "2022-H2"]
    # "the previous quarter" stays the quarter before
    text = "Sales reached $7.6 billion in Q3 2024, against $7.7 billion in the previous quarter."
    assert [m.period.detail for m in find_periods(text)] == ["2024-Q3", "2024-Q2"]


@pytest.mark.parametrize(("text", "reference", "grain", "detail"), GRAINS)
def test_periods_grain_and_detail(text: str, reference: dt.date | None, grain: str, detail: str) -> None:
    period = parse_period(text, reference=reference)
    assert (period.grain, period.detail) == (grain, detail)


@pytest.mark.parametrize(
    ("text", "reference", "as_of"),
    [
        ("the toll rose to 1,200 as of Sunday", dt.date(2024, 5, 14), dt.date(2024, 5, 12)),
        ("the toll stood at 1,350 as of Tuesday", dt.date(2024, 5, 14), dt.date(2024, 5, 14)),
        ("reserves were $98 billion as at 31 March 2024", None, dt.date(2024, 3, 31)),
        ("deaths rose on Sunday", dt.date(2024, 5, 14), None),  # a day's flow, not a running total
    ],
)
def test_periods_as_of_date(text: str, reference: dt.date | None, as_of: dt.date | None) -> None:
    (mention,) = find_periods(text, reference=reference)
    assert mention.period.as_of == as_of


def test_periods_grain_refines_without_changing_equality() -> None:
    quarter, year = parse_period("the third quarter of 2023"), parse_period("in 2023")
    assert quarter == year
    assert {quarter} == {year}
    assert (quarter.grain, year.grain) == ("quarter", "year")


# ---------------------------------------------------------------------------------------------- book-style
# Own sentences for the chapter-style rules: reporting years, anaphora, statement dates, comparison levels.
@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("the 52 weeks to 1 March 2025", None, [("52 weeks to 1 March 2025", "FY2024-2025")]),
        (
            "sales of 4 in 2023, against 3 two years earlier",
            None,
            [("2023", "2023"), ("two years earlier", "2021")],
        ),
        ("In 2024 output rose; in the half it fell", None, [("2024", "2024"), ("the half", "2024")]),
        ("In 2021 it hit 36% that year", None, [("2021", "2021"), ("that year", "2021")]),
        (
            "In 2022/23 stocks were 5, above the 4 of the season before",
            None,
            [("2022/23", "FY2022-2023"), ("the season before", "FY2021-2022")],
        ),
        (
            "Over the whole of 2022 it carried 9 million, and 1 million in December",
            dt.date(2024, 1, 10),
            [("2022", "2022"), ("December", "2022")],
        ),
        ("exports rose in December", dt.date(2024, 1, 10), [("December", "2023")]),
    ],
)
def test_periods_anchored_to_the_text(
    text: str, reference: dt.date | None, expected: list[tuple[str, str]]
) -> None:
    assert [(m.surface, m.period.label) for m in find_periods(text, reference=reference)] == expected


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("In August the Grain Board raised its forecast of output", "release"),
        ("Early in 2023 the Statistics Agency estimated that", "release"),
        ("In 2023 the city raised its bus fares", "point"),
    ],
)
def test_periods_statement_date_is_a_release(text: str, relation: str) -> None:
    assert find_periods(text, reference=dt.date(2023, 12, 1))[0].relation == relation


@pytest.mark.parametrize(
    ("text", "year", "base"),
    [
        ("output was 8% below 2019", "2019", True),
        ("traffic reached 61% of its 2019 level", "2019", True),
        ("arrivals were 93% of the traffic of August 2019", "August 2019", True),
        ("cargo fell 16% on 2019", "2019", True),
        ("output grew beyond 2019 levels", "2019", True),
        ("the plan runs from 2015", "2015", False),
        ("the 2019 figures show a rise", "2019", False),
        ("in 2022 output rose", "2022", False),
        (
            "profit fell 25% to $121m, from $161m in 2022",
            "2022",
            True,
        ),  # the year of the figure compared with
    ],
)
def test_periods_comparison_base_years(text: str, year: str, base: bool) -> None:
    (mention,) = [m for m in find_periods(text) if m.surface == year]
    assert is_comparison_base(text, mention) is base


def test_periods_a_year_earlier_is_read_against_the_account_not_a_base_year() -> None:
    # a base's year ("from $161m in 2022") is no anchor for a later "a year earlier"
    text = "Profit for 2023 fell to $121m, from $161m in 2022. Sales fell to $440m from $535m a year earlier."
    assert [m.period.detail for m in find_periods(text)] == ["2023", "2022", "2022"]
