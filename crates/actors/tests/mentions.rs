//! Table-driven tests of actor mentions on sentences written for these tests.

#![allow(clippy::unwrap_used)] // Test helpers: a panic is a test failure.

use chrono::NaiveDate;
use dyad_actors::{ActorStage, Dictionary};
use dyad_core::{Article, Document, PipelineBuilder};
use dyad_ingest::NormalizeStage;
use dyad_text::TextStage;
use std::sync::{Arc, OnceLock};

fn dict() -> Arc<Dictionary> {
    static D: OnceLock<Arc<Dictionary>> = OnceLock::new();
    D.get_or_init(|| Arc::new(Dictionary::builtin().unwrap()))
        .clone()
}

fn mentions(date: &str, text: &str) -> Vec<(String, String, bool)> {
    let p = PipelineBuilder::new()
        .stage(Arc::new(NormalizeStage))
        .stage(Arc::new(TextStage))
        .stage(Arc::new(ActorStage::new(dict())))
        .build()
        .unwrap();
    let mut doc = Document::new(Article::dated(
        "t",
        NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
        text,
    ));
    p.run(&mut doc);
    doc.mentions
        .iter()
        .map(|m| (m.actor.text.clone(), m.actor.code.clone(), m.locative))
        .collect()
}

fn codes(date: &str, text: &str) -> Vec<String> {
    mentions(date, text)
        .into_iter()
        .filter(|m| !m.2)
        .map(|m| m.1)
        .collect()
}

#[test]
fn table() {
    let rows: &[(&str, &str, &str, &[&str])] = &[
        (
            "country + agent",
            "2024-01-10",
            "Israeli troops entered the camp.",
            &["ISRMIL"],
        ),
        (
            "a descriptor before a name yields to the name",
            "2024-01-10",
            "Israel said the militant group Hamas and the rebel movement M23 had met.",
            &["ISR", "PSEREB", "CODREB"],
        ),
        (
            "a stance prefix names no actor",
            "2024-01-10",
            "Pro-Moldovan militias and anti-Chile students met non-Saudi workers.",
            &["UAF", "EDU", "LAB"],
        ),
        (
            "country adjective + noun modifier + agent",
            "2024-01-10",
            "Angry Chilean copper miners blocked the road.",
            &["CHLLAB"],
        ),
        (
            "a plural between adjective and agent keeps them apart",
            "2024-01-10",
            "Chilean strikes hurt Peruvian miners.",
            &["CHL", "PERLAB"],
        ),
        (
            "a state before it existed is the one it belonged to",
            "2005-01-10",
            "Rebels shelled Juba while South Sudanese leaders met.",
            &["SDNREB", "SDN", "SDNGOV"],
        ),
        (
            "the same state after independence",
            "2015-01-10",
            "Rebels shelled Juba while South Sudanese leaders met.",
            &["SSDREB", "SSDGOV", "SSDGOV"],
        ),
        (
            "a people of another state",
            "2024-01-10",
            "The Albanians of southern Serbia demanded autonomy.",
            &["SRB"],
        ),
        (
            "-led force",
            "2024-01-10",
            "Nigerian-led troops took the town.",
            &["NGAMIL"],
        ),
        (
            "person + agent: the person's state",
            "2024-01-10",
            "The Macron government resigned.",
            &["FRAGOV"],
        ),
        (
            "a pronoun after a speech verb is the speaker",
            "2024-01-10",
            "Chilean miners said they would strike, and police in Peru said they were ready.",
            &["CHLLAB", "CHLLAB", "PERCOP", "PERCOP"],
        ),
        (
            "possessive agent",
            "2024-01-10",
            "Israel's army said it had withdrawn.",
            &["ISRMIL", "ISRMIL"],
        ),
        (
            "person in office",
            "2024-01-10",
            "Biden spoke on Monday.",
            &["USAGOV"],
        ),
        (
            "person out of office",
            "2018-06-01",
            "Joe Biden spoke on Monday.",
            &["USAELI"],
        ),
        (
            "title + person",
            "2024-01-10",
            "President Joe Biden spoke.",
            &["USAGOV"],
        ),
        (
            "country title",
            "2024-01-10",
            "The Israeli Prime Minister spoke.",
            &["ISRGOV"],
        ),
        (
            "agent of country",
            "2019-06-01",
            "The government of Sudan refused.",
            &["SDNGOV"],
        ),
        (
            "org + agent",
            "2024-01-10",
            "Hamas fighters fired rockets.",
            &["PSEREB"],
        ),
        (
            "igo",
            "2024-01-10",
            "The United Nations condemned the raid.",
            &["IGOUNO"],
        ),
        (
            "capital metonym",
            "2022-03-01",
            "Moscow rejected the demand.",
            &["RUSGOV"],
        ),
        (
            "compound",
            "2024-03-19",
            "U.S.-Israel relations soured.",
            &["USA", "ISR"],
        ),
        (
            "lowercase",
            "2024-03-19",
            "israeli troops fired on protesters in the west bank.",
            &["ISRMIL", "PSECVL"],
        ),
        (
            "context country: attached",
            "2024-03-19",
            "Police in Kenya arrested dozens of opposition supporters.",
            &["KENCOP", "KENOPP"],
        ),
        (
            "context country: several countries give none",
            "2024-03-19",
            "Russian officials met Chinese diplomats as reporters waited.",
            &["RUSGOV", "CHNGOV", "MED"],
        ),
        (
            "context country: the article's dominant country",
            "2024-03-19",
            "Kenyan police fired tear gas. Kenya's opposition called it a crime. Students marched \
             on Monday.",
            &["KENCOP", "KENOPP", "KENEDU"],
        ),
        (
            "title with a name the dictionary does not know",
            "2000-01-01",
            "British Defence Secretary Tom King promised aid to Mozambique.",
            &["GBRGOV", "MOZ"],
        ),
        (
            "a month is no person",
            "2018-05-01",
            "Kenyan troops seized the town in May and held it until June 3.",
            &["KENMIL"],
        ),
        ("us pronoun", "2024-03-19", "They told us nothing.", &[]),
        ("US acronym", "2024-03-19", "The US sent aid.", &["USA"]),
        (
            "who pronoun",
            "2024-03-19",
            "Officials who fled said so.",
            &["GOV"],
        ),
    ];
    let mut bad = Vec::new();
    for (name, date, text, want) in rows {
        if codes(date, text) != *want {
            bad.push(format!(
                "{name}: want {want:?}, got {:?}",
                mentions(date, text)
            ));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn coreference_resolves_pronouns_and_definite_descriptions() {
    let text = "Hamas fighters attacked a post. The group said they would go on. \
                Netanyahu spoke later. He said the army was ready.";
    let m = mentions("2024-03-19", text);
    let find = |t: &str| m.iter().find(|x| x.0 == t).map(|x| x.1.clone());
    assert_eq!(find("The group").as_deref(), Some("PSEREB"), "{m:?}");
    assert_eq!(find("they").as_deref(), Some("PSEREB"), "{m:?}");
    assert_eq!(find("He").as_deref(), Some("ISRGOV"), "{m:?}");
    assert_eq!(find("army").as_deref(), Some("ISRMIL"), "{m:?}");
    // No antecedent, no mention.
    assert!(mentions("2024-03-19", "He left. They stayed.").is_empty());
}

#[test]
fn places_after_locative_prepositions_are_marked() {
    let m = mentions("2024-03-19", "Troops fought in Gaza while Egypt watched.");
    assert!(m.iter().any(|x| x.0 == "Gaza" && x.2), "{m:?}");
    assert!(m.iter().any(|x| x.0 == "Egypt" && !x.2), "{m:?}");
}

#[test]
fn bad_dictionary_lines_name_file_and_line() {
    use dyad_actors::{DictSource, SourceKind};
    let bad = [
        (
            SourceKind::Countries,
            "XX\tX\t\tX\t\t\n",
            "c.tsv:1: country code",
        ),
        (
            SourceKind::Sectors,
            "troops\tMILITARY\tagent\n",
            "c.tsv:1: unknown sector code",
        ),
        (
            SourceKind::People,
            "# c\nA B\t\tA B\tUSA\tGOV\t2020-13-01\t\tPresident\n",
            "c.tsv:2: bad start date",
        ),
        (
            SourceKind::Organizations,
            "IGOX\t\tIGO\tX\n",
            "c.tsv:1: expected 6 tab-separated columns",
        ),
    ];
    for (kind, text, want) in bad {
        let e = Dictionary::from_sources(&[DictSource {
            name: "c.tsv".into(),
            kind,
            text: text.into(),
        }])
        .unwrap_err();
        assert!(e.to_string().starts_with(want), "{e}");
    }
}
