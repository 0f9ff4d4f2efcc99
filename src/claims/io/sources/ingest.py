"""raw/ -> Documents: find the source files, read each format, reject bad files with a reason.

Public API (the pipeline calls these):

- `scan(raw_dir, settings)` lists every candidate file (cheap: one streamed SHA-256 per file).
- `load_document(source, settings, text_dir=...)` reads one file or raises `IngestError(reason, detail)`.
- `iter_documents(...)` streams `Document | Rejection | IngestWarning` one file at a time (bounded memory);
  `load_documents(...)` collects them into an `IngestResult`. Neither ever raises for a bad file.

Decisions (documented for users in raw/README.md terms):

- Skipped by `scan` (not documents, never rejected): hidden files and folders (`.name`), Office lock files
  (`~$name`), metadata sidecars (`*.meta.json`), and folder notes named README.md / README.txt (any case,
  any depth).
- Plain text: a UTF-8 .txt/.md file (with or without BOM) gives `Document.text ==
  open(path, encoding="utf-8").read()` and `text_path=None`; offsets index the raw file. Every other
  encoding and every other format is decoded/extracted, newlines normalised to "\\n", and written (UTF-8,
  no BOM, atomically) to `text_dir/<doc>.txt`, so `open(text_path, encoding="utf-8").read() == text`.
- Duplicates (same SHA-256 under several names): the first name in sorted order is loaded once, with
  `Document.aliases` listing the other names; each other name gets `Rejection(name, "duplicate",
  "same content as <first>")`. If the first copy is rejected, every copy gets that reason.
- Incremental runs: `skip(source)` True means "unchanged, do not load". A group of identical files is loaded
  if any of its names is not skipped (so a new copy of an old file updates the aliases), under the name of a
  skipped (already known) member when there is one, so the stored name does not change. A stored document
  that becomes a duplicate is rejected as "duplicate": its content lives on under the canonical name.
- Metadata priority: sidecar `name.meta.json` (or `stem.meta.json`) > explicit metadata in the file (PDF/DOCX
  properties, HTML meta tags) > what the first lines say (title, byline, dateline; `claims.parse.metadata`) >
  file creation dates (PDF/DOCX). A malformed sidecar does not stop the document: it loads without the
  sidecar and an `IngestWarning(doc, "bad_sidecar", ...)` is reported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from claims.errors import IngestError, StoreError
from claims.io import export
from claims.io.sources.contained import entry_refusal, link_refusal, open_inside, read_inside
from claims.io.sources.extracted import (
    REASON_DUPLICATE,
    REASON_EMPTY,
    REASON_TOO_LARGE,
    REASON_UNREADABLE,
    REASON_UNSUPPORTED,
    Extracted,
    squash_spaces,
)
from claims.io.sources.text import read_text
from claims.parse.metadata import detect_metadata, markdown_headings
from claims.settings import Settings
from claims.types import Document, Rejection

logger = logging.getLogger(__name__)

SUFFIX_FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
"""Supported file suffixes (lower case) and the `Document.format` each one gives."""

HashCache = Mapping[str, tuple[int, int, str]]
"""doc -> (size, mtime_ns, sha256) remembered from an earlier scan."""

SIDECAR_SUFFIX = ".meta.json"
SKIPPED_NAMES = frozenset({"readme.md", "readme.txt"})
REASON_INTERNAL = "internal_error"
REASON_BAD_SIDECAR = "bad_sidecar"
REASON_EXTRACTION = "extraction"  # warning: part of a file could not be read, or was read coarsely
_CHUNK = 1 << 20
_HEADER_CHARS = 10_000  # metadata detection looks at the opening of the text only
_SIDECAR_MAX_BYTES = 1 << 20  # a sidecar holds a title, an author and a date


@dataclass(frozen=True, slots=True)
class Source:
    """A candidate file under raw/, as found by `scan` (before it is read)."""

    doc: str  # name relative to raw_dir with "/" separators
    path: Path
    size: int
    sha256: str  # of the file's bytes; "" when the file could not be read
    suffix: str  # lower case, with the dot ("" when the name has none)
    mtime_ns: int = 0
    sidecar: Path | None = None  # name.meta.json next to the file, when present
    sidecar_sha256: str = ""  # so that a metadata-only change is seen by incremental runs
    error: str = ""  # why the file could not be stat'ed or hashed, or is not read
    reason: str = ""  # the rejection reason that goes with `error` (unreadable when empty)
    root: Path | None = None  # the input folder `doc` is relative to (files are opened from it, link-free)


@dataclass(frozen=True, slots=True)
class IngestWarning:
    """Something wrong that did not stop a document from loading (e.g. a malformed sidecar)."""

    doc: str
    reason: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class IngestResult:
    documents: list[Document]
    rejected: list[Rejection]
    sources: list[Source]  # every scanned file, loaded, rejected or skipped
    warnings: list[IngestWarning] = field(default_factory=list)


class SidecarMeta(BaseModel):
    """`name.meta.json`: metadata that overrides what the file says about itself."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str | None = None
    author: str | None = None
    published: dt.date | None = None

    @field_validator("author", mode="before")
    @classmethod
    def _join_authors(cls, value: object) -> object:
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return "; ".join(value)
        return value


# --- scanning -------------------------------------------------------------------------------------------


def _is_skipped(name: str) -> bool:
    lowered = name.lower()
    return name.startswith((".", "~$")) or lowered.endswith(SIDECAR_SUFFIX) or lowered in SKIPPED_NAMES


def file_sha256(path: Path, *, root: Path | None = None) -> str:
    """SHA-256 of a file's bytes, read in 1 MiB chunks (the content identity of a document).

    With `root` (the input folder `path` lies in), the file is opened without following any link
    (`contained.open_inside`; IngestError for a link or a file that is not a regular file).
    """
    digest = hashlib.sha256()
    opened = open_inside(root, path.relative_to(root).as_posix()) if root is not None else path.open("rb")
    with opened as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _find_sidecar(path: Path) -> Path | None:
    """`name.meta.json` or `stem.meta.json` beside `path`: a regular file, or a link (refused when read)."""
    for candidate in (path.with_name(path.name + SIDECAR_SUFFIX), path.with_name(path.stem + SIDECAR_SUFFIX)):
        if candidate.is_symlink() or candidate.is_file():
            return candidate
    return None


def _error(e: OSError) -> str:
    return f"{type(e).__name__}: {e.strerror or e}"


def make_source(path: Path, raw_dir: Path, *, known: HashCache | None = None) -> Source:
    """Stat and hash one file (never raises: problems go into `Source.error`).

    `known` maps doc -> (size, mtime_ns, sha256) from an earlier scan: a file whose size and modification
    time are unchanged keeps its hash without being read again.
    """
    doc = path.relative_to(raw_dir).as_posix()
    suffix = path.suffix.lower()
    refusal = entry_refusal(path, raw_dir)  # a link or a pipe is neither hashed nor read
    if refusal is not None:
        return Source(doc, path, 0, "", suffix, error=refusal.detail, reason=refusal.reason, root=raw_dir)
    sidecar = _find_sidecar(path)
    sidecar_sha = ""
    if sidecar is not None:
        try:
            sidecar_sha = file_sha256(sidecar, root=raw_dir)
        except (OSError, IngestError) as e:
            logger.warning("%s: cannot read sidecar %s: %s", doc, sidecar.name, e)
    try:
        stat = path.lstat()
    except OSError as e:
        return Source(doc, path, 0, "", suffix, error=_error(e), root=raw_dir)
    size, mtime_ns = stat.st_size, stat.st_mtime_ns
    cached = known.get(doc) if known else None
    if cached is not None and cached[0] == size and cached[1] == mtime_ns and cached[2]:
        return Source(doc, path, size, cached[2], suffix, mtime_ns, sidecar, sidecar_sha, root=raw_dir)
    try:
        sha = file_sha256(path, root=raw_dir)
    except OSError as e:
        error = _error(e)
        return Source(doc, path, size, "", suffix, mtime_ns, sidecar, sidecar_sha, error=error, root=raw_dir)
    except IngestError as e:  # swapped for a link or a pipe since the lstat above
        return Source(
            doc, path, size, "", suffix, mtime_ns, sidecar, sidecar_sha, e.detail, e.reason, raw_dir
        )
    return Source(doc, path, size, sha, suffix, mtime_ns, sidecar, sidecar_sha, root=raw_dir)


def _asset_folders(root: str, files: list[str]) -> set[str]:
    """Folders a browser saved next to a web page ("page.html" + "page_files/"): assets, not documents."""
    stems = {name.rsplit(".", 1)[0] for name in files if name.lower().endswith((".html", ".htm", ".xhtml"))}
    return {f"{stem}_files" for stem in stems}


def scan(raw_dir: Path, settings: Settings, *, known: HashCache | None = None) -> list[Source]:
    """Every candidate source file under `raw_dir` (recursive), sorted by name.

    Skipped (not documents, never rejected): hidden files and folders, `~$` lock files, `*.meta.json`
    sidecars, README.md/README.txt, and the `name_files/` asset folder a browser saves beside `name.html`.
    Unsupported suffixes are included (they are rejected as "unsupported" when loaded, so users see them),
    and so is a sub-folder that cannot be listed (as a Source named "sub/" with its error). Links are never
    followed (`claims.io.sources.contained`): a linked file or folder is a Source named "name" or "sub/"
    with its refusal (`outside_input` or `link`), and so is a name that is not a regular file (`not_a_file`).
    Pass `known` (doc -> (size, mtime_ns, sha256), e.g. from the store) to re-hash only touched files.
    """
    del settings  # reserved for include/exclude knobs; accepted so every stage has the same signature
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise IngestError("missing_folder", f"{raw_dir} is not a folder")
    sources: list[Source] = []

    def unlistable(e: OSError) -> None:
        if e.filename is None or Path(e.filename) == raw_dir:
            raise IngestError(REASON_UNREADABLE, f"cannot list {raw_dir}: {_error(e)}") from e
        folder = Path(e.filename)
        doc = folder.relative_to(raw_dir).as_posix() + "/"
        sources.append(Source(doc, folder, 0, "", "", error=f"folder cannot be listed: {_error(e)}"))

    for root, dirs, files in os.walk(raw_dir, onerror=unlistable):  # never enters a linked folder
        assets = _asset_folders(root, files)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in assets)
        for name in [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            dirs.remove(name)
            folder = Path(root) / name
            refusal = link_refusal(folder, raw_dir)
            doc = folder.relative_to(raw_dir).as_posix() + "/"
            sources.append(Source(doc, folder, 0, "", "", error=refusal.detail, reason=refusal.reason))
        for name in sorted(files):
            if not _is_skipped(name):
                sources.append(make_source(Path(root) / name, raw_dir, known=known))
    sources.sort(key=lambda s: s.doc)
    logger.info("scanned %s: %d candidate files", raw_dir, len(sources))
    return sources


# --- loading one file -----------------------------------------------------------------------------------


def _human_size(n: int) -> str:
    size = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    raise AssertionError("unreachable")


def _check_source(source: Source, settings: Settings) -> str:
    """The format of a source that may be read, or IngestError (unreadable/unsupported/too_large/empty)."""
    if source.error:
        raise IngestError(source.reason or REASON_UNREADABLE, source.error)
    fmt = SUFFIX_FORMATS.get(source.suffix)
    if fmt is None:
        supported = ", ".join(sorted(SUFFIX_FORMATS))
        what = f"extension '{source.suffix}'" if source.suffix else "a file without extension"
        raise IngestError(REASON_UNSUPPORTED, f"{what} is not supported; supported: {supported}")
    if source.size > settings.max_file_bytes:
        raise IngestError(
            REASON_TOO_LARGE,
            f"{_human_size(source.size)} is over the {_human_size(settings.max_file_bytes)} limit "
            "(settings.max_file_bytes / CLAIMS_MAX_FILE_BYTES)",
        )
    if source.size == 0:
        raise IngestError(REASON_EMPTY, "0 bytes")
    return fmt


def _read_bytes(source: Source, settings: Settings) -> bytes:
    root = source.root if source.root is not None else source.path.parent
    doc = source.doc if source.root is not None else source.path.name
    data = read_inside(root, doc, settings.max_file_bytes)  # never more than the limit, even if it grew
    if len(data) > settings.max_file_bytes:
        raise IngestError(REASON_TOO_LARGE, f"grew over the {_human_size(settings.max_file_bytes)} limit")
    if not data:
        raise IngestError(REASON_EMPTY, "0 bytes")
    return data


def read_format(data: bytes, fmt: str, source: Source, settings: Settings) -> Extracted:
    """The format reader for `fmt` applied to a file's bytes (heavy reader libraries load on first use)."""
    if fmt in ("txt", "md"):
        extracted = read_text(data, fmt=fmt)
        if fmt == "md":
            return _with_headings(extracted, markdown_headings(extracted.text))
        return extracted
    if fmt == "html":
        from claims.io.sources.html import read_html

        return read_html(data)
    if fmt == "pdf":
        from claims.io.sources.pdf import read_pdf

        return read_pdf(data)
    if fmt == "docx":
        from claims.io.sources.docx import read_docx

        return read_docx(data, max_unpacked=settings.max_unpacked_bytes)
    raise IngestError(REASON_UNSUPPORTED, f"no reader for format {fmt!r} ({source.doc})")


def _with_headings(extracted: Extracted, headings: tuple[tuple[int, int, str], ...]) -> Extracted:
    return Extracted(
        text=extracted.text,
        format=extracted.format,
        encoding=extracted.encoding,
        title=extracted.title,
        author=extracted.author,
        published=extracted.published,
        created=extracted.created,
        page_starts=extracted.page_starts,
        headings=headings,
        plain=extracted.plain,
    )


def read_sidecar(path: Path) -> SidecarMeta:
    """Parse and validate a `name.meta.json` sidecar; raises IngestError(bad_sidecar) when malformed."""
    try:
        with open_inside(path.parent, path.name) as f:  # a sidecar that is a link is not followed
            raw = json.loads(f.read(_SIDECAR_MAX_BYTES).decode("utf-8-sig"))
        return SidecarMeta.model_validate(raw)
    except IngestError as e:
        raise IngestError(REASON_BAD_SIDECAR, f"{path.name}: {e.detail}") from e
    except OSError as e:
        raise IngestError(REASON_BAD_SIDECAR, f"{path.name}: cannot read: {e.strerror or e}") from e
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise IngestError(REASON_BAD_SIDECAR, f"{path.name}: not valid JSON: {e}") from e
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'root'}: {err['msg']}" for err in e.errors()
        )
        raise IngestError(
            REASON_BAD_SIDECAR, f"{path.name}: {problems} (expected keys: title, author, published)"
        ) from e


def text_path_for(doc: str, text_dir: Path) -> Path:
    """Where the extracted text of `doc` is stored: text_dir/<doc>.txt (sub-folders kept)."""
    return Path(text_dir, *doc.split("/")).with_name(doc.rsplit("/", 1)[-1] + ".txt")


def _load(
    source: Source, settings: Settings, *, text_dir: Path | None
) -> tuple[Document, list[IngestWarning]]:
    fmt = _check_source(source, settings)
    data = _read_bytes(source, settings)
    sha = hashlib.sha256(data).hexdigest()
    if source.sha256 and sha != source.sha256:
        logger.warning("%s changed since it was scanned; using its current content", source.doc)
    extracted = read_format(data, fmt, source, settings)
    del data
    if len(extracted.text) > settings.max_document_chars:
        raise IngestError(
            REASON_TOO_LARGE,
            f"{len(extracted.text):,} characters of text, over the {settings.max_document_chars:,} limit "
            "(settings.max_document_chars / CLAIMS_MAX_DOCUMENT_CHARS); split the document",
        )

    warnings = [IngestWarning(source.doc, REASON_EXTRACTION, message) for message in extracted.warnings]
    sidecar = SidecarMeta()
    if source.sidecar is not None:
        try:
            sidecar = read_sidecar(source.sidecar)
        except IngestError as e:
            logger.warning("%s: %s", source.doc, e)
            warnings.append(IngestWarning(source.doc, e.reason, e.detail))

    header = detect_metadata(extracted.text[:_HEADER_CHARS])
    title = sidecar.title or extracted.title or header.title
    author = sidecar.author or extracted.author or header.author
    published = sidecar.published or extracted.published or header.published or extracted.created

    text_path: str | None = None
    if not extracted.plain and text_dir is not None:
        target = text_path_for(source.doc, text_dir)
        try:
            export.write_text(target, extracted.text)
        except StoreError as e:
            # the output folder is broken, not the source; still reported per document (reason write_failed)
            cause = e.__cause__
            detail = getattr(cause, "strerror", None) or cause or e
            raise IngestError("write_failed", f"cannot write {target}: {detail}") from e
        text_path = str(target)

    document = Document(
        doc=source.doc,
        text=extracted.text,
        sha256=sha,
        format=extracted.format,
        title=squash_spaces(title) if title else None,
        author=squash_spaces(author) if author else None,
        published=published,
        encoding=extracted.encoding,
        text_path=text_path,
        page_starts=extracted.page_starts,
        headings=extracted.headings,
    )
    return document, warnings


def load_document(source: Source, settings: Settings, *, text_dir: Path | None) -> Document:
    """Read one source file into a Document; raises IngestError(reason, detail) for bad input.

    Non-plain formats have their text written to `text_dir/<doc>.txt` (when `text_dir` is given) and
    `Document.text_path` set. Sidecar problems are logged, not raised (see `iter_documents` for them).
    """
    document, _warnings = _load(source, settings, text_dir=text_dir)
    return document


# --- loading a folder -----------------------------------------------------------------------------------


def _groups(sources: Sequence[Source]) -> list[list[Source]]:
    """Sources grouped by identical content (first = canonical name), in name order of the canonical."""
    by_sha: dict[str, list[Source]] = {}
    groups: list[list[Source]] = []
    for source in sorted(sources, key=lambda s: s.doc):
        # empty and unreadable files are never "duplicates" of each other
        if source.sha256 and source.size > 0 and not source.error:
            if source.sha256 in by_sha:
                by_sha[source.sha256].append(source)
                continue
            by_sha[source.sha256] = group = [source]
        else:
            group = [source]
        groups.append(group)
    return groups


def group_sources(sources: Sequence[Source]) -> list[list[Source]]:
    """Sources grouped by identical content, canonical name first (batch loading keeps groups whole)."""
    return _groups(sources)


def _safe_load(
    source: Source, settings: Settings, text_dir: Path | None
) -> tuple[Document | Rejection, list[IngestWarning]]:
    try:
        return _load(source, settings, text_dir=text_dir)
    except IngestError as e:
        logger.info("rejected %s: %s", source.doc, e)
        return Rejection(source.doc, e.reason, e.detail), []
    except Exception as e:  # a reader library failing in a way it does not document: reject, keep going
        logger.warning("rejected %s: unexpected %s: %s", source.doc, type(e).__name__, e, exc_info=True)
        return Rejection(source.doc, REASON_INTERNAL, f"{type(e).__name__}: {e}"), []


def iter_documents(
    raw_dir: Path,
    settings: Settings,
    *,
    text_dir: Path | None,
    skip: Callable[[Source], bool] | None = None,
    sources: Sequence[Source] | None = None,
) -> Iterator[Document | Rejection | IngestWarning]:
    """Load every source under `raw_dir` one at a time; yield a Document, Rejection(s) and warnings for each.

    Memory stays bounded by one document. Pass `sources` (from `scan`) to avoid scanning twice.
    Never raises for a bad file.
    """
    if sources is None:
        sources = scan(raw_dir, settings)
    for group in _groups(sources):
        skipped = [skip(s) for s in group] if skip is not None else [False] * len(group)
        if all(skipped):
            continue
        # keep the name the store already knows (an unchanged member) as the canonical one, else the first
        first = skipped.index(True) if any(skipped) else 0
        canonical, copies = group[first], group[:first] + group[first + 1 :]
        outcome, warnings = _safe_load(canonical, settings, text_dir)
        yield from warnings
        if isinstance(outcome, Document):
            if copies:
                outcome = _with_aliases(outcome, tuple(c.doc for c in copies))
            yield outcome
            for copy in copies:
                yield Rejection(copy.doc, REASON_DUPLICATE, f"same content as {canonical.doc}")
        else:
            yield outcome
            for copy in copies:
                yield Rejection(
                    copy.doc, outcome.reason, f"same content as {canonical.doc}; {outcome.detail}"
                )


def _with_aliases(document: Document, aliases: tuple[str, ...]) -> Document:
    return replace(document, aliases=aliases)


def load_documents(
    raw_dir: Path,
    settings: Settings,
    *,
    text_dir: Path | None,
    skip: Callable[[Source], bool] | None = None,
    sources: Sequence[Source] | None = None,
) -> IngestResult:
    """Load every source under `raw_dir`: documents, rejections (with reasons), all sources, warnings.

    Never raises for a bad file; each one becomes a `Rejection(doc, reason, detail)`. Pass `sources` (from
    `scan`) to avoid hashing every file twice.
    """
    sources = list(sources) if sources is not None else scan(raw_dir, settings)
    documents: list[Document] = []
    rejected: list[Rejection] = []
    warnings: list[IngestWarning] = []
    for item in iter_documents(raw_dir, settings, text_dir=text_dir, skip=skip, sources=sources):
        if isinstance(item, Document):
            documents.append(item)
        elif isinstance(item, Rejection):
            rejected.append(item)
        else:
            warnings.append(item)
    logger.info(
        "ingested %s: %d documents, %d rejected, %d warnings",
        raw_dir,
        len(documents),
        len(rejected),
        len(warnings),
    )
    return IngestResult(documents=documents, rejected=rejected, sources=sources, warnings=warnings)
