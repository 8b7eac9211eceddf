//! Who helps whom, for those who may see Insights: champions (the members the most help
//! flows to, by PageRank), bridges (the members most often between others, by
//! betweenness) and newcomers whose first topic nobody answered within 48 hours. The
//! graph and its measures are the engine's (`hearth_insights::network`); this adds names
//! the reader may see and keeps to the filters.

use super::insights::{Asked, compute, day_start_ms, scope};
use super::{Hearth, Result};

/// How long a newcomer's first topic may wait for a reply before they are listed.
pub const NEWCOMER_WAIT_MS: i64 = 48 * 3_600_000;

/// The most members the core of the network drawing shows.
pub const CORE: usize = 20;

#[derive(Debug, Clone, PartialEq)]
pub struct Champion {
    pub member_id: i64,
    /// PageRank: the share of the community's help that flows to them (all sum to 1).
    pub score: f64,
    /// Distinct members they helped.
    pub helped: u64,
    /// Times they helped (replies, and accepted answers once more).
    pub helps: u64,
    /// Times they were helped.
    pub helped_by: u64,
    pub staff: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bridge {
    pub member_id: i64,
    /// Betweenness: how many shortest paths between two other members pass through them.
    pub score: f64,
    /// The estimate's standard error (0 when exact).
    pub error: f64,
}

/// The core of the network, for the drawing: the top members by rank and the help
/// between them, `(from, to, times)` as indices into `members`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Core {
    pub members: Vec<(i64, f64)>,
    pub edges: Vec<(usize, usize, f64)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    /// Members in at least one act of help.
    pub members: usize,
    /// Distinct helped→helper pairs.
    pub edges: usize,
    pub acts: u64,
    pub champions: Vec<Champion>,
    pub bridges: Vec<Bridge>,
    pub bridges_exact: bool,
    /// Members the bridges' paths were counted from.
    pub bridge_sources: usize,
    pub core: Core,
}

/// The network of `asked`: its champions and bridges (the top `limit` of each, among the
/// segment's members when one is asked), and its core.
pub async fn network(h: &Hearth, asked: &Asked, limit: usize) -> Result<Network> {
    compute(h, asked, move |log, a| {
        let s = scope(log, a, (a.from, a.to));
        let net = log.network(&s);
        let id = |p: u32| log.people[p as usize].id;
        let champions = net
            .champions(limit, |p| s.allows(p))
            .into_iter()
            .map(|p| Champion {
                member_id: id(p.person),
                score: p.rank,
                helped: p.helped,
                helps: p.helps,
                helped_by: p.helped_by_count,
                staff: log.people[p.person as usize].facts.staff,
            })
            .collect();
        // The same seed every time: the same graph gives the same estimate.
        let b = net.betweenness(0x4845_4152_5448);
        let mut order: Vec<usize> = (0..net.people.len())
            .filter(|&v| s.allows(net.people[v]) && b.score[v] > 0.0)
            .collect();
        order.sort_by(|&x, &y| b.score[y].total_cmp(&b.score[x]).then(x.cmp(&y)));
        let bridges = order
            .iter()
            .take(limit)
            .map(|&v| Bridge {
                member_id: id(net.people[v]),
                score: b.score[v],
                error: b.error[v],
            })
            .collect();
        // The core: the top members by rank, whoever they are, and the help among them.
        let top = net.champions(CORE, |_| true);
        let index_of = |p: u32| top.iter().position(|t| t.person == p);
        let mut edges = Vec::new();
        for (i, t) in top.iter().enumerate() {
            let v = net.people.binary_search(&t.person).unwrap_or(usize::MAX);
            if v == usize::MAX {
                continue;
            }
            for (u, w) in net.graph.in_edges(v) {
                if let Some(j) = index_of(net.people[u as usize]) {
                    edges.push((j, i, f64::from(w)));
                }
            }
        }
        Network {
            members: net.people.len(),
            edges: net.graph.edges(),
            acts: net.acts,
            champions,
            bridges,
            bridges_exact: b.exact,
            bridge_sources: b.sources,
            core: Core {
                members: top.iter().map(|t| (id(t.person), t.rank)).collect(),
                edges,
            },
        }
    })
    .await
}

/// A newcomer to welcome: their first topic got no reply within 48 hours.
#[derive(Debug, Clone, PartialEq)]
pub struct Newcomer {
    pub member_id: i64,
    pub topic_id: i64,
    pub title: String,
    pub posted_at: i64,
}

/// The newcomers of `asked`'s days whose first topic nobody else answered within 48
/// hours, oldest first, in spaces the reader may see and the segment when one is asked.
/// Topics live on the hub: another channel gives none (`other_channel`).
pub async fn unanswered_newcomers(h: &Hearth, asked: &Asked) -> Result<(Vec<Newcomer>, bool)> {
    let other_channel = asked
        .filter
        .channel
        .as_deref()
        .is_some_and(|c| c != hearth_core::activity::HUB);
    if other_channel {
        return Ok((Vec::new(), true));
    }
    let range = (
        day_start_ms(&asked.zone, asked.from),
        day_start_ms(&asked.zone, asked.to + 1),
    );
    let found = h
        .store
        .unanswered_newcomers(
            range,
            asked.filter.space_id,
            NEWCOMER_WAIT_MS,
            super::now(),
            500,
        )
        .await?;
    let members: Option<std::collections::HashSet<i64>> = asked
        .filter
        .members
        .as_ref()
        .map(|m| m.iter().copied().collect());
    Ok((
        found
            .into_iter()
            .filter(|n| asked.visible.contains(&n.space_id))
            .filter(|n| members.as_ref().is_none_or(|m| m.contains(&n.member_id)))
            .take(100)
            .map(|n| Newcomer {
                member_id: n.member_id,
                topic_id: n.topic_id,
                title: n.title,
                posted_at: n.posted_at,
            })
            .collect(),
        false,
    ))
}
