//! Training on a small treebank written for this test: deterministic for a seed, and the
//! models survive a round trip through their bytes.

#![allow(clippy::unwrap_used)] // Test helpers: a panic is a test failure.

use dyad_syntax::{conllu, Models, Morph, Parser, Tagger};

const TREEBANK: &str = "\
1\tSoldiers\tsoldier\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t_\t_
2\tattacked\tattack\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t4\tdet\t_\t_
4\tvillage\tvillage\tNOUN\tNN\tNumber=Sing\t2\tobj\t_\t_
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tThe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t2\tdet\t_\t_
2\ttalks\ttalk\tNOUN\tNNS\tNumber=Plur\t4\tnsubj:pass\t_\t_
3\twere\tbe\tAUX\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t4\taux:pass\t_\t_
4\tsuspended\tsuspend\tVERB\tVBN\tTense=Past|VerbForm=Part|Voice=Pass\t0\troot\t_\t_
5\tby\tby\tADP\tIN\t_\t6\tcase\t_\t_
6\tEgypt\tEgypt\tPROPN\tNNP\tNumber=Sing\t4\tobl:agent\t_\t_
7\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

1\tRebels\trebel\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t_\t_
2\tseized\tseize\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t4\tdet\t_\t_
4\ttown\ttown\tNOUN\tNN\tNumber=Sing\t2\tobj\t_\t_
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

";

fn forms(s: &conllu::ConllSentence) -> Vec<String> {
    s.words.iter().map(|w| w.form.clone()).collect()
}

#[test]
fn trains_deterministically_and_round_trips() {
    let gold = conllu::parse("tiny.conllu", TREEBANK).unwrap();
    let tagger = Tagger::train(&gold, &gold, 10, 7, |_, _, _| {});
    let morph = Morph::train(&gold);
    let parser = Parser::train(&gold, None, &gold, 15, 7, |_, _, _| {});
    let again = Parser::train(&gold, None, &gold, 15, 7, |_, _, _| {});
    let t_bytes = tagger.to_bytes(&morph).unwrap();
    let p_bytes = parser.to_bytes().unwrap();
    assert_eq!(
        p_bytes,
        again.to_bytes().unwrap(),
        "training is not deterministic"
    );
    let models = Models::from_bytes(&t_bytes, &p_bytes).unwrap();
    for s in &gold {
        let got = models.annotate(&forms(s));
        let direct = Models {
            tagger: tagger.clone(),
            morph: morph.clone(),
            parser: parser.clone(),
        }
        .annotate(&forms(s));
        assert_eq!(got.len(), s.words.len());
        for (g, w) in got.iter().zip(&s.words) {
            assert_eq!(g.upos, w.upos, "{}", w.form);
            assert_eq!(g.lemma, w.lemma, "{}", w.form);
        }
        // Quantized weights may move a score a little, never the decision on training data.
        let heads: Vec<usize> = got.iter().map(|w| w.head).collect();
        let direct_heads: Vec<usize> = direct.iter().map(|w| w.head).collect();
        assert_eq!(heads, direct_heads);
        assert_eq!(heads.iter().filter(|h| **h == 0).count(), 1, "one root");
    }
    assert!(
        Models::from_bytes(&p_bytes, &t_bytes).is_err(),
        "swapped files must be refused"
    );
    assert!(Tagger::from_bytes(b"not gzip").is_err());
}

#[test]
fn annotate_handles_odd_sentences() {
    let gold = conllu::parse("tiny.conllu", TREEBANK).unwrap();
    let tagger = Tagger::train(&gold, &gold, 3, 1, |_, _, _| {});
    let morph = Morph::train(&gold);
    let parser = Parser::train(&gold, None, &gold, 3, 1, |_, _, _| {});
    let m = Models {
        tagger,
        morph,
        parser,
    };
    assert!(m.annotate(&[]).is_empty());
    let long: Vec<String> = (0..500)
        .map(|i| {
            if i % 7 == 0 {
                ".".into()
            } else {
                format!("w{i}")
            }
        })
        .collect();
    let out = m.annotate(&long);
    assert_eq!(out.len(), 500);
    assert_eq!(out.iter().filter(|w| w.head == 0).count(), 1);
    assert!(out
        .iter()
        .enumerate()
        .all(|(i, w)| w.head != i + 1 && w.head <= 500));
}
