//! The tip-line: a message comes in through any door (web page, API, WhatsApp, Telegram), is
//! matched at once against the published clarifications, answered, and gathered with the
//! tips of the same rumour for the editors. The editors' side is in `workflow`.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, RwLock},
    time::{Duration, Instant},
};

use hmac::{Hmac, Mac};
use simpul_text::claims::{self, ClaimIndex};

use super::repo::{self, ClarificationItem, NewTip};
use crate::{
    app::App,
    domain::{
        access::Actor,
        factcheck::{Channel, ClusterState, TIP_MAX_CHARS, TipCode},
        time::Timestamp,
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    infra::{
        audit::{self, Event},
        chat::SendChat,
        crypto,
        i18n::Lang,
        images::{self, ImageLimits},
        jobs,
        mail::Mail,
    },
};

/// Tip screenshots' keys start with this (the sweep of unreferenced files knows them by it).
pub const SCREENSHOT_PREFIX: &str = "tip-";

/// A new tip joins an open rumour whose text scores at least this against it…
pub const SAME_RUMOUR: f32 = 0.55;
/// …or, for a short text (under eight words), at least this (near-identical).
pub const SAME_RUMOUR_SHORT: f32 = 0.80;
/// How often a node looks for clarifications and rumours another node added.
pub const FRESH_FOR: Duration = Duration::from_secs(1);
/// Rows changed this close before the newest change seen are looked at again (a transaction
/// that committed late on another node).
const LOOK_BACK_MS: i64 = 10_000;
/// Contacts of tipsters whose rumour was never answered are forgotten after this many days.
pub const CONTACT_DAYS: i64 = 90;

/// The matchers of one node: published clarifications (by claim) and open rumours (by their
/// first tip), kept in step with the database.
#[derive(Default)]
pub struct Matchers {
    state: Arc<RwLock<Loaded>>,
    checked: Mutex<Option<Instant>>,
    /// One refresh at a time; also serialises deciding a tip's rumour with storing it, so two
    /// copies of a new rumour arriving together make one cluster.
    intake: tokio::sync::Mutex<()>,
    refresh: tokio::sync::Mutex<()>,
    pseudonym_key: tokio::sync::OnceCell<String>,
}

#[derive(Default)]
struct Loaded {
    claims: ClaimIndex,
    rumours: ClaimIndex,
    /// What is loaded: clarification id → its `updated_at`; open rumour ids.
    claim_stamps: HashMap<i64, i64>,
    open_rumours: HashMap<i64, ()>,
    claims_seen: i64,
    rumours_seen: i64,
    loaded: bool,
}

impl Matchers {
    fn read(&self) -> std::sync::RwLockReadGuard<'_, Loaded> {
        self.state.read().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Loaded> {
        self.state.write().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// When the matchers were last brought up to date (`None`: at the next use).
    pub fn stale(&self) -> std::sync::MutexGuard<'_, Option<Instant>> {
        self.checked.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// How many clarifications the matcher holds.
    pub fn len(&self) -> usize {
        self.read().claims.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The best clarifications for a text: (clarification id, score), best first.
    pub fn rank(&self, text: &str, k: usize) -> Vec<(i64, f32)> {
        self.read().claims.rank(text, k).into_iter().filter_map(|m| Some((m.id.parse().ok()?, m.score))).collect()
    }

    /// The tip-line's answer for a text.
    pub fn answer(&self, text: &str) -> claims::Answer {
        self.read().claims.answer(text)
    }
}

/// Where to start reading changes after `seen` (the newest change applied): while the clock is
/// still near it, a little before it (a transaction on another node may commit late with an
/// older time); afterwards strictly after it, so a bulk import is not read again and again.
fn since(seen: i64, now: i64) -> i64 {
    if seen == 0 {
        0
    } else if now - seen <= 2 * LOOK_BACK_MS {
        (seen - LOOK_BACK_MS).max(0)
    } else {
        seen + 1
    }
}

/// Brings this node's matchers up to date with the database: on first use everything is
/// loaded; afterwards only what changed (at most once a second unless `force`).
pub async fn refresh(app: &App, force: bool) -> AppResult<()> {
    let m = &app.factcheck;
    let fresh = || {
        m.read().loaded
            && m.checked
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .is_some_and(|t| t.elapsed() < FRESH_FOR)
    };
    if !force && fresh() {
        return Ok(());
    }
    let _one = m.refresh.lock().await;
    // Someone else refreshed while this one waited.
    if !force && fresh() {
        return Ok(());
    }
    *m.checked.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(Instant::now());
    let (claims_seen, rumours_seen, loaded) = {
        let s = m.read();
        (s.claims_seen, s.rumours_seen, s.loaded)
    };
    let now = app.clock.now().0;
    if !loaded {
        // The first load may be large (thousands of clarifications): build it off the runtime.
        let claim_rows = repo::claims_changed_since(&app.db, 0).await?;
        let rumour_rows = repo::rumours_changed_since(&app.db, 0).await?;
        let state = m.state.clone();
        tokio::task::spawn_blocking(move || {
            let mut fresh = Loaded::default();
            apply(&mut fresh, claim_rows, rumour_rows);
            fresh.loaded = true;
            *state.write().unwrap_or_else(std::sync::PoisonError::into_inner) = fresh;
        })
        .await
        .map_err(anyhow::Error::from)?;
        return Ok(());
    }
    // Which clarifications changed: their stamps first, the texts only of those not loaded.
    let stamps = repo::claim_stamps_since(&app.db, since(claims_seen, now)).await?;
    let changed: Vec<i64> = {
        let s = m.read();
        stamps.iter().filter(|(id, at)| s.claim_stamps.get(id) != Some(at)).map(|(id, _)| *id).collect()
    };
    let claim_rows = repo::claims_by_ids(&app.db, &changed).await?;
    let rumour_rows = repo::rumours_changed_since(&app.db, since(rumours_seen, now)).await?;
    let mut s = m.write();
    s.claims_seen = stamps.iter().map(|(_, at)| *at).fold(s.claims_seen, i64::max);
    apply(&mut s, claim_rows, rumour_rows);
    Ok(())
}

/// Re-reads one clarification (after an edit on this node, which may share its time stamp
/// with the version loaded).
pub async fn reindex(app: &App, id: i64) -> AppResult<()> {
    let rows = repo::claims_by_ids(&app.db, &[id]).await?;
    let mut s = app.factcheck.write();
    for c in rows {
        s.claims.add(&c.id.to_string(), &c.claim);
        s.claim_stamps.insert(c.id, c.updated_at);
    }
    Ok(())
}

fn apply(s: &mut Loaded, claims: Vec<repo::ClaimText>, rumours: Vec<repo::RumourText>) {
    for c in claims {
        s.claims_seen = s.claims_seen.max(c.updated_at);
        s.claims.add(&c.id.to_string(), &c.claim);
        s.claim_stamps.insert(c.id, c.updated_at);
    }
    for r in rumours {
        s.rumours_seen = s.rumours_seen.max(r.updated_at);
        let open = r.state.is_open();
        match (open, s.open_rumours.contains_key(&r.id)) {
            (true, false) => {
                s.rumours.add(&r.id.to_string(), &r.sample);
                s.open_rumours.insert(r.id, ());
            }
            (false, true) => {
                s.rumours.remove(&r.id.to_string());
                s.open_rumours.remove(&r.id);
            }
            _ => {}
        }
    }
}

/// A message as it came in.
#[derive(Debug, Clone)]
pub struct Intake {
    pub channel: Channel,
    /// The channel's message id (WhatsApp `wamid`, Telegram chat:message), or an API client's
    /// idempotency key: the same id twice makes one tip.
    pub external_id: Option<String>,
    pub text: String,
    pub link: Option<String>,
    pub screenshot: Option<Vec<u8>>,
    /// How to reach the tipster when the rumour is clarified: a WhatsApp number, a Telegram
    /// chat id, or an e-mail address (web and API). Kept only for that.
    pub contact: Option<String>,
}

/// What the tip-line answers.
#[derive(Debug, Clone)]
pub enum Reply {
    /// This clarification, with confidence.
    Confident(ClarificationItem),
    /// Perhaps related (up to three); the tip is also queued for checking.
    Candidates(Vec<ClarificationItem>),
    /// Nothing known yet; the tip is queued for checking.
    Unknown,
}

impl Reply {
    fn as_str(&self) -> &'static str {
        match self {
            Reply::Confident(_) => "confident",
            Reply::Candidates(_) => "candidates",
            Reply::Unknown => "unknown",
        }
    }
}

/// A tip taken in.
#[derive(Debug, Clone)]
pub struct Received {
    pub code: TipCode,
    pub reply: Reply,
    /// The same message was delivered before: nothing new was stored or sent.
    pub duplicate: bool,
}

/// The form of the web page and the API, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct TipForm {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub link: String,
    #[serde(default)]
    pub email: String,
    /// The web form's one-time id: sending the same form twice (a reload) makes one tip.
    #[serde(default)]
    pub nonce: String,
}

/// Checks what a person typed; the fields keep their names for the form's errors.
pub fn check_form(form: &TipForm) -> Result<(String, Option<String>, Option<String>), FieldErrors> {
    let mut e = FieldErrors::new();
    let text = e.required("text", &form.text, TIP_MAX_CHARS);
    let link = e.optional_url("link", &form.link);
    let email = e.optional_email("email", &form.email);
    e.into_result()?;
    Ok((text, link, email))
}

/// The tipster's pseudonym: the same person on the same channel always gets the same one,
/// and it cannot be turned back into a number without the deployment's key.
pub async fn pseudonym(app: &App, channel: Channel, contact: &str) -> AppResult<String> {
    let key = app
        .factcheck
        .pseudonym_key
        .get_or_try_init(|| async { repo::site_key(&app.db, "tipster_pseudonym", &crypto::random_token(32)).await })
        .await?;
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes()).map_err(anyhow::Error::from)?;
    mac.update(channel.as_str().as_bytes());
    mac.update(b":");
    mac.update(contact.trim().to_lowercase().as_bytes());
    Ok(format!("P-{}", &hex::encode(mac.finalize().into_bytes())[..10]))
}

/// How a message id is stored: hashed, because channels' ids can carry the sender (a Telegram
/// chat id, a WhatsApp `wamid` encodes the number).
pub fn message_key(external_id: &str) -> String {
    crypto::sha256_hex(external_id)
}

/// The code of a tip.
pub fn code_of(year: i64, id: i64) -> TipCode {
    TipCode { year: year as i32, number: id }
}

/// Takes a tip in: matches it, files it with its rumour, queues the reply on chat channels.
/// A message id seen before changes nothing and sends nothing.
pub async fn receive(app: &App, actor: &Actor, intake: Intake) -> AppResult<Received> {
    // Control characters (a NUL from a broken client) cannot be stored on every engine and mean
    // nothing to a reader: gone, except line breaks and tabs.
    let text: String = intake
        .text
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect::<String>()
        .trim()
        .chars()
        .take(TIP_MAX_CHARS)
        .collect();
    if text.is_empty() {
        let mut e = FieldErrors::new();
        e.add("text", "err-required");
        return Err(AppError::Validation(e));
    }
    let screenshot_key = match intake.screenshot {
        Some(data) if !data.is_empty() => Some(store_screenshot(app, data).await?),
        _ => None,
    };
    refresh(app, false).await?;
    let now = app.clock.now();
    let tipster = match &intake.contact {
        Some(c) => Some(pseudonym(app, intake.channel, c).await?),
        None => None,
    };
    let answer = app.factcheck.answer(&text);
    let (mut reply, mut matched) = match &answer {
        claims::Answer::Confident(m) => {
            let id: i64 = m.id.parse().map_err(|_| anyhow::anyhow!("bad claim id"))?;
            match repo::items(&app.db, &[id]).await?.pop() {
                Some(item) => (Reply::Confident(item), Some(id)),
                None => (Reply::Unknown, None),
            }
        }
        claims::Answer::Candidates(ms) => {
            let ids: Vec<i64> = ms.iter().filter_map(|m| m.id.parse().ok()).collect();
            let mut items = repo::items(&app.db, &ids).await?;
            items.sort_by_key(|i| ids.iter().position(|x| *x == i.id));
            if items.is_empty() { (Reply::Unknown, None) } else { (Reply::Candidates(items), None) }
        }
        claims::Answer::Unknown => (Reply::Unknown, None),
    };
    let year = i64::from(now.date_in(app.zone()).year());
    let external_id = intake.external_id.as_deref().map(message_key);
    let _one = app.factcheck.intake.lock().await;
    let mut tx = app.db.begin().await?;
    if let Some(ext) = &external_id
        && let Some(existing) = repo::tip_by_external(&mut tx, intake.channel, ext).await?
    {
        drop(tx);
        let status = repo::tip_status(&app.db, year, existing).await?;
        let year = status.as_ref().map_or(year, |s| s.year);
        return Ok(Received { code: code_of(year, existing), reply, duplicate: true });
    }
    // Which rumour is this? The clarification's own when it matched; otherwise an open one
    // saying the same; otherwise a new one.
    let (mut cluster_id, new_cluster) = match matched {
        Some(clar) => match repo::cluster_of_clarification(&mut tx, clar).await? {
            Some(k) => (k, false),
            None => {
                let claim = repo::clarification(&mut tx, clar).await?.map(|c| c.claim).unwrap_or_default();
                let k = repo::insert_cluster(&mut tx, ClusterState::Terbit, &claim, now).await?;
                repo::set_state(&mut tx, k, ClusterState::Terbit, ClusterState::Terbit, None, Some(clar), now).await?;
                (k, true)
            }
        },
        None => match same_rumour(app, &text) {
            Some(k) => (k, false),
            None => (repo::insert_cluster(&mut tx, ClusterState::BelumDicek, &sample(&text), now).await?, true),
        },
    };
    if !repo::count_tip(&mut tx, cluster_id, now, matched.is_none()).await? {
        // The open rumour this node chose was closed meanwhile (published, merged, dismissed):
        // follow it to where it went, so the tip gets the verdict instead of a promise.
        let (k, clarification) = settled_rumour(&mut tx, cluster_id).await?;
        cluster_id = k;
        repo::count_tip(&mut tx, cluster_id, now, false).await?;
        if let Some(c) = clarification
            && let Some(item) = repo::items(&app.db, &[c]).await?.pop()
        {
            reply = Reply::Confident(item);
            matched = Some(c);
        }
    }
    let reply_by_chat = matches!(intake.channel, Channel::WhatsApp | Channel::Telegram);
    let new = NewTip {
        year,
        cluster_id,
        channel: intake.channel,
        external_id,
        body: text,
        link: intake.link.clone(),
        screenshot_key,
        // Nothing to tell later when the answer is already final.
        contact: if matches!(reply, Reply::Confident(_)) { None } else { intake.contact.clone() },
        tipster,
        answer: reply.as_str(),
        clarification_id: matched,
        // Only a person on the web form (a token's owner is not the sender of what it posts).
        user_id: actor.user_id.filter(|_| intake.channel == Channel::Web),
    };
    let tip_id = repo::insert_tip(&mut tx, &new, now).await?;
    let code = code_of(year, tip_id);
    let received = Received { code, reply, duplicate: false };
    if reply_by_chat && let Some(to) = &intake.contact {
        let text = reply_text(app, &received);
        let job = SendChat {
            channel: intake.channel.as_str().into(),
            to: to.clone(),
            text,
            template: None,
            template_name: None,
        };
        jobs::enqueue(&mut tx, now, &job).await?;
    }
    // The trail names the tip and its rumour, never the person or the number.
    let after =
        serde_json::json!({ "channel": intake.channel.as_str(), "cluster_id": cluster_id, "answer": new.answer });
    // A signed-in person sending a tip is recorded as anonymous, like any citizen: the trail must
    // not tie a person to what they forwarded. A machine client (a token) is named.
    let auditor = if actor.user_id.is_none() { actor.clone() } else { Actor::anonymous(actor.request_id.clone()) };
    audit::record(&mut tx, &auditor, now, Event::new("tip.receive", "tip", tip_id).after(&after)).await?;
    if new_cluster {
        tx.commit().await?;
    } else {
        tx.commit_bookkeeping().await?;
    }
    if new_cluster && matched.is_none() {
        let mut s = app.factcheck.write();
        s.rumours.add(&cluster_id.to_string(), &sample(&new.body));
        s.open_rumours.insert(cluster_id, ());
    }
    drop(_one);
    if reply_by_chat {
        app.jobs_queued.notify_one();
    }
    Ok(received)
}

/// Where a closed rumour went: along `duplicate_of` (a few steps at most) to the rumour that
/// stands, with its clarification when it has one.
async fn settled_rumour(tx: &mut crate::infra::db::Tx, start: i64) -> AppResult<(i64, Option<i64>)> {
    let mut id = start;
    for _ in 0..5 {
        let Some(k) = repo::cluster(&mut *tx, id).await? else { break };
        match (k.state.as_str(), k.duplicate_of) {
            ("duplikat", Some(next)) => id = next,
            _ => return Ok((k.id, k.clarification_id)),
        }
    }
    Ok((id, None))
}

/// An open rumour that says the same as `text`.
fn same_rumour(app: &App, text: &str) -> Option<i64> {
    let s = app.factcheck.read();
    let best = s.rumours.rank(text, 1).into_iter().next()?;
    let short = claims::word_count(text) < claims::MIN_CONFIDENT_WORDS;
    let needed = if short { SAME_RUMOUR_SHORT } else { SAME_RUMOUR };
    (best.score >= needed).then(|| best.id.parse().ok()).flatten()
}

/// What editors read of a rumour: its first tip, shortened.
fn sample(text: &str) -> String {
    text.chars().take(1_000).collect()
}

/// Re-encodes a screenshot (no EXIF, no position) and keeps it privately for the editors.
async fn store_screenshot(app: &App, data: Vec<u8>) -> AppResult<String> {
    let limits = ImageLimits { max_bytes: app.config.max_upload_bytes, ..ImageLimits::default() };
    let refuse = |code: &str| {
        let mut e = FieldErrors::new();
        e.add("screenshot", code);
        AppError::Validation(e)
    };
    let processed = tokio::task::spawn_blocking(move || images::process(&data, limits))
        .await
        .map_err(anyhow::Error::from)?
        .map_err(|e| refuse(e.key()))?;
    let best = processed.variants.into_iter().max_by_key(|v| v.width).ok_or_else(|| refuse("err-image-not-image"))?;
    let key = format!("{SCREENSHOT_PREFIX}{}.jpg", crypto::random_token(12));
    app.storage.put(&key, best.jpeg).await?;
    Ok(key)
}

/// The label as titles show it: `[HOAKS]`.
pub fn label(verdict: crate::domain::factcheck::Verdict) -> String {
    format!("[{}]", verdict.as_str().replace('_', " "))
}

/// The reply a chat tipster gets at once (plain text, Indonesian).
pub fn reply_text(app: &App, r: &Received) -> String {
    let lang = Lang::Id;
    let link = |slug: &str| app.config.link(&format!("/klarifikasi/{slug}"));
    let code = r.code.to_string();
    match &r.reply {
        Reply::Confident(c) => lang.t_args(
            "tip-reply-confident",
            &[
                ("label", label(c.verdict)),
                ("title", c.title.clone()),
                ("summary", c.summary.clone()),
                ("link", link(&c.slug)),
            ],
        ),
        Reply::Candidates(items) => {
            let list = items
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{}. {} {}\n{}", i + 1, label(c.verdict), c.title, link(&c.slug)))
                .collect::<Vec<_>>()
                .join("\n");
            lang.t_args("tip-reply-candidates", &[("list", list), ("code", code)])
        }
        Reply::Unknown => lang.t_args("tip-reply-unknown", &[("code", code)]),
    }
}

/// What a tipster is told when the rumour they sent is clarified.
pub fn verdict_text(app: &App, code: &str, c: &repo::ClarificationRow) -> String {
    Lang::Id.t_args(
        "tip-notify-verdict",
        &[
            ("code", code.to_owned()),
            ("label", label(c.verdict)),
            ("title", c.title.clone()),
            ("summary", c.summary.clone()),
            ("link", app.config.link(&format!("/klarifikasi/{}", c.slug))),
        ],
    )
}

/// Queues the verdict for every tipster of these rumours who is waiting for it, on the channel
/// they used, and forgets their contacts. Call inside the publishing transaction.
pub async fn notify_waiting(
    app: &App,
    tx: &mut crate::infra::db::Tx,
    cluster_ids: &[i64],
    c: &repo::ClarificationRow,
    now: Timestamp,
) -> AppResult<usize> {
    let link = app.config.link(&format!("/klarifikasi/{}", c.slug));
    tell_waiting(tx, cluster_ids, now, |code| {
        let vars = vec![code.to_owned(), format!("{} {}", label(c.verdict), c.title), link.clone()];
        (verdict_text(app, code, c), Some(vars))
    })
    .await
}

/// Tells the waiting tipsters of a rumour the editors closed as not a checkable claim, and
/// forgets their contacts. Call inside the closing transaction.
pub async fn notify_closed(tx: &mut crate::infra::db::Tx, cluster_id: i64, now: Timestamp) -> AppResult<usize> {
    tell_waiting(tx, &[cluster_id], now, |code| {
        (Lang::Id.t_args("tip-notify-not-a-claim", &[("code", code.to_owned())]), None)
    })
    .await
}

/// Queues `message(code)` to every tipster of these rumours who left a way to reach them and
/// was not told yet, on the channel they used (e-mail for the web and the API), then forgets
/// their contacts: they were kept only for this.
async fn tell_waiting(
    tx: &mut crate::infra::db::Tx,
    cluster_ids: &[i64],
    now: Timestamp,
    message: impl Fn(&str) -> (String, Option<Vec<String>>),
) -> AppResult<usize> {
    let waiting = repo::tips_to_notify(tx, cluster_ids).await?;
    for w in &waiting {
        let code = code_of(w.year, w.id).to_string();
        let (text, template) = message(&code);
        match w.channel {
            Channel::WhatsApp | Channel::Telegram => {
                let job = SendChat {
                    channel: w.channel.as_str().into(),
                    to: w.contact.clone(),
                    text,
                    template,
                    template_name: None,
                };
                jobs::enqueue(tx, now, &job).await?;
            }
            Channel::Web | Channel::Api => {
                let subject = Lang::Id.t_args("tip-notify-subject", &[("code", code)]);
                jobs::enqueue(tx, now, &Mail { to: w.contact.clone(), subject, body: text, unsubscribe: None }).await?;
            }
        }
    }
    let ids: Vec<i64> = waiting.iter().map(|w| w.id).collect();
    repo::mark_notified(tx, &ids, now).await?;
    Ok(waiting.len())
}

/// Where a tip stands, for anyone holding its code.
pub async fn tip_status(app: &App, code: &str) -> AppResult<(TipCode, repo::TipStatus, Option<ClarificationItem>)> {
    let code = TipCode::parse(code).ok_or(AppError::NotFound)?;
    let status = repo::tip_status(&app.db, i64::from(code.year), code.number).await?.ok_or(AppError::NotFound)?;
    let clarification = match status.clarification_id {
        Some(id) => repo::items(&app.db, &[id]).await?.pop(),
        None => None,
    };
    Ok((code, status, clarification))
}

/// Search within clarifications: the matcher's ranking, those scoring at least `min_score`.
pub async fn search(app: &App, q: &str, limit: usize, min_score: f32) -> AppResult<Vec<ClarificationItem>> {
    let q: String = q.trim().chars().take(500).collect();
    if q.is_empty() {
        return Ok(Vec::new());
    }
    refresh(app, false).await?;
    let ranked: Vec<i64> =
        app.factcheck.rank(&q, limit).into_iter().filter(|(_, s)| *s >= min_score).map(|(id, _)| id).collect();
    let mut items = repo::items(&app.db, &ranked).await?;
    items.sort_by_key(|i| ranked.iter().position(|x| *x == i.id));
    Ok(items)
}

/// Forgets the contacts of tipsters whose rumour was never answered (after [`CONTACT_DAYS`])
/// and handled chat message ids (after a week).
pub async fn housekeeping(app: &App) -> anyhow::Result<()> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let mut n = repo::forget_contacts(&mut tx, now.plus_days(-CONTACT_DAYS)).await?;
    n += repo::purge_chat_inbox(&mut tx, now.plus_days(-crate::registry::KEEP_DAYS)).await?;
    tx.commit().await?;
    if n > 0 {
        tracing::info!(removed = n, "fact-check housekeeping");
    }
    Ok(())
}

/// The tips the signed-in person sent, for their own list.
pub async fn own_tips(app: &App, actor: &Actor) -> AppResult<Vec<repo::OwnTip>> {
    let user = actor.user_id.ok_or(AppError::Unauthenticated)?;
    Ok(repo::own_tips(&app.db, user, 100).await?)
}

/// How many clarifications are published (the home page's figure).
pub async fn clarifications_published(app: &App) -> AppResult<i64> {
    Ok(repo::count_clarifications(&app.db).await?)
}
