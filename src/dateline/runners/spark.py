"""The Spark runner: the same pipeline, per partition, on local mode or a cluster.

``run_spark(inputs, output, master="local[2]")`` turns the inputs into a DataFrame of work items
(``io.crawl`` items: one row per JSONL line, Parquet row, HTML page or WARC record, in input order),
runs the runners' chunk function (``runners.pool.process``) over each partition with ``mapInArrow`` (the ``Pipeline`` is built
once per Python worker process and cached in a module global), and writes:

- ``output/``: Parquet part files with the schema of ``io.parquet_out.SCHEMA``, or text part files
  holding exactly the JSONL lines of ``dateline batch`` (``part-00000…`` in input order);
- ``output.errors/``: the error records, one JSON object per line, as in ``OUT.errors.jsonl``.

Reading: JSONL files are split by Spark (``textFile``; line numbers via ``zipWithIndex``), Parquet
files by row group; HTML files and WARC archives are distributed one file per task, so the driver
never holds the corpus. Paths must be visible to the executors (local mode, or a shared file system).

pyspark is an optional extra (``pip install 'dateline[spark]'``); it is imported only here, lazily.
"""
from __future__ import annotations

import os
import pickle
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from ..errors import InputError
from ..io.crawl import JSONL_SUFFIXES, items_for_path, rec_item
from ..io.readers import ReadOptions, WalkedPath, iter_paths
from ..model import Document, to_dict
from ..settings import Settings

FORMATS = ("jsonl", "parquet")
ITEM_SCHEMA = "kind string, where string, fid string, data binary"
LIGHT_CONF = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "2",
    "spark.driver.memory": "1g",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
    "spark.python.worker.reuse": "true",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.sql.execution.arrow.maxRecordsPerBatch": "256",
    # the same str hash seed in every Python worker (see runners.pool.WORKER_HASH_SEED)
    "spark.executorEnv.PYTHONHASHSEED": "0",
}


class SparkUnavailable(ImportError):
    pass


def _pyspark():
    try:
        import pyspark  # noqa: F401
        from pyspark.sql import SparkSession
    except ImportError as e:
        raise SparkUnavailable("dateline spark needs pyspark, an optional extra: pip install 'dateline[spark]' "
                               f"(or pip install 'pyspark>=3.5,<4.4' pandas); import failed: {e}") from None
    return SparkSession


def spark_session(master: str = "local[2]", conf: dict[str, str] | None = None, app: str = "dateline"):
    """A SparkSession with light settings (no UI, few partitions, loopback only)."""
    SparkSession = _pyspark()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("PYTHONHASHSEED", "0")      # inherited by the JVM and its Python workers
    b = SparkSession.builder.master(master).appName(app)
    for k, v in {**LIGHT_CONF, **(conf or {})}.items():
        b = b.config(k, v)
    spark = b.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


# -- output schemas ---------------------------------------------------------------------------------
def arrow_out_schema(fmt: str):
    import pyarrow as pa
    if fmt == "parquet":
        from ..io.parquet_out import SCHEMA
        return SCHEMA.append(pa.field("error", pa.string()))
    return pa.schema([("json", pa.string()), ("error", pa.string())])


def spark_out_schema(fmt: str):
    from pyspark.sql.pandas.types import from_arrow_schema
    return from_arrow_schema(arrow_out_schema(fmt))


# -- executor side ----------------------------------------------------------------------------------
_CONTEXTS: dict = {}          # one runner context (a Pipeline) per (settings, options) per Python worker


def _context(settings: Settings, opts: ReadOptions):
    from .pool import Job, Runner
    key = (repr(settings), repr(opts))
    if key not in _CONTEXTS:
        _CONTEXTS[key] = Runner(Job(settings, opts)).context()
    return _CONTEXTS[key]


def _item(kind: str, where: str, fid: str, data: bytes) -> tuple:
    if kind == "json":
        return ("json", where, fid, data.decode("utf-8"))
    return pickle.loads(data)


def process_batches(batches: Iterator, settings: Settings, opts: ReadOptions, fmt: str) -> Iterator:
    """mapInArrow body: item batches in, result batches (``arrow_out_schema(fmt)``) out; each batch goes
    through the runners' chunk function (``pool.process``), as a chunk of ``dateline batch`` does."""
    import pyarrow as pa
    from ..io.parquet_out import row_from_dict
    from ..io.writers import dumps
    from .pool import process
    ctx = _context(settings, opts)
    schema = arrow_out_schema(fmt)
    empty = {n: None for n in schema.names}
    for k, batch in enumerate(batches):
        cols = batch.to_pydict()
        items = [_item(*row) for row in zip(cols["kind"], cols["where"], cols["fid"], cols["data"])]
        rows = []
        for res in process(ctx, k, items):
            if not isinstance(res, Document):
                rows.append({**empty, "error": res.line().rstrip("\n")})
            elif fmt == "parquet":
                rows.append({**row_from_dict(to_dict(res)), "error": None})
            else:
                rows.append({"json": dumps(res), "error": None})
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


# -- driver side ----------------------------------------------------------------------------------
def _jsonl_rdd(sc, name: str):
    def to_item(t):
        line, i = t
        n = i + 1
        if n == 1 and line.startswith("\ufeff"):
            line = line[1:]
        return ("json", f"{name}:{n}", str(n), line.encode("utf-8"))
    return sc.textFile(name).zipWithIndex().filter(lambda t: t[0].strip() != "").map(to_item)


def _parquet_rdd(spark, name: str):
    def to_item(t):
        row, i = t
        where, fid = f"{name}:{i + 1}", str(i + 1)
        return ("obj", where, fid, pickle.dumps(("obj", where, fid, row.asDict(recursive=True))))
    return spark.read.parquet(name).rdd.zipWithIndex().map(to_item)


def _files_rdd(sc, names: list[tuple[str, str | None]], opts: ReadOptions):
    def items(name_id):
        p = WalkedPath(name_id[0])
        p.doc_id = name_id[1]           # a text file below a directory argument: its relative id
        for it in items_for_path(p, opts):
            yield (it[0], str(it[1]) if len(it) > 1 and isinstance(it[1], str) else "", "",
                   pickle.dumps(it))
    return sc.parallelize(names, max(1, len(names))).flatMap(items)


def items_dataframe(spark, inputs: Sequence[str], opts: ReadOptions):
    """One row per work item, in input order (the order of ``io.crawl.iter_items``)."""
    sc = spark.sparkContext
    rdds, files = [], []

    def flush():
        if files:
            rdds.append(_files_rdd(sc, list(files), opts))
            files.clear()

    for p in iter_paths(inputs):
        if isinstance(p, InputError):        # not a regular file: an error row, in its place
            flush()
            item = rec_item(p)
            rdds.append(sc.parallelize([("err", p.where, "", pickle.dumps(item))], 1))
            continue
        name = str(p)
        lower = name.lower()
        if p != "-" and Path(name).exists() and Path(name).stat().st_size > 0 and lower.endswith(JSONL_SUFFIXES):
            flush()
            rdds.append(_jsonl_rdd(sc, name))
        elif p != "-" and Path(name).exists() and lower.endswith(".parquet"):
            flush()
            rdds.append(_parquet_rdd(spark, name))
        elif p == "-":
            raise ValueError("dateline spark cannot read standard input; pass files or directories")
        else:
            files.append((name, getattr(p, "doc_id", None)))   # HTML, WARC, CSV, text, missing: in a task
    flush()
    rdd = rdds[0] if len(rdds) == 1 else sc.union(rdds) if rdds else sc.parallelize([], 1)
    return spark.createDataFrame(rdd, ITEM_SCHEMA)


@dataclass(frozen=True)
class SparkResult:
    processed: int
    failed: int
    seconds: float
    output: str
    errors: str
    skipped: int = 0


def errors_dir(output: str) -> str:
    return output.rstrip("/") + ".errors"


def run_spark(inputs: Sequence[str], output: str, *, fmt: str = "jsonl", master: str = "local[2]",
              settings: Settings | None = None, opts: ReadOptions | None = None,
              spark=None, conf: dict[str, str] | None = None) -> SparkResult:
    """Run the pipeline over ``inputs`` on Spark; write ``output/`` and ``output.errors/``."""
    if fmt not in FORMATS:
        raise ValueError(f"format: expected one of {FORMATS}, found {fmt!r}")
    settings = settings or Settings()
    opts = opts or ReadOptions()
    from ..pipeline import Pipeline
    Pipeline(settings=settings)                  # fail fast on the driver
    own = spark is None
    spark = spark or spark_session(master, conf)
    t0 = time.perf_counter()
    try:
        from pyspark import StorageLevel
        from pyspark.sql import functions as F
        items = items_dataframe(spark, inputs, opts)
        out = items.mapInArrow(lambda it: process_batches(it, settings, opts, fmt), spark_out_schema(fmt))
        out = out.persist(StorageLevel.MEMORY_AND_DISK)
        good = out.filter(F.col("error").isNull()).drop("error")
        if fmt == "parquet":
            good.write.mode("overwrite").option("compression", "zstd").parquet(output)
        else:
            good.select("json").write.mode("overwrite").text(output)
        bad = out.filter(F.col("error").isNotNull()).select("error")
        bad.write.mode("overwrite").text(errors_dir(output))
        skipped = F.col("error").contains('"code": "DL306"').cast("int")
        counts = out.select(F.count(F.lit(1)).alias("n"), F.count("error").alias("e"),
                            F.coalesce(F.sum(skipped), F.lit(0)).alias("s")).collect()[0]
        out.unpersist()
        return SparkResult(counts["n"] - counts["e"], counts["e"] - counts["s"], time.perf_counter() - t0, output,
                           errors_dir(output), counts["s"])
    finally:
        if own:
            spark.stop()


def read_text_output(path: str) -> list[str]:
    """The lines of a text output directory, part files in order (for tests and tools)."""
    lines: list[str] = []
    for part in sorted(Path(path).glob("part-*")):
        if not part.name.endswith(".crc"):
            lines += part.read_text(encoding="utf-8").splitlines()
    return lines
