"""GX outcomes -> Failure records: a readable message and a few offending rows for each failed expectation."""

from __future__ import annotations

from typing import Any

import pandas as pd

from claims.formatting import is_missing
from claims.io.validation.report import CRITICAL, MAX_EXAMPLES, WARNING, Failure

TABLES = ("documents", "claims", "conflicts")

_ID_COLUMN = {"claims": "claim_id", "conflicts": "conflict_id", "documents": "doc"}
_CONTEXT_COLUMNS = {
    "claims": ("doc", "char_start", "char_end", "surface"),
    "conflicts": ("kind", "claim_a", "claim_b"),
    "documents": (),
}
# derived column -> the original columns a reader needs to see next to it
_SOURCE_COLUMNS = {
    "span_length": ("char_start", "char_end"),
    "surface_length": ("surface",),
    "has_value_or_range": ("value", "value_low", "value_high"),
    "unit_fits_kind": ("kind", "unit"),
    "percent_share": ("value", "unit", "sentence"),
    "percent_change": ("value", "unit", "sentence"),
    "period_complete": ("period_start", "period_end"),
    "surface_in_sentence": ("sentence",),
    "doc_known": ("doc",),
    "doc_n_chars": ("char_end",),
    "doc_sha256_matches": ("doc_sha256",),
    "claim_a_exists": ("claim_a",),
    "claim_b_exists": ("claim_b",),
    "relative_difference_error": (
        "value_a",
        "unit_a",
        "value_b",
        "unit_b",
        "relative_difference",
        "relative_difference_expected",
    ),
    "evidence_matches_claims": (
        "doc_a",
        "start_a",
        "end_a",
        "surface_a",
        "doc_b",
        "start_b",
        "end_b",
        "surface_b",
    ),
    "severity_rank": ("severity",),
    "n_claims_counted": ("n_claims",),
}
_INT_COLUMNS = frozenset(
    {
        "char_start",
        "char_end",
        "period_start",
        "period_end",
        "sentence_start",
        "start_a",
        "end_a",
        "start_b",
        "end_b",
        "n_chars",
        "n_claims",
        "n_claims_counted",
        "span_length",
        "surface_length",
        "doc_n_chars",
    }
)


def columns_of(kwargs: dict[str, Any]) -> list[str]:
    cols = [kwargs[k] for k in ("column", "column_A", "column_B") if kwargs.get(k)]
    return cols + list(kwargs.get("column_list") or [])


def _clean(value: Any) -> Any:
    """An example cell for a report: plain Python, missing as None, long text cut."""
    if is_missing(value):
        return None
    if isinstance(value, str) and len(value) > 120:
        return value[:117] + "..."
    if hasattr(value, "item") and not isinstance(value, str):
        return _clean(value.item())
    return value


def _examples(
    table: str, df: pd.DataFrame, columns: list[str], indices: list[Any]
) -> tuple[dict[str, Any], ...]:
    wanted: list[str] = [_ID_COLUMN[table], *_CONTEXT_COLUMNS[table]]
    for col in columns:
        wanted.extend(_SOURCE_COLUMNS.get(col, ()))
        wanted.append(col)
    wanted = [c for c in dict.fromkeys(wanted) if c in df.columns]
    rows = []
    for index in indices:
        if not isinstance(index, int) or not 0 <= index < len(df):
            continue
        record: dict[str, Any] = {"row": index}
        for column in wanted:
            value = _clean(df.iloc[index][column])
            if column in _INT_COLUMNS and isinstance(value, float) and value.is_integer():
                value = int(value)  # offsets and years read back from CSV as floats
            record[column] = value
        rows.append(record)
        if len(rows) == MAX_EXAMPLES:
            break
    return tuple(rows)


def _message(outcome: Any) -> str:
    notes = outcome.meta.get("notes", "")
    if outcome.exception:
        return f"{notes} Could not be evaluated: {outcome.exception}".strip()
    result, kwargs = outcome.result, outcome.kwargs
    if outcome.gx_type == "expect_table_columns_to_match_set":
        observed = set(result.get("observed_value") or [])
        missing = [c for c in kwargs.get("column_set", []) if c not in observed]
        return f"missing columns: {', '.join(missing)}. {notes}".strip()
    if "unexpected_count" in result:
        count, total = result.get("unexpected_count") or 0, result.get("element_count") or 0
        share = 100.0 * count / total if total else 0.0
        text = f"{count} of {total} rows ({share:.1f}%) fail. {notes}"
        if "mostly" in kwargs and kwargs["mostly"] < 1:
            text += f" At most {100.0 * (1 - kwargs['mostly']):.1f}% may fail."
        values = result.get("partial_unexpected_list") or []
        if kwargs.get("value_set") == [True]:
            values = []  # a derived yes/no column: the example rows say more
        if values and outcome.gx_type in {
            "expect_column_values_to_be_in_set",
            "expect_column_values_to_be_between",
            "expect_column_values_to_match_regex",
            "expect_column_values_to_be_unique",
            "expect_column_values_to_be_in_type_list",
        }:
            shown = list(dict.fromkeys(repr(_clean(v)) for v in values))[:5]
            text += f" Unexpected values: {', '.join(shown)}."
        return text.strip()
    observed = result.get("observed_value")
    return f"observed {observed!r}. {notes}".strip()


def failures(
    runs: list[Any], frames: dict[str, pd.DataFrame], suites: dict[str, dict[str, Any]]
) -> list[Failure]:
    """The failed expectations, critical first, then by table and by their order in the suite."""
    position = {
        (table, item.get("meta", {}).get("name")): i
        for table, suite in suites.items()
        for i, item in enumerate(suite["expectations"])
    }
    failures = []
    for run in runs:
        df = frames[run.suite]
        for outcome in run.outcomes:
            if outcome.success:
                continue
            columns = columns_of(outcome.kwargs)
            indices = outcome.result.get("partial_unexpected_index_list") or []
            failures.append(
                Failure(
                    suite=run.suite,
                    expectation=str(outcome.meta.get("name") or outcome.gx_type),
                    column=", ".join(columns) or None,
                    severity=CRITICAL if outcome.meta.get("severity", CRITICAL) == CRITICAL else WARNING,
                    message=_message(outcome),
                    examples=_examples(run.suite, df, columns, list(indices)),
                    gx_type=outcome.gx_type,
                )
            )
    order = {name: i for i, name in enumerate(TABLES)}
    failures.sort(
        key=lambda f: (
            f.severity != CRITICAL,
            order.get(f.suite, 9),
            position.get((f.suite, f.expectation), 999),
        )
    )
    return failures


def outcomes(runs: list[Any], suites: dict[str, dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Every evaluated expectation per table, in suite order: name, severity, GX type, column, success."""
    position = {
        (table, item.get("meta", {}).get("name")): i
        for table, suite in suites.items()
        for i, item in enumerate(suite["expectations"])
    }
    out: dict[str, list[dict[str, Any]]] = {}
    for run in runs:
        rows = [
            {
                "name": str(o.meta.get("name") or o.gx_type),
                "severity": o.meta.get("severity", CRITICAL),
                "gx_type": o.gx_type,
                "column": ", ".join(columns_of(o.kwargs)) or None,
                "success": o.success,
                "notes": o.meta.get("notes", ""),
            }
            for o in run.outcomes
        ]
        rows.sort(key=lambda r: position.get((run.suite, r["name"]), 999))
        out[run.suite] = rows
    return out
