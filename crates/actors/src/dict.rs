//! Actor dictionaries: parsing dyad's TSV format and matching it against tokens.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chrono::NaiveDate;
use dyad_core::{Document, NormalizedText};
use std::collections::HashMap;
use std::ops::Range;

/// Which kind of dictionary a file holds (fixed by its columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// `iso3 entity wikidata names adjectives capitals`
    Countries,
    /// `code country sectors entity wikidata names`
    Organizations,
    /// `terms sector kind` (kind `agent` or `title`)
    Sectors,
    /// `entity wikidata names country sector start end role`
    People,
    /// `iso3 since before`: a state's first day and the state its names denote before it.
    CountryHistory,
}

impl SourceKind {
    fn columns(self) -> usize {
        match self {
            SourceKind::CountryHistory => 3,
            SourceKind::Countries => 6,
            SourceKind::Organizations => 6,
            SourceKind::Sectors => 3,
            SourceKind::People => 8,
        }
    }
}

/// One dictionary file's text, with the name used in error messages.
#[derive(Debug, Clone)]
pub struct DictSource {
    /// File name for messages.
    pub name: String,
    /// What the file holds.
    pub kind: SourceKind,
    /// The file's text.
    pub text: String,
}

/// A dictionary line that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct DictError {
    /// File name.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// How a country is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CountryForm {
    Name,
    Adjective,
    Capital,
}

#[derive(Debug, Clone)]
pub(crate) struct Country {
    pub iso: String,
    pub entity: String,
    pub wikidata: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct Org {
    pub code: String,
    pub country: Option<String>,
    pub sectors: Vec<String>,
    pub entity: String,
    pub wikidata: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct Role {
    pub country: Option<String>,
    pub sector: String,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub role: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub entity: String,
    pub wikidata: Option<String>,
    pub roles: Vec<Role>,
}

/// What a dictionary pattern denotes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum AtomKind {
    Country(usize, CountryForm),
    Org(usize),
    Agent(String),
    Title(String),
    /// Candidate persons (a surname may name several).
    Person(Vec<usize>),
}

/// A dictionary match in the document.
#[derive(Debug, Clone)]
pub(crate) struct Atom {
    pub tokens: Range<usize>,
    pub sentence: usize,
    pub kind: AtomKind,
    /// Provenance: `file:line`.
    pub rule: String,
}

#[derive(Debug, Clone)]
struct Pattern {
    /// Exact token texts (joined by one space) for case-sensitive entries.
    cased: Option<String>,
    /// Case-sensitive entries with periods (`U.S.`) also match in all-lowercase text.
    lowercase_ok: bool,
    /// The name is written with a capital (a country's or an organization's name): in text
    /// that is not all lowercase, its first word must be capitalized ("the west bank of the
    /// Dnieper" is no West Bank).
    capital: bool,
    kind: AtomKind,
    rule: String,
    priority: u8,
    /// Index of the source file: later files (user dictionaries) override earlier ones.
    source: usize,
}

/// The compiled actor dictionary. Immutable once built; share it with `Arc`.
#[derive(Debug, Clone)]
pub struct Dictionary {
    pub(crate) countries: Vec<Country>,
    /// State → (first day, the state its names denote before).
    history: HashMap<String, (NaiveDate, String)>,
    pub(crate) orgs: Vec<Org>,
    pub(crate) people: Vec<Person>,
    patterns: Vec<Pattern>,
    automaton: AhoCorasick,
    /// Inflected forms of the event lexicon's verbs ("struck", "attacks"): no word of a
    /// compound modifier between a name and its agent noun is one.
    pub(crate) verb_forms: std::collections::HashSet<String>,
}

/// The coder's verb forms (lemma, third singular, past, past participle, gerund).
const VERB_FORMS: &str = include_str!("../../../data/lexicon/verb_forms.tsv");

fn verb_forms() -> std::collections::HashSet<String> {
    VERB_FORMS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(|l| l.split('\t').skip(1))
        .flat_map(|c| c.split('|'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

const BUILTIN: [(&str, SourceKind, &str); 8] = [
    (
        "countries.tsv",
        SourceKind::Countries,
        include_str!("../../../data/actors/countries.tsv"),
    ),
    (
        "country_history.tsv",
        SourceKind::CountryHistory,
        include_str!("../../../data/actors/country_history.tsv"),
    ),
    (
        "organizations.tsv",
        SourceKind::Organizations,
        include_str!("../../../data/actors/organizations.tsv"),
    ),
    (
        "organizations_world.tsv",
        SourceKind::Organizations,
        include_str!("../../../data/actors/organizations_world.tsv"),
    ),
    (
        "sectors.tsv",
        SourceKind::Sectors,
        include_str!("../../../data/actors/sectors.tsv"),
    ),
    (
        "people_history.tsv",
        SourceKind::People,
        include_str!("../../../data/actors/people_history.tsv"),
    ),
    (
        "people_g20.tsv",
        SourceKind::People,
        include_str!("../../../data/actors/people_g20.tsv"),
    ),
    (
        "people_regions.tsv",
        SourceKind::People,
        include_str!("../../../data/actors/people_regions.tsv"),
    ),
];

/// Token key of a dictionary name: lowercased tokens joined by single spaces, plus the
/// case-preserving form.
fn key_of(name: &str) -> (String, String) {
    let name = name.replace(['\u{2019}', '\u{2018}'], "'");
    let norm = NormalizedText::identity(&name);
    let toks = dyad_text::tokenize(&norm);
    let cased: Vec<&str> = toks
        .iter()
        .map(|t| &name[t.norm.start..t.norm.end])
        .collect();
    let lower: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    (lower.join(" "), cased.join(" "))
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

const SECTOR_CODES: &[&str] = &[
    "COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS", "CRM",
    "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "MOD", "RAD",
    "IGO", "IMG", "INT", "MNC", "NGM", "NGO", "UIS",
];

impl Dictionary {
    /// The dictionaries shipped in `data/actors/`.
    pub fn builtin() -> Result<Dictionary, DictError> {
        let sources: Vec<DictSource> = BUILTIN
            .iter()
            .map(|(n, k, t)| DictSource {
                name: (*n).to_string(),
                kind: *k,
                text: (*t).to_string(),
            })
            .collect();
        Dictionary::from_sources(&sources)
    }

    /// The state whose actor a mention of `iso` denotes on `date`, where that differs from
    /// `iso` (the state did not exist yet: Juba in 2000 is a city of Sudan).
    pub(crate) fn predecessor_on<'a>(&'a self, iso: &'a str, date: NaiveDate) -> Option<&'a str> {
        let mut cur = iso;
        let mut changed = None;
        for _ in 0..4 {
            match self.history.get(cur) {
                Some((since, before)) if date < *since => {
                    cur = before.as_str();
                    changed = Some(cur);
                }
                _ => break,
            }
        }
        changed
    }

    /// The built-in sources, for tools that validate or extend them.
    pub fn builtin_sources() -> Vec<DictSource> {
        BUILTIN
            .iter()
            .map(|(n, k, t)| DictSource {
                name: (*n).to_string(),
                kind: *k,
                text: (*t).to_string(),
            })
            .collect()
    }

    /// Parses and compiles dictionary sources. Later sources add to earlier ones; a name
    /// defined again takes the later meaning.
    pub fn from_sources(sources: &[DictSource]) -> Result<Dictionary, DictError> {
        let mut b = Builder::default();
        for (source, src) in sources.iter().enumerate() {
            b.source = source;
            for (i, line) in src.text.lines().enumerate() {
                if line.trim().is_empty() || line.starts_with('#') {
                    continue;
                }
                let err = |message: String| DictError {
                    file: src.name.clone(),
                    line: i + 1,
                    message,
                };
                let cols: Vec<&str> = line.split('\t').collect();
                if cols.len() != src.kind.columns() {
                    return Err(err(format!(
                        "expected {} tab-separated columns, found {}",
                        src.kind.columns(),
                        cols.len()
                    )));
                }
                let rule = format!("{}:{}", src.name, i + 1);
                b.line(src.kind, &cols, rule).map_err(err)?;
            }
        }
        b.finish()
    }

    /// Finds dictionary atoms in every sentence: leftmost-longest, on token boundaries,
    /// case-sensitive where the entry says so.
    pub(crate) fn find_atoms(&self, doc: &Document) -> Vec<Atom> {
        let mut out = Vec::new();
        let lowercase_doc = doc.all_lowercase();
        let mut joined = String::new();
        let mut starts: Vec<usize> = Vec::new();
        for (si, sent) in doc.sentences.iter().enumerate() {
            joined.clear();
            starts.clear();
            for t in &doc.tokens[sent.tokens.clone()] {
                if !joined.is_empty() {
                    joined.push(' ');
                }
                starts.push(joined.len());
                joined.push_str(&t.lower);
            }
            let mut cands: Vec<(usize, usize, usize)> = Vec::new(); // (first tok, end tok, pattern)
            for m in self.automaton.find_overlapping_iter(joined.as_str()) {
                let Ok(a) = starts.binary_search(&m.start()) else {
                    continue;
                };
                let end_ok = m.end() == joined.len() || joined.as_bytes()[m.end()] == b' ';
                if !end_ok {
                    continue;
                }
                let b = starts.partition_point(|s| *s < m.end());
                let pat = &self.patterns[m.pattern().as_usize()];
                if let Some(cased) = &pat.cased {
                    let range = sent.tokens.start + a..sent.tokens.start + b;
                    let actual: Vec<&str> = range.clone().map(|k| doc.token_norm(k)).collect();
                    let same = actual.join(" ") == *cased;
                    if !same && (!lowercase_doc || !pat.lowercase_ok) {
                        continue;
                    }
                }
                // (A leading "the" may be lowercase: "the Netherlands".)
                let first = sent.tokens.start + a;
                let first = if doc.tokens[first].lower == "the" && b > a + 1 {
                    first + 1
                } else {
                    first
                };
                if pat.capital && !lowercase_doc && !doc.tokens[first].capitalized {
                    continue;
                }
                cands.push((a, b, m.pattern().as_usize()));
            }
            // Leftmost-longest, then the higher-priority meaning of the same words.
            cands.sort_by(|x, y| {
                x.0.cmp(&y.0)
                    .then((y.1 - y.0).cmp(&(x.1 - x.0)))
                    .then(
                        self.patterns[y.2]
                            .priority
                            .cmp(&self.patterns[x.2].priority),
                    )
                    // A later source (a user dictionary) overrides an earlier one.
                    .then(self.patterns[y.2].source.cmp(&self.patterns[x.2].source))
            });
            let mut next_free = 0;
            for (a, b, p) in cands {
                if a < next_free {
                    continue;
                }
                // A one-word person name that is also a month ("in May", "May 3") is a date.
                if matches!(self.patterns[p].kind, AtomKind::Person(_))
                    && b == a + 1
                    && is_month_use(doc, sent.tokens.start + a, sent.tokens.clone())
                {
                    continue;
                }
                // "anti-Syria journalist", "pro-Iranian militias", "non-Western states":
                // the name says what the actor is for or against, not who it is.
                if matches!(
                    self.patterns[p].kind,
                    AtomKind::Country(..) | AtomKind::Org(_)
                ) && stance_prefixed(doc, sent.tokens.start + a, sent.tokens.start)
                {
                    continue;
                }
                // "Iran-backed rebels", "Rwanda-supported group": the country backs the
                // actor; it is not the actor's.
                if matches!(self.patterns[p].kind, AtomKind::Country(..))
                    && backer_of_next(doc, sent.tokens.start + b)
                {
                    continue;
                }
                // "US $50 million", "Canadian dollars": a currency, not an actor.
                if matches!(self.patterns[p].kind, AtomKind::Country(..))
                    && currency_follows(doc, sent.tokens.start + b)
                {
                    continue;
                }
                next_free = b;
                let pat = &self.patterns[p];
                out.push(Atom {
                    tokens: sent.tokens.start + a..sent.tokens.start + b,
                    sentence: si,
                    kind: pat.kind.clone(),
                    rule: pat.rule.clone(),
                });
            }
        }
        out
    }

    /// The person entry for index `i`.
    pub(crate) fn person(&self, i: usize) -> Option<&Person> {
        self.people.get(i)
    }

    /// Number of compiled name patterns.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Who held `title` for `country` on `date`, if the people dictionary knows.
    pub(crate) fn holder_of(&self, country: &str, title: &str, date: NaiveDate) -> Option<&Person> {
        let t = canonical_title(title);
        self.people.iter().find(|p| {
            p.roles.iter().any(|r| {
                r.country.as_deref() == Some(country)
                    && canonical_title(&r.role) == t
                    && r.start <= date
                    && r.end.is_none_or(|e| date < e)
            })
        })
    }
}

/// Whether token `k` is glued to a stance prefix: `anti-`, `pro-` or `non-` written with a
/// hyphen and no spaces (`first` is the sentence's first token).
pub(crate) fn stance_prefixed(doc: &Document, k: usize, first: usize) -> bool {
    if k < first + 2 {
        return false;
    }
    let (prefix, hyphen, name) = (&doc.tokens[k - 2], &doc.tokens[k - 1], &doc.tokens[k]);
    hyphen.lower == "-"
        && prefix.span.end == hyphen.span.start
        && hyphen.span.end == name.span.start
        && matches!(prefix.lower.as_str(), "anti" | "pro" | "non")
}

/// Whether tokens `k..` are a hyphen and a participle of backing glued to the name before:
/// "Iran-backed", "Rwanda-supported", "Saudi-funded".
pub(crate) fn backer_of_next(doc: &Document, k: usize) -> bool {
    let (Some(h), Some(w)) = (doc.tokens.get(k), doc.tokens.get(k + 1)) else {
        return false;
    };
    h.lower == "-"
        && k > 0
        && doc.tokens[k - 1].span.end == h.span.start
        && h.span.end == w.span.start
        && matches!(
            w.lower.as_str(),
            "backed"
                | "supported"
                | "sponsored"
                | "funded"
                | "financed"
                | "armed"
                | "allied"
                | "aligned"
                | "trained"
                | "installed"
        )
}

/// Whether token `k` names a currency, so that the name before it is the currency's
/// ("US $50 million", "Canadian dollars"), not an actor or a place.
pub(crate) fn currency_follows(doc: &Document, k: usize) -> bool {
    doc.tokens
        .get(k)
        .is_some_and(|t| matches!(t.lower.as_str(), "$" | "dollar" | "dollars" | "cents"))
}

/// Lowercase title with spelling variants unified (`Defense` → `defence`).
pub(crate) fn canonical_title(t: &str) -> String {
    t.to_lowercase()
        .replace("defense", "defence")
        .replace("secretary of state", "foreign minister")
}

#[derive(Default)]
struct Builder {
    countries: Vec<Country>,
    history: HashMap<String, (NaiveDate, String)>,
    orgs: Vec<Org>,
    people: Vec<Person>,
    person_index: HashMap<String, usize>,
    /// key -> pattern index, so a redefinition replaces the earlier meaning of the same kind.
    patterns: Vec<(String, Pattern)>,
    /// Index of the source being read.
    source: usize,
}

impl Builder {
    fn add_names(
        &mut self,
        cell: &str,
        kind: AtomKind,
        rule: &str,
        priority: u8,
    ) -> Result<(), String> {
        for name in cell.split('|').map(str::trim).filter(|n| !n.is_empty()) {
            let (sensitive, name) = match name.strip_prefix('=') {
                Some(n) => (true, n),
                None => (false, name),
            };
            let (key, cased) = key_of(name);
            if key.is_empty() {
                return Err(format!("name {name:?} has no tokens"));
            }
            let pat = Pattern {
                cased: sensitive.then(|| cased.clone()),
                lowercase_ok: sensitive && name.contains('.'),
                capital: name.chars().next().is_some_and(char::is_uppercase)
                    && matches!(kind, AtomKind::Country(..) | AtomKind::Org(_)),
                kind: kind.clone(),
                rule: rule.to_string(),
                priority,
                source: self.source,
            };
            self.patterns.push((key, pat));
        }
        Ok(())
    }

    fn line(&mut self, kind: SourceKind, c: &[&str], rule: String) -> Result<(), String> {
        match kind {
            SourceKind::CountryHistory => {
                let code = |x: &str| -> Result<String, String> {
                    let x = x.trim();
                    if x.len() == 3 && x.chars().all(|ch| ch.is_ascii_uppercase()) {
                        Ok(x.to_string())
                    } else {
                        Err(format!("country code {x:?} is not three capital letters"))
                    }
                };
                let iso = code(c[0])?;
                let since = NaiveDate::parse_from_str(c[1].trim(), "%Y-%m-%d")
                    .map_err(|_| format!("date {:?} is not YYYY-MM-DD", c[1].trim()))?;
                let before = code(c[2])?;
                if before == iso {
                    return Err(format!("{iso} cannot precede itself"));
                }
                self.history.insert(iso, (since, before));
            }
            SourceKind::Countries => {
                let iso = c[0].trim();
                if iso.len() != 3 || !iso.chars().all(|x| x.is_ascii_uppercase()) {
                    return Err(format!("country code {iso:?} is not three capital letters"));
                }
                let idx = self.countries.len();
                self.countries.push(Country {
                    iso: iso.to_string(),
                    entity: c[1].trim().to_string(),
                    wikidata: opt(c[2]),
                });
                self.add_names(c[3], AtomKind::Country(idx, CountryForm::Name), &rule, 3)?;
                self.add_names(
                    c[4],
                    AtomKind::Country(idx, CountryForm::Adjective),
                    &rule,
                    3,
                )?;
                self.add_names(c[5], AtomKind::Country(idx, CountryForm::Capital), &rule, 2)?;
            }
            SourceKind::Organizations => {
                let sectors: Vec<String> = c[2]
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
                check_sectors(&sectors)?;
                let code = c[0].trim();
                if code.is_empty() {
                    return Err("empty actor code".into());
                }
                let idx = self.orgs.len();
                self.orgs.push(Org {
                    code: code.to_string(),
                    country: opt(c[1]),
                    sectors,
                    entity: c[3].trim().to_string(),
                    wikidata: opt(c[4]),
                });
                self.add_names(c[5], AtomKind::Org(idx), &rule, 5)?;
            }
            SourceKind::Sectors => {
                let sector = c[1].trim().to_string();
                check_sectors(std::slice::from_ref(&sector))?;
                match c[2].trim() {
                    "agent" => self.add_names(c[0], AtomKind::Agent(sector), &rule, 1)?,
                    "title" => {
                        // Titles keep their text so that "Prime Minister" can find its holder.
                        for t in c[0].split('|').map(str::trim).filter(|t| !t.is_empty()) {
                            let bare = t.trim_start_matches('=');
                            self.add_names(
                                t,
                                AtomKind::Title(format!("{sector}:{bare}")),
                                &rule,
                                1,
                            )?;
                        }
                    }
                    other => return Err(format!("kind must be `agent` or `title`, not {other:?}")),
                }
            }
            SourceKind::People => {
                let entity = c[0].trim().to_string();
                let date = |s: &str, what: &str| {
                    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                        .map_err(|_| format!("bad {what} date {s:?}"))
                };
                let start = date(c[5], "start")?;
                let end = if c[6].trim().is_empty() {
                    None
                } else {
                    Some(date(c[6], "end")?)
                };
                if end.is_some_and(|e| e < start) {
                    return Err("end date before start date".into());
                }
                let sector = c[4].trim().to_string();
                check_sectors(std::slice::from_ref(&sector))?;
                let role = Role {
                    country: opt(c[3]),
                    sector,
                    start,
                    end,
                    role: c[7].trim().to_string(),
                };
                let idx = match self.person_index.get(&entity) {
                    Some(i) => *i,
                    None => {
                        let i = self.people.len();
                        self.people.push(Person {
                            entity: entity.clone(),
                            wikidata: opt(c[1]),
                            roles: Vec::new(),
                        });
                        self.person_index.insert(entity.clone(), i);
                        i
                    }
                };
                // Every row may add names (several files can list the same person); equal
                // names merge in `finish`.
                self.add_names(c[2], AtomKind::Person(vec![idx]), &rule, 4)?;
                if self.people[idx].wikidata.is_none() {
                    self.people[idx].wikidata = opt(c[1]);
                }
                if !self.people[idx]
                    .roles
                    .iter()
                    .any(|r| r.start == role.start && r.role == role.role)
                {
                    self.people[idx].roles.push(role);
                }
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<Dictionary, DictError> {
        // Merge person patterns with the same key and case rule into one ambiguous pattern.
        let mut merged: Vec<(String, Pattern)> = Vec::new();
        let mut person_slot: HashMap<(String, Option<String>), usize> = HashMap::new();
        for (key, pat) in self.patterns {
            if let AtomKind::Person(ids) = &pat.kind {
                let slot = (key.clone(), pat.cased.clone());
                if let Some(&j) = person_slot.get(&slot) {
                    if let AtomKind::Person(existing) = &mut merged[j].1.kind {
                        for id in ids {
                            if !existing.contains(id) {
                                existing.push(*id);
                            }
                        }
                    }
                    continue;
                }
                person_slot.insert(slot, merged.len());
            }
            merged.push((key, pat));
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(merged.iter().map(|(k, _)| k.as_str()))
            .map_err(|e| DictError {
                file: "<dictionary>".into(),
                line: 0,
                message: e.to_string(),
            })?;
        Ok(Dictionary {
            history: self.history,
            countries: self.countries,
            orgs: self.orgs,
            people: self.people,
            patterns: merged.into_iter().map(|(_, p)| p).collect(),
            automaton,
            verb_forms: verb_forms(),
        })
    }
}

fn check_sectors(sectors: &[String]) -> Result<(), String> {
    for s in sectors {
        if !SECTOR_CODES.contains(&s.as_str()) {
            return Err(format!("unknown sector code {s:?}"));
        }
    }
    Ok(())
}

/// Whether the token at `k` is a month name used as one: after "in", "on", "since", "until",
/// "by", "last", "next", "early", "late", "mid", "from", "through" or "of", or before a number.
fn is_month_use(doc: &Document, k: usize, sentence: std::ops::Range<usize>) -> bool {
    const MONTHS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if !MONTHS.contains(&doc.tokens[k].lower.as_str()) {
        return false;
    }
    let before = (k > sentence.start).then(|| doc.tokens[k - 1].lower.as_str());
    let after = doc.tokens.get(k + 1).filter(|_| k + 1 < sentence.end);
    matches!(
        before,
        Some(
            "in" | "on"
                | "since"
                | "until"
                | "by"
                | "last"
                | "next"
                | "early"
                | "late"
                | "mid"
                | "from"
                | "through"
                | "of"
                | "-"
        )
    ) || after.is_some_and(|t| t.kind == dyad_core::TokenKind::Number)
}
