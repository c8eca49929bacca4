"""``dateline ingest`` and the query commands, in-process through ``dateline.cli.main.main``, and the
crash test: ingest killed with SIGKILL midway, re-run, gives the database of one uninterrupted run."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dateline.cli.main import main
from dateline.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "store"))
import store_fixtures as fx  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]

# invented people and places; the sentences are templates written for these tests
PEOPLE = ["Ada Brennan", "Victor Osei", "Lucia Ferraro", "Hal Jensen", "Mira Castellanos", "Joe Tan"]
THINGS = ["the harbor bridge", "the night market", "the tram line", "the flood wall", "the school roof",
          "the water plant"]
MONTHS = ["January", "March", "May", "July", "September", "November"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def article(i: int) -> dict:
    who, thing = PEOPLE[i % len(PEOPLE)], THINGS[(i // 2) % len(THINGS)]
    last = who.split()[-1]
    day = 1 + i % 27
    text = (f"{who} said on {WEEKDAYS[i % 5]} that work on {thing} would finish by {MONTHS[i % 6]}. "
            f"\"We have the crews and the money for {thing},\" {last} told reporters. "
            f"The council approved the plan number {i} last week.")
    return {"id": f"a{i:04d}", "date": f"2022-{1 + i % 12:02d}-{day:02d}", "title": f"Update {i} on {thing}",
            "text": text}


def write_corpus(path: Path, n: int) -> Path:
    path.write_text("".join(json.dumps(article(i)) + "\n" for i in range(n)), encoding="utf-8")
    return path


def test_ingest_reports_bad_records_and_is_idempotent(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "one.txt").write_text("date 2023-05-02\nMayor Ada Brennan said on Monday that the market "
                                 "would reopen. \"We are ready,\" Brennan said.\n", encoding="utf-8")
    (src / "two.txt").write_text("date 2023-05-03\nVictor Osei said the tram line would open in June.\n",
                                 encoding="utf-8")
    (src / "bad-date.txt").write_text("date 2023-02-31\nSomething happened.\n", encoding="utf-8")
    write_corpus(src / "more.jsonl", 5)
    with (src / "more.jsonl").open("a", encoding="utf-8") as f:
        f.write("{broken json\n")
    db = tmp_path / "x.db"
    code = main(["ingest", str(src), "--db", str(db), "--workers", "1", "--progress", "off"])
    err = capsys.readouterr().err
    assert code == 1
    assert "7 processed, 2 failed (7 new, 0 replaced, 0 unchanged" in err
    assert "bad-date.txt" in err and "more.jsonl:6" in err
    assert len([line for line in err.splitlines() if line.startswith("error:")]) == 2
    before = Store(db, readonly=True).dump()

    code = main(["ingest", str(src), "--db", str(db), "--workers", "1", "--progress", "off"])
    err = capsys.readouterr().err
    assert code == 1 and "7 processed, 2 failed (0 new, 0 replaced, 7 unchanged" in err
    assert Store(db, readonly=True).dump() == before

    (src / "two.txt").write_text("date 2023-05-03\nVictor Osei said the tram line would open in July.\n",
                                 encoding="utf-8")
    (src / "bad-date.txt").unlink()
    code = main(["ingest", str(src), "--db", str(db), "--workers", "2", "--progress", "off"])
    err = capsys.readouterr().err
    assert code == 1 and "(0 new, 1 replaced, 6 unchanged" in err
    assert "July" in Store(db, readonly=True).get("two").text


def test_ingest_success_exit_code_and_bad_options(tmp_path, capsys):
    corpus = write_corpus(tmp_path / "c.jsonl", 3)
    assert main(["ingest", str(corpus), "--db", str(tmp_path / "c.db"), "--progress", "off", "--workers", "1"]) == 0
    assert "3 processed, 0 failed" in capsys.readouterr().err
    assert main(["ingest", str(corpus), "--db", str(tmp_path / "c.db"), "--batch-size", "0"]) == 2
    assert main(["ingest", str(corpus), "--db", str(tmp_path / "c.db"), "--dct", "2023-13-01"]) == 2


def test_worker_count_does_not_change_the_database(tmp_path, capsys):
    corpus = write_corpus(tmp_path / "c.jsonl", 40)
    dumps = []
    for workers in ("1", "2"):
        db = tmp_path / f"w{workers}.db"
        assert main(["ingest", str(corpus), "--db", str(db), "--workers", workers, "--batch-size", "7",
                     "--progress", "off"]) == 0
        dumps.append(Store(db, readonly=True).dump())
    assert dumps[0] == dumps[1]
    assert dumps[0]["documents"] and dumps[0]["people"]


@pytest.fixture()
def newsroom_db(tmp_path):
    return str(fx.build_db(tmp_path / "n.db"))


def test_query_commands(newsroom_db, capsys):
    assert main(["people", "--db", newsroom_db]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["quotes", "articles", "name", "id", "type"]
    assert "Maria Okafor" in lines[2] and "maria-okafor" in lines[2]

    assert main(["quotes", "--db", newsroom_db, "--speaker", "Reyes", "--q", "boat"]) == 0
    out = capsys.readouterr().out
    assert "Dana Reyes" in out and "Every boat" in out and "harbor-2" in out

    assert main(["quotes", "--db", newsroom_db, "--since", "2023-06-01", "--format", "json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert {i["date"] for i in res["items"]} == {"2023-06-20", "2023-09-29"}

    assert main(["timeline", "--db", newsroom_db, "--person", "Okafor"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Maria Okafor (maria-okafor): 3 quotes in 4 articles")
    assert "event" in out and "quote" in out

    assert main(["timeline", "--db", newsroom_db, "--q", "bridge", "--format", "json"]) == 0
    assert {e["kind"] for e in json.loads(capsys.readouterr().out)["entries"]} == {"event"}

    assert main(["people", "--db", newsroom_db, "--format", "json", "--limit", "1"]) == 0
    assert json.loads(capsys.readouterr().out)["has_more"] is True


def test_query_commands_report_errors(newsroom_db, tmp_path, capsys):
    assert main(["quotes", "--db", newsroom_db, "--since", "2023-02-30"]) == 2
    assert "calendar date" in capsys.readouterr().err
    assert main(["timeline", "--db", newsroom_db, "--person", "Nobody Known"]) == 2
    assert "no person" in capsys.readouterr().err
    assert main(["people", "--db", str(tmp_path / "none.db")]) == 2
    assert "no database" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["timeline", "--db", newsroom_db])        # --person or --q is required


def _ingest_cmd(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "dateline.cli.main", "ingest", str(corpus), "--db", str(db),
            "--batch-size", "10", "--workers", "1", "--progress", "off"]


def _committed(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def test_kill_9_midway_then_rerun_equals_one_uninterrupted_run(tmp_path):
    corpus = write_corpus(tmp_path / "corpus.jsonl", 160)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    whole, killed = tmp_path / "whole.db", tmp_path / "killed.db"
    subprocess.run(_ingest_cmd(corpus, whole), env=env, check=True, capture_output=True, timeout=120)

    proc = subprocess.Popen(_ingest_cmd(corpus, killed), env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while _committed(killed) < 30 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(10)
    assert proc.returncode == -signal.SIGKILL, "ingest finished before it could be killed"
    partial = _committed(killed)
    assert 30 <= partial < 160 and partial % 10 == 0          # only whole batches were committed

    done = subprocess.run(_ingest_cmd(corpus, killed), env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"{partial} unchanged" in done.stderr
    assert Store(killed, readonly=True).dump() == Store(whole, readonly=True).dump()


def test_real_pipeline_end_to_end(tmp_path, capsys):
    """Through the real stages (loose checks: the extraction rules are still moving)."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "market-1.txt").write_text(
        "date 2023-05-02\nMayor Ada Brennan said on Monday that the night market would reopen in June. "
        "\"We have the crews and the money,\" Brennan told reporters.\n", encoding="utf-8")
    (src / "market-2.txt").write_text(
        "date 2023-06-12\nThe night market reopened on Saturday. \"It feels like summer again,\" "
        "Mayor Ada Brennan said.\n", encoding="utf-8")
    db = str(tmp_path / "real.db")
    assert main(["ingest", str(src), "--db", db, "--workers", "1", "--progress", "off"]) == 0
    capsys.readouterr()
    assert main(["people", "--db", db, "--format", "json"]) == 0
    people = json.loads(capsys.readouterr().out)["items"]
    brennan = [p for p in people if "brennan" in p["id"]]
    assert len(brennan) == 1 and brennan[0]["n_documents"] == 2
    assert main(["quotes", "--db", db, "--speaker", "Brennan", "--format", "json"]) == 0
    quotes = json.loads(capsys.readouterr().out)["items"]
    assert quotes and all(q["person_id"] == brennan[0]["id"] for q in quotes)
    assert all(q["date"] <= max(s["dct"] for s in q["sources"]) for q in quotes)   # never after publication
    assert main(["timeline", "--db", db, "--person", "Ada Brennan", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["entries"]
