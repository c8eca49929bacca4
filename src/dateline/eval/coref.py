"""Within-article coreference of people: mention detection and MUC / B-cubed against hand-annotated articles.

    dateline eval coref FILE [--rules-only] [--json]

FILE is JSONL, one article a line: ``{"id", "dct", "text"}`` where ``text`` marks every mention of a person
as ``[words]{cluster}``: names ("[Maya Collins]{c1}", "[Collins]{c1}"), third-person pronouns ("[she]{c1}") and
descriptions ("[the 41-year-old singer]{c1}"); a mention of someone named only once is a cluster of one.
The markup is removed and the plain text runs through the default pipeline; the system's mentions are the
entities stage's PERSON mentions (names, pronouns, descriptions) with their entity ids.

Scores (the CoNLL-2012 definitions, over all mentions, so a mention found by one side only counts against it):
- mentions: exact-span precision, recall and F1;
- MUC (links; Vilain et al. 1995) and B-cubed (per mention; Bagga & Baldwin 1998) precision, recall, F1;
- link accuracy by kind: of the gold names after the first, pronouns and descriptions, the share the system
  puts in the entity of the right person (the entity holding most of the gold cluster's other mentions).
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

_MARK = re.compile(r"\[([^\[\]]+)\]\{([A-Za-z0-9_-]+)\}")
KINDS = ("name", "pronoun", "description")
_PRONOUNS = frozenset("he him his himself she her hers herself they them their theirs themselves".split())


@dataclass
class Article:
    id: str
    dct: str
    text: str
    gold: dict[tuple[int, int], str]          # mention span -> cluster


def parse(line: dict) -> Article:
    """The plain text of a marked-up article and its gold mentions."""
    out, gold, pos = [], {}, 0
    raw = line["text"]
    last = 0
    for m in _MARK.finditer(raw):
        out.append(raw[last:m.start()])
        pos += m.start() - last
        words = m.group(1)
        gold[(pos, pos + len(words))] = m.group(2)
        out.append(words)
        pos += len(words)
        last = m.end()
    out.append(raw[last:])
    text = "".join(out)
    if "[" in text and "]{" in text:
        raise ValueError(f"{line.get('id')}: a mention mark is not closed")
    return Article(str(line["id"]), line["dct"], text, gold)


def read(path: str | Path) -> list[Article]:
    rows = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            try:
                rows.append(parse(json.loads(line)))
            except (ValueError, KeyError) as e:
                raise ValueError(f"{path}:{n}: {e}") from None
    return rows


def kind_of(text: str, span: tuple[int, int], first: bool) -> str:
    words = text[span[0]:span[1]]
    if words.lower() in _PRONOUNS:
        return "pronoun"
    if words[:1].islower() or words.lower().startswith(("the ", "this ", "that ")):
        return "description"
    return "name" if not first else "first_name"


def clusters(mentions: dict[tuple[int, int], str]) -> list[set]:
    by = defaultdict(set)
    for span, c in mentions.items():
        by[c].add(span)
    return list(by.values())


def muc(key: list[set], response: list[set]) -> tuple[float, float]:
    """(numerator, denominator) of MUC recall of ``response`` against ``key`` (swap them for precision)."""
    where = {m: i for i, r in enumerate(response) for m in r}
    num = den = 0
    for k in key:
        parts = {where.get(m, ("alone", m)) for m in k}
        num += len(k) - len(parts)
        den += len(k) - 1
    return num, den


def b3(key: list[set], response: list[set]) -> tuple[float, float]:
    """(numerator, denominator) of B-cubed recall (CoNLL-2012: sum over key and response clusters)."""
    num = sum(len(k & r) ** 2 / len(k) for k in key for r in response if k & r)
    return num, sum(len(k) for k in key)


@dataclass
class Scores:
    mentions: Counter = field(default_factory=Counter)          # tp, gold, pred
    muc: list = field(default_factory=lambda: [0.0, 0.0, 0.0, 0.0])   # r num, r den, p num, p den
    b3: list = field(default_factory=lambda: [0.0, 0.0, 0.0, 0.0])
    links: Counter = field(default_factory=Counter)             # (kind, ok|total)

    def add(self, art: Article, system: dict[tuple[int, int], str]) -> None:
        gold = art.gold
        self.mentions["gold"] += len(gold)
        self.mentions["pred"] += len(system)
        self.mentions["tp"] += len(set(gold) & set(system))
        key, resp = clusters(gold), clusters(system)
        for acc, f in ((self.muc, muc), (self.b3, b3)):
            rn, rd = f(key, resp)
            pn, pd = f(resp, key)
            acc[0] += rn
            acc[1] += rd
            acc[2] += pn
            acc[3] += pd
        self._links(art, system)

    def _links(self, art: Article, system: dict[tuple[int, int], str]) -> None:
        """Each gold mention after the first of its cluster: is it in the system entity that holds most of the
        cluster's other mentions?"""
        for k in clusters(art.gold):
            spans = sorted(k)
            for n, span in enumerate(spans):
                kind = kind_of(art.text, span, n == 0)
                if n == 0 or kind == "first_name":
                    continue
                others = Counter(system[s] for s in spans if s != span and s in system)
                right = others.most_common(1)[0][0] if others else None
                self.links[(kind, "total")] += 1
                self.links[(kind, "ok")] += right is not None and system.get(span) == right

    @staticmethod
    def _prf(rn, rd, pn, pd) -> dict:
        r = rn / rd if rd else 0.0
        p = pn / pd if pd else 0.0
        return {"p": 100 * p, "r": 100 * r, "f": 100 * (2 * p * r / (p + r) if p + r else 0.0)}

    def as_dict(self) -> dict:
        m = self.mentions
        out = {"mentions": self._prf(m["tp"], m["gold"], m["tp"], m["pred"]),
               "muc": self._prf(*self.muc), "b3": self._prf(*self.b3)}
        out["conll_f"] = (out["muc"]["f"] + out["b3"]["f"]) / 2
        out["links"] = {k: {"accuracy": 100 * self.links[(k, "ok")] / self.links[(k, "total")],
                            "n": self.links[(k, "total")]} for k in KINDS if self.links[(k, "total")]}
        return out


def system_mentions(doc) -> dict[tuple[int, int], str]:
    return {(m.start, m.end): m.entity or f"~{m.id}" for m in doc.mentions if m.label == "PERSON"}


def evaluate(articles: list[Article], pipeline) -> Scores:
    from ..model import Document
    scores = Scores()
    for art in articles:
        scores.add(art, system_mentions(pipeline(Document(id=art.id, text=art.text, dct=art.dct))))
    return scores


def format_scores(s: dict, title: str) -> str:
    lines = [title, f"{'':12} {'P':>6} {'R':>6} {'F1':>6}"]
    for k in ("mentions", "muc", "b3"):
        lines.append(f"{k:12} {s[k]['p']:6.1f} {s[k]['r']:6.1f} {s[k]['f']:6.1f}")
    lines.append(f"{'CoNLL F1':12} {s['conll_f']:20.1f}")
    for k, v in s["links"].items():
        lines.append(f"links {k:12} {v['accuracy']:5.1f}% of {v['n']}")
    return "\n".join(lines)


def main(path: str, rules_only: bool = False, as_json: bool = False) -> int:
    from ..pipeline import Pipeline
    from ..settings import Settings
    arts = read(path)
    s = evaluate(arts, Pipeline(settings=Settings(learned=not rules_only))).as_dict()
    title = f"{path}: {len(arts)} articles, {sum(len(a.gold) for a in arts)} gold mentions" + \
        (", rules only" if rules_only else "")
    print(json.dumps(s, indent=1) if as_json else format_scores(s, title))
    return 0


if __name__ == "__main__":       # python -m dateline.eval.coref FILE [--rules-only] [--json]
    import argparse
    ap = argparse.ArgumentParser(prog="python -m dateline.eval.coref")
    ap.add_argument("file")
    ap.add_argument("--rules-only", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    sys.exit(main(a.file, a.rules_only, a.json))
