//! dyad-when: time expressions and the dates of events.
//!
//! The time stage finds the time expressions of each sentence and resolves them against the
//! article's date (the reference time; nothing here reads the clock):
//!
//! - absolute dates: "March 18", "18 March 2024", "March 18, 2024", "3/18", "3/18/2024",
//!   "2024-03-18" (day); "March 2024", "in March" (month); "in 2019" (year);
//! - weekdays: "on Monday" is the most recent Monday on or before the article date, or the
//!   next one when the clause speaks of the future ("will meet on Monday");
//! - deictic words: yesterday, today, tonight, tomorrow, "last night", "this morning";
//!   "last week", "this week", "next week" (week); "last month", "earlier this month"
//!   (month); "last year", "this year" (year);
//! - anchored offsets: "a day after …", "two weeks before …" date the act in their
//!   complement against the clause they attach to ("announced it a day after agreeing": the
//!   agreement is the day before the announcement); "two days later", "a day earlier", "the
//!   next day" date their own clause against the last date the article gave.
//!
//! Each event then takes the expression that governs it: an anchored "after/before" phrase
//! whose complement holds its trigger, else the nearest other expression of its sentence,
//! else the article date (with no expression).
//!
//! Years are never guessed beyond the article's own: a month or day without a year is the
//! most recent one on or before the article date (the next one in a future clause).

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use dyad_core::{DatePrecision, Document, EventDate, Layer, Stage, TimeExpr, TokenKind};

/// The time stage: fills [`Document::times`] and [`dyad_core::Event::date`].
#[derive(Debug, Clone, Copy, Default)]
pub struct TimeStage;

impl Stage for TimeStage {
    fn name(&self) -> &'static str {
        "time"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences, Layer::Events]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Times]
    }
    fn process(&self, doc: &mut Document) {
        doc.times = find_times(doc);
        date_events(doc);
    }
}

const MONTHS: [(&str, u32); 24] = [
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// Words after which a bare month or year names a time: "in March", "since 2019".
const TIME_PREPS: &[&str] = &[
    "in",
    "on",
    "since",
    "during",
    "until",
    "till",
    "by",
    "from",
    "through",
    "throughout",
    "before",
    "after",
    "early",
    "late",
    "mid",
    "of",
    "last",
    "next",
    "this",
    "until",
    "to",
];

/// Words that make a clause speak of the future.
const FUTURE: &[&str] = &[
    "will",
    "'ll",
    "shall",
    "would",
    "plans",
    "plan",
    "planned",
    "planning",
    "scheduled",
    "expected",
    "due",
    "set",
    "intends",
    "upcoming",
    "next",
    "ahead",
    "until",
];

/// A count of days or weeks: a number word up to twelve ("a day", "two weeks") or digits up
/// to 366.
fn number_word(w: &str) -> Option<i64> {
    match dyad_text::number_word(w) {
        Some(n) if n <= 12 => Some(n as i64),
        Some(_) => None,
        None => w.parse::<i64>().ok().filter(|n| (1..=366).contains(n)),
    }
}

fn month_of(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.');
    MONTHS.iter().find(|(m, _)| *m == w).map(|(_, n)| *n)
}

fn weekday_of(w: &str) -> Option<Weekday> {
    WEEKDAYS.iter().find(|(d, _)| *d == w).map(|(_, n)| *n)
}

/// A day of the month written as "18", "18th", "1st".
fn day_of(w: &str) -> Option<u32> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.len() > 2 {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_of(w: &str) -> Option<i32> {
    if w.len() != 4 {
        return None;
    }
    w.parse().ok().filter(|y| (1900..=2099).contains(y))
}

/// The latest date with `month` and `day` on or before `reference` (or the first on or after
/// it, when `future`).
fn nearest_day(reference: NaiveDate, month: u32, day: u32, future: bool) -> Option<NaiveDate> {
    let y = reference.year();
    let cands = [y - 1, y, y + 1]
        .into_iter()
        .filter_map(|yy| NaiveDate::from_ymd_opt(yy, month, day));
    if future {
        cands.filter(|d| *d >= reference).min()
    } else {
        cands.filter(|d| *d <= reference).max()
    }
}

/// Nouns of scheduled events: a date that modifies one ("the Jan. 8 election") names a day
/// to come.
const SCHEDULED: &[&str] = &[
    "election",
    "elections",
    "vote",
    "polls",
    "poll",
    "referendum",
    "summit",
    "deadline",
    "talks",
    "meeting",
    "visit",
    "runoff",
    "inauguration",
    "ceasefire",
    "truce",
    "trial",
    "hearing",
    "parliamentary",
    "presidential",
    "general",
    "local",
];

fn month_start(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

fn add_months(date: NaiveDate, months: i32) -> NaiveDate {
    let total = date.year() * 12 + date.month0() as i32 + months;
    NaiveDate::from_ymd_opt(total.div_euclid(12), total.rem_euclid(12) as u32 + 1, 1)
        .unwrap_or(date)
}

fn week_start(date: NaiveDate) -> NaiveDate {
    date - Duration::days(date.weekday().num_days_from_monday() as i64)
}

/// Whether the clause of token `k` (back to the sentence start or a clause boundary) speaks
/// of the future.
fn future_clause(doc: &Document, start: usize, k: usize) -> bool {
    let mut j = k;
    while j > start {
        j -= 1;
        let w = doc.tokens[j].lower.as_str();
        if matches!(w, "." | ";" | ":") {
            break;
        }
        if FUTURE.contains(&w) {
            return true;
        }
    }
    false
}

struct Found {
    tokens: std::ops::Range<usize>,
    date: NaiveDate,
    precision: DatePrecision,
    offset: Option<i64>,
}

/// Finds and resolves the time expressions of a document, in text order.
pub fn find_times(doc: &Document) -> Vec<TimeExpr> {
    let reference = doc.date;
    let mut out: Vec<TimeExpr> = Vec::new();
    // In text written all in lower case, month and day names are not capitalized.
    let lowercase_doc = doc.all_lowercase();
    // The last date the article gave, for "two days later".
    let mut last = reference;
    for (si, sent) in doc.sentences.iter().enumerate() {
        let range = sent.tokens.clone();
        let mut k = range.start;
        while k < range.end {
            match expression_at(doc, range.clone(), k, reference, last, lowercase_doc) {
                Some(f) => {
                    k = f.tokens.end.max(k + 1);
                    if f.offset.is_none() {
                        last = f.date;
                    }
                    let span = doc.tokens_span(f.tokens.clone());
                    out.push(TimeExpr {
                        tokens: f.tokens,
                        sentence: si,
                        span,
                        text: doc.slice(span).to_string(),
                        date: f.date,
                        precision: f.precision,
                        offset_days: f.offset,
                    });
                }
                None => k += 1,
            }
        }
    }
    out
}

fn expression_at(
    doc: &Document,
    range: std::ops::Range<usize>,
    k: usize,
    reference: NaiveDate,
    last: NaiveDate,
    lowercase_doc: bool,
) -> Option<Found> {
    let tok = |j: usize| (j < range.end).then(|| doc.tokens[j].lower.as_str());
    let w = tok(k)?;
    let prev = (k > range.start).then(|| doc.tokens[k - 1].lower.as_str());
    let capitalized = doc.tokens[k].capitalized || lowercase_doc;
    let found = |end: usize, date: NaiveDate, precision: DatePrecision| Found {
        tokens: k..end,
        date,
        precision,
        offset: None,
    };

    // ISO dates and numeric dates: 2024-03-18, 3/18, 3/18/2024.
    if doc.tokens[k].kind == TokenKind::Number
        || w.chars().next().is_some_and(|c| c.is_ascii_digit())
    {
        if let Some(d) = numeric_date(w, reference, future_clause(doc, range.start, k)) {
            return Some(found(k + 1, d, DatePrecision::Day));
        }
    }

    // Month-first: "March 18", "March 18, 2024", "March 2024", "in March".
    if let Some(m) = month_of(w) {
        // "May" and "March" are also a name and a verb: a bare month needs a number or a
        // time preposition with it.
        if capitalized {
            let future = future_clause(doc, range.start, k);
            let mut j = k + 1;
            if tok(j) == Some(".") {
                j += 1;
            }
            if let Some(d) = tok(j).and_then(day_of) {
                let future = future || tok(j + 1).is_some_and(|n| SCHEDULED.contains(&n));
                // "March 18, 2024" / "March 18 2024"
                let (year, end) = match (tok(j + 1), tok(j + 2).and_then(year_of)) {
                    (Some(","), Some(y)) => (Some(y), j + 3),
                    _ => match tok(j + 1).and_then(year_of) {
                        Some(y) => (Some(y), j + 2),
                        None => (None, j + 1),
                    },
                };
                let date = match year {
                    Some(y) => NaiveDate::from_ymd_opt(y, m, d),
                    None => nearest_day(reference, m, d, future),
                };
                if let Some(date) = date {
                    return Some(found(end, date, DatePrecision::Day));
                }
            }
            if let Some(y) = tok(j).and_then(year_of) {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, 1) {
                    return Some(found(j + 1, date, DatePrecision::Month));
                }
            }
            if prev.is_some_and(|p| TIME_PREPS.contains(&p)) {
                let this_year = NaiveDate::from_ymd_opt(reference.year(), m, 1)?;
                let date = if future {
                    if this_year >= month_start(reference) {
                        this_year
                    } else {
                        add_months(this_year, 12)
                    }
                } else if this_year <= reference {
                    this_year
                } else {
                    add_months(this_year, -12)
                };
                return Some(found(k + 1, date, DatePrecision::Month));
            }
        }
    }

    // Day-first: "18 March", "18 March 2024".
    if let Some(d) = day_of(w) {
        if let Some(m) = tok(k + 1).and_then(month_of) {
            let future = future_clause(doc, range.start, k);
            let (date, end) = match tok(k + 2).and_then(year_of) {
                Some(y) => (NaiveDate::from_ymd_opt(y, m, d), k + 3),
                None => (nearest_day(reference, m, d, future), k + 2),
            };
            if let Some(date) = date {
                return Some(found(end, date, DatePrecision::Day));
            }
        }
    }

    // An ISO date the tokenizer split: 2024 - 03 - 18.
    if let Some(y) = year_of(w) {
        if tok(k + 1) == Some("-") && tok(k + 3) == Some("-") {
            let (m, d) = (tok(k + 2).unwrap_or(""), tok(k + 4).unwrap_or(""));
            if m.len() == 2 && d.len() == 2 {
                if let (Ok(m), Ok(d)) = (m.parse(), d.parse()) {
                    if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                        return Some(found(k + 5, date, DatePrecision::Day));
                    }
                }
            }
        }
    }

    // A year after a time preposition: "in 2019", "since 2003".
    if let Some(y) = year_of(w) {
        if prev.is_some_and(|p| TIME_PREPS.contains(&p) && p != "of")
            || tok(k + 1).is_some_and(|n| matches!(n, "election" | "elections" | "war"))
                && prev == Some("the")
        {
            let date = NaiveDate::from_ymd_opt(y, 1, 1)?;
            return Some(found(k + 1, date, DatePrecision::Year));
        }
    }

    // Weekdays.
    if let Some(wd) = weekday_of(w) {
        if capitalized {
            let future = future_clause(doc, range.start, k)
                || prev == Some("next")
                || prev == Some("coming");
            let back = (reference.weekday().num_days_from_monday() as i64
                - wd.num_days_from_monday() as i64)
                .rem_euclid(7);
            let date = if future {
                let ahead = (wd.num_days_from_monday() as i64
                    - reference.weekday().num_days_from_monday() as i64)
                    .rem_euclid(7);
                reference + Duration::days(if ahead == 0 { 7 } else { ahead })
            } else if prev == Some("last") {
                reference - Duration::days(if back == 0 { 7 } else { back })
            } else {
                reference - Duration::days(back)
            };
            let start = if matches!(prev, Some("last" | "next" | "coming")) {
                k - 1
            } else {
                k
            };
            return Some(Found {
                tokens: start..k + 1,
                date,
                precision: DatePrecision::Day,
                offset: None,
            });
        }
    }

    // Deictic words.
    let one = |end: usize, days: i64| Found {
        tokens: k..end,
        date: reference + Duration::days(days),
        precision: DatePrecision::Day,
        offset: None,
    };
    match w {
        "yesterday" => return Some(one(k + 1, -1)),
        "today" | "tonight" => return Some(one(k + 1, 0)),
        "tomorrow" => return Some(one(k + 1, 1)),
        "last" | "this" | "next" | "earlier" | "later" => {
            let (n1, n2) = (tok(k + 1), tok(k + 2));
            // "earlier this month", "later this year"
            let (unit, end, shift) = match (w, n1, n2) {
                ("earlier" | "later", Some("this"), Some(u)) => (u, k + 3, 0),
                ("last", Some(u), _) => (u, k + 2, -1),
                ("this", Some(u), _) => (u, k + 2, 0),
                ("next", Some(u), _) => (u, k + 2, 1),
                _ => ("", k, 0),
            };
            match unit {
                "night" if w == "last" => return Some(one(end, -1)),
                "morning" | "afternoon" | "evening" if w == "this" => return Some(one(end, 0)),
                "week" => {
                    return Some(Found {
                        tokens: k..end,
                        date: week_start(reference) + Duration::days(7 * shift),
                        precision: DatePrecision::Week,
                        offset: None,
                    })
                }
                "month" => {
                    return Some(Found {
                        tokens: k..end,
                        date: add_months(month_start(reference), shift as i32),
                        precision: DatePrecision::Month,
                        offset: None,
                    })
                }
                "year" => {
                    let y = reference.year() + shift as i32;
                    return Some(Found {
                        tokens: k..end,
                        date: NaiveDate::from_ymd_opt(y, 1, 1)?,
                        precision: DatePrecision::Year,
                        offset: None,
                    });
                }
                _ => {}
            }
        }
        _ => {}
    }

    // Anchored offsets: "a day after", "two weeks before", "three days later", "a day
    // earlier", "the next day", "the day before".
    if let Some(n) = number_word(w) {
        let (unit, j) = match tok(k + 1) {
            Some("day" | "days") => (1, k + 2),
            Some("week" | "weeks") => (7, k + 2),
            _ => (0, k + 1),
        };
        if unit > 0 {
            let days = n * unit;
            // "A day before, …": no complement; the day before the last date given.
            let bare = matches!(tok(j + 1), None | Some("," | "." | ";"));
            match tok(j) {
                Some("after" | "before") if bare => {
                    let sign = if tok(j) == Some("after") { 1 } else { -1 };
                    return Some(Found {
                        tokens: k..j + 1,
                        date: last + Duration::days(sign * days),
                        precision: DatePrecision::Day,
                        offset: None,
                    });
                }
                // "X a day after Y": Y happened a day before X, whose date is the clause's.
                // Fronted ("A day before Y, X …"), the phrase dates X against Y instead.
                Some(rel @ ("after" | "before")) => {
                    let fronted = fronted(doc, range.start, k);
                    let sign = match (rel, fronted) {
                        ("after", false) | ("before", true) => -1,
                        _ => 1,
                    };
                    return Some(Found {
                        tokens: k..j + 1,
                        date: reference + Duration::days(sign * days),
                        precision: DatePrecision::Day,
                        offset: Some(sign * days),
                    });
                }
                Some("later") => {
                    return Some(Found {
                        tokens: k..j + 1,
                        date: last + Duration::days(days),
                        precision: DatePrecision::Day,
                        offset: None,
                    })
                }
                Some("earlier" | "ago") => {
                    let base = if tok(j) == Some("ago") {
                        reference
                    } else {
                        last
                    };
                    return Some(Found {
                        tokens: k..j + 1,
                        date: base - Duration::days(days),
                        precision: DatePrecision::Day,
                        offset: None,
                    });
                }
                _ => {}
            }
        }
    }
    if w == "the" {
        match (tok(k + 1), tok(k + 2)) {
            (Some("next" | "following"), Some("day")) => {
                return Some(Found {
                    tokens: k..k + 3,
                    date: last + Duration::days(1),
                    precision: DatePrecision::Day,
                    offset: None,
                })
            }
            (Some("day"), Some("before")) if tok(k + 3).is_none_or(|n| n == "." || n == ",") => {
                return Some(Found {
                    tokens: k..k + 3,
                    date: last - Duration::days(1),
                    precision: DatePrecision::Day,
                    offset: None,
                })
            }
            _ => {}
        }
    }
    None
}

/// Whether the phrase at `k` opens its sentence (after "just", "only", "barely" or "some").
fn fronted(doc: &Document, start: usize, k: usize) -> bool {
    (start..k).all(|j| {
        matches!(
            doc.tokens[j].lower.as_str(),
            "just" | "only" | "barely" | "some" | "\"" | "("
        )
    })
}

/// The tokens an anchored phrase at `t` dates: its complement (up to the next comma or
/// semicolon) or, when the phrase opens the sentence, the clause after that complement.
fn governed(
    doc: &Document,
    sentence: std::ops::Range<usize>,
    t: &TimeExpr,
) -> std::ops::Range<usize> {
    let boundary = (t.tokens.end..sentence.end)
        .find(|&j| matches!(doc.tokens[j].lower.as_str(), "," | ";" | ":"))
        .unwrap_or(sentence.end);
    if fronted(doc, sentence.start, t.tokens.start) {
        boundary..sentence.end
    } else {
        t.tokens.end..boundary
    }
}

/// "2024-03-18", "3/18", "3/18/2024", "18/3/2024" (day first where the first number cannot be
/// a month).
fn numeric_date(w: &str, reference: NaiveDate, future: bool) -> Option<NaiveDate> {
    if w.len() == 10 && w.as_bytes().get(4) == Some(&b'-') && w.as_bytes().get(7) == Some(&b'-') {
        return NaiveDate::parse_from_str(w, "%Y-%m-%d").ok();
    }
    let parts: Vec<&str> = w.split('/').collect();
    if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.is_empty() || p.len() > 4) {
        return None;
    }
    let nums: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let (m, d) = if nums[0] > 12 && nums[1] <= 12 {
        (nums[1], nums[0])
    } else {
        (nums[0], nums[1])
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    match nums.get(2) {
        Some(&y) => {
            let y = match y {
                0..=49 => 2000 + y as i32,
                50..=99 => 1900 + y as i32,
                1900..=2099 => y as i32,
                _ => return None,
            };
            NaiveDate::from_ymd_opt(y, m, d)
        }
        None => nearest_day(reference, m, d, future),
    }
}

/// Dates every event: by the anchored phrase whose complement holds its trigger, else by the
/// nearest other expression of its sentence, else by the article date.
pub fn date_events(doc: &mut Document) {
    let mut events = std::mem::take(&mut doc.events);
    date_events_of(doc, &mut events);
    doc.events = events;
}

fn date_events_of(doc_ref: &Document, events: &mut [dyad_core::Event]) {
    let reference = doc_ref.date;
    let times = &doc_ref.times;
    let tokens = &doc_ref.tokens;
    for e in events.iter_mut() {
        let Some(sent) = doc_ref.sentences.get(e.sentence) else {
            continue;
        };
        let trig = tokens.partition_point(|t| t.span.start < e.trigger_span.start);
        let trig = if trig < tokens.len() {
            trig
        } else {
            sent.tokens.start
        };
        // (Times are in text order: the sentence's are one run.)
        let lo = times.partition_point(|t| t.sentence < e.sentence);
        let hi = times.partition_point(|t| t.sentence <= e.sentence);
        let in_sentence: Vec<usize> = (lo..hi).collect();
        // The clause's own date, for anchored phrases: a plain expression of the sentence
        // before the phrase, else the article date.
        let clause_date = |before: usize| {
            in_sentence
                .iter()
                .rev()
                .map(|&i| &times[i])
                .find(|t| t.offset_days.is_none() && t.tokens.end <= before)
                .map_or(reference, |t| t.date)
        };
        // An anchored phrase governing the trigger's words dates it.
        let anchored = in_sentence.iter().rev().copied().find(|&i| {
            let t = &times[i];
            t.offset_days.is_some() && governed(doc_ref, sent.tokens.clone(), t).contains(&trig)
        });
        let chosen = match anchored {
            Some(i) => {
                let t = &times[i];
                let date = clause_date(t.tokens.start) + Duration::days(t.offset_days.unwrap_or(0));
                Some((i, date, t.precision))
            }
            None => in_sentence
                .iter()
                .copied()
                .filter(|&i| times[i].offset_days.is_none())
                // A date of another, scheduled event ("ahead of the Jan. 8 election") dates
                // only that event.
                .filter(|&i| {
                    let t = &times[i];
                    let attributive = (t.tokens.end..(t.tokens.end + 2).min(sent.tokens.end))
                        .any(|j| SCHEDULED.contains(&tokens[j].lower.as_str()));
                    !attributive || (t.tokens.end..t.tokens.end + 3).contains(&trig)
                })
                .min_by_key(|&i| {
                    let t = &times[i];
                    if t.tokens.start >= trig {
                        t.tokens.start - trig
                    } else {
                        trig - t.tokens.end + 1
                    }
                })
                .map(|i| (i, times[i].date, times[i].precision)),
        };
        e.date = Some(match chosen {
            Some((i, date, precision)) => EventDate {
                date,
                precision,
                time: Some(i),
            },
            None => EventDate {
                date: reference,
                precision: DatePrecision::Day,
                time: None,
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_dates() {
        let r = NaiveDate::from_ymd_opt(2024, 3, 19).unwrap_or_default();
        assert_eq!(
            numeric_date("3/18", r, false),
            NaiveDate::from_ymd_opt(2024, 3, 18)
        );
        assert_eq!(
            numeric_date("3/20", r, false),
            NaiveDate::from_ymd_opt(2023, 3, 20)
        );
        assert_eq!(
            numeric_date("3/20", r, true),
            NaiveDate::from_ymd_opt(2024, 3, 20)
        );
        assert_eq!(
            numeric_date("18/3/2024", r, false),
            NaiveDate::from_ymd_opt(2024, 3, 18)
        );
        assert_eq!(
            numeric_date("2024-03-18", r, false),
            NaiveDate::from_ymd_opt(2024, 3, 18)
        );
        assert_eq!(numeric_date("13/13", r, false), None);
        assert_eq!(
            numeric_date("24/7", r, false),
            NaiveDate::from_ymd_opt(2023, 7, 24)
        );
    }

    #[test]
    fn months_roll_over_years() {
        let r = NaiveDate::from_ymd_opt(2024, 1, 10).unwrap_or_default();
        assert_eq!(
            add_months(r, -1),
            NaiveDate::from_ymd_opt(2023, 12, 1).unwrap_or_default()
        );
        assert_eq!(
            week_start(r),
            NaiveDate::from_ymd_opt(2024, 1, 8).unwrap_or_default()
        );
    }
}
