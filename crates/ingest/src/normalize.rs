//! Text normalization with an alignment back to the original bytes.
//!
//! Applied in one left-to-right pass:
//! 1. mojibake repair: a run of characters that are the Windows-1252 reading of a UTF-8
//!    sequence (`â€™`) becomes the character that sequence encodes (`’`);
//! 2. typographic quotes become ASCII quotes, en and em dashes and minus signs become `-`,
//!    non-breaking and other Unicode spaces become a space;
//! 3. each base character with its combining marks is put in Unicode NFC.

use dyad_core::{Document, Layer, NormalizedText, Severity, Stage};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The normalization stage: fills [`Document::norm`].
#[derive(Debug, Default, Clone, Copy)]
pub struct NormalizeStage;

impl Stage for NormalizeStage {
    fn name(&self) -> &'static str {
        "normalize"
    }
    fn requires(&self) -> &'static [Layer] {
        &[]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Normalized]
    }
    fn process(&self, doc: &mut Document) {
        let (norm, repaired) = normalize_counting(&doc.text);
        doc.norm = norm;
        if repaired > 0 {
            let msg =
                format!("repaired {repaired} mojibake sequence(s) (UTF-8 read as Windows-1252)");
            doc.diagnose(Severity::Info, "normalize", msg, None);
        }
    }
}

/// Windows-1252 bytes 0x80–0x9F and the characters they decode to.
const CP1252_HIGH: [(u8, char); 27] = [
    (0x80, '€'),
    (0x82, '‚'),
    (0x83, 'ƒ'),
    (0x84, '„'),
    (0x85, '…'),
    (0x86, '†'),
    (0x87, '‡'),
    (0x88, 'ˆ'),
    (0x89, '‰'),
    (0x8A, 'Š'),
    (0x8B, '‹'),
    (0x8C, 'Œ'),
    (0x8E, 'Ž'),
    (0x91, '‘'),
    (0x92, '’'),
    (0x93, '“'),
    (0x94, '”'),
    (0x95, '•'),
    (0x96, '–'),
    (0x97, '—'),
    (0x98, '˜'),
    (0x99, '™'),
    (0x9A, 'š'),
    (0x9B, '›'),
    (0x9C, 'œ'),
    (0x9E, 'ž'),
    (0x9F, 'Ÿ'),
];

/// The byte a character has in Windows-1252, if any (Latin-1 range and the 0x80–0x9F table).
fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if (0xA0..=0xFF).contains(&u) {
        return Some(u as u8);
    }
    CP1252_HIGH.iter().find(|(_, ch)| *ch == c).map(|(b, _)| *b)
}

/// Tries to read a mojibake sequence at the start of `s`: returns the repaired character and
/// the number of bytes of `s` it replaces.
fn repair_mojibake(s: &str) -> Option<(char, usize)> {
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    let lead = cp1252_byte(first)?;
    let need = match lead {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => return None,
    };
    let mut bytes = vec![lead];
    let mut consumed = first.len_utf8();
    for _ in 0..need {
        let (_, c) = chars.next()?;
        let b = cp1252_byte(c)?;
        if !(0x80..=0xBF).contains(&b) {
            return None;
        }
        bytes.push(b);
        consumed += c.len_utf8();
    }
    let decoded = std::str::from_utf8(&bytes).ok()?;
    let ch = decoded.chars().next()?;
    Some((ch, consumed))
}

/// The ASCII replacement of a typographic character, if it has one.
fn simplify(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => "\"",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => "-",
        '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => " ",
        '\u{2026}' => "...",
        '\u{200B}' | '\u{FEFF}' | '\u{00AD}' => "",
        _ => return None,
    })
}

/// Normalizes `text`, keeping an alignment from every normalized offset to the original.
pub fn normalize(text: &str) -> NormalizedText {
    normalize_counting(text).0
}

/// [`normalize`], also counting the mojibake sequences it repaired.
pub fn normalize_counting(text: &str) -> (NormalizedText, usize) {
    let mut repaired = 0usize;
    let mut out = NormalizedText::builder();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let Some(c) = rest.chars().next() else { break };
        if c.is_ascii() {
            // Fast path: ASCII runs are copied as they are, except a last character that
            // combining marks follow, which is composed with them below.
            let mut run = rest.bytes().take_while(|b| b.is_ascii()).count();
            if rest[run..].chars().next().is_some_and(is_combining_mark) {
                run -= 1;
            }
            if run > 0 {
                out.copied(&rest[..run], i);
                i += run;
                continue;
            }
        }
        let (ch, consumed) = match repair_mojibake(rest) {
            Some(r) => {
                repaired += 1;
                r
            }
            None => (c, c.len_utf8()),
        };
        if let Some(rep) = simplify(ch) {
            out.replaced(rep, i);
            i += consumed;
            continue;
        }
        // A base character and the combining marks after it are composed together.
        let mut end = i + consumed;
        while let Some(m) = text[end..].chars().next().filter(|m| is_combining_mark(*m)) {
            end += m.len_utf8();
        }
        if consumed == c.len_utf8() && end == i + consumed {
            out.copied(&text[i..end], i);
        } else {
            let mut cluster = String::new();
            cluster.push(ch);
            cluster.push_str(&text[i + consumed..end]);
            let composed: String = cluster.nfc().collect();
            out.replaced(&composed, i);
        }
        i = end;
    }
    let norm = out
        .finish(text.len())
        .unwrap_or_else(|| NormalizedText::identity(text));
    (norm, repaired)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::Span;

    #[test]
    fn table() {
        let rows = [
            ("ascii", "Biden said", "Biden said"),
            (
                "curly",
                "Israel\u{2019}s \u{201C}war\u{201D}",
                "Israel's \"war\"",
            ),
            ("dash", "2023\u{2013}24 \u{2014} talks", "2023-24 - talks"),
            (
                "mojibake apostrophe",
                "Israel\u{e2}\u{20ac}\u{2122}s army",
                "Israel's army",
            ),
            ("mojibake e-acute", "Caf\u{c3}\u{a9}", "Café"),
            ("nfc", "Cafe\u{301}", "Café"),
            ("nbsp", "31,000\u{a0}dead", "31,000 dead"),
            ("plain latin1 kept", "São Paulo", "São Paulo"),
        ];
        for (name, input, want) in rows {
            assert_eq!(normalize(input).as_str(), want, "{name}");
        }
    }

    #[test]
    fn alignment_points_into_original() {
        let src = "a \u{e2}\u{20ac}\u{2122}b\u{2019} c";
        let n = normalize(src);
        assert_eq!(n.as_str(), "a 'b' c");
        // The repaired apostrophe maps to the whole three-character mojibake run.
        let sp = n.span_to_original(Span::new(2, 3));
        assert_eq!(&src[sp.start..sp.end], "\u{e2}\u{20ac}\u{2122}");
        let sp = n.span_to_original(Span::new(4, 5));
        assert_eq!(&src[sp.start..sp.end], "\u{2019}");
        let sp = n.span_to_original(Span::new(6, 7));
        assert_eq!(&src[sp.start..sp.end], "c");
    }
}
