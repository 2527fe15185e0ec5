//! Import of PETRARCH/TABARI verb dictionaries into dyad's event lexicon format.
//!
//! A verb block (`--- NAME [code] ---`, verb lines, `- pre * post [code] # VERB` patterns)
//! becomes `events.tsv` rows: one per (verb, pattern), the verb's lemma as head and the
//! post-verb part as literal words with `*` gaps between its elements (PETRARCH matches them
//! as heads of phrases that may carry modifiers). `{A B}` phrases become consecutive words,
//! `(PREP NOUN)` a preposition, a gap and the noun, `&SYNSET` an alternation of the synset's
//! phrases (with regular plurals unless the label or phrase ends in `_`); actor markers
//! (`$ + % ^`) are dropped. A pattern whose comment names one of the block's verbs applies to
//! that verb only. Verb forms come from `{…}` where given, else from regular English rules.
//! Patterns with words before the verb, pre-verb compounds (`WIRE_+TAP`), null codes (`---`)
//! and codes the CAMEO table lacks are skipped and reported.

use dyad_core::Ontology;
use dyad_text::plural;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// dyad-format lexicon produced from a PETRARCH verb dictionary.
#[derive(Debug, Clone, Default)]
pub struct ImportedVerbs {
    /// `events.tsv` rows.
    pub events: String,
    /// `verb_forms.tsv` rows.
    pub verb_forms: String,
    /// Rows written.
    pub patterns: usize,
    /// `file:line: reason` for every line that could not be converted.
    pub skipped: Vec<String>,
}

struct Verb {
    lemma: String,
    /// Literal words after the verb in a multi-word verb (`beef up`).
    particle: Vec<String>,
    /// (third singular, past, participle, gerund).
    forms: [String; 4],
    code: Option<String>,
}

fn regular(v: &str) -> [String; 4] {
    let b = v.as_bytes();
    let n = b.len();
    let vowel = |c: u8| b"aeiou".contains(&c);
    let s3 = if v.ends_with('s')
        || v.ends_with("sh")
        || v.ends_with("ch")
        || v.ends_with('x')
        || v.ends_with('z')
        || v.ends_with('o')
    {
        format!("{v}es")
    } else if n >= 2 && b[n - 1] == b'y' && !vowel(b[n - 2]) {
        format!("{}ies", &v[..n - 1])
    } else {
        format!("{v}s")
    };
    let (past, ger) = if v.ends_with('e') {
        (format!("{v}d"), format!("{}ing", &v[..n - 1]))
    } else if n >= 2 && b[n - 1] == b'y' && !vowel(b[n - 2]) {
        (format!("{}ied", &v[..n - 1]), format!("{v}ing"))
    } else if n >= 3
        && !vowel(b[n - 1])
        && vowel(b[n - 2])
        && !vowel(b[n - 3])
        && b"bdgmnprt".contains(&b[n - 1])
        && n <= 4
    {
        let c = b[n - 1] as char;
        (format!("{v}{c}ed"), format!("{v}{c}ing"))
    } else {
        (format!("{v}ed"), format!("{v}ing"))
    };
    [s3, past.clone(), past, ger]
}

/// Parses a verb line: `VERB {FORMS} [CODE]`, `+BEEF_UP {…}`.
fn verb_line(line: &str) -> Result<Verb, String> {
    let code = line.find('[').map(|b| {
        line[b + 1..]
            .split(']')
            .next()
            .unwrap_or("")
            .trim()
            .to_string()
    });
    let head = line.split(['{', '[']).next().unwrap_or("").trim();
    let words: Vec<&str> = head.split('_').filter(|w| !w.is_empty()).collect();
    let Some(vi) = words
        .iter()
        .position(|w| w.starts_with('+'))
        .or(if words.len() == 1 { Some(0) } else { None })
    else {
        return Err("multi-word verb without a `+` verb word".into());
    };
    if vi > 0 {
        return Err("words before the verb (pre-verb compound) cannot be expressed".into());
    }
    let lemma = words[vi].trim_start_matches('+').to_lowercase();
    if lemma.is_empty() || !lemma.chars().all(|c| c.is_alphabetic() || c == '-') {
        return Err(format!("unusable verb {lemma:?}"));
    }
    let particle: Vec<String> = words[vi + 1..].iter().map(|w| w.to_lowercase()).collect();
    let mut forms = regular(&lemma);
    if let Some(b) = line.find('{') {
        let given: Vec<String> = line[b + 1..]
            .split('}')
            .next()
            .unwrap_or("")
            .split_whitespace()
            .map(|f| {
                f.split('_')
                    .find(|w| w.starts_with('+'))
                    .unwrap_or(f)
                    .trim_start_matches('+')
                    .to_lowercase()
            })
            .collect();
        let mut others = Vec::new();
        for g in given {
            if g.ends_with("ing") {
                forms[3] = g;
            } else if g.ends_with('s') && !g.ends_with("ss") && g != lemma {
                forms[0] = g;
            } else {
                others.push(g);
            }
        }
        match others.as_slice() {
            [one] => {
                forms[1] = one.clone();
                forms[2] = one.clone();
            }
            [past, part, ..] => {
                forms[1] = past.clone();
                forms[2] = part.clone();
            }
            [] => {}
        }
    }
    Ok(Verb {
        lemma,
        particle,
        forms,
        code,
    })
}

/// Converts the post-verb part of a pattern into dyad tokens.
fn post_tokens(post: &str, synsets: &BTreeMap<String, String>) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = post.trim();
    let push_gap = |out: &mut Vec<String>| {
        if !out.is_empty() && out.last().is_some_and(|t| t != "*") {
            out.push("*".into());
        }
    };
    while !rest.is_empty() {
        let c = rest.chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            rest = rest.trim_start();
            continue;
        }
        if matches!(c, '$' | '+' | '%' | '^') {
            rest = &rest[1..];
            continue;
        }
        if c == '{' || c == '(' {
            let close = if c == '{' { '}' } else { ')' };
            let end = rest.find(close).ok_or("unbalanced brackets")?;
            let inner = &rest[1..end];
            rest = &rest[end + 1..];
            let words = post_tokens(inner, synsets)?;
            push_gap(&mut out);
            if c == '(' {
                out.extend(words);
            } else {
                // A braced phrase is consecutive words.
                out.extend(words.into_iter().filter(|w| w != "*"));
            }
            continue;
        }
        let end = rest
            .find(|x: char| x.is_whitespace() || x == '(' || x == '{')
            .unwrap_or(rest.len());
        let word = &rest[..end];
        rest = &rest[end..];
        let tok = if let Some(label) = word.strip_prefix('&') {
            synsets
                .get(label.trim_end_matches('_'))
                .cloned()
                .ok_or(format!("undefined synset &{label}"))?
        } else {
            let w = word.trim_matches('_').to_lowercase();
            if w.is_empty() {
                continue;
            }
            w.replace('_', " ")
        };
        push_gap(&mut out);
        out.extend(tok.split(' ').map(str::to_string));
    }
    Ok(out)
}

/// Converts a PETRARCH verb dictionary, keeping only codes the ontology knows.
pub fn import_verbs(file: &str, text: &str, ontology: &Ontology) -> ImportedVerbs {
    let mut out = ImportedVerbs::default();
    let mut synsets: BTreeMap<String, String> = BTreeMap::new();
    let mut current_synset: Option<(String, bool, Vec<String>)> = None;
    let mut block_code: Option<String> = None;
    let mut verbs: Vec<Verb> = Vec::new();
    let mut rows: BTreeSet<(String, String)> = BTreeSet::new();
    let mut forms: BTreeMap<String, [String; 4]> = BTreeMap::new();
    let usable = |code: &str| -> Option<String> {
        let c = code.split(':').next().unwrap_or("").trim();
        (ontology.cameo(c).is_some()).then(|| c.to_string())
    };
    let close_synset = |cur: &mut Option<(String, bool, Vec<String>)>,
                        synsets: &mut BTreeMap<String, String>| {
        if let Some((label, no_plural, phrases)) = cur.take() {
            let mut alts: Vec<String> = Vec::new();
            for p in phrases {
                let keep = p.ends_with('_');
                let p = p.trim_matches('_').to_lowercase();
                if p.is_empty() {
                    continue;
                }
                // Multi-word phrases stay joined by `_`: dyad's alternatives read `a_b` as
                // consecutive words.
                alts.push(p.clone());
                if !no_plural && !keep {
                    alts.push(plural(&p));
                }
            }
            alts.sort();
            alts.dedup();
            synsets.insert(label, alts.join("|"));
        }
    };
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let (body, comment) = match raw.find('#') {
            Some(h) => (&raw[..h], raw[h + 1..].trim()),
            None => (raw, ""),
        };
        let line = body.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(label) = line.strip_prefix('&') {
            close_synset(&mut current_synset, &mut synsets);
            let no_plural = label.ends_with('_');
            current_synset = Some((
                label.trim_end_matches('_').to_string(),
                no_plural,
                Vec::new(),
            ));
            continue;
        }
        if let (Some(p), Some(cur)) = (line.strip_prefix('+'), current_synset.as_mut()) {
            if verbs.is_empty() && block_code.is_none() {
                cur.2.push(p.trim().to_string());
                continue;
            }
        }
        close_synset(&mut current_synset, &mut synsets);
        if line.starts_with("---") {
            let code = line
                .find('[')
                .map(|b| line[b + 1..].split(']').next().unwrap_or("").to_string());
            block_code = code.and_then(|c| usable(&c));
            verbs.clear();
            continue;
        }
        if let Some(pattern) = line.strip_prefix('-') {
            let Some(b) = pattern.rfind('[') else {
                out.skipped
                    .push(format!("{file}:{n}: pattern without a code"));
                continue;
            };
            let code_txt = pattern[b + 1..].split(']').next().unwrap_or("");
            let Some(code) = usable(code_txt) else {
                out.skipped.push(format!(
                    "{file}:{n}: code {code_txt:?} is null or not in the CAMEO table"
                ));
                continue;
            };
            let Some((pre, post)) = pattern[..b].split_once('*') else {
                out.skipped.push(format!("{file}:{n}: pattern without `*`"));
                continue;
            };
            if pre
                .chars()
                .any(|c| c.is_alphanumeric() || c == '&' || c == '{' || c == '(')
            {
                out.skipped.push(format!(
                    "{file}:{n}: words before the verb cannot be expressed positionally"
                ));
                continue;
            }
            let mut tokens = match post_tokens(post, &synsets) {
                Ok(t) => t,
                Err(e) => {
                    out.skipped.push(format!("{file}:{n}: {e}"));
                    continue;
                }
            };
            while tokens.last().is_some_and(|t| t == "*") {
                tokens.pop();
            }
            let named = comment
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_lowercase();
            let targets: Vec<&Verb> = if verbs.iter().any(|v| v.lemma == named) {
                verbs.iter().filter(|v| v.lemma == named).collect()
            } else {
                verbs.iter().collect()
            };
            for v in targets {
                let mut words: Vec<String> = vec![v.lemma.clone()];
                words.extend(v.particle.iter().cloned());
                // The object's head may come after determiners and modifiers.
                if tokens.first().is_some_and(|t| t != "*") {
                    words.push("*".into());
                }
                words.extend(tokens.iter().cloned());
                if words.last().is_some_and(|w| w == "*") {
                    words.pop();
                }
                if rows.insert((code.clone(), words.join(" "))) {
                    forms.insert(v.lemma.clone(), v.forms.clone());
                }
            }
            continue;
        }
        // A verb line of the current block.
        match verb_line(line) {
            Ok(v) => {
                let code = v
                    .code
                    .as_deref()
                    .and_then(usable)
                    .or_else(|| block_code.clone());
                if let Some(code) = code {
                    let mut words = vec![v.lemma.clone()];
                    words.extend(v.particle.iter().cloned());
                    if rows.insert((code, words.join(" "))) {
                        forms.insert(v.lemma.clone(), v.forms.clone());
                    }
                }
                verbs.push(v);
            }
            Err(e) => out.skipped.push(format!("{file}:{n}: {e}")),
        }
    }
    for (code, pattern) in &rows {
        let _ = writeln!(out.events, "{code}\tverb\t{pattern}\timported from {file}");
    }
    for (lemma, f) in &forms {
        let _ = writeln!(
            out.verb_forms,
            "{lemma}\t{}\t{}\t{}\t{}",
            f[0], f[1], f[2], f[3]
        );
    }
    out.patterns = rows.len();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_blocks_synsets_and_patterns() {
        let o = Ontology::builtin().unwrap();
        let text = "&FOOD\n+GRAIN\n+RICE_\n\n--- LIFT [085] ---\nLIFT\nRUSH {RUSHES RUSHED RUSHING}\n+BEEF_UP\n- * SANCTIONS  [085] # LIFT\n- * &FOOD  [073] # RUSH\n- * (FOR {HUMANITARIAN AID}) [0233] # LIFT\n- TENSIONS * [112] # LIFT\n- * THING [999] # LIFT\nWIRE_+TAP\n";
        let v = import_verbs("v.txt", text, &o);
        assert!(v.events.contains("085\tverb\tlift\t"), "{}", v.events);
        assert!(
            v.events.contains("085\tverb\tlift * sanctions\t"),
            "{}",
            v.events
        );
        assert!(
            v.events.contains("073\tverb\trush * grain|grains|rice\t"),
            "{}",
            v.events
        );
        assert!(
            v.events
                .contains("0233\tverb\tlift * for * humanitarian aid\t"),
            "{}",
            v.events
        );
        assert!(v.events.contains("085\tverb\tbeef up\t"), "{}", v.events);
        assert!(!v.events.contains("rush * sanctions"), "{}", v.events);
        assert!(
            v.verb_forms
                .contains("rush\trushes\trushed\trushed\trushing"),
            "{}",
            v.verb_forms
        );
        assert!(
            v.verb_forms
                .contains("lift\tlifts\tlifted\tlifted\tlifting"),
            "{}",
            v.verb_forms
        );
        let reasons: Vec<&str> = v.skipped.iter().map(|s| s.as_str()).collect();
        assert!(
            reasons
                .iter()
                .any(|s| s.starts_with("v.txt:12: words before the verb")),
            "{reasons:?}"
        );
        assert!(
            reasons
                .iter()
                .any(|s| s.starts_with("v.txt:13: code \"999\"")),
            "{reasons:?}"
        );
        assert!(
            reasons.iter().any(|s| s.starts_with("v.txt:14:")),
            "{reasons:?}"
        );
    }
}
