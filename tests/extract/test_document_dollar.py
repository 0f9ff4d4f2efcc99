"""A bare "$" is the document's own dollar: in a page about Canada, Australia, New Zealand ... it is that
country's dollar, unless the page tells dollars apart, names the United States as much, is wire copy, or
names the country too weakly. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest
from factories import money_by_surface, titled_document

from claims.extract import extract_claims
from claims.extract.dollars import home_dollar
from claims.parse.money import is_bare_dollar
from claims.settings import Settings

CANADA = (
    "Ottawa unveils a budget with $61-billion in new spending",
    "OTTAWA - The federal government will run a deficit of $41.2 billion this year, the Finance Minister "
    "told the House of Commons on Tuesday, as Canadians face higher rents.\n\n"
    "The plan sets aside $9 billion for housing in Ontario and British Columbia.",
)


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        pytest.param(*CANADA, "CAD", id="canada-capital-demonym-provinces"),
        pytest.param(
            "Australia's budget returns to the red",
            "Australians will get a $275 power bill rebate as the budget swings to a $26 billion deficit.\n\n"
            "Canberra expects the deficit to narrow by 2027.",
            "AUD",
            id="australia-title-and-lead",
        ),
        pytest.param(
            "New Zealand election: what the parties promise",
            "New Zealanders vote on Saturday. Labour promises $2.1 billion for hospitals across New Zealand.",
            "NZD",
            id="new-zealand",
        ),
        pytest.param(
            "Singapore Budget 2025: key measures",
            "Every Singaporean household will receive $800 in vouchers, Singapore's finance minister said.",
            "SGD",
            id="singapore",
        ),
        pytest.param(
            "Budget 2025: the key numbers",
            "The treasurer announced a $12 billion surplus and a $300 rebate for every household.",
            "",
            id="no-country-named",
        ),
        pytest.param(
            "Budget surplus revised up",
            "Australia's surplus has been revised up to $19.4bn, the treasurer said on Friday.",
            "",
            id="one-mention-is-weak",
        ),
        pytest.param(
            "Canada's deficit widens",
            "OTTAWA - Canada's deficit reached C$48 billion, above the $40 billion the Canadian government "
            "had promised.",
            "",
            id="writes-c-dollar",
        ),
        pytest.param(
            "Canada's exports",
            "Canadian exporters sold $61 billion of lumber, or about US $45 billion, the Canadian "
            "industry group said in Ottawa.",
            "",
            id="writes-us-dollar-apart",
        ),
        pytest.param(
            "Australia's surplus",
            "Australia posts a surplus of 9.1 billion Australian dollars. "
            "Australians cheer the $9.1 billion.",
            "",
            id="names-the-australian-dollar",
        ),
        pytest.param(
            "Canada's budget deficit",
            "OTTAWA (Reuters) - Canada will run a $40 billion deficit, Canadian officials said.",
            "",
            id="wire-copy",
        ),
        pytest.param(
            "U.S. tariffs on Canadian steel",
            "WASHINGTON - The United States will tax $30 billion of Canadian steel, U.S. officials said, "
            "and Canada vowed to respond.",
            "",
            id="united-states-as-prominent",
        ),
        pytest.param(
            "Trade across the Tasman",
            "Australia and New Zealand signed a $3 billion deal. "
            "Australian and New Zealand firms welcomed it.",
            "",
            id="two-dollar-countries",
        ),
        pytest.param(
            "Japan's aid to the Pacific",
            "Japan will give $20 million to Fiji and Fiji's neighbours. Japan said Japan's aid would grow, "
            "and Japanese officials visited Fiji.",
            "",
            id="another-country-first",
        ),
        pytest.param(
            "Taiwan Semiconductor profit jumps",
            "Taiwan Semiconductor Manufacturing said profit rose to $10 billion on demand for AI chips.",
            "",
            id="country-word-inside-a-name",
        ),
    ],
)
def test_home_dollar_reads_the_documents_country(title: str, text: str, expected: str) -> None:
    assert home_dollar(title, text) == expected


@pytest.mark.parametrize(
    ("surface", "bare"),
    [
        ("$53-billion", True),
        ("$39.8 billion", True),
        ("$30-34.6 million", True),
        ("C$53 billion", False),
        ("US$1.2bn", False),
        ("$US5m", False),
        ("$A9.3 billion", False),
        ("HK $5.4m", False),
        ("53 billion dollars", False),
    ],
)
def test_is_bare_dollar_only_without_a_country_mark(surface: str, bare: bool) -> None:
    assert is_bare_dollar(surface) is bare


@pytest.mark.model
@pytest.mark.parametrize(
    ("title", "text", "unit", "flagged"),
    [
        pytest.param(*CANADA, "CAD", True, id="canadian-page"),
        pytest.param(
            "Washington passes a budget",
            "WASHINGTON - Congress approved $41.2 billion for the Pentagon, U.S. officials said on Tuesday, "
            "and $9 billion for housing in California and New York.",
            "USD",
            False,
            id="american-page",
        ),
        pytest.param(
            "Ottawa unveils a budget",
            "OTTAWA - The federal government will run a deficit of $41.2 billion (US$30 billion) this year, "
            "as Canadians face higher rents. It sets aside $9 billion for housing in Ontario.",
            "USD",
            False,
            id="canadian-page-that-tells-dollars-apart",
        ),
    ],
)
def test_extract_claims_reads_bare_dollar_as_home_dollar(nlp, title, text, unit, flagged) -> None:
    money = money_by_surface(extract_claims(titled_document(title, text), nlp, Settings()))
    for surface in ("$41.2 billion", "$9 billion"):
        claim = money[surface]
        assert claim.unit == unit
        assert ("currency_from_document" in claim.flags) is flagged


@pytest.mark.model
@pytest.mark.parametrize(
    ("title", "text"),
    [
        pytest.param(
            "Canada's budget",
            "OTTAWA - Canada's deficit reached C$48 billion. Canadians pay $5 billion more in interest.",
            id="marked-dollar-kept",
        ),
    ],
)
def test_extract_claims_leaves_marked_dollars_alone(nlp, title, text) -> None:
    money = money_by_surface(extract_claims(titled_document(title, text), nlp, Settings()))
    assert money["C$48 billion"].unit == "CAD"
    assert all("currency_from_document" not in c.flags for c in money.values())
