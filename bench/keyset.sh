#!/usr/bin/env bash
# Keyset pagination: page 1 and page 1,000 of one space should cost the same. Needs a space
# with at least 30,000 topics (30 per page), so it generates a larger demo (41,000 members,
# about 90,000 topics and 900,000 posts) and measures the API's space listing at page 1 and
# page 1,000 with the anonymous cache off. Writes bench/out/keyset.md.
set -euo pipefail
cd "$(dirname "$0")/.."
MEMBERS=${MEMBERS:-41000}
MONTHS=${MONTHS:-24}
SEED=${SEED:-42}
RUNS=${RUNS:-3}
OUT=bench/out
DATA=$OUT/data-$SEED-$MEMBERS-$MONTHS
ADDR=127.0.0.1:18082
mkdir -p "$OUT"
cargo build --release --locked -p hearth --bin hearth
BIN=target/release/hearth
if [ ! -f "$DATA/hearth.db" ]; then
  /usr/bin/time -f "demo took %e s, peak RSS %M KB" "$BIN" demo --seed "$SEED" --members "$MEMBERS" --months "$MONTHS" --until 2026-11-01 --data-dir "$DATA"
fi
HEARTH_LOG=warn HEARTH_ANONYMOUS_CACHE_MS=0 taskset -c 0 "$BIN" serve --data-dir "$DATA" --listen "$ADDR" & pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -fs "http://$ADDR/healthz" >/dev/null 2>&1; do sleep 0.01; done

space=general
cursor=""
page=1
declare -A cursors
while [ "$page" -lt 1000 ]; do
  next=$(curl -fs "http://$ADDR/api/v1/spaces/$space/topics${cursor:+?cursor=$cursor}" | python3 -c 'import json,sys; c=json.load(sys.stdin)["next_cursor"]; print(c or "")')
  [ -z "$next" ] && break
  cursor=$next
  page=$((page + 1))
  case $page in 10|100|1000) cursors[$page]=$cursor ;; esac
done
[ "$page" -ge 1000 ] || { echo "the space has only $page pages" >&2; exit 1; }

measure() { # median req/s and p99 of RUNS wrk runs
  taskset -c 1 wrk -t1 -c64 -d3s "$1" >/dev/null
  for _ in $(seq 1 "$RUNS"); do
    taskset -c 1 wrk -t1 -c64 -d10s --latency "$1" | awk '/Requests\/sec/ {r=$2} $1=="99%" {p=$2} END {print r, p}'
  done | sort -n | awk -v n="$RUNS" '{a[NR]=$0} END {print a[int((n+1)/2)]}'
}
topics=$(python3 -c "import sqlite3; db=sqlite3.connect('$DATA/hearth.db'); print(db.execute(\"select count(*) from topics t join spaces s on s.id=t.space_id where s.slug='$space'\").fetchone()[0])")
{
  echo "Run on $(date -u +%Y-%m-%d) · space \`$space\` with $topics topics · API \`/api/v1/spaces/$space/topics\`, cache off · wrk -t1 -c64 -d10s, median of $RUNS"
  echo
  echo "| page | req/s | p99 |"
  echo "|---|---|---|"
  echo "| 1 | $(measure "http://$ADDR/api/v1/spaces/$space/topics" | awk '{print $1" | "$2}') |"
  for p in 10 100 1000; do
    echo "| $p | $(measure "http://$ADDR/api/v1/spaces/$space/topics?cursor=${cursors[$p]}" | awk '{print $1" | "$2}') |"
  done
} | tee "$OUT/keyset.md"
