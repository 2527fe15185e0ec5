//! Where, when, how many, on a whole article written for this test (facts in the style of the
//! project's seed article, in our own words): the threatened offensive is located at Rafah,
//! Gaza is a place, the death toll is a count of Palestinians in Gaza, and the agreement
//! reached "a day after" is dated the day before the article.

#![allow(clippy::unwrap_used)] // Test helpers: a panic is a test failure.

use chrono::NaiveDate;
use dyad_core::{Article, CountKind};
use dyad_engine::Engine;

const TEXT: &str = "Netanyahu vows Rafah operation\n\n\
Israeli Prime Minister Benjamin Netanyahu has pledged to launch a ground offensive in Rafah, \
rejecting President Joe Biden's objections. The pledge came a day after Israel agreed to weigh \
other options. Aid groups warned that the offensive would deepen the humanitarian emergency in \
Gaza, where more than 31,000 Palestinians have been killed, according to Gaza's health ministry.";

#[test]
fn where_when_how_many() {
    let engine = Engine::builtin().unwrap();
    let doc = engine.process(Article::dated(
        "t",
        NaiveDate::from_ymd_opt(2024, 3, 19).unwrap(),
        TEXT,
    ));
    let describe = || format!("{:#?}", doc.events);
    // The threatened offensive is at Rafah (GeoNames' Rafaḩ in the Gaza Strip).
    let offensive = doc
        .events
        .iter()
        .find(|e| e.sentence == 1 && e.location.is_some())
        .unwrap_or_else(|| panic!("{}", describe()));
    let l = offensive.location.as_ref().unwrap();
    assert_eq!(l.country.as_deref(), Some("PSE"));
    assert!(
        (l.lat - 31.29).abs() < 0.05 && (l.lon - 34.25).abs() < 0.05,
        "{l:?}"
    );
    // Gaza is a place of the article.
    assert!(
        doc.places.iter().any(|p| p.name == "Gaza"),
        "{:?}",
        doc.places
    );
    // The toll: over 31,000 Palestinians killed, in Gaza.
    let c = doc
        .counts
        .iter()
        .find(|c| c.kind == CountKind::Killed)
        .unwrap_or_else(|| panic!("{:?}", doc.counts));
    assert_eq!(
        (c.number, c.qualifier.as_deref()),
        (31_000, Some("more than"))
    );
    assert_eq!(
        c.who.as_ref().and_then(|a| a.country.as_deref()),
        Some("PSE")
    );
    assert_eq!(c.place.as_ref().map(|p| p.name.as_str()), Some("Gaza"));
    // "A day after Israel agreed": the agreement is dated 2024-03-18.
    let agreed = doc
        .events
        .iter()
        .find(|e| e.sentence == 2 && e.root == "03")
        .unwrap_or_else(|| panic!("{}", describe()));
    assert_eq!(
        agreed.date.as_ref().map(|d| d.date.to_string()),
        Some("2024-03-18".to_string())
    );
}
