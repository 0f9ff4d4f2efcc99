"""The outcome of a validation run: failed expectations with example rows, readable and serialisable.

A failed expectation does one of three things (`Failure.action`):

- `block`: a structural fault (schema, duplicate ids, offsets that do not give their surface, a dangling
  reference), or a value check failing on too many rows: nothing of the run is published;
- `quarantine`: a value check (meta `"on_failure": "quarantine"` in its suite) failing on some rows: those
  rows (GX's unexpected index list) are kept out of reconciliation and of the published tables, listed with
  the reason (`ValidationReport.quarantined`), and the rest is published;
- `warn`: reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claims.errors import ValidationFailedError

CRITICAL, WARNING = "critical", "warning"
BLOCK, QUARANTINE, WARN = "block", "quarantine", "warn"
MAX_EXAMPLES = 3
MAX_LISTED = 200  # quarantined rows listed in the serialised report (all of them go to quarantine.csv)


def format_row(example: dict[str, Any]) -> str:
    parts = []
    for key, value in example.items():
        parts.append(f"{key}={value!r}" if isinstance(value, str) else f"{key}={value}")
    return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Failure:
    """One failed expectation: which table and rule, how bad, what was seen, a few offending rows."""

    suite: str
    expectation: str  # the expectation's name in the suite (meta.name), e.g. "unit_known"
    column: str | None
    severity: str  # "critical" | "warning"
    message: str
    examples: tuple[dict[str, Any], ...] = ()
    gx_type: str = ""  # e.g. "expect_column_values_to_be_in_set"
    action: str = ""  # block, quarantine or warn (from the severity when not given)
    rows: tuple[int, ...] = ()  # every offending row (GX's unexpected_index_list), positions in the table

    def __post_init__(self) -> None:
        if not self.action:
            object.__setattr__(self, "action", BLOCK if self.severity == CRITICAL else WARN)

    def to_dict(self) -> dict[str, Any]:
        return {
            "suite": self.suite,
            "expectation": self.expectation,
            "gx_type": self.gx_type,
            "column": self.column,
            "severity": self.severity,
            "action": self.action,
            "message": self.message,
            "rows": len(self.rows),
            "examples": list(self.examples),
        }


@dataclass(frozen=True, slots=True)
class QuarantinedRow:
    """A row kept out of the published tables: its table, id, document, the check it failed and why."""

    table: str
    row_id: str
    doc: str
    expectation: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {
            "tbl": self.table,
            "row_id": self.row_id,
            "doc": self.doc,
            "expectation": self.expectation,
            "severity": CRITICAL,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class ValidationReport:
    success: bool  # nothing blocks publishing (quarantined rows aside)
    failures: tuple[Failure, ...] = ()
    quarantined: tuple[QuarantinedRow, ...] = ()
    docs_index: Path | None = None
    results_path: Path | None = None
    rows: tuple[tuple[str, int], ...] = ()  # (table, row count) of the tables validated
    evaluated: int = 0  # expectations evaluated
    seconds: float = 0.0
    details: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def critical(self) -> tuple[Failure, ...]:
        """The failures that block publishing."""
        return tuple(f for f in self.failures if f.action == BLOCK)

    @property
    def quarantining(self) -> tuple[Failure, ...]:
        """The value checks whose failing rows were quarantined."""
        return tuple(f for f in self.failures if f.action == QUARANTINE)

    @property
    def warnings(self) -> tuple[Failure, ...]:
        return tuple(f for f in self.failures if f.action == WARN)

    def quarantined_ids(self, table: str) -> frozenset[str]:
        return frozenset(q.row_id for q in self.quarantined if q.table == table)

    def format(self) -> str:
        """A readable list: verdict, each failed expectation, its column and up to 3 offending rows."""
        tables = ", ".join(f"{name}: {n} rows" for name, n in self.rows) or "no table read"
        verdict = "PASSED" if self.success else "FAILED"
        held = f", {len(self.quarantined)} row(s) quarantined" if self.quarantined else ""
        head = (
            f"Validation {verdict}: {len(self.critical)} critical, {len(self.warnings)} warning(s){held} "
            f"({self.evaluated} expectations; {tables})"
        )
        lines = [head]
        for failure in (*self.critical, *self.quarantining, *self.warnings):
            where = f" (column {failure.column})" if failure.column else ""
            label = "QUARANTINED" if failure.action == QUARANTINE else failure.severity.upper()
            lines.append(f"{label} {failure.suite}.{failure.expectation}{where}: {failure.message}")
            for example in failure.examples[:MAX_EXAMPLES]:
                lines.append("    " + format_row(example))
        if self.docs_index is not None:
            lines.append(f"Validation page: {self.docs_index}")
        if self.results_path is not None:
            lines.append(f"Results: {self.results_path}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "success": self.success,
            "critical": len(self.critical),
            "warnings": len(self.warnings),
            "quarantined": len(self.quarantined),
            "evaluated": self.evaluated,
            "rows": dict(self.rows),
            "seconds": round(self.seconds, 3),
            "docs_index": str(self.docs_index) if self.docs_index else None,
            "results_path": str(self.results_path) if self.results_path else None,
            "failures": [f.to_dict() for f in self.failures],
            "quarantined_rows": [q.to_dict() for q in self.quarantined[:MAX_LISTED]],
        }


def raise_for_critical(report: ValidationReport) -> None:
    """Raise ValidationFailedError (carrying the report as `.result`) when a critical expectation failed."""
    if report.success:
        return
    names = ", ".join(f"{f.suite}.{f.expectation}" for f in report.critical) or "unknown"
    raise ValidationFailedError(
        f"{len(report.critical)} critical data-quality expectation(s) failed: {names}", result=report
    )
