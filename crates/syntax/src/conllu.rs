//! CoNLL-U reading and writing.
//!
//! Word lines (integer ids) are kept; multiword-token ranges (`3-4`) are kept for writing;
//! empty nodes (`8.1`) are skipped. Errors name the file and line.

use std::fmt::Write as _;

/// One word line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    /// Surface form.
    pub form: String,
    /// Lemma.
    pub lemma: String,
    /// Universal POS tag.
    pub upos: String,
    /// Language-specific POS tag.
    pub xpos: String,
    /// Morphological features (`Number=Sing|Person=3`), `_` if none.
    pub feats: String,
    /// Head (0 = root), 1-based.
    pub head: usize,
    /// Dependency relation (with subtype).
    pub deprel: String,
}

/// One sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConllSentence {
    /// Comment lines, without the leading `# `.
    pub comments: Vec<String>,
    /// Words, in order (word i has id i+1).
    pub words: Vec<Word>,
    /// Multiword tokens: (first id, last id, form).
    pub multiword: Vec<(usize, usize, String)>,
}

/// A malformed CoNLL-U line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct ConllError {
    /// File name.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Parses CoNLL-U text.
pub fn parse(file: &str, text: &str) -> Result<Vec<ConllSentence>, ConllError> {
    let mut out = Vec::new();
    let mut cur = ConllSentence::default();
    let mut first_line = 0;
    let err = |line: usize, message: String| ConllError {
        file: file.to_string(),
        line,
        message,
    };
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        let n = i + 1;
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                check_tree(&cur).map_err(|m| err(first_line, m))?;
                out.push(std::mem::take(&mut cur));
            } else if !cur.comments.is_empty() {
                return Err(err(n, "sentence has comments but no words".into()));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            if cur.words.is_empty() && cur.comments.is_empty() {
                first_line = n;
            }
            cur.comments.push(c.trim_start().to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(
                n,
                format!("expected 10 tab-separated columns, found {}", cols.len()),
            ));
        }
        if cur.words.is_empty() && cur.comments.is_empty() {
            first_line = n;
        }
        let id = cols[0];
        if id.contains('.') {
            continue;
        }
        if let Some((a, b)) = id.split_once('-') {
            let (a, b) = (a.parse::<usize>(), b.parse::<usize>());
            match (a, b) {
                (Ok(a), Ok(b)) if a <= b => cur.multiword.push((a, b, cols[1].to_string())),
                _ => return Err(err(n, format!("bad multiword id {id:?}"))),
            }
            continue;
        }
        let id: usize = id
            .parse()
            .map_err(|_| err(n, format!("bad word id {id:?}")))?;
        if id != cur.words.len() + 1 {
            return Err(err(
                n,
                format!(
                    "word id {id} out of sequence (expected {})",
                    cur.words.len() + 1
                ),
            ));
        }
        let head = if cols[6] == "_" {
            0
        } else {
            cols[6]
                .parse::<usize>()
                .map_err(|_| err(n, format!("bad head {:?}", cols[6])))?
        };
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
        });
    }
    if !cur.words.is_empty() {
        check_tree(&cur).map_err(|m| err(first_line, m))?;
        out.push(cur);
    }
    Ok(out)
}

fn check_tree(s: &ConllSentence) -> Result<(), String> {
    let n = s.words.len();
    for (i, w) in s.words.iter().enumerate() {
        if w.head > n {
            return Err(format!(
                "word {} has head {} beyond the sentence ({} words)",
                i + 1,
                w.head,
                n
            ));
        }
        if w.head == i + 1 {
            return Err(format!("word {} is its own head", i + 1));
        }
    }
    Ok(())
}

/// Writes sentences as CoNLL-U.
pub fn write(sentences: &[ConllSentence]) -> String {
    let mut out = String::new();
    for s in sentences {
        for c in &s.comments {
            let _ = writeln!(out, "# {c}");
        }
        for (i, w) in s.words.iter().enumerate() {
            for (a, b, form) in &s.multiword {
                if *a == i + 1 {
                    let _ = writeln!(out, "{a}-{b}\t{form}\t_\t_\t_\t_\t_\t_\t_\t_");
                }
            }
            let dash = |x: &str| {
                if x.is_empty() {
                    "_".to_string()
                } else {
                    x.to_string()
                }
            };
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t_\t_",
                i + 1,
                dash(&w.form),
                dash(&w.lemma),
                dash(&w.upos),
                dash(&w.xpos),
                dash(&w.feats),
                w.head,
                dash(&w.deprel)
            );
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# text = It works.\n1\tIt\tit\tPRON\tPRP\tCase=Nom\t2\tnsubj\t_\t_\n2-3\tworks.\t_\t_\t_\t_\t_\t_\t_\t_\n2\tworks\twork\tVERB\tVBZ\t_\t0\troot\t_\t_\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";

    #[test]
    fn round_trip() {
        let s = parse("x.conllu", SAMPLE).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].words[1].lemma, "work");
        assert_eq!(s[0].words[0].head, 2);
        assert_eq!(write(&s), SAMPLE);
    }

    #[test]
    fn malformed_input_names_file_and_line() {
        let rows = [
            ("1\tIt\tit\tPRON\n\n", "x.conllu:1: expected 10"),
            (
                "1\tIt\tit\tPRON\tPRP\t_\t0\troot\t_\t_\n3\tx\tx\tX\tX\t_\t1\tdep\t_\t_\n\n",
                "x.conllu:2: word id 3 out of sequence",
            ),
            (
                "1\tIt\tit\tPRON\tPRP\t_\tzz\troot\t_\t_\n\n",
                "x.conllu:1: bad head",
            ),
            (
                "# c\n1\tIt\tit\tPRON\tPRP\t_\t5\troot\t_\t_\n\n",
                "x.conllu:1: word 1 has head 5",
            ),
            (
                "1\tIt\tit\tPRON\tPRP\t_\t1\troot\t_\t_\n\n",
                "x.conllu:1: word 1 is its own head",
            ),
        ];
        for (text, want) in rows {
            let e = parse("x.conllu", text).unwrap_err();
            assert!(e.to_string().starts_with(want), "{e}");
        }
    }
}
