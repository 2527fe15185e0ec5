//! Reading the store: event queries, time series over clusters, full-text search.
//!
//! # Actor terms
//! `--actor`, `--source`, `--target` and `--dyad` take actor terms. A term of up to three
//! letters is an actor key: `ISR` is every Israeli actor (the key of a state actor is its
//! country); `IGO`, `NGO` and `IMG` match every key they begin (every international
//! organization, NGO, transnational militant group). A longer term matches the
//! actor code by prefix: `ISRGOV` is the Israeli government, `IGOUNO` the United Nations and
//! its bodies. Terms are case-insensitive.

use crate::cluster::haversine_km;
use crate::{Result, Store, StoreError};
use chrono::NaiveDate;
use rusqlite::types::Value;

/// What to select. Empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Source or target.
    pub actor: Option<String>,
    /// Source.
    pub source: Option<String>,
    /// Target.
    pub target: Option<String>,
    /// Either direction between two actors.
    pub dyad: Option<(String, String)>,
    /// CAMEO code; a trailing `*` matches by prefix (`19*`).
    pub cameo: Option<String>,
    /// CAMEO root (two digits).
    pub root: Option<String>,
    /// Quad class 1–4.
    pub quad: Option<u8>,
    /// PLOVER event type.
    pub plover: Option<String>,
    /// First day (inclusive).
    pub from: Option<NaiveDate>,
    /// Last day (inclusive).
    pub to: Option<NaiveDate>,
    /// Within `km` of (`lat`, `lon`).
    pub near: Option<(f64, f64, f64)>,
    /// Articles matching this full-text query (FTS5 syntax).
    pub text: Option<String>,
    /// Include negated and hypothetical events.
    pub include_negated: bool,
    /// Include the events of near-duplicate articles.
    pub include_duplicates: bool,
    /// At most this many rows (0: no limit).
    pub limit: usize,
}

/// One event as the query commands show it, with its provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    /// Event id (`article#eN`).
    pub id: String,
    /// Article id.
    pub article_id: String,
    /// Article URL.
    pub url: Option<String>,
    /// Article source (publisher).
    pub article_source: Option<String>,
    /// Event date.
    pub date: String,
    /// Date precision.
    pub date_precision: String,
    /// Source actor code, country, text.
    pub source: Option<ActorCols>,
    /// Target actor code, country, text.
    pub target: Option<ActorCols>,
    /// CAMEO code.
    pub cameo: String,
    /// CAMEO root.
    pub root: String,
    /// Quad class.
    pub quad: u8,
    /// Goldstein value.
    pub goldstein: f64,
    /// PLOVER type.
    pub plover: Option<String>,
    /// PLOVER mode.
    pub plover_mode: Option<String>,
    /// Modality.
    pub modality: String,
    /// Confidence.
    pub confidence: f64,
    /// Location name, country, latitude, longitude.
    pub location: Option<(String, Option<String>, f64, f64)>,
    /// Tone.
    pub tone: Option<f64>,
    /// Killed figure attached to the event.
    pub killed: Option<i64>,
    /// Trigger words.
    pub trigger: String,
    /// The sentence, from the stored text.
    pub sentence_text: String,
    /// Sentence index.
    pub sentence: i64,
    /// Cluster id.
    pub cluster: Option<i64>,
    /// From a near-duplicate article.
    pub duplicate: bool,
}

/// An actor's columns.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorCols {
    /// CAMEO-style code.
    pub code: String,
    /// Country.
    pub country: Option<String>,
    /// Text in the article.
    pub text: Option<String>,
}

/// Time series grain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Calendar day.
    Day,
    /// ISO week, starting Monday (labelled by its Monday).
    Week,
    /// Calendar month (`YYYY-MM`).
    Month,
}

/// One period of a series: clusters by quad class and summaries.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesRow {
    /// Period label.
    pub period: String,
    /// Clusters (events) in quad classes 1–4.
    pub quad: [u64; 4],
    /// Mean Goldstein value over the clusters.
    pub goldstein: Option<f64>,
    /// Mean tone over the clusters.
    pub tone: Option<f64>,
    /// Killed, summed over clusters (each cluster's largest figure).
    pub killed: i64,
    /// Event mentions behind the clusters.
    pub mentions: u64,
}

/// A full-text search hit.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    /// Article id.
    pub id: String,
    /// Article date.
    pub date: String,
    /// Title.
    pub title: Option<String>,
    /// Snippet with matches between `[` and `]`.
    pub snippet: String,
    /// BM25 rank (lower is better).
    pub rank: f64,
}

/// Builds the condition for an actor term on a role (`src` or `tgt`) of table alias `t`.
fn term_cond(t_alias: &str, role: &str, term: &str, params: &mut Vec<Value>) -> Result<String> {
    let t = term.trim().to_uppercase();
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(StoreError::BadQuery(format!(
            "actor term {term:?}: expected letters and digits (ISR, ISRGOV, IGOUNO)"
        )));
    }
    // A country is an exact key (an index lookup); IGO, NGO and IMG are key prefixes; a
    // longer term is a code prefix.
    if t.len() <= 3 && !matches!(t.as_str(), "IGO" | "NGO" | "IMG") {
        params.push(Value::Text(t));
        return Ok(format!("{t_alias}.{role} = ?{}", params.len()));
    }
    let col = if t.len() <= 3 {
        role.to_string()
    } else {
        format!("{role}_code")
    };
    params.push(Value::Text(t.clone()));
    params.push(Value::Text(format!("{t}\u{7f}")));
    let n = params.len();
    Ok(format!(
        "({t_alias}.{col} >= ?{} AND {t_alias}.{col} < ?{n})",
        n - 1
    ))
}

impl Filter {
    /// Whether the filter can be answered from cluster rows alone (actor keys, codes of
    /// the representative event, dates, places).
    fn on_clusters(&self) -> bool {
        let short = |t: &Option<String>| t.as_ref().is_none_or(|t| t.trim().len() <= 3);
        short(&self.actor)
            && short(&self.source)
            && short(&self.target)
            && self
                .dyad
                .as_ref()
                .is_none_or(|(a, b)| a.trim().len() <= 3 && b.trim().len() <= 3)
            && self.plover.is_none()
            && self.text.is_none()
    }

    /// The WHERE clause over table alias `t` (`e` for events joined with articles `a`, `c`
    /// for clusters) and its parameters.
    fn sql(&self, t: &str) -> Result<(String, Vec<Value>)> {
        let events = t == "e";
        let mut conds: Vec<String> = Vec::new();
        let mut p: Vec<Value> = Vec::new();
        if let Some(a) = &self.actor {
            let s = term_cond(t, "src", a, &mut p)?;
            let g = term_cond(t, "tgt", a, &mut p)?;
            conds.push(format!("({s} OR {g})"));
        }
        if let Some(a) = &self.source {
            conds.push(term_cond(t, "src", a, &mut p)?);
        }
        if let Some(a) = &self.target {
            conds.push(term_cond(t, "tgt", a, &mut p)?);
        }
        if let Some((x, y)) = &self.dyad {
            let a = term_cond(t, "src", x, &mut p)?;
            let b = term_cond(t, "tgt", y, &mut p)?;
            let c = term_cond(t, "src", y, &mut p)?;
            let d = term_cond(t, "tgt", x, &mut p)?;
            conds.push(format!("(({a} AND {b}) OR ({c} AND {d}))"));
        }
        if let Some(c) = &self.cameo {
            let c = c.trim();
            let digits = c.trim_end_matches('*');
            if digits.is_empty() || !digits.chars().all(|ch| ch.is_ascii_digit()) {
                return Err(StoreError::BadQuery(format!(
                    "CAMEO code {c:?}: expected digits, optionally ending in * (19*, 1823)"
                )));
            }
            if c.ends_with('*') {
                p.push(Value::Text(format!("{digits}%")));
                conds.push(format!("{t}.cameo LIKE ?{}", p.len()));
            } else {
                p.push(Value::Text(digits.to_string()));
                conds.push(format!("{t}.cameo = ?{}", p.len()));
            }
        }
        if let Some(r) = &self.root {
            let r = r.trim();
            if r.len() != 2 || !r.chars().all(|ch| ch.is_ascii_digit()) {
                return Err(StoreError::BadQuery(format!(
                    "CAMEO root {r:?}: expected two digits (01 to 20)"
                )));
            }
            p.push(Value::Text(r.to_string()));
            conds.push(format!("{t}.root = ?{}", p.len()));
        }
        if let Some(q) = self.quad {
            if !(1..=4).contains(&q) {
                return Err(StoreError::BadQuery(format!(
                    "quad class {q}: expected 1 to 4"
                )));
            }
            p.push(Value::Integer(i64::from(q)));
            conds.push(format!("{t}.quad = ?{}", p.len()));
        }
        if let Some(pl) = &self.plover {
            p.push(Value::Text(pl.trim().to_uppercase()));
            conds.push(format!("{t}.plover = ?{}", p.len()));
        }
        if let (Some(a), Some(b)) = (self.from, self.to) {
            if a > b {
                return Err(StoreError::BadQuery(format!(
                    "--from {a} is after --to {b}"
                )));
            }
        }
        if let Some(d) = self.from {
            p.push(Value::Text(d.to_string()));
            conds.push(format!("{t}.date >= ?{}", p.len()));
        }
        if let Some(d) = self.to {
            p.push(Value::Text(d.to_string()));
            conds.push(format!("{t}.date <= ?{}", p.len()));
        }
        if let Some((lat, lon, km)) = self.near {
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) || km <= 0.0 {
                return Err(StoreError::BadQuery(format!(
                    "--near {lat},{lon},{km}: expected LAT (-90 to 90),LON (-180 to 180),KM (> 0)"
                )));
            }
            // A bounding box here; the exact distance is checked on each row.
            let dlat = km / 111.0;
            let dlon = km / (111.0 * lat.to_radians().cos().abs().max(0.01));
            for v in [lat - dlat, lat + dlat, lon - dlon, lon + dlon] {
                p.push(Value::Real(v));
            }
            let n = p.len();
            conds.push(format!(
                "{t}.lat BETWEEN ?{} AND ?{} AND {t}.lon BETWEEN ?{} AND ?{n}",
                n - 3,
                n - 2,
                n - 1
            ));
        }
        if let Some(q) = &self.text {
            p.push(Value::Text(q.clone()));
            conds.push(format!(
                "{t}.article IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?{})",
                p.len()
            ));
        }
        if events && !self.include_negated {
            conds.push("e.modality NOT IN ('negated', 'hypothetical')".into());
        }
        if events && !self.include_duplicates {
            conds.push("e.dup = 0".into());
        }
        let w = if conds.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conds.join(" AND "))
        };
        Ok((w, p))
    }
}

impl Store {
    /// Calls `f` for every event the filter selects, by date then id. Returns how many.
    pub fn query_events(
        &self,
        filter: &Filter,
        mut f: impl FnMut(EventRow) -> Result<()>,
    ) -> Result<usize> {
        let (w, p) = filter.sql("e")?;
        let sql = format!(
            "SELECT e.id, a.id, a.url, a.source, e.date, e.date_precision,
                e.src_code, e.src_country, e.src_text, e.tgt_code, e.tgt_country, e.tgt_text,
                e.cameo, e.root, e.quad, e.goldstein, e.plover, e.plover_mode, e.modality,
                e.confidence, e.loc_name, e.loc_country, e.lat, e.lon, e.tone, e.killed,
                e.trigger,
                CAST(substr(CAST(a.text AS BLOB), e.sentence_start + 1,
                            e.sentence_end - e.sentence_start) AS TEXT),
                e.sentence, e.cluster, e.dup
             FROM events e JOIN articles a ON a.rowid = e.article
             {w}
             ORDER BY e.date, e.rowid"
        );
        let mut st = self.conn.prepare(&sql).map_err(|e| self.bad(e))?;
        let mut rows = st
            .query(rusqlite::params_from_iter(p))
            .map_err(|e| self.bad(e))?;
        let mut n = 0;
        while let Some(r) = rows.next().map_err(|e| self.bad(e))? {
            let row = event_row(r).map_err(|e| self.err(e))?;
            if let Some((lat, lon, km)) = filter.near {
                match &row.location {
                    Some((_, _, la, lo)) if haversine_km((lat, lon), (*la, *lo)) <= km => {}
                    _ => continue,
                }
            }
            f(row)?;
            n += 1;
            if filter.limit > 0 && n >= filter.limit {
                break;
            }
        }
        Ok(n)
    }

    /// Clusters per period: counts by quad class, mean Goldstein and tone, killed. Clusters
    /// are never negated or hypothetical and hold the events of near-duplicates once. A
    /// filter on codes beyond the country, PLOVER type or text selects the clusters through
    /// their member events; `near` is a bounding box here.
    pub fn series(&self, filter: &Filter, by: Period) -> Result<Vec<SeriesRow>> {
        let period = period_sql(by, "c.date");
        let (sql, p) = if filter.on_clusters() {
            let (w, p) = filter.sql("c")?;
            (
                format!(
                    "SELECT {period} AS p, c.quad, count(*), avg(c.goldstein), avg(c.tone),
                            coalesce(sum(c.killed), 0), sum(c.n_mentions)
                     FROM clusters c {w}
                     GROUP BY p, c.quad ORDER BY p"
                ),
                p,
            )
        } else {
            let mut f = filter.clone();
            f.include_duplicates = true;
            f.include_negated = true;
            let (w, p) = f.sql("e")?;
            (
                format!(
                    "SELECT {period} AS p, c.quad, count(*), avg(c.goldstein), avg(c.tone),
                            coalesce(sum(c.killed), 0), sum(c.n_mentions)
                     FROM clusters c
                     WHERE c.rowid IN (SELECT e.cluster FROM events e {w})
                     GROUP BY p, c.quad ORDER BY p"
                ),
                p,
            )
        };
        self.collect_series(&sql, p)
    }

    fn collect_series(&self, sql: &str, p: Vec<Value>) -> Result<Vec<SeriesRow>> {
        let mut st = self.conn.prepare(sql).map_err(|e| self.bad(e))?;
        let rows = st
            .query_map(rusqlite::params_from_iter(p), |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, Option<f64>>(3)?,
                    r.get::<_, Option<f64>>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, i64>(6)?,
                ))
            })
            .map_err(|e| self.bad(e))?;
        let mut out: Vec<SeriesRow> = Vec::new();
        // Weighted means across quad classes of one period.
        let mut sums: Vec<(f64, f64, u64, u64)> = Vec::new();
        for r in rows {
            let (period, quad, n, g, t, killed, mentions) = r.map_err(|e| self.err(e))?;
            if out.last().is_none_or(|l| l.period != period) {
                out.push(SeriesRow {
                    period,
                    quad: [0; 4],
                    goldstein: None,
                    tone: None,
                    killed: 0,
                    mentions: 0,
                });
                sums.push((0.0, 0.0, 0, 0));
            }
            let (Some(row), Some(s)) = (out.last_mut(), sums.last_mut()) else {
                continue;
            };
            let n = n.max(0) as u64;
            if let Some(q) = quad.filter(|q| (1..=4).contains(q)) {
                row.quad[(q - 1) as usize] += n;
            }
            if let Some(g) = g {
                s.0 += g * n as f64;
                s.2 += n;
            }
            if let Some(t) = t {
                s.1 += t * n as f64;
                s.3 += n;
            }
            row.killed += killed;
            row.mentions += mentions.max(0) as u64;
        }
        for (row, s) in out.iter_mut().zip(&sums) {
            row.goldstein = (s.2 > 0).then(|| s.0 / s.2 as f64);
            row.tone = (s.3 > 0).then(|| s.1 / s.3 as f64);
        }
        Ok(out)
    }

    /// Full-text search over article titles and texts (FTS5 query syntax), best first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let mut st = self
            .conn
            .prepare(
                "SELECT a.id, a.date, a.title,
                        snippet(articles_fts, 1, '[', ']', '…', 16), bm25(articles_fts)
                 FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
                 WHERE articles_fts MATCH ?1
                 ORDER BY bm25(articles_fts) LIMIT ?2",
            )
            .map_err(|e| self.bad(e))?;
        let rows = st
            .query_map(
                rusqlite::params![query, if limit == 0 { -1 } else { limit as i64 }],
                |r| {
                    Ok(SearchHit {
                        id: r.get(0)?,
                        date: r.get(1)?,
                        title: r.get(2)?,
                        snippet: r.get(3)?,
                        rank: r.get(4)?,
                    })
                },
            )
            .map_err(|e| self.bad(e))?;
        rows.collect::<std::result::Result<_, _>>()
            .map_err(|e| self.bad(e))
    }

    /// An SQLite error caused by the user's query (FTS5 syntax) is a bad query, not a
    /// database failure.
    fn bad(&self, e: rusqlite::Error) -> StoreError {
        let msg = e.to_string();
        if msg.contains("fts5") || msg.contains("syntax error") || msg.contains("no such column") {
            StoreError::BadQuery(format!("full-text query: {msg}"))
        } else {
            self.err(e)
        }
    }
}

fn period_sql(by: Period, col: &str) -> String {
    match by {
        Period::Day => col.to_string(),
        Period::Week => format!("date({col}, '-6 days', 'weekday 1')"),
        Period::Month => format!("substr({col}, 1, 7)"),
    }
}

fn event_row(r: &rusqlite::Row) -> rusqlite::Result<EventRow> {
    let actor = |c: usize| -> rusqlite::Result<Option<ActorCols>> {
        Ok(r.get::<_, Option<String>>(c)?.map(|code| ActorCols {
            code,
            country: r.get(c + 1).ok().flatten(),
            text: r.get(c + 2).ok().flatten(),
        }))
    };
    let loc = match (
        r.get::<_, Option<String>>(20)?,
        r.get::<_, Option<f64>>(22)?,
        r.get::<_, Option<f64>>(23)?,
    ) {
        (Some(name), Some(lat), Some(lon)) => Some((name, r.get(21)?, lat, lon)),
        _ => None,
    };
    Ok(EventRow {
        id: r.get(0)?,
        article_id: r.get(1)?,
        url: r.get(2)?,
        article_source: r.get(3)?,
        date: r.get(4)?,
        date_precision: r.get(5)?,
        source: actor(6)?,
        target: actor(9)?,
        cameo: r.get(12)?,
        root: r.get(13)?,
        quad: r.get::<_, i64>(14)?.clamp(0, 4) as u8,
        goldstein: r.get(15)?,
        plover: r.get(16)?,
        plover_mode: r.get(17)?,
        modality: r.get(18)?,
        confidence: r.get(19)?,
        location: loc,
        tone: r.get(24)?,
        killed: r.get(25)?,
        trigger: r.get(26)?,
        sentence_text: r.get::<_, Option<String>>(27)?.unwrap_or_default(),
        sentence: r.get(28)?,
        cluster: r.get(29)?,
        duplicate: r.get(30)?,
    })
}
