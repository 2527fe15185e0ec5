//! The dependency parser: greedy arc-eager transitions scored by two averaged perceptrons
//! (one chooses the transition, the other the label of an arc), trained with Goldberg and
//! Nivre's dynamic oracle and error exploration on the projective sentences of the treebank.
//!
//! Transitions: SHIFT, REDUCE, LEFT-ARC(label), RIGHT-ARC(label), with the artificial root at
//! the bottom of the stack. Parsing takes at most 2n transitions, so the cost per sentence is
//! linear in its length. Words left without a head at the end hang from the sentence's root
//! word, so the output is always a single rooted tree.

use crate::conllu::ConllSentence;
use crate::perceptron::{argmax, feature, IdentityHasher, Model, Trainer};
use crate::tagger::Rng;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

const SHIFT: usize = 0;
const REDUCE: usize = 1;

/// A trained parser.
#[derive(Debug, Clone)]
pub struct Parser {
    /// Transition model: SHIFT, REDUCE, LEFT, RIGHT.
    pub(crate) model: Model,
    /// Label model: one class per label, features marked with the arc's direction.
    pub(crate) label_model: Model,
    pub(crate) labels: Vec<String>,
    /// Arcs labelled without scoring (see [`crate::shortcuts`]): arc key → label.
    pub(crate) arc_labels: HashMap<u64, usize, BuildHasherDefault<IdentityHasher>>,
}

const LEFT: usize = 2;
const RIGHT: usize = 3;

/// The label features: a subset of the transition features marked with the arc direction.
fn label_features(feats: &[u64], dir: usize, out: &mut Vec<u64>) {
    out.clear();
    let salt = if dir == LEFT {
        0x5bd1_e995_1234_5678
    } else {
        0x2545_f491_4f6c_dd1d
    };
    out.extend(
        LABEL_TEMPLATES
            .iter()
            .filter_map(|&t| feats.get(t))
            .map(|f| f.rotate_left(17) ^ salt),
    );
}

/// Per-word input to the parser.
pub struct Input<'a, S: AsRef<str> = String> {
    /// Lowercased forms.
    pub words: &'a [S],
    /// Fine tags (XPOS).
    pub tags: &'a [S],
    /// Universal tags.
    pub upos: &'a [S],
}

/// The dependents of one side of a word that features look at. Left dependents are attached
/// nearest first and right ones left to right, so the latest attached is the outermost.
#[derive(Clone, Copy, Default)]
struct Deps {
    outer: Option<usize>,
    second: Option<usize>,
    count: usize,
}

impl Deps {
    fn push(&mut self, d: usize) {
        self.second = self.outer;
        self.outer = Some(d);
        self.count += 1;
    }
}

struct State {
    n: usize,
    stack: Vec<usize>,
    next: usize,
    heads: Vec<Option<usize>>,
    labels: Vec<usize>,
    /// Per word: its outermost and next-outermost left dependents, and their count.
    lefts: Vec<Deps>,
    /// Per word: its outermost and next-outermost right dependents, and their count.
    rights: Vec<Deps>,
    root_taken: bool,
}

impl State {
    fn new(n: usize) -> Self {
        State {
            n,
            stack: vec![0],
            next: 1,
            heads: vec![None; n + 1],
            labels: vec![usize::MAX; n + 1],
            lefts: vec![Deps::default(); n + 1],
            rights: vec![Deps::default(); n + 1],
            root_taken: false,
        }
    }

    fn done(&self) -> bool {
        self.next > self.n
    }

    fn s0(&self) -> Option<usize> {
        self.stack.last().copied()
    }

    fn valid(&self, action: usize) -> bool {
        let s0 = self.s0();
        match action {
            SHIFT => !self.done(),
            REDUCE => s0.is_some_and(|s| s != 0 && self.heads[s].is_some()),
            a if a % 2 == 0 => {
                !self.done() && s0.is_some_and(|s| s != 0 && self.heads[s].is_none())
            }
            _ => !self.done() && s0.is_some_and(|s| s != 0 || !self.root_taken),
        }
    }

    fn apply(&mut self, action: usize) {
        match action {
            SHIFT => {
                self.stack.push(self.next);
                self.next += 1;
            }
            REDUCE => {
                self.stack.pop();
            }
            a if a % 2 == 0 => {
                let label = (a - 2) / 2;
                if let Some(s) = self.stack.pop() {
                    self.heads[s] = Some(self.next);
                    self.labels[s] = label;
                    self.lefts[self.next].push(s);
                }
            }
            a => {
                let label = (a - 3) / 2;
                if let Some(s) = self.s0() {
                    let b = self.next;
                    self.heads[b] = Some(s);
                    self.labels[b] = label;
                    self.rights[s].push(b);
                    if s == 0 {
                        self.root_taken = true;
                    }
                    self.stack.push(b);
                    self.next += 1;
                }
            }
        }
    }
}

/// The class of an action: SHIFT 0, REDUCE 1, LEFT(l) 2+2l, RIGHT(l) 3+2l.
fn left(l: usize) -> usize {
    2 + 2 * l
}
fn right(l: usize) -> usize {
    3 + 2 * l
}

/// Per-sentence feature atoms: every word, tag and coarse tag hashed once (index 0 is the
/// artificial root), so that feature keys are built by integer mixing alone.
struct Atoms {
    w: Vec<u64>,
    p: Vec<u64>,
    u: Vec<u64>,
}

/// The hash of a string atom of kind `kind`.
fn atom(kind: u32, s: &str) -> u64 {
    feature(1000 + kind, &[s])
}

/// The hash of a small number (distance, valency, label, flag) of kind `kind`.
fn small(kind: u64, k: usize) -> u64 {
    mix(kind.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (k as u64 + 1))
}

fn mix(mut h: u64) -> u64 {
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// A feature key from a template id and its atoms.
fn key(t: u64, parts: &[u64]) -> u64 {
    let mut h = (t + 1).wrapping_mul(0xff51_afd7_ed55_8ccd);
    for p in parts {
        h = (h.rotate_left(27) ^ p).wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

/// None marker for a missing position.
const NONE: u64 = 0x6a09_e667_f3bc_c908;

impl Atoms {
    fn new<S: AsRef<str>>(inp: &Input<S>) -> Atoms {
        let root = |k| atom(k, "<root>");
        let mut w = vec![root(0)];
        let mut p = vec![root(1)];
        let mut u = vec![root(2)];
        w.extend(inp.words.iter().map(|x| atom(0, x.as_ref())));
        p.extend(inp.tags.iter().map(|x| atom(1, x.as_ref())));
        u.extend(inp.upos.iter().map(|x| atom(2, x.as_ref())));
        Atoms { w, p, u }
    }
}

/// The templates (indexes into the transition features) that also score arc labels.
const LABEL_TEMPLATES: [usize; 40] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 20, 21, 22, 23, 24, 25, 26, 28, 30,
    37, 38, 39, 40, 41, 42, 43, 44, 45, 54, 60, 61, 62, 64,
];

fn features(st: &State, at: &Atoms, out: &mut Vec<u64>) {
    out.clear();
    let get = |v: &[u64], i: Option<usize>| i.and_then(|i| v.get(i).copied()).unwrap_or(NONE);
    let w = |i: Option<usize>| get(&at.w, i);
    let p = |i: Option<usize>| get(&at.p, i);
    let u = |i: Option<usize>| get(&at.u, i);
    let l = |i: Option<usize>| {
        i.map_or(NONE, |i| match st.labels[i] {
            usize::MAX => NONE,
            k => small(1, k),
        })
    };
    let s0 = st.s0();
    let s1 = if st.stack.len() >= 2 {
        Some(st.stack[st.stack.len() - 2])
    } else {
        None
    };
    let buf = |k: usize| (st.next + k <= st.n).then_some(st.next + k);
    let (n0, n1, n2) = (buf(0), buf(1), buf(2));
    let s0h = s0.and_then(|s| st.heads[s]);
    let lm = |i: Option<usize>| i.and_then(|i| st.lefts[i].outer);
    let rm = |i: Option<usize>| i.and_then(|i| st.rights[i].outer);
    let l2 = |i: Option<usize>| i.and_then(|i| st.lefts[i].second);
    let r2 = |i: Option<usize>| i.and_then(|i| st.rights[i].second);
    let (s0l, s0r, n0l) = (lm(s0), rm(s0), lm(n0));
    let dist = match (s0, n0) {
        (Some(a), Some(b)) => small(2, b.saturating_sub(a).min(6)),
        _ => NONE,
    };
    let vr = |i: Option<usize>| i.map_or(NONE, |i| small(3, st.rights[i].count.min(4)));
    let vl = |i: Option<usize>| i.map_or(NONE, |i| small(3, st.lefts[i].count.min(4)));
    let has_head = s0.map_or(NONE, |s| small(4, st.heads[s].is_some() as usize));
    let root_done = small(5, s0.is_some_and(|s| st.root_taken && s == 0) as usize);
    let (s0w, s0p, n0w, n0p, n1w, n1p, n2p) = (w(s0), p(s0), w(n0), p(n0), w(n1), p(n1), p(n2));
    let s0hh = s0h.and_then(|h| st.heads[h]);
    let f = key;
    out.extend([
        f(0, &[]),
        f(1, &[s0w]),
        f(2, &[s0p]),
        f(3, &[s0w, s0p]),
        f(4, &[n0w]),
        f(5, &[n0p]),
        f(6, &[n0w, n0p]),
        f(7, &[n1w]),
        f(8, &[n1p]),
        f(9, &[n1w, n1p]),
        f(10, &[n2p]),
        f(11, &[s0w, n0w]),
        f(12, &[s0w, n0p]),
        f(13, &[s0p, n0w]),
        f(14, &[s0p, n0p]),
        f(15, &[s0w, s0p, n0w, n0p]),
        f(16, &[s0w, s0p, n0p]),
        f(17, &[s0p, n0w, n0p]),
        f(18, &[n0p, n1p]),
        f(19, &[n0p, n1p, n2p]),
        f(20, &[s0p, n0p, n1p]),
        f(21, &[p(s1), s0p, n0p]),
        f(22, &[p(s0h), s0p, n0p]),
        f(23, &[s0p, p(s0l), n0p]),
        f(24, &[s0p, p(s0r), n0p]),
        f(25, &[s0p, n0p, p(n0l)]),
        f(26, &[s0w, dist]),
        f(27, &[s0p, dist]),
        f(28, &[n0w, dist]),
        f(29, &[n0p, dist]),
        f(30, &[s0p, n0p, dist]),
        f(31, &[s0w, vr(s0)]),
        f(32, &[s0p, vr(s0)]),
        f(33, &[s0w, vl(s0)]),
        f(34, &[s0p, vl(s0)]),
        f(35, &[n0w, vl(n0)]),
        f(36, &[n0p, vl(n0)]),
        f(37, &[w(s0h)]),
        f(38, &[p(s0h)]),
        f(39, &[l(s0)]),
        f(40, &[l(s0l)]),
        f(41, &[l(s0r)]),
        f(42, &[l(n0l)]),
        f(43, &[s0w, l(s0), l(s0l)]),
        f(44, &[s0p, l(s0l), l(s0r)]),
        f(45, &[n0p, l(n0l)]),
        f(46, &[has_head, n0p]),
        f(47, &[has_head, s0p, n0p]),
        f(48, &[s0p, p(s0l), p(l2(s0))]),
        f(49, &[s0p, p(s0r), p(r2(s0))]),
        f(50, &[n0p, p(n0l), p(l2(n0))]),
        f(51, &[w(s1), s0w]),
        f(52, &[p(s1), s0p]),
        f(53, &[s0p, n0p, root_done]),
        // Coarse tags help on words whose fine tag is rare.
        f(54, &[u(s0), u(n0)]),
        f(55, &[u(s0), u(n0), u(n1)]),
        // Buffer bigrams, the head's head, and the outermost dependents' words.
        f(56, &[n0w, n1w]),
        f(57, &[n0w, n1p]),
        f(58, &[n0p, n1w]),
        f(59, &[p(s0hh), p(s0h), s0p]),
        f(60, &[w(n0l), n0p]),
        f(61, &[w(s0l), s0p]),
        f(62, &[w(s0r), s0p]),
        f(63, &[s0w, n0w, n1p]),
        f(64, &[s0p, l(s0l), l(s0r), n0p]),
    ]);
}

fn is_projective(heads: &[usize]) -> bool {
    // heads[i] is the head of word i+1 (0 = root).
    let n = heads.len();
    for i in 1..=n {
        let h = heads[i - 1];
        let (a, b) = if h < i { (h, i) } else { (i, h) };
        for j in a + 1..b {
            // Every word between a head and its dependent must descend from the head.
            let mut k = j;
            let mut steps = 0;
            while k != 0 && k != h && steps <= n {
                k = heads[k - 1];
                steps += 1;
            }
            if k != h {
                return false;
            }
        }
    }
    true
}

/// The static arc-eager oracle (the tests check the dynamic oracle's costs against it).
#[cfg(test)]
fn oracle(st: &State, gold: &[usize], glab: &[usize]) -> usize {
    let s0 = st.s0();
    let b = st.next;
    if let Some(s) = s0 {
        if b <= st.n {
            if s != 0 && gold[s - 1] == b {
                return left(glab[s - 1]);
            }
            if gold[b - 1] == s {
                return right(glab[b - 1]);
            }
        }
        if s != 0 && st.heads[s].is_some() {
            let pending = (b..=st.n).any(|j| gold[j - 1] == s);
            let b_needs_lower = b <= st.n
                && st
                    .stack
                    .iter()
                    .any(|&k| k != s && (gold[b - 1] == k || (k != 0 && gold[k - 1] == b)));
            if !pending || b_needs_lower {
                return REDUCE;
            }
        }
    }
    SHIFT
}

/// The cost of an action: how many gold arcs it makes unreachable (Goldberg and Nivre's
/// dynamic oracle for arc-eager), plus one for a wrong label on a gold arc.
fn cost(st: &State, action: usize, gold: &[usize], glab: &[usize]) -> usize {
    if !st.valid(action) {
        return usize::MAX;
    }
    let b = st.next;
    let s0 = st.s0().unwrap_or(0);
    let gh = |k: usize| if k == 0 { usize::MAX } else { gold[k - 1] };
    let in_stack = |k: usize| st.stack.contains(&k);
    let headless = |k: usize| k != 0 && st.heads[k].is_none();
    match action {
        SHIFT => {
            // b can no longer take a head from the stack nor give one to a headless stack word.
            let head_in_stack = in_stack(gh(b)) as usize;
            let deps_in_stack = st
                .stack
                .iter()
                .filter(|&&k| headless(k) && gh(k) == b)
                .count();
            head_in_stack + deps_in_stack
        }
        REDUCE => (b..=st.n).filter(|&k| gh(k) == s0).count(),
        a if a % 2 == 0 => {
            let label = (a - 2) / 2;
            let head_later = (gh(s0) > b && gh(s0) <= st.n) as usize;
            let head_in_stack =
                (gh(s0) != b && st.stack.iter().any(|&k| k != s0 && k == gh(s0))) as usize;
            let deps = (b..=st.n).filter(|&k| gh(k) == s0).count();
            let wrong_label = (gh(s0) == b && glab[s0 - 1] != label) as usize;
            head_later + head_in_stack + deps + wrong_label
        }
        a => {
            let label = (a - 3) / 2;
            let h = gh(b);
            let head_elsewhere = (h != s0 && (in_stack(h) || (h > b && h <= st.n))) as usize;
            let deps_in_stack = st
                .stack
                .iter()
                .filter(|&&k| headless(k) && gh(k) == b)
                .count();
            let wrong_label = (h == s0 && glab[b - 1] != label) as usize;
            head_elsewhere + deps_in_stack + wrong_label
        }
    }
}

impl Parser {
    /// Trains on the projective sentences of `sentences` (gold tags as input) for `epochs`.
    /// After each pass the averaged model parses `dev` (gold tags) and the pass with the best
    /// LAS is kept (early stopping).
    ///
    /// `tags`, when given, replaces the gold (XPOS, UPOS) of each training sentence with
    /// predicted ones (jackknifing), so the parser learns on the kind of tags it will see.
    /// From the second pass on, the parser follows its own predictions most of the time and
    /// learns, through the dynamic oracle, the best action from the states its errors lead to.
    pub fn train(
        sentences: &[ConllSentence],
        tags: Option<&[Vec<(String, String)>]>,
        dev: &[ConllSentence],
        epochs: usize,
        seed: u64,
        mut progress: impl FnMut(usize, f64, f64),
    ) -> Parser {
        let mut labels: Vec<String> = Vec::new();
        for s in sentences {
            for w in &s.words {
                if !labels.contains(&w.deprel) {
                    labels.push(w.deprel.clone());
                }
            }
        }
        labels.sort();
        let mut t = Trainer::new(4);
        let mut lt = Trainer::new(labels.len());
        let data: Vec<usize> = (0..sentences.len())
            .filter(|&i| {
                is_projective(
                    &sentences[i]
                        .words
                        .iter()
                        .map(|w| w.head)
                        .collect::<Vec<_>>(),
                )
            })
            .collect();
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = Rng(seed);
        let mut feats = Vec::new();
        let mut lfeats = Vec::new();
        let mut scores = vec![0.0; 4];
        let mut lscores = vec![0.0; labels.len()];
        let mut best: Option<(f64, Parser)> = None;
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            let (mut ok, mut n) = (0usize, 0usize);
            for &oi in &order {
                let si = data[oi];
                let s = &sentences[si];
                let words: Vec<String> = s.words.iter().map(|w| w.form.to_lowercase()).collect();
                let (upos, xpos): (Vec<String>, Vec<String>) = match tags.and_then(|t| t.get(si)) {
                    Some(t) if t.len() == s.words.len() => t.iter().cloned().unzip(),
                    _ => s
                        .words
                        .iter()
                        .map(|w| (w.upos.clone(), w.xpos.clone()))
                        .unzip(),
                };
                let gold: Vec<usize> = s.words.iter().map(|w| w.head).collect();
                let glab: Vec<usize> = s
                    .words
                    .iter()
                    .map(|w| labels.binary_search(&w.deprel).unwrap_or(0))
                    .collect();
                let inp = Input {
                    words: &words,
                    tags: &xpos,
                    upos: &upos,
                };
                let atoms = Atoms::new(&inp);
                let mut st = State::new(s.words.len());
                let mut guard = 0;
                while !st.done() && guard < 4 * st.n + 4 {
                    guard += 1;
                    features(&st, &atoms, &mut feats);
                    t.score(&feats, &mut scores);
                    let guess = best_valid(&st, &scores);
                    // Unlabelled costs: arcs carry the gold label of their dependent.
                    let ucost = |a: usize| cost(&st, joint(&st, a, |d| glab[d - 1]), &gold, &glab);
                    let mut truth = usize::MAX;
                    let mut best_cost = usize::MAX;
                    for a in 0..4 {
                        let c = ucost(a);
                        if c < best_cost
                            || (c == best_cost && c != usize::MAX && scores[a] > scores[truth])
                        {
                            best_cost = c;
                            truth = a;
                        }
                    }
                    if truth == usize::MAX {
                        break;
                    }
                    let guess_cost = ucost(guess);
                    if guess_cost > best_cost {
                        t.update(&feats, truth, guess);
                    } else {
                        t.update(&feats, guess, guess);
                    }
                    ok += (guess_cost <= best_cost) as usize;
                    n += 1;
                    let explore =
                        epoch >= 1 && !rng.next().is_multiple_of(10) && guess_cost != usize::MAX;
                    let action = if explore { guess } else { truth };
                    let mut label = 0;
                    if action == LEFT || action == RIGHT {
                        label_features(&feats, action, &mut lfeats);
                        lt.score(&lfeats, &mut lscores);
                        let lguess = argmax(&lscores);
                        let dep = if action == LEFT {
                            st.s0().unwrap_or(0)
                        } else {
                            st.next
                        };
                        let head = if action == LEFT {
                            st.next
                        } else {
                            st.s0().unwrap_or(0)
                        };
                        label = lguess;
                        if dep > 0 && gold[dep - 1] == head {
                            lt.update(&lfeats, glab[dep - 1], lguess);
                            if !explore {
                                label = glab[dep - 1];
                            }
                        } else {
                            lt.update(&lfeats, lguess, lguess);
                        }
                    }
                    st.apply(joint(&st, action, |_| label));
                }
            }
            let candidate = Parser {
                model: t.snapshot(2),
                label_model: lt.snapshot(2),
                labels: labels.clone(),
                arc_labels: Default::default(),
            };
            let dev_las = candidate.las_on_gold_tags(dev);
            progress(epoch + 1, ok as f64 / n.max(1) as f64, dev_las);
            if best.as_ref().is_none_or(|(las, _)| dev_las > *las) {
                best = Some((dev_las, candidate));
            }
        }
        match best {
            Some((_, p)) => p,
            None => Parser {
                model: t.snapshot(2),
                label_model: lt.snapshot(2),
                labels,
                arc_labels: Default::default(),
            },
        }
    }

    /// LAS (percent) on gold sentences, parsing with their gold tags.
    pub fn las_on_gold_tags(&self, gold: &[ConllSentence]) -> f64 {
        let mut pred = Vec::with_capacity(gold.len());
        for s in gold {
            let words: Vec<String> = s.words.iter().map(|w| w.form.to_lowercase()).collect();
            let tags: Vec<String> = s.words.iter().map(|w| w.xpos.clone()).collect();
            let upos: Vec<String> = s.words.iter().map(|w| w.upos.clone()).collect();
            let tree = self.parse(&Input {
                words: &words,
                tags: &tags,
                upos: &upos,
            });
            let mut p = s.clone();
            for (w, (h, l)) in p.words.iter_mut().zip(tree) {
                w.head = h;
                w.deprel = l;
            }
            pred.push(p);
        }
        crate::score(gold, &pred).las
    }

    /// Parses one sentence: (head, label) per word, heads 1-based with 0 for the root.
    pub fn parse<S: AsRef<str>>(&self, inp: &Input<S>) -> Vec<(usize, String)> {
        self.parse_labels(inp)
            .into_iter()
            .map(|(h, l)| (h, l.to_string()))
            .collect()
    }

    /// Parses one sentence as [`Parser::parse`] does, with labels borrowed from the model.
    pub fn parse_labels<S: AsRef<str>>(&self, inp: &Input<S>) -> Vec<(usize, &str)> {
        let n = inp.words.len();
        let mut st = State::new(n);
        let mut feats = Vec::with_capacity(72);
        let mut lfeats = Vec::with_capacity(48);
        let mut scores = vec![0.0; 4];
        let mut lscores = vec![0.0; self.labels.len().max(1)];
        let atoms = Atoms::new(inp);
        let mut guard = 0;
        while !st.done() && guard < 4 * n + 4 {
            guard += 1;
            features(&st, &atoms, &mut feats);
            self.model.score(&feats, &mut scores);
            let a = best_valid(&st, &scores);
            let mut label = 0;
            if a == LEFT || a == RIGHT {
                let (dep, head) = if a == LEFT {
                    (st.s0().unwrap_or(0), st.next)
                } else {
                    (st.next, st.s0().unwrap_or(0))
                };
                let sure = match (atoms.p.get(dep), atoms.p.get(head)) {
                    (Some(&d), Some(&h)) if !self.arc_labels.is_empty() => {
                        self.arc_labels.get(&arc_key(d, h, a == LEFT)).copied()
                    }
                    _ => None,
                };
                label = match sure {
                    Some(l) => l,
                    None => {
                        label_features(&feats, a, &mut lfeats);
                        self.label_model.score(&lfeats, &mut lscores);
                        argmax(&lscores)
                    }
                };
            }
            let j = joint(&st, a, |_| label);
            if !st.valid(j) {
                break;
            }
            st.apply(j);
        }
        // A single rooted tree: the root word is the first word the root took, else the first
        // headless word; every other headless word hangs from it.
        let root_label = self
            .labels
            .iter()
            .find(|l| *l == "root")
            .map_or("root", String::as_str);
        let root_word = (1..=n)
            .find(|&i| st.heads[i] == Some(0))
            .or_else(|| (1..=n).find(|&i| st.heads[i].is_none()));
        let mut out = Vec::with_capacity(n);
        for i in 1..=n {
            out.push(match (st.heads[i], root_word) {
                (_, Some(r)) if i == r => (0, root_label),
                (Some(0), Some(r)) => (r, "parataxis"),
                (Some(h), _) => (
                    h,
                    self.labels.get(st.labels[i]).map_or("dep", String::as_str),
                ),
                (None, Some(r)) => (r, "dep"),
                (None, None) => (0, "root"),
            });
        }
        out
    }
}

/// The key of an arc in [`Parser::arc_labels`]: the XPOS atoms of dependent and head and
/// whether the dependent comes first.
fn arc_key(dep_tag: u64, head_tag: u64, left: bool) -> u64 {
    key(if left { 901 } else { 902 }, &[dep_tag, head_tag])
}

impl Parser {
    /// Installs arc-label shortcuts: (dependent XPOS, head XPOS, dependent first) → label.
    /// `Err` names a label the model does not know.
    pub fn set_arc_labels(
        &mut self,
        arcs: &std::collections::HashMap<(String, String, bool), String>,
    ) -> Result<(), String> {
        let mut out = HashMap::default();
        for ((d, h, left), l) in arcs {
            let c = self
                .labels
                .iter()
                .position(|x| x == l)
                .ok_or_else(|| format!("the parser has no label {l:?}"))?;
            out.insert(arc_key(atom(1, d), atom(1, h), *left), c);
        }
        self.arc_labels = out;
        Ok(())
    }
}

/// The joint transition (with label) of an action class.
fn joint(st: &State, action: usize, label_of: impl Fn(usize) -> usize) -> usize {
    match action {
        LEFT => {
            let dep = st.s0().unwrap_or(0);
            left(if dep > 0 { label_of(dep) } else { 0 })
        }
        RIGHT => right(if st.next <= st.n {
            label_of(st.next)
        } else {
            0
        }),
        a => a,
    }
}

fn best_valid(st: &State, scores: &[f32]) -> usize {
    let mut best = usize::MAX;
    for (a, s) in scores.iter().enumerate().take(4) {
        let valid = st.valid(match a {
            LEFT => left(0),
            RIGHT => right(0),
            x => x,
        });
        if valid && (best == usize::MAX || *s > scores[best]) {
            best = a;
        }
    }
    if best == usize::MAX {
        SHIFT
    } else {
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_oracle(heads: &[usize]) -> Vec<Option<usize>> {
        let labs = vec![0; heads.len()];
        let mut st = State::new(heads.len());
        let mut guard = 0;
        while !st.done() && guard < 100 {
            guard += 1;
            let a = oracle(&st, heads, &labs);
            assert!(st.valid(a), "oracle chose an invalid action");
            st.apply(a);
        }
        st.heads[1..].to_vec()
    }

    #[test]
    fn oracle_reproduces_projective_trees() {
        let trees: &[&[usize]] = &[
            &[2, 0, 2],
            &[2, 0, 4, 2, 2],
            &[0, 1, 2, 3],
            &[4, 4, 4, 0],
            &[2, 5, 2, 5, 0, 5, 8, 6],
        ];
        for heads in trees {
            assert!(is_projective(heads));
            let got = run_oracle(heads);
            let want: Vec<Option<usize>> = heads.iter().map(|h| Some(*h)).collect();
            assert_eq!(got, want, "{heads:?}");
        }
    }

    #[test]
    fn oracle_actions_cost_nothing_on_projective_trees() {
        let heads = [2, 5, 2, 5, 0, 5, 8, 6];
        let labs = vec![0; heads.len()];
        let mut st = State::new(heads.len());
        while !st.done() {
            let a = oracle(&st, &heads, &labs);
            assert_eq!(cost(&st, a, &heads, &labs), 0);
            st.apply(a);
        }
    }

    #[test]
    fn detects_non_projective_trees() {
        assert!(!is_projective(&[3, 4, 0, 3]));
    }
}
