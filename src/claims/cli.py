"""The `claims` command line. Each command parses its options and calls one plain function."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from claims.errors import ClaimsError
from claims.settings import Settings

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Find dated quantitative claims in documents and where they contradict each other.",
)
console = Console()
err = Console(stderr=True)

OutOpt = Annotated[Path, typer.Option("--out", help="Output folder (processed/).")]
RawOpt = Annotated[Path, typer.Option("--raw", help="Input folder of documents.")]


def _quiet_prefect(verbose: bool) -> None:
    """Prefect logs to the console by default; the CLI prints its own progress and summary."""
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "WARNING")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no network here: no telemetry
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")  # workers log INFO by default


class _ProgressHandler(logging.Handler):
    """Advances a progress bar on the extraction stage's per-document log records."""

    def __init__(self, progress: Progress) -> None:
        super().__init__(logging.INFO)
        self.progress = progress
        self.task_id: Any = None

    def emit(self, record: logging.LogRecord) -> None:
        info = getattr(record, "claims_progress", None)
        if not info:
            return
        done, total, doc = info
        if self.task_id is None:
            self.task_id = self.progress.add_task("extracting", total=total)
        self.progress.update(self.task_id, completed=done, total=total, description=f"extracted {doc}")


@app.command()
def run(
    raw: RawOpt = Path("raw"),
    out: OutOpt = Path("processed"),
    workers: Annotated[int | None, typer.Option(help="Extraction processes (default: all cores).")] = None,
    dask: Annotated[
        str | None, typer.Option("--dask", help="Dask scheduler address, e.g. tcp://host:8786.")
    ] = None,
    full: Annotated[
        bool, typer.Option(help="Re-extract every document, not only new or changed ones.")
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
) -> None:
    """Run the pipeline over a folder (Prefect flow, local ephemeral mode)."""
    _quiet_prefect(verbose)
    if not raw.is_dir():
        err.print(f"[red]error:[/red] input folder {raw} does not exist")
        raise typer.Exit(2)
    from claims_flows import pipeline as flow

    # per-document (in-process) and per-batch (Dask) lines feed the progress bar, not the console
    progress_loggers = [logging.getLogger(name) for name in ("claims.pipeline", "claims_flows.runners")]
    for progress_logger in progress_loggers:
        progress_logger.setLevel(logging.INFO)
        progress_logger.propagate = verbose
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    ) as progress:
        handler = _ProgressHandler(progress)
        for progress_logger in progress_loggers:
            progress_logger.addHandler(handler)
        try:
            summary = flow.claims_pipeline(
                raw_dir=str(raw), out_dir=str(out), workers=workers, dask_address=dask, full=full
            )
        except ClaimsError as e:
            err.print(f"[red]error:[/red] {e}")
            raise typer.Exit(1) from e
        finally:
            for progress_logger in progress_loggers:
                progress_logger.removeHandler(handler)
    _print_summary(summary, out)
    if summary.get("status") != "ok":
        raise typer.Exit(1)
    if summary.get("rejected"):
        raise typer.Exit(3)


def _print_summary(summary: dict[str, Any], out: Path) -> None:
    sev = summary.get("conflicts_by_severity", {}) or {}
    console.print(
        f"[bold]{summary.get('documents', 0)}[/bold] documents "
        f"({summary.get('new', 0)} new, {summary.get('changed', 0)} changed, "
        f"{summary.get('unchanged', 0)} unchanged, {summary.get('removed', 0)} removed), "
        f"[bold]{summary.get('claims', 0)}[/bold] claims, "
        f"[bold]{summary.get('conflicts', 0)}[/bold] findings "
        f"(high {sev.get('high', 0)}, medium {sev.get('medium', 0)}, low {sev.get('low', 0)})"
    )
    new_findings = summary.get("new_conflicts") or []
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
    if outputs:
        console.print(f"claims:    {outputs.get('claims')}")
        console.print(f"conflicts: {outputs.get('conflicts')}")
        if outputs.get("report"):
            console.print(f"report:    {outputs['report']}  (open it in a browser)")
    else:
        console.print(f"[red]outputs not published[/red]; previous files in {out} are unchanged")


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
    out: Annotated[Path | None, typer.Option("--out", help="Write results and Data Docs here.")] = None,
) -> None:
    """Validate a claims (and conflicts) table with the Great Expectations suites."""
    from claims.io.validation import validate_files

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


@app.command()
def report(
    out: OutOpt = Path("processed"),
    open_: Annotated[bool, typer.Option("--open", help="Open report.html in a browser.")] = False,
) -> None:
    """Rebuild the reports and exports from the database, without re-extracting."""
    from claims.io.store import Store

    settings = Settings.from_env(out_dir=out)
    _require_database(settings)
    with Store(settings.db_path) as store:
        paths = _republish(store, settings)
    console.print(f"report: {paths.get('report')}")
    if open_ and paths.get("report"):
        import webbrowser

        webbrowser.open(Path(paths["report"]).resolve().as_uri())


@app.command()
def review(
    conflict_id: Annotated[str, typer.Argument()],
    status: Annotated[str, typer.Option(help="confirmed, dismissed or open")],
    note: Annotated[str, typer.Option()] = "",
    reviewer: Annotated[str, typer.Option(help="Who decides (default: $USER).")] = "",
    out: OutOpt = Path("processed"),
) -> None:
    """Record a reviewer's decision on a finding; it persists across runs."""
    from claims.errors import UnknownConflictError
    from claims.io.store import Store

    if status not in {"confirmed", "dismissed", "open"}:
        err.print("[red]error:[/red] --status must be confirmed, dismissed or open")
        raise typer.Exit(2)
    settings = Settings.from_env(out_dir=out)
    _require_database(settings)
    with Store(settings.db_path) as store:
        try:
            saved = store.record_review(
                conflict_id, status=status, note=note, reviewer=reviewer or os.environ.get("USER", "")
            )
        except UnknownConflictError as e:
            err.print(f"[red]error:[/red] {e}")
            raise typer.Exit(2) from e
        _republish(store, settings)
    console.print(f"{saved['conflict_id']}: {saved['status']} ({saved['reviewed_at']})")


def _require_database(settings: Settings) -> None:
    if not settings.db_path.exists():
        err.print(f"[red]error:[/red] no database at {settings.db_path}; run `claims run` first")
        raise typer.Exit(2)


def _republish(store: Any, settings: Settings) -> dict[str, Any]:
    """Rewrite exports and reports from the database so a decision shows everywhere at once."""
    from claims import pipeline

    summary = store.last_run_summary()
    return pipeline.publish(store, settings, summary=summary, validation=summary.get("validation"))


@app.command()
def conflicts(
    status: Annotated[str | None, typer.Option(help="open, confirmed or dismissed")] = None,
    severity: Annotated[str | None, typer.Option(help="high, medium or low")] = None,
    kind: Annotated[str | None, typer.Option()] = None,
    out: OutOpt = Path("processed"),
    limit: Annotated[int, typer.Option()] = 50,
) -> None:
    """List findings in the terminal."""
    from claims.io.store import Store

    settings = Settings.from_env(out_dir=out)
    _require_database(settings)
    with Store(settings.db_path, read_only=True) as store:
        df = store.conflicts_df()
    for col, want in (("status", status), ("severity", severity), ("kind", kind)):
        if want:
            df = df[df[col] == want]
    table = Table(title=f"{len(df)} findings")
    table.add_column("id", no_wrap=True, min_width=16)  # copied into `claims review ID`
    for col in ("sev", "kind", "A", "B", "diff", "status", "explanation"):
        table.add_column(col, overflow="fold")
    for r in df.head(limit).to_dict("records"):
        diff = (
            "" if r["relative_difference"] != r["relative_difference"] else f"{r['relative_difference']:.0%}"
        )
        cells = (
            str(r["conflict_id"]),
            str(r["severity"]),
            str(r["kind"]),
            f"{r['doc_a']}: {r['surface_a']}",
            f"{r['doc_b'] or ''}: {r['surface_b'] or ''}",
            diff,
            str(r["status"]),
            str(r["explanation"]),
        )
        table.add_row(*(escape(cell) for cell in cells))
    console.print(table)


@app.command()
def serve(
    raw: RawOpt = Path("raw"),
    out: OutOpt = Path("processed"),
    interval: Annotated[int | None, typer.Option(help="Run every N seconds.")] = None,
    cron: Annotated[str | None, typer.Option(help='Cron schedule, e.g. "0 6 * * *".')] = None,
    name: Annotated[str, typer.Option(help="Deployment name.")] = "claims-scheduled",
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
) -> None:
    """Serve the pipeline as a Prefect deployment on a schedule (Ctrl-C stops it).

    Uses Prefect's local ephemeral API unless PREFECT_API_URL points at a Prefect server.
    """
    if (interval is None) == (cron is None):
        err.print("[red]error:[/red] give exactly one of --interval SECONDS or --cron EXPR")
        raise typer.Exit(2)
    _quiet_prefect(verbose)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from claims_flows.server import local_prefect_server

    with contextlib.ExitStack() as stack:
        if not os.environ.get("PREFECT_API_URL"):
            console.print("starting a local Prefect server (set PREFECT_API_URL to use your own)...")
            url = stack.enter_context(local_prefect_server(out / ".prefect"))
            os.environ["PREFECT_API_URL"] = url
        # Prefect is first imported here, once PREFECT_API_URL is set (claims_flows.server imports none)
        from claims_flows import deploy

        console.print(
            f"serving deployment {name!r}: {'every ' + str(interval) + 's' if interval else cron} "
            f"on {raw} -> {out} via {os.environ['PREFECT_API_URL']} (Ctrl-C to stop)"
        )
        try:
            deploy.serve(raw_dir=str(raw), out_dir=str(out), interval=interval, cron=cron, name=name)
        except KeyboardInterrupt:
            console.print("stopped")


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
        err.print(f"[red]error:[/red] --port must be between 0 and 65535, not {port}")
        raise typer.Exit(2)
    serve_ui(
        out,
        host,
        port,
        reviewer,
        token,
        raw_dir=raw,
        announce=lambda url: console.print(f"review workspace: {url}  (Ctrl-C stops it)"),
    )


def main() -> None:
    try:
        app()
    except ClaimsError as e:
        err.print(f"[red]error:[/red] {e}")
        sys.exit(1)


if __name__ == "__main__":
    main()
