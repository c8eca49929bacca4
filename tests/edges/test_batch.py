"""The local batch runner: same output for any number of workers, errors file, resume after a kill."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dateline.cli.main import main
from dateline.io.readers import read_inputs
from dateline.io.writers import dumps
from dateline.pipeline import Pipeline
from dateline.runners.checkpoint import CheckpointMismatch
from dateline.runners.local import run_batch

sys.path.insert(0, str(Path(__file__).parent.parent / "fixtures" / "crawl"))
from make_corpus import make_jsonl  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return make_jsonl(tmp_path_factory.mktemp("corpus") / "news.jsonl", 120, bad_every=10)


def test_workers_give_identical_bytes(corpus, tmp_path):
    outs = []
    for w in (0, 1, 2):
        out = tmp_path / f"w{w}.jsonl"
        res = run_batch([str(corpus)], out, workers=w, chunk_size=7)
        assert (res.processed, res.failed, res.skipped) == (108, 8, 4)
        outs.append((out.read_bytes(), (tmp_path / f"w{w}.jsonl.errors.jsonl").read_bytes()))
        assert not (tmp_path / f"w{w}.jsonl.parts").exists()
    assert outs[0] == outs[1] == outs[2]


def test_batch_equals_extract_jsonl(corpus, tmp_path):
    """The batch output is what ``extract --format jsonl`` writes, document for document."""
    out = tmp_path / "b.jsonl"
    run_batch([str(corpus)], out, workers=2, chunk_size=16)
    pipe = Pipeline()
    want = "".join(dumps(pipe(r)) + "\n" for r in read_inputs([str(corpus)]) if not isinstance(r, Exception))
    assert out.read_text(encoding="utf-8") == want


def test_cli_reports_failures_and_writes_errors(corpus, tmp_path, capsys):
    out = tmp_path / "cli.jsonl"
    rc = main(["batch", str(corpus), "-o", str(out), "--workers", "2", "--chunk-size", "16", "--no-progress"])
    err = capsys.readouterr().err
    assert rc == 1
    assert "108 processed, 8 failed, 4 skipped" in err
    rows = [json.loads(line) for line in (tmp_path / "cli.jsonl.errors.jsonl").read_text().splitlines()]
    assert len(rows) == 12
    assert {r["code"] for r in rows} == {"DL306", "DL303", "DL304"}
    assert all(r["where"].startswith(str(corpus) + ":") and r["error"] for r in rows)
    assert len(out.read_text().splitlines()) == 108


def test_clean_run_exits_zero_without_errors_file(tmp_path, capsys):
    src = make_jsonl(tmp_path / "ok.jsonl", 20)
    out = tmp_path / "ok.out.jsonl"
    assert main(["batch", str(src), "-o", str(out), "--workers", "1", "--no-progress"]) == 0
    assert "20 processed, 0 failed" in capsys.readouterr().err
    assert not (tmp_path / "ok.out.jsonl.errors.jsonl").exists()


def test_resume_skips_committed_chunks(corpus, tmp_path):
    ref = tmp_path / "ref.jsonl"
    run_batch([str(corpus)], ref, workers=0, chunk_size=10)
    out = tmp_path / "resumed.jsonl"
    parts = tmp_path / "resumed.jsonl.parts"
    from dateline.runners import local
    orig = local._run_chunk
    calls = []

    def failing(ctx, k, items):
        if k == 5:
            raise KeyboardInterrupt
        calls.append(k)
        return orig(ctx, k, items)

    local._run_chunk = failing
    try:
        with pytest.raises(KeyboardInterrupt):
            run_batch([str(corpus)], out, workers=0, chunk_size=10)
    finally:
        local._run_chunk = orig
    assert parts.exists() and not out.exists() and calls == [0, 1, 2, 3, 4]
    res = run_batch([str(corpus)], out, workers=0, chunk_size=10)
    assert res.resumed_chunks == 5 and (res.processed, res.failed, res.skipped) == (108, 8, 4)
    assert out.read_bytes() == ref.read_bytes()
    assert (tmp_path / "resumed.jsonl.errors.jsonl").read_bytes() == (tmp_path / "ref.jsonl.errors.jsonl").read_bytes()


def test_changed_options_refuse_to_mix(corpus, tmp_path):
    out = tmp_path / "m.jsonl"
    (tmp_path / "m.jsonl.parts").mkdir()
    (tmp_path / "m.jsonl.parts" / "manifest.json").write_text('{"chunk_size": 3}')
    with pytest.raises(CheckpointMismatch, match="--restart"):
        run_batch([str(corpus)], out, workers=0, chunk_size=10)
    res = run_batch([str(corpus)], out, workers=0, chunk_size=10, restart=True)
    assert res.processed == 108


def test_kill_9_then_rerun_gives_uninterrupted_output(tmp_path):
    """A real kill -9 of the whole process tree midway, a re-run, and a byte comparison."""
    src = make_jsonl(tmp_path / "big.jsonl", 600, bad_every=97)
    cmd = [sys.executable, "-m", "dateline.cli.main", "batch", str(src), "--workers", "2",
           "--chunk-size", "20", "--no-progress"]
    ref = tmp_path / "ref.jsonl"
    subprocess.run(cmd + ["-o", str(ref)], check=False, capture_output=True, timeout=300)
    assert ref.exists()

    out = tmp_path / "killed.jsonl"
    parts = tmp_path / "killed.jsonl.parts"
    proc = subprocess.Popen(cmd + ["-o", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if parts.exists() and len(list(parts.glob("part-*.done"))) >= 3:
            break
        time.sleep(0.005)
    assert proc.poll() is None, "the run finished before it could be killed; make the corpus larger"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    time.sleep(0.2)          # let orphaned workers notice their parent is gone
    done = len(list(parts.glob("part-*.done")))   # 30 chunks in all
    assert 3 <= done < 30 and not out.exists()

    r = subprocess.run(cmd + ["-o", str(out)], capture_output=True, text=True, timeout=300)
    assert "resumed:" in r.stderr
    assert out.read_bytes() == ref.read_bytes()
    assert (tmp_path / "killed.jsonl.errors.jsonl").read_bytes() == (tmp_path / "ref.jsonl.errors.jsonl").read_bytes()
    assert not parts.exists()


def test_mixed_inputs_and_read_errors_cross_processes(tmp_path):
    """Read errors (missing file, undated text, empty JSONL) travel to workers and back intact."""
    (tmp_path / "dated.txt").write_text("date 2024-02-02\nThe vote on the tram line was delayed on Monday.\n")
    (tmp_path / "undated.txt").write_text("No date line here.\n")
    (tmp_path / "empty.jsonl").write_bytes(b"")
    src = make_jsonl(tmp_path / "few.jsonl", 5)
    inputs = [str(tmp_path / "dated.txt"), str(tmp_path / "undated.txt"), str(tmp_path / "missing.jsonl"),
              str(tmp_path / "empty.jsonl"), str(src)]
    a = run_batch(inputs, tmp_path / "a.jsonl", workers=0, chunk_size=2)
    b = run_batch(inputs, tmp_path / "b.jsonl", workers=2, chunk_size=2)
    assert (a.processed, a.failed, a.skipped) == (b.processed, b.failed, b.skipped) == (6, 2, 1)
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    errs = [json.loads(x) for x in (tmp_path / "b.jsonl.errors.jsonl").read_text().splitlines()]
    assert [e["code"] for e in errs] == ["DL303", "DL301", "DL306"]
    assert "no such file" in errs[1]["error"] and "empty file" in errs[2]["error"]
