"""Facets of a figure read from the words around it (claims.context.facets), on sentences written here."""

from __future__ import annotations

import pytest

from claims.context.facets import (
    Facets,
    claim_facets,
    count_stage,
    document_as_of,
    document_stage,
    facet_conflicts,
    facet_gaps,
)


def facets(sentence: str, surface: str, kind: str = "money") -> Facets:
    start = sentence.index(surface)
    return claim_facets(sentence, start, start + len(surface), kind=kind)


@pytest.mark.parametrize(
    ("sentence", "surface", "kind", "role"),
    [
        ("The ministry won an increase of €2 billion for next year.", "€2 billion", "money", "change"),
        ("Its budget grew by 4.5% to €12 billion.", "4.5%", "percent", "change"),
        ("Its budget grew by 4.5% to €12 billion.", "€12 billion", "money", "level"),
        ("That is a $900 million year-on-year rise in spending.", "$900 million", "money", "change"),
        ("Approval stood at 61.2%, up from 55.4% a year ago.", "55.4%", "percent", "base"),
        ("Approval stood at 61.2%, up from 55.4% a year ago.", "61.2%", "percent", "level"),
        ("Exports hit $7.2bn, compared with $6.1bn a year earlier.", "$6.1bn", "money", "base"),
        ("Exports hit $7.2bn, compared with $6.1bn in 2022.", "$6.1bn", "money", "level"),
        ("Unemployment was 7.1% in March against 6.8% a year earlier.", "6.8%", "percent", "base"),
        ("Public debt reached 88% of GDP last year.", "88%", "percent", "share"),
        ("Farm goods accounted for 23% of exports.", "23%", "percent", "share"),
        ("The plan aims to reach 2 million households by 2030.", "2 million", "count", "target"),
        ("Visitors from 14 countries attended the fair.", "14", "count", "level"),
        ("Shares were 12% higher at the close.", "12%", "percent", "change"),
        ("Operating profit was $2.2 billion (+41%).", "+41%", "percent", "change"),
        ("Sales reached $9 billion, 14% on last year.", "14%", "percent", "change"),
        ("Margins widened to 8.5% over 2021.", "8.5%", "percent", "change"),
        # the number a comparative is set against is a level of another thing, not a change
        ("The toll is now higher than the 85 killed in a 2018 fire.", "85", "count", "level"),
        ("The bill is larger than $4 billion.", "$4 billion", "money", "level"),
        ("Prices were 3% higher than a year earlier.", "3%", "percent", "change"),
        # "to reach" after a change verb: the level reached, no aim
        (
            "Net income more than doubled from the previous period to reach ¥5.1tn.",
            "¥5.1tn",
            "money",
            "level",
        ),
        ("Sales rose 20% to reach $8 billion.", "$8 billion", "money", "level"),
        ("The group plans to reach $8 billion in sales by 2027.", "$8 billion", "money", "target"),
    ],
)
def test_facets_role_from_the_words_around_the_number(sentence, surface, kind, role):
    assert facets(sentence, surface, kind).role == role


@pytest.mark.parametrize(
    ("sentence", "surface", "stage"),
    [
        ("Parliament approved a budget of $41.3 billion on Friday.", "$41.3 billion", "approved"),
        ("The cabinet's proposed $43 billion budget goes to a vote.", "$43 billion", "proposed"),
        ("Adjusted earnings came to $2.15 a share.", "$2.15", "adjusted"),
        ("Output is projected to reach $9 billion next year.", "$9 billion", "forecast"),
        ("A preliminary estimate put losses at $300 million.", "$300 million", "provisional"),
        ("The group looks for sales of $12 billion in the first quarter.", "$12 billion", "forecast"),
        ("The agency projects a harvest of 40 million tonnes.", "40 million tonnes", "forecast"),
        ("The council spent $4 million on roads.", "$4 million", ""),
        ("Harbour output is estimated to have fallen by $3 million in the quarter.", "$3 million", ""),
        ("Harbour output is estimated to fall by $3 million next quarter.", "$3 million", "forecast"),
        # the end of a change shares the verb that opens it
        (
            "For the year, the firm expects profit to slump 85 percent to 6.54 trillion won.",
            "6.54 trillion won",
            "forecast",
        ),
        ("The proposed levy grows from $3 million to $4 million.", "$4 million", "proposed"),
        ("Profit rose 12% to $4.1 billion after the firm expected less.", "$4.1 billion", ""),
        ("The firm cut its headcount by 22% to 67,317 last year.", "67,317", ""),  # a change, no revision
        ("Earnings for the final quarter of 2023 came to $22.1 billion.", "$22.1 billion", ""),  # a year
        ("Earnings for the final quarter came to $22.1 billion.", "$22.1 billion", ""),  # the last of four
        ("The final count gave the party 412 seats.", "412", "final"),
        # every object of one verb of stage shares it; a clause with a verb of its own does not
        ("Brokers had forecast $3.4 billion in sales and $0.88 in earnings a share.", "$0.88", "forecast"),
        ("The plan proposed revenue of $5 billion and spending of $6.2 billion.", "$6.2 billion", "proposed"),
        ("Brokers forecast $3.4 billion in sales, and the firm earned $0.91 a share.", "$0.91", ""),
        # an outcome set against what was expected is the actual figure; the expectation a forecast
        ("Fares: $3.62 billion vs. $3.55 billion expected by brokers.", "$3.62 billion", "actual"),
        ("Fares: $3.62 billion vs. $3.55 billion expected by brokers.", "$3.55 billion", "forecast"),
        ("Fares came to $3.62 billion, beating estimates of $3.55 billion.", "$3.62 billion", "actual"),
        ("Fares beat the $3.55 billion brokers had estimated.", "$3.55 billion", "forecast"),
        # ... also when a relative clause of several words says who expected it
        (
            "Fares topped the $3.55 billion of sales that brokers polled by a data firm had forecast.",
            "$3.55 billion",
            "forecast",
        ),
        ("Fares reached $3.62 billion of sales that the airline has booked.", "$3.62 billion", ""),
        ("Fares rose 4% more than expected.", "4%", ""),
        ("Fares of $3.62 billion were up 4% against 2022.", "$3.62 billion", ""),
        ("Brokers had estimated 3,100 job losses by then.", "3,100", ""),  # an estimate of the past
        # "projects" names a forecast as a verb only; the noun is no stage
        ("The fund backs rail projects worth $4 billion.", "$4 billion", ""),
        ("The ministry projects revenue of $4 billion next year.", "$4 billion", "forecast"),
        # a poll's estimate of a vote against the count; "the poll" alone is also the election itself
        ("The exit poll gave the Green Union 21.9% of the vote.", "21.9%", "poll"),
        ("The Green Union won 18% in the exit poll.", "18%", "poll"),
        ("An opinion poll put the Green Union on 30%.", "30%", "poll"),
        ("The Green Union won 34% in the poll.", "34%", ""),
        ("The official results gave the Green Union 22.94 percent.", "22.94 percent", "final"),
    ],
)
def test_facets_stage_named_next_to_the_figure(sentence, surface, stage):
    assert facets(sentence, surface).stage == stage


@pytest.mark.parametrize(
    ("sentence", "surface", "kind", "scope"),
    [
        ("The navy will get an additional $500 million next year.", "$500 million", "money", {"additional"}),
        ("The island has previously received three boats from Norway.", "three", "count", {"previous"}),
        ("Incomes average $3,200 per capita.", "$3,200", "money", {"per_capita"}),
        ("The plant emits 40,000 tonnes a year.", "40,000 tonnes", "measure", {"per_year"}),
        ("The fund has disbursed $2.4 billion so far.", "$2.4 billion", "money", {"cumulative"}),
        ("The town received $2.4 billion for its port.", "$2.4 billion", "money", set()),
        # a period the figure is dated to is no tranche or earlier class
        ("Spending rose to $9 billion from $7 billion in the previous fiscal.", "$7 billion", "money", set()),
        ("Profit was $3 billion, 40% more than a year earlier.", "40%", "percent", set()),
        ("Profit doubled from the previous period to $5 billion.", "$5 billion", "money", set()),
        # a cue after the figure's own phrase belongs to the next one
        ("Ghalibaf had 3.3 million votes, and former minister Ali 206,000.", "3.3 million", "count", set()),
        ("The grant follows $2 million given earlier.", "$2 million", "money", {"previous"}),
    ],
)
def test_facets_scope_words(sentence, surface, kind, scope):
    assert facets(sentence, surface, kind).scope == frozenset(scope)


@pytest.mark.parametrize(
    ("sentence", "surface", "grain", "as_of"),
    [
        ("Revenue in the second quarter was $5.5 billion.", "$5.5 billion", "quarter:2", ""),
        ("Q4 revenue came to $6.1 billion.", "$6.1 billion", "quarter:4", ""),
        ("Quarterly revenue was $5.5 billion.", "$5.5 billion", "quarter", ""),
        ("First-half profit was $800 million.", "$800 million", "half:1", ""),
        ("Full-year revenue was $21 billion.", "$21 billion", "year", ""),
        ("The death toll rose to 3,412 as of Tuesday.", "3,412", "", "tuesday"),
        ("Officials said 1,870 people had died as of 14 May.", "1,870", "", "14 may"),
        ("The company employs 5,000 people.", "5,000", "", ""),
        ("Harbour traffic fell 2.1% mom and rose 0.4% y/y.", "2.1%", "on:month", ""),
        ("Harbour traffic fell 2.1% mom and rose 0.4% y/y.", "0.4%", "on:year", ""),
        ("Harbour traffic dipped 0.3% q/q.", "0.3%", "on:quarter", ""),
        ("The mom and baby clinic served 5,000 people.", "5,000", "", ""),
    ],
)
def test_facets_grain_and_as_of_date(sentence, surface, grain, as_of):
    found = facets(sentence, surface, "count")
    assert (found.grain, found.as_of) == (grain, as_of)


@pytest.mark.parametrize(
    ("sentence", "surface", "kind", "classes"),
    [
        ("The yard will build six 80-metre patrol ships.", "six", "count", {"80 m"}),
        ("It runs four 30m-class cutters and two 60m-class cutters.", "four", "count", {"30 m"}),
        ("It runs four 30m-class cutters and two 60m-class cutters.", "two", "count", {"60 m"}),
        ("The 80-metre ships carry helicopters.", "80-metre", "measure", {"80 m"}),
        ("The bridge is 1,200 metres long.", "1,200 metres", "measure", set()),
        ("Costs rose to $5m last year.", "$5m", "money", set()),
    ],
)
def test_facets_class_words(sentence, surface, kind, classes):
    assert facets(sentence, surface, kind).classes == frozenset(classes)


@pytest.mark.parametrize(
    ("a", "b", "conflicts"),
    [
        (Facets(role="change"), Facets(), ("role",)),
        (Facets(stage="proposed"), Facets(stage="approved"), ("stage",)),
        (Facets(stage="proposed"), Facets(), ()),
        (Facets(scope=frozenset({"previous"})), Facets(), ("scope",)),
        (Facets(scope=frozenset({"new"})), Facets(), ()),
        (Facets(grain="quarter"), Facets(grain="year"), ("grain",)),
        (Facets(grain="quarter:3"), Facets(grain="quarter:4"), ("grain",)),  # two quarters of one year
        (Facets(grain="quarter:3"), Facets(grain="quarter"), ()),
        (Facets(as_of="sunday"), Facets(as_of="tuesday"), ("as_of",)),
        (Facets(classes=frozenset({"44 m"})), Facets(classes=frozenset({"97 m"})), ("classes",)),
        (Facets(classes=frozenset({"44 m"})), Facets(), ()),
        (Facets(role="target"), Facets(), ()),  # "the capex target of X" is often the budgeted level
        (Facets(role="target"), Facets(role="change"), ("role",)),
        (Facets(scope=frozenset({"cumulative"})), Facets(), ()),
        (Facets(scope=frozenset({"cumulative"})), Facets(scope=frozenset({"per_year"})), ("scope",)),
        (Facets(scope=frozenset({"per_day"})), Facets(scope=frozenset({"per_year"})), ("scope",)),
        (Facets(role="base"), Facets(), ()),  # a base is the level of an earlier time: the periods decide
        (Facets(role="base"), Facets(role="change"), ("role",)),
    ],
)
def test_facets_conflict_only_on_positive_evidence(a, b, conflicts):
    assert facet_conflicts(a, b) == conflicts


@pytest.mark.parametrize(
    ("title", "stage"),
    [
        ("Results live: the Unity Front leads in 210 seats as counting continues", "provisional"),
        ("Vote shares of the main parties so far", "provisional"),
        ("Commission declares all results; Unity Front wins 214", "final"),
        ("Harbour budget: what changes for fishermen", ""),
        ("Landslide death toll hits 64 as rescuers reach cut-off villages", "provisional"),
        ("Quake toll climbs past 1,100 in mountain provinces", "provisional"),
        ("Storm hits the coast: what we know", ""),
        ("GDP first estimate, Ruritania: July to September 2025", "provisional"),
        ("GDP second estimate, Ruritania: July to September 2025", "revised"),
        ("Exit poll: Green Union ahead in Ruritania's election", "poll"),
        ("Ruritania election: official results", "final"),
        ("Green Union wins, defying the exit polls", ""),  # a result set against the polls
    ],
)
def test_facets_document_stage_from_its_title(title, stage):
    assert document_stage(title) == stage


@pytest.mark.parametrize(
    ("title", "text", "as_of"),
    [
        ("Turnout at 48% by 3 p.m.", "Polling closes at 6 pm.", "3 pm"),
        ("Vote shares", "The Unity Front had 41.2% of the votes as of 11.30 pm on Tuesday.", "11.30 pm"),
        ("Budget", "Receipts as of March were up.", ""),
    ],
)
def test_facets_document_as_of_is_a_clock_time(title, text, as_of):
    assert document_as_of(title, text) == as_of


def test_facets_missing_on_one_side_is_a_gap():
    assert facet_gaps(Facets(stage="forecast", grain="year"), Facets()) == ("stage", "grain")
    assert facet_gaps(Facets(role="share"), Facets()) == ("role",)


def test_facets_encode_round_trip():
    value = Facets(
        role="base",
        stage="revised",
        scope=frozenset({"per_year"}),
        grain="quarter",
        as_of="31 march",
        classes=frozenset({"97 m"}),
    )
    assert Facets.decode(value.encode()) == value


@pytest.mark.parametrize(
    ("sentence", "surface", "stage"),
    [
        (
            "- GAAP operating margin expected at 31.5%, plus or minus 50 basis points.",
            "31.5%",
            "forecast+gaap",
        ),
        ("- Non-GAAP operating margin expected at 33.0%.", "33.0%", "forecast+adjusted"),
        ("Adjusted earnings came to $1.20 a share.", "$1.20", "adjusted"),
        ("The council proposed a budget of $5 million.", "$5 million", "proposed"),
    ],
)
def test_facets_stage_names_time_and_accounting_basis(sentence, surface, stage):
    start = sentence.index(surface)
    kind = "percent" if surface.endswith("%") else "money"
    assert claim_facets(sentence, start, start + len(surface), kind=kind).stage == stage


@pytest.mark.parametrize(
    ("sentence", "surface", "step"),
    [
        ("A turnout of 61.2% was recorded in phase-4 for 96 seats.", "61.2%", "phase:4"),
        ("Turnout was 61% in phase 6 and 58% in phase 7.", "58%", "phase:7"),
        ("Overall, a turnout of 64.1% was recorded.", "64.1%", "step:all"),
        ("Across all seven phases 642 million people voted.", "642 million", "step:all"),
        ("A turnout of 64.1% was recorded.", "64.1%", None),
    ],
)
def test_facets_step_of_a_phase_or_the_whole(sentence, surface, step):
    start = sentence.index(surface)
    kind = "percent" if surface.endswith("%") else "count"
    classes = claim_facets(sentence, start, start + len(surface), kind=kind).classes
    assert {c for c in classes if c.split(":")[0] in {"phase", "step"}} == ({step} if step else set())


@pytest.mark.parametrize(
    ("sentence", "stage"),
    [
        ("With 21.4 per cent of the ballots counted, the Unity Front has 44.1 per cent.", "provisional"),
        ("With 312 of 400 constituencies declared, the Green League holds 38%.", "provisional"),
        ("With 40% of polling stations in, turnout stood at 61%.", "provisional"),
        ("With almost every ballot counted, the Unity Front has 41.9 per cent.", "provisional"),
        ("As counting went on, the League had 28 per cent.", "provisional"),
        ("Partial results give the League 28 per cent.", "provisional"),
        ("With all votes counted, the Unity Front won 41.7 per cent.", "final"),
        ("With 100% of votes counted, the League took 29.2%.", "final"),
        ("The League won 40% of the seats in the assembly.", ""),  # seats in a body: no count under way
        ("Turnout was 61% of the 4.2 million registered voters.", ""),
    ],
)
def test_facets_count_stage_from_how_far_the_count_has_gone(sentence, stage):
    assert count_stage(sentence) == stage


@pytest.mark.parametrize(
    ("sentence", "surface", "kind", "stage"),
    [
        (
            "With 21.4 per cent of the ballots counted, the Unity Front has 44.1 per cent.",
            "44.1 per cent",
            "percent",
            "provisional",
        ),
        ("With all votes counted, the Unity Front won 41.7 per cent.", "41.7 per cent", "percent", "final"),
        ("The flood death toll rose to 1,204 on Sunday.", "1,204", "count", "provisional"),
        ("The number of people displaced has passed 30,000.", "30,000", "count", "provisional"),
        ("Prize money rises to 12 million pounds this year.", "12 million pounds", "money", ""),
        ("The flood killed 1,204 people in 2021.", "1,204", "count", ""),
        ("Officials said the quake's toll nears 2,500 as rescuers dig.", "2,500", "count", "provisional"),
        # a stage named next to the figure wins over the sentence's count
        (
            "With 21.4 per cent of ballots counted, the forecast share is 44 per cent.",
            "44 per cent",
            "percent",
            "forecast",
        ),
    ],
)
def test_facets_stage_of_a_running_count(sentence, surface, kind, stage):
    assert facets(sentence, surface, kind).stage == stage


@pytest.mark.parametrize(
    ("title", "lead", "stage"),
    [
        (
            "Unity Front short of a majority",
            "With nearly every vote counted, the Unity Front has 41.9%.",
            "provisional",
        ),
        ("What happens next", "With every ballot counted, the Unity Front has won 41.7 per cent.", "final"),
        ("Harbour budget: what changes", "The harbour budget is 12 million pounds.", ""),
        ("Harbour vote: Unity Front heading for a coalition", "", "provisional"),
        ("Harbour vote results", "…64.1% of voting districts in…\n\nThe Unity Front leads.", "provisional"),
    ],
)
def test_facets_document_stage_from_its_opening_paragraph(title, lead, stage):
    assert document_stage(title, lead) == stage


@pytest.mark.parametrize(
    ("sentence", "surface", "item"),
    [
        (
            "Winners and finalists will get £3.1 million and £1.6 million respectively.",
            "£3.1 million",
            "winners",
        ),
        (
            "Winners and finalists will get £3.1 million and £1.6 million respectively.",
            "£1.6 million",
            "finalists",
        ),
        (
            "Basic and overtime pay rose by 2.3 percent and 0.6 percent, respectively.",
            "0.6 percent",
            "overtime pay",
        ),
        (
            "Aid of 9,000 and 21,000 pesos goes to damaged and destroyed homes, respectively.",
            "9,000",
            "damaged",
        ),
        # a list of names is read as owners, not items; a list of another length gives nothing
        ("Kanto and Brill got 31% and 12% respectively.", "12%", ""),
        ("Rent and fuel rose 3%, 5% and 2% respectively.", "5%", ""),
        ("Rents rose 3% and fuel 5% in the year.", "5%", ""),
        # a word that sets the figure against another names no item of a list
        ("EPS was $5.16 and sales $22.1 billion, against the $4.64 brokers expected.", "$4.64", ""),
    ],
)
def test_facets_item_of_a_respectively_list(sentence, surface, item):
    assert facets(sentence, surface).item == item


def test_facets_year_ago_quarter_is_a_quarter_with_no_yearly_rate():
    # "a year earlier" cut off at the window's edge once read "a year" as a rate per year
    sentence = "Sales were $7.5 billion, against $7.2 billion in the same quarter a year earlier."
    base = facets(sentence, "$7.2 billion")
    assert "per_year" not in base.scope
    assert base.grain.startswith("quarter")
    level = facets("In the year-ago quarter revenue was $7.74 billion.", "$7.74 billion")
    assert level.grain == "quarter"
    # a true rate per year is still read
    assert "per_year" in facets("The levy brings in $2 billion a year.", "$2 billion").scope


def test_facets_new_opening_a_name_is_no_scope_cue():
    assert "new" not in facets("The final count gives New Harbour 146 seats.", "146", "count").scope
    assert "new" in facets("The city gave a new $5 million grant.", "$5 million").scope


@pytest.mark.parametrize(
    ("a", "b", "kinds"),
    [
        # a quarter's fall measured on the year before against the same quarter's fall: one quantity
        (
            ("The quarter closed with a year-on-year fall of roughly 73.4% in profit.", "73.4%", "percent"),
            ("Its net profit in the last quarter of the year dropped by 73%.", "73%", "percent"),
            (),
        ),
        # a change on the quarter before against one on the year before: two quantities
        (
            ("Exports rose 1.2% quarter-on-quarter in the third quarter.", "1.2%", "percent"),
            ("Exports rose 4.1% year-on-year in the third quarter.", "4.1%", "percent"),
            ("grain",),
        ),
        # the hour a count is read at, written before its noun, is its as-of reading ("6pm" is "6 pm")
        (
            ("The ministry's figures put 6pm turnout at 53.9 per cent.", "53.9 per cent", "percent"),
            ("By 6 pm 53% had voted.", "53%", "percent"),
            (),
        ),
        (
            ("The ministry's figures put 2pm turnout at 37.9 per cent.", "37.9 per cent", "percent"),
            ("By 6 pm 53% had voted.", "53%", "percent"),
            ("as_of",),
        ),
        # a call made earlier this week is dated, not an earlier tranche
        (
            (
                "The agencies made a joint call earlier this week for $160 million of aid.",
                "$160 million",
                "money",
            ),
            ("An appeal for $160 million was launched on Tuesday.", "$160 million", "money"),
            (),
        ),
        # "26 more deaths" and "another 57 deaths" are both more of a running count
        (
            ("Another 57 deaths have been reported from the floods.", "57", "count"),
            ("26 more deaths took the flood toll to 1,290.", "26", "count"),
            (),
        ),
        # earnings per share after a profit is that profit per share, not its conversion
        (
            ("It booked a profit of $14.7 billion ($9.97 per diluted share).", "$9.97", "money"),
            ("Diluted earnings per share were $0.97 in the quarter.", "$0.97", "money"),
            (),
        ),
        # a change noun right after the figure makes it a change ("the 30% slide"), as "down 29%" is
        (
            (
                "The full year's 30-per-cent slide in adjusted earnings followed a record.",
                "30-per-cent",
                "percent",
            ),
            ("Adjusted earnings for the year were down 29% on the year before.", "29%", "percent"),
            (),
        ),
        # an earlier record named with its year is dated by it: the periods set it apart, not a scope
        (
            ("The previous record turnout of 62.5% was set on June 4, 1989.", "62.5%", "percent"),
            ("The highest turnout before was 62.7% in 1989.", "62.7%", "percent"),
            (),
        ),
    ],
)
def test_facets_pairs_read_as_one_quantity_or_two(a, b, kinds):
    assert facet_conflicts(facets(*a), facets(*b)) == kinds
