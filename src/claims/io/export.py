"""Every output file is written here, atomically: a temporary file in the same folder, then `os.replace`.

A failed or killed run never leaves half a file (nor half a folder: `staged_folder` builds a whole folder
under a temporary name and swaps it in). One writer for every kind of file (text, bytes, CSV, Parquet), one
file mode for all of them (what the process's umask allows, as for any file the user creates), and one coded
error (`StoreError`, E030) when the output folder cannot be written.

`write_reports` writes a run's rendered reports (report.html, audit/, charts/, claimreview.jsonld); the
rendering itself is pure (`claims.report`).
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from claims.errors import StoreError
from claims.report.bundle import render_reports

logger = logging.getLogger(__name__)


@functools.cache
def umask() -> int:
    """The process's umask, read from /proc where it exists (setting it to read it is not thread-safe)."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode() -> int:
    """The mode of every output file: 0o666 less the umask (mkstemp alone would give 0o600)."""
    return 0o666 & ~umask()


def write_atomic(path: Path, write: Callable[[Path], object]) -> Path:
    """Call `write(tmp)` on a temporary file next to `path`, flush it to disk, then move it onto `path`.

    The previous file stays whole until the move; on any error the temporary file is removed. An OSError
    (folder not writable, disk full) is raised as StoreError naming the file.
    """
    path = Path(path)
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        tmp = Path(name)
        write(tmp)
        _fsync(tmp)
        os.chmod(tmp, file_mode())
        os.replace(tmp, path)
    except OSError as e:
        _discard(tmp)
        raise StoreError(f"cannot write {path}: {e.strerror or e}", path=str(path)) from e
    except BaseException:
        _discard(tmp)
        raise
    return path


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _discard(tmp: Path | None) -> None:
    if tmp is not None:
        tmp.unlink(missing_ok=True)


def write_text(path: Path, text: str) -> Path:
    """UTF-8, newlines written as given (offsets into an extracted text stay exact)."""

    def write(p: Path) -> None:
        with open(p, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)

    return write_atomic(path, write)


def write_bytes(path: Path, data: bytes) -> Path:
    return write_atomic(path, lambda p: p.write_bytes(data))


def write_json(path: Path, data: object, *, indent: int | None = 2) -> Path:
    return write_text(path, json.dumps(data, indent=indent, default=str))


def write_csv(path: Path, df: pd.DataFrame) -> Path:
    return write_atomic(path, lambda p: df.to_csv(p, index=False, encoding="utf-8"))


def write_parquet(path: Path, df: pd.DataFrame) -> Path:
    return write_atomic(path, lambda p: df.to_parquet(p, index=False))


def write_table(out_dir: Path, name: str, df: pd.DataFrame) -> tuple[Path, Path]:
    """`name`.csv and `name`.parquet side by side."""
    return write_csv(out_dir / f"{name}.csv", df), write_parquet(out_dir / f"{name}.parquet", df)


def append_jsonl(path: Path, record: Mapping[str, object]) -> None:
    """Append one line; the line is written in one call and flushed to disk (a log, not a replaced file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(record, default=str, sort_keys=False) + "\n"
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(line)
        fh.flush()
        os.fsync(fh.fileno())


@contextlib.contextmanager
def staged_folder(path: Path) -> Iterator[Path]:
    """A fresh temporary folder next to `path` to build a whole folder in; `replace_folder` publishes it.

    Whatever is still in the staging folder when the block ends (an error, or nothing published) is removed,
    and `path` keeps its previous content.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    except OSError as e:
        raise StoreError(f"cannot write {path}: {e.strerror or e}", path=str(path)) from e
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def replace_folder(staging: Path, path: Path) -> Path:
    """Move a finished staging folder onto `path` (the old folder is moved aside first, then removed).

    A reader sees the old folder or the new one, each whole; between the two renames `path` is briefly absent.
    """
    old: Path | None = None
    try:
        os.chmod(staging, 0o777 & ~umask())  # mkdtemp makes 0700 folders
        if path.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.old.", suffix=".tmp", dir=path.parent))
            os.replace(path, old / path.name)
        os.replace(staging, path)
    except OSError as e:
        if old is not None and (old / path.name).exists() and not path.exists():
            os.replace(old / path.name, path)  # put the previous folder back
        raise StoreError(f"cannot write {path}: {e.strerror or e}", path=str(path)) from e
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    return path


def remove_stale(folder: Path, keep: set[str], suffix: str) -> None:
    """Delete files with `suffix` in `folder` that this run did not write (pages of vanished documents)."""
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if path.is_file() and path.suffix == suffix and path.name not in keep:
            logger.info("removing stale report file %s", path)
            path.unlink(missing_ok=True)


# --- reports ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReportPaths:
    report_html: Path
    audit_index: Path
    audit_pages: tuple[Path, ...]
    claimreview: Path
    charts: tuple[Path, ...]


def relative_link(out_dir: Path, target: str) -> str:
    """A path under the output folder as a link relative to it (the folder can move or be served).

    >>> relative_link(Path("/srv/out"), "/srv/out/validation/index.html")
    'validation/index.html'
    >>> relative_link(Path("/srv/out"), "validation/index.html")
    'validation/index.html'
    """
    path = Path(target)
    if not path.is_absolute():
        return target
    try:
        return path.resolve().relative_to(out_dir.resolve()).as_posix()
    except ValueError:  # outside the folder: an absolute file link still works locally
        return path.as_uri()


def write_reports(
    out_dir: Path,
    *,
    documents: pd.DataFrame,
    claims: pd.DataFrame,
    conflicts: pd.DataFrame,
    summary: Mapping[str, object],
    validation: Mapping[str, object] | None = None,
    base_url: str | None = None,
) -> ReportPaths:
    """Render and write every report of a run under `out_dir`; returns where they are.

    Each file is replaced atomically; report.html goes last, so its links resolve. Audit pages and charts
    left over from an earlier run (a document that is gone) are removed. `base_url`, when the folder is
    published, makes the ClaimReview URLs absolute.
    """
    out_dir = Path(out_dir)
    if validation is not None and validation.get("docs_index"):
        validation = {**validation, "docs_index": relative_link(out_dir, str(validation["docs_index"]))}
    rendered = render_reports(
        documents=documents,
        claims=claims,
        conflicts=conflicts,
        summary=summary,
        validation=validation,
        base_url=base_url,
    )
    audit_dir = out_dir / "audit"
    charts_dir = out_dir / "charts"
    audit_pages = tuple(
        write_text(audit_dir / name, html) for name, html in sorted(rendered.audit_pages.items())
    )
    remove_stale(audit_dir, set(rendered.audit_pages), ".html")
    charts = tuple(write_text(charts_dir / name, svg) for name, svg in sorted(rendered.charts.items()))
    remove_stale(charts_dir, set(rendered.charts), ".svg")
    claimreview = write_text(out_dir / "claimreview.jsonld", rendered.claimreview)
    report_html = write_text(out_dir / "report.html", rendered.report_html)  # last: links resolve
    logger.info("reports written: %s (%d audit pages, %d charts)", report_html, len(audit_pages), len(charts))
    return ReportPaths(
        report_html=report_html,
        audit_index=audit_dir / "index.html",
        audit_pages=audit_pages,
        claimreview=claimreview,
        charts=charts,
    )
