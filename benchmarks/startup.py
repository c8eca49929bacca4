"""Where the start-up of ``dateline extract`` goes, in CPU seconds: imports, resources, each stage's build, one
small document. ``python benchmarks/startup.py [FILE] [--cold]`` (``--cold`` empties a private pattern cache
first; by default the cache of ``DATELINE_CACHE_DIR`` is used as it is). Each phase runs once: start-up is
what one process pays, so run this a few times (or time the whole command from outside) and quote medians.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=str(Path(__file__).parent.parent / "samples/sample-article.txt"))
    ap.add_argument("--cold", action="store_true", help="start from an empty pattern cache")
    args = ap.parse_args(argv)
    tmp = None
    if args.cold:
        tmp = tempfile.mkdtemp(prefix="dateline-cold-")
        os.environ["DATELINE_CACHE_DIR"] = tmp
    rows: list[tuple[str, float]] = []
    t = time.process_time()

    def lap(name: str) -> None:
        nonlocal t
        now = time.process_time()
        rows.append((name, now - t))
        t = now
    t0 = t
    from dateline.cli import main as cli_main         # what `dateline` imports before parsing arguments
    cli_main.build_parser("extract")
    lap("imports (cli, the extract command)")
    from dateline.grammar import load_resources, regex as rx
    from dateline.settings import Settings
    from dateline.stages.registry import get_stage
    settings = Settings()
    res = load_resources(settings.language, settings.resources)
    lap("load_resources")
    fns = []
    for name in settings.stages:
        info = get_stage(name)
        lap(f"import stage {name}")
        fns.append(info.factory(settings, res))
        lap(f"build stage {name}")
    rx.save()
    lap("save pattern cache")
    from dateline.pipeline import as_document
    doc = as_document(Path(args.file).read_text(encoding="utf-8"), "2024-03-05")
    for fn in fns:
        doc = fn(doc)
    lap("run one document")
    for name, s in rows:
        print(f"{name:40s} {s:7.3f}")
    print(f"{'total':40s} {time.process_time() - t0:7.3f}")
    if tmp:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
