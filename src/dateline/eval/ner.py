"""Named-entity scores on IOB / IOB2 files (CoNLL-style columns): per-type precision, recall and F1.

    dateline eval ner FILE [--folds K] [--rules-only] [--json]

A file holds one token per line and a blank line between sentences. The token and its tag are the 2nd and 3rd
columns when the first is a number (UNER, CoNLL-U-like: ``index token tag ...``), else the first and the last
(CoNLL-2003: ``token pos chunk tag``). ``# text = ...`` lines give a sentence's original text (else the tokens
joined by spaces); ``# newdoc`` or ``-DOCSTART-`` lines start a document. Tags are IOB2 (``B-X`` opens a span)
or IOB1 (an ``I-X`` after ``O`` or another type opens one). Types are folded to PER, ORG, LOC and OTH
(``PERSON``, ``GPE``, ``FAC``, ``MISC``, ``WORK`` ...).

Each document's sentences (a blank line between them) run through the pipeline up to ``entities``; a name mention
counts over the tokens it overlaps (PERSON -> PER, ORG, GPE -> LOC, WORK -> OTH; pronouns and descriptions do
not). A span is right when its type and its first and last tokens equal a gold span's (CoNLL exact match).

``--folds K``: K-fold cross-validation by document (document i in fold i mod K). For each fold, the mention
model is trained (``entities.tagger.train``, the same features and candidates as the pipeline) on the other
folds only and scored on that fold; the figures pool the K held-out folds. Without ``--folds``, the shipped
model (or, with ``--rules-only``, none) tags the whole file.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

TYPES = ("PER", "ORG", "LOC", "OTH")
_FOLD = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "ORGANIZATION": "ORG", "LOC": "LOC", "GPE": "LOC",
         "LOCATION": "LOC", "FAC": "LOC", "MISC": "OTH", "OTH": "OTH", "WORK": "OTH", "WORK_OF_ART": "OTH"}
LABEL_TYPE = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "WORK": "OTH"}
DCT = "2010-01-01"          # the files carry no date; the entities do not depend on it


@dataclass
class Sentence:
    tokens: list[str]
    tags: list[str]
    text: str = ""
    offsets: list[tuple[int, int]] = field(default_factory=list)   # token spans in ``text``


@dataclass
class Doc:
    id: str
    sentences: list[Sentence]

    def text_and_offsets(self) -> tuple[str, list[list[tuple[int, int]]]]:
        """The document text (sentences separated by a blank line) and each sentence's token spans in it."""
        parts, spans, pos = [], [], 0
        for s in self.sentences:
            spans.append([(a + pos, b + pos) for a, b in s.offsets])
            parts.append(s.text)
            pos += len(s.text) + 2
        return "\n\n".join(parts), spans


def _offsets(text: str, tokens: list[str]) -> list[tuple[int, int]]:
    """Each token's span in the sentence text, found left to right (a token not found takes the gap)."""
    out, pos = [], 0
    for tok in tokens:
        i = text.find(tok, pos)
        if i < 0 or text[pos:i].strip():
            out.append((pos, pos))
            continue
        out.append((i, i + len(tok)))
        pos = i + len(tok)
    return out


def _columns(cols: list[str]) -> tuple[str, str]:
    if len(cols) >= 3 and cols[0].isdigit():
        return cols[1], cols[2]
    return cols[0], cols[-1]


def read_iob(path: str | Path) -> list[Doc]:
    docs: list[Doc] = []
    toks: list[str] = []
    tags: list[str] = []
    text = ""

    def close():
        nonlocal toks, tags, text
        if toks:
            t = text or " ".join(toks)
            if not docs:
                docs.append(Doc(f"d{len(docs) + 1}", []))
            docs[-1].sentences.append(Sentence(toks, tags, t, _offsets(t, toks)))
        toks, tags, text = [], [], ""

    for n, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip("\n")
        if line.startswith("# newdoc") or line.startswith("-DOCSTART-"):
            close()
            name = line.split("=", 1)[1].strip() if "=" in line else f"d{len(docs) + 1}"
            docs.append(Doc(name, []))
        elif line.startswith("# text ="):
            text = line.split("=", 1)[1].strip()
        elif line.startswith("#"):
            continue
        elif not line.strip():
            close()
        else:
            cols = line.split("\t") if "\t" in line else line.split()
            if len(cols) < 2:
                raise ValueError(f"{path}:{n}: expected a token and a tag, found {line!r}")
            tok, tag = _columns(cols)
            toks.append(tok)
            tags.append(tag)
    close()
    return [d for d in docs if d.sentences]


def spans(tags: list[str]) -> set[tuple[str, int, int]]:
    """(type, first token, last token + 1) of each entity in an IOB1 or IOB2 tag sequence."""
    out, cur = set(), None
    for i, tag in enumerate(tags + ["O"]):
        kind, _, typ = tag.partition("-")
        typ = _FOLD.get(typ.upper(), typ.upper()) if typ else ""
        if cur and (kind in ("B", "O", "") or typ != cur[0] or kind not in ("I", "E", "L")):
            out.add((cur[0], cur[1], i))
            cur = None
        if kind in ("B", "S", "U") or (kind in ("I", "E", "L") and cur is None):
            cur = (typ, i)
        if kind in ("S", "U", "E", "L") and cur:
            out.add((cur[0], cur[1], i + 1))
            cur = None
    return out


@dataclass
class Scores:
    tp: Counter = field(default_factory=Counter)
    pred: Counter = field(default_factory=Counter)
    gold: Counter = field(default_factory=Counter)

    def add(self, gold: set, pred: set) -> None:
        for t, *_ in gold:
            self.gold[t] += 1
        for t, *_ in pred:
            self.pred[t] += 1
        for t, *_ in gold & pred:
            self.tp[t] += 1

    def prf(self, t: str | None = None) -> tuple[float, float, float]:
        tp = sum(self.tp.values()) if t is None else self.tp[t]
        np = sum(self.pred.values()) if t is None else self.pred[t]
        ng = sum(self.gold.values()) if t is None else self.gold[t]
        p = tp / np if np else 0.0
        r = tp / ng if ng else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def as_dict(self) -> dict:
        out = {}
        for t in (*TYPES, None):
            if t is None or self.gold[t] or self.pred[t]:
                p, r, f = self.prf(t)
                out[t or "all"] = {"p": 100 * p, "r": 100 * r, "f": 100 * f, "gold": self.gold[t] if t else
                                   sum(self.gold.values()), "pred": self.pred[t] if t else sum(self.pred.values())}
        return out


def predicted_spans(doc, offsets: list[list[tuple[int, int]]]) -> list[set]:
    """Each sentence's (type, first token, last token + 1) from a processed document's name mentions."""
    out = [set() for _ in offsets]
    flat = [(a, b, si, ti) for si, sent in enumerate(offsets) for ti, (a, b) in enumerate(sent) if b > a]
    starts = [x[0] for x in flat]
    from bisect import bisect_left
    for m in doc.mentions:
        typ = LABEL_TYPE.get(m.label)
        if m.kind != "name" or typ is None:
            continue
        k = max(0, bisect_left(starts, m.start) - 1)
        hit = []
        while k < len(flat) and flat[k][0] < m.end:
            if flat[k][1] > m.start:
                hit.append(flat[k])
            k += 1
        if hit and hit[0][2] == hit[-1][2]:
            out[hit[0][2]].add((typ, hit[0][3], hit[-1][3] + 1))
    return out


def evaluate(docs: list[Doc], pipeline) -> Scores:
    from ..model import Document
    scores = Scores()
    for d in docs:
        text, offsets = d.text_and_offsets()
        got = pipeline(Document(id=d.id, text=text, dct=DCT))
        for sent, pred in zip(d.sentences, predicted_spans(got, offsets)):
            scores.add(spans(sent.tags), pred)
    return scores


def cross_validate(docs: list[Doc], folds: int, settings=None, seed: int = 1) -> Scores:
    """K-fold by document: each fold tagged by a model trained on the other folds only."""
    from ..grammar import load_resources
    from ..settings import Settings
    from ..stages.entities import model as mm
    settings = settings or Settings()
    res = load_resources(settings.language, settings.resources)
    scores = Scores()
    for k in range(folds):
        train = [d for i, d in enumerate(docs) if i % folds != k]
        test = [d for i, d in enumerate(docs) if i % folds == k]
        lin = mm.train(mm.examples(train_documents(train), res, settings), seed=seed)
        part = evaluate(test, stage_pipeline(settings, res, mm.MentionModel(lin, res)))
        scores.tp.update(part.tp)
        scores.pred.update(part.pred)
        scores.gold.update(part.gold)
    return scores


def stage_pipeline(settings, res, model):
    """segment -> timex_extract -> timex_anchor -> entities, with a given mention model (None: rules only)."""
    from ..stages import entities
    from ..stages.registry import get_stage
    before = [get_stage(n).factory(settings, res) for n in ("segment", "timex_extract", "timex_anchor")]
    ent = entities.build(settings, res, model)

    def run(doc):
        for f in before:
            doc = f(doc)
        return ent(doc)
    return run


def train_documents(docs: list[Doc]):
    """(Document, gold char spans {(start, end): type}) for training: the same text the evaluation builds."""
    from ..model import Document
    for d in docs:
        text, offsets = d.text_and_offsets()
        gold = {}
        for sent, offs in zip(d.sentences, offsets):
            for typ, a, b in spans(sent.tags):
                if offs[a][1] > offs[a][0] and offs[b - 1][1] > offs[b - 1][0]:
                    gold[(offs[a][0], offs[b - 1][1])] = typ
        yield Document(id=d.id, text=text, dct=DCT), gold


def format_scores(scores: Scores, title: str) -> str:
    lines = [title, f"{'type':6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
    for t, v in scores.as_dict().items():
        lines.append(f"{t:6} {v['p']:6.1f} {v['r']:6.1f} {v['f']:6.1f} {v['gold']:6d} {v['pred']:6d}")
    return "\n".join(lines)


def main(path: str, folds: int = 0, rules_only: bool = False, as_json: bool = False) -> int:
    from ..pipeline import Pipeline
    from ..settings import Settings
    docs = read_iob(path)
    settings = Settings(learned=not rules_only)
    if folds > 1 and not rules_only:
        scores = cross_validate(docs, folds, settings)
        title = f"{path}: {len(docs)} documents, {folds}-fold cross-validation by document (held-out folds)"
    else:
        scores = evaluate(docs, Pipeline(["segment", "timex_extract", "timex_anchor", "entities"], settings))
        title = f"{path}: {len(docs)} documents, {'rules only' if rules_only else 'shipped model'}"
    print(json.dumps(scores.as_dict(), indent=1) if as_json else format_scores(scores, title))
    return 0


if __name__ == "__main__":       # python -m dateline.eval.ner FILE [--folds K] [--rules-only]
    import argparse
    ap = argparse.ArgumentParser(prog="python -m dateline.eval.ner")
    ap.add_argument("file")
    ap.add_argument("--folds", type=int, default=0)
    ap.add_argument("--rules-only", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    sys.exit(main(a.file, a.folds, a.rules_only, a.json))
