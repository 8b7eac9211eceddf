//! The spam filter measured on the generated labelled set: it must beat "spam iff the post
//! has a link".

#[path = "support/spam_corpus.rs"]
mod spam_corpus;

use hearth_core::spam::{Evaluation, evaluate, links_only};
use spam_corpus::labelled_set;

fn f1(e: &Evaluation) -> f64 {
    let (p, r) = (e.precision().unwrap_or(0.0), e.recall().unwrap_or(0.0));
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

#[test]
fn labelled_set_is_deterministic_and_mixed() {
    let a = labelled_set(11, 1000);
    assert_eq!(a, labelled_set(11, 1000));
    assert_ne!(a, labelled_set(12, 1000));
    assert_eq!(a.len(), 1000);
    let spam = a.iter().filter(|(_, s)| *s).count();
    assert!((200..=400).contains(&spam), "{spam}");
    let ham_with_link = a.iter().filter(|(t, s)| !*s && links_only(t)).count();
    let spam_without_link = a.iter().filter(|(t, s)| *s && !links_only(t)).count();
    assert!(ham_with_link > 100, "{ham_with_link}");
    assert!(spam_without_link > 50, "{spam_without_link}");
    assert!(
        a.iter()
            .all(|(t, _)| !t.contains('{') && !t.trim().is_empty())
    );
}

#[test]
fn filter_beats_links_only() {
    let set = labelled_set(7, 4000);
    let (filter, baseline) = evaluate(&set, 5, 0.5);
    assert_eq!(filter.total(), 800);
    assert_eq!(baseline.total(), 800);
    let (fp, fr) = (
        filter.precision().unwrap_or(0.0),
        filter.recall().unwrap_or(0.0),
    );
    let (bp, br) = (
        baseline.precision().unwrap_or(0.0),
        baseline.recall().unwrap_or(0.0),
    );
    assert!(fp > bp, "precision {fp} vs links-only {bp}");
    assert!(fr > br, "recall {fr} vs links-only {br}");
    assert!(f1(&filter) > 0.9, "{filter:?}");
}
