// The article reader: the body as stored, with each event's evidence highlighted,
// quotes marked with their speaker, figures with what they count and who claims
// them, and places that show themselves on the map when clicked.
import { getJSON, latestOnly, escapeHTML } from "./api.js";
import { typeColor } from "./colors.js";

const STORY_LIMIT = 50;

// Outermost first, so an evidence sentence wraps the quote and figures inside it.
const KIND_ORDER = ["evidence", "quote", "figure", "place"];

function spansOf(record) {
  const spans = [];
  const body = record.body || "";
  const ok = (s, e) => Number.isInteger(s) && Number.isInteger(e) && 0 <= s && s < e && e <= body.length;
  (record.events || []).forEach((ev, i) => {
    const evd = ev.evidence || {};
    if (ok(evd.start, evd.end)) spans.push({ kind: "evidence", start: evd.start, end: evd.end, index: i, event: ev });
  });
  for (const q of record.quotes || []) {
    if (ok(q.start, q.end)) spans.push({ kind: "quote", start: q.start, end: q.end, tag: q.speaker, title: `${q.kind} quote${q.speaker ? " by " + q.speaker : ""}${q.speaker_title ? ", " + q.speaker_title : ""}` });
  }
  for (const f of record.quantities || []) {
    const range = f.low === f.high ? `${f.low}` : `${f.low}–${f.high}`;
    if (ok(f.start, f.end)) spans.push({ kind: "figure", start: f.start, end: f.end, tag: f.claimant, title: `${range}${f.approximate ? " (approx.)" : ""} ${f.counts || ""}${f.claimant ? "; according to " + f.claimant : ""}` });
  }
  (record.places || []).forEach((p, i) => {
    if (ok(p.start, p.end)) spans.push({ kind: "place", start: p.start, end: p.end, index: i, place: p, title: p.resolved ? `${p.resolved}${p.country_code ? " (" + p.country_code + ")" : ""}` : "not on the map" });
  });
  return spans;
}

// Cut the body at every span boundary; each piece is wrapped in the spans covering it.
export function markup(record, currentEvent) {
  const body = record.body || "";
  const spans = spansOf(record);
  const cuts = new Set([0, body.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  let html = "";
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k];
    const b = points[k + 1];
    const covering = spans.filter((s) => s.start <= a && s.end >= b)
      .sort((x, y) => KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind) || (y.end - y.start) - (x.end - x.start));
    let piece = escapeHTML(body.slice(a, b));
    for (const s of [...covering].reverse()) piece = wrap(s, piece, currentEvent);
    html += piece;
    // Speaker and claimant tags go after the span they belong to.
    for (const s of spans) {
      if (s.end === b && s.tag && (s.kind === "quote" || s.kind === "figure")) {
        html += `<span class="tag ${s.kind === "quote" ? "speaker" : "claimant"}" title="${escapeHTML(s.title)}">${escapeHTML(s.tag)}</span>`;
      }
    }
  }
  return html;
}

function wrap(span, inner, currentEvent) {
  if (span.kind === "evidence") {
    const ev = span.event;
    const current = currentEvent != null && ev.event_id === currentEvent ? " current" : "";
    const title = `${ev.event_type || "event"}${ev.sub_event_type ? ": " + ev.sub_event_type : ""}${ev.event_date ? ", " + ev.event_date : ""}`;
    return `<mark class="evidence${current}" data-event-index="${span.index}" data-event-id="${ev.event_id ?? ""}" title="${escapeHTML(title)}">${inner}</mark>`;
  }
  if (span.kind === "quote") return `<span class="quote" title="${escapeHTML(span.title)}">${inner}</span>`;
  if (span.kind === "figure") return `<span class="figure" title="${escapeHTML(span.title)}">${inner}</span>`;
  return `<a class="place" href="#" data-place="${span.index}" title="${escapeHTML(span.title)}">${inner}</a>`;
}

export class Reader {
  constructor(panel, { onPlace, onClose }) {
    this.panel = panel;
    this.onPlace = onPlace;
    this.onClose = onClose;
    this.load = latestOnly((id) => getJSON(`/api/articles/${encodeURIComponent(id)}`));
    this.loadStory = latestOnly((story) => getJSON("/api/articles", new URLSearchParams({ story, limit: String(STORY_LIMIT) })));
    this.loadReports = latestOnly((eventId) => getJSON(`/api/events/${eventId}/corroboration`));
    this.body = panel.querySelector("#reader-body");
    this.events = panel.querySelector("#reader-events");
    this.story = panel.querySelector("#reader-story");
    this.reports = panel.querySelector("#reader-corroboration");
    for (const section of [this.story, this.reports]) {
      section.addEventListener("click", (ev) => {
        const link = ev.target.closest("a[data-article]");
        if (!link) return;
        ev.preventDefault();
        this.open(link.dataset.article, link.dataset.event ? Number(link.dataset.event) : undefined);
      });
    }
    panel.querySelector("#reader-close").addEventListener("click", () => this.close());
    document.addEventListener("keydown", (ev) => { if (ev.key === "Escape" && !this.panel.hidden) this.close(); });
    this.body.addEventListener("click", (ev) => {
      const link = ev.target.closest("a.place");
      if (!link) return;
      ev.preventDefault();
      this.onPlace(this.record.places[Number(link.dataset.place)]);
    });
    this.events.addEventListener("click", (ev) => {
      const item = ev.target.closest("li[data-event-index]");
      if (item) this.focus(Number(item.dataset.eventIndex));
    });
  }

  async open(articleId, eventId) {
    const record = await this.load(articleId);
    if (record === undefined) return;
    this.record = record;
    this.panel.querySelector("#reader-title").textContent = record.title || "(untitled article)";
    const pub = record.published?.date ? `published ${record.published.date}${record.published.source === "inferred" ? " (inferred)" : ""}` : "publication date unknown";
    const by = record.byline?.length ? ` · by ${record.byline.join(", ")}` : "";
    const agency = record.dateline?.agency ? ` · ${record.dateline.agency}` : "";
    this.panel.querySelector("#reader-meta").textContent = `${pub}${by}${agency} · id ${record.id}`;
    this.events.innerHTML = (record.events || []).map((ev, i) => `<li data-event-index="${i}"${ev.event_id === eventId ? ' class="current"' : ""}>
      <span class="swatch" style="background:${typeColor(ev.event_type)}"></span>
      ${escapeHTML(ev.event_date || "?")} · ${escapeHTML(ev.sub_event_type || ev.event_type || "")} · ${escapeHTML(ev.location || "?")}
      ${ev.fatalities != null ? ` · ${ev.fatalities} killed` : ""} · ${escapeHTML(ev.attribution || "")}</li>`).join("");
    this.body.innerHTML = markup(record, eventId);
    this.panel.hidden = false;
    this.panel.dataset.article = record.id;
    const index = (record.events || []).findIndex((ev) => ev.event_id === eventId);
    this.reports.hidden = true;
    if (index >= 0) this.focus(index);
    else this.panel.scrollTop = 0;
    this.showStory(record).catch(() => { this.story.hidden = true; });
  }

  // The other versions of this article's story (near-duplicates the store grouped).
  async showStory(record) {
    this.story.hidden = true;
    if (!record.story) return;
    const data = await this.loadStory(record.story);
    if (data === undefined || data.articles.length < 2) return;
    this.story.querySelector("ol").innerHTML = data.articles.map((a) => `<li${a.id === record.id ? ' class="current"' : ""}>
      ${a.id === record.id ? escapeHTML(a.title || a.id) + " (this one)" : `<a href="#" data-article="${escapeHTML(a.id)}">${escapeHTML(a.title || a.id)}</a>`}
      <span class="meta">${escapeHTML(a.published_date || "date unknown")} · ${a.events} event${a.events === 1 ? "" : "s"}${a.duplicate_of ? " · duplicate" : ""}</span></li>`).join("");
    this.story.dataset.versions = String(data.articles.length);
    this.story.hidden = false;
  }

  // Other articles that report the event (the merge rule: same type, place, date, sides).
  async showReports(eventId) {
    const list = this.reports.querySelector("ol");
    this.reports.hidden = false;
    this.reports.dataset.state = "loading";
    list.innerHTML = "<li>Loading…</li>";
    let data;
    try {
      data = await this.loadReports(eventId);
    } catch (err) {
      list.innerHTML = `<li>${escapeHTML(err.message)}</li>`;
      this.reports.dataset.state = "error";
      return;
    }
    if (data === undefined) return;
    list.innerHTML = data.reports.map((r) => `<li><a href="#" data-article="${escapeHTML(r.article_id)}" data-event="${r.event_id}">${escapeHTML(r.title || r.article_id)}</a>
      <span class="meta">${escapeHTML(r.published || "date unknown")} · event ${escapeHTML(r.event_date || "?")} · ${escapeHTML(r.location || "?")}${r.fatalities != null ? ` · ${r.fatalities} killed` : ""} · ${escapeHTML(r.attribution || "")}${r.same_story ? " · a version of this story" : ""}</span></li>`).join("")
      || "<li class=\"empty\">No other article reports it.</li>";
    this.reports.dataset.event = String(eventId);
    this.reports.dataset.reports = String(data.reports.length);
    this.reports.dataset.state = "ready";
  }

  focus(index) {
    for (const m of this.body.querySelectorAll("mark.evidence.current")) m.classList.remove("current");
    for (const li of this.events.querySelectorAll("li")) li.classList.toggle("current", Number(li.dataset.eventIndex) === index);
    const marks = this.body.querySelectorAll(`mark.evidence[data-event-index="${index}"]`);
    for (const m of marks) m.classList.add("current");
    if (marks.length) marks[0].scrollIntoView({ block: "center" });
    const eventId = this.record.events?.[index]?.event_id;
    if (eventId != null) this.showReports(eventId).catch(() => {});
  }

  close() {
    this.panel.hidden = true;
    this.onClose?.();
  }
}
