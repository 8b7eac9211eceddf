//! One member as Insights sees them, for their record and the API: their engagement level
//! and what made it, their churn risk and its factors, and their place in who helps whom.
//! Over the last 90 days to today unless asked otherwise, on the community's clock; checked like every Insights
//! read (`access::can_view_insights`).

use super::insights::{Query, ask, compute, scope};
use super::levels::WeightsDoc;
use super::{Actor, Hearth, Result, ServiceError};
use hearth_insights::churn::FEATURES;

pub struct Level {
    pub level: u8,
    pub score: f64,
    /// (kind, channel, points), largest first.
    pub reasons: Vec<(String, String, f64)>,
}

pub enum Risk {
    Scored {
        probability: f64,
        days_quiet: i32,
        factors: Vec<(&'static str, f64, f64)>,
        /// The model beat the recency rule (else the list ranks by days quiet).
        model_ranks: bool,
        auc: f64,
    },
    /// Not active in the last 30 days, staff, or opted out: not scored.
    NotScored,
    /// Too little history for a model.
    NoModel,
}

pub struct Place {
    pub score: f64,
    /// 1 for the member most help flows to.
    pub rank: usize,
    pub members: usize,
    pub helps: u64,
    pub helped: u64,
    pub helped_by: u64,
}

pub struct MemberInsights {
    pub member_id: i64,
    /// The days looked at.
    pub from: hearth_insights::Day,
    pub to: hearth_insights::Day,
    /// None: never active, staff, or opted out.
    pub level: Option<Level>,
    pub risk: Risk,
    /// None: in no act of help in the last 90 days.
    pub place: Option<Place>,
}

/// Member `id` over the days `q` asks for (the last 90 days when it names none).
pub async fn member(h: &Hearth, actor: &Actor, id: i64, q: &Query) -> Result<MemberInsights> {
    let mut q = q.clone();
    if q.range.is_none() && q.from.is_none() && q.to.is_none() {
        q.range = Some("90d".into());
    }
    let asked = ask(h, actor, &q).await?;
    if h.store.member(id).await?.is_none() {
        return Err(ServiceError::NotFound("err-not-found-record"));
    }
    let doc: WeightsDoc = super::levels::weights(h).await?;
    compute(h, &asked, move |log, a| {
        let Some(p) = log.person_of(id) else {
            return MemberInsights {
                member_id: id,
                from: a.from,
                to: a.to,
                level: None,
                risk: Risk::NotScored,
                place: None,
            };
        };
        let s = scope(log, a, (a.from, a.to));
        let w = doc.for_log(log);
        let l = log.levels(a.to, a.from - 1, &w, false, &s);
        let level = (l.level[p as usize] > 0).then(|| Level {
            level: l.level[p as usize],
            score: l.score[p as usize],
            reasons: log
                .reasons(a.to, &w, &[p])
                .remove(0)
                .into_iter()
                .map(|(k, c, pts)| {
                    (
                        log.kinds.names[k as usize].clone(),
                        log.channels.names[c as usize].clone(),
                        pts,
                    )
                })
                .collect(),
        });
        let risk = match log.churn(a.to, &s) {
            Err(_) => Risk::NoModel,
            Ok(c) => match c.risks.iter().find(|r| r.person == p) {
                None => Risk::NotScored,
                Some(r) => Risk::Scored {
                    probability: r.probability,
                    days_quiet: r.days_quiet,
                    factors: r
                        .factors
                        .iter()
                        .map(|&(j, v, e)| (FEATURES[j], v, e))
                        .collect(),
                    model_ranks: c.beats_baseline,
                    auc: c.auc,
                },
            },
        };
        let net = log.network(&s);
        let places = net.champions(usize::MAX, |_| true);
        let place = places.iter().position(|x| x.person == p).map(|i| Place {
            score: places[i].rank,
            rank: i + 1,
            members: places.len(),
            helps: places[i].helps,
            helped: places[i].helped,
            helped_by: places[i].helped_by_count,
        });
        MemberInsights {
            member_id: id,
            from: a.from,
            to: a.to,
            level,
            risk,
            place,
        }
    })
    .await
}
