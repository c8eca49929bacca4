"""Derive word lists for the mention model from the data's own text (facts, not text), deterministically.

    python scripts/build_gazetteers.py [--data ../shared/data]

Writes to ``src/dateline/resources/en/lexicon/``:

- ``place.tsv``: place names (city|country) from Reuters-21578's dateline field (cities named in at least two
  datelines) and its PLACES topic tags (countries and regions). Reuters-21578, Distribution 1.0: free
  distribution for research purposes; only the names are kept.
- ``propn_rate.tsv``: how often a word (lower-cased) is a proper noun in UD English EWT train (CC BY-SA 4.0):
  a band p0 (< 10%), p1 (< 50%), p2 (< 90%), p3 (>= 90%) for words seen at least 3 times.
- ``company.tsv``: company names in Reuters-21578, from the capitalized words before a company word
  (``org_suffix.tsv`` kind company: "Eastman Kodak Co", "USAir Group Inc", "Morgan Stanley and Co"):
  ``word`` = a word of at least 3 such names, always capitalized in the text, and neither a first name, a
  surname nor a place ("kodak", "usair"); ``name`` = the two or three words before the company word, seen at
  least 3 times ("morgan stanley", "eastman kodak").
- ``caps_rate.tsv``: how often a word is capitalized inside a sentence (not after a full stop, not in an
  all-caps line) in Reuters-21578: a band c0 (< 10%), c1 (< 50%), c2 (< 90%), c3 (>= 90%) for words seen
  at least 5 times. A word that news writes in lower case is rarely a name.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEX = ROOT / "src" / "dateline" / "resources" / "en" / "lexicon"
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def _band(x: float, prefix: str) -> str:
    return prefix + ("0" if x < 0.1 else "1" if x < 0.5 else "2" if x < 0.9 else "3")


def reuters_rows(data: Path):
    with open(data / "corpus" / "reuters21578.jsonl", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def places(data: Path) -> list[tuple[str, str]]:
    cities, countries = Counter(), set()
    for r in reuters_rows(data):
        head = (r.get("dateline") or "").split(",")[0].strip()
        if head and re.fullmatch(r"[A-Z][A-Z .'-]+", head):
            cities[head.lower()] += 1
        for tag in r.get("places") or ():
            countries.add(tag.replace("-", " ").lower())
    rows = {name: "country" for name in countries}
    for name, n in cities.items():
        if n >= 2:
            rows.setdefault(name, "city")
    return sorted(rows.items())


def propn_rate(data: Path) -> list[tuple[str, str]]:
    total, propn = Counter(), Counter()
    path = data / "syntax" / "ud-english-ewt" / "en_ewt-ud-train.conllu"
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 4 or not cols[0].isdigit():
            continue
        w = cols[1].lower()
        total[w] += 1
        propn[w] += cols[3] == "PROPN"
    return sorted((w, _band(propn[w] / n, "p")) for w, n in total.items() if n >= 3 and _WORD.fullmatch(w))


def caps_rate(data: Path) -> list[tuple[str, str]]:
    total, caps = Counter(), Counter()
    for r in reuters_rows(data):
        for line in (r.get("text") or "").splitlines():
            if sum(c.islower() for c in line) < 10:           # an all-caps line says nothing
                continue
            prev_end = True
            for m in _WORD.finditer(line):
                w = m.group()
                if not prev_end:
                    total[w.lower()] += 1
                    caps[w.lower()] += w[0].isupper()
                prev_end = line[m.end():m.end() + 1] in (".", "?", "!")
    return sorted((w, _band(caps[w] / n, "c")) for w, n in total.items() if n >= 5)


_COMPANY = re.compile(r"((?:[A-Z][\w&'’.-]*[ \t]+){1,4})(%s)\b\.?")


def company_words(data: Path) -> list[tuple[str, str]]:
    lex = lambda name: {l.split("\t")[0].strip().lower(): (l.split("\t") + [""])[1].strip()
                        for l in (LEX / f"{name}.tsv").read_text(encoding="utf-8").splitlines()
                        if l.strip() and not l.startswith("#")}
    suffixes = [w for w, kind in lex("org_suffix").items() if kind == "company"]
    rx = re.compile(_COMPANY.pattern % "|".join(sorted((w.capitalize() for w in suffixes), key=len, reverse=True)))
    never = set(lex("first_name")) | set(lex("surname")) | set(lex("place")) | set(lex("gpe")) \
        | set(lex("nonperson")) | set(lex("org_suffix")) | set(lex("title"))
    demonyms = set(lex("demonym"))          # "American Express": a word of names, but "American" alone no company
    caps = dict(caps_rate(data))
    not_in_names = never - set(lex("first_name")) - set(lex("surname"))
    seen, names = Counter(), Counter()
    for r in reuters_rows(data):
        for m in rx.finditer(r.get("text") or ""):
            words = [t.lower().strip(".") for t in m.group(1).split()]
            for w in set(words):
                seen[w] += 1
            if 2 <= len(words) <= 3 and all(w.isalpha() and w not in not_in_names for w in words):
                names[" ".join(words)] += 1
    rows = {w: "word" for w, n in seen.items()
            if n >= 3 and len(w) >= 3 and w.isalpha() and w not in never and w not in demonyms and caps.get(w, "c3") == "c3"}
    rows.update((name, "name") for name, n in names.items() if n >= 3)
    return sorted(rows.items())


def write(name: str, rows: list[tuple[str, str]], header: str) -> None:
    path = LEX / f"{name}.tsv"
    path.write_text(header + "".join(f"{a}\t{b}\n" for a, b in rows), encoding="utf-8")
    print(f"wrote {len(rows)} rows to {path}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    data = Path(ap.parse_args(argv).data)
    gen = "GENERATED by scripts/build_gazetteers.py; do not edit by hand.\n"
    write("place", places(data), "# place name<TAB>city|country, from Reuters-21578 (Distribution 1.0) datelines and "
          "PLACES tags.\n# " + gen)
    write("propn_rate", propn_rate(data), "# word<TAB>band of its proper-noun rate in UD English EWT train "
          "(CC BY-SA 4.0: share-alike).\n# p0 < 10%, p1 < 50%, p2 < 90%, p3 >= 90%. " + gen)
    write("company", company_words(data), "# word or name<TAB>word|name: company names in Reuters-21578 "
          "(Distribution 1.0), see scripts/build_gazetteers.py.\n# " + gen)
    write("caps_rate", caps_rate(data), "# word<TAB>band of its capitalized rate inside sentences of Reuters-21578 "
          "(Distribution 1.0).\n# c0 < 10%, c1 < 50%, c2 < 90%, c3 >= 90%. " + gen)
    return 0


if __name__ == "__main__":
    sys.exit(main())
