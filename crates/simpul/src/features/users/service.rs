//! Creating staff accounts and revoking roles. Admin only, audited.

use serde::Deserialize;

use super::repo;
use crate::{
    app::App,
    domain::{
        access::{Actor, Grant, Permission, Role, Scope, ScopeKind},
        text::Email,
        user::NewAccount,
        validation::FieldErrors,
    },
    error::{AppError, AppResult},
    features::accounts,
    infra::{
        audit::{self, Event},
        crypto,
        i18n::Lang,
        jobs::{self, Job},
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

/// Creates a verified staff account with one role. Returns the id and a link for choosing a
/// password (also mailed), so the CLI can print it.
pub async fn create_staff(
    app: &App,
    actor: &Actor,
    form: &StaffForm,
    password: Option<String>,
) -> AppResult<(i64, Option<String>)> {
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
    e.into_result()?;
    let grant = grant.ok_or(AppError::BadRequest("err-choose"))?;
    let acc = NewAccount { name, email: email.expect("checked"), password: password.clone().unwrap_or_default() };
    let hash = match password {
        Some(pw) => Some(crypto::hash_password(pw, app.config.hash_strength).await?),
        None => None,
    };
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    if !scope_exists(&mut tx, grant.scope).await? {
        let mut e = FieldErrors::new();
        e.add(if grant.scope.opd_id().is_some() { "opd_id" } else { "kim_id" }, "err-choose");
        return Err(e.into());
    }
    let id = accounts::service::create_account(&mut tx, actor, &acc, hash.as_deref(), grant, now).await?;
    let link = if hash.is_none() {
        let link = accounts::service::issue_reset_link(&mut tx, app, id, now).await?;
        let lang = Lang::Id;
        let body = lang.t_args("mail-staff-body", &[("name", acc.name.clone()), ("link", link.clone())]);
        jobs::enqueue(
            &mut tx,
            now,
            &Job::SendMail(Mail { to: acc.email.as_str().to_owned(), subject: lang.t("mail-welcome-subject"), body }),
        )
        .await?;
        Some(link)
    } else {
        None
    };
    tx.commit().await?;
    Ok((id, link))
}

async fn scope_exists(tx: &mut crate::infra::db::Tx, scope: Scope) -> AppResult<bool> {
    Ok(match scope {
        Scope::Kim(id) => crate::features::kim::repo::find(&mut *tx, id).await?.is_some(),
        Scope::Opd(id) => crate::features::opd::repo::find(&mut *tx, id).await?.is_some(),
        Scope::Global | Scope::City => true,
    })
}

/// Takes a role away. The last administrator cannot lose the admin role.
pub async fn revoke(app: &App, actor: &Actor, user_id: i64, grant_id: i64) -> AppResult<()> {
    actor.require(Permission::ManageUsers)?;
    let g = repo::find_grant(&app.db, grant_id).await?.filter(|g| g.user_id == user_id).ok_or(AppError::NotFound)?;
    if g.role == "admin" && accounts::repo::count_admins(&app.db).await? <= 1 {
        return Err(AppError::Conflict("err-last-admin"));
    }
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    repo::delete_grant(&mut tx, grant_id).await?;
    let before = serde_json::json!({ "role": g.role, "scope": g.scope_key });
    audit::record(&mut tx, actor, now, Event::new("user.role_revoke", "user", user_id).before(&before)).await?;
    tx.commit().await?;
    Ok(())
}
