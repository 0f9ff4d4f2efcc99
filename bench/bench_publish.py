"""Publishing a large store: peak memory and time of `publish_run` and `republish` (issue 17).

    .venv/bin/python bench/bench_publish.py --claims 200000 --findings 50000
    .venv/bin/python bench/bench_publish.py --claims 200000 --findings 50000 --store STORE_DIR  # kept there

1. A store: `--claims` synthetic claims (`synthetic_claims.generate`, about 60 a document) and `--findings`
   findings made by pairing claims of one unit at random (seeded; publishing reads them as any other, their
   content does not matter), written to a fresh `claims.duckdb` with one documents row a document. Built
   once per `--store` folder (`--rebuild` to build again).
2. Publishing, each in a fresh process, its peak resident memory (ru_maxrss) and wall time: `publish_run`
   into an empty output folder, then `republish` (a review decision's set) over it.

With `--new-doc`: the seeds copied 8 times (40 documents, as `bench_speed.py` makes them) are run, then one
new document is added and run again; each run in a fresh process with stage timers
(`bench_pipeline.pipeline_run`), so the publishing stage of the full run and of the one-document run are
timed (run the script once per source tree, PYTHONPATH first, to compare code).

The claims have no source texts (no table headers are read), so the cost measured is that of the tables,
the decisions, the report, the audit pages and the JSON-LD. Prints a table and, with `--json`, writes the
figures. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))


def build_store(folder: Path, *, n_claims: int, n_findings: int, seed: int) -> dict[str, int]:
    """A fresh store in `folder` (its claims.duckdb); returns what it holds."""
    from synthetic_claims import generate

    from claims.io.frames import CLAIM_COLUMNS, claims_frame, conflicts_frame
    from claims.io.store import Store
    from claims.types import Conflict, ConflictKind, Severity

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "claims.duckdb").unlink(missing_ok=True)
    claims = claims_frame(generate(n_claims, seed=seed).claims)
    rng = random.Random(seed)
    by_unit: dict[str, list[int]] = {}
    for i, unit in enumerate(claims["unit"].astype(str)):
        by_unit.setdefault(unit, []).append(i)
    units = [u for u, rows in by_unit.items() if len(rows) > 1]
    ids, topics = claims["claim_id"].tolist(), claims["subject"].astype(str).tolist()
    conflicts = []
    kinds, severities = list(ConflictKind), list(Severity)
    for n in range(n_findings):
        a, b = rng.sample(by_unit[rng.choice(units)], 2)
        single = n % 17 == 0  # some findings have one operand (arithmetic)
        conflicts.append(
            Conflict(
                conflict_id=f"f{n:07d}{rng.getrandbits(32):08x}",
                kind=ConflictKind.ARITHMETIC if single else rng.choice(kinds[:4]),
                severity=rng.choice(severities),
                claim_a=ids[a],
                claim_b=None if single else ids[b],
                topic=topics[a],
                period="2024",
                relative_difference=round(rng.random(), 4),
                explanation=f"=synthetic finding {n}: {topics[a]} differs",  # a formula-like cell
                score=round(rng.random(), 6),
                tier="possible" if n % 5 == 0 else "finding",
                members_a=(ids[a],),
                members_b=() if single else (ids[b],),
                sources_a=1,
                sources_b=0 if single else 1,
            )
        )
    findings = conflicts_frame(conflicts, claims)
    docs = sorted(set(claims["doc"].astype(str)))
    counts = claims["doc"].astype(str).value_counts().to_dict()
    rows = [
        {"doc": d, "sha256": f"{i:064x}", "format": "txt", "n_chars": 0, "title": f"Synthetic {d}",
         "n_claims": int(counts.get(d, 0)), "aliases": ""}
        for i, d in enumerate(docs)
    ]  # fmt: skip
    with Store(folder / "claims.duckdb") as store, store.transaction():
        store.upsert_documents(rows, extractor="bench")
        store.con.register("_bench_claims", claims[CLAIM_COLUMNS])
        store.con.execute("INSERT INTO claims BY NAME SELECT * FROM _bench_claims")
        store.con.unregister("_bench_claims")
        store.replace_conflicts(findings)
    return {"documents": len(docs), "claims": len(claims), "findings": len(findings)}


def publish_child(folder: Path, out: Path, what: str) -> dict[str, Any]:
    """In this process: publish the store in `folder` into `out` (a run's set, or a republish of it)."""
    from claims.io import export
    from claims.pipeline.publishing import publish_run, republish
    from claims.settings import Settings

    started = time.perf_counter()
    if what == "run":
        out.mkdir(parents=True, exist_ok=True)
        shutil.copy2(folder / "claims.duckdb", out / "claims.duckdb")
        settings = Settings(raw_dir=folder / "raw", out_dir=out)
        name = export.version_name("bench")
        building = export.begin_version(out, name)
        summary: dict[str, Any] = {"run_id": "bench", "status": "ok", "started_at": "2026-01-01T00:00:00"}
        publish_run(settings, summary, None, building=building, name=name)
    else:
        republish(out, raw_dir=folder / "raw", keep=3)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    files = sorted(p for p in (out / "current").rglob("*") if p.is_file())
    return {
        "what": what,
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(peak_mb, 1),
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
    }


def new_document(work: Path) -> list[dict[str, Any]]:
    """The 8x seeds run, then one new document: each `claims run` flow in a child with stage timers."""
    from bench_pipeline import child_env
    from bench_speed import build_corpus

    shutil.rmtree(work, ignore_errors=True)
    corpus = build_corpus(sorted((ROOT / "raw").glob("*.txt")), work / "raw", 8, extra=1)
    results = []
    for step in ("40 documents", "one new document"):
        if step != "40 documents":
            for path in (work / "raw-extra").iterdir():
                shutil.copy2(path, corpus / path.name)
        cmd = [sys.executable, str(BENCH / "bench_pipeline.py"), "--run", str(corpus), str(work / "out")]
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=child_env(work))
        if proc.returncode != 0:
            raise RuntimeError(f"the run ({step}) failed:\n{proc.stderr[-3000:]}")
        run = json.loads(proc.stdout.strip().splitlines()[-1])
        results.append({"step": step, "seconds": run["seconds"], "publish": run["stages"].get("publish")})
    return results


def publish_new_document(out: Path, trial: Path) -> dict[str, Any]:
    """In this process: the publishing of a `--new-doc` work folder's second run again, on a copy of its
    output folder set back to the first run's set (the one-document run's store, the 40-document set as
    the published one)."""
    from claims.io import export
    from claims.io.store import Store
    from claims.pipeline.publishing import publish_run
    from claims.settings import Settings

    shutil.rmtree(trial, ignore_errors=True)
    shutil.copytree(out, trial, symlinks=True)
    sets = sorted(p for p in (trial / "versions").iterdir() if not p.name.startswith("."))
    shutil.rmtree(sets[-1])  # the one-document run's set: published again below
    export.replace_link(trial / "current", f"versions/{sets[-2].name}")
    with Store(trial / "claims.duckdb", read_only=True) as store:
        summary = store.last_run_summary()
    settings = Settings(raw_dir=out.parent / "raw", out_dir=trial)
    name = export.version_name("bench")
    started = time.perf_counter()
    publish_run(settings, summary, None, building=export.begin_version(trial, name), name=name)
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def measure(folder: Path, out: Path, what: str) -> dict[str, Any]:
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        what,
        "--store",
        str(folder),
        "--out",
        str(out),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(f"publishing ({what}) failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--findings", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--store", type=Path, default=BENCH / "out" / "publish-store")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--new-doc", action="store_true", help="time publishing one new document into 40")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--child", choices=("run", "republish", "new-doc-publish"), default=None)
    ap.add_argument("--publish-new-doc", action="store_true", help="after --new-doc: its publishing again")
    ap.add_argument("--srcs", type=Path, nargs="*", default=None, help="source trees to interleave")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)

    if args.new_doc:
        rows = new_document(args.store / "new-doc")
        print("| run | whole run s | publishing s |")
        print("|---|---:|---:|")
        for r in rows:
            print(f"| {r['step']} | {r['seconds']:.1f} | {r['publish']:.2f} |")
        return 0
    if args.publish_new_doc:  # interleaved rounds, one source tree after the other, each in a fresh process
        work = args.store / "new-doc"
        times: dict[str, list[float]] = {}
        for _ in range(args.rounds):
            for src in args.srcs or [ROOT / "src"]:
                env = {**os.environ, "PYTHONPATH": f"{src}{os.pathsep}{BENCH}"}
                cmd = [sys.executable, str(Path(__file__).resolve()), "--child", "new-doc-publish", "--store",
                       str(work / "out"), "--out", str(work / "trial")]  # fmt: skip
                proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env)
                if proc.returncode != 0:
                    raise RuntimeError(f"publishing failed ({src}):\n{proc.stderr[-3000:]}")
                times.setdefault(str(src), []).append(
                    json.loads(proc.stdout.strip().splitlines()[-1])["seconds"]
                )
        for src, seconds in times.items():
            print(f"{src}: publishing one new document into 40: {', '.join(f'{x:.2f}' for x in seconds)} s")
        return 0
    if args.child == "new-doc-publish":
        print(json.dumps(publish_new_document(args.store, args.out)))
        return 0
    if args.child:
        print(json.dumps(publish_child(args.store, args.out, args.child)))
        return 0
    stamp = args.store / "built.json"
    wanted = {"claims": args.claims, "findings": args.findings, "seed": args.seed}
    built = json.loads(stamp.read_text()) if stamp.exists() else {}
    if args.rebuild or built.get("wanted") != wanted:
        started = time.perf_counter()
        held = build_store(args.store, n_claims=args.claims, n_findings=args.findings, seed=args.seed)
        built = {"wanted": wanted, "held": held, "seconds": round(time.perf_counter() - started, 1)}
        stamp.write_text(json.dumps(built))
    out = args.out or args.store / "out"
    shutil.rmtree(out, ignore_errors=True)
    results = [measure(args.store, out, "run"), measure(args.store, out, "republish")]
    held = built["held"]
    print(f"store: {held['documents']:,} documents, {held['claims']:,} claims, {held['findings']:,} findings")
    print("| publishing | wall s | peak RSS MB | files | MB written |")
    print("|---|---:|---:|---:|---:|")
    for r in results:
        written = r["bytes"] / 2**20
        seconds, peak = r["seconds"], r["peak_rss_mb"]
        print(f"| {r['what']} | {seconds:.1f} | {peak:,.0f} | {r['files']:,} | {written:,.1f} |")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"store": held, "results": results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
