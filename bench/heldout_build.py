#!/usr/bin/env python3
"""Build tests/data/heldout/quantities.jsonl from the hand-annotated markup in quantities.src.txt.

Usage: .venv/bin/python bench/heldout_build.py [--check]

The source holds one sentence a line with each quantity mention marked inline:

    Exports fell {{4.5 per cent|percent|4.5}} to {{$52.3 billion|money|52.3e9|USD}} in March.

Fields: surface | kind | value | unit | options. A value `a..b` is a range (value_low, value_high); a value
`200/3` is a fraction. An empty unit takes the kind's default (count -> count, percent -> percent,
multiplier -> times). Options: `q=<qualifier>`, `c=<counted noun phrase>`, `r=0` (a borderline mention,
neither required nor penalised), `n=<note>`. Lines `@ <style>` set the style of the lines that follow;
`#` lines are comments. The offsets are computed here and checked (`text[start:end] == surface`), so the
JSONL never drifts from the markup. `--check` rebuilds in memory and fails if the file on disk differs.

Output: one JSON object per sentence (sentences without mentions are the hard negatives):
    {"id", "style", "text", "mentions": [{start, end, surface, kind, value, value_low, value_high, unit,
     counted, qualifier, required, note}]}
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests/data/heldout"
# markup -> JSONL: the first batch (baseline, then used to find failures) and the second batch (written after
# the first round of fixes, never tuned on)
FILES = {
    HELDOUT / "quantities.src.txt": HELDOUT / "quantities.jsonl",
    HELDOUT / "quantities2.src.txt": HELDOUT / "quantities2.jsonl",
    HELDOUT / "quantities3.src.txt": HELDOUT / "quantities3.jsonl",
}
SOURCE = HELDOUT / "quantities.src.txt"

KINDS = {"money", "count", "percent", "measure", "multiplier", "other"}
QUALIFIERS = {"exact", "approx", "over", "under", "at_least", "up_to"}
DEFAULT_UNITS = {"count": "count", "percent": "percent", "multiplier": "times"}
MARK = re.compile(r"\{\{(?P<body>.+?)\}\}")


class MarkupError(ValueError):
    """A line of the markup that cannot be read (the message names the line)."""


def _number(text: str) -> float:
    text = text.strip()
    if "/" in text:
        num, den = text.split("/")
        return float(Fraction(num) / Fraction(den))
    return float(text)


def _mention(body: str, start: int, where: str) -> dict[str, object]:
    parts = body.split("|")
    if len(parts) < 3:
        raise MarkupError(f"{where}: need surface|kind|value in {body!r}")
    surface, kind, value = parts[0], parts[1].strip(), parts[2].strip()
    rest = parts[3:]
    unit = ""
    if rest and "=" not in rest[0]:  # the unit field may be left out before the options
        unit = rest.pop(0).strip()
    options = {}
    for opt in rest:
        if "=" not in opt:
            raise MarkupError(f"{where}: option {opt!r} is not key=value")
        key, _, val = opt.partition("=")
        options[key.strip()] = val.strip()
    if kind not in KINDS:
        raise MarkupError(f"{where}: unknown kind {kind!r}")
    if surface != surface.strip() or not surface:
        raise MarkupError(f"{where}: surface {surface!r} is not trimmed")
    low = high = single = None
    if ".." in value:
        lo, hi = value.split("..")
        low, high = _number(lo), _number(hi)
        if not low < high:
            raise MarkupError(f"{where}: range {value!r} is not increasing")
    else:
        single = _number(value)
    qualifier = options.pop("q", "exact")
    if qualifier not in QUALIFIERS:
        raise MarkupError(f"{where}: unknown qualifier {qualifier!r}")
    unit = unit or DEFAULT_UNITS.get(kind, "")
    if not unit and kind != "other":
        raise MarkupError(f"{where}: kind {kind} needs a unit")
    required = options.pop("r", "1") != "0"
    counted = options.pop("c", None)
    note = options.pop("n", None)
    if options:
        raise MarkupError(f"{where}: unknown options {sorted(options)}")
    return {
        "start": start,
        "end": start + len(surface),
        "surface": surface,
        "kind": kind,
        "value": single,
        "value_low": low,
        "value_high": high,
        "unit": unit or None,
        "counted": counted,
        "qualifier": qualifier,
        "required": required,
        "note": note,
    }


def parse_line(line: str, where: str) -> tuple[str, list[dict[str, object]]]:
    """One marked-up line -> (plain text, mentions with offsets into the plain text)."""
    text_parts: list[str] = []
    mentions: list[dict[str, object]] = []
    pos = 0
    length = 0
    for m in MARK.finditer(line):
        before = line[pos : m.start()]
        text_parts.append(before)
        length += len(before)
        mention = _mention(m.group("body"), length, where)
        text_parts.append(str(mention["surface"]))
        length += len(str(mention["surface"]))
        mentions.append(mention)
        pos = m.end()
    text_parts.append(line[pos:])
    text = "".join(text_parts)
    if "{{" in text or "}}" in text:
        raise MarkupError(f"{where}: unbalanced markup")
    for mention in mentions:
        if text[mention["start"] : mention["end"]] != mention["surface"]:  # type: ignore[misc]
            raise MarkupError(f"{where}: offsets do not give back {mention['surface']!r}")
    return text, mentions


def build(source: Path = SOURCE) -> list[dict[str, object]]:
    """Every sentence of the markup file as a record (see the module docstring)."""
    records: list[dict[str, object]] = []
    style = "unknown"
    prefix = "ho" if source.name == "quantities.src.txt" else "ho" + source.name.split(".")[0][-1]
    for n, raw in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@ "):
            style = line[2:].strip()
            continue
        text, mentions = parse_line(line, f"{source.name}:{n}")
        records.append(
            {"id": f"{prefix}-{len(records) + 1:03d}", "style": style, "text": text, "mentions": mentions}
        )
    return records


def dumps(records: list[dict[str, object]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if the JSONL on disk is not up to date")
    args = ap.parse_args(argv)
    stale = 0
    for source, target in FILES.items():
        records = build(source)
        out = dumps(records)
        if args.check:
            if not target.exists() or target.read_text(encoding="utf-8") != out:
                print(f"{target} is out of date; run bench/heldout_build.py", file=sys.stderr)
                stale += 1
            continue
        target.write_text(out, encoding="utf-8")
        mentions = [m for r in records for m in r["mentions"]]  # type: ignore[union-attr]
        required = sum(1 for m in mentions if m["required"])
        negatives = sum(1 for r in records if not r["mentions"])
        print(
            f"{target.name}: {len(records)} sentences, {len(mentions)} mentions ({required} required), "
            f"{negatives} without any"
        )
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
