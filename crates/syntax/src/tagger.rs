//! The part-of-speech tagger: a greedy left-to-right averaged perceptron predicting the joint
//! (UPOS, XPOS) tag of each word from its form, affixes, shape, neighbours and the two previous
//! predicted tags.

use crate::conllu::ConllSentence;
use crate::perceptron::{argmax, feature, Model, Trainer};
use std::collections::HashMap;

/// A trained tagger.
#[derive(Debug, Clone)]
pub struct Tagger {
    pub(crate) model: Model,
    /// Joint labels `UPOS\tXPOS`, by class index.
    pub(crate) labels: Vec<String>,
    /// Forms tagged without scoring (see [`crate::shortcuts`]): form → class.
    pub(crate) dict: HashMap<String, usize>,
}

/// Word shape: `Xxxx` → `Xx`, `DC-10` → `X-d`, runs collapsed.
pub(crate) fn shape(w: &str) -> String {
    let mut s = String::new();
    let mut last = ' ';
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if k != last {
            s.push(k);
            last = k;
        }
        if s.len() > 6 {
            break;
        }
    }
    s
}

fn suffix(w: &str, n: usize) -> &str {
    let mut idx = w.len();
    for (count, (i, _)) in w.char_indices().rev().enumerate() {
        if count == n {
            break;
        }
        idx = i;
    }
    &w[idx..]
}

fn prefix(w: &str, n: usize) -> &str {
    match w.char_indices().nth(n) {
        Some((i, _)) => &w[..i],
        None => w,
    }
}

/// Features of word `i` given the lowercased words and the previous two tags.
pub(crate) fn features(
    forms: &[String],
    lower: &[String],
    i: usize,
    p1: &str,
    p2: &str,
    out: &mut Vec<u64>,
) {
    out.clear();
    let w = lower[i].as_str();
    let get = |k: isize| -> &str {
        let j = i as isize + k;
        if j < 0 {
            "<s>"
        } else if j as usize >= lower.len() {
            "</s>"
        } else {
            lower[j as usize].as_str()
        }
    };
    let sh = shape(&forms[i]);
    out.push(feature(0, &["bias"]));
    out.push(feature(1, &[w]));
    out.push(feature(2, &[suffix(w, 1)]));
    out.push(feature(3, &[suffix(w, 2)]));
    out.push(feature(4, &[suffix(w, 3)]));
    out.push(feature(5, &[suffix(w, 4)]));
    out.push(feature(6, &[prefix(w, 1)]));
    out.push(feature(7, &[prefix(w, 3)]));
    out.push(feature(8, &[&sh]));
    out.push(feature(9, &[get(-1)]));
    out.push(feature(10, &[get(1)]));
    out.push(feature(11, &[get(-2)]));
    out.push(feature(12, &[get(2)]));
    out.push(feature(13, &[p1]));
    out.push(feature(14, &[p1, p2]));
    out.push(feature(15, &[p1, w]));
    out.push(feature(16, &[suffix(get(1), 3)]));
    out.push(feature(17, &[suffix(get(-1), 3)]));
    out.push(feature(18, &[get(-1), w]));
    out.push(feature(19, &[w, get(1)]));
    out.push(feature(20, &[&sh, if i == 0 { "first" } else { "mid" }]));
    out.push(feature(21, &[p1, get(1)]));
    out.push(feature(22, &[prefix(w, 2)]));
    out.push(feature(23, &[get(1), get(2)]));
    out.push(feature(24, &[get(-1), get(1)]));
    out.push(feature(25, &[p1, suffix(w, 3)]));
    out.push(feature(
        26,
        &[&shape(forms.get(i + 1).map_or("", String::as_str))],
    ));
}

/// Deterministic pseudo-random numbers (SplitMix64) for shuffling and augmentation.
pub(crate) struct Rng(pub u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

impl Tagger {
    /// Trains on sentences for `epochs` passes. A tenth of the sentences are seen in lower case
    /// each pass, so the tagger also works on text written all in lower case.
    /// After each pass the averaged model is scored on `dev` (UPOS accuracy) and the best pass
    /// is kept (early stopping).
    pub fn train(
        sentences: &[ConllSentence],
        dev: &[ConllSentence],
        epochs: usize,
        seed: u64,
        mut progress: impl FnMut(usize, f64, f64),
    ) -> Tagger {
        let mut label_ix: HashMap<String, usize> = HashMap::new();
        let mut labels = Vec::new();
        for s in sentences {
            for w in &s.words {
                let l = format!("{}\t{}", w.upos, w.xpos);
                if !label_ix.contains_key(&l) {
                    label_ix.insert(l.clone(), labels.len());
                    labels.push(l);
                }
            }
        }
        let mut t = Trainer::new(labels.len());
        let mut order: Vec<usize> = (0..sentences.len()).collect();
        let mut rng = Rng(seed);
        let mut feats = Vec::new();
        let mut scores = vec![0.0; labels.len()];
        let mut best: Option<(f64, Tagger)> = None;
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            let (mut ok, mut n) = (0usize, 0usize);
            for &si in &order {
                let s = &sentences[si];
                let lowercase = rng.next().is_multiple_of(10);
                let forms: Vec<String> = s
                    .words
                    .iter()
                    .map(|w| {
                        if lowercase {
                            w.form.to_lowercase()
                        } else {
                            w.form.clone()
                        }
                    })
                    .collect();
                let lower: Vec<String> = forms.iter().map(|f| f.to_lowercase()).collect();
                let (mut p1, mut p2) = ("<s>".to_string(), "<s>".to_string());
                for (i, w) in s.words.iter().enumerate() {
                    features(&forms, &lower, i, &p1, &p2, &mut feats);
                    t.score(&feats, &mut scores);
                    let guess = argmax(&scores);
                    let truth = label_ix[&format!("{}\t{}", w.upos, w.xpos)];
                    t.update(&feats, truth, guess);
                    ok += (guess == truth) as usize;
                    n += 1;
                    p2 = std::mem::replace(&mut p1, labels[guess].clone());
                }
            }
            let candidate = Tagger {
                model: t.snapshot(1),
                labels: labels.clone(),
                dict: HashMap::new(),
            };
            let dev_acc = candidate.upos_accuracy(dev);
            progress(epoch + 1, ok as f64 / n.max(1) as f64, dev_acc);
            if best.as_ref().is_none_or(|(acc, _)| dev_acc > *acc) {
                best = Some((dev_acc, candidate));
            }
        }
        match best {
            Some((_, tagger)) => tagger,
            None => Tagger {
                model: t.snapshot(1),
                labels,
                dict: HashMap::new(),
            },
        }
    }

    /// UPOS accuracy on gold sentences.
    pub fn upos_accuracy(&self, gold: &[ConllSentence]) -> f64 {
        let (mut ok, mut n) = (0usize, 0usize);
        for s in gold {
            let forms: Vec<String> = s.words.iter().map(|w| w.form.clone()).collect();
            for (w, (u, _)) in s.words.iter().zip(self.tag(&forms)) {
                ok += (w.upos == u) as usize;
                n += 1;
            }
        }
        ok as f64 / n.max(1) as f64
    }

    /// Tags a sentence: (UPOS, XPOS) per word.
    pub fn tag(&self, forms: &[String]) -> Vec<(String, String)> {
        let lower: Vec<String> = forms.iter().map(|f| f.to_lowercase()).collect();
        self.tag_ids(forms, &lower)
            .into_iter()
            .map(|c| {
                let (u, x) = self.label(c);
                (u.to_string(), x.to_string())
            })
            .collect()
    }

    /// Tags a sentence given its forms and their lowercased forms: the class index per word
    /// (see [`Tagger::label`]).
    pub fn tag_ids(&self, forms: &[String], lower: &[String]) -> Vec<usize> {
        let mut feats = Vec::with_capacity(28);
        let mut scores = vec![0.0; self.labels.len()];
        let mut out = Vec::with_capacity(forms.len());
        let (mut p1, mut p2) = ("<s>", "<s>");
        for i in 0..forms.len().min(lower.len()) {
            let best = match self.dict.get(&forms[i]) {
                Some(&c) => c,
                None => {
                    features(forms, lower, i, p1, p2, &mut feats);
                    self.model.score(&feats, &mut scores);
                    argmax(&scores)
                }
            };
            out.push(best);
            p2 = p1;
            p1 = self.labels.get(best).map(String::as_str).unwrap_or("X\tFW");
        }
        out
    }

    /// Installs a tag dictionary: the forms it lists take its tag without scoring. `Err`
    /// names a tag the model does not know.
    pub fn set_dictionary(
        &mut self,
        tags: &HashMap<String, (String, String)>,
    ) -> Result<(), String> {
        let index: HashMap<&str, usize> = self
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.as_str(), i))
            .collect();
        let mut dict = HashMap::with_capacity(tags.len());
        for (form, (u, x)) in tags {
            let joint = format!("{u}\t{x}");
            let c = index
                .get(joint.as_str())
                .ok_or_else(|| format!("the tagger has no tag {u}/{x} (for {form:?})"))?;
            dict.insert(form.clone(), *c);
        }
        self.dict = dict;
        Ok(())
    }

    /// The (UPOS, XPOS) of class `c`.
    pub fn label(&self, c: usize) -> (&str, &str) {
        self.labels
            .get(c)
            .and_then(|l| l.split_once('\t'))
            .unwrap_or(("X", "FW"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_affixes() {
        assert_eq!(shape("Israel"), "Xx");
        assert_eq!(shape("31,000"), "d,d");
        assert_eq!(suffix("attacked", 2), "ed");
        assert_eq!(suffix("ab", 4), "ab");
        assert_eq!(prefix("über", 1), "ü");
    }
}
