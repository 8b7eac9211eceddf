//! The spam filter as admins see it: how well it does on decisions it did not learn from,
//! and the keyword rules. Scoring new posts is in `trust::check_new_post`; learning is in
//! the store's `decide`, in the same transaction as each moderator's decision.

use super::{Actor, Hearth, Result, ServiceError, now};
use hearth_core::Invalid;
use hearth_core::access;
use hearth_core::spam::{self, Evaluation};
use hearth_store::spam::KeywordRule;

/// How many of the latest decisions the report measures on.
const REPORT_DECISIONS: i64 = 5000;
/// Every fifth decision is held out of training when measuring.
const FOLD: usize = 5;
const MAX_PATTERN_CHARS: usize = 100;

/// The filter measured on held-out decisions, beside the links-only rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub decisions: usize,
    pub spam: usize,
    pub held_out: u64,
    pub filter: Evaluation,
    pub links_only: Evaluation,
    pub threshold: i64,
    pub ready: bool,
}

/// Measures the filter: trained on four in five of the latest decisions, tested on the
/// fifth (the same split as `spam::evaluate`), at the community's threshold.
pub async fn report(h: &Hearth, actor: &Actor) -> Result<Report> {
    if !access::can_manage_membership(actor) {
        return Err(ServiceError::Forbidden("err-only-admins-spam"));
    }
    let c = h
        .store
        .community()
        .await?
        .ok_or(ServiceError::State("err-not-set-up-yet"))?;
    let labels = h.store.spam_labels(REPORT_DECISIONS).await?;
    let threshold = c.spam_threshold as f64 / 100.0;
    let (filter, links_only) = spam::evaluate(&labels, FOLD, threshold);
    let model = h.store.spam_model().await?;
    Ok(Report {
        decisions: labels.len(),
        spam: labels.iter().filter(|l| l.1).count(),
        held_out: filter.total(),
        filter,
        links_only,
        threshold: c.spam_threshold,
        ready: model.is_ready(),
    })
}

pub async fn keyword_rules(h: &Hearth, actor: &Actor) -> Result<Vec<KeywordRule>> {
    if !access::can_manage_membership(actor) {
        return Err(ServiceError::Forbidden("err-only-admins-keywords"));
    }
    Ok(h.store.keyword_rules().await?)
}

/// Adds a rule: posts containing `pattern` (ignoring case) are flagged for review
/// (`flag`) or held until a moderator approves them (`hold`).
pub async fn add_keyword_rule(
    h: &Hearth,
    actor: &Actor,
    pattern: &str,
    action: &str,
) -> Result<i64> {
    if !access::can_manage_membership(actor) {
        return Err(ServiceError::Forbidden("err-only-admins-keywords"));
    }
    let pattern = pattern.trim().to_lowercase();
    if pattern.chars().count() < 2 || pattern.chars().count() > MAX_PATTERN_CHARS {
        return Err(Invalid::new(
            "pattern",
            hearth_core::message!("err-keyword-length", max = MAX_PATTERN_CHARS),
        )
        .into());
    }
    if pattern.chars().any(char::is_control) {
        return Err(Invalid::new("pattern", "err-one-line-of-text").into());
    }
    let action = match action.trim() {
        "flag" => "flag",
        "hold" => "hold",
        _ => return Err(Invalid::new("action", "err-keyword-action").into()),
    };
    Ok(h.store
        .add_keyword_rule(&pattern, action, actor.member_id(), now())
        .await?)
}

pub async fn delete_keyword_rule(h: &Hearth, actor: &Actor, id: i64) -> Result<()> {
    if !access::can_manage_membership(actor) {
        return Err(ServiceError::Forbidden("err-only-admins-keywords"));
    }
    h.store
        .delete_keyword_rule(id, actor.member_id(), now())
        .await
        .map_err(|e| match e {
            hearth_store::StoreError::NotFound => {
                ServiceError::NotFound("err-not-found-keyword-rule")
            }
            other => other.into(),
        })
}
