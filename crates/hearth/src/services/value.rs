//! What the community is worth in spend, for those who may see Insights: the engine's
//! difference-in-differences estimate (`hearth_insights::value`) as of the day asked, and
//! repeat purchase and customer churn, members against non-members.

use super::insights::{Asked, compute};
use super::{Hearth, Result};
use hearth_insights::value::{Habits, Missing, RESAMPLES, Value, WINDOW};

/// How the estimate is made, in one line (the API's `method`).
pub fn method() -> String {
    format!(
        "difference in differences: each member's spend in the {WINDOW} days after joining against the {WINDOW} days before, less the change over the same days of a non-member customer matched on spend in the {WINDOW} days before that; 95% interval from {RESAMPLES} bootstrap resamples of members and of matches"
    )
}

pub struct Report {
    pub value: std::result::Result<Value, Missing>,
    pub habits: Habits,
}

pub async fn member_value(h: &Hearth, asked: &Asked) -> Result<Report> {
    compute(h, asked, |log, a| Report {
        // The same seed every time: the same data give the same interval.
        value: log.member_value(a.to, 0x56_414c_5545),
        habits: log.habits(a.to),
    })
    .await
}

/// The reason there is no estimate, as the API names it.
pub fn missing_code(m: Missing) -> &'static str {
    match m {
        Missing::NoSpend => "no_spend",
        Missing::NoMembersWithHistory => "no_members_with_history",
        Missing::NoComparison => "no_comparison",
    }
}

pub const WINDOW_DAYS: i32 = WINDOW;
