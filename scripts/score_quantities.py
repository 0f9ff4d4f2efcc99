#!/usr/bin/env python3
"""Run the quantity extractor over whole raw files and score it against the dev gold.

Usage: .venv/bin/python scripts/score_quantities.py [--raw raw] [--gold GOLD] [--out CSV] [--blank] [--all]
       .venv/bin/python scripts/score_quantities.py --records [--blank] < lines

With --records it is the `claims quantities` contract instead (stdin lines of text or JSON with a "text"
field -> one JSON record per line from `claims.nlp.quantities.quantity_record`), e.g. for
`python3 ../shared/eval/quantbench.py GOLD -- .venv/bin/python scripts/score_quantities.py --records`.

Writes a CSV with the claims.csv columns (contract columns not produced by quantity extraction left empty)
and runs ../shared/eval/score_claims.py on it. By default only the documents present in the gold are run.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import spacy

from claims.nlp.pipeline import build_nlp
from claims.nlp.quantities import find_quantities
from claims.types import make_claim_id

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev_gold.jsonl"
SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score_claims.py"


def _fmt(x: float | None) -> str:
    return "" if x is None else repr(float(x))


def _write_pipeline_claims(writer: csv.DictWriter, path: Path, text: str, nlp: object) -> Counter[str]:
    """Rows from the whole extraction stage (segmentation and context on top of the quantities)."""
    import hashlib

    from claims.extract import extract_claims
    from claims.settings import Settings
    from claims.types import Document

    document = Document(doc=path.name, text=text, sha256=hashlib.sha256(path.read_bytes()).hexdigest())
    kinds: Counter[str] = Counter()
    for c in extract_claims(document, nlp, Settings()):  # type: ignore[arg-type]
        kinds[c.kind.value] += 1
        writer.writerow(
            {
                "claim_id": c.claim_id,
                "doc": c.doc,
                "char_start": c.char_start,
                "char_end": c.char_end,
                "surface": c.surface,
                "value": _fmt(c.value),
                "value_low": _fmt(c.value_low),
                "value_high": _fmt(c.value_high),
                "unit": c.unit or "",
                "kind": c.kind.value,
                "counted": c.counted or "",
                "qualifier": c.qualifier.value,
                "period_start": "" if c.period_start is None else c.period_start,
                "period_end": "" if c.period_end is None else c.period_end,
                "fiscal": c.fiscal,
                "subject": c.subject,
                "entities": ";".join(c.entities),
                "section": c.section,
                "sentence": c.sentence,
                "citation": c.citation,
                "confidence": c.confidence,
            }
        )
    return kinds


def _records(nlp: object) -> int:
    """The `claims quantities` contract on stdin/stdout, through `quantity_record`."""
    from claims.nlp.quantities import quantity_record

    for line in sys.stdin:
        text = line.rstrip("\n")
        if text.lstrip().startswith("{"):
            with contextlib.suppress(json.JSONDecodeError, AttributeError):
                text = str(json.loads(text).get("text", ""))
        record = quantity_record(text, nlp)  # type: ignore[arg-type]
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw", type=Path, default=Path("raw"))
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--out", type=Path, default=None, help="CSV path (default: a temp file)")
    ap.add_argument("--blank", action="store_true", help="use spacy.blank('en') (no parser)")
    ap.add_argument("--all", action="store_true", help="extract every raw .txt file, not only gold docs")
    ap.add_argument("--misses", type=int, default=40)
    ap.add_argument(
        "--pipeline",
        action="store_true",
        help="score the full claim extraction (claims.extract: segmentation, table headers, periods)",
    )
    ap.add_argument("--records", action="store_true", help="stdin lines -> quantity records (JSON lines)")
    a = ap.parse_args(argv)
    if a.records:
        return _records(None if a.blank else build_nlp())

    gold_docs = sorted(
        {json.loads(line)["doc"] for line in a.gold.read_text(encoding="utf-8").splitlines() if line.strip()}
    )
    paths = sorted(a.raw.glob("*.txt")) if a.all else [a.raw / d for d in gold_docs]
    paths = [p for p in paths if p.name != "README.md"]
    nlp = spacy.blank("en") if a.blank else build_nlp()
    out = a.out or Path(tempfile.mkstemp(prefix="quantities_", suffix=".csv")[1])
    kinds: Counter[str] = Counter()
    with out.open("w", newline="", encoding="utf-8") as fh:
        from claims.io.frames import CLAIM_CONTRACT  # the record path needs no I/O layer

        writer = csv.DictWriter(fh, fieldnames=CLAIM_CONTRACT)
        writer.writeheader()
        for path in paths:
            text = path.read_text(encoding="utf-8")
            if a.pipeline:
                kinds.update(_write_pipeline_claims(writer, path, text, nlp))
                continue
            doc = nlp(text)
            seen: Counter[tuple[str, str]] = Counter()
            for q in find_quantities(doc):
                sentence = text[q.start : q.end]
                if doc.has_annotation("SENT_START"):
                    span = doc.char_span(q.start, q.end, alignment_mode="expand")
                    if span is not None:
                        sentence = span.sent.text
                key = (sentence, q.surface)
                claim_id = make_claim_id(path.name, sentence, q.surface, seen[key])
                seen[key] += 1
                kinds[q.kind.value] += 1
                writer.writerow(
                    {
                        "claim_id": claim_id,
                        "doc": path.name,
                        "char_start": q.start,
                        "char_end": q.end,
                        "surface": q.surface,
                        "value": _fmt(q.value),
                        "value_low": _fmt(q.value_low),
                        "value_high": _fmt(q.value_high),
                        "unit": q.unit or "",
                        "kind": q.kind.value,
                        "counted": q.counted or "",
                        "qualifier": q.qualifier.value,
                        "sentence": " ".join(sentence.split()),
                    }
                )
    print(f"wrote {out} ({sum(kinds.values())} quantities: {dict(kinds)})")
    cmd = [sys.executable, str(SCORER), str(out), str(a.gold), "--misses", str(a.misses)]
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
