//! The community's health score, for those who may see Insights: the engine's components
//! (`hearth_insights::health`) over the range asked, against the period just before, with
//! sentiment measured from the posts' labels (`services::sentiment`) when it is on.

use super::insights::{Asked, compute, scope};
use super::{Hearth, Result};
use hearth_insights::health::Health;

pub async fn health(h: &Hearth, asked: &Asked) -> Result<Health> {
    let health = compute(h, asked, |log, a| {
        let s = scope(log, a, (a.from, a.to));
        let p = scope(log, a, a.previous());
        log.health(&s, &p)
    })
    .await?;
    let positive = super::sentiment::positive_share(h, asked).await?;
    Ok(health.with_sentiment(positive))
}
