//! The event lexicon: verb and noun patterns mapped to CAMEO codes.

use dyad_core::{NormalizedText, Ontology};
pub(crate) use dyad_text::plural;
use std::collections::HashMap;

/// Part of speech of a pattern's head word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PosKind {
    /// The head is a verb lemma, matched in all its forms.
    Verb,
    /// The head is a noun, matched in singular and plural.
    Noun,
}

/// Which inflected form of the head matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Form {
    Base,
    ThirdSingular,
    Past,
    PastParticiple,
    Gerund,
    NounSingular,
    NounPlural,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Slot {
    /// Alternatives, each a token sequence.
    Literal(Literal),
    /// 0–4 arbitrary tokens, not across clause punctuation.
    Gap,
}

/// The code of a null pattern: it wins its words like any pattern but makes no event, so a
/// misleading reading ("admitted to hospital", "fight corruption") can be blocked.
pub const NULL_CODE: &str = "---";

/// A literal slot's alternatives, with the set of their first tokens so that a token that
/// starts none of them is rejected with one lookup.
/// Token ids: every literal word of the lexicon gets one, so matching compares integers.
/// Words the lexicon does not know map to [`UNKNOWN`].
pub(crate) type Vocab = HashMap<String, u32>;

/// The id of a token no pattern mentions.
pub(crate) const UNKNOWN: u32 = u32::MAX;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Literal {
    /// Alternatives as token-id sequences.
    pub(crate) alts: Vec<Vec<u32>>,
    /// The distinct first ids, sorted.
    firsts: Vec<u32>,
}

impl Literal {
    pub(crate) fn new(alts: Vec<Vec<String>>, vocab: &mut Vocab) -> Literal {
        let alts: Vec<Vec<u32>> = alts
            .into_iter()
            .map(|a| {
                a.into_iter()
                    .map(|w| {
                        let next = vocab.len() as u32;
                        *vocab.entry(w).or_insert(next)
                    })
                    .collect()
            })
            .collect();
        let mut firsts: Vec<u32> = alts.iter().filter_map(|a| a.first().copied()).collect();
        firsts.sort_unstable();
        firsts.dedup();
        Literal { alts, firsts }
    }

    /// Whether some alternative can start with the token id `id`.
    pub(crate) fn may_start(&self, id: u32) -> bool {
        id != UNKNOWN && self.firsts.binary_search(&id).is_ok()
    }
}

/// One lexicon entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// CAMEO code.
    pub cameo: String,
    /// Verb or noun.
    pub kind: PosKind,
    /// Pattern as written in the file.
    pub pattern: String,
    /// `file:line`, for provenance.
    pub rule: String,
    pub(crate) slots: Vec<Slot>,
    /// Number of literal tokens (specificity).
    pub(crate) weight: usize,
    /// Index of the source file: later files (user dictionaries) override earlier ones.
    pub(crate) source: usize,
}

/// A lexicon file's text with its name for messages.
#[derive(Debug, Clone)]
pub struct LexSource {
    /// File name for messages.
    pub name: String,
    /// The text.
    pub text: String,
}

/// A lexicon line that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct LexError {
    /// File name.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// The compiled lexicon. Immutable; share with `Arc`.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub(crate) entries: Vec<Entry>,
    /// Head form -> (entry, form).
    pub(crate) heads: HashMap<String, Vec<(usize, Form)>>,
    /// Every inflected form of every verb lemma known to the lexicon, with its lemma.
    pub(crate) verb_forms: HashMap<String, (String, Form)>,
    /// Past participles, for passive detection.
    pub(crate) participles: std::collections::HashSet<String>,
    /// Ids of the patterns' literal words.
    pub(crate) vocab: Vocab,
}

const EVENTS: &str = include_str!("../../../data/lexicon/events.tsv");
const FORMS: &str = include_str!("../../../data/lexicon/verb_forms.tsv");

fn tokens_of(s: &str) -> Vec<String> {
    let n = NormalizedText::identity(s);
    dyad_text::tokenize(&n)
        .into_iter()
        .map(|t| t.lower)
        .collect()
}

impl Lexicon {
    /// The built-in event patterns and verb forms, for tools that extend them.
    pub fn builtin_sources() -> (LexSource, LexSource) {
        (
            LexSource {
                name: "events.tsv".into(),
                text: EVENTS.into(),
            },
            LexSource {
                name: "verb_forms.tsv".into(),
                text: FORMS.into(),
            },
        )
    }

    /// The lexicon shipped in `data/lexicon/`.
    pub fn builtin(ontology: &Ontology) -> Result<Lexicon, LexError> {
        Lexicon::from_sources(
            &[LexSource {
                name: "events.tsv".into(),
                text: EVENTS.into(),
            }],
            &LexSource {
                name: "verb_forms.tsv".into(),
                text: FORMS.into(),
            },
            ontology,
        )
    }

    /// Parses event pattern files and a verb-forms table; every CAMEO code must exist in the
    /// ontology and every verb lemma must have forms. Where patterns tie, the later file wins,
    /// so user files override built-in ones.
    pub fn from_sources(
        events: &[LexSource],
        forms: &LexSource,
        ontology: &Ontology,
    ) -> Result<Lexicon, LexError> {
        Lexicon::from_many(events, std::slice::from_ref(forms), ontology)
    }

    /// Like [`Lexicon::from_sources`] with several verb-forms tables (later rows add forms).
    pub fn from_many(
        events: &[LexSource],
        form_sources: &[LexSource],
        ontology: &Ontology,
    ) -> Result<Lexicon, LexError> {
        let mut by_lemma: HashMap<String, Vec<(String, Form)>> = HashMap::new();
        let mut verb_forms = HashMap::new();
        let mut participles = std::collections::HashSet::new();
        for forms in form_sources {
            for (i, line) in forms.text.lines().enumerate() {
                if line.trim().is_empty() || line.starts_with('#') {
                    continue;
                }
                let c: Vec<&str> = line.split('\t').map(str::trim).collect();
                if c.len() != 5 {
                    return Err(LexError {
                        file: forms.name.clone(),
                        line: i + 1,
                        message: format!("expected 5 columns, found {}", c.len()),
                    });
                }
                let lemma = c[0].to_lowercase();
                let mut list = vec![(lemma.clone(), Form::Base)];
                for (cell, form) in [
                    (c[1], Form::ThirdSingular),
                    (c[2], Form::Past),
                    (c[3], Form::PastParticiple),
                    (c[4], Form::Gerund),
                ] {
                    for f in cell
                        .split('|')
                        .map(|f| f.trim().to_lowercase())
                        .filter(|f| !f.is_empty())
                    {
                        list.push((f, form));
                    }
                }
                for p in c[3]
                    .split('|')
                    .map(|f| f.trim().to_lowercase())
                    .filter(|f| !f.is_empty())
                {
                    participles.insert(p);
                }
                for (f, form) in &list {
                    // A past form that is also the participle is recorded as participle-capable.
                    verb_forms
                        .entry(f.clone())
                        .or_insert_with(|| (lemma.clone(), *form));
                }
                by_lemma.insert(lemma, list);
            }
        }
        let forms_name = form_sources
            .iter()
            .map(|f| f.name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let mut entries = Vec::new();
        let mut heads: HashMap<String, Vec<(usize, Form)>> = HashMap::new();
        let mut vocab = Vocab::new();
        for (source, src) in events.iter().enumerate() {
            for (i, line) in src.text.lines().enumerate() {
                if line.trim().is_empty() || line.starts_with('#') {
                    continue;
                }
                let err = |message: String| LexError {
                    file: src.name.clone(),
                    line: i + 1,
                    message,
                };
                let c: Vec<&str> = line.split('\t').collect();
                if c.len() < 3 {
                    return Err(err(format!(
                        "expected `cameo kind pattern [note]`, found {} columns",
                        c.len()
                    )));
                }
                let cameo = c[0].trim();
                if cameo != NULL_CODE && ontology.cameo(cameo).is_none() {
                    return Err(err(format!("unknown CAMEO code {cameo:?}")));
                }
                let kind = match c[1].trim() {
                    "verb" => PosKind::Verb,
                    "noun" => PosKind::Noun,
                    k => return Err(err(format!("kind must be `verb` or `noun`, not {k:?}"))),
                };
                let pattern = c[2].trim();
                let mut words = pattern.split_whitespace();
                let Some(head) = words.next() else {
                    return Err(err("empty pattern".into()));
                };
                let mut slots = Vec::new();
                let mut weight = 1;
                for w in words {
                    if w == "*" {
                        slots.push(Slot::Gap);
                    } else {
                        // Inside an alternative, `_` joins consecutive words (`rice|food_aid`).
                        let alts: Vec<Vec<String>> = w
                            .split('|')
                            .filter(|a| !a.is_empty())
                            .map(|a| tokens_of(&a.replace('_', " ")))
                            .collect();
                        if alts.is_empty() || alts.iter().any(Vec::is_empty) {
                            return Err(err(format!("bad token {w:?}")));
                        }
                        weight += 1;
                        slots.push(Slot::Literal(Literal::new(alts, &mut vocab)));
                    }
                }
                if matches!(slots.last(), Some(Slot::Gap)) {
                    return Err(err("a pattern cannot end with `*`".into()));
                }
                let idx = entries.len();
                let head_forms: Vec<(String, Form)> = match kind {
                    PosKind::Verb => match by_lemma.get(&head.to_lowercase()) {
                        Some(f) => f.clone(),
                        None => {
                            return Err(err(format!("verb {head:?} has no row in {forms_name}")))
                        }
                    },
                    PosKind::Noun => {
                        let h = head.to_lowercase();
                        let p = plural(&h);
                        vec![(h, Form::NounSingular), (p, Form::NounPlural)]
                    }
                };
                for (f, form) in head_forms {
                    // Heads that tokenize into several tokens (cease-fire) index by their first
                    // token, and the rest becomes literal slots in front.
                    let toks = tokens_of(&f);
                    let Some(first) = toks.first().cloned() else {
                        continue;
                    };
                    let list = heads.entry(first).or_default();
                    if !list.iter().any(|(e, fm)| *e == idx && *fm == form) {
                        list.push((idx, form));
                    }
                }
                entries.push(Entry {
                    cameo: cameo.to_string(),
                    kind,
                    pattern: pattern.to_string(),
                    rule: format!("{}:{}", src.name, i + 1),
                    slots: {
                        // Multi-token heads: the remaining head tokens precede the pattern's slots.
                        let head_toks = tokens_of(head);
                        let mut s: Vec<Slot> = head_toks
                            .iter()
                            .skip(1)
                            .map(|t| Slot::Literal(Literal::new(vec![vec![t.clone()]], &mut vocab)))
                            .collect();
                        s.extend(slots);
                        s
                    },
                    weight,
                    source,
                });
            }
        }
        Ok(Lexicon {
            entries,
            heads,
            verb_forms,
            participles,
            vocab,
        })
    }

    /// The id of each token of `doc` for pattern matching ([`UNKNOWN`] for words no pattern
    /// mentions).
    pub(crate) fn token_ids(&self, doc: &dyad_core::Document) -> Vec<u32> {
        doc.tokens
            .iter()
            .map(|t| self.vocab.get(&t.lower).copied().unwrap_or(UNKNOWN))
            .collect()
    }

    /// Whether some pattern's head word is `lower` (a lower-cased token): a sentence without
    /// such a word holds no event.
    pub fn is_head(&self, lower: &str) -> bool {
        self.heads.contains_key(lower)
    }

    /// Whether a pattern that codes more than a plain statement matches somewhere in the
    /// tokens `range` of `doc` (its head word in one of the head's forms, then its slots):
    /// only such sentences need a parse. The coder checks more (noun or verb context), so
    /// this may say yes where no event results, never no where one does.
    pub fn has_substantive_match(
        &self,
        doc: &dyad_core::Document,
        range: std::ops::Range<usize>,
    ) -> bool {
        let ids: Vec<u32> = doc.tokens[range.clone()]
            .iter()
            .map(|t| self.vocab.get(&t.lower).copied().unwrap_or(UNKNOWN))
            .collect();
        range.clone().any(|i| {
            self.heads
                .get(doc.tokens[i].lower.as_str())
                .is_some_and(|list| {
                    list.iter().any(|&(e, _)| {
                        let entry = &self.entries[e];
                        !entry.cameo.starts_with("01")
                            && entry.cameo != NULL_CODE
                            && match_slots(doc, &ids, range.start, &entry.slots, i + 1, range.end)
                                .is_some()
                    })
                })
        })
    }

    /// Whether some pattern with head word `lower` codes more than a plain statement (CAMEO
    /// 01): a sentence whose only candidate triggers are "said", "told" and the like needs no
    /// parse, for a statement's roles are its speaker and addressee.
    pub fn is_substantive_head(&self, lower: &str) -> bool {
        self.heads.get(lower).is_some_and(|list| {
            list.iter().any(|&(e, _)| {
                let c = &self.entries[e].cameo;
                !c.starts_with("01") && c != NULL_CODE
            })
        })
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True if the lexicon has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Distinct CAMEO codes the lexicon can produce.
    pub fn codes(&self) -> std::collections::BTreeSet<&str> {
        self.entries
            .iter()
            .map(|e| e.cameo.as_str())
            .filter(|c| *c != NULL_CODE)
            .collect()
    }

    /// The lemma and form of a known verb form.
    pub(crate) fn verb_form(&self, word: &str) -> Option<&(String, Form)> {
        self.verb_forms.get(word)
    }
}

/// Matches the slots of a pattern from token `pos` (before `end`): the end of the match and
/// the tokens of its literals. `ids` are the pattern ids of the tokens from `base` on.
pub(crate) fn match_slots(
    doc: &dyad_core::Document,
    ids: &[u32],
    base: usize,
    slots: &[Slot],
    pos: usize,
    end: usize,
) -> Option<(usize, Vec<usize>)> {
    let Some((first, rest)) = slots.split_first() else {
        return Some((pos, Vec::new()));
    };
    match first {
        Slot::Literal(lit) => {
            if pos >= end || !lit.may_start(ids[pos - base]) {
                return None;
            }
            for alt in &lit.alts {
                if pos + alt.len() <= end && ids[pos - base..pos - base + alt.len()] == alt[..] {
                    if let Some((e, mut toks)) =
                        match_slots(doc, ids, base, rest, pos + alt.len(), end)
                    {
                        let mut mine: Vec<usize> = (pos..pos + alt.len()).collect();
                        mine.append(&mut toks);
                        return Some((e, mine));
                    }
                }
            }
            None
        }
        Slot::Gap => {
            // Up to five words; the hyphens of "six-month" do not count, and an actor's
            // name counts as one word ("pressed Israeli Prime Minister Benjamin Netanyahu on
            // Monday to").
            let mut p = pos;
            let mut words = 0;
            while p <= end {
                if p > pos
                    && matches!(
                        doc.tokens[p - 1].lower.as_str(),
                        "," | ";" | ":" | "." | "(" | ")" | "\""
                    )
                {
                    break;
                }
                if let Some(r) = match_slots(doc, ids, base, rest, p, end) {
                    return Some(r);
                }
                if p == end {
                    break;
                }
                // Words after the first of a name do not count (every position is still
                // tried: a literal may be the name's last word, "expelled * diplomats").
                let i = doc.mentions.partition_point(|m| m.tokens.start < p);
                let inside_name = i > 0 && doc.mentions[i - 1].tokens.contains(&p);
                if doc.tokens[p].lower != "-" && !inside_name {
                    words += 1;
                }
                if words > 5 {
                    break;
                }
                p += 1;
            }
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        for (s, p) in [
            ("attack", "attacks"),
            ("embargo", "embargos"),
            ("ally", "allies"),
            ("crash", "crashes"),
            ("day", "days"),
        ] {
            assert_eq!(plural(s), p);
        }
    }

    #[test]
    fn errors_name_file_and_line() {
        let o = Ontology::builtin().unwrap();
        let forms = LexSource {
            name: "f.tsv".into(),
            text: "attack\tattacks\tattacked\tattacked\tattacking\n".into(),
        };
        let bad = [
            ("999\tverb\tattack\t", "e.tsv:1: unknown CAMEO code"),
            ("190\tadverb\tattack\t", "e.tsv:1: kind must be"),
            ("190\tverb\tbomb\t", "e.tsv:1: verb \"bomb\" has no row"),
            ("190\tverb\tattack *\t", "e.tsv:1: a pattern cannot end"),
        ];
        for (line, want) in bad {
            let e = Lexicon::from_sources(
                &[LexSource {
                    name: "e.tsv".into(),
                    text: line.into(),
                }],
                &forms,
                &o,
            )
            .unwrap_err();
            assert!(e.to_string().starts_with(want), "{e}");
        }
    }

    #[test]
    fn builtin_lexicon_covers_every_root() {
        let o = Ontology::builtin().unwrap();
        let lex = Lexicon::builtin(&o).unwrap();
        let codes = lex.codes();
        for root in 1..=20 {
            let r = format!("{root:02}");
            assert!(codes.iter().any(|c| c.starts_with(&r)), "root {r} missing");
        }
        let leaves = codes.iter().filter(|c| c.len() >= 3).count();
        assert!(leaves >= 150, "only {leaves} leaf codes");
    }
}
