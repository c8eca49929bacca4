"""The on-disk cache of compiled patterns: same patterns as re.compile, reused by the next process, and
harmless when its file is absent, corrupt or turned off."""
from __future__ import annotations

import re

import pytest

from dateline.grammar import regex as rx

PATTERNS = [(r"(?<![\w$])(?P<month>jan|feb|march)\.?\s+(?P<day>\d{1,2})\b", re.I),
            (r"[HhSs](?:e|he)(?![\w'-])", 0), (r"(?:said|says|told)\s+(?P<who>[A-Z]\w+)", 0)]
TEXT = "She said Jan. 5 and March 12; he told Reuters, says Ann on feb 3."


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    monkeypatch.setenv("DATELINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(rx, "_loaded", None)
    monkeypatch.setattr(rx, "_used", {})
    monkeypatch.setattr(rx, "_dirty", False)
    return tmp_path / "cache"


def _same(a: re.Pattern, b: re.Pattern) -> None:
    assert (a.pattern, a.flags, a.groupindex, a.groups) == (b.pattern, b.flags, b.groupindex, b.groups)
    assert [m.groupdict() | {"span": m.span()} for m in a.finditer(TEXT)] == \
           [m.groupdict() | {"span": m.span()} for m in b.finditer(TEXT)]


def test_compile_equals_re_compile_and_the_next_process_skips_the_parser(fresh, monkeypatch):
    for p, f in PATTERNS:
        _same(rx.compile(p, f), re.compile(p, f))
    rx.save()
    assert rx.cache_file().is_file()
    monkeypatch.setattr(rx, "_loaded", None)          # a new process: nothing compiled yet
    monkeypatch.setattr(rx, "_used", {})

    def no_parse(*a, **k):
        raise AssertionError("parsed although the compiled form was cached")
    monkeypatch.setattr(rx._parser, "parse", no_parse)
    for p, f in PATTERNS:
        _same(rx.compile(p, f), re.compile(p, f))


def test_memo_keeps_derived_facts(fresh, monkeypatch):
    calls = []
    assert rx.memo("parts", "abc", 0, lambda: calls.append(1) or ["x"]) == ["x"]
    rx.save()
    monkeypatch.setattr(rx, "_loaded", None)
    monkeypatch.setattr(rx, "_used", {})
    assert rx.memo("parts", "abc", 0, lambda: calls.append(1) or ["y"]) == ["x"] and calls == [1]


def test_a_corrupt_or_disabled_cache_falls_back(fresh, monkeypatch):
    fresh.mkdir(parents=True)
    rx.cache_file().write_bytes(b"\x00not marshal")
    p, f = PATTERNS[0]
    _same(rx.compile(p, f), re.compile(p, f))
    rx.save()                                          # replaces the corrupt file with a good one
    monkeypatch.setattr(rx, "_loaded", None)
    assert rx._key("re", p, f) in rx._cache()
    monkeypatch.setenv("DATELINE_CACHE_DIR", "off")
    assert rx.cache_file() is None
    rx.save()                                          # nothing to write to, no error


def test_a_pattern_told_its_first_characters_finds_the_same_matches(fresh):
    from dateline.grammar.analysis import ascii_first, first_class
    texts = [TEXT, TEXT.upper(), "x" * 50 + TEXT.lower(), ""]
    for p, f in PATTERNS:
        head = first_class(p, f)
        assert head                                    # each of these starts with a class
        full = head + p
        fast = rx.compile_starting(full, f, ascii_first(head, f))
        assert fast.pattern == full and fast.flags == re.compile(full, f).flags
        for t in texts:
            for a, b in ((0, len(t)), (3, len(t) - 2)):
                assert [(m.span(), m.groupdict()) for m in fast.finditer(t, a, b)] == \
                       [(m.span(), m.groupdict()) for m in re.compile(full, f).finditer(t, a, b)]
    empty = rx.compile_starting(r"x*", 0, "x")          # it can match empty: compiled as it is
    assert [m.span() for m in empty.finditer("axxb")] == [m.span() for m in re.finditer(r"x*", "axxb")]


@pytest.mark.parametrize("pattern", [r"(?i:said)\s+\w+", r"(?i)said\s+\w+", r"(?i:(?-i:S)aid)\b",
                                     r"(?:(?i:told)|Said)\b"])
def test_the_first_characters_follow_inline_case_flags(fresh, pattern):
    """A class made from a pattern's first characters never refuses a match the pattern has: scoped
    "(?i:...)" / "(?-i:...)" and a leading "(?i)" change which cases a match may start with."""
    from dateline.grammar.analysis import first_class
    head = first_class(pattern, 0)
    assert head
    found = 0
    for text in ("She SAID so.", "they said it", "He Said that", "TOLD you", "she told them"):
        for m in re.finditer(pattern, text):
            found += 1
            assert re.match(head, text[m.start():]), (pattern, text, head)
    assert found >= 2


def test_the_file_is_named_by_the_code_and_an_older_codes_file_is_removed(fresh):
    path = rx.cache_file()
    assert path.name.endswith(f"-{rx._code()}.marshal")
    fresh.mkdir(parents=True, exist_ok=True)
    stale = path.with_name(path.name.rsplit("-", 1)[0] + "-0123456789ab.marshal")
    stale.write_bytes(b"old")
    rx.compile(r"(?:said|told)\s+\w+", re.I)
    rx.save()
    assert path.is_file() and not stale.exists()
