//! What every page template needs: language, CSRF token, the signed-in person, and the
//! navigation state. Templates call `page.t("key")` for text.

use askama::Template;
use axum::{
    http::{StatusCode, header},
    response::{Html, IntoResponse, Response},
};

use crate::{app::App, domain::access::Permission, error::AppError, infra::i18n::Lang, web::viewer::Viewer};

/// The page frame's data.
pub struct Page {
    pub lang: Lang,
    pub title: String,
    pub csrf: String,
    pub user_name: Option<String>,
    pub can_admin: bool,
    /// Writes news (KIM members and editors).
    pub can_write: bool,
    /// Sees the reports desk (coordinator, OPD officers, KIM members).
    pub can_desk: bool,
    /// Works the tip-line (editors, admins).
    pub can_check_facts: bool,
    pub path: String,
    pub site_name: String,
    /// The city's logo (header), when an admin set one.
    pub logo: Option<String>,
    /// The site's address without a trailing slash (absolute links in share tags).
    pub origin: String,
    pub css_url: &'static str,
    pub description: String,
    /// Where this page was requested (path and query), for the language links.
    pub here: String,
    /// A one-time message from the previous action: (success?, text).
    pub flash: Option<(bool, String)>,
    /// This page's own feed (a category's or a group's news), advertised in `<head>` beside the
    /// site's.
    pub feed_base: Option<String>,
    /// The deployment's time zone, for every date and time the page shows.
    pub zone: crate::domain::time::Zone,
    /// A staff member's waiting tasks (the menu's "Tugas saya"); none for citizens.
    pub work: Option<i64>,
}

impl Page {
    /// A page titled with the translation of `title_key`.
    pub fn new(app: &App, viewer: &Viewer, path: &str, title_key: &str) -> Page {
        let title = viewer.lang.t(title_key);
        Page::titled(app, viewer, path, title)
    }

    /// A page with a literal title (e.g. a KIM group's name).
    pub fn titled(app: &App, viewer: &Viewer, path: &str, title: String) -> Page {
        let site = app.site();
        Page {
            lang: viewer.lang,
            title,
            csrf: viewer.csrf.clone(),
            user_name: viewer.user.as_ref().map(|u| u.name.clone()),
            can_admin: viewer.can(Permission::EnterAdmin),
            can_write: viewer.can(Permission::WriteNews),
            can_desk: viewer.can(Permission::ViewAspirationDesk),
            can_check_facts: viewer.can(Permission::CheckFacts),
            path: path.to_owned(),
            site_name: site.title(&app.config.site_name),
            logo: site.logo_url(),
            origin: app.config.link(""),
            css_url: super::assets::css_url(),
            description: viewer.lang.t("site-description"),
            here: viewer.here.clone(),
            flash: viewer.flash.as_ref().map(|f| (f.ok, viewer.lang.t(&f.key))),
            feed_base: None,
            zone: app.zone().clone(),
            work: viewer.work,
        }
    }

    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    /// The translation of `prefix` + `key`, e.g. `tk("role-", "admin")`.
    pub fn tk<K: AsRef<str> + ?Sized>(&self, prefix: &str, key: &K) -> String {
        self.lang.t(&format!("{prefix}{}", key.as_ref()))
    }

    /// A region as people say it: "Kelurahan Bulakan", "Kecamatan Cibeber", and a kota or
    /// kabupaten by its own name ("Kota Cilegon" already says what it is).
    pub fn region<L: AsRef<str> + ?Sized>(&self, level: &L, name: &str) -> String {
        if name.is_empty() {
            return self.t("region-unknown");
        }
        match level.as_ref() {
            "kelurahan" | "kecamatan" => format!("{} {name}", self.tk("level-", level)),
            _ => name.to_owned(),
        }
    }

    /// A phone number stored as `+62…`, shown the way Indonesians write it (`0812-3456-7890`).
    pub fn phone(&self, e164: &str) -> String {
        crate::domain::text::PhoneNumber::display_national(e164)
    }

    /// A `YYYY-MM-DD` date in words (`17 Agustus 2026`), or as stored if it is not a date.
    pub fn date(&self, ymd: &str) -> String {
        crate::domain::time::Date::parse(ymd).map_or_else(|| ymd.to_owned(), |d| d.format_long(self.lang.code()))
    }

    /// An instant as a date and time in the deployment's zone, the one style every page uses
    /// (`10 Desember 2026 pukul 23.59 WIB`).
    pub fn datetime(&self, at: impl Moment) -> String {
        at.moment().format_long_in(&self.zone, self.lang.code())
    }

    /// The day of an instant in words, in the deployment's zone (`28 November 2026`).
    pub fn day(&self, at: impl Moment) -> String {
        at.moment().date_in(&self.zone).format_long(self.lang.code())
    }

    /// A translation with one `{ $name }` argument.
    pub fn t1(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        self.lang.t_args(key, &[(name, value.to_string())])
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    /// Whether a navigation link points at the current section (for `aria-current`).
    pub fn is_current(&self, prefix: &str) -> bool {
        if prefix == "/" { self.path == "/" } else { self.path.starts_with(prefix) }
    }
}

/// Renders a template into an HTML response with `status`.
pub fn render_status(status: StatusCode, tpl: &impl Template) -> Response {
    match tpl.render() {
        // Pages may hold form tokens or secrets (a new API token, a reset form): never stored.
        // Cacheable public pages are re-marked by the page cache.
        Ok(html) => (status, [(header::CACHE_CONTROL, "no-store")], Html(html)).into_response(),
        Err(e) => AppError::Internal(anyhow::anyhow!("template: {e}")).into_response(),
    }
}

/// Renders a template as a 200 page.
pub fn render(tpl: &impl Template) -> Response {
    render_status(StatusCode::OK, tpl)
}

/// Renders a form again with its errors (422), keeping what the user typed.
pub fn render_invalid(tpl: &impl Template) -> Response {
    render_status(StatusCode::UNPROCESSABLE_ENTITY, tpl)
}

/// A file to download (`mime`): never cached (exports may hold what only staff may see).
pub fn file_attachment(file_name: &str, mime: &str, data: impl Into<axum::body::Body>) -> Response {
    use axum::response::IntoResponse;
    let disposition = format!("attachment; filename=\"{file_name}\"");
    (
        [
            (axum::http::header::CONTENT_TYPE, mime.to_owned()),
            (axum::http::header::CONTENT_DISPOSITION, disposition),
            (axum::http::header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        data.into(),
    )
        .into_response()
}

/// A CSV file to download (see [`file_attachment`]).
pub fn csv_attachment(file_name: &str, data: impl Into<axum::body::Body>) -> Response {
    file_attachment(file_name, "text/csv; charset=utf-8", data)
}

/// Something templates pass as a moment: a `Timestamp`, or a reference to one however deep
/// (loops and `match` bindings hand out references).
pub trait Moment {
    fn moment(&self) -> crate::domain::time::Timestamp;
}

impl Moment for crate::domain::time::Timestamp {
    fn moment(&self) -> crate::domain::time::Timestamp {
        *self
    }
}

/// Milliseconds since the epoch, as rows store them.
impl Moment for i64 {
    fn moment(&self) -> crate::domain::time::Timestamp {
        crate::domain::time::Timestamp(*self)
    }
}

impl<T: Moment + ?Sized> Moment for &T {
    fn moment(&self) -> crate::domain::time::Timestamp {
        (**self).moment()
    }
}
