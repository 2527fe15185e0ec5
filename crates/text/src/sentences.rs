//! The sentence splitter: paragraphs, headings and sentence-final punctuation.

use dyad_core::{NormalizedText, Sentence, Span, Token, TokenKind};

/// Sentences are cut at this many tokens so that later stages have bounded cost.
pub const MAX_SENTENCE_TOKENS: usize = 200;

/// Longest line, in tokens, that can be a heading.
const MAX_HEADING_TOKENS: usize = 16;

/// Capitalized words that start a sentence after an acronym such as `U.S.`; other
/// capitalized words after an acronym are taken to continue the sentence (`U.S. Secretary`).
const STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "in",
    "on",
    "at",
    "but",
    "and",
    "however",
    "meanwhile",
    "after",
    "before",
    "its",
    "his",
    "her",
    "their",
    "there",
    "some",
    "many",
    "officials",
    "earlier",
    "later",
    "last",
    "on",
    "since",
    "while",
    "when",
    "if",
    "as",
    "both",
    "no",
    "one",
    "two",
    "three",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// Spaces only (or nothing).
    Space,
    /// A single line break.
    Line,
    /// A blank line: a paragraph break.
    Paragraph,
}

fn gap(text: &str, a: &Token, b: &Token) -> Gap {
    let between = text.get(a.norm.end..b.norm.start).unwrap_or("");
    match between.matches('\n').count() {
        0 => Gap::Space,
        1 => Gap::Line,
        _ => Gap::Paragraph,
    }
}

fn is_final_punct(t: &Token) -> bool {
    t.kind == TokenKind::Punct
        && (t.lower.starts_with('.') || t.lower.starts_with('!') || t.lower.starts_with('?'))
}

fn is_closer(t: &Token) -> bool {
    matches!(t.lower.as_str(), "\"" | "'" | ")" | "]" | "''")
}

/// Splits tokens into sentences. Every token belongs to exactly one sentence.
pub fn split_sentences(norm: &NormalizedText, tokens: &[Token]) -> Vec<Sentence> {
    let text = norm.as_str();
    let n = tokens.len();
    if n == 0 {
        return Vec::new();
    }
    let gaps: Vec<Gap> = (0..n.saturating_sub(1))
        .map(|i| gap(text, &tokens[i], &tokens[i + 1]))
        .collect();
    let words = tokens.iter().filter(|t| t.kind == TokenKind::Word).count();
    let caps = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word && t.capitalized)
        .count();
    // Text written all in lower case (scraped news often is) gives no capital-letter cue.
    let lowercase_doc = words > 0 && caps * 50 < words;

    // Lines: runs of tokens without a line break, for heading detection.
    let mut heading_end = vec![false; n]; // token i ends a heading line
    let mut heading_tok = vec![false; n];
    let mut line_start = 0;
    for i in 0..n {
        let last_of_line = i + 1 == n || gaps[i] != Gap::Space;
        if !last_of_line {
            continue;
        }
        let starts_para = line_start == 0 || gaps[line_start - 1] == Gap::Paragraph;
        let ends_para = i + 1 < n && gaps[i] == Gap::Paragraph;
        let len = i + 1 - line_start;
        let last = &tokens[i];
        let unpunctuated = !(last.kind == TokenKind::Punct
            && matches!(
                last.lower.chars().next(),
                Some('.' | '!' | '?' | ':' | ';' | ',' | '"' | '\'' | ')')
            ));
        if starts_para && ends_para && len <= MAX_HEADING_TOKENS && unpunctuated {
            heading_end[i] = true;
            heading_tok[line_start..=i]
                .iter_mut()
                .for_each(|h| *h = true);
            if line_start > 0 {
                heading_end[line_start - 1] = true;
            }
        }
        line_start = i + 1;
    }

    let mut out = Vec::new();
    let mut start = 0;
    let mut paragraph = 0;
    let mut i = 0;
    while i < n {
        let mut end_here = i + 1 == n || heading_end[i] || gaps[i] == Gap::Paragraph;
        let mut last = i;
        if !end_here && is_final_punct(&tokens[i]) {
            // Closing quotes and brackets stay with the sentence they close.
            while last + 1 < n
                && is_closer(&tokens[last + 1])
                && gaps[last] == Gap::Space
                && !tokens[last].space_after
            {
                last += 1;
            }
            if last + 1 == n || gaps[last] == Gap::Paragraph {
                end_here = true;
            } else if tokens[last].space_after || gaps[last] != Gap::Space {
                end_here = can_start(&tokens[last + 1], lowercase_doc);
            }
        } else if !end_here
            && tokens[i].kind == TokenKind::Word
            && tokens[i].lower.ends_with('.')
            && tokens[i].lower.len() > 2
        {
            // An acronym such as U.S. may end a sentence when a clear sentence starter follows.
            let w = &tokens[i].lower;
            let acronym = w[..w.len() - 1].contains('.');
            if acronym && i + 1 < n {
                let next = &tokens[i + 1];
                end_here = next.capitalized && STARTERS.contains(&next.lower.as_str());
            }
        }
        if !end_here && last + 1 - start >= MAX_SENTENCE_TOKENS {
            end_here = true;
        }
        if end_here {
            let heading = heading_tok[start];
            out.push(Sentence {
                span: Span::new(tokens[start].span.start, tokens[last].span.end),
                tokens: start..last + 1,
                heading,
                paragraph,
            });
            if last + 1 < n && gaps[last] == Gap::Paragraph {
                paragraph += 1;
            }
            start = last + 1;
        }
        i = last + 1;
    }
    out
}

fn can_start(t: &Token, lowercase_doc: bool) -> bool {
    if t.capitalized || t.kind == TokenKind::Number {
        return true;
    }
    if matches!(t.lower.as_str(), "\"" | "'" | "(" | "[" | "-" | "--") {
        return true;
    }
    lowercase_doc && t.kind == TokenKind::Word
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize;

    fn sents(s: &str) -> Vec<(String, bool)> {
        let n = NormalizedText::identity(s);
        let t = tokenize(&n);
        split_sentences(&n, &t)
            .into_iter()
            .map(|x| (s[x.span.start..x.span.end].to_string(), x.heading))
            .collect()
    }

    fn texts(s: &str) -> Vec<String> {
        sents(s).into_iter().map(|x| x.0).collect()
    }

    #[test]
    fn table() {
        let rows: &[(&str, &str, &[&str])] = &[
            (
                "simple",
                "Israel struck Gaza. Hamas fired rockets.",
                &["Israel struck Gaza.", "Hamas fired rockets."],
            ),
            (
                "title abbrev",
                "Gen. Smith met Dr. Jones. They talked.",
                &["Gen. Smith met Dr. Jones.", "They talked."],
            ),
            (
                "acronym mid",
                "U.S. officials met U.S. Secretary Blinken.",
                &["U.S. officials met U.S. Secretary Blinken."],
            ),
            (
                "acronym end",
                "Troops left the U.S. The talks ended.",
                &["Troops left the U.S.", "The talks ended."],
            ),
            (
                "quote close",
                "\"We will fight.\" He left.",
                &["\"We will fight.\"", "He left."],
            ),
            (
                "lowercase",
                "israel struck gaza. hamas fired rockets.",
                &["israel struck gaza.", "hamas fired rockets."],
            ),
            (
                "lowercase abbrev",
                "the u.s. army left. it was over.",
                &["the u.s. army left.", "it was over."],
            ),
            (
                "numbers",
                "It cost 3.5 million. Talks failed.",
                &["It cost 3.5 million.", "Talks failed."],
            ),
            (
                "initials",
                "J. Smith said no. Later he agreed.",
                &["J. Smith said no.", "Later he agreed."],
            ),
        ];
        for (name, input, want) in rows {
            assert_eq!(texts(input), *want, "{name}");
        }
    }

    #[test]
    fn headings_and_paragraphs() {
        let s = "First para ends here.\n\nRift Widens Between Allies\n\nThe talks failed. Both\nsides left.";
        let got = sents(s);
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[1], ("Rift Widens Between Allies".to_string(), true));
        assert!(!got[2].1);
        assert_eq!(got[3].0, "Both\nsides left.");
    }

    #[test]
    fn long_sentences_are_cut() {
        let s = "word ".repeat(1000);
        let n = NormalizedText::identity(&s);
        let t = tokenize(&n);
        let ss = split_sentences(&n, &t);
        assert!(ss.iter().all(|x| x.tokens.len() <= MAX_SENTENCE_TOKENS));
        assert_eq!(ss.iter().map(|x| x.tokens.len()).sum::<usize>(), t.len());
    }
}
