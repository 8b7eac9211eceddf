//! The Python that has the independent references (DuckDB, python-igraph, scikit-learn,
//! installed from PyPI by `.ci/run`): `HEARTH_TEST_PYTHON`, else `python3`. Without the
//! module a test is skipped, unless `CI=true`, where it fails.

#![allow(dead_code)]

use std::process::Command;

/// The Python to run, if it can import `module`.
pub fn with(module: &str) -> Option<String> {
    let python = std::env::var("HEARTH_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let ok = Command::new(&python)
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        return Some(python);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{module} is missing: `pip install {module}` and set HEARTH_TEST_PYTHON"
    );
    eprintln!("skipped: no Python with {module} (set HEARTH_TEST_PYTHON)");
    None
}

/// Runs `script` with `args`; its standard output, read as JSON.
pub fn run(python: &str, script: &str, args: &[&str]) -> serde_json::Value {
    let output = Command::new(python)
        .args(["-c", script])
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "python: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}
