"""Where the extraction tasks run, chosen from the settings.

- `claims run --dask tcp://HOST:8786`: Prefect's DaskTaskRunner connected to that scheduler; one `extract`
  task per batch of documents, spread over the cluster's workers.
- `claims run --workers N` (N > 1): the same, on a temporary local Dask cluster of N single-threaded worker
  processes (started for the extraction stage, closed after it).
- neither (or `--workers 1`): in this process, one task over every document, spaCy's own `n_process`
  (default: the machine's cores).

A flow's task runner is fixed when the flow starts, so the extraction stage enters its own runner and
submits the batch tasks to it from inside the running `claims_pipeline` flow (what `task.submit` does with
the flow's runner). Documents travel as task arguments, never as flow parameters: Prefect stores flow
parameters in its database, and a corpus does not belong there.

Every worker process loads the spaCy pipeline once (`cached_nlp`) and keeps it for the following batches.
At most `2 x workers` batches are in flight, so the driver never ships the whole corpus at once.
"""

from __future__ import annotations

import contextlib
import functools
import ipaddress
import logging
import math
import socket
from collections.abc import Callable, Iterator, Sequence
from typing import Any
from urllib.parse import urlparse

from prefect.futures import PrefectFuture, as_completed
from prefect.task_runners import TaskRunner

from claims.errors import ClaimsError
from claims.settings import Settings
from claims.types import Claim, Document

logger = logging.getLogger(__name__)

Extracted = dict[str, list[Claim]]


def uses_dask(settings: Settings) -> bool:
    """True for `--dask ADDRESS` and for an explicit `--workers N` above 1 (a local Dask cluster).

    The default worker count (all cores, not asked for) runs in-process with spaCy's `n_process`.

    >>> uses_dask(Settings(workers=4)), uses_dask(Settings(workers=1)), uses_dask(Settings())
    (True, False, False)
    >>> uses_dask(Settings(dask_address="tcp://10.0.0.5:8786"))
    True
    """
    if settings.dask_address:
        return True
    return "workers" in settings.model_fields_set and settings.workers > 1


def task_runner_for(settings: Settings) -> TaskRunner[Any] | None:
    """A DaskTaskRunner for the cluster the settings ask for, or None to extract in this process."""
    if not uses_dask(settings):
        return None
    from prefect_dask import DaskTaskRunner

    if settings.dask_address:
        return DaskTaskRunner(address=settings.dask_address)
    return DaskTaskRunner(
        cluster_class="distributed.LocalCluster",
        cluster_kwargs={"n_workers": settings.workers, "threads_per_worker": 1, "processes": True,
                        "dashboard_address": ":0"},
    )


def plan_batches(documents: Sequence[Document], *, batch_size: int, slots: int) -> list[list[Document]]:
    """Consecutive batches of at most `batch_size` documents, and at least one batch per slot when there are
    enough documents (a small corpus still uses every worker).

    >>> docs = [Document(doc=f"{i}.txt", text="x", sha256="") for i in range(5)]
    >>> [len(b) for b in plan_batches(docs, batch_size=16, slots=2)]
    [3, 2]
    >>> [len(b) for b in plan_batches(docs, batch_size=2, slots=1)]
    [2, 2, 1]
    >>> plan_batches([], batch_size=16, slots=2)
    []
    """
    if not documents:
        return []
    size = max(1, min(batch_size, math.ceil(len(documents) / max(1, slots))))
    return [list(documents[i:i + size]) for i in range(0, len(documents), size)]


@functools.lru_cache(maxsize=2)
def cached_nlp(settings: Settings) -> Any:
    """The spaCy pipeline for these settings, built once per process (each Dask worker keeps its own)."""
    from claims.nlp.pipeline import build_nlp

    logger.info("loading spaCy pipeline %s", settings.spacy_model)
    return build_nlp(settings)


@contextlib.contextmanager
def workers_reach_this_api(settings: Settings) -> Iterator[None]:
    """Point the Dask workers at the Prefect API this flow run reports to.

    Each batch task reports its state to a Prefect API from the worker that runs it, with the settings the
    task runner serializes from this process. With PREFECT_API_URL set (a `prefect server`, or the test
    harness) that is already the right one. Without it, `claims run` uses an ephemeral API server that this
    process started on 127.0.0.1: its URL is handed to the workers for the extraction stage, or every
    worker would start a server of its own. A cluster on other hosts cannot reach 127.0.0.1: that case
    stops here with what to do, instead of timing out in every task.
    """
    from prefect.context import FlowRunContext
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if PREFECT_API_URL.value():
        yield
        return
    context = FlowRunContext.get()
    if context is None or context.client is None:
        yield
        return
    url = str(context.client.api_url)
    if settings.dask_address and not _is_local(urlparse(settings.dask_address).hostname) \
            and _is_local(urlparse(url).hostname):
        raise ClaimsError(
            f"the Dask cluster at {settings.dask_address} cannot report to this run's local Prefect API "
            f"({url}); start a Prefect server its workers can reach (`prefect server start --host 0.0.0.0`) "
            "and `export PREFECT_API_URL=http://THIS_HOST:4200/api` before `claims run --dask ...`",
            dask_address=settings.dask_address, api_url=url)
    with temporary_settings(updates={PREFECT_API_URL: url}):
        yield


def _is_local(host: str | None) -> bool:
    """True for loopback names and addresses, and for this machine's own name and addresses.

    >>> _is_local("127.0.0.1"), _is_local("localhost"), _is_local("192.0.2.44")
    (True, True, False)
    """
    if not host or host in {"localhost", "0.0.0.0", socket.gethostname(), socket.getfqdn()}:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback or host in _own_addresses()
    except ValueError:  # a host name: compare what it resolves to
        try:
            return socket.gethostbyname(host) in {"127.0.0.1", *_own_addresses()}
        except OSError:
            return False


@functools.lru_cache(maxsize=1)
def _own_addresses() -> frozenset[str]:
    import psutil

    return frozenset(a.address for addrs in psutil.net_if_addrs().values() for a in addrs)


def _slots(runner: TaskRunner[Any], settings: Settings) -> int:
    """Worker threads of the cluster the runner is connected to (for batching and the in-flight window)."""
    try:
        workers = runner.client.scheduler_info(n_workers=-1)["workers"]  # type: ignore[attr-defined]
    except (AttributeError, KeyError, TypeError, OSError) as e:
        logger.debug("cannot ask the scheduler for its workers (%s); assuming %d", e, settings.workers)
        return max(1, settings.workers)
    return max(1, sum(int(w.get("nthreads", 1)) for w in workers.values()))


def run_extraction(extract: Callable[..., Any], documents: Sequence[Document],
                   settings: Settings) -> Extracted:
    """Claims per document name, in document order, wherever the settings say extraction runs.

    `extract` is the pipeline's `extract_task`: called directly in-process, else submitted per batch.
    """
    if not documents:
        return {}
    runner = task_runner_for(settings)
    if runner is None:
        return extract(list(documents), settings, n_process=settings.workers)
    with workers_reach_this_api(settings), runner:
        slots = _slots(runner, settings)
        batches = plan_batches(documents, batch_size=settings.batch_size, slots=slots)
        logger.info("extracting %d documents in %d batches on %d Dask workers (%s)", len(documents),
                    len(batches), slots, settings.dask_address or "local cluster")
        results = _submit_bounded(runner, extract, batches, settings, window=2 * slots)
    merged: Extracted = {}
    for i in range(len(batches)):
        merged.update(results[i])
    return merged


def _submit_bounded(runner: TaskRunner[Any], extract: Callable[..., Any], batches: list[list[Document]],
                    settings: Settings, *, window: int) -> dict[int, Extracted]:
    """Submit batch tasks, keeping at most `window` in flight; results by batch index."""
    results: dict[int, Extracted] = {}
    in_flight: dict[PrefectFuture[Any], int] = {}
    total = sum(len(b) for b in batches)
    done_docs = 0

    def collect_one() -> None:
        nonlocal done_docs
        future = next(as_completed(list(in_flight)))
        index = in_flight.pop(future)
        results[index] = future.result()
        done_docs += len(batches[index])
        logger.info("extracted batch %d/%d", len(results), len(batches),
                    extra={"claims_progress": (done_docs, total, batches[index][-1].doc)})

    for index, batch in enumerate(batches):
        if len(in_flight) >= window:
            collect_one()
        future = runner.submit(extract, parameters={"documents": batch, "settings": settings, "n_process": 1})
        in_flight[future] = index
    while in_flight:
        collect_one()
    return results
