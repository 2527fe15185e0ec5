//! dyad-eval: how good is it?
//!
//! Reads the gold formats of `eval/dev` (one JSON object per line, one sentence each):
//! PLOVER-coded records with actors (`plover_event_2021`, `source`, `target`, `cameo_code`)
//! and CAMEO manual examples (`cameo_codes`). Each sentence runs through the same
//! [`Engine`](dyad_engine::Engine) as `dyad code`, as a one-sentence article.
//!
//! # Metrics
//! - PLOVER type accuracy and macro-F1 (over the gold types): the prediction is the PLOVER
//!   type of the sentence's rank-0 event, or none.
//! - CAMEO root and full-code hit rate: the gold code (any of them) is among the sentence's
//!   events, by root or exactly.
//! - Source and target country accuracy (and country+sector) on sentences whose gold has such
//!   actors: the rank-0 event's actor matches one of the gold actors (either side for
//!   reciprocal compounds). IGO actors compare as `IGO`.
//! - False-positive rate: share of all events with a source or target whose country is not
//!   among the gold actors of the sentence (sentences with gold actors only).

use chrono::NaiveDate;
use dyad_core::{Actor, Article, Document};
use dyad_engine::Engine;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// A gold record that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct GoldError {
    /// File name.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// A gold actor.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct GoldActor {
    /// Text in the sentence.
    #[serde(default)]
    pub text: String,
    /// ISO alpha-3 country or `IGO`.
    #[serde(default)]
    pub code: String,
    /// CAMEO sector (may carry a suffix, `REBalb`; `***` for unknown).
    #[serde(default)]
    pub sector: String,
}

/// One gold sentence.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldRecord {
    /// Record id.
    pub id: String,
    /// Sentence text.
    pub text: String,
    /// Date (placeholder where unknown).
    #[serde(default)]
    pub date: Option<String>,
    /// PLOVER 2021 type.
    #[serde(default)]
    pub plover_event_2021: Option<String>,
    /// Gold CAMEO code (PLOVER file).
    #[serde(default)]
    pub cameo_code: Option<String>,
    /// Gold CAMEO codes (CAMEO examples file).
    #[serde(default)]
    pub cameo_codes: Option<Vec<String>>,
    /// Source actors.
    #[serde(default)]
    pub source: Vec<GoldActor>,
    /// Target actors.
    #[serde(default)]
    pub target: Vec<GoldActor>,
    /// Every listed actor acts on every other.
    #[serde(default)]
    pub reciprocal_compound: bool,
}

impl GoldRecord {
    fn codes(&self) -> Vec<String> {
        let mut v: Vec<String> = self.cameo_codes.clone().unwrap_or_default();
        if let Some(c) = &self.cameo_code {
            v.push(c.clone());
        }
        v
    }
}

/// Parses a gold JSONL file.
pub fn read_gold(name: &str, text: &str) -> Result<Vec<GoldRecord>, GoldError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let r: GoldRecord = serde_json::from_str(line).map_err(|e| GoldError {
            file: name.to_string(),
            line: i + 1,
            message: e.to_string(),
        })?;
        out.push(r);
    }
    Ok(out)
}

/// One missed or wrong sentence, for `--errors`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Miss {
    /// Record id.
    pub id: String,
    /// Sentence.
    pub text: String,
    /// What was expected.
    pub expected: String,
    /// What dyad produced.
    pub got: String,
}

/// The figures for one gold file.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Report {
    /// Gold file name.
    pub file: String,
    /// Sentences read.
    pub sentences: usize,
    /// Events dyad produced.
    pub events: usize,
    /// Sentences with a PLOVER gold type.
    pub plover_n: usize,
    /// PLOVER type accuracy.
    pub plover_accuracy: Option<f64>,
    /// PLOVER type macro-F1 over gold types.
    pub plover_macro_f1: Option<f64>,
    /// Per-type F1.
    pub plover_f1_by_type: BTreeMap<String, f64>,
    /// Sentences with a gold CAMEO code.
    pub cameo_n: usize,
    /// Gold root among dyad's event roots.
    pub cameo_root_hit: Option<f64>,
    /// Gold code among dyad's event codes.
    pub cameo_code_hit: Option<f64>,
    /// Sentences with gold source actors.
    pub source_n: usize,
    /// Source country accuracy.
    pub source_country: Option<f64>,
    /// Source country+sector accuracy.
    pub source_country_sector: Option<f64>,
    /// Sentences with gold target actors.
    pub target_n: usize,
    /// Target country accuracy.
    pub target_country: Option<f64>,
    /// Target country+sector accuracy.
    pub target_country_sector: Option<f64>,
    /// Events judged for false positives.
    pub fp_events: usize,
    /// Share of those events with an actor the gold does not have.
    pub false_positive_rate: Option<f64>,
    /// Misses, for study.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub misses: Vec<Miss>,
}

fn ratio(n: usize, d: usize) -> Option<f64> {
    (d > 0).then(|| n as f64 / d as f64)
}

/// The country an actor compares as (`IGO` for international organizations, governmental
/// or not, `IMG` for transnational militant groups).
pub fn actor_country(a: &Actor) -> String {
    // The gold's `code` is a country or `IGO`; it codes every international organization
    // that way, non-governmental ones included (Amnesty International, the Red Cross).
    if a.code.starts_with("IGO") || (a.code.starts_with("NGO") && a.country.is_none()) {
        return "IGO".into();
    }
    // Transnational militant groups (al-Qaeda, Islamic State): the gold codes them `IMG`.
    if a.code.starts_with("IMG") && a.country.is_none() {
        return "IMG".into();
    }
    a.country.clone().unwrap_or_default()
}

/// The gold's country code in ISO 3166-1 alpha-3. A few gold actors carry the legacy
/// KEDS/CAMEO codes for three countries (`ITL` Italy, `JAP` Japan, `VTN` Vietnam); they
/// compare as the ISO codes dyad emits.
pub fn gold_country(code: &str) -> &str {
    match code {
        "ITL" => "ITA",
        "JAP" => "JPN",
        "VTN" => "VNM",
        c => c,
    }
}

fn matches(a: &Actor, gold: &[GoldActor], with_sector: bool) -> bool {
    let c = actor_country(a);
    gold.iter().any(|g| {
        if gold_country(&g.code) != c {
            return false;
        }
        if !with_sector {
            return true;
        }
        let gs = g.sector.get(..3).unwrap_or(&g.sector);
        let ours = a
            .sectors
            .iter()
            .find(|s| s.as_str() != "IGO")
            .map(String::as_str)
            .unwrap_or("");
        gs == "***" || gs == ours
    })
}

/// Runs the engine over one gold file and scores it.
pub fn evaluate(engine: &Engine, file: &str, records: &[GoldRecord], keep_misses: bool) -> Report {
    let mut rep = Report {
        file: file.to_string(),
        sentences: records.len(),
        ..Default::default()
    };
    let (mut p_ok, mut c_root, mut c_code) = (0, 0, 0);
    let mut tp: BTreeMap<String, usize> = BTreeMap::new();
    let mut fp: BTreeMap<String, usize> = BTreeMap::new();
    let mut fneg: BTreeMap<String, usize> = BTreeMap::new();
    let (mut s_ok, mut s_ok2, mut t_ok, mut t_ok2, mut fp_bad) = (0, 0, 0, 0, 0);
    let fallback = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
    for r in records {
        let date = r
            .date
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .unwrap_or(fallback);
        let doc: Document = engine.process(Article {
            origin: format!("{file}:{}", r.id),
            ..Article::dated(&r.id, date, &r.text)
        });
        rep.events += doc.events.len();
        let top = doc.events.iter().min_by_key(|e| (e.sentence, e.rank));
        let got_desc = || {
            doc.events
                .iter()
                .map(|e| {
                    format!(
                        "{}/{} {}→{} `{}`",
                        e.cameo,
                        e.plover.as_deref().unwrap_or("-"),
                        e.source.as_ref().map_or("·", |a| a.code.as_str()),
                        e.target.as_ref().map_or("·", |a| a.code.as_str()),
                        e.trigger
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        if let Some(gold) = &r.plover_event_2021 {
            rep.plover_n += 1;
            let pred = top
                .and_then(|e| e.plover.clone())
                .unwrap_or_else(|| "none".into());
            if &pred == gold {
                p_ok += 1;
                *tp.entry(gold.clone()).or_default() += 1;
            } else {
                *fneg.entry(gold.clone()).or_default() += 1;
                *fp.entry(pred.clone()).or_default() += 1;
                if keep_misses {
                    rep.misses.push(Miss {
                        id: r.id.clone(),
                        text: r.text.clone(),
                        expected: format!("PLOVER {gold}"),
                        got: got_desc(),
                    });
                }
            }
        }
        let codes = r.codes();
        if !codes.is_empty() {
            rep.cameo_n += 1;
            let roots: BTreeSet<&str> = doc.events.iter().map(|e| e.root.as_str()).collect();
            let all: BTreeSet<&str> = doc.events.iter().map(|e| e.cameo.as_str()).collect();
            let root_hit = codes
                .iter()
                .any(|c| roots.contains(c.get(..2).unwrap_or("")));
            if root_hit {
                c_root += 1;
            } else if keep_misses && r.plover_event_2021.is_none() {
                rep.misses.push(Miss {
                    id: r.id.clone(),
                    text: r.text.clone(),
                    expected: format!("CAMEO {}", codes.join(",")),
                    got: got_desc(),
                });
            }
            if codes.iter().any(|c| all.contains(c.as_str())) {
                c_code += 1;
            }
        }
        let (src_gold, tgt_gold): (Vec<GoldActor>, Vec<GoldActor>) = if r.reciprocal_compound {
            let both: Vec<GoldActor> = r.source.iter().chain(&r.target).cloned().collect();
            (both.clone(), both)
        } else {
            (r.source.clone(), r.target.clone())
        };
        if !src_gold.is_empty() {
            rep.source_n += 1;
            if let Some(a) = top.and_then(|e| e.source.as_ref()) {
                s_ok += matches(a, &src_gold, false) as usize;
                s_ok2 += matches(a, &src_gold, true) as usize;
            }
        }
        if !tgt_gold.is_empty() {
            rep.target_n += 1;
            if let Some(a) = top.and_then(|e| e.target.as_ref()) {
                t_ok += matches(a, &tgt_gold, false) as usize;
                t_ok2 += matches(a, &tgt_gold, true) as usize;
            }
        }
        if !r.source.is_empty() || !r.target.is_empty() {
            let gold_all: Vec<GoldActor> = r.source.iter().chain(&r.target).cloned().collect();
            for e in &doc.events {
                rep.fp_events += 1;
                let bad = [&e.source, &e.target]
                    .into_iter()
                    .flatten()
                    .any(|a| !matches(a, &gold_all, false));
                fp_bad += bad as usize;
            }
        }
    }
    rep.plover_accuracy = ratio(p_ok, rep.plover_n);
    if rep.plover_n > 0 {
        let classes: BTreeSet<String> = tp.keys().chain(fneg.keys()).cloned().collect();
        let mut sum = 0.0;
        for c in &classes {
            let t = *tp.get(c).unwrap_or(&0) as f64;
            let p = t + *fp.get(c).unwrap_or(&0) as f64;
            let g = t + *fneg.get(c).unwrap_or(&0) as f64;
            let f1 = if p + g > 0.0 { 2.0 * t / (p + g) } else { 0.0 };
            rep.plover_f1_by_type
                .insert(c.clone(), (f1 * 1000.0).round() / 1000.0);
            sum += f1;
        }
        rep.plover_macro_f1 = ratio(1, 1).map(|_| sum / classes.len().max(1) as f64);
    }
    rep.cameo_root_hit = ratio(c_root, rep.cameo_n);
    rep.cameo_code_hit = ratio(c_code, rep.cameo_n);
    rep.source_country = ratio(s_ok, rep.source_n);
    rep.source_country_sector = ratio(s_ok2, rep.source_n);
    rep.target_country = ratio(t_ok, rep.target_n);
    rep.target_country_sector = ratio(t_ok2, rep.target_n);
    rep.false_positive_rate = ratio(fp_bad, rep.fp_events);
    rep
}

/// Formats a report as aligned text.
pub fn format_report(r: &Report) -> String {
    let pct = |v: Option<f64>| v.map_or("n/a".to_string(), |x| format!("{:.3}", x));
    let mut s = format!(
        "{}  ({} sentences, {} events)\n",
        r.file, r.sentences, r.events
    );
    if r.plover_n > 0 {
        s += &format!(
            "  PLOVER type accuracy      {}  (n={})\n",
            pct(r.plover_accuracy),
            r.plover_n
        );
        s += &format!("  PLOVER type macro-F1      {}\n", pct(r.plover_macro_f1));
    }
    if r.cameo_n > 0 {
        s += &format!(
            "  CAMEO root hit rate       {}  (n={})\n",
            pct(r.cameo_root_hit),
            r.cameo_n
        );
        s += &format!("  CAMEO full-code hit rate  {}\n", pct(r.cameo_code_hit));
    }
    if r.source_n > 0 {
        s += &format!(
            "  source country            {}  (n={})\n",
            pct(r.source_country),
            r.source_n
        );
        s += &format!(
            "  source country+sector     {}\n",
            pct(r.source_country_sector)
        );
    }
    if r.target_n > 0 {
        s += &format!(
            "  target country            {}  (n={})\n",
            pct(r.target_country),
            r.target_n
        );
        s += &format!(
            "  target country+sector     {}\n",
            pct(r.target_country_sector)
        );
    }
    if r.fp_events > 0 {
        s += &format!(
            "  false-positive rate       {}  (events={})\n",
            pct(r.false_positive_rate),
            r.fp_events
        );
    }
    s
}
