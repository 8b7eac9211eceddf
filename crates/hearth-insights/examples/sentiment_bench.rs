//! Sentiment and trending terms on generated posts, against a floor: splitting the same
//! text into words (what any reading of it must do) in the same run.
//! Usage: cargo run --release -p hearth-insights --example sentiment_bench [POSTS]

use hearth_core::rng::Rng;
use hearth_insights::sentiment::{score, words};
use hearth_insights::trending::{Doc, rising};
use std::time::Instant;

const EN: &[&str] = &[
    "I love the new sourdough, it is amazing",
    "The croissants were stale and a bit burnt today",
    "Not bad at all, but the queue was slow",
    "Does anyone know when the rye is back?",
    "Thanks so much for the workshop!",
    "> quoted words are not mine\\n\\nWhere do I park?",
    "The focaccia came out flat, what did I do wrong?",
    "Very friendly staff and delicious coffee 🙂",
];
const ES: &[&str] = &[
    "Me encanta el pan de centeno, está buenísimo",
    "No me gusta nada el nuevo horario",
    "El pan no está mal, pero la cola fue lenta",
    "¿Alguien sabe a qué hora abrís el domingo?",
];

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200_000);
    let mut rng = Rng::new(7);
    let posts: Vec<String> = (0..n)
        .map(|_| {
            let parts = 1 + rng.below(4) as usize;
            (0..parts)
                .map(|_| {
                    if rng.chance(0.25) {
                        *rng.pick(ES)
                    } else {
                        *rng.pick(EN)
                    }
                })
                .collect::<Vec<_>>()
                .join(". ")
        })
        .collect();
    let bytes: usize = posts.iter().map(String::len).sum();
    let t = Instant::now();
    let floor: usize = posts.iter().map(|p| words(p).len()).sum();
    let floor_ms = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    let positive = posts.iter().filter(|p| score(p).compound >= 0.5).count();
    let score_ms = t.elapsed().as_secs_f64() * 1000.0;
    let docs: Vec<Doc> = posts
        .iter()
        .enumerate()
        .map(|(k, p)| Doc {
            author: (k % 500) as i64,
            text: p,
        })
        .collect();
    let (recent, base) = docs.split_at(n / 9);
    let t = Instant::now();
    let terms = rising(recent, base, 10);
    let trending_ms = t.elapsed().as_secs_f64() * 1000.0;
    println!(
        "{{\"posts\": {n}, \"bytes\": {bytes}, \"words\": {floor}, \"floor_words_ms\": {floor_ms:.1}, \"score_ms\": {score_ms:.1}, \"score_over_floor\": {:.2}, \"posts_per_second\": {:.0}, \"clearly_positive\": {positive}, \"trending_ms\": {trending_ms:.1}, \"trending_over_floor\": {:.2}, \"terms\": {}}}",
        score_ms / floor_ms,
        n as f64 / (score_ms / 1000.0),
        trending_ms / floor_ms,
        terms.len()
    );
}
