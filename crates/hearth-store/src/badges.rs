//! Badges: built-in and the owner's own, each a condition in the segment language
//! (`hearth_core::condition`) and an optional picture. A grant writes `member_badges` and
//! a `badge_granted` activity per member in one transaction; a badge is never granted
//! twice, and granting is only ever adding (a badge is not taken back when a count falls).

use crate::db::Tx;
use crate::segments::{Param, args, compile};
use crate::{Arg, Result, StoreError};
use hearth_core::condition::Condition;
use hearth_core::model::Millis;
use std::collections::HashMap;

/// A badge, with how many hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Badge {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub condition: String,
    pub image_type: Option<String>,
    pub builtin: bool,
    pub created_at: Millis,
    pub holders: i64,
}

/// A new badge; the condition is checked by the caller.
#[derive(Debug, Clone)]
pub struct NewBadge<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub condition: &'a str,
    /// The picture's bytes and media type.
    pub image: Option<(&'a [u8], &'a str)>,
    pub created_by: i64,
}

/// A badge as shown beside a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chip {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub has_image: bool,
    pub granted_at: Millis,
}

/// Who the grant considers: accounts that are neither merged away nor erased.
const LIVE: &str = "m.kind = 'account' AND m.merged_into IS NULL AND m.erased_at IS NULL";

const COLUMNS: &str =
    "b.id, b.slug, b.name, b.description, b.condition, b.image_type, b.builtin, b.created_at,
     (SELECT COUNT(*) FROM member_badges mb WHERE mb.badge_id = b.id) AS holders";

fn badge_from(r: &crate::Row) -> Result<Badge> {
    Ok(Badge {
        id: r.i64("id")?,
        slug: r.text("slug")?,
        name: r.text("name")?,
        description: r.text("description")?,
        condition: r.text("condition")?,
        image_type: r.opt_text("image_type")?,
        builtin: r.i64("builtin")? != 0,
        created_at: r.i64("created_at")?,
        holders: r.i64("holders")?,
    })
}

/// Every badge, oldest first.
pub async fn badges_in(tx: &mut Tx) -> Result<Vec<Badge>> {
    let sql = format!("SELECT {COLUMNS} FROM badges b ORDER BY b.id");
    tx.fetch_all_compiled(sql, &[])
        .await?
        .iter()
        .map(badge_from)
        .collect()
}

/// Grants `badge` to every member `condition` matches who lacks it (only those in `only`
/// when given), with a `badge_granted` activity each; returns the members granted.
pub async fn grant_in(
    tx: &mut Tx,
    badge: &Badge,
    condition: &Condition,
    only: Option<&[i64]>,
    now: Millis,
) -> Result<Vec<i64>> {
    // `slipping` is refused in a badge's condition, so its threshold is never read.
    let (cond, mut params) = compile(condition, now, 0);
    params.push(Param::I64(badge.id));
    let badge_at = params.len();
    params.push(Param::I64(now));
    let now_at = params.len();
    let only_sql = match only {
        Some([]) => return Ok(Vec::new()),
        Some(ids) => {
            let mut marks = Vec::with_capacity(ids.len());
            for id in ids {
                params.push(Param::I64(*id));
                marks.push(format!("${}", params.len()));
            }
            format!(" AND m.id IN ({})", marks.join(", "))
        }
        None => String::new(),
    };
    let sql = format!(
        "INSERT INTO member_badges (badge_id, member_id, granted_at)
         SELECT ${badge_at}, m.id, ${now_at} FROM members m
         WHERE {LIVE}{only_sql} AND {cond}
           AND NOT EXISTS (SELECT 1 FROM member_badges mb WHERE mb.badge_id = ${badge_at} AND mb.member_id = m.id)
         RETURNING member_id"
    );
    let mut granted: Vec<i64> = tx
        .fetch_all_compiled(sql, &args(&params))
        .await?
        .iter()
        .map(|r| r.i64("member_id"))
        .collect::<Result<_>>()?;
    granted.sort_unstable();
    let props = serde_json::json!({"badge": badge.slug}).to_string();
    for chunk in granted.chunks(400) {
        let mut sql = String::from(
            "INSERT INTO activities (member_id, kind, channel, target_type, target_id, properties, occurred_at, recorded_at) VALUES ",
        );
        let mut a: Vec<Arg> = vec![
            Arg::Text(hearth_core::activity::BADGE_GRANTED),
            Arg::Text(hearth_core::activity::HUB),
            Arg::I64(badge.id),
            Arg::Text(&props),
            Arg::I64(now),
        ];
        for (i, id) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push_str(", ");
            }
            a.push(Arg::I64(*id));
            sql.push_str(&format!("(${}, $1, $2, 'badge', $3, $4, $5, $5)", a.len()));
        }
        tx.execute_compiled(sql, &a).await?;
    }
    Ok(granted)
}

/// Grants every badge to whichever of `members` now qualify (all members when `None`);
/// returns how many grants were made. Badges whose condition no longer parses are skipped.
pub async fn grant_all_in(tx: &mut Tx, members: Option<&[i64]>, now: Millis) -> Result<usize> {
    let mut n = 0;
    for b in badges_in(tx).await? {
        let Ok(c) = hearth_core::condition::parse(&b.condition) else {
            continue;
        };
        n += grant_in(tx, &b, &c, members, now).await?.len();
    }
    Ok(n)
}

impl crate::Store {
    /// Every badge with its holders, oldest first.
    pub async fn badges(&self) -> Result<Vec<Badge>> {
        let mut tx = self.db.begin().await?;
        let b = badges_in(&mut tx).await?;
        tx.commit().await?;
        Ok(b)
    }

    pub async fn badge(&self, id: i64) -> Result<Option<Badge>> {
        let sql = format!("SELECT {COLUMNS} FROM badges b WHERE b.id = $1");
        self.db
            .fetch_all_compiled(sql, &[Arg::I64(id)])
            .await?
            .first()
            .map(badge_from)
            .transpose()
    }

    /// Makes a badge and grants it to everyone who already qualifies, in one transaction;
    /// returns its id and the members granted.
    pub async fn create_badge(
        &self,
        n: &NewBadge<'_>,
        condition: &Condition,
        now: Millis,
    ) -> Result<(i64, Vec<i64>)> {
        let mut tx = self.db.begin().await?;
        let id = tx
            .fetch_one(
                "INSERT INTO badges (slug, name, description, condition, builtin, created_by, created_at)
                 VALUES ($1, $2, $3, $4, 0, $5, $6) RETURNING id",
                &[
                    Arg::Text(n.slug),
                    Arg::Text(n.name),
                    Arg::Text(n.description),
                    Arg::Text(n.condition),
                    Arg::I64(n.created_by),
                    Arg::I64(now),
                ],
            )
            .await?
            .i64("id")?;
        if let Some((bytes, media)) = n.image {
            tx.execute(
                "UPDATE badges SET image = $1, image_type = $2 WHERE id = $3",
                &[Arg::Bytes(bytes), Arg::Text(media), Arg::I64(id)],
            )
            .await?;
        }
        let badge = Badge {
            id,
            slug: n.slug.to_owned(),
            name: n.name.to_owned(),
            description: n.description.to_owned(),
            condition: n.condition.to_owned(),
            image_type: n.image.map(|i| i.1.to_owned()),
            builtin: false,
            created_at: now,
            holders: 0,
        };
        let granted = grant_in(&mut tx, &badge, condition, None, now).await?;
        tx.commit().await?;
        Ok((id, granted))
    }

    /// Deletes one of the owner's badges (and every grant of it); built-ins stay.
    pub async fn delete_badge(&self, id: i64) -> Result<()> {
        let mut tx = self.db.begin().await?;
        tx.execute(
            "DELETE FROM member_badges WHERE badge_id = $1 AND EXISTS (SELECT 1 FROM badges b WHERE b.id = $1 AND b.builtin = 0)",
            &[Arg::I64(id)],
        )
        .await?;
        let n = tx
            .execute(
                "DELETE FROM badges WHERE id = $1 AND builtin = 0",
                &[Arg::I64(id)],
            )
            .await?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        tx.commit().await?;
        Ok(())
    }

    /// A badge's picture: its bytes and media type.
    pub async fn badge_image(&self, id: i64) -> Result<Option<(Vec<u8>, String)>> {
        let Some(r) = self
            .db
            .fetch_optional(
                "SELECT image, image_type FROM badges WHERE id = $1 AND image IS NOT NULL",
                &[Arg::I64(id)],
            )
            .await?
        else {
            return Ok(None);
        };
        Ok(Some((r.bytes("image")?, r.text("image_type")?)))
    }

    /// Grants every badge to whoever qualifies now (the nightly sweep, for conditions that
    /// time alone makes true, such as `joined > 365d`); returns the grants made.
    pub async fn grant_badges(&self, members: Option<&[i64]>, now: Millis) -> Result<usize> {
        let mut tx = self.db.begin().await?;
        let n = grant_all_in(&mut tx, members, now).await?;
        tx.commit().await?;
        Ok(n)
    }

    /// The badges of each of `members`, newest first: one query for a page of names.
    pub async fn badge_chips(&self, members: &[i64]) -> Result<HashMap<i64, Vec<Chip>>> {
        let mut out: HashMap<i64, Vec<Chip>> = HashMap::new();
        let mut ids = members.to_vec();
        ids.sort_unstable();
        ids.dedup();
        for chunk in ids.chunks(500) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT mb.member_id, b.id, b.slug, b.name, b.image_type, mb.granted_at
                 FROM member_badges mb JOIN badges b ON b.id = mb.badge_id
                 WHERE mb.member_id IN ({}) ORDER BY mb.granted_at DESC, b.id DESC",
                marks.join(", ")
            );
            let a: Vec<Arg> = chunk.iter().map(|id| Arg::I64(*id)).collect();
            for r in self.db.fetch_all_compiled(sql, &a).await? {
                out.entry(r.i64("member_id")?).or_default().push(Chip {
                    id: r.i64("id")?,
                    slug: r.text("slug")?,
                    name: r.text("name")?,
                    has_image: r.opt_text("image_type")?.is_some(),
                    granted_at: r.i64("granted_at")?,
                });
            }
        }
        Ok(out)
    }

    /// Who holds a badge, most recent first.
    pub async fn badge_holders(&self, badge: i64, limit: i64) -> Result<Vec<(i64, Millis)>> {
        self.db
            .fetch_all(
                "SELECT member_id, granted_at FROM member_badges WHERE badge_id = $1
                 ORDER BY granted_at DESC, member_id LIMIT $2",
                &[Arg::I64(badge), Arg::I64(limit.clamp(1, 1000))],
            )
            .await?
            .iter()
            .map(|r| Ok((r.i64("member_id")?, r.i64("granted_at")?)))
            .collect()
    }
}
