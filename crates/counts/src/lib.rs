//! dyad-counts: how many were killed, wounded, arrested, abducted, displaced, missing, or
//! gathered.
//!
//! The count stage finds number phrases ("31,000", "three", "a dozen", "dozens", "more than
//! 1.2 million", "at least 12", "up to 40") next to a cue that says what they count:
//!
//! - a cue noun or adjective after the number, with up to four words between ("31,000
//!   Palestinian deaths", "12 people dead", "five soldiers were killed", "20 protesters
//!   were arrested", "300 hostages", "1.2 million refugees", "a crowd of 5,000");
//! - a cue verb before it ("killing about 20 people", "wounded at least 16", "detained
//!   dozens of activists", "drove nearly 8 million from their homes");
//! - a death toll ("the death toll rose to 45").
//!
//! Each count records its kind, number and qualifier; who was counted (an actor mention in
//! the phrase; people and civilians of a nationality are its civilians, `CVL`); the event it
//! belongs to (the event of the sentence whose trigger is the cue, else the nearest event of
//! a matching kind: violence for the killed and wounded, arrests for the arrested, …) and,
//! through it, who did it and when; and a place the sentence names. A figure restated later
//! in the article (same kind, number and people) is not counted twice.

use dyad_core::{
    Actor, Count, CountKind, DatePrecision, Document, EventDate, Layer, Location,
    LocationPrecision, Stage, TokenKind,
};

/// The count stage: fills [`Document::counts`] and [`dyad_core::Event::counts`].
#[derive(Debug, Clone, Copy, Default)]
pub struct CountStage;

impl Stage for CountStage {
    fn name(&self) -> &'static str {
        "counts"
    }
    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Tokens,
            Layer::Sentences,
            Layer::Mentions,
            Layer::Events,
            Layer::Times,
            Layer::Locations,
        ]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Counts]
    }
    fn process(&self, doc: &mut Document) {
        let counts = find_counts(doc);
        for e in doc.events.iter_mut() {
            e.counts.clear();
        }
        for (i, c) in counts.iter().enumerate() {
            if let Some(e) = c.event.and_then(|e| doc.events.get_mut(e)) {
                e.counts.push(i);
            }
        }
        doc.counts = counts;
    }
}

/// Cue words after the number, by kind.
fn noun_cue(w: &str) -> Option<CountKind> {
    Some(match w {
        "dead" | "deaths" | "killed" | "died" | "bodies" | "fatalities" | "corpses" => {
            CountKind::Killed
        }
        "wounded" | "injured" | "hurt" | "injuries" => CountKind::Wounded,
        "arrested" | "detained" | "arrests" | "detentions" | "jailed" | "rounded" => {
            CountKind::Arrested
        }
        "kidnapped" | "abducted" | "hostages" | "hostage" | "captives" => CountKind::Kidnapped,
        "displaced" | "refugees" | "evacuated" | "fled" | "homeless" => CountKind::Displaced,
        "missing" | "unaccounted" => CountKind::Missing,
        _ => return None,
    })
}

/// Crowd nouns: "5,000 protesters marched", "a crowd of 10,000".
fn crowd_noun(w: &str) -> bool {
    matches!(
        w,
        "protesters"
            | "protestors"
            | "demonstrators"
            | "marchers"
            | "rioters"
            | "supporters"
            | "mourners"
            | "strikers"
    )
}

/// Cue verbs before the number, by kind.
fn verb_cue(w: &str) -> Option<CountKind> {
    Some(match w {
        "killed" | "killing" | "kill" | "kills" | "massacred" | "slaughtered" | "executed" => {
            CountKind::Killed
        }
        "wounded" | "wounding" | "injured" | "injuring" | "wounds" | "injures" => {
            CountKind::Wounded
        }
        "arrested" | "arresting" | "detained" | "detaining" | "rounded" | "jailed" => {
            CountKind::Arrested
        }
        "kidnapped" | "kidnapping" | "abducted" | "abducting" | "seized" | "took" => {
            CountKind::Kidnapped
        }
        "displaced" | "displacing" | "drove" | "forced" | "uprooted" => CountKind::Displaced,
        _ => return None,
    })
}

/// People nouns that may stand between a number and its cue.
fn people_noun(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "persons"
            | "civilians"
            | "residents"
            | "villagers"
            | "children"
            | "women"
            | "men"
            | "soldiers"
            | "troops"
            | "police"
            | "policemen"
            | "officers"
            | "militants"
            | "fighters"
            | "rebels"
            | "insurgents"
            | "gunmen"
            | "protesters"
            | "demonstrators"
            | "students"
            | "workers"
            | "journalists"
            | "activists"
            | "members"
            | "migrants"
            | "passengers"
            | "pilgrims"
            | "worshippers"
            | "others"
            | "inmates"
            | "prisoners"
            | "crew"
            | "marines"
            | "officials"
    )
}

const QUALIFIERS: [&[&str]; 18] = [
    &["at", "least"],
    &["at", "most"],
    &["more", "than"],
    &["less", "than"],
    &["fewer", "than"],
    &["up", "to"],
    &["as", "many", "as"],
    &["an", "estimated"],
    &["nearly"],
    &["almost"],
    &["about"],
    &["around"],
    &["roughly"],
    &["approximately"],
    &["some"],
    &["over"],
    &["under"],
    &["just", "over"],
];

fn multiplier(w: &str) -> Option<u64> {
    Some(match w {
        "hundred" => 100,
        "thousand" => 1_000,
        "million" | "millions" => 1_000_000,
        "billion" => 1_000_000_000,
        _ => return None,
    })
}

/// A number phrase at `k`: (number, vague qualifier, end token). Handles "31,000", "1.2
/// million", "twenty-five", "three hundred", "a dozen", "dozens", "hundreds", "thousands",
/// "tens of thousands", "scores".
fn number_at(doc: &Document, k: usize, end: usize) -> Option<(u64, Option<&'static str>, usize)> {
    let w = |j: usize| (j < end).then(|| doc.tokens[j].lower.as_str());
    let first = w(k)?;
    // Vague amounts.
    if w(k + 1) == Some("of") && w(k + 2) == Some("thousands") {
        match first {
            "tens" => return Some((20_000, Some("tens of thousands"), k + 3)),
            "hundreds" => return Some((200_000, Some("hundreds of thousands"), k + 3)),
            _ => {}
        }
    }
    let vague = match first {
        "dozens" => Some((24, "dozens")),
        "scores" => Some((40, "scores")),
        "hundreds" => Some((200, "hundreds")),
        "thousands" => Some((2_000, "thousands")),
        "millions" => Some((2_000_000, "millions")),
        _ => None,
    };
    if let Some((n, q)) = vague {
        return Some((n, Some(q), k + 1));
    }
    if first == "a" && w(k + 1) == Some("dozen") {
        return Some((12, None, k + 2));
    }
    if first == "a" && w(k + 1) == Some("handful") {
        return None;
    }
    let (mut n, mut j) = if doc.tokens[k].kind == TokenKind::Number {
        let digits: String = first.chars().filter(|c| *c != ',').collect();
        if digits.contains('.') {
            let f: f64 = digits.parse().ok()?;
            let m = w(k + 1).and_then(multiplier)?;
            return Some(((f * m as f64).round() as u64, None, k + 2));
        }
        (digits.parse::<u64>().ok()?, k + 1)
    } else if let Some(v) = dyad_text::number_word(first) {
        if matches!(first, "a" | "an") {
            // "a hundred", "a thousand" only.
            (1, k + 1)
        } else {
            // "twenty-five"
            if w(k + 1) == Some("-") {
                if let Some(u) = w(k + 2)
                    .and_then(dyad_text::number_word)
                    .filter(|u| *u < 10)
                {
                    (v + u, k + 3)
                } else {
                    (v, k + 1)
                }
            } else {
                (v, k + 1)
            }
        }
    } else {
        return None;
    };
    let mut scaled = false;
    while let Some(m) = w(j).and_then(multiplier) {
        n = n.saturating_mul(m);
        j += 1;
        scaled = true;
    }
    if matches!(first, "a" | "an") && !scaled {
        return None;
    }
    // Years, times and ages are not counts: "in 2019", "10:30", "a 25-year-old".
    if w(j) == Some("-") || w(j).is_some_and(|x| matches!(x, "year" | "years" | "%" | "percent")) {
        return None;
    }
    Some((n, None, j))
}

/// A qualifier ending right before `k`: ("at least", start token).
fn qualifier_before(doc: &Document, start: usize, k: usize) -> Option<(String, usize)> {
    for q in QUALIFIERS {
        if k < start + q.len() {
            continue;
        }
        let s = k - q.len();
        if (0..q.len()).all(|i| doc.tokens[s + i].lower == q[i]) {
            return Some((q.join(" "), s));
        }
    }
    None
}

/// Finds the counts of a document.
pub fn find_counts(doc: &Document) -> Vec<Count> {
    let mut out: Vec<Count> = Vec::new();
    for (si, sent) in doc.sentences.iter().enumerate() {
        let (start, end) = (sent.tokens.start, sent.tokens.end);
        let lower = |j: usize| doc.tokens[j].lower.as_str();
        let mut k = start;
        while k < end {
            let Some((number, vague, nend)) = number_at(doc, k, end) else {
                k += 1;
                continue;
            };
            // An age in apposition ("Duterte, 79, was detained") is not a count.
            if k > start && lower(k - 1) == "," && nend < end && lower(nend) == "," {
                k = nend;
                continue;
            }
            // Numbers inside dates are not counts.
            if sentence_slice(&doc.times, si, |t| t.sentence)
                .iter()
                .any(|t| t.tokens.contains(&k))
            {
                k = nend;
                continue;
            }
            let mut qualifier = vague.map(str::to_string);
            let mut first = k;
            if let Some((q, s)) = qualifier_before(doc, start, k) {
                qualifier = Some(match qualifier {
                    Some(v) => format!("{q} {v}"),
                    None => q,
                });
                first = s;
            }
            // The phrase after the number: "dozens of", then up to four words to a cue.
            let mut j = nend;
            if j < end && lower(j) == "of" {
                j += 1;
                if j < end && lower(j) == "the" {
                    j += 1;
                }
            }
            let mut found: Option<(CountKind, usize)> = None;
            let mut people_end = j;
            for step in 0..6 {
                let Some(w) = (j + step < end).then(|| lower(j + step)) else {
                    break;
                };
                if matches!(
                    w,
                    "," | ";" | "." | "and" | "but" | "in" | "on" | "at" | "from"
                ) && step > 0
                    && !(w == "and"
                        && (j + step + 1 < end)
                        && noun_cue(lower(j + step + 1)).is_some())
                {
                    break;
                }
                if let Some(kind) = noun_cue(w) {
                    // "were killed", "have been wounded" count; "killed" right after a bare
                    // number and before an object is a verb of another subject ("Israel
                    // killed 12"), caught by the verb cue below.
                    found = Some((kind, j + step + 1));
                    break;
                }
                if crowd_noun(w) {
                    // "5,000 protesters marched"
                    found = Some((CountKind::Crowd, j + step + 1));
                    people_end = j + step + 1;
                    // Unless the crowd is itself killed or held: look on.
                    continue;
                }
                if people_noun(w) {
                    people_end = j + step + 1;
                }
                // A group named by an actor ("12 Palestinians", "five Israeli soldiers").
                if let Some(m) = sentence_slice(&doc.mentions, si, |m| m.sentence)
                    .iter()
                    .find(|m| !m.locative && m.tokens.contains(&(j + step)))
                {
                    people_end = people_end.max(m.tokens.end);
                }
            }
            // A crowd whose members are then killed or held is that, not a crowd.
            if let Some((CountKind::Crowd, e)) = found {
                for step in 0..4 {
                    let Some(w) = (e + step < end).then(|| lower(e + step)) else {
                        break;
                    };
                    if let Some(kind) = noun_cue(w) {
                        found = Some((kind, e + step + 1));
                        break;
                    }
                }
            }
            // A cue verb or noun right before: "killing about 20 people", "a crowd of 5,000",
            // "the death toll rose to 45".
            if matches!(found, None | Some((CountKind::Crowd, _))) && first > start {
                let b = first - 1;
                let b2 = b.checked_sub(1).filter(|x| *x >= start);
                let before = lower(b);
                let kind = verb_cue(before)
                    .or_else(|| {
                        (before == "of"
                            && b2.is_some_and(|x| matches!(lower(x), "crowd" | "crowds" | "rally")))
                        .then_some(CountKind::Crowd)
                    })
                    .or_else(|| {
                        let toll = (start..b).rev().take(4).any(|x| lower(x) == "toll");
                        (matches!(before, "to" | "at" | "of" | "reached" | "hit") && toll)
                            .then_some(CountKind::Killed)
                    });
                if let Some(kind) = kind {
                    // "took 40 hostages" only; "forced 8,000 from their homes" only.
                    let ok = match before {
                        "took" => {
                            (nend..(nend + 3).min(end)).any(|x| lower(x).starts_with("hostage"))
                        }
                        "forced" | "drove" => {
                            (nend..(nend + 6).min(end)).any(|x| lower(x) == "homes")
                        }
                        _ => true,
                    };
                    if ok {
                        first = b;
                        found = Some((kind, people_end.max(nend)));
                    }
                }
            }
            let Some((kind, cend)) = found else {
                k = nend;
                continue;
            };
            let tokens = first..cend.max(nend);
            let who = who_of(doc, si, k..cend.max(people_end));
            let event = link_event(doc, si, kind, tokens.clone());
            let by = event
                .and_then(|e| doc.events.get(e))
                .filter(|_| kind != CountKind::Crowd)
                .and_then(|e| e.source.clone())
                .filter(|s| who.as_ref().is_none_or(|w| w.span != s.span));
            let place = place_of(doc, si, event, doc.tokens[k].span.start);
            let date = event
                .and_then(|e| doc.events.get(e))
                .and_then(|e| e.date.clone())
                .or_else(|| {
                    let lo = doc.times.partition_point(|t| t.sentence < si);
                    sentence_slice(&doc.times, si, |t| t.sentence)
                        .iter()
                        .enumerate()
                        .map(|(i, t)| (lo + i, t))
                        .find(|(_, t)| t.offset_days.is_none())
                        .map(|(i, t)| EventDate {
                            date: t.date,
                            precision: t.precision,
                            time: Some(i),
                        })
                })
                .or(Some(EventDate {
                    date: doc.date,
                    precision: DatePrecision::Day,
                    time: None,
                }));
            // A figure restated later in the article is counted once.
            let restated = out.iter().any(|c| {
                c.kind == kind
                    && c.number == number
                    && c.who.as_ref().map(|a| &a.code) == who.as_ref().map(|a| &a.code)
            });
            if !restated {
                let span = doc.tokens_span(tokens.clone());
                out.push(Count {
                    sentence: si,
                    tokens: tokens.clone(),
                    span,
                    kind,
                    number,
                    qualifier,
                    who,
                    by,
                    event,
                    place,
                    date,
                });
            }
            k = tokens.end.max(nend);
        }
    }
    out
}

/// Who was counted: an actor mention inside the phrase; people of a nationality are its
/// civilians.
fn who_of(doc: &Document, si: usize, phrase: std::ops::Range<usize>) -> Option<Actor> {
    let m = sentence_slice(&doc.mentions, si, |m| m.sentence)
        .iter()
        .filter(|m| !m.locative)
        .find(|m| m.tokens.start < phrase.end && phrase.start < m.tokens.end)?;
    let mut a = m.actor.clone();
    let generic_people = phrase.clone().any(|j| {
        matches!(
            doc.tokens[j].lower.as_str(),
            "people"
                | "civilians"
                | "residents"
                | "villagers"
                | "children"
                | "women"
                | "deaths"
                | "dead"
                | "refugees"
        )
    });
    if a.sectors.is_empty() && a.country.is_some() && (generic_people || m.adjectival) {
        a.sectors = vec!["CVL".to_string()];
        a.code = format!("{}CVL", a.country.as_deref().unwrap_or(""));
    }
    Some(a)
}

/// The event a count belongs to: one whose trigger holds the cue, else the nearest event of
/// the sentence of a matching kind.
fn link_event(
    doc: &Document,
    si: usize,
    kind: CountKind,
    tokens: std::ops::Range<usize>,
) -> Option<usize> {
    let phrase = doc.tokens_span(tokens.clone());
    let matching = |root: &str, cameo: &str| match kind {
        CountKind::Killed | CountKind::Wounded => matches!(root, "18" | "19" | "20"),
        CountKind::Arrested => cameo.starts_with("173") || root == "17",
        CountKind::Kidnapped => cameo.starts_with("181") || root == "18",
        CountKind::Displaced => matches!(root, "17" | "18" | "19" | "20"),
        CountKind::Missing => matches!(root, "18" | "19" | "20"),
        CountKind::Crowd => root == "14",
    };
    let mid = (phrase.start + phrase.end) / 2;
    let lo = doc.events.partition_point(|e| e.sentence < si);
    sentence_slice(&doc.events, si, |e| e.sentence)
        .iter()
        .enumerate()
        .map(|(i, e)| (lo + i, e))
        .filter(|(_, e)| matching(&e.root, &e.cameo))
        .min_by_key(|(_, e)| {
            let overlaps = e.trigger_span.start < phrase.end && phrase.start < e.trigger_span.end;
            let d = e.trigger_span.start.abs_diff(mid);
            (!overlaps as u8, d)
        })
        .map(|(i, _)| i)
}

/// Where: the linked event's location where the event has one of its own or of its
/// sentence, else the place of the sentence nearest the count.
fn place_of(doc: &Document, si: usize, event: Option<usize>, at: usize) -> Option<Location> {
    if let Some(l) = event
        .and_then(|e| doc.events.get(e))
        .and_then(|e| e.location.clone())
        .filter(|l| l.precision != LocationPrecision::Article)
    {
        return Some(l);
    }
    sentence_slice(&doc.places, si, |p| p.sentence)
        .iter()
        .min_by_key(|p| p.span.start.abs_diff(at))
        .map(|p| Location {
            precision: LocationPrecision::Sentence,
            ..p.clone()
        })
}

/// The items of sentence `si` in a list kept in sentence order.
fn sentence_slice<T>(v: &[T], si: usize, sentence: impl Fn(&T) -> usize) -> &[T] {
    let lo = v.partition_point(|x| sentence(x) < si);
    let hi = v.partition_point(|x| sentence(x) <= si);
    &v[lo..hi.max(lo)]
}
