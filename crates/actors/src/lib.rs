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

use dyad_core::{Document, Layer, Stage};
use std::sync::Arc;

/// The actors stage: fills [`Document::mentions`].
#[derive(Clone)]
pub struct ActorStage {
    dict: Arc<Dictionary>,
}

impl ActorStage {
    /// A stage over a loaded dictionary.
    pub fn new(dict: Arc<Dictionary>) -> Self {
        ActorStage { dict }
    }
}

impl Stage for ActorStage {
    fn name(&self) -> &'static str {
        "actors"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Mentions]
    }
    fn process(&self, doc: &mut Document) {
        let atoms = self.dict.find_atoms(doc);
        let mentions = compose::compose(&self.dict, doc, &atoms);
        doc.mentions = coref::resolve(doc, mentions);
    }
}
