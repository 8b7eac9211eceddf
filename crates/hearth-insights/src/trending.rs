//! Trending terms: words that posts use more now than they used to. Each term's count is
//! the number of posts that use it (once however often a post repeats it). A term's
//! expected count in the recent window is its baseline count scaled by how many posts
//! each window has; it is rising when `(recent + 1) / (expected + 1)` is at least
//! [`MIN_LIFT`] and at least [`MIN_POSTS`] recent posts by at least two people use it.
//! Common words (English and Spanish), numbers and words under three letters are left out.

use crate::sentiment::{stop_words, words};
use std::collections::{HashMap, HashSet};

/// The least lift against the baseline, and the fewest recent posts, for a rising term.
pub const MIN_LIFT: f64 = 2.0;
pub const MIN_POSTS: usize = 3;

/// One post as trending reads it: its author and text.
pub struct Doc<'a> {
    pub author: i64,
    pub text: &'a str,
}

/// A rising term.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub term: String,
    /// Recent posts using it.
    pub recent: usize,
    /// Baseline posts using it.
    pub baseline: usize,
    /// `(recent + 1) / (expected + 1)`.
    pub lift: f64,
}

fn counts(docs: &[Doc<'_>]) -> HashMap<String, (usize, HashSet<i64>)> {
    let (en, es) = stop_words();
    let mut out: HashMap<String, (usize, HashSet<i64>)> = HashMap::new();
    for d in docs {
        let mut seen = HashSet::new();
        for w in words(d.text) {
            if w.chars().count() < 3
                || w.chars().all(|c| c.is_ascii_digit())
                || en.contains(w.as_str())
                || es.contains(w.as_str())
                || !seen.insert(w.clone())
            {
                continue;
            }
            let e = out.entry(w).or_default();
            e.0 += 1;
            e.1.insert(d.author);
        }
    }
    out
}

/// The terms rising in `recent` against `baseline`, strongest first, at most `limit`.
pub fn rising(recent: &[Doc<'_>], baseline: &[Doc<'_>], limit: usize) -> Vec<Term> {
    if recent.is_empty() {
        return Vec::new();
    }
    let now = counts(recent);
    let before = counts(baseline);
    let scale = recent.len() as f64 / baseline.len().max(1) as f64;
    let mut out: Vec<Term> = now
        .into_iter()
        .filter(|(_, (n, authors))| *n >= MIN_POSTS && authors.len() >= 2)
        .filter_map(|(term, (n, _))| {
            let base = before.get(&term).map_or(0, |b| b.0);
            let lift = (n as f64 + 1.0) / (base as f64 * scale + 1.0);
            (lift >= MIN_LIFT).then_some(Term {
                term,
                recent: n,
                baseline: base,
                lift,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.lift
            .total_cmp(&a.lift)
            .then(b.recent.cmp(&a.recent))
            .then(a.term.cmp(&b.term))
    });
    out.truncate(limit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_word_rises_and_an_old_one_does_not() {
        let base: Vec<Doc> = (0..40)
            .map(|k| Doc {
                author: k,
                text: if k % 2 == 0 {
                    "the sourdough is great"
                } else {
                    "opening hours please"
                },
            })
            .collect();
        let recent: Vec<Doc> = (0..10)
            .map(|k| Doc {
                author: k % 4,
                text: if k < 6 {
                    "Is the pistachio croissant back? Pistachio!"
                } else {
                    "sourdough again"
                },
            })
            .collect();
        let r = rising(&recent, &base, 10);
        let terms: Vec<&str> = r.iter().map(|t| t.term.as_str()).collect();
        assert!(
            terms.contains(&"pistachio") && terms.contains(&"croissant"),
            "{r:?}"
        );
        assert!(
            !terms.contains(&"sourdough"),
            "its own baseline is high: {r:?}"
        );
        let p = r.iter().find(|t| t.term == "pistachio").unwrap();
        assert_eq!((p.recent, p.baseline), (6, 0), "a post counts once");
        // One author alone does not make a trend.
        let alone: Vec<Doc> = (0..5)
            .map(|_| Doc {
                author: 1,
                text: "kombucha",
            })
            .collect();
        assert!(rising(&alone, &base, 10).is_empty());
        assert!(rising(&[], &base, 10).is_empty());
    }
}
