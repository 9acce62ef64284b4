// The event map: country outlines from Natural Earth (vendored world-atlas TopoJSON,
// no tiles). The server counts the matching events per grid cell of the view
// (/api/map, a cell about 64 px wide); the map draws one marker per cell: a circle
// sized by fatalities for a single event, a disc with the count, coloured by the most
// frequent type, for several. Clicking a marker lists its events (/api/events).
import { getJSON, latestOnly, escapeHTML } from "./api.js";
import { typeColor } from "./colors.js";

const L = window.L;
const MAX_ZOOM = 14;
const FIT_MAX_ZOOM = 8; // a filter of one town still shows its surroundings
const LIST_SIZE = 8;
const REDRAW_AFTER_MS = 120; // after the map stops moving
const DETAIL_FROM_ZOOM = 5; // the zoom from which country outlines are drawn at 1:50m

export function radiusFor(fatalities) {
  const n = Number(fatalities) || 0;
  return Math.min(22, 5 + 2.2 * Math.sqrt(n));
}

export function clusterSize(count) {
  return Math.min(48, 22 + 12 * Math.log10(count + 1));
}

const wrapLongitude = (x) => (x < -180 || x > 180 ? (((x + 180) % 360) + 360) % 360 - 180 : x);
const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
const round = (x) => Math.round(x * 1e4) / 1e4;

// The part of a box (west, south, east, north) inside another, for boxes that do not
// cross the antimeridian on the inner side; null when they do not meet.
export function intersect(cell, area) {
  if (!area) return cell;
  const [w, s, e, n] = cell;
  const [aw, as, ae, an] = area;
  const south = Math.max(s, as);
  const north = Math.min(n, an);
  if (south > north) return null;
  const spans = aw <= ae ? [[aw, ae]] : [[aw, 180], [-180, ae]];
  for (const [lo, hi] of spans) {
    const west = Math.max(w, lo);
    const east = Math.min(e, hi);
    if (west <= east) return [west, south, east, north];
  }
  return null;
}

function legendHTML(open) {
  const sizes = [0, 10, 50].map((n) => {
    const d = 2 * radiusFor(n);
    return `<span class="legend-item"><svg width="${d + 2}" height="${d + 2}" aria-hidden="true"><circle cx="${d / 2 + 1}" cy="${d / 2 + 1}" r="${d / 2}" class="legend-circle"/></svg>${n}</span>`;
  }).join("");
  return `<details${open ? " open" : ""}><summary>Legend</summary>
    <p class="legend-row"><span class="legend-label">One event, by fatalities:</span> ${sizes}</p>
    <p class="legend-row"><span class="legend-disc" style="width:22px;height:22px">12</span>
      <span class="legend-label">Several events nearby: how many, in the colour of their most frequent type</span></p>
  </details>`;
}

function listHTML(data, cell, canZoom) {
  const items = data.events.map((e) => `<li>
      <span class="swatch" style="background:${typeColor(e.event_type)}"></span>
      ${escapeHTML(e.event_date || "date unknown")} · ${escapeHTML(e.sub_event_type || e.event_type || "")} · ${escapeHTML(e.location || "")}
      ${e.fatalities != null ? ` · ${e.fatalities} killed` : ""}
      <a href="#" class="open-article" data-article="${escapeHTML(e.article_id)}" data-event="${e.id}">read</a></li>`).join("");
  const more = data.total > data.events.length ? `<p>${data.total - data.events.length} more.</p>` : "";
  return `<div class="popup" data-count="${data.total}">
    <h3>${data.total === 1 ? "1 event" : `${data.total.toLocaleString("en")} events`}</h3>
    <ol class="popup-events">${items}</ol>${more}
    <p class="popup-actions">${canZoom ? '<button type="button" class="zoom-cell">Zoom in</button>' : ""}
      <button type="button" class="filter-cell">Filter to this area</button></p>
  </div>`;
}

export class EventMap {
  constructor(element, { onOpenArticle, onFilterArea }) {
    this.element = element;
    this.onOpenArticle = onOpenArticle;
    this.onFilterArea = onFilterArea;
    this.map = L.map(element, { worldCopyJump: true, minZoom: 2, maxZoom: MAX_ZOOM, zoomSnap: 1, attributionControl: true });
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution("Country outlines: Natural Earth");
    this.map.setView([30, 20], 2);
    this.map.createPane("outlines").style.zIndex = 350; // under the markers' pane (400)
    this.markers = L.layerGroup().addTo(this.map);
    this.areaLayer = L.layerGroup().addTo(this.map);
    this.highlight = L.layerGroup().addTo(this.map);
    this.loadCells = latestOnly((params) => getJSON("/api/map", params));
    this.loadExtent = latestOnly((params) => getJSON("/api/map/extent", params));
    this.loadList = latestOnly((params) => getJSON("/api/events", params));
    this.filters = null;
    this.firstView = new Promise((resolve) => { this.viewSet = resolve; });
    this.addControls();
    this.map.on("moveend", () => {
      clearTimeout(this.moved);
      this.moved = setTimeout(() => this.filters && this.draw().catch(() => {}), REDRAW_AFTER_MS);
    });
    element.addEventListener("click", (ev) => this.onPopupClick(ev));
  }

  addControls() {
    const legend = L.control({ position: "bottomleft" });
    legend.onAdd = () => {
      const div = L.DomUtil.create("div", "map-legend");
      div.innerHTML = legendHTML(this.element.clientWidth > 600);
      L.DomEvent.disableClickPropagation(div);
      return div;
    };
    legend.addTo(this.map);
    const area = L.control({ position: "topright" });
    area.onAdd = () => {
      const button = L.DomUtil.create("button", "map-area-button");
      button.type = "button";
      button.id = "filter-to-view";
      button.textContent = "Filter to this view";
      button.title = "Keep only the events inside the map's current view";
      L.DomEvent.disableClickPropagation(button);
      button.addEventListener("click", () => this.onFilterArea(this.currentView().view));
      return button;
    };
    area.addTo(this.map);
  }

  // Country outlines at two scales: Natural Earth's 1:110m for the first view and
  // whenever the map shows a continent or more, its 1:50m (seven times the points) only
  // once someone zooms in to a region, fetched then. They are drawn once the first
  // filter has set the view: drawing them is the page's heaviest work, and a fit after
  // it would draw them all again.
  async loadBasemap() {
    const coarse = await this.outlines("countries-110m");
    await this.firstView;
    this.basemap = { coarse, fine: null };
    this.map.on("zoomend", () => this.showOutlines());
    this.showOutlines();
  }

  async outlines(name) {
    const topo = await getJSON(`/static/vendor/world-atlas/${name}.json`);
    const countries = window.topojson.feature(topo, topo.objects.countries);
    // On a canvas: some hundred outlines as SVG elements cost far more.
    const layer = L.geoJSON(countries, {
      style: () => ({ color: "#aab6c2", weight: 0.8, fillColor: "#f7f5f0", fillOpacity: 1 }),
      interactive: false,
      pane: "outlines",
      renderer: this.outlineCanvas || (this.outlineCanvas = L.canvas({ padding: 0.5, pane: "outlines" })),
    });
    layer.countries = countries.features.length;
    return layer;
  }

  showOutlines() {
    const b = this.basemap;
    const detailed = this.map.getZoom() >= DETAIL_FROM_ZOOM;
    if (detailed && !b.asked) {
      b.asked = true;
      this.outlines("countries-50m").then((layer) => { b.fine = layer; this.showOutlines(); }).catch(() => { b.asked = false; });
    }
    const shown = detailed && b.fine ? b.fine : b.coarse;
    for (const layer of [b.coarse, b.fine]) {
      if (!layer) continue;
      if (layer === shown && !this.map.hasLayer(layer)) layer.addTo(this.map);
      if (layer !== shown && this.map.hasLayer(layer)) this.map.removeLayer(layer);
    }
    this.element.dataset.countries = String(shown.countries);
    this.element.dataset.outlines = shown === b.coarse ? "110m" : "50m";
  }

  // The view as the API wants it: longitudes in [-180, 180] (west > east across the
  // antimeridian), the whole world when it shows more than one.
  currentView() {
    const b = this.map.getBounds();
    let west = b.getWest();
    let east = b.getEast();
    if (east - west >= 360) { west = -180; east = 180; } else { west = wrapLongitude(west); east = wrapLongitude(east); }
    const south = clamp(b.getSouth(), -90, 90);
    const north = clamp(b.getNorth(), -90, 90);
    return { view: [west, south, east, north].map(round), zoom: Math.round(this.map.getZoom()) };
  }

  // New filters: count the located events, fit the map to them, draw the view.
  async show(filters, { area } = {}) {
    this.filters = new URLSearchParams(filters);
    this.area = area || null;
    this.element.dataset.state = "loading";
    const extent = await this.loadExtent(new URLSearchParams(filters));
    if (extent === undefined) return undefined; // a newer filter is on its way
    this.element.dataset.located = String(extent.located);
    this.showArea();
    if (extent.bounds) {
      const [w, s, e, n] = extent.bounds;
      this.map.fitBounds([[s, w], [n, e]], { padding: [30, 30], maxZoom: FIT_MAX_ZOOM, animate: false });
    }
    this.viewSet();
    return this.draw();
  }

  showArea() {
    this.areaLayer.clearLayers();
    if (!this.area) return;
    const [w, s, e, n] = this.area;
    const east = w <= e ? e : e + 360;
    L.rectangle([[s, w], [n, east]], { className: "area-box", color: "#1f3b57", weight: 1.5, dashArray: "4 4", fill: false, interactive: false })
      .addTo(this.areaLayer);
  }

  async draw() {
    const { view, zoom } = this.currentView();
    const params = new URLSearchParams(this.filters);
    params.set("view", view.join(","));
    params.set("zoom", String(zoom));
    const key = params.toString();
    if (key === this.drawnKey) return this.drawn;
    if (this.pending && this.pending.key === key) return this.pending.promise;
    this.element.dataset.state = "loading";
    const promise = this.loadCells(params).then((data) => {
      if (data === undefined) return undefined;
      this.render(data, key);
      return data;
    });
    this.pending = { key, promise };
    return promise;
  }

  render(data, key) {
    this.markers.clearLayers();
    const centre = this.map.getCenter().lng;
    const types = {};
    for (const c of data.clusters) {
      const shift = 360 * Math.round((centre - c.lon) / 360); // the copy of the world in view
      const size = c.count === 1 ? 2 * radiusFor(c.fatalities) : clusterSize(c.count);
      const at = this.insideCell([c.lat, c.lon + shift], c.bounds, shift, size);
      const marker = c.count === 1
        ? L.circleMarker(at, {
          radius: radiusFor(c.fatalities), color: "#ffffff", weight: 1, fillColor: typeColor(c.type), fillOpacity: 0.85, className: "event-point",
        })
        : L.marker(at, {
          icon: L.divIcon({
            html: `<div class="cluster-icon" style="width:${clusterSize(c.count)}px;height:${clusterSize(c.count)}px;background:${typeColor(c.type)}">${c.count}</div>`,
            className: "cluster",
            iconSize: L.point(clusterSize(c.count), clusterSize(c.count)),
          }),
          keyboard: true,
          title: `${c.count} events`,
        });
      marker.on("click", () => this.openCell(marker, c));
      marker.addTo(this.markers);
      for (const [type, n] of Object.entries(c.types)) types[type] = (types[type] || 0) + n;
    }
    this.drawnKey = key;
    this.drawn = data;
    const ds = this.element.dataset;
    ds.points = String(data.events);
    ds.markers = String(data.clusters.length);
    ds.types = JSON.stringify(types);
    ds.zoom = String(data.zoom);
    ds.center = `${this.map.getCenter().lat},${this.map.getCenter().lng}`;
    ds.query = key;
    ds.state = "ready";
  }

  // Where to draw a cell's marker: at its events' centre, moved inside the cell far
  // enough that it stays within it on screen, so markers of neighbouring cells never
  // overlap (a cell is 64 px, a marker at most 48).
  insideCell([lat, lon], [w, s, e, n], shift, size) {
    const p = this.map.latLngToLayerPoint([lat, lon]);
    const nw = this.map.latLngToLayerPoint([n, w + shift]);
    const se = this.map.latLngToLayerPoint([s, e + shift]);
    const r = size / 2;
    const x = nw.x + r <= se.x - r ? clamp(p.x, nw.x + r, se.x - r) : (nw.x + se.x) / 2;
    const y = nw.y + r <= se.y - r ? clamp(p.y, nw.y + r, se.y - r) : (nw.y + se.y) / 2;
    return this.map.layerPointToLatLng([x, y]);
  }

  // A marker's events, fetched when it is clicked.
  async openCell(marker, cell) {
    const bbox = intersect(cell.bounds, this.area);
    if (!bbox) return;
    // The cell's east and north edges belong to the next cells.
    const [w, s, e, n] = bbox;
    const box = [w, s, e - 1e-9, n - 1e-9];
    const params = new URLSearchParams(this.filters);
    params.set("bbox", box.join(","));
    params.set("limit", String(LIST_SIZE));
    params.set("sort", "-date");
    // The popup belongs to the map, not to the marker: the markers are redrawn when the
    // popup pans the map into view, and the list must stay open through that.
    const popup = L.popup({ maxWidth: 340, minWidth: 220 }).setLatLng(marker.getLatLng()).setContent('<div class="popup">Loading…</div>').openOn(this.map);
    const data = await this.loadList(params);
    if (data === undefined || !popup.isOpen()) return;
    this.openBox = box;
    popup.setContent(listHTML(data, cell, cell.count > 1 && this.map.getZoom() < MAX_ZOOM));
  }

  onPopupClick(ev) {
    const link = ev.target.closest("a.open-article");
    if (link) {
      ev.preventDefault();
      this.onOpenArticle(link.dataset.article, Number(link.dataset.event));
      return;
    }
    if (!this.openBox) return;
    const [w, s, e, n] = this.openBox;
    if (ev.target.closest("button.zoom-cell")) {
      this.map.closePopup();
      this.map.fitBounds([[s, w], [n, e]], { animate: false });
    } else if (ev.target.closest("button.filter-cell")) {
      this.map.closePopup();
      this.onFilterArea(this.openBox);
    }
  }

  showPlace(place) {
    if (place.latitude == null || place.longitude == null) return;
    this.highlight.clearLayers();
    L.circleMarker([place.latitude, place.longitude], { radius: 12, color: "#1f3b57", weight: 3, fill: false, className: "place-ring" })
      .bindTooltip(escapeHTML(place.resolved || place.name), { permanent: true, direction: "top" })
      .addTo(this.highlight);
    this.map.flyTo([place.latitude, place.longitude], Math.max(this.map.getZoom(), 7), { duration: 0.6 });
  }
}
