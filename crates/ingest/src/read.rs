//! Readers for the three input formats.
//!
//! # Formats
//! - **Dated text** (`.txt`): the first line starts with `date YYYY-MM-DD`; the body follows on
//!   the same line after a space or on the next line. One article per file; its id is the file
//!   stem. The article text is the body exactly as given.
//! - **JSONL** (`.jsonl`, `.ndjson`): one JSON object per line with `text`, `date`
//!   (`YYYY-MM-DD` or RFC 3339) and optional `id`, `title`, `url`, `source`; blank lines are
//!   skipped; a missing id becomes `stem:line`.
//! - **CSV** (`.csv`): a header with at least `date` and `text`, optional `id`, `title`, `url`,
//!   `source`.

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use dyad_core::Article;
use std::path::Path;

/// Input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `date YYYY-MM-DD` header, then the body.
    DatedText,
    /// One JSON object per line.
    Jsonl,
    /// CSV with a header row.
    Csv,
}

impl Format {
    /// The format a file extension implies, if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::DatedText),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// Guesses the format of unnamed input (stdin) from its first bytes.
    pub fn sniff(bytes: &[u8]) -> Format {
        let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let first = start
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .map(|i| &start[i..]);
        match first {
            Some(s) if s.starts_with(b"{") => Format::Jsonl,
            Some(s) if s.starts_with(b"date ") || s.starts_with(b"date\t") => Format::DatedText,
            _ => Format::Csv,
        }
    }
}

/// Options that relax ingest rules.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    pub lossy: bool,
    /// Date for records that have none (instead of failing).
    pub default_date: Option<NaiveDate>,
}

/// What was wrong with a record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IngestErrorKind {
    /// Bytes that are not UTF-8.
    #[error("invalid UTF-8 at byte {byte} (use --lossy to replace it)")]
    InvalidUtf8 {
        /// Offset of the first bad byte in the input.
        byte: usize,
    },
    /// A dated-text file without its header.
    #[error("expected the first line to start with `date YYYY-MM-DD` (or pass --default-date)")]
    MissingHeader,
    /// A record without a date.
    #[error("record has no date (or pass --default-date)")]
    MissingDate,
    /// A date that does not parse.
    #[error("bad date {0:?}: expected YYYY-MM-DD or RFC 3339")]
    BadDate(String),
    /// A required field is absent or not a string.
    #[error("missing or non-string field `{0}`")]
    MissingField(&'static str),
    /// The article text is empty.
    #[error("article text is empty")]
    EmptyText,
    /// A JSON syntax error.
    #[error("invalid JSON: {0}")]
    Json(String),
    /// A CSV error.
    #[error("invalid CSV: {0}")]
    Csv(String),
}

/// An error in one record, naming the input and the 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{input}:{line}: {kind}")]
pub struct IngestError {
    /// Input name (path, or `-` for stdin).
    pub input: String,
    /// 1-based line of the record (or of the bad byte).
    pub line: usize,
    /// What went wrong.
    pub kind: IngestErrorKind,
}

/// Parses one input into articles: one result per record, in input order.
pub fn read_articles(
    input: &str,
    bytes: &[u8],
    format: Format,
    opts: &IngestOptions,
) -> Vec<Result<Article, IngestError>> {
    let stem = if input == "-" {
        "stdin".to_string()
    } else {
        Path::new(input)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or(input)
            .to_string()
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let err = |line: usize, kind: IngestErrorKind| IngestError {
        input: input.to_string(),
        line,
        kind,
    };
    match format {
        Format::DatedText => match decode(bytes, opts.lossy) {
            Ok(text) => vec![dated_text(&stem, input, &text, opts).map_err(|(l, k)| err(l, k))],
            Err(k) => vec![Err(err(line_of(bytes, k.byte_offset()), k))],
        },
        Format::Jsonl => {
            let mut out = Vec::new();
            let mut start = 0usize;
            for (n, raw) in bytes.split(|b| *b == b'\n').enumerate() {
                let line = n + 1;
                let here = start;
                start += raw.len() + 1;
                let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
                if raw.iter().all(|b| b.is_ascii_whitespace()) {
                    continue;
                }
                let rec = match decode(raw, opts.lossy) {
                    Ok(s) => jsonl_record(&stem, input, line, &s, opts),
                    Err(k) => Err(match k {
                        IngestErrorKind::InvalidUtf8 { byte } => {
                            IngestErrorKind::InvalidUtf8 { byte: here + byte }
                        }
                        other => other,
                    }),
                };
                out.push(rec.map_err(|k| err(line, k)));
            }
            out
        }
        Format::Csv => match decode(bytes, opts.lossy) {
            Ok(text) => csv_records(&stem, input, &text, opts)
                .into_iter()
                .map(|r| r.map_err(|(l, k)| err(l, k)))
                .collect(),
            Err(k) => vec![Err(err(line_of(bytes, k.byte_offset()), k))],
        },
    }
}

impl IngestErrorKind {
    fn byte_offset(&self) -> usize {
        match self {
            IngestErrorKind::InvalidUtf8 { byte } => *byte,
            _ => 0,
        }
    }
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

fn decode(bytes: &[u8], lossy: bool) -> Result<String, IngestErrorKind> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) if lossy => Ok(String::from_utf8_lossy(bytes).into_owned()),
        Err(e) => Err(IngestErrorKind::InvalidUtf8 {
            byte: e.valid_up_to(),
        }),
    }
}

/// Parses a date given as `YYYY-MM-DD`, RFC 3339, or `YYYY-MM-DDTHH:MM:SS`.
pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, IngestErrorKind> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Ok(dt.date_naive());
    }
    if let Ok(dt) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S") {
        return Ok(dt.date());
    }
    Err(IngestErrorKind::BadDate(s.to_string()))
}

fn dated_text(
    stem: &str,
    input: &str,
    text: &str,
    opts: &IngestOptions,
) -> Result<Article, (usize, IngestErrorKind)> {
    let (date, body) = match text.strip_prefix("date") {
        Some(rest) if rest.starts_with([' ', '\t']) => {
            let rest = rest.trim_start_matches([' ', '\t']);
            let token_end = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
            let date = parse_date(&rest[..token_end]).map_err(|k| (1, k))?;
            let after = &rest[token_end..];
            // The body starts after the line break, or after the spaces on the header line.
            let body = if let Some(b) = after
                .strip_prefix("\r\n")
                .or_else(|| after.strip_prefix('\n'))
            {
                b
            } else {
                let t = after.trim_start_matches([' ', '\t']);
                t.strip_prefix("\r\n")
                    .or_else(|| t.strip_prefix('\n'))
                    .unwrap_or(t)
            };
            (date, body)
        }
        _ => match opts.default_date {
            Some(d) => (d, text),
            None => return Err((1, IngestErrorKind::MissingHeader)),
        },
    };
    if body.trim().is_empty() {
        return Err((1, IngestErrorKind::EmptyText));
    }
    Ok(Article {
        id: stem.to_string(),
        date,
        title: None,
        url: None,
        source: None,
        text: body.to_string(),
        origin: format!("{input}:1"),
    })
}

fn json_str(v: &serde_json::Value, key: &str) -> Option<String> {
    match v.get(key)? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn jsonl_record(
    stem: &str,
    input: &str,
    line: usize,
    s: &str,
    opts: &IngestOptions,
) -> Result<Article, IngestErrorKind> {
    let v: serde_json::Value =
        serde_json::from_str(s).map_err(|e| IngestErrorKind::Json(e.to_string()))?;
    if !v.is_object() {
        return Err(IngestErrorKind::Json("expected an object".into()));
    }
    let text = match v.get("text") {
        Some(serde_json::Value::String(t)) => t.clone(),
        _ => return Err(IngestErrorKind::MissingField("text")),
    };
    let date = match json_str(&v, "date").filter(|d| !d.trim().is_empty()) {
        Some(d) => parse_date(&d)?,
        None => opts.default_date.ok_or(IngestErrorKind::MissingDate)?,
    };
    if text.trim().is_empty() {
        return Err(IngestErrorKind::EmptyText);
    }
    Ok(Article {
        id: json_str(&v, "id").unwrap_or_else(|| format!("{stem}:{line}")),
        date,
        title: json_str(&v, "title"),
        url: json_str(&v, "url"),
        source: json_str(&v, "source"),
        text,
        origin: format!("{input}:{line}"),
    })
}

fn csv_records(
    stem: &str,
    input: &str,
    text: &str,
    opts: &IngestOptions,
) -> Vec<Result<Article, (usize, IngestErrorKind)>> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => return vec![Err((1, IngestErrorKind::Csv(e.to_string())))],
    };
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let (Some(date_col), Some(text_col)) = (col("date"), col("text")) else {
        let missing = if col("date").is_none() {
            "date"
        } else {
            "text"
        };
        return vec![Err((1, IngestErrorKind::MissingField(missing)))];
    };
    let (id_col, title_col, url_col, source_col) =
        (col("id"), col("title"), col("url"), col("source"));
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                out.push(Err((line, IngestErrorKind::Csv(e.to_string()))));
                continue;
            }
        };
        let line = rec.position().map(|p| p.line() as usize).unwrap_or(0);
        let get = |c: Option<usize>| {
            c.and_then(|c| rec.get(c))
                .map(str::to_string)
                .filter(|s| !s.is_empty())
        };
        let result = (|| {
            let date = match get(Some(date_col)) {
                Some(d) => parse_date(&d)?,
                None => opts.default_date.ok_or(IngestErrorKind::MissingDate)?,
            };
            let text = get(Some(text_col)).ok_or(IngestErrorKind::EmptyText)?;
            if text.trim().is_empty() {
                return Err(IngestErrorKind::EmptyText);
            }
            Ok(Article {
                id: get(id_col).unwrap_or_else(|| format!("{stem}:{line}")),
                date,
                title: get(title_col),
                url: get(url_col),
                source: get(source_col),
                text,
                origin: format!("{input}:{line}"),
            })
        })();
        out.push(result.map_err(|k| (line, k)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8], f: Format) -> Vec<Result<Article, IngestError>> {
        read_articles("in/x.txt", bytes, f, &IngestOptions::default())
    }

    #[test]
    fn dated_text_body_on_same_line_or_next() {
        let a = read(b"date 2024-03-19 Body here.\n\nMore.", Format::DatedText)
            .remove(0)
            .unwrap();
        assert_eq!(a.text, "Body here.\n\nMore.");
        assert_eq!(a.id, "x");
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2024, 3, 19).unwrap());
        let a = read(b"date 2024-03-19\nBody.", Format::DatedText)
            .remove(0)
            .unwrap();
        assert_eq!(a.text, "Body.");
        let a = read(b"date 2024-03-19\r\nBody.", Format::DatedText)
            .remove(0)
            .unwrap();
        assert_eq!(a.text, "Body.");
    }

    #[test]
    fn bad_inputs_name_file_and_line() {
        let rows: [(&str, &[u8], Format, &str); 9] = [
            (
                "no header",
                b"Hello world.",
                Format::DatedText,
                "in/x.txt:1: expected the first line",
            ),
            (
                "bad date",
                b"date 2024-13-40 x",
                Format::DatedText,
                "in/x.txt:1: bad date \"2024-13-40\"",
            ),
            (
                "empty body",
                b"date 2024-01-01\n  \n",
                Format::DatedText,
                "in/x.txt:1: article text is empty",
            ),
            (
                "utf8",
                b"date 2024-01-01\nok\nbad \xff here",
                Format::DatedText,
                "in/x.txt:3: invalid UTF-8",
            ),
            (
                "json syntax",
                b"{\"date\":\"2024-01-01\",\"text\":\"a\"}\n{oops",
                Format::Jsonl,
                "in/x.txt:2: invalid JSON",
            ),
            (
                "json no date",
                b"{\"text\":\"a\"}",
                Format::Jsonl,
                "in/x.txt:1: record has no date",
            ),
            (
                "json no text",
                b"{\"date\":\"2024-01-01\"}",
                Format::Jsonl,
                "in/x.txt:1: missing or non-string field `text`",
            ),
            (
                "csv no text col",
                b"date,body\n2024-01-01,x\n",
                Format::Csv,
                "in/x.txt:1: missing or non-string field `text`",
            ),
            (
                "csv bad date",
                b"date,text\n2024-01-01,a\nnope,b\n",
                Format::Csv,
                "in/x.txt:3: bad date \"nope\"",
            ),
        ];
        for (name, bytes, f, want) in rows {
            let got: Vec<String> = read(bytes, f)
                .into_iter()
                .filter_map(|r| r.err())
                .map(|e| e.to_string())
                .collect();
            assert!(got.iter().any(|g| g.starts_with(want)), "{name}: {got:?}");
        }
    }

    #[test]
    fn lossy_and_default_date_relax_rules() {
        let opts = IngestOptions {
            lossy: true,
            default_date: NaiveDate::from_ymd_opt(2020, 1, 2),
        };
        let a = read_articles("x.txt", b"Hello \xff world.", Format::DatedText, &opts)
            .remove(0)
            .unwrap();
        assert_eq!(a.text, "Hello \u{FFFD} world.");
        assert_eq!(a.date.to_string(), "2020-01-02");
    }

    #[test]
    fn jsonl_and_csv_records() {
        let j = b"{\"id\":\"a1\",\"date\":\"2024-03-19T10:00:00Z\",\"text\":\"T\",\"title\":\"H\"}\n\n{\"date\":\"2024-03-20\",\"text\":\"U\"}\n";
        let recs: Vec<Article> = read(j, Format::Jsonl)
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0].id, "a1");
        assert_eq!(recs[0].title.as_deref(), Some("H"));
        assert_eq!(recs[1].id, "x:3");
        let c = b"id,date,text\nk,2024-01-01,\"Hello, world.\"\n";
        let recs: Vec<Article> = read(c, Format::Csv)
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(recs[0].text, "Hello, world.");
    }

    #[test]
    fn sniffing() {
        assert_eq!(Format::sniff(b"date 2024-01-01 x"), Format::DatedText);
        assert_eq!(Format::sniff(b"  {\"a\":1}"), Format::Jsonl);
        assert_eq!(Format::sniff(b"date,text\n"), Format::Csv);
    }
}
