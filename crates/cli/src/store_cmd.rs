//! The store commands: `ingest`, `query`, `series`, `search`, `export`.

use crate::{dict_cmd, inputs, parse_date, process_ordered, progress, InputArgs};
use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use dyad_store::{EventRow, Filter, IngestStats, Period, Store};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Args)]
pub(crate) struct DbArg {
    /// The database file (SQLite; created by `ingest`).
    #[arg(long, default_value = "dyad.db")]
    db: PathBuf,
}

impl DbArg {
    /// Opens an existing store (migrating an older schema); a missing file is an error.
    fn open_existing(&self) -> Result<Store> {
        if !self.db.exists() {
            bail!(
                "{}: no such database; create it with `dyad ingest INPUT… --db {}`",
                self.db.display(),
                self.db.display()
            );
        }
        let store = Store::open(&self.db)?;
        store.map_for_reading()?;
        Ok(store)
    }
}

#[derive(Args)]
pub(crate) struct IngestArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    dict: dict_cmd::DictArgs,
    #[command(flatten)]
    db: DbArg,
    /// Coding threads (default: the machine's cores); one writer thread commits.
    #[arg(long)]
    threads: Option<usize>,
    /// Articles per transaction.
    #[arg(long, default_value_t = 64)]
    batch: usize,
    /// Recode and rewrite articles even when unchanged (after upgrading dyad or its
    /// dictionaries).
    #[arg(long)]
    recode: bool,
}

/// Ingest time, UTC, `YYYY-MM-DDTHH:MM:SSZ`. The command line is the one place that reads
/// the clock: the store records when an article arrived (GDELT's DATEADDED); coding never
/// sees it.
#[allow(clippy::disallowed_methods)]
fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

pub(crate) fn ingest(a: IngestArgs) -> Result<ExitCode> {
    let engine = a.dict.engine()?;
    let mut store = Store::open(&a.db.db)?;
    let known = store.known_hashes()?;
    let opts = a.input.options();
    let files = inputs::discover(&a.input.inputs)?;
    let total: u64 = files.iter().map(|f| f.size).sum();
    let pb = progress(a.input.quiet, total);
    let threads = a
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let batch = a.batch.max(1);
    let added = now_utc();
    let recode = a.recode;
    let started = Instant::now();
    let (mut read, mut skipped, mut failed) = (0usize, 0usize, 0usize);
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<dyad_core::Document>>(2);
    let result: Result<IngestStats> = std::thread::scope(|scope| {
        // One writer: each batch is one transaction.
        let writer = scope.spawn(move || -> Result<IngestStats> {
            let mut total = IngestStats::default();
            for docs in rx {
                total += store.ingest(&docs, &added, recode)?;
            }
            Ok(total)
        });
        let send = |pending: &mut Vec<dyad_core::Article>| -> Result<bool> {
            if pending.is_empty() {
                return Ok(true);
            }
            let docs = process_ordered(&engine, std::mem::take(pending), threads, &|d| d)?;
            // A closed channel means the writer stopped on an error, reported by `join`.
            Ok(tx.send(docs).is_ok())
        };
        let mut pending = Vec::new();
        'files: for f in &files {
            let bytes = match inputs::read(f) {
                Ok(b) => b,
                Err(e) => {
                    pb.suspend(|| eprintln!("dyad: {e:#}"));
                    failed += 1;
                    if a.input.keep_going {
                        continue;
                    }
                    break;
                }
            };
            for rec in dyad_ingest::read_articles(&f.name, &bytes, f.format(&bytes), &opts) {
                match rec {
                    Ok(article) => {
                        read += 1;
                        let hash = dyad_store::content_hash(
                            article.date,
                            article.title.as_deref(),
                            article.url.as_deref(),
                            article.source.as_deref(),
                            &article.text,
                        );
                        if !recode && known.get(&article.id) == Some(&hash) {
                            skipped += 1;
                            continue;
                        }
                        pending.push(article);
                        if pending.len() >= batch * threads && !send(&mut pending)? {
                            break 'files;
                        }
                    }
                    Err(e) => {
                        pb.suspend(|| eprintln!("dyad: {e}"));
                        failed += 1;
                        if !a.input.keep_going {
                            break 'files;
                        }
                    }
                }
                let secs = started.elapsed().as_secs_f64().max(1e-9);
                if read % 64 == 0 {
                    pb.set_message(format!(
                        "{read} articles, {:.0} articles/s",
                        read as f64 / secs
                    ));
                }
            }
            pb.inc(f.size);
        }
        send(&mut pending)?;
        drop(tx);
        match writer.join() {
            Ok(r) => r,
            Err(_) => bail!("the writer thread panicked; the batch it was writing was rolled back"),
        }
    });
    pb.finish_and_clear();
    let stats = result?;
    let store = Store::open(&a.db.db)?;
    let totals = store.totals()?;
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    if !a.input.quiet {
        eprintln!(
            "dyad: {read} articles read in {secs:.1} s ({:.0} articles/s): {} added, {} replaced, {} unchanged, {} near-duplicates; {} events written",
            read as f64 / secs,
            stats.added,
            stats.replaced,
            skipped + stats.unchanged,
            stats.duplicates,
            stats.events,
        );
        eprintln!(
            "dyad: {}: {} articles ({} near-duplicates), {} events in {} clusters, {} counts{}",
            a.db.db.display(),
            totals.articles,
            totals.duplicates,
            totals.events,
            totals.clusters,
            totals.counts,
            if failed > 0 {
                format!("; {failed} inputs failed (the articles before them are stored; rerun to complete: stored articles are skipped)")
            } else {
                String::new()
            }
        );
    }
    Ok(crate::exit_code(failed))
}

fn parse_pair(s: &str) -> Result<(String, String), String> {
    match s.split_once(',') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
            Ok((a.trim().to_string(), b.trim().to_string()))
        }
        _ => Err(format!(
            "expected two actors separated by a comma (USA,ISR), got {s:?}"
        )),
    }
}

fn parse_near(s: &str) -> Result<(f64, f64, f64), String> {
    let v: Vec<f64> = s
        .split(',')
        .map(|x| x.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| format!("expected LAT,LON,KM (31.5,34.45,25), got {s:?}"))?;
    match v[..] {
        [lat, lon, km] => Ok((lat, lon, km)),
        _ => Err(format!("expected LAT,LON,KM (31.5,34.45,25), got {s:?}")),
    }
}

#[derive(Args)]
pub(crate) struct FilterArgs {
    /// Events with this actor as source or target (ISR: any Israeli actor; ISRGOV: the
    /// Israeli government; IGO: international organizations).
    #[arg(long)]
    actor: Option<String>,
    /// Events with this source actor.
    #[arg(long)]
    source: Option<String>,
    /// Events with this target actor.
    #[arg(long)]
    target: Option<String>,
    /// Events between two actors, either direction: USA,ISR.
    #[arg(long, value_parser = parse_pair)]
    dyad: Option<(String, String)>,
    /// CAMEO code; a trailing * matches by prefix (19*, 1823).
    #[arg(long)]
    cameo: Option<String>,
    /// CAMEO root code (two digits: 19).
    #[arg(long)]
    root: Option<String>,
    /// Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict.
    #[arg(long)]
    quad: Option<u8>,
    /// PLOVER event type (ASSAULT, PROTEST …).
    #[arg(long)]
    plover: Option<String>,
    /// First day, YYYY-MM-DD (inclusive).
    #[arg(long, value_parser = parse_date)]
    from: Option<NaiveDate>,
    /// Last day, YYYY-MM-DD (inclusive).
    #[arg(long, value_parser = parse_date)]
    to: Option<NaiveDate>,
    /// Events located within KM kilometres of LAT,LON: 31.29,34.24,25.
    #[arg(long, value_parser = parse_near)]
    near: Option<(f64, f64, f64)>,
    /// Events of articles matching this full-text query (SQLite FTS5 syntax).
    #[arg(long)]
    text: Option<String>,
    /// Include negated and hypothetical events.
    #[arg(long)]
    include_negated: bool,
    /// Include the events of near-duplicate articles (copies of an earlier article).
    #[arg(long)]
    include_duplicates: bool,
}

impl FilterArgs {
    fn filter(&self, limit: usize) -> Filter {
        Filter {
            actor: self.actor.clone(),
            source: self.source.clone(),
            target: self.target.clone(),
            dyad: self.dyad.clone(),
            cameo: self.cameo.clone(),
            root: self.root.clone(),
            quad: self.quad,
            plover: self.plover.clone(),
            from: self.from,
            to: self.to,
            near: self.near,
            text: self.text.clone(),
            include_negated: self.include_negated,
            include_duplicates: self.include_duplicates,
            limit,
        }
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum RowFormat {
    Table,
    Jsonl,
    Csv,
}

#[derive(Args)]
pub(crate) struct QueryArgs {
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: RowFormat,
    /// At most this many events (0: all).
    #[arg(long, default_value_t = 0)]
    limit: usize,
}

fn event_json(r: &EventRow) -> serde_json::Value {
    let actor = |a: &Option<dyad_store::query::ActorCols>| {
        a.as_ref()
            .map(|a| serde_json::json!({"code": a.code, "country": a.country, "text": a.text}))
    };
    serde_json::json!({
        "id": r.id,
        "article_id": r.article_id,
        "url": r.url,
        "article_source": r.article_source,
        "date": r.date,
        "date_precision": r.date_precision,
        "source": actor(&r.source),
        "target": actor(&r.target),
        "cameo": r.cameo,
        "root": r.root,
        "quad_class": r.quad,
        "goldstein": r.goldstein,
        "plover": r.plover,
        "plover_mode": r.plover_mode,
        "modality": r.modality,
        "confidence": r.confidence,
        "location": r.location.as_ref().map(|(n, c, lat, lon)| serde_json::json!({"name": n, "country": c, "lat": lat, "lon": lon})),
        "tone": r.tone,
        "killed": r.killed,
        "trigger": r.trigger,
        "sentence": r.sentence,
        "sentence_text": r.sentence_text,
        "cluster": r.cluster,
        "duplicate": r.duplicate,
    })
}

const QUERY_CSV: [&str; 18] = [
    "id",
    "article_id",
    "date",
    "source_code",
    "source_country",
    "target_code",
    "target_country",
    "cameo",
    "quad_class",
    "goldstein",
    "plover",
    "modality",
    "location",
    "lat",
    "lon",
    "killed",
    "trigger",
    "sentence_text",
];

fn csv_record(r: &EventRow) -> [String; 18] {
    [
        r.id.clone(),
        r.article_id.clone(),
        r.date.clone(),
        r.source.as_ref().map_or(String::new(), |x| x.code.clone()),
        r.source
            .as_ref()
            .and_then(|x| x.country.clone())
            .unwrap_or_default(),
        r.target.as_ref().map_or(String::new(), |x| x.code.clone()),
        r.target
            .as_ref()
            .and_then(|x| x.country.clone())
            .unwrap_or_default(),
        r.cameo.clone(),
        r.quad.to_string(),
        r.goldstein.to_string(),
        r.plover.clone().unwrap_or_default(),
        r.modality.clone(),
        r.location.as_ref().map_or(String::new(), |l| l.0.clone()),
        r.location
            .as_ref()
            .map_or(String::new(), |l| l.2.to_string()),
        r.location
            .as_ref()
            .map_or(String::new(), |l| l.3.to_string()),
        r.killed.map_or(String::new(), |k| k.to_string()),
        r.trigger.clone(),
        r.sentence_text.clone(),
    ]
}

fn out_err(e: impl std::fmt::Display) -> dyad_store::StoreError {
    dyad_store::StoreError::BadQuery(format!("writing output: {e}"))
}

pub(crate) fn query(a: QueryArgs) -> Result<ExitCode> {
    let store = a.db.open_existing()?;
    let filter = a.filter.filter(a.limit);
    let stdout = std::io::stdout().lock();
    let n = match a.format {
        RowFormat::Table => {
            let mut out = BufWriter::new(stdout);
            writeln!(
                out,
                "{:<10} {:<11} {:<11} {:<5} {:<10} {:<10} {:<18} {:>6} {:<28} EVENT",
                "DATE",
                "SOURCE",
                "TARGET",
                "CAMEO",
                "PLOVER",
                "MODALITY",
                "LOCATION",
                "KILLED",
                "TRIGGER"
            )?;
            let n = store.query_events(&filter, |r| {
                writeln!(
                    out,
                    "{:<10} {:<11} {:<11} {:<5} {:<10} {:<10} {:<18} {:>6} {:<28} {}",
                    r.date,
                    r.source.as_ref().map_or("-", |x| x.code.as_str()),
                    r.target.as_ref().map_or("-", |x| x.code.as_str()),
                    r.cameo,
                    r.plover.as_deref().unwrap_or("-"),
                    r.modality,
                    r.location
                        .as_ref()
                        .map_or("-".to_string(), |l| l.0.chars().take(18).collect()),
                    r.killed.map_or("-".to_string(), |k| k.to_string()),
                    r.trigger.chars().take(28).collect::<String>(),
                    r.id
                )
                .map_err(out_err)
            })?;
            out.flush()?;
            eprintln!("dyad: {n} events");
            n
        }
        RowFormat::Jsonl => {
            let mut out = BufWriter::new(stdout);
            let n = store.query_events(&filter, |r| {
                writeln!(out, "{}", event_json(&r)).map_err(out_err)
            })?;
            out.flush()?;
            n
        }
        RowFormat::Csv => {
            let mut w = csv::Writer::from_writer(BufWriter::new(stdout));
            w.write_record(QUERY_CSV)?;
            let n =
                store.query_events(&filter, |r| w.write_record(csv_record(&r)).map_err(out_err))?;
            w.flush()?;
            n
        }
    };
    let _ = n;
    Ok(ExitCode::SUCCESS)
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum By {
    Day,
    Week,
    Month,
}

#[derive(Args)]
pub(crate) struct SeriesArgs {
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    filter: FilterArgs,
    /// Period.
    #[arg(long, value_enum, default_value = "month")]
    by: By,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: RowFormat,
}

pub(crate) fn series(a: SeriesArgs) -> Result<ExitCode> {
    let store = a.db.open_existing()?;
    let by = match a.by {
        By::Day => Period::Day,
        By::Week => Period::Week,
        By::Month => Period::Month,
    };
    let rows = store.series(&a.filter.filter(0), by)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    let f2 = |v: Option<f64>, p: usize| v.map_or(String::new(), |x| format!("{x:.p$}"));
    match a.format {
        RowFormat::Table => {
            writeln!(
                out,
                "{:<10} {:>6} {:>6} {:>6} {:>6} {:>7} {:>9} {:>7} {:>7} {:>8}",
                "PERIOD",
                "Q1",
                "Q2",
                "Q3",
                "Q4",
                "EVENTS",
                "GOLDSTEIN",
                "TONE",
                "KILLED",
                "MENTIONS"
            )?;
            for r in &rows {
                writeln!(
                    out,
                    "{:<10} {:>6} {:>6} {:>6} {:>6} {:>7} {:>9} {:>7} {:>7} {:>8}",
                    r.period,
                    r.quad[0],
                    r.quad[1],
                    r.quad[2],
                    r.quad[3],
                    r.quad.iter().sum::<u64>(),
                    f2(r.goldstein, 2),
                    f2(r.tone, 3),
                    r.killed,
                    r.mentions
                )?;
            }
        }
        RowFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record([
                "period",
                "q1",
                "q2",
                "q3",
                "q4",
                "events",
                "goldstein",
                "tone",
                "killed",
                "mentions",
            ])?;
            for r in &rows {
                w.write_record([
                    r.period.clone(),
                    r.quad[0].to_string(),
                    r.quad[1].to_string(),
                    r.quad[2].to_string(),
                    r.quad[3].to_string(),
                    r.quad.iter().sum::<u64>().to_string(),
                    f2(r.goldstein, 4),
                    f2(r.tone, 4),
                    r.killed.to_string(),
                    r.mentions.to_string(),
                ])?;
            }
            w.flush()?;
        }
        RowFormat::Jsonl => {
            for r in &rows {
                writeln!(
                    out,
                    "{}",
                    serde_json::json!({
                        "period": r.period,
                        "quad": r.quad,
                        "events": r.quad.iter().sum::<u64>(),
                        "goldstein": r.goldstein,
                        "tone": r.tone,
                        "killed": r.killed,
                        "mentions": r.mentions,
                    })
                )?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
pub(crate) struct SearchArgs {
    #[command(flatten)]
    db: DbArg,
    /// Full-text query (SQLite FTS5 syntax: words, "phrases", AND/OR/NOT, prefix*).
    query: String,
    /// At most this many articles (0: all).
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// JSON lines instead of text.
    #[arg(long)]
    json: bool,
}

pub(crate) fn search(a: SearchArgs) -> Result<ExitCode> {
    let store = a.db.open_existing()?;
    let hits = store.search(&a.query, a.limit)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    for h in &hits {
        if a.json {
            writeln!(
                out,
                "{}",
                serde_json::json!({"id": h.id, "date": h.date, "title": h.title, "snippet": h.snippet, "rank": h.rank})
            )?;
        } else {
            writeln!(
                out,
                "{}  {}  {}\n    {}",
                h.date,
                h.id,
                h.title.as_deref().unwrap_or(""),
                h.snippet.replace('\n', " ")
            )?;
        }
    }
    out.flush()?;
    if !a.json {
        eprintln!("dyad: {} articles", hits.len());
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ExportFormat {
    /// GDELT 2.0 event table: 61 tab-separated columns, one row per event cluster.
    GdeltEvents,
    /// Parquet files (events, counts, articles; or --table).
    Parquet,
    /// CSV with a header (one table).
    Csv,
    /// JSON lines (one table).
    Jsonl,
}

#[derive(Args)]
pub(crate) struct ExportArgs {
    #[command(flatten)]
    db: DbArg,
    /// Output format.
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Table: events, counts, articles, clusters or mentions (default: events; Parquet
    /// writes events, counts and articles unless one is named).
    #[arg(long)]
    table: Option<String>,
    /// Output file (a directory for Parquet); default stdout, except for Parquet.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

/// Writes through `FILE.partial`, renamed into place on success; stdout when no file.
fn with_output(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write, &Path) -> Result<u64>,
) -> Result<u64> {
    match path {
        None => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            let n = write(&mut out, Path::new("-"))?;
            out.flush()?;
            Ok(n)
        }
        Some(p) => {
            let tmp = PathBuf::from(format!("{}.partial", p.display()));
            let f = std::fs::File::create(&tmp)
                .with_context(|| format!("{}: cannot create", tmp.display()))?;
            let mut out = BufWriter::new(f);
            let n = write(&mut out, p)?;
            out.flush()
                .with_context(|| format!("{}: cannot write", tmp.display()))?;
            drop(out);
            std::fs::rename(&tmp, p)
                .with_context(|| format!("{}: cannot rename into place", p.display()))?;
            Ok(n)
        }
    }
}

pub(crate) fn export(a: ExportArgs) -> Result<ExitCode> {
    let store = a.db.open_existing()?;
    match a.format {
        ExportFormat::GdeltEvents => {
            if a.table.is_some() {
                bail!("--table does not apply to gdelt-events (it exports the event clusters)");
            }
            let n = with_output(a.output.as_deref(), |w, p| {
                Ok(dyad_export::write_gdelt_events(&store, w, p)?)
            })?;
            eprintln!("dyad: {n} events (GDELT 2.0 event table, 61 columns)");
        }
        ExportFormat::Parquet => {
            let Some(dir) = &a.output else {
                bail!("--format parquet needs --output DIR");
            };
            std::fs::create_dir_all(dir)
                .with_context(|| format!("{}: cannot create directory", dir.display()))?;
            let names: Vec<&str> = match &a.table {
                Some(t) => vec![t.as_str()],
                None => vec!["events", "counts", "articles"],
            };
            for name in names {
                let spec = dyad_export::table(name)?;
                let path = dir.join(format!("{name}.parquet"));
                let n = dyad_export::write_parquet(&store, spec, &path)?;
                eprintln!("dyad: {}: {n} rows", path.display());
            }
        }
        ExportFormat::Csv | ExportFormat::Jsonl => {
            let spec = dyad_export::table(a.table.as_deref().unwrap_or("events"))?;
            let csv = a.format == ExportFormat::Csv;
            let n = with_output(a.output.as_deref(), |w, p| {
                Ok(if csv {
                    dyad_export::write_csv(&store, spec, w, p)?
                } else {
                    dyad_export::write_jsonl(&store, spec, w, p)?
                })
            })?;
            eprintln!("dyad: {n} {} rows", spec.name);
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
pub(crate) struct BenchQueryArgs {
    #[command(flatten)]
    db: DbArg,
    /// Queries of each kind.
    #[arg(long, default_value_t = 200)]
    repeat: usize,
}

/// Median and 99th percentile of durations, in milliseconds.
fn percentiles(mut ms: Vec<f64>) -> (f64, f64) {
    ms.sort_by(|a, b| a.total_cmp(b));
    let at = |q: f64| ms[((ms.len() as f64 - 1.0) * q).round() as usize];
    (at(0.5), at(0.99))
}

/// Latency of the query kinds analysts run most: a dyad (both directions, all its events
/// with their evidence), a 30-day date range (all its events), and a dyad's monthly series.
/// Dyads are the 20 most frequent country pairs of the store; windows are drawn with a fixed
/// seed between the first and last article dates.
pub(crate) fn bench_query(a: BenchQueryArgs) -> Result<ExitCode> {
    let store = a.db.open_existing()?;
    let conn = store.connection();
    let pairs: Vec<(String, String)> = conn
        .prepare(
            "SELECT src, tgt FROM clusters WHERE src != '' AND tgt != '' AND src != tgt
             AND length(src) = 3 AND length(tgt) = 3
             GROUP BY src, tgt ORDER BY count(*) DESC LIMIT 20",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let (lo, hi): (String, String) =
        conn.query_row("SELECT min(date), max(date) FROM articles", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let (lo, hi) = (
        NaiveDate::parse_from_str(&lo, "%Y-%m-%d")?,
        NaiveDate::parse_from_str(&hi, "%Y-%m-%d")?,
    );
    anyhow::ensure!(
        !pairs.is_empty(),
        "{}: no actor pairs to query",
        a.db.db.display()
    );
    let totals = store.totals()?;
    println!(
        "store: {} articles, {} events, {} clusters; {} queries of each kind",
        totals.articles, totals.events, totals.clusters, a.repeat
    );
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut rand = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let span = (hi - lo).num_days().max(1) as u64;
    for kind in ["dyad events", "30-day range", "dyad series"] {
        let mut ms = Vec::with_capacity(a.repeat);
        let mut rows = 0usize;
        for i in 0..a.repeat {
            let pair = pairs[i % pairs.len()].clone();
            let t = Instant::now();
            match kind {
                "dyad events" => {
                    let f = Filter {
                        dyad: Some(pair),
                        ..Default::default()
                    };
                    rows += store.query_events(&f, |r| {
                        std::hint::black_box(r);
                        Ok(())
                    })?;
                }
                "30-day range" => {
                    let from = lo + chrono::Duration::days((rand() % span) as i64);
                    let f = Filter {
                        from: Some(from),
                        to: Some(from + chrono::Duration::days(29)),
                        ..Default::default()
                    };
                    rows += store.query_events(&f, |r| {
                        std::hint::black_box(r);
                        Ok(())
                    })?;
                }
                _ => {
                    let f = Filter {
                        dyad: Some(pair),
                        ..Default::default()
                    };
                    rows += store.series(&f, Period::Month)?.len();
                }
            }
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        let (p50, p99) = percentiles(ms);
        println!(
            "{kind:<14} p50 {p50:>8.2} ms   p99 {p99:>8.2} ms   mean rows {:.0}",
            rows as f64 / a.repeat.max(1) as f64
        );
    }
    Ok(ExitCode::SUCCESS)
}
