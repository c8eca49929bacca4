"""Checkpoints for resumable batch runs: numbered part files committed atomically by rename.

A run writing ``OUT`` keeps its work in ``OUT.parts/``:

- ``manifest.json``: what the run is (inputs with size and mtime, chunk size, format, read options,
  settings, dateline version). A re-run with a different manifest refuses to mix the two
  (``--restart`` discards the old parts).
- for each completed input chunk *k* (chunk *k* = work items ``[k*size, (k+1)*size)`` of the input
  stream, so chunk boundaries never move): ``part-0000k.<fmt>`` (its documents, in input order),
  ``part-0000k.errors.jsonl`` (its error records) and, committed last, ``part-0000k.done`` (counts).
  Each file is written under a temporary name and renamed into place, so ``.done`` existing means
  the whole chunk is on disk; a chunk cut off by a kill has no ``.done`` and is simply redone.

``finish`` concatenates the parts in chunk order into ``OUT`` and ``OUT.errors.jsonl`` (again via a
temporary file and a rename), then removes ``OUT.parts/``. The result is byte for byte the output
of an uninterrupted run, however many times the run was killed and resumed.
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"


class CheckpointMismatch(Exception):
    pass


@dataclass(frozen=True)
class ChunkStats:
    processed: int = 0
    failed: int = 0
    chars: int = 0
    skipped: int = 0           # records with nothing to process (reported in the errors file, not failed)

    def __add__(self, other: "ChunkStats") -> "ChunkStats":
        return ChunkStats(self.processed + other.processed, self.failed + other.failed, self.chars + other.chars,
                          self.skipped + other.skipped)


def atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def part_name(chunk: int, suffix: str) -> str:
    return f"part-{chunk:06d}.{suffix}"


def errors_path(out: Path) -> Path:
    return out.with_name(out.name + ".errors.jsonl")


class Checkpoint:
    def __init__(self, out: Path, fmt: str):
        self.out = Path(out)
        self.fmt = fmt
        self.dir = self.out.with_name(self.out.name + ".parts")

    # -- opening -----------------------------------------------------------------------------------
    def open(self, manifest: dict[str, Any], restart: bool = False) -> dict[int, ChunkStats]:
        """Create or reopen the parts directory; return the completed chunks and their counts."""
        mpath = self.dir / MANIFEST
        if restart and self.dir.exists():
            shutil.rmtree(self.dir)
        if mpath.exists():
            old = json.loads(mpath.read_text(encoding="utf-8"))
            if old != manifest:
                diff = sorted(k for k in set(old) | set(manifest) if old.get(k) != manifest.get(k))
                raise CheckpointMismatch(f"{self.dir} holds an unfinished run with different {', '.join(diff)}; "
                                         "re-run with the same inputs and options to resume it, or pass "
                                         "--restart to discard it")
        else:
            self.dir.mkdir(parents=True, exist_ok=True)
            atomic_write(mpath, json.dumps(manifest, indent=1, sort_keys=True).encode())
        return self.completed()

    def completed(self) -> dict[int, ChunkStats]:
        done = {}
        for p in self.dir.glob("part-*.done"):
            d = json.loads(p.read_text(encoding="utf-8"))
            done[int(p.name[5:11])] = ChunkStats(d["processed"], d["failed"], d["chars"], d.get("skipped", 0))
        return done

    # -- one chunk (called in a worker) ------------------------------------------------------------
    def commit_chunk(self, chunk: int, output: bytes, errors: bytes, stats: ChunkStats) -> None:
        atomic_write(self.dir / part_name(chunk, self.fmt), output)
        atomic_write(self.dir / part_name(chunk, "errors.jsonl"), errors)
        atomic_write(self.dir / part_name(chunk, "done"),
                     json.dumps({"processed": stats.processed, "failed": stats.failed, "chars": stats.chars,
                                 "skipped": stats.skipped}).encode())

    # -- the end ------------------------------------------------------------------------------------
    def finish(self, n_chunks: int) -> None:
        """Concatenate parts 0..n_chunks-1 into OUT and OUT.errors.jsonl, then drop the parts."""
        tmp = self.out.with_name(f".{self.out.name}.{os.getpid()}.tmp")
        if self.fmt == "parquet":
            import pyarrow.parquet as pq
            from ..io.parquet_out import ParquetOut
            w = ParquetOut(tmp)
            for k in range(n_chunks):
                w.write(pq.read_table(self.dir / part_name(k, "parquet")))
            w.close()
        else:
            self._concat([self.dir / part_name(k, self.fmt) for k in range(n_chunks)], tmp)
        os.replace(tmp, self.out)
        err_parts = [self.dir / part_name(k, "errors.jsonl") for k in range(n_chunks)]
        err_out = errors_path(self.out)
        if any(p.stat().st_size for p in err_parts):
            etmp = err_out.with_name(f".{err_out.name}.{os.getpid()}.tmp")
            self._concat(err_parts, etmp)
            os.replace(etmp, err_out)
        elif err_out.exists():
            err_out.unlink()              # a stale errors file from an earlier run
        shutil.rmtree(self.dir)

    @staticmethod
    def _concat(parts: list[Path], dest: Path) -> None:
        with open(dest, "wb") as out:
            for p in parts:
                with open(p, "rb") as f:
                    shutil.copyfileobj(f, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
