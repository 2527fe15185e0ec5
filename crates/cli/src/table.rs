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
                "{:<28} {:>3} {:<12} {:<5} {:<10} {:<12} {:<12} {:<11} {:<30} {:<18} {:>5} {:<22} RULE",
                "ARTICLE",
                "SEN",
                "DATE",
                "CAMEO",
                "PLOVER",
                "SOURCE",
                "TARGET",
                "MODALITY",
                "TRIGGER",
                "LOCATION",
                "TONE",
                "COUNTS"
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
            // The place, with `~s` / `~a` where it is only the sentence's or the article's.
            let location = e.location.as_ref().map_or("-".to_string(), |l| {
                let mark = match l.precision {
                    dyad_core::LocationPrecision::Event => "",
                    dyad_core::LocationPrecision::Sentence => "~s",
                    dyad_core::LocationPrecision::Article => "~a",
                };
                let name: String = l.name.chars().take(15).collect();
                format!("{name}{mark}")
            });
            let tone = e.tone.map_or("-".to_string(), |t| format!("{t:+.2}"));
            let counts = e
                .counts
                .iter()
                .filter_map(|&i| doc.counts.get(i))
                .map(|c| format!("{} {}", c.kind.as_str(), c.number))
                .collect::<Vec<_>>()
                .join(", ");
            writeln!(
                w,
                "{:<28} {:>3} {:<12} {:<5} {:<10} {:<12} {:<12} {:<11} {:<30} {:<18} {:>5} {:<22} {}",
                id,
                e.sentence,
                date,
                e.cameo,
                e.plover.as_deref().unwrap_or("-"),
                code(&e.source),
                code(&e.target),
                e.modality.as_str(),
                trig,
                location,
                tone,
                if counts.is_empty() { "-".to_string() } else { counts },
                e.rule
            )?;
        }
        Ok(())
    }
}
