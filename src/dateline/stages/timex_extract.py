"""Temporal expressions: find TIMEX3 with the rule grammar in ``resources/en/rules/{date,time,duration,set}.yaml``.

Each hit becomes a ``Timex`` (ids t1, t2, ... in text order). A value that depends only on the words
(``March 5, 2001``, ``three weeks``, ``every Tuesday``) is filled in here; one that depends on context
(``Friday``, ``last year``) is emitted as ``value=None`` with a ``TimeSpec`` for ``timex_anchor``, carrying
the tense of the clause around it. No datetime arithmetic happens here.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import Any, Callable, Mapping

from ..errors import ResourceError
from ..grammar import regex as rx
from ..grammar.analysis import for_ascii, may_occur, required_strings
from ..grammar.matcher import Grammar, Hit, Matcher
from ..model import Document, Timex, TimeSpec
from ._doctype import make_doctype
from ._timex_tense import make_tense
from .registry import stage

_FIELD = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_ABBREV_DOT = re.compile(r"(?i)(?:\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|tues|wed|thu|"
                         r"thur|thurs|fri|sat|sun|ca)|[a-z]\.[a-z])\.\Z")


_PARTS: dict[str, list[str]] = {}      # template -> literal, field, literal, ... (``_FIELD.split``)


def fill(template: Any, norms: Mapping[str, str]) -> Any:
    """``{field}`` in a template -> its value in ``norms`` ("" when absent)."""
    if not isinstance(template, str):
        return template
    parts = _PARTS.get(template)
    if parts is None:
        parts = _PARTS[template] = _FIELD.split(template)
    if len(parts) == 1:
        return template
    out = parts[:]
    for i in range(1, len(out), 2):
        out[i] = str(norms.get(out[i], ""))
    return "".join(out)


# -- context-free values: small pure builders keyed by spec kind ----------------------------------
_TIME_UNITS = {"TS": "S", "TM": "M", "TH": "H"}
_UNIT_WORD = {"day": "D", "days": "D", "night": "D", "nights": "D", "week": "W", "weeks": "W",
              "month": "M", "months": "M", "year": "Y", "years": "Y", "quarter": "Q", "quarters": "Q",
              "hour": "TH", "hours": "TH", "minute": "TM", "minutes": "TM", "second": "TS",
              "seconds": "TS", "decade": "DE", "decades": "DE", "century": "CE", "weekend": "WE",
              "summer": "SU", "summers": "SU", "winter": "WI", "winters": "WI", "morning": "MO",
              "mornings": "MO", "evening": "EV", "evenings": "EV"}
_DECADE_WORD = {"twenties": "2", "thirties": "3", "forties": "4", "fifties": "5", "sixties": "6",
                "seventies": "7", "eighties": "8", "nineties": "9"}
_ADVERB = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
           "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y", "biannually": "P6M", "hourly": "PT1H"}


def spoken_number(s: str, words: Mapping[str, str]) -> str | None:
    """"five hundred and twelve" -> "512" with the number lexicon; None when a word is not a number."""
    total = cur = 0
    for w in s.replace(" and ", " ").split():
        if w == "hundred":
            cur = (cur or 1) * 100
        elif w == "thousand":
            total, cur = total + (cur or 1) * 1000, 0
        elif words.get(w, "").isdigit():
            cur += int(words[w])
        else:
            return None
    return str(total + cur)


def _number(s: str) -> str:
    s = (s or "").replace(",", "")
    if s in ("a", "an"):
        return "1"
    try:
        f = float(s)
    except ValueError:
        return "X" if s in ("", "x") else s
    return str(int(f)) if f == int(f) else s


def duration_value(n: str, unit: str) -> str:
    """P<n><unit>, PT<n>H for time units; decades and centuries in years; X for vague amounts."""
    unit = _UNIT_WORD.get(unit, unit)
    n = _number(n)
    if unit in ("DE", "CE", "ML", "2W") and n != "X":
        mult = {"DE": 10, "CE": 100, "ML": 1000, "2W": 2}[unit]
        num = float(n) * mult
        n, unit = (str(int(num)) if num == int(num) else str(num)), ("W" if unit == "2W" else "Y")
    if unit == "WE":
        return f"P{n}WE"
    if "." in n and unit in ("TH", "TM") and float(n) * 60 == int(float(n) * 60):   # 5.5 hours -> PT5H30M
        whole, part = int(float(n)), int(round((float(n) % 1) * 60))
        big, small = _TIME_UNITS[unit], "M" if unit == "TH" else "S"
        return f"PT{whole}{big}{part}{small}" if whole else f"PT{part}{small}"
    if unit in _TIME_UNITS:
        return f"PT{n}{_TIME_UNITS[unit]}"
    if re.fullmatch(r"\d+\.5", n) and unit in ("Y", "D"):   # 2.5 years -> P2Y6M
        whole = n.split(".")[0]
        return f"P{whole}Y6M" if unit == "Y" else f"P{whole}DT12H"
    if "." in n:                                      # 1.5 years -> P18M, 2.5 days -> PT60H
        num = float(n)
        smaller = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "TH")}.get(unit)
        if smaller and num * smaller[0] == int(num * smaller[0]):
            return duration_value(str(int(num * smaller[0])), smaller[1])
    return f"P{n}{unit}"


def _duration(f: Mapping[str, str]) -> str:
    n = f.get("n", "")
    frac = f.get("frac", "")
    if frac:
        n = str(int(re.match(r"\d+", frac).group(0)) + 0.5)
    elif "and a half" in f.get("text", "") or "and-a-half" in f.get("text", ""):
        n = str(float(_number(n)) + 0.5)
    return duration_value(n, f.get("unit", ""))


def _set_unit(f: Mapping[str, str]) -> str:
    u = f.get("unit", "D")
    code = _UNIT_WORD.get(u, u)
    if code in ("SU", "WI"):
        return f"XXXX-{code}"
    if code in ("MO", "EV"):
        return f"XXXX-XX-XXT{code}"
    n = f.get("n", "")
    n = "2" if n == "other" else (_number(n) if n else "1")
    return duration_value(n, code)


def _set_weekday(f: Mapping[str, str]) -> str:
    pod = f.get("pod", "")
    return f"XXXX-WXX-{f['weekday']}" + (f"T{pod}" if pod else "")


TIMEX_MODS = frozenset({"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
                        "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX"})

BUILDERS: dict[str, Callable[[Mapping[str, str]], str]] = {
    "duration": _duration,
    "set_adverb": lambda f: _ADVERB.get(f.get("adverb", ""), "P1D"),
    "set_unit": _set_unit,
    "set_weekday": _set_weekday,
    "set_month": lambda f: f"XXXX-{f['month']}",
    "century": lambda f: ("BC" if f.get("bc") else "") + f"{int(f['ordinal']) - 1:02d}",
    "decade_word": lambda f: "19" + _DECADE_WORD.get(f.get("decade", ""), "X"),
    "fixed": lambda f: f["value"],
    "year_words": lambda f: f["century"] + (f"{int(_number(f['yy'])):02d}" if f.get("yy", "").isdigit()
                                            or _number(f.get("yy", "")).isdigit() else "00")
                            + (f"-{f['month']}" if f.get("month") else f"-{f['season']}" if f.get("season") else ""),
}
CONTEXT_KINDS = frozenset({"weekday", "month", "month_day", "season", "holiday", "year_part", "offset",
                           "quarter_ref", "ref_unit", "clock", "pod_ref", "numeric_date",
                           "two_digit_year", "decade_short", "era_year"})


TENSE_KINDS = frozenset({"weekday", "month", "month_day", "season", "holiday", "year_part", "clock", "offset",
                         "weekday_day", "nth_weekday", "week_of_month"})


_ISO_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")


def _real_day(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def impossible(value: str | None, spec: TimeSpec | None) -> bool:
    """A calendar day that no year has ("February 30, 2021", "2021-02-30", "April 31", "31/04/2021"): such
    a text is no date, and gets no TIMEX3 (a value must be a real ISO 8601 day). A day without its year is
    checked against a leap year ("February 29" is possible)."""
    m = _ISO_DAY.match(value or "")
    if m:
        return not _real_day(*map(int, m.groups()))
    if spec is None:
        return False
    f = spec.fields
    if spec.kind == "numeric_date" and f.get("a"):
        a, b, y = _int(f["a"]), _int(f.get("b", "")), _int(f.get("year", ""))
        y = y if y >= 1000 else 2000 + y             # a two-digit year: its century does not change Feb 29
        return not (_real_day(y, a, b) or _real_day(y, b, a))
    if spec.kind in ("month_day", "month_of_ref", "clock") and f.get("month") and f.get("day"):
        y = _int(f.get("year", ""))
        return not _real_day(y if 0 < y < 10000 else 2000, _int(f["month"]), _int(f["day"]))
    return False


def _int(s: str) -> int:
    return int(s) if s.isdigit() else 0


def _freq(text: str) -> str | None:
    t = text.lower()
    if t.startswith("once"):
        return "1X"
    if t.startswith("twice"):
        return "2X"
    if t.startswith("thrice"):
        return "3X"
    return None


def _check_kind(rule: Mapping[str, Any], where: str) -> None:
    """A rule's spec kind must name a builder or a resolver: a typo fails here, not as XXXX-XX-XX later."""
    if rule.get("value") is not None:
        return
    from ._timex_kinds import RESOLVERS
    kind = (rule.get("spec") or {}).get("kind", "fixed")
    if kind not in BUILDERS and kind not in RESOLVERS:
        raise ResourceError(f"{where}: rule {rule.get('name')!r} has an unknown kind {kind!r}; known: "
                            f"{sorted(set(BUILDERS) | set(RESOLVERS))}")


_LIST_GAP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_PART = re.compile(r"P(T?)(\d+)([YMWDHS])\Z")
_ORDER = ("Y", "M", "W", "D", "TH", "TM", "TS")


def _part(value: str | None) -> tuple[int, str] | None:
    m = _PART.match(value or "")
    return (_ORDER.index(("T" if m.group(1) else "") + m.group(3)), m.group(2)) if m else None


def join_duration_lists(text: str, timexes: list[Timex]) -> list[Timex]:
    """"two hours, ten minutes and five seconds", "one year and six months": one DURATION (PT2H10M5S), its
    units from the largest down, when the parts are written one after the other."""
    out: list[Timex] = []
    parts: list[tuple[int, str]] = []
    for t in timexes:
        p, q = (out[-1] if out else None), _part(t.value) if t.type == "DURATION" and not t.mod else None
        if p is not None and q is not None and parts and parts[-1][0] < q[0] and _LIST_GAP.fullmatch(text, p.end, t.start):
            parts.append(q)
            date = "".join(n + _ORDER[i] for i, n in parts if i < 4)
            time = "".join(n + _ORDER[i][1] for i, n in parts if i >= 4)
            out[-1] = Timex(p.id, p.start, t.end, text[p.start:t.end], "DURATION", "P" + date + ("T" + time if time else ""),
                            None, None, p.rule, None, p.quant, None)
            continue
        parts = [q] if q is not None else []
        out.append(t)
    return out


@stage("timex_extract", requires={"text", "sentences"}, assigns={"timexes"})
def make_timex_extract(settings, res):
    return TimexExtractor(settings, res)


class TimexExtractor:
    """The compiled time grammar of one pipeline; calling it on a segmented document finds its TIMEX3."""

    def __init__(self, settings, res):
        cfg = self.cfg = res.data("timex")
        self.res = res
        self.grammar = Grammar(res, cfg.get("macros"))
        self.matchers: dict[str, Matcher] = {}
        self.document_type = settings.document_type
        self.auto = settings.document_type == "auto"
        self.doctype = make_doctype(cfg["document_type_auto"]) if self.auto else None
        for dtype in (("news", "narrative", "colloquial") if self.auto else (settings.document_type,)):
            self.matcher_for(dtype)                  # a bad rule fails here, when the pipeline is built
        self.lexicon = res.lexicon
        self.excludes = [rx.compile(p) for p in cfg.get("exclude", ())]
        self.exclude_needs = [required_strings(p) for p in self.excludes]
        self.excludes_ascii = [for_ascii(p) for p in self.excludes]     # the same on ASCII text, faster
        mp = cfg["mod_prefix"]
        self.mod_lex = res.lexicon(mp["lexicon"])
        self.mod_allowed = {k: frozenset(v) for k, v in mp["allowed"].items()}
        self.mod_re = rx.compile(r"(?<![\w-])(?P<m>" + self.grammar.alternation(mp["lexicon"])
                                 + r")(?:\s+|-\s*|(?<=-))\Z", re.I)
        self.mod_re_ascii = for_ascii(self.mod_re)
        self.tense = make_tense(cfg["tense"], res)
        self.numbers = res.lexicon("number")
        self.quarterly = rx.compile(cfg.get("quarterly_context", r"(?!x)x"), re.I)
        self.quarterly_needs = required_strings(self.quarterly)
        self.quarterly_ascii = for_ascii(self.quarterly)

    def matcher_for(self, document_type: str) -> Matcher:
        """The rules of every document type plus those of this one, compiled when first needed."""
        m = self.matchers.get(document_type)
        if m is None:
            cfg, rules, res_rules = self.cfg, [], self.res.rules
            for fname in [*cfg["rule_files"], *cfg.get("rule_files_by_type", {}).get(document_type, ())]:
                for r in res_rules(fname):
                    _check_kind(r, f"rules/{fname}.yaml")
                    rules.append(self.grammar.compile(r, len(rules), f"rules/{fname}.yaml"))
            m = self.matchers[document_type] = Matcher(rules, self.grammar, cfg["trigger_lexicons"],
                                                       cfg.get("trigger_words", ()), cfg.get("digit_trigger"))
        return m

    def extend_mod(self, text: str, a: int, hit_start: int, typ: str) -> tuple[int, str | None]:
        if text.startswith(("the ", "The "), hit_start):
            return hit_start, None               # "over the past 20 years": a preposition, not a modifier
        lo = max(a, hit_start - 30)
        m = (self.mod_re_ascii if text[lo:hit_start].isascii() else self.mod_re).search(text, lo, hit_start)
        if not m:
            return hit_start, None
        mod = self.mod_lex.get(m.group("m").lower())
        if mod not in self.mod_allowed.get(typ, ()):
            return hit_start, None
        return m.start(), mod

    def build(self, doc: Document, hit: Hit, a: int, b: int, quarterly_doc: Callable[[], bool],
              marks: Callable[[int, int], list]) -> tuple[int, str | None, str | None, TimeSpec | None, str | None]:
        rule = hit.rule
        norms = dict(hit.norms)
        norms["text"] = doc.text[hit.start:hit.end].lower()
        start, mod = self.extend_mod(doc.text, a, hit.start, rule.get("type"))
        if rule.get("mod"):                     # a group's own lexicon names the mod, or the words are a prefix
            normed = fill(rule.get("mod"), norms)
            mod = (normed if normed in TIMEX_MODS else self.mod_lex.get(fill(rule.get("mod"), hit.groups).lower())) or mod
        if rule.get("value") is not None:
            return start, fill(rule.get("value"), norms), mod, None, None
        spec = rule.get("spec") or {}
        fields = {k: fill(v, norms) for k, v in spec.items() if k != "kind"}
        fields = {k: v for k, v in fields.items() if v not in ("", None)}
        kind = spec.get("kind", "fixed")
        if kind == "duration" and " " in fields.get("n", ""):
            fields["n"] = spoken_number(fields["n"], self.numbers) or fields["n"]
        if kind in BUILDERS:
            return start, BUILDERS[kind](fields), mod, None, _freq(norms["text"]) if rule.get("type") == "SET" else None
        if kind in TENSE_KINDS:
            fields["tense"] = self.tense(doc.text, a, b, hit.start, hit.end, marks(a, b))
            if fields["tense"] == "PRESENT" and doc.text.startswith(("'s", "’s"), hit.end):
                fields["tense"] = ""             # "follows Friday's vote": the present is not a schedule
        if kind == "offset" and quarterly_doc():
            fields["quarterly"] = "1"
        return start, None, mod, TimeSpec(kind, fields), None

    def excluded_spans(self, text: str, low: str | None = None) -> list[tuple[int, int]]:
        """The spans of the ``exclude`` patterns; ``low``: the lower-cased text when it is ASCII (a pattern
        whose required strings do not all occur in it is not run)."""
        spans = []
        for ex, fast, needs in zip(self.excludes, self.excludes_ascii, self.exclude_needs):
            if low is None:
                spans.extend((m.start(), m.end()) for m in ex.finditer(text))
            elif may_occur(needs, low):
                spans.extend((m.start(), m.end()) for m in fast.finditer(text))
        spans.sort()
        return spans

    def quarterly_doc(self, text: str, low: str | None) -> bool:
        if low is None:
            return self.quarterly.search(text) is not None
        return may_occur(self.quarterly_needs, low) and self.quarterly_ascii.search(text) is not None

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        spans = [(s.start, s.end) for s in doc.sentences]
        hits = self.matcher_for(self.doctype(doc) if self.auto else self.document_type).find(text, spans, self.lexicon)
        if not hits:
            return doc.replace(timexes=())
        low = text.lower() if text.isascii() else None    # lower-casing is the engine's case folding in ASCII
        ex = self.excluded_spans(text, low)
        cache: dict = {}

        def quarterly_doc() -> bool:         # whether the document talks about quarters, found when first needed
            q = cache.get("quarterly")
            if q is None:
                q = cache["quarterly"] = self.quarterly_doc(text, low)
            return q

        def marks(a: int, b: int) -> list:   # the tense markers of a sentence, found once when needed
            m = cache.get(a)
            if m is None:
                m = cache[a] = self.tense.markers(text, a, b)
            return m
        ex_starts = [e[0] for e in ex]
        starts = [a for a, _ in spans]
        out: list[Timex] = []
        for h in hits:
            if ex:
                i = bisect.bisect_right(ex_starts, h.start) - 1
                if i >= 0 and ex[i][0] <= h.start and h.end <= ex[i][1]:
                    continue
            rule = h.rule
            if rule.get("type") == "AGE":
                continue                     # an age ("34-year-old") claims its words but is no TIMEX3
            a, b = spans[bisect.bisect_right(starts, h.start) - 1]
            start, value, mod, spec, freq = self.build(doc, h, a, b, quarterly_doc, marks)
            if impossible(value, spec):
                continue                     # "February 30, 2021": no such day, no TIMEX3
            end = h.end
            if text[end - 1] == "." and not _ABBREV_DOT.search(text, start, end):
                end -= 1                     # "30 August." ends a sentence; "Aug." keeps its dot
            out.append(Timex(id=f"t{len(out) + 1}", start=start, end=end, text=text[start:end],
                             type=rule.get("type"), value=value, mod=mod, rule=rule.name, spec=spec,
                             quant=rule.get("quant"), freq=freq))
        return doc.replace(timexes=tuple(join_duration_lists(text, out)))
