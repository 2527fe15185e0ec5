//! `--dictionary DIR` and `dyad dict check`: user dictionaries on the command line.

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use dyad_engine::{Engine, UserData};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// User dictionary options shared by the commands that code text.
#[derive(Args, Clone, Default)]
pub struct DictArgs {
    /// A directory (or file) of user dictionaries in dyad's format, added after the built-in
    /// ones and overriding them; repeatable. Files are recognised by name: countries*,
    /// organizations*, sectors*, people*, events*, verb_forms*.tsv.
    #[arg(long = "dictionary", value_name = "DIR")]
    pub dictionaries: Vec<PathBuf>,
}

impl DictArgs {
    /// The engine over the built-in data plus these dictionaries.
    pub fn engine(&self, syntax: bool) -> Result<Engine> {
        let user = load(&self.dictionaries)?;
        let models = if syntax { Some(dyad_engine::builtin_models()?) } else { None };
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
            let text = std::fs::read_to_string(&f).with_context(|| format!("{}: cannot read as UTF-8", f.display()))?;
            user.add(&f.display().to_string(), text).map_err(anyhow::Error::msg)?;
        }
    }
    Ok(user)
}

pub fn run(c: DictCommand) -> Result<ExitCode> {
    match c {
        DictCommand::Check { paths } => {
            // Each file is checked on top of the built-in data, one at a time, so that every
            // bad file is reported.
            let mut bad = 0;
            let files: Vec<PathBuf> = if paths.is_empty() {
                Vec::new()
            } else {
                paths.iter().map(|p| files_of(p)).collect::<Result<Vec<_>>>()?.concat()
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
                let mut user = UserData::default();
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
            Ok(if bad > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
    }
}
