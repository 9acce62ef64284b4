// The timeline: events per month (or per week for short spans), stacked by type, in
// plain SVG. Dragging across the bars sets the date filter; a click clears it.
import { getJSON, latestOnly } from "./api.js";
import { typeColor, EVENT_TYPES } from "./colors.js";

const SVG = "http://www.w3.org/2000/svg";
const MARGIN = { top: 8, right: 8, bottom: 22, left: 34 };
const WEEK_IF_MONTHS_AT_MOST = 6;
const YEARS_IF_MONTHS_OVER = 120;

function el(name, attrs = {}, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}

const iso = (d) => d.toISOString().slice(0, 10);
const parse = (s) => new Date(s + "T00:00:00Z");

function nextPeriod(start, interval) {
  const d = parse(start);
  if (interval === "week") d.setUTCDate(d.getUTCDate() + 7);
  else if (interval === "year") d.setUTCFullYear(d.getUTCFullYear() + 1);
  else d.setUTCMonth(d.getUTCMonth() + 1);
  return iso(d);
}

function periodEnd(start, interval) {
  const d = parse(nextPeriod(start, interval));
  d.setUTCDate(d.getUTCDate() - 1);
  return iso(d);
}

// Every period from the first to the last, gaps included, so time runs evenly.
export function periodsBetween(first, last, interval) {
  const out = [];
  for (let p = first; p <= last && out.length < 2000; p = nextPeriod(p, interval)) out.push(p);
  return out;
}

// Monthly rows summed into years.
export function byYear(rows) {
  const sums = new Map();
  for (const r of rows) {
    const key = `${r.period.slice(0, 4)}-01-01\u0000${r.event_type}`;
    const row = sums.get(key) || { period: `${r.period.slice(0, 4)}-01-01`, event_type: r.event_type, events: 0, fatalities: 0 };
    row.events += r.events;
    row.fatalities += r.fatalities;
    sums.set(key, row);
  }
  return [...sums.values()].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
}

function label(period, interval, yearsOnly) {
  const d = parse(period);
  const month = d.toLocaleString("en", { month: "short", timeZone: "UTC" });
  if (interval === "year" || yearsOnly) return String(d.getUTCFullYear());
  if (interval === "week") return `${d.getUTCDate()} ${month}`;
  return d.getUTCMonth() === 0 ? `${month} ${d.getUTCFullYear()}` : month;
}

// Which periods get a label: about one per 56 pixels; over long spans of months, only
// Januaries (labelled with the year), so labels always read left to right in order.
function tickIndices(periods, interval, plotW) {
  let candidates = periods.map((_, i) => i);
  if (interval === "month" && periods.length > 24) candidates = candidates.filter((i) => periods[i].slice(5, 7) === "01");
  const room = Math.max(1, Math.floor(plotW / 56));
  const every = Math.max(1, Math.ceil(candidates.length / room));
  return candidates.filter((_, k) => k % every === 0);
}

export class Timeline {
  constructor(element, { onBrush }) {
    this.element = element;
    this.onBrush = onBrush;
    this.load = latestOnly((params) => getJSON("/api/stats", params));
    this.periods = [];
    this.interval = "month";
  }

  // `params` ask /api/stats for months; years are summed from them here, weeks (for a
  // short span) need a second request.
  async show(params, range) {
    let stats = await this.load(params);
    if (stats === undefined) return null;
    const months = stats.by_period.map((r) => r.period);
    const distinct = new Set(months).size;
    const span = months.length ? periodsBetween(months[0], months[months.length - 1], "month").length : 0;
    if (distinct > 0 && distinct <= WEEK_IF_MONTHS_AT_MOST && span <= WEEK_IF_MONTHS_AT_MOST * 2) {
      const weekly = new URLSearchParams(params);
      weekly.set("interval", "week");
      stats = await this.load(weekly);
      if (stats === undefined) return null;
    } else if (span > YEARS_IF_MONTHS_OVER) {
      stats = { ...stats, interval: "year", by_period: byYear(stats.by_period) };
    }
    this.draw(stats, range);
    return stats;
  }

  draw(stats, range) {
    const interval = stats.interval;
    this.interval = interval;
    const rows = stats.by_period;
    this.element.replaceChildren();
    const width = Math.max(320, this.element.clientWidth || 600);
    const height = window.matchMedia("(min-width: 1100px)").matches ? 240 : 170;
    const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "Events over time, stacked by type" }, this.element);
    this.element.dataset.events = String(rows.reduce((n, r) => n + r.events, 0));
    this.element.dataset.interval = interval;
    if (!rows.length) {
      el("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty" }, svg).textContent = "No dated events match these filters.";
      this.element.dataset.periods = "0";
      this.periods = [];
      return;
    }
    const first = rows[0].period;
    const last = rows[rows.length - 1].period;
    const periods = periodsBetween(first, last, interval);
    this.periods = periods;
    this.element.dataset.periods = String(periods.length);
    const index = new Map(periods.map((p, i) => [p, i]));
    const stacks = periods.map(() => ({}));
    for (const r of rows) stacks[index.get(r.period)][r.event_type] = r.events;
    const totals = stacks.map((s) => Object.values(s).reduce((a, b) => a + b, 0));
    const max = Math.max(1, ...totals);

    const plotW = width - MARGIN.left - MARGIN.right;
    const plotH = height - MARGIN.top - MARGIN.bottom;
    const band = plotW / periods.length;
    const barW = Math.max(1, band * 0.82);
    const y = (v) => MARGIN.top + plotH - (v / max) * plotH;
    this.x0 = MARGIN.left;
    this.band = band;

    const axis = el("g", { class: "axis" }, svg);
    for (const tick of [0, Math.ceil(max / 2), max]) {
      el("line", { x1: MARGIN.left - 3, x2: width - MARGIN.right, y1: y(tick), y2: y(tick), "stroke-dasharray": tick ? "2,3" : "" }, axis);
      el("text", { x: MARGIN.left - 5, y: y(tick) + 3, "text-anchor": "end" }, axis).textContent = String(tick);
    }
    for (const i of tickIndices(periods, interval, plotW)) {
      el("text", { x: MARGIN.left + band * (i + 0.5), y: height - 6, "text-anchor": "middle" }, axis).textContent = label(periods[i], interval, periods.length > 24);
    }

    const order = [...EVENT_TYPES, ...new Set(rows.map((r) => r.event_type).filter((t) => !EVENT_TYPES.includes(t)))];
    const bars = el("g", { class: "bars" }, svg);
    stacks.forEach((stack, i) => {
      let base = 0;
      for (const type of order) {
        const n = stack[type];
        if (!n) continue;
        const rect = el("rect", {
          x: MARGIN.left + band * i + (band - barW) / 2,
          y: y(base + n),
          width: barW,
          height: Math.max(0.5, y(base) - y(base + n)),
          fill: typeColor(type),
          "data-type": type,
          "data-period": periods[i],
          class: "bar",
        }, bars);
        el("title", {}, rect).textContent = `${label(periods[i], interval)} ${periods[i].slice(0, 4)}: ${n} ${type}`;
        base += n;
      }
    });

    this.brushRect = el("rect", { class: "brush", y: MARGIN.top, height: plotH, x: 0, width: 0, visibility: "hidden" }, svg);
    this.showRange(range);
    this.attachBrush(svg, width);
  }

  // The date filter, drawn as a band over the periods it covers.
  showRange(range) {
    if (!this.brushRect || !this.periods.length) return;
    const { from, to } = range || {};
    if (!from && !to) { this.brushRect.setAttribute("visibility", "hidden"); return; }
    const first = this.periods.findIndex((p) => periodEnd(p, this.interval) >= (from || "0000"));
    let lastIdx = -1;
    this.periods.forEach((p, i) => { if (p <= (to || "9999")) lastIdx = i; });
    if (first < 0 || lastIdx < first) { this.brushRect.setAttribute("visibility", "hidden"); return; }
    this.brushRect.setAttribute("x", this.x0 + first * this.band);
    this.brushRect.setAttribute("width", (lastIdx - first + 1) * this.band);
    this.brushRect.setAttribute("visibility", "visible");
  }

  attachBrush(svg, width) {
    const toX = (ev) => {
      const box = svg.getBoundingClientRect();
      return ((ev.clientX - box.left) / box.width) * width;
    };
    const indexAt = (x) => Math.min(this.periods.length - 1, Math.max(0, Math.floor((x - this.x0) / this.band)));
    let start = null;
    svg.addEventListener("pointerdown", (ev) => {
      start = toX(ev);
      svg.setPointerCapture(ev.pointerId);
    });
    svg.addEventListener("pointermove", (ev) => {
      if (start === null) return;
      const x = toX(ev);
      const a = indexAt(Math.min(start, x));
      const b = indexAt(Math.max(start, x));
      this.brushRect.setAttribute("x", this.x0 + a * this.band);
      this.brushRect.setAttribute("width", (b - a + 1) * this.band);
      this.brushRect.setAttribute("visibility", "visible");
    });
    svg.addEventListener("pointerup", (ev) => {
      if (start === null) return;
      const x = toX(ev);
      const moved = Math.abs(x - start) > 4;
      const a = indexAt(Math.min(start, x));
      const b = indexAt(Math.max(start, x));
      start = null;
      if (!moved) { this.onBrush(null); return; }
      this.onBrush({ from: this.periods[a], to: periodEnd(this.periods[b], this.interval) });
    });
  }
}
