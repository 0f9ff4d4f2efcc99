"""Normalised rows kept between reconciliations (`RowCache`): the same findings as without them, and a
claim, its window or the corpus's acronyms changing builds its row again."""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pytest
from factories import claim

from claims.lexicon.fx import load_fx_table
from claims.reconcile import ReconcileCache, RowCache, find_conflicts
from claims.reconcile.normalize import ClaimTable, build_table
from claims.reconcile.rules import MatchRules
from claims.reconcile.text import name_tokens
from claims.settings import Settings
from claims.types import ConflictKind

SETTINGS = Settings()
RULES = MatchRules.from_settings(SETTINGS)


def _grant(value: float, doc: str, surface: str, start: int, *, year: int = 2023) -> object:
    return claim(
        value,
        kind="money",
        unit="USD",
        subject="JAIF grant to Vietnam",
        entities=("Japan", "Vietnam", "JAIF"),
        period=year,
        doc=doc,
        surface=surface,
        sentence_start=start,
        sentence=f"In {year}, Japan granted {surface} to Vietnam through the JAIF for coast guard training.",
    )


def _corpus() -> list:
    """Four documents: the same grant stated three times (one a slip), a share, a count."""
    return [
        _grant(5e6, "a.txt", "$5 million", 0),
        _grant(5e6, "b.txt", "$5 million", 40),
        _grant(5e9, "c.txt", "$5 billion", 80),
        claim(
            36.5,
            kind="percent",
            subject="trust in Japan",
            entities=("Japan", "ASEAN"),
            period=2024,
            doc="c.txt",
            surface="36.5 percent",
            sentence_start=300,
            sentence="Japan remained the most trusted partner, with an overall 36.5 percent level of trust.",
        ),
        claim(
            12,
            kind="count",
            counted="patrol vessels",
            subject="patrol vessels for the Philippine Coast Guard",
            entities=("Japan", "Philippines"),
            period=2020,
            doc="d.txt",
            surface="12",
            sentence="Japan provided 12 patrol vessels to the Philippine Coast Guard in 2020.",
        ),
        claim(
            10,
            kind="count",
            counted="patrol vessels",
            subject="patrol vessels for the Philippine Coast Guard",
            entities=("Japan", "Philippines"),
            period=2020,
            doc="b.txt",
            surface="10",
            sentence_start=500,
            sentence="In 2020 Japan handed 10 patrol vessels to the Philippine Coast Guard.",
        ),
    ]


def _columns(table: ClaimTable) -> dict[str, object]:
    """Every column of a table as comparable plain values."""
    out: dict[str, object] = {}
    for field in dataclasses.fields(table):
        value = getattr(table, field.name)
        if isinstance(value, np.ndarray):
            out[field.name] = (
                value.tolist() if value.dtype.kind != "f" else np.nan_to_num(value, nan=-7).tolist()
            )
        elif isinstance(value, dict):
            out[field.name] = value
        else:
            out[field.name] = [value[k] for k in range(len(value))]
    return out


@pytest.mark.parametrize("dropped", ["c.txt", "e.txt"])
def test_reconcile_cache_findings_of_a_grown_store_are_a_rebuilds(dropped):
    claims = [*_corpus(), *_stated_increase("e.txt")]
    plain = find_conflicts(claims, SETTINGS)
    assert {c.kind for c in plain} >= {ConflictKind.MAGNITUDE_MISMATCH, ConflictKind.ARITHMETIC}
    cache = ReconcileCache()
    find_conflicts([c for c in claims if c.doc != dropped], SETTINGS, cache=cache)  # the store before
    grown = find_conflicts(claims, SETTINGS, cache=cache)
    assert grown == plain
    new = sum(c.doc == dropped for c in claims)
    assert (cache.rows.hits, cache.rows.misses, cache.checked) == (len(claims) - new, new, 1)
    assert find_conflicts(claims, SETTINGS, cache=cache) == plain
    assert (cache.rows.hits, cache.rows.misses, cache.checked) == (len(claims), 0, 0)


def _stated_increase(doc: str) -> list:
    """A stated % change its own two figures contradict (an arithmetic finding of one document)."""
    sentence = (
        "The budget rose from 8.1 billion yen in 2020 to 18.1 billion yen in 2023, an increase of over "
        "225 per cent."
    )
    subject = "OSA budget"
    return [
        claim(
            8.1e9,
            kind="money",
            unit="JPY",
            subject=subject,
            period=2020,
            doc=doc,
            surface="8.1 billion yen",
            sentence=sentence,
        ),
        claim(
            18.1e9,
            kind="money",
            unit="JPY",
            subject=subject,
            period=2023,
            doc=doc,
            surface="18.1 billion yen",
            sentence=sentence,
        ),
        claim(
            225,
            kind="percent",
            subject=subject,
            qualifier="over",
            doc=doc,
            surface="225 per cent",
            sentence=sentence,
        ),
    ]


@pytest.mark.parametrize("subject", ["JAIF grant to Laos"])
def test_row_cache_changed_claim_is_normalised_again(subject):
    claims = _corpus()
    rows = RowCache()
    build_table(claims, RULES, load_fx_table(), rows=rows)
    changed = [*claims]
    changed[1] = dataclasses.replace(changed[1], subject=subject)
    cached = build_table(changed, RULES, load_fx_table(), rows=rows)
    assert rows.misses == 1
    assert _columns(cached) == _columns(build_table(changed, RULES, load_fx_table()))
    assert "lao" in cached.subject[1].split()


@pytest.mark.parametrize(
    "definition", ["Japan funds the Japan-ASEAN Integration Fund (JAIF) with 14 partners."]
)
def test_row_cache_new_acronym_builds_every_row_again(definition):
    claims = _corpus()
    rows = RowCache()
    build_table(claims, RULES, load_fx_table(), rows=rows)
    defining = claim(14, kind="count", counted="partners", doc="e.txt", surface="14", sentence=definition)
    grown = [*claims, defining]
    cached = build_table(grown, RULES, load_fx_table(), rows=rows)
    assert rows.misses == len(grown)  # a new acronym may fold any row's words: none is reused
    assert _columns(cached) == _columns(build_table(grown, RULES, load_fx_table()))


def _name_tokens_by_patterns(text: str, aliases: dict[str, str]) -> frozenset[str]:
    """`name_tokens` as first written: every alias's pattern substituted, without the cheap test first."""
    folded = text
    for long_name, acronym in aliases.items():
        pattern = r"[\s\-]+".join(re.escape(w) for w in long_name.split())
        folded = re.sub(pattern, acronym.upper(), folded, flags=re.IGNORECASE)
    return name_tokens(folded)


ALIASES = {"japan asean integration fund": "jaif", "east asia summit": "eas", "asean plus three": "apt"}


@pytest.mark.parametrize(
    "text",
    [
        "budget of the Japan-ASEAN Integration Fund",
        "the JAPAN ASEAN  INTEGRATION-fund and the East Asia Summit",
        "the ASEAN Plus Three and the East Asia \u212aummit",  # a Kelvin sign matches k case-insensitively
        "the \u0130ntegration of the East Asia Summit",
        "Net income of the Tadira Fund",
        "",
    ],
)
def test_name_tokens_skips_only_aliases_that_cannot_match(text):
    assert name_tokens(text, ALIASES) == _name_tokens_by_patterns(text, ALIASES)
