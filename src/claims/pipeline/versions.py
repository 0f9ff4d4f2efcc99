"""What extracted a document and what reconciled the store: versions stored with the data.

A document extracted by other code is extracted again; findings made by another reconciler are made again.
A thin wrapper's source does not change when the library does, so the code itself goes into the keys.
"""

from __future__ import annotations

import hashlib
from dataclasses import fields
from pathlib import Path

import claims
from claims.reconcile import MatchRules
from claims.settings import Settings

EXTRACTOR_MODULES = ("lexicon", "parse", "nlp", "extract", "segment", "context", "types.py")
"""The parts of the package whose code and data decide what a document's claims are."""


def extractor_version(settings: Settings) -> str:
    """Package version + model + a hash of the extraction code and lexicons (stored per document)."""
    root = Path(claims.__file__).parent
    digest = hashlib.sha256()
    for name in EXTRACTOR_MODULES:
        target = root / name
        files = sorted(target.rglob("*")) if target.is_dir() else [target]
        for f in files:
            if f.is_file() and f.suffix in {".py", ".csv", ".json", ".txt"}:
                digest.update(f.relative_to(root).as_posix().encode())
                digest.update(f.read_bytes())
    return f"{claims.__version__}+{settings.spacy_model}+{digest.hexdigest()[:12]}"


def reconciler_version(settings: Settings) -> str:
    """Hash of the reconciliation code, its lexicons (FX table) and thresholds: a change re-reconciles all."""
    root = Path(claims.__file__).parent
    digest = hashlib.sha256()
    for f in sorted([*(root / "reconcile").rglob("*.py"), *(root / "lexicon").rglob("*")]):
        if f.is_file() and f.suffix in {".py", ".csv", ".json"}:
            digest.update(f.read_bytes())
    knobs = settings.model_dump(include={f.name for f in fields(MatchRules)})
    digest.update(repr(sorted(knobs.items())).encode())
    return digest.hexdigest()[:12]
