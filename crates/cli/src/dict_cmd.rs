//! `--dictionary DIR` and `dyad dict check`: user dictionaries on the command line.

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use dyad_engine::{Engine, UserData};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Options shared by the commands that code text: user dictionaries and the syntax stage.
#[derive(Args, Clone, Default)]
pub struct DictArgs {
    /// A directory (or file) of user dictionaries in dyad's format, added after the built-in
    /// ones and overriding them; repeatable. Files are recognised by name: countries*,
    /// country_history*, organizations*, sectors*, people*, events*, verb_forms*.tsv.
    #[arg(long = "dictionary", value_name = "DIR")]
    pub dictionaries: Vec<PathBuf>,
    /// Skip the syntax stage (tagger, lemmas, parser): roles then come from word positions.
    /// About five times faster and less accurate (see the README).
    #[arg(long, conflicts_with = "syntax")]
    pub no_syntax: bool,
    /// Run the syntax stage: roles come from the dependency tree (the default; kept for
    /// scripts written when it was optional).
    #[arg(long, hide = true)]
    pub syntax: bool,
}

impl DictArgs {
    /// The engine over the built-in data plus these dictionaries, with the syntax stage
    /// unless `--no-syntax`.
    pub fn engine(&self) -> Result<Engine> {
        let user = load(&self.dictionaries)?;
        let models = if !self.no_syntax {
            Some(dyad_engine::builtin_models()?)
        } else {
            None
        };
        Engine::with_user_data(&user, models).context("loading dictionaries")
    }
}

#[derive(Subcommand)]
pub enum DictCommand {
    /// Validate dictionary files (or, with no path, the built-in ones); errors name file:line.
    Check {
        /// Files or directories of dictionaries in dyad's format.
        paths: Vec<PathBuf>,
    },
    /// Convert PETRARCH/TABARI actor, agent and verb dictionaries into dyad's format.
    ImportPetrarch {
        /// PETRARCH actor, agent and verb dictionary files (the kind is read from the content).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output directory (usable with `--dictionary DIR`).
        #[arg(long, short)]
        out: PathBuf,
    },
}

fn files_of(p: &Path) -> Result<Vec<PathBuf>> {
    if p.is_dir() {
        let mut v: Vec<PathBuf> = walkdir::WalkDir::new(p)
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "tsv"))
            .map(|e| e.into_path())
            .collect();
        v.sort();
        Ok(v)
    } else if p.exists() {
        Ok(vec![p.to_path_buf()])
    } else {
        anyhow::bail!("{}: cannot open", p.display())
    }
}

/// Reads user dictionaries from files and directories.
pub fn load(paths: &[PathBuf]) -> Result<UserData> {
    let mut user = UserData::default();
    for p in paths {
        for f in files_of(p)? {
            let text = std::fs::read_to_string(&f)
                .with_context(|| format!("{}: cannot read as UTF-8", f.display()))?;
            user.add(&f.display().to_string(), text)
                .map_err(anyhow::Error::msg)?;
        }
    }
    Ok(user)
}

fn import_petrarch(files: &[PathBuf], out: &Path) -> Result<ExitCode> {
    let mut imported = dyad_engine::petrarch::Imported::default();
    let ontology = dyad_engine::dyad_core::Ontology::builtin()?;
    let mut events = String::new();
    let mut forms = String::new();
    let mut verb_patterns = 0usize;
    for f in files {
        let text = std::fs::read(f).with_context(|| format!("{}: cannot read", f.display()))?;
        // PETRARCH's files are mostly ASCII; stray Latin-1 bytes are kept as replacement characters.
        let text = String::from_utf8_lossy(&text);
        let name = f.display().to_string();
        if text
            .lines()
            .any(|l| l.starts_with("---") && l.contains('['))
        {
            let v = dyad_engine::petrarch::import_verbs(&name, &text, &ontology);
            events.push_str(&v.events);
            forms.push_str(&v.verb_forms);
            verb_patterns += v.patterns;
            imported.skipped.extend(v.skipped);
        } else if text.contains("[~") || text.contains("~]") {
            dyad_engine::petrarch::import_agents(&name, &text, &mut imported);
        } else {
            dyad_engine::petrarch::import_actors(&name, &text, &mut imported);
        }
    }
    std::fs::create_dir_all(out).with_context(|| format!("{}: cannot create", out.display()))?;
    let origin = files
        .iter()
        .map(|f| {
            f.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(", ");
    let mut files_out = imported.files(&origin);
    if !events.is_empty() {
        let header = |cols: &str| {
            format!("# Imported from PETRARCH dictionaries ({origin}) by `dyad dict import-petrarch`.\n# Columns: {cols}\n")
        };
        files_out.push((
            "events_petrarch.tsv".into(),
            header("cameo kind pattern note") + &events,
        ));
        files_out.push((
            "verb_forms_petrarch.tsv".into(),
            header("lemma third_singular past past_participle gerund") + &forms,
        ));
    }
    for (name, body) in files_out {
        let path = out.join(&name);
        let tmp = path.with_extension("partial");
        std::fs::write(&tmp, body).with_context(|| format!("{}: cannot write", tmp.display()))?;
        std::fs::rename(&tmp, &path)
            .with_context(|| format!("{}: cannot rename", path.display()))?;
        println!("wrote {}", path.display());
    }
    println!(
        "{} records converted, {} verb patterns, {} lines skipped",
        imported.records,
        verb_patterns,
        imported.skipped.len()
    );
    for s in imported.skipped.iter().take(20) {
        println!("  skipped {s}");
    }
    if imported.skipped.len() > 20 {
        println!("  … and {} more", imported.skipped.len() - 20);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run(c: DictCommand) -> Result<ExitCode> {
    match c {
        DictCommand::ImportPetrarch { files, out } => import_petrarch(&files, &out),
        DictCommand::Check { paths } => {
            // Each file is checked on top of the built-in data, one at a time, so that every
            // bad file is reported.
            let mut bad = 0;
            let files: Vec<PathBuf> = if paths.is_empty() {
                Vec::new()
            } else {
                paths
                    .iter()
                    .map(|p| files_of(p))
                    .collect::<Result<Vec<_>>>()?
                    .concat()
            };
            if files.is_empty() {
                let e = Engine::with_user_data(&UserData::default(), None);
                match e {
                    Ok(e) => println!(
                        "built-in: ok ({} actor names, {} event patterns)",
                        e.dictionary().pattern_count(),
                        e.lexicon().len()
                    ),
                    Err(err) => {
                        println!("built-in: {err}");
                        bad += 1;
                    }
                }
            }
            // Event patterns are checked together with every verb-forms file given.
            let mut forms_files = UserData::default();
            for f in files.iter().filter(|f| {
                f.file_name().is_some_and(|n| {
                    n.to_string_lossy()
                        .to_ascii_lowercase()
                        .starts_with("verb_forms")
                })
            }) {
                // Unreadable files are reported by their own check below.
                if let Ok(t) = std::fs::read_to_string(f) {
                    forms_files.add(&f.display().to_string(), t).ok();
                }
            }
            for f in files {
                let name = f.display().to_string();
                let text = match std::fs::read_to_string(&f) {
                    Ok(t) => t,
                    Err(e) => {
                        println!("{name}: cannot read as UTF-8: {e}");
                        bad += 1;
                        continue;
                    }
                };
                let mut user = UserData {
                    verb_forms: forms_files.verb_forms.clone(),
                    ..UserData::default()
                };
                if let Err(e) = user.add(&name, text) {
                    println!("{e}");
                    bad += 1;
                    continue;
                }
                match Engine::with_user_data(&user, None) {
                    Ok(_) => println!("{name}: ok"),
                    Err(e) => {
                        println!("{e}");
                        bad += 1;
                    }
                }
            }
            Ok(if bad > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}
