"""Derived columns that let plain Great Expectations expectations check cross-column and cross-table rules.

GX expectations look at one column, a pair of columns or one table. Rules such as "the span lies within the
document" (needs the documents table) or "the relative difference agrees with the two values" are turned into
a derived column here, and the suites in expectations/ check that column. Nothing here imports GX; every
function takes frames and returns a new frame (the inputs are never modified), the original rows in the same
order with a fresh 0..n-1 index, so GX's unexpected row indices point back at them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from claims.report.common import as_float
from claims.types import UNKNOWN_CURRENCY, ConflictKind, Kind, Severity

# Columns added below, so a report can show them next to the original ones.
DERIVED_COLUMNS: frozenset[str] = frozenset(
    {
        "doc_known",
        "doc_n_chars",
        "span_length",
        "surface_length",
        "has_value_or_range",
        "unit_fits_kind",
        "percent_share",
        "percent_change",
        "period_complete",
        "surface_in_sentence",
        "doc_sha256_matches",
        "claim_a_exists",
        "claim_b_exists",
        "relative_difference_expected",
        "relative_difference_error",
        "evidence_matches_claims",
        "severity_rank",
        "n_claims_counted",
    }
)

_KIND_UNITS = {
    Kind.PERCENT.value: {"percent", "percentage point", "basis point"},
    Kind.COUNT.value: {"count"},
    Kind.MULTIPLIER.value: {"times"},
}
_SIGNS = frozenset("+-\u2212\u2013\u2011")  # plus, hyphen-minus, minus sign, en dash, non-breaking hyphen


@dataclass(frozen=True, slots=True)
class CheckConfig:
    """What the derived columns need besides the frames (read from expectations/checks.json)."""

    currencies: frozenset[str]
    percent_over_100_cues: re.Pattern[str]
    percent_over_100_flags: frozenset[str]
    cue_window_before: int = 60
    cue_window_after: int = 30

    @classmethod
    def from_mapping(cls, data: dict[str, Any], currencies: frozenset[str]) -> CheckConfig:
        cues = [str(c) for c in data.get("percent_over_100_cues", [])]
        flags = frozenset(str(f) for f in data.get("percent_over_100_flags", []))
        pattern = re.compile("|".join(f"(?:{c})" for c in cues) if cues else r"(?!x)x", re.IGNORECASE)
        return cls(
            currencies=currencies,
            percent_over_100_cues=pattern,
            percent_over_100_flags=flags,
            cue_window_before=int(data.get("cue_window_before", 60)),
            cue_window_after=int(data.get("cue_window_after", 30)),
        )


def _col(df: pd.DataFrame, name: str) -> pd.Series:
    """The column, or an all-missing one when the table lacks it (the suite's column check reports that)."""
    if name in df.columns:
        return df[name]
    return pd.Series([None] * len(df), index=df.index, dtype=object)


def _numeric(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce")


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _present(series: pd.Series) -> pd.Series:
    """Not null and not an empty string."""
    return series.notna() & series.astype(object).map(lambda v: not (isinstance(v, str) and not v.strip()))


def _objectify(df: pd.DataFrame) -> pd.DataFrame:
    """String-dtype columns as object, so GX type checks look at each value (GX misreads pandas' str)."""
    out = df.reset_index(drop=True).copy()
    for name in out.columns:
        if isinstance(out[name].dtype, pd.StringDtype):
            out[name] = out[name].astype(object).where(out[name].notna(), None)
    return out


def _splits(value: object) -> set[str]:
    return {part.strip() for part in _text(value).split(";") if part.strip()}


def flagged_as_change(row: dict[str, object], config: CheckConfig) -> bool:
    """The extractor flagged the figure as a change or a ratio.

    >>> flagged_as_change({"flags": "table_cell;percent_change"}, CheckConfig.from_mapping({
    ...     "percent_over_100_flags": ["percent_change"]}, frozenset()))
    True
    """
    return bool(_splits(row.get("flags")) & config.percent_over_100_flags)


def signed_surface(row: dict[str, object], config: CheckConfig) -> bool:
    """A signed figure is a change: "-40%", "+5.2%".

    >>> signed_surface({"surface": "+125%"}, CheckConfig.from_mapping({}, frozenset()))
    True
    """
    return _text(row.get("surface")).lstrip()[:1] in _SIGNS


def change_basis_stated(row: dict[str, object], config: CheckConfig) -> bool:
    """The claim's period facet names what it changes against (year on year, quarter on quarter ...):
    "a 125% year-on-year increase" is a change, never a share.

    >>> change_basis_stated({"change_basis": "year_on_year"}, CheckConfig.from_mapping({}, frozenset()))
    True
    """
    return bool(_text(row.get("change_basis")).strip())


def role_is_change(row: dict[str, object], config: CheckConfig) -> bool:
    """The claim's facets read the figure as a change ("a 125% rise", "an increase of 300%").

    >>> role_is_change({"facets": "role=change;grain=year"}, CheckConfig.from_mapping({}, frozenset()))
    True
    """
    return "role=change" in _splits(row.get("facets"))


def cue_in_subject(row: dict[str, object], config: CheckConfig) -> bool:
    """What the figure measures is a change or a ratio ("export growth", "debt-to-GDP ratio")."""
    return bool(config.percent_over_100_cues.search(_text(row.get("subject"))))


def cue_near_surface(row: dict[str, object], config: CheckConfig) -> bool:
    """A change or ratio word near the figure in its sentence.

    >>> config = CheckConfig.from_mapping({"percent_over_100_cues": ["increas"]}, frozenset())
    >>> row = {"surface": "125%", "sentence": "Sales posted a 125% year-on-year increase in March."}
    >>> cue_near_surface(row, config)
    True
    """
    sentence, surface = _text(row.get("sentence")), _text(row.get("surface"))
    at = sentence.find(surface) if surface else -1
    if at >= 0:
        window = sentence[max(0, at - config.cue_window_before) : at + len(surface) + config.cue_window_after]
    else:
        window = sentence
    return bool(config.percent_over_100_cues.search(window))


OVER_100_RULES = (
    flagged_as_change,
    signed_surface,
    change_basis_stated,
    role_is_change,
    cue_in_subject,
    cue_near_surface,
)
"""A percent claim any of these rules accepts is a change or a ratio, which may exceed 100 (in order)."""
OVER_100_COLUMNS = ("flags", "surface", "change_basis", "facets", "subject", "sentence")


def is_over_100_context(row: dict[str, object], config: CheckConfig) -> bool:
    """A percent claim whose flags, facets or nearby words say it is a change or a ratio (may exceed 100)."""
    return any(rule(row, config) for rule in OVER_100_RULES)


def claims_frame(
    claims: pd.DataFrame, *, documents: pd.DataFrame | None, config: CheckConfig
) -> pd.DataFrame:
    """The claims table plus the derived columns the claims suite checks."""
    df = _objectify(claims)
    start, end = _numeric(_col(df, "char_start")), _numeric(_col(df, "char_end"))
    surface = _col(df, "surface")
    df["span_length"] = end - start
    df["surface_length"] = surface.map(lambda s: float(len(s)) if isinstance(s, str) else np.nan)

    value, low, high = (
        _numeric(_col(df, "value")),
        _numeric(_col(df, "value_low")),
        _numeric(_col(df, "value_high")),
    )
    df["has_value_or_range"] = (value.notna() | (low.notna() & high.notna())).astype(bool)

    kind, unit = _col(df, "kind").astype(object), _col(df, "unit").astype(object)

    def fits(k: object, u: object) -> bool:
        if not isinstance(u, str) or not isinstance(k, str):
            return True  # missing units/kinds are reported by their own expectations
        if k == Kind.MONEY.value:
            return u in config.currencies or u == UNKNOWN_CURRENCY
        allowed = _KIND_UNITS.get(k)
        return allowed is None or u in allowed

    df["unit_fits_kind"] = [fits(k, u) for k, u in zip(kind, unit, strict=True)]

    # percentage points and basis points are differences of percentages, never shares
    points = unit.isin(["percentage point", "basis point"])
    is_percent = ((kind == Kind.PERCENT.value) | (unit == "percent")) & ~points
    amount = value.where(value.notna(), high)
    cue_columns = [c for c in OVER_100_COLUMNS if c in df.columns]
    records = df[cue_columns].to_dict("records")
    over_ok = pd.Series(
        [bool(p) and is_over_100_context(r, config) for p, r in zip(is_percent, records, strict=True)],
        index=df.index,
        dtype=bool,
    )
    df["percent_share"] = amount.where(is_percent & ~over_ok)
    df["percent_change"] = amount.where((is_percent & over_ok) | (points & (unit == "percentage point")))

    p_start, p_end = _col(df, "period_start"), _col(df, "period_end")
    df["period_complete"] = (p_start.notna() == p_end.notna()).astype(bool)

    sentence = _col(df, "sentence")
    df["surface_in_sentence"] = [
        (not isinstance(s, str)) or (not isinstance(t, str)) or " ".join(s.split()) in " ".join(t.split())
        for s, t in zip(surface, sentence, strict=True)
    ]

    if documents is not None:
        docs = _objectify(documents)
        names = _col(docs, "doc")
        known = set(names.dropna().astype(str))
        for aliases in _col(docs, "aliases"):
            known |= _splits(aliases)
        doc = _col(df, "doc")
        df["doc_known"] = doc.map(lambda d: isinstance(d, str) and d in known).astype(bool)
        n_chars = dict(zip(names, _numeric(_col(docs, "n_chars")), strict=True))
        df["doc_n_chars"] = doc.map(lambda d: n_chars.get(d, np.nan)).astype(float)
        sha = dict(zip(names, _col(docs, "sha256"), strict=True))
        if "doc_sha256" in df.columns:
            df["doc_sha256_matches"] = [
                not isinstance(mine, str) or not mine or d not in sha or sha[d] == mine
                for d, mine in zip(doc, df["doc_sha256"], strict=True)
            ]
    return df


def _point(claims_by_id: dict[str, dict[str, Any]], claim_id: object, shown: object) -> object:
    """The value a finding compares for one side: the claim's value, or the midpoint of its range; the value
    the conflicts table shows when the claim is not at hand.

    >>> _point({"c1": {"value": None, "value_low": 30.0, "value_high": 40.0}}, "c1", 30.0)
    35.0
    >>> _point({}, "c9", 12.5)
    12.5
    """
    claim = claims_by_id.get(claim_id) if isinstance(claim_id, str) else None
    if claim is None:
        return shown
    value, low, high = (as_float(claim.get(k)) for k in ("value", "value_low", "value_high"))
    if value is not None:
        return value
    if low is not None and high is not None:
        return (low + high) / 2
    return low if low is not None else (high if high is not None else shown)


def conflicts_frame(conflicts: pd.DataFrame, *, claims: pd.DataFrame | None) -> pd.DataFrame:
    """The conflicts table plus the derived columns the conflicts suite checks."""
    df = _objectify(conflicts)
    claims_by_id: dict[str, dict[str, Any]] = {}
    if claims is not None and "claim_id" in claims.columns:
        columns = ("claim_id", "doc", "char_start", "char_end", "surface", "value", "value_low", "value_high")
        wanted = [c for c in columns if c in claims.columns]
        for record in claims[wanted].astype(object).to_dict("records"):
            if isinstance(record["claim_id"], str):
                claims_by_id.setdefault(record["claim_id"], record)

    kind = _col(df, "kind").astype(object)
    claim_a, claim_b = _col(df, "claim_a").astype(object), _col(df, "claim_b").astype(object)
    present_a, present_b = _present(claim_a), _present(claim_b)
    df["claim_a_exists"] = [bool(p) and a in claims_by_id for p, a in zip(present_a, claim_a, strict=True)]
    df["claim_b_exists"] = [
        (b in claims_by_id) if p else k == ConflictKind.ARITHMETIC.value
        for p, b, k in zip(present_b, claim_b, kind, strict=True)
    ]

    # a range is compared at its midpoint (value_a/value_b show its low bound)
    value_a = _numeric(
        pd.Series(
            [_point(claims_by_id, c, v) for c, v in zip(claim_a, _col(df, "value_a"), strict=True)],
            index=df.index,
            dtype=object,
        )
    )
    value_b = _numeric(
        pd.Series(
            [_point(claims_by_id, c, v) for c, v in zip(claim_b, _col(df, "value_b"), strict=True)],
            index=df.index,
            dtype=object,
        )
    )
    same_unit = _col(df, "unit_a").astype(object) == _col(df, "unit_b").astype(object)
    comparable = value_a.notna() & value_b.notna() & same_unit & (kind != ConflictKind.ARITHMETIC.value)
    scale = np.maximum(value_a.abs(), value_b.abs())
    expected = ((value_a - value_b).abs() / scale.where(scale > 0)).where(comparable)
    expected = expected.where(~(comparable & (scale == 0)), 0.0).clip(upper=1.0)  # opposite signs: at most 1
    df["relative_difference_expected"] = expected
    df["relative_difference_error"] = (_numeric(_col(df, "relative_difference")) - expected).abs()

    def evidence_ok(row: dict[str, Any]) -> bool:
        for side, key in (("a", "claim_a"), ("b", "claim_b")):
            ref = row.get(key)
            claim = claims_by_id.get(ref) if isinstance(ref, str) else None
            if claim is None:
                continue
            for mine, theirs in (
                ("doc", "doc"),
                ("start", "char_start"),
                ("end", "char_end"),
                ("surface", "surface"),
            ):
                here: Any = row.get(f"{mine}_{side}")
                there: Any = claim.get(theirs)
                if pd.isna(here) or pd.isna(there):
                    continue
                if isinstance(here, str) or isinstance(there, str):
                    if str(here) != str(there):
                        return False
                elif float(here) != float(there):
                    return False
        return True

    df["evidence_matches_claims"] = [evidence_ok(row) for row in df.astype(object).to_dict("records")]
    df["severity_rank"] = _col(df, "severity").map(Severity.rank_of).astype(int)
    return df


def documents_frame(documents: pd.DataFrame, *, claims: pd.DataFrame | None) -> pd.DataFrame:
    """The documents table plus the derived columns the documents suite checks."""
    df = _objectify(documents)
    if claims is not None and "doc" in claims.columns:
        counts = claims["doc"].value_counts()
        df["n_claims_counted"] = _col(df, "doc").map(lambda d: float(counts.get(d, 0)))
    return df
