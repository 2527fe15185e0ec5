//! dyad-core: the shared vocabulary of every dyad stage.
//!
//! A [`Document`] is created from an article (id, date, text) and annotated stage by stage:
//! normalization, tokens and sentences, actor mentions, events. Every offset stored on a
//! document is a half-open UTF-8 byte range ([`Span`]) into the article text exactly as given.
//! Stages implement [`Stage`]; a [`PipelineBuilder`] checks that each stage's requirements are
//! met by the stages before it and freezes into a [`Pipeline`].
//!
//! **Invariant:** nothing in this crate performs I/O or reads the clock; the article's date is
//! the only reference time.

mod document;
pub mod hash;
mod ontology;
mod pipeline;

pub use document::{
    Actor, Article, Count, CountKind, DatePrecision, Diagnostic, Document, Event, EventDate,
    Location, LocationPrecision, Mention, Modality, NormalizedText, NormalizedTextBuilder,
    Sentence, Severity, Span, TimeExpr, Token, TokenKind, TokenSyntax,
};
pub use hash::{HashKeyed, IdentityHasher};
pub use ontology::{CameoCode, Ontology, OntologyError, PloverMapping};
pub use pipeline::{Layer, Pipeline, PipelineBuilder, PipelineError, Stage};

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn public_types_are_send_and_sync() {
        assert_send_sync::<Document>();
        assert_send_sync::<Pipeline>();
        assert_send_sync::<Ontology>();
    }
}
