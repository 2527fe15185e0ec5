//! Lemmas and morphological features, learned from the training treebank.
//!
//! Lemmas: a (form, XPOS) → lemma table for words seen in training, and suffix rewrite rules
//! per XPOS (`-ies` → `-y` for NNS) for unseen words, the longest known suffix winning.
//! Features: the most frequent FEATS of (form, XPOS) in training, else of the XPOS.

use crate::conllu::ConllSentence;
use std::collections::HashMap;
use std::io::{BufRead, Write};

/// Lemmatizer and feature table.
#[derive(Debug, Clone, Default)]
pub struct Morph {
    lemmas: HashMap<(String, String), String>,
    /// (xpos, lowercase suffix) → (chars to strip, text to append)
    rules: HashMap<(String, String), (usize, String)>,
    feats_word: HashMap<(String, String), String>,
    feats_tag: HashMap<String, String>,
}

const MAX_SUFFIX: usize = 5;

fn top<K: std::hash::Hash + Eq + Clone + Ord>(
    counts: HashMap<K, HashMap<String, usize>>,
) -> HashMap<K, String> {
    counts
        .into_iter()
        .map(|(k, v)| {
            let best = v
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|x| x.0)
                .unwrap_or_default();
            (k, best)
        })
        .collect()
}

fn char_suffix(w: &str, n: usize) -> Option<&str> {
    let count = w.chars().count();
    if n > count {
        return None;
    }
    let idx = w.char_indices().nth(count - n).map_or(w.len(), |(i, _)| i);
    Some(&w[idx..])
}

impl Morph {
    /// Learns from training sentences.
    pub fn train(sentences: &[ConllSentence]) -> Morph {
        let mut lem: HashMap<(String, String), HashMap<String, usize>> = HashMap::new();
        let mut rules: HashMap<(String, String), HashMap<String, usize>> = HashMap::new();
        let mut fw: HashMap<(String, String), HashMap<String, usize>> = HashMap::new();
        let mut ft: HashMap<String, HashMap<String, usize>> = HashMap::new();
        for s in sentences {
            for w in &s.words {
                let lower = w.form.to_lowercase();
                *lem.entry((lower.clone(), w.xpos.clone()))
                    .or_default()
                    .entry(w.lemma.clone())
                    .or_default() += 1;
                *fw.entry((lower.clone(), w.xpos.clone()))
                    .or_default()
                    .entry(w.feats.clone())
                    .or_default() += 1;
                *ft.entry(w.xpos.clone())
                    .or_default()
                    .entry(w.feats.clone())
                    .or_default() += 1;
                let ll = w.lemma.to_lowercase();
                // The rewrite from form to lemma: strip the differing tail, append the lemma's.
                let common = lower
                    .chars()
                    .zip(ll.chars())
                    .take_while(|(a, b)| a == b)
                    .count();
                let strip = lower.chars().count() - common;
                let append: String = ll.chars().skip(common).collect();
                if strip > MAX_SUFFIX {
                    continue;
                }
                let rule = format!("{strip}\t{append}");
                for n in strip.max(1)..=MAX_SUFFIX {
                    if let Some(suf) = char_suffix(&lower, n) {
                        *rules
                            .entry((w.xpos.clone(), suf.to_string()))
                            .or_default()
                            .entry(rule.clone())
                            .or_default() += 1;
                    }
                }
            }
        }
        let rules = top(rules)
            .into_iter()
            .filter_map(|(k, r)| {
                let (a, b) = r.split_once('\t')?;
                Some((k, (a.parse().ok()?, b.to_string())))
            })
            .collect();
        Morph {
            lemmas: top(lem),
            rules,
            feats_word: top(fw),
            feats_tag: top(ft),
        }
    }

    /// The lemma of `form` tagged `upos`/`xpos`.
    pub fn lemma(&self, form: &str, upos: &str, xpos: &str) -> String {
        let lower = form.to_lowercase();
        if let Some(l) = self.lemmas.get(&(lower.clone(), xpos.to_string())) {
            // Seen words keep their training lemma, except that proper nouns keep the case
            // they are written in.
            if upos == "PROPN" && l.to_lowercase() == lower {
                return form.to_string();
            }
            return l.clone();
        }
        let n = lower.chars().count();
        for k in (1..=MAX_SUFFIX.min(n)).rev() {
            let Some(suf) = char_suffix(&lower, k) else {
                continue;
            };
            if let Some((strip, append)) = self.rules.get(&(xpos.to_string(), suf.to_string())) {
                if *strip < n {
                    let base = if upos == "PROPN" {
                        form
                    } else {
                        lower.as_str()
                    };
                    let keep: String = base.chars().take(n - strip).collect();
                    return keep + append;
                }
            }
        }
        if upos == "PROPN" {
            form.to_string()
        } else {
            lower
        }
    }

    /// The morphological features of `form` tagged `xpos` (`_` if none).
    pub fn feats(&self, form: &str, xpos: &str) -> String {
        let lower = form.to_lowercase();
        self.feats_word
            .get(&(lower, xpos.to_string()))
            .or_else(|| self.feats_tag.get(xpos))
            .cloned()
            .unwrap_or_else(|| "_".into())
    }

    /// Writes the tables as tab-separated lines.
    pub fn write(&self, w: &mut impl Write) -> std::io::Result<()> {
        let mut lines: Vec<String> = Vec::new();
        for ((f, x), l) in &self.lemmas {
            lines.push(format!("L\t{f}\t{x}\t{l}"));
        }
        for ((x, s), (n, a)) in &self.rules {
            lines.push(format!("R\t{x}\t{s}\t{n}\t{a}"));
        }
        for ((f, x), v) in &self.feats_word {
            lines.push(format!("F\t{f}\t{x}\t{v}"));
        }
        for (x, v) in &self.feats_tag {
            lines.push(format!("T\t{x}\t{v}"));
        }
        lines.sort();
        for l in lines {
            writeln!(w, "{l}")?;
        }
        Ok(())
    }

    /// Reads tables written by [`Morph::write`].
    pub fn read(r: &mut impl BufRead) -> std::io::Result<Morph> {
        let mut m = Morph::default();
        let bad = |n: usize| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("morph table line {n}"),
            )
        };
        for (n, line) in r.lines().enumerate() {
            let line = line?;
            let c: Vec<&str> = line.split('\t').collect();
            match c.as_slice() {
                ["L", f, x, l] => {
                    m.lemmas
                        .insert((f.to_string(), x.to_string()), l.to_string());
                }
                ["R", x, s, k, a] => {
                    m.rules.insert(
                        (x.to_string(), s.to_string()),
                        (k.parse().map_err(|_| bad(n + 1))?, a.to_string()),
                    );
                }
                ["R", x, s, k] => {
                    m.rules.insert(
                        (x.to_string(), s.to_string()),
                        (k.parse().map_err(|_| bad(n + 1))?, String::new()),
                    );
                }
                ["F", f, x, v] => {
                    m.feats_word
                        .insert((f.to_string(), x.to_string()), v.to_string());
                }
                ["T", x, v] => {
                    m.feats_tag.insert(x.to_string(), v.to_string());
                }
                _ => return Err(bad(n + 1)),
            }
        }
        Ok(m)
    }
}
