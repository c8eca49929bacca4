"""The web page on real coverage: the first 3,000 Reuters-21578 articles (a dense fortnight of 1987),
ingested at test time. A person's timeline has an axis fitted to the dated entries with day ticks,
labels that do not overlap and are not cut, one mark per day and kind that lists its entries on
hover and click, events of duplicate wire stories merged as quotes are, and a legend for every kind
of mark drawn. With DATELINE_SCREENSHOTS=DIR the views are saved there (docs/*.png come from it)."""
from __future__ import annotations

import collections
import datetime as dt
import json
import urllib.parse
import urllib.request

import pytest

from browser_support import readable_article_text, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.shared]


def get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.loads(r.read())


def norm(text: str) -> str:
    return " ".join("".join(c.lower() if c.isalnum() else " " for c in text).split())


@pytest.fixture(scope="module")
def site(reuters_db, serve):
    return serve(reuters_db)


@pytest.fixture(scope="module")
def people(site):
    """The most quoted people, each with their timeline from the API."""
    items = get(site + "/api/people?page_size=40")["items"]
    return [(p, get(f"{site}/api/timeline?person={p['id']}")) for p in items]


def open_timeline(page, site, pid):
    page.goto(f"{site}/#/person/{pid}")
    page.wait_for_selector("[data-testid=timeline-svg]")


def article_texts(tl):
    """What a timeline shows from the articles: quote and event texts, titles."""
    return [e["text"] for e in tl["entries"]] + [e["title"] for e in tl["entries"] if e.get("title")]


def boxes(page, selector):
    return page.eval_on_selector_all(selector, "els => els.map(e => { const b = e.getBoundingClientRect(); "
                                               "return {x: b.x, y: b.y, w: b.width, h: b.height, t: e.textContent}; })")


def test_axis_fits_the_data_with_day_ticks_and_readable_labels(new_page, site, people):
    person, tl = people[0]                          # the most quoted person: a dense fortnight
    page = new_page
    open_timeline(page, site, person["id"])
    days = sorted(dt.date.fromisoformat(e["day"]) for e in tl["entries"] if len(e["date"] or "") >= 10)
    svg = page.locator("[data-testid=timeline-svg]")
    start, end = (dt.date.fromisoformat(svg.get_attribute(a)) for a in ("data-start", "data-end"))
    inside = [d for d in days if start <= d <= end]
    # the axis covers the dated entries (a few far-off ones, often misread, are pinned to the edges
    # and faded) and ends within a day or two of them, not a month later
    assert len(inside) >= 0.9 * len(days)
    first, last = inside[0], inside[-1]
    assert first - dt.timedelta(days=2) <= start and end <= last + dt.timedelta(days=2)
    outside = len(days) - len(inside)
    assert page.locator("[data-testid=timeline-svg] .mark.outside").count() >= min(1, outside)
    # a short range has a tick for every day, and labelled days
    assert (last - first).days <= 30
    assert page.locator("[data-testid=tick-day]").count() >= (last - first).days + 1
    labels = page.locator("[data-testid=tick-label]").all_text_contents()
    assert len(labels) >= (last - first).days // 2 and any(lab.split()[0] in ("Feb", "Mar") for lab in labels)
    # mark labels: several, long enough to read, none overlapping another, none outside the drawing
    marks = boxes(page, "[data-testid=mark-label]")
    frame = svg.bounding_box()
    assert len(marks) >= 8
    assert sum(len(m["t"]) >= 40 for m in marks) >= len(marks) // 2
    for i, a in enumerate(marks):
        assert a["h"] >= 11, a                      # rendered at a readable size
        assert frame["x"] - 1 <= a["x"] and a["x"] + a["w"] <= frame["x"] + frame["width"] + 1, a["t"]
        for b in marks[i + 1:]:
            overlap = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"]) > 1 and \
                min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"]) > 1
            assert not overlap, (a["t"], b["t"])
    # a screenshot blurs every piece of article text (labels, rows, titles); names and counts stay
    assert readable_article_text(page, article_texts(tl)) == []
    assert any(person["name"] in m["t"] for m in marks)
    assert page.errors == []


def test_stacked_marks_list_their_entries_and_every_mark_is_in_the_legend(new_page, site, people):
    person, tl = people[0]
    page = new_page
    open_timeline(page, site, person["id"])
    rows = page.locator("[data-testid=timeline-entries] > tr").count()
    counts = page.eval_on_selector_all("[data-testid=mark-quote], [data-testid=mark-event]",
                                       "els => els.map(e => +e.dataset.count)")
    assert sum(counts) == rows                      # every entry is on the axis, once
    n = max(counts)
    assert n >= 10                                  # a busy day on a dense fortnight
    big = page.locator(f"[data-testid^=mark-][data-count='{n}']").first
    big.locator(".dot").hover()
    tip = page.wait_for_selector("[data-testid=tip]")
    assert tip.inner_text().count("\n") >= 8 and f"{n}" in tip.inner_text()
    assert readable_article_text(page, article_texts(tl)) == []
    big.locator(".dot").click()
    page.wait_for_selector("[data-testid=day-list-title]")
    assert page.locator("[data-testid=day-list] tr[data-testid=entry]").count() == n
    assert readable_article_text(page, article_texts(tl)) == []
    screenshot(page, "timeline-reuters")
    # the legend explains every kind of mark that is drawn
    legend = {k: page.locator(f"[data-testid=legend-{k}]").count() for k in
              ("k-quote", "k-event", "k-stacked", "k-outside", "k-coarse", "k-day")}
    drawn = {"k-quote": ".mark.quote", "k-event": ".mark.event", "k-stacked": ".mark.stacked",
             "k-outside": ".mark.outside", "k-coarse": ".mark.coarse", "k-day": ".tick.day"}
    for key, sel in drawn.items():
        assert legend[key] == (1 if page.locator(f"[data-testid=timeline-svg] {sel}").count() else 0), key
    assert legend["k-quote"] and legend["k-event"] and legend["k-stacked"] and legend["k-day"]
    assert page.errors == []


def test_duplicate_wire_events_are_merged_like_quotes(new_page, site, people):
    def groups(tl):
        g = collections.defaultdict(list)
        for e in tl["entries"]:
            if e["kind"] == "event":
                g[(e["day"], norm(e["text"]))].append(e["document"])
        return g
    # a person with the same event told by two or more wire stories
    person, tl = next((p, tl) for p, tl in people if any(len(set(d)) > 1 for d in groups(tl).values()))
    g = groups(tl)
    page = new_page
    open_timeline(page, site, person["id"])
    rows = page.locator("[data-testid=timeline-entries] > tr")
    assert rows.count() == len(tl["entries"]) - sum(len(d) - 1 for d in g.values())
    (day, text), docs = next((k, set(d)) for k, d in g.items() if len(set(d)) > 1)
    row = [r for r in rows.all() if r.get_attribute("data-day") == day and r.get_attribute("data-kind") == "event"
           and norm(r.locator("td").nth(2).inner_text()).startswith(text[:40])]
    assert len(row) == 1
    assert f"in {len(docs)} articles" in row[0].inner_text()
    links = row[0].locator("td.src [data-testid=doc-link]")
    assert links.count() == len(docs)
    assert {h.split("?")[0].rsplit("/", 1)[1] for h in (links.nth(i).get_attribute("href") for i in range(len(docs)))} \
        == {urllib.parse.quote(d, safe="") for d in docs}
    # the link opens the article at that event, underlined as the legend says
    opened = urllib.parse.unquote(links.first.get_attribute("href").split("?")[0].rsplit("/", 1)[1])
    links.first.click()
    page.wait_for_selector("[data-testid=article-text] .focus")
    assert "dated event" in page.inner_text("[data-testid=legend]")
    doc = get(f"{site}/api/documents/{urllib.parse.quote(opened, safe='')}")
    body = [doc["text"], (doc.get("meta") or {}).get("title")] + [q["text"] for q in doc["quotes"]]
    assert readable_article_text(page, body) == []
    screenshot(page, "article-reuters")
    assert page.errors == []
