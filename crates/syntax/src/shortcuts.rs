//! Decisions the training treebank almost never varies, taken without scoring.
//!
//! - **Tag dictionary.** A word form seen often in training with one (UPOS, XPOS) tag nearly
//!   every time ("the", "of", ",") takes that tag without the tagger scoring it (the tag
//!   dictionary of Honnibal's averaged-perceptron tagger).
//! - **Arc labels.** An arc whose (dependent XPOS, head XPOS, direction) nearly always bears
//!   one label in training (`DT` ← `NN` is `det`) takes it without the label model scoring it.
//!
//! Both only skip work where the models would almost surely say the same; thresholds are
//! chosen when the tables are built (`dyad train shortcuts`) and are recorded in the file.
//!
//! File format: UTF-8, tab-separated lines; `#` starts a comment line.
//! - `T  FORM  UPOS  XPOS`: a tag dictionary entry;
//! - `A  DEP_XPOS  HEAD_XPOS  L|R  LABEL`: an arc-label entry (`L`: the dependent precedes the
//!   head), with `<root>` as the XPOS of the artificial root.

use crate::conllu::ConllSentence;
use std::collections::HashMap;
use std::fmt::Write as _;

/// The XPOS written for the artificial root in arc-label entries.
pub const ROOT_TAG: &str = "<root>";

/// Tag-dictionary and arc-label tables, with names (not class indices) as values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shortcuts {
    /// Form → (UPOS, XPOS).
    pub tags: HashMap<String, (String, String)>,
    /// (dependent XPOS, head XPOS, dependent precedes head) → label.
    pub arcs: HashMap<(String, String, bool), String>,
}

/// A malformed shortcuts line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct ShortcutsError {
    /// File name.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// How sure the treebank must be before a decision is taken without scoring.
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    /// Minimum training occurrences of a form.
    pub tag_min_count: usize,
    /// Minimum share of its most frequent tag.
    pub tag_min_share: f64,
    /// Minimum training occurrences of an arc key.
    pub arc_min_count: usize,
    /// Minimum share of its most frequent label.
    pub arc_min_share: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            tag_min_count: 50,
            tag_min_share: 0.995,
            arc_min_count: 50,
            arc_min_share: 0.99,
        }
    }
}

fn most_common<K: Ord + Clone>(counts: &HashMap<K, usize>) -> Option<(K, usize, usize)> {
    let total: usize = counts.values().sum();
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(k, n)| (k.clone(), *n, total))
}

impl Shortcuts {
    /// Counts the training treebank and keeps the decisions above the thresholds.
    pub fn train(sentences: &[ConllSentence], th: Thresholds) -> Shortcuts {
        let mut tag_counts: HashMap<&str, HashMap<(&str, &str), usize>> = HashMap::new();
        let mut arc_counts: HashMap<(&str, &str, bool), HashMap<&str, usize>> = HashMap::new();
        for s in sentences {
            for (i, w) in s.words.iter().enumerate() {
                *tag_counts
                    .entry(w.form.as_str())
                    .or_default()
                    .entry((w.upos.as_str(), w.xpos.as_str()))
                    .or_default() += 1;
                let head_tag = match w.head {
                    0 => ROOT_TAG,
                    h => match s.words.get(h - 1) {
                        Some(hw) => hw.xpos.as_str(),
                        None => continue,
                    },
                };
                let key = (w.xpos.as_str(), head_tag, i + 1 < w.head);
                *arc_counts
                    .entry(key)
                    .or_default()
                    .entry(w.deprel.as_str())
                    .or_default() += 1;
            }
        }
        let sure = |n: usize, total: usize, min_count: usize, min_share: f64| {
            total >= min_count && n as f64 >= min_share * total as f64
        };
        let mut out = Shortcuts::default();
        for (form, counts) in &tag_counts {
            if let Some(((u, x), n, total)) = most_common(counts) {
                if sure(n, total, th.tag_min_count, th.tag_min_share) {
                    out.tags
                        .insert(form.to_string(), (u.to_string(), x.to_string()));
                }
            }
        }
        for ((d, h, left), counts) in &arc_counts {
            if let Some((label, n, total)) = most_common(counts) {
                if sure(n, total, th.arc_min_count, th.arc_min_share) {
                    out.arcs
                        .insert((d.to_string(), h.to_string(), *left), label.to_string());
                }
            }
        }
        out
    }

    /// The tables as text (sorted, so that regenerating them gives the same file).
    pub fn to_text(&self, header: &str) -> String {
        let mut lines: Vec<String> = self
            .tags
            .iter()
            .map(|(f, (u, x))| format!("T\t{f}\t{u}\t{x}"))
            .chain(self.arcs.iter().map(|((d, h, left), l)| {
                format!("A\t{d}\t{h}\t{}\t{l}", if *left { "L" } else { "R" })
            }))
            .collect();
        lines.sort();
        let mut out = String::new();
        for h in header.lines() {
            let _ = writeln!(out, "# {h}");
        }
        for l in lines {
            out.push_str(&l);
            out.push('\n');
        }
        out
    }

    /// Reads what [`Shortcuts::to_text`] wrote; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Shortcuts, ShortcutsError> {
        let mut out = Shortcuts::default();
        for (n, line) in text.lines().enumerate() {
            let err = |m: &str| ShortcutsError {
                file: file.to_string(),
                line: n + 1,
                message: m.to_string(),
            };
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let c: Vec<&str> = line.split('\t').collect();
            match c.as_slice() {
                ["T", f, u, x] if !f.is_empty() && !u.is_empty() && !x.is_empty() => {
                    out.tags
                        .insert(f.to_string(), (u.to_string(), x.to_string()));
                }
                ["A", d, h, dir, l] if !d.is_empty() && !h.is_empty() && !l.is_empty() => {
                    let left = match *dir {
                        "L" => true,
                        "R" => false,
                        _ => return Err(err("direction must be L or R")),
                    };
                    out.arcs
                        .insert((d.to_string(), h.to_string(), left), l.to_string());
                }
                _ => {
                    return Err(err(
                        "expected `T FORM UPOS XPOS` or `A DEP_XPOS HEAD_XPOS L|R LABEL`",
                    ))
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(rows: &[(&str, &str, &str, usize, &str)]) -> ConllSentence {
        let text: String = rows
            .iter()
            .enumerate()
            .map(|(i, (f, u, x, h, d))| format!("{}\t{f}\t_\t{u}\t{x}\t_\t{h}\t{d}\t_\t_\n", i + 1))
            .collect();
        crate::conllu::parse("t", &text).unwrap().remove(0)
    }

    #[test]
    fn keeps_only_sure_decisions() {
        let a = sent(&[
            ("the", "DET", "DT", 2, "det"),
            ("talks", "NOUN", "NNS", 3, "nsubj"),
            ("failed", "VERB", "VBD", 0, "root"),
        ]);
        let b = sent(&[
            ("the", "DET", "DT", 2, "det"),
            ("talks", "VERB", "VBZ", 0, "root"),
        ]);
        let th = Thresholds {
            tag_min_count: 2,
            tag_min_share: 0.9,
            arc_min_count: 2,
            arc_min_share: 0.9,
        };
        let s = Shortcuts::train(&[a, b], th);
        assert_eq!(s.tags.get("the"), Some(&("DET".into(), "DT".into())));
        assert!(!s.tags.contains_key("talks"), "ambiguous");
        assert!(!s.tags.contains_key("failed"), "too rare");
        assert_eq!(
            s.arcs.get(&("DT".into(), "NNS".into(), true)),
            None,
            "one DT←NNS and one DT←VBZ: neither seen twice"
        );
        let text = s.to_text("test");
        assert_eq!(Shortcuts::parse("t", &text).unwrap(), s);
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let e = Shortcuts::parse("s.tsv", "# c\nT\tthe\tDET\n").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("s.tsv", 2));
        let e = Shortcuts::parse("s.tsv", "A\tDT\tNN\tX\tdet\n").unwrap_err();
        assert!(e.message.contains("L or R"));
    }
}
