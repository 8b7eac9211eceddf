//! The community itself: its one row of settings, created by setup together with the owner.

use crate::members::{NewMember, create_member_in};
use crate::{Arg, Result, Row, Store, StoreError};
use hearth_core::model::{Community, Member};
use hearth_core::values::{JoinMode, Role};

fn community_from(r: &Row) -> Result<Community> {
    Ok(Community {
        name: r.text("name")?,
        tagline: r.opt_text("tagline")?,
        accent_color: r.text("accent_color")?,
        logo_upload_id: r.opt_i64("logo_upload_id")?,
        created_at: r.i64("created_at")?,
        public_mod_log: r.i64("public_mod_log")? != 0,
        join_mode: JoinMode::parse(&r.text("join_mode")?)
            .map_err(|e| StoreError::Decode(e.to_string()))?,
        join_questions: r
            .text("join_questions")?
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect(),
        guidelines_md: r.text("guidelines_md")?,
        guidelines_html: r.text("guidelines_html")?,
        guidelines_version: r.i64("guidelines_version")?,
        trust_settings: r.text("trust_settings")?,
        spam_threshold: r.i64("spam_threshold")?,
        default_language: r.text("default_language")?,
        default_time_zone: r.text("default_time_zone")?,
        insights_role: Role::parse(&r.text("insights_role")?)
            .map_err(|e| StoreError::Decode(e.to_string()))?,
    })
}

/// The branding an admin can change.
#[derive(Debug, Clone)]
pub struct Branding<'a> {
    pub name: &'a str,
    pub tagline: Option<&'a str>,
    pub accent_color: &'a str,
    pub logo_upload_id: Option<i64>,
}

impl Store {
    /// The community, or `None` before setup.
    pub async fn community(&self) -> Result<Option<Community>> {
        let row = self
            .db
            .fetch_optional("SELECT name, tagline, accent_color, logo_upload_id, created_at, public_mod_log, join_mode, join_questions,
                    guidelines_md, guidelines_html, guidelines_version, trust_settings, spam_threshold,
                    default_language, default_time_zone, insights_role
             FROM community WHERE id = 1", &[])
            .await?;
        row.as_ref().map(community_from).transpose()
    }

    /// Creates the community and its owner in one transaction. Fails with
    /// [`StoreError::AlreadySetUp`] if it exists.
    pub async fn setup_community(
        &self,
        name: &str,
        accent_color: &str,
        owner: &NewMember<'_>,
        now: i64,
    ) -> Result<Member> {
        let mut tx = self.db.begin().await?;
        let exists = tx
            .fetch_optional("SELECT id FROM community WHERE id = 1", &[])
            .await?;
        if exists.is_some() {
            return Err(StoreError::AlreadySetUp);
        }
        tx.execute(
            "INSERT INTO community (id, name, accent_color, created_at) VALUES (1, $1, $2, $3)",
            &[Arg::Text(name), Arg::Text(accent_color), Arg::I64(now)],
        )
        .await
        .map_err(|e| match e {
            StoreError::Conflict { .. } => StoreError::AlreadySetUp,
            other => other,
        })?;
        let member = create_member_in(&mut tx, owner, now).await?;
        tx.commit().await?;
        Ok(member)
    }

    /// Saves the branding; a logo it no longer uses is deleted in the same transaction.
    pub async fn update_branding(&self, b: &Branding<'_>) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let old = tx
            .fetch_optional("SELECT logo_upload_id FROM community WHERE id = 1", &[])
            .await?
            .ok_or(StoreError::NotFound)?
            .opt_i64("logo_upload_id")?;
        tx.execute(
            "UPDATE community SET name = $1, tagline = $2, accent_color = $3, logo_upload_id = $4 WHERE id = 1",
            &[Arg::Text(b.name), Arg::OptText(b.tagline), Arg::Text(b.accent_color), Arg::OptI64(b.logo_upload_id)],
        )
        .await?;
        if let Some(old) = old.filter(|o| Some(*o) != b.logo_upload_id) {
            tx.execute("DELETE FROM uploads WHERE id = $1", &[Arg::I64(old)])
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The owner's engagement weights as JSON, or "" for the defaults.
    pub async fn engagement_weights(&self) -> Result<String> {
        match self
            .db
            .fetch_optional("SELECT engagement_weights FROM community WHERE id = 1", &[])
            .await?
        {
            Some(r) => r.text("engagement_weights"),
            None => Ok(String::new()),
        }
    }

    /// Stores the engagement weights (JSON checked by the caller; "" for the defaults).
    pub async fn set_engagement_weights(&self, json: &str) -> Result<()> {
        let n = self
            .db
            .execute(
                "UPDATE community SET engagement_weights = $1 WHERE id = 1",
                &[Arg::Text(json)],
            )
            .await?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Sets the lowest role that may open Insights (moderator or admin).
    pub async fn set_insights_role(&self, role: Role) -> Result<()> {
        let n = self
            .db
            .execute(
                "UPDATE community SET insights_role = $1 WHERE id = 1",
                &[Arg::Text(role.as_str())],
            )
            .await?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Sets the language and time zone pages and mail use unless a member chose theirs.
    pub async fn set_community_locale(&self, language: &str, time_zone: &str) -> Result<()> {
        let n = self
            .db
            .execute(
                "UPDATE community SET default_language = $1, default_time_zone = $2 WHERE id = 1",
                &[Arg::Text(language), Arg::Text(time_zone)],
            )
            .await?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}
