//! Churn risk, for those who may see Insights: the model the engine trains on the
//! community's own history (`hearth_insights::churn`), its accuracy on a later month it
//! was not trained on, next to the recency rule, and today's active members by risk with
//! the figures that raise it. The day asked (`to`) is "today"; a segment narrows the list.

use super::insights::{Asked, compute, scope};
use super::{Hearth, Result};
use hearth_insights::churn::{self as engine, Bin, FEATURES, HORIZON, TooLittle};

/// A member's risk as the page and the API show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Risk {
    pub member_id: i64,
    pub probability: f64,
    pub days_quiet: i32,
    /// (feature name, its figure, its push on the log-odds), largest first.
    pub factors: Vec<(&'static str, f64, f64)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub auc: f64,
    pub baseline_auc: f64,
    pub beats_baseline: bool,
    pub calibration: Vec<Bin>,
    pub training_examples: usize,
    pub training_months: usize,
    /// The held-out period: members active in the 30 days to `test_cutoff`, and whether
    /// they did anything in the 30 days after.
    pub test_cutoff: hearth_insights::Day,
    pub test_examples: usize,
    pub test_quiet: usize,
    /// (feature, coefficient on its standardised value).
    pub coefficients: Vec<(&'static str, f64)>,
    /// Active members scored (before the limit).
    pub scored: usize,
    pub items: Vec<Risk>,
    pub trained_at: i64,
}

/// The model and today's riskiest `limit` members, or what history is missing.
pub async fn churn(
    h: &Hearth,
    asked: &Asked,
    limit: usize,
) -> Result<std::result::Result<Report, TooLittle>> {
    let trained_at = super::now();
    compute(h, asked, move |log, a| {
        let s = scope(log, a, (a.from, a.to));
        let c = log.churn(a.to, &s)?;
        Ok(Report {
            auc: c.auc,
            baseline_auc: c.baseline_auc,
            beats_baseline: c.beats_baseline,
            calibration: c.calibration,
            training_examples: c.training_examples,
            training_months: c.training_cutoffs.len(),
            test_cutoff: c.test_cutoff,
            test_examples: c.test_examples,
            test_quiet: c.test_quiet,
            coefficients: FEATURES.iter().copied().zip(c.model.coef).collect(),
            scored: c.risks.len(),
            items: c
                .risks
                .iter()
                .take(limit)
                .map(|r| Risk {
                    member_id: log.people[r.person as usize].id,
                    probability: r.probability,
                    days_quiet: r.days_quiet,
                    factors: r
                        .factors
                        .iter()
                        .map(|&(j, v, e)| (FEATURES[j], v, e))
                        .collect(),
                })
                .collect(),
            trained_at,
        })
    })
    .await
}

/// How many days after a cutoff count.
pub const HORIZON_DAYS: i32 = HORIZON;
pub use engine::{MIN_TEST, MIN_TRAINING};
