"""Helpers for the browser tests (a plain module: see tests/support.py for why)."""
from __future__ import annotations

import os
from pathlib import Path


def screenshot(page, name: str) -> None:
    """With DATELINE_SCREENSHOTS=DIR, save the visible part of the page as DIR/name.png."""
    out = os.environ.get("DATELINE_SCREENSHOTS")
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(out) / f"{name}.png"))
