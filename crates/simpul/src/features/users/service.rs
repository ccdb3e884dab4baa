//! Creating staff accounts and revoking roles. Admin only, audited.

use serde::Deserialize;

use crate::{
    app::App,
    domain::{
        access::{Actor, Grant, Permission, Role, Scope, ScopeKind},
        text::Email,
        user::NewAccount,
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    features::{accounts, kim, opd},
    infra::{
        audit::{self, Event},
        crypto,
        i18n::Lang,
        jobs,
        mail::Mail,
    },
};

/// The admin's "new account" form.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(default)]
pub struct StaffForm {
    pub name: String,
    pub email: String,
    pub role: String,
    /// For redaksi/anggota: a KIM id, or empty for the city desk.
    pub kim_id: String,
    /// For petugas_opd.
    pub opd_id: String,
}

impl StaffForm {
    fn grant(&self, e: &mut FieldErrors) -> Option<Grant> {
        let role = Role::parse(&self.role);
        let Some(role) = role else {
            e.add("role", "err-choose");
            return None;
        };
        let scope = match role.scope_kind() {
            ScopeKind::None => Scope::Global,
            ScopeKind::KimOrCity => match self.kim_id.trim() {
                "" | "city" => Scope::City,
                v => match v.parse() {
                    Ok(id) => Scope::Kim(id),
                    Err(_) => {
                        e.add("kim_id", "err-choose");
                        return None;
                    }
                },
            },
            ScopeKind::Opd => match self.opd_id.trim().parse() {
                Ok(id) => Scope::Opd(id),
                Err(_) => {
                    e.add("opd_id", "err-choose");
                    return None;
                }
            },
        };
        Grant::new(role, scope)
    }
}

/// What [`create_staff`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffOutcome {
    pub user_id: i64,
    /// `false` when an existing account was given the role instead.
    pub created: bool,
    /// For a new account without a password: the link to choose one (also mailed).
    pub password_link: Option<String>,
}

/// Creates a verified staff account with one role. Returns the id and a link for choosing a
/// password (also mailed), so the CLI can print it.
pub async fn create_staff(
    app: &App,
    actor: &Actor,
    form: &StaffForm,
    password: Option<String>,
) -> AppResult<StaffOutcome> {
    actor.require(Permission::ManageUsers)?;
    let mut e = FieldErrors::new();
    let name = e.required("name", &form.name, 100);
    let email = Email::parse(&form.email);
    if email.is_none() {
        e.add("email", if form.email.trim().is_empty() { "err-required" } else { "err-email" });
    }
    let grant = form.grant(&mut e);
    if let (Some(pw), Some(m)) = (&password, &email)
        && let Some(code) = crate::domain::text::password_problem(pw, m.as_str())
    {
        e.add("password", code);
    }
    let (Some(email), Some(grant)) = (email, grant) else {
        if e.is_empty() {
            e.add("role", "err-choose");
        }
        return Err(e.into());
    };
    e.into_result()?;
    let acc = NewAccount { name, email, password: password.clone().unwrap_or_default() };
    let hash = match password {
        Some(pw) => Some(crypto::hash_password(pw, app.config.hash_strength).await?),
        None => None,
    };
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    if !scope_exists(&mut tx, grant.scope).await? {
        let mut e = FieldErrors::new();
        e.add(if grant.scope.opd_id().is_some() { "opd_id" } else { "kim_id" }, "err-unknown-unit");
        return Err(e.into());
    }
    // A person may hold several roles: an existing, verified account gets the new role.
    if let Some(existing) = accounts::find_user_by_email(&mut tx, acc.email.as_str()).await? {
        grant_existing(&mut tx, actor, &existing, grant, now).await?;
        tx.commit().await?;
        return Ok(StaffOutcome { user_id: existing.id, created: false, password_link: None });
    }
    let id = accounts::create_account(&mut tx, actor, &acc, hash.as_deref(), grant, now).await?;
    let link = if hash.is_none() {
        let link = accounts::issue_reset_link(&mut tx, app, id, now).await?;
        let lang = Lang::Id;
        let body = lang.t_args("mail-staff-body", &[("name", acc.name.clone()), ("link", link.clone())]);
        jobs::enqueue(
            &mut tx,
            now,
            &Mail {
                to: acc.email.as_str().to_owned(),
                subject: lang.t("mail-welcome-subject"),
                body,
                unsubscribe: None,
            },
        )
        .await?;
        Some(link)
    } else {
        None
    };
    tx.commit().await?;
    Ok(StaffOutcome { user_id: id, created: true, password_link: link })
}

/// Gives an existing account one more role. Unverified accounts (anyone can register an
/// address) are refused, so nobody gains a staff role through an account a stranger made.
pub async fn grant_existing(
    tx: &mut crate::infra::db::Tx,
    actor: &Actor,
    user: &accounts::UserRow,
    grant: Grant,
    now: crate::domain::time::Timestamp,
) -> AppResult<()> {
    actor.require(Permission::ManageUsers)?;
    let field_error = |code: &str| {
        let mut e = FieldErrors::new();
        e.add("email", code);
        AppError::Validation(e)
    };
    if user.email_verified_at.is_none() || user.disabled {
        return Err(field_error("err-account-unverified"));
    }
    if !accounts::insert_grant(tx, user.id, grant, now).await? {
        return Err(field_error("err-role-held"));
    }
    let after = serde_json::json!({ "role": grant.role.as_str(), "scope": grant.scope.key() });
    audit::record(tx, actor, now, Event::new("user.role_grant", "user", user.id).after(&after)).await?;
    Ok(())
}

async fn scope_exists(tx: &mut crate::infra::db::Tx, scope: Scope) -> AppResult<bool> {
    Ok(match scope {
        Scope::Kim(id) => kim::find(&mut *tx, id).await?.is_some(),
        Scope::Opd(id) => opd::find(&mut *tx, id).await?.is_some(),
        Scope::Global | Scope::City => true,
    })
}

/// Takes a role away. The last administrator cannot lose the admin role.
pub async fn revoke(app: &App, actor: &Actor, user_id: i64, grant_id: i64) -> AppResult<()> {
    actor.require(Permission::ManageUsers)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let g =
        accounts::find_grant(&mut tx, grant_id).await?.filter(|g| g.user_id == user_id).ok_or(AppError::NotFound)?;
    if g.role == Role::Admin {
        accounts::lock_admins(&mut tx).await?;
        let target_enabled = accounts::find_user(&mut tx, user_id).await?.is_some_and(|u| !u.disabled);
        if target_enabled && accounts::count_admins(&mut tx).await? <= 1 {
            return Err(AppError::Conflict("err-last-admin"));
        }
    }
    accounts::delete_grant(&mut tx, grant_id).await?;
    let before = serde_json::json!({ "role": g.role, "scope": g.scope_key });
    audit::record(&mut tx, actor, now, Event::new("user.role_revoke", "user", user_id).before(&before)).await?;
    tx.commit().await?;
    Ok(())
}

/// Disables or re-enables an account. A disabled person cannot sign in and their sessions
/// end at once. Nobody disables themselves, and the last administrator stays enabled.
pub async fn set_disabled(app: &App, actor: &Actor, user_id: i64, disabled: bool) -> AppResult<()> {
    actor.require(Permission::ManageUsers)?;
    if disabled && actor.user_id == Some(user_id) {
        return Err(AppError::Conflict("err-disable-self"));
    }
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    accounts::lock_admins(&mut tx).await?;
    let user = accounts::find_user(&mut tx, user_id).await?.ok_or(AppError::NotFound)?;
    if user.disabled == disabled {
        return Ok(());
    }
    let is_admin = accounts::grants_for(&mut tx, user_id).await?.iter().any(|g| g.role == Role::Admin);
    if disabled && is_admin && accounts::count_admins(&mut tx).await? <= 1 {
        return Err(AppError::Conflict("err-last-admin"));
    }
    accounts::set_disabled(&mut tx, user_id, disabled, now).await?;
    let action = if disabled { "user.disable" } else { "user.enable" };
    audit::record(&mut tx, actor, now, Event::new(action, "user", user_id)).await?;
    tx.commit().await?;
    Ok(())
}
