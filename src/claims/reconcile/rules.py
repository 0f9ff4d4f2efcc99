"""The knobs of reconciliation, gathered from `Settings` (which holds every default).

`MatchRules.from_settings(settings)` copies the reconciliation fields of `Settings` into one frozen record the
matching code passes around; the defaults below mirror Settings for code that builds rules directly.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from claims.settings import Settings


@dataclass(frozen=True, slots=True)
class MatchRules:
    # from Settings
    subject_match_threshold: float = 70.0  # rapidfuzz token_set_ratio on normalised subjects, 0..100
    fx_tolerance: float = 0.25  # relative slack when comparing amounts across currencies
    conversion_tolerance: float = 0.30  # a stated conversion this far off the year's rate is a finding
    arithmetic_tolerance: float = 0.02  # relative slack for stated % changes and multiples
    rounding_slack: float = 1.0  # multiples of the stated precision that still count as rounding
    # reconciliation-only extras (Settings may define them later under the same names)
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
    restated_local_ratio: float = 80.0  # fuzz.ratio of the words around two figures: the same role

    @classmethod
    def from_settings(cls, settings: Settings) -> MatchRules:
        values = {f.name: getattr(settings, f.name) for f in fields(cls) if hasattr(settings, f.name)}
        return cls(**values)
