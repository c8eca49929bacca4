"use strict";
// The timeline view: a date axis fitted to the data (day ticks on short ranges), one mark per day
// and kind (a number when several stack on it, hover lists them, a click opens them in the side
// list), readable labels in lanes, and duplicate wire events merged as the store merges quotes.
const DAY = 86400000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const toT = d => Date.parse(String(d).slice(0, 10) + "T00:00:00Z");
// a date of a day or finer; "1987" or "1987-03" are coarser and drawn hollow at their first day
const isDay = e => /^\d{4}-\d{2}-\d{2}/.test(String(e.date || e.day));
const dayName = t => { const d = new Date(t); return MONTHS[d.getUTCMonth()] + " " + d.getUTCDate(); };

// events of duplicate wire stories (same day, same words) become one entry with all its sources,
// as quotes with the same words by the same speaker already are
function mergeEvents(entries) {
  const out = [], seen = new Map();
  const key = e => e.day + "|" + String(e.text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  for (const e of entries) {
    const src = {document: e.document, title: e.title, ref: e.ref};
    if (e.kind !== "event") { out.push({...e, sources: [src]}); continue; }
    const k = key(e), prev = seen.get(k);
    if (prev) {
      if (!prev.sources.some(s => s.document === e.document)) prev.sources.push(src);
      prev.n_sources = prev.sources.length;
      for (const a of e.actors || []) if (!prev.actors.includes(a)) prev.actors.push(a);
      continue;
    }
    const m = {...e, actors: [...(e.actors || [])], sources: [src], n_sources: 1};
    seen.set(k, m); out.push(m);
  }
  return out;
}

// the axis range: the data's own span (a few far-off dates, often misread years, are pinned to the
// edges and faded), padded by a little, at least three days wide
function axisRange(ts) {
  const sorted = [...ts].sort((a, b) => a - b), q = p => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  let lo = sorted[0], hi = sorted[sorted.length - 1];
  if (sorted.length >= 20 && (hi - lo) > 3 * (q(0.97) - q(0.03)) + 60 * DAY) { lo = q(0.03); hi = q(0.97); }
  const pad = Math.max((hi - lo) * 0.03, DAY * 0.6);
  if (hi - lo < 2 * DAY) { const mid = (lo + hi) / 2; return [mid - 1.5 * DAY - pad, mid + 1.5 * DAY + pad]; }
  return [lo - pad, hi + pad];
}

// ticks: days (every 1, 2 or 7 days) on short ranges, months, then years; labels at least 56 px apart
function ticks(t0, t1, width) {
  const span = (t1 - t0) / DAY, out = [];
  const perPx = span / width;
  if (span <= 120) {
    const every = [1, 2, 7, 14].find(k => k / perPx >= 48) || 28;
    let lastMonth = -1;
    for (let cur = Math.ceil(t0 / DAY) * DAY, i = 0; cur <= t1 && i < 400; cur += DAY, i++) {
      const d = new Date(cur), n = Math.round(cur / DAY);            // days since 1970-01-01, a Thursday
      const on = every < 7 ? n % every === 0 : d.getUTCDay() === 1 && (every === 7 || Math.floor((n + 3) / 7) % 2 === 0);
      let label = null;
      if (on) {
        label = d.getUTCMonth() !== lastMonth ? dayName(cur) : String(d.getUTCDate());
        if (lastMonth === -1 || (d.getUTCMonth() === 0 && d.getUTCMonth() !== lastMonth)) label += " " + d.getUTCFullYear();
        lastMonth = d.getUTCMonth();
      }
      out.push({t: cur, label, day: true});
    }
    return out;
  }
  const years = span > 3 * 365;
  const nYears = span / 365.25, ystep = [1, 2, 5, 10, 20, 25, 50, 100].find(k => nYears / k <= width / 70) || 200;
  const mstep = [1, 2, 3, 6].find(k => (30 * k) / perPx >= 56) || 12;
  const d0 = new Date(t0);
  let cur = years ? Date.UTC(d0.getUTCFullYear() + 1, 0, 1) : Date.UTC(d0.getUTCFullYear(), d0.getUTCMonth() + 1, 1);
  for (let i = 0; cur < t1 && i < 3000; i++) {
    const dt = new Date(cur);
    if (years ? dt.getUTCFullYear() % ystep === 0 : dt.getUTCMonth() % mstep === 0)
      out.push({t: cur, label: years ? String(dt.getUTCFullYear()) : MONTHS[dt.getUTCMonth()] + (dt.getUTCMonth() === 0 || out.length === 0 ? " " + dt.getUTCFullYear() : "")});
    cur = years ? Date.UTC(dt.getUTCFullYear() + 1, 0, 1) : Date.UTC(dt.getUTCFullYear(), dt.getUTCMonth() + 1, 1);
  }
  return out;
}

// one group per (bin, kind): a day on short ranges, a few pixels' worth of days on long ones
function groupMarks(entries, x, t0, t1, width) {
  const perPx = (t1 - t0) / width, binDays = Math.max(1, Math.ceil(10 * perPx / DAY));
  const groups = new Map();
  for (const e of entries) {
    const t = toT(e.day);
    if (isNaN(t)) continue;
    const coarse = !isDay(e), bin = Math.floor(t / (binDays * DAY)), k = e.kind + "|" + bin + "|" + (coarse ? e.date : "");
    if (!groups.has(k)) groups.set(k, {kind: e.kind, t, items: [], out: t < t0 || t > t1, coarse});
    groups.get(k).items.push(e);
  }
  const out = [...groups.values()];
  for (const g of out) {
    g.x = x(g.t);
    g.first = g.coarse ? g.items[0].date : g.items[0].day;
    g.last = g.coarse ? g.first : g.items[g.items.length - 1].day;
  }
  return out.sort((a, b) => a.x - b.x);
}

// a line of text in two parts, cut to n characters together: its lead (speaker, count, date) and
// its words from the article (drawn as .from-article, see app.js)
function parts(lead, words, n) {
  const full = clip(lead + words, n), cut = clip(lead, n).replace(/…$/, "");
  return full.startsWith(cut) ? [cut, full.slice(cut.length)] : [full, ""];
}
const entryLine = (e, n) => e.kind === "quote" ? parts((e.speaker || "unknown speaker") + ": ", "“" + e.text + "”", n) : parts("", e.text, n);
function groupLabel(g) {
  if (g.items.length === 1) return entryLine(g.items[0], 64);
  if (g.kind === "quote") {
    const who = [...new Set(g.items.map(e => e.speaker || "unknown"))];
    return [clip(g.items.length + " quotes: " + who.slice(0, 3).join(", ") + (who.length > 3 ? " …" : ""), 64), ""];
  }
  return parts(g.items.length + " events: ", g.items[0].text, 64);
}
const when = g => g.first === g.last ? g.first : g.first + " – " + g.last;

// labels go in lanes, the busiest marks on the axis first and far-off or coarse dates last; a label
// takes the first lane where it overlaps no other (a mark without room keeps its hover and click)
function placeLabels(groups, W, maxLanes) {
  const lanes = [];
  const rank = g => (g.out ? 2 : g.coarse ? 1 : 0) * 1e6 - g.items.length;
  for (const g of [...groups].sort((a, b) => rank(a) - rank(b) || a.x - b.x)) {
    const [lead, words] = groupLabel(g);
    g.lead = (g.out || g.coarse ? g.first + ": " : "") + lead;
    g.label = g.lead + words;
    const w = 6.4 * g.label.length + 18;
    g.left = g.x + w > W - 4;
    const a = g.left ? g.x - w : g.x - 8, b = g.left ? g.x + 8 : g.x + w;
    let lane = lanes.findIndex(spans => spans.every(([c, d]) => d + 4 < a || b + 4 < c));
    if (lane < 0 && lanes.length < maxLanes) { lanes.push([]); lane = lanes.length - 1; }
    g.lane = lane;
    if (lane >= 0) lanes[lane].push([a, b]);
  }
  return Math.max(1, lanes.length);
}

function drawAxis(entries, onPick) {
  const W = 960, padL = 34, padR = 34, laneH = 22, MAX_LANES = 7;
  // the axis fits the day-level dates; months and years only when there is nothing finer
  const days = entries.filter(isDay);
  const ts = (days.length ? days : entries).map(e => toT(e.day)).filter(t => !isNaN(t));
  const [t0, t1] = axisRange(ts);
  const x = t => padL + (Math.min(Math.max(t, t0), t1) - t0) / (t1 - t0) * (W - padL - padR);
  const groups = groupMarks(entries, x, t0, t1, W - padL - padR);
  const qs = groups.filter(g => g.kind === "quote"), es = groups.filter(g => g.kind === "event");
  const up = placeLabels(qs, W, MAX_LANES), down = placeLabels(es, W, MAX_LANES);
  // unlabelled marks sit next to the axis (14 px off), labelled ones in lanes beyond them
  const axisY = 22 + up * laneH + 26, H = axisY + 56 + down * laneH;
  const svg = s("svg", {viewBox: `0 0 ${W} ${H}`, class: "axis", role: "img", "data-testid": "timeline-svg",
                        "data-start": new Date(t0).toISOString().slice(0, 10), "data-end": new Date(t1).toISOString().slice(0, 10),
                        "aria-label": "timeline of quotes (above) and events (below) on a date axis"});
  svg.append(s("line", {x1: padL - 10, x2: W - padR + 10, y1: axisY, y2: axisY, class: "ax"}));
  for (const tk of ticks(t0, t1, W - padL - padR)) {
    const tx = x(tk.t);
    svg.append(s("line", {x1: tx, x2: tx, y1: axisY - (tk.label ? 5 : 3), y2: axisY + (tk.label ? 5 : 3), class: "tick" + (tk.day ? " day" : ""), "data-testid": tk.day ? "tick-day" : "tick"}));
    if (tk.label) svg.append(s("text", {x: tx, y: axisY + 19, "text-anchor": "middle", class: "tick-label", "data-testid": "tick-label"}, tk.label));
  }
  const mark = (g, above) => {
    const n = g.items.length, r = n > 1 ? Math.min(11, 6 + 1.6 * Math.log2(n)) : 5.5;
    const y = g.lane < 0 ? (above ? axisY - 14 : axisY + 30) : above ? axisY - 32 - g.lane * laneH : axisY + 52 + g.lane * laneH;
    const el = s("g", {class: "mark " + g.kind + (g.out ? " outside" : "") + (g.coarse ? " coarse" : "") + (n > 1 ? " stacked" : ""), "data-testid": "mark-" + g.kind,
                      "data-count": n, "data-day": g.first, tabindex: 0, role: "button", "aria-label": `${n} ${g.kind}${n > 1 ? "s" : ""}, ${when(g)}`});
    if (g.lane >= 0) el.append(s("line", {x1: g.x, x2: g.x, y1: axisY, y2: y + (above ? r : -r), class: "stem"}));
    if (above) el.append(s("circle", {cx: g.x, cy: y, r, class: "dot"}));
    else el.append(s("rect", {x: g.x - r * 0.85, y: y - r * 0.85, width: r * 1.7, height: r * 1.7, class: "dot", transform: `rotate(45 ${g.x} ${y})`}));
    if (n > 1) el.append(s("text", {x: g.x, y: y + 4, "text-anchor": "middle", class: "count-label"}, n > 99 ? "99+" : String(n)));
    if (g.lane >= 0) {
      const lx = g.left ? g.x - r - 5 : g.x + r + 5;
      const label = s("text", {x: lx, y: y + 4, "text-anchor": g.left ? "end" : "start", class: "label", "data-testid": "mark-label"}, g.lead);
      if (g.label !== g.lead) label.append(s("tspan", {class: "from-article"}, g.label.slice(g.lead.length)));
      el.append(label);
    }
    const pick = () => onPick(g);
    el.addEventListener("click", pick);
    el.addEventListener("keydown", ev => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); pick(); } });
    el.addEventListener("mouseenter", ev => showTip(g, ev));
    el.addEventListener("focus", ev => showTip(g, ev));
    el.addEventListener("mouseleave", hideTip);
    el.addEventListener("blur", hideTip);
    svg.append(el);
  };
  qs.forEach(g => mark(g, true));
  es.forEach(g => mark(g, false));
  return svg;
}

// hover: the marks of a group, listed (the first eight)
function showTip(g, ev) {
  hideTip();
  const tip = h("div", {class: "tip", "data-testid": "tip", role: "tooltip"},
    h("div", {class: "tip-head"}, `${when(g)} · ${g.items.length} ${g.kind}${g.items.length > 1 ? "s" : ""}`),
    h("ul", {}, ...g.items.slice(0, 8).map(e => { const [lead, words] = entryLine(e, 140);
      return h("li", {}, lead, words ? art(words) : "", e.n_sources > 1 ? ` (${e.n_sources} articles)` : ""); })),
    g.items.length > 8 ? h("div", {class: "muted"}, `+ ${g.items.length - 8} more: click to list them`) : h("div", {class: "muted"}, "click to list them"));
  document.body.append(tip);
  const box = (ev.currentTarget || ev.target).getBoundingClientRect();
  const left = Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
  tip.style.left = Math.max(4, left) + "px";
  tip.style.top = (window.scrollY + box.bottom + 6) + "px";
}
function hideTip() { for (const t of document.querySelectorAll(".tip")) t.remove(); }

function entryRow(e) {
  const what = e.kind === "quote"
    ? [personLink(e.person_id, e.speaker), ": ", art("“" + e.text + "”")]
    : [art(e.text), e.actors && e.actors.length ? h("span", {class: "muted"}, " — " + e.actors.join(", ")) : ""];
  const srcs = e.sources.map((src, i) => [i ? h("br") : "", docLink(src.document, artTitle(src.title, src.document, 44), src.ref)]);
  const n = e.n_sources || e.sources.length;
  return h("tr", {"data-testid": "entry", "data-kind": e.kind, "data-day": e.day},
    h("td", {class: "date"}, e.day + (e.date && e.date !== e.day ? " (" + e.date + ")" : "")),
    h("td", {}, h("span", {class: "tag " + e.kind}, e.kind)),
    h("td", {}, what, n > 1 ? h("span", {class: "muted", "data-testid": "n-sources"}, ` · in ${n} articles`) : ""),
    h("td", {class: "src"}, srcs.flat()));
}

// every kind of mark drawn is explained; kinds that are not drawn are left out
function legend(svg) {
  const item = (cls, text) => h("span", {"data-testid": "legend-" + cls}, h("i", {class: "key " + cls}), text);
  const has = sel => svg.querySelector(sel) !== null;
  return h("div", {class: "legend", "data-testid": "legend"},
    has(".mark.quote") ? item("k-quote", "quote (above the axis)") : "",
    has(".mark.event") ? item("k-event", "event (below)") : "",
    has(".mark.stacked") ? item("k-stacked", "a number: that many on one day or close days (hover lists them, click opens them)") : "",
    has(".mark.outside") ? item("k-outside", "faded: a far-off date, pinned to the edge") : "",
    has(".mark.coarse") ? item("k-coarse", "hollow: a month or a year, not a day (at its first day)") : "",
    has(".tick.day") ? item("k-day", "small tick: one day") : "",
    h("span", {}, "click a mark to list it below"));
}

async function showTimeline(params) {
  const person = params.get("person"), q = params.get("q");
  view.replaceChildren(h("p", {class: "muted"}, "loading timeline…"));
  const qs = new URLSearchParams(); if (person) qs.set("person", person); if (q) qs.set("q", q);
  const res = await api("/api/timeline?" + qs);
  const kids = [];
  if (res.person) {
    kids.push(h("h2", {"data-testid": "timeline-title"}, res.person.name));
    kids.push(h("p", {class: "muted"}, `${res.person.n_quotes} quotes in ${res.person.n_documents} articles · `,
      h("a", {href: "#/quotes?speaker=" + encodeURIComponent(res.person.id)}, "all quotes")));
  } else kids.push(h("h2", {"data-testid": "timeline-title"}, "Timeline: “" + q + "”"));
  if (!res.entries.length) { kids.push(h("p", {class: "muted"}, "Nothing dated yet.")); view.replaceChildren(...kids); return; }
  const entries = mergeEvents(res.entries);
  const side = h("div", {class: "day-list", "data-testid": "day-list"}, h("p", {class: "muted"}, "Click a mark to list what happened and what was said that day."));
  const table = h("table", {class: "entries", "data-testid": "timeline-entries"}, ...entries.map(entryRow));
  const pick = g => {
    hideTip();
    side.replaceChildren(h("h3", {"data-testid": "day-list-title"}, `${when(g)} · ${g.items.length} ${g.kind}${g.items.length > 1 ? "s" : ""}`),
      h("table", {class: "entries"}, ...g.items.map(entryRow)));
  };
  const svg = drawAxis(entries, pick);
  kids.push(legend(svg), svg, side, table);
  if (res.truncated) kids.push(h("p", {class: "muted"}, `(the first ${res.entries.length} entries are shown)`));
  view.replaceChildren(...kids);
}
