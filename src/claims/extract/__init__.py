"""Document -> claims: quantities from `claims.nlp`, context from `claims.context`, offsets kept exact.

Long documents are fed to spaCy in paragraph-aligned chunks (`Settings.max_chars_per_chunk`); every offset is
mapped back to `document.text`, and every claim is checked: `document.text[c.char_start:c.char_end] ==
c.surface` (else `OffsetMismatchError`).

Not claims (dropped here even if a detector returns them): numbers in front matter, a table of contents or a
reference list; inside URLs, e-mail addresses, ISBN/ISSN/DOI and copyright lines, street addresses; footnote
markers; page numbers alone on their line; list numbering; numbers right after `Chapter`/`Table`/`page`.

Modules: `documents` (the public API), `chunks`, `assembly` (the claims of one chunk), `filters`, `prose`,
`tables` (prose and table-cell claims), `build` (one claim, and the final per-document pass).
"""

from claims.extract.chunks import chunk_text
from claims.extract.documents import extract_claims, extract_documents

__all__ = ["chunk_text", "extract_claims", "extract_documents"]
