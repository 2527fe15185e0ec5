//! dyad-ingest: how bytes become [`Article`]s, and how article text is normalized.
//!
//! [`read_articles`] parses one input (a file's bytes or stdin) in one of three formats
//! ([`Format`]) into articles, one result per record, so a bad record never hides the good
//! ones; every error names the input and the line. [`NormalizeStage`] is the first pipeline
//! stage: NFC, quotes, dashes and mojibake repair, keeping an alignment to the original text.
//!
//! This crate parses bytes it is given; reading files and walking directories is the caller's
//! job.

mod normalize;
mod read;

pub use normalize::{normalize, normalize_counting, NormalizeStage};
pub use read::{read_articles, Format, IngestError, IngestErrorKind, IngestOptions};
