// The dashboard: filters (kept in the URL) drive the map, the timeline and the table
// together; rows and map points open the article reader.
import { getJSON, escapeHTML, latestOnly } from "./api.js";
import { EVENT_TYPES, typeColor } from "./colors.js";
import { EventMap } from "./map.js";
import { Reader } from "./reader.js";
import { readState, toParams, writeState, emptyState } from "./state.js";
import { EventTable } from "./table.js";
import { Timeline } from "./timeline.js";

const $ = (sel) => document.querySelector(sel);
let state = readState();
let generation = 0;

const map = new EventMap($("#map"), { onOpenArticle: (id, ev) => reader.open(id, ev) });
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

function buildTypeFilter(types) {
  const box = $("#f-types");
  for (const label of box.querySelectorAll("label")) label.remove();
  const all = [...EVENT_TYPES, ...types.filter((t) => !EVENT_TYPES.includes(t))];
  for (const type of all) {
    const label = document.createElement("label");
    label.innerHTML = `<input type="checkbox" name="event_type" value="${escapeHTML(type)}"> <span class="swatch" style="background:${typeColor(type)}"></span> ${escapeHTML(type)}`;
    box.appendChild(label);
  }
}

function fillCountries(countries) {
  const select = $("#f-country");
  for (const c of countries) {
    const option = document.createElement("option");
    option.value = c;
    option.textContent = c;
    select.appendChild(option);
  }
}

async function fillActors() {
  const data = await getJSON("/api/actors", new URLSearchParams({ limit: "300" }));
  const list = $("#actor-list");
  const names = new Set();
  for (const a of data.actors) {
    names.add(a.actor);
    for (const alias of a.aliases) names.add(alias);
  }
  list.innerHTML = [...names].map((n) => `<option value="${escapeHTML(n)}"></option>`).join("");
}

// Controls show the state (after Back/Forward, or a brush on the timeline).
function showState() {
  $("#f-date-from").value = state.date_from;
  $("#f-date-to").value = state.date_to;
  $("#f-actor").value = state.actor[0] || "";
  $("#f-q").value = state.q;
  const country = $("#f-country");
  if (state.country[0] && ![...country.options].some((o) => o.value === state.country[0])) {
    country.add(new Option(state.country[0], state.country[0]));
  }
  country.value = state.country[0] || "";
  for (const box of document.querySelectorAll('#f-types input[name="event_type"]')) box.checked = state.event_type.includes(box.value);
}

function readControls() {
  const actor = $("#f-actor").value.trim();
  const country = $("#f-country").value;
  return {
    date_from: $("#f-date-from").value,
    date_to: $("#f-date-to").value,
    q: $("#f-q").value.trim(),
    actor: actor ? [actor] : [],
    country: country ? [country] : [],
    event_type: [...document.querySelectorAll('#f-types input[name="event_type"]:checked')].map((b) => b.value),
  };
}

async function showBreakdown(params) {
  params.set("top", "8");
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
  showState();
  updateDownloads();
  const filters = toParams(state);
  try {
    const jobs = [table.show(new URLSearchParams(filters), state.sort)];
    if (only !== "table") {
      jobs.push(map.show(new URLSearchParams(filters)));
      jobs.push(timeline.show(toParams(state, { omit: ["date_from", "date_to"] }), { from: state.date_from, to: state.date_to }));
      jobs.push(showBreakdown(new URLSearchParams(filters)));
    }
    const [page] = await Promise.all(jobs);
    if (mine !== generation) return;
    if (page) {
      const filtered = [state.event_type.length, state.actor.length, state.country.length, state.q, state.date_from, state.date_to].some(Boolean);
      $("#summary").textContent = `${page.total.toLocaleString("en")} events${filtered ? " match the filters" : " in the database"}`;
      const shown = Number($("#map").dataset.points || 0);
      const unmapped = page.total - shown;
      $("#map-note").textContent = unmapped > 0 ? `Not on the map: ${unmapped.toLocaleString("en")} event${unmapped === 1 ? "" : "s"} without coordinates (or beyond the map's limit).` : "";
    }
    document.body.dataset.state = "ready";
  } catch (err) {
    if (mine !== generation) return;
    $("#summary").textContent = `Could not load events: ${err.message}`;
    document.body.dataset.state = "error";
  }
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
  form.addEventListener("change", (ev) => { if (ev.target.type !== "search") apply(); });
  const typed = debounce(apply, 350);
  $("#f-actor").addEventListener("change", apply);
  $("#f-q").addEventListener("input", typed);
  $("#f-actor").addEventListener("input", debounce(() => { if (!$("#f-actor").value) apply(); }, 350));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); apply(); });
  $("#f-clear").addEventListener("click", () => update({ ...emptyState(), sort: state.sort }));
  window.addEventListener("popstate", () => { state = readState(); refresh(); });
}

async function start() {
  try {
    const [facets] = await Promise.all([getJSON("/api/facets"), map.loadBasemap()]);
    buildTypeFilter(facets.event_type);
    fillCountries(facets.country);
    fillActors().catch(() => {}); // suggestions only
  } catch (err) {
    $("#summary").textContent = `Could not start: ${err.message}`;
    document.body.dataset.state = "error";
    return;
  }
  wireControls();
  writeState(state, { replace: true });
  await refresh();
}

start();
