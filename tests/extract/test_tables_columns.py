"""A table whose columns are parties (an election infobox): each cell's owner is its column's party."""

from __future__ import annotations

import hashlib

import pytest

from claims.extract import extract_claims
from claims.settings import Settings
from claims.types import Document

INFOBOX = (
    "Harbour general election, May 2025\n\n"
    "\tLargest party\tRunner-up\n"
    "Led by\tAnn Berg\tJo Lund\n"
    "Party\tUnity Front\tGreen League\n"
    "Seats won\t146\t71\n"
    "Votes\t2,407,750\t1,184,621\n"
)


@pytest.mark.model
def test_tables_columns_name_the_party_of_each_cell(nlp) -> None:
    document = Document(doc="box.txt", text=INFOBOX, sha256=hashlib.sha256(INFOBOX.encode()).hexdigest())
    owners = {
        c.surface: c.facets.split("owner=")[1].split(";")[0]
        for c in extract_claims(document, nlp, Settings())
    }
    # the party's own row, not its leader's, and each column its own
    assert owners["146"] == owners["2,407,750"] == "Unity Front"
    assert owners["71"] == owners["1,184,621"] == "Green League"


@pytest.mark.model
def test_tables_rows_labelled_by_a_plural_noun_count_it(nlp) -> None:
    # "Votes | 2,407,750 | ..." are votes (as "2,407,860 votes" in prose is), "Seats won" is no plural noun
    # and "Vote share" a share: those rows keep their reading; the prose figure after a party's name counts
    text = INFOBOX + "Vote share\t40.79%\t20.07%\n\nThe final count gives the Unity Front 2,407,860 votes.\n"
    document = Document(doc="box.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    found = {c.surface: c for c in extract_claims(document, nlp, Settings())}
    for surface in ("2,407,750", "1,184,621", "2,407,860"):
        assert (found[surface].kind.value, found[surface].unit) == ("count", "count")
        assert found[surface].subject == "votes"
    assert found["40.79%"].kind.value == "percent"
    assert found["146"].subject != "votes"
