//! The first coder's constructions, on sentences written for these tests. Each row gives the
//! expected main (rank-0) event: CAMEO root, source code, target code, modality.

#![allow(clippy::unwrap_used)] // Test helpers: a panic is a test failure.

use chrono::NaiveDate;
use dyad_core::{Article, Document};
use dyad_engine::Engine;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::builtin_with_syntax(None).unwrap())
}

/// The engine without the syntax stage (`--no-syntax`): roles from positions only.
fn positional() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::builtin().unwrap())
}

fn code(date: &str, text: &str) -> Document {
    code_with(engine(), date, text)
}

fn code_with(engine: &Engine, date: &str, text: &str) -> Document {
    engine.process(Article::dated(
        "t",
        NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
        text,
    ))
}

/// The sources and targets of a document's events.
fn actors(doc: &Document) -> impl Iterator<Item = &dyad_core::Actor> {
    doc.events
        .iter()
        .flat_map(|e| [&e.source, &e.target])
        .flatten()
}

fn describe(doc: &Document) -> String {
    doc.events
        .iter()
        .map(|e| {
            format!(
                "[{} {} {}→{} {} `{}` {}]",
                e.rank,
                e.cameo,
                e.source.as_ref().map_or("-", |a| a.code.as_str()),
                e.target.as_ref().map_or("-", |a| a.code.as_str()),
                e.modality.as_str(),
                e.trigger,
                e.rule
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn main_event_per_construction() {
    main_events(engine());
}

/// The same constructions with `--no-syntax`: the positional roles code them alike.
#[test]
fn main_event_per_construction_without_the_parse() {
    main_events(positional());
}

fn main_events(engine: &Engine) {
    // (name, date, sentence, root, source, target, modality)
    let rows: &[(&str, &str, &str, &str, &str, &str, &str)] = &[
        (
            "active verb",
            "2024-01-10",
            "Israeli troops attacked Hamas fighters near the camp.",
            "19",
            "ISRMIL",
            "PSEREB",
            "asserted",
        ),
        (
            "passive",
            "2024-01-10",
            "Hamas fighters were attacked by Israeli troops overnight.",
            "19",
            "ISRMIL",
            "PSEREB",
            "asserted",
        ),
        (
            "the clause's own act outranks a rejection read from despite",
            "2024-01-10",
            "Despite warnings from aid agencies, the Kenyan government refused to lift the curfew on Somali refugees.",
            "12",
            "KENGOV",
            "SOMREF",
            "asserted",
        ),
        (
            "negation",
            "2022-01-10",
            "Russia did not attack Ukraine that week.",
            "19",
            "RUS",
            "UKR",
            "negated",
        ),
        (
            "threat",
            "2024-04-02",
            "Iran vowed to attack Israel after the strike.",
            "13",
            "IRN",
            "ISR",
            "threatened",
        ),
        (
            "request",
            "2024-01-10",
            "The United Nations urged Israel to withdraw its troops.",
            "02",
            "IGOUNO",
            "ISR",
            "asserted",
        ),
        (
            "nominal possessive",
            "2015-06-01",
            "Obama's criticism of Netanyahu angered many.",
            "11",
            "USAGOV",
            "ISRGOV",
            "asserted",
        ),
        (
            "nominal by",
            "1990-08-03",
            "The invasion of Kuwait by Iraq shocked diplomats.",
            "19",
            "IRQ",
            "KWT",
            "asserted",
        ),
        (
            "concession",
            "2024-03-19",
            "Netanyahu pressed ahead with the plan despite Biden's objections.",
            "12",
            "ISRGOV",
            "USAGOV",
            "asserted",
        ),
        (
            "lowercase",
            "2011-02-01",
            "egyptian police arrested dozens of protesters in cairo on tuesday.",
            "17",
            "EGYCOP",
            "EGYCVL",
            "asserted",
        ),
        (
            "meeting",
            "2013-06-17",
            "Obama met Putin in Northern Ireland on Monday.",
            "04",
            "USAGOV",
            "RUSGOV",
            "asserted",
        ),
        (
            "compound",
            "2024-03-19",
            "Washington criticized Tel Aviv over the raid.",
            "11",
            "USAGOV",
            "ISRGOV",
            "asserted",
        ),
        (
            "obligation",
            "2010-05-04",
            "Germany said on Friday that Greece must cut its spending.",
            "10",
            "DEU",
            "GRC",
            "asserted",
        ),
        (
            "obligation specific",
            "2008-08-20",
            "France said Russia must release the detained soldiers.",
            "10",
            "FRA",
            "RUS",
            "asserted",
        ),
        (
            "future cooperation",
            "2016-02-02",
            "Japan will send aid to Nepal next month.",
            "03",
            "JPN",
            "NPL",
            "intended",
        ),
        (
            "refusal",
            "2016-02-02",
            "Hungary will not accept refugees from Greece.",
            "12",
            "HUN",
            "GRCREF",
            "asserted",
        ),
        (
            "coordination",
            "2019-10-01",
            "Ethiopia and Eritrea signed a peace agreement on Sunday.",
            "05",
            "ETH",
            "ERI",
            "asserted",
        ),
        (
            "hyphen modifier",
            "2015-03-26",
            "Saudi-led jets bombed Houthi positions.",
            "19",
            "SAUMIL",
            "YEMREB",
            "asserted",
        ),
        (
            "labour strike",
            "2019-12-05",
            "French workers went on a long strike on Monday.",
            "14",
            "FRALAB",
            "-",
            "asserted",
        ),
        (
            "pronoun subject",
            "2024-03-19",
            "Netanyahu met the cabinet. He then threatened to attack Hezbollah.",
            "13",
            "ISRGOV",
            "LBNREB",
            "asserted",
        ),
        (
            "addressed warning",
            "2013-09-22",
            "Al-Shabaab warned Kenya to withdraw its soldiers from Somalia.",
            "13",
            "SOMREB",
            "KEN",
            "asserted",
        ),
        (
            "participial adjunct",
            "2011-03-01",
            "Syrian protesters demonstrated in Daraa, calling for the release of prisoners.",
            "14",
            "SYRCVL",
            "SYR",
            "asserted",
        ),
        (
            "participial adjunct without a comma",
            "2019-05-06",
            "Kenyan students protested in Nairobi on Monday demanding lower fees.",
            "14",
            "KENEDU",
            "KEN",
            "asserted",
        ),
        (
            "reported speech",
            "2019-05-06",
            "Sudanese officials said rebels ambushed an army convoy.",
            "19",
            "SDNREB",
            "SDNMIL",
            "reported",
        ),
        (
            "reportedly",
            "2019-05-06",
            "Rebels reportedly ambushed a Sudanese army convoy.",
            "19",
            "SDNREB",
            "SDNMIL",
            "reported",
        ),
        (
            "place as target",
            "2019-05-06",
            "Israeli troops demolished homes in the West Bank on Monday.",
            "17",
            "ISRMIL",
            "PSE",
            "asserted",
        ),
        (
            "countryless object gives way to a country",
            "2019-05-06",
            "Nigeria deployed troops to Mali.",
            "15",
            "NGA",
            "MLI",
            "asserted",
        ),
        (
            "agent word modifying the event noun is no role",
            "2019-05-06",
            "Iran launched a military offensive against Kurdish rebels.",
            "19",
            "IRN",
            "IRNREB",
            "asserted",
        ),
        (
            "trailing attribution is no role",
            "2019-05-06",
            "Militants ambushed the patrol near the border, Nigerien defence officials said.",
            "19",
            "NERREB",
            "-",
            "reported",
        ),
        (
            "according to X is no role",
            "2019-05-06",
            "Turkish troops shelled the village, according to Syrian state media.",
            "19",
            "TURMIL",
            "-",
            "reported",
        ),
        (
            "bare agent attached to a country through a direction",
            "2019-05-06",
            "Turkish warplanes bombed Kurdish militants in northern Iraq.",
            "19",
            "TURMIL",
            "IRQREB",
            "asserted",
        ),
        (
            "bare agent attached to a country",
            "2019-05-06",
            "Police in Chile detained dozens of students.",
            "17",
            "CHLCOP",
            "CHLEDU",
            "asserted",
        ),
    ];
    let mut bad = Vec::new();
    for (name, date, text, root, src, tgt, modality) in rows {
        let doc = code_with(engine, date, text);
        // The main event of the last sentence.
        let last = doc.sentences.len().saturating_sub(1);
        let top = doc
            .events
            .iter()
            .find(|e| e.rank == 0 && e.sentence == last);
        let ok = top.is_some_and(|e| {
            e.root == *root
                && e.source.as_ref().map_or("-", |a| a.code.as_str()) == *src
                && e.target.as_ref().map_or("-", |a| a.code.as_str()) == *tgt
                && e.modality.as_str() == *modality
        });
        if !ok {
            bad.push(format!(
                "{name}: want {root} {src}→{tgt} {modality}; got {}",
                describe(&doc)
            ));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Secondary events: (sentence, CAMEO code prefix, source, target, modality) of some event.
#[test]
fn secondary_events_per_construction() {
    let rows: &[(&str, &str, &str, &str, &str)] = &[
        // A purpose clause after an act with its object is done, not intended.
        (
            "Thousands of French farmers blocked highways to protest fuel prices.",
            "14",
            "FRAAGR",
            "-",
            "asserted",
        ),
        // A verb's own complement is intended; a date between is no addressee.
        (
            "Saudi Arabia and Iran agreed on Friday to restore diplomatic relations.",
            "03",
            "SAU",
            "IRN",
            "intended",
        ),
        // An event noun in a phrase after the clause takes the clause's source.
        (
            "Israeli police arrested dozens of Palestinians during a raid in Jenin.",
            "17",
            "ISRCOP",
            "PSE",
            "asserted",
        ),
        // A claim a denial answers is reported (and ranks below the denial).
        (
            "Rwanda denied that its troops had attacked Congolese soldiers.",
            "19",
            "RWA",
            "CODMIL",
            "reported",
        ),
        // "We" in a quotation is its speaker, who asserts its own act.
        (
            "\"We will never negotiate with the rebels,\" the Kenyan president said.",
            "12",
            "KENGOV",
            "KENREB",
            "asserted",
        ),
        (
            "The Kenyan president said: \"We will never negotiate with the rebels.\"",
            "12",
            "KENGOV",
            "KENREB",
            "asserted",
        ),
        // The condition of a conditional is hypothetical, not a threat.
        (
            "If the rebels attack the capital, Kenya would send troops.",
            "19",
            "KENREB",
            "KEN",
            "hypothetical",
        ),
        // "It" opening a sentence continues the previous sentence's organization or state;
        // the chain is recorded on the actor (antecedent span).
        (
            "Hamas said the group would release hostages. It later attacked an Israeli patrol.",
            "19",
            "PSEREB",
            "ISR",
            "asserted",
        ),
        // "X said he would …": the speaker's own announced act, intended (not reported, not
        // hypothetical).
        (
            "Kenya's president said he would send troops to Haiti.",
            "15",
            "KENGOV",
            "HTI",
            "intended",
        ),
        // A relative clause is background: the main clause's event ranks first.
        (
            "Kenyan troops recaptured a border town from militants who had seized it in May.",
            "19",
            "KENMIL",
            "KENREB",
            "asserted",
        ),
        // The relative clause's subject is the noun its pronoun stands for.
        (
            "Kenyan troops recaptured a border town from militants who had seized it in May.",
            "17",
            "KENREB",
            "-",
            "asserted",
        ),
        // A name is no modal verb. (In 2024 Theresa May is out of office, but a title the
        // text gives in its own voice says she holds it: government, not elite.)
        (
            "British Prime Minister Theresa May met French President Emmanuel Macron.",
            "04",
            "GBRGOV",
            "FRAGOV",
            "asserted",
        ),
        // "Former" keeps her an elite.
        (
            "Former British Prime Minister Theresa May met French President Emmanuel Macron.",
            "04",
            "GBRELI",
            "FRAGOV",
            "asserted",
        ),
        // A participle after a comma takes the main clause's subject; the object acted on
        // stays the object.
        (
            "Indonesian troops opened fire on demonstrators in Dili, killing at least 50.",
            "18",
            "IDNMIL",
            "TLSCVL",
            "asserted",
        ),
        // A denial is a specific statement and stays.
        (
            "Iran denied accusations that it was developing nuclear weapons.",
            "01",
            "IRN",
            "-",
            "asserted",
        ),
        // Meetings are held in a place, not with it.
        // A complaint made to someone is against what it is about.
        (
            "Kenya complained to the African Union on Monday over Somali border raids.",
            "11",
            "KEN",
            "SOM",
            "asserted",
        ),
        (
            "The European Union criticized China over its crackdown in Tibet.",
            "11",
            "IGOEUREEC",
            "CHN",
            "asserted",
        ),
        // A day between a pattern's words does not break it.
        (
            "Kenya's supreme court opened a hearing on Monday into the deaths of protesters.",
            "09",
            "KENJUD",
            "KENCVL",
            "asserted",
        ),
        // A rejected demand or appeal was addressed to the rejecting party.
        (
            "Kenya rejected Somalia's demand to cut ties with Ethiopia.",
            "10",
            "SOM",
            "KEN",
            "asserted",
        ),
        (
            "Uganda rejected on Monday a United Nations appeal to deploy troops on its border with Rwanda.",
            "02",
            "IGOUNO",
            "UGA",
            "asserted",
        ),
        (
            "Sudanese and Chadian officials held talks in Cairo on Monday.",
            "04",
            "SDNGOV",
            "TCDGOV",
            "asserted",
        ),
    ];
    let mut bad = Vec::new();
    for (text, code, src, tgt, modality) in rows {
        let doc = code_of(text);
        let hit = doc.events.iter().any(|e| {
            e.cameo.starts_with(code)
                && e.source.as_ref().map_or("-", |a| a.code.as_str()) == *src
                && e.target.as_ref().map_or("-", |a| a.code.as_str()) == *tgt
                && e.modality.as_str() == *modality
        });
        if !hit {
            bad.push(format!(
                "{text}: want {code} {src}→{tgt} {modality}; got {}",
                describe(&doc)
            ));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

fn code_of(text: &str) -> Document {
    code("2024-05-01", text)
}

#[test]
fn a_purpose_is_the_subjects() {
    // The purpose is the visitor's.
    let doc =
        code_of("French President Emmanuel Macron will visit Algeria next week to repair ties.");
    assert!(
        doc.events.iter().any(|e| e.root == "05"
            && e.source
                .as_ref()
                .is_some_and(|a| a.country.as_deref() == Some("FRA"))),
        "{}",
        describe(&doc)
    );
}

#[test]
fn a_statement_is_coded_only_when_nothing_more_specific_follows() {
    let doc = code_of("Kenyan officials announced that police had arrested 20 protesters.");
    assert!(
        doc.events.iter().any(|e| e.root == "17"),
        "{}",
        describe(&doc)
    );
    assert!(
        !doc.events.iter().any(|e| e.root == "01"),
        "{}",
        describe(&doc)
    );
    let doc = code_of("Kenyan officials announced new measures on Monday.");
    assert!(
        doc.events.iter().any(|e| e.root == "01"),
        "{}",
        describe(&doc)
    );
}

#[test]
fn what_a_reaction_is_about_is_not_the_reacting_subjects_act() {
    let doc = code_of("Hamas condemned the raid and vowed to retaliate.");
    assert!(
        !doc.events
            .iter()
            .any(|e| e.root == "17" && e.source.as_ref().is_some_and(|a| a.code == "PSEREB")),
        "{}",
        describe(&doc)
    );
    let doc = code_of("Hamas condemned the Israeli raid.");
    assert!(
        doc.events
            .iter()
            .any(|e| e.root == "17" && e.source.as_ref().is_some_and(|a| a.code == "ISR")),
        "{}",
        describe(&doc)
    );
}

#[test]
fn a_crime_named_in_a_charge_is_not_the_charging_partys_act() {
    let doc = code_of(
        "The International Criminal Court issued a warrant for the Sudanese president on charges of war crimes and genocide.",
    );
    assert!(
        !doc.events
            .iter()
            .any(|e| matches!(e.root.as_str(), "18" | "20")
                && e.source.as_ref().is_some_and(|a| a.code.starts_with("IGO"))),
        "{}",
        describe(&doc)
    );
}

#[test]
fn null_patterns_block_misleading_readings() {
    for text in [
        "The Kenyan minister was admitted to hospital on Friday.",
        "Kenya's government vowed to fight corruption.",
        "The Iraqi army executed the plan on schedule.",
    ] {
        let doc = code("2019-05-06", text);
        assert!(doc.events.is_empty(), "{text}: {}", describe(&doc));
    }
    // The event readings stay.
    let doc = code("2019-05-06", "Iran executed three prisoners on Monday.");
    assert!(
        doc.events.iter().any(|e| e.root == "18"),
        "{}",
        describe(&doc)
    );
}

#[test]
fn dateline_names_are_not_actors() {
    let doc = code("2006-07-13", "BEIRUT, Lebanon (AP) - Israeli warplanes bombed the airport and the navy imposed a blockade.");
    assert!(doc.dateline.is_some());
    for e in &doc.events {
        for a in [&e.source, &e.target].into_iter().flatten() {
            assert!(
                a.span.start > 20,
                "dateline name used as a role: {}",
                describe(&doc)
            );
        }
    }
    // "the navy" takes the country of the sentence's first named actor, not the dateline's.
    assert!(
        doc.events.iter().any(|e| e
            .source
            .as_ref()
            .is_some_and(|a| a.code == "ISRMIL" && a.text == "navy")),
        "{}",
        describe(&doc)
    );
    let plain = code(
        "2006-07-13",
        "Israeli warplanes bombed the airport - officials said.",
    );
    assert!(plain.dateline.is_none());
    // After a headline, the dateline opens the body; its country is the last resort for a
    // bare domestic agent.
    let doc = code(
        "2023-10-20",
        "Summit called off\n\nAMMAN, Oct 18 (Reuters) - The summit was called off.\n\nPolice used tear gas on Wednesday.",
    );
    assert!(doc.dateline.is_some(), "{}", describe(&doc));
    assert!(
        doc.events
            .iter()
            .any(|e| e.source.as_ref().is_some_and(|a| a.code == "JORCOP")),
        "{}",
        describe(&doc)
    );
}

#[test]
fn a_pronoun_opening_a_sentence_continues_the_subject() {
    let doc = code(
        "2023-10-20",
        "U.S. President Joe Biden met Israeli Prime Minister Benjamin Netanyahu in Tel Aviv. He urged Israel to protect civilians.",
    );
    assert!(
        doc.events.iter().any(|e| e.sentence == 1
            && e.root == "02"
            && e.source.as_ref().is_some_and(|a| a.code == "USAGOV")),
        "{}",
        describe(&doc)
    );
}

#[test]
fn a_civilian_place_before_a_violent_noun_is_the_target() {
    let doc = code("2023-10-20", "Hundreds died in the Gaza hospital blast.");
    assert!(
        doc.events.iter().any(|e| e.root == "18"
            && e.source.is_none()
            && e.target.as_ref().is_some_and(|a| a.code == "PSEHLH")),
        "{}",
        describe(&doc)
    );
}

#[test]
fn an_event_noun_classifying_the_next_noun_is_no_event() {
    for (text, root) in [
        (
            "A Somali jet shot down a helicopter carrying truce monitors.",
            "08",
        ),
        ("The protest leaders met Kenyan officials on Monday.", "14"),
        ("Refugees fled the battle zones near the border.", "19"),
    ] {
        let doc = code("2024-01-01", text);
        assert!(
            !doc.events.iter().any(|e| e.root == root),
            "{text}: {}",
            describe(&doc)
        );
    }
}

#[test]
fn no_trigger_no_event() {
    for text in [
        "The weather in Cairo was mild on Sunday.",
        "Israel and Egypt share a long border.",
        "",
        "...",
    ] {
        let doc = code("2024-01-01", text);
        assert!(doc.events.is_empty(), "{text}: {}", describe(&doc));
    }
}

#[test]
fn every_event_is_fully_coded_and_has_an_actor() {
    let doc = code(
        "2024-03-19",
        "Israeli jets bombed Gaza. Hamas fired rockets at Israel. Egypt urged both sides to stop.",
    );
    assert!(!doc.events.is_empty());
    for e in &doc.events {
        assert!(e.source.is_some() || e.target.is_some());
        assert_eq!(e.root, e.cameo[..2]);
        assert!((1..=4).contains(&e.quad_class));
        assert!(e.rule.contains("events.tsv") || e.rule.contains("concessive"));
        assert!(doc
            .text
            .get(e.trigger_span.start..e.trigger_span.end)
            .is_some());
    }
}

#[test]
fn long_and_odd_text_does_not_panic() {
    let long = "Israeli troops attacked Hamas fighters and ".repeat(2000) + "left.";
    let doc = code("2024-01-01", &long);
    assert!(doc
        .sentences
        .iter()
        .all(|s| s.tokens.len() <= dyad_text::MAX_SENTENCE_TOKENS));
    for odd in [
        "\u{0}\u{1}",
        "'''''",
        "\"\"\"",
        "U.S.-.-.-",
        "-- -- --",
        "\u{301}abc",
        "1,2,3,4.5.6",
        "a\n\n\n\nb",
    ] {
        let _ = code("2024-01-01", odd);
    }
}

#[test]
fn roles_from_the_parse_when_the_syntax_stage_runs() {
    static E: OnceLock<Engine> = OnceLock::new();
    let engine = E.get_or_init(|| Engine::builtin_with_syntax(None).unwrap());
    // (sentence, CAMEO root, source, target): some event of that root has those roles.
    let rows: &[(&str, &str, &str, &str)] = &[
        // nsubj:pass + obl:agent
        (
            "Hamas fighters were attacked by Israeli troops on Monday.",
            "19",
            "ISRMIL",
            "PSEREB",
        ),
        // nmod:poss inside the subject, obj, "of" complement
        (
            "Iran's foreign minister accused Israel of war crimes.",
            "11",
            "IRNGOV",
            "ISR",
        ),
        // control: the governor's subject
        (
            "Russia vowed to retaliate against Ukraine.",
            "13",
            "RUS",
            "UKR",
        ),
        // raising through a passive governor, obl with "from"
        (
            "Ethiopian troops were forced to withdraw from Somalia.",
            "08",
            "ETHMIL",
            "SOM",
        ),
        // coordinated subjects act on each other
        (
            "Israel and Egypt signed a border agreement.",
            "05",
            "ISR",
            "EGY",
        ),
        // apposition
        (
            "Hezbollah, the Lebanese militant group, fired rockets at Israel.",
            "19",
            "LBNREB",
            "ISR",
        ),
        // relative clause inside the subject
        (
            "The rebels, who seized the town last week, ambushed a Malian army convoy.",
            "19",
            "MLIREB",
            "MLIMIL",
        ),
        // nominal event with "of" and "by"
        (
            "The invasion of Kuwait by Iraq was condemned by the United Nations.",
            "19",
            "IRQ",
            "KWT",
        ),
        // reported speech codes the reported act
        (
            "Officials said Syrian troops shelled the town of Idlib.",
            "19",
            "SYRMIL",
            "SYR",
        ),
        // an event noun as a light verb's object
        ("Qatar gave Hamas military aid.", "07", "QAT", "PSEREB"),
        // object control: the governor's object acts
        (
            "Ecuador's president ordered the army to take control of the prisons.",
            "19",
            "ECUMIL",
            "-",
        ),
    ];
    for (text, root, src, tgt) in rows {
        let doc = engine.process(Article::dated(
            "t",
            NaiveDate::from_ymd_opt(2024, 1, 10).unwrap(),
            text,
        ));
        assert_eq!(doc.syntax.len(), doc.tokens.len());
        let hit = doc.events.iter().any(|e| {
            e.root == *root
                && e.source.as_ref().map_or("-", |a| a.code.as_str()) == *src
                && e.target.as_ref().map_or("-", |a| a.code.as_str()) == *tgt
        });
        assert!(
            hit,
            "{text}: want {root} {src}→{tgt}; got {}",
            describe(&doc)
        );
    }
}

#[test]
fn an_event_noun_that_is_the_content_of_a_verb_is_no_event() {
    // What is rejected, offered or prohibited has not happened.
    for (text, root) in [
        (
            "Kenya rejected an offer of direct talks with the rebels.",
            "04",
        ),
        (
            "The United States will prohibit all aid to the Somali rebels.",
            "07",
        ),
        (
            "Egypt refused to commit to any military assistance to Libya.",
            "07",
        ),
    ] {
        let doc = code_of(text);
        assert!(
            !doc.events.iter().any(|e| e.root == root),
            "{text}: {}",
            describe(&doc)
        );
        assert!(!doc.events.is_empty(), "{text}: the verb's event stays");
    }
    // An act with its own actor, one named after a phrase of time, one that is the clause's
    // own act and one that is intended stay.
    for (text, root) in [
        (
            "Kenya condemned the Somali attack on the border post.",
            "19",
        ),
        (
            "Kenya and Somalia agreed to a truce after two weeks of fighting.",
            "19",
        ),
        (
            "Kenyan police arrested 12 men during a raid in Mombasa.",
            "17",
        ),
        (
            "Kenya has committed to a ground offensive against the militants.",
            "19",
        ),
        (
            "The Somali army announced a state of emergency in Mogadishu.",
            "17",
        ),
    ] {
        let doc = code_of(text);
        assert!(
            doc.events.iter().any(|e| e.root == root),
            "{text}: {}",
            describe(&doc)
        );
    }
}

#[test]
fn a_participle_between_determiner_and_noun_is_an_adjective() {
    let doc = code_of("Kenyan police freed the detained journalists on Monday.");
    assert!(
        !doc.events.iter().any(|e| e.root == "17"),
        "{}",
        describe(&doc)
    );
    // The act a planning word names has not happened: a planned offensive is a threat.
    let doc = code_of("The planned Kenyan offensive against the militants was delayed.");
    assert!(
        doc.events
            .iter()
            .any(|e| e.root == "13" || (e.root == "19" && e.modality.as_str() != "asserted")),
        "{}",
        describe(&doc)
    );
    assert!(
        !doc.events
            .iter()
            .any(|e| e.root == "19" && e.modality.as_str() == "asserted"),
        "{}",
        describe(&doc)
    );
}

#[test]
fn events_take_the_date_their_sentence_gives() {
    // 2024-03-19 is a Tuesday.
    let doc = code(
        "2024-03-19",
        "Kenyan troops attacked the militants on Sunday. Kenya announced the offensive a day \
         after agreeing to a truce with Somalia. Somali militants attacked a Kenyan base.",
    );
    let date_of = |root: &str| {
        doc.events
            .iter()
            .find(|e| e.root == root)
            .and_then(|e| e.date.as_ref())
            .map(|d| d.date.to_string())
    };
    let first = doc.events.iter().find(|e| e.sentence == 0);
    assert_eq!(
        first
            .and_then(|e| e.date.as_ref())
            .map(|d| d.date.to_string()),
        Some("2024-03-17".to_string()),
        "{}",
        describe(&doc)
    );
    // The truce agreed "a day after" is dated the day before the announcement.
    assert_eq!(
        date_of("08").or(date_of("03")),
        Some("2024-03-18".to_string()),
        "{}",
        describe(&doc)
    );
    // A fronted phrase dates the clause after it against its complement.
    let fronted = code(
        "2024-03-19",
        "A day before the truce, Kenyan troops shelled Somali militants near the border.",
    );
    assert!(
        fronted.events.iter().any(|e| e.root == "19"
            && e.date
                .as_ref()
                .is_some_and(|d| d.date.to_string() == "2024-03-18")),
        "{}",
        describe(&fronted)
    );
    // No expression: the article date, with no expression recorded.
    let last = doc.events.iter().find(|e| e.sentence == 2);
    assert!(
        last.and_then(|e| e.date.as_ref())
            .is_some_and(|d| d.date.to_string() == "2024-03-19" && d.time.is_none()),
        "{}",
        describe(&doc)
    );
}

#[test]
fn a_resignation_is_a_plover_retreat() {
    // CAMEO codes it 0831; PLOVER's own definitions put resignations under RETREAT/resign.
    let doc = code_of("Kenya's defence minister resigned on Monday.");
    let e = doc.events.iter().find(|e| e.cameo == "0831").unwrap();
    assert_eq!(
        (e.plover.as_deref(), e.plover_mode.as_deref()),
        (Some("RETREAT"), Some("resign")),
        "{}",
        describe(&doc)
    );
    // Acceding to a demand for a leadership change that is not a resignation stays CONCEDE.
    let doc = code_of("Kenya agreed to demands for a change in the leadership of the police.");
    assert!(
        !doc.events
            .iter()
            .any(|e| e.plover_mode.as_deref() == Some("resign")),
        "{}",
        describe(&doc)
    );
}

#[test]
fn an_event_noun_owning_a_person_is_no_event() {
    let doc = code_of("Kenya and Somalia agreed to share intelligence, the summit's host said.");
    assert!(
        !doc.events.iter().any(|e| e.root == "04"),
        "{}",
        describe(&doc)
    );
    // A press release is a document, not a release of captives.
    let doc = code_of("Kenyan police issued a press release on the raid.");
    assert!(
        !doc.events.iter().any(|e| e.cameo.starts_with("084")),
        "{}",
        describe(&doc)
    );
}

#[test]
fn attacks_on_web_sites_are_plover_cyber_coercion() {
    let doc = code_of("Kenyan hackers defaced hundreds of Somali government web sites.");
    assert!(
        doc.events
            .iter()
            .any(|e| e.plover.as_deref() == Some("COERCE")
                && e.plover_mode.as_deref() == Some("cyber")),
        "{}",
        describe(&doc)
    );
}

#[test]
fn places_of_the_gazetteer_give_context_and_targets() {
    // A city gives a bare agent its state.
    let doc = code_of("Police in Mombasa arrested 20 protesters.");
    assert!(
        doc.events
            .iter()
            .any(|e| e.source.as_ref().is_some_and(|a| a.code == "KENCOP")),
        "{}",
        describe(&doc)
    );
    // A town acted on is the target's place when no actor is.
    let doc = code_of("Somali militants shelled the town of Garissa.");
    assert!(
        doc.events.iter().any(|e| e
            .target
            .as_ref()
            .is_some_and(|a| a.country.as_deref() == Some("KEN"))),
        "{}",
        describe(&doc)
    );
}

#[test]
fn coordinated_verbs_share_the_right_roles_after_a_passive() {
    static E: OnceLock<Engine> = OnceLock::new();
    let with_syntax = E.get_or_init(|| Engine::builtin_with_syntax(None).unwrap());
    // (sentence, trigger, source, target)
    let rows: &[(&str, &str, &str, &str)] = &[
        // An active verb after a passive one: the passive subject acts, not the agent.
        (
            "The Kenyan minister was arrested by police in Nairobi and will resign.",
            "resign",
            "KENGOV",
            "-",
        ),
        // Coordinated participles share the auxiliary, the patient and the agent.
        (
            "Five Kenyan soldiers were killed or wounded by Somali gunmen.",
            "wounded",
            "SOMREB",
            "KENMIL",
        ),
        (
            "Officials said 20 Kenyan civilians were killed or wounded.",
            "wounded",
            "-",
            "KENCVL",
        ),
        // Two active verbs share the subject and the object.
        (
            "Hamas fighters attacked and killed Israeli soldiers.",
            "attacked",
            "PSEREB",
            "ISRMIL",
        ),
    ];
    let mut bad = Vec::new();
    for engine in [engine(), with_syntax] {
        for (text, trigger, src, tgt) in rows {
            let doc = engine.process(Article::dated(
                "t",
                NaiveDate::from_ymd_opt(2024, 1, 10).unwrap(),
                text,
            ));
            let hit = doc.events.iter().any(|e| {
                e.trigger == *trigger
                    && e.source.as_ref().map_or("-", |a| a.code.as_str()) == *src
                    && e.target.as_ref().map_or("-", |a| a.code.as_str()) == *tgt
            });
            if !hit {
                bad.push(format!(
                    "{text} (syntax: {}): want `{trigger}` {src}→{tgt}; got {}",
                    !doc.syntax.is_empty(),
                    describe(&doc)
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn a_time_clause_or_a_pronoun_object_ends_the_search_for_a_target() {
    // (sentence, trigger, target)
    assert_targets(&[
        (
            "Kenyan troops shelled villages following the deaths of two Ethiopian soldiers.",
            "shelled",
            "-",
        ),
        (
            "Kenyan troops shelled villages after Ethiopian soldiers crossed the border.",
            "shelled",
            "-",
        ),
        (
            "Rebels who overran it last week were attacked by Malian troops.",
            "overran",
            "-",
        ),
    ]);
}

#[test]
fn targets_inside_a_pattern_and_past_the_source_again() {
    // (sentence, trigger, target)
    assert_targets(&[
        // A preposition inside the pattern: its phrase's actor is the target.
        (
            "Kurdish riots against Turkish security policies went on for a week.",
            "riots against policies",
            "TUR",
        ),
        // The source's own agents ("terrorist" of the same group) are no target; the place
        // after them is.
        (
            "Hamas threatened to resume terrorist activities in Israel.",
            "threatened",
            "ISR",
        ),
    ]);
}

/// Each sentence has an event with that trigger and that target (`-`: none).
fn assert_targets(rows: &[(&str, &str, &str)]) {
    let mut bad = Vec::new();
    for (text, trigger, tgt) in rows {
        let doc = code("2024-01-10", text);
        let hit = doc.events.iter().any(|e| {
            e.trigger == *trigger && e.target.as_ref().map_or("-", |a| a.code.as_str()) == *tgt
        });
        if !hit {
            bad.push(format!(
                "{text}: want `{trigger}` →{tgt}; got {}",
                describe(&doc)
            ));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn currencies_regions_and_news_agencies_are_no_actors() {
    // (sentence, trigger, target)
    assert_targets(&[
        // "US $3 million" is money, not the United States.
        (
            "Kenyan prosecutors accused the former minister of taking US $3 million in bribes.",
            "accused",
            "KENELI",
        ),
        // A continent is no town (GeoNames gives a Tunisian town "Africa" as an old name).
        ("Ghana pledged new aid to Africa.", "pledged aid", "-"),
        // "during" opens a phrase of time: the summit is not what the riot was against.
        (
            "Students rioted during an ASEAN summit in Manila.",
            "rioted",
            "-",
        ),
    ]);
    // "by phone" is the means of telling, no call; the agency carrying the report gives the
    // rebels no country.
    let doc = code(
        "2024-01-10",
        "Two rebel commanders told Reuters by phone that the rebels had laid down their arms.",
    );
    assert!(
        doc.events
            .iter()
            .all(|e| !e.cameo.starts_with("04")
                && e.source.as_ref().is_none_or(|a| a.country.is_none())),
        "{}",
        describe(&doc)
    );
}

#[test]
fn what_the_source_of_a_report_did_is_no_event_and_no_role() {
    // (sentence, trigger, target): the report's source is no target either.
    assert_targets(&[
        (
            "Kenya released 40 prisoners on Monday, according to a lawyer who negotiated their release.",
            "released",
            "-",
        ),
        (
            "Rebels shelled the airport in Goma, a diplomat trying to mediate the dispute said on Friday.",
            "shelled",
            "COD",
        ),
    ]);
    for text in [
        "Kenya released 40 prisoners on Monday, according to a lawyer who negotiated their release.",
        "Rebels shelled the airport in Goma, a diplomat trying to mediate the dispute said on Friday.",
    ] {
        let doc = code("2024-01-10", text);
        assert!(
            doc.events.len() == 1,
            "{text}: {}",
            describe(&doc)
        );
    }
    // A clause of its own after the comma stays: "…, and others were said to be in hiding".
    let doc = code(
        "2024-01-10",
        "Police arrested the interior minister on Friday, and two of his aides were said to be in hiding.",
    );
    assert!(
        doc.events
            .iter()
            .any(|e| e.trigger == "arrested" && e.modality == dyad_core::Modality::Asserted),
        "{}",
        describe(&doc)
    );
}

#[test]
fn an_act_in_a_clause_of_time_is_background_to_the_main_clause() {
    for (text, main) in [
        (
            "Ghana suspended flights to Togo on Wednesday, a day after a Togolese jet shot down a Ghanaian helicopter.",
            "suspended flights",
        ),
        (
            "After rebels shelled the town, the Malian army imposed a curfew.",
            "imposed curfew",
        ),
    ] {
        let doc = code("2024-01-10", text);
        let top = doc.events.iter().min_by_key(|e| (e.sentence, e.rank));
        assert_eq!(top.map(|e| e.trigger.as_str()), Some(main), "{}", describe(&doc));
    }
    // The opening clause's comma ends its act's search for a target.
    assert_targets(&[(
        "After rebels shelled the town, the Malian army imposed a curfew.",
        "shelled",
        "-",
    )]);
}

#[test]
fn rebels_take_the_country_where_they_fight_and_speakers_their_pronouns() {
    // Several countries among the actors: the place of a third country decides.
    assert_targets(&[
        (
            "Vietnamese forces fought guerrillas in western Cambodia, Thai officials said.",
            "fought",
            "KHMREB",
        ),
        // "X announced it was …": the pronoun is the speaker.
        (
            "The European Union announced it was suspending the group from its terrorism list.",
            "suspending",
            "-",
        ),
    ]);
    let doc = code(
        "2024-01-10",
        "The European Union announced it was suspending the group from its terrorism list.",
    );
    assert!(
        doc.events.iter().any(|e| e
            .source
            .as_ref()
            .is_some_and(|a| a.code.starts_with("IGOEU"))),
        "{}",
        describe(&doc)
    );
    // The capital of one of the parties is no place of a third country.
    let doc = code(
        "2024-01-10",
        "Under a deal negotiated in Havana with Cuba and Norway as guarantors, some 7,000 rebels will hand over their weapons.",
    );
    assert!(
        actors(&doc).all(|a| a.code != "CUBREB"),
        "{}",
        describe(&doc)
    );
}

#[test]
fn where_a_group_operates_gives_its_country() {
    for (text, source) in [
        (
            "Ethnic Albanian guerrillas operating in Macedonia handed over their weapons.",
            "MKDREB",
        ),
        (
            "Rebels based in Chad attacked a Sudanese border town.",
            "TCDREB",
        ),
    ] {
        let doc = code("2024-01-10", text);
        assert!(
            doc.events
                .iter()
                .any(|e| e.source.as_ref().is_some_and(|a| a.code == source)),
            "{text}: {}",
            describe(&doc)
        );
    }
}

#[test]
fn a_compound_modifier_between_a_name_and_its_agent_noun() {
    for (text, source) in [
        ("The U.N. war crimes court indicted the general.", "IGOUNO"),
        (
            "Soviet NKVD security forces murdered the prisoners.",
            "RUSCOP",
        ),
        (
            "EU foreign ministers agreed new sanctions on Belarus.",
            "IGOEUREEC",
        ),
        // Two agent nouns: the second is the head; a spokesman speaks for the first.
        (
            "Colombian government negotiators resumed peace talks with the rebels.",
            "COLGOV",
        ),
        (
            "Late on Sunday, a Libyan army spokesman announced a new ceasefire.",
            "LBYMIL",
        ),
        // A plural first is no modifier: the strikes are the event.
        ("Israeli strikes killed militants.", "ISR"),
    ] {
        let doc = code("2024-01-10", text);
        assert!(
            doc.events
                .first()
                .and_then(|e| e.source.as_ref())
                .is_some_and(|a| a.code == source),
            "{text}: {}",
            describe(&doc)
        );
    }
}

#[test]
fn agent_words_modifying_a_noun_and_verbs_read_as_nouns() {
    // "military equipment" names no military; the peacekeepers are whom it was seized from.
    assert_targets(&[(
        "The rebels will return weapons and military equipment seized from UN peacekeepers.",
        "return seized",
        "IGOUNOPKO",
    )]);
    // An inflected verb is no part of a compound modifier ("NATO jets struck" is no name).
    let doc = code(
        "2024-01-10",
        "NATO jets struck military targets near Belgrade.",
    );
    assert!(
        doc.events.iter().any(|e| e.trigger == "struck"
            && e.source
                .as_ref()
                .is_some_and(|a| a.code.starts_with("IGOWSTNAT"))),
        "{}",
        describe(&doc)
    );
}

#[test]
fn topics_and_venues_are_no_parties() {
    assert_targets(&[
        // What is discussed is a topic; only "with X" names the other party.
        (
            "Kenya asked the Security Council to discuss Somalia's border incursions.",
            "discuss",
            "-",
        ),
        (
            "Kenyan officials will discuss the dispute with Somalia.",
            "discuss",
            "SOM",
        ),
        // A settlement or a meeting is held in a place, not with it.
        (
            "Ghana and Togo agreed to work toward a peace settlement in former Yugoslavia.",
            "agreed peace settlement",
            "-",
        ),
        // Information is on a topic, not given to it.
        (
            "Kenya shared intelligence on Somali militants.",
            "shared intelligence",
            "-",
        ),
        (
            "Kenya shared intelligence with Uganda.",
            "shared intelligence",
            "UGA",
        ),
        // A direct object stays the target: a recognized territory.
        (
            "Russia recognised Crimea as a sovereign state.",
            "recognised",
            "UKR",
        ),
    ]);
}

#[test]
fn a_toll_in_a_relative_clause_belongs_to_its_attack() {
    let doc = code(
        "2024-01-10",
        "Chad protested over two Sudanese air raids on Monday in which 12 villagers were killed or wounded.",
    );
    // The raids, with their toll; no killing by unnamed others.
    assert!(
        doc.events.iter().all(|e| e.source.is_some()),
        "{}",
        describe(&doc)
    );
    let raid = doc
        .events
        .iter()
        .position(|e| e.trigger == "air raids")
        .unwrap_or_else(|| panic!("{}", describe(&doc)));
    assert!(
        doc.counts
            .iter()
            .any(|c| c.event == Some(raid) && c.number == 12),
        "{:?}",
        doc.counts
    );
}

#[test]
fn outcomes_take_their_agents_and_compounds_make_nouns() {
    // The killers are those of the "when" clause.
    assert_targets(&[(
        "Nine Malian soldiers were killed when jihadist fighters stormed their camp near Gao on Sunday.",
        "killed",
        "MLIMIL",
    )]);
    let doc = code(
        "2024-01-10",
        "Nine Malian soldiers were killed when jihadist fighters stormed their camp near Gao on Sunday.",
    );
    assert!(
        doc.events
            .iter()
            .any(|e| e.trigger == "killed" && e.source.is_some()),
        "{}",
        describe(&doc)
    );
    // A hyphenated compound before the word makes it a noun, and "in response to" opens a
    // phrase of cause: the expulsion stays the main event.
    let doc = code(
        "2024-01-10",
        "Poland expelled two Belarusian diplomats on Monday in response to the cross-border attack on a Polish patrol.",
    );
    let top = doc.events.iter().min_by_key(|e| (e.sentence, e.rank));
    assert!(
        top.is_some_and(|e| e.root == "16" || e.root == "17"),
        "{}",
        describe(&doc)
    );
    // A country's name is capitalized in ordinary text: "the west bank of the river" is no
    // West Bank.
    let doc = code(
        "2024-01-10",
        "Ukrainian troops shelled Russian positions on the west bank of the Dnipro river.",
    );
    assert!(
        actors(&doc).all(|a| a.country.as_deref() != Some("PSE")),
        "{}",
        describe(&doc)
    );
}

#[test]
fn visits_drills_call_ups_and_seizures_of_property() {
    for (text, code_prefix) in [
        (
            "Indian Prime Minister Narendra Modi made a brief stop in Kabul on Friday.",
            "042",
        ),
        (
            "Egyptian and Saudi warships began joint naval exercises in the Red Sea on Monday.",
            "062",
        ),
        (
            "Russia ordered the call-up of 300,000 reservists on Wednesday.",
            "154",
        ),
        (
            "Indian and Pakistani troops traded fire across the Line of Control on Sunday.",
            "193",
        ),
        (
            "Bolivia nationalized the country's largest power company on Tuesday.",
            "1711",
        ),
    ] {
        let doc = code("2022-09-21", text);
        assert!(
            doc.events.iter().any(|e| e.cameo.starts_with(code_prefix)),
            "{text}: {}",
            describe(&doc)
        );
    }
}

#[test]
fn a_that_clause_after_a_demand_is_requested_of_its_subject() {
    let doc = code(
        "2024-01-10",
        "The African Union demanded on Friday that the mutinous officers who seized power in Niger hand authority back to the elected government.",
    );
    // The demand is the main event; the hand-back is requested, not done; the seizure is
    // by the officers (no actor), not by the African Union.
    let top = doc.events.iter().min_by_key(|e| (e.sentence, e.rank));
    assert!(top.is_some_and(|e| e.root == "10"), "{}", describe(&doc));
    assert!(
        doc.events
            .iter()
            .any(|e| e.trigger == "hand back" && e.modality == dyad_core::Modality::Requested),
        "{}",
        describe(&doc)
    );
    assert!(
        doc.events.iter().all(|e| !(e.trigger == "seized power"
            && e.source.as_ref().is_some_and(|a| a.code.starts_with("IGO")))),
        "{}",
        describe(&doc)
    );
}

#[test]
fn passive_subjects_and_agents_after_an_aside() {
    let doc = code(
        "2024-01-10",
        "Former president Joseph Kabila has been accused of diverting $40 million in public funds, much of it believed to have left the country, by Congolese government auditors.",
    );
    let e = doc
        .events
        .iter()
        .find(|e| e.trigger == "accused")
        .unwrap_or_else(|| panic!("{}", describe(&doc)));
    // The accused is the passive subject; the accusers come after the aside.
    assert_eq!(
        e.target.as_ref().map(|a| a.text.as_str()),
        Some("Former president Joseph Kabila"),
        "{}",
        describe(&doc)
    );
    assert_eq!(
        e.source.as_ref().and_then(|a| a.country.as_deref()),
        Some("COD"),
        "{}",
        describe(&doc)
    );
}

#[test]
fn relatives_reduced_relatives_and_backers() {
    // (sentence, trigger, target)
    assert_targets(&[
        // A passive relative: the antecedent is the patient, the agent the source.
        (
            "Kenya demanded the release of two Ugandan reporters who were jailed by a Kampala court on Monday.",
            "jailed",
            "UGAMED",
        ),
        // A participle on a common noun: the noun is its patient, not the actor before it.
        (
            "Sudan and South Sudan began observing a truce on Friday under a deal brokered by the African Union.",
            "brokered",
            "-",
        ),
        // "under" opens the terms of the act, not its target.
        (
            "Sudan and South Sudan began observing a truce on Friday under a deal brokered by the African Union.",
            "observing truce",
            "SSD",
        ),
    ]);
    let doc = code(
        "2024-01-10",
        "Kenya demanded the release of two Ugandan reporters who were jailed by a Kampala court on Monday.",
    );
    assert!(
        doc.events.iter().any(|e| e.trigger == "jailed"
            && e.source.as_ref().is_some_and(|a| a.code == "UGAJUD")),
        "{}",
        describe(&doc)
    );
    // "Iran-backed": the backer is not the actor's country.
    let doc = code(
        "2024-01-10",
        "Iran-backed Houthi rebels fired missiles at Riyadh.",
    );
    assert!(
        doc.events.iter().any(|e| e
            .source
            .as_ref()
            .is_some_and(|a| a.country.as_deref() == Some("YEM"))),
        "{}",
        describe(&doc)
    );
    // A gerund joined to a passive's act is the patient's act.
    let doc = code(
        "2024-01-10",
        "The protests turned against the president, who was accused of rigging the election and jailing opponents.",
    );
    assert!(
        doc.events
            .iter()
            .any(|e| e.trigger == "jailing"
                && e.source.as_ref().is_some_and(|a| a.text == "president")),
        "{}",
        describe(&doc)
    );
}

#[test]
fn words_inside_another_acts_pattern_are_no_parties() {
    let doc = code(
        "2024-01-10",
        "Thai and Cambodian troops traded artillery fire near the border on Friday, with each side accusing the other of firing first.",
    );
    // "artillery" modifies "fire" in the first act's pattern: it is nobody's actor.
    assert!(
        actors(&doc).all(|a| a.text != "artillery"),
        "{}",
        describe(&doc)
    );
    // "joint police patrols": the police are the patrols' kind, not the agreement's party.
    assert_targets(&[(
        "Ghana and Togo agreed on Thursday to launch joint police patrols along their border.",
        "agreed",
        "TGO",
    )]);
}

#[test]
fn a_phrase_of_what_or_where_is_no_party_inside_an_object() {
    // "over Armenia" is where the helicopter was, not whose it was.
    assert_targets(&[(
        "Azerbaijani forces shot down a Russian military helicopter over Armenia on Monday.",
        "shot down",
        "RUSMIL",
    )]);
}

#[test]
fn civilians_and_forces_from_their_context() {
    for (text, want) in [
        // "from a Saudi-led coalition": attached through an article.
        (
            "Warplanes from a Saudi-led coalition bombed rebel positions near the airport on Thursday.",
            "SAUMIL",
        ),
        // Civilians in a sentence naming several countries take the place's country.
        (
            "Russian missiles struck a shopping centre in Kharkiv on Monday, wounding dozens of people, Polish officials said.",
            "UKRCVL",
        ),
    ] {
        let doc = code("2024-01-10", text);
        assert!(
            actors(&doc)
                .any(|a| a.code == want),
            "{text}: {}",
            describe(&doc)
        );
    }
    // "the Moscow-led grouping" names no place.
    let doc = code(
        "2024-01-10",
        "Georgia said it would leave the Moscow-led grouping of former Soviet republics.",
    );
    assert!(
        doc.places.iter().all(|p| p.name != "Moscow"),
        "{:?}",
        doc.places
    );
}

#[test]
fn participles_that_describe_and_forces_that_belong() {
    // A participle after the subject describes it: the demand is the act.
    let doc = code(
        "2024-01-10",
        "West African leaders meeting in Abuja demanded on Saturday that the Gambian president hand over power.",
    );
    let top = doc.events.iter().min_by_key(|e| (e.sentence, e.rank));
    assert!(top.is_some_and(|e| e.root == "10"), "{}", describe(&doc));
    // A participle after a preposition is an adjective: "over alleged kickbacks".
    let doc = code(
        "2024-01-10",
        "Peru's top court opened an inquiry into two ministers over alleged kickbacks from a building firm.",
    );
    assert!(
        doc.events.iter().all(|e| !e.trigger.starts_with("alleged")),
        "{}",
        describe(&doc)
    );
    // The troops a country moves are its own, not its target.
    assert_targets(&[(
        "India has moved thousands of additional troops into the Ladakh region, army officials said.",
        "moved troops",
        "-",
    )]);
}
