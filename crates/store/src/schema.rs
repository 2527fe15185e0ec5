//! The schema and its migrations.
//!
//! `schema_version` holds one row: the number of migrations applied. [`MIGRATIONS`] lists
//! them in order; opening a store applies the missing ones, each in its own transaction, so a
//! database from any earlier version opens in this one. A database from a later version (a
//! higher number than this build knows) is refused rather than guessed at.
//!
//! Never edit a migration that has shipped: add a new one.

/// Migrations in order; migration `i` brings the database to version `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // Version 1.
    r#"
CREATE TABLE articles (
    rowid        INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    date         TEXT NOT NULL,          -- publication date, YYYY-MM-DD
    title        TEXT,
    url          TEXT,
    source       TEXT,
    hash         TEXT NOT NULL,          -- SHA-256 of date, title, url, source and text
    text         TEXT NOT NULL,
    tone         REAL,
    sentences    INTEGER NOT NULL,
    tokens       INTEGER NOT NULL,
    n_events     INTEGER NOT NULL,       -- rows in events, counts and mentions: a check
    n_counts     INTEGER NOT NULL,
    n_mentions   INTEGER NOT NULL,
    duplicate_of INTEGER REFERENCES articles(rowid) ON DELETE SET NULL,
    similarity   REAL,                   -- estimated Jaccard similarity to duplicate_of
    minhash      BLOB NOT NULL,
    added        TEXT NOT NULL           -- when ingested, UTC, YYYY-MM-DDTHH:MM:SSZ
);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_duplicate ON articles(duplicate_of);

CREATE TABLE events (
    rowid          INTEGER PRIMARY KEY,
    article        INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    id             TEXT NOT NULL,
    date           TEXT NOT NULL,
    date_precision TEXT NOT NULL,
    date_text      TEXT,
    sentence       INTEGER NOT NULL,
    paragraph      INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    span_start     INTEGER NOT NULL,
    span_end       INTEGER NOT NULL,
    trigger        TEXT NOT NULL,
    src            TEXT NOT NULL,        -- actor key: its country, else its code, else ''
    src_code       TEXT,
    src_country    TEXT,
    src_sectors    TEXT,                 -- comma-separated
    src_entity     TEXT,
    src_text       TEXT,
    tgt            TEXT NOT NULL,
    tgt_code       TEXT,
    tgt_country    TEXT,
    tgt_sectors    TEXT,
    tgt_entity     TEXT,
    tgt_text       TEXT,
    cameo          TEXT NOT NULL,
    base           TEXT NOT NULL,        -- first three digits
    root           TEXT NOT NULL,
    quad           INTEGER NOT NULL,
    goldstein      REAL NOT NULL,
    plover         TEXT,
    plover_mode    TEXT,
    negated        INTEGER NOT NULL,
    modality       TEXT NOT NULL,
    confidence     REAL NOT NULL,
    rank           INTEGER NOT NULL,
    loc_name       TEXT,
    loc_country    TEXT,
    loc_admin1     TEXT,
    lat            REAL,
    lon            REAL,
    geonameid      INTEGER,
    loc_feature    TEXT,
    loc_precision  TEXT,
    tone           REAL,
    killed         INTEGER,              -- killed counts attached to the event, summed
    rule           TEXT NOT NULL,
    dup            INTEGER NOT NULL,     -- 1 when the article is a near-duplicate
    cluster        INTEGER REFERENCES clusters(rowid)
);
CREATE INDEX events_article ON events(article);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_src ON events(src, date);
CREATE INDEX events_tgt ON events(tgt, date);
CREATE INDEX events_cameo ON events(cameo);
CREATE INDEX events_cluster ON events(cluster);

CREATE TABLE counts (
    rowid          INTEGER PRIMARY KEY,
    article        INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    id             TEXT NOT NULL,
    event_id       TEXT,
    kind           TEXT NOT NULL,
    number         INTEGER NOT NULL,
    qualifier      TEXT,
    who_code       TEXT,
    who_country    TEXT,
    by_code        TEXT,
    by_country     TEXT,
    loc_name       TEXT,
    loc_country    TEXT,
    lat            REAL,
    lon            REAL,
    date           TEXT NOT NULL,
    date_precision TEXT NOT NULL,
    sentence       INTEGER NOT NULL,
    span_start     INTEGER NOT NULL,
    span_end       INTEGER NOT NULL,
    text           TEXT NOT NULL
);
CREATE INDEX counts_article ON counts(article);

CREATE TABLE mentions (
    rowid      INTEGER PRIMARY KEY,
    article    INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    sentence   INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    code       TEXT NOT NULL,
    country    TEXT,
    sectors    TEXT,
    entity     TEXT,
    text       TEXT NOT NULL,
    rule       TEXT NOT NULL,
    locative   INTEGER NOT NULL
);
CREATE INDEX mentions_article ON mentions(article);

-- One row per real-world event as reported across articles (GDELT's event table grain).
CREATE TABLE clusters (
    rowid       INTEGER PRIMARY KEY,
    src         TEXT NOT NULL,
    tgt         TEXT NOT NULL,
    base        TEXT NOT NULL,
    mode        TEXT NOT NULL,           -- factual (asserted, reported) or the modality
    date        TEXT NOT NULL,           -- earliest member date
    lat         REAL,
    lon         REAL,
    event       INTEGER,                 -- representative event
    cameo       TEXT,
    root        TEXT,
    quad        INTEGER,
    goldstein   REAL,
    tone        REAL,                    -- mean over members
    killed      INTEGER,                 -- largest killed figure among members
    n_mentions  INTEGER NOT NULL DEFAULT 0,
    n_articles  INTEGER NOT NULL DEFAULT 0,
    n_sources   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX clusters_key ON clusters(src, tgt, base, mode, date);
CREATE INDEX clusters_date ON clusters(date);
CREATE INDEX clusters_tgt ON clusters(tgt, date);

-- MinHash bands of every article, for near-duplicate candidates.
CREATE TABLE lsh (
    band    INTEGER NOT NULL,
    hash    INTEGER NOT NULL,
    article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    PRIMARY KEY (band, hash, article)
) WITHOUT ROWID;
CREATE INDEX lsh_article ON lsh(article);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
"#,
    // Version 2: dyad lookups by exact source and target keys, in date order.
    r#"
CREATE INDEX events_dyad ON events(src, tgt, date);
DROP INDEX events_src;
"#,
];

/// The schema version this build writes.
pub fn current_version() -> i64 {
    MIGRATIONS.len() as i64
}
