//! Event clusters: one row per real-world event, however many reports tell it.
//!
//! # The rule
//! An event joins an existing cluster when all of these hold, else it starts one:
//! - the same **source** and **target** actor keys (the actor's country, else its code:
//!   `ISR`, `IGOUNO`; empty when the role is unfilled);
//! - the same **CAMEO base code** (the first three digits: 190 and 193 differ, 1823 and 182
//!   agree);
//! - the same **mode**: asserted and reported events are `factual`; intended, threatened and
//!   requested events cluster only with their own kind; negated and hypothetical events form
//!   no cluster at all (they did not happen);
//! - **dates** at most [`DATE_WINDOW_DAYS`] apart (a report the next day of "yesterday's"
//!   attack, a wire dated by its filing day);
//! - **locations** at most [`RADIUS_KM`] apart when both the event and the cluster have one;
//!   an event or cluster without a location is compatible with any.
//!
//! Among several compatible clusters the one nearest in date wins, then the oldest. Events
//! of near-duplicate articles cluster like any other, so a wire copy adds a mention, an
//! article and possibly a source, but never a second event.
//!
//! Compared with the Phoenix pipeline's one-a-day filter (one event per date, source,
//! target and full code), this rule merges reports of one event filed on different days or
//! coded at different leaf codes of one base code, and keeps apart two events of the same
//! actors and code on the same day in different places.
//!
//! # Counters (GDELT semantics)
//! `n_mentions` counts member event records (every report, every restatement);
//! `n_articles` the distinct articles with a member; `n_sources` the distinct article
//! sources (an article without one counts as its own source). `killed` is the largest killed
//! figure among members (figures are restated, not added), `tone` their mean tone, and the
//! representative event (code, Goldstein value) is the member from an original article with
//! the highest confidence, then the earliest stored.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::BTreeSet;

/// Largest date difference, in days, between an event and a cluster it joins.
pub const DATE_WINDOW_DAYS: i64 = 2;
/// Largest distance, in kilometres, between an event and a cluster it joins (both located).
pub const RADIUS_KM: f64 = 50.0;

/// The clustering mode of a modality, `None` for modalities that form no cluster.
pub fn mode_of(modality: &str) -> Option<&'static str> {
    match modality {
        "asserted" | "reported" => Some("factual"),
        "intended" => Some("intended"),
        "threatened" => Some("threatened"),
        "requested" => Some("requested"),
        _ => None,
    }
}

/// Great-circle distance in kilometres.
pub fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// What clustering needs of an event.
pub(crate) struct Member<'a> {
    pub src: &'a str,
    pub tgt: &'a str,
    pub base: &'a str,
    pub mode: &'a str,
    pub date: NaiveDate,
    pub at: Option<(f64, f64)>,
}

/// The cluster the event joins, creating one when none fits.
pub(crate) fn assign(tx: &Transaction, m: &Member) -> rusqlite::Result<i64> {
    let lo = (m.date - chrono::Duration::days(DATE_WINDOW_DAYS)).to_string();
    let hi = (m.date + chrono::Duration::days(DATE_WINDOW_DAYS)).to_string();
    let mut st = tx.prepare_cached(
        "SELECT rowid, date, lat, lon FROM clusters
         WHERE src = ?1 AND tgt = ?2 AND base = ?3 AND mode = ?4 AND date BETWEEN ?5 AND ?6",
    )?;
    let rows = st.query_map(params![m.src, m.tgt, m.base, m.mode, lo, hi], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<f64>>(2)?,
            r.get::<_, Option<f64>>(3)?,
        ))
    })?;
    let mut best: Option<(i64, i64, bool)> = None; // (days apart, rowid, cluster unlocated)
    for row in rows {
        let (id, date, lat, lon) = row?;
        let apart = NaiveDate::parse_from_str(&date, "%Y-%m-%d")
            .map(|d| (d - m.date).num_days().abs())
            .unwrap_or(i64::MAX);
        let here = lat.zip(lon);
        let near = match (m.at, here) {
            (Some(a), Some(b)) => haversine_km(a, b) <= RADIUS_KM,
            _ => true,
        };
        if near && best.is_none_or(|(d, r, _)| (apart, id) < (d, r)) {
            best = Some((apart, id, here.is_none()));
        }
    }
    if let Some((_, id, unlocated)) = best {
        if let (true, Some((lat, lon))) = (unlocated, m.at) {
            tx.prepare_cached("UPDATE clusters SET lat = ?1, lon = ?2 WHERE rowid = ?3")?
                .execute(params![lat, lon, id])?;
        }
        return Ok(id);
    }
    tx.prepare_cached(
        "INSERT INTO clusters (src, tgt, base, mode, date, lat, lon) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        m.src,
        m.tgt,
        m.base,
        m.mode,
        m.date.to_string(),
        m.at.map(|a| a.0),
        m.at.map(|a| a.1)
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Recomputes the counters and representative of the given clusters; deletes those left
/// without members.
pub(crate) fn refresh(tx: &Transaction, touched: &BTreeSet<i64>) -> rusqlite::Result<()> {
    let mut update = tx.prepare_cached(
        "UPDATE clusters SET
            n_mentions = (SELECT count(*) FROM events WHERE cluster = ?1),
            n_articles = (SELECT count(DISTINCT article) FROM events WHERE cluster = ?1),
            n_sources = (SELECT count(DISTINCT coalesce(a.source, a.id))
                         FROM events e JOIN articles a ON a.rowid = e.article
                         WHERE e.cluster = ?1),
            date = coalesce((SELECT min(date) FROM events WHERE cluster = ?1), date),
            killed = (SELECT max(killed) FROM events WHERE cluster = ?1),
            tone = (SELECT avg(tone) FROM events WHERE cluster = ?1),
            event = (SELECT rowid FROM events WHERE cluster = ?1
                     ORDER BY dup, confidence DESC, rowid LIMIT 1)
         WHERE rowid = ?1",
    )?;
    let mut rep = tx.prepare_cached(
        "UPDATE clusters SET
            cameo = (SELECT cameo FROM events WHERE rowid = clusters.event),
            root = (SELECT root FROM events WHERE rowid = clusters.event),
            quad = (SELECT quad FROM events WHERE rowid = clusters.event),
            goldstein = (SELECT goldstein FROM events WHERE rowid = clusters.event)
         WHERE rowid = ?1",
    )?;
    let mut place = tx.prepare_cached(
        "SELECT lat, lon FROM events WHERE cluster = ?1 AND lat IS NOT NULL ORDER BY rowid LIMIT 1",
    )?;
    let mut set_place = tx.prepare_cached(
        "UPDATE clusters SET lat = ?2, lon = ?3 WHERE rowid = ?1 AND lat IS NULL",
    )?;
    let mut unplace = tx.prepare_cached(
        "UPDATE clusters SET lat = NULL, lon = NULL WHERE rowid = ?1
         AND NOT EXISTS (SELECT 1 FROM events WHERE cluster = ?1 AND lat IS NOT NULL)",
    )?;
    let mut drop = tx.prepare_cached("DELETE FROM clusters WHERE rowid = ?1 AND n_mentions = 0")?;
    for &id in touched {
        update.execute([id])?;
        rep.execute([id])?;
        let at: Option<(f64, f64)> = place
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        match at {
            Some((lat, lon)) => {
                set_place.execute(params![id, lat, lon])?;
            }
            None => {
                unplace.execute([id])?;
            }
        }
        drop.execute([id])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_and_modes() {
        // Kabul to Kandahar is about 450 km; a point 10 km east of Kabul is near.
        let kabul = (34.5553, 69.2075);
        assert!((haversine_km(kabul, (31.6289, 65.7372)) - 452.0).abs() < 15.0);
        assert!(haversine_km(kabul, (34.5553, 69.3165)) < RADIUS_KM);
        assert_eq!(mode_of("reported"), Some("factual"));
        assert_eq!(mode_of("negated"), None);
        assert_eq!(mode_of("hypothetical"), None);
    }
}
