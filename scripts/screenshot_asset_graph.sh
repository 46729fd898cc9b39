#!/usr/bin/env bash
# Headless screenshots of the Dagster asset graph, with Debian's chromium (apt-get install chromium)
# driven by Playwright (pip extra `screens`; no browser download).
# Uses the Dagster UI already running for the warehouse (`newsdesk ui`: one UI, one daemon per
# warehouse's instance), else starts `newsdesk ui` on a spare port and stops it at the end. Takes
#   screenshots/asset_graph_groups.png   the groups: ingest -> extract -> staging -> ... -> publish
#   screenshots/asset_graph_assets.png   every group expanded: raw_articles -> mentions -> dbt models
#   screenshots/asset_drop_report*.png   the drop_report asset: its path, counts and charts
#   screenshots/asset_mart_events*.png   a mart: its row count, and a preview of its first rows
# The warehouse is $NEWSDESK_WAREHOUSE (default data/newsdesk.duckdb), as for `newsdesk`.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${NEWSDESK_UI_PORT:-3311}"
out="${1:-screenshots}"
mkdir -p "$out"

running="$(.venv/bin/python -c '
from orchestration import settings
from orchestration.runtime.instance import running_ui
ui = running_ui(settings.dagster_home())
print(ui.url if ui and ui.url else "")')"
if [[ -n "$running" ]]; then
  base="$running"
  echo "using the Dagster UI already running for this warehouse: $base"
else
  base="http://127.0.0.1:$port"
  # `dagster dev` copies an ignored SIGINT onto SIGTERM when started in the background: restore
  # them.
  env --default-signal=INT,TERM .venv/bin/newsdesk ui --port "$port" >"$out/ui.log" 2>&1 &
  ui_pid=$!
  trap 'kill -TERM $ui_pid 2>/dev/null; wait $ui_pid 2>/dev/null || true' EXIT
fi

ready=""
for _ in $(seq 1 120); do
  if curl -fsS "$base/graphql" -H 'content-type: application/json' \
      -d '{"query":"{ assetNodes { id } }"}' 2>/dev/null | grep -q '"id"'; then
    ready=1
    break
  fi
  if [[ -n "${ui_pid:-}" ]] && ! kill -0 "$ui_pid" 2>/dev/null; then
    cat "$out/ui.log" >&2
    exit 1
  fi
  sleep 1
done
if [[ -z "$ready" ]]; then
  echo "screenshot: the Dagster UI at $base did not answer within 120 s (see $out/ui.log)" >&2
  exit 1
fi

shot=(.venv/bin/python scripts/screenshot.py "$base/asset-groups")
"${shot[@]}" "$out/asset_graph_groups.png" --click Skip
"${shot[@]}" "$out/asset_graph_assets.png" --click Skip --keys Alt+E --width 2400 --height 1400 \
  --zoom-out 3
# An asset's page: its latest materialisation's metadata (drop_report: path and charts; a mart:
# row count and a preview of its first rows, opened with "[Show Markdown]").
page=(.venv/bin/python scripts/screenshot.py --width 1800 --height 1400 --click Skip)
"${page[@]}" "$base/assets/drop_report" "$out/asset_drop_report.png" \
  --wait-text "contradiction_groups"
"${page[@]}" "$base/assets/drop_report" "$out/asset_drop_report_timeline.png" \
  --wait-text "contradiction_groups" --click "[Show Markdown]"
"${page[@]}" "$base/assets/marts/events" "$out/asset_mart_events.png" \
  --wait-text "participant_ids"
"${page[@]}" "$base/assets/marts/events" "$out/asset_mart_events_preview.png" \
  --wait-text "preview" --click "[Show Markdown]"
