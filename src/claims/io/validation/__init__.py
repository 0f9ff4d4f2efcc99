"""Data-quality validation of the run's tables (documents, claims, conflicts) with Great Expectations.

- `validate`: the entry points (`validate_tables`, `validate_files`, `check_ahead`) and the suites read from
  expectations/.
- `checks`: derived columns for cross-column and cross-table rules (pure pandas).
- `gx`: the only module that imports Great Expectations.
- `incremental`: each row's verdict kept beside the results, so the row checks run only over new or
  changed rows (and rows that failed before); the rest of a suite still runs over the whole table.
- `results`: GX outcomes -> `Failure` records; `report`: `ValidationReport` (readable, serialisable).
- `html`: the page of a validation run (escaped, offline, strict CSP; GX Data Docs are not built).
"""

from claims.io.validation.report import Failure, ValidationReport, raise_for_critical
from claims.io.validation.validate import (
    CheckedAhead,
    check_ahead,
    read_table,
    validate_files,
    validate_tables,
)

__all__ = [
    "CheckedAhead",
    "Failure",
    "ValidationReport",
    "check_ahead",
    "raise_for_critical",
    "read_table",
    "validate_files",
    "validate_tables",
]
