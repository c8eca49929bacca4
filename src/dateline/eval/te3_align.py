"""Which system TIMEX3 the TempEval-3 toolkit pairs with which gold one, as its TimeML-Normalizer.jar does.

The toolkit does not compare character spans. It tokenizes the plain TEXT (TreeTagger's ``tokenize.pl -e``,
then splits a token with exactly one inner hyphen into three), tags every token of each file ``O``,
``B-``/``I-`` + ``TIMEX3`` or ``EVENT``, and walks gold and system tokens side by side handing out ids:

* per file, a token tagged ``O`` or ``B-TIMEX3`` ends the file's current TIMEX3 (``EVENT`` tokens do not);
* a TIMEX3 that opens while the other file is inside a TIMEX3 takes that one's id, unless this file has
  already given that id to an earlier TIMEX3; otherwise it gets a new id. At each token gold goes first.

Gold and system TIMEX3 that end up with the same id are a (relaxed) match; a TIMEX3 with no token of
its own is dropped from both files. So matching is one-to-one, and the system TIMEX3 that opens first on a
gold one takes it. Token tags follow the jar's merge step: a tag is read with the first token that ends
after it; a token that holds an opening tag is ``B``; a closing tag inside the token that opened it ends
the element after that token, any other closing tag before the token. Not reproduced: TreeTagger's
abbreviation list (``Calif.`` stays one token there, two here; no tag boundary falls inside such a word
in practice) and the jar's refusals (nested elements, an unknown character), where it stops.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..io.timeml import _TAG, _unescape, attributes

_PRE = set("[{(´`\"»«\x82\x84\x86\x87\x8b\x91\x92\x93\x94\x95\x96\x97\x9b")        # tokenize.pl $PChar
_POST = set("]}'`\"),;:!?%»«\x82\x84\x85\x86\x87\x89\x8b\x91\x92\x93\x94\x95\x96\x97\x9b")  # $FChar
_SPACING = ((re.compile(r"\.\.\."), " ... "), (re.compile(r"([;!?/])([^ ])"), r"\1 \2"),
            (re.compile(r"(,)([^ 0-9.])"), r"\1 \2"),
            (re.compile(r"([a-zA-ZÀ-ÿ][a-zA-ZÀ-ÿ][.:])([A-ZÀ-Ý])"), r"\1 \2"))
_CLITIC = re.compile(r"(?<=.)(?:'(?:s|re|ve|d|m|em|ll)|n't)$")
_INITIALS = re.compile(r"(?:[A-Za-zÀ-ÿ]\.)+")
_ONE_HYPHEN = re.compile(r"[^-]+-[^-]+")


@dataclass(frozen=True)
class Element:
    """A TIMEX3 or EVENT of TEXT: offsets into the plain text, attributes as written."""
    name: str
    start: int
    end: int
    attrs: dict
    text: str


def _word(w: str) -> list[str]:
    """One whitespace-separated word of tokenize.pl (English, no abbreviation list) as its tokens."""
    pre: list[str] = []
    post: list[str] = []
    while True:
        if len(w) > 1 and w[0] in _PRE:
            pre.append(w[0])
            w = w[1:]
        elif len(w) > 1 and w[-1] in _POST:
            post.insert(0, w[-1])
            w = w[:-1]
        elif len(w) > 1 and w[-1] == "." and w[-2] in _POST:
            c, w = w[-2], w[:-2]
            post[:0] = [c, "."] if w else ["."]
            w = w or c
        else:
            break
    if not _INITIALS.fullmatch(w):
        if len(w) > 1 and w.endswith(".") and w != "...":
            w, post = w[:-1], [".", *post]
        while m := _CLITIC.search(w):
            w, post = w[:m.start()], [m.group(0), *post]
    return [*pre, w, *post]


def tokens(text: str) -> list[tuple[int, int]]:
    """(start, end) of every token the jar walks over: tokenize.pl's, a one-hyphen token split in three."""
    s = f" {text} "
    for rx, rep in _SPACING:
        s = rx.sub(rep, s)
    toks: list[str] = []
    for w in s.split():
        for t in _word(w):
            t = t.replace("|", "-")                     # the jar's Tokenizer does this too
            toks.extend(t.partition("-") if _ONE_HYPHEN.fullmatch(t) else (t,))
    spots = [i for i, ch in enumerate(text) if not ch.isspace()]
    out, k = [], 0
    for t in toks:                      # the tokens spell out the non-space characters, in order
        n = len(t)
        if n and k + n <= len(spots):
            out.append((spots[k], spots[k + n - 1] + 1))
        k += n
    return out


def elements(text_xml: str) -> tuple[str, list[Element], list[tuple[int, bool, int]]]:
    """Plain text of a TEXT body (as ``io.timeml`` reads it), its TIMEX3/EVENT elements in document order,
    and their tags in document order as (offset, opens?, element number)."""
    out: list[str] = []
    n = pos = 0
    found: list[list] = []
    open_: list[int] = []
    marks: list[tuple[int, bool, int]] = []
    for m in _TAG.finditer(text_xml):
        chunk = _unescape(text_xml[pos:m.start()])
        out.append(chunk)
        n += len(chunk)
        pos = m.end()
        name = (m.group(2) or "").upper()
        if name not in ("TIMEX3", "EVENT"):
            continue
        if not m.group(1):                                  # opens (the jar treats <X/> as opening too)
            open_.append(len(found))
            marks.append((n, True, len(found)))
            found.append([name, n, n, attributes(m.group(3))])
        elif open_ and found[open_[-1]][0] == name:
            i = open_.pop()
            found[i][2] = n
            marks.append((n, False, i))
    out.append(_unescape(text_xml[pos:]))
    text = "".join(out)
    return text, [Element(nm, s, e, a, text[s:e]) for nm, s, e, a in found], marks


def token_tags(toks: list[tuple[int, int]], marks: list[tuple[int, bool, int]], els: list[Element]):
    """Per token: (``O``/``B``/``I``, element name or None, element number on ``B`` tokens else None)."""
    tags: list[tuple[str, str | None, int | None]] = []
    iob, cur, el, mi = "O", None, None, 0
    for s, e in toks:
        opened_here = close_after = False
        while mi < len(marks) and marks[mi][0] < e:
            off, opens, i = marks[mi]
            mi += 1
            if opens:
                opened_here, iob, cur, el = True, "B", els[i].name, i
            elif cur == els[i].name:
                if opened_here and off > s:
                    close_after = True
                else:
                    iob, cur, opened_here = "O", None, False
        tags.append((iob, cur, el if iob == "B" else None))
        if iob == "B":
            iob = "I"
        if close_after:
            iob, cur = "O", None
    return tags


def shared_ids(gold_tags: list, sys_tags: list) -> tuple[dict[int, int], dict[int, int]]:
    """The jar's TIMEX3 ids: {element number: id} for gold and for system (same id = matched)."""
    ids: tuple[dict[int, int], dict[int, int]] = ({}, {})
    cur, last, nxt = [0, 0], [0, 0], 1
    for pair in zip(gold_tags, sys_tags):
        for a, (iob, name, _) in enumerate(pair):
            if iob == "O" or (iob == "B" and name == "TIMEX3"):
                cur[a] = 0
        for a, (iob, name, el) in enumerate(pair):
            if iob != "B" or name != "TIMEX3":
                continue
            b = 1 - a
            cur[a] = cur[b] if cur[b] and last[a] < cur[b] else nxt
            last[a] = cur[a]
            if cur[a] == nxt:
                nxt += 1
            ids[a][el] = cur[a]
    return ids
