//! The pure part of Hearth's spam filter.
//!
//! New posts are scored by a multinomial naive Bayes model trained on moderators' decisions
//! (spam or not spam), raised by heuristics for what the words cannot show: links from new
//! members, a very fast first post, the same text posted again. The model round-trips
//! through text ([`Model::to_text`], [`Model::from_text`]) so the store can keep it as one
//! blob. [`labelled_set`] and [`evaluate`] measure the filter against the rule it must beat,
//! "spam iff the post has a link" ([`links_only`]). Nothing here does I/O.

use std::collections::BTreeMap;

use crate::Invalid;
use crate::rng::Rng;

/// Decisions of each class the model needs before its probability means anything.
pub const MIN_PER_CLASS: u64 = 5;

/// The default score at or above which a new post is held for review.
pub const HOLD_THRESHOLD: f64 = 0.8;

/// Shortest and longest words (in chars) the filter looks at.
const MIN_TOKEN_CHARS: usize = 2;
const MAX_TOKEN_CHARS: usize = 24;

/// What every all-digit word becomes, so prices and phone numbers share one token.
const NUMBER_TOKEN: &str = "#num";

/// Characters that end a URL besides whitespace.
const URL_END: [char; 5] = [')', ']', '>', '"', '\''];

/// First word and version of the text form of a model.
const HEADER: &str = "hearth-spam";
const FORMAT_VERSION: &str = "1";

/// The field named in errors from [`Model::from_text`].
const FIELD: &str = "spam_model";

/// Heuristic weights (see [`heuristic_score`]).
const NEW_MEMBER_LINKS: f64 = 0.45;
const MANY_LINKS: f64 = 0.1;
const MANY_LINKS_FROM: usize = 3;
const FAST_FIRST_POST: f64 = 0.25;
const FAST_FIRST_POST_SECS: i64 = 60;
const DUPLICATE: f64 = 0.45;

/// Words of a post as the filter sees them.
///
/// Lowercased words of 2 to 24 alphanumeric chars (all-digit words become `#num`), then for
/// every http(s) URL one `has:link` and one `link:<host>` (lowercase, without `www.`), then
/// `has:money` if the text shows a `$`, `€` or `£`.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = word_tokens(text);
    for url in find_urls(text) {
        out.push("has:link".to_string());
        out.push(format!("link:{}", url_host(&url)));
    }
    if text.contains(['$', '€', '£']) {
        out.push("has:money".to_string());
    }
    out
}

/// The number of http(s) URLs in the text.
pub fn external_links(text: &str) -> usize {
    find_urls(text).len()
}

/// The lowercased alphanumeric words of the text that are long enough to mean something.
fn word_tokens(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    for word in lower.split(|c: char| !c.is_alphanumeric()) {
        let chars = word.chars().count();
        if !(MIN_TOKEN_CHARS..=MAX_TOKEN_CHARS).contains(&chars) {
            continue;
        }
        if word.chars().all(|c| c.is_ascii_digit()) {
            out.push(NUMBER_TOKEN.to_string());
        } else {
            out.push(word.to_string());
        }
    }
    out
}

/// Every `http://` or `https://` URL in the text (ASCII-lowercased), up to whitespace or
/// one of `)]>"'`. URLs without a host are skipped.
fn find_urls(text: &str) -> Vec<String> {
    let lower = text.to_ascii_lowercase();
    let mut urls = Vec::new();
    let mut rest = lower.as_str();
    while let Some(start) = next_scheme(rest) {
        let candidate = &rest[start..];
        let end = candidate
            .find(|c: char| c.is_whitespace() || URL_END.contains(&c))
            .unwrap_or(candidate.len());
        let url = &candidate[..end];
        if !url_host(url).is_empty() {
            urls.push(url.to_string());
        }
        rest = &candidate[end..];
    }
    urls
}

/// Where the next `http://` or `https://` starts in lowercase text.
fn next_scheme(text: &str) -> Option<usize> {
    match (text.find("http://"), text.find("https://")) {
        (Some(plain), Some(secure)) => Some(plain.min(secure)),
        (Some(plain), None) => Some(plain),
        (None, secure) => secure,
    }
}

/// The lowercase host of a URL without `www.`: it stops at `/`, `:`, `?`, `#` or any other
/// char that is not alphanumeric, `-` or `.`.
fn url_host(url: &str) -> String {
    let after_scheme = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let raw: String = after_scheme
        .chars()
        .take_while(|c: &char| c.is_alphanumeric() || *c == '-' || *c == '.')
        .collect();
    let lower = raw.to_lowercase();
    let trimmed = lower.trim_matches('.');
    trimmed.strip_prefix("www.").unwrap_or(trimmed).to_string()
}

/// A multinomial naive Bayes model: how many decisions of each class it has seen, and how
/// often each token appeared in each class (with multiplicity).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    spam_docs: u64,
    ham_docs: u64,
    spam_tokens: u64,
    ham_tokens: u64,
    /// token -> (count in spam, count in ham); never (0, 0).
    counts: BTreeMap<String, (u64, u64)>,
}

impl Model {
    /// An empty model: no decisions yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Learns from one moderator decision.
    pub fn train(&mut self, text: &str, is_spam: bool) {
        let words = tokens(text);
        let added = words.len() as u64;
        for token in words {
            let entry = self.counts.entry(token).or_insert((0, 0));
            if is_spam {
                entry.0 += 1;
            } else {
                entry.1 += 1;
            }
        }
        if is_spam {
            self.spam_docs += 1;
            self.spam_tokens += added;
        } else {
            self.ham_docs += 1;
            self.ham_tokens += added;
        }
    }

    /// Forgets one decision, for a decision that is reversed.
    ///
    /// Counts never go below zero and tokens left with no counts are dropped, so untraining
    /// what was trained gives back the model from before.
    pub fn untrain(&mut self, text: &str, is_spam: bool) {
        let mut removed: u64 = 0;
        for token in tokens(text) {
            if self.remove_one(&token, is_spam) {
                removed += 1;
            }
        }
        if is_spam {
            self.spam_docs = self.spam_docs.saturating_sub(1);
            self.spam_tokens = self.spam_tokens.saturating_sub(removed);
        } else {
            self.ham_docs = self.ham_docs.saturating_sub(1);
            self.ham_tokens = self.ham_tokens.saturating_sub(removed);
        }
    }

    /// Takes one occurrence of `token` off a class; false when there was none to take.
    fn remove_one(&mut self, token: &str, is_spam: bool) -> bool {
        let Some(entry) = self.counts.get_mut(token) else {
            return false;
        };
        let count = if is_spam { &mut entry.0 } else { &mut entry.1 };
        if *count == 0 {
            return false;
        }
        *count -= 1;
        if *entry == (0, 0) {
            self.counts.remove(token);
        }
        true
    }

    /// (spam decisions, not-spam decisions) the model has learned from.
    pub fn decisions(&self) -> (u64, u64) {
        (self.spam_docs, self.ham_docs)
    }

    /// Whether the model has seen at least [`MIN_PER_CLASS`] decisions of each class.
    pub fn is_ready(&self) -> bool {
        self.spam_docs >= MIN_PER_CLASS && self.ham_docs >= MIN_PER_CLASS
    }

    /// How many distinct tokens the model knows.
    pub fn vocabulary(&self) -> usize {
        self.counts.len()
    }

    /// P(spam | text), or 0.5 until [`Model::is_ready`].
    ///
    /// Multinomial naive Bayes in log space: Laplace smoothing (alpha 1 over the
    /// vocabulary), class priors from the decision counts (+1 each). Tokens the model has
    /// never seen carry no evidence and are skipped.
    pub fn spam_probability(&self, text: &str) -> f64 {
        if !self.is_ready() {
            return 0.5;
        }
        let (mut log_spam, mut log_ham) = self.log_priors();
        let vocabulary = self.vocabulary().max(1) as f64;
        let spam_denominator = (self.spam_tokens as f64 + vocabulary).ln();
        let ham_denominator = (self.ham_tokens as f64 + vocabulary).ln();
        for token in tokens(text) {
            let Some(&(spam, ham)) = self.counts.get(token.as_str()) else {
                continue;
            };
            log_spam += (spam as f64 + 1.0).ln() - spam_denominator;
            log_ham += (ham as f64 + 1.0).ln() - ham_denominator;
        }
        posterior(log_spam, log_ham)
    }

    /// ln P(spam) and ln P(not spam) from the decision counts, each smoothed by one.
    fn log_priors(&self) -> (f64, f64) {
        let total = (self.spam_docs + self.ham_docs) as f64 + 2.0;
        let spam = (self.spam_docs as f64 + 1.0) / total;
        let ham = (self.ham_docs as f64 + 1.0) / total;
        (spam.ln(), ham.ln())
    }

    /// The model as text, for the store.
    ///
    /// A header line `hearth-spam 1 <spam docs> <ham docs>`, then one line
    /// `<token>\t<spam count>\t<ham count>` per token, sorted by token.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "{HEADER} {FORMAT_VERSION} {} {}\n",
            self.spam_docs, self.ham_docs
        );
        for (token, (spam, ham)) in &self.counts {
            if token.contains(['\t', '\n', '\r']) {
                continue;
            }
            out.push_str(token);
            out.push('\t');
            out.push_str(&spam.to_string());
            out.push('\t');
            out.push_str(&ham.to_string());
            out.push('\n');
        }
        out
    }

    /// Parses what [`Model::to_text`] wrote.
    ///
    /// An empty text is an empty model; a bad header or line is an error naming the line.
    pub fn from_text(text: &str) -> Result<Model, Invalid> {
        if text.trim().is_empty() {
            return Ok(Model::new());
        }
        let mut lines = text.lines();
        let mut model = parse_header(lines.next().unwrap_or_default())?;
        for (index, line) in lines.enumerate() {
            let number = index + 2;
            if line.trim().is_empty() {
                continue;
            }
            let (token, spam, ham) =
                parse_count_line(line).map_err(|what| invalid_line(number, what))?;
            if model.counts.contains_key(token) {
                return Err(invalid_line(number, "the token appears twice"));
            }
            if spam == 0 && ham == 0 {
                continue;
            }
            model.spam_tokens = model.spam_tokens.saturating_add(spam);
            model.ham_tokens = model.ham_tokens.saturating_add(ham);
            model.counts.insert(token.to_string(), (spam, ham));
        }
        Ok(model)
    }
}

/// P(spam) from the two class log-likelihoods, by log-sum-exp so long texts do not
/// underflow; clamped to [0, 1].
fn posterior(log_spam: f64, log_ham: f64) -> f64 {
    let top = log_spam.max(log_ham);
    let spam = (log_spam - top).exp();
    let ham = (log_ham - top).exp();
    let p = spam / (spam + ham);
    if p.is_nan() { 0.5 } else { p.clamp(0.0, 1.0) }
}

/// The error for line `number` of a model's text.
fn invalid_line(number: usize, what: &str) -> Invalid {
    Invalid::new(FIELD, format!("line {number}: {what}"))
}

/// A decimal count.
fn parse_count(text: &str) -> Option<u64> {
    text.parse().ok()
}

/// The first line of a model's text: an empty model with its decision counts.
fn parse_header(line: &str) -> Result<Model, Invalid> {
    let parts: Vec<&str> = line.split_whitespace().collect();
    let [magic, version, spam, ham] = parts.as_slice() else {
        return Err(invalid_line(
            1,
            "expected \"hearth-spam 1 <spam decisions> <not-spam decisions>\"",
        ));
    };
    if *magic != HEADER {
        return Err(invalid_line(1, "this is not a Hearth spam model"));
    }
    if *version != FORMAT_VERSION {
        return Err(invalid_line(
            1,
            &format!("unknown format version {version}"),
        ));
    }
    let spam_docs = parse_count(spam)
        .ok_or_else(|| invalid_line(1, "the spam decision count is not a number"))?;
    let ham_docs = parse_count(ham)
        .ok_or_else(|| invalid_line(1, "the not-spam decision count is not a number"))?;
    Ok(Model {
        spam_docs,
        ham_docs,
        ..Model::default()
    })
}

/// One `<token>\t<spam count>\t<ham count>` line.
fn parse_count_line(line: &str) -> Result<(&str, u64, u64), &'static str> {
    let mut fields = line.split('\t');
    let token = fields.next().unwrap_or_default();
    if token.is_empty() {
        return Err("the token is empty");
    }
    let spam = fields
        .next()
        .and_then(parse_count)
        .ok_or("the spam count is missing or not a number")?;
    let ham = fields
        .next()
        .and_then(parse_count)
        .ok_or("the not-spam count is missing or not a number")?;
    if fields.next().is_some() {
        return Err("expected three tab-separated fields");
    }
    Ok((token, spam, ham))
}

/// What Hearth knows about a post besides its words.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Signals {
    /// The author is at trust level 0.
    pub new_member: bool,
    /// This is the author's first post.
    pub first_post: bool,
    /// How long after joining the post was written.
    pub seconds_since_join: i64,
    /// The same text was already posted recently (by anyone).
    pub duplicate: bool,
    /// How many http(s) links the post has.
    pub external_links: usize,
}

/// Heuristic evidence in [0, 1]: 0 = nothing suspicious.
///
/// Links from a new member add 0.45 (0.55 from three links on), a first post within a
/// minute of joining 0.25, a duplicate 0.45; the sum is capped at 1.
pub fn heuristic_score(s: &Signals) -> f64 {
    let mut score = 0.0;
    if s.new_member && s.external_links > 0 {
        score += NEW_MEMBER_LINKS;
        if s.external_links >= MANY_LINKS_FROM {
            score += MANY_LINKS;
        }
    }
    if s.first_post && (0..=FAST_FIRST_POST_SECS).contains(&s.seconds_since_join) {
        score += FAST_FIRST_POST;
    }
    if s.duplicate {
        score += DUPLICATE;
    }
    f64::min(score, 1.0)
}

/// The score Hearth compares with the hold threshold.
///
/// The Bayes probability when the model is ready, raised by heuristics:
/// `1 - (1 - p_bayes) * (1 - heuristic)`. With a model that is not ready it is exactly the
/// heuristic score.
pub fn score(model: &Model, text: &str, s: &Signals) -> f64 {
    let heuristic = heuristic_score(s);
    if !model.is_ready() {
        return heuristic;
    }
    let bayes = model.spam_probability(text);
    (1.0 - (1.0 - bayes) * (1.0 - heuristic)).clamp(0.0, 1.0)
}

/// The baseline the filter must beat: spam iff the text has an external link.
pub fn links_only(text: &str) -> bool {
    external_links(text) > 0
}

/// A confusion matrix for spam predictions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evaluation {
    pub true_positives: u64,
    pub false_positives: u64,
    pub false_negatives: u64,
    pub true_negatives: u64,
}

impl Evaluation {
    /// Counts one prediction against the truth.
    pub fn add(&mut self, predicted_spam: bool, is_spam: bool) {
        match (predicted_spam, is_spam) {
            (true, true) => self.true_positives += 1,
            (true, false) => self.false_positives += 1,
            (false, true) => self.false_negatives += 1,
            (false, false) => self.true_negatives += 1,
        }
    }

    /// Of the posts predicted spam, the share that was spam; None when none was predicted.
    pub fn precision(&self) -> Option<f64> {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    /// Of the spam, the share predicted spam; None when there was no spam.
    pub fn recall(&self) -> Option<f64> {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    /// How many predictions were counted.
    pub fn total(&self) -> u64 {
        self.true_positives + self.false_positives + self.false_negatives + self.true_negatives
    }
}

/// `part / whole`, or None when `whole` is zero.
fn ratio(part: u64, whole: u64) -> Option<f64> {
    if whole == 0 {
        None
    } else {
        Some(part as f64 / whole as f64)
    }
}

/// Held-out evaluation of the filter against the links-only baseline.
///
/// Every `fold`-th example (index % fold == fold - 1) is held out; the model is trained on
/// the rest, then the held-out ones are classified with
/// `spam_probability >= threshold` (text only, no heuristics). Returns (filter evaluation,
/// links-only evaluation on the same held-out examples). A `fold` of 0 is taken as 1, which
/// holds out everything and trains on nothing.
pub fn evaluate(
    examples: &[(String, bool)],
    fold: usize,
    threshold: f64,
) -> (Evaluation, Evaluation) {
    let fold = fold.max(1);
    let mut model = Model::new();
    for (index, (text, is_spam)) in examples.iter().enumerate() {
        if !is_held_out(index, fold) {
            model.train(text, *is_spam);
        }
    }
    let mut filter = Evaluation::default();
    let mut baseline = Evaluation::default();
    for (index, (text, is_spam)) in examples.iter().enumerate() {
        if is_held_out(index, fold) {
            filter.add(model.spam_probability(text) >= threshold, *is_spam);
            baseline.add(links_only(text), *is_spam);
        }
    }
    (filter, baseline)
}

/// Whether example `index` is held out of training (`fold` > 0).
fn is_held_out(index: usize, fold: usize) -> bool {
    index % fold == fold - 1
}

// ---------------------------------------------------------------------------------------
// The labelled set: posts of a small bakery, bookshop and café community, and the spam
// that finds its way there.
// ---------------------------------------------------------------------------------------

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

#[cfg(test)]
mod tests {
    use super::*;

    const SPAM: [&str; 10] = [
        "buy cheap followers now guaranteed",
        "earn money from home fast cash",
        "crypto investment double your bitcoin",
        "cheap pills online no prescription",
        "click here to claim your prize winner",
        "work from home earn cash daily guaranteed",
        "bitcoin profit guaranteed invest now",
        "cheap followers and likes fast delivery",
        "win a free prize click now",
        "fast loans cash approval guaranteed",
    ];

    const HAM: [&str; 10] = [
        "what time does the bakery open on saturday",
        "loved the sourdough class thanks to the team",
        "is the book club meeting next week",
        "my bread came out dense any tips on proofing",
        "the croissants were delicious this morning",
        "can i preorder a loaf of rye bread for sunday",
        "great reading at the bookshop last night",
        "does the cafe have oat milk for the latte",
        "the kids baking session was lovely",
        "which flour do you use for the focaccia",
    ];

    fn trained() -> Model {
        let mut model = Model::new();
        for text in SPAM {
            model.train(text, true);
        }
        for text in HAM {
            model.train(text, false);
        }
        model
    }

    fn f1(e: &Evaluation) -> f64 {
        let p = e.precision().unwrap_or(0.0);
        let r = e.recall().unwrap_or(0.0);
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    #[test]
    fn tokens_are_lowercase_words_with_numbers_collapsed() {
        let t = tokens("Fresh SOURDOUGH at 7 and 830, Crème brûlée");
        assert_eq!(
            t,
            ["fresh", "sourdough", "at", "and", "#num", "crème", "brûlée"]
        );
    }

    #[test]
    fn tokens_drop_single_chars_and_apostrophes() {
        let t = tokens("I don't know a b c");
        assert_eq!(t, ["don", "know"]);
    }

    #[test]
    fn tokens_name_the_link_host() {
        let t = tokens("see https://www.Example.com/path?x=1 now");
        assert!(t.contains(&"link:example.com".to_string()), "{t:?}");
        assert_eq!(t.iter().filter(|w| *w == "has:link").count(), 1);
        assert_eq!(external_links("a (http://a.org) and https://b.net/x, c"), 2);
        assert_eq!(external_links("no links here, just http:// alone"), 0);
    }

    #[test]
    fn tokens_see_money_and_non_latin_scripts() {
        assert!(tokens("only €5").contains(&"has:money".to_string()));
        assert!(!tokens("only 5 euros").contains(&"has:money".to_string()));
        let t = tokens("パン教室はまだ空いていますか？");
        assert_eq!(t, ["パン教室はまだ空いていますか"]);
    }

    #[test]
    fn trained_model_separates_obvious_posts() {
        let model = trained();
        assert!(model.is_ready());
        assert_eq!(model.decisions(), (10, 10));
        let spammy =
            model.spam_probability("guaranteed cash, invest in bitcoin now and claim your prize");
        let hammy = model.spam_probability("the sourdough class at the bakery was lovely");
        assert!(spammy > 0.9, "{spammy}");
        assert!(hammy < 0.1, "{hammy}");
    }

    #[test]
    fn untrained_model_says_half() {
        let mut model = Model::new();
        assert_eq!(model.spam_probability("cheap followers"), 0.5);
        for text in &SPAM[..4] {
            model.train(text, true);
        }
        for text in HAM {
            model.train(text, false);
        }
        assert!(!model.is_ready());
        assert_eq!(model.spam_probability("cheap followers"), 0.5);
    }

    #[test]
    fn untrain_restores_the_model() {
        let mut model = trained();
        for text in SPAM {
            model.untrain(text, true);
        }
        for text in HAM {
            model.untrain(text, false);
        }
        assert_eq!(model, Model::new());
        model.untrain("never seen", true);
        assert_eq!(model, Model::new());
    }

    #[test]
    fn text_form_round_trips() {
        let mut model = trained();
        model.train(
            "Grüße aus München, パン https://www.Bakery.example/x $5",
            false,
        );
        let text = model.to_text();
        assert!(text.starts_with("hearth-spam 1 10 11\n"), "{text}");
        assert_eq!(Model::from_text(&text), Ok(model));
        assert_eq!(Model::from_text(""), Ok(Model::new()));
        assert_eq!(Model::from_text(&Model::new().to_text()), Ok(Model::new()));
    }

    #[test]
    fn garbage_text_names_the_line() {
        let err = Model::from_text("hearth-spam 1 3 4\nbread\t1\t2\nfoo\n").unwrap_err();
        assert_eq!(err.field, "spam_model");
        assert!(err.message.starts_with("line 3:"), "{}", err.message);
        let err = Model::from_text("not a model at all").unwrap_err();
        assert!(err.message.starts_with("line 1:"), "{}", err.message);
        let err = Model::from_text("hearth-spam 2 3 4\n").unwrap_err();
        assert!(err.message.contains("version"), "{}", err.message);
        let err = Model::from_text("hearth-spam 1 3 4\nbread\t1\tx\n").unwrap_err();
        assert!(err.message.starts_with("line 2:"), "{}", err.message);
    }

    #[test]
    fn long_text_does_not_underflow() {
        let model = trained();
        let mut text = String::new();
        for i in 0..20_000 {
            text.push_str(if i % 3 == 0 { "sourdough " } else { "bitcoin " });
        }
        let p = model.spam_probability(&text);
        assert!(!p.is_nan());
        assert!((0.0..=1.0).contains(&p), "{p}");
        assert!(p > 0.5, "{p}");
    }

    #[test]
    fn heuristics_cap_at_one() {
        let s = Signals {
            new_member: true,
            first_post: true,
            seconds_since_join: 20,
            duplicate: true,
            external_links: 4,
        };
        assert_eq!(heuristic_score(&s), 1.0);
        let quiet = Signals {
            new_member: false,
            first_post: true,
            seconds_since_join: 86_400,
            duplicate: false,
            external_links: 2,
        };
        assert_eq!(heuristic_score(&quiet), 0.0);
        assert_eq!(heuristic_score(&Signals::default()), 0.0);
    }

    #[test]
    fn heuristics_add_up() {
        let links = Signals {
            new_member: true,
            external_links: 1,
            seconds_since_join: 3_600,
            ..Signals::default()
        };
        assert!((heuristic_score(&links) - 0.45).abs() < 1e-9);
        let fast = Signals {
            first_post: true,
            seconds_since_join: 30,
            ..Signals::default()
        };
        assert!((heuristic_score(&fast) - 0.25).abs() < 1e-9);
    }

    #[test]
    fn score_combines_bayes_and_heuristics() {
        let s = Signals {
            new_member: true,
            external_links: 1,
            duplicate: true,
            ..Signals::default()
        };
        let unready = Model::new();
        assert_eq!(score(&unready, "cheap followers", &s), heuristic_score(&s));
        let model = trained();
        let text = "the sourdough class at the bakery was lovely";
        let p = model.spam_probability(text);
        let combined = score(&model, text, &s);
        assert!(
            combined >= p && combined >= heuristic_score(&s),
            "{combined}"
        );
        assert!((score(&model, text, &Signals::default()) - p).abs() < 1e-12);
    }

    #[test]
    fn evaluation_counts() {
        let mut e = Evaluation::default();
        assert_eq!(e.precision(), None);
        assert_eq!(e.recall(), None);
        e.add(true, true);
        e.add(true, false);
        e.add(false, true);
        e.add(false, false);
        e.add(true, true);
        assert_eq!(e.total(), 5);
        assert_eq!(e.precision(), Some(2.0 / 3.0));
        assert_eq!(e.recall(), Some(2.0 / 3.0));
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
}
