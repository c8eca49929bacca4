"""Rules propose, models decide: the learned attribution cascade.

For every cue candidate (a word of the cue lexicon or of the model's learned cue vocabulary, or a cue the rules
found), linear models (``dateline.learn``) decide in turn: is it an attribution's cue; how far the cue reaches
(left, right); where its content starts and ends; where its source ends (or that it has none) and starts.
Each decision picks the best of its candidates (``features.py``); the rules' own find for the same cue is one
feature among others. The records it returns have the shape of the rule finders' (np, cue, spans, kind, rule),
so speakers, medium and said_on are assigned by the same code (``assemble.to_quotes``).

The weights live in ``resources/models/attribution/`` (model card: README.md there, docs/models.md), trained by
``scripts/train_attribution.py``.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from ...grammar import trie_alternation
from ...grammar.regex import compile as rx_compile   # the on-disk compiled-pattern cache
from ...learn import LinearModel
from . import features as F
from .._text import trim_span as trim
from .speakers import subject_of
from .tokens import paragraph_tokens

MAX_PER_SENTENCE = 12          # accepted cues per sentence at most (long run-on "sentences" stay linear)
_MIXED = re.compile(r"[“”\"«»]|''")      # a quote mark inside a fragment makes it mixed
_LETTERS = re.compile(r"[A-Za-z’']+")
DECISIONS = ("cue", "cue_left", "cue_right", "content_start", "content_end", "source_end", "source_start")


def model_dir() -> Path:
    from ...grammar.loader import resource_root
    return resource_root() / "models" / "attribution"


@dataclass
class Models:
    """The seven linear models, the learned cue vocabulary and the cue threshold."""
    models: dict
    vocab: frozenset
    threshold: float

    @classmethod
    def load(cls, folder: Path | None = None) -> "Models | None":
        folder = folder or model_dir()
        if not (folder / "meta.json").is_file():
            return None
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        models = {d: LinearModel.load(folder / f"{d}.bin") for d in DECISIONS}
        return cls(models, frozenset(meta["vocab"]), float(meta["threshold"]))

    def save(self, folder: Path, meta: dict) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for d in DECISIONS:
            self.models[d].save(folder / f"{d}.bin")
        data = dict(meta, vocab=sorted(self.vocab), threshold=self.threshold)
        (folder / "meta.json").write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    def best(self, decision: str, cands):
        """The best candidate's position (the first one's when there is one; None when there is none)."""
        if len(cands) < 2:
            return cands[0][0] if cands else None
        return cands[self.models[decision].best([f for _, f in cands])][0]


class Cascade:
    """The learned decisions over one document's cue candidates."""

    def __init__(self, rules, models: Models):
        self.rules = rules
        self.models = models
        self.lemmas: dict[str, str] = {}
        self.classes: dict[str, str] = {}
        for forms, norm in rules.cue_rows:
            lemma, *rest = norm.split(" +")[0].split()
            for f in forms:
                if f != "-":
                    self.lemmas[f] = lemma
                    self.classes[f] = "_".join(rest)
        # past and -ing forms of cue verbs: a source holding one is a clause ("it attacked the mayor")
        self.verb_forms = frozenset(f for forms, _ in rules.cue_rows for f in forms[2:] if f != "-")
        self.medium_heads = frozenset(m.split()[-1] for m in rules.medium_lex)
        words = set(self.lemmas) | set(models.vocab) | {"according"}
        self.cue_rx = rx_compile(r"(?<![\w’'-])" + trie_alternation(sorted(words)) + r"(?![\w’'-])", re.I)

    # ---- candidates ---------------------------------------------------------------------------------
    def heads(self, ctx, finds, quoted, cache):
        """Cue candidates: (paragraph tokens, head token index, the rule find whose cue holds it or None)."""
        by_cue = sorted(((f["cue"], f) for f in finds if f.get("cue")), key=lambda x: x[0])
        starts = [c[0] for c, _ in by_cue]
        out, seen = [], set()
        for m in self.cue_rx.finditer(ctx.text):
            P = paragraph_tokens(ctx, cache, m.start(), quoted)
            i = P.index_at(m.start())
            if i is None or (P.start, i) in seen:
                continue
            seen.add((P.start, i))
            out.append((P, i, _find_holding(by_cue, starts, m.start())))
        for (a, b), f in by_cue:                      # cues of the rules that are no cue word (":", "In", "―")
            P = paragraph_tokens(ctx, cache, a, quoted)
            i = P.index_at(a)
            if i is not None and (P.start, i) not in seen:
                seen.add((P.start, i))
                out.append((P, i, f))
        return out

    def describe(self, P, i, find):
        w = P.low[i]
        return self.lemmas.get(w, w), self.classes.get(w, "x"), (find["rule"] if find else None)

    # ---- decisions ------------------------------------------------------------------------------------
    def decide(self, ctx, finds, quoted) -> list[dict]:
        cache: dict = {}
        M = self.models
        cue_model = M.models["cue"]
        out = []
        per_sentence: dict[tuple[int, int], int] = {}
        for P, i, find in self.heads(ctx, finds, quoted, cache):
            key = (P.start, P.sent[i])
            if per_sentence.get(key, 0) >= MAX_PER_SENTENCE:
                continue                     # a sentence holds a few attributions: stay linear on odd text
            lemma, classes, rule = self.describe(P, i, find)
            medium = self.medium_participle(P, i)
            if not medium and cue_model.score(F.cue_features(P, i, lemma, classes, rule)) <= M.threshold:
                continue
            per_sentence[key] = per_sentence.get(key, 0) + 1
            rec = self.attribution(ctx, P, i, lemma, find)
            if rec is not None and medium:
                rec = self.as_medium_participle(ctx, P, i, rec)
            if rec is not None:
                out.append(rec)
        return _with_rule_quotes(_dedupe(out), finds)

    def medium_participle(self, P, i) -> bool:
        """"an update telling fans of their loss", "a statement saying ...": a cue's -ing form right after a
        medium noun (``medium.tsv``) is an attribution whose source is that document (PolNeAR: documents can
        be sources), whatever the cue model says."""
        return i > 0 and P.low[i].endswith("ing") and P.low[i] in self.lemmas and P.low[i - 1] in self.medium_heads

    def as_medium_participle(self, ctx, P, i, rec) -> dict | None:
        """The source is the medium's phrase ("an emotional Instagram update"); the speaker is its author when the
        sentence says who issued it (its subject: "Teigen posted an update ..."), never a guess. What the
        document came with ("with photos") is no part of what it told."""
        det = self.rules.words["det"]
        s = i - 1
        while s > max(0, i - 6) and P.shp[s - 1] not in "pq" and P.low[s] not in det:
            s -= 1
        rec["np"] = trim(ctx.text, P.starts[s], P.ends[i - 1])
        sa = P.starts[P.sentence_range(i)[0]]
        rec["author"] = subject_of(ctx, sa, rec["np"][0])       # who posted it: "Teigen posted an update ..."
        a, b = rec["spans"][-1]
        cut = ctx.text.find(" with ", a, b)
        if a > rec["cue"][1] and cut > a and self.np_like(ctx.text, a, b):
            rec["spans"][-1] = trim(ctx.text, a, cut)
        return rec

    def attribution(self, ctx, P, i, lemma, find) -> dict | None:
        M = self.models
        ca = M.best("cue_left", F.left_extents(P, i, lemma))
        cb = M.best("cue_right", F.right_extents(P, i, lemma))
        opens, closes = _quote_tokens(ctx, P)
        rs, re_, ns, ne = _rule_positions(ctx, P, find)
        cs = M.best("content_start", F.content_starts(P, (ca, cb), lemma, opens, rs))
        if cs is None:
            return None                                  # nothing around the cue ("said" alone)
        ce = M.best("content_end", F.content_ends(P, cs, (ca, cb), lemma, closes, re_))
        if ce is None or not self.clause_ok(P, i, ca, cb, cs, ce):
            return None                                  # (the source decisions only for a clause that holds)
        se = M.best("source_end", F.source_ends(P, (ca, cb), lemma, ne))
        ss = None if se is None else M.best("source_start", F.source_starts(P, se, (ca, cb), ns))
        text = ctx.text
        cue = (P.starts[ca], P.ends[cb])
        spans = _content_spans(ctx, P, cs, ce, cue, se, ss)
        if spans and spans[-1][0] > cue[1]:
            spans[-1] = self.without_time_tail(ctx, spans[-1])
        if not spans or spans[-1][1] <= spans[-1][0]:
            return None
        np = trim(text, P.starts[ss], P.ends[se]) if se is not None else None
        if np is not None and any(P.low[k] in self.verb_forms for k in range(ss, se + 1)):
            np = find["np"] if find and find.get("np") else None      # a source is a phrase, not a clause
        if lemma in self.rules.nominal_words and spans[-1][0] > cue[1] and text.startswith("to ", spans[-1][0]):
            vm = self.rules.rx.nominal_stop.search(text, *spans[-1])  # "his vow to X [has not been kept]"
            if vm:
                spans[-1] = trim(text, spans[-1][0], vm.start())
        if spans[0][0] > cue[1] and text[spans[0][0]:spans[0][0] + 4].lower() in ("and ", "or "):
            return None                                  # a content does not open with "and": a noun, no cue
        kind = _kind(ctx, spans)
        return {"np": np if np and np[1] > np[0] else None, "cue": cue, "spans": spans, "kind": kind,
                "rule": "quote_learned", "sent": ctx.sent_of(cue[0]), "belief": False,
                # an object ("endorsed one in July"): its words may date the act, as a stance's do
                "object": kind == "indirect" and spans[0][0] > cue[1] and self.np_like(text, *spans[0])}


    def without_time_tail(self, ctx, span):
        """A content after its cue never ends in the time (and medium) of the saying: "called for more
        investment [in a statement on Thursday]", "endorsed one [in July]" (PolNeAR: they frame the cue)."""
        a, b = span
        text = ctx.text
        head = ctx.timexes_in(a, min(b, a + 40))
        if head and head[0].start - a <= 3 and len(text[head[0].end:b].split()) >= 3:
            a = trim(text, head[0].end, b)[0]   # "told voters [this weekend] he would ...": the time frames the cue
        if not self.np_like(text, a, b):
            return (a, b)                    # "said a curfew would continue through the weekend": its own time
        for t in reversed(ctx.timexes_in(a, b + 1)):
            if t.end < b - 1 or t.start <= a:
                continue
            m = self.rules.rx.time_tail.search(text, a, t.start)
            b = trim(text, a, m.start() if m else t.start)[1]
            break
        for m in self.rules.medium_rx.finditer(text, a, b):   # "explained their heartbreak [in a long post ...]"
            fm = self.rules.rx.medium_frame.search(text, max(a, m.start() - 40), m.start())
            if fm and fm.start() > a:
                return trim(text, a, fm.start())
        return (a, b)

    def np_like(self, text, a, b) -> bool:
        """Is a content a noun phrase (an object: "more investment"), not a clause ("the plan would fail")?"""
        W = self.rules.clause_words
        words = _LETTERS.findall(text, a, b)
        if not words or words[0].lower() in W["opener"] or words[0].lower() in W["subject"]:
            return False
        return not any(w in W["aux"] for w in words)

    def clause_ok(self, P, i, ca, cb, cs, ce) -> bool:
        """Rules over the model's choice. A verb with a common non-saying sense (``object_sense`` in
        cue_verbs.tsv: "posted a loss", "ordered jets") cues a clause only, unless its particle makes the cue
        ("called for a ban") or it names ("called him a liar"); a passive cue ("was intended to", "was cited
        for") cues only a clause with "that" or a quote, unless it is a belief ("is expected to")."""
        cues = self.rules.cues
        w, first = P.low[i], P.low[cs]
        if i + 1 < P.n and P.low[i + 1] in cues.not_before.get(w, ()):
            return False                                 # "called off", "wrote off"
        if i > 0 and P.low[i - 1] in self.rules.words["det"] and w in self.lemmas and \
                w not in self.rules.nominal_words:
            return False                                 # a noun: "its forecast for", "the release of"
        around = cs < ca and ce > cb
        if cs <= cb and ce >= ca and not around:
            return False                                 # a content that overlaps its own cue
        if around and not any(P.shp[j] == "q" or P.low[j] in (",", "—", "–", "(")
                              for j in range(max(cs, ca - 4), ca)):
            return False                                 # a content around its cue is a quote or an aside
        W = self.rules.clause_words
        quoted = any(P.shp[j] == "q" for j in range(cs, ce + 1))
        passive = not w.endswith("ing") and any(P.low[j] in W["be"] for j in range(max(0, min(ca, i - 1)), i))
        if passive and w in cues.object_sense:
            return quoted                                # "was intended to", "was released"
        if cs < ca or quoted or first in W["opener"]:
            return True
        belief_to = first == "to" and w in cues.belief
        if passive:
            return belief_to                             # "is expected to" (a belief), not "was cited for"
        lexical = w in self.lemmas
        if lexical and w not in cues.object_sense:
            return True
        if w in cues.stance_words and i + 1 < P.n and P.low[i + 1] in cues.particles.get(w, ()):
            return True                                  # "called for a ban"
        if w in cues.naming and any(P.low[j] in ("a", "an") for j in range(cs + 1, min(ce + 1, cs + 5))):
            return True                                  # "called him a liar"
        return belief_to or first in W["subject"] or any(
            P.low[j] in W["aux"] and P.shp[j] == "l" for j in range(cs, min(ce + 1, cs + 6)))


def _find_holding(by_cue, starts, pos):
    """The rule find whose cue holds pos (by_cue sorted by cue; starts: their cue starts)."""
    k = bisect_right(starts, pos) - 1
    while k >= 0 and by_cue[k][0][0] > pos - 200:
        (a, b), f = by_cue[k]
        if a <= pos < b:
            return f
        k -= 1
    return None


def _quote_tokens(ctx, P):
    """Token indices of the opening marks of quoted regions in the paragraph, and opening -> closing (once per
    paragraph)."""
    if P.quotes is None:
        opens, closes = set(), {}
        k = bisect_right(ctx.rstarts, P.start - 1)
        while k < len(ctx.regions) and ctx.regions[k].start < P.end:
            r = ctx.regions[k]
            i, j = P.index_at(r.start), P.index_before(r.end)
            if i is not None and j is not None and j > i:
                opens.add(i)
                closes[i] = j
            k += 1
        P.quotes = (opens, closes)
    return P.quotes


def _rule_positions(ctx, P, find):
    """Token positions of the rule find's content start / end and source start / end (or None)."""
    if find is None:
        return None, None, None, None
    spans = find.get("spans") or [find["content"]]
    cs = P.index_at(spans[0][0])
    ce = P.index_before(spans[-1][1])
    np = find.get("np")
    ns = P.index_at(np[0]) if np else None
    ne = P.index_before(np[1]) if np else None
    return cs, ce, ns, ne


def _content_spans(ctx, P, cs, ce, cue, se, ss):
    """The content fragments: the envelope, less the cue clause when it lies inside: the quoted regions of an
    interrupted quote ("“A,” she said, “B.”"), or the two sides of an aside ("The vote, aides say, is close")."""
    text = ctx.text
    a, b = trim(text, P.starts[cs], P.ends[ce])
    if b <= a:
        return []
    if not (a < cue[0] and b > cue[1]):
        return [(a, b)]
    lo_, hi_ = P.starts[cs], P.ends[ce]
    frags = [f for r in ctx.regions if lo_ <= r.start and r.end <= hi_ + 1 for f in r.fragments]
    frags = [trim(text, x, y) for x, y in frags]
    frags = [f for f in frags if f[1] > f[0]]
    if frags and frags[0][0] == a and frags[-1][1] == b:
        return frags                                     # all quoted: the quotes are the fragments
    lo = min(cue[0], P.starts[ss]) if se is not None and ss is not None else cue[0]
    hi = max(cue[1], P.ends[se]) if se is not None and P.ends[se] > cue[1] else cue[1]
    comma = text.find(",", hi, b)
    first, second = trim(text, a, lo), trim(text, comma + 1 if 0 <= comma < hi + 40 else hi, b)
    return [x for x in (first, second) if x[1] > x[0]]


def _kind(ctx, spans):
    """direct: every fragment is a quoted region; mixed: a quote mark inside; indirect otherwise."""
    text = ctx.text
    if all(any(r.first <= a and b <= r.last for r in _regions_near(ctx, a)) for a, b in spans):
        return "direct"
    if any(_MIXED.search(text, a, b) for a, b in spans):
        return "mixed"
    return "indirect"


def _regions_near(ctx, pos):
    k = bisect_right(ctx.rstarts, pos)
    return ctx.regions[max(0, k - 2):k]


_RULE_ONLY = ("quote_nominal", "quote_in_source", "quote_colon_head", "quote_evidence_after")


def _with_rule_quotes(recs, finds):
    """The rules' finds the cue model cannot see are kept where no learned attribution took their words: direct
    quotes without a cue of their own (they take the speaker before them; "“…” ― Name") and the nominal and
    prepositional cues ("her attacks on X", "In a new poll, X", "Mayor Lee: X"). A learned quote that takes
    only part of an interrupted quote the rules joined ("“A,” she said. “B.”") gets all of its fragments."""
    by_cue = {tuple(f["cue"]): f for f in finds if f.get("cue") and f["kind"] == "direct"}
    for r in recs:
        f = by_cue.get(tuple(r["cue"]))
        if f is not None and len(f["spans"]) > len(r["spans"]) and all(
                any(fa <= a and b <= fb for fa, fb in f["spans"]) for a, b in r["spans"]):
            r["spans"], r["kind"] = list(f["spans"]), "direct"
    taken = _Overlaps(a_b for r in recs for a_b in r["spans"])
    cues = _Overlaps(r["cue"] for r in recs)
    extra = [f for f in finds if f["kind"] == "direct" and not any(taken.hit(fa, fb) for fa, fb in f["spans"])]
    extra += [f for f in finds if f["rule"] in _RULE_ONLY and not cues.hit(*f["cue"])]   # nested attributions
    if not extra:
        return recs
    return sorted(recs + extra, key=lambda r: r["spans"][0][0])


class _Overlaps:
    """Does [a, b) overlap any of these spans? (sorted starts and a running maximum of ends: log time)"""

    def __init__(self, spans):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.top = []
        top = -1
        for _, b in spans:
            top = max(top, b)
            self.top.append(top)

    def hit(self, a, b) -> bool:
        k = bisect_right(self.starts, b - 1) - 1          # spans that start before b
        return k >= 0 and self.top[k] > a


def _dedupe(recs):
    """Two decisions on one cue (two words of "said in a statement"): the first stays."""
    out, top = [], -1
    for r in sorted(recs, key=lambda r: r["cue"]):
        if r["cue"][0] < top:
            continue                                       # overlaps a kept cue (cues are sorted by start)
        top = max(top, r["cue"][1])
        out.append(r)
    return sorted(out, key=lambda r: r["spans"][0][0])
