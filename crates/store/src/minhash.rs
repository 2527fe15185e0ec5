//! Near-duplicate detection: MinHash signatures over word shingles, banded for
//! locality-sensitive hashing (LSH).
//!
//! An article's text is lowercased and split into words (runs of letters and digits); every
//! run of [`SHINGLE`] consecutive words is a shingle. The signature keeps, for each of
//! [`HASHES`] hash functions, the smallest hash over the shingles; the share of equal
//! positions in two signatures estimates the Jaccard similarity of the two shingle sets.
//! The signature is cut into [`BANDS`] bands of [`ROWS`] values: two articles that agree on a
//! whole band become candidates, and candidates whose estimate reaches the threshold are
//! near-duplicates. With 20 bands of 5, a pair at similarity 0.7 becomes a candidate with
//! probability 1 − (1 − 0.7⁵)²⁰ ≈ 0.97, a pair at 0.3 with probability ≈ 0.05.
//!
//! The hash functions are fixed here (FNV-1a for words, the SplitMix64 finalizer with one
//! seed per function), so signatures stored by one build compare with those of the next.

/// Words per shingle.
pub const SHINGLE: usize = 4;
/// Hash functions (signature length).
pub const HASHES: usize = 100;
/// LSH bands.
pub const BANDS: usize = 20;
/// Signature values per band.
pub const ROWS: usize = HASHES / BANDS;

/// A MinHash signature; empty for a text with no words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub Vec<u32>);

fn fnv1a(bytes: &[u8], mut h: u64) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Signature {
    /// The signature of a text.
    pub fn of(text: &str) -> Signature {
        let lower = text.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            return Signature(Vec::new());
        }
        let seeds: Vec<u64> = (0..HASHES as u64)
            .map(|i| mix(i.wrapping_add(0x9e37_79b9_7f4a_7c15)))
            .collect();
        let mut sig = vec![u32::MAX; HASHES];
        let n = words.len().saturating_sub(SHINGLE - 1).max(1);
        for i in 0..n {
            let mut h = 0xcbf2_9ce4_8422_2325u64;
            for w in &words[i..(i + SHINGLE).min(words.len())] {
                h = fnv1a(w.as_bytes(), h);
                h = fnv1a(b" ", h);
            }
            for (slot, seed) in sig.iter_mut().zip(&seeds) {
                let v = (mix(h ^ seed) >> 32) as u32;
                if v < *slot {
                    *slot = v;
                }
            }
        }
        Signature(sig)
    }

    /// One hash per band (empty for an empty signature).
    pub fn bands(&self) -> Vec<i64> {
        if self.0.len() != HASHES {
            return Vec::new();
        }
        self.0
            .chunks(ROWS)
            .enumerate()
            .map(|(b, rows)| {
                let mut h = fnv1a(&(b as u64).to_le_bytes(), 0xcbf2_9ce4_8422_2325);
                for r in rows {
                    h = fnv1a(&r.to_le_bytes(), h);
                }
                h as i64
            })
            .collect()
    }

    /// Estimated Jaccard similarity (0 when either is empty).
    pub fn similarity(&self, other: &Signature) -> f64 {
        if self.0.len() != HASHES || other.0.len() != HASHES {
            return 0.0;
        }
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / HASHES as f64
    }

    /// Little-endian bytes, for storage.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// From stored bytes (a wrong length gives an empty signature).
    pub fn from_bytes(b: &[u8]) -> Signature {
        if b.len() != HASHES * 4 {
            return Signature(Vec::new());
        }
        Signature(
            b.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_edits_and_strangers() {
        let a = "Troops from the northern garrison crossed the river at dawn on Tuesday and \
                 took control of the bridge, a military spokesman said, adding that two \
                 soldiers were wounded in the fighting near the old customs post.";
        let copy = format!("{a} ");
        let edited = a.replace("Tuesday", "Wednesday").replace("two", "three");
        let other = "The central bank left its main interest rate unchanged on Thursday, \
                     citing slowing inflation and a weaker outlook for exports.";
        let (sa, sc, se, so) = (
            Signature::of(a),
            Signature::of(&copy),
            Signature::of(&edited),
            Signature::of(other),
        );
        assert_eq!(sa.similarity(&sc), 1.0);
        assert!(sa.similarity(&se) > 0.5, "{}", sa.similarity(&se));
        assert!(sa.similarity(&so) < 0.1);
        assert_eq!(Signature::from_bytes(&sa.to_bytes()), sa);
        assert_eq!(sa.bands().len(), BANDS);
        assert!(Signature::of("  ... ").0.is_empty());
        assert_eq!(Signature::of("").similarity(&Signature::of("")), 0.0);
    }
}
