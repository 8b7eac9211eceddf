//! Who may join and how: the join settings, applications (approval mode), invites (links
//! and email invitations), the customer list (customer-gated mode) and the guidelines
//! members accept. Each staff change writes its audit row in its own transaction; each
//! member-visible change appends its activity there too.

use crate::activity::{self, NewActivity};
use crate::audit::{NewAudit, audit_in};
use crate::members::{NewMember, create_member_in};
use crate::{Arg, Result, Row, Store, StoreError, Tx};
use hearth_core::audit::AuditAction;
use hearth_core::model::{Member, Millis};
use hearth_core::values::{JoinMode, Role};

/// The join settings an admin changes together.
#[derive(Debug, Clone)]
pub struct JoinSettings<'a> {
    pub join_mode: JoinMode,
    /// One question per line.
    pub join_questions: &'a str,
    /// Already checked by `trust::TrustSettings::parse`; stored as given.
    pub trust_settings: &'a str,
    pub spam_threshold: i64,
}

/// An application to join, as submitted (the password already hashed).
#[derive(Debug, Clone)]
pub struct NewApplication<'a> {
    pub email: &'a str,
    pub handle: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    /// The answers, as a JSON array of {question, answer}.
    pub answers: &'a str,
    /// The version of the guidelines the applicant accepted (0 for none).
    pub guidelines_version: i64,
}

/// An application as approvers see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    pub id: i64,
    pub email: String,
    pub handle: String,
    pub display_name: String,
    pub answers: String,
    pub state: String,
    pub created_at: Millis,
    pub decided_at: Option<Millis>,
    pub decided_by: Option<i64>,
    pub message: Option<String>,
    pub member_id: Option<i64>,
}

/// An invite (a link with uses and an expiry, or an email invitation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invite {
    pub id: i64,
    pub email: Option<String>,
    pub max_uses: i64,
    pub uses: i64,
    pub expires_at: Millis,
    pub created_by: Option<i64>,
    pub created_at: Millis,
    pub revoked_at: Option<Millis>,
}

impl Invite {
    /// Whether the invite still lets someone in at `now`.
    pub fn usable(&self, now: Millis) -> bool {
        self.revoked_at.is_none() && self.uses < self.max_uses && self.expires_at > now
    }
}

/// A new invite. `token_hash` is the SHA-256 of the link's secret.
#[derive(Debug, Clone)]
pub struct NewInvite<'a> {
    pub token_hash: &'a str,
    pub email: Option<&'a str>,
    pub max_uses: i64,
    pub expires_at: Millis,
    pub created_by: Option<i64>,
    /// For an email invitation: the nonce its mail job derives the link's secret from.
    pub mail_nonce: Option<&'a str>,
}

fn application_from(r: &Row) -> Result<Application> {
    Ok(Application {
        id: r.i64("id")?,
        email: r.text("email")?,
        handle: r.text("handle")?,
        display_name: r.text("display_name")?,
        answers: r.text("answers")?,
        state: r.text("state")?,
        created_at: r.i64("created_at")?,
        decided_at: r.opt_i64("decided_at")?,
        decided_by: r.opt_i64("decided_by")?,
        message: r.opt_text("message")?,
        member_id: r.opt_i64("member_id")?,
    })
}

fn invite_from(r: &Row) -> Result<Invite> {
    Ok(Invite {
        id: r.i64("id")?,
        email: r.opt_text("email")?,
        max_uses: r.i64("max_uses")?,
        uses: r.i64("uses")?,
        expires_at: r.i64("expires_at")?,
        created_by: r.opt_i64("created_by")?,
        created_at: r.i64("created_at")?,
        revoked_at: r.opt_i64("revoked_at")?,
    })
}

/// Refuses an email or handle a member already has (`Conflict` naming the field).
async fn check_free(tx: &mut Tx, email: &str, handle: &str) -> Result<()> {
    let taken = tx
        .fetch_optional(
            "SELECT email, handle FROM members WHERE email = $1 OR handle = $2 LIMIT 1",
            &[Arg::Text(email), Arg::Text(handle)],
        )
        .await?;
    match taken {
        Some(r) if r.text("email")? == email => Err(StoreError::Conflict { field: "email" }),
        Some(_) => Err(StoreError::Conflict { field: "handle" }),
        None => Ok(()),
    }
}

impl Store {
    /// Changes the join mode, questions, trust thresholds and spam threshold, with the
    /// audit row.
    pub async fn update_join_settings(
        &self,
        s: &JoinSettings<'_>,
        actor_id: Option<i64>,
        now: Millis,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        tx.execute(
            "UPDATE community SET join_mode = $1, join_questions = $2, trust_settings = $3, spam_threshold = $4 WHERE id = 1",
            &[
                Arg::Text(s.join_mode.as_str()),
                Arg::Text(s.join_questions),
                Arg::Text(s.trust_settings),
                Arg::I64(s.spam_threshold),
            ],
        )
        .await?;
        let details = serde_json::json!({
            "join_mode": s.join_mode.as_str(),
            "spam_threshold": s.spam_threshold
        })
        .to_string();
        audit_in(
            &mut tx,
            &NewAudit::new(
                actor_id,
                AuditAction::CommunityMembershipChanged,
                None,
                None,
                Some(&details),
            ),
            now,
        )
        .await?;
        tx.commit().await
    }

    /// Replaces the guidelines; the version goes up, so every member sees them again.
    /// Returns the new version.
    pub async fn set_guidelines(
        &self,
        markdown: &str,
        html: &str,
        actor_id: Option<i64>,
        now: Millis,
    ) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let version = tx
            .fetch_one(
                "UPDATE community SET guidelines_md = $1, guidelines_html = $2, guidelines_version = guidelines_version + 1
                 WHERE id = 1 RETURNING guidelines_version",
                &[Arg::Text(markdown), Arg::Text(html)],
            )
            .await?
            .i64("guidelines_version")?;
        let details = serde_json::json!({ "version": version }).to_string();
        audit_in(
            &mut tx,
            &NewAudit::new(
                actor_id,
                AuditAction::CommunityGuidelinesChanged,
                None,
                None,
                Some(&details),
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Records that `member_id` accepted guidelines `version` (once; a second acceptance
    /// of the same version changes nothing).
    pub async fn accept_guidelines(&self, member_id: i64, version: i64, now: Millis) -> Result<()> {
        let mut tx = self.db.begin().await?;
        accept_guidelines_in(&mut tx, member_id, version, now).await?;
        tx.commit().await
    }

    // --- applications ---------------------------------------------------------------------

    /// Files an application. An address or handle a member has, or a second pending
    /// application from the same address, is a `Conflict` naming the field.
    pub async fn submit_application(&self, a: &NewApplication<'_>, now: Millis) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        check_free(&mut tx, a.email, a.handle).await?;
        let id = tx
            .fetch_one(
                "INSERT INTO applications (email, handle, display_name, password_hash, answers, guidelines_version, state, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7) RETURNING id",
                &[
                    Arg::Text(a.email),
                    Arg::Text(a.handle),
                    Arg::Text(a.display_name),
                    Arg::Text(a.password_hash),
                    Arg::Text(a.answers),
                    Arg::I64(a.guidelines_version),
                    Arg::I64(now),
                ],
            )
            .await?
            .i64("id")?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn application(&self, id: i64) -> Result<Option<Application>> {
        const SQL: &str = "SELECT id, email, handle, display_name, answers, state, created_at, decided_at, decided_by, message, member_id FROM applications WHERE id = $1";
        let row = self.db.fetch_optional(SQL, &[Arg::I64(id)]).await?;
        row.as_ref().map(application_from).transpose()
    }

    /// Applications in `state`, oldest first, keyset on id.
    pub async fn applications(
        &self,
        state: &str,
        after_id: i64,
        limit: i64,
    ) -> Result<Vec<Application>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT id, email, handle, display_name, answers, state, created_at, decided_at, decided_by, message, member_id
                 FROM applications WHERE state = $1 AND id > $2 ORDER BY id LIMIT $3",
                &[Arg::Text(state), Arg::I64(after_id), Arg::I64(limit)],
            )
            .await?;
        rows.iter().map(application_from).collect()
    }

    pub async fn pending_application_count(&self) -> Result<i64> {
        self.db
            .fetch_one(
                "SELECT COUNT(*) AS n FROM applications WHERE state = 'pending'",
                &[],
            )
            .await?
            .i64("n")
    }

    /// Accepts (creating the member, with the acceptance of the guidelines version they
    /// ticked when applying) or declines a pending application, with the reviewer's activity, an audit
    /// row and the mail job telling the applicant, all in one transaction. A decided
    /// application is a `Conflict` on `application`.
    pub async fn review_application(
        &self,
        id: i64,
        reviewer_id: i64,
        accept: bool,
        message: &str,
        now: Millis,
    ) -> Result<Option<Member>> {
        let mut tx = self.db.begin().await?;
        let state = if accept { "approved" } else { "declined" };
        let row = tx
            .fetch_optional(
                "UPDATE applications SET state = $1, decided_at = $2, decided_by = $3, message = $4
                 WHERE id = $5 AND state = 'pending'
                 RETURNING email, handle, display_name, password_hash, guidelines_version",
                &[
                    Arg::Text(state),
                    Arg::I64(now),
                    Arg::I64(reviewer_id),
                    Arg::Text(message),
                    Arg::I64(id),
                ],
            )
            .await?
            .ok_or(StoreError::Conflict {
                field: "application",
            })?;
        let guidelines_version = row.i64("guidelines_version")?;
        let member = if accept {
            let (email, handle) = (row.text("email")?, row.text("handle")?);
            check_free(&mut tx, &email, &handle).await?;
            let display_name = row.text("display_name")?;
            let hash = row.text("password_hash")?;
            let member = create_member_in(
                &mut tx,
                &NewMember {
                    email: &email,
                    handle: &handle,
                    display_name: &display_name,
                    password_hash: Some(&hash),
                    role: Role::Member,
                },
                now,
            )
            .await?;
            tx.execute(
                "UPDATE applications SET member_id = $1 WHERE id = $2",
                &[Arg::I64(member.id), Arg::I64(id)],
            )
            .await?;
            if guidelines_version > 0 {
                accept_guidelines_in(&mut tx, member.id, guidelines_version, now).await?;
            }
            Some(Member {
                guidelines_version,
                ..member
            })
        } else {
            None
        };
        // The password hash moved to the member (or is of no use any more): keep none.
        tx.execute(
            "UPDATE applications SET password_hash = '' WHERE id = $1",
            &[Arg::I64(id)],
        )
        .await?;
        let details = serde_json::json!({ "decision": state }).to_string();
        activity::append(
            &mut tx,
            &NewActivity {
                member_id: reviewer_id,
                kind: hearth_core::activity::APPLICATION_REVIEWED,
                channel: hearth_core::activity::HUB,
                target_type: Some("application"),
                target_id: Some(id),
                space_id: None,
                properties: Some(&details),
                occurred_at: now,
            },
        )
        .await?;
        let action = if accept {
            AuditAction::ApplicationApproved
        } else {
            AuditAction::ApplicationDeclined
        };
        audit_in(
            &mut tx,
            &NewAudit::new(
                Some(reviewer_id),
                action,
                Some(("application", id)),
                Some(message),
                None,
            ),
            now,
        )
        .await?;
        crate::jobs::enqueue(
            &mut tx,
            &crate::jobs::Job::MailApplication { application_id: id },
            Some(&format!("mail.application:{id}")),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(member)
    }

    // --- invites --------------------------------------------------------------------------

    /// Creates an invite with its `invite_created` activity and audit row; an email
    /// invitation also enqueues its mail, whose job derives the link from the nonce and a
    /// key only the server has (so the queue holds no secret).
    pub async fn create_invite(&self, i: &NewInvite<'_>, now: Millis) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let id = create_invite_in(&mut tx, i, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn invite(&self, id: i64) -> Result<Option<Invite>> {
        let row = self
            .db
            .fetch_optional(
                "SELECT id, email, max_uses, uses, expires_at, created_by, created_at, revoked_at FROM invites WHERE id = $1",
                &[Arg::I64(id)],
            )
            .await?;
        row.as_ref().map(invite_from).transpose()
    }

    pub async fn invite_by_token(&self, token_hash: &str) -> Result<Option<Invite>> {
        let row = self
            .db
            .fetch_optional(
                "SELECT id, email, max_uses, uses, expires_at, created_by, created_at, revoked_at FROM invites WHERE token_hash = $1",
                &[Arg::Text(token_hash)],
            )
            .await?;
        row.as_ref().map(invite_from).transpose()
    }

    /// Invites newest first (the admin page's list).
    pub async fn invites(&self, limit: i64) -> Result<Vec<Invite>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT id, email, max_uses, uses, expires_at, created_by, created_at, revoked_at FROM invites ORDER BY id DESC LIMIT $1",
                &[Arg::I64(limit)],
            )
            .await?;
        rows.iter().map(invite_from).collect()
    }

    pub async fn revoke_invite(&self, id: i64, actor_id: Option<i64>, now: Millis) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let n = tx
            .execute(
                "UPDATE invites SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
                &[Arg::I64(now), Arg::I64(id)],
            )
            .await?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        audit_in(
            &mut tx,
            &NewAudit::new(
                actor_id,
                AuditAction::InviteRevoked,
                Some(("invite", id)),
                None,
                None,
            ),
            now,
        )
        .await?;
        tx.commit().await
    }

    // --- the customer list ----------------------------------------------------------------

    /// Replaces the emails from `source` (today `csv`) with `emails` (already parsed and
    /// lowercased), with the audit row. Returns how many are on the list now.
    pub async fn replace_allowed_emails(
        &self,
        source: &str,
        emails: &[String],
        actor_id: Option<i64>,
        now: Millis,
    ) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        tx.execute(
            "DELETE FROM allowed_emails WHERE source = $1",
            &[Arg::Text(source)],
        )
        .await?;
        for email in emails {
            tx.execute(
                "INSERT INTO allowed_emails (email, source, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                &[Arg::Text(email), Arg::Text(source), Arg::I64(now)],
            )
            .await?;
        }
        let count = tx
            .fetch_one("SELECT COUNT(*) AS n FROM allowed_emails", &[])
            .await?
            .i64("n")?;
        let details = serde_json::json!({ "source": source, "emails": emails.len() }).to_string();
        audit_in(
            &mut tx,
            &NewAudit::new(
                actor_id,
                AuditAction::CommunityCustomerListReplaced,
                None,
                None,
                Some(&details),
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(count)
    }

    /// Is `email` (lowercased) a customer? The check customer-gated sign-up asks; the shop
    /// importers will add their customers to the same list.
    pub async fn is_customer_email(&self, email: &str) -> Result<bool> {
        Ok(self
            .db
            .fetch_optional(
                "SELECT email FROM allowed_emails WHERE email = $1",
                &[Arg::Text(email)],
            )
            .await?
            .is_some())
    }

    pub async fn customer_email_count(&self) -> Result<i64> {
        self.db
            .fetch_one("SELECT COUNT(*) AS n FROM allowed_emails", &[])
            .await?
            .i64("n")
    }
}

/// How someone joins, beyond the member row: everything written in the member's own
/// transaction, so a failure leaves nobody half-joined.
#[derive(Debug, Clone, Default)]
pub struct Joining<'a> {
    /// An invite to spend (a spent, expired or revoked one is a `Conflict` on `invite`).
    pub invite_id: Option<i64>,
    /// The address is vouched for (an admin added them, or a mailed invitation).
    pub confirmed: bool,
    /// The guidelines version they accepted (0 for none).
    pub guidelines_version: i64,
    /// A trust level set from the start (members added by staff start at 1).
    pub trust_level: Option<u8>,
    pub groups: &'a [i64],
    /// Staff adding them: the audit rows name this actor (`None` for the console).
    pub added_by: Option<Option<i64>>,
}

impl Store {
    /// Creates a member with their `joined` activity and everything in `j`, in one
    /// transaction.
    pub async fn join(&self, m: &NewMember<'_>, j: &Joining<'_>, now: Millis) -> Result<Member> {
        let mut tx = self.db.begin().await?;
        if let Some(invite_id) = j.invite_id {
            let n = tx
                .execute(
                    "UPDATE invites SET uses = uses + 1
                     WHERE id = $1 AND uses < max_uses AND expires_at > $2 AND revoked_at IS NULL",
                    &[Arg::I64(invite_id), Arg::I64(now)],
                )
                .await?;
            if n == 0 {
                return Err(StoreError::Conflict { field: "invite" });
            }
        }
        let mut member = create_member_in(&mut tx, m, now).await?;
        if j.confirmed {
            tx.execute(
                "UPDATE members SET email_confirmed_at = $1 WHERE id = $2",
                &[Arg::I64(now), Arg::I64(member.id)],
            )
            .await?;
            member.email_confirmed_at = Some(now);
        }
        if j.guidelines_version > 0 {
            accept_guidelines_in(&mut tx, member.id, j.guidelines_version, now).await?;
            member.guidelines_version = j.guidelines_version;
        }
        if let Some(level) = j.trust_level {
            tx.execute(
                "UPDATE members SET trust_level = $1 WHERE id = $2",
                &[Arg::I64(i64::from(level)), Arg::I64(member.id)],
            )
            .await?;
            member.trust_level = level;
        }
        for group in j.groups {
            crate::groups::add_to_group_in(&mut tx, *group, member.id, j.added_by.flatten(), now)
                .await?;
            member.groups.push(*group);
        }
        if let Some(by) = j.added_by {
            let details = serde_json::json!({ "role": m.role.as_str() }).to_string();
            audit_in(
                &mut tx,
                &NewAudit::new(
                    by,
                    AuditAction::MemberAdded,
                    Some(("member", member.id)),
                    None,
                    Some(&details),
                ),
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(member)
    }
}

/// Writes an invite with its `invite_created` activity and audit row inside the caller's
/// transaction; an email invitation also enqueues its mail (see `Store::create_invite`).
pub async fn create_invite_in(tx: &mut Tx, i: &NewInvite<'_>, now: Millis) -> Result<i64> {
    let id = tx
        .fetch_one(
            "INSERT INTO invites (token_hash, email, max_uses, expires_at, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            &[
                Arg::Text(i.token_hash),
                Arg::OptText(i.email),
                Arg::I64(i.max_uses),
                Arg::I64(i.expires_at),
                Arg::OptI64(i.created_by),
                Arg::I64(now),
            ],
        )
        .await?
        .i64("id")?;
    if let Some(by) = i.created_by {
        let details =
            serde_json::json!({ "max_uses": i.max_uses, "email": i.email.is_some() }).to_string();
        activity::append(
            tx,
            &NewActivity {
                member_id: by,
                kind: hearth_core::activity::INVITE_CREATED,
                channel: hearth_core::activity::HUB,
                target_type: Some("invite"),
                target_id: Some(id),
                space_id: None,
                properties: Some(&details),
                occurred_at: now,
            },
        )
        .await?;
    }
    audit_in(
        tx,
        &NewAudit::new(
            i.created_by,
            AuditAction::InviteCreated,
            Some(("invite", id)),
            None,
            i.email,
        ),
        now,
    )
    .await?;
    if let (Some(_), Some(nonce)) = (i.email, i.mail_nonce) {
        crate::jobs::enqueue(
            tx,
            &crate::jobs::Job::MailInvite {
                invite_id: id,
                nonce: nonce.to_string(),
            },
            Some(&format!("mail.invite:{id}")),
            now,
        )
        .await?;
    }
    Ok(id)
}

/// Records an acceptance of the guidelines inside the caller's transaction (with its
/// activity, only the first time for that version).
pub async fn accept_guidelines_in(
    tx: &mut Tx,
    member_id: i64,
    version: i64,
    now: Millis,
) -> Result<()> {
    let inserted = tx
        .execute(
            "INSERT INTO guideline_acceptances (member_id, version, accepted_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            &[Arg::I64(member_id), Arg::I64(version), Arg::I64(now)],
        )
        .await?;
    tx.execute(
        "UPDATE members SET guidelines_version = $1 WHERE id = $2 AND guidelines_version < $1",
        &[Arg::I64(version), Arg::I64(member_id)],
    )
    .await?;
    if inserted > 0 {
        let details = serde_json::json!({ "version": version }).to_string();
        activity::append(
            tx,
            &NewActivity {
                member_id,
                kind: hearth_core::activity::GUIDELINES_ACCEPTED,
                channel: hearth_core::activity::HUB,
                target_type: Some("member"),
                target_id: Some(member_id),
                space_id: None,
                properties: Some(&details),
                occurred_at: now,
            },
        )
        .await?;
    }
    Ok(())
}
