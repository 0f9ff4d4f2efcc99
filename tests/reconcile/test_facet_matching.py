"""Look-alikes the facets keep apart, and true disagreements they leave in (sentences written here)."""

from __future__ import annotations

import dataclasses

import pytest
from factories import claim

from claims.reconcile import find_conflicts as find_all
from claims.reconcile.calibration import RULES_ONLY
from claims.settings import Settings


def find_conflicts(claims, settings, **options):
    """The engine with the match rules alone deciding (these tests are about the rules, not the score)."""
    options.setdefault("calibration", RULES_ONLY)
    return find_all(claims, settings, **options)


SETTINGS = Settings()


def pair(sentence_a, surface_a, value_a, sentence_b, surface_b, value_b, **common):
    a = claim(value_a, sentence=sentence_a, surface=surface_a, doc="one.txt", **common)
    b = claim(value_b, sentence=sentence_b, surface=surface_b, doc="two.txt", **common)
    return [a, b]


@pytest.mark.parametrize(
    ("sentence_a", "surface_a", "value_a", "sentence_b", "surface_b", "value_b", "common"),
    [
        pytest.param(
            "The coast guard budget rose by $3 billion this year.",
            "$3 billion",
            3e9,
            "The coast guard budget is $8 billion this year.",
            "$8 billion",
            8e9,
            {"subject": "coast guard budget", "period": 2025, "entities": ("Norway",)},
            id="change_vs_level",
        ),
        pytest.param(
            "The coast guard budget was $8 billion, up from $6.5 billion a year earlier.",
            "$6.5 billion",
            6.5e9,
            "The coast guard budget is $8 billion this year.",
            "$8 billion",
            8e9,
            {"subject": "coast guard budget", "period": 2025, "entities": ("Norway",)},
            id="base_vs_level",
        ),
        pytest.param(
            "The navy has ordered five 90-metre frigates.",
            "five",
            5.0,
            "The navy operates two 120-metre frigates.",
            "two",
            2.0,
            {"kind": "count", "subject": "navy frigates", "counted": "frigates", "entities": ("Peru",)},
            id="class_member",
        ),
        pytest.param(
            "The country has previously received $1 billion in grants from the bank.",
            "$1 billion",
            1e9,
            "The bank approved grants of $1.9 billion for the country.",
            "$1.9 billion",
            1.9e9,
            {"subject": "bank grants", "period": 2024, "entities": ("Chile",)},
            id="earlier_tranche",
        ),
        pytest.param(
            "Group revenue in the third quarter was $4.4 billion.",
            "$4.4 billion",
            4.4e9,
            "Group revenue for the full year was $17.9 billion.",
            "$17.9 billion",
            17.9e9,
            {"subject": "group revenue", "period": 2024, "entities": ("Acme",)},
            id="part_of_period",
        ),
        pytest.param(
            "Group revenue in the third quarter was $4.4 billion.",
            "$4.4 billion",
            4.4e9,
            "Group revenue in the fourth quarter was $4.9 billion.",
            "$4.9 billion",
            4.9e9,
            {"subject": "group revenue", "period": 2024, "entities": ("Acme",)},
            id="other_quarter_same_year",
        ),
        pytest.param(
            "The flood toll stood at 212 as of Sunday.",
            "212",
            212.0,
            "The flood toll stood at 265 as of Tuesday.",
            "265",
            265.0,
            {
                "kind": "count",
                "subject": "flood toll",
                "counted": "deaths",
                "period": 2024,
                "entities": ("Kenya",),
            },
            id="running_total_other_date",
        ),
        pytest.param(
            "The cabinet's proposed defence budget is $41 billion.",
            "$41 billion",
            41e9,
            "Parliament approved a defence budget of $39 billion.",
            "$39 billion",
            39e9,
            {"subject": "defence budget", "period": 2025, "entities": ("Poland",)},
            id="other_stage",
        ),
        pytest.param(
            "The bank lent ¥30 billion ($210 million) for the new port.",
            "$210 million",
            210e6,
            "The bank lent $250 million for the new port.",
            "$250 million",
            250e6,
            {"subject": "bank loan for the port", "period": 2024, "entities": ("Ghana",)},
            id="conversion_equivalent",
        ),
        pytest.param(
            "The world economy will grow by 3.1% this year.",
            "3.1%",
            3.1,
            "The economy will grow by 6.4% this year, the ministry said.",
            "6.4%",
            6.4,
            {"kind": "percent", "subject": "economic growth", "period": 2025, "entities": ("Vietnam",)},
            id="other_party_world",
        ),
        pytest.param(
            "Manufacturing output fell 0.4% in the third quarter, the statistics office said.",
            "0.4%",
            0.4,
            "Manufacturing output: -0.4% in the third quarter.",
            "-0.4%",
            -0.4,
            {"kind": "percent", "subject": "manufacturing output", "period": 2024, "entities": ("Chile",)},
            id="sign_in_the_verb",
        ),
        pytest.param(
            "Farm output moved by 1.2% in the third quarter, the smallest change in a decade.",
            "1.2%",
            1.2,
            "Farm output shrank: -1.2% in the third quarter.",
            "-1.2%",
            -1.2,
            {"kind": "percent", "subject": "farm output", "period": 2024, "entities": ("Chile",)},
            id="sign_unsaid",
        ),
        pytest.param(
            "Building costs rose 21% in three years, with timber up 35%, glass 44% and bricks 39%.",
            "39%",
            39.0,
            "Over three years building costs climbed 21%: timber 35%, glass 44%, and bricks 39%.",
            "44%",
            44.0,
            {"kind": "percent", "subject": "building costs", "period": 2023, "entities": ("Kenya",)},
            id="other_item_of_a_list",
        ),
    ],
)
def test_facet_matching_look_alike_is_not_reported(
    sentence_a, surface_a, value_a, sentence_b, surface_b, value_b, common
):
    claims = pair(sentence_a, surface_a, value_a, sentence_b, surface_b, value_b, **common)
    assert find_conflicts(claims, SETTINGS) == []


@pytest.mark.parametrize(
    ("sentence_a", "surface_a", "value_a", "sentence_b", "surface_b", "value_b", "common"),
    [
        pytest.param(
            "The coast guard budget is $8 billion this year.",
            "$8 billion",
            8e9,
            "This year the coast guard budget amounts to $9.5 billion.",
            "$9.5 billion",
            9.5e9,
            {"subject": "coast guard budget", "period": 2025, "entities": ("Norway",)},
            id="two_levels",
        ),
        pytest.param(
            "Group revenue in the third quarter was $4.4 billion.",
            "$4.4 billion",
            4.4e9,
            "Third-quarter group revenue came to $4.9 billion.",
            "$4.9 billion",
            4.9e9,
            {"subject": "group revenue", "period": 2024, "entities": ("Acme",)},
            id="same_quarter",
        ),
        pytest.param(
            "The budget rose by $3 billion this year.",
            "$3 billion",
            3e9,
            "The budget increased by $2 billion this year.",
            "$2 billion",
            2e9,
            {"subject": "coast guard budget", "period": 2025, "entities": ("Norway",)},
            id="two_changes",
        ),
        pytest.param(
            "Manufacturing output grew 0.4% in the third quarter, the statistics office said.",
            "0.4%",
            0.4,
            "Manufacturing output: -0.4% in the third quarter.",
            "-0.4%",
            -0.4,
            {"kind": "percent", "subject": "manufacturing output", "period": 2024, "entities": ("Chile",)},
            id="rose_against_negative",
        ),
        pytest.param(
            "Manufacturing output fell 0.7% in the third quarter, the statistics office said.",
            "0.7%",
            0.7,
            "Manufacturing output: -0.4% in the third quarter.",
            "-0.4%",
            -0.4,
            {"kind": "percent", "subject": "manufacturing output", "period": 2024, "entities": ("Chile",)},
            id="fell_more_than_stated",
        ),
    ],
)
def test_facet_matching_true_disagreement_is_reported(
    sentence_a, surface_a, value_a, sentence_b, surface_b, value_b, common
):
    claims = pair(sentence_a, surface_a, value_a, sentence_b, surface_b, value_b, **common)
    assert len(find_conflicts(claims, SETTINGS)) == 1


def test_facet_matching_undated_base_is_compared_with_the_dated_level():
    # "from 31.5% at the last election": the base of a change is the level of an earlier time; undated,
    # the match score weighs it against the level of that time stated elsewhere
    base = claim(
        31.0,
        kind="percent",
        sentence="The Unity Front raised its vote share from 31% at the last election to 33.0%.",
        surface="31%",
        subject="vote share",
        doc="one.txt",
    )
    level = claim(
        31.46,
        kind="percent",
        sentence="In 2019 the Unity Front's vote share was 31.46 per cent.",
        surface="31.46 per cent",
        subject="vote share",
        period=2019,
        doc="two.txt",
    )
    assert [c.kind.value for c in find_conflicts([base, level], SETTINGS)] == ["rounding"]


def test_facet_matching_running_counts_of_two_days_are_not_compared():
    # two live pages' provisional counts, read on different days, are two values of a running total
    first = dataclasses.replace(
        claim(
            1204.0,
            kind="count",
            counted="deaths",
            surface="1,204",
            sentence="Deaths reached 1,204.",
            doc="a.txt",
        ),
        facets="role=level;stage=provisional;published=2024-09-12",
    )
    later = dataclasses.replace(
        claim(
            1390.0,
            kind="count",
            counted="deaths",
            surface="1,390",
            sentence="Deaths reached 1,390.",
            doc="b.txt",
        ),
        facets="role=level;stage=provisional;published=2024-09-14",
    )
    assert find_conflicts([first, later], SETTINGS) == []
    # published the same day, two live pages may still read the count at two hours
    same_day = dataclasses.replace(later, facets="role=level;stage=provisional;published=2024-09-12")
    assert find_conflicts([first, same_day], SETTINGS) == []
    # both said to be read at one time ("as of Wednesday"): one reading, two values
    first_read = dataclasses.replace(first, facets="role=level;stage=provisional;as_of=wednesday")
    later_read = dataclasses.replace(later, facets="role=level;stage=provisional;as_of=wednesday")
    assert len(find_conflicts([first_read, later_read], SETTINGS)) == 1
    # another reading time named on each side: two readings
    other_read = dataclasses.replace(later, facets="role=level;stage=provisional;as_of=thursday")
    assert find_conflicts([first_read, other_read], SETTINGS) == []


def test_facet_matching_running_count_against_the_final_count_is_not_compared():
    running = dataclasses.replace(
        claim(
            41.9, kind="percent", subject="Unity Front vote share", surface="41.9%", doc="a.txt", period=2024
        ),
        facets="role=level;stage=provisional",
    )
    final = dataclasses.replace(
        claim(
            41.7, kind="percent", subject="Unity Front vote share", surface="41.7%", doc="b.txt", period=2024
        ),
        facets="role=level;stage=final",
    )
    assert find_conflicts([running, final], SETTINGS) == []
    unstaged = dataclasses.replace(final, facets="role=level")
    assert len(find_conflicts([running, unstaged], SETTINGS)) == 1  # a stage on one side only is a gap


def test_facet_matching_forecast_against_a_figure_naming_no_version_is_possible_only():
    # a forecast against a figure whose words name no version: perhaps the outcome, perhaps another forecast
    def profit(value, surface, doc, facets):
        return dataclasses.replace(
            claim(value, subject="Harbor Group operating profit", surface=surface, doc=doc, period=2025),
            facets=facets,
        )

    forecast = profit(6.1e9, "$6.1 billion", "a.txt", "role=level;stage=forecast")
    unnamed = profit(5.8e9, "$5.8 billion", "b.txt", "role=level")
    conflicts = find_conflicts([forecast, unnamed], SETTINGS)
    assert [c.tier for c in conflicts] == ["possible"]
    assert "forecast" in conflicts[0].explanation
    # both forecasts: one quantity, a finding; a forecast against the outcome: not compared at all
    other_forecast = profit(5.8e9, "$5.8 billion", "b.txt", "role=level;stage=forecast")
    assert [c.tier for c in find_conflicts([forecast, other_forecast], SETTINGS)] == ["finding"]
    outcome = profit(5.8e9, "$5.8 billion", "b.txt", "role=level;stage=actual")
    assert find_conflicts([forecast, outcome], SETTINGS) == []


def test_facet_matching_poll_against_the_count_or_an_unnamed_share():
    # an exit poll's share is an estimate of the count: against the final count it is not compared, against
    # a share whose words name no version it is at most possible, against another poll's figure a finding
    def share(value, surface, doc, facets):
        return dataclasses.replace(
            claim(
                value, kind="percent", subject="Green Union vote share", surface=surface, doc=doc, period=2025
            ),
            facets=facets,
        )

    poll = share(21.9, "21.9%", "a.txt", "role=level;stage=poll")
    assert find_conflicts([poll, share(23.1, "23.1%", "b.txt", "role=level;stage=final")], SETTINGS) == []
    conflicts = find_conflicts([poll, share(23.1, "23.1%", "b.txt", "role=level")], SETTINGS)
    assert [c.tier for c in conflicts] == ["possible"]
    assert "poll" in conflicts[0].explanation
    other_poll = share(23.1, "23.1%", "b.txt", "role=level;stage=poll")
    assert [c.tier for c in find_conflicts([poll, other_poll], SETTINGS)] == ["finding"]


@pytest.mark.parametrize(
    ("detail_a", "detail_b", "compared"),
    [
        ("2023-11", "2023-12", False),  # two months
        ("2023-12", "2023-Q4", False),  # a month against its quarter
        ("2023-Q3", "2023-Q4", False),
        ("2023-Q4", "2023-Q4", True),
        ("2023-Q4", "", True),  # a part of the year on one side only: the periods decide
    ],
)
def test_facet_matching_two_parts_of_a_year_are_two_periods(detail_a, detail_b, compared):
    def growth(value, surface, doc, detail):
        grain = {"": "", "Q": "quarter"}.get(detail[5:6], "month") if detail else ""
        return dataclasses.replace(
            claim(value, kind="percent", subject="UK GDP growth", surface=surface, doc=doc, period=2023),
            period_grain=grain,
            period_detail=detail,
        )

    claims = [growth(0.3, "0.3%", "a.txt", detail_a), growth(0.2, "0.2%", "b.txt", detail_b)]
    assert bool(find_conflicts(claims, SETTINGS)) is compared


@pytest.mark.parametrize(
    ("grain_a", "grain_b", "compared"),
    [
        ("quarter", "year", False),  # the quarter's growth against the year's
        ("half", "fiscal_year", False),
        ("year", "year", True),
        ("quarter", "", True),  # the other side's grain unknown: the periods decide
        ("month", "year", True),  # a month is as often when a figure was read as what it covers
    ],
)
def test_facet_matching_part_of_a_year_against_the_year(grain_a, grain_b, compared):
    def growth(value, surface, doc, grain):
        detail = {"quarter": "2023-Q4", "half": "2023-H2", "month": "2023-12"}.get(
            grain, "2023" if grain else ""
        )
        return dataclasses.replace(
            claim(
                value, kind="percent", subject="segment sales growth", surface=surface, doc=doc, period=2023
            ),
            period_grain=grain,
            period_detail=detail,
        )

    claims = [growth(13.0, "13%", "a.txt", grain_a), growth(12.0, "12%", "b.txt", grain_b)]
    assert bool(find_conflicts(claims, SETTINGS)) is compared


def test_facet_matching_other_row_of_one_list_is_not_reported():
    common = {"subject": "department budget", "period": 2025, "entities": ("Kenya",), "doc": "budget.txt"}
    water = claim(
        1.25e9, sentence="- Department of water supply: $1.25 billion", surface="$1.25 billion", **common
    )
    roads = claim(
        1.31e9,
        sentence="- Department of rural roads: $1.31 billion",
        surface="$1.31 billion",
        sentence_start=200,
        **common,
    )
    assert find_conflicts([water, roads], SETTINGS) == []


def _cell(value, row, surface, *, subject, doc="results.txt", start=0, **common):
    """A table-cell claim as the extractor gives it: the row as its sentence, the header in its subject."""
    made = claim(
        value, sentence=row, surface=surface, subject=subject, doc=doc, sentence_start=start, **common
    )
    return dataclasses.replace(made, flags=("table_cell",))


def test_facet_matching_two_rows_of_one_table_are_not_compared():
    common = {"subject": "Headline figures: Fiscal Q2", "period": 2025, "entities": ()}
    sales = _cell(4.1e9, "Net sales | $3.2 billion | $4.1 billion", "$4.1 billion", **common)
    profit = _cell(
        4.3e9, "Operating profit | $3.9 billion | $4.3 billion", "$4.3 billion", start=60, **common
    )
    assert find_conflicts([sales, profit], SETTINGS) == []


@pytest.mark.parametrize(
    ("doc_b", "chapter_b", "compared"),
    [
        ("nations.txt", "", False),  # one document's two tables: two cells, never one figure twice
        ("nations.txt", "Chapter 4", True),  # another chapter of a book is written apart: compared
        ("wire.txt", "", True),  # another document's table: compared
    ],
)
def test_facet_matching_two_cells_of_one_document_are_not_compared(doc_b, chapter_b, compared):
    # two tables of one page with the same row and header (one for each nation): two quantities
    common = {"subject": "Results by nation: 2024", "kind": "percent", "period": 2024, "entities": ()}
    first = _cell(59.2, "Turnout | 59.2% | 1,987,114", "59.2%", doc="nations.txt", **common)
    second = dataclasses.replace(
        _cell(56.0, "Turnout | 56.0% | 1,288,306", "56.0%", doc=doc_b, start=400, **common),
        chapter=chapter_b,
    )
    assert bool(find_conflicts([first, second], SETTINGS)) is compared


def test_facet_matching_change_row_and_signed_cell_are_not_levels():
    # a row that names a change, or a signed cell, holds changes: not set against the level elsewhere
    common = {"subject": "Summary of the result: Green", "kind": "percent", "period": 2024, "entities": ()}
    level = claim(
        6.7,
        sentence="The Greens won 6.7% of the vote.",
        surface="6.7%",
        subject="Green vote share",
        kind="percent",
        period=2024,
        doc="wire.txt",
    )
    named = _cell(4.2, "Change in share of the vote | +1.6% | 4.2%", "4.2%", **common)
    signed = _cell(4.2, "Share of the vote | 33.7% | +4.2%", "+4.2%", **common)
    unsigned = _cell(4.2, "Share of the vote | 33.7% | 4.2%", "4.2%", **common)
    assert find_conflicts([named, level], SETTINGS) == []
    assert find_conflicts([signed, level], SETTINGS) == []
    assert len(find_conflicts([unsigned, level], SETTINGS)) == 1


@pytest.mark.parametrize(
    ("year", "published", "compared"),
    [
        (1998, "2024-02-12", False),  # an old record against today's undated figure: two periods
        (2023, "2024-02-12", True),  # a year before the story: it may well be the story's own figure
        (1998, "", True),  # no publication date: the periods cannot tell
    ],
)
def test_facet_matching_old_figure_against_an_undated_one(year, published, compared):
    common = {"kind": "count", "subject": "viewers", "counted": "viewers", "entities": ("CBS",)}
    old = claim(
        121.6e6,
        sentence=f"The {year} final drew a total audience of 121.6 million.",
        surface="121.6 million",
        period=year,
        doc="records.txt",
        **common,
    )
    undated = dataclasses.replace(
        claim(
            120e6,
            sentence="The final drew 120 million viewers on CBS.",
            surface="120 million",
            doc="ratings.txt",
            **common,
        ),
        facets=f"role=level;published={published}" if published else "role=level",
    )
    assert bool(find_conflicts([old, undated], SETTINGS)) is compared


def test_facet_matching_change_column_is_not_a_level():
    growth = _cell(
        41.0, "Net sales | $3.2 billion | 41%", "41%", subject="Headline figures: Change YoY", kind="percent"
    )
    level = claim(
        38.0,
        sentence="Net sales were 38% of group turnover.",
        surface="38%",
        subject="net sales",
        kind="percent",
        doc="wire.txt",
    )
    assert find_conflicts([growth, level], SETTINGS) == []


def test_facet_matching_table_row_against_prose_is_compared():
    cell = _cell(
        4.1e9,
        "Net sales | $3.2 billion | $4.1 billion",
        "$4.1 billion",
        subject="Headline figures: Fiscal Q2",
        period=2025,
    )
    prose = claim(
        4.7e9,
        sentence="Second-quarter net sales reached $4.7 billion.",
        surface="$4.7 billion",
        subject="net sales",
        period=2025,
        doc="wire.txt",
    )
    found = find_conflicts([cell, prose], SETTINGS)
    assert len(found) == 1


def test_facet_matching_two_owners_of_one_document_are_not_compared():
    # one writer names each party once: "Leeds' turnout" and "York's turnout" in one story are two parties
    common = {"kind": "percent", "subject": "turnout", "period": 2024, "doc": "turnout.txt"}
    leeds = dataclasses.replace(
        claim(41.2, sentence="Leeds' turnout stood at 41.2%.", surface="41.2%", **common),
        facets="role=level;owner=Leeds;owner_source=possessor",
    )
    york = dataclasses.replace(
        claim(43.9, sentence="York's turnout stood at 43.9%.", surface="43.9%", sentence_start=90, **common),
        facets="role=level;owner=York;owner_source=possessor",
    )
    assert find_conflicts([leeds, york], SETTINGS) == []
    # read from the document's title only, the owner is no evidence: the pair is still compared
    weak = dataclasses.replace(york, facets="role=level;owner=York;owner_source=document")
    assert len(find_conflicts([leeds, weak], SETTINGS)) == 1
    # across documents owners are worded independently: the rule stays within one document
    elsewhere = dataclasses.replace(york, doc="other.txt")
    assert len(find_conflicts([leeds, elsewhere], SETTINGS)) == 1


def test_facet_matching_parallel_rows_of_one_list_are_not_compared():
    # the label of one row was not read ("46.2%" opens its own sentence): the pattern still says two rows
    common = {"kind": "percent", "subject": "turnout", "period": 2024, "doc": "turnout.txt"}
    leeds = claim(
        30.5, sentence="Leeds: 41.2% (up from 30.5% at noon)", surface="30.5%", sentence_start=100, **common
    )
    york = claim(
        31.1, sentence="46.2% (up from 31.1% at noon)", surface="31.1%", sentence_start=160, **common
    )
    assert find_conflicts([leeds, york], SETTINGS) == []
    # the same pattern in another document is another writer's statement: compared
    elsewhere = dataclasses.replace(york, doc="other.txt")
    assert len(find_conflicts([leeds, elsewhere], SETTINGS)) == 1


@pytest.mark.parametrize(
    ("second", "start", "compared"),
    [
        ("- $2.3 billion for a rural housing fund", 80, False),  # the next item of the list
        ("- $2.3 billion for the coastal housing fund", 9000, True),  # another list, far on: compared
        ("The coastal housing fund gets $2.3 billion.", 80, True),  # prose, not an item: compared
    ],
)
def test_facet_matching_two_items_of_one_list_are_not_compared(second, start, compared):
    common = {"subject": "new spending", "period": 2025, "entities": ("Canada",), "doc": "budget.txt"}
    first = claim(
        2.2e9, sentence="- $2.2 billion for a coastal housing fund", surface="$2.2 billion", **common
    )
    other = claim(2.3e9, sentence=second, surface="$2.3 billion", sentence_start=start, **common)
    assert bool(find_conflicts([first, other], SETTINGS)) is compared


def test_facet_matching_gaap_and_adjusted_forecasts_are_not_compared():
    # both figures are an outlook (a forecast); the accounting basis still sets them apart
    common = {"kind": "percent", "subject": "operating margin", "period": 2025}
    gaap = claim(
        31.5, sentence="- GAAP operating margin expected at 31.5%.", surface="31.5%", doc="one.txt", **common
    )
    adjusted = claim(
        33.0,
        sentence="- Non-GAAP operating margin expected at 33.0%.",
        surface="33.0%",
        doc="two.txt",
        **common,
    )
    assert find_conflicts([gaap, adjusted], SETTINGS) == []
    other = claim(
        32.2, sentence="- GAAP operating margin expected at 32.2%.", surface="32.2%", doc="two.txt", **common
    )
    assert len(find_conflicts([gaap, other], SETTINGS)) == 1


def test_facet_matching_one_phase_against_the_whole_is_not_compared():
    common = {"kind": "percent", "subject": "voter turnout", "period": 2024}
    phase = claim(
        61.2,
        sentence="A turnout of 61.2% was recorded in phase-4 for 96 seats.",
        surface="61.2%",
        doc="one.txt",
        **common,
    )
    whole = claim(
        64.1, sentence="Overall, a turnout of 64.1% was recorded.", surface="64.1%", doc="two.txt", **common
    )
    assert find_conflicts([phase, whole], SETTINGS) == []
    other_whole = claim(
        65.3, sentence="Overall, a turnout of 65.3% was recorded.", surface="65.3%", doc="three.txt", **common
    )
    assert len(find_conflicts([whole, other_whole], SETTINGS)) == 1


def test_facet_matching_fall_in_words_is_compared_signed():
    # "fell 0.4%" is -0.4%: against "-0.38%" it is the same figure rounded, not a 200% gap
    claims = pair(
        "Manufacturing output fell 0.4% in the third quarter, the statistics office said.",
        "0.4%",
        0.4,
        "Manufacturing output: -0.38% in the third quarter.",
        "-0.38%",
        -0.38,
        kind="percent",
        subject="manufacturing output",
        period=2024,
        entities=("Chile",),
    )
    assert [c.kind.value for c in find_conflicts(claims, SETTINGS)] == ["rounding"]


RAIL_COST = {"subject": "rail line cost estimate", "period": 2024, "entities": ("Wales",), "precision": 0.5e9}
"""What the range and "up to" tests share: one cost estimate, precision half a unit of £1bn."""


@pytest.mark.parametrize(
    ("surface_b", "low_b", "high_b", "expected"),
    [
        ("£31bn-£38bn", 31e9, 38e9, []),  # the same range
        ("£31bn-£37.6bn", 31e9, 37.6e9, ["rounding"]),  # its top end rounded
        ("£31bn-£42bn", 31e9, 42e9, ["value_mismatch"]),  # overlapping, but another top end
    ],
)
def test_facet_matching_two_ranges_are_compared_end_by_end(surface_b, low_b, high_b, expected):
    # precision: half a unit of the coarser end (£31bn), as extraction gives it
    common = RAIL_COST
    a = claim(
        None,
        sentence="The rail line is now estimated to cost £31bn-£38bn, the minister told MPs.",
        surface="£31bn-£38bn",
        low=31e9,
        high=38e9,
        doc="one.txt",
        **common,
    )
    b = claim(
        None,
        sentence=f"The minister put the cost of the rail line at {surface_b} in a letter to MPs.",
        surface=surface_b,
        low=low_b,
        high=high_b,
        doc="two.txt",
        **common,
    )
    assert [c.kind.value for c in find_conflicts([a, b], SETTINGS)] == expected


def test_facet_matching_company_class_word_names_no_facility():
    # "Tidewater Ltd" and "Tidewater Harbour" share the company name: "Ltd" names no other facility
    common = {"subject": "", "period": 2023, "entities": ()}
    a = claim(
        310e6,
        sentence="By the end of 2023 Tidewater Ltd had spent £310 million on the harbour works.",
        surface="£310 million",
        doc="one.txt",
        **{**common, "subject": "amount spent by Tidewater Ltd"},
    )
    b = claim(
        0.4e9,
        sentence="By the end of 2023 Tidewater had spent £0.4 billion on Tidewater Harbour.",
        surface="£0.4 billion",
        doc="two.txt",
        **{**common, "subject": "Tidewater Harbour spent"},
    )
    assert [c.kind.value for c in find_conflicts([a, b], SETTINGS)] == ["value_mismatch"]


@pytest.mark.parametrize(
    ("sentence_b", "surface_b", "value_b", "low_b", "high_b", "expected"),
    [
        ("The minister said the line could cost up to £38bn.", "£38bn", 38e9, None, None, []),
        ("The minister said the line could cost up to £37.6bn.", "£37.6bn", 37.6e9, None, None, ["rounding"]),
        ("The minister said the line could cost up to £42bn.", "£42bn", 42e9, None, None, ["value_mismatch"]),
        (
            "The minister put the cost of the line at £31bn-£42bn.",
            "£31bn-£42bn",
            None,
            31e9,
            42e9,
            ["value_mismatch"],
        ),
    ],
)
def test_facet_matching_up_to_figures_compare_their_top_ends(
    sentence_b, surface_b, value_b, low_b, high_b, expected
):
    common = RAIL_COST
    a = claim(
        38e9,
        sentence="The rail line could cost up to £38bn, the minister told MPs.",
        surface="£38bn",
        qualifier="up_to",
        doc="one.txt",
        **common,
    )
    b = claim(
        value_b,
        sentence=sentence_b,
        surface=surface_b,
        qualifier="up_to" if value_b is not None else "exact",
        low=low_b,
        high=high_b,
        doc="two.txt",
        **common,
    )
    assert [c.kind.value for c in find_conflicts([a, b], SETTINGS)] == expected


def _berths(value, surface, sentence, doc, role):
    return dataclasses.replace(
        claim(
            value,
            kind="count",
            counted="berths",
            subject="harbour berths",
            period=2024,
            sentence=sentence,
            surface=surface,
            doc=doc,
        ),
        facets=f"role={role}",
    )


def test_facet_matching_goal_set_against_an_outcome_is_not_the_outcome():
    # "reached 41,800 berths, short of its target of 45,000": a goal the sentence sets against what was
    # reached; another report's outcome is not compared with the goal
    sentence = "The harbour reached 41,800 berths in 2024, short of its target of 45,000 berths."
    outcome = _berths(41_800.0, "41,800", sentence, "a.txt", "level")
    goal = _berths(45_000.0, "45,000", sentence, "a.txt", "target")
    elsewhere = _berths(41_900.0, "41,900", "The harbour had 41,900 berths in 2024.", "b.txt", "level")
    found = find_conflicts([outcome, goal, elsewhere], SETTINGS)
    pairs = {frozenset((c.claim_a, c.claim_b)) for c in found}
    assert frozenset((goal.claim_id, elsewhere.claim_id)) not in pairs
    assert frozenset((outcome.claim_id, elsewhere.claim_id)) in pairs  # the two outcomes still compare
    # a budget "target" stated alone is the budgeted level: compared with a level elsewhere
    alone = _berths(
        45_000.0, "45,000", "The harbour's target of 45,000 berths in 2024 stands.", "c.txt", "target"
    )
    assert find_conflicts([alone, elsewhere], SETTINGS)


@pytest.mark.parametrize(
    ("sentence_a", "surface_a", "value_a", "sentence_b", "surface_b", "value_b", "compared"),
    [
        # two measures of one thing: deliveries and production, the dead and the injured
        (
            "Harbour tug deliveries rose 38% in 2023.",
            "38%",
            38.0,
            "Harbour tug production rose 35% in 2023.",
            "35%",
            35.0,
            False,
        ),
        (
            "The storm killed 1,210 people in 2023.",
            "1,210",
            1210.0,
            "The storm injured 1,260 people in 2023.",
            "1,260",
            1260.0,
            False,
        ),
        # the same measure in other words: compared
        (
            "Harbour tug deliveries rose 38% in 2023.",
            "38%",
            38.0,
            "Harbour tugs delivered rose 36% in 2023.",
            "36%",
            36.0,
            True,
        ),
    ],
)
def test_facet_matching_two_measures_of_one_thing_are_not_compared(
    sentence_a, surface_a, value_a, sentence_b, surface_b, value_b, compared
):
    kind = "percent" if surface_a.endswith("%") else "count"
    common = dict(kind=kind, subject="harbour tugs" if kind == "percent" else "people", period=2023)
    claims = pair(sentence_a, surface_a, value_a, sentence_b, surface_b, value_b, **common)
    assert bool(find_conflicts(claims, SETTINGS)) is compared
