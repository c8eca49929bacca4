"""Spark local[2] gives, record for record, the output of the local runner on the same input."""
from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyspark", reason="pyspark is not installed (optional extra: pip install 'dateline[spark]')")

import pyarrow.parquet as pq  # noqa: E402

from dateline.cli.main import main  # noqa: E402
from dateline.runners.local import run_batch  # noqa: E402
from dateline.runners.spark import errors_dir, read_text_output, run_spark, spark_session  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent.parent / "fixtures" / "crawl"))
from make_corpus import make_jsonl  # noqa: E402

pytestmark = pytest.mark.spark
FIX = Path(__file__).parent.parent / "fixtures" / "crawl"


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    s = spark_session("local[2]")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("spark")
    a = make_jsonl(d / "a.jsonl", 50, bad_every=8)
    b = make_jsonl(d / "b.jsonl", 20, start_day=5)
    return a, b


def _warc(path: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=True)
        for name in ("harbour_bridge", "no_date", "orchard_festival"):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(f"https://news.example/{name}", "response",
                                                payload=io.BytesIO((FIX / f"{name}.html").read_bytes()),
                                                http_headers=http))
    return path


def test_jsonl_parity_documents_and_errors(spark, corpus, tmp_path):
    inputs = [str(corpus[0]), str(corpus[1])]
    local = run_batch(inputs, tmp_path / "local.jsonl", workers=0, chunk_size=16)
    res = run_spark(inputs, str(tmp_path / "spark_out"), fmt="jsonl", spark=spark)
    want = (tmp_path / "local.jsonl").read_text(encoding="utf-8").splitlines()
    got = read_text_output(str(tmp_path / "spark_out"))
    assert (res.processed, res.failed, res.skipped) == (local.processed, local.failed, local.skipped) == (64, 4, 2)
    assert len(got) == len(want)
    for g, w in zip(got, want):          # record for record, in input order
        assert g == w
    want_err = (tmp_path / "local.jsonl.errors.jsonl").read_text(encoding="utf-8").splitlines()
    assert read_text_output(errors_dir(str(tmp_path / "spark_out"))) == want_err


def test_parquet_parity_with_crawl_inputs(spark, corpus, tmp_path):
    warc = _warc(tmp_path / "c.warc.gz")
    inputs = [str(corpus[1]), str(warc), str(FIX / "harbour_bridge.html")]
    run_batch(inputs, tmp_path / "local.parquet", fmt="parquet", workers=0)
    res = run_spark(inputs, str(tmp_path / "spark.parquet"), fmt="parquet", spark=spark)
    assert (res.processed, res.failed) == (23, 1)
    want = pq.read_table(tmp_path / "local.parquet").to_pylist()
    parts = sorted((tmp_path / "spark.parquet").glob("part-*.parquet"))
    got = [r for p in parts for r in pq.read_table(p).to_pylist()]
    assert [r["id"] for r in got] == [r["id"] for r in want]
    for g, w in zip(got, want):
        assert g == w, g["id"]
    [err] = [json.loads(x) for x in read_text_output(errors_dir(str(tmp_path / "spark.parquet")))]
    assert err["code"] == "DL303" and err["where"].startswith(str(warc))


def test_cli_spark_without_pyspark_message(monkeypatch, capsys, tmp_path):
    """With pyspark missing the command fails with a clear message (simulated)."""
    import builtins
    real = builtins.__import__

    def fake(name, *a, **k):
        if name == "pyspark" or name.startswith("pyspark."):
            raise ImportError("No module named 'pyspark'")
        return real(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", fake)
    rc = main(["spark", str(FIX / "harbour_bridge.html"), str(tmp_path / "o")])
    assert rc == 2 and "pip install 'dateline[spark]'" in capsys.readouterr().err


def test_cli_spark_jsonl(spark, corpus, tmp_path, capsys):
    """``dateline spark IN OUT`` (reuses the running local session, so it runs last in this module)."""
    out = tmp_path / "cli_out"
    rc = main(["spark", str(corpus[1]), str(out), "--master", "local[2]"])
    assert rc == 0 and "20 processed, 0 failed" in capsys.readouterr().err
    run_batch([str(corpus[1])], tmp_path / "local.jsonl", workers=0)
    assert read_text_output(str(out)) == (tmp_path / "local.jsonl").read_text(encoding="utf-8").splitlines()
