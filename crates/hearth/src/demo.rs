//! `hearth demo`: fills an empty database with a plausible community, deterministic for a
//! seed. Activity is Zipf-skewed (a few members write most posts), grows over time, and
//! every post goes through the same store functions as real ones, activity rows included.

use crate::services::{Hearth, accounts};
use hearth_core::markdown;
use hearth_core::rng::{Rng, Zipf};
use hearth_core::values::{Password, Role, Visibility};
use hearth_store::members::{NewMember, create_member_in};
use hearth_store::spaces::SpaceFields;
use hearth_store::topics::{NewTopic, accept_answer_in, create_reply_in, create_topic_in};
use std::io::Write;

pub struct DemoOptions {
    pub seed: u64,
    pub members: usize,
    pub months: u32,
    pub until: Option<String>,
}

pub const OWNER_EMAIL: &str = "owner@example.com";
pub const OWNER_PASSWORD: &str = "hearth-demo";

const BUSINESSES: &[(&str, &str, &str)] = &[
    ("Riverside Bakery", "bread", "#b45309"),
    ("Copperleaf Coffee", "coffee", "#7c2d12"),
    ("Marginalia Books", "books", "#1d4ed8"),
    ("Ironbark Gym", "training", "#047857"),
    ("Hopfield Brewing", "beer", "#a16207"),
];

const FIRST: &[&str] = &[
    "Ana",
    "Ben",
    "Chidi",
    "Dana",
    "Elif",
    "Farah",
    "Gabriel",
    "Hana",
    "Ivan",
    "Jia",
    "Kofi",
    "Lena",
    "Mateo",
    "Nadia",
    "Oskar",
    "Priya",
    "Quentin",
    "Rosa",
    "Sven",
    "Tomasz",
    "Uma",
    "Valentina",
    "Wei",
    "Ximena",
    "Yusuf",
    "Zoe",
    "Aiko",
    "Bruno",
    "Carmen",
    "Dmitri",
    "Emeka",
    "Fatima",
    "Grace",
    "Hiroshi",
    "Ines",
    "Jonas",
    "Keiko",
    "Luca",
    "Mei",
    "Noah",
    "Olga",
    "Pablo",
    "Rania",
    "Sofia",
    "Tariq",
    "Ugo",
    "Vera",
    "Willa",
    "Yara",
    "Zainab",
    "José",
    "Zoë",
    "Søren",
    "Ngozi",
    "Anh",
    "Björn",
    "Chloé",
];
const LAST: &[&str] = &[
    "Okafor",
    "García",
    "Tanaka",
    "Nguyen",
    "Müller",
    "Kowalski",
    "Haddad",
    "Silva",
    "Ivanova",
    "Patel",
    "Johansson",
    "Rossi",
    "Kim",
    "Mensah",
    "Novak",
    "O'Brien",
    "Dubois",
    "Yilmaz",
    "Chen",
    "Santos",
    "Andersen",
    "Moreau",
    "Abubakar",
    "Fischer",
    "Costa",
    "Lindqvist",
    "Horvat",
    "Papadopoulos",
    "Suzuki",
    "Ferreira",
    "Walsh",
    "Bianchi",
    "Petrov",
    "Adeyemi",
    "Zhang",
];

/// (slug, name, description, visibility, share of topics, title patterns)
type SpacePlan = (
    &'static str,
    &'static str,
    &'static str,
    Visibility,
    f64,
    &'static [&'static str],
);

const SPACES: &[SpacePlan] = &[
    (
        "announcements",
        "Announcements",
        "News from the team: new products, opening hours, events.",
        Visibility::Public,
        0.03,
        &[
            "New {thing} arriving this week",
            "Opening hours over the holidays",
            "We're hiring: part-time help",
            "Price changes from next month",
            "Thank you for an amazing year",
        ],
    ),
    (
        "general",
        "General",
        "Say hello and talk about anything.",
        Visibility::Public,
        0.34,
        &[
            "What's your favourite {thing}?",
            "First visit today, loved it",
            "Anyone else going to the market on Saturday?",
            "Tips for a beginner with {thing}",
            "Photos from last weekend",
            "Your go-to order?",
            "Recommendations for a gift?",
            "How did you find us?",
        ],
    ),
    (
        "questions",
        "Questions & Help",
        "Ask anything; the community and staff answer.",
        Visibility::Public,
        0.30,
        &[
            "How do I store {thing} so it stays fresh?",
            "Do you deliver outside the city?",
            "Is the loyalty card still valid after a year?",
            "Allergen information for the {thing}?",
            "Can I order for a large group?",
            "Why did my {thing} turn out flat?",
            "Gift cards online?",
        ],
    ),
    (
        "ideas",
        "Ideas",
        "Suggest what we should make or change next.",
        Visibility::Public,
        0.18,
        &[
            "Idea: a {thing} subscription",
            "Please bring back the seasonal {thing}",
            "Longer opening hours on Fridays",
            "A workshop about {thing}",
            "Vegan options",
            "Reusable packaging discount",
        ],
    ),
    (
        "members-lounge",
        "Members' Lounge",
        "For signed-in members only: early news and swaps.",
        Visibility::Members,
        0.12,
        &[
            "Early access: {thing} tasting",
            "Swap thread: spare tickets",
            "Members' night feedback",
            "What should we try next month?",
        ],
    ),
    (
        "staff",
        "Staff Room",
        "Private space for the team.",
        Visibility::Private,
        0.03,
        &[
            "Rota for next week",
            "Supplier issue with {thing}",
            "Ideas from the community to review",
            "Stock count notes",
        ],
    ),
];

const SENTENCES: &[&str] = &[
    "I tried it last week and it was even better than I expected.",
    "Has anyone else noticed the difference since the change?",
    "Thanks for the quick answer, that solved it for me.",
    "We came in on Saturday morning and the place was buzzing.",
    "My kids keep asking when we're going back.",
    "I'd happily pay a little more for that.",
    "The staff were so patient explaining the options.",
    "Could you post the schedule here as well?",
    "I keep mine in a cloth bag on the counter and it lasts for days.",
    "Not sure it's for me, but I love that you're trying new things.",
    "Following this thread, I have the same question.",
    "Here's what worked for me: lower temperature, more time.",
    "Is there a way to get notified when it's back?",
    "This is exactly why I keep coming back.",
    "Great idea, I'd sign up for that straight away.",
    "I think the old version was better, honestly.",
    "Would love to see photos if anyone has them.",
    "We should organise a meetup for regulars.",
    "The {thing} last Friday was the best I've had in years.",
    "Quick tip: ask for the {thing} fresh from the back.",
];

/// Parses `YYYY-MM-DD` into milliseconds at the end of that day (UTC).
fn end_of_day(date: &str) -> anyhow::Result<i64> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let d = time::Date::parse(date, &fmt)
        .map_err(|e| anyhow::anyhow!("--until {date}: expected YYYY-MM-DD ({e})"))?;
    Ok((d.midnight().assume_utc().unix_timestamp() + 86_399) * 1000)
}

fn today() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}-{:02}-{:02}",
        now.year(),
        now.month() as u8,
        now.day()
    )
}

fn handle_for(first: &str, last: &str, n: usize) -> String {
    let ascii = |s: &str| -> String {
        s.chars()
            .map(|c| match c {
                'á' | 'à' | 'ä' | 'â' => 'a',
                'é' | 'è' | 'ë' | 'ê' => 'e',
                'í' | 'ï' => 'i',
                'ó' | 'ö' | 'ø' | 'ô' => 'o',
                'ú' | 'ü' => 'u',
                'ñ' => 'n',
                'ç' => 'c',
                c => c.to_ascii_lowercase(),
            })
            .filter(|c| c.is_ascii_alphanumeric())
            .collect()
    };
    format!("{}.{}{}", ascii(first), ascii(last), n)
}

fn body(rng: &mut Rng, thing: &str, long: bool) -> String {
    let n = if long {
        2 + rng.below(4)
    } else {
        1 + rng.below(3)
    };
    let mut text = String::new();
    for i in 0..n {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(&rng.pick(SENTENCES).replace("{thing}", thing));
    }
    if long && rng.chance(0.25) {
        text.push_str(&format!(
            "\n\n- **{thing}** in the morning\n- the seasonal special\n- something new each week"
        ));
    }
    if rng.chance(0.1) {
        text.push_str("\n\nMore here: [our notes](https://example.com/notes)");
    }
    text
}

pub async fn run(h: &Hearth, o: &DemoOptions) -> anyhow::Result<()> {
    if h.store.community().await?.is_some() {
        anyhow::bail!(
            "this database already has a community; `hearth demo` fills an empty one (use a new --data-dir)"
        );
    }
    if o.members < 2 {
        anyhow::bail!("--members must be at least 2");
    }
    if o.months == 0 {
        anyhow::bail!("--months must be at least 1");
    }
    // Nothing happens after now: the end of today would put visits, votes and orders
    // in the future (issue 17: a member "last active" tomorrow). A past --until stays
    // as given, so a seed and a date make the same community.
    let until = end_of_day(o.until.as_deref().unwrap_or(&today()))?.min(hearth_store::now_millis());
    let span = o.months as i64 * 30 * 86_400_000;
    let start = until - span;
    let mut rng = Rng::new(o.seed);
    let (business, thing, accent) = *rng.pick(BUSINESSES);

    let password = accounts::hash_password(h, &Password::parse(OWNER_PASSWORD)?).await?;
    let owner = NewMember {
        email: OWNER_EMAIL,
        handle: "owner",
        display_name: "Sam (owner)",
        password_hash: Some(&password),
        role: Role::Owner,
    };
    let owner = h
        .store
        .setup_community(business, accent, &owner, start)
        .await?;
    h.store
        .update_branding(&hearth_store::community::Branding {
            name: business,
            tagline: Some("Our regulars, our neighbours, our community"),
            accent_color: accent,
            logo_upload_id: None,
        })
        .await?;

    // Members join over the whole period, more of them later (the community grows).
    let mut progress = Progress::new("members", o.members);
    let mut joined: Vec<(i64, i64)> = Vec::with_capacity(o.members);
    joined.push((owner.id, start));
    let mut join_times: Vec<i64> = (1..o.members)
        .map(|_| start + (span as f64 * rng.unit().sqrt()) as i64)
        .collect();
    join_times.sort_unstable();
    let mut tx = h.store.db.begin().await?;
    for (i, at) in join_times.into_iter().enumerate() {
        let (first, last) = (*rng.pick(FIRST), *rng.pick(LAST));
        let handle = handle_for(first, last, i + 1);
        let email = format!("{handle}@example.com");
        let name = format!("{first} {last}");
        let role = if i < 2 { Role::Moderator } else { Role::Member };
        let m = create_member_in(
            &mut tx,
            &NewMember {
                email: &email,
                handle: &handle,
                display_name: &name,
                password_hash: None,
                role,
            },
            at,
        )
        .await?;
        joined.push((m.id, at));
        if i % 1000 == 999 {
            tx.commit().await?;
            tx = h.store.db.begin().await?;
        }
        progress.tick(i + 1);
    }
    tx.commit().await?;
    progress.done();

    let mut spaces = Vec::new();
    for (slug, name, description, visibility, share, titles) in SPACES {
        let space = h
            .store
            .create_space(
                &SpaceFields {
                    slug,
                    name,
                    description: Some(description),
                    visibility: *visibility,
                },
                start,
            )
            .await?;
        spaces.push((space.id, *share, *titles, *visibility, *slug == "questions"));
    }

    // Who writes: Zipf over members in a seeded random order, so the busiest members are
    // spread over the join dates.
    let mut order: Vec<usize> = (0..joined.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let zipf = Zipf::new(joined.len(), 1.05);
    let staff: Vec<(i64, i64)> = joined.iter().take(3).copied().collect();
    let pick_author = |rng: &mut Rng, after: i64, private: bool| -> (i64, i64) {
        if private {
            return staff[rng.below(staff.len() as u64) as usize];
        }
        for _ in 0..20 {
            let m = joined[order[zipf.sample(rng)]];
            if m.1 <= after {
                return m;
            }
        }
        joined[0]
    };

    let topic_count = (o.members * 22 / 10).max(20);
    let reply_mean = 9.5f64;
    let mut progress = Progress::new("topics", topic_count);
    let mut tx = h.store.db.begin().await?;
    let mut posts = 0usize;
    // What was written, for the life after (reactions, reading): (post, author, when) and
    // (topic, when). Collecting them draws nothing from the generator.
    let mut written_posts: Vec<(i64, i64, i64)> = Vec::new();
    let mut written_topics: Vec<(i64, i64)> = Vec::new();
    for i in 0..topic_count {
        let r = rng.unit();
        let mut acc = 0.0;
        let mut chosen = spaces[0];
        for s in &spaces {
            acc += s.1;
            if r < acc {
                chosen = *s;
                break;
            }
        }
        let (space_id, _, titles, visibility, questions) = chosen;
        let private = visibility == Visibility::Private;
        let created = start + (span as f64 * rng.unit().powf(0.7)) as i64;
        let (author, _) = pick_author(&mut rng, created, private);
        let title = rng.pick(titles).replace("{thing}", thing);
        let text = body(&mut rng, thing, true);
        let html = markdown::render(&text);
        let new = NewTopic {
            space_id,
            author_id: author,
            title: &title,
            kind: if questions { "question" } else { "discussion" },
            body_md: &text,
            body_html: &html,
            pin_scope: None,
            poll: None,
            event: None,
        };
        let (topic_id, first_post) = create_topic_in(&mut tx, &new, created).await?;
        written_topics.push((topic_id, created));
        written_posts.push((first_post, author, created));
        posts += 1;
        // Replies: geometric count, arriving minutes to days after the topic.
        let replies = (-(1.0 - rng.unit()).ln() * reply_mean) as usize;
        let mut at = created;
        let mut first_other_reply = None;
        for _ in 0..replies.min(200) {
            at += (-(1.0 - rng.unit()).ln() * 6.0 * 3_600_000.0) as i64 + 60_000;
            if at > until {
                break;
            }
            let (replier, _) = pick_author(&mut rng, at, private);
            let text = body(&mut rng, thing, false);
            let html = markdown::render(&text);
            let reply_id = create_reply_in(&mut tx, topic_id, replier, &text, &html, at).await?;
            written_posts.push((reply_id, replier, at));
            if replier != author && first_other_reply.is_none() {
                first_other_reply = Some((reply_id, at));
            }
            posts += 1;
        }
        // Most questions that got an answer have it accepted, a while after it came. A
        // separate generator keeps the main sequence (and so every topic and post) the same.
        if questions && let Some((answer_id, answered)) = first_other_reply {
            let mut side = Rng::new(o.seed ^ (topic_id as u64).wrapping_mul(0x9E37_79B9));
            let accepted_at = (answered + (side.unit() * 12.0 * 3_600_000.0) as i64).min(until);
            if side.chance(0.6) {
                accept_answer_in(&mut tx, topic_id, answer_id, author, accepted_at).await?;
            }
        }
        if i % 200 == 199 {
            tx.commit().await?;
            tx = h.store.db.begin().await?;
        }
        progress.tick(i + 1);
    }
    tx.commit().await?;
    progress.done();
    let events = demo_events(h, o, spaces[0].0, &staff, &joined, thing, start, until).await?;
    eprintln!("Events: {events} workshops and evenings, past and coming, with RSVPs.");
    let life = demo_life(h, o, &joined, &written_posts, &written_topics, start, until).await?;
    eprintln!(
        "Life: {} visits, {} reactions, {} ideas with {} votes, {} polls with {} votes, {} Discord and Slack messages, {} shop orders ({} from people who never joined the hub).",
        life.visits,
        life.reactions,
        life.ideas,
        life.idea_votes,
        life.polls,
        life.poll_votes,
        life.messages,
        life.orders,
        life.outside_customers
    );
    h.store.settle_backlog(hearth_store::now_millis()).await?;
    // Members earn their trust levels from the history just written, as the hourly job
    // would.
    eprint!("Trust levels: measuring every member...");
    let promoted = crate::services::trust::recompute(h).await?;
    eprintln!(" {promoted} moved up.");
    let (topics, total_posts, activities) = h.store.totals().await?;
    eprintln!(
        "Generated \"{business}\": {} members, {} spaces, {topics} topics, {total_posts} posts ({posts} written now), {activities} activities.",
        joined.len(),
        spaces.len()
    );
    eprintln!("Sign in as {OWNER_EMAIL} with the password {OWNER_PASSWORD}.");
    Ok(())
}

/// Titles of the demo's events (`{thing}` is the business's product).
const EVENT_TITLES: &[&str] = &[
    "{thing} workshop for beginners",
    "Tasting evening: new {thing}",
    "Open morning and Q&A",
    "Kids' {thing} class",
    "Members' meetup",
];

/// The demo's events, written after the topics with their own generator (so the topics
/// and posts stay the same for a seed): one every two weeks across the period and a few
/// in the coming two months, in the staff's announcements space, some online, some with
/// a capacity, answered by members who had joined by then (the store's own RSVP, so seats,
/// waitlists and activity are as real ones).
#[allow(clippy::too_many_arguments)]
async fn demo_events(
    h: &Hearth,
    o: &DemoOptions,
    space_id: i64,
    staff: &[(i64, i64)],
    joined: &[(i64, i64)],
    thing: &str,
    start: i64,
    until: i64,
) -> anyhow::Result<usize> {
    use hearth_core::events::{Schedule, time_zone};
    let mut rng = Rng::new(o.seed ^ 0xE7E7_E7E7);
    let tz = time_zone("Europe/London")?;
    let fortnight = 14 * 86_400_000;
    let mut at = start + fortnight;
    let mut written = 0;
    let horizon = until + 60 * 86_400_000;
    while at < horizon {
        // An evening at 18:00 or a Saturday morning at 10:00, on London's clock.
        let day = hearth_core::events::zoned(at, &tz)
            .map(|z| z.date())
            .ok_or_else(|| anyhow::anyhow!("demo event date out of range"))?;
        let hour = if rng.chance(0.5) { 18 } else { 10 };
        let starts_at = day
            .at(hour, 0, 0, 0)
            .to_zoned(tz.clone())
            .map(|z| z.timestamp().as_millisecond())?;
        let ends_at = starts_at + (90 + 30 * rng.below(3) as i64) * 60_000;
        let schedule = Schedule::new(starts_at, ends_at, tz.clone(), None)?;
        let title = rng.pick(EVENT_TITLES).replace("{thing}", thing);
        let online = rng.chance(0.25);
        let capacity = rng.chance(0.6).then(|| 10 + rng.below(21) as i64);
        let body = format!(
            "Join us for {}. Everyone is welcome; bring a friend.",
            title.to_lowercase()
        );
        let html = markdown::render(&body);
        let (author, _) = staff[rng.below(staff.len() as u64) as usize];
        let code = hearth_core::events::checkin_code(rng.next_u64());
        let event = hearth_store::events::NewEvent {
            starts_at,
            ends_at,
            time_zone: "Europe/London",
            recurrence: None,
            last_ends_at: schedule.last_end(),
            capacity,
            location: (!online).then_some("At the shop"),
            online_url: online.then_some("https://meet.example.com/hearth-demo"),
            checkin_code: &code,
        };
        let announced = (starts_at - 21 * 86_400_000).max(start).min(until);
        let mut tx = h.store.db.begin().await?;
        let (topic_id, _) = create_topic_in(
            &mut tx,
            &NewTopic {
                space_id,
                author_id: author,
                title: &title,
                kind: "event",
                body_md: &body,
                body_html: &html,
                pin_scope: None,
                poll: None,
                event: Some(&event),
            },
            announced,
        )
        .await?;
        tx.commit().await?;
        // Answers arrive between the announcement and the start (or today).
        let answers = 5 + rng.below(30) as usize;
        let last = starts_at.min(until);
        for _ in 0..answers {
            let when = announced + (rng.unit() * (last - announced).max(1) as f64) as i64;
            let (member, joined_at) = joined[rng.below(joined.len() as u64) as usize];
            if joined_at > when {
                continue;
            }
            let status = match rng.below(10) {
                0..=6 => "going",
                7 | 8 => "maybe",
                _ => "not_going",
            };
            let _ = h.store.rsvp(topic_id, member, status, when).await?;
        }
        written += 1;
        at += fortnight + rng.below(4) as i64 * 86_400_000;
    }
    Ok(written)
}

/// A progress line on stderr, redrawn at most every percent.
struct Progress {
    what: &'static str,
    total: usize,
    shown: usize,
    started: std::time::Instant,
}

impl Progress {
    fn new(what: &'static str, total: usize) -> Self {
        Progress {
            what,
            total: total.max(1),
            shown: usize::MAX,
            started: std::time::Instant::now(),
        }
    }

    fn tick(&mut self, done: usize) {
        let percent = done * 100 / self.total;
        if percent != self.shown {
            self.shown = percent;
            let width = 30;
            let filled = percent * width / 100;
            eprint!(
                "\r{:>8} [{}{}] {:>3}% {}/{} {:.0}s",
                self.what,
                "#".repeat(filled),
                " ".repeat(width - filled),
                percent,
                done,
                self.total,
                self.started.elapsed().as_secs_f64()
            );
            let _ = std::io::stderr().flush();
        }
    }

    fn done(&self) {
        eprintln!();
    }
}

/// Ideas members suggest in the demo.
const IDEA_TITLES: &[&str] = &[
    "Open on Sunday mornings",
    "A loyalty card that works online",
    "Gluten-free options every day",
    "Workshops for kids in the holidays",
    "Deliver to the office district",
    "A monthly tasting box",
    "Longer opening hours on Fridays",
    "Refill your own jar discount",
];

/// The demo's polls: (question, options).
const POLL_QUESTIONS: &[(&str, &[&str])] = &[
    (
        "Which evening suits you for workshops?",
        &["Tuesday", "Wednesday", "Thursday", "Friday"],
    ),
    (
        "What should the next tasting be about?",
        &["Something new", "The classics", "Seasonal specials"],
    ),
    (
        "How do you hear about our events?",
        &[
            "Here in the community",
            "Discord",
            "The newsletter",
            "In the shop",
        ],
    ),
];

/// What [`demo_life`] wrote.
struct Life {
    ideas: u64,
    idea_votes: u64,
    polls: u64,
    poll_votes: u64,
    visits: u64,
    reactions: u64,
    messages: u64,
    orders: u64,
    outside_customers: u64,
}

/// The community's life around the posts, with its own generator (so topics and posts stay
/// the same for a seed): each member stays, drifts away, or drifts away and comes back,
/// and while around they visit (and read topics), react to posts, talk on Discord or Slack
/// and buy in the shop; some people only ever talk on Discord or only buy. Everything is
/// written as the hub and the importers write it: visits by the visit recorder's store
/// call, reactions by the store, other channels through the activities API's service, which
/// matches people by email.
async fn demo_life(
    h: &Hearth,
    o: &DemoOptions,
    joined: &[(i64, i64)],
    posts: &[(i64, i64, i64)],
    topics: &[(i64, i64)],
    start: i64,
    until: i64,
) -> anyhow::Result<Life> {
    use hearth_store::visits::{TopicViews, Visit};
    const DAY: i64 = 86_400_000;
    let mut rng = Rng::new(o.seed ^ 0x11FE_11FE);
    let mut life = Life {
        ideas: 0,
        idea_votes: 0,
        polls: 0,
        poll_votes: 0,
        visits: 0,
        reactions: 0,
        messages: 0,
        orders: 0,
        outside_customers: 0,
    };
    let day_of = |ms: i64| hearth_core::model::utc_day(ms);
    // Who is around when: (member, from, until) spans.
    let mut spans: Vec<(i64, i64, i64, f64)> = Vec::new();
    for &(id, at) in joined {
        let kind = rng.below(10);
        let stay = if kind < 4 {
            until - at
        } else {
            (7 + rng.below(120) as i64) * DAY
        };
        let rate = 0.08 + rng.unit() * 0.35;
        spans.push((id, at, (at + stay).min(until), rate));
        if kind >= 8 {
            let back = at + stay + (20 + rng.below(90) as i64) * DAY;
            if back < until {
                spans.push((
                    id,
                    back,
                    (back + (14 + rng.below(90) as i64) * DAY).min(until),
                    rate,
                ));
            }
        }
    }
    // Visits and reading.
    let mut progress = Progress::new("visits", spans.len());
    let mut visits = Vec::new();
    let mut views = Vec::new();
    for (i, &(id, from, to, rate)) in spans.iter().enumerate() {
        let mut d = from;
        while d < to {
            if rng.chance(rate) {
                let at = (d + rng.below(DAY as u64) as i64).min(until);
                visits.push(Visit { member_id: id, at });
                if !topics.is_empty() && rng.chance(0.6) {
                    let (topic_id, made) = topics[rng.below(topics.len() as u64) as usize];
                    if made <= at {
                        views.push(TopicViews {
                            member_id: id,
                            topic_id,
                            day: day_of(at),
                            views: 1 + rng.below(3) as i64,
                        });
                    }
                }
            }
            d += DAY;
        }
        if visits.len() >= 5_000 {
            life.visits += h.store.record_visits(&visits).await?;
            h.store.add_topic_views(&views).await?;
            visits.clear();
            views.clear();
        }
        progress.tick(i + 1);
    }
    life.visits += h.store.record_visits(&visits).await?;
    h.store.add_topic_views(&views).await?;
    progress.done();
    // Reactions: a third of the posts get one to four, from members around at the time.
    let reactions: Vec<&str> = hearth_core::values::REACTIONS.iter().map(|r| r.0).collect();
    for &(post_id, author, at) in posts {
        if !rng.chance(0.33) {
            continue;
        }
        for _ in 0..1 + rng.below(4) {
            let (who, from, to, _) = spans[rng.below(spans.len() as u64) as usize];
            if who == author || from > at || to < at {
                continue;
            }
            let when = (at + rng.below(2 * DAY as u64) as i64).min(until);
            let reaction = *rng.pick(&reactions);
            if h.store.add_reaction(post_id, who, reaction, when).await? {
                life.reactions += 1;
            }
        }
    }
    // Ideas in the ideas space: members suggest and vote while around, staff plan, build or
    // decline some with a note that reaches every voter.
    let ideas_space = h
        .store
        .space_by_slug("ideas")
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo's ideas space is missing"))?;
    h.store
        .set_space_kinds(
            ideas_space.id,
            &[
                hearth_core::values::TopicKind::Discussion,
                hearth_core::values::TopicKind::Idea,
            ],
        )
        .await?;
    let staff_ids: Vec<i64> = joined.iter().take(3).map(|m| m.0).collect();
    for _ in 0..(joined.len() / 8).clamp(3, 60) {
        let (author, from, to, _) = spans[rng.below(spans.len() as u64) as usize];
        let at = from + (rng.unit() * (to - from).max(1) as f64) as i64;
        let title = rng.pick(IDEA_TITLES).to_string();
        let text = format!("{title}. Who else would like this?");
        let html = markdown::render(&text);
        let mut tx = h.store.db.begin().await?;
        let (topic_id, _) = create_topic_in(
            &mut tx,
            &NewTopic {
                space_id: ideas_space.id,
                author_id: author,
                title: &title,
                kind: "idea",
                body_md: &text,
                body_html: &html,
                pin_scope: None,
                poll: None,
                event: None,
            },
            at,
        )
        .await?;
        tx.commit().await?;
        life.ideas += 1;
        for &(voter, from, to, rate) in &spans {
            if to < at || !rng.chance(rate * 0.5) {
                continue;
            }
            let when = at.max(from) + (rng.unit() * (to - at.max(from)).max(1) as f64) as i64;
            if h.store
                .vote_idea(topic_id, voter, None, when.min(until))
                .await?
            {
                life.idea_votes += 1;
            }
        }
        let status = match rng.below(10) {
            0..=1 => Some(("planned", "We love this: it is on the list for next month.")),
            2 => Some(("in_progress", "We are working on it now.")),
            3..=4 => Some(("done", "Done! Thank you for the idea.")),
            5 => Some(("declined", "Not for us, sorry: here is why.")),
            _ => None,
        };
        if let Some((status, note)) = status {
            let by = staff_ids[rng.below(staff_ids.len() as u64) as usize];
            let when = (at + (3 + rng.below(40) as i64) * DAY).min(until);
            h.store
                .set_idea_status(topic_id, status, Some(note), by, when)
                .await?;
        }
    }
    // Polls in the general space, answered by members around at the time.
    if let Some(&(general, _)) = topics.first() {
        let general_space = h.store.topic(general).await?.map(|t| t.space_id);
        for question in POLL_QUESTIONS {
            let Some(space_id) = general_space else { break };
            let at = start + (rng.unit() * (until - start) as f64) as i64;
            let options: Vec<String> = question.1.iter().map(|s| s.to_string()).collect();
            let text = format!("{} Vote below.", question.0);
            let html = markdown::render(&text);
            let mut tx = h.store.db.begin().await?;
            let (topic_id, _) = create_topic_in(
                &mut tx,
                &NewTopic {
                    space_id,
                    author_id: staff_ids[0],
                    title: question.0,
                    kind: "poll",
                    body_md: &text,
                    body_html: &html,
                    pin_scope: None,
                    poll: Some(&hearth_store::polls::NewPoll {
                        options: &options,
                        multiple: false,
                        closes_at: None,
                        results: "after_vote",
                    }),
                    event: None,
                },
                at,
            )
            .await?;
            tx.commit().await?;
            life.polls += 1;
            let Some(poll) = h.store.poll(topic_id).await? else {
                continue;
            };
            for &(voter, from, to, rate) in &spans {
                if to < at || from > at + 30 * DAY || !rng.chance(rate) {
                    continue;
                }
                let (option, _, _) = poll.options[rng.below(poll.options.len() as u64) as usize];
                let when = (at.max(from) + rng.below(3 * DAY as u64) as i64).min(until);
                if h.store
                    .vote_poll(topic_id, voter, &[option], when)
                    .await?
                    .is_ok()
                {
                    life.poll_votes += 1;
                }
            }
        }
    }
    // Other channels. Hub members are matched by their email; a third of Discord's people
    // and most of the shop's customers are known nowhere else.
    let emails: std::collections::HashMap<i64, String> = {
        let mut m = std::collections::HashMap::new();
        for &(id, _) in joined {
            if let Some(member) = h.store.member(id).await? {
                m.insert(id, member.email.clone());
            }
        }
        m
    };
    let mut items: Vec<serde_json::Value> = Vec::new();
    let iso = |ms: i64| crate::render::rfc3339(ms);
    for &(id, from, to, rate) in &spans {
        let Some(email) = emails.get(&id) else {
            continue;
        };
        // Four in ten talk on Discord too, one in ten on Slack.
        let channel = match rng.below(10) {
            0..=3 => Some("discord"),
            4 => Some("slack"),
            _ => None,
        };
        if let Some(channel) = channel {
            let mut d = from;
            while d < to {
                if rng.chance(rate * 0.6) {
                    let kind = *rng.pick(&[
                        "message_sent",
                        "message_sent",
                        "message_replied",
                        "reaction_added",
                    ]);
                    items.push(serde_json::json!({
                        "member": email, "channel": channel, "kind": kind,
                        "occurred_at": iso((d + rng.below(DAY as u64) as i64).min(until)),
                    }));
                    life.messages += 1;
                }
                d += 2 * DAY;
            }
        }
        // Half of the members buy, more often while they are around.
        if rng.chance(0.5) {
            for _ in 0..1 + rng.below(6) {
                let at = from + (rng.unit() * (to - from).max(DAY) as f64) as i64;
                items.push(serde_json::json!({
                    "member": email, "channel": "shop", "kind": "order_placed",
                    "occurred_at": iso(at.min(until)), "weight": 800 + rng.below(6_000),
                }));
                life.orders += 1;
            }
        }
    }
    // People only ever on Discord, and customers who never joined the hub.
    let outsiders = (joined.len() / 3).max(5);
    for n in 0..outsiders {
        let from = start + (rng.unit() * (until - start) as f64) as i64;
        let to = (from + (14 + rng.below(200) as i64) * DAY).min(until);
        let mut d = from;
        while d < to {
            if rng.chance(0.25) {
                items.push(serde_json::json!({
                    "member": {"channel": "discord", "external_id": format!("demo-{n}")},
                    "channel": "discord", "kind": "message_sent",
                    "occurred_at": iso((d + rng.below(DAY as u64) as i64).min(until)),
                }));
                life.messages += 1;
            }
            d += 2 * DAY;
        }
        for _ in 0..1 + rng.below(3) {
            let at = start + (rng.unit() * (until - start) as f64) as i64;
            items.push(serde_json::json!({
                "member": {"channel": "shop", "external_id": format!("customer-{n}")},
                "channel": "shop", "kind": "order_placed",
                "occurred_at": iso(at.min(until)), "weight": 500 + rng.below(4_000),
            }));
            life.orders += 1;
        }
        life.outside_customers += 1;
    }
    let mut progress = Progress::new("channels", items.len());
    let mut sent = 0;
    for chunk in items.chunks(crate::services::people::MAX_BATCH) {
        let body = serde_json::to_vec(chunk)?;
        crate::services::people::ingest(h, &crate::services::Actor::Operator, &body).await?;
        sent += chunk.len();
        progress.tick(sent);
    }
    progress.done();
    Ok(life)
}
