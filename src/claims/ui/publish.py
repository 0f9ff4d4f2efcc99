"""Re-render what readers see from the published tables and the decisions, so a decision shows at once.

`republish(out_dir)` reads the published set (`out/current` or `out`), applies the decisions store and
rewrites, each file atomically: conflicts.csv/.parquet (status, reviewer, time, note, assignee, new),
decisions.csv and marks.csv (every decision and mark, spreadsheet-safe), claimreview.jsonld (confirmed
findings only, the reviewer as author), then audit/, charts/ and report.html (last, so its links resolve).
No extraction, no reconciliation and no database lock: it takes a fraction of a second.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from claims.io import export
from claims.report.bundle import render_reports
from claims.report.findings import build_findings
from claims.ui.exports import claimreview_jsonld, safe_csv
from claims.ui.views import meaningful_flags
from claims.ui.workspace import Workspace, last_run, read_validation

logger = logging.getLogger(__name__)

_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class Republished:
    folder: Path
    files: tuple[Path, ...]
    seconds: float


def _summary(folder: Path, conflicts: pd.DataFrame) -> dict[str, object]:
    """The report header: the last run's line of runs.jsonl, counts taken from the tables."""
    run = last_run(folder)
    summary: dict[str, object] = {
        k: run[k] for k in ("run_id", "started_at", "finished_at", "status") if k in run
    }
    summary["conflicts"] = len(conflicts)
    summary["conflicts_by_severity"] = conflicts["severity"].astype(str).value_counts().to_dict()
    summary["conflicts_by_kind"] = conflicts["kind"].astype(str).value_counts().to_dict()
    return summary


def _relative(folder: Path, target: object) -> str:
    path = Path(str(target or ""))
    if not path.is_absolute():
        return str(target or "")
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return path.as_uri()


def _remove_stale(folder: Path, keep: set[str], suffix: str) -> None:
    if folder.is_dir():
        for path in folder.iterdir():
            if path.is_file() and path.suffix == suffix and path.name not in keep:
                path.unlink(missing_ok=True)


def republish(out_dir: Path, *, workspace: Workspace | None = None) -> Republished:
    """Rewrite the review-dependent outputs of the published set from the tables and the decisions."""
    started = time.monotonic()
    workspace = workspace or Workspace(out_dir)
    with _LOCK:
        published, conflicts = workspace.reviewed()
        folder = published.folder
        if published.conflicts.empty and not (folder / "conflicts.parquet").exists():
            logger.info("nothing published in %s yet: nothing to republish", folder)
            return Republished(folder, (), 0.0)
        claims = meaningful_flags(published.claims)
        findings = build_findings(conflicts, claims)
        reviewers = {
            str(cid): str(name)
            for cid, name in zip(conflicts["conflict_id"], conflicts["reviewer"], strict=True)
            if isinstance(name, str)
        }
        files: list[Path] = []
        files += export.write_table(folder, "conflicts", conflicts)
        files.append(
            export.write_text(folder / "decisions.csv", safe_csv(workspace.decisions.frame("decisions")))
        )
        files.append(export.write_text(folder / "marks.csv", safe_csv(workspace.decisions.frame("marks"))))
        files.append(
            export.write_text(folder / "claimreview.jsonld", claimreview_jsonld(findings, reviewers))
        )
        validation = read_validation(folder)
        if validation and validation.get("docs_index"):
            validation = {**validation, "docs_index": _relative(folder, validation["docs_index"])}
        rendered = render_reports(
            documents=published.documents,
            claims=claims,
            conflicts=conflicts,
            summary=_summary(folder, conflicts),
            validation=validation,
        )
        for name, html in sorted(rendered.audit_pages.items()):
            files.append(export.write_text(folder / "audit" / name, html))
        _remove_stale(folder / "audit", set(rendered.audit_pages), ".html")
        for name, svg in sorted(rendered.charts.items()):
            files.append(export.write_text(folder / "charts" / name, svg))
        _remove_stale(folder / "charts", set(rendered.charts), ".svg")
        files.append(export.write_text(folder / "report.html", rendered.report_html))
        workspace.published()  # take our own writes as the current state
    seconds = time.monotonic() - started
    logger.info("republished %d files in %s (%.2f s)", len(files), folder, seconds)
    return Republished(folder, tuple(files), seconds)
