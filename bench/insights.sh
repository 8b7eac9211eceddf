#!/usr/bin/env bash
# The insights engine against DuckDB on the same generated rows, in one run.
# Usage: bench/insights.sh [MEMBERS] [DAYS] [RATE]   (default: 100000 730 0.2, about 10M rows)
# Needs a Python with duckdb: PYTHON=/path/to/python (default python3).
set -euo pipefail
cd "$(dirname "$0")/.."
MEMBERS=${1:-100000}
DAYS=${2:-730}
RATE=${3:-0.2}
PYTHON=${PYTHON:-python3}
OUT=bench/out
mkdir -p "$OUT"
CSV=$(mktemp /tmp/hearth-insights-XXXXXX.csv)
trap 'rm -f "$CSV"' EXIT
cargo build --release -q -p hearth-insights --example insights_bench
target/release/examples/insights_bench "$MEMBERS" "$DAYS" "$RATE" "$CSV" > "$OUT/insights-hearth.json"
FROM=$("$PYTHON" -c "import json;print(json.load(open('$OUT/insights-hearth.json'))['check']['from'])")
TO=$("$PYTHON" -c "import json;print(json.load(open('$OUT/insights-hearth.json'))['check']['to'])")
OWN=$("$PYTHON" -c "import json;print(','.join(json.load(open('$OUT/insights-hearth.json'))['own_kinds']))")
"$PYTHON" bench/insights_duckdb.py "$CSV" Europe/Madrid "$FROM" "$TO" "$OWN" > "$OUT/insights-duckdb.json"
"$PYTHON" - "$OUT/insights-hearth.json" "$OUT/insights-duckdb.json" <<'PY'
import json, sys
h = json.load(open(sys.argv[1])); d = json.load(open(sys.argv[2]))
print(f"{h['rows_in']:,} activities in, {h['rows_held']:,} held, {h['members']:,} members, {h['days']} days; DuckDB {d['duckdb']} on {d['threads']} threads")
print(f"memory: {h['bytes_per_row_columns']} bytes a row in the columns, {h['bytes_per_row_heap']:.1f} with people and questions; RSS {h['rss_kib_after_build']/1024:.0f} MiB")
for k in ["active_day_sum", "active_week_sum", "active_month_sum", "cohort_week_cells_sum", "segment_week_sum"]:
    assert h["check"][k] == d["check"][k], (k, h["check"][k], d["check"][k])
print("answers: equal (every checksum)")
print(f"{'':28}{'Hearth ms':>12}{'DuckDB ms':>12}{'DuckDB/Hearth':>15}{'x floor':>10}")
floor = h["floor_scan_ms"]
total_h = total_d = 0
for k in ["build_ms", "active_day_ms", "active_week_ms", "active_month_ms", "cohorts_week_ms", "segment_week_ms"]:
    hm, dm = h[k][0], d[k][0]
    if k != "segment_week_ms":
        total_h += hm; total_d += dm
    print(f"{k:28}{hm:12.1f}{dm:12.1f}{dm/hm:15.2f}{hm/floor:10.1f}   (Hearth {h[k][1]:.1f}-{h[k][2]:.1f}, DuckDB {d[k][1]:.1f}-{d[k][2]:.1f})")
print(f"{'refresh + day/week/month + weekly cohorts':42}{total_h:10.1f}{total_d:12.1f}{total_d/total_h:15.2f}")
c = h['churn_ms']
print(f"churn risk: {h['churn_training_examples']:,} training examples, {h['churn_scored']:,} members scored, AUC {h['churn_auc'][0]:.3f} (recency {h['churn_auc'][1]:.3f}): {c[0]:.0f} ms ({c[1]:.0f}-{c[2]:.0f})")
lv = h['levels_ms']
print(f"engagement levels: {sum(h['levels_sizes']):,} members in levels {h['levels_sizes']}: {lv[0]:.0f} ms ({lv[1]:.0f}-{lv[2]:.0f})")
print(f"one pass over member+day (floor): {floor:.1f} ms; 10,000 appended: {h['append_10k_ms']:.2f} ms; three series in one pass: {h['active_all_three_one_pass_ms']:.1f} ms")
PY
