//! `dyad train`, `dyad parse`, `dyad eval-parse`: the syntax models on the command line.

use crate::inputs;
use crate::InputArgs;
use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use dyad_ingest::IngestOptions;
use dyad_syntax::shortcuts::Thresholds;
use dyad_syntax::{conllu, ConllSentence, Models, Morph, Parser, Shortcuts, Tagger};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum What {
    Tagger,
    Parser,
    /// Tag-dictionary and arc-label shortcuts (`shortcuts.tsv`), counted from `--train`.
    Shortcuts,
}

#[derive(Args)]
pub struct TrainArgs {
    /// Which model.
    #[arg(value_enum)]
    what: What,
    /// Training CoNLL-U.
    #[arg(long)]
    train: PathBuf,
    /// Development CoNLL-U (early stopping).
    #[arg(long)]
    dev: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = 12)]
    epochs: usize,
    /// Seed for shuffling.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output directory.
    #[arg(long, default_value = "data/models")]
    out: PathBuf,
    /// Shortcuts: minimum training count of a form in the tag dictionary.
    #[arg(long, default_value_t = 50)]
    tag_min_count: usize,
    /// Shortcuts: minimum share of a form's most frequent tag.
    #[arg(long, default_value_t = 0.995)]
    tag_min_share: f64,
    /// Shortcuts: minimum training count of an arc key.
    #[arg(long, default_value_t = 50)]
    arc_min_count: usize,
    /// Shortcuts: minimum share of an arc key's most frequent label.
    #[arg(long, default_value_t = 0.99)]
    arc_min_share: f64,
}

#[derive(Args)]
pub struct ParseArgs {
    /// Articles to parse (any input `dyad code` reads).
    #[arg(required_unless_present = "pretokenized")]
    inputs: Vec<String>,
    /// Keep the words of a CoNLL-U file instead of tokenizing.
    #[arg(long)]
    pretokenized: Option<PathBuf>,
    /// Output format (CoNLL-U).
    #[arg(long, default_value = "conllu")]
    format: String,
    /// Model directory (default: the models built into dyad).
    #[arg(long)]
    models: Option<PathBuf>,
    /// Replace invalid UTF-8 instead of failing.
    #[arg(long)]
    lossy: bool,
    /// No progress output.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args)]
pub struct EvalParseArgs {
    /// Gold CoNLL-U.
    #[arg(long)]
    gold: PathBuf,
    /// Model directory (default: the models built into dyad).
    #[arg(long)]
    models: Option<PathBuf>,
}

fn read_conllu(p: &Path) -> Result<Vec<ConllSentence>> {
    let text =
        std::fs::read_to_string(p).with_context(|| format!("{}: cannot read", p.display()))?;
    Ok(conllu::parse(&p.display().to_string(), &text)?)
}

/// The models in `dir`, or the built-in ones.
pub fn models(dir: Option<&Path>) -> Result<Models> {
    match dir {
        Some(d) => load_models(d),
        None => Ok(dyad_engine::builtin_models()?),
    }
}

/// Loads the models from a directory.
pub fn load_models(dir: &Path) -> Result<Models> {
    let t = dir.join("tagger.bin.gz");
    let p = dir.join("parser.bin.gz");
    let tb = std::fs::read(&t).with_context(|| {
        format!(
            "{}: cannot read (train it with `dyad train tagger`)",
            t.display()
        )
    })?;
    let pb = std::fs::read(&p).with_context(|| {
        format!(
            "{}: cannot read (train it with `dyad train parser`)",
            p.display()
        )
    })?;
    let mut models = Models::from_bytes(&tb, &pb)?;
    let sp = dir.join("shortcuts.tsv");
    if sp.exists() {
        let text = std::fs::read_to_string(&sp)
            .with_context(|| format!("{}: cannot read", sp.display()))?;
        let sc = Shortcuts::parse(&sp.display().to_string(), &text)?;
        models.set_shortcuts(&sc)?;
    }
    Ok(models)
}

pub fn train(a: TrainArgs) -> Result<ExitCode> {
    let train = read_conllu(&a.train)?;
    let dev = read_conllu(&a.dev)?;
    std::fs::create_dir_all(&a.out)
        .with_context(|| format!("{}: cannot create", a.out.display()))?;
    let t0 = Instant::now();
    let report = |what: &str, e: usize, tr: f64, dv: f64| {
        eprintln!(
            "dyad train {what}: epoch {e}/{}: train {:.2}%  dev {:.2}  ({:.0} s)",
            a.epochs,
            100.0 * tr,
            dv,
            t0.elapsed().as_secs_f64()
        );
    };
    let (path, bytes) = match a.what {
        What::Tagger => {
            let tagger = Tagger::train(&train, &dev, a.epochs, a.seed, |e, tr, dv| {
                report("tagger", e, tr, 100.0 * dv)
            });
            let morph = Morph::train(&train);
            eprintln!("dyad train tagger: {} features", tagger.feature_count());
            (a.out.join("tagger.bin.gz"), tagger.to_bytes(&morph)?)
        }
        What::Parser => {
            eprintln!("dyad train parser: tagging the training data by 4-fold jackknifing");
            let tags = dyad_syntax::jackknife_tags(&train, &dev, 4, 6, a.seed);
            let parser = Parser::train(&train, Some(&tags), &dev, a.epochs, a.seed, |e, tr, dv| {
                report("parser", e, tr, dv)
            });
            eprintln!("dyad train parser: {} features", parser.feature_count());
            (a.out.join("parser.bin.gz"), parser.to_bytes()?)
        }
        What::Shortcuts => {
            let th = Thresholds {
                tag_min_count: a.tag_min_count,
                tag_min_share: a.tag_min_share,
                arc_min_count: a.arc_min_count,
                arc_min_share: a.arc_min_share,
            };
            let sc = Shortcuts::train(&train, th);
            let (tags, arcs) = shortcut_agreement(&sc, &dev);
            eprintln!(
                "dyad train shortcuts: {} forms, {} arc keys; on the dev file the forms cover \
                 {:.1}% of words (gold agrees {:.2}%), the arc keys {:.1}% of arcs (gold agrees \
                 {:.2}%)",
                sc.tags.len(),
                sc.arcs.len(),
                100.0 * tags.0,
                100.0 * tags.1,
                100.0 * arcs.0,
                100.0 * arcs.1
            );
            let name = a.train.file_name().map_or_else(
                || a.train.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let header = format!(
                "dyad syntax shortcuts (format: crates/syntax/src/shortcuts.rs)\n\
                 generated by: dyad train shortcuts --train {name} --tag-min-count {} \
                 --tag-min-share {} --arc-min-count {} --arc-min-share {}\n\
                 counted from UD English EWT (CC BY-SA 4.0); see data/NOTICE",
                th.tag_min_count, th.tag_min_share, th.arc_min_count, th.arc_min_share
            );
            (
                a.out.join("shortcuts.tsv"),
                sc.to_text(&header).into_bytes(),
            )
        }
    };
    let tmp = path.with_extension("partial");
    std::fs::write(&tmp, &bytes).with_context(|| format!("{}: cannot write", tmp.display()))?;
    std::fs::rename(&tmp, &path).with_context(|| format!("{}: cannot rename", path.display()))?;
    eprintln!(
        "dyad train: wrote {} ({:.1} MB) in {:.0} s",
        path.display(),
        bytes.len() as f64 / 1e6,
        t0.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// (coverage, agreement with gold) of the tag dictionary over words and of the arc labels
/// over arcs (with gold tags) of `gold`.
fn shortcut_agreement(sc: &Shortcuts, gold: &[ConllSentence]) -> ((f64, f64), (f64, f64)) {
    let (mut words, mut tc, mut ta) = (0usize, 0usize, 0usize);
    let (mut arcs, mut ac, mut aa) = (0usize, 0usize, 0usize);
    for s in gold {
        for (i, w) in s.words.iter().enumerate() {
            words += 1;
            if let Some((u, x)) = sc.tags.get(&w.form) {
                tc += 1;
                ta += usize::from(*u == w.upos && *x == w.xpos);
            }
            let head = match w.head {
                0 => dyad_syntax::shortcuts::ROOT_TAG,
                h => match s.words.get(h - 1) {
                    Some(hw) => hw.xpos.as_str(),
                    None => continue,
                },
            };
            arcs += 1;
            let key = (w.xpos.clone(), head.to_string(), i + 1 < w.head);
            if let Some(l) = sc.arcs.get(&key) {
                ac += 1;
                aa += usize::from(*l == w.deprel);
            }
        }
    }
    let r = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    ((r(tc, words), r(ta, tc)), (r(ac, arcs), r(aa, ac)))
}

pub fn parse(a: ParseArgs) -> Result<ExitCode> {
    if a.format != "conllu" {
        bail!("--format {}: only conllu is supported", a.format);
    }
    let models = models(a.models.as_deref())?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if let Some(p) = &a.pretokenized {
        for s in read_conllu(p)? {
            let forms: Vec<String> = s.words.iter().map(|w| w.form.clone()).collect();
            let words = models.annotate(&forms);
            let sent = ConllSentence {
                comments: s.comments.clone(),
                words,
                multiword: s.multiword.clone(),
            };
            out.write_all(conllu::write(&[sent]).as_bytes())?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let engine =
        dyad_engine::Engine::builtin_parser(Some(models)).context("loading built-in data")?;
    let opts = IngestOptions {
        lossy: a.lossy,
        default_date: None,
    };
    let input = InputArgs {
        inputs: a.inputs.clone(),
        lossy: a.lossy,
        default_date: None,
        keep_going: false,
        quiet: a.quiet,
    };
    let mut failed = false;
    for f in inputs::discover(&input.inputs)? {
        let bytes = inputs::read(&f)?;
        for rec in dyad_ingest::read_articles(&f.name, &bytes, f.format(&bytes), &opts) {
            match rec {
                Ok(art) => {
                    let doc = engine.process(art);
                    out.write_all(conllu::write(&dyad_syntax::document_conllu(&doc)).as_bytes())?;
                }
                Err(e) => {
                    eprintln!("dyad: {e}");
                    failed = true;
                }
            }
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub fn eval_parse(a: EvalParseArgs) -> Result<ExitCode> {
    let models = models(a.models.as_deref())?;
    let gold = read_conllu(&a.gold)?;
    let t0 = Instant::now();
    let pred: Vec<ConllSentence> = gold
        .iter()
        .map(|s| {
            let forms: Vec<String> = s.words.iter().map(|w| w.form.clone()).collect();
            ConllSentence {
                comments: Vec::new(),
                words: models.annotate(&forms),
                multiword: Vec::new(),
            }
        })
        .collect();
    let secs = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    for s in &gold {
        let forms: Vec<String> = s.words.iter().map(|w| w.form.clone()).collect();
        std::hint::black_box(models.tagger.tag(&forms));
    }
    let tag_secs = t1.elapsed().as_secs_f64();
    let sc = dyad_syntax::score(&gold, &pred);
    println!(
        "{}  ({} sentences, {} words, gold tokenization)",
        a.gold.display(),
        gold.len(),
        sc.words
    );
    println!(
        "  UPOS   {:.2}\n  XPOS   {:.2}\n  Lemma  {:.2}\n  UAS    {:.2}\n  LAS    {:.2}",
        sc.upos, sc.xpos, sc.lemma, sc.uas, sc.las
    );
    println!(
        "  tag+lemma+parse: {:.0} words/s (single thread, {:.2} s; tagging alone {:.0} words/s)",
        sc.words as f64 / secs,
        secs,
        sc.words as f64 / tag_secs
    );
    Ok(ExitCode::SUCCESS)
}
