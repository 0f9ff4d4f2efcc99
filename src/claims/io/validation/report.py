"""The outcome of a validation run: failed expectations with example rows, readable and serialisable."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claims.errors import ValidationFailedError

CRITICAL, WARNING = "critical", "warning"
MAX_EXAMPLES = 3


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "suite": self.suite,
            "expectation": self.expectation,
            "gx_type": self.gx_type,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
            "examples": list(self.examples),
        }


@dataclass(frozen=True, slots=True)
class ValidationReport:
    success: bool  # no critical failure
    failures: tuple[Failure, ...] = ()
    docs_index: Path | None = None
    results_path: Path | None = None
    rows: tuple[tuple[str, int], ...] = ()  # (table, row count) of the tables validated
    evaluated: int = 0  # expectations evaluated
    seconds: float = 0.0
    details: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def critical(self) -> tuple[Failure, ...]:
        return tuple(f for f in self.failures if f.severity == CRITICAL)

    @property
    def warnings(self) -> tuple[Failure, ...]:
        return tuple(f for f in self.failures if f.severity != CRITICAL)

    def format(self) -> str:
        """A readable list: verdict, each failed expectation, its column and up to 3 offending rows."""
        tables = ", ".join(f"{name}: {n} rows" for name, n in self.rows) or "no table read"
        verdict = "PASSED" if self.success else "FAILED"
        head = (
            f"Validation {verdict}: {len(self.critical)} critical, {len(self.warnings)} warning(s) "
            f"({self.evaluated} expectations; {tables})"
        )
        lines = [head]
        for failure in (*self.critical, *self.warnings):
            where = f" (column {failure.column})" if failure.column else ""
            lines.append(
                f"{failure.severity.upper()} {failure.suite}.{failure.expectation}{where}: {failure.message}"
            )
            for example in failure.examples[:MAX_EXAMPLES]:
                lines.append("    " + format_row(example))
        if self.docs_index is not None:
            lines.append(f"Data Docs: {self.docs_index}")
        if self.results_path is not None:
            lines.append(f"Results: {self.results_path}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "success": self.success,
            "critical": len(self.critical),
            "warnings": len(self.warnings),
            "evaluated": self.evaluated,
            "rows": dict(self.rows),
            "seconds": round(self.seconds, 3),
            "docs_index": str(self.docs_index) if self.docs_index else None,
            "results_path": str(self.results_path) if self.results_path else None,
            "failures": [f.to_dict() for f in self.failures],
        }


def raise_for_critical(report: ValidationReport) -> None:
    """Raise ValidationFailedError (carrying the report as `.result`) when a critical expectation failed."""
    if report.success:
        return
    names = ", ".join(f"{f.suite}.{f.expectation}" for f in report.critical) or "unknown"
    raise ValidationFailedError(
        f"{len(report.critical)} critical data-quality expectation(s) failed: {names}", result=report
    )
