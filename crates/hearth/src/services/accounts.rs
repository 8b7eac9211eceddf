//! Accounts: first-run setup, sign-up, sign-in and sessions, members added by the owner,
//! and API tokens. Passwords are hashed with argon2id; session ids and tokens are random
//! 256-bit values stored only as SHA-256 hashes.

use super::{Actor, Hearth, Result, ServiceError, email, now};
use crate::config::Signup;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use hearth_core::Invalid;
use hearth_core::audit::AuditAction;
use hearth_core::model::Member;
use hearth_core::values::{AccentColor, Email, Handle, JoinMode, Name, Password, Role, hex};
use hearth_store::members::NewMember;
use sha2::{Digest, Sha256};

/// How long a sign-in lasts.
pub const SESSION_DAYS: i64 = 30;

/// A random 256-bit secret as 64 hex characters.
pub fn random_secret() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| ServiceError::internal(format!("no randomness: {e}")))?;
    Ok(hex(&bytes))
}

/// The stored form of a session id or token.
pub fn secret_hash(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

fn argon2(memory_kib: u32) -> Result<Argon2<'static>> {
    let params = Params::new(memory_kib.max(8), 2, 1, None)
        .map_err(|e| ServiceError::internal(e.to_string()))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Runs one argon2 computation on a blocking thread, at most `hashing` permits at once
/// (two): a flood of sign-ins or resets waits its turn instead of taking every blocking
/// thread and the memory argon2 needs for each.
async fn hashing<T: Send + 'static>(
    h: &Hearth,
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    super::blocking_with(&h.hashing, work).await
}

/// Hashes a password with argon2id on a blocking thread.
pub async fn hash_password(h: &Hearth, password: &Password) -> Result<String> {
    hash_text(h, password.expose().to_string()).await
}

async fn hash_text(h: &Hearth, password: String) -> Result<String> {
    let memory = h.config.argon2_memory_kib;
    let mut salt_bytes = [0u8; 16];
    getrandom::fill(&mut salt_bytes).map_err(|e| ServiceError::internal(e.to_string()))?;
    hashing(h, move || {
        let salt = SaltString::encode_b64(&salt_bytes)
            .map_err(|e| ServiceError::internal(e.to_string()))?;
        argon2(memory)?
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| ServiceError::internal(e.to_string()))
    })
    .await
}

/// The hash unknown addresses are checked against: made once per process with the
/// configured argon2 parameters, so a wrong address costs exactly what a wrong password
/// does and the timing does not tell which addresses are registered.
async fn dummy_hash(h: &Hearth) -> Result<String> {
    h.dummy_hash
        .get_or_try_init(|| async {
            let secret = random_secret()?;
            hash_text(h, secret).await
        })
        .await
        .cloned()
}

async fn verify_password(h: &Hearth, password: String, stored: Option<String>) -> Result<bool> {
    let memory = h.config.argon2_memory_kib;
    let known = stored.is_some();
    let stored_or_dummy = match stored {
        Some(s) => s,
        None => dummy_hash(h).await?,
    };
    hashing(h, move || {
        let parsed = PasswordHash::new(&stored_or_dummy)
            .map_err(|e| ServiceError::internal(e.to_string()))?;
        let ok = argon2(memory)?
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        Ok(ok && known)
    })
    .await
}

/// What setup asks for.
pub struct SetupInput<'a> {
    pub community_name: &'a str,
    pub email: &'a str,
    pub handle: &'a str,
    pub password: &'a str,
}

/// Creates the community and its owner. Runs once.
pub async fn setup(h: &Hearth, input: &SetupInput<'_>) -> Result<Member> {
    let name = Name::parse("community_name", input.community_name, 80)?;
    let email = Email::parse(input.email)?;
    let handle = Handle::parse(input.handle)?;
    let password = Password::parse(input.password)?;
    if h.store.community().await?.is_some() {
        return Err(ServiceError::State("err-already-set-up"));
    }
    let hash = hash_password(h, &password).await?;
    let owner = NewMember {
        email: email.as_str(),
        handle: handle.as_str(),
        display_name: handle.as_str(),
        password_hash: Some(&hash),
        role: Role::Owner,
    };
    let owner = h
        .store
        .setup_community(name.as_str(), AccentColor::DEFAULT, &owner, now())
        .await?;
    // The owner vouches for their own address.
    h.store
        .confirm_member_email(owner.id, &owner.email, now())
        .await?;
    Ok(owner)
}

/// Sign-up or member creation input.
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub handle: &'a str,
    pub display_name: Option<&'a str>,
    pub password: Option<&'a str>,
    pub role: Role,
    /// The secret of an invite link (sign-up only).
    pub invite: Option<&'a str>,
    /// Whether the person ticked "I accept the guidelines" (sign-up only).
    pub accept_guidelines: bool,
    /// Groups (ids, already resolved) an admin puts the new member in.
    pub groups: &'a [i64],
}

/// An account's parsed fields, with the password hashed.
pub(crate) struct Prepared {
    pub email: Email,
    pub handle: Handle,
    pub display_name: String,
    pub hash: Option<String>,
}

impl Prepared {
    pub fn new_member(&self, role: Role) -> NewMember<'_> {
        NewMember {
            email: self.email.as_str(),
            handle: self.handle.as_str(),
            display_name: &self.display_name,
            password_hash: self.hash.as_deref(),
            role,
        }
    }
}

pub(crate) async fn prepare_account(h: &Hearth, input: &NewAccount<'_>) -> Result<Prepared> {
    let email = Email::parse(input.email)?;
    let handle = Handle::parse(input.handle)?;
    let display_name = match input.display_name.map(str::trim).filter(|s| !s.is_empty()) {
        Some(n) => Name::parse("display_name", n, 60)?.into_string(),
        None => handle.as_str().to_string(),
    };
    let hash = match input.password {
        Some(p) => Some(hash_password(h, &Password::parse(p)?).await?),
        None => None,
    };
    Ok(Prepared {
        email,
        handle,
        display_name,
        hash,
    })
}

/// Counts a sign-up or application from `client` and refuses once there were too many.
pub(crate) async fn limit_signups(h: &Hearth, client: &str) -> Result<()> {
    super::rate_limit(
        h,
        &format!("signup:{client}"),
        h.config.limits.signups_per_hour,
        3_600_000,
    )
    .await
}

/// A visitor signs up, as the community's join mode allows: anyone (open), the owner's
/// customers (customers), or whoever holds a usable invite (any mode). In approval mode
/// people apply instead (`membership::apply`). When there are guidelines, they must be
/// accepted. `client` keys the rate limit.
pub async fn sign_up(h: &Hearth, input: &NewAccount<'_>, client: &str) -> Result<Member> {
    if h.config.signup == Signup::Closed {
        return Err(ServiceError::Forbidden("err-signup-closed"));
    }
    if input.password.is_none() {
        return Err(Invalid::new("password", "err-required").into());
    }
    let community = h
        .store
        .community()
        .await?
        .ok_or(ServiceError::State("err-not-set-up-yet"))?;
    if community.guidelines_version > 0 && !input.accept_guidelines {
        return Err(Invalid::new("accept_guidelines", "err-accept-guidelines-join").into());
    }
    let invite = match input.invite.map(str::trim).filter(|t| !t.is_empty()) {
        Some(token) => Some(super::membership::usable_invite(h, token).await?),
        None => None,
    };
    limit_signups(h, client).await?;
    let prepared = prepare_account(h, input).await?;
    let new = prepared.new_member(Role::Member);
    let mut joining = hearth_store::membership::Joining {
        guidelines_version: community.guidelines_version,
        ..Default::default()
    };
    match (&invite, community.join_mode) {
        (Some(invite), _) => {
            if let Some(to) = &invite.email
                && to != prepared.email.as_str()
            {
                return Err(Invalid::new("email", "err-invite-other-address").into());
            }
            joining.invite_id = Some(invite.id);
            // Following a mailed invitation proves the address.
            joining.confirmed = invite.email.is_some();
        }
        (None, JoinMode::Open) => {}
        (None, JoinMode::Customers) => {
            if !h.store.is_customer_email(prepared.email.as_str()).await? {
                return Err(Invalid::new("email", "err-customers-address").into());
            }
        }
        (None, JoinMode::Invite) => {
            return Err(ServiceError::Forbidden("err-invite-only"));
        }
        (None, JoinMode::Approval) => {
            return Err(ServiceError::State("err-apply-instead"));
        }
    }
    let member = h
        .store
        .join(&new, &joining, now())
        .await
        .map_err(|e| match e {
            hearth_store::StoreError::Conflict { field: "invite" } => {
                super::membership::INVITE_SPENT
            }
            other => other.into(),
        })?;
    if h.mailer.is_some() && member.email_confirmed_at.is_none() {
        enqueue_account_mail(h, email::AccountMailKind::Confirm, member.id, &member.email).await?;
    }
    Ok(member)
}

/// Whether `member` must prove their address before signing in: in a customer-gated
/// community, knowing a customer's address is not enough to join as them.
pub async fn awaiting_confirmation(h: &Hearth, member: &Member) -> Result<bool> {
    if member.email_confirmed_at.is_some() || member.role >= Role::Moderator {
        return Ok(false);
    }
    Ok(h.store
        .community()
        .await?
        .is_some_and(|c| c.join_mode == JoinMode::Customers))
}

/// An admin (or the CLI, acting as the owner) adds a member with a role.
pub async fn add_member(h: &Hearth, actor: &Actor, input: &NewAccount<'_>) -> Result<Member> {
    if !hearth_core::access::can_manage_members(actor) {
        return Err(ServiceError::Forbidden("err-only-admins-add-members"));
    }
    if !hearth_core::access::can_assign_role(actor, input.role) {
        return Err(ServiceError::Forbidden("err-cannot-give-role"));
    }
    let prepared = prepare_account(h, input).await?;
    // The admin who added the member vouches for the address; they start at trust level 1
    // (basic: no first-day limits, links allowed), and the job takes it from there.
    let member = h
        .store
        .join(
            &prepared.new_member(input.role),
            &hearth_store::membership::Joining {
                confirmed: true,
                trust_level: Some(1),
                groups: input.groups,
                added_by: Some(actor.member_id()),
                ..Default::default()
            },
            now(),
        )
        .await?;
    Ok(member)
}

/// Counts an attempt against `bucket` (sign-in, reset, change of address share the
/// login limit per client address) and refuses once there were too many.
async fn limit_attempts(h: &Hearth, bucket: &str) -> Result<()> {
    super::rate_limit(
        h,
        bucket,
        h.config.limits.login_attempts_per_5_minutes,
        300_000,
    )
    .await
}

/// Counts a password attempt against one address: at most `login_attempts_per_account_hour`
/// an hour, whatever clients they come from. Keyed by the address typed, registered or
/// not, so that running out of attempts (429) says nothing about who is registered.
async fn limit_account(h: &Hearth, email: &str) -> Result<()> {
    super::rate_limit(
        h,
        // Hashed: the bucket lives in the database, and an address someone typed (perhaps
        // a stranger's) is not ours to keep.
        &format!("account:{}", secret_hash(&email.to_lowercase())),
        h.config.limits.login_attempts_per_account_hour,
        3_600_000,
    )
    .await
}

/// Uses a single-use link for `purpose`, or says it expired or was used.
async fn use_link(h: &Hearth, token: &str, purpose: &str) -> Result<hearth_store::mail::UsedToken> {
    h.store
        .use_email_token(&secret_hash(token), purpose, now())
        .await?
        .ok_or(ServiceError::State("err-link-expired"))
}

/// Enqueues an account mail (the job makes the link, so no secret is ever stored in the
/// queue). A fresh nonce per request: one request, one mail.
async fn enqueue_account_mail(
    h: &Hearth,
    kind: email::AccountMailKind,
    member_id: i64,
    address: &str,
) -> Result<()> {
    let nonce = random_secret()?[..16].to_string();
    let job = kind.job(hearth_store::jobs::AccountMail {
        member_id,
        email: address.to_string(),
        nonce: nonce.clone(),
    });
    let key = format!("{}:{member_id}:{nonce}", job.kind());
    h.store.enqueue_jobs(&[(job, key)], now()).await?;
    Ok(())
}

/// Whether `member` must still confirm their address before posting.
pub fn must_confirm(h: &Hearth, member: &Member) -> bool {
    h.config.confirm_email && member.email_confirmed_at.is_none()
}

/// Refuses publishing (posting, editing, flagging, reacting, voting, answering, changing
/// one's public profile) to members who are silenced, suspended or banned, and to those
/// who have not confirmed their address when the community requires it. Returns the
/// member as stored now.
pub async fn check_may_post(h: &Hearth, actor: &Actor) -> Result<Member> {
    let Some(id) = actor.member_id() else {
        return Err(ServiceError::Unauthenticated);
    };
    super::discipline::check_not_restricted(h, id).await?;
    match h.store.member(id).await? {
        // Held to the same rule as a silenced member: 403 `restricted`.
        Some(m) if must_confirm(h, &m) => {
            Err(ServiceError::Restricted("err-confirm-email-first".into()))
        }
        Some(m) => Ok(m),
        None => Err(ServiceError::Unauthenticated),
    }
}

/// Sends the confirmation link again (at most 5 an hour per member).
pub async fn resend_confirmation(h: &Hearth, actor: &Actor) -> Result<()> {
    let id = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    let member = h
        .store
        .member(id)
        .await?
        .ok_or(ServiceError::Unauthenticated)?;
    if member.email_confirmed_at.is_some() {
        return Err(ServiceError::State("err-already-confirmed"));
    }
    if h.mailer.is_none() {
        return Err(ServiceError::State("err-no-mail"));
    }
    if !h
        .store
        .rate_limit_hit(&format!("confirm:{id}"), 5, 3_600_000, now())
        .await?
    {
        return Err(ServiceError::RateLimited);
    }
    enqueue_account_mail(h, email::AccountMailKind::Confirm, id, &member.email).await
}

/// Follows a confirmation link.
pub async fn confirm_email(h: &Hearth, token: &str) -> Result<Member> {
    let used = use_link(h, token, email::PURPOSE_CONFIRM).await?;
    h.store
        .confirm_member_email(used.member_id, &used.email, now())
        .await?;
    h.store
        .member(used.member_id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-member"))
}

/// "Forgot your password?": mails a reset link if the address belongs to a member. The
/// answer is the same either way, so the form does not reveal who is registered.
pub async fn request_password_reset(h: &Hearth, address: &str, client: &str) -> Result<()> {
    let address = Email::parse(address)?;
    if h.mailer.is_none() {
        return Err(ServiceError::State("err-no-mail-reset"));
    }
    limit_attempts(h, &format!("reset:{client}")).await?;
    // A budget per address too: nobody can flood one inbox with reset mail. Over it, the
    // answer stays the same (so it reveals nothing) and no mail is sent.
    let within_budget = h
        .store
        .rate_limit_hit(
            &format!("reset-mail:{}", secret_hash(address.as_str())),
            h.config.limits.reset_mails_per_address_hour,
            3_600_000,
            now(),
        )
        .await?;
    if within_budget && let Some(m) = h.store.member_by_email(address.as_str()).await? {
        enqueue_account_mail(h, email::AccountMailKind::Reset, m.id, &m.email).await?;
    }
    Ok(())
}

/// Is this reset link usable now? (The page asks before showing the form.)
pub async fn reset_link_valid(h: &Hearth, token: &str) -> Result<bool> {
    Ok(h.store
        .email_token_valid(&secret_hash(token), email::PURPOSE_RESET, now())
        .await?)
}

/// Sets a new password through a reset link. The link is checked and spent before any
/// hashing (an attacker without a live link costs the server nothing), attempts are
/// limited per client, and every session and API token of the member ends.
pub async fn reset_password(
    h: &Hearth,
    token: &str,
    password: &str,
    client: &str,
) -> Result<Member> {
    limit_attempts(h, &format!("reset-use:{client}")).await?;
    let password = Password::parse(password)?;
    let used = use_link(h, token, email::PURPOSE_RESET).await?;
    let hash = hash_password(h, &password).await?;
    h.store
        .reset_password(used.member_id, &hash, None, now())
        .await?;
    h.store
        .member(used.member_id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-member"))
}

/// The signed-in member behind `actor`, as stored now.
async fn signed_in(h: &Hearth, actor: &Actor) -> Result<Member> {
    let id = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    h.store
        .member(id)
        .await?
        .ok_or(ServiceError::Unauthenticated)
}

/// Checks that `password` is `member`'s current one (the form's `field` is named when it
/// is not).
async fn check_current_password(
    h: &Hearth,
    member: &Member,
    password: &str,
    field: &'static str,
) -> Result<()> {
    let stored = h
        .store
        .password_hash_by_email(&member.email)
        .await?
        .and_then(|(_, s)| s);
    if !verify_password(h, password.to_string(), stored).await? {
        return Err(Invalid::new(field, "err-not-current-password").into());
    }
    Ok(())
}

/// A signed-in member changes their password: the current one is required. Their other
/// sessions end (the one in `session`, the secret of the session they did it from, stays)
/// and every API token of theirs is revoked.
pub async fn change_password(
    h: &Hearth,
    actor: &Actor,
    current: &str,
    new: &str,
    session: Option<&str>,
    client: &str,
) -> Result<()> {
    let member = signed_in(h, actor).await?;
    limit_attempts(h, &format!("login:{client}")).await?;
    let new = Password::parse(new).map_err(|e| Invalid::new("new_password", e.message))?;
    limit_account(h, &member.email).await?;
    check_current_password(h, &member, current, "current_password").await?;
    let hash = hash_password(h, &new).await?;
    let keep = session.map(secret_hash);
    h.store
        .reset_password(member.id, &hash, keep.as_deref(), now())
        .await?;
    Ok(())
}

/// A member deletes their own account after giving their password and ticking that they
/// understand: everything about them is erased as the owner's erase does (posts stay,
/// blanked, under "Erased member"), and every session of theirs ends.
pub async fn delete_own_account(
    h: &Hearth,
    actor: &Actor,
    password: &str,
    understood: bool,
    client: &str,
) -> Result<()> {
    let member = signed_in(h, actor).await?;
    if !hearth_core::access::can_delete_own_account(actor) {
        return Err(ServiceError::Forbidden("err-owner-cannot-leave"));
    }
    limit_attempts(h, &format!("login:{client}")).await?;
    limit_account(h, &member.email).await?;
    check_current_password(h, &member, password, "password").await?;
    if !understood {
        return Err(Invalid::new("confirm", "err-confirm-delete-account").into());
    }
    h.store
        .erase_member(member.id, Some(member.id), now())
        .await
        .map_err(|e| match e {
            hearth_store::privacy::EraseError::Owner => {
                ServiceError::Forbidden("err-owner-cannot-leave")
            }
            hearth_store::privacy::EraseError::NotFound
            | hearth_store::privacy::EraseError::AlreadyErased => ServiceError::Unauthenticated,
            hearth_store::privacy::EraseError::Store(e) => ServiceError::internal(e),
        })
}

/// Asks to change the actor's address: checks the password, then mails a link to the new
/// address. Nothing changes until the link is followed.
pub async fn request_email_change(
    h: &Hearth,
    actor: &Actor,
    new_address: &str,
    password: &str,
    client: &str,
) -> Result<()> {
    let id = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    let address = Email::parse(new_address)?;
    if h.mailer.is_none() {
        return Err(ServiceError::State("err-no-mail-change-address"));
    }
    limit_attempts(h, &format!("login:{client}")).await?;
    let member = signed_in(h, actor).await?;
    check_current_password(h, &member, password, "password").await?;
    if address.as_str() == member.email {
        return Err(Invalid::new("email", "err-already-your-address").into());
    }
    if h.store.member_by_email(address.as_str()).await?.is_some() {
        return Err(ServiceError::Conflict { field: "email" });
    }
    enqueue_account_mail(h, email::AccountMailKind::Change, id, address.as_str()).await
}

/// Follows a change-of-address link: the new address replaces the old one, confirmed.
/// The member's other sessions end (the session that followed the link stays, if it is
/// theirs), links mailed to the old address die, and the old address is told.
pub async fn change_email(h: &Hearth, token: &str, session: Option<&str>) -> Result<Member> {
    let used = use_link(h, token, email::PURPOSE_CHANGE).await?;
    let before = h
        .store
        .member(used.member_id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-member"))?;
    let keep = match session {
        Some(secret) => session_member(h, secret)
            .await?
            .filter(|m| m.id == used.member_id)
            .map(|_| secret_hash(secret)),
        None => None,
    };
    h.store
        .change_member_email(used.member_id, &used.email, keep.as_deref(), now())
        .await?;
    if h.mailer.is_some() && before.email != used.email {
        enqueue_account_mail(h, email::AccountMailKind::Changed, before.id, &before.email).await?;
    }
    h.store
        .member(used.member_id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-member"))
}

/// Checks an email and password, rate-limited per client address. Returns the member.
pub async fn sign_in(h: &Hearth, email: &str, password: &str, client: &str) -> Result<Member> {
    limit_attempts(h, &format!("login:{client}")).await?;
    let email = Email::parse(email).map_err(|_| ServiceError::BadCredentials)?;
    let found = h.store.password_hash_by_email(email.as_str()).await?;
    let (id, stored) = match found {
        Some((id, stored)) => (Some(id), stored),
        None => (None, None),
    };
    // A budget per account as well as per client, so a botnet spread over many addresses
    // cannot guess one member's password either.
    limit_account(h, email.as_str()).await?;
    if !verify_password(h, password.to_string(), stored).await? {
        return Err(ServiceError::BadCredentials);
    }
    let id = id.ok_or(ServiceError::BadCredentials)?;
    let member = h
        .store
        .member(id)
        .await?
        .ok_or(ServiceError::BadCredentials)?;
    if member.suspended_until.is_some_and(|until| until > now())
        && let Some(r) = h.store.active_restriction(member.id, now()).await?
    {
        let zone = super::discipline::zone_of(h, &member).await?;
        return Err(ServiceError::Restricted(super::discipline::describe(
            &r, &zone,
        )));
    }
    if awaiting_confirmation(h, &member).await? {
        // Send the link again (at most 5 an hour), then say so.
        if h.mailer.is_some()
            && h.store
                .rate_limit_hit(&format!("confirm:{}", member.id), 5, 3_600_000, now())
                .await?
        {
            enqueue_account_mail(h, email::AccountMailKind::Confirm, member.id, &member.email)
                .await?;
        }
        return Err(ServiceError::Forbidden("err-confirm-email-then-sign-in"));
    }
    Ok(member)
}

/// A suspended or banned member's sessions and tokens stop working until it ends.
fn unless_suspended(member: Option<Member>) -> Option<Member> {
    member.filter(|m| m.suspended_until.is_none_or(|until| until <= now()))
}

/// Starts a session and returns its secret (for the cookie).
pub async fn start_session(h: &Hearth, member_id: i64) -> Result<String> {
    let secret = random_secret()?;
    let now = now();
    h.store
        .create_session(
            &secret_hash(&secret),
            member_id,
            now,
            now + SESSION_DAYS * 86_400_000,
        )
        .await?;
    Ok(secret)
}

pub async fn session_member(h: &Hearth, secret: &str) -> Result<Option<Member>> {
    Ok(unless_suspended(
        h.store.session_member(&secret_hash(secret), now()).await?,
    ))
}

pub async fn end_session(h: &Hearth, secret: &str) -> Result<()> {
    Ok(h.store.delete_session(&secret_hash(secret)).await?)
}

/// Longest life a token may be given, in days.
pub const TOKEN_MAX_DAYS: i64 = 3650;

/// Most requests a minute a token may be given (`--rate`); without one, a token has the
/// default, [`TOKEN_DEFAULT_RATE`].
pub const TOKEN_MAX_RATE: i64 = 100_000;

/// Requests a minute a token may make when it was given no rate of its own.
pub const TOKEN_DEFAULT_RATE: i64 = 6_000;

/// What a token is made with, as typed: its name, days until it expires, its scopes
/// (`read,write`; `None` for the member's full rights) and its rate a minute.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokenTerms<'a> {
    pub name: &'a str,
    pub days: Option<i64>,
    pub scopes: Option<&'a str>,
    pub rate_per_minute: Option<i64>,
}

/// Creates an API token for the member with `email` on `terms`; returns the token,
/// shown once.
pub async fn create_token(h: &Hearth, email: &str, terms: &TokenTerms<'_>) -> Result<String> {
    let email = Email::parse(email)?;
    let checked = check_terms(terms)?;
    let member = h
        .store
        .member_by_email(email.as_str())
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-member-email"))?;
    create_token_for(h, &member, &checked).await
}

/// A token's terms, checked: each bad field named.
struct CheckedTerms {
    name: Name,
    expires_at: Option<i64>,
    scopes: Option<String>,
    rate_per_minute: Option<i64>,
}

fn check_terms(terms: &TokenTerms<'_>) -> Result<CheckedTerms> {
    let name = Name::parse("name", terms.name, 80)?;
    let expires_at = match terms.days {
        None => None,
        Some(d) if (1..=TOKEN_MAX_DAYS).contains(&d) => Some(now() + d * 86_400_000),
        Some(_) => {
            return Err(Invalid::new(
                "expires",
                hearth_core::message!("err-token-days", max = TOKEN_MAX_DAYS),
            )
            .into());
        }
    };
    let scopes = terms
        .scopes
        .map(|s| {
            hearth_core::values::Scope::parse_list(s).map(|l| hearth_core::values::Scope::join(&l))
        })
        .transpose()?;
    let rate_per_minute = match terms.rate_per_minute {
        None => None,
        Some(r) if (1..=TOKEN_MAX_RATE).contains(&r) => Some(r),
        Some(_) => {
            return Err(Invalid::new(
                "rate",
                hearth_core::message!("err-token-rate", max = TOKEN_MAX_RATE),
            )
            .into());
        }
    };
    Ok(CheckedTerms {
        name,
        expires_at,
        scopes,
        rate_per_minute,
    })
}

/// Makes and stores a token for `member`; returns it, shown once.
async fn create_token_for(h: &Hearth, member: &Member, terms: &CheckedTerms) -> Result<String> {
    let token = format!("hth_{}", random_secret()?);
    h.store
        .create_api_token(
            &hearth_store::members::NewToken {
                member_id: member.id,
                name: terms.name.as_str(),
                token_hash: &secret_hash(&token),
                expires_at: terms.expires_at,
                scopes: terms.scopes.as_deref(),
                rate_per_minute: terms.rate_per_minute,
            },
            now(),
        )
        .await?;
    Ok(token)
}

/// What a member types to make a token of their own on their settings page.
pub struct MyToken<'a> {
    pub name: &'a str,
    /// Days until it expires, as typed; empty for never.
    pub days: &'a str,
    /// The scopes ticked; none for the member's full rights.
    pub scopes: &'a [&'a str],
    /// Their current password: a token outlives the session that made it, so a borrowed
    /// or stolen session alone must not be able to mint one.
    pub password: &'a str,
}

/// A signed-in member creates a token for themselves; returns it, shown once.
pub async fn create_my_token(
    h: &Hearth,
    actor: &Actor,
    input: &MyToken<'_>,
    client: &str,
) -> Result<String> {
    let member = signed_in(h, actor).await?;
    let days = match input.days.trim() {
        "" => None,
        d => Some(
            d.parse::<i64>()
                .map_err(|_| Invalid::new("expires", "err-number-of-days"))?,
        ),
    };
    let scopes = input.scopes.join(",");
    let checked = check_terms(&TokenTerms {
        name: input.name,
        days,
        scopes: (!input.scopes.is_empty()).then_some(scopes.as_str()),
        rate_per_minute: None,
    })?;
    limit_attempts(h, &format!("login:{client}")).await?;
    check_current_password(h, &member, input.password, "password").await?;
    create_token_for(h, &member, &checked).await
}

/// Refuses unless `actor` may list and revoke `member`'s tokens: their own, or as an admin
/// (or the console) those of members below them.
fn check_token_owner(actor: &Actor, member: &Member) -> Result<()> {
    if actor.member_id().is_none() && !matches!(actor, Actor::Operator) {
        return Err(ServiceError::Unauthenticated);
    }
    if hearth_core::access::can_manage_tokens(actor, member.id, member.role) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden("err-tokens-forbidden"))
    }
}

/// A member's API tokens (names and dates, never the secrets).
pub async fn tokens(
    h: &Hearth,
    actor: &Actor,
    member_id: i64,
) -> Result<Vec<hearth_store::members::ApiToken>> {
    let member = h
        .store
        .member(member_id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-member"))?;
    check_token_owner(actor, &member)?;
    Ok(h.store.api_tokens(member.id).await?)
}

/// The tokens of the member with `email` (the console's `token list`).
pub async fn tokens_by_email(
    h: &Hearth,
    actor: &Actor,
    email: &str,
) -> Result<Vec<hearth_store::members::ApiToken>> {
    let email = Email::parse(email)?;
    let member = h
        .store
        .member_by_email(email.as_str())
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-member-email"))?;
    check_token_owner(actor, &member)?;
    Ok(h.store.api_tokens(member.id).await?)
}

/// Revokes token `token_id`; it stops working at once.
pub async fn revoke_token(h: &Hearth, actor: &Actor, token_id: i64) -> Result<()> {
    let token = h
        .store
        .api_token(token_id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-token"))?;
    let member = h
        .store
        .member(token.member_id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-token"))?;
    check_token_owner(actor, &member).map_err(|e| match e {
        // Someone else's token is reported as missing, not as forbidden.
        ServiceError::Forbidden(_) => ServiceError::NotFound("err-not-found-token"),
        other => other,
    })?;
    if !h.store.revoke_api_token(member.id, token.id, now()).await? {
        return Err(ServiceError::NotFound("err-not-found-token"));
    }
    if actor.member_id() != Some(member.id) {
        super::audit::record(
            h,
            actor,
            AuditAction::TokenRevoked,
            Some(("member", member.id)),
            None,
        )
        .await;
    }
    Ok(())
}

/// Revokes token `token_id` of member `member_id` (an admin's button on the member's
/// record), with the same refusals as listing their tokens; a token of anyone else is
/// "not found".
pub async fn revoke_member_token(
    h: &Hearth,
    actor: &Actor,
    member_id: i64,
    token_id: i64,
) -> Result<()> {
    let member = h
        .store
        .member(member_id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-member"))?;
    check_token_owner(actor, &member)?;
    match h.store.api_token(token_id).await? {
        Some(t) if t.member_id == member.id => revoke_token(h, actor, token_id).await,
        _ => Err(ServiceError::NotFound("err-not-found-token")),
    }
}

/// The member behind a bearer token and what the token grants, or `None`.
pub async fn token_member(
    h: &Hearth,
    token: &str,
) -> Result<Option<(Member, hearth_store::members::TokenGrant)>> {
    let found = h.store.api_token_member(&secret_hash(token), now()).await?;
    Ok(found.and_then(|(m, grant)| unless_suspended(Some(m)).map(|m| (m, grant))))
}
