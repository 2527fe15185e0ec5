//! `--format table`: one line per event, for people.

use dyad_core::Document;
use std::io::Write;

/// Writes events as aligned columns with a header once.
pub struct Table {
    header_done: bool,
}

impl Table {
    /// A table writer that writes its header before the first row.
    pub fn new() -> Self {
        Table { header_done: false }
    }

    /// Writes the events of one document.
    pub fn add(&mut self, doc: &Document, w: &mut dyn Write) -> std::io::Result<()> {
        if !self.header_done {
            writeln!(
                w,
                "{:<28} {:>3} {:<12} {:<5} {:<10} {:<12} {:<12} {:<11} {:<30} RULE",
                "ARTICLE",
                "SEN",
                "DATE",
                "CAMEO",
                "PLOVER",
                "SOURCE",
                "TARGET",
                "MODALITY",
                "TRIGGER"
            )?;
            self.header_done = true;
        }
        for e in &doc.events {
            let code = |a: &Option<dyad_core::Actor>| {
                a.as_ref().map_or("-".to_string(), |a| a.code.clone())
            };
            let mut trig = e.trigger.clone();
            if trig.chars().count() > 30 {
                trig = trig.chars().take(29).collect::<String>() + "…";
            }
            let id: String = doc.id.chars().take(28).collect();
            // The day, or the first day of a week, month or year marked with `~w`, `~m`, `~y`.
            let date = e.date.as_ref().map_or(doc.date.to_string(), |d| {
                let mark = match d.precision {
                    dyad_core::DatePrecision::Day => "",
                    dyad_core::DatePrecision::Week => "~w",
                    dyad_core::DatePrecision::Month => "~m",
                    dyad_core::DatePrecision::Year => "~y",
                };
                format!("{}{mark}", d.date)
            });
            writeln!(
                w,
                "{:<28} {:>3} {:<12} {:<5} {:<10} {:<12} {:<12} {:<11} {:<30} {}",
                id,
                e.sentence,
                date,
                e.cameo,
                e.plover.as_deref().unwrap_or("-"),
                code(&e.source),
                code(&e.target),
                e.modality.as_str(),
                trig,
                e.rule
            )?;
        }
        Ok(())
    }
}
