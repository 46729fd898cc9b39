#!/usr/bin/env bash
# Headless-browser screenshot of the Dagster asset graph (Debian's chromium: apt-get install chromium).
# Starts `newsdesk ui` on a free port, waits until the code location is loaded, screenshots the
# global lineage view, and stops the server. Output: screenshots/asset_graph.png (or $1).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-screenshots/asset_graph.png}"
port="${NEWSDESK_UI_PORT:-3311}"
url_path="${NEWSDESK_UI_PATH:-/asset-groups}"
chromium_bin="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$chromium_bin" ] || { echo "screenshot: chromium not found (apt-get install chromium)" >&2; exit 2; }
mkdir -p "$(dirname "$out")"

# `dagster dev` copies an ignored SIGINT onto SIGTERM when started in the background: restore them.
env --default-signal=INT,TERM .venv/bin/newsdesk ui --port "$port" >/tmp/newsdesk-ui.log 2>&1 &
ui_pid=$!
trap 'kill -TERM $ui_pid 2>/dev/null; wait $ui_pid 2>/dev/null || true' EXIT

for _ in $(seq 1 90); do
  if curl -fsS "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' \
      -d '{"query":"{ assetNodes { id } }"}' 2>/dev/null | grep -q '"id"'; then
    break
  fi
  sleep 1
done

profile="$(mktemp -d)"
"$chromium_bin" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars --window-size=1800,1000 \
  --virtual-time-budget=15000 --screenshot="$out" "http://127.0.0.1:$port$url_path" >/dev/null 2>&1
rm -rf "$profile"
echo "screenshot: $out"
