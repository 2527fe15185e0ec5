//! Input discovery: files, directories (recursive, by extension, sorted) and stdin.

use anyhow::{bail, Context, Result};
use dyad_ingest::Format;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One input to read.
pub struct Input {
    /// Name used in messages (`-` for stdin).
    pub name: String,
    path: Option<PathBuf>,
    format: Option<Format>,
    /// Size in bytes (0 for stdin), for progress.
    pub size: u64,
}

impl Input {
    /// The input's format: from its extension, or sniffed from its bytes.
    pub fn format(&self, bytes: &[u8]) -> Format {
        self.format.unwrap_or_else(|| Format::sniff(bytes))
    }
}

/// Expands the command line's inputs.
pub fn discover(args: &[String]) -> Result<Vec<Input>> {
    let mut out = Vec::new();
    for a in args {
        if a == "-" {
            out.push(Input {
                name: "-".into(),
                path: None,
                format: None,
                size: 0,
            });
            continue;
        }
        let p = Path::new(a);
        let meta = std::fs::metadata(p).with_context(|| format!("{a}: cannot open"))?;
        if meta.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(p)
                .follow_links(true)
                .into_iter()
                .filter_map(|e| e.ok())
                .filter(|e| e.file_type().is_file() && Format::from_path(e.path()).is_some())
                .map(|e| e.into_path())
                .collect();
            found.sort();
            if found.is_empty() {
                bail!("{a}: no .txt, .jsonl, .ndjson or .csv files in this directory");
            }
            for f in found {
                let size = std::fs::metadata(&f).map(|m| m.len()).unwrap_or(0);
                out.push(Input {
                    name: f.display().to_string(),
                    format: Format::from_path(&f),
                    path: Some(f),
                    size,
                });
            }
        } else {
            // A file named explicitly is read even without a known extension (format sniffed).
            out.push(Input {
                name: a.clone(),
                format: Format::from_path(p),
                path: Some(p.to_path_buf()),
                size: meta.len(),
            });
        }
    }
    Ok(out)
}

/// Reads an input's bytes.
pub fn read(input: &Input) -> Result<Vec<u8>> {
    match &input.path {
        Some(p) => std::fs::read(p).with_context(|| format!("{}: cannot read", input.name)),
        None => {
            let mut b = Vec::new();
            std::io::stdin()
                .read_to_end(&mut b)
                .context("-: cannot read stdin")?;
            Ok(b)
        }
    }
}
