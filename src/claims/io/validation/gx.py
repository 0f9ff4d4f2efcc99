"""The only module that imports Great Expectations (GX Core 1.x).

One in-memory (ephemeral) data context per process, created on first use: a pandas data source with one
dataframe asset and batch definition per table, and for each table the suite read from expectations/
(parameters filled in), a validation definition and a checkpoint (registered again only when the suite
changes). GX's Data Docs are not built: the run's page is ours (`claims.io.validation.html`), since GX's
pages render table values as markup; the result JSON of each suite is kept for it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
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
    """The process-wide context and the fingerprint of each suite registered in it (re-registering a
    suite costs GX about a second, so it happens only when the suite's content changes)."""

    context: AbstractDataContext
    fingerprints: dict[str, str] = field(default_factory=dict)


@functools.cache
def _gx() -> _Gx:
    """The process-wide ephemeral context, analytics and progress bars off (GX import takes a few seconds)."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
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


def _checkpoint(state: _Gx, table: str, spec: dict[str, Any]) -> Any:
    """The checkpoint validating `table` against `spec` (registered again only when `spec` changed)."""
    import great_expectations as gx

    context = state.context
    fingerprint = hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode()).hexdigest()
    if state.fingerprints.get(table) != fingerprint:
        expectations = []
        for item in spec["expectations"]:
            meta = dict(item.get("meta", {}))
            expectations.append({**item, "meta": meta, "severity": meta.get("severity", "critical")})
        suite = context.suites.add_or_update(
            gx.ExpectationSuite(name=table, expectations=expectations, meta=dict(spec.get("meta", {})))
        )
        definition = context.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=table, data=_batch_definition(context, table), suite=suite)
        )
        context.checkpoints.add_or_update(
            gx.Checkpoint(name=table, validation_definitions=[definition], result_format=RESULT_FORMAT)
        )
        state.fingerprints[table] = fingerprint
    return context.checkpoints.get(table)


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
    import pydantic
    from great_expectations.exceptions import GreatExpectationsError

    with _LOCK:
        state = _gx()
        context = state.context
        runs: list[SuiteRun] = []
        keys: list[Any] = []
        try:
            for table, df in frames.items():
                try:
                    result = _checkpoint(state, table, suites[table]).run(batch_parameters={"dataframe": df})
                except (GreatExpectationsError, pydantic.ValidationError, ValueError, TypeError) as e:
                    state.fingerprints.pop(table, None)
                    raise GxRunError(f"Great Expectations could not validate the {table} table: {e}") from e
                runs.extend(_suite_runs(table, result, keep_json=keep_json, keys=keys))
        finally:
            # in-memory results would pile up in a long-lived process
            for key in keys:
                context.validation_results_store.remove_key(key)
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


def _suite_runs(table: str, result: Any, *, keep_json: bool, keys: list[Any]) -> list[SuiteRun]:
    """A checkpoint result as plain records; the store keys of its results are appended to `keys`."""
    runs = []
    for key, suite_result in result.run_results.items():
        outcomes = []
        for item in suite_result.results:
            config = item.expectation_config
            exception = _exception_message(item.exception_info)
            outcomes.append(
                ExpectationOutcome(
                    suite=table,
                    gx_type=config.type,
                    kwargs=_plain(dict(config.kwargs)),
                    meta=_plain(dict(config.meta or {})),
                    success=bool(item.success),
                    result=_plain(dict(item.result or {})),
                    exception=exception,
                )
            )
        json_result = _without_row_lists(suite_result.to_json_dict()) if keep_json else {}
        runs.append(SuiteRun(table, bool(suite_result.success), tuple(outcomes), json_result))
        keys.append(key)
    return runs


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
