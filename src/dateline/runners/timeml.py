"""``dateline timeml``: the one runner (``runners.pool``) over TimeML / TempEval-3 input files.

Each worker tags the files of its chunks and writes ``OUT_DIR/<DOCID>.tml`` itself; a file that
cannot be read or tagged is a named failure, and the others are written.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..io.timeml import convert_file, input_files
from ..settings import Settings
from .pool import Context, Job, Runner, chunks
from .work import Failure, guarded

STAGES = ("segment", "timex_extract", "timex_anchor")


def _tag_files(ctx: Context, k: int, paths: Sequence[str]) -> list[Failure | str]:
    """The chunk function: each file -> its DOCID, or its failure."""
    out = Path(ctx.job.extra[0])
    return [guarded(path, lambda: convert_file(path, out, ctx.pipeline)) for path in paths]


def convert_dir(in_dir: str | Path, out_dir: str | Path, settings: Settings | None = None,
                jobs: int = 1) -> tuple[int, list[Failure]]:
    """Tag every TimeML input file in ``in_dir``; write ``out_dir/<DOCID>.tml``.

    ``jobs`` > 1 runs that many worker processes. Returns (files written, the failures in file order)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = [str(p) for p in input_files(in_dir)]
    workers = 0 if jobs <= 1 or len(files) <= 1 else min(jobs, len(files))
    job = Job(settings or Settings(), stages=STAGES, extra=(str(out),))
    with Runner(job, workers) as runner:
        runner.context()            # a bad configuration fails here, once
        results = [r for _, part in runner.map(_tag_files, chunks(files, 4), ordered=False) for r in part]
    errors = sorted((r for r in results if isinstance(r, Failure)), key=lambda f: f.where)
    return len(results) - len(errors), errors
