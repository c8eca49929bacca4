"""``dateline eval tls TOPIC_DIR...``: timeline summarisation on Timeline17-style topics, with the
news-tls protocol (Ghalandari & Ifrim 2020) and tilse's metrics (Martschat & Markert 2017, 2018).

For each reference timeline of a topic: the article pool is the topic's articles published between
the reference's first and last date; the system is asked for as many dates as the reference has and
for the reference's average number of sentences per date (rounded), with every date within that
range; the query is the topic's ``keywords.json``. The prediction is scored against that one
reference: date F1, and ROUGE-1/2 F1 with concat, agreement and align+ m:1 (``tls_metrics``).
Scores are averaged over a topic's timelines, then over topics (the headline), and also over all
timelines (news-tls averages so).

Systems, all over the same processed articles and scored by the same code:
- ``story``: ``story.build_story`` with the rules (the default) or ``--model learned`` (for a topic,
  the weights fitted without it: leave-one-topic-out);
- ``pubdate``: the days most articles were published on, each with the lead sentences of that day's
  articles;
- ``mentions``: the days most day-level time expressions name, each with the first sentences that
  name it.
"""
from __future__ import annotations

import json
import sys
import time
from dataclasses import replace
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, Iterable, Sequence

from ..io.ptb import tokenize
from ..pipeline import Pipeline
from ..settings import Settings
from ..story import StoryArticle, build_story, from_document
from ..story.model import load_model
from . import tls_baselines as baselines
from .tls_data import Topic, documents, read_topic
from .tls_metrics import all_scores

STAGES = ("segment", "timex_extract", "timex_anchor", "entities", "quotes")   # what a story reads
# what its days and sentences depend on (quotes only fill entries' "quotes"): the gate's faster run
SCORED_STAGES = ("segment", "timex_extract", "timex_anchor")
SYSTEMS = ("story", "pubdate", "mentions")
METRICS = (("dates", "f1"), ("concat", "rouge_1"), ("concat", "rouge_2"), ("agreement", "rouge_1"),
           ("agreement", "rouge_2"), ("align_m1", "rouge_1"), ("align_m1", "rouge_2"))
HEADS = ("date F1", "concat R1", "concat R2", "agree R1", "agree R2", "align+ m:1 R1", "align+ m:1 R2")

_PIPE: Pipeline | None = None


def _init(settings: Settings) -> None:
    global _PIPE
    _PIPE = Pipeline(settings.stages, settings=settings)


def _process(doc) -> StoryArticle:
    return from_document(_PIPE(doc))


def process_topic(path: str | Path, workers: int = 1, settings: Settings | None = None,
                  stages: tuple[str, ...] = STAGES) -> list[StoryArticle]:
    """Every article of the topic through the pipeline (``stages``), as the story reads it."""
    settings = replace(settings or Settings(), stages=stages)
    docs = list(documents(path))
    if workers <= 1:
        _init(settings)
        return [_process(d) for d in docs]
    with get_context("fork").Pool(workers, initializer=_init, initargs=(settings,)) as pool:
        return pool.map(_process, docs, chunksize=8)


def task(tl: dict[str, list[str]]) -> tuple[str, str, int, int]:
    """(first date, last date, dates wanted, sentences per date) for one reference timeline."""
    days = sorted(tl)
    k = sum(len(s) for s in tl.values()) / len(tl)
    return days[0], days[-1], len(days), max(1, int(k + 0.5))


def predictor(system: str, topic: Topic, model: str) -> Callable:
    """(articles, start, end, l, k) -> {day: [sentence, ...]} for one system."""
    if system == "story":
        weights = load_model(model, held_out=topic.name)
        query = " ".join(topic.keywords)

        def story(arts, start, end, l, k):
            s = build_story(arts, query=query, dates=l, sents=k, since=start, until=end, model=weights)
            return {e.date: list(e.sentences) for e in s.entries}
        return story
    if system == "pubdate":
        return baselines.pubdate
    if system == "mentions":
        return baselines.mentions
    raise ValueError(f"system: expected one of {', '.join(SYSTEMS)}, found {system!r}")


def evaluate_topic(topic: Topic, articles: Sequence[StoryArticle], systems: Iterable[str],
                   model: str = "rules") -> dict[str, list[dict]]:
    """System -> one score dict per reference timeline of the topic."""
    out: dict[str, list[dict]] = {}
    for system in systems:
        predict = predictor(system, topic, model)
        for tl in topic.timelines:
            start, end, l, k = task(tl)
            pool = [a for a in articles if start <= a.dct <= end]
            pred = predict(pool, start, end, l, k)
            scored = {d: [tokenize(s) for s in ss] for d, ss in pred.items()}
            out.setdefault(system, []).append(all_scores(scored, tl))
    return out


def figure(score: dict, metric: tuple[str, str]) -> float:
    kind, name = metric
    return score[kind]["f1"] if kind == "dates" else score[kind][name]["f1"]


def mean(xs: Sequence[float]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def summarise(results: dict[str, dict[str, list[dict]]]) -> dict:
    """{system: {"topics": {topic: [figures]}, "mean": [figures], "mean_timelines": [figures]}}."""
    out: dict = {}
    for topic, per_system in results.items():
        for system, scores in per_system.items():
            row = [mean([figure(s, m) for s in scores]) for m in METRICS]
            out.setdefault(system, {"topics": {}, "all": []})["topics"][topic] = row
            out[system]["all"] += scores
    for system, d in out.items():
        rows = list(d["topics"].values())
        d["mean"] = [mean([r[i] for r in rows]) for i in range(len(METRICS))]
        d["mean_timelines"] = [mean([figure(s, m) for s in d["all"]]) for m in METRICS]
        del d["all"]
    return out


def table(summary: dict) -> str:
    lines = [f"{'system':<10} {'topic':<16}" + "".join(f"{h:>15}" for h in HEADS)]
    for system, d in summary.items():
        rows = list(d["topics"].items()) + [("MEAN (topics)", d["mean"]), ("mean (timelines)", d["mean_timelines"])]
        for topic, row in rows:
            lines.append(f"{system:<10} {topic:<16}" + "".join(f"{x:>15.4f}" for x in row))
    return "\n".join(lines)


def run(topic_dirs: Sequence[str], systems: Sequence[str] = SYSTEMS, model: str = "rules", workers: int = 1,
        out_json: str | None = None) -> dict:
    results: dict[str, dict] = {}
    t0, c0 = time.perf_counter(), time.process_time()
    for path in topic_dirs:
        topic = read_topic(path)
        arts = process_topic(path, workers)
        results[topic.name] = evaluate_topic(topic, arts, systems, model)
        print(f"{topic.name}: {len(arts)} articles, {len(topic.timelines)} timelines", file=sys.stderr)
    summary = summarise(results)
    print(table(summary))
    print(f"({time.perf_counter() - t0:.1f}s wall, {time.process_time() - c0:.1f}s CPU in this process; "
          f"model {model}, {workers} worker(s))", file=sys.stderr)
    if out_json:
        Path(out_json).write_text(json.dumps({"metrics": HEADS, "model": model, "summary": summary,
                                              "timelines": results}, indent=1), encoding="utf-8")
    return summary
