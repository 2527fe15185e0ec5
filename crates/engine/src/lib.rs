//! dyad-engine: one call from an [`Article`] to an annotated [`Document`].
//!
//! [`Engine`] loads the built-in data once (ontology, actor dictionary, event lexicon) into
//! immutable, shareable values and assembles the standard pipeline:
//! normalize → text → actors → code. [`records`] turns documents into the JSON records that
//! `dyad code` writes; the CLI, the future server and the Python bindings all use it, so the
//! format has one definition.

pub mod records;

use dyad_actors::{ActorStage, DictError, Dictionary};
use dyad_code::{CodeStage, LexError, Lexicon};
use dyad_core::{Article, Document, Ontology, OntologyError, Pipeline, PipelineBuilder, PipelineError};
use dyad_ingest::NormalizeStage;
use dyad_text::TextStage;
use std::sync::Arc;

pub use dyad_core;

/// Why the engine could not start.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// An ontology table is malformed.
    #[error("ontology: {0}")]
    Ontology(#[from] OntologyError),
    /// An actor dictionary is malformed.
    #[error("actor dictionary: {0}")]
    Dictionary(#[from] DictError),
    /// The event lexicon is malformed.
    #[error("event lexicon: {0}")]
    Lexicon(#[from] LexError),
    /// The stages do not fit together.
    #[error("pipeline: {0}")]
    Pipeline(#[from] PipelineError),
}

/// The loaded data and the pipeline over it. Cheap to clone; safe to share across threads.
#[derive(Clone)]
pub struct Engine {
    ontology: Arc<Ontology>,
    dictionary: Arc<Dictionary>,
    lexicon: Arc<Lexicon>,
    pipeline: Pipeline,
}

impl Engine {
    /// The engine over dyad's built-in data.
    pub fn builtin() -> Result<Engine, EngineError> {
        let ontology = Arc::new(Ontology::builtin()?);
        let dictionary = Arc::new(Dictionary::builtin()?);
        let lexicon = Arc::new(Lexicon::builtin(&ontology)?);
        Engine::from_parts(ontology, dictionary, lexicon)
    }

    /// An engine over given data.
    pub fn from_parts(ontology: Arc<Ontology>, dictionary: Arc<Dictionary>, lexicon: Arc<Lexicon>) -> Result<Engine, EngineError> {
        let pipeline = PipelineBuilder::new()
            .stage(Arc::new(NormalizeStage))
            .stage(Arc::new(TextStage))
            .stage(Arc::new(ActorStage::new(dictionary.clone())))
            .stage(Arc::new(CodeStage::new(lexicon.clone(), ontology.clone())))
            .build()?;
        Ok(Engine { ontology, dictionary, lexicon, pipeline })
    }

    /// Runs the pipeline on one article.
    pub fn process(&self, article: Article) -> Document {
        let mut doc = Document::new(article);
        self.pipeline.run(&mut doc);
        doc
    }

    /// The ontology.
    pub fn ontology(&self) -> &Ontology {
        &self.ontology
    }

    /// The actor dictionary.
    pub fn dictionary(&self) -> &Dictionary {
        &self.dictionary
    }

    /// The event lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Stage names in order.
    pub fn stages(&self) -> Vec<&'static str> {
        self.pipeline.stage_names()
    }
}
