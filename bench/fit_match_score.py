"""Fit the match score's weights (src/claims/reconcile/calibration.py) on sets with a gold file, and say
how well the fit generalises (leave one set out).

    .venv/bin/python bench/fit_match_score.py --sets seeds set_a set_b --claims-cache /tmp/claims
    .venv/bin/python bench/fit_match_score.py --sets seeds set_a set_b --claims-cache /tmp/claims --write
    .venv/bin/python bench/fit_match_score.py --sets seeds set_a set_b --loso     # leave-one-set-out only
    .venv/bin/python bench/fit_match_score.py --sets seeds set_a --grid 0.9 0.95 --no-fold-thresholds

Training data: every plausible candidate pair whose values disagree (`reconcile.engine.score_pairs`: no rule
sets the two apart on positive evidence), labelled against its set's gold (`bench/reconcile_real.py`
spans): 1 when one side is a statement of a gold finding's side A and the other of its side B, left out when
the pair is an `uncertain` entry or both sides are statements of one side, 0 otherwise (the gold lists every
true disagreement of its set). A finding's pairs share one unit of weight (a quantity stated ten times is one
example, not a hundred); a negative weighs 1 / `--negative-share` of that.
Model: L2-regularised logistic regression (scipy.optimize, `--l2`) over `claims.reconcile.scoring.FEATURES`.
Threshold, chosen by cross-validation: leave one set out, fit on the others, run the engine on the held-out
set at a grid of thresholds (findings grouped as the report does, scored by its gold); pool the held-out
figures of all folds; the chosen threshold has the highest pooled held-out recall among those whose pooled
held-out precision reaches `--precision`, else the most precise (then the highest recall). The all-in fit
is shipped with that threshold. Each fold also reports the held-out set at the threshold its own training
sets would choose (the same rule on the training sets), the leave-one-set-out figures.
`seeds` is raw/ with tests/data/seed_findings.json; other names are tests/data/realdocs/<name>.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import pickle
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import reconcile_real as rr  # noqa: E402

CALIBRATION = ROOT / "src" / "claims" / "reconcile" / "calibration.py"
GRID = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
GRID += (0.955, 0.96, 0.965, 0.97, 0.99)


@dataclass
class Loaded:
    name: str
    docs: Path
    gold: dict[str, Any]
    claims: list[Any]


BLIND_SETS: frozenset[str] = frozenset({"set_ai", "set_aj"})
"""Sets kept for a blind check of a finished change (see their README): never fitted on. A set joins the
training sets once its blind figures are recorded (set_c to set_ah: each measured blind or unseen once, then
fitted on)."""


def load(name: str, cache: Path | None) -> Loaded:
    if name == "seeds":
        docs, gold_path = ROOT / "raw", ROOT / "tests" / "data" / "seed_findings.json"
    else:
        docs, gold_path = rr.set_paths(name)
    cached = cache / f"{name}.pkl" if cache else None
    if cached is not None and cached.exists():
        claims = pickle.loads(cached.read_bytes())
    else:
        claims = rr.extract_folder(docs)
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(pickle.dumps(claims))
    return Loaded(name, docs, json.loads(gold_path.read_text(encoding="utf-8")), claims)


def _rows(claims: Sequence[Any], spans: Sequence[rr.Span]) -> set[int]:
    return {
        r for r, c in enumerate(claims) if any(rr.overlaps(s, c.doc, c.char_start, c.char_end) for s in spans)
    }


def _states(table: Any, row: int, rows: set[int]) -> bool:
    """`row` states the value (same unit, same normalised point) of one of `rows`."""
    unit, point = table.unit.codes, table.point
    return any(unit[row] == unit[r] and math.isclose(point[row], point[r], rel_tol=1e-9) for r in rows)


def _restates(table: Any, a: int, b: int, x: set[int], y: set[int]) -> bool:
    """The pair sets a statement of one side of a gold entry (x, y) against a statement of the other side's
    value that the entry does not list: the same disagreement, restated by another sentence or document."""
    return (
        (a in x and _states(table, b, y))
        or (b in x and _states(table, a, y))
        or (a in y and _states(table, b, x))
        or (b in y and _states(table, a, x))
    )


def examples(data: Loaded) -> list[tuple[dict[str, float], int, float, str]]:
    """(features, label, weight, group) for every plausible disagreeing pair of one set."""
    from claims.lexicon.fx import load_fx_table
    from claims.reconcile.engine import score_pairs
    from claims.reconcile.normalize import build_table
    from claims.reconcile.rules import MatchRules
    from claims.settings import Settings

    rules = MatchRules.from_settings(Settings())
    table = build_table(data.claims, rules, load_fx_table())
    scored = score_pairs(table, rules)
    findings = []
    for entry in data.gold.get("findings", []):
        if entry.get("b") is None:
            continue
        findings.append(
            (entry["id"], _rows(data.claims, rr.sides(entry, "a")), _rows(data.claims, rr.sides(entry, "b")))
        )
    uncertain = [
        (_rows(data.claims, [e["a"]]), _rows(data.claims, [e["b"]])) for e in data.gold.get("uncertain", [])
    ]
    sides = [(a, b) for _, a, b in findings] + uncertain
    raw: list[tuple[dict[str, float], int, str]] = []
    for k, features in enumerate(scored.features):
        if features is None:
            continue
        a, b = int(scored.i[k]), int(scored.j[k])
        label, group, skip = 0, f"{data.name}:neg:{a}:{b}", False
        for fid, side_a, side_b in findings:
            if (a in side_a and b in side_b) or (a in side_b and b in side_a):
                label, group = 1, f"{data.name}:{fid}"
                break
            if (a in side_a and b in side_a) or (a in side_b and b in side_b):
                skip = True
        if not label and (skip or any((a in x and b in y) or (a in y and b in x) for x, y in uncertain)):
            continue
        if not label and any(_restates(table, a, b, x, y) for x, y in sides):
            continue  # one gold entry's disagreement, another statement of one side's value
        raw.append((features, label, group))
    per_group: dict[str, int] = {}
    for _, label, group in raw:
        if label:
            per_group[group] = per_group.get(group, 0) + 1
    out = [(f, y, 1.0 / per_group[g] if y else 1.0, g) for f, y, g in raw]
    print(
        f"{data.name}: {len(out)} plausible disagreeing pairs, {sum(y for _, y, _, _ in out)} true "
        f"({len(per_group)} of {len(findings)} two-sided gold findings have a plausible pair)",
        file=sys.stderr,
    )
    return out


def fit(
    rows: list[tuple[dict[str, float], int, float, str]],
    names: Sequence[str],
    l2: float,
    negative_share: float,
    balance_sets: bool = False,
) -> dict[str, float]:
    x = np.array([[1.0] + [f.get(n, 0.0) for n in names] for f, _, _, _ in rows])
    y = np.array([label for _, label, _, _ in rows], dtype=float)
    w_pos = np.array([w for _, label, w, _ in rows])
    weight = np.where(y > 0, w_pos, 1.0 / negative_share)
    if balance_sets:  # every set's negatives weigh as much in all as the average set's
        sets = np.array([group.split(":", 1)[0] for _, _, _, group in rows])
        negatives = {name: int(np.sum((sets == name) & (y == 0))) for name in set(sets.tolist())}
        mean = sum(negatives.values()) / max(len(negatives), 1)
        scale = np.array([mean / max(negatives[name], 1) for name in sets.tolist()])
        weight = np.where(y > 0, weight, weight * scale)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        p = 1 / (1 + np.exp(-z))
        eps = 1e-9
        value = -np.sum(weight * (y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)))
        value += l2 * np.sum(w[1:] ** 2)
        grad = x.T @ (weight * (p - y)) + 2 * l2 * np.concatenate([[0.0], w[1:]])
        return float(value), grad

    result = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B")
    return {
        "intercept": float(result.x[0]),
        **{n: float(v) for n, v in zip(names, result.x[1:], strict=True)},
    }


def evaluate(data: Loaded, weights: dict[str, float], threshold: float, floor: float) -> rr.Score:
    from claims.reconcile import find_conflicts
    from claims.reconcile.calibration import Calibration
    from claims.settings import Settings

    calibration = Calibration(weights=weights, threshold=threshold, floor=floor)
    conflicts = find_conflicts(data.claims, Settings(), calibration=calibration)
    sides = [rr.Side(c.doc, c.char_start, c.char_end, c.surface) for c in data.claims]
    return rr.score(data.name, data.gold, rr.reported_findings(data.claims, conflicts), sides)


def pooled(scores: Sequence[rr.Score]) -> tuple[float, float, int]:
    """(precision, recall, findings) over several sets' scores."""
    true = sum(len(s.finding.true) for s in scores)
    false = sum(s.finding.false for s in scores)
    found = sum(len(s.found) for s in scores)
    gold = sum(s.gold_findings for s in scores)
    return (true / (true + false) if true + false else 1.0), found / max(gold, 1), true + false


def choose_threshold(
    sets: Sequence[Loaded],
    weights: dict[str, float],
    floor: float,
    precision: float,
    grid: Sequence[float] = GRID,
) -> tuple[float, tuple[float, float, int]]:
    best: tuple[tuple[float, ...], float, tuple[float, float, int]] | None = None
    for t in grid:
        p, r, n = pooled([evaluate(d, weights, t, floor) for d in sets])
        # findings a fact-checker can trust first: short of the target, the most precise threshold
        key = (1.0, r, p) if p >= precision else (0.0, p, r)
        if best is None or key > best[0]:
            best = (key, t, (p, r, n))
    assert best is not None
    return best[1], best[2]


def _string_literal(text: str, width: int = 90) -> str:
    """A Python string literal of `text`, split into implicitly joined pieces when it is long."""
    if len(text) <= width:
        return f'"{text}"'
    pieces, words = [], text.split(" ")
    line = ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            pieces.append(line + " ")
            line = word
        else:
            line = f"{line} {word}" if line else word
    pieces.append(line)
    return "(\n" + "".join(f'    "{p}"\n' for p in pieces) + ")"


def render(weights: dict[str, float], threshold: float, floor: float, fitted_on: str) -> str:
    body = "\n".join(f'    "{k}": {v:.4f},' for k, v in weights.items())
    text = CALIBRATION.read_text(encoding="utf-8")
    head = text[: text.index("WEIGHTS: dict[str, float] = {")]
    tail = text[text.index("@dataclass(frozen=True, slots=True)") :]
    return (
        f"{head}WEIGHTS: dict[str, float] = {{\n{body}\n}}\n"
        f"THRESHOLD: float = {threshold:.3f}\n"
        '"""Candidates scoring at least this are findings; the others, down to FLOOR, are possible."""\n'
        f"FLOOR: float = {floor:.3f}\n"
        f"FITTED_ON: str = {_string_literal(fitted_on)}\n\n\n{tail}"
    )


def describe(score: rr.Score) -> str:
    s = score.summary()
    return (
        f"{s['set']}: {s['reported']} findings, precision {s['precision']}, recall {s['recall']} "
        f"({len(score.found)}/{s['gold_findings']}), duplicates {s['duplicates']}, look-alikes "
        f"{s['look_alikes']} {s['look_alike_categories']}, possible {s['possible_reported']} "
        f"({s['possible_true']} true)"
    )


def main(argv: list[str] | None = None) -> int:
    from claims.reconcile.scoring import FEATURES

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sets", nargs="+", default=["seeds", "set_a", "set_b"])
    parser.add_argument("--claims-cache", type=Path, help="folder for pickled claims per set")
    parser.add_argument("--l2", type=float, default=2.0)
    parser.add_argument("--negative-share", type=float, default=20.0)
    parser.add_argument("--precision", type=float, default=0.9)
    parser.add_argument("--floor", type=float, default=0.05)
    parser.add_argument("--features", nargs="*", help="fit on these features only (default: all)")
    parser.add_argument("--loso", action="store_true", help="leave-one-set-out figures only")
    parser.add_argument(
        "--balance-sets", action="store_true", help="each set's negatives weigh as much in all (not per pair)"
    )
    parser.add_argument(
        "--grid", nargs="+", type=float, help="thresholds to try (default: 0.1 to 0.99, twenty of them)"
    )
    parser.add_argument(
        "--no-fold-thresholds",
        action="store_true",
        help="skip each fold's own threshold choice on its training sets (a report only; the shipped "
        "threshold comes from the pooled held-out folds either way): about ten times faster",
    )
    parser.add_argument("--write", action="store_true", help="write src/claims/reconcile/calibration.py")
    args = parser.parse_args(argv)
    grid = tuple(sorted(args.grid)) if args.grid else GRID
    blind = sorted(set(args.sets) & BLIND_SETS)
    if blind:
        parser.error(f"{', '.join(blind)}: a blind check, never fitted on or run here")
    names = tuple(args.features) if args.features else FEATURES
    sets = [load(n, args.claims_cache) for n in args.sets]
    rows = {d.name: examples(d) for d in sets}
    held_out: dict[float, list[rr.Score]] = {t: [] for t in grid}
    for held in sets:
        train = [d for d in sets if d is not held]
        weights = fit(
            [r for d in train for r in rows[d.name]], names, args.l2, args.negative_share, args.balance_sets
        )
        if args.no_fold_thresholds:
            t = -1.0
            print(f"leave out {held.name}")
        else:
            t, (p, r, n) = choose_threshold(train, weights, args.floor, args.precision, grid)
            print(
                f"leave out {held.name}: threshold {t} (training precision {p:.2f}, recall {r:.2f}, "
                f"{n} findings)"
            )
        for grid_t in grid:
            score = evaluate(held, weights, grid_t, args.floor)
            held_out[grid_t].append(score)
            if grid_t == t:
                print("   " + describe(score))
    # the threshold is chosen by cross-validation: on the pooled held-out sets of the folds above
    curve = {t: pooled(scores) for t, scores in held_out.items()}
    for t, (p, r, n) in curve.items():
        print(f"   held-out pooled at {t}: precision {p:.2f}, recall {r:.2f}, {n} findings")
    reaching = [t for t, (p, _, _) in curve.items() if p >= args.precision]
    if reaching:
        t = max(reaching, key=lambda x: (curve[x][1], curve[x][0]))
    else:  # findings a fact-checker can trust first: short of the target, the most precise threshold
        t = max(curve, key=lambda x: (curve[x][0], curve[x][1]))
    if args.loso:
        return 0
    weights = fit(
        [r for d in sets for r in rows[d.name]], names, args.l2, args.negative_share, args.balance_sets
    )
    p, r, n = curve[t]
    print(
        f"all sets: threshold {t} chosen on the held-out folds (held-out precision {p:.2f}, recall {r:.2f})"
    )
    for d in sets:
        print("   " + describe(evaluate(d, weights, t, args.floor)))
    total = sum(len(rows[d.name]) for d in sets)
    true = sum(y for d in sets for _, y, _, _ in rows[d.name])
    fitted_on = f"{' + '.join(d.name for d in sets)}: {total} pairs ({true} true), {dt.date.today()}"
    text = render(weights, t, args.floor, fitted_on)
    if args.write:
        CALIBRATION.write_text(text, encoding="utf-8")
    print(text[text.index("WEIGHTS") : text.index("@dataclass")])
    return 0


if __name__ == "__main__":
    sys.exit(main())
