//! The public-satisfaction survey (Survei Kepuasan Masyarakat, SKM) as Permenpan RB No. 14
//! Tahun 2017 sets it: nine elements (unsur) each answered on a scale of 1 to 4, the mean score
//! per element (NRR), the index (IKM) and its grade.

use serde::{Deserialize, Serialize};

use super::validation::FieldErrors;

/// How many elements the questionnaire asks about.
pub const UNSUR: usize = 9;

/// One element of the questionnaire: its name, the question, and the answer for each level
/// (1 to 4), in the wording of the regulation's annex.
#[derive(Debug, Clone, Copy)]
pub struct Unsur {
    pub name: &'static str,
    pub question: &'static str,
    pub levels: [&'static str; 4],
}

/// The nine elements, in the regulation's order.
pub const QUESTIONNAIRE: [Unsur; UNSUR] = [
    Unsur {
        name: "Persyaratan",
        question: "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
        levels: ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
    },
    Unsur {
        name: "Sistem, mekanisme dan prosedur",
        question: "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
        levels: ["Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"],
    },
    Unsur {
        name: "Waktu penyelesaian",
        question: "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
        levels: ["Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"],
    },
    Unsur {
        name: "Biaya/tarif",
        question: "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
        levels: ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"],
    },
    Unsur {
        name: "Produk spesifikasi jenis pelayanan",
        question: "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
        levels: ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
    },
    Unsur {
        name: "Kompetensi pelaksana",
        question: "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
        levels: ["Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"],
    },
    Unsur {
        name: "Perilaku pelaksana",
        question: "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
        levels: ["Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"],
    },
    Unsur {
        name: "Penanganan pengaduan, saran dan masukan",
        question: "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
        levels: ["Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"],
    },
    Unsur {
        name: "Sarana dan prasarana",
        question: "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
        levels: ["Buruk", "Cukup", "Baik", "Sangat baik"],
    },
];

/// A unit's wording of the answers: the regulation's unless an admin changed it. The scale
/// (four levels, 1 worst) never changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wording(pub Vec<[String; 4]>);

impl Wording {
    pub fn regulation() -> Wording {
        Wording(QUESTIONNAIRE.iter().map(|u| u.levels.map(str::to_owned)).collect())
    }

    /// The stored JSON, or the regulation's wording when there is none or it is unreadable.
    pub fn from_stored(json: Option<&str>) -> Wording {
        json.and_then(|j| serde_json::from_str::<Wording>(j).ok())
            .filter(|w| w.0.len() == UNSUR)
            .unwrap_or_else(Wording::regulation)
    }

    /// The answer text for element `i` (0-based) at `level` (1–4).
    pub fn level(&self, i: usize, level: u8) -> &str {
        self.0.get(i).and_then(|l| l.get(usize::from(level.saturating_sub(1)))).map_or("", String::as_str)
    }
}

/// The grade of an index value (Permenpan RB 14/2017, table of the "mutu pelayanan").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub enum Grade {
    A,
    B,
    C,
    D,
}

impl Grade {
    /// The grade of an index given in hundredths (8831 is 88.31), as the regulation grades the
    /// value rounded to two decimals.
    pub fn of_hundredths(ikm: i64) -> Grade {
        match ikm {
            8831.. => Grade::A,
            7661..=8830 => Grade::B,
            6500..=7660 => Grade::C,
            _ => Grade::D,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
        }
    }

    /// "Sangat Baik", "Baik", "Kurang Baik", "Tidak Baik".
    pub fn label(self) -> &'static str {
        match self {
            Grade::A => "Sangat Baik",
            Grade::B => "Baik",
            Grade::C => "Kurang Baik",
            Grade::D => "Tidak Baik",
        }
    }
}

/// The figures of a unit over a period, from the sums of each element's answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    pub responses: i64,
    /// Mean score per element (NRR); empty when there is no response.
    pub nrr: Vec<f64>,
    /// IKM in hundredths (8831 is 88.31), rounded half up; `None` without responses.
    pub ikm_hundredths: Option<i64>,
}

impl Index {
    /// From the number of responses and the sum of each element's answers.
    pub fn from_sums(responses: i64, sums: [i64; UNSUR]) -> Index {
        if responses <= 0 {
            return Index { responses: 0, nrr: Vec::new(), ikm_hundredths: None };
        }
        let nrr = sums.iter().map(|s| *s as f64 / responses as f64).collect();
        // IKM = Σ (NRR_i × 1/9) × 25 = total × 25 / (9 × n): kept in integers so the weight is
        // exactly one ninth and values on a grade's boundary are graded right.
        let total: i64 = sums.iter().sum();
        let den = 9 * responses;
        let hundredths = (total * 2500 * 2 + den) / (2 * den);
        Index { responses, nrr, ikm_hundredths: Some(hundredths) }
    }

    pub fn ikm(&self) -> Option<f64> {
        self.ikm_hundredths.map(|h| h as f64 / 100.0)
    }

    pub fn grade(&self) -> Option<Grade> {
        self.ikm_hundredths.map(Grade::of_hundredths)
    }

    /// "88,31" — the index with two decimals, Indonesian style.
    pub fn ikm_text(&self) -> Option<String> {
        self.ikm_hundredths.map(|h| format!("{},{:02}", h / 100, h % 100))
    }
}

/// Below this many responses in a period the public sees only the count: the mean scores of a
/// handful of responses are those people's answers, next to their profile.
pub const PUBLIC_MIN_RESPONSES: i64 = 10;
/// Profile answers given by fewer people than this are shown to the public as "fewer than 5".
pub const PUBLIC_MIN_CELL: i64 = 5;

/// Krejcie & Morgan (1970): the minimum sample for a population (95 % confidence, 5 % margin),
/// as the table every SKM guide reprints. Populations between rows take the next row up.
const KREJCIE_MORGAN: [(i64, i64); 83] = [
    (10, 10),
    (15, 14),
    (20, 19),
    (25, 24),
    (30, 28),
    (35, 32),
    (40, 36),
    (45, 40),
    (50, 44),
    (55, 48),
    (60, 52),
    (65, 56),
    (70, 59),
    (75, 63),
    (80, 66),
    (85, 70),
    (90, 73),
    (95, 76),
    (100, 80),
    (110, 86),
    (120, 92),
    (130, 97),
    (140, 103),
    (150, 108),
    (160, 113),
    (170, 118),
    (180, 123),
    (190, 127),
    (200, 132),
    (210, 136),
    (220, 140),
    (230, 144),
    (240, 148),
    (250, 152),
    (260, 155),
    (270, 159),
    (280, 162),
    (290, 165),
    (300, 169),
    (320, 175),
    (340, 181),
    (360, 186),
    (380, 191),
    (400, 196),
    (420, 201),
    (440, 205),
    (460, 210),
    (480, 214),
    (500, 217),
    (550, 226),
    (600, 234),
    (650, 242),
    (700, 248),
    (750, 254),
    (800, 260),
    (850, 265),
    (900, 269),
    (950, 274),
    (1000, 278),
    (1100, 285),
    (1200, 291),
    (1300, 297),
    (1400, 302),
    (1500, 306),
    (1600, 310),
    (1700, 313),
    (1800, 317),
    (1900, 320),
    (2000, 322),
    (2200, 327),
    (2400, 331),
    (2600, 335),
    (2800, 338),
    (3000, 341),
    (3500, 346),
    (4000, 351),
    (4500, 354),
    (5000, 357),
    (6000, 361),
    (7000, 364),
    (8000, 367),
    (9000, 368),
    (10000, 370),
];

/// The minimum number of responses for a unit that serves `population` people in the period.
pub fn minimum_sample(population: i64) -> i64 {
    if population <= 0 {
        return 0;
    }
    if let Some((_, s)) = KREJCIE_MORGAN.iter().find(|(n, _)| *n >= population) {
        return (*s).min(population);
    }
    // The table's last rows, beyond 10,000.
    const LARGE: [(i64, i64); 6] =
        [(15_000, 375), (20_000, 377), (30_000, 379), (40_000, 380), (50_000, 381), (75_000, 382)];
    LARGE.iter().find(|(n, _)| *n >= population).map_or(384, |(_, s)| *s)
}

/// Respondent age bands: `u20` is 20 or younger, `o60` over 60.
pub const AGE_BANDS: [&str; 6] = ["u20", "21-30", "31-40", "41-50", "51-60", "o60"];
/// Sex as the regulation's form asks it.
pub const SEXES: [&str; 2] = ["L", "P"];
/// Highest education.
pub const EDUCATION: [&str; 6] = ["sd", "smp", "sma", "diploma", "s1", "s2"];
/// Occupation, as in the regulation's form.
pub const OCCUPATIONS: [&str; 6] = ["pns", "tni_polri", "swasta", "wirausaha", "pelajar", "lainnya"];

/// A profile question's name in the report.
pub fn profile_question(field: &str) -> &'static str {
    match field {
        "age_band" => "Usia",
        "sex" => "Jenis kelamin",
        "education" => "Pendidikan terakhir",
        "occupation" => "Pekerjaan",
        _ => "Lainnya",
    }
}

/// A profile answer's words in the report (the pages translate the same codes).
pub fn profile_answer(value: &str) -> &'static str {
    match value {
        "u20" => "20 tahun ke bawah",
        "21-30" => "21–30 tahun",
        "31-40" => "31–40 tahun",
        "41-50" => "41–50 tahun",
        "51-60" => "51–60 tahun",
        "o60" => "Di atas 60 tahun",
        "L" => "Laki-laki",
        "P" => "Perempuan",
        "sd" => "SD ke bawah",
        "smp" => "SMP",
        "sma" => "SMA/SMK",
        "diploma" => "D1–D3",
        "s1" => "D4/S1",
        "s2" => "S2 ke atas",
        "pns" => "PNS",
        "tni_polri" => "TNI/Polri",
        "swasta" => "Pegawai swasta",
        "wirausaha" => "Wirausaha",
        "pelajar" => "Pelajar/Mahasiswa",
        _ => "Lainnya",
    }
}

/// The questionnaire as a person filled it in (the web form's fields, or the API's).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ResponseForm {
    pub u1: String,
    pub u2: String,
    pub u3: String,
    pub u4: String,
    pub u5: String,
    pub u6: String,
    pub u7: String,
    pub u8: String,
    pub u9: String,
    pub age_band: String,
    pub sex: String,
    pub education: String,
    pub occupation: String,
    pub service: String,
    pub suggestion: String,
}

/// A checked response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Response {
    pub answers: [u8; UNSUR],
    pub age_band: Option<String>,
    pub sex: Option<String>,
    pub education: Option<String>,
    pub occupation: Option<String>,
    pub service: Option<String>,
    pub suggestion: Option<String>,
}

/// The longest suggestion kept.
pub const SUGGESTION_MAX: usize = 2000;

impl ResponseForm {
    /// The answers as typed, in order.
    pub fn answers(&self) -> [&str; UNSUR] {
        [&self.u1, &self.u2, &self.u3, &self.u4, &self.u5, &self.u6, &self.u7, &self.u8, &self.u9]
    }

    /// The form from answers given as numbers (the API).
    pub fn with_answers(mut self, answers: &[i64]) -> ResponseForm {
        let fields = [
            &mut self.u1,
            &mut self.u2,
            &mut self.u3,
            &mut self.u4,
            &mut self.u5,
            &mut self.u6,
            &mut self.u7,
            &mut self.u8,
            &mut self.u9,
        ];
        for (f, a) in fields.into_iter().zip(answers) {
            *f = a.to_string();
        }
        self
    }

    /// Whether answer `i` (0-based) is `level`: the form keeps what was chosen.
    pub fn chose(&self, i: usize, level: &u8) -> bool {
        self.answers().get(i).is_some_and(|a| a.trim() == level.to_string())
    }

    pub fn validate(&self) -> Result<Response, FieldErrors> {
        let mut e = FieldErrors::new();
        let mut answers = [0u8; UNSUR];
        for (i, a) in self.answers().iter().enumerate() {
            match a.trim().parse::<u8>() {
                Ok(v @ 1..=4) => answers[i] = v,
                Ok(_) | Err(_) if a.trim().is_empty() => e.add(&format!("u{}", i + 1), "err-skm-answer-missing"),
                _ => e.add(&format!("u{}", i + 1), "err-skm-answer-range"),
            }
        }
        let pick = |e: &mut FieldErrors, name: &str, v: &str, allowed: &[&str]| match v.trim() {
            "" => None,
            v if allowed.contains(&v) => Some(v.to_owned()),
            _ => {
                e.add(name, "err-choice");
                None
            }
        };
        let age_band = pick(&mut e, "age_band", &self.age_band, &AGE_BANDS);
        let sex = pick(&mut e, "sex", &self.sex, &SEXES);
        let education = pick(&mut e, "education", &self.education, &EDUCATION);
        let occupation = pick(&mut e, "occupation", &self.occupation, &OCCUPATIONS);
        let service = e.optional("service", &self.service, 120);
        let suggestion = e.optional("suggestion", &self.suggestion, SUGGESTION_MAX);
        let r = Response { answers, age_band, sex, education, occupation, service, suggestion };
        e.into_result().map(|()| r)
    }
}

/// A unit as an admin sets it up.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct UnitForm {
    pub name: String,
    /// Service users in a survey period (blank: not known).
    pub population: String,
    /// Unticked: the unit is not offered to the public.
    pub active: String,
    /// The answers' wording: `w<element>_<level>`, 1-based, e.g. `w1_4`.
    #[serde(flatten)]
    pub wording: std::collections::BTreeMap<String, String>,
}

/// A checked unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitInput {
    pub name: String,
    pub population: Option<i64>,
    pub active: bool,
    /// `None`: the regulation's wording.
    pub wording: Option<Wording>,
}

impl UnitForm {
    pub fn field(i: usize, level: u8) -> String {
        format!("w{}_{}", i + 1, level)
    }

    pub fn validate(&self) -> Result<UnitInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = e.required("name", &self.name, 150);
        let population = match self.population.trim().replace('.', "") {
            p if p.is_empty() => None,
            p => match p.parse::<i64>() {
                Ok(n) if (1..=100_000_000).contains(&n) => Some(n),
                _ => {
                    e.add("population", "err-number-range");
                    None
                }
            },
        };
        let mut levels = Vec::with_capacity(UNSUR);
        for (i, u) in QUESTIONNAIRE.iter().enumerate() {
            let mut row: [String; 4] = Default::default();
            for (l, default) in u.levels.iter().enumerate() {
                let name = UnitForm::field(i, l as u8 + 1);
                let typed = self.wording.get(&name).map_or("", String::as_str);
                row[l] = if typed.trim().is_empty() { (*default).to_owned() } else { e.required(&name, typed, 80) };
            }
            levels.push(row);
        }
        let wording = Wording(levels);
        let wording = (wording != Wording::regulation()).then_some(wording);
        let active = matches!(self.active.as_str(), "ya" | "on" | "true" | "1");
        e.into_result().map(|()| UnitInput { name, population, active, wording })
    }

    /// The form for an existing unit.
    pub fn of(name: &str, population: Option<i64>, active: bool, wording: &Wording) -> UnitForm {
        let mut map = std::collections::BTreeMap::new();
        for (i, row) in wording.0.iter().enumerate() {
            for (l, text) in row.iter().enumerate() {
                map.insert(UnitForm::field(i, l as u8 + 1), text.clone());
            }
        }
        UnitForm {
            name: name.to_owned(),
            population: population.map(|p| p.to_string()).unwrap_or_default(),
            active: if active { "ya".into() } else { String::new() },
            wording: map,
        }
    }

    pub fn wording_value(&self, i: usize, level: &u8) -> &str {
        self.wording.get(&UnitForm::field(i, *level)).map_or("", String::as_str)
    }
}

/// A kiosk as an admin registers it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct KioskForm {
    pub name: String,
    pub unit_id: String,
    /// Minutes of silence before the kiosk is flagged (blank: 30).
    pub alert_minutes: String,
}

/// A checked kiosk.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KioskInput {
    pub name: String,
    pub unit_id: i64,
    pub alert_minutes: i64,
}

/// Silence allowed by default before a kiosk is flagged.
pub const KIOSK_ALERT_MINUTES: i64 = 30;

impl KioskForm {
    pub fn validate(&self) -> Result<KioskInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = e.required("name", &self.name, 80);
        let unit_id = self.unit_id.trim().parse::<i64>().unwrap_or_else(|_| {
            e.add("unit_id", "err-required");
            0
        });
        let alert_minutes = match self.alert_minutes.trim() {
            "" => KIOSK_ALERT_MINUTES,
            m => match m.parse::<i64>() {
                Ok(n @ 5..=10_080) => n,
                _ => {
                    e.add("alert_minutes", "err-number-range");
                    KIOSK_ALERT_MINUTES
                }
            },
        };
        e.into_result().map(|()| KioskInput { name, unit_id, alert_minutes })
    }
}

/// Whether a kiosk last heard from at `last_seen` (ms) is silent at `now` (ms).
pub fn kiosk_silent(last_seen: i64, alert_minutes: i64, now: i64) -> bool {
    now - last_seen > alert_minutes * 60_000
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sums_of(rows: &[[i64; UNSUR]]) -> [i64; UNSUR] {
        let mut s = [0; UNSUR];
        for r in rows {
            for i in 0..UNSUR {
                s[i] += r[i];
            }
        }
        s
    }

    #[test]
    fn worked_example_of_the_regulation_kind() {
        // Three respondents: NRR per element, the weighted sum with weight 1/9, × 25.
        let rows = [[4, 3, 3, 4, 3, 3, 4, 2, 3], [3, 3, 4, 4, 3, 3, 3, 3, 3], [4, 4, 3, 4, 4, 3, 4, 3, 3]];
        let idx = Index::from_sums(3, sums_of(&rows));
        assert_eq!(idx.nrr[0], 11.0 / 3.0);
        // 29 + 29 + 32 = 90 points over 27 answers: 90 / 27 × 25 = 83.333… → 83.33, grade B.
        assert_eq!(idx.ikm_hundredths, Some(8333));
        assert_eq!(idx.ikm_text().as_deref(), Some("83,33"));
        assert_eq!(idx.grade(), Some(Grade::B));
        assert_eq!(Grade::B.label(), "Baik");
    }

    #[test]
    fn extremes_and_no_response() {
        assert_eq!(Index::from_sums(5, [20; UNSUR]).ikm_hundredths, Some(10000));
        assert_eq!(Index::from_sums(5, [5; UNSUR]).ikm_hundredths, Some(2500));
        assert_eq!(Index::from_sums(5, [5; UNSUR]).grade(), Some(Grade::D));
        let none = Index::from_sums(0, [0; UNSUR]);
        assert_eq!((none.ikm(), none.grade(), none.nrr.len()), (None, None, 0));
    }

    #[test]
    fn grades_at_their_boundaries_on_the_rounded_value() {
        assert_eq!(Grade::of_hundredths(10000), Grade::A);
        assert_eq!(Grade::of_hundredths(8831), Grade::A);
        assert_eq!(Grade::of_hundredths(8830), Grade::B);
        assert_eq!(Grade::of_hundredths(7661), Grade::B);
        assert_eq!(Grade::of_hundredths(7660), Grade::C);
        assert_eq!(Grade::of_hundredths(6500), Grade::C);
        assert_eq!(Grade::of_hundredths(6499), Grade::D);
        assert_eq!(Grade::of_hundredths(2500), Grade::D);
        // With 5,000 respondents a total of 137,889 points is exactly 76.605: rounded half up
        // to 76.61, grade B; one point less is 76.6044… → 76.60, grade C. Likewise 88.305 (A)
        // and 64.995 (C, not D).
        let even = |total: i64| {
            let mut s = [total / 9; UNSUR];
            s[8] += total % 9;
            Index::from_sums(5000, s)
        };
        assert_eq!((even(137_889).ikm_hundredths, even(137_889).grade()), (Some(7661), Some(Grade::B)));
        assert_eq!((even(137_888).ikm_hundredths, even(137_888).grade()), (Some(7660), Some(Grade::C)));
        assert_eq!((even(158_949).ikm_hundredths, even(158_949).grade()), (Some(8831), Some(Grade::A)));
        assert_eq!(even(158_948).grade(), Some(Grade::B));
        assert_eq!((even(116_991).ikm_hundredths, even(116_991).grade()), (Some(6500), Some(Grade::C)));
        assert_eq!(even(116_990).grade(), Some(Grade::D));
    }

    #[test]
    fn minimum_sample_follows_krejcie_morgan() {
        assert_eq!(minimum_sample(0), 0);
        assert_eq!(minimum_sample(8), 8);
        assert_eq!(minimum_sample(100), 80);
        assert_eq!(minimum_sample(101), 86);
        assert_eq!(minimum_sample(1000), 278);
        assert_eq!(minimum_sample(10_000), 370);
        assert_eq!(minimum_sample(100_000), 384);
    }

    #[test]
    fn answers_outside_the_scale_or_missing_are_refused() {
        let ok = ResponseForm::default().with_answers(&[4, 3, 3, 4, 3, 3, 4, 2, 3]);
        assert_eq!(ok.validate().unwrap().answers, [4, 3, 3, 4, 3, 3, 4, 2, 3]);
        let bad = ResponseForm::default().with_answers(&[4, 3, 3, 5, 3, 3, 4, 0, 3]);
        let e = bad.validate().unwrap_err();
        assert_eq!(e.get("u4"), Some("err-skm-answer-range"));
        assert_eq!(e.get("u8"), Some("err-skm-answer-range"));
        let short = ResponseForm::default().with_answers(&[4, 3]);
        assert_eq!(short.validate().unwrap_err().get("u9"), Some("err-skm-answer-missing"));
        let odd = ResponseForm { sex: "X".into(), ..ok };
        assert_eq!(odd.validate().unwrap_err().get("sex"), Some("err-choice"));
    }

    #[test]
    fn kiosks_need_a_name_a_unit_and_a_sane_allowance() {
        let k =
            KioskForm { name: "Loket 1".into(), unit_id: "3".into(), alert_minutes: String::new() }.validate().unwrap();
        assert_eq!(k.alert_minutes, KIOSK_ALERT_MINUTES);
        let bad =
            KioskForm { name: String::new(), unit_id: "x".into(), alert_minutes: "2".into() }.validate().unwrap_err();
        assert_eq!((bad.get("name"), bad.get("unit_id"), bad.get("alert_minutes")).0, Some("err-required"));
        assert_eq!(bad.get("alert_minutes"), Some("err-number-range"));
        assert!(kiosk_silent(0, 30, 30 * 60_000 + 1));
        assert!(!kiosk_silent(0, 30, 30 * 60_000));
    }

    #[test]
    fn unit_wording_defaults_to_the_regulation() {
        let f = UnitForm { name: "Kelurahan Ciwaduk".into(), active: "ya".into(), ..Default::default() };
        let u = f.validate().unwrap();
        assert_eq!(u.wording, None);
        assert!(u.active);
        let mut f2 = UnitForm::of("Kelurahan Ciwaduk", Some(500), true, &Wording::regulation());
        f2.wording.insert("w4_4".into(), "Tidak dipungut biaya".into());
        let w = f2.validate().unwrap().wording.unwrap();
        assert_eq!(w.level(3, 4), "Tidak dipungut biaya");
        assert_eq!(Wording::from_stored(Some("not json")), Wording::regulation());
    }
}
