#!/usr/bin/env bash
# A/B HTTP benchmark: two Hearth binaries on copies of the same demo data, measured in
# interleaved rounds (old, new, old, new...) with the axum hello-world floor measured in
# every round, so machine drift hits both sides alike. Pages: the topic page from the
# anonymous cache, the topic and space pages with the cache off, and the topic page signed
# in (a session cookie: the path every member who takes part gets).
#
#   bench/ab.sh OLD_BINARY NEW_BINARY          # data: bench/out/data-42-5000-24 (bench/http.sh)
#   ROUNDS=3 DURATION=10s bench/ab.sh old new
#
# Server pinned to core 0, wrk to core 1 (see ../shared/BENCHMARKS.md). Writes a Markdown
# table to bench/out/ab.md.
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=$1
NEW=$2
DATA=${DATA:-bench/out/data-42-5000-24}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
OUT=bench/out
ADDR=127.0.0.1:18090
FLOOR_ADDR=127.0.0.1:18091
[ -f "$DATA/hearth.db" ] || { echo "no demo data in $DATA: run bench/http.sh first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
cargo build --release --locked -p hearth --example hello_floor
FLOOR=target/release/examples/hello_floor

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
for side in old new; do
  mkdir -p "$work/$side"
  cp "$DATA/hearth.db" "$work/$side/"
  # The write-ahead log holds the latest pages until its next checkpoint.
  [ -f "$DATA/hearth.db-wal" ] && cp "$DATA/hearth.db-wal" "$work/$side/"
  # Generous sign-in limits: the benchmark signs in once per round.
  printf '[limits]\nlogin_attempts_per_5_minutes = 100000\nlogin_attempts_per_account_hour = 100000\n' > "$work/$side/hearth.toml"
done

rps_of() { # url [cookie]: median-free single run, prints "req/s p99_ms"
  local out
  if [ -n "${2:-}" ]; then
    out=$(taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: $2" "$1")
  else
    out=$(taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "$1")
  fi
  local rps p99 non2xx
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  [ -z "$non2xx" ] || { echo "non-2xx answers from $1: $non2xx" >&2; exit 1; }
  echo "$rps $p99"
}
warm() { taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d2s ${2:+-H "Cookie: $2"} "$1" >/dev/null; }

start() { # binary side [env...]
  local bin=$1 side=$2
  shift 2
  env HEARTH_LOG=warn "$@" taskset -c 0 "$bin" serve --data-dir "$work/$side" --listen "$ADDR" &
  hpid=$!
  pids+=($hpid)
  until curl -fs "http://$ADDR/healthz" >/dev/null 2>&1; do sleep 0.01; done
}
stop() { kill "$hpid"; wait "$hpid" 2>/dev/null || true; }

# The demo owner's session cookie (name=value), signing in through the page.
session() {
  local jar=$work/jar
  rm -f "$jar"
  curl -fs -c "$jar" -o /dev/null -H "Origin: http://$ADDR" \
    --data-urlencode "email=owner@example.com" --data-urlencode "password=hearth-demo" \
    "http://$ADDR/login"
  # curl marks HttpOnly cookies with a "#HttpOnly_" prefix on the domain.
  awk '(!/^#/ || /^#HttpOnly_/) && NF >= 7 {print $6 "=" $7}' "$jar" | head -1
}

topic_id=""
results=$work/results
: > "$results"
for round in $(seq 1 "$ROUNDS"); do
  taskset -c 0 "$FLOOR" "$FLOOR_ADDR" & fpid=$!
  pids+=($fpid)
  sleep 0.5
  warm "http://$FLOOR_ADDR/"
  echo "$round floor - $(rps_of "http://$FLOOR_ADDR/")" >> "$results"
  kill "$fpid"; wait "$fpid" 2>/dev/null || true
  for side in old new; do
    bin=$OLD; [ "$side" = new ] && bin=$NEW
    start "$bin" "$side"
    # A first start on this copy may run migrations and replay readers: let it settle.
    [ "$round" = 1 ] && sleep 20
    if [ -z "$topic_id" ]; then
      topic_id=$(curl -fs "http://$ADDR/api/v1/spaces/general/topics" | python3 -c 'import json,sys; items=json.load(sys.stdin)["items"]; print(max(items, key=lambda t: t["post_count"])["id"])')
    fi
    warm "http://$ADDR/t/$topic_id"
    echo "$round $side topic_cached $(rps_of "http://$ADDR/t/$topic_id")" >> "$results"
    cookie=$(session)
    [ -n "$cookie" ] || { echo "could not sign in" >&2; exit 1; }
    warm "http://$ADDR/t/$topic_id" "$cookie"
    echo "$round $side topic_signed_in $(rps_of "http://$ADDR/t/$topic_id" "$cookie")" >> "$results"
    stop
    start "$bin" "$side" HEARTH_ANONYMOUS_CACHE_MS=0
    warm "http://$ADDR/t/$topic_id"
    echo "$round $side topic_uncached $(rps_of "http://$ADDR/t/$topic_id")" >> "$results"
    echo "$round $side space_uncached $(rps_of "http://$ADDR/s/general")" >> "$results"
    stop
  done
done

cp "$results" "$OUT/ab-rounds.txt"
python3 - "$results" "$ROUNDS" "$topic_id" <<'PY' | tee "$OUT/ab.md"
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
rounds, topic = int(sys.argv[2]), sys.argv[3]
floor = {r[0]: float(r[3]) for r in rows if r[1] == "floor"}
data = {}
for r in rows:
    if r[1] == "floor":
        continue
    data.setdefault((r[2], r[1]), []).append((float(r[3]), r[4], floor[r[0]]))
names = {
    "topic_cached": f"topic page `/t/{topic}`, anonymous cache",
    "topic_uncached": "topic page, cache off",
    "space_uncached": "space page `/s/general`, cache off",
    "topic_signed_in": "topic page, signed in (session cookie)",
}
print(f"{rounds} interleaved rounds; floor median {statistics.median(floor.values()):,.0f} req/s\n")
print("| page | old req/s (share of floor) | new req/s (share of floor) | new/old | old p99 | new p99 |")
print("|---|---|---|---|---|---|")
for key, name in names.items():
    old, new = data[(key, "old")], data[(key, "new")]
    o, n = statistics.median(x[0] for x in old), statistics.median(x[0] for x in new)
    os_, ns = statistics.median(x[0] / x[2] for x in old), statistics.median(x[0] / x[2] for x in new)
    op, np_ = sorted(x[1] for x in old)[len(old) // 2], sorted(x[1] for x in new)[len(new) // 2]
    print(f"| {name} | {o:,.0f} ({100*os_:.1f}%) | {n:,.0f} ({100*ns:.1f}%) | {n/o:.2f} | {op} | {np_} |")
PY
