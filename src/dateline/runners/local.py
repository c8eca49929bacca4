"""The batch runner (``dateline batch``): the one runner (``runners.pool``) with checkpoints.

- The reading process only *reads* (``io.crawl.iter_items``: lines, rows, WARC payloads); parsing,
  HTML extraction, the pipeline and serialization run in the workers of ``Runner``.
- Work goes out in chunks of ``chunk_size`` items, at most ``max_in_flight`` chunks at a time, so
  memory stays flat however large the corpus is.
- Each worker commits its chunk itself as numbered part files (``runners.checkpoint``); a re-run
  skips the chunks already committed, and ``finish`` concatenates the parts in order. A killed run
  therefore resumes without losing or duplicating a document, and its output is byte for byte the
  one of an uninterrupted run.
- A bad record becomes a line of ``OUT.errors.jsonl`` (where, id, code, reason); the run goes on.
"""
from __future__ import annotations

import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence

from .. import __version__
from ..errors import InputError
from ..io.crawl import Item, estimate_total, iter_items
from ..io.readers import ReadOptions, iter_paths
from ..io.writers import dumps
from ..model import Document
from ..pipeline import Pipeline
from ..settings import Settings
from .checkpoint import Checkpoint, ChunkStats, CheckpointMismatch  # noqa: F401  (re-exported)
from .pool import Context, Job, Runner, WorkerDied, chunks, process, progress_bar

FORMATS = ("jsonl", "parquet")
DEFAULT_CHUNK = 256


@dataclass(frozen=True)
class BatchResult:
    processed: int
    failed: int
    chars: int
    chunks: int
    resumed_chunks: int
    seconds: float
    skipped: int = 0

    @property
    def docs_per_s(self) -> float:
        return self.processed / self.seconds if self.seconds else 0.0


# -- worker side --------------------------------------------------------------------------------------
def serialize_chunk(results: Sequence, fmt: str) -> tuple[bytes, bytes, ChunkStats]:
    """Documents and failures -> (output bytes, error lines, counts); the output is JSONL or Parquet."""
    docs = [r for r in results if isinstance(r, Document)]
    bad = [r for r in results if not isinstance(r, Document)]
    errors = [r.line() for r in bad]
    skipped = sum(r.skipped for r in bad)
    stats = ChunkStats(len(docs), len(bad) - skipped, sum(len(d.text) for d in docs), skipped)
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


def _run_chunk(ctx: Context, chunk: int, items: Sequence[Item]) -> ChunkStats:
    """The chunk function of ``Runner.map``: process one chunk and commit its part files."""
    out_path, fmt = ctx.job.extra
    out, errors, stats = serialize_chunk(process(ctx, chunk, items), fmt)
    Checkpoint(Path(out_path), fmt).commit_chunk(chunk, out, errors, stats)
    return stats


# -- driver side ----------------------------------------------------------------------------------
def manifest_for(inputs: Sequence[str], fmt: str, chunk_size: int, opts: ReadOptions,
                 settings: Settings) -> dict:
    files = []
    for p in iter_paths(inputs):
        if isinstance(p, InputError):
            files.append([p.where, None, None])
        elif p == "-":
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
    bar = progress_bar("dateline batch", estimate_total(inputs) if progress else None,
                       "on" if progress else "off")

    def account(stats: ChunkStats) -> None:
        nonlocal total
        total = total + stats
        bar.update(stats.processed + stats.failed + stats.skipped)
        elapsed = max(time.perf_counter() - t0, 1e-9)
        bar.set_postfix(failed=total.failed, chars_s=f"{total.chars / elapsed:,.0f}", refresh=False)

    def todo():
        """The chunks still to run; chunks a killed run already committed are counted, not re-run."""
        nonlocal n_chunks, resumed
        for k, items in chunks(iter_items(inputs, opts), chunk_size):
            n_chunks = k + 1
            if k in done:
                resumed += 1
                account(done[k])
                continue
            yield k, items

    try:
        with Runner(Job(settings, opts, extra=(str(out), fmt)), workers, max_in_flight) as runner:
            for _, stats in runner.map(_run_chunk, todo(), ordered=False):
                account(stats)           # a worker failure (disk full...) stops the run
    except WorkerDied as e:
        raise RuntimeError(f"{e}; the chunks already done are kept in {ckpt.dir} and a re-run resumes "
                           "from there") from None
    finally:
        bar.close()
    ckpt.finish(n_chunks)
    return BatchResult(total.processed, total.failed, total.chars, n_chunks, resumed,
                       time.perf_counter() - t0, total.skipped)
