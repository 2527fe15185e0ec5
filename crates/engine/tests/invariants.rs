//! Invariants on odd text: no panic, every span on character boundaries of the original text,
//! sentences cover the tokens in order. Texts are generated from a fixed seed.

#![allow(clippy::unwrap_used)] // Test helpers: a panic is a test failure.

use chrono::NaiveDate;
use dyad_core::{Article, Span};
use dyad_engine::Engine;

const PIECES: &[&str] = &[
    "a",
    "X",
    " ",
    " ",
    ".",
    ",",
    ";",
    "'",
    "\"",
    "-",
    "\u{2014}",
    "\u{2019}",
    "\u{201c}",
    "(",
    ")",
    "\n",
    "\n\n",
    "\t",
    "0",
    "31,000",
    "é",
    "ü",
    "中",
    "\u{1F642}",
    "\u{301}",
    "\u{200b}",
    "\u{a0}",
    "\u{e2}\u{20ac}\u{2122}",
    "U.S.",
    "Israel",
    "Hamas",
    "attacked",
    "vowed to",
    "despite",
    "'s",
    "n't",
    "he",
    "they",
    "the group",
    "the ministry",
    "must",
    "will not",
    "said",
    "Gen.",
    "http://x.org/a.b",
    "Israeli troops",
    "Biden",
    "urged",
    "to",
];

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

fn check_span(text: &str, s: Span, what: &str) {
    assert!(
        s.start <= s.end && s.end <= text.len(),
        "{what} {s:?} outside {text:?}"
    );
    assert!(
        text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
        "{what} {s:?} splits a character in {text:?}"
    );
}

#[test]
fn odd_text_keeps_the_invariants() {
    let plain = Engine::builtin().unwrap();
    let with_syntax = Engine::builtin_with_syntax(None).unwrap();
    let parser = Engine::builtin_parser(None).unwrap();
    let mut rng = Lcg(42);
    for i in 0..400 {
        let n = rng.next() % 60;
        let text: String = (0..n).map(|_| PIECES[rng.next() % PIECES.len()]).collect();
        let engine = match i % 8 {
            0 => &parser,
            4 => &with_syntax,
            _ => &plain,
        };
        let doc = engine.process(Article::dated(
            "t",
            NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            &text,
        ));
        for t in &doc.tokens {
            check_span(&text, t.span, "token");
        }
        let mut next = 0;
        for s in &doc.sentences {
            assert_eq!(
                s.tokens.start, next,
                "sentences must cover tokens in order: {text:?}"
            );
            next = s.tokens.end;
            check_span(&text, s.span, "sentence");
        }
        assert_eq!(next, doc.tokens.len());
        for m in &doc.mentions {
            check_span(&text, m.actor.span, "mention");
        }
        for e in &doc.events {
            check_span(&text, e.span, "event");
            check_span(&text, e.trigger_span, "trigger");
            assert!(e.source.is_some() || e.target.is_some());
        }
        if !doc.syntax.is_empty() {
            assert_eq!(doc.syntax.len(), doc.tokens.len());
            for s in &doc.sentences {
                // The coding engine parses only sentences that can hold events; the others
                // keep empty syntax.
                let parsed = s.tokens.clone().all(|k| !doc.syntax[k].upos.is_empty());
                let skipped = s.tokens.clone().all(|k| doc.syntax[k].upos.is_empty());
                assert!(parsed || skipped, "partly parsed sentence: {text:?}");
                assert!(
                    parsed || std::ptr::eq(engine, &with_syntax),
                    "the parser skipped a sentence: {text:?}"
                );
                if parsed {
                    let roots = s
                        .tokens
                        .clone()
                        .filter(|&k| doc.syntax[k].head.is_none())
                        .count();
                    assert_eq!(roots, 1, "one root per sentence: {text:?}");
                }
            }
        }
    }
}
