"""Features of the learned attribution decisions: short strings over the token view of a paragraph.

One function per decision; each returns the candidates of that decision with their features, so that the
stage (which picks the best) and the training script (which labels them) build exactly the same thing.
``P`` is a ``ParaTokens``; token indices are into it; ``cue`` is the cue's token range ``(first, last)``.
"""
from __future__ import annotations

_BOUNDARY = frozenset("and but or in on at after before during when while as which who whom whose where because "
                      "since until according said says told saying adding including with without from for to by "
                      "of amid than if though although is are was were has have had will would can could should "
                      "may might must did does".split())
_NP_AFTER = frozenset(", ( ) — – -- who which whose that said says told has have had is are was were will would "
                      "also just later then still already on in at".split())
_DIST = (0, 1, 2, 3, 4, 4, 4, 7, 7, 7, 7, 7, 7)


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
    w, p1, p2, n1, n2 = P.low[i], _w(P, i - 1), _w(P, i - 2), _w(P, i + 1), _w(P, i + 2)
    a, b = P.sentence_range(i)
    f = ["b", "w=" + w, "l=" + lemma, "c=" + classes, "s3=" + w[-3:], "sh=" + P.shp[i],
         "p1=" + p1, "p2=" + p2, "n1=" + n1, "n2=" + n2, "p1w=" + p1 + "_" + w, "wn1=" + w + "_" + n1,
         "p1sh=" + _sh(P, i - 1), "n1sh=" + _sh(P, i + 1), "ln1=" + lemma + "_" + n1,
         "mp=" + _mention(P, P.m_end, i - 1), "mn=" + _mention(P, P.m_start, i + 1),
         "rule=" + (rule or "-"), "rl=" + (rule or "-") + "_" + lemma]
    if P.inq[i]:
        f.append("inq")
    if i == a:
        f.append("first")
    if i + 1 >= b or P.shp[i + 1] == "p" and P.low[i + 1] == ".":
        f.append("last")
    near_q = [j for j in range(max(a, i - 3), min(b, i + 4)) if P.shp[j] == "q"]
    for j in near_q:
        f.append("q" + ("<" if j < i else ">"))
    if any(P.low[j] == "that" for j in range(i + 1, min(b, i + 4))):
        f.append("that>")
    if any(P.shp[j] == "q" for j in range(a, b)):
        f.append("sentq")
    f.extend("win=" + P.low[j] for j in range(max(a, i - 4), min(b, i + 5)) if j != i and P.shp[j] != "p")
    if rule:
        f.append("rl_q=" + lemma + ("_q" if near_q else "_nq"))
    return f


# ---- 2. how far does the cue reach? ---------------------------------------------------------------
def left_extents(P, i: int, lemma: str, limit: int = 4) -> list[tuple[int, list[str]]]:
    """Cue start candidates: the head, or 1..limit words before it (words only, same sentence)."""
    a, _ = P.sentence_range(i)
    out = [(i, ["k0", "k0_" + lemma, "out=" + _w(P, i - 1)])]
    for k in range(1, limit + 1):
        j = i - k
        if j < a or P.shp[j] in "pq":
            break
        f = [f"k{k}", f"k{k}_{lemma}", "first=" + P.low[j], "out=" + _w(P, j - 1),
             "fo=" + P.low[j] + "_" + _w(P, j - 1)]
        f.extend("in=" + P.low[x] for x in range(j, i))
        out.append((j, f))
    return out


def right_extents(P, i: int, lemma: str, limit: int = 4) -> list[tuple[int, list[str]]]:
    """Cue end candidates: the head, or 1..limit tokens after it (no quote mark, same sentence)."""
    _, b = P.sentence_range(i)
    out = [(i, ["k0", "k0_" + lemma, "after=" + _w(P, i + 1), "la=" + lemma + "_" + _w(P, i + 1)])]
    for k in range(1, limit + 1):
        j = i + k
        if j >= b or P.shp[j] == "q":
            break
        f = [f"k{k}", f"k{k}_{lemma}", "last=" + P.low[j], "after=" + _w(P, j + 1),
             "la=" + P.low[j] + "_" + _w(P, j + 1), "l1=" + lemma + "_" + P.low[i + 1]]
        f.extend("in=" + P.low[x] for x in range(i + 1, j + 1))
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
    for j in range(sa, ca):
        if j == sa or j in opens or P.low[j - 1] in (",", ":", "—", "–", ";"):
            cands.setdefault(j, "b")
    if sa > 0:
        pa, _ = P.sentence_range(sa - 1)
        cands.setdefault(pa, "b")
    out = []
    for j, d in sorted(cands.items()):
        n = (j - cb - 1) if d == "a" else (ca - j)
        f = ["d=" + d, f"n={d}{dist(n)}", "w=" + P.low[j], "pw=" + _w(P, j - 1), f"ld={lemma}_{d}{dist(n)}",
             "dw=" + d + P.low[j], "nw=" + d + _w(P, j + 1)]
        if j in opens:
            f.append("open_" + d)
        if d == "a":
            f.extend("btw=" + P.low[x] for x in range(cb + 1, min(j, cb + 3)))
            if P.sent[j] != P.sent[cb]:
                f.append("nextsent")
        elif j == sa:
            f.append("sentstart")
        elif P.sent[j] != P.sent[ca]:
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
    ends = [e for e in range(start, last + 1)
            if e == last or P.shp[e + 1] in "pq" or P.low[e + 1] in _BOUNDARY]
    # the envelope may reach over the cue to later quotes of the paragraph ("“A,” she said. “B.”"), or to the
    # end of the cue's sentence ("The vote, aides say, is close.")
    later = sorted(e2 for e2 in closes.values() if e2 > max(cb, last))[:3]
    if d == "b":
        later.append(P.sentence_range(cb)[1] - 1)
    ends.extend(e2 for e2 in later if e2 not in ends)
    out = []
    for e in ends:
        kind = "r" if e > cb else d
        n = e - start + 1
        nw = _w(P, e + 1)
        f = ["d=" + kind, f"len={kind}{dist(n // 3)}", "ew=" + P.low[e], "nw=" + nw, "enw=" + P.low[e] + "_" + nw,
             f"lnw={lemma}_{kind}_{nw}"]
        if e + 1 >= P.n or P.sent[e + 1] != P.sent[e]:
            f.append("eos_" + kind)
        if e in closes.values() or e + 1 in closes.values():
            f.append("qend_" + kind)
        n2 = _w(P, e + 2)
        f.extend(("nw2=" + nw + "_" + n2, "n2s=" + nw + "_" + _suffix(n2)))
        if kind != "b":
            f.append(f"rest{dist(max(0, last - e))}")
        if sum(1 for x in range(start, e + 1) if P.shp[x] == "q") % 2:
            f.append("oddq")
        if kind == "b":
            f.extend("btw=" + P.low[x] for x in range(e + 1, min(ca, e + 4)))
            f.append(f"gap{dist(ca - e - 1)}")
        commas = sum(1 for x in range(start, e + 1) if P.low[x] == ",")
        f.append(f"commas{kind}{min(commas, 3)}")
        f.append(f"sents{kind}{min(P.sent[e] - P.sent[start], 3)}")
        if kind == "r":
            f.append("r_from_open" if P.shp[start] == "q" else "r_from_word")
            f.append("r_open" if any(P.shp[x] == "q" for x in range(cb + 1, min(P.n, cb + 4))) else "r_noopen")
        if e == rule_end:
            f.append("rule")
        out.append((e, f))
    return out


# ---- 4. who is the source? ------------------------------------------------------------------------------
def source_ends(P, cue: tuple[int, int], lemma: str, rule_end: int | None) -> list[tuple[int | None, list[str]]]:
    """Source end candidates: token ends up to 15 words before the cue or 12 after it, or none (agentless)."""
    ca, cb = cue
    sa, sb = P.sentence_range(ca)
    p1 = _w(P, ca - 1)
    out: list[tuple[int | None, list[str]]] = [
        (None, ["null", "null_" + lemma, "null_p1=" + p1, "null_sh=" + _sh(P, ca - 1),
                "null_first" if ca == sa else "null_mid", "null_n1=" + _w(P, cb + 1)])]
    for e in list(range(max(sa, ca - 15), ca)) + list(range(cb + 1, min(sb, cb + 13))):
        if P.shp[e] in "pq" and P.low[e] != ")" or e in P.timex:
            continue
        if not (e == ca - 1 or e in P.m_end or P.shp[e] in "CA" or _w(P, e + 1) in _NP_AFTER or e + 1 == sb or
                P.shp[e + 1] in "pq"):
            continue                     # a phrase ends before the cue, a name's end, or punctuation
        d = "b" if e < ca else "a"
        n = (ca - e - 1) if d == "b" else (e - cb - 1)
        btw = range(e + 1, ca) if d == "b" else range(cb + 1, e)
        me = _mention(P, P.m_end, e)
        f = ["d=" + d, f"n={d}{dist(n)}", "ew=" + P.low[e], "esh=" + P.shp[e], "me=" + me,
             f"ld={lemma}_{d}{dist(n)}", "dme=" + d + me, "dnw=" + d + _w(P, e + 1)]
        m = P.m_end.get(e)
        if m is not None and _w(P, e + 1) in (",", "("):
            f.append("appos_" + d + m.label)
        if m is not None and min(P.m_end) == e:
            f.append("firstment")
        marks = {P.low[x] for x in btw if P.shp[x] in "pq"}
        f.extend("btwp=" + d + x for x in marks)
        if not marks:
            f.append("clean_" + d)
        if e == rule_end:
            f.append("rule")
        out.append((e, f))
    return out


def source_starts(P, end: int, cue: tuple[int, int], rule_start: int | None) -> list[tuple[int, list[str]]]:
    """Source start candidates: up to 14 tokens back from its end (same sentence, not across the cue)."""
    ca, cb = cue
    sa, _ = P.sentence_range(end)
    lo = max(sa, end - 14, cb + 1 if end > cb else sa)
    out = []
    for s in range(end, lo - 1, -1):
        if s in P.timex:
            break                                    # a source never runs into a time phrase
        n = end - s + 1
        f = [f"len{dist(n)}", "sw=" + P.low[s], "ssh=" + P.shp[s], "pw=" + _w(P, s - 1), "psh=" + _sh(P, s - 1),
             "ms=" + _mention(P, P.m_start, s), "spw=" + P.low[s] + "_" + _w(P, s - 1)]
        commas = sum(1 for x in range(s, end + 1) if P.low[x] == ",")
        f.append(f"commas{min(commas, 3)}")
        if s == sa:
            f.append("sentstart")
        if s == rule_start:
            f.append("rule")
        out.append((s, f))
    return out
