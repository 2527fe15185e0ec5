//! Writing coded documents: articles, events, counts, mentions, duplicate links, clusters.

use crate::cluster::{self, Member};
use crate::minhash::Signature;
use crate::{Result, Store, DUPLICATE_THRESHOLD};
use dyad_core::{Actor, CountKind, Document, Location};
use rusqlite::{params, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;

/// What one [`Store::ingest`] call did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IngestStats {
    /// New articles.
    pub added: usize,
    /// Articles whose content changed: their rows were replaced.
    pub replaced: usize,
    /// Articles already stored with the same content: nothing written.
    pub unchanged: usize,
    /// Articles (added or replaced) found to be near-duplicates of an earlier one.
    pub duplicates: usize,
    /// Event rows written.
    pub events: usize,
    /// Count rows written.
    pub counts: usize,
    /// Mention rows written.
    pub mentions: usize,
}

impl std::ops::AddAssign for IngestStats {
    fn add_assign(&mut self, o: IngestStats) {
        self.added += o.added;
        self.replaced += o.replaced;
        self.unchanged += o.unchanged;
        self.duplicates += o.duplicates;
        self.events += o.events;
        self.counts += o.counts;
        self.mentions += o.mentions;
    }
}

/// The content hash of an article (hex SHA-256 over its date, title, URL, source and text):
/// the same for the article read from input and the document coded from it.
pub fn content_hash(
    date: chrono::NaiveDate,
    title: Option<&str>,
    url: Option<&str>,
    source: Option<&str>,
    text: &str,
) -> String {
    let mut h = Sha256::new();
    for part in [
        Some(date.to_string().as_str()),
        title,
        url,
        source,
        Some(text),
    ] {
        match part {
            Some(p) => {
                h.update([1u8]);
                h.update((p.len() as u64).to_le_bytes());
                h.update(p.as_bytes());
            }
            None => h.update([0u8]),
        }
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn doc_hash(d: &Document) -> String {
    content_hash(
        d.date,
        d.title.as_deref(),
        d.url.as_deref(),
        d.source.as_deref(),
        &d.text,
    )
}

/// The key an actor clusters and is queried by: its country, else its code.
pub(crate) fn actor_key(a: Option<&Actor>) -> String {
    match a {
        Some(a) => a.country.clone().unwrap_or_else(|| a.code.clone()),
        None => String::new(),
    }
}

impl Store {
    /// Writes coded documents in one transaction. Unchanged articles (same id and content
    /// hash) are skipped unless `recode` is set, changed ones replaced; `added` is the ingest
    /// time recorded on new and replaced rows. Either every document of the batch is written
    /// or, on error, none.
    pub fn ingest(&mut self, docs: &[Document], added: &str, recode: bool) -> Result<IngestStats> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| crate::sql(&path, e))?;
        let mut stats = IngestStats::default();
        let mut touched = BTreeSet::new();
        for d in docs {
            write_doc(&tx, d, added, recode, &mut stats, &mut touched)
                .map_err(|e| crate::sql(&path, e))?;
        }
        cluster::refresh(&tx, &touched).map_err(|e| crate::sql(&path, e))?;
        tx.commit().map_err(|e| crate::sql(&path, e))?;
        Ok(stats)
    }
}

fn write_doc(
    tx: &Transaction,
    d: &Document,
    added: &str,
    recode: bool,
    stats: &mut IngestStats,
    touched: &mut BTreeSet<i64>,
) -> rusqlite::Result<()> {
    let hash = doc_hash(d);
    let existing: Option<(i64, String)> = tx
        .prepare_cached("SELECT rowid, hash FROM articles WHERE id = ?1")?
        .query_row([&d.id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let sig = Signature::of(&d.text);
    let fields = params![
        d.id,
        d.date.to_string(),
        d.title,
        d.url,
        d.source,
        hash,
        d.text,
        d.tone,
        d.sentences.len() as i64,
        d.tokens.len() as i64,
        d.events.len() as i64,
        d.counts.len() as i64,
        d.mentions.len() as i64,
        sig.to_bytes(),
        added,
    ];
    let rowid = match existing {
        Some((_, h)) if h == hash && !recode => {
            stats.unchanged += 1;
            return Ok(());
        }
        Some((rowid, _)) => {
            // Replaced in place (the rowid stays, so near-duplicates keep their link).
            let mut st = tx.prepare_cached(
                "SELECT DISTINCT cluster FROM events WHERE article = ?1 AND cluster IS NOT NULL",
            )?;
            for c in st.query_map([rowid], |r| r.get::<_, i64>(0))? {
                touched.insert(c?);
            }
            for table in ["events", "counts", "mentions", "lsh"] {
                tx.execute(&format!("DELETE FROM {table} WHERE article = ?1"), [rowid])?;
            }
            tx.prepare_cached(
                "UPDATE articles SET id = ?1, date = ?2, title = ?3, url = ?4, source = ?5,
                    hash = ?6, text = ?7, tone = ?8, sentences = ?9, tokens = ?10,
                    n_events = ?11, n_counts = ?12, n_mentions = ?13, minhash = ?14,
                    added = ?15, duplicate_of = NULL, similarity = NULL
                 WHERE rowid = ?16",
            )?
            .execute(rusqlite::params_from_iter(
                fields
                    .iter()
                    .copied()
                    .chain([&rowid as &dyn rusqlite::ToSql]),
            ))?;
            stats.replaced += 1;
            rowid
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO articles (id, date, title, url, source, hash, text, tone, sentences,
                    tokens, n_events, n_counts, n_mentions, minhash, added)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?
            .execute(fields)?;
            stats.added += 1;
            tx.last_insert_rowid()
        }
    };

    // Near-duplicate of an earlier article?
    let bands = sig.bands();
    let mut candidates = BTreeSet::new();
    {
        let mut st = tx.prepare_cached("SELECT article FROM lsh WHERE band = ?1 AND hash = ?2")?;
        for (b, h) in bands.iter().enumerate() {
            for a in st.query_map(params![b as i64, h], |r| r.get::<_, i64>(0))? {
                let a = a?;
                if a != rowid {
                    candidates.insert(a);
                }
            }
        }
    }
    let mut best: Option<(f64, i64)> = None;
    {
        let mut st =
            tx.prepare_cached("SELECT minhash, duplicate_of FROM articles WHERE rowid = ?1")?;
        for &c in &candidates {
            let (bytes, root): (Vec<u8>, Option<i64>) =
                st.query_row([c], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let s = sig.similarity(&Signature::from_bytes(&bytes));
            let original = root.unwrap_or(c);
            if s >= DUPLICATE_THRESHOLD
                && original != rowid
                && best.is_none_or(|(bs, bo)| (s, -original) > (bs, -bo))
            {
                best = Some((s, original));
            }
        }
    }
    if let Some((s, original)) = best {
        tx.prepare_cached(
            "UPDATE articles SET duplicate_of = ?1, similarity = ?2 WHERE rowid = ?3",
        )?
        .execute(params![original, s, rowid])?;
        stats.duplicates += 1;
    }
    {
        let mut st = tx.prepare_cached(
            "INSERT OR IGNORE INTO lsh (band, hash, article) VALUES (?1, ?2, ?3)",
        )?;
        for (b, h) in bands.iter().enumerate() {
            st.execute(params![b as i64, h, rowid])?;
        }
    }
    let dup = best.is_some();

    // Events.
    let mut ins = tx.prepare_cached(
        "INSERT INTO events (article, id, date, date_precision, date_text, sentence, paragraph,
            sentence_start, sentence_end, span_start, span_end, trigger,
            src, src_code, src_country, src_sectors, src_entity, src_text,
            tgt, tgt_code, tgt_country, tgt_sectors, tgt_entity, tgt_text,
            cameo, base, root, quad, goldstein, plover, plover_mode, negated, modality,
            confidence, rank, loc_name, loc_country, loc_admin1, lat, lon, geonameid,
            loc_feature, loc_precision, tone, killed, rule, dup, cluster)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
            ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33,
            ?34, ?35, ?36, ?37, ?38, ?39, ?40, ?41, ?42, ?43, ?44, ?45, ?46, ?47, ?48)",
    )?;
    for (i, e) in d.events.iter().enumerate() {
        let date = e.date.as_ref().map_or(d.date, |x| x.date);
        let precision = e.date.as_ref().map_or("day", |x| x.precision.as_str());
        let date_text = e
            .date
            .as_ref()
            .and_then(|x| x.time)
            .and_then(|t| d.times.get(t))
            .map(|t| t.text.clone());
        let sent = d.sentences.get(e.sentence);
        let (s_start, s_end) = sent.map_or((0, 0), |s| (s.span.start, s.span.end));
        let paragraph = sent.map_or(0, |s| s.paragraph);
        let killed: Option<i64> = {
            let k: u64 = d
                .counts
                .iter()
                .filter(|c| c.event == Some(i) && c.kind == CountKind::Killed)
                .map(|c| c.number)
                .sum();
            (k > 0).then_some(k.min(i64::MAX as u64) as i64)
        };
        let src = actor_key(e.source.as_ref());
        let tgt = actor_key(e.target.as_ref());
        let base: String = e.cameo.chars().take(3).collect();
        let loc: Option<&Location> = e.location.as_ref();
        let cluster = match cluster::mode_of(e.modality.as_str()) {
            Some(mode) => {
                let c = cluster::assign(
                    tx,
                    &Member {
                        src: &src,
                        tgt: &tgt,
                        base: &base,
                        mode,
                        date,
                        at: loc.map(|l| (l.lat, l.lon)),
                    },
                )?;
                touched.insert(c);
                Some(c)
            }
            None => None,
        };
        let actor_cols = |a: Option<&Actor>| {
            (
                a.map(|a| a.code.clone()),
                a.and_then(|a| a.country.clone()),
                a.map(|a| a.sectors.join(",")),
                a.and_then(|a| a.entity.clone()),
                a.map(|a| a.text.clone()),
            )
        };
        let (sc, sco, ss, se, st) = actor_cols(e.source.as_ref());
        let (tc, tco, ts, te, tt) = actor_cols(e.target.as_ref());
        ins.execute(params![
            rowid,
            e.id,
            date.to_string(),
            precision,
            date_text,
            e.sentence as i64,
            paragraph as i64,
            s_start as i64,
            s_end as i64,
            e.span.start as i64,
            e.span.end as i64,
            e.trigger,
            src,
            sc,
            sco,
            ss,
            se,
            st,
            tgt,
            tc,
            tco,
            ts,
            te,
            tt,
            e.cameo,
            base,
            e.root,
            i64::from(e.quad_class),
            e.goldstein,
            e.plover,
            e.plover_mode,
            e.negated,
            e.modality.as_str(),
            f64::from(e.confidence),
            i64::from(e.rank),
            loc.map(|l| l.name.clone()),
            loc.and_then(|l| l.country.clone()),
            loc.and_then(|l| l.admin1.clone()),
            loc.map(|l| l.lat),
            loc.map(|l| l.lon),
            loc.and_then(|l| l.geonameid).map(|g| g as i64),
            loc.map(|l| l.feature.clone()),
            loc.map(|l| l.precision.as_str()),
            e.tone,
            killed,
            e.rule,
            dup,
            cluster,
        ])?;
        stats.events += 1;
    }

    // Counts.
    let mut ins = tx.prepare_cached(
        "INSERT INTO counts (article, id, event_id, kind, number, qualifier, who_code,
            who_country, by_code, by_country, loc_name, loc_country, lat, lon, date,
            date_precision, sentence, span_start, span_end, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
            ?18, ?19, ?20)",
    )?;
    for (i, c) in d.counts.iter().enumerate() {
        let text = d.text.get(c.span.start..c.span.end).unwrap_or("");
        ins.execute(params![
            rowid,
            format!("{}#c{}", d.id, i + 1),
            c.event.and_then(|e| d.events.get(e)).map(|e| e.id.clone()),
            c.kind.as_str(),
            c.number.min(i64::MAX as u64) as i64,
            c.qualifier,
            c.who.as_ref().map(|a| a.code.clone()),
            c.who.as_ref().and_then(|a| a.country.clone()),
            c.by.as_ref().map(|a| a.code.clone()),
            c.by.as_ref().and_then(|a| a.country.clone()),
            c.place.as_ref().map(|l| l.name.clone()),
            c.place.as_ref().and_then(|l| l.country.clone()),
            c.place.as_ref().map(|l| l.lat),
            c.place.as_ref().map(|l| l.lon),
            c.date.as_ref().map_or(d.date, |x| x.date).to_string(),
            c.date.as_ref().map_or("day", |x| x.precision.as_str()),
            c.sentence as i64,
            c.span.start as i64,
            c.span.end as i64,
            text,
        ])?;
        stats.counts += 1;
    }

    // Mentions.
    let mut ins = tx.prepare_cached(
        "INSERT INTO mentions (article, sentence, span_start, span_end, code, country, sectors,
            entity, text, rule, locative)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for m in &d.mentions {
        ins.execute(params![
            rowid,
            m.sentence as i64,
            m.actor.span.start as i64,
            m.actor.span.end as i64,
            m.actor.code,
            m.actor.country,
            m.actor.sectors.join(","),
            m.actor.entity,
            m.actor.text,
            m.rule,
            m.locative,
        ])?;
        stats.mentions += 1;
    }
    Ok(())
}
