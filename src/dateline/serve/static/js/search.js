// Free-text search over article titles and bodies and event evidence (/api/search):
// results with the matched words marked; a result opens the reader.
import { getJSON, latestOnly, escapeHTML } from "./api.js";
import { typeColor } from "./colors.js";

const LIMIT = 20;
const WAIT_MS = 300;

// The API marks matches with « »; the rest is text.
export function snippetHTML(snippet) {
  return escapeHTML(snippet).replace(/«/g, "<mark>").replace(/»/g, "</mark>");
}

export class Search {
  constructor(form, panel, { onOpen }) {
    this.form = form;
    this.panel = panel;
    this.onOpen = onOpen;
    this.input = form.querySelector("input[type=search]");
    this.load = latestOnly((q) => getJSON("/api/search", new URLSearchParams({ q, limit: String(LIMIT) })));
    let timer;
    this.input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => this.run(), WAIT_MS); });
    form.addEventListener("submit", (ev) => { ev.preventDefault(); clearTimeout(timer); this.run(); });
    panel.querySelector("#search-close").addEventListener("click", () => this.close());
    panel.addEventListener("click", (ev) => {
      const item = ev.target.closest("[data-article]");
      if (!item) return;
      ev.preventDefault();
      this.onOpen(item.dataset.article, item.dataset.event ? Number(item.dataset.event) : undefined);
    });
  }

  async run() {
    const q = this.input.value.trim();
    if (!q) { this.close(); return; }
    this.panel.hidden = false;
    this.panel.dataset.state = "loading";
    let data;
    try {
      data = await this.load(q);
    } catch (err) {
      this.panel.querySelector("#search-summary").textContent = err.message;
      this.panel.dataset.state = "error";
      return;
    }
    if (data === undefined) return;
    const articles = this.panel.querySelector("#search-articles");
    const events = this.panel.querySelector("#search-events");
    articles.innerHTML = data.articles.map((a) => `<li><a href="#" data-article="${escapeHTML(a.id)}">${escapeHTML(a.title || "(untitled)")}</a>
      <span class="meta">${escapeHTML(a.published || "")}</span><p class="snippet">${snippetHTML(a.snippet)}</p></li>`).join("") || '<li class="empty">No article matches.</li>';
    events.innerHTML = data.events.map((e) => `<li><a href="#" data-article="${escapeHTML(e.article_id)}" data-event="${e.id}">
      <span class="swatch" style="background:${typeColor(e.event_type)}"></span> ${escapeHTML(e.event_type || "event")}</a>
      <span class="meta">${escapeHTML(e.event_date || "")} · ${escapeHTML(e.location || "")}</span><p class="snippet">${snippetHTML(e.snippet)}</p></li>`).join("") || '<li class="empty">No event matches.</li>';
    this.panel.querySelector("#search-summary").textContent = `${data.articles.length} article${data.articles.length === 1 ? "" : "s"}, ${data.events.length} event${data.events.length === 1 ? "" : "s"} (best first, at most ${LIMIT} each)`;
    this.panel.dataset.state = "ready";
    this.panel.dataset.articles = String(data.articles.length);
    this.panel.dataset.events = String(data.events.length);
  }

  close() {
    this.panel.hidden = true;
  }
}
