"""Browser tests drive Debian's /usr/bin/chromium through Playwright (it cannot download a browser
here). In CI (CI=true) or with DATELINE_REQUIRE_BROWSER=1 (``make test BROWSERS=required``) a
missing chromium or playwright fails the tests; a developer run without chromium skips them with
the reason. Databases of real news are built at test time from ../shared/data (never committed)."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "store"))
import store_fixtures as fx  # noqa: E402
from browser_support import fresh_page  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
REUTERS = SHARED / "corpus" / "reuters21578.jsonl"
T17 = SHARED / "tls" / "t17"
REUTERS_HEAD = 3000        # the first 3,000 articles: 26 February to 9 March 1987, a dense fortnight


def browsers_required() -> bool:
    return (os.environ.get("CI", "").lower() in ("1", "true", "yes")
            or os.environ.get("DATELINE_REQUIRE_BROWSER", "") in ("1", "true", "required"))


def _missing(reason: str):
    if browsers_required():
        pytest.fail(f"{reason}; browser tests are required here (CI or DATELINE_REQUIRE_BROWSER)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _missing("/usr/bin/chromium is absent (Debian package 'chromium'); the browser tests need it")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("python playwright is not installed (dev extra)")
    with sync_playwright() as pw:
        # launch() starts chromium with a fresh temporary profile (its own --user-data-dir) every time
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture()
def new_page(browser):
    with fresh_page(browser) as pg:
        yield pg


def ingest(lines: list[str], db: Path) -> Path:
    from dateline.cli.main import main
    src = db.with_suffix(".jsonl")
    src.write_text("".join(lines), encoding="utf-8")
    main(["ingest", str(src), "--db", str(db), "--workers", "1", "--progress", "off"])
    return db


@pytest.fixture(scope="session")
def reuters_db(tmp_path_factory) -> Path:
    if not REUTERS.exists():
        pytest.skip(f"{REUTERS} is absent (../shared/data): the Reuters browser tests need it")
    with REUTERS.open(encoding="utf-8") as f:       # articles with a body (some are headlines only)
        lines = [line for _, line in zip(range(REUTERS_HEAD), f) if json.loads(line).get("text", "").strip()]
    return ingest(lines, tmp_path_factory.mktemp("reuters") / "reuters.db")


@pytest.fixture(scope="session")
def t17_db(tmp_path_factory) -> Path:
    """One Timeline17 topic (haiti, 296 articles) with its keywords: (db, query)."""
    topic = T17 / "haiti"
    if not (topic / "articles.jsonl").exists():
        pytest.skip(f"{topic} is absent (../shared/data): the story browser test needs it")
    lines = (topic / "articles.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    db = ingest(lines, tmp_path_factory.mktemp("t17") / "haiti.db")
    keywords = json.loads((topic / "keywords.json").read_text(encoding="utf-8"))
    return db, " ".join(keywords[:1]) if isinstance(keywords, list) else "haiti"


@pytest.fixture(scope="session")
def serve():
    """serve(db) -> base URL of a live read-only server (stopped at the end of the session)."""
    from dateline.api.app import create_app
    stack = []

    def start(db: Path) -> str:
        cm = fx.serve(create_app(db))
        url = cm.__enter__()
        stack.append(cm)
        return url
    yield start
    for cm in reversed(stack):
        cm.__exit__(None, None, None)


