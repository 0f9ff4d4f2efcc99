"""Source files -> Documents: find the files under raw/, read each format, reject bad files with a reason.

- `ingest`: scanning, hashing, duplicates, sidecars, rejections, incremental skips (the public API below).
- `extracted`: the `Extracted` record every format reader returns, and the rejection reasons.
- one module per format: `text` (.txt/.md, any encoding), `html`, `pdf`, `docx`. A new format is a new
  module here returning `Extracted`, plus its suffix in `ingest.SUFFIX_FORMATS` and a branch in
  `ingest.read_format`.
"""

from claims.io.sources.ingest import (
    SUFFIX_FORMATS,
    IngestResult,
    IngestWarning,
    SidecarMeta,
    Source,
    group_sources,
    iter_documents,
    load_document,
    load_documents,
    make_source,
    read_sidecar,
    scan,
    text_path_for,
)

__all__ = [
    "SUFFIX_FORMATS",
    "IngestResult",
    "IngestWarning",
    "SidecarMeta",
    "Source",
    "group_sources",
    "iter_documents",
    "load_document",
    "load_documents",
    "make_source",
    "read_sidecar",
    "scan",
    "text_path_for",
]
