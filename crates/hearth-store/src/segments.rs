//! Segments: saved conditions (`hearth_core::condition`) and the members they match,
//! live. `compile` turns a condition into a `WHERE` fragment over `members m`, built only
//! from fixed fragments, with every value as a parameter. Records merged away or erased,
//! and members who opted out of analytics profiling, are never in a segment.

use crate::people::{PERSON_SELECT, Person, person_from};
use crate::{Arg, Result, StoreError};
use hearth_core::condition::{Condition, Counted};
use hearth_core::model::Millis;

/// A saved segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub id: i64,
    pub name: String,
    pub condition: String,
    pub created_by: Option<i64>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// A bound value of a compiled condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Param {
    I64(i64),
    Text(String),
}

struct Compiler {
    now: Millis,
    params: Vec<Param>,
    /// For `slipping`: the fewest acts that put a member in the top quarter.
    slipping_min: i64,
}

const DAY_MS: i64 = 86_400_000;
/// `slipping`: quiet for 7 to 28 days, ranked on the 90 days before the 7.
const QUIET_FROM: i64 = 7 * DAY_MS;
const QUIET_TO: i64 = 28 * DAY_MS;
const RANKED_OVER: i64 = 90 * DAY_MS;

/// Whether `c` uses `slipping` anywhere.
fn has_slipping(c: &Condition) -> bool {
    match c {
        Condition::And(parts) | Condition::Or(parts) => parts.iter().any(has_slipping),
        Condition::Not(inner) => has_slipping(inner),
        Condition::Slipping => true,
        _ => false,
    }
}

impl Compiler {
    fn bind(&mut self, p: Param) -> String {
        self.params.push(p);
        format!("${}", self.params.len())
    }

    fn sql(&mut self, c: &Condition) -> String {
        match c {
            Condition::And(parts) => {
                let parts: Vec<String> = parts.iter().map(|p| self.sql(p)).collect();
                format!("({})", parts.join(" AND "))
            }
            Condition::Or(parts) => {
                let parts: Vec<String> = parts.iter().map(|p| self.sql(p)).collect();
                format!("({})", parts.join(" OR "))
            }
            Condition::Not(inner) => format!("(NOT {})", self.sql(inner)),
            Condition::Activity {
                kind,
                channel,
                cmp,
                count,
                within_ms,
            } => {
                let mut q =
                    String::from("(SELECT COUNT(*) FROM activities a WHERE a.member_id = m.id");
                if let Some(k) = kind {
                    q.push_str(&format!(
                        " AND a.kind = {}",
                        self.bind(Param::Text(k.clone()))
                    ));
                }
                if let Some(ch) = channel {
                    q.push_str(&format!(
                        " AND a.channel = {}",
                        self.bind(Param::Text(ch.clone()))
                    ));
                }
                if let Some(ms) = within_ms {
                    q.push_str(&format!(
                        " AND a.occurred_at >= {}",
                        self.bind(Param::I64(self.now - ms))
                    ));
                }
                q.push(')');
                format!("({q} {} {})", cmp.sql(), self.bind(Param::I64(*count)))
            }
            Condition::LastActive { active, within_ms } => {
                // A member's own participation, as "last active" on their record counts it
                // (`activity::is_participation`): not the trust job's changes, staff's
                // invites or a visit.
                let since = self.bind(Param::I64(self.now - within_ms));
                format!(
                    "({}EXISTS (SELECT 1 FROM activities a WHERE a.member_id = m.id AND a.occurred_at >= {since} AND (a.kind IN ({}) OR a.kind LIKE 'custom:%')))",
                    if *active { "" } else { "NOT " },
                    participation_kinds()
                )
            }
            Condition::Channel(ch) => format!(
                "EXISTS (SELECT 1 FROM identities i WHERE i.member_id = m.id AND i.channel = {})",
                self.bind(Param::Text(ch.clone()))
            ),
            Condition::Tag { tag, has } => format!(
                "({}EXISTS (SELECT 1 FROM member_tags t WHERE t.member_id = m.id AND t.tag = {}))",
                if *has { "" } else { "NOT " },
                self.bind(Param::Text(tag.clone()))
            ),
            Condition::Field { name, value, equal } => {
                let n = self.bind(Param::Text(name.clone()));
                let v = self.bind(Param::Text(value.clone()));
                let has = format!(
                    "EXISTS (SELECT 1 FROM member_fields f WHERE f.member_id = m.id AND f.name = {n} AND f.value = {v})"
                );
                if *equal { has } else { format!("(NOT {has})") }
            }
            Condition::TrustLevel { cmp, level } => format!(
                "(m.kind = 'account' AND m.trust_level {} {})",
                cmp.sql(),
                self.bind(Param::I64(*level))
            ),
            Condition::Customer => {
                "EXISTS (SELECT 1 FROM orders o WHERE o.member_id = m.id)".to_string()
            }
            Condition::Spend { cmp, cents } => format!(
                "(COALESCE((SELECT SUM(o.total_cents - o.refunded_cents) FROM orders o WHERE o.member_id = m.id), 0) {} {})",
                cmp.sql(),
                self.bind(Param::I64(*cents))
            ),
            Condition::Joined { recent, within_ms } => format!(
                "(m.created_at {} {})",
                if *recent { ">=" } else { "<" },
                self.bind(Param::I64(self.now - within_ms))
            ),
            Condition::Kind(kind) => {
                format!("(m.kind = {})", self.bind(Param::Text(kind.clone())))
            }
            Condition::Count { what, cmp, count } => {
                let n = self.bind(Param::I64(*count));
                format!("({} {} {n})", counted_sql(*what), cmp.sql())
            }
            Condition::Badge { slug, has } => format!(
                "({}EXISTS (SELECT 1 FROM member_badges mb JOIN badges b ON b.id = mb.badge_id WHERE mb.member_id = m.id AND b.slug = {}))",
                if *has { "" } else { "NOT " },
                self.bind(Param::Text(slug.clone()))
            ),
            Condition::Slipping => {
                let kinds = participation_kinds();
                let own = format!("(a.kind IN ({kinds}) OR a.kind LIKE 'custom:%')");
                let quiet = self.bind(Param::I64(self.now - QUIET_FROM));
                let gone = self.bind(Param::I64(self.now - QUIET_TO));
                let ranked = self.bind(Param::I64(self.now - QUIET_FROM - RANKED_OVER));
                let min = self.bind(Param::I64(self.slipping_min));
                format!(
                    "(NOT EXISTS (SELECT 1 FROM activities a WHERE a.member_id = m.id AND a.occurred_at >= {quiet} AND {own})
                      AND EXISTS (SELECT 1 FROM activities a WHERE a.member_id = m.id AND a.occurred_at >= {gone} AND a.occurred_at < {quiet} AND {own})
                      AND (SELECT COUNT(*) FROM activities a WHERE a.member_id = m.id AND a.occurred_at >= {ranked} AND a.occurred_at < {quiet} AND {own}) >= {min})"
                )
            }
        }
    }
}

/// What a [`Counted`] counts, for the member `m`: fixed SQL, no values.
fn counted_sql(what: Counted) -> &'static str {
    match what {
        Counted::Posts => {
            "(SELECT COUNT(*) FROM posts p WHERE p.author_id = m.id AND p.deleted_at IS NULL AND p.hidden_at IS NULL)"
        }
        Counted::AcceptedAnswers => {
            "(SELECT COUNT(*) FROM posts p WHERE p.author_id = m.id AND p.deleted_at IS NULL
               AND EXISTS (SELECT 1 FROM topics t WHERE t.answer_post_id = p.id AND t.deleted_at IS NULL))"
        }
        Counted::IdeasShipped => {
            "(SELECT COUNT(*) FROM topics t WHERE t.author_id = m.id AND t.idea_status = 'done' AND t.deleted_at IS NULL)"
        }
        // The first reply by anyone but the author, to a topic that was its author's first.
        Counted::Welcomed => {
            "(SELECT COUNT(*) FROM posts p JOIN topics t ON t.id = p.topic_id
              WHERE p.author_id = m.id AND t.author_id <> m.id AND t.deleted_at IS NULL AND p.deleted_at IS NULL
                AND p.position = (SELECT MIN(p2.position) FROM posts p2
                                  WHERE p2.topic_id = t.id AND p2.author_id <> t.author_id AND p2.deleted_at IS NULL)
                AND NOT EXISTS (SELECT 1 FROM topics t0 WHERE t0.author_id = t.author_id AND t0.id < t.id))"
        }
        Counted::Points => {
            "COALESCE((SELECT pb.earned FROM point_balances pb WHERE pb.member_id = m.id), 0)"
        }
        Counted::Level => {
            "COALESCE((SELECT pb.level FROM point_balances pb WHERE pb.member_id = m.id), 1)"
        }
    }
}

/// The condition as SQL over `members m`, and its parameters (numbered from 1);
/// `slipping_min` is what [`Store::slipping_min`] says (any number when `c` has no
/// `slipping`).
pub fn compile(c: &Condition, now: Millis, slipping_min: i64) -> (String, Vec<Param>) {
    let mut compiler = Compiler {
        now,
        params: Vec::new(),
        slipping_min,
    };
    let sql = compiler.sql(c);
    (sql, compiler.params)
}

/// The compiled parameters as query arguments.
pub(crate) fn args(params: &[Param]) -> Vec<Arg<'_>> {
    params
        .iter()
        .map(|p| match p {
            Param::I64(v) => Arg::I64(*v),
            Param::Text(s) => Arg::Text(s),
        })
        .collect()
}

const LIVE: &str = "m.merged_into IS NULL AND m.erased_at IS NULL AND m.analytics_opt_out = 0";

fn segment_from(r: &crate::Row) -> Result<Segment> {
    Ok(Segment {
        id: r.i64("id")?,
        name: r.text("name")?,
        condition: r.text("condition")?,
        created_by: r.opt_i64("created_by")?,
        created_at: r.i64("created_at")?,
        updated_at: r.i64("updated_at")?,
    })
}

impl crate::Store {
    /// Members matching a condition, by id after `after`, at most `limit`.
    pub async fn condition_members(
        &self,
        c: &Condition,
        now: Millis,
        after: i64,
        limit: i64,
    ) -> Result<Vec<Person>> {
        let (cond, mut params) = compile(c, now, self.slipping_min_for(c, now).await?);
        params.push(Param::I64(after));
        let after_at = params.len();
        params.push(Param::I64(limit.clamp(1, 10_000)));
        let limit_at = params.len();
        let sql = format!(
            "{PERSON_SELECT} WHERE {LIVE} AND m.id > ${after_at} AND {cond} ORDER BY m.id LIMIT ${limit_at}"
        );
        let rows = self.db.fetch_all_compiled(sql, &args(&params)).await?;
        rows.iter().map(person_from).collect()
    }

    /// How many members match a condition.
    pub async fn condition_count(&self, c: &Condition, now: Millis) -> Result<i64> {
        let (cond, params) = compile(c, now, self.slipping_min_for(c, now).await?);
        let sql = format!("SELECT COUNT(*) AS n FROM members m WHERE {LIVE} AND {cond}");
        let rows = self.db.fetch_all_compiled(sql, &args(&params)).await?;
        rows.first().ok_or(StoreError::NotFound)?.i64("n")
    }

    /// The fewest acts of their own in the 90 days before the last 7 that put a member in
    /// the top quarter of those with any (at least 2): `slipping`'s bar at `now`.
    pub async fn slipping_min(&self, now: Millis) -> Result<i64> {
        let sql = format!(
            "SELECT a.member_id, COUNT(*) AS n FROM activities a JOIN members m ON m.id = a.member_id
             WHERE {LIVE} AND a.occurred_at >= $1 AND a.occurred_at < $2 AND (a.kind IN ({}) OR a.kind LIKE 'custom:%')
             GROUP BY a.member_id",
            participation_kinds()
        );
        let quiet = now - QUIET_FROM;
        let rows = self
            .db
            .fetch_all_compiled(sql, &[Arg::I64(quiet - RANKED_OVER), Arg::I64(quiet)])
            .await?;
        let mut counts: Vec<i64> = rows.iter().map(|r| r.i64("n")).collect::<Result<_>>()?;
        counts.sort_unstable_by(|a, b| b.cmp(a));
        let top = counts.len().div_ceil(4);
        Ok(counts
            .get(top.saturating_sub(1))
            .copied()
            .unwrap_or(0)
            .max(2))
    }

    pub(crate) async fn slipping_min_for(&self, c: &Condition, now: Millis) -> Result<i64> {
        if has_slipping(c) {
            self.slipping_min(now).await
        } else {
            Ok(0)
        }
    }

    pub async fn create_segment(
        &self,
        name: &str,
        condition: &str,
        by: Option<i64>,
        now: Millis,
    ) -> Result<i64> {
        self.db
            .fetch_one(
                "INSERT INTO segments (name, condition, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id",
                &[Arg::Text(name), Arg::Text(condition), Arg::OptI64(by), Arg::I64(now)],
            )
            .await?
            .i64("id")
    }

    pub async fn update_segment(
        &self,
        id: i64,
        name: &str,
        condition: &str,
        now: Millis,
    ) -> Result<()> {
        let n = self
            .db
            .execute(
                "UPDATE segments SET name = $1, condition = $2, updated_at = $3 WHERE id = $4",
                &[
                    Arg::Text(name),
                    Arg::Text(condition),
                    Arg::I64(now),
                    Arg::I64(id),
                ],
            )
            .await?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    pub async fn delete_segment(&self, id: i64) -> Result<()> {
        self.db
            .execute("DELETE FROM segments WHERE id = $1", &[Arg::I64(id)])
            .await?;
        Ok(())
    }

    pub async fn segments(&self) -> Result<Vec<Segment>> {
        let rows = self
            .db
            .fetch_all("SELECT * FROM segments ORDER BY name LIMIT 500", &[])
            .await?;
        rows.iter().map(segment_from).collect()
    }

    pub async fn segment(&self, id: i64) -> Result<Option<Segment>> {
        self.db
            .fetch_optional("SELECT * FROM segments WHERE id = $1", &[Arg::I64(id)])
            .await?
            .map(|r| segment_from(&r))
            .transpose()
    }
}

/// The participation kinds as an SQL list of literals. They are the code's own constants
/// (lower-case letters and `_`, checked here), so they need no binding.
fn participation_kinds() -> String {
    hearth_core::activity::PARTICIPATION
        .iter()
        .map(|k| {
            assert!(
                k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{k}"
            );
            format!("'{k}'")
        })
        .collect::<Vec<_>>()
        .join(", ")
}
