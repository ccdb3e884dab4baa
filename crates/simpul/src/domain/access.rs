//! Who may do what: roles, their scopes, and the permissions they grant.
//!
//! Services call [`Actor::require`] before every state change; the web layer uses the same
//! [`Permission`]s to declare each route's access, so the access-matrix test and the
//! services agree by construction.

use serde::Serialize;

/// A role a person holds. A person may hold several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Diskominfo administrator.
    Admin,
    /// Editor of a KIM group or of the city desk.
    Redaksi,
    /// Member of a KIM group or of the city desk.
    Anggota,
    /// Officer of one government unit.
    PetugasOpd,
    /// Data-protection officer (UU PDP 27/2022).
    Dpo,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Admin, Role::Redaksi, Role::Anggota, Role::PetugasOpd, Role::Dpo];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Redaksi => "redaksi",
            Role::Anggota => "anggota",
            Role::PetugasOpd => "petugas_opd",
            Role::Dpo => "dpo",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }

    /// Which scope this role needs.
    pub fn scope_kind(self) -> ScopeKind {
        match self {
            Role::Admin | Role::Dpo => ScopeKind::None,
            Role::Redaksi | Role::Anggota => ScopeKind::KimOrCity,
            Role::PetugasOpd => ScopeKind::Opd,
        }
    }
}

/// The kind of scope a role requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    None,
    KimOrCity,
    Opd,
}

/// Where a role applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Scope {
    /// City-wide role without a unit (admin, dpo).
    Global,
    /// The city editorial desk (Redaksi/anggota not tied to one KIM).
    City,
    Kim(i64),
    Opd(i64),
}

impl Scope {
    /// The key stored in `user_roles.scope_key`.
    pub fn key(self) -> String {
        match self {
            Scope::Global => String::new(),
            Scope::City => "city".into(),
            Scope::Kim(id) => format!("kim:{id}"),
            Scope::Opd(id) => format!("opd:{id}"),
        }
    }

    pub fn from_parts(scope_key: &str, kim_id: Option<i64>, opd_id: Option<i64>) -> Scope {
        match (scope_key, kim_id, opd_id) {
            ("city", _, _) => Scope::City,
            (_, Some(k), _) => Scope::Kim(k),
            (_, _, Some(o)) => Scope::Opd(o),
            _ => Scope::Global,
        }
    }

    pub fn kim_id(self) -> Option<i64> {
        if let Scope::Kim(id) = self { Some(id) } else { None }
    }

    pub fn opd_id(self) -> Option<i64> {
        if let Scope::Opd(id) = self { Some(id) } else { None }
    }
}

/// A role with its scope, as held by one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Grant {
    pub role: Role,
    pub scope: Scope,
}

impl Grant {
    /// Checks that the scope fits the role (e.g. `petugas_opd` needs an OPD).
    pub fn new(role: Role, scope: Scope) -> Option<Grant> {
        let ok = match role.scope_kind() {
            ScopeKind::None => scope == Scope::Global,
            ScopeKind::KimOrCity => matches!(scope, Scope::Kim(_) | Scope::City),
            ScopeKind::Opd => matches!(scope, Scope::Opd(_)),
        };
        ok.then_some(Grant { role, scope })
    }
}

/// What an API token may do. `write` includes `read`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenScope {
    Read,
    Write,
}

impl TokenScope {
    pub const ALL: [TokenScope; 2] = [TokenScope::Read, TokenScope::Write];

    pub fn as_str(self) -> &'static str {
        match self {
            TokenScope::Read => "read",
            TokenScope::Write => "write",
        }
    }

    pub fn parse(s: &str) -> Option<TokenScope> {
        TokenScope::ALL.into_iter().find(|t| t.as_str() == s.trim())
    }

    /// Whether a token with this scope may call a route that needs `required`.
    pub fn allows(self, required: TokenScope) -> bool {
        self == TokenScope::Write || required == TokenScope::Read
    }
}

/// Something a person may be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Create, edit and delete KIM groups, assign their members.
    ManageKim,
    /// Create and edit government units.
    ManageOpd,
    /// Import and edit regions.
    ManageRegions,
    /// Create, rename and delete news categories.
    ManageCategories,
    /// Upload images for news (KIM members, editors, admins).
    UploadMedia,
    /// Write news drafts (KIM members and editors).
    WriteNews,
    /// Review, publish and take down news (editors).
    ReviewNews,
    /// Create accounts, grant and revoke roles.
    ManageUsers,
    /// Issue and revoke API tokens.
    ManageTokens,
    /// Read the audit trail.
    ViewAudit,
    /// See the local mail outbox (mails written to disk when no SMTP server is set).
    ViewOutbox,
    /// See the admin area at all.
    EnterAdmin,
    /// Verify, reject and dispose citizens' reports; see an anonymous reporter when needed
    /// (the admin coordinator).
    CoordinateAspirations,
    /// Acknowledge and answer reports disposed to one's OPD.
    HandleAspirations,
    /// File a report on behalf of a citizen (assisted intake by KIM members).
    AssistAspirations,
    /// Open the reports desk (each sees only their share of the reports).
    ViewAspirationDesk,
    /// Keep the holiday calendar the deadlines count on.
    ManageHolidays,
    /// Work the tip-line: check rumours, publish clarifications (the fact-check desk).
    CheckFacts,
    /// Create training programmes and sessions, run attendance, register anyone (Diskominfo).
    ManageTraining,
    /// Register others for training: admins anyone, a KIM's Redaksi the members of their group.
    RegisterTrainees,
    /// Set the site's identity: the city's name and logo.
    ManageSite,
    /// Keep the satisfaction survey's units and read their suggestions and reports.
    ManageSkm,
}

/// Whether a set of grants carries a permission.
pub fn grants_allow(grants: &[Grant], p: Permission) -> bool {
    let has = |r: Role| grants.iter().any(|g| g.role == r);
    match p {
        Permission::ManageKim
        | Permission::ManageOpd
        | Permission::ManageRegions
        | Permission::ManageCategories
        | Permission::ManageUsers
        | Permission::ManageTokens
        | Permission::ViewOutbox => has(Role::Admin),
        Permission::ViewAudit => has(Role::Admin) || has(Role::Dpo),
        Permission::UploadMedia => has(Role::Admin) || has(Role::Redaksi) || has(Role::Anggota),
        Permission::WriteNews => has(Role::Redaksi) || has(Role::Anggota),
        Permission::ReviewNews => has(Role::Redaksi),
        Permission::EnterAdmin => has(Role::Admin) || has(Role::Dpo),
        Permission::CoordinateAspirations | Permission::ManageHolidays => has(Role::Admin),
        Permission::HandleAspirations => has(Role::PetugasOpd),
        Permission::CheckFacts => has(Role::Admin) || has(Role::Redaksi),
        Permission::ManageTraining => has(Role::Admin),
        Permission::ManageSite | Permission::ManageSkm => has(Role::Admin),
        Permission::RegisterTrainees => has(Role::Admin) || has(Role::Redaksi),
        Permission::AssistAspirations => has(Role::Anggota) || has(Role::Redaksi),
        Permission::ViewAspirationDesk => {
            has(Role::Admin) || has(Role::PetugasOpd) || has(Role::Anggota) || has(Role::Redaksi)
        }
    }
}

/// Who is acting: a signed-in person, an API token, the CLI, or an anonymous visitor.
/// Every service call takes one, and every audit event records it.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Option<i64>,
    /// Name shown in the audit trail ("Siti (#3)", "token:ci-bot", "cli", "anonim").
    pub label: String,
    pub grants: Vec<Grant>,
    pub request_id: Option<String>,
    /// Set for a read-only API token: it may look but never change anything, whatever roles
    /// its owner holds (see [`Actor::require_change`]).
    pub read_only: bool,
}

/// The service refused because the actor lacks a permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("forbidden")]
pub struct Forbidden;

impl Actor {
    /// The command-line operator: the person with shell access to the server is trusted.
    pub fn cli() -> Actor {
        Actor {
            user_id: None,
            label: "cli".into(),
            grants: vec![Grant { role: Role::Admin, scope: Scope::Global }],
            request_id: None,
            read_only: false,
        }
    }

    /// The server itself acting on a rule (deadlines), with no permissions of its own.
    pub fn system() -> Actor {
        Actor { user_id: None, label: "sistem".into(), grants: vec![], request_id: None, read_only: false }
    }

    pub fn anonymous(request_id: Option<String>) -> Actor {
        Actor { user_id: None, label: "anonim".into(), grants: vec![], request_id, read_only: false }
    }

    pub fn can(&self, p: Permission) -> bool {
        grants_allow(&self.grants, p)
    }

    pub fn require(&self, p: Permission) -> Result<(), Forbidden> {
        if self.can(p) { Ok(()) } else { Err(Forbidden) }
    }

    /// [`Actor::require`] for a change: also refused to read-only tokens.
    pub fn require_change(&self, p: Permission) -> Result<(), Forbidden> {
        if self.read_only { Err(Forbidden) } else { self.require(p) }
    }

    pub fn has_role(&self, r: Role) -> bool {
        self.grants.iter().any(|g| g.role == r)
    }

    /// The government units this person is an officer of.
    pub fn opd_ids(&self) -> Vec<i64> {
        self.grants.iter().filter(|g| g.role == Role::PetugasOpd).filter_map(|g| g.scope.opd_id()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn scopes_must_fit_roles() {
        assert!(Grant::new(Role::Admin, Scope::Global).is_some());
        assert!(Grant::new(Role::Admin, Scope::Kim(1)).is_none());
        assert!(Grant::new(Role::Redaksi, Scope::City).is_some());
        assert!(Grant::new(Role::Anggota, Scope::Kim(3)).is_some());
        assert!(Grant::new(Role::Anggota, Scope::Global).is_none());
        assert!(Grant::new(Role::PetugasOpd, Scope::Opd(2)).is_some());
        assert!(Grant::new(Role::PetugasOpd, Scope::Kim(2)).is_none());
        assert!(Grant::new(Role::Dpo, Scope::Global).is_some());
    }

    #[test]
    fn permissions_by_role() {
        let admin = [Grant { role: Role::Admin, scope: Scope::Global }];
        let dpo = [Grant { role: Role::Dpo, scope: Scope::Global }];
        let redaksi = [Grant { role: Role::Redaksi, scope: Scope::Kim(1) }];
        assert!(grants_allow(&admin, Permission::ManageKim));
        assert!(grants_allow(&dpo, Permission::ViewAudit));
        assert!(!grants_allow(&dpo, Permission::ManageKim));
        assert!(!grants_allow(&redaksi, Permission::ViewAudit));
        assert!(!grants_allow(&[], Permission::EnterAdmin));
    }

    #[test]
    fn write_tokens_can_read() {
        assert!(TokenScope::Write.allows(TokenScope::Read));
        assert!(TokenScope::Read.allows(TokenScope::Read));
        assert!(!TokenScope::Read.allows(TokenScope::Write));
        assert_eq!(TokenScope::parse("write"), Some(TokenScope::Write));
        assert_eq!(TokenScope::parse("admin"), None);
    }

    #[test]
    fn scope_keys() {
        assert_eq!(Scope::Kim(4).key(), "kim:4");
        assert_eq!(Scope::from_parts("kim:4", Some(4), None), Scope::Kim(4));
        assert_eq!(Scope::from_parts("city", None, None), Scope::City);
        assert_eq!(Scope::from_parts("", None, None), Scope::Global);
    }
}
