"""The party a document is mainly about (the owner of a figure whose own clause names none), read from its
title: a title-case headline's capitalised words are no party unless the text names them too."""

from __future__ import annotations

import pytest

from claims.extract.build import main_party

BODY_TOLL = (
    "Rescuers were still searching villages on Monday. The number of people killed in Herat province rose "
    "to 2,053, officials in Herat said, and more than 1,200 were injured."
)


@pytest.mark.parametrize(
    ("title", "text", "party"),
    [
        # title-case words that are no name give way to the party the lead names
        ("Death Toll Rises Sharply After Quake", BODY_TOLL, "Herat"),
        (
            "BREAKING: Toll Passes 2,000",
            "Officials in Morocco said on Sunday that the toll rose. Morocco mourned.",
            "Morocco",
        ),
        # a descriptor before the name the text uses is left out
        (
            "Tropical Storm Beryl Nears Texas Coast",
            "Power cuts spread as Beryl came ashore near Matagorda.",
            "Beryl",
        ),
        (
            "Reformist Masoud Pezeshkian Wins Runoff",
            "Iran elected Masoud Pezeshkian with 53.7% of the vote.",
            "Masoud Pezeshkian",
        ),
        # an acronym the text uses is a party; a shouted word is not
        (
            "WHO says polio campaign reached 90%",
            "Vaccinators working with WHO reached 560,000 children.",
            "WHO",
        ),
        # an amount is no party; a name with digits is one
        ("N28.7 trillion budget passed", "The House of Representatives passed the budget in Abuja.", ""),
        ("Fighting near Goma as M23 advances", "Rebels of the M23 group took the town.", "M23"),
        # a shouted word is no party even when the headline also carries an acronym
        ("Election results LIVE: BJP ahead", "Counting began at 8am in 543 seats.", ""),
        # a name the text writes inside its sentences stays the party
        ("Nvidia revenue soars as AI demand booms", "Revenue at Nvidia rose 265%.", "Nvidia"),
        # a title opening with a name of several words gives the whole name, not its first word
        ("South Africa's ANC loses majority", "The ANC won 40% of votes in South Africa.", "South Africa"),
        ("Sri Lanka counts votes", "Polls closed across Sri Lanka at 4pm.", "Sri Lanka"),
        ("Hurricane Otis kills 27", "Acapulco was hit as Hurricane Otis made landfall.", "Hurricane Otis"),
        # a title-case common word the text also writes in lower case ends no name; a weekday is no party
        (
            "Chile Earthquake Toll Rises",
            "Rescuers in Chile said the earthquake killed 30.",
            "Chile",
        ),
        ("Monday: toll rises to 45", "Officials in Guerrero said the toll rose on Monday.", ""),
    ],
)
def test_main_party_reads_names_the_text_uses(title: str, text: str, party: str) -> None:
    assert main_party(text, title) == party
