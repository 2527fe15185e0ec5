//! Places and event locations on sentences written for these tests.

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

/// (text, gazetteer name, country, feature) of each place.
fn places(text: &str) -> Vec<(String, String, Option<String>, String)> {
    let doc = code(text);
    doc.places
        .iter()
        .map(|p| {
            (
                doc.slice(p.span).to_string(),
                p.name.clone(),
                p.country.clone(),
                p.feature.clone(),
            )
        })
        .collect()
}

fn first_country(text: &str) -> Option<String> {
    places(text).first().and_then(|p| p.2.clone())
}

#[test]
fn toponyms_resolve_with_context() {
    // Diacritics folded: Rafah is GeoNames' "Rafaḩ" in the Gaza Strip.
    let p = places("Israeli troops massed near Rafah on Monday.");
    assert_eq!(p.first().map(|x| x.1.as_str()), Some("Rafaḩ"), "{p:?}");
    assert_eq!(p.first().and_then(|x| x.2.as_deref()), Some("PSE"));
    // Containment: "Long Beach, California" is the Californian one.
    let doc = code("A protest was held in Long Beach, California, on Sunday.");
    let lb = doc.places.first().unwrap();
    assert_eq!(lb.admin1.as_deref(), Some("California"), "{lb:?}");
    // The article's states break ties: Tripoli of Libya in a Libyan story, of Lebanon in a
    // Lebanese one.
    assert_eq!(
        first_country("Libyan militias clashed in Tripoli as the Libyan government met."),
        Some("LBY".to_string())
    );
    assert_eq!(
        first_country("Lebanese troops deployed in Tripoli as the Lebanese cabinet met."),
        Some("LBN".to_string())
    );
    // Hand-made regions and camps.
    assert_eq!(
        places("Aid trucks entered the Gaza Strip through the Kerem Shalom crossing.")
            .iter()
            .map(|p| p.3.clone())
            .collect::<Vec<_>>(),
        vec!["region".to_string(), "crossing".to_string()]
    );
}

#[test]
fn a_state_name_is_never_a_town() {
    let p = places("Israeli jets struck targets in Lebanon overnight.");
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(
        (p[0].2.as_deref(), p[0].3.as_str()),
        (Some("LBN"), "country")
    );
}

#[test]
fn common_words_are_places_only_after_a_preposition() {
    assert!(places("Police said the crowd dispersed.").is_empty());
    let p = places("Protesters gathered in Nice on Saturday.");
    assert_eq!(p.first().and_then(|x| x.2.as_deref()), Some("FRA"), "{p:?}");
}

#[test]
fn event_locations() {
    let doc = code("Israeli forces attacked militants in Jenin on Monday.");
    let e = doc.events.first().unwrap();
    let l = e.location.as_ref().unwrap();
    assert_eq!(
        (l.country.as_deref(), l.precision.as_str()),
        (Some("PSE"), "event"),
        "{l:?}"
    );
    // The invasion of a place is there.
    let doc = code("Kenya condemned the invasion of Kismayo by militants.");
    assert!(
        doc.events
            .iter()
            .any(|e| e.location.as_ref().is_some_and(|l| l.name == "Kismayo")),
        "{:?}",
        doc.events
    );
    // A sentence without a place takes the article's, with that precision.
    let doc = code("Rebels shelled Goma on Sunday. The army struck back.");
    let last = doc.events.iter().find(|e| e.sentence == 1).unwrap();
    let l = last.location.as_ref().unwrap();
    assert_eq!((l.name.as_str(), l.precision.as_str()), ("Goma", "article"));
}

#[test]
fn the_dateline_is_never_the_location_of_an_event_elsewhere() {
    let doc = code(
        "GAZA CITY, March 3 (Reuters) - Israeli warplanes bombed targets in Khan Younis on \
         Sunday. The army said the raids would continue.",
    );
    assert!(
        doc.places.iter().all(|p| p.name != "Gaza"),
        "{:?}",
        doc.places
    );
    for e in &doc.events {
        let l = e.location.as_ref().unwrap();
        assert!(l.name.starts_with("Khān"), "{l:?}");
    }
}

#[test]
fn lowercase_and_mojibake() {
    // All-lowercase text: large places and places after a preposition.
    let p = places("israeli troops raided homes in hebron and nablus.");
    let names: Vec<&str> = p.iter().map(|x| x.1.as_str()).collect();
    assert!(names.len() >= 2, "{p:?}");
    // UTF-8 read as Latin-1 around the name.
    let p = places("The armyâ€™s raid on Jenin killed four.");
    assert_eq!(p.first().and_then(|x| x.2.as_deref()), Some("PSE"), "{p:?}");
}

#[test]
fn relations_between_states_are_not_places() {
    assert!(
        places("The rift between Kenya and Somalia deepened.").is_empty(),
        "{:?}",
        places("The rift between Kenya and Somalia deepened.")
    );
}

#[test]
fn with_a_parse_the_place_hanging_from_the_trigger_locates_it() {
    static S: OnceLock<Engine> = OnceLock::new();
    let engine = S.get_or_init(|| Engine::builtin_with_syntax(None).unwrap());
    let doc = engine.process(Article::dated(
        "t",
        NaiveDate::from_ymd_opt(2024, 3, 19).unwrap(),
        "Kenyan troops, backed by Somali police, fought the militants for hours in Kismayo.",
    ));
    let e = doc.events.iter().find(|e| e.root == "19").unwrap();
    let l = e.location.as_ref().unwrap();
    assert_eq!(
        (l.name.as_str(), l.precision.as_str()),
        ("Kismayo", "event"),
        "{l:?}"
    );
}

#[test]
fn names_of_people_and_months_are_not_places() {
    // A surname seen in a longer name is not a place later; a month is a time.
    let p =
        places("Business leader Pedro Carmona took power. Carmona dissolved the assembly in May.");
    assert!(p.is_empty(), "{p:?}");
    // Without a preposition, a one-word name must be a place's own name, not an alternate.
    let p = places("Londoño apologized to the victims.");
    assert!(p.is_empty(), "{p:?}");
    // A big city whose own name it is wins over towns that have it as an alternate.
    let p = places("Polish and Ukrainian envoys met in Minsk.");
    assert_eq!(p.first().and_then(|x| x.2.as_deref()), Some("BLR"), "{p:?}");
}

#[test]
fn continents_and_small_towns_named_by_common_words_are_no_places() {
    // GeoNames gives Mahdia (Tunisia) the old name "Africa", and Mexico has a town África.
    assert_eq!(places("Donors pledged food aid for Africa."), vec![]);
    // Congress, Arizona (2,000 people) is not what "in Congress" means; Nice is Nice.
    assert_eq!(places("The bill failed in Congress on Tuesday."), vec![]);
    assert_eq!(
        first_country("Police arrested two men in Nice."),
        Some("FRA".into())
    );
}
