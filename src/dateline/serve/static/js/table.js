// The event table: sorted by the API (click a header), paged with cursors, rows open
// the article reader.
import { getJSON, latestOnly, escapeHTML } from "./api.js";
import { typeColor } from "./colors.js";

export const PAGE_SIZE = 25;

// [sort key or null, header, cell]
const COLUMNS = [
  ["date", "Date", (e) => escapeHTML(e.event_date || "")],
  ["type", "Type", (e) => `<span class="swatch" style="background:${typeColor(e.event_type)}"></span> ${escapeHTML(e.event_type || "")}`],
  ["sub_event_type", "Sub-event type", (e) => escapeHTML(e.sub_event_type || "")],
  ["actor1", "Actor 1", (e) => escapeHTML(e.actor1 || "")],
  ["actor2", "Actor 2", (e) => escapeHTML(e.actor2 || "")],
  ["location", "Location", (e) => escapeHTML(e.location || "")],
  ["country", "Country", (e) => escapeHTML(e.country || "")],
  ["fatalities", "Fatalities", (e) => (e.fatalities ?? ""), "num"],
  ["confidence", "Conf.", (e) => (e.confidence == null ? "" : Number(e.confidence).toFixed(2)), "num"],
];

export class EventTable {
  constructor(table, { onOpen, onSort, prev, next, range }) {
    this.table = table;
    this.onOpen = onOpen;
    this.onSort = onSort;
    this.prevButton = prev;
    this.nextButton = next;
    this.rangeLabel = range;
    this.load = latestOnly((params) => getJSON("/api/events", params));
    this.cursors = [null]; // cursor of each page shown so far (for Previous)
    this.page = 0;
    this.buildHead();
    prev.addEventListener("click", () => this.turn(-1));
    next.addEventListener("click", () => this.turn(1));
    table.tBodies[0].addEventListener("click", (ev) => {
      const row = ev.target.closest("tr[data-article]");
      if (row) this.onOpen(row.dataset.article, Number(row.dataset.event));
    });
  }

  buildHead() {
    const tr = this.table.tHead.rows[0];
    tr.replaceChildren();
    for (const [key, title] of COLUMNS) {
      const th = document.createElement("th");
      th.dataset.sort = key;
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = title;
      button.addEventListener("click", () => this.onSort(this.nextSort(key)));
      th.appendChild(button);
      tr.appendChild(th);
    }
  }

  nextSort(key) {
    const current = this.sort || "-date";
    if (current === "-" + key) return key;
    if (current === key) return "-" + key;
    return key === "date" || key === "fatalities" || key === "confidence" ? "-" + key : key;
  }

  async show(params, sort) {
    this.params = params;
    this.sort = sort;
    this.cursors = [null];
    this.page = 0;
    return this.render();
  }

  async turn(step) {
    if (step > 0 && !this.next) return;
    if (step < 0 && this.page === 0) return;
    this.page += step;
    if (step > 0) this.cursors[this.page] = this.next;
    await this.render();
  }

  async render() {
    const params = new URLSearchParams(this.params);
    params.set("sort", this.sort);
    params.set("limit", String(PAGE_SIZE));
    const cursor = this.cursors[this.page];
    if (cursor) params.set("cursor", cursor);
    const data = await this.load(params);
    if (data === undefined) return null;
    this.next = data.next_cursor;
    for (const th of this.table.tHead.rows[0].cells) {
      const key = th.dataset.sort;
      th.setAttribute("aria-sort", this.sort === key ? "ascending" : this.sort === "-" + key ? "descending" : "none");
    }
    const body = this.table.tBodies[0];
    if (!data.events.length) {
      body.innerHTML = `<tr><td class="empty" colspan="${COLUMNS.length}">No events match these filters.</td></tr>`;
    } else {
      body.innerHTML = data.events.map((e) => `<tr data-article="${escapeHTML(e.article_id)}" data-event="${e.id}" data-type="${escapeHTML(e.event_type || "")}" title="${escapeHTML(e.evidence?.text || "")}">${
        COLUMNS.map(([, , cell, cls]) => `<td${cls ? ` class="${cls}"` : ""}>${cell(e)}</td>`).join("")
      }</tr>`).join("");
    }
    const first = this.page * PAGE_SIZE + (data.events.length ? 1 : 0);
    const last = this.page * PAGE_SIZE + data.events.length;
    this.rangeLabel.textContent = data.total == null ? "" : `${first}–${last} of ${data.total.toLocaleString("en")}`;
    this.prevButton.disabled = this.page === 0;
    this.nextButton.disabled = !this.next;
    this.table.dataset.total = String(data.total ?? "");
    this.table.dataset.rows = String(data.events.length);
    return data;
  }
}
