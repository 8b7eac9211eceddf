//! Graph measures over who helps whom: weighted PageRank (who the community turns to) and
//! betweenness centrality (who connects parts that would otherwise not meet), exact on
//! small graphs and estimated from sampled sources on large ones, with the estimate's
//! standard error.
//!
//! Nodes are `0..n`. The definitions are igraph's, so python-igraph checks them in CI:
//! PageRank as `Graph.pagerank(weights=…, damping=…)` (a dangling node's rank is spread
//! over every node, teleportation is uniform, ranks sum to 1), betweenness as
//! `Graph.betweenness(directed=False)` on the simple undirected graph (each pair of
//! endpoints counted once).

use hearth_core::rng::Rng;

/// A directed graph with weighted edges, held as its in-edges (for PageRank, which pulls
/// rank along them) and as the undirected simple adjacency (for betweenness).
#[derive(Debug, Clone)]
pub struct Graph {
    n: usize,
    /// In-edges of node `v`: `in_from[in_start[v]..in_start[v + 1]]`, with their weights.
    in_start: Vec<u32>,
    in_from: Vec<u32>,
    in_weight: Vec<f32>,
    /// The total weight of each node's out-edges (0 for a dangling node).
    out_weight: Vec<f64>,
    /// Undirected neighbours without repeats or loops.
    adj_start: Vec<u32>,
    adj: Vec<u32>,
}

/// What PageRank gives: a rank per node (summing to 1) and how many sweeps it took.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranks {
    pub rank: Vec<f64>,
    pub iterations: u32,
}

/// Betweenness per node, with how it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Betweenness {
    pub score: Vec<f64>,
    /// The standard error of each score: 0 when exact.
    pub error: Vec<f64>,
    /// Sources the shortest paths were counted from (every node when exact).
    pub sources: usize,
    pub exact: bool,
}

/// Edges are summed when repeated; loops are dropped. Edge weights must be finite and
/// positive (the caller's counts are).
impl Graph {
    pub fn from_edges(n: usize, edges: &[(u32, u32, f32)]) -> Graph {
        let mut sorted: Vec<(u32, u32, f32)> = edges
            .iter()
            .copied()
            .filter(|&(a, b, w)| a != b && (a as usize) < n && (b as usize) < n && w > 0.0)
            .collect();
        // By target, then source: the in-edge lists, with repeats next to each other.
        sorted.sort_unstable_by_key(|&(a, b, _)| (b, a));
        let mut merged: Vec<(u32, u32, f32)> = Vec::with_capacity(sorted.len());
        for e in sorted {
            match merged.last_mut() {
                Some(last) if last.0 == e.0 && last.1 == e.1 => last.2 += e.2,
                _ => merged.push(e),
            }
        }
        let mut in_start = vec![0u32; n + 1];
        let mut out_weight = vec![0f64; n];
        for &(a, b, w) in &merged {
            in_start[b as usize + 1] += 1;
            out_weight[a as usize] += f64::from(w);
        }
        for v in 0..n {
            in_start[v + 1] += in_start[v];
        }
        let in_from = merged.iter().map(|e| e.0).collect();
        let in_weight = merged.iter().map(|e| e.2).collect();
        // Undirected simple adjacency: both directions, repeats removed.
        let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(merged.len() * 2);
        for &(a, b, _) in &merged {
            pairs.push((a, b));
            pairs.push((b, a));
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut adj_start = vec![0u32; n + 1];
        for &(a, _) in &pairs {
            adj_start[a as usize + 1] += 1;
        }
        for v in 0..n {
            adj_start[v + 1] += adj_start[v];
        }
        let adj = pairs.into_iter().map(|p| p.1).collect();
        Graph {
            n,
            in_start,
            in_from,
            in_weight,
            out_weight,
            adj_start,
            adj,
        }
    }

    pub fn nodes(&self) -> usize {
        self.n
    }

    /// Distinct directed edges (repeats merged).
    pub fn edges(&self) -> usize {
        self.in_from.len()
    }

    /// The merged weight into node `v` (how much it was turned to) and how many distinct
    /// nodes point at it.
    pub fn weight_in(&self, v: usize) -> (f64, usize) {
        let (s, e) = (self.in_start[v] as usize, self.in_start[v + 1] as usize);
        (
            self.in_weight[s..e].iter().map(|&w| f64::from(w)).sum(),
            e - s,
        )
    }

    /// The merged in-edges of node `v`: (source, weight).
    pub fn in_edges(&self, v: usize) -> impl Iterator<Item = (u32, f32)> + '_ {
        let (s, e) = (self.in_start[v] as usize, self.in_start[v + 1] as usize);
        self.in_from[s..e]
            .iter()
            .copied()
            .zip(self.in_weight[s..e].iter().copied())
    }

    /// The merged weight out of node `v` (how much help it received).
    pub fn weight_out(&self, v: usize) -> f64 {
        self.out_weight[v]
    }

    /// Undirected neighbours of `v`.
    pub fn neighbours(&self, v: usize) -> &[u32] {
        &self.adj[self.adj_start[v] as usize..self.adj_start[v + 1] as usize]
    }

    /// Weighted PageRank by Gauss–Seidel sweeps (each node's new rank is used by the nodes
    /// after it in the same sweep, which halves the sweeps power iteration needs), until a
    /// sweep moves the ranks by less than `tol` in total (L1), or 1,000 sweeps. The rank
    /// of dangling nodes is spread evenly at the start of each sweep, and the ranks are
    /// scaled back to sum to 1 at its end; the fixed point is PageRank's.
    pub fn pagerank(&self, damping: f64, tol: f64) -> Ranks {
        let n = self.n;
        if n == 0 {
            return Ranks {
                rank: Vec::new(),
                iterations: 0,
            };
        }
        let nf = n as f64;
        let mut rank = vec![1.0 / nf; n];
        // `share[u]`: the rank node u sends along each unit of its out-weight (0 for a
        // dangling node, whose rank goes to everyone).
        let inverse: Vec<f64> = self
            .out_weight
            .iter()
            .map(|&w| if w > 0.0 { 1.0 / w } else { 0.0 })
            .collect();
        let mut share: Vec<f64> = rank.iter().zip(&inverse).map(|(r, i)| r * i).collect();
        let dangling_nodes: Vec<u32> = (0..n as u32)
            .filter(|&u| self.out_weight[u as usize] <= 0.0)
            .collect();
        let mut iterations = 0;
        while iterations < 1_000 {
            iterations += 1;
            let dangling: f64 = dangling_nodes.iter().map(|&u| rank[u as usize]).sum();
            let base = (1.0 - damping) / nf + damping * dangling / nf;
            let mut moved = 0.0;
            let mut total = 0.0;
            for v in 0..n {
                let (s, e) = (self.in_start[v] as usize, self.in_start[v + 1] as usize);
                let mut pulled = 0.0;
                for (&u, &w) in self.in_from[s..e].iter().zip(&self.in_weight[s..e]) {
                    pulled += share[u as usize] * f64::from(w);
                }
                let r = base + damping * pulled;
                moved += (r - rank[v]).abs();
                total += r;
                rank[v] = r;
                share[v] = r * inverse[v];
            }
            // Keep the sum at exactly 1.
            let scale = 1.0 / total;
            for (r, s) in rank.iter_mut().zip(&mut share) {
                *r *= scale;
                *s *= scale;
            }
            if moved < tol {
                break;
            }
        }
        Ranks { rank, iterations }
    }

    /// Betweenness on the undirected simple graph: exact (paths from every node) when the
    /// graph has at most `exact_up_to` nodes, else estimated from `samples` sources drawn
    /// without replacement with `seed`, scaled by n / samples.
    pub fn betweenness(&self, exact_up_to: usize, samples: usize, seed: u64) -> Betweenness {
        let n = self.n;
        let exact = n <= exact_up_to || samples >= n;
        let sources: Vec<u32> = if exact {
            (0..n as u32).collect()
        } else {
            // A partial Fisher–Yates shuffle: the first `samples` of a random order.
            let mut rng = Rng::new(seed);
            let mut order: Vec<u32> = (0..n as u32).collect();
            for i in 0..samples {
                let j = i + rng.below((n - i) as u64) as usize;
                order.swap(i, j);
            }
            order.truncate(samples);
            order
        };
        let k = sources.len();
        let mut sum = vec![0f64; n];
        let mut sum_sq = vec![0f64; n];
        let mut sigma = vec![0f64; n];
        let mut dist = vec![u32::MAX; n];
        let mut delta = vec![0f64; n];
        let mut order: Vec<u32> = Vec::with_capacity(n);
        for &s in &sources {
            // Breadth first from s, counting shortest paths.
            order.clear();
            sigma[s as usize] = 1.0;
            dist[s as usize] = 0;
            order.push(s);
            let mut head = 0;
            while head < order.len() {
                let v = order[head] as usize;
                head += 1;
                let dv = dist[v];
                for &w in self.neighbours(v) {
                    let w = w as usize;
                    if dist[w] == u32::MAX {
                        dist[w] = dv + 1;
                        order.push(w as u32);
                    }
                    if dist[w] == dv + 1 {
                        sigma[w] += sigma[v];
                    }
                }
            }
            // Dependencies, farthest first.
            for &w in order.iter().rev() {
                let w = w as usize;
                let dw = dist[w];
                let mut d = 0.0;
                for &v in self.neighbours(w) {
                    let v = v as usize;
                    if dist[v] == dw + 1 {
                        d += sigma[w] / sigma[v] * (1.0 + delta[v]);
                    }
                }
                delta[w] = d;
            }
            for &w in &order {
                let w = w as usize;
                if w != s as usize {
                    sum[w] += delta[w];
                    sum_sq[w] += delta[w] * delta[w];
                }
                sigma[w] = 0.0;
                dist[w] = u32::MAX;
                delta[w] = 0.0;
            }
        }
        // Each undirected path is found from both its ends.
        let (scale, kf, nf) = (n as f64 / k.max(1) as f64 / 2.0, k as f64, n as f64);
        let score = sum.iter().map(|s| s * scale).collect();
        let error = if exact || k < 2 {
            vec![0.0; n]
        } else {
            sum.iter()
                .zip(&sum_sq)
                .map(|(&s, &q)| {
                    let mean = s / kf;
                    let var = ((q - kf * mean * mean) / (kf - 1.0)).max(0.0);
                    // Sampling without replacement: the finite population correction.
                    nf / 2.0 * (var / kf * (1.0 - kf / nf)).sqrt()
                })
                .collect()
        };
        Betweenness {
            score,
            error,
            sources: k,
            exact,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn pagerank_of_a_cycle_is_even_and_sums_to_one() {
        let g = Graph::from_edges(4, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 0, 1.0)]);
        let r = g.pagerank(0.85, 1e-12);
        for x in &r.rank {
            assert!(close(*x, 0.25), "{x}");
        }
    }

    #[test]
    fn pagerank_follows_weight_and_spreads_dangling_rank() {
        // 0 and 1 both point at 2, which points nowhere (dangling); 0 points at 1 too,
        // lightly. By hand with d = 0.85: the stationary ranks solve
        // r = 0.15/3 + 0.85 (r2/3 + in-flow).
        let g = Graph::from_edges(3, &[(0, 2, 3.0), (0, 1, 1.0), (1, 2, 1.0)]);
        let r = g.pagerank(0.85, 1e-14).rank;
        let sum: f64 = r.iter().sum();
        assert!(close(sum, 1.0));
        // Check the fixed point directly.
        let base = 0.15 / 3.0 + 0.85 * r[2] / 3.0;
        assert!(close(r[0], base));
        assert!(close(r[1], base + 0.85 * r[0] * 0.25));
        assert!(close(r[2], base + 0.85 * (r[0] * 0.75 + r[1])));
        assert!(r[2] > r[1] && r[1] > r[0]);
    }

    #[test]
    fn repeated_edges_add_their_weight_and_loops_count_for_nothing() {
        let twice = Graph::from_edges(2, &[(0, 1, 1.0), (0, 1, 1.0), (1, 1, 5.0)]);
        let once = Graph::from_edges(2, &[(0, 1, 2.0)]);
        assert_eq!(twice.edges(), 1);
        assert_eq!(twice.weight_in(1), (2.0, 1));
        assert_eq!(twice.pagerank(0.85, 1e-12), once.pagerank(0.85, 1e-12));
    }

    #[test]
    fn a_graph_with_no_nodes_has_no_ranks_and_no_bridges() {
        let g = Graph::from_edges(0, &[]);
        assert!(g.pagerank(0.85, 1e-10).rank.is_empty());
        assert!(g.betweenness(100, 10, 1).score.is_empty());
    }

    #[test]
    fn the_middle_of_a_path_lies_between_everyone() {
        // 0 - 1 - 2 - 3: node 1 lies on the paths 0-2 and 0-3, node 2 on 0-3 and 1-3.
        let g = Graph::from_edges(4, &[(0, 1, 1.0), (2, 1, 1.0), (2, 3, 1.0)]);
        let b = g.betweenness(100, 0, 0);
        assert!(b.exact);
        assert_eq!(b.score, vec![0.0, 2.0, 2.0, 0.0]);
    }

    #[test]
    fn two_shortest_paths_share_the_credit() {
        // A square 0-1-3-2-0: 0 and 3 are joined through 1 and through 2, half each.
        let g = Graph::from_edges(4, &[(0, 1, 1.0), (1, 3, 1.0), (3, 2, 1.0), (2, 0, 1.0)]);
        let b = g.betweenness(100, 0, 0);
        assert_eq!(b.score, vec![0.5, 0.5, 0.5, 0.5]);
    }

    #[test]
    fn sampled_betweenness_is_near_the_exact_one_and_states_its_error() {
        // A star of stars of different sizes: the hub lies between every pair of groups,
        // and how much of a source's paths cross it depends on the source's group.
        let mut edges = Vec::new();
        let mut next = 1u32;
        for group in 0..20 {
            let centre = next;
            edges.push((0, centre, 1.0));
            next += 1;
            for _ in 0..2 + group {
                edges.push((centre, next, 1.0));
                next += 1;
            }
        }
        let g = Graph::from_edges(next as usize, &edges);
        let exact = g.betweenness(usize::MAX, 0, 0);
        let sampled = g.betweenness(10, 60, 7);
        assert!(!sampled.exact);
        assert_eq!(sampled.sources, 60);
        let (e, s, err) = (exact.score[0], sampled.score[0], sampled.error[0]);
        assert!(err > 0.0);
        assert!((e - s).abs() < 4.0 * err, "exact {e}, sampled {s} ± {err}");
        // The hub is the top bridge either way.
        let top = |b: &Betweenness| {
            (0..b.score.len())
                .max_by(|&a, &c| b.score[a].total_cmp(&b.score[c]))
                .unwrap()
        };
        assert_eq!(top(&exact), 0);
        assert_eq!(top(&sampled), 0);
    }
}
