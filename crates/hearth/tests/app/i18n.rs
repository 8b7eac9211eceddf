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
    files(&crate_dir().join("../hearth-core/src"), &mut code);
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

/// Every Rust source that builds messages: this crate's and the domain crate's.
fn rust_sources() -> Vec<(PathBuf, String)> {
    let mut paths = Vec::new();
    files(&crate_dir().join("src"), &mut paths);
    files(&crate_dir().join("../hearth-core/src"), &mut paths);
    paths.retain(|p| p.extension().is_some_and(|e| e == "rs"));
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

/// The message keys a source names: every string literal that is a whole key
/// (`"err-…"`, `"done-…"`).
fn message_keys(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for prefix in ["\"err-", "\"done-"] {
        for (at, _) in text.match_indices(prefix) {
            let rest = &text[at + 1..];
            let Some(end) = rest.find('"') else { continue };
            let key = &rest[..end];
            if key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                out.insert(key.to_string());
            }
        }
    }
    out
}

/// The `{ $name }` arguments a Fluent message's text uses.
fn arguments(lang: &str, key: &str) -> BTreeSet<String> {
    let source: String = std::fs::read_dir(crate_dir().join("locales").join(lang))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let line = source
        .lines()
        .find(|l| l.starts_with(&format!("{key} =")))
        .unwrap_or_else(|| panic!("{lang} has no {key}"));
    line.match_indices("$")
        .map(|(at, _)| {
            line[at + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        })
        .collect()
}

#[test]
fn every_message_key_in_the_code_is_said_in_every_language_with_the_same_arguments() {
    let sets = key_sets();
    let mut seen = 0;
    let mut missing = Vec::new();
    for (path, text) in rust_sources() {
        for key in message_keys(&text) {
            seen += 1;
            for (code, set) in &sets {
                if !set.contains(&key) {
                    missing.push(format!("{}: {code} has no {key}", path.display()));
                }
            }
        }
    }
    assert!(seen > 300, "the scan found only {seen} keys");
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    // A translation fills exactly the arguments English fills.
    for key in sets["en"].iter().filter(|k| k.starts_with("err-")) {
        let english = arguments("en", key);
        for (code, _) in hearth::i18n::LANGUAGES {
            assert_eq!(arguments(code, key), english, "{code} {key}");
        }
    }
}

/// A source without its test module (from `#[cfg(test)]` to the next `}` at the margin):
/// tests may write English and made-up messages.
fn without_tests(text: &str) -> String {
    let mut in_tests = false;
    let mut out = String::new();
    for line in text.lines() {
        if line == "#[cfg(test)]" {
            in_tests = true;
        } else if in_tests && line == "}" {
            in_tests = false;
            continue;
        }
        if !in_tests {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Every `message!("key", name = value, …)` in a source with a literal key: (key, names).
fn message_calls(text: &str) -> Vec<(String, BTreeSet<String>)> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices("message!(") {
        let body = &text[at + "message!(".len()..];
        // The call's arguments, split at top-level commas.
        let (mut depth, mut pieces, mut start) = (0i32, Vec::new(), 0);
        let mut in_string = false;
        let mut prev = ' ';
        for (i, c) in body.char_indices() {
            match c {
                '"' if prev != '\\' => in_string = !in_string,
                '(' | '[' | '{' if !in_string => depth += 1,
                ')' | ']' | '}' if !in_string => {
                    if depth == 0 {
                        pieces.push(&body[start..i]);
                        break;
                    }
                    depth -= 1;
                }
                ',' if !in_string && depth == 0 => {
                    pieces.push(&body[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
            prev = c;
        }
        let Some(key) = pieces.first().and_then(|k| k.trim().strip_prefix('"')) else {
            continue; // a key chosen at run time
        };
        let key = key.trim_end_matches('"').to_string();
        let names = pieces[1..]
            .iter()
            .filter_map(|p| p.split_once('=').map(|(n, _)| n.trim().to_string()))
            .filter(|n| !n.is_empty())
            .collect();
        out.push((key, names));
    }
    out
}

#[test]
fn every_message_call_passes_the_arguments_its_text_names() {
    let mut seen = 0;
    let mut wrong = Vec::new();
    for (path, text) in rust_sources() {
        for (key, names) in message_calls(&without_tests(&text)) {
            seen += 1;
            let wanted = arguments("en", &key);
            // Spam-model and condition messages get their line or column added later.
            let added: BTreeSet<String> = ["number", "column"]
                .into_iter()
                .map(String::from)
                .filter(|n| wanted.contains(n) && !names.contains(n))
                .collect();
            let given: BTreeSet<String> = names.union(&added).cloned().collect();
            if given != wanted {
                wrong.push(format!(
                    "{}: {key} is given {given:?} but says {wanted:?}",
                    path.display()
                ));
            }
        }
    }
    assert!(seen > 40, "the scan found only {seen} message! calls");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The messages a source still writes as English words where a key belongs:
/// `Forbidden("…")`, `State("…")`, `NotFound("…")`, `not_found("…")` and
/// `Invalid::new(field, "…")` whose literal is not a key.
fn prose(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let is_key = |s: &str| s.starts_with("err-") || s.starts_with("done-");
    for needle in ["Forbidden(\"", "State(\"", "NotFound(\"", "not_found(\""] {
        for (at, _) in line.match_indices(needle) {
            let rest = &line[at + needle.len()..];
            let literal = rest.split('"').next().unwrap_or_default();
            if !is_key(literal) {
                out.push(literal.to_string());
            }
        }
    }
    for (at, _) in line.match_indices("Invalid::new(") {
        let rest = &line[at..];
        if let Some((_, second)) = rest.split_once(", \"") {
            let literal = second.split('"').next().unwrap_or_default();
            if !is_key(literal) {
                out.push(literal.to_string());
            }
        }
    }
    out
}

#[test]
fn errors_are_keys_not_english() {
    let mut found = Vec::new();
    for (path, text) in rust_sources() {
        for (n, line) in without_tests(&text).lines().enumerate() {
            for words in prose(line) {
                found.push(format!("{}:{}: {words:?}", path.display(), n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "errors written as English instead of a key:\n{}",
        found.join("\n")
    );
}

#[test]
fn a_refusal_is_said_in_the_readers_language_and_in_english_for_the_api() {
    use hearth::i18n::Said;
    use hearth::services::ServiceError;
    hearth::i18n::install();
    let e = ServiceError::from(hearth_core::Invalid::new(
        "title",
        hearth_core::message!("err-at-most-characters", max = 200),
    ));
    // The API and the command line: English, the field first, as before keys.
    assert_eq!(e.to_string(), "title: must be at most 200 characters");
    let said = Said::from(&e);
    assert_eq!(said.english(), "title: must be at most 200 characters");
    let es = said.say("es");
    assert!(es.contains("200") && !es.contains("must be"), "{es}");
    // A refusal without a field, and a restriction with its arguments.
    let forbidden = ServiceError::Forbidden("err-admin-pages");
    assert_eq!(
        forbidden.to_string(),
        "only admins can open the admin pages"
    );
    assert_ne!(Said::from(&forbidden).say("es"), forbidden.to_string());
    let restricted = ServiceError::Restricted(hearth_core::message!(
        "err-silenced",
        reason = "<b>spam</b>"
    ));
    assert_eq!(restricted.to_string(), "you are silenced: <b>spam</b>");
    // Display of a core message says English once the renderer is installed.
    assert_eq!(
        hearth_core::Message::new("err-required").to_string(),
        "is required"
    );
}

/// Issue 17, bug 6: the person timeline and the audit log showed internal codes
/// (`trust_level_changed`, `idea.status_set`). Every activity kind and every audit action
/// has words of its own in every language.
#[test]
fn activity_kinds_and_audit_actions_are_said_in_words() {
    use hearth::i18n::{Arg, message};
    let kinds = hearth_core::activity::KINDS
        .iter()
        .chain(hearth_core::activity::EXTERNAL_KINDS)
        .map(|(k, _, _)| (*k).to_string());
    let actions = hearth_core::audit::AuditAction::ALL
        .iter()
        .map(|a| a.as_str().replace('.', "-"));
    for lang in ["en", "es"] {
        for (key, arg, code) in kinds
            .clone()
            .map(|k| ("activity-kind", "kind", k))
            .chain(actions.clone().map(|a| ("audit-action", "action", a)))
        {
            let said = message(lang, key, &[(arg, Arg::Text(code.clone()))]).unwrap();
            // A one-word kind ("joined") may be its own English word; nothing may show a
            // code's punctuation, and Spanish never reads as the code.
            assert!(
                !said.contains(['_', '-', '.', ':']) && (lang == "en" || said != code),
                "{lang}: {key} says {code:?} as {said:?}"
            );
        }
    }
}
