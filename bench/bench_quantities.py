#!/usr/bin/env python3
"""Benchmark: claims' quantity extractor vs quantulum3 on the dev-gold documents (quality and time).

Usage: .venv/bin/python bench/bench_quantities.py [--raw raw] [--gold GOLD] [--repeat 3]
       .venv/bin/python bench/bench_quantities.py --speed [SET.json ...] [--repeat 5]

Both systems read the same whole files. Quality uses the matching of ../shared/eval/score_claims.py
(a prediction matches a gold mention of the same document when the spans overlap and the values agree,
one-to-one; gold mentions marked required=false are neither required nor counted against extras):
value precision / recall / F1, and value+unit F1 (a match counts only when the unit agrees too).
Time: wall-clock seconds per pass (best of --repeat), quantities per second, and the ratio of our
extraction (full pipeline) to a bare `nlp.pipe` over the same text with the quantity component disabled.
Prints a markdown table; nothing is asserted.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev_gold.jsonl"
SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score_claims.py"

Pred = dict[str, object]


def _load_scorer(path: Path):  # noqa: ANN202 - a module
    spec = importlib.util.spec_from_file_location("score_claims", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def evaluate(scorer, preds: dict[str, list[Pred]], gold: dict[str, list[dict]]) -> dict[str, float]:
    """Value P/R/F1 and value+unit F1 with score_claims' matching rules."""
    tp = fp = fn = tp_unit = 0
    for doc, golds in gold.items():
        items = sorted(preds.get(doc, []), key=lambda p: p["start"])  # type: ignore[arg-type,return-value]
        used: set[int] = set()
        matched: dict[int, int] = {}
        for gi, g in enumerate(golds):
            for pi, p in enumerate(items):
                if pi in used or p["end"] <= g["start"] or p["start"] >= g["end"]:  # type: ignore[operator]
                    continue
                if scorer.values_agree(p, g):
                    used.add(pi)
                    matched[gi] = pi
                    break
        for gi, g in enumerate(golds):
            required = g.get("required", True)
            if gi in matched:
                if required:
                    tp += 1
                    p = items[matched[gi]]
                    if scorer.norm_unit(p["unit"]) == g["unit"] or g["unit"] is None:
                        tp_unit += 1
            elif required:
                fn += 1
        for pi, p in enumerate(items):
            if pi in used:
                continue
            if any(
                not g.get("required", True) and p["start"] < g["end"] and g["start"] < p["end"]  # type: ignore[operator]
                for g in golds
            ):
                continue
            fp += 1

    def f1(t: int, f_p: int, f_n: int) -> tuple[float, float, float]:
        prec = t / (t + f_p) if t + f_p else 0.0
        rec = t / (t + f_n) if t + f_n else 0.0
        return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)

    p, r, f = f1(tp, fp, fn)
    # value+unit: a value match with the wrong unit counts as both a miss and an extra
    _, _, fu = f1(tp_unit, fp + (tp - tp_unit), fn + (tp - tp_unit))
    return {"precision": p, "recall": r, "f1": f, "unit_f1": fu, "tp": tp, "fp": fp, "fn": fn}


def claims_predictions(nlp, texts: dict[str, str]) -> dict[str, list[Pred]]:
    from claims.nlp.quantities import find_quantities

    out: dict[str, list[Pred]] = {}
    for (name, _), doc in zip(texts.items(), nlp.pipe(texts.values()), strict=True):
        out[name] = [
            {
                "start": q.start,
                "end": q.end,
                "value": q.value,
                "value_low": q.value_low,
                "value_high": q.value_high,
                "unit": q.unit,
            }
            for q in find_quantities(doc)
        ]
    return out


def pipeline_predictions(nlp, texts: dict[str, str]) -> dict[str, list[Pred]]:
    """The whole claim extraction (segmentation, table headers, reference lists) for reference."""
    import hashlib

    from claims.extract import extract_claims
    from claims.settings import Settings
    from claims.types import Document

    out: dict[str, list[Pred]] = {}
    for name, text in texts.items():
        document = Document(doc=name, text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
        out[name] = [
            {
                "start": c.char_start,
                "end": c.char_end,
                "value": c.value,
                "value_low": c.value_low,
                "value_high": c.value_high,
                "unit": c.unit,
            }
            for c in extract_claims(document, nlp, Settings())
        ]
    return out


def _quantulum_unit(q) -> str | None:  # noqa: ANN001 - a quantulum3 Quantity
    unit = q.unit
    if unit.entity.name == "currency":
        return getattr(unit, "currency_code", None) or unit.name
    if unit.name == "dimensionless":
        return "count"
    return unit.name


def quantulum_predictions(parse: Callable, texts: dict[str, str]) -> dict[str, list[Pred]]:
    out: dict[str, list[Pred]] = {}
    for name, text in texts.items():
        preds = []
        for q in parse(text):
            start, end = q.span
            low = high = None
            value: float | None = float(q.value)
            if q.uncertainty:
                low, high, value = q.value - q.uncertainty, q.value + q.uncertainty, None
            preds.append(
                {
                    "start": start,
                    "end": end,
                    "value": value,
                    "value_low": low,
                    "value_high": high,
                    "unit": _quantulum_unit(q),
                }
            )
        out[name] = preds
    return out


def best_time(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def best_cpu_time(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    """Like `best_time`, in CPU seconds of this process (steadier than the wall clock on a shared machine)."""
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.process_time()
        result = fn()
        best = min(best, time.process_time() - t0)
    return best, result


def speed(texts: list[str], repeat: int) -> dict[str, float]:
    """Extraction speed per token: the text scanner alone and the quantity component on parsed Docs.

    Only `claims.parse.scan.scan` and `claims.nlp.quantities.compute_quantities` are called (with the
    arguments every version of them takes), so the same function times an older checkout put first on
    PYTHONPATH. Tokens are spaCy's (`spacy.blank("en")`). One warm-up pass first (it also builds the unit
    registry, timed apart as `warm_up_s`). Times are the best of `repeat` passes in CPU seconds.
    """
    import spacy

    from claims.nlp.pipeline import QUANTITY_COMPONENT, build_nlp
    from claims.nlp.quantities import compute_quantities
    from claims.parse.scan import scan

    tokens = sum(len(d) for d in spacy.blank("en").pipe(texts))
    t0 = time.perf_counter()
    for text in texts:
        scan(text, keep_bare=True)
    warm = time.perf_counter() - t0
    t_scan, _ = best_cpu_time(lambda: [scan(t, keep_bare=True) for t in texts], repeat)
    nlp = build_nlp()
    with nlp.select_pipes(disable=[QUANTITY_COMPONENT]):
        docs = list(nlp.pipe(texts))
    t_component, _ = best_cpu_time(lambda: [compute_quantities(d) for d in docs], repeat)
    return {
        "tokens": tokens,
        "warm_up_s": round(warm, 3),
        "scan_s": round(t_scan, 4),
        "scan_us_per_token": round(1e6 * t_scan / tokens, 2),
        "component_s": round(t_component, 4),
        "component_us_per_token": round(1e6 * t_component / tokens, 2),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw", type=Path, default=Path("raw"))
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--speed",
        nargs="*",
        type=Path,
        default=None,
        help="only time extraction per token on these CQE-format JSON sets (text of every sentence) plus "
        "the dev-gold documents, and print JSON",
    )
    a = ap.parse_args(argv)
    if a.speed is not None:
        logging.disable(logging.WARNING)
        scorer = _load_scorer(SCORER)
        gold = scorer.load_gold(str(a.gold), None)
        texts = [(a.raw / name).read_text(encoding="utf-8") for name in sorted(gold)]
        for path in a.speed:
            texts += [s["text"] for s in json.loads(path.read_text(encoding="utf-8"))]
        print(json.dumps(speed(texts, a.repeat)))
        return 0
    logging.disable(logging.WARNING)
    warnings.filterwarnings("ignore")

    scorer = _load_scorer(SCORER)
    gold = scorer.load_gold(str(a.gold), None)
    texts = {name: (a.raw / name).read_text(encoding="utf-8") for name in sorted(gold)}
    chars = sum(len(t) for t in texts.values())

    import spacy

    from claims.nlp.pipeline import QUANTITY_COMPONENT, build_nlp
    from claims.nlp.quantities import find_quantities

    nlp = build_nlp()
    list(nlp.pipe(texts.values()))  # warm up
    t_ours, ours = best_time(lambda: claims_predictions(nlp, texts), a.repeat)
    with nlp.select_pipes(disable=[QUANTITY_COMPONENT]):
        t_bare, bare_docs = best_time(lambda: list(nlp.pipe(texts.values())), a.repeat)
    from claims.nlp.quantities import compute_quantities

    # the component alone on the already-parsed Docs: steadier than a difference of two noisy passes
    t_component, _ = best_time(lambda: [compute_quantities(d) for d in bare_docs], a.repeat)  # type: ignore[union-attr]
    blank = spacy.blank("en")
    t_blank, ours_blank = best_time(
        lambda: {
            n: [
                {
                    "start": q.start,
                    "end": q.end,
                    "value": q.value,
                    "value_low": q.value_low,
                    "value_high": q.value_high,
                    "unit": q.unit,
                }
                for q in find_quantities(blank(t))
            ]
            for n, t in texts.items()
        },
        a.repeat,
    )
    t_pipe, pipe = best_time(lambda: pipeline_predictions(nlp, texts), 1)

    from quantulum3 import parser as qparser

    qparser.parse("warm up 5 km")  # loads its unit tables
    t_q, theirs = best_time(lambda: quantulum_predictions(qparser.parse, texts), max(1, a.repeat - 2))

    # Diagnostic: bare table cells get their unit and scale from the column header in the claim stage
    # (`USD Billions`, `% of GDP`); without that stage they cannot match. Score them apart.
    header_cells = {
        d: [(g["start"], g["end"]) for g in gs if str(g.get("note", "")).startswith("table cell in")]
        for d, gs in gold.items()
    }
    gold_wo = {d: [g for g in gs if (g["start"], g["end"]) not in header_cells[d]] for d, gs in gold.items()}
    ours_wo = {
        d: [p for p in ps if not any(p["start"] < e and s < p["end"] for s, e in header_cells.get(d, []))]
        for d, ps in ours.items()
    }
    rows = [
        ("claims (spaCy pipeline + claims_quantities)", evaluate(scorer, ours, gold), t_ours, ours),
        ("  same, header-unit table cells set aside", evaluate(scorer, ours_wo, gold_wo), t_ours, ours_wo),
        (
            "claims scanner on spacy.blank (no parser)",
            evaluate(scorer, ours_blank, gold),
            t_blank,
            ours_blank,
        ),
        (
            "claims extract (whole claim stage: + tables, references)",
            evaluate(scorer, pipe, gold),
            t_pipe,
            pipe,
        ),
        ("quantulum3 " + _version("quantulum3"), evaluate(scorer, theirs, gold), t_q, theirs),
    ]
    print(f"Documents: {', '.join(texts)} ({chars:,} characters); gold: {a.gold}\n")
    print("| system | value P | value R | value F1 | value+unit F1 | tp/fp/fn | seconds | quantities/s |")
    print("|---|---|---|---|---|---|---|---|")
    for name, m, seconds, preds in rows:
        n = sum(len(v) for v in preds.values())  # type: ignore[union-attr]
        print(
            f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['unit_f1']:.3f} | "
            f"{m['tp']}/{m['fp']}/{m['fn']} | {seconds:.3f} | {n / seconds:,.0f} |"
        )
    print(
        f"\nBare `nlp.pipe` ({', '.join(p for p in nlp.pipe_names if p != QUANTITY_COMPONENT)}): "
        f"{t_bare:.3f} s; with claims_quantities: {t_ours:.3f} s (ratio {t_ours / t_bare:.3f}, noisy on a "
        f"shared machine). The component alone on the parsed Docs: {t_component:.3f} s, i.e. "
        f"(bare + component) / bare = {(t_bare + t_component) / t_bare:.3f}."
    )
    never_tuned_section(scorer, nlp, qparser.parse)
    ratios = {
        "ratio_to_bare_pipe": round(t_ours / t_bare, 4),
        "component_ratio": round((t_bare + t_component) / t_bare, 4),
    }
    print(json.dumps(ratios))
    return 0


def never_tuned_section(scorer, nlp, qparse: Callable) -> None:
    """Both systems on the never-tuned sentences and known failures of tests/parse/test_scan.py."""
    spec = importlib.util.spec_from_file_location(
        "test_scan", Path(__file__).resolve().parents[1] / "tests" / "parse" / "test_scan.py"
    )
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    texts: dict[str, str] = {}
    gold: dict[str, list[dict]] = {}
    cases = list(module.NEVER_TUNED) + [p.values for p in module.KNOWN_FAILURES]
    for i, (text, expected) in enumerate(cases):
        name = f"s{i:03d}"
        texts[name] = text
        gold[name] = []
        for surface, value, unit, _ in expected:
            start = text.find(surface)
            low, high = value if isinstance(value, tuple) else (None, None)
            gold[name].append(
                {
                    "start": start,
                    "end": start + len(surface),
                    "surface": surface,
                    "value": None if isinstance(value, tuple) else value,
                    "value_low": low,
                    "value_high": high,
                    "unit": scorer.norm_unit(unit),
                    "required": True,
                }
            )
    rows = [
        ("claims (spaCy pipeline)", claims_predictions(nlp, texts)),
        ("quantulum3", quantulum_predictions(qparse, texts)),
    ]
    n = sum(len(g) for g in gold.values())
    print(
        f"\nNever-tuned sentences ({len(texts)} sentences, {n} mentions; "
        "tests/parse/test_scan.py NEVER_TUNED + KNOWN_FAILURES):\n"
    )
    print("| system | value P | value R | value F1 | value+unit F1 |")
    print("|---|---|---|---|---|")
    for name, preds in rows:
        m = evaluate(scorer, preds, gold)
        print(f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['unit_f1']:.3f} |")


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "?"


if __name__ == "__main__":
    sys.exit(main())
