//! CAMEO codes (names, quad class, Goldstein) and the CAMEO→PLOVER 2021 mapping.
//!
//! The tables are facts from GDELT's CAMEO code table and the PLOVER project (see NOTICE);
//! they are compiled into the binary and parsed once into an immutable [`Ontology`].

use std::collections::HashMap;

const CAMEO_TSV: &str = include_str!("../../../data/ontology/cameo_codes.tsv");
const PLOVER_TXT: &str = include_str!("../../../data/ontology/CAMEO2PLOVER-2021.txt");
const PLOVER_SUPPLEMENT: &str = include_str!("../../../data/ontology/plover_supplement.txt");

/// One CAMEO code.
#[derive(Debug, Clone, PartialEq)]
pub struct CameoCode {
    /// The code (`0233`).
    pub code: String,
    /// Two-digit root.
    pub root: String,
    /// Quad class 1–4.
    pub quad_class: u8,
    /// GDELT's name for the code.
    pub name: String,
    /// Goldstein score, GDELT variant.
    pub goldstein: f64,
}

/// The PLOVER type (and mode) a CAMEO code maps to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PloverMapping {
    /// PLOVER 2021 event type (`ASSAULT`).
    pub event: String,
    /// PLOVER mode, where the table gives one.
    pub mode: Option<String>,
}

/// A table could not be parsed.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{table}:{line}: {message}")]
pub struct OntologyError {
    /// Which table.
    pub table: &'static str,
    /// 1-based line.
    pub line: usize,
    /// What was wrong.
    pub message: String,
}

/// CAMEO codes and their PLOVER mapping.
#[derive(Debug, Clone)]
pub struct Ontology {
    cameo: HashMap<String, CameoCode>,
    plover: HashMap<String, PloverMapping>,
}

impl Ontology {
    /// The built-in tables.
    pub fn builtin() -> Result<Self, OntologyError> {
        let mut o = Self::parse(CAMEO_TSV, PLOVER_TXT)?;
        let extra = Self::parse("", PLOVER_SUPPLEMENT)?;
        o.plover.extend(extra.plover);
        Ok(o)
    }

    /// Parses a CAMEO code table (TSV with header `code root level quad_class name_gdelt
    /// name_icews goldstein_gdelt goldstein_icews`) and a CAMEO→PLOVER table (`code: TYPE, mode,
    /// context # comment`).
    pub fn parse(cameo_tsv: &str, plover_txt: &str) -> Result<Self, OntologyError> {
        let mut cameo = HashMap::new();
        for (i, line) in cameo_tsv.lines().enumerate().skip(1) {
            if line.trim().is_empty() {
                continue;
            }
            let err = |message: String| OntologyError {
                table: "cameo_codes.tsv",
                line: i + 1,
                message,
            };
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 7 {
                return Err(err(format!("expected 8 columns, found {}", f.len())));
            }
            let quad_class = f[3]
                .trim()
                .parse::<u8>()
                .map_err(|_| err(format!("bad quad class {:?}", f[3])))?;
            // A few codes lack GDELT's values; the ICEWS variant fills them.
            let gold = if f[6].trim().is_empty() {
                f.get(7).copied().unwrap_or("")
            } else {
                f[6]
            };
            let goldstein = gold
                .trim()
                .parse::<f64>()
                .map_err(|_| err(format!("bad Goldstein value {gold:?}")))?;
            let name = if f[4].trim().is_empty() { f[5] } else { f[4] };
            let code = f[0].trim().to_string();
            cameo.insert(
                code.clone(),
                CameoCode {
                    code,
                    root: f[1].trim().to_string(),
                    quad_class,
                    name: name.trim().trim_matches('"').to_string(),
                    goldstein,
                },
            );
        }
        let mut plover = HashMap::new();
        for (i, line) in plover_txt.lines().enumerate() {
            let body = line.split('#').next().unwrap_or("").trim();
            if body.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((code, rest)) = body.split_once(':') else {
                continue;
            };
            let code = code.trim();
            if !code.chars().all(|c| c.is_ascii_digit()) {
                return Err(OntologyError {
                    table: "CAMEO2PLOVER-2021.txt",
                    line: i + 1,
                    message: format!("bad CAMEO code {code:?}"),
                });
            }
            let mut parts = rest.split(',').map(str::trim);
            let event = parts.next().unwrap_or("");
            if event.is_empty() {
                continue;
            }
            let mode = parts.next().filter(|m| !m.is_empty()).map(str::to_string);
            plover.insert(
                code.to_string(),
                PloverMapping {
                    event: event.to_string(),
                    mode,
                },
            );
        }
        Ok(Ontology { cameo, plover })
    }

    /// Looks up a CAMEO code.
    pub fn cameo(&self, code: &str) -> Option<&CameoCode> {
        self.cameo.get(code)
    }

    /// The PLOVER mapping of a CAMEO code: the code's own row, else its parents'.
    pub fn plover(&self, code: &str) -> Option<&PloverMapping> {
        let mut c = code;
        while c.len() >= 2 {
            if let Some(m) = self.plover.get(c) {
                return Some(m);
            }
            c = &c[..c.len() - 1];
        }
        None
    }

    /// All CAMEO codes.
    pub fn codes(&self) -> impl Iterator<Item = &CameoCode> {
        self.cameo.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_tables_parse() {
        let o = Ontology::builtin().unwrap();
        let c = o.cameo("190").unwrap();
        assert_eq!(c.root, "19");
        assert_eq!(c.quad_class, 4);
        assert_eq!(c.goldstein, -10.0);
        assert_eq!(o.plover("190").unwrap().event, "ASSAULT");
        assert_eq!(o.plover("0233").unwrap().event, "REQUEST");
        assert!(o.plover("010").is_none());
        assert!(o.codes().count() > 300);
    }

    #[test]
    fn bad_row_names_table_and_line() {
        let e = Ontology::parse("h\n01\t01\t0\tx\tA\tA\t0\t0\n", "").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.to_string().starts_with("cameo_codes.tsv:2:"));
    }
}
