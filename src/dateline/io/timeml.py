"""TimeML / TempEval-3 files in and out.

Reading keeps ``DOCID``, the DCT (the TIMEX3 with ``functionInDocument="CREATION_TIME"``) and the plain
text of ``TEXT`` (its TIMEX3 / EVENT / SIGNAL tags removed, their text kept); gold TIMEX3 inside ``TEXT``
are returned as well, with character offsets into that plain text, for the scorer.
Writing puts our TIMEX3 inline into that same text, character for character.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator
from xml.sax.saxutils import escape, quoteattr

from ..errors import InputError
from ..model import Document, Timex

SUFFIXES = (".tml", ".te3input")
_TEXT = re.compile(r"<TEXT\b[^>]*>(.*?)</TEXT\s*>", re.S | re.I)
_DOCID = re.compile(r"<DOCID\b[^>]*>(.*?)</DOCID\s*>", re.S | re.I)
_DCT_BLOCK = re.compile(r"<DCT\b[^>]*>.*?</DCT\s*>", re.S | re.I)
_TIMEX_OPEN = re.compile(r"<TIMEX3\b([^>]*)>", re.I)
_ATTR = re.compile(r"""([A-Za-z_:][\w:.-]*)\s*=\s*("([^"]*)"|'([^']*)')""")
_TAG = re.compile(r"<(/?)([A-Za-z_][\w:.-]*)\b([^>]*?)(/?)>|<!--.*?-->|<\?.*?\?>", re.S)
_ENTITY = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


@dataclass(frozen=True)
class GoldTimex:
    tid: str
    start: int
    end: int
    text: str
    attrs: dict = field(default_factory=dict)

    @property
    def type(self) -> str | None:
        return self.attrs.get("type")

    @property
    def value(self) -> str | None:
        return self.attrs.get("value")


@dataclass(frozen=True)
class TimeMLDoc:
    docid: str
    dct: str                 # YYYY-MM-DD
    text: str                # plain TEXT content (tags removed, entities decoded)
    timexes: tuple[GoldTimex, ...]
    dct_xml: str             # the original <DCT>...</DCT> element, kept on output
    source: str = ""
    body: str = ""           # TEXT's content as written (tags kept): the scorer tokenizes it as TempEval-3 does


def _unescape(s: str) -> str:
    if "&" not in s:
        return s

    def sub(m: re.Match) -> str:
        e = m.group(1)
        if e[0] == "#":
            return chr(int(e[2:], 16) if e[1] in "xX" else int(e[1:]))
        return _NAMED[e]
    return _ENTITY.sub(sub, s)


def attributes(s: str) -> dict[str, str]:
    return {m.group(1): _unescape(m.group(3) if m.group(3) is not None else m.group(4))
            for m in _ATTR.finditer(s)}


def strip_tags(xml: str) -> tuple[str, list[GoldTimex]]:
    """Plain text of an inline-annotated fragment plus its TIMEX3 with offsets into that text."""
    out: list[str] = []
    n = 0
    pos = 0
    stack: list[tuple[dict, int]] = []
    timexes: list[GoldTimex] = []
    for m in _TAG.finditer(xml):
        chunk = _unescape(xml[pos:m.start()])
        out.append(chunk)
        n += len(chunk)
        pos = m.end()
        if m.group(2) is None or m.group(2).upper() != "TIMEX3":
            continue
        if m.group(1):                      # </TIMEX3>
            if stack:
                attrs, start = stack.pop()
                timexes.append(GoldTimex(attrs.get("tid", ""), start, n, "", attrs))
        elif m.group(4):                    # <TIMEX3 .../> (empty, e.g. a non-consuming timex)
            continue
        else:
            stack.append((attributes(m.group(3)), n))
    chunk = _unescape(xml[pos:])
    out.append(chunk)
    text = "".join(out)
    timexes = [GoldTimex(t.tid, t.start, t.end, text[t.start:t.end], t.attrs) for t in timexes]
    timexes.sort(key=lambda t: (t.start, -t.end))
    return text, timexes


def parse(xml: str, source: str = "") -> TimeMLDoc:
    m = _TEXT.search(xml)
    if not m:
        raise InputError(source or "<timeml>", "expected a <TEXT> element, found none")
    text, timexes = strip_tags(m.group(1))
    d = _DOCID.search(xml)
    docid = _unescape(re.sub(r"<[^>]+>", "", d.group(1))).strip() if d else ""
    if not docid:
        docid = Path(source).name
        for suf in SUFFIXES:
            if docid.lower().endswith(suf):
                docid = docid[: -len(suf)]
    if docid.lower().endswith(".tml"):
        docid = docid[:-4]
    dct, dct_xml = "", ""
    block = _DCT_BLOCK.search(xml)
    for tm in _TIMEX_OPEN.finditer(block.group(0) if block else xml):
        a = attributes(tm.group(1))
        if block or a.get("functionInDocument") == "CREATION_TIME":
            dct = a.get("value", "")
            break
    if block:
        dct_xml = block.group(0)
    dm = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", dct)
    if not dm:
        raise InputError(source or docid, f"expected a DCT TIMEX3 with a YYYY-MM-DD value, found {dct!r}")
    dct = f"{dm.group(1)}-{dm.group(2)}-{dm.group(3)}"
    if not dct_xml:
        dct_xml = (f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" temporalFunction="false" '
                   f'functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>')
    return TimeMLDoc(docid, dct, text, tuple(timexes), dct_xml, source, m.group(1))


def read_xml(path: str | Path) -> str:
    """A TimeML file's content (UTF-8, else Latin-1)."""
    p = Path(path)
    try:
        return p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return p.read_text(encoding="latin-1")


def read(path: str | Path) -> TimeMLDoc:
    return parse(read_xml(path), str(path))


def input_files(folder: str | Path) -> list[Path]:
    root = Path(folder)
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name.lower().endswith(SUFFIXES))


def read_dir(folder: str | Path) -> Iterator[TimeMLDoc]:
    for p in input_files(folder):
        yield read(p)


def to_document(t: TimeMLDoc) -> Document:
    return Document(id=t.docid, text=t.text, dct=t.dct, meta={"source": t.source})


def timex_tag(t: Timex) -> str:
    attrs = [("tid", t.id), ("type", t.type), ("value", t.value or "")]
    if t.mod:
        attrs.append(("mod", t.mod))
    if t.quant:
        attrs.append(("quant", t.quant))
    if t.freq:
        attrs.append(("freq", t.freq))
    if t.anchor:
        attrs.append(("anchorTimeID", t.anchor))
    return "<TIMEX3 " + " ".join(f"{k}={quoteattr(v)}" for k, v in attrs) + ">"


def _escape_text(s: str) -> str:
    """Escape only what XML text needs (``>`` stays, as in the corpora): the TempEval-3 toolkit stops at
    ``&gt;`` in TEXT."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace("]]>", "]]&gt;")


def inline(text: str, timexes: Iterable[Timex]) -> str:
    """The text, XML-escaped, with TIMEX3 elements around each (non-overlapping) timex."""
    out: list[str] = []
    pos = 0
    for t in sorted(timexes, key=lambda t: (t.start, -t.end)):
        if t.start < pos or t.end <= t.start:
            continue                     # nested / overlapping: TimeML inline cannot hold it
        out.append(_escape_text(text[pos:t.start]))
        out.append(timex_tag(t))
        out.append(_escape_text(text[t.start:t.end]))
        out.append("</TIMEX3>")
        pos = t.end
    out.append(_escape_text(text[pos:]))
    return "".join(out)


def render(doc: Document, dct_xml: str | None = None) -> str:
    if not dct_xml:
        dct_xml = (f'<DCT><TIMEX3 tid="t0" type="DATE" value="{doc.dct}" temporalFunction="false" '
                   f'functionInDocument="CREATION_TIME">{doc.dct}</TIMEX3></DCT>')
    return ('<?xml version="1.0" ?>\n'
            '<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">\n'
            f"<DOCID>{escape(doc.id)}</DOCID>\n{dct_xml}\n<TEXT>{inline(doc.text, doc.timexes)}</TEXT>\n"
            "</TimeML>\n")


def convert_file(path: str | Path, out: Path, pipeline) -> str:
    """Tag one TimeML input file and write ``out/<DOCID>.tml``; returns the DOCID."""
    t = read(path)
    doc = pipeline(to_document(t))
    (out / f"{t.docid}.tml").write_text(render(doc, t.dct_xml), encoding="utf-8")
    return t.docid
