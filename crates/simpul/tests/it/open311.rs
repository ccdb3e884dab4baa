//! Open311 GeoReport v2: every endpoint in JSON and XML, the specification's errors, the
//! api_key rule, and the anonim/rahasia rules. A real client library (Python `georeport`)
//! is driven against a running server in the browser-journey step (e2e/open311_client.py).

use axum::http::{Method, StatusCode};
use simpul::infra::db::query;

use crate::{
    aspirations::{city, file_report},
    support::{Client, Resp, TestApp},
};

async fn post(c: &mut Client, path: &str, fields: &[(&str, &str)]) -> Resp {
    let body = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
    c.send(Method::POST, path, Some("application/x-www-form-urlencoded"), body.into()).await
}

#[tokio::test]
async fn discovery_services_and_definitions_in_both_formats() {
    let t = TestApp::new().await;
    let c = city(&t).await;
    let mut api = t.client();
    let d = api.get("/open311/v2/discovery.json").await;
    assert_eq!(d.status, StatusCode::OK);
    assert_eq!(d.json()["endpoints"][0]["specification"], "http://wiki.open311.org/GeoReport_v2");
    let x = api.get("/open311/v2/discovery.xml").await;
    assert!(x.headers["content-type"].to_str().unwrap().starts_with("text/xml"));
    assert!(x.body.contains("<discovery><changeset>") && x.body.contains("<format>text/xml</format>"), "{}", x.body);

    let s = api.get("/open311/v2/services.json").await.json();
    let road = s.as_array().unwrap().iter().find(|v| v["service_name"] == "Jalan rusak").unwrap();
    assert_eq!(road["service_code"], c.category.to_string());
    assert_eq!(road["metadata"], true);
    assert_eq!(road["group"], "DPUPR");
    let sx = api.get("/open311/v2/services.xml").await.body;
    assert!(sx.contains(&format!("<service><service_code>{}</service_code>", c.category)), "{sx}");

    let def = api.get(&format!("/open311/v2/services/{}.json", c.category)).await.json();
    let attrs = def["attributes"].as_array().unwrap();
    let kel = attrs.iter().find(|a| a["code"] == "kelurahan").unwrap();
    assert_eq!(kel["datatype"], "singlevaluelist");
    assert!(kel["values"].as_array().unwrap().iter().any(|v| v["name"] == "Bulakan"));
    let dx = api.get(&format!("/open311/v2/services/{}.xml", c.category)).await.body;
    assert!(
        dx.contains("<service_definition>")
            && dx.contains("<attribute><variable>true</variable><code>kelurahan</code>")
    );
    // Unknown things are 404 with the specification's error list.
    let r = api.get("/open311/v2/services/999.json").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()[0]["code"], 404);
    let r = api.get("/open311/v2/services/999.xml").await;
    assert!(r.body.contains("<errors><error><code>404</code>"), "{}", r.body);
    assert_eq!(api.get("/open311/v2/services.html").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn posting_needs_a_write_key_and_checks_every_field() {
    let t = TestApp::new().await;
    let c = city(&t).await;
    let key = t.token("write").await;
    let read_key = t.token("read").await;
    let mut api = t.client();
    let code = c.category.to_string();
    let kel = c.kelurahan.to_string();
    let base = [
        ("service_code", code.as_str()),
        ("description", "Lampu jalan mati di gang masjid"),
        ("attribute[kelurahan]", kel.as_str()),
    ];
    // No key, a wrong key, a read-only key.
    for k in [None, Some("salah"), Some(read_key.as_str())] {
        let mut f = base.to_vec();
        if let Some(k) = k {
            f.push(("api_key", k));
        }
        let r = post(&mut api, "/open311/v2/requests.json", &f).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{k:?}");
        assert_eq!(r.json()[0]["code"], 403);
    }
    // Missing location, unknown service, bad coordinates: 400 with a description per field.
    let r = post(
        &mut api,
        "/open311/v2/requests.json",
        &[("api_key", &key), ("service_code", &code), ("description", "x")],
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("attribute[kelurahan]"), "{}", r.body);
    let r = post(
        &mut api,
        "/open311/v2/requests.xml",
        &[("api_key", &key), ("service_code", "77777"), ("description", "x"), ("lat", "-6.0"), ("long", "999")],
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("<errors>") && r.body.contains("service_code") && r.body.contains("long"), "{}", r.body);
    assert_eq!(t.count("aspirations").await, 0, "nothing stored");

    // With coordinates only (no kelurahan): accepted, the coordinator places it later.
    let mut f = base.to_vec();
    f.retain(|(k, _)| *k != "attribute[kelurahan]");
    f.extend([
        ("api_key", key.as_str()),
        ("lat", "-6.0173"),
        ("long", "106.0450"),
        ("first_name", "Budi"),
        ("last_name", "Santoso"),
        ("email", "budi@example.id"),
    ]);
    let r = post(&mut api, "/open311/v2/requests.json", &f).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let out = r.json();
    let id = out[0]["service_request_id"].as_str().unwrap().to_owned();
    assert_eq!(id, "ASP-2026-000001");
    assert!(out[0]["service_notice"].as_str().unwrap().contains("/aspirasi/lacak/"));
    let source: String = query("SELECT source FROM aspirations").scalar(&t.app.db).await.unwrap();
    assert_eq!(source, "open311");
    // The request and its token resolve once it is verified (public), not before: nobody
    // learns that a new, rejected or rahasia report exists.
    assert_eq!(api.get(&format!("/open311/v2/tokens/{id}.json")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(api.get(&format!("/open311/v2/requests/{id}.json")).await.status, StatusCode::NOT_FOUND);
    let mut coord = t.login(&c.coordinator, crate::support::PASSWORD).await;
    let r = coord.post_form("/kelola/aspirasi/1/langkah", &[("action", "verify")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "verifying asks for the kelurahan first");
    let r = coord.post_form("/kelola/aspirasi/1/langkah", &[("action", "verify"), ("kelurahan_id", &kel)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let one = api.get(&format!("/open311/v2/requests/{id}.json")).await.json();
    assert_eq!(one[0]["status"], "open");
    assert_eq!(one[0]["lat"], -6.0173);
    assert_eq!(one[0]["address"], "Bulakan");
    assert!(!one.to_string().contains("Budi") && !one.to_string().contains("budi@"), "no names in Open311: {one}");
    assert_eq!(api.get(&format!("/open311/v2/tokens/{id}.json")).await.json()[0]["service_request_id"], id);
    assert_eq!(
        api.get("/open311/v2/requests/ASP-1999-000001.json").await.status,
        StatusCode::NOT_FOUND,
        "another year"
    );
    // Yes/no attributes in any case; anything else is refused, never read as "no".
    let mut f = base.to_vec();
    f.extend([("api_key", key.as_str()), ("attribute[rahasia]", "Ya"), ("first_name", "Rina")]);
    assert_eq!(post(&mut api, "/open311/v2/requests.json", &f).await.status, StatusCode::CREATED);
    let secret: bool = query("SELECT confidential FROM aspirations WHERE id = 2").scalar(&t.app.db).await.unwrap();
    assert!(secret, "attribute[rahasia]=Ya is rahasia");
    let mut f = base.to_vec();
    f.extend([("api_key", key.as_str()), ("attribute[rahasia]", "mungkin")]);
    assert_eq!(post(&mut api, "/open311/v2/requests.json", &f).await.status, StatusCode::BAD_REQUEST);
    let xml = api.get(&format!("/open311/v2/requests/{id}.xml")).await.body;
    assert!(
        xml.contains(
            "<service_requests><request><service_request_id>ASP-2026-000001</service_request_id><status>open</status>"
        ),
        "{xml}"
    );
}

#[tokio::test]
async fn request_lists_filter_like_the_specification_and_keep_secrets() {
    let t = TestApp::new().await;
    let c = city(&t).await;
    let (a, _, a_code) = file_report(&t, &c, &[("anonymous", "ya"), ("show_name", "ya")]).await;
    let (b, _, b_code) = file_report(&t, &c, &[("confidential", "ya")]).await;
    let (done, track, done_code) = file_report(&t, &c, &[]).await;
    let mut coord = t.login(&c.coordinator, crate::support::PASSWORD).await;
    let mut officer = t.login(&c.officer, crate::support::PASSWORD).await;
    let road = c.road_opd.to_string();
    for id in [a, b, done] {
        coord.post_form(&format!("/kelola/aspirasi/{id}/langkah"), &[("action", "verify")]).await;
        coord.post_form(&format!("/kelola/aspirasi/{id}/langkah"), &[("action", "dispose"), ("opd_id", &road)]).await;
    }
    officer
        .post_form(&format!("/kelola/aspirasi/{done}/langkah"), &[("action", "respond"), ("body", "Sudah diperbaiki.")])
        .await;
    t.client().post_form(&format!("{track}/terima"), &[]).await;
    let mut api = t.client();
    let all = api.get("/open311/v2/requests.json").await.json();
    let ids: Vec<&str> = all.as_array().unwrap().iter().map(|r| r["service_request_id"].as_str().unwrap()).collect();
    assert!(ids.contains(&a_code.as_str()) && ids.contains(&done_code.as_str()));
    assert!(!ids.contains(&b_code.as_str()), "rahasia never appears");
    assert!(!all.to_string().contains("Siti") && !all.to_string().contains("0812"), "no reporter in Open311");
    let closed = api.get("/open311/v2/requests.json?status=closed").await.json();
    assert_eq!(closed.as_array().unwrap().len(), 1);
    assert_eq!(closed[0]["status_notes"], "Sudah diperbaiki.");
    assert_eq!(closed[0]["agency_responsible"], "DPUPR");
    let open = api.get("/open311/v2/requests.xml?status=open").await.body;
    assert!(open.contains(&a_code) && !open.contains(&done_code));
    let by_id = api.get(&format!("/open311/v2/requests.json?service_request_id={done_code},{b_code}")).await.json();
    assert_eq!(by_id.as_array().unwrap().len(), 1, "the rahasia one is left out even by id");
    assert_eq!(api.get(&format!("/open311/v2/requests/{b_code}.json")).await.status, StatusCode::NOT_FOUND);
    let other_service = api.get(&format!("/open311/v2/requests.json?service_code={}", c.category + 1)).await.json();
    assert_eq!(other_service.as_array().unwrap().len(), 0);
    // A window in the past holds nothing; the default 90 days holds today's.
    let past = api.get("/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z").await;
    assert_eq!(past.json().as_array().unwrap().len(), 0);
    let r = api.get("/open311/v2/requests.json?start_date=kemarin").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()[0]["code"], 400);
    let r = api.get("/open311/v2/requests.json?status=hilang").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}
