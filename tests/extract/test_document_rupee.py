"""A bare "Rs" or "rupees" is the document's own rupee: in a page about Pakistan, Sri Lanka or Nepal it is
that country's rupee, unless the page names India as much; "₹", "INR" and "Indian rupees" stay Indian. Every
sentence here is written for these tests."""

from __future__ import annotations

import pytest
from factories import money_by_surface, titled_document

from claims.extract import extract_claims
from claims.extract.rupees import home_rupee
from claims.settings import Settings
from claims.types import Document

PAKISTAN = (
    "Pakistan unveils Rs18.9tr budget",
    "ISLAMABAD - Pakistan's finance minister presented a budget with an outlay of Rs18.9 trillion on "
    "Wednesday. The government expects non-tax revenue of 4,845 billion rupees.",
)


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        pytest.param(*PAKISTAN, "PKR", id="pakistan"),
        pytest.param(
            "Sri Lanka's budget",
            "COLOMBO - Sri Lanka will spend Rs 4,127 billion, the government said.",
            "LKR",
            id="sri-lanka",
        ),
        pytest.param(
            "Union Budget 2024",
            "India's finance minister set aside Rs 6.2 lakh crore for defence in New Delhi.",
            "",
            id="india",
        ),
        pytest.param(
            "Trade across the border",
            "Pakistan and India traded Rs 2 billion of goods; India and Pakistan plan more.",
            "",
            id="both-named-as-often",
        ),
    ],
)
def test_home_rupee_reads_the_documents_country(title: str, text: str, expected: str) -> None:
    assert home_rupee(title, text) == expected


def _page(title: str, text: str) -> Document:
    return titled_document(title, f"{title}\n\n{text}")


@pytest.mark.model
def test_extract_claims_reads_bare_rupees_as_the_documents_rupee(nlp) -> None:
    money = money_by_surface(extract_claims(_page(*PAKISTAN), nlp, Settings()))
    assert money["Rs18.9 trillion"].unit == "PKR"
    assert money["4,845 billion rupees"].unit == "PKR"
    assert all("currency_from_document" in c.flags for c in money.values())


@pytest.mark.model
def test_extract_claims_keeps_the_indian_rupee_sign(nlp) -> None:
    title = "Pakistan and the region"
    text = "Pakistan's budget is Rs 18 trillion. Pakistan's neighbour spends ₹48 lakh crore."
    money = money_by_surface(extract_claims(_page(title, text), nlp, Settings()))
    assert money["₹48 lakh crore"].unit == "INR"
    assert money["Rs 18 trillion"].unit == "PKR"
