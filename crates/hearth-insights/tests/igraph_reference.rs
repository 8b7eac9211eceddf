//! Who helps whom against python-igraph, computed independently from the same acts of
//! help: weighted PageRank (damping 0.85) within 1e-6 for every member of a generated
//! community's graph, exact betweenness equal on a small one, and the sampled estimate
//! within its stated error of the exact figure.
//!
//! igraph comes from PyPI (`.ci/run` installs it); see `support/python.rs`.

#[path = "support/community.rs"]
mod community;
#[path = "support/python.rs"]
mod python;

use hearth_insights::calendar::parse_day;
use hearth_insights::network::{DAMPING, Network};
use hearth_insights::{Filter, Log};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Reads the acts of help as `helped,helper` member ids, merges repeats into weights
/// itself, and answers igraph's PageRank and betweenness by member id.
const SCRIPT: &str = r#"
import igraph, json, sys
from collections import Counter
acts = [tuple(map(int, line.split(","))) for line in open(sys.argv[1]) if line.strip()]
damping = float(sys.argv[2])
ids = sorted({m for a in acts for m in a})
index = {m: i for i, m in enumerate(ids)}
weights = Counter((index[a], index[b]) for a, b in acts)
pairs = sorted(weights)
g = igraph.Graph(n=len(ids), edges=pairs, directed=True)
g.es["weight"] = [weights[p] for p in pairs]
rank = g.pagerank(weights="weight", damping=damping, directed=True)
u = g.as_undirected(mode="collapse")
between = u.betweenness(directed=False)
print(json.dumps({"igraph": igraph.__version__, "ids": ids, "pagerank": rank, "betweenness": between}))
"#;

struct Reference {
    pagerank: HashMap<i64, f64>,
    betweenness: HashMap<i64, f64>,
}

fn igraph(python: &str, log: &Log, net_acts: &[(u32, u32)], name: &str) -> Reference {
    let dir = std::env::temp_dir().join(format!("hearth-igraph-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut csv = String::new();
    for &(a, b) in net_acts {
        writeln!(
            csv,
            "{},{}",
            log.people[a as usize].id, log.people[b as usize].id
        )
        .unwrap();
    }
    let path = dir.join("acts.csv");
    std::fs::write(&path, csv).unwrap();
    let out = python::run(
        python,
        SCRIPT,
        &[path.to_str().unwrap(), &DAMPING.to_string()],
    );
    std::fs::remove_dir_all(&dir).ok();
    let ids: Vec<i64> = serde_json::from_value(out["ids"].clone()).unwrap();
    let by_id = |key: &str| -> HashMap<i64, f64> {
        let values: Vec<f64> = serde_json::from_value(out[key].clone()).unwrap();
        ids.iter().copied().zip(values).collect()
    };
    Reference {
        pagerank: by_id("pagerank"),
        betweenness: by_id("betweenness"),
    }
}

fn by_id(log: &Log, net: &Network, values: &[f64]) -> HashMap<i64, f64> {
    net.people
        .iter()
        .zip(values)
        .map(|(&p, &v)| (log.people[p as usize].id, v))
        .collect()
}

fn whole(log: &Log) -> hearth_insights::Scope {
    log.scope(
        parse_day("2024-01-01").unwrap(),
        parse_day("2030-01-01").unwrap(),
        &Filter::default(),
    )
}

#[test]
fn pagerank_of_who_helps_whom_equals_igraphs_for_every_member() {
    let Some(python) = python::with("igraph") else {
        return;
    };
    let c = community::generate(5, 4_000, 365, 0.3);
    let log = community::log(&c, "Europe/Madrid", 1_000);
    let scope = whole(&log);
    let acts = log.help_acts(&scope);
    let net = log.network(&scope);
    assert!(
        net.people.len() > 1_000 && acts.len() > 5_000,
        "a real network: {} members, {} acts",
        net.people.len(),
        acts.len()
    );
    let reference = igraph(&python, &log, &acts, "pagerank");
    let ours = by_id(&log, &net, &net.ranks.rank);
    assert_eq!(ours.len(), reference.pagerank.len(), "the same members");
    let sum: f64 = ours.values().sum();
    assert!((sum - 1.0).abs() < 1e-9, "ranks sum to {sum}");
    let mut worst = 0f64;
    for (id, r) in &reference.pagerank {
        let d = (ours[id] - r).abs();
        worst = worst.max(d);
        assert!(d < 1e-6, "member {id}: ours {}, igraph {r}", ours[id]);
    }
    eprintln!(
        "{} members, {} acts: largest difference from igraph {worst:.2e} after {} sweeps",
        net.people.len(),
        acts.len(),
        net.ranks.iterations
    );
}

#[test]
fn betweenness_equals_igraphs_exactly_and_the_sample_is_within_its_error() {
    let Some(python) = python::with("igraph") else {
        return;
    };
    let c = community::generate(9, 700, 365, 0.3);
    let log = community::log(&c, "UTC", 333);
    let scope = whole(&log);
    let acts = log.help_acts(&scope);
    let net = log.network(&scope);
    let exact = net.graph.betweenness(usize::MAX, 0, 0);
    assert!(exact.exact && net.people.len() > 100);
    let reference = igraph(&python, &log, &acts, "betweenness");
    let ours = by_id(&log, &net, &exact.score);
    for (id, b) in &reference.betweenness {
        assert!(
            (ours[id] - b).abs() <= 1e-9 * b.max(1.0),
            "member {id}: ours {}, igraph {b}",
            ours[id]
        );
    }
    // Sampled from a third of the members: the top bridges' estimates lie within four
    // standard errors of the exact figure.
    let sampled = net.graph.betweenness(0, net.people.len() / 3, 42);
    assert!(!sampled.exact);
    let mut order: Vec<usize> = (0..net.people.len()).collect();
    order.sort_by(|&a, &b| exact.score[b].total_cmp(&exact.score[a]));
    for &v in &order[..10] {
        let (e, s, err) = (exact.score[v], sampled.score[v], sampled.error[v]);
        assert!(err > 0.0, "an estimate states its error");
        assert!(
            (e - s).abs() <= 4.0 * err,
            "node {v}: exact {e}, sampled {s} ± {err}"
        );
    }
}

#[test]
fn a_scope_with_no_help_has_an_empty_network() {
    let c = community::generate(3, 50, 30, 0.3);
    let log = community::log(&c, "UTC", 100);
    let scope = log.scope(
        parse_day("2020-01-01").unwrap(),
        parse_day("2020-12-31").unwrap(),
        &Filter::default(),
    );
    let net = log.network(&scope);
    assert!(net.people.is_empty() && net.acts == 0);
    assert!(net.champions(10, |_| true).is_empty());
    assert!(net.betweenness(1).score.is_empty());
}
