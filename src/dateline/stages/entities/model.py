"""The mention model at work and in training: spans scored, the best that do not overlap kept.

``MentionModel.choose`` is what the entities stage runs; ``examples`` turns annotated documents into the
same spans and features with their gold labels, and ``train`` fits the weights (``dateline.learn``), so the
evaluation (``dateline eval ner --folds``) and ``scripts/train_ner.py`` train exactly what the stage runs.
"""
from __future__ import annotations

from typing import Iterable

from ...learn import LinearModel, train_perceptron
from .._names import CEND, CLABEL, CSTART, CTOKENS
from .tagger import CLASSES, GOLD, MODEL_FILE, Context, Lexicons, Run, Shape, _low, context_features, \
    inner_features, model_dir, shape_key, span_context, title_before, word_after, word_before

EPOCHS = 12
SURE = frozenset({"PERSON", "ORG", "GPE"})   # rule labels the model leaves alone


class MentionModel:
    """``lin`` types the spans of a candidate: NONE, PERSON, ORG, GPE."""

    def __init__(self, lin: LinearModel, res):
        if tuple(lin.classes) != CLASSES:
            raise ValueError(f"mention model: expected classes {CLASSES}, found {tuple(lin.classes)}")
        self.lin, self.L = lin, Lexicons(res)
        self.bias = float(lin.meta.get("bias", 0.0))    # how much a name may score below NONE and still be kept
        self.extra = float(lin.meta.get("extra", 0.0))  # the margin a span the rules did not propose needs
        self._inner: dict[tuple, tuple[str, ...]] = {}
        self._shapes: dict = {}                         # shape_key -> Shape
        # (shape key, i, j, what the span's context features read) -> the model's answer
        self._decided: dict[tuple, tuple[float, str]] = {}

    @classmethod
    def load(cls, res) -> "MentionModel | None":
        path = model_dir(res) / MODEL_FILE
        return cls(LinearModel.load(path), res) if path.is_file() else None

    def features(self, run: Run, i: int, j: int, rule, ctx: Context) -> list[str]:
        return [*self._inner_features(run, i, j), *context_features(run, i, j, rule, ctx)]

    def _inner_features(self, run: Run, i: int, j: int) -> tuple[str, ...]:
        """A span's inner features, cached by its words (a tuple: the garbage collector stops tracking it)."""
        key = (*run.texts[i:j], run.poss[j - 1])
        inner = self._inner.get(key)
        if inner is None:
            if len(self._inner) > 200_000:
                self._inner.clear()
            inner = self._inner[key] = tuple(inner_features(run, i, j, self.L))
        return inner

    def choose(self, text: str, sentence_starts: list[int], names) -> list[tuple]:
        """Name candidates (start, end, tokens, label, title, title start, gender), in text order.

        Rules propose, the model decides where they cannot: a candidate the rules label PERSON, ORG or GPE
        stays as it is; one they leave open (?, ?FIRST, ?ACRONYM) takes the label of the best of its span and
        sub-spans ("Vladi" in "Hey Vladi"), or, when the model says NONE, is no name. Plain words ("Japanese",
        "Sales") and the words of a full name met in the document ("Reagan" after "Ronald Reagan") are left to the rules."""
        cands = candidates(text, names, self.L)
        ctx = Context(text, sentence_starts, cands, self.L)
        out: list[tuple] = []
        for c in cands:
            if c[CLABEL] in SURE or self._left_to_rules(text, c, ctx):
                out.append(c)
            else:
                self._decide(c, ctx, out)
        out.sort()
        return out

    def _decide(self, c, ctx: Context, out: list) -> None:
        """The best spans of an open candidate that do not overlap, each with the model's label."""
        s = c[CSTART]
        run = self._shape(ctx.text, s, c[CEND])
        scored = self._scored(run, s, c[CLABEL], ctx)
        if not scored:
            if c[CLABEL] != "?ACRONYM":              # an all-caps word the model does not take is no name
                out.append(c)
            return
        taken: list[tuple[int, int]] = []
        for margin, a, b, i, j, rule, label in sorted(scored):
            if all(b <= x or a >= y for x, y in taken):
                taken.append((a, b))
                if rule:
                    out.append((*c[:3], label, *c[4:]))
                else:
                    toks = tuple((s + x, s + y) for x, y in run.toks[i:j - 1]) + ((s + run.toks[j - 1][0], s + b),)
                    out.append((s + a, s + b, toks, label, *title_before(run, i, None, self.L, s)))

    def _shape(self, text: str, start: int, end: int) -> Shape:
        key = shape_key(text, start, end)
        got = self._shapes.get(key)
        if got is None:
            if len(self._shapes) > 100_000:
                self._shapes.clear()
            got = self._shapes[key] = Shape(text, start, end, self.L, key)
        return got

    def _left_to_rules(self, text: str, c, ctx: Context) -> bool:
        if len(c[CTOKENS]) != 1:
            return False
        w = _low(text[c[CSTART]:c[CEND]])
        return self.L.plain(w) or w in ctx.surnames or w in ctx.firsts

    def _scored(self, run: Shape, s: int, label: str, ctx: Context) -> list[tuple]:
        """(-(margin of the best name class over NONE), start, end (from the run's start ``s``), i, j, the rules'
        span?, label) of the spans of a candidate that score above NONE. The context a span's features read
        (the words around it, sentence start and case) is worked out once per run and keys the run's decisions:
        the same words in the same context get the same answer without their features."""
        out, text, n, decided, shape = [], ctx.text, len(run.toks), self._decided, run.key
        before = after = first = None
        known = (run.lows[0] in ctx.surnames, run.lows[0] in ctx.firsts) if n == 1 else None
        for a, b, i, j, rule in run.span_list:
            if i:
                prev, s0 = run.lows[i - 1], False
            else:
                if before is None:
                    before, first = word_before(text, s), ctx.sentence_start(s)
                prev, s0 = before, first
            if j < n:
                nxt = run.lows[j]
            else:
                if after is None:
                    after = word_after(text, s + run.ends[n - 1])
                nxt = after
            key = (shape, i, j, label if rule else "-", prev, nxt, s0, ctx.title_case(s + run.toks[i][0]), known)
            got = decided.get(key)
            if got is None:
                if len(decided) > 200_000:
                    decided.clear()
                got = decided[key] = self._score(run, i, j, key, ctx)
            if got[0] < 0:
                out.append((got[0], a, b, i, j, rule, got[1]))
        return out

    def _score(self, run: Shape, i: int, j: int, key: tuple, ctx: Context) -> tuple[float, str]:
        feats = [*self._inner_features(run, i, j), *span_context(run, i, j, *key[3:8], ctx)]
        s = self.lin.scores_fast(feats)
        if any(run.poss[i:j - 1]):
            s[1] = float("-inf")                 # a possessive never sits inside a person's name
        best = max(range(1, len(s)), key=s.__getitem__)
        return s[0] - s[best] - self.bias, CLASSES[best]


def candidates(text: str, names, L: Lexicons) -> list[tuple]:
    """The rules' name candidates and the places written in lower case, in text order."""
    cands = list(names.candidates(text))
    low = L.lower_places(text)
    return sorted(cands + low) if low else cands


def examples(docs: Iterable[tuple], res, settings=None) -> list[tuple[list[str], str]]:
    """(features, gold label) of the spans of every candidate (and their sub-spans) the stage could score,
    from (Document, {(start, end): type}); gold PER/ORG/LOC are PERSON/ORG/GPE, anything else NONE."""
    from ...settings import Settings
    from .._names import NameClassifier
    from ..registry import get_stage
    from .rules import compile_rules
    settings = settings or Settings()
    segment = get_stage("segment").factory(settings, res)
    names = NameClassifier(res, compile_rules(res).name_run)
    probe = MentionModel.__new__(MentionModel)
    probe.L, probe._inner = Lexicons(res), {}
    out = []
    for doc, gold in docs:
        doc = segment(doc)
        cands = candidates(doc.text, names, probe.L)
        ctx = Context(doc.text, [s.start for s in doc.sentences] or [0], cands, probe.L)
        for run in (Run(doc.text, c[CSTART], c[CEND], (c,)) for c in cands):
            for (a, b), (i, j, rule) in run.spans(probe.L).items():
                out.append((probe.features(run, i, j, rule, ctx), GOLD.get(gold.get((a, b)), "NONE")))
    return out


def train(examples_: list[tuple[list[str], str]], seed: int = 1, meta: dict | None = None) -> LinearModel:
    return train_perceptron(examples_, classes=CLASSES, epochs=EPOCHS, seed=seed, min_count=2, meta=meta)
