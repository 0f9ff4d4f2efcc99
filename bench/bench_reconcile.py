"""Reconciliation time, findings and planted recall on synthetic claim sets of growing size.

    .venv/bin/python bench/bench_reconcile.py                      # 10k, 100k, 1M claims
    .venv/bin/python bench/bench_reconcile.py --sizes 10000 100000 --seed 3
    .venv/bin/python bench/bench_reconcile.py --one 10000          # one size in this process (JSON line)
    .venv/bin/python bench/bench_reconcile.py --one 10000 --objects  # the claims as a list of objects
    .venv/bin/python bench/bench_reconcile.py --one 300000 --stages  # RSS around each stage (Linux), stderr

Each size runs in a fresh process (so peak memory is per size). Printed per size: claims, wall and CPU
seconds spent in `find_conflicts` (generation excluded; CPU time is steadier on a shared machine), findings,
planted recall (planted contradictions found as a finding on the same pair / planted; "kind ok" also
requires the planted kind), false findings on planted non-contradictions, other findings (on pairs nothing
was planted on), the peak RSS once the claims are generated (`input MB`: the claims themselves, before
reconciliation) and the peak RSS of the whole measurement; then the growth of time between consecutive
sizes against the growth of the claim count (1.0x per 1.0x is linear).

The claims are generated into `ClaimColumns` (a `Claim` built only when a row is read), as a store of a
million claims would hand them on; `--objects` generates the same claims as a list of `Claim` objects.

`--stages` prints to stderr, for each stage of `find_conflicts` (the claim table, the listed parts, the
scored pairs, the conversion and arithmetic checks), the RSS before and after it and its peak (the kernel's
high-water mark, reset before the stage through /proc/self/clear_refs), in MB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_claims import generate  # noqa: E402

from claims.reconcile import engine, find_conflicts  # noqa: E402
from claims.settings import Settings  # noqa: E402


def _pair(a: str, b: str | None) -> frozenset[str]:
    return frozenset((a, b)) if b else frozenset((a,))


STAGES = (
    "build_table",
    "listed_parts",
    "score_pairs",
    "find_conversion_conflicts",
    "find_arithmetic_conflicts",
)
"""The functions `find_conflicts` calls, one a stage, watched by `--stages`."""
_STAGE_PEAK = [0]  # the highest stage peak (resetting the high-water mark resets ru_maxrss too)


def _memory() -> dict[str, int]:
    """RSS and its high-water mark, in MB (Linux)."""
    with open("/proc/self/status") as status:
        fields = dict(line.split(":", 1) for line in status if line.startswith(("VmRSS", "VmHWM")))
    return {name: int(value.split()[0]) // 1024 for name, value in fields.items()}


def _watched(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def stage(*args: Any, **kwargs: Any) -> Any:
        before = _memory()["VmRSS"]
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")  # resets the high-water mark to the current RSS
        cpu = time.process_time()
        out = function(*args, **kwargs)
        after = _memory()
        _STAGE_PEAK[0] = max(_STAGE_PEAK[0], after["VmHWM"])
        print(
            f"{name:26} RSS {before:6} -> {after['VmRSS']:6} MB, peak {after['VmHWM']:6} MB, "
            f"{time.process_time() - cpu:7.1f} CPU s",
            file=sys.stderr,
            flush=True,
        )
        return out

    return stage


def watch_stages() -> None:
    """Print the memory of each stage of `find_conflicts` (see the module docstring)."""
    for name in STAGES:
        setattr(engine, name, _watched(name, getattr(engine, name)))


def measure(n_claims: int, seed: int, *, objects: bool = False) -> dict[str, object]:
    started = time.perf_counter()
    data = generate(n_claims, seed=seed, columns=not objects)
    generated = time.perf_counter() - started
    input_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the claims, before reconciling
    started, cpu_started = time.perf_counter(), time.process_time()
    found = find_conflicts(data.claims, Settings())
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    by_pair = {_pair(c.claim_a, c.claim_b): c for c in found}
    planted = {_pair(p.claim_a, p.claim_b): p for p in data.conflicts}
    decoys = {_pair(p.claim_a, p.claim_b): p for p in data.decoys}
    hit = [p for key, p in planted.items() if key in by_pair]
    kind_ok = [p for key, p in planted.items() if key in by_pair and by_pair[key].kind.value == p.kind]
    missed = Counter(p.kind for key, p in planted.items() if key not in by_pair)
    false = Counter(p.kind for key, p in decoys.items() if key in by_pair)
    other = [c for key, c in by_pair.items() if key not in planted and key not in decoys]
    return {
        "claims": len(data.claims),
        "input": "objects" if objects else "columns",
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu_seconds, 3),
        "generate_seconds": round(generated, 3),
        "findings": len(found),
        "planted": len(planted),
        "recall": round(len(hit) / max(len(planted), 1), 4),
        "recall_kind_ok": round(len(kind_ok) / max(len(planted), 1), 4),
        "missed_by_kind": dict(missed),
        "decoys": len(decoys),
        "false_on_decoys": sum(false.values()),
        "false_by_kind": dict(false),
        "other_findings": len(other),
        "other_by_kind": dict(Counter(c.kind.value for c in other)),
        "input_rss_mb": round(input_rss),
        "peak_rss_mb": max(round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024), _STAGE_PEAK[0]),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--one", type=int, default=None, help="measure one size in this process, print JSON")
    ap.add_argument("--objects", action="store_true", help="claims as a list of Claim objects, not columns")
    ap.add_argument("--stages", action="store_true", help="with --one: RSS around each stage, on stderr")
    args = ap.parse_args(argv)
    if args.stages:
        watch_stages()
    if args.one is not None:
        print(json.dumps(measure(args.one, args.seed, objects=args.objects)))
        return 0
    rows = []
    header = (
        f"{'claims':>9} {'seconds':>8} {'cpu s':>8} {'findings':>8} {'recall':>7} {'kind ok':>7} "
        f"{'false':>5} {'other':>6} {'input MB':>8} {'rss MB':>7}  growth"
    )
    print(header)
    for size in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--seed", str(args.seed)]
            + (["--objects"] if args.objects else []),
            check=True,
            capture_output=True,
            text=True,
        )
        row = json.loads(out.stdout.strip().splitlines()[-1])
        growth = ""
        if rows:
            prev = rows[-1]
            growth = (
                f"time x{row['seconds'] / max(prev['seconds'], 1e-9):.1f} "
                f"(cpu x{row['cpu_seconds'] / max(prev['cpu_seconds'], 1e-9):.1f}) for claims "
                f"x{row['claims'] / prev['claims']:.1f}"
            )
        rows.append(row)
        print(
            f"{row['claims']:>9} {row['seconds']:>8.2f} {row['cpu_seconds']:>8.2f} {row['findings']:>8} "
            f"{row['recall']:>7.3f} {row['recall_kind_ok']:>7.3f} {row['false_on_decoys']:>5} "
            f"{row['other_findings']:>6} {row['input_rss_mb']:>8} {row['peak_rss_mb']:>7}  {growth}",
            flush=True,
        )
        print(
            f"          planted {row['planted']}, missed {row['missed_by_kind']}; decoys {row['decoys']}, "
            f"false {row['false_by_kind']}; other {row['other_by_kind']}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
