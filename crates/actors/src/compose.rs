//! Composition of dictionary atoms into actor mentions.
//!
//! Adjacent atoms in a sentence combine, in this order of preference:
//! - country + title + person, title + person, country + person: the person's role on the
//!   article's date decides the code (`ISRGOV`); out of office, country + `ELI`;
//! - country + title ("Israeli Prime Minister"): country + the title's sector, with the
//!   holder of that office on the date as entity where known;
//! - country + agent ("Israeli troops", "Israel's army"), with at most one modifier word
//!   between ("Israeli security forces", "Sudanese paramilitary forces");
//! - agent/title + `of` + country ("the government of Sudan");
//! - country adjective + organization, organization + agent ("Hamas fighters"): the
//!   organization;
//! - a title followed by a name the dictionary does not know takes the name in ("British
//!   Defence Secretary Tom King"), as a person mention;
//! - coordinated country adjectives share the agent noun ("Sudanese and Chadian officials").
//!
//! Country names and capitals right after a locative preposition ("in Gaza") are marked
//! [`Mention::locative`].

use crate::dict::{Atom, AtomKind, CountryForm, Dictionary, Person};
use chrono::NaiveDate;
use dyad_core::{Actor, Document, Mention};

/// Words that may stand between a country and an agent noun ("Israeli security forces").
const MODIFIERS: &[&str] = &[
    "senior",
    "top",
    "former",
    "special",
    "security",
    "armed",
    "riot",
    "paramilitary",
    "local",
    "regional",
    "federal",
    "national",
    "state",
    "military",
    "government",
    "foreign",
    "deputy",
    "acting",
    "interim",
    "opposition",
    "elite",
    "rebel",
    "border",
    "naval",
    "air",
    "ground",
    "pro-government",
    "anti-government",
    "civilian",
    "unarmed",
    "striking",
    "angry",
    "young",
    "hardline",
    "radical",
    "islamist",
    "muslim",
    "christian",
    "army",
    "police",
    "defence",
    "defense",
    "ruling",
    "transitional",
    "de",
    "facto",
    "exiled",
    "detained",
    "jailed",
];

/// Roles that speak or act for the institution named before them ("army spokesman",
/// "police officials"): the mention keeps the institution's sector.
const SPEAKS_FOR: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokesmen",
    "official",
    "officials",
    "officer",
    "officers",
    "source",
    "sources",
    "chief",
    "chiefs",
    "commander",
    "commanders",
    "leader",
    "leaders",
    "representative",
    "representatives",
    "member",
    "members",
];

const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "across",
    "inside",
    "throughout",
    "outside",
    "within",
    "around",
    "into",
    "toward",
    "towards",
    "via",
    "through",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
];

fn sector_of_title(t: &str) -> (&str, &str) {
    t.split_once(':').unwrap_or(("GOV", t))
}

/// The role a person holds on `date`: (country, sector, role) or, out of office, the country
/// of their latest role with `ELI`.
fn resolve_person(p: &Person, date: NaiveDate) -> (Option<String>, String, Option<String>) {
    if let Some(r) = p
        .roles
        .iter()
        .filter(|r| r.start <= date && r.end.is_none_or(|e| date < e))
        .min_by_key(|r| rank_role(&r.role))
    {
        return (r.country.clone(), r.sector.clone(), Some(r.role.clone()));
    }
    let last = p
        .roles
        .iter()
        .filter(|r| r.start <= date)
        .max_by_key(|r| r.start)
        .or_else(|| p.roles.first());
    match last {
        Some(r) if r.sector == "IGO" => (None, "ELI".to_string(), None),
        Some(r) => (r.country.clone(), "ELI".to_string(), None),
        None => (None, "ELI".to_string(), None),
    }
}

/// Heads of state rank before other offices when a person holds several at once.
fn rank_role(role: &str) -> u8 {
    let r = role.to_lowercase();
    if r.contains("president") && !r.contains("vice")
        || r.contains("king")
        || r.contains("supreme leader")
        || r.contains("emir")
    {
        0
    } else if r.contains("prime minister") || r.contains("chancellor") {
        1
    } else {
        2
    }
}

/// Chooses among persons sharing a name: one in office on the date, else the first listed.
fn pick_person<'a>(
    dict: &'a Dictionary,
    ids: &[usize],
    date: NaiveDate,
) -> Option<(usize, &'a Person)> {
    let in_office = ids
        .iter()
        .filter_map(|i| dict.person(*i).map(|p| (*i, p)))
        .find(|(_, p)| {
            p.roles
                .iter()
                .any(|r| r.start <= date && r.end.is_none_or(|e| date < e))
        });
    in_office.or_else(|| ids.first().and_then(|i| dict.person(*i).map(|p| (*i, p))))
}

fn code_of(country: Option<&str>, sectors: &[String]) -> String {
    let mut c = country.unwrap_or("").to_string();
    for s in sectors {
        c.push_str(s);
    }
    c
}

struct Draft {
    first: usize,
    last: usize, // index into atoms, inclusive
    tokens: std::ops::Range<usize>,
    country: Option<String>,
    sectors: Vec<String>,
    entity: Option<String>,
    wikidata: Option<String>,
    code: Option<String>,
}

/// Turns atoms into mentions.
pub(crate) fn compose(dict: &Dictionary, doc: &Document, atoms: &[Atom]) -> Vec<Mention> {
    let date = doc.date;
    let mut out = Vec::new();
    let mut i = 0;
    while i < atoms.len() {
        let mut d = compose_at(dict, doc, atoms, i, date);
        let named = extend_over_name(doc, atoms, &mut d);
        // A state that did not exist yet on the article's date is the one it belonged to.
        if let Some(pred) = d
            .country
            .as_deref()
            .and_then(|c| dict.predecessor_on(c, date))
            .map(str::to_string)
        {
            let old = d.country.replace(pred.clone()).unwrap_or_default();
            if d.first == d.last
                && matches!(
                    atoms[d.first].kind,
                    AtomKind::Country(_, CountryForm::Capital)
                )
            {
                d.sectors.retain(|s| s != "GOV");
            }
            if let Some(code) = d.code.as_mut() {
                if let Some(rest) = code.strip_prefix(old.as_str()) {
                    *code = format!("{pred}{rest}");
                }
            }
        }
        let a = &atoms[d.first];
        let tokens = d.tokens.clone();
        let span = doc.tokens_span(tokens.clone());
        let rule = atoms[d.first..=d.last]
            .iter()
            .map(|x| x.rule.as_str())
            .collect::<Vec<_>>()
            .join("+");
        let code = d
            .code
            .clone()
            .unwrap_or_else(|| code_of(d.country.as_deref(), &d.sectors));
        // Names in a wire dateline say where the report was filed, not who acted.
        let in_dateline = doc
            .dateline
            .as_ref()
            .is_some_and(|r| r.contains(&tokens.start));
        let locative = in_dateline
            || (d.first == d.last
                && matches!(
                    a.kind,
                    AtomKind::Country(_, CountryForm::Name | CountryForm::Capital)
                        | AtomKind::Org(_)
                )
                && is_locative(doc, tokens.start, doc.sentences[a.sentence].tokens.start)
                && doc.tokens.get(tokens.end).is_none_or(|t| t.lower != "-"));
        // Plural demonyms ("Palestinians") are nouns; singular ones ("Israeli", "Swiss") modify.
        let last_word = tokens
            .end
            .checked_sub(1)
            .map_or("", |k| doc.tokens[k].lower.as_str());
        let adjectival = matches!(
            atoms[d.last].kind,
            AtomKind::Country(_, CountryForm::Adjective)
        ) && (!last_word.ends_with('s') || last_word.ends_with("ss"));
        if !code.is_empty() {
            out.push(Mention {
                tokens,
                sentence: a.sentence,
                actor: Actor {
                    code,
                    country: d.country,
                    sectors: d.sectors,
                    entity: d.entity,
                    wikidata: d.wikidata,
                    text: doc.slice(span).to_string(),
                    span,
                    antecedent: None,
                },
                rule,
                locative,
                adjectival,
                person: named
                    || atoms[d.first..=d.last]
                        .iter()
                        .any(|x| matches!(x.kind, AtomKind::Person(_))),
            });
        }
        i = d.last + 1;
    }
    share_coordinated_agent(doc, &mut out);
    out
}

/// "Sudanese and Chadian officials": a country adjective coordinated with another that heads
/// an agent noun shares that noun (`SDNGOV` and `TCDGOV`).
fn share_coordinated_agent(doc: &Document, mentions: &mut [Mention]) {
    for i in 0..mentions.len().saturating_sub(1) {
        let (a, b) = (&mentions[i], &mentions[i + 1]);
        let joined = a.tokens.end < b.tokens.start
            && (a.tokens.end..b.tokens.start)
                .all(|k| matches!(doc.tokens[k].lower.as_str(), "and" | "," | "or"));
        if !joined
            || !a.adjectival
            || !a.actor.sectors.is_empty()
            || b.actor.sectors.is_empty()
            || b.actor.country.is_none()
            || b.tokens.len() < 2
        {
            continue;
        }
        let sectors = b.actor.sectors.clone();
        let rule = format!("{} + agent of {}", mentions[i].rule, mentions[i + 1].rule);
        let a = &mut mentions[i];
        a.actor.code = code_of(a.actor.country.as_deref(), &sectors);
        a.actor.sectors = sectors;
        a.adjectival = false;
        a.rule = rule;
    }
}

/// A title the dictionary knows followed by a name it does not ("British Defence Secretary Tom
/// King", "Defense Secretary William Perry"): the mention takes in the name (up to four
/// capitalized words), so that the name's words are not read on their own ("King" as a
/// title). Not in headings or title-case lines, where capitals say nothing. Returns whether
/// the mention was extended.
fn extend_over_name(doc: &Document, atoms: &[Atom], d: &mut Draft) -> bool {
    let parts = &atoms[d.first..=d.last];
    let titled = parts.iter().any(|x| matches!(x.kind, AtomKind::Title(_)));
    let has_person = parts.iter().any(|x| matches!(x.kind, AtomKind::Person(_)));
    if !titled || has_person {
        return false;
    }
    let Some(sent) = doc.sentences.get(atoms[d.first].sentence) else {
        return false;
    };
    // Title case capitalizes every longer word; running text leaves some in lower case.
    let running = doc.tokens[sent.tokens.clone()].iter().any(|t| {
        t.kind == dyad_core::TokenKind::Word && !t.capitalized && t.lower.chars().count() >= 4
    });
    if sent.heading || !running {
        return false;
    }
    let mut k = d.tokens.end;
    let mut last = d.last;
    while k < sent.tokens.end && k < d.tokens.end + 4 {
        let t = &doc.tokens[k];
        if t.kind != dyad_core::TokenKind::Word || !t.capitalized {
            break;
        }
        // Another dictionary name (a country, an organization, a known person) ends it.
        if let Some(next) = atoms.get(last + 1).filter(|x| x.tokens.start == k) {
            if !matches!(next.kind, AtomKind::Title(_)) {
                break;
            }
            last += 1;
            k = next.tokens.end;
            continue;
        }
        k += 1;
    }
    if k == d.tokens.end {
        return false;
    }
    d.tokens.end = k;
    d.last = last;
    true
}

fn is_locative(doc: &Document, tok: usize, sent_start: usize) -> bool {
    let mut k = tok;
    while k > sent_start {
        k -= 1;
        let w = doc.tokens[k].lower.as_str();
        if matches!(w, "the" | "former") {
            continue;
        }
        return LOCATIVE.contains(&w);
    }
    false
}

/// Tokens strictly between atoms `a` and `b`.
fn between<'d>(doc: &'d Document, a: &Atom, b: &Atom) -> Vec<&'d str> {
    (a.tokens.end..b.tokens.start)
        .map(|k| doc.tokens[k].lower.as_str())
        .collect()
}

fn adjacent(doc: &Document, a: &Atom, b: &Atom, allow_modifier: bool) -> bool {
    if a.sentence != b.sentence || b.tokens.start < a.tokens.end {
        return false;
    }
    let gap = between(doc, a, b);
    match gap.as_slice() {
        [] => true,
        ["'s"] | ["'"] => true,
        [m] => allow_modifier && MODIFIERS.contains(m),
        [m1, m2] => allow_modifier && MODIFIERS.contains(m1) && MODIFIERS.contains(m2),
        _ => false,
    }
}

/// A country adjective (or an organization) and an agent noun with a plain noun modifier
/// between: "French paper workers", "Palestinian health officials", "the U.N. war crimes
/// court"; or a `-led` force: "Vietnamese-led forces". The modifier is up to three lowercase
/// words or acronyms that do not look like verbs, the first no plural (so "Israeli strikes
/// killed militants" stays apart).
fn modified_agent(dict: &Dictionary, doc: &Document, a: &Atom, b: &Atom) -> bool {
    if a.sentence != b.sentence || b.tokens.start < a.tokens.end {
        return false;
    }
    let gap: Vec<usize> = (a.tokens.end..b.tokens.start).collect();
    // An acronym the dictionary does not know ("Soviet NKVD security forces").
    let acronym = |k: usize| {
        let t = &doc.tokens[k];
        t.kind == dyad_core::TokenKind::Word
            && (2..=6).contains(&doc.slice(t.span).len())
            && doc.slice(t.span).chars().all(|c| c.is_ascii_uppercase())
    };
    let plain = |k: usize, plural_ok: bool| {
        let t = &doc.tokens[k];
        let w = t.lower.as_str();
        t.kind == dyad_core::TokenKind::Word
            && !t.capitalized
            && w.len() > 2
            && w.chars().all(|c| c.is_alphabetic())
            && (plural_ok || !w.ends_with('s'))
            && !w.ends_with("ed")
            && !w.ends_with("ing")
            && !w.ends_with("ly")
            && !FUNCTION_WORDS.contains(&w)
    };
    match gap.as_slice() {
        [h, l] if doc.tokens[*h].lower == "-" && doc.tokens[*l].lower == "led" => true,
        // One word, or a compound of up to three whose first word is no plural ("the U.N.
        // war crimes court"; "Israeli strikes killed militants" stays apart).
        [] => false,
        [k] => acronym(*k) || plain(*k, false),
        // (No inflected verb among several: "NATO aircraft struck military targets".)
        g if g.len() <= 3 => g.iter().enumerate().all(|(i, &k)| {
            acronym(k) || (plain(k, i > 0) && !dict.verb_forms.contains(&doc.tokens[k].lower))
        }),
        _ => false,
    }
}

/// Words that never modify an agent noun.
const FUNCTION_WORDS: &[&str] = &[
    "the", "and", "but", "for", "with", "from", "into", "onto", "that", "this", "their", "its",
    "his", "her", "who", "which", "whom", "than", "then", "also", "not", "now", "will", "would",
    "could", "should", "can", "may", "might", "must", "have", "had", "has", "was", "were", "are",
    "been", "being", "say", "said", "told", "after", "before", "over", "under", "about", "against",
    "between", "near", "amid", "while", "when", "where", "all", "some", "many", "most", "more",
    "other", "both", "each", "every", "any", "own", "new", "old", "kill", "attack", "fire", "hit",
    "shot", "fight", "raid", "ambush", "bomb", "storm", "seize", "capture", "detain", "arrest",
    "accuse", "urge", "warn", "meet", "visit", "call", "deny", "reject", "support", "back", "help",
    "join", "lead", "leave", "open", "close", "take", "give", "send", "win", "lose", "let", "set",
    "put", "get", "make",
];

fn compose_at(
    dict: &Dictionary,
    doc: &Document,
    atoms: &[Atom],
    i: usize,
    date: NaiveDate,
) -> Draft {
    let a = &atoms[i];
    let next = |k: usize| atoms.get(k);
    let mut d = Draft {
        first: i,
        last: i,
        tokens: a.tokens.clone(),
        country: None,
        sectors: Vec::new(),
        entity: None,
        wikidata: None,
        code: None,
    };
    let person_draft =
        |d: &mut Draft, ids: &[usize], title: Option<&str>, country_hint: Option<&str>| {
            if let Some((_, p)) = pick_person(dict, ids, date) {
                let (country, mut sector, _) = resolve_person(p, date);
                // A title the text gives in its own voice ("Defence Secretary Tom King", not
                // "former …") says the person holds an office now, whatever the terms on
                // record say for this date.
                let former = a.tokens.start > 0
                    && matches!(
                        doc.tokens[a.tokens.start - 1].lower.as_str(),
                        "former" | "ex" | "late" | "then"
                    );
                if let Some(t) = title.filter(|_| sector == "ELI" && !former) {
                    sector = sector_of_title(t).0.to_string();
                }
                d.country = country.or_else(|| country_hint.map(str::to_string));
                d.sectors = vec![sector];
                d.entity = Some(p.entity.clone());
                d.wikidata = p.wikidata.clone();
            } else if let Some(t) = title {
                d.sectors = vec![sector_of_title(t).0.to_string()];
                d.country = country_hint.map(str::to_string);
            }
        };
    match &a.kind {
        AtomKind::Country(ci, form) => {
            let c = &dict.countries[*ci];
            d.country = Some(c.iso.clone());
            if *form == CountryForm::Capital {
                d.sectors = vec!["GOV".into()];
            }
            d.entity = Some(c.entity.clone());
            d.wikidata = c.wikidata.clone();
            let Some(b) = next(i + 1) else { return d };
            // "the Albanians of southern Serbia", "Kurds of Iraq": a people living in another
            // state acts from that state.
            if *form == CountryForm::Adjective
                && doc.tokens[a.tokens.end - 1].lower.ends_with('s')
                && b.sentence == a.sentence
            {
                if let AtomKind::Country(bi, CountryForm::Name) = b.kind {
                    let gap = between(doc, a, b);
                    let of_place = match gap.as_slice() {
                        ["of"] => true,
                        ["of", dir] => matches!(
                            *dir,
                            "northern"
                                | "southern"
                                | "eastern"
                                | "western"
                                | "central"
                                | "north"
                                | "south"
                                | "east"
                                | "west"
                        ),
                        _ => false,
                    };
                    if of_place {
                        let place = &dict.countries[bi];
                        d.last = i + 1;
                        d.tokens.end = b.tokens.end;
                        d.country = Some(place.iso.clone());
                        d.entity = None;
                        d.wikidata = None;
                        return d;
                    }
                }
            }
            match &b.kind {
                AtomKind::Title(t) if adjacent(doc, a, b, true) => {
                    d.last = i + 1;
                    d.tokens.end = b.tokens.end;
                    if let Some(p) = next(i + 2).filter(|p| adjacent(doc, b, p, false)) {
                        if let AtomKind::Person(ids) = &p.kind {
                            d.last = i + 2;
                            d.tokens.end = p.tokens.end;
                            person_draft(&mut d, ids, Some(t), Some(&c.iso));
                            return d;
                        }
                    }
                    let (sector, title) = sector_of_title(t);
                    d.sectors = vec![sector.to_string()];
                    match dict.holder_of(&c.iso, title, date) {
                        Some(p) => {
                            d.entity = Some(p.entity.clone());
                            d.wikidata = p.wikidata.clone();
                        }
                        None => {
                            d.entity = None;
                            d.wikidata = None;
                        }
                    }
                }
                AtomKind::Agent(s)
                    if adjacent(doc, a, b, true)
                        || (*form == CountryForm::Adjective && modified_agent(dict, doc, a, b)) =>
                {
                    d.last = i + 1;
                    d.tokens.end = b.tokens.end;
                    d.sectors = vec![s.clone()];
                    d.entity = None;
                    d.wikidata = None;
                    // "Colombian government negotiators", "Libyan army spokesman": a second
                    // agent noun right after is the head and takes the country; a role that
                    // speaks or acts for the first keeps its sector.
                    if let Some(c2) = next(i + 2).filter(|c2| adjacent(doc, b, c2, false)) {
                        if let AtomKind::Agent(s2) = &c2.kind {
                            d.last = i + 2;
                            d.tokens.end = c2.tokens.end;
                            let role = doc.tokens[c2.tokens.end - 1].lower.as_str();
                            if !SPEAKS_FOR.contains(&role) {
                                d.sectors = vec![s2.clone()];
                            }
                        }
                    }
                }
                AtomKind::Person(ids)
                    if adjacent(doc, a, b, false) && *form == CountryForm::Adjective =>
                {
                    d.last = i + 1;
                    d.tokens.end = b.tokens.end;
                    person_draft(&mut d, ids, None, Some(&c.iso));
                }
                AtomKind::Org(oi)
                    if adjacent(doc, a, b, false) && *form == CountryForm::Adjective =>
                {
                    d.last = i + 1;
                    d.tokens.end = b.tokens.end;
                    org_draft(dict, &mut d, *oi);
                }
                _ => {}
            }
        }
        AtomKind::Title(t) => {
            let (sector, _) = sector_of_title(t);
            d.sectors = vec![sector.to_string()];
            if let Some(p) = next(i + 1).filter(|p| adjacent(doc, a, p, false)) {
                if let AtomKind::Person(ids) = &p.kind {
                    d.last = i + 1;
                    d.tokens.end = p.tokens.end;
                    person_draft(&mut d, ids, Some(t), None);
                    return d;
                }
            }
            of_country(dict, doc, atoms, i, &mut d, date, Some(t));
        }
        AtomKind::Agent(s) => {
            d.sectors = vec![s.clone()];
            of_country(dict, doc, atoms, i, &mut d, date, None);
        }
        AtomKind::Org(oi) => {
            org_draft(dict, &mut d, *oi);
            if let Some(b) = next(i + 1)
                .filter(|b| adjacent(doc, a, b, false) || modified_agent(dict, doc, a, b))
            {
                if matches!(b.kind, AtomKind::Agent(_)) {
                    d.last = i + 1;
                    d.tokens.end = b.tokens.end;
                }
            }
        }
        AtomKind::Person(ids) => {
            person_draft(&mut d, ids, None, None);
            // "the Bush administration", "Assad's government": the person's state, acting
            // as the agent.
            if let Some(b) = next(i + 1).filter(|b| adjacent(doc, a, b, false)) {
                if let AtomKind::Agent(s) = &b.kind {
                    if d.country.is_some() {
                        d.last = i + 1;
                        d.tokens.end = b.tokens.end;
                        d.sectors = vec![s.clone()];
                        d.entity = None;
                        d.wikidata = None;
                    }
                }
            }
        }
    }
    d
}

fn org_draft(dict: &Dictionary, d: &mut Draft, oi: usize) {
    let o = &dict.orgs[oi];
    d.country = o.country.clone();
    d.sectors = o.sectors.clone();
    d.entity = Some(o.entity.clone());
    d.wikidata = o.wikidata.clone();
    d.code = Some(o.code.clone());
}

/// "the government of Sudan", "President of Egypt": agent or title + `of` + country.
fn of_country(
    dict: &Dictionary,
    doc: &Document,
    atoms: &[Atom],
    i: usize,
    d: &mut Draft,
    date: NaiveDate,
    title: Option<&str>,
) {
    let a = &atoms[i];
    let Some(b) = atoms.get(i + 1) else { return };
    if b.sentence != a.sentence {
        return;
    }
    let gap = between(doc, a, b);
    // "leaders of the student movement", "members of Hamas": the group acts through them.
    if matches!(gap.as_slice(), ["of"] | ["of", "the"]) {
        match &b.kind {
            AtomKind::Org(oi) => {
                d.last = i + 1;
                d.tokens.end = b.tokens.end;
                org_draft(dict, d, *oi);
                return;
            }
            AtomKind::Agent(s) if title.is_none() => {
                d.last = i + 1;
                d.tokens.end = b.tokens.end;
                d.sectors = vec![s.clone()];
                return;
            }
            _ => {}
        }
    }
    if gap != ["of"] {
        return;
    }
    if let AtomKind::Country(ci, CountryForm::Name) = b.kind {
        let c = &dict.countries[ci];
        d.last = i + 1;
        d.tokens.end = b.tokens.end;
        d.country = Some(c.iso.clone());
        if let Some(t) = title {
            if let Some(p) = dict.holder_of(&c.iso, sector_of_title(t).1, date) {
                d.entity = Some(p.entity.clone());
                d.wikidata = p.wikidata.clone();
            }
        }
    }
}
