// Fetching from the dateline API (same origin only). Two parts of the page asking for
// the same URL at once share one request (the timeline and the breakdown often do);
// neither may change what it gets.
const inFlight = new Map();

export function getJSON(path, params) {
  const url = params && [...params].length ? `${path}?${params}` : path;
  if (!inFlight.has(url)) inFlight.set(url, fetchJSON(url).finally(() => inFlight.delete(url)));
  return inFlight.get(url);
}

async function fetchJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail || detail; } catch (_) { /* not JSON */ }
    throw new Error(`${response.status}: ${detail}`);
  }
  return response.json();
}

// Only the newest call of a loader counts: answers to older calls are dropped, so a
// slow response cannot overwrite a newer filter's result.
export function latestOnly(fn) {
  let generation = 0;
  return async (...args) => {
    const mine = ++generation;
    const result = await fn(...args);
    return mine === generation ? result : undefined;
  };
}

export function escapeHTML(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}
