//! Import of PETRARCH/TABARI actor and agent dictionaries into dyad's format.
//!
//! - **Actors** (`phrase [CODE]`, `+synonym` lines, tab-indented `[CODE dates]` restrictions):
//!   records with date restrictions become people rows (one per restriction; a default code
//!   covers the time before the first restriction); records with a three-letter country code
//!   become country rows (names only); other coded records become organization rows.
//! - **Agents** (`phrase {plural} [~CODE]`, `!MARKER! = A, B` substitutions): sector rows.
//!
//! Phrases lose their underscores (dyad matches names on token boundaries, case-insensitively);
//! codes are split into a country and CAMEO sectors. Lines that cannot be used are counted
//! and reported, never silently dropped.

use dyad_text::plural;
use std::collections::BTreeMap;
use std::fmt::Write as _;

const SECTORS: &[&str] = &[
    "COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS", "CRM",
    "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "MOD", "RAD",
    "IGO", "IMG", "INT", "MNC", "NGM", "NGO", "UIS",
];

/// dyad-format TSV produced from PETRARCH files, with counts of what was used and skipped.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// `countries.tsv` rows.
    pub countries: String,
    /// `organizations.tsv` rows.
    pub organizations: String,
    /// `people.tsv` rows.
    pub people: String,
    /// `sectors.tsv` rows.
    pub sectors: String,
    /// Records converted.
    pub records: usize,
    /// `file:line: reason` for every line that could not be converted.
    pub skipped: Vec<String>,
}

fn phrase(p: &str) -> String {
    let p = p
        .split('#')
        .next()
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("");
    p.replace(['_', '\t', '|'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn title_case(p: &str) -> String {
    p.split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or(String::new(), |f| {
                f.to_uppercase().collect::<String>() + c.as_str()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits a CAMEO actor code into (country, sectors): `USAGOV` → (USA, [GOV]);
/// `IGOUNO` → (None, [IGO]).
fn split_code(code: &str) -> (Option<String>, Vec<String>) {
    let chunks: Vec<&str> = (0..code.len() / 3)
        .filter_map(|i| code.get(3 * i..3 * i + 3))
        .collect();
    let Some(first) = chunks.first() else {
        return (None, Vec::new());
    };
    if SECTORS.contains(first) {
        return (None, vec![first.to_string()]);
    }
    let sectors = chunks[1..]
        .iter()
        .filter(|c| SECTORS.contains(c))
        .map(|c| c.to_string())
        .collect();
    (Some(first.to_string()), sectors)
}

fn date(s: &str) -> Option<String> {
    let s = s.trim();
    let (y, rest) = match s.len() {
        8 => (s.get(..4)?.parse::<i32>().ok()?, s.get(4..)?),
        // Two-digit years: TABARI's convention puts 00–29 in this century.
        6 => {
            let yy = s.get(..2)?.parse::<i32>().ok()?;
            (if yy < 30 { 2000 + yy } else { 1900 + yy }, s.get(2..)?)
        }
        _ => return None,
    };
    let m = rest.get(..2)?.parse::<u32>().ok()?.clamp(1, 12);
    let d = rest.get(2..4)?.parse::<u32>().ok()?.clamp(1, 31);
    // Days past the end of the month (a common slip in hand-kept dates) fall back to its end.
    (0..4)
        .find_map(|k| chrono::NaiveDate::from_ymd_opt(y, m, d.saturating_sub(k).max(1)))
        .map(|x| x.to_string())
}

/// One `[CODE dates]` restriction: (code, start, end).
fn restriction(body: &str) -> Option<(String, Option<String>, Option<String>)> {
    let mut parts = body.split_whitespace();
    let code = parts.next()?.to_string();
    let Some(mut when) = parts.next().map(str::to_string) else {
        return Some((code, None, None));
    };
    // "> 140608" with a space is read like ">140608".
    if when == "<" || when == ">" {
        when.push_str(parts.next()?);
    }
    let when = when.as_str();
    if let Some(d) = when.strip_prefix('<') {
        return Some((code, None, Some(date(d)?)));
    }
    if let Some(d) = when.strip_prefix('>') {
        return Some((code, Some(date(d)?), None));
    }
    let (a, b) = when.split_once('-')?;
    Some((code, Some(date(a)?), Some(date(b)?)))
}

struct Record {
    line: usize,
    names: Vec<String>,
    code: Option<String>,
    dated: Vec<(String, Option<String>, Option<String>)>,
}

/// Converts a PETRARCH actor dictionary.
pub fn import_actors(file: &str, text: &str, out: &mut Imported) {
    let mut records: Vec<Record> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
            continue;
        }
        if raw.starts_with('\t') || raw.starts_with(' ') && raw.trim_start().starts_with('[') {
            let body = raw.trim().trim_start_matches('[');
            let body = body.split(']').next().unwrap_or("");
            match (records.last_mut(), restriction(body)) {
                (Some(r), Some((code, None, None))) => r.code = Some(code),
                (Some(r), Some(x)) => r.dated.push(x),
                _ => out
                    .skipped
                    .push(format!("{file}:{n}: unreadable date restriction")),
            }
            continue;
        }
        let line = raw.trim();
        let (name_part, code) = match line.find('[') {
            Some(b) => {
                let code = line[b + 1..]
                    .split(']')
                    .next()
                    .unwrap_or("")
                    .split_whitespace()
                    .next()
                    .map(str::to_string);
                (&line[..b], code)
            }
            None => (line, None),
        };
        if let Some(syn) = name_part.strip_prefix('+') {
            match records.last_mut() {
                Some(r) => {
                    let p = phrase(syn);
                    if !p.is_empty() {
                        r.names.push(p);
                    }
                }
                None => out
                    .skipped
                    .push(format!("{file}:{n}: synonym before any record")),
            }
            continue;
        }
        let p = phrase(name_part);
        if p.is_empty() {
            out.skipped.push(format!("{file}:{n}: no phrase"));
            continue;
        }
        records.push(Record {
            line: n,
            names: vec![p],
            code,
            dated: Vec::new(),
        });
    }
    for r in records {
        let mut names = r.names.clone();
        names.dedup();
        let cell = names.join("|");
        let entity = title_case(&names[0]);
        if !r.dated.is_empty() {
            let mut rows = r.dated.clone();
            rows.sort_by(|a, b| a.1.cmp(&b.1));
            if let (Some(code), Some(first_start)) =
                (&r.code, rows.first().and_then(|x| x.1.clone()))
            {
                rows.insert(
                    0,
                    (code.clone(), Some("1800-01-01".into()), Some(first_start)),
                );
            }
            let mut ok = false;
            for (code, start, end) in rows {
                if code.len() < 3
                    || !code
                        .chars()
                        .all(|x| x.is_ascii_uppercase() || x.is_ascii_digit())
                {
                    out.skipped.push(format!(
                        "{file}:{}: restriction without a usable code ({code})",
                        r.line
                    ));
                    continue;
                }
                let (country, sectors) = split_code(&code);
                let sector = sectors.first().cloned().unwrap_or_else(|| "ELI".into());
                let start = start.unwrap_or_else(|| "1800-01-01".into());
                if end.as_ref().is_some_and(|e| *e < start) {
                    out.skipped.push(format!(
                        "{file}:{}: restriction ends before it starts",
                        r.line
                    ));
                    continue;
                }
                let _ = writeln!(
                    out.people,
                    "{entity}\t\t{cell}\t{}\t{sector}\t{start}\t{}\tPETRARCH {code}",
                    country.unwrap_or_default(),
                    end.unwrap_or_default()
                );
                ok = true;
            }
            out.records += ok as usize;
            continue;
        }
        let Some(code) = r.code.filter(|c| {
            c.len() >= 3
                && c.chars()
                    .all(|x| x.is_ascii_uppercase() || x.is_ascii_digit())
        }) else {
            out.skipped
                .push(format!("{file}:{}: record without a usable code", r.line));
            continue;
        };
        let (country, sectors) = split_code(&code);
        if code.len() == 3 && country.is_some() {
            let _ = writeln!(out.countries, "{code}\t{entity}\t\t{cell}\t\t");
        } else {
            let _ = writeln!(
                out.organizations,
                "{code}\t{}\t{}\t{entity}\t\t{cell}",
                country.unwrap_or_default(),
                sectors.join(",")
            );
        }
        out.records += 1;
    }
}

/// Converts a PETRARCH agent dictionary.
pub fn import_agents(file: &str, text: &str, out: &mut Imported) {
    let mut markers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut by_sector: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('!') {
            if let Some((m, alts)) = line.split_once('=') {
                markers.insert(
                    m.trim().to_string(),
                    alts.split(',')
                        .map(|a| a.trim().to_lowercase())
                        .filter(|a| !a.is_empty())
                        .collect(),
                );
            } else {
                out.skipped
                    .push(format!("{file}:{n}: bad substitution marker"));
            }
            continue;
        }
        let Some(b) = line.find('[') else {
            out.skipped
                .push(format!("{file}:{n}: agent without a code"));
            continue;
        };
        let code = line[b + 1..]
            .split(']')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches('~')
            .to_string();
        let sector = code.get(..3).unwrap_or("");
        if !SECTORS.contains(&sector) {
            out.skipped.push(format!(
                "{file}:{n}: agent code {code:?} is not a CAMEO sector"
            ));
            continue;
        }
        let head = &line[..b];
        let (root, plural_part) = match head.find('{') {
            Some(c) => (
                &head[..c],
                Some(head[c + 1..].split('}').next().unwrap_or("").trim()),
            ),
            None => (head, None),
        };
        // Expand substitution markers: CATTLE!PERSON! -> cattle man, cattle men, ...
        let mut forms = vec![root.trim().to_string()];
        for (m, alts) in &markers {
            if forms.iter().any(|f| f.contains(m.as_str())) {
                forms = forms
                    .iter()
                    .flat_map(|f| {
                        alts.iter()
                            .map(move |a| f.replace(m.as_str(), &format!("_{a}")))
                    })
                    .collect();
            }
        }
        let list = by_sector.entry(sector.to_string()).or_default();
        for f in forms {
            let p = phrase(&f);
            if p.is_empty() || p.contains('!') {
                continue;
            }
            let has_marker_plural = root.contains('!');
            match plural_part {
                Some("") => list.push(p),
                Some(pl) => {
                    list.push(p);
                    list.push(phrase(pl));
                }
                None if has_marker_plural => list.push(p),
                None => {
                    list.push(plural(&p));
                    list.push(p);
                }
            }
        }
        out.records += 1;
    }
    for (sector, mut terms) in by_sector {
        terms.sort();
        terms.dedup();
        // Long rows are split so that a bad term is easy to find.
        for chunk in terms.chunks(200) {
            let _ = writeln!(out.sectors, "{}\t{sector}\tagent", chunk.join("|"));
        }
    }
}

impl Imported {
    /// The files to write: (file name, contents with a provenance header), non-empty only.
    pub fn files(&self, origin: &str) -> Vec<(String, String)> {
        let header = |cols: &str| {
            format!("# Imported from PETRARCH dictionaries ({origin}) by `dyad dict import-petrarch`.\n# Columns: {cols}\n")
        };
        [
            (
                "countries_petrarch.tsv",
                "iso3 entity wikidata names adjectives capitals",
                &self.countries,
            ),
            (
                "organizations_petrarch.tsv",
                "code country sectors entity wikidata names",
                &self.organizations,
            ),
            (
                "people_petrarch.tsv",
                "entity wikidata names country sector start end role",
                &self.people,
            ),
            ("sectors_petrarch.tsv", "terms sector kind", &self.sectors),
        ]
        .into_iter()
        .filter(|(_, _, body)| !body.is_empty())
        .map(|(name, cols, body)| (name.to_string(), header(cols) + body))
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_actor_records() {
        let text = "AFGHANISTAN_  [AFG]\n+AFGHAN_\n+KABUL_\n\nHAMID_KARZAI_  [AFGELI]; CountryInfo.txt\n\t[AFGGOV 011222-141229]\n\nTHE_UNITED_NATIONS_ [IGOUNO]\n+UN_\n";
        let mut out = Imported::default();
        import_actors("a.txt", text, &mut out);
        assert_eq!(out.records, 3, "{:?}", out.skipped);
        assert_eq!(
            out.countries,
            "AFG\tAfghanistan\t\tafghanistan|afghan|kabul\t\t\n"
        );
        assert!(
            out.people.contains(
                "Hamid Karzai\t\thamid karzai\tAFG\tGOV\t2001-12-22\t2014-12-29\tPETRARCH AFGGOV"
            ),
            "{}",
            out.people
        );
        assert!(
            out.people.contains("\tAFG\tELI\t1800-01-01\t2001-12-22\t"),
            "{}",
            out.people
        );
        assert_eq!(
            out.organizations,
            "IGOUNO\t\tIGO\tThe United Nations\t\tthe united nations|un\n"
        );
    }

    #[test]
    fn converts_agents_with_markers_and_plurals() {
        let text = "!PERSON! = MAN, MEN\nFARMER [~AGR]\nCATTLE!PERSON! [~AGR]\nPOLICE {} [~COP]\nWEIRD [~XYZ]\n";
        let mut out = Imported::default();
        import_agents("g.txt", text, &mut out);
        assert!(
            out.sectors
                .contains("cattle man|cattle men|farmer|farmers\tAGR\tagent"),
            "{}",
            out.sectors
        );
        assert!(
            out.sectors.contains("police\tCOP\tagent"),
            "{}",
            out.sectors
        );
        assert_eq!(out.skipped.len(), 1);
        assert!(out.skipped[0].starts_with("g.txt:5:"));
    }
}
