"""Nothing to do: the evidence that lets `claims run` skip a re-run over an unchanged folder before it loads
the pipeline (Prefect, spaCy, pandas, DuckDB and Great Expectations take seconds to import; a run that finds
nothing changed does about one second of work).

Two halves, one file between them (`out/.unchanged.json`, the evidence):

- `remember`, after a run that ended, under the output folder's run lock: asks the pipeline's own decisions
  whether a run now would change nothing (`StreamingIngest` reads no document and removes none, nothing is
  owed to reconciliation, `needs_publish` says no, the reconciler is the stored one), and if so writes what
  it saw: every file of the input folder with its content hash, the settings, a fingerprint of the code,
  the database file, the reviewers' decisions store, the published set, and the summary and runs.jsonl line
  such a run gives. Any other outcome removes the evidence.
- `skip`, at the start of `claims run`, importing nothing heavy: takes the run lock if it is free, checks
  each part of the evidence against the folders (`DOUBTS`, an ordered table of small checks, cheapest
  first) and, when every one holds, records the run in runs.jsonl (status ok, `"skipped": true`,
  `"unchanged_since"`: the run the evidence was taken after) and returns its summary. The first doubt
  sends the command to the full run: a file added, removed, changed or unreadable, other settings or code,
  any run since (failed, interrupted, refused, or a run of `claims serve`), the database or the decisions
  store written, the published set switched, damaged or missing, the run lock held.

The input folder is listed the way `claims.io.sources.scan` walks it where that is safe to copy (hidden
files and folders are never read, links are never followed) and more strictly everywhere else: every other
name counts, sidecars, READMEs and files the scan would reject included, each by its content hash.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import importlib.util
import json
import logging
import os
import stat
import sys
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import claims
from claims.errors import StoreError
from claims.locks import folder_lock
from claims.settings import Settings

logger = logging.getLogger(__name__)

EVIDENCE = ".unchanged.json"
FORMAT = 1
"""The evidence's layout; evidence of another layout is a doubt."""
RUNS_LOG = "runs.jsonl"
RUN_LOCK = ".run.lock"
"""The names `claims.pipeline` gives these files (its modules import pandas; a test checks they agree)."""
DATABASE_FILES = ("claims.duckdb", "claims.duckdb.wal")
DECISIONS_FILES = ("decisions.sqlite", "decisions.sqlite-wal", "decisions.sqlite-journal")
"""The reviewers' store and the journals that hold its latest writes (its -shm index changes on reads)."""
NOT_RESULTS = frozenset({"workers", "dask_address"})
"""Settings that say where extraction runs, not what it gives."""
KEPT_COUNTS = (
    "documents",
    "claims",
    "conflicts",
    "conflicts_by_severity",
    "conflicts_by_kind",
    "possible",
    "quarantined",
)
"""What the store holds, as the last run counted it (a run that changes nothing counts the same)."""
NOTHING_COUNTED = ("new", "changed", "reextracted", "removed")
NOTHING_LISTED = (
    "new_documents",
    "changed_documents",
    "removed_documents",
    "new_findings",
    "new_possible",
    "new_conflicts_documents",
    "rejected",
    "warnings",
)
"""What a run that changes nothing read, removed or found new: nothing."""
_CHUNK = 1 << 20

Evidence = dict[str, Any]


# --- what the folders hold --------------------------------------------------------------------------------


def file_sha256(path: Path) -> str:
    """SHA-256 of a regular file's bytes; a link or a pipe put in its place is refused (OSError)."""
    digest = hashlib.sha256()
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(descriptor, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise OSError(f"{path} is no longer a regular file")
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _entry(path: Path, *, hashes: bool) -> list[object]:
    """One name of a folder: a link (its target), a folder, a file (size and content hash, or size and
    change times), or something else (its file type)."""
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        return ["link", os.readlink(path)]
    if stat.S_ISDIR(info.st_mode):
        return ["folder"]
    if stat.S_ISREG(info.st_mode):
        if hashes:
            return ["file", info.st_size, file_sha256(path)]
        return ["file", info.st_size, info.st_mtime_ns, info.st_ctime_ns]
    return ["other", stat.S_IFMT(info.st_mode)]


def input_files(raw_dir: Path, *, hashes: bool = True) -> dict[str, list[object]]:
    """Every name under the input folder (sorted, relative, "/"-separated) and what it holds.

    Hidden files and folders are left out (`scan` never reads them) and links are not followed; anything
    that cannot be listed or read raises OSError. Without `hashes`, a file is its size and its modification
    and change times (what any write moves).
    """
    root = Path(raw_dir)
    if not root.is_dir():
        raise NotADirectoryError(f"{root} is not a folder")
    listing: dict[str, list[object]] = {}

    def refuse(e: OSError) -> None:
        raise e

    for folder, dirs, files in os.walk(root, onerror=refuse):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in [*dirs, *sorted(f for f in files if not f.startswith("."))]:
            path = Path(folder, name)
            listing[path.relative_to(root).as_posix()] = _entry(path, hashes=hashes)
    return dict(sorted(listing.items()))


def published_files(out_dir: Path, entries: list[str]) -> dict[str, object]:
    """The published set as a reader finds it: where `current` points, where each published name at the
    top of the output folder points (None when it does not resolve), every file of the set with its size
    and modification time."""
    out = Path(out_dir)
    current = out / "current"
    links = {
        name: os.readlink(out / name) if (out / name).is_symlink() and (out / name).exists() else None
        for name in entries
    }
    files: dict[str, list[object]] = {}
    if current.is_symlink() and current.is_dir():
        target = current.resolve()
        for folder, dirs, names in os.walk(target):
            dirs.sort()
            for name in [*dirs, *sorted(names)]:
                path = Path(folder, name)
                info = path.lstat()
                files[path.relative_to(target).as_posix()] = [info.st_size, info.st_mtime_ns]
    return {
        "current": os.readlink(current) if current.is_symlink() else None,
        "links": links,
        "files": dict(sorted(files.items())),
    }


def database_files(out_dir: Path) -> dict[str, list[int] | None]:
    """The database file and its journal: size, modification and change times (any write moves them)."""
    found: dict[str, list[int] | None] = {}
    for name in DATABASE_FILES:
        try:
            info = (Path(out_dir) / name).stat()
        except FileNotFoundError:
            found[name] = None
        else:
            found[name] = [info.st_size, info.st_mtime_ns, info.st_ctime_ns]
    return found


def decisions_fingerprint(out_dir: Path) -> str:
    """The content of the reviewers' store and its journals (a decision, an assignment, a mark)."""
    digest = hashlib.sha256()
    for name in DECISIONS_FILES:
        path = Path(out_dir) / name
        digest.update(name.encode())
        if path.exists():
            digest.update(file_sha256(path).encode())
    return digest.hexdigest()


def settings_fingerprint(settings: Settings) -> str:
    """Every setting that decides what a run gives, folders resolved (`workers` and `dask_address` only say
    where extraction runs)."""
    values = settings.model_dump(mode="json", exclude=set(NOT_RESULTS))
    for name in ("raw_dir", "out_dir", "expectations_dir"):
        values[name] = str(Path(getattr(settings, name)).resolve())
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()


def code_fingerprint(settings: Settings) -> str:
    """The package version, the interpreter, and every file of `claims`, `claims_flows` and the validation
    suites (stricter than the extractor and reconciler versions the store keeps: any change of the code
    makes the next run a full one)."""
    digest = hashlib.sha256(f"{claims.__version__}\n{sys.version}\n".encode())
    roots = [Path(claims.__file__).parent, Path(settings.expectations_dir)]
    flows = importlib.util.find_spec("claims_flows")
    roots += [Path(p) for p in (flows.submodule_search_locations or [])] if flows is not None else []
    for root in roots:
        if not root.is_dir():
            digest.update(f"{root}: none\n".encode())
            continue
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                path = Path(folder, name)
                if not name.endswith((".pyc", ".pyo")):
                    digest.update(f"{path.relative_to(root).as_posix()}\n".encode())
                    digest.update(file_sha256(path).encode())
    return digest.hexdigest()


def run_settings(raw_dir: Path, out_dir: Path) -> Settings:
    """The settings a run over these folders uses (what `claims_flows` builds, less the worker knobs)."""
    return Settings.from_env(raw_dir=Path(raw_dir), out_dir=Path(out_dir))


def read_evidence(out_dir: Path) -> Evidence | None:
    try:
        data = json.loads((Path(out_dir) / EVIDENCE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None


def forget(out_dir: Path) -> None:
    """Remove the evidence (the next run is a full one)."""
    with contextlib.suppress(OSError):
        (Path(out_dir) / EVIDENCE).unlink(missing_ok=True)


# --- the doubts, cheapest first ---------------------------------------------------------------------------

Doubt = Callable[[Evidence, Settings], str]
"""A check of one part of the evidence: '' when it holds, else what differs."""


def other_folders(evidence: Evidence, settings: Settings) -> str:
    """The evidence was taken for these input and output folders."""
    raw, out = str(settings.raw_dir.resolve()), str(settings.out_dir.resolve())
    if (evidence["raw_dir"], evidence["out_dir"]) != (raw, out):
        return f"the last run was over {evidence['raw_dir']} into {evidence['out_dir']}"
    return ""


def pausing(evidence: Evidence, settings: Settings) -> str:
    """A run asked to pause after a stage (CLAIMS_PAUSE_AFTER) goes through every stage."""
    return f"CLAIMS_PAUSE_AFTER={settings.pause_after}" if settings.pause_after else ""


def other_settings(evidence: Evidence, settings: Settings) -> str:
    return "the settings changed" if evidence["settings"] != settings_fingerprint(settings) else ""


def other_code(evidence: Evidence, settings: Settings) -> str:
    return "the code changed" if evidence["code"] != code_fingerprint(settings) else ""


def runs_since(evidence: Evidence, settings: Settings) -> str:
    """runs.jsonl ends with the run the evidence was taken after (ok), then only runs skipped since it."""
    base = str(evidence["run_id"])
    try:
        data = (settings.out_dir / RUNS_LOG).read_bytes()
    except OSError as e:
        return f"{RUNS_LOG}: {e.strerror or e}"
    size = int(evidence["runs_size"])
    head, tail = data[:size], data[size:]
    if len(data) < size or not head.endswith(b"\n") or (tail and not tail.endswith(b"\n")):
        return f"{RUNS_LOG} was rewritten"
    last = json.loads(head.rstrip(b"\n").rsplit(b"\n", 1)[-1])
    if last.get("run_id") != base or last.get("status") != "ok":
        return f"{RUNS_LOG} does not end with run {base}"
    for line in tail.splitlines():
        record = json.loads(line)
        if not (record.get("skipped") is True and record.get("unchanged_since") == base):
            return f"run {record.get('run_id')} ({record.get('status')}) came after run {base}"
    return ""


def database_written(evidence: Evidence, settings: Settings) -> str:
    return "the database was written" if evidence["database"] != database_files(settings.out_dir) else ""


def decisions_written(evidence: Evidence, settings: Settings) -> str:
    changed = evidence["decisions"] != decisions_fingerprint(settings.out_dir)
    return "the reviewers' decisions changed" if changed else ""


def published_set_changed(evidence: Evidence, settings: Settings) -> str:
    published = evidence["published"]
    now = published_files(settings.out_dir, list(published["links"]))
    if now["current"] != published["current"]:
        return "another set is published (or none)"
    if now != published:
        return "the published set is not as the last run left it"
    return ""


def inputs_changed(evidence: Evidence, settings: Settings) -> str:
    """Every name of the input folder is there, with the same content, and no other."""
    before: dict[str, list[object]] = evidence["inputs"]
    now = input_files(settings.raw_dir)
    if now == before:
        return ""
    found = {
        "new": sorted(set(now) - set(before)),
        "gone": sorted(set(before) - set(now)),
        "changed": sorted(name for name in set(now) & set(before) if now[name] != before[name]),
    }
    return "in the input folder: " + ", ".join(f"{what} {names[0]}" for what, names in found.items() if names)


DOUBTS: tuple[Doubt, ...] = (
    other_folders,
    pausing,
    other_settings,
    runs_since,
    database_written,
    published_set_changed,
    decisions_written,
    other_code,
    inputs_changed,
)
"""In order: the cheap checks of the output folder first, hashing the input folder last."""


def first_doubt(evidence: Evidence, settings: Settings) -> str:
    """What stands against skipping the run ('' when nothing does). A check that cannot read what it
    checks (a file gone, an unreadable folder, evidence of another shape) is a doubt too."""
    for doubt in DOUBTS:
        try:
            found = doubt(evidence, settings)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
            found = f"{doubt.__name__}: {type(e).__name__}: {e}"
        if found:
            return found
    return ""


# --- skipping a run ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What `skip` decided: the summary of the run it recorded as skipped, or why the run is a full one."""

    summary: dict[str, Any] | None
    doubt: str = ""


@contextlib.contextmanager
def run_lock_if_free(out_dir: Path, what: str) -> Iterator[bool]:
    """Hold the output folder's run lock for the block if no run holds it (True), else hold nothing (False).

    The lock is the pipeline's own (`claims.locks.folder_lock`, not waited for here), so a run started
    meanwhile waits and names this one. A folder that does not exist or a lock file that cannot be opened
    hold nothing.
    """
    with contextlib.ExitStack() as stack:
        held = False
        if Path(out_dir).is_dir():
            with contextlib.suppress(StoreError):
                held = stack.enter_context(folder_lock(Path(out_dir) / RUN_LOCK, what, wait=False))
        yield held


def append_line(path: Path, record: Mapping[str, object]) -> None:
    """One line appended in one write and flushed to disk (as `claims.io.export.append_jsonl` does)."""
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(dict(record), default=str) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def skipped_run(
    evidence: Evidence, out_dir: Path, *, run_id: str, started: dt.datetime
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The summary and the runs.jsonl line of a skipped run: the evidence's, under this run's id and times."""
    finished = dt.datetime.now(dt.UTC)
    times = {
        "run_id": run_id,
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": finished.isoformat(timespec="seconds"),
    }
    marks = {"skipped": True, "unchanged_since": evidence["run_id"]}
    out = Path(out_dir)
    outputs = {
        "claims": str(out / "claims.csv"),
        "conflicts": str(out / "conflicts.csv"),
        "report": str(out / "report.html"),
        "folder": str((out / "current").resolve()),
    }
    summary = {**evidence["summary"], **times, "outputs": outputs, **marks}
    line = {**evidence["line"], **times, **marks}
    return summary, line


def skip(raw_dir: Path, out_dir: Path) -> Outcome:
    """Record a run over an unchanged folder without running it, when the evidence shows a run would change
    nothing; else say why not (the caller runs the pipeline). Imports nothing heavy."""
    evidence = read_evidence(out_dir)
    if evidence is None:
        return Outcome(None, f"no evidence of an unchanged folder in {out_dir}")
    try:
        settings = run_settings(raw_dir, out_dir)
    except ValueError as e:  # settings the run itself will refuse, in its own words
        return Outcome(None, f"settings: {e}")
    run_id = uuid.uuid4().hex[:12]
    started = dt.datetime.now(dt.UTC)
    with run_lock_if_free(settings.out_dir, f"run {run_id}") as held:
        if not held:
            return Outcome(None, "another run holds the output folder")
        doubt = first_doubt(evidence, settings)
        if doubt:
            logger.info("not skipping the run: %s", doubt)
            return Outcome(None, doubt)
        summary, line = skipped_run(evidence, settings.out_dir, run_id=run_id, started=started)
        try:
            append_line(settings.out_dir / RUNS_LOG, line)
        except OSError as e:  # a full disk: the full run records its outcome as it can
            return Outcome(None, f"{RUNS_LOG}: {e.strerror or e}")
    logger.info("run %s skipped: nothing changed since run %s", run_id, evidence["run_id"])
    return Outcome(summary)


def unchanged_summary(
    recorded: Mapping[str, Any], *, unchanged: int, validation: object, outputs: Mapping[str, str]
) -> dict[str, Any]:
    """The summary a run that changes nothing gives (`claims.pipeline.runs.conclude` when nothing
    changed), from the summary of the run just recorded: the store's counts are that run's (nothing writes
    the documents, claims, findings or quarantine after it counts them); what it read, removed and found
    new is nothing; every document is unchanged.

    >>> run = {"run_id": "r1", "started_at": "t0", "new_conflicts": ["c1"], "documents": 2, "new": 2,
    ...     "unchanged": 0, "new_documents": ["a.txt", "b.txt"], "claims": 7, "conflicts": 1,
    ...     "new_findings": ["c1"], "rejected": [], "status": "ok", "validation": None, "finished_at": "t1"}
    >>> again = unchanged_summary(run, unchanged=2, validation={"success": True}, outputs={})
    >>> again["documents"], again["new"], again["unchanged"], again["new_documents"], again["claims"]
    (2, 0, 2, [], 7)
    >>> again["new_findings"], again["validation"], list(again)[:3], list(again)[-1]
    ([], {'success': True}, ['run_id', 'started_at', 'new_conflicts'], 'finished_at')
    """
    summary = {key: value for key, value in recorded.items() if key in KEPT_COUNTS}
    nothing: dict[str, Any] = {key: 0 for key in NOTHING_COUNTED}
    nothing.update({key: [] for key in NOTHING_LISTED})
    return {
        "run_id": "",
        "started_at": "",
        "new_conflicts": [],
        **summary,
        **nothing,
        "unchanged": unchanged,
        "status": "ok",
        "validation": validation,
        "outputs": dict(outputs),
        "finished_at": "",
    }


# --- taking the evidence after a run ----------------------------------------------------------------------


def remember(raw_dir: Path, out_dir: Path, run_id: str) -> str:
    """After run `run_id`, under the run lock (never waiting for it: a run holding it notes what it leaves):
    write the evidence when a run now would change nothing; else remove it. Returns '' when written, else
    why not.

    Asks the pipeline's own decisions (this half imports it): the input folder scanned as a run scans it
    gives nothing to read and nothing to remove, the store owes no reconciliation and no publishing, its
    reconciler is the current one, `run_id` is the last run recorded and ended ok. The input folder is
    listed before and after the scan, and the listings must agree (nothing was written meanwhile).
    """
    from claims.io import export
    from claims.io.store import Store
    from claims.pipeline import ENTRIES, OK, StreamingIngest, extractor_version, reconciler_version
    from claims.pipeline.publishing import latest_run, output_paths
    from claims.pipeline.runs import last_validation, needs_publish, run_line

    settings = run_settings(raw_dir, out_dir)
    out, raw = settings.out_dir, settings.raw_dir
    with run_lock_if_free(out, f"run {run_id} (noting what it left)") as held:
        forget(out)
        if not held:  # a later run has started: it notes what it leaves
            return "another run holds the output folder"
        last = latest_run(out)
        if (last.get("run_id"), last.get("status")) != (run_id, OK):
            return f"the last run recorded is not run {run_id} ended ok"
        runs_size = (out / RUNS_LOG).stat().st_size
        before = input_files(raw, hashes=False)
        with Store(settings.db_path, read_only=True) as store:
            reader = StreamingIngest(
                settings,
                known=store.document_hashes(),
                extractors=store.document_extractors(),
                version=extractor_version(settings),
            )
            if reader.batches(1) or reader.planned_removals():
                return "a run now would read or remove files"
            if store.pending_docs() or store.get_meta("reconciler") != reconciler_version(settings):
                return "the store owes a reconciliation"
            if any(needs_publish(store, settings, [])):
                return "the store owes a publishing"
            recorded = store.last_run_summary()
            if recorded.get("run_id") != run_id:
                return f"the database does not end with run {run_id}"
            summary = unchanged_summary(
                recorded,
                unchanged=len(reader.unchanged),
                validation=last_validation(store),
                outputs=output_paths(out),
            )
        inputs = input_files(raw)
        if input_files(raw, hashes=False) != before:
            return "the input folder changed while it was read"
        for source in reader.sources:
            if inputs.get(source.doc) != ["file", source.size, source.sha256]:
                return f"{source.doc} is not as scanned"
            sidecar = source.sidecar.relative_to(raw).as_posix() if source.sidecar else None
            if sidecar is not None and inputs.get(sidecar, [None])[-1] != source.sidecar_sha256:
                return f"{sidecar} is not as scanned"
        evidence = {
            "format": FORMAT,
            "run_id": run_id,
            "recorded_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "raw_dir": str(raw.resolve()),
            "out_dir": str(out.resolve()),
            "settings": settings_fingerprint(settings),
            "code": code_fingerprint(settings),
            "runs_size": runs_size,
            "database": database_files(out),
            "decisions": decisions_fingerprint(out),
            "published": published_files(out, list(ENTRIES)),
            "inputs": inputs,
            "summary": summary,
            "line": run_line(summary),
        }
        export.write_json(out / EVIDENCE, evidence, indent=None)
    return ""
