//! dyad-code: which events does a sentence report, between whom, with what modality?
//!
//! The [`Lexicon`] maps verb and event-noun patterns to CAMEO codes (`data/lexicon/`, format in
//! `data/lexicon/README.md`). [`CodeStage`] is dyad's first coder: it finds lexicon triggers
//! in each sentence and takes roles from position (source before the verb, target after;
//! passive `was attacked by`; nominal events `Biden's plea`, `strikes on Gaza`), detects
//! negation and modality (`vowed to attack` is a threat, `urged X to withdraw` a request),
//! ranks the events of a sentence, and fills CAMEO root, quad class, Goldstein value and
//! PLOVER type from the [`Ontology`](dyad_core::Ontology).
//!
//! **Invariant:** no fallback code. A sentence with no lexicon trigger yields no event, and an
//! event needs at least one actor.

mod coder;
mod lexicon;
pub mod petrarch;

pub use coder::CodeStage;
pub use lexicon::{Entry, LexError, LexSource, Lexicon, PosKind};
