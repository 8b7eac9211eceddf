//! Search queries as members type them, made safe for the database's full-text index, and
//! the highlighted snippets shown with results.
//!
//! A query is words and "quoted phrases"; every word must match (AND). Nothing a member
//! types reaches the index as syntax: FTS5 operators (`AND`, `OR`, `NEAR`, `*`, `^`, `:`,
//! `-`, parentheses) are only ever words inside quotes, so a query never fails to parse in
//! the database. PostgreSQL gets the same words through `websearch_to_tsquery`.

use crate::error::Invalid;

/// Longest query, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// Most words and phrases in one query.
pub const MAX_TERMS: usize = 12;

/// Accented letters PostgreSQL's index folds (with `translate`, in migration 0017) and
/// the query folds the same way, so "creme" finds "crème" there as SQLite's
/// `remove_diacritics` does. One character for one, lowercase.
pub const FOLD_FROM: &str = "àáâãäåāăąçćčďèéêëēėęěìíîïīįñńňòóôõöøōőùúûüūůűųýÿžźżšśşřŕľĺłţťğ";
pub const FOLD_TO: &str = "aaaaaaaaacccdeeeeeeeeiiiiiinnnoooooooouuuuuuuuyyzzzsssrrlllttg";

/// `word` with the accents of [`FOLD_FROM`] taken off.
pub fn fold(word: &str) -> String {
    word.chars()
        .map(|c| {
            FOLD_FROM
                .chars()
                .position(|f| f == c)
                .and_then(|i| FOLD_TO.chars().nth(i))
                .unwrap_or(c)
        })
        .collect()
}

/// A parsed search query: its terms, each a word or a phrase of words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// Each term is one or more lowercased words (more than one for a phrase).
    pub terms: Vec<Vec<String>>,
}

/// Words of `text` as the index sees them: runs of letters and digits, lowercased.
fn words(text: &str) -> Vec<String> {
    // Lowercase first: some capitals lowercase to a letter and a combining mark (İ).
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

impl Query {
    /// Parses what a member typed. An empty query, one with no letters or digits, or one
    /// over the limits is an error naming `q`.
    pub fn parse(input: &str) -> Result<Query, Invalid> {
        if input.chars().count() > MAX_QUERY_CHARS {
            return Err(Invalid::new(
                "q",
                crate::message!("err-at-most-characters", max = MAX_QUERY_CHARS),
            ));
        }
        let mut terms = Vec::new();
        for (i, part) in input.split('"').enumerate() {
            if i % 2 == 1 {
                let phrase = words(part);
                if !phrase.is_empty() {
                    terms.push(phrase);
                }
            } else {
                terms.extend(words(part).into_iter().map(|w| vec![w]));
            }
        }
        let mut seen = std::collections::HashSet::new();
        terms.retain(|t| seen.insert(t.clone()));
        if terms.is_empty() {
            return Err(Invalid::new("q", "err-search-empty"));
        }
        if terms.len() > MAX_TERMS {
            return Err(Invalid::new(
                "q",
                crate::message!("err-search-terms", max = MAX_TERMS),
            ));
        }
        Ok(Query { terms })
    }

    /// The query in FTS5 syntax: each term quoted (so it is never an operator), ANDed.
    pub fn fts5(&self) -> String {
        self.terms
            .iter()
            .map(|t| format!("\"{}\"", t.join(" ")))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The query for PostgreSQL's `websearch_to_tsquery`: every term quoted (only letters
    /// and digits are left, and quoting keeps `or` a word), accents folded as the index
    /// folds them.
    pub fn websearch(&self) -> String {
        self.terms
            .iter()
            .map(|t| {
                // Quoted even alone: a bare `or` is an operator to websearch_to_tsquery.
                let words: Vec<String> = t.iter().map(|w| fold(w)).collect();
                format!("\"{}\"", words.join(" "))
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Every word of the query, for highlighting.
    pub fn all_words(&self) -> Vec<&str> {
        self.terms.iter().flatten().map(String::as_str).collect()
    }
}

fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// A snippet of `plain` (plain text, not HTML) around the first word of `query` found,
/// about `width` characters long, HTML-escaped, with every query word wrapped in `<mark>`.
pub fn snippet_html(plain: &str, query: &Query, width: usize) -> String {
    let chars: Vec<char> = plain.chars().collect();
    let lowered: Vec<char> = chars
        .iter()
        .map(|c| c.to_lowercase().next().unwrap_or(*c))
        .collect();
    let targets: Vec<Vec<char>> = query
        .all_words()
        .iter()
        .map(|w| w.chars().collect())
        .collect();
    // Where each query word starts, on word boundaries.
    let is_word = |i: usize| lowered.get(i).is_some_and(|c| c.is_alphanumeric());
    let mut hits: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < lowered.len() {
        let starts_word = !is_word(i.wrapping_sub(1)) || i == 0;
        let found = if starts_word {
            targets.iter().find(|t| {
                !t.is_empty()
                    && lowered.get(i..i + t.len()) == Some(&t[..])
                    && !is_word(i + t.len())
            })
        } else {
            None
        };
        match found {
            Some(t) => {
                hits.push((i, i + t.len()));
                i += t.len();
            }
            None => i += 1,
        }
    }
    let first = hits.first().map_or(0, |h| h.0);
    let start = first.saturating_sub(width / 3);
    let end = (start + width).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut at = start;
    for (from, to) in hits.iter().filter(|h| h.0 >= start && h.1 <= end) {
        escape(&chars[at..*from].iter().collect::<String>(), &mut out);
        out.push_str("<mark>");
        escape(&chars[*from..*to].iter().collect::<String>(), &mut out);
        out.push_str("</mark>");
        at = *to;
    }
    escape(&chars[at..end].iter().collect::<String>(), &mut out);
    if end < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_become_safe_terms() {
        let q = Query::parse("Sourdough \"rye  bread\" starter").unwrap();
        assert_eq!(
            q.terms,
            vec![
                vec!["sourdough".to_string()],
                vec!["rye".to_string(), "bread".to_string()],
                vec!["starter".to_string()]
            ]
        );
        assert_eq!(q.fts5(), "\"sourdough\" \"rye bread\" \"starter\"");
        assert_eq!(q.websearch(), "\"sourdough\" \"rye bread\" \"starter\"");
        // FTS syntax is only ever words.
        let q = Query::parse("flour* AND NEAR(a b) -c ^d col:e \"unclosed").unwrap();
        assert_eq!(
            q.fts5(),
            "\"flour\" \"and\" \"near\" \"a\" \"b\" \"c\" \"d\" \"col\" \"e\" \"unclosed\""
        );
        assert!(Query::parse("  \"\" *** ").is_err());
        let long = "a".repeat(10_000);
        assert_eq!(Query::parse(&long).unwrap_err().field, "q");
        assert!(
            Query::parse(&"w ".repeat(13)).is_ok(),
            "duplicates collapse"
        );
        let many: String = (0..13).map(|i| format!("w{i} ")).collect();
        assert!(Query::parse(&many).is_err());
        assert_eq!(Query::parse("Crème brûlée").unwrap().terms.len(), 2);
        assert_eq!(Query::parse("東京 パン").unwrap().terms.len(), 2);
    }

    #[test]
    fn folding_matches_the_postgres_index() {
        assert_eq!(FOLD_FROM.chars().count(), FOLD_TO.chars().count());
        assert_eq!(fold("crème"), "creme");
        assert_eq!(
            Query::parse("Crème \"brûlée au\" or").unwrap().websearch(),
            "\"creme\" \"brulee au\" \"or\""
        );
        let migration = include_str!("../../hearth-store/migrations/postgres/0017_search.sql");
        assert!(
            migration.contains(FOLD_FROM) && migration.contains(FOLD_TO),
            "the index folds with the same letters"
        );
    }

    #[test]
    fn snippets_escape_and_highlight() {
        let q = Query::parse("rye").unwrap();
        let s = snippet_html("My <b>Rye</b> rises; rye-bread & ryes", &q, 200);
        assert_eq!(
            s,
            "My &lt;b&gt;<mark>Rye</mark>&lt;/b&gt; rises; <mark>rye</mark>-bread &amp; ryes"
        );
        let long = format!(
            "{} the word rye here {}",
            "x ".repeat(200),
            "y ".repeat(200)
        );
        let s = snippet_html(&long, &q, 60);
        assert!(
            s.starts_with('…') && s.ends_with('…') && s.contains("<mark>rye</mark>"),
            "{s}"
        );
        assert_eq!(snippet_html("nothing here", &q, 5), "nothi…");
    }
}
