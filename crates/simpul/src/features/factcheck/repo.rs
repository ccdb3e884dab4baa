//! The fact-check tables: clarifications, rumour clusters, tips, notes, the chat inbox.
//! Tipsters' contacts are read only by [`tips_to_notify`] (to reply); no other query selects them.

use crate::{
    domain::{
        access::Role,
        factcheck::{Channel, ClusterState, ContentType, Verdict},
        time::Timestamp,
    },
    infra::db::{Db, DbError, Executor, Tx, query},
};

/// A published clarification as pages show it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClarificationRow {
    pub id: i64,
    pub slug: String,
    pub verdict: Verdict,
    pub content_type: Option<ContentType>,
    pub title: String,
    pub claim: String,
    pub summary: String,
    pub body_md: String,
    pub body_html: String,
    pub sources: String,
    pub appearance_url: Option<String>,
    pub first_appearance: Option<String>,
    pub author_name: Option<String>,
    pub published_at: Timestamp,
    pub updated_at: Timestamp,
}

const CLARIFICATION: &str = "SELECT c.id, c.slug, c.verdict, c.content_type, c.title, c.claim, c.summary, c.body_md,
    c.body_html, c.sources, c.appearance_url, c.first_appearance, u.name AS author_name, c.published_at, c.updated_at
    FROM clarifications c LEFT JOIN users u ON u.id = c.author_id";

/// A clarification in a list.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClarificationItem {
    pub id: i64,
    pub slug: String,
    pub verdict: Verdict,
    pub title: String,
    pub summary: String,
    pub published_at: Timestamp,
}

impl From<ClarificationRow> for ClarificationItem {
    fn from(c: ClarificationRow) -> Self {
        ClarificationItem {
            id: c.id,
            slug: c.slug,
            verdict: c.verdict,
            title: c.title,
            summary: c.summary,
            published_at: c.published_at,
        }
    }
}

/// What an editor writes.
#[derive(Debug, Clone)]
pub struct NewClarification {
    pub verdict: Verdict,
    pub content_type: Option<ContentType>,
    pub title: String,
    pub claim: String,
    pub summary: String,
    pub body_md: String,
    pub body_html: String,
    pub sources: String,
    pub appearance_url: Option<String>,
    pub first_appearance: Option<String>,
}

pub async fn insert_clarification(
    tx: &mut Tx,
    slug: &str,
    c: &NewClarification,
    author_id: Option<i64>,
    now: Timestamp,
) -> Result<i64, DbError> {
    query(
        "INSERT INTO clarifications (slug, verdict, content_type, title, claim, summary, body_md, body_html, sources,
         appearance_url, first_appearance, author_id, published_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $13) RETURNING id",
    )
    .bind(slug)
    .bind(c.verdict.as_str())
    .bind(c.content_type)
    .bind(c.title.as_str())
    .bind(c.claim.as_str())
    .bind(c.summary.as_str())
    .bind(c.body_md.as_str())
    .bind(c.body_html.as_str())
    .bind(c.sources.as_str())
    .bind(c.appearance_url.clone())
    .bind(c.first_appearance.clone())
    .bind(author_id)
    .bind(now.0)
    .scalar(tx)
    .await
}

/// Rewrites a clarification (its address stays).
pub async fn update_clarification(tx: &mut Tx, id: i64, c: &NewClarification, now: Timestamp) -> Result<u64, DbError> {
    query(
        "UPDATE clarifications SET verdict = $2, content_type = $3, title = $4, claim = $5, summary = $6, body_md = $7,
         body_html = $8, sources = $9, appearance_url = $10, first_appearance = $11, updated_at = $12 WHERE id = $1",
    )
    .bind(id)
    .bind(c.verdict.as_str())
    .bind(c.content_type)
    .bind(c.title.as_str())
    .bind(c.claim.as_str())
    .bind(c.summary.as_str())
    .bind(c.body_md.as_str())
    .bind(c.body_html.as_str())
    .bind(c.sources.as_str())
    .bind(c.appearance_url.clone())
    .bind(c.first_appearance.clone())
    .bind(now.0)
    .execute(tx)
    .await
}

pub async fn slug_taken(ex: impl Executor, slug: &str) -> Result<bool, DbError> {
    query("SELECT COUNT(*) FROM clarifications WHERE slug = $1").bind(slug).scalar::<i64>(ex).await.map(|n| n > 0)
}

pub async fn clarification(ex: impl Executor, id: i64) -> Result<Option<ClarificationRow>, DbError> {
    query(format!("{CLARIFICATION} WHERE c.id = $1")).bind(id).fetch_optional(ex).await
}

pub async fn clarification_by_slug(db: &Db, slug: &str) -> Result<Option<ClarificationRow>, DbError> {
    query(format!("{CLARIFICATION} WHERE c.slug = $1")).bind(slug).fetch_optional(db).await
}

/// The newest clarifications first.
pub async fn latest(db: &Db, offset: i64, limit: i64) -> Result<Vec<ClarificationRow>, DbError> {
    query(format!("{CLARIFICATION} ORDER BY c.published_at DESC, c.id DESC LIMIT $1 OFFSET $2"))
        .bind(limit)
        .bind(offset)
        .fetch_all(db)
        .await
}

/// Clarifications by id, in no particular order.
pub async fn items(db: &Db, ids: &[i64]) -> Result<Vec<ClarificationItem>, DbError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    query(format!("SELECT id, slug, verdict, title, summary, published_at FROM clarifications WHERE id IN ({list})"))
        .fetch_all(db)
        .await
}

/// A clarification's claim, for the matcher.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClaimText {
    pub id: i64,
    pub claim: String,
    pub updated_at: i64,
}

/// Claims published or edited at or after `since` (all of them from 0).
pub async fn claims_changed_since(db: &Db, since: i64) -> Result<Vec<ClaimText>, DbError> {
    query("SELECT id, claim, updated_at FROM clarifications WHERE updated_at >= $1 ORDER BY id")
        .bind(since)
        .fetch_all(db)
        .await
}

/// (id, updated_at) of clarifications changed at or after `since`.
pub async fn claim_stamps_since(db: &Db, since: i64) -> Result<Vec<(i64, i64)>, DbError> {
    #[derive(sqlx::FromRow)]
    struct Stamp {
        id: i64,
        updated_at: i64,
    }
    let rows: Vec<Stamp> =
        query("SELECT id, updated_at FROM clarifications WHERE updated_at >= $1").bind(since).fetch_all(db).await?;
    Ok(rows.into_iter().map(|r| (r.id, r.updated_at)).collect())
}

/// The claims of these clarifications.
pub async fn claims_by_ids(db: &Db, ids: &[i64]) -> Result<Vec<ClaimText>, DbError> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        let list = chunk.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        out.extend(
            query(format!("SELECT id, claim, updated_at FROM clarifications WHERE id IN ({list})"))
                .fetch_all::<ClaimText>(db)
                .await?,
        );
    }
    Ok(out)
}

/// A rumour's text and state, for the matcher of new tips.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RumourText {
    pub id: i64,
    pub sample: String,
    pub state: ClusterState,
    pub updated_at: i64,
}

/// Rumours created or moved at or after `since` (from 0: every open one).
pub async fn rumours_changed_since(db: &Db, since: i64) -> Result<Vec<RumourText>, DbError> {
    let open_only = if since == 0 { " AND state IN ($2, $3)" } else { " AND $2 IS NOT NULL AND $3 IS NOT NULL" };
    query(format!(
        "SELECT id, sample, state, updated_at FROM tip_clusters WHERE updated_at >= $1{open_only} ORDER BY id"
    ))
    .bind(since)
    .bind(ClusterState::BelumDicek)
    .bind(ClusterState::SedangDicek)
    .fetch_all(db)
    .await
}

/// A rumour on the desk.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClusterRow {
    pub id: i64,
    pub state: ClusterState,
    pub sample: String,
    pub tip_count: i64,
    pub first_seen: Timestamp,
    pub last_seen: Timestamp,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub duplicate_of: Option<i64>,
    pub clarification_id: Option<i64>,
    pub clarification_slug: Option<String>,
}

const CLUSTER: &str = "SELECT k.id, k.state, k.sample, k.tip_count, k.first_seen, k.last_seen, k.assignee_id,
    u.name AS assignee_name, k.duplicate_of, k.clarification_id, c.slug AS clarification_slug, k.updated_at
    FROM tip_clusters k LEFT JOIN users u ON u.id = k.assignee_id LEFT JOIN clarifications c ON c.id = k.clarification_id";

pub async fn cluster(ex: impl Executor, id: i64) -> Result<Option<ClusterRow>, DbError> {
    query(format!("{CLUSTER} WHERE k.id = $1")).bind(id).fetch_optional(ex).await
}

/// The desk's queue: the rumours in `states`, the most recently seen first.
pub async fn clusters(db: &Db, states: &[ClusterState], offset: i64, limit: i64) -> Result<Vec<ClusterRow>, DbError> {
    let mut q = String::from(CLUSTER);
    if !states.is_empty() {
        let marks: Vec<String> = (0..states.len()).map(|i| format!("${}", i + 3)).collect();
        q.push_str(&format!(" WHERE k.state IN ({})", marks.join(", ")));
    }
    q.push_str(" ORDER BY k.last_seen DESC, k.id DESC LIMIT $1 OFFSET $2");
    let mut query = query(q).bind(limit).bind(offset);
    for s in states {
        query = query.bind(*s);
    }
    query.fetch_all(db).await
}

/// The rumours spreading most in a period: clusters by tips received since `since`.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Trend {
    pub id: i64,
    pub state: ClusterState,
    pub sample: String,
    pub recent: i64,
}

pub async fn trending(db: &Db, since: Timestamp, limit: i64) -> Result<Vec<Trend>, DbError> {
    query(
        "SELECT k.id, k.state, k.sample, COUNT(t.id) AS recent FROM tip_clusters k JOIN tips t ON t.cluster_id = k.id
         WHERE t.created_at >= $1 GROUP BY k.id, k.state, k.sample ORDER BY recent DESC, k.id DESC LIMIT $2",
    )
    .bind(since.0)
    .bind(limit)
    .fetch_all(db)
    .await
}

pub async fn insert_cluster(tx: &mut Tx, state: ClusterState, sample: &str, now: Timestamp) -> Result<i64, DbError> {
    query(
        "INSERT INTO tip_clusters (state, sample, tip_count, first_seen, last_seen, created_at, updated_at)
         VALUES ($1, $2, 0, $3, $3, $3, $3) RETURNING id",
    )
    .bind(state)
    .bind(sample)
    .bind(now.0)
    .scalar(tx)
    .await
}

/// One more tip of a rumour; with `only_open`, only while it is still open (on PostgreSQL the
/// row lock orders this with a concurrent publish). Returns whether it was counted.
pub async fn count_tip(tx: &mut Tx, id: i64, now: Timestamp, only_open: bool) -> Result<bool, DbError> {
    let open = if only_open { " AND state IN ($3, $4)" } else { " AND $3 IS NOT NULL AND $4 IS NOT NULL" };
    query(format!("UPDATE tip_clusters SET tip_count = tip_count + 1, last_seen = $2 WHERE id = $1{open}"))
        .bind(id)
        .bind(now.0)
        .bind(ClusterState::BelumDicek)
        .bind(ClusterState::SedangDicek)
        .execute(tx)
        .await
        .map(|n| n == 1)
}

/// The cluster a clarification answers (the one it was published for).
pub async fn cluster_of_clarification(ex: impl Executor, clarification_id: i64) -> Result<Option<i64>, DbError> {
    query("SELECT id FROM tip_clusters WHERE clarification_id = $1 AND state = $2 ORDER BY id LIMIT 1")
        .bind(clarification_id)
        .bind(ClusterState::Terbit)
        .scalar_optional(ex)
        .await
}

/// Moves a rumour from `from` to `to` if nobody moved it first; returns whether it did.
pub async fn set_state(
    tx: &mut Tx,
    id: i64,
    from: ClusterState,
    to: ClusterState,
    duplicate_of: Option<i64>,
    clarification_id: Option<i64>,
    now: Timestamp,
) -> Result<bool, DbError> {
    query(
        "UPDATE tip_clusters SET state = $3, duplicate_of = $4, clarification_id = COALESCE($5, clarification_id),
         updated_at = $6 WHERE id = $1 AND state = $2",
    )
    .bind(id)
    .bind(from)
    .bind(to)
    .bind(duplicate_of)
    .bind(clarification_id)
    .bind(now.0)
    .execute(tx)
    .await
    .map(|n| n == 1)
}

pub async fn assign(tx: &mut Tx, id: i64, user_id: Option<i64>, now: Timestamp) -> Result<u64, DbError> {
    query("UPDATE tip_clusters SET assignee_id = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(user_id)
        .bind(now.0)
        .execute(tx)
        .await
}

/// Rumours marked as duplicates of `from` become duplicates of `to`.
pub async fn repoint_duplicates(tx: &mut Tx, from: i64, to: i64, now: Timestamp) -> Result<u64, DbError> {
    query("UPDATE tip_clusters SET duplicate_of = $2, updated_at = $3 WHERE duplicate_of = $1 AND state = $4")
        .bind(from)
        .bind(to)
        .bind(now.0)
        .bind(ClusterState::Duplikat)
        .execute(tx)
        .await
}

/// The rumours marked as duplicates of `id`.
pub async fn duplicates_of(ex: impl Executor, id: i64) -> Result<Vec<i64>, DbError> {
    query("SELECT id FROM tip_clusters WHERE duplicate_of = $1 AND state = $2")
        .bind(id)
        .bind(ClusterState::Duplikat)
        .scalars(ex)
        .await
}

/// People who may work the desk (assignment choices): (id, name).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Checker {
    pub id: i64,
    pub name: String,
}

pub async fn checkers(db: &Db) -> Result<Vec<Checker>, DbError> {
    query(
        "SELECT DISTINCT u.id, u.name FROM users u JOIN user_roles r ON r.user_id = u.id
         WHERE r.role IN ($1, $2) AND u.disabled = FALSE ORDER BY u.name",
    )
    .bind(Role::Redaksi)
    .bind(Role::Admin)
    .fetch_all(db)
    .await
}

/// A tip as it is stored.
#[derive(Debug, Clone)]
pub struct NewTip {
    pub year: i64,
    pub cluster_id: i64,
    pub channel: Channel,
    pub external_id: Option<String>,
    pub body: String,
    pub link: Option<String>,
    pub screenshot_key: Option<String>,
    pub contact: Option<String>,
    pub tipster: Option<String>,
    pub answer: &'static str,
    pub clarification_id: Option<i64>,
    /// The signed-in account that sent it, for its own list ("Laporan saya").
    pub user_id: Option<i64>,
}

pub async fn insert_tip(tx: &mut Tx, t: &NewTip, now: Timestamp) -> Result<i64, DbError> {
    query(
        "INSERT INTO tips (year, cluster_id, channel, external_id, body, link, screenshot_key, contact, tipster, answer,
         clarification_id, created_at, user_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         RETURNING id",
    )
    .bind(t.year)
    .bind(t.cluster_id)
    .bind(t.channel)
    .bind(t.external_id.clone())
    .bind(t.body.as_str())
    .bind(t.link.clone())
    .bind(t.screenshot_key.clone())
    .bind(t.contact.clone())
    .bind(t.tipster.clone())
    .bind(t.answer)
    .bind(t.clarification_id)
    .bind(now.0)
    .bind(t.user_id)
    .scalar(tx)
    .await
}

/// A tip in its sender's own list: what they sent and where its rumour stands.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OwnTip {
    pub id: i64,
    pub year: i64,
    pub body: String,
    pub created_at: Timestamp,
    pub state: ClusterState,
    pub clarification_slug: Option<String>,
    pub clarification_title: Option<String>,
}

impl OwnTip {
    /// Its ticket code (`CEK-2026-000123`).
    pub fn code(&self) -> String {
        crate::domain::factcheck::TipCode { year: self.year as i32, number: self.id }.to_string()
    }
}

/// The tips an account sent, newest first.
pub async fn own_tips(db: &Db, user_id: i64, limit: i64) -> Result<Vec<OwnTip>, DbError> {
    query(
        "SELECT t.id, t.year, t.body, t.created_at, k.state, c.slug AS clarification_slug,
         c.title AS clarification_title
         FROM tips t JOIN tip_clusters k ON k.id = t.cluster_id LEFT JOIN tip_clusters d ON d.id = k.duplicate_of
         LEFT JOIN clarifications c ON c.id = COALESCE(k.clarification_id, d.clarification_id, t.clarification_id)
         WHERE t.user_id = $1 ORDER BY t.id DESC LIMIT $2",
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// What anyone holding a tip's code may see: where its rumour stands, never the text.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TipStatus {
    pub year: i64,
    pub created_at: Timestamp,
    pub state: ClusterState,
    pub clarification_id: Option<i64>,
}

pub async fn tip_status(db: &Db, year: i64, id: i64) -> Result<Option<TipStatus>, DbError> {
    query(
        "SELECT t.id, t.year, t.created_at, k.state,
         COALESCE(k.clarification_id, d.clarification_id, t.clarification_id) AS clarification_id
         FROM tips t JOIN tip_clusters k ON k.id = t.cluster_id LEFT JOIN tip_clusters d ON d.id = k.duplicate_of
         WHERE t.id = $1 AND t.year = $2",
    )
    .bind(id)
    .bind(year)
    .fetch_optional(db)
    .await
}

/// The tip a chat message became (a redelivery).
pub async fn tip_by_external(ex: impl Executor, channel: Channel, external_id: &str) -> Result<Option<i64>, DbError> {
    query("SELECT id FROM tips WHERE channel = $1 AND external_id = $2")
        .bind(channel)
        .bind(external_id)
        .scalar_optional(ex)
        .await
}

/// A tip as editors see it: the text, the channel and a pseudonym, never the contact.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DeskTip {
    pub id: i64,
    pub year: i64,
    pub channel: Channel,
    pub body: String,
    pub link: Option<String>,
    pub has_screenshot: bool,
    pub tipster: Option<String>,
    pub answer: String,
    pub created_at: Timestamp,
}

const DESK_TIP: &str = "SELECT id, year, channel, body, link, screenshot_key IS NOT NULL AS has_screenshot, tipster,
    answer, created_at FROM tips";

pub async fn tips_of(db: &Db, cluster_id: i64, limit: i64) -> Result<Vec<DeskTip>, DbError> {
    query(format!("{DESK_TIP} WHERE cluster_id = $1 ORDER BY id DESC LIMIT $2"))
        .bind(cluster_id)
        .bind(limit)
        .fetch_all(db)
        .await
}

/// The tips received in a period, for the export.
pub async fn tips_between(db: &Db, from: Timestamp, to: Timestamp, limit: i64) -> Result<Vec<ExportTip>, DbError> {
    query(
        "SELECT t.id, t.year, t.created_at, t.channel, t.tipster, t.answer, t.cluster_id, k.state, t.body
         FROM tips t JOIN tip_clusters k ON k.id = t.cluster_id WHERE t.created_at >= $1 AND t.created_at < $2
         ORDER BY t.id LIMIT $3",
    )
    .bind(from.0)
    .bind(to.0)
    .bind(limit)
    .fetch_all(db)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExportTip {
    pub id: i64,
    pub year: i64,
    pub created_at: Timestamp,
    pub channel: Channel,
    pub tipster: Option<String>,
    pub answer: String,
    pub cluster_id: i64,
    pub state: ClusterState,
    pub body: String,
}

/// Tips per channel of a cluster: (channel, count).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChannelCount {
    pub cluster_id: i64,
    pub channel: Channel,
    pub count: i64,
}

pub async fn channel_counts(db: &Db, cluster_ids: &[i64]) -> Result<Vec<ChannelCount>, DbError> {
    if cluster_ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = cluster_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    query(format!(
        "SELECT cluster_id, channel, COUNT(*) AS count FROM tips WHERE cluster_id IN ({list})
         GROUP BY cluster_id, channel ORDER BY cluster_id, channel"
    ))
    .fetch_all(db)
    .await
}

pub async fn screenshot_key(db: &Db, tip_id: i64) -> Result<Option<String>, DbError> {
    query("SELECT screenshot_key FROM tips WHERE id = $1")
        .bind(tip_id)
        .scalar_optional::<Option<String>>(db)
        .await
        .map(Option::flatten)
}

/// A tipster waiting to hear of a verdict: the one place a contact is read.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Waiting {
    pub id: i64,
    pub year: i64,
    pub channel: Channel,
    pub contact: String,
}

/// Tipsters of these clusters who left a way to reach them and were not told yet.
pub async fn tips_to_notify(tx: &mut Tx, cluster_ids: &[i64]) -> Result<Vec<Waiting>, DbError> {
    if cluster_ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = cluster_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    query(format!(
        "SELECT id, year, channel, contact FROM tips WHERE cluster_id IN ({list}) AND contact IS NOT NULL
         AND notified_at IS NULL AND answer <> 'confident' ORDER BY id"
    ))
    .fetch_all(tx)
    .await
}

/// Marks tipsters as told, and forgets their contact: it was kept only for this.
pub async fn mark_notified(tx: &mut Tx, ids: &[i64], now: Timestamp) -> Result<(), DbError> {
    for chunk in ids.chunks(500) {
        let list = chunk.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        query(format!("UPDATE tips SET notified_at = $1, contact = NULL WHERE id IN ({list})"))
            .bind(now.0)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// Forgets contacts kept longer than needed (tips whose rumour was never answered).
pub async fn forget_contacts(tx: &mut Tx, before: Timestamp) -> Result<u64, DbError> {
    query("UPDATE tips SET contact = NULL WHERE contact IS NOT NULL AND created_at < $1")
        .bind(before.0)
        .execute(tx)
        .await
}

/// Records a chat message as handled; false when it already was (a redelivery).
pub async fn claim_message(tx: &mut Tx, channel: Channel, external_id: &str, now: Timestamp) -> Result<bool, DbError> {
    query("INSERT INTO chat_inbox (channel, external_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(channel)
        .bind(external_id)
        .bind(now.0)
        .execute(tx)
        .await
        .map(|n| n == 1)
}

/// Forgets handled chat message ids older than `before` (platforms redeliver within hours).
pub async fn purge_chat_inbox(tx: &mut Tx, before: Timestamp) -> Result<u64, DbError> {
    query("DELETE FROM chat_inbox WHERE created_at < $1").bind(before.0).execute(tx).await
}

/// An editor's note.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Note {
    pub author: Option<String>,
    pub body: String,
    pub evidence_url: Option<String>,
    pub created_at: Timestamp,
}

pub async fn notes(db: &Db, cluster_id: i64) -> Result<Vec<Note>, DbError> {
    query(
        "SELECT n.id, u.name AS author, n.body, n.evidence_url, n.created_at FROM tip_cluster_notes n
         LEFT JOIN users u ON u.id = n.user_id WHERE n.cluster_id = $1 ORDER BY n.id",
    )
    .bind(cluster_id)
    .fetch_all(db)
    .await
}

pub async fn insert_note(
    tx: &mut Tx,
    cluster_id: i64,
    user_id: Option<i64>,
    body: &str,
    evidence_url: Option<&str>,
    now: Timestamp,
) -> Result<i64, DbError> {
    query(
        "INSERT INTO tip_cluster_notes (cluster_id, user_id, body, evidence_url, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(cluster_id)
    .bind(user_id)
    .bind(body)
    .bind(evidence_url.map(str::to_owned))
    .bind(now.0)
    .scalar(tx)
    .await
}

/// Counts for the desk's header: (state, clusters).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StateCount {
    pub state: ClusterState,
    pub count: i64,
}

pub async fn state_counts(db: &Db) -> Result<Vec<StateCount>, DbError> {
    query("SELECT state, COUNT(*) AS count FROM tip_clusters GROUP BY state ORDER BY state").fetch_all(db).await
}

/// A key the deployment shares, made on first use (every node then reads the same one).
pub async fn site_key(db: &Db, name: &str, fresh: &str) -> Result<String, DbError> {
    let mut tx = db.begin().await?;
    query("INSERT INTO site_keys (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(name)
        .bind(fresh)
        .execute(&mut tx)
        .await?;
    let v: String = query("SELECT value FROM site_keys WHERE name = $1").bind(name).scalar(&mut tx).await?;
    tx.commit_bookkeeping().await?;
    Ok(v)
}

/// Rumours nobody has finished checking: (count, the oldest first).
pub async fn open_rumours(db: &Db, limit: i64) -> Result<(i64, Vec<ClusterRow>), DbError> {
    let open = [ClusterState::BelumDicek, ClusterState::SedangDicek];
    let count = query("SELECT COUNT(*) FROM tip_clusters WHERE state IN ($1, $2)")
        .bind(open[0])
        .bind(open[1])
        .scalar(db)
        .await?;
    let rows = query(format!("{CLUSTER} WHERE k.state IN ($1, $2) ORDER BY k.first_seen, k.id LIMIT $3"))
        .bind(open[0])
        .bind(open[1])
        .bind(limit)
        .fetch_all(db)
        .await?;
    Ok((count, rows))
}

/// How many clarifications are published.
pub async fn count_clarifications(db: &Db) -> Result<i64, DbError> {
    query("SELECT COUNT(*) FROM clarifications").scalar(db).await
}

/// Every stored tip screenshot's key (for the sweep of files left by an interrupted tip).
pub async fn screenshot_keys(ex: impl Executor) -> Result<Vec<String>, DbError> {
    query("SELECT screenshot_key FROM tips WHERE screenshot_key IS NOT NULL").scalars(ex).await
}
