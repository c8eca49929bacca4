"""The accuracy gate: every evaluation of the project on ../shared/data, one table, and floors that hold.

    python -m dateline.eval.gate [--floors tests/eval/floors.tsv] [--data ../shared/data] [--only A,B]
                                 [--resources DIR] [--raise] [--json]

Each *evaluation* (a data set scored by one of the project's scorers) yields named figures. The floors file
(TSV: ``data  figure  floor  measured  note``) holds one row per guarded figure: the gate fails (exit 1) when
a figure is below its floor or a guarded figure could not be computed. ``--raise`` rewrites the floors
file after a run that passed: each floor rises to (figure - tolerance) when the work raised the figure; a floor
never goes down here (lowering one is an edit of the file, visible in review). Where ../shared/data is absent
the gate says so and exits 0 (it cannot measure anything there).

Evaluations run in worker processes, two at a time, each with the default ``Settings`` (document types are
part of an evaluation's definition) unless ``--resources`` points at other rule files.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

TOLERANCE = 0.3          # points (figures are percentages): a floor sits this far below the figure it guards


# ---- the evaluations ----------------------------------------------------------------------------------------
def _timeml(folders: tuple[str, ...], document_type: str | None):
    def run(data: Path, settings) -> dict[str, float]:
        from ..io.timeml import input_files, read, render, to_document
        from ..pipeline import Pipeline
        from .timeml import Counts, from_xml, load, metrics, score_doc
        if document_type:
            settings = settings.replace(document_type=document_type)
        nlp = Pipeline(["segment", "timex_extract", "timex_anchor"], settings)
        total = Counts()
        for folder in folders:
            for p in input_files(data / "timeml" / folder):
                doc = read(p)
                system = from_xml(render(nlp(to_document(doc)), doc.dct_xml))     # what `dateline timeml` writes
                total.add(score_doc(load(p), system))
        m = metrics(total)
        return {k: m[k] for k in ("strict_f1", "relaxed_f1", "type_f1", "value_f1")}
    return run


def _with(figures, **changes):
    """An evaluation run with these settings changed (``_with(_polnear_figures, learned=False)``)."""
    def run(data: Path, settings) -> dict[str, float]:
        return figures(data, settings.replace(**changes))
    return run


def _polnear_figures(data: Path, settings) -> dict[str, float]:
    from ..pipeline import Pipeline
    from .attribution import evaluate
    root = data / "attribution" / "polnear"
    s = evaluate(str(root / "dev"), str(root / "metadata.tsv"), pipeline=Pipeline(settings=settings)).as_dict()
    out = {f"{role}_exact_f1": 100 * s["exact"][role]["f"] for role in ("source", "cue", "content")}
    out["content_overlap_f1"] = 100 * s["overlap"]["content"]["f"]
    out["content_overlap_p"] = 100 * s["overlap"]["content"]["p"]
    out["direct_overlap_f1"] = 100 * s["content_overlap"]["direct"]["f"]
    out["indirect_overlap_f1"] = 100 * s["content_overlap"]["indirect"]["f"]
    out["direct_speaker_acc"] = 100 * s["speaker_accuracy"]["direct"]
    out["speaker_acc"] = 100 * s["speaker_accuracy"]["all"]
    return out


def _said_on_figures(data: Path, settings) -> dict[str, float]:
    from ..pipeline import Pipeline
    from .said_on import GOLD, evaluate
    root = data / "attribution" / "polnear"
    s = evaluate(root / "dev", root / "metadata.tsv", GOLD, pipeline=Pipeline(settings=settings))
    return {"said_on_acc": 100 * s.accuracy, "said_on_coverage": 100 * s.coverage}


def _uner(data: Path, settings) -> dict[str, float]:
    """UNER English EWT dev, 5-fold cross-validation by document (each fold's model trained on the others)."""
    from .ner import cross_validate, read_iob
    s = cross_validate(read_iob(data / "syntax" / "uner-english-ewt" / "en_ewt-ud-dev.iob2"), 5, settings).as_dict()
    return {f"{t.lower()}_f1": s[t]["f"] for t in ("PER", "ORG", "LOC")} | {"all_f1": s["all"]["f"]}


def _coref(data: Path, settings) -> dict[str, float]:
    """The project's own coreference articles (tests/golden/entities/coref.jsonl), not ../shared."""
    from ..pipeline import Pipeline
    from .coref import evaluate, read
    path = Path(__file__).resolve().parents[3] / "tests" / "golden" / "entities" / "coref.jsonl"
    s = evaluate(read(path), Pipeline(settings=settings)).as_dict()
    return {"mention_f1": s["mentions"]["f"], "muc_f1": s["muc"]["f"], "b3_f1": s["b3"]["f"],
            "pronoun_link_acc": s["links"]["pronoun"]["accuracy"]}


def _tls(data: Path, settings) -> dict[str, float]:
    from .tls import METRICS, SCORED_STAGES, evaluate_topic, figure, mean, process_topic
    from .tls_data import read_topic
    topics = sorted(p for p in (data / "tls" / "t17").iterdir() if (p / "timelines.jsonl").is_file())
    rows = []
    for path in topics:
        scores = evaluate_topic(read_topic(path), process_topic(path, 1, settings, SCORED_STAGES), ["story"])["story"]
        rows.append([mean([figure(s, m) for s in scores]) for m in METRICS])
    names = ("date_f1", "concat_r1", "concat_r2", "agreement_r1", "agreement_r2", "align_m1_r1", "align_m1_r2")
    return {n: 100 * mean([r[i] for r in rows]) for i, n in enumerate(names)}


@dataclass(frozen=True)
class Evaluation:
    name: str                   # the data column of the floors file
    needs: str                  # a path under the data folder that must exist
    run: Callable               # (data folder, Settings) -> {figure: value}
    what: str


EVALUATIONS: dict[str, Evaluation] = {e.name: e for e in (
    Evaluation("tbaq", "timeml/tbaq", _timeml(("tbaq/TimeBank", "tbaq/AQUAINT"), "auto"),
               "TempEval-3 Task A, TimeBank + AQUAINT, news mode"),
    Evaluation("wikiwars", "timeml/wikiwars/train", _timeml(("wikiwars/train",), "auto"),
               "TempEval-3 Task A, WikiWars train, narrative mode"),
    Evaluation("tweets", "timeml/tweets/train", _timeml(("tweets/train",), "auto"),
               "TempEval-3 Task A, TE-Tweets train, colloquial mode"),
    Evaluation("polnear_dev", "attribution/polnear/dev", _with(_polnear_figures, learned=False),
               "PolNeAR dev attribution, rules only (Settings.learned=False)"),
    Evaluation("polnear_dev_learned", "attribution/polnear/dev", _with(_polnear_figures, learned=True, attribution="learned"),
               "PolNeAR dev attribution, learned cascade (the default): source/cue/content F1, speaker accuracy"),
    Evaluation("said_on", "attribution/polnear/dev", _with(_said_on_figures, attribution="learned"),
               "said_on against tests/eval/said_on_polnear_dev.tsv (annotated PolNeAR dev attributions), "
               "learned cascade"),
    Evaluation("said_on_rules", "attribution/polnear/dev", _with(_said_on_figures, attribution="rules"),
               "said_on as above, attribution by the rules alone (Settings.attribution='rules')"),
    Evaluation("uner_dev", "syntax/uner-english-ewt", _uner,
               "UNER English EWT dev named entities, 5-fold cross-validation by document"),
    Evaluation("coref", "syntax", _coref, "coreference of people in the project's 32 annotated articles"),
    Evaluation("tls_t17", "tls/t17", _tls,
               "Timeline17 story timelines, news-tls protocol, mean over topics (dateline eval tls)"),
)}


# ---- floors -------------------------------------------------------------------------------------------------
@dataclass
class Floor:
    data: str
    figure: str
    floor: float
    measured: float
    note: str = ""


def read_floors(path: Path) -> list[Floor]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 4:
            raise ValueError(f"{path}:{n}: expected data, figure, floor, measured[, note]; found {line!r}")
        rows.append(Floor(cols[0], cols[1], float(cols[2]), float(cols[3]), cols[4] if len(cols) > 4 else ""))
    return rows


def write_floors(path: Path, floors: list[Floor]) -> None:
    head = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.startswith("#")]
    body = [f"{f.data}\t{f.figure}\t{f.floor:.1f}\t{f.measured:.2f}\t{f.note}".rstrip("\t") for f in floors]
    path.write_text("\n".join(head + body) + "\n", encoding="utf-8")


def raised(floors: list[Floor], results: dict[str, dict[str, float]]) -> list[Floor]:
    out = []
    for f in floors:
        got = results.get(f.data, {}).get(f.figure)
        if got is not None and got - TOLERANCE > f.floor:
            f = Floor(f.data, f.figure, round(got - TOLERANCE, 1), got, f.note)
        elif got is not None and got > f.measured:
            f = Floor(f.data, f.figure, f.floor, got, f.note)
        out.append(f)
    return out


# ---- running ------------------------------------------------------------------------------------------------
def _run_one(args) -> tuple[str, dict[str, float] | str, float]:
    name, data, resources = args
    from ..settings import Settings
    t0 = time.perf_counter()
    try:
        figures = EVALUATIONS[name].run(Path(data), Settings(resources=resources))
    except Exception as e:                          # a broken evaluation is reported, never hidden
        return name, f"{type(e).__name__}: {e}", time.perf_counter() - t0
    return name, figures, time.perf_counter() - t0


def run_all(names: list[str], data: Path, resources: str | None, jobs: int) -> dict[str, dict[str, float] | str]:
    tasks = [(n, str(data), resources) for n in names]
    results: dict = {}
    if jobs > 1 and len(tasks) > 1:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(tasks))) as pool:
            done = pool.map(_run_one, tasks, chunksize=1)
    else:
        done = [_run_one(t) for t in tasks]
    for name, figures, secs in done:
        results[name] = figures
        print(f"gate: {name} evaluated in {secs:.1f} s", file=sys.stderr)
    return results


def check(floors: list[Floor], results: dict, names: list[str]) -> list[tuple[Floor, float | None, str]]:
    rows = []
    for f in floors:
        if f.data not in names:
            continue
        got = results.get(f.data)
        value = got.get(f.figure) if isinstance(got, dict) else None
        status = "ok" if value is not None and value >= f.floor else ("MISSING" if value is None else "BELOW")
        rows.append((f, value, status))
    return rows


def table(rows, results: dict) -> str:
    lines = [f"{'data':<12} {'figure':<22} {'value':>7} {'floor':>7}  status", "-" * 60]
    for f, value, status in rows:
        v = f"{value:7.2f}" if value is not None else "      -"
        lines.append(f"{f.data:<12} {f.figure:<22} {v} {f.floor:7.1f}  {status}")
    guarded = {(f.data, f.figure) for f, _, _ in rows}
    for name, got in results.items():
        if isinstance(got, str):
            lines.append(f"{name:<12} {'(evaluation failed)':<22} {got}")
            continue
        for fig, value in sorted(got.items()):
            if (name, fig) not in guarded:
                lines.append(f"{name:<12} {fig:<22} {value:7.2f}       -  (not guarded)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dateline.eval.gate", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--floors", default="tests/eval/floors.tsv")
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--only", help=f"comma-separated evaluations; known: {', '.join(EVALUATIONS)}")
    ap.add_argument("--resources", help="run with the rule files of this folder (laid out like dateline/resources)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--raise", dest="raise_floors", action="store_true",
                    help="after a passing run, raise each floor to the figure minus the tolerance")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON as well")
    a = ap.parse_args(argv)
    data, floors_path = Path(a.data), Path(a.floors)
    names = [n for n in (a.only.split(",") if a.only else EVALUATIONS) if n]
    unknown = set(names) - set(EVALUATIONS)
    if unknown:
        ap.error(f"unknown evaluations {sorted(unknown)}; known: {', '.join(EVALUATIONS)}")
    if not data.is_dir():
        print(f"gate: {data} is absent; nothing can be measured here (skipped)")
        return 0
    floors = read_floors(floors_path)
    for n in [n for n in names if not (data / EVALUATIONS[n].needs).exists()]:
        print(f"gate: {n} skipped: {data / EVALUATIONS[n].needs} is absent", file=sys.stderr)
        names.remove(n)
    results = run_all(names, data, a.resources, a.jobs)
    rows = check(floors, results, names)
    print(table(rows, results))
    if a.json:
        print(json.dumps(results, indent=1, sort_keys=True))
    failed = [r for r in rows if r[2] != "ok"] + [(n, r) for n, r in results.items() if isinstance(r, str)]
    if failed:
        print(f"gate: FAILED ({len(failed)} figures below their floor or not computed)")
        return 1
    print(f"gate: passed ({len(rows)} figures at or above their floors)")
    if a.raise_floors:
        write_floors(floors_path, raised(floors, results))
        print(f"gate: floors raised where the figures rose ({floors_path})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
