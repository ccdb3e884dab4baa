//! Per-node rate limits keyed by client address. Limits that must hold across nodes (login
//! attempts per account) are counted in the database instead.

use std::num::NonZeroU32;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// A limiter of `n` events a minute per client address.
pub struct IpLimiter(DefaultKeyedRateLimiter<String>);

impl IpLimiter {
    pub fn per_hour(n: u32) -> Self {
        IpLimiter(RateLimiter::keyed(Quota::per_hour(NonZeroU32::new(n.max(1)).expect("non-zero"))))
    }

    pub fn per_minute(n: u32) -> Self {
        IpLimiter(RateLimiter::keyed(Quota::per_minute(NonZeroU32::new(n.max(1)).expect("non-zero"))))
    }

    /// Counts one event; `false` when the client is over the limit.
    pub fn allow(&self, ip: &str) -> bool {
        let ok = self.0.check_key(&ip.to_owned()).is_ok();
        if self.0.len() > 100_000 {
            self.0.retain_recent();
        }
        ok
    }
}
