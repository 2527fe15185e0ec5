//! Regression guard: the figures on the dev gold (`data/eval/dev`) and on dyad's own test
//! sentences (`data/eval/own`) must not drop below those recorded in `data/eval/record.json`. Raise the record when the coder improves (the test prints the
//! current figures).

#![allow(clippy::unwrap_used)] // Test helpers: a panic is a test failure.

use dyad_engine::Engine;
use std::path::Path;

fn root() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn dev_figures_do_not_regress() {
    // The default pipeline: the syntax stage runs (as `dyad eval` without `--no-syntax`).
    let engine = Engine::builtin_with_syntax(None).unwrap();
    let record: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("data/eval/record.json")).unwrap(),
    )
    .unwrap();
    let mut failures = Vec::new();
    for (file, floors) in record.as_object().unwrap() {
        // The shared dev gold, or dyad's own test sentences.
        let path = ["data/eval/dev", "data/eval/own"]
            .iter()
            .map(|d| root().join(d).join(file))
            .find(|p| p.exists())
            .unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        let gold = dyad_eval::read_gold(file, &text).unwrap();
        let report = dyad_eval::evaluate(&engine, file, &gold, false);
        let got = serde_json::to_value(&report).unwrap();
        println!("{}", dyad_eval::format_report(&report));
        for (metric, floor) in floors.as_object().unwrap() {
            let floor = floor.as_f64().unwrap();
            let value = got[metric].as_f64().unwrap_or(f64::NAN);
            // "false_positive_rate" is a ceiling, everything else a floor.
            let ok = if metric == "false_positive_rate" {
                value <= floor + 1e-9
            } else {
                value >= floor - 1e-9
            };
            if !ok {
                failures.push(format!("{file}: {metric} = {value:.4}, record {floor:.4}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "dev figures regressed:\n{}",
        failures.join("\n")
    );
}
