"""What a run reads: new and changed documents, decided by content hashes and the extractor version stored
per document, read a batch at a time.

`changed` counts documents whose content changed; a document read again with the same content (after an
extractor upgrade, or with `--full`) is `reextracted`. `planned_removals` says, before anything is read,
which stored documents this run would drop (gone, unreadable or empty), so the removal guard can stop it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from claims.io.sources import Source, group_sources, load_documents, scan
from claims.settings import Settings
from claims.types import Document, Rejection


@dataclass(frozen=True)
class IngestPlan:
    """What this run did with each file, decided by content hashes against the store (for the summary)."""

    new: list[str]
    changed: list[str]
    unchanged: list[str]
    removed: list[str]
    rejected: list[Rejection]
    sources: list[Source] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)
    reextracted: list[str] = field(default_factory=list)  # read again, same content (new extractor, --full)

    @property
    def read(self) -> list[str]:
        """Every document this run extracted."""
        return sorted({*self.new, *self.changed, *self.reextracted})


def document_key(version: str, source: Source) -> str:
    """What a stored document was extracted with: the extractor version and its sidecar's metadata."""
    return f"{version}:{source.sidecar_sha256[:12]}" if source.sidecar_sha256 else version


def warning_record(warning: object) -> dict[str, str]:
    """An ingestion warning (an IngestWarning or its dict) as a plain record."""
    if isinstance(warning, Mapping):
        return {k: str(warning.get(k, "")) for k in ("doc", "reason", "detail")}
    return {k: str(getattr(warning, k, "")) for k in ("doc", "reason", "detail")}


class StreamingIngest:
    """Reads the new or changed documents a batch at a time, so a run holds one batch, not the corpus.

    Construction scans and hashes only; `batches()` lists what to read; `load(batch)` reads one batch of
    source groups (duplicates stay together); `summary_plan()` gives the run's IngestPlan at the end.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        known: dict[str, str],
        extractors: dict[str, str],
        version: str,
        full: bool = False,
    ) -> None:
        self.settings = settings
        self.known = known
        self.version = version
        self.sources = scan(settings.raw_dir, settings)
        self.unchanged = {
            s.doc
            for s in self.sources
            if not full and known.get(s.doc) == s.sha256 and extractors.get(s.doc) == document_key(version, s)
        }
        self.loaded: dict[str, str] = {}  # doc -> sha256 of what was read
        self.rejected: list[Rejection] = []
        self.warnings: list[dict[str, str]] = []

    def planned_removals(self) -> list[str]:
        """Stored documents this run would drop, known before reading: gone, unreadable or empty."""
        usable = {s.doc for s in self.sources if not s.error and s.size > 0}
        return sorted(d for d in self.known if d not in usable)

    def batches(self, size: int) -> list[list[Source]]:
        """Source groups still to read, in batches of about `size` files."""
        pending = [g for g in group_sources(self.sources) if not all(s.doc in self.unchanged for s in g)]
        out: list[list[Source]] = []
        for group in pending:
            if not out or len(out[-1]) >= size:
                out.append([])
            out[-1].extend(group)
        return out

    def load(self, batch: Sequence[Source]) -> list[Document]:
        result = load_documents(
            self.settings.raw_dir,
            self.settings,
            text_dir=self.settings.out_dir / "text",
            skip=lambda s: s.doc in self.unchanged,
            sources=batch,
        )
        self.absorb(result.documents, result.rejected, result.warnings)
        return result.documents

    def absorb(
        self, documents: Sequence[Document], rejected: Sequence[Rejection], warnings: Sequence[object]
    ) -> None:
        self.loaded.update({d.doc: d.sha256 for d in documents})
        self.rejected += list(rejected)
        self.warnings += [warning_record(w) for w in warnings]

    def reject(self, rejections: Sequence[Rejection]) -> None:
        """Documents read but refused later (over their extraction budget): listed as rejected, not stored;
        a stored earlier version of one is removed like that of any rejected file."""
        for r in rejections:
            self.loaded.pop(r.doc, None)
        self.rejected += list(rejections)

    def summary_plan(self) -> IngestPlan:
        current = {s.doc for s in self.sources}
        loaded = set(self.loaded)
        rejected_docs = {r.doc for r in self.rejected}
        removed = sorted(
            d for d in self.known if d not in current or (d in rejected_docs and d not in loaded)
        )
        again = loaded & set(self.known)
        return IngestPlan(
            new=sorted(loaded - set(self.known)),
            changed=sorted(d for d in again if self.known[d] != self.loaded[d]),
            unchanged=sorted(self.unchanged),
            removed=removed,
            rejected=list(self.rejected),
            sources=self.sources,
            warnings=self.warnings,
            reextracted=sorted(d for d in again if self.known[d] == self.loaded[d]),
        )
