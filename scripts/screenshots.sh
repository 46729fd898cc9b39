#!/usr/bin/env bash
# One command, headless screenshots of everything an analyst opens after a run, with Debian's
# chromium (apt-get install chromium) driven by Playwright (pip extra `screens`; no browser
# download). Into ${1:-screenshots}/:
#   report.png (whole page), report_arrivals.png, report_timeline.png, report_network.png,
#   report_claims.png, report_entities.png      the drop report (data/reports/latest.html)
#   dbt_docs_overview.png, dbt_docs_events.png   dbt docs (data/docs/dbt/index.html)
#   data_docs_index.png, data_docs_validation.png   Great Expectations Data Docs
#   asset_graph_*.png, asset_*.png              the Dagster UI (scripts/screenshot_asset_graph.sh)
# Local pages are opened with --offline: a request that leaves the machine fails the script.
# Runs `newsdesk run` on the sample drop first when there is no report yet.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-screenshots}"
mkdir -p "$out"
py=.venv/bin/python

paths() {
  "$py" - <<'PY'
from orchestration import settings
pages = settings.docs_pages()
validations = sorted(
    settings.data_docs_dir().glob("validations/**/*.html"), key=lambda p: p.stat().st_mtime
)
print(settings.reports_dir() / "latest.html")
print(pages["dbt docs"])
print(pages["Data Docs"])
print(validations[-1] if validations else "")
PY
}
mapfile -t page < <(paths)
if [[ ! -f "${page[0]}" ]]; then
  .venv/bin/newsdesk run
  mapfile -t page < <(paths)
fi
report="file://${page[0]}" dbt="file://${page[1]}" gx="file://${page[2]}"

shot=("$py" scripts/screenshot.py --offline --width 1400 --height 900)
"${shot[@]}" "$report" "$out/report.png" --full-page
for section in arrivals timeline network claims entities; do
  "${shot[@]}" "$report" "$out/report_$section.png" --selector "#$section"
done
"${shot[@]}" "$dbt" "$out/dbt_docs_overview.png"
"${shot[@]}" "$dbt#!/model/model.newsdesk.events" "$out/dbt_docs_events.png" \
  --wait-text "source_count" --full-page
"${shot[@]}" "$gx" "$out/data_docs_index.png"
if [[ -n "${page[3]}" ]]; then
  "${shot[@]}" "file://${page[3]}" "$out/data_docs_validation.png" --full-page
fi

bash scripts/screenshot_asset_graph.sh "$out"
echo "screenshots in $out/"
