//! Invitation experiments: written once, with everyone in them and their group, and never
//! edited (there is no update here), so a result cannot be steered after the start. The
//! invited get one email invitation each, written in the same transaction as the
//! experiment: nothing is half-started.
//!
//! Outcomes follow each person's own record: the record itself, the record it was merged
//! into, and any account opened since the start with one of its addresses.

use crate::audit::{NewAudit, audit_in};
use crate::membership::{NewInvite, create_invite_in};
use crate::{Arg, Result, Store};
use hearth_core::activity as k;
use hearth_core::audit::AuditAction;
use hearth_core::model::Millis;

/// An experiment as it was started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Experiment {
    pub id: i64,
    pub name: String,
    pub segment_id: Option<i64>,
    pub segment_name: String,
    pub condition: String,
    pub seed: i64,
    pub holdout_percent: i64,
    pub outcome_days: i64,
    /// JSON: who the segment had that could not take part.
    pub left_out: String,
    pub created_by: Option<i64>,
    pub started_at: Millis,
    pub ends_at: Millis,
    pub invited: i64,
    pub holdout: i64,
}

/// One person placed in a group; the invited carry their invitation.
pub struct Placed<'a> {
    pub member_id: i64,
    pub invite: Option<NewInvite<'a>>,
}

/// What became of one person since the start, up to the end asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub member_id: i64,
    pub invited: bool,
    /// Their record became an account, was merged into one, or an account opened since
    /// the start shares one of their addresses; or their invitation was used.
    pub joined: bool,
    /// Paid less refunded since the start, in minor units.
    pub spend_cents: i64,
    pub purchases: i64,
    /// They (or the account they became) asked not to be counted in analytics.
    pub opted_out: bool,
}

fn experiment_from(r: &crate::Row) -> Result<Experiment> {
    Ok(Experiment {
        id: r.i64("id")?,
        name: r.text("name")?,
        segment_id: r.opt_i64("segment_id")?,
        segment_name: r.text("segment_name")?,
        condition: r.text("condition")?,
        seed: r.i64("seed")?,
        holdout_percent: r.i64("holdout_percent")?,
        outcome_days: r.i64("outcome_days")?,
        left_out: r.text("left_out")?,
        created_by: r.opt_i64("created_by")?,
        started_at: r.i64("started_at")?,
        ends_at: r.i64("ends_at")?,
        invited: r.i64("invited")?,
        holdout: r.i64("holdout")?,
    })
}

const SELECT: &str = "SELECT e.*,
    (SELECT COUNT(*) FROM insight_experiment_people p WHERE p.experiment_id = e.id AND p.invited = 1) AS invited,
    (SELECT COUNT(*) FROM insight_experiment_people p WHERE p.experiment_id = e.id AND p.invited = 0) AS holdout
    FROM insight_experiments e";

/// The most experiments listed.
pub const MAX_LISTED: i64 = 200;

/// Every record an outcome of the experiment's people may sit on: their own, the one
/// they were merged into, and accounts opened since the start (`$2`) with one of their
/// addresses. `$1` is the experiment. A macro, so statements stay `&'static str`.
macro_rules! linked_records {
    () => {
        "SELECT p.member_id AS person, p.member_id AS record FROM insight_experiment_people p WHERE p.experiment_id = $1
         UNION SELECT p.member_id, m.merged_into FROM insight_experiment_people p JOIN members m ON m.id = p.member_id
           WHERE p.experiment_id = $1 AND m.merged_into IS NOT NULL
         UNION SELECT p.member_id, a.id FROM insight_experiment_people p
           JOIN identities i ON i.member_id = p.member_id AND i.email <> ''
           JOIN members a ON lower(a.email) = lower(i.email) AND a.kind = 'account' AND a.merged_into IS NULL
             AND a.created_at >= $2 AND a.id <> p.member_id
           WHERE p.experiment_id = $1"
    };
}

impl Store {
    /// Starts an experiment: the experiment, everyone in it with their group, the invited
    /// group's invitations (each with its mail job) and one audit row, in one transaction.
    pub async fn start_experiment(&self, e: &Experiment, people: &[Placed<'_>]) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let id = tx
            .fetch_one(
                "INSERT INTO insight_experiments (name, segment_id, segment_name, condition, seed, holdout_percent, outcome_days, left_out, created_by, started_at, ends_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
                &[
                    Arg::Text(&e.name),
                    Arg::OptI64(e.segment_id),
                    Arg::Text(&e.segment_name),
                    Arg::Text(&e.condition),
                    Arg::I64(e.seed),
                    Arg::I64(e.holdout_percent),
                    Arg::I64(e.outcome_days),
                    Arg::Text(&e.left_out),
                    Arg::OptI64(e.created_by),
                    Arg::I64(e.started_at),
                    Arg::I64(e.ends_at),
                ],
            )
            .await?
            .i64("id")?;
        for p in people {
            let invite_id = match &p.invite {
                Some(i) => Some(create_invite_in(&mut tx, i, e.started_at).await?),
                None => None,
            };
            tx.execute(
                "INSERT INTO insight_experiment_people (experiment_id, member_id, invited, invite_id) VALUES ($1, $2, $3, $4)",
                &[
                    Arg::I64(id),
                    Arg::I64(p.member_id),
                    Arg::I64(i64::from(p.invite.is_some())),
                    Arg::OptI64(invite_id),
                ],
            )
            .await?;
        }
        let details = serde_json::json!({
            "segment": e.segment_name, "seed": e.seed, "holdout_percent": e.holdout_percent,
            "people": people.len(),
        })
        .to_string();
        audit_in(
            &mut tx,
            &NewAudit::new(
                e.created_by,
                AuditAction::InsightsExperimentStarted,
                Some(("experiment", id)),
                None,
                Some(&details),
            ),
            e.started_at,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The latest experiments, newest first (at most [`MAX_LISTED`]).
    pub async fn experiments(&self) -> Result<Vec<Experiment>> {
        let sql = format!("{SELECT} ORDER BY e.id DESC LIMIT {MAX_LISTED}");
        let rows = self.db.fetch_all_compiled(sql, &[]).await?;
        rows.iter().map(experiment_from).collect()
    }

    pub async fn experiment(&self, id: i64) -> Result<Option<Experiment>> {
        let sql = format!("{SELECT} WHERE e.id = $1");
        let rows = self.db.fetch_all_compiled(sql, &[Arg::I64(id)]).await?;
        rows.first().map(experiment_from).transpose()
    }

    /// Everyone in experiment `id` with their group: `(member_id, invited)`, by id.
    pub async fn experiment_people(&self, id: i64) -> Result<Vec<(i64, bool)>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT member_id, invited FROM insight_experiment_people WHERE experiment_id = $1 ORDER BY member_id",
                &[Arg::I64(id)],
            )
            .await?;
        rows.iter()
            .map(|r| Ok((r.i64("member_id")?, r.i64("invited")? == 1)))
            .collect()
    }

    /// What became of each person in experiment `e` from its start to `until`.
    pub async fn experiment_outcomes(&self, e: &Experiment, until: Millis) -> Result<Vec<Outcome>> {
        let people = self
            .db
            .fetch_all(
                "SELECT p.member_id, p.invited, COALESCE(i.uses, 0) AS uses, m.kind, m.analytics_opt_out,
                        r.kind AS root_kind, COALESCE(r.analytics_opt_out, 0) AS root_opt_out
                 FROM insight_experiment_people p JOIN members m ON m.id = p.member_id
                 LEFT JOIN members r ON r.id = m.merged_into
                 LEFT JOIN invites i ON i.id = p.invite_id
                 WHERE p.experiment_id = $1 ORDER BY p.member_id",
                &[Arg::I64(e.id)],
            )
            .await?;
        let mut out = Vec::with_capacity(people.len());
        let mut at = std::collections::HashMap::new();
        for r in &people {
            let member_id = r.i64("member_id")?;
            at.insert(member_id, out.len());
            out.push(Outcome {
                member_id,
                invited: r.i64("invited")? == 1,
                joined: r.i64("uses")? > 0
                    || r.text("kind")? == "account"
                    || r.opt_text("root_kind")?.as_deref() == Some("account"),
                spend_cents: 0,
                purchases: 0,
                opted_out: r.i64("analytics_opt_out")? == 1 || r.i64("root_opt_out")? == 1,
            });
        }
        // Accounts opened since the start with one of a person's addresses.
        let accounts = self
            .db
            .fetch_all(
                "SELECT DISTINCT p.member_id, a.analytics_opt_out FROM insight_experiment_people p
                 JOIN identities i ON i.member_id = p.member_id AND i.email <> ''
                 JOIN members a ON lower(a.email) = lower(i.email) AND a.kind = 'account' AND a.merged_into IS NULL
                   AND a.created_at >= $2 AND a.id <> p.member_id
                 WHERE p.experiment_id = $1",
                &[Arg::I64(e.id), Arg::I64(e.started_at)],
            )
            .await?;
        for r in &accounts {
            if let Some(&n) = at.get(&r.i64("member_id")?) {
                out[n].joined = true;
                out[n].opted_out |= r.i64("analytics_opt_out")? == 1;
            }
        }
        let money = self
            .db
            .fetch_all(
                concat!(
                    "SELECT l.person, a.kind, a.weight FROM (",
                    linked_records!(),
                    ") l JOIN activities a ON a.member_id = l.record
                     WHERE a.occurred_at >= $2 AND a.occurred_at < $3 AND a.kind IN ($4, $5, $6, $7, $8)"
                ),
                &[
                    Arg::I64(e.id),
                    Arg::I64(e.started_at),
                    Arg::I64(until),
                    Arg::Text(k::ORDER_PLACED),
                    Arg::Text(k::PAYMENT_MADE),
                    Arg::Text(k::PURCHASED),
                    Arg::Text(k::ORDER_REFUNDED),
                    Arg::Text(k::PAYMENT_REFUNDED),
                ],
            )
            .await?;
        for r in &money {
            let Some(&n) = at.get(&r.i64("person")?) else {
                continue;
            };
            let amount = r.i64("weight")?.abs();
            match r.text("kind")?.as_str() {
                k::ORDER_REFUNDED | k::PAYMENT_REFUNDED => out[n].spend_cents -= amount,
                _ => {
                    out[n].spend_cents += amount;
                    out[n].purchases += 1;
                }
            }
        }
        Ok(out)
    }

    /// Of `ids`, those whose latest mailing-list change is an unsubscription or a cleaned
    /// address: they are not to be written to.
    pub async fn unsubscribed_among(&self, ids: &[i64]) -> Result<Vec<i64>> {
        let mut out = Vec::new();
        for chunk in ids.chunks(500) {
            let list: Vec<String> = chunk.iter().map(i64::to_string).collect();
            let sql = format!(
                "SELECT a.member_id FROM activities a WHERE a.member_id IN ({}) AND a.kind IN ($1, $2, $3)
                 AND a.occurred_at = (SELECT MAX(b.occurred_at) FROM activities b WHERE b.member_id = a.member_id AND b.kind IN ($1, $2, $3))
                 AND a.kind <> $1 GROUP BY a.member_id",
                list.join(", ")
            );
            for r in self
                .db
                .fetch_all_compiled(
                    sql,
                    &[
                        Arg::Text(k::SUBSCRIBED),
                        Arg::Text(k::UNSUBSCRIBED),
                        Arg::Text(k::EMAIL_CLEANED),
                    ],
                )
                .await?
            {
                out.push(r.i64("member_id")?);
            }
        }
        Ok(out)
    }

    /// People in an experiment still running at `now`: not to be placed in another.
    pub async fn people_in_running_experiments(&self, now: Millis) -> Result<Vec<i64>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT DISTINCT p.member_id FROM insight_experiment_people p
                 JOIN insight_experiments e ON e.id = p.experiment_id WHERE e.ends_at > $1",
                &[Arg::I64(now)],
            )
            .await?;
        rows.iter().map(|r| r.i64("member_id")).collect()
    }

    /// Of `emails` (lower case), those an account already has.
    pub async fn account_emails_among(&self, emails: &[String]) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for chunk in emails.chunks(500) {
            let marks: Vec<String> = (1..=chunk.len()).map(|k| format!("${k}")).collect();
            let sql = format!(
                "SELECT DISTINCT lower(email) AS email FROM members WHERE kind = 'account' AND merged_into IS NULL AND lower(email) IN ({})",
                marks.join(", ")
            );
            let args: Vec<Arg<'_>> = chunk.iter().map(|e| Arg::Text(e)).collect();
            for r in self.db.fetch_all_compiled(sql, &args).await? {
                out.push(r.text("email")?);
            }
        }
        Ok(out)
    }
}
