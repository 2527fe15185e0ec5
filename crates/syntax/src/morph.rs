//! Lemmas and morphological features, learned from the training treebank.
//!
//! Lemmas: a (form, XPOS) → lemma table for words seen in training, and suffix rewrite rules
//! per XPOS (`-ies` → `-y` for NNS) for unseen words, the longest known suffix winning.
//! Features: the most frequent FEATS of (form, XPOS) in training, else of the XPOS.

use crate::conllu::ConllSentence;
use crate::perceptron::{feature, IdentityHasher};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::io::{BufRead, Write};

/// Lemmatizer and feature table.
#[derive(Debug, Clone, Default)]
pub struct Morph {
    /// lowercase form → XPOS → lemma
    lemmas: Keyed<String>,
    /// lowercase suffix → XPOS → (chars to strip, text to append)
    rules: Keyed<(usize, String)>,
    /// lowercase form → XPOS → features
    feats_word: Keyed<String>,
    feats_tag: HashMap<String, String>,
}

/// A map from (word, tag), looked up by a 64-bit hash of the pair: one probe, no string
/// comparison. Distinct pairs of the tables colliding is as unlikely as for the perceptron's
/// hashed features (about 10^-14 per lookup).
#[derive(Debug, Clone)]
struct Keyed<V> {
    entries: Vec<(String, String, V)>,
    index: HashMap<u64, usize, BuildHasherDefault<IdentityHasher>>,
}

impl<V> Default for Keyed<V> {
    fn default() -> Self {
        Keyed {
            entries: Vec::new(),
            index: HashMap::default(),
        }
    }
}

fn pair_key(word: &str, tag: &str) -> u64 {
    feature(77, &[word, "\t", tag])
}

impl<V> Keyed<V> {
    fn get(&self, word: &str, tag: &str) -> Option<&V> {
        let i = *self.index.get(&pair_key(word, tag))?;
        self.entries.get(i).map(|e| &e.2)
    }

    fn insert(&mut self, word: String, tag: String, v: V) {
        let k = pair_key(&word, &tag);
        match self.index.get(&k) {
            Some(&i) => self.entries[i] = (word, tag, v),
            None => {
                self.index.insert(k, self.entries.len());
                self.entries.push((word, tag, v));
            }
        }
    }

    fn iter(&self) -> impl Iterator<Item = (&str, &str, &V)> {
        self.entries
            .iter()
            .map(|(w, t, v)| (w.as_str(), t.as_str(), v))
    }
}

impl<V> FromIterator<((String, String), V)> for Keyed<V> {
    fn from_iter<I: IntoIterator<Item = ((String, String), V)>>(it: I) -> Self {
        let mut k = Keyed::default();
        for ((w, t), v) in it {
            k.insert(w, t, v);
        }
        k
    }
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
            .filter_map(|((x, suf), r)| {
                let (a, b) = r.split_once('\t')?;
                Some(((suf, x), (a.parse().ok()?, b.to_string())))
            })
            .collect();
        Morph {
            lemmas: top(lem).into_iter().collect(),
            rules,
            feats_word: top(fw).into_iter().collect(),
            feats_tag: top(ft),
        }
    }

    /// The lemma of `form` tagged `upos`/`xpos`.
    pub fn lemma(&self, form: &str, upos: &str, xpos: &str) -> String {
        self.lemma_of(form, &form.to_lowercase(), upos, xpos)
    }

    /// The lemma of `form` (lowercased `lower`) tagged `upos`/`xpos`.
    pub fn lemma_of(&self, form: &str, lower: &str, upos: &str, xpos: &str) -> String {
        if let Some(l) = self.lemmas.get(lower, xpos) {
            // Seen words keep their training lemma, except that proper nouns keep the case
            // they are written in.
            if upos == "PROPN" && l.to_lowercase() == lower {
                return form.to_string();
            }
            return l.clone();
        }
        let n = lower.chars().count();
        for k in (1..=MAX_SUFFIX.min(n)).rev() {
            let Some(suf) = char_suffix(lower, k) else {
                continue;
            };
            if let Some((strip, append)) = self.rules.get(suf, xpos) {
                if *strip < n {
                    let base = if upos == "PROPN" { form } else { lower };
                    let keep: String = base.chars().take(n - strip).collect();
                    return keep + append;
                }
            }
        }
        if upos == "PROPN" {
            form.to_string()
        } else {
            lower.to_string()
        }
    }

    /// The morphological features of `form` tagged `xpos` (`_` if none).
    pub fn feats(&self, form: &str, xpos: &str) -> String {
        self.feats_of(&form.to_lowercase(), xpos)
    }

    /// The morphological features of the lowercased form `lower` tagged `xpos` (`_` if none).
    pub fn feats_of(&self, lower: &str, xpos: &str) -> String {
        self.feats_word
            .get(lower, xpos)
            .or_else(|| self.feats_tag.get(xpos))
            .cloned()
            .unwrap_or_else(|| "_".into())
    }

    /// Writes the tables as tab-separated lines.
    pub fn write(&self, w: &mut impl Write) -> std::io::Result<()> {
        let mut lines: Vec<String> = Vec::new();
        for (f, x, l) in self.lemmas.iter() {
            lines.push(format!("L\t{f}\t{x}\t{l}"));
        }
        for (s, x, (n, a)) in self.rules.iter() {
            lines.push(format!("R\t{x}\t{s}\t{n}\t{a}"));
        }
        for (f, x, v) in self.feats_word.iter() {
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
                    m.lemmas.insert(f.to_string(), x.to_string(), l.to_string());
                }
                ["R", x, s, k, a] => {
                    m.rules.insert(
                        s.to_string(),
                        x.to_string(),
                        (k.parse().map_err(|_| bad(n + 1))?, a.to_string()),
                    );
                }
                ["R", x, s, k] => {
                    m.rules.insert(
                        s.to_string(),
                        x.to_string(),
                        (k.parse().map_err(|_| bad(n + 1))?, String::new()),
                    );
                }
                ["F", f, x, v] => {
                    m.feats_word
                        .insert(f.to_string(), x.to_string(), v.to_string());
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
