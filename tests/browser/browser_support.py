"""Helpers for the browser tests (a plain module: see tests/support.py for why)."""
from __future__ import annotations

import contextlib
import os
from pathlib import Path


def screenshot(page, name: str) -> None:
    """With DATELINE_SCREENSHOTS=DIR, save the visible part of the page as DIR/name.png."""
    out = os.environ.get("DATELINE_SCREENSHOTS")
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(out) / f"{name}.png"))


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
