#!/usr/bin/env bash
# Vendor the dashboard's front-end libraries from npm into the package's static files,
# with their licenses, so the dashboard works with no network (no CDN, no tile server).
# Pinned versions: rerunning this script reproduces src/dateline/serve/static/vendor/.
set -euo pipefail
cd "$(dirname "$0")/.."
dest="src/dateline/serve/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

packages=(
  "leaflet@1.9.4"                 # map (BSD-2-Clause); GeoJSON layers, no tiles needed
  "topojson-client@3.1.0"         # TopoJSON -> GeoJSON in the browser (ISC)
  "world-atlas@2.0.2"             # Natural Earth country outlines, 1:50m (ISC; data public domain)
  "swagger-ui-dist@5.36.0"        # the API docs page, /api/docs (Apache-2.0)
)
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --ignore-scripts "${packages[@]}" >/dev/null)
nm="$work/node_modules"

rm -rf "$dest"
mkdir -p "$dest/leaflet/images" "$dest/topojson-client" "$dest/world-atlas" "$dest/swagger-ui"

cp "$nm/leaflet/dist/leaflet.js" "$nm/leaflet/dist/leaflet.css" "$dest/leaflet/"
cp "$nm/leaflet/dist/images/"*.png "$dest/leaflet/images/"
cp "$nm/leaflet/LICENSE" "$dest/leaflet/LICENSE"

cp "$nm/topojson-client/dist/topojson-client.min.js" "$dest/topojson-client/"
cp "$nm/topojson-client/LICENSE" "$dest/topojson-client/LICENSE"

cp "$nm/world-atlas/countries-110m.json" "$nm/world-atlas/countries-50m.json" "$dest/world-atlas/"
cp "$nm/world-atlas/LICENSE" "$dest/world-atlas/LICENSE"

# FastAPI's get_swagger_ui_html points at these instead of a CDN (serve/app.py).
cp "$nm/swagger-ui-dist/swagger-ui-bundle.js" "$nm/swagger-ui-dist/swagger-ui.css" "$dest/swagger-ui/"
cp "$nm/swagger-ui-dist/LICENSE" "$dest/swagger-ui/LICENSE"
cp "$nm/swagger-ui-dist/NOTICE" "$dest/swagger-ui/NOTICE"

{
  echo "Vendored by tools/vendor_static.sh from the npm registry:"
  for p in "${packages[@]}"; do echo "  $p"; done
  echo "Country outlines: Natural Earth (public domain), via world-atlas."
} > "$dest/README.txt"
echo "vendored into $dest:"
du -sh "$dest"/*
