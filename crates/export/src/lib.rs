//! Exports from a dyad store.
//!
//! - [`write_gdelt_events`]: the GDELT 2.0 event table, 61 tab-separated columns in GDELT's
//!   order, one row per event cluster (GDELT's grain: one row per event however many
//!   articles report it). See [`gdelt`] for each column and what dyad leaves empty.
//! - [`write_parquet`], [`write_csv`], [`write_jsonl`]: the store's tables ([`TABLES`]:
//!   events, counts, articles, clusters, mentions) with one flat, typed schema each, the
//!   same for the three formats.
//!
//! The writers read the store through SQL and stream: memory does not grow with the table.

pub mod gdelt;

pub use gdelt::write_gdelt_events;

use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use dyad_store::Store;
use rusqlite::types::ValueRef;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Errors of the exports; messages name the file or the store.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the store failed.
    #[error("{path}: {source}")]
    Sql {
        /// Database file.
        path: PathBuf,
        /// The SQLite error.
        #[source]
        source: rusqlite::Error,
    },
    /// Writing the output failed.
    #[error("{path}: {source}")]
    Io {
        /// Output file (`-` for stdout).
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// Writing Parquet failed.
    #[error("{path}: {message}")]
    Parquet {
        /// Output file.
        path: PathBuf,
        /// What failed.
        message: String,
    },
    /// No such table.
    #[error("unknown table {0:?}; expected one of events, counts, articles, clusters, mentions")]
    UnknownTable(String),
}

/// Result alias of the exports.
pub type Result<T> = std::result::Result<T, ExportError>;

/// A column's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// UTF-8 text.
    Text,
    /// 64-bit integer.
    Int,
    /// 64-bit float.
    Real,
    /// Boolean (stored as 0/1).
    Bool,
}

/// An exportable table: its columns and the query that reads them, in order.
#[derive(Debug)]
pub struct TableSpec {
    /// Table name (also the Parquet file stem).
    pub name: &'static str,
    /// Column names and types.
    pub columns: &'static [(&'static str, Kind)],
    sql: &'static str,
}

use Kind::{Bool, Int, Real, Text};

/// The tables, in the order `--format parquet` writes them.
pub const TABLES: &[TableSpec] = &[
    TableSpec {
        name: "events",
        columns: &[
            ("id", Text),
            ("article_id", Text),
            ("date", Text),
            ("date_precision", Text),
            ("date_text", Text),
            ("sentence", Int),
            ("paragraph", Int),
            ("span_start", Int),
            ("span_end", Int),
            ("trigger", Text),
            ("source_code", Text),
            ("source_country", Text),
            ("source_sectors", Text),
            ("source_entity", Text),
            ("source_text", Text),
            ("target_code", Text),
            ("target_country", Text),
            ("target_sectors", Text),
            ("target_entity", Text),
            ("target_text", Text),
            ("cameo", Text),
            ("base", Text),
            ("root", Text),
            ("quad_class", Int),
            ("goldstein", Real),
            ("plover", Text),
            ("plover_mode", Text),
            ("negated", Bool),
            ("modality", Text),
            ("confidence", Real),
            ("rank", Int),
            ("location_name", Text),
            ("location_country", Text),
            ("location_admin1", Text),
            ("lat", Real),
            ("lon", Real),
            ("geonameid", Int),
            ("location_feature", Text),
            ("location_precision", Text),
            ("tone", Real),
            ("killed", Int),
            ("rule", Text),
            ("duplicate", Bool),
            ("cluster", Int),
        ],
        sql: "SELECT e.id, a.id, e.date, e.date_precision, e.date_text, e.sentence, e.paragraph,
                e.span_start, e.span_end, e.trigger, e.src_code, e.src_country, e.src_sectors,
                e.src_entity, e.src_text, e.tgt_code, e.tgt_country, e.tgt_sectors, e.tgt_entity,
                e.tgt_text, e.cameo, e.base, e.root, e.quad, e.goldstein, e.plover,
                e.plover_mode, e.negated, e.modality, e.confidence, e.rank, e.loc_name,
                e.loc_country, e.loc_admin1, e.lat, e.lon, e.geonameid, e.loc_feature,
                e.loc_precision, e.tone, e.killed, e.rule, e.dup, e.cluster
              FROM events e JOIN articles a ON a.rowid = e.article ORDER BY e.rowid",
    },
    TableSpec {
        name: "counts",
        columns: &[
            ("id", Text),
            ("article_id", Text),
            ("event_id", Text),
            ("kind", Text),
            ("number", Int),
            ("qualifier", Text),
            ("who_code", Text),
            ("who_country", Text),
            ("by_code", Text),
            ("by_country", Text),
            ("location_name", Text),
            ("location_country", Text),
            ("lat", Real),
            ("lon", Real),
            ("date", Text),
            ("date_precision", Text),
            ("sentence", Int),
            ("span_start", Int),
            ("span_end", Int),
            ("text", Text),
        ],
        sql: "SELECT c.id, a.id, c.event_id, c.kind, c.number, c.qualifier, c.who_code,
                c.who_country, c.by_code, c.by_country, c.loc_name, c.loc_country, c.lat, c.lon,
                c.date, c.date_precision, c.sentence, c.span_start, c.span_end, c.text
              FROM counts c JOIN articles a ON a.rowid = c.article ORDER BY c.rowid",
    },
    TableSpec {
        name: "articles",
        columns: &[
            ("id", Text),
            ("date", Text),
            ("title", Text),
            ("url", Text),
            ("source", Text),
            ("hash", Text),
            ("tone", Real),
            ("sentences", Int),
            ("tokens", Int),
            ("events", Int),
            ("counts", Int),
            ("mentions", Int),
            ("duplicate_of", Text),
            ("similarity", Real),
            ("added", Text),
            ("text", Text),
        ],
        sql: "SELECT a.id, a.date, a.title, a.url, a.source, a.hash, a.tone, a.sentences,
                a.tokens, a.n_events, a.n_counts, a.n_mentions, o.id, a.similarity, a.added,
                a.text
              FROM articles a LEFT JOIN articles o ON o.rowid = a.duplicate_of
              ORDER BY a.rowid",
    },
    TableSpec {
        name: "clusters",
        columns: &[
            ("cluster", Int),
            ("date", Text),
            ("source", Text),
            ("target", Text),
            ("base", Text),
            ("mode", Text),
            ("cameo", Text),
            ("root", Text),
            ("quad_class", Int),
            ("goldstein", Real),
            ("tone", Real),
            ("killed", Int),
            ("num_mentions", Int),
            ("num_articles", Int),
            ("num_sources", Int),
            ("lat", Real),
            ("lon", Real),
            ("event_id", Text),
        ],
        sql: "SELECT c.rowid, c.date, c.src, c.tgt, c.base, c.mode, c.cameo, c.root, c.quad,
                c.goldstein, c.tone, c.killed, c.n_mentions, c.n_articles, c.n_sources, c.lat,
                c.lon, e.id
              FROM clusters c LEFT JOIN events e ON e.rowid = c.event ORDER BY c.rowid",
    },
    TableSpec {
        name: "mentions",
        columns: &[
            ("article_id", Text),
            ("sentence", Int),
            ("span_start", Int),
            ("span_end", Int),
            ("code", Text),
            ("country", Text),
            ("sectors", Text),
            ("entity", Text),
            ("text", Text),
            ("rule", Text),
            ("locative", Bool),
        ],
        sql: "SELECT a.id, m.sentence, m.span_start, m.span_end, m.code, m.country, m.sectors,
                m.entity, m.text, m.rule, m.locative
              FROM mentions m JOIN articles a ON a.rowid = m.article ORDER BY m.rowid",
    },
];

/// The table of that name.
pub fn table(name: &str) -> Result<&'static TableSpec> {
    TABLES
        .iter()
        .find(|t| t.name == name)
        .ok_or_else(|| ExportError::UnknownTable(name.to_string()))
}

/// One cell, owned.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

fn cell(v: ValueRef) -> Cell {
    match v {
        ValueRef::Null => Cell::Null,
        ValueRef::Integer(i) => Cell::Int(i),
        ValueRef::Real(r) => Cell::Real(r),
        ValueRef::Text(t) | ValueRef::Blob(t) => {
            Cell::Text(String::from_utf8_lossy(t).into_owned())
        }
    }
}

/// Streams the rows of `spec`, `f` receiving each row's cells in column order.
fn rows(store: &Store, spec: &TableSpec, mut f: impl FnMut(&[Cell]) -> Result<()>) -> Result<u64> {
    let sql_err = |e| ExportError::Sql {
        path: store.path().to_path_buf(),
        source: e,
    };
    let mut st = store.connection().prepare(spec.sql).map_err(sql_err)?;
    let mut q = st.query([]).map_err(sql_err)?;
    let mut buf: Vec<Cell> = Vec::with_capacity(spec.columns.len());
    let mut n = 0u64;
    while let Some(r) = q.next().map_err(sql_err)? {
        buf.clear();
        for i in 0..spec.columns.len() {
            buf.push(cell(r.get_ref(i).map_err(sql_err)?));
        }
        f(&buf)?;
        n += 1;
    }
    Ok(n)
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> ExportError + '_ {
    move |e| ExportError::Io {
        path: path.to_path_buf(),
        source: e,
    }
}

/// Writes a table as CSV with a header row. `name` is for messages. Returns the row count.
pub fn write_csv(store: &Store, spec: &TableSpec, out: impl Write, name: &Path) -> Result<u64> {
    let mut w = csv::Writer::from_writer(out);
    let csv_err = |e: csv::Error| ExportError::Io {
        path: name.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    };
    w.write_record(spec.columns.iter().map(|c| c.0))
        .map_err(csv_err)?;
    let n = rows(store, spec, |cells| {
        let rec: Vec<String> = cells
            .iter()
            .map(|c| match c {
                Cell::Null => String::new(),
                Cell::Int(i) => i.to_string(),
                Cell::Real(r) => r.to_string(),
                Cell::Text(t) => t.clone(),
            })
            .collect();
        w.write_record(&rec).map_err(csv_err)
    })?;
    w.flush().map_err(io(name))?;
    Ok(n)
}

/// Writes a table as JSON lines (one object per row, typed values, nulls kept).
pub fn write_jsonl(
    store: &Store,
    spec: &TableSpec,
    mut out: impl Write,
    name: &Path,
) -> Result<u64> {
    let n = rows(store, spec, |cells| {
        let mut o = serde_json::Map::new();
        for ((col, kind), c) in spec.columns.iter().zip(cells) {
            let v = match (c, kind) {
                (Cell::Null, _) => serde_json::Value::Null,
                (Cell::Int(i), Kind::Bool) => serde_json::Value::Bool(*i != 0),
                (Cell::Int(i), Kind::Real) => serde_json::json!(*i as f64),
                (Cell::Int(i), _) => serde_json::json!(i),
                (Cell::Real(r), _) => serde_json::json!(r),
                (Cell::Text(t), _) => serde_json::json!(t),
            };
            o.insert((*col).to_string(), v);
        }
        serde_json::to_writer(&mut out, &o).map_err(|e| ExportError::Io {
            path: name.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?;
        out.write_all(b"\n").map_err(io(name))
    })?;
    out.flush().map_err(io(name))?;
    Ok(n)
}

/// Rows per Parquet row group (and Arrow record batch).
const BATCH: usize = 65_536;

enum Builder {
    Text(StringBuilder),
    Int(Int64Builder),
    Real(Float64Builder),
    Bool(BooleanBuilder),
}

impl Builder {
    fn new(k: Kind) -> Builder {
        match k {
            Kind::Text => Builder::Text(StringBuilder::new()),
            Kind::Int => Builder::Int(Int64Builder::new()),
            Kind::Real => Builder::Real(Float64Builder::new()),
            Kind::Bool => Builder::Bool(BooleanBuilder::new()),
        }
    }
    fn push(&mut self, c: &Cell) {
        match (self, c) {
            (Builder::Text(b), Cell::Text(t)) => b.append_value(t),
            (Builder::Text(b), Cell::Int(i)) => b.append_value(i.to_string()),
            (Builder::Text(b), Cell::Real(r)) => b.append_value(r.to_string()),
            (Builder::Text(b), Cell::Null) => b.append_null(),
            (Builder::Int(b), Cell::Int(i)) => b.append_value(*i),
            (Builder::Int(b), _) => b.append_null(),
            (Builder::Real(b), Cell::Real(r)) => b.append_value(*r),
            (Builder::Real(b), Cell::Int(i)) => b.append_value(*i as f64),
            (Builder::Real(b), _) => b.append_null(),
            (Builder::Bool(b), Cell::Int(i)) => b.append_value(*i != 0),
            (Builder::Bool(b), _) => b.append_null(),
        }
    }
    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Text(b) => Arc::new(b.finish()),
            Builder::Int(b) => Arc::new(b.finish()),
            Builder::Real(b) => Arc::new(b.finish()),
            Builder::Bool(b) => Arc::new(b.finish()),
        }
    }
}

/// The Arrow schema of a table.
pub fn arrow_schema(spec: &TableSpec) -> Schema {
    Schema::new(
        spec.columns
            .iter()
            .map(|(n, k)| {
                let t = match k {
                    Kind::Text => DataType::Utf8,
                    Kind::Int => DataType::Int64,
                    Kind::Real => DataType::Float64,
                    Kind::Bool => DataType::Boolean,
                };
                Field::new(*n, t, true)
            })
            .collect::<Vec<_>>(),
    )
}

/// Writes a table as a Parquet file (Snappy-compressed, row groups of 65,536 rows), first
/// to `PATH.partial`, renamed into place when complete. Returns the row count.
pub fn write_parquet(store: &Store, spec: &TableSpec, path: &Path) -> Result<u64> {
    let pq = |m: String| ExportError::Parquet {
        path: path.to_path_buf(),
        message: m,
    };
    let schema = Arc::new(arrow_schema(spec));
    let tmp = path.with_extension("parquet.partial");
    let file = std::fs::File::create(&tmp).map_err(io(&tmp))?;
    let props = parquet::file::properties::WriterProperties::builder()
        .set_compression(parquet::basic::Compression::SNAPPY)
        .set_max_row_group_row_count(Some(BATCH))
        .build();
    let mut w = parquet::arrow::ArrowWriter::try_new(file, schema.clone(), Some(props))
        .map_err(|e| pq(e.to_string()))?;
    let mut builders: Vec<Builder> = spec.columns.iter().map(|c| Builder::new(c.1)).collect();
    let mut pending = 0usize;
    let flush = |builders: &mut Vec<Builder>,
                 w: &mut parquet::arrow::ArrowWriter<std::fs::File>|
     -> Result<()> {
        let cols: Vec<ArrayRef> = builders.iter_mut().map(Builder::finish).collect();
        let batch = RecordBatch::try_new(schema.clone(), cols).map_err(|e| pq(e.to_string()))?;
        w.write(&batch).map_err(|e| pq(e.to_string()))
    };
    let n = rows(store, spec, |cells| {
        for (b, c) in builders.iter_mut().zip(cells) {
            b.push(c);
        }
        pending += 1;
        if pending == BATCH {
            flush(&mut builders, &mut w)?;
            pending = 0;
        }
        Ok(())
    })?;
    if pending > 0 || n == 0 {
        flush(&mut builders, &mut w)?;
    }
    w.close().map_err(|e| pq(e.to_string()))?;
    std::fs::rename(&tmp, path).map_err(io(path))?;
    Ok(n)
}
