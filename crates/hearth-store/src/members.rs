//! Members, their sessions and their API tokens. Secrets (session ids, tokens) are stored
//! only as hashes; the caller hashes before asking.

use crate::activity::{self, NewActivity};
use crate::{Arg, Result, Row, Store, StoreError, Tx};
use hearth_core::model::{Author, Member, Millis};
use hearth_core::values::Role;

/// A member to create. The password is already hashed.
/// An API token as its owner and the admins see it: never the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: i64,
    pub member_id: i64,
    pub name: String,
    pub created_at: Millis,
    pub last_used_at: Option<Millis>,
    pub expires_at: Option<Millis>,
    /// What it may be used for, as stored (`read,write`); `None` for a member's full rights.
    pub scopes: Option<String>,
    /// Requests a minute it may make; `None` for the default.
    pub rate_per_minute: Option<i64>,
}

/// A token to store: its secret's hash, and its terms.
#[derive(Debug, Clone)]
pub struct NewToken<'a> {
    pub member_id: i64,
    pub name: &'a str,
    pub token_hash: &'a str,
    pub expires_at: Option<Millis>,
    pub scopes: Option<&'a str>,
    pub rate_per_minute: Option<i64>,
}

/// What a live token grants, read with its member on every API call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenGrant {
    pub id: i64,
    pub scopes: Option<String>,
    pub rate_per_minute: Option<i64>,
}

/// The columns of an [`ApiToken`], for `concat!` into each query.
macro_rules! token_columns {
    () => {
        "id, member_id, name, created_at, last_used_at, expires_at, scopes, rate_per_minute"
    };
}

fn token_from(r: &Row) -> Result<ApiToken> {
    Ok(ApiToken {
        id: r.i64("id")?,
        member_id: r.i64("member_id")?,
        name: r.text("name")?,
        created_at: r.i64("created_at")?,
        last_used_at: r.opt_i64("last_used_at")?,
        expires_at: r.opt_i64("expires_at")?,
        scopes: r.opt_text("scopes")?,
        rate_per_minute: r.opt_i64("rate_per_minute")?,
    })
}

#[derive(Debug, Clone)]
pub struct NewMember<'a> {
    pub email: &'a str,
    pub handle: &'a str,
    pub display_name: &'a str,
    pub password_hash: Option<&'a str>,
    pub role: Role,
}

/// A role read from column `column` (members own roles; posts and queue items read their
/// author's through here too).
pub(crate) fn role_from(r: &Row, column: &str) -> Result<Role> {
    let role = r.text(column)?;
    Role::parse(&role).map_err(|_| StoreError::Decode(format!("unknown role {role}")))
}

pub(crate) fn member_from(r: &Row) -> Result<Member> {
    Ok(Member {
        id: r.i64("id")?,
        email: r.text("email")?,
        handle: r.text("handle")?,
        display_name: r.text("display_name")?,
        role: role_from(r, "role")?,
        created_at: r.i64("created_at")?,
        email_confirmed_at: r.opt_i64("email_confirmed_at")?,
        suspended_until: r.opt_i64("suspended_until")?,
        trust_level: u8::try_from(r.i64("trust_level")?.clamp(0, 4)).unwrap_or(0),
        trust_locked: r.i64("trust_locked")? != 0,
        guidelines_version: r.i64("guidelines_version")?,
        language: r.text("language")?,
        time_zone: r.text("time_zone")?,
        avatar_upload_id: r.opt_i64("avatar_upload_id")?,
        groups: Vec::new(),
    })
}

/// Inserts a member inside the caller's transaction (no activity: callers add `joined`).
pub async fn insert_member(tx: &mut Tx, m: &NewMember<'_>, now: Millis) -> Result<Member> {
    let row = tx
        .fetch_one(
            "INSERT INTO members (email, handle, display_name, password_hash, role, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             RETURNING id, email, handle, display_name, role, created_at, email_confirmed_at, suspended_until, trust_level, trust_locked, guidelines_version, language, time_zone, avatar_upload_id",
            &[
                Arg::Text(m.email),
                Arg::Text(m.handle),
                Arg::Text(m.display_name),
                Arg::OptText(m.password_hash),
                Arg::Text(m.role.as_str()),
                Arg::I64(now),
            ],
        )
        .await?;
    let member = member_from(&row)?;
    crate::people::add_hub_identity(
        tx,
        member.id,
        &member.email,
        &member.handle,
        &member.display_name,
        now,
    )
    .await?;
    Ok(member)
}

/// Creates a member and appends their `joined` activity, inside the caller's transaction.
pub async fn create_member_in(tx: &mut Tx, m: &NewMember<'_>, now: Millis) -> Result<Member> {
    let member = insert_member(tx, m, now).await?;
    activity::append(
        tx,
        &NewActivity {
            member_id: member.id,
            kind: hearth_core::activity::JOINED,
            channel: hearth_core::activity::HUB,
            target_type: Some("member"),
            target_id: Some(member.id),
            space_id: None,
            properties: None,
            occurred_at: now,
        },
    )
    .await?;
    Ok(member)
}

/// Moves a member's last-active and last-seen times forward, never back, inside the
/// caller's transaction (the `member_times` consumer of the activity stream).
pub async fn advance_times(
    tx: &mut Tx,
    member_id: i64,
    last_active: Option<Millis>,
    last_seen: Option<Millis>,
) -> Result<()> {
    if let Some(at) = last_active {
        tx.execute(
            "UPDATE members SET last_active_at = $1 WHERE id = $2 AND (last_active_at IS NULL OR last_active_at < $1)",
            &[Arg::I64(at), Arg::I64(member_id)],
        )
        .await?;
    }
    if let Some(at) = last_seen {
        tx.execute(
            "UPDATE members SET last_seen_at = $1 WHERE id = $2 AND (last_seen_at IS NULL OR last_seen_at < $1)",
            &[Arg::I64(at), Arg::I64(member_id)],
        )
        .await?;
    }
    Ok(())
}

impl Store {
    /// A member's last own participation and last visit, as the stream has recorded them.
    pub async fn member_times(&self, member_id: i64) -> Result<(Option<Millis>, Option<Millis>)> {
        let r = self
            .db
            .fetch_one(
                "SELECT last_active_at, last_seen_at FROM members WHERE id = $1",
                &[Arg::I64(member_id)],
            )
            .await?;
        Ok((r.opt_i64("last_active_at")?, r.opt_i64("last_seen_at")?))
    }

    /// Creates a member and records that they joined, in one transaction.
    pub async fn create_member(&self, m: &NewMember<'_>, now: Millis) -> Result<Member> {
        let mut tx = self.db.begin().await?;
        let member = create_member_in(&mut tx, m, now).await?;
        tx.commit().await?;
        Ok(member)
    }

    pub async fn member(&self, id: i64) -> Result<Option<Member>> {
        const SQL: &str = "SELECT id, email, handle, display_name, role, created_at, email_confirmed_at, suspended_until, trust_level, trust_locked, guidelines_version, language, time_zone, avatar_upload_id FROM members WHERE id = $1";
        let row = self.db.fetch_optional(SQL, &[Arg::I64(id)]).await?;
        self.with_groups(row.as_ref().map(member_from).transpose()?)
            .await
    }

    /// Fills in the member's groups (one more query; only single-member loaders do this).
    async fn with_groups(&self, member: Option<Member>) -> Result<Option<Member>> {
        let Some(mut m) = member else { return Ok(None) };
        m.groups = self
            .db
            .fetch_all(
                "SELECT group_id FROM group_members WHERE member_id = $1 ORDER BY group_id LIMIT 1000",
                &[Arg::I64(m.id)],
            )
            .await?
            .iter()
            .map(|r| r.i64("group_id"))
            .collect::<Result<_>>()?;
        Ok(Some(m))
    }

    pub async fn member_by_email(&self, email: &str) -> Result<Option<Member>> {
        const SQL: &str = "SELECT id, email, handle, display_name, role, created_at, email_confirmed_at, suspended_until, trust_level, trust_locked, guidelines_version, language, time_zone, avatar_upload_id FROM members WHERE email = $1";
        let row = self.db.fetch_optional(SQL, &[Arg::Text(email)]).await?;
        row.as_ref().map(member_from).transpose()
    }

    pub async fn member_by_handle(&self, handle: &str) -> Result<Option<Member>> {
        const SQL: &str = "SELECT id, email, handle, display_name, role, created_at, email_confirmed_at, suspended_until, trust_level, trust_locked, guidelines_version, language, time_zone, avatar_upload_id FROM members WHERE handle = $1";
        let row = self.db.fetch_optional(SQL, &[Arg::Text(handle)]).await?;
        row.as_ref().map(member_from).transpose()
    }

    /// The stored password hash of the member with `email`, for signing in.
    pub async fn password_hash_by_email(
        &self,
        email: &str,
    ) -> Result<Option<(i64, Option<String>)>> {
        let row = self
            .db
            .fetch_optional(
                "SELECT id, password_hash FROM members WHERE email = $1",
                &[Arg::Text(email)],
            )
            .await?;
        row.map(|r| Ok((r.i64("id")?, r.opt_text("password_hash")?)))
            .transpose()
    }

    /// Members newest first, keyset-paginated on (created_at, id).
    pub async fn members_page(
        &self,
        before: Option<(Millis, i64)>,
        limit: i64,
    ) -> Result<Vec<Member>> {
        let (at, id) = before.unwrap_or((i64::MAX, i64::MAX));
        let rows = self
            .db
            .fetch_all(
                "SELECT id, email, handle, display_name, role, created_at, email_confirmed_at, suspended_until, trust_level, trust_locked, guidelines_version, language, time_zone, avatar_upload_id
                 FROM members WHERE kind = 'account' AND merged_into IS NULL AND ((created_at < $1) OR (created_at = $1 AND id < $2))
                 ORDER BY created_at DESC, id DESC LIMIT $3",
                &[Arg::I64(at), Arg::I64(id), Arg::I64(limit)],
            )
            .await?;
        rows.iter().map(member_from).collect()
    }

    /// Up to `limit` members whose handle or display name starts with `prefix` (case
    /// does not matter), handles first: the editor's `@mention` suggestions. `%` and `_`
    /// in the prefix match themselves.
    pub async fn members_by_prefix(&self, prefix: &str, limit: i64) -> Result<Vec<Author>> {
        let pattern = format!("{}%", crate::like_literal(prefix));
        let rows = self
            .db
            .fetch_all(
                "SELECT id, handle, display_name FROM members
                 WHERE kind = 'account' AND erased_at IS NULL AND hide_from_directory = 0
                   AND (lower(handle) LIKE $1 ESCAPE '\\' OR lower(display_name) LIKE $1 ESCAPE '\\')
                 ORDER BY CASE WHEN lower(handle) LIKE $1 ESCAPE '\\' THEN 0 ELSE 1 END, handle
                 LIMIT $2",
                &[Arg::Text(&pattern), Arg::I64(limit)],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Author {
                    id: r.i64("id")?,
                    handle: r.text("handle")?,
                    display_name: r.text("display_name")?,
                    avatar_id: None,
                })
            })
            .collect()
    }

    pub async fn member_count(&self) -> Result<i64> {
        self.db
            .fetch_one(
                "SELECT COUNT(*) AS n FROM members WHERE kind = 'account' AND merged_into IS NULL",
                &[],
            )
            .await?
            .i64("n")
    }

    /// Short bylines for the given member ids (unknown ids are left out).
    pub async fn authors(&self, ids: &[i64]) -> Result<Vec<Author>> {
        let mut out = Vec::with_capacity(ids.len());
        let mut unique: Vec<i64> = ids.to_vec();
        unique.sort_unstable();
        unique.dedup();
        // Looked up one by one through a cached prepared statement: pages show at most a
        // few dozen authors, and this keeps the SQL identical on both databases.
        for id in unique {
            if let Some(r) = self
                .db
                .fetch_optional(
                    "SELECT id, handle, display_name FROM members WHERE id = $1",
                    &[Arg::I64(id)],
                )
                .await?
            {
                out.push(Author {
                    id: r.i64("id")?,
                    handle: r.text("handle")?,
                    display_name: r.text("display_name")?,
                    avatar_id: None,
                });
            }
        }
        Ok(out)
    }

    // --- sessions -------------------------------------------------------------------------

    pub async fn create_session(
        &self,
        token_hash: &str,
        member_id: i64,
        now: Millis,
        expires_at: Millis,
    ) -> Result<()> {
        self.db
            .execute(
                "INSERT INTO sessions (token_hash, member_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
                &[Arg::Text(token_hash), Arg::I64(member_id), Arg::I64(now), Arg::I64(expires_at)],
            )
            .await?;
        Ok(())
    }

    /// The member behind a live session.
    pub async fn session_member(&self, token_hash: &str, now: Millis) -> Result<Option<Member>> {
        let row = self
            .db
            .fetch_optional(
                "SELECT m.id, m.email, m.handle, m.display_name, m.role, m.created_at, m.email_confirmed_at, m.suspended_until, m.trust_level, m.trust_locked, m.guidelines_version, m.language, m.time_zone, m.avatar_upload_id
                 FROM sessions s JOIN members m ON m.id = s.member_id
                 WHERE s.token_hash = $1 AND s.expires_at > $2",
                &[Arg::Text(token_hash), Arg::I64(now)],
            )
            .await?;
        self.with_groups(row.as_ref().map(member_from).transpose()?)
            .await
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        self.db
            .execute(
                "DELETE FROM sessions WHERE token_hash = $1",
                &[Arg::Text(token_hash)],
            )
            .await?;
        Ok(())
    }

    pub async fn delete_expired_sessions(&self, now: Millis) -> Result<u64> {
        self.db
            .execute(
                "DELETE FROM sessions WHERE expires_at <= $1",
                &[Arg::I64(now)],
            )
            .await
    }

    // --- API tokens -----------------------------------------------------------------------

    /// Creates a token (stored as its hash) that works until `expires_at`, if given.
    pub async fn create_api_token(&self, t: &NewToken<'_>, now: Millis) -> Result<i64> {
        self.db
            .fetch_one(
                "INSERT INTO api_tokens (member_id, name, token_hash, created_at, expires_at, scopes, rate_per_minute) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                &[
                    Arg::I64(t.member_id),
                    Arg::Text(t.name),
                    Arg::Text(t.token_hash),
                    Arg::I64(now),
                    Arg::OptI64(t.expires_at),
                    Arg::OptText(t.scopes),
                    Arg::OptI64(t.rate_per_minute),
                ],
            )
            .await?
            .i64("id")
    }

    /// A member's tokens that are not revoked (expired ones included, marked by their
    /// expiry), newest first. Never the secret: only its name and dates.
    pub async fn api_tokens(&self, member_id: i64) -> Result<Vec<ApiToken>> {
        let rows = self
            .db
            .fetch_all(
                concat!(
                    "SELECT ",
                    token_columns!(),
                    " FROM api_tokens WHERE member_id = $1 AND revoked_at IS NULL ORDER BY id DESC LIMIT 200"
                ),
                &[Arg::I64(member_id)],
            )
            .await?;
        rows.iter().map(token_from).collect()
    }

    /// The token `id` (not revoked), whoever it belongs to.
    pub async fn api_token(&self, id: i64) -> Result<Option<ApiToken>> {
        let row = self
            .db
            .fetch_optional(
                concat!(
                    "SELECT ",
                    token_columns!(),
                    " FROM api_tokens WHERE id = $1 AND revoked_at IS NULL"
                ),
                &[Arg::I64(id)],
            )
            .await?;
        row.as_ref().map(token_from).transpose()
    }

    /// Revokes token `id` of `member_id`. `false` when there is no such live token.
    pub async fn revoke_api_token(&self, member_id: i64, id: i64, now: Millis) -> Result<bool> {
        let n = self
            .db
            .execute(
                "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND member_id = $3 AND revoked_at IS NULL",
                &[Arg::I64(now), Arg::I64(id), Arg::I64(member_id)],
            )
            .await?;
        Ok(n > 0)
    }

    /// The member behind a live token and what the token grants, noting when it was last
    /// used.
    pub async fn api_token_member(
        &self,
        token_hash: &str,
        now: Millis,
    ) -> Result<Option<(Member, TokenGrant)>> {
        let row = self
            .db
            .fetch_optional(
                "SELECT m.id, m.email, m.handle, m.display_name, m.role, m.created_at, m.email_confirmed_at, m.suspended_until, m.trust_level, m.trust_locked, m.guidelines_version, m.language, m.time_zone, m.avatar_upload_id,
                        t.id AS token_id, t.last_used_at, t.scopes, t.rate_per_minute
                 FROM api_tokens t JOIN members m ON m.id = t.member_id
                 WHERE t.token_hash = $1 AND t.revoked_at IS NULL
                   AND (t.expires_at IS NULL OR t.expires_at > $2)",
                &[Arg::Text(token_hash), Arg::I64(now)],
            )
            .await?;
        let Some(row) = row else { return Ok(None) };
        // Write the last-used time at most once a minute, so reads stay reads.
        if row
            .opt_i64("last_used_at")?
            .is_none_or(|t| now - t > 60_000)
        {
            self.db
                .execute(
                    "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2",
                    &[Arg::I64(now), Arg::I64(row.i64("token_id")?)],
                )
                .await?;
        }
        let grant = TokenGrant {
            id: row.i64("token_id")?,
            scopes: row.opt_text("scopes")?,
            rate_per_minute: row.opt_i64("rate_per_minute")?,
        };
        Ok(self
            .with_groups(Some(member_from(&row)?))
            .await?
            .map(|m| (m, grant)))
    }
}
