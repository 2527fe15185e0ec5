//! Counts of people on sentences written for these tests.

#![allow(clippy::unwrap_used)] // Test helpers: a panic is a test failure.

use chrono::NaiveDate;
use dyad_core::{Article, Document};
use dyad_engine::Engine;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::builtin().unwrap())
}

fn code(text: &str) -> Document {
    engine().process(Article::dated(
        "t",
        NaiveDate::from_ymd_opt(2024, 3, 19).unwrap(),
        text,
    ))
}

/// (kind, number, qualifier) of each count.
fn counts(text: &str) -> Vec<(String, u64, Option<String>)> {
    code(text)
        .counts
        .iter()
        .map(|c| (c.kind.as_str().to_string(), c.number, c.qualifier.clone()))
        .collect()
}

/// A count as the tests expect it: kind, number, qualifier.
type Expected = (String, u64, Option<String>);

fn c(kind: &str, n: u64, q: Option<&str>) -> Expected {
    (kind.to_string(), n, q.map(str::to_string))
}

#[test]
fn kinds_numbers_and_qualifiers() {
    let rows: &[(&str, Expected)] = &[
        (
            "Kenyan air strikes killed at least 12 people near the border.",
            c("killed", 12, Some("at least")),
        ),
        (
            "Three soldiers were wounded when rebels attacked a convoy.",
            c("wounded", 3, None),
        ),
        (
            "Police arrested dozens of protesters in Nairobi.",
            c("arrested", 24, Some("dozens")),
        ),
        (
            "Gunmen abducted 40 students from a school.",
            c("kidnapped", 40, None),
        ),
        (
            "The fighting has displaced more than 1.2 million people.",
            c("displaced", 1_200_000, Some("more than")),
        ),
        (
            "Some 5,000 demonstrators marched through the capital.",
            c("crowd", 5_000, Some("some")),
        ),
        (
            "The death toll rose to 45 on Monday.",
            c("killed", 45, None),
        ),
        (
            "Up to 40 people are missing after the raid.",
            c("missing", 40, Some("up to")),
        ),
        (
            "Rebels took 30 hostages at the mine.",
            c("kidnapped", 30, None),
        ),
        (
            "Twenty-five people died in the blast.",
            c("killed", 25, None),
        ),
    ];
    let mut bad = Vec::new();
    for (text, want) in rows {
        let got = counts(text);
        if got.first() != Some(want) {
            bad.push(format!("{text}: want {want:?}, got {got:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn numbers_that_are_not_counts() {
    for text in [
        "A 25-year-old man was arrested.",
        "The war began in 2019 and cost 10 percent of output.",
        "The talks resumed on March 18.",
    ] {
        let got = counts(text);
        assert!(
            got.iter().all(|(_, n, _)| ![25, 2019, 10, 18].contains(n)),
            "{text}: {got:?}"
        );
    }
}

#[test]
fn who_by_whom_where_when_and_event() {
    let doc = code("Israeli air strikes killed at least 12 Palestinians in Gaza on Sunday.");
    let c = doc.counts.first().unwrap();
    assert_eq!(
        c.who.as_ref().and_then(|a| a.country.as_deref()),
        Some("PSE")
    );
    assert_eq!(
        c.by.as_ref().and_then(|a| a.country.as_deref()),
        Some("ISR")
    );
    assert_eq!(c.place.as_ref().map(|p| p.name.as_str()), Some("Gaza"));
    assert_eq!(
        c.date.as_ref().map(|d| d.date.to_string()),
        Some("2024-03-17".into())
    );
    let e = c.event.and_then(|e| doc.events.get(e)).unwrap();
    assert!(matches!(e.root.as_str(), "18" | "19"), "{e:?}");
    assert_eq!(e.counts, vec![0]);
}

#[test]
fn a_figure_restated_is_counted_once() {
    let doc = code(
        "Rebels killed 20 villagers on Monday. Officials said the 20 villagers were buried. \
         Rebels also killed 20 soldiers.",
    );
    let killed: Vec<u64> = doc.counts.iter().map(|c| c.number).collect();
    assert_eq!(killed.len(), 2, "{:?}", doc.counts);
}

#[test]
fn lowercase_and_mojibake() {
    assert_eq!(
        counts("rebels killed twelve civilians in the north."),
        vec![c("killed", 12, None)]
    );
    assert_eq!(
        counts("The armyâ€™s shelling killed 8 people."),
        vec![c("killed", 8, None)]
    );
}
