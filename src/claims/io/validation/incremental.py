"""Validation that follows the changed rows: each row's verdict is kept, and Great Expectations runs the
row checks only on rows it has not judged before (and on the rows that failed before).

A row check (a column or column-pair map expectation without `mostly`) judges each row on its own values,
so its verdict on a row is a function of the row: of the table's columns and of the derived columns
`checks` adds from the other tables (a claim's document length, a finding's claims). Each row of a derived
frame is hashed (`row_hashes`); the verdicts of a validation are kept beside its results
(validation/verdicts.parquet: table, fingerprint, row hash, the row checks it failed). The next validation
of a table with the same fingerprint (its suite with the parameters filled in, its columns and types, this
module's version and GX's) runs GX in two parts:

- the row checks over the rows whose hash it has no verdict for, plus the rows that failed before (so every
  failing row is evaluated again: GX lists them all, in order, and counts them, as over the whole table);
- every other expectation (table shape, row count, uniqueness, ordering, `mostly` shares) over the whole
  table.

Each outcome then reads as if GX had run the whole suite on the whole table (the rows it counts are the
table's); a new suite, new columns or a new GX version validate everything again. A run whose row checks
GX could not list row by row (an exception, a column-level type check) keeps no verdicts for that table.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd

from claims.io.validation.gx import ExpectationOutcome, SuiteRun

logger = logging.getLogger(__name__)

VERSION = "1"
"""Changes when what a verdict means changes (every kept verdict is then ignored)."""
VERDICTS = "verdicts.parquet"
VERDICT_COLUMNS = ("tbl", "fingerprint", "row_hash", "failed")
ROW_CHECKS = frozenset(
    {
        "expect_column_values_to_not_be_null",
        "expect_column_values_to_be_null",
        "expect_column_values_to_be_in_set",
        "expect_column_values_to_not_be_in_set",
        "expect_column_values_to_be_between",
        "expect_column_values_to_match_regex",
        "expect_column_values_to_not_match_regex",
        "expect_column_values_to_be_in_type_list",
        "expect_column_values_to_be_of_type",
        "expect_column_value_lengths_to_be_between",
        "expect_column_value_lengths_to_equal",
        "expect_column_pair_values_to_be_equal",
        "expect_column_pair_values_a_to_be_greater_than_b",
        "expect_select_column_values_to_be_unique_within_record",
    }
)
"""GX expectations whose verdict on a row depends on that row alone."""


def is_row_check(item: Mapping[str, Any]) -> bool:
    """A row check: a map expectation over one row's values, every row required to pass (no `mostly`).

    >>> is_row_check({"type": "expect_column_values_to_be_in_set", "kwargs": {"column": "kind"}})
    True
    >>> is_row_check({"type": "expect_column_values_to_be_null", "kwargs": {"column": "x", "mostly": 0.9}})
    False
    >>> is_row_check({"type": "expect_column_values_to_be_unique", "kwargs": {"column": "claim_id"}})
    False
    """
    kwargs = item.get("kwargs") or {}
    return item.get("type") in ROW_CHECKS and kwargs.get("mostly", 1) in (1, 1.0, None)


def check_name(item: Mapping[str, Any]) -> str:
    """The name a verdict records for an expectation (its meta name, else its GX type)."""
    return str((item.get("meta") or {}).get("name") or item.get("type"))


def fingerprint(spec: Mapping[str, Any], df: pd.DataFrame, gx_version: str) -> str:
    """What a kept verdict is valid for: the suite as run, the frame's columns and types, the versions."""
    shape = [(str(c), str(t)) for c, t in df.dtypes.items()]
    data = json.dumps([VERSION, gx_version, spec, shape], sort_keys=True, default=str)
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def row_hashes(df: pd.DataFrame) -> pd.Series:
    """One 64-bit hash per row of its values (the same values give the same hash in any process).

    >>> df = pd.DataFrame({"a": [1, 1, 2], "b": ["x", "x", None]})
    >>> h = row_hashes(df)
    >>> bool(h[0] == h[1]), bool(h[0] == h[2])
    (True, False)
    """
    return pd.util.hash_pandas_object(df, index=False).astype("uint64")


@dataclass(frozen=True)
class TablePlan:
    """How GX validates one table: the row checks over `rows` (positions in the frame; None: the whole
    suite over the whole table at once), the other expectations over the whole table."""

    table: str
    fingerprint: str
    hashes: pd.Series
    rows: pd.Index | None
    row_spec: dict[str, Any]
    whole_spec: dict[str, Any]


def plan_table(
    table: str, df: pd.DataFrame, spec: dict[str, Any], kept: pd.DataFrame, *, gx_version: str
) -> TablePlan:
    """Which rows GX has to see, from the verdicts `kept` (VERDICT_COLUMNS) of an earlier validation."""
    print_ = fingerprint(spec, df, gx_version)
    try:
        hashes = row_hashes(df)
    except (TypeError, ValueError) as e:  # a cell pandas cannot hash (a list): validate the whole table
        logger.debug("%s: rows not hashable (%s)", table, e)
        hashes = pd.Series([], dtype="uint64")
        kept = kept.iloc[0:0]
    expectations = spec["expectations"]
    row_spec = {**spec, "expectations": [e for e in expectations if is_row_check(e)]}
    whole_spec = {**spec, "expectations": [e for e in expectations if not is_row_check(e)]}
    mine = kept[(kept["tbl"] == table) & (kept["fingerprint"] == print_)] if len(kept) else kept
    if not len(mine):
        return TablePlan(table, print_, hashes, None, row_spec, whole_spec)
    seen = mine["row_hash"].astype("uint64")
    known = hashes.isin(seen)
    failed_before = hashes.isin(seen[mine["failed"].astype(str) != ""])
    rows = df.index[(~known | failed_before).to_numpy()]
    logger.debug("%s: %d of %d rows to validate", table, len(rows), len(df))
    return TablePlan(table, print_, hashes, rows, row_spec, whole_spec)


def read_verdicts(folder: Path | None) -> pd.DataFrame:
    """The verdicts kept in a validation folder (empty when there are none or they are unreadable)."""
    empty = pd.DataFrame(columns=list(VERDICT_COLUMNS))
    if folder is None or not (folder / VERDICTS).is_file():
        return empty
    try:
        df = pd.read_parquet(folder / VERDICTS)
    except (OSError, ValueError, ImportError) as e:
        logger.warning("ignoring the kept validation verdicts in %s: %s", folder, e)
        return empty
    if list(df.columns) != list(VERDICT_COLUMNS):
        return empty
    return df


def verdict_rows(plan: TablePlan, failing: Mapping[int, list[str]]) -> pd.DataFrame:
    """The verdicts of a validated table: every row's hash and the row checks it failed (`failing`:
    position -> names; a row GX did not see again passed before, or it would have been seen)."""
    failed = [";".join(failing.get(i, ())) for i in range(len(plan.hashes))]
    return pd.DataFrame(
        {
            "tbl": plan.table,
            "fingerprint": plan.fingerprint,
            "row_hash": plan.hashes.to_numpy(),
            "failed": failed,
        },
        columns=list(VERDICT_COLUMNS),
    )


def merge(plan: TablePlan, spec: Mapping[str, Any], parts: list[SuiteRun], *, n_rows: int) -> SuiteRun:
    """One table's outcomes in suite order, as one run over the whole table: the row checks' counts are
    the table's (`element_count`), a row check GX did not run (no row to see) passed on every row."""
    found: dict[tuple[str, str], ExpectationOutcome] = {}
    for part in parts:
        for evaluated in part.outcomes:
            found[(evaluated.gx_type, check_name({"type": evaluated.gx_type, "meta": evaluated.meta}))] = (
                evaluated
            )
    outcomes: list[ExpectationOutcome] = []
    for item in spec["expectations"]:
        outcome = found.get((str(item["type"]), check_name(item)))
        if outcome is None:  # a row check with no row to validate again
            outcome = ExpectationOutcome(
                suite=plan.table,
                gx_type=str(item["type"]),
                kwargs=dict(item.get("kwargs") or {}),
                meta=dict(item.get("meta") or {}),
                success=True,
                result={"element_count": n_rows, "unexpected_count": 0, "partial_unexpected_list": []},
                exception=None,
            )
        elif plan.rows is not None and is_row_check(item) and "element_count" in outcome.result:
            outcome = replace(outcome, result={**outcome.result, "element_count": n_rows})
        outcomes.append(outcome)
    result_json: dict[str, Any] = {}
    jsons = [part.result_json for part in parts if part.result_json]
    if jsons:
        result_json = {**jsons[0], "results": [r for j in jsons for r in j.get("results") or []]}
        result_json["success"] = all(o.success for o in outcomes)
        result_json["rows_validated"] = {
            "row_checks": n_rows if plan.rows is None else len(plan.rows),
            "other_expectations": n_rows,
            "table": n_rows,
        }
    return SuiteRun(plan.table, all(o.success for o in outcomes), tuple(outcomes), result_json)


def failing_rows(plan: TablePlan, run: SuiteRun) -> dict[int, list[str]] | None:
    """Position -> the row checks the row failed, from a validated table's outcomes; None when GX did not
    list every failing row of a row check (its verdicts cannot be kept)."""
    failing: dict[int, list[str]] = {}
    for outcome in run.outcomes:
        item = {"type": outcome.gx_type, "kwargs": outcome.kwargs, "meta": outcome.meta}
        if not is_row_check(item) or outcome.success:
            continue
        listed = outcome.result.get("unexpected_index_list")
        count = int(outcome.result.get("unexpected_count") or 0)
        if outcome.exception or not isinstance(listed, list) or len(set(listed)) != count:
            return None
        for position in sorted({int(i) for i in listed}):
            failing.setdefault(position, []).append(check_name(item))
    return failing
