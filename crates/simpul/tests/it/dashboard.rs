//! The dashboard: figures from real reports, shareable filters, exports read back.

use axum::http::StatusCode;

use crate::{
    aspirations::{city, file_report, step},
    support::{PASSWORD, TestApp},
};

#[tokio::test]
async fn the_dashboard_counts_reports_answers_and_exports_them() {
    let t = TestApp::new().await;
    let c = city(&t).await;
    let (id, ..) = file_report(&t, &c, &[]).await;
    file_report(&t, &c, &[]).await;
    file_report(&t, &c, &[]).await;
    let mut coord = t.login(&c.coordinator, PASSWORD).await;
    let mut officer = t.login(&c.officer, PASSWORD).await;
    assert_eq!(step(&mut coord, id, &[("action", "verify")]).await.status, StatusCode::SEE_OTHER);
    let road = c.road_opd.to_string();
    assert_eq!(step(&mut coord, id, &[("action", "dispose"), ("opd_id", &road)]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        step(&mut officer, id, &[("action", "respond"), ("body", "Sudah ditambal.")]).await.status,
        StatusCode::SEE_OTHER
    );

    let page = t.client().get("/dasbor").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<strong>3</strong> laporan masuk"), "{}", page.body);
    assert!(page.body.contains("<strong>1</strong> laporan ditanggapi"));
    assert!(page.body.contains("<strong>100 %</strong> ditanggapi dalam batas waktu"));
    assert!(page.body.contains(r#"<svg class="chart""#) && page.body.contains("DPUPR"));
    // Nothing about a person reaches the dashboard.
    assert!(!page.body.contains(crate::aspirations::NAME) && !page.body.contains("Sudah ditambal"));

    // A kecamatan with no report: zeros, and the address keeps the choice.
    let other: i64 = simpul::infra::db::query("SELECT id FROM regions WHERE level = 'kecamatan' AND id NOT IN (SELECT kecamatan_id FROM aspirations WHERE kecamatan_id IS NOT NULL) ORDER BY id LIMIT 1")
        .scalar(&t.app.db)
        .await
        .unwrap();
    let filtered = t.client().get(&format!("/dasbor?kecamatan={other}")).await;
    assert!(filtered.body.contains("<strong>0</strong> laporan masuk"));
    assert!(filtered.body.contains(&format!("kecamatan={other}")));
    // Nonsense in the address is ignored, not an error.
    assert_eq!(t.client().get("/dasbor?tahun=1800").await.status, StatusCode::OK);

    let csv = t.client().get("/dasbor/aspirasi.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines.len(), 13);
    assert_eq!(lines[0], "Tahun,Bulan,Masuk,Ditanggapi,Tepat waktu");
    let received: i64 = lines[1..].iter().map(|l| l.split(',').nth(2).unwrap().parse::<i64>().unwrap()).sum();
    assert_eq!(received, 3);

    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
    let x = t.client().get("/dasbor/aspirasi.xlsx").await;
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(x.bytes.clone())).expect("a valid XLSX file");
    assert_eq!(book.sheet_names(), vec!["Per bulan", "Per OPD", "Per kecamatan"]);
    let opd = book.worksheet_range("Per OPD").unwrap();
    assert_eq!(opd.get_value((0, 0)), Some(&Data::String("Nama".into())));
    assert_eq!(opd.get_value((1, 0)), Some(&Data::String("DPUPR".into())));
    assert_eq!(opd.get_value((1, 1)), Some(&Data::Float(1.0)));
    assert_eq!(opd.get_value((1, 2)), Some(&Data::Float(1.0)));
}
