"""Penn-Treebank-tokenised text back to plain text (Timeline17 and other research corpora ship it so).

``detokenize("He said `` we 're sorry '' -LRB- AP -RRB- .")`` -> ``'He said "we're sorry" (AP).'``:
brackets from their -LRB-/-RRB- names, ``` `` ``` and ``''`` to straight double quotes, an opening
single quote ``` ` ``` to ``'`` glued to the word after (``` ` five times '``` -> ``'five times'``),
clitics (``'s n't 're``), a lone ``'`` (a closing single quote, the plural possessive
``workers '``) and closing punctuation glued to the word before, opening ones to the word after.
Line breaks (one paragraph a line) are kept; only the spaces the tokeniser added are removed.
"""
from __future__ import annotations

import re

_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_BRACKET = re.compile(r"-[LR][RSC]B-")
_ESCAPED = re.compile(r"\\([*/])")
# glued to the previous word: clitics, closing punctuation and brackets, percent signs
_GLUE_LEFT = re.compile(r""" +(n't|N'T|'[sSmMdD]|'re|'RE|'ve|'VE|'ll|'LL|[.,;:!?%)\]}']+|\.\.\.)(?=[\s"]|$)""")
# glued to the next word: opening brackets and currency signs
_GLUE_RIGHT = re.compile(r"(?:(?<=\s)|^)([(\[{$#]) +")
_SINGLE_OPEN = re.compile(r"(?:(?<=\s)|^)` *")
_DOUBLE = re.compile(r"``|''")


def detokenize(text: str) -> str:
    """PTB-tokenised ``text`` -> plain text, paragraph lines kept."""
    return "\n".join(_line(line) for line in text.split("\n"))


def _line(line: str) -> str:
    line = _BRACKET.sub(lambda m: _BRACKETS.get(m.group(0), m.group(0)), line)
    line = _ESCAPED.sub(r"\1", line)
    line = _quotes(line)
    line = _SINGLE_OPEN.sub("'", line)
    line = _GLUE_LEFT.sub(r"\1", line)
    line = _GLUE_RIGHT.sub(r"\1", line)
    return line.strip()


def _quotes(line: str) -> str:
    """`` x '' -> "x": an opening mark sticks to the next word, a closing one to the previous."""
    out, pos = [], 0
    for m in _DOUBLE.finditer(line):
        out.append(line[pos:m.start()])
        if m.group(0) == "``":
            out.append('"')
            pos = m.end() + (1 if line[m.end():m.end() + 1] == " " else 0)
        else:
            if out and out[-1].endswith(" "):
                out[-1] = out[-1].rstrip(" ")
            out.append('"')
            pos = m.end()
    out.append(line[pos:])
    return "".join(out)



_LEADING = re.compile(r"""^([("\[{`$#]+)""")
_TRAILING = re.compile(r"""((?:\.\.\.|[.,;:!?"')\]}%])+)$""")
_CLITIC = re.compile(r"(?i)(n't|'s|'m|'d|'re|'ve|'ll)$")
# an opening single quote ("'five times'"), not an elided word ("'em", "'cause", "'n'") or a decade ("'90s")
_OPEN_SINGLE = re.compile(r"(?i)^'(?=[a-z])(?!(?:em|cause|n|til|tis)\b)")


def tokenize(text: str) -> str:
    """Plain text -> space-separated tokens in the Penn Treebank manner (punctuation around words and
    clitics split off, an opening single quote as ``` ` ```, "3.5" and "spill-over" kept whole), to
    compare with tokenised reference text."""
    out: list[str] = []
    for chunk in text.split():
        m = _LEADING.match(chunk)
        if m and m.end() < len(chunk):
            out.extend(m.group(1))
            chunk = chunk[m.end():]
        if _OPEN_SINGLE.match(chunk) and len(chunk) > 1:
            out.append("`")
            chunk = chunk[1:]
        m = _TRAILING.search(chunk)
        tail = []
        if m and m.start() > 0:
            tail = re.findall(r"\.\.\.|.", m.group(1))
            chunk = chunk[:m.start()]
        c = _CLITIC.search(chunk)
        if c and c.start() > 0:
            out += [chunk[:c.start()], c.group(1)]
        else:
            out.append(chunk)
        out += tail
    return " ".join(out)
