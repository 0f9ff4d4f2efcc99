"""The only module that imports Great Expectations (GX Core 1.x).

One in-memory (ephemeral) data context per process, created on first use: a pandas data source with one
dataframe asset and batch definition per table. Each table's suite (read from expectations/, parameters
filled in) is built once per content and run by a GX validator on the frame: no checkpoint, validation
definition or result store (their registration and freshness checks cost more than validating a few
thousand rows, and nothing piles up in a long-lived process). GX's Data Docs are not built: the run's page
is ours (`claims.io.validation.html`), since GX's pages render table values as markup; the result JSON of
each suite is kept for it.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.util
import json
import logging
import os
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from great_expectations.data_context import AbstractDataContext

logger = logging.getLogger(__name__)

DATASOURCE = "claims_tables"
RESULT_FORMAT = {"result_format": "COMPLETE", "partial_unexpected_count": 20}
"""COMPLETE: every failing row's index (`unexpected_index_list`), so value checks can quarantine rows."""
SCREEN_FORMAT = {"result_format": "BASIC", "partial_unexpected_count": 20}
"""The first pass over a table: which expectations fail (half the cost of COMPLETE); only those are run
again with `RESULT_FORMAT`, so every failure is reported as in one COMPLETE run."""
SUITE_CACHE = 16
"""Suites kept built per process (a table's suite, and the few subsets of it that failed)."""
_ROW_LISTS = ("unexpected_list", "unexpected_index_list", "unexpected_index_query")
"""Dropped from the JSON written to disk (they can hold a row per table row; the counts stay)."""

# GX keeps a context's stores and sites in mutable config: one run at a time per process.
_LOCK = threading.Lock()


class GxRunError(Exception):
    """Great Expectations could not run a suite (a malformed suite, an internal error)."""


@dataclass(frozen=True, slots=True)
class ExpectationOutcome:
    """One evaluated expectation, reduced to plain Python values."""

    suite: str
    gx_type: str
    kwargs: dict[str, Any]
    meta: dict[str, Any]
    success: bool
    result: dict[str, Any]
    exception: str | None


@dataclass(frozen=True, slots=True)
class SuiteRun:
    suite: str
    success: bool
    outcomes: tuple[ExpectationOutcome, ...]
    result_json: dict[str, Any]


@dataclass
class _Gx:
    """The process-wide context, and each table's suite built once per content (building a suite's
    expectations costs GX about a second; a suite changes only when expectations/ does)."""

    context: AbstractDataContext
    suites: dict[str, Any] = field(default_factory=dict)  # fingerprint -> built suite


DEFERRED_MODULES = ("scipy.stats",)
"""Modules GX imports for expectations the suites do not use (`scipy.stats`: the KL-divergence and KS-test
expectations, a third of GX's import time): loaded when first used, not when GX is imported."""


def defer_import(name: str) -> None:
    """Import `name` lazily: its module is created now and executed on first attribute access.

    It is also set on its parent package, so `from parent import name` finds it without the import
    machinery (which would load it at once). Nothing happens when it is imported already or absent.
    """
    parent, _, child = name.rpartition(".")
    if name in sys.modules or (parent and parent not in sys.modules and not _importable(parent)):
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    if parent:
        setattr(sys.modules[parent], child, module)


def _importable(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


@functools.cache
def _gx() -> _Gx:
    """The process-wide ephemeral context, analytics and progress bars off (GX import takes a few seconds)."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    for name in DEFERRED_MODULES:
        defer_import(name)
    # GX logs its own errors with tracebacks: what matters reaches the user through the validation report
    logging.getLogger("great_expectations").setLevel(logging.CRITICAL)
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
        progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
        analytics_enabled=False,
    )
    context = gx.get_context(mode="ephemeral", project_config=config)
    context.data_sources.add_pandas(DATASOURCE)
    logger.debug("GX %s context ready", gx.__version__)
    return _Gx(context)


def warm_up() -> None:
    """Import GX and build this process's context now (a process kept to validate tables, before its first
    table)."""
    _gx()


def suite_fingerprint(spec: Mapping[str, Any]) -> str:
    """A suite's content as a short hash (its parameters filled in).

    >>> suite_fingerprint({"name": "claims", "expectations": []}) == suite_fingerprint(
    ...     {"expectations": [], "name": "claims"})
    True
    """
    return hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _suite(state: _Gx, table: str, spec: dict[str, Any]) -> Any:
    """The GX suite of `spec`, built again only when `spec` changed. It is not added to the context's
    stores: a validator runs it directly (no checkpoint, validation definition or result store, whose
    registration and freshness checks cost more than the validation of a few thousand rows)."""
    import great_expectations as gx

    fingerprint = f"{table}:{suite_fingerprint(spec)}"
    if fingerprint in state.suites:
        return state.suites[fingerprint]
    expectations = []
    for item in spec["expectations"]:
        meta = dict(item.get("meta", {}))
        expectations.append({**item, "meta": meta, "severity": meta.get("severity", "critical")})
    suite = gx.ExpectationSuite(name=table, expectations=expectations, meta=dict(spec.get("meta", {})))
    while len(state.suites) >= SUITE_CACHE:
        state.suites.pop(next(iter(state.suites)))
    state.suites[fingerprint] = suite
    return suite


def _batch_definition(context: AbstractDataContext, table: str) -> Any:
    source = context.data_sources.get(DATASOURCE)
    try:
        asset = source.get_asset(table)
    except LookupError:
        asset = source.add_dataframe_asset(table)  # type: ignore[attr-defined]
    try:
        return asset.get_batch_definition(table)
    except (KeyError, LookupError):
        return asset.add_batch_definition_whole_dataframe(table)


def _validate(
    state: _Gx, table: str, spec: dict[str, Any], df: pd.DataFrame, result_format: dict[str, Any]
) -> Any:
    """GX's result of validating `df` against the suite `spec`."""
    from great_expectations.validator.v1_validator import Validator

    validator = Validator(
        batch_definition=_batch_definition(state.context, table),
        batch_parameters={"dataframe": df},
        result_format=result_format,
    )
    return validator.validate_expectation_suite(_suite(state, table, spec))


def _key(item: Any) -> tuple[str, str]:
    """An expectation's type and name: what matches a result of the screening pass to its full result."""
    if isinstance(item, Mapping):
        return str(item.get("type")), str((item.get("meta") or {}).get("name"))
    config = item.expectation_config
    return str(config.type), str((config.meta or {}).get("name"))


def _validate_table(state: _Gx, table: str, spec: dict[str, Any], df: pd.DataFrame) -> tuple[Any, dict]:
    """Screen the table (`SCREEN_FORMAT`), then run the failed expectations again with `RESULT_FORMAT`.

    Returns the screening result and the full results of the failed expectations by `_key`.
    """
    screened = _validate(state, table, spec, df, SCREEN_FORMAT)
    failed = {_key(item) for item in screened.results if not item.success}
    if not failed:
        return screened, {}
    subset = {**spec, "expectations": [item for item in spec["expectations"] if _key(item) in failed]}
    complete = _validate(state, table, subset, df, RESULT_FORMAT)
    return screened, {_key(item): item for item in complete.results}


def _plain(value: Any) -> Any:
    """Numpy scalars and tuples as plain JSON-able Python."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        try:
            return value.item()
        except (ValueError, TypeError):
            return value
    return value


def run_suites(
    frames: Mapping[str, pd.DataFrame],
    suites: Mapping[str, dict[str, Any]],
    *,
    keep_json: bool,
) -> list[SuiteRun]:
    """Validate each frame against the suite of the same name.

    `suites` holds GX suite dicts ({"name", "meta", "expectations": [{"type", "kwargs", "meta"}]}) whose
    parameters are already filled in. With `keep_json`, each run keeps GX's result as JSON (row lists left
    out) for the files of the validation folder.
    """
    with _LOCK:
        state = _gx()
        import pydantic
        from great_expectations.exceptions import GreatExpectationsError

        runs: list[SuiteRun] = []
        for table, df in frames.items():
            try:
                screened, complete = _validate_table(state, table, suites[table], df)
            except (GreatExpectationsError, pydantic.ValidationError, ValueError, TypeError) as e:
                raise GxRunError(f"Great Expectations could not validate the {table} table: {e}") from e
            runs.append(_suite_run(table, screened, complete, keep_json=keep_json))
        return runs


def _exception_message(info: Any) -> str | None:
    """The message of an error GX caught while evaluating an expectation (flat or keyed by metric)."""
    if not isinstance(info, Mapping) or not info:
        return None
    if "raised_exception" in info or "exception_message" in info:
        return str(info.get("exception_message")) if info.get("raised_exception", True) else None
    messages = [_exception_message(inner) for inner in info.values()]
    found = [m for m in messages if m]
    return "; ".join(dict.fromkeys(found)) if found else None


def _suite_run(
    table: str, screened: Any, complete: Mapping[tuple[str, str], Any], *, keep_json: bool
) -> SuiteRun:
    """A suite's validation result as plain records: each failed expectation's full result in place of its
    screening result."""
    items = [complete.get(_key(item), item) for item in screened.results]
    outcomes = []
    for item in items:
        config = item.expectation_config
        outcomes.append(
            ExpectationOutcome(
                suite=table,
                gx_type=config.type,
                kwargs=_plain(dict(config.kwargs)),
                meta=_plain(dict(config.meta or {})),
                success=bool(item.success),
                result=_plain(dict(item.result or {})),
                exception=_exception_message(item.exception_info),
            )
        )
    json_result: dict[str, Any] = {}
    if keep_json:
        json_result = screened.to_json_dict()
        json_result["results"] = [item.to_json_dict() for item in items]
        json_result = _without_row_lists(json_result)
    return SuiteRun(table, bool(screened.success), tuple(outcomes), json_result)


def _without_row_lists(result: dict[str, Any]) -> dict[str, Any]:
    """A suite result as JSON without the per-row lists of the COMPLETE format.

    >>> _without_row_lists({"results": [{"result": {"unexpected_count": 2, "unexpected_list": [1, 2]}}]})
    {'results': [{'result': {'unexpected_count': 2}}]}
    """
    for item in result.get("results") or []:
        inner = item.get("result")
        if isinstance(inner, dict):
            for key in _ROW_LISTS:
                inner.pop(key, None)
    return result
