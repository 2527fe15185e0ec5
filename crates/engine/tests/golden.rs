//! Golden tests: `dyad code` records for every article in `examples/` must equal the committed
//! files in `tests/golden/`. Refresh them after an intended change with
//! `UPDATE_GOLDEN=1 cargo test -p dyad-engine --test golden` and review the diff.

#![allow(clippy::unwrap_used)] // Test helpers: a panic is a test failure.

use dyad_engine::{records, Engine};
use dyad_ingest::{read_articles, Format, IngestOptions};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn render(engine: &Engine, path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let mut out = String::new();
    for a in read_articles(&name, &bytes, Format::DatedText, &IngestOptions::default()) {
        let doc = engine.process(a.unwrap());
        out += &records::article(&doc).to_string();
        out.push('\n');
        for m in &doc.mentions {
            out += &records::mention(&doc, m).to_string();
            out.push('\n');
        }
        for e in &doc.events {
            out += &records::event(&doc, e).to_string();
            out.push('\n');
        }
        for (i, c) in doc.counts.iter().enumerate() {
            out += &records::count(&doc, i, c).to_string();
            out.push('\n');
        }
    }
    out
}

/// Compares `actual` with the golden file, or rewrites it when `UPDATE_GOLDEN` is set.
fn check(golden: &Path, actual: &str) -> Result<(), String> {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(golden, actual).unwrap();
        return Ok(());
    }
    let expected = std::fs::read_to_string(golden)
        .map_err(|e| format!("{}: {e} (run with UPDATE_GOLDEN=1)", golden.display()))?;
    if expected == actual {
        return Ok(());
    }
    let first = expected
        .lines()
        .zip(actual.lines())
        .position(|(a, b)| a != b);
    Err(match first {
        Some(i) => format!(
            "{}: line {} differs\n  expected: {}\n  actual:   {}",
            golden.display(),
            i + 1,
            expected.lines().nth(i).unwrap_or(""),
            actual.lines().nth(i).unwrap_or("")
        ),
        None => format!(
            "{}: {} lines expected, {} produced",
            golden.display(),
            expected.lines().count(),
            actual.lines().count()
        ),
    })
}

#[test]
fn examples_match_golden_files() {
    // The default pipeline, as `dyad code` runs it: with the syntax stage.
    let engine = Engine::builtin_with_syntax(None).unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 20,
        "examples/ must hold at least 20 articles"
    );
    let mut failures = Vec::new();
    for f in files {
        let golden = root()
            .join("tests/golden")
            .join(f.file_stem().unwrap())
            .with_extension("jsonl");
        if let Err(e) = check(&golden, &render(&engine, &f)) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
