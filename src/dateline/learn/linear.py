"""A sparse linear model over string features: averaged-perceptron training, compact weights, fast scores.

Inference is ``score(c) = bias[c] + sum(W[f, c] for f in features)``: a dictionary lookup per feature and a
few additions, in plain Python (no dependency), so a model costs only what its candidates cost. Training is the
averaged perceptron (Collins 2002; Freund & Schapire 1999) with a fixed seed: the same examples and seed give
the same weights, byte for byte.

The file format (``save`` / ``load``) is one zlib-compressed blob: a JSON header line (format, classes, the
number of features, ``meta``), the feature strings one per line, then the float32 weights (rows of
``len(classes)``, bias row first), little-endian.
"""
from __future__ import annotations

import json
import random
import sys
import zlib
from array import array
from collections import Counter
from itertools import accumulate, chain, repeat
from pathlib import Path
from typing import Iterable, Mapping, Sequence

FORMAT = "dateline-linear-1"
Features = Sequence[str]


class LinearModel:
    """Multi-class scores over sparse string features (unknown features weigh nothing)."""

    __slots__ = ("classes", "meta", "_feats", "_idx", "_w", "_k", "_first", "_rows")

    def __init__(self, classes: Sequence[str], features: Sequence[str], weights: array,
                 meta: Mapping | None = None):
        k = len(classes)
        if len(weights) != (len(features) + 1) * k:
            raise ValueError(f"expected {(len(features) + 1) * k} weights, found {len(weights)}")
        self.classes = tuple(classes)
        self.meta = dict(meta or {})
        self._k = k
        self._w = weights
        self._feats = features
        self._idx: dict[str, int] | None = None        # feature -> row offset (row 0 is the bias), made on first use
        # feature -> weight of the first class, made in C (the k-th weights, each row's first): all a one-class
        # model reads, so a model is ready without a dictionary of offsets
        self._first = dict(zip(features, weights[k::k]))
        self._rows: dict[str, tuple[float, ...]] | None = None               # for scores_fast, made on first use

    @property
    def _index(self) -> dict[str, int]:
        idx = self._idx
        if idx is None:
            k = self._k
            idx = self._idx = {f: (i + 1) * k for i, f in enumerate(self._feats)}
        return idx

    def __len__(self) -> int:
        return len(self._first)

    def scores(self, feats: Iterable[str]) -> list[float]:
        w, k, get = self._w, self._k, self._index.get
        out = list(w[:k])
        if k == 1:
            s = out[0]
            for f in feats:
                o = get(f)
                if o is not None:
                    s += w[o]
            return [s]
        for f in feats:
            o = get(f)
            if o is not None:
                for c in range(k):
                    out[c] += w[o + c]
        return out

    def score(self, feats: Iterable[str]) -> float:
        """The first class's score (all a one-class model has), summed in C: ``scores(feats)[0]``."""
        return self._w[0] + sum(map(self._first.get, feats, repeat(0.0)))

    def best(self, candidates: Sequence[Sequence[str]]) -> int:
        """The index of the highest-scoring candidate (first class), all features looked up in one C pass."""
        if len(candidates) == 1:
            return 0
        first = self._first
        flat = list(chain.from_iterable(candidates))
        sums = [0.0, *accumulate(map(first.get, flat, repeat(0.0)))]
        best, top, pos = 0, None, 0
        for i, c in enumerate(candidates):
            end = pos + len(c)
            s = sums[end] - sums[pos]
            if top is None or s > top:
                best, top = i, s
            pos = end
        return best

    def scores_fast(self, feats: Iterable[str]) -> list[float]:
        """The scores of ``scores`` (each class summed in the same order: bias, then the features in turn), with
        the additions done in C over per-feature rows: several times faster for a model that scores many
        candidates. The rows (one tuple per feature) are made on first use."""
        rows = self._rows
        if rows is None:
            w, k = self._w, self._k
            rows = self._rows = {f: tuple(w[o:o + k]) for f, o in self._index.items()}
            rows[""] = tuple(w[:k])
        hit = [r for r in map(rows.get, feats) if r is not None]
        return list(map(sum, zip(rows[""], *hit)))

    def predict(self, feats: Iterable[str]) -> str:
        s = self.scores(feats)
        return self.classes[max(range(len(s)), key=s.__getitem__)]

    def score_of(self, feats: Iterable[str], label: str) -> float:
        """The score of one class minus the best other class's (the decision margin)."""
        s = self.scores(feats)
        i = self.classes.index(label)
        others = [x for j, x in enumerate(s) if j != i]
        return s[i] - (max(others) if others else 0.0)

    # -- files ---------------------------------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        feats = sorted(self._index, key=self._index.__getitem__)
        head = json.dumps({"format": FORMAT, "classes": list(self.classes), "features": len(feats),
                           "meta": self.meta}, sort_keys=True)
        w = array("f", self._w)
        if sys.byteorder != "little":                      # pragma: no cover
            w.byteswap()
        body = head.encode() + b"\n" + "\n".join(feats).encode() + b"\n" + w.tobytes()
        Path(path).write_bytes(zlib.compress(body, 9))

    @classmethod
    def load(cls, path: str | Path) -> "LinearModel":
        raw = zlib.decompress(Path(path).read_bytes())
        nl = raw.index(b"\n")
        head = json.loads(raw[:nl])
        if head.get("format") != FORMAT:
            raise ValueError(f"{path}: expected a {FORMAT} file, found {head.get('format')!r}")
        n, k = head["features"], len(head["classes"])
        size = (n + 1) * k * 4
        text, blob = raw[nl + 1:len(raw) - size], raw[len(raw) - size:]
        feats = text.decode().split("\n")[:n] if n else []
        w = array("f")
        w.frombytes(blob)
        if sys.byteorder != "little":                      # pragma: no cover
            w.byteswap()
        return cls(head["classes"], feats, w, head.get("meta"))


class _Averaged:
    """Perceptron weights with their running sum over time, kept lazily (each weight's sum catches up when
    the weight changes): ``averages()`` is the averaged perceptron's result."""

    def __init__(self, size: int):
        self.w = [0.0] * size
        self.total = [0.0] * size
        self.stamp = [0] * size
        self.t = 0

    def update(self, j: int, delta: float) -> None:
        w, t = self.w, self.t
        self.total[j] += (t - self.stamp[j]) * w[j]
        self.stamp[j] = t
        w[j] += delta

    def visits(self, data: Sequence, epochs: int, seed: int):
        """Each item of ``data`` once per epoch, in an order shuffled by ``random.Random(seed)``; one time step
        per visit."""
        rng = random.Random(seed)
        order = list(range(len(data)))
        for _ in range(epochs):
            rng.shuffle(order)
            for n in order:
                self.t += 1
                yield data[n]

    def averages(self) -> list[float]:
        t = max(self.t, 1)
        w, total, stamp = self.w, self.total, self.stamp
        return [(total[j] + (t - stamp[j]) * w[j]) / t for j in range(len(w))]


def train_perceptron(examples: Sequence[tuple[Features, str]], classes: Sequence[str] | None = None,
                     epochs: int = 10, seed: int = 1, min_count: int = 1, prune: float = 1e-6,
                     meta: Mapping | None = None) -> LinearModel:
    """An averaged multi-class perceptron over ``(features, label)`` examples.

    ``classes``: the label set in a fixed order (default: sorted labels); a binary problem with ``classes`` of
    one name scores that class against 0 (update +1 / -1 by whether the label equals it). ``min_count`` drops
    features seen fewer times; ``prune`` drops features whose averaged weights are all below it in size.
    Deterministic: examples are visited in an order shuffled by ``random.Random(seed)`` each epoch.
    """
    counts = Counter(f for feats, _ in examples for f in set(feats))
    vocab = sorted(f for f, c in counts.items() if c >= min_count)
    index = {f: i + 1 for i, f in enumerate(vocab)}          # 0 is the bias
    labels = list(classes) if classes is not None else sorted({y for _, y in examples})
    binary = len(labels) == 1
    k = len(labels)
    lab = {y: i for i, y in enumerate(labels)}
    rows = len(vocab) + 1
    acc = _Averaged(rows * k)
    w, update = acc.w, acc.update
    data = [([0] + sorted({index[f] for f in feats if f in index}), y) for feats, y in examples]
    for idx, y in acc.visits(data, epochs, seed):
        if binary:
            s = sum(w[i] for i in idx)
            gold = 1.0 if y == labels[0] else -1.0
            if s * gold <= 0:
                for i in idx:
                    update(i, gold)
            continue
        scores = [0.0] * k
        for i in idx:
            o = i * k
            for c in range(k):
                scores[c] += w[o + c]
        guess = max(range(k), key=scores.__getitem__)
        g = lab[y]
        if guess != g:
            for i in idx:
                update(i * k + g, 1.0)
                update(i * k + guess, -1.0)
    avg = acc.averages()
    keep = [i for i in range(1, rows) if any(abs(avg[i * k + c]) >= prune for c in range(k))]
    weights = array("f", avg[:k])
    for i in keep:
        weights.extend(avg[i * k:(i + 1) * k])
    return LinearModel(labels, [vocab[i - 1] for i in keep], weights, meta)


def train_ranker(groups: Sequence[tuple[Sequence[Features], int | None]], name: str = "score", epochs: int = 10,
                 seed: int = 1, min_count: int = 1, prune: float = 1e-6,
                 meta: Mapping | None = None) -> LinearModel:
    """An averaged ranking perceptron: each group is the candidates of one decision (their features) and the
    index of the right one (None: none is right, the group only adds features). The model scores one class,
    ``name``; the decision is the candidate of highest score (``LinearModel.scores(feats)[0]``).

    Update rule (Collins 2002): when the best-scored candidate is not the right one, add the right one's
    features and subtract the chosen one's. Deterministic: groups are visited in an order shuffled by
    ``random.Random(seed)`` each epoch.
    """
    counts = Counter(f for cands, _ in groups for feats in cands for f in set(feats))
    vocab = sorted(f for f, c in counts.items() if c >= min_count)
    index = {f: i + 1 for i, f in enumerate(vocab)}          # 0 is the bias (constant: it cancels in a ranking)
    rows = len(vocab) + 1
    acc = _Averaged(rows)
    w, update = acc.w, acc.update
    data = [([sorted({index[f] for f in feats if f in index}) for feats in cands], gold)
            for cands, gold in groups if gold is not None and len(cands) > 1]
    for cands, gold in acc.visits(data, epochs, seed):
        scores = [sum(w[i] for i in idx) for idx in cands]
        best = max(range(len(cands)), key=scores.__getitem__)
        if best != gold and scores[best] >= scores[gold]:
            for i in cands[gold]:
                update(i, 1.0)
            for i in cands[best]:
                update(i, -1.0)
    avg = acc.averages()
    keep = [i for i in range(1, rows) if abs(avg[i]) >= prune]
    weights = array("f", [0.0])
    weights.extend(avg[i] for i in keep)
    return LinearModel([name], [vocab[i - 1] for i in keep], weights, meta)
