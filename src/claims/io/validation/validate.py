"""Data-quality validation of the run's tables (documents, claims, conflicts) with Great Expectations.

The suites are data in `settings.expectations_dir` (documents.json, claims.json, conflicts.json, GX suite
format); each expectation's `meta.severity` is "critical" (the flow must not publish) or "warning" (reported).
Cross-column and cross-table rules are checked on derived columns (`checks`); GX itself is only touched in
`gx`; `results` turns GX outcomes into Failure records (`report`) and `html` renders the run's page (GX's own
Data Docs are not built: they render table values as markup). The output folder (validation/: results.json,
quarantine.csv, the GX result JSON per table, index.html, verdicts.parquet) is built under a temporary name
and swapped in whole (`claims.io.export.staged_folder`). With the verdicts of the latest validation (that
folder's, else the published set's), GX runs the row checks only over new or changed rows (`incremental`);
the report is the one a validation of the whole tables gives.

    report = validate_tables(claims=claims_df, conflicts=conflicts_df, documents=documents_df,
                             settings=settings, out_dir=Path("processed"))
    print(report.format())
    raise_for_critical(report)  # ValidationFailedError naming the failed expectations
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd

from claims.io import export
from claims.io.frames import CLAIMS, CONFLICTS, DOCUMENTS, TEXT_COLUMNS
from claims.io.validation import checks, gx, incremental, results
from claims.io.validation import html as validation_html
from claims.io.validation.report import BLOCK, CRITICAL, Failure, ValidationReport
from claims.settings import Settings
from claims.types import UNKNOWN_CURRENCY, ConflictKind, Kind, Qualifier, ReviewStatus, Severity

logger = logging.getLogger(__name__)

TABLES = results.TABLES
QUARANTINE_COLUMNS = ("tbl", "row_id", "doc", "expectation", "severity", "reason")
"""The columns of validation/quarantine.csv (and of the store's quarantine table)."""


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
            dtypes = {c: str for c in TEXT_COLUMNS if c in header}
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
        **column_parameters(),
    }


def column_parameters() -> dict[str, list[str]]:
    """The column lists the suites check, from the one list of each table's columns (`claims.io.frames`)."""
    return {
        "claims_contract_columns": CLAIMS.contract,
        "claims_extra_columns": CLAIMS.extra,
        "conflicts_contract_columns": CONFLICTS.contract,
        "conflicts_extra_columns": CONFLICTS.extra,
        "documents_columns": DOCUMENTS.names,
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


def _applicable(suite: dict[str, Any], df: pd.DataFrame) -> dict[str, Any]:
    """The suite without expectations on columns the frame lacks (the required_columns check names them)."""
    kept = []
    for item in suite["expectations"]:
        missing = [c for c in results.columns_of(item.get("kwargs", {})) if c not in df.columns]
        if missing:
            logger.debug("skip %s.%s: no column %s", suite["name"], item.get("meta", {}).get("name"), missing)
            continue
        kept.append(item)
    return {**suite, "expectations": kept}


# --- public entry points ----------------------------------------------------------------------------------


def validate_tables(
    *,
    claims: pd.DataFrame,
    conflicts: pd.DataFrame | None = None,
    documents: pd.DataFrame | None = None,
    settings: Settings,
    out_dir: Path | None = None,
    published_as: Path | None = None,
    ahead: CheckedAhead | None = None,
) -> ValidationReport:
    """Run the suites of `settings.expectations_dir` over the tables given.

    With `out_dir`, writes under out_dir/validation/: results.json (this report plus every expectation's
    outcome), quarantine.csv (every quarantined row with its reason), gx_<table>.json (the GX results) and
    index.html, the page of the results (offline, escaped, with a strict CSP; set as `docs_index`).
    `published_as` is the folder out_dir becomes once published (the paths recorded name it).
    Value checks failing on a few rows quarantine them (`ValidationReport.quarantined`); the share of a
    table's rows that may be quarantined is `settings.max_quarantine_share`.
    `ahead`: the documents and claims tables checked before (`check_ahead`, e.g. in another process while
    the findings were reconciled); used when it checked these very tables against these suites and kept
    verdicts, else they are checked here. The report and files are the same either way.
    """
    started = time.perf_counter()
    try:
        config, suites = _suites(settings)
    except (OSError, ValueError, KeyError) as e:
        where = settings.expectations_dir
        return _unreadable_report("expectations", f"cannot load the suites from {where}: {e}")
    folder = out_dir / "validation" if out_dir is not None else None
    kept = incremental.read_verdicts(_verdicts_folder(folder, settings)) if folder is not None else None
    if ahead is not None and (
        folder is None
        or documents is None
        or not ahead.key
        or ahead.key != _ahead_key(claims, documents, config, suites, kept)
    ):
        logger.debug("the tables checked ahead are not these: checking every table here")
        ahead = None
    frames: dict[str, pd.DataFrame] = (
        dict(ahead.frames) if ahead is not None else _table_frames(claims, documents, config)
    )
    if conflicts is not None:
        frames["conflicts"] = checks.conflicts_frame(conflicts, claims=claims)

    applicable = {t: _applicable(suites[t], df) for t, df in frames.items()}
    share = settings.max_quarantine_share
    if folder is None:
        report, _runs, _verdicts = _run(frames, applicable, keep_json=False, started=started, share=share)
    else:
        final = (published_as or folder.parent) / "validation"
        with export.staged_folder(folder) as staging:
            report, runs, verdicts = _run(
                frames, applicable, keep_json=True, started=started, share=share, kept=kept, ahead=ahead
            )
            if runs is not None:  # GX ran: its results replace the previous run's folder
                report = _write_results(report, runs, applicable, staging, final=final)
                export.write_parquet(staging / incremental.VERDICTS, verdicts)
                export.replace_folder(staging, folder)
    logger.info(
        "validation %s: %d critical, %d warnings in %.2fs",
        "passed" if report.success else "failed",
        len(report.critical),
        len(report.warnings),
        report.seconds,
    )
    return report


@dataclass(frozen=True)
class CheckedAhead:
    """The documents and claims tables checked by `check_ahead`: their derived frames, and GX's runs over
    them (the row checks over the rows the kept verdicts do not judge). `key` names what was checked (the
    two tables, the suites and the kept verdicts): `validate_tables` uses them only for the same."""

    key: str
    frames: dict[str, pd.DataFrame]
    plans: dict[str, incremental.TablePlan]
    parts: dict[str, list[gx.SuiteRun]]


AHEAD_TABLES = ("documents", "claims")
"""The tables `check_ahead` checks: neither changes while the findings are reconciled."""


def check_ahead(*, claims: pd.DataFrame, documents: pd.DataFrame, settings: Settings) -> CheckedAhead | None:
    """Check the documents and claims tables before the findings are reconciled (the next validation of the
    same tables, `validate_tables(..., ahead=...)`, then checks only the findings); None when the suites
    cannot be loaded or GX cannot run them (the validation then checks every table, and reports why).

    The kept verdicts are the published set's: those of a validation folder still being built are not
    known yet (a validation that finds them checks every table itself).
    """
    try:
        config, suites = _suites(settings)
        kept = incremental.read_verdicts(_verdicts_folder(None, settings))
        frames = _table_frames(claims, documents, config)
        applicable = {t: _applicable(suites[t], df) for t, df in frames.items()}
        plans, parts = _gx_parts(frames, applicable, kept, keep_json=True)
    except (OSError, ValueError, KeyError, gx.GxRunError) as e:
        logger.debug("tables not checked ahead: %s", e)
        return None
    return CheckedAhead(_ahead_key(claims, documents, config, suites, kept), frames, plans, parts)


def _suites(settings: Settings) -> tuple[checks.CheckConfig, dict[str, dict[str, Any]]]:
    """The cross-column checks' settings (checks.json) and each table's suite, its parameters filled in."""
    expectations_dir = settings.expectations_dir
    config = json.loads((expectations_dir / "checks.json").read_text(encoding="utf-8"))
    parameters = _parameters(settings, config)
    suites = {t: _load_suite(expectations_dir / f"{t}.json", parameters) for t in TABLES}
    currencies = frozenset(u for u in parameters["known_units"] if len(u) == 3 and u.isupper())
    return checks.CheckConfig.from_mapping(config, currencies), suites


def _table_frames(
    claims: pd.DataFrame, documents: pd.DataFrame | None, config: checks.CheckConfig
) -> dict[str, pd.DataFrame]:
    """The derived frames of the documents (when given) and claims tables, as the suites check them."""
    frames: dict[str, pd.DataFrame] = {}
    if documents is not None:
        frames["documents"] = checks.documents_frame(documents, claims=claims)
    frames["claims"] = checks.claims_frame(claims, documents=documents, config=config)
    return frames


def _ahead_key(
    claims: pd.DataFrame,
    documents: pd.DataFrame,
    config: checks.CheckConfig,
    suites: dict[str, dict[str, Any]],
    kept: pd.DataFrame | None,
) -> str:
    """What `check_ahead` checked: the two tables' values, the check settings, their suites, their kept
    verdicts ("" when a table cannot be hashed: nothing is then taken as checked ahead)."""
    digest = hashlib.sha256()
    try:
        for df in (claims, documents):
            digest.update(json.dumps([[str(c), str(t)] for c, t in df.dtypes.items()]).encode())
            digest.update(pd.util.hash_pandas_object(df, index=True).to_numpy().tobytes())
        if kept is not None and len(kept):
            mine = kept[kept["tbl"].isin(AHEAD_TABLES)]
            digest.update(incremental.row_hashes(mine).to_numpy().tobytes())
    except (TypeError, ValueError):  # a cell pandas cannot hash
        return ""
    settings_shown = [
        sorted(config.currencies),
        config.percent_over_100_cues.pattern,
        sorted(config.percent_over_100_flags),
        config.cue_window_before,
        config.cue_window_after,
    ]  # sorted: a set's order differs between processes
    shown = [settings_shown, {t: suites[t] for t in AHEAD_TABLES}]
    digest.update(json.dumps(shown, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def _verdicts_folder(folder: Path | None, settings: Settings) -> Path | None:
    """Where the verdicts of the latest validation are: this folder's (validated before), else the
    published set's."""
    if folder is not None and (folder / incremental.VERDICTS).is_file():
        return folder
    current = export.current_version(settings.out_dir)
    return current / "validation" if current is not None else None


def _gx_parts(
    frames: dict[str, pd.DataFrame], suites: dict[str, dict[str, Any]], kept: pd.DataFrame, *, keep_json: bool
) -> tuple[dict[str, incremental.TablePlan], dict[str, list[gx.SuiteRun]]]:
    """Each table's plan (`incremental`) and GX's runs of it: the row checks only over the rows without a
    kept verdict, the rest of the suite over the whole table."""
    version = _gx_version()
    plans = {
        t: incremental.plan_table(t, df, suites[t], kept, gx_version=version) for t, df in frames.items()
    }
    whole: dict[str, tuple[pd.DataFrame, dict[str, Any]]] = {}
    rows: dict[str, tuple[pd.DataFrame, dict[str, Any]]] = {}
    for table, plan in plans.items():
        df = frames[table]
        if plan.rows is None:
            whole[table] = (df, suites[table])
            continue
        if plan.whole_spec["expectations"]:
            whole[table] = (df, plan.whole_spec)
        if len(plan.rows) and plan.row_spec["expectations"]:
            rows[table] = (df.loc[plan.rows], plan.row_spec)
    parts: dict[str, list[gx.SuiteRun]] = {t: [] for t in frames}
    for batch in (whole, rows):
        if batch:
            found = gx.run_suites(
                {t: df for t, (df, _) in batch.items()},
                {t: spec for t, (_, spec) in batch.items()},
                keep_json=keep_json,
            )
            for run in found:
                parts[run.suite].append(run)
    return plans, parts


def _gx_runs(
    frames: dict[str, pd.DataFrame],
    suites: dict[str, dict[str, Any]],
    kept: pd.DataFrame,
    *,
    keep_json: bool,
    ahead: CheckedAhead | None = None,
) -> tuple[list[gx.SuiteRun], pd.DataFrame]:
    """Each table's suite run by GX (the tables `ahead` checked taken from it), the row checks only over
    the rows without a kept verdict (`incremental`); the verdicts of this validation."""
    done = ahead.plans if ahead is not None else {}
    plans, parts = _gx_parts(
        {t: df for t, df in frames.items() if t not in done}, suites, kept, keep_json=keep_json
    )
    if ahead is not None:
        plans, parts = {**ahead.plans, **plans}, {**ahead.parts, **parts}
    runs, verdicts = [], []
    for table in frames:
        plan = plans[table]
        run = incremental.merge(plan, suites[table], parts[table], n_rows=len(frames[table]))
        runs.append(run)
        failing = incremental.failing_rows(plan, run)
        if failing is not None and len(plan.hashes) == len(frames[table]):
            verdicts.append(incremental.verdict_rows(plan, failing))
        validated = len(frames[table]) if plan.rows is None else len(plan.rows)
        logger.debug("%s: row checks over %d of %d rows", table, validated, len(frames[table]))
    columns = list(incremental.VERDICT_COLUMNS)
    return runs, pd.concat(verdicts, ignore_index=True) if verdicts else pd.DataFrame(columns=columns)


def _gx_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("great_expectations")
    except metadata.PackageNotFoundError:
        return "unknown"


def _run(
    frames: dict[str, pd.DataFrame],
    suites: dict[str, dict[str, Any]],
    *,
    keep_json: bool,
    started: float,
    share: float,
    kept: pd.DataFrame | None = None,
    ahead: CheckedAhead | None = None,
) -> tuple[ValidationReport, list[gx.SuiteRun] | None, pd.DataFrame]:
    """The report of running the suites, the GX runs (None when GX could not run them) and the verdicts to
    keep; with `kept` verdicts of an earlier validation, the row checks see only the rows that need it."""
    if kept is None:
        kept = pd.DataFrame(columns=list(incremental.VERDICT_COLUMNS))
    try:
        runs, verdicts = _gx_runs(frames, suites, kept, keep_json=keep_json, ahead=ahead)
    except gx.GxRunError as e:
        return _unreadable_report("expectations", str(e)), None, kept.iloc[0:0]
    failures = results.failures(runs, frames, suites, max_quarantine_share=share)
    report = ValidationReport(
        success=not any(f.action == BLOCK for f in failures),
        failures=tuple(failures),
        quarantined=tuple(results.quarantined_rows(failures, frames)),
        rows=tuple((t, len(df)) for t, df in frames.items()),
        evaluated=sum(len(run.outcomes) for run in runs),
        seconds=time.perf_counter() - started,
    )
    return report, runs, verdicts


def _write_results(
    report: ValidationReport,
    runs: list[gx.SuiteRun],
    suites: dict[str, dict[str, Any]],
    folder: Path,
    *,
    final: Path,
) -> ValidationReport:
    """results.json, the GX result JSON per table, quarantine.csv and index.html (set as docs_index).

    Written into the staging `folder`; every path recorded names its place under `final`, where the
    folder is moved once complete.
    """
    gx_results = {}
    for run in runs:
        name = f"gx_{run.suite}.json"
        export.write_json(folder / name, run.result_json, indent=1)
        gx_results[run.suite] = name
    report = replace(report, results_path=final / "results.json", docs_index=final / "index.html")
    outcomes = results.outcomes(runs, suites)
    gx_final = {table: str(final / name) for table, name in gx_results.items()}
    data = report.to_dict() | {"gx_results": gx_final, "expectations": outcomes}
    export.write_json(folder / "results.json", data, indent=2)
    quarantine = pd.DataFrame([q.to_dict() for q in report.quarantined], columns=QUARANTINE_COLUMNS)
    export.write_csv(folder / "quarantine.csv", quarantine)
    page = validation_html.render_index(report.to_dict(), outcomes, gx_results=gx_results)
    export.write_text(folder / "index.html", page)
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
