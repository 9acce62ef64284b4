// The filter state lives in the URL: a filtered view can be bookmarked and shared,
// and Back/Forward step through earlier filters.
export const SINGLE = ["date_from", "date_to", "q", "min_fatalities", "min_confidence", "bbox", "sort"];
export const MULTI = ["event_type", "sub_event_type", "actor", "country", "admin1", "attribution"];
export const DEFAULT_SORT = "-date";

export function emptyState() {
  const state = { sort: DEFAULT_SORT };
  for (const key of SINGLE) if (!(key in state)) state[key] = "";
  for (const key of MULTI) state[key] = [];
  return state;
}

export function readState(search = window.location.search) {
  const params = new URLSearchParams(search);
  const state = emptyState();
  for (const key of SINGLE) if (params.get(key)) state[key] = params.get(key);
  for (const key of MULTI) state[key] = params.getAll(key).filter((v) => v.trim() !== "");
  return state;
}

// Query parameters for the API: the filters (optionally without some keys), then extras.
export function toParams(state, { omit = [], extra = {} } = {}) {
  const params = new URLSearchParams();
  for (const key of SINGLE) {
    if (key === "sort" || omit.includes(key)) continue;
    if (state[key]) params.set(key, state[key]);
  }
  for (const key of MULTI) {
    if (omit.includes(key)) continue;
    for (const value of state[key]) params.append(key, value);
  }
  for (const [key, value] of Object.entries(extra)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, value);
  }
  return params;
}

export function writeState(state, { replace = false } = {}) {
  const params = toParams(state);
  if (state.sort && state.sort !== DEFAULT_SORT) params.set("sort", state.sort);
  const query = params.toString();
  const url = window.location.pathname + (query ? "?" + query : "");
  if (url === window.location.pathname + window.location.search) return;
  if (replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
}

// Is anything filtered (the sort is not a filter)?
export function isFiltered(state) {
  return SINGLE.some((key) => key !== "sort" && state[key]) || MULTI.some((key) => state[key].length);
}
