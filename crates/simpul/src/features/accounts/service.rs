//! Accounts: sign-in with lockout, sessions, password change and reset, citizen registration
//! with e-mail verification, and the first administrator's setup link.

use super::repo;
use crate::{
    app::App,
    domain::{
        access::{Actor, Grant, Permission, Role, Scope},
        event::DomainEvent,
        text::Email,
        time::Timestamp,
        user::{AccountForm, LoginForm, NewAccount, PasswordForm},
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    infra::{
        audit::{self, Event},
        crypto,
        i18n::Lang,
        jobs,
        mail::Mail,
    },
    registry,
    web::viewer::SessionUser,
};

/// How long a session lasts.
pub const SESSION_DAYS: i64 = 30;
/// Failed sign-ins for one account from one address within [`LOCKOUT_MINUTES`] before that
/// address is locked out of that account for that long. The owner elsewhere is not: a
/// stranger's five wrong passwords must not lock the coordinator out.
pub const MAX_FAILURES: i64 = 5;
pub const LOCKOUT_MINUTES: i64 = 15;
/// Failed sign-ins for one account from anywhere within [`LOCKOUT_MINUTES`] after which every
/// further try waits a second more (at most [`MAX_DELAY_SECONDS`]): a guesser spread over many
/// addresses is slowed, the owner still gets in. Crossing it is audited.
pub const ACCOUNT_FAILURES_BEFORE_DELAY: i64 = 20;
pub const MAX_DELAY_SECONDS: i64 = 10;
const RESET_MINUTES: i64 = 60;
const VERIFY_DAYS: i64 = 3;
const SETUP_DAYS: i64 = 7;

/// Why a sign-in failed. Messages never tell whether the e-mail exists.
#[derive(Debug, PartialEq, Eq)]
pub enum LoginFailure {
    Invalid,
    Locked,
    TooManyFromHere,
    Unverified,
}

/// A new session: the cookie value (secret) and its CSRF token.
pub struct NewSession {
    pub token: String,
    /// The person holds a role (staff land on their task list, citizens on the home page).
    pub staff: bool,
}

/// Resolves a session cookie to the signed-in person. Not cached: a sign-out, a disabled
/// account or a revoked role on any node takes effect on the next request everywhere (a
/// per-node cache measured only ~5 % more signed-in throughput, see bench/README.md).
pub async fn session_user(app: &App, cookie: &str, now: Timestamp) -> AppResult<Option<(SessionUser, String)>> {
    let hash = crypto::sha256_hex(cookie);
    let Some(s) = repo::find_session(&app.db, &hash, now).await? else {
        return Ok(None);
    };
    let grants = repo::grants_for(&app.db, s.user_id).await?.iter().filter_map(|g| g.grant()).collect();
    Ok(Some((SessionUser { id: s.user_id, name: s.name, email: s.email, grants, session_hash: hash }, s.csrf_token)))
}

fn account_key(email: &str) -> String {
    crypto::sha256_hex(&format!("login:{}", email.trim().to_lowercase()))
}

/// One account from one address.
fn pair_key(email: &str, ip: &str) -> String {
    crypto::sha256_hex(&format!("login:{}|{ip}", email.trim().to_lowercase()))
}

/// Checks the password and opens a session.
pub async fn login(app: &App, form: &LoginForm, ip: &str, request_id: &str) -> Result<NewSession, LoginFailure> {
    if !app.limits.allow_sign_in(ip).await {
        return Err(LoginFailure::TooManyFromHere);
    }
    let now = app.clock.now();
    let key = account_key(&form.email);
    let internal = |e: crate::infra::db::DbError| {
        tracing::error!(error = %e, "login");
        LoginFailure::Invalid
    };
    let pair = pair_key(&form.email, ip);
    let since = now.plus_minutes(-LOCKOUT_MINUTES);
    let failures = repo::failures_since(&app.db, &pair, since).await.map_err(internal)?;
    if failures >= MAX_FAILURES {
        return Err(LoginFailure::Locked);
    }
    let account_failures = repo::failures_since(&app.db, &key, since).await.map_err(internal)?;
    if account_failures >= ACCOUNT_FAILURES_BEFORE_DELAY {
        let secs = (account_failures - ACCOUNT_FAILURES_BEFORE_DELAY + 1).min(MAX_DELAY_SECONDS);
        tokio::time::sleep(std::time::Duration::from_secs(secs as u64)).await;
    }
    let user = match Email::parse(&form.email) {
        Some(e) => repo::find_user_by_email(&app.db, e.as_str()).await.map_err(internal)?,
        None => None,
    };
    let hash = user.as_ref().and_then(|u| u.password_hash.clone());
    let ok = crypto::verify_password(form.password.clone(), hash, app.config.hash_strength).await
        && user.as_ref().is_some_and(|u| !u.disabled);
    let mut tx = app.db.begin().await.map_err(internal)?;
    repo::record_attempt(&mut tx, &key, now, ok).await.map_err(internal)?;
    repo::record_attempt(&mut tx, &pair, now, ok).await.map_err(internal)?;
    let user = match (ok, user) {
        (true, Some(user)) => user,
        (_, user) => {
            // Admins read both in the audit trail: someone is guessing this account's password
            // from several addresses (further tries are slowed), or from one (locked there).
            let throttled = account_failures + 1 == ACCOUNT_FAILURES_BEFORE_DELAY;
            if throttled {
                tracing::warn!(request_id, "repeated failed sign-ins for one account from several addresses");
            }
            let locked = failures + 1 == MAX_FAILURES;
            if locked {
                tracing::warn!(request_id, "sign-in locked for {LOCKOUT_MINUTES} minutes after repeated failures");
            }
            for action in [(throttled, "auth.throttled"), (locked, "auth.lockout")].into_iter().filter(|(on, _)| *on) {
                let actor = Actor::anonymous(Some(request_id.to_owned()));
                let ev = Event {
                    action: action.1,
                    entity_type: "user",
                    entity_id: user.as_ref().map(|u| u.id.to_string()),
                    before: None,
                    after: None,
                };
                audit::record(&mut tx, &actor, now, ev).await.map_err(internal)?;
            }
            tx.commit().await.map_err(internal)?;
            return Err(LoginFailure::Invalid);
        }
    };
    if user.email_verified_at.is_none() {
        tx.commit().await.map_err(internal)?;
        return Err(LoginFailure::Unverified);
    }
    let token = crypto::random_token(32);
    repo::insert_session(
        &mut tx,
        &crypto::sha256_hex(&token),
        user.id,
        &crypto::random_token(32),
        now,
        now.plus_days(SESSION_DAYS),
    )
    .await
    .map_err(internal)?;
    let staff = !repo::grants_for(&mut tx, user.id).await.map_err(internal)?.is_empty();
    tx.commit().await.map_err(internal)?;
    Ok(NewSession { token, staff })
}

pub async fn logout(app: &App, user: &SessionUser) -> AppResult<()> {
    let mut tx = app.db.begin().await?;
    repo::delete_session(&mut tx, &user.session_hash).await?;
    tx.commit().await?;
    Ok(())
}

/// Changes the signed-in person's password; other sessions end.
pub async fn change_password(app: &App, actor: &Actor, user: &SessionUser, form: &PasswordForm) -> AppResult<()> {
    let row = repo::find_user(&app.db, user.id).await?.ok_or(AppError::NotFound)?;
    let new = form.validate_new(&row.email)?;
    if !crypto::verify_password(form.current_password.clone(), row.password_hash.clone(), app.config.hash_strength)
        .await
    {
        let mut e = FieldErrors::new();
        e.add("current_password", "err-password-wrong");
        return Err(e.into());
    }
    let hash = crypto::hash_password(new, app.config.hash_strength).await?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    repo::set_password(&mut tx, user.id, &hash, now).await?;
    repo::delete_other_sessions(&mut tx, user.id, &user.session_hash).await?;
    // A token minted from a stolen session must not outlive the new password.
    registry::publish(app, &mut tx, actor, now, DomainEvent::PasswordChanged { user_id: user.id }).await?;
    audit::record(&mut tx, actor, now, Event::new("user.password_change", "user", user.id)).await?;
    tx.commit().await?;
    Ok(())
}

/// Sends a reset link if the address belongs to an account; the caller always shows the
/// same message, so the form does not reveal which addresses exist.
pub async fn request_reset(app: &App, actor: &Actor, email: &str, lang: Lang) -> AppResult<()> {
    let Some(email) = Email::parse(email) else {
        let mut e = FieldErrors::new();
        e.add("email", "err-email");
        return Err(e.into());
    };
    let Some(user) = repo::find_user_by_email(&app.db, email.as_str()).await? else {
        return Ok(());
    };
    if user.disabled {
        return Ok(());
    }
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let link = issue_reset_link(&mut tx, app, user.id, now).await?;
    let mail = Mail {
        to: user.email.clone(),
        subject: lang.t("mail-reset-subject"),
        body: lang.t_args(
            "mail-reset-body",
            &[("name", user.name.clone()), ("link", link), ("minutes", RESET_MINUTES.to_string())],
        ),
        unsubscribe: None,
    };
    jobs::enqueue(&mut tx, now, &mail).await?;
    audit::record(&mut tx, actor, now, Event::new("user.reset_requested", "user", user.id)).await?;
    tx.commit().await?;
    Ok(())
}

/// Creates a password-reset link for a user, voiding older ones.
pub async fn issue_reset_link(
    tx: &mut crate::infra::db::Tx,
    app: &App,
    user_id: i64,
    now: Timestamp,
) -> AppResult<String> {
    repo::void_links(tx, "reset", Some(user_id), now).await?;
    let token = crypto::random_token(32);
    repo::insert_link(tx, &crypto::sha256_hex(&token), "reset", Some(user_id), now, now.plus_minutes(RESET_MINUTES))
        .await?;
    Ok(app.config.link(&format!("/atur-ulang-sandi?token={token}")))
}

/// Whether a one-time link is still usable (to decide between its form and an error).
pub async fn link_is_valid(app: &App, token: &str, purpose: &str) -> AppResult<bool> {
    Ok(repo::peek_link(&app.db, &crypto::sha256_hex(token), purpose, app.clock.now()).await?.is_some())
}

/// Sets a new password from a reset link; every session of the account ends.
pub async fn reset_password(app: &App, actor: &Actor, token: &str, form: &PasswordForm) -> AppResult<()> {
    let now = app.clock.now();
    let hash_tok = crypto::sha256_hex(token);
    let link =
        repo::peek_link(&app.db, &hash_tok, "reset", now).await?.ok_or(AppError::BadRequest("err-link-invalid"))?;
    let user =
        repo::find_user(&app.db, link.user_id.unwrap_or(0)).await?.ok_or(AppError::BadRequest("err-link-invalid"))?;
    let new = form.validate_new(&user.email)?;
    let hash = crypto::hash_password(new, app.config.hash_strength).await?;
    let mut tx = app.db.begin().await?;
    repo::take_link(&mut tx, &hash_tok, "reset", now).await?.ok_or(AppError::BadRequest("err-link-invalid"))?;
    repo::set_password(&mut tx, user.id, &hash, now).await?;
    // A reset link reached the mailbox, so the address is proven.
    repo::mark_verified(&mut tx, user.id, now).await?;
    repo::delete_other_sessions(&mut tx, user.id, "").await?;
    registry::publish(app, &mut tx, actor, now, DomainEvent::PasswordChanged { user_id: user.id }).await?;
    audit::record(&mut tx, actor, now, Event::new("user.password_reset", "user", user.id)).await?;
    tx.commit().await?;
    Ok(())
}

/// Registers a citizen account and mails a verification link.
pub async fn register(app: &App, actor: &Actor, form: &AccountForm, lang: Lang) -> AppResult<()> {
    let acc = form.validate()?;
    let hash = crypto::hash_password(acc.password.clone(), app.config.hash_strength).await?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    if let Some(existing) = repo::find_user_by_email(&mut tx, acc.email.as_str()).await? {
        // Same answer as a fresh registration; the owner gets a mail instead of a new account.
        let mail = Mail {
            to: existing.email,
            subject: lang.t("mail-exists-subject"),
            body: lang.t_args("mail-exists-body", &[("link", app.config.link("/lupa-sandi"))]),
            unsubscribe: None,
        };
        jobs::enqueue(&mut tx, now, &mail).await?;
        tx.commit().await?;
        return Ok(());
    }
    let id = match repo::insert_user(&mut tx, &acc.name, acc.email.as_str(), Some(&hash), None, now).await {
        Ok(id) => id,
        // Registered at the same moment by another request: answer as for an existing account.
        Err(e) if e.is_unique() => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let token = crypto::random_token(32);
    repo::insert_link(&mut tx, &crypto::sha256_hex(&token), "verify", Some(id), now, now.plus_days(VERIFY_DAYS))
        .await?;
    let link = app.config.link(&format!("/verifikasi?token={token}"));
    let mail = Mail {
        to: acc.email.as_str().to_owned(),
        subject: lang.t("mail-verify-subject"),
        body: lang.t_args("mail-verify-body", &[("name", acc.name.clone()), ("link", link)]),
        unsubscribe: None,
    };
    jobs::enqueue(&mut tx, now, &mail).await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Event::new("user.register", "user", id).after(&serde_json::json!({ "name": acc.name })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn verify_email(app: &App, actor: &Actor, token: &str) -> AppResult<()> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let link = repo::take_link(&mut tx, &crypto::sha256_hex(token), "verify", now)
        .await?
        .ok_or(AppError::BadRequest("err-link-invalid"))?;
    let uid = link.user_id.ok_or(AppError::BadRequest("err-link-invalid"))?;
    repo::mark_verified(&mut tx, uid, now).await?;
    audit::record(&mut tx, actor, now, Event::new("user.verify_email", "user", uid)).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether the first administrator still has to be created.
pub async fn needs_setup(app: &App) -> AppResult<bool> {
    Ok(repo::count_admins(&app.db).await? == 0)
}

/// A fresh one-time setup link for the first administrator (older ones stop working).
pub async fn create_setup_link(app: &App) -> AppResult<String> {
    let now = app.clock.now();
    let token = crypto::random_token(32);
    let mut tx = app.db.begin().await?;
    repo::void_links(&mut tx, "setup", None, now).await?;
    repo::insert_link(&mut tx, &crypto::sha256_hex(&token), "setup", None, now, now.plus_days(SETUP_DAYS)).await?;
    tx.commit().await?;
    Ok(app.config.link(&format!("/setup?token={token}")))
}

/// Creates the first administrator from the setup link and signs them in.
pub async fn complete_setup(app: &App, actor: &Actor, token: &str, form: &AccountForm) -> AppResult<NewSession> {
    let now = app.clock.now();
    let tok_hash = crypto::sha256_hex(token);
    if !needs_setup(app).await? || repo::peek_link(&app.db, &tok_hash, "setup", now).await?.is_none() {
        return Err(AppError::BadRequest("err-link-invalid"));
    }
    let acc = form.validate()?;
    let hash = crypto::hash_password(acc.password.clone(), app.config.hash_strength).await?;
    // Recorded as done through the one-time link printed on the server's terminal.
    // The link printed on the server's terminal carries the operator's authority, as the CLI does.
    let actor = &Actor { label: "setup-link".into(), grants: Actor::cli().grants, ..actor.clone() };
    let mut tx = app.db.begin().await?;
    repo::take_link(&mut tx, &tok_hash, "setup", now).await?.ok_or(AppError::BadRequest("err-link-invalid"))?;
    let id = create_account(&mut tx, actor, &acc, Some(&hash), Grant { role: Role::Admin, scope: Scope::Global }, now)
        .await?;
    let session = crypto::random_token(32);
    repo::insert_session(
        &mut tx,
        &crypto::sha256_hex(&session),
        id,
        &crypto::random_token(32),
        now,
        now.plus_days(SESSION_DAYS),
    )
    .await?;
    tx.commit().await?;
    Ok(NewSession { token: session, staff: true })
}

fn email_taken() -> AppError {
    let mut e = FieldErrors::new();
    e.add("email", "err-email-taken");
    AppError::Validation(e)
}

/// Inserts a verified staff account with one role, audited. Fails with a field error when
/// the e-mail is taken.
pub async fn create_account(
    tx: &mut crate::infra::db::Tx,
    actor: &Actor,
    acc: &NewAccount,
    password_hash: Option<&str>,
    grant: Grant,
    now: Timestamp,
) -> AppResult<i64> {
    actor.require(Permission::ManageUsers)?;
    if repo::find_user_by_email(&mut *tx, acc.email.as_str()).await?.is_some() {
        return Err(email_taken());
    }
    let id = repo::insert_user(tx, &acc.name, acc.email.as_str(), password_hash, Some(now), now)
        .await
        .map_err(|e| if e.is_unique() { email_taken() } else { e.into() })?;
    repo::insert_grant(tx, id, grant, now).await?;
    let after = serde_json::json!({ "name": acc.name, "role": grant.role.as_str(), "scope": grant.scope.key() });
    audit::record(tx, actor, now, Event::new("user.create", "user", id).after(&after)).await?;
    Ok(id)
}

/// Forgets expired sessions, spent or expired one-time links and old sign-in attempts.
pub async fn housekeeping(app: &App) -> anyhow::Result<()> {
    let mut tx = app.db.begin().await?;
    let n = repo::purge_expired(&mut tx, app.clock.now()).await?;
    tx.commit().await?;
    if n > 0 {
        tracing::info!(removed = n, "accounts housekeeping");
    }
    Ok(())
}
