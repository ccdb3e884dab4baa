//! SQL for news articles, their versions and review notes.

use crate::{
    domain::{
        access::Role,
        article::{ArticleInput, ArticleState},
        time::Timestamp,
    },
    infra::db::{Arg, DbError, Executor, Sql, Tx, query},
};

/// An article with the names it is shown with.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ArticleRow {
    pub id: i64,
    pub slug: Option<String>,
    pub title: String,
    pub lead: String,
    pub body_md: String,
    pub body_html: String,
    pub category_id: Option<i64>,
    pub category_name: Option<String>,
    pub category_slug: Option<String>,
    pub kim_id: Option<i64>,
    pub kim_name: Option<String>,
    pub kim_slug: Option<String>,
    pub author_id: Option<i64>,
    pub author_name: Option<String>,
    pub editor_name: Option<String>,
    pub state: ArticleState,
    pub published_at: Option<Timestamp>,
    pub scheduled_at: Option<Timestamp>,
    pub updated_at: Timestamp,
    pub cover_media_id: Option<i64>,
    pub cover_key: Option<String>,
    pub cover_widths: Option<String>,
    pub cover_alt: Option<String>,
    pub cover_caption: Option<String>,
    pub cover_credit: Option<String>,
    pub video_url: Option<String>,
    pub region_id: Option<i64>,
    /// The region's name, level and (for a kelurahan) its kecamatan's name.
    pub region_name: Option<String>,
    pub region_level: Option<String>,
    pub region_parent: Option<String>,
    /// Written as a training session's practice assignment.
    pub training_session_id: Option<i64>,
    /// "Baca juga" as stored at publication (see `related`): ids, best first.
    pub related_ids: Option<String>,
}

const SELECT: &str =
    "SELECT a.id, a.slug, a.title, a.lead, a.body_md, a.body_html, a.category_id, c.name AS category_name,
    c.slug AS category_slug, a.kim_id, k.name AS kim_name, k.slug AS kim_slug, a.author_id, au.name AS author_name,
    ed.name AS editor_name, a.state, a.published_at, a.scheduled_at, a.updated_at, a.cover_media_id, m.key AS cover_key,
    m.widths AS cover_widths, m.alt AS cover_alt, a.cover_caption, a.cover_credit, a.video_url, a.region_id,
    rg.name AS region_name, rg.level AS region_level, CASE WHEN rg.level = 'kelurahan' THEN rp.name END AS region_parent,
    a.training_session_id, a.related_ids
    FROM articles a LEFT JOIN categories c ON c.id = a.category_id LEFT JOIN kim_groups k ON k.id = a.kim_id
    LEFT JOIN users au ON au.id = a.author_id LEFT JOIN users ed ON ed.id = a.editor_id
    LEFT JOIN media m ON m.id = a.cover_media_id LEFT JOIN regions rg ON rg.id = a.region_id
    LEFT JOIN regions rp ON rp.id = rg.parent_id";

/// How much of each article a list needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Titles, leads, names and dates: pages that list articles (the bodies are left empty).
    Summary,
    /// With the bodies: feeds and the API.
    Full,
}

impl Detail {
    fn select(self) -> &'static str {
        static SUMMARY: std::sync::LazyLock<String> =
            std::sync::LazyLock::new(|| SELECT.replacen("a.body_md, a.body_html", "'' AS body_md, '' AS body_html", 1));
        match self {
            Detail::Summary => SUMMARY.as_str(),
            Detail::Full => SELECT,
        }
    }
}

pub async fn find(ex: impl Executor, id: i64) -> Result<Option<ArticleRow>, DbError> {
    query(format!("{SELECT} WHERE a.id = $1")).bind(id).fetch_optional(ex).await
}

pub async fn find_published(ex: impl Executor, slug: &str) -> Result<Option<ArticleRow>, DbError> {
    query(format!("{SELECT} WHERE a.slug = $1 AND a.state = $2"))
        .bind(slug)
        .bind(ArticleState::Published)
        .fetch_optional(ex)
        .await
}

/// A writer's own articles, last changed first.
pub async fn list_by_author(ex: impl Executor, user_id: i64) -> Result<Vec<ArticleRow>, DbError> {
    query(format!("{SELECT} WHERE a.author_id = $1 ORDER BY a.updated_at DESC, a.id DESC LIMIT 200"))
        .bind(user_id)
        .fetch_all(ex)
        .await
}

/// Articles waiting for the Redaksi: of the given KIM groups, or of every group and the city
/// desk when `all` is set.
pub async fn review_queue(ex: impl Executor, kim_ids: &[i64], all: bool) -> Result<Vec<ArticleRow>, DbError> {
    let ids = kim_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    // The id list comes from the editor's own grants (integers), never from input.
    let scope = if all {
        "TRUE".to_owned()
    } else if ids.is_empty() {
        "FALSE".to_owned()
    } else {
        format!("a.kim_id IN ({ids})")
    };
    query(format!("{SELECT} WHERE a.state IN ($1, $2) AND {scope} ORDER BY a.updated_at, a.id LIMIT 200"))
        .bind(ArticleState::Submitted)
        .bind(ArticleState::Scheduled)
        .fetch_all(ex)
        .await
}

/// Published articles, newest first.
pub async fn list_published(
    ex: impl Executor + Copy,
    limit: i64,
    offset: i64,
    detail: Detail,
) -> Result<Vec<ArticleRow>, DbError> {
    list_published_in(ex, None, None, limit, offset, detail).await
}

/// Published articles of one category (`category_id`) or one KIM group (`kim_id`), newest first.
///
/// Two steps, so deep pages stay fast: the ids come from an index alone (skipping rows costs
/// nothing but index entries), then only those rows are read with their names.
pub async fn list_published_in(
    ex: impl Executor + Copy,
    category_id: Option<i64>,
    kim_id: Option<i64>,
    limit: i64,
    offset: i64,
    detail: Detail,
) -> Result<Vec<ArticleRow>, DbError> {
    let ids: Vec<i64> = query(
        "SELECT id FROM articles WHERE state = $5 AND ($1 IS NULL OR category_id = $1) AND ($2 IS NULL OR kim_id = $2)
         ORDER BY published_at DESC, id DESC LIMIT $3 OFFSET $4",
    )
    .bind(category_id)
    .bind(kim_id)
    .bind(limit)
    .bind(offset)
    .bind(ArticleState::Published)
    .scalars(ex)
    .await?;
    published_by_ids(ex, &ids, detail).await
}

/// The published articles among these ids, newest first.
async fn published_by_ids(ex: impl Executor, ids: &[i64], detail: Detail) -> Result<Vec<ArticleRow>, DbError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // Integers read from the database, never input. The state is checked here rather than in
    // SQL: with it there, SQLite walks the state index over every published article instead
    // of fetching these few rows by key (36 ms instead of 0.1 ms with 100,000 articles).
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let mut rows: Vec<ArticleRow> =
        query(format!("{} WHERE a.id IN ({list}) ORDER BY a.published_at DESC, a.id DESC", detail.select()))
            .fetch_all(ex)
            .await?;
    rows.retain(|r| r.state == ArticleState::Published);
    Ok(rows)
}

/// "Baca juga" candidates: the newest articles sharing each of the article's tags and the
/// newest of its category, one id per shared trait (an id repeats when it shares several).
/// Each part reads a few index entries, so the cost does not grow with popular tags.
pub async fn related_candidates(
    ex: impl Executor + Copy,
    article_id: i64,
    category_id: Option<i64>,
    per_part: i64,
) -> Result<Vec<i64>, DbError> {
    let tags: Vec<i64> = query("SELECT tag_id FROM article_tags WHERE article_id = $1 ORDER BY tag_id LIMIT 10")
        .bind(article_id)
        .scalars(ex)
        .await?;
    // Tag and category ids are integers from the database; the article id and limit are bound.
    let mut parts: Vec<String> = tags
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!(
                "SELECT * FROM (SELECT x.article_id FROM article_tags x WHERE x.tag_id = {t} AND x.article_id <> $1
                 ORDER BY x.article_id DESC LIMIT $2) AS t{i}"
            )
        })
        .collect();
    if let Some(c) = category_id {
        parts.push(format!(
            "SELECT * FROM (SELECT a.id AS article_id FROM articles a WHERE a.category_id = {c} AND a.state = $3
             AND a.id <> $1 ORDER BY a.published_at DESC, a.id DESC LIMIT $2) AS c"
        ));
    }
    if parts.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = query(parts.join(" UNION ALL ")).bind(article_id).bind(per_part);
    if category_id.is_some() {
        q = q.bind(ArticleState::Published);
    }
    q.scalars(ex).await
}

/// Published articles by id, with their bodies, newest first.
pub async fn published_by_id(ex: impl Executor, ids: &[i64]) -> Result<Vec<ArticleRow>, DbError> {
    published_by_ids(ex, ids, Detail::Full).await
}

/// Published articles by id, without their bodies, in no particular order.
pub async fn published_summaries(ex: impl Executor, ids: &[i64]) -> Result<Vec<ArticleRow>, DbError> {
    published_by_ids(ex, ids, Detail::Summary).await
}

pub async fn insert(
    tx: &mut Tx,
    a: &ArticleInput,
    body_html: &str,
    kim_id: Option<i64>,
    author_id: Option<i64>,
    now: Timestamp,
) -> Result<i64, DbError> {
    query(
        "INSERT INTO articles (title, lead, body_md, body_html, category_id, kim_id, author_id, state, created_at, updated_at,
            cover_media_id, cover_caption, cover_credit, video_url, region_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $14, $8, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(a.title.as_str())
    .bind(a.lead.as_str())
    .bind(a.body.as_str())
    .bind(body_html)
    .bind(a.category_id)
    .bind(kim_id)
    .bind(author_id)
    .bind(now.0)
    .bind(a.cover_media_id)
    .bind(a.cover_caption.clone())
    .bind(a.cover_credit.clone())
    .bind(a.video_url.clone())
    .bind(a.region_id)
    .bind(ArticleState::Draft)
    .scalar(tx)
    .await
}

/// Marks a draft as a training session's practice assignment.
pub async fn set_practice_session(tx: &mut Tx, article_id: i64, session_id: i64) -> Result<(), DbError> {
    query("UPDATE articles SET training_session_id = $2 WHERE id = $1")
        .bind(article_id)
        .bind(session_id)
        .execute(tx)
        .await
        .map(|_| ())
}

pub async fn update_text(
    tx: &mut Tx,
    id: i64,
    a: &ArticleInput,
    body_html: &str,
    now: Timestamp,
) -> Result<(), DbError> {
    query(
        "UPDATE articles SET title = $2, lead = $3, body_md = $4, body_html = $5, category_id = $6, updated_at = $7,
            cover_media_id = $8, cover_caption = $9, cover_credit = $10, video_url = $11, region_id = $12 WHERE id = $1",
    )
    .bind(id)
    .bind(a.title.as_str())
    .bind(a.lead.as_str())
    .bind(a.body.as_str())
    .bind(body_html)
    .bind(a.category_id)
    .bind(now.0)
    .bind(a.cover_media_id)
    .bind(a.cover_caption.clone())
    .bind(a.cover_credit.clone())
    .bind(a.video_url.clone())
    .bind(a.region_id)
    .execute(tx)
    .await?;
    Ok(())
}

pub async fn insert_version(
    tx: &mut Tx,
    article_id: i64,
    a: &ArticleInput,
    saved_by: Option<i64>,
    now: Timestamp,
) -> Result<(), DbError> {
    query("INSERT INTO article_versions (article_id, title, lead, body_md, saved_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(article_id)
        .bind(a.title.as_str())
        .bind(a.lead.as_str())
        .bind(a.body.as_str())
        .bind(saved_by)
        .bind(now.0)
        .execute(tx)
        .await?;
    Ok(())
}

/// A saved version of an article: who saved it and when.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VersionRow {
    pub id: i64,
    pub saved_by_name: Option<String>,
    pub created_at: Timestamp,
}

/// An article's saved versions, oldest first (without their texts).
pub async fn versions(ex: impl Executor, article_id: i64) -> Result<Vec<VersionRow>, DbError> {
    query(
        "SELECT v.id, u.name AS saved_by_name, v.created_at
         FROM article_versions v LEFT JOIN users u ON u.id = v.saved_by WHERE v.article_id = $1 ORDER BY v.id",
    )
    .bind(article_id)
    .fetch_all(ex)
    .await
}

/// The text of one saved version.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VersionText {
    pub title: String,
    pub lead: String,
    pub body_md: String,
}

pub async fn version_text(ex: impl Executor, version_id: i64) -> Result<Option<VersionText>, DbError> {
    query("SELECT title, lead, body_md FROM article_versions WHERE id = $1").bind(version_id).fetch_optional(ex).await
}

pub async fn count_versions(ex: impl Executor, article_id: i64) -> Result<i64, DbError> {
    query("SELECT COUNT(*) FROM article_versions WHERE article_id = $1").bind(article_id).scalar(ex).await
}

/// A move to another workflow state.
pub struct StateChange<'a> {
    pub state: ArticleState,
    /// The editor to credit; kept as it was when `None`.
    pub editor: Option<i64>,
    /// Set on first publication; kept when `None`.
    pub slug: Option<&'a str>,
    /// Recorded the first time the article is published.
    pub published_at: Option<Timestamp>,
    /// The scheduled time while `terjadwal`, otherwise cleared.
    pub scheduled_at: Option<Timestamp>,
}

pub async fn set_state(tx: &mut Tx, id: i64, c: &StateChange<'_>, now: Timestamp) -> Result<(), DbError> {
    query(
        "UPDATE articles SET state = $2, editor_id = COALESCE($3, editor_id), slug = COALESCE($4, slug),
            published_at = COALESCE(published_at, $5), scheduled_at = $7, updated_at = $6 WHERE id = $1",
    )
    .bind(id)
    .bind(c.state)
    .bind(c.editor)
    .bind(c.slug)
    .bind(c.published_at.map(|t| t.0))
    .bind(now.0)
    .bind(c.scheduled_at.map(|t| t.0))
    .execute(tx)
    .await?;
    Ok(())
}

/// Replaces an article's tags, creating tags that do not exist yet.
pub async fn set_tags(tx: &mut Tx, article_id: i64, tags: &[String]) -> Result<(), DbError> {
    query("DELETE FROM article_tags WHERE article_id = $1").bind(article_id).execute(&mut *tx).await?;
    for name in tags {
        let slug = simpul_text::slugify(name, 40);
        query("INSERT INTO tags (slug, name) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING")
            .bind(slug.as_str())
            .bind(name.as_str())
            .execute(&mut *tx)
            .await?;
        query("INSERT INTO article_tags (article_id, tag_id) SELECT $1, id FROM tags WHERE slug = $2 ON CONFLICT DO NOTHING")
            .bind(article_id)
            .bind(slug.as_str())
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// The id of the tag `name`, created if needed.
pub async fn tag_id(tx: &mut Tx, name: &str) -> Result<i64, DbError> {
    let slug = simpul_text::slugify(name, 40);
    query("INSERT INTO tags (slug, name) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING")
        .bind(slug.as_str())
        .bind(name)
        .execute(&mut *tx)
        .await?;
    query("SELECT id FROM tags WHERE slug = $1").bind(slug.as_str()).scalar(tx).await
}

/// Links tags to a new article in one statement (bulk import).
pub async fn attach_tags(tx: &mut Tx, article_id: i64, tag_ids: &[i64]) -> Result<(), DbError> {
    if tag_ids.is_empty() {
        return Ok(());
    }
    // Integers only: ids from the database.
    let values = tag_ids.iter().map(|t| format!("({article_id}, {t})")).collect::<Vec<_>>().join(", ");
    query(format!("INSERT INTO article_tags (article_id, tag_id) VALUES {values} ON CONFLICT DO NOTHING"))
        .execute(tx)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TagRow {
    pub slug: String,
    pub name: String,
}

pub async fn tags_of(ex: impl Executor, article_id: i64) -> Result<Vec<TagRow>, DbError> {
    query("SELECT t.slug, t.name FROM tags t JOIN article_tags at ON at.tag_id = t.id WHERE at.article_id = $1 ORDER BY t.name")
        .bind(article_id)
        .fetch_all(ex)
        .await
}

pub async fn find_tag(ex: impl Executor, slug: &str) -> Result<Option<TagRow>, DbError> {
    query("SELECT slug, name FROM tags WHERE slug = $1").bind(slug).fetch_optional(ex).await
}

/// Published articles carrying a tag, newest first (ids from the index first, as for lists).
pub async fn list_published_tagged(
    ex: impl Executor + Copy,
    tag_slug: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<ArticleRow>, DbError> {
    let ids: Vec<i64> = query(
        "SELECT a.id FROM articles a JOIN article_tags at ON at.article_id = a.id JOIN tags t ON t.id = at.tag_id
         WHERE t.slug = $1 AND a.state = $4 ORDER BY a.published_at DESC, a.id DESC LIMIT $2 OFFSET $3",
    )
    .bind(tag_slug)
    .bind(limit)
    .bind(offset)
    .bind(ArticleState::Published)
    .scalars(ex)
    .await?;
    published_by_ids(ex, &ids, Detail::Summary).await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CommentRow {
    pub user_name: Option<String>,
    pub action: String,
    pub body: String,
    pub created_at: Timestamp,
}

pub async fn insert_comment(
    tx: &mut Tx,
    article_id: i64,
    user_id: Option<i64>,
    action: &str,
    body: &str,
    now: Timestamp,
) -> Result<(), DbError> {
    query("INSERT INTO article_comments (article_id, user_id, action, body, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(article_id)
        .bind(user_id)
        .bind(action)
        .bind(body)
        .bind(now.0)
        .execute(tx)
        .await?;
    Ok(())
}

pub async fn comments(ex: impl Executor, article_id: i64) -> Result<Vec<CommentRow>, DbError> {
    query(
        "SELECT u.name AS user_name, c.action, c.body, c.created_at FROM article_comments c LEFT JOIN users u ON u.id = c.user_id
         WHERE c.article_id = $1 ORDER BY c.id",
    )
    .bind(article_id)
    .fetch_all(ex)
    .await
}

/// Inserts an imported, already published article unless its slug exists; returns the new id.
pub async fn insert_imported(
    tx: &mut Tx,
    a: &super::import::Ready,
    category_id: i64,
    now: Timestamp,
) -> Result<Option<i64>, DbError> {
    query(
        "INSERT INTO articles (slug, title, lead, body_md, body_html, category_id, state, published_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $9, $7, $8, $8) ON CONFLICT (slug) DO NOTHING RETURNING id",
    )
    .bind(a.slug.as_str())
    .bind(a.title.as_str())
    .bind(a.lead.as_str())
    .bind(a.body.as_str())
    .bind(a.html.as_str())
    .bind(category_id)
    .bind(a.published_at)
    .bind(now)
    .bind(ArticleState::Published)
    .scalar_optional(tx)
    .await
}

/// Adds `n` views on `day` (`YYYY-MM-DD`, local date) to the published article with this slug.
pub async fn add_views(tx: &mut Tx, slug: &str, day: &str, n: i64) -> Result<u64, DbError> {
    query(
        "INSERT INTO article_views (article_id, day, views) SELECT id, $2, $3 FROM articles WHERE slug = $1
         ON CONFLICT (article_id, day) DO UPDATE SET views = article_views.views + excluded.views",
    )
    .bind(slug)
    .bind(day)
    .bind(n)
    .execute(tx)
    .await
}

/// An article's views: all time and since `since_day` (`YYYY-MM-DD`).
pub async fn views_of(ex: impl Executor, article_id: i64, since_day: &str) -> Result<(i64, i64), DbError> {
    #[derive(sqlx::FromRow)]
    struct Views {
        total: i64,
        recent: i64,
    }
    let v: Views = query(
        // SUM of a BIGINT is NUMERIC on PostgreSQL: cast back.
        "SELECT CAST(COALESCE(SUM(views), 0) AS BIGINT) AS total,
         CAST(COALESCE(SUM(CASE WHEN day >= $2 THEN views ELSE 0 END), 0) AS BIGINT) AS recent
         FROM article_views WHERE article_id = $1",
    )
    .bind(article_id)
    .bind(since_day)
    .fetch_one(ex)
    .await?;
    Ok((v.total, v.recent))
}

/// All-time views of a writer's articles, by article id.
pub async fn views_by_author(ex: impl Executor, user_id: i64) -> Result<Vec<(i64, i64)>, DbError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        article_id: i64,
        views: i64,
    }
    let rows: Vec<Row> = query(
        "SELECT v.article_id, CAST(SUM(v.views) AS BIGINT) AS views FROM article_views v JOIN articles a ON a.id = v.article_id
         WHERE a.author_id = $1 GROUP BY v.article_id",
    )
    .bind(user_id)
    .fetch_all(ex)
    .await?;
    Ok(rows.into_iter().map(|r| (r.article_id, r.views)).collect())
}

/// What the search index needs of an article.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct IndexRow {
    pub id: i64,
    pub title: String,
    pub lead: String,
    pub body_md: String,
    pub state: ArticleState,
    pub published_at: Option<Timestamp>,
    pub category_id: Option<i64>,
    /// The kecamatan the article is about (itself, or the parent of its kelurahan).
    pub kecamatan_id: Option<i64>,
}

const INDEX_SELECT: &str = "SELECT a.id, a.title, a.lead, a.body_md, a.state, a.published_at, a.category_id,
    CASE WHEN rg.level = 'kelurahan' THEN rg.parent_id WHEN rg.level = 'kecamatan' THEN rg.id END AS kecamatan_id
    FROM articles a LEFT JOIN regions rg ON rg.id = a.region_id";

/// These articles (in any state), for updating the index.
pub async fn index_rows(ex: impl Executor, ids: &[i64]) -> Result<Vec<IndexRow>, DbError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // Integers from the outbox, never input.
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    query(format!("{INDEX_SELECT} WHERE a.id IN ({list})")).fetch_all(ex).await
}

/// Published articles with an id above `after`, by id (for rebuilding the index in batches).
pub async fn published_index_rows_after(ex: impl Executor, after: i64, limit: i64) -> Result<Vec<IndexRow>, DbError> {
    query(format!("{INDEX_SELECT} WHERE a.state = $3 AND a.id > $1 ORDER BY a.id LIMIT $2"))
        .bind(after)
        .bind(limit)
        .bind(ArticleState::Published)
        .fetch_all(ex)
        .await
}

pub async fn count_published(ex: impl Executor) -> Result<i64, DbError> {
    query("SELECT COUNT(*) FROM articles WHERE state = $1").bind(ArticleState::Published).scalar(ex).await
}

/// (slug, last change) of published articles in id order, `limit` from `offset` (sitemaps).
pub async fn published_addresses(
    ex: impl Executor,
    offset: i64,
    limit: i64,
) -> Result<Vec<(String, Timestamp)>, DbError> {
    query("SELECT slug, updated_at FROM articles WHERE state = $3 AND slug IS NOT NULL ORDER BY id LIMIT $1 OFFSET $2")
        .bind(limit)
        .bind(offset)
        .bind(ArticleState::Published)
        .fetch_all(ex)
        .await
}

/// A recently published article as the news sitemap lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RecentRow {
    pub slug: String,
    pub title: String,
    pub published_at: Timestamp,
}

/// Articles published since `since`, newest first.
pub async fn published_since(ex: impl Executor, since: Timestamp, limit: i64) -> Result<Vec<RecentRow>, DbError> {
    query(
        "SELECT slug, title, published_at FROM articles WHERE state = $3 AND slug IS NOT NULL AND published_at >= $1
         ORDER BY published_at DESC LIMIT $2",
    )
    .bind(since)
    .bind(limit)
    .bind(ArticleState::Published)
    .fetch_all(ex)
    .await
}

/// Whether `user_id` has a practice article for `session_id` that someone else published (a
/// Redaksi participant cannot accept their own practice).
pub async fn practice_published_by(ex: impl Executor, session_id: i64, user_id: i64) -> Result<bool, DbError> {
    query(
        "SELECT COUNT(*) FROM articles WHERE training_session_id = $1 AND author_id = $2 AND state = $3
         AND editor_id IS NOT NULL AND editor_id <> author_id",
    )
    .bind(session_id)
    .bind(user_id)
    .bind(ArticleState::Published)
    .scalar::<i64>(ex)
    .await
    .map(|n| n > 0)
}

/// The author's e-mail, when the account is active (for newsroom mail).
pub async fn author_email(ex: impl Executor, article_id: i64) -> Result<Option<String>, DbError> {
    query("SELECT u.email FROM articles a JOIN users u ON u.id = a.author_id WHERE a.id = $1 AND u.disabled = FALSE")
        .bind(article_id)
        .scalar_optional(ex)
        .await
}

/// An editor (Redaksi) to tell of new drafts: their id, e-mail and the groups they edit
/// (none: the city desk, every group).
#[derive(Debug, Clone)]
pub struct Editor {
    pub user_id: i64,
    pub email: String,
    pub city: bool,
    pub kim_ids: Vec<i64>,
}

pub async fn editors(ex: impl Executor) -> Result<Vec<Editor>, DbError> {
    let rows: Vec<(i64, String, String, Option<i64>)> = query(
        "SELECT u.id, u.email, ur.scope_key, ur.kim_id FROM users u JOIN user_roles ur ON ur.user_id = u.id
         WHERE ur.role = $1 AND u.disabled = FALSE ORDER BY u.id",
    )
    .bind(Role::Redaksi)
    .fetch_all(ex)
    .await?;
    let mut out: Vec<Editor> = Vec::new();
    for (user_id, email, scope, kim) in rows {
        if out.last().is_none_or(|e| e.user_id != user_id) {
            out.push(Editor { user_id, email, city: false, kim_ids: Vec::new() });
        }
        let e = out.last_mut().expect("just pushed");
        e.city |= scope == "city";
        e.kim_ids.extend(kim);
    }
    Ok(out)
}

/// Drafts submitted for review after `since` in the groups an editor edits.
pub async fn submitted_since(ex: impl Executor, e: &Editor, since: Timestamp) -> Result<Vec<(i64, String)>, DbError> {
    let mut sql = Sql::new("SELECT a.id, a.title FROM articles a WHERE TRUE");
    // Not the editor's own drafts: they know of them.
    let args: [Arg; 3] = [ArticleState::Submitted.into(), since.into(), e.user_id.into()];
    sql.push(" AND a.state = ? AND a.updated_at > ? AND (a.author_id IS NULL OR a.author_id <> ?)", args);
    if !e.city {
        sql.push_in("a.kim_id", e.kim_ids.iter().map(|k| (*k).into()).collect());
    }
    sql.push(" ORDER BY a.updated_at, a.id LIMIT 50", []);
    sql.into_query().fetch_all(ex).await
}

/// When the batched mail `name` last left (the epoch when never; the row is made then).
pub async fn mail_last_sent(tx: &mut Tx, name: &str) -> Result<Timestamp, DbError> {
    query("INSERT INTO mail_batches (name, last_sent_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
        .bind(name)
        .bind(Timestamp(0))
        .execute(&mut *tx)
        .await?;
    query("SELECT last_sent_at FROM mail_batches WHERE name = $1").bind(name).scalar(tx).await
}

/// Marks the batched mail `name` sent at `now`, unless another node did since `last` was read.
pub async fn mark_mail_sent(tx: &mut Tx, name: &str, last: Timestamp, now: Timestamp) -> Result<bool, DbError> {
    let n = query("UPDATE mail_batches SET last_sent_at = $2 WHERE name = $1 AND last_sent_at = $3")
        .bind(name)
        .bind(now)
        .bind(last)
        .execute(tx)
        .await?;
    Ok(n == 1)
}

/// Stores an article's "Baca juga" (ids, best first).
pub async fn set_related(ex: impl Executor, id: i64, related: &[i64]) -> Result<u64, DbError> {
    let list = related.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    query("UPDATE articles SET related_ids = $2 WHERE id = $1 AND (related_ids IS NULL OR related_ids <> $2)")
        .bind(id)
        .bind(list)
        .execute(ex)
        .await
}

/// Published articles whose "Baca juga" was never computed, newest first.
pub async fn without_related(ex: impl Executor, limit: i64) -> Result<Vec<i64>, DbError> {
    query("SELECT id FROM articles WHERE state = $1 AND related_ids IS NULL ORDER BY published_at DESC LIMIT $2")
        .bind(ArticleState::Published)
        .bind(limit)
        .scalars(ex)
        .await
}
