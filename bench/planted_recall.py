"""Score the pipeline's findings on a synthetic corpus against what was planted in it.

    .venv/bin/python bench/planted_recall.py --corpus /tmp/synth/raw --out /tmp/synth/processed

Reads the findings and claims from the run's database (processed/claims.duckdb: scored even when validation
stops the CSV exports) and planted.json + figures.jsonl written by `synthetic_corpus.py` beside the corpus.

A finding side is tied to a figure of the corpus when it is in the same document and its span overlaps the
figure's span. Each finding between two figures is then labelled by construction:

- `planted contradiction`: the two sides of a planted contradiction (a hit);
- `planted look-alike`: the two sides of a planted non-contradiction (other party / other period): false;
- `same fact`: the same shape, year shift and figure index, hence the same value (countries may differ:
  the same amount for another party): false;
- `other figure of the sentence`: the same shape and year shift, another figure of that sentence: false;
- `other period`: the same sentence shape with its years shifted (another survey, budget or year): false;
- `different sentences`: two different seed sentence shapes (possibly the same quantity): not scored;
- `one operand`: a finding with one side (arithmetic inside a sentence): not scored.
"""

from __future__ import annotations

import argparse
import bisect
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pandas as pd

FALSE_LABELS = ("planted look-alike", "same fact", "other figure of the sentence", "other period")


class FigureIndex:
    """Figures by document, sorted by start, for span-overlap lookups."""

    def __init__(self, records: list[dict[str, Any]]) -> None:
        by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in records:
            by_doc[r["doc"]].append(r)
        self.by_doc = {d: sorted(rs, key=lambda r: r["start"]) for d, rs in by_doc.items()}
        self.starts = {d: [r["start"] for r in rs] for d, rs in self.by_doc.items()}

    def find(self, doc: str, start: int, end: int) -> dict[str, Any] | None:
        records = self.by_doc.get(doc)
        if not records:
            return None
        i = bisect.bisect_right(self.starts[doc], end) - 1
        while i >= 0 and records[i]["end"] > start - 200:
            r = records[i]
            if r["start"] < end and start < r["end"]:
                return r
            i -= 1
        return None


def _label(
    fa: dict[str, Any] | None,
    fb: dict[str, Any] | None,
    plants: dict[frozenset[tuple[str, int]], dict[str, Any]],
) -> str:
    if fa is None or fb is None:
        return "unknown span"
    key = frozenset(((fa["doc"], fa["start"]), (fb["doc"], fb["start"])))
    plant = plants.get(key)
    if plant is not None:
        return "planted contradiction" if plant["contradiction"] else "planted look-alike"
    shape_a, shift_a, _ = fa["key"].split("|")
    shape_b, shift_b, _ = fb["key"].split("|")
    if shape_a != shape_b:
        return "different sentences"
    if shift_a != shift_b:
        return "other period"
    return "same fact" if fa["figure"] == fb["figure"] else "other figure of the sentence"


def score(
    conflicts: pd.DataFrame, claims: pd.DataFrame, manifest: dict[str, Any], figures: list[dict[str, Any]]
) -> dict[str, Any]:
    """Recall on planted contradictions, false findings on planted look-alikes and on restated facts."""
    index = FigureIndex(figures)
    planted = manifest["planted"]
    plants = {
        frozenset(((p["a"]["doc"], p["a"]["start"]), (p["b"]["doc"], p["b"]["start"]))): p for p in planted
    }
    labels: Counter[str] = Counter()
    hit: dict[str, str] = {}  # plant id -> the finding's kind
    for row in conflicts.itertuples(index=False):
        if not isinstance(row.claim_b, str) or not row.claim_b:
            labels["one operand"] += 1
            continue
        fa = index.find(str(row.doc_a), int(row.start_a), int(row.end_a))
        fb = index.find(str(row.doc_b), int(row.start_b), int(row.end_b))
        label = _label(fa, fb, plants)
        labels[label] += 1
        if label.startswith("planted") and fa and fb:
            plant = plants[frozenset(((fa["doc"], fa["start"]), (fb["doc"], fb["start"])))]
            hit[plant["plant_id"]] = str(row.kind)

    extracted = 0
    claim_spans = FigureIndex(
        [
            {"doc": r.doc, "start": int(r.char_start), "end": int(r.char_end)}
            for r in claims.itertuples(index=False)
        ]
    )
    for p in planted:
        extracted += sum(claim_spans.find(p[s]["doc"], p[s]["start"], p[s]["end"]) is not None for s in "ab")

    contra = [p for p in planted if p["contradiction"]]
    looks = [p for p in planted if not p["contradiction"]]
    by_kind: dict[str, dict[str, int]] = {}
    for p in planted:
        entry = by_kind.setdefault(p["kind"], {"planted": 0, "flagged": 0, "kind_ok": 0})
        entry["planted"] += 1
        if p["plant_id"] in hit:
            entry["flagged"] += 1
            entry["kind_ok"] += hit[p["plant_id"]] == p["kind"]
    found = sum(p["plant_id"] in hit for p in contra)
    false_on_looks = sum(p["plant_id"] in hit for p in looks)
    false_total = sum(labels[k] for k in FALSE_LABELS)
    scored = false_total + labels["planted contradiction"]
    return {
        "contradictions_planted": len(contra),
        "contradictions_found": found,
        "recall": round(found / len(contra), 4) if contra else None,
        "lookalikes_planted": len(looks),
        "lookalikes_flagged": false_on_looks,
        "lookalike_false_rate": round(false_on_looks / len(looks), 4) if looks else None,
        "by_kind": by_kind,
        "planted_figures_extracted": extracted,
        "planted_figures": 2 * len(planted),
        "findings": int(len(conflicts)),
        "findings_by_label": dict(labels),
        "false_findings_by_construction": false_total,
        "precision_on_labelled": round(labels["planted contradiction"] / scored, 4) if scored else None,
    }


def load_run(out_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(conflicts, claims) from the run's database, read-only."""
    from claims.io.store import Store

    with Store(out_dir / "claims.duckdb", read_only=True) as store:
        return store.conflicts_df(), store.claims_df()


def load_manifest(corpus_dir: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    manifest = json.loads((corpus_dir.parent / "planted.json").read_text(encoding="utf-8"))
    lines = (corpus_dir.parent / "figures.jsonl").read_text(encoding="utf-8").splitlines()
    return manifest, [json.loads(line) for line in lines if line]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, required=True, help="the synthetic corpus (the run's --raw)")
    ap.add_argument("--out", type=Path, required=True, help="the run's --out folder")
    args = ap.parse_args(argv)
    manifest, figures = load_manifest(args.corpus)
    conflicts, claims = load_run(args.out)
    print(json.dumps(score(conflicts, claims, manifest, figures), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
