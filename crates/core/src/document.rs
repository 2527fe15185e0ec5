//! The [`Document`] that every stage annotates, and the annotation types it owns.

use chrono::NaiveDate;
use std::ops::Range;

/// A half-open range of UTF-8 byte offsets `[start, end)` into the article text as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (callers guarantee `start <= end`).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True if the span covers no byte.
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }
}

/// An article as read by ingest: identity, date and text, before any analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Stable identifier (file stem, JSONL `id`, or a generated `file:line`).
    pub id: String,
    /// Publication date: the reference time for every relative expression.
    pub date: NaiveDate,
    /// Headline, when the input gives one.
    pub title: Option<String>,
    /// URL, when the input gives one.
    pub url: Option<String>,
    /// Publisher or feed name, when the input gives one.
    pub source: Option<String>,
    /// The text exactly as given (for dated-text files: the body after the date header).
    pub text: String,
    /// Where the record came from (`path:line`), for messages.
    pub origin: String,
}

impl Article {
    /// An article with only an id, a date and its text (origin = id).
    pub fn dated(id: &str, date: NaiveDate, text: &str) -> Article {
        Article {
            id: id.to_string(),
            date,
            title: None,
            url: None,
            source: None,
            text: text.to_string(),
            origin: id.to_string(),
        }
    }
}

/// Text after normalization (NFC, quotes and dashes, mojibake repair) with an alignment that
/// maps every normalized byte offset back to a byte offset in the original text.
///
/// Invariant: `map.len() == text.len() + 1`, `map` is non-decreasing, `map[0] == 0` and
/// `map[text.len()]` is the original length; offsets inside one normalized character map to the
/// start of the original piece it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalizedText {
    text: String,
    map: Vec<usize>,
}

impl NormalizedText {
    /// The identity normalization of `original`.
    pub fn identity(original: &str) -> Self {
        NormalizedText {
            text: original.to_string(),
            map: (0..=original.len()).collect(),
        }
    }

    /// Starts an empty normalization to be built piece by piece.
    pub fn builder() -> NormalizedTextBuilder {
        NormalizedTextBuilder {
            text: NormalizedText {
                text: String::new(),
                map: Vec::new(),
            },
        }
    }

    /// The normalized text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Maps a normalized byte offset to an original byte offset (clamped to the end).
    pub fn to_original(&self, offset: usize) -> usize {
        let i = offset.min(self.map.len() - 1);
        self.map[i]
    }

    /// Maps a normalized span to the original span it came from.
    pub fn span_to_original(&self, span: Span) -> Span {
        let start = self.to_original(span.start);
        // The end of a span is the start of whatever follows it, so a replaced piece maps to
        // its whole original extent.
        let end = self.to_original(span.end).max(start);
        Span::new(start, end)
    }
}

/// Builds a [`NormalizedText`] from pieces in original order.
#[derive(Debug)]
pub struct NormalizedTextBuilder {
    text: NormalizedText,
}

impl NormalizedTextBuilder {
    /// Appends text copied unchanged from the original at `original_start`: byte `i` of the
    /// piece maps to `original_start + i`.
    pub fn copied(&mut self, piece: &str, original_start: usize) {
        self.text.text.push_str(piece);
        self.text
            .map
            .extend(original_start..original_start + piece.len());
    }

    /// Appends text that replaces original bytes starting at `original_start`: every byte of
    /// the piece maps to `original_start`.
    pub fn replaced(&mut self, piece: &str, original_start: usize) {
        self.text.text.push_str(piece);
        self.text
            .map
            .extend(std::iter::repeat_n(original_start, piece.len()));
    }

    /// Closes the alignment at `original_len`. Returns `None` if the offsets were not
    /// non-decreasing or exceed `original_len`.
    pub fn finish(mut self, original_len: usize) -> Option<NormalizedText> {
        self.text.map.push(original_len);
        let ok = self.text.map.windows(2).all(|w| w[0] <= w[1]);
        ok.then_some(self.text)
    }
}

/// Coarse token class assigned by the tokenizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, possibly with internal apostrophes or periods (abbreviations).
    Word,
    /// Digits with separators: `31,000`, `3.5`, `1990s`.
    Number,
    /// Punctuation and symbols.
    Punct,
    /// URL or e-mail address.
    Url,
}

/// One token. Offsets point both into the original text (`span`) and into the normalized
/// text (`norm`); `lower` is the lowercased normalized form used by dictionary matching.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Byte range in the original text.
    pub span: Span,
    /// Byte range in the normalized text.
    pub norm: Span,
    /// Lowercased normalized form.
    pub lower: String,
    /// Coarse class.
    pub kind: TokenKind,
    /// True if the normalized form starts with an uppercase letter.
    pub capitalized: bool,
    /// True if whitespace follows the token in the text.
    pub space_after: bool,
}

/// Syntax of one token: tags, lemma, features and its dependency arc.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TokenSyntax {
    /// Universal POS tag.
    pub upos: String,
    /// Penn Treebank tag.
    pub xpos: String,
    /// Lemma.
    pub lemma: String,
    /// UD morphological features (`Number=Plur|Tense=Past`), `_` if none.
    pub feats: String,
    /// Head token (index into [`Document::tokens`]), `None` for the sentence's root.
    pub head: Option<usize>,
    /// UD relation with subtype (`nsubj:pass`, `obl:agent`).
    pub deprel: String,
}

/// A sentence: a contiguous run of tokens. Headings are sentences of their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range in the original text.
    pub span: Span,
    /// Token indices (into [`Document::tokens`]).
    pub tokens: Range<usize>,
    /// True for a heading line.
    pub heading: bool,
    /// Paragraph number, from 0.
    pub paragraph: usize,
}

/// A resolved actor: who a mention refers to, as of the article's date.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    /// CAMEO-style code: country or IGO code followed by sector codes (`ISRGOV`, `IGOUNO`).
    pub code: String,
    /// ISO 3166-1 alpha-3 country, `None` for international organizations and unknowns.
    pub country: Option<String>,
    /// CAMEO sector (agent type) codes, primary first.
    pub sectors: Vec<String>,
    /// Canonical name of the entity, where known.
    pub entity: Option<String>,
    /// Wikidata id of the entity, where known.
    pub wikidata: Option<String>,
    /// The mention text as it appears in the original.
    pub text: String,
    /// Byte range of the mention in the original text.
    pub span: Span,
    /// For a pronoun or definite description resolved by coreference, the span of the
    /// mention it was resolved to (the provenance of the resolution).
    pub antecedent: Option<Span>,
}

/// An actor mention found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Token indices covered.
    pub tokens: Range<usize>,
    /// Sentence index.
    pub sentence: usize,
    /// The actor it refers to.
    pub actor: Actor,
    /// Which dictionary entries produced it (provenance), e.g. `countries:ISR+sectors:troops`.
    pub rule: String,
    /// True when the mention names a place where something happens ("in Gaza") rather than
    /// an actor; coders do not take such mentions as source or target.
    pub locative: bool,
    /// True when the mention ends in a country adjective used as a modifier ("Israeli" in
    /// "Israeli strikes"): the next word is then a noun.
    pub adjectival: bool,
    /// True when the mention names a person.
    pub person: bool,
}

/// How an event is asserted by the text (PLOVER's auxiliary modes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Modality {
    /// Reported as having happened.
    Asserted,
    /// Explicitly did not happen ("did not attack").
    Negated,
    /// Announced intention ("plans to meet").
    Intended,
    /// Threatened ("vowed to attack").
    Threatened,
    /// Conditional or hypothetical ("would attack if").
    Hypothetical,
    /// Requested of someone ("urged Israel to withdraw").
    Requested,
    /// Asserted by someone the text quotes, not by the text itself ("officials said rebels
    /// attacked", "…, according to X", "reportedly"). Counted like asserted events.
    Reported,
}

impl Modality {
    /// Lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Negated => "negated",
            Modality::Intended => "intended",
            Modality::Threatened => "threatened",
            Modality::Hypothetical => "hypothetical",
            Modality::Requested => "requested",
            Modality::Reported => "reported",
        }
    }
}

/// How exactly a date is known: the date given is the first day of the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePrecision {
    /// The day.
    Day,
    /// Some day of the week starting at the date.
    Week,
    /// Some day of the month.
    Month,
    /// Some day of the year.
    Year,
}

impl DatePrecision {
    /// Lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Week => "week",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
        }
    }
}

/// A time expression in the text and the date it denotes, resolved against the article date
/// (or, for "a day after …" and "two days later", against another event's date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpr {
    /// Tokens of the expression.
    pub tokens: Range<usize>,
    /// Sentence index.
    pub sentence: usize,
    /// Byte range in the original text.
    pub span: Span,
    /// The expression as written.
    pub text: String,
    /// First day of the period denoted.
    pub date: NaiveDate,
    /// Precision.
    pub precision: DatePrecision,
    /// For anchored expressions ("a day after", "two days later"): the day offset from the
    /// anchor; the date above is then already resolved.
    pub offset_days: Option<i64>,
}

/// When an event happened, and what says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDate {
    /// First day of the period.
    pub date: NaiveDate,
    /// Precision.
    pub precision: DatePrecision,
    /// The time expression that set it (index into [`Document::times`]); `None` when the
    /// event takes the article date for want of one.
    pub time: Option<usize>,
}

/// How a location was found for an event or count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocationPrecision {
    /// A place attached to the event's words ("attacked Rafah", "in Rafah", "the invasion
    /// of Rafah").
    Event,
    /// A place named elsewhere in the sentence.
    Sentence,
    /// The place the article names most (not its dateline).
    Article,
}

impl LocationPrecision {
    /// Lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            LocationPrecision::Event => "event",
            LocationPrecision::Sentence => "sentence",
            LocationPrecision::Article => "article",
        }
    }
}

/// A place named in the text, resolved in the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    /// The gazetteer's name of the place.
    pub name: String,
    /// ISO 3166-1 alpha-3 code of its state, where it has one.
    pub country: Option<String>,
    /// First-level division (name for US states, else the GeoNames code), where known.
    pub admin1: Option<String>,
    /// Latitude, decimal degrees.
    pub lat: f64,
    /// Longitude, decimal degrees.
    pub lon: f64,
    /// GeoNames id, for places from GeoNames.
    pub geonameid: Option<u64>,
    /// `country`, `admin1`, `city`, `region`, `crossing`, `camp`, `district`.
    pub feature: String,
    /// How it was attached (for toponyms in [`Document::places`], `Event`).
    pub precision: LocationPrecision,
    /// Byte range of the name in the original text.
    pub span: Span,
    /// Sentence index.
    pub sentence: usize,
}

/// What a count counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountKind {
    /// Killed, dead, deaths, died, bodies.
    Killed,
    /// Wounded, injured, hurt.
    Wounded,
    /// Arrested, detained, held.
    Arrested,
    /// Kidnapped, abducted, taken hostage, hostages.
    Kidnapped,
    /// Displaced, refugees, driven from their homes.
    Displaced,
    /// Missing.
    Missing,
    /// The size of a crowd (protesters, demonstrators, marchers).
    Crowd,
}

impl CountKind {
    /// Lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            CountKind::Killed => "killed",
            CountKind::Wounded => "wounded",
            CountKind::Arrested => "arrested",
            CountKind::Kidnapped => "kidnapped",
            CountKind::Displaced => "displaced",
            CountKind::Missing => "missing",
            CountKind::Crowd => "crowd",
        }
    }
}

/// A number of people killed, wounded, arrested, … or gathered, as the text gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    /// Sentence index.
    pub sentence: usize,
    /// Tokens of the number phrase and its cue word.
    pub tokens: Range<usize>,
    /// Byte range in the original text.
    pub span: Span,
    /// What is counted.
    pub kind: CountKind,
    /// The number (for vague amounts, the least the words mean: "dozens" 24, "hundreds"
    /// 200, "thousands" 2,000).
    pub number: u64,
    /// "at least", "over", "about", "up to", "dozens", …, as written (lowercase).
    pub qualifier: Option<String>,
    /// The people counted, where an actor says who they are ("Palestinian deaths" → PSE,
    /// civilians by default for people).
    pub who: Option<Actor>,
    /// Who did it, from the linked event's source.
    pub by: Option<Actor>,
    /// The event the count belongs to (index into [`Document::events`]).
    pub event: Option<usize>,
    /// Where: the linked event's location, else a place the sentence names.
    pub place: Option<Location>,
    /// When: the linked event's date, else the sentence's, else the article's.
    pub date: Option<EventDate>,
}

/// A coded event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// `article_id#n`, unique within a run.
    pub id: String,
    /// Sentence index.
    pub sentence: usize,
    /// Byte range covering trigger and actors, in the original text.
    pub span: Span,
    /// Trigger words as they appear in the original text.
    pub trigger: String,
    /// Byte range of the trigger in the original text.
    pub trigger_span: Span,
    /// Who acts.
    pub source: Option<Actor>,
    /// Who is acted upon.
    pub target: Option<Actor>,
    /// CAMEO event code (`190`, `0233`).
    pub cameo: String,
    /// CAMEO root (two digits).
    pub root: String,
    /// Quad class 1–4 (verbal/material cooperation/conflict).
    pub quad_class: u8,
    /// Goldstein score (GDELT variant).
    pub goldstein: f64,
    /// PLOVER 2021 event type, `None` for CAMEO codes PLOVER does not cover.
    pub plover: Option<String>,
    /// PLOVER mode from the CAMEO→PLOVER table, where it gives one.
    pub plover_mode: Option<String>,
    /// True if the text says the event did not happen.
    pub negated: bool,
    /// Modality.
    pub modality: Modality,
    /// Confidence in 0–1.
    pub confidence: f32,
    /// Lexicon entry or pattern that fired (provenance).
    pub rule: String,
    /// Rank among the events of its sentence: 0 is the sentence's main event.
    pub rank: u32,
    /// When it happened; `None` until the time stage runs.
    pub date: Option<EventDate>,
    /// Counts that belong to it (indexes into [`Document::counts`]).
    pub counts: Vec<usize>,
    /// Where it happened; `None` until the place stage runs or where the text says nowhere.
    pub location: Option<Location>,
    /// Tone of its sentence, −1 … +1; `None` until the tone stage runs.
    pub tone: Option<f64>,
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Informational: something was repaired or skipped.
    Info,
    /// Something looks wrong in the input; output may be incomplete.
    Warning,
}

/// A note a stage leaves on the document instead of failing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Severity.
    pub severity: Severity,
    /// Stage that raised it.
    pub stage: &'static str,
    /// Human-readable message.
    pub message: String,
    /// Where in the original text, if anywhere.
    pub span: Option<Span>,
}

/// One article under analysis: the article itself plus every layer the stages add.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Article id.
    pub id: String,
    /// Article date: the reference time.
    pub date: NaiveDate,
    /// Title, if any.
    pub title: Option<String>,
    /// URL, if any.
    pub url: Option<String>,
    /// Source, if any.
    pub source: Option<String>,
    /// The original text; all spans index into it.
    pub text: String,
    /// Normalized text with alignment (identity until the normalize stage runs).
    pub norm: NormalizedText,
    /// Tokens in text order.
    pub tokens: Vec<Token>,
    /// Sentences in text order, covering tokens contiguously.
    pub sentences: Vec<Sentence>,
    /// Tokens of a wire dateline at the start of the article (`BEIRUT, Lebanon (AP) -`),
    /// which name where the report was filed, not who acted.
    pub dateline: Option<Range<usize>>,
    /// Syntax per token, aligned with `tokens`; empty until the syntax stage runs. Tokens of
    /// sentences the stage did not parse keep [`TokenSyntax::default`] (empty `upos`).
    pub syntax: Vec<TokenSyntax>,
    /// Actor mentions in text order.
    pub mentions: Vec<Mention>,
    /// Events in sentence order, then rank.
    pub events: Vec<Event>,
    /// Time expressions in text order.
    pub times: Vec<TimeExpr>,
    /// Counts of people in text order, figures restated later in the article left out.
    pub counts: Vec<Count>,
    /// Places named in the text (toponyms resolved in the gazetteer), in text order.
    pub places: Vec<Location>,
    /// Tone per sentence, −1 … +1 (empty until the tone stage runs).
    pub sentence_tone: Vec<f64>,
    /// Tone of the article, −1 … +1; `None` until the tone stage runs.
    pub tone: Option<f64>,
    /// Stage diagnostics.
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    /// Keeps the events for which `keep` holds, keeping the counts' links to events right.
    pub fn retain_events(&mut self, mut keep: impl FnMut(&Event) -> bool) {
        let mut index = Vec::with_capacity(self.events.len());
        let mut n = 0;
        for e in &self.events {
            if keep(e) {
                index.push(Some(n));
                n += 1;
            } else {
                index.push(None);
            }
        }
        for c in &mut self.counts {
            c.event = c.event.and_then(|e| index.get(e).copied().flatten());
        }
        let mut it = index.into_iter();
        self.events.retain(|_| it.next().flatten().is_some());
    }

    /// Whether the text is written all in lower case (scraped news often is): fewer than one
    /// word in fifty capitalized, so capitals give no cue for names.
    pub fn all_lowercase(&self) -> bool {
        let words = self
            .tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .count();
        let caps = self.tokens.iter().filter(|t| t.capitalized).count();
        words > 0 && caps * 50 < words
    }

    /// A fresh, unannotated document for an article.
    pub fn new(article: Article) -> Self {
        let norm = NormalizedText::identity(&article.text);
        Document {
            id: article.id,
            date: article.date,
            title: article.title,
            url: article.url,
            source: article.source,
            text: article.text,
            norm,
            tokens: Vec::new(),
            sentences: Vec::new(),
            dateline: None,
            syntax: Vec::new(),
            mentions: Vec::new(),
            events: Vec::new(),
            times: Vec::new(),
            counts: Vec::new(),
            places: Vec::new(),
            sentence_tone: Vec::new(),
            tone: None,
            diagnostics: Vec::new(),
        }
    }

    /// The original text of a span (empty if the span is not on character boundaries).
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// The normalized text of token `i`.
    pub fn token_norm(&self, i: usize) -> &str {
        self.tokens
            .get(i)
            .and_then(|t| self.norm.as_str().get(t.norm.start..t.norm.end))
            .unwrap_or("")
    }

    /// Original span covering tokens `range` (empty span at 0 for an empty range).
    pub fn tokens_span(&self, range: Range<usize>) -> Span {
        match (
            self.tokens.get(range.start),
            range.end.checked_sub(1).and_then(|e| self.tokens.get(e)),
        ) {
            (Some(a), Some(b)) if range.start < range.end => Span::new(a.span.start, b.span.end),
            _ => Span::default(),
        }
    }

    /// Records a diagnostic.
    pub fn diagnose(
        &mut self,
        severity: Severity,
        stage: &'static str,
        message: String,
        span: Option<Span>,
    ) {
        self.diagnostics.push(Diagnostic {
            severity,
            stage,
            message,
            span,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_map_back_to_original() {
        // "a\u{2019}b" (5 bytes) normalized to "a'b".
        let mut b = NormalizedText::builder();
        b.copied("a", 0);
        b.replaced("'", 1);
        b.copied("b", 4);
        let n = b.finish(5).unwrap();
        assert_eq!(n.as_str(), "a'b");
        assert_eq!(n.span_to_original(Span::new(1, 2)), Span::new(1, 4));
        assert_eq!(n.span_to_original(Span::new(0, 3)), Span::new(0, 5));
    }

    #[test]
    fn pieces_reject_decreasing_offsets() {
        let mut b = NormalizedText::builder();
        b.copied("a", 2);
        b.copied("b", 1);
        assert!(b.finish(3).is_none());
    }
}
