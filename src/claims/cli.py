"""The `claims` command line. Each command parses its options and calls one plain function.

Every bad argument is answered in one line with exit code 2, never a traceback; a run that fails ends with
one line too (exit code 1), an interrupted one with exit code 130 (Ctrl-C) or 143 (SIGTERM).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from claims import unchanged
from claims.errors import ClaimsError, UsageError
from claims.settings import Settings

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Find dated quantitative claims in documents and where they contradict each other.",
)
console = Console()
err = Console(stderr=True, soft_wrap=True)  # an error is one line, however long

OutOpt = Annotated[Path, typer.Option("--out", help="Output folder (processed/).")]
RawOpt = Annotated[Path, typer.Option("--raw", help="Input folder of documents.")]


def _quiet_prefect(verbose: bool) -> None:
    """Prefect logs to the console by default; the CLI prints its own progress, summary and errors."""
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "CRITICAL")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no network here: no telemetry
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")  # workers log INFO by default
    # Prefect gives its temporary API server 20 s to start, too short on a loaded machine
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")


def _fail(message: str, code: int = 2) -> typer.Exit:
    """Print one error line; the caller raises what this returns."""
    err.print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(code)


class _StageDisplay(logging.Handler):
    """The one progress display of a run: a line per stage, advanced by the stages' progress events."""

    def __init__(self, progress: Progress) -> None:
        super().__init__(logging.INFO)
        from claims.pipeline import progress as stages

        self.progress = progress
        self.stages = stages
        self.rows: dict[str, TaskID] = {
            name: progress.add_task(f"[dim]{name}[/dim]", total=None, start=False) for name in stages.STAGES
        }

    def emit(self, record: logging.LogRecord) -> None:
        event = getattr(record, "claims_progress", None)
        if event is None:
            return
        stages, progress = self.stages, self.progress
        row = self.rows.get(event.stage)
        if event.state in (stages.WAIT, stages.PAUSE):
            progress.console.print(f"[yellow]{escape(event.stage)}:[/yellow] {escape(event.detail)}")
            return
        if row is None:
            return
        progress.start_task(row)
        if event.state == stages.START:
            progress.update(row, total=event.total, description=event.stage)
        elif event.state == stages.ADVANCE:
            detail = f" {escape(event.detail)}" if event.detail else ""
            progress.update(
                row, completed=event.done, total=event.total, description=f"{event.stage}{detail}"
            )
        elif event.state == stages.DONE:
            total = progress.tasks[row].total or max(progress.tasks[row].completed, 1)
            detail = f" [dim]{escape(event.detail)}[/dim]" if event.detail else ""
            progress.update(
                row, total=total, completed=total, description=f"[green]✓[/green] {event.stage}{detail}"
            )
            progress.stop_task(row)


class _StageLines(logging.Handler):
    """The progress of a run when stderr is not a terminal (cron, a log file): no bars and no control
    codes, one plain line per finished stage and a line when the run waits or pauses."""

    def emit(self, record: logging.LogRecord) -> None:
        from claims.pipeline import progress as stages

        event = getattr(record, "claims_progress", None)
        if event is None:
            return
        if event.state in (stages.WAIT, stages.PAUSE):
            err.print(f"{event.stage}: {event.detail}", markup=False, highlight=False)
        elif event.state == stages.DONE:
            err.print(f"✓ {event.stage} {event.detail}".rstrip(), markup=False, highlight=False)


@contextlib.contextmanager
def _stage_display(verbose: bool) -> Iterator[None]:
    """Show the stages' progress on stderr for the block: a live display with a line per stage on a
    terminal, else a plain line per finished stage."""
    listener = logging.getLogger("claims.pipeline.progress")
    listener.setLevel(logging.INFO)
    listener.propagate = verbose
    if not err.is_terminal:
        lines = _StageLines(logging.INFO)
        listener.addHandler(lines)
        try:
            yield
        finally:
            listener.removeHandler(lines)
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    ) as progress:
        handler = _StageDisplay(progress)
        listener.addHandler(handler)
        try:
            yield
        finally:
            listener.removeHandler(handler)
            for task in list(progress.tasks):  # stages a refused or failed run never reached
                if not task.started:
                    progress.remove_task(task.id)


def _interrupted_code(e: BaseException) -> int:
    return 143 if "SIGTERM" in str(e) else 129 if "SIGHUP" in str(e) else 130


def _checked_run_options(raw: Path, out: Path, workers: int | None, dask: str | None) -> int | None:
    """Folders, worker count and scheduler address checked before anything starts (one line, exit 2)."""
    from claims.pipeline.guards import bound_workers, check_dask_address, check_folders

    try:
        check_folders(raw, out)
        workers, note = bound_workers(workers)
        check_dask_address(dask)
        if dask is not None and workers is not None:
            raise UsageError("give --workers or --dask, not both (a Dask cluster has its own workers)")
    except UsageError as e:
        raise _fail(str(e)) from e
    if note:
        err.print(f"[yellow]note:[/yellow] {escape(note)}")
    return workers


@app.command()
def run(
    raw: RawOpt = Path("raw"),
    out: OutOpt = Path("processed"),
    workers: Annotated[
        int | None, typer.Option(help="Extraction processes (default: all cores; at most the cores).")
    ] = None,
    dask: Annotated[
        str | None, typer.Option("--dask", help="Dask scheduler address, e.g. tcp://host:8786.")
    ] = None,
    full: Annotated[
        bool, typer.Option(help="Re-extract every document, not only new or changed ones.")
    ] = False,
    allow_removals: Annotated[
        bool,
        typer.Option(help="Let the run remove more than half of the stored documents (or all of them)."),
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
) -> None:
    """Run the pipeline over a folder (Prefect flow, local ephemeral mode).

    A re-run over a folder that has not changed since the last run (same files, settings, code, decisions
    and published set) is recorded without loading the pipeline (`claims.unchanged`); `--full` never is."""
    if _skipped(raw, out, workers=workers, dask=dask, full=full, verbose=verbose):
        return
    workers = _checked_run_options(raw, out, workers, dask)
    _quiet_prefect(verbose)
    if not verbose:  # what the library warns of (a rejected file ...) is in the summary printed at the end
        logging.getLogger("claims").setLevel(logging.ERROR)
    from claims_flows import pipeline as flow
    from claims_flows.reaper import stopping, watching
    from claims_flows.runners import local_api

    before = _runs_recorded(out)
    try:
        # without PREFECT_API_URL, Prefect's API is served on a thread of this process (no server subprocess)
        with watching(), stopping(), _stage_display(verbose), local_api():
            summary = flow.claims_pipeline(
                raw_dir=str(raw),
                out_dir=str(out),
                workers=workers,
                dask_address=dask,
                full=full,
                allow_removals=allow_removals,
            )
    except KeyboardInterrupt as e:
        unchanged.forget(out)
        err.print(
            "[red]interrupted:[/red] the run stopped and is recorded as interrupted; the published outputs "
            "are unchanged unless it had switched them; the next run finishes the work"
        )
        # exit now: the run is recorded, and an interrupted extraction leaves queue threads that the
        # interpreter's exit would wait for (the watchdog stops Prefect's temporary server)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_interrupted_code(e))
    except Exception as e:  # one line for operators; --verbose shows the traceback of an unexpected error
        unchanged.forget(out)
        if verbose and not isinstance(e, ClaimsError):
            raise
        from claims_flows.pipeline import error_line

        what = error_line(e, out)
        recorded = (
            "the run is recorded as failed" if _runs_recorded(out) > before else "the run did not start"
        )
        err.print(
            f"[red]error:[/red] {escape(what)}; {recorded} and the published outputs in {escape(str(out))} "
            "are unchanged"
        )
        raise typer.Exit(1) from None
    _print_summary(summary, out)
    _remember(raw, out, str(summary.get("run_id", "")), verbose=verbose)
    if summary.get("status") != "ok":
        raise typer.Exit(1)
    if summary.get("rejected"):
        raise typer.Exit(3)


def _skipped(
    raw: Path, out: Path, *, workers: int | None, dask: str | None, full: bool, verbose: bool
) -> bool:
    """Record the run as skipped when nothing changed since the last one, print its summary; True when so.

    Only options that need no check of their own get here (`--dask` and a worker count beyond the cores
    are checked by the full run, with their notes): the check imports nothing heavy."""
    if full or dask is not None or (workers is not None and not 1 <= workers <= (os.cpu_count() or 1)):
        return False
    outcome = unchanged.skip(raw, out)
    if outcome.summary is None:
        if verbose:
            err.print(f"[dim]full run: {escape(outcome.doubt)}[/dim]")
        return False
    since = outcome.summary.get("unchanged_since")
    err.print(f"✓ nothing changed since run {since}: nothing to read, validate or publish", highlight=False)
    _print_summary(outcome.summary, out)
    return True


def _remember(raw: Path, out: Path, run_id: str, *, verbose: bool) -> None:
    """Note what the run left, so that a re-run over the same folder is skipped (best effort: a run that
    cannot note it is not a failed run; the next run is then a full one)."""
    try:
        why_not = unchanged.remember(raw, out, run_id)
    except Exception as e:  # never fails the run that ended: logged, and the evidence removed
        logging.getLogger(__name__).warning(
            "could not note what run %s left: %s", run_id, e, exc_info=verbose
        )
        unchanged.forget(out)
        return
    if why_not and verbose:
        err.print(f"[dim]the next run is a full one: {escape(why_not)}[/dim]")


def _runs_recorded(out: Path) -> int:
    """How many runs runs.jsonl records (0 when there is none yet)."""
    try:
        with open(out / "runs.jsonl", "rb") as fh:
            return sum(1 for _ in fh)
    except OSError:
        return 0


def _print_summary(summary: dict[str, Any], out: Path) -> None:
    status = summary.get("status")
    if status == "refused":
        err.print(f"[red]refused:[/red] {escape(str(summary.get('error', '')))}")
        return
    sev = summary.get("conflicts_by_severity", {}) or {}
    again = f", {summary.get('reextracted', 0)} re-extracted" if summary.get("reextracted") else ""
    console.print(
        f"[bold]{summary.get('documents', 0)}[/bold] documents "
        f"({summary.get('new', 0)} new, {summary.get('changed', 0)} changed{again}, "
        f"{summary.get('unchanged', 0)} unchanged, {summary.get('removed', 0)} removed), "
        f"[bold]{summary.get('claims', 0)}[/bold] claims, "
        f"[bold]{summary.get('conflicts', 0)}[/bold] findings "
        f"(high {sev.get('high', 0)}, medium {sev.get('medium', 0)}, low {sev.get('low', 0)})"
    )
    possible, new_possible = summary.get("possible") or 0, len(summary.get("new_possible") or [])
    if possible:
        fresh = f", {new_possible} new" if new_possible else ""
        console.print(
            f"{possible} possible finding{'s' if possible != 1 else ''} below the report's threshold{fresh}"
            " (listed apart in the report)"
        )
    new_findings = summary.get("new_findings") or []
    involved = summary.get("new_conflicts_documents") or []
    if new_findings:
        docs = (
            f" involving {len(involved)} new or changed document{'s' if len(involved) != 1 else ''}"
            if involved
            else ""
        )
        console.print(
            f"[bold]{len(new_findings)} new finding{'s' if len(new_findings) != 1 else ''}{docs}[/bold]"
            f" (see `claims conflicts --status open`)"
        )
    held = summary.get("quarantined") or {}
    if any(held.values()):
        console.print(
            f"[yellow]quarantined[/yellow] {held.get('claims', 0)} claims and {held.get('conflicts', 0)} "
            f"findings that failed a value check (kept out; reasons in {escape(str(out / 'quarantine.csv'))})"
        )
    for w in summary.get("warnings", []) or []:
        console.print(
            f"[yellow]warning[/yellow] {escape(str(w['doc']))}: {escape(str(w['reason']))} "
            f"{escape(str(w.get('detail', '')))}"
        )
    for r in summary.get("rejected", []) or []:
        console.print(
            f"[yellow]rejected[/yellow] {escape(str(r['doc']))}: {escape(str(r['reason']))} "
            f"{escape(str(r.get('detail', '')))}"
        )
    validation = summary.get("validation") or {}
    if validation:
        state = "passed" if validation.get("success") else "[red]FAILED[/red]"
        warnings = [f for f in validation.get("failures", []) if f.get("severity") == "warning"]
        console.print(f"validation {state}" + (f" ({len(warnings)} warnings)" if warnings else ""))
    outputs = summary.get("outputs") or {}
    if status == "ok" and outputs:
        console.print(f"claims:    {outputs.get('claims')}")
        console.print(f"conflicts: {outputs.get('conflicts')}")
        if outputs.get("report"):
            console.print(f"report:    {outputs['report']}  (open it in a browser)")
    else:
        reason = f": {escape(str(summary['error']))}" if summary.get("error") else ""
        console.print(f"[red]outputs not published[/red]{reason}; the published set in {out} is unchanged")


@app.command()
def quantities() -> None:
    """Read lines (text or JSON with a "text" field) from stdin; write one JSON object per line."""
    from claims.nlp.pipeline import build_nlp
    from claims.nlp.quantities import quantity_record

    nlp = build_nlp(Settings.from_env())
    for line in sys.stdin:
        line = line.rstrip("\n")
        text = line
        if line.lstrip().startswith("{"):
            try:
                text = str(json.loads(line).get("text", ""))
            except (json.JSONDecodeError, AttributeError):
                text = line
        sys.stdout.write(json.dumps(quantity_record(text, nlp), ensure_ascii=False) + "\n")
        sys.stdout.flush()


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="A document (.txt, .md, .html, .pdf, .docx).")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
) -> None:
    """Print one document's claims."""
    from claims.extract import extract_claims
    from claims.io.frames import claim_row
    from claims.io.sources import load_document, make_source
    from claims.nlp.pipeline import build_nlp

    settings = Settings.from_env(raw_dir=file.parent)
    if not file.is_file():
        err.print(f"[red]error:[/red] {escape(str(file))} is not a file")
        raise typer.Exit(2)
    try:
        document = load_document(make_source(file, file.parent), settings, text_dir=None)
    except ClaimsError as e:
        err.print(f"[red]rejected:[/red] {e}")
        raise typer.Exit(3) from e
    found = extract_claims(document, build_nlp(settings), settings)
    if as_json:
        for c in found:
            sys.stdout.write(json.dumps(claim_row(c), ensure_ascii=False, default=str) + "\n")
        return
    table = Table(title=f"{document.doc}: {len(found)} claims")
    for col in ("start", "surface", "value", "unit", "kind", "qualifier", "period", "subject", "section"):
        table.add_column(col, overflow="fold")
    for c in found:
        period = (
            ""
            if c.period_start is None
            else (
                f"{'FY' if c.fiscal else ''}{c.period_start}"
                + (f"-{c.period_end}" if c.period_end not in (None, c.period_start) else "")
            )
        )
        value = f"{c.value:g}" if c.value is not None else f"{c.value_low:g}-{c.value_high:g}"
        cells = (
            str(c.char_start),
            c.surface,
            value,
            c.unit or "",
            str(c.kind),
            str(c.qualifier),
            period,
            c.subject,
            c.section,
        )
        table.add_row(*(escape(cell) for cell in cells))
    console.print(table)


@app.command()
def info(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Versions and the spaCy model in use."""
    from importlib.metadata import PackageNotFoundError, version

    settings = Settings.from_env()
    data: dict[str, Any] = {
        "claims": _version("claims"),
        "python": sys.version.split()[0],
        "spacy_model": settings.spacy_model,
    }
    try:
        data["spacy_model_version"] = version(settings.spacy_model.replace("_", "-"))
    except PackageNotFoundError:
        data["spacy_model_version"] = None
    for pkg in ("spacy", "prefect", "great-expectations", "duckdb", "rapidfuzz", "pandas"):
        data[pkg.replace("-", "_")] = _version(pkg)
    if as_json:
        sys.stdout.write(json.dumps(data) + "\n")
    else:
        for k, v in data.items():
            console.print(f"{k}: {v}")


def _version(pkg: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(pkg)
    except PackageNotFoundError:
        return None


@app.command()
def validate(
    claims_file: Annotated[Path, typer.Option("--claims")] = Path("processed/claims.csv"),
    conflicts_file: Annotated[Path | None, typer.Option("--conflicts")] = None,
    documents_file: Annotated[Path | None, typer.Option("--documents")] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Write the validation page (index.html) and the results here."),
    ] = None,
) -> None:
    """Validate a claims (and conflicts) table with the Great Expectations suites."""
    from claims.io.validation import validate_files

    for flag, path in (
        ("--claims", claims_file),
        ("--conflicts", conflicts_file),
        ("--documents", documents_file),
    ):
        if path is not None and not path.is_file():
            raise _fail(f"{flag} {path} is not a file" if path.exists() else f"{flag} {path} does not exist")
    if out is not None and out.exists() and not out.is_dir():
        raise _fail(f"--out {out} is a file, not a folder")

    report = validate_files(
        claims_path=claims_file,
        conflicts_path=conflicts_file,
        documents_path=documents_file,
        settings=Settings.from_env(),
        out_dir=out,
    )
    # document text in the example rows must not be read as rich markup
    console.print(report.format(), markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(0 if report.success else 1)


def _published(out: Path) -> Path:
    """The published set of an output folder (exit 2 when there is none yet)."""
    from claims.io.export import current_version
    from claims.pipeline.publishing import has_tables

    if out.exists() and not out.is_dir():
        raise _fail(f"--out {out} is a file, not an output folder")
    folder = current_version(out) or (out if has_tables(out) else None)
    if folder is None:
        raise _fail(f"nothing published in {out} yet; run `claims run --out {out}` first")
    return folder


class _WaitNotice(logging.Handler):
    """Prints the progress events that say a command waits (for a run's publishing)."""

    def emit(self, record: logging.LogRecord) -> None:
        event = getattr(record, "claims_progress", None)
        if event is not None and event.state == "wait":
            err.print(f"[yellow]{escape(event.stage)}:[/yellow] {escape(event.detail)}")


def _republish(out: Path) -> Any:
    """Publish the set again with the decisions applied; says so when it waits for a run's publishing."""
    from claims import pipeline

    listener = logging.getLogger("claims.pipeline.progress")
    listener.setLevel(logging.INFO)
    listener.propagate = False
    handler = _WaitNotice(logging.INFO)
    listener.addHandler(handler)
    try:
        return pipeline.republish(out, what="claims review/report")
    finally:
        listener.removeHandler(handler)


@app.command()
def report(
    out: OutOpt = Path("processed"),
    open_: Annotated[bool, typer.Option("--open", help="Open report.html in a browser.")] = False,
) -> None:
    """Publish the reports and exports again from the published tables and the decisions (no database)."""
    _published(out)
    done = _republish(out)
    console.print(f"report: {out / 'report.html'}  ({done.folder})")
    if open_:
        import webbrowser

        webbrowser.open((out / "report.html").resolve().as_uri())


def resolve_finding(conflicts: Any, given: str) -> dict[str, Any]:
    """The finding an id or an id prefix names; UsageError when none or several do."""
    ids = conflicts["conflict_id"].astype(str)
    exact = conflicts[ids == given]
    found = exact if len(exact) else conflicts[ids.str.startswith(given)] if given else exact
    if len(found) == 1:
        return dict(found.iloc[0].to_dict())
    if not len(found):
        raise UsageError(f"no finding with id {given!r} (see `claims conflicts`)")
    shown = ", ".join(sorted(found["conflict_id"].astype(str))[:5])
    more = f" and {len(found) - 5} more" if len(found) > 5 else ""
    raise UsageError(f"{given!r} matches {len(found)} findings ({shown}{more}); give more of the id")


@app.command()
def review(
    conflict_id: Annotated[str, typer.Argument(help="A finding's id, or the start of it.")],
    status: Annotated[str, typer.Option(help="confirmed, dismissed or open")],
    note: Annotated[str, typer.Option()] = "",
    reviewer: Annotated[
        str, typer.Option(envvar="CLAIMS_REVIEWER", help="Who decides (default: $CLAIMS_REVIEWER, $USER).")
    ] = "",
    out: OutOpt = Path("processed"),
) -> None:
    """Record a reviewer's decision on a finding; it persists across runs and never waits for a run."""
    from claims import pipeline
    from claims.io.decisions import STATUSES, DecisionStore

    if status not in STATUSES:
        raise _fail(f"--status must be one of {', '.join(STATUSES)}, not {status!r}")
    name = (reviewer or os.environ.get("USER", "")).strip()
    if not name:
        raise _fail("a decision needs the reviewer's name: give --reviewer NAME (or set CLAIMS_REVIEWER)")
    conflicts = pipeline.read_table(_published(out), "conflicts")
    if conflicts is None:
        raise _fail(f"no findings published in {out}")
    try:
        finding = resolve_finding(conflicts, conflict_id.strip())
    except UsageError as e:
        raise _fail(str(e)) from e
    saved = DecisionStore.beside(out).record(
        [finding], status=status, reviewer=name, note=note, origin="cli"
    )[0]
    console.print(f"{saved.conflict_id}: {saved.status} by {saved.reviewer} ({saved.decided_at})")
    try:
        _republish(out)
    except Exception as e:  # the decision is stored: the next publishing shows it
        logging.getLogger(__name__).debug("republish failed", exc_info=True)
        raise _fail(
            f"the decision is saved, but the reports could not be published again ({type(e).__name__}: {e}); "
            "`claims report` or the next run will show it",
            code=1,
        ) from None


@app.command()
def conflicts(
    status: Annotated[str | None, typer.Option(help="open, confirmed or dismissed")] = None,
    severity: Annotated[str | None, typer.Option(help="high, medium or low")] = None,
    kind: Annotated[str | None, typer.Option()] = None,
    tier: Annotated[
        str | None, typer.Option(help="finding or possible (below the report's threshold); default both")
    ] = None,
    out: OutOpt = Path("processed"),
    limit: Annotated[int, typer.Option()] = 50,
) -> None:
    """List findings in the terminal: the published set with the latest decisions (never waits for a run).

    Findings come first, possible findings (below the report's threshold) after them, the most likely first,
    as in the report."""
    from claims import pipeline
    from claims.io.decisions import STATUSES, DecisionStore, apply_decisions
    from claims.types import ConflictKind, Severity

    for flag, given, allowed in (
        ("--status", status, STATUSES),
        ("--severity", severity, tuple(Severity)),
        ("--kind", kind, tuple(ConflictKind)),
        ("--tier", tier, ("finding", "possible")),
    ):
        if given is not None and given not in allowed:
            raise _fail(f"{flag} must be one of {', '.join(allowed)}, not {given!r}")
    if limit < 1:
        raise _fail(f"--limit must be 1 or more, not {limit}")
    published = pipeline.read_table(_published(out), "conflicts")
    if published is None:
        raise _fail(f"no findings published in {out}")
    df = apply_decisions(published, DecisionStore.beside(out).snapshot())
    tiers = df.get("tier")
    df = df.assign(tier="finding" if tiers is None else tiers.fillna("finding").replace("", "finding"))
    for col, want in (("status", status), ("severity", severity), ("kind", kind), ("tier", tier)):
        if want:
            df = df[df[col].astype(str) == want]
    # findings in the table's ranking, then possible findings the most likely first, as in the report
    likely = df["score"].astype(float).fillna(0.0).where(df["tier"] == "possible", 0.0)
    df = df.assign(_likely=-likely).sort_values(["tier", "_likely"], kind="stable").drop(columns="_likely")
    possible = int((df["tier"] == "possible").sum())
    title = f"{len(df) - possible} findings" + (f", then {possible} possible findings" if possible else "")
    table = Table(title=title)
    table.add_column("id", no_wrap=True, min_width=16)  # copied into `claims review ID`
    for col in ("tier", "sev", "kind", "A", "B", "diff", "status", "explanation"):
        table.add_column(col, overflow="fold")
    for r in df.head(limit).to_dict("records"):
        diff = (
            "" if r["relative_difference"] != r["relative_difference"] else f"{r['relative_difference']:.0%}"
        )
        cells = (
            str(r["conflict_id"]),
            str(r["tier"]),
            str(r["severity"]),
            str(r["kind"]),
            f"{r['doc_a']}: {r['surface_a']}",
            f"{r['doc_b'] if isinstance(r['doc_b'], str) else ''}: "
            f"{r['surface_b'] if isinstance(r['surface_b'], str) else ''}",
            diff,
            str(r["status"]),
            str(r["explanation"]),
        )
        table.add_row(*(escape(cell) for cell in cells))
    console.print(table)


def run_line_text(record: dict[str, Any]) -> str:
    """One line for a run of `claims serve`, from its runs.jsonl record.

    >>> line = run_line_text({"run_id": "3f2a", "finished_at": "2026-03-05T10:00:07+00:00", "status": "ok",
    ...     "new": 1, "changed": 0, "unchanged": 4, "removed": 0, "claims": 97, "conflicts": 6,
    ...     "new_findings": 2, "possible": 9})
    >>> line[:70]
    '2026-03-05 10:00:07 run 3f2a ok: 1 new, 0 changed, 4 unchanged, 0 remo'
    >>> line[70:]
    'ved documents; 97 claims, 6 findings (2 new), 9 possible'
    >>> run_line_text({"run_id": "9c1d", "finished_at": "2026-03-05T11:00:02+00:00", "status": "refused",
    ...     "error": "this run would remove all 5 stored documents"})
    '2026-03-05 11:00:02 run 9c1d refused: this run would remove all 5 stored documents'
    """
    when = str(record.get("finished_at") or record.get("started_at") or "").replace("T", " ")[:19]
    head = f"{when} run {record.get('run_id')} {record.get('status')}"
    if record.get("status") != "ok":
        return f"{head}: {record.get('error') or 'see runs.jsonl'}"
    return (
        f"{head}: {record.get('new', 0)} new, {record.get('changed', 0)} changed, "
        f"{record.get('unchanged', 0)} unchanged, {record.get('removed', 0)} removed documents; "
        f"{record.get('claims', 0)} claims, {record.get('conflicts', 0)} findings "
        f"({record.get('new_findings', 0)} new), {record.get('possible', 0)} possible"
    )


def _follow_runs(path: Path, stop: threading.Event) -> None:
    """Print one line per run appended to runs.jsonl while `claims serve` runs."""
    position = path.stat().st_size if path.exists() else 0
    while not stop.wait(1.0):
        try:
            with open(path, encoding="utf-8") as fh:
                fh.seek(position)
                chunk = fh.read()
        except OSError:
            continue
        if not chunk.endswith("\n"):
            continue  # a line being written: read it whole next time
        position += len(chunk.encode("utf-8"))
        for line in chunk.splitlines():
            with contextlib.suppress(ValueError):
                console.print(escape(run_line_text(json.loads(line))), soft_wrap=True)


@app.command()
def serve(
    raw: RawOpt = Path("raw"),
    out: OutOpt = Path("processed"),
    interval: Annotated[int | None, typer.Option(help="Run every N seconds.")] = None,
    cron: Annotated[str | None, typer.Option(help='Cron schedule, e.g. "0 6 * * *".')] = None,
    name: Annotated[str, typer.Option(help="Deployment name.")] = "claims-scheduled",
    prefect_port: Annotated[
        int, typer.Option(help="Port of the local Prefect server and its UI (when PREFECT_API_URL is unset).")
    ] = 4200,
    warm: Annotated[
        bool,
        typer.Option(
            help="Run the scheduled runs in this process, its imports and spaCy model kept loaded between "
            "runs (default: each run in a new process, as Prefect's runner does)."
        ),
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
) -> None:
    """Serve the pipeline as a Prefect deployment on a schedule (Ctrl-C stops it).

    Uses the Prefect server PREFECT_API_URL points at, else starts a local one with its UI. With --warm a
    new document costs about its own work: no run imports Prefect, spaCy or Great Expectations again.
    """
    from claims.pipeline.guards import check_folders
    from claims_flows.server import check_port, check_schedule

    shared = os.environ.get("PREFECT_API_URL")
    try:
        check_schedule(interval, cron)
        check_folders(raw, out)
        if not shared:
            check_port(prefect_port)
    except UsageError as e:
        raise _fail(str(e)) from e
    _quiet_prefect(verbose)
    from claims_flows.reaper import stopping, watching
    from claims_flows.server import local_prefect_server

    stop = threading.Event()
    try:
        with contextlib.ExitStack() as stack:
            stack.enter_context(watching())
            stack.enter_context(stopping())
            if not shared:
                console.print(f"starting a local Prefect server on port {prefect_port} ...")
                local = stack.enter_context(local_prefect_server(out / ".prefect", port=prefect_port))
                os.environ["PREFECT_API_URL"] = local.api_url
                console.print(f"Prefect UI: {local.ui_url}")
            api = os.environ["PREFECT_API_URL"]
            # Prefect is first imported here, once PREFECT_API_URL is set (claims_flows.server imports none)
            from claims_flows import deploy

            try:
                deployment = deploy.build_deployment(  # absolute: runs start in their own processes
                    raw_dir=str(raw.resolve()),
                    out_dir=str(out.resolve()),
                    interval=interval,
                    cron=cron,
                    name=name,
                )
            except UsageError as e:
                raise _fail(str(e)) from e
            # Prefect's runner stops on SIGTERM without awaiting its own coroutine: its warning, not ours
            warnings.filterwarnings("ignore", message=r"coroutine 'Runner\.astop' was never awaited")
            when = f"every {interval} s" if interval else f"on cron {cron!r}"
            console.print(f"serving {deploy.FLOW_NAME}/{name} {when}: {raw} -> {out} (Ctrl-C stops it)")
            console.print(
                f"run it now: PREFECT_API_URL={api} prefect deployment run '{deploy.FLOW_NAME}/{name}'"
            )
            threading.Thread(
                target=_follow_runs, args=(out / "runs.jsonl", stop), name="claims-serve-runs", daemon=True
            ).start()
            if warm:
                deploy.serve_warm(deployment, stop)
            else:
                deploy.serve(deployment)
    except KeyboardInterrupt:
        console.print("stopped")
    finally:
        stop.set()


@app.command()
def ui(
    out: OutOpt = Path("processed"),
    raw: RawOpt = Path("raw"),
    host: Annotated[
        str, typer.Option(help="Address to listen on (beyond localhost needs a token).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port (0 picks a free one).")] = 8765,
    reviewer: Annotated[
        str | None, typer.Option(envvar="CLAIMS_REVIEWER", help="Your name on every decision.")
    ] = None,
    token: Annotated[
        str | None, typer.Option(envvar="CLAIMS_UI_TOKEN", help="Access token (generated when needed).")
    ] = None,
) -> None:
    """The review workspace in the browser: confirm or dismiss findings, mark figures checked."""
    from claims.ui.app import serve as serve_ui

    if not 0 <= port <= 65535:
        raise _fail(f"--port must be between 0 and 65535, not {port}")
    _published(out)  # the workspace reviews a published set
    try:
        _check_listening(host, port)
    except UsageError as e:
        raise _fail(str(e)) from e
    serve_ui(
        out,
        host,
        port,
        reviewer,
        token,
        raw_dir=raw,
        announce=lambda url: console.print(f"review workspace: {url}  (Ctrl-C stops it)"),
    )


def _check_listening(host: str, port: int) -> None:
    """The address can be listened on (UsageError naming it when the port is taken or the host unknown)."""
    import socket

    name = host.strip("[]")
    try:
        infos = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as e:
        raise UsageError(f"--host {host} is not an address of this machine ({e.strerror})") from e
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as e:
            raise UsageError(f"cannot listen on {host}:{port}: {e.strerror}; give another --port") from e


def main() -> None:
    """The `claims` command: a bad option or argument (Click's usage errors included) is one line, exit 2."""
    if len(sys.argv) <= 1:
        app()  # no command: the help
        return
    try:
        code = app(standalone_mode=False)
    except typer.Abort:
        sys.exit(1)
    except typer.TyperException as e:  # Click's usage errors: an unknown option, a value of the wrong type
        context = getattr(e, "ctx", None)
        where = f"; see `{context.command_path} --help`" if context is not None else ""
        message = (e.format_message() if hasattr(e, "format_message") else str(e)).rstrip(".")
        err.print(f"[red]error:[/red] {escape(message)}{escape(where)}")
        sys.exit(int(getattr(e, "exit_code", 2)))
    except UsageError as e:
        err.print(f"[red]error:[/red] {escape(str(e))}")
        sys.exit(2)
    except ClaimsError as e:
        err.print(f"[red]error:[/red] {escape(str(e))}")
        sys.exit(1)
    except OSError as e:
        err.print(f"[red]error:[/red] {escape(str(e.strerror or e))}: {escape(str(e.filename or ''))}")
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
