//! The first coder: lexicon triggers, positional roles, modality and ranking.
//!
//! # Rules, in order
//! 1. **Triggers**: every lexicon pattern that matches at a token (verb heads in any form,
//!    noun heads in singular or plural, literal words after the head, `*` gaps). A verb
//!    reading is dropped after a determiner or possessive, a noun reading after a pronoun,
//!    modal, auxiliary or `to`. Overlapping triggers keep the most specific pattern.
//! 2. **Roles**: active verbs take the nearest actor before as source and the first actor
//!    after as target; coordinated verbs share their source ("attacked X and killed Y");
//!    passives (`was attacked by`) swap them; nominal events take a possessive or adjectival
//!    actor (`Biden's plea`, `Israeli strikes`) or `by X` as source and `of/on/against/with/
//!    to X` as target. Actors named as places (`in Gaza`) are never roles.
//! 3. **Modality**: negation within the verb group (`did not attack`, `no talks`); intent and
//!    threat governors (`vowed to`, `threatened to`, `plans to`, `committed to`, `will`) turn
//!    a conflictual event into a threat (CAMEO 13) and a cooperative one into an expressed
//!    intent (CAMEO 03); events governed by a request (`urged X to withdraw`) are `requested`,
//!    by a refusal (`refused to release`) negated; `if`, `could`, `might` make them
//!    hypothetical.
//! 4. **Concession**: "S …, despite X's opposition/plea/calls" codes S rejecting X (CAMEO 120).
//! 5. **Ranking**: events not governed by another come first, then verbal before nominal,
//!    then those with both actors, then text order. Rank 0 is the sentence's main event.

use crate::lexicon::{match_slots, Entry, Form, Lexicon, PosKind};
use dyad_core::{Actor, Document, Event, Layer, Modality, Ontology, Span, Stage};
use std::sync::Arc;

/// The coding stage.
#[derive(Clone)]
pub struct CodeStage {
    lex: Arc<Lexicon>,
    ontology: Arc<Ontology>,
}

impl CodeStage {
    /// A coder over a lexicon and the ontology it was checked against.
    pub fn new(lex: Arc<Lexicon>, ontology: Arc<Ontology>) -> Self {
        CodeStage { lex, ontology }
    }
}

impl Stage for CodeStage {
    fn name(&self) -> &'static str {
        "code"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences, Layer::Mentions]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Events]
    }
    fn process(&self, doc: &mut Document) {
        let mut events = Vec::new();
        let ids = self.lex.token_ids(doc);
        for s in 0..doc.sentences.len() {
            self.code_sentence(doc, &ids, s, &mut events);
        }
        for (n, e) in events.iter_mut().enumerate() {
            e.id = format!("{}#{}", doc.id, n + 1);
        }
        doc.events = events;
    }
}

/// Nouns that an agent word before them modifies ("military equipment", "police station").
const MODIFIED_NOUNS: &[&str] = &[
    "equipment",
    "hardware",
    "base",
    "bases",
    "vehicle",
    "vehicles",
    "installation",
    "installations",
    "facility",
    "facilities",
    "station",
    "stations",
    "academy",
    "uniform",
    "uniforms",
    "budget",
    "spending",
    "advance",
    "advances",
    "situation",
    "source",
    "sources",
    "camp",
    "camps",
    "headquarters",
    "barracks",
    "post",
    "posts",
    "checkpoint",
    "checkpoints",
    "custody",
    "record",
    "records",
    "patrol",
    "patrols",
];

fn lower_at(doc: &Document, k: usize) -> &str {
    doc.tokens[k].lower.as_str()
}

/// Whether mention `m` follows a preposition of place ("in", "at", "near"; "the" and
/// "former" may stand between).
fn after_place_preposition(doc: &Document, m: usize) -> bool {
    let mut k = doc.mentions[m].tokens.start;
    while k > 0 {
        k -= 1;
        match doc.tokens[k].lower.as_str() {
            "the" | "former" => continue,
            w => return matches!(w, "in" | "at" | "near" | "inside" | "outside" | "across"),
        }
    }
    false
}

/// Verbs whose object noun names the act their subject does ("gave aid", "staged protests",
/// "launched an offensive").
const LIGHT_VERBS: &[&str] = &[
    "give",
    "make",
    "hold",
    "stage",
    "launch",
    "carry",
    "conduct",
    "provide",
    "take",
    "issue",
    "deliver",
    "send",
    "grant",
    "extend",
    "mount",
    "wage",
    "begin",
    "start",
    "continue",
    "resume",
    "step",
    "escalate",
    "intensify",
    "announce",
    "impose",
    "lift",
    "order",
    "offer",
    "pledge",
    "promise",
    "sign",
    "reach",
    "hold",
    "organize",
    "organise",
    "lead",
    "file",
    "lodge",
    "express",
    "voice",
    "deploy",
    "perform",
    "commit",
    "unleash",
    "pursue",
];

/// Whether bare one-word mention `m` sits inside another trigger's pattern, before its last
/// word ("artillery" in "traded artillery fire").
fn modifier_of_other(trigs: &[Trigger], own: usize, m: &dyad_core::Mention) -> bool {
    m.tokens.len() == 1
        && m.actor.entity.is_none()
        && (m.actor.country.is_none() || m.actor.antecedent.is_some())
        && trigs.iter().enumerate().any(|(i, o)| {
            i != own
                && o.tokens.contains(&m.tokens.start)
                && m.tokens.end < o.end
                && m.tokens.start > o.head
        })
}

/// The last token of a mention.
fn m_head(m: &dyad_core::Mention) -> usize {
    m.tokens.end.saturating_sub(1)
}

const DETERMINERS: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "our",
    "my",
    "your",
    "any",
    "no",
    "every",
    "each",
    "new",
    "further",
    "more",
    "fresh",
    "recent",
    "latest",
    "first",
    "second",
    "last",
    "'s",
    "'",
    "of",
    "for",
    "after",
    "against",
    "amid",
    "despite",
    "over",
    "without",
    "following",
    "about",
    "during",
    "under",
    "before",
    "renewed",
    "such",
    "major",
    "large",
    "massive",
    "deadly",
    "joint",
    "possible",
    "planned",
    "proposed",
    "ground",
    "military",
    "diplomatic",
    "economic",
    "international",
    "fierce",
    "heavy",
    "several",
    "two",
];

const VERB_CONTEXT: &[&str] = &[
    "to",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "shall",
    "should",
    "must",
    "did",
    "does",
    "do",
    "not",
    "n't",
    "never",
    "also",
    "has",
    "have",
    "had",
    "they",
    "he",
    "she",
    "it",
    "we",
    "i",
    "you",
    "who",
    "which",
    "repeatedly",
    "reportedly",
    "then",
    "later",
    "again",
];

const BE_FORMS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "'s", "got", "get", "gets",
];

const NEGATORS: &[&str] = &["not", "n't", "never", "no", "neither", "nor"];

/// Words that govern an intended or threatened event ("vowed to attack").
const INTENT: &[&str] = &[
    "vow",
    "vows",
    "vowed",
    "vowing",
    "pledge",
    "pledges",
    "pledged",
    "pledging",
    "promise",
    "promises",
    "promised",
    "promising",
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "intended",
    "intending",
    "commit",
    "commits",
    "committed",
    "committing",
    "threaten",
    "threatens",
    "threatened",
    "threatening",
    "warn",
    "warns",
    "warned",
    "warning",
    "vowed",
    "prepare",
    "prepares",
    "prepared",
    "preparing",
    "aim",
    "aims",
    "aimed",
    "aiming",
    "seek",
    "seeks",
    "sought",
    "seeking",
    "decide",
    "decides",
    "decided",
    "determined",
    "ready",
    "offer",
    "offers",
    "offered",
    "offering",
    "agree",
    "agrees",
    "agreed",
    "agreeing",
    "expected",
    "set",
    "poised",
    "going",
    "want",
    "wants",
    "wanted",
    "hope",
    "hopes",
    "hoped",
    "willing",
    "eager",
];

/// Verbs that report speech; their subject is the speaker of a reported demand.
const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "declared",
    "declares",
    "reiterated",
    "reiterates",
    "insisted",
    "insists",
    "announced",
    "announces",
    "warned",
    "warns",
    "stressed",
    "stresses",
    "added",
    "argued",
    "argues",
    "concluded",
    "concludes",
    "demanded",
    "demands",
    "urged",
    "urges",
    "stated",
    "states",
    "maintained",
    "maintains",
    "reminder",
    "according",
];

/// Verbs whose object is asked or made to do what follows: "told Israel to stop".
const OBJECT_CONTROL: &[&str] = &[
    "told",
    "tell",
    "tells",
    "telling",
    "warned",
    "warn",
    "warns",
    "warning",
    "asked",
    "ask",
    "asks",
    "asking",
    "urged",
    "urge",
    "urges",
    "urging",
    "ordered",
    "order",
    "orders",
    "ordering",
    "persuaded",
    "persuade",
    "convinced",
    "convince",
    "invited",
    "invite",
    "invites",
    "instructed",
    "instruct",
    "encouraged",
    "encourage",
    "encourages",
    "pressed",
    "press",
    "presses",
    "pressured",
    "pressure",
    "pressuring",
    "begged",
    "beg",
    "implored",
    "called",
    "advised",
    "advise",
    "directed",
    "direct",
    "authorized",
    "authorised",
    "gave",
    "give",
    "gives",
    "giving",
    "allowed",
    "allow",
    "permitted",
    "permit",
    "forced",
    "force",
    "compelled",
    "compel",
];

/// Prepositions that open a phrase whose noun is a circumstance of the clause.
const PREPOSITIONS: &[&str] = &[
    "after",
    "during",
    "in",
    "for",
    "since",
    "following",
    "amid",
    "amidst",
    "before",
    "over",
    "despite",
    "at",
    "through",
    "throughout",
    "without",
    "within",
    "until",
    "under",
];

/// Verbs of attribution: "…, officials said", "…, the agency reported".
const ATTRIBUTION: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "reported",
    "reports",
    "report",
    "added",
    "adds",
    "stated",
    "states",
    "wrote",
    "writes",
    "noted",
    "notes",
    "quoted",
    "announced",
    "claimed",
    "claims",
    "confirmed",
    "confirms",
    "disclosed",
    "revealed",
    "charged",
    "alleged",
];

/// Intent words that make a threat of a conflictual event.
const THREAT_WORDS: &[&str] = &[
    "threaten",
    "threatens",
    "threatened",
    "threatening",
    "warn",
    "warns",
    "warned",
    "warning",
    "vow",
    "vows",
    "vowed",
    "vowing",
];

const MODALS_FUTURE: &[&str] = &["will", "'ll", "shall"];
const MODALS_HYPOTHETICAL: &[&str] = &["could", "might", "may"];

const TARGET_PREPS: &[&str] = &[
    "of", "on", "against", "with", "to", "toward", "towards", "into", "upon", "at", "for", "from",
];

/// Concessive nouns: "despite X's …" with these heads codes a rejection of X.
const CONCESSIVE_NOUNS: &[&str] = &[
    "opposition",
    "objection",
    "objections",
    "pressure",
    "call",
    "calls",
    "plea",
    "pleas",
    "appeal",
    "appeals",
    "warning",
    "warnings",
    "criticism",
    "protest",
    "protests",
    "concern",
    "concerns",
    "demand",
    "demands",
    "request",
    "requests",
    "urging",
    "entreaties",
    "condemnation",
];

#[derive(Debug, Clone)]
struct Trigger {
    entry: usize,
    head: usize,
    form: Form,
    /// Tokens of the trigger (head and literal words), sorted.
    tokens: Vec<usize>,
    end: usize,
    nominal: bool,
    /// The head follows a determiner, possessive or adjective.
    noun_ctx: bool,
}

#[derive(Debug, Clone)]
struct Draft {
    trig: Trigger,
    cameo: String,
    source: Option<usize>,
    target: Option<usize>,
    negated: bool,
    modality: Modality,
    governed: bool,
    rule: String,
    absorbed: bool,
    extra_tokens: Vec<usize>,
    /// A future or conditional marker (`will`, `would`) stands in the verb group.
    future: bool,
    /// The target is only the place the act is done to (it does not make the event rank as
    /// one with both roles).
    place_target: bool,
    /// An event noun with no actor of its own (no possessive, adjective or "by" phrase, and
    /// not the act of its clause): see [`CodeStage::background`].
    background: bool,
}

impl Draft {
    /// An asserted event produced by a construction (obligation, concession) rather than by
    /// one lexicon trigger; `entry` is a lexicon entry of the same family, for provenance.
    fn construction(
        entry: usize,
        head: usize,
        tokens: Vec<usize>,
        cameo: String,
        (source, target): (Option<usize>, Option<usize>),
        rule: String,
        extra_tokens: Vec<usize>,
    ) -> Draft {
        Draft {
            trig: Trigger {
                entry,
                head,
                form: Form::Base,
                tokens,
                end: head + 1,
                nominal: false,
                noun_ctx: false,
            },
            cameo,
            source,
            target,
            negated: false,
            modality: Modality::Asserted,
            governed: false,
            rule,
            absorbed: false,
            extra_tokens,
            future: false,
            place_target: false,
            background: false,
        }
    }
}

impl CodeStage {
    fn code_sentence(&self, doc: &Document, ids: &[u32], s: usize, out: &mut Vec<Event>) {
        let sent = &doc.sentences[s];
        let range = sent.tokens.clone();
        if range.is_empty() {
            return;
        }
        let lower = |k: usize| doc.tokens[k].lower.as_str();
        // Mentions are in text order, so the sentence's mentions are one contiguous run.
        let lo = doc.mentions.partition_point(|m| m.sentence < s);
        let hi = doc.mentions.partition_point(|m| m.sentence <= s);
        let mentions: Vec<usize> = (lo..hi).filter(|&m| !doc.mentions[m].locative).collect();
        // A bare agent noun after a possessive ("Biden's opposition") names an act, not an
        // actor: such a mention may hold a trigger, and is then no role.
        let possessed_bare = |m: usize| {
            let mm = &doc.mentions[m];
            mm.actor.country.is_none()
                && mm.actor.entity.is_none()
                && mm.tokens.start > range.start
                && {
                    let mut k = mm.tokens.start;
                    let mut found = false;
                    for _ in 0..3 {
                        if k <= range.start {
                            break;
                        }
                        k -= 1;
                        if matches!(lower(k), "'s" | "'" | "his" | "her" | "its" | "their") {
                            found = true;
                            break;
                        }
                        if doc.tokens[k].kind != dyad_core::TokenKind::Word
                            || doc.tokens[k].capitalized
                        {
                            break;
                        }
                    }
                    found
                }
        };
        let in_mention = |k: usize| {
            mentions
                .iter()
                .any(|&m| doc.mentions[m].tokens.contains(&k) && !possessed_bare(m))
        };
        // A bare agent word before a noun it modifies is no actor: "military equipment",
        // "police station" (the noun as the tagger reads it, or one of a few that are
        // always nouns there).
        let modifier_agent = |m: usize| {
            let mm = &doc.mentions[m];
            let next = mm.tokens.end;
            mm.tokens.len() == 1
                && mm.actor.entity.is_none()
                && (mm.actor.country.is_none() || mm.actor.antecedent.is_some())
                && next < range.end
                && !doc.mentions[lo..hi]
                    .iter()
                    .any(|o| o.tokens.contains(&next))
                && (MODIFIED_NOUNS.contains(&lower(next))
                    || (doc.syntax.len() == doc.tokens.len()
                        && doc.syntax[next].upos == "NOUN"
                        && doc.syntax[m_head(mm)].upos == "ADJ"))
        };
        let mentions: Vec<usize> = mentions
            .iter()
            .copied()
            .filter(|&m| !possessed_bare(m) && !modifier_agent(m))
            .collect();
        // Sources of the report ("…, officials said", "according to X") are the speakers of the
        // sentence, not parties to what it reports: only statement events take them as roles.
        let reporters: Vec<usize> = mentions
            .iter()
            .copied()
            .filter(|&m| attribution(doc, &doc.mentions[m], range.clone()))
            .collect();
        let reported: Vec<usize> = mentions
            .iter()
            .copied()
            .filter(|m| !reporters.contains(m))
            .collect();

        // 1. Triggers.
        let mut cands: Vec<Trigger> = Vec::new();
        for i in range.clone() {
            let Some(list) = self.lex.heads.get(lower(i)) else {
                continue;
            };
            if in_mention(i) {
                continue;
            }
            let prev = if i > range.start { lower(i - 1) } else { "" };
            // "the Israeli offer", "a United Nations appeal": a name used as a modifier
            // (an adjective, or a name after an indefinite article; after "the" the name
            // may be a subject: "the Palestinians reject").
            let after_adjective = mentions.iter().any(|&m| {
                let mt = &doc.mentions[m].tokens;
                mt.end == i
                    && (doc.mentions[m].adjectival
                        || (mt.start > range.start
                            && matches!(lower(mt.start - 1), "a" | "an")
                            && doc.tokens[mt.start].capitalized))
            });
            // "an offer of direct talks": a preposition and a modifier before the word.
            let after_prep_modifier = i >= range.start + 2
                && matches!(
                    lower(i - 2),
                    "of" | "for" | "in" | "on" | "to" | "about" | "into" | "with"
                )
                && doc.tokens[i - 1].kind == dyad_core::TokenKind::Word
                && !doc.tokens[i - 1].capitalized
                && !prev.ends_with("ly")
                && self.lex.verb_form(prev).is_none();
            // "North Korea's consistent demand": a determiner and an adjective (as the
            // tagger reads it) before the word.
            let after_determiner_adjective = i >= range.start + 2
                && matches!(
                    lower(i - 2),
                    "'s" | "the" | "a" | "an" | "its" | "their" | "his" | "her" | "our"
                )
                && doc
                    .syntax
                    .get(i - 1)
                    .is_some_and(|x| x.upos == "ADJ" && doc.syntax.len() == doc.tokens.len());
            // "the nerve-agent attack": a hyphenated compound before the word modifies it.
            let after_hyphenated = i >= range.start + 3
                && lower(i - 2) == "-"
                && doc.tokens[i - 2].span.end == doc.tokens[i - 1].span.start
                && doc.tokens[i - 3].span.end == doc.tokens[i - 2].span.start;
            let noun_ctx = DETERMINERS.contains(&prev)
                || after_adjective
                || after_determiner_adjective
                || after_hyphenated
                || after_prep_modifier
                || (i > range.start && doc.tokens[i - 1].kind == dyad_core::TokenKind::Number);
            let verb_ctx = VERB_CONTEXT.contains(&prev) || (prev.ends_with("ly") && prev.len() > 3);
            // "Israeli-occupied", "U.S.-led": a participle in a hyphenated modifier is no event.
            if prev == "-"
                && i >= range.start + 2
                && doc.tokens[i - 1].span.start == doc.tokens[i - 2].span.end
            {
                continue;
            }
            // "were forced to withdraw": the coercer is unnamed and the event is the
            // withdrawal, by the passive subject (a raising chain); the coercion patterns
            // stand aside.
            let passive_coercion = matches!(
                self.lex.verb_form(lower(i)),
                Some((lemma, Form::Past | Form::PastParticiple))
                    if matches!(lemma.as_str(), "force" | "compel" | "oblige" | "pressure")
            ) && (i.saturating_sub(2).max(range.start)..i)
                .any(|k| BE_FORMS.contains(&lower(k)))
                && i + 1 < range.end
                && lower(i + 1) == "to";
            if passive_coercion {
                continue;
            }
            for &(e, form) in list {
                let entry = &self.lex.entries[e];
                let nominal = match entry.kind {
                    PosKind::Noun => {
                        if verb_ctx && self.lex.verb_form(lower(i)).is_some() {
                            continue;
                        }
                        true
                    }
                    PosKind::Verb => {
                        // A participle between a determiner and its noun is an adjective:
                        // "the proposed ground operation", "a planned visit".
                        // (And after a preposition: "over alleged kickbacks", "for
                        // suspected smuggling".)
                        if matches!(form, Form::Past | Form::PastParticiple)
                            && matches!(
                                prev,
                                "the"
                                    | "a"
                                    | "an"
                                    | "this"
                                    | "these"
                                    | "those"
                                    | "its"
                                    | "their"
                                    | "his"
                                    | "her"
                                    | "our"
                                    | "'s"
                                    | "over"
                                    | "for"
                                    | "of"
                                    | "about"
                                    | "against"
                            )
                        {
                            continue;
                        }
                        // "told AFP by phone": after "by" a verb is a gerund; a base form
                        // there is a noun, the means of another act.
                        if form == Form::Base && matches!(prev, "by" | "via") {
                            continue;
                        }
                        let noun_like =
                            matches!(form, Form::Base | Form::ThirdSingular | Form::Gerund);
                        if noun_like && noun_ctx {
                            if form != Form::Gerund {
                                continue;
                            }
                            true
                        } else {
                            false
                        }
                    }
                };
                if let Some((end, toks)) = match_slots(doc, ids, 0, &entry.slots, i + 1, range.end)
                {
                    // An event noun that owns a person ("the meeting's co-chairman", "the
                    // summit's host") names that person, not an event.
                    if nominal && end < range.end && matches!(lower(end), "'s" | "'") {
                        continue;
                    }
                    // An event noun before the noun it classifies is no event: "truce
                    // monitors", "protest leaders", "the ceasefire line".
                    if nominal
                        && form != Form::Gerund
                        && end < range.end
                        && classifies_next(doc, &mentions, end)
                    {
                        continue;
                    }
                    let mut tokens = vec![i];
                    tokens.extend(toks);
                    cands.push(Trigger {
                        entry: e,
                        head: i,
                        form,
                        tokens,
                        end,
                        nominal,
                        noun_ctx,
                    });
                }
            }
        }
        // Most specific first; a trigger whose words overlap an accepted one is dropped.
        cands.sort_by(|a, b| {
            let (ea, eb) = (&self.lex.entries[a.entry], &self.lex.entries[b.entry]);
            // At equal specificity the reading the context suggests wins.
            let pos = if a.noun_ctx {
                verb_first(eb, ea)
            } else {
                verb_first(ea, eb)
            };
            // Then a later file (a user dictionary) overrides an earlier one.
            eb.weight
                .cmp(&ea.weight)
                .then(a.head.cmp(&b.head))
                .then(pos)
                .then(eb.source.cmp(&ea.source))
        });
        let mut taken: Vec<usize> = Vec::new();
        let mut trigs: Vec<Trigger> = Vec::new();
        for c in cands {
            if c.tokens.iter().any(|t| taken.contains(t)) {
                continue;
            }
            taken.extend(&c.tokens);
            // A null pattern keeps its words from other patterns and makes no event.
            if self.lex.entries[c.entry].cameo != crate::lexicon::NULL_CODE {
                trigs.push(c);
            }
        }
        trigs.sort_by_key(|t| t.head);
        // The stretches that describe the report's source: their mentions are reporters, and
        // their triggers no events (see below).
        let acts: Vec<usize> = trigs
            .iter()
            .filter(|t| !self.lex.entries[t.entry].cameo.starts_with("01"))
            .map(|t| t.head)
            .collect();
        let zones = attribution_zones(doc, &acts, range.clone());
        let in_zone = |m: usize| {
            zones
                .iter()
                .any(|z| z.contains(&doc.mentions[m].tokens.start))
        };
        let reporters: Vec<usize> = mentions
            .iter()
            .copied()
            .filter(|&m| reporters.contains(&m) || in_zone(m))
            .collect();
        let reported: Vec<usize> = reported.into_iter().filter(|&m| !in_zone(m)).collect();

        // 2–3. Roles and modality.
        let mut drafts: Vec<Draft> = Vec::new();
        for (ti, t) in trigs.iter().enumerate() {
            let entry = &self.lex.entries[t.entry];
            let base = if entry.cameo.starts_with("01") {
                &mentions
            } else {
                &reported
            };
            // A mention that modifies a later word of the pattern ("promised military aid")
            // is part of the event's description, not a party to it; one that ends the
            // pattern ("fired on demonstrators") is its object.
            // Likewise a bare agent word right before a word of the pattern ("a military
            // offensive").
            let own: Vec<usize> = base
                .iter()
                .copied()
                .filter(|&m| {
                    let mm = &doc.mentions[m];
                    let mt = &mm.tokens;
                    let inside = t.tokens.iter().any(|k| mt.contains(k)) && mt.end < t.end;
                    // (Bare: no country of its own; one taken from context does not count.)
                    let modifier = (mm.actor.country.is_none() || mm.actor.antecedent.is_some())
                        && mm.actor.entity.is_none()
                        && !mm.person
                        && mt.len() == 1
                        && t.tokens.contains(&mt.end)
                        && (t.nominal || mt.end != t.head);
                    // A bare agent word that modifies a word of another act's pattern is no
                    // party to this one either ("traded artillery fire, each side accusing").
                    let modifies_other = modifier_of_other(&trigs, ti, mm);
                    !inside && !modifier && !modifies_other
                })
                .collect();
            let mentions = &own;
            let mut background = false;
            // Who a rejected appeal, offer or demand was made to: the rejecting subject.
            let mut addressee = None;
            let positional = if t.nominal {
                // An event noun in a phrase after a verb's clause ("arrested dozens during a
                // raid") is that clause's act: its source is the verb's.
                let same_act = drafts
                    .iter()
                    .rev()
                    .find(|d| !d.trig.nominal && d.trig.end <= t.head)
                    .filter(|d| {
                        // Same clause: no punctuation, conjunction, complementizer or other
                        // verb between.
                        (d.trig.end..t.head).all(|k| {
                            let w = lower(k);
                            !matches!(w, "," | ";" | ":" | "and" | "that" | "which" | "who")
                                && !BE_FORMS.contains(&w)
                                && (self.lex.verb_form(w).is_none() || DETERMINERS.contains(&w))
                        })
                            && self.in_prepositional_phrase(doc, t.tokens[0], d.trig.end)
                            // Only a phrase of the same act ("during a raid", "in an
                            // airstrike"), not an earlier, surrounding or motivating one
                            // ("after weeks of protests", "amid clashes", "revenge for the
                            // killing").
                            && (d.trig.end..t.tokens[0]).rev().find(|&k| {
                                PREPOSITIONS.contains(&lower(k))
                            }).is_some_and(|k| matches!(lower(k), "during" | "in" | "through"))
                    });
                let clause_source = same_act.and_then(|d| d.source);
                // An event noun that is what a reaction is about ("Hamas condemned the raid",
                // "denied the attack") is not the reacting subject's act: the subject guessed
                // by position is dropped ("the Israeli raid" keeps its own actor).
                let reaction = drafts.iter().rev().find(|d| !d.trig.nominal).filter(|d| {
                    // Names and a day in between are skipped: "rejected on Thursday a United
                    // Nations appeal".
                    let gap: Vec<usize> = (d.trig.end..t.tokens[0].max(d.trig.end))
                        .filter(|&k| {
                            !base.iter().any(|&m| doc.mentions[m].tokens.contains(&k))
                                && !is_day_word(lower(k))
                                && (lower(k) != "on"
                                    || k + 1 >= range.end
                                    || !is_day_word(lower(k + 1)))
                        })
                        .collect();
                    d.trig.end <= t.tokens[0]
                        && gap.len() <= 3
                        && gap.iter().all(|&k| {
                            let w = lower(k);
                            doc.tokens[k].kind == dyad_core::TokenKind::Word
                                && !PREPOSITIONS.contains(&w)
                                && self.lex.verb_form(w).is_none()
                        })
                        && matches!(
                            &d.cameo[..2],
                            "01" | "02" | "04" | "05" | "09" | "10" | "11" | "12" | "16"
                        )
                });
                addressee = reaction
                    .filter(|d| d.cameo.starts_with("12") && !d.negated)
                    .and_then(|d| d.source);
                let (s, tg, own) =
                    self.nominal_roles(doc, mentions, t, range.start, range.end, clause_source);
                background = !own && same_act.is_none();
                let guessed = |m: usize| {
                    reaction.is_some_and(|d| doc.mentions[m].tokens.end <= d.trig.tokens[0])
                };
                // A crime named in a charge ("on charges of crimes against humanity",
                // "accused of torture") is alleged, and not the charging party's act.
                let charged =
                    (t.tokens[0].saturating_sub(6).max(range.start)..t.tokens[0]).any(|k| {
                        matches!(
                            lower(k),
                            "charges"
                                | "charge"
                                | "charged"
                                | "accused"
                                | "accusations"
                                | "allegations"
                                | "alleged"
                                | "suspected"
                                | "guilty"
                                | "convicted"
                                | "indicted"
                                | "trial"
                        )
                    });
                let explicit = |m: usize| {
                    doc.mentions[m].tokens.end + 3 > t.tokens[0]
                        && doc.mentions[m].tokens.end <= t.tokens[0]
                };
                (s.filter(|&m| !guessed(m) && (!charged || explicit(m))), tg)
            } else {
                self.verbal_roles(doc, mentions, t, range.start, range.end)
            };
            // With a parse, roles come from the tree; position fills what the tree leaves open.
            // Coordinated subjects acting on each other, as the positions read them ("Greek
            // and Turkish ministers held talks"): both stand before the verb.
            let reciprocal = !t.nominal
                && matches!(positional, (Some(a), Some(b))
                    if doc.mentions[a].tokens.end <= t.head && doc.mentions[b].tokens.end <= t.head);
            let (mut source, mut target) =
                match syntax_roles(&self.lex, doc, mentions, t, range.clone()) {
                    Some((_, None)) if reciprocal => positional,
                    Some((s, tg)) => (
                        s.or(positional.0).filter(|x| Some(*x) != tg),
                        tg.or(positional.1),
                    ),
                    None => positional,
                };
            // Coordinated verbs share the source: "X attacked Y and killed Z".
            if !t.nominal && ti > 0 {
                if let Some(prev) = drafts.last() {
                    let gap: Vec<&str> = (prev.trig.end..t.head).map(lower).collect();
                    let coordinated = gap.contains(&"and") || gap.first() == Some(&",");
                    let src_is_prev_target = source.is_some() && source == prev.target;
                    if coordinated
                        && src_is_prev_target
                        && prev.source.is_some()
                        && !prev.trig.nominal
                    {
                        source = prev.source;
                    }
                    // After a passive, the shared subject is the passive subject, not the
                    // agent: "the minister was arrested by police and will resign".
                    let prev_passive = prev
                        .source
                        .is_some_and(|m| doc.mentions[m].tokens.start > prev.trig.head)
                        && prev
                            .target
                            .is_some_and(|m| doc.mentions[m].tokens.end <= prev.trig.head);
                    // This verb is active: its subject is the agent, not the patient too.
                    let takes_agent =
                        source.is_some() && source == prev.source && target != prev.target;
                    if coordinated && prev_passive && takes_agent && !prev.trig.nominal {
                        source = prev.target;
                    }
                    // "Hasina, who was accused of rigging the election and jailing
                    // opponents": a gerund joined to a passive's act is its patient's act.
                    let patient_before = prev.source.is_none()
                        && prev
                            .target
                            .is_some_and(|m| doc.mentions[m].tokens.end <= prev.trig.head);
                    if coordinated
                        && t.form == Form::Gerund
                        && patient_before
                        && (prev.trig.end..t.head).all(|k| !matches!(lower(k), "," | ";"))
                    {
                        source = prev.target;
                    }
                }
            }
            // "Kenya rejected Somalia's demand to cut ties with Ethiopia": the demand was
            // made to Kenya; the phrase after it is what was asked.
            if matches!(&entry.cameo[..2], "02" | "03" | "10")
                && addressee.is_some()
                && addressee != source
            {
                target = addressee;
            }
            // A complaint or accusation is against what it is about, not whom it is made
            // to: "Lebanon complained to the UN over two Israeli air raids" targets Israel
            // (a direct object stays: "criticized China over Hong Kong").
            let addressed = target.is_none_or(|m| {
                let st = doc.mentions[m].tokens.start;
                (st >= 1 && lower(st - 1) == "to")
                    || (st >= 2 && lower(st - 2) == "to" && lower(st - 1) == "the")
            });
            if entry.cameo.starts_with("11") && !t.nominal && addressed {
                let about = (t.end..(t.end + 8).min(range.end))
                    .take_while(|&k| !matches!(lower(k), "," | ";" | ":" | "and" | "but"))
                    .find(|&k| matches!(lower(k), "over" | "about"));
                if let Some(k) = about {
                    let m = first_after(doc, mentions, k + 1, range.end, 3)
                        .filter(|&m| Some(m) != source);
                    if m.is_some() {
                        target = m;
                    }
                }
            }
            if source.is_some() && source == target {
                target = None;
            }
            // A target found by coreference that is the source itself again is a guess gone
            // wrong ("warplanes bombed the airport and the navy …").
            if let (Some(sm), Some(tm)) = (source, target) {
                let (sa, ta) = (&doc.mentions[sm].actor, &doc.mentions[tm].actor);
                if sa.code == ta.code && ta.antecedent.is_some() {
                    target = None;
                }
            }
            // With no other target, the country where the act is done to ("evacuate
            // settlements in the Gaza Strip", "dispatched inspectors to Iran") is its target:
            // a place named right after the pattern, within its clause.
            // Information is on or about a topic, not given to it: "agreed to share information
            // on missing people".
            let informs = t.tokens.iter().any(|&k| {
                matches!(
                    lower(k),
                    "information" | "intelligence" | "data" | "details" | "evidence" | "views"
                )
            });
            let mut topic_phrase = false;
            if informs {
                if let Some(m) = target {
                    let st = doc.mentions[m].tokens.start;
                    let topic = (t.end..st)
                        .rev()
                        .take(4)
                        .any(|k| matches!(lower(k), "on" | "about" | "regarding" | "concerning"));
                    if st > t.head && topic {
                        target = None;
                        topic_phrase = true;
                    }
                }
            }
            // "moved thousands of troops into Ladakh": the troops of the pattern are the
            // source's own, not its target.
            if let (Some(sm), Some(tm)) = (source, target) {
                let ta = &doc.mentions[tm];
                let sa = &doc.mentions[sm];
                // (No country of their own, or the source's from context.)
                let theirs = ta.actor.country.is_none()
                    || (ta.actor.antecedent.is_some() && ta.actor.country == sa.actor.country);
                let own_forces = theirs
                    && ta.actor.entity.is_none()
                    && ta
                        .actor
                        .sectors
                        .iter()
                        .any(|s| matches!(s.as_str(), "MIL" | "COP"))
                    && t.tokens.iter().any(|k| ta.tokens.contains(k))
                    && sa.actor.country.is_some();
                if own_forces {
                    target = None;
                }
            }
            // What is discussed or debated is a topic, not a party ("met to discuss Croatia's
            // advance", "to debate plans for independence from Israel"): only "with X" after
            // the verb names the other party.
            let topic_verb = !t.nominal && matches!(entry.pattern.as_str(), "discuss" | "debate");
            if topic_verb {
                if let Some(m) = target {
                    let st = doc.mentions[m].tokens.start;
                    if st > t.head && !(st >= 1 && lower(st - 1) == "with") {
                        target = None;
                    }
                }
            }
            let mut place_target = false;
            // A target that is a bare agent of no known country ("deployed troops to Mali")
            // gives way to a place that follows.
            let countryless = target.is_some_and(|m| {
                let a = &doc.mentions[m].actor;
                a.country.is_none() && a.entity.is_none() && !a.sectors.iter().any(|s| s == "IGO")
            });
            // Meetings, talks and settlements are held in places, not with them: "talks in
            // Beijing", "a peace settlement in former Yugoslavia" (a visit, 042 and 043, is to
            // its place).
            let meeting = matches!(
                &entry.cameo[..2.min(entry.cameo.len())],
                "01" | "02" | "03" | "04" | "05" | "06"
            ) && !entry.cameo.starts_with("042")
                && !entry.cameo.starts_with("043");
            if (target.is_none() || countryless)
                && !entry.cameo.starts_with("01")
                && !topic_verb
                && !topic_phrase
            {
                let own_code = source.map(|sm| doc.mentions[sm].actor.code.as_str());
                target = place_after(doc, lo..hi, t, range.end, own_code)
                    .filter(|&m| !(meeting && after_place_preposition(doc, m)))
                    .or(target.filter(|_| countryless));
                place_target = target.is_some_and(|m| doc.mentions[m].locative);
            }
            // A "strike" by workers, students or civilians is a strike, not an attack.
            let mut cameo = entry.cameo.clone();
            let mut rule = format!(
                "{} {} `{}`",
                entry.rule,
                kind_name(entry.kind),
                entry.pattern
            );
            if cameo.starts_with("19")
                && matches!(lower(t.head), "strike" | "strikes" | "striking" | "struck")
            {
                let unarmed = source.is_some_and(|m| {
                    doc.mentions[m].actor.sectors.first().is_some_and(|sec| {
                        matches!(
                            sec.as_str(),
                            "LAB" | "EDU" | "HLH" | "CVL" | "OPP" | "BUS" | "AGR" | "MED"
                        )
                    })
                });
                if unarmed {
                    cameo = "143".into();
                    rule = format!("unarmed source + {rule}");
                }
            }
            let (negated, modality_hint) = self.local_modality(doc, t, range.start);
            // A participial clause ("…, calling for independence", "demonstrated on Sunday
            // calling for …") is subordinate to the clause it follows: a gerund after a comma,
            // or after an earlier finite verb trigger, unless it is progressive ("are
            // calling").
            let progressive = (t.head.saturating_sub(3).max(range.start)..t.head)
                .any(|k| BE_FORMS.contains(&lower(k)));
            let after_finite = trigs[..ti]
                .iter()
                .any(|p| !p.nominal && p.form != Form::Gerund && p.end <= t.head);
            let participial = !t.nominal
                && t.form == Form::Gerund
                && t.head > range.start
                && (lower(t.head - 1) == "," || (after_finite && !progressive));
            // The participle's subject is the main clause's: "troops opened fire on
            // demonstrators, killing at least 50" (the troops killed).
            if participial && lower(t.head - 1) == "," {
                let main = drafts
                    .iter()
                    .rev()
                    .find(|d| !d.trig.nominal && d.trig.form != Form::Gerund && d.source.is_some());
                if let Some(src) = main.and_then(|d| d.source) {
                    if target == Some(src) {
                        target = None;
                    }
                    if source != Some(src) {
                        // What the position took for a subject may be the object acted on.
                        if target.is_none()
                            && source.is_some_and(|s| main.is_some_and(|d| d.target == Some(s)))
                        {
                            target = source;
                        }
                        source = Some(src);
                    }
                    // "…, killing at least 50": the victims of a violent act are those the
                    // main clause acted on.
                    let violent =
                        |c: &str| matches!(&c[..2.min(c.len())], "17" | "18" | "19" | "20");
                    if target.is_none()
                        && violent(&entry.cameo)
                        && main.is_some_and(|d| violent(&d.cameo))
                    {
                        target = main.and_then(|d| d.target);
                    }
                }
            }
            // A relative clause ("guerrillas who overran it") is background to the main
            // clause, and its subject is the noun the pronoun stands for.
            let relative_at = |k: usize| matches!(lower(k), "who" | "which" | "whom");
            let relative = !t.nominal && {
                let mut k = t.head;
                let mut found = false;
                for _ in 0..3 {
                    if k <= range.start {
                        break;
                    }
                    k -= 1;
                    let w = lower(k);
                    if relative_at(k) {
                        found = true;
                        break;
                    }
                    if !(BE_FORMS.contains(&w)
                        || matches!(
                            w,
                            "had" | "has" | "have" | "also" | "reportedly" | "allegedly"
                        )
                        || w.ends_with("ly"))
                    {
                        break;
                    }
                }
                found && k > range.start
            };
            if relative {
                let pronoun = (t.head.saturating_sub(4).max(range.start)..t.head)
                    .rev()
                    .find(|&k| relative_at(k));
                // The mention right before the pronoun; commas, brackets and capitalized words
                // of a name the dictionary does not know may stand between ("the Justice and
                // Equality Movement (JEM), which", "opposition figure Mohamed Esmat, who").
                let antecedent = pronoun.and_then(|p| {
                    mentions.iter().copied().find(|&m| {
                        let e = doc.mentions[m].tokens.end;
                        e <= p
                            && p - e <= 4
                            && (e..p).all(|k| {
                                matches!(lower(k), "," | "(" | ")")
                                    || (doc.tokens[k].capitalized
                                        && doc.tokens[k].kind == dyad_core::TokenKind::Word)
                            })
                    })
                });
                // A passive relative ("journalists who were sentenced by a court"): the
                // antecedent is the patient, the agent stays the source.
                let passive_relative = pronoun.is_some_and(|p| {
                    matches!(t.form, Form::Past | Form::PastParticiple)
                        && (p + 1..t.head).any(|k| BE_FORMS.contains(&lower(k)))
                });
                if let (Some(a), true) = (antecedent, passive_relative) {
                    if source == Some(a) {
                        source = None;
                    }
                    target = Some(a);
                } else if let Some(a) = antecedent {
                    if Some(a) == target {
                        target = None;
                    }
                    source = Some(a);
                } else if let Some(p) = pronoun {
                    // The pronoun stands for a common noun that names no actor ("the officers
                    // who seized power"): the main clause's subject is not the relative's.
                    let noun_before = p > range.start && {
                        let t = &doc.tokens[p - 1];
                        t.kind == dyad_core::TokenKind::Word && !t.capitalized
                    };
                    if noun_before && source.is_some_and(|m| doc.mentions[m].tokens.end <= p) {
                        source = None;
                    }
                }
            }
            drafts.push(Draft {
                trig: t.clone(),
                cameo,
                source,
                target,
                negated,
                modality: if negated {
                    Modality::Negated
                } else {
                    modality_hint
                },
                governed: participial || relative,
                future: modality_hint != Modality::Asserted,
                rule,
                absorbed: false,
                extra_tokens: Vec::new(),
                place_target,
                background,
            });
        }
        self.governors(doc, &mut drafts, range.start);
        self.futures(doc, &mut drafts, range.start, range.end);
        self.obligations(doc, &mentions, &mut drafts, range.start, range.end);
        that_requests(doc, &mentions, &mut drafts, range.clone());
        self.concession(doc, &mentions, &mut drafts, range.start, range.end);
        mark_reported(doc, &reporters, &mut drafts, range.clone());
        self.background(doc, &mut drafts);
        // "air raids in which 20 people were killed": the killing is the raid's outcome (its
        // count), not an act of unnamed others.
        absorb_outcomes(doc, &mut drafts, range.clone());
        // "West African leaders meeting in Abuja demanded …": a participle right after the
        // subject describes it; the finite verb that follows is the clause's act.
        for i in 0..drafts.len() {
            let g = &drafts[i];
            let after_subject = g.trig.form == Form::Gerund
                && !g.trig.nominal
                && g.source
                    .is_some_and(|m| doc.mentions[m].tokens.end == g.trig.head);
            if !after_subject {
                continue;
            }
            let finite_later = drafts.iter().any(|d| {
                !d.trig.nominal
                    && d.trig.head > g.trig.end
                    && d.source == g.source
                    && matches!(d.trig.form, Form::Past | Form::ThirdSingular)
                    && (g.trig.end..d.trig.head).all(|k| !matches!(lower(k), "," | ";" | "and"))
            });
            if finite_later {
                drafts[i].governed = true;
            }
        }
        // "soldiers were killed when fighters stormed their base": the killers are the
        // stormers.
        agents_of_outcomes(doc, &mut drafts, range.clone());
        // What the source of the report did ("according to a senator who mediated", "…, a
        // member of the team trying to broker a truce said") describes the source: no event.
        for z in &zones {
            for d in drafts.iter_mut() {
                if z.contains(&d.trig.head) {
                    d.absorbed = true;
                }
            }
        }

        // 5. Rank and emit.
        let mut kept: Vec<Draft> = drafts
            .into_iter()
            .filter(|d| !d.absorbed && !d.background && (d.source.is_some() || d.target.is_some()))
            .collect();
        // "X said Y attacked Z" codes the attack; X's statement only when nothing more
        // specific is said after it.
        let specific_after = |head: usize, kept: &[Draft]| {
            kept.iter()
                .any(|o| !o.cameo.starts_with("01") && o.trig.head > head)
        };
        // (Only plain statements and comments, 010-013: a denial or an apology is specific.)
        let drop: Vec<bool> = kept
            .iter()
            .map(|d| {
                matches!(d.cameo.as_str(), "010" | "011" | "012" | "013")
                    && !d.trig.nominal
                    && specific_after(d.trig.head, &kept)
            })
            .collect();
        let mut it = drop.into_iter();
        kept.retain(|_| !it.next().unwrap_or(false));
        // An act in a clause of time or cause ("…, one day after a jet shot down a
        // helicopter"; "After rebels shelled the town, the army …") is background to the
        // main clause's.
        let subordinate = subordinate_clauses(doc, &kept, range.clone());
        kept.sort_by_key(|d| {
            // Statements (CAMEO 01) are the main event only when nothing more specific is said.
            let statement = d.cameo.starts_with("01");
            (
                d.governed as u8,
                subordinate.iter().any(|z| z.contains(&d.trig.head)) as u8,
                statement as u8,
                d.trig.nominal as u8,
                !(d.source.is_some() && d.target.is_some() && !d.place_target) as u8,
                // A rejection read from "despite X's …" is derived from the clause: the
                // clause's own act, coded from the lexicon, is the main event.
                d.rule.starts_with("concessive") as u8,
                d.trig.head,
            )
        });
        let mut seen: Vec<(String, Option<usize>, Option<usize>)> = Vec::new();
        let mut rank = 0;
        for d in kept {
            let key = (d.cameo.clone(), d.source, d.target);
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            if let Some(e) = self.event(doc, s, &d, rank) {
                out.push(e);
                rank += 1;
            }
        }
    }

    /// Keeps `background` only on event nouns that are the content of an earlier verb of
    /// their clause: what it rejects, offers, prohibits or discusses ("rejected an offer of
    /// direct talks", "prohibit all aid to the rebels"), not an act reported to have
    /// happened. Intended, threatened and requested acts stay events ("committed to a
    /// ground invasion"), as do nouns before the verb or past a clause boundary.
    fn background(&self, doc: &Document, drafts: &mut [Draft]) {
        let lower = |k: usize| doc.tokens[k].lower.as_str();
        // (end of the verb's pattern, its CAMEO root, or "" when negated)
        let verbs: Vec<(usize, String)> = drafts
            .iter()
            // (What is announced or declared is the act itself: "announced a state of
            // emergency".)
            .filter(|d| {
                !d.trig.nominal
                    && !d.absorbed
                    && !d.cameo.starts_with("01")
                    && (d.source.is_some() || d.target.is_some())
            })
            .map(|d| {
                let root = if d.modality == Modality::Negated {
                    ""
                } else {
                    d.cameo.get(..2).unwrap_or("")
                };
                (d.trig.end, root.to_string())
            })
            .collect();
        for d in drafts.iter_mut().filter(|d| d.background) {
            let first = d.trig.tokens[0];
            if matches!(
                d.modality,
                Modality::Intended | Modality::Threatened | Modality::Requested
            ) {
                d.background = false;
                continue;
            }
            // The nearest verb before the noun in its clause. (A phrase of time or cause names
            // an act that happened: "agreed to a ceasefire after two days of fighting",
            // "sanctions over the crackdown".)
            let governor = verbs.iter().rev().find(|(end, _)| {
                *end <= first
                    && (*end..first).all(|k| {
                        !matches!(
                            lower(k),
                            "," | ";"
                                | ":"
                                | "("
                                | ")"
                                | "after"
                                | "before"
                                | "since"
                                | "following"
                                | "amid"
                                | "during"
                                | "despite"
                                | "while"
                                | "when"
                                | "over"
                        )
                    })
            });
            d.background = match governor.map(|(_, root)| root.as_str()) {
                None => false,
                // Committed or promised ("committed to a ground offensive"): intended.
                Some("03") => {
                    d.modality = Modality::Intended;
                    false
                }
                // Threatened ("threatened a new offensive").
                Some("13") => {
                    d.modality = Modality::Threatened;
                    false
                }
                // What is praised, investigated or condemned has happened ("condemned the
                // coup").
                Some("05" | "09" | "11") => false,
                Some(_) => true,
            };
        }
    }

    fn verbal_roles(
        &self,
        doc: &Document,
        mentions: &[usize],
        t: &Trigger,
        start: usize,
        end: usize,
    ) -> (Option<usize>, Option<usize>) {
        let lower = |k: usize| doc.tokens[k].lower.as_str();
        let head = lower(t.head);
        let participle = self.lex.participles.contains(head)
            && matches!(t.form, Form::Past | Form::PastParticiple);
        let mut k = t.head;
        let mut be = false;
        for _ in 0..6 {
            if k <= start {
                break;
            }
            k -= 1;
            let w = lower(k);
            if BE_FORMS.contains(&w) {
                be = true;
                break;
            }
            // A coordinated participle shares the auxiliary: "were killed or wounded".
            let coordinated_participle = matches!(w, "and" | "or")
                || (matches!(lower(k + 1), "and" | "or")
                    && (self.lex.participles.contains(w) || w.ends_with("ed")));
            if participle && coordinated_participle {
                continue;
            }
            if !(NEGATORS.contains(&w)
                || w.ends_with("ly")
                || w == "also"
                || w == "reportedly"
                || w == "allegedly")
            {
                break;
            }
        }
        let by_after = (t.end..(t.end + 3).min(end)).find(|&j| lower(j) == "by");
        let passive = participle && (be || by_after == Some(t.end));
        // "with Netanyahu asserting …": the actor right before a gerund is its subject even
        // after a preposition.
        let adjacent = nearest_before(doc, mentions, t.tokens[0]).filter(|&m| {
            let mm = &doc.mentions[m];
            mm.tokens.end == t.tokens[0]
                && mm.tokens.start > start
                && matches!(lower(mm.tokens.start - 1), "with" | "without")
        });
        let before = match adjacent {
            Some(m) if t.form == Form::Gerund => Some(m),
            _ => subject_before(doc, mentions, t.tokens[0], start),
        };
        if passive {
            // The agent may come after an adverbial phrase: "were rescued off the coast of
            // Libya by the Italian coast guard".
            let by_far = by_after
                .or_else(|| {
                    (t.end..(t.end + 9).min(end))
                        .take_while(|&j| !matches!(lower(j), "," | ";" | ":" | "and" | "but"))
                        .find(|&j| lower(j) == "by")
                })
                // Or after an aside, closing the sentence: "has been accused of misusing
                // funds, much of it believed embezzled, by government officials."
                .or_else(|| {
                    (t.end + 1..end).find(|&j| {
                        lower(j) == "by"
                            && lower(j - 1) == ","
                            && (j + 1..end).all(|k| !matches!(lower(k), "," | ";" | ":"))
                    })
                });
            let agent = by_far.and_then(|b| first_after(doc, mentions, b + 1, end, 2));
            // A participle right after a common noun with no auxiliary modifies that noun ("a
            // deal brokered by the UN", "weapons seized from peacekeepers"): the noun is the
            // patient, not the actor before it.
            let reduced_relative = !be
                && t.head > start
                && doc.tokens[t.head - 1].kind == dyad_core::TokenKind::Word
                && !doc.tokens[t.head - 1].capitalized
                && !mentions
                    .iter()
                    .any(|&m| doc.mentions[m].tokens.end == t.head);
            let patient = if reduced_relative { None } else { before };
            return (agent, patient);
        }
        // The object may sit inside the pattern ("urged Israel to", "accused Iran of").
        let after = first_after(doc, mentions, t.head + 1, end, 10 + (t.end - t.head - 1));
        // Coordinated subjects act on each other when nothing else is acted on: "Israel and
        // Egypt signed a treaty" codes Israel → Egypt.
        if let (Some(b), None) = (before, after) {
            if let Some(first) = coordinated_with(doc, mentions, b, start) {
                return (Some(first), Some(b));
            }
        }
        (before, after)
    }

    fn nominal_roles(
        &self,
        doc: &Document,
        mentions: &[usize],
        t: &Trigger,
        start: usize,
        end: usize,
        clause_source: Option<usize>,
    ) -> (Option<usize>, Option<usize>, bool) {
        let lower = |k: usize| doc.tokens[k].lower.as_str();
        // Possessive or adjectival actor right before the noun, through up to three
        // modifier words: "Biden's explicit opposition", "Israeli air strikes".
        let mut source = None;
        let first = t.tokens[0];
        for &m in mentions {
            let mt = &doc.mentions[m].tokens;
            if mt.end <= first && first - mt.end <= 4 {
                let gap_ok = (mt.end..first).all(|k| {
                    let w = lower(k);
                    w == "'s"
                        || w == "'"
                        || (doc.tokens[k].kind == dyad_core::TokenKind::Word
                            && !TARGET_PREPS.contains(&w)
                            && !PREPOSITIONS.contains(&w)
                            && !BE_FORMS.contains(&w)
                            && self.lex.verb_form(w).is_none()
                            && !doc.tokens[k].capitalized
                            || w == "-")
                });
                if gap_ok {
                    source = Some(m);
                }
            }
        }
        // "… by X"
        if let Some(b) = (t.end..(t.end + 6).min(end)).find(|&j| lower(j) == "by") {
            if let Some(m) = first_after(doc, mentions, b + 1, end, 2) {
                source = source.or(Some(m));
            }
        }
        let mut target = None;
        // A civilian place or group named before a violent noun is what was hit, not who hit:
        // "the Gaza hospital blast", "a school shooting".
        if let Some(m) = source {
            let mm = &doc.mentions[m];
            let possessive = mm.tokens.end < doc.tokens.len()
                && matches!(doc.tokens[mm.tokens.end].lower.as_str(), "'s" | "'");
            let civilian = mm.actor.sectors.first().is_some_and(|s| {
                matches!(
                    s.as_str(),
                    "HLH" | "EDU" | "CVL" | "REF" | "MED" | "BUS" | "REL" | "AGR"
                )
            });
            let violent = matches!(&self.lex.entries[t.entry].cameo[..2], "18" | "19" | "20");
            if civilian && violent && !mm.adjectival && !possessive {
                source = None;
                target = Some(m);
            }
        }
        // A preposition inside the pattern: the actor in its phrase is the target ("riots
        // against Israeli military policies", pattern `riot * against * policies`).
        if target.is_none() {
            let inner = t
                .tokens
                .iter()
                .copied()
                .filter(|&k| {
                    k > t.head && matches!(lower(k), "against" | "on" | "toward" | "towards" | "at")
                })
                .min();
            if let Some(p) = inner {
                target = mentions
                    .iter()
                    .copied()
                    .find(|&m| {
                        let mt = &doc.mentions[m].tokens;
                        mt.start > p && mt.end <= t.end
                    })
                    .filter(|&m| Some(m) != source);
            }
        }
        let mut j = t.end;
        while j < end && j < t.end + 5 {
            if TARGET_PREPS.contains(&lower(j)) {
                let m = first_after(doc, mentions, j + 1, end, 3).filter(|&m| {
                    (j + 1..doc.mentions[m].tokens.start)
                        .all(|k| doc.tokens[k].kind != dyad_core::TokenKind::Punct)
                });
                if let Some(m) = m {
                    if Some(m) != source {
                        target = Some(m);
                    }
                }
                break;
            }
            if doc.tokens[j].kind == dyad_core::TokenKind::Punct {
                break;
            }
            j += 1;
        }
        // Whether the noun has an actor of its own (possessive, adjective, "by X"), or is
        // the act of the clause it stands in ("during a raid").
        let mut own = source.is_some();
        if source.is_none() {
            // The clause's actor: the source of the verb whose phrase holds the noun, else the
            // subject candidate before the noun.
            let clause = clause_source.filter(|m| mentions.contains(m));
            own = clause.is_some();
            source = clause
                .or_else(|| subject_before(doc, mentions, first, start))
                .filter(|&m| Some(m) != target);
        }
        (source, target, own)
    }

    /// Whether the noun at `first` is the object of a preposition: walking back (not before
    /// `start`) over determiners, numbers and modifiers (not verbs, not names), a preposition
    /// comes first.
    fn in_prepositional_phrase(&self, doc: &Document, first: usize, start: usize) -> bool {
        let mut k = first;
        for _ in 0..5 {
            if k <= start {
                return false;
            }
            k -= 1;
            let t = &doc.tokens[k];
            let w = t.lower.as_str();
            if PREPOSITIONS.contains(&w) {
                return true;
            }
            if t.kind != dyad_core::TokenKind::Word
                || t.capitalized
                || BE_FORMS.contains(&w)
                || (self.lex.verb_form(w).is_some() && !DETERMINERS.contains(&w))
            {
                return false;
            }
        }
        false
    }

    /// Negation and future/hypothetical markers in the trigger's own verb group.
    fn local_modality(&self, doc: &Document, t: &Trigger, start: usize) -> (bool, Modality) {
        let lower = |k: usize| doc.tokens[k].lower.as_str();
        let mut negated = false;
        let mut modality = Modality::Asserted;
        let mut would = false;
        let first = t.tokens[0];
        let window = if t.nominal { 1 } else { 4 };
        let mut k = first;
        for _ in 0..window {
            if k <= start {
                break;
            }
            k -= 1;
            let w = lower(k);
            // A name is no modal: "Theresa May met …".
            if in_mention(doc, k) {
                continue;
            }
            if NEGATORS.contains(&w) && (t.nominal || w != "no") {
                negated = true;
            }
            if !t.nominal {
                if MODALS_FUTURE.contains(&w) {
                    modality = Modality::Intended;
                } else if MODALS_HYPOTHETICAL.contains(&w) || w == "would" {
                    modality = Modality::Hypothetical;
                    would = w == "would";
                }
            }
            if matches!(w, "," | ";" | ":" | "and" | "but") {
                break;
            }
        }
        // "would" after a reported intention ("said it would retaliate") is a future, not a
        // condition, unless the sentence has an `if`.
        if modality == Modality::Hypothetical && would {
            let has_if = (start..first).any(|j| matches!(lower(j), "if" | "unless"));
            if !has_if {
                modality = Modality::Intended;
            }
        }
        if (start..first).any(|j| matches!(lower(j), "if" | "unless")) {
            modality = Modality::Hypothetical;
        }
        // An act named as planned or threatened ("the proposed ground operation", "a
        // threatened offensive", "a possible strike") has not happened.
        if t.nominal && modality == Modality::Asserted {
            let mut k = first;
            for _ in 0..3 {
                if k <= start || doc.tokens[k - 1].kind != dyad_core::TokenKind::Word {
                    break;
                }
                k -= 1;
                match lower(k) {
                    "threatened" => modality = Modality::Threatened,
                    "proposed" | "planned" | "promised" | "possible" | "potential"
                    | "prospective" | "looming" | "imminent" | "expected" | "intended"
                    | "anticipated" | "future" | "impending" => modality = Modality::Intended,
                    _ => continue,
                }
                break;
            }
        }
        (negated, modality)
    }

    /// Intent, threat, request and refusal governors.
    fn governors(&self, doc: &Document, drafts: &mut [Draft], start: usize) {
        let lower = |k: usize| doc.tokens[k].lower.as_str();
        for bi in 0..drafts.len() {
            let first = drafts[bi].trig.tokens[0];
            // Find "to" within the four tokens before the trigger, then the governing word
            // within three tokens before that `to`.
            let mut to_at = None;
            let mut k = first;
            for _ in 0..5 {
                if k <= start {
                    break;
                }
                k -= 1;
                let w = lower(k);
                if w == "to" {
                    // Only an infinitive governs: "to" + verb ("vowed to attack", "committed to
                    // conducting an invasion"), not a preposition ("alternatives to the invasion").
                    let next = lower(k + 1);
                    let infinitive = k + 1 == first
                        || self.lex.verb_form(next).is_some()
                        || (next.ends_with("ing") && next.len() > 4);
                    if infinitive {
                        to_at = Some(k);
                    }
                    break;
                }
                // A clause boundary, or a preposition: "agreed to restore ties after talks"
                // does not govern the talks.
                if matches!(
                    w,
                    "," | ";"
                        | ":"
                        | "."
                        | "and"
                        | "but"
                        | "said"
                        | "says"
                        | "after"
                        | "before"
                        | "during"
                        | "following"
                        | "amid"
                        | "since"
                        | "despite"
                        | "in"
                        | "at"
                ) {
                    break;
                }
            }
            let Some(to) = to_at else { continue };
            let mut gov = None;
            let mut g = to;
            for _ in 0..4 {
                if g <= start {
                    break;
                }
                g -= 1;
                let w = lower(g);
                let governing_trigger = drafts.iter().position(|d| d.trig.tokens.contains(&g));
                if governing_trigger.is_some() || INTENT.contains(&w) {
                    gov = Some((g, governing_trigger));
                    break;
                }
            }
            let Some((g, gi)) = gov else {
                // A time limit or an ultimatum ("gave the junta one week to hand back power",
                // "a deadline to withdraw") asks for the act.
                let limit = to > start
                    && matches!(
                        lower(to - 1),
                        "hours"
                            | "days"
                            | "week"
                            | "weeks"
                            | "month"
                            | "months"
                            | "deadline"
                            | "ultimatum"
                    );
                if limit && drafts[bi].modality == Modality::Asserted {
                    drafts[bi].governed = true;
                    drafts[bi].modality = Modality::Requested;
                }
                continue;
            };
            let word = lower(g).to_string();
            // "warned Kenya to withdraw", "told Israel to stop": with an addressee between the
            // word and `to`, the event is asked of someone else, not announced.
            let gov_is_request =
                gi.is_some_and(|i| matches!(&drafts[i].cameo[..2], "02" | "10" | "12"));
            // The addressee is the governor's object: an actor or pronoun right after it
            // ("warned Kenya to", "told the Israelis to"), not a date or place further on
            // ("agreed on Friday to", "blocked highways across France to").
            let object_at = |k: usize| {
                k < to
                    && (matches!(lower(k), "them" | "him" | "her" | "it" | "us")
                        || doc.mentions[doc.mentions.partition_point(|m| m.tokens.start < k)..]
                            .iter()
                            .take_while(|m| m.tokens.start == k)
                            .any(|m| !m.locative && m.tokens.end <= to))
            };
            let addressee = object_at(g + 1) || (lower(g + 1) == "the" && object_at(g + 2));
            // Only verbs that ask or make someone do something have an addressee: "visited
            // Algeria to repair ties" is a purpose.
            let object_control = OBJECT_CONTROL.contains(&word.as_str())
                || gi.is_some_and(|i| matches!(&drafts[i].cameo[..2], "13" | "17"));
            if !gov_is_request && g + 1 < to && addressee && object_control {
                drafts[bi].governed = true;
                if drafts[bi].modality == Modality::Asserted {
                    drafts[bi].modality = Modality::Requested;
                }
                continue;
            }
            let b_root: u32 = drafts[bi].cameo[..2].parse().unwrap_or(0);
            let gov_root: Option<u32> = gi.map(|i| drafts[i].cameo[..2].parse().unwrap_or(0));
            match gov_root {
                Some(2) | Some(10) => {
                    drafts[bi].governed = true;
                    if drafts[bi].modality == Modality::Asserted {
                        drafts[bi].modality = Modality::Requested;
                    }
                }
                Some(12) => {
                    drafts[bi].governed = true;
                    drafts[bi].negated = true;
                    drafts[bi].modality = Modality::Negated;
                }
                Some(r) if r != 13 && !INTENT.contains(&word.as_str()) => {
                    drafts[bi].governed = true;
                    // A purpose clause after an act with its object ("blocked highways to
                    // protest", "sent troops to fight") is done, not intended; a verb's own
                    // complement ("agreed to restore") is intended.
                    let purpose = gi.is_some_and(|i| drafts[i].trig.tokens.len() > 1);
                    if drafts[bi].modality == Modality::Asserted && !purpose {
                        drafts[bi].modality = Modality::Intended;
                    }
                    // The governed act is the governor's subject's: "Macron will visit Algeria
                    // to repair ties" is Macron's repair, not Algeria's.
                    if let Some(i) = gi {
                        let object_between = drafts[bi].source.is_some_and(|m| {
                            let mt = &doc.mentions[m].tokens;
                            mt.start > g && mt.end <= to
                        });
                        if object_between && drafts[i].source.is_some() {
                            drafts[bi].source = drafts[i].source;
                        }
                    }
                }
                _ => {
                    // An intent or threat word: fold it into the event.
                    let threat_word = THREAT_WORDS.contains(&word.as_str()) || gov_root == Some(13);
                    let (code, modality) = intent_code(&drafts[bi].cameo, b_root, threat_word);
                    if code == drafts[bi].cameo && modality == Modality::Asserted {
                        continue;
                    }
                    if let Some(i) = gi {
                        if i != bi {
                            drafts[i].absorbed = true;
                            if drafts[bi].source.is_none() {
                                drafts[bi].source = drafts[i].source;
                            }
                        }
                    }
                    drafts[bi].rule = format!("intent `{word}` + {}", drafts[bi].rule);
                    drafts[bi].cameo = code;
                    if !drafts[bi].negated {
                        drafts[bi].modality = modality;
                    }
                    drafts[bi].extra_tokens.push(g);
                }
            }
        }
    }

    /// Future and conditional events: a cooperative event announced with `will`/`would` is an
    /// expressed intent (CAMEO 03, PLOVER AGREE); announced force is a threat; a conflictual
    /// event under a condition (`if`, `unless`) is a conditional threat.
    fn futures(&self, doc: &Document, drafts: &mut [Draft], start: usize, end: usize) {
        let conditional =
            (start..end).any(|k| matches!(doc.tokens[k].lower.as_str(), "if" | "unless"));
        for d in drafts.iter_mut() {
            let root: u32 = d.cameo[..2].parse().unwrap_or(0);
            // "will not accept", "would not allow": a refusal of cooperation (CAMEO 12).
            if d.negated && d.future && !d.governed && (3..=8).contains(&root) {
                d.rule = format!("refusal + {}", d.rule);
                d.cameo = reject_code(&d.cameo);
                d.negated = false;
                d.modality = Modality::Asserted;
                continue;
            }
            if d.negated || d.governed || !d.extra_tokens.is_empty() {
                continue;
            }
            let future = d.modality == Modality::Intended;
            let hypothetical = d.modality == Modality::Hypothetical;
            if !(future || hypothetical) {
                continue;
            }
            // The condition itself ("if the rebels attack the capital, …") is hypothetical, not
            // a threat; what is promised on it is.
            let head = d.trig.head;
            let in_condition = (start..head)
                .rev()
                .take_while(|&k| doc.tokens[k].lower != ",")
                .any(|k| matches!(doc.tokens[k].lower.as_str(), "if" | "unless"));
            if in_condition {
                d.modality = Modality::Hypothetical;
                continue;
            }
            let threat = conditional && (16..=20).contains(&root);
            let (code, modality) = intent_code(&d.cameo, root, threat);
            if code != d.cameo {
                d.rule = format!("future + {}", d.rule);
                d.cameo = code;
                d.modality = if modality == Modality::Asserted {
                    d.modality
                } else {
                    modality
                };
            }
        }
    }

    /// "X said Y must V": a demand by the speaker X of Y (CAMEO 10), specific when V is a
    /// lexicon event ("must release" → demand release, 1053).
    fn obligations(
        &self,
        doc: &Document,
        mentions: &[usize],
        drafts: &mut Vec<Draft>,
        start: usize,
        end: usize,
    ) {
        let lower = |k: usize| doc.tokens[k].lower.as_str();
        for m in start..end {
            if lower(m) != "must" {
                continue;
            }
            // The obliged: the clause subject right before `must`.
            let Some(target) =
                nearest_before(doc, mentions, m).filter(|&t| m - doc.mentions[t].tokens.end <= 3)
            else {
                continue;
            };
            // The speaker: the subject of a reporting verb before the clause, or the actor
            // after a reporting verb that follows it ("…, the minister said").
            let Some(r) = (start..end).find(|&k| REPORTING.contains(&lower(k)) && k != m) else {
                continue;
            };
            let speaker = if r < m {
                nearest_before(doc, mentions, r + 1)
                    .filter(|&x| x != target && doc.mentions[x].tokens.end <= r)
            } else {
                first_after(doc, mentions, r + 1, end, 6).or_else(|| {
                    mentions.iter().copied().rev().find(|&x| {
                        doc.mentions[x].tokens.start > m && doc.mentions[x].tokens.end <= r
                    })
                })
            };
            let Some(speaker) = speaker else { continue };
            if same_actor(doc, speaker, target)
                || doc.mentions[speaker].actor.country.is_some()
                    && doc.mentions[speaker].actor.country == doc.mentions[target].actor.country
            {
                continue;
            }
            // The demanded event, if the lexicon knows the verb.
            let inner = drafts
                .iter()
                .position(|d| !d.trig.nominal && d.trig.tokens[0] > m && d.trig.tokens[0] <= m + 5);
            let (code, mut tokens, rule) = match inner {
                Some(i) => {
                    drafts[i].absorbed = true;
                    let d = &drafts[i];
                    (
                        demand_code(&d.cameo),
                        d.trig.tokens.clone(),
                        format!("obligation `must` + {}", d.rule),
                    )
                }
                None => (
                    "100".to_string(),
                    Vec::new(),
                    "obligation `must`".to_string(),
                ),
            };
            tokens.insert(0, m);
            let Some((ei, _)) = self
                .lex
                .entries
                .iter()
                .enumerate()
                .find(|(_, e)| e.cameo.starts_with("10"))
            else {
                continue;
            };
            drafts.push(Draft::construction(
                ei,
                m,
                tokens,
                code,
                (Some(speaker), Some(target)),
                rule,
                Vec::new(),
            ));
        }
    }

    /// "S …, despite X's opposition" codes S rejecting X.
    fn concession(
        &self,
        doc: &Document,
        mentions: &[usize],
        drafts: &mut Vec<Draft>,
        start: usize,
        end: usize,
    ) {
        let lower = |k: usize| doc.tokens[k].lower.as_str();
        for d in start..end {
            let is_despite =
                lower(d) == "despite" || (lower(d) == "spite" && d > start && lower(d - 1) == "in");
            if !is_despite {
                continue;
            }
            // The concessive noun and its owner.
            let Some(n) = (d + 1..(d + 8).min(end)).find(|&k| CONCESSIVE_NOUNS.contains(&lower(k)))
            else {
                continue;
            };
            let owner = mentions
                .iter()
                .copied()
                .rev()
                .find(|&m| {
                    let mt = &doc.mentions[m].tokens;
                    mt.start > d && mt.end <= n
                })
                .or_else(|| {
                    // "despite objections from Washington"
                    let prep = (n + 1..(n + 3).min(end))
                        .find(|&k| matches!(lower(k), "from" | "by" | "of"))?;
                    first_after(doc, mentions, prep + 1, end, 2)
                });
            // The clause's subject: before `despite`, or after the phrase when it opens the sentence.
            let opener =
                (start..d).all(|k| matches!(lower(k), "but" | "and" | "yet" | "," | "\"" | "in"));
            let subject = if opener {
                // The main clause's actor: the first named actor after the concessive phrase.
                let comma = (n..end).find(|&k| lower(k) == ",").unwrap_or(n);
                mentions.iter().copied().find(|&m| {
                    let mm = &doc.mentions[m];
                    mm.tokens.start > comma
                        && (mm.actor.country.is_some() || mm.actor.entity.is_some())
                })
            } else {
                drafts
                    .iter()
                    .find(|x| !x.trig.nominal && x.trig.head < d && x.source.is_some())
                    .and_then(|x| x.source)
                    .or_else(|| {
                        mentions
                            .iter()
                            .copied()
                            .find(|&m| doc.mentions[m].tokens.end <= d)
                    })
            };
            let Some(subject) = subject else { continue };
            if owner.is_some_and(|o| same_actor(doc, o, subject)) {
                continue;
            }
            let Some((ei, _)) = self
                .lex
                .entries
                .iter()
                .enumerate()
                .find(|(_, e)| e.cameo == "120")
            else {
                continue;
            };
            let rule = format!("concessive `{}` + `{}`", lower(d), lower(n));
            drafts.push(Draft::construction(
                ei,
                d,
                vec![d],
                "120".into(),
                (Some(subject), owner),
                rule,
                vec![n],
            ));
            // The owner's noun (opposition, plea) is aimed at the subject.
            for x in drafts.iter_mut() {
                if x.trig.head == n && x.target.is_none() && x.source == owner && owner.is_some() {
                    x.target = Some(subject);
                }
            }
        }
    }

    fn event(&self, doc: &Document, s: usize, d: &Draft, rank: u32) -> Option<Event> {
        let info = self.ontology.cameo(&d.cameo)?;
        let plover = self.ontology.plover(&d.cameo);
        // CAMEO files resignations under 0831 (accede to demands for a change in leadership),
        // which the CAMEO→PLOVER table maps to CONCEDE; PLOVER's own definitions put an
        // official's resignation under RETREAT (mode `resign`), and so does dyad.
        let resignation = d.cameo == "0831"
            && matches!(d.modality, Modality::Asserted | Modality::Reported)
            && matches!(
                self.lex.entries[d.trig.entry]
                    .pattern
                    .split(' ')
                    .next()
                    .unwrap_or(""),
                "resign" | "resignation" | "quit" | "step" | "tender" | "submit" | "announce"
            );
        // PLOVER counts attacks on web sites and computer systems as COERCE (mode `cyber`),
        // whatever the damage CAMEO's codes describe ("hackers defaced 3,000 web sites").
        let cyber = matches!(&d.cameo[..2.min(d.cameo.len())], "17" | "18" | "19" | "20") && {
            let from = d.trig.head;
            let to = (d.trig.end + 4).min(doc.sentences[s].tokens.end);
            let words: Vec<&str> = (from..to).map(|k| doc.tokens[k].lower.as_str()).collect();
            let source_hackers = d.source.is_some_and(|m| {
                let t = doc.mentions[m].actor.text.to_lowercase();
                t.contains("hacker")
            });
            source_hackers
                || words
                    .windows(2)
                    .any(|w| w == ["web", "sites"] || w == ["web", "site"])
                || words.iter().any(|w| {
                    matches!(
                        *w,
                        "website"
                            | "websites"
                            | "computer"
                            | "computers"
                            | "servers"
                            | "email"
                            | "emails"
                            | "database"
                            | "databases"
                    )
                })
        };
        let actor =
            |m: Option<usize>| -> Option<Actor> { m.map(|m| doc.mentions[m].actor.clone()) };
        let mut toks = d.trig.tokens.clone();
        toks.extend(&d.extra_tokens);
        toks.sort_unstable();
        // Runs of adjacent trigger tokens are quoted as written ("cross-border raid"); runs
        // are joined by a space.
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for &k in &toks {
            match runs.last_mut() {
                Some(r) if r.1 + 1 == k => r.1 = k,
                Some(r) if r.1 == k => {}
                _ => runs.push((k, k)),
            }
        }
        let trigger = runs
            .iter()
            .map(|&(a, b)| doc.slice(Span::new(doc.tokens[a].span.start, doc.tokens[b].span.end)))
            .collect::<Vec<_>>()
            .join(" ");
        let trigger_span = toks
            .iter()
            .map(|&k| doc.tokens[k].span)
            .reduce(Span::cover)
            .unwrap_or_default();
        let source = actor(d.source);
        let mut target = actor(d.target);
        // A place as target stands for its country ("in Nairobi" is Kenya, not its
        // government).
        if d.place_target {
            if let Some(a) = target.as_mut() {
                a.code = a.country.clone().unwrap_or_default();
                a.sectors.clear();
            }
        }
        let mut span = trigger_span;
        for a in [&source, &target].into_iter().flatten() {
            span = span.cover(a.span);
        }
        let mut confidence: f32 = 0.5;
        if source.is_some() {
            confidence += 0.2;
        }
        if target.is_some() {
            confidence += 0.15;
        }
        if d.trig.nominal {
            confidence -= 0.15;
        }
        if d.governed {
            confidence -= 0.1;
        }
        Some(Event {
            id: String::new(),
            sentence: s,
            span,
            trigger,
            trigger_span,
            source,
            target,
            cameo: d.cameo.clone(),
            root: info.root.clone(),
            quad_class: info.quad_class,
            goldstein: info.goldstein,
            plover: if resignation {
                Some("RETREAT".to_string())
            } else if cyber {
                Some("COERCE".to_string())
            } else {
                plover.map(|p| p.event.clone())
            },
            plover_mode: if resignation {
                Some("resign".to_string())
            } else if cyber {
                Some("cyber".to_string())
            } else {
                plover.and_then(|p| p.mode.clone())
            },
            negated: d.negated,
            modality: d.modality,
            confidence: confidence.clamp(0.05, 0.95),
            rule: d.rule.clone(),
            rank,
            date: None,
            counts: Vec::new(),
            location: None,
            tone: None,
        })
    }
}

fn same_actor(doc: &Document, a: usize, b: usize) -> bool {
    doc.mentions[a].actor.code == doc.mentions[b].actor.code
}

fn kind_name(k: PosKind) -> &'static str {
    match k {
        PosKind::Verb => "verb",
        PosKind::Noun => "noun",
    }
}

fn verb_first(a: &Entry, b: &Entry) -> std::cmp::Ordering {
    (a.kind == PosKind::Noun).cmp(&(b.kind == PosKind::Noun))
}

/// The code of an event under an intent or threat word.
fn intent_code(code: &str, root: u32, threat_word: bool) -> (String, Modality) {
    // Announced force (17–20) is a threat whatever the verb; sanctions, mobilization, protest
    // and rejection are threats only under a threat word ("threatened to impose sanctions"),
    // and otherwise intentions ("agreed to impose sanctions").
    let conflict = match root {
        11 | 12 | 14 | 15 | 16 | 17 if !threat_word => None,
        14 => Some("133"),
        15 | 19 => Some("138"),
        16 => Some(if code.starts_with("162") {
            "1311"
        } else if code.starts_with("163") {
            "1312"
        } else if code.starts_with("161") {
            "1313"
        } else {
            "131"
        }),
        17 => Some(if code.starts_with("172") {
            "132"
        } else {
            "137"
        }),
        18 => Some("1383"),
        20 => Some("1385"),
        11 | 12 => Some("130"),
        _ => None,
    };
    if let Some(c) = conflict {
        return (c.to_string(), Modality::Threatened);
    }
    let coop = match code {
        c if c.starts_with("061") => Some("0311"),
        c if c.starts_with("062") => Some("0312"),
        c if c.starts_with("063") => Some("0313"),
        c if c.starts_with("064") => Some("0314"),
        c if c.starts_with("071") => Some("0331"),
        c if c.starts_with("072") => Some("0332"),
        c if c.starts_with("073") => Some("0333"),
        c if c.starts_with("074") => Some("0334"),
        c if c.starts_with("084") => Some("0353"),
        c if c.starts_with("085") => Some("0354"),
        c if c.starts_with("086") => Some("0355"),
        c if c.starts_with("087") => Some("0356"),
        c if c.starts_with("081") => Some("0351"),
        _ => match root {
            4 => Some("036"),
            5 => Some("032"),
            6 => Some("031"),
            7 => Some("033"),
            8 => Some("035"),
            9 => Some("030"),
            _ => None,
        },
    };
    match coop {
        Some(c) => (c.to_string(), Modality::Intended),
        None if threat_word && root == 13 => (code.to_string(), Modality::Threatened),
        None => (code.to_string(), Modality::Asserted),
    }
}

/// The refusal (CAMEO 12) of a cooperative event.
fn reject_code(code: &str) -> String {
    let c = match code {
        c if c.starts_with("0841") => "1243",
        c if c.starts_with("085") => "1244",
        c if c.starts_with("086") => "1245",
        c if c.starts_with("087") => "1246",
        c if c.starts_with("081") => "1241",
        c if c.starts_with("08") => "124",
        c if c.starts_with("061") => "1211",
        c if c.starts_with("062") => "1212",
        c if c.starts_with("06") => "121",
        c if c.starts_with("07") => "122",
        c if c.starts_with("04") => "125",
        _ => "120",
    };
    c.to_string()
}

/// The demand (CAMEO 10) for an event that is demanded.
fn demand_code(code: &str) -> String {
    let c = match code {
        c if c.starts_with("081") => "1051",
        c if c.starts_with("082") => "1052",
        c if c.starts_with("084") => "1053",
        c if c.starts_with("085") => "1054",
        c if c.starts_with("086") => "1055",
        c if c.starts_with("087") => "1056",
        c if c.starts_with("083") => "104",
        c if c.starts_with("08") => "105",
        c if c.starts_with("061") => "1011",
        c if c.starts_with("062") => "1012",
        c if c.starts_with("063") => "1013",
        c if c.starts_with("064") => "1014",
        c if c.starts_with("06") => "101",
        c if c.starts_with("071") => "1031",
        c if c.starts_with("072") => "1032",
        c if c.starts_with("073") => "1033",
        c if c.starts_with("074") => "1034",
        c if c.starts_with("07") => "103",
        c if c.starts_with("04") => "106",
        c if c.starts_with("05") || c.starts_with("03") => "102",
        _ => "100",
    };
    c.to_string()
}

/// Matches pattern slots from token `pos`; returns the end token and the literal tokens used.
/// Whether token `k` lies inside an actor mention.
fn in_mention(doc: &Document, k: usize) -> bool {
    let i = doc.mentions.partition_point(|m| m.tokens.start <= k);
    doc.mentions[..i]
        .iter()
        .rev()
        .take(4)
        .any(|m| m.tokens.contains(&k))
}

/// The first mention with a country ("in the Gaza Strip", "to Iran") within eight tokens after
/// the trigger's last word, with no clause punctuation or verb of speech between.
fn place_after(
    doc: &Document,
    sentence_mentions: std::ops::Range<usize>,
    t: &Trigger,
    end: usize,
    source_code: Option<&str>,
) -> Option<usize> {
    // A place inside the pattern's gap ("went on strike in France over pensions") counts;
    // a country adjective ("near the Ugandan border") does not; nor does the source again
    // ("Hamas threatened to resume terrorist activities in Israel").
    let m = sentence_mentions
        .filter(|&m| {
            let mm = &doc.mentions[m];
            mm.actor.country.is_some()
                && Some(mm.actor.code.as_str()) != source_code
                && !mm.adjectival
                && (mm.tokens.start >= t.end
                    || (mm.locative
                        && mm.tokens.start > t.head
                        && !t.tokens.iter().any(|k| mm.tokens.contains(k))))
        })
        .min_by_key(|&m| doc.mentions[m].tokens.start)?;
    let st = doc.mentions[m].tokens.start;
    if st >= end || st.saturating_sub(t.end) > 8 {
        return None;
    }
    // A pronoun object is what was acted on ("overran it").
    if t.end < st && matches!(doc.tokens[t.end].lower.as_str(), "it" | "them") {
        return None;
    }
    let blocked = (t.end.min(st)..st).any(|k| {
        let w = doc.tokens[k].lower.as_str();
        matches!(w, "," | ";" | ":" | "(" | "\"" | "''")
            || ATTRIBUTION.contains(&w)
            || TIME_OR_CAUSE.contains(&w)
    });
    (!blocked).then_some(m)
}

/// Words that open a clause or phrase of time or cause: what follows them is another act's
/// ("blockades in the West Bank following the deaths of two Israelis").
const TIME_OR_CAUSE: &[&str] = &[
    "during",
    "following",
    "after",
    "before",
    "amid",
    "despite",
    "since",
    "because",
    "while",
    "when",
];

/// Marks asserted events the text attributes to someone else as `reported`: a trigger after
/// a verb of attribution ("officials said rebels attacked"), before a trailing attribution
/// ("…, X said"), in a sentence with "according to", or after "reportedly"/"allegedly"; and
/// claims a denial answers ("denied that its forces attacked"), which also rank below it.
/// Statements (CAMEO 01) are the speaker's own acts and stay asserted.
fn mark_reported(
    doc: &Document,
    reporters: &[usize],
    drafts: &mut [Draft],
    range: std::ops::Range<usize>,
) {
    let lower = |k: usize| doc.tokens[k].lower.as_str();
    let speech: Vec<usize> = range
        .clone()
        .filter(|&k| ATTRIBUTION.contains(&lower(k)) || lower(k) == "according")
        .collect();
    let trailing = reporters
        .iter()
        .map(|&m| doc.mentions[m].tokens.start)
        .max();
    let lo = doc
        .mentions
        .partition_point(|m| m.tokens.start < range.start);
    let hi = doc.mentions.partition_point(|m| m.tokens.start < range.end);
    let sentence_mentions = &doc.mentions[lo..hi];
    // "Russia denied that its forces had targeted civilians": the targeting is a claim the
    // denial answers, subordinate to it.
    let denial = range.clone().find(|&k| {
        matches!(
            lower(k),
            "denied" | "denies" | "deny" | "denying" | "dismissed" | "rejected"
        ) && (k + 1..(k + 4).min(range.end)).any(|j| lower(j) == "that")
    });
    for d in drafts.iter_mut() {
        if d.modality != Modality::Asserted || d.cameo.starts_with("01") {
            continue;
        }
        let head = d.trig.head;
        // The speaker quoted about its own act ("'We will not negotiate,' the president
        // said") asserts it.
        let own_quote = d
            .source
            .is_some_and(|m| doc.mentions[m].rule.starts_with("quote speaker"));
        if own_quote {
            continue;
        }
        if denial.is_some_and(|k| k < head) {
            d.modality = Modality::Reported;
            d.governed = true;
            continue;
        }
        let hedged = (head.saturating_sub(3).max(range.start)..head)
            .any(|k| matches!(lower(k), "reportedly" | "allegedly" | "purportedly"));
        // After a verb of speech, unless the event is the speaker's own act ("X said Y must
        // withdraw" is X's demand).
        // (Also "X said he would …": the source is a pronoun resolved to the speaker.)
        let speaker_acts = |k: usize| {
            d.source.is_some_and(|m| {
                let mt = &doc.mentions[m].tokens;
                let speaker = sentence_mentions
                    .iter()
                    .filter(|o| !o.locative && o.tokens.end <= k)
                    .max_by_key(|o| o.tokens.end);
                let mm = &doc.mentions[m];
                let pronoun = |x: &dyad_core::Mention| x.rule.starts_with("coref `");
                let own_pronoun = pronoun(mm)
                    && mm.actor.antecedent.is_some()
                    && speaker.is_some_and(|sp| {
                        Some(sp.actor.span) == mm.actor.antecedent
                            || (pronoun(sp) && sp.actor.antecedent == mm.actor.antecedent)
                    });
                own_pronoun
                    || (mt.end <= k
                        && !sentence_mentions
                            .iter()
                            .any(|o| !o.locative && o.tokens.start >= mt.end && o.tokens.end <= k))
            })
        };
        let after_speech = speech
            .iter()
            .any(|&k| k < head && !d.trig.tokens.contains(&k) && !speaker_acts(k));
        let before_attribution = trailing.is_some_and(|t| t > d.trig.end);
        let according = speech.iter().any(|&k| lower(k) == "according");
        if hedged || after_speech || before_attribution || according {
            d.modality = Modality::Reported;
        }
    }
}

/// "The AU demanded that the officers hand power back": the act of a `that` clause after a
/// demand or an appeal is requested of the clause's subject, who is the demand's target. The
/// first act of the clause counts (one in a relative clause on its subject does not).
fn that_requests(
    doc: &Document,
    mentions: &[usize],
    drafts: &mut [Draft],
    range: std::ops::Range<usize>,
) {
    let lower = |k: usize| doc.tokens[k].lower.as_str();
    for gi in 0..drafts.len() {
        let g = &drafts[gi];
        if g.trig.nominal || !matches!(g.cameo.get(..2), Some("02" | "10")) {
            continue;
        }
        // "demanded [on Friday] that".
        let Some(that) = (g.trig.end..(g.trig.end + 5).min(range.end))
            .take_while(|&k| !matches!(lower(k), "," | ";" | ":"))
            .find(|&k| lower(k) == "that")
        else {
            continue;
        };
        let clause_end = (that + 1..range.end)
            .find(|&k| matches!(lower(k), ";" | ":"))
            .unwrap_or(range.end);
        // The clause's subject: the mention that starts it.
        let subject = mentions.iter().copied().find(|&m| {
            let st = doc.mentions[m].tokens.start;
            st > that && st <= that + 3
        });
        let act = (0..drafts.len())
            .filter(|&i| {
                let d = &drafts[i];
                i != gi
                    && !d.trig.nominal
                    && d.trig.head > that
                    && d.trig.head < clause_end
                    && !(d.governed && d.modality == Modality::Asserted && {
                        // (in a relative clause: "officers who seized power")
                        (that..d.trig.head).any(|k| matches!(lower(k), "who" | "which"))
                    })
            })
            .min_by_key(|&i| drafts[i].trig.head);
        let Some(ai) = act else { continue };
        let d = &mut drafts[ai];
        d.governed = true;
        if d.modality == Modality::Asserted {
            d.modality = Modality::Requested;
        }
        if d.source.is_some_and(|s| Some(s) == drafts[gi].source) {
            drafts[ai].source = subject;
        }
        if drafts[gi].target.is_none() {
            drafts[gi].target = subject.or(drafts[ai].source);
        }
    }
}

/// Marks as absorbed a violent act with no source in a relative clause ("in which", "during
/// which") on a violent event noun: "two air raids in which 20 people were killed or
/// wounded" is the raids, with their toll.
fn absorb_outcomes(doc: &Document, drafts: &mut [Draft], range: std::ops::Range<usize>) {
    let lower = |k: usize| doc.tokens[k].lower.as_str();
    let violent = |c: &str| matches!(c.get(..2), Some("18" | "19" | "20"));
    let nouns: Vec<(usize, usize)> = drafts
        .iter()
        .filter(|d| d.trig.nominal && violent(&d.cameo) && !d.absorbed)
        .map(|d| (d.trig.tokens[0], d.trig.end))
        .collect();
    for d in drafts.iter_mut() {
        if d.trig.nominal || d.source.is_some() || !violent(&d.cameo) {
            continue;
        }
        let head = d.trig.head;
        // "in which" within the clause before the verb …
        let which = (head.saturating_sub(8).max(range.start + 1)..head)
            .rev()
            .find(|&k| lower(k) == "which" && matches!(lower(k - 1), "in" | "during" | "at"));
        let Some(w) = which else { continue };
        // (A second verb of the same clause is fine: "killed or wounded".)
        if (w..head).any(|k| matches!(lower(k), "," | ";")) {
            continue;
        }
        // … right after a violent event noun (its modifiers may stand between).
        let owner = nouns
            .iter()
            .any(|&(first, end)| end < w && w - 1 - end <= 4 && first < w);
        if owner {
            d.absorbed = true;
        }
    }
}

/// Gives a violent act with no source the source of the violent act of the "when" or "as"
/// clause right after it: "dozens of soldiers were killed when fighters stormed their base".
fn agents_of_outcomes(doc: &Document, drafts: &mut [Draft], range: std::ops::Range<usize>) {
    let lower = |k: usize| doc.tokens[k].lower.as_str();
    let violent = |c: &str| matches!(c.get(..2), Some("18" | "19" | "20"));
    for i in 0..drafts.len() {
        let d = &drafts[i];
        if d.trig.nominal || d.source.is_some() || !violent(&d.cameo) || d.absorbed {
            continue;
        }
        // "when"/"as" within four tokens after the verb (a day or place may stand between).
        let end = d.trig.end;
        let Some(w) = (end..(end + 5).min(range.end))
            .take_while(|&k| !matches!(lower(k), "," | ";" | "and" | "but"))
            .find(|&k| matches!(lower(k), "when" | "as"))
        else {
            continue;
        };
        let clause_end = (w + 1..range.end)
            .find(|&k| matches!(lower(k), "," | ";"))
            .unwrap_or(range.end);
        let agent = drafts.iter().find_map(|o| {
            (!o.trig.nominal && violent(&o.cameo) && o.trig.head > w && o.trig.head < clause_end)
                .then_some(o.source)
                .flatten()
        });
        if let Some(a) = agent.filter(|&a| Some(a) != drafts[i].target) {
            drafts[i].source = Some(a);
        }
    }
}

/// Clauses of time or cause: from a subordinating word ("after", "before", "since",
/// "until", "because", "when", "while") to the next comma or the end, when an act of the
/// main clause comes before it; or, when the sentence opens with one, up to its first comma.
fn subordinate_clauses(
    doc: &Document,
    drafts: &[Draft],
    range: std::ops::Range<usize>,
) -> Vec<std::ops::Range<usize>> {
    let lower = |k: usize| doc.tokens[k].lower.as_str();
    let opener = |w: &str| CLAUSE_OPENERS.contains(&w);
    // ("in response to", "in retaliation for": a cause.)
    let cause_phrase = |k: usize| {
        k > range.start
            && lower(k - 1) == "in"
            && matches!(
                lower(k),
                "response" | "retaliation" | "reprisal" | "revenge"
            )
    };
    let comma_after = |k: usize| {
        (k + 1..range.end)
            .find(|&j| matches!(lower(j), "," | ";"))
            .unwrap_or(range.end)
    };
    let mut out = Vec::new();
    if opener(lower(range.start)) {
        out.push(range.start..comma_after(range.start));
    }
    for k in range.start + 1..range.end {
        // A main-clause act before it (not itself in a subordinate clause).
        let main = drafts.iter().any(|d| {
            d.trig.end <= k
                && !out
                    .iter()
                    .any(|z: &std::ops::Range<usize>| z.contains(&d.trig.head))
        });
        if (opener(lower(k)) || cause_phrase(k)) && main && !out.iter().any(|z| z.contains(&k)) {
            out.push(k..comma_after(k));
        }
    }
    out
}

/// The stretches of a sentence that describe the source of its report, after the main
/// clause: "according to X …" up to the next clause punctuation, and the subject of a
/// trailing verb of speech (", a member of the team trying to broker a pact has said").
/// (`acts`: the heads of the sentence's triggers other than statements.)
fn attribution_zones(
    doc: &Document,
    acts: &[usize],
    range: std::ops::Range<usize>,
) -> Vec<std::ops::Range<usize>> {
    let lower = |k: usize| doc.tokens[k].lower.as_str();
    let clause_end = |w: &str| matches!(w, "," | ";" | ":" | "(" | "\"" | "''" | "``");
    // Only after a main clause with an act of its own.
    let main_before = |k: usize| acts.iter().any(|&h| h < k);
    let mut out = Vec::new();
    for k in range.clone() {
        if lower(k) == "according" && k + 1 < range.end && lower(k + 1) == "to" && main_before(k) {
            let end = (k + 2..range.end)
                .find(|&j| clause_end(lower(j)))
                .unwrap_or(range.end);
            out.push(k..end);
        }
    }
    // ", X [has] said [on Monday]." at the end of the sentence.
    let verb = range.clone().rev().take(9).find(|&k| {
        matches!(
            lower(k),
            "said" | "says" | "told" | "reported" | "added" | "stated" | "announced"
        )
    });
    if let Some(v) = verb {
        let tail_plain = (v + 1..range.end).all(|j| !clause_end(lower(j)));
        let comma = (range.start..v).rev().take(16).find(|&j| lower(j) == ",");
        // (Not "…, and others were said to be in hiding": a clause of its own.)
        let own_clause = |c: usize| {
            BE_FORMS.contains(&lower(v - 1))
                || (v + 1 < range.end && lower(v + 1) == "to")
                || matches!(
                    lower(c + 1),
                    "and" | "but" | "or" | "while" | "as" | "which" | "who"
                )
        };
        if let Some(c) = comma.filter(|&c| {
            tail_plain && c > range.start && c + 1 < v && main_before(c) && !own_clause(c)
        }) {
            out.push(c + 1..v);
        }
    }
    out
}

/// Whether a mention is the source of the report rather than a party to it: "according to
/// X", or a trailing "…, X said" / "…, said X" (after a comma or quote, up to three
/// lower-case words such as "a senior" may precede the mention).
fn attribution(doc: &Document, m: &dyad_core::Mention, range: std::ops::Range<usize>) -> bool {
    let lower = |k: usize| doc.tokens[k].lower.as_str();
    let start = m.tokens.start;
    if start >= range.start + 2 && lower(start - 1) == "to" && lower(start - 2) == "according" {
        return true;
    }
    // Walk back over a few modifier words to the clause boundary.
    let mut k = start;
    let mut steps = 0;
    while k > range.start && steps < 4 {
        let w = lower(k - 1);
        if matches!(
            w,
            "," | "''" | "\"" | "'" | "—" | "-" | "but" | "and" | "while"
        ) || ATTRIBUTION.contains(&w)
        {
            break;
        }
        if doc.tokens[k - 1].kind != dyad_core::TokenKind::Word {
            return false;
        }
        k -= 1;
        steps += 1;
    }
    if k <= range.start || steps >= 4 {
        return false;
    }
    let before = lower(k - 1);
    if ATTRIBUTION.contains(&before) {
        // ", said X": the verb right after a comma.
        return k >= range.start + 2 && matches!(lower(k - 2), "," | "''" | "\"");
    }
    // ", X said": the verb right after the mention (an adverb, or up to three capitalized
    // words of a name the dictionary does not know, may intervene: ", Defense Secretary
    // William Perry said").
    let mut end = m.tokens.end;
    while end < range.end && end < m.tokens.end + 3 && doc.tokens[end].capitalized {
        end += 1;
    }
    let next = |j: usize| (j < range.end).then(|| lower(j));
    // A verb with an object of its own is the clause's main verb, no attribution: "Late on
    // Sunday, an army spokesman announced a new ceasefire".
    // (Not after "said", "told": what follows them is what was said.)
    let object_after = |v: usize| {
        !matches!(
            next(v),
            Some(
                "said" | "says" | "say" | "told" | "tells" | "added" | "adds" | "stated" | "wrote"
            )
        ) && matches!(
            next(v + 1),
            Some("a" | "an" | "the" | "its" | "their" | "his" | "her" | "plans" | "new")
        )
    };
    match next(end) {
        Some(w) if ATTRIBUTION.contains(&w) => !object_after(end),
        Some("also" | "later" | "earlier" | "had" | "has" | "have") => {
            next(end + 1).is_some_and(|w| ATTRIBUTION.contains(&w)) && !object_after(end + 1)
        }
        _ => false,
    }
}

/// The nearest mention ending at or before token `before`.
fn nearest_before(doc: &Document, mentions: &[usize], before: usize) -> Option<usize> {
    mentions
        .iter()
        .copied()
        .filter(|&m| doc.mentions[m].tokens.end <= before)
        .max_by_key(|&m| doc.mentions[m].tokens.end)
}

/// The mention a dependency subtree stands for: the one containing `k`, else the nearest
/// mention inside `k`'s subtree (within the sentence).
fn mention_of_subtree(
    doc: &Document,
    mentions: &[usize],
    k: usize,
    range: &std::ops::Range<usize>,
) -> Option<usize> {
    if let Some(&m) = mentions
        .iter()
        .find(|&&m| doc.mentions[m].tokens.contains(&k))
    {
        return Some(m);
    }
    // (Not through a phrase that says what the noun is about or between whom: "the discord
    // between the U.S. and Israel underscores …" has no actor for subject; "thousands of
    // protesters" has.)
    let about = |y: usize| {
        range.clone().any(|c| {
            doc.syntax[c].head == Some(y)
                && doc.syntax[c].deprel == "case"
                && matches!(
                    doc.tokens[c].lower.as_str(),
                    "between" | "over" | "about" | "among" | "amid" | "regarding" | "concerning"
                )
        })
    };
    let descends = |mut x: usize| {
        for _ in 0..range.len() {
            if about(x) {
                return false;
            }
            match doc.syntax.get(x).and_then(|s| s.head) {
                Some(h) if h == k => return true,
                Some(h) => x = h,
                None => return false,
            }
        }
        false
    };
    mentions
        .iter()
        .copied()
        .filter(|&m| {
            let mt = &doc.mentions[m].tokens;
            mt.clone().any(|x| range.contains(&x) && descends(x))
        })
        .min_by_key(|&m| doc.mentions[m].tokens.start.abs_diff(k))
}

/// Roles from the dependency tree, when the syntax stage ran: the subject (`nsubj`, or the
/// `obl:agent`/`by` phrase of a passive) is the source, the object (`obj`, `iobj`, the
/// `nsubj:pass` of a passive, or an `obl`/`nmod` phrase) the target; a verb with no subject
/// of its own takes its governor's (`vowed to attack`, `attacked and killed`). `None` when
/// there is no parse.
fn syntax_roles(
    lex: &Lexicon,
    doc: &Document,
    mentions: &[usize],
    t: &Trigger,
    range: std::ops::Range<usize>,
) -> Option<(Option<usize>, Option<usize>)> {
    // No parse, or a sentence the syntax stage skipped (it has no tags).
    if doc.syntax.len() != doc.tokens.len() || doc.syntax[t.head].upos.is_empty() {
        return None;
    }
    // A verb the tagger read as something else ("a gunman shot at her" with "shot" a noun):
    // the parse around it is unreliable, and the positions decide.
    if !t.nominal && !matches!(doc.syntax[t.head].upos.as_str(), "VERB" | "AUX") {
        return None;
    }
    // Likewise an event noun (after a determiner or a modifier) the tagger read as a verb
    // ("rejected on Monday a United Nations appeal to deploy troops").
    if t.nominal && t.form != Form::Gerund && doc.syntax[t.head].upos == "VERB" {
        return None;
    }
    let children = |h: usize| {
        range
            .clone()
            .filter(move |&c| doc.syntax[c].head == Some(h))
    };
    let rel = |c: usize| doc.syntax[c].deprel.as_str();
    let has_case = |c: usize, words: &[&str]| {
        children(c).any(|g| rel(g) == "case" && words.contains(&doc.tokens[g].lower.as_str()))
    };
    let mut head = t.head;
    let mut source = None;
    let mut target = None;
    // Climb xcomp/conj chains for a subject: "vowed to attack", "attacked and killed".
    let mut via_xcomp = false;
    // Reached through `conj` from a passive conjunct with no auxiliary of its own: "were
    // killed or wounded" shares the patient and the agent.
    let mut passive_conj = false;
    // Reached through `conj` or `advcl` from an active verb: the governor's passive subject
    // is this verb's subject, its agent is not ("was indicted by the court and will resign").
    let mut active_chain = false;
    for _ in 0..4 {
        let kids: Vec<usize> = children(head).collect();
        // Object control: "ordered the army to take control" — the governor's object acts.
        if via_xcomp && source.is_none() {
            if let Some(o) = kids.iter().find(|&&c| matches!(rel(c), "obj" | "iobj")) {
                source = mention_of_subtree(doc, mentions, *o, &range);
                if source.is_some() {
                    break;
                }
            }
        }
        // A passive subject with no passive auxiliary is a misparse of an active verb
        // ("fighters attacked and killed soldiers" tagged as participles).
        // (Also when the "auxiliary" is no form of be or get: "NATO jets struck targets"
        // with "jets" read as a verb.)
        let no_aux_pass = !kids.iter().any(|&c| {
            rel(c) == "aux:pass"
                && (BE_FORMS.contains(&lower_at(doc, c))
                    || matches!(lower_at(doc, c), "gotten" | "getting" | "become" | "became"))
        });
        for &c in &kids {
            let m = || mention_of_subtree(doc, mentions, c, &range);
            let r = match rel(c) {
                "nsubj:pass" if no_aux_pass => "nsubj",
                // And a plain subject of a participle with a passive auxiliary is passive
                // ("Aristide has been accused" with "Aristide" read as nsubj).
                "nsubj" if !no_aux_pass && doc.syntax[head].xpos == "VBN" => "nsubj:pass",
                r => r,
            };
            match r {
                "nsubj" if source.is_none() => source = m(),
                // The passive subject of a governor reached through xcomp acts in the
                // governed verb: "troops were forced to withdraw".
                "nsubj:pass" if head != t.head && !passive_conj && source.is_none() => source = m(),
                "nsubj:pass" if (head == t.head || passive_conj) && target.is_none() => {
                    target = m()
                }
                "obl:agent" if source.is_none() && !active_chain => source = m(),
                "obl"
                    if source.is_none()
                        && !active_chain
                        && has_case(c, &["by"])
                        && kids.iter().any(|&k| rel(k) == "nsubj:pass") =>
                {
                    source = m()
                }
                "obj" | "iobj" if target.is_none() && head == t.head => target = m(),
                "obl" | "nmod"
                    if target.is_none()
                        && head == t.head
                        && has_case(
                            c,
                            &[
                                "against", "on", "with", "to", "of", "into", "toward", "towards",
                                "at", "from",
                            ],
                        ) =>
                {
                    target = m()
                }
                "nmod:poss" if source.is_none() => source = m(),
                _ => {}
            }
        }
        if source.is_some() {
            break;
        }
        // A passive with a subject of its own and no agent has an unnamed source: it takes
        // none from the clause it is joined to ("arrived …, a day after he was arrested").
        let own_passive_subject =
            head == t.head && !no_aux_pass && kids.iter().any(|&c| rel(c) == "nsubj:pass");
        if own_passive_subject && matches!(rel(head), "conj" | "advcl") {
            break;
        }
        // A conjunct with a name right before it has that name as its subject, whatever
        // the parse says ("…, and the UN chief urged Israel"): the parse missed it.
        if head == t.head && rel(head) == "conj" {
            if let Some(m) = subject_right_before(doc, mentions, t.head, &range) {
                source = Some(m);
                break;
            }
        }
        match (rel(head), doc.syntax[head].head) {
            ("xcomp" | "conj" | "advcl", Some(h)) if range.contains(&h) => {
                via_xcomp = rel(head) == "xcomp";
                if head == t.head && rel(head) != "xcomp" {
                    let own_aux = children(head).any(|c| matches!(rel(c), "aux" | "aux:pass"));
                    passive_conj = rel(head) == "conj"
                        && !own_aux
                        && matches!(doc.syntax[head].xpos.as_str(), "VBN" | "JJ")
                        && children(h).any(|c| rel(c) == "aux:pass");
                    active_chain = !passive_conj && !children(head).any(|c| rel(c) == "aux:pass");
                }
                head = h;
            }
            _ => break,
        }
    }
    // An event noun that is the object of a verb ("Qatar gave Hamas aid", "staged
    // protests") takes the verb's subject as source and its indirect object or
    // `to`/`on`/`against` phrase as target.
    // (Only a verb that carries the act, not one that reacts to it: "condemned the raid",
    // "rejected a UN appeal" leave the noun its own actor.)
    if t.nominal && source.is_none() && rel(t.head) == "obj" {
        if let Some(v) = doc.syntax[t.head]
            .head
            // (The coding parse has no lemmas: the lexicon's verb forms give them.)
            .filter(|v| {
                range.contains(v)
                    && lex
                        .verb_form(&doc.tokens[*v].lower)
                        .is_some_and(|(lemma, _)| LIGHT_VERBS.contains(&lemma.as_str()))
            })
        {
            for c in children(v) {
                let m = || mention_of_subtree(doc, mentions, c, &range);
                match rel(c) {
                    "nsubj" if source.is_none() => source = m(),
                    "iobj" if target.is_none() => target = m(),
                    "obl" if target.is_none() && has_case(c, &["to", "on", "against", "for"]) => {
                        target = m()
                    }
                    _ => {}
                }
            }
        }
    }
    if source == target {
        target = None;
    }
    Some((source, target))
}

/// The mention that ends right before verb `v`, with only auxiliaries or adverbs between
/// ("Guterres urged", "the army has also shelled"), unless it is a passive's patient or the
/// object of a preposition.
fn subject_right_before(
    doc: &Document,
    mentions: &[usize],
    v: usize,
    range: &std::ops::Range<usize>,
) -> Option<usize> {
    let mut k = v;
    while k > range.start {
        let w = doc.tokens[k - 1].lower.as_str();
        if BE_FORMS.contains(&w) {
            return None;
        }
        if matches!(
            w,
            "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "could"
                | "should"
                | "may"
                | "might"
                | "must"
                | "also"
                | "then"
                | "later"
                | "reportedly"
                | "allegedly"
                | "not"
        ) || (w.ends_with("ly") && w.len() > 3)
        {
            k -= 1;
            continue;
        }
        break;
    }
    let m = mentions
        .iter()
        .copied()
        .find(|&m| doc.mentions[m].tokens.end == k)?;
    let st = doc.mentions[m].tokens.start;
    let after_prep =
        st > range.start && SUBJECT_SKIP_PREPS.contains(&doc.tokens[st - 1].lower.as_str());
    (!after_prep).then_some(m)
}

/// Prepositions whose object is rarely the subject of the next verb.
const SUBJECT_SKIP_PREPS: &[&str] = &[
    "of", "in", "from", "for", "on", "with", "at", "to", "by", "against", "near", "over",
];

/// The subject candidate before token `before`: the nearest mention, unless it is the object
/// of a preposition ("the sides of the island of Cyprus agreed") and an earlier mention of the
/// same clause exists.
fn subject_before(
    doc: &Document,
    mentions: &[usize],
    before: usize,
    start: usize,
) -> Option<usize> {
    let mut cands: Vec<usize> = mentions
        .iter()
        .copied()
        .filter(|&m| doc.mentions[m].tokens.end <= before)
        .collect();
    cands.sort_by_key(|&m| std::cmp::Reverse(doc.mentions[m].tokens.end));
    let nearest = *cands.first()?;
    for &m in &cands {
        let st = doc.mentions[m].tokens.start;
        let in_pp = st > start && {
            let mut k = st - 1;
            while k > start && matches!(doc.tokens[k].lower.as_str(), "the" | "a" | "an") {
                k -= 1;
            }
            SUBJECT_SKIP_PREPS.contains(&doc.tokens[k].lower.as_str())
        };
        // A clause break ends the search: the subject does not cross a verb's own clause.
        let crosses = (doc.mentions[m].tokens.end..before)
            .any(|k| matches!(doc.tokens[k].lower.as_str(), ";" | ":" | "\""));
        if crosses {
            break;
        }
        if !in_pp {
            return Some(m);
        }
    }
    Some(nearest)
}

/// A weekday or a deictic day word ("Thursday", "today").
fn is_day_word(w: &str) -> bool {
    dyad_text::is_weekday(w) || matches!(w, "today" | "yesterday" | "again")
}

/// Nouns an event noun can classify without being an event ("truce monitors", "protest
/// camp"), besides the agent nouns of the actor dictionary.
const CLASSIFIED_NOUNS: &[&str] = &[
    "monitor",
    "monitors",
    "observer",
    "observers",
    "inspector",
    "inspectors",
    "line",
    "lines",
    "zone",
    "zones",
    "camp",
    "camps",
    "movement",
    "movements",
    "site",
    "sites",
    "victim",
    "victims",
    "survivors",
];

/// Whether the word at `k`, right after an event noun, is the noun the event noun classifies:
/// an agent noun of the actor dictionary ("protest leaders") or one of [`CLASSIFIED_NOUNS`].
fn classifies_next(doc: &Document, mentions: &[usize], k: usize) -> bool {
    let t = &doc.tokens[k];
    // A name after the noun starts a new phrase ("talks Monday").
    if t.capitalized {
        return false;
    }
    CLASSIFIED_NOUNS.contains(&t.lower.as_str())
        || mentions.iter().any(|&m| {
            let a = &doc.mentions[m];
            a.tokens.start == k && a.actor.entity.is_none() && !a.actor.sectors.is_empty()
        })
}

/// The first conjunct coordinated with mention `m` ("Israel and the Palestinians"), if any.
fn coordinated_with(doc: &Document, mentions: &[usize], m: usize, start: usize) -> Option<usize> {
    let st = doc.mentions[m].tokens.start;
    let mut k = st;
    // Skip determiners back to the conjunction.
    while k > start && matches!(doc.tokens[k - 1].lower.as_str(), "the" | "a" | "an") {
        k -= 1;
    }
    if k <= start || !matches!(doc.tokens[k - 1].lower.as_str(), "and" | "&") {
        return None;
    }
    let conj = k - 1;
    let prev = nearest_before(doc, mentions, conj)?;
    let gap = conj - doc.mentions[prev].tokens.end;
    (gap <= 1 && !same_actor(doc, prev, m)).then_some(prev)
}

/// Whether the comma closing a sentence-opening clause of time or cause ("After rebels
/// shelled the town, the army …") lies in `from..to`.
fn opening_clause_ends(doc: &Document, from: usize, to: usize) -> bool {
    let Some(sent) = doc.sentences.iter().find(|s| s.tokens.contains(&from)) else {
        return false;
    };
    let start = sent.tokens.start;
    CLAUSE_OPENERS.contains(&doc.tokens[start].lower.as_str())
        && (start..sent.tokens.end)
            .find(|&k| doc.tokens[k].lower == ",")
            .is_some_and(|c| from <= c && c < to)
}

/// Words that open a clause of time or cause ("after rebels shelled the town").
const CLAUSE_OPENERS: &[&str] = &[
    "after",
    "before",
    "since",
    "until",
    "because",
    "when",
    "while",
    "following",
];

/// The first mention starting at or after token `from`, at most `max_gap` tokens later, not
/// past a clause break (`;`, a reporting verb).
fn first_after(
    doc: &Document,
    mentions: &[usize],
    from: usize,
    end: usize,
    max_gap: usize,
) -> Option<usize> {
    let m = mentions
        .iter()
        .copied()
        .filter(|&m| doc.mentions[m].tokens.start >= from)
        .min_by_key(|&m| doc.mentions[m].tokens.start)?;
    let st = doc.mentions[m].tokens.start;
    if st >= end || st - from > max_gap {
        return None;
    }
    // A clause of time or cause starts another act ("blockades in the West Bank following
    // the deaths of two Israelis"); a pronoun object that names no actor is the object
    // ("overran it late last month").
    let blocked = (from..st).any(|k| {
        let w = doc.tokens[k].lower.as_str();
        // ("under a deal brokered by the UN": the terms of the act, not its target.)
        matches!(w, ";" | "said" | "says" | "told" | "\"" | "under") || TIME_OR_CAUSE.contains(&w)
    }) || (from < st && matches!(doc.tokens[from].lower.as_str(), "it" | "them"))
        || opening_clause_ends(doc, from, st);
    (!blocked).then_some(m)
}
