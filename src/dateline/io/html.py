"""HTML pages -> Documents: main text, title and publication date extracted with trafilatura.

The publication date comes from the page's own markup (meta tags, ``<time>``, JSON-LD) through
htmldate, with a fixed upper bound so the result never depends on the clock; ``--dct`` overrides
it. A page without a date is an error record (DL303), never "today".
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Mapping

from ..errors import DateInputError, EmptyInputError, InputError
from ..model import Document
from .readers import ReadOptions, Record, normalize_date

# htmldate otherwise bounds dates by today's date: a fixed bound keeps the extraction clock-free
DATE_PARAMS = {"extensive_search": False, "original_date": True, "max_date": "2100-12-31"}
MAX_HTML_BYTES = 20 * 1024 * 1024
META_FIELDS = ("title", "author", "sitename", "hostname", "url")


def _extract(data: bytes | str, url: str | None) -> Any:
    import trafilatura   # heavy import, only when HTML is read
    return trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False,
                                       include_tables=False, date_extraction_params=dict(DATE_PARAMS))


def record_from_html(data: bytes | str, where: str, doc_id: str, opts: ReadOptions,
                     url: str | None = None, meta: Mapping[str, Any] | None = None) -> Record:
    """One HTML page -> a Document, or an InputError saying what was missing."""
    if not data or not (data.strip() if isinstance(data, (bytes, str)) else True):
        return EmptyInputError(where, "empty page; expected an HTML document")
    if len(data) > MAX_HTML_BYTES:
        return InputError(where, f"{len(data):,} bytes; the limit for one HTML page is {MAX_HTML_BYTES:,}")
    try:
        res = _extract(data, url)
    except Exception as e:  # trafilatura/lxml on a broken page: one bad page never stops a crawl
        return InputError(where, f"cannot parse HTML ({type(e).__name__}: {e})")
    if res is None:
        return EmptyInputError(where, "no main text found in the page")
    got = res if isinstance(res, dict) else res.as_dict()
    text = got.get("text") or ""
    if not text.strip():
        return EmptyInputError(where, "no main text found in the page")
    if opts.dct is not None:
        dct = opts.dct
    else:
        dct = normalize_date(got.get("date"))
        if dct is None:
            return DateInputError(where, "no publication date found in the page (looked for meta tags such as "
                                  "article:published_time, <time datetime>, JSON-LD datePublished); "
                                  "use --dct YYYY-MM-DD to set one")
    m: dict[str, Any] = {k: got[k] for k in META_FIELDS if isinstance(got.get(k), str) and got[k]}
    if url:
        m["url"] = url
    m.update(meta or {})
    m["source"] = m.get("source", where)
    return Document(id=doc_id, text=text, dct=dct, meta=m)


def read_html_file(path: Path | str, opts: ReadOptions) -> Record:
    name = str(path)
    try:
        p = Path(path)
        if p.stat().st_size > MAX_HTML_BYTES:
            return InputError(name, f"{p.stat().st_size:,} bytes; the limit for one HTML page is {MAX_HTML_BYTES:,}")
        data = p.read_bytes()
    except OSError as e:
        return InputError(name, f"cannot read: {e.strerror or e}")
    return record_from_html(data, name, Path(name).stem, opts)


def read_html(path: Path, opts: ReadOptions) -> Iterator[Record]:
    yield read_html_file(path, opts)
