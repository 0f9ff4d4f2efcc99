"""Where the extraction tasks run, chosen from the settings.

- `claims run --dask tcp://HOST:8786`: Prefect's DaskTaskRunner connected to that scheduler; one `extract`
  task per batch of documents, spread over the cluster's workers.
- `claims run --workers N` (N > 1): the same, on a temporary local Dask cluster of N single-threaded worker
  processes (started for the extraction stage, closed after it).
- neither (or `--workers 1`): in this process, one task over every document, spaCy's own `n_process`
  (default: the machine's cores; fewer for a small batch, see `processes_for`).

A flow's task runner is fixed when the flow starts, so the extraction stage enters its own runner and
submits the batch tasks to it from inside the running `claims_pipeline` flow (what `task.submit` does with
the flow's runner). Documents travel as task arguments, never as flow parameters: Prefect stores flow
parameters in its database, and a corpus does not belong there.

A local one-shot run (`claims run` with no PREFECT_API_URL) reports to Prefect's own API app served on a
thread of this process (`local_api`), not to the temporary server Prefect would start in a subprocess: the
flow stays a Prefect flow (its flow run, task runs, states, logs and artifacts go to the same database under
PREFECT_HOME), without a second interpreter importing the server again and without a server process to
stop (or to leave behind) when the run ends.

Every worker process loads the spaCy pipeline once (`cached_nlp`) and keeps it for the following batches.
At most `2 x workers` batches are in flight and results come back in document order (`iter_extraction`
takes a lazy iterable of documents, so a caller that loads documents one at a time and stores each
batch's claims holds a bounded amount of text and claims, whatever the corpus size).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import ipaddress
import logging
import math
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Generic, TypeVar, cast
from urllib.parse import urlparse

from prefect import Task
from prefect.futures import PrefectFuture
from prefect.task_runners import TaskRunner

from claims.errors import ConfigurationError
from claims.io.frames import ClaimRecords
from claims.pipeline import progress
from claims.reconcile import ReconcileCache
from claims.report.tables import LayoutCache
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
        cluster_kwargs={
            "n_workers": settings.workers,
            "threads_per_worker": 1,
            "processes": True,
            "dashboard_address": ":0",
        },
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
    return [list(documents[i : i + size]) for i in range(0, len(documents), size)]


@functools.lru_cache(maxsize=2)
def cached_nlp(settings: Settings) -> Any:
    """The spaCy pipeline for these settings, built once per process (each Dask worker keeps its own)."""
    from claims.nlp.pipeline import build_nlp

    logger.info("loading spaCy pipeline %s", settings.spacy_model)
    return build_nlp(settings)


class _Pipelines:
    """The settings of the latest pipeline a run of this process asked for (`pipeline_for`), and the
    pipelines that have extracted in this process already."""

    latest: Settings | None = None
    warmed: deque[Any] = deque(maxlen=2)  # as many as `cached_nlp` keeps


WARM_UP_TEXT = "The council spent $4 million on 12 new buses in 2023, up 5% from 2022.\n"
"""A short text of our own that `warm_extraction` extracts: a figure of each kind the extractor reads."""


def pipeline_for(settings: Settings) -> Any:
    """`cached_nlp(settings)`, noted as the pipeline this process's runs use (`warm_extraction`)."""
    _Pipelines.latest = settings
    return cached_nlp(settings)


def warm_extraction() -> bool:
    """Extract `WARM_UP_TEXT` here with the pipeline the latest run used, once per pipeline; True when it
    did. The first extraction in a process pays spaCy's and the extractor's first-call costs (about 0.7 s
    on a 2-core machine, more than the extraction of a news page); a run that extracted its documents in
    worker processes left them unpaid here. Serving calls it between runs (`claims serve --warm`), so the
    first run that extracts in this process (one new document) does not wait for them."""
    settings = _Pipelines.latest
    if settings is None:
        return False
    nlp = cached_nlp(settings)
    if any(kept is nlp for kept in _Pipelines.warmed):
        return False
    from claims.extract.documents import extract_within_budget

    sample = Document(doc="warm-up.txt", text=WARM_UP_TEXT, sha256="warm-up")
    list(extract_within_budget([sample], nlp, settings))
    _Pipelines.warmed.append(nlp)
    return True


_T = TypeVar("_T")


class _KeptPerProcess(Generic[_T]):
    """One object per process that the flow runs inside `keeping()` share, and that `current()` gives them
    (None outside the block: a one-shot run holds nothing, its cache would only add to its memory)."""

    def __init__(self, name: str, make: Callable[[], _T]) -> None:
        self._current: contextvars.ContextVar[_T | None] = contextvars.ContextVar(name, default=None)
        self._make = functools.cache(make)

    @contextlib.contextmanager
    def keeping(self) -> Iterator[_T]:
        kept = self._make()
        token = self._current.set(kept)
        try:
            yield kept
        finally:
            self._current.reset(token)

    def current(self) -> _T | None:
        return self._current.get()

    def kept(self) -> _T:
        """The object of this process (made now if no run has made it yet)."""
        return self._make()


_RECONCILIATION = _KeptPerProcess("claims_reconcile_cache", ReconcileCache)
_RECORDS = _KeptPerProcess("claims_claim_records", ClaimRecords)
_LAYOUTS = _KeptPerProcess("claims_layout_cache", LayoutCache)


@contextlib.contextmanager
def keeping_reconciliation() -> Iterator[ReconcileCache]:
    """Flow runs inside the block keep what their reconciliation computed for the next ones, in this
    process (`claims.reconcile.ReconcileCache`, and the claim records of each stored document,
    `claims.io.frames.ClaimRecords`): `claims serve --warm` runs every run in its own process, so the next
    run converts and normalises only new or changed claims. A one-shot run holds nothing."""
    with _RECONCILIATION.keeping() as kept, _RECORDS.keeping():
        yield kept


def reconcile_cache() -> ReconcileCache | None:
    """The cache of `keeping_reconciliation` when a run is inside it, else None."""
    return _RECONCILIATION.current()


def claim_records() -> ClaimRecords | None:
    """The claim records of `keeping_reconciliation` when a run is inside it, else None."""
    return _RECORDS.current()


def keeping_layouts() -> contextlib.AbstractContextManager[LayoutCache]:
    """Flow runs inside the block keep the layouts their reports segmented (a table cell's headers are
    read from its document's layout) for the next ones, in this process: `claims serve --warm` segments
    only the texts it has not segmented for the last set. A one-shot run holds nothing."""
    return _LAYOUTS.keeping()


def layout_cache() -> LayoutCache | None:
    """The cache of `keeping_layouts` when a run is inside it, else None."""
    return _LAYOUTS.current()


class ValidationWorker(Executor):
    """A process of its own that checks the documents and claims tables (`pipeline.validate_ahead`) while
    the serving process reconciles the findings, so a machine's second core does most of a run's validation
    in the time reconciliation takes. Started when serving starts (`start_validation_worker`), else by the
    first run that asks for it, it imports Great Expectations and builds its context once; a worker that
    died is started again by the next run. It stops with the serving process (a killed one takes it along:
    its process group, and a worker whose parent is gone finds its pipe closed)."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the worker process now (it imports Great Expectations while nothing waits for it)."""
        with self._lock:
            self._running()

    def submit(self, fn: Callable[..., _T], /, *args: Any, **kwargs: Any) -> Future[_T]:  # type: ignore[override]
        with self._lock:
            try:
                return self._running().submit(fn, *args, **kwargs)
            except BrokenProcessPool:  # the worker died since the last run: start another
                logger.warning("the validation worker had stopped; starting another")
                self._stop_pool(wait=False, cancel_futures=True)
                return self._running().submit(fn, *args, **kwargs)

    def _running(self) -> ProcessPoolExecutor:
        """The worker's pool, started (Great Expectations imported there first) when there is none; the
        caller holds the lock."""
        if self._pool is None:
            import multiprocessing

            from claims.io.validation.gx import warm_up

            # spawn: this process runs threads (Prefect's), which a fork would copy half-way
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            self._pool.submit(warm_up)  # the first check waits behind the import
        return self._pool

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._lock:
            self._stop_pool(wait=wait, cancel_futures=cancel_futures)

    def _stop_pool(self, *, wait: bool, cancel_futures: bool) -> None:
        """Stop the pool, if one runs; the caller holds the lock."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=wait, cancel_futures=cancel_futures)


_VALIDATION = _KeptPerProcess("claims_validation_worker", ValidationWorker)


def keeping_validation_worker() -> contextlib.AbstractContextManager[ValidationWorker]:
    """Flow runs inside the block check the documents and claims tables on a worker process of their own
    while they reconcile (`ValidationWorker`), kept from one run to the next: `claims serve --warm`. A
    one-shot run has none (starting one would cost it more than it saves)."""
    return _VALIDATION.keeping()


def validation_worker() -> ValidationWorker | None:
    """The worker of `keeping_validation_worker` when a run is inside it, else None."""
    return _VALIDATION.current()


def start_validation_worker() -> None:
    """Start the worker process of `keeping_validation_worker` now (serving starts: the first run then
    finds Great Expectations imported there)."""
    _VALIDATION.kept().start()


def stop_validation_worker() -> None:
    """Stop the worker process of `keeping_validation_worker`, if one was started (serving ends)."""
    _VALIDATION.kept().shutdown(wait=True, cancel_futures=True)


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
    if (
        settings.dask_address
        and not _is_local(urlparse(settings.dask_address).hostname)
        and _is_local(urlparse(url).hostname)
    ):
        raise ConfigurationError(
            f"the Dask cluster at {settings.dask_address} cannot report to this run's local Prefect API "
            f"({url}); start a Prefect server its workers can reach (`prefect server start --host 0.0.0.0`) "
            "and `export PREFECT_API_URL=http://THIS_HOST:4200/api` before `claims run --dask ...`",
            dask_address=settings.dask_address,
            api_url=url,
        )
    with temporary_settings(updates={PREFECT_API_URL: url}):
        yield


@contextlib.contextmanager
def local_api() -> Iterator[str]:
    """The Prefect API this process's flow runs report to, for the duration of the block: its URL.

    With PREFECT_API_URL set (a `prefect server`, the test harness), that API. Without it, Prefect's own API
    app (`prefect.server.api.server.create_app(ephemeral=True)`, what Prefect's temporary server runs: no UI,
    no background services, the database under PREFECT_HOME migrated on start) served by uvicorn on a
    thread of this process, on a free port of 127.0.0.1, and PREFECT_API_URL pointing at it inside the
    block. The flow engine, task runs, events (WebSockets) and Dask workers of a local cluster use it as
    they would use a server; the thread stops when the block ends, however it ends.

    Flow-run heartbeats are off inside the block when the API is served here: they exist for a server's
    crashed-run detection, which this API (no services, gone when the run ends) does not run, and a flow
    run's end waits up to a second for the heartbeat thread to notice. The API does not register block
    types on start (nor import every installed Prefect collection to find them): a run stores no blocks,
    and a `prefect server` (`claims serve`) registers them in the same database when it starts.

    Why not Prefect's in-memory client (`PrefectClient(api=app)`): the synchronous client a synchronous
    flow runs with cannot serve an ASGI app in process, and events need WebSockets.
    """
    from prefect.settings import (
        PREFECT_API_BLOCKS_REGISTER_ON_START,
        PREFECT_API_URL,
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
        PREFECT_MEMOIZE_BLOCK_AUTO_REGISTRATION,
        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS,
        temporary_settings,
    )

    configured = PREFECT_API_URL.value()
    if configured:
        yield str(configured)
        return
    import uvicorn
    from prefect.server.api.server import create_app

    app = create_app(ephemeral=True, final=True)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))  # the port is ours from here on: no race with another process
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="error", lifespan="on", timeout_graceful_shutdown=5)
    )
    no_blocks = {PREFECT_API_BLOCKS_REGISTER_ON_START: False, PREFECT_MEMOIZE_BLOCK_AUTO_REGISTRATION: False}
    with temporary_settings(updates=no_blocks):  # seen by the server's thread (its start-up), not by the run
        serving = contextvars.copy_context()
    thread = threading.Thread(
        target=serving.run, args=(server.run,), kwargs={"sockets": [sock]}, name="prefect-api", daemon=True
    )
    thread.start()
    timeout = float(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value())
    deadline = time.monotonic() + timeout
    try:
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise ConfigurationError(
                    f"the local Prefect API did not start within {timeout:.0f} s "
                    "(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS); see the log above, or set "
                    "PREFECT_API_URL to a running `prefect server`",
                    timeout=timeout,
                )
            time.sleep(0.02)
        url = f"http://127.0.0.1:{port}/api"
        logger.info("Prefect API served in this process at %s", url)
        with temporary_settings(updates={PREFECT_API_URL: url, PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            yield url
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


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


def run_extraction(
    extract: Callable[..., Any], documents: Sequence[Document], settings: Settings
) -> Extracted:
    """Claims per document name, in document order, wherever the settings say extraction runs.

    `extract` is the pipeline's `extract_task`: called directly in-process, else submitted per batch.
    """
    merged: Extracted = {}
    for _, extracted in iter_extraction(extract, documents, settings):
        merged.update(extracted)
    return merged


def iter_extraction(
    extract: Callable[..., Any],
    documents: Iterable[Document],
    settings: Settings,
    *,
    total: int | None = None,
) -> Iterator[tuple[list[Document], Extracted]]:
    """(batch, claims per document of the batch), batch after batch in input order.

    Documents are pulled from `documents` only as batches go out: given a lazy iterable (documents loaded
    one at a time), the driver holds at most `2 x workers` batches of documents and their claims, whatever
    the corpus size. In-process, a batch is `16 x batch_size` documents streamed through one `nlp.pipe`.
    `total` (the documents to extract, when known) is what the progress display counts towards.
    """
    runner = task_runner_for(settings)
    if runner is None:
        done = 0
        for batch in chunked(documents, settings.batch_size * 16):
            n_process = processes_for(batch, settings)
            yield batch, extract(batch, settings, n_process=n_process, offset=done, total=total)
            done += len(batch)
        return
    with workers_reach_this_api(settings), runner:
        slots = _slots(runner, settings)
        if isinstance(documents, Sequence):
            batches: Iterable[list[Document]] = plan_batches(
                documents, batch_size=settings.batch_size, slots=slots
            )
            total = len(documents)
        else:
            batches = chunked(documents, settings.batch_size)
        logger.info("extracting on %d Dask workers (%s)", slots, settings.dask_address or "local cluster")
        yield from submit_in_order(runner, extract, batches, settings, window=2 * slots, total=total)


CHARS_PER_PROCESS = 100_000
"""The text that makes another spaCy process worth starting: below it, starting a worker and sending its
parsed chunks back costs more than it saves (one 30,000-character document extracts faster in one process
than in two)."""


def processes_for(batch: Sequence[Document], settings: Settings) -> int:
    """spaCy processes for one in-process batch: `settings.workers`, or fewer for a small batch (one per
    `CHARS_PER_PROCESS` characters of text, at least one).

    >>> small = [Document(doc="a.txt", text="x" * 30_000, sha256="")]
    >>> large = [Document(doc=f"{i}.txt", text="x" * 60_000, sha256="") for i in range(5)]
    >>> processes_for(small, Settings(workers=2)), processes_for(large, Settings(workers=2))
    (1, 2)
    """
    characters = sum(len(document.text) for document in batch)
    return max(1, min(settings.workers, characters // CHARS_PER_PROCESS))


def chunked(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive batches of `size` documents (the last one shorter), pulled lazily from `items`.

    >>> [len(b) for b in chunked((Document(doc=f"{i}.txt", text="x", sha256="") for i in range(5)), 2)]
    [2, 2, 1]
    """
    batch: list[Document] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def submit_in_order(
    runner: TaskRunner[Any],
    extract: Callable[..., Any],
    batches: Iterable[list[Document]],
    settings: Settings,
    *,
    window: int,
    total: int | None,
) -> Iterator[tuple[list[Document], Extracted]]:
    """Submit one task per batch, at most `window` in flight; yield results in submission order."""
    in_flight: deque[tuple[list[Document], PrefectFuture[Any]]] = deque()
    done = 0

    def oldest() -> tuple[list[Document], Extracted]:
        nonlocal done
        batch, future = in_flight.popleft()
        extracted = future.result()
        done += len(batch)
        progress.advanced("extract", done, total, batch[-1].doc)
        return batch, extracted

    for batch in batches:
        if len(in_flight) >= window:
            yield oldest()
        parameters = {"documents": batch, "settings": settings, "n_process": 1}
        task = cast("Task[..., Extracted]", extract)  # the flow's extract_task
        in_flight.append((batch, runner.submit(task, parameters=parameters)))
    while in_flight:
        yield oldest()
