//! Erasure and the data a member may take with them.
//!
//! `erase_member` deletes a person's personal data everywhere it is kept, in one
//! transaction, and keeps the member row as an anonymous id: their activities stay (without
//! their properties), so counts and aggregates stay right, but nothing left can say who
//! they were. What goes: their addresses, handles and names on every channel, password,
//! sessions, tokens and single-use links, profile and avatar, tags, fields, notes, warnings
//! and restriction reasons, notifications and mail records, watches and groups,
//! applications, invites and customer-list entries for their addresses, queued jobs and
//! rate-limit buckets that name them, the text of their posts and the titles of their
//! topics (and every revision, and so the search index), flag texts, order numbers and
//! line items, merge evidence, and audit details about them; their handle in other
//! people's posts becomes `@erased` (in any case); their names and addresses in other
//! recipients' mail subjects, in audit reasons and details, and in the error text of jobs
//! and mail become `[erased]`.
//!
//! On SQLite the erasure runs with `secure_delete` (freed pages are zeroed) and merges the
//! full-text index's segments, so no old term survives in the file; old page images stay
//! in the write-ahead log until its next checkpoint. On PostgreSQL old row versions stay
//! in the table files until (auto)vacuum reclaims them (docs/PEOPLE.md says so).

use crate::discipline::record_action;
use crate::{Arg, Result, StoreError};
use hearth_core::audit::AuditAction;
use hearth_core::model::Millis;

/// Why an erasure was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EraseError {
    NotFound,
    Owner,
    AlreadyErased,
    Store(String),
}

impl From<StoreError> for EraseError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => EraseError::NotFound,
            other => EraseError::Store(other.to_string()),
        }
    }
}

/// Statements that take only the member's id.
const BY_MEMBER: &[&str] = &[
    "DELETE FROM sessions WHERE member_id = $1",
    "DELETE FROM api_tokens WHERE member_id = $1",
    "DELETE FROM email_tokens WHERE member_id = $1",
    "DELETE FROM member_tags WHERE member_id = $1",
    "DELETE FROM member_fields WHERE member_id = $1",
    "DELETE FROM mod_notes WHERE member_id = $1",
    "DELETE FROM warnings WHERE member_id = $1",
    "UPDATE suspensions SET reason = '', lift_reason = NULL WHERE member_id = $1",
    "DELETE FROM notifications WHERE member_id = $1",
    "DELETE FROM mail_deliveries WHERE member_id = $1",
    "DELETE FROM notification_prefs WHERE member_id = $1",
    "DELETE FROM space_watches WHERE member_id = $1",
    "DELETE FROM topic_watches WHERE member_id = $1",
    "DELETE FROM group_members WHERE member_id = $1",
    "UPDATE flags SET text = '' WHERE member_id = $1",
    "DELETE FROM spam_labels WHERE post_id IN (SELECT id FROM posts WHERE author_id = $1)",
    "DELETE FROM post_revisions WHERE editor_id = $1 OR post_id IN (SELECT id FROM posts WHERE author_id = $1)",
    "UPDATE posts SET body_md = '', body_html = '' WHERE author_id = $1",
    "UPDATE posts SET deleted_at = $2 WHERE author_id = $1 AND deleted_at IS NULL",
    "UPDATE topics SET title = '[erased]' WHERE author_id = $1",
    "UPDATE activities SET properties = NULL WHERE member_id = $1",
    "UPDATE orders SET external_id = 'erased-' || CAST(id AS TEXT), lines = '[]' WHERE member_id = $1",
    "UPDATE merges SET evidence = '[erased]' WHERE member_id = $1 OR merged_id = $1",
    "UPDATE audit_log SET reason = NULL, details = NULL WHERE target_type = 'member' AND target_id = $1",
    "DELETE FROM applications WHERE member_id = $1",
    "DELETE FROM identities WHERE member_id = $1",
];

impl crate::Store {
    /// Erases a member's personal data (see the module), keeping an anonymous id.
    pub async fn erase_member(
        &self,
        id: i64,
        by_id: Option<i64>,
        now: Millis,
    ) -> std::result::Result<(), EraseError> {
        let mut tx = self.db.begin().await?;
        let sqlite = tx.dialect() == crate::Dialect::Sqlite;
        if sqlite {
            // Pages freed by this erasure are overwritten with zeros, not left readable.
            tx.execute_script("PRAGMA secure_delete = ON").await?;
        }
        let m = tx
            .fetch_optional(
                "SELECT email, handle, display_name, role, erased_at, avatar_upload_id FROM members WHERE id = $1",
                &[Arg::I64(id)],
            )
            .await?
            .ok_or(EraseError::NotFound)?;
        if m.opt_i64("erased_at")?.is_some() {
            return Err(EraseError::AlreadyErased);
        }
        if m.text("role")? == "owner" {
            return Err(EraseError::Owner);
        }
        // Their addresses, to find them where rows are keyed by address.
        let mut emails: Vec<String> = vec![m.text("email")?.to_lowercase()];
        for r in tx
            .fetch_all(
                "SELECT email FROM identities WHERE member_id = $1",
                &[Arg::I64(id)],
            )
            .await?
        {
            emails.push(r.text("email")?.to_lowercase());
        }
        emails.retain(|e| !e.is_empty());
        emails.sort();
        emails.dedup();
        // Their handle in other people's posts (mentions, links to their profile).
        let handle = m.text("handle")?;
        let display_name = m.text("display_name")?;
        if !handle.is_empty() {
            // In any case: `@Ana` mentions `ana` as well (PostgreSQL's LIKE is
            // case-sensitive, so both sides are lowered).
            let pattern = format!("%{}%", crate::like_literal(&handle.to_lowercase()));
            for (select, update) in [
                (
                    "SELECT id, body_md, body_html AS other FROM posts WHERE lower(body_md) LIKE $1 ESCAPE '\\' OR lower(body_html) LIKE $1 ESCAPE '\\'",
                    "UPDATE posts SET body_md = $1, body_html = $2 WHERE id = $3",
                ),
                (
                    "SELECT id, body_md, '' AS other FROM post_revisions WHERE lower(body_md) LIKE $1 ESCAPE '\\'",
                    "UPDATE post_revisions SET body_md = $1 WHERE id = $3 AND $2 = $2",
                ),
            ] {
                for r in tx.fetch_all(select, &[Arg::Text(&pattern)]).await? {
                    let md = forget_handle(&r.text("body_md")?, &handle);
                    let other = forget_handle(&r.text("other")?, &handle);
                    tx.execute(
                        update,
                        &[Arg::Text(&md), Arg::Text(&other), Arg::I64(r.i64("id")?)],
                    )
                    .await?;
                }
            }
        }
        for email in &emails {
            for sql in [
                "DELETE FROM applications WHERE lower(email) = $1",
                "DELETE FROM invites WHERE lower(email) = $1",
                "DELETE FROM allowed_emails WHERE lower(email) = $1",
                "DELETE FROM email_tokens WHERE lower(email) = $1",
            ] {
                tx.execute(sql, &[Arg::Text(email)]).await?;
            }
        }
        // Queued jobs and rate-limit buckets name people by address only.
        for name in &emails {
            let pattern = format!("%{}%", crate::like_literal(name));
            tx.execute(
                "DELETE FROM jobs WHERE payload LIKE $1 ESCAPE '\\'",
                &[Arg::Text(&pattern)],
            )
            .await?;
            tx.execute(
                "DELETE FROM rate_events WHERE bucket LIKE $1 ESCAPE '\\'",
                &[Arg::Text(&pattern)],
            )
            .await?;
        }
        // What other rows say about them in words: other recipients' mail subjects
        // ("ana replied to your topic"), audit reasons and details ("for @ana"), and the
        // error text of jobs and mail (a server's "mailbox ana@… unavailable").
        let mut names: Vec<String> = vec![handle.clone()];
        if display_name.chars().count() >= 3 {
            names.push(display_name.clone());
        }
        names.retain(|n| !n.is_empty());
        let everything: Vec<String> = names.iter().chain(emails.iter()).cloned().collect();
        scrub_words(
            &mut tx,
            "SELECT dedupe_key AS k, subject AS text FROM mail_deliveries WHERE lower(subject) LIKE $1 ESCAPE '\\'",
            "UPDATE mail_deliveries SET subject = $1 WHERE dedupe_key = $2",
            &everything,
        )
        .await?;
        for (select, update) in [
            (
                "SELECT CAST(id AS TEXT) AS k, reason AS text FROM audit_log WHERE lower(reason) LIKE $1 ESCAPE '\\'",
                "UPDATE audit_log SET reason = $1 WHERE CAST(id AS TEXT) = $2",
            ),
            (
                "SELECT CAST(id AS TEXT) AS k, details AS text FROM audit_log WHERE lower(details) LIKE $1 ESCAPE '\\'",
                "UPDATE audit_log SET details = $1 WHERE CAST(id AS TEXT) = $2",
            ),
        ] {
            scrub_words(&mut tx, select, update, &everything).await?;
        }
        scrub_words(
            &mut tx,
            "SELECT CAST(id AS TEXT) AS k, last_error AS text FROM jobs WHERE lower(last_error) LIKE $1 ESCAPE '\\'",
            "UPDATE jobs SET last_error = $1 WHERE CAST(id AS TEXT) = $2",
            &emails,
        )
        .await?;
        // Records merged into this one are the same person: they go too (their rows were
        // moved here by the merge; what is left is the record itself).
        let mut records = vec![id];
        let mut i = 0;
        while i < records.len() {
            for r in tx
                .fetch_all(
                    "SELECT id FROM members WHERE merged_into = $1",
                    &[Arg::I64(records[i])],
                )
                .await?
            {
                records.push(r.i64("id")?);
            }
            i += 1;
        }
        for record in &records {
            for sql in BY_MEMBER {
                let args: &[Arg] = if sql.contains("$2") {
                    &[Arg::I64(*record), Arg::I64(now)]
                } else {
                    &[Arg::I64(*record)]
                };
                tx.execute(sql, args).await?;
            }
            tx.execute(
                "UPDATE members SET email = '', handle = '', display_name = 'Erased member', password_hash = NULL,
                        bio = '', location = '', links = '', language = '', time_zone = '', avatar_upload_id = NULL,
                        hide_from_directory = 1, hide_activity = 1, analytics_opt_out = 1, role = 'guest', erased_at = $2
                 WHERE id = $1",
                &[Arg::I64(*record), Arg::I64(now)],
            )
            .await?;
        }
        tx.execute(
            "DELETE FROM uploads WHERE member_id = $1 OR id = $2",
            &[
                Arg::I64(id),
                Arg::I64(m.opt_i64("avatar_upload_id")?.unwrap_or(0)),
            ],
        )
        .await?;
        record_action(
            &mut tx,
            id,
            hearth_core::activity::MEMBER_ERASED,
            id,
            (AuditAction::MembersErased, by_id, None),
            None,
            now,
        )
        .await?;
        if sqlite {
            // FTS5 records deletions as markers beside the old terms until its segments are
            // merged: merge them now so no term of theirs stays in the index.
            tx.execute_script("INSERT INTO post_search (post_search) VALUES ('optimize'); PRAGMA secure_delete = OFF")
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// How long raw imported data is kept, in days (`None`: for ever).
    pub async fn raw_retention_days(&self) -> Result<Option<i64>> {
        Ok(self
            .db
            .fetch_optional("SELECT raw_retention_days FROM community WHERE id = 1", &[])
            .await?
            .map(|r| r.opt_i64("raw_retention_days"))
            .transpose()?
            .flatten())
    }

    pub async fn set_raw_retention_days(&self, days: Option<i64>) -> Result<()> {
        self.db
            .execute(
                "UPDATE community SET raw_retention_days = $1 WHERE id = 1",
                &[Arg::OptI64(days)],
            )
            .await?;
        Ok(())
    }

    /// Forgets raw imported data older than `before`: the properties of activities from
    /// other channels (message and order details as the source gave them) and the skipped
    /// rows kept with each import's audit (its counts stay). Returns rows changed.
    pub async fn apply_raw_retention(&self, before: Millis) -> Result<u64> {
        let mut tx = self.db.begin().await?;
        let a = tx
            .execute(
                "UPDATE activities SET properties = NULL WHERE channel <> 'hub' AND occurred_at < $1 AND properties IS NOT NULL",
                &[Arg::I64(before)],
            )
            .await?;
        let b = tx
            .execute(
                "UPDATE imports SET skipped = '[]' WHERE finished_at < $1 AND skipped <> '[]'",
                &[Arg::I64(before)],
            )
            .await?;
        tx.commit().await?;
        Ok(a + b)
    }

    /// A member's own posts (for their data export), oldest first.
    pub async fn posts_by_author(
        &self,
        member_id: i64,
        limit: i64,
    ) -> Result<Vec<(i64, i64, String, Millis)>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT id, topic_id, body_md, created_at FROM posts WHERE author_id = $1 AND deleted_at IS NULL ORDER BY id LIMIT $2",
                &[Arg::I64(member_id), Arg::I64(limit)],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.i64("id")?,
                    r.i64("topic_id")?,
                    r.text("body_md")?,
                    r.i64("created_at")?,
                ))
            })
            .collect()
    }
}

/// `text` with `@handle` (not followed by more of a handle) and `/u/handle` links replaced by
/// `@erased` and `/u/erased`.
fn forget_handle(text: &str, handle: &str) -> String {
    // Handles are ASCII, so lowering ASCII letters keeps every byte offset: the search runs
    // on the lowered copy and the cut on the original.
    let handle = handle.to_ascii_lowercase();
    let lowered = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    let continues = |s: &str| {
        s.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    while let Some(found) = lowered[from..].find(&handle) {
        let at = from + found;
        let end = at + handle.len();
        let before = &text[from..at];
        let mention = text[..at].ends_with('@') || text[..at].ends_with("/u/");
        out.push_str(before);
        if mention && !continues(&text[end..]) {
            out.push_str("erased");
        } else {
            out.push_str(&text[at..end]);
        }
        from = end;
    }
    out.push_str(&text[from..]);
    out
}

/// `text` with every `needle`, in any case and as a whole word (not inside a longer word:
/// erasing "Tom" leaves "Tomorrow" alone), replaced by `with`.
fn replace_any_case(text: &str, needle: &str, with: &str) -> String {
    let wanted: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    if wanted.is_empty() {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let (mut j, mut k) = (i, 0);
        while k < wanted.len() && j < chars.len() {
            let lower: Vec<char> = chars[j].to_lowercase().collect();
            if wanted[k..].starts_with(&lower) {
                k += lower.len();
                j += 1;
            } else {
                break;
            }
        }
        let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
        let whole = (i == 0 || !word(chars.get(i - 1))) && !word(chars.get(j));
        if k == wanted.len() && whole {
            out.push_str(with);
            i = j;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// A LIKE pattern (without the `%`s) that finds `word` in a lowered column on both
/// databases: ASCII lowered and escaped, and every other character `_` (any one
/// character), since SQLite's `lower()` folds ASCII only and "Émilie" must still be found.
/// The rows found are then checked exactly by [`replace_any_case`].
fn like_any_case(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '%' | '_' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            _ => out.push('_'),
        }
    }
    out
}

/// Rewrites the `text` column of the rows `select` finds for each of `words` (`$1` is a
/// lowered LIKE pattern; rows come as `k`, `text`) with every word replaced by
/// `[erased]`, through `update` (`$1` the new text, `$2` the row's key).
async fn scrub_words(
    tx: &mut crate::Tx,
    select: &'static str,
    update: &'static str,
    words: &[String],
) -> Result<()> {
    for word in words {
        let pattern = format!("%{}%", like_any_case(word));
        for r in tx.fetch_all(select, &[Arg::Text(&pattern)]).await? {
            let text = replace_any_case(&r.text("text")?, word, "[erased]");
            tx.execute(update, &[Arg::Text(&text), Arg::Text(&r.text("k")?)])
                .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn handles_are_forgotten_only_where_they_are_handles() {
        assert_eq!(
            super::forget_handle(
                "Thanks @ana and @anabel, see <a href=\"/u/ana\">@ana</a>; banana",
                "ana"
            ),
            "Thanks @erased and @anabel, see <a href=\"/u/erased\">@erased</a>; banana"
        );
        // Regression: `@Ana` (another case) was left as it was.
        assert_eq!(
            super::forget_handle("Hi @Ana and @ANA.", "ana"),
            "Hi @erased and @erased."
        );
    }

    #[test]
    fn words_are_replaced_in_any_case() {
        assert_eq!(
            super::replace_any_case(
                "Ana Rye replied; ANA RYE again, ana ryes",
                "ana rye",
                "[erased]"
            ),
            "[erased] replied; [erased] again, ana ryes"
        );
        assert_eq!(
            super::replace_any_case("Mailbox ANA@X.IO unavailable", "ana@x.io", "[erased]"),
            "Mailbox [erased] unavailable"
        );
        assert_eq!(
            super::replace_any_case("Ünïcode ünïcode", "ÜNÏCODE", "x"),
            "x x"
        );
        // Regression (review): erasing "Tom" rewrote "Tomorrow".
        assert_eq!(
            super::replace_any_case("Tom said: see you Tomorrow, tom.", "tom", "[erased]"),
            "[erased] said: see you Tomorrow, [erased]."
        );
        // Non-ASCII letters are any one character in the SQL pattern (SQLite's lower()
        // folds ASCII only); LIKE's own characters are escaped.
        assert_eq!(super::like_any_case("Émilie_D%"), "_milie\\_d\\%");
    }
}
