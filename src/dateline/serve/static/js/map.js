// The event map: country outlines from Natural Earth (vendored world-atlas TopoJSON,
// no tiles), events as circles coloured by type and sized by fatalities, clustered
// where they are dense.
import { getJSON, latestOnly, escapeHTML } from "./api.js";
import { typeColor } from "./colors.js";

const L = window.L;
const MAP_LIMIT = 20000; // events drawn at most; the note says when there are more

export function radiusFor(fatalities) {
  const n = Number(fatalities) || 0;
  return Math.min(22, 5 + 2.2 * Math.sqrt(n));
}

function clusterIcon(cluster) {
  const counts = {};
  for (const marker of cluster.getAllChildMarkers()) {
    const type = marker.options.eventType;
    counts[type] = (counts[type] || 0) + 1;
  }
  const dominant = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
  const n = cluster.getChildCount();
  const size = Math.min(48, 22 + 6 * Math.log10(n + 1) * 2);
  return L.divIcon({
    html: `<div class="cluster-icon" style="width:${size}px;height:${size}px;background:${typeColor(dominant)}">${n}</div>`,
    className: "cluster",
    iconSize: L.point(size, size),
  });
}

function popupHTML(p) {
  const actors = [p.actor1, p.actor2].filter(Boolean).map(escapeHTML).join(" vs ");
  return `<div class="popup">
    <h3>${escapeHTML(p.sub_event_type || p.event_type || "Event")}</h3>
    <p>${escapeHTML(p.event_date || "date unknown")} · ${escapeHTML(p.location || "")}${p.country ? ", " + escapeHTML(p.country) : ""}</p>
    ${actors ? `<p>${actors}</p>` : ""}
    <p>Fatalities: ${p.fatalities ?? "not given"}</p>
    <p><a href="#" data-article="${escapeHTML(p.article_id)}" data-event="${p.id}" class="open-article">Read the article</a></p>
  </div>`;
}

export class EventMap {
  constructor(element, { onOpenArticle }) {
    this.element = element;
    this.onOpenArticle = onOpenArticle;
    this.map = L.map(element, { worldCopyJump: true, minZoom: 2, maxZoom: 14, zoomSnap: 0.5, attributionControl: true });
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution("Country outlines: Natural Earth");
    this.map.setView([30, 20], 2);
    this.clusters = L.markerClusterGroup({
      maxClusterRadius: 36,
      disableClusteringAtZoom: 10,
      showCoverageOnHover: false,
      iconCreateFunction: clusterIcon,
    });
    this.map.addLayer(this.clusters);
    this.highlight = L.layerGroup().addTo(this.map);
    this.fitted = false;
    this.load = latestOnly((params) => getJSON("/api/events", params));
    element.addEventListener("click", (ev) => {
      const link = ev.target.closest("a.open-article");
      if (!link) return;
      ev.preventDefault();
      this.onOpenArticle(link.dataset.article, Number(link.dataset.event));
    });
  }

  async loadBasemap() {
    const topo = await getJSON("/static/vendor/world-atlas/countries-50m.json");
    const countries = window.topojson.feature(topo, topo.objects.countries);
    L.geoJSON(countries, {
      style: () => ({ className: "country", color: "#aab6c2", weight: 0.8, fillColor: "#f7f5f0", fillOpacity: 1 }),
      interactive: false,
    }).addTo(this.map);
    this.element.dataset.countries = String(countries.features.length);
  }

  async show(params) {
    params.set("format", "geojson");
    params.set("limit", String(MAP_LIMIT));
    params.set("sort", "-date");
    const data = await this.load(params);
    if (data === undefined) return null; // a newer filter is on its way
    this.clusters.clearLayers();
    const markers = data.features.map((f) => {
      const p = f.properties;
      const [lon, lat] = f.geometry.coordinates;
      const marker = L.circleMarker([lat, lon], {
        radius: radiusFor(p.fatalities),
        color: "#ffffff",
        weight: 1,
        fillColor: typeColor(p.event_type),
        fillOpacity: 0.85,
        eventType: p.event_type,
        className: "event-point",
      });
      marker.bindPopup(() => popupHTML(p));
      return marker;
    });
    this.clusters.addLayers(markers);
    this.element.dataset.points = String(markers.length);
    const types = {};
    for (const f of data.features) types[f.properties.event_type] = (types[f.properties.event_type] || 0) + 1;
    this.element.dataset.types = JSON.stringify(types);
    if (markers.length && !this.fitted) {
      this.map.fitBounds(this.clusters.getBounds(), { padding: [40, 40], maxZoom: 6 });
      this.fitted = true;
    }
    return markers.length;
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
