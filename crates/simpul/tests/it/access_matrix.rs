//! The access matrix: every registered route, for every kind of visitor, is allowed or
//! denied exactly as declared here. A route added to the router but not to this table fails.

use std::collections::BTreeSet;

use axum::http::StatusCode;
use simpul::{domain::access::Role, infra::db::query, web::route_table};

use crate::support::{Client, TestApp};

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Who {
    Everyone,
    /// Anyone, but a client presenting a token must hold a `write` one (a `read` token files
    /// nothing).
    EveryoneButReadTokens,
    /// Only visitors who are not signed in; signed-in people are sent home.
    Guests,
    SignedIn,
    Admin,
    AdminOrDpo,
    /// People who may upload media: admins, editors and KIM members.
    Writers,
    /// People who write news: editors and KIM members.
    NewsWriters,
    /// Editors (Redaksi).
    Editors,
    /// A machine token or a personal token.
    Token,
    /// A personal token of a KIM member or editor.
    PersonalToken,
    /// A `write` token (the matrix's machine token is a read one; its personal token writes).
    WriteToken,
    /// Only a registered survey kiosk's device (its cookie), none of the matrix's visitors.
    KioskDevice,
    /// The reports desk: the coordinator (admin), OPD officers, KIM members and editors.
    Desk,
    /// Admins and editors (the fact-check desk; registering others for training).
    Checkers,
}

const MATRIX: &[(&str, &str, Who)] = &[
    ("GET", "/", Who::Everyone),
    ("GET", "/bahasa/{lang}", Who::Everyone),
    ("GET", "/healthz", Who::Everyone),
    ("GET", "/metrics", Who::Everyone),
    ("GET", "/static/{file}", Who::Everyone),
    ("GET", "/api/openapi.json", Who::Everyone),
    ("GET", "/masuk", Who::Guests),
    ("POST", "/masuk", Who::Guests),
    ("GET", "/akun", Who::SignedIn),
    ("GET", "/akun/sandi", Who::SignedIn),
    ("POST", "/akun/sandi", Who::SignedIn),
    ("GET", "/lupa-sandi", Who::Everyone),
    ("POST", "/lupa-sandi", Who::Everyone),
    ("GET", "/atur-ulang-sandi", Who::Everyone),
    ("POST", "/atur-ulang-sandi", Who::Everyone),
    ("GET", "/daftar", Who::Guests),
    ("POST", "/daftar", Who::Guests),
    ("GET", "/verifikasi", Who::Everyone),
    ("GET", "/setup", Who::Everyone),
    ("POST", "/setup", Who::Everyone),
    ("GET", "/admin/pengguna", Who::Admin),
    ("POST", "/admin/pengguna", Who::Admin),
    ("POST", "/admin/pengguna/{id}/peran/{grant_id}/hapus", Who::Admin),
    ("POST", "/admin/pengguna/{id}/nonaktifkan", Who::Admin),
    ("POST", "/admin/pengguna/{id}/aktifkan", Who::Admin),
    ("GET", "/api/v1/regions", Who::Everyone),
    ("GET", "/admin/wilayah", Who::Admin),
    ("POST", "/admin/wilayah/{id}/kode", Who::Admin),
    ("GET", "/kim", Who::Everyone),
    ("GET", "/kim/{slug}", Who::Everyone),
    ("GET", "/admin/kim", Who::Admin),
    ("GET", "/admin/kim/baru", Who::Admin),
    ("POST", "/admin/kim/baru", Who::Admin),
    ("GET", "/admin/kim/{id}/ubah", Who::Admin),
    ("POST", "/admin/kim/{id}/ubah", Who::Admin),
    ("POST", "/admin/kim/{id}/hapus", Who::Admin),
    ("GET", "/admin/kim/{id}/anggota", Who::Admin),
    ("POST", "/admin/kim/{id}/anggota", Who::Admin),
    ("POST", "/admin/kim/{id}/anggota/{grant_id}/hapus", Who::Admin),
    ("GET", "/api/v1/kim", Who::Everyone),
    ("GET", "/api/v1/kim/{slug}", Who::Everyone),
    ("GET", "/opd", Who::Everyone),
    ("GET", "/admin/opd", Who::Admin),
    ("GET", "/admin/opd/baru", Who::Admin),
    ("POST", "/admin/opd/baru", Who::Admin),
    ("GET", "/admin/opd/{id}/ubah", Who::Admin),
    ("POST", "/admin/opd/{id}/ubah", Who::Admin),
    ("POST", "/admin/opd/{id}/hapus", Who::Admin),
    ("GET", "/api/v1/opd", Who::Everyone),
    ("GET", "/tulis", Who::NewsWriters),
    ("GET", "/tulis/baru", Who::NewsWriters),
    ("POST", "/tulis/baru", Who::NewsWriters),
    ("GET", "/tulis/{id}", Who::NewsWriters),
    ("POST", "/tulis/{id}", Who::NewsWriters),
    ("POST", "/tulis/{id}/aksi", Who::NewsWriters),
    ("GET", "/tulis/{id}/versi", Who::NewsWriters),
    ("GET", "/cari", Who::Everyone),
    ("GET", "/api/v1/search", Who::Everyone),
    ("GET", "/api/v1/newsroom/articles", Who::PersonalToken),
    ("POST", "/api/v1/newsroom/articles", Who::PersonalToken),
    ("GET", "/api/v1/newsroom/queue", Who::PersonalToken),
    ("GET", "/api/v1/newsroom/articles/{id}", Who::PersonalToken),
    ("PUT", "/api/v1/newsroom/articles/{id}", Who::PersonalToken),
    ("POST", "/api/v1/newsroom/articles/{id}/actions", Who::PersonalToken),
    ("GET", "/akun/token", Who::NewsWriters),
    ("POST", "/akun/token", Who::NewsWriters),
    ("POST", "/akun/token/{id}/cabut", Who::SignedIn),
    ("GET", "/redaksi", Who::Editors),
    ("GET", "/berita", Who::Everyone),
    ("GET", "/berita/{slug}", Who::Everyone),
    ("GET", "/kategori/{slug}", Who::Everyone),
    ("GET", "/tag/{slug}", Who::Everyone),
    ("GET", "/feed.xml", Who::Everyone),
    ("GET", "/sitemap.xml", Who::Everyone),
    ("GET", "/sitemap-news.xml", Who::Everyone),
    ("GET", "/sitemaps/{file}", Who::Everyone),
    ("GET", "/api/v1/articles", Who::Everyone),
    ("GET", "/api/v1/articles/{slug}", Who::Everyone),
    ("GET", "/atom.xml", Who::Everyone),
    ("GET", "/feed.json", Who::Everyone),
    ("GET", "/kategori/{slug}/{file}", Who::Everyone),
    ("GET", "/kim/{slug}/{file}", Who::Everyone),
    ("GET", "/akun/media", Who::Writers),
    ("POST", "/akun/media", Who::Writers),
    ("GET", "/media/{file}", Who::Everyone),
    ("GET", "/admin/kategori", Who::Admin),
    ("POST", "/admin/kategori", Who::Admin),
    ("GET", "/admin/kategori/{id}/ubah", Who::Admin),
    ("POST", "/admin/kategori/{id}/ubah", Who::Admin),
    ("POST", "/admin/kategori/{id}/hapus", Who::Admin),
    ("GET", "/api/v1/categories", Who::Everyone),
    ("GET", "/admin/audit", Who::AdminOrDpo),
    ("GET", "/admin/token", Who::Admin),
    ("POST", "/admin/token", Who::Admin),
    ("POST", "/admin/token/{id}/cabut", Who::Admin),
    ("GET", "/api/v1/token", Who::Token),
    ("GET", "/admin", Who::AdminOrDpo),
    ("GET", "/admin/surel", Who::Admin),
    ("POST", "/keluar", Who::Everyone),
    ("GET", "/aspirasi", Who::Everyone),
    ("GET", "/aspirasi/baru", Who::Everyone),
    ("POST", "/aspirasi/baru", Who::Everyone),
    ("POST", "/aspirasi/baru/cek", Who::Everyone),
    ("GET", "/akun/laporan", Who::SignedIn),
    ("GET", "/tugas", Who::SignedIn),
    ("GET", "/admin/situs", Who::Admin),
    ("POST", "/admin/situs", Who::Admin),
    ("GET", "/situs/logo.png", Who::Everyone),
    ("GET", "/favicon.ico", Who::Everyone),
    ("GET", "/aspirasi/lacak", Who::Everyone),
    ("POST", "/aspirasi/lacak", Who::Everyone),
    ("GET", "/aspirasi/lacak/{key}", Who::Everyone),
    ("POST", "/aspirasi/lacak/{key}/kabari", Who::Everyone),
    ("GET", "/aspirasi/lacak/{key}/berhenti", Who::Everyone),
    ("POST", "/aspirasi/lacak/{key}/berhenti", Who::Everyone),
    ("POST", "/aspirasi/lacak/{key}/simpan", Who::SignedIn),
    ("POST", "/aspirasi/lacak/{key}/info", Who::Everyone),
    ("POST", "/aspirasi/lacak/{key}/terima", Who::Everyone),
    ("POST", "/aspirasi/lacak/{key}/sanggah", Who::Everyone),
    ("POST", "/aspirasi/lacak/{key}/nilai", Who::Everyone),
    ("GET", "/aspirasi/lampiran/{id}", Who::Everyone),
    ("GET", "/aspirasi/{code}", Who::Everyone),
    ("POST", "/aspirasi/{code}/dukung", Who::Everyone),
    ("GET", "/kelola/aspirasi", Who::Desk),
    ("GET", "/kelola/aspirasi/ekspor-lapor", Who::Admin),
    ("GET", "/kelola/aspirasi/{id}", Who::Desk),
    ("POST", "/kelola/aspirasi/{id}/langkah", Who::Desk),
    ("POST", "/kelola/aspirasi/{id}/redaksi", Who::Admin),
    ("POST", "/kelola/aspirasi/{id}/lampiran/{attachment_id}", Who::Admin),
    ("POST", "/kelola/aspirasi/{id}/lapor", Who::Admin),
    ("POST", "/kelola/aspirasi/{id}/identitas", Who::Admin),
    ("POST", "/api/v1/aspirations", Who::EveryoneButReadTokens),
    ("GET", "/api/v1/aspirations/unsubscribe/{key}", Who::Everyone),
    ("POST", "/api/v1/aspirations/unsubscribe/{key}", Who::Everyone),
    ("GET", "/api/v1/aspirations", Who::Everyone),
    ("GET", "/api/v1/aspirations/categories", Who::Everyone),
    ("GET", "/api/v1/aspirations/{code}", Who::Everyone),
    ("GET", "/open311/v2/{file}", Who::Everyone),
    ("POST", "/open311/v2/{file}", Who::Everyone),
    ("GET", "/open311/v2/services/{file}", Who::Everyone),
    ("GET", "/open311/v2/requests/{file}", Who::Everyone),
    ("GET", "/open311/v2/tokens/{file}", Who::Everyone),
    ("GET", "/admin/hari-libur", Who::Admin),
    ("POST", "/admin/hari-libur", Who::Admin),
    ("POST", "/admin/hari-libur/impor", Who::Admin),
    ("POST", "/admin/hari-libur/{id}/hapus", Who::Admin),
    ("GET", "/cek-fakta", Who::Everyone),
    ("POST", "/cek-fakta", Who::Everyone),
    ("GET", "/cek-fakta/tiket/{code}", Who::Everyone),
    ("GET", "/cek-fakta/{file}", Who::Everyone),
    ("GET", "/klarifikasi/{slug}", Who::Everyone),
    ("GET", "/kelola/cek-fakta", Who::Checkers),
    ("GET", "/kelola/cek-fakta/baru", Who::Checkers),
    ("POST", "/kelola/cek-fakta/baru", Who::Checkers),
    ("GET", "/kelola/cek-fakta/ekspor.csv", Who::Checkers),
    ("GET", "/kelola/cek-fakta/tangkapan/{tip_id}", Who::Checkers),
    ("GET", "/kelola/cek-fakta/{id}", Who::Checkers),
    ("POST", "/kelola/cek-fakta/{id}/langkah", Who::Checkers),
    ("POST", "/kelola/cek-fakta/{id}/tugas", Who::Checkers),
    ("POST", "/kelola/cek-fakta/{id}/catatan", Who::Checkers),
    ("POST", "/kelola/cek-fakta/{id}/terbitkan", Who::Checkers),
    ("GET", "/kelola/klarifikasi/{id}", Who::Checkers),
    ("POST", "/kelola/klarifikasi/{id}", Who::Checkers),
    ("POST", "/api/v1/tips", Who::EveryoneButReadTokens),
    ("GET", "/api/v1/clarifications", Who::Everyone),
    ("GET", "/api/v1/clarifications/{slug}", Who::Everyone),
    ("GET", "/api/v1/webhooks/whatsapp", Who::Everyone),
    ("POST", "/api/v1/webhooks/whatsapp", Who::Everyone),
    ("POST", "/api/v1/webhooks/telegram", Who::Everyone),
    ("GET", "/pelatihan", Who::Everyone),
    ("GET", "/pelatihan/saya", Who::SignedIn),
    ("GET", "/kelola/pelatihan/statistik", Who::Admin),
    ("GET", "/kelola/pelatihan/statistik.csv", Who::Admin),
    ("POST", "/kelola/pelatihan/sesi/{id}/materi", Who::Admin),
    ("GET", "/pelatihan/materi/{id}", Who::SignedIn),
    ("GET", "/sertifikat/{number}", Who::Everyone),
    ("GET", "/sertifikat/{number}/unduh", Who::SignedIn),
    ("POST", "/kelola/pelatihan/sertifikat/{number}/cabut", Who::Admin),
    ("GET", "/pelatihan.ics", Who::Everyone),
    ("GET", "/pelatihan/{slug}", Who::Everyone),
    ("GET", "/pelatihan/{slug}/kalender.ics", Who::Everyone),
    ("POST", "/pelatihan/sesi/{id}/daftar", Who::SignedIn),
    ("POST", "/pelatihan/sesi/{id}/batal", Who::SignedIn),
    ("GET", "/pelatihan/sesi/{id}/hadir", Who::SignedIn),
    ("POST", "/pelatihan/sesi/{id}/hadir", Who::SignedIn),
    ("GET", "/kelola/pelatihan", Who::Admin),
    ("POST", "/kelola/pelatihan", Who::Admin),
    ("GET", "/kelola/pelatihan/{id}", Who::Admin),
    ("POST", "/kelola/pelatihan/{id}", Who::Admin),
    ("POST", "/kelola/pelatihan/{id}/sesi", Who::Admin),
    ("GET", "/kelola/pelatihan/sesi/{id}", Who::Admin),
    ("GET", "/kelola/pelatihan/sesi/{id}/qr.svg", Who::Admin),
    ("POST", "/kelola/pelatihan/sesi/{id}/daftarkan", Who::Checkers),
    ("POST", "/kelola/pelatihan/sesi/{id}/presensi", Who::Admin),
    ("POST", "/kelola/pelatihan/sesi/{id}/ubah", Who::Admin),
    ("GET", "/skm", Who::Everyone),
    ("GET", "/skm/{slug}", Who::Everyone),
    ("POST", "/skm/{slug}", Who::Everyone),
    ("GET", "/skm/{slug}/terima-kasih", Who::Everyone),
    ("GET", "/skm/{slug}/hasil", Who::Everyone),
    ("GET", "/skm/{slug}/laporan.xlsx", Who::Admin),
    ("GET", "/skm/{slug}/kios", Who::Everyone),
    ("POST", "/skm/{slug}/kios", Who::KioskDevice),
    ("GET", "/kios/pasang/{key}", Who::Everyone),
    ("POST", "/kios/detak", Who::KioskDevice),
    ("GET", "/admin/skm/kios", Who::Admin),
    ("POST", "/admin/skm/kios", Who::Admin),
    ("POST", "/admin/skm/kios/{id}/cabut", Who::Admin),
    ("GET", "/admin/skm", Who::Admin),
    ("GET", "/admin/skm/baru", Who::Admin),
    ("POST", "/admin/skm/baru", Who::Admin),
    ("GET", "/admin/skm/{id}/ubah", Who::Admin),
    ("POST", "/admin/skm/{id}/ubah", Who::Admin),
    ("POST", "/api/v1/skm/responses", Who::WriteToken),
    ("GET", "/api/v1/skm/ikm", Who::Everyone),
    ("GET", "/api/v1/skm/units", Who::Everyone),
    ("GET", "/dasbor", Who::Everyone),
    ("GET", "/dasbor/aspirasi.xlsx", Who::Everyone),
    ("GET", "/dasbor/aspirasi.csv", Who::Everyone),
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Visitor {
    Anonymous,
    Citizen,
    Staff(Role),
    Token,
    /// A redaksi's personal write token.
    EditorToken,
}

fn allowed(who: Who, v: Visitor) -> bool {
    match who {
        Who::Everyone => true,
        // The matrix's machine token is a read token.
        Who::EveryoneButReadTokens => v != Visitor::Token,
        Who::Guests => matches!(v, Visitor::Anonymous | Visitor::Token | Visitor::EditorToken),
        Who::SignedIn => matches!(v, Visitor::Citizen | Visitor::Staff(_)),
        Who::Admin => v == Visitor::Staff(Role::Admin),
        Who::AdminOrDpo => matches!(v, Visitor::Staff(Role::Admin) | Visitor::Staff(Role::Dpo)),
        Who::Writers => matches!(v, Visitor::Staff(Role::Admin | Role::Redaksi | Role::Anggota)),
        Who::NewsWriters => matches!(v, Visitor::Staff(Role::Redaksi | Role::Anggota)),
        Who::Editors => v == Visitor::Staff(Role::Redaksi),
        Who::Token => matches!(v, Visitor::Token | Visitor::EditorToken),
        Who::PersonalToken | Who::WriteToken => v == Visitor::EditorToken,
        Who::KioskDevice => false,
        Who::Desk => matches!(v, Visitor::Staff(Role::Admin | Role::PetugasOpd | Role::Anggota | Role::Redaksi)),
        Who::Checkers => matches!(v, Visitor::Staff(Role::Admin | Role::Redaksi)),
    }
}

#[tokio::test]
async fn every_route_is_declared_in_the_matrix() {
    let declared: BTreeSet<(String, String)> = MATRIX.iter().map(|(m, p, _)| (m.to_string(), p.to_string())).collect();
    let registered: BTreeSet<(String, String)> =
        route_table().iter().map(|r| (r.method.to_string(), r.path.to_string())).collect();
    let undeclared: Vec<_> = registered.difference(&declared).collect();
    let stale: Vec<_> = declared.difference(&registered).collect();
    assert!(undeclared.is_empty(), "routes missing from the access matrix: {undeclared:?}");
    assert!(stale.is_empty(), "matrix rows with no route: {stale:?}");
}

#[tokio::test]
async fn every_visitor_gets_exactly_the_declared_access() {
    let t = TestApp::new().await;
    let (kim_id, slug) = t.kim("KIM Matriks").await;
    let opd_id = t.opd("Dinas Matriks").await;
    let victim = t.user(Role::Anggota, Some(kim_id), None).await;
    let victim_id: i64 =
        query("SELECT id FROM users WHERE email = $1").bind(victim.as_str()).scalar(&t.app.db).await.unwrap();
    let grant_id: i64 =
        query("SELECT id FROM user_roles WHERE user_id = $1").bind(victim_id).scalar(&t.app.db).await.unwrap();
    let token = t.token("read").await;
    t.token("read").await;
    let token_id: i64 = query("SELECT MAX(id) FROM api_tokens").scalar(&t.app.db).await.unwrap();
    let personal = t.personal_token(Role::Redaksi, Some(kim_id), "write").await;

    let fill = |path: &str| -> String {
        let id = if path.starts_with("/admin/opd") {
            opd_id
        } else if path.starts_with("/admin/kategori") {
            1
        } else if path.starts_with("/tulis/")
            || path.starts_with("/api/v1/newsroom/")
            || path.starts_with("/kelola/aspirasi/")
            || path.starts_with("/aspirasi/")
            || path.starts_with("/admin/hari-libur/")
            || path.starts_with("/kelola/cek-fakta/")
            || path.starts_with("/kelola/klarifikasi/")
            || path.starts_with("/kelola/pelatihan/")
            || path.starts_with("/pelatihan/sesi/")
            || path.starts_with("/pelatihan/materi/")
            || path.starts_with("/admin/skm/")
        {
            // No such article: allowed visitors get 404, the others are turned away first.
            999_999
        } else if path.starts_with("/admin/pengguna") {
            victim_id
        } else if path.starts_with("/admin/token") {
            token_id
        } else {
            kim_id
        };
        path.replace("{slug}", &slug)
            .replace("{id}", &id.to_string())
            .replace("{grant_id}", &grant_id.to_string())
            .replace("{attachment_id}", "999999")
            .replace("{tip_id}", "999999")
            .replace("{number}", "SRT-2026-TIDAKADA")
            .replace("{key}", "kunci-yang-tidak-ada-sama-sekali")
            .replace("{code}", "ASP-2026-999999")
            .replace("{file}", "app.css")
            .replace("{lang}", "en")
            .replace("{file}", "AbCdEfGhIjKlMnOp-360.jpg")
    };

    let mut visitors: Vec<(Visitor, Client)> = vec![
        (Visitor::Anonymous, t.client()),
        (Visitor::Token, t.client().with_header("authorization", &format!("Bearer {token}"))),
        (Visitor::EditorToken, t.client().with_header("authorization", &format!("Bearer {personal}"))),
    ];
    let citizen = t.citizen().await;
    visitors.push((Visitor::Citizen, t.login(&citizen, crate::support::PASSWORD).await));
    for role in Role::ALL {
        visitors.push((Visitor::Staff(role), t.login_as(role).await));
    }

    let mut rows: Vec<_> = MATRIX.to_vec();
    rows.sort_by_key(|(_, p, _)| *p == "/keluar");
    let mut failures = Vec::new();
    for (method, path, who) in rows {
        for (visitor, client) in visitors.iter_mut() {
            let url = fill(path);
            let r = match method {
                "GET" => client.get(&url).await,
                "PUT" => client.send(axum::http::Method::PUT, &url, Some("application/json"), "{}".into()).await,
                _ => client.post_form(&url, &[]).await,
            };
            assert_ne!(r.status, StatusCode::INTERNAL_SERVER_ERROR, "{method} {url} as {visitor:?}: {}", r.body);
            let sent_home = r.status == StatusCode::SEE_OTHER && r.location() == "/";
            let turned_away = r.is_denied() || (who == Who::Guests && sent_home);
            let ok = if allowed(who, *visitor) {
                !turned_away
            } else if who == Who::Guests {
                sent_home
            } else {
                r.is_denied()
            };
            if !ok {
                failures.push(format!("{method} {url} as {visitor:?}: {} {}", r.status, r.location()));
            }
        }
    }
    assert!(failures.is_empty(), "access differs from the matrix:\n{}", failures.join("\n"));
}
