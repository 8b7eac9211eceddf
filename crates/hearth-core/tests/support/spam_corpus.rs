//! The labelled set: generated posts of a small bakery, bookshop and café community, and
//! the spam that finds its way there. Test and measurement data, not production code: the
//! spam filter's tests (`tests/spam_corpus.rs`) and the examples `spam_eval` and
//! `screening_bench` include this file.

// ---------------------------------------------------------------------------------------
// The labelled set: posts of a small bakery, bookshop and café community, and the spam
// that finds its way there.
// ---------------------------------------------------------------------------------------

use hearth_core::rng::Rng;

/// Share of spam in the labelled set.
const SPAM_SHARE: f64 = 0.3;
/// Legitimate posts that read like spam: promotions by the shop, prices, "message me", or
/// a member quoting a spam message to ask whether it is real.
const HARD_HAM_SHARE: f64 = 0.06;
/// Of those, the share that quotes a spam pitch.
const QUOTE_SHARE: f64 = 0.5;
/// Spam that reads like a member's post: bot praise, or a copied post from an account
/// farming trust before it starts to advertise.
const HARD_SPAM_SHARE: f64 = 0.08;
/// Of those, the share that copies a legitimate post.
const COPY_SHARE: f64 = 0.5;
/// Legitimate posts with a link to a familiar site (hard ones: half of them).
const HAM_LINK_SHARE: f64 = 0.24;
const HARD_HAM_LINK_SHARE: f64 = 0.5;
/// Spam with a link; the rest gives a phone number, a handle or "DM me" instead.
const SPAM_LINK_SHARE: f64 = 0.68;
const HARD_SPAM_LINK_SHARE: f64 = 0.3;
/// Posts with a second sentence.
const HAM_SECOND_SENTENCE: f64 = 0.35;
const SPAM_SECOND_SENTENCE: f64 = 0.25;
/// Posts with a line in Spanish or German.
const FOREIGN_SHARE: f64 = 0.06;
/// Posts written all in lowercase (after the all-caps share).
const LOWERCASE_SHARE: f64 = 0.12;
/// Posts written all in capitals.
const HAM_SHOUT_SHARE: f64 = 0.02;
const SPAM_SHOUT_SHARE: f64 = 0.1;

/// The community's own site.
const OWN_DOMAIN: &str = "crumbandcoffee.example";

const GREETINGS: &[&str] = &[
    "",
    "",
    "",
    "",
    "Hi, ",
    "Hello! ",
    "hey ",
    "Hi all, ",
    "Good morning, ",
    "Hello everyone, ",
    "Hi there. ",
];

const HAM_ENDINGS: &[&str] = &[
    "",
    "",
    "",
    " Any thoughts?",
    " :)",
    " Thanks!",
    " thanks in advance.",
    " cheers",
    " Please let me know.",
    " anyone?",
    " see you today",
];

const SPAM_ENDINGS: &[&str] = &[
    "",
    "",
    "!!!",
    " !!",
    " thanks",
    " Thanks.",
    " please",
    " anyone interested?",
    " today only",
    " :)",
];

const HAM_TEMPLATES: &[&str] = &[
    "does anyone know if the {class} on {day} still has spots?",
    "what time do you open on {day}?",
    "I tried the {food} recipe from last week and it came out {adj_good}.",
    "is the {food} available without {allergen}? my {person} is allergic.",
    "Can I pre-order {qty} of the {food} for {day} morning?",
    "Loved the {event} yesterday, everything was {adj_good}, especially the {food}. Thanks to the team!",
    "Mine always comes out {adj_bad} when I bake {food} at home. Any tips on {technique}?",
    "Is the {event} on {day} suitable for beginners?",
    "Just finished {book} from the staff picks shelf, {opinion}.",
    "Could you stock more {genre} books? The {section} shelf is a bit thin.",
    "The new {drink} is {adj_good}, but a little {taste} for me.",
    "Where do I pick up my order? I paid online for the {food}.",
    "are the {class} tickets refundable if I can't make it on {day}?",
    "Reading group: we are starting {book} on {day}, anyone want to join?",
    "Does the shop do gift cards? Looking for a present for my {person}.",
    "What flour do you use for the {food}? Mine never rises like yours.",
    "The queue on {day} was long but worth it for the {food}.",
    "Any chance of {diet} options at the {event}?",
    "Feedback: the {drink} was too {taste} today, maybe the machine needs a clean?",
    "How long will the {food} keep? Can I freeze some?",
    "Is there parking near the shop on {day}? Last time I circled for ages.",
    "Is there wifi in the cafe? I'd like to work there on {day} afternoons.",
    "My {person} and I came for the {event}, we had a lovely time.",
    "Who is the author visiting for the {event} this month?",
    "Swapped my usual {drink} for the {drink} and I'm not going back.",
];

const HAM_AMBIGUOUS: &[&str] = &[
    "Reminder from the team: {pct}% discount on all {food} this {day}, order online or come in!",
    "Is the {class} really {price}? That seems cheap, is it a special offer?",
    "Selling my old {item} for {price}, message me if interested.",
    "FREE {food} samples this {day}! Limited offer, come early.",
    "Has anyone made money selling {food} at the market? Thinking of baking from home to earn a bit extra.",
    "Our {class} is {pct}% off for members, book now before spots run out!",
    "Does the gift card deal still work? Buy one for {price} and get a free {drink}.",
    "Is anyone else getting WhatsApp messages offering cheap followers? Looks like a scam, don't click.",
    "Got a text saying my account was locked and to call support, was that really the shop?",
    "My {person} wants to start a small business selling {food}, any advice on prices?",
];

const HAM_QUOTES: &[&str] = &[
    "Is this legit? Someone sent me this: '{spam_pitch}'",
    "Mods, a new account posted this in the {event} thread: {spam_pitch}",
    "Got a message saying '{spam_pitch}' Is that really from the shop?",
    "Heads up, I keep getting this in my inbox: {spam_pitch} Please don't fall for it.",
    "Can we block posts like '{spam_pitch}'? There were three of them on {day}.",
];

const HAM_LINK_LINES: &[&str] = &[
    "Here's the recipe I used: {recipelink}",
    "Video of the technique: {videolink}",
    "The map if anyone is lost: {maplink}",
    "More details on the shop page {ownlink}",
    "(see {hamlink})",
    "Review I found: {booklink}",
    "Photos from the day: {photolink}",
    "{hamlink}",
];

const HAM_FOREIGN: &[&str] = &[
    "¿Alguien sabe a qué hora abre la panadería el sábado?",
    "Me encantó el taller de pan, ¡gracias!",
    "¿Tienen opciones sin gluten para el club de lectura?",
    "Gibt es am Wochenende noch frische Brötchen?",
    "Der Backkurs war wirklich toll, vielen Dank!",
    "Ich suche ein gutes Rezept für Roggenbrot.",
];

const SPAM_TEMPLATES: &[&str] = &[
    "Earn {money} a day working from home, no experience needed.",
    "Cheap {followers} for your {platform}, real and fast delivery.",
    "Invest in {coin} today and double your money in {num} days, guaranteed.",
    "I am a {expert} and I can help your business rank #1 on Google.",
    "Best {pills} online without prescription, {pct}% off.",
    "Meet local singles tonight, free signup.",
    "Your account has been {status}, call our support team to restore access.",
    "Get a loan of {money} today, bad credit ok, instant approval.",
    "I made {money} last week trading {coin} with this simple method.",
    "We offer {service} at the lowest price, guaranteed results.",
    "Congratulations! You have been selected to win: {prize}.",
    "Looking for a reliable {service} provider? We deliver in {num} hours.",
    "Replica {brand} watches and bags, {pct}% discount, worldwide shipping.",
    "Need more customers? Our {service} will boost your sales fast.",
    "Dear sir/madam, I have a business proposal for you worth {money}.",
    "Lose {num} kg in {num} days with this one {pills} trick.",
    "Buy verified {platform} accounts, bulk orders welcome.",
    "Lost your {coin} to a scam? Our recovery expert gets your funds back.",
    "Work from home and earn {money} weekly, only {num} spots left.",
    "Your website is missing out on traffic, our {expert} can fix it today.",
];

const SPAM_AMBIGUOUS: &[&str] = &[
    "great post, thanks for sharing this with everyone!",
    "Thanks for the info about the {class}, very helpful. Regards, {name}",
    "Nice community, I also love {food}. Have a great {day}!",
    "I found this very useful, thanks! Keep up the good work.",
    "Really interesting thread about {technique}, I learned a lot today.",
    "I am new here. I love {genre} books and {drink}.",
    "Wonderful, the {event} sounds lovely. Thanks for sharing, {name}",
];

const SPAM_LINK_LINES: &[&str] = &[
    "Visit {spamlink}",
    "Click here: {spamlink}",
    "check it out {spamlink}",
    "Sign up now at {spamlink}",
    "More info: {spamlink}",
    "Order here {spamlink}",
    "Claim yours -> {spamlink}",
    "{spamlink}",
    "Details at {spamlink} limited offer",
    "Start now: {spamlink}",
];

const SPAM_CONTACT_LINES: &[&str] = &[
    "Contact me on WhatsApp {phone}",
    "DM me for details",
    "Message me on telegram @{handle}",
    "Call {phone} now",
    "Text {phone} for more info",
    "email me: {handle}{num} at gmail dot com",
    "Reply here and I will send you the details",
    "inbox me for prices",
    "WhatsApp: {phone}",
    "Add me on telegram {handle} for the method",
];

const SPAM_FOREIGN: &[&str] = &[
    "Gana dinero desde casa, escríbeme por WhatsApp.",
    "Inversión segura en bitcoin, ganancias garantizadas.",
    "Préstamos rápidos sin buró de crédito, aprobación inmediata.",
    "Schnell Geld verdienen von zu Hause, schreib mir!",
    "Billige Follower kaufen, jetzt sofort!",
    "Verdiene 500 Euro am Tag mit Krypto, ohne Risiko.",
];

const FOODS: &[&str] = &[
    "sourdough",
    "focaccia",
    "croissants",
    "cinnamon rolls",
    "rye bread",
    "baguette",
    "brioche",
    "banana bread",
    "lemon tart",
    "carrot cake",
    "scones",
    "bagels",
    "pretzels",
    "ciabatta",
    "babka",
    "cheesecake",
    "apple pie",
    "brownies",
    "shortbread",
    "muffins",
    "pain au chocolat",
    "challah",
    "gingerbread",
    "macarons",
    "seeded loaf",
];

const CLASSES: &[&str] = &[
    "sourdough class",
    "bread baking workshop",
    "latte art class",
    "pastry course",
    "kids baking session",
    "cake decorating class",
    "coffee tasting",
    "pasta workshop",
    "gluten-free baking class",
    "knife skills evening",
    "croissant masterclass",
];

const EVENTS: &[&str] = &[
    "book club",
    "author reading",
    "open mic night",
    "poetry evening",
    "market stall",
    "cupping session",
    "board game night",
    "holiday market",
    "storytime for kids",
    "anniversary party",
    "book swap",
];

const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "the weekend",
    "Saturday morning",
    "the bank holiday",
];

const ADJ_GOOD: &[&str] = &[
    "amazing",
    "delicious",
    "perfect",
    "lovely",
    "really good",
    "fantastic",
    "so fluffy",
    "spot on",
    "beautiful",
    "great",
    "better than the shop's",
];

const ADJ_BAD: &[&str] = &[
    "dense",
    "flat",
    "gummy",
    "too dry",
    "burnt on the bottom",
    "sour",
    "underbaked",
    "crumbly",
    "too sweet",
    "bitter",
    "pale",
];

const ALLERGENS: &[&str] = &["nuts", "dairy", "eggs", "gluten", "sesame", "soy"];

const PEOPLE: &[&str] = &[
    "daughter",
    "son",
    "partner",
    "husband",
    "wife",
    "mum",
    "dad",
    "friend",
    "neighbour",
    "colleague",
    "grandson",
    "niece",
];

const TECHNIQUES: &[&str] = &[
    "shaping",
    "proofing",
    "scoring",
    "kneading",
    "lamination",
    "feeding the starter",
    "hydration",
    "oven temperature",
    "stretch and fold",
    "steam in the oven",
];

const BOOKS: &[&str] = &[
    "Piranesi",
    "Pachinko",
    "Circe",
    "Middlemarch",
    "The Secret History",
    "Tartine Bread",
    "Salt Fat Acid Heat",
    "Flour Water Salt Yeast",
    "the new Ishiguro",
    "the Murakami novel",
    "Lessons in Chemistry",
    "the new cookbook",
];

const GENRES: &[&str] = &[
    "poetry",
    "sci-fi",
    "cookbook",
    "crime",
    "children's",
    "graphic novel",
    "history",
    "translated fiction",
    "fantasy",
    "nature writing",
];

const SECTIONS: &[&str] = &[
    "front",
    "cookbook",
    "kids",
    "poetry",
    "local authors",
    "secondhand",
];

const DRINKS: &[&str] = &[
    "oat latte",
    "flat white",
    "cold brew",
    "chai",
    "espresso",
    "hot chocolate",
    "matcha latte",
    "filter coffee",
    "cortado",
    "seasonal blend",
];

const TASTES: &[&str] = &["bitter", "sweet", "strong", "milky", "weak", "acidic"];

const OPINIONS: &[&str] = &[
    "highly recommend it",
    "couldn't put it down",
    "not sure about the ending",
    "a bit slow in the middle",
    "loved every page",
    "perfect for the reading group",
    "great pick from the staff",
    "the kind of book you reread",
];

const DIETS: &[&str] = &[
    "vegan",
    "gluten-free",
    "dairy-free",
    "nut-free",
    "halal",
    "low sugar",
];

const QUANTITIES: &[&str] = &[
    "two",
    "three",
    "four",
    "six",
    "ten",
    "a dozen",
    "half a dozen",
];

const ITEMS: &[&str] = &[
    "stand mixer",
    "proofing basket",
    "espresso machine",
    "set of cookbooks",
    "dutch oven",
    "pasta machine",
    "bread tin",
];

const FOLLOWERS: &[&str] = &[
    "followers",
    "likes",
    "views",
    "subscribers",
    "reviews",
    "5-star reviews",
    "comments",
];

const PLATFORMS: &[&str] = &[
    "Instagram",
    "TikTok",
    "YouTube",
    "Facebook",
    "Twitter",
    "Google Maps",
    "Spotify",
    "Twitch",
];

const COINS: &[&str] = &[
    "bitcoin",
    "ethereum",
    "crypto",
    "forex",
    "USDT",
    "dogecoin",
    "NFTs",
    "gold",
    "binary options",
    "solana",
];

const EXPERTS: &[&str] = &[
    "SEO expert",
    "digital marketing expert",
    "web developer",
    "growth hacker",
    "certified trader",
    "investment manager",
    "account manager",
    "marketing agency",
];

const PILLS: &[&str] = &[
    "pills",
    "weight loss pills",
    "supplements",
    "keto gummies",
    "viagra",
    "CBD oil",
    "diet tea",
    "fat burner",
];

const STATUSES: &[&str] = &[
    "suspended",
    "locked",
    "hacked",
    "compromised",
    "limited",
    "flagged",
];

const SERVICES: &[&str] = &[
    "SEO",
    "backlinks",
    "link building",
    "web design",
    "email marketing",
    "lead generation",
    "essay writing",
    "app development",
    "logo design",
    "paid traffic",
];

const PRIZES: &[&str] = &[
    "iPhone 15",
    "$1000 gift card",
    "free cruise",
    "PS5",
    "Amazon voucher",
    "brand new laptop",
    "Tesla",
];

const BRANDS: &[&str] = &[
    "Rolex",
    "Gucci",
    "Louis Vuitton",
    "Prada",
    "Omega",
    "Cartier",
    "Ray-Ban",
];

const HANDLES: &[&str] = &[
    "cryptoking",
    "fastcash",
    "mark_invest",
    "seo_guru",
    "followers4u",
    "richlife",
    "support_team",
    "promo_deals",
];

const NAMES: &[&str] = &[
    "John", "Sarah", "Mike", "Anna", "David", "Linda", "Kevin", "Emma",
];

const PERCENTS: &[&str] = &["10", "15", "20", "25", "30", "50", "70", "80", "90"];

const SPAM_HOST_WORDS: &[&str] = &[
    "best-deals",
    "cheap-meds",
    "promo",
    "fastloans",
    "winbig",
    "crypto-gain",
    "free-followers",
    "top-seo",
    "easy-cash",
    "lucky-prize",
    "replica-store",
    "slim-fast",
];

const SPAM_TLDS: &[&str] = &[
    ".shop", ".xyz", ".top", ".click", ".info", ".biz", ".online", ".com",
];

const SHORTENERS: &[&str] = &["bit.ly", "tinyurl.com", "cutt.ly", "t.co"];

const OWN_PATHS: &[&str] = &[
    "classes",
    "events",
    "shop",
    "menu",
    "book-club",
    "opening-hours",
];

const RECIPE_HOSTS: &[&str] = &[
    "www.seriouseats.com",
    "www.kingarthurbaking.com",
    "www.bbcgoodfood.com",
    "www.theperfectloaf.com",
];

const RECIPE_PATHS: &[&str] = &[
    "recipes/sourdough",
    "recipes/focaccia",
    "recipes/cinnamon-rolls",
    "blog/shaping-guide",
    "recipes/rye-bread",
    "recipes/babka",
];

const PLACES: &[&str] = &[
    "crumb+and+coffee",
    "market+square",
    "old+town+hall",
    "riverside+park",
];

/// How many kinds of link `ham_url` makes.
const HAM_LINK_KINDS: u64 = 7;

/// Characters for short codes in URLs and video ids.
const CODE_CHARS: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// Word pools by slot name, for [`fill`].
const POOLS: &[(&str, &[&str])] = &[
    ("food", FOODS),
    ("class", CLASSES),
    ("event", EVENTS),
    ("day", DAYS),
    ("adj_good", ADJ_GOOD),
    ("adj_bad", ADJ_BAD),
    ("allergen", ALLERGENS),
    ("person", PEOPLE),
    ("technique", TECHNIQUES),
    ("book", BOOKS),
    ("genre", GENRES),
    ("section", SECTIONS),
    ("drink", DRINKS),
    ("taste", TASTES),
    ("opinion", OPINIONS),
    ("diet", DIETS),
    ("qty", QUANTITIES),
    ("item", ITEMS),
    ("followers", FOLLOWERS),
    ("platform", PLATFORMS),
    ("coin", COINS),
    ("expert", EXPERTS),
    ("pills", PILLS),
    ("status", STATUSES),
    ("service", SERVICES),
    ("prize", PRIZES),
    ("brand", BRANDS),
    ("handle", HANDLES),
    ("name", NAMES),
    ("pct", PERCENTS),
];

/// A labelled set of community posts for measuring the filter: deterministic for a seed.
///
/// `n` examples, about 30% spam, from a small bakery, bookshop and café community. It is
/// deliberately not separable by links: about a quarter of legitimate posts link to a
/// familiar site (the shop, a recipe blog, a video, a map) and about a third of the spam
/// has no link (a phone number, a handle, "DM me"). Some legitimate posts read like
/// promotions and some spam reads like a member's comment, so no filter gets all of it.
pub fn labelled_set(seed: u64, n: usize) -> Vec<(String, bool)> {
    let mut rng = Rng::new(seed);
    let mut set = Vec::with_capacity(n);
    for _ in 0..n {
        let is_spam = rng.chance(SPAM_SHARE);
        let text = if is_spam {
            spam_post(&mut rng)
        } else {
            ham_post(&mut rng)
        };
        set.push((text, is_spam));
    }
    set
}

/// One legitimate post: a question or comment, sometimes a second one, sometimes a link to
/// a familiar site, now and then a line in Spanish or German.
fn ham_post(rng: &mut Rng) -> String {
    let hard = rng.chance(HARD_HAM_SHARE);
    let mut text = (*rng.pick(GREETINGS)).to_string();
    let body = if hard {
        hard_ham_template(rng)
    } else {
        let template: &&'static str = rng.pick(HAM_TEMPLATES);
        template
    };
    text.push_str(&fill(rng, body));
    if rng.chance(HAM_SECOND_SENTENCE) {
        let more = *rng.pick(HAM_TEMPLATES);
        push_sentence(&mut text, &fill(rng, more));
    }
    let link_share = if hard {
        HARD_HAM_LINK_SHARE
    } else {
        HAM_LINK_SHARE
    };
    if rng.chance(link_share) {
        let line = *rng.pick(HAM_LINK_LINES);
        push_sentence(&mut text, &fill(rng, line));
    }
    if rng.chance(FOREIGN_SHARE) {
        let line = *rng.pick(HAM_FOREIGN);
        push_sentence(&mut text, line);
    }
    finish(rng, text, HAM_ENDINGS, HAM_SHOUT_SHARE)
}

/// One spam post: a pitch and a way to answer it (a link, or a phone number or handle), or
/// now and then bland praise that reads like a member's comment.
fn spam_post(rng: &mut Rng) -> String {
    let hard = rng.chance(HARD_SPAM_SHARE);
    let mut text = (*rng.pick(GREETINGS)).to_string();
    let body = if hard {
        hard_spam_template(rng)
    } else {
        *rng.pick(SPAM_TEMPLATES)
    };
    text.push_str(&fill(rng, body));
    if !hard && rng.chance(SPAM_SECOND_SENTENCE) {
        let more = *rng.pick(SPAM_TEMPLATES);
        push_sentence(&mut text, &fill(rng, more));
    }
    let link_share = if hard {
        HARD_SPAM_LINK_SHARE
    } else {
        SPAM_LINK_SHARE
    };
    if rng.chance(link_share) {
        let line = *rng.pick(SPAM_LINK_LINES);
        push_sentence(&mut text, &fill(rng, line));
    } else if !hard {
        let line = *rng.pick(SPAM_CONTACT_LINES);
        push_sentence(&mut text, &fill(rng, line));
    }
    if rng.chance(FOREIGN_SHARE) {
        let line = *rng.pick(SPAM_FOREIGN);
        push_sentence(&mut text, line);
    }
    finish(rng, text, SPAM_ENDINGS, SPAM_SHOUT_SHARE)
}

/// A legitimate post that reads like spam: a promotion, or a quoted spam pitch.
fn hard_ham_template(rng: &mut Rng) -> &'static str {
    if rng.chance(QUOTE_SHARE) {
        let template: &&'static str = rng.pick(HAM_QUOTES);
        template
    } else {
        let template: &&'static str = rng.pick(HAM_AMBIGUOUS);
        template
    }
}

/// Spam that reads like a member's post: bot praise, or a copied legitimate post.
fn hard_spam_template(rng: &mut Rng) -> &'static str {
    if rng.chance(COPY_SHARE) {
        let template: &&'static str = rng.pick(HAM_TEMPLATES);
        template
    } else {
        let template: &&'static str = rng.pick(SPAM_AMBIGUOUS);
        template
    }
}

/// Appends a sentence after a space.
fn push_sentence(text: &mut String, sentence: &str) {
    if !text.is_empty() && !text.ends_with(' ') {
        text.push(' ');
    }
    text.push_str(sentence);
}

/// Random casing (all caps, all lowercase or as written) and an ending.
fn finish(rng: &mut Rng, text: String, endings: &[&str], shout_share: f64) -> String {
    let roll = rng.unit();
    let mut text = if roll < shout_share {
        text.to_uppercase()
    } else if roll < shout_share + LOWERCASE_SHARE {
        text.to_lowercase()
    } else {
        text
    };
    let ending = *rng.pick(endings);
    text.push_str(ending);
    text
}

/// Replaces each `{slot}` in the template with a value for that slot.
fn fill(rng: &mut Rng, template: &str) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let value = slot(rng, &after[..close]);
        out.push_str(&value);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// A value for one slot: generated (numbers, money, phones, links) or picked from its pool.
/// An unknown slot stays as `{name}`, so a typo shows in the text.
fn slot(rng: &mut Rng, name: &str) -> String {
    match name {
        "num" => (2 + rng.below(48)).to_string(),
        "money" => money(rng),
        "price" => price(rng),
        "phone" => phone(rng),
        "spamlink" => spam_url(rng),
        "hamlink" => {
            let kind = rng.below(HAM_LINK_KINDS);
            ham_url(rng, kind)
        }
        "ownlink" => ham_url(rng, 0),
        "videolink" => ham_url(rng, 1),
        "maplink" => ham_url(rng, 3),
        "recipelink" => ham_url(rng, 4),
        "photolink" => ham_url(rng, 5),
        "booklink" => ham_url(rng, 6),
        "spam_pitch" => {
            let pitch = *rng.pick(SPAM_TEMPLATES);
            fill(rng, pitch)
        }
        _ => match pool(name) {
            Some(items) => (*rng.pick(items)).to_string(),
            None => format!("{{{name}}}"),
        },
    }
}

/// The word pool for a slot name.
fn pool(name: &str) -> Option<&'static [&'static str]> {
    POOLS
        .iter()
        .find(|(pool_name, _)| *pool_name == name)
        .map(|(_, items)| *items)
}

/// A sum of money as spam promises it: "$500", "€1000", "USD 250".
fn money(rng: &mut Rng) -> String {
    let amounts: [u64; 7] = [200, 250, 500, 750, 1000, 2500, 5000];
    let symbols: [&str; 5] = ["$", "$", "€", "£", "USD "];
    let amount = *rng.pick(&amounts);
    let symbol = *rng.pick(&symbols);
    format!("{symbol}{amount}")
}

/// A price in the shop: "$4.50".
fn price(rng: &mut Rng) -> String {
    let cents: [u64; 4] = [0, 50, 95, 99];
    let dollars = 2 + rng.below(40);
    let cent = *rng.pick(&cents);
    format!("${dollars}.{cent:02}")
}

/// A phone number: "+1 555 123 4567".
fn phone(rng: &mut Rng) -> String {
    let prefixes: [&str; 4] = ["+1 555", "+44 7700", "+234 80", "+91 98"];
    let prefix = *rng.pick(&prefixes);
    let middle = rng.below(1000);
    let last = rng.below(10_000);
    format!("{prefix} {middle:03} {last:04}")
}

/// A random-looking code of `len` letters and digits.
fn code(rng: &mut Rng, len: usize) -> String {
    let mut out = String::with_capacity(len);
    for _ in 0..len {
        let index = rng.below(CODE_CHARS.len() as u64) as usize;
        out.push(char::from(CODE_CHARS[index]));
    }
    out
}

/// A spam link: a shortener, a generated deals domain, or a random subdomain.
fn spam_url(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => {
            let host = *rng.pick(SHORTENERS);
            let id = code(rng, 7);
            format!("https://{host}/{id}")
        }
        1 => {
            let word = *rng.pick(SPAM_HOST_WORDS);
            let number = rng.below(1000);
            let tld = *rng.pick(SPAM_TLDS);
            format!("http://{word}-{number}{tld}")
        }
        _ => {
            let sub = code(rng, 5).to_lowercase();
            let word = *rng.pick(SPAM_HOST_WORDS);
            let tld = *rng.pick(SPAM_TLDS);
            let reference = code(rng, 6);
            format!("https://{sub}.{word}{tld}/?ref={reference}")
        }
    }
}

/// A link a member would share, by kind: 0 the shop's own site, 1 and 2 a video, 3 a map,
/// 4 a recipe blog, 5 a photo, 6 a book page.
fn ham_url(rng: &mut Rng, kind: u64) -> String {
    match kind {
        0 => {
            let path = *rng.pick(OWN_PATHS);
            format!("https://{OWN_DOMAIN}/{path}")
        }
        1 => {
            let id = code(rng, 11);
            format!("https://www.youtube.com/watch?v={id}")
        }
        2 => {
            let id = code(rng, 11);
            format!("https://youtu.be/{id}")
        }
        3 => {
            let place = *rng.pick(PLACES);
            format!("https://maps.google.com/?q={place}")
        }
        4 => {
            let host = *rng.pick(RECIPE_HOSTS);
            let path = *rng.pick(RECIPE_PATHS);
            format!("https://{host}/{path}")
        }
        5 => {
            let id = code(rng, 10);
            format!("https://www.instagram.com/p/{id}")
        }
        _ => {
            let id = 1000 + rng.below(9_000_000);
            format!("https://www.goodreads.com/book/show/{id}")
        }
    }
}
