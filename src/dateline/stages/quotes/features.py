"""Features of the learned attribution decisions: short strings over the token view of a paragraph.

One function per decision; each returns the candidates of that decision with their features, so that the
stage (which picks the best) and the training script (which labels them) build exactly the same thing.
``P`` is a ``ParaTokens``; token indices are into it; ``cue`` is the cue's token range ``(first, last)``.
"""
from __future__ import annotations

from bisect import bisect_right

_BOUNDARY = frozenset("and but or in on at after before during when while as which who whom whose where because "
                      "since until according said says told saying adding including with without from for to by "
                      "of amid than if though although is are was were has have had will would can could should "
                      "may might must did does".split())
_NP_AFTER = frozenset(", ( ) — – -- who which whose that said says told has have had is are was were will would "
                      "also just later then still already on in at".split())
WINDOW = 40                 # tokens: how far a content start may lie before its cue (contents run twice as far)
_DIST = (0, 1, 2, 3, 4, 4, 4, 7, 7, 7, 7, 7, 7)
_DS = tuple(str(x) for x in _DIST)      # dist(n) as text: _DS[n] if n < _ND else "12" (the hot loops inline it)
_ND = len(_DIST)
_CLAUSE_PUNCT = frozenset((",", ":", "—", "–", ";"))


_K = tuple(f"k{k}" for k in range(9))                    # the extents' "k1".."k8"
_D = {d: "d=" + d for d in "abr"}
_DN = {d: tuple(d + x for x in _DS) for d in "ab"}      # d + dist(n) for n < _ND
_LEN = tuple("len" + x for x in _DS)
_COMMAS = ("commas0", "commas1", "commas2", "commas3")   # source_starts: s <= end, the count is >= 0


def _suffix(w: str) -> str:
    for suf in ("ed", "ing", "s"):
        if w.endswith(suf) and len(w) > len(suf) + 2:
            return suf
    return "-"


def dist(n: int) -> int:
    return _DIST[n] if n < len(_DIST) else 12


def _w(P, i: int) -> str:
    return P.low[i] if 0 <= i < P.n else "<s>"


def _sh(P, i: int) -> str:
    return P.shp[i] if 0 <= i < P.n else "<s>"


def _mention(P, table, i: int) -> str:
    m = table.get(i)
    return f"{m.label}/{m.kind}" if m is not None else "-"


# ---- 1. is this word a cue? ----------------------------------------------------------------------
def cue_features(P, i: int, lemma: str, classes: str, rule: str | None) -> list[str]:
    L, S, k = P.lowp, P.shpp, i + 2                      # padded views: L[k] is token i, "<s>" off the ends
    w, p1, p2, n1, n2 = L[k], L[k - 1], L[k - 2], L[k + 1], L[k + 2]
    a, b = P.sentence_range(i)
    r = rule or "-"
    f = ["b", "w=" + w, "l=" + lemma, "c=" + classes, "s3=" + w[-3:], "sh=" + S[k],
         "p1=" + p1, "p2=" + p2, "n1=" + n1, "n2=" + n2, "p1w=" + p1 + "_" + w, "wn1=" + w + "_" + n1,
         "p1sh=" + S[k - 1], "n1sh=" + S[k + 1], "ln1=" + lemma + "_" + n1,
         "mp=" + _mention(P, P.m_end, i - 1), "mn=" + _mention(P, P.m_start, i + 1),
         "rule=" + r, "rl=" + r + "_" + lemma]
    if P.inq[i]:
        f.append("inq")
    if i == a:
        f.append("first")
    if i + 1 >= b or n1 == ".":
        f.append("last")
    lo, hi = max(a, i - 3), min(b, i + 4)
    near_q = [j for j in range(lo, hi) if S[j + 2] == "q"]
    for j in near_q:
        f.append("q<" if j < i else "q>")
    if "that" in P.low[i + 1:min(b, i + 4)]:
        f.append("that>")
    if P.qpre[b] - P.qpre[a]:
        f.append("sentq")
    f.extend(["win=" + L[j + 2] for j in range(max(a, i - 4), min(b, i + 5)) if j != i and S[j + 2] != "p"])
    if rule:
        f.append("rl_q=" + lemma + ("_q" if near_q else "_nq"))
    return f


# ---- 2. how far does the cue reach? ---------------------------------------------------------------
def left_extents(P, i: int, lemma: str, limit: int = 4) -> list[tuple[int, list[str]]]:
    """Cue start candidates: the head, or 1..limit words before it (words only, same sentence)."""
    a, _ = P.sentence_range(i)
    L, S = P.lowp, P.shpp
    out = [(i, ["k0", "k0_" + lemma, "out=" + L[i + 1]])]
    for k in range(1, limit + 1):
        j = i - k
        if j < a or S[j + 2] in "pq":
            break
        w, o = L[j + 2], L[j + 1]
        f = [_K[k], _K[k] + "_" + lemma, "first=" + w, "out=" + o, "fo=" + w + "_" + o]
        f.extend(["in=" + x for x in L[j + 2:i + 2]])
        out.append((j, f))
    return out


def right_extents(P, i: int, lemma: str, limit: int = 4) -> list[tuple[int, list[str]]]:
    """Cue end candidates: the head, or 1..limit tokens after it (no quote mark, same sentence)."""
    _, b = P.sentence_range(i)
    L, S = P.lowp, P.shpp
    out = [(i, ["k0", "k0_" + lemma, "after=" + L[i + 3], "la=" + lemma + "_" + L[i + 3]])]
    for k in range(1, limit + 1):
        j = i + k
        if j >= b or S[j + 2] == "q":
            break
        w, nx = L[j + 2], L[j + 3]
        f = [_K[k], _K[k] + "_" + lemma, "last=" + w, "after=" + nx, "la=" + w + "_" + nx, "l1=" + lemma + "_" + L[i + 3]]
        f.extend(["in=" + x for x in L[i + 3:j + 3]])
        out.append((j, f))
    return out


# ---- 3. where does the content start and end? ----------------------------------------------------------
def content_starts(P, cue: tuple[int, int], lemma: str, opens: set[int], rule_start: int | None
                   ) -> list[tuple[int, list[str]]]:
    """Content start candidates: a few words after the cue, or the sentence start, a quote opening or a
    clause start before it."""
    ca, cb = cue
    sa, sb = P.sentence_range(ca)
    cands: dict[int, str] = {}
    for j in range(cb + 1, min(P.n, cb + 7)):
        cands[j] = "a"
    cands.setdefault(sa, "b")
    L, sent = P.lowp, P.sent
    for j in range(max(sa + 1, ca - WINDOW), ca):
        if j in opens or L[j + 1] in _CLAUSE_PUNCT:
            cands.setdefault(j, "b")
    if sa > 0:
        pa, _ = P.sentence_range(sa - 1)
        cands.setdefault(pa, "b")
    out = []
    for j, d in sorted(cands.items()):
        n = (j - cb - 1) if d == "a" else (ca - j)
        dn = _DN[d][n] if 0 <= n < _ND else d + (_DS[n] if n < _ND else "12")
        w = L[j + 2]
        f = [_D[d], "n=" + dn, "w=" + w, "pw=" + L[j + 1], "ld=" + lemma + "_" + dn, "dw=" + d + w,
             "nw=" + d + L[j + 3]]
        if j in opens:
            f.append("open_" + d)
        if d == "a":
            f.extend(["btw=" + x for x in L[cb + 3:min(j, cb + 3) + 2]])
            if sent[j] != sent[cb]:
                f.append("nextsent")
        elif j == sa:
            f.append("sentstart")
        elif sent[j] != sent[ca]:
            f.append("prevsent")
        if j == rule_start:
            f.append("rule")
        out.append((j, f))
    return out


def content_ends(P, start: int, cue: tuple[int, int], lemma: str, closes: dict[int, int], rule_end: int | None
                 ) -> list[tuple[int, list[str]]]:
    """Content end candidates after ``start``: token ends before a boundary (punctuation, a clause word,
    the sentence end), before the cue when the content comes first, or the end of a quote across the cue."""
    ca, cb = cue
    d = "a" if start > cb else "b"
    if d == "a":
        last = P.sentence_range(cb)[1] - 1
        if start in closes:
            last = max(last, P.sentence_range(closes[start])[1] - 1)
    else:
        last = ca - 1
    last = min(last, start + 2 * WINDOW)
    ends = [e for e in range(max(start, last - 2 * WINDOW), last + 1)
            if e == last or P.shp[e + 1] in "pq" or P.low[e + 1] in _BOUNDARY]
    # the envelope may reach over the cue to later quotes of the paragraph ("“A,” she said. “B.”"), or to the
    # end of the cue's sentence ("The vote, aides say, is close.")
    closing = sorted(closes.values())
    k = bisect_right(closing, max(cb, last))
    later = closing[k:k + 3]
    if d == "b":
        later.append(P.sentence_range(cb)[1] - 1)
    ends.extend(e2 for e2 in later if e2 not in ends)
    out = []
    L, S, qpre, cpre, sent, n_tok = P.lowp, P.shpp, P.qpre, P.cpre, P.sent, P.n
    closing = set(closes.values())
    ropen = any(S[x + 2] == "q" for x in range(cb + 1, cb + 4))
    r_tail = ("r_from_open" if S[start + 2] == "q" else "r_from_word", "r_open" if ropen else "r_noopen")
    c0, s0, q0 = cpre[start], sent[start], qpre[start]
    lnw = {}
    for e in ends:
        kind = "r" if e > cb else d
        T = _END_STRINGS[kind]
        nw, n2 = L[e + 3], L[e + 4]
        ew = L[e + 2]
        pre = lnw.get(kind) or lnw.setdefault(kind, "lnw=" + lemma + "_" + kind + "_")
        ln, cm, st = (T[1][min((e - start + 1) // 3, _ND)], T[2][min(cpre[e + 1] - c0, 3)],
                      T[3][min(sent[e] - s0, 3)]) if e >= start else _counts_before(P, kind, e, start)
        f = [T[0], ln, "ew=" + ew, "nw=" + nw, "enw=" + ew + "_" + nw, pre + nw,
             "nw2=" + nw + "_" + n2, "n2s=" + nw + "_" + (_SUFFIX.get(n2) or _suffix_of(n2)), cm, st]
        if e + 1 >= n_tok or sent[e + 1] != sent[e]:
            f.append(T[4])
        if e in closing or e + 1 in closing:
            f.append(T[5])
        if kind != "b":
            f.append(_REST[min(max(0, last - e), _ND)])
        if (qpre[e + 1] - q0) % 2:
            f.append("oddq")
        if kind == "b":
            f.extend(["btw=" + x for x in L[e + 3:min(ca, e + 4) + 2]])
            n = ca - e - 1
            f.append(_GAP[min(n, _ND)] if n >= 0 else "gap" + _DS[n])   # a cue inside: gap7 as ever
        elif kind == "r":
            f.extend(r_tail)
        if e == rule_end:
            f.append("rule")
        out.append((e, f))
    return out


def _counts_before(P, kind: str, e: int, start: int) -> tuple[str, str, str]:
    """content_ends' len / commas / sents strings for an end before the start (a quote's end before a start in the
    next sentence): the formulas, negative counts and all (the shared strings cover counts >= 0 only)."""
    n = (e - start + 1) // 3
    return ("len=" + kind + (_DS[n] if n < _ND else "12"), f"commas{kind}{min(P.cpre[e + 1] - P.cpre[start], 3)}",
            f"sents{kind}{min(P.sent[e] - P.sent[start], 3)}")


def _buckets(prefix: str) -> tuple[str, ...]:
    """``prefix + dist(n)`` for n = 0 .. _ND (the last stands for every larger n): made once, shared."""
    return tuple(prefix + x for x in _DS) + (prefix + "12",)


# content_ends' strings by kind: d=, len=, commas (0..3), sents (0..3), eos_, qend_
_END_STRINGS = {k: ("d=" + k, _buckets("len=" + k), tuple(f"commas{k}{c}" for c in range(4)),
                    tuple(f"sents{k}{c}" for c in range(4)), "eos_" + k, "qend_" + k) for k in "abr"}
_REST, _GAP = _buckets("rest"), _buckets("gap")
_SUFFIX: dict[str, str] = {}


def _suffix_of(w: str) -> str:
    """``_suffix(w)``, remembered (a bounded cache of the words seen)."""
    if len(_SUFFIX) > 100_000:
        _SUFFIX.clear()
    got = _SUFFIX[w] = _suffix(w)
    return got


# ---- 4. who is the source? ------------------------------------------------------------------------------
def source_ends(P, cue: tuple[int, int], lemma: str, rule_end: int | None) -> list[tuple[int | None, list[str]]]:
    """Source end candidates: token ends up to 15 words before the cue or 12 after it, or none (agentless)."""
    ca, cb = cue
    sa, sb = P.sentence_range(ca)
    p1 = _w(P, ca - 1)
    out: list[tuple[int | None, list[str]]] = [
        (None, ["null", "null_" + lemma, "null_p1=" + p1, "null_sh=" + _sh(P, ca - 1),
                "null_first" if ca == sa else "null_mid", "null_n1=" + _w(P, cb + 1)])]
    L, S, m_end, timex = P.lowp, P.shpp, P.m_end, P.timex
    first_m = min(m_end) if m_end else -1
    for d, rng in (("b", range(ca - 1, max(sa, ca - 15) - 1, -1)), ("a", range(cb + 1, min(sb, cb + 13)))):
        marks: set[str] = set()               # punctuation between the candidate and the cue, grown outwards
        prev = None
        for e in rng:
            if prev is not None and S[prev + 2] in "pq":
                marks.add(L[prev + 2])
            prev = e
            sh, nxt = S[e + 2], L[e + 3]
            if sh in "pq" and L[e + 2] != ")" or e in timex:
                continue
            if not (e == ca - 1 or e in m_end or sh in "CA" or nxt in _NP_AFTER or e + 1 == sb or S[e + 3] in "pq"):
                continue                     # a phrase ends before the cue, a name's end, or punctuation
            n = (ca - e - 1) if d == "b" else (e - cb - 1)
            dn = _DN[d][n] if n < _ND else d + "12"          # n >= 0: e lies outside the cue
            m = m_end.get(e)
            me = f"{m.label}/{m.kind}" if m is not None else "-"
            f = [_D[d], "n=" + dn, "ew=" + L[e + 2], "esh=" + sh, "me=" + me,
                 "ld=" + lemma + "_" + dn, "dme=" + d + me, "dnw=" + d + nxt]
            if me != "-" and nxt in (",", "("):
                f.append("appos_" + d + m_end[e].label)
            if e == first_m:
                f.append("firstment")
            f.extend("btwp=" + d + x for x in marks)
            if not marks:
                f.append("clean_" + d)
            if e == rule_end:
                f.append("rule")
            out.append((e, f))
    out[1:] = sorted(out[1:], key=lambda c: c[0])
    return out


def source_starts(P, end: int, cue: tuple[int, int], rule_start: int | None) -> list[tuple[int, list[str]]]:
    """Source start candidates: up to 14 tokens back from its end (same sentence, not across the cue)."""
    ca, cb = cue
    sa, _ = P.sentence_range(end)
    lo = max(sa, end - 14, cb + 1 if end > cb else sa)
    out = []
    L, S, timex, m_start, cpre = P.lowp, P.shpp, P.timex, P.m_start, P.cpre
    for s in range(end, lo - 1, -1):
        if s in timex:
            break                                    # a source never runs into a time phrase
        n = end - s + 1
        w, pw = L[s + 2], L[s + 1]
        m = m_start.get(s)
        f = [_LEN[n] if n < _ND else "len12", "sw=" + w, "ssh=" + S[s + 2], "pw=" + pw, "psh=" + S[s + 1],
             "ms=" + (f"{m.label}/{m.kind}" if m is not None else "-"), "spw=" + w + "_" + pw,
             _COMMAS[min(cpre[end + 1] - cpre[s], 3)]]
        if s == sa:
            f.append("sentstart")
        if s == rule_start:
            f.append("rule")
        out.append((s, f))
    return out
