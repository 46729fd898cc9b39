#!/usr/bin/env bash
# Headless screenshots of the Dagster asset graph, with Debian's chromium (apt-get install chromium)
# driven by Playwright (pip extra `screens`; no browser download).
# Starts `newsdesk ui` on a spare port, waits for the code location, takes
#   screenshots/asset_graph_groups.png   the groups: ingest -> extract -> staging -> ... -> publish
#   screenshots/asset_graph_assets.png   every group expanded: raw_articles -> mentions -> dbt models
# and stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${NEWSDESK_UI_PORT:-3311}"
out="${1:-screenshots}"
mkdir -p "$out"

# `dagster dev` copies an ignored SIGINT onto SIGTERM when started in the background: restore them.
env --default-signal=INT,TERM .venv/bin/newsdesk ui --port "$port" >"$out/ui.log" 2>&1 &
ui_pid=$!
trap 'kill -TERM $ui_pid 2>/dev/null; wait $ui_pid 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' \
      -d '{"query":"{ assetNodes { id } }"}' 2>/dev/null | grep -q '"id"'; then
    break
  fi
  sleep 1
done

shot=(.venv/bin/python scripts/screenshot.py "http://127.0.0.1:$port/asset-groups")
"${shot[@]}" "$out/asset_graph_groups.png" --click Skip
"${shot[@]}" "$out/asset_graph_assets.png" --click Skip --keys Alt+E --width 2400 --height 1400 \
  --zoom-out 3
