//! dyad-syntax: what are the tags, lemmas, features and dependency tree of each sentence?
//!
//! - [`conllu`]: CoNLL-U reading and writing, with `file:line` errors.
//! - [`Tagger`]: averaged-perceptron UPOS+XPOS tagger; [`Morph`]: lemmas and features learned
//!   from the treebank; [`Parser`]: greedy arc-eager dependency parser.
//! - [`Models`]: the three together, saved as two gzip files (`tagger.bin.gz` with the morph
//!   tables, `parser.bin.gz`) and read back from bytes; [`Models::annotate`] analyses one
//!   sentence; [`score`] computes the CoNLL 2018 shared-task metrics.
//!
//! Training is deterministic for a given seed. This crate parses bytes and text it is given;
//! reading model files is the caller's job.

pub mod conllu;
mod morph;
mod parser;
mod perceptron;
pub mod shortcuts;
mod tagger;

pub use conllu::{ConllError, ConllSentence, Word};
pub use morph::Morph;
pub use parser::{Input, Parser};
pub use shortcuts::Shortcuts;
pub use tagger::Tagger;

use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use perceptron::Model;
use std::io::{BufReader, Read, Write};

/// A model file could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{what}: {message}")]
pub struct ModelError {
    /// Which model.
    pub what: String,
    /// What is wrong.
    pub message: String,
}

/// Opens a gzip model file and checks its magic; returns the reader and an error mapper.
#[allow(clippy::type_complexity)]
fn open_model<'a>(
    bytes: &'a [u8],
    magic: &[u8; 8],
    what: &'static str,
) -> Result<
    (
        BufReader<GzDecoder<&'a [u8]>>,
        impl Fn(std::io::Error) -> ModelError + Copy,
    ),
    ModelError,
> {
    let err = move |e: std::io::Error| ModelError {
        what: what.into(),
        message: e.to_string(),
    };
    let mut r = BufReader::new(GzDecoder::new(bytes));
    let mut found = [0u8; 8];
    r.read_exact(&mut found).map_err(err)?;
    if &found != magic {
        return Err(ModelError {
            what: what.into(),
            message: format!(
                "not a dyad {what} (expected {})",
                String::from_utf8_lossy(magic)
            ),
        });
    }
    Ok((r, err))
}

fn write_labels(w: &mut impl Write, labels: &[String]) -> std::io::Result<()> {
    w.write_all(&(labels.len() as u32).to_le_bytes())?;
    for l in labels {
        w.write_all(&(l.len() as u32).to_le_bytes())?;
        w.write_all(l.as_bytes())?;
    }
    Ok(())
}

fn read_labels(r: &mut impl Read) -> std::io::Result<Vec<String>> {
    let mut b4 = [0u8; 4];
    r.read_exact(&mut b4)?;
    let n = u32::from_le_bytes(b4) as usize;
    let mut out = Vec::with_capacity(n.min(4096));
    for _ in 0..n {
        r.read_exact(&mut b4)?;
        let len = u32::from_le_bytes(b4) as usize;
        if len > 1 << 16 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "label too long",
            ));
        }
        let mut buf = vec![0u8; len];
        r.read_exact(&mut buf)?;
        out.push(String::from_utf8(buf).map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::InvalidData, "label not UTF-8")
        })?);
    }
    Ok(out)
}

impl Tagger {
    /// Serializes the tagger and the morph tables, gzip-compressed.
    pub fn to_bytes(&self, morph: &Morph) -> std::io::Result<Vec<u8>> {
        let mut gz = GzEncoder::new(Vec::new(), Compression::best());
        gz.write_all(b"DYADTAG1")?;
        write_labels(&mut gz, &self.labels)?;
        self.model.write(&mut gz)?;
        morph.write(&mut gz)?;
        gz.finish()
    }

    /// Reads what [`Tagger::to_bytes`] wrote.
    pub fn from_bytes(bytes: &[u8]) -> Result<(Tagger, Morph), ModelError> {
        let (mut r, err) = open_model(bytes, b"DYADTAG1", "tagger model")?;
        let labels = read_labels(&mut r).map_err(err)?;
        let model = Model::read(&mut r).map_err(err)?;
        let morph = Morph::read(&mut r).map_err(err)?;
        Ok((
            Tagger {
                model,
                labels,
                dict: Default::default(),
            },
            morph,
        ))
    }
}

impl Tagger {
    /// Number of features with weights.
    pub fn feature_count(&self) -> usize {
        self.model.features()
    }
}

impl Parser {
    /// Number of features with weights.
    pub fn feature_count(&self) -> usize {
        self.model.features() + self.label_model.features()
    }

    /// Serializes the parser, gzip-compressed.
    pub fn to_bytes(&self) -> std::io::Result<Vec<u8>> {
        let mut gz = GzEncoder::new(Vec::new(), Compression::best());
        gz.write_all(b"DYADPAR3")?;
        write_labels(&mut gz, &self.labels)?;
        self.model.write(&mut gz)?;
        self.label_model.write(&mut gz)?;
        gz.finish()
    }

    /// Reads what [`Parser::to_bytes`] wrote.
    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, ModelError> {
        let (mut r, err) = open_model(bytes, b"DYADPAR3", "parser model")?;
        let labels = read_labels(&mut r).map_err(err)?;
        let model = Model::read(&mut r).map_err(err)?;
        let label_model = Model::read(&mut r).map_err(err)?;
        if model.classes() != 4 || label_model.classes() != labels.len() {
            return Err(ModelError {
                what: "parser model".into(),
                message: "class counts do not match".into(),
            });
        }
        Ok(Parser {
            model,
            label_model,
            labels,
            arc_labels: Default::default(),
        })
    }
}

/// Predicted (UPOS, XPOS) tags for every training sentence, each tagged by a tagger trained
/// on the other folds (jackknifing), for training the parser on realistic tags.
pub fn jackknife_tags(
    train: &[ConllSentence],
    dev: &[ConllSentence],
    folds: usize,
    epochs: usize,
    seed: u64,
) -> Vec<Vec<(String, String)>> {
    let folds = folds.max(2);
    let mut out = vec![Vec::new(); train.len()];
    for f in 0..folds {
        let rest: Vec<ConllSentence> = train
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != f)
            .map(|(_, s)| s.clone())
            .collect();
        let tagger = Tagger::train(&rest, dev, epochs, seed + f as u64, |_, _, _| {});
        for (i, s) in train.iter().enumerate().filter(|(i, _)| i % folds == f) {
            let forms: Vec<String> = s.words.iter().map(|w| w.form.clone()).collect();
            out[i] = tagger.tag(&forms);
        }
    }
    out
}

/// Tagger, morph tables and parser together.
#[derive(Debug, Clone)]
pub struct Models {
    /// Tagger.
    pub tagger: Tagger,
    /// Lemmas and features.
    pub morph: Morph,
    /// Parser.
    pub parser: Parser,
}

impl Models {
    /// Loads from the bytes of `tagger.bin.gz` and `parser.bin.gz`.
    pub fn from_bytes(tagger: &[u8], parser: &[u8]) -> Result<Models, ModelError> {
        let (tagger, morph) = Tagger::from_bytes(tagger)?;
        let parser = Parser::from_bytes(parser)?;
        Ok(Models {
            tagger,
            morph,
            parser,
        })
    }

    /// Installs the tag-dictionary and arc-label shortcuts (see [`shortcuts`]).
    pub fn set_shortcuts(&mut self, s: &Shortcuts) -> Result<(), ModelError> {
        let err = |message| ModelError {
            what: "shortcuts".into(),
            message,
        };
        self.tagger.set_dictionary(&s.tags).map_err(err)?;
        self.parser.set_arc_labels(&s.arcs).map_err(err)?;
        Ok(())
    }

    /// (name, classes, features, table bytes) of each scoring model, for diagnostics.
    pub fn table_sizes(&self) -> Vec<(&'static str, usize, usize, usize)> {
        [
            ("tagger", &self.tagger.model),
            ("parser", &self.parser.model),
            ("labeler", &self.parser.label_model),
        ]
        .into_iter()
        .map(|(n, m)| (n, m.classes(), m.features(), m.table_bytes()))
        .collect()
    }

    /// Analyses one sentence given its word forms.
    pub fn annotate(&self, forms: &[String]) -> Vec<Word> {
        self.annotate_with(forms, true)
    }

    /// Analyses one sentence; without `morphology`, lemmas are left empty and features `_`
    /// (tags and the tree are the same).
    pub fn annotate_with(&self, forms: &[String], morphology: bool) -> Vec<Word> {
        let lower: Vec<String> = forms.iter().map(|f| f.to_lowercase()).collect();
        let tags: Vec<(&str, &str)> = self
            .tagger
            .tag_ids(forms, &lower)
            .into_iter()
            .map(|c| self.tagger.label(c))
            .collect();
        let (upos, xpos): (Vec<&str>, Vec<&str>) = tags.iter().copied().unzip();
        let words: Vec<&str> = lower.iter().map(String::as_str).collect();
        let tree = self.parser.parse_labels(&Input {
            words: &words,
            tags: &xpos,
            upos: &upos,
        });
        forms
            .iter()
            .zip(&lower)
            .zip(tags.iter().zip(tree))
            .map(|((f, l), ((u, x), (head, deprel)))| Word {
                form: f.clone(),
                lemma: if morphology {
                    self.morph.lemma_of(f, l, u, x)
                } else {
                    String::new()
                },
                upos: u.to_string(),
                xpos: x.to_string(),
                feats: if morphology {
                    self.morph.feats_of(l, x)
                } else {
                    "_".to_string()
                },
                head,
                deprel: deprel.to_string(),
            })
            .collect()
    }
}

/// Which sentences the syntax stage parses.
#[derive(Clone)]
pub enum Scope {
    /// Every sentence (`dyad parse`).
    All,
    /// Only sentences with an actor mention (not a place) for which the predicate holds (the
    /// engine asks for a word that can trigger an event): the only ones the coder can make
    /// events of. Runs after the actor stage; the tokens of other sentences keep
    /// [`dyad_core::TokenSyntax::default`] (empty tags, no head).
    WithActors(SentenceFilter),
}

/// A predicate over (document, sentence index).
pub type SentenceFilter = std::sync::Arc<dyn Fn(&dyad_core::Document, usize) -> bool + Send + Sync>;

impl std::fmt::Debug for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Scope::All => f.write_str("All"),
            Scope::WithActors(_) => f.write_str("WithActors(..)"),
        }
    }
}

/// The syntax stage: fills [`dyad_core::Document::syntax`] sentence by sentence.
#[derive(Clone)]
pub struct SyntaxStage {
    models: std::sync::Arc<Models>,
    scope: Scope,
    morphology: bool,
}

impl SyntaxStage {
    /// A stage over loaded models that parses every sentence.
    pub fn new(models: std::sync::Arc<Models>) -> Self {
        SyntaxStage {
            models,
            scope: Scope::All,
            morphology: true,
        }
    }

    /// A stage over loaded models that parses the sentences `scope` selects.
    pub fn with_scope(models: std::sync::Arc<Models>, scope: Scope) -> Self {
        SyntaxStage {
            models,
            scope,
            morphology: true,
        }
    }

    /// The same stage without lemmas and morphological features (left empty and `_`): the
    /// coder reads only tags and the tree.
    pub fn without_morphology(self) -> Self {
        SyntaxStage {
            morphology: false,
            ..self
        }
    }
}

impl dyad_core::Stage for SyntaxStage {
    fn name(&self) -> &'static str {
        "syntax"
    }
    fn requires(&self) -> &'static [dyad_core::Layer] {
        match self.scope {
            Scope::All => &[dyad_core::Layer::Tokens, dyad_core::Layer::Sentences],
            Scope::WithActors(_) => &[
                dyad_core::Layer::Tokens,
                dyad_core::Layer::Sentences,
                dyad_core::Layer::Mentions,
            ],
        }
    }
    fn assigns(&self) -> &'static [dyad_core::Layer] {
        &[dyad_core::Layer::Syntax]
    }
    fn process(&self, doc: &mut dyad_core::Document) {
        let mut out = vec![dyad_core::TokenSyntax::default(); doc.tokens.len()];
        let mut wanted = vec![true; doc.sentences.len()];
        if let Scope::WithActors(filter) = &self.scope {
            let mut with_actor = vec![false; doc.sentences.len()];
            for m in doc.mentions.iter().filter(|m| !m.locative) {
                if let Some(x) = with_actor.get_mut(m.sentence) {
                    *x = true;
                }
            }
            for (si, w) in wanted.iter_mut().enumerate() {
                *w = with_actor[si] && filter(doc, si);
            }
        }
        for (s, _) in doc.sentences.iter().zip(&wanted).filter(|(_, w)| **w) {
            let forms: Vec<String> = s
                .tokens
                .clone()
                .map(|k| doc.token_norm(k).to_string())
                .collect();
            for (i, w) in self
                .models
                .annotate_with(&forms, self.morphology)
                .into_iter()
                .enumerate()
            {
                let k = s.tokens.start + i;
                if let Some(slot) = out.get_mut(k) {
                    *slot = dyad_core::TokenSyntax {
                        upos: w.upos,
                        xpos: w.xpos,
                        lemma: w.lemma,
                        feats: w.feats,
                        head: (w.head > 0).then(|| s.tokens.start + w.head - 1),
                        deprel: w.deprel,
                    };
                }
            }
        }
        doc.syntax = out;
    }
}

/// The sentences of an annotated document as CoNLL-U (dyad's tokens as words).
pub fn document_conllu(doc: &dyad_core::Document) -> Vec<ConllSentence> {
    doc.sentences
        .iter()
        .enumerate()
        .map(|(si, s)| {
            let words = s
                .tokens
                .clone()
                .map(|k| {
                    let syn = doc.syntax.get(k).cloned().unwrap_or_default();
                    Word {
                        form: doc.token_norm(k).to_string(),
                        lemma: syn.lemma,
                        upos: syn.upos,
                        xpos: syn.xpos,
                        feats: syn.feats,
                        head: syn.head.map_or(0, |h| h + 1 - s.tokens.start),
                        deprel: syn.deprel,
                    }
                })
                .collect();
            let comments = vec![
                format!("sent_id = {}-{}", doc.id, si + 1),
                format!("text = {}", doc.slice(s.span).replace(['\n', '\r'], " ")),
            ];
            ConllSentence {
                comments,
                words,
                multiword: Vec::new(),
            }
        })
        .collect()
}

/// CoNLL 2018 shared-task scores on gold tokenization (punctuation included; LAS compares
/// the universal part of the relation, before `:`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    /// Words scored.
    pub words: usize,
    /// UPOS accuracy.
    pub upos: f64,
    /// XPOS accuracy.
    pub xpos: f64,
    /// Lemma accuracy.
    pub lemma: f64,
    /// Unlabelled attachment score.
    pub uas: f64,
    /// Labelled attachment score.
    pub las: f64,
}

/// Scores predicted sentences against gold ones (same words, in order).
pub fn score(gold: &[ConllSentence], pred: &[ConllSentence]) -> Scores {
    let (mut n, mut up, mut xp, mut le, mut ua, mut la) = (0usize, 0, 0, 0, 0, 0);
    for (g, p) in gold.iter().zip(pred) {
        for (gw, pw) in g.words.iter().zip(&p.words) {
            n += 1;
            up += (gw.upos == pw.upos) as usize;
            xp += (gw.xpos == pw.xpos) as usize;
            le += (gw.lemma == pw.lemma) as usize;
            if gw.head == pw.head {
                ua += 1;
                let u = |d: &str| d.split(':').next().unwrap_or("").to_string();
                la += (u(&gw.deprel) == u(&pw.deprel)) as usize;
            }
        }
    }
    let r = |x: usize| {
        if n == 0 {
            0.0
        } else {
            100.0 * x as f64 / n as f64
        }
    };
    Scores {
        words: n,
        upos: r(up),
        xpos: r(xp),
        lemma: r(le),
        uas: r(ua),
        las: r(la),
    }
}
