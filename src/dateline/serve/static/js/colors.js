// One colour per ACLED event type, shared by map, timeline, table and filters.
export const TYPE_COLORS = {
  "Battles": "#d62728",
  "Explosions/Remote violence": "#ff7f0e",
  "Violence against civilians": "#9467bd",
  "Protests": "#2ca02c",
  "Riots": "#8c564b",
  "Strategic developments": "#1f77b4",
};
export const EVENT_TYPES = Object.keys(TYPE_COLORS);
const OTHER = "#7f7f7f";

export function typeColor(type) {
  return TYPE_COLORS[type] || OTHER;
}
