"""Checks of the quotes stage's output against expected rows (golden files and rule examples).

A row: ``{"text", "quotes": [{"content", "speaker", "cue", "kind", "medium", "said_on", "starts", "spans"}],
"without": [...]}``; ``content`` is a snippet (or a list of snippets) the quote's text holds, ``speaker`` the
entity's canonical name or the speaker span's text, ``rule`` the rule that made it; ``"quotes": []`` means no
quote at all; ``"wrong": [{"content", "speaker"}]``: no quote holding that content may have that speaker.
"""
from __future__ import annotations


def speaker(q):
    return q.speaker_name if q.speaker_name else (q.speaker.text if q.speaker else None)


def describe(doc) -> str:
    return "\n".join(f"  {q.kind} speaker={speaker(q)!r} cue={q.cue and q.cue.text!r} rule={q.rule} "
                     f"said_on={q.said_on!r} text={q.text!r}" for q in doc.quotes) or "  no quote (no rule fired)"


def problems(doc, row) -> list[str]:
    """What in ``doc.quotes`` disagrees with the row (empty: all agrees)."""
    out = []
    for exp in row.get("quotes", []):
        snippets = exp["content"] if isinstance(exp["content"], list) else [exp["content"]]
        found = [q for q in doc.quotes if all(s in q.text for s in snippets)]
        if not found:
            out.append(f"no quote holds {snippets}")
            continue
        exact = [q for q in found if q.text.strip(" .,") == " ".join(snippets).strip(" .,")]
        q = (exact or found)[0]                         # the quote that is just the snippet, else the first
        if speaker(q) != exp.get("speaker"):              # no "speaker": none expected
            out.append(f"speaker of {snippets}: expected {exp.get('speaker')!r}, got {speaker(q)!r}")
        checks = [("cue", q.cue.text if q.cue else None), ("medium", q.medium), ("said_on", q.said_on),
                  ("spans", len(q.spans)), ("rule", q.rule)]
        for key, got in checks:
            if key in exp and got != exp[key]:
                out.append(f"{key} of {snippets}: expected {exp[key]!r}, got {got!r}")
        if "kind" in exp:
            kinds = exp["kind"] if isinstance(exp["kind"], list) else [exp["kind"]]
            if q.kind not in kinds:
                out.append(f"kind of {snippets}: expected {kinds}, got {q.kind!r}")
        if "starts" in exp and not q.text.startswith(exp["starts"]):
            out.append(f"{snippets}: expected to start with {exp['starts']!r}")
    if row.get("quotes") == [] and doc.quotes:
        out.append("expected no quote")
    for exp in row.get("wrong", []):                 # an attribution that must not be made
        if any(exp["content"] in q.text and speaker(q) == exp.get("speaker") for q in doc.quotes):
            out.append(f"{exp['content']!r} is given to {exp.get('speaker')!r}")
    for snippet in row.get("without", []):
        if any(q.text.strip(" .,") == snippet.strip(" .,") for q in doc.quotes):
            out.append(f"a quote is only {snippet!r}")
    return out


def offsets_sound(doc) -> None:
    for q in doc.quotes:
        for a, b in q.spans:
            assert 0 <= a < b <= len(doc.text)
        if q.speaker:
            assert doc.text[q.speaker.start:q.speaker.end] == q.speaker.text
        if q.cue:
            assert doc.text[q.cue.start:q.cue.end] == q.cue.text
