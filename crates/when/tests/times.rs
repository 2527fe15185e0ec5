//! Time expressions on sentences written for these tests.

#![allow(clippy::unwrap_used)] // Test helpers: a panic is a test failure.

use chrono::NaiveDate;
use dyad_core::{Article, Document, PipelineBuilder};
use dyad_ingest::NormalizeStage;
use dyad_text::TextStage;
use std::sync::Arc;

fn times(date: &str, text: &str) -> Vec<(String, String, &'static str)> {
    let p = PipelineBuilder::new()
        .stage(Arc::new(NormalizeStage))
        .stage(Arc::new(TextStage))
        .build()
        .unwrap();
    let mut doc = Document::new(Article::dated(
        "t",
        NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
        text,
    ));
    p.run(&mut doc);
    dyad_when::find_times(&doc)
        .into_iter()
        .map(|t| (t.text, t.date.to_string(), t.precision.as_str()))
        .collect()
}

fn one(date: &str, text: &str) -> (String, &'static str) {
    let t = times(date, text);
    assert_eq!(t.len(), 1, "{text}: {t:?}");
    (t[0].1.clone(), t[0].2)
}

#[test]
fn absolute_dates() {
    let d = "2024-03-19";
    assert_eq!(
        one(d, "Talks resumed on March 18."),
        ("2024-03-18".into(), "day")
    );
    assert_eq!(
        one(d, "Talks resumed on 18 March 2023."),
        ("2023-03-18".into(), "day")
    );
    assert_eq!(
        one(d, "Talks resumed on March 18, 2022."),
        ("2022-03-18".into(), "day")
    );
    assert_eq!(
        one(d, "Talks resumed on 3/18."),
        ("2024-03-18".into(), "day")
    );
    assert_eq!(
        one(d, "Talks resumed on 2024-03-11."),
        ("2024-03-11".into(), "day")
    );
    // A day later in the year than the article date is last year's, unless the clause speaks
    // of the future.
    assert_eq!(
        one(d, "Talks collapsed on May 2."),
        ("2023-05-02".into(), "day")
    );
    assert_eq!(
        one(d, "Talks will resume on May 2."),
        ("2024-05-02".into(), "day")
    );
    assert_eq!(
        one(d, "The truce held in February."),
        ("2024-02-01".into(), "month")
    );
    assert_eq!(
        one(d, "The truce held until June 2021."),
        ("2021-06-01".into(), "month")
    );
    assert_eq!(
        one(d, "The war began in 2019."),
        ("2019-01-01".into(), "year")
    );
}

#[test]
fn month_names_that_are_other_words_need_a_date_context() {
    assert!(times("2024-03-19", "Theresa May met the envoy.").is_empty());
    assert!(times("2024-03-19", "Thousands march to the capital.").is_empty());
}

#[test]
fn weekdays_and_deictic_words() {
    // 2024-03-19 is a Tuesday.
    let d = "2024-03-19";
    assert_eq!(
        one(d, "Rebels attacked the town on Sunday."),
        ("2024-03-17".into(), "day")
    );
    assert_eq!(
        one(d, "Rebels attacked the town on Tuesday."),
        ("2024-03-19".into(), "day")
    );
    assert_eq!(
        one(d, "The envoy will arrive on Friday."),
        ("2024-03-22".into(), "day")
    );
    assert_eq!(
        one(d, "Rebels attacked the town yesterday."),
        ("2024-03-18".into(), "day")
    );
    assert_eq!(
        one(d, "Rebels attacked the town last night."),
        ("2024-03-18".into(), "day")
    );
    assert_eq!(
        one(d, "The envoy arrives tomorrow."),
        ("2024-03-20".into(), "day")
    );
    assert_eq!(
        one(d, "Talks collapsed last week."),
        ("2024-03-11".into(), "week")
    );
    assert_eq!(
        one(d, "Talks collapsed earlier this month."),
        ("2024-03-01".into(), "month")
    );
    assert_eq!(
        one(d, "Talks collapsed last month."),
        ("2024-02-01".into(), "month")
    );
    assert_eq!(
        one(d, "Talks collapsed last year."),
        ("2023-01-01".into(), "year")
    );
}

#[test]
fn anchored_offsets() {
    let t = times(
        "2024-03-19",
        "Rebels attacked the town on March 10. Two days later the army struck back.",
    );
    assert_eq!(t[1].1, "2024-03-12", "{t:?}");
    let t = times(
        "2024-03-19",
        "He resigned a day after agreeing to the plan.",
    );
    assert_eq!(t[0].1, "2024-03-18", "{t:?}");
}

#[test]
fn lowercase_and_mojibake_text() {
    // All-lowercase text: month and day names are not capitalized.
    let d = "2024-03-19";
    assert_eq!(
        one(d, "rebels attacked the town on sunday."),
        ("2024-03-17".into(), "day")
    );
    assert_eq!(
        one(d, "talks resumed on march 18."),
        ("2024-03-18".into(), "day")
    );
    // UTF-8 read as Latin-1 (â€™ for ’) around a date.
    assert_eq!(
        one(d, "The armyâ€™s raid on March 12 killed four."),
        ("2024-03-12".into(), "day")
    );
}
