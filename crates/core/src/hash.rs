//! Maps keyed by values that are already 64-bit hashes (the parser's features, the
//! gazetteer's folded names): the key is its own hash.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Keys are already 64-bit hashes, so the map uses them as they are.
#[derive(Default, Clone, Copy)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map from 64-bit hash keys.
pub type HashKeyed<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;
