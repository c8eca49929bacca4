"""The local batch runner: a process pool over input chunks, streaming, resumable.

- The reading process only *reads* (``io.crawl.iter_items``: lines, rows, WARC payloads); parsing,
  HTML extraction, the pipeline and serialization run in the workers, which are started once and
  build their ``Pipeline`` once (``_init_worker``).
- Work goes out in chunks of ``chunk_size`` items, at most ``max_in_flight`` chunks at a time, so
  memory stays flat however large the corpus is.
- Each worker commits its chunk itself as numbered part files (``runners.checkpoint``); a re-run
  skips the chunks already committed, and ``finish`` concatenates the parts in order. A killed run
  therefore resumes without losing or duplicating a document, and its output is byte for byte the
  one of an uninterrupted run.
- A bad record becomes a line of ``OUT.errors.jsonl`` (where, id, code, reason); the run goes on.
"""
from __future__ import annotations

import itertools
import os
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Iterable, Sequence

from .. import __version__
from ..io.crawl import Item, estimate_total, iter_items
from ..io.readers import ReadOptions, iter_paths
from ..io.writers import dumps
from ..model import Document
from ..pipeline import Pipeline
from ..settings import Settings
from .checkpoint import Checkpoint, ChunkStats, CheckpointMismatch  # noqa: F401  (re-exported)
from .work import error_line, run_items

FORMATS = ("jsonl", "parquet")
DEFAULT_CHUNK = 256
# Every worker gets the same str hash seed, so that a stage that (wrongly) depends on set or dict-of-set
# iteration order still gives the same output whichever worker runs a chunk, run after run.
WORKER_HASH_SEED = "0"


@dataclass(frozen=True)
class BatchResult:
    processed: int
    failed: int
    chars: int
    chunks: int
    resumed_chunks: int
    seconds: float

    @property
    def docs_per_s(self) -> float:
        return self.processed / self.seconds if self.seconds else 0.0


# -- worker side --------------------------------------------------------------------------------------
_WORKER: tuple | None = None      # (pipeline, opts, checkpoint), built once per worker process


def _init_worker(settings: Settings, opts: ReadOptions, out: str, fmt: str) -> None:
    global _WORKER
    _WORKER = (Pipeline(settings=settings), opts, Checkpoint(Path(out), fmt))


def process_chunk(pipeline: Pipeline, items: Sequence[Item], opts: ReadOptions, fmt: str
                  ) -> tuple[bytes, bytes, ChunkStats]:
    """Items -> (output bytes, error lines, counts); the output is JSONL or a Parquet file."""
    docs: list[Document] = []
    errors: list[str] = []
    for res in run_items(pipeline, items, opts):
        if isinstance(res, Document):
            docs.append(res)
        else:
            errors.append(error_line(res))
    stats = ChunkStats(len(docs), len(errors), sum(len(d.text) for d in docs))
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq
        from ..io.parquet_out import COMPRESSION, table_from_docs
        sink = pa.BufferOutputStream()
        pq.write_table(table_from_docs(docs), sink, compression=COMPRESSION)
        out = sink.getvalue().to_pybytes()
    else:
        out = "".join(dumps(d) + "\n" for d in docs).encode("utf-8")
    return out, "".join(errors).encode("utf-8"), stats


def _run_chunk(chunk: int, items: Sequence[Item]) -> tuple[int, ChunkStats]:
    pipeline, opts, ckpt = _WORKER
    out, errors, stats = process_chunk(pipeline, items, opts, ckpt.fmt)
    ckpt.commit_chunk(chunk, out, errors, stats)
    return chunk, stats


# -- driver side ----------------------------------------------------------------------------------
def manifest_for(inputs: Sequence[str], fmt: str, chunk_size: int, opts: ReadOptions,
                 settings: Settings) -> dict:
    files = []
    for p in iter_paths(inputs):
        if p == "-":
            files.append(["-", None, None])
        else:
            try:
                st = p.stat()
                files.append([str(p.resolve()), st.st_size, st.st_mtime_ns])
            except OSError:
                files.append([str(p), None, None])
    return {"runner": "dateline.batch", "dateline": __version__, "format": fmt, "chunk_size": chunk_size,
            "inputs": files, "read_options": asdict(opts),
            "settings": {k: list(v) if isinstance(v, tuple) else v for k, v in vars(settings).items()}}


def _chunks(items: Iterable[Item], size: int):
    it = iter(items)
    for k in itertools.count():
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield k, chunk


def _progress(total: int | None, enabled: bool):
    from tqdm import tqdm
    return tqdm(total=total, unit="doc", desc="dateline batch", file=sys.stderr, disable=not enabled,
                smoothing=0.05, mininterval=0.5, dynamic_ncols=True)


def run_batch(inputs: Sequence[str], out: str | Path, *, fmt: str = "jsonl", workers: int | None = None,
              chunk_size: int = DEFAULT_CHUNK, settings: Settings | None = None,
              opts: ReadOptions | None = None, restart: bool = False, progress: bool = False,
              max_in_flight: int | None = None) -> BatchResult:
    """Process every input into ``out`` (JSONL or Parquet) and ``out.errors.jsonl``.

    ``workers=0`` runs in this process (no pool); the output is the same for any number of workers.
    Raises ``CheckpointMismatch`` if ``out.parts/`` holds an unfinished run with other options.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format: expected one of {FORMATS}, found {fmt!r}")
    if chunk_size < 1:
        raise ValueError(f"chunk_size: expected a positive number, found {chunk_size}")
    settings = settings or Settings()
    opts = opts or ReadOptions()
    workers = (os.cpu_count() or 1) if workers is None else workers
    out = Path(out)
    Pipeline(settings=settings)      # fail fast here (bad settings or resources), not in every worker
    t0 = time.perf_counter()
    ckpt = Checkpoint(out, fmt)
    done = ckpt.open(manifest_for(inputs, fmt, chunk_size, opts, settings), restart=restart)
    total = ChunkStats()
    n_chunks = resumed = 0
    bar = _progress(estimate_total(inputs) if progress else None, progress)
    saved_seed = os.environ.get("PYTHONHASHSEED")

    def account(stats: ChunkStats) -> None:
        nonlocal total
        total = total + stats
        bar.update(stats.processed + stats.failed)
        elapsed = max(time.perf_counter() - t0, 1e-9)
        bar.set_postfix(failed=total.failed, chars_s=f"{total.chars / elapsed:,.0f}", refresh=False)

    def todo():
        """The chunks still to run; chunks a killed run already committed are counted, not re-run."""
        nonlocal n_chunks, resumed
        for k, items in _chunks(iter_items(inputs, opts), chunk_size):
            n_chunks = k + 1
            if k in done:
                resumed += 1
                account(done[k])
                continue
            yield k, items

    try:
        if workers == 0:
            _init_worker(settings, opts, str(out), fmt)
            for k, items in todo():
                account(_run_chunk(k, items)[1])
        else:
            limit = max_in_flight or 2 * workers
            os.environ["PYTHONHASHSEED"] = saved_seed or WORKER_HASH_SEED   # inherited by spawned workers
            with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"),
                                     initializer=_init_worker,
                                     initargs=(settings, opts, str(out), fmt)) as pool:
                pending: set = set()

                def drain(block_until: int) -> None:
                    nonlocal pending
                    while len(pending) > block_until:
                        finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                        for fut in finished:
                            account(fut.result()[1])    # a worker failure (disk full...) stops the run

                for k, items in todo():
                    drain(limit - 1)
                    pending.add(pool.submit(_run_chunk, k, items))
                drain(0)
    except BrokenProcessPool as e:
        raise RuntimeError(f"a worker process died ({e}); the chunks already done are kept in "
                           f"{ckpt.dir} and a re-run resumes from there") from None
    finally:
        bar.close()
        if workers:
            if saved_seed is None:
                os.environ.pop("PYTHONHASHSEED", None)
            else:
                os.environ["PYTHONHASHSEED"] = saved_seed
    ckpt.finish(n_chunks)
    return BatchResult(total.processed, total.failed, total.chars, n_chunks, resumed,
                       time.perf_counter() - t0)
