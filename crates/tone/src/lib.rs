//! dyad-tone: how positive or negative the wording is, per sentence, event and article.
//!
//! **Method.** The core of VADER (Hutto & Gilbert 2014; lexicon from the PyPI package
//! `vaderSentiment`, MIT, in `data/tone/vader_lexicon.tsv`): each word of a sentence found in
//! the lexicon adds its mean valence (−4 … +4); a valence is scaled by −0.74 when "not",
//! "no", "never", "n't", "without", "nor", "cannot" or "neither" stands among the three words
//! before it; the sum `s` is normalized to `s / sqrt(s² + 15)`. VADER's rules for
//! capitals, exclamation marks, boosters and "but" are left out: news prose rarely uses them.
//!
//! **Scale.** −1 (most negative) to +1 (most positive); 0 is neutral or no lexicon word.
//! A sentence's tone is that score; an event's tone is its sentence's; the article's tone is
//! the mean over its sentences that have at least one lexicon word (0 when none has). It
//! measures the wording, not the event: "killed" is negative whoever is killed.

use dyad_core::{Document, Layer, Stage, TokenKind};
use std::collections::HashMap;

const LEXICON: &str = include_str!("../../../data/tone/vader_lexicon.tsv");

const NEGATORS: &[&str] = &[
    "not", "no", "never", "n't", "without", "nor", "cannot", "neither", "nobody", "none",
];

/// Word valences.
#[derive(Debug, Clone, Default)]
pub struct ToneLexicon {
    valence: HashMap<String, f32>,
}

/// A malformed lexicon line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("vader_lexicon.tsv:{line}: {message}")]
pub struct ToneError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl ToneLexicon {
    /// The lexicon shipped in `data/tone/`.
    pub fn builtin() -> Result<ToneLexicon, ToneError> {
        ToneLexicon::parse(LEXICON)
    }

    /// Parses `word<TAB>valence` lines (`#` comments).
    pub fn parse(text: &str) -> Result<ToneLexicon, ToneError> {
        let mut valence = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |m: &str| ToneError {
                line: i + 1,
                message: m.to_string(),
            };
            let (w, v) = line
                .split_once('\t')
                .ok_or_else(|| err("expected word<TAB>valence"))?;
            let v: f32 = v
                .trim()
                .parse()
                .map_err(|_| err("valence is not a number"))?;
            valence.insert(w.to_string(), v);
        }
        Ok(ToneLexicon { valence })
    }

    /// The tone of a sentence's lowercase words: (score in −1..1, whether any word counted).
    pub fn score<'a>(&self, words: impl Iterator<Item = &'a str>) -> (f64, bool) {
        let words: Vec<&str> = words.collect();
        let mut sum = 0.0f64;
        let mut any = false;
        for (i, w) in words.iter().enumerate() {
            let Some(&v) = self.valence.get(*w) else {
                continue;
            };
            any = true;
            let negated = words[i.saturating_sub(3)..i]
                .iter()
                .any(|p| NEGATORS.contains(p));
            sum += f64::from(v) * if negated { -0.74 } else { 1.0 };
        }
        (sum / (sum * sum + 15.0).sqrt(), any)
    }
}

/// The tone stage: fills [`Document::sentence_tone`], [`Document::tone`] and
/// [`dyad_core::Event::tone`].
#[derive(Debug, Clone)]
pub struct ToneStage {
    lexicon: std::sync::Arc<ToneLexicon>,
}

impl ToneStage {
    /// A stage over a loaded lexicon.
    pub fn new(lexicon: std::sync::Arc<ToneLexicon>) -> Self {
        ToneStage { lexicon }
    }
}

impl Stage for ToneStage {
    fn name(&self) -> &'static str {
        "tone"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences, Layer::Events]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Tone]
    }
    fn process(&self, doc: &mut Document) {
        let mut tones = Vec::with_capacity(doc.sentences.len());
        let (mut sum, mut n) = (0.0, 0usize);
        for s in &doc.sentences {
            let words = doc.tokens[s.tokens.clone()]
                .iter()
                .filter(|t| t.kind != TokenKind::Punct)
                .map(|t| t.lower.as_str());
            let (score, any) = self.lexicon.score(words);
            if any {
                sum += score;
                n += 1;
            }
            tones.push(score);
        }
        doc.tone = Some(if n > 0 { sum / n as f64 } else { 0.0 });
        for e in doc.events.iter_mut() {
            e.tone = tones.get(e.sentence).copied();
        }
        doc.sentence_tone = tones;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_negation_and_scale() {
        let lx = ToneLexicon::parse("kill\t-3.7\npeace\t2.5\n").unwrap_or_default();
        let (s, any) = lx.score("troops kill civilians".split(' '));
        assert!(any && s < -0.6 && s > -1.0, "{s}");
        let (s, _) = lx.score("talks bring peace".split(' '));
        assert!(s > 0.5, "{s}");
        let (s, _) = lx.score("there is no peace".split(' '));
        assert!(s < 0.0, "{s}");
        let (s, any) = lx.score("the minister spoke".split(' '));
        assert!(!any && s == 0.0);
    }
}
