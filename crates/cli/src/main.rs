//! `dyad`: the command line. Argument parsing, input discovery, progress, output formats and
//! exit codes live here; everything else is in the library crates.
//!
//! Exit codes: 0 success; 1 some input or record failed (the rest was processed when
//! `--keep-going` is given); 2 usage error or a failure to start.

mod dict_cmd;
mod inputs;
mod store_cmd;
mod syntax_cmd;
mod table;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use dyad_engine::{records, Engine};
use dyad_ingest::IngestOptions;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "dyad",
    version,
    about = "Political event data from dated news articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code articles into events (JSONL or a table).
    Code(CodeArgs),
    /// Score the coder on gold sentences.
    Eval(EvalArgs),
    /// Measure single-threaded throughput on inputs.
    Bench(BenchArgs),
    /// Train the tagger or the parser on CoNLL-U.
    Train(syntax_cmd::TrainArgs),
    /// Tag and parse text (or pre-tokenized CoNLL-U) and print CoNLL-U.
    Parse(syntax_cmd::ParseArgs),
    /// Score tagging, lemmas and parsing against gold CoNLL-U (gold tokenization).
    EvalParse(syntax_cmd::EvalParseArgs),
    /// Dictionary tools.
    #[command(subcommand)]
    Dict(dict_cmd::DictCommand),
    /// Code articles into the store (SQLite): unchanged articles are skipped, changed ones
    /// replaced, near-duplicates linked, events clustered across reports.
    Ingest(store_cmd::IngestArgs),
    /// List stored events by actor, dyad, code, date, place or text, with their evidence.
    Query(store_cmd::QueryArgs),
    /// Event counts per day, week or month (clusters, not raw mentions) by quad class, with
    /// mean Goldstein value, mean tone and killed.
    Series(store_cmd::SeriesArgs),
    /// Full-text search over stored articles, with highlighted snippets.
    Search(store_cmd::SearchArgs),
    /// Export the store: GDELT 2.0 event table, Parquet, CSV or JSON lines.
    Export(store_cmd::ExportArgs),
    /// Measure query latency on a store (dyad, date-range and series queries; p50, p99).
    BenchQuery(store_cmd::BenchQueryArgs),
}

#[derive(Args, Clone)]
pub(crate) struct InputArgs {
    /// Files, directories (searched recursively for .txt, .jsonl, .ndjson, .csv) or `-` for stdin.
    #[arg(required = true)]
    pub(crate) inputs: Vec<String>,
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    #[arg(long)]
    pub(crate) lossy: bool,
    /// Date for records without one (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub(crate) default_date: Option<NaiveDate>,
    /// Report bad records and go on; the exit code is still 1 if any failed.
    #[arg(long)]
    pub(crate) keep_going: bool,
    /// No progress bar.
    #[arg(long, short)]
    pub(crate) quiet: bool,
}

impl InputArgs {
    /// The ingest options these flags ask for.
    pub(crate) fn options(&self) -> IngestOptions {
        IngestOptions {
            lossy: self.lossy,
            default_date: self.default_date,
        }
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum OutFormat {
    Jsonl,
    Table,
}

#[derive(Args)]
struct CodeArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    dict: dict_cmd::DictArgs,
    /// Drop events whose confidence is below this (0–1).
    #[arg(long, default_value_t = 0.0)]
    min_confidence: f32,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: OutFormat,
    /// Also write a record for every actor mention.
    #[arg(long)]
    mentions: bool,
    /// Write to this file instead of stdout (written to FILE.partial, renamed when the run
    /// completes; a run stopped by a bad record leaves FILE.partial).
    #[arg(long, short)]
    output: Option<std::path::PathBuf>,
    /// Worker threads for coding; output keeps the input order.
    #[arg(long, default_value_t = 1)]
    threads: usize,
}

#[derive(Args)]
struct EvalArgs {
    #[command(flatten)]
    dict: dict_cmd::DictArgs,
    /// Gold JSONL files (formats of eval/dev).
    #[arg(long, required = true, num_args = 1..)]
    gold: Vec<std::path::PathBuf>,
    /// Machine-readable output.
    #[arg(long)]
    json: bool,
    /// List the sentences dyad gets wrong.
    #[arg(long)]
    errors: bool,
}

#[derive(Args)]
struct BenchArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    dict: dict_cmd::DictArgs,
    /// Passes over the input.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
}

pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("expected YYYY-MM-DD, got {s:?}"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(a) => code(a),
        Command::Eval(a) => eval(a),
        Command::Bench(a) => bench(a),
        Command::Train(a) => syntax_cmd::train(a),
        Command::Parse(a) => syntax_cmd::parse(a),
        Command::EvalParse(a) => syntax_cmd::eval_parse(a),
        Command::Dict(c) => dict_cmd::run(c),
        Command::Ingest(a) => store_cmd::ingest(a),
        Command::Query(a) => store_cmd::query(a),
        Command::Series(a) => store_cmd::series(a),
        Command::Search(a) => store_cmd::search(a),
        Command::Export(a) => store_cmd::export(a),
        Command::BenchQuery(a) => store_cmd::bench_query(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // The reader went away (`dyad query … | head`): not an error of dyad's.
            let broken_pipe = e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
                    || c.to_string().contains("Broken pipe")
            });
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("dyad: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

pub(crate) fn progress(quiet: bool, total: u64) -> ProgressBar {
    let pb = ProgressBar::new(total);
    if quiet || !std::io::stderr().is_terminal() {
        pb.set_draw_target(ProgressDrawTarget::hidden());
    }
    pb.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:30} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    pb
}

fn code(a: CodeArgs) -> Result<ExitCode> {
    let engine = a.dict.engine()?;
    let opts = a.input.options();
    let files = inputs::discover(&a.input.inputs)?;
    let total: u64 = files.iter().map(|f| f.size).sum();
    let pb = progress(a.input.quiet, total);
    let (mut sink, tmp): (Box<dyn Write>, Option<std::path::PathBuf>) = match &a.output {
        Some(p) => {
            let tmp = p.with_extension("partial");
            let f = std::fs::File::create(&tmp)
                .with_context(|| format!("{}: cannot create", tmp.display()))?;
            (Box::new(BufWriter::new(f)), Some(tmp))
        }
        None => (Box::new(BufWriter::new(std::io::stdout().lock())), None),
    };
    let mut failed = 0usize;
    let mut articles = 0usize;
    let mut events = 0usize;
    let mut table = table::Table::new();
    let threads = a.threads.max(1);
    let mentions = a.mentions;
    let jsonl = a.format == OutFormat::Jsonl;
    let min_confidence = a.min_confidence;
    // Workers code and, for JSONL, also render; the main thread only writes, in input order.
    let render = move |mut doc: dyad_core::Document| -> Coded {
        doc.retain_events(|e| e.confidence >= min_confidence);
        let mut text = String::new();
        if jsonl {
            text.push_str(&records::article(&doc).to_string());
            text.push('\n');
            if mentions {
                for m in &doc.mentions {
                    text.push_str(&records::mention(&doc, m).to_string());
                    text.push('\n');
                }
                for p in &doc.places {
                    text.push_str(&records::place(&doc, p).to_string());
                    text.push('\n');
                }
            }
            for e in &doc.events {
                text.push_str(&records::event(&doc, e).to_string());
                text.push('\n');
            }
            for (i, c) in doc.counts.iter().enumerate() {
                text.push_str(&records::count(&doc, i, c).to_string());
                text.push('\n');
            }
        }
        Coded {
            events: doc.events.len(),
            text,
            doc: (!jsonl).then_some(doc),
        }
    };
    let mut write_docs = |docs: Vec<Coded>, sink: &mut Box<dyn Write>| -> Result<()> {
        for c in docs {
            articles += 1;
            events += c.events;
            sink.write_all(c.text.as_bytes())?;
            if let Some(doc) = &c.doc {
                table.add(doc, sink)?;
            }
        }
        Ok(())
    };
    let mut stopped = false;
    'files: for f in &files {
        let bytes = match inputs::read(f) {
            Ok(b) => b,
            Err(e) => {
                pb.suspend(|| eprintln!("dyad: {e:#}"));
                failed += 1;
                if a.input.keep_going {
                    continue;
                }
                stopped = true;
                break;
            }
        };
        let mut pending = Vec::new();
        for rec in dyad_ingest::read_articles(&f.name, &bytes, f.format(&bytes), &opts) {
            match rec {
                Ok(article) => {
                    pending.push(article);
                    if pending.len() >= 64 * threads {
                        write_docs(
                            process_ordered(
                                &engine,
                                std::mem::take(&mut pending),
                                threads,
                                &render,
                            )?,
                            &mut sink,
                        )?;
                    }
                }
                Err(e) => {
                    write_docs(
                        process_ordered(&engine, std::mem::take(&mut pending), threads, &render)?,
                        &mut sink,
                    )?;
                    pb.suspend(|| eprintln!("dyad: {e}"));
                    failed += 1;
                    if !a.input.keep_going {
                        stopped = true;
                        break 'files;
                    }
                }
            }
        }
        write_docs(
            process_ordered(&engine, pending, threads, &render)?,
            &mut sink,
        )?;
        pb.inc(f.size);
    }
    sink.flush()?;
    drop(sink);
    if let (Some(tmp), Some(out)) = (tmp, &a.output) {
        if stopped {
            eprintln!(
                "dyad: stopped at the first bad record; the output so far is in {}",
                tmp.display()
            );
        } else {
            std::fs::rename(&tmp, out)
                .with_context(|| format!("{}: cannot rename into place", out.display()))?;
        }
    }
    pb.finish_and_clear();
    if !a.input.quiet {
        eprintln!(
            "dyad: {articles} articles, {events} events{}",
            if failed > 0 {
                format!(", {failed} failed")
            } else {
                String::new()
            }
        );
    }
    Ok(exit_code(failed))
}

/// Exit code of a run that read inputs: 1 if any input or record failed, else 0.
pub(crate) fn exit_code(failed: usize) -> ExitCode {
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// One coded article: its event count, its rendered JSONL, or the document for the table.
struct Coded {
    events: usize,
    text: String,
    doc: Option<dyad_core::Document>,
}

/// Runs the engine (and `finish`) over articles on `threads` threads; results come back in
/// input order.
pub(crate) fn process_ordered<T: Send>(
    engine: &Engine,
    articles: Vec<dyad_core::Article>,
    threads: usize,
    finish: &(impl Fn(dyad_core::Document) -> T + Sync),
) -> Result<Vec<T>> {
    if threads <= 1 || articles.len() < 2 {
        return Ok(articles
            .into_iter()
            .map(|a| finish(engine.process(a)))
            .collect());
    }
    let per = articles.len().div_ceil(threads);
    let mut parts: Vec<Vec<dyad_core::Article>> = Vec::new();
    let mut rest = articles;
    while !rest.is_empty() {
        let tail = rest.split_off(per.min(rest.len()));
        parts.push(std::mem::replace(&mut rest, tail));
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| {
                scope.spawn(move || {
                    part.into_iter()
                        .map(|a| finish(engine.process(a)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut out = Vec::new();
        for h in handles {
            match h.join() {
                Ok(docs) => out.extend(docs),
                Err(_) => anyhow::bail!(
                    "a coding thread panicked; no output was written for its articles"
                ),
            }
        }
        Ok(out)
    })
}

fn eval(a: EvalArgs) -> Result<ExitCode> {
    let engine = a.dict.engine()?;
    let mut reports = Vec::new();
    for path in &a.gold {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read", path.display()))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let gold = dyad_eval::read_gold(&path.display().to_string(), &text)?;
        reports.push(dyad_eval::evaluate(&engine, &name, &gold, a.errors));
    }
    let mut out = std::io::stdout().lock();
    if a.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&reports)?)?;
    } else {
        for r in &reports {
            write!(out, "{}", dyad_eval::format_report(r))?;
            if a.errors {
                for m in &r.misses {
                    writeln!(
                        out,
                        "  MISS {}: expected {}; got [{}]\n       {}",
                        m.id, m.expected, m.got, m.text
                    )?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn bench(a: BenchArgs) -> Result<ExitCode> {
    let engine = a.dict.engine()?;
    let opts = a.input.options();
    let files = inputs::discover(&a.input.inputs)?;
    let mut arts = Vec::new();
    let mut bytes_total = 0usize;
    for f in &files {
        let bytes = inputs::read(f)?;
        for r in dyad_ingest::read_articles(&f.name, &bytes, f.format(&bytes), &opts) {
            let art = r?;
            bytes_total += art.text.len();
            arts.push(art);
        }
    }
    anyhow::ensure!(!arts.is_empty(), "no articles in the input");
    let pb = progress(a.input.quiet, (a.repeat * arts.len()) as u64);
    let mut best = f64::MAX;
    let (mut sentences, mut tokens, mut events) = (0usize, 0usize, 0usize);
    for _ in 0..a.repeat.max(1) {
        let t = Instant::now();
        let (mut s, mut tk, mut ev) = (0, 0, 0);
        for art in &arts {
            let doc = engine.process(art.clone());
            s += doc.sentences.len();
            tk += doc.tokens.len();
            ev += doc.events.len();
            pb.inc(1);
        }
        best = best.min(t.elapsed().as_secs_f64());
        (sentences, tokens, events) = (s, tk, ev);
    }
    pb.finish_and_clear();
    let mb = bytes_total as f64 / 1e6;
    println!(
        "pipeline: {}\narticles {}  sentences {}  tokens {}  events {}  text {:.2} MB\nbest of {}: {:.3} s  =>  {:.0} sentences/s  {:.0} tokens/s  {:.2} MB/s  (single thread)",
        engine.stages().join(" → "), arts.len(), sentences, tokens, events, mb, a.repeat, best,
        sentences as f64 / best, tokens as f64 / best, mb / best
    );
    Ok(ExitCode::SUCCESS)
}
