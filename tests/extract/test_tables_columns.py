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


RESULTS = (
    "Harbourline reports its first-quarter 2025 results\n\n"
    "Revenue for the first quarter was $9.6 billion.\n\n"
    "Highlights, Q1 2025 (this quarter, the year-ago quarter and the change)\n"
    "Revenue ($B)\t$9.6\t$8.2\tup 17%\n"
    "Gross margin\t41.5%\t44.0%\tdown 2.5 ppts\n"
    "Staff\t12,400\t12,900\t(4)%\n"
)


@pytest.mark.model
def test_tables_a_change_column_marks_the_figure_it_is_measured_from(nlp) -> None:
    # the cell before a stated change that the change is measured from is the earlier figure (a base),
    # the change cell a change; the caption's own quarter dates the table, its year-ago quarter a column's
    document = Document(doc="q1.txt", text=RESULTS, sha256=hashlib.sha256(RESULTS.encode()).hexdigest())
    found = {c.surface: c for c in extract_claims(document, nlp, Settings())}

    def role(surface: str) -> str:
        return found[surface].facets.split("role=")[1].split(";")[0]

    assert [role(s) for s in ("$9.6", "$8.2", "17%")] == ["level", "base", "change"]
    assert [role(s) for s in ("41.5%", "44.0%")] == ["level", "base"]
    assert [role(s) for s in ("12,400", "12,900")] == ["level", "base"]
    assert {found[s].period_detail for s in ("$9.6", "$8.2", "41.5%")} == {"2025-Q1"}
    assert found["$9.6 billion"].period_detail == "2025-Q1"  # "first-quarter 2025" in the title
