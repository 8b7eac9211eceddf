//! The pure part of Hearth's spam filter.
//!
//! New posts are scored by a multinomial naive Bayes model trained on moderators' decisions
//! (spam or not spam), raised by heuristics for what the words cannot show: links from new
//! members, a very fast first post, the same text posted again. The model round-trips
//! through text ([`Model::to_text`], [`Model::from_text`]) so the store can keep it as one
//! blob. [`evaluate`] measures the filter against the rule it must beat, "spam iff the post
//! has a link" ([`links_only`]), on the labelled set that lives with the tests
//! (`crates/hearth-core/tests/support/spam_corpus.rs`). Nothing here does I/O.

use std::collections::BTreeMap;

use crate::Invalid;

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
            let (token, spam, ham) = parse_count_line(line)
                .map_err(|what| invalid_line(number, crate::Message::new(what)))?;
            if model.counts.contains_key(token) {
                return Err(invalid_line(
                    number,
                    crate::Message::new("err-spam-model-token-twice"),
                ));
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
fn invalid_line(number: usize, what: crate::Message) -> Invalid {
    Invalid::new(FIELD, what.with("number", number))
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
            crate::Message::new("err-spam-model-header"),
        ));
    };
    if *magic != HEADER {
        return Err(invalid_line(1, crate::Message::new("err-spam-model-magic")));
    }
    if *version != FORMAT_VERSION {
        return Err(invalid_line(
            1,
            crate::message!("err-spam-model-version", version = *version),
        ));
    }
    let spam_docs = parse_count(spam)
        .ok_or_else(|| invalid_line(1, crate::Message::new("err-spam-model-spam-decisions")))?;
    let ham_docs = parse_count(ham)
        .ok_or_else(|| invalid_line(1, crate::Message::new("err-spam-model-ham-decisions")))?;
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
        return Err("err-spam-model-token-empty");
    }
    let spam = fields
        .next()
        .and_then(parse_count)
        .ok_or("err-spam-model-spam-count")?;
    let ham = fields
        .next()
        .and_then(parse_count)
        .ok_or("err-spam-model-ham-count")?;
    if fields.next().is_some() {
        return Err("err-spam-model-fields");
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
        let line = |err: &Invalid| err.message.arg("number").cloned();
        assert_eq!(line(&err), Some(3.into()), "{err}");
        assert_eq!(err.message.key, "err-spam-model-spam-count");
        let err = Model::from_text("not a model at all").unwrap_err();
        assert_eq!(line(&err), Some(1.into()), "{err}");
        let err = Model::from_text("hearth-spam 2 3 4\n").unwrap_err();
        assert_eq!(err.message.key, "err-spam-model-version", "{err}");
        let err = Model::from_text("hearth-spam 1 3 4\nbread\t1\tx\n").unwrap_err();
        assert_eq!(line(&err), Some(2.into()), "{err}");
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
}
