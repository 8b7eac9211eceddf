//! What recording a signed-in member's visit and topic view costs a request: the two calls
//! the request path makes (`Recorder::visit`, `Recorder::topic_view`), timed over a million
//! requests from 5,000 members reading 2,000 topics, on one thread and on two at once.
//!
//!   cargo run --release --example visits_cost

use hearth::services::visits::Recorder;
use std::sync::Arc;
use std::time::Instant;

const REQUESTS: i64 = 1_000_000;

fn run(recorder: &Recorder, offset: i64) -> f64 {
    let start = Instant::now();
    let now = 1_764_000_000_000i64;
    for i in 0..REQUESTS {
        let member = (i * 7919 + offset) % 5_000;
        recorder.visit(member, now + i);
        recorder.topic_view(member, (i * 104_729) % 2_000, now + i);
    }
    start.elapsed().as_nanos() as f64 / REQUESTS as f64
}

fn main() {
    let recorder = Arc::new(Recorder::default());
    let one = run(&recorder, 0);
    println!("one thread: {one:.0} ns a request (visit + topic view)");
    let handles: Vec<_> = (0..2)
        .map(|t| {
            let r = recorder.clone();
            std::thread::spawn(move || run(&r, t))
        })
        .collect();
    let two: Vec<f64> = handles
        .into_iter()
        .map(|h| h.join().unwrap_or(f64::NAN))
        .collect();
    println!(
        "two threads at once: {:.0} and {:.0} ns a request",
        two[0], two[1]
    );
}
