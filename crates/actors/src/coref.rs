//! Coreference for actors: pronouns and definite descriptions resolve to the most recent
//! compatible actor mention.
//!
//! - `he`, `she`, `him` → the most recent person mention (within the last three sentences);
//! - `they`, `them` → the most recent mention of a group (not a person, not a place);
//! - `it` opening a sentence and followed by a verb of action → the most recent state or
//!   organization of the previous sentence;
//! - `the group`, `the organization`, `the movement`, `the militia` → the most recent
//!   organization;
//! - a bare agent after `the` (`the ministry`, `the army`, `the government`) with no country
//!   of its own takes the country of the first named actor of the nearest sentence (within
//!   two) that names one: `ISR` + `GOV`.
//!
//! - any other bare agent still without a country takes the country its context names (see
//!   [`context_country`]);
//! - `we`, `I` inside a quotation → its speaker (see [`quoted_speakers`]).
//!
//! A resolved mention keeps its own text and span and records the antecedent's span in
//! [`Actor::antecedent`](dyad_core::Actor::antecedent); its rule says `coref`.

use dyad_core::{Document, Mention, TokenKind};

const GROUP_NOUNS: &[&str] = &[
    "group",
    "organization",
    "organisation",
    "movement",
    "militia",
    "faction",
    "network",
];

fn compatible_person(m: &Mention) -> bool {
    m.person && !m.locative
}

fn compatible_group(m: &Mention) -> bool {
    !m.person && !m.locative && !m.adjectival
}

/// Adds pronoun mentions and fills the country of bare definite agents.
pub(crate) fn resolve(doc: &Document, mentions: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    let mut next = mentions.into_iter().peekable();
    for (si, sent) in doc.sentences.iter().enumerate() {
        for k in sent.tokens.clone() {
            // Dictionary mentions starting here come first.
            while next.peek().is_some_and(|m| m.tokens.start <= k) {
                let Some(mut m) = next.next() else { break };
                definite_agent(doc, &mut m, &out);
                out.push(m);
            }
            let t = &doc.tokens[k];
            if t.kind != TokenKind::Word || out.last().is_some_and(|m| m.tokens.contains(&k)) {
                continue;
            }
            let w = t.lower.as_str();
            let prev = if k > sent.tokens.start {
                doc.tokens[k - 1].lower.as_str()
            } else {
                ""
            };
            let (wanted, window): (fn(&Mention) -> bool, usize) = match w {
                "he" | "she" | "him" => (compatible_person, 3),
                "they" | "them" => (compatible_group, 2),
                // "Iraq said it would …": the speaker (see `speaker` below).
                "it" if SPEECH.contains(&prev) => (compatible_group, 0),
                // "It later attacked …": an organization or state, not the expletive "it is",
                // "it was", "it's".
                "it" if doc.tokens.get(k + 1).is_some_and(|n| {
                    !matches!(
                        n.lower.as_str(),
                        "is" | "was"
                            | "'s"
                            | "seems"
                            | "appears"
                            | "remains"
                            | "would"
                            | "will"
                            | "could"
                            | "may"
                            | "might"
                            | "has"
                            | "had"
                            | "takes"
                            | "took"
                    )
                }) && k == sent.tokens.start =>
                {
                    (
                        |m: &Mention| compatible_group(m) && m.actor.country.is_some(),
                        1,
                    )
                }
                // (A group or movement is not a state, government or intergovernmental body:
                // "the group" after "the African Union … al-Shabaab" is al-Shabaab.)
                _ if prev == "the" && GROUP_NOUNS.contains(&w) => (
                    |m: &Mention| {
                        compatible_group(m)
                            && m.actor.entity.is_some()
                            && !m.person
                            && !m.actor.sectors.is_empty()
                            && !m
                                .actor
                                .sectors
                                .iter()
                                .any(|s| matches!(s.as_str(), "GOV" | "IGO" | "MIL" | "COP"))
                    },
                    3,
                ),
                _ => continue,
            };
            let nearest = out
                .iter()
                .rev()
                .take_while(|m| si - m.sentence.min(si) <= window)
                .find(|m| wanted(m));
            // A pronoun that opens its sentence is usually its subject and continues the
            // previous sentence's subject: "Biden met Netanyahu. He pledged support …" is
            // Biden. Take the first compatible mention of that sentence.
            // (Persons only: "they" more often takes up the nearest group, and "it" has its
            // own rule below.)
            let subject_start = matches!(w, "he" | "she")
                && (k == sent.tokens.start
                    || (k == sent.tokens.start + 1
                        && matches!(prev, "but" | "and" | "then" | "later" | "\"")));
            // "X said they would …": a pronoun right after a speech verb is its speaker, the
            // subject that opens the sentence.
            let speaker = if matches!(w, "he" | "she" | "they" | "it")
                && SPEECH.contains(&prev)
                && k > sent.tokens.start + 1
            {
                // (The clause starts after the last comma, semicolon or conjunction.)
                let clause = (sent.tokens.start..k)
                    .rev()
                    .find(|&j| {
                        matches!(
                            doc.tokens[j].lower.as_str(),
                            "," | ";" | "and" | "but" | "while"
                        )
                    })
                    .map_or(sent.tokens.start, |j| j + 1);
                // A clause whose verb shares the subject before it ("X condemned the attack
                // and said it …") takes the sentence's subject.
                let clause = if clause + 1 == k {
                    sent.tokens.start
                } else {
                    clause
                };
                out.iter()
                    .find(|m| m.sentence == si && m.tokens.start >= clause && wanted(m))
                    .filter(|m| m.tokens.start <= clause + 2)
            } else {
                None
            };
            let ante = match nearest {
                _ if speaker.is_some() => speaker,
                Some(n) if subject_start && n.sentence < si => out
                    .iter()
                    .filter(|m| m.sentence == n.sentence)
                    .find(|m| wanted(m))
                    .or(Some(n)),
                other => other,
            };
            // "It" is often a thing ("The agreement … It locks in …"): only the state or
            // organization that opens the previous sentence, as its subject, qualifies.
            let ante = if w == "it" && speaker.is_none() {
                si.checked_sub(1).and_then(|ps| {
                    out.iter()
                        .find(|m| m.sentence == ps)
                        .filter(|o| wanted(o))
                        .filter(|o| {
                            doc.sentences
                                .get(ps)
                                .is_some_and(|s| o.tokens.start <= s.tokens.start + 2)
                        })
                })
            } else {
                ante
            };
            let Some(ante) = ante else {
                continue;
            };
            let first = if prev == "the" && GROUP_NOUNS.contains(&w) {
                k - 1
            } else {
                k
            };
            let span = doc.tokens_span(first..k + 1);
            let mut actor = ante.actor.clone();
            actor.text = doc.slice(span).to_string();
            actor.antecedent = Some(ante.actor.span);
            actor.span = span;
            let rule = format!("coref `{}` → {}", actor.text, ante.rule);
            out.push(Mention {
                tokens: first..k + 1,
                sentence: si,
                actor,
                rule,
                locative: false,
                adjectival: false,
                person: ante.person,
            });
        }
    }
    out.extend(next);
    context_country(doc, &mut out);
    follow_antecedents(&mut out);
    quoted_speakers(doc, &mut out);
    out
}

/// A pronoun copied its antecedent before context filled the antecedent's country ("police
/// in Peru said they …"): it takes the antecedent's final identity.
fn follow_antecedents(mentions: &mut [Mention]) {
    // The latest mention at each span so far.
    let mut at: std::collections::HashMap<(usize, usize), usize> = std::collections::HashMap::new();
    for i in 0..mentions.len() {
        let Some(ante) = mentions[i]
            .actor
            .antecedent
            .filter(|_| is_pronoun(&mentions[i]))
        else {
            let sp = mentions[i].actor.span;
            at.insert((sp.start, sp.end), i);
            continue;
        };
        let sp = mentions[i].actor.span;
        at.insert((sp.start, sp.end), i);
        let Some(src) = at
            .get(&(ante.start, ante.end))
            .filter(|&&j| j < i)
            .map(|&j| mentions[j].actor.clone())
        else {
            continue;
        };
        let a = &mut mentions[i].actor;
        a.code = src.code;
        a.country = src.country;
        a.sectors = src.sectors;
        a.entity = src.entity;
        a.wikidata = src.wikidata;
    }
}

/// Verbs that introduce a quotation's speaker.
const SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "stated",
    "declared",
    "declares",
    "insisted",
    "insists",
    "warned",
    "warns",
    "wrote",
    "writes",
    "stressed",
    "asserted",
    "vowed",
    "pledged",
    "announced",
    "announces",
    "confirmed",
    "confirms",
    "claimed",
    "claims",
    "promised",
    "promises",
    "threatened",
    "threatens",
    "indicated",
    "signalled",
    "signaled",
];

fn is_quote(w: &str) -> bool {
    matches!(w, "\"" | "``" | "''")
}

/// First-person pronouns inside a quotation stand for its speaker: `"We will not negotiate,"
/// the Nigerian president said` or `X said: "We …"`. The speaker is the actor mention right
/// after the closing quote and before (or after) the verb of speech, or right before the verb
/// that opens the quotation.
fn quoted_speakers(doc: &Document, mentions: &mut Vec<Mention>) {
    let mut added = Vec::new();
    for (si, sent) in doc.sentences.iter().enumerate() {
        let r = sent.tokens.clone();
        let quotes: Vec<usize> = r
            .clone()
            .filter(|&k| is_quote(&doc.tokens[k].lower))
            .collect();
        if quotes.len() < 2 {
            continue;
        }
        let lo = mentions.partition_point(|m| m.sentence < si);
        let hi = mentions.partition_point(|m| m.sentence <= si);
        let sentence = &mentions[lo..hi];
        let lower = |k: usize| doc.tokens[k].lower.as_str();
        for pair in quotes.chunks(2) {
            let [open, close] = pair else { continue };
            // Trailing: `"…," [said] [the] SPEAKER [said]`.
            let after = sentence.iter().find(|m| {
                !m.locative
                    && m.tokens.start > *close
                    && m.tokens.start <= close + 4
                    && (close + 1..m.tokens.start).all(|k| {
                        matches!(lower(k), "," | "the" | "a") || SPEECH.contains(&lower(k))
                    })
                    && ((close + 1..m.tokens.start).any(|k| SPEECH.contains(&lower(k)))
                        || doc
                            .tokens
                            .get(m.tokens.end)
                            .is_some_and(|t| SPEECH.contains(&t.lower.as_str())))
            });
            // Leading: `SPEAKER said[:,] "…"`.
            let before = sentence.iter().rev().find(|m| {
                !m.locative
                    && m.tokens.end < *open
                    && m.tokens.end + 3 >= *open
                    && (m.tokens.end..*open).any(|k| SPEECH.contains(&lower(k)))
                    && (m.tokens.end..*open)
                        .all(|k| matches!(lower(k), ":" | ",") || SPEECH.contains(&lower(k)))
            });
            let Some(speaker) = after.or(before) else {
                continue;
            };
            for k in open + 1..*close {
                if !matches!(lower(k), "we" | "i" | "us" | "me") {
                    continue;
                }
                let span = doc.tokens[k].span;
                let mut actor = speaker.actor.clone();
                actor.text = doc.slice(span).to_string();
                actor.span = span;
                actor.antecedent = Some(speaker.actor.span);
                added.push(Mention {
                    tokens: k..k + 1,
                    sentence: si,
                    actor,
                    rule: format!("quote speaker `{}` → {}", doc.slice(span), speaker.rule),
                    locative: false,
                    adjectival: false,
                    person: speaker.person,
                });
            }
        }
    }
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| (m.sentence, m.tokens.start));
    }
}

/// Words that may stand between "in"/"of"/"from" and a country: "rebels in northern Mali".
const DIRECTIONS: &[&str] = &[
    "the",
    "a",
    "an",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north",
    "south",
    "east",
    "west",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "neighbouring",
    "neighboring",
    "rural",
    "remote",
];

/// Whether a mention is a bare agent ("police", "rebels", "the president") with no country of
/// its own.
/// Whether a mention is a personal pronoun standing for an earlier mention.
fn is_pronoun(m: &Mention) -> bool {
    m.actor.antecedent.is_some()
        && matches!(
            m.actor.text.to_lowercase().as_str(),
            "he" | "she" | "him" | "they" | "them" | "it"
        )
}

fn bare_agent(m: &Mention) -> bool {
    !is_pronoun(m)
        && m.actor.country.is_none()
        && m.actor.entity.is_none()
        && !m.actor.sectors.is_empty()
        && !m.actor.sectors.iter().any(|s| s == "IGO")
        && !m.locative
}

/// A mention whose country was named in the text (not itself inferred). A named news
/// organization gives none: the agency that carries a report ("told AFP", "Itar-Tass said")
/// is not where it happened.
fn named_country(m: &Mention) -> Option<&str> {
    if m.actor.antecedent.is_some()
        || (m.actor.entity.is_some() && m.actor.sectors.iter().any(|s| s == "MED"))
    {
        return None;
    }
    m.actor.country.as_deref()
}

/// Gives bare agents that are still without a country the country their context names, in
/// this order:
/// 1. a country attached by `in`/`of`/`from` right after the agent ("security forces in
///    Guinea", "rebels in the Ivory Coast", "the president of Chile", "rebels operating in
///    Mali"); this also overrides the country of an ethnic group ("ethnic Albanian guerrillas
///    in Macedonia");
/// 2. the one country the sentence's actors name, when they name exactly one ("Liberian riot
///    police dispersed demonstrators" gives the demonstrators to Liberia); when no actor names
///    a country (or, for rebels, when they name several), the one country of the sentence's
///    places (for rebels, a country that none of the actors names);
/// 3. the country that more than half of the article's named countries are, when there is one
///    (domestic news), else the country of the article's dateline.
///
/// A sentence naming several countries gives nothing by rule 2: a guess there is as likely to be
/// wrong as right, and the agent stays without a country. The mention that gave the country is
/// recorded as the antecedent.
fn context_country(doc: &Document, mentions: &mut [Mention]) {
    // The article's dominant named country.
    let mut counts: Vec<(&str, usize)> = Vec::new();
    let mut total = 0;
    // ("the Thai border" lies between two countries: it names neither.)
    let border = |m: &Mention| {
        doc.tokens
            .get(m.tokens.end)
            .is_some_and(|t| matches!(t.lower.as_str(), "border" | "borders" | "frontier"))
    };
    for m in mentions.iter().filter(|m| !border(m)) {
        if let Some(c) = named_country(m) {
            total += 1;
            match counts.iter_mut().find(|(k, _)| *k == c) {
                Some(e) => e.1 += 1,
                None => counts.push((c, 1)),
            }
        }
    }
    let dominant = counts
        .iter()
        .find(|(_, n)| 2 * n > total)
        .and_then(|(c, _)| mentions.iter().find(|m| named_country(m) == Some(*c)))
        .map(|m| {
            (
                m.actor.country.clone().unwrap_or_default(),
                m.actor.span,
                m.rule.clone(),
            )
        });
    let dateline = doc.dateline.as_ref().and_then(|r| {
        mentions
            .iter()
            // The place, not the news agency ("BRUSSELS (Reuters) -").
            .find(|m| {
                r.contains(&m.tokens.start)
                    && m.actor.country.is_some()
                    && !m.actor.sectors.iter().any(|s| s == "MED")
            })
            .map(|m| {
                (
                    m.actor.country.clone().unwrap_or_default(),
                    m.actor.span,
                    m.rule.clone(),
                )
            })
    });
    let mut updates: Vec<(usize, String, dyad_core::Span, String, &'static str)> = Vec::new();
    // Mentions are in text order: each sentence's mentions are one run.
    let run = |si: usize| {
        let lo = mentions.partition_point(|a| a.sentence < si);
        let hi = mentions.partition_point(|a| a.sentence <= si);
        lo..hi
    };
    for (i, m) in mentions.iter().enumerate() {
        // "ethnic Albanian guerrillas operating in Macedonia": the adjective names the
        // group's ethnicity; where it is located names its country.
        let ethnic = m.tokens.start > 0
            && doc.tokens[m.tokens.start - 1].lower == "ethnic"
            && m.actor.entity.is_none()
            && !m.actor.sectors.is_empty();
        if !bare_agent(m) && !ethnic {
            continue;
        }
        let sentence = &mentions[run(m.sentence)];
        // 1. Attached: the next mention starts right after "in"/"of"/"from" (and "the"),
        // or after a participle and "in" ("rebels operating in", "troops based in").
        let mut end = m.tokens.end;
        if doc.tokens.get(end).is_some_and(|t| {
            t.lower.ends_with("ing")
                || matches!(
                    t.lower.as_str(),
                    "based" | "stationed" | "deployed" | "active"
                )
        }) && doc.tokens.get(end + 1).is_some_and(|t| t.lower == "in")
        {
            end += 1;
        }
        let attached = doc
            .tokens
            .get(end)
            .filter(|t| matches!(t.lower.as_str(), "in" | "of" | "from"))
            .and_then(|_| {
                sentence.iter().find(|a| {
                    // Only "the" and words of direction may stand between: "rebels in
                    // northern Mali", "police in the east of Congo" is too far.
                    named_country(a).is_some()
                        && a.tokens.start > end
                        && a.tokens.start <= end + 3
                        && (end + 1..a.tokens.start).all(|k| {
                            doc.tokens
                                .get(k)
                                .is_some_and(|t| DIRECTIONS.contains(&t.lower.as_str()))
                        })
                })
            });
        if ethnic && attached.is_none() {
            continue;
        }
        if let Some(a) = attached {
            updates.push((
                i,
                a.actor.country.clone().unwrap_or_default(),
                a.actor.span,
                a.rule.clone(),
                "attached",
            ));
            continue;
        }
        // 2. The one country of the sentence's actors, else of its places. Rebels fight
        // where they are: when the actors name several countries, the one country of the
        // places decides ("Vietnamese forces fought guerrillas in western Cambodia").
        let mut decided = false;
        // (So do civilians, the victims and crowds of the place: "killing 39 people" in a
        // mall in Nairobi.)
        let rebels = m
            .actor
            .sectors
            .iter()
            .any(|s| matches!(s.as_str(), "REB" | "CVL"));
        for places in [false, true] {
            let mut in_sentence = sentence
                .iter()
                .filter(|a| a.locative == places && !(places && border(a)))
                .filter_map(|a| named_country(a).map(|c| (c, a)));
            if let Some((c, a)) = in_sentence.next() {
                // (For rebels after several actor countries: a third country's place, not
                // the capital of one of the parties: "talks in Havana with Cuba and Norway".)
                let party = places
                    && sentence
                        .iter()
                        .any(|o| !o.locative && named_country(o) == Some(c));
                if in_sentence.all(|(c2, _)| c2 == c) && !party {
                    updates.push((i, c.to_string(), a.actor.span, a.rule.clone(), "sentence"));
                } else if rebels && !places {
                    continue;
                }
                decided = true;
                break;
            }
        }
        if decided {
            continue;
        }
        // 3. The article's dominant country, else the country of its dateline (where the
        // report was filed: domestic police and protesters are usually there).
        if let Some((c, span, rule)) = dominant.as_ref().or(dateline.as_ref()) {
            updates.push((i, c.clone(), *span, rule.clone(), "article"));
        }
    }
    for (i, country, span, rule, how) in updates {
        let m = &mut mentions[i];
        m.actor.code = format!("{country}{}", m.actor.sectors.concat());
        m.actor.country = Some(country);
        m.actor.antecedent = Some(span);
        m.rule = format!("context country ({how}) ← {rule} + {}", m.rule);
    }
}

/// "the ministry": a bare agent after `the` takes the country of the latest mention with one.
fn definite_agent(doc: &Document, m: &mut Mention, before: &[Mention]) {
    let bare = m.actor.country.is_none() && m.actor.entity.is_none() && !m.actor.sectors.is_empty();
    let after_the = m.tokens.start > 0 && doc.tokens[m.tokens.start - 1].lower == "the";
    if !bare || !after_the || m.actor.sectors.iter().any(|s| s == "IGO") {
        return;
    }
    // The country of the sentence's first named actor (its subject, usually), else of the
    // nearest earlier sentence that names one: "Israeli warplanes bombed Beirut and the navy
    // …" gives the navy to Israel, not to Beirut. Only mentions named in the text pass their
    // country on, so a guess never feeds another guess.
    let usable = |a: &&Mention| named_country(a).is_some() && !a.locative;
    let nearest_sentence = before
        .iter()
        .rev()
        .take_while(|a| m.sentence - a.sentence.min(m.sentence) <= 2)
        .find(usable)
        .map(|a| a.sentence);
    // Scan back through that sentence only (mentions are in text order), keeping the first.
    let Some(ante) = nearest_sentence.and_then(|si| {
        before
            .iter()
            .rev()
            .skip_while(|a| a.sentence > si)
            .take_while(|a| a.sentence == si)
            .filter(usable)
            .last()
    }) else {
        return;
    };
    let country = ante.actor.country.clone().unwrap_or_default();
    m.actor.code = format!("{country}{}", m.actor.sectors.concat());
    m.actor.country = Some(country);
    m.actor.antecedent = Some(ante.actor.span);
    m.rule = format!("coref country ← {} + {}", ante.rule, m.rule);
}
