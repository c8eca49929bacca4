"""The newsroom page in a real Chromium (Debian's /usr/bin/chromium) through Playwright: search for a
speaker, open their timeline, open an article, and check what is shown, on the hand-written newsroom
articles (tests/fixtures/store). The Reuters tests check the same page on real coverage."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "store"))
import store_fixtures as fx  # noqa: E402
from browser_support import fresh_page  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(browser, tmp_path_factory):
    from dateline.api.app import create_app
    db = fx.build_db(tmp_path_factory.mktemp("browser") / "newsroom.db")
    with fx.serve(create_app(db)) as url:
        yield url


@pytest.fixture(scope="module")
def page(browser):
    with fresh_page(browser) as pg:
        yield pg


def test_search_timeline_article(page, base_url):
    page.goto(base_url + "/")
    page.wait_for_selector("#people li a")
    assert "Maria Okafor" in page.inner_text("#people")

    # search for a speaker by surname: two different Reyes are never merged, the most quoted comes first
    page.fill("#f-speaker", "Okafor")
    page.click("#f-go")
    page.wait_for_selector("[data-testid=quote]")
    cards = page.locator("[data-testid=quote]")
    assert cards.count() == 3
    texts = cards.all_inner_texts()
    assert all("Maria Okafor" in t for t in texts)
    # the quote repeated in two articles is shown once, with both sources and the earliest date
    winter = [t for t in texts if "another winter" in t]
    assert len(winter) == 1 and "2023-03-13" in winter[0] and "in 2 articles" in winter[0]

    # words: full-text search with highlighting
    page.fill("#f-speaker", "")
    page.fill("#f-q", "boat")
    page.click("#f-go")
    page.wait_for_selector("[data-testid=quote] mark")
    assert page.inner_text("[data-testid=quote] mark").lower() == "boat"
    assert "Dana Reyes" in page.inner_text("[data-testid=quote]")

    # the timeline: an SVG date axis with quotes and events
    page.fill("#f-q", "")
    page.fill("#f-speaker", "Maria Okafor")
    page.click("#f-go")
    page.click("[data-testid=open-timeline]")
    page.wait_for_selector("[data-testid=timeline-svg]")
    assert page.inner_text("[data-testid=timeline-title]") == "Maria Okafor"
    # marks on one day (or days too close to tell apart) are one mark with their number
    count = lambda kind: sum(int(c) for c in page.eval_on_selector_all(
        f"[data-testid=mark-{kind}]", "els => els.map(e => e.dataset.count)"))
    assert count("quote") == 3 and count("event") == 4
    ticks = page.locator("[data-testid=timeline-svg] text").all_text_contents()
    assert any("2023" in t for t in ticks) and "Jun" in ticks
    rows = page.locator("[data-testid=entry]").all_inner_texts()
    days = [r.split()[0] for r in rows]
    assert days == sorted(days) and days[0] == "2023-03-13" and days[-1] == "2023-09-29"

    # a click on a mark lists its entries beside the axis; their link opens the article, with time
    # expressions and quotes highlighted, speakers named
    page.locator("[data-testid=mark-event] .dot").first.click()
    page.wait_for_selector("[data-testid=day-list-title]")
    assert "2023-04-03" in page.inner_text("[data-testid=day-list-title]")
    page.locator("[data-testid=day-list] [data-testid=doc-link]").first.click()
    page.wait_for_selector("[data-testid=article-text]")
    assert page.inner_text("[data-testid=article-title]") == "Harbor Bridge repairs to start in April"
    timex = page.locator("[data-testid=article-text] .a-timex")
    assert timex.count() == 3
    assert "April 3" in timex.all_inner_texts()
    assert "2023-04-03" in (timex.nth(1).get_attribute("title") or "")
    refs = page.eval_on_selector_all("[data-testid=article-text] .a-quote",
                                     "els => els.map(e => e.dataset.ref.split(' ')).flat()")
    assert {r for r in refs if r.startswith("q")} == {"q1", "q2", "q3"}
    badges = page.locator("[data-testid=quote-speaker]").all_inner_texts()
    assert badges == ["Maria Okafor", "Thomas Reyes", "Thomas Reyes"]     # merged people, named in full
    assert "“Tom Reyes” here" in page.inner_text("[data-testid=article-quote] >> nth=1")
    assert page.locator("[data-testid=article-text] .focus").count() == 1
    # the speaker link from the article leads back to the (merged) person's timeline
    page.locator("[data-testid=article-quote] a", has_text="Thomas Reyes").first.click()
    page.wait_for_selector("[data-testid=timeline-svg]")
    assert page.inner_text("[data-testid=timeline-title]") == "Thomas Reyes"
    assert page.errors == []


def test_bad_input_is_shown_not_crashing(page, base_url):
    page.goto(base_url + "/#/quotes?since=2023-13-40")
    page.wait_for_selector("[data-testid=error]")
    assert "since" in page.inner_text("[data-testid=error]")
    page.goto(base_url + "/#/doc/no-such-article")
    page.wait_for_selector("[data-testid=error]")
    assert "no document" in page.inner_text("[data-testid=error]")


def test_api_reference_page_renders_without_network(page, base_url):
    hosts: list[str] = []
    page.on("request", lambda r: hosts.append(r.url.split("/")[2]))
    page.goto(base_url + "/docs")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() >= 8            # every endpoint, from /openapi.json
    assert "/api/timeline" in page.inner_text("#swagger-ui")
    assert set(hosts) == {base_url.split("/")[2]}           # nothing from another host
    assert page.errors == []
