"""Who a figure belongs to (claims.context.owners), on sentences written here."""

from __future__ import annotations

import pytest

from claims.context.owners import (
    clause_parties,
    figure_clause,
    led_aliases,
    owner_key,
    owner_of,
    owners_agree,
)


def owner(sentence: str, surface: str, *, fallback: str = "", nth: int = 0) -> tuple[str, str]:
    start = -1
    for _ in range(nth + 1):
        start = sentence.index(surface, start + 1)
    found = owner_of(sentence, start, start + len(surface), fallback=fallback)
    return found.name, found.source


@pytest.mark.parametrize(
    ("sentence", "surface", "expected"),
    [
        # two parties in one sentence: each figure belongs to the subject of its own clause
        (
            "The Green Union won 118 seats while the opposition Liberty bloc took 97 seats.",
            "118",
            ("Green Union", "clause_subject"),
        ),
        (
            "The Green Union won 118 seats while the opposition Liberty bloc took 97 seats.",
            "97",
            ("Liberty", "clause_subject"),
        ),
        # "New" opens a name
        ("The count gives New Harbour 2,407,860 votes.", "2,407,860", ("New Harbour", "clause_subject")),
        # each item of a list of results belongs to its own clause's subject, its chained figure too
        (
            "Orchard Phone sales grew 6% to $46.2 billion, Orchard Tablet rose 2% to $7.7 billion, and "
            "Orchard Watch fell 3% to $9 billion.",
            "$9 billion",
            ("Orchard Watch", "clause_subject"),
        ),
        (
            "Harbourtown's port budget of $310 million was approved.",
            "$310 million",
            ("Harbourtown", "possessor"),
        ),
        ("The flood toll in Rivermouth climbed to 1,204.", "1,204", ("Rivermouth", "attachment")),
        ("A loan of $45 million went to Kiribati.", "$45 million", ("Kiribati", "attachment")),
        ("The Red Cross recorded 880 deaths in the valley.", "880", ("Red Cross", "reporter")),
        (
            "Northland: 61.5 per cent (up from 44.2 per cent at noon)",
            "44.2 per cent",
            ("Northland", "row_label"),
        ),
        (
            "Grants went to Samoa ($12 million) and Tuvalu ($9 million).",
            "$9 million",
            ("Tuvalu", "list_item"),
        ),
        # a list of figures closed by "respectively": the k-th name of a list of as many
        (
            "Her rivals Mara Keto and Jon Ulvi won about 31% and 12% respectively.",
            "12%",
            ("Jon Ulvi", "respectively"),
        ),
        (
            "The Green Union and the Liberty bloc took 118 and 97 seats, respectively.",
            "118",
            ("Green Union", "respectively"),
        ),
        ("Clubs won 16 and 12 seats in Valdor and Mirren, respectively.", "12", ("Mirren", "respectively")),
        # a name joined to a prefix is part of a modifier ("pro-EU", "anti-NATO"), not the party
        (
            "The liberal, pro-EU Freedom Union took 23.5% of the vote.",
            "23.5%",
            ("Freedom Union", "clause_subject"),
        ),
        ("An anti-NATO bloc, the Dawn Party, polled 6%.", "6%", ("Dawn Party", "clause_subject")),
        # a relative clause closed before the figure: the subject is the name before it
        (
            "The Farmers Party, who refused any deal with the Liberty bloc, have won 41 seats.",
            "41",
            ("Farmers Party", "clause_subject"),
        ),
        # a candidate owns the share of the vote
        (
            "The centrist candidate Ilse Varga won the Ruritanian presidency with 55.1% of the vote.",
            "55.1%",
            ("Ilse Varga", "clause_subject"),
        ),
    ],
)
def test_owners_owner_from_the_figures_own_clause(sentence, surface, expected):
    assert owner(sentence, surface) == expected


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("Deaths rose to 1,204, according to the Red Cross.", "1,204"),  # a source only reports the figure
        ("Finance Minister Ana Lopes set aside $2 billion for schools.", "$2 billion"),  # a person
        ("Diluted EPS in FY24 was $1.10.", "$1.10"),  # a measure and a time are no parties
        ("Sales grew 4.1 percent to USD12.6 billion.", "4.1 percent"),  # a figure after its currency code
        ("Outlays rose 7 percent to Rs9.1 trillion.", "7 percent"),
        ("The EU-funded scheme cost 40 million euros.", "40 million euros"),  # a modifier, not the EU
        ("A Lisbon-based fund raised 9 million euros.", "9 million euros"),
        # a possessive in the verb's object does not own the figure
        ("Voters gave Ruritania's presidency to the incumbent with 55.1%.", "55.1%"),
    ],
)
def test_owners_sources_persons_and_measures_are_never_owners(sentence, surface):
    assert owner(sentence, surface, fallback="Acme") == ("Acme", "document")


def test_owners_document_party_when_the_clause_names_none():
    assert owner("Tax receipts stood at $3.1 billion.", "$3.1 billion", fallback="Ruritania") == (
        "Ruritania",
        "document",
    )
    assert owner("Tax receipts stood at $3.1 billion.", "$3.1 billion") == ("", "")


@pytest.mark.parametrize(
    ("sentence", "surface", "clause"),
    [
        (
            "Exports rose to $4 billion, and imports fell to $3 billion.",
            "$3 billion",
            " imports fell to $3 billion.",
        ),
        ("Aid reached $8 million (about €7 million) last year.", "€7 million", "about €7 million"),
        (
            "It gave $5 million to Fiji, $3 million to Tonga in 2023.",
            "$3 million",
            " $3 million to Tonga in 2023.",
        ),
        # a figure chained to the one before it ("rose 2% to $7.7 billion") shares that one's list item
        (
            "Phones grew 6% to $46.2 billion, Tablets rose 2% to $7.7 billion, and Watches fell 3% to $9 bn.",
            "$7.7 billion",
            " Tablets rose 2% to $7.7 billion",
        ),
        (
            "Phones grew 6% to $46.2 billion, Tablets rose 2% to $7.7 billion, and Watches fell 3% to $9 bn.",
            "$9 bn",
            " Watches fell 3% to $9 bn.",
        ),
        # an item without a verb of its own is no clause: the sentence's subject still holds it
        (
            "Harbourtown reported revenue of $5 billion, up 3% from $4.85 billion.",
            "$4.85 billion",
            "Harbourtown reported revenue of $5 billion, up 3% from $4.85 billion.",
        ),
    ],
)
def test_owners_figure_clause_stops_at_clause_breaks_and_list_items(sentence, surface, clause):
    start = sentence.index(surface)
    a, b = figure_clause(sentence, start, start + len(surface))
    assert sentence[a:b] == clause


def test_owners_clause_parties_leave_out_the_other_clauses_parties():
    sentence = "The Liberty bloc won 97 seats, with the Farmers Party taking 12 in Eastshire."
    start = sentence.index("97")
    assert clause_parties(sentence, start, start + 2) == ["Liberty"]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("the Farmers Party", "farmers"),
        ("opposition Liberty alliance", "liberty"),
        ("opposition LIBERTY alliance", "LIBERTY"),
        ("Progressive Labour Alliance (PLA)", "PLA"),
        ("UN", "united nations"),
        ("Tokyo", "japan"),
        ("Order and Unity (OrU)", "ORU"),  # a mixed-case acronym keys the same with or without its name
        ("OrU", "ORU"),
    ],
)
def test_owners_key_folds_articles_class_words_acronyms_and_aliases(name, key):
    assert owner_key(name) == key


def test_owners_key_folds_corpus_acronyms_and_led_alliances():
    sentences = ["The Greens-led Progressive Labour Alliance (PLA) formed a government."]
    aliases = {"progressive labour alliance": "pla"}
    assert owner_key("Progressive Labour Alliance", aliases) == "PLA"
    assert led_aliases(sentences, aliases) == {"greens-led alliance": "PLA"}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("karimzadeh", "qarimzadeh", True),  # two transliterations of one name
        ("amir hossein karimzadeh", "amir hosein karimzadeh", True),
        ("karimzadeh", "karimi", False),
        ("slovenia", "slovakia", False),  # countries name themselves only
        ("social democrats", "liberal democrats", False),
        ("PLA", "PLB", False),
    ],
)
def test_owners_agree_on_spellings_of_one_name_only(a, b, same):
    assert owners_agree(a, b) is same


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("HL", "harbour league", True),  # a results table's abbreviation row and the party named in prose
        ("URP", "united reform", True),  # "party" dropped by owner_key, kept in the acronym
        ("HLA", "harbour league", True),  # "alliance" likewise
        ("HR", "harbour league", False),  # other initials
        ("HLC", "harbour league", False),  # a last letter that is no dropped party or alliance
        ("HL", "harbour", False),  # one word is no name of initials
    ],
)
def test_owners_agree_when_an_acronym_spells_the_name(a, b, same):
    assert owners_agree(a, b) is same
    assert owners_agree(b, a) is same
