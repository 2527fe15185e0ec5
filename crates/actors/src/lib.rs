//! dyad-actors: who is mentioned, as which actor code, on the article's date?
//!
//! [`Dictionary`] holds the actor dictionaries (countries, organizations, sector nouns and
//! titles, people with dated roles), parsed from dyad's TSV format (see `data/actors/README.md`)
//! and compiled into one Aho-Corasick automaton over token sequences. [`ActorStage`] finds the
//! dictionary atoms in each sentence and composes them into mentions: `Israeli` + `troops` →
//! `ISRMIL`, `Israeli` + `Prime Minister` + `Benjamin Netanyahu` → the person's role on the
//! article's date (`ISRGOV`), `Biden` in 2024 → `USAGOV`, out of office → country + `ELI`.

mod compose;
mod coref;
mod dict;
pub mod petrarch;

pub use dict::{DictError, DictSource, Dictionary, SourceKind};

use dyad_core::{Document, Layer, Mention, Stage, TokenKind};
use std::sync::Arc;

/// The actors stage: fills [`Document::mentions`].
#[derive(Clone)]
pub struct ActorStage {
    dict: Arc<Dictionary>,
    gazetteer: Option<Arc<dyad_where::Gazetteer>>,
}

impl ActorStage {
    /// A stage over a loaded dictionary.
    pub fn new(dict: Arc<Dictionary>) -> Self {
        ActorStage {
            dict,
            gazetteer: None,
        }
    }

    /// A stage that also marks the places a gazetteer knows ("Nairobi", "Khan Younis") as
    /// locative mentions of their state, so that context ("police in Nairobi") and places as
    /// targets ("shelled targets in Jericho") see them.
    pub fn with_gazetteer(dict: Arc<Dictionary>, gazetteer: Arc<dyad_where::Gazetteer>) -> Self {
        ActorStage {
            dict,
            gazetteer: Some(gazetteer),
        }
    }
}

/// A bare agent noun right before an organization's name describes it ("the militant group Hamas",
/// "the rebel movement M23"; one group word may stand between): the name is the actor, and
/// the descriptor is dropped so that it is not resolved to some other actor of the text.
fn descriptors_yield_to_names(doc: &Document, mentions: Vec<Mention>) -> Vec<Mention> {
    let keep: Vec<bool> = mentions
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let bare = m.actor.entity.is_none()
                && m.actor.country.is_none()
                && !m.locative
                && !m.adjectival
                && !m.person;
            let named_next = mentions.get(i + 1).is_some_and(|n| {
                let gap_ok = n.tokens.start == m.tokens.end
                    || (n.tokens.start == m.tokens.end + 1
                        && doc.tokens.get(m.tokens.end).is_some_and(|t| {
                            matches!(
                                t.lower.as_str(),
                                "movement"
                                    | "group"
                                    | "party"
                                    | "organization"
                                    | "organisation"
                                    | "faction"
                                    | "network"
                                    | "alliance"
                                    | "coalition"
                            )
                        }));
                gap_ok
                    && n.sentence == m.sentence
                    && n.actor.entity.is_some()
                    && !n.person
                    && !n.locative
            });
            !(bare && named_next)
        })
        .collect();
    mentions
        .into_iter()
        .zip(keep)
        .filter_map(|(m, k)| k.then_some(m))
        .collect()
}

/// The rule of mentions made from gazetteer places.
pub const PLACE_RULE: &str = "gazetteer";

/// Fills [`Document::places`] and adds a locative mention of its state for every place the
/// gazetteer finds that no mention covers (places of no state are left out).
fn add_places(
    g: &dyad_where::Gazetteer,
    doc: &mut Document,
    mentions: Vec<Mention>,
) -> Vec<Mention> {
    doc.mentions = mentions;
    let mut places = dyad_where::find_places(g, doc);
    // "anti-Syria": a stance, not a place; "US $50": a currency.
    places.retain(|p| {
        let k = doc.tokens.partition_point(|t| t.span.start < p.span.start);
        let end = doc.tokens.partition_point(|t| t.span.start < p.span.end);
        let first = doc.sentences.get(p.sentence).map_or(0, |s| s.tokens.start);
        // ("the Moscow-led grouping", "a London-based group": a hyphenated modifier, not
        // the place of anything.)
        let hyphen_compound = doc.tokens.get(end).is_some_and(|h| {
            h.lower == "-"
                && end > 0
                && doc.tokens[end - 1].span.end == h.span.start
                && doc
                    .tokens
                    .get(end + 1)
                    .is_some_and(|w| h.span.end == w.span.start && w.kind == TokenKind::Word)
        });
        !dict::stance_prefixed(doc, k, first)
            && !dict::currency_follows(doc, end)
            && !hyphen_compound
    });
    doc.places = places.clone();
    let mut out = std::mem::take(&mut doc.mentions);
    let mut covered = vec![false; doc.tokens.len()];
    for m in &out {
        for k in m.tokens.clone() {
            if let Some(c) = covered.get_mut(k) {
                *c = true;
            }
        }
    }
    for p in places {
        let Some(country) = p.country.clone() else {
            continue;
        };
        let start = doc.tokens.partition_point(|t| t.span.start < p.span.start);
        let end = doc.tokens.partition_point(|t| t.span.start < p.span.end);
        if start >= end || (start..end).any(|k| covered.get(k).copied().unwrap_or(true)) {
            continue;
        }
        // "Darfur rebels", "Kabul police": a place before a bare agent noun gives it its
        // country, as a country adjective would.
        let agent = out.iter_mut().find(|m| {
            m.tokens.start == end
                && m.actor.country.is_none()
                && m.actor.entity.is_none()
                && !m.actor.sectors.is_empty()
                && !m.actor.sectors.iter().any(|s| s == "IGO")
        });
        if let Some(m) = agent {
            m.tokens.start = start;
            m.actor.span = dyad_core::Span {
                start: p.span.start,
                end: m.actor.span.end,
            };
            m.actor.text = doc.slice(m.actor.span).to_string();
            m.actor.code = format!("{country}{}", m.actor.sectors.concat());
            m.actor.country = Some(country);
            m.rule = format!("{PLACE_RULE}:{} + {}", p.feature, m.rule);
            continue;
        }
        out.push(Mention {
            tokens: start..end,
            sentence: p.sentence,
            actor: dyad_core::Actor {
                code: country.clone(),
                country: Some(country),
                sectors: Vec::new(),
                entity: Some(p.name.clone()),
                wikidata: None,
                text: doc.slice(p.span).to_string(),
                span: p.span,
                antecedent: None,
            },
            rule: format!("{PLACE_RULE}:{}", p.feature),
            locative: true,
            adjectival: false,
            person: false,
        });
    }
    out.sort_by_key(|m| (m.tokens.start, m.tokens.end));
    out
}

impl Stage for ActorStage {
    fn name(&self) -> &'static str {
        "actors"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences]
    }
    fn assigns(&self) -> &'static [Layer] {
        // With a gazetteer it finds the places too (`Document::places`).
        match self.gazetteer {
            Some(_) => &[Layer::Mentions, Layer::Places],
            None => &[Layer::Mentions],
        }
    }
    fn process(&self, doc: &mut Document) {
        let atoms = self.dict.find_atoms(doc);
        let mut mentions =
            descriptors_yield_to_names(doc, compose::compose(&self.dict, doc, &atoms));
        if let Some(g) = &self.gazetteer {
            mentions = add_places(g, doc, mentions);
        }
        doc.mentions = coref::resolve(doc, mentions);
    }
}
