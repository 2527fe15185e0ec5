//! An averaged perceptron over hashed features.
//!
//! Training keeps dense rows (weights, running totals, timestamps) for lazy averaging; after
//! [`Trainer::finish`] the model is sparse: each feature keeps only its non-zero class weights,
//! quantized to `i16` with one scale per model. Scoring adds the weights of the features
//! present; unknown features are ignored.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::io::{Read, Write};

pub use dyad_core::IdentityHasher;

type Map<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

/// FNV-1a over a template id and the feature's parts, mixed so that keys spread well.
pub fn feature(template: u32, parts: &[&str]) -> u64 {
    let mut h: u64 =
        0xcbf2_9ce4_8422_2325 ^ u64::from(template).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for p in parts {
        for b in p.as_bytes() {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    // Final avalanche (splitmix64).
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// A trained, sparse model.
///
/// Weights are quantized to `i16` with one scale per model (as on disk). Features live in an
/// open-addressing table of 64-byte buckets (one cache line) of four 16-byte slots: the home
/// bucket comes from the key's low bits, the slot's 32-bit fingerprint from its high bits, and
/// a full bucket overflows into the next. Models of at most four classes keep their weights
/// inline in the slot, so a lookup is almost always one memory access; others point from the
/// slot into a run of (class, weight) entries. Scoring first reads every feature's home bucket,
/// so that the cache misses of all features overlap, then matches and adds.
#[derive(Debug, Clone, Default)]
pub struct Model {
    classes: usize,
    scale: f32,
    /// (class, weight) runs of models with more than four classes.
    entries: Vec<(u16, i16)>,
    buckets: Vec<Bucket>,
    /// Full keys per slot (bucket × 4 + slot), for writing the model.
    full: Vec<u64>,
    /// Bucket count − 1 (a power of two minus one).
    mask: usize,
    len: usize,
}

/// One table slot. `fp == 0` marks an empty slot. For models of at most four classes `w`
/// holds the weights; for others `start` and `w[0]` (as the length) locate the run in
/// `entries`.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(16))]
struct Slot {
    fp: u32,
    start: u32,
    w: [i16; 4],
}

/// Four slots filled in order, on one cache line.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(64))]
struct Bucket([Slot; 4]);

/// A vector of `n` default values whose memory is marked for transparent huge pages where
/// the system allows it (scoring touches the table at random, so 4 KiB pages cost a TLB miss
/// per lookup). The advice is a hint: where it is refused, the table is the same.
fn huge_vec<T: Default + Clone>(n: usize) -> Vec<T> {
    let mut v: Vec<T> = Vec::with_capacity(n);
    #[cfg(target_os = "linux")]
    {
        const PAGE: usize = 4096;
        let bytes = n * std::mem::size_of::<T>();
        if bytes >= 4 << 20 {
            let start = v.as_mut_ptr() as usize;
            let aligned = (start + PAGE - 1) & !(PAGE - 1);
            let len = (start + bytes).saturating_sub(aligned) & !(PAGE - 1);
            if len > 0 {
                // SAFETY: the range lies inside the allocation just made and is page-aligned;
                // MADV_HUGEPAGE changes no contents and its failure is harmless.
                #[allow(unsafe_code)]
                unsafe {
                    libc::madvise(aligned as *mut libc::c_void, len, libc::MADV_HUGEPAGE);
                }
            }
        }
    }
    v.resize(n, T::default());
    v
}

/// What a bucket says of a fingerprint.
enum Probe {
    Hit(Slot),
    /// An empty slot: the key is in no later bucket either.
    Absent,
    /// Full without the key: look in the next bucket.
    Next,
}

impl Bucket {
    fn probe(&self, fp: u32) -> Probe {
        for s in &self.0 {
            if s.fp == fp {
                return Probe::Hit(*s);
            }
            if s.fp == 0 {
                return Probe::Absent;
            }
        }
        Probe::Next
    }
}

impl Slot {
    fn run(&self) -> (usize, usize) {
        let len = self.w[0] as u16 as usize;
        (self.start as usize, self.start as usize + len)
    }
}

fn fingerprint(k: u64) -> u32 {
    ((k >> 32) as u32) | 1
}

/// The largest class count scored in integers on the stack.
const MAX_STACK_CLASSES: usize = 512;

impl Model {
    /// Builds the table from (key, run) rows over quantized entries.
    fn build(
        classes: usize,
        scale: f32,
        entries: Vec<(u16, i16)>,
        rows: Vec<(u64, u32, u16)>,
    ) -> Model {
        // At most ~2/3 of the slots are used, so overflow to a next bucket is rare.
        let nb = ((rows.len() * 3) / 4 + 4).next_power_of_two();
        let mask = nb - 1;
        let mut buckets = huge_vec::<Bucket>(nb);
        let mut full = vec![0u64; nb * 4];
        let small_model = classes <= 4;
        for (k, start, len) in &rows {
            let fp = fingerprint(*k);
            let mut b = *k as usize & mask;
            let i = 'find: loop {
                for j in 0..4 {
                    let i = b * 4 + j;
                    if buckets[b].0[j].fp == 0 || full[i] == *k {
                        break 'find i;
                    }
                }
                b = (b + 1) & mask;
            };
            let run = &entries[*start as usize..*start as usize + *len as usize];
            let slot = &mut buckets[i / 4].0[i % 4];
            slot.fp = fp;
            full[i] = *k;
            if small_model {
                for &(c, w) in run {
                    slot.w[c as usize] = w;
                }
            } else {
                slot.start = *start;
                slot.w = [*len as i16, 0, 0, 0];
            }
        }
        Model {
            classes,
            scale,
            entries: if small_model { Vec::new() } else { entries },
            buckets,
            full,
            mask,
            len: rows.len(),
        }
    }

    /// Builds from float weights, quantizing them.
    fn from_float(classes: usize, entries: Vec<(u16, f32)>, rows: Vec<(u64, u32, u16)>) -> Model {
        let max = entries
            .iter()
            .map(|e| e.1.abs())
            .fold(0.0f32, f32::max)
            .max(1e-9);
        let scale = max / 32767.0;
        let q = entries
            .into_iter()
            .map(|(c, w)| (c, (w / scale).round() as i16))
            .collect();
        Model::build(classes, scale, q, rows)
    }

    /// The (class, weight) pairs stored for the feature in slot `i`.
    fn weights_at(&self, i: usize) -> Vec<(u16, i16)> {
        let slot = &self.buckets[i / 4].0[i % 4];
        if self.classes <= 4 {
            (0..self.classes)
                .filter(|&c| slot.w[c] != 0)
                .map(|c| (c as u16, slot.w[c]))
                .collect()
        } else {
            let (a, b) = slot.run();
            self.entries.get(a..b).unwrap_or(&[]).to_vec()
        }
    }

    /// Number of classes.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Adds the weights of `feats` into `scores` (length = classes).
    ///
    /// Sums are kept in `f32` over the quantized integers (exact: 64 features of at most
    /// 2^15 stay far below 2^24) and scaled once at the end.
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        if self.buckets.is_empty() {
            return;
        }
        let small = self.classes <= 4;
        for chunk in feats.chunks(64) {
            // Pass 1: touch every home bucket with independent loads, so that their cache
            // misses overlap instead of following one another.
            let mut touch = 0u32;
            for f in chunk {
                touch ^= self.buckets[*f as usize & self.mask].0[0].fp;
            }
            // Pass 2: match (almost always decided in the home bucket). Small models add the
            // inline weights at once; others note the runs and touch their first entries.
            let mut runs = [(0u32, 0u32); 64];
            let mut nruns = 0;
            for f in chunk {
                let fp = fingerprint(*f);
                let mut b = *f as usize & self.mask;
                let mut probe = self.buckets[b].probe(fp);
                for _ in 0..self.buckets.len() {
                    if !matches!(probe, Probe::Next) {
                        break;
                    }
                    b = (b + 1) & self.mask;
                    probe = self.buckets[b].probe(fp);
                }
                let Probe::Hit(slot) = probe else {
                    continue;
                };
                if small {
                    for (s, w) in scores.iter_mut().zip(slot.w) {
                        *s += f32::from(w);
                    }
                } else {
                    let (a, b) = slot.run();
                    if let Some(e) = self.entries.get(a) {
                        touch ^= u32::from(e.0);
                    }
                    runs[nruns] = (a as u32, b as u32);
                    nruns += 1;
                }
            }
            std::hint::black_box(touch);
            // Pass 3: add the runs.
            for &(a, b) in &runs[..nruns] {
                for &(c, w) in self.entries.get(a as usize..b as usize).unwrap_or(&[]) {
                    if let Some(s) = scores.get_mut(c as usize) {
                        *s += f32::from(w);
                    }
                }
            }
        }
        for s in scores.iter_mut() {
            *s *= self.scale;
        }
    }

    /// Bytes of the scoring table (buckets and class runs).
    pub fn table_bytes(&self) -> usize {
        self.buckets.len() * std::mem::size_of::<Bucket>() + self.entries.len() * 4
    }

    /// Number of features with weights.
    pub fn features(&self) -> usize {
        self.len
    }

    /// (key, slot) of every stored feature, by key.
    fn sorted_slots(&self) -> Vec<(u64, usize)> {
        let mut v: Vec<(u64, usize)> = self
            .buckets
            .iter()
            .flat_map(|b| b.0.iter())
            .enumerate()
            .filter(|(_, s)| s.fp != 0)
            .map(|(i, _)| (self.full[i], i))
            .collect();
        v.sort();
        v
    }

    /// Writes the model (little-endian; weights quantized to i16).
    pub fn write(&self, w: &mut impl Write) -> std::io::Result<()> {
        w.write_all(b"DYADPC1\0")?;
        w.write_all(&(self.classes as u32).to_le_bytes())?;
        w.write_all(&self.scale.to_le_bytes())?;
        w.write_all(&(self.len as u32).to_le_bytes())?;
        for (k, i) in self.sorted_slots() {
            let run = self.weights_at(i);
            w.write_all(&k.to_le_bytes())?;
            w.write_all(&(run.len() as u16).to_le_bytes())?;
            for &(c, x) in &run {
                w.write_all(&c.to_le_bytes())?;
                w.write_all(&x.to_le_bytes())?;
            }
        }
        Ok(())
    }

    /// Reads a model written by [`Model::write`].
    pub fn read(r: &mut impl Read) -> std::io::Result<Model> {
        let bad = |m: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, m.to_string());
        let mut magic = [0u8; 8];
        r.read_exact(&mut magic)?;
        if &magic != b"DYADPC1\0" {
            return Err(bad("not a dyad perceptron model"));
        }
        let mut b4 = [0u8; 4];
        r.read_exact(&mut b4)?;
        let classes = u32::from_le_bytes(b4) as usize;
        if classes > MAX_STACK_CLASSES {
            return Err(bad("too many classes"));
        }
        r.read_exact(&mut b4)?;
        let scale = f32::from_le_bytes(b4);
        r.read_exact(&mut b4)?;
        let n = u32::from_le_bytes(b4) as usize;
        let mut rows = Vec::with_capacity(n.min(1 << 24));
        let mut entries = Vec::new();
        let mut b8 = [0u8; 8];
        let mut b2 = [0u8; 2];
        for _ in 0..n {
            r.read_exact(&mut b8)?;
            r.read_exact(&mut b2)?;
            let len = u16::from_le_bytes(b2);
            let start = entries.len() as u32;
            for _ in 0..len {
                r.read_exact(&mut b2)?;
                let c = u16::from_le_bytes(b2);
                if c as usize >= classes {
                    return Err(bad("class out of range"));
                }
                r.read_exact(&mut b2)?;
                entries.push((c, i16::from_le_bytes(b2)));
            }
            rows.push((u64::from_le_bytes(b8), start, len));
        }
        Ok(Model::build(classes, scale, entries, rows))
    }
}

/// Averaged-perceptron training state.
pub struct Trainer {
    classes: usize,
    index: Map<u32>,
    /// How often each row's feature was part of an update with an error.
    seen: Vec<u32>,
    weights: Vec<f32>,
    totals: Vec<f32>,
    stamps: Vec<u32>,
    tick: u32,
}

impl Trainer {
    /// A trainer for `classes` classes.
    pub fn new(classes: usize) -> Self {
        Trainer {
            classes,
            index: Map::default(),
            seen: Vec::new(),
            weights: Vec::new(),
            totals: Vec::new(),
            stamps: Vec::new(),
            tick: 1,
        }
    }

    /// Current (non-averaged) scores.
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(&row) = self.index.get(f) {
                let base = row as usize * self.classes;
                for (c, s) in scores.iter_mut().enumerate() {
                    *s += self.weights[base + c];
                }
            }
        }
    }

    fn row(&mut self, f: u64) -> usize {
        let next = self.index.len() as u32;
        let row = *self.index.entry(f).or_insert(next);
        if row == next {
            let n = self.weights.len() + self.classes;
            self.weights.resize(n, 0.0);
            self.totals.resize(n, 0.0);
            self.stamps.resize(n, 0);
            self.seen.push(0);
        }
        self.seen[row as usize] += 1;
        row as usize
    }

    /// One training instance: moves weight from `guess` to `truth` (no-op when equal).
    pub fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        self.tick += 1;
        if truth == guess {
            return;
        }
        for &f in feats {
            let base = self.row(f) * self.classes;
            for (c, delta) in [(truth, 1.0f32), (guess, -1.0f32)] {
                let j = base + c;
                self.totals[j] += (self.tick - self.stamps[j]) as f32 * self.weights[j];
                self.stamps[j] = self.tick;
                self.weights[j] += delta;
            }
        }
    }

    /// The averaged model so far, keeping per feature the classes whose average weight is
    /// non-negligible. Training can go on afterwards.
    ///
    /// Features that took part in fewer than `min_seen` updates are dropped.
    pub fn snapshot(&self, min_seen: u32) -> Model {
        let tick = self.tick as f32;
        let mut kept = Vec::new();
        let mut entries = Vec::new();
        let mut rows: Vec<(u64, u32)> = self.index.iter().map(|(k, v)| (*k, *v)).collect();
        rows.sort();
        for (key, row) in rows {
            // Features met in a single update carry noise, not evidence; dropping them halves
            // the model.
            if self.seen[row as usize] < min_seen {
                continue;
            }
            let base = row as usize * self.classes;
            let start = entries.len() as u32;
            for c in 0..self.classes {
                let j = base + c;
                let total = self.totals[j] + (self.tick - self.stamps[j]) as f32 * self.weights[j];
                let avg = total / tick;
                if avg.abs() > 1e-3 {
                    entries.push((c as u16, avg));
                }
            }
            let len = (entries.len() as u32 - start) as u16;
            if len > 0 {
                kept.push((key, start, len));
            }
        }
        Model::from_float(self.classes, entries, kept)
    }
}

/// The index of the highest score (first on ties).
pub fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, s) in scores.iter().enumerate() {
        if *s > scores[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        let data: Vec<(Vec<u64>, usize)> = (0..40)
            .map(|i| {
                let c = i % 3;
                (
                    vec![feature(0, &[&c.to_string()]), feature(1, &["bias"])],
                    c,
                )
            })
            .collect();
        let mut t = Trainer::new(3);
        let mut s = vec![0.0; 3];
        for _ in 0..5 {
            for (f, y) in &data {
                t.score(f, &mut s);
                let g = argmax(&s);
                t.update(f, *y, g);
            }
        }
        let m = t.snapshot(1);
        for (f, y) in &data {
            m.score(f, &mut s);
            assert_eq!(argmax(&s), *y);
        }
        let mut buf = Vec::new();
        m.write(&mut buf).unwrap();
        let m2 = Model::read(&mut buf.as_slice()).unwrap();
        for (f, y) in &data {
            m2.score(f, &mut s);
            assert_eq!(argmax(&s), *y);
        }
        assert!(Model::read(&mut &b"garbage!"[..]).is_err());
    }
}
