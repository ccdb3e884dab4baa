//! `serve --demo`: on an empty data folder, loads a living Kota Cilegon: its regions, KIM
//! groups, OPD and one account per role (the passwords are printed), published news with
//! photos, residents' reports in every state of the workflow, clarifications the tip-line
//! answers with, and a training session with seats left.

mod content;
mod photos;

use crate::{
    app::App,
    domain::{
        access::{Actor, Grant, Role, Scope},
        kim::KimForm,
        opd::OpdForm,
    },
    error::AppResult,
    features::{accounts, kim, opd, regions, site, users},
    infra::crypto,
};

pub async fn load_if_empty(app: &App) -> anyhow::Result<()> {
    let users = accounts::count_users(&app.db).await?;
    let groups = kim::count(&app.db).await?;
    if users > 0 || groups > 0 {
        println!("--demo: the data folder is not empty; no sample data loaded");
        return Ok(());
    }
    load(app).await.map_err(|e| anyhow::anyhow!("demo data: {e}"))
}

async fn region_id(app: &App, level: &str, name: &str) -> AppResult<String> {
    let r = regions::find_by_name(&app.db, level, name).await?;
    Ok(r.map(|r| r.id.to_string()).unwrap_or_default())
}

async fn load(app: &App) -> AppResult<()> {
    let cli = Actor::cli();
    regions::import_csv(app, &cli, regions::CILEGON_CSV)
        .await
        .map_err(|_| crate::error::AppError::Internal(anyhow::anyhow!("bundled regions file is invalid")))?;
    let groups = [
        ("KIM Bulakan Maju", "kelurahan", "Bulakan"),
        ("KIM Ciwaduk Bersatu", "kelurahan", "Ciwaduk"),
        ("KIM Kecamatan Citangkil", "kecamatan", "Citangkil"),
    ];
    let mut kim_ids = Vec::new();
    for (name, level, region) in groups {
        let form = KimForm {
            name: name.into(),
            level: level.into(),
            region_id: region_id(app, level, region).await?,
            ..Default::default()
        };
        kim_ids.push(kim::create(app, &cli, &form).await?.0);
    }
    let units = [
        ("Dinas Komunikasi, Informatika, Statistik dan Persandian", "Diskominfo", "Informasi publik\nHoaks"),
        ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", "Jalan rusak\nDrainase\nPenerangan jalan"),
        ("Dinas Kesehatan", "Dinkes", "Layanan puskesmas\nImunisasi"),
    ];
    let mut opd_ids = Vec::new();
    for (name, short, cats) in units {
        let form =
            OpdForm { name: name.into(), short_name: short.into(), categories: cats.into(), ..Default::default() };
        opd_ids.push(opd::create(app, &cli, &form).await?);
    }
    let identity = site::SettingsForm { city: "Kota Cilegon".into(), remove_logo: false };
    site::save_identity(app, &cli, &identity, None).await?;
    println!("\nDemo accounts (passwords shown once):");
    let people = [
        ("Admin Diskominfo", "admin@demo.simpul.id", "admin", String::new(), String::new()),
        ("Rina Redaksi", "redaksi@demo.simpul.id", "redaksi", kim_ids[0].to_string(), String::new()),
        ("Budi Anggota", "anggota@demo.simpul.id", "anggota", kim_ids[0].to_string(), String::new()),
        ("Sari Petugas DPUPR", "opd@demo.simpul.id", "petugas_opd", String::new(), opd_ids[1].to_string()),
        ("Dedi DPO", "dpo@demo.simpul.id", "dpo", String::new(), String::new()),
    ];
    let mut actors = Vec::new();
    for (name, email, role, kim_id, opd_id) in people {
        let password = crypto::random_token(12);
        let form = users::StaffForm {
            name: name.into(),
            email: email.into(),
            role: role.into(),
            kim_id: kim_id.clone(),
            opd_id: opd_id.clone(),
        };
        let made = users::create_staff(app, &cli, &form, Some(password.clone())).await?;
        println!("  {role:<12} {email:<26} {password}");
        let scope = match (kim_id.parse::<i64>(), opd_id.parse::<i64>()) {
            (Ok(k), _) => Scope::Kim(k),
            (_, Ok(o)) => Scope::Opd(o),
            _ => Scope::Global,
        };
        let role = Role::parse(role).unwrap_or(Role::Anggota);
        actors.push(Actor {
            user_id: Some(made.user_id),
            label: format!("{name} (#{})", made.user_id),
            grants: vec![Grant { role, scope }],
            request_id: None,
            read_only: false,
        });
    }
    // The demo's editor and writer work for every group, so the news spans all three.
    for kim_id in &kim_ids[1..] {
        for (i, (name, email, role)) in [
            ("Rina Redaksi", "redaksi@demo.simpul.id", "redaksi"),
            ("Budi Anggota", "anggota@demo.simpul.id", "anggota"),
        ]
        .into_iter()
        .enumerate()
        {
            let form = users::StaffForm {
                name: name.into(),
                email: email.into(),
                role: role.into(),
                kim_id: kim_id.to_string(),
                opd_id: String::new(),
            };
            users::create_staff(app, &cli, &form, None).await?;
            let role = Role::parse(role).unwrap_or(Role::Anggota);
            actors[1 + i].grants.push(Grant { role, scope: Scope::Kim(*kim_id) });
        }
    }
    let people = content::People {
        admin: actors[0].clone(),
        editor: actors[1].clone(),
        writer: actors[2].clone(),
        officer: actors[3].clone(),
        kim_ids: kim_ids.clone(),
        road_opd: opd_ids[1],
    };

    // Clarifications the tip-line can answer with at once (sample rumours of the kind that
    // circulate in Banten; the institutions' answers are illustrative).
    let clarifications = [
        (
            "HOAKS",
            "Bansos tunai Rp 600 ribu yang dicairkan lewat tautan pendaftaran",
            "Pemerintah Kota Cilegon membagikan bantuan sosial tunai Rp 600.000 untuk setiap keluarga yang mendaftar \
             lewat tautan pendaftaran online sebelum akhir bulan.",
            "Dinas Sosial memastikan tidak ada pendaftaran bansos lewat tautan pesan berantai. Tautan itu mencuri data \
             pribadi; bansos hanya didata lewat kelurahan dan DTKS.",
        ),
        (
            "PENIPUAN",
            "Pesan WhatsApp atas nama Wali Kota yang meminta transfer dana hibah",
            "Wali Kota Cilegon mengirim pesan WhatsApp kepada ketua RT untuk mentransfer uang administrasi agar dana \
             hibah RT segera cair.",
            "Nomor itu bukan milik Wali Kota. Pemkot tidak pernah meminta uang administrasi untuk dana hibah; laporkan \
             nomor penipu ke aduannomor.id.",
        ),
        (
            "KONTEKS_SALAH",
            "Foto banjir lama disebut banjir di Jalan Raya Merak hari ini",
            "Foto banjir besar yang merendam Jalan Raya Merak diklaim terjadi hari ini dan jalan ditutup total.",
            "Foto itu diambil pada banjir tahun 2019. Hari ini Jalan Raya Merak dapat dilalui; pantau informasi lalu \
             lintas resmi Dishub.",
        ),
    ];
    for (verdict, title, claim, summary) in clarifications {
        let form = crate::features::factcheck::ClarificationForm {
            verdict: verdict.into(),
            title: title.into(),
            claim: claim.into(),
            summary: summary.into(),
            body: format!("{summary}\n\nJika menerima pesan serupa, jangan teruskan. Tempel di halaman Cek Fakta."),
            sources: "Diskominfo Kota Cilegon | https://cilegon.go.id".into(),
            ..Default::default()
        };
        crate::features::factcheck::publish(app, &cli, None, &form).await?;
    }
    content::news(app, &people).await?;
    content::reports(app, &people).await?;
    content::training(app, &people).await?;
    println!();
    Ok(())
}
