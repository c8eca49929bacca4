"""Quotes: direct, mixed and indirect, with speaker, cue, medium and when they were said.

Rules (patterns in ``rules/quote.yaml``, verbs in ``lexicon/reporting_verbs.tsv`` and ``belief_verbs.tsv``):
1. quoted regions of any mark style (``_quotemarks``); titles, names, single words and scare quotes are
   not quotes;
2. cue clauses around a region: ``“…,” she said`` / ``said Smith`` after it, ``Smith said: “…”`` before
   it; ``“A,” she said, “B.”`` is one quote with two spans;
3. reported speech per sentence: ``NP CUE (that) CONTENT`` (``told X that``), ``CONTENT, NP CUE``,
   ``according to NP, CONTENT`` / ``CONTENT, according to NP``; a content holding a partial quote is
   ``mixed``; beliefs and intentions (``believes``, ``wants to``) are indirect with the belief verb as cue;
4. a quote without its own cue takes the speaker of the quote before it in the same paragraph, or of the
   previous paragraph when its paragraph holds nothing but quotes; otherwise the speaker stays null;
5. medium and ``said_on`` from the attribution sentence, or from the sentence that introduced the post /
   statement / interview of the same speaker ("On Sept. 30, X posted an Instagram update ...").
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..model import Document, Quote, Span
from ._quotemarks import find_regions
from ._rx import expand, is_title_case as _is_title_case, trie_alternation
from .registry import stage

_WORD = re.compile(r"[A-Za-z0-9][\w’'-]*")
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{4}-W\d{2}$)")
_WEEK = re.compile(r"\d{4}-W\d{2}")
_PRONOUNS = frozenset("he she they it we i you who".split())
_DETS = frozenset("the a an his her their its our my your this that these those another one two three "
                  "some many several other both all each every few no former".split())
_TIME_PREPS = frozenset("in since by until on from during".split())
_NP_INNER = frozenset("of for at with in and & on to".split())
_MOD = re.compile(r"^(?:[a-z]+(?:al|ic|ive|ent|ant|ous|ary|ory|ful|less|ish|ese|an|ian|ern|ist|ing|ed)|"
                  r"[a-z]+-[a-z-]+|\d[\w/-]*|top|senior|chief|former|longtime|local|key|new|old|white|black|"
                  r"young|retired|deputy|acting|press|campaign|house|state|city|county|party|news|media|"
                  r"government|police|fire|army|health|tax|court|defense|security|election|transition|"
                  r"communications|policy|foreign|domestic|economic|legal|staff|white|gop|u\.s\.|senate|"
                  r"union|company|industry|team|family|world|business|trade|oil|energy|bank|budget|"
                  r"intelligence|military|administration|agency|department|committee|council)$")
_TOKEN = re.compile(r"[^\s]+")
_ABBR = re.compile(r"^(?:(?:[A-Z]\.)+|Mr\.|Mrs\.|Ms\.|Dr\.|Sen\.|Rep\.|Gov\.|Gen\.|Lt\.|Col\.|Sgt\.|Rev\.|Prof\.|Jr\.|Sr\.|St\.|Capt\.|Adm\.|Maj\.)$")
_AGE_TAIL = re.compile(r",[ \t]*\d{1,3},?$")
_LEAD_PUNCT = re.compile(r"[ \t]*[,:]?[ \t]*")
_CUE_LAST = re.compile(r"(?:[ \t]+[^\s,]+){0,6}?[ \t]*[.!?]?[ \t\"”’]*")
_COMMA_NEXT = re.compile(r"[ \t]*,")
_STOP_NEXT = re.compile(r"[ \t]*[.!?]")
_QUOTE_CHARS = re.compile(r"[“”\"]")
_REL_TAIL = re.compile(r",[ \t]+(?:who|which|whose)\b[^,;“”\"]{1,160},$")
_SUBJ_PRON = frozenset("he she they it we i".split())
_VERBISH = re.compile(r"(?:,[^,“”\"]{1,80},|,)?[ \t]+(?P<cue>(?:(?:has|have|had|is|are|was|were|also|then|later|"
                      r"repeatedly|once|again|still|now|already|even|just|not|never|always|[a-z]+ly)[ \t]+)*(?!(?:is|was|are|were|has|had|have|does|says)\b)"
                      r"[a-z]+(?:ed|es|s|ing)(?:[ \t]+(?:on|for|out|up|to|back|off))?)\b")
_DASH_CUE = re.compile(r"[ \t\xa0]*(―|—|–|--)[ \t\xa0]*")
_DET_NP = re.compile(r"(?:^|(?<=[,;:]\s)|(?<=\n))(?P<np>(?:The|the|A|a|An|an|This|this|That|that|Its|its|His|his|Her|her|"
                     r"Their|their|One|one)[ \t]+(?:[\w’'-]+[ \t]+){0,3}[a-z][\w-]*)$")
_APPOS_STOP = re.compile(r"[;“”\"«»\n]|\b(?:said|says|told)\b")
_CLAUSE_END = re.compile(r",[ \t]|;|[ \t](?:—|–|--)[ \t]|[ \t]\(")
_PREP_START = re.compile(r"(?:at|in|on|of|for|with|to|by|from|about|as|during|after|before|and|but|or|that|which|who|"
                         r"it|is|was|are|were|be|been|has|had|have|up|out|off|back|down)\b")
_BETWEEN = re.compile(r",?(?:[ \t]+[^\s“”\"«»]+)*[ \t]*[,.:;!?][ \t]*|[ \t]*[,.:;]?[ \t]*")
_WHEN_AFTER = re.compile(r"(?:[ \t]+in[ \t]+(?:a|an|his|her|their|the|its)[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:interview|statement)"
                         r"(?:[ \t]+with[ \t]+[^,.;“”\"]{1,40}?)?|[ \t]+then"
                         r"|[ \t]+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                         r"(?:[ \t]+(?:morning|afternoon|evening|night))?|[ \t]+(?:yesterday|today|tonight|"
                         r"last[ \t]+(?:week|month|year|night)|earlier[ \t]+this[ \t]+(?:week|month|year)))(?=[ \t,.;:])")
_PARTICIPLE_BEFORE = re.compile(r",[ \t]*(?:while[ \t]+|before[ \t]+|after[ \t]+|also[ \t]+|even[ \t]+)?$")
_DET_SUBJ = re.compile(r"[“\"]?(?P<np>(?:The|A|An)[ \t]+(?:[\w’'-]+[ \t]+){0,4}?[a-z][\w-]*)(?=[ \t]+(?:[a-z]+ly[ \t]+)?"
                       r"(?:has|had|have|was|were|is|are|[a-z]+ed|[a-z]+s)\b)")
_INVERTED_BEFORE = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<cue>Said|Says|Added|Adds|Wrote|Writes)[ \t]+"
                              r"(?P<np>[^,:;“”\"\n]{2,80}?)[ \t]*[:,][ \t]*$")
_PRON_SUBJ = re.compile(r"[“\"]?(?P<np>[Hh]e|[Ss]he|[Ii]t|[Tt]hey|[Ww]e|I)[ \t]+(?:[a-z]+ly[ \t]+)?"
                        r"(?:has|had|have|was|were|is|are|[a-z]+ed|[a-z]+s)\b")
_POSS_TAIL = re.compile(r"['’]s?$")
_APPOS_AFTER = re.compile(r"(?:,[^,“”\"\n]{1,160}){1,2},")
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten".split())
_NOT_NP = re.compile(r"[,;:“”\"()]|\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|did|do|does|"
                     r"should|may|might|must|that|which|who|when|if|because|while|after|before|as|it|he|she|"
                     r"they|we|I|you|\w+ed|\w+ing)\b")
_COPULA = re.compile(r",?[ \t]+(?:is|was|are|were|has|had|have)\b")
_SENT_END_IN = re.compile(r"[a-z0-9]{3,}\.[ \t]|[!?][ \t]")
_IRREGULAR = re.compile(r"(?:,[^,“”\"]{1,80},|,)?[ \t]+(?P<cue>(?:(?:has|have|had|also|then|later|[a-z]+ly)[ \t]+)*"
                        r"(?:went[ \t]+on|made|took|gave|told|said|wrote|put|got|kept|thought|knew|saw|felt|found|"
                        r"spoke|sent|brought|held|left|became|began|came|ran|won|lost|shot[ \t]+back|fired[ \t]+back))\b")
_INTRO = re.compile(r"[ \t“\"]*(?:(?:Shortly|Soon|Just|Even|Only|Long|Hours|Days|Weeks|Months|Years)[ \t]+)?"
                    r"(?:After|Before|When|While|As|If|Although|Though|Because|Since|Until|Once|In|On|At|During|"
                    r"Earlier|Later|Last|This|Asked|Speaking|Following|Despite|Unlike|Like|With|Without|For|Under|"
                    r"Over|Amid|By|From|Meanwhile|Still|But|And|Yet|So|Now|Then|Instead|However)\b")
_MODAL = re.compile(r"(?:will|would|could|should|may|might|can|must)[ \t]")
_PREP_CONTENT = re.compile(r"(?:at|in|on|of|for|with|to|by|from|about|as|during|after|before|and|but|or|outside|"
                           r"inside|near|into|across|toward|towards|around|behind|along|beside|onto)\b")
_OPEN_AFTER_CUE = re.compile(r"[,:][ \t]*$")
_CLAUSE_BREAK = frozenset(",;:()—–\"“”«»")


def _words(s: str) -> int:
    """Word count, looking at the first 120 characters only (callers compare with small numbers)."""
    return len(_WORD.findall(s, 0, 120))


@stage("quotes", requires={"sentences", "mentions", "entities", "timex_values"}, assigns={"quotes"})
def make_quotes(settings, res):
    rules = {r["name"]: expand(res, r["match"]) for r in res.rules("quote")}
    person_noun = res.words("person_noun")
    nonperson = res.words("nonperson")
    org_suffix = res.words("org_suffix")
    medium_lex = res.lexicon("medium")
    aux = rules["quote_aux"]
    assert aux.endswith("*"), "quote_aux must be a repeated group"
    # the verb lists are long: trie alternations keep every search fast
    speech = trie_alternation(res.words("reporting_verbs"))
    stance_words = res.words("stance_verbs")
    phrasal = re.compile(rules["quote_phrasal"])
    # one trie over every cue word (fast), classified afterwards by set lookups
    speech_set = res.words("reporting_verbs")
    belief_set = res.words("belief_verbs") - speech_set
    stance_set = stance_words - speech_set - belief_set
    any_cue = trie_alternation(speech_set | belief_set | stance_set)
    first_chars = "".join(sorted({w[0] for w in speech_set | belief_set | stance_set} | {"A", "a"}))
    verb_rx = re.compile(rf"(?=[{re.escape(first_chars)}])\b(?:(?P<v>{any_cue})(?![\w’'-])|(?P<acc>{rules['quote_according_to']})\b)")
    aux_words = frozenset(w.replace("[’']", "’") for w in re.findall(r"[a-z]+(?:\[’'\][a-z]+)?", aux))
    aux_words = aux_words | {w.replace("’", "'") for w in aux_words} | {"n’t", "n't"}
    aux_tail = re.compile(rf"(?<![\w’'-])(?:{aux[:-1]})+$")
    # a cue anywhere in a sentence: (aux) verb | according to
    obj_verb = re.compile(rf"(?:{rules['quote_object_verb']})$", re.I)
    after_cue_np = re.compile(rf"[ \t]*,?[ \t]*(?P<cue>{aux}(?:{speech}))(?![\w’'-])")
    that_rx = re.compile(r"(?:[ \t]+(?:in|on|at|during|after|before|via|through|over|last|this|earlier|late|early|"
                         r"today|yesterday|again|repeatedly|privately|publicly|recently|to|with|[A-Z][\w.’'-]*)"
                         r"(?:[ \t]+(?![Tt]hat\b|(?:he|she|they|it|we|I|you|there|is|was|are|were|has|have|had|"
                         r"will|would|can|could|be)\b|\w+[’']\w+\b)"
                         r"[^\s,.;:“”\"«»]+){0,6}?)?[ \t]+(?=that\b)")
    not_quote_before = re.compile(rules["quote_not_a_quote_before"], re.I)
    medium_words = res.words("medium")
    medium_rx = re.compile(r"(?<![\w-])" + trie_alternation(sorted(medium_words | {w.capitalize() for w in medium_words}))
                           + r"(?![\w-])")
    intro_rx = re.compile(rules["quote_intro_verb"], re.I)
    frame_rx = re.compile(rules["quote_medium_frame"])
    loose_np_cue = re.compile(rf"(?P<np>[^\s,.;:“”\"«»][^,;:“”\"«»\n]{{0,60}}?)[ \t]+"
                              rf"(?P<cue>{aux}(?:{speech}))(?![\w’'-])")
    word_then_cue = re.compile(rf"[ \t]*,?[ \t]*[\w.’'-]+(?:[ \t]+[\w.’'()-]+){{0,4}}[ \t]+(?:{speech})\b")
    cue_before_rx = re.compile(rf"(?P<cue>{aux}(?:{speech}))(?P<tail>(?:[ \t]+[^\s“”\"«»]+){{0,6}}?)[ \t]*[,:]?[ \t]*$")
    acc_before_rx = re.compile(rf"(?P<acc>{rules['quote_according_to']})[ \t]+(?P<np>[^,“”\"]{{2,80}}),[ \t]*$")
    acc_rx = re.compile(rf",[ \t]*(?:{rules['quote_according_to']})\b")
    speech_only = re.compile(rf"^(?:{speech})$", re.I)

    def quotes(doc: Document) -> Document:
        otext = doc.text
        text = otext.replace("\xa0", " ") if "\xa0" in otext else otext    # same length: offsets hold
        n = len(text)
        regions, warnings = find_regions(text, doc.paragraphs)
        sents = doc.sentences
        sstarts = [s.start for s in sents] or [0]
        ments = sorted(doc.mentions, key=lambda m: m.start)
        mstarts = [m.start for m in ments]
        ents = {e.id: e for e in doc.entities}

        def sent_of(i):
            return max(0, bisect_right(sstarts, i) - 1)

        def mentions_in(a, b):
            k = bisect_right(mstarts, a - 1)
            out = []
            while k < len(ments) and ments[k].start < b:
                if ments[k].end <= b:
                    out.append(ments[k])
                k += 1
            return out

        def mention_ending(e):
            k = bisect_right(mstarts, e) - 1
            while k >= 0 and ments[k].start >= e - 80:
                if ments[k].end == e:
                    return ments[k]
                k -= 1
            return None

        def trim(a, b):
            while a < b and text[a] in " \t\n":
                a += 1
            while b > a and text[b - 1] in " \t\n.,;:":
                b -= 1
            return a, b

        # ---- speaker noun phrases ---------------------------------------------------------------
        def np_before(pos, lo):
            """The noun phrase that ends right before pos (a cue): (start, end) or None."""
            e = pos
            while e > lo and text[e - 1] in " \t":
                e -= 1
            if e <= lo:
                return None
            am = _AGE_TAIL.search(text[max(lo, e - 8):e])
            if am:
                e2 = max(lo, e - 8) + am.start()
                inner = np_before(e2, lo)
                return (inner[0], e) if inner else None
            m = mention_ending(e)
            # a short window when a clause break is near (the phrase cannot reach further back)
            w0 = max(lo, e - 110)
            brk = max(text.rfind(",", w0, e - 1), text.rfind(";", w0, e), text.rfind("\n", w0, e),
                      text.rfind("“", w0, e), text.rfind("”", w0, e), text.rfind('"', w0, e))
            if brk > w0:
                w0 = max(lo, brk - 1)
            toks = [(x.start(), x.end()) for x in _TOKEN.finditer(text, w0, e)]
            if not toks:
                return None
            a, b = toks[-1]
            w = text[a:b]
            wl = w.lower().rstrip(",")
            if w.endswith(","):
                # "Trump, who has been feuding with party leaders this week, said"
                # "Mayra Gonzalez, a cook at the hotel, said" / "Lance Beebe, 49, a Navy veteran, said"
                c = e - 1
                for _ in range(3):
                    c = text.rfind(",", max(lo, e - 250), c)
                    if c < 0 or _APPOS_STOP.search(text, c, e - 1):
                        break
                    inner = np_before(c, lo)
                    if inner and any(mm.kind == "name" for mm in mentions_in(inner[0], e - 1)):
                        return (inner[0], e - 1)
                return None
            if w[-1] in "\"”’“" and not w.endswith("’s"):
                return None
            if wl in nonperson and wl not in _PRONOUNS:
                return None
            if wl.isdigit() and len(toks) > 1 and text[toks[-2][0]:toks[-2][1]].lower() in _TIME_PREPS:
                inner = np_before(toks[-2][0], lo)      # "who in 2010 said": the year is an adverbial
                if inner:
                    return inner
            if not (m is not None or wl in _PRONOUNS or wl in person_noun or wl.rstrip("s") in person_noun
                    or w[0].isupper() or wl in org_suffix or w.endswith(")") or wl.rstrip("%").isdigit()
                    or wl == "percent"):
                dm = _DET_NP.search(text, max(lo, e - 80), e)      # "The clip says", "A new report found"
                if dm:
                    return (dm.start("np"), e)
                # the whole clause before the cue is a short noun phrase:
                # "Experts on North Korea and nuclear nonproliferation said ..."
                cs = lo
                while cs < e and text[cs] in " \t\n“\"":
                    cs += 1
                head = text[cs:e]
                words = head.split()
                if 1 < len(words) <= 10 and head[:1].isupper() and not _NOT_NP.search(head) and \
                        (words[0].lower() not in nonperson or words[0].lower() in _DETS):
                    return (cs, e)
                return None
            if wl == "who" and w == "who":
                return (a, b)                     # "X, who said ...": PolNeAR's source is the relative pronoun
            if wl in ("who", "that", "which"):
                return None
            start = a
            if m is not None:
                start = min(start, m.start)
            if wl in _PRONOUNS:
                return (a, b)
            k = len(toks) - 1
            while k > 0:
                if toks[k][0] < start and toks[k][1] <= start:
                    pass
                pa, pb = toks[k - 1]
                if "\n" in text[pb:toks[k][0]]:
                    break
                pw = text[pa:pb]
                pwl = pw.lower()
                if pb > start:             # inside a mention already
                    k -= 1
                    continue
                if pw[-1] in _CLAUSE_BREAK or pw[0] in _CLAUSE_BREAK and not pw.startswith("("):
                    break
                if pwl in _DETS:
                    start = pa
                    # "a spokesman for the campaign": keep going only after of/for
                    if k - 2 >= 0 and text[toks[k - 2][0]:toks[k - 2][1]].lower() in ("of", "for", "at", "with"):
                        k -= 1
                        continue
                    break
                if pw[0].isupper() or pwl in _NP_INNER or pwl in person_noun or _MOD.match(pwl) \
                        or pw.startswith("(") or pw.endswith(")") or pwl.endswith(("’s", "'s")):
                    if pwl in _NP_INNER and k - 2 < 0:
                        break
                    start = pa
                    k -= 1
                    continue
                break
            # never start on a preposition/conjunction or a function word ("When Cruz", "But Ms. Patel")
            while True:
                fw = _TOKEN.match(text, start)
                if fw and (fw.group().lower() in _NP_INNER or (fw.group().lower() in nonperson and
                           fw.group().lower() not in _DETS and fw.group().lower() not in _PRONOUNS
                           and fw.group().lower() not in _NUMBER_WORDS)) \
                        and fw.end() < e:
                    start = fw.end() + 1
                    while start < e and text[start] == " ":
                        start += 1
                    continue
                break
            # apposition: "Rep. X (D-N.C.), head of the caucus," said ...
            if start >= 2 and text[start - 2:start] == ", ":
                inner = np_before(start - 2, lo)
                if inner and inner[1] - inner[0] > 0 and any(
                        mm.kind == "name" for mm in mentions_in(inner[0], inner[1])):
                    start = inner[0]
            return (start, e) if e > start else None

        def np_after(pos, hi, loose=False):
            """The noun phrase that starts at pos ("said the former senator, ...").

            ``loose``: a cue must follow, so a determiner may head any short lowercase phrase ("the coach").
            """
            s = pos
            while s < hi and text[s] in " \t":
                s += 1
            toks = [(t.start(), t.end()) for t in _TOKEN.finditer(text, s, min(hi, s + 160))]
            if not toks or "\n" in text[pos:toks[0][0]]:
                return None
            end = None
            for k, (a, b) in enumerate(toks[:9]):
                if k and "\n" in text[toks[k - 1][1]:a]:
                    break
                w = text[a:b]
                core = w.rstrip(",.;:")
                if w.endswith(".") and _ABBR.match(w):
                    core = w.rstrip(",;:")
                cl = core.lower()
                if speech_only.match(cl):
                    break
                if k == 0 and cl in _PRONOUNS:
                    return (a, a + len(core))
                if not (core[:1].isupper() or cl in _DETS or cl in _NP_INNER or cl in person_noun
                        or _MOD.match(cl) or core.startswith("(") or core.endswith(")")
                        or (loose and 0 < k < 5 and _POSS_TAIL.sub("", cl).isalpha()
                            and text[toks[0][0]:toks[0][1]].lower() in _DETS)):
                    break
                if cl in _NP_INNER and k == 0:
                    return None
                end = a + len(core)
                if core != w:
                    break
            if end is None:
                return None
            while True:
                lw = text[s:end].split()[-1].lower()
                if lw in _DETS or lw in _NP_INNER:
                    end = s + text[s:end].rstrip().rfind(" ")
                    if end <= s:
                        return None
                    continue
                break
            head = text[s:end].split()[-1]
            if not (loose or mentions_in(s, end) or head.lower() in person_noun or head.lower().rstrip("s") in person_noun
                    or head[:1].isupper()):
                return None
            return (s, end)

        # ---- the speaker record ---------------------------------------------------------------
        def speaker_of(np):
            if np is None:
                return None, None, None
            a, b = np
            ms = [m for m in mentions_in(a, b) if m.label in ("PERSON", "ORG", "GPE") or m.kind != "name"]
            chosen = None
            for pref in ("name", "description", "title", "pronoun"):
                for m in ms:
                    if m.kind == pref and m.entity:
                        chosen = m
                        break
                if chosen:
                    break
            if chosen is None and ms:
                chosen = ms[0]
            if chosen is None and text[a:b] == "who":
                # the relative pronoun stands for the name before it: "Cruz, who said ..."
                e = a
                while e > 0 and text[e - 1] in " ,\t":
                    e -= 1
                chosen = mention_ending(e)
            ent = ents.get(chosen.entity) if chosen and chosen.entity else None
            return Span(a, b, otext[a:b]), (ent.id if ent else None), (ent.name if ent else None)

        # ---- 1. which regions are quotes --------------------------------------------------------
        def quote_like(r):
            content = " ".join(text[a:b] for a, b in r.fragments)
            nw = _words(content)
            if not_quote_before.search(text, max(0, r.start - 40), r.start):
                return False
            if nw >= 2 and _is_title_case(content) and not re.search(r"[.!?]$", content):
                return False
            if nw >= 4:
                return True
            if nw >= 1 and content[-1:] in ".!?," and (
                    after_cue_np.match(text, r.end, r.end + 60) or word_then_cue.match(text, r.end, r.end + 60)
                    or _DASH_CUE.match(text, r.end)):
                # "“No,” she said." is a quote; "“Jack.”" without a cue is not
                return True
            if nw >= 3 and _OPEN_AFTER_CUE.search(text, max(0, r.start - 3), r.start):
                # a cue clause ends right before it: "Lee said: “Taxes will rise.”",
                # "“A,” she said on Thursday, “until somebody listens.”"
                return bool(cue_before_rx.search(text, max(0, r.start - 120), r.start))
            return False

        qregions = [r for r in regions if quote_like(r)]
        regions_trimmed = {}
        for r in qregions:
            regions_trimmed[id(r)] = tuple(_trim_frag(text, a, b) for a, b in r.fragments)

        # ---- 2. cue clauses around direct quotes -------------------------------------------------
        def clause_after_raw(r):
            """“…,” she said / said the mayor -> (np, cue span, end of the cue clause)."""
            s = r.end
            dm = _DASH_CUE.match(text, s)
            if dm:                             # “…” ― Name
                np = np_after(dm.end(), min(n, dm.end() + 200))
                if np:
                    return np, (dm.start(1), dm.end(1)), np[1]
            if text[r.last - 1:r.last] == "." and not text[r.end:r.end + 1] == ",":
                return None                    # “… .” ends the sentence: what follows is new
            m = re.match(r"[ \t]*,?[ \t]*", text[s:s + 5])
            p = s + (m.end() if m else 0)
            hi = min(n, p + 200)
            cm = after_cue_np.match(text, p, hi)
            if cm:                                       # said Smith
                cue = (cm.start("cue"), cm.end("cue"))
                np = np_after(cm.end(), hi, loose=True)
                if np:
                    return np, cue, np[1]
            np = np_after(p, hi, loose=True)
            if np:
                cm = after_cue_np.match(text, np[1], hi)
                if cm:
                    return np, (cm.start("cue"), cm.end("cue")), cm.end()
            # "“…,” harbor master Greta Holm said": any short phrase holding a mention, then the cue
            fm = loose_np_cue.match(text, p, hi)
            fw = fm.group("np").split()[0].lower() if fm else ""
            if fm and not _SENT_END_IN.search(fm.group("np")) and (fw in _DETS or fw not in nonperson) and \
                    (mentions_in(fm.start("np"), fm.end("np")) or
                       fm.group("np").split()[-1].lower() in person_noun):
                return (fm.start("np"), fm.end("np")), (fm.start("cue"), fm.end("cue")), fm.end()
            if np:
                # "“…,” Smith, a spokesman, said"
                am = _APPOS_AFTER.match(text, np[1], min(n, np[1] + 400))
                if am:
                    cm = after_cue_np.match(text, am.end(), min(n, am.end() + 60))
                    if cm:
                        return (np[0], am.end() - 1), (cm.start("cue"), cm.end("cue")), cm.end()
            return None

        rstarts_all = [x.start for x in regions]

        def inside_region(a, b):
            """Does any quoted region start inside [a, b)?"""
            k = bisect_right(rstarts_all, a - 1)
            return k < len(regions) and regions[k].start < b

        def sentence_subject(r, si, lo):
            """A partial quote inside a narrative sentence: "X dismissed Y as “…”" -> X and its verb."""
            s0 = max(sents[si].start, lo) if sents else lo
            if r.start - s0 < 8:
                return None
            s0 = past_intro(s0, r.start)
            first = None
            for m in mentions_in(s0, r.start):
                if m.start - s0 > 80:
                    break
                if m.label not in ("PERSON", "ORG") or (m.kind == "pronoun" and m.text.lower() not in _SUBJ_PRON):
                    continue
                vm = _VERBISH.match(text, m.end, r.start) or _IRREGULAR.match(text, m.end, r.start)
                if not vm:
                    first = first or m
                    continue
                np = np_before(m.end, s0) or (m.start, m.end)
                return np, (vm.start("cue"), vm.end("cue"))
            if first is not None and first.start - s0 <= 40:
                # the sentence's first person or organisation, even without a verb we know
                return (np_before(first.end, s0) or (first.start, first.end)), None
            return None

        def past_intro(a0, limit):
            """Skip an introductory clause ("Shortly after the call ended, ...", "In July, ...")."""
            im = _INTRO.match(text, a0, limit)
            if im:
                c = text.find(", ", im.end(), limit)
                if 0 < c < limit and c - a0 < 120:
                    return c + 2
            return a0

        def subject_of(a0, limit):
            """The subject of the sentence starting at a0: its first person/organisation phrase."""
            a0 = past_intro(a0, limit)
            for m in mentions_in(a0, limit):
                if m.start - a0 > 60:
                    break
                if m.label in ("PERSON", "ORG") and (m.kind != "pronoun" or m.text.lower() in _SUBJ_PRON):
                    if _VERBISH.match(text, m.end, limit) or _IRREGULAR.match(text, m.end, limit) or \
                            _COPULA.match(text, m.end, limit):
                        return np_before(m.end, a0) or (m.start, m.end)
            dm = _DET_SUBJ.match(text, a0, limit)
            if dm:
                return (dm.start("np"), dm.end("np"))
            pm = _PRON_SUBJ.match(text, a0, limit)        # "Meanwhile, it attacked Trump, saying ..."
            if pm:
                return (pm.start("np"), pm.end("np"))
            return None

        def clause_after(r):
            got = clause_after_raw(r)
            if got is None:
                return None
            np, cue, cend = got
            wm = _WHEN_AFTER.match(text, cue[1], min(n, cue[1] + 120))
            if wm and cue[1] >= np[1]:            # “…,” she said in an interview / said Monday
                cue = (cue[0], wm.end())
                cend = max(cend, wm.end())
            return np, cue, cend

        def clause_before(r, lo, end=None):
            """Smith said: “…” / according to Smith, “…” / Said Smith: “…” -> (np, cue).

            ``end``: where the introduction ends (the colon closing the paragraph before the quote)."""
            end = r.start if end is None else end
            window = text[max(lo, end - 200):end]
            base = end - len(window)
            im = _INVERTED_BEFORE.search(window)
            if im:                                   # "Said Ellis: “…”"
                np = np_after(base + im.end("cue"), base + im.end("np"), loose=False)
                if np:
                    return np, (base + im.start("cue"), base + im.end("cue"))
            m = cue_before_rx.search(window)
            if m:
                cue = (base + m.start("cue"), base + m.end("cue"))
                if text[cue[0]:cue[1]].split()[-1].lower() in ("asked", "ask", "asks"):
                    pass
                np = np_before(cue[0], lo)
                if np:
                    return np, cue
            m = acc_before_rx.search(window)
            if m:
                return (base + m.start("np"), base + m.end("np")), (base + m.start("acc"), base + m.end("acc"))
            return None

        direct = []        # dicts: frags, np, cue, rule, para
        k = 0
        while k < len(qregions):
            r = qregions[k]
            si = sent_of(r.start)
            lo = sents[si].start if sents else 0
            # clause start: paragraph start for the "before" search, but not across another quote
            prev_end = max([x.end for x in regions if x.end <= r.start] + [lo])
            frags = list(regions_trimmed[id(r)])
            np = cue = None
            rule = "quote_direct_nocue"
            after = clause_after(r)
            nxt = k
            if after:
                np, cue, cend = after
                rule = "quote_direct_cue_after"
                # interrupted: “A,” she said, “B.”
                while nxt + 1 < len(qregions):
                    r2 = qregions[nxt + 1]
                    between = text[cend:r2.start]
                    if len(between) <= 120 and "\n" not in between and \
                            sent_of(r2.start) <= sent_of(cend) + 1 and \
                            _para(doc, r2.start) == _para(doc, r.start) and \
                            _BETWEEN.fullmatch(between):
                        ca = clause_after(r2)
                        if ca and (ca[0][0] != np[0] or text[r2.last - 1:r2.last] in ",?!"):
                            break               # “B,” Trump said. : a quote of its own
                        frags.extend(regions_trimmed[id(r2)])
                        nxt += 1
                        rule = "quote_direct_interrupted"
                        if ca:
                            break
                        cend = r2.end
                    else:
                        break
            else:
                before = clause_before(r, prev_end)
                p0 = _para(doc, r.start)
                if before is None and p0 > 0 and doc.paragraphs[p0].start == r.start and \
                        text[doc.paragraphs[p0 - 1].end - 1] == ":":
                    # "Caddell continued:" closes the paragraph before the quote
                    pp = doc.paragraphs[p0 - 1]
                    before = clause_before(r, pp.start, end=pp.end)
                if before:
                    np, cue = before
                    rule = "quote_direct_cue_before"
                else:
                    subj = sentence_subject(r, si, prev_end)
                    if subj:
                        np, cue = subj
                        rule = "quote_direct_sentence_subject"
                    elif sents and si > 0 and r.start - sents[si].start < 3 and \
                            sents[si - 1].paragraph == sents[si].paragraph and \
                            not inside_region(sents[si - 1].start, sents[si - 1].end):
                        # the narrative sentence before names the speaker: "X called him a master. “…”"
                        subj = subject_of(sents[si - 1].start, sents[si - 1].end)
                        if subj:
                            np = subj
                            rule = "quote_direct_previous_sentence"
            direct.append({"frags": frags, "np": np, "cue": cue, "rule": rule, "start": r.start,
                           "end": qregions[nxt].end, "para": _para(doc, r.start)})
            k = nxt + 1

        # ---- 3. reported speech per sentence ---------------------------------------------------
        qspans = [(r.start, r.end) for r in qregions]

        qstarts = [a for a, _ in qspans]

        def inside_quote(i):
            k = bisect_right(qstarts, i) - 1
            return k >= 0 and i < qspans[k][1]

        reported = []
        taken_until = -1

        def handle_cue(m, si, a0, b0):
            """One cue word in sentence si: append what it attributes to ``reported``."""
            nonlocal taken_until
            if m.group("acc"):
                acc = (m.start("acc"), m.end("acc"))
                am = re.match(r"[ \t]+(?P<np>[^,;“”\"]{2,100}?)(?:,[ \t]*|[.;]?[ \t]*$)", text[acc[1]:b0])
                if not am:
                    return
                np = (acc[1] + am.start("np"), acc[1] + am.end("np"))
                if acc[0] - a0 <= 3 or text[a0:acc[0]].strip() == "":
                    ca, cb = trim(np[1] + 1, b0)
                else:
                    ca, cb = trim(a0, acc[0])
                    # "…, according to the organizer, Lena Brooks, a teacher.": the source runs to the end
                    if am.group().endswith(",") or am.group().endswith(", "):
                        na, nb = trim(np[0], b0)
                        if not _QUOTE_CHARS.search(text, na, nb) and any(
                                mm.kind == "name" and mm.label == "PERSON" for mm in mentions_in(np[1], nb)):
                            np = (na, nb)
                if _words(text[ca:cb]) >= 3:
                    reported.append({"np": np, "cue": acc, "content": (ca, cb), "rule": "quote_according_to",
                                     "sent": si, "belief": False})
                    taken_until = max(taken_until, cb)
                return
            cue = (m.start(), m.end())
            j = text.rfind(" ", a0, cue[0] - 1)
            if text[j + 1:cue[0]].strip().lower() in aux_words:
                am = aux_tail.search(text, max(a0, cue[0] - 80), cue[0])
                if am:
                    cue = (am.start(), cue[1])
            verb = m.group("v")
            if m.start() and text[m.start() - 1] in "’'-":
                return
            vl = verb.lower()
            if (vl not in speech_set or _MODAL.match(text, cue[0], cue[1])) and acc_rx.search(text, cue[1], b0):
                return            # "Residents will protest …, according to X": X's words, not a stance
            is_belief = vl in belief_set and vl not in speech_set
            is_st = vl in stance_set
            is_stance = verb.lower() in stance_words
            pm = phrasal.match(text, cue[1] - len(verb), b0)
            if pm and pm.end() > cue[1]:
                cue = (cue[0], pm.end())             # "called for", "talked about"
            # content after the cue: NP CUE (obj) (that) CONTENT
            np = np_before(cue[0], a0)
            rest = cue[1]
            if np is not None:
                if np[0] < cue[0] and inside_quote(np[0]):
                    np = None
            if verb.endswith("ing") and _PARTICIPLE_BEFORE.search(text, max(a0, cue[0] - 12), cue[0]):
                # "X walked back the comments, saying ...": the speaker is the sentence's subject
                np = subject_of(a0, cue[0]) or np
            if np is None and verb == "Asked" and cue[0] == a0 + (1 if text[a0] in "“\"" else 0):
                # "Asked whether she would run, Smith said ...": the question is attributed, no source
                qm = _CLAUSE_END.search(text, cue[1], b0)
                if qm:
                    ca, cb = trim(cue[1], qm.start())
                    if _words(text[ca:cb]) >= 2:
                        reported.append({"np": None, "cue": cue, "content": (ca, cb), "rule": "quote_asked",
                                         "sent": si, "belief": False})
                        taken_until = max(taken_until, cb)
                return
            if np is not None:
                if obj_verb.match(verb):
                    om = re.match(r"[ \t]+(?:(?:the|a|an|his|her|their)[ \t]+(?:[A-Z][\w.’'-]*[ \t]+){0,4}"
                                  r"|(?:[A-Z][\w.’'-]*[ \t]+){1,4})"
                                  r"|[ \t]+(?:reporters|supporters|voters|viewers|listeners|the[ \t]+\w+|"
                                  r"him|her|them|me|us|you|fans|followers|audiences?|the[ \t]+crowd)[ \t]+",
                                  text[rest:b0])
                    if om and om.end() > 1:
                        rest = rest + om.end() - 1
                object_skipped = rest > cue[1]
                tm = that_rx.match(text, rest, b0)
                if tm and not is_belief:
                    ce = tm.end()
                    while ce > cue[1] and text[ce - 1] in " \t":
                        ce -= 1
                    if not object_skipped:
                        cue = (cue[0], ce)     # "said in a statement that": the cue holds the phrase
                    rest = tm.end()
                elif not object_skipped:
                    wm = _WHEN_AFTER.match(text, rest, b0)     # "said Monday", "said Thursday morning"
                    if wm:
                        cue = (cue[0], wm.end())
                        rest = wm.end()
                rm = _LEAD_PUNCT.match(text, rest, b0)
                ca = rm.end() if rm else rest
                ca, cb = trim(ca, b0)
                if object_skipped and not tm and _PREP_CONTENT.match(text, ca, cb):
                    ca, cb = trim(cue[1], b0)   # "asks him about X": the listener stays in the content
                if text[ca:ca + 1] in (".", "!", "?"):
                    ca = cb                  # the sentence ends at the cue: nothing follows it
                if is_stance and not tm:
                    # an object, not a clause: it ends at the clause boundary
                    em = _CLAUSE_END.search(text, ca, cb)
                    if em:
                        ca, cb = trim(ca, em.start())
                content = text[ca:cb]
                if is_stance and not tm and cb > ca and is_st and (
                        text[ca:ca + 1].isalnum() or text[ca:ca + 1] in "“\"") and \
                        not _PREP_START.match(content):
                    reported.append({"np": np, "cue": cue, "content": (ca, cb), "rule": "quote_stance",
                                     "sent": si, "belief": True})
                    taken_until = max(taken_until, cb)
                    return
                if text[ca:ca + 1] in "“\"«‘'" or (ca < cb and _words(content) >= 2 and
                                                  not _PREP_CONTENT.match(content)
                                                  or is_belief and re.match(r"(?:to|that)\b", content)):
                    if cb > ca and _words(content) >= 2 and not (is_belief and not re.match(
                            r"(?:to|that|the|a|an|his|her|their|it|he|she|they|we|i|[A-Z])", content)):
                        reported.append({"np": np, "cue": cue, "content": (ca, cb),
                                         "rule": "quote_belief" if is_belief else "quote_reported_after",
                                         "sent": si, "belief": is_belief})
                        taken_until = max(taken_until, cb)
                        return
            # content before the cue: CONTENT, NP CUE. | CONTENT, CUE NP.
            if is_belief or is_st:
                return
            comma = text.rfind(",", a0, cue[0])
            if comma >= 0 and cue[0] - comma <= 90 and not _QUOTE_CHARS.search(text, comma, cue[0]):
                np2 = np_before(cue[0], comma + 1)
                cue_is_last = _CUE_LAST.fullmatch(text, cue[1], b0) or _COMMA_NEXT.match(text, cue[1], b0) \
                    or _STOP_NEXT.match(text, cue[1], b0)
                if np2 is None:
                    npa = np_after(cue[1], b0)
                    if npa and comma + 1 >= cue[0] - 2 and speech_only.match(verb) and re.match(
                            r"[ \t]*(?:[,.;!?]|$)", text[npa[1]:b0]):
                        np2 = npa
                if np2 is not None and (cue_is_last or np2[0] > cue[1]) and np2[0] > comma:
                    ca, cb = trim(a0, comma)
                    if _words(text[ca:cb]) >= 3:
                        reported.append({"np": np2, "cue": cue, "content": (ca, cb),
                                         "rule": "quote_reported_before", "sent": si, "belief": False})
                        return

        for m in verb_rx.finditer(text):
            if m.start() < taken_until or inside_quote(m.start()):
                continue
            if not sents:
                break
            si = sent_of(m.start())
            s = sents[si]
            if m.start() >= s.end:
                continue
            handle_cue(m, si, s.start, s.end)

        # ---- 4. merge: direct quotes inside reported contents become mixed -----------------------
        out = []
        claimed = set()
        for rp in reported:
            ca, cb = rp["content"]
            inner = [d for d in direct if d["start"] >= ca - 1 and d["end"] <= cb + 1]
            if inner:
                for d in inner:
                    claimed.add(id(d))
                kind = "mixed"
                all_frag = sum((d["frags"] for d in inner), [])
                if len(inner) == 1 and text[ca:cb].strip(" \"“”'‘’«»,.") == " ".join(
                        text[a:b] for a, b in all_frag).strip(" ,."):
                    kind = "direct"
                rp["kind"] = kind
                rp["spans"] = [(ca, cb)] if kind == "mixed" else all_frag
            else:
                # a quoted fragment too short to stand as a quote still makes the content mixed
                rp["kind"] = "mixed" if _QUOTE_CHARS.search(text, ca, cb) else "indirect"
                rp["spans"] = [(ca, cb)]
            out.append(rp)
        # a direct quote whose cue clause belongs to a reported content stays direct (cue from clause)
        for d in direct:
            if id(d) in claimed:
                continue
            out.append({"np": d["np"], "cue": d["cue"], "spans": d["frags"], "kind": "direct",
                        "rule": d["rule"], "sent": sent_of(d["start"]), "belief": False, "direct": d})
        # drop reported contents that overlap a direct quote's cue clause (the cue was found twice)
        final = []
        dcues = {x["cue"] for x in out if x["kind"] == "direct" and x.get("cue")
                 and x["rule"] in ("quote_direct_cue_after", "quote_direct_cue_before", "quote_direct_interrupted")}
        dspans = sorted(sp for y in out if y["kind"] == "direct" for sp in y["spans"])
        dstarts = [a for a, _ in dspans]
        for x in out:
            if x["kind"] != "direct":
                if x["cue"] in dcues:
                    continue
                xa, xb = x["spans"][0][0], x["spans"][-1][1]
                k = bisect_right(dstarts, xa) - 1          # a direct span holding xa, or starting inside x
                if (k >= 0 and dspans[k][1] > xa) or (k + 1 < len(dspans) and dspans[k + 1][0] < xb):
                    continue
            final.append(x)
        final.sort(key=lambda x: x["spans"][0][0])

        # ---- 5. speakers, carrying, medium and said_on ------------------------------------------
        frames: dict[str, tuple[str | None, str | None]] = {}     # entity -> (medium, day)
        if not final:
            if warnings:
                doc = doc.replace(warnings=doc.warnings + tuple(warnings))
            return doc.replace(quotes=())
        # dates and media inside any quote's content say nothing about when or where it was said
        # (a stance's object is not a content: "endorsed X on Sunday", "floated the plan in a statement")
        cspans = sorted({sp for x in final if x["rule"] != "quote_stance" for sp in x["spans"]} | set(qspans))
        cstarts = [a for a, _ in cspans]
        cends = []
        top = -1
        for _, b in cspans:                       # running maximum: spans may nest
            top = max(top, b)
            cends.append(top)

        def inside_content(i):
            k = bisect_right(cstarts, i) - 1
            return k >= 0 and i < cends[k]

        meds, days = _by_sentence(doc, sent_of, medium_rx, inside_quote, inside_content)
        frame_sents = _frames(doc, ments, meds, days, medium_lex, intro_rx, inside_content, frame_rx)
        dct_day = doc.dct[:10]
        quotes_out = []
        last_by_para: dict[int, tuple] = {}
        last_attr = None
        fi = 0
        for x in final:
            first = x["spans"][0][0]
            para = _para(doc, first)
            while fi < len(frame_sents) and frame_sents[fi][0] < first:
                _, ent_id, med, day = frame_sents[fi]
                if ent_id:
                    old = frames.get(ent_id, (None, None))
                    frames[ent_id] = (med or old[0], day or old[1])
                fi += 1
            sp, ent_id, name = speaker_of(x["np"])
            rule = x["rule"]
            if sp is None and x["kind"] == "direct":
                prev = last_by_para.get(para)
                if prev is not None:
                    sp, ent_id, name = prev
                    rule += "+carry_paragraph"
                elif last_attr is not None and last_attr[3] == para - 1 and _only_quotes(doc, para, qspans):
                    sp, ent_id, name = last_attr[:3]
                    rule += "+carry_previous_paragraph"
            if sp is not None:
                last_by_para[para] = (sp, ent_id, name)
                last_attr = (sp, ent_id, name, para)
            cue = x["cue"]
            asent = sent_of(cue[0]) if cue else sent_of(first)
            med, day = _sentence_medium_day(asent, meds, days, medium_lex,
                                            () if x["rule"] == "quote_stance" else x["spans"])
            fmed, fday = frames.get(ent_id, (None, None)) if ent_id else (None, None)
            if med is None or (fmed and med.lower() in fmed.lower() and len(fmed) > len(med)):
                med = fmed or med
            if day is None:
                day = fday
            if day and not _not_after(day, dct_day):
                day = None                        # words are said on or before the day they are published
            spans = tuple(x["spans"])
            joiner = " … " if x["kind"] == "direct" and len(spans) > 1 else " "
            quotes_out.append(Quote(
                id=f"q{len(quotes_out) + 1}", kind=x["kind"], spans=spans,
                text=joiner.join(otext[a:b] for a, b in spans),
                speaker=sp, speaker_entity=ent_id, speaker_name=name,
                cue=Span(cue[0], cue[1], otext[cue[0]:cue[1]]) if cue else None,
                medium=med, said_on=day, rule=rule))
        if warnings:
            doc = doc.replace(warnings=doc.warnings + tuple(warnings))
        return doc.replace(quotes=tuple(quotes_out))
    return quotes


def _trim_frag(text, a, b):
    while b > a + 1 and text[b - 1] in ",;: \t\n":
        b -= 1
    return a, b


def _para(doc, i):
    ps = doc.paragraphs
    lo, hi = 0, len(ps) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if ps[mid].start <= i:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _only_quotes(doc, para, qspans):
    if not doc.paragraphs:
        return False
    p = doc.paragraphs[para]
    rest = []
    pos = p.start
    for a, b in qspans:
        if b <= p.start or a >= p.end:
            continue
        rest.append(doc.text[pos:a])
        pos = b
    rest.append(doc.text[pos:p.end])
    return _words(" ".join(rest)) == 0


def _day(value):
    """The said_on value of a timex: its day, or its week ("two weeks ago" -> 2024-W08); None otherwise."""
    if not value:
        return None
    m = _DAY.match(value)
    return m.group(1) if m else None


def _not_after(value, dct_day):
    """Is a said_on value (a day or an ISO week) on or before the publication day?"""
    if _WEEK.fullmatch(value):
        y, w = int(value[:4]), int(value[6:])
        dy, dm, dd = (int(x) for x in dct_day.split("-"))
        # ISO week of the publication day (Zeller-free: day of year + weekday from the proleptic count)
        dw = _iso_week(dy, dm, dd)
        return (y, w) <= dw
    return value <= dct_day


def _iso_week(y, m, d):
    import datetime as _dt                  # calendar arithmetic only; never the clock
    iy, iw, _ = _dt.date(y, m, d).isocalendar()
    return iy, iw


def _by_sentence(doc, sent_of, medium_rx, inside_quote, inside_content):
    """Medium words (outside direct quotes) and day/week DATE/TIME timexes (outside any content),
    bucketed by sentence (one pass each)."""
    meds: dict[int, list] = {}
    for m in medium_rx.finditer(doc.text):
        if not inside_quote(m.start()):
            meds.setdefault(sent_of(m.start()), []).append(m)
    days: dict[int, list] = {}
    for t in doc.timexes:
        if t.type in ("DATE", "TIME") and _day(t.value) and not inside_content(t.start):
            days.setdefault(sent_of(t.start), []).append(t)
    return meds, days


def _best_medium(matches, medium_lex, spans=()):
    med = None
    for m in matches:
        if any(a <= m.start() < b for a, b in spans):
            continue
        norm = medium_lex.get(m.group().lower())
        if norm and (med is None or len(norm) > len(med)):
            med = norm
    return med


def _sentence_medium_day(si, meds, days, medium_lex, spans):
    med = _best_medium(meds.get(si, ()), medium_lex, spans)
    day = None
    for t in days.get(si, ()):
        if not any(a <= t.start < b for a, b in spans):
            day = _day(t.value)
            break
    return med, day


def _frames(doc, ments, meds, days, medium_lex, intro_rx, inside_quote, frame_rx):
    """Sentences that introduce a post/statement/interview: (position, entity, medium, day).

    A sentence introduces one when it has an introducing verb ("posted", "issued") or places a medium
    with "in a …" ("floated the plan in a statement on the city's website")."""
    text = doc.text
    out = []
    mstarts = [m.start for m in ments]
    for si in sorted(set(meds) | set(days)):
        s = doc.sentences[si]
        if not intro_rx.search(text, s.start, s.end) and not any(
                frame_rx.search(text, max(s.start, m.start() - 40), m.start()) for m in meds.get(si, ())):
            continue
        subj = None
        k = bisect_right(mstarts, s.start - 1)
        while k < len(ments) and ments[k].start < s.end:
            m = ments[k]
            if m.end <= s.end and m.entity and not inside_quote(m.start) and m.label in ("PERSON", "ORG"):
                subj = m.entity
                break
            k += 1
        if subj is None:
            continue
        med = _best_medium(meds.get(si, ()), medium_lex)
        day = _day(days[si][0].value) if days.get(si) else None
        out.append((s.start, subj, med, day))
    return out
