"""The story view (issue 15) on a Timeline17 topic (haiti, 296 articles, ingested at test time): dated
entries, each with its sentences, its sources (article, outlet, date), the day's quotes with their
speakers and why the date was chosen; and the topic's timeline of quotes and events. With
DATELINE_SCREENSHOTS=DIR they are saved as story-t17.png and timeline-t17.png."""
from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request

import pytest

from browser_support import readable_article_text, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.shared]


@pytest.fixture(scope="module")
def site(t17_db, serve):
    db, query = t17_db
    return serve(db), query


def test_topic_timeline_on_a_fitted_axis(new_page, site):
    """The words' timeline (quotes and events matching the topic's keyword) over weeks of coverage."""
    url, query = site
    page = new_page
    page.goto(f"{url}/#/timeline?q={query}")
    page.wait_for_selector("[data-testid=timeline-svg]")
    counts = page.eval_on_selector_all("[data-testid=mark-quote], [data-testid=mark-event]",
                                       "els => els.map(e => +e.dataset.count)")
    assert sum(counts) == page.locator("[data-testid=timeline-entries] > tr").count() > 20
    assert page.locator("[data-testid=legend-k-quote]").count() == 1
    assert page.locator("[data-testid=tick-label]").count() >= 4
    with urllib.request.urlopen(f"{url}/api/timeline?q={urllib.parse.quote(query)}", timeout=30) as r:
        entries = json.loads(r.read())["entries"]
    assert readable_article_text(page, [e["text"] for e in entries] + [e["title"] for e in entries]) == []
    screenshot(page, "timeline-t17")
    assert page.errors == []


def test_story_view_shows_dated_entries_sources_and_quotes(new_page, site):
    url, query = site
    with urllib.request.urlopen(url + "/openapi.json", timeout=30) as r:
        if "/api/story" not in json.loads(r.read())["paths"]:
            pytest.skip("GET /api/story is not in this build yet (issue 15's story endpoint); the view waits for it")
    page = new_page
    page.goto(url + "/")
    page.fill("#f-q", query)
    page.click("#f-story")
    page.wait_for_selector("[data-testid=story-entry]")
    assert query in page.inner_text("[data-testid=story-title]")
    entries = page.locator("[data-testid=story-entry]")
    assert entries.count() >= 5
    dates = [d for d in page.locator("[data-testid=story-date]").all_inner_texts()]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in dates) and dates == sorted(dates)
    for i in range(entries.count()):
        e = entries.nth(i)
        assert 1 <= e.locator("[data-testid=story-sentence]").count() <= 3
        assert e.locator("[data-testid=story-source]").count() >= 1
        assert e.locator("[data-testid=story-source] [data-testid=doc-link]").count() >= 1
        assert e.locator("[data-testid=story-why]").count() == 1
    # the day's quotes, with their speakers, on at least one entry
    quotes = page.locator("[data-testid=story-quote]")
    assert quotes.count() >= 1
    assert page.locator("[data-testid=story-quote] [data-testid=story-speaker]").count() == quotes.count()
    sources = page.locator("[data-testid=story-source]").all_inner_texts()
    assert any(re.search(r"\d{4}-\d{2}-\d{2}", s) for s in sources)
    with urllib.request.urlopen(f"{url}/api/story?q={urllib.parse.quote(query)}", timeout=30) as r:
        story = json.loads(r.read())["entries"]
    shown = [s for e in story for s in e["sentences"]] + [q["text"] for e in story for q in e["quotes"]] + \
        [s.get("title") for e in story for s in e["sources"]]
    assert readable_article_text(page, shown) == []      # a screenshot blurs them
    screenshot(page, "story-t17")
    # a source opens its article
    page.locator("[data-testid=story-source] [data-testid=doc-link]").first.click()
    page.wait_for_selector("[data-testid=article-text]")
    assert page.errors == []
