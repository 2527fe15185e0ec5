//! The JSON records of `dyad code`.
//!
//! # Format
//! One JSON object per line, each with a `type`:
//! - `article`: `{"type":"article","id","date","title","url","source","sentences","tokens",
//!   "events","tone",
//!   "diagnostics":[{"severity","stage","message","span"}]}`.
//! - `event`: `{"type":"event","id","article_id","date","date_precision","date_expression":
//!   {"text","span":[s,e]}|null,"sentence","span":[s,e],"trigger",
//!   "trigger_span":[s,e],"source":ACTOR|null,"target":ACTOR|null,"cameo","root",
//!   "quad_class","goldstein","plover","plover_mode","negated","modality","confidence",
//!   "rank","counts":[…],"location":LOCATION|null,"tone","rule","sentence_text"}`.
//!   `tone` (article and event) is the VADER-lexicon tone, −1 … +1 (method and scale in
//!   `dyad_tone`): the event's is its sentence's, the article's the mean over its sentences.
//! - `count`: `{"type":"count","id","article_id","event_id"|null,"kind","number",
//!   "qualifier"|null,"who":ACTOR|null,"by":ACTOR|null,"location":LOCATION|null,"date",
//!   "date_precision","sentence","span":[s,e],"text"}`; `kind` is killed,
//!   wounded, arrested, kidnapped, displaced, missing or crowd; the event lists its counts'
//!   ids in `counts`.
//! - `place` (with `--mentions`): `{"type":"place","article_id","sentence","text",…}` with
//!   the LOCATION fields but `precision`: a place the text names.
//! - `mention` (with `--mentions`): `{"type":"mention","article_id","sentence",
//!   "actor":ACTOR,"rule","locative"}`.
//!
//! LOCATION is `{"name","country","admin1","lat","lon","geonameid","feature","precision",
//! "span":[s,e]}`: the gazetteer's place; `precision` says how it was attached (`event`: to the
//! event's words; `sentence`: named in its sentence; `article`: the article's most named
//! place); `span` is where the text names it.
//! ACTOR is `{"code","country","sectors":[…],"entity","wikidata","text","span":[s,e],
//! "antecedent":[s,e]|null}`; `antecedent` is set when the actor was found by coreference
//! ("he", "the group") and points at the mention it was resolved to.
//! Spans are half-open UTF-8 byte offsets into the article text exactly as given (for
//! dated-text files, the body after the `date YYYY-MM-DD` header). `sentence` is the index of
//! the sentence in the article; `rank` 0 marks the sentence's main event; `date` is the day
//! the event happened as far as the text says (the first day of the period for
//! `date_precision` week, month or year), resolved against the article date by the time
//! stage; `date_expression` is the expression that set it, null where the event takes the
//! article date for want of one.

use dyad_core::{Actor, Count, Document, Event, Location, Mention, Severity, Span};
use serde_json::{json, Value};

fn span(s: Span) -> Value {
    json!([s.start, s.end])
}

/// An actor as JSON.
pub fn actor(a: &Actor) -> Value {
    json!({
        "code": a.code,
        "country": a.country,
        "sectors": a.sectors,
        "entity": a.entity,
        "wikidata": a.wikidata,
        "text": a.text,
        "span": span(a.span),
        "antecedent": a.antecedent.map(span),
    })
}

/// The article record.
pub fn article(doc: &Document) -> Value {
    let diags: Vec<Value> = doc
        .diagnostics
        .iter()
        .map(|d| {
            json!({
                "severity": match d.severity { Severity::Info => "info", Severity::Warning => "warning" },
                "stage": d.stage,
                "message": d.message,
                "span": d.span.map(span),
            })
        })
        .collect();
    json!({
        "type": "article",
        "id": doc.id,
        "date": doc.date.to_string(),
        "title": doc.title,
        "url": doc.url,
        "source": doc.source,
        "sentences": doc.sentences.len(),
        "tokens": doc.tokens.len(),
        "events": doc.events.len(),
        "tone": doc.tone.map(|t| (t * 1000.0).round() / 1000.0),
        "diagnostics": diags,
    })
}

/// An event record.
pub fn event(doc: &Document, e: &Event) -> Value {
    let sentence_text = doc
        .sentences
        .get(e.sentence)
        .map(|s| doc.slice(s.span))
        .unwrap_or("");
    json!({
        "type": "event",
        "id": e.id,
        "article_id": doc.id,
        "date": e.date.as_ref().map_or(doc.date, |d| d.date).to_string(),
        "date_precision": e.date.as_ref().map_or("day", |d| d.precision.as_str()),
        "date_expression": e
            .date
            .as_ref()
            .and_then(|d| d.time)
            .and_then(|i| doc.times.get(i))
            .map(|t| json!({"text": t.text, "span": span(t.span)})),
        "sentence": e.sentence,
        "span": span(e.span),
        "trigger": e.trigger,
        "trigger_span": span(e.trigger_span),
        "source": e.source.as_ref().map(actor),
        "target": e.target.as_ref().map(actor),
        "cameo": e.cameo,
        "root": e.root,
        "quad_class": e.quad_class,
        "goldstein": e.goldstein,
        "plover": e.plover,
        "plover_mode": e.plover_mode,
        "negated": e.negated,
        "modality": e.modality.as_str(),
        "confidence": (e.confidence as f64 * 100.0).round() / 100.0,
        "rank": e.rank,
        "counts": e.counts.iter().map(|i| format!("{}#c{}", doc.id, i + 1)).collect::<Vec<_>>(),
        "location": e.location.as_ref().map(location),
        "tone": e.tone.map(|t| (t * 1000.0).round() / 1000.0),
        "rule": e.rule,
        "sentence_text": sentence_text,
    })
}

/// A location as JSON.
pub fn location(l: &Location) -> Value {
    json!({
        "name": l.name,
        "country": l.country,
        "admin1": l.admin1,
        "lat": l.lat,
        "lon": l.lon,
        "geonameid": l.geonameid,
        "feature": l.feature,
        "precision": l.precision.as_str(),
        "span": span(l.span),
    })
}

/// A place record (with `--mentions`): a toponym of the text, resolved.
pub fn place(doc: &Document, l: &Location) -> Value {
    let mut v = location(l);
    if let Value::Object(o) = &mut v {
        o.insert("type".into(), json!("place"));
        o.insert("article_id".into(), json!(doc.id));
        o.insert("sentence".into(), json!(l.sentence));
        o.insert("text".into(), json!(doc.slice(l.span)));
        o.remove("precision");
    }
    v
}

/// A count record.
pub fn count(doc: &Document, i: usize, c: &Count) -> Value {
    let place = c.place.as_ref().map(location);
    json!({
        "type": "count",
        "id": format!("{}#c{}", doc.id, i + 1),
        "article_id": doc.id,
        "event_id": c.event.and_then(|e| doc.events.get(e)).map(|e| e.id.clone()),
        "kind": c.kind.as_str(),
        "number": c.number,
        "qualifier": c.qualifier,
        "who": c.who.as_ref().map(actor),
        "by": c.by.as_ref().map(actor),
        "location": place,
        "date": c.date.as_ref().map_or(doc.date, |d| d.date).to_string(),
        "date_precision": c.date.as_ref().map_or("day", |d| d.precision.as_str()),
        "sentence": c.sentence,
        "span": span(c.span),
        "text": doc.slice(c.span),
    })
}

/// A mention record.
pub fn mention(doc: &Document, m: &Mention) -> Value {
    json!({
        "type": "mention",
        "article_id": doc.id,
        "sentence": m.sentence,
        "actor": actor(&m.actor),
        "rule": m.rule,
        "locative": m.locative,
    })
}
