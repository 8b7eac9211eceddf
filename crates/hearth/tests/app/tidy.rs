//! Tidy checks that keep the code base honest: every source file says what it is for, no
//! test is ignored, and no `unwrap()`/`expect()` hides in non-test code (test support is
//! allowed to panic: that is how a test fails).

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every source file of the four crates, as (path relative to the workspace, text).
fn sources() -> Vec<(String, String)> {
    let mut files = Vec::new();
    for krate in ["hearth-core", "hearth-store", "hearth-insights", "hearth"] {
        rust_files(
            &workspace().join("crates").join(krate).join("src"),
            &mut files,
        );
    }
    let root = workspace().canonicalize().unwrap();
    files
        .iter()
        .map(|f| {
            let rel = f.canonicalize().unwrap();
            let rel = rel
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(f).unwrap())
        })
        .collect()
}

/// The text a file holds outside comments (line comments and doc comments dropped), so a
/// rule about code is not tripped by prose.
fn code_only(text: &str) -> String {
    text.lines()
        .map(|l| l.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_source_file_is_documented_and_panic_free() {
    let files = sources();
    assert!(files.len() > 20);
    let mut problems = Vec::new();
    for (path, text) in &files {
        if !text.starts_with("//!") {
            problems.push(format!("{path}: no //! module doc"));
        }
        if path.ends_with("test_support.rs") {
            continue;
        }
        let before_tests = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (n, line) in before_tests.lines().enumerate() {
            if line.contains(".unwrap()") || line.contains(".expect(") {
                problems.push(format!("{path}:{}: unwrap/expect outside tests", n + 1));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn architecture_names_every_file_and_every_path_it_names_exists() {
    let doc = std::fs::read_to_string(workspace().join("ARCHITECTURE.md")).unwrap();
    let mut problems = Vec::new();
    for (path, _) in sources() {
        if !doc.contains(&format!("`{path}`")) {
            problems.push(format!("ARCHITECTURE.md does not name `{path}`"));
        }
    }
    for dialect in ["sqlite", "postgres"] {
        let dir = workspace()
            .join("crates/hearth-store/migrations")
            .join(dialect);
        for entry in std::fs::read_dir(dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if !doc.contains(&name) {
                problems.push(format!("ARCHITECTURE.md does not name migration {name}"));
            }
        }
    }
    for piece in doc.split('`').skip(1).step_by(2) {
        let looks_like_path = !piece.contains(char::is_whitespace)
            && !piece.starts_with('/')
            && !piece.contains(['{', '*', '<', '$', ':', '='])
            && (piece.starts_with("crates/")
                || piece.starts_with("docs/")
                || piece.starts_with("scripts/")
                || piece.starts_with("bench/")
                || piece.starts_with(".ci/"));
        if looks_like_path && !workspace().join(piece).exists() {
            problems.push(format!(
                "ARCHITECTURE.md names `{piece}`, which does not exist"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_layers_hold() {
    let mut problems = Vec::new();
    for (path, text) in sources() {
        let code = code_only(&text);
        let in_web = path.starts_with("crates/hearth/src/web/");
        let is_app = path == "crates/hearth/src/app.rs";
        let is_render = path == "crates/hearth/src/render.rs";
        for framework in ["axum", "minijinja"] {
            if code.contains(&format!("{framework}::")) && !(in_web || is_app || is_render) {
                problems.push(format!(
                    "{path}: uses {framework} outside web, render and app"
                ));
            }
        }
        if (code.contains("crate::web") || code.contains("hearth::web")) && !(in_web || is_app) {
            problems.push(format!("{path}: imports crate::web outside web and app"));
        }
        let core_or_store = path.starts_with("crates/hearth-core/")
            || path.starts_with("crates/hearth-store/")
            || path.starts_with("crates/hearth-insights/");
        // Job payloads are a storage format, the one exception (see ARCHITECTURE.md).
        if core_or_store && code.contains("Serialize") && path != "crates/hearth-store/src/jobs.rs"
        {
            problems.push(format!("{path}: a Serialize derive in core or store"));
        }
        let unsafe_allowed = path == "crates/hearth-store/src/bulk.rs";
        if code.contains("unsafe ") && !unsafe_allowed {
            problems.push(format!(
                "{path}: unsafe code outside the bulk-insert module"
            ));
        }
        if code.contains("allow(unsafe_code)") && path != "crates/hearth-store/src/lib.rs" {
            problems.push(format!("{path}: allows unsafe code"));
        }
    }
    for root in [
        "crates/hearth-core/src/lib.rs",
        "crates/hearth-insights/src/lib.rs",
        "crates/hearth/src/lib.rs",
        "crates/hearth/src/main.rs",
    ] {
        let text = std::fs::read_to_string(workspace().join(root)).unwrap();
        if !text.contains("#![forbid(unsafe_code)]") {
            problems.push(format!("{root}: no #![forbid(unsafe_code)]"));
        }
    }
    let store =
        std::fs::read_to_string(workspace().join("crates/hearth-store/src/lib.rs")).unwrap();
    if !store.contains("#![deny(unsafe_code)]")
        || !store.contains("#[allow(unsafe_code)]\npub mod bulk;")
    {
        problems
            .push("crates/hearth-store/src/lib.rs: unsafe must be denied but for `bulk`".into());
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_test_is_ignored() {
    let mut files = Vec::new();
    rust_files(&workspace().join("crates"), &mut files);
    let marker = ["#[", "ignore]"].concat();
    let ignored: Vec<_> = files
        .iter()
        .filter(|f| std::fs::read_to_string(f).unwrap().contains(&marker))
        .collect();
    assert!(ignored.is_empty(), "{ignored:?}");
}

#[test]
fn the_page_templates_are_embedded() {
    let names = hearth::render::Templates::names();
    for expected in [
        "base.html",
        "topic.html",
        "space.html",
        "setup.html",
        "admin/members.html",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} missing from {names:?}"
        );
    }
}

/// The reference tables in `docs/REFERENCE.md` are generated from the code's single
/// sources of truth. Run with `UPDATE_DOCS=1` to rewrite the file after changing them.
#[test]
fn the_reference_doc_is_generated_from_the_code() {
    let mut doc = String::from(
        "# Reference\n\nGenerated from the code by the test `the_reference_doc_is_generated_from_the_code`\n(`UPDATE_DOCS=1 cargo test -p hearth --test app reference` rewrites it). Do not edit by hand.\n\n",
    );
    doc.push_str("## Permissions\n\nDecided in one place, `hearth_core::access`.\n\n| permission | what it allows | who holds it |\n|---|---|---|\n");
    for (permission, description, who) in hearth_core::access::PERMISSIONS {
        doc.push_str(&format!("| `{permission:?}` | {description} | {who} |\n"));
    }
    doc.push_str("\n## Activity kinds\n\nEvery change in a member's story appends one row of one of these kinds to the activity log,\nin the same transaction as the change (`hearth_core::activity::KINDS`).\n\n| kind | what happened | target |\n|---|---|---|\n");
    for (kind, description, target) in hearth_core::activity::KINDS {
        doc.push_str(&format!("| `{kind}` | {description} | {target} |\n"));
    }
    doc.push_str("\n### Activities from other channels\n\nImporters and `POST /api/v1/activities` may write these kinds (`hearth_core::activity::EXTERNAL_KINDS`),\nor an integrator's own as `custom:<name>` (lower-case letters, digits and `_`). Hub kinds cannot be pushed from outside.\n\n| kind | what happened | target |\n|---|---|---|\n");
    for (kind, description, target) in hearth_core::activity::EXTERNAL_KINDS {
        doc.push_str(&format!("| `{kind}` | {description} | {target} |\n"));
    }
    doc.push_str("\n### Channels\n\nA member has identities on channels (`hearth_core::people::CHANNELS`); other names are custom channels.\n\n| channel | what it is |\n|---|---|\n");
    for (channel, description) in hearth_core::people::CHANNELS {
        doc.push_str(&format!("| `{channel}` | {description} |\n"));
    }
    doc.push_str("\n## Notification kinds\n\nWho hears about what, and how often by mail unless the member chooses otherwise at\n`/settings` (`hearth::services::notifications::KINDS`).\n\n| kind | the member hears when | mail by default |\n|---|---|---|\n");
    for (kind, description, default) in hearth::services::notifications::KINDS {
        doc.push_str(&format!(
            "| `{}` | {description} | {} |\n",
            kind.as_str(),
            default.as_str()
        ));
    }
    doc.push_str("\n## Trust levels\n\nWhat each level unlocks (`hearth_core::trust::LEVELS`). Staff are not limited. A flag from an\nunconfirmed account weighs nothing, and posts by staff or by members at level 3 and up are never\nhidden by members' flags, only queued. A new member (level 0) may also start at most ");
    doc.push_str(&format!(
        "{} topics and write {} posts in their first 24 hours.\n\n| level | name | posts a day | links and images | flag weight | flags a day | edit wiki posts |\n|---|---|---|---|---|---|---|\n",
        hearth_core::trust::FIRST_DAY_TOPICS,
        hearth_core::trust::FIRST_DAY_POSTS
    ));
    for l in hearth_core::trust::LEVELS {
        doc.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            l.level,
            l.name,
            l.posts_per_day,
            if l.links { "yes" } else { "no" },
            l.flag_weight,
            l.flags_per_day,
            if l.edit_wiki { "yes" } else { "no" }
        ));
    }
    doc.push_str("\n## Trust thresholds\n\nHow levels are earned (`hearth_core::trust::REQUIREMENTS`), checked every hour. A level needs\nall of its rows and the levels below it. \"Recent\" means the last 100 days. The owner changes\nany threshold on the membership page or with `PATCH /api/v1/community` (`trust_thresholds`).\n\n| level | setting | measure | default |\n|---|---|---|---|\n");
    for (level, key, measure, bound, default) in hearth_core::trust::REQUIREMENTS {
        let bound = match bound {
            hearth_core::trust::Bound::AtLeast => "at least",
            hearth_core::trust::Bound::AtMost => "at most",
        };
        doc.push_str(&format!(
            "| {level} | `{key}` | {measure:?} | {bound} {default} |\n"
        ));
    }
    let path = workspace().join("docs/REFERENCE.md");
    if std::env::var("UPDATE_DOCS").is_ok() {
        std::fs::write(&path, &doc).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        on_disk, doc,
        "docs/REFERENCE.md is stale: run UPDATE_DOCS=1 cargo test -p hearth --test app reference"
    );
}

#[test]
fn the_metrics_doc_is_generated_from_the_definitions() {
    let mut doc = String::from(
        "# What the Insights numbers mean\n\nGenerated from `hearth_insights::definitions::METRICS` by the test\n`the_metrics_doc_is_generated_from_the_definitions` (`UPDATE_DOCS=1 cargo test -p hearth --test app\nmetrics_doc` rewrites it). Do not edit by hand: the same words are each chart's definition line\non the Insights page.\n\n| number | what it means |\n|---|---|\n",
    );
    for (metric, definition) in hearth_insights::definitions::METRICS {
        doc.push_str(&format!("| {metric} | {definition} |\n"));
    }
    doc.push_str(
        "\nKinds that count as a member's own doing (`hearth_core::activity::is_own_doing`): ",
    );
    let own: Vec<String> = hearth_core::activity::KINDS
        .iter()
        .map(|(k, _, _)| *k)
        .chain(
            hearth_core::activity::EXTERNAL_KINDS
                .iter()
                .map(|(k, _, _)| *k),
        )
        .filter(|k| hearth_core::activity::is_own_doing(k))
        .map(|k| format!("`{k}`"))
        .collect();
    doc.push_str(&own.join(", "));
    doc.push_str(", and every integrator's `custom:` kind.\n");
    let path = workspace().join("docs/METRICS.md");
    if std::env::var("UPDATE_DOCS").is_ok() {
        std::fs::write(&path, &doc).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        on_disk, doc,
        "docs/METRICS.md is stale: run UPDATE_DOCS=1 cargo test -p hearth --test app metrics_doc"
    );
}
