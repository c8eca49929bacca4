"""Compiled regular expressions, kept on disk between runs.

Compiling the grammar's patterns is most of a cold start: Python's regex parser and compiler are written in
Python, and the rules expand into long trie alternations. ``compile(pattern, flags)`` returns what
``re.compile`` returns; the first time a pattern is compiled, its compiled form (the regex engine's code
words) is recorded, and ``save()`` writes the recorded forms to one cache file. The next process reads that
file and hands the code straight to the engine, skipping parse and compile. ``memo(kind, pattern, flags, fn)``
keeps other facts derived from a pattern alone (the matcher's mandatory parts) in the same file.

The file is named by the Python version, the regex engine's magic number and a digest of this package's code,
so another interpreter or another version of the analyses never reads it, and keyed inside by a digest of the
pattern text, so a changed rule simply compiles anew (old entries stay until the file passes a bound, then only
the patterns in use are kept). It is written to a temporary file and renamed, so parallel workers never see half
a file. Any problem (no cache folder, an unwritable one, a corrupt file) falls back to ``re.compile``.
Where: ``$DATELINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/dateline``, else ``~/.cache/dateline``;
``DATELINE_CACHE_DIR=off`` turns the cache off.
"""
from __future__ import annotations

import functools
import hashlib
import marshal
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

import _sre
from re import _compiler, _constants, _parser

_ENTRY = tuple          # (flags, code, groups, groupindex, indexgroup)
_loaded: dict | None = None
_used: dict = {}        # what this process compiled or derived: written back by save()
_dirty = False
_digests: dict[str, bytes] = {}     # text -> its key in the file (a text is often looked up several times)


def cache_file() -> Path | None:
    where = os.environ.get("DATELINE_CACHE_DIR")
    if where == "off":
        return None
    if not where:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        where = os.path.join(base, "dateline")
    tag = f"regex-py{sys.version_info[0]}{sys.version_info[1]}-{sys.implementation.name}-{_sre.MAGIC}-{_code()}.marshal"
    return Path(where) / tag


@functools.lru_cache(maxsize=1)
def _code() -> str:
    """A digest of the grammar package's code: the facts ``memo`` keeps are computed by it (analysis.py), so a
    changed analysis never reads an older one's answers."""
    h = hashlib.blake2b(digest_size=6)
    try:
        for f in sorted(Path(__file__).parent.glob("*.py")):
            h.update(f.read_bytes())
    except OSError:                                  # pragma: no cover (sources not on disk)
        return "nosrc"
    return h.hexdigest()


def _cache() -> dict:
    global _loaded
    if _loaded is None:
        _loaded = {}
        path = cache_file()
        try:
            if path is not None and path.is_file():
                data = marshal.loads(path.read_bytes())
                if isinstance(data, dict):
                    _loaded = data
        except (OSError, ValueError, EOFError, TypeError):
            _loaded = {}
    return _loaded


def compile(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, from the on-disk cache when this pattern was compiled before."""
    entry = _entry(pattern, flags)
    try:
        return _sre.compile(pattern, *entry)
    except (TypeError, ValueError, RuntimeError):   # a form this engine does not take: compile anew
        return _sre.compile(pattern, *_entry(pattern, flags, fresh=True))


def compile_starting(pattern: str, flags: int, chars: str) -> re.Pattern:
    """``compile(pattern, flags)`` told that every match starts with one of ``chars`` (nothing else at all, case
    variants included: the test is on the raw character). The engine then skips other positions without trying
    the pattern, as it does for a pattern that begins with a character class. A pattern that can match the
    empty string, or whose compiled form already names a literal prefix or first characters, is compiled as
    it is."""
    entry = _entry(pattern, flags)
    code = entry[1]
    if code[0] == _constants.INFO and code[2] == 0 and code[3] > 0 and chars:
        info = [_constants.INFO, 0, _constants.SRE_INFO_CHARSET, code[3], code[4]]
        info += memo("charset", "".join(sorted(set(chars))), 0, lambda: _charset(chars))
        info[1] = len(info) - 1
        try:
            return _sre.compile(pattern, entry[0], info + code[1 + code[1]:], entry[2], entry[3], entry[4])
        except (TypeError, ValueError, RuntimeError):
            pass
    return compile(pattern, flags)


def _charset(chars: str) -> list[int]:
    """The engine's code of a set of characters (as in an info block)."""
    out: list[int] = []
    charset, _ = _compiler._optimize_charset([(_constants.LITERAL, ord(c)) for c in sorted(set(chars))])
    _compiler._compile_charset(charset, 0, out)
    return [int(c) for c in out]


def parse(pattern: str, flags: int = 0):
    """CPython's parse of a pattern, shared by the compiler here and the analyses of ``analysis.py`` (which
    read a rule's pattern right after it is compiled). Read-only."""
    flags = int(flags)                              # (an int: enum flags make the compiler several times slower)
    if isinstance(pattern, str) and not flags & _constants.SRE_FLAG_ASCII:
        flags |= _constants.SRE_FLAG_UNICODE        # what the parser adds anyway: one key for both
    return _parse(pattern, flags)


@functools.lru_cache(maxsize=2)
def _parse(pattern: str, flags: int):
    return _parser.parse(pattern, flags)


def _entry(pattern: str, flags: int, fresh: bool = False) -> tuple:
    """The compiled form of a pattern: (flags, code, groups, groupindex, indexgroup); ``fresh``: not the
    cached one."""
    global _dirty
    key = _key("re", pattern, flags)
    hit = None if fresh else _used.get(key) or _cache().get(key)
    if hit is not None:
        _used[key] = hit
        return hit
    flags = int(flags)
    p = parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    entry = (int(flags | p.state.flags), [int(c) for c in code], p.state.groups - 1, groupindex, tuple(indexgroup))
    _used[key] = entry
    _dirty = True
    return entry


def _key(kind: str, text: str, flags: int) -> tuple:
    """The cache key of a text: a digest, not the text (the file stays small; 128 bits do not collide)."""
    digest = _digests.get(text)
    if digest is None:
        digest = _digests[text] = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    return kind, digest, int(flags)


def memo(kind: str, pattern: str, flags: int, fn: Callable[[], Any]) -> Any:
    """A fact derived from one text alone (a pattern, a resource file's content), kept with it in the cache
    file when marshal can write it (str, int, float, bool, None, tuple, list, set, dict); ``fn`` computes it.
    Callers get the cached object itself: treat it as read-only."""
    global _dirty
    key = _key(kind, pattern, flags)
    if key in _used:
        return _used[key]
    got = _cache().get(key)
    if got is None:
        got = fn()
        try:
            marshal.dumps(got)
        except ValueError:                          # a type marshal cannot write (a date): not kept
            return got
        _dirty = True
    _used[key] = got
    return got


def save() -> None:
    """Write what this process compiled to the cache file, if anything new was compiled (atomically)."""
    global _dirty, _loaded
    path = cache_file()
    if not _dirty or path is None:
        return
    merged = {**_cache(), **_used}
    if len(merged) > 20_000:                        # bound the file: keep what this process used
        merged = dict(_used)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(marshal.dumps(merged))
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        for old in path.parent.glob(path.name.rsplit("-", 1)[0] + "-*.marshal"):
            if old != path:                         # an older code's file (see _code): never read again
                old.unlink(missing_ok=True)
    except (OSError, ValueError):
        return                                      # a read-only home: run without the cache
    _loaded = merged
    _dirty = False
