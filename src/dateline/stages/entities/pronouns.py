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
    organisation; ``exact`` = a person of exactly that gender. Worked out once per entity."""

    def __init__(self, ents):
        self.flags = [self._flags(e) for e in ents]

    @staticmethod
    def _flags(e) -> dict:
        person = e.label == "PERSON"
        out = {(g, False): person and e.gender in (g, None) for g in GENDERS}
        out.update({(g, True): person and e.gender == g for g in GENDERS})
        out[("plural", False)] = e.label == "ORG"
        return out


class _History:
    """The entity mentions met so far: per sentence, the first that fits each pronoun class; per gender,
    the last person of that gender."""

    def __init__(self, fits: _Fits):
        self.fits = fits
        self.first_ok: dict[str, dict[int, int]] = {"male": {}, "female": {}, "plural": {}}
        self.last_exact: dict[str, tuple[int, int]] = {}

    def add(self, sent: int, ei: int) -> None:
        flags = self.fits.flags[ei]
        for g, table in self.first_ok.items():
            if flags[(g, False)] and sent not in table:
                table[sent] = ei
        for g in GENDERS:
            if flags[(g, True)]:
                self.last_exact[g] = (sent, ei)

    def antecedent(self, g: str, k: int):
        """The subject of sentence k that fits, else that of the last fitting sentence within ten."""
        table = self.first_ok[g]
        for kk in range(k, k - 11, -1):
            if kk in table:
                return table[kk]
        return None


class _Ahead:
    """Cataphora: the first name mention after a pronoun, in its sentence, that fits its class. Sentences
    name few people, so it looks at the next few; past that, a table per class built once."""

    def __init__(self, w: Work, names: list[tuple], fits: _Fits):
        self.w, self.names, self.fits, self.tables = w, names, fits, {}
        self.starts = [m[START] for m in names]

    def find(self, g: str, exact: bool, pos: int, k: int):
        names, flags = self.names, self.fits.flags
        i = bisect_right(self.starts, pos)
        for j in range(i, min(i + 8, len(names))):
            if self.w.sent(names[j][START]) != k:
                return None
            if flags[names[j][ENT]][(g, exact)]:
                return names[j][ENT]
        if i + 8 >= len(names):
            return None
        table = self.tables.get((g, exact))
        if table is None:
            table = [len(names)] * (len(names) + 1)
            for j in range(len(names) - 1, -1, -1):
                table[j] = j if flags[names[j][ENT]][(g, exact)] else table[j + 1]
            self.tables[(g, exact)] = table
        j = table[i]
        return names[j][ENT] if j < len(names) and self.w.sent(names[j][START]) == k else None


def resolve_pronouns(w: Work, prons: list[tuple]) -> None:
    fits = _Fits(w.ents)
    gender_at = {s: g for s, _, g in prons}
    allm = sorted(w.mentions + [(s, e, None, "pronoun", None, False) for s, e, _ in prons], key=lambda m: m[START])
    names = [m for m in allm if m[KIND] != "pronoun" and m[ENT] is not None and not m[QUOTED]]
    ahead, hist, result = _Ahead(w, names, fits), _History(fits), []
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
            found = ahead.find(g, target is not None, m[START], k)
            if found is not None:
                target = found
        if target is not None and w.ents[target].gender is None and g in GENDERS:
            # prefer a person of that gender met within the last three sentences
            last = hist.last_exact.get(g)
            if last is not None and last[0] >= k - 3:
                target = last[1]
        label = "PERSON" if g in GENDERS else ("ORG" if target is not None else "PERSON")
        result.append((m[START], m[END], label, "pronoun", target, False))
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
