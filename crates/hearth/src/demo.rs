//! `hearth demo`: fills an empty database with a plausible community, deterministic for a
//! seed. Activity is Zipf-skewed (a few members write most posts), grows over time, and
//! every post goes through the same store functions as real ones, activity rows included.
//! Each space has its own threads (questions get answers), staff pin announcements, members
//! check in at past events, and the moderation queue has flagged posts and a spammer's.

use crate::services::{Hearth, accounts, moderation};
use hearth_core::access::{self, Actor};
use hearth_core::markdown;
use hearth_core::rng::{Rng, Zipf};
use hearth_core::values::{FlagReason, ModerationAction, Password, Role, Visibility};
use hearth_store::StoreError;
use hearth_store::members::{NewMember, create_member_in};
use hearth_store::moderation::{Decision, Flagged, NewFlag};
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

/// The demo's bakery-ish businesses: (name, the product `{thing}` stands for, accent).
const BUSINESSES: &[(&str, &str, &str)] = &[
    ("Riverside Bakery", "sourdough", "#b45309"),
    ("Copperleaf Coffee", "banana bread", "#7c2d12"),
    ("Bluebell Bakes", "brioche", "#1d4ed8"),
    ("Ironbark Ovens", "rye bread", "#047857"),
    ("Hopfield Bakery", "focaccia", "#a16207"),
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

/// A conversation the demo can start: its title, its opening post, and the replies that
/// fit it, in the order they arrive (for a question, the first is the answer).
struct Thread {
    title: &'static str,
    body: &'static str,
    replies: &'static [&'static str],
}

/// One of the demo's spaces and what is said there. `{thing}` is the business's product.
struct SpacePlan {
    slug: &'static str,
    name: &'static str,
    description: &'static str,
    visibility: Visibility,
    /// The share of the generated topics that start here.
    share: f64,
    /// The kind of topic started here (announcements are pinned as the app pins them).
    kind: &'static str,
    threads: &'static [Thread],
    /// Replies that fit any thread here, once a thread's own replies are used up.
    chatter: &'static [&'static str],
}

const SPACES: &[SpacePlan] = &[
    SpacePlan {
        slug: "announcements",
        name: "Announcements",
        description: "News from the team: new products, opening hours, events.",
        visibility: Visibility::Public,
        share: 0.03,
        kind: "announcement",
        threads: &[
            Thread {
                title: "New {thing} arriving this week",
                body: "After a month of test bakes, our new {thing} is on the counter from Thursday. The first batch comes out of the oven at 8, and we keep a few back for the afternoon.\n\nTell us what you think!",
                replies: &[
                    "Can't wait, I'll be there on Thursday morning.",
                    "Will there be a vegan version as well?",
                    "Tried it today: lovely crust, and still soft the next day.",
                ],
            },
            Thread {
                title: "Opening hours over the holidays",
                body: "Our hours over the holidays:\n\n- **24 December**: 7:00 to 14:00\n- **25 and 26 December**: closed\n- **31 December**: 7:00 to 16:00\n- **1 January**: closed\n\nPre-orders for bread and {thing} close on the 20th. Thank you, and happy holidays!",
                replies: &[
                    "Thanks for posting this early, pre-order done.",
                    "Is the market stall running on the 23rd?",
                    "Have a lovely break, all of you.",
                ],
            },
            Thread {
                title: "We're hiring: part-time help",
                body: "We're looking for someone for weekend mornings at the counter, about 12 hours a week. No experience needed, just a love of good bread and people. Drop in with a CV or [write to us](https://example.com/jobs).",
                replies: &[
                    "Shared this with my son, he's been looking for weekend work.",
                    "Is there anything in the bakery itself, early shifts?",
                ],
            },
            Thread {
                title: "Price changes from next month",
                body: "Flour and energy have gone up again this year, so from the 1st a loaf costs 20p more. The {thing} and the pastries stay as they are. Loyalty cards still get every tenth loaf free.",
                replies: &[
                    "Fair enough, still the best bread in town.",
                    "Thanks for explaining why, a lot of places don't.",
                    "Does the price change apply to pre-orders made before the 1st?",
                ],
            },
            Thread {
                title: "Thank you for an amazing year",
                body: "This year we baked more than 40,000 loaves, ran 25 workshops and met so many of you at the market. Thank you for coming back week after week, and for every idea you shared here.",
                replies: &[
                    "Thank you! Saturday mornings wouldn't be the same.",
                    "Here's to next year, and more {thing}.",
                    "The workshops were the highlight of my year.",
                ],
            },
        ],
        chatter: &[
            "Thanks for letting us know!",
            "Good to know, see you then.",
            "Brilliant news.",
            "Thanks for keeping us posted.",
        ],
    },
    SpacePlan {
        slug: "general",
        name: "General",
        description: "Say hello and talk about anything.",
        visibility: Visibility::Public,
        share: 0.34,
        kind: "discussion",
        threads: &[
            Thread {
                title: "What's your go-to order?",
                body: "Mine is a slice of {thing} and a flat white on the way to work. What's yours?",
                replies: &[
                    "Seeded loaf and two cinnamon buns, every Saturday without fail.",
                    "Whatever the seasonal special is, it's never let me down.",
                    "A sliced rye bread for the week's sandwiches, and a pastry for the walk home.",
                    "The sausage roll, if I get there before ten.",
                ],
            },
            Thread {
                title: "First visit today, loved it",
                body: "Finally came in after walking past for months. The smell of fresh bread when you open the door! The {thing} was brilliant and the staff were so friendly.",
                replies: &[
                    "Welcome! Come on a Saturday and try the weekend specials.",
                    "The first loaf out of the oven at 8 is the one to catch.",
                    "Told you it was worth it.",
                ],
            },
            Thread {
                title: "Photos from the Saturday market",
                body: "The stall was packed this week. A few highlights:\n\n- the **{thing}** sold out by eleven\n- a queue all the way to the fountain\n- free tasters of the new rye\n\nWho else was there?",
                replies: &[
                    "We were! Had the focaccia on a bench in the sun.",
                    "The queue was worth it, as always.",
                    "Is the stall there every Saturday, or just the first of the month?",
                ],
            },
            Thread {
                title: "Recommendations for a gift?",
                body: "Looking for a present for a friend who has just started baking. A voucher, a workshop place, a jar of starter? What would you want?",
                replies: &[
                    "A workshop place: my partner still talks about the one they gave me.",
                    "They sell jars of their sourdough starter at the counter, with a recipe card.",
                    "A gift card is easy, and it works online and in the shop.",
                ],
            },
            Thread {
                title: "How did you find us?",
                body: "Curious how everyone ended up here. For me it was a neighbour who brought round a loaf when we moved in.",
                replies: &[
                    "Walked past on my way to the station and followed the smell.",
                    "The market stall, years ago.",
                    "A friend's wedding cake. I asked who made it.",
                ],
            },
            Thread {
                title: "What do you eat with {thing}?",
                body: "Butter, obviously. But I'm after new ideas for the weekend. What do you put on it?",
                replies: &[
                    "Good olive oil and flaky salt, nothing else.",
                    "Mature cheddar and a spoon of chutney.",
                    "Soup! Tomato soup on a cold evening.",
                    "Toasted, with honey and a pinch of cinnamon.",
                ],
            },
        ],
        chatter: &[
            "Ha, exactly the same for me.",
            "This thread is making me hungry.",
            "Totally agree.",
            "I'll try that this weekend.",
            "Love reading this, what a lovely bunch.",
            "Same here!",
        ],
    },
    SpacePlan {
        slug: "questions",
        name: "Questions & Help",
        description: "Ask anything; the community and staff answer.",
        visibility: Visibility::Public,
        share: 0.30,
        kind: "question",
        threads: &[
            Thread {
                title: "How do I keep {thing} fresh for a few days?",
                body: "I buy on Saturday and by Tuesday it's dry. Fridge, freezer, bread bin? What do you all do?",
                replies: &[
                    "Not the fridge, bread goes stale faster in there. A cloth bag or a bread bin on the counter keeps it two or three days.",
                    "Slice it and freeze it the same day. Straight from the freezer into the toaster, it's like fresh.",
                    "Cut side down on the board, wrapped in a tea towel. Anything longer than three days, freeze it.",
                    "Five minutes in a hot oven brings a day-old loaf back to life.",
                ],
            },
            Thread {
                title: "Allergen information for the {thing}?",
                body: "My daughter has a nut allergy. Is there a list of what's in each bake, and is it made somewhere that handles nuts?",
                replies: &[
                    "There's an allergen folder by the till listing all 14 allergens for every item; just ask for it.",
                    "The kitchen handles nuts, so nothing can be promised nut-free, but milk, sesame and nuts are marked on every label.",
                    "Same situation here; the team always checks the folder for us without any fuss.",
                ],
            },
            Thread {
                title: "What are the opening hours on bank holidays?",
                body: "Planning to pick up an order on the bank holiday Monday. Are you open, and until when?",
                replies: &[
                    "Bank holidays are 8:00 to 14:00, the same as Sundays. The holiday hours are pinned in Announcements.",
                    "They were open last bank holiday, but the bread had sold out by noon, so go early.",
                    "Pre-order by Saturday and they keep it for you.",
                ],
            },
            Thread {
                title: "Why did my {thing} come out flat?",
                body: "I followed the recipe from the workshop, but the dough spread instead of rising. My starter was bubbly. Where did I go wrong?",
                replies: &[
                    "Sounds over-proofed. Try a shorter final proof, or proof it in the fridge overnight so it holds its shape.",
                    "Check your flour: a weak flour spreads. Bread flour with 12 to 13% protein makes a big difference.",
                    "Use the poke test: if the dent springs back slowly it's ready, if it stays you've gone too far.",
                    "Shaping matters more than I thought. Build some surface tension and it stands up in the oven.",
                ],
            },
            Thread {
                title: "Can I order for a large group?",
                body: "We're expecting 40 people for a christening in a fortnight. Could you do a platter of {thing} and a few loaves?",
                replies: &[
                    "Yes: orders for more than 20 people need three days' notice. Email the shop or ask at the counter.",
                    "We ordered for our office party; they did a lovely mixed platter and delivered it too.",
                    "Send them the date and the numbers and they'll suggest a mix.",
                ],
            },
            Thread {
                title: "Is there any gluten-free bread?",
                body: "Coeliac here. Do you bake anything gluten-free, and how do you avoid cross-contamination?",
                replies: &[
                    "There's a gluten-free loaf on Fridays, baked first thing in a cleaned oven. It sells out fast, so reserve one.",
                    "It isn't a gluten-free kitchen, so they can't guarantee it, but they're careful and happy to explain how.",
                    "The almond cake is gluten-free too, if nuts are fine for you.",
                ],
            },
            Thread {
                title: "Do you deliver outside the city?",
                body: "I've moved out to the villages and miss my weekly loaf. Is there delivery, or a pick-up point?",
                replies: &[
                    "Delivery goes up to 10 km from the shop. Beyond that, the Saturday market stall is the closest pick-up.",
                    "A few of us out this way share a Saturday run; happy to add you.",
                ],
            },
            Thread {
                title: "Any tips for the seeded loaf at home?",
                body: "I know the recipe is a secret, but any hints on the seeds? Mine never tastes the same as the one from the shop.",
                replies: &[
                    "Soak the seeds overnight first, otherwise they pull the water out of the dough.",
                    "Toast the sunflower and pumpkin seeds before they go in; that's most of the flavour.",
                    "At the last workshop they said about 20% seeds by flour weight, soaked.",
                ],
            },
        ],
        chatter: &[
            "Thanks, that did the trick.",
            "Following, I have the same question.",
            "Good to know, thank you!",
            "Tried this at the weekend and it worked.",
            "Could this go in the FAQ?",
            "That matches what they told me in the shop.",
        ],
    },
    SpacePlan {
        slug: "ideas",
        name: "Ideas",
        description: "Suggest what we should make or change next.",
        visibility: Visibility::Public,
        share: 0.18,
        kind: "discussion",
        threads: &[
            Thread {
                title: "Idea: a {thing} subscription",
                body: "Pay monthly and pick up a loaf every week without queueing. Who else would sign up?",
                replies: &[
                    "Yes please, I'd sign up today.",
                    "Only if I can pause it when I'm away.",
                    "Could it include a pastry now and then?",
                    "Friday pick-up would suit me best.",
                ],
            },
            Thread {
                title: "Please bring back the autumn {thing}",
                body: "The spiced one with apple you made last autumn was the best thing on the counter. Any chance it comes back?",
                replies: &[
                    "Seconded! I still think about it.",
                    "Even once a month would be great.",
                    "The pumpkin one was good too.",
                ],
            },
            Thread {
                title: "A bread-making workshop for kids",
                body: "My two would love to shape their own rolls. A short Saturday session for 6 to 10 year-olds?",
                replies: &[
                    "We'd come! Half-term would be perfect.",
                    "Keep it short, an hour is plenty at that age.",
                    "Pizza dough would be a hit.",
                ],
            },
            Thread {
                title: "A discount for bringing your own bag",
                body: "A few pence off for bringing a bag or a box would cut down on paper bags. Other shops do it.",
                replies: &[
                    "I always bring a cloth bag anyway, so yes.",
                    "Or a reusable bread bag with the logo, to buy once.",
                ],
            },
            Thread {
                title: "Open earlier on weekdays",
                body: "Opening at 7 instead of 8 would let commuters grab breakfast on the way to the station.",
                replies: &[
                    "That would change my mornings.",
                    "Even just Monday to Friday would help.",
                    "I'm not sure the bakers would thank us, but I'd come.",
                ],
            },
        ],
        chatter: &[
            "+1 from me.",
            "Love this idea.",
            "Not sure about this one, but I'd give it a go.",
            "Yes! Please do this.",
            "I'd pay a bit extra for that.",
        ],
    },
    SpacePlan {
        slug: "members-lounge",
        name: "Members' Lounge",
        description: "For signed-in members only: early news and swaps.",
        visibility: Visibility::Members,
        share: 0.12,
        kind: "discussion",
        threads: &[
            Thread {
                title: "Early access: {thing} tasting",
                body: "Members get a first taste of the new recipes on Thursday evening, before they hit the counter. Who's coming?",
                replies: &[
                    "Count me in, and my partner.",
                    "What time does it start?",
                    "Can't make Thursday, will there be another one?",
                ],
            },
            Thread {
                title: "Swap thread: spare workshop places",
                body: "Can't make the sourdough workshop next week. Anyone want my place? Free to a good home.",
                replies: &[
                    "Yes please! Sending you a message.",
                    "If that falls through, I'd take it.",
                ],
            },
            Thread {
                title: "Members' night feedback",
                body: "Thanks to everyone who came last night. What did you think of the new rye, and what should we bake next time?",
                replies: &[
                    "The rye was lovely, a bit more caraway next time?",
                    "Great evening. More savoury bakes please.",
                    "Loved meeting everyone in person.",
                ],
            },
            Thread {
                title: "What should we try next month?",
                body: "We have room for one experiment on the counter next month. Focaccia with olives, a brioche, or a dark rye?",
                replies: &[
                    "Dark rye, definitely.",
                    "Focaccia! With rosemary, please.",
                    "Brioche, for weekend French toast.",
                ],
            },
        ],
        chatter: &[
            "Nice one.",
            "Thanks for organising this.",
            "Looking forward to it.",
            "Great to have this space.",
        ],
    },
    SpacePlan {
        slug: "staff",
        name: "Staff Room",
        description: "Private space for the team.",
        visibility: Visibility::Private,
        share: 0.03,
        kind: "discussion",
        threads: &[
            Thread {
                title: "Rota for next week",
                body: "Draft rota is on the board in the back. Saturday early shift is still open; who can take it?",
                replies: &[
                    "I can do Saturday early.",
                    "Can I swap Tuesday for Wednesday?",
                ],
            },
            Thread {
                title: "Flour delivery late again",
                body: "The mill's delivery was two days late this week. We got through on the reserve, but we should talk about a second supplier for bread flour.",
                replies: &[
                    "I'll ask the co-op for a quote.",
                    "Let's keep a bigger reserve until it's sorted.",
                ],
            },
            Thread {
                title: "Ideas from the community to review",
                body: "The subscription idea and the kids' workshop both have lots of votes. Shall we pick one for next month?",
                replies: &[
                    "Kids' workshop first: it's easy to try once.",
                    "The subscription needs a proper look at the numbers.",
                ],
            },
            Thread {
                title: "Stock count notes",
                body: "Counted on Sunday: seeds and rye flour are low, and we're out of the large bread bags.",
                replies: &[
                    "Ordered the bags this morning.",
                    "Seeds are on Thursday's order.",
                ],
            },
        ],
        chatter: &["Thanks.", "Noted.", "Will do.", "Sorted."],
    },
];

/// What an author says on their own thread.
const OWN_FOLLOW_UPS: &[&str] = &[
    "Thanks everyone, this is really helpful.",
    "Update: tried it and it worked!",
    "Thanks for all the replies.",
    "Good point, I hadn't thought of that.",
];

/// Replies that members flag in the demo: (text, flag reason, the flagger's words for
/// `other`). They arrive in the last weeks, so the moderation queue has work waiting.
const FLAGGED_REPLIES: &[(&str, &str, Option<&str>)] = &[
    (
        "Honestly, if you can't get that right you shouldn't be baking at all. Rubbish advice in this whole thread.",
        "inappropriate",
        None,
    ),
    (
        "Anyone selling a second-hand bike? Mine was stolen outside the shop last week.",
        "off_topic",
        None,
    ),
    (
        "I sell my own starters on my shop for half the price: [cheap starters](https://example.com/my-starters)",
        "spam",
        None,
    ),
    (
        "My neighbour works here, her number is 07700 900123 if you want to order direct.",
        "other",
        Some("Shares someone's phone number without asking them."),
    ),
];

/// The throwaway account's posts: a topic in General and a reply to a question.
const SPAM_TOPIC: (&str, &str) = (
    "Designer watches 90% off, today only",
    "Best prices online!!! Luxury watches, bags and sunglasses at [wholesale prices](https://example.com/deals). Free shipping, order now, limited stock!!!",
);
const SPAM_REPLY: &str = "Great question! I found cheap answers to everything at [best-deals-4u](https://example.com/deals), check it out!!!";

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

/// `text` with the business's product for `{thing}`, starting with a capital letter.
fn fill(text: &str, thing: &str) -> String {
    let filled = text.replace("{thing}", thing);
    let mut chars = filled.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => filled,
    }
}

/// A reply on `thread` after `answered` replies by others: the thread's own replies in
/// the order they fit, then the space's chatter in turn from `chatter_from` (so no line
/// comes twice in a row). An author replying on their own thread follows up instead.
fn reply_text(
    rng: &mut Rng,
    plan: &SpacePlan,
    thread: &Thread,
    answered: usize,
    chatter_from: usize,
    own: bool,
    thing: &str,
) -> String {
    let text = if own {
        *rng.pick(OWN_FOLLOW_UPS)
    } else if let Some(reply) = thread.replies.get(answered) {
        *reply
    } else {
        let turn = chatter_from + answered - thread.replies.len();
        plan.chatter[turn % plan.chatter.len()]
    };
    fill(text, thing)
}

/// The segments the demo saves: each of the builder's examples, under its English name.
const DEMO_SEGMENTS: [(&str, &str); 6] = {
    let e = hearth_core::condition_builder::EXAMPLES;
    [
        ("Regulars", e[0].1),
        ("Slipping away", e[1].1),
        ("New this month", e[2].1),
        ("Big spenders", e[3].1),
        ("Quiet customers", e[4].1),
        ("Discord regulars", e[5].1),
    ]
};

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

    // Members join over the whole period, more of them later (the community grows). In a
    // community of ten or more, one of them is a throwaway account that signs up at the
    // end only to post spam (see `demo_flags`).
    let spammer = o.members >= 10;
    let regular = o.members - usize::from(spammer);
    let mut progress = Progress::new("members", regular);
    let mut joined: Vec<(i64, i64)> = Vec::with_capacity(regular);
    joined.push((owner.id, start));
    let mut join_times: Vec<i64> = (1..regular)
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

    let mut spaces: Vec<(i64, &SpacePlan)> = Vec::new();
    for plan in SPACES {
        let space = h
            .store
            .create_space(
                &SpaceFields {
                    slug: plan.slug,
                    name: plan.name,
                    description: Some(plan.description),
                    visibility: plan.visibility,
                },
                start,
            )
            .await?;
        spaces.push((space.id, plan));
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
    // What was written, for the life after (reactions, reading, flags): (post, author,
    // when), (topic, when), the topics flags may land in and the announcements (topic,
    // author, when, title). Collecting them draws nothing from the generator.
    let mut written_posts: Vec<(i64, i64, i64)> = Vec::new();
    let mut written_topics: Vec<(i64, i64)> = Vec::new();
    let mut open_topics: Vec<OpenTopic> = Vec::new();
    let mut announcements: Vec<(i64, i64, i64, &str)> = Vec::new();
    for i in 0..topic_count {
        let r = rng.unit();
        let mut acc = 0.0;
        let mut chosen = spaces[0];
        for s in &spaces {
            acc += s.1.share;
            if r < acc {
                chosen = *s;
                break;
            }
        }
        // The first topic is an announcement, so even a small demo has one.
        if i == 0 {
            chosen = spaces[0];
        }
        let (space_id, plan) = chosen;
        let private = plan.visibility == Visibility::Private;
        let announcement = plan.kind == "announcement";
        let created = start + (span as f64 * rng.unit().powf(0.7)) as i64;
        // Staff write the announcements and the staff room; anyone else, anywhere else.
        let (author, _) = pick_author(&mut rng, created, private || announcement);
        // Announcements take their threads in turn (a business rarely says a thing twice);
        // elsewhere any thread can start again.
        let thread = if announcement {
            &plan.threads[announcements.len() % plan.threads.len()]
        } else {
            rng.pick(plan.threads)
        };
        let chatter_from = rng.below(plan.chatter.len() as u64) as usize;
        let title = fill(thread.title, thing);
        let text = fill(thread.body, thing);
        let html = markdown::render(&text);
        let new = NewTopic {
            space_id,
            author_id: author,
            title: &title,
            kind: plan.kind,
            body_md: &text,
            body_html: &html,
            // As the app does: an announcement is pinned to its space when it is made.
            pin_scope: announcement.then_some("space"),
            poll: None,
            event: None,
        };
        let (topic_id, first_post) = create_topic_in(&mut tx, &new, created).await?;
        written_topics.push((topic_id, created));
        written_posts.push((first_post, author, created));
        if announcement {
            announcements.push((topic_id, author, created, thread.title));
        } else if !private {
            open_topics.push((topic_id, first_post, author, created));
        }
        posts += 1;
        // Replies: geometric count, arriving minutes to days after the topic.
        let replies = (-(1.0 - rng.unit()).ln() * reply_mean) as usize;
        let mut at = created;
        let mut first_other_reply = None;
        let mut answered = 0;
        for _ in 0..replies.min(200) {
            at += (-(1.0 - rng.unit()).ln() * 6.0 * 3_600_000.0) as i64 + 60_000;
            if at > until {
                break;
            }
            let (replier, _) = pick_author(&mut rng, at, private);
            let own = replier == author;
            let text = reply_text(&mut rng, plan, thread, answered, chatter_from, own, thing);
            if !own {
                answered += 1;
            }
            let html = markdown::render(&text);
            let reply_id = create_reply_in(&mut tx, topic_id, replier, &text, &html, at).await?;
            written_posts.push((reply_id, replier, at));
            if !own && first_other_reply.is_none() {
                first_other_reply = Some((reply_id, at));
            }
            posts += 1;
        }
        // Most questions that got an answer have it accepted, a while after it came. A
        // separate generator keeps the main sequence (and so every topic and post) the same.
        if plan.kind == "question"
            && let Some((answer_id, answered)) = first_other_reply
        {
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
    // Staff tidy the space as news comes: each announcement is unpinned when the next one
    // arrives, but for the newest, pinned on the home page too, and the newest on another
    // subject, which stays pinned to the space. Through the store's own pin, so the
    // activity log has every pin and unpin.
    announcements.sort_by_key(|a| a.2);
    let newest = announcements.last().map(|a| (a.0, a.3));
    let also_pinned = newest.and_then(|(_, title)| {
        announcements
            .iter()
            .rev()
            .find(|a| a.3 != title)
            .map(|a| a.0)
    });
    for (n, &(topic_id, author, created, _)) in announcements.iter().enumerate() {
        if newest.is_some_and(|(id, _)| id == topic_id) {
            let at = (created + 60_000).min(until);
            h.store
                .set_pin(topic_id, Some("community"), author, at)
                .await?;
        } else if also_pinned != Some(topic_id)
            && let Some(&(_, _, later, _)) = announcements.get(n + 1)
        {
            h.store.set_pin(topic_id, None, author, later).await?;
        }
    }
    let events = demo_events(h, o, spaces[0].0, &staff, &joined, thing, start, until).await?;
    eprintln!(
        "Events: {} workshops and evenings, past and coming, with RSVPs; {} check-ins at past ones.",
        events.events, events.check_ins
    );
    let life = demo_life(
        h,
        o,
        &joined,
        &written_posts,
        &written_topics,
        thing,
        start,
        until,
    )
    .await?;
    eprintln!(
        "Life: {} visits, {} reactions, {} ideas with {} votes, {} polls with {} votes, {} Discord and Slack messages, {} shop orders ({} refunded) from {} customers, {} of whom never joined the hub.",
        life.visits,
        life.reactions,
        life.ideas,
        life.idea_votes,
        life.polls,
        life.poll_votes,
        life.messages,
        life.orders,
        life.refunds,
        life.customers,
        life.outside_customers
    );
    // Members earn their trust levels from the history just written, as the hourly job
    // would.
    eprint!("Trust levels: measuring every member...");
    let promoted = crate::services::trust::recompute(h).await?;
    eprintln!(" {promoted} moved up.");
    // Flags come after the trust levels, so each weighs what its flagger's level says.
    let flags = demo_flags(h, o, &joined, &open_topics, spammer, until).await?;
    eprintln!(
        "Moderation: {} flags on {} posts, {} hidden until review, {} decided; {} items wait in the queue.",
        flags.flags, flags.posts, flags.hidden, flags.decided, flags.waiting
    );
    // The segments an owner would save first: the builder's own examples.
    for (name, condition) in DEMO_SEGMENTS {
        crate::services::people::save_segment(
            h,
            &crate::services::Actor::Operator,
            None,
            name,
            condition,
        )
        .await?;
    }
    eprintln!(
        "Segments: {}, from the builder's examples.",
        DEMO_SEGMENTS.len()
    );
    h.store.settle_backlog(hearth_store::now_millis()).await?;
    let (topics, total_posts, activities) = h.store.totals().await?;
    eprintln!(
        "Generated \"{business}\": {} members, {} spaces, {topics} topics, {total_posts} posts ({posts} written now, {} announcements), {activities} activities.",
        joined.len() + flags.accounts,
        spaces.len(),
        announcements.len()
    );
    eprintln!("Sign in as {OWNER_EMAIL} with the password {OWNER_PASSWORD}.");
    Ok(())
}

/// The demo's events: (title, what it is), `{thing}` being the business's product.
const EVENT_TITLES: &[(&str, &str)] = &[
    (
        "{thing} workshop for beginners",
        "Two hours in the bakery with our bakers: mix, shape and bake your own loaf of {thing} to take home. Aprons and flour provided.",
    ),
    (
        "Tasting evening: new {thing}",
        "Taste this season's new bakes with a glass of something, and tell us which ones should stay on the counter.",
    ),
    (
        "Open morning and Q&A",
        "See the ovens, meet the team and ask us anything about our bread, our flour and our allergens.",
    ),
    (
        "Kids' {thing} class",
        "For 6 to 10 year-olds with a grown-up: shape rolls, decorate buns and take them home warm.",
    ),
    (
        "Members' meetup",
        "An informal evening for regulars: coffee, cake and a chat about what we bake next.",
    ),
];

/// What [`demo_events`] wrote.
struct EventsWritten {
    events: usize,
    check_ins: usize,
}

/// The demo's events, written after the topics with their own generator (so the topics
/// and posts stay the same for a seed): one every two weeks across the period and a few
/// in the coming two months, in the staff's announcements space, some online, some with
/// a capacity, answered by members who had joined by then (the store's own RSVP, so seats,
/// waitlists and activity are as real ones). At an event that has happened, most members
/// going checked in, with the code on the door or ticked off by the organiser (the store's
/// own check-in).
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
) -> anyhow::Result<EventsWritten> {
    use hearth_core::events::{Schedule, time_zone};
    let mut rng = Rng::new(o.seed ^ 0xE7E7_E7E7);
    let tz = time_zone("Europe/London")?;
    let fortnight = 14 * 86_400_000;
    let mut at = start + fortnight;
    let mut written = EventsWritten {
        events: 0,
        check_ins: 0,
    };
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
        let (title, blurb) = rng.pick(EVENT_TITLES);
        let title = fill(title, thing);
        let online = rng.chance(0.25);
        let capacity = rng.chance(0.6).then(|| 10 + rng.below(21) as i64);
        let body = format!(
            "{} Everyone is welcome; bring a friend.",
            fill(blurb, thing)
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
        // Check-ins, with a generator of the event's own so the events stay the same.
        if ends_at <= until {
            let mut door = Rng::new(o.seed ^ (topic_id as u64).wrapping_mul(0xC4EC_C1D5));
            for member in h.store.event_going(topic_id).await? {
                if !door.chance(0.85) {
                    continue;
                }
                let at = starts_at - 10 * 60_000 + door.below(40 * 60_000) as i64;
                let checked = if door.chance(0.7) {
                    h.store
                        .check_in(topic_id, member, member, Some(&code), at)
                        .await?
                } else {
                    h.store.check_in(topic_id, member, author, None, at).await?
                };
                if checked.is_ok() {
                    written.check_ins += 1;
                }
            }
        }
        written.events += 1;
        at += fortnight + rng.below(4) as i64 * 86_400_000;
    }
    Ok(written)
}

/// What [`demo_flags`] wrote, and the queue it left.
struct Moderation {
    /// Accounts made (the throwaway one).
    accounts: usize,
    flags: u64,
    posts: u64,
    decided: u64,
    waiting: usize,
    hidden: usize,
}

/// A written topic that flags may land in: (topic, first post, author, when).
type OpenTopic = (i64, i64, i64, i64);

/// Flags `post_id` as `member_id` would from the post's menu, weighed by
/// `access::flag_effect` and capped by `access::flags_per_day` as `moderation::flag` does
/// (which stamps the flag with the clock; the demo gives it a time in the story). `None`
/// when the flag is refused: one's own post, a second flag, the day's cap.
async fn flag_as(
    h: &Hearth,
    member_id: i64,
    post_id: i64,
    reason: &str,
    text: Option<&str>,
    at: i64,
) -> anyhow::Result<Option<Flagged>> {
    let reason = FlagReason::parse(reason)?;
    let (Some(flagger), Some(post)) = (
        h.store.member(member_id).await?,
        h.store.post(post_id).await?,
    ) else {
        return Ok(None);
    };
    let Some(author) = h.store.member(post.author_id).await? else {
        return Ok(None);
    };
    let actor = Actor::from(&flagger);
    if !access::can_flag(&actor, &post) {
        return Ok(None);
    }
    let confirmed = flagger.email_confirmed_at.is_some() || h.mailer.is_none();
    let effect = access::flag_effect(&actor, confirmed, author.role, author.trust_level);
    let flag = NewFlag {
        post_id,
        member_id,
        reason: reason.as_str(),
        text,
        weight: effect.weight,
        hide_at: effect.may_hide.then_some(moderation::HIDE_AT),
        daily_cap: access::flags_per_day(&actor),
    };
    match h.store.flag_post(&flag, at).await {
        Ok(flagged) => Ok(Some(flagged)),
        Err(StoreError::Conflict { .. } | StoreError::OverLimit(_)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The moderation queue's story, with its own generator (so everything before stays the
/// same for a seed), written through the store calls `moderation::flag` and
/// `moderation::decide` make, so the queue, the hidden posts, the audit log and the
/// activity log agree. Two older flags were decided (one post approved, one hidden); in
/// the last weeks a few replies break the guidelines and members flag them with the
/// fitting reason; and a throwaway account signs up and posts spam, which members and a
/// moderator flag (a moderator's flag hides a post at once).
async fn demo_flags(
    h: &Hearth,
    o: &DemoOptions,
    joined: &[(i64, i64)],
    topics: &[OpenTopic],
    spammer: bool,
    until: i64,
) -> anyhow::Result<Moderation> {
    const DAY: i64 = 86_400_000;
    const HOUR: i64 = 3_600_000;
    let mut rng = Rng::new(o.seed ^ 0xF1A6_F1A6);
    let mut made = Moderation {
        accounts: 0,
        flags: 0,
        posts: 0,
        decided: 0,
        waiting: 0,
        hidden: 0,
    };
    // Members flag; the two moderators (joined[1] and joined[2]) flag spam and decide.
    let members: Vec<(i64, i64)> = joined.iter().skip(3).copied().collect();
    let moderators: Vec<i64> = joined.iter().skip(1).take(2).map(|m| m.0).collect();
    if members.len() < 4 || moderators.is_empty() || topics.is_empty() {
        return Ok(made);
    }
    // Someone who had joined by `at`, not `not` (the post's author).
    let someone = |rng: &mut Rng, at: i64, not: i64| -> Option<i64> {
        (0..30)
            .map(|_| members[rng.below(members.len() as u64) as usize])
            .find(|&(id, joined_at)| joined_at <= at && id != not)
            .map(|m| m.0)
    };
    // A topic whose last post came before `at` (of the `kind` asked for, if any), so a new
    // reply is the newest.
    async fn quiet_topic(
        h: &Hearth,
        rng: &mut Rng,
        topics: &[OpenTopic],
        at: i64,
        kind: Option<&str>,
    ) -> anyhow::Result<Option<i64>> {
        for _ in 0..60 {
            let (topic_id, ..) = topics[rng.below(topics.len() as u64) as usize];
            if let Some(t) = h.store.topic(topic_id).await?
                && t.last_post_at < at
                && kind.is_none_or(|k| t.kind == k)
            {
                return Ok(Some(topic_id));
            }
        }
        Ok(None)
    }
    let reply = |topic_id: i64, author: i64, text: &'static str, at: i64| async move {
        let html = markdown::render(text);
        let mut tx = h.store.db.begin().await?;
        let id = create_reply_in(&mut tx, topic_id, author, text, &html, at).await?;
        tx.commit().await?;
        anyhow::Ok(id)
    };

    // A month or two ago: an off-topic flag on an opening post that reads fine (approved),
    // and a personal attack that a moderator hid.
    let older = until - (30 + rng.below(30) as i64) * DAY;
    let opening = (0..30)
        .map(|_| topics[rng.below(topics.len() as u64) as usize])
        .find(|t| t.3 < older);
    if let Some((_, post_id, author, _)) = opening
        && let Some(flagger) = someone(&mut rng, older, author)
        && let Some(flagged) = flag_as(h, flagger, post_id, "off_topic", None, older).await?
    {
        made.flags += 1;
        made.posts += 1;
        let decision = Decision {
            item_id: flagged.item_id,
            moderator_id: moderators[0],
            action: ModerationAction::Approve,
            reason: "Reads fine: it is about the shop.",
        };
        h.store.decide(&decision, older + 5 * HOUR).await?;
        made.decided += 1;
    }
    let older = older + (2 + rng.below(5) as i64) * DAY;
    if let Some(topic_id) = quiet_topic(h, &mut rng, topics, older, None).await?
        && let Some(author) = someone(&mut rng, older, 0)
    {
        let post_id = reply(
            topic_id,
            author,
            "Nobody asked for your opinion. Stop posting in every thread.",
            older,
        )
        .await?;
        let mut item = None;
        for n in 0..2 {
            let Some(flagger) = someone(&mut rng, older, author) else {
                continue;
            };
            let at = older + (1 + n) * HOUR;
            if let Some(f) = flag_as(h, flagger, post_id, "inappropriate", None, at).await? {
                made.flags += 1;
                item = Some(f.item_id);
            }
        }
        if let Some(item_id) = item {
            made.posts += 1;
            let decision = Decision {
                item_id,
                moderator_id: moderators[moderators.len() - 1],
                action: ModerationAction::Hide,
                reason: "A personal attack: see the guidelines on being kind.",
            };
            h.store.decide(&decision, older + 6 * HOUR).await?;
            made.decided += 1;
        }
    }

    // The last weeks: replies that break the guidelines, flagged by one to three members;
    // a moderator also flags the rude one, which hides it until review.
    for (n, &(text, reason, note)) in FLAGGED_REPLIES.iter().enumerate() {
        let at = until - (2 + rng.below(18) as i64) * DAY - rng.below(DAY as u64) as i64;
        let Some(topic_id) = quiet_topic(h, &mut rng, topics, at, None).await? else {
            continue;
        };
        let Some(author) = someone(&mut rng, at, 0) else {
            continue;
        };
        let post_id = reply(topic_id, author, text, at).await?;
        let mut flagged = false;
        let mut when = at;
        for _ in 0..1 + rng.below(3) {
            when = (when + (1 + rng.below(12) as i64) * HOUR).min(until);
            let Some(flagger) = someone(&mut rng, when, author) else {
                continue;
            };
            if flag_as(h, flagger, post_id, reason, note, when)
                .await?
                .is_some()
            {
                made.flags += 1;
                flagged = true;
            }
        }
        if n == 0 {
            let at = (when + HOUR).min(until);
            if flag_as(h, moderators[0], post_id, reason, None, at)
                .await?
                .is_some()
            {
                made.flags += 1;
                flagged = true;
            }
        }
        made.posts += u64::from(flagged);
    }

    // A throwaway account signs up a day or two before the end and posts spam: a topic in
    // General and a reply to a question. Members flag both as spam; a moderator's flag
    // hides the topic at once.
    if spammer && let Some(general) = h.store.space_by_slug("general").await? {
        let joined_at = until - DAY - rng.below(DAY as u64) as i64;
        let mut tx = h.store.db.begin().await?;
        let account = create_member_in(
            &mut tx,
            &NewMember {
                email: "best.deals.4u@example.net",
                handle: "best-deals-4u",
                display_name: "Best Deals 4U",
                password_hash: None,
                role: Role::Member,
            },
            joined_at,
        )
        .await?;
        made.accounts += 1;
        let (title, text) = SPAM_TOPIC;
        let html = markdown::render(text);
        let posted = joined_at + 20 * 60_000;
        let (_, spam_post) = create_topic_in(
            &mut tx,
            &NewTopic {
                space_id: general.id,
                author_id: account.id,
                title,
                kind: "discussion",
                body_md: text,
                body_html: &html,
                pin_scope: None,
                poll: None,
                event: None,
            },
            posted,
        )
        .await?;
        tx.commit().await?;
        let mut spam = vec![spam_post];
        let replied = posted + 15 * 60_000;
        if let Some(topic_id) = quiet_topic(h, &mut rng, topics, replied, Some("question")).await? {
            spam.push(reply(topic_id, account.id, SPAM_REPLY, replied).await?);
        }
        for (n, &post_id) in spam.iter().enumerate() {
            let mut flagged = false;
            let mut when = replied;
            for _ in 0..2 {
                when = (when + (1 + rng.below(6) as i64) * HOUR).min(until);
                let Some(flagger) = someone(&mut rng, when, account.id) else {
                    continue;
                };
                if flag_as(h, flagger, post_id, "spam", None, when)
                    .await?
                    .is_some()
                {
                    made.flags += 1;
                    flagged = true;
                }
            }
            if n == 0 {
                let at = (when + HOUR).min(until);
                let moderator = moderators[moderators.len() - 1];
                if flag_as(h, moderator, post_id, "spam", None, at)
                    .await?
                    .is_some()
                {
                    made.flags += 1;
                    flagged = true;
                }
            }
            made.posts += u64::from(flagged);
        }
    }
    let queue = h.store.moderation_queue(0, 100).await?;
    made.waiting = queue.len();
    made.hidden = queue.iter().filter(|i| i.post.hidden_at.is_some()).count();
    Ok(made)
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
    /// Shop orders imported, those refunded in part or whole, and the people who placed
    /// them (hub members and customers who never joined).
    orders: u64,
    refunds: u64,
    customers: u64,
    outside_customers: u64,
}

/// The community's life around the posts, with its own generator (so topics and posts stay
/// the same for a seed): each member stays, drifts away, or drifts away and comes back,
/// and while around they visit (and read topics), react to posts, talk on Discord or Slack
/// and buy in the shop; some people only ever talk on Discord or only buy. Everything is
/// written as the hub and the importers write it: visits by the visit recorder's store
/// call, reactions by the store, other channels through the activities API's service, and
/// shop orders through the Shopify orders importer; both match people by email.
#[allow(clippy::too_many_arguments)]
async fn demo_life(
    h: &Hearth,
    o: &DemoOptions,
    joined: &[(i64, i64)],
    posts: &[(i64, i64, i64)],
    topics: &[(i64, i64)],
    thing: &str,
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
        refunds: 0,
        customers: 0,
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
    // and most of the shop's customers are known nowhere else. Messages go through the
    // activities API's service; the shop's orders are written as its own export and
    // imported (`demo_shop`). What is in the orders (line items, refunds, the customers'
    // names) comes from a generator of its own, so the rest of the life stays the same.
    let people: std::collections::HashMap<i64, (String, String)> = {
        let mut m = std::collections::HashMap::new();
        for &(id, _) in joined {
            if let Some(member) = h.store.member(id).await? {
                m.insert(id, (member.email.clone(), member.display_name.clone()));
            }
        }
        m
    };
    let mut shop_rng = Rng::new(o.seed ^ 0x5409_0DE5);
    let mut orders: Vec<ShopOrder> = Vec::new();
    let mut items: Vec<serde_json::Value> = Vec::new();
    let iso = |ms: i64| crate::render::rfc3339(ms);
    for &(id, from, to, rate) in &spans {
        let Some((email, name)) = people.get(&id) else {
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
        // Half of the members buy, more often while they are around. Most of them were
        // customers before they joined: about once a month for up to a year before, and a
        // third more often while they take part (the effect Insights' member value should
        // find); the others buy a few times while around. The shop's own generator draws
        // the history, so the rest of the life stays the same.
        if rng.chance(0.5) {
            let history = shop_rng.chance(0.7);
            for _ in 0..1 + rng.below(6) {
                let at = from + (rng.unit() * (to - from).max(DAY) as f64) as i64;
                if !history {
                    orders.push(ShopOrder::new(email, name, at.min(until), &mut shop_rng));
                }
            }
            if history {
                let rate = 0.5 + shop_rng.unit();
                let mut at = from - (90 + shop_rng.below(275) as i64) * DAY;
                while at < until {
                    let boost = if (from..to).contains(&at) { 1.33 } else { 1.0 };
                    if shop_rng.chance((rate / 30.0 * boost).min(1.0)) {
                        orders.push(ShopOrder::new(email, name, at, &mut shop_rng));
                    }
                    at += DAY;
                }
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
        let (first, last) = (*shop_rng.pick(FIRST), *shop_rng.pick(LAST));
        let email = format!("{}@example.net", handle_for(first, last, n + 1));
        let name = format!("{first} {last}");
        for _ in 0..1 + rng.below(3) {
            let at = start + (rng.unit() * (until - start) as f64) as i64;
            orders.push(ShopOrder::new(&email, &name, at.min(until), &mut shop_rng));
        }
        // Regulars of the shop who never join: about once a month, from a year before
        // the community started.
        if shop_rng.chance(0.6) {
            let rate = 0.5 + shop_rng.unit();
            let mut at = start - 365 * DAY;
            while at < until {
                if shop_rng.chance(rate / 30.0) {
                    orders.push(ShopOrder::new(&email, &name, at, &mut shop_rng));
                }
                at += DAY;
            }
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
    let shop = demo_shop(h, &mut shop_rng, orders, thing).await?;
    life.orders = shop.orders;
    life.refunds = shop.refunds;
    life.customers = shop.customers;
    Ok(life)
}

/// What the demo's shop sells: (item, SKU, price in cents), `{thing}` being the
/// business's product. Everyday things first: they are bought most.
const PRODUCTS: &[(&str, &str, i64)] = &[
    ("{thing}", "HOUSE-1", 650),
    ("Croissant", "CR-1", 280),
    ("Cinnamon bun", "CB-1", 350),
    ("Seasonal cake, a slice", "CAKE-1", 420),
    ("House coffee beans, 250 g", "BEANS-250", 1250),
    ("Weekly bread box, four weeks", "BOX-4W", 2400),
    ("Gift card", "GIFT-25", 2500),
    ("{thing} workshop", "CLASS-1", 4500),
];

/// One order of the demo's shop, before it is numbered and written to the export.
struct ShopOrder {
    email: String,
    name: String,
    placed_at: i64,
    /// (index in [`PRODUCTS`], quantity).
    lines: Vec<(usize, i64)>,
    /// Bought at the counter (the point of sale), not online with shipping.
    at_counter: bool,
    shipping_cents: i64,
    refunded_cents: i64,
}

impl ShopOrder {
    fn new(email: &str, name: &str, placed_at: i64, rng: &mut Rng) -> ShopOrder {
        let count = PRODUCTS.len() as u64;
        let mut lines: Vec<(usize, i64)> = Vec::new();
        for _ in 0..1 + rng.below(3) {
            // The smaller of two draws: cheaper, everyday things are bought most.
            let product = rng.below(count).min(rng.below(count)) as usize;
            if lines.iter().any(|&(p, _)| p == product) {
                continue;
            }
            let quantity = if PRODUCTS[product].2 < 1_000 {
                1 + rng.below(4) as i64
            } else {
                1
            };
            lines.push((product, quantity));
        }
        let at_counter = rng.chance(0.6);
        let mut order = ShopOrder {
            email: email.to_string(),
            name: name.to_string(),
            placed_at,
            lines,
            at_counter,
            shipping_cents: if at_counter { 0 } else { 495 },
            refunded_cents: 0,
        };
        // A few orders are refunded: some whole, some one item of the last line.
        order.refunded_cents = match rng.below(100) {
            0..=2 => order.total_cents(),
            3..=6 => order.lines.last().map_or(0, |&(p, _)| PRODUCTS[p].2),
            _ => 0,
        };
        order
    }

    fn subtotal_cents(&self) -> i64 {
        self.lines.iter().map(|&(p, q)| PRODUCTS[p].2 * q).sum()
    }

    fn total_cents(&self) -> i64 {
        self.subtotal_cents() + self.shipping_cents
    }

    /// Shopify's financial status for what was refunded.
    fn financial_status(&self) -> &'static str {
        if self.refunded_cents == 0 {
            "paid"
        } else if self.refunded_cents >= self.total_cents() {
            "refunded"
        } else {
            "partially_refunded"
        }
    }
}

/// What [`demo_shop`] imported.
struct ShopWritten {
    orders: u64,
    refunds: u64,
    customers: u64,
}

/// The name the demo's export has in the import audit (Admin → Imports).
const SHOP_EXPORT_NAME: &str = "demo-shopify-orders.csv";

/// The demo's shop orders, written as the shop's Shopify orders export (numbered in the
/// order they were placed, in one currency) and imported through the entry point of
/// `hearth import shopify-orders`, so the orders, the people they match by email or
/// create, their `order_placed` and `order_refunded` activities and the import's audit
/// row are exactly what a real shop's export gives. The file is deleted afterwards.
async fn demo_shop(
    h: &Hearth,
    rng: &mut Rng,
    mut orders: Vec<ShopOrder>,
    thing: &str,
) -> anyhow::Result<ShopWritten> {
    let currency = *rng.pick(&["EUR", "GBP", "USD"]);
    // Stable: orders placed in the same millisecond keep the order they were made in.
    orders.sort_by_key(|o| o.placed_at);
    let mut export = ExportFile::create(h)?;
    let rows = write_shopify_orders(export.file()?, &orders, currency, thing)?;
    let mut source = crate::import::Source::new(&export.path);
    source.file_name = SHOP_EXPORT_NAME.to_string();
    let mut progress = Progress::new("shop", rows);
    let import = crate::services::people::import_file(
        h,
        &crate::services::Actor::Operator,
        crate::import::Kind::ShopifyOrders,
        &source,
    );
    tokio::pin!(import);
    let summary = loop {
        tokio::select! {
            done = &mut import => break done,
            () = tokio::time::sleep(std::time::Duration::from_millis(200)) => {
                let read = source.progress.rows.load(std::sync::atomic::Ordering::Relaxed);
                progress.tick(read as usize);
            }
        }
    }
    .map_err(|e| anyhow::anyhow!("importing the demo's shop orders: {e}"))?;
    progress.tick(rows);
    progress.done();
    drop(export);
    // The generator writes only orders the importer keeps; a skipped one is its bug.
    if let Some((line, reason)) = summary.counts.skipped.first() {
        anyhow::bail!(
            "the demo's shop export has a row the importer skipped: line {line}: {reason}"
        );
    }
    let customers: std::collections::HashSet<&str> =
        orders.iter().map(|o| o.email.as_str()).collect();
    Ok(ShopWritten {
        orders: orders.len() as u64,
        refunds: orders.iter().filter(|o| o.refunded_cents > 0).count() as u64,
        customers: customers.len() as u64,
    })
}

/// The columns of Shopify's orders export that the demo fills (the importer reads
/// `Name`, `Email`, `Financial Status`, `Currency`, `Total`, `Refunded Amount`,
/// `Created at`, `Cancelled at`, `Billing Name` and the `Lineitem …` columns).
const SHOPIFY_COLUMNS: [&str; 18] = [
    "Name",
    "Email",
    "Financial Status",
    "Paid at",
    "Fulfillment Status",
    "Currency",
    "Subtotal",
    "Shipping",
    "Total",
    "Created at",
    "Lineitem quantity",
    "Lineitem name",
    "Lineitem price",
    "Lineitem sku",
    "Billing Name",
    "Cancelled at",
    "Refunded Amount",
    "Source",
];

/// Writes `orders` as Shopify exports them: one row per line item, the first row of an
/// order carrying the order's own columns. Returns the rows written.
fn write_shopify_orders(
    file: std::fs::File,
    orders: &[ShopOrder],
    currency: &str,
    thing: &str,
) -> anyhow::Result<usize> {
    let money = |cents: i64| format!("{}.{:02}", cents / 100, cents % 100);
    let mut out = csv::Writer::from_writer(std::io::BufWriter::new(file));
    out.write_record(SHOPIFY_COLUMNS)?;
    let mut rows = 0;
    for (n, order) in orders.iter().enumerate() {
        let number = format!("#{}", 1001 + n);
        let placed = jiff::Timestamp::from_millisecond(order.placed_at)?
            .to_zoned(jiff::tz::TimeZone::UTC)
            .strftime("%Y-%m-%d %H:%M:%S %z")
            .to_string();
        let (subtotal, shipping, total) = (
            money(order.subtotal_cents()),
            money(order.shipping_cents),
            money(order.total_cents()),
        );
        let refunded = money(order.refunded_cents);
        let source = if order.at_counter { "pos" } else { "web" };
        for (i, &(product, quantity)) in order.lines.iter().enumerate() {
            let (item, sku, price) = PRODUCTS[product];
            let (item, quantity, price) = (fill(item, thing), quantity.to_string(), money(price));
            // Shopify fills an order's own columns on its first row only.
            let record: [&str; 18] = if i == 0 {
                [
                    &number,
                    &order.email,
                    order.financial_status(),
                    &placed,
                    "fulfilled",
                    currency,
                    &subtotal,
                    &shipping,
                    &total,
                    &placed,
                    &quantity,
                    &item,
                    &price,
                    sku,
                    &order.name,
                    "",
                    &refunded,
                    source,
                ]
            } else {
                [
                    &number, "", "", "", "", "", "", "", "", "", &quantity, &item, &price, sku, "",
                    "", "", "",
                ]
            };
            out.write_record(record)?;
            rows += 1;
        }
    }
    out.flush()?;
    Ok(rows)
}

/// A file the demo writes for an importer: in the data directory (or the system's
/// temporary directory when there is none, as on PostgreSQL), removed when dropped,
/// whether the import succeeded or not.
struct ExportFile {
    path: std::path::PathBuf,
    file: Option<std::fs::File>,
}

impl ExportFile {
    fn create(h: &Hearth) -> anyhow::Result<ExportFile> {
        // Demos run side by side in one process (the tests), so the name is unique to
        // the run.
        static RUNS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = if h.config.data_dir.is_dir() {
            h.config.data_dir.clone()
        } else {
            std::env::temp_dir()
        };
        let path = dir.join(format!(
            "demo-shopify-orders-{}-{run}.csv",
            std::process::id()
        ));
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", path.display()))?;
        Ok(ExportFile {
            path,
            file: Some(file),
        })
    }

    /// The open file, to be written once.
    fn file(&mut self) -> anyhow::Result<std::fs::File> {
        self.file
            .take()
            .ok_or_else(|| anyhow::anyhow!("{} was written already", self.path.display()))
    }
}

impl Drop for ExportFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
