"""Every output file is written here, atomically: a temporary file in the same folder, then `os.replace`.

A failed or killed run never leaves half a file (nor half a folder: `staged_folder` builds a whole folder
under a temporary name and swaps it in). One writer for every kind of file (text, bytes, CSV, Parquet), one
file mode for all of them (what the process's umask allows, as for any file the user creates), and one coded
error (`StoreError`, E030) when the output folder cannot be written. Every CSV is spreadsheet-safe
(`write_csv`: no cell a spreadsheet would run as a formula); Parquet keeps the raw text.

Published sets (`claims.pipeline.publishing` decides what goes in them): an output folder holds
`versions/<name>/` folders, each a whole set of outputs, and `current`, a symbolic link to one of them. A
set is built in `versions/.building-<pid>-<name>/` (`begin_version`), renamed, and `current` is switched
to it with one `rename` (`commit_version`); every published name at the top of the folder (claims.csv,
report.html, audit/ ...) is a link into `current/`, so a reader of `processed/claims.csv` reads one set.
`folder_lock` serialises the writers of a folder (runs, publishing) and tells who holds a lock.

`write_reports` writes a run's rendered reports (report.html, audit/, charts/, claimreview.jsonld); the
rendering itself is pure (`claims.report`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from claims.locks import os_error
from claims.report.bundle import Texts, render_reports
from claims.report.common import ClaimParts
from claims.report.exports import write_safe_csv
from claims.report.incremental import MANIFEST as AUDIT_MANIFEST
from claims.report.incremental import AuditEntry, entries_from_json, entries_to_json
from claims.report.tables import LayoutCache

logger = logging.getLogger(__name__)

PART_ROWS = 10_000
"""Rows of a table the reports read at a time (`parquet_parts`)."""


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
    (folder not writable, disk full) is raised as StoreError naming the file. A file of a set being built
    is flushed with the whole set (`commit_version`), not one by one.
    """
    path = Path(path)
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        tmp = Path(name)
        write(tmp)
        if not in_building_set(path):
            _fsync(tmp)
        os.chmod(tmp, file_mode())
        os.replace(tmp, path)
    except OSError as e:
        _discard(tmp)
        raise os_error(path, e) from e
    except BaseException:
        _discard(tmp)
        raise
    return path


def in_building_set(path: Path) -> bool:
    """The path lies in a set being built (`versions/.building-...`), which is flushed whole before it is
    switched in.

    >>> in_building_set(Path("out/versions/.building-42-20260305T100007Z-3f2a/claims.csv"))
    True
    >>> in_building_set(Path("out/runs.jsonl"))
    False
    """
    parts = Path(path).parts
    return any(
        part.startswith(BUILDING) and i > 0 and parts[i - 1] == VERSIONS for i, part in enumerate(parts)
    )


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


def write_csv(path: Path, df: pd.DataFrame, *, quote_all: bool = False) -> Path:
    """A table for people to open in a spreadsheet: cells a spreadsheet would run as a formula are prefixed
    with a quote (`claims.report.exports.safe_frame`, OWASP's rule), numeric columns are left as they are.
    Every CSV of a run is made safe by `write_safe_csv`, through here or a part at a time
    (`write_table_batches`); the Parquet file beside it keeps the raw text."""

    def write(p: Path) -> None:
        with open(p, "w", encoding="utf-8", newline="") as fh:
            write_safe_csv(fh, df, quote_all=quote_all)

    return write_atomic(path, write)


def write_parquet(path: Path, df: pd.DataFrame) -> Path:
    return write_atomic(path, lambda p: df.to_parquet(p, index=False))


def write_table(out_dir: Path, name: str, df: pd.DataFrame) -> tuple[Path, Path]:
    """`name`.csv and `name`.parquet side by side."""
    return write_csv(out_dir / f"{name}.csv", df), write_parquet(out_dir / f"{name}.parquet", df)


def write_table_batches(
    out_dir: Path,
    name: str,
    frames: Iterable[pd.DataFrame],
    *,
    each: Callable[[pd.DataFrame], object] | None = None,
) -> tuple[Path, Path]:
    """`name`.csv and `name`.parquet written a frame at a time: what `write_table` writes for the frames
    concatenated (the CSV byte for byte; the Parquet file holds a row group per frame), without holding
    them all. `frames` gives at least one frame (its columns make the header); `each` sees every frame.

    Every CSV cell is made safe frame by frame (`write_safe_csv`), the Parquet file keeps the raw text.
    """
    csv_path, parquet_path = Path(out_dir) / f"{name}.csv", Path(out_dir) / f"{name}.parquet"

    def write(csv_tmp: Path, parquet_tmp: Path) -> None:
        writer: pq.ParquetWriter | None = None
        try:
            with open(csv_tmp, "w", encoding="utf-8", newline="") as fh:
                for df in frames:
                    write_safe_csv(fh, df, header=writer is None)
                    table = pa.Table.from_pandas(df, preserve_index=False)
                    if writer is None:
                        writer = pq.ParquetWriter(parquet_tmp, table.schema)
                    elif table.schema != writer.schema:  # a column all empty in one frame only
                        table = table.cast(writer.schema)
                    writer.write_table(table)
                    if each is not None:
                        each(df)
        finally:
            if writer is not None:
                writer.close()
        if writer is None:
            raise ValueError(f"no frame given for {name}")

    write_atomic(csv_path, lambda c: write_atomic(parquet_path, lambda p: write(c, p)))
    return csv_path, parquet_path


def parquet_parts(path: Path, *, rows: int = PART_ROWS) -> ClaimParts:
    """A Parquet table read `rows` at a time (each call reads it again, in file order), as frames with the
    dtypes `pd.read_parquet` gives (the pandas metadata of the file)."""

    def parts() -> Iterator[pd.DataFrame]:
        try:
            table = pq.ParquetFile(path)
            for batch in table.iter_batches(batch_size=rows):
                yield pa.Table.from_batches([batch]).to_pandas()
        except OSError as e:
            raise os_error(Path(path), e) from e

    return parts


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
        raise os_error(path, e) from e
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def replace_folder(staging: Path, path: Path) -> Path:
    """Move a finished staging folder onto `path` (the old folder is moved aside first, then removed).

    A reader sees the old folder or the new one, each whole; between the two renames `path` is briefly absent.
    """
    old: Path | None = None
    if in_building_set(staging) and not in_building_set(path):
        sync_tree(staging)  # built inside a set, its files were not flushed one by one
    try:
        os.chmod(staging, 0o777 & ~umask())  # mkdtemp makes 0700 folders
        if path.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.old.", suffix=".tmp", dir=path.parent))
            os.replace(path, old / path.name)
        os.replace(staging, path)
    except OSError as e:
        if old is not None and (old / path.name).exists() and not path.exists():
            os.replace(old / path.name, path)  # put the previous folder back
        raise os_error(path, e) from e
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


@functools.cache
def renderer_version() -> str:
    """The digest of the code that renders the reports: every module and template of the installed
    `claims` package (a change anywhere renders every page again; reading them takes milliseconds)."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.suffix in {".py", ".html", ".json"} and p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def previous_audit(previous: Path | None) -> dict[str, AuditEntry]:
    """The audit entries of a published set whose pages are all there (none for no set, or no record)."""
    if previous is None:
        return {}
    audit_dir = Path(previous) / "audit"
    try:
        text = (audit_dir / AUDIT_MANIFEST).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    entries = entries_from_json(text)
    return {
        doc: entry
        for doc, entry in entries.items()
        if all((audit_dir / page).is_file() for page in entry.pages)
    }


def keep_or_write(path: Path, text: str, previous: Path | None) -> Path:
    """Write `text` to `path`, or, when `previous` (the same file in the published set) holds exactly
    that text, link that file instead: an unchanged page is not rewritten (same file, same time)."""
    if previous is not None:
        try:
            same = previous.is_file() and previous.read_bytes() == text.encode("utf-8")
        except OSError:
            same = False
        if same:
            return keep(previous, path)
    return write_text(path, text)


def keep(source: Path, path: Path) -> Path:
    """`path` becomes the file `source` (a hard link, a copy across file systems), in one step: a file
    already at `path` is replaced whole, as `write_atomic` replaces it."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    try:
        link_or_copy(source, temporary)
        os.replace(temporary, path)
    except OSError as e:
        temporary.unlink(missing_ok=True)
        raise os_error(path, e) from e
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def _published(previous: Path | None, folder: str, name: str) -> Path | None:
    return Path(previous) / folder / name if previous is not None else None


def write_reports(
    out_dir: Path,
    *,
    documents: pd.DataFrame,
    claims: pd.DataFrame | ClaimParts,
    conflicts: pd.DataFrame,
    summary: Mapping[str, object],
    validation: Mapping[str, object] | None = None,
    base_url: str | None = None,
    decisions: pd.DataFrame | None = None,
    marks: pd.DataFrame | None = None,
    texts: Texts | None = None,
    previous: Path | None = None,
    layout_cache: LayoutCache | None = None,
) -> ReportPaths:
    """Render and write every report of a run under `out_dir`; returns where they are.

    Each file is replaced atomically; report.html goes last, so its links resolve. Audit pages and charts
    left over from an earlier run (a document that is gone) are removed. `base_url`, when the folder is
    published, makes the ClaimReview URLs absolute; `decisions`, `marks`, `texts` and `layout_cache` go to
    the renderer (`claims.report.bundle.render_reports`).

    `previous` (the published set this one follows, when `out_dir` is a new set being built): the audit
    pages of documents whose inputs did not change are not rendered again, and every audit page or chart
    whose content is what `previous` has is linked from it, not written (`claims.report.incremental`;
    the published set's files are never changed in place, so sharing them keeps both sets whole).
    """
    out_dir = Path(out_dir)
    if validation is not None and validation.get("docs_index"):
        validation = {**validation, "docs_index": relative_link(out_dir, str(validation["docs_index"]))}
    audit_dir = out_dir / "audit"
    charts_dir = out_dir / "charts"
    written: list[Path] = []
    drawn: list[Path] = []

    def emit(name: str, html: str) -> None:  # each audit page written as soon as it is rendered
        written.append(keep_or_write(audit_dir / name, html, _published(previous, "audit", name)))

    def emit_chart(name: str, svg: str) -> None:
        drawn.append(keep_or_write(charts_dir / name, svg, _published(previous, "charts", name)))

    rendered = render_reports(
        emit_audit=emit,
        emit_chart=emit_chart,
        documents=documents,
        claims=claims,
        conflicts=conflicts,
        summary=summary,
        validation=validation,
        base_url=base_url,
        decisions=decisions,
        marks=marks,
        texts=texts,
        previous_audit=previous_audit(previous),
        renderer=renderer_version(),
        layout_cache=layout_cache,
    )
    for name in rendered.audit_reused:  # only with a previous set: its pages, as they are
        keep(Path(previous or out_dir) / "audit" / name, audit_dir / name)
    audit_pages = tuple(sorted(written)) + tuple(audit_dir / name for name in rendered.audit_reused)
    write_text(audit_dir / AUDIT_MANIFEST, entries_to_json(rendered.audit_entries))
    remove_stale(audit_dir, {p.name for p in written} | set(rendered.audit_reused), ".html")
    charts = tuple(sorted(drawn))
    remove_stale(charts_dir, {p.name for p in drawn}, ".svg")
    if rendered.audit_reused:
        logger.info("%d audit pages kept from %s", len(rendered.audit_reused), previous)
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


# --- published sets -----------------------------------------------------------------------------------------

VERSIONS = "versions"
CURRENT = "current"
BUILDING = ".building-"


def current_version(out_dir: Path) -> Path | None:
    """The published set `out/current` points at, or None (nothing published yet, or an older flat layout)."""
    link = Path(out_dir) / CURRENT
    if not link.is_symlink():
        return None
    target = link.resolve()
    return target if target.is_dir() else None


def version_name(run_id: str, at: dt.datetime | None = None) -> str:
    """A set's folder name: when it was built (UTC, sorts in time order) and by which run.

    >>> version_name("3f2a9c01d4e5", dt.datetime(2026, 3, 5, 10, 0, 7, tzinfo=dt.UTC))
    '20260305T100007Z-3f2a9c01d4e5'
    """
    at = at or dt.datetime.now(dt.UTC)
    return f"{at.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-{run_id}"


def begin_version(out_dir: Path, name: str) -> Path:
    """A new, empty folder to build a set in; invisible to readers until `commit_version`."""
    folder = Path(out_dir) / VERSIONS / f"{BUILDING}{os.getpid()}-{name}"
    try:
        folder.mkdir(parents=True, exist_ok=False)
    except OSError as e:
        raise os_error(folder, e) from e
    return folder


def link_or_copy(source: Path, target: Path) -> None:
    """`target` holds what `source` holds: a hard link (no space used), a copy across file systems.

    A folder is recreated with its files linked one by one.
    """
    try:
        if source.is_dir() and not source.is_symlink():
            target.mkdir(parents=True, exist_ok=True)
            for child in source.iterdir():
                link_or_copy(child, target / child.name)
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError as e:
            if e.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
                raise
            shutil.copy2(source, target)
    except OSError as e:
        raise os_error(target, e) from e


def replace_link(link: Path, target: str) -> None:
    """Point the symbolic link `link` at `target` in one step (a new link renamed over the old one)."""
    temporary = link.with_name(f".{link.name}.{os.getpid()}.link")
    try:
        temporary.unlink(missing_ok=True)
        os.symlink(target, temporary)
        os.replace(temporary, link)
    except OSError as e:
        temporary.unlink(missing_ok=True)
        raise os_error(link, e) from e


def entry_links(out_dir: Path, names: Iterable[str]) -> None:
    """Make each name at the top of the folder a link into `current/` (claims.csv -> current/claims.csv).

    Links already in place are left alone (they never change). A file or folder of the older flat layout
    under that name is replaced by the link (a folder is moved aside, then removed).
    """
    out_dir = Path(out_dir)
    for name in names:
        entry = out_dir / name
        wanted = f"{CURRENT}/{name}"
        if entry.is_symlink() and os.readlink(entry) == wanted:
            continue
        if entry.is_dir() and not entry.is_symlink():
            aside = out_dir / f".{name}.flat.{os.getpid()}"
            try:
                os.replace(entry, aside)
            except OSError as e:
                raise os_error(entry, e) from e
            replace_link(entry, wanted)
            shutil.rmtree(aside, ignore_errors=True)
        else:
            replace_link(entry, wanted)


def sync_tree(folder: Path) -> None:
    """Flush a freshly built folder's files and directories to disk (before it is switched in)."""
    try:
        for root, _dirs, files in os.walk(folder):
            for name in files:
                _fsync(Path(root) / name)
            descriptor = os.open(root, os.O_RDONLY)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
    except OSError as e:
        raise os_error(folder, e) from e


def commit_version(out_dir: Path, building: Path, name: str, *, entries: Iterable[str]) -> Path:
    """Publish a built set: rename it to `versions/<name>`, switch `current` to it, link the entries.

    The switch is one `rename` of the `current` link: a reader resolves the old set or the new one, whole.
    """
    out_dir = Path(out_dir)
    final = out_dir / VERSIONS / name
    sync_tree(building)
    try:
        os.chmod(building, 0o777 & ~umask())
        os.replace(building, final)
    except OSError as e:
        raise os_error(final, e) from e
    replace_link(out_dir / CURRENT, f"{VERSIONS}/{name}")
    entry_links(out_dir, entries)
    return final


def prune_versions(out_dir: Path, *, keep: int) -> list[Path]:
    """Remove published sets beyond the `keep` newest (the current one is always kept); returns them."""
    root = Path(out_dir) / VERSIONS
    current = current_version(out_dir)
    if not root.is_dir():
        return []
    published = sorted(
        (p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name
    )
    removed = []
    for folder in published[: max(0, len(published) - keep)]:
        if current is not None and folder.resolve() == current:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def remove_abandoned(out_dir: Path) -> list[Path]:
    """Remove sets whose building process is gone (a killed run or republish); returns them."""
    root = Path(out_dir) / VERSIONS
    if not root.is_dir():
        return []
    removed = []
    for folder in root.iterdir():
        if not folder.name.startswith(BUILDING):
            continue
        pid = folder.name[len(BUILDING) :].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and process_alive(int(pid)):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def remove_temporary_files(folder: Path) -> list[Path]:
    """Temporary files an earlier, killed writer left at the top of a folder (`.name.xxxx.tmp`)."""
    removed = []
    if Path(folder).is_dir():
        for path in Path(folder).iterdir():
            if path.name.startswith(".") and path.name.endswith((".tmp", ".link")) and path.is_file():
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def process_alive(pid: int) -> bool:
    """True while a process with this id exists (on this host)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --- locks of an output folder ---------------------------------------------------------------------------
