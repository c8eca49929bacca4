"""Output writers: json, jsonl, md (a readable timeline) and html (one self-contained page)."""
from __future__ import annotations

import html as _html
import json
from typing import IO

from ..model import Document, to_dict

FORMATS = ("json", "jsonl", "md", "html")


def dumps(doc: Document, indent: int | None = None) -> str:
    return json.dumps(to_dict(doc), ensure_ascii=False, indent=indent)


class Writer:
    """Streams documents to ``out`` in one format; ``close()`` finishes the output."""

    def __init__(self, fmt: str, out: IO[str]):
        if fmt not in FORMATS:
            raise ValueError(f"format: expected one of {FORMATS}, found {fmt!r}")
        self.fmt, self.out, self.count = fmt, out, 0
        self._held: Document | None = None     # json: one document -> an object, several -> a list

    def write(self, doc: Document) -> None:
        self.count += 1
        if self.fmt == "jsonl":
            self.out.write(dumps(doc) + "\n")
        elif self.fmt == "json":
            if self.count == 1:
                self._held = doc
                return
            if self.count == 2:
                self.out.write("[\n" + _indent(dumps(self._held, 2)))
                self._held = None
            self.out.write(",\n" + _indent(dumps(doc, 2)))
        elif self.fmt == "md":
            if self.count > 1:
                self.out.write("\n---\n\n")
            self.out.write(to_markdown(doc))
        else:
            if self.count == 1:
                self.out.write(HTML_HEAD)
            self.out.write(to_html_section(doc))
        self.out.flush()

    def close(self) -> None:
        if self.fmt == "json":
            if self.count == 1 and self._held is not None:
                self.out.write(dumps(self._held, 2) + "\n")
            elif self.count == 0:
                self.out.write("[]\n")
            else:
                self.out.write("\n]\n")
        elif self.fmt == "html":
            if self.count == 0:
                self.out.write(HTML_HEAD)
            self.out.write(HTML_TAIL)
        self.out.flush()


def _indent(s: str) -> str:
    return "\n".join("  " + line for line in s.splitlines())


# -- shared view helpers ----------------------------------------------------------------------------
def _clip(s: str, n: int = 160) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def _quoted(s: str, n: int = 160) -> str:
    """A quote's content between curly marks, without doubling marks the content already has."""
    return "“" + _clip(s, n).strip(" \"“”'‘’«»") + "”"


def _entity_names(doc: Document) -> dict[str, str]:
    return {e.id: e.name for e in doc.entities}


def timeline_rows(doc: Document) -> list[tuple[str, list[str], list[str]]]:
    """(date, event lines, quote lines) for each timeline entry, as plain text."""
    names = _entity_names(doc)
    events = {e.id: e for e in doc.events}
    quotes = {q.id: q for q in doc.quotes}
    rows = []
    for entry in doc.timeline:
        ev_lines = []
        for eid in entry.events:
            e = events.get(eid)
            if e is None:
                continue
            who = ", ".join(names.get(a, a) for a in e.actors) or "—"
            ev_lines.append(f"{who}: {_clip(e.text)}" + (f" [{e.trigger}]" if e.trigger else ""))
        q_lines = []
        for qid in entry.quotes:
            q = quotes.get(qid)
            if q is None:
                continue
            who = q.speaker_name or (q.speaker.text if q.speaker else "unknown source")
            where = f" ({q.medium})" if q.medium else ""
            q_lines.append(f"{who}{where}: {_quoted(q.text)}")
        rows.append((entry.date, ev_lines, q_lines))
    return rows


def to_markdown(doc: Document) -> str:
    title = doc.meta.get("title") if isinstance(doc.meta.get("title"), str) else None
    out = [f"# {title or doc.id}", "", f"Published {doc.dct}.", ""]
    out += ["## Timeline", ""]
    rows = timeline_rows(doc)
    if not rows:
        out += ["_No dated events or quotes._", ""]
    for date, evs, qs in rows:
        out.append(f"### {date}")
        out += [f"- {line}" for line in evs]
        out += [f"- said: {line}" for line in qs]
        out.append("")
    out += ["## Who said what", ""]
    if not doc.quotes:
        out += ["_No quotes._", ""]
    else:
        out += ["| # | speaker | cue | said on | medium | kind | quote |", "|---|---|---|---|---|---|---|"]
        for q in doc.quotes:
            who = q.speaker_name or (f"({q.speaker.text})" if q.speaker else "—")
            cells = [q.id, who, q.cue.text if q.cue else "—", q.said_on or "—", q.medium or "—", q.kind,
                     _quoted(q.text, 120)]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        out.append("")
    people = [e for e in doc.entities if e.label in ("PERSON", "ORG")]
    if people:
        out += ["## People and organisations", ""]
        counts: dict[str, int] = {}
        for q in doc.quotes:
            if q.speaker_entity:
                counts[q.speaker_entity] = counts.get(q.speaker_entity, 0) + 1
        for e in people:
            attrs = ", ".join(f"{k} {v}" for k, v in e.attributes.items() if k in ("gender", "age", "title"))
            n = counts.get(e.id, 0)
            out.append(f"- **{e.name}** ({e.label.lower()}{', ' + attrs if attrs else ''})"
                       f"{f' — quoted {n}×' if n else ''}")
        out.append("")
    if doc.timexes:
        out += ["## Time expressions", ""]
        out += [f"- “{t.text}” → `{t.value}` ({t.type}{', ' + t.mod if t.mod else ''})" for t in doc.timexes]
        out.append("")
    return "\n".join(out)


HTML_HEAD = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>dateline</title>
<style>
body{font:16px/1.55 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
.timex{background:#dbeafe;border-radius:3px}.quote{background:#fef3c7}.speaker{background:#dcfce7;font-weight:600}
.cue{text-decoration:underline dotted}.tl{border-left:3px solid #2563eb;padding-left:1rem}
.tl .date{font-weight:700;color:#2563eb;margin-top:.8rem}.meta{color:#666;font-size:.9rem}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:.3rem;text-align:left;vertical-align:top}
</style></head><body>
"""
HTML_TAIL = "</body></html>\n"


def _highlight(doc: Document) -> str:
    """The article text with time expressions, quote contents, speakers and cues marked."""
    marks: list[tuple[int, int, str, str]] = []
    for t in doc.timexes:
        marks.append((t.start, t.end, "timex", f"{t.type} {t.value}"))
    for q in doc.quotes:
        for a, b in q.spans:
            marks.append((a, b, "quote", f"{q.id} {q.speaker_name or 'unknown'}"))
        if q.speaker:
            marks.append((q.speaker.start, q.speaker.end, "speaker", q.speaker_name or ""))
        if q.cue:
            marks.append((q.cue.start, q.cue.end, "cue", q.id))
    # boundaries: open/close tags at each offset, nested properly by splitting into segments
    cuts = sorted({0, len(doc.text), *[m[0] for m in marks], *[m[1] for m in marks]})
    parts = []
    for a, b in zip(cuts, cuts[1:]):
        seg = _html.escape(doc.text[a:b]).replace("\n\n", "</p><p>").replace("\n", "<br>")
        active = [m for m in marks if m[0] <= a and m[1] >= b]
        for _, _, cls, title in sorted(active, key=lambda m: m[1] - m[0]):
            seg = f'<span class="{cls}" title="{_html.escape(title)}">{seg}</span>'
        parts.append(seg)
    return "<p>" + "".join(parts) + "</p>"


def to_html_section(doc: Document) -> str:
    title = doc.meta.get("title") if isinstance(doc.meta.get("title"), str) else doc.id
    e = _html.escape
    out = [f"<article><h1>{e(str(title))}</h1><p class=meta>Published {e(doc.dct)}</p>", "<h2>Timeline</h2><div class=tl>"]
    for date, evs, qs in timeline_rows(doc):
        out.append(f"<div class=date>{e(date)}</div><ul>")
        out += [f"<li>{e(x)}</li>" for x in evs]
        out += [f"<li>said: {e(x)}</li>" for x in qs]
        out.append("</ul>")
    out.append("</div><h2>Who said what</h2><table><tr><th>speaker</th><th>cue</th><th>said on</th><th>medium</th><th>quote</th></tr>")
    for q in doc.quotes:
        who = q.speaker_name or (q.speaker.text if q.speaker else "—")
        out.append(f"<tr><td>{e(who)}</td><td>{e(q.cue.text if q.cue else '—')}</td><td>{e(q.said_on or '—')}</td>"
                   f"<td>{e(q.medium or '—')}</td><td>{e(_quoted(q.text, 300))}</td></tr>")
    out.append("</table><h2>Article</h2>")
    out.append(_highlight(doc))
    out.append("</article>\n")
    return "\n".join(out)
