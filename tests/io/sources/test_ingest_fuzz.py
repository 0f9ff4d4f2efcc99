"""Fuzzing the ingestion layer: random and damaged bytes never escape load_documents as an exception."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.io.sources import SUFFIX_FORMATS, load_documents
from claims.settings import Settings
from claims.types import Document, Rejection

SUFFIXES = sorted(SUFFIX_FORMATS)
# CLAIMS_FUZZ_EXAMPLES=2000 for a longer local run; CI keeps it short
FUZZ = settings(
    max_examples=int(os.environ.get("CLAIMS_FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
KNOWN_REASONS = {
    "empty",
    "binary",
    "corrupt",
    "encrypted",
    "no_text",
    "unsupported",
    "duplicate",
    "too_large",
}


def _assert_each_file_accounted(raw: Path, names: list[str]) -> None:
    """load_documents gives each file exactly one outcome: a Document (or an alias of one) or a Rejection."""
    result = load_documents(raw, Settings(max_file_bytes=1 << 20), text_dir=raw.parent / "text")
    outcomes: dict[str, Document | Rejection] = {}
    for item in [*result.documents, *result.rejected]:
        assert item.doc not in outcomes
        outcomes[item.doc] = item
    for document in result.documents:
        outcomes.update({alias: document for alias in document.aliases if alias not in outcomes})
    assert sorted(outcomes) == sorted(names)
    assert {r.reason for r in result.rejected} <= KNOWN_REASONS, result.rejected  # no internal_error
    for item in result.documents:
        assert item.text.strip()
        if item.text_path is not None:
            with open(item.text_path, encoding="utf-8") as f:
                assert f.read() == item.text


@FUZZ
@given(data=st.binary(max_size=2048))
def test_ingest_fuzz_random_bytes_every_suffix(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp, "raw")
        raw.mkdir()
        names = []
        for suffix in SUFFIXES:
            # a per-suffix tail keeps the files distinct (identical files would be loaded once as duplicates)
            (raw / f"fuzz{suffix}").write_bytes(data + suffix.encode())
            names.append(f"fuzz{suffix}")
        _assert_each_file_accounted(raw, names)


@FUZZ
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300))
def test_ingest_fuzz_utf8_text_equals_open_read(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp, "raw")
        raw.mkdir()
        path = raw / "doc.txt"
        path.write_bytes(text.encode("utf-8"))
        result = load_documents(raw, Settings(), text_dir=Path(tmp, "text"))
        with open(path, encoding="utf-8") as f:
            expected = f.read()
        [outcome] = [*result.documents, *result.rejected]
        if isinstance(outcome, Rejection):
            assert outcome.reason in ("empty", "binary")
        elif "\x00" not in text:  # valid UTF-8 without NUL: the plain-text contract holds
            assert outcome.text == expected
            assert outcome.text_path is None
        else:  # NUL bytes in a pattern that reads as BOM-less UTF-16: decoded, stored
            assert outcome.encoding in ("utf-16-le", "utf-16-be")
