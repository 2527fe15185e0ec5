//! The [`Stage`] trait and the pipeline that runs stages in a checked order.

use crate::Document;
use std::sync::Arc;

/// A layer of annotation on a [`Document`] that a stage may require or assign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    /// Normalized text with its alignment.
    Normalized,
    /// Tokens.
    Tokens,
    /// Sentences.
    Sentences,
    /// Tags, lemmas, features, dependency trees.
    Syntax,
    /// Actor mentions.
    Mentions,
    /// Events.
    Events,
    /// Time expressions, and the dates of events.
    Times,
    /// Counts of people killed, wounded, arrested, … and crowd sizes.
    Counts,
    /// Places named in the text.
    Places,
    /// The locations of events.
    Locations,
    /// Tone of sentences, events and the article.
    Tone,
}

/// One step of analysis. A stage fills its own layers of the document and never fails on
/// text: odd input yields fewer annotations and a diagnostic.
pub trait Stage: Send + Sync {
    /// Short name, used in diagnostics and pipeline errors.
    fn name(&self) -> &'static str;
    /// Layers that must be present before this stage runs.
    fn requires(&self) -> &'static [Layer];
    /// Layers this stage fills.
    fn assigns(&self) -> &'static [Layer];
    /// Annotates the document.
    fn process(&self, doc: &mut Document);
}

/// Why a pipeline could not be built.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PipelineError {
    /// A stage needs a layer that no earlier stage assigns.
    #[error("stage `{stage}` requires {layer:?}, which no earlier stage assigns")]
    Unmet {
        /// The stage.
        stage: &'static str,
        /// The missing layer.
        layer: Layer,
    },
}

/// Collects stages in order; [`PipelineBuilder::build`] checks requirements.
#[derive(Default)]
pub struct PipelineBuilder {
    stages: Vec<Arc<dyn Stage>>,
}

impl PipelineBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a stage.
    pub fn stage(mut self, stage: Arc<dyn Stage>) -> Self {
        self.stages.push(stage);
        self
    }

    /// Freezes the pipeline, rejecting an order in which a stage's requirement is unmet.
    pub fn build(self) -> Result<Pipeline, PipelineError> {
        let mut have: Vec<Layer> = Vec::new();
        for s in &self.stages {
            for layer in s.requires() {
                if !have.contains(layer) {
                    return Err(PipelineError::Unmet {
                        stage: s.name(),
                        layer: *layer,
                    });
                }
            }
            have.extend_from_slice(s.assigns());
        }
        Ok(Pipeline {
            stages: self.stages,
        })
    }
}

/// An immutable, thread-safe sequence of stages.
#[derive(Clone)]
pub struct Pipeline {
    stages: Vec<Arc<dyn Stage>>,
}

impl Pipeline {
    /// Runs every stage on the document, in order.
    pub fn run(&self, doc: &mut Document) {
        for s in &self.stages {
            s.process(doc);
        }
    }

    /// Stage names in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake(&'static str, &'static [Layer], &'static [Layer]);
    impl Stage for Fake {
        fn name(&self) -> &'static str {
            self.0
        }
        fn requires(&self) -> &'static [Layer] {
            self.1
        }
        fn assigns(&self) -> &'static [Layer] {
            self.2
        }
        fn process(&self, _doc: &mut Document) {}
    }

    #[test]
    fn rejects_unmet_requirement() {
        let err = PipelineBuilder::new()
            .stage(Arc::new(Fake("code", &[Layer::Mentions], &[Layer::Events])))
            .build()
            .err();
        assert_eq!(
            err,
            Some(PipelineError::Unmet {
                stage: "code",
                layer: Layer::Mentions
            })
        );
    }

    #[test]
    fn accepts_ordered_stages() {
        let p = PipelineBuilder::new()
            .stage(Arc::new(Fake("text", &[], &[Layer::Tokens])))
            .stage(Arc::new(Fake(
                "actors",
                &[Layer::Tokens],
                &[Layer::Mentions],
            )))
            .build()
            .unwrap();
        assert_eq!(p.stage_names(), vec!["text", "actors"]);
    }
}
