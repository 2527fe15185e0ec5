//! The store commands end to end: crash safety of `dyad ingest` under SIGKILL, the README's
//! ingest-and-query flow, exports (GDELT columns, Parquet read back by pyarrow), bad input.

#![allow(clippy::unwrap_used)] // Test helpers: a panic is a test failure.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn dyad_cmd(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dyad"));
    c.current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

fn dyad(dir: &Path, args: &[&str]) -> Output {
    dyad_cmd(dir, args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// A corpus of `copies` dated variants of every example article, as JSONL.
fn corpus(dir: &Path, copies: usize) -> (PathBuf, usize) {
    let mut out = String::new();
    let mut n = 0;
    let mut files: Vec<_> = std::fs::read_dir(examples())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    for i in 0..copies {
        for f in &files {
            let raw = std::fs::read_to_string(f).unwrap();
            // `date YYYY-MM-DD`, then the body (which may start on the date line).
            let rest = raw.trim_start_matches("date ");
            let (date, body) = rest.split_at(10);
            let stem = f.file_stem().unwrap().to_string_lossy();
            let rec = serde_json::json!({
                "id": format!("{stem}-v{i}"),
                "date": date,
                "source": format!("Outlet {}", i % 3),
                // Each copy's first line differs, so copies are near-duplicates, not equal.
                "text": format!("Edition {i} of the report.\n\n{body}"),
            });
            out.push_str(&rec.to_string());
            out.push('\n');
            n += 1;
        }
    }
    let p = dir.join("corpus.jsonl");
    std::fs::write(&p, out).unwrap();
    (p, n)
}

/// The consistency check of the store, run in this process.
fn check(db: &Path) -> (u64, Vec<String>) {
    let store = dyad_store::Store::open(db).unwrap();
    (store.totals().unwrap().articles, store.check().unwrap())
}

/// A tiny deterministic generator (xorshift), so a failing kill point can be replayed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn ingest_survives_sigkill_at_50_points_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let (corpus, n) = corpus(dir.path(), 3);
    let corpus = corpus.to_str().unwrap();
    let args = [
        "ingest",
        corpus,
        "--db",
        "crash.db",
        "--quiet",
        "--batch",
        "2",
        "--threads",
        "1",
    ];
    // How long a whole run takes here, to spread the kill points over it.
    let t0 = Instant::now();
    let full = dyad(
        dir.path(),
        &[
            "ingest",
            corpus,
            "--db",
            "timing.db",
            "--quiet",
            "--batch",
            "2",
            "--threads",
            "1",
        ],
    );
    assert!(full.status.success(), "{}", text(&full.stderr));
    let whole = t0.elapsed();
    let (all, problems) = check(&dir.path().join("timing.db"));
    assert_eq!(all as usize, n);
    assert!(problems.is_empty(), "{problems:?}");

    let db = dir.path().join("crash.db");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut last = 0u64;
    let mut killed_mid_run = 0;
    for point in 0..50 {
        let wait = Duration::from_micros(rng.next() % (whole.as_micros() as u64).max(1));
        let mut child = dyad_cmd(dir.path(), &args).spawn().unwrap();
        std::thread::sleep(wait);
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok(); // SIGKILL on Unix
        child.wait().unwrap();
        if !finished {
            killed_mid_run += 1;
        }
        let (articles, problems) = check(&db);
        assert!(
            problems.is_empty(),
            "kill point {point} after {wait:?}: {problems:?}"
        );
        assert!(
            articles >= last,
            "kill point {point}: articles went from {last} to {articles}"
        );
        assert!(articles as usize <= n);
        last = articles;
    }
    eprintln!(
        "{killed_mid_run} of 50 SIGKILLs hit a running ingest of {n} articles (a whole run: {whole:?}); the store was consistent after each"
    );
    assert!(
        killed_mid_run >= 25,
        "only {killed_mid_run} of 50 kills hit a running ingest"
    );
    // The resumed ingest completes the set, and a further run changes nothing.
    let out = dyad(dir.path(), &args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let (articles, problems) = check(&db);
    assert_eq!(articles as usize, n);
    assert!(problems.is_empty(), "{problems:?}");
    let s1 = dyad_store::Store::open(&db).unwrap().totals().unwrap();
    let s2 = dyad_store::Store::open(&dir.path().join("timing.db"))
        .unwrap()
        .totals()
        .unwrap();
    assert_eq!(
        s1.events, s2.events,
        "the interrupted ingest stored what one run stores"
    );
    assert_eq!(s1.duplicates, s2.duplicates);
}

#[test]
fn readme_flow_ingest_query_series_search_export() {
    let dir = tempfile::tempdir().unwrap();
    let ex = examples();
    let ex = ex.to_str().unwrap();
    let out = dyad(dir.path(), &["ingest", ex]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(dir.path().join("dyad.db").exists());
    let err = text(&out.stderr);
    assert!(err.contains("added") && err.contains("clusters"), "{err}");
    // Again: nothing to do.
    let out = dyad(dir.path(), &["ingest", ex]);
    assert!(
        text(&out.stderr).contains(" 0 added"),
        "{}",
        text(&out.stderr)
    );

    let q = dyad(dir.path(), &["query", "--dyad", "USA,ISR"]);
    assert!(q.status.success(), "{}", text(&q.stderr));
    let table = text(&q.stdout);
    assert!(table.starts_with("DATE"), "{table}");
    assert!(
        table.contains("USAGOV") && table.contains("ISRGOV"),
        "{table}"
    );
    let j = dyad(
        dir.path(),
        &["query", "--dyad", "USA,ISR", "--format", "jsonl"],
    );
    let first: serde_json::Value =
        serde_json::from_str(text(&j.stdout).lines().next().unwrap()).unwrap();
    assert!(first["sentence_text"]
        .as_str()
        .unwrap()
        .contains("Netanyahu"));
    let csv = dyad(dir.path(), &["query", "--root", "19", "--format", "csv"]);
    assert!(text(&csv.stdout).starts_with("id,article_id,date"));

    let s = dyad(
        dir.path(),
        &[
            "series", "--actor", "ISR", "--by", "month", "--format", "csv",
        ],
    );
    assert!(s.status.success(), "{}", text(&s.stderr));
    assert!(text(&s.stdout).lines().count() >= 2);

    let hits = dyad(dir.path(), &["search", "Rafah"]);
    assert!(
        text(&hits.stdout).contains("[Rafah]"),
        "{}",
        text(&hits.stdout)
    );

    let g = dyad(
        dir.path(),
        &["export", "--format", "gdelt-events", "-o", "events.tsv"],
    );
    assert!(g.status.success(), "{}", text(&g.stderr));
    let tsv = std::fs::read_to_string(dir.path().join("events.tsv")).unwrap();
    assert!(tsv.lines().count() > 100);
    for line in tsv.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 61, "{line}");
        assert_eq!(f[1].len(), 8, "Day is YYYYMMDD: {line}");
        assert!(
            f[26].len() >= 3 && f[27].len() == 3 && f[28].len() == 2,
            "{line}"
        );
        assert!(f[59].len() == 14, "DATEADDED is YYYYMMDDHHMMSS: {line}");
    }
    // The Rafah request: Israeli government actor, located event.
    assert!(tsv
        .lines()
        .any(|l| l.contains("USAGOV\t") && l.contains("ISRGOV\t")));

    let p = dyad(dir.path(), &["export", "--format", "parquet", "-o", "pq"]);
    assert!(p.status.success(), "{}", text(&p.stderr));
    for t in ["events", "counts", "articles"] {
        assert!(dir.path().join("pq").join(format!("{t}.parquet")).exists());
    }
    read_parquet_with_pyarrow(&dir.path().join("pq"), dir.path());
}

/// Reads the Parquet files with an independent reader: pyarrow from PyPI, in the Python that
/// `DYAD_TEST_PYTHON` names (`.ci/run` makes a virtual environment with the pinned
/// `tests/requirements.txt`), else the repository's `.venv-test`, else `python3`.
fn read_parquet_with_pyarrow(pq: &Path, db_dir: &Path) {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.venv-test/bin/python");
    let python = std::env::var("DYAD_TEST_PYTHON").unwrap_or_else(|_| {
        if venv.exists() {
            venv.display().to_string()
        } else {
            "python3".into()
        }
    });
    let script = r#"
import sys, sqlite3, pyarrow.parquet as pq
d, db = sys.argv[1], sys.argv[2]
c = sqlite3.connect(db)
for table, sql in [("events", "SELECT count(*) FROM events"),
                   ("counts", "SELECT count(*) FROM counts"),
                   ("articles", "SELECT count(*) FROM articles")]:
    t = pq.read_table(f"{d}/{table}.parquet")
    want = c.execute(sql).fetchone()[0]
    assert t.num_rows == want, (table, t.num_rows, want)
e = pq.read_table(f"{d}/events.parquet").to_pydict()
assert str(pq.read_schema(f"{d}/events.parquet").field("goldstein").type) == "double"
assert str(pq.read_schema(f"{d}/events.parquet").field("negated").type) == "bool"
i = e["id"].index(next(x for x in e["id"] if x.startswith("25-washington-rafah-rift")))
assert e["source_code"][i] == "USAGOV" and e["target_code"][i] == "ISRGOV", (e["source_code"][i], e["target_code"][i])
print("pyarrow", __import__("pyarrow").__version__, "read", len(e["id"]), "events")
"#;
    let out = Command::new(&python)
        .arg("-c")
        .arg(script)
        .arg(pq)
        .arg(db_dir.join("dyad.db"))
        .output()
        .unwrap_or_else(|e| {
            panic!("{python}: {e}; run the tests with .ci/run, which installs pyarrow")
        });
    assert!(
        out.status.success(),
        "pyarrow check failed (run the tests with .ci/run, which installs pyarrow):\n{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}

#[test]
fn store_commands_fail_clearly() {
    let dir = tempfile::tempdir().unwrap();
    // No database yet.
    let q = dyad(dir.path(), &["query", "--actor", "ISR"]);
    assert_eq!(q.status.code(), Some(2));
    let e = text(&q.stderr);
    assert!(
        e.contains("dyad.db") && e.contains("no such database"),
        "{e}"
    );
    assert!(!dir.path().join("dyad.db").exists());
    // Not a database.
    std::fs::write(
        dir.path().join("notes.db"),
        "some notes, not a database at all",
    )
    .unwrap();
    let q = dyad(dir.path(), &["query", "--db", "notes.db"]);
    assert_eq!(q.status.code(), Some(2));
    assert!(text(&q.stderr).contains("notes.db"), "{}", text(&q.stderr));
    // Bad filters name the flag's value.
    std::fs::write(
        dir.path().join("a.txt"),
        "date 2024-03-19\nIsraeli jets bombed Gaza.\n",
    )
    .unwrap();
    assert!(dyad(dir.path(), &["ingest", "a.txt", "--quiet"])
        .status
        .success());
    for (args, needle) in [
        (vec!["query", "--near", "91,10,5"], "LAT"),
        (vec!["query", "--cameo", "abc"], "abc"),
        (vec!["query", "--dyad", "ISR"], "comma"),
        (vec!["query", "--from", "2024-13-01"], "YYYY-MM-DD"),
        (vec!["search", "Gaza AND"], "full-text"),
    ] {
        let o = dyad(dir.path(), &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            text(&o.stderr).contains(needle),
            "{args:?}: {}",
            text(&o.stderr)
        );
    }
    // A bad record stops the ingest after what came before it was committed.
    std::fs::write(
        dir.path().join("b.jsonl"),
        "{\"id\":\"ok\",\"date\":\"2024-03-20\",\"text\":\"Egypt urged Israel to stop.\"}\n{\"id\":\"bad\",\"date\":\"2024-13-40\",\"text\":\"x\"}\n",
    )
    .unwrap();
    let o = dyad(
        dir.path(),
        &[
            "ingest",
            "b.jsonl",
            "--quiet",
            "--batch",
            "1",
            "--threads",
            "1",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("b.jsonl:2"), "{}", text(&o.stderr));
    let (articles, problems) = check(&dir.path().join("dyad.db"));
    assert_eq!(articles, 2);
    assert!(problems.is_empty());
}
