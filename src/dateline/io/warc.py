"""WARC and WARC.gz files (warcio): one article per HTML response record.

Each HTML ``response`` (or ``resource``) record with a 2xx status becomes one page; its
``WARC-Target-URI`` is the document id and ``meta.url``. Other records (requests, metadata, images,
redirects, errors) are skipped: a crawl is mostly not articles. A broken archive yields an error
record where it breaks; what came before is kept.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from ..errors import InputError
from .html import MAX_HTML_BYTES, record_from_html
from .readers import ReadOptions, Record

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _is_html_page(record) -> bool:
    if record.rec_type == "response":
        http = record.http_headers
        if http is None:
            return False
        status = (http.get_statuscode() or "")
        if not status.startswith("2"):
            return False
        ctype = (http.get_header("Content-Type") or "").lower()
    elif record.rec_type == "resource":
        ctype = (record.rec_headers.get_header("Content-Type") or "").lower()
    else:
        return False
    return ctype.split(";")[0].strip() in HTML_TYPES


def iter_warc_pages(path: Path | str) -> Iterator[tuple[str, str, bytes, dict[str, Any]] | InputError]:
    """(where, url, html bytes, meta) for each HTML page, or an InputError where the archive breaks."""
    from warcio.archiveiterator import ArchiveIterator
    name = str(path)
    n = 0
    try:
        with open(path, "rb") as f:
            for record in ArchiveIterator(f):
                n += 1
                if not _is_html_page(record):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or f"{name}#{n}"
                where = f"{name}#{n}"
                data = record.content_stream().read(MAX_HTML_BYTES + 1)
                meta = {"url": url, "source": name}
                rid = record.rec_headers.get_header("WARC-Record-ID")
                if rid:
                    meta["warc_record_id"] = rid
                wdate = record.rec_headers.get_header("WARC-Date")
                if wdate:
                    meta["warc_date"] = wdate     # when it was crawled: metadata, never the dct
                yield where, url, data, meta
    except OSError as e:
        yield InputError(f"{name}#{n + 1}", f"cannot read WARC: {e.strerror or e}")
    except Exception as e:  # warcio raises ArchiveLoadFailed and friends on a broken archive
        yield InputError(f"{name}#{n + 1}", f"broken WARC record ({type(e).__name__}: {e}); expected WARC/1.0 or 1.1")


def read_warc(path: Path, opts: ReadOptions) -> Iterator[Record]:
    for item in iter_warc_pages(path):
        if isinstance(item, InputError):
            yield item
        else:
            where, url, data, meta = item
            yield record_from_html(data, where, url, opts, url=url, meta=meta)
