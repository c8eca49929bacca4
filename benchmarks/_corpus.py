"""Benchmark input helpers shared by batch.py and spark_local.py."""
from __future__ import annotations

import os


def head(corpus: str, limit: int, tmp: str) -> str:
    """The corpus itself, or (with ``limit``) a copy of its first ``limit`` lines in ``tmp``."""
    if not limit:
        return corpus
    path = os.path.join(tmp, "corpus.jsonl")
    with open(corpus, encoding="utf-8") as src, open(path, "w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= limit:
                break
            dst.write(line)
    return path
