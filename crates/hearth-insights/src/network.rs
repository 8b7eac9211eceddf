//! Who helps whom: a directed graph with an edge from the member who was helped to the
//! member who helped, weighted by how often (a reply to their topic, a reply to their
//! message on another channel, and once more for an answer they accepted). Champions
//! are the members the most help flows to by weighted PageRank; bridges are the members
//! most often on the shortest paths between others (betweenness).
//!
//! The graph covers the scope's days, channel and space; members who opted out of
//! analytics are not in it at either end. A segment narrows who is listed, not the graph:
//! a champion is measured against the whole community.

use crate::graph::{Betweenness, Graph, Ranks};
use crate::log::Log;
use crate::query::Scope;

/// PageRank's damping: the chance of following an edge rather than jumping anywhere.
pub const DAMPING: f64 = 0.85;
/// PageRank stops when one sweep moves the ranks by less than this in total (igraph's
/// PRPACK uses the same tolerance).
pub const TOLERANCE: f64 = 1e-10;
/// Betweenness is exact up to this many members in the graph, else estimated.
pub const EXACT_BETWEENNESS_UP_TO: usize = 3_000;
/// Sources sampled for the estimate on larger graphs.
pub const BETWEENNESS_SAMPLES: usize = 400;

/// The graph of one scope, with its measures.
#[derive(Debug, Clone)]
pub struct Network {
    /// The person index (into `Log::people`) of each node.
    pub people: Vec<u32>,
    pub graph: Graph,
    pub ranks: Ranks,
    /// Acts of help, before repeats were merged.
    pub acts: u64,
}

/// A member's place in the network.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    /// The person index.
    pub person: u32,
    pub rank: f64,
    /// Acts of help given (replies and accepted answers).
    pub helps: u64,
    /// Distinct members helped.
    pub helped: u64,
    /// Acts of help received.
    pub helped_by_count: u64,
}

impl Log {
    /// Every act of help in the scope, as (helped, helper) person indices: replies
    /// (on the hub and elsewhere) and accepted answers.
    pub fn help_acts(&self, scope: &Scope) -> Vec<(u32, u32)> {
        let excluded = |p: u32| self.people[p as usize].facts.excluded;
        let zone = scope.zone.as_ref();
        let mut days = zone.map(|z| z.days());
        let mut out = Vec::new();
        for h in &self.help {
            let day = match &mut days {
                None => h.day,
                Some(reader) => reader.day(i64::from(h.minute) * 60_000),
            };
            if day < scope.from
                || day > scope.to
                || !scope.channel_matches(h.channel)
                || !scope.space_matches(h.space)
                || excluded(h.helped)
                || excluded(h.helper)
            {
                continue;
            }
            out.push((h.helped, h.helper));
        }
        let zone = zone.unwrap_or(&self.zone);
        let mut days = zone.days();
        for q in self.questions() {
            let Some((at, Some(author))) = q.accepted else {
                continue;
            };
            let day = days.day(at);
            if author == q.asker
                || day < scope.from
                || day > scope.to
                || !scope.channel_matches(q.channel)
                || !scope.space_matches(q.space)
                || excluded(author)
                || excluded(q.asker)
            {
                continue;
            }
            out.push((q.asker, author));
        }
        out
    }

    /// The who-helps-whom graph of the scope and its PageRank.
    pub fn network(&self, scope: &Scope) -> Network {
        let acts = self.help_acts(scope);
        // Nodes: the members in at least one edge, numbered in order of person index.
        let mut node_of = vec![u32::MAX; self.people.len()];
        for &(a, b) in &acts {
            node_of[a as usize] = 0;
            node_of[b as usize] = 0;
        }
        let mut people = Vec::new();
        for (p, slot) in node_of.iter_mut().enumerate() {
            if *slot == 0 {
                *slot = people.len() as u32;
                people.push(p as u32);
            }
        }
        let edges: Vec<(u32, u32, f32)> = acts
            .iter()
            .map(|&(a, b)| (node_of[a as usize], node_of[b as usize], 1.0))
            .collect();
        let graph = Graph::from_edges(people.len(), &edges);
        let ranks = graph.pagerank(DAMPING, TOLERANCE);
        Network {
            people,
            graph,
            ranks,
            acts: acts.len() as u64,
        }
    }
}

impl Network {
    /// Each node's place, by node number.
    pub fn places(&self) -> Vec<Place> {
        (0..self.people.len())
            .map(|v| {
                let (helps, helped) = self.graph.weight_in(v);
                Place {
                    person: self.people[v],
                    rank: self.ranks.rank[v],
                    helps: helps as u64,
                    helped: helped as u64,
                    // Help received is the weight of the member's out-edges.
                    helped_by_count: self.graph.weight_out(v) as u64,
                }
            })
            .collect()
    }

    /// The top `limit` places by rank (ties by person index), keeping those `keep` allows.
    pub fn champions(&self, limit: usize, keep: impl Fn(u32) -> bool) -> Vec<Place> {
        let mut places: Vec<Place> = self
            .places()
            .into_iter()
            .filter(|p| keep(p.person))
            .collect();
        places.sort_by(|a, b| b.rank.total_cmp(&a.rank).then(a.person.cmp(&b.person)));
        places.truncate(limit);
        places
    }

    /// Betweenness of every node: exact on small graphs, estimated on large ones.
    pub fn betweenness(&self, seed: u64) -> Betweenness {
        self.graph
            .betweenness(EXACT_BETWEENNESS_UP_TO, BETWEENNESS_SAMPLES, seed)
    }
}
