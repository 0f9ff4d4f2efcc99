"""Seeded synthetic claim sets with planted contradictions and planted look-alikes, for reconciliation.

The claims are shaped like the extractor's output on the seed corpus (budgets per fiscal year, grants to
recipients, bilateral trade, survey percentages, counts of delivered equipment, stated currency conversions,
stated changes "from A to B, an increase of P per cent"), spread over synthetic documents and chapters. Each
fact is stated one to four times; some statements are planted to disagree, some are planted to look alike
without disagreeing:

planted contradictions (must be found): value_mismatch, magnitude_mismatch (a million/billion slip),
rounding (8.1 vs 8 billion), conversion_mismatch (a stated conversion far off the year's rate), arithmetic
(a stated change that its own operands contradict).

planted non-contradictions (must not be found): the same amount to two recipients, one budget in two fiscal
years, a facility and its "2.0" version, a yen and a dollar amount sharing digits, repeated statements,
qualifier-compatible statements ("over 50" / "52", "about 2 billion" / "2.1 billion"), correct stated
changes and conversions.

Vocabulary (programme names, documents) grows with the number of claims, as it does when a corpus grows.

    from synthetic_claims import generate
    data = generate(10_000, seed=0)
    data.claims, data.conflicts, data.decoys
    data = generate(1_000_000, seed=0, columns=True)   # the same claims, held as `ClaimColumns`
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from claims.lexicon.fx import load_fx_table
from claims.reconcile.columns import ClaimColumnsBuilder
from claims.types import Claim, Kind, Qualifier, make_claim_id

DONORS = ("Japan", "South Korea", "Australia", "India", "China", "the European Union", "the United States")
RECIPIENTS = (
    "Indonesia",
    "Malaysia",
    "the Philippines",
    "Vietnam",
    "Thailand",
    "Cambodia",
    "Laos",
    "Myanmar",
    "Singapore",
    "Brunei",
    "Timor-Leste",
    "Fiji",
    "Bangladesh",
    "Sri Lanka",
    "Papua New Guinea",
    "Mongolia",
    "Djibouti",
    "Nepal",
    "Pakistan",
    "Kenya",
    "Tonga",
    "Samoa",
    "Maldives",
    "Bhutan",
)
FACILITY_KINDS = ("Fund", "Initiative", "Programme", "Facility", "Partnership", "Assistance")
ITEMS = ("patrol vessels", "rescue boats", "coastal radars", "patrol aircraft", "drones", "training courses")
SURVEYS = ("Regional Outlook", "Southeast Asia Attitudes", "Pacific Perceptions", "Mekong Barometer")
SYLLABLES = ("ka", "lo", "mi", "ra", "tu", "se", "no", "va", "ri", "ba", "ke", "su", "ta", "mo", "la", "di")
SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))

CONFLICT_KINDS = ("value_mismatch", "magnitude_mismatch", "rounding", "conversion_mismatch", "arithmetic")
DECOY_KINDS = (
    "recipients",
    "fiscal_years",
    "facility_version",
    "shared_digits",
    "repeat",
    "qualifier",
    "correct_change",
    "correct_conversion",
)


@dataclass(frozen=True, slots=True)
class Planted:
    """A planted pair: `kind` is the expected finding kind (conflicts) or the look-alike's label (decoys)."""

    kind: str
    claim_a: str
    claim_b: str | None


@dataclass(slots=True)
class SyntheticSet:
    claims: Sequence[Claim] = field(default_factory=list)  # a list, or `ClaimColumns` (columns=True)
    conflicts: list[Planted] = field(default_factory=list)
    decoys: list[Planted] = field(default_factory=list)


def money_surface(value: float, currency: str, decimals: int = 1, style: int = 0) -> tuple[str, float]:
    """('¥8.1 billion', precision) for a value, scaled to a scale word, rounded to `decimals`."""
    for scale, word in SCALES:  # noqa: B007 (the loop finds the scale word)
        if value >= scale:
            break
    else:
        scale, word = 1.0, ""
    number = f"{round(value / scale, decimals):,.{decimals}f}"
    body = f"{number} {word}".strip()
    precision = 0.5 * 10 ** (-decimals) * scale
    if currency == "JPY":
        return (f"¥{body}" if style == 0 else f"{body} yen"), precision
    if currency == "USD":
        return (f"${body}" if style == 0 else f"US${body}"), precision
    return f"{currency} {body}", precision


class _Builder:
    """Accumulates documents, offsets and claims."""

    def __init__(self, n_claims: int, rng: random.Random, *, columns: bool = False) -> None:
        self.rng = rng
        self.n_docs = max(5, n_claims // 60)
        self.offsets: Counter[str] = Counter()
        self.occurrences: Counter[tuple[str, str, str]] = Counter()
        self.data = SyntheticSet()
        # the claims go into a list, or into columns one at a time (no claim object is kept)
        self.claims: list[Claim] | ClaimColumnsBuilder = ClaimColumnsBuilder() if columns else []
        self.names: dict[object, str] = {}

    def doc(self) -> tuple[str, str]:
        k = self.rng.randrange(self.n_docs)
        chapter = f"Chapter {self.rng.randint(1, 6)}" if k % 3 == 0 else ""
        # one name object per document and per chapter, as extraction shares them among a document's claims
        name = self.names.setdefault(k, f"syn_{k:06d}.txt")
        return name, self.names.setdefault(chapter, chapter)

    def sentence(
        self,
        template: str,
        parts: list[dict[str, object]],
        *,
        doc: tuple[str, str] | None = None,
        subject: str,
        entities: tuple[str, ...],
    ) -> list[Claim]:
        """Write one sentence from `template` ("{0} ... {1}") and one claim per part."""
        name, chapter = doc or self.doc()
        text = template.format(*(p["surface"] for p in parts))
        text = text[0].upper() + text[1:]
        start = self.offsets[name]
        self.offsets[name] += len(text) + 1
        claims = []
        cursor = 0
        for part in parts:
            surface = str(part["surface"])
            position = text.index(surface, cursor)
            cursor = position + len(surface)
            key = (name, text, surface)
            occurrence = self.occurrences[key]
            self.occurrences[key] += 1
            period = part.get("period")
            claims.append(
                Claim(
                    claim_id=make_claim_id(name, text, surface, occurrence),
                    doc=name,
                    char_start=start + position,
                    char_end=start + position + len(surface),
                    surface=surface,
                    value=part.get("value"),  # type: ignore[arg-type]
                    value_low=None,
                    value_high=None,
                    unit=str(part["unit"]),
                    kind=Kind(str(part["kind"])),
                    counted=part.get("counted"),  # type: ignore[arg-type]
                    qualifier=Qualifier(str(part.get("qualifier", "exact"))),
                    period_start=period,  # type: ignore[arg-type]
                    period_end=period,  # type: ignore[arg-type]
                    fiscal=bool(part.get("fiscal", False)),
                    subject=str(part.get("subject", subject)),
                    entities=entities,
                    section=chapter,
                    sentence=text,
                    citation="",
                    confidence=0.9,
                    sentence_start=start,
                    chapter=chapter,
                    precision=part.get("precision"),  # type: ignore[arg-type]
                )
            )
        self.claims.extend(claims)
        return claims


def _programme(index: int, rng: random.Random) -> str:
    """A unique programme name per index ("Kalomi Fund"): the vocabulary grows with the claim set."""
    syllables = []
    index += len(SYLLABLES)  # at least two syllables
    while index:
        index, digit = divmod(index, len(SYLLABLES))
        syllables.append(SYLLABLES[digit])
    return f"{''.join(syllables).capitalize()} {rng.choice(FACILITY_KINDS)}"


def _budget_part(
    value: float,
    currency: str,
    year: int,
    *,
    decimals: int = 1,
    style: int = 0,
    qualifier: str = "exact",
    subject: str | None = None,
) -> dict[str, object]:
    surface, precision = money_surface(value, currency, decimals, style)
    part: dict[str, object] = {
        "surface": surface,
        "value": float(surface_value(surface)),
        "unit": currency,
        "kind": "money",
        "period": year,
        "fiscal": True,
        "precision": precision,
        "qualifier": qualifier,
    }
    if subject:
        part["subject"] = subject
    return part


def surface_value(surface: str) -> float:
    """The value a money surface states ('¥8.1 billion' -> 8.1e9)."""
    words = surface.replace("¥", " ").replace("US$", " ").replace("$", " ").replace(",", "").split()
    number = float(next(w for w in words if w[0].isdigit()))
    for scale, word in SCALES:
        if word in words:
            return number * scale
    return number


BUDGET_TEMPLATES = (
    "In FY{year}, {donor} allocated {{0}} to the {prog} for {recipient}.",
    "The {prog} budget for {recipient} stood at {{0}} in fiscal year {year}.",
    "{donor}'s {prog} provided {{0}} to {recipient} in FY{year}.",
)


SUBJECT_VARIANTS = (
    "{prog} budget for {recipient}",
    "{prog} funding for {recipient}",
    "{prog} allocation to {recipient}",
    "budget of the {prog} in {recipient}",
)
"""Ways the extractor may phrase one subject (matching must see through them)."""


def _budget_subject(b: _Builder, prog: str, recipient: str) -> str:
    return b.rng.choice(SUBJECT_VARIANTS).format(prog=prog, recipient=recipient)


def _budget_fact(
    b: _Builder,
    statements: int,
    *,
    prog: str,
    donor: str,
    recipient: str,
    year: int,
    value: float,
    currency: str = "JPY",
) -> list[Claim]:
    out = []
    for _ in range(statements):
        template = b.rng.choice(BUDGET_TEMPLATES).format(
            donor=donor, prog=prog, recipient=recipient, year=year
        )
        out += b.sentence(
            template,
            [_budget_part(value, currency, year, style=b.rng.randint(0, 1))],
            subject=_budget_subject(b, prog, recipient),
            entities=(donor, recipient, prog),
        )
    return out


def _one_budget(
    b: _Builder,
    value: float,
    *,
    prog: str,
    donor: str,
    recipient: str,
    year: int,
    currency: str = "JPY",
    decimals: int = 1,
    qualifier: str = "exact",
) -> Claim:
    subject = _budget_subject(b, prog, recipient)
    template = b.rng.choice(BUDGET_TEMPLATES).format(donor=donor, prog=prog, recipient=recipient, year=year)
    hedge = {"exact": "", "approx": "about ", "over": "over "}[qualifier]
    part = _budget_part(value, currency, year, decimals=decimals, qualifier=qualifier)
    template = template.replace("{0}", hedge + "{0}")
    return b.sentence(template, [part], subject=subject, entities=(donor, recipient, prog))[0]


def _survey(
    b: _Builder, pct: float, *, donor: str, survey: str, year: int, qualifier: str = "exact"
) -> Claim:
    hedge = {"exact": "", "over": "over ", "approx": "about "}[qualifier]
    template = f"{hedge}{{0}} of respondents in the {survey} {year} survey said they trust {donor} most."
    part = {
        "surface": f"{pct:g} percent",
        "value": pct,
        "unit": "percent",
        "kind": "percent",
        "period": year,
        "precision": 0.05 if pct % 1 else 0.5,
        "qualifier": qualifier,
    }
    return b.sentence(
        template[0].upper() + template[1:],
        [part],
        subject=f"trust in {donor} ({survey} survey)",
        entities=(donor,),
    )[0]


def _delivery(
    b: _Builder,
    count: int,
    *,
    donor: str,
    recipient: str,
    prog: str,
    item: str,
    year: int,
    qualifier: str = "exact",
) -> Claim:
    hedge = {"exact": "", "over": "over "}[qualifier]
    template = f"{donor} delivered {hedge}{{0}} {item} to {recipient} under the {prog} in {year}."
    part = {
        "surface": str(count),
        "value": float(count),
        "unit": "count",
        "kind": "count",
        "counted": item,
        "period": year,
        "precision": 0.5,
        "qualifier": qualifier,
    }
    return b.sentence(
        template,
        [part],
        subject=f"{item} delivered to {recipient} under the {prog}",
        entities=(donor, recipient, prog),
    )[0]


def generate(n_claims: int, seed: int = 0, *, columns: bool = False) -> SyntheticSet:
    """About `n_claims` claims (a few more, never fewer), with planted pairs, reproducible from `seed`.

    With `columns`, `claims` is a `ClaimColumns` (the same claims, a few hundred bytes each instead of about
    a kilobyte as objects)."""
    rng = random.Random(seed)
    fx = load_fx_table()
    b = _Builder(n_claims, rng, columns=columns)
    data = b.data
    scenarios = (
        ("agree", 40),
        ("single", 10),
        ("survey", 8),
        ("delivery", 8),
        ("value_mismatch", 4),
        ("magnitude_mismatch", 3),
        ("rounding", 3),
        ("conversion_mismatch", 3),
        ("arithmetic", 3),
        ("recipients", 4),
        ("fiscal_years", 4),
        ("facility_version", 3),
        ("shared_digits", 3),
        ("repeat", 3),
        ("qualifier", 4),
        ("correct_change", 3),
        ("correct_conversion", 3),
    )
    names, weights = zip(*scenarios, strict=True)
    facts = 0
    while len(b.claims) < n_claims:
        kind = rng.choices(names, weights)[0]
        prog, donor = _programme(facts, rng), rng.choice(DONORS)
        facts += 1
        # every sentence names its fact's programme (unique per fact), so no sentence of an earlier fact
        # recurs: the occurrence counts of claim ids need only this fact's (a million claims hold none)
        b.occurrences.clear()
        recipient, year = rng.choice(RECIPIENTS), rng.randint(2003, 2025)
        value = rng.choice((1, 2, 3, 5, 8)) * 10 ** rng.randint(8, 11) * rng.choice((1.0, 1.1, 1.3, 1.6, 2.2))
        common = dict(prog=prog, donor=donor, recipient=recipient, year=year)
        if kind == "agree":
            _budget_fact(b, rng.randint(1, 3), value=value, **common)
        elif kind == "single":
            _one_budget(b, value, **common)
        elif kind == "survey":
            pct, survey = round(rng.uniform(20, 80), 1), rng.choice(SURVEYS) + f" {prog.split()[0]}"
            for _ in range(rng.randint(1, 3)):
                _survey(b, pct, donor=donor, survey=survey, year=year)
        elif kind == "delivery":
            count, item = rng.randint(2, 40), rng.choice(ITEMS)
            for _ in range(rng.randint(1, 2)):
                _delivery(b, count, donor=donor, recipient=recipient, prog=prog, item=item, year=year)
        elif kind == "value_mismatch":
            choice = rng.random()
            if choice < 0.4:
                a = _one_budget(b, value, **common)
                other = _one_budget(b, value * rng.choice((1.5, 1.8, 2.5, 0.5, 0.6)), **common)
            elif choice < 0.7:
                pct, survey = round(rng.uniform(30, 70), 1), rng.choice(SURVEYS) + f" {prog.split()[0]}"
                a = _survey(b, pct, donor=donor, survey=survey, year=year)
                other = _survey(
                    b, round(pct * rng.choice((0.6, 1.4)), 1), donor=donor, survey=survey, year=year
                )
            else:
                count, item = rng.randint(4, 30), rng.choice(ITEMS)
                a = _delivery(b, count, item=item, **common)
                other = _delivery(b, count * 2 + 1, item=item, **common)
            data.conflicts.append(Planted(kind, a.claim_id, other.claim_id))
        elif kind == "magnitude_mismatch":
            base = rng.choice((280, 450, 120, 36)) * 1e9
            a = _one_budget(b, base, currency="USD", **common)
            other = _one_budget(b, base / 1000, currency="USD", **common)
            data.conflicts.append(Planted(kind, a.claim_id, other.claim_id))
        elif kind == "rounding":
            precise = rng.choice((8.1, 5.3, 2.2, 12.4)) * 1e9
            a = _one_budget(b, precise, **common)
            other = _one_budget(b, precise, decimals=0, **common)
            data.conflicts.append(Planted(kind, a.claim_id, other.claim_id))
        elif kind in ("conversion_mismatch", "correct_conversion"):
            rate = fx.rate("JPY", year).lcu_per_usd  # type: ignore[union-attr]
            yen = rng.choice((4, 18.1, 140, 565)) * 1e9
            usd = yen / rate * (rng.choice((0.35, 2.2, 1e-3)) if kind == "conversion_mismatch" else 1.03)
            yen_part = _budget_part(yen, "JPY", year)
            usd_part = _budget_part(usd, "USD", year, decimals=2, style=1, qualifier="approx")
            claims = b.sentence(
                f"By FY{year}, the {prog} for {recipient} reached {{0}} (approximately {{1}}).",
                [yen_part, usd_part],
                subject=f"{prog} funding for {recipient}",
                entities=(donor, recipient, prog),
            )
            target = data.conflicts if kind == "conversion_mismatch" else data.decoys
            target.append(Planted(kind, claims[0].claim_id, claims[1].claim_id))
        elif kind in ("arithmetic", "correct_change"):
            first = rng.choice((2, 4, 5, 8.1)) * 1e9
            growth = rng.choice((0.5, 1.2, 1.25, 2.0))
            second = first * (1 + growth)
            true_pct = round(
                (
                    surface_value(money_surface(second, "JPY")[0])
                    / surface_value(money_surface(first, "JPY")[0])
                    - 1
                )
                * 100,
                1,
            )
            stated = true_pct if kind == "correct_change" else round(true_pct * rng.choice((0.6, 1.5)), 1)
            y1, y2 = year - 1, year
            parts = [
                _budget_part(first, "JPY", y1),
                _budget_part(second, "JPY", y2),
                {
                    "surface": f"{stated:g} per cent",
                    "value": stated,
                    "unit": "percent",
                    "kind": "percent",
                    "precision": 0.05,
                    "period": y2,
                    "subject": f"increase of the {prog} budget",
                },
            ]
            claims = b.sentence(
                f"The {prog} budget grew from {{0}} in FY{y1} to {{1}} in FY{y2}, an increase of {{2}}.",
                parts,
                subject=f"{prog} budget",
                entities=(donor, prog),
            )
            target = data.conflicts if kind == "arithmetic" else data.decoys
            target.append(Planted(kind, claims[2].claim_id, claims[1].claim_id))
        elif kind == "recipients":
            second, third = rng.sample([r for r in RECIPIENTS if r != recipient], 2)
            a = _one_budget(b, value, **common)
            other = _one_budget(b, value, prog=prog, donor=donor, recipient=second, year=year)
            other2 = _one_budget(b, value * 1.7, prog=prog, donor=donor, recipient=third, year=year)
            data.decoys.append(Planted(kind, a.claim_id, other.claim_id))
            data.decoys.append(Planted(kind, a.claim_id, other2.claim_id))
        elif kind == "fiscal_years":
            a = _one_budget(b, value, **common)
            other = _one_budget(b, value * 1.6, prog=prog, donor=donor, recipient=recipient, year=year + 1)
            data.decoys.append(Planted(kind, a.claim_id, other.claim_id))
        elif kind == "facility_version":
            a = _one_budget(b, value, **common)
            other = _one_budget(
                b, value * 1.9, prog=f"{prog} 2.0", donor=donor, recipient=recipient, year=year
            )
            data.decoys.append(Planted(kind, a.claim_id, other.claim_id))
        elif kind == "shared_digits":
            a = _one_budget(b, 400e6, currency="JPY", **common)
            other = _one_budget(b, 400e6, currency="USD", **common)
            data.decoys.append(Planted(kind, a.claim_id, other.claim_id))
        elif kind == "repeat":
            claims = _budget_fact(b, 3, value=value, **common)
            data.decoys.append(Planted(kind, claims[0].claim_id, claims[1].claim_id))
            data.decoys.append(Planted(kind, claims[1].claim_id, claims[2].claim_id))
        elif kind == "qualifier":
            if rng.random() < 0.5:
                a = _one_budget(b, 2e9, qualifier="approx", decimals=0, **common)
                other = _one_budget(b, 2.1e9, **common)
            else:
                count, item = rng.randint(20, 50), rng.choice(ITEMS)
                a = _delivery(b, count, item=item, qualifier="over", **common)
                other = _delivery(b, count + 2, item=item, **common)
            data.decoys.append(Planted(kind, a.claim_id, other.claim_id))
    data.claims = b.claims.build() if isinstance(b.claims, ClaimColumnsBuilder) else b.claims
    return data
