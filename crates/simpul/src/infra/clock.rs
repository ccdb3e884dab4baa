//! Time comes from a `Clock` so tests can set it.

use std::sync::{
    Arc,
    atomic::{AtomicI64, Ordering},
};

use crate::domain::time::Timestamp;

/// The system clock, or a manual one in tests.
#[derive(Clone, Debug)]
pub enum Clock {
    System,
    Manual(Arc<AtomicI64>),
}

impl Clock {
    pub fn manual(start: Timestamp) -> Clock {
        Clock::Manual(Arc::new(AtomicI64::new(start.0)))
    }

    pub fn now(&self) -> Timestamp {
        match self {
            Clock::System => Timestamp(
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64),
            ),
            Clock::Manual(t) => Timestamp(t.load(Ordering::SeqCst)),
        }
    }

    /// Moves a manual clock forward (no effect on the system clock).
    pub fn advance_minutes(&self, m: i64) {
        if let Clock::Manual(t) = self {
            t.fetch_add(m * 60_000, Ordering::SeqCst);
        }
    }
}
