//! Normalisation and tokenisation of everyday Indonesian.
//!
//! - Unicode NFC, lower case, Latin diacritics folded (`é` → `e`).
//! - URLs, e-mail addresses and phone numbers become one token each (phones in `62…` form).
//! - Slang and abbreviations go to their standard forms (`yg` → `yang`, `gak` → `tidak`,
//!   `jln` → `jalan`), elongations are undone (`bangettt` → `banget`) and digits written
//!   for letters are read as letters when that gives a known word (`s4y4` → `saya`).
//! - Reduplication yields the base and the full form at the same position (`anak2` and
//!   `anak-anak` → `anak` + `anak-anak`).
//! - The clitics `-nya -lah -kah -pun -ku -mu` come off, except where they belong to the word
//!   (`hanya`, `sekolah`, `akhirnya`, …).
//!
//! Offsets always point into the original text, for highlighting.

use unicode_normalization::UnicodeNormalization;

use crate::Stemmer;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Number,
    Url,
    Email,
    Phone,
}

/// One token: its normalised text, its position (tokens that share a position are
/// alternatives, as the base and full form of a reduplication) and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub kind: Kind,
    pub position: usize,
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
}

/// Everyday spellings → standard words. Only forms that are not themselves other words.
const SLANG: &[(&str, &str)] = &[
    ("yg", "yang"),
    ("gak", "tidak"),
    ("ga", "tidak"),
    ("gk", "tidak"),
    ("nggak", "tidak"),
    ("ngga", "tidak"),
    ("enggak", "tidak"),
    ("engga", "tidak"),
    ("tdk", "tidak"),
    ("tak", "tidak"),
    ("krn", "karena"),
    ("karna", "karena"),
    ("dgn", "dengan"),
    ("dg", "dengan"),
    ("sdh", "sudah"),
    ("udh", "sudah"),
    ("udah", "sudah"),
    ("dah", "sudah"),
    ("blm", "belum"),
    ("blum", "belum"),
    ("bgt", "banget"),
    ("tp", "tapi"),
    ("tpi", "tapi"),
    ("jg", "juga"),
    ("utk", "untuk"),
    ("untk", "untuk"),
    ("dr", "dari"),
    ("pd", "pada"),
    ("sm", "sama"),
    ("aja", "saja"),
    ("sj", "saja"),
    ("bs", "bisa"),
    ("bisa2", "bisa"),
    ("hrs", "harus"),
    ("jd", "jadi"),
    ("jdi", "jadi"),
    ("kalo", "kalau"),
    ("klo", "kalau"),
    ("kl", "kalau"),
    ("sy", "saya"),
    ("gue", "saya"),
    ("gw", "saya"),
    ("aq", "aku"),
    ("km", "kamu"),
    ("lg", "lagi"),
    ("org", "orang"),
    ("orng", "orang"),
    ("dlm", "dalam"),
    ("kpd", "kepada"),
    ("thd", "terhadap"),
    ("spt", "seperti"),
    ("sprt", "seperti"),
    ("bnyk", "banyak"),
    ("byk", "banyak"),
    ("skrg", "sekarang"),
    ("skr", "sekarang"),
    ("sblm", "sebelum"),
    ("stlh", "setelah"),
    ("msh", "masih"),
    ("msih", "masih"),
    ("jln", "jalan"),
    ("jl", "jalan"),
    ("kel", "kelurahan"),
    ("kec", "kecamatan"),
    ("kab", "kabupaten"),
    ("pemkot", "pemerintah"),
    ("pemda", "pemerintah"),
    ("info", "informasi"),
    ("infonya", "informasi"),
    ("hoax", "hoaks"),
    ("hox", "hoaks"),
    ("bener", "benar"),
    ("emang", "memang"),
    ("gimana", "bagaimana"),
    ("gmn", "bagaimana"),
    ("knp", "kenapa"),
    ("ngapain", "mengapa"),
    ("trs", "terus"),
    ("trus", "terus"),
    ("bsk", "besok"),
    ("kmrn", "kemarin"),
    ("kemaren", "kemarin"),
    ("sampe", "sampai"),
    // Not `smp`: in government news it is the school (Sekolah Menengah Pertama).
    ("mau", "mau"),
    ("pengen", "ingin"),
    ("pgn", "ingin"),
    ("cuma", "hanya"),
    ("cm", "hanya"),
    ("doang", "saja"),
    ("dapet", "dapat"),
    ("dpt", "dapat"),
    ("wa", "whatsapp"),
    ("wag", "whatsapp"),
    // Everyday chat spellings (as forwarded messages are written).
    ("jgn", "jangan"),
    ("gede", "besar"),
    ("malem", "malam"),
    ("taun", "tahun"),
    ("thn", "tahun"),
    ("bln", "bulan"),
    ("tgl", "tanggal"),
    ("telor", "telur"),
    ("pake", "pakai"),
    ("bikin", "buat"),
    ("nyampe", "sampai"),
    ("ampe", "sampai"),
    ("skali", "sekali"),
    ("ato", "atau"),
    ("atw", "atau"),
    ("lbh", "lebih"),
    ("kyk", "seperti"),
    ("kayak", "seperti"),
    ("denger", "dengar"),
    ("liat", "lihat"),
    ("ngeliat", "lihat"),
    ("tau", "tahu"),
    ("bnr", "benar"),
    ("beneran", "benar"),
    ("duit", "uang"),
    ("cepet", "cepat"),
    ("bbrp", "beberapa"),
    ("bgmn", "bagaimana"),
];

/// Words that only look like they carry a clitic.
const CLITIC_EXCEPTIONS: &[&str] = &[
    "akhirnya",
    "biasanya",
    "hanya",
    "punya",
    "tanya",
    "bertanya",
    "sebenarnya",
    "rupanya",
    "agaknya",
    "sepertinya",
    "tampaknya",
    "nampaknya",
    "kelihatannya",
    "misalnya",
    "contohnya",
    "selanjutnya",
    "sebaliknya",
    "seharusnya",
    "sesungguhnya",
    "setidaknya",
    "sedikitnya",
    "bahkan",
    "telah",
    "masalah",
    "sekolah",
    "jumlah",
    "sejarah",
    "wilayah",
    "daerah",
    "lembaga",
    "lelah",
    "sebelah",
    "kalah",
    "salah",
    "olah",
    "nikah",
    "langkah",
    "sedekah",
    "ibadah",
    "rumah",
    "bantuan",
    "meskipun",
    "walaupun",
    "ataupun",
    "apapun",
    "siapapun",
    "bagaimanapun",
    "manapun",
    "ampun",
    "rumpun",
    "kampung",
    "aku",
    "buku",
    "laku",
    "paku",
    "saku",
    "suku",
    "kuku",
    "kaku",
    "baku",
    "waktu",
    "ilmu",
    "kamu",
    "jamu",
    "temu",
    "ramu",
    "tamu",
    "jemu",
    "kemu",
];

fn slang(word: &str) -> Option<&'static str> {
    static MAP: std::sync::LazyLock<std::collections::HashMap<&'static str, &'static str>> =
        std::sync::LazyLock::new(|| SLANG.iter().copied().collect());
    MAP.get(word).copied()
}

fn is_standard_word(word: &str) -> bool {
    static SET: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
        std::sync::LazyLock::new(|| SLANG.iter().map(|(_, s)| *s).collect());
    SET.contains(word)
}

fn is_clitic_exception(word: &str) -> bool {
    static SET: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
        std::sync::LazyLock::new(|| CLITIC_EXCEPTIONS.iter().copied().collect());
    SET.contains(word)
}

/// A phone number written the Indonesian way (`08…`, `+62…`, `62…`, with `-`, `.` or
/// brackets), as `62…`.
fn phone(chunk: &str) -> Option<String> {
    let t = chunk.trim_matches(|c: char| matches!(c, '.' | ',' | ';' | ':' | '(' | ')'));
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'(' | b')')) {
        return None;
    }
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let national = digits.strip_prefix("62").or_else(|| digits.strip_prefix('0'))?;
    let plausible = (national.starts_with('8') || national.starts_with('2')) && (8..=12).contains(&national.len());
    plausible.then(|| format!("62{national}"))
}

/// An e-mail address: something@domain.tld.
fn email(chunk: &str) -> Option<String> {
    let t = chunk.trim_matches(|c: char| matches!(c, '.' | ',' | ';' | ':' | '(' | ')' | '<' | '>' | '"' | '\''));
    let (user, domain) = t.split_once('@')?;
    let ok = !user.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && t.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '@' | '.' | '_' | '-' | '+'));
    ok.then(|| t.to_ascii_lowercase())
}

/// A web address: starts with a scheme or `www.`.
fn url(chunk: &str) -> Option<String> {
    let t = chunk.trim_end_matches(['.', ',', ';', ':', ')', '"', '\'']);
    let t = t.trim_start_matches(['(', '"', '\'']);
    let lower = t.to_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")).or(Some(lower.as_str()))?;
    let looks = lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.");
    (looks && rest.len() > 4).then(|| rest.trim_start_matches("www.").trim_end_matches('/').to_owned())
}

/// Lower case, NFC, Latin diacritics folded.
pub fn fold(text: &str) -> String {
    // Most Indonesian text is plain ASCII: nothing to compose or fold.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.nfc().flat_map(char::to_lowercase) {
        match crate::slug::fold_char(c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    out
}

/// Undoes elongation: a letter written three or more times becomes one (or two, when that
/// makes a known word: `maaaaf` → `maaf`).
fn unelongate(w: &str, known: &dyn Fn(&str) -> bool) -> String {
    let b = w.as_bytes();
    if w.is_ascii() && !b.windows(3).any(|x| x[0] == x[1] && x[1] == x[2]) {
        return w.to_owned();
    }
    let chars: Vec<char> = w.chars().collect();
    let mut runs: Vec<(char, usize)> = Vec::new();
    for c in chars {
        match runs.last_mut() {
            Some((p, n)) if *p == c => *n += 1,
            _ => runs.push((c, 1)),
        }
    }
    if !runs.iter().any(|(_, n)| *n >= 3) {
        return w.to_owned();
    }
    let build = |keep: usize| -> String {
        runs.iter().flat_map(|(c, n)| std::iter::repeat_n(*c, if *n >= 3 { keep } else { *n })).collect()
    };
    let one = build(1);
    if known(&one) {
        return one;
    }
    let two = build(2);
    if known(&two) { two } else { one }
}

/// Digits written for letters (`s4y4`, `b3s0k`), read as letters when that gives a known word.
fn unleet(w: &str, known: &dyn Fn(&str) -> bool) -> Option<String> {
    let has_letter = w.chars().any(|c| c.is_ascii_alphabetic());
    let has_digit = w.chars().any(|c| c.is_ascii_digit());
    if !has_letter || !has_digit {
        return None;
    }
    let mapped: String = w
        .chars()
        .map(|c| match c {
            '4' => 'a',
            '3' => 'e',
            '1' => 'i',
            '0' => 'o',
            '5' => 's',
            '7' => 't',
            '6' => 'g',
            '9' => 'g',
            '8' => 'b',
            other => other,
        })
        .collect();
    known(&mapped).then_some(mapped)
}

/// Turns text into tokens (see the module notes). `stemmer` supplies the known words used to
/// undo elongation and letter-digits and to keep roots whole.
pub fn tokenize(text: &str, stemmer: &Stemmer) -> Vec<Token> {
    let known = |w: &str| stemmer.is_root(w) || is_standard_word(w);
    let mut out = Vec::new();
    let mut position = 0;
    for (chunk_start, chunk) in chunks(text) {
        let special = url(chunk).map(|t| (t, Kind::Url)).or_else(|| email(chunk).map(|t| (t, Kind::Email)));
        let special = special.or_else(|| phone(chunk).map(|t| (t, Kind::Phone)));
        if let Some((t, kind)) = special {
            out.push(Token { text: t, kind, position, start: chunk_start, end: chunk_start + chunk.len() });
            position += 1;
            continue;
        }
        for (start, piece) in words(chunk) {
            let start = chunk_start + start;
            let end = start + piece.len();
            let folded = fold(piece);
            if folded.chars().all(|c| c.is_ascii_digit()) {
                out.push(Token { text: folded, kind: Kind::Number, position, start, end });
                position += 1;
                continue;
            }
            for t in word_forms(&folded, stemmer, &known) {
                out.push(Token { text: t, kind: Kind::Word, position, start, end });
            }
            position += 1;
        }
    }
    out
}

/// Whitespace-separated chunks with their byte offsets.
fn chunks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace().map(move |c| (c.as_ptr() as usize - text.as_ptr() as usize, c))
}

/// Word pieces of a chunk: letters and digits, with hyphens kept between them
/// (`anak-anak`), with their offsets in the chunk.
fn words(chunk: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = chunk.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner_hyphen = c == '-' && start.is_some() && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner_hyphen || (unicode_normalization::char::is_combining_mark(c) && start.is_some())
        {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, &chunk[s..i]));
        }
    }
    if let Some(s) = start {
        out.push((s, &chunk[s..]));
    }
    out
}

/// The normalised forms of one folded word: usually one; two for a reduplication (base and
/// full form).
fn word_forms(w: &str, stemmer: &Stemmer, known: &dyn Fn(&str) -> bool) -> Vec<String> {
    // anak2 → anak-anak; bagi2 → bagi-bagi (but not a number like covid19).
    if let Some(base) = w.strip_suffix('2')
        && base.len() >= 2
        && base.chars().all(|c| c.is_alphabetic())
    {
        let base = standard(base, stemmer, known);
        return vec![base.clone(), format!("{base}-{base}")];
    }
    if let Some((a, b)) = w.split_once('-')
        && !b.contains('-')
        && !a.is_empty()
        && !b.is_empty()
    {
        let (a, b) = (standard(a, stemmer, known), standard(b, stemmer, known));
        let base = if a.ends_with(&b) && a != b { b.clone() } else { a.clone() };
        return vec![base, format!("{a}-{b}")];
    }
    vec![standard(w, stemmer, known)]
}

/// One word to its standard spelling: letter-digits, elongation, slang, clitics.
fn standard(w: &str, stemmer: &Stemmer, known: &dyn Fn(&str) -> bool) -> String {
    let w = unleet(w, known).unwrap_or_else(|| w.to_owned());
    let w = unelongate(&w, known);
    if let Some(std) = slang(&w) {
        return std.to_owned();
    }
    split_clitic(&w, stemmer)
}

/// Takes a clitic off unless the word is a root or a known exception.
fn split_clitic(w: &str, stemmer: &Stemmer) -> String {
    if stemmer.is_root(w) || is_clitic_exception(w) {
        return w.to_owned();
    }
    for c in ["nya", "lah", "kah", "pun", "ku", "mu"] {
        if let Some(base) = w.strip_suffix(c)
            && base.chars().count() >= 3
        {
            return base.to_owned();
        }
    }
    w.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stemmer() -> Stemmer {
        Stemmer::new(["anak", "rumah", "banget", "saya", "maaf", "sayur", "mayur", "main", "sekolah", "besok", "bagi"])
    }

    fn texts(s: &str) -> Vec<String> {
        tokenize(s, &stemmer()).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn slang_elongation_and_letter_digits() {
        assert_eq!(texts("yg gak jln bgt"), ["yang", "tidak", "jalan", "banget"]);
        assert_eq!(texts("bangettt"), ["banget"]);
        assert_eq!(texts("maaaaf"), ["maaf"]);
        assert_eq!(texts("s4y4 b3s0k"), ["saya", "besok"]);
        assert_eq!(texts("covid19"), ["covid19"], "not a word with letters for digits");
        assert_eq!(texts("Éntah"), ["entah"]);
    }

    #[test]
    fn reduplication_gives_base_and_full_form_at_one_position() {
        let t = tokenize("anak2 anak-anak sayur-mayur bermain-main", &stemmer());
        let got: Vec<(&str, usize)> = t.iter().map(|t| (t.text.as_str(), t.position)).collect();
        assert_eq!(
            got,
            [
                ("anak", 0),
                ("anak-anak", 0),
                ("anak", 1),
                ("anak-anak", 1),
                ("sayur", 2),
                ("sayur-mayur", 2),
                ("main", 3),
                ("bermain-main", 3)
            ]
        );
    }

    #[test]
    fn clitics_come_off_unless_they_belong_to_the_word() {
        assert_eq!(
            texts("rumahnya bukunya akhirnya hanya sekolah dialah"),
            ["rumah", "buku", "akhirnya", "hanya", "sekolah", "dia"]
        );
    }

    #[test]
    fn urls_emails_and_phones_are_single_tokens_with_offsets() {
        let text =
            "Hubungi 0812-3456-7890 atau +62 812 atau humas@cilegon.go.id, lihat https://cilegonkota.go.id/berita.";
        let t = tokenize(text, &stemmer());
        let phone = t.iter().find(|t| t.kind == Kind::Phone).unwrap();
        assert_eq!(phone.text, "6281234567890");
        assert_eq!(&text[phone.start..phone.end], "0812-3456-7890");
        assert!(t.iter().any(|t| t.kind == Kind::Email && t.text == "humas@cilegon.go.id"));
        assert!(t.iter().any(|t| t.kind == Kind::Url && t.text == "cilegonkota.go.id/berita"));
        assert!(t.iter().any(|t| t.kind == Kind::Number && t.text == "62"), "a short number stays a number");
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "Jalan  RUSAK, di Kel. Bulakan!";
        for tok in tokenize(text, &stemmer()) {
            assert!(text.is_char_boundary(tok.start) && text.is_char_boundary(tok.end));
            assert!(!text[tok.start..tok.end].trim().is_empty());
        }
    }
}
