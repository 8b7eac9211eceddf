//! Who-helps-whom speed, for `bench/network.sh`, which runs python-igraph on the same
//! graph in the same run and prints the ratios.
//!
//! `cargo run --release -p hearth-insights --example network_bench -- NODES ACTS BETWEEN_NODES OUT_DIR`
//!
//! Generates acts of help the way a help forum has them: the member helped is anyone,
//! the helper is drawn from a Zipf law (a few members answer most questions), with a
//! seed. Writes the merged weighted edges (`edges.u32`: helped, helper pairs;
//! `weights.f32`) and the ranks (`ranks.f64`) for igraph, then times (median of five
//! after a warm-up):
//! - building the graph from the acts (sorting and merging repeats);
//! - weighted PageRank, damping 0.85, to igraph's tolerance;
//! - sampled betweenness (400 sources) on a graph of BETWEEN_NODES members with ten
//!   acts each, generated the same way.

#[path = "../tests/support/timing.rs"]
mod timing;

use hearth_core::rng::{Rng, Zipf};
use hearth_insights::graph::Graph;
use hearth_insights::network::{BETWEENNESS_SAMPLES, DAMPING, TOLERANCE};
use std::io::Write as _;
use timing::time;

fn acts(nodes: usize, acts: usize, seed: u64) -> Vec<(u32, u32, f32)> {
    let mut rng = Rng::new(seed);
    let helpers = Zipf::new(nodes, 1.1);
    // Helpers' ranks are scattered over the ids, as members' ids are.
    let mut order: Vec<u32> = (0..nodes as u32).collect();
    for i in (1..nodes).rev() {
        order.swap(i, rng.below(i as u64 + 1) as usize);
    }
    (0..acts)
        .map(|_| {
            let helped = rng.below(nodes as u64) as u32;
            let helper = order[helpers.sample(&mut rng)];
            (helped, helper, 1.0)
        })
        .collect()
}

fn write(path: &std::path::Path, bytes: impl IntoIterator<Item = u8>) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let bytes: Vec<u8> = bytes.into_iter().collect();
    f.write_all(&bytes).unwrap();
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let nodes: usize = args.get(1).map_or(1_000_000, |a| a.parse().unwrap());
    let n_acts: usize = args.get(2).map_or(10_000_000, |a| a.parse().unwrap());
    let between_nodes: usize = args.get(3).map_or(100_000, |a| a.parse().unwrap());
    let out = std::path::PathBuf::from(args.get(4).cloned().unwrap_or_else(|| ".".into()));

    let list = acts(nodes, n_acts, 1);
    let (build_ms, build_lo, build_hi, graph) = time(|| Graph::from_edges(nodes, &list));
    let (rank_ms, rank_lo, rank_hi, ranks) = time(|| graph.pagerank(DAMPING, TOLERANCE));

    // The merged edges, as igraph will take them.
    let mut edges = Vec::with_capacity(graph.edges() * 8);
    let mut weights = Vec::with_capacity(graph.edges() * 4);
    for v in 0..nodes {
        for (u, w) in graph.in_edges(v) {
            edges.extend(u.to_le_bytes());
            edges.extend((v as u32).to_le_bytes());
            weights.extend(w.to_le_bytes());
        }
    }
    write(&out.join("edges.u32"), edges);
    write(&out.join("weights.f32"), weights);
    write(
        &out.join("ranks.f64"),
        ranks.rank.iter().flat_map(|r| r.to_le_bytes()),
    );

    let small = acts(between_nodes, between_nodes * 10, 2);
    let small = Graph::from_edges(between_nodes, &small);
    let (between_ms, between_lo, between_hi, between) =
        time(|| small.betweenness(0, BETWEENNESS_SAMPLES, 7));
    let top = (0..between_nodes)
        .max_by(|&a, &b| between.score[a].total_cmp(&between.score[b]))
        .unwrap_or(0);

    println!(
        "{}",
        serde_json::json!({
            "nodes": nodes,
            "acts": n_acts,
            "edges": graph.edges(),
            "iterations": ranks.iterations,
            "build_ms": [build_ms, build_lo, build_hi],
            "pagerank_ms": [rank_ms, rank_lo, rank_hi],
            "between_nodes": between_nodes,
            "between_edges": small.edges(),
            "between_sources": between.sources,
            "between_ms": [between_ms, between_lo, between_hi],
            "between_top": {"score": between.score[top], "error": between.error[top]},
        })
    );
}
