//! Per-node rate limits keyed by client address. Limits that must hold across nodes (login
//! attempts per account) are counted in the database instead.

use std::num::NonZeroU32;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::web::viewer::Viewer;

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

/// The limits a route can declare (`Routes::limit`). What counts as "one client" differs:
/// a form that sends mail counts per address; a public submission counts per personal token
/// or per address, and not at all for a machine client the admin issued a token to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Requests that send mail or hash a password (registration, reset, setup, password
    /// change): per address.
    Sensitive,
    /// Reports filed by the public: per personal token, else per address; machine clients
    /// are not limited.
    Submissions,
    /// Tips to the fact-check desk: per personal token, per signed-in person on the web form
    /// (many phones share an address behind a carrier's NAT, so not per address for them), else
    /// per address; machine clients are not limited.
    Tips,
}

/// This node's limiters.
pub struct Limits {
    sensitive: IpLimiter,
    submissions: IpLimiter,
    tips: IpLimiter,
    support: IpLimiter,
    ticket_links: IpLimiter,
    ticket_tries: IpLimiter,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            sensitive: IpLimiter::per_minute(10),
            // Generous: many phones share one address behind a carrier's NAT.
            submissions: IpLimiter::per_minute(20),
            tips: IpLimiter::per_minute(20),
            support: IpLimiter::per_hour(5),
            ticket_links: IpLimiter::per_hour(3),
            ticket_tries: IpLimiter::per_hour(20),
        }
    }
}

impl Limits {
    /// Counts one request from a personal token that the route could not see (Open311 sends
    /// its key as a parameter, not a header).
    pub fn allow_token(&self, limit: Limit, token_id: i64) -> bool {
        let key = format!("token:{token_id}");
        match limit {
            Limit::Submissions => self.submissions.allow(&key),
            Limit::Tips => self.tips.allow(&key),
            Limit::Sensitive => self.sensitive.allow(&key),
        }
    }

    /// Counts one request from `ip` (who it is, when known, from `viewer`); `false` when it is
    /// over its limit.
    pub fn allow(&self, limit: Limit, viewer: Option<&Viewer>, ip: &str) -> bool {
        let token = viewer.and_then(|v| v.token.as_ref());
        let per_client = |l: &IpLimiter| match token {
            Some(t) if t.acting_for.is_none() => true,
            Some(t) => l.allow(&format!("token:{}", t.id)),
            None => l.allow(ip),
        };
        match limit {
            Limit::Sensitive => self.sensitive.allow(ip),
            Limit::Submissions => per_client(&self.submissions),
            Limit::Tips if token.is_none() && viewer.is_some_and(|v| v.user.is_some()) => {
                let id = viewer.and_then(|v| v.user.as_ref()).map_or(0, |u| u.id);
                self.tips.allow(&format!("user:{id}"))
            }
            Limit::Tips => per_client(&self.tips),
        }
    }

    /// "Kirim ulang tautan" for one report (`ticket`: its code, normalised) and one contact
    /// (`contact`: a hash of it): a few an hour for the pair, so nobody floods a reporter's
    /// inbox, and a looser cap for the report, so nobody tries contact after contact — while a
    /// stranger using up the pair's allowance cannot lock the reporter out.
    pub fn allow_link_request(&self, ticket: &str, contact: &str) -> bool {
        self.ticket_links.allow(&format!("{ticket}|{contact}")) && self.ticket_tries.allow(ticket)
    }

    /// "Dukung" on one report (`report`: its id), counted once the report is known to be public:
    /// per address and report against made-up device cookies, and as a sensitive request.
    pub fn allow_support(&self, ip: &str, report: &str) -> bool {
        self.sensitive.allow(ip) && self.support.allow(&format!("{ip}|{report}"))
    }
}
