//! Time and fresh ids come from a [`Clock`] handed to the store, never read inside business
//! logic, so tests can replay exactly the same ids and timestamps.

use chrono::{DateTime, TimeZone, Utc};
use std::sync::atomic::{AtomicU64, Ordering};
use uuid::Uuid;

/// Where "now" and new row ids come from.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
    /// A new time-ordered id (UUID v7) for a row.
    fn new_id(&self) -> Uuid;
}

/// The wall clock and random UUID v7 ids: what the app and the CLI use.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn new_id(&self) -> Uuid {
        Uuid::now_v7()
    }
}

/// A clock for tests: starts at a fixed instant and moves one millisecond per call;
/// ids are UUID v7 built from that instant and a counter, so every run is identical.
#[derive(Debug)]
pub struct FixedClock {
    start_ms: i64,
    ticks: AtomicU64,
}

impl FixedClock {
    /// Starts at 2024-03-04T10:00:00Z, the opening morning of the OEWG's seventh session.
    pub fn new() -> Self {
        Self::at(1_709_546_400_000)
    }

    pub fn at(start_ms: i64) -> Self {
        FixedClock {
            start_ms,
            ticks: AtomicU64::new(0),
        }
    }

    fn tick(&self) -> (i64, u64) {
        let n = self.ticks.fetch_add(1, Ordering::SeqCst);
        (self.start_ms + n as i64, n)
    }
}

impl Default for FixedClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        let (ms, _) = self.tick();
        Utc.timestamp_millis_opt(ms)
            .single()
            .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
    }

    fn new_id(&self) -> Uuid {
        let (ms, n) = self.tick();
        let mut counter = [0u8; 10];
        counter[2..].copy_from_slice(&n.to_be_bytes());
        uuid::Builder::from_unix_timestamp_millis(ms as u64, &counter).into_uuid()
    }
}

/// Stable ids for reference data, so that France has the same id in every Concord file.
pub fn reference_id(kind: &str, natural_key: &str) -> Uuid {
    let namespace = Uuid::new_v5(&Uuid::NAMESPACE_URL, b"https://concord.invalid/reference");
    Uuid::new_v5(&namespace, format!("{kind}:{natural_key}").as_bytes())
}

/// The installation id recorded on reference rows (they were made by no installation).
pub fn reference_installation() -> Uuid {
    reference_id("installation", "reference-data")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_clock_is_repeatable_and_ordered() {
        let a = FixedClock::new();
        let b = FixedClock::new();
        let (a1, a2) = (a.new_id(), a.new_id());
        assert_eq!(a1, b.new_id());
        assert!(a1 < a2, "v7 ids sort by time");
        assert_eq!(a1.get_version_num(), 7);
    }

    #[test]
    fn reference_ids_are_deterministic() {
        assert_eq!(reference_id("actor", "FRA"), reference_id("actor", "FRA"));
        assert_ne!(reference_id("actor", "FRA"), reference_id("actor", "DEU"));
        assert_eq!(reference_id("actor", "FRA").get_version_num(), 5);
    }
}
