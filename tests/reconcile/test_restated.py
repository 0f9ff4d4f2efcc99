"""A sentence restated in two documents: figures pair by role, other years are another period."""

from __future__ import annotations

import pytest
from factories import claim

from claims.reconcile import find_conflicts
from claims.reconcile.restated import masked, restated, same_role, sentence_years
from claims.settings import Settings

FDI = (
    "In 2023, ASEAN attracted US${total} billion in FDI, of which US${intra} billion was intra-ASEAN "
    "investment, according to the ASEAN Investment Report."
)
SURVEY = (
    "Based on the data from ERIA in {year}, digital engagement in SMEs has reached {basic} percent at the "
    "basic level, which includes email and social media usage; {mid} percent at the intermediate level, "
    "which includes websites and e-commerce."
)


def fdi_claims(doc: str, total: str, intra: str, *, start: int = 0):
    sentence = FDI.format(total=total, intra=intra)
    common = dict(doc=doc, sentence=sentence, sentence_start=start, period=2023, entities=("ASEAN",))
    return [
        claim(float(total) * 1e9, surface=f"${total} billion", subject="ASEAN FDI inflows", **common),
        claim(float(intra) * 1e9, surface=f"${intra} billion", subject="ASEAN FDI inflows", **common),
    ]


def survey_claims(doc: str, year: int, basic: int, mid: int):
    sentence = SURVEY.format(year=year, basic=basic, mid=mid)
    common = dict(kind="percent", doc=doc, sentence=sentence, subject="digital engagement in SMEs")
    return [
        claim(float(basic), surface=f"{basic} percent", period=year, **common),
        claim(float(mid), surface=f"{mid} percent", **common),  # a later list item: no period of its own
    ]


def pairs(claims):
    by_id = {c.claim_id: c for c in claims}
    found = find_conflicts(claims, Settings())
    return sorted(
        tuple(sorted((by_id[f.claim_a].surface, by_id[f.claim_b].surface))) for f in found if f.claim_b
    )


@pytest.mark.parametrize(
    ("restatement", "expected"),
    [
        (("100.6", "21.3"), []),  # restated word for word: figure 1 vs figure 2 is no finding
        (("100.6", "25.9"), [("$21.3 billion", "$25.9 billion")]),  # figure 2 changed: found, and only it
        (("130.2", "21.3"), [("$100.6 billion", "$130.2 billion")]),  # figure 1 changed: found, and only it
    ],
)
def test_restated_figures_pair_by_role(restatement, expected):
    claims = fdi_claims("report.txt", "100.6", "21.3") + fdi_claims("article.txt", *restatement, start=500)
    assert pairs(claims) == expected


def test_restated_figures_pair_by_role_within_one_document():
    claims = fdi_claims("book.txt", "100.6", "21.3") + fdi_claims("book.txt", "100.6", "25.9", start=9000)
    assert pairs(claims) == [("$21.3 billion", "$25.9 billion")]


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        ((2017, 88, 54), []),  # the survey sentence for another year: another period, even undated items
        ((2016, 38, 23), []),  # the same survey restated
        ((2016, 38, 31), [("23 percent", "31 percent")]),  # same survey, the list's second item changed
    ],
)
def test_restated_survey_list_items_other_year_not_compared(other, expected):
    claims = survey_claims("a.txt", 2016, 38, 23) + survey_claims("b.txt", *other)
    assert pairs(claims) == expected


def test_restated_other_party_still_not_a_finding():
    a = fdi_claims("report.txt", "100.6", "21.3")
    sentence = FDI.replace("ASEAN attracted", "Viet Nam attracted").format(total="40.2", intra="21.3")
    b = [
        claim(
            40.2e9,
            surface="$40.2 billion",
            subject="Viet Nam FDI inflows",
            entities=("Viet Nam",),
            doc="article.txt",
            sentence=sentence,
            period=2023,
        ),
    ]
    assert pairs(a + b) == []


def test_restated_sentence_helpers():
    one = masked(FDI.format(total="100.6", intra="21.3"))
    assert one == masked(FDI.format(total="7", intra="1,234.5"))
    assert restated(one, masked(FDI.format(total="1", intra="2").replace("according to", "per")), 90.0)
    assert not restated(one, masked(SURVEY), 90.0)
    assert sentence_years(SURVEY.format(year=2016, basic=38, mid=23)) == frozenset({2016})
    assert same_role(1, 2, 1, 2, "", "", 80.0)
    assert not same_role(0, 2, 1, 2, "", "", 80.0)
