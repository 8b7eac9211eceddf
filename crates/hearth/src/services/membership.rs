//! Who may join and how: the join mode and its settings, applications reviewed by
//! approvers, invite links and email invitations, the customer list, and the guidelines
//! members accept. Sign-up itself is in `accounts::sign_up`, which asks this module about
//! invites.

use super::{Actor, Hearth, Result, ServiceError, accounts, id_cursor, id_page, now};
use hearth_core::Invalid;
use hearth_core::access;
use hearth_core::markdown;
use hearth_core::model::{Community, Member};
use hearth_core::trust::TrustSettings;
use hearth_core::values::{Email, JoinMode, Role};
use hearth_store::StoreError;
use hearth_store::membership::{Application, Invite, JoinSettings, NewApplication, NewInvite};

/// The answer to an invite that expired, was revoked or is used up.
pub const INVITE_SPENT: ServiceError = ServiceError::State("err-invite-spent");
/// Most questions an owner may ask applicants, and longest question and answer.
pub const MAX_QUESTIONS: usize = 10;
const MAX_QUESTION_CHARS: usize = 300;
const MAX_ANSWER_CHARS: usize = 2000;
const MAX_MESSAGE_CHARS: usize = 2000;
/// Longest guidelines, in bytes of Markdown.
const MAX_GUIDELINES_BYTES: usize = 50_000;
/// Most addresses on the customer list.
pub const MAX_CUSTOMERS: usize = 200_000;
const APPLICATIONS_PAGE: i64 = 30;

fn community(c: Option<Community>) -> Result<Community> {
    c.ok_or(ServiceError::State("err-not-set-up-yet"))
}

fn bounded(field: &'static str, text: &str, max: usize) -> Result<String> {
    let text = text.trim();
    if text.chars().count() > max {
        return Err(Invalid::new(
            field,
            hearth_core::message!("err-at-most-characters", max = max),
        )
        .into());
    }
    Ok(text.to_string())
}

/// What an admin sets together on the membership page (and `PATCH /api/v1/community`).
#[derive(Debug, Default)]
pub struct JoinInput<'a> {
    pub join_mode: Option<&'a str>,
    pub join_questions: Option<&'a str>,
    pub trust_settings: Option<&'a str>,
    pub spam_threshold: Option<i64>,
}

/// Changes the join settings; fields left out keep their value. Everything is checked
/// before anything is written.
pub async fn update_join_settings(h: &Hearth, actor: &Actor, input: &JoinInput<'_>) -> Result<()> {
    if !access::can_manage_membership(actor) {
        return Err(ServiceError::Forbidden("err-only-admins-join"));
    }
    let c = community(h.store.community().await?)?;
    let join_mode = match input.join_mode {
        Some(m) => JoinMode::parse(m)?,
        None => c.join_mode,
    };
    let questions = match input.join_questions {
        Some(q) => {
            let lines: Vec<String> = q
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect();
            if lines.len() > MAX_QUESTIONS {
                return Err(Invalid::new(
                    "join_questions",
                    hearth_core::message!("err-max-questions", max = MAX_QUESTIONS),
                )
                .into());
            }
            if let Some(long) = lines
                .iter()
                .find(|l| l.chars().count() > MAX_QUESTION_CHARS)
            {
                return Err(Invalid::new(
                    "join_questions",
                    hearth_core::message!(
                        "err-question-length",
                        max = MAX_QUESTION_CHARS,
                        long = long.chars().take(30).collect::<String>()
                    ),
                )
                .into());
            }
            lines.join("\n")
        }
        None => c.join_questions.join("\n"),
    };
    let trust = match input.trust_settings {
        Some(t) => TrustSettings::parse(t)?.overrides_text(),
        None => c.trust_settings.clone(),
    };
    if join_mode == JoinMode::Customers && c.join_mode != JoinMode::Customers && h.mailer.is_none()
    {
        return Err(ServiceError::State("err-customers-need-mail"));
    }
    let spam_threshold = input.spam_threshold.unwrap_or(c.spam_threshold);
    if !(1..=100).contains(&spam_threshold) {
        return Err(Invalid::new("spam_threshold", "err-spam-threshold").into());
    }
    h.store
        .update_join_settings(
            &JoinSettings {
                join_mode,
                join_questions: &questions,
                trust_settings: &trust,
                spam_threshold,
            },
            actor.member_id(),
            now(),
        )
        .await?;
    Ok(())
}

/// Checks guidelines text before anything is written: not empty, not too long.
pub fn parse_guidelines(markdown_text: &str) -> Result<&str> {
    let text = markdown_text.trim();
    if text.is_empty() {
        return Err(Invalid::new("guidelines", "err-write-guidelines").into());
    }
    if text.len() > MAX_GUIDELINES_BYTES {
        return Err(Invalid::new(
            "guidelines",
            hearth_core::message!("err-at-most-bytes", max = MAX_GUIDELINES_BYTES),
        )
        .into());
    }
    Ok(text)
}

/// Replaces the guidelines (Markdown, sanitised like posts). Members see them again.
pub async fn set_guidelines(h: &Hearth, actor: &Actor, markdown_text: &str) -> Result<i64> {
    if !access::can_manage_membership(actor) {
        return Err(ServiceError::Forbidden("err-only-admins-guidelines"));
    }
    let text = parse_guidelines(markdown_text)?;
    let html = markdown::render(text);
    let version = h
        .store
        .set_guidelines(text, &html, actor.member_id(), now())
        .await?;
    // Whoever wrote them has read them.
    if let Some(id) = actor.member_id() {
        h.store.accept_guidelines(id, version, now()).await?;
    }
    Ok(version)
}

/// Whether `member` must (re)read and accept the guidelines before taking part.
pub fn must_accept_guidelines(c: &Community, member: &Member) -> bool {
    c.guidelines_version > 0 && member.guidelines_version < c.guidelines_version
}

/// The signed-in member accepts the current guidelines.
pub async fn accept_guidelines(h: &Hearth, actor: &Actor) -> Result<()> {
    let id = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    let c = community(h.store.community().await?)?;
    if c.guidelines_version == 0 {
        return Err(ServiceError::State("err-no-guidelines"));
    }
    h.store
        .accept_guidelines(id, c.guidelines_version, now())
        .await?;
    Ok(())
}

/// Refuses taking part until the current guidelines are accepted.
pub fn check_guidelines(c: &Community, member: &Member) -> Result<()> {
    if must_accept_guidelines(c, member) {
        return Err(ServiceError::Forbidden("err-guidelines-changed"));
    }
    Ok(())
}

// --- applications -------------------------------------------------------------------------

/// What an applicant sends.
pub struct ApplicationInput<'a> {
    pub email: &'a str,
    pub handle: &'a str,
    pub display_name: Option<&'a str>,
    pub password: &'a str,
    /// One answer per question, in order.
    pub answers: Vec<&'a str>,
    pub accept_guidelines: bool,
}

/// Files an application (approval mode only). Every question needs an answer.
pub async fn apply(h: &Hearth, input: &ApplicationInput<'_>, client: &str) -> Result<i64> {
    if h.config.signup == crate::config::Signup::Closed {
        return Err(ServiceError::Forbidden("err-signup-closed"));
    }
    let c = community(h.store.community().await?)?;
    if c.join_mode != JoinMode::Approval {
        return Err(ServiceError::State("err-no-applications"));
    }
    if c.guidelines_version > 0 && !input.accept_guidelines {
        return Err(Invalid::new("accept_guidelines", "err-accept-guidelines-apply").into());
    }
    if input.answers.len() > c.join_questions.len() {
        return Err(Invalid::new("answers", "err-too-many-answers").into());
    }
    let mut answers = Vec::with_capacity(c.join_questions.len());
    for (i, question) in c.join_questions.iter().enumerate() {
        let answer = bounded(
            "answers",
            input.answers.get(i).copied().unwrap_or(""),
            MAX_ANSWER_CHARS,
        )?;
        if answer.is_empty() {
            return Err(Invalid::new(
                "answers",
                hearth_core::message!(
                    "err-answer-question",
                    number = i + 1,
                    question = question.as_str()
                ),
            )
            .into());
        }
        answers.push(serde_json::json!({"question": question, "answer": answer}));
    }
    accounts::limit_signups(h, client).await?;
    let prepared = accounts::prepare_account(
        h,
        &accounts::NewAccount {
            email: input.email,
            handle: input.handle,
            display_name: input.display_name,
            password: Some(input.password),
            role: Role::Member,
            invite: None,
            accept_guidelines: input.accept_guidelines,
            groups: &[],
        },
    )
    .await?;
    let answers = serde_json::Value::Array(answers).to_string();
    let id = h
        .store
        .submit_application(
            &NewApplication {
                email: prepared.email.as_str(),
                handle: prepared.handle.as_str(),
                display_name: &prepared.display_name,
                password_hash: prepared.hash.as_deref().unwrap_or_default(),
                answers: &answers,
                guidelines_version: c.guidelines_version,
            },
            now(),
        )
        .await
        .map_err(|e| match e {
            StoreError::Conflict { field: "email" } => {
                ServiceError::State("err-application-waiting")
            }
            other => other.into(),
        })?;
    Ok(id)
}

/// Pending applications for approvers, oldest first.
pub async fn pending_applications(
    h: &Hearth,
    actor: &Actor,
    cursor: Option<&str>,
) -> Result<(Vec<Application>, Option<String>)> {
    if !access::can_review_applications(actor) {
        return Err(ServiceError::Forbidden("err-only-reviewers"));
    }
    let after = id_cursor(cursor)?.unwrap_or(0);
    let rows = h
        .store
        .applications("pending", after, APPLICATIONS_PAGE + 1)
        .await?;
    Ok(id_page(rows, APPLICATIONS_PAGE, |a| a.id))
}

/// Accepts or declines an application with a message the applicant receives by mail.
/// Reviewing an application for one's own address or handle, or one already decided, is
/// refused and changes nothing.
pub async fn review(
    h: &Hearth,
    actor: &Actor,
    id: i64,
    action: &str,
    message: &str,
) -> Result<Option<Member>> {
    if !access::can_review_applications(actor) {
        return Err(ServiceError::Forbidden("err-only-reviewers"));
    }
    let reviewer_id = actor.member_id().ok_or(ServiceError::Unauthenticated)?;
    let accept = match action.trim() {
        "approve" => true,
        "decline" => false,
        _ => return Err(Invalid::new("action", "err-review-action").into()),
    };
    let message = bounded("message", message, MAX_MESSAGE_CHARS)?;
    if !accept && message.is_empty() {
        return Err(Invalid::new("message", "err-say-why-applicant").into());
    }
    let app = h
        .store
        .application(id)
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-application"))?;
    let reviewer = h
        .store
        .member(reviewer_id)
        .await?
        .ok_or(ServiceError::Unauthenticated)?;
    if app.email == reviewer.email || app.handle == reviewer.handle {
        return Err(ServiceError::Forbidden("err-review-own"));
    }
    if app.state != "pending" {
        return Err(ServiceError::State("err-application-decided"));
    }
    h.store
        .review_application(id, reviewer_id, accept, &message, now())
        .await
        .map_err(|e| match e {
            StoreError::Conflict {
                field: "application",
            } => ServiceError::State("err-application-decided"),
            StoreError::Conflict { field } => ServiceError::State(if field == "email" {
                "err-application-email-taken"
            } else {
                "err-application-handle-taken"
            }),
            other => other.into(),
        })
}

// --- invites ------------------------------------------------------------------------------

/// What staff ask for when inviting.
pub struct InviteInput<'a> {
    /// An address to mail the invitation to; `None` for a link to share.
    pub email: Option<&'a str>,
    pub max_uses: i64,
    pub days: i64,
}

/// A created invite: its id and, for a link, the URL to share (shown once).
pub struct CreatedInvite {
    pub id: i64,
    pub url: Option<String>,
}

/// Creates an invite link (1–1000 uses, 1–90 days) or an email invitation (one use).
pub async fn create_invite(
    h: &Hearth,
    actor: &Actor,
    input: &InviteInput<'_>,
) -> Result<CreatedInvite> {
    if !access::can_invite(actor) {
        return Err(ServiceError::Forbidden("err-only-staff-invite"));
    }
    if !(1..=90).contains(&input.days) {
        return Err(Invalid::new("days", "err-from-1-to-90").into());
    }
    let email = input
        .email
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(Email::parse)
        .transpose()?;
    let max_uses = if email.is_some() { 1 } else { input.max_uses };
    if !(1..=1000).contains(&max_uses) {
        return Err(Invalid::new("max_uses", "err-from-1-to-1000").into());
    }
    if email.is_some() && h.mailer.is_none() {
        return Err(ServiceError::State("err-invite-no-mail"));
    }
    let nonce = accounts::random_secret()?[..16].to_string();
    let secret = match &email {
        Some(_) => super::email::invite_secret(h, &nonce).await?,
        None => accounts::random_secret()?,
    };
    let at = now();
    let id = h
        .store
        .create_invite(
            &NewInvite {
                token_hash: &accounts::secret_hash(&secret),
                email: email.as_ref().map(|e| e.as_str()),
                max_uses,
                expires_at: at + input.days * 86_400_000,
                created_by: actor.member_id(),
                mail_nonce: email.as_ref().map(|_| nonce.as_str()),
            },
            at,
        )
        .await?;
    // An email invitation's link goes only into its mail.
    let url = email.is_none().then(|| {
        format!(
            "{}/join?invite={secret}",
            h.config.public_url.trim_end_matches('/')
        )
    });
    Ok(CreatedInvite { id, url })
}

/// The invite behind a link's secret, if it still lets someone in.
pub async fn usable_invite(h: &Hearth, token: &str) -> Result<Invite> {
    let invite = h
        .store
        .invite_by_token(&accounts::secret_hash(token.trim()))
        .await?
        .ok_or(ServiceError::NotFound("err-not-found-invite"))?;
    if !invite.usable(now()) {
        return Err(INVITE_SPENT);
    }
    Ok(invite)
}

/// The latest invites, for staff.
pub async fn invites(h: &Hearth, actor: &Actor) -> Result<Vec<Invite>> {
    if !access::can_invite(actor) {
        return Err(ServiceError::Forbidden("err-only-staff-invite"));
    }
    Ok(h.store.invites(100).await?)
}

pub async fn revoke_invite(h: &Hearth, actor: &Actor, id: i64) -> Result<()> {
    if !access::can_invite(actor) {
        return Err(ServiceError::Forbidden("err-only-staff-invite"));
    }
    h.store
        .revoke_invite(id, actor.member_id(), now())
        .await
        .map_err(|e| match e {
            StoreError::NotFound => ServiceError::NotFound("err-not-found-invite"),
            other => other.into(),
        })
}

// --- the customer list --------------------------------------------------------------------

/// Reads a CSV of customers: a header row with an `email` column (any case; other
/// columns are ignored), or one address per line with no header. Returns the addresses,
/// lowercased, without duplicates; an address that does not parse is an error naming its
/// line, and nothing is replaced.
pub fn parse_customer_csv(bytes: &[u8]) -> Result<Vec<String>> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Invalid::new(
            "file",
            hearth_core::message!("err-csv-utf8", byte = e.valid_up_to()),
        )
    })?;
    let rows: Vec<(usize, Vec<String>)> = csv_rows(text.trim_start_matches('\u{feff}'))
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .collect();
    let Some((_, first)) = rows.first() else {
        return Err(Invalid::new("file", "err-file-empty").into());
    };
    let header: Vec<String> = first.iter().map(|c| c.trim().to_lowercase()).collect();
    let (column, data) = match header
        .iter()
        .position(|c| c == "email" || c == "email address")
    {
        Some(col) => (col, &rows[1..]),
        None if header.len() == 1 => (0, &rows[..]),
        None => {
            return Err(Invalid::new("file", "err-csv-no-email-column").into());
        }
    };
    let mut seen = std::collections::BTreeSet::new();
    for (line, cells) in data {
        let cell = cells.get(column).map(|c| c.trim()).unwrap_or("");
        if cell.is_empty() {
            continue;
        }
        let email = Email::parse(cell).map_err(|e| {
            let key = if e.message.key == "err-email-shape" {
                "err-csv-email-shape"
            } else {
                "err-csv-email-length"
            };
            Invalid::new(
                "file",
                hearth_core::message!(key, line = *line, cell = format!("{cell:?}")),
            )
        })?;
        seen.insert(email.as_str().to_string());
        if seen.len() > MAX_CUSTOMERS {
            return Err(Invalid::new(
                "file",
                hearth_core::message!("err-customers-max", max = MAX_CUSTOMERS),
            )
            .into());
        }
    }
    Ok(seen.into_iter().collect())
}

/// Splits CSV text into rows of cells, each with the line it starts on. Cells are separated
/// by commas; a quoted cell may hold commas, line breaks and doubled quotes (RFC 4180), as
/// Shopify's and Stripe's exports do in notes and addresses.
fn csv_rows(text: &str) -> Vec<(usize, Vec<String>)> {
    let mut rows = Vec::new();
    let (mut cells, mut cell) = (Vec::new(), String::new());
    let (mut line, mut row_line, mut quoted) = (1, 1, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => cells.push(std::mem::take(&mut cell)),
            '\r' if !quoted => {}
            '\n' if !quoted => {
                cells.push(std::mem::take(&mut cell));
                rows.push((row_line, std::mem::take(&mut cells)));
                line += 1;
                row_line = line;
            }
            '\n' => {
                line += 1;
                cell.push(c);
            }
            c => cell.push(c),
        }
    }
    if !cell.is_empty() || !cells.is_empty() {
        cells.push(cell);
        rows.push((row_line, cells));
    }
    rows
}

/// Replaces the customer list with the addresses in a CSV. Returns how many are on it.
pub async fn replace_customer_list(h: &Hearth, actor: &Actor, csv: &[u8]) -> Result<i64> {
    if !access::can_manage_membership(actor) {
        return Err(ServiceError::Forbidden("err-only-admins-customers"));
    }
    let emails = parse_customer_csv(csv)?;
    Ok(h.store
        .replace_allowed_emails("csv", &emails, actor.member_id(), now())
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn customer_csvs_are_read_or_refused_by_line() {
        let shopify = b"First Name,Last Name,Email,Accepts Email Marketing\nAna,Lima,ANA@x.io,yes\n\"Ben, Jr\",B,ben@x.io,no\n,,,\n";
        assert_eq!(
            parse_customer_csv(shopify).unwrap(),
            vec!["ana@x.io", "ben@x.io"]
        );
        assert_eq!(
            parse_customer_csv(b"\xef\xbb\xbfana@x.io\nana@x.io\ncara@x.io\n").unwrap(),
            vec!["ana@x.io", "cara@x.io"]
        );
        let bad = parse_customer_csv(b"email\nana@x.io\nnot-an-address\n").unwrap_err();
        assert!(bad.to_string().contains("line 3"), "{bad}");
        let latin1 = parse_customer_csv(b"email\nj\xe9r\xf4me@x.io\n").unwrap_err();
        assert!(latin1.to_string().contains("UTF-8"), "{latin1}");
        let no_column = parse_customer_csv(b"name,phone\nAna,1\n").unwrap_err();
        assert!(
            no_column.to_string().contains("no column named email"),
            "{no_column}"
        );
        assert!(parse_customer_csv(b"").is_err());
        let multiline = b"Email,Note\nana@x.io,\"Leave at the door,\nring twice\"\nnope,x\n";
        let e = parse_customer_csv(multiline).unwrap_err();
        assert!(
            e.to_string().contains("line 4"),
            "lines count across quoted breaks: {e}"
        );
        let ok = b"Email,Note\nana@x.io,\"Leave at the door,\nring twice\"\nben@x.io,\n";
        assert_eq!(
            parse_customer_csv(ok).unwrap(),
            vec!["ana@x.io", "ben@x.io"]
        );
    }
}
