//! dyad's embedded store: one SQLite file (WAL mode) holding articles, their events, counts
//! and actor mentions, near-duplicate links, cross-report event clusters and a full-text
//! index.
//!
//! # Guarantees
//! - **All or nothing per batch.** [`Store::ingest`] writes a batch of coded documents in one
//!   transaction: after a crash (even `SIGKILL`) an article is present with all its rows, or
//!   absent. Each article row records how many event, count and mention rows it owns, so
//!   [`Store::check`] can prove it.
//! - **Idempotent.** An article whose id and content hash are already stored is skipped; a
//!   changed article (same id, new hash) has its rows replaced in place.
//! - **Migrations.** [`schema::MIGRATIONS`] bring older databases to this version on open.
//!
//! # Near-duplicates and clusters
//! See [`minhash`] and [`cluster`]: an article whose MinHash similarity to an earlier one
//! reaches [`DUPLICATE_THRESHOLD`] is linked to it (`duplicate_of`), and its events are
//! flagged `dup`; events join clusters (one per real-world event) that carry GDELT's
//! NumMentions, NumSources and NumArticles. Series count clusters, so a story told by
//! several wires counts once.
//!
//! The store is an I/O shell: it takes documents the engine has coded and never codes text
//! itself.

pub mod cluster;
mod ingest;
pub mod minhash;
pub mod query;
pub mod schema;

pub use ingest::{content_hash, IngestStats};
pub use query::{EventRow, Filter, Period, SearchHit, SeriesRow};

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};

/// Estimated Jaccard similarity from which an article is a near-duplicate of an earlier one.
pub const DUPLICATE_THRESHOLD: f64 = 0.7;

/// Errors of the store. Messages name the database file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed.
    #[error("{path}: {source}")]
    Sql {
        /// Database file.
        path: PathBuf,
        /// The SQLite error.
        #[source]
        source: rusqlite::Error,
    },
    /// The file was written by a newer dyad.
    #[error(
        "{path}: schema version {found} is newer than this dyad knows ({known}); use a newer dyad"
    )]
    Newer {
        /// Database file.
        path: PathBuf,
        /// Version in the file.
        found: i64,
        /// Latest version this build knows.
        known: i64,
    },
    /// The file exists but is not a dyad store (or is damaged).
    #[error("{path}: not a dyad database ({reason})")]
    NotAStore {
        /// Database file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A query argument is malformed.
    #[error("{0}")]
    BadQuery(String),
}

/// Result alias of the store.
pub type Result<T> = std::result::Result<T, StoreError>;

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path).map_err(|e| sql(path, e))?;
        Store::setup(conn, path)
    }

    /// Opens an existing store read-only (no migration; an old version is refused).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(StoreError::NotAStore {
                path: path.to_path_buf(),
                reason: "no such file".into(),
            });
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| sql(path, e))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        let v = store.version()?;
        if v != schema::current_version() {
            return Err(StoreError::NotAStore {
                path: path.to_path_buf(),
                reason: format!(
                    "schema version {v}; open it once for writing to migrate it to {}",
                    schema::current_version()
                ),
            });
        }
        Ok(store)
    }

    fn setup(conn: Connection, path: &Path) -> Result<Store> {
        let p = |e| sql(path, e);
        // The header check: a file that is not SQLite fails here with a clear message.
        conn.query_row("PRAGMA schema_version", [], |r| r.get::<_, i64>(0))
            .map_err(|e| StoreError::NotAStore {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(p)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(p)?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(p)?;
        // A 64 MiB page cache (SQLite's default is 2 MiB): ingest and queries touch the
        // same index pages over and over.
        conn.pragma_update(None, "cache_size", -65_536i64)
            .map_err(p)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .map_err(p)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.migrate()?;
        Ok(store)
    }

    /// For a connection that mostly reads (queries, exports): read through a memory map
    /// of up to 1 GiB instead of copying pages into SQLite's cache. A dyad query on a
    /// 1M-event store takes about a third of the time. (Mapped pages count in the process's
    /// resident size, which is why ingest does not use it.)
    pub fn map_for_reading(&self) -> Result<()> {
        self.conn
            .pragma_update(None, "mmap_size", 1i64 << 30)
            .map_err(|e| self.err(e))
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the file (0 for a new, empty one).
    pub fn version(&self) -> Result<i64> {
        let has: bool = self
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map_err(|e| self.err(e))?
            > 0;
        if !has {
            let tables: i64 = self
                .conn
                .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
                .map_err(|e| self.err(e))?;
            if tables > 0 {
                return Err(StoreError::NotAStore {
                    path: self.path.clone(),
                    reason: "an SQLite database without dyad's schema_version table".into(),
                });
            }
            return Ok(0);
        }
        self.conn
            .query_row("SELECT version FROM schema_version", [], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))
            .map(|v| v.unwrap_or(0))
    }

    fn migrate(&mut self) -> Result<()> {
        let found = self.version()?;
        let known = schema::current_version();
        if found > known {
            return Err(StoreError::Newer {
                path: self.path.clone(),
                found,
                known,
            });
        }
        for (i, m) in schema::MIGRATIONS.iter().enumerate().skip(found as usize) {
            let path = self.path.clone();
            let tx = self.conn.transaction().map_err(|e| sql(&path, e))?;
            if i == 0 {
                tx.execute_batch("CREATE TABLE schema_version (version INTEGER NOT NULL)")
                    .map_err(|e| sql(&path, e))?;
                tx.execute("INSERT INTO schema_version (version) VALUES (0)", [])
                    .map_err(|e| sql(&path, e))?;
            }
            tx.execute_batch(m).map_err(|e| sql(&path, e))?;
            tx.execute("UPDATE schema_version SET version = ?1", [i as i64 + 1])
                .map_err(|e| sql(&path, e))?;
            tx.commit().map_err(|e| sql(&path, e))?;
        }
        Ok(())
    }

    /// Ids and content hashes of the stored articles.
    pub fn known_hashes(&self) -> Result<std::collections::HashMap<String, String>> {
        let mut st = self
            .conn
            .prepare("SELECT id, hash FROM articles")
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<std::result::Result<_, _>>()
            .map_err(|e| self.err(e))
    }

    /// Consistency check: SQLite's own integrity check, then every article owns exactly the
    /// event, count and mention rows it records, no event is stored twice, every cluster has
    /// members and its counters match them, and the full-text index matches the articles.
    /// Returns the problems found (empty when consistent).
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let q = |sql: &str| -> Result<Vec<String>> {
            let mut st = self.conn.prepare(sql).map_err(|e| self.err(e))?;
            let rows = st
                .query_map([], |r| r.get::<_, String>(0))
                .map_err(|e| self.err(e))?;
            rows.collect::<std::result::Result<_, _>>()
                .map_err(|e| self.err(e))
        };
        let ic = q("PRAGMA integrity_check")?;
        if ic != ["ok"] {
            problems.extend(ic.into_iter().map(|s| format!("integrity: {s}")));
        }
        for (table, col) in [
            ("events", "n_events"),
            ("counts", "n_counts"),
            ("mentions", "n_mentions"),
        ] {
            problems.extend(q(&format!(
                "SELECT a.id || ': {col} ' || a.{col} || ' but ' || count(x.rowid) || ' rows in {table}'
                 FROM articles a LEFT JOIN {table} x ON x.article = a.rowid
                 GROUP BY a.rowid HAVING count(x.rowid) != a.{col}"
            ))?);
        }
        problems.extend(q(
            "SELECT 'event ' || id || ' stored ' || count(*) || ' times' FROM events
             GROUP BY id HAVING count(*) > 1",
        )?);
        problems.extend(q(
            "SELECT 'event ' || e.id || ' of no article' FROM events e
             LEFT JOIN articles a ON a.rowid = e.article WHERE a.rowid IS NULL",
        )?);
        problems.extend(q(
            "SELECT 'cluster ' || c.rowid || ': n_mentions ' || c.n_mentions || ' but '
                    || count(e.rowid) || ' events'
             FROM clusters c LEFT JOIN events e ON e.cluster = c.rowid
             GROUP BY c.rowid HAVING count(e.rowid) != c.n_mentions OR count(e.rowid) = 0",
        )?);
        problems.extend(q(
            "SELECT 'event ' || e.id || ' in missing cluster ' || e.cluster FROM events e
             LEFT JOIN clusters c ON c.rowid = e.cluster
             WHERE e.cluster IS NOT NULL AND c.rowid IS NULL",
        )?);
        let fts_ok: std::result::Result<usize, _> = self.conn.execute(
            "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)",
            [],
        );
        if let Err(e) = fts_ok {
            // A read-only connection cannot run the check; anything else is a problem.
            if !e.to_string().contains("readonly") {
                problems.push(format!("full-text index: {e}"));
            }
        }
        Ok(problems)
    }

    /// Totals: articles, duplicates, events, clusters, counts, mentions.
    pub fn totals(&self) -> Result<Totals> {
        let one = |sql: &str| -> Result<u64> {
            self.conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|v| v.max(0) as u64)
                .map_err(|e| self.err(e))
        };
        Ok(Totals {
            articles: one("SELECT count(*) FROM articles")?,
            duplicates: one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL")?,
            events: one("SELECT count(*) FROM events")?,
            clusters: one("SELECT count(*) FROM clusters")?,
            counts: one("SELECT count(*) FROM counts")?,
            mentions: one("SELECT count(*) FROM mentions")?,
        })
    }

    /// The connection, for crates that read the store directly (exports).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn err(&self, e: rusqlite::Error) -> StoreError {
        sql(&self.path, e)
    }
}

/// Row totals of a store.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Articles.
    pub articles: u64,
    /// Articles linked to an earlier near-duplicate.
    pub duplicates: u64,
    /// Event records.
    pub events: u64,
    /// Event clusters.
    pub clusters: u64,
    /// Count records.
    pub counts: u64,
    /// Actor mentions.
    pub mentions: u64,
}

pub(crate) fn sql(path: &Path, source: rusqlite::Error) -> StoreError {
    StoreError::Sql {
        path: path.to_path_buf(),
        source,
    }
}
