"""Fit the story's sentence weights on Timeline17 topics and write
``src/dateline/resources/models/story/weights.json`` (all topics, plus one set per held-out topic for
leave-one-topic-out evaluation with ``dateline eval tls``).

    .venv/bin/python scripts/train_story.py ../shared/data/tls/t17/{bpoil,egypt,finan,h1n1,haiti}

Rows: for each reference timeline, the candidate sentences (``story.sentences.candidates``) of its
reference dates, with their features (``sentences.FEATURES``) computed exactly as ``build_story``
does; target: the sentence's ROUGE-1 F1 against that date's reference summary, with the reference's
length divided by its number of sentences (one sentence's share). Articles that contain two or more
near-copies of reference sentences (some Timeline17 articles reprint a timeline) are left out of the
training rows, so the weights learn what makes a sentence a good summary in ordinary coverage, not
how to find a reprinted timeline; the system itself never looks for them. Ridge regression on
standardised features (lambda 1.0), solved exactly; deterministic (no sampling). The day weights stay
the rule's (articles naming the day + later ones): a learned day ranker did not beat it held out.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from dateline.eval import rouge
from dateline.eval.tls import process_topic, task
from dateline.eval.tls_data import read_topic
from dateline.story import sentences as S
from dateline.story import text as T
from dateline.story.dates import day_evidence, rank_days
from dateline.story.model import RULES

OUT = Path(__file__).resolve().parents[1] / "src" / "dateline" / "resources" / "models" / "story" / "weights.json"
LAMBDA = 1.0


def copies(arts, timelines) -> set[str]:
    """Articles with two or more sentences that are near-copies (ROUGE-1 F1 > 0.8) of a reference sentence."""
    refs = [Counter(rouge.tokens(s)) for tl in timelines for ss in tl.values() for s in ss]
    index: dict[str, list[int]] = {}
    for i, r in enumerate(refs):
        for w in r:
            index.setdefault(w, []).append(i)
    out = set()
    for a in arts:
        n = 0
        for s in a.sentences:
            c = Counter(rouge.tokens(s))
            near = Counter(i for w in c for i in index.get(w, ()))
            if len(c) >= 5 and any(_f1(c, refs[i]) > 0.8 for i, _ in near.most_common(3)):
                n += 1
        if n >= 2:
            out.add(a.id)
    return out


def _f1(c: Counter, r: Counter, r_len: float | None = None) -> float:
    hit = sum(min(v, r[w]) for w, v in c.items() if w in r)
    n, m = sum(c.values()), r_len if r_len is not None else sum(r.values())
    return 2 * hit / (n + m) if n + m else 0.0


def rows(topic, arts) -> tuple[list[list[float]], list[float]]:
    skip = copies(arts, topic.timelines)
    X, y = [], []
    query = set(T.content_words(" ".join(topic.keywords)))
    for tl in topic.timelines:
        start, end, l, k = task(tl)
        pool = sorted((a for a in arts if start <= a.dct <= end), key=lambda a: (a.dct, a.id))
        ranked = [d for d, _ in rank_days(day_evidence(pool, start, end), RULES.date_weights)]
        considered = set(ranked[:int(l * 1.5) + 5]) | set(tl)
        by_day = S.candidates(pool, considered)
        centres, story = S.centroids(by_day)
        for day, cs in by_day.items():
            if day not in tl:
                continue
            ref = Counter(rouge.tokens(" ".join(tl[day])))
            share = sum(ref.values()) / max(1, len(tl[day]))
            centre = centres[day]
            for c in cs:
                a = pool[c.article]
                if a.id in skip:
                    continue
                X.append(S.features(c, a, centre, story, query))
                y.append(_f1(Counter(rouge.tokens(a.sentences[c.sentence])), ref, share))
    return X, y


def ridge(X: list[list[float]], y: list[float], lam: float = LAMBDA) -> list[float]:
    """Least squares on standardised columns with an L2 penalty; weights on the original scale."""
    n, d = len(X), len(X[0])
    mu = [sum(r[j] for r in X) / n for j in range(d)]
    sd = [max(1e-9, (sum((r[j] - mu[j]) ** 2 for r in X) / n) ** 0.5) for j in range(d)]
    ym = sum(y) / n
    Z = [[(r[j] - mu[j]) / sd[j] for j in range(d)] for r in X]
    A = [[sum(z[i] * z[j] for z in Z) + (lam if i == j else 0.0) for j in range(d)] for i in range(d)]
    b = [sum(z[i] * (t - ym) for z, t in zip(Z, y)) for i in range(d)]
    w = _solve(A, b)
    return [w[j] / sd[j] for j in range(d)]


def _solve(A: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting."""
    n = len(b)
    M = [row[:] + [b[i]] for i, row in enumerate(A)]
    for col in range(n):
        piv = max(range(col, n), key=lambda r: abs(M[r][col]))
        M[col], M[piv] = M[piv], M[col]
        for r in range(n):
            if r != col and M[r][col]:
                f = M[r][col] / M[col][col]
                M[r] = [x - f * y for x, y in zip(M[r], M[col])]
    return [M[i][n] / M[i][i] for i in range(n)]


def weights(w: list[float]) -> dict:
    return {"dates": {"log_articles": 1.0, "log_later": 1.0},
            "sentences": {f: round(x, 5) for f, x in zip(S.FEATURES, w)}}


def main(dirs: list[str]) -> None:
    data = {}
    for path in dirs:
        topic = read_topic(path)
        data[topic.name] = rows(topic, process_topic(path, workers=2))
        print(f"{topic.name}: {len(data[topic.name][0])} training rows", file=sys.stderr)
    out = weights(ridge(sum((X for X, _ in data.values()), []), sum((y for _, y in data.values()), [])))
    out["held_out"] = {}
    for name in data:
        rest = [v for k, v in data.items() if k != name]
        out["held_out"][name] = weights(ridge(sum((X for X, _ in rest), []), sum((y for _, y in rest), [])))
    out["trained_on"] = sorted(data)
    OUT.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(out["sentences"], indent=1))
    print(f"wrote {OUT}", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1:])
