//! Newsroom mail: the Redaksi hear of drafts waiting for review (batched: at most one mail per
//! editor every [`DIGEST_GAP_MINUTES`]), authors hear when changes are requested and when their
//! article is published.

use super::repo;
use crate::{
    app::App,
    domain::{article::ArticleState, time::Timestamp},
    error::AppResult,
    infra::{db::Tx, i18n::Lang, jobs, mail::Mail},
};

/// The shortest time between two review mails to one editor.
pub const DIGEST_GAP_MINUTES: i64 = 15;

/// Tells the author what became of their article (`to`: changes requested, published).
#[allow(clippy::too_many_arguments)]
pub async fn tell_author(
    tx: &mut Tx,
    app: &App,
    article_id: i64,
    title: &str,
    to: ArticleState,
    slug: Option<&str>,
    note: Option<&str>,
    now: Timestamp,
) -> AppResult<()> {
    let key = match to {
        ArticleState::ChangesRequested => "mail-article-changes",
        ArticleState::Published => "mail-article-published",
        _ => return Ok(()),
    };
    let Some(email) = repo::author_email(&mut *tx, article_id).await? else { return Ok(()) };
    let lang = Lang::Id;
    let link = match (to, slug) {
        (ArticleState::Published, Some(s)) => app.config.link(&format!("/berita/{s}")),
        _ => app.config.link(&format!("/tulis/{article_id}")),
    };
    let body = lang.t_args(
        key,
        &[("title", title.to_owned()), ("link", link), ("note", note.unwrap_or_default().trim().to_owned())],
    );
    let subject = lang.t_args(&format!("{key}-subject"), &[("title", crate::domain::text::shorten(title, 80))]);
    jobs::enqueue(tx, now, &Mail { to: email, subject, body, unsubscribe: None }).await?;
    Ok(())
}

/// One round of review mail: each editor with drafts submitted since their last mail, and no
/// mail in the last [`DIGEST_GAP_MINUTES`], gets one mail listing them. Safe on several nodes.
pub async fn send_review_digests(app: &App) -> AppResult<usize> {
    let now = app.clock.now();
    let lang = Lang::Id;
    let mut sent = 0;
    for editor in repo::editors(&app.db).await? {
        let name = format!("review:{}", editor.user_id);
        let mut tx = app.db.begin().await?;
        let last = repo::mail_last_sent(&mut tx, &name).await?;
        if last > now.plus_minutes(-DIGEST_GAP_MINUTES) {
            continue;
        }
        let drafts = repo::submitted_since(&mut tx, &editor, last).await?;
        if drafts.is_empty() || !repo::mark_mail_sent(&mut tx, &name, last, now).await? {
            continue;
        }
        let list: Vec<String> = drafts.iter().map(|(_, title)| format!("- {title}")).collect();
        let body =
            lang.t_args("mail-review-digest", &[("list", list.join("\n")), ("link", app.config.link("/redaksi"))]);
        let subject = lang.t_args("mail-review-digest-subject", &[("count", drafts.len().to_string())]);
        jobs::enqueue(&mut tx, now, &Mail { to: editor.email.clone(), subject, body, unsubscribe: None }).await?;
        tx.commit_bookkeeping().await?;
        sent += 1;
    }
    if sent > 0 {
        app.jobs_queued.notify_one();
    }
    Ok(sent)
}
