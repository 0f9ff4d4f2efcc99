"""GX outcomes -> Failure records: a readable message, a few offending rows and what the failure does.

A critical expectation marked `"on_failure": "quarantine"` in its suite's meta is a value check: when it
fails on at most `max_quarantine_share` of the table's rows (or on one row), the rows GX lists
(`unexpected_index_list`) are quarantined (`QuarantinedRow`, with the reason) instead of blocking the run.
Any other critical failure, or a value check failing on more rows than that, blocks publishing.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from claims.formatting import is_missing
from claims.io.validation.report import (
    BLOCK,
    CRITICAL,
    MAX_EXAMPLES,
    QUARANTINE,
    WARN,
    WARNING,
    Failure,
    QuarantinedRow,
)

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


def offending_rows(outcome: Any) -> tuple[int, ...]:
    """Every row GX found failing an expectation (COMPLETE result format), as positions in the table.

    >>> from types import SimpleNamespace as NS
    >>> offending_rows(NS(result={"unexpected_index_list": [3, 1, 3], "partial_unexpected_index_list": [3]}))
    (1, 3)
    """
    listed = outcome.result.get("unexpected_index_list")
    if listed is None:
        listed = outcome.result.get("partial_unexpected_index_list") or []
    return tuple(sorted({int(i) for i in listed if isinstance(i, int) and not isinstance(i, bool)}))


def action_of(outcome: Any, rows: tuple[int, ...], n_rows: int, max_share: float) -> str:
    """Block, quarantine or warn (see the module's docstring).

    >>> from types import SimpleNamespace as NS
    >>> value = NS(meta={"severity": "critical", "on_failure": "quarantine"}, exception=None,
    ...            result={"unexpected_count": 1})
    >>> action_of(value, (4,), 100, 0.2), action_of(value, tuple(range(30)), 100, 0.2)
    ('quarantine', 'block')
    >>> action_of(value, (0,), 3, 0.2), action_of(value, (0, 1), 3, 0.2)  # one row of a small table
    ('quarantine', 'block')
    >>> action_of(NS(meta={"severity": "warning"}, exception=None, result={}), (), 10, 0.2)
    'warn'
    """
    if outcome.meta.get("severity", CRITICAL) != CRITICAL:
        return WARN
    if outcome.meta.get("on_failure") != QUARANTINE or outcome.exception or not rows or not n_rows:
        return BLOCK
    if int(outcome.result.get("unexpected_count") or 0) > len(rows):  # GX did not list every row
        return BLOCK
    return QUARANTINE if len(rows) <= max(max_share * n_rows, 1.0) else BLOCK


def failures(
    runs: list[Any],
    frames: dict[str, pd.DataFrame],
    suites: dict[str, dict[str, Any]],
    *,
    max_quarantine_share: float = 0.0,
) -> list[Failure]:
    """The failed expectations, blocking ones first, then by table and by their order in the suite."""
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
            rows = offending_rows(outcome)
            failures.append(
                Failure(
                    suite=run.suite,
                    expectation=str(outcome.meta.get("name") or outcome.gx_type),
                    column=", ".join(columns) or None,
                    severity=CRITICAL if outcome.meta.get("severity", CRITICAL) == CRITICAL else WARNING,
                    message=_message(outcome),
                    examples=_examples(run.suite, df, columns, list(rows[:MAX_EXAMPLES])),
                    gx_type=outcome.gx_type,
                    action=action_of(outcome, rows, len(df), max_quarantine_share),
                    rows=rows,
                )
            )
    order = {name: i for i, name in enumerate(TABLES)}
    actions = {BLOCK: 0, QUARANTINE: 1, WARN: 2}
    failures.sort(
        key=lambda f: (
            actions[f.action],
            order.get(f.suite, 9),
            position.get((f.suite, f.expectation), 999),
        )
    )
    return failures


def unexpected_values(outcome: Any, limit: int = 5) -> list[str]:
    """A few of the values GX found failing an expectation (or what it observed), as text for a page.

    >>> from types import SimpleNamespace as NS
    >>> unexpected_values(NS(result={"partial_unexpected_list": ["<b>", "<b>", 3]}))
    ["'<b>'", '3']
    >>> unexpected_values(NS(result={"observed_value": 0.25}))
    ['0.25']
    """
    values = outcome.result.get("partial_unexpected_list")
    if values:
        return list(dict.fromkeys(repr(_clean(v)) for v in values))[:limit]
    observed = outcome.result.get("observed_value")
    return [] if observed is None else [repr(_clean(observed))[:200]]


def outcomes(runs: list[Any], suites: dict[str, dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Every evaluated expectation per table, in suite order: name, severity, GX type, column, success,
    notes and, for a failure, a few unexpected values."""
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
                "unexpected": [] if o.success else unexpected_values(o),
            }
            for o in run.outcomes
        ]
        rows.sort(key=lambda r: position.get((run.suite, r["name"]), 999))
        out[run.suite] = rows
    return out


def quarantined_rows(found: list[Failure], frames: dict[str, pd.DataFrame]) -> list[QuarantinedRow]:
    """One record per row and failed value check: the row's id and document and the reason, values shown."""
    out: list[QuarantinedRow] = []
    for failure in found:
        if failure.action != QUARANTINE:
            continue
        df = frames[failure.suite]
        id_column = _ID_COLUMN[failure.suite]
        doc_column = "doc" if "doc" in df.columns else "doc_a"
        shown = [c for c in (failure.column or "").split(", ") if c in df.columns]
        for index in failure.rows:
            row = df.iloc[index]
            values = ", ".join(f"{c}={_clean(row[c])!r}" for c in shown)
            note = failure.message.split(". ", 1)[1] if ". " in failure.message else failure.message
            out.append(
                QuarantinedRow(
                    table=failure.suite,
                    row_id=str(_clean(row[id_column]) or f"row {index}"),
                    doc=str(_clean(row[doc_column]) or "") if doc_column in df.columns else "",
                    expectation=failure.expectation,
                    reason=f"{failure.expectation}: {values}. {note}".strip(),
                )
            )
    return out
