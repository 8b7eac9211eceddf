"""DuckDB on the rows the insights benchmark wrote: the same numbers, timed the same way.

Usage: insights_duckdb.py ROWS.csv ZONE FROM TO
Loads the rows into an in-memory table first (not timed: the engine's rows are in memory
too), then times, median of five after a warm-up:
  build   the participation rows with their day on ZONE's clock (the engine's full build)
  day/week/month   active members per period (count distinct)
  cohorts_week     weekly cohort cells
  segment_week     active per week for members with id % 10 = 3
Prints JSON with the timings (ms) and the same checksums as the Rust side.
"""
import json
import statistics
import sys
import time

import duckdb

rows, zone, frm, to = sys.argv[1:5]
own = sys.argv[5].split(",")
con = duckdb.connect()
con.execute(f"SET TimeZone = '{zone}'")
con.execute(
    f"CREATE TABLE raw AS SELECT * FROM read_csv('{rows}', header=true, "
    "columns={'member_id':'BIGINT','kind':'VARCHAR','at_ms':'BIGINT'})"
)
con.execute("CREATE TABLE own (kind VARCHAR)")
con.executemany("INSERT INTO own VALUES (?)", [[k] for k in own])


def timed(sql, fetch=True):
    times, result = [], None
    for i in range(6):
        t = time.perf_counter()
        cur = con.execute(sql)
        result = cur.fetchall() if fetch else None
        if i > 0:
            times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), min(times), max(times), result


build = timed(
    """CREATE OR REPLACE TABLE ev AS
       SELECT r.member_id, CAST(to_timestamp((r.at_ms // 60000) * 60) AS DATE) AS day
       FROM raw r SEMI JOIN own o ON o.kind = r.kind ORDER BY r.at_ms""",
    fetch=False,
)
out = {"threads": con.execute("SELECT current_setting('threads')").fetchone()[0]}
out["build_ms"] = build[:3]
sums = {}
for period in ["day", "week", "month"]:
    t = timed(
        f"""SELECT date_trunc('{period}', day) AS p, count(DISTINCT member_id)
            FROM ev WHERE day BETWEEN DATE '{frm}' AND DATE '{to}' GROUP BY 1"""
    )
    out[f"active_{period}_ms"] = t[:3]
    sums[f"active_{period}_sum"] = sum(r[1] for r in t[3])
t = timed(
    f"""WITH p AS (SELECT member_id, date_trunc('week', day) AS per FROM ev WHERE day <= DATE '{to}'),
        f AS (SELECT member_id, min(per) AS cohort FROM p GROUP BY 1)
        SELECT f.cohort, datediff('week', f.cohort, p.per) AS k, count(DISTINCT p.member_id)
        FROM p JOIN f USING (member_id)
        WHERE f.cohort >= date_trunc('week', DATE '{frm}') GROUP BY 1, 2"""
)
out["cohorts_week_ms"] = t[:3]
sums["cohort_week_cells_sum"] = sum(r[2] for r in t[3])
t = timed(
    f"""SELECT date_trunc('week', day), count(DISTINCT member_id) FROM ev
        WHERE member_id % 10 = 3 AND day BETWEEN DATE '{frm}' AND DATE '{to}' GROUP BY 1"""
)
out["segment_week_ms"] = t[:3]
sums["segment_week_sum"] = sum(r[1] for r in t[3])
out["check"] = sums
out["duckdb"] = duckdb.__version__
print(json.dumps(out))
