"""Data-quality validation of the run's tables (documents, claims, conflicts) with Great Expectations.

The suites are data in `settings.expectations_dir` (documents.json, claims.json, conflicts.json, GX suite
format); each expectation's `meta.severity` is "critical" (the flow must not publish) or "warning" (reported).
Cross-column and cross-table rules are checked on derived columns (`validation_checks`); GX itself is only
touched in `validation_gx`.

    report = validate_tables(claims=claims_df, conflicts=conflicts_df, documents=documents_df,
                             settings=settings, out_dir=Path("processed"))
    print(report.format())
    raise_for_critical(report)  # ValidationFailedError naming the failed expectations
"""

from __future__ import annotations

import json
import logging
import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from claims.errors import ValidationFailedError
from claims.io import validation_checks as checks
from claims.settings import Settings
from claims.types import UNKNOWN_CURRENCY, ConflictKind, Kind, Qualifier, ReviewStatus, Severity

logger = logging.getLogger(__name__)

TABLES = ("documents", "claims", "conflicts")
CRITICAL, WARNING = "critical", "warning"
MAX_EXAMPLES = 3

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
_TEXT_COLUMNS = (
    "claim_id",
    "doc",
    "surface",
    "unit",
    "kind",
    "counted",
    "qualifier",
    "subject",
    "entities",
    "section",
    "sentence",
    "citation",
    "chapter",
    "flags",
    "doc_sha256",
    "conflict_id",
    "severity",
    "claim_a",
    "claim_b",
    "doc_a",
    "doc_b",
    "surface_a",
    "surface_b",
    "unit_a",
    "unit_b",
    "topic",
    "period",
    "explanation",
    "status",
    "scope",
    "support",
    "sha256",
    "format",
    "title",
    "author",
    "published",
    "encoding",
    "text_path",
    "aliases",
)


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
                lines.append("    " + _format_row(example))
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


# --- reading inputs ---------------------------------------------------------------------------------------


class _Unreadable(Exception):
    """A table file that cannot be read; becomes a critical failure in the report."""


def read_table(path: Path) -> pd.DataFrame:
    """A CSV or Parquet table (by suffix); id and text columns stay text (hex ids like "1e5..." too)."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise _Unreadable(f"file not found: {path}")
    try:
        if suffix == ".parquet":
            return pd.read_parquet(path)
        if suffix in {".csv", ".txt"}:
            header = pd.read_csv(path, nrows=0, encoding="utf-8").columns
            dtypes = {c: str for c in _TEXT_COLUMNS if c in header}
            return pd.read_csv(path, dtype=dtypes, encoding="utf-8")  # type: ignore[arg-type]
    except (OSError, ValueError, UnicodeDecodeError, ImportError) as e:
        raise _Unreadable(f"cannot read {path}: {e}") from e
    raise _Unreadable(f"cannot read {path}: unknown table format {suffix!r} (expected .csv or .parquet)")


def _unreadable_report(table: str, message: str) -> ValidationReport:
    failure = Failure(table, "readable_table", None, CRITICAL, message)
    return ValidationReport(success=False, failures=(failure,))


# --- suites -----------------------------------------------------------------------------------------------


def _known_units(expectations_dir: Path) -> list[str]:
    """ISO 4217 codes (pycountry, plus XXX), the unit lexicon's names and expectations/units.json."""
    import pycountry

    from claims.lexicon import units as unit_lexicon

    units = {c.alpha_3 for c in pycountry.currencies} | {UNKNOWN_CURRENCY}
    units |= set(unit_lexicon.UNIT_WORDS.values()) | set(unit_lexicon.UNIT_SYMBOLS.values())
    units |= {unit_lexicon.PERCENT, unit_lexicon.PERCENTAGE_POINT, unit_lexicon.TIMES}
    data = json.loads((expectations_dir / "units.json").read_text(encoding="utf-8"))
    units |= set(data.get("fixed", [])) | set(data.get("measures", []))
    return sorted(units)


def _parameters(settings: Settings, config: dict[str, Any]) -> dict[str, Any]:
    units = _known_units(settings.expectations_dir)
    return {
        "known_units": units,
        "kinds": [k.value for k in Kind],
        "qualifiers": [q.value for q in Qualifier],
        "conflict_kinds": [k.value for k in ConflictKind],
        "severities": [s.value for s in Severity],
        "statuses": [s.value for s in ReviewStatus],
        "min_share_with_period": round(1.0 - settings.max_share_without_period, 6),
        "min_share_with_unit": round(1.0 - settings.max_share_without_unit, 6),
        "relative_difference_tolerance": float(config.get("relative_difference_tolerance", 0.01)),
    }


def _fill(value: Any, parameters: dict[str, Any]) -> Any:
    """Replace GX-style {"$PARAMETER": name} placeholders by their values."""
    if isinstance(value, dict):
        if set(value) == {"$PARAMETER"}:
            name = value["$PARAMETER"]
            if name not in parameters:
                raise KeyError(f"unknown suite parameter {name!r}")
            return parameters[name]
        return {k: _fill(v, parameters) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, parameters) for v in value]
    return value


def _load_suite(path: Path, parameters: dict[str, Any]) -> dict[str, Any]:
    return _fill(json.loads(path.read_text(encoding="utf-8")), parameters)  # type: ignore[no-any-return]


def _columns_of(kwargs: dict[str, Any]) -> list[str]:
    cols = [kwargs[k] for k in ("column", "column_A", "column_B") if kwargs.get(k)]
    return cols + list(kwargs.get("column_list") or [])


def _applicable(suite: dict[str, Any], df: pd.DataFrame) -> dict[str, Any]:
    """The suite without expectations on columns the frame lacks (the required_columns check names them)."""
    kept = []
    for item in suite["expectations"]:
        missing = [c for c in _columns_of(item.get("kwargs", {})) if c not in df.columns]
        if missing:
            logger.debug("skip %s.%s: no column %s", suite["name"], item.get("meta", {}).get("name"), missing)
            continue
        kept.append(item)
    return {**suite, "expectations": kept}


# --- results ----------------------------------------------------------------------------------------------


def _clean(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, str) and len(value) > 120:
        return value[:117] + "..."
    if hasattr(value, "item") and not isinstance(value, str):
        return _clean(value.item())
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def _format_row(example: dict[str, Any]) -> str:
    parts = []
    for key, value in example.items():
        parts.append(f"{key}={value!r}" if isinstance(value, str) else f"{key}={value}")
    return " ".join(parts)


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


def _failures(
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
            columns = _columns_of(outcome.kwargs)
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


# --- public entry points ----------------------------------------------------------------------------------


def validate_tables(
    *,
    claims: pd.DataFrame,
    conflicts: pd.DataFrame | None = None,
    documents: pd.DataFrame | None = None,
    settings: Settings,
    out_dir: Path | None = None,
) -> ValidationReport:
    """Run the suites of `settings.expectations_dir` over the tables given.

    With `out_dir`, writes under out_dir/validation/: results.json (this report plus every expectation's
    outcome), gx_<table>.json (the GX results), the GX Data Docs (data_docs/) and index.html, a page that
    opens offline and links to them (set as `docs_index`).
    """
    from claims.io import validation_gx

    started = time.perf_counter()
    expectations_dir = settings.expectations_dir
    try:
        config = json.loads((expectations_dir / "checks.json").read_text(encoding="utf-8"))
        parameters = _parameters(settings, config)
        suites = {t: _load_suite(expectations_dir / f"{t}.json", parameters) for t in TABLES}
    except (OSError, ValueError, KeyError) as e:
        return _unreadable_report("expectations", f"cannot load the suites from {expectations_dir}: {e}")

    currencies = frozenset(u for u in parameters["known_units"] if len(u) == 3 and u.isupper())
    check_config = checks.CheckConfig.from_mapping(config, currencies)
    frames: dict[str, pd.DataFrame] = {}
    if documents is not None:
        frames["documents"] = checks.documents_frame(documents, claims=claims)
    frames["claims"] = checks.claims_frame(claims, documents=documents, config=check_config)
    if conflicts is not None:
        frames["conflicts"] = checks.conflicts_frame(conflicts, claims=claims)

    docs_dir = out_dir / "validation" / "data_docs" if out_dir is not None else None
    applicable = {t: _applicable(suites[t], df) for t, df in frames.items()}
    try:
        runs, docs_index = validation_gx.run_suites(frames, applicable, docs_dir=docs_dir)
    except validation_gx.GxRunError as e:
        return _unreadable_report("expectations", str(e))
    failures = _failures(runs, frames, applicable)
    report = ValidationReport(
        success=not any(f.severity == CRITICAL for f in failures),
        failures=tuple(failures),
        docs_index=docs_index,
        rows=tuple((t, len(df)) for t, df in frames.items()),
        evaluated=sum(len(run.outcomes) for run in runs),
        seconds=time.perf_counter() - started,
    )
    if out_dir is not None:
        report = _write_results(report, runs, applicable, out_dir / "validation")
    logger.info(
        "validation %s: %d critical, %d warnings in %.2fs",
        "passed" if report.success else "failed",
        len(report.critical),
        len(report.warnings),
        report.seconds,
    )
    return report


def _outcomes(runs: list[Any], suites: dict[str, dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
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
                "column": ", ".join(_columns_of(o.kwargs)) or None,
                "success": o.success,
                "notes": o.meta.get("notes", ""),
            }
            for o in run.outcomes
        ]
        rows.sort(key=lambda r: position.get((run.suite, r["name"]), 999))
        out[run.suite] = rows
    return out


def _write_results(
    report: ValidationReport, runs: list[Any], suites: dict[str, dict[str, Any]], folder: Path
) -> ValidationReport:
    """results.json, the GX result JSON per table, and the offline index.html (set as docs_index)."""
    from dataclasses import replace

    from claims.io import validation_html

    folder.mkdir(parents=True, exist_ok=True)
    for run in runs:
        (folder / f"gx_{run.suite}.json").write_text(
            json.dumps(run.result_json, indent=1, default=str), encoding="utf-8"
        )
    docs = folder / "data_docs"
    gx_index = report.docs_index
    index = folder / "index.html"
    report = replace(report, results_path=folder / "results.json", docs_index=index)
    outcomes = _outcomes(runs, suites)
    data = report.to_dict() | {"gx_data_docs": str(gx_index) if gx_index else None, "expectations": outcomes}
    (folder / "results.json").write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")

    def rel(path: Path) -> str:
        return path.relative_to(folder).as_posix()

    gx_pages = {t: rel(p) for t in outcomes for p in sorted(docs.glob(f"validations/{t}/**/*.html"))[-1:]}
    gx_suites = {t: rel(docs / "expectations" / f"{t}.html") for t in outcomes}
    if docs.is_dir():
        validation_html.patch_gx_pages(docs)
    page = validation_html.render_index(
        report.to_dict(),
        outcomes,
        gx_pages=gx_pages,
        gx_suites={t: href for t, href in gx_suites.items() if (folder / href).exists()},
        gx_index=rel(gx_index) if gx_index else None,
    )
    index.write_text(page, encoding="utf-8")
    return report


def validate_files(
    *,
    claims_path: Path,
    conflicts_path: Path | None,
    documents_path: Path | None = None,
    settings: Settings,
    out_dir: Path | None = None,
) -> ValidationReport:
    """Validate CSV or Parquet tables; an unreadable file gives a failed report, never a traceback."""
    tables: dict[str, pd.DataFrame | None] = {"conflicts": None, "documents": None}
    try:
        claims = read_table(Path(claims_path))
    except _Unreadable as e:
        return _unreadable_report("claims", str(e))
    for table, path in (("conflicts", conflicts_path), ("documents", documents_path)):
        if path is not None:
            try:
                tables[table] = read_table(Path(path))
            except _Unreadable as e:
                return _unreadable_report(table, str(e))
    return validate_tables(
        claims=claims,
        conflicts=tables["conflicts"],
        documents=tables["documents"],
        settings=settings,
        out_dir=out_dir,
    )
