//! dyad-engine: one call from an [`Article`] to an annotated [`Document`].
//!
//! [`Engine`] loads the built-in data once (ontology, actor dictionary, event lexicon) into
//! immutable, shareable values and assembles the standard pipeline:
//! normalize → text → actors → code. [`records`] turns documents into the JSON records that
//! `dyad code` writes; the CLI, the future server and the Python bindings all use it, so the
//! format has one definition.

pub mod records;

use dyad_actors::{ActorStage, DictError, DictSource, Dictionary, SourceKind};
use dyad_code::{CodeStage, LexError, LexSource, Lexicon};
use dyad_core::{
    Article, Document, Ontology, OntologyError, Pipeline, PipelineBuilder, PipelineError,
};
use dyad_ingest::NormalizeStage;
use dyad_syntax::{ModelError, Models, Scope, SyntaxStage};
use dyad_text::TextStage;
use std::sync::Arc;

pub use dyad_core;
/// PETRARCH dictionary import: actors and agents (`dyad-actors`), verbs (`dyad-code`).
pub mod petrarch {
    pub use dyad_actors::petrarch::*;
    pub use dyad_code::petrarch::*;
}

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
    /// A syntax model is malformed.
    #[error("syntax model: {0}")]
    Model(#[from] ModelError),
    /// A malformed syntax shortcuts table.
    #[error(transparent)]
    Shortcuts(#[from] dyad_syntax::shortcuts::ShortcutsError),
    /// A malformed tone lexicon.
    #[error("tone: {0}")]
    Tone(#[from] dyad_tone::ToneError),
    /// A malformed gazetteer.
    #[error("gazetteer: {0}")]
    Gazetteer(#[from] dyad_where::GazetteerError),
}

const TAGGER_MODEL: &[u8] = include_bytes!("../../../data/models/tagger.bin.gz");
const PARSER_MODEL: &[u8] = include_bytes!("../../../data/models/parser.bin.gz");
const SHORTCUTS: &str = include_str!("../../../data/models/shortcuts.tsv");

/// The tagger and parser models shipped in `data/models/`.
pub fn builtin_models() -> Result<Models, EngineError> {
    let mut models = Models::from_bytes(TAGGER_MODEL, PARSER_MODEL)?;
    let shortcuts = dyad_syntax::Shortcuts::parse("data/models/shortcuts.tsv", SHORTCUTS)?;
    models.set_shortcuts(&shortcuts)?;
    Ok(models)
}

/// User dictionary and lexicon files, loaded after (and overriding) the built-in data.
///
/// A file's role comes from its name: `countries*.tsv`, `country_history*.tsv`,
/// `organizations*.tsv`, `sectors*.tsv`,
/// `people*.tsv` (actor dictionaries, formats in `data/actors/README.md`), `events*.tsv` and
/// `verb_forms*.tsv` (lexicon, `data/lexicon/README.md`).
#[derive(Debug, Clone, Default)]
pub struct UserData {
    /// Actor dictionary files.
    pub dictionaries: Vec<DictSource>,
    /// Event pattern files.
    pub events: Vec<LexSource>,
    /// Verb-forms files.
    pub verb_forms: Vec<LexSource>,
}

impl UserData {
    /// Adds a file by its name; `Err` says which names are understood.
    pub fn add(&mut self, name: &str, text: String) -> Result<(), String> {
        let base = name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(name)
            .to_ascii_lowercase();
        if !base.ends_with(".tsv") {
            return Err(format!("{name}: dictionary files end in .tsv"));
        }
        let kind = [
            ("countries", SourceKind::Countries),
            ("country_history", SourceKind::CountryHistory),
            ("organizations", SourceKind::Organizations),
            ("sectors", SourceKind::Sectors),
            ("people", SourceKind::People),
        ]
        .into_iter()
        .find(|(p, _)| base.starts_with(p));
        if let Some((_, kind)) = kind {
            self.dictionaries.push(DictSource {
                name: name.to_string(),
                kind,
                text,
            });
        } else if base.starts_with("events") {
            self.events.push(LexSource {
                name: name.to_string(),
                text,
            });
        } else if base.starts_with("verb_forms") {
            self.verb_forms.push(LexSource {
                name: name.to_string(),
                text,
            });
        } else {
            return Err(format!(
                "{name}: unknown dictionary file (name it countries*, country_history*, organizations*, sectors*, people*, events* or verb_forms*.tsv)"
            ));
        }
        Ok(())
    }

    /// True if no file was added.
    pub fn is_empty(&self) -> bool {
        self.dictionaries.is_empty() && self.events.is_empty() && self.verb_forms.is_empty()
    }
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

    /// The built-in data plus user files (which override it), with the syntax stage when
    /// `syntax` holds models.
    pub fn with_user_data(user: &UserData, syntax: Option<Models>) -> Result<Engine, EngineError> {
        let ontology = Arc::new(Ontology::builtin()?);
        let mut dict_sources = Dictionary::builtin_sources();
        dict_sources.extend(user.dictionaries.iter().cloned());
        let dictionary = Arc::new(Dictionary::from_sources(&dict_sources)?);
        let (events, forms) = Lexicon::builtin_sources();
        let mut event_sources = vec![events];
        event_sources.extend(user.events.iter().cloned());
        let mut form_sources = vec![forms];
        form_sources.extend(user.verb_forms.iter().cloned());
        let lexicon = Arc::new(Lexicon::from_many(
            &event_sources,
            &form_sources,
            &ontology,
        )?);
        Engine::assemble(
            ontology,
            dictionary,
            lexicon.clone(),
            syntax.map(Arc::new),
            coding_scope(&lexicon),
        )
    }

    /// An engine over given data.
    pub fn from_parts(
        ontology: Arc<Ontology>,
        dictionary: Arc<Dictionary>,
        lexicon: Arc<Lexicon>,
    ) -> Result<Engine, EngineError> {
        Engine::assemble(ontology, dictionary, lexicon, None, Scope::All)
    }

    /// The engine over dyad's built-in data with the syntax stage (tagger, lemmas, parser)
    /// after the actor stage, parsing the sentences that name an actor (the only ones that can
    /// hold events).
    pub fn builtin_with_syntax(models: Option<Models>) -> Result<Engine, EngineError> {
        Engine::builtin_syntax_scope(models, true)
    }

    /// The engine over dyad's built-in data with the syntax stage parsing every sentence
    /// (`dyad parse`).
    pub fn builtin_parser(models: Option<Models>) -> Result<Engine, EngineError> {
        Engine::builtin_syntax_scope(models, false)
    }

    fn builtin_syntax_scope(models: Option<Models>, coding: bool) -> Result<Engine, EngineError> {
        let ontology = Arc::new(Ontology::builtin()?);
        let dictionary = Arc::new(Dictionary::builtin()?);
        let lexicon = Arc::new(Lexicon::builtin(&ontology)?);
        let models = match models {
            Some(m) => m,
            None => builtin_models()?,
        };
        let scope = if coding {
            coding_scope(&lexicon)
        } else {
            Scope::All
        };
        Engine::assemble(ontology, dictionary, lexicon, Some(Arc::new(models)), scope)
    }

    fn assemble(
        ontology: Arc<Ontology>,
        dictionary: Arc<Dictionary>,
        lexicon: Arc<Lexicon>,
        models: Option<Arc<Models>>,
        scope: Scope,
    ) -> Result<Engine, EngineError> {
        let gazetteer = Arc::new(dyad_where::Gazetteer::builtin()?);
        let mut builder = PipelineBuilder::new()
            .stage(Arc::new(NormalizeStage))
            .stage(Arc::new(TextStage))
            .stage(Arc::new(ActorStage::with_gazetteer(
                dictionary.clone(),
                gazetteer.clone(),
            )));
        if let Some(m) = models {
            let stage = SyntaxStage::with_scope(m, scope.clone());
            // For coding, tags and the tree are enough (`dyad parse` keeps lemmas).
            let stage = match scope {
                Scope::All => stage,
                Scope::WithActors(_) => stage.without_morphology(),
            };
            builder = builder.stage(Arc::new(stage));
        }
        let pipeline = builder
            .stage(Arc::new(CodeStage::new(lexicon.clone(), ontology.clone())))
            .stage(Arc::new(dyad_when::TimeStage))
            .stage(Arc::new(dyad_where::PlaceStage::locating()))
            .stage(Arc::new(dyad_counts::CountStage))
            .stage(Arc::new(dyad_tone::ToneStage::new(Arc::new(
                dyad_tone::ToneLexicon::builtin()?,
            ))))
            .build()?;
        Ok(Engine {
            ontology,
            dictionary,
            lexicon,
            pipeline,
        })
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

/// The sentences worth parsing for the coder: those with an actor and a word that can trigger
/// an event.
fn coding_scope(lexicon: &Arc<Lexicon>) -> Scope {
    let lex = lexicon.clone();
    Scope::WithActors(Arc::new(move |doc: &Document, si: usize| {
        doc.sentences
            .get(si)
            .is_some_and(|s| lex.has_substantive_match(doc, s.tokens.clone()))
    }))
}
