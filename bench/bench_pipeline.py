"""Pipeline speed and memory against a bare spaCy pass over the same text, on the seeded synthetic corpus.

    .venv/bin/python bench/bench_pipeline.py                       # 60 documents, seed 0, all modes
    .venv/bin/python bench/bench_pipeline.py --docs 200 --modes default workers2
    .venv/bin/python bench/bench_pipeline.py --dask tcp://HOST:8786  # adds a run on that cluster

Every measurement runs in a fresh process, watched from here (resident memory of the process and all its
descendants, sampled every 50 ms: the Prefect API server, spaCy's worker processes, Dask workers included):

- `bare`: `spacy.load(model)` with every component, then `nlp.pipe(texts)` over the documents' texts in one
  process: the reference the pipeline is compared with (the issue's target: pipeline <= bare).
- a pipeline run per mode, exactly what `claims run` runs (the `claims_pipeline` flow, ephemeral Prefect API,
  fresh output folder): `default` (in-process, spaCy `n_process` = cores), `workers1` (`--workers 1`),
  `workers2` (`--workers 2`: a local Dask cluster), `dask` (`--dask ADDRESS`). Stage times come from
  wrapping the stage functions in that process; "extract" includes loading the model (in every worker).
- memory scaling (`--memory-docs`): the same mode on corpora of growing size that share one largest
  document, to see whether peak memory follows the corpus or the largest document.
- reconciliation recall: `planted_recall.score` on the first mode's database.

Prints one table and writes the JSON results (`--json`). Ratios, not absolute times, are the comparable
figures across machines.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

MODES = {
    "default": [],
    "workers1": ["--workers", "1"],
    "workers2": ["--workers", "2"],
}


# --- child processes ---------------------------------------------------------------------------------------


def _rusage_mb() -> dict[str, float]:
    """Largest resident set of this process and of its largest waited-for descendant (Linux: KiB)."""
    return {
        "self_maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "children_maxrss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }


def bare_pass(corpus: Path, model: str, batch_size: int | None = None) -> dict[str, Any]:
    """Load the full model and run `nlp.pipe` over every document's text, one process; `batch_size` None is
    spaCy's default (the model's `nlp.batch_size`, 256 documents: every document of the benchmark corpora in
    one batch, whose memory grows with the corpus)."""
    import spacy

    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    started = time.perf_counter()
    nlp = spacy.load(model)
    loaded = time.perf_counter()
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=batch_size):
        tokens += len(doc)
    done = time.perf_counter()
    return {
        "load_seconds": round(loaded - started, 3),
        "pipe_seconds": round(done - loaded, 3),
        "seconds": round(done - started, 3),
        "tokens": tokens,
        "documents": len(texts),
        "characters": sum(map(len, texts)),
        "components": nlp.pipe_names,
        "batch_size": batch_size or nlp.batch_size,
        **_rusage_mb(),
    }


def warm_up() -> dict[str, Any]:
    """One empty flow run: creates the bench's Prefect database, so no timed run pays for its migrations."""
    from prefect import flow

    started = time.perf_counter()
    flow(name="claims-bench-warm-up")(lambda: None)()
    return {"seconds": round(time.perf_counter() - started, 3)}


def pipeline_run(corpus: Path, out: Path, *, workers: int | None, dask: str | None) -> dict[str, Any]:
    """The `claims run` flow with stage timers; returns its summary and the seconds per stage."""
    from claims import pipeline
    from claims_flows import pipeline as flow

    timings: dict[str, float] = {}
    maxrss: dict[str, float] = {}  # this process's peak resident memory at the end of each stage

    def timed(module: Any, name: str, label: str) -> None:
        original = getattr(module, name, None)
        if original is None:  # a stage function renamed or gone: its time is counted in the overhead
            print(f"no stage function {name}", file=sys.stderr)
            return

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                timings[label] = timings.get(label, 0.0) + time.perf_counter() - started
                maxrss[label] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)

        setattr(module, name, wrapper)

    timed(pipeline.StreamingIngest, "load", "ingest")  # documents are read batch by batch during extraction
    for name, label in (
        ("store_extracted", "store"),
        ("reconcile_changes", "reconcile"),
        ("validate_outputs", "validate"),
        ("publish_run", "publish"),
    ):
        timed(pipeline, name, label)
    timed(pipeline, "extract", "extract")  # in-process runs; on Dask the extraction happens in the workers
    started = time.perf_counter()
    summary = flow.claims_pipeline(raw_dir=str(corpus), out_dir=str(out), workers=workers, dask_address=dask)
    total = time.perf_counter() - started
    return {
        "seconds": round(total, 3),
        "stages": {k: round(v, 3) for k, v in timings.items()},
        "maxrss_after_stage_mb": maxrss,
        "status": summary.get("status"),
        "documents": summary.get("documents"),
        "claims": summary.get("claims"),
        "conflicts": summary.get("conflicts"),
        **_rusage_mb(),
    }


# --- the driver --------------------------------------------------------------------------------------------


def child_env(work: Path) -> dict[str, str]:
    """What `claims run` sets, plus a Prefect home of the bench's own (no lock contention with other runs)."""
    env = dict(os.environ)
    env.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    env.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
    env.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")
    env.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
    env.setdefault("GX_ANALYTICS_ENABLED", "false")
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    env["PREFECT_HOME"] = str(work / "prefect-home")
    return env


class TreePeak:
    """The peak resident memory of a process tree, sampled every 50 ms on a thread while the block runs
    (the root process itself counted only with `include_root`)."""

    def __init__(self, proc: Any, *, include_root: bool) -> None:
        self.proc, self.include_root, self.peak = proc, include_root, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = self.proc.children(recursive=True)
            except psutil.NoSuchProcess:
                break
            total = 0
            for p in [self.proc, *procs] if self.include_root else procs:
                with contextlib.suppress(psutil.Error):  # a process may end between listing and reading
                    total += p.memory_info().rss
            self.peak = max(self.peak, total)
            self._stop.wait(0.05)

    def __enter__(self) -> TreePeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def measure(args: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run `bench_pipeline.py <args>` in a fresh process; its JSON result plus the peak memory of its tree."""
    import psutil

    cmd = [sys.executable, str(Path(__file__).resolve()), *args]
    proc = psutil.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with TreePeak(proc, include_root=True) as tree:
        started = time.perf_counter()
        stdout, stderr = proc.communicate()
        wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = tree.peak
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}):\n{stderr[-3000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["process_wall_seconds"] = round(wall, 3)
    result["peak_tree_rss_mb"] = round(peak / 2**20, 1)
    # CPU of the process and every descendant it waited for (spaCy/Dask workers, the Prefect server)
    result["cpu_seconds"] = round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 3)
    result["load_average_before"] = round(load, 2)
    return result


def generate_corpus(work: Path, name: str, *, docs: int, seed: int, largest: int) -> Path:
    from synthetic_corpus import generate

    corpus = work / name / "raw"
    generate(corpus, n_docs=docs, seed=seed, largest_sentences=largest)
    return corpus


def run(
    docs: int,
    seed: int,
    modes: list[str],
    work: Path,
    *,
    dask: str | None,
    memory_docs: list[int],
    largest: int,
    model: str,
    repeat: int = 1,
) -> dict[str, Any]:
    """Warm-up, then `repeat` interleaved rounds of (bare, every mode); each row keeps its fastest run."""
    from planted_recall import load_manifest, load_run, score

    env = child_env(work)
    corpus = generate_corpus(work, f"corpus-{docs}-{seed}", docs=docs, seed=seed, largest=largest)
    results: dict[str, Any] = {
        "docs": docs,
        "seed": seed,
        "cores": os.cpu_count(),
        "model": model,
        "repeat": repeat,
    }
    print(f"corpus: {corpus} ({docs} documents)", file=sys.stderr)
    results["warm_up"] = measure(["--warm-up"], env)
    options = {m: MODES[m] for m in modes}
    if dask:
        options["dask"] = ["--dask", dask]
    runs: dict[str, list[dict[str, Any]]] = {"bare": [], **{m: [] for m in options}}
    for round_ in range(repeat):
        runs["bare"].append(measure(["--bare", str(corpus), "--model", model], env))
        print(f"round {round_ + 1} bare: {runs['bare'][-1]['seconds']} s", file=sys.stderr)
        for mode, extra in options.items():
            out = work / f"out-{mode}-{docs}"
            _clean(out)
            runs[mode].append(measure(["--run", str(corpus), str(out), *extra], env))
            print(f"round {round_ + 1} {mode}: {runs[mode][-1]['seconds']} s", file=sys.stderr)
    results["runs"] = runs
    results["bare"] = min(runs["bare"], key=lambda r: r["seconds"])
    results["modes"] = {m: min(runs[m], key=lambda r: r["seconds"]) for m in options}
    first = next(iter(options))
    manifest, figures = load_manifest(corpus)
    conflicts, claims = load_run(work / f"out-{first}-{docs}")
    results["recall"] = {"mode": first, **score(conflicts, claims, manifest, figures)}
    results["memory"] = []
    for n in memory_docs:
        mem_corpus = generate_corpus(work, f"memory-{n}-{seed}", docs=n, seed=seed, largest=largest)
        out = work / f"out-memory-{n}"
        _clean(out)
        row = measure(["--run", str(mem_corpus), str(out), *MODES["workers1"]], env)
        manifest = json.loads((mem_corpus.parent / "planted.json").read_text(encoding="utf-8"))
        row.update(
            docs=n,
            characters=manifest["characters"],
            largest_document_characters=manifest["largest_document_characters"],
        )
        results["memory"].append(row)
        print(f"memory {n}: {row['peak_tree_rss_mb']} MB", file=sys.stderr)
    return results


def _clean(out: Path) -> None:
    import shutil

    if out.exists():
        shutil.rmtree(out)


def _spread(runs: list[dict[str, Any]]) -> str:
    times = [r["seconds"] for r in runs]
    return f"{min(times):.0f}-{max(times):.0f}" if len(times) > 1 else ""


def report(results: dict[str, Any]) -> str:
    """A plain-text table of the run (the figures BENCHMARKS.md quotes)."""
    bare = results["bare"]
    tokens = bare["tokens"]
    runs = results.get("runs", {})
    lines = [
        f"corpus: {results['docs']} documents, {bare['characters']:,} characters, {tokens:,} tokens "
        f"(seed {results['seed']}, {results['cores']} cores, best of {results.get('repeat', 1)})",
        "",
        f"{'run':<9} {'total s':>7} {'extract s':>9} {'extract':>7} {'total':>6} {'cpu':>5} {'tokens/s':>8} "
        f"{'claims/s':>8} {'claims':>6} {'findings':>8} {'peak MB':>7} {'max proc':>8} {'load':>5} "
        f"{'range s':>8}",
        f"{'':<9} {'':>7} {'':>9} {'x bare':>7} {'x bare':>6} {'x bare':>5} {'':>8} {'':>8} {'':>6} {'':>8} "
        f"{'(tree)':>7} {'MB':>8} {'':>5} {'':>8}",
        f"{'bare':<9} {bare['seconds']:>7.1f} {bare['pipe_seconds']:>9.1f} {1.0:>7.2f} {1.0:>6.2f} "
        f"{1.0:>5.2f} {tokens / bare['seconds']:>8.0f} {'':>8} {'':>6} {'':>8} "
        f"{bare['peak_tree_rss_mb']:>7.0f} {bare['self_maxrss_mb']:>8.0f} "
        f"{bare['load_average_before']:>5.1f} {_spread(runs.get('bare', [])):>8}",
    ]
    for mode, row in results["modes"].items():
        extract = row["stages"].get("extract", float("nan"))
        lines.append(
            f"{mode:<9} {row['seconds']:>7.1f} {extract:>9.1f} {extract / bare['seconds']:>7.2f} "
            f"{row['seconds'] / bare['seconds']:>6.2f} {row['cpu_seconds'] / bare['cpu_seconds']:>5.2f} "
            f"{tokens / extract:>8.0f} {(row['claims'] or 0) / extract:>8.1f} {row['claims']:>6} "
            f"{row['conflicts']:>8} {row['peak_tree_rss_mb']:>7.0f} "
            f"{max(row['self_maxrss_mb'], row['children_maxrss_mb']):>8.0f} "
            f"{row['load_average_before']:>5.1f} {_spread(runs.get(mode, [])):>8}"
        )
    lines += [
        "",
        "bare: spacy.load + nlp.pipe, full model, one process. extract x bare: extraction stage (model "
        "loads included) / bare seconds;",
        "total x bare: whole `claims run` / bare seconds; cpu x bare: CPU seconds of the process tree / "
        "bare's; tokens/s: bare tokens / seconds;",
        "load: 1-minute load average when the run started (other jobs on the machine); range: "
        "fastest-slowest of the rounds.",
    ]
    for mode, row in results["modes"].items():
        stages = ", ".join(f"{k} {v:.1f}" for k, v in row["stages"].items())
        other = row["seconds"] - sum(row["stages"].values())
        lines.append(f"  {mode} stages (s): {stages}, flow/Prefect overhead {other:.1f}")
    if results.get("memory"):
        lines.append("")
        lines.append(
            "memory scaling (--workers 1; one shared largest document); driver process peak after "
            "each stage in MB:"
        )
        first = results["memory"][0]
        for row in results["memory"]:
            after = row.get("maxrss_after_stage_mb", {})
            stages = ", ".join(f"{k} {v:.0f}" for k, v in after.items())
            lines.append(
                f"  {row['docs']:>5} docs {row['characters']:>10,} chars "
                f"(largest {row['largest_document_characters']:,}), {row['claims']} claims, "
                f"{row['conflicts']} findings: peak tree {row['peak_tree_rss_mb']:.0f} MB "
                f"(corpus x{row['characters'] / first['characters']:.1f} -> peak "
                f"x{row['peak_tree_rss_mb'] / first['peak_tree_rss_mb']:.2f}); {stages}"
            )
    r = results["recall"]
    lines.append("")
    lines.append(
        f"reconciliation on the planted pairs ({r['mode']}): contradictions found "
        f"{r['contradictions_found']}/{r['contradictions_planted']} (recall {r['recall']}), look-alikes "
        f"flagged {r['lookalikes_flagged']}/{r['lookalikes_planted']}, planted figures extracted "
        f"{r['planted_figures_extracted']}/{r['planted_figures']}"
    )
    lines.append(f"  by kind: {json.dumps(r['by_kind'])}")
    lines.append(f"  all findings by label: {json.dumps(r['findings_by_label'])}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=60)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--modes", nargs="+", default=list(MODES), choices=list(MODES))
    ap.add_argument("--dask", default=None, help="also run on this Dask scheduler (tcp://HOST:8786)")
    ap.add_argument("--memory-docs", type=int, nargs="*", default=[20, 80])
    ap.add_argument("--repeat", type=int, default=1, help="interleaved rounds; each row keeps its fastest")
    ap.add_argument("--largest-sentences", type=int, default=400)
    ap.add_argument("--model", default=None, help="default: Settings().spacy_model")
    ap.add_argument("--work", type=Path, default=None, help="scratch folder (default: a new temp folder)")
    ap.add_argument("--json", type=Path, default=None, help="write the results here")
    ap.add_argument("--bare", type=Path, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--run", type=Path, nargs=2, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--warm-up", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.model is None:
        from claims.settings import Settings

        args.model = Settings().spacy_model
    if args.warm_up:
        print(json.dumps(warm_up()))
        return 0
    if args.bare:
        print(json.dumps(bare_pass(args.bare, args.model)))
        return 0
    if args.run:
        print(json.dumps(pipeline_run(args.run[0], args.run[1], workers=args.workers, dask=args.dask)))
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="claims-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = run(
        args.docs,
        args.seed,
        args.modes,
        work,
        dask=args.dask,
        memory_docs=args.memory_docs,
        largest=args.largest_sentences,
        model=args.model,
        repeat=args.repeat,
    )
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
