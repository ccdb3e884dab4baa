//! KIM pages: the public directory and the admin registry.

use askama::Template;
use axum::{extract::State, response::Response};
use serde::Deserialize;

use super::{
    repo::{self, KimListRow, KimRow},
    service::{self, MemberForm},
};
use crate::{
    app::AppState,
    domain::{kim::KimForm, validation::FieldErrors},
    error::{AppError, AppResult},
    features::{accounts, news, regions},
    web::{
        extract::{ConfirmForm, Form, Path, Query, empty_as_none},
        feeds::{Channel, Format},
        flash::{Flash, after, redirect_with},
        page::{Page, render, render_invalid},
        viewer::Viewer,
    },
};

const PAGE_SIZE: i64 = 50;

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct DirectoryQuery {
    pub q: String,
    #[serde(deserialize_with = "empty_as_none")]
    pub kecamatan: Option<i64>,
    #[serde(deserialize_with = "empty_as_none")]
    pub hal: Option<i64>,
}

#[derive(Template)]
#[template(path = "kim/list.html")]
struct DirectoryPage {
    page: Page,
    groups: Vec<KimListRow>,
    q: String,
    kecamatan: Option<i64>,
    kecamatans: Vec<regions::RegionRow>,
    hal: i64,
    has_next: bool,
}

pub async fn list_kim(
    State(app): State<AppState>,
    viewer: Viewer,
    Query(q): Query<DirectoryQuery>,
) -> AppResult<Response> {
    let hal = q.hal.unwrap_or(1).clamp(1, 10_000);
    let mut groups = repo::list(&app.db, &q.q, q.kecamatan, PAGE_SIZE + 1, (hal - 1) * PAGE_SIZE).await?;
    let has_next = groups.len() as i64 > PAGE_SIZE;
    groups.truncate(PAGE_SIZE as usize);
    let kecamatans = regions::list(&app.db, Some("kecamatan"), None).await?;
    let page = Page::new(&app, &viewer, "/kim", "kim-directory-title");
    Ok(render(&DirectoryPage { page, groups, q: q.q, kecamatan: q.kecamatan, kecamatans, hal, has_next }))
}

#[derive(Template)]
#[template(path = "kim/show.html")]
struct KimPage {
    page: Page,
    kim: KimRow,
    member_count: i64,
    news: Vec<news::ArticleRow>,
}

pub async fn show_kim(State(app): State<AppState>, viewer: Viewer, Path(slug): Path<String>) -> AppResult<Response> {
    let kim = repo::find_by_slug(&app.db, &slug).await?.ok_or(AppError::NotFound)?;
    let member_count = repo::member_count(&app.db, kim.id).await?;
    let news = news::list_published_in(&app.db, None, Some(kim.id), 10, 0, news::Detail::Summary).await?;
    let mut page = Page::titled(&app, &viewer, &format!("/kim/{slug}"), kim.name.clone());
    page.feed_base = Some(format!("/kim/{slug}"));
    Ok(render(&KimPage { page, kim, member_count, news }))
}

/// `/kim/<slug>/<feed file>`: the group's news as RSS, Atom or JSON Feed.
pub async fn show_kim_feed(
    State(app): State<AppState>,
    Path((slug, file)): Path<(String, String)>,
) -> AppResult<Response> {
    let format = Format::from_file(&file).ok_or(AppError::NotFound)?;
    let k = repo::find_by_slug(&app.db, &slug).await?.ok_or(AppError::NotFound)?;
    let ch = Channel {
        title: k.name.clone(),
        link: app.config.link(&format!("/kim/{slug}")),
        self_link: app.config.link(&format!("/kim/{slug}/{file}")),
    };
    news::group_feed(&app, k.id, format, &ch).await
}

#[derive(Template)]
#[template(path = "kim/admin_list.html")]
struct AdminListPage {
    page: Page,
    groups: Vec<KimListRow>,
    q: String,
}

pub async fn admin_list_kim(
    State(app): State<AppState>,
    viewer: Viewer,
    Query(q): Query<DirectoryQuery>,
) -> AppResult<Response> {
    let groups = repo::list(&app.db, &q.q, None, 500, 0).await?;
    let page = Page::new(&app, &viewer, "/admin/kim", "kim-admin-title");
    Ok(render(&AdminListPage { page, groups, q: q.q }))
}

#[derive(Template)]
#[template(path = "kim/form.html")]
struct KimFormPage {
    page: Page,
    form: KimForm,
    errors: FieldErrors,
    regions: Vec<regions::RegionChoice>,
}

async fn form_page(
    app: &AppState,
    viewer: &Viewer,
    id: Option<i64>,
    form: KimForm,
    errors: FieldErrors,
) -> AppResult<KimFormPage> {
    let (path, title) = match id {
        Some(id) => (format!("/admin/kim/{id}/ubah"), "kim-edit-title"),
        None => ("/admin/kim/baru".to_owned(), "kim-new-title"),
    };
    let regions = regions::choices(&app.db).await?;
    Ok(KimFormPage { page: Page::new(app, viewer, &path, title), form, errors, regions })
}

pub async fn new_kim(State(app): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    let form = KimForm { level: "kelurahan".into(), ..Default::default() };
    Ok(render(&form_page(&app, &viewer, None, form, FieldErrors::new()).await?))
}

pub async fn create_kim(State(app): State<AppState>, viewer: Viewer, Form(form): Form<KimForm>) -> AppResult<Response> {
    match service::create(&app, &viewer.actor(), &form).await {
        Ok((id, _)) => Ok(redirect_with(&app, &format!("/admin/kim/{id}/anggota"), Flash::ok("flash-kim-created"))),
        Err(AppError::Validation(errors)) => Ok(render_invalid(&form_page(&app, &viewer, None, form, errors).await?)),
        Err(e) => Err(e),
    }
}

pub async fn edit_kim(State(app): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> AppResult<Response> {
    let k = repo::find(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let o = |v: Option<String>| v.unwrap_or_default();
    let form = KimForm {
        name: k.name,
        level: k.level.as_str().to_owned(),
        region_id: k.region_id.to_string(),
        sk_number: o(k.sk_number),
        sk_date: o(k.sk_date),
        address: o(k.address),
        phone: o(k.phone),
        email: o(k.email),
        website: o(k.website),
        facebook: o(k.facebook),
        instagram: o(k.instagram),
        youtube: o(k.youtube),
        tiktok: o(k.tiktok),
        ketua: o(k.ketua),
        sekretaris: o(k.sekretaris),
        bendahara: o(k.bendahara),
    };
    Ok(render(&form_page(&app, &viewer, Some(id), form, FieldErrors::new()).await?))
}

pub async fn update_kim(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<KimForm>,
) -> AppResult<Response> {
    match service::update(&app, &viewer.actor(), id, &form).await {
        Ok(()) => Ok(redirect_with(&app, "/admin/kim", Flash::ok("flash-saved"))),
        Err(AppError::Validation(errors)) => {
            Ok(render_invalid(&form_page(&app, &viewer, Some(id), form, errors).await?))
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "kim/members.html")]
struct MembersPage {
    page: Page,
    kim: KimRow,
    members: Vec<accounts::MemberRow>,
    form: MemberForm,
    errors: FieldErrors,
}

async fn members_page(
    app: &AppState,
    viewer: &Viewer,
    id: i64,
    form: MemberForm,
    errors: FieldErrors,
) -> AppResult<MembersPage> {
    let kim = repo::find(&app.db, id).await?.ok_or(AppError::NotFound)?;
    let members = accounts::kim_members(&app.db, id).await?;
    let page = Page::titled(
        app,
        viewer,
        &format!("/admin/kim/{id}/anggota"),
        format!("{} — {}", viewer.lang.t("kim-members-title"), kim.name),
    );
    Ok(MembersPage { page, kim, members, form, errors })
}

pub async fn show_members(State(app): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> AppResult<Response> {
    let form = MemberForm { role: "anggota".into(), ..Default::default() };
    Ok(render(&members_page(&app, &viewer, id, form, FieldErrors::new()).await?))
}

pub async fn add_member(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<MemberForm>,
) -> AppResult<Response> {
    match service::add_member(&app, &viewer.actor(), id, &form).await {
        Ok(added) => {
            let key = if added { "flash-member-added" } else { "flash-member-exists" };
            Ok(redirect_with(&app, &format!("/admin/kim/{id}/anggota"), Flash::ok(key)))
        }
        Err(AppError::Validation(errors)) => Ok(render_invalid(&members_page(&app, &viewer, id, form, errors).await?)),
        Err(e) => Err(e),
    }
}

pub async fn remove_member(
    State(app): State<AppState>,
    viewer: Viewer,
    Path((id, grant_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let here = format!("/admin/kim/{id}/anggota");
    after(&app, service::remove_member(&app, &viewer.actor(), id, grant_id).await, &here, "flash-member-removed", &here)
}

pub async fn delete_kim(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<ConfirmForm>,
) -> AppResult<Response> {
    let result = service::delete(&app, &viewer.actor(), id, form.confirmed()).await;
    after(&app, result, "/admin/kim", "flash-deleted", &format!("/admin/kim/{id}/ubah"))
}
