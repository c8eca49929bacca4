"use strict";
const $ = (sel, el = document) => el.querySelector(sel);
const view = $("#view");

function h(tag, attrs = {}, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "html") el.innerHTML = v;            // only for server-escaped snippets
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v);
  }
  for (const kid of kids.flat()) if (kid !== null && kid !== undefined) el.append(kid instanceof Node ? kid : String(kid));
  return el;
}
const svgNS = "http://www.w3.org/2000/svg";
function s(tag, attrs = {}, text) {
  const el = document.createElementNS(svgNS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}
const clip = (t, n) => { t = String(t || "").replace(/\s+/g, " ").trim(); return t.length <= n ? t : t.slice(0, n - 1) + "…"; };
// text taken from the stored articles (quotes, event sentences, titles, bodies) is wrapped in
// .from-article; names, dates and counts are not. It looks the same; the screenshots in docs/
// blur it (tests/browser/browser_support.py), as the corpora there are for research use only.
const art = text => h("span", {class: "from-article"}, text);
const artTitle = (title, id, n) => title ? art(clip(title, n)) : id;
const personLink = (id, name) => id ? h("a", {href: "#/person/" + encodeURIComponent(id), "data-testid": "person-link"}, name) : h("span", {}, name || "unknown speaker");
const docLink = (id, text, ref) => h("a", {href: "#/doc/" + encodeURIComponent(id) + (ref ? "?focus=" + encodeURIComponent(ref) : ""), "data-testid": "doc-link"}, text);

async function api(path) {
  const r = await fetch(path, {headers: {"Accept": "application/json"}});
  let body = null;
  try { body = await r.json(); } catch (e) { body = {detail: r.statusText}; }
  if (!r.ok) throw new Error((body && body.detail) || ("HTTP " + r.status));
  return body;
}
function showError(e) { view.replaceChildren(h("p", {class: "error", "data-testid": "error"}, String(e.message || e))); }

// ---- people ---------------------------------------------------------------------------------------
async function loadPeople() {
  const list = $("#people");
  try {
    const res = await api("/api/people?page_size=30");
    list.replaceChildren(...res.items.map(p => h("li", {},
      personLink(p.id, p.name), h("span", {class: "count", title: p.n_documents + " articles"}, p.n_quotes))));
    if (!res.items.length) list.replaceChildren(h("li", {class: "muted"}, "nobody yet"));
  } catch (e) { list.replaceChildren(h("li", {class: "error"}, e.message)); }
}

// ---- quote search ----------------------------------------------------------------------------------
async function showQuotes(params) {
  for (const k of ["speaker", "q", "since", "until"]) $("#f-" + k).value = params.get(k) || "";
  const page = parseInt(params.get("page") || "1", 10) || 1;
  const qs = new URLSearchParams();
  for (const k of ["speaker", "q", "since", "until"]) if (params.get(k)) qs.set(k, params.get(k));
  qs.set("page", page);
  view.replaceChildren(h("p", {class: "muted"}, "searching…"));
  const res = await api("/api/quotes?" + qs);
  const what = [params.get("speaker") && "by " + params.get("speaker"), params.get("q") && "with “" + params.get("q") + "”",
                params.get("since") && "since " + params.get("since"), params.get("until") && "until " + params.get("until")].filter(Boolean).join(", ");
  const head = h("h2", {}, "Quotes" + (what ? " " + what : ""));
  const kids = [head];
  if (res.person) kids.push(h("p", {}, "Speaker: ", personLink(res.person.id, res.person.name),
    h("span", {class: "muted"}, ` — ${res.person.n_quotes} quotes in ${res.person.n_documents} articles · `),
    h("a", {href: "#/person/" + encodeURIComponent(res.person.id), "data-testid": "open-timeline"}, "timeline →")));
  if (!res.items.length) kids.push(h("p", {class: "muted", "data-testid": "no-results"}, "No quotes found."));
  for (const it of res.items) {
    kids.push(h("div", {class: "card", "data-testid": "quote"},
      h("div", {}, h("span", {class: "who", "data-testid": "speaker"}, personLink(it.person_id, it.speaker || "unknown speaker")),
        h("span", {class: "muted"}, " · " + it.date + (it.n_sources > 1 ? ` · in ${it.n_sources} articles` : ""))),
      h("blockquote", {class: "from-article", html: "“" + it.snippet_html + "”"}),
      h("div", {class: "muted"}, "Source: ", ...it.sources.map((src, i) => [i ? " · " : "", docLink(src.document, artTitle(src.title, src.document, 1e9), src.quote), " (" + src.dct + ")"]))));
  }
  const pager = h("div", {class: "pager"});
  if (page > 1) pager.append(h("button", {onclick: () => go("quotes", qs, page - 1)}, "← previous"));
  pager.append(h("span", {class: "muted"}, "page " + page));
  if (res.has_more) pager.append(h("button", {onclick: () => go("quotes", qs, page + 1)}, "next →"));
  kids.push(pager);
  view.replaceChildren(...kids);
}
function go(route, qs, page) { const p = new URLSearchParams(qs); p.set("page", page); location.hash = "#/" + route + "?" + p; }

// ---- article ---------------------------------------------------------------------------------------
function speakerOf(doc, q) {
  // the merged person (name and id) when the store knows one, else the name the article gives
  const ents = Object.fromEntries(doc.entities.map(e => [e.id, e]));
  const local = q.speaker_name || (ents[q.speaker_entity] || {}).name || null;
  const ids = doc.person_ids || {}, pid = ids[q.speaker_entity] || ids["~" + q.id] || null;
  const name = (pid && (doc.people || {})[pid]) || local || "unknown speaker";
  return {pid, name, local};
}
function annotate(doc) {
  const text = doc.text, marks = [];
  for (const t of doc.timexes) marks.push({start: t.start, end: t.end, cls: "a-timex", title: `${t.type} ${t.value || ""}`, ref: t.id});
  for (const q of doc.quotes) {
    const who = speakerOf(doc, q).name;
    q.spans.forEach(([a, b], i) => marks.push({start: a, end: b, cls: "a-quote", title: `${q.kind} quote — ${who}${q.said_on ? " (" + q.said_on + ")" : ""}`, ref: q.id, badge: i === 0 ? who : null}));
    if (q.speaker) marks.push({start: q.speaker.start, end: q.speaker.end, cls: "a-speaker", title: "speaker: " + who});
  }
  for (const e of doc.events) marks.push({start: e.start, end: e.end, cls: "a-event", title: `event ${e.date}`, ref: e.id});
  const cuts = new Set([0, text.length]);
  for (const m of marks) { if (m.start >= 0 && m.end <= text.length && m.start < m.end) { cuts.add(m.start); cuts.add(m.end); } }
  const pts = [...cuts].sort((a, b) => a - b), out = [];
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i], b = pts[i + 1], on = marks.filter(m => m.start <= a && m.end >= b && m.start < m.end);
    for (const m of marks) if (m.badge && m.start === a) out.push(h("span", {class: "badge", "data-testid": "quote-speaker"}, m.badge));
    const piece = text.slice(a, b);
    if (!on.length) { out.push(art(piece)); continue; }
    const refs = on.filter(m => m.ref).map(m => m.ref);
    out.push(h("span", {class: on.map(m => m.cls).join(" ") + " from-article", title: on.map(m => m.title).join("\n"), "data-ref": refs.join(" ") || null}, piece));
  }
  return out;
}

async function showDocument(id, params) {
  view.replaceChildren(h("p", {class: "muted"}, "loading article…"));
  const doc = await api("/api/documents/" + encodeURIComponent(id));
  const title = (doc.meta && doc.meta.title) || doc.id;
  const article = h("article", {"data-testid": "article"},
    h("h2", {"data-testid": "article-title", class: doc.meta && doc.meta.title ? "from-article" : null}, title),
    h("p", {class: "muted"}, `Published ${doc.dct} · id ${doc.id} · ${doc.timexes.length} time expressions · ${doc.quotes.length} quotes`),
    h("div", {class: "legend", "data-testid": "legend"}, h("span", {}, h("i", {class: "key k-timex"}), "time expression (hover: its value)"),
      h("span", {}, h("i", {class: "key k-quote-text"}), "quote"), h("span", {}, h("b", {class: "a-speaker"}, "speaker")),
      h("span", {}, h("span", {class: "a-event"}, "dated event"), " (dotted underline)"),
      h("span", {}, h("i", {class: "key k-focus"}), "what you opened")),
    h("div", {class: "text", "data-testid": "article-text"}, ...annotate(doc)));
  const ql = h("ul", {class: "quotes"});
  for (const q of doc.quotes) {
    const sp = speakerOf(doc, q);
    ql.append(h("li", {"data-testid": "article-quote"}, personLink(sp.pid, sp.name),
      sp.local && sp.local !== sp.name ? h("span", {class: "muted"}, ` (“${sp.local}” here)`) : "",
      ` (${q.kind}${q.said_on ? ", said " + q.said_on : ""}): `, art(`“${q.text}”`)));
  }
  const kids = [article];
  if (doc.quotes.length) kids.push(h("h2", {}, "Who said what"), ql);
  if (doc.timexes.length) kids.push(h("h2", {}, "When"), h("ul", {}, ...doc.timexes.map(t => h("li", {"data-testid": "article-timex"}, art(`“${t.text}”`), ` → ${t.value || "?"} (${t.type})`))));
  view.replaceChildren(...kids);
  const focus = params.get("focus");
  if (focus) { const el = [...view.querySelectorAll("[data-ref]")].find(x => x.dataset.ref.split(" ").includes(focus));
               if (el) { el.classList.add("focus"); el.scrollIntoView({block: "center"}); } }
}

// ---- home and routing ------------------------------------------------------------------------------
async function showHome() {
  const st = await api("/api/stats");
  const docs = await api("/api/documents?page_size=10");
  view.replaceChildren(h("h2", {}, "Newsroom"),
    h("p", {}, `${st.documents} articles · ${st.quotes} quotes · ${st.people} people · ${st.events} events`),
    h("p", {class: "muted"}, "Search quotes by speaker or words above, or pick a person on the left to see their timeline."),
    h("h2", {}, "Articles"),
    h("ul", {}, ...docs.items.map(d => h("li", {}, h("span", {class: "muted"}, d.dct + " "), docLink(d.id, art(d.title || clip(d.lead, 60))), h("span", {class: "count"}, ` ${d.n_quotes} quotes`)))));
}

async function route() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query] = raw.split("?");
  const params = new URLSearchParams(query || "");
  const parts = path.split("/").map(decodeURIComponent);
  hideTip();
  try {
    if (parts[0] === "quotes") await showQuotes(params);
    else if (parts[0] === "person" && parts[1]) { params.set("person", parts[1]); await showTimeline(params); }
    else if (parts[0] === "timeline") await showTimeline(params);
    else if (parts[0] === "doc" && parts[1]) await showDocument(parts[1], params);
    else if (parts[0] === "story") await showStory(params);
    else await showHome();
  } catch (e) { showError(e); }
  document.body.dataset.ready = location.hash || "#/";
}

$("#search").addEventListener("submit", ev => {
  ev.preventDefault();
  const qs = new URLSearchParams();
  for (const k of ["speaker", "q", "since", "until"]) { const v = $("#f-" + k).value.trim(); if (v) qs.set(k, v); }
  const story = ev.submitter && ev.submitter.id === "f-story";
  if (story) { qs.delete("speaker"); if (!qs.get("q")) { $("#f-q").focus(); return; } }
  const next = (story ? "#/story?" : "#/quotes?") + qs;
  if (location.hash === next) route(); else location.hash = next;
});
window.addEventListener("hashchange", route);
loadPeople();
route();
