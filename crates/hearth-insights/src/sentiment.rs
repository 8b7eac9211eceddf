//! Sentiment of a post, offline and with no model to download: a word list with a
//! strength for each word (in the manner of AFINN and VADER, written for a small shop's
//! community), in English and Spanish, and a few rules:
//!
//! - **negation**: a word within three words after `not`, `never`, `n't`, `no`, `nunca`,
//!   `sin`… counts the other way, weaker (× −0.74, as VADER);
//! - **intensity**: `very`, `really`, `so`, `muy`, `súper`… before a word strengthen it;
//! - **contrast**: what comes after `but` / `pero` counts 1.5×, what came before 0.5×;
//! - **emphasis**: each `!` (up to four) pushes a non-neutral post further;
//! - **emoji and emoticons**: 🙂 😍 👍 ❤ `:)` and 😞 😡 👎 `:(` count like words.
//!
//! Quoted lines (`> …`), code and links are someone else's words or not words at all, and
//! are left out. The language is the one whose common words the post has more of.
//!
//! The sum is squashed into a compound score in `[-1, 1]` (`s / √(s² + 15)`, as VADER).
//! A post is positive from 0.05, negative from −0.05, and counts as *confident* from
//! [`CONFIDENT`] either way: trends count confident posts, as Discourse AI does, rather
//! than averaging scores that are mostly noise.

use std::collections::HashSet;
use std::sync::OnceLock;

/// The compound score from which a post's label is confident enough to be counted.
pub const CONFIDENT: f64 = 0.5;

/// A post's label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    Positive,
    Neutral,
    Negative,
}

impl Label {
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Positive => "positive",
            Label::Neutral => "neutral",
            Label::Negative => "negative",
        }
    }

    pub fn parse(s: &str) -> Option<Label> {
        match s {
            "positive" => Some(Label::Positive),
            "neutral" => Some(Label::Neutral),
            "negative" => Some(Label::Negative),
            _ => None,
        }
    }
}

/// What [`score`] says of a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    /// The compound score, −1 to 1.
    pub compound: f64,
    pub label: Label,
    /// `en` or `es`.
    pub lang: &'static str,
}

impl Scored {
    /// Strong enough to be counted in a trend.
    pub fn confident(&self) -> bool {
        self.compound.abs() >= CONFIDENT
    }
}

const EN: &[(&str, f64)] = &[
    ("love", 3.0),
    ("loved", 3.0),
    ("loves", 3.0),
    ("lovely", 2.8),
    ("amazing", 3.0),
    ("awesome", 3.0),
    ("excellent", 3.0),
    ("fantastic", 3.0),
    ("wonderful", 3.0),
    ("perfect", 3.0),
    ("best", 2.5),
    ("great", 2.5),
    ("good", 1.9),
    ("nice", 1.8),
    ("delicious", 2.8),
    ("tasty", 2.2),
    ("yummy", 2.2),
    ("fresh", 1.2),
    ("happy", 2.3),
    ("glad", 2.0),
    ("pleased", 2.0),
    ("thanks", 1.8),
    ("thank", 1.6),
    ("thankful", 2.0),
    ("grateful", 2.2),
    ("helpful", 2.0),
    ("recommend", 1.8),
    ("enjoy", 2.2),
    ("enjoyed", 2.2),
    ("liked", 1.5),
    ("favourite", 2.0),
    ("favorite", 2.0),
    ("friendly", 2.0),
    ("kind", 1.8),
    ("beautiful", 2.9),
    ("brilliant", 2.8),
    ("superb", 3.0),
    ("welcome", 1.6),
    ("fun", 2.0),
    ("easy", 1.5),
    ("fast", 1.2),
    ("quick", 1.2),
    ("fixed", 1.3),
    ("works", 1.0),
    ("solved", 1.6),
    ("congrats", 2.5),
    ("congratulations", 2.5),
    ("yay", 2.2),
    ("wow", 2.0),
    ("impressed", 2.2),
    ("incredible", 2.8),
    ("glorious", 2.8),
    ("satisfied", 1.8),
    ("cheap", 0.8),
    ("fair", 1.2),
    ("worth", 1.5),
    ("cool", 1.5),
    ("exciting", 2.2),
    ("excited", 2.2),
    ("hate", -3.0),
    ("hated", -3.0),
    ("awful", -3.0),
    ("terrible", -3.0),
    ("horrible", -3.0),
    ("worst", -3.0),
    ("bad", -2.5),
    ("poor", -2.0),
    ("disappointing", -2.5),
    ("disappointed", -2.5),
    ("disappointment", -2.5),
    ("angry", -2.7),
    ("annoyed", -2.0),
    ("annoying", -2.2),
    ("upset", -2.2),
    ("sad", -2.0),
    ("unhappy", -2.2),
    ("stale", -2.0),
    ("burnt", -1.8),
    ("burned", -1.6),
    ("cold", -0.8),
    ("late", -1.2),
    ("slow", -1.5),
    ("rude", -2.7),
    ("dirty", -2.2),
    ("broken", -2.0),
    ("broke", -1.6),
    ("wrong", -1.8),
    ("mistake", -1.8),
    ("problem", -1.5),
    ("problems", -1.5),
    ("issue", -1.0),
    ("issues", -1.0),
    ("fail", -2.0),
    ("failed", -2.0),
    ("fails", -2.0),
    ("bug", -1.5),
    ("error", -1.5),
    ("expensive", -1.3),
    ("overpriced", -2.2),
    ("refund", -1.2),
    ("complaint", -2.0),
    ("complain", -1.8),
    ("useless", -2.5),
    ("waste", -2.2),
    ("worse", -2.3),
    ("ugly", -2.3),
    ("gross", -2.5),
    ("disgusting", -3.0),
    ("sick", -1.8),
    ("missing", -1.2),
    ("lost", -1.3),
    ("confusing", -1.6),
    ("confused", -1.4),
    ("frustrating", -2.3),
    ("frustrated", -2.3),
    ("unacceptable", -2.8),
    ("sorry", -0.8),
    ("boring", -1.8),
    ("meh", -1.0),
    ("hard", -0.8),
    ("difficult", -1.2),
];

const ES: &[(&str, f64)] = &[
    ("encanta", 3.0),
    ("encantan", 3.0),
    ("encanto", 2.8),
    ("encantada", 2.8),
    ("encantado", 2.8),
    ("amo", 3.0),
    ("increible", 2.8),
    ("excelente", 3.0),
    ("fantastico", 3.0),
    ("fantastica", 3.0),
    ("maravilloso", 3.0),
    ("maravillosa", 3.0),
    ("perfecto", 3.0),
    ("perfecta", 3.0),
    ("mejor", 2.3),
    ("genial", 2.8),
    ("bueno", 1.9),
    ("buena", 1.9),
    ("buenos", 1.9),
    ("buenas", 1.6),
    ("bien", 1.5),
    ("rico", 2.4),
    ("rica", 2.4),
    ("delicioso", 2.8),
    ("deliciosa", 2.8),
    ("sabroso", 2.3),
    ("fresco", 1.2),
    ("fresca", 1.2),
    ("feliz", 2.3),
    ("contento", 2.0),
    ("contenta", 2.0),
    ("gracias", 1.8),
    ("agradecido", 2.0),
    ("agradecida", 2.0),
    ("util", 1.8),
    ("recomiendo", 2.0),
    ("disfrute", 2.0),
    ("disfrutamos", 2.2),
    ("gusta", 1.8),
    ("gustan", 1.8),
    ("gusto", 1.5),
    ("favorito", 2.0),
    ("favorita", 2.0),
    ("amable", 2.0),
    ("amables", 2.0),
    ("bonito", 2.2),
    ("bonita", 2.2),
    ("precioso", 2.6),
    ("preciosa", 2.6),
    ("estupendo", 2.8),
    ("estupenda", 2.8),
    ("bienvenido", 1.6),
    ("bienvenida", 1.6),
    ("divertido", 2.0),
    ("facil", 1.5),
    ("rapido", 1.2),
    ("solucionado", 1.6),
    ("felicidades", 2.5),
    ("enhorabuena", 2.5),
    ("impresionante", 2.6),
    ("satisfecho", 1.8),
    ("satisfecha", 1.8),
    ("barato", 0.8),
    ("vale", 0.6),
    ("merece", 1.5),
    ("odio", -3.0),
    ("horrible", -3.0),
    ("terrible", -3.0),
    ("fatal", -2.8),
    ("peor", -2.8),
    ("malo", -2.5),
    ("mala", -2.5),
    ("malos", -2.5),
    ("mal", -2.2),
    ("pobre", -1.5),
    ("decepcionante", -2.5),
    ("decepcionado", -2.5),
    ("decepcionada", -2.5),
    ("decepcion", -2.5),
    ("enfadado", -2.5),
    ("enfadada", -2.5),
    ("molesto", -2.0),
    ("molesta", -2.0),
    ("triste", -2.0),
    ("duro", -1.5),
    ("dura", -1.5),
    ("quemado", -1.8),
    ("quemada", -1.8),
    ("frio", -0.8),
    ("fria", -0.8),
    ("tarde", -0.8),
    ("lento", -1.5),
    ("lenta", -1.5),
    ("grosero", -2.7),
    ("grosera", -2.7),
    ("sucio", -2.2),
    ("sucia", -2.2),
    ("roto", -2.0),
    ("rota", -2.0),
    ("error", -1.5),
    ("problema", -1.5),
    ("problemas", -1.5),
    ("fallo", -2.0),
    ("falla", -2.0),
    ("caro", -1.3),
    ("cara", -0.6),
    ("queja", -2.0),
    ("quejas", -2.0),
    ("inutil", -2.5),
    ("asco", -3.0),
    ("asqueroso", -3.0),
    ("falta", -1.0),
    ("perdido", -1.3),
    ("confuso", -1.6),
    ("frustrante", -2.3),
    ("inaceptable", -2.8),
    ("aburrido", -1.8),
    ("dificil", -1.2),
    ("lamentable", -2.6),
    ("desastre", -2.8),
    ("reembolso", -1.2),
];

const EN_NEGATORS: &[&str] = &[
    "not", "no", "never", "nor", "neither", "without", "cannot", "cant", "dont", "doesnt", "didnt",
    "isnt", "wasnt", "arent", "werent", "wont", "wouldnt", "shouldnt", "couldnt", "havent",
    "hasnt", "hardly", "nothing", "nobody",
];
const ES_NEGATORS: &[&str] = &[
    "no", "nunca", "jamas", "ni", "tampoco", "sin", "nada", "nadie", "apenas",
];

const EN_BOOSTERS: &[&str] = &[
    "very",
    "really",
    "so",
    "extremely",
    "super",
    "incredibly",
    "absolutely",
    "totally",
    "truly",
    "most",
    "such",
];
const ES_BOOSTERS: &[&str] = &[
    "muy",
    "tan",
    "super",
    "realmente",
    "bastante",
    "totalmente",
    "sumamente",
    "mas",
];

const EN_BUT: &[&str] = &["but", "however", "although", "though"];
const ES_BUT: &[&str] = &["pero", "aunque", "embargo"];

/// Common words, to tell the two languages apart (and to keep out of trending terms).
pub const EN_STOP: &[&str] = &[
    "the", "and", "is", "are", "was", "were", "to", "of", "in", "it", "that", "this", "for",
    "with", "you", "have", "has", "be", "on", "at", "my", "we", "our", "they", "what", "but",
    "not", "just", "from", "your", "there", "about", "would", "will", "can", "all", "any", "an",
    "or", "if", "so", "do", "does", "did", "as", "by", "me", "i", "he", "she", "his", "her",
    "them", "their", "been", "one", "out", "up", "how", "when", "which", "who", "get", "got",
    "also", "more", "some", "than", "then", "into", "too", "very", "really", "here", "its", "im",
    "ive", "dont", "thanks", "hi", "hello", "like", "know", "think", "could", "should", "much",
    "many", "well", "yes", "no",
];
pub const ES_STOP: &[&str] = &[
    "el", "la", "los", "las", "de", "del", "que", "y", "es", "en", "un", "una", "por", "con",
    "para", "se", "lo", "al", "como", "mas", "pero", "su", "sus", "le", "ya", "o", "este", "esta",
    "estos", "muy", "hay", "son", "fue", "ser", "si", "me", "mi", "nos", "os", "te", "tu", "yo",
    "porque", "cuando", "donde", "todo", "todos", "tambien", "bien", "sin", "sobre", "hola",
    "gracias", "eso", "esto", "ese", "esa", "han", "ha", "he", "hemos", "tiene", "tienen", "era",
    "estan", "estoy", "no", "uno", "unos", "unas", "otro", "otra", "algo", "nada", "mucho", "poco",
    "alguien",
];

/// Lower case without accents, so `increíble` and `increible` are one word.
fn fold(c: char) -> char {
    match c {
        'á' | 'à' | 'ä' | 'â' => 'a',
        'é' | 'è' | 'ë' | 'ê' => 'e',
        'í' | 'ì' | 'ï' | 'î' => 'i',
        'ó' | 'ò' | 'ö' | 'ô' => 'o',
        'ú' | 'ù' | 'ü' | 'û' => 'u',
        'ñ' => 'n',
        c => c,
    }
}

/// The text a post's author wrote themselves: no quoted lines, no code, no links.
fn own_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut fenced = false;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        if fenced || t.starts_with('>') || line.starts_with("    ") {
            continue;
        }
        for (k, part) in line.split('`').enumerate() {
            if k % 2 == 0 {
                for w in part.split_whitespace() {
                    if !(w.contains("://") || w.starts_with("www.")) {
                        out.push_str(w);
                        out.push(' ');
                    }
                }
            }
        }
        out.push('\n');
    }
    out
}

/// The words of a text, folded to lower case without accents; `n't` joins its word
/// (`don't` → `dont`). Each `!` is a token of its own.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in own_words(text).chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase().map(fold));
        } else if (c == '\'' || c == '’') && !word.is_empty() {
            // don't, isn't: the apostrophe goes, the word stays whole.
        } else {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            if c == '!' {
                out.push("!".into());
            }
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

const POSITIVE_MARKS: &[&str] = &[
    ":)", ":-)", ":D", ";)", "🙂", "😀", "😃", "😊", "😍", "🥰", "❤", "👍", "🎉", "🙌", "👏", "😋",
];
const NEGATIVE_MARKS: &[&str] = &[
    ":(", ":-(", "🙁", "😞", "😠", "😡", "😢", "😭", "👎", "🤢", "😤",
];

/// The language of a text by its common words: `es` when it has more Spanish ones.
pub fn language(words: &[String]) -> &'static str {
    let (en, es) = stop_words();
    let count = |set: &HashSet<&str>| words.iter().filter(|w| set.contains(w.as_str())).count();
    if count(es) > count(en) { "es" } else { "en" }
}

/// The common words of each language as sets (English, Spanish), built once.
pub fn stop_words() -> &'static (HashSet<&'static str>, HashSet<&'static str>) {
    static SETS: OnceLock<(HashSet<&str>, HashSet<&str>)> = OnceLock::new();
    SETS.get_or_init(|| {
        (
            EN_STOP.iter().copied().collect(),
            ES_STOP.iter().copied().collect(),
        )
    })
}

/// A word list as a map, built once.
fn map(list: &'static [(&'static str, f64)]) -> std::collections::HashMap<&'static str, f64> {
    list.iter().copied().collect()
}

fn lexicon(lang: &str) -> &'static std::collections::HashMap<&'static str, f64> {
    use std::sync::OnceLock;
    static EN_MAP: OnceLock<std::collections::HashMap<&str, f64>> = OnceLock::new();
    static ES_MAP: OnceLock<std::collections::HashMap<&str, f64>> = OnceLock::new();
    if lang == "es" {
        ES_MAP.get_or_init(|| map(ES))
    } else {
        EN_MAP.get_or_init(|| map(EN))
    }
}

/// Scores a text (Markdown as written).
pub fn score(text: &str) -> Scored {
    let words = words(text);
    let lang = language(&words);
    let words_map = lexicon(lang);
    let (negators, boosters, buts) = if lang == "es" {
        (ES_NEGATORS, ES_BOOSTERS, ES_BUT)
    } else {
        (EN_NEGATORS, EN_BOOSTERS, EN_BUT)
    };
    let mut valences: Vec<f64> = Vec::with_capacity(words.len());
    let mut but_at = None;
    let mut bangs = 0usize;
    for (i, w) in words.iter().enumerate() {
        if w == "!" {
            bangs += 1;
            valences.push(0.0);
            continue;
        }
        if buts.contains(&w.as_str()) {
            but_at = Some(valences.len());
        }
        let mut v = words_map.get(w.as_str()).copied().unwrap_or(0.0);
        if v != 0.0 {
            if i > 0 && boosters.contains(&words[i - 1].as_str()) {
                v *= 1.3;
            }
            let window = &words[i.saturating_sub(3)..i];
            if window.iter().any(|p| negators.contains(&p.as_str())) {
                v *= -0.74;
            }
        }
        valences.push(v);
    }
    if let Some(at) = but_at {
        for (k, v) in valences.iter_mut().enumerate() {
            *v *= if k < at { 0.5 } else { 1.5 };
        }
    }
    let mut sum: f64 = valences.iter().sum();
    // Emoticons need ':' or ';', emoji a byte beyond ASCII: most posts have neither.
    let marks = !text.is_ascii() || text.contains([':', ';']);
    for m in POSITIVE_MARKS.iter().filter(|_| marks) {
        sum += 2.0 * text.matches(m).count() as f64;
    }
    for m in NEGATIVE_MARKS.iter().filter(|_| marks) {
        sum -= 2.0 * text.matches(m).count() as f64;
    }
    if sum != 0.0 {
        sum += sum.signum() * 0.292 * bangs.min(4) as f64;
    }
    let compound = sum / (sum * sum + 15.0).sqrt();
    let label = if compound >= 0.05 {
        Label::Positive
    } else if compound <= -0.05 {
        Label::Negative
    } else {
        Label::Neutral
    };
    Scored {
        compound,
        label,
        lang,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(text: &str) -> Label {
        score(text).label
    }

    #[test]
    fn english_words_negation_contrast_and_emphasis() {
        assert_eq!(
            label("I love this sourdough, it's delicious"),
            Label::Positive
        );
        assert_eq!(label("I don't love the new recipe"), Label::Negative);
        assert_eq!(label("Honestly, not bad at all"), Label::Positive);
        assert_eq!(
            label("The cake was good but the service was terrible"),
            Label::Negative
        );
        assert_eq!(label("Opening hours on Sunday?"), Label::Neutral);
        assert!(score("Great bread!!!").compound > score("Great bread").compound);
        assert!(score("very good").compound > score("good").compound);
        assert!(score("Amazing, the best croissants in town, thank you!").confident());
        assert!(!score("It was ok I guess, a bit late").confident());
    }

    #[test]
    fn spanish_words_accents_and_negation() {
        let s = score("Me encanta este pan, es increíble");
        assert_eq!((s.label, s.lang), (Label::Positive, "es"));
        assert_eq!(label("No me gusta nada el nuevo horario"), Label::Negative);
        assert_eq!(label("El pan no está mal"), Label::Positive);
        assert_eq!(
            label("Muy rico pero el servicio fue horrible"),
            Label::Negative
        );
        assert_eq!(score("¿A qué hora abrís el domingo?").label, Label::Neutral);
    }

    #[test]
    fn quotes_code_and_links_are_not_the_authors_words() {
        assert_eq!(
            label("> This is terrible and awful\n\nWhere is the shop?"),
            Label::Neutral
        );
        assert_eq!(label("```\nerror: failed\n```\nDone."), Label::Neutral);
        assert_eq!(words("See https://x.test/awful now"), vec!["see", "now"]);
        assert_eq!(label("Thanks 🙂"), Label::Positive);
        assert_eq!(label("👎"), Label::Negative);
    }
}
