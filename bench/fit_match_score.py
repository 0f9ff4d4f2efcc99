"""Fit the match score's weights (src/claims/reconcile/calibration.py) on sets with a gold file.

    .venv/bin/python bench/fit_match_score.py --seeds --set set_a            # print a calibration module
    .venv/bin/python bench/fit_match_score.py --seeds --set set_a --write    # and write it in place
    .venv/bin/python bench/fit_match_score.py --seeds --set set_a --claims-cache /tmp/claims

Training data: every two-statement candidate finding the engine produces (threshold 0, so all are kept),
labelled against the set's gold (`bench/reconcile_real.py` matching): 1 when it matches a gold finding not
matched before (strongest first), 0 for a duplicate, a look-alike or an unlisted finding; candidates on an
`uncertain` pair are left out. Sentence-level checks (arithmetic, conversion) are not scored.
Model: L2-regularised logistic regression (scipy.optimize, `--l2`), features from
`claims.reconcile.scoring.FEATURES`. The threshold is the lowest probability at which the training
precision reaches `--precision` (0.9), so recall is kept as high as that precision allows (with `--keep-seeds`
lowered until every true finding of the seeds is a finding). Only the seeds and
the development set are fitted on; the validation set is never passed here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import pickle
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import reconcile_real as rr  # noqa: E402

CALIBRATION = ROOT / "src" / "claims" / "reconcile" / "calibration.py"


def candidates(name: str, raw: Path, gold: dict[str, Any], cache: Path | None) -> list[tuple[dict, int]]:  # noqa: C901
    """(features, label) for every scored candidate finding of one set."""
    from claims.reconcile import find_conflicts
    from claims.settings import Settings

    cached = cache / f"{name}.pkl" if cache else None
    if cached is not None and cached.exists():
        claims = pickle.loads(cached.read_bytes())
    else:
        claims = rr.extract_folder(raw)
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(pickle.dumps(claims))
    settings = Settings()
    conflicts = find_conflicts(claims, settings)
    by_id = {c.conflict_id: c for c in conflicts}
    reported = [
        r for r in rr.reported_findings(claims, conflicts) if "features" in by_id[r.conflict_id].details
    ]
    matched: Counter[str] = Counter()
    out = []
    for r in sorted(reported, key=lambda r: (-r.score, r.conflict_id)):
        features = by_id[r.conflict_id].details["features"]
        hit = [e for e in gold.get("findings", []) if rr.matches_finding(e, r) and not matched[e["id"]]]
        if hit:
            matched[hit[0]["id"]] += 1
            out.append((features, 1))
        elif any(rr.matches_pair(e, r) for e in gold.get("uncertain", [])):
            continue
        else:
            out.append((features, 0))
    print(f"{name}: {len(out)} candidates, {sum(y for _, y in out)} true", file=sys.stderr)
    return out


def fit(rows: list[tuple[dict, int]], names: tuple[str, ...], l2: float) -> np.ndarray:
    x = np.array([[1.0] + [f.get(n, 0.0) for n in names] for f, _ in rows])
    y = np.array([label for _, label in rows], dtype=float)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        p = 1 / (1 + np.exp(-z))
        eps = 1e-9
        value = -np.sum(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)) + l2 * np.sum(w[1:] ** 2)
        grad = x.T @ (p - y) + 2 * l2 * np.concatenate([[0.0], w[1:]])
        return float(value), grad

    result = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B")
    return np.asarray(result.x)


def choose_threshold(probabilities: np.ndarray, labels: np.ndarray, precision: float) -> float:
    """The lowest threshold whose training precision reaches `precision` (0.5 when none does)."""
    for t in sorted(set(np.round(probabilities, 3).tolist())):
        kept = probabilities >= t
        if kept.any() and labels[kept].mean() >= precision:
            return float(t)
    return 0.5


def render(weights: dict[str, float], threshold: float, fitted_on: str) -> str:
    body = "\n".join(f'    "{k}": {v:.4f},' for k, v in weights.items())
    return f'''"""Weights of the match score (`scoring`) and the default threshold of a finding: data.

Written by `bench/fit_match_score.py` (L2-regularised logistic regression over the candidate findings of the
seed corpus and the development set of real documents, each labelled by its gold file: a candidate matching
a gold finding is 1, anything else 0). Refit and paste its output here when matching changes; never tune a
weight by hand to pass one document.
"""

from __future__ import annotations

WEIGHTS: dict[str, float] = {{
{body}
}}
THRESHOLD: float = {threshold:.3f}
"""Candidates scoring at least this are findings; the others are possible findings."""
FITTED_ON: str = "{fitted_on}"
'''


def main(argv: list[str] | None = None) -> int:
    from claims.reconcile.scoring import FEATURES

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--seeds", action="store_true", help="include raw/ with tests/data/seed_findings.json"
    )
    parser.add_argument("--set", action="append", default=[], help="a realdocs development set (repeatable)")
    parser.add_argument("--claims-cache", type=Path, help="folder for pickled claims per set")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--precision", type=float, default=0.9)
    parser.add_argument("--write", action="store_true", help="write src/claims/reconcile/calibration.py")
    parser.add_argument("--features", nargs="*", help="fit on these features only (default: all)")
    parser.add_argument(
        "--keep-seeds", action="store_true", help="lower the threshold until every seed finding is a finding"
    )
    args = parser.parse_args(argv)
    rows: list[tuple[dict, int]] = []
    names = []
    seed_rows = 0
    if args.seeds:
        gold = json.loads((ROOT / "tests" / "data" / "seed_findings.json").read_text(encoding="utf-8"))
        rows += candidates("seeds", ROOT / "raw", gold, args.claims_cache)
        names.append("seeds")
        seed_rows = len(rows)
    for name in args.set:
        if name == "set_b":
            parser.error("set_b is the validation set: never fitted on")
        docs, gold_path = rr.set_paths(name)
        rows += candidates(name, docs, json.loads(gold_path.read_text(encoding="utf-8")), args.claims_cache)
        names.append(name)
    if not rows or len({y for _, y in rows}) < 2:
        parser.error("need candidates of both labels")
    names_used = tuple(args.features) if args.features else FEATURES
    w = fit(rows, names_used, args.l2)
    x = np.array([[1.0] + [f.get(n, 0.0) for n in names_used] for f, _ in rows])
    y = np.array([label for _, label in rows])
    p = 1 / (1 + np.exp(-(x @ w)))
    threshold = choose_threshold(p, y, args.precision)
    seed_true = [float(p[k]) for k in range(seed_rows) if y[k]]
    print("seed findings (probability):", sorted(round(v, 3) for v in seed_true), file=sys.stderr)
    if args.keep_seeds and seed_true and min(seed_true) < threshold:
        # every true finding of the seeds stays a finding (a requirement, not a preference)
        threshold = float(np.floor(min(seed_true) * 1000) / 1000)
    order = np.argsort(-p)
    print(
        "top candidates (probability, label):",
        " ".join(f"{p[k]:.2f}:{y[k]}" for k in order[:25]),
        file=sys.stderr,
    )
    kept = p >= threshold
    print(
        f"training: {len(rows)} candidates, {int(y.sum())} true; at threshold {threshold:.3f}: "
        f"{int(kept.sum())} kept, precision {y[kept].mean():.3f}, "
        f"recall {y[kept].sum() / max(y.sum(), 1):.3f}",
        file=sys.stderr,
    )
    weights = {"intercept": float(w[0]), **{n: float(v) for n, v in zip(names_used, w[1:], strict=True)}}
    fitted_on = f"{' + '.join(names)}, {len(rows)} candidates ({int(y.sum())} true), {dt.date.today()}"
    text = render(weights, threshold, fitted_on)
    if args.write:
        CALIBRATION.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
