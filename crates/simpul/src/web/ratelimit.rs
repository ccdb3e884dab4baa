//! Rate limits keyed by client address, personal token or account. Each node counts in
//! memory; when the deployment runs on PostgreSQL (possibly several nodes behind a balancer)
//! every limit is also counted in the database (`infra::counters`), so it holds for the
//! deployment, not per node. Sign-in failures per account are the accounts service's own
//! rule, always in the database.

use std::{num::NonZeroU32, time::Duration};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::{
    infra::{clock::Clock, counters, db::Db},
    web::viewer::Viewer,
};

/// A limiter of `n` events per period per key, in this node's memory.
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

/// One limit: at most `n` events per `per` for a key, on this node and (when shared) across
/// the deployment.
struct Rule {
    name: &'static str,
    n: u32,
    per: Duration,
    local: IpLimiter,
}

impl Rule {
    fn per_minute(name: &'static str, n: u32) -> Rule {
        Rule { name, n, per: Duration::from_secs(60), local: IpLimiter::per_minute(n) }
    }

    fn per_hour(name: &'static str, n: u32) -> Rule {
        Rule { name, n, per: Duration::from_secs(3600), local: IpLimiter::per_hour(n) }
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
    /// Survey responses: per personal token, else per address (a service counter's office
    /// shares one address, so the allowance is generous); machine clients are not limited.
    Survey,
}

/// Where limits are counted beyond this node's memory.
struct Shared {
    db: Db,
    clock: Clock,
}

/// The deployment's limits.
pub struct Limits {
    shared: Option<Shared>,
    sensitive: Rule,
    submissions: Rule,
    tips: Rule,
    survey: Rule,
    kiosk: Rule,
    support: Rule,
    ticket_links: Rule,
    ticket_tries: Rule,
    sign_in: Rule,
    check_in: Rule,
}

impl Limits {
    /// Limits counted in this node's memory only (one node on SQLite).
    pub fn local() -> Limits {
        Limits {
            shared: None,
            sensitive: Rule::per_minute("sensitive", 10),
            // Generous: many phones share one address behind a carrier's NAT.
            submissions: Rule::per_minute("submissions", 20),
            tips: Rule::per_minute("tips", 20),
            survey: Rule::per_minute("survey", 30),
            // A kiosk back online sends its queue at a steady pace; more than this is not a
            // counter's queue of people.
            kiosk: Rule::per_minute("kiosk", 60),
            support: Rule::per_hour("support", 5),
            ticket_links: Rule::per_hour("ticket-links", 3),
            ticket_tries: Rule::per_hour("ticket-tries", 20),
            // Per address, beside the per-account rule of the sign-in service.
            sign_in: Rule::per_minute("sign-in", 20),
            // Six digits can be guessed: a few tries per person and session.
            check_in: Rule::per_minute("check-in", 5),
        }
    }

    /// Limits also counted in `db`, for every node that shares it.
    pub fn shared(db: Db, clock: Clock) -> Limits {
        Limits { shared: Some(Shared { db, clock }), ..Limits::local() }
    }

    /// Counts one event of `rule` for `key`. Over the limit on this node is over it; then the
    /// deployment's count decides. Should the database not answer, the request goes on: its
    /// own write will fail the same way, and refusing everyone is worse than a burst.
    async fn check(&self, rule: &Rule, key: &str) -> bool {
        if !rule.local.allow(key) {
            return false;
        }
        let Some(s) = &self.shared else { return true };
        let window = i64::try_from(rule.per.as_millis()).unwrap_or(i64::MAX);
        match counters::hit(&s.db, &format!("{}|{key}", rule.name), window, s.clock.now()).await {
            Ok(hits) => hits <= f64::from(rule.n),
            Err(e) => {
                tracing::warn!(error = %e, limit = rule.name, "shared rate limit not counted");
                true
            }
        }
    }

    /// Counts one request from a personal token that the route could not see (Open311 sends
    /// its key as a parameter, not a header).
    pub async fn allow_token(&self, limit: Limit, token_id: i64) -> bool {
        let key = format!("token:{token_id}");
        match limit {
            Limit::Submissions => self.check(&self.submissions, &key).await,
            Limit::Tips => self.check(&self.tips, &key).await,
            Limit::Survey => self.check(&self.survey, &key).await,
            Limit::Sensitive => self.check(&self.sensitive, &key).await,
        }
    }

    /// Counts one request from `ip` (who it is, when known, from `viewer`); `false` when it is
    /// over its limit.
    pub async fn allow(&self, limit: Limit, viewer: Option<&Viewer>, ip: &str) -> bool {
        let token = viewer.and_then(|v| v.token.as_ref());
        let per_client = async |rule: &Rule| match token {
            Some(t) if t.acting_for.is_none() => true,
            Some(t) => self.check(rule, &format!("token:{}", t.id)).await,
            None => self.check(rule, ip).await,
        };
        match limit {
            Limit::Sensitive => self.check(&self.sensitive, ip).await,
            Limit::Submissions => per_client(&self.submissions).await,
            Limit::Tips if token.is_none() && viewer.is_some_and(|v| v.user.is_some()) => {
                let id = viewer.and_then(|v| v.user.as_ref()).map_or(0, |u| u.id);
                self.check(&self.tips, &format!("user:{id}")).await
            }
            Limit::Tips => per_client(&self.tips).await,
            Limit::Survey => per_client(&self.survey).await,
        }
    }

    /// "Kirim ulang tautan" for one report (`ticket`: its code, normalised) and one contact
    /// (`contact`: a hash of it): a few an hour for the pair, so nobody floods a reporter's
    /// inbox, and a looser cap for the report, so nobody tries contact after contact — while a
    /// stranger using up the pair's allowance cannot lock the reporter out.
    pub async fn allow_link_request(&self, ticket: &str, contact: &str) -> bool {
        self.check(&self.ticket_links, &format!("{ticket}|{contact}")).await
            && self.check(&self.ticket_tries, ticket).await
    }

    /// "Dukung" on one report (`report`: its id), counted once the report is known to be public:
    /// per address and report against made-up device cookies, and as a sensitive request.
    pub async fn allow_support(&self, ip: &str, report: &str) -> bool {
        self.check(&self.sensitive, ip).await && self.check(&self.support, &format!("{ip}|{report}")).await
    }

    /// A response from a registered survey kiosk.
    pub async fn allow_kiosk(&self, kiosk_id: i64) -> bool {
        self.check(&self.kiosk, &format!("kiosk:{kiosk_id}")).await
    }

    /// A sign-in attempt from `ip`.
    pub async fn allow_sign_in(&self, ip: &str) -> bool {
        self.check(&self.sign_in, ip).await
    }

    /// An attendance code tried by one person (`who`: user and session).
    pub async fn allow_check_in(&self, who: &str) -> bool {
        self.check(&self.check_in, who).await
    }
}
