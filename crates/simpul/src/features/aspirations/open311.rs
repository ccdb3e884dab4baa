//! Open311 GeoReport v2 (`/open311/v2/`): discovery, services (the report categories, with
//! our attributes), requests (list, one, create) and tokens, each as `.json` or `.xml`.
//!
//! Requests are the public reports only (verified, not rahasia), and never carry the
//! reporter's name or contact. Creating one needs an `api_key` (an API token with `write`).
//! Errors follow the specification: a list of `{code, description}`.

use axum::{
    body::Bytes,
    extract::{RawQuery, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};

use super::{
    repo::{self, PublicFilter, PublicRow},
    service::{self, SubmitForm, code_of},
};
use crate::{
    app::AppState,
    domain::{
        aspiration::{Kind, Source, Status, TicketCode},
        ids::{AspirationId, AttachmentId, CategoryId},
        time::Timestamp,
    },
    error::AppError,
    features::{regions, tokens},
    web::{Limit, extract::Path},
};

/// Most requests in one answer, and the default window, as the specification suggests.
const MAX_REQUESTS: i64 = 1_000;
const DEFAULT_DAYS: i64 = 90;

/// `.json` or `.xml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Xml,
}

/// Splits `services.json` into ("services", format).
fn split(file: &str) -> Option<(&str, Format)> {
    let (stem, ext) = file.rsplit_once('.')?;
    match ext {
        "json" => Some((stem, Format::Json)),
        "xml" => Some((stem, Format::Xml)),
        _ => None,
    }
}

/// A value in a response: written as JSON or as XML elements.
#[derive(Debug, Clone)]
enum V {
    Null,
    Bool(bool),
    Num(f64),
    Int(i64),
    Str(String),
    /// A list whose XML items are each named `item`.
    List(&'static str, Vec<V>),
    Obj(Vec<(&'static str, V)>),
}

impl V {
    fn s(v: impl Into<String>) -> V {
        V::Str(v.into())
    }

    fn opt(v: Option<String>) -> V {
        v.map_or(V::Null, V::Str)
    }

    fn json(&self) -> serde_json::Value {
        match self {
            V::Null => serde_json::Value::Null,
            V::Bool(b) => (*b).into(),
            V::Num(n) => (*n).into(),
            V::Int(n) => (*n).into(),
            V::Str(s) => s.as_str().into(),
            V::List(_, items) => items.iter().map(V::json).collect::<Vec<_>>().into(),
            V::Obj(fields) => fields.iter().map(|(k, v)| ((*k).to_owned(), v.json())).collect(),
        }
    }

    fn xml(&self, out: &mut String) {
        match self {
            V::Null => {}
            V::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            V::Num(n) => out.push_str(&n.to_string()),
            V::Int(n) => out.push_str(&n.to_string()),
            V::Str(s) => escape(s, out),
            V::List(item, items) => {
                for i in items {
                    out.push_str(&format!("<{item}>"));
                    i.xml(out);
                    out.push_str(&format!("</{item}>"));
                }
            }
            V::Obj(fields) => {
                for (k, v) in fields {
                    out.push_str(&format!("<{k}>"));
                    v.xml(out);
                    out.push_str(&format!("</{k}>"));
                }
            }
        }
    }
}

fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot carry at all.
            c if ((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
}

/// `root` is the XML root element; `item` names each entry of a list body.
fn respond(status: StatusCode, f: Format, root: &'static str, body: V) -> Response {
    match f {
        Format::Json => (status, axum::Json(body.json())).into_response(),
        Format::Xml => {
            let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
            out.push_str(&format!("<{root}>"));
            body.xml(&mut out);
            out.push_str(&format!("</{root}>"));
            (status, [(header::CONTENT_TYPE, "text/xml; charset=utf-8")], out).into_response()
        }
    }
}

/// The specification's error document.
fn error(f: Format, status: StatusCode, description: &str) -> Response {
    let e = V::List(
        "error",
        vec![V::Obj(vec![("code", V::Int(i64::from(status.as_u16()))), ("description", V::s(description))])],
    );
    respond(status, f, "errors", e)
}

fn not_found(f: Format) -> Response {
    error(f, StatusCode::NOT_FOUND, "not found")
}

fn internal(f: Format, e: &AppError) -> Response {
    tracing::error!(error = %e, "open311");
    error(f, StatusCode::INTERNAL_SERVER_ERROR, "internal error")
}

/// `GET /open311/v2/{file}`: `discovery.*`, `services.*`, `requests.*`.
pub async fn get_root(State(app): State<AppState>, Path(file): Path<String>, RawQuery(q): RawQuery) -> Response {
    let Some((name, f)) = split(&file) else { return not_found(Format::Json) };
    match name {
        "discovery" => discovery(&app, f),
        "services" => services(&app, f).await,
        "requests" => list_requests(&app, f, &params(q.as_deref().unwrap_or_default())).await,
        _ => not_found(f),
    }
}

fn params(q: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(q.as_bytes()).into_owned().collect()
}

fn param<'a>(p: &'a [(String, String)], k: &str) -> Option<&'a str> {
    p.iter().find(|(n, _)| n == k).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
}

fn discovery(app: &AppState, f: Format) -> Response {
    let base = app.config.base_url.join("/open311/v2/").map(|u| u.to_string()).unwrap_or_default();
    let endpoint = V::Obj(vec![
        ("specification", V::s("http://wiki.open311.org/GeoReport_v2")),
        ("url", V::s(base)),
        ("changeset", V::s("2026-11-28T00:00:00Z")),
        ("type", V::s("production")),
        ("formats", V::List("format", vec![V::s("application/json"), V::s("text/xml")])),
    ]);
    let body = V::Obj(vec![
        ("changeset", V::s("2026-11-28T00:00:00Z")),
        ("contact", V::s(app.site_title())),
        ("key_service", V::s(app.config.base_url.join("/admin/token").map(|u| u.to_string()).unwrap_or_default())),
        ("endpoints", V::List("endpoint", vec![endpoint])),
    ]);
    respond(StatusCode::OK, f, "discovery", body)
}

async fn services(app: &AppState, f: Format) -> Response {
    let cats = match repo::categories(&app.db).await {
        Ok(c) => c,
        Err(e) => return internal(f, &e.into()),
    };
    let list = cats
        .into_iter()
        .map(|c| {
            V::Obj(vec![
                ("service_code", V::s(c.id.to_string())),
                ("service_name", V::s(c.name.clone())),
                ("description", V::s(format!("{} ({})", c.name, c.opd_name))),
                ("metadata", V::Bool(true)),
                ("type", V::s("realtime")),
                ("keywords", V::s(c.name.to_lowercase().replace(' ', ","))),
                ("group", V::s(c.opd_name)),
            ])
        })
        .collect();
    respond(StatusCode::OK, f, "services", V::List("service", list))
}

/// `GET /open311/v2/services/{code}.{format}`: the attributes a request may carry.
pub async fn show_service(State(app): State<AppState>, Path(file): Path<String>) -> Response {
    let Some((code, f)) = split(&file) else { return not_found(Format::Json) };
    let Ok(id) = code.parse::<CategoryId>() else { return not_found(f) };
    let cat = match repo::category(&app.db, id).await {
        Ok(Some(c)) => c,
        Ok(None) => return not_found(f),
        Err(e) => return internal(f, &e.into()),
    };
    let kel = match regions::list(&app.db, Some("kelurahan"), None).await {
        Ok(k) => k,
        Err(e) => return internal(f, &e.into()),
    };
    let values = |pairs: Vec<(String, String)>| {
        V::List("value", pairs.into_iter().map(|(k, n)| V::Obj(vec![("key", V::s(k)), ("name", V::s(n))])).collect())
    };
    let attr = |code: &'static str, datatype: &'static str, required: bool, order: i64, desc: &str, vals: V| {
        V::Obj(vec![
            ("variable", V::Bool(true)),
            ("code", V::s(code)),
            ("datatype", V::s(datatype)),
            ("required", V::Bool(required)),
            ("datatype_description", V::Null),
            ("order", V::Int(order)),
            ("description", V::s(desc)),
            ("values", vals),
        ])
    };
    let yes_no = || values(vec![("ya".into(), "Ya".into()), ("tidak".into(), "Tidak".into())]);
    let kinds = Kind::ALL.iter().map(|k| (k.as_str().to_owned(), k.as_str().replace('_', " "))).collect();
    let attributes = vec![
        attr(
            "kelurahan",
            "singlevaluelist",
            false,
            1,
            "Kelurahan tempat kejadian (wajib bila tidak ada lat/long atau address_string)",
            values(kel.into_iter().map(|r| (r.id.to_string(), r.name)).collect()),
        ),
        attr("jenis", "singlevaluelist", false, 2, "Jenis laporan (bawaan: pengaduan)", values(kinds)),
        attr("judul", "string", false, 3, "Judul singkat (bawaan: awal deskripsi)", V::List("value", vec![])),
        attr("anonim", "singlevaluelist", false, 4, "Sembunyikan identitas pelapor dari petugas", yes_no()),
        attr("rahasia", "singlevaluelist", false, 5, "Jangan tampilkan laporan untuk publik", yes_no()),
        attr("tanggal_kejadian", "datetime", false, 6, "Tanggal kejadian (YYYY-MM-DD)", V::List("value", vec![])),
    ];
    let body =
        V::Obj(vec![("service_code", V::s(cat.id.to_string())), ("attributes", V::List("attribute", attributes))]);
    respond(StatusCode::OK, f, "service_definition", body)
}

/// Open311's two statuses.
fn open311_status(s: Status) -> &'static str {
    if s.is_closed() { "closed" } else { "open" }
}

async fn list_requests(app: &AppState, f: Format, p: &[(String, String)]) -> Response {
    let now = app.clock.now();
    let mut filter = PublicFilter::default();
    let mut codes: Vec<TicketCode> = Vec::new();
    if let Some(ids) = param(p, "service_request_id") {
        // Overrides every other filter (the specification says so).
        codes = ids.split(',').filter_map(TicketCode::parse).take(1_000).collect();
        if codes.is_empty() {
            return respond(StatusCode::OK, f, "service_requests", V::List("request", vec![]));
        }
        filter.ids = Some(codes.iter().map(|t| t.id()).collect());
    } else {
        let from = match param(p, "start_date").map(Timestamp::parse_w3c) {
            Some(None) => return error(f, StatusCode::BAD_REQUEST, "start_date is not a W3C datetime"),
            Some(Some(t)) => Some(t),
            None => None,
        };
        let until = match param(p, "end_date").map(Timestamp::parse_w3c) {
            Some(None) => return error(f, StatusCode::BAD_REQUEST, "end_date is not a W3C datetime"),
            Some(Some(t)) => Some(t),
            None => None,
        };
        let (from, until) = match (from, until) {
            (Some(a), Some(b)) => (a, b),
            (Some(a), None) => (a, Timestamp(a.0 + DEFAULT_DAYS * 86_400_000)),
            (None, Some(b)) => (Timestamp(b.0 - DEFAULT_DAYS * 86_400_000), b),
            (None, None) => (now.plus_days(-DEFAULT_DAYS), now),
        };
        filter.from = Some(from);
        filter.until = Some(until);
        if let Some(codes) = param(p, "service_code") {
            let ids: Vec<CategoryId> = codes.split(',').filter_map(|c| c.trim().parse().ok()).collect();
            match ids.as_slice() {
                [] => return error(f, StatusCode::BAD_REQUEST, "service_code is not known"),
                [one] => filter.category_id = Some(*one),
                _ => filter.category_ids = ids,
            }
        }
        if let Some(st) = param(p, "status") {
            let mut statuses = Vec::new();
            for s in st.split(',').map(str::trim) {
                match s {
                    "open" => statuses.extend(Status::ALL.into_iter().filter(|x| x.is_open())),
                    "closed" => statuses.extend(Status::ALL.into_iter().filter(|x| x.is_closed())),
                    _ => return error(f, StatusCode::BAD_REQUEST, "status must be open or closed"),
                }
            }
            filter.statuses = statuses;
        }
    }
    match requests_out(app, &filter, &codes).await {
        Ok(list) => respond(StatusCode::OK, f, "service_requests", V::List("request", list)),
        Err(e) => internal(f, &e),
    }
}

/// The requests `filter` finds; when `codes` are given, only those (a code names a report and
/// its year: `ASP-1999-000007` is not report 7 of 2026).
async fn requests_out(app: &AppState, filter: &PublicFilter, codes: &[TicketCode]) -> Result<Vec<V>, AppError> {
    let mut rows = repo::list_public(&app.db, filter, 0, MAX_REQUESTS).await?;
    if !codes.is_empty() {
        rows.retain(|r| codes.contains(&TicketCode::of(r.year, r.id)));
    }
    let ids: Vec<AspirationId> = rows.iter().map(|r| r.id).collect();
    let notes = repo::latest_public_answers(&app.db, &ids).await?;
    let media = repo::first_public_images(&app.db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let note = notes.iter().find(|(id, _)| *id == r.id).map(|(_, b)| b.clone());
            let image = media.iter().find(|(id, _)| *id == r.id).map(|(_, a)| *a);
            request_out(app, r, note, image)
        })
        .collect())
}

fn request_out(app: &AppState, r: PublicRow, note: Option<String>, image: Option<AttachmentId>) -> V {
    let url = |p: String| app.config.base_url.join(&p).map(|u| u.to_string()).unwrap_or_default();
    let address = match (&r.address, r.kelurahan.is_empty()) {
        (Some(a), false) => Some(format!("{a}, {}", r.kelurahan)),
        (Some(a), true) => Some(a.clone()),
        (None, false) => Some(r.kelurahan.clone()),
        (None, true) => None,
    };
    V::Obj(vec![
        ("service_request_id", V::s(code_of(r.year, r.id).to_string())),
        ("status", V::s(open311_status(r.status))),
        ("status_notes", V::opt(note)),
        ("service_name", V::s(r.category_name)),
        ("service_code", V::opt(r.category_id.map(|c| c.to_string()))),
        ("description", V::s(r.description)),
        ("agency_responsible", V::opt(r.opd_name)),
        ("service_notice", V::Null),
        ("requested_datetime", V::s(r.created_at.to_rfc3339())),
        ("updated_datetime", V::s(r.updated_at.to_rfc3339())),
        ("expected_datetime", V::Null),
        ("address", V::opt(address)),
        ("address_id", V::opt(r.region_id.map(|k| k.to_string()))),
        ("zipcode", V::Null),
        ("lat", r.lat_e6.map_or(V::Null, |v| V::Num(v as f64 / 1e6))),
        ("long", r.lon_e6.map_or(V::Null, |v| V::Num(v as f64 / 1e6))),
        ("media_url", V::opt(image.map(|a| url(format!("/aspirasi/lampiran/{a}"))))),
    ])
}

/// `GET /open311/v2/requests/{id}.{format}`.
pub async fn show_request(State(app): State<AppState>, Path(file): Path<String>) -> Response {
    let Some((id, f)) = split(&file) else { return not_found(Format::Json) };
    let Some(code) = TicketCode::parse(id) else { return not_found(f) };
    let filter = PublicFilter { ids: Some(vec![code.id()]), ..PublicFilter::default() };
    match requests_out(&app, &filter, &[code]).await {
        Ok(list) if !list.is_empty() => respond(StatusCode::OK, f, "service_requests", V::List("request", list)),
        Ok(_) => not_found(f),
        Err(e) => internal(f, &e),
    }
}

/// `GET /open311/v2/tokens/{token}.{format}`. Our POST answers with the request id at once,
/// so a token is that id; it resolves like `requests/{id}`, for public requests only (it must
/// not tell anyone that a rahasia, new or rejected report exists).
pub async fn show_token(State(app): State<AppState>, Path(file): Path<String>) -> Response {
    let Some((token, f)) = split(&file) else { return not_found(Format::Json) };
    let Some(code) = TicketCode::parse(token) else { return not_found(f) };
    match repo::find_public(&app.db, code.id()).await {
        Ok(Some(r)) if r.year == i64::from(code.year) => {
            let item = V::Obj(vec![("service_request_id", V::s(code.to_string())), ("token", V::s(code.to_string()))]);
            respond(StatusCode::OK, f, "service_requests", V::List("request", vec![item]))
        }
        Ok(_) => not_found(f),
        Err(e) => internal(f, &e.into()),
    }
}

/// `POST /open311/v2/requests.{format}` (form-encoded, as the specification says).
pub async fn create_request(State(app): State<AppState>, Path(file): Path<String>, body: Bytes) -> Response {
    let Some(("requests", f)) = split(&file) else { return not_found(Format::Json) };
    let p = params(&String::from_utf8_lossy(&body));
    let now = app.clock.now();
    let client = match param(&p, "api_key") {
        Some(k) => tokens::authenticate(&app, k, now).await.ok().flatten(),
        None => None,
    };
    let Some(client) = client.filter(|c| c.scope == crate::domain::access::TokenScope::Write) else {
        return error(f, StatusCode::FORBIDDEN, "api_key is missing, unknown, revoked or read-only");
    };
    // Personal tokens count like the JSON API's; the admin's machine tokens are integrations.
    if client.acting_for.is_some() && !app.limits.allow_token(Limit::Submissions, client.id).await {
        return error(f, StatusCode::TOO_MANY_REQUESTS, "too many requests");
    }
    let Some(code) = param(&p, "service_code") else {
        return error(f, StatusCode::BAD_REQUEST, "service_code is required");
    };
    let attr = |k: &str| param(&p, &format!("attribute[{k}]")).map(str::to_owned);
    let description = param(&p, "description").unwrap_or_default().to_owned();
    let title = attr("judul").unwrap_or_else(|| {
        let first: String = description.split_whitespace().take(12).collect::<Vec<_>>().join(" ");
        first.chars().take(150).collect()
    });
    let name = [param(&p, "first_name"), param(&p, "last_name")].into_iter().flatten().collect::<Vec<_>>().join(" ");
    // ya/tidak (and the usual yes/no words), any case; anything else is refused rather than
    // read as "no", so a rahasia report is never filed as a public one by mistake.
    let flag = |k: &str| -> Result<Option<String>, String> {
        match attr(k).map(|v| v.to_lowercase()) {
            None => Ok(None),
            Some(v) if matches!(v.as_str(), "ya" | "y" | "true" | "1" | "yes" | "on") => Ok(Some("ya".into())),
            Some(v) if matches!(v.as_str(), "tidak" | "t" | "false" | "0" | "no" | "off") => Ok(None),
            Some(_) => Err(format!("attribute[{k}] must be ya or tidak")),
        }
    };
    let (anonymous, confidential) = match (flag("anonim"), flag("rahasia")) {
        (Ok(a), Ok(r)) => (a, r),
        (Err(e), _) | (_, Err(e)) => return error(f, StatusCode::BAD_REQUEST, &e),
    };
    let form = SubmitForm {
        kind: attr("jenis").unwrap_or_else(|| "pengaduan".into()),
        title,
        description,
        category_id: code.to_owned(),
        kelurahan_id: attr("kelurahan").or_else(|| param(&p, "address_id").map(str::to_owned)).unwrap_or_default(),
        address: param(&p, "address_string").unwrap_or_default().to_owned(),
        lat: param(&p, "lat").unwrap_or_default().to_owned(),
        lon: param(&p, "long").unwrap_or_default().to_owned(),
        event_date: attr("tanggal_kejadian").map(|d| d.chars().take(10).collect()).unwrap_or_default(),
        // A client that sends no name is treated as anonymous rather than refused.
        anonymous: if name.is_empty() { Some("ya".into()) } else { anonymous },
        confidential,
        show_name: None,
        on_behalf: None,
        reporter_name: name,
        reporter_phone: param(&p, "phone").unwrap_or_default().to_owned(),
        reporter_email: param(&p, "email").unwrap_or_default().to_owned(),
    };
    let actor = crate::domain::access::Actor {
        user_id: None,
        label: format!("token:{}", client.name),
        grants: vec![],
        request_id: None,
        read_only: false,
    };
    match service::submit(&app, &actor, &form, Vec::new(), Source::Open311).await {
        Ok(done) => {
            let link = app
                .config
                .base_url
                .join(&service::follow_up_path(&done.key))
                .map(|u| u.to_string())
                .unwrap_or_default();
            let item = V::Obj(vec![
                ("service_request_id", V::s(done.code.to_string())),
                ("token", V::s(done.code.to_string())),
                ("service_notice", V::s(format!("Laporan diterima. Pantau di tautan pribadi ini: {link}"))),
                ("account_id", V::Null),
            ]);
            respond(StatusCode::CREATED, f, "service_requests", V::List("request", vec![item]))
        }
        Err(AppError::Validation(errors)) => {
            let lang = crate::infra::i18n::Lang::En;
            let list = errors
                .0
                .iter()
                .map(|e| {
                    let field = match e.field.as_str() {
                        "category_id" => "service_code".to_owned(),
                        "kelurahan_id" => "attribute[kelurahan]".to_owned(),
                        "lon" => "long".to_owned(),
                        "kind" => "attribute[jenis]".to_owned(),
                        "reporter_phone" => "phone".to_owned(),
                        "reporter_email" => "email".to_owned(),
                        "address" => "address_string".to_owned(),
                        other => other.to_owned(),
                    };
                    V::Obj(vec![("code", V::Int(400)), ("description", V::s(format!("{field}: {}", lang.t(&e.code))))])
                })
                .collect();
            respond(StatusCode::BAD_REQUEST, f, "errors", V::List("error", list))
        }
        Err(AppError::TooManyRequests) => error(f, StatusCode::TOO_MANY_REQUESTS, "too many requests"),
        Err(e) => internal(f, &e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn w3c_datetimes() {
        let t = Timestamp::parse_w3c("2026-11-28T09:00:00+07:00").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-28T02:00:00Z");
        assert_eq!(Timestamp::parse_w3c("2026-11-28T02:00:00Z"), Some(t));
        assert_eq!(Timestamp::parse_w3c("2026-11-28T02:00Z"), Some(t));
        assert!(Timestamp::parse_w3c("2026-11-28").is_some());
        assert_eq!(Timestamp::parse_w3c("2026-11-28T09:00:00+0700"), Some(t));
        assert_eq!(Timestamp::parse_w3c("2026-11-28T09:00:00+999999999999999999"), None);
        assert_eq!(Timestamp::parse_w3c("2026-11-28T09:00:00+15:00"), None);
        for bad in ["", "yesterday", "2026-13-01T00:00:00Z", "2026-11-28T25:00:00Z", "2026-11-28Tab:00Z"] {
            assert_eq!(Timestamp::parse_w3c(bad), None, "{bad}");
        }
    }

    #[test]
    fn xml_is_escaped_and_lists_are_named() {
        let v = V::List("request", vec![V::Obj(vec![("description", V::s("a < b & \"c\"\u{1}\u{FFFE}"))])]);
        let mut out = String::new();
        v.xml(&mut out);
        assert_eq!(out, "<request><description>a &lt; b &amp; &quot;c&quot;</description></request>");
    }

    #[test]
    fn formats() {
        assert_eq!(split("services.json"), Some(("services", Format::Json)));
        assert_eq!(split("ASP-2026-000001.xml"), Some(("ASP-2026-000001", Format::Xml)));
        assert_eq!(split("services.html"), None);
        assert_eq!(open311_status(Status::Ditanggapi), "open");
        assert_eq!(open311_status(Status::Selesai), "closed");
    }
}
