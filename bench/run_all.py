"""Every benchmark in one run: `make bench` (= `.venv/bin/python bench/run_all.py`).

    .venv/bin/python bench/run_all.py            # 60 synthetic documents (best of 2), reconciliation 10k/100k
    .venv/bin/python bench/run_all.py --quick    # smoke run: 12 documents, 10k claims, no memory scaling
    .venv/bin/python bench/run_all.py --full     # 200 documents, memory at 25/100/400 documents, 1M claims
    .venv/bin/python bench/run_all.py --dask tcp://HOST:8786   # adds a pipeline run on that cluster

Runs, each in its own processes:
1. bench_pipeline.py: bare spaCy pass vs the pipeline (in-process, --workers 1, --workers 2), tokens/s,
   claims/s, peak memory, memory vs corpus size, reconciliation recall on the planted pairs;
2. bench_reconcile.py: reconciliation time and planted recall on synthetic claim sets of growing size;
3. bench_quantities.py: the quantity extractor against quantulum3 on the dev-gold documents (skipped with a
   note when the gold file is not on this machine);
4. bench_speed.py: `claims run` against a bare `nlp.pipe` pass over the seeds copied 1x and 8x (32x with
   --full, 1x only with --quick), interleaved, with peak memory; an unchanged re-run and one new document
   added to the 8x (40-document) store.
5. bench_publish.py: peak memory and time of publishing (a run's set, then a review's) from a synthetic
   store of 200k claims and 50k findings (20k/5k with --quick, 1M/100k with --full).

Writes bench/out/latest.md (everything printed, with the machine and commit) and bench/out/pipeline.json
(git-ignored; the runs BENCHMARKS.md quotes are kept in bench/results/). Nothing is asserted: machines
differ, read the ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "out"  # git-ignored; runs quoted in BENCHMARKS.md are copied to bench/results/


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    import psutil

    memory = psutil.virtual_memory().total / 2**30
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, commit {commit}, {os.cpu_count()} cores ({cpu}), "
        f"{memory:.0f} GiB, Python {platform.python_version()}, load average at start {load:.1f}"
    )


def _run(title: str, args: list[str]) -> str:
    print(f"\n## {title}\n\n$ {' '.join(args)}", flush=True)
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-5:])
        body = f"FAILED (exit {proc.returncode}) after {seconds:.0f} s:\n{tail}"
    else:
        body = proc.stdout.rstrip() + f"\n\n({seconds:.0f} s)"
    print(body, flush=True)
    return f"## {title}\n\n```\n$ .venv/bin/python {' '.join(args)}\n{body}\n```\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size = ap.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true")
    size.add_argument("--full", action="store_true")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--dask", default=None)
    args = ap.parse_args(argv)

    RESULTS.mkdir(parents=True, exist_ok=True)
    docs, repeat, memory, sizes = ("60", "2", ["20", "80"], ["10000", "100000"])
    if args.quick:
        docs, repeat, memory, sizes = "12", "1", [], ["10000"]
    elif args.full:
        docs, repeat, memory, sizes = "200", "2", ["25", "100", "400"], ["10000", "100000", "1000000"]
    pipeline = [
        "bench/bench_pipeline.py",
        "--docs",
        docs,
        "--repeat",
        repeat,
        "--seed",
        str(args.seed),
        "--json",
        str((RESULTS / "pipeline.json").relative_to(ROOT)),
        "--memory-docs",
        *memory,
    ]
    if args.dask:
        pipeline += ["--dask", args.dask]
    sections = [f"# claims benchmarks\n\n{_machine()}\n"]
    sections.append(
        _run("Pipeline vs bare spaCy, memory, reconciliation recall on the synthetic corpus", pipeline)
    )
    sections.append(
        _run(
            "Reconciliation at scale (synthetic claim sets)",
            ["bench/bench_reconcile.py", "--sizes", *sizes, "--seed", str(args.seed)],
        )
    )
    scales = ["1"] if args.quick else ["1", "8", "32"] if args.full else ["1", "8"]
    sections.append(
        _run(
            "Whole run vs bare spaCy on the seeds, re-run, one new document",
            [
                "bench/bench_speed.py",
                "--scales",
                *scales,
                "--json",
                str((RESULTS / "speed.json").relative_to(ROOT)),
            ],
        )
    )
    claims, findings = (
        ("20000", "5000") if args.quick else ("1000000", "100000") if args.full else ("200000", "50000")
    )
    sections.append(
        _run(
            "Publishing a large store (synthetic claims and findings)",
            ["bench/bench_publish.py", "--claims", claims, "--findings", findings, "--seed", str(args.seed)],
        )
    )
    if (BENCH / "bench_quantities.py").exists():
        gold = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev_gold.jsonl"
        if gold.exists():
            sections.append(_run("Quantities vs quantulum3 (dev gold)", ["bench/bench_quantities.py"]))
        else:
            sections.append(f"## Quantities vs quantulum3\n\nskipped: {gold} is not on this machine\n")
    (RESULTS / "latest.md").write_text("\n".join(sections), encoding="utf-8")
    print(f"\nwritten: {RESULTS / 'latest.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
