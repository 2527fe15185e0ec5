//! CLI tests: each case runs the `dyad` binary in a fresh temporary directory.

#![allow(clippy::unwrap_used)] // Test helpers: a panic is a test failure.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn dyad(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dyad"));
    c.current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The event records of a run's JSONL output.
fn events(out: &Output) -> Vec<serde_json::Value> {
    records(out)
        .into_iter()
        .filter(|r| r["type"] == "event")
        .collect()
}

fn records(out: &Output) -> Vec<serde_json::Value> {
    text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn codes_a_dated_text_file() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("a.txt"),
        "date 2024-03-19\nIsraeli troops attacked Hamas fighters in Gaza on Monday.\n",
    )
    .unwrap();
    let out = dyad(d.path(), &["code", "a.txt", "--quiet"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let recs = records(&out);
    assert_eq!(recs[0]["type"], "article");
    assert_eq!(recs[0]["id"], "a");
    assert_eq!(recs[0]["date"], "2024-03-19");
    let ev: Vec<&serde_json::Value> = recs.iter().filter(|r| r["type"] == "event").collect();
    assert!(!ev.is_empty(), "no event: {recs:?}");
    assert_eq!(ev[0]["source"]["code"], "ISRMIL");
    assert_eq!(ev[0]["root"], "19");
    // Spans index the body as given.
    let body = "Israeli troops attacked Hamas fighters in Gaza on Monday.\n";
    let s = &ev[0]["source"]["span"];
    let (a, b) = (
        s[0].as_u64().unwrap() as usize,
        s[1].as_u64().unwrap() as usize,
    );
    assert_eq!(&body[a..b], "Israeli troops");
    // The syntax stage runs by default; `--no-syntax` leaves it out (and `--syntax`, the old
    // way to ask for it, is still accepted); both code this sentence alike.
    for flag in ["--no-syntax", "--syntax"] {
        let out = dyad(d.path(), &["code", "a.txt", "--quiet", flag], None);
        assert!(out.status.success(), "{flag}: {}", text(&out.stderr));
        assert_eq!(events(&out)[0]["source"]["code"], "ISRMIL", "{flag}");
    }
    let out = dyad(
        d.path(),
        &["code", "a.txt", "--syntax", "--no-syntax"],
        None,
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}

#[test]
fn directories_jsonl_csv_and_stdin() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("in/sub")).unwrap();
    std::fs::write(
        d.path().join("in/sub/x.jsonl"),
        "{\"id\":\"j1\",\"date\":\"2022-02-25\",\"text\":\"Russia attacked Ukraine.\"}\n",
    )
    .unwrap();
    std::fs::write(
        d.path().join("in/y.csv"),
        "id,date,text\nc1,2022-02-26,\"Ukraine accused Russia of war crimes.\"\n",
    )
    .unwrap();
    std::fs::write(d.path().join("in/ignored.md"), "not an input").unwrap();
    let out = dyad(d.path(), &["code", "in", "--quiet"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let ids: Vec<String> = records(&out)
        .iter()
        .filter(|r| r["type"] == "article")
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, vec!["j1", "c1"]);
    let out = dyad(
        d.path(),
        &["code", "-", "--quiet"],
        Some(b"date 2020-01-01 China criticized Japan."),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(records(&out)[0]["id"], "stdin");
}

#[test]
fn bad_inputs_fail_with_file_and_line() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    std::fs::write(p.join("nodate.txt"), "Just text.").unwrap();
    std::fs::write(p.join("baddate.txt"), "date 2024-02-30 Text.").unwrap();
    std::fs::write(
        p.join("bin.txt"),
        b"date 2024-01-01\nline two\n\xff\xfe bad",
    )
    .unwrap();
    std::fs::write(
        p.join("recs.jsonl"),
        "{\"date\":\"2024-01-01\",\"text\":\"Ok.\"}\n{broken\n{\"text\":\"no date\"}\n",
    )
    .unwrap();
    std::fs::write(p.join("empty.txt"), "date 2024-01-01\n\n").unwrap();
    let rows: &[(&str, &str)] = &[
        (
            "nodate.txt",
            "nodate.txt:1: expected the first line to start with `date YYYY-MM-DD`",
        ),
        ("baddate.txt", "baddate.txt:1: bad date \"2024-02-30\""),
        ("bin.txt", "bin.txt:3: invalid UTF-8"),
        ("empty.txt", "empty.txt:1: article text is empty"),
        ("missing.txt", "missing.txt: cannot open"),
    ];
    for (file, want) in rows {
        let out = dyad(p, &["code", file, "--quiet"], None);
        assert!(!out.status.success(), "{file} succeeded");
        assert!(
            text(&out.stderr).contains(want),
            "{file}: {}",
            text(&out.stderr)
        );
    }
    // --keep-going reports each bad record, keeps the good ones, and still exits 1.
    let out = dyad(p, &["code", "recs.jsonl", "--keep-going", "--quiet"], None);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("recs.jsonl:2: invalid JSON"), "{err}");
    assert!(err.contains("recs.jsonl:3: record has no date"), "{err}");
    assert_eq!(
        records(&out)
            .iter()
            .filter(|r| r["type"] == "article")
            .count(),
        1
    );
    // Without --keep-going the run stops at the first bad record.
    let out = dyad(p, &["code", "recs.jsonl", "--quiet"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(!text(&out.stderr).contains("recs.jsonl:3"));
    // --lossy and --default-date relax the rules.
    let out = dyad(p, &["code", "bin.txt", "--lossy", "--quiet"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = dyad(
        p,
        &[
            "code",
            "nodate.txt",
            "--default-date",
            "2020-05-05",
            "--quiet",
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(records(&out)[0]["date"], "2020-05-05");
}

#[test]
fn output_file_is_written_whole_and_table_format_works() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("a.txt"),
        "date 2019-06-07\nEthiopia's prime minister met Sudanese opposition leaders in Khartoum.\n",
    )
    .unwrap();
    let out = dyad(
        d.path(),
        &["code", "a.txt", "--quiet", "-o", "out.jsonl"],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(d.path().join("out.jsonl").exists());
    assert!(!d.path().join("out.partial").exists());
    let out = dyad(
        d.path(),
        &["code", "a.txt", "--quiet", "--format", "table"],
        None,
    );
    assert!(out.status.success());
    assert!(text(&out.stdout).starts_with("ARTICLE"));
}

#[test]
fn eval_reports_metrics() {
    let d = tempfile::tempdir().unwrap();
    let gold = r#"{"id":"t1","date":"2000-01-01","text":"Israeli troops attacked Palestinian militants.","plover_event_2021":"ASSAULT","cameo_code":"190","source":[{"text":"Israeli troops","code":"ISR","sector":"MIL"}],"target":[{"text":"Palestinian militants","code":"PSE","sector":"REB"}]}"#;
    std::fs::write(d.path().join("g.jsonl"), format!("{gold}\n")).unwrap();
    let out = dyad(d.path(), &["eval", "--gold", "g.jsonl", "--json"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["plover_accuracy"], 1.0);
    assert_eq!(v[0]["cameo_root_hit"], 1.0);
    assert_eq!(v[0]["source_country"], 1.0);
    assert_eq!(v[0]["target_country_sector"], 1.0);
}

#[test]
fn parse_prints_conllu_with_one_root_per_sentence() {
    let d = tempfile::tempdir().unwrap();
    let out = dyad(
        d.path(),
        &["parse", "-", "--quiet"],
        Some(
            b"date 2024-03-19 The talks were suspended by Egypt. Israeli troops entered the camp.",
        ),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let conllu = text(&out.stdout);
    let sentences: Vec<&str> = conllu
        .split("\n\n")
        .filter(|s| !s.trim().is_empty())
        .collect();
    assert_eq!(sentences.len(), 2, "{conllu}");
    for s in sentences {
        let words: Vec<Vec<&str>> = s
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split('\t').collect())
            .collect();
        assert!(words.iter().all(|w| w.len() == 10), "{s}");
        assert_eq!(words.iter().filter(|w| w[6] == "0").count(), 1, "{s}");
    }
    // Scoring the output against itself as gold, on gold tokenization, is perfect.
    std::fs::write(d.path().join("g.conllu"), &conllu).unwrap();
    let again = dyad(d.path(), &["parse", "--pretokenized", "g.conllu"], None);
    assert_eq!(text(&again.stdout), conllu);
    let ev = dyad(d.path(), &["eval-parse", "--gold", "g.conllu"], None);
    assert!(ev.status.success(), "{}", text(&ev.stderr));
    assert!(
        text(&ev.stdout).contains("UAS    100.00"),
        "{}",
        text(&ev.stdout)
    );
    // Malformed gold names the file and line.
    std::fs::write(d.path().join("bad.conllu"), "1\tA\n").unwrap();
    let bad = dyad(d.path(), &["eval-parse", "--gold", "bad.conllu"], None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("bad.conllu:1: expected 10"),
        "{}",
        text(&bad.stderr)
    );
}

#[test]
fn threads_keep_input_order_and_output() {
    let d = tempfile::tempdir().unwrap();
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let ex = examples.to_str().unwrap();
    let one = dyad(d.path(), &["code", ex, "--quiet", "--mentions"], None);
    let two = dyad(
        d.path(),
        &["code", ex, "--quiet", "--mentions", "--threads", "3"],
        None,
    );
    assert!(one.status.success() && two.status.success());
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn a_stopped_run_leaves_its_output_as_partial() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("r.jsonl"),
        "{\"date\":\"2024-01-01\",\"text\":\"Iran criticized Israel.\"}\n{bad\n",
    )
    .unwrap();
    let out = dyad(
        d.path(),
        &["code", "r.jsonl", "--quiet", "-o", "out.jsonl"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !d.path().join("out.jsonl").exists(),
        "a failed run must not look complete"
    );
    let partial = std::fs::read_to_string(d.path().join("out.partial")).unwrap();
    assert!(partial.starts_with("{\"type\":\"article\""), "{partial}");
    assert!(
        text(&out.stderr).contains("out.partial"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn user_dictionaries_add_and_override() {
    let d = tempfile::tempdir().unwrap();
    let dict = d.path().join("mydict");
    std::fs::create_dir(&dict).unwrap();
    // A fictional state and a new verb, in dyad's formats.
    std::fs::write(
        dict.join("countries_extra.tsv"),
        "XQZ\tQuarzistan\t\tQuarzistan\tQuarzi|Quarzis\tQuarz City\n",
    )
    .unwrap();
    std::fs::write(
        dict.join("events_extra.tsv"),
        "195\tverb\tdronestrike\tuser verb\n",
    )
    .unwrap();
    std::fs::write(
        dict.join("verb_forms_extra.tsv"),
        "dronestrike\tdronestrikes\tdronestruck\tdronestruck\tdronestriking\n",
    )
    .unwrap();
    std::fs::write(
        d.path().join("a.txt"),
        "date 2024-05-01 Quarzi troops dronestruck Iran.\n",
    )
    .unwrap();
    let out = dyad(
        d.path(),
        &["code", "a.txt", "--quiet", "--dictionary", "mydict"],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let ev: Vec<serde_json::Value> = events(&out);
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(ev[0]["source"]["code"], "XQZMIL");
    assert_eq!(ev[0]["cameo"], "195");
    assert!(ev[0]["rule"]
        .as_str()
        .unwrap()
        .contains("events_extra.tsv:1"));
    // Without the dictionary there is no such actor or verb.
    let out = dyad(d.path(), &["code", "a.txt", "--quiet"], None);
    assert_eq!(events(&out).len(), 0);
    // --min-confidence drops events below the bar.
    let out = dyad(
        d.path(),
        &[
            "code",
            "a.txt",
            "--quiet",
            "--dictionary",
            "mydict",
            "--min-confidence",
            "0.99",
        ],
        None,
    );
    assert_eq!(events(&out).len(), 0);
}

#[test]
fn dict_check_reports_file_and_line() {
    let d = tempfile::tempdir().unwrap();
    let out = dyad(d.path(), &["dict", "check"], None);
    assert!(out.status.success(), "{}", text(&out.stdout));
    assert!(text(&out.stdout).starts_with("built-in: ok"));
    std::fs::write(
        d.path().join("sectors_bad.tsv"),
        "# comment\nsoldiers\tSOLDIER\tagent\n",
    )
    .unwrap();
    std::fs::write(d.path().join("events_bad.tsv"), "190\tverb\tzap\t\n").unwrap();
    std::fs::write(d.path().join("notes.tsv"), "x\n").unwrap();
    let out = dyad(d.path(), &["dict", "check", "."], None);
    assert_eq!(out.status.code(), Some(1));
    let o = text(&out.stdout);
    assert!(o.contains("sectors_bad.tsv:2: unknown sector code"), "{o}");
    assert!(
        o.contains("events_bad.tsv:1: verb \"zap\" has no row"),
        "{o}"
    );
    assert!(o.contains("notes.tsv: unknown dictionary file"), "{o}");
}

#[test]
fn imports_the_phoenix_production_dictionaries() {
    let d = tempfile::tempdir().unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/petrarch");
    let files: Vec<String> = [
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
        "Phoenix.agents.txt",
        "CAMEO.2.0.txt",
    ]
    .iter()
    .map(|f| src.join(f).display().to_string())
    .collect();
    let mut args = vec!["dict", "import-petrarch", "-o", "pet"];
    args.extend(files.iter().map(String::as_str));
    let out = dyad(d.path(), &args, None);
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let report = text(&out.stdout);
    let converted: usize = report
        .lines()
        .find(|l| l.contains("records converted"))
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(converted > 20_000, "{report}");
    let patterns: usize = report
        .lines()
        .find(|l| l.contains("verb patterns"))
        .unwrap()
        .split(", ")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(patterns > 5_000, "{report}");
    // Every skipped line is reported with its file and line.
    assert!(
        report
            .lines()
            .filter(|l| l.starts_with("  skipped "))
            .all(|l| l.contains(".txt:")),
        "{report}"
    );
    let check = dyad(d.path(), &["dict", "check", "pet"], None);
    assert!(check.status.success(), "{}", text(&check.stdout));
    // An actor that only the Phoenix dictionaries know, coded with them.
    std::fs::write(
        d.path().join("a.txt"),
        "date 2013-03-01 The Abu Nidal Organization attacked Jordanian soldiers.\n",
    )
    .unwrap();
    let coded = dyad(
        d.path(),
        &["code", "a.txt", "--quiet", "--dictionary", "pet"],
        None,
    );
    let ev: Vec<serde_json::Value> = events(&coded);
    assert_eq!(ev[0]["source"]["code"], "IMGMUSALQ", "{ev:?}");
    assert_eq!(ev[0]["target"]["code"], "JORMIL");
    // A verb only PETRARCH's verb dictionary has ("rush").
    std::fs::write(
        d.path().join("b.txt"),
        "date 2013-03-01 Turkey rushed grain to Syria.\n",
    )
    .unwrap();
    let coded = dyad(
        d.path(),
        &["code", "b.txt", "--quiet", "--dictionary", "pet"],
        None,
    );
    let ev: Vec<serde_json::Value> = events(&coded);
    assert!(
        ev.iter().any(|e| e["source"]["code"] == "TUR"
            && e["rule"].as_str().unwrap().contains("events_petrarch.tsv")),
        "{ev:?}"
    );
}

#[test]
fn diagnostics_report_repairs_and_cut_sentences() {
    let d = tempfile::tempdir().unwrap();
    let long = "word ".repeat(450);
    let text =
        format!("date 2024-01-01 Israel\u{e2}\u{20ac}\u{2122}s army attacked Hamas. {long}\n");
    std::fs::write(d.path().join("a.txt"), text).unwrap();
    let out = dyad(d.path(), &["code", "a.txt", "--quiet"], None);
    assert!(out.status.success());
    let art = &records(&out)[0];
    let diags = art["diagnostics"].as_array().unwrap();
    assert!(
        diags.iter().any(|g| g["stage"] == "normalize"
            && g["message"]
                .as_str()
                .unwrap()
                .contains("repaired 1 mojibake")),
        "{diags:?}"
    );
    assert!(
        diags
            .iter()
            .any(|g| g["stage"] == "text" && g["severity"] == "warning"),
        "{diags:?}"
    );
}
