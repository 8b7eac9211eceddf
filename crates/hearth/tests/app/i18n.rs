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
