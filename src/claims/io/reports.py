"""Write a run's reports under the output folder: report.html, audit/, charts/, claimreview.jsonld.

Rendering is pure (`claims.report`); this module only writes. Each file is written to a temporary file in
the same folder and moved into place with os.replace, so a reader never sees a half-written page. Audit pages
and charts left over from an earlier run (a document that is gone) are removed.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from claims.errors import StoreError
from claims.report.bundle import render_reports

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ReportPaths:
    report_html: Path
    audit_index: Path
    audit_pages: tuple[Path, ...]
    claimreview: Path
    charts: tuple[Path, ...]


def write_text_atomic(path: Path, text: str) -> Path:
    """Write `text` (UTF-8) to `path` via a temporary file in the same folder and os.replace."""
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        tmp = Path(tmp_name)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600 files; reports are meant to be read and served
        os.replace(tmp, path)
    except OSError as e:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise StoreError(f"cannot write report file {path}: {e}", path=str(path)) from e
    return path


def _remove_stale(folder: Path, keep: set[str], suffix: str) -> None:
    """Delete files with `suffix` in `folder` that this run did not write (pages of vanished documents)."""
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if path.is_file() and path.suffix == suffix and path.name not in keep:
            log.info("removing stale report file %s", path)
            path.unlink(missing_ok=True)


def _relative_link(out_dir: Path, target: str) -> str:
    """A path under the output folder as a link relative to it (the folder can move or be served)."""
    path = Path(target)
    if not path.is_absolute():
        return target
    try:
        return path.resolve().relative_to(out_dir.resolve()).as_posix()
    except ValueError:  # outside the folder: an absolute file link still works locally
        return path.as_uri()


def write_reports(out_dir: Path, *, documents: pd.DataFrame, claims: pd.DataFrame, conflicts: pd.DataFrame,
                  summary: Mapping[str, object], validation: Mapping[str, object] | None = None,
                  base_url: str | None = None) -> ReportPaths:
    """Render and write every report of a run under `out_dir`; returns where they are.

    `base_url`, when the folder is published, makes the ClaimReview URLs absolute.
    """
    out_dir = Path(out_dir)
    if validation is not None and validation.get("docs_index"):
        validation = {**validation, "docs_index": _relative_link(out_dir, str(validation["docs_index"]))}
    rendered = render_reports(documents=documents, claims=claims, conflicts=conflicts, summary=summary,
                              validation=validation, base_url=base_url)
    audit_dir = out_dir / "audit"
    charts_dir = out_dir / "charts"
    audit_pages = tuple(write_text_atomic(audit_dir / name, html)
                        for name, html in sorted(rendered.audit_pages.items()))
    _remove_stale(audit_dir, set(rendered.audit_pages), ".html")
    charts = tuple(write_text_atomic(charts_dir / name, svg) for name, svg in sorted(rendered.charts.items()))
    _remove_stale(charts_dir, set(rendered.charts), ".svg")
    claimreview = write_text_atomic(out_dir / "claimreview.jsonld", rendered.claimreview)
    report_html = write_text_atomic(out_dir / "report.html", rendered.report_html)  # last: links resolve
    log.info("reports written: %s (%d audit pages, %d charts)", report_html, len(audit_pages), len(charts))
    return ReportPaths(report_html=report_html, audit_index=audit_dir / "index.html", audit_pages=audit_pages,
                       claimreview=claimreview, charts=charts)
