//! The store on articles written for these tests: idempotent ingest, replacement,
//! near-duplicates, clusters against the Phoenix one-a-day filter, queries, series, search,
//! schema versions and bad files.

#![allow(clippy::unwrap_used)] // Test helpers: a panic is a test failure.

use chrono::NaiveDate;
use dyad_core::{Article, Document};
use dyad_engine::Engine;
use dyad_store::{Filter, Period, Store, StoreError};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::builtin().unwrap())
}

fn art(id: &str, date: &str, source: &str, text: &str) -> Article {
    Article {
        id: id.into(),
        date: NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
        title: None,
        url: None,
        source: Some(source.into()),
        text: text.into(),
        origin: id.into(),
    }
}

fn code(arts: Vec<Article>) -> Vec<Document> {
    arts.into_iter().map(|a| engine().process(a)).collect()
}

const ADDED: &str = "2024-06-01T00:00:00Z";

/// Two wires and an update of one attack, a wire dated the next day, a syndicated copy, and
/// a second attack by the same actors on the same day 400 km away.
fn garissa() -> Vec<Article> {
    vec![
        art(
            "wire-a",
            "2024-05-10",
            "Wire A",
            "GARISSA, Kenya - Somali militants attacked a Kenyan police post in Garissa on \
             Thursday, killing four officers, a police spokesman said.\n\nThe gunmen fled \
             toward the border after the attack, the spokesman said.",
        ),
        art(
            "wire-b",
            "2024-05-10",
            "Wire B",
            "Somali militants killed four Kenyan police officers when they attacked a police \
             post in the town of Garissa on Thursday, officials said.\n\nKenya's interior \
             minister condemned the attack.",
        ),
        art(
            "wire-a-update",
            "2024-05-11",
            "Wire A",
            "GARISSA, Kenya - The death toll from Thursday's attack by Somali militants on a \
             Kenyan police post in Garissa rose to six, police said on Friday.\n\nSomali \
             militants attacked the post with grenades and rifles on Thursday night, \
             witnesses said.",
        ),
        art(
            "wire-d",
            "2024-05-10",
            "Wire D",
            "Somali militants attacked a Kenyan police post in Garissa, police said. The \
             gunmen escaped.",
        ),
        art(
            "wire-c-mandera",
            "2024-05-10",
            "Wire C",
            "MANDERA, Kenya - Somali militants attacked a Kenyan police post in Mandera on \
             Thursday, wounding two officers, police said.",
        ),
        art(
            "paper-copy-of-b",
            "2024-05-10",
            "Daily Paper",
            "Somali militants killed four Kenyan police officers when they attacked a police \
             post in the town of Garissa on Thursday, officials said.\n\nKenya's interior \
             minister condemned the attack.",
        ),
    ]
}

fn new_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("t.db")).unwrap();
    (dir, store)
}

fn all_events(store: &Store) -> Vec<dyad_store::EventRow> {
    let mut out = Vec::new();
    let f = Filter {
        include_duplicates: true,
        include_negated: true,
        ..Default::default()
    };
    store
        .query_events(&f, |r| {
            out.push(r);
            Ok(())
        })
        .unwrap();
    out
}

#[test]
fn ingest_is_idempotent_and_replaces_changed_articles() {
    let (_d, mut store) = new_store();
    let docs = code(garissa());
    let s = store.ingest(&docs, ADDED, false).unwrap();
    assert_eq!((s.added, s.replaced, s.unchanged), (6, 0, 0));
    assert!(s.events > 0);
    let before = store.totals().unwrap();
    assert!(store.check().unwrap().is_empty(), "{:?}", store.check());

    // The same articles again: nothing changes.
    let s = store.ingest(&docs, ADDED, false).unwrap();
    assert_eq!((s.added, s.replaced, s.unchanged, s.events), (0, 0, 6, 0));
    assert_eq!(store.totals().unwrap(), before);

    // A changed article (same id, new text) replaces its rows.
    let mut changed = garissa();
    changed.truncate(1);
    changed[0].text = "Somali militants attacked a Kenyan police post in Garissa on Thursday \
                       and burned two vehicles, police said."
        .into();
    let s = store.ingest(&code(changed), ADDED, false).unwrap();
    assert_eq!((s.added, s.replaced), (0, 1));
    let after = store.totals().unwrap();
    assert_eq!(after.articles, before.articles);
    assert!(store.check().unwrap().is_empty(), "{:?}", store.check());
    let ids: Vec<String> = all_events(&store)
        .into_iter()
        .filter(|e| e.article_id == "wire-a")
        .map(|e| e.trigger)
        .collect();
    assert!(!ids.iter().any(|t| t == "killing"), "{ids:?}");

    // Recoding rewrites even unchanged articles, and leaves the store as it was.
    let s = store.ingest(&docs[1..], ADDED, true).unwrap();
    assert_eq!(s.replaced, 5);
    assert!(store.check().unwrap().is_empty());
}

#[test]
fn a_syndicated_copy_is_linked_and_counts_once() {
    let (_d, mut store) = new_store();
    store.ingest(&code(garissa()), ADDED, false).unwrap();
    let t = store.totals().unwrap();
    assert_eq!(t.duplicates, 1);
    let dup_of: String = store
        .connection()
        .query_row(
            "SELECT o.id FROM articles a JOIN articles o ON o.rowid = a.duplicate_of
             WHERE a.id = 'paper-copy-of-b'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(dup_of, "wire-b");
    // By default queries leave the copy's events out; each of them shares a cluster with
    // the original's event and adds an article and a source to it, not an event.
    let mut default = 0;
    store
        .query_events(&Filter::default(), |r| {
            assert_ne!(r.article_id, "paper-copy-of-b");
            default += 1;
            Ok(())
        })
        .unwrap();
    let all = all_events(&store);
    let copies: Vec<_> = all.iter().filter(|e| e.duplicate).collect();
    assert!(!copies.is_empty());
    for c in copies {
        let original = all
            .iter()
            .find(|e| e.article_id == "wire-b" && e.cameo == c.cameo && e.trigger == c.trigger)
            .unwrap();
        assert_eq!(original.cluster, c.cluster);
        let (articles, sources): (i64, i64) = store
            .connection()
            .query_row(
                "SELECT n_articles, n_sources FROM clusters WHERE rowid = ?1",
                [c.cluster.unwrap()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert!(articles >= 2 && sources >= 2);
    }
    assert!(default < all.len());
}

/// Pairwise precision and recall of a grouping of event ids against the true grouping.
fn pair_f1(groups: &BTreeMap<String, String>, truth: &BTreeMap<String, String>) -> f64 {
    let ids: Vec<&String> = truth.keys().collect();
    let (mut tp, mut fp, mut fneg) = (0.0, 0.0, 0.0);
    for i in 0..ids.len() {
        for j in i + 1..ids.len() {
            let same = groups[ids[i]] == groups[ids[j]];
            let real = truth[ids[i]] == truth[ids[j]];
            match (same, real) {
                (true, true) => tp += 1.0,
                (true, false) => fp += 1.0,
                (false, true) => fneg += 1.0,
                _ => {}
            }
        }
    }
    if tp == 0.0 {
        return 0.0;
    }
    let (p, r) = (tp / (tp + fp), tp / (tp + fneg));
    2.0 * p * r / (p + r)
}

#[test]
fn clusters_beat_the_one_a_day_filter() {
    let (_d, mut store) = new_store();
    store.ingest(&code(garissa()), ADDED, false).unwrap();
    // The attacks and killings by Somali militants of Kenyan police (CAMEO 18x, 19x): the
    // truth is the town and the base code (an attack and a killing are two events).
    let attacks: Vec<_> = all_events(&store)
        .into_iter()
        .filter(|e| {
            matches!(e.root.as_str(), "18" | "19")
                && e.source
                    .as_ref()
                    .is_some_and(|s| s.country.as_deref() == Some("SOM"))
                && e.target
                    .as_ref()
                    .is_some_and(|t| t.country.as_deref() == Some("KEN"))
        })
        .collect();
    let town = |e: &dyad_store::EventRow| e.location.as_ref().map(|l| l.0.clone()).unwrap();
    let towns: BTreeSet<String> = attacks.iter().map(town).collect();
    assert_eq!(
        towns,
        ["Garissa".to_string(), "Mandera".to_string()].into(),
        "{attacks:#?}"
    );
    assert!(
        attacks.len() >= 5,
        "the wires, the update and the copy report the attacks: {attacks:#?}"
    );
    let truth: BTreeMap<String, String> = attacks
        .iter()
        .map(|e| (e.id.clone(), format!("{} {}", town(e), &e.cameo[..3])))
        .collect();
    let ours: BTreeMap<String, String> = attacks
        .iter()
        .map(|e| (e.id.clone(), e.cluster.unwrap().to_string()))
        .collect();
    // Phoenix: one event per date, source, target and full code.
    let one_a_day: BTreeMap<String, String> = attacks
        .iter()
        .map(|e| {
            let key = format!(
                "{} {} {} {}",
                e.date,
                e.source.as_ref().map_or("", |a| a.code.as_str()),
                e.target.as_ref().map_or("", |a| a.code.as_str()),
                e.cameo
            );
            (e.id.clone(), key)
        })
        .collect();
    let (f_ours, f_phoenix) = (pair_f1(&ours, &truth), pair_f1(&one_a_day, &truth));
    eprintln!(
        "{} reports of attacks and killings: pairwise F1 clusters {f_ours:.3}, one-a-day {f_phoenix:.3}",
        attacks.len()
    );
    assert!(
        f_ours > f_phoenix,
        "clusters F1 {f_ours:.3} vs one-a-day {f_phoenix:.3}\n{attacks:#?}"
    );
    // The two towns never share a cluster.
    for a in &attacks {
        for b in &attacks {
            if town(a) != town(b) {
                assert_ne!(a.cluster, b.cluster);
            }
        }
    }
    // The report dated the next day without a day of its own joins the Garissa cluster.
    let d = attacks.iter().find(|e| e.article_id == "wire-d").unwrap();
    let a = attacks
        .iter()
        .find(|e| e.article_id == "wire-a" && e.cameo == d.cameo);
    if let Some(a) = a {
        assert_ne!(a.date, d.date);
        assert_eq!(a.cluster, d.cluster);
    }
}

#[test]
fn queries_series_and_search() {
    let (_d, mut store) = new_store();
    store.ingest(&code(garissa()), ADDED, false).unwrap();
    let count = |f: Filter| {
        let mut n = 0;
        store
            .query_events(&f, |_| {
                n += 1;
                Ok(())
            })
            .unwrap();
        n
    };
    let all = count(Filter::default());
    assert!(all > 0);
    let som_ken = count(Filter {
        dyad: Some(("KEN".into(), "SOM".into())),
        ..Default::default()
    });
    assert!(som_ken > 0 && som_ken <= all);
    assert_eq!(
        som_ken,
        count(Filter {
            dyad: Some(("som".into(), "ken".into())),
            ..Default::default()
        })
    );
    assert!(
        count(Filter {
            source: Some("SOMREB".into()),
            cameo: Some("19*".into()),
            ..Default::default()
        }) > 0
    );
    assert_eq!(
        count(Filter {
            from: Some(NaiveDate::from_ymd_opt(2030, 1, 1).unwrap()),
            ..Default::default()
        }),
        0
    );
    // Mandera is about 400 km from Garissa.
    let near_mandera = count(Filter {
        near: Some((3.94, 41.86, 30.0)),
        ..Default::default()
    });
    let near_garissa = count(Filter {
        near: Some((-0.45, 39.65, 30.0)),
        ..Default::default()
    });
    assert!(near_mandera >= 1 && near_garissa > near_mandera);
    assert!(
        count(Filter {
            text: Some("grenades".into()),
            ..Default::default()
        }) > 0
    );
    let series = store
        .series(
            &Filter {
                dyad: Some(("SOM".into(), "KEN".into())),
                ..Default::default()
            },
            Period::Month,
        )
        .unwrap();
    assert_eq!(series.len(), 1);
    assert_eq!(series[0].period, "2024-05");
    assert!(series[0].quad[3] >= 2, "{series:?}");
    assert!(series[0].killed >= 4, "{series:?}");
    // Clusters, not mentions: fewer events than reports.
    assert!((series[0].quad.iter().sum::<u64>()) < series[0].mentions);
    let week = store.series(&Filter::default(), Period::Week).unwrap();
    assert_eq!(week[0].period, "2024-05-06");

    let hits = store.search("grenades OR Mandera", 10).unwrap();
    let ids: BTreeSet<&str> = hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["wire-a-update", "wire-c-mandera"].into());
    assert!(hits.iter().any(|h| h.snippet.contains("[grenades]")));
    assert!(matches!(
        store.search("grenades AND", 10),
        Err(StoreError::BadQuery(_))
    ));
    assert!(matches!(
        store.query_events(
            &Filter {
                cameo: Some("1x".into()),
                ..Default::default()
            },
            |_| Ok(())
        ),
        Err(StoreError::BadQuery(_))
    ));
}

#[test]
fn versions_and_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    // Not SQLite at all.
    let junk = dir.path().join("junk.db");
    std::fs::write(
        &junk,
        b"this is not a database, just some text long enough to read",
    )
    .unwrap();
    let e = Store::open(&junk).err().unwrap().to_string();
    assert!(
        e.contains("junk.db") && e.contains("not a dyad database"),
        "{e}"
    );
    // SQLite, but someone else's.
    let other = dir.path().join("other.db");
    {
        let c = rusqlite_conn(&other);
        c.execute_batch("CREATE TABLE t (x INTEGER)").unwrap();
    }
    let e = Store::open(&other).err().unwrap().to_string();
    assert!(e.contains("not a dyad database"), "{e}");
    // From a newer dyad.
    let newer = dir.path().join("newer.db");
    drop(Store::open(&newer).unwrap());
    rusqlite_conn(&newer)
        .execute("UPDATE schema_version SET version = 999", [])
        .unwrap();
    let e = Store::open(&newer).err().unwrap().to_string();
    assert!(e.contains("999") && e.contains("newer"), "{e}");
}

fn rusqlite_conn(p: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(p).unwrap()
}

/// The database committed from schema version 1 opens in this build, migrated, with its
/// rows intact.
#[test]
fn the_version_1_fixture_opens() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store-v1.db");
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("v1.db");
    std::fs::copy(&src, &p).unwrap();
    let store = Store::open(&p).unwrap();
    assert_eq!(
        store.version().unwrap(),
        dyad_store::schema::current_version()
    );
    assert!(store.check().unwrap().is_empty(), "{:?}", store.check());
    let t = store.totals().unwrap();
    assert_eq!((t.articles, t.duplicates), (6, 1));
    let mut n = 0;
    store
        .query_events(
            &Filter {
                dyad: Some(("SOM".into(), "KEN".into())),
                ..Default::default()
            },
            |_| {
                n += 1;
                Ok(())
            },
        )
        .unwrap();
    assert!(n > 0);
    assert!(!store.search("grenades", 5).unwrap().is_empty());
}

/// Writes the fixture (run with `DYAD_WRITE_FIXTURE=1` when a new schema version ships a new
/// fixture; never overwrite an old version's file).
#[test]
fn write_fixture_when_asked() {
    if std::env::var_os("DYAD_WRITE_FIXTURE").is_none() {
        return;
    }
    let v = dyad_store::schema::current_version();
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/store-v{v}.db"));
    assert!(
        !p.exists(),
        "{} exists: fixtures are never rewritten",
        p.display()
    );
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    let mut store = Store::open(&p).unwrap();
    store.ingest(&code(garissa()), ADDED, false).unwrap();
    store
        .connection()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); VACUUM;")
        .unwrap();
}
