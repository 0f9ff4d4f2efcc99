"""Entity aliases: every alias has one canonical name; implied parties are canonical names too."""

from __future__ import annotations

import pytest

from claims.lexicon.entities import CAPITALS, COUNTRIES, DEMONYMS, IMPLIES, ORGANISATIONS, alias_table


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("PCG", "Philippine Coast Guard"),
        ("JCG", "Japan Coast Guard"),
        ("Official Security Assistance", "OSA"),
        ("ODA", "ODA"),
        ("Japan International Cooperation Agency", "JICA"),
        ("Viet Nam", "Vietnam"),
        ("Lao PDR", "Laos"),
        ("Brunei Darussalam", "Brunei"),
        ("the Philippines", "Philippines"),
        ("Japanese", "Japan"),
        ("Philippine", "Philippines"),
        ("USA", "United States"),
        ("Association of Southeast Asian Nations", "ASEAN"),
        ("Indonesian Coast Guard", "BAKAMLA"),
    ],
)
def test_entities_alias_resolves(alias: str, canonical: str) -> None:
    assert alias_table()[alias] == canonical


def test_entities_aliases_are_unambiguous() -> None:
    seen: dict[str, str] = {}
    for canonical, aliases in [*COUNTRIES.items(), *ORGANISATIONS.items()]:
        for alias in aliases:
            assert seen.setdefault(alias, canonical) == canonical, alias


@pytest.mark.parametrize("name", sorted({n for implied in IMPLIES.values() for n in implied} | set(IMPLIES)))
def test_entities_implied_parties_are_canonical(name: str) -> None:
    assert name in COUNTRIES or name in ORGANISATIONS


@pytest.mark.parametrize("country", sorted(set(DEMONYMS.values()) | set(CAPITALS.values())))
def test_entities_demonyms_and_capitals_point_to_countries(country: str) -> None:
    assert country in COUNTRIES


@pytest.mark.parametrize(
    "member",
    [
        "Brunei",
        "Cambodia",
        "Indonesia",
        "Laos",
        "Malaysia",
        "Myanmar",
        "Philippines",
        "Singapore",
        "Thailand",
        "Vietnam",
    ],
)
def test_entities_asean_members_present(member: str) -> None:
    assert member in COUNTRIES


@pytest.mark.parametrize("alias", ["PCG", "Japanese"])
def test_entities_alias_table_built_once_and_read_only(alias):
    table = alias_table()
    assert alias_table() is table  # the rules ask for it per figure: built once
    with pytest.raises(TypeError):
        table[alias] = "Atlantis"  # type: ignore[index]
    assert table[alias] != "Atlantis"
