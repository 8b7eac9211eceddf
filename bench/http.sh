#!/usr/bin/env bash
# HTTP benchmark: Hearth's anonymous topic page, space page and topic API against a minimal
# axum hello-world (the floor), measured in the same run on the same machine, on demo data.
# Server pinned to core 0, wrk to core 1 (see ../shared/BENCHMARKS.md). Writes a Markdown
# report to bench/out/http.md.
#
#   bench/http.sh                 # 5000 members, 24 months (>= 10k topics, 100k posts)
#   MEMBERS=200 MONTHS=3 bench/http.sh   # quick smoke run
set -euo pipefail
cd "$(dirname "$0")/.."
MEMBERS=${MEMBERS:-5000}
MONTHS=${MONTHS:-24}
SEED=${SEED:-42}
RUNS=${RUNS:-3}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
OUT=bench/out
DATA=$OUT/data-$SEED-$MEMBERS-$MONTHS
HEARTH_ADDR=127.0.0.1:18080
FLOOR_ADDR=127.0.0.1:18081
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

cargo build --release --locked -p hearth --bin hearth --example hello_floor
BIN=target/release/hearth
FLOOR=target/release/examples/hello_floor

if [ ! -f "$DATA/hearth.db" ]; then
  echo "== generating demo data ($MEMBERS members, $MONTHS months)"
  /usr/bin/time -f "demo took %e s, peak RSS %M KB" "$BIN" demo --seed "$SEED" --members "$MEMBERS" --months "$MONTHS" --until 2026-11-01 --data-dir "$DATA"
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }

# One wrk run: prints "req/s p50_ms p99_ms non2xx".
wrk_once() {
  local url=$1
  local out
  out=$(taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "$url")
  local rps p50 p99 non2xx
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  echo "$rps $(to_ms "$p50") $(to_ms "$p99") ${non2xx:-0}"
}
to_ms() { # wrk prints 1.23ms, 456.00us or 1.02s
  local v=$1
  case $v in
    *us) awk -v x="${v%us}" 'BEGIN {printf "%.2f", x/1000}' ;;
    *ms) awk -v x="${v%ms}" 'BEGIN {printf "%.2f", x}' ;;
    *s) awk -v x="${v%s}" 'BEGIN {printf "%.2f", x*1000}' ;;
    *) echo "$v" ;;
  esac
}
# Median of RUNS runs (after one warm-up), by req/s; also prints the spread.
measure() {
  local url=$1
  taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d3s "$url" >/dev/null
  local lines=()
  for _ in $(seq 1 "$RUNS"); do lines+=("$(wrk_once "$url")"); done
  printf '%s\n' "${lines[@]}" | sort -n -k1 | awk -v n="$RUNS" '{a[NR]=$0; r[NR]=$1} END {split(a[int((n+1)/2)], m, " "); printf "%s %s %s %s %.0f %.0f\n", m[1], m[2], m[3], m[4], r[1], r[n]}'
}

echo "== floor"
taskset -c 0 "$FLOOR" "$FLOOR_ADDR" & pids+=($!)
sleep 0.5
floor=$(measure "http://$FLOOR_ADDR/")
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true

# Starts Hearth with extra environment ($@), waits for /healthz; sets hpid and startup_ms.
start_hearth() {
  local start_ns
  start_ns=$(date +%s%N)
  env HEARTH_LOG=warn "$@" taskset -c 0 "$BIN" serve --data-dir "$DATA" --listen "$HEARTH_ADDR" & hpid=$!
  pids+=($hpid)
  until curl -fs "http://$HEARTH_ADDR/healthz" >/dev/null 2>&1; do sleep 0.005; done
  startup_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
}
stop_hearth() { kill "$hpid"; wait "$hpid" 2>/dev/null || true; }

echo "== hearth (anonymous cache on, the default)"
start_hearth
sleep 2
idle_kb=$(rss_kb $hpid)

space=general
topics_json=$(curl -fs "http://$HEARTH_ADDR/api/v1/spaces/$space/topics")
topic_id=$(echo "$topics_json" | python3 -c 'import json,sys; items=json.load(sys.stdin)["items"]; print(max(items, key=lambda t: t["post_count"])["id"])')
topic_posts=$(echo "$topics_json" | python3 -c "import json,sys; print([t['post_count'] for t in json.load(sys.stdin)['items'] if t['id']==$topic_id][0])")

# Walk the space's cursors to its deepest page (keyset: each page is one indexed range scan).
cursor=""
pages=1
while true; do
  next=$(curl -fs "http://$HEARTH_ADDR/api/v1/spaces/$space/topics${cursor:+?cursor=$cursor}" | python3 -c 'import json,sys; c=json.load(sys.stdin)["next_cursor"]; print(c or "")')
  [ -z "$next" ] && break
  cursor=$next
  pages=$((pages + 1))
  [ "$pages" -ge 1000 ] && break
done
startup_cached=$startup_ms

topic_page=$(measure "http://$HEARTH_ADDR/t/$topic_id")
space_page=$(measure "http://$HEARTH_ADDR/s/$space")
topic_api=$(measure "http://$HEARTH_ADDR/api/v1/topics/$topic_id")
load_kb=$(hwm_kb $hpid)
stop_hearth

echo "== hearth (anonymous cache off: every request reads the database)"
start_hearth HEARTH_ANONYMOUS_CACHE_MS=0
topic_page_nc=$(measure "http://$HEARTH_ADDR/t/$topic_id")
space_page_nc=$(measure "http://$HEARTH_ADDR/s/$space")
topic_api_nc=$(measure "http://$HEARTH_ADDR/api/v1/topics/$topic_id")
space_first=$(measure "http://$HEARTH_ADDR/api/v1/spaces/$space/topics")
space_deep=$(measure "http://$HEARTH_ADDR/api/v1/spaces/$space/topics?cursor=$cursor")
load_kb_nc=$(hwm_kb $hpid)
stop_hearth

counts=$(python3 - "$DATA/hearth.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
q = lambda s: db.execute(s).fetchone()[0]
print(q("select count(*) from members"), q("select count(*) from topics"), q("select count(*) from posts"), q("select count(*) from activities"))
PY
)
read -r n_members n_topics n_posts n_activities <<<"$counts"
floor_rps=$(echo "$floor" | cut -d' ' -f1)

row() { # name, measurement
  local name=$1 m=$2
  read -r rps p50 p99 non2xx lo hi <<<"$m"
  local ratio
  ratio=$(awk -v a="$rps" -v b="$floor_rps" 'BEGIN {printf "%.1f%%", 100*a/b}')
  echo "| $name | $rps | $p50 | $p99 | $non2xx | $ratio | $lo–$hi |"
}

{
  echo "Run on $(date -u +%Y-%m-%d) · $(nproc) cores · data: seed $SEED, $n_members members, $n_topics topics, $n_posts posts, $n_activities activities (SQLite) · wrk -t1 -c$CONNECTIONS -d$DURATION, median of $RUNS runs after a warm-up, server on core 0, wrk on core 1"
  echo
  echo "| endpoint | req/s | p50 ms | p99 ms | non-2xx | vs floor | req/s spread |"
  echo "|---|---|---|---|---|---|---|"
  row "floor: axum hello-world \`/\`" "$floor"
  row "topic page \`/t/$topic_id\` ($topic_posts posts, first page of 20), cached" "$topic_page"
  row "space page \`/s/$space\`, cached" "$space_page"
  row "API \`/api/v1/topics/$topic_id\`, cached" "$topic_api"
  row "topic page, cache off" "$topic_page_nc"
  row "space page, cache off" "$space_page_nc"
  row "API topic, cache off" "$topic_api_nc"
  row "API space topics, page 1, cache off" "$space_first"
  row "API space topics, page $pages (deepest), cache off" "$space_deep"
  echo
  echo "- start to first answered \`/healthz\`: ${startup_cached} ms"
  echo "- resident memory idle: $((idle_kb / 1024)) MB; peak after the load runs (VmHWM): $((load_kb / 1024)) MB with the cache, $((load_kb_nc / 1024)) MB without"
} | tee "$OUT/http.md"
