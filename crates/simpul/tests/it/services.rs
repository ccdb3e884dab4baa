//! Permission checks live in the services, not only in the route table: every state-changing
//! service refuses an actor without the permission, whatever door the call came through.

use simpul::{
    domain::{
        access::{Actor, Grant, Role, Scope},
        kim::KimForm,
        opd::OpdForm,
    },
    error::AppError,
    features::{categories, kim, opd, regions, tokens, users},
};

use crate::support::TestApp;

fn actor(role: Option<Role>, kim_id: i64, opd_id: i64) -> Actor {
    let grants = match role {
        None => vec![],
        Some(r @ (Role::Redaksi | Role::Anggota)) => vec![Grant { role: r, scope: Scope::Kim(kim_id) }],
        Some(Role::PetugasOpd) => vec![Grant { role: Role::PetugasOpd, scope: Scope::Opd(opd_id) }],
        Some(r) => vec![Grant { role: r, scope: Scope::Global }],
    };
    Actor { user_id: None, label: "uji".into(), grants, request_id: None, read_only: false }
}

fn forbidden<T: std::fmt::Debug>(what: &str, role: Option<Role>, r: Result<T, AppError>) {
    assert!(matches!(r, Err(AppError::Forbidden)), "{what} as {role:?}: {r:?}");
}

#[tokio::test]
async fn only_admins_change_registries_accounts_tokens_and_regions() {
    let t = TestApp::new().await;
    let (kim_id, _) = t.kim("KIM Layanan").await;
    let opd_id = t.opd("Dinas Layanan").await;
    let member = t.user(Role::Anggota, Some(kim_id), None).await;
    let member_id: i64 = simpul::infra::db::query("SELECT id FROM users WHERE email = $1")
        .bind(member.as_str())
        .scalar(&t.app.db)
        .await
        .unwrap();
    let grant_id: i64 = simpul::infra::db::query("SELECT id FROM user_roles WHERE user_id = $1")
        .bind(member_id)
        .scalar(&t.app.db)
        .await
        .unwrap();
    let region: i64 =
        simpul::infra::db::query("SELECT id FROM regions WHERE name = 'Bulakan'").scalar(&t.app.db).await.unwrap();
    let before =
        (t.count("kim_groups").await, t.count("opd").await, t.count("users").await, t.count("audit_events").await);
    let kim_form = KimForm {
        name: "KIM Baru".into(),
        level: "kelurahan".into(),
        region_id: region.to_string(),
        ..Default::default()
    };
    let opd_form = OpdForm { name: "Dinas Baru".into(), short_name: "DB".into(), ..Default::default() };
    let staff = users::StaffForm {
        name: "X".into(),
        email: "x@example.id".into(),
        role: "admin".into(),
        kim_id: String::new(),
        opd_id: String::new(),
    };
    let member_form = kim::MemberForm { email: "y@example.id".into(), name: "Y".into(), role: "redaksi".into() };
    for role in [None, Some(Role::Redaksi), Some(Role::Anggota), Some(Role::PetugasOpd), Some(Role::Dpo)] {
        let a = actor(role, kim_id, opd_id);
        let app = &t.app;
        forbidden("kim create", role, kim::create(app, &a, &kim_form).await);
        forbidden("kim update", role, kim::update(app, &a, kim_id, &kim_form).await);
        forbidden("kim delete", role, kim::delete(app, &a, kim_id, true).await);
        forbidden("add member", role, kim::add_member(app, &a, kim_id, &member_form).await);
        forbidden("remove member", role, kim::remove_member(app, &a, kim_id, grant_id).await);
        forbidden("opd create", role, opd::create(app, &a, &opd_form).await);
        forbidden("opd update", role, opd::update(app, &a, opd_id, &opd_form).await);
        forbidden("opd delete", role, opd::delete(app, &a, opd_id, true).await);
        forbidden("staff create", role, users::create_staff(app, &a, &staff, None).await);
        forbidden("role revoke", role, users::revoke(app, &a, member_id, grant_id).await);
        forbidden("disable", role, users::set_disabled(app, &a, member_id, true).await);
        let tf = tokens::TokenForm { name: "t".into(), scope: "read".into() };
        forbidden("token create", role, tokens::create(app, &a, &tf).await);
        forbidden("region code", role, regions::set_code(app, &a, region, "36.72.01.1001").await);
        let cf = simpul::domain::category::CategoryForm { name: "Pariwisata".into(), description: String::new() };
        forbidden("category create", role, categories::create(app, &a, &cf).await);
        forbidden("category update", role, categories::update(app, &a, 1, &cf).await);
        forbidden("category delete", role, categories::delete(app, &a, 1, true).await);
        let imported = regions::import_csv(app, &a, regions::CILEGON_CSV).await;
        assert!(matches!(imported, Err(regions::ImportError::App(AppError::Forbidden))), "import as {role:?}");
    }
    for role in [None, Some(Role::PetugasOpd), Some(Role::Dpo)] {
        let a = actor(role, kim_id, opd_id);
        forbidden("media upload", role, simpul::features::media::upload(&t.app, &a, vec![1, 2, 3], "x").await);
        let f = simpul::domain::article::ArticleForm {
            title: "T".into(),
            lead: "L".into(),
            body: "B".into(),
            category_id: "1".into(),
            scope: "city".into(),
            ..Default::default()
        };
        forbidden("news create", role, simpul::features::news::create(&t.app, &a, &f).await);
        forbidden("news save", role, simpul::features::news::save(&t.app, &a, 1, &f).await);
        let act = simpul::features::news::ActionForm { action: "terbitkan".into(), ..Default::default() };
        forbidden("news act", role, simpul::features::news::act(&t.app, &a, 1, &act).await.map(|_| ()));
    }
    let after =
        (t.count("kim_groups").await, t.count("opd").await, t.count("users").await, t.count("audit_events").await);
    assert_eq!(before, after, "nothing changed, nothing audited");
}

#[tokio::test]
async fn a_read_only_token_changes_no_article_whatever_its_owner_may_do() {
    use simpul::{domain::article::ArticleForm, features::news};
    let t = TestApp::new().await;
    let (kim_id, _) = t.kim("KIM Baca Saja").await;
    let email = t.user(Role::Redaksi, Some(kim_id), None).await;
    let mut editor = actor(Some(Role::Redaksi), kim_id, 0);
    editor.user_id = Some(
        simpul::infra::db::query("SELECT id FROM users WHERE email = $1")
            .bind(email.as_str())
            .scalar(&t.app.db)
            .await
            .unwrap(),
    );
    let form = ArticleForm {
        title: "Judul".into(),
        lead: "Ringkas.".into(),
        body: "Isi.".into(),
        category_id: "1".into(),
        scope: format!("kim:{kim_id}"),
        ..Default::default()
    };
    let id = news::create(&t.app, &editor, &form).await.unwrap();
    let read_only = Actor { read_only: true, ..editor.clone() };
    forbidden("create", Some(Role::Redaksi), news::create(&t.app, &read_only, &form).await);
    forbidden("save", Some(Role::Redaksi), news::save(&t.app, &read_only, id, &form).await);
    let submit = news::ActionForm { action: "ajukan".into(), ..Default::default() };
    forbidden("act", Some(Role::Redaksi), news::act(&t.app, &read_only, id, &submit).await);
    assert!(news::desk_view(&t.app, &read_only, id).await.is_ok(), "reading is allowed");
}
