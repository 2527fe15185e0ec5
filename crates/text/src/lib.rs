//! dyad-text: where are the tokens and sentences?
//!
//! [`TextStage`] tokenizes the normalized text of a [`Document`] and splits it into
//! sentences. Tokens carry spans into both the normalized and the original text.
//!
//! Tokenization follows the conventions of news treebanks: possessive `'s` and the
//! contraction `n't` are tokens of their own; hyphens inside words are tokens of their own, so
//! `U.S.-Israel` yields `U.S.`, `-`, `Israel` and both actors reach later stages; numbers keep
//! their separators (`31,000`, `3.5`, `1.2`); abbreviations and initials keep their periods
//! (`U.S.`, `Gen.`, `J.`); URLs and e-mail addresses are single tokens.
//!
//! Sentences end at `.`, `!` or `?` (with any closing quotes or brackets) when the next token
//! can start a sentence, at paragraph breaks (blank lines), and around headings (a short line
//! without final punctuation followed by a blank line). In text written all in lower case any
//! word may start a sentence. Sentences longer than [`MAX_SENTENCE_TOKENS`] are cut, so later
//! stages have bounded cost.

mod numbers;
mod sentences;
mod tokenize;

pub use numbers::number_word;
pub use sentences::{split_sentences, MAX_SENTENCE_TOKENS};
pub use tokenize::{is_abbreviation, tokenize};

use dyad_core::{Document, Layer, Stage};

/// Whether a lowercase word is a weekday name ("monday" … "sunday").
pub fn is_weekday(lower: &str) -> bool {
    matches!(
        lower,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

/// Regular English plural of a lowercase noun: `-s`, `-es` after a sibilant, consonant +
/// `y` → `-ies`.
pub fn plural(noun: &str) -> String {
    let b = noun.as_bytes();
    let n = b.len();
    if noun.ends_with('s')
        || noun.ends_with("sh")
        || noun.ends_with("ch")
        || noun.ends_with('x')
        || noun.ends_with('z')
    {
        format!("{noun}es")
    } else if n >= 2 && b[n - 1] == b'y' && !b"aeiou".contains(&b[n - 2]) {
        format!("{}ies", &noun[..n - 1])
    } else {
        format!("{noun}s")
    }
}

/// A wire dateline at the start of the text: a place name written in capitals, or any
/// opening words with a parenthesised agency, then a dash within twelve tokens
/// (`KYIV, Feb 25 (Reuters) -`, `BEIRUT, Lebanon (AP) —`, `kyiv (reuters) -`). Returns the
/// tokens up to and including the dash.
pub fn dateline(doc: &Document) -> Option<std::ops::Range<usize>> {
    // The body's first line, after a headline or two.
    let start = doc
        .sentences
        .iter()
        .take(3)
        .find(|s| !s.heading)
        .map_or(0, |s| s.tokens.start);
    let first = doc.tokens.get(start)?;
    if first.kind != dyad_core::TokenKind::Word {
        return None;
    }
    let word = doc.token_norm(start);
    let all_caps = word.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !word.chars().any(char::is_lowercase);
    let dash = start
        + doc.tokens[start..]
            .iter()
            .take(12)
            .position(|t| matches!(t.lower.as_str(), "-" | "--"))?;
    let agency = (start..dash).any(|k| doc.tokens[k].lower == "(")
        && (start..dash).any(|k| doc.tokens[k].lower == ")");
    (dash > start && (all_caps || agency)).then(|| start..dash + 1)
}

/// The text stage: fills tokens and sentences.
#[derive(Debug, Default, Clone, Copy)]
pub struct TextStage;

impl Stage for TextStage {
    fn name(&self) -> &'static str {
        "text"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Normalized]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences]
    }
    fn process(&self, doc: &mut Document) {
        doc.tokens = tokenize(&doc.norm);
        doc.sentences = split_sentences(&doc.norm, &doc.tokens);
        doc.dateline = dateline(doc);
        let cut: Vec<dyad_core::Span> = doc
            .sentences
            .iter()
            .filter(|s| s.tokens.len() >= MAX_SENTENCE_TOKENS)
            .map(|s| s.span)
            .collect();
        if let Some(first) = cut.first() {
            let msg = format!(
                "{} sentence(s) longer than {MAX_SENTENCE_TOKENS} tokens were cut; events across the cuts may be missed",
                cut.len()
            );
            doc.diagnose(dyad_core::Severity::Warning, "text", msg, Some(*first));
        }
        if doc.tokens.is_empty() {
            doc.diagnose(
                dyad_core::Severity::Warning,
                "text",
                "no tokens: the text is empty or only spaces".into(),
                None,
            );
        }
    }
}
