//! A small per-node cache whose entries are valid only while no transaction has committed on
//! this node since they were stored (`Db::generation`), and for at most a time-to-live, which
//! bounds staleness when another node made the change. Used for guest pages.

use std::{
    collections::HashMap,
    sync::RwLock,
    time::{Duration, Instant},
};

struct Entry<V> {
    value: V,
    generation: u64,
    stored: Instant,
}

/// Keyed values tied to a database generation.
pub struct GenerationCache<V> {
    entries: RwLock<HashMap<String, Entry<V>>>,
    ttl: Duration,
    max_entries: usize,
}

impl<V: Clone> GenerationCache<V> {
    pub fn new(ttl: Duration, max_entries: usize) -> Self {
        GenerationCache { entries: RwLock::new(HashMap::new()), ttl, max_entries }
    }

    /// The value stored under `key`, if nothing has been committed since and it is fresh.
    pub fn get(&self, key: &str, generation: u64) -> Option<V> {
        let map = self.entries.read().unwrap_or_else(|e| e.into_inner());
        let e = map.get(key)?;
        (e.generation == generation && e.stored.elapsed() < self.ttl).then(|| e.value.clone())
    }

    /// Stores a value (nothing when the cache was made with room for none).
    pub fn put(&self, key: String, value: V, generation: u64) {
        if self.max_entries == 0 {
            return;
        }
        let mut map = self.entries.write().unwrap_or_else(|e| e.into_inner());
        if map.len() >= self.max_entries {
            let ttl = self.ttl;
            map.retain(|_, e| e.generation == generation && e.stored.elapsed() < ttl);
            if map.len() >= self.max_entries {
                map.clear();
            }
        }
        map.insert(key, Entry { value, generation, stored: Instant::now() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_die_with_a_new_generation_or_age() {
        let c = GenerationCache::new(Duration::from_millis(50), 2);
        c.put("a".into(), 1, 7);
        assert_eq!(c.get("a", 7), Some(1));
        assert_eq!(c.get("a", 8), None, "something was committed since");
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(c.get("a", 7), None, "too old");
    }

    #[test]
    fn size_is_bounded() {
        let c = GenerationCache::new(Duration::from_secs(60), 2);
        for (i, k) in ["a", "b", "c"].iter().enumerate() {
            c.put((*k).into(), i, 1);
        }
        assert!(c.entries.read().unwrap().len() <= 2);
        assert_eq!(c.get("c", 1), Some(2));
    }
}
