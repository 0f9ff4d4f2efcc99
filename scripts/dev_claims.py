#!/usr/bin/env python3
"""Extract the claims of the raw/ documents into a claims.csv for scoring against the dev gold.

Usage:
    .venv/bin/python scripts/dev_claims.py OUT.csv [--raw raw] [--docs 000_...txt ...]
    ../shared/eval/score_claims.py OUT.csv ../shared/eval/dev_gold.jsonl

Documents are loaded through the ingestion stage (so dates and headings match a real run), or read as plain
UTF-8 text with --plain. Columns: exactly the DESIGN.md claims.csv contract (claims.io.frames), then a few
extras.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import logging
import sys
import time
from pathlib import Path

from claims.extract import extract_documents
from claims.io.frames import CLAIM_CONTRACT, claim_row
from claims.io.sources import load_documents
from claims.settings import Settings
from claims.types import Claim, Document

EXTRA = ["chapter", "sentence_start", "flags"]
COLUMNS = [*CLAIM_CONTRACT, *EXTRA]


def _plain_documents(raw: Path, names: list[str] | None) -> list[Document]:
    out = []
    for path in sorted(raw.iterdir()):
        if path.suffix not in {".txt", ".md"} or path.name == "README.md":
            continue
        if names and path.name not in names:
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        out.append(Document(doc=path.name, text=data.decode("utf-8"), sha256=digest))
    return out


def _documents(raw: Path, names: list[str] | None, settings: Settings) -> list[Document]:
    result = load_documents(raw, settings, text_dir=None)
    return [d for d in result.documents if not names or d.doc in names]


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _row(claim: Claim) -> list[object]:
    values = claim_row(claim)
    return [_cell(values[c]) for c in COLUMNS]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--raw", type=Path, default=Path("raw"))
    ap.add_argument("--docs", nargs="*", default=None)
    ap.add_argument("--plain", action="store_true", help="read files as UTF-8 text, skip ingestion")
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    settings = Settings.from_env(raw_dir=a.raw)
    from claims.nlp.pipeline import build_nlp

    nlp = build_nlp(settings)
    documents = _plain_documents(a.raw, a.docs) if a.plain else _documents(a.raw, a.docs, settings)
    started = time.perf_counter()
    n = 0
    with a.out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for document, claims in extract_documents(documents, nlp, settings):
            for claim in claims:
                writer.writerow(_row(claim))
            n += len(claims)
            print(f"{document.doc}: {len(claims)} claims", file=sys.stderr)
    print(
        f"{n} claims from {len(documents)} documents in {time.perf_counter() - started:.1f}s -> {a.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
