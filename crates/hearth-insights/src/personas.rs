//! Personas: members grouped by what they do (k-means over five behaviours: helping,
//! asking, going to events, buying, visiting), each group named by the behaviour that
//! stands out most in it: helpers, askers, event-goers, buyers, lurkers.
//!
//! Each behaviour is counted over the scope's days, put on a log scale and standardised;
//! k-means (k = 5, k-means++ seeding with a fixed seed, Lloyd's iterations) groups them.

use crate::log::Log;
use crate::query::Scope;
use hearth_core::activity as kinds;
use hearth_core::rng::Rng;

/// The behaviours, in order, and the persona each names.
pub const BEHAVIOURS: [&str; 5] = ["helps", "questions", "events", "purchases", "visits"];
pub const NAMES: [&str; 5] = ["helpers", "askers", "event_goers", "buyers", "lurkers"];
/// Groups sought.
pub const K: usize = 5;

/// One persona: its name, its members (person indices) and their mean counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Persona {
    pub name: &'static str,
    pub members: Vec<u32>,
    pub mean: [f64; 5],
}

fn distance(a: &[f64; 5], b: &[f64; 5]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
}

impl Log {
    /// Each counted person's behaviour counts in the scope: (person, counts).
    pub fn behaviours(&self, scope: &Scope) -> Vec<(u32, [f64; 5])> {
        let n = self.people.len();
        let mut counts = vec![[0.0f64; 5]; n];
        let mut seen = vec![false; n];
        let (from, to) = (scope.from, scope.to);
        let start = self.day.partition_point(|&d| d < from);
        let end = self.day.partition_point(|&d| d <= to);
        // Which behaviour each kind is, by kind number.
        let slot: Vec<Option<usize>> = self
            .kinds
            .names
            .iter()
            .map(|kind| match kind.as_str() {
                kinds::QUESTION_ASKED => Some(1),
                kinds::EVENT_ATTENDED | kinds::EVENT_CHECKED_IN | kinds::EVENT_REGISTERED => {
                    Some(2)
                }
                kinds::VISITED => Some(4),
                _ => None,
            })
            .collect();
        for i in start..end {
            let m = self.member[i] as usize;
            seen[m] = true;
            if let Some(s) = slot[self.kind[i] as usize] {
                counts[m][s] += 1.0;
            }
        }
        for h in self.help.iter().filter(|h| h.day >= from && h.day <= to) {
            counts[h.helper as usize][0] += 1.0;
            seen[h.helper as usize] = true;
        }
        for s in self
            .spend
            .iter()
            .filter(|s| s.day >= from && s.day <= to && s.cents > 0)
        {
            counts[s.person as usize][3] += 1.0;
            seen[s.person as usize] = true;
        }
        (0..n)
            .filter(|&p| {
                let f = self.people[p].facts;
                seen[p] && !f.staff && !f.excluded && scope.allows(p as u32)
            })
            .map(|p| (p as u32, counts[p]))
            .collect()
    }

    /// The scope's personas, largest first; fewer than five when there are fewer members.
    pub fn personas(&self, scope: &Scope, seed: u64) -> Vec<Persona> {
        let rows = self.behaviours(scope);
        if rows.is_empty() {
            return Vec::new();
        }
        let mut xs: Vec<[f64; 5]> = rows.iter().map(|r| r.1.map(f64::ln_1p)).collect();
        let n = xs.len() as f64;
        let mut mean = [0.0; 5];
        let mut sd = [1.0; 5];
        for j in 0..5 {
            mean[j] = xs.iter().map(|x| x[j]).sum::<f64>() / n;
            let v = xs.iter().map(|x| (x[j] - mean[j]).powi(2)).sum::<f64>() / n;
            sd[j] = if v > 1e-12 { v.sqrt() } else { 1.0 };
        }
        for x in &mut xs {
            for j in 0..5 {
                x[j] = (x[j] - mean[j]) / sd[j];
            }
        }
        let k = K.min(xs.len());
        // k-means++: the first centre at random, each next one with chance by squared
        // distance to the nearest chosen.
        let mut rng = Rng::new(seed);
        let mut centres = vec![xs[rng.below(xs.len() as u64) as usize]];
        while centres.len() < k {
            let d: Vec<f64> = xs
                .iter()
                .map(|x| {
                    centres
                        .iter()
                        .map(|c| distance(x, c))
                        .fold(f64::MAX, f64::min)
                })
                .collect();
            let total: f64 = d.iter().sum();
            if total <= 0.0 {
                break;
            }
            let mut pick = rng.unit() * total;
            let mut chosen = xs.len() - 1;
            for (i, di) in d.iter().enumerate() {
                if pick < *di {
                    chosen = i;
                    break;
                }
                pick -= di;
            }
            centres.push(xs[chosen]);
        }
        let mut assign = vec![0usize; xs.len()];
        for _ in 0..100 {
            let mut changed = false;
            for (i, x) in xs.iter().enumerate() {
                let best = (0..centres.len())
                    .min_by(|&a, &b| distance(x, &centres[a]).total_cmp(&distance(x, &centres[b])))
                    .unwrap_or(0);
                if best != assign[i] {
                    assign[i] = best;
                    changed = true;
                }
            }
            let mut sums = vec![[0.0; 5]; centres.len()];
            let mut sizes = vec![0usize; centres.len()];
            for (x, &a) in xs.iter().zip(&assign) {
                for j in 0..5 {
                    sums[a][j] += x[j];
                }
                sizes[a] += 1;
            }
            for (c, (s, &z)) in centres.iter_mut().zip(sums.iter().zip(&sizes)) {
                if z > 0 {
                    *c = s.map(|v| v / z as f64);
                }
            }
            if !changed {
                break;
            }
        }
        let mut out: Vec<(usize, Persona)> = (0..centres.len())
            .filter_map(|c| {
                let members: Vec<usize> = (0..xs.len()).filter(|&i| assign[i] == c).collect();
                if members.is_empty() {
                    return None;
                }
                let mut m = [0.0; 5];
                for &i in &members {
                    for (j, v) in m.iter_mut().enumerate() {
                        *v += rows[i].1[j];
                    }
                }
                let size = members.len() as f64;
                // Nothing above the community's average: they mostly look on.
                let dominant = (0..5)
                    .filter(|&j| centres[c][j] > 1e-9)
                    .max_by(|&a, &b| centres[c][a].total_cmp(&centres[c][b]))
                    .unwrap_or(4);
                Some((
                    c,
                    Persona {
                        name: NAMES[dominant],
                        members: members.iter().map(|&i| rows[i].0).collect(),
                        mean: m.map(|v| v / size),
                    },
                ))
            })
            .collect();
        out.sort_by(|a, b| {
            b.1.members
                .len()
                .cmp(&a.1.members.len())
                .then(a.0.cmp(&b.0))
        });
        out.into_iter().map(|(_, p)| p).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Filter, Input, Zone};

    #[test]
    fn planted_groups_come_back_under_their_own_names() {
        // Four groups of 30: helpers reply to others, askers ask, goers attend events,
        // lurkers visit; everyone visits a little.
        let mut rows: Vec<Input<'static>> = Vec::new();
        let d = 20_100i64 * 86_400_000;
        let mut at = d;
        let mut push =
            |m: i64, kind: &'static str, target: Option<i64>, rows: &mut Vec<Input<'static>>| {
                at += 1_000;
                rows.push(Input {
                    member_id: m,
                    kind,
                    channel: "hub",
                    space_id: None,
                    topic_id: None,
                    post_author: None,
                    target_member: target,
                    weight: 1,
                    at_ms: at,
                });
            };
        for g in 0..4i64 {
            for i in 0..30i64 {
                let m = 1 + g * 100 + i;
                push(m, "visited", None, &mut rows);
                for _ in 0..8 {
                    match g {
                        0 => push(m, "replied", Some(1 + 100 + (i % 30)), &mut rows),
                        1 => push(m, "question_asked", None, &mut rows),
                        2 => push(m, "event_attended", None, &mut rows),
                        _ => {
                            push(m, "visited", None, &mut rows);
                            push(m, "visited", None, &mut rows);
                        }
                    }
                }
            }
        }
        let mut log = Log::new(Zone::utc());
        log.append(rows);
        let scope = log.scope(20_090, 20_110, &Filter::default());
        let ps = log.personas(&scope, 7);
        assert!(ps.len() >= 4, "{ps:?}");
        for (g, name) in [
            (0, "helpers"),
            (1, "askers"),
            (2, "event_goers"),
            (3, "lurkers"),
        ] {
            let group: Vec<u32> = (0..30)
                .map(|i| log.person_of(1 + g * 100 + i).unwrap())
                .collect();
            let home = ps
                .iter()
                .max_by_key(|p| p.members.iter().filter(|m| group.contains(m)).count())
                .unwrap();
            let inside = home.members.iter().filter(|m| group.contains(m)).count();
            assert_eq!(home.name, name, "{ps:?}");
            assert!(inside >= 27, "{name}: {inside} of 30 together");
        }
        let empty = Log::new(Zone::utc());
        assert!(
            empty
                .personas(&empty.scope(0, 10, &Filter::default()), 1)
                .is_empty()
        );
    }
}
