//! The demo's living city: news with photos across categories and KIM groups, reports in every
//! state of the workflow (one answered and rated), and a training session with seats left.
//! Everything goes through the same services as the pages, so the demo is also a smoke test.

use super::photos;
use crate::{
    app::App,
    domain::{access::Actor, article::ArticleForm, aspiration::Source},
    error::AppResult,
    features::{aspirations, categories, media, news, regions, training},
};

/// The demo accounts the content is made by.
pub struct People {
    pub admin: Actor,
    pub editor: Actor,
    pub writer: Actor,
    pub officer: Actor,
    pub kim_ids: Vec<i64>,
    pub road_opd: i64,
}

/// (title, summary, body, category slug, KIM index, photo description)
const ARTICLES: [(&str, &str, &str, &str, usize, &str); 12] = [
    (
        "Jalan lingkungan RW 03 Bulakan selesai dicor",
        "Warga RW 03 kini melintas di jalan beton sepanjang 420 meter yang dikerjakan lewat dana kelurahan.",
        "Pengecoran jalan lingkungan di RW 03 Kelurahan Bulakan selesai pekan ini. Jalan sepanjang 420 meter itu \
         sebelumnya berlubang dan tergenang setiap hujan.\n\nKetua RW 03 mengatakan warga ikut bergotong royong \
         menyiapkan lahan. **Pemeliharaan** selanjutnya menjadi tanggung jawab bersama.",
        "pembangunan",
        0,
        "Jalan beton baru di permukiman warga",
    ),
    (
        "Posyandu Melati buka layanan timbang balita setiap Selasa",
        "Kader Posyandu Melati mengajak ibu membawa balita untuk ditimbang dan mendapat vitamin A.",
        "Posyandu Melati di Kelurahan Bulakan membuka layanan penimbangan balita setiap Selasa pukul 08.00–11.00. \
         Pada bulan vitamin, balita juga mendapat vitamin A gratis.\n\nBawa buku KIA agar catatan tumbuh kembang \
         anak lengkap.",
        "kesehatan",
        0,
        "Halaman posyandu di pagi hari",
    ),
    (
        "Pelatihan membuat keripik emping untuk ibu-ibu PKK",
        "Dua puluh anggota PKK belajar mengemas emping agar bisa dijual di toko oleh-oleh.",
        "Tim PKK Kelurahan Ciwaduk mengadakan pelatihan pengolahan emping melinjo. Peserta belajar menggoreng, \
         mengemas, dan menghitung harga jual.\n\nProduk terbaik akan dipamerkan di bazar UMKM akhir bulan.",
        "ekonomi",
        1,
        "Rumah produksi emping warga",
    ),
    (
        "Kerja bakti membersihkan saluran air menjelang musim hujan",
        "Warga Ciwaduk membersihkan saluran sepanjang dua kilometer agar banjir tidak terulang.",
        "Ratusan warga Kelurahan Ciwaduk turun membersihkan saluran air pada Minggu pagi. Sampah plastik dan \
         lumpur diangkut dengan truk DLH.\n\nLurah Ciwaduk meminta warga tidak membuang sampah ke saluran.",
        "lingkungan",
        1,
        "Saluran air di tepi jalan kampung",
    ),
    (
        "SDN Ciwaduk 2 resmikan pojok baca dari buku sumbangan warga",
        "Lebih dari 600 buku sumbangan warga kini mengisi pojok baca di setiap kelas.",
        "SD Negeri Ciwaduk 2 meresmikan pojok baca di setiap kelas. Buku berasal dari sumbangan warga dan \
         alumni.\n\nKepala sekolah berharap siswa membaca 15 menit sebelum pelajaran dimulai.",
        "pendidikan",
        1,
        "Gedung sekolah dasar di pagi hari",
    ),
    (
        "Musrenbang Kecamatan Citangkil tetapkan 25 usulan prioritas",
        "Perbaikan drainase dan penerangan jalan menjadi usulan terbanyak dari kelurahan.",
        "Musyawarah perencanaan pembangunan Kecamatan Citangkil menetapkan 25 usulan prioritas untuk tahun \
         depan. Usulan terbanyak adalah perbaikan drainase dan penerangan jalan umum.\n\nUsulan akan dibahas di \
         forum perangkat daerah bulan depan.",
        "pemerintahan",
        2,
        "Kantor kecamatan dan jalan di depannya",
    ),
    (
        "Lampu penerangan jalan baru terpasang di Jalan Lingkar Selatan",
        "Empat puluh titik lampu tenaga surya membuat jalan lebih aman di malam hari.",
        "Dinas Pekerjaan Umum memasang 40 titik penerangan jalan umum tenaga surya di Jalan Lingkar Selatan. \
         Warga sebelumnya mengeluhkan jalan gelap dan rawan kecelakaan.\n\nLaporkan lampu yang padam lewat \
         kanal aspirasi.",
        "pembangunan",
        2,
        "Jalan raya dengan lampu penerangan",
    ),
    (
        "Puskesmas Citangkil buka layanan malam untuk pekerja industri",
        "Layanan rawat jalan kini buka hingga pukul 21.00 pada hari kerja.",
        "Puskesmas Citangkil memperpanjang jam layanan rawat jalan hingga pukul 21.00 pada hari kerja. \
         Banyak warga bekerja di kawasan industri dan baru sempat berobat pada malam hari.\n\nPendaftaran \
         dapat dilakukan lewat loket atau telepon.",
        "kesehatan",
        2,
        "Gedung puskesmas dengan halaman parkir",
    ),
    (
        "Bazar UMKM kelurahan ramai pembeli di akhir pekan",
        "Tiga puluh pelaku usaha kecil menjual makanan khas dan kerajinan di halaman kantor kelurahan.",
        "Bazar UMKM di halaman Kantor Kelurahan Bulakan berlangsung dua hari. Pelaku usaha menjual sate \
         bandeng, emping, dan kerajinan anyaman.\n\nPanitia berencana menggelar bazar setiap tiga bulan.",
        "ekonomi",
        0,
        "Tenda-tenda bazar di halaman kelurahan",
    ),
    (
        "Bank sampah RW 05 kumpulkan dua ton sampah plastik",
        "Warga menukar sampah plastik dengan tabungan yang bisa dicairkan menjelang Lebaran.",
        "Bank sampah RW 05 Kelurahan Bulakan mencatat dua ton sampah plastik terkumpul dalam enam bulan. \
         Sampah dipilah lalu dijual ke pengepul.\n\nTabungan warga dapat dicairkan menjelang hari raya.",
        "lingkungan",
        0,
        "Tempat pemilahan sampah warga",
    ),
    (
        "Kelurahan Ciwaduk layani pembuatan KIA keliling",
        "Petugas datang ke sekolah dan posyandu agar anak mendapat Kartu Identitas Anak tanpa antre.",
        "Kelurahan Ciwaduk bersama Disdukcapil melayani pembuatan Kartu Identitas Anak secara keliling. \
         Orang tua cukup membawa fotokopi KK dan akta kelahiran.\n\nJadwal keliling diumumkan di grup RT.",
        "pemerintahan",
        1,
        "Balai warga tempat layanan keliling",
    ),
    (
        "Siswa SMP belajar membuat berita bersama KIM Citangkil",
        "KIM Citangkil mengajak siswa menulis berita sekolah dan memeriksa kabar sebelum dibagikan.",
        "KIM Kecamatan Citangkil mengadakan kelas menulis berita untuk siswa SMP. Siswa belajar menyusun \
         berita 5W1H dan mengecek kabar sebelum membagikannya.\n\nTulisan terbaik akan terbit di situs ini.",
        "pendidikan",
        2,
        "Gedung sekolah menengah",
    ),
];

/// Twelve articles with photos, written by the KIM member and published by the Redaksi.
pub async fn news(app: &App, p: &People) -> AppResult<()> {
    for (i, (title, lead, body, category, kim, alt)) in ARTICLES.iter().enumerate() {
        let category = categories::find_by_slug(&app.db, category).await?.map(|c| c.id).unwrap_or_default();
        let photo = photos::scene(i as u32 + 1, 1280, 720);
        let cover = media::upload(app, &p.writer, photo, alt).await?;
        let form = ArticleForm {
            title: (*title).into(),
            lead: (*lead).into(),
            body: (*body).into(),
            category_id: category.to_string(),
            scope: format!("kim:{}", p.kim_ids[*kim]),
            cover_media_id: cover.to_string(),
            cover_caption: (*alt).into(),
            cover_credit: "Dokumentasi KIM".into(),
            ..Default::default()
        };
        let id = news::create(app, &p.writer, &form).await?;
        let act = |action: &str| news::ActionForm { action: action.into(), ..Default::default() };
        news::act(app, &p.writer, id, &act("ajukan")).await?;
        news::act(app, &p.editor, id, &act("terbitkan")).await?;
    }
    Ok(())
}

/// One report per state: new, verified, disposed, being handled, answered, and finished with
/// a rating; all but the first are public.
pub async fn reports(app: &App, p: &People) -> AppResult<()> {
    let choices = aspirations::form_choices(app).await?;
    let category = |name: &str| {
        let label = format!("{name} (");
        choices.categories.iter().find(|(_, l)| l.starts_with(&label)).map(|(id, _)| id.clone()).unwrap_or_default()
    };
    let reports = [
        (
            "Lampu jalan padam di depan Masjid Al-Ikhlas",
            "Sudah seminggu tiga lampu jalan padam, jalan gelap saat salat Subuh.",
            "Penerangan jalan",
            "Bulakan",
        ),
        (
            "Jadwal imunisasi campak di Puskesmas",
            "Mohon informasi jadwal imunisasi campak untuk anak usia 9 bulan.",
            "Imunisasi",
            "Ciwaduk",
        ),
        (
            "Jalan berlubang dekat SDN Bulakan 2",
            "Lubang selebar satu meter membahayakan anak sekolah yang bersepeda.",
            "Jalan rusak",
            "Bulakan",
        ),
        (
            "Saluran tersumbat sampah di Jalan Ciwaduk Raya",
            "Air meluap ke jalan setiap hujan karena saluran tersumbat sampah plastik.",
            "Drainase",
            "Ciwaduk",
        ),
        (
            "Penerangan di gang menuju pasar",
            "Gang menuju pasar gelap, warga khawatir keamanan malam hari.",
            "Penerangan jalan",
            "Bulakan",
        ),
        (
            "Jalan rusak di perumahan Ciwaduk Indah",
            "Aspal mengelupas sepanjang 100 meter setelah dilalui truk proyek.",
            "Jalan rusak",
            "Ciwaduk",
        ),
        (
            "Genangan di perempatan Jalan Bulakan",
            "Perempatan selalu tergenang setinggi mata kaki setelah hujan deras.",
            "Drainase",
            "Bulakan",
        ),
    ];
    let mut filed = Vec::new();
    for (i, (title, description, cat, kel)) in reports.iter().enumerate() {
        let form = aspirations::SubmitForm {
            kind: if i == 1 { "permintaan_informasi".into() } else { "pengaduan".into() },
            title: (*title).into(),
            description: (*description).into(),
            category_id: category(cat),
            kelurahan_id: kelurahan(app, kel).await?,
            address: format!("Kelurahan {kel}"),
            anonymous: Some("ya".into()),
            ..Default::default()
        };
        let done = aspirations::submit(app, &Actor::anonymous(None), &form, Vec::new(), Source::Web).await?;
        filed.push((done.code.id(), done.key));
    }
    let step = |action: &str, body: &str| aspirations::StepForm {
        action: action.into(),
        opd_id: p.road_opd.to_string(),
        body: body.into(),
        ..Default::default()
    };
    // 0 stays new. 1: verified. 2: disposed. 3 and 4: taken up. 5: answered. 6: finished, rated.
    for (n, (id, key)) in filed.iter().enumerate().skip(1) {
        aspirations::step(app, &p.admin, *id, &step("verify", "")).await?;
        if n >= 2 {
            aspirations::step(app, &p.admin, *id, &step("dispose", "")).await?;
        }
        if n >= 3 {
            aspirations::step(app, &p.officer, *id, &step("acknowledge", "")).await?;
        }
        if n >= 5 {
            let answer =
                "Tim DPUPR sudah meninjau lokasi dan menjadwalkan perbaikan pekan depan. Terima kasih atas laporannya.";
            aspirations::step(app, &p.officer, *id, &step("respond", answer)).await?;
        }
        if n == 6 {
            let anon = Actor::anonymous(None);
            aspirations::reporter_step(app, &anon, key, aspirations::ReporterStep::Accept).await?;
            let rate = aspirations::ReporterStep::Rate { rating: "5".into(), comment: "Cepat ditanggapi.".into() };
            aspirations::reporter_step(app, &anon, key, rate).await?;
        }
    }
    Ok(())
}

async fn kelurahan(app: &App, name: &str) -> AppResult<String> {
    Ok(regions::find_by_name(&app.db, "kelurahan", name).await?.map(|r| r.id.to_string()).unwrap_or_default())
}

/// A news-writing class next week with seats left.
pub async fn training(app: &App, p: &People) -> AppResult<()> {
    let form = training::ProgrammeForm {
        title: "Menulis berita untuk anggota KIM".into(),
        description: "Menyusun berita 5W1H, memotret untuk berita, dan mengirim naskah ke Redaksi.".into(),
        topic: "penulisan_berita".into(),
        organiser: "Diskominfo Kota Cilegon".into(),
        trainer: "Tim Redaksi Diskominfo".into(),
        ..Default::default()
    };
    let (programme, _) = training::create_programme(app, &p.admin, &form).await?;
    let zone = app.zone();
    let day = app.clock.now().plus_days(7).date_in(zone);
    let at = |hm: &str| format!("{day}T{hm}");
    let session = training::SessionForm {
        starts_at: at("09:00"),
        ends_at: at("12:00"),
        place: "Aula Diskominfo Kota Cilegon".into(),
        capacity: "25".into(),
        registration_deadline: format!("{}T23:59", app.clock.now().plus_days(5).date_in(zone)),
        ..Default::default()
    };
    training::add_session(app, &p.admin, programme, &session).await?;
    Ok(())
}
