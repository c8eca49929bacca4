"""Helpers for the browser tests (a plain module: see tests/support.py for why)."""
from __future__ import annotations

import contextlib
import os
from pathlib import Path


# The page wraps every piece of text it takes from the stored articles (quotes, event sentences,
# headlines and titles, story sentences, article bodies, the same in the hover list) in .from-article;
# speakers' names, dates, counts, the axis and the legend are outside it.
REDACT = ".from-article { filter: blur(0.5em) !important; }"   # 8 px on 16 px text: not a letter left
# the page's Content-Security-Policy (style-src 'self') refuses a <style> tag (page.add_style_tag),
# so the style comes as a constructed stylesheet, adopted by the document and dropped after
_ADOPT = """css => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }"""
_DROP = "() => { document.adoptedStyleSheets = document.adoptedStyleSheets.slice(0, -1); }"

# the text a screenshot shows readable: every text node of the page outside .from-article
_READABLE = """() => { const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), out = [];
  for (let n; (n = w.nextNode());) if (!n.parentElement.closest('.from-article, script, style')) out.push(n.data);
  return out.join(' '); }"""


def words(text: str) -> list[str]:
    return "".join(c.lower() if c.isalnum() else " " for c in text).split()


def screenshot(page, name: str) -> None:
    """With DATELINE_SCREENSHOTS=DIR, save the visible part of the page as DIR/name.png, with the
    article text blurred.

    The pictures are of real coverage (Reuters-21578, Timeline17), whose text is for research use
    only and is never copied into the project, docs included: just before the picture a style
    (``REDACT``) blurs every ``.from-article`` element, and it is removed right after, so the rest
    of the test sees the page as a user does. The page itself never blurs anything; that nothing
    of the articles is left readable outside ``.from-article`` is checked by the tests, with or
    without DATELINE_SCREENSHOTS, through ``readable_article_text``."""
    out = os.environ.get("DATELINE_SCREENSHOTS")
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        page.evaluate(_ADOPT, REDACT)
        try:
            page.screenshot(path=str(Path(out) / f"{name}.png"))
        finally:
            page.evaluate(_DROP)


def readable_article_text(page, texts, run: int = 8) -> list[str]:
    """The texts (from the articles) of which some ``run`` words in a row are readable in a
    screenshot, i.e. appear on the page outside ``.from-article``: [] when all are blurred.
    Shorter texts count whole from four words; a run of eight leaves room for long names
    ("UN Secretary General Ban Ki-moon"), which are shown."""
    shown = " " + " ".join(words(page.evaluate(_READABLE))) + " "
    leaks = []
    for text in texts:
        w = words(text or "")
        n = min(run, len(w)) if len(w) >= 4 else run      # a short quote counts from four words
        if any(" " + " ".join(w[i:i + n]) + " " in shown for i in range(len(w) - n + 1)):
            leaks.append(text)
    return leaks


@contextlib.contextmanager
def fresh_page(browser):
    """A page at 1280x900 in its own context that records script errors in ``page.errors``."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(15_000)
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    try:
        yield pg
    finally:
        ctx.close()
