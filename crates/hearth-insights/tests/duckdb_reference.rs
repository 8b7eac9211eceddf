//! The engine's numbers against DuckDB's, computed independently from the same raw rows:
//! active members per day, week and month, weekly and monthly cohorts, and time to first
//! response (median and 90th percentile, staff replies counted and not). Every period and
//! every cohort cell must be equal, exactly, on the UTC clock and on Madrid's (which
//! changes its clocks in the middle of the data).
//!
//! DuckDB comes from PyPI (`.ci/run` installs it); the Python that has it is
//! `HEARTH_TEST_PYTHON`, else `python3`. Without it the test is skipped, unless `CI=true`.

#[path = "support/community.rs"]
mod community;
#[path = "support/python.rs"]
mod python;

use hearth_insights::calendar::{format_day, parse_day};
use hearth_insights::{Filter, Period};
use std::fmt::Write as _;
use std::process::Command;

const SCRIPT: &str = r#"
import duckdb, json, sys
rows, own, people, tz, frm, to = sys.argv[1:7]
con = duckdb.connect()
con.execute(f"SET TimeZone = '{tz}'")
con.execute(f"CREATE TABLE raw AS SELECT * FROM read_csv('{rows}', header=true, columns={{'member_id':'BIGINT','kind':'VARCHAR','channel':'VARCHAR','topic_id':'BIGINT','post_author':'BIGINT','at_ms':'BIGINT'}})")
con.execute(f"CREATE TABLE own AS SELECT * FROM read_csv('{own}', header=true, columns={{'kind':'VARCHAR'}})")
con.execute(f"CREATE TABLE people AS SELECT * FROM read_csv('{people}', header=true, columns={{'id':'BIGINT','staff':'BOOLEAN','excluded':'BOOLEAN'}})")
# Days on the zone's clock, from the instant truncated to the minute.
con.execute("""CREATE TABLE ev AS
  SELECT r.member_id, r.kind, CAST(to_timestamp((r.at_ms // 60000) * 60) AS DATE) AS day
  FROM raw r JOIN own o ON o.kind = r.kind
  WHERE r.member_id NOT IN (SELECT id FROM people WHERE excluded)""")
out = {}
for period in ["day", "week", "month"]:
    q = f"""SELECT strftime(date_trunc('{period}', day), '%Y-%m-%d') AS start, count(DISTINCT member_id)
            FROM ev WHERE day BETWEEN DATE '{frm}' AND DATE '{to}' GROUP BY 1 ORDER BY 1"""
    out["active_" + period] = con.execute(q).fetchall()
for period in ["week", "month"]:
    q = f"""WITH p AS (SELECT member_id, date_trunc('{period}', day) AS per FROM ev WHERE day <= DATE '{to}'),
            f AS (SELECT member_id, min(per) AS cohort FROM p GROUP BY 1)
            SELECT strftime(f.cohort, '%Y-%m-%d'), datediff('{period}', f.cohort, p.per) AS k, count(DISTINCT p.member_id)
            FROM p JOIN f USING (member_id)
            WHERE f.cohort >= date_trunc('{period}', DATE '{frm}')
            GROUP BY 1, 2 ORDER BY 1, 2"""
    out["cohorts_" + period] = con.execute(q).fetchall()
for staff in [True, False]:
    q = f"""WITH q AS (
              SELECT topic_id, member_id AS asker, at_ms AS asked FROM raw
              WHERE kind = 'question_asked' AND member_id NOT IN (SELECT id FROM people WHERE excluded)
                AND CAST(to_timestamp((at_ms // 60000) * 60) AS DATE) BETWEEN DATE '{frm}' AND DATE '{to}'),
            r AS (
              SELECT q.topic_id, min(raw.at_ms) - min(q.asked) AS wait
              FROM q JOIN raw ON raw.topic_id = q.topic_id AND raw.kind = 'replied'
                AND raw.member_id <> q.asker AND raw.at_ms >= q.asked
                AND raw.member_id NOT IN (SELECT id FROM people WHERE excluded)
                AND ({'true' if staff else 'raw.member_id NOT IN (SELECT id FROM people WHERE staff)'})
                AND CAST(to_timestamp(raw.at_ms / 1000.0) AS DATE) <= DATE '{to}'
              GROUP BY q.topic_id)
            SELECT (SELECT count(*) FROM q), count(*), quantile_disc(wait, 0.5), quantile_disc(wait, 0.9) FROM r"""
    out["first_response_staff" if staff else "first_response_members"] = con.execute(q).fetchall()[0]
print(json.dumps(out))
"#;

#[test]
fn the_engine_agrees_with_duckdb_on_every_period_and_cohort_cell() {
    let Some(python) = python::with("duckdb") else {
        return;
    };
    let c = community::generate(7, 1_500, 420, 0.35);
    eprintln!("{} rows", c.rows.len());
    let dir = std::env::temp_dir().join(format!("hearth-duckdb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut csv = String::from("member_id,kind,channel,topic_id,post_author,at_ms\n");
    for r in &c.rows {
        let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        writeln!(
            csv,
            "{},{},{},{},{},{}",
            r.member_id,
            r.kind,
            r.channel,
            opt(r.topic_id),
            opt(r.post_author),
            r.at_ms
        )
        .unwrap();
    }
    std::fs::write(dir.join("rows.csv"), csv).unwrap();
    let own: String = std::iter::once("kind".to_string())
        .chain(
            hearth_core::activity::KINDS
                .iter()
                .map(|(k, _, _)| *k)
                .filter(|k| hearth_core::activity::is_own_doing(k))
                .map(String::from),
        )
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(dir.join("own.csv"), own + "\n").unwrap();
    let mut people = String::from("id,staff,excluded\n");
    for id in 1..=c.members {
        writeln!(
            people,
            "{id},{},{}",
            c.staff.contains(&id),
            c.excluded.contains(&id)
        )
        .unwrap();
    }
    std::fs::write(dir.join("people.csv"), people).unwrap();

    for (zone, from, to) in [
        ("UTC", "2025-02-03", "2025-12-21"),
        ("Europe/Madrid", "2025-03-01", "2025-11-15"),
    ] {
        // Fed in uneven batches, so incremental appends are what is checked.
        let log = community::log(&c, zone, 777);
        let output = Command::new(&python)
            .args(["-c", SCRIPT])
            .arg(dir.join("rows.csv"))
            .arg(dir.join("own.csv"))
            .arg(dir.join("people.csv"))
            .args([zone, from, to])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "duckdb: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let reference: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let (f, t) = (parse_day(from).unwrap(), parse_day(to).unwrap());

        for period in Period::ALL {
            let scope = log.scope(f, t, &Filter::default());
            let ours: Vec<(String, u64)> = log
                .active(&scope, period)
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .map(|(d, n)| (format_day(d), n))
                .collect();
            let theirs: Vec<(String, u64)> = reference[format!("active_{period}")]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| (r[0].as_str().unwrap().to_string(), r[1].as_u64().unwrap()))
                .collect();
            assert!(
                ours.len() > 5,
                "{zone} {period}: too little data to compare"
            );
            assert_eq!(ours, theirs, "{zone}: active members per {period}");
            eprintln!("{zone}: {} periods of {period} agree", ours.len());
            // A log kept on another clock, asked with `tz=`, says the same.
            let utc = community::log(&c, "UTC", 5_000);
            let asked = Filter {
                zone: hearth_insights::Zone::new(zone),
                ..Filter::default()
            };
            let via_tz: Vec<(String, u64)> = utc
                .active(&utc.scope(f, t, &asked), period)
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .map(|(d, n)| (format_day(d), n))
                .collect();
            assert_eq!(via_tz, theirs, "{zone}: active per {period} asked with tz=");
            // The one-pass series agree with the single ones.
            let all = log.active_all(&scope);
            let k = Period::ALL.iter().position(|p| *p == period).unwrap();
            assert_eq!(all[k], log.active(&scope, period));
        }

        for period in [Period::Week, Period::Month] {
            let scope = log.scope(f, t, &Filter::default());
            let mut ours = Vec::new();
            for cohort in log.retention(&scope, period) {
                for (k, n) in cohort.retained.iter().enumerate() {
                    if *n > 0 {
                        ours.push((format_day(cohort.start), k as u64, *n));
                    }
                }
                assert_eq!(cohort.size, cohort.retained[0]);
            }
            let theirs: Vec<(String, u64, u64)> = reference[format!("cohorts_{period}")]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    (
                        r[0].as_str().unwrap().to_string(),
                        r[1].as_u64().unwrap(),
                        r[2].as_u64().unwrap(),
                    )
                })
                .collect();
            assert!(ours.len() > 20, "{zone} {period}: too few cohort cells");
            assert_eq!(ours, theirs, "{zone}: {period} cohorts, every cell");
            eprintln!("{zone}: {} {period} cohort cells agree", ours.len());
        }

        for staff in [true, false] {
            let filter = Filter {
                staff_replies: staff,
                ..Filter::default()
            };
            let s = log.support(&log.scope(f, t, &filter));
            let key = if staff {
                "first_response_staff"
            } else {
                "first_response_members"
            };
            let r = &reference[key];
            assert!(s.answered > 20, "{zone}: too few answered questions");
            assert_eq!(
                s.asked,
                r[0].as_u64().unwrap(),
                "{zone} {key}: questions asked"
            );
            assert_eq!(s.answered, r[1].as_u64().unwrap(), "{zone} {key}: answered");
            assert_eq!(
                s.first_response_median_ms,
                r[2].as_i64(),
                "{zone} {key}: median"
            );
            assert_eq!(s.first_response_p90_ms, r[3].as_i64(), "{zone} {key}: p90");
            eprintln!(
                "{zone} {key}: {} asked, {} answered agree",
                s.asked, s.answered
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
