"""The one runner: chunks of work items in, one result per chunk out, in this process or in workers.

Every command that processes many records goes through ``Runner.map``: ``dateline extract``
(in this process), ``batch`` (workers commit their chunks to part files), ``ingest`` (workers
return documents, this process writes the store), ``timeml`` (workers write the tagged files);
the Spark job runs the same per-record function (``work.run_item``) on its executors.

- Workers are started once (``spawn``) and build their ``Pipeline`` once (``_init_worker``); each
  runs a *chunk function* ``fn(ctx, k, items)``, a module-level function, on chunk ``k``.
- At most ``max_in_flight`` chunks are out at a time, so memory stays flat however long the input.
- ``ordered=True`` gives the results in input order (the store and the writers need it);
  ``ordered=False`` as they finish (the batch runner, which only counts them).
- Every worker gets the same str hash seed, so a stage that (wrongly) depended on set iteration
  order would still give the same output whichever worker runs a chunk, run after run.
- A worker whose driver dies (kill -9) notices within half a second and exits: no orphans.
"""
from __future__ import annotations

import itertools
import os
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from ..io.crawl import Item
from ..io.readers import ReadOptions
from ..pipeline import Pipeline
from ..settings import Settings
from .work import run_item, run_record

if TYPE_CHECKING:       # concurrent.futures and multiprocessing are imported when workers start: `dateline
    from concurrent.futures import ProcessPoolExecutor      # extract` runs in this process without them

WORKER_HASH_SEED = "0"
PARENT_CHECK_S = 0.5


class WorkerDied(RuntimeError):
    """A worker process died (killed, out of memory); the chunks it had are not done."""


@dataclass(frozen=True)
class Job:
    """What a worker builds once: the pipeline (``stages`` of ``settings``), the read options, and
    ``extra``, whatever the chunk function needs besides (the batch runner: output path and format)."""
    settings: Settings = field(default_factory=Settings)
    opts: ReadOptions = field(default_factory=ReadOptions)
    stages: tuple[str, ...] | None = None
    extra: tuple = ()


@dataclass
class Context:
    pipeline: Pipeline
    job: Job


def process(ctx: Context, k: int, items: Sequence[Item]) -> list:
    """The plain chunk function: each item -> a processed Document or a ``work.Failure``."""
    return [run_item(ctx.pipeline, it, ctx.job.opts) for it in items]


def process_records(ctx: Context, k: int, records: Sequence) -> list:
    """The same for records already read (Documents and InputErrors)."""
    return [run_record(ctx.pipeline, rec) for rec in records]


def chunks(items: Iterable[Any], size: int) -> Iterator[tuple[int, list]]:
    """(0, the first ``size`` items), (1, the next ``size``) ...; chunk numbers never move."""
    it = iter(items)
    for k in itertools.count():
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield k, chunk


# -- worker side --------------------------------------------------------------------------------------
_CTX: Context | None = None


def _watch_parent(parent: int) -> None:
    def loop():
        while True:
            if os.getppid() != parent:
                os._exit(70)            # the driver is gone: nobody will read what this worker makes
            time.sleep(PARENT_CHECK_S)
    threading.Thread(target=loop, name="dateline-parent-watch", daemon=True).start()


def _init_worker(job: Job, parent: int | None) -> None:
    global _CTX
    if parent is not None:
        _watch_parent(parent)
    _CTX = Context(Pipeline(job.stages, job.settings), job)


def _call(fn: Callable, k: int, items: Sequence) -> tuple[int, Any]:
    return k, fn(_CTX, k, items)


# -- driver side ----------------------------------------------------------------------------------
class Runner:
    """``workers=0`` runs everything in this process; the results are the same for any number."""

    def __init__(self, job: Job, workers: int = 0, max_in_flight: int | None = None):
        if workers < 0:
            raise ValueError(f"workers: expected 0 or more, found {workers}")
        self.job = job
        self.workers = workers
        self.limit = max(1, max_in_flight or 2 * max(workers, 1))
        self._pool: ProcessPoolExecutor | None = None
        self._ctx: Context | None = None
        self._saved_seed: str | None = None

    def __enter__(self) -> "Runner":
        return self

    def __exit__(self, exc_type, *exc) -> None:
        self.close(abort=exc_type is not None)

    def context(self) -> Context:
        """The in-process context (built on first use)."""
        if self._ctx is None:
            self._ctx = Context(Pipeline(self.job.stages, self.job.settings), self.job)
        return self._ctx

    def _start(self) -> ProcessPoolExecutor:
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context
        if self._pool is None:
            self._saved_seed = os.environ.get("PYTHONHASHSEED")
            os.environ["PYTHONHASHSEED"] = self._saved_seed or WORKER_HASH_SEED   # inherited by the workers
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=get_context("spawn"),
                                             initializer=_init_worker, initargs=(self.job, os.getpid()))
        return self._pool

    def close(self, abort: bool = False) -> None:
        """Stop the workers: after their current chunk, or at once (``abort``, on an error or Ctrl-C)."""
        if self._pool is not None:
            if abort:
                for proc in list((getattr(self._pool, "_processes", None) or {}).values()):
                    proc.terminate()
            self._pool.shutdown(wait=not abort, cancel_futures=True)
            self._pool = None
            if self._saved_seed is None:
                os.environ.pop("PYTHONHASHSEED", None)
            else:
                os.environ["PYTHONHASHSEED"] = self._saved_seed

    def map(self, fn: Callable[[Context, int, Sequence], Any], work: Iterable[tuple[int, Sequence]],
            ordered: bool = True) -> Iterator[tuple[int, Any]]:
        """``(k, fn(ctx, k, items))`` for each chunk ``(k, items)`` of ``work``."""
        if self.workers == 0:
            ctx = self.context()
            for k, items in work:
                yield k, fn(ctx, k, items)
            return
        from concurrent.futures.process import BrokenProcessPool
        pool = self._start()
        pending: deque = deque()
        try:
            for k, items in work:
                while len(pending) >= self.limit:
                    yield from _collect(pending, ordered)
                pending.append(pool.submit(_call, fn, k, items))
            while pending:
                yield from _collect(pending, ordered)
        except BrokenProcessPool as e:
            self._pool = None
            raise WorkerDied(f"a worker process died ({e})") from None


def _collect(pending: deque, ordered: bool) -> Iterator[tuple[int, Any]]:
    if ordered:
        yield pending.popleft().result()
        return
    from concurrent.futures import FIRST_COMPLETED, wait
    finished, _ = wait(pending, return_when=FIRST_COMPLETED)
    for fut in [f for f in pending if f in finished]:
        pending.remove(fut)
        yield fut.result()


def progress_bar(desc: str, total: int | None = None, mode: str = "on"):
    """A tqdm bar on standard error; ``mode`` on, off, or auto (on when standard error is a terminal)."""
    from tqdm import tqdm
    return tqdm(total=total, unit="doc", desc=desc, file=sys.stderr, smoothing=0.05, mininterval=0.5,
                dynamic_ncols=True, disable=True if mode == "off" else None if mode == "auto" else False)
