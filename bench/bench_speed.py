"""`claims run` against a bare spaCy pass over the same seed corpus, with re-runs and one new document.

    .venv/bin/python bench/bench_speed.py                        # seeds x1 and x8, interleaved
    .venv/bin/python bench/bench_speed.py --scales 1 8 32        # x32 too (slow on 2 cores)
    .venv/bin/python bench/bench_speed.py --before-src /tmp/old/src   # also the same runs on other code

The corpus at scale N is the seed documents of `raw/` (the `.txt` files) copied N times, each copy made
distinct by a last line of its own (so no two documents share a hash). Every measurement is a fresh
process, measured from outside: wall seconds, the peak resident memory of the largest process of its tree
(`resource.getrusage(RUSAGE_CHILDREN).ru_maxrss` read by a small wrapper process) and the peak of the whole
tree (sampled every 50 ms), so the Prefect API server and spaCy's worker processes are counted.

Per scale, interleaved in one run (the machine's load moves both sides alike):
- `bare`: `spacy.load(model)` with every component, then `nlp.pipe` over the corpus's texts, one process;
- `run`: `claims run --raw CORPUS --out OUT` into a fresh output folder (what a user runs);
- `before` (with `--before-src`): the same command on another source tree (e.g. `git archive` of an
  older commit), to compare two versions of the code side by side.
Then, at the largest scale of at most 8 (the issue's 40-document store): the unchanged re-run
(`rerun`) and one new document added to the store (`new_doc`, compared with the full run). With
`--new-docs N`, N documents are added one run at a time (each version's runs interleaved): the first run
after the full run (every finding of which was new, so every page showing one changes) and the following
ones (the steady state of a store that grows by a document a run); `new_doc` is the first, `new_docs` all.
With `--warm`, each version also serves a copy of that store with `claims serve --warm` (its own Prefect
home; its first run a full one in a fresh process, then an unchanged re-run), and each new document is added
to the served copies after the cold runs of the same document, one version after the other: each warm run is
triggered through the Prefect API and timed from outside. `--warm-only` runs only that: each version's
served full run at the largest scale given, then `--new-docs` new documents, the versions taking turns.
A source tree given with `--before-src`/`--after-src` must hold `expectations/` beside `src/` (e.g.
`git archive COMMIT src expectations`).

Prints one table and, with `--json`, writes every figure. Nothing is asserted: read the ratios.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CLAIMS = [str(ROOT / ".venv" / "bin" / "claims")]
if not Path(CLAIMS[0]).exists():  # another virtualenv: the module of the source tree on PYTHONPATH
    CLAIMS = [sys.executable, "-m", "claims.cli"]
sys.path.insert(0, str(BENCH))

from bench_pipeline import TreePeak, bare_pass  # noqa: E402  (the same bare pass and memory sampler)

# --- the corpus --------------------------------------------------------------------------------------------


def copy_tag(k: int) -> str:
    """A word of letters naming copy k (no digits: the tag must add no figure to the document).

    >>> [copy_tag(k) for k in (0, 1, 25, 26, 27)]
    ['a', 'b', 'z', 'ba', 'bb']
    """
    letters = ""
    while True:
        letters = chr(ord("a") + k % 26) + letters
        k //= 26
        if k == 0:
            return letters


def build_corpus(seeds: list[Path], folder: Path, copies: int, *, extra: int = 0) -> Path:
    """`copies` copies of every seed document, each ending with a line of its own; `extra` more copies of
    the first seed (documents to add later) go to `folder`/../`folder.name`-extra."""
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(copies + extra):
        target = folder if k < copies else folder.parent / f"{folder.name}-extra"
        target.mkdir(parents=True, exist_ok=True)
        for seed in seeds if k < copies else seeds[:1]:
            text = seed.read_text(encoding="utf-8")
            if not text.endswith("\n"):
                text += "\n"
            text += f"\nThis is copy {copy_tag(k)} of the document.\n"
            (target / f"c{copy_tag(k)}_{seed.name}").write_text(text, encoding="utf-8")
    return folder


# --- measured children -------------------------------------------------------------------------------------


def wrapped(cmd: list[str]) -> dict[str, Any]:
    """Run `cmd`, wait for it; the largest resident set of it and its waited-for descendants (Linux: KiB)."""
    import resource

    proc = subprocess.run(cmd, capture_output=True, text=True)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "returncode": proc.returncode,
        "stdout_tail": proc.stdout[-2000:],
        "stderr_tail": proc.stderr[-3000:],
        "max_process_mb": round(usage.ru_maxrss / 1024, 1),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
    }


def child_env(work: Path, src: Path | None = None) -> dict[str, str]:
    """Quiet logs, a Prefect home of the bench's own; `src` first on the import path when given."""
    env = dict(os.environ)
    env.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    env.setdefault("GX_ANALYTICS_ENABLED", "false")
    env["PREFECT_HOME"] = str(work / "prefect-home")
    # a loaded machine can take longer than Prefect's default to start its temporary server
    env.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    if src is not None:
        env["PYTHONPATH"] = str(src)
    return env


def measure(cmd: list[str], env: dict[str, str]) -> dict[str, Any]:
    """`cmd` in a fresh process (under the wrapper): wall seconds, largest process, sampled tree peak."""
    import psutil

    wrapper = [sys.executable, str(Path(__file__).resolve()), "--wrap", json.dumps(cmd)]
    proc = psutil.Popen(wrapper, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    load = os.getloadavg()[0]
    with TreePeak(proc, include_root=False) as tree:  # the wrapper itself is not counted
        started = time.perf_counter()
        stdout, stderr = proc.communicate()
        seconds = time.perf_counter() - started
    peak = tree.peak
    if proc.returncode != 0:
        raise RuntimeError(f"wrapper failed ({proc.returncode}): {stderr[-2000:]}")
    result: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    if result["returncode"] != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({result['returncode']}):\n{result['stderr_tail']}")
    result.update(seconds=round(seconds, 2), tree_peak_mb=round(peak / 2**20, 1), load_before=round(load, 2))
    return result


def claims_run(raw: Path, out: Path, env: dict[str, str]) -> dict[str, Any]:
    """One `claims run`; a run that fails is recorded with its error (the table shows it), not raised."""
    started = time.perf_counter()
    try:
        result = measure([*CLAIMS, "run", "--raw", str(raw), "--out", str(out)], env)
    except RuntimeError as e:
        print(f"failed: {e}", file=sys.stderr)
        return {"failed": str(e)[-500:], "seconds": float("nan"), "elapsed": time.perf_counter() - started}
    claims = out / "claims.csv"
    if claims.exists():
        with claims.open(encoding="utf-8") as f:
            result["claims"] = sum(1 for _ in f) - 1
    return result


def bare(corpus: Path, model: str, env: dict[str, str], batch_size: int | None = None) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--bare", str(corpus), "--model", model]
    if batch_size:
        cmd += ["--bare-batch-size", str(batch_size)]
    result = measure(cmd, env)
    inner = json.loads(result["stdout_tail"].strip().splitlines()[-1])
    inner.pop("seconds", None)  # the wall time is the one measured around the process
    result.update(inner)
    return result


# --- a warm serving process (`claims serve --warm`) -------------------------------------------------------

NEVER = "0 0 1 1 *"
"""The schedule of the measured deployment: no run falls due while the bench runs; it triggers each run."""


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def api(url: str, body: dict[str, Any] | None = None, *, timeout: float = 30.0, attempts: int = 5) -> Any:
    """GET (or POST `body`) one call of the Prefect API; its JSON. A 503 (the server's SQLite database busy,
    on a loaded machine) is tried again after a pause, as Prefect's own client does."""
    import urllib.error
    import urllib.request

    data = json.dumps(body).encode() if body is not None else None
    for attempt in range(attempts):
        request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - loopback only
                return json.loads(response.read())
        except urllib.error.HTTPError as e:
            if e.code != 503 or attempt == attempts - 1:
                raise
            time.sleep(0.5 * (attempt + 1))
    raise AssertionError("unreachable")


class WarmServer:
    """`claims serve --warm` over `raw` into `out` with a local Prefect server; each run is triggered through
    the Prefect API and timed from outside: from the trigger to its line in runs.jsonl (`seconds`, which
    includes up to a second of the serving process's polling), and the flow run's own time from the server
    (`run_seconds`, Running to Completed). `cpu_seconds` is the serving process's (and its finished spaCy
    workers'), not the Prefect server's."""

    def __init__(self, raw: Path, out: Path, env: dict[str, str], log: Path) -> None:
        self.raw, self.out, self.env, self.log = raw, out, env, log
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/api"
        self.proc: Any = None
        self.deployment = ""

    def __enter__(self) -> WarmServer:
        import psutil

        cmd = [*CLAIMS, "serve", "--warm", "--cron", NEVER, "--raw", str(self.raw), "--out", str(self.out)]
        cmd += ["--prefect-port", str(self.port)]
        self.log_file = self.log.open("w", encoding="utf-8")
        self.proc = psutil.Popen(cmd, stdout=self.log_file, stderr=subprocess.STDOUT, env=self.env, cwd=ROOT)
        deadline = time.monotonic() + 600
        while not self.deployment:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"claims serve --warm did not start; see {self.log}")
            try:
                self.deployment = api(f"{self.base}/deployments/name/claims-pipeline/claims-scheduled")["id"]
            except OSError:
                time.sleep(1.0)
        return self

    def __exit__(self, *exc: object) -> None:
        import signal

        import psutil

        for sig in (signal.SIGINT, signal.SIGTERM):  # it stops its Prefect server; a second signal hurries it
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=60)
                break
            except psutil.TimeoutExpired:
                continue
        else:
            for child in self.proc.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    child.kill()
            self.proc.kill()
        self.log_file.close()

    def cpu(self) -> float:
        times = self.proc.cpu_times()
        return float(times.user + times.system + times.children_user + times.children_system)

    def trigger(self) -> dict[str, Any]:
        """One run, triggered now; its figures once runs.jsonl records it."""
        runs = self.out / "runs.jsonl"
        before = _lines(runs)
        cpu = self.cpu()
        load = os.getloadavg()[0]
        started = time.perf_counter()
        flow_run = api(f"{self.base}/deployments/{self.deployment}/create_flow_run", {})
        while _lines(runs) <= before:
            if self.proc.poll() is not None:
                raise RuntimeError(f"claims serve --warm exited; see {self.log}")
            if time.perf_counter() - started > 3600:
                raise RuntimeError("a warm run did not finish within an hour")
            time.sleep(0.05)
        seconds = time.perf_counter() - started
        line = json.loads(runs.read_text(encoding="utf-8").splitlines()[-1])
        run_seconds = float("nan")
        for _ in range(100):  # the flow run is Completed just after its record is written
            state = api(f"{self.base}/flow_runs/{flow_run['id']}")
            if state.get("end_time"):
                run_seconds = float(state["total_run_time"])
                break
            time.sleep(0.1)
        return {
            "seconds": round(seconds, 2),
            "run_seconds": round(run_seconds, 2),
            "cpu_seconds": round(self.cpu() - cpu, 2),
            "max_process_mb": round(self.proc.memory_info().rss / 2**20, 1),
            "load_before": round(load, 2),
            "status": line.get("status"),
            "claims": line.get("claims"),
        }


def _lines(path: Path) -> int:
    try:
        with path.open("rb") as fh:
            return sum(1 for _ in fh)
    except OSError:
        return 0


# --- the driver --------------------------------------------------------------------------------------------


def run(
    scales: list[int],
    work: Path,
    *,
    model: str,
    before_src: Path | None,
    raw: Path,
    after_src: Path | None = None,
    new_docs: int = 1,
    bare_batch_size: int | None = None,
    warm: bool = False,
) -> dict[str, Any]:
    seeds = sorted(raw.glob("*.txt"))
    versions: dict[str, Path | None] = {"run": after_src}
    if before_src is not None:
        versions["before"] = before_src
    results: dict[str, Any] = {"scales": {}, "seeds": [s.name for s in seeds], "model": model}
    warm = work / "warm"
    build_corpus(seeds[-1:], warm / "raw", 1)
    for name, src in versions.items():  # the Prefect database is created once, outside any timed run
        claims_run(warm / "raw", warm / f"out-{name}", child_env(work, src))
    store = max((s for s in scales if s <= 8), default=scales[0])
    for scale in scales:
        corpus = build_corpus(
            seeds, work / f"x{scale}" / "raw", scale, extra=new_docs if scale == store else 0
        )
        row: dict[str, Any] = {"bare": bare(corpus, model, child_env(work), bare_batch_size)}
        print(f"x{scale} bare: {row['bare']['seconds']} s", file=sys.stderr)
        for name, src in versions.items():
            out = work / f"x{scale}" / f"out-{name}"
            shutil.rmtree(out, ignore_errors=True)
            row[name] = claims_run(corpus, out, child_env(work, src))
            print(f"x{scale} {name}: {row[name]['seconds']} s", file=sys.stderr)
        results["scales"][str(scale)] = row
    # the 40-document store: an unchanged re-run, then one new document
    corpus = work / f"x{store}" / "raw"
    extra = sorted((work / f"x{store}" / "raw-extra").glob("*.txt"))
    incremental: dict[str, Any] = {}
    for name, src in versions.items():
        out = work / f"x{store}" / f"out-{name}"
        incremental[name] = {"rerun": claims_run(corpus, out, child_env(work, src))}
        print(f"x{store} {name} unchanged re-run: {incremental[name]['rerun']['seconds']} s", file=sys.stderr)
    with contextlib.ExitStack() as stack:
        servers: dict[str, WarmServer] = {}
        if warm:  # `claims serve --warm` of each version over its own copy of the store's folder
            servers = serve_versions(stack, work / f"x{store}", corpus, versions)
            for key, server in servers.items():
                incremental[key] = {"full": server.trigger()}  # the serving process's first run: cold
                incremental[key]["rerun"] = server.trigger()
                print(f"x{store} {key} full run: {incremental[key]['full']['seconds']} s", file=sys.stderr)
        for k, added in enumerate(extra[:new_docs], 1):
            for name, src in versions.items():
                out = work / f"x{store}" / f"out-{name}"
                grown = work / f"x{store}" / f"raw-{name}-plus-one"
                shutil.copytree(corpus, grown, dirs_exist_ok=True)
                shutil.copy2(added, grown / added.name)
                result = claims_run(grown, out, child_env(work, src))
                incremental[name].setdefault("new_docs", []).append(result)
                incremental[name].setdefault("new_doc", result)
                print(f"x{store} {name} new document {k}: {result['seconds']} s", file=sys.stderr)
            for key, server in servers.items():
                shutil.copy2(added, server.raw / added.name)
                result = server.trigger()
                incremental[key].setdefault("new_docs", []).append(result)
                incremental[key].setdefault("new_doc", result)
                print(f"x{store} {key} new document {k}: {result['seconds']} s", file=sys.stderr)
    results["store_scale"] = store
    results["incremental"] = incremental
    return results


def serve_versions(
    stack: contextlib.ExitStack, folder: Path, corpus: Path, versions: dict[str, Path | None]
) -> dict[str, WarmServer]:
    """`claims serve --warm` of each version over its own copy of the corpus, in `folder`, each with a
    Prefect home of its own (each serves a deployment of the same name); closed with `stack`."""
    servers: dict[str, WarmServer] = {}
    for name, src in versions.items():
        key = warm_key(name)
        served = folder / f"raw-{key}"
        shutil.copytree(corpus, served, dirs_exist_ok=True)
        out = folder / f"out-{key}"
        shutil.rmtree(out, ignore_errors=True)
        env = child_env(folder / key, src)
        servers[key] = stack.enter_context(WarmServer(served, out, env, folder / f"serve-{key}.log"))
    return servers


def run_warm_only(
    work: Path, *, raw: Path, before_src: Path | None, after_src: Path | None, new_docs: int, scale: int = 8
) -> dict[str, Any]:
    """`claims serve --warm` alone, every version side by side: each serves its own copy of the store (its
    first run a full one in a fresh process), then `new_docs` documents are added one run at a time, the
    versions taking turns (no bare pass, no cold `claims run`: many warm runs in the time of one full bench).
    """
    seeds = sorted(raw.glob("*.txt"))
    versions: dict[str, Path | None] = {"run": after_src}
    if before_src is not None:
        versions["before"] = before_src
    corpus = build_corpus(seeds, work / f"x{scale}" / "raw", scale, extra=new_docs)
    extra = sorted((work / f"x{scale}" / "raw-extra").glob("*.txt"))
    results: dict[str, Any] = {"scale": scale, "versions": {}}
    with contextlib.ExitStack() as stack:
        servers = serve_versions(stack, work / f"x{scale}", corpus, versions)
        for key, server in servers.items():
            full = results["versions"][key] = {"full": server.trigger()}
            print(f"x{scale} {key} full run: {full['full']['seconds']} s", file=sys.stderr)
        for k, added in enumerate(extra[:new_docs], 1):
            for key, server in servers.items():
                shutil.copy2(added, server.raw / added.name)
                result = server.trigger()
                results["versions"][key].setdefault("new_docs", []).append(result)
                print(f"x{scale} {key} new document {k}: {result['seconds']} s", file=sys.stderr)
    return results


def report_warm_only(results: dict[str, Any]) -> str:
    """Each version's served runs: the full run, each new document, and the medians."""
    import statistics

    lines = [f"x{results['scale']} store served warm, versions taking turns:"]
    for key, w in results["versions"].items():
        full, docs = w["full"], w.get("new_docs", [])
        lines.append(
            f"{key}: full run {full['seconds']:.1f} s wall, {full['cpu_seconds']:.1f} s CPU; "
            f"{len(docs)} new documents:"
        )
        for field in ("seconds", "run_seconds", "cpu_seconds") if docs else ():
            values = [d.get(field, float("nan")) for d in docs]
            shown = " ".join(f"{v:.2f}" for v in values)
            lines.append(f"  {field:<12} {shown}  median {statistics.median(values):.2f}")
        loads = [d.get("load_before", float("nan")) for d in docs]
        lines.append(f"  load before  {' '.join(f'{v:.1f}' for v in loads)}")
    return "\n".join(lines)


def warm_key(version: str) -> str:
    """The results' key of a version served warm: `warm` for the `run` version, `warm-before` ...

    >>> warm_key("run"), warm_key("before")
    ('warm', 'warm-before')
    """
    return "warm" if version == "run" else f"warm-{version}"


def _row(label: str, r: dict[str, Any], bare: dict[str, Any], lead: str = "") -> str:
    nan = float("nan")
    seconds, cpu = r.get("seconds", nan), r.get("cpu_seconds", nan)
    claims = r.get("claims", "FAILED" if "failed" in r else "")
    return (
        f"{lead:<22} {label:<7} {seconds:>8.1f} {seconds / bare.get('seconds', nan):>6.2f} {cpu:>7.1f} "
        f"{cpu / bare.get('cpu_seconds', nan):>6.2f} {r.get('max_process_mb', nan):>8.0f} "
        f"{r.get('tree_peak_mb', nan):>9.0f} "
        f"{claims:>7} {r.get('load_before', nan):>5.1f}"
    )


def report(results: dict[str, Any]) -> str:
    nan = float("nan")
    names = [n for n in ("run", "before") if n in next(iter(results["scales"].values()))]
    lines = [
        f"model {results['model']}; corpus: the seeds {', '.join(results['seeds'])} copied N times",
        "",
        f"{'scale, docs, chars':<22} {'version':<7} {'wall s':>8} {'x bare':>6} {'cpu s':>7} {'x bare':>6} "
        f"{'max proc':>8} {'tree peak':>9} {'claims':>7} {'load':>5}",
    ]
    for scale, row in results["scales"].items():
        b = row["bare"]
        lines.append(_row("bare", b, b, f"x{scale}, {b['documents']}, {b['characters']:,}"))
        lines.extend(_row(name, row[name], b) for name in names)
    store = str(results["store_scale"])
    lines.append("")
    for name in names:
        full = results["scales"][store][name]
        inc = results["incremental"][name]
        lines.append(f"x{store} store ({name}), against its full run:")
        lines.append(_row("rerun", inc["rerun"], full, "  unchanged re-run"))
        lines.append(_row("new doc", inc["new_doc"], full, "  one new document"))
        for k, later in enumerate(inc.get("new_docs", [])[1:], 2):
            lines.append(_row("new doc", later, full, f"  new document {k}"))
    for name in names:
        key = warm_key(name)
        if key not in results["incremental"]:
            continue
        w = results["incremental"][key]
        full = w["full"]
        lines.append(f"x{store} store ({name}) served warm (`claims serve --warm`), against its first run:")
        lines.append(_row("full", full, full, "  first run (cold)"))
        lines.append(_row("rerun", w["rerun"], full, "  unchanged re-run"))
        for k, later in enumerate(w.get("new_docs", []), 1):
            lines.append(_row("new doc", later, full, f"  new document {k}"))
        # the same denominator for every version: the median of the cold and the served full runs
        fulls = [results["scales"][store][n] for n in names]
        fulls += [
            results["incremental"][warm_key(n)]["full"]
            for n in names
            if warm_key(n) in results["incremental"]
        ]
        wall = sorted(f.get("seconds", nan) for f in fulls)[len(fulls) // 2]
        cpu = sorted(f.get("cpu_seconds", nan) for f in fulls)[len(fulls) // 2]
        lines.append(f"  against the median full run of this scale ({wall:.1f} s wall, {cpu:.1f} s CPU):")
        for k, later in enumerate(w.get("new_docs", []), 1):
            lines.append(
                f"  new document {k}: wall {later.get('seconds', nan) / wall:.3f} (flow run "
                f"{later.get('run_seconds', nan):.1f} s: {later.get('run_seconds', nan) / wall:.3f}), "
                f"CPU {later.get('cpu_seconds', nan) / cpu:.3f}"
            )
    if "before" in names:
        lines.append("")
        for scale, row in results["scales"].items():
            a, b = row["run"], row["before"]
            lines.append(
                f"x{scale}: run / before wall {a.get('seconds', nan) / b.get('seconds', nan):.2f}, "
                f"cpu {a.get('cpu_seconds', nan) / b.get('cpu_seconds', nan):.2f}"
            )
        for key in ("rerun", "new_doc"):
            a, b = results["incremental"]["run"][key], results["incremental"]["before"][key]
            lines.append(
                f"{key}: run / before wall {a.get('seconds', nan) / b.get('seconds', nan):.2f}, "
                f"cpu {a.get('cpu_seconds', nan) / b.get('cpu_seconds', nan):.2f}"
            )
    lines += [
        "",
        "bare: spacy.load(model) + nlp.pipe over the texts, one process; run: `claims run` in a fresh "
        "process into a fresh folder;",
        "cpu: user + system seconds of the process tree; max proc: the largest process of the tree in MB "
        "(getrusage of children);",
        "tree peak: all its processes together in MB, sampled every 50 ms; load: 1-minute load average at "
        "the start. The store rows' ratios are against that version's full run.",
        "warm: seconds from the trigger (Prefect API) to the run's line in runs.jsonl (up to 1 s of polling "
        "included); flow run: its Running time; cpu: the serving process's.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", type=int, nargs="+", default=[1, 8])
    ap.add_argument("--model", default=None, help="default: Settings().spacy_model")
    ap.add_argument("--raw", type=Path, default=ROOT / "raw", help="the seed folder (its .txt files)")
    ap.add_argument("--before-src", type=Path, default=None, help="another source tree to run side by side")
    ap.add_argument(
        "--after-src", type=Path, default=None, help="the source tree of `run` (default: this one)"
    )
    ap.add_argument(
        "--new-docs", type=int, default=1, help="documents added to the store, one run each (default 1)"
    )
    ap.add_argument("--work", type=Path, default=None, help="scratch folder (default: a new temp folder)")
    ap.add_argument("--json", type=Path, default=None, help="write the results here")
    ap.add_argument(
        "--bare-batch-size",
        type=int,
        default=None,
        help="documents per nlp.pipe batch of the bare pass (default: the model's, 256: the whole corpus in "
        "one batch at these scales; at 32x the system killed that bare pass, signal 9, on a 24 GiB machine)",
    )
    ap.add_argument(
        "--warm",
        action="store_true",
        help="also serve the store with `claims serve --warm` (the `run` version) and time its runs",
    )
    ap.add_argument(
        "--warm-only",
        action="store_true",
        help="only `claims serve --warm` of each version, at the largest scale given: its full run, then "
        "--new-docs new documents, the versions taking turns",
    )
    ap.add_argument("--bare", type=Path, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--wrap", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.wrap:
        print(json.dumps(wrapped(json.loads(args.wrap))))
        return 0
    if args.model is None:
        from claims.settings import Settings

        args.model = Settings().spacy_model
    if args.bare:
        print(json.dumps(bare_pass(args.bare, args.model, args.bare_batch_size)))
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="claims-speed-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"scratch folder: {work}", file=sys.stderr)
    if args.warm_only:
        results = run_warm_only(
            work,
            raw=args.raw,
            before_src=args.before_src,
            after_src=args.after_src,
            new_docs=max(1, args.new_docs),
            scale=max(args.scales),
        )
        print(report_warm_only(results))
        if args.json:
            write_results(args.json, results, work)
        return 0
    results = run(
        args.scales,
        work,
        model=args.model,
        before_src=args.before_src,
        raw=args.raw,
        after_src=args.after_src,
        new_docs=max(1, args.new_docs),
        bare_batch_size=args.bare_batch_size,
        warm=args.warm,
    )
    print(report(results))
    if args.json:
        write_results(args.json, results, work)
    return 0


def write_results(path: Path, results: dict[str, Any], work: Path) -> None:
    """The results as JSON, the scratch folder named WORK in the commands' output they keep (a result file
    names no folder of the machine that made it).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     out = Path(folder) / "r.json"
    ...     write_results(out, {"tail": f"claims: {folder}/x8/out/claims.csv"}, Path(folder))
    ...     json.loads(out.read_text(encoding="utf-8"))
    {'tail': 'claims: WORK/x8/out/claims.csv'}
    """
    text = json.dumps(results, indent=1).replace(json.dumps(str(work))[1:-1], "WORK")
    path.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
