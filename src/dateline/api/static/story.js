"use strict";
// The story view: GET /api/story?q=WORDS -> per dated entry its 1-3 sentences, its sources (article,
// outlet, date), the day's quotes with speakers and why the date was chosen.
const WHY_NAMES = {published: "articles published that day", mentioned_by: "articles naming the day",
                   articles: "articles naming the day", mentions: "mentions of the day",
                   referred_back: "later articles referring back", later: "later articles referring back",
                   quotes: "quotes said that day", score: "score"};

function whyText(why) {
  if (!why || typeof why !== "object") return "";
  if (typeof why.text === "string") return why.text;
  const parts = [];
  for (const [k, v] of Object.entries(why)) {
    if (v === null || v === undefined || typeof v === "object") continue;
    const val = typeof v === "number" && !Number.isInteger(v) ? v.toFixed(2) : String(v);
    parts.push((WHY_NAMES[k] || k.replace(/_/g, " ")) + ": " + val);
  }
  return parts.join(" · ");
}

function storySource(src) {
  if (typeof src === "string") return h("li", {"data-testid": "story-source"}, docLink(src, src));
  const id = src.article || src.document || src.id, title = artTitle(src.title, id || "article", 90);
  const bits = [src.outlet || src.source, src.dct || src.date].filter(Boolean).join(", ");
  return h("li", {"data-testid": "story-source"}, id ? docLink(id, title, src.ref || src.sentence) : title,
    bits ? h("span", {class: "muted"}, " — " + bits) : "");
}

function storyQuote(q) {
  if (typeof q === "string") return h("li", {"data-testid": "story-quote"}, art("“" + q + "”"));
  const who = q.speaker_name || q.speaker || "unknown speaker";
  return h("li", {"data-testid": "story-quote"}, h("span", {class: "who", "data-testid": "story-speaker"}, personLink(q.person_id, who)),
    ": ", art("“" + clip(q.text, 400) + "”"), (q.article || q.document) ? [" ", h("span", {class: "muted"}, "(",
      docLink(q.article || q.document, "article" + (q.outlet ? " in " + q.outlet : "") + (q.date ? " of " + q.date : ""),
              q.ref || q.quote), ")")] : "");
}

async function showStory(params) {
  const q = params.get("q") || "";
  for (const k of ["speaker", "q", "since", "until"]) $("#f-" + k).value = k === "speaker" ? "" : params.get(k) || "";
  view.replaceChildren(h("p", {class: "muted"}, "building the story…"));
  const qs = new URLSearchParams({q});
  for (const k of ["since", "until", "dates", "sents"]) if (params.get(k)) qs.set(k, params.get(k));
  const res = await api("/api/story?" + qs);
  const kids = [h("h2", {"data-testid": "story-title"}, "Story: “" + (res.query || q) + "”"),
                h("p", {class: "muted"}, `${res.entries.length} dated entries, earliest first · `,
                  h("a", {href: "#/timeline?q=" + encodeURIComponent(q)}, "quotes and events on a date axis →"))];
  if (!res.entries.length) kids.push(h("p", {class: "muted", "data-testid": "no-results"}, "No dated coverage found for these words."));
  for (const e of res.entries) {
    const why = whyText(e.why);
    kids.push(h("section", {class: "story-entry", "data-testid": "story-entry", "data-date": e.date},
      h("h3", {}, h("span", {class: "story-date", "data-testid": "story-date"}, e.date),
        why ? h("span", {class: "why muted", "data-testid": "story-why"}, " — chosen for: " + why) : ""),
      h("div", {class: "sentences"}, ...(e.sentences || []).map(t => h("p", {"data-testid": "story-sentence", class: "from-article"}, t))),
      (e.quotes || []).length ? h("div", {}, h("h4", {}, "Said that day"), h("ul", {class: "quotes"}, ...e.quotes.map(storyQuote))) : "",
      (e.sources || []).length ? h("div", {}, h("h4", {}, "Sources"), h("ul", {class: "sources"}, ...e.sources.map(storySource))) : ""));
  }
  view.replaceChildren(...kids);
}
