//! The GDELT 2.0 event table (`export.CSV` layout): 61 tab-separated columns, no header,
//! one row per event cluster.
//!
//! | # | column | dyad fills it with |
//! |---|---|---|
//! | 1 | GlobalEventID | the cluster id |
//! | 2–5 | Day, MonthYear, Year, FractionDate | the cluster's date (earliest report); FractionDate = year + day-of-year / 365 |
//! | 6, 16 | Actor1Code, Actor2Code | CAMEO-style actor code (`ISRGOV`, `IGOUNO`) |
//! | 7, 17 | Actor1Name, Actor2Name | the actor's entity name, else its words in the text, upper case |
//! | 8, 18 | Actor1CountryCode, Actor2CountryCode | the actor's country (ISO 3166 alpha-3, CAMEO's country codes) |
//! | 9, 19 | Actor1KnownGroupCode, Actor2KnownGroupCode | the organisation part of an IGO, NGO or IMG code (`UNO` of `IGOUNO`) |
//! | 10–12, 20–22 | EthnicCode, Religion1Code, Religion2Code | **empty**: dyad does not code ethnicity or religion |
//! | 13–15, 23–25 | Type1Code–Type3Code | the actor's sectors (`GOV`, `MIL`, `REB` …), up to three |
//! | 26 | IsRootEvent | 1 when the representative report is in the first paragraph of its article that has events |
//! | 27–29 | EventCode, EventBaseCode, EventRootCode | CAMEO code of the representative report, its first three and two digits |
//! | 30, 31 | QuadClass, GoldsteinScale | of that code (GDELT's Goldstein values) |
//! | 32–34 | NumMentions, NumSources, NumArticles | the cluster's counters (see `dyad_store::cluster`) |
//! | 35 | AvgTone | mean tone of the cluster's reports × 100 (dyad's VADER-lexicon tone, −100 … +100; not GDELT's tone method) |
//! | 36–43, 44–51 | Actor1Geo_*, Actor2Geo_* | **empty**: dyad locates events, not each actor |
//! | 52 | ActionGeo_Type | 1 country, 2 US state, 3 US city, 4 world city, 5 world state (first-level division) |
//! | 53 | ActionGeo_FullName | place name, then its country's ISO code (`Rafah, PSE`) |
//! | 54 | ActionGeo_CountryCode | FIPS 10-4 code of the place's country (from GeoNames; `data/export/iso3_fips.tsv`) |
//! | 55 | ActionGeo_ADM1Code | FIPS country code + the GeoNames first-level division code (US: the state's name, as dyad stores it) |
//! | 56 | ActionGeo_ADM2Code | **empty** |
//! | 57, 58 | ActionGeo_Lat, ActionGeo_Long | the place's coordinates |
//! | 59 | ActionGeo_FeatureID | the GeoNames id (GDELT uses GNS/GNIS ids) |
//! | 60 | DATEADDED | when the representative article was ingested, `YYYYMMDDHHMMSS` UTC |
//! | 61 | SOURCEURL | the representative article's URL, else `dyad:` + its id |

use crate::{ExportError, Result};
use dyad_store::Store;
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

/// GDELT 2.0's event table columns, in order.
pub const COLUMNS: [&str; 61] = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// ISO alpha-3 → FIPS 10-4 country codes.
fn fips_table() -> HashMap<&'static str, &'static str> {
    include_str!("../../../data/export/iso3_fips.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .collect()
}

/// Tabs and line breaks cannot appear inside a field.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn known_group(code: &str) -> String {
    if code.len() >= 6 && ["IGO", "NGO", "IMG"].iter().any(|p| code.starts_with(p)) {
        code[code.len() - 3..].to_string()
    } else {
        String::new()
    }
}

/// Writes the clusters as GDELT 2.0 event rows (no header; [`COLUMNS`] names them).
/// `name` is for messages. Returns the row count.
pub fn write_gdelt_events(store: &Store, mut out: impl Write, name: &Path) -> Result<u64> {
    let fips = fips_table();
    let sql_err = |e| ExportError::Sql {
        path: store.path().to_path_buf(),
        source: e,
    };
    let io = |e| ExportError::Io {
        path: name.to_path_buf(),
        source: e,
    };
    let mut st = store
        .connection()
        .prepare(
            "SELECT c.rowid, c.date, e.src_code, coalesce(e.src_entity, e.src_text), e.src_country,
                    e.src_sectors, e.tgt_code, coalesce(e.tgt_entity, e.tgt_text), e.tgt_country,
                    e.tgt_sectors,
                    e.paragraph = (SELECT min(x.paragraph) FROM events x WHERE x.article = e.article),
                    c.cameo, c.base, c.root, c.quad, c.goldstein, c.n_mentions, c.n_sources,
                    c.n_articles, c.tone, e.loc_name, e.loc_country, e.loc_admin1, e.lat, e.lon,
                    e.geonameid, e.loc_feature, a.added, a.url, a.id
             FROM clusters c
             JOIN events e ON e.rowid = c.event
             JOIN articles a ON a.rowid = e.article
             ORDER BY c.rowid",
        )
        .map_err(sql_err)?;
    let mut rows = st.query([]).map_err(sql_err)?;
    let mut n = 0u64;
    let mut f: Vec<String> = Vec::with_capacity(61);
    while let Some(r) = rows.next().map_err(sql_err)? {
        let text = |i: usize| -> Result<String> {
            Ok(r.get::<_, Option<String>>(i)
                .map_err(sql_err)?
                .map(|s| clean(&s))
                .unwrap_or_default())
        };
        let real =
            |i: usize| -> Result<Option<f64>> { r.get::<_, Option<f64>>(i).map_err(sql_err) };
        let int = |i: usize| -> Result<Option<i64>> { r.get::<_, Option<i64>>(i).map_err(sql_err) };
        f.clear();
        f.push(int(0)?.unwrap_or(0).to_string());
        let date = text(1)?;
        let ymd = date.replace('-', "");
        let year: i32 = date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
        let doy = chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d")
            .map(|d| chrono::Datelike::ordinal(&d))
            .unwrap_or(1);
        f.push(ymd.clone());
        f.push(ymd.get(..6).unwrap_or("").to_string());
        f.push(year.to_string());
        f.push(format!("{:.4}", f64::from(year) + f64::from(doy) / 365.0));
        for base in [2usize, 6] {
            let code = text(base)?;
            f.push(code.clone());
            f.push(text(base + 1)?.to_uppercase());
            f.push(text(base + 2)?);
            f.push(known_group(&code));
            f.extend([String::new(), String::new(), String::new()]);
            let sectors = text(base + 3)?;
            let mut types: Vec<String> = sectors
                .split(',')
                .filter(|s| !s.is_empty())
                .take(3)
                .map(str::to_string)
                .collect();
            types.resize(3, String::new());
            f.extend(types);
        }
        f.push(if int(10)?.unwrap_or(0) != 0 { "1" } else { "0" }.to_string());
        f.push(text(11)?);
        f.push(text(12)?);
        f.push(text(13)?);
        f.push(int(14)?.map(|q| q.to_string()).unwrap_or_default());
        f.push(real(15)?.map(|g| format!("{g}")).unwrap_or_default());
        for i in 16..19 {
            f.push(int(i)?.unwrap_or(0).to_string());
        }
        f.push(
            real(19)?
                .map(|t| format!("{:.4}", t * 100.0))
                .unwrap_or_default(),
        );
        // Actor1Geo_* and Actor2Geo_*: 16 empty fields.
        f.extend(std::iter::repeat_n(String::new(), 16));
        let (lat, lon) = (real(23)?, real(24)?);
        match (lat, lon) {
            (Some(lat), Some(lon)) => {
                let country = text(21)?;
                let feature = text(26)?;
                let us = country == "USA";
                let kind = match feature.as_str() {
                    "country" => 1,
                    "admin1" | "region" if us => 2,
                    "admin1" | "region" => 5,
                    _ if us => 3,
                    _ => 4,
                };
                let fips_code = fips.get(country.as_str()).copied().unwrap_or("");
                let admin1 = text(22)?;
                f.push(kind.to_string());
                let place = text(20)?;
                f.push(if country.is_empty() || feature == "country" {
                    place
                } else {
                    format!("{place}, {country}")
                });
                f.push(fips_code.to_string());
                f.push(if admin1.is_empty() || fips_code.is_empty() {
                    fips_code.to_string()
                } else {
                    format!("{fips_code}{admin1}")
                });
                f.push(String::new());
                f.push(format!("{lat:.5}"));
                f.push(format!("{lon:.5}"));
                f.push(int(25)?.map(|g| g.to_string()).unwrap_or_default());
            }
            _ => {
                f.push("0".to_string());
                f.extend(std::iter::repeat_n(String::new(), 7));
            }
        }
        let added = text(27)?;
        f.push(added.chars().filter(char::is_ascii_digit).collect());
        let url = text(28)?;
        f.push(if url.is_empty() {
            format!("dyad:{}", text(29)?)
        } else {
            url
        });
        debug_assert_eq!(f.len(), COLUMNS.len());
        out.write_all(f.join("\t").as_bytes()).map_err(io)?;
        out.write_all(b"\n").map_err(io)?;
        n += 1;
    }
    out.flush().map_err(io)?;
    Ok(n)
}
