#!/usr/bin/env python3
"""Score claims' quantity extractor and quantulum3 on the held-out sentences, side by side.

Usage: .venv/bin/python bench/heldout_score.py [--data FILE ...] [--errors] [--style] [--json]
                                                [--no-quantulum]

Each sentence of the held-out batches (tests/data/heldout/quantities*.jsonl; see BATCHES for how each was
used) is run on its own:
- claims: `claims.nlp.pipeline.build_nlp()` (statistical pipeline + claims_quantities), then
  `claims.nlp.quantities.find_quantities` on each Doc;
- claims on `spacy.blank("en")` (the text scanner alone, no parser), for reference;
- quantulum3 (`quantulum3.parser.parse`, without its optional classifier).

Matching follows ../shared/eval/score_claims.py: a prediction matches a gold mention when the spans
overlap and the values agree (relative tolerance 1e-6; ranges compare both bounds), one-to-one, gold in
order; gold mentions with required=false are neither required nor counted against extras that overlap them.
value+unit F1 counts a match only when the unit agrees too (a value match with a wrong unit is then both a
miss and an extra). Units of both systems go through the same normalisation (score_claims' aliases, plus
British spellings and quantulum3's names: `metre` -> `meter`, `dimensionless` -> `count`, `percentage` ->
`percent`). Time is the wall clock of one pass over all sentences after a warm-up (per batch: that pass's
time prorated by sentences). Prints a markdown table per batch and for all; with --errors, every miss, extra
and wrong unit of claims; with --style, value+unit F1 per text style.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
import time
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests/data/heldout"
DATA = HELDOUT / "quantities.jsonl"
# batch -> how it was used: the first was the baseline and then used to find failures; the second was
# scored once after the first round of fixes and then used too; the third was scored once after the second.
BATCHES = {
    "quantities.jsonl": "batch 1 (baseline, then tuned on)",
    "quantities2.jsonl": "batch 2 (after round 1, then tuned on)",
    "quantities3.jsonl": "batch 3 (after round 2)",
}

Pred = dict[str, object]
Record = dict[str, object]

# Unit spellings mapped to the canonical names (applied to the predictions of every system alike).
UNIT_ALIASES: dict[str, str] = {
    "%": "percent",
    "percentage": "percent",
    "per cent": "percent",
    "pct": "percent",
    "metre": "meter",
    "metres": "meter",
    "meters": "meter",
    "m": "meter",
    "kilometre": "kilometer",
    "km": "kilometer",
    "square kilometre": "square kilometer",
    "square metre": "square meter",
    "centimetre": "centimeter",
    "millimetre": "millimeter",
    "litre": "liter",
    "kilometre per hour": "kilometer per hour",
    "mw": "megawatt",
    "hours": "hour",
    "hrs": "hour",
    "minutes": "minute",
    "years": "year",
    "decades": "decade",
    "x": "times",
    "fold": "times",
    "dimensionless": "count",
    "metric ton": "tonne",
    "ton": "tonne",
    "kilowatt-hour": "kilowatt hour",
    "degree celsius": "degree celsius",
    "percentage point": "percentage point",
}


def norm_unit(unit: object) -> str | None:
    """Canonical unit name: ISO codes kept, words lower-cased and mapped through UNIT_ALIASES."""
    if unit is None:
        return None
    text = str(unit).strip()
    if not text or text.lower() in ("nan", "none"):
        return None
    if len(text) == 3 and text.isalpha() and text.isupper():
        return text
    lower = text.lower()
    return UNIT_ALIASES.get(lower, lower)


def _close(a: object, b: object) -> bool:
    if a is None or b is None:
        return False
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)  # type: ignore[arg-type]


def values_agree(pred: Pred, gold: dict) -> bool:
    """score_claims' rule: a single value matches a single value; a range matches both bounds."""
    if gold["value"] is not None:
        return _close(pred["value"], gold["value"])
    return _close(pred["value_low"], gold["value_low"]) and _close(pred["value_high"], gold["value_high"])


def load(path: Path = DATA) -> list[Record]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def match(preds: list[Pred], golds: list[dict]) -> dict[int, int]:
    """Gold index -> prediction index, one-to-one, in gold order (score_claims' greedy matching)."""
    ordered = sorted(range(len(preds)), key=lambda i: preds[i]["start"])  # type: ignore[arg-type,return-value]
    used: set[int] = set()
    out: dict[int, int] = {}
    for gi, g in enumerate(golds):
        for pi in ordered:
            p = preds[pi]
            if pi in used or p["end"] <= g["start"] or p["start"] >= g["end"]:  # type: ignore[operator]
                continue
            if values_agree(p, g):
                used.add(pi)
                out[gi] = pi
                break
    return out


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(records: Iterable[Record], preds: dict[str, list[Pred]]) -> dict[str, object]:
    """Value P/R/F1, value+unit F1 and, over matched mentions, kind/qualifier/counted agreement."""
    tp = fp = fn = tp_unit = 0
    kind_ok = qual_ok = counted_ok = counted_n = matched_n = 0
    misses: list[tuple] = []
    extras: list[tuple] = []
    wrong_unit: list[tuple] = []
    for record in records:
        rid, text = str(record["id"]), str(record["text"])
        golds = record["mentions"]  # type: ignore[assignment]
        items = preds.get(rid, [])
        pairs = match(items, golds)  # type: ignore[arg-type]
        for gi, g in enumerate(golds):  # type: ignore[arg-type]
            required = g.get("required", True)
            if gi not in pairs:
                if required:
                    fn += 1
                    misses.append((rid, g["surface"], g["value"] or (g["value_low"], g["value_high"]), text))
                continue
            p = items[pairs[gi]]
            if not required:
                continue
            tp += 1
            matched_n += 1
            if norm_unit(p["unit"]) == norm_unit(g["unit"]) or g["unit"] is None:
                tp_unit += 1
            else:
                wrong_unit.append((rid, g["surface"], g["unit"], p["unit"], text))
            kind_ok += p.get("kind") == g["kind"]
            qual_ok += p.get("qualifier", "exact") == g["qualifier"]
            if g["kind"] == "count" and g.get("counted"):
                counted_n += 1
                counted_ok += (p.get("counted") or "").lower() == g["counted"].lower()
        used = set(pairs.values())
        for pi, p in enumerate(items):
            if pi in used:
                continue
            if any(
                not g.get("required", True) and p["start"] < g["end"] and g["start"] < p["end"]  # type: ignore[operator]
                for g in golds  # type: ignore[union-attr]
            ):
                continue
            fp += 1
            extras.append(
                (
                    rid,
                    p.get("surface"),
                    p["value"] if p["value"] is not None else (p["value_low"], p["value_high"]),
                    text,
                )
            )
    prec, rec, f1 = _prf(tp, fp, fn)
    wrong = tp - tp_unit
    _, _, unit_f1 = _prf(tp_unit, fp + wrong, fn + wrong)
    return {
        "precision": prec,
        "recall": rec,
        "f1": f1,
        "unit_f1": unit_f1,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "kind_accuracy": kind_ok / matched_n if matched_n else 0.0,
        "qualifier_accuracy": qual_ok / matched_n if matched_n else 0.0,
        "counted_accuracy": counted_ok / counted_n if counted_n else 0.0,
        "misses": misses,
        "extras": extras,
        "wrong_unit": wrong_unit,
    }


# --------------------------------------------------------------------------------------------------
# systems


def _as_pred(q) -> Pred:  # noqa: ANN001 - a claims Quantity
    return {
        "start": q.start,
        "end": q.end,
        "surface": q.surface,
        "value": q.value,
        "value_low": q.value_low,
        "value_high": q.value_high,
        "unit": q.unit,
        "kind": q.kind.value,
        "qualifier": q.qualifier.value,
        "counted": q.counted,
    }


def claims_predictions(nlp, records: list[Record]) -> dict[str, list[Pred]]:  # noqa: ANN001
    """find_quantities on each sentence parsed by `nlp` (a full pipeline or spacy.blank)."""
    from claims.nlp.quantities import find_quantities

    texts = [str(r["text"]) for r in records]
    return {
        str(r["id"]): [_as_pred(q) for q in find_quantities(doc)]
        for r, doc in zip(records, nlp.pipe(texts), strict=True)
    }


def _quantulum_unit(q) -> str | None:  # noqa: ANN001 - a quantulum3 Quantity
    unit = q.unit
    if unit.entity.name == "currency":
        return getattr(unit, "currency_code", None) or unit.name
    return unit.name


def quantulum_predictions(parse: Callable, records: list[Record]) -> dict[str, list[Pred]]:
    out: dict[str, list[Pred]] = {}
    for r in records:
        preds: list[Pred] = []
        for q in parse(str(r["text"])):
            start, end = q.span
            low = high = None
            value: float | None = float(q.value)
            if q.uncertainty:
                low, high, value = q.value - q.uncertainty, q.value + q.uncertainty, None
            preds.append(
                {
                    "start": start,
                    "end": end,
                    "surface": q.surface,
                    "value": value,
                    "value_low": low,
                    "value_high": high,
                    "unit": _quantulum_unit(q),
                }
            )
        out[str(r["id"])] = preds
    return out


def timed(fn: Callable[[], dict[str, list[Pred]]]) -> tuple[float, dict[str, list[Pred]]]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "?"


def run_systems(records: list[Record], *, quantulum: bool) -> list[tuple[str, float, dict[str, list[Pred]]]]:
    """(system name, seconds, predictions by sentence id) for claims, the blank scanner and quantulum3."""
    import spacy

    from claims.nlp.pipeline import build_nlp

    nlp = build_nlp()
    list(nlp.pipe(["Warm up with $5 million."]))
    blank = spacy.blank("en")
    rows: list[tuple[str, float, dict[str, list[Pred]]]] = []
    t, ours = timed(lambda: claims_predictions(nlp, records))
    rows.append(("claims (spaCy pipeline + claims_quantities)", t, ours))
    t, ours_blank = timed(lambda: claims_predictions(blank, records))
    rows.append(("claims scanner on spacy.blank (no parser)", t, ours_blank))
    if quantulum:
        from quantulum3 import parser as qparser

        qparser.parse("warm up 5 km")
        t, theirs = timed(lambda: quantulum_predictions(qparser.parse, records))
        rows.append((f"quantulum3 {_version('quantulum3')}", t, theirs))
    return rows


def _table(records: list[Record], rows: list[tuple[str, float, dict[str, list[Pred]]]]) -> None:
    print("| system | value P | value R | value F1 | value+unit F1 | tp/fp/fn | seconds |")
    print("|---|---|---|---|---|---|---|")
    for name, t, preds in rows:
        m = score(records, preds)
        print(
            f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['unit_f1']:.3f} | "
            f"{m['tp']}/{m['fp']}/{m['fn']} | {t:.2f} |"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--data", type=Path, action="append", help="a held-out JSONL (repeatable; default: every batch)"
    )
    ap.add_argument("--errors", action="store_true", help="list claims' misses, extras and wrong units")
    ap.add_argument("--style", action="store_true", help="value+unit F1 per text style")
    ap.add_argument("--json", action="store_true", help="print the summary figures as JSON")
    ap.add_argument("--no-quantulum", action="store_true")
    a = ap.parse_args(argv)
    logging.disable(logging.WARNING)
    warnings.filterwarnings("ignore")

    paths = a.data or [HELDOUT / name for name in BATCHES]
    batches = {path: load(path) for path in paths}
    records = [r for recs in batches.values() for r in recs]
    rows = run_systems(records, quantulum=not a.no_quantulum)
    if a.json:
        print(
            json.dumps(
                {
                    name: {k: v for k, v in score(records, preds).items() if not isinstance(v, list)}
                    | {"seconds": t}
                    for name, t, preds in rows
                }
            )
        )
        return 0
    for path, recs in batches.items():
        ids = {str(r["id"]) for r in recs}
        chars = sum(len(str(r["text"])) for r in recs)
        required = sum(1 for r in recs for m in r["mentions"] if m["required"])  # type: ignore[union-attr]
        print(
            f"\n{path.name} — {BATCHES.get(path.name, 'extra file')}: {len(recs)} sentences, {chars:,} "
            f"characters, {required} required mentions\n"
        )
        share = len(recs) / len(records)
        _table(recs, [(n, t * share, {k: v for k, v in p.items() if k in ids}) for n, t, p in rows])
    if len(batches) > 1:
        print(f"\nAll batches: {len(records)} sentences (seconds are for this whole pass)\n")
        _table(records, rows)
    m = score(records, rows[0][2])
    print(
        f"\nclaims, over matched mentions: kind {m['kind_accuracy']:.3f}, qualifier "
        f"{m['qualifier_accuracy']:.3f}, counted noun {m['counted_accuracy']:.3f}"
    )
    if a.style:
        by_style: dict[str, list[Record]] = defaultdict(list)
        for r in records:
            by_style[str(r["style"])].append(r)
        print("\n| style | sentences | " + " | ".join(name.split(" (")[0] for name, _, _ in rows) + " |")
        print("|---|---|" + "---|" * len(rows))
        for style, recs in by_style.items():
            cells = [f"{score(recs, preds)['unit_f1']:.3f}" for _, _, preds in rows]
            print(f"| {style} | {len(recs)} | " + " | ".join(cells) + " |")
    if a.errors:
        for title, key in (("missed", "misses"), ("extra", "extras"), ("wrong unit", "wrong_unit")):
            items = m[key]  # type: ignore[assignment]
            print(f"\nclaims {title}: {len(items)}")
            for item in items:
                print("   ", item[:-1], "|", item[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
