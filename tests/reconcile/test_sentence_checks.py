"""Arithmetic and conversion checks inside one sentence (or table row)."""

from __future__ import annotations

import pytest
from factories import claim

from claims.reconcile import find_conflicts
from claims.settings import Settings
from claims.types import ConflictKind, Severity

SETTINGS = Settings()

OSA = (
    "The programme has expanded rapidly: from an initial budget of approximately 2 billion yen in fiscal "
    "year "
    "(FY) 2023 serving four recipients (Philippines, Malaysia, Bangladesh, and Fiji), to 8.1 billion yen in "
    "FY2025, and a proposed 18.1 billion yen in FY2026 – an increase of {} per cent."
)
TRADE = (
    "Trade between the two regions jumped from $40 billion in 1990 to $120 billion by the year 2000, and "
    "accelerated to an estimated {} the level of the previous decade."
)


def osa_claims(stated: str, value: float, qualifier: str):
    text = OSA.format(stated)
    common = dict(sentence=text, doc="book.txt", chapter="Chapter 4", sentence_start=20_000)
    return [
        claim(
            2e9,
            unit="JPY",
            subject="OSA budget",
            qualifier="approx",
            period=2023,
            fiscal=True,
            surface="2 billion yen",
            **common,
        ),
        claim(4, kind="count", counted="recipients", subject="OSA recipients", surface="four", **common),
        claim(
            8.1e9,
            unit="JPY",
            subject="OSA budget",
            period=2025,
            fiscal=True,
            surface="8.1 billion yen",
            **common,
        ),
        claim(
            18.1e9,
            unit="JPY",
            subject="OSA budget",
            period=2026,
            fiscal=True,
            surface="18.1 billion yen",
            **common,
        ),
        claim(
            value,
            kind="percent",
            qualifier=qualifier,
            subject="OSA budget increase",
            surface=f"{stated} per cent".removeprefix("over ").removeprefix("about "),
            **common,
        ),
    ]


@pytest.mark.parametrize(
    ("stated", "value", "qualifier", "expected"),
    [
        ("over 125", 125, "over", 1),  # 18.1 / 8.1 - 1 = 123.5%: "over 125" is wrong
        ("123.5", 123.5, "exact", 0),
        ("124", 124, "exact", 0),  # within the 2% arithmetic tolerance
        ("about 120", 120, "approx", 0),
        ("over 120", 120, "over", 0),
        ("805", 805, "exact", 0),  # the whole chain, 2 -> 18.1 billion, matches exactly
        ("60", 60, "exact", 1),
    ],
)
def test_arithmetic_percent_change(stated, value, qualifier, expected):
    found = [
        c
        for c in find_conflicts(osa_claims(stated, value, qualifier), SETTINGS)
        if c.kind is ConflictKind.ARITHMETIC
    ]
    assert len(found) == expected
    if found:
        assert found[0].expected_value == pytest.approx((18.1 / 8.1 - 1) * 100)
        assert found[0].scope == "within_sentence"
        assert "increase of 123.5 per cent" in found[0].explanation


@pytest.mark.parametrize(
    ("stated", "value", "expected"),
    [("five times", 5, [(ConflictKind.ARITHMETIC, Severity.HIGH)]), ("three times", 3, [])],
)
def test_arithmetic_multiple(stated, value, expected):
    text = TRADE.format(stated)
    common = dict(sentence=text, doc="book.txt", chapter="Chapter 1")
    claims = [
        claim(40e9, subject="Japan-ASEAN trade", period=1990, surface="$40 billion", **common),
        claim(120e9, subject="Japan-ASEAN trade", period=2000, surface="$120 billion", **common),
        claim(value, kind="multiplier", subject="growth of Japan-ASEAN trade", surface=stated, **common),
    ]
    found = find_conflicts(claims, SETTINGS)
    assert [(c.kind, c.severity) for c in found] == expected
    if found:
        assert found[0].expected_value == pytest.approx(3.0)
        assert "3 times, not five times" in found[0].explanation
        # 40% off: wider than a writer's slip usually is, so a possible finding that says why
        assert found[0].tier == "possible"
        assert "may not belong together" in found[0].explanation


@pytest.mark.parametrize(
    ("text", "total", "parts", "expected"),
    [
        (
            "jointly constructing a total of 8 frigates (building four in Japan and four in Indonesia).",
            ("8", 8),
            [("four", 4), ("four", 4)],
            0,
        ),
        (
            "jointly constructing a total of 9 frigates (building four in Japan and four in Indonesia).",
            ("9", 9),
            [("four", 4), ("four", 4)],
            1,
        ),
        ("a total of 12 vessels, including 5 patrol boats and 4 tugs.", ("12", 12), [("5", 5), ("4", 4)], 0),
        ("a total of 8 vessels, including 5 patrol boats and 4 tugs.", ("8", 8), [("5", 5), ("4", 4)], 1),
        ("the 12 vessels, 5 patrol boats and 4 tugs.", ("12", 12), [("5", 5), ("4", 4)], 0),  # no cue
        # a clause set against the listing ("while ...") is no part of it
        (
            "The bloc would have 50 seats: 30 for the Greens, 15 for Labour and 5 for the Left, while the "
            "Liberals, who back neither side, would have 7.",
            ("50", 50),
            [("30", 30), ("15", 15), ("5", 5), ("7", 7)],
            0,
        ),
    ],
)
def test_arithmetic_total_and_parts(text, total, parts, expected):
    claims = [
        claim(total[1], kind="count", counted="frigates", subject="frigates", surface=total[0], sentence=text)
    ]
    position = text.index(total[0]) + len(total[0])
    for surface, value in parts:
        offset = text.index(surface, position)
        position = offset + len(surface)
        claims.append(
            claim(
                value,
                kind="count",
                counted="frigates",
                subject="frigates",
                surface=surface,
                sentence=text,
                offset=offset,
            )
        )
    found = [c for c in find_conflicts(claims, SETTINGS) if c.kind is ConflictKind.ARITHMETIC]
    assert len(found) == expected


@pytest.mark.parametrize(
    ("text", "a", "b", "period", "expected"),
    [
        # 156 yen per dollar for FY2026 (table: 2025 average ~150): plausible
        (
            "OSA funding reached a record 18.1 billion yen (approximately US$116 million), supporting.",
            (18.1e9, "JPY", "18.1 billion yen"),
            (116e6, "USD", "US$116 million"),
            2026,
            [],
        ),
        # a million/billion slip in the conversion
        (
            "OSA funding reached a record 18.1 billion yen (approximately US$116 billion), supporting.",
            (18.1e9, "JPY", "18.1 billion yen"),
            (116e9, "USD", "US$116 billion"),
            2026,
            [(ConflictKind.CONVERSION_MISMATCH, Severity.HIGH)],
        ),
        # 100 yen per dollar in 2023 (average ~140): 29% off, inside the 30% tolerance
        (
            "Tokyo will provide ¥400 million ($4 million) in grants.",
            (400e6, "JPY", "¥400 million"),
            (4e6, "USD", "$4 million"),
            2023,
            [],
        ),
        # 80 yen per dollar in 2023: medium
        (
            "Tokyo will provide ¥400 million ($5 million) in grants.",
            (400e6, "JPY", "¥400 million"),
            (5e6, "USD", "$5 million"),
            2023,
            [(ConflictKind.CONVERSION_MISMATCH, Severity.MEDIUM)],
        ),
        # a table row: yen cell, dollar range cell
        (
            "2024\t5 billion Yen\t$30-34.6 million",
            (5e9, "JPY", "5 billion Yen"),
            (None, "USD", "$30-34.6 million"),
            2024,
            [],
        ),
        # two amounts not presented as a conversion: not checked
        (
            "Japan gave ¥400 million to Malaysia and $5 million to Fiji.",
            (400e6, "JPY", "¥400 million"),
            (5e6, "USD", "$5 million"),
            2023,
            [],
        ),
        # no period: checked against every year since 2000 (¥140 billion = $1.2 billion: 117 yen/$)
        (
            "Japan provided approximately ¥140 billion (USD 1.2 billion equivalent) in loans.",
            (140e9, "JPY", "¥140 billion"),
            (1.2e9, "USD", "USD 1.2 billion"),
            None,
            [],
        ),
    ],
)
def test_conversion_against_yearly_rate(text, a, b, period, expected):
    first = claim(a[0], unit=a[1], surface=a[2], sentence=text, period=period, subject="OSA funding")
    second = claim(
        b[0],
        unit=b[1],
        surface=b[2],
        sentence=text,
        period=period,
        subject="OSA funding",
        low=30e6 if b[0] is None else None,
        high=34.6e6 if b[0] is None else None,
    )
    found = find_conflicts([first, second], SETTINGS)
    assert [(c.kind, c.severity) for c in found] == expected
    if found:
        assert "per USD" in found[0].explanation


@pytest.mark.parametrize(
    ("text", "usd_surface", "usd", "expected"),
    [
        # Markdown-escaped dollar signs, as in the seed book: "US\\$116 million"
        ("OSA funding reached 18.1 billion yen (about US\\$116 million).", "$116 million", 116e6, 0),
        ("OSA funding reached 18.1 billion yen (about US\\$11.6 million).", "$11.6 million", 11.6e6, 1),
        ("2026 | 18.1 billion yen | \\$11.6 million", "$11.6 million", 11.6e6, 1),  # a table row
    ],
)
def test_conversion_connectors(text, usd_surface, usd, expected):
    yen = claim(18.1e9, unit="JPY", surface="18.1 billion yen", sentence=text, period=2026, subject="OSA")
    dollars = claim(usd, unit="USD", surface=usd_surface, sentence=text, period=2026, subject="OSA")
    found = find_conflicts([yen, dollars], SETTINGS)
    assert [c.kind for c in found] == [ConflictKind.CONVERSION_MISMATCH] * expected


def test_conversion_unknown_currency_is_never_guessed():
    text = (
        "JICA has achieved approximately 2.6 trillion (c. 20 billion US dollars) of ODA payments in FY2022."
    )
    first = claim(2.6e12, unit="XXX", surface="2.6 trillion", sentence=text, period=2022, subject="JICA ODA")
    second = claim(
        20e9, unit="USD", surface="20 billion US dollars", sentence=text, period=2022, subject="JICA ODA"
    )
    assert find_conflicts([first, second], SETTINGS) == []


@pytest.mark.parametrize(
    ("usd_surface", "expected"),
    [
        # a bare "$" beside another dollar is the writer's own dollar (here the Australian one): unchecked
        ("$2.9 billion", 0),
        # marked as US dollars: C$2.5 billion is about US$1.8 billion in 2023, so US$2.9 billion is far off
        ("US$2.9 billion", 1),
    ],
)
def test_conversion_bare_dollar_beside_another_dollar(usd_surface, expected):
    text = f"Storm losses reached $C2.5 billion ({usd_surface}) in 2023, the insurers' council said."
    cad = claim(2.5e9, unit="CAD", surface="$C2.5 billion", sentence=text, period=2023, subject="losses")
    usd = claim(2.9e9, unit="USD", surface=usd_surface, sentence=text, period=2023, subject="losses")
    found = find_conflicts([cad, usd], SETTINGS)
    assert [c.kind for c in found] == [ConflictKind.CONVERSION_MISMATCH] * expected


def test_arithmetic_focus_only_for_focus_sentences():
    claims = osa_claims("over 125", 125, "over")
    assert len(find_conflicts(claims, SETTINGS, focus={claims[-1].claim_id})) == 1
    unrelated = claim(1.0, kind="count", counted="boats", subject="boats", doc="other.txt")
    assert find_conflicts([*claims, unrelated], SETTINGS, focus={unrelated.claim_id}) == []


@pytest.mark.parametrize(
    ("sentence", "stated", "stated_value", "low", "high"),
    [
        ("Sales went from $50 million to $40 million, an increase of 30%.", "30%", 30.0, 50e6, 40e6),
    ],
)
def test_sentence_checks_relative_difference_stays_within_one(sentence, stated, stated_value, low, high):
    claims = [
        claim(low, sentence=sentence, surface="$50 million", subject="sales", period=2024),
        claim(high, sentence=sentence, surface="$40 million", subject="sales", period=2024),
        claim(stated_value, kind="percent", sentence=sentence, surface=stated, subject="sales", period=2024),
    ]
    found = [c for c in find_conflicts(claims, Settings()) if c.kind is ConflictKind.ARITHMETIC]
    assert found
    assert all(0.0 <= c.relative_difference <= 1.0 for c in found)
