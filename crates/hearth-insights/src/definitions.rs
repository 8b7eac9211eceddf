//! What each number means, written once. `docs/METRICS.md` is generated from this table
//! (`crates/hearth/tests/app/tidy.rs`), and each chart on the Insights page shows its line.

/// (metric, its definition).
pub const METRICS: &[(&str, &str)] = &[
    (
        "member",
        "Anyone in the community's record who takes part on any channel: a hub account, or a contact known only from Discord, Slack or an integrator's pushes. Counted from their first activity of their own doing.",
    ),
    (
        "active member",
        "A member with at least one activity of their own doing in the period, on any channel: a visit, joining, a post or an edit, a message, a reaction, a vote, a flag, an RSVP or check-in, accepting the guidelines, updating their profile, or an integrator's custom activity. Orders, payments, refunds and mailing-list changes are commerce, not participation; things done to a member (a trust level changed by the hourly job, an invite, a warning, a merge) are not theirs.",
    ),
    (
        "new member",
        "A member whose first activity of their own doing falls in the period; they came from that activity's channel.",
    ),
    (
        "growth rate",
        "New members in the period divided by the members there were before it.",
    ),
    (
        "participation rate",
        "Active members in the period divided by all members known by its end.",
    ),
    (
        "stickiness",
        "Average daily active members divided by monthly active members, for each calendar month in the period, averaged over the months.",
    ),
    (
        "posts per active member",
        "Topics, questions and replies in the period divided by its active members.",
    ),
    (
        "lurker",
        "A member who visited in the period and has never started a topic, asked a question or replied.",
    ),
    (
        "cohort",
        "Members grouped by the week (ISO, Monday first) or calendar month of their first activity. Cell k counts the cohort's members active k periods later; cell 0 is the cohort's size.",
    ),
    (
        "question answered",
        "A question asked in the period that someone other than the asker replied to by the period's end. Staff replies count only when the filter includes them.",
    ),
    (
        "first response",
        "The time from a question being asked to the first reply by someone other than the asker (CHAOSS). Median and 90th percentile are waits that occurred, by the nearest-rank method: the wait at rank ceil(q × n) of the n sorted waits.",
    ),
    (
        "support deflection",
        "Of the questions answered (as counted above), the share answered by the community rather than by staff: by whoever wrote the accepted answer when it is not the asker, or else by the first reply counted.",
    ),
    (
        "contributor",
        "A member who started a topic, asked a question or replied in the period (CHAOSS). A new contributor made their first contribution in it; an inactive contributor contributed in the period of equal length before and not in this one.",
    ),
    (
        "contributor absence factor",
        "The fewest contributors who together made half of the period's contributions (CHAOSS).",
    ),
    (
        "most read",
        "Views of a topic's page by signed-in members (not those who opted out of analytics) on the days of the range (UTC days), in topics that are neither deleted nor hidden. Views are kept as daily counts per topic, not per reader, so this list is not narrowed to a segment.",
    ),
    (
        "most replied",
        "Replies written in the range, leaving out deleted and hidden posts and topics; with a segment, only its members' replies. Topics live on the hub, so a filter on another channel leaves both lists empty.",
    ),
    (
        "time zone",
        "Days, weeks and months are on the community's clock unless the reader asks for another zone; weeks start on Monday.",
    ),
    (
        "act of help",
        "A reply to someone else's topic on the hub, a reply to someone's message on Discord or Slack (or pushed as message_replied with its target member), and an accepted answer once more. Each is an edge from the member helped to the member who helped, in the period's days, channel and space.",
    ),
    (
        "champion",
        "A member the community's help flows to, ranked by weighted PageRank (damping 0.85) over the acts of help: help from members who are themselves much helped counts for more. Scores are shares of the whole and sum to 1 over the members in at least one act of help.",
    ),
    (
        "bridge",
        "A member who lies on many of the shortest paths between two other members, counting help in either direction as a tie (betweenness centrality). Exact up to 3,000 members in the network; above that it is estimated from 400 members chosen at random, and the figure shows its standard error.",
    ),
    (
        "unanswered newcomer",
        "A member, not staff, whose first post anywhere was a topic started in the period that nobody else replied to within 48 hours.",
    ),
    (
        "churn risk",
        "The chance that a member active in the 30 days to the day asked does nothing of their own in the next 30 days. A logistic regression (L2, C = 1, on standardised figures) learns it from earlier months: for members active in the 30 days to each monthly cutoff, how long they had been quiet, on how many of the last 30 days they were active, the change against the 30 days before, the average days between their posts in the last 180 days, replies they received in the last 90 days, whether they asked a question and whether their first one got an answer, and how long they had been a member; and whether they went quiet in the 30 days after. Staff and members who opted out are left out.",
    ),
    (
        "AUC",
        "How well a ranking separates those who went quiet from those who stayed: the chance that, of two members, the one who went quiet was ranked riskier (0.5 is a coin toss, 1 is perfect). Measured on the last month whose outcome is known, which the model was not trained on, for the model and for the simple rule that ranks by days quiet.",
    ),
    (
        "member value",
        "The change in spend linked to joining, by difference in differences: for each member who was already a customer, spend in the 90 days after their first activity of their own doing against the 90 days before, less the change over the same days of the non-member customer who spent the closest amount in the 90 days before that (matched on an earlier window, so that a customer's ordinary ups and downs do not read as an effect). Relative: members' spend after over what it would have been had they changed as their matches did, minus one. Spend is orders, payments and purchases less refunds, in minor units of whatever currency they were in. The 95% interval resamples members and matches 1,000 times. Staff and members who opted out are left out.",
    ),
    (
        "engagement level",
        "Every member's score is their love (each activity of their own doing weighted by its kind and channel, fading by half every 30 days, over the last year) times 1 + ln(1 + reach), reach being the distinct members they helped or were helped by in the last 90 days. Of the members with a score, the top 5% are the inner circle (level 1), the next 15% regulars (2), the next 30% participants (3); everyone else is an observer (4). A member moves up at once and down at most monthly: the level shown is the best they reached on the first of the month, on any Sunday since, or today. Staff are left out unless counted; members who opted out always are.",
    ),
    (
        "health score",
        "A score from 0 to 100, the mean of the parts that could be measured, each scoring 100 × min(1, figure ÷ target): growth (new members per 30 days as a share of the members before; full marks at 10%), activity (the participation rate; full at 30%), responsiveness (questions with a first reply by someone else within 24 hours; full at 100%), retention (members active in the period before who are active again; full at 60%) and sentiment (of the posts that read clearly positive or negative, the share positive; full at 80%; left out when sentiment is off or no post reads clearly). In the manner of LFX Insights' health score and the Lithium/Khoros Community Health Index.",
    ),
    (
        "sentiment",
        "Each post on the hub is read by a word list in English and Spanish (each word a strength from -3 to +3), with negation over the next three words, intensifiers, 'but'/'pero' weighing what follows 1.5x and what came before 0.5x, and '!' and emoji; quotes, code and links are left out. The sum s becomes a score s / sqrt(s^2 + 15) from -1 to 1. A post counts as clearly positive or negative at 0.5 or more either way, or when staff set its label; trends count those posts, never averaging scores.",
    ),
    (
        "trending term",
        "A word (three letters or more, not a common word) used in at least 3 posts by at least 2 people in the 7 days to the last day shown, and at least twice as often as its own rate over the 8 weeks before: (posts now + 1) / (posts before x posts-now-over-posts-before + 1) >= 2. A post counts once however often it repeats the word.",
    ),
    (
        "invitation experiment",
        "Customers who are not members, split at random from a recorded seed into an invited group (sent an email invitation) and a holdout. The intent-to-treat effect of each outcome (joined, spend since the start, bought again) is the invited group's mean minus the holdout's, with a 95% interval of 1.96 Welch standard errors; spend relative to the holdout's uses the delta method. Everyone stays in the group they were placed in.",
    ),
    (
        "privacy",
        "Members who opted out of analytics are left out of every number. Erased members stay as anonymous ids, so past numbers do not change.",
    ),
];

/// The definition of `metric`.
pub fn definition(metric: &str) -> &'static str {
    METRICS
        .iter()
        .find(|(m, _)| *m == metric)
        .map_or("", |(_, d)| *d)
}
