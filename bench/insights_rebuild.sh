#!/usr/bin/env bash
# The topic page while this node's insights engine builds from a large activity log.
# A demo community gets ROWS extra activities (visits and Discord messages spread over two
# years, written straight into SQLite), then Hearth starts (pinned to core 0, wrk on core 1,
# anonymous cache off so every request reads the database) and the topic page is measured
# while the start-up build runs, then again once it is done.
#
#   bench/insights_rebuild.sh            # 10M activities
#   ROWS=1000000 bench/insights_rebuild.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-10000000}
DURATION=${DURATION:-10s}
OUT=bench/out
DATA=$OUT/rebuild-$ROWS
ADDR=127.0.0.1:18090
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed: apt-get install sqlite3" >&2; exit 1; }
cargo build --release --locked -p hearth --bin hearth
BIN=target/release/hearth
if [ ! -f "$DATA/hearth.db" ]; then
  echo "== a demo community, then $ROWS activities"
  "$BIN" demo --seed 5 --members 2000 --months 24 --until 2026-11-01 --data-dir "$DATA" 2>/dev/null
  sqlite3 "$DATA/hearth.db" <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n LIMIT $ROWS)
INSERT INTO activities (member_id, kind, channel, occurred_at, recorded_at)
SELECT 1 + (x * 7919) % (SELECT MAX(id) FROM members),
       CASE x % 3 WHEN 0 THEN 'visited' WHEN 1 THEN 'message_sent' ELSE 'reaction_added' END,
       CASE x % 3 WHEN 0 THEN 'hub' ELSE 'discord' END,
       1730419200000 + x * (63072000000 / $ROWS), 1730419200000 + x * (63072000000 / $ROWS)
FROM n;
SQL
fi
echo "== activities: $(sqlite3 "$DATA/hearth.db" 'SELECT COUNT(*) FROM activities')"
TOPIC=$(sqlite3 "$DATA/hearth.db" "SELECT t.id FROM topics t JOIN spaces s ON s.id = t.space_id WHERE s.visibility = 'public' AND t.deleted_at IS NULL ORDER BY t.post_count DESC LIMIT 1")
URL="http://$ADDR/t/$TOPIC"
wrk_line() {
  taskset -c 1 wrk -t1 -c64 -d"$DURATION" --latency "$URL" | awk '/Requests\/sec/ {r=$2} $1=="50%" {p50=$2} $1=="99%" {p99=$2} /Non-2xx/ {bad=$5} END {printf "req/s %s, p50 %s, p99 %s, non-2xx %s\n", r, p50, p99, bad+0}'
}
LOG=$(mktemp)
HEARTH_LOG=info HEARTH_ANONYMOUS_CACHE_MS=0 taskset -c 0 "$BIN" serve --data-dir "$DATA" --listen "$ADDR" >"$LOG" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$LOG"' EXIT
until curl -fs "http://$ADDR/healthz" >/dev/null 2>&1; do sleep 0.01; done
echo "== during the build"
during=$(wrk_line)
built=$(grep -c "insights built" "$LOG" || true)
echo "$during (build finished before the run ended: $([ "$built" -gt 0 ] && echo yes || echo no))"
until grep -q "insights built" "$LOG"; do sleep 0.5; done
grep "insights built" "$LOG" | sed 's/\x1b\[[0-9;]*m//g' | tail -1
echo "resident memory after the build: $(awk '/^VmRSS/ {print $2}' /proc/$pid/status) KB (peak $(awk '/^VmHWM/ {print $2}' /proc/$pid/status) KB)"
echo "== after the build"
wrk_line
