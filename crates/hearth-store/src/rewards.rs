//! The rewards catalogue and redemptions. A redemption is one transaction: it locks the
//! ledger's end (so every spend of every member is serialised, on both databases), checks
//! the balance, the level, the member's limit and the stock, takes a code when the reward
//! hands one out, appends the debit to the ledger, and records the redemption and its
//! activity. A refusal writes nothing. A cancelled redemption refunds its points with a new
//! entry; nothing is edited.

use crate::points::{NewEntry, lock_head};
use crate::{Arg, Result, Row, Store, StoreError};
use hearth_core::model::Millis;
use hearth_core::points::EntryKind;

/// A catalogue item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reward {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub cost: i64,
    /// What is left; `None` for no limit. For a code reward: the codes not yet given.
    pub stock: Option<i64>,
    pub per_member_limit: Option<i64>,
    /// `code`, `perk` or `space`.
    pub kind: String,
    pub space_id: Option<i64>,
    pub min_level: i64,
    pub active: bool,
    pub created_at: Millis,
}

/// A reward to add.
#[derive(Debug, Clone)]
pub struct NewReward<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub cost: i64,
    pub stock: Option<i64>,
    pub per_member_limit: Option<i64>,
    pub kind: &'a str,
    pub space_id: Option<i64>,
    pub min_level: i64,
    pub created_by: i64,
}

/// One redemption, with its reward's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redemption {
    pub id: i64,
    pub reward_id: i64,
    pub reward_name: String,
    pub member_id: i64,
    pub cost: i64,
    pub entry_id: i64,
    pub code: Option<String>,
    /// `pending` (to fulfil by hand), `fulfilled` or `cancelled`.
    pub status: String,
    pub created_at: Millis,
    pub fulfilled_at: Option<Millis>,
}

/// Why a redemption was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    NotFound,
    Inactive,
    TooFewPoints { balance: i64, cost: i64 },
    LevelTooLow { level: i64, needed: i64 },
    LimitReached { limit: i64 },
    OutOfStock,
}

const REWARD_COLUMNS: &str = "r.id, r.name, r.description, r.cost, r.per_member_limit, r.kind, r.space_id, r.min_level, r.active, r.created_at,
     CASE WHEN r.kind = 'code' THEN (SELECT COUNT(*) FROM reward_codes c WHERE c.reward_id = r.id AND c.redemption_id IS NULL) ELSE r.stock END AS stock";

fn reward_from(r: &Row) -> Result<Reward> {
    Ok(Reward {
        id: r.i64("id")?,
        name: r.text("name")?,
        description: r.text("description")?,
        cost: r.i64("cost")?,
        stock: r.opt_i64("stock")?,
        per_member_limit: r.opt_i64("per_member_limit")?,
        kind: r.text("kind")?,
        space_id: r.opt_i64("space_id")?,
        min_level: r.i64("min_level")?,
        active: r.i64("active")? != 0,
        created_at: r.i64("created_at")?,
    })
}

const REDEMPTION_COLUMNS: &str = "d.id, d.reward_id, r.name AS reward_name, d.member_id, d.cost, d.entry_id, d.code, d.status, d.created_at, d.fulfilled_at";

fn redemption_from(r: &Row) -> Result<Redemption> {
    Ok(Redemption {
        id: r.i64("id")?,
        reward_id: r.i64("reward_id")?,
        reward_name: r.text("reward_name")?,
        member_id: r.i64("member_id")?,
        cost: r.i64("cost")?,
        entry_id: r.i64("entry_id")?,
        code: r.opt_text("code")?,
        status: r.text("status")?,
        created_at: r.i64("created_at")?,
        fulfilled_at: r.opt_i64("fulfilled_at")?,
    })
}

impl Store {
    pub async fn create_reward(&self, n: &NewReward<'_>, now: Millis) -> Result<i64> {
        self.db
            .fetch_one(
                "INSERT INTO rewards (name, description, cost, stock, per_member_limit, kind, space_id, min_level, active, created_by, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10) RETURNING id",
                &[
                    Arg::Text(n.name),
                    Arg::Text(n.description),
                    Arg::I64(n.cost),
                    Arg::OptI64(if n.kind == "code" { None } else { n.stock }),
                    Arg::OptI64(n.per_member_limit),
                    Arg::Text(n.kind),
                    Arg::OptI64(n.space_id),
                    Arg::I64(n.min_level),
                    Arg::I64(n.created_by),
                    Arg::I64(now),
                ],
            )
            .await?
            .i64("id")
    }

    /// Switches a reward on or off (off: members no longer see or redeem it).
    pub async fn set_reward_active(&self, id: i64, active: bool) -> Result<()> {
        let n = self
            .db
            .execute(
                "UPDATE rewards SET active = $1 WHERE id = $2",
                &[Arg::I64(i64::from(active)), Arg::I64(id)],
            )
            .await?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// The catalogue, cheapest first (`active_only` for members).
    pub async fn rewards(&self, active_only: bool) -> Result<Vec<Reward>> {
        let sql = format!(
            "SELECT {REWARD_COLUMNS} FROM rewards r WHERE ($1 = 0 OR r.active = 1) ORDER BY r.cost, r.id LIMIT 500"
        );
        let rows = self
            .db
            .fetch_all_compiled(sql, &[Arg::I64(i64::from(active_only))])
            .await?;
        rows.iter().map(reward_from).collect()
    }

    pub async fn reward(&self, id: i64) -> Result<Option<Reward>> {
        let sql = format!("SELECT {REWARD_COLUMNS} FROM rewards r WHERE r.id = $1");
        let rows = self.db.fetch_all_compiled(sql, &[Arg::I64(id)]).await?;
        rows.first().map(reward_from).transpose()
    }

    /// Adds discount codes to a code reward; a code it has already is skipped. Returns how
    /// many were added.
    pub async fn add_reward_codes(
        &self,
        reward_id: i64,
        codes: &[String],
        now: Millis,
    ) -> Result<usize> {
        let mut tx = self.db.begin().await?;
        let mut added = 0;
        for c in codes {
            added += tx
                .execute(
                    "INSERT INTO reward_codes (reward_id, code, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    &[Arg::I64(reward_id), Arg::Text(c), Arg::I64(now)],
                )
                .await? as usize;
        }
        tx.commit().await?;
        Ok(added)
    }

    /// Spends `member_id`'s points on `reward_id`, or says why not (writing nothing).
    pub async fn redeem(
        &self,
        member_id: i64,
        reward_id: i64,
        now: Millis,
    ) -> Result<std::result::Result<Redemption, Refusal>> {
        let mut tx = self.db.begin().await?;
        // First the lock every ledger writer takes: from here on this member's balance
        // cannot move under us.
        let mut head = lock_head(&mut tx).await?;
        let sql = format!("SELECT {REWARD_COLUMNS} FROM rewards r WHERE r.id = $1");
        let Some(reward) = tx
            .fetch_all_compiled(sql, &[Arg::I64(reward_id)])
            .await?
            .first()
            .map(reward_from)
            .transpose()?
        else {
            return Ok(Err(Refusal::NotFound));
        };
        if !reward.active {
            return Ok(Err(Refusal::Inactive));
        }
        let points = tx
            .fetch_optional(
                "SELECT balance, level FROM point_balances WHERE member_id = $1",
                &[Arg::I64(member_id)],
            )
            .await?;
        let (balance, level) = match points {
            Some(r) => (r.i64("balance")?, r.i64("level")?),
            None => (0, 1),
        };
        if level < reward.min_level {
            return Ok(Err(Refusal::LevelTooLow {
                level,
                needed: reward.min_level,
            }));
        }
        if balance < reward.cost {
            return Ok(Err(Refusal::TooFewPoints {
                balance,
                cost: reward.cost,
            }));
        }
        if let Some(limit) = reward.per_member_limit {
            let taken = tx
                .fetch_one(
                    "SELECT COUNT(*) AS n FROM redemptions WHERE reward_id = $1 AND member_id = $2 AND status <> 'cancelled'",
                    &[Arg::I64(reward_id), Arg::I64(member_id)],
                )
                .await?
                .i64("n")?;
            if taken >= limit {
                return Ok(Err(Refusal::LimitReached { limit }));
            }
        }
        let code = if reward.kind == "code" {
            let Some(c) = tx
                .fetch_optional(
                    "SELECT id, code FROM reward_codes WHERE reward_id = $1 AND redemption_id IS NULL ORDER BY id LIMIT 1",
                    &[Arg::I64(reward_id)],
                )
                .await?
            else {
                return Ok(Err(Refusal::OutOfStock));
            };
            Some((c.i64("id")?, c.text("code")?))
        } else {
            if reward.stock == Some(0) {
                return Ok(Err(Refusal::OutOfStock));
            }
            if reward.stock.is_some() {
                tx.execute(
                    "UPDATE rewards SET stock = stock - 1 WHERE id = $1",
                    &[Arg::I64(reward_id)],
                )
                .await?;
            }
            None
        };
        let reason = format!("reward:{reward_id}");
        let (entry_id, _) = head
            .append(
                &mut tx,
                &NewEntry {
                    member_id,
                    amount: -reward.cost,
                    kind: EntryKind::Redeem,
                    reason: &reason,
                    activity_id: None,
                    actor_id: Some(member_id),
                    target_type: Some("reward"),
                    target_id: Some(reward_id),
                    space_id: None,
                    occurred_at: now,
                },
                now,
            )
            .await?;
        head.finish(&mut tx).await?;
        // A code or a space is handed over at once; a perk waits for staff.
        let status = if reward.kind == "perk" {
            "pending"
        } else {
            "fulfilled"
        };
        let id = tx
            .fetch_one(
                "INSERT INTO redemptions (reward_id, member_id, cost, entry_id, code, status, created_at, fulfilled_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                &[
                    Arg::I64(reward_id),
                    Arg::I64(member_id),
                    Arg::I64(reward.cost),
                    Arg::I64(entry_id),
                    Arg::OptText(code.as_ref().map(|(_, c)| c.as_str())),
                    Arg::Text(status),
                    Arg::I64(now),
                    Arg::OptI64((status == "fulfilled").then_some(now)),
                ],
            )
            .await?
            .i64("id")?;
        if let Some((code_id, _)) = &code {
            tx.execute(
                "UPDATE reward_codes SET redemption_id = $1 WHERE id = $2",
                &[Arg::I64(id), Arg::I64(*code_id)],
            )
            .await?;
        }
        if let (Some(space), "space") = (reward.space_id, reward.kind.as_str()) {
            crate::spaces::grant_member_in(&mut tx, space, member_id, now).await?;
        }
        let properties = serde_json::json!({ "cost": reward.cost }).to_string();
        crate::activity::append(
            &mut tx,
            &crate::activity::NewActivity {
                member_id,
                kind: hearth_core::activity::REWARD_REDEEMED,
                channel: hearth_core::activity::HUB,
                target_type: Some("reward"),
                target_id: Some(reward_id),
                space_id: None,
                properties: Some(&properties),
                occurred_at: now,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(Redemption {
            id,
            reward_id,
            reward_name: reward.name,
            member_id,
            cost: reward.cost,
            entry_id,
            code: code.map(|(_, c)| c),
            status: status.to_string(),
            created_at: now,
            fulfilled_at: (status == "fulfilled").then_some(now),
        }))
    }

    /// A member's redemptions, newest first.
    pub async fn member_redemptions(&self, member_id: i64) -> Result<Vec<Redemption>> {
        let sql = format!(
            "SELECT {REDEMPTION_COLUMNS} FROM redemptions d JOIN rewards r ON r.id = d.reward_id
             WHERE d.member_id = $1 ORDER BY d.id DESC LIMIT 200"
        );
        let rows = self
            .db
            .fetch_all_compiled(sql, &[Arg::I64(member_id)])
            .await?;
        rows.iter().map(redemption_from).collect()
    }

    /// Every redemption with `status` (all when empty), newest first.
    pub async fn redemptions(&self, status: &str, limit: i64) -> Result<Vec<Redemption>> {
        let sql = format!(
            "SELECT {REDEMPTION_COLUMNS} FROM redemptions d JOIN rewards r ON r.id = d.reward_id
             WHERE ($1 = '' OR d.status = $1) ORDER BY d.id DESC LIMIT $2"
        );
        let rows = self
            .db
            .fetch_all_compiled(sql, &[Arg::Text(status), Arg::I64(limit.clamp(1, 500))])
            .await?;
        rows.iter().map(redemption_from).collect()
    }

    pub async fn redemption(&self, id: i64) -> Result<Option<Redemption>> {
        let sql = format!(
            "SELECT {REDEMPTION_COLUMNS} FROM redemptions d JOIN rewards r ON r.id = d.reward_id WHERE d.id = $1"
        );
        let rows = self.db.fetch_all_compiled(sql, &[Arg::I64(id)]).await?;
        rows.first().map(redemption_from).transpose()
    }

    /// Marks a pending redemption fulfilled; false when it was not pending.
    pub async fn fulfil_redemption(&self, id: i64, by: i64, now: Millis) -> Result<bool> {
        Ok(self
            .db
            .execute(
                "UPDATE redemptions SET status = 'fulfilled', fulfilled_at = $1, fulfilled_by = $2 WHERE id = $3 AND status = 'pending'",
                &[Arg::I64(now), Arg::I64(by), Arg::I64(id)],
            )
            .await?
            > 0)
    }

    /// Cancels a pending redemption: its points come back as a refund entry and its stock
    /// returns. False when it was not pending.
    pub async fn cancel_redemption(&self, id: i64, by: i64, now: Millis) -> Result<bool> {
        let mut tx = self.db.begin().await?;
        let mut head = lock_head(&mut tx).await?;
        let Some(r) = tx
            .fetch_optional(
                "SELECT reward_id, member_id, cost FROM redemptions WHERE id = $1 AND status = 'pending'",
                &[Arg::I64(id)],
            )
            .await?
        else {
            return Ok(false);
        };
        let (reward_id, member_id, cost) =
            (r.i64("reward_id")?, r.i64("member_id")?, r.i64("cost")?);
        tx.execute(
            "UPDATE redemptions SET status = 'cancelled', fulfilled_at = $1, fulfilled_by = $2 WHERE id = $3",
            &[Arg::I64(now), Arg::I64(by), Arg::I64(id)],
        )
        .await?;
        tx.execute(
            "UPDATE rewards SET stock = stock + 1 WHERE id = $1 AND stock IS NOT NULL",
            &[Arg::I64(reward_id)],
        )
        .await?;
        let reason = format!("reward:{reward_id}");
        head.append(
            &mut tx,
            &NewEntry {
                member_id,
                amount: cost,
                kind: EntryKind::Refund,
                reason: &reason,
                activity_id: None,
                actor_id: Some(by),
                target_type: Some("reward"),
                target_id: Some(reward_id),
                space_id: None,
                occurred_at: now,
            },
            now,
        )
        .await?;
        head.finish(&mut tx).await?;
        tx.commit().await?;
        Ok(true)
    }
}
