// The dashboard: filters (kept in the URL) drive the map, the timeline and the table
// together; rows, map points and search results open the article reader.
import { getJSON, escapeHTML, latestOnly } from "./api.js";
import { EVENT_TYPES, typeColor } from "./colors.js";
import { EventMap } from "./map.js";
import { Reader } from "./reader.js";
import { Search } from "./search.js";
import { readState, toParams, writeState, emptyState, isFiltered } from "./state.js";
import { EventTable } from "./table.js";
import { Timeline } from "./timeline.js";

const $ = (sel) => document.querySelector(sel);
let state = readState();
let generation = 0;
let controlsReady = Promise.resolve();

const parseBox = (text) => (text ? text.split(",").map(Number) : null);

const map = new EventMap($("#map"), {
  onOpenArticle: (id, ev) => reader.open(id, ev),
  onFilterArea: (box) => update({ bbox: box.join(",") }),
});
const timeline = new Timeline($("#timeline"), {
  onBrush: (range) => update({ date_from: range ? range.from : "", date_to: range ? range.to : "" }),
});
const table = new EventTable($("#events-table"), {
  onOpen: (id, ev) => reader.open(id, ev),
  onSort: (sort) => update({ sort }, { only: "table" }),
  prev: $("#page-prev"),
  next: $("#page-next"),
  range: $("#table-range"),
});
const reader = new Reader($("#reader"), { onPlace: (place) => map.showPlace(place) });
const search = new Search($("#search"), $("#search-results"), { onOpen: (id, ev) => reader.open(id, ev) });

function buildTypeFilter(types) {
  const box = $("#f-types");
  const all = [...EVENT_TYPES, ...types.filter((t) => !EVENT_TYPES.includes(t))];
  for (const type of all) {
    if (box.querySelector(`input[value="${CSS.escape(type)}"]`)) continue;
    const label = document.createElement("label");
    label.innerHTML = `<input type="checkbox" name="event_type" value="${escapeHTML(type)}"> <span class="swatch" style="background:${typeColor(type)}"></span> ${escapeHTML(type)}`;
    box.appendChild(label);
  }
}

function fillSelect(select, values) {
  const present = new Set([...select.options].map((o) => o.value));
  for (const v of values) if (!present.has(v)) select.add(new Option(v, v));
}

function fillDatalist(list, values) {
  list.innerHTML = values.map((v) => `<option value="${escapeHTML(v)}"></option>`).join("");
}

async function fillActors() {
  const data = await getJSON("/api/actors", new URLSearchParams({ limit: "300" }));
  const names = new Set();
  for (const a of data.actors) {
    names.add(a.actor);
    for (const alias of a.aliases) names.add(alias);
  }
  fillDatalist($("#actor-list"), [...names]);
}

// A select shows a value from the URL even when the facets do not list it.
function selectValue(select, value) {
  if (value && ![...select.options].some((o) => o.value === value)) select.add(new Option(value, value));
  select.value = value || "";
}

// Controls show the state (after Back/Forward, a brush on the timeline, an area from the map).
function showState() {
  $("#f-date-from").value = state.date_from;
  $("#f-date-to").value = state.date_to;
  $("#f-actor").value = state.actor[0] || "";
  $("#f-admin1").value = state.admin1[0] || "";
  $("#f-q").value = state.q;
  $("#f-min-fatalities").value = state.min_fatalities;
  $("#f-min-confidence").value = state.min_confidence;
  selectValue($("#f-country"), state.country[0]);
  selectValue($("#f-sub-type"), state.sub_event_type[0]);
  selectValue($("#f-attribution"), state.attribution[0]);
  for (const box of document.querySelectorAll('#f-types input[name="event_type"]')) box.checked = state.event_type.includes(box.value);
  $("#f-area").hidden = !state.bbox;
  $("#f-area-box").textContent = state.bbox ? parseBox(state.bbox).map((x) => x.toFixed(2)).join(", ") : "";
}

function readControls() {
  const one = (sel) => { const v = $(sel).value.trim(); return v ? [v] : []; };
  return {
    date_from: $("#f-date-from").value,
    date_to: $("#f-date-to").value,
    q: $("#f-q").value.trim(),
    actor: one("#f-actor"),
    admin1: one("#f-admin1"),
    country: one("#f-country"),
    sub_event_type: one("#f-sub-type"),
    attribution: one("#f-attribution"),
    min_fatalities: $("#f-min-fatalities").validity.valid ? $("#f-min-fatalities").value : "",
    min_confidence: $("#f-min-confidence").validity.valid ? $("#f-min-confidence").value : "",
    event_type: [...document.querySelectorAll('#f-types input[name="event_type"]:checked')].map((b) => b.value),
  };
}

// The timeline and the breakdown ask /api/stats alike, so that without a date filter
// (the timeline leaves it out) their requests are one.
function statsParams(params) {
  params.set("interval", "month");
  params.set("top", "8");
  return params;
}

async function showBreakdown(params) {
  const stats = await breakdownStats(params);
  if (stats === undefined) return;
  const list = (el, rows, name, color) => {
    const max = Math.max(1, ...rows.map((r) => r.events));
    el.innerHTML = rows.map((r) => `<li title="${escapeHTML(r[name] ?? "unknown")}"><span>${color ? `<span class="swatch" style="background:${typeColor(r[name])}"></span> ` : ""}${escapeHTML(r[name] ?? "unknown")}</span><span>${r.events}</span><span class="bar" style="width:${(100 * r.events) / max}%"></span></li>`).join("");
  };
  list($("#by-type"), stats.by_type, "event_type", true);
  list($("#by-actor"), stats.by_actor, "actor", false);
}
const breakdownStats = latestOnly((params) => getJSON("/api/stats", params));

function updateDownloads() {
  for (const format of ["csv", "geojson", "jsonl"]) {
    const params = toParams(state, { extra: { format, sort: state.sort } });
    const link = $(`#download-${format}`);
    link.href = `/api/events?${params}`;
    link.setAttribute("download", `dateline-events.${format}`);
  }
}

async function refresh({ only } = {}) {
  const mine = ++generation;
  document.body.dataset.state = "loading";
  $("main.panels").setAttribute("aria-busy", "true");
  showState();
  updateDownloads();
  const filters = toParams(state);
  try {
    const jobs = [table.show(new URLSearchParams(filters), state.sort)];
    if (only !== "table") {
      jobs.push(map.show(new URLSearchParams(filters), { area: parseBox(state.bbox) }));
      jobs.push(timeline.show(statsParams(toParams(state, { omit: ["date_from", "date_to"] })), { from: state.date_from, to: state.date_to }));
      jobs.push(showBreakdown(statsParams(new URLSearchParams(filters))));
    }
    const [page] = await Promise.all(jobs);
    await controlsReady;
    if (mine !== generation) return;
    if (page) {
      $("#summary").textContent = `${page.total.toLocaleString("en")} events${isFiltered(state) ? " match the filters" : " in the database"}`;
      const located = Number($("#map").dataset.located || 0);
      const unmapped = page.total - located;
      $("#map-note").textContent = unmapped > 0 ? `Not on the map: ${unmapped.toLocaleString("en")} event${unmapped === 1 ? "" : "s"} without coordinates.` : "";
    }
    document.body.dataset.state = "ready";
  } catch (err) {
    if (mine !== generation) return;
    $("#summary").textContent = `Could not load events: ${err.message}`;
    document.body.dataset.state = "error";
  }
  $("main.panels").removeAttribute("aria-busy");
}

function update(changes, { only } = {}) {
  state = { ...state, ...changes };
  writeState(state);
  return refresh({ only });
}

function debounce(fn, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

function wireControls() {
  const form = $("#filters");
  const apply = () => update(readControls());
  const typed = debounce(apply, 350);
  form.addEventListener("change", (ev) => { if (ev.target.type !== "search") apply(); });
  for (const sel of ["#f-actor", "#f-admin1"]) {
    $(sel).addEventListener("change", apply);
    $(sel).addEventListener("input", debounce(() => { if (!$(sel).value) apply(); }, 350));
  }
  $("#f-q").addEventListener("input", typed);
  form.addEventListener("submit", (ev) => { ev.preventDefault(); apply(); });
  $("#f-area-clear").addEventListener("click", () => update({ bbox: "" }));
  $("#f-clear").addEventListener("click", () => update({ ...emptyState(), sort: state.sort }));
  window.addEventListener("popstate", () => { state = readState(); refresh(); });
}

// The filters' choices and the basemap, loaded once, beside the first view.
async function loadControls() {
  const [facets] = await Promise.all([getJSON("/api/facets"), map.loadBasemap()]);
  buildTypeFilter(facets.event_type);
  fillSelect($("#f-country"), facets.country);
  fillSelect($("#f-sub-type"), facets.sub_event_type);
  fillSelect($("#f-attribution"), facets.attribution);
  fillDatalist($("#admin1-list"), facets.admin1 || []);
  showState();
  // Actor suggestions (a heavier request) wait until someone goes to type one.
  $("#f-actor").addEventListener("focus", () => fillActors().catch(() => {}), { once: true });
  wireControls();
}

function start() {
  buildTypeFilter([]);
  writeState(state, { replace: true });
  controlsReady = loadControls();
  refresh();
}

start();
