//! Languages: every Fluent file parses, the second language has exactly the keys English
//! has (none missing, none extra), no key is defined twice, every key is used by a
//! template or the code, and every key a template asks for exists.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn crate_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Every template and Rust source, concatenated: where keys are used.
fn sources() -> (String, String) {
    let mut templates = Vec::new();
    files(&crate_dir().join("templates"), &mut templates);
    let mut code = Vec::new();
    files(&crate_dir().join("src"), &mut code);
    let read = |paths: Vec<PathBuf>| {
        paths
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect::<Vec<_>>()
            .join("\n")
    };
    (read(templates), read(code))
}

fn key_sets() -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (code, _) in hearth::i18n::LANGUAGES {
        let keys = hearth::i18n::keys(code);
        let mut set = BTreeSet::new();
        for (file, key) in &keys {
            assert!(
                set.insert(key.clone()),
                "{key} is defined twice in {code} ({file})"
            );
        }
        assert!(!set.is_empty(), "no keys for {code}");
        out.insert(code.to_string(), set);
    }
    out
}

#[test]
fn every_fluent_file_parses() {
    let errors = hearth::i18n::parse_errors();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn every_language_has_exactly_the_english_keys() {
    let sets = key_sets();
    let english = &sets["en"];
    for (code, set) in &sets {
        let missing: Vec<_> = english.difference(set).collect();
        let extra: Vec<_> = set.difference(english).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{code}: missing {missing:?}, not in English {extra:?}"
        );
    }
}

#[test]
fn every_key_is_used_and_every_used_key_exists() {
    let sets = key_sets();
    let english = &sets["en"];
    let (templates, code) = sources();
    let unused: Vec<_> = english
        .iter()
        .filter(|k| {
            let quoted = [format!("\"{k}\""), format!("'{k}'")];
            !quoted
                .iter()
                .any(|q| templates.contains(q) || code.contains(q))
        })
        .collect();
    assert!(unused.is_empty(), "keys nobody uses: {unused:?}");
    let mut asked = BTreeSet::new();
    for quote in ['"', '\''] {
        let opener = format!("t({quote}");
        for (at, _) in templates.match_indices(&opener) {
            let before = templates[..at].chars().next_back().unwrap_or(' ');
            if before.is_alphanumeric() || before == '_' || before == '.' {
                continue; // default("x"), format("x"): not t()
            }
            let piece = &templates[at + opener.len()..];
            if let Some(end) = piece.find(quote) {
                asked.insert(piece[..end].to_string());
            }
        }
    }
    let unknown: Vec<_> = asked.difference(english).collect();
    assert!(
        unknown.is_empty(),
        "templates ask for keys no file has: {unknown:?}"
    );
}

#[test]
fn spanish_reads_spanish() {
    let es = hearth::i18n::message(
        "es",
        "time-days-ago",
        &[("count", hearth::i18n::Arg::Number(3.0))],
    );
    assert_eq!(es.as_deref(), Some("hace 3 días"));
    let en = hearth::i18n::message(
        "en",
        "time-days-ago",
        &[("count", hearth::i18n::Arg::Number(1.0))],
    );
    assert_eq!(en.as_deref(), Some("1 day ago"));
    // An unknown language falls back to English.
    assert_eq!(hearth::i18n::text("fr", "time-just-now"), "just now");
}

/// The `{name}` placeholders of a catalog pattern, in order.
fn placeholders(pattern: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    out
}

#[test]
fn every_catalog_pattern_is_said_in_every_language() {
    let catalog = hearth::messages::CATALOG;
    let keys: BTreeMap<&str, BTreeSet<String>> = hearth::i18n::LANGUAGES
        .iter()
        .map(|(code, _)| {
            let set: BTreeSet<String> = hearth::i18n::keys(code)
                .into_iter()
                .map(|(_, k)| k)
                .collect();
            (*code, set)
        })
        .collect();
    let mut patterns = BTreeSet::new();
    let mut used = BTreeSet::new();
    for (pattern, key) in catalog {
        assert!(
            patterns.insert(*pattern),
            "{pattern:?} is in the catalog twice"
        );
        assert!(used.insert(*key), "{key} stands for two patterns");
        // The pattern filled with a sample value for every placeholder.
        let names = placeholders(pattern);
        let args: Vec<(&str, hearth::i18n::Arg)> = names
            .iter()
            .map(|n| (*n, hearth::i18n::Arg::Text("7".into())))
            .collect();
        let mut text = pattern.to_string();
        for name in &names {
            text = text.replace(&format!("{{{name}}}"), "7");
        }
        for (code, _) in hearth::i18n::LANGUAGES {
            assert!(
                keys[code].contains(*key),
                "{code} has no {key} ({pattern:?})"
            );
            let said = hearth::i18n::message(code, key, &args);
            assert!(
                said.as_deref().is_some_and(|s| !s.contains('{')),
                "{code} {key} does not fill its arguments {names:?}: {said:?}"
            );
        }
        assert_eq!(
            hearth::i18n::message("en", key, &args).as_deref(),
            Some(text.as_str()),
            "English {key} must say its pattern exactly"
        );
        assert_eq!(hearth::i18n::translate("en", &text), text);
        // The text is recognised by its own entry, not by an earlier, more general one.
        let first = catalog
            .iter()
            .find(|(p, _)| hearth::i18n::matches(p, &text).is_some())
            .map(|(_, k)| *k);
        assert_eq!(first, Some(*key), "{text:?} is taken by an earlier pattern");
        if pattern.chars().any(char::is_alphabetic) {
            assert_ne!(
                hearth::i18n::translate("es", &text),
                text,
                "{key} is not said in Spanish"
            );
        }
    }
}

/// The string literal at the start of `s` (after spaces), unescaped, and what follows it.
fn leading_literal(s: &str) -> Option<(String, &str)> {
    let body = s.trim_start().strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &body[i + 1..])),
            '\\' => match chars.next()?.1 {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                '\\' => out.push('\\'),
                '"' => out.push('"'),
                '\'' => out.push('\''),
                _ => return None,
            },
            c => out.push(c),
        }
    }
    None
}

/// The literal messages written on one line: `Forbidden("…")`, `State("…")` and
/// `Invalid::new(field, "…")` (a `format!` or a message spread over lines is not seen).
fn literal_messages(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    for needle in ["Forbidden(", "State("] {
        for (at, _) in line.match_indices(needle) {
            let rest = &line[at + needle.len()..];
            if rest.starts_with('"')
                && let Some((text, _)) = leading_literal(rest)
            {
                out.push(text);
            }
        }
    }
    let needle = "Invalid::new(";
    for (at, _) in line.match_indices(needle) {
        let rest = &line[at + needle.len()..];
        let Some((_, second)) = rest.split_once(',') else {
            continue;
        };
        if let Some((text, after)) = leading_literal(second)
            && after.trim_start().starts_with(')')
        {
            out.push(text);
        }
    }
    out
}

#[test]
fn literal_service_messages_are_in_the_catalog() {
    let patterns: BTreeSet<&str> = hearth::messages::CATALOG.iter().map(|(p, _)| *p).collect();
    let mut sources = Vec::new();
    files(&crate_dir().join("src/services"), &mut sources);
    files(&crate_dir().join("../hearth-core/src"), &mut sources);
    sources.retain(|p| p.extension().is_some_and(|e| e == "rs"));
    assert!(!sources.is_empty(), "no sources to scan");
    let mut seen = 0;
    let mut missing = Vec::new();
    for path in &sources {
        let text = std::fs::read_to_string(path).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.trim() == "#[cfg(test)]" {
                break;
            }
            for message in literal_messages(line) {
                seen += 1;
                if !patterns.contains(message.as_str()) {
                    missing.push(format!("{}:{}: {message:?}", path.display(), n + 1));
                }
            }
        }
    }
    assert!(seen > 0, "the scan found no messages at all");
    assert!(
        missing.is_empty(),
        "messages missing from hearth::messages::CATALOG:\n{}",
        missing.join("\n")
    );
}
