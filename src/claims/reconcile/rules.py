"""The knobs of reconciliation, gathered from `Settings` (which holds every default).

`MatchRules.from_settings(settings)` copies the reconciliation fields of `Settings` into one frozen record the
matching code passes around. The values and their meaning are documented once, in `claims.settings`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from claims.settings import Settings


@dataclass(frozen=True, slots=True)
class MatchRules:
    """Every field is a Settings field of the same name; Settings holds the defaults and their meaning."""

    subject_match_threshold: float
    fx_tolerance: float
    conversion_tolerance: float
    arithmetic_tolerance: float
    arithmetic_finding_gap: float
    rounding_slack: float
    restatement_gap: float
    strong_subject_threshold: float
    approx_tolerance: float
    high_severity_gap: float
    magnitude_log_tolerance: float
    max_value_ratio: float
    topic_prefilter: float
    topic_min: float
    topic_strong: float
    magnitude_subject_threshold: float
    magnitude_period_gap: int
    period_overlap_min: float
    block_tokens: int
    max_block_size: int
    consensus_min_sources: int
    citation_max_difference: float
    restated_sentence_ratio: float
    restated_local_ratio: float

    @classmethod
    def from_settings(cls, settings: Settings) -> MatchRules:
        return cls(**{f.name: getattr(settings, f.name) for f in fields(cls)})

    @classmethod
    def default(cls) -> MatchRules:
        """The rules of a default Settings (for code and tests that build tables directly)."""
        return cls.from_settings(Settings())
