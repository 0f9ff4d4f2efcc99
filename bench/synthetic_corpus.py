"""A seeded synthetic corpus built from the seed corpus's sentence shapes, with planted contradictions.

    .venv/bin/python bench/synthetic_corpus.py --out /tmp/synth/raw --docs 200 --seed 0

1. Shapes. Every sentence of raw/*.txt becomes a template: its figures (money, percent, numbers), its years
   and the countries it names become slots; footnote markers are dropped. Reference-list entries, tables,
   URLs, headings and fragments are skipped. Shapes with figures are "figure" sentences, the rest "prose".
2. A consistent world. A figure's value is a seeded function of (shape, year shift): the seed's own figure
   for the seed's own years, else the seed's figure times one factor (0.55x-1.8x) shared by the sentence's
   figures (its internal arithmetic still holds). A filler sentence is a shape with its years shifted (only
   single-year sentences; all years by the same delta) and its countries swapped (lists of three or more
   stay), so two restatements of one fact always agree, in whatever document they sit.
3. Planted pairs, each in two different documents, on shapes with one year (an unambiguous period), at most
   two countries and a money or percent figure, on (shape, year) keys no filler uses:
   - contradictions: `value_mismatch` (the same statement, the figure changed by 15-60%) and
     `magnitude_mismatch` (million <-> billion);
   - non-contradictions (look-alikes): `other_party` (the same amount for another country, same year) and
     `other_period` (the same statement for a year 2-3 years away, with that year's value).
4. Documents: a title, "Section N" headings, paragraphs of 2-5 sentences, `--figure-share` of the filler
   sentences stating figures; sizes drawn from a seeded distribution, one document `--largest-sentences`
   long (the memory benchmark holds it fixed while the corpus grows).

Outputs: DIR/syn_NNNN.txt, and beside DIR (outside the corpus folder, so the pipeline does not read them;
`--planted PATH` to put them elsewhere) planted.json, every planted pair's spans (doc, start, end,
surface), and figures.jsonl, every figure of the corpus with its key (shape|year shift|countries) and its
index in its sentence, for labelling findings by construction (`planted_recall.py`). The same arguments
give byte-identical files.

Known limits: the seed corpus has about 80 figure shapes and 14 plantable ones, so a large corpus restates
the same shapes many times; planted pairs restate one sentence shape (paraphrased contradictions are not
generated).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

RAW = Path(__file__).resolve().parents[1] / "raw"

DEMONYMS: dict[str, str] = {
    "Brunei": "Bruneian",
    "Cambodia": "Cambodian",
    "Indonesia": "Indonesian",
    "Laos": "Lao",
    "Malaysia": "Malaysian",
    "Myanmar": "Myanmar",
    "Philippines": "Philippine",
    "Singapore": "Singaporean",
    "Thailand": "Thai",
    "Vietnam": "Vietnamese",
    "Timor-Leste": "Timorese",
    "Bangladesh": "Bangladeshi",
    "Fiji": "Fijian",
    "Sri Lanka": "Sri Lankan",
    "Mongolia": "Mongolian",
}
"""Parties a sentence's recipient can be swapped for, with their adjective (`the Indonesian Navy`). Donors
(Japan, China, the US) stay put."""
COUNTRIES: tuple[str, ...] = tuple(DEMONYMS)
_BY_DEMONYM = {d: c for c, d in DEMONYMS.items() if d != c}

_SCALES = {
    "thousand": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
}

FIGURE_RE = re.compile(
    r"""
    (?<![\w+\-–./])                                # not inside a name (G7, ASEAN+3, F-35, 2015–20, v2.0)
    (?P<prefix>(?:US\s?\\?\$|\\?\$|USD\s|¥|€|£)\s?)? # currency before the number
    (?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)  # 1,000 / 8.1 / 565
    (?P<scale>\s(?:thousand|million|billion|trillion))?    # scale word
    (?P<suffix>\s?(?:%|percent|per\ cent)|\s(?:[Yy]en|dollars))?  # percent or currency after the number
    (?![\w%]|\.\d)                                 # not 5G, not a truncated decimal
    """,
    re.VERBOSE,
)
YEAR_RE = re.compile(
    r"""
    (?<![\d.,$¥])            # not part of a bigger number or an amount
    (?P<fy>FY\s?)?           # fiscal-year prefix stays as is
    (?P<year>19[5-9]\d|20[0-4]\d)
    (?![\d%s]|\s(?:million|billion|trillion|percent))  # not 1990s, not 2000 percent
    """,
    re.VERBOSE,
)
COUNTRY_RE = re.compile(
    r"(?P<article>\b[Tt]he\s)?\b(?P<name>" + "|".join(re.escape(c) for c in COUNTRIES) + r")\b(?!-\w)"
    r"|\b(?P<demonym>" + "|".join(re.escape(d) for d in _BY_DEMONYM) + r")\b(?!-\w)"
)
SUPERSCRIPTS = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z“\"‘(])")
SKIP = re.compile(r"https?:|www\.|doi|ISBN|\bpp\.|\bVol\.|[Aa]ccessed|[Rr]etrieved|\t|\|")


@dataclass(frozen=True)
class Slot:
    kind: str  # figure, year, country
    start: int
    end: int
    text: str
    prefix: str = ""
    number: str = ""
    scale: str = ""
    suffix: str = ""
    article: str = ""

    @property
    def name(self) -> str:
        """A country slot's country ("the Philippines" -> "Philippines", "Indonesian" -> "Indonesia")."""
        text = self.text[len(self.article) :]
        return _BY_DEMONYM.get(text, text) if self.demonym else text

    @property
    def demonym(self) -> bool:
        return self.text in _BY_DEMONYM


@dataclass(frozen=True)
class Shape:
    shape_id: str
    text: str  # the source sentence, footnote markers removed
    slots: tuple[Slot, ...]
    source: str

    def of(self, kind: str) -> list[Slot]:
        return [s for s in self.slots if s.kind == kind]

    @property
    def target(self) -> int | None:
        """Index (among the figures) of the money or percent figure a planted pair changes, if any."""
        for i, slot in enumerate(self.of("figure")):
            if slot.prefix or slot.suffix:
                return i
        return None

    @property
    def plantable(self) -> bool:
        """One year (an unambiguous period), at most two countries, a money or percent figure."""
        return self.target is not None and len(self.of("year")) == 1 and len(self.of("country")) <= 2


def _sentences(text: str) -> list[str]:
    out = []
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip().lstrip("-•* ").strip()
        if paragraph:
            out.extend(s.strip() for s in SENTENCE_END.split(paragraph) if s.strip())
    return out


MONTHS = re.compile(
    r"\s(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b"
)


def shape_of(sentence: str, source: str, *, prose: bool = False) -> Shape | None:
    """The template of one sentence, or None when it states no figure (unless `prose`) or is not running
    prose (references, URLs, tables, fragments).

    >>> s = shape_of("In FY2024, Japan provided ¥2.1 billion to the Philippines under OSA.", "x")
    >>> [(x.kind, x.text) for x in s.slots]
    [('year', '2024'), ('figure', '¥2.1 billion'), ('country', 'the Philippines')]
    >>> s.plantable
    True
    >>> s = shape_of("On 27 October 2025, leaders met 14 times with Malaysia and the G7.", "x")
    >>> [x.text for x in s.slots]
    ['2025', '14', 'Malaysia']
    >>> shape_of("See https://example.org/2024 for 5 figures.", "x") is None
    True
    """
    sentence = SUPERSCRIPTS.sub("", sentence).strip()
    if (
        not 40 <= len(sentence) <= 400
        or SKIP.search(sentence)
        or not sentence[0].isupper()
        or sentence[-1] not in '.!?"”’)'
    ):  # headings and fragments are not sentences
        return None
    slots: list[Slot] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in YEAR_RE.finditer(sentence):
        a, b = m.span("year")
        slots.append(Slot("year", a, b, m.group("year")))
        taken.append((a, b))
    for m in FIGURE_RE.finditer(sentence):
        if not free(*m.span()):
            continue
        number = m.group("number")
        bare = not (m.group("prefix") or m.group("scale") or m.group("suffix"))
        if bare and (Decimal(number.replace(",", "")) < 10 or MONTHS.match(sentence, m.end())):
            continue  # small bare numbers (list items, "two"-like counts) and days of dates stay as written
        slots.append(
            Slot(
                "figure",
                m.start(),
                m.end(),
                m.group(0),
                prefix=m.group("prefix") or "",
                number=number,
                scale=m.group("scale") or "",
                suffix=m.group("suffix") or "",
            )
        )
        taken.append(m.span())
    if not prose and not any(s.kind == "figure" for s in slots):
        return None
    for m in COUNTRY_RE.finditer(sentence):
        if free(*m.span()):
            slots.append(Slot("country", m.start(), m.end(), m.group(0), article=m.group("article") or ""))
    slots.sort(key=lambda s: s.start)
    shape_id = hashlib.sha1(sentence.encode()).hexdigest()[:10]
    return Shape(shape_id, sentence, tuple(slots), source)


def harvest_shapes(raw_dir: Path = RAW) -> list[Shape]:
    """Every distinct sentence shape of the seed corpus (with or without figures), in corpus order."""
    seen: set[str] = set()
    shapes = []
    for path in sorted(raw_dir.glob("*.txt")):
        for sentence in _sentences(path.read_text(encoding="utf-8")):
            shape = shape_of(sentence, path.name, prose=True)
            if shape and shape.shape_id not in seen:
                seen.add(shape.shape_id)
                shapes.append(shape)
    return shapes


# --- values ------------------------------------------------------------------------------------------------


def _rng(*key: object) -> random.Random:
    return random.Random(hashlib.sha256(repr(key).encode()).hexdigest())


def _format_number(value: Decimal, template: str) -> str:
    """`value` written like `template` (thousands separators, number of decimals).

    >>> _format_number(Decimal("2345.678"), "1,000"), _format_number(Decimal("3.14159"), "8.1")
    ('2,346', '3.1')
    """
    decimals = len(template.split(".")[1]) if "." in template else 0
    value = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{value:,.{decimals}f}" if "," in template else f"{value:.{decimals}f}"


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


@dataclass(frozen=True)
class Variant:
    """How a shape is written in one place: its countries, its year shift, and figure overrides."""

    countries: tuple[str, ...]  # one per country slot
    year_shift: int = 0
    overrides: tuple[tuple[int, str, str], ...] = ()  # (figure index, number, scale): planted changes


def world_key(shape: Shape, variant: Variant) -> tuple[str, int]:
    """What decides a statement's figures: (shape, year shift).

    Countries are not part of it: a swapped country often sits in another clause than the figure, so a
    figure that changed with it would contradict its own restatements. The same figures for other
    countries are, at worst, the same amount for two parties: not a contradiction.
    """
    return (shape.shape_id, variant.year_shift)


def world_number(shape: Shape, variant: Variant, index: int) -> str:
    """The world's figure `index` for this statement: the seed's own figure when nothing is swapped, else the
    seed's figure times one seeded factor (0.55x to 1.8x) shared by every figure of the sentence, so its
    internal arithmetic (`from $40 billion to $120 billion`, `five times`, parts and totals) still holds."""
    key = world_key(shape, variant)
    slot = shape.of("figure")[index]
    if variant.year_shift == 0:
        return slot.number
    factor = Decimal(str(round(_rng("world", *key).uniform(0.55, 1.8), 4)))
    return scaled(slot, _number(slot.number) * factor)


def scaled(slot: Slot, value: Decimal) -> str:
    """`value` written like the slot's number; a share (a percentage the seed gives under 100) stays under
    100, and nothing rounds down to zero."""
    if ("%" in slot.suffix or "per" in slot.suffix) and _number(slot.number) <= 100:
        value = min(value, Decimal("99.5"))
    floor = Decimal(1).scaleb(-len(slot.number.split(".")[1])) if "." in slot.number else Decimal(1)
    return _format_number(max(value, floor), slot.number)


def render(shape: Shape, variant: Variant) -> tuple[str, list[tuple[int, int, str]]]:
    """The sentence for a variant, and the (start, end, surface) of each figure in it."""
    overrides = {i: (number, scale) for i, number, scale in variant.overrides}
    out: list[str] = []
    figures: list[tuple[int, int, str]] = []
    length = pos = 0
    country_i = figure_i = 0
    for slot in shape.slots:
        out.append(shape.text[pos : slot.start])
        length += len(out[-1])
        if slot.kind == "year":
            text = str(int(slot.text) + variant.year_shift)
        elif slot.kind == "country":
            text = _with_article(variant.countries[country_i], slot)
            country_i += 1
        else:
            number, scale = overrides.get(figure_i, (world_number(shape, variant, figure_i), slot.scale))
            text = f"{slot.prefix}{number}{scale}{slot.suffix}"
            figures.append((length, length + len(text), text))
            figure_i += 1
        out.append(text)
        length += len(text)
        pos = slot.end
    out.append(shape.text[pos:])
    return "".join(out), figures


def _with_article(name: str, slot: Slot) -> str:
    if slot.demonym:
        return DEMONYMS[name]
    if name == "Philippines":
        return ("The " if slot.start == 0 or slot.article.startswith("T") else "the ") + name
    return name


# --- the corpus ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlantedSide:
    doc: str
    start: int
    end: int
    surface: str
    countries: tuple[str, ...]
    year: int


@dataclass(frozen=True)
class Planted:
    plant_id: str
    kind: str  # value_mismatch, magnitude_mismatch (contradictions); other_party, other_period (not)
    contradiction: bool
    shape_id: str
    a: PlantedSide
    b: PlantedSide


CONTRADICTIONS = ("value_mismatch", "magnitude_mismatch")
NON_CONTRADICTIONS = ("other_party", "other_period")


@dataclass(frozen=True)
class _Sentence:
    text: str
    figures: list[tuple[int, int, str]]  # (start, end, surface) within the sentence
    key: str  # shape|year shift|countries
    plant: tuple[int, int] | None = None  # (plant index, side) for a planted sentence
    target: int = 0  # the planted figure's index


def _key_text(shape: Shape, variant: Variant) -> str:
    """shape|year shift|countries: the first two decide the figures (see `world_key`)."""
    return f"{shape.shape_id}|{variant.year_shift}|{','.join(variant.countries)}"


def _filler_variant(shape: Shape, rng: random.Random, reserved: set[tuple[str, int]]) -> Variant:
    """Countries swapped and years shifted at random (30%: as in the seed), on a key no plant uses.

    A list of three or more countries is the sentence's context, not its party: it stays as written (else
    two statements of the same figure would differ only by their lists). Years shift only in sentences
    with one year (shifted ranges would overlap and restate a period with another figure).
    """
    originals = tuple(s.name for s in shape.of("country"))
    swappable = len(originals) <= 2
    shiftable = len(shape.of("year")) == 1
    for _ in range(20):
        if rng.random() < 0.3 or not (swappable or shiftable):
            variant = Variant(originals, 0)
        else:
            countries = tuple(rng.sample(COUNTRIES, len(originals))) if swappable else originals
            variant = Variant(countries, rng.randint(-4, 3) if shiftable else 0)
        if world_key(shape, variant) not in reserved:
            return variant
    return Variant(originals, 0)  # plants never use the seed's own key


def _plan_pair(
    kind: str, plantable: list[Shape], rng: random.Random, reserved: set[tuple[str, int]]
) -> tuple[str, Shape, Variant, Variant] | None:
    """Two variants of one shape on fresh (shape, countries, year) keys: the planted pair of `kind`."""
    candidates = plantable
    if kind == "magnitude_mismatch":
        candidates = [
            s for s in plantable if s.of("figure")[s.target or 0].scale.strip() in {"million", "billion"}
        ]
    elif kind == "other_party":
        candidates = [s for s in plantable if s.of("country")]
    if not candidates:
        return None
    for _ in range(50):
        shape = rng.choice(candidates)
        target = shape.target
        assert target is not None
        slot = shape.of("figure")[target]
        countries = tuple(rng.sample(COUNTRIES, len(shape.of("country"))))
        shift = rng.choice([d for d in range(-30, 13) if d])  # never the seed's own statement
        base = Variant(countries, shift)
        number = world_number(shape, base, target)
        a = Variant(countries, shift, ((target, number, slot.scale),))
        if kind == "value_mismatch":
            factor = Decimal(str(round(rng.uniform(1.15, 1.6), 3)))
            other = scaled(slot, _number(number) * (factor if rng.random() < 0.5 else 1 / factor))
            if other == number:
                continue
            b = Variant(countries, shift, ((target, other, slot.scale),))
        elif kind == "magnitude_mismatch":
            flipped = " billion" if slot.scale.strip() == "million" else " million"
            b = Variant(countries, shift, ((target, number, flipped),))
        elif kind == "other_party":
            swapped = rng.choice([c for c in COUNTRIES if c not in countries])
            b = Variant((swapped, *countries[1:]), shift, ((target, number, slot.scale),))
        else:  # other_period: another year, the world's value for it
            b = Variant(countries, shift + rng.choice((-3, -2, 2, 3)))
        keys = {world_key(shape, a), world_key(shape, b)}
        if keys & reserved:
            continue
        reserved.update(keys)
        return kind, shape, a, b
    return None


def generate(
    out_dir: Path,
    *,
    n_docs: int = 100,
    seed: int = 0,
    raw_dir: Path = RAW,
    contradictions: int | None = None,
    non_contradictions: int | None = None,
    min_sentences: int = 12,
    max_sentences: int = 90,
    largest_sentences: int = 400,
    figure_share: float = 0.45,
    planted_path: Path | None = None,
) -> dict[str, object]:
    """Write the corpus to `out_dir` (its .txt files replaced) and planted.json; return the manifest.

    `figure_share` is the share of filler sentences that state a figure (the rest is the seed's prose).
    """
    rng = random.Random(seed)
    shapes = harvest_shapes(raw_dir)
    plantable = [s for s in shapes if s.plantable]
    figures = [s for s in shapes if s.of("figure")]
    prose = [s for s in shapes if not s.of("figure")]
    if not plantable or not figures or not prose:
        raise ValueError(
            f"{raw_dir}: {len(plantable)} plantable, {len(figures)} figure and {len(prose)} "
            "prose sentence shapes; the generator needs some of each"
        )
    n_contra = min(n_docs // 2, 100) if contradictions is None else contradictions
    n_non = min(n_docs // 2, 100) if non_contradictions is None else non_contradictions

    reserved: set[tuple[str, int]] = {(s.shape_id, 0) for s in plantable}
    plans = []
    kinds = [CONTRADICTIONS[i % 2] for i in range(n_contra)] + [
        NON_CONTRADICTIONS[i % 2] for i in range(n_non)
    ]
    for kind in kinds:
        plan = _plan_pair(kind, plantable, rng, reserved)
        if plan:
            plans.append(plan)
    reserved -= {(s.shape_id, 0) for s in plantable}  # fillers may restate the seed's own figures

    sizes = [rng.randint(min_sentences, max_sentences) for _ in range(n_docs)]
    if n_docs:
        sizes[rng.randrange(n_docs)] = largest_sentences
    docs: list[list[_Sentence]] = []
    for size in sizes:
        sentences: list[_Sentence] = []
        for _ in range(size):
            shape = rng.choice(figures if rng.random() < figure_share else prose)
            variant = _filler_variant(shape, rng, reserved)
            text, found = render(shape, variant)
            sentences.append(_Sentence(text, found, _key_text(shape, variant)))
        docs.append(sentences)
    for plant_index, (_, shape, a, b) in enumerate(plans):
        doc_a, doc_b = rng.sample(range(n_docs), 2) if n_docs > 1 else (0, 0)
        for side, (doc_index, variant) in enumerate(((doc_a, a), (doc_b, b))):
            text, found = render(shape, variant)
            sentence = _Sentence(
                text, found, _key_text(shape, variant), (plant_index, side), shape.target or 0
            )
            docs[doc_index].insert(rng.randint(0, len(docs[doc_index])), sentence)

    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.txt"):
        old.unlink()
    sides: dict[tuple[int, int], PlantedSide] = {}
    lengths = []
    statements: list[str] = []
    for doc_index, sentences in enumerate(docs):
        name = f"syn_{doc_index:04d}.txt"
        text, positions, records = _write_document(sentences, doc_index, rng)
        (out_dir / name).write_text(text, encoding="utf-8")
        lengths.append(len(text))
        statements.extend(json.dumps({"doc": name, **r}, ensure_ascii=False) for r in records)
        for (plant_index, side), (start, end, surface) in positions.items():
            _, shape, a, b = plans[plant_index]
            variant = (a, b)[side]
            year = int(shape.of("year")[0].text) + variant.year_shift
            sides[(plant_index, side)] = PlantedSide(name, start, end, surface, variant.countries, year)
    planted = [
        asdict(
            Planted(f"p{i:04d}", kind, kind in CONTRADICTIONS, shape.shape_id, sides[(i, 0)], sides[(i, 1)])
        )
        for i, (kind, shape, _, _) in enumerate(plans)
    ]
    manifest: dict[str, object] = {
        "seed": seed,
        "documents": n_docs,
        "characters": sum(lengths),
        "largest_document_characters": max(lengths, default=0),
        "shapes": len(shapes),
        "figure_shapes": len(figures),
        "plantable_shapes": len(plantable),
        "contradictions": sum(p["contradiction"] for p in planted),
        "non_contradictions": sum(not p["contradiction"] for p in planted),
        "planted": planted,
    }
    target = planted_path or out_dir.parent / "planted.json"
    target.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    target.with_name("figures.jsonl").write_text("\n".join(statements) + "\n", encoding="utf-8")
    return manifest


def _write_document(
    sentences: list[_Sentence], index: int, rng: random.Random
) -> tuple[str, dict[tuple[int, int], tuple[int, int, str]], list[dict[str, object]]]:
    """Title, sections and paragraphs. Returns the text, the offsets of the planted figures, and one record
    per figure (start, end, surface, key, figure index) for scoring."""
    parts: list[str] = [f"Synthetic brief {index:04d}: Japan and Southeast Asia\n\n"]
    length = len(parts[0])
    positions: dict[tuple[int, int], tuple[int, int, str]] = {}
    records: list[dict[str, object]] = []
    i = section = 0
    while i < len(sentences):
        if i == 0 or rng.random() < 0.2:
            section += 1
            parts.append(f"Section {section}\n\n")
            length += len(parts[-1])
        for k, sentence in enumerate(sentences[i : i + rng.randint(2, 5)]):
            if k:
                parts.append(" ")
                length += 1
            for n, (start, end, surface) in enumerate(sentence.figures):
                records.append(
                    {
                        "start": length + start,
                        "end": length + end,
                        "surface": surface,
                        "key": sentence.key,
                        "figure": n,
                    }
                )
            if sentence.plant is not None:
                start, end, surface = sentence.figures[sentence.target]
                positions[sentence.plant] = (length + start, length + end, surface)
            parts.append(sentence.text)
            length += len(sentence.text)
            i += 1
        parts.append("\n\n")
        length += 2
    return "".join(parts), positions, records


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True, help="folder for the .txt documents")
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--contradictions", type=int, default=None, help="default: docs / 2, at most 100")
    ap.add_argument("--non-contradictions", type=int, default=None, help="default: docs / 2, at most 100")
    ap.add_argument("--largest-sentences", type=int, default=400)
    ap.add_argument("--figure-share", type=float, default=0.45)
    ap.add_argument("--planted", type=Path, default=None, help="default: OUT/../planted.json")
    args = ap.parse_args(argv)
    manifest = generate(
        args.out,
        n_docs=args.docs,
        seed=args.seed,
        contradictions=args.contradictions,
        non_contradictions=args.non_contradictions,
        largest_sentences=args.largest_sentences,
        figure_share=args.figure_share,
        planted_path=args.planted,
    )
    print(json.dumps({k: v for k, v in manifest.items() if k != "planted"}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
