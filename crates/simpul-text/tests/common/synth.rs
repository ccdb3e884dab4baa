//! A synthetic store of Indonesian clarifications for speed and equivalence checks: rumour
//! templates × cities, kelurahan, amounts, dates and institutions, so that most claims have
//! many near-misses (the same rumour elsewhere, with another amount or date), and forwarded
//! texts made from them the way citizens write (slang, dropped words, numbers rewritten).

#![allow(dead_code)]

/// A small deterministic generator (SplitMix64), so every run sees the same set.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

const CITIES: &[&str] = &[
    "Cilegon",
    "Serang",
    "Tangerang",
    "Bekasi",
    "Depok",
    "Bogor",
    "Bandung",
    "Cimahi",
    "Tasikmalaya",
    "Cirebon",
    "Semarang",
    "Salatiga",
    "Magelang",
    "Surakarta",
    "Pekalongan",
    "Tegal",
    "Yogyakarta",
    "Surabaya",
    "Malang",
    "Kediri",
    "Blitar",
    "Madiun",
    "Probolinggo",
    "Pasuruan",
    "Mojokerto",
    "Batu",
    "Denpasar",
    "Mataram",
    "Bima",
    "Kupang",
    "Medan",
    "Binjai",
    "Pematangsiantar",
    "Tebing Tinggi",
    "Padang",
    "Bukittinggi",
    "Payakumbuh",
    "Pekanbaru",
    "Dumai",
    "Jambi",
    "Palembang",
    "Lubuklinggau",
    "Prabumulih",
    "Bengkulu",
    "Bandar Lampung",
    "Metro",
    "Pangkalpinang",
    "Batam",
    "Tanjungpinang",
    "Pontianak",
    "Singkawang",
    "Palangka Raya",
    "Banjarmasin",
    "Banjarbaru",
    "Balikpapan",
    "Samarinda",
    "Bontang",
    "Tarakan",
    "Manado",
    "Bitung",
    "Tomohon",
    "Kotamobagu",
    "Gorontalo",
    "Palu",
    "Makassar",
    "Parepare",
    "Palopo",
    "Kendari",
    "Baubau",
    "Mamuju",
    "Ambon",
    "Tual",
    "Ternate",
    "Tidore",
    "Jayapura",
    "Sorong",
    "Banda Aceh",
    "Lhokseumawe",
    "Langsa",
    "Sabang",
    "Sukabumi",
    "Banjar",
    "Cilacap",
    "Purwokerto",
    "Kudus",
    "Jepara",
    "Rembang",
    "Tuban",
    "Lamongan",
    "Gresik",
    "Sidoarjo",
    "Jember",
    "Banyuwangi",
    "Bondowoso",
    "Situbondo",
    "Ponorogo",
    "Ngawi",
    "Klaten",
    "Boyolali",
    "Wonosobo",
];

const KELURAHAN: &[&str] = &[
    "Bagendung",
    "Tegal Ratu",
    "Ciwedus",
    "Kebondalem",
    "Jombang Wetan",
    "Masigit",
    "Sukmajaya",
    "Margahayu",
    "Sukajadi",
    "Cibeunying",
    "Tembalang",
    "Pedurungan",
    "Banyumanik",
    "Gayamsari",
    "Candisari",
    "Ngaliyan",
    "Kotabaru",
    "Gondokusuman",
    "Wirobrajan",
    "Mantrijeron",
    "Tegalsari",
    "Genteng",
    "Gubeng",
    "Rungkut",
    "Lowokwaru",
    "Klojen",
    "Sukun",
    "Blimbing",
    "Oebobo",
    "Kelapa Lima",
    "Medan Johor",
    "Medan Baru",
    "Padang Timur",
    "Ilir Barat",
    "Seberang Ulu",
    "Kemuning",
    "Sukarami",
    "Batu Ampar",
    "Sekupang",
    "Nongsa",
    "Pontianak Kota",
    "Sungai Jawi",
    "Tuminting",
    "Wenang",
    "Mapanget",
    "Tatanga",
    "Mantikulore",
    "Tamalate",
    "Panakkukang",
    "Mandonga",
    "Sirimau",
    "Nusaniwe",
    "Ternate Tengah",
    "Abepura",
    "Kuta Alam",
    "Baiturrahman",
];

const INSTITUTIONS: &[&str] = &[
    "BPJS Kesehatan",
    "Dinas Sosial",
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "PLN",
    "PDAM",
    "Pertamina",
    "Bank BRI",
    "Bank BNI",
    "Bank Mandiri",
    "Bank BTN",
    "Pegadaian",
    "Kantor Pos",
    "Dukcapil",
    "Samsat",
    "Kantor Imigrasi",
    "Dinas Perhubungan",
    "Polres",
    "Satpol PP",
    "Kementerian Sosial",
    "Kementerian Agama",
    "Badan Pertanahan Nasional",
    "OJK",
    "Telkomsel",
    "Indosat",
    "BMKG",
    "Basarnas",
    "KPU",
    "Bawaslu",
    "Puskesmas",
];

const AMOUNTS: &[&str] = &[
    "Rp 50.000",
    "Rp 100.000",
    "Rp 150.000",
    "Rp 200.000",
    "Rp 250.000",
    "Rp 300.000",
    "Rp 400.000",
    "Rp 500.000",
    "Rp 600.000",
    "Rp 750.000",
    "Rp 900.000",
    "Rp 1.000.000",
    "Rp 1.500.000",
    "Rp 2.000.000",
    "Rp 2,5 juta",
    "Rp 3 juta",
    "Rp 5 juta",
    "Rp 10 juta",
    "Rp 25.000",
    "Rp 15.000",
    "Rp 12.500",
    "Rp 35.000",
];

const DATES: &[&str] = &[
    "1 Januari",
    "15 Januari",
    "1 Februari",
    "14 Februari",
    "1 Maret",
    "17 Maret",
    "1 April",
    "21 April",
    "1 Mei",
    "20 Mei",
    "1 Juni",
    "10 Juni",
    "1 Juli",
    "17 Juli",
    "1 Agustus",
    "17 Agustus",
    "1 September",
    "1 Oktober",
    "28 Oktober",
    "10 November",
    "1 Desember",
    "25 Desember",
];

const WHEN: &[&str] = &["besok", "minggu depan", "bulan depan", "pekan ini", "hari ini", "tahun depan", "lusa"];

/// Rumour templates. `{c}` city, `{k}` kelurahan, `{i}` institution, `{a}` amount, `{d}` date,
/// `{w}` a relative time, `{n}` a small count.
const TEMPLATES: &[&str] = &[
    "{i} memberikan bantuan sosial tunai {a} bagi warga Kota {c} yang mendaftar lewat tautan online.",
    "{i} Kota {c} membagikan paket sembako senilai {a} yang bisa diklaim melalui formulir daring mulai {d}.",
    "Warga Kelurahan {k} di Kota {c} wajib membayar iuran {a} kepada {i} mulai {w}.",
    "{i} memblokir semua rekening warga Kota {c} yang tidak aktif selama {n} bulan mulai {d}.",
    "Harga elpiji 3 kg di Kota {c} naik menjadi {a} per tabung mulai {d}.",
    "Harga BBM Pertalite di Kota {c} naik menjadi {a} per liter mulai {w} pukul 00.00.",
    "Pembelian elpiji 3 kg di Kota {c} dibatasi {n} tabung per keluarga setiap bulan mulai {d}.",
    "Sekolah negeri di Kota {c} menarik uang seragam {a} dari orang tua murid mulai {d}.",
    "Siswa SD negeri di Kelurahan {k} Kota {c} diwajibkan membeli buku paket seharga {a} dari sekolah.",
    "Banjir setinggi {n} meter merendam Kelurahan {k} di Kota {c} {w} dan warga diminta mengungsi.",
    "Video jembatan ambruk di Kelurahan {k} Kota {c} adalah kejadian {w}.",
    "Air PDAM di Kota {c} tercemar bakteri berbahaya dan tidak boleh diminum sampai {d}.",
    "Listrik PLN di seluruh Kota {c} akan padam total selama {n} hari mulai {d}.",
    "{i} Kota {c} membuka lowongan kerja tanpa tes dengan membayar biaya administrasi {a}.",
    "Polisi menggelar razia kendaraan besar-besaran di seluruh jalan Kota {c} pada {d}.",
    "Pemkot {c} membagikan laptop gratis untuk pelajar SMP yang mendaftar melalui formulir daring sebelum {d}.",
    "Pemkot {c} mendenda warga Kelurahan {k} yang membuang sampah sembarangan sebesar {a}.",
    "Puskesmas di Kelurahan {k} Kota {c} menolak pasien BPJS mulai {w}.",
    "{i} menaikkan biaya transfer menjadi {a} per bulan bagi nasabah di Kota {c} yang tidak mengisi formulir di tautan.",
    "Beras plastik buatan pabrik beredar luas di pasar tradisional Kelurahan {k} Kota {c}.",
    "Daging sapi yang dijual di pasar Kota {c} mengandung boraks dan formalin sejak {d}.",
    "Pemilihan ketua RT serentak di Kelurahan {k} Kota {c} dibatalkan oleh wali kota.",
    "Gempa bermagnitudo {n} akan mengguncang Kota {c} pada {d} menurut ramalan {i}.",
    "Kantor {i} di Kota {c} tutup total selama libur akhir tahun dan tidak melayani warga sampai {d}.",
    "Pendaftaran bantuan subsidi upah {a} dilakukan lewat akun WhatsApp resmi {i} Kota {c}.",
    "Pasien demam berdarah di Kota {c} wajib membayar uang muka {a} di rumah sakit mulai {w}.",
    "Tarif angkot di Kota {c} naik menjadi {a} sekali jalan mulai {d}.",
    "{i} menarik uang pecahan {a} dari peredaran di Kota {c} mulai {w}.",
    "Ketua RT di Kelurahan {k} Kota {c} akan digaji {a} per bulan mulai {d}.",
    "Wabah flu burung menular ke manusia lewat telur ayam yang dijual di Kelurahan {k} Kota {c}.",
    "Jalan utama di Kelurahan {k} Kota {c} ditutup selama {n} minggu mulai {d} karena perbaikan.",
    "{i} Kota {c} memberikan bonus {a} kepada warga yang melapor lewat tautan sebelum {d}.",
    "Kartu Indonesia Sehat warga Kota {c} tidak berlaku lagi mulai {d} dan harus diganti kartu baru seharga {a}.",
    "Sinyal ponsel di seluruh Kota {c} akan mati total selama {n} hari mulai {w} karena perbaikan menara.",
    "Pasar tradisional di Kelurahan {k} Kota {c} akan digusur {w} tanpa ganti rugi.",
    "Warga Kota {c} yang belum vaksin dilarang mengurus KTP di {i} mulai {d}.",
];

const COUNTS: &[&str] = &["dua", "tiga", "empat", "lima", "enam", "2", "3", "4", "5", "7"];

/// One synthetic clarification.
pub fn claim(rng: &mut Rng) -> String {
    let t = *rng.pick(TEMPLATES);
    let mut out = t.to_owned();
    let slots: [(&str, &[&str]); 7] = [
        ("{c}", CITIES),
        ("{k}", KELURAHAN),
        ("{i}", INSTITUTIONS),
        ("{a}", AMOUNTS),
        ("{d}", DATES),
        ("{w}", WHEN),
        ("{n}", COUNTS),
    ];
    for (slot, choices) in slots {
        while out.contains(slot) {
            let choice: &str = rng.pick::<&str>(choices);
            out = out.replacen(slot, choice, 1);
        }
    }
    out
}

/// `n` clarifications with ids `S000001`…
pub fn claims(n: usize, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed);
    (0..n).map(|i| (format!("S{:06}", i + 1), claim(&mut rng))).collect()
}

const SLANG: &[(&str, &str)] = &[
    ("yang", "yg"),
    ("tidak", "gak"),
    ("dengan", "dgn"),
    ("untuk", "utk"),
    ("sudah", "udh"),
    ("belum", "blm"),
    ("karena", "krn"),
    ("sekarang", "skrg"),
    ("besok", "bsk"),
    ("dari", "dr"),
    ("jadi", "jd"),
    ("menjadi", "jadi"),
    ("tautan", "link"),
    ("formulir", "form"),
    ("melalui", "lewat"),
    ("daring", "online"),
    ("membayar", "bayar"),
    ("kelurahan", "kel."),
    ("kota", ""),
    ("warga", "wrg"),
    ("bulan", "bln"),
    ("tahun", "thn"),
    ("dibatalkan", "dibatalin"),
    ("membagikan", "bagi2in"),
    ("diwajibkan", "wajib"),
    ("seluruh", "semua"),
];

const OPENERS: &[&str] =
    &["", "", "info dr grup: ", "bener gak sih ", "pesan berantai: ", "katanya ", "tolong dicek, ", "Apakah benar "];

const CLOSERS: &[&str] = &["", "", " bener gak?", "!!!", " sebarkan!", " hoaks bukan?", " mohon info", " ??"];

/// Rewrites an amount the way chat does: `Rp 600.000` → `600rb`, `Rp 3 juta` → `3jt`.
fn chat_amount(rng: &mut Rng, text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(p) = rest.find("Rp ") {
        out.push_str(&rest[..p]);
        let after = &rest[p + 3..];
        let end = after.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(after.len());
        let num = &after[..end];
        let tail = &after[end..];
        let digits: String = num.chars().filter(char::is_ascii_digit).collect();
        if num.ends_with(".000") && !num.contains(',') {
            let v: u64 = digits.parse().unwrap_or(0);
            if v.is_multiple_of(1_000_000) && rng.chance(0.5) {
                out.push_str(&format!("{}jt", v / 1_000_000));
            } else if v.is_multiple_of(1000) {
                out.push_str(&format!("{}{}", v / 1000, if rng.chance(0.5) { "rb" } else { " ribu" }));
            } else {
                out.push_str(&format!("Rp{num}"));
            }
        } else {
            out.push_str(&format!("rp{num}"));
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// A forwarded text restating `claim`: slang, lower case, dropped words, openers.
pub fn reword(rng: &mut Rng, claim: &str) -> String {
    let text = chat_amount(rng, claim);
    let mut words: Vec<String> = Vec::new();
    for w in text.split_whitespace() {
        let bare = w.trim_end_matches(['.', ',']).to_lowercase();
        if rng.chance(0.12) && words.len() > 2 {
            continue; // dropped
        }
        let mut out = bare.clone();
        if rng.chance(0.7)
            && let Some((_, s)) = SLANG.iter().find(|(f, _)| *f == bare)
        {
            out = (*s).to_owned();
        }
        if !out.is_empty() {
            words.push(out);
        }
    }
    let opener = rng.pick(OPENERS);
    let closer = rng.pick(CLOSERS);
    let body = words.join(" ");
    if rng.chance(0.15) {
        format!("{opener}{}{closer}", body.to_uppercase())
    } else {
        format!("{opener}{body}{closer}")
    }
}

/// An announcement that shares words with the claims but restates none.
pub fn unrelated(rng: &mut Rng) -> String {
    let c = rng.pick(CITIES);
    let k = rng.pick(KELURAHAN);
    let i = rng.pick(INSTITUTIONS);
    let d = rng.pick(DATES);
    match rng.below(5) {
        0 => format!("{i} Kota {c} membuka layanan pengaduan warga pada {d} di kantor Kelurahan {k}"),
        1 => format!("Kerja bakti membersihkan saluran air di Kelurahan {k} Kota {c} hari Minggu pagi"),
        2 => format!("Jadwal posyandu balita di Kelurahan {k} bulan ini mulai {d}, bawa buku KIA"),
        3 => format!("{i} mengingatkan warga Kota {c} agar waspada penipuan yang mengatasnamakan petugas"),
        _ => format!("Pasar murah sembako di halaman kantor Kelurahan {k} Kota {c} pada {d}"),
    }
}

/// `n` forwarded texts over `claims`: about four in five restate one (id given), the rest none.
pub fn queries(claims: &[(String, String)], n: usize, seed: u64) -> Vec<(String, Option<String>)> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|_| {
            if rng.chance(0.8) {
                let (id, text) = &claims[rng.below(claims.len())];
                (reword(&mut rng, text), Some(id.clone()))
            } else {
                (unrelated(&mut rng), None)
            }
        })
        .collect()
}
