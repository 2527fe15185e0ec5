//! The tokenizer: a single left-to-right scan of the normalized text.

use dyad_core::{NormalizedText, Span, Token, TokenKind};

/// Abbreviations that keep their final period (lowercase, without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt",
    "adm", "cmdr", "brig", "gov", "sen", "rep", "rev", "fr", "sr", "jr", "st", "mt", "ft", "pres",
    "amb", "sec", "atty", "supt", "insp", "hon", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat",
    "sun", "inc", "co", "corp", "ltd", "bros", "no", "nos", "vs", "etc", "approx", "est", "dept",
    "univ", "ave", "blvd", "rd", "fig", "al",
];

/// True if `word` (without its final period, any case) is a known abbreviation.
pub fn is_abbreviation(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    ABBREVIATIONS.contains(&w.as_str())
}

/// If `s` starts with a clitic (`'s 're 've 'll 'd 'm`, any case) that is not followed by a
/// letter or digit, its length in bytes.
fn clitic_len(s: &str) -> Option<usize> {
    let head: String = s.chars().take(3).collect::<String>().to_ascii_lowercase();
    ["'s", "'re", "'ve", "'ll", "'d", "'m"]
        .into_iter()
        .find(|k| head.starts_with(k) && !s[k.len()..].starts_with(is_word_char))
        .map(str::len)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Tokenizes normalized text. Never fails; every non-space character ends up in a token.
pub fn tokenize(norm: &NormalizedText) -> Vec<Token> {
    let text = norm.as_str();
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let Some(c) = rest.chars().next() else { break };
        if c.is_whitespace() {
            if let Some(last) = out.last_mut() {
                last.space_after = true;
            }
            i += c.len_utf8();
            continue;
        }
        let (len, kind) = next_token(rest);
        let len = len.max(c.len_utf8());
        push(&mut out, norm, i, i + len, kind);
        i += len;
    }
    out
}

fn push(out: &mut Vec<Token>, norm: &NormalizedText, start: usize, end: usize, kind: TokenKind) {
    let s = &norm.as_str()[start..end];
    let nspan = Span::new(start, end);
    out.push(Token {
        span: norm.span_to_original(nspan),
        norm: nspan,
        lower: s.to_lowercase(),
        kind,
        capitalized: s.chars().next().is_some_and(char::is_uppercase),
        space_after: false,
    });
}

/// Length in bytes and kind of the token starting at `s` (non-empty, not whitespace).
fn next_token(s: &str) -> (usize, TokenKind) {
    if let Some(n) = url_len(s) {
        return (n, TokenKind::Url);
    }
    let Some(c) = s.chars().next() else {
        return (0, TokenKind::Punct);
    };
    if c.is_ascii_digit() {
        return (number_len(s), TokenKind::Number);
    }
    if c == '\'' {
        // Possessive or contraction clitics: 's 're 've 'll 'd 'm
        return match clitic_len(s) {
            Some(n) => (n, TokenKind::Word),
            None => (1, TokenKind::Punct),
        };
    }
    if is_word_char(c) {
        return (word_len(s), TokenKind::Word);
    }
    // Punctuation: runs of the same character (`...`, `--`, `!!`) stay together.
    let run = s.chars().take_while(|x| *x == c).map(char::len_utf8).sum();
    (run, TokenKind::Punct)
}

fn url_len(s: &str) -> Option<usize> {
    let lower_prefix: String = s.chars().take(8).collect::<String>().to_ascii_lowercase();
    let is_url = lower_prefix.starts_with("http://")
        || lower_prefix.starts_with("https://")
        || lower_prefix.starts_with("www.");
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    let cand = &s[..end];
    let is_email = !is_url && {
        let at = cand.find('@');
        at.is_some_and(|a| {
            a > 0
                && cand[a..].contains('.')
                && cand.chars().next().is_some_and(char::is_alphanumeric)
        })
    };
    if !is_url && !is_email {
        return None;
    }
    let trimmed = cand.trim_end_matches(['.', ',', ';', ':', ')', '"', '\'', '!', '?', ']']);
    (!trimmed.is_empty()).then_some(trimmed.len())
}

fn number_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let separator_then_digit = matches!(b[i], b',' | b'.' | b':' | b'/')
            && i + 1 < b.len()
            && b[i + 1].is_ascii_digit();
        if b[i].is_ascii_digit() || separator_then_digit {
            i += 1;
        } else {
            break;
        }
    }
    // Ordinals and decades: 12th, 1990s, 3rd.
    let tail = s[i..]
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let suffix = &s[i..i + tail].to_ascii_lowercase();
    if ["st", "nd", "rd", "th", "s"].contains(&suffix.as_str()) {
        i += tail;
    }
    i
}

/// A word: letters and digits, internal apostrophes (`O'Brien`), and periods of
/// abbreviations (`U.S.`, `e.g.`) and known short forms (`Gen.`). Splits off `n't`.
fn word_len(s: &str) -> usize {
    let mut end = 0;
    for (i, c) in s.char_indices() {
        if is_word_char(c) {
            end = i + c.len_utf8();
            continue;
        }
        if c == '\'' {
            // An apostrophe between letters that does not start a clitic stays inside the word.
            let after = &s[i..];
            let clitic = clitic_len(after).is_some();
            if !clitic && after[1..].starts_with(is_word_char) && end == i {
                end = i + 1;
                continue;
            }
        }
        if c == '.' && end == i {
            let word = &s[..i];
            let next = s[i + 1..].chars().next();
            // Single letters with periods chain into acronyms: U.S. U.N. e.g.
            let last_seg_len = word.rsplit('.').next().map_or(0, |w| w.chars().count());
            if last_seg_len == 1
                && next.is_some_and(|n| n.is_alphabetic())
                && word.chars().all(|ch| ch.is_alphabetic() || ch == '.')
            {
                let after_next = s[i + 1..].chars().nth(1);
                if after_next == Some('.') {
                    end = i + 1;
                    continue;
                }
            }
            // "No." and "Fig." abbreviate only before a number ("No. 10").
            let before_number = s[i + 1..]
                .trim_start()
                .starts_with(|d: char| d.is_ascii_digit());
            let numeric_abbrev = matches!(word.to_ascii_lowercase().as_str(), "no" | "nos" | "fig");
            if (last_seg_len == 1 && word.chars().all(|ch| ch.is_alphabetic() || ch == '.'))
                || word.contains('.')
                || (is_abbreviation(word) && (!numeric_abbrev || before_number))
            {
                return i + 1;
            }
        }
        break;
    }
    let word = &s[..end];
    // n't belongs to its own token: "didn't" -> "did" + "n't".
    let lower = word.to_ascii_lowercase();
    if lower.len() > 3 && lower.ends_with("n't") {
        return end - 3;
    }
    if lower == "n't" {
        return end;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        let n = NormalizedText::identity(s);
        tokenize(&n)
            .into_iter()
            .map(|t| s[t.span.start..t.span.end].to_string())
            .collect()
    }

    #[test]
    fn table() {
        let rows: &[(&str, &str, &[&str])] = &[
            (
                "abbrev",
                "U.S. troops left.",
                &["U.S.", "troops", "left", "."],
            ),
            (
                "compound",
                "U.S.-Israel ties",
                &["U.S.", "-", "Israel", "ties"],
            ),
            (
                "title",
                "Gen. Smith and Dr. J. Doe",
                &["Gen.", "Smith", "and", "Dr.", "J.", "Doe"],
            ),
            (
                "numbers",
                "31,000 dead, 3.5 percent, 1.2 million",
                &[
                    "31,000", "dead", ",", "3.5", "percent", ",", "1.2", "million",
                ],
            ),
            (
                "possessive",
                "Biden's plea and Hamas' fighters",
                &["Biden", "'s", "plea", "and", "Hamas", "'", "fighters"],
            ),
            (
                "negation",
                "Israel didn't attack",
                &["Israel", "did", "n't", "attack"],
            ),
            (
                "quotes",
                "\"We will act,\" he said.",
                &["\"", "We", "will", "act", ",", "\"", "he", "said", "."],
            ),
            ("dashes", "talks -- stalled", &["talks", "--", "stalled"]),
            (
                "url",
                "see https://example.org/a?b=1. Then",
                &["see", "https://example.org/a?b=1", ".", "Then"],
            ),
            (
                "apostrophe name",
                "O'Brien met al-Sisi",
                &["O'Brien", "met", "al", "-", "Sisi"],
            ),
            (
                "ordinal",
                "the 12th and 1990s",
                &["the", "12th", "and", "1990s"],
            ),
            (
                "month",
                "on Jan. 5 in Kabul.",
                &["on", "Jan.", "5", "in", "Kabul", "."],
            ),
            (
                "lower",
                "u.s. officials said",
                &["u.s.", "officials", "said"],
            ),
            ("end period", "He left.", &["He", "left", "."]),
        ];
        for (name, input, want) in rows {
            assert_eq!(toks(input), *want, "{name}");
        }
    }

    #[test]
    fn offsets_are_into_the_original_after_normalization() {
        let src = "Israel\u{2019}s army";
        let mut b = NormalizedText::builder();
        b.copied("Israel", 0);
        b.replaced("'", 6);
        b.copied("s army", 9);
        let n = b.finish(src.len()).unwrap();
        let t = tokenize(&n);
        assert_eq!(&src[t[1].span.start..t[1].span.end], "\u{2019}s");
        assert_eq!(t[1].lower, "'s");
    }
}
