//! What `/metrics` says, in Prometheus' text format: requests and their latencies per route
//! (counted by a layer in `web::mod`), mail and webhook outcomes and insights refreshes
//! (counted where they happen), and, read from the database when scraped, the job queue's
//! depth and age, each stream consumer's lag and the webhook queue. Counts are this node's
//! since it started; Prometheus sums nodes.
//!
//! Served only on the `metrics_listen` listener (`app::serve_metrics`), never on the
//! public one. Labels are route patterns (`/t/{id}`), never paths: no ids, handles or
//! search words reach the metrics.

use crate::services::Hearth;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::Mutex;

/// Upper bounds of the latency histogram's buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

#[derive(Debug, Default, Clone)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

impl Histogram {
    fn observe(&mut self, seconds: f64) {
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                self.counts[i] += 1;
            }
        }
        self.count += 1;
        self.sum += seconds;
    }
}

/// One route pattern's requests: (method, status) → count, and method → latency.
#[derive(Debug, Default)]
struct RouteStats {
    answers: BTreeMap<(&'static str, u16), u64>,
    latency: BTreeMap<&'static str, Histogram>,
}

/// This node's counters.
#[derive(Debug, Default)]
pub struct Metrics {
    /// Route pattern → its requests. A request takes one lock and, once its route has
    /// been seen, allocates nothing (patterns are a router's fixed set).
    routes: Mutex<HashMap<Box<str>, RouteStats>>,
    /// Webhook attempts by outcome (delivered, pending = failed and to be retried,
    /// failed = given up, skipped).
    webhooks: Mutex<BTreeMap<&'static str, u64>>,
    /// Mail by outcome (sent, failed).
    mail: Mutex<BTreeMap<&'static str, u64>>,
    /// Insights engine refreshes: how long each took.
    insights: Mutex<Histogram>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Metrics {
    pub fn request(&self, method: &'static str, route: &str, status: u16, seconds: f64) {
        let mut routes = lock(&self.routes);
        let stats = match routes.get_mut(route) {
            Some(stats) => stats,
            None => routes.entry(route.into()).or_default(),
        };
        *stats.answers.entry((method, status)).or_default() += 1;
        stats.latency.entry(method).or_default().observe(seconds);
    }

    pub fn webhook_attempt(&self, outcome: &'static str) {
        *lock(&self.webhooks).entry(outcome).or_default() += 1;
    }

    pub fn mail(&self, outcome: &'static str) {
        *lock(&self.mail).entry(outcome).or_default() += 1;
    }

    pub fn insights_refresh(&self, seconds: f64) {
        lock(&self.insights).observe(seconds);
    }
}

/// A label value, escaped as the text format asks.
fn label(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

fn histogram(out: &mut String, name: &str, labels: &str, h: &Histogram) {
    let sep = if labels.is_empty() { "" } else { "," };
    for (bound, n) in BUCKETS.iter().zip(h.counts) {
        let _ = writeln!(out, "{name}_bucket{{{labels}{sep}le=\"{bound}\"}} {n}");
    }
    let _ = writeln!(out, "{name}_bucket{{{labels}{sep}le=\"+Inf\"}} {}", h.count);
    let braces = if labels.is_empty() {
        String::new()
    } else {
        format!("{{{labels}}}")
    };
    let _ = writeln!(out, "{name}_sum{braces} {}", h.sum);
    let _ = writeln!(out, "{name}_count{braces} {}", h.count);
}

/// The whole exposition, with the database's figures read now.
pub async fn render(h: &Hearth) -> anyhow::Result<String> {
    let m = &h.metrics;
    let mut out = String::with_capacity(8 * 1024);
    out.push_str("# HELP hearth_http_requests_total HTTP requests answered, by route pattern and status.\n# TYPE hearth_http_requests_total counter\n");
    let mut latencies = String::new();
    {
        let routes = lock(&m.routes);
        let mut sorted: Vec<(&Box<str>, &RouteStats)> = routes.iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        for (route, stats) in sorted {
            let route = label(route);
            for ((method, status), n) in &stats.answers {
                let _ = writeln!(
                    out,
                    "hearth_http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} {n}"
                );
            }
            for (method, hist) in &stats.latency {
                let labels = format!("method=\"{method}\",route=\"{route}\"");
                histogram(
                    &mut latencies,
                    "hearth_http_request_duration_seconds",
                    &labels,
                    hist,
                );
            }
        }
    }
    out.push_str("# HELP hearth_http_request_duration_seconds Time to answer, by route pattern.\n# TYPE hearth_http_request_duration_seconds histogram\n");
    out.push_str(&latencies);
    let (waiting, _done, failed) = h.store.job_counts().await?;
    let now = hearth_store::now_millis();
    let oldest = h.store.oldest_waiting_job(now).await?;
    let _ = write!(
        out,
        "# HELP hearth_jobs_waiting Jobs waiting to run.\n# TYPE hearth_jobs_waiting gauge\nhearth_jobs_waiting {waiting}\n\
         # HELP hearth_jobs_failed Jobs that gave up (Admin > Jobs).\n# TYPE hearth_jobs_failed gauge\nhearth_jobs_failed {failed}\n\
         # HELP hearth_jobs_oldest_age_seconds Age of the oldest waiting job that is due.\n# TYPE hearth_jobs_oldest_age_seconds gauge\nhearth_jobs_oldest_age_seconds {}\n",
        oldest.map_or(0.0, |t| ((now - t).max(0) as f64) / 1000.0)
    );
    out.push_str("# HELP hearth_stream_consumer_lag Activities written but not yet handled, per consumer of the activity stream.\n# TYPE hearth_stream_consumer_lag gauge\n");
    for c in h.store.consumers().await? {
        let _ = writeln!(
            out,
            "hearth_stream_consumer_lag{{consumer=\"{}\"}} {}",
            label(&c.name),
            c.behind
        );
    }
    let (pending, oldest_delivery) = h.store.pending_deliveries().await?;
    let _ = write!(
        out,
        "# HELP hearth_webhook_deliveries_pending Webhook deliveries waiting to be sent or retried.\n# TYPE hearth_webhook_deliveries_pending gauge\nhearth_webhook_deliveries_pending {pending}\n\
         # HELP hearth_webhook_deliveries_oldest_age_seconds Age of the oldest waiting webhook delivery.\n# TYPE hearth_webhook_deliveries_oldest_age_seconds gauge\nhearth_webhook_deliveries_oldest_age_seconds {}\n",
        oldest_delivery.map_or(0.0, |t| ((now - t).max(0) as f64) / 1000.0)
    );
    out.push_str("# HELP hearth_webhook_attempts_total Webhook delivery attempts by outcome (pending: failed, to be retried; failed: given up).\n# TYPE hearth_webhook_attempts_total counter\n");
    for outcome in ["delivered", "pending", "failed", "skipped"] {
        let n = lock(&m.webhooks).get(outcome).copied().unwrap_or(0);
        let _ = writeln!(
            out,
            "hearth_webhook_attempts_total{{outcome=\"{outcome}\"}} {n}"
        );
    }
    out.push_str("# HELP hearth_mail_total Mail handed to the SMTP server, by outcome.\n# TYPE hearth_mail_total counter\n");
    for outcome in ["sent", "failed"] {
        let n = lock(&m.mail).get(outcome).copied().unwrap_or(0);
        let _ = writeln!(out, "hearth_mail_total{{outcome=\"{outcome}\"}} {n}");
    }
    out.push_str("# HELP hearth_insights_refresh_seconds Time the insights engine took to take in new activity.\n# TYPE hearth_insights_refresh_seconds histogram\n");
    let insights = lock(&m.insights).clone();
    histogram(&mut out, "hearth_insights_refresh_seconds", "", &insights);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histograms_are_cumulative_and_labels_escaped() {
        let mut h = Histogram::default();
        h.observe(0.003);
        h.observe(0.2);
        let mut out = String::new();
        histogram(&mut out, "x", "route=\"/t/{id}\"", &h);
        assert!(out.contains("x_bucket{route=\"/t/{id}\",le=\"0.001\"} 0\n"));
        assert!(out.contains("x_bucket{route=\"/t/{id}\",le=\"0.005\"} 1\n"));
        assert!(out.contains("x_bucket{route=\"/t/{id}\",le=\"0.25\"} 2\n"));
        assert!(out.contains("x_bucket{route=\"/t/{id}\",le=\"+Inf\"} 2\n"));
        assert!(out.contains("x_count{route=\"/t/{id}\"} 2\n"));
        assert_eq!(label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
