"""Pronouns (rule ``entity_pronoun``) outside direct quotes: a person of unknown gender takes the gender of
the next he/she that no other person precedes; then each pronoun is resolved by gender and recency, the
subject of its sentence first, else the last fitting sentence within ten, else a name later in the same
sentence (cataphora). Every step is a lookup in per-sentence or per-class tables, never a rescan."""
from __future__ import annotations

from bisect import bisect_right

from .rules import EntityRules
from .work import END, ENT, KIND, QUOTED, START, Work

GENDERS = ("male", "female")


def find_pronouns(w: Work, R: EntityRules) -> list[tuple[int, int, str]]:
    """(start, end, male | female | plural) of every linked pronoun outside quotes."""
    out = []
    for p in R.pronoun.finditer(w.text):
        g = R.pronouns.get(p.group().lower())
        if g != "neuter" and w.in_quote(p.start()) is None:
            out.append((p.start(), p.end(), g))
    return out


def infer_gender(w: Work, prons: list[tuple]) -> None:
    """An entity of unknown gender takes the gender of the next he/she that no other person precedes."""
    people = [m for m in w.mentions if m[2] == "PERSON" and m[ENT] is not None and not m[QUOTED]]
    starts = [p[0] for p in prons]
    next_gendered = [len(prons)] * (len(prons) + 1)      # index of the next he/she at or after i
    for i in range(len(prons) - 1, -1, -1):
        next_gendered[i] = i if prons[i][2] in GENDERS else next_gendered[i + 1]
    votes: dict[int, list[str]] = {}
    for k, m in enumerate(people):
        if w.ents[m[ENT]].gender:
            continue
        j = next_gendered[bisect_right(starts, m[END])]
        if j == len(prons):
            continue
        p = prons[j]
        if k + 1 < len(people) and p[0] > people[k + 1][START] and people[k + 1][ENT] != m[ENT]:
            continue
        if w.sent(p[0]) > w.sent(m[START]) + 1:
            continue
        votes.setdefault(m[ENT], []).append(p[2])
    for ei, vs in votes.items():
        if not w.ents[ei].gender:
            w.ents[ei].gender = max(dict.fromkeys(vs), key=vs.count)   # ties: the first seen, not set order


class _Fits:
    """Which entities a pronoun class may name: he -> a man or a person of unknown gender, they -> an
    organisation; ``exact`` = a person of exactly that gender."""

    def __init__(self, ents):
        self.ents = ents

    def ok(self, g: str, ei: int) -> bool:
        e = self.ents[ei]
        if g == "plural":
            return e.label == "ORG"
        return e.label == "PERSON" and (e.gender == g or e.gender is None)

    def exact(self, g: str, ei: int) -> bool:
        e = self.ents[ei]
        return e.label == "PERSON" and e.gender == g


class _History:
    """The entity mentions met so far: per sentence, the first that fits each pronoun class; per gender,
    the last person of that gender."""

    def __init__(self, fits: _Fits):
        self.fits = fits
        self.first_ok: dict[str, dict[int, int]] = {"male": {}, "female": {}, "plural": {}}
        self.last_exact: dict[str, tuple[int, int]] = {}

    def add(self, sent: int, ei: int) -> None:
        for g, table in self.first_ok.items():
            if sent not in table and self.fits.ok(g, ei):
                table[sent] = ei
        for g in GENDERS:
            if self.fits.exact(g, ei):
                self.last_exact[g] = (sent, ei)

    def antecedent(self, g: str, k: int):
        """The subject of sentence k that fits, else that of the last fitting sentence within ten."""
        table = self.first_ok[g]
        for kk in range(k, k - 11, -1):
            if kk in table:
                return table[kk]
        return None


class _Ahead:
    """For each pronoun class, the next name mention (index into ``names``) that fits it, built on demand."""

    def __init__(self, names: list[list], fits: _Fits):
        self.names, self.fits, self.tables = names, fits, {}
        self.starts = [m[START] for m in names]

    def next_fitting(self, g: str, exact: bool, pos: int) -> int:
        table = self.tables.get((g, exact))
        if table is None:
            fit = self.fits.exact if exact else self.fits.ok
            table = [len(self.names)] * (len(self.names) + 1)
            for i in range(len(self.names) - 1, -1, -1):
                table[i] = i if fit(g, self.names[i][ENT]) else table[i + 1]
            self.tables[(g, exact)] = table
        return table[bisect_right(self.starts, pos)]


def resolve_pronouns(w: Work, prons: list[tuple]) -> None:
    fits = _Fits(w.ents)
    gender_at = {s: g for s, _, g in prons}
    allm = sorted(w.mentions + [[s, e, None, "pronoun", None, False] for s, e, _ in prons], key=lambda m: m[START])
    names = [m for m in allm if m[KIND] != "pronoun" and m[ENT] is not None and not m[QUOTED]]
    ahead, hist, result = _Ahead(names, fits), _History(fits), []
    for m in allm:
        if m[KIND] != "pronoun":
            result.append(m)
            if m[ENT] is not None and not m[QUOTED]:
                hist.add(w.sent(m[START]), m[ENT])
            continue
        g, k = gender_at[m[START]], w.sent(m[START])
        target = hist.antecedent(g, k)
        if target is None or (g in GENDERS and w.ents[target].gender is None):
            # cataphora: "In his post, Legend added ..." -> the next name in the same sentence
            j = ahead.next_fitting(g, target is not None, m[START])
            if j < len(names) and w.sent(names[j][START]) == k:
                target = names[j][ENT]
        if target is not None and w.ents[target].gender is None and g in GENDERS:
            # prefer a person of that gender met within the last three sentences
            last = hist.last_exact.get(g)
            if last is not None and last[0] >= k - 3:
                target = last[1]
        label = "PERSON" if g in GENDERS else ("ORG" if target is not None else "PERSON")
        result.append([m[START], m[END], label, "pronoun", target, False])
        if target is not None:
            hist.add(k, target)
    w.mentions = result


def pronoun_gender(w: Work, R: EntityRules) -> None:
    """A person of unknown gender takes the gender of the he/she resolved to them."""
    for m in w.mentions:
        if m[KIND] == "pronoun" and m[ENT] is not None and w.ents[m[ENT]].label == "PERSON" \
                and not w.ents[m[ENT]].gender:
            g = R.pronouns.get(w.text[m[START]:m[END]].lower())
            if g in GENDERS:
                w.ents[m[ENT]].gender = g
