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
