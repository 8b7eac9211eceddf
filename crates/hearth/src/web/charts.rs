//! Charts drawn on the server as SVG: they work without JavaScript and under the CSP (no
//! inline styles; colours come from classes in `app.css`). A chart carries no words of its
//! own: the page around it gives its title, its definition and a table of its numbers, and
//! the SVG points to them with `aria-labelledby`. Each point has a `<title>` tooltip.

use std::fmt::Write as _;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 46.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 26.0;

/// The smallest "nice" number (1, 2 or 5 times a power of ten) at or above `v`.
pub fn nice_ceiling(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 1.0;
    }
    let p = 10f64.powf(v.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if m * p >= v {
            return m * p;
        }
    }
    10.0 * p
}

fn number(v: f64) -> String {
    if v >= 10_000.0 {
        format!("{:.0}k", v / 1000.0)
    } else if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The frame: the SVG element, the horizontal grid with its values, and the x labels
/// (at most seven, evenly spread).
fn frame(out: &mut String, labelled_by: &str, labels: &[String], max: f64) {
    let _ = write!(
        out,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{}" preserveAspectRatio="xMidYMid meet">"#,
        escape(labelled_by)
    );
    for k in 0..=4 {
        let v = max * f64::from(k) / 4.0;
        let y = TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - f64::from(k) / 4.0);
        let _ = write!(
            out,
            r#"<line class="chart-grid" x1="{LEFT}" x2="{}" y1="{y:.1}" y2="{y:.1}"/><text class="chart-axis" x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
            WIDTH - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            number(v)
        );
    }
    let n = labels.len();
    if n == 0 {
        return;
    }
    let step = n.div_ceil(7).max(1);
    for (i, label) in labels.iter().enumerate() {
        if i % step != 0 && i != n - 1 {
            continue;
        }
        if step > 1 && i != n - 1 && n - 1 - i < step {
            continue; // too close to the last label
        }
        let anchor = if i == 0 {
            "start"
        } else if i == n - 1 {
            "end"
        } else {
            "middle"
        };
        let _ = write!(
            out,
            r#"<text class="chart-axis" x="{:.1}" y="{}" text-anchor="{anchor}">{}</text>"#,
            x_of(i, n, false),
            HEIGHT - 6.0,
            escape(label)
        );
    }
}

/// The x of point `i` of `n`: spread across the plot; bars take the middle of their slot.
fn x_of(i: usize, n: usize, bars: bool) -> f64 {
    let width = WIDTH - LEFT - RIGHT;
    if bars {
        LEFT + width * (i as f64 + 0.5) / n as f64
    } else if n <= 1 {
        LEFT + width / 2.0
    } else {
        LEFT + width * i as f64 / (n - 1) as f64
    }
}

fn y_of(v: f64, max: f64) -> f64 {
    TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - v / max)
}

/// The class of point `i`: `partial` when `partial[i]` (a period only partly in range).
fn part(partial: &[bool], i: usize) -> &'static str {
    if partial.get(i).copied().unwrap_or(false) {
        " partial"
    } else {
        ""
    }
}

/// Lines: one per series `(class, values)`, over the same `labels`; points of partial
/// periods are drawn hollow and faint.
pub fn lines(
    labelled_by: &str,
    labels: &[String],
    series: &[(&str, Vec<f64>)],
    partial: &[bool],
) -> String {
    let max = nice_ceiling(
        series
            .iter()
            .flat_map(|(_, v)| v.iter().copied())
            .fold(0.0, f64::max),
    );
    let mut out = String::new();
    frame(&mut out, labelled_by, labels, max);
    let n = labels.len();
    for (class, values) in series {
        let points: Vec<String> = values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{:.1},{:.1}", x_of(i, n, false), y_of(*v, max)))
            .collect();
        let _ = write!(
            out,
            r#"<polyline class="chart-line {}" points="{}"/>"#,
            escape(class),
            points.join(" ")
        );
        // Dots with tooltips, when there are few enough to tell apart.
        if n <= 120 {
            for (i, v) in values.iter().enumerate() {
                let _ = write!(
                    out,
                    r#"<circle class="chart-dot {}{}" cx="{:.1}" cy="{:.1}" r="3"><title>{}: {}</title></circle>"#,
                    escape(class),
                    part(partial, i),
                    x_of(i, n, false),
                    y_of(*v, max),
                    escape(labels.get(i).map_or("", String::as_str)),
                    number(*v)
                );
            }
        }
    }
    out.push_str("</svg>");
    out
}

/// Stacked bars: each stack `(class, values)` adds to the bars over the same `labels`;
/// bars of partial periods are drawn faint.
pub fn bars(
    labelled_by: &str,
    labels: &[String],
    stacks: &[(&str, Vec<f64>)],
    partial: &[bool],
) -> String {
    let n = labels.len();
    let totals: Vec<f64> = (0..n)
        .map(|i| {
            stacks
                .iter()
                .map(|(_, v)| v.get(i).copied().unwrap_or(0.0))
                .sum()
        })
        .collect();
    let max = nice_ceiling(totals.iter().copied().fold(0.0, f64::max));
    let mut out = String::new();
    frame(&mut out, labelled_by, labels, max);
    let slot = (WIDTH - LEFT - RIGHT) / n.max(1) as f64;
    let width = (slot * 0.7).clamp(1.0, 36.0);
    let mut base = vec![0.0; n];
    for (class, values) in stacks {
        for i in 0..n {
            let v = values.get(i).copied().unwrap_or(0.0);
            if v <= 0.0 {
                continue;
            }
            let top = y_of(base[i] + v, max);
            let bottom = y_of(base[i], max);
            let _ = write!(
                out,
                r#"<rect class="chart-bar {}{}" x="{:.1}" y="{top:.1}" width="{width:.1}" height="{:.1}"><title>{}: {}</title></rect>"#,
                escape(class),
                part(partial, i),
                x_of(i, n, true) - width / 2.0,
                (bottom - top).max(0.5),
                escape(&labels[i]),
                number(v)
            );
            base[i] += v;
        }
    }
    out.push_str("</svg>");
    out
}

/// The core of a who-helps-whom network: the members on two rings (the first six, the
/// most helped, inside), each circle's area growing with its rank, and a line for each
/// member's three strongest ties (help either way between two of them), darker for more.
/// `members` are (name, rank), most helped first; `edges` are (from, to, times) by
/// index. Each circle has a `<title>` with the name.
pub fn network(
    labelled_by: &str,
    members: &[(String, f64)],
    edges: &[(usize, usize, f64)],
) -> String {
    const W: f64 = 600.0;
    const H: f64 = 340.0;
    let (cx, cy) = (W / 2.0, H / 2.0);
    let inner = members.len().min(6);
    let place = |i: usize| -> (f64, f64) {
        let (k, n, r) = if i < inner {
            (i, inner, if inner == 1 { 0.0 } else { 62.0 })
        } else {
            (i - inner, members.len() - inner, 138.0)
        };
        let a = std::f64::consts::TAU * k as f64 / n.max(1) as f64 - std::f64::consts::FRAC_PI_2
            + if i < inner { 0.0 } else { 0.3 };
        (cx + r * a.cos(), cy + r * a.sin())
    };
    let top = members
        .iter()
        .map(|m| m.1)
        .fold(0.0, f64::max)
        .max(f64::MIN_POSITIVE);
    // Ties: help either way between two members, summed; each member keeps its three
    // strongest, so the drawing shows the structure rather than a hairball.
    let mut ties: std::collections::BTreeMap<(usize, usize), f64> = Default::default();
    for &(a, b, w) in edges {
        if a < members.len() && b < members.len() && a != b {
            *ties.entry((a.min(b), a.max(b))).or_default() += w;
        }
    }
    let mut kept = std::collections::BTreeSet::new();
    for m in 0..members.len() {
        let mut mine: Vec<(&(usize, usize), &f64)> =
            ties.iter().filter(|(k, _)| k.0 == m || k.1 == m).collect();
        mine.sort_by(|x, y| y.1.total_cmp(x.1).then(x.0.cmp(y.0)));
        kept.extend(mine.into_iter().take(3).map(|(k, _)| *k));
    }
    let heaviest = ties.values().copied().fold(0.0, f64::max).max(1.0);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg class="chart network-chart" viewBox="0 0 {W} {H}" role="img" aria-labelledby="{}" preserveAspectRatio="xMidYMid meet">"#,
        escape(labelled_by)
    );
    for &(a, b) in &kept {
        let w = ties[&(a, b)];
        let ((x1, y1), (x2, y2)) = (place(a), place(b));
        let tier = 1 + ((w / heaviest) * 2.0).round() as u8;
        let _ = write!(
            out,
            r#"<line class="net-edge net-edge-{tier}" x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}"/>"#
        );
    }
    for (i, (name, rank)) in members.iter().enumerate() {
        let (x, y) = place(i);
        let r = 5.0 + 17.0 * (rank / top).sqrt();
        let label: String = name.chars().take(14).collect();
        // Labels sit outside the outer ring, and beside the circle on the inner one.
        let (lx, ly, anchor) = if i < inner && x < cx - 1.0 {
            (x - r - 3.0, y + 4.0, "end")
        } else if i < inner && x > cx + 1.0 {
            (x + r + 3.0, y + 4.0, "start")
        } else if i < inner {
            (x, y - r - 5.0, "middle")
        } else if x < cx - 1.0 {
            (x - r - 3.0, y + 4.0, "end")
        } else if x > cx + 1.0 {
            (x + r + 3.0, y + 4.0, "start")
        } else {
            (x, y + r + 11.0, "middle")
        };
        let _ = write!(
            out,
            r#"<g><title>{name}</title><circle class="net-node{lead}" cx="{x:.1}" cy="{y:.1}" r="{r:.1}"/><text class="net-label" x="{lx:.1}" y="{ly:.1}" text-anchor="{anchor}">{label}</text></g>"#,
            name = escape(name),
            lead = if i < inner { " net-node-inner" } else { "" },
            label = escape(&label),
        );
    }
    out.push_str("</svg>");
    out
}

/// A heat level from 0 to 10 for `v` of `max`, for a cell's class (`heat-N`).
pub fn heat(v: f64, max: f64) -> u8 {
    if max <= 0.0 || v <= 0.0 {
        return 0;
    }
    ((v / max * 10.0).ceil() as u8).clamp(1, 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_ceilings_and_heat() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(7.0), 10.0);
        assert_eq!(nice_ceiling(12.0), 20.0);
        assert_eq!(nice_ceiling(240.0), 250.0);
        assert_eq!(heat(0.0, 10.0), 0);
        assert_eq!(heat(0.1, 10.0), 1);
        assert_eq!(heat(10.0, 10.0), 10);
    }

    #[test]
    fn charts_are_well_formed_and_escape_their_labels() {
        let labels: Vec<String> = (1..=30).map(|d| format!("<{d}>")).collect();
        let svg = lines(
            "t",
            &labels,
            &[("a", (0..30).map(f64::from).collect())],
            &[true],
        );
        assert_eq!(svg.matches("partial").count(), 1, "the first period only");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(!svg.contains("<1>") && svg.contains("&lt;1&gt;"));
        assert_eq!(svg.matches("<circle").count(), 30);
        let svg = bars(
            "t",
            &labels[..3],
            &[("a", vec![1.0, 0.0, 2.0]), ("b", vec![1.0, 1.0, 0.0])],
            &[],
        );
        assert_eq!(
            svg.matches("<rect").count(),
            4,
            "empty segments are not drawn"
        );
        // No data at all still draws a frame.
        assert!(lines("t", &[], &[], &[]).ends_with("</svg>"));
    }
}
