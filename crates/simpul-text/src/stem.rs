//! Stemming: dictionary-checked affix removal in the Nazief–Adriani / Enhanced Confix
//! Stripping family. Inflectional particles (`-lah -kah -tah -pun`) and possessives
//! (`-ku -mu -nya`) come off first, then derivational suffixes (`-i -kan -an`), then up to
//! three derivational prefixes (`di- ke- se- be(r)- te(r)- pe(r)- me-`) with the sound
//! changes of `me-`/`pe-` (`menulis` → `tulis`, `memukul` → `pukul`, `menyapu` → `sapu`,
//! `mengirim` → `kirim`). Every candidate is checked against the root dictionary; prefix
//! and suffix pairs Indonesian does not form (`be-…-i`, `di-…-an`, `ke-…-i`, `ke-…-kan`,
//! `me-…-an`, `se-…-i`, `se-…-kan`, `te-…-an`) are not tried. A word no candidate explains
//! gets an algorithmic stem (the most likely affixes removed), so the same word always gets
//! the same stem even when it is missing from the dictionary.

use std::collections::HashSet;

/// A stemmer over a set of root words.
pub struct Stemmer {
    roots: HashSet<Box<str>>,
}

/// Inflectional particles, then possessive pronouns.
const PARTICLES: [&str; 4] = ["lah", "kah", "tah", "pun"];
const POSSESSIVES: [&str; 3] = ["nya", "ku", "mu"];

/// The shortest root we accept from stripping (Indonesian roots have at least two letters;
/// two-letter results are almost always wrong cuts).
const MIN_ROOT: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suffix {
    None,
    I,
    Kan,
    An,
}

/// The family of the first prefix removed, for the forbidden confix pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prefix {
    Be,
    Di,
    Ke,
    Me,
    Pe,
    Se,
    Te,
}

fn forbidden(p: Prefix, s: Suffix) -> bool {
    matches!(
        (p, s),
        (Prefix::Be, Suffix::I)
            | (Prefix::Di, Suffix::An)
            | (Prefix::Ke, Suffix::I | Suffix::Kan)
            | (Prefix::Me, Suffix::An)
            | (Prefix::Se, Suffix::I | Suffix::Kan)
            | (Prefix::Te, Suffix::An)
    )
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The roots a prefixed word may come from after removing one prefix, most likely first,
/// with the prefix's family. Only ASCII lower-case words are handled.
fn unprefix(w: &str) -> Vec<(Prefix, String)> {
    let b = w.as_bytes();
    let mut out: Vec<(Prefix, String)> = Vec::new();
    let mut add = |p: Prefix, s: String| {
        if s.len() >= MIN_ROOT && !out.iter().any(|(_, x)| *x == s) {
            out.push((p, s));
        }
    };
    let rest = |n: usize| w[n..].to_owned();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let starts = |p: &str| w.starts_with(p);

    if starts("di") {
        add(Prefix::Di, rest(2));
    }
    if starts("ke") {
        add(Prefix::Ke, rest(2));
    }
    if starts("se") {
        add(Prefix::Se, rest(2));
    }
    // be-: berjalan → jalan, beranak → anak / ranak, bekerja → kerja, belajar → ajar.
    if starts("ber") {
        add(Prefix::Be, rest(3));
        if is_vowel(at(3)) {
            add(Prefix::Be, rest(2));
        }
    } else if starts("belajar") {
        add(Prefix::Be, rest(3));
    } else if starts("be") && at(2) != 0 && !is_vowel(at(2)) {
        add(Prefix::Be, rest(2));
    }
    // te-: tertulis → tulis, terasa → rasa, tertawa → tawa.
    if starts("ter") {
        add(Prefix::Te, rest(3));
        if is_vowel(at(3)) {
            add(Prefix::Te, rest(2));
        }
    } else if starts("te") && at(2) != 0 && !is_vowel(at(2)) && at(2) != b'r' {
        add(Prefix::Te, rest(2));
    }
    // me- and pe- share their sound changes.
    for (lead, fam) in [("me", Prefix::Me), ("pe", Prefix::Pe)] {
        if !starts(lead) {
            continue;
        }
        let (c2, c3, c4) = (at(2), at(3), at(4));
        match c2 {
            // memper-/member- before the root: handled by recursion (mem + per…).
            b'm' if matches!(c3, b'b' | b'f' | b'v') => add(fam, rest(3)),
            b'm' if c3 == b'p' && c4 == b'e' => add(fam, rest(3)),
            b'm' if is_vowel(c3) => {
                add(fam, format!("m{}", &w[3..]));
                add(fam, format!("p{}", &w[3..]));
            }
            // Loanword clusters keep their first consonant: memproduksi → produksi,
            // pemrogram → program.
            b'm' if c3 == b'p' => add(fam, rest(3)),
            b'm' if c3 != 0 => add(fam, format!("p{}", &w[3..])),
            b'n' if matches!(c3, b'c' | b'd' | b'j' | b'z') => add(fam, rest(3)),
            b'n' if c3 == b's' && c4 == b'y' => add(fam, rest(3)),
            b'n' if c3 == b'g' => {
                if matches!(c4, b'g' | b'h' | b'k' | b'q') {
                    add(fam, rest(4));
                } else if is_vowel(c4) {
                    add(fam, rest(4));
                    add(fam, format!("k{}", &w[4..]));
                } else if c4 == b'e' {
                    add(fam, rest(5));
                }
                // menge-/penge- before one-syllable roots: mengebom → bom.
                if c4 == b'e' {
                    add(fam, rest(5));
                }
            }
            b'n' if c3 == b'y' && is_vowel(c4) => {
                add(fam, format!("s{}", &w[4..]));
                add(fam, format!("ny{}", &w[4..]));
            }
            b'n' if is_vowel(c3) => {
                add(fam, format!("n{}", &w[3..]));
                add(fam, format!("t{}", &w[3..]));
            }
            // menstimulasi → stimulasi, mentraktir → traktir.
            b'n' if matches!(c3, b's' | b't') && c4 != 0 && !is_vowel(c4) => add(fam, rest(3)),
            b'l' | b'r' | b'w' | b'y' | b'm' | b'n' => add(fam, rest(2)),
            // pe- before other consonants: pedagang → dagang, petani → tani.
            c if fam == Prefix::Pe && c != 0 && !is_vowel(c) => add(fam, rest(2)),
            _ => {}
        }
        // per-: perbaikan → baik (pe- family), pelajar → ajar.
        if fam == Prefix::Pe {
            if c2 == b'r' {
                add(fam, rest(3));
                if is_vowel(c3) {
                    add(fam, rest(2));
                }
            }
            if starts("pelajar") {
                add(fam, rest(3));
            }
        }
    }
    out
}

/// The shipped Indonesian root list (see `data/README.md` for its source and licence).
const ROOTS_ID: &str = include_str!("../data/roots-id.txt");

impl Stemmer {
    /// The Indonesian stemmer over the shipped root list, built once per process.
    pub fn indonesian() -> &'static Stemmer {
        static STEMMER: std::sync::LazyLock<Stemmer> = std::sync::LazyLock::new(|| Stemmer::new(ROOTS_ID.lines()));
        &STEMMER
    }

    /// A stemmer over the given root words (lower case).
    pub fn new<I, S>(roots: I) -> Stemmer
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let roots = roots
            .into_iter()
            .map(|r| r.as_ref().trim().to_lowercase())
            .filter(|r| !r.is_empty() && !r.starts_with('#'))
            .map(String::into_boxed_str)
            .collect();
        Stemmer { roots }
    }

    /// Whether `word` is a root in the dictionary.
    pub fn is_root(&self, word: &str) -> bool {
        self.roots.contains(word)
    }

    /// Every root word.
    pub fn roots(&self) -> impl Iterator<Item = &str> {
        self.roots.iter().map(|r| &**r)
    }

    pub fn len(&self) -> usize {
        self.roots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.roots.is_empty()
    }

    /// The root of one lower-case word. Words with characters other than ASCII letters
    /// (and an inner hyphen for reduplication) come back unchanged.
    pub fn stem(&self, word: &str) -> String {
        if word.len() < MIN_ROOT || self.is_root(word) {
            return word.to_owned();
        }
        if let Some((a, b)) = word.split_once('-') {
            // Reduplication: anak-anak → anak, bermain-main → main, sayur-mayur → sayur.
            let (sa, sb) = (self.stem(a), self.stem(b));
            return if sa == sb || sb.is_empty() {
                sa
            } else if a.ends_with(b) {
                sb
            } else {
                sa
            };
        }
        if !word.bytes().all(|c| c.is_ascii_lowercase()) {
            return word.to_owned();
        }
        self.dictionary_stem(word).or_else(|| self.colloquial_stem(word)).unwrap_or_else(|| self.fallback(word))
    }

    /// Everyday Jakarta-style affixes, tried only when the standard ones explain nothing:
    /// the suffix `-in` for `-kan`/`-i` (`sembuhin` → sembuh, `dibatalin` → batal) and the bare
    /// nasal prefixes (`ngirim` → kirim, `nyari` → cari, `nular` → tular, `ngungsi` → ungsi,
    /// `ngebom` → bom). Every candidate must be a root, alone or through the standard rules.
    fn colloquial_stem(&self, word: &str) -> Option<String> {
        let mut bases = vec![word.to_owned()];
        if let Some(b) = word.strip_suffix("in").filter(|b| b.len() >= MIN_ROOT) {
            bases.push(b.to_owned());
        }
        for base in &bases {
            if base != word
                && let Some(r) = self.dictionary_stem(base).or_else(|| self.is_root(base).then(|| base.clone()))
            {
                return Some(r);
            }
            let b = base.as_bytes();
            let at = |i: usize| b.get(i).copied().unwrap_or(0);
            let mut cands: Vec<String> = Vec::new();
            if base.starts_with("nge") && base.len() > 5 {
                cands.push(base[3..].to_owned());
            }
            if base.starts_with("ng") && is_vowel(at(2)) {
                cands.push(base[2..].to_owned());
                cands.push(format!("k{}", &base[2..]));
            }
            if base.starts_with("ny") && is_vowel(at(2)) {
                cands.push(format!("c{}", &base[2..]));
                cands.push(format!("s{}", &base[2..]));
            }
            if base.starts_with('n') && is_vowel(at(1)) {
                cands.push(format!("t{}", &base[1..]));
            }
            if base.starts_with('m') && is_vowel(at(1)) {
                cands.push(format!("p{}", &base[1..]));
            }
            for c in cands.into_iter().filter(|c| c.len() >= MIN_ROOT) {
                if self.is_root(&c) {
                    return Some(c);
                }
            }
        }
        None
    }

    /// Candidate suffix removals, each with the suffix taken off: the word itself, without
    /// its particle, without its possessive, without its derivational suffix.
    fn suffix_forms(word: &str) -> Vec<(String, Suffix)> {
        let mut forms = vec![(word.to_owned(), Suffix::None)];
        let mut w = word.to_owned();
        if let Some(p) = PARTICLES.iter().find(|p| w.ends_with(*p) && w.len() - p.len() >= MIN_ROOT) {
            w.truncate(w.len() - p.len());
            forms.push((w.clone(), Suffix::None));
        }
        if let Some(p) = POSSESSIVES.iter().find(|p| w.ends_with(*p) && w.len() - p.len() >= MIN_ROOT) {
            w.truncate(w.len() - p.len());
            forms.push((w.clone(), Suffix::None));
        }
        let base = w.clone();
        if base.ends_with("kan") && base.len() - 3 >= MIN_ROOT {
            forms.push((base[..base.len() - 3].to_owned(), Suffix::Kan));
        }
        if base.ends_with("an") && base.len() - 2 >= MIN_ROOT {
            forms.push((base[..base.len() - 2].to_owned(), Suffix::An));
        }
        if base.ends_with('i') && base.len() > MIN_ROOT {
            forms.push((base[..base.len() - 1].to_owned(), Suffix::I));
        }
        forms
    }

    /// Every root reachable by removing up to three prefixes from `w` (breadth first), with
    /// the family of the first prefix removed.
    fn prefix_roots(&self, w: &str, suffix: Suffix, out: &mut Vec<(String, Option<Prefix>, usize)>) {
        let mut level: Vec<(Option<Prefix>, String)> = vec![(None, w.to_owned())];
        for depth in 1..=3 {
            let mut next = Vec::new();
            for (first, word) in &level {
                for (p, cand) in unprefix(word) {
                    let first = first.or(Some(p));
                    if first.is_some_and(|f| forbidden(f, suffix)) {
                        continue;
                    }
                    if self.is_root(&cand) {
                        out.push((cand.clone(), first, depth));
                    }
                    next.push((first, cand));
                }
            }
            if next.is_empty() {
                break;
            }
            level = next;
        }
    }

    /// The dictionary's explanation of a word, if any. Of all the roots that affix removal
    /// can reach, the nominal confixes `ke-…-an` and `pe(r)-…-an` win when they explain the
    /// word (kedudukan → duduk, not the dictionary's stem keduduk); otherwise the one that
    /// needs the fewest affixes removed (berbadan → badan, not ber- + bad + -an), then the
    /// fewest prefixes (menemani → teman, not me- + te- + mani), then the shorter suffix
    /// (ajakan → ajak, not aja + -kan); remaining ties keep the rules' order (memakan → makan).
    fn dictionary_stem(&self, word: &str) -> Option<String> {
        let forms = Self::suffix_forms(word);
        let mut found: Vec<(String, Option<Prefix>, Suffix, usize)> = Vec::new();
        for (f, s) in forms.iter().skip(1) {
            if self.is_root(f) {
                found.push((f.clone(), None, *s, 0));
            }
        }
        for (f, s) in &forms {
            let mut roots = Vec::new();
            self.prefix_roots(f, *s, &mut roots);
            found.extend(roots.into_iter().map(|(r, p, depth)| (r, p, *s, depth)));
        }
        let confix = |p: Option<Prefix>, s: Suffix| s == Suffix::An && matches!(p, Some(Prefix::Ke | Prefix::Pe));
        found
            .iter()
            .enumerate()
            .min_by_key(|(i, (_, p, s, prefixes))| {
                let suffix_len = match s {
                    Suffix::None => 0,
                    Suffix::I => 1,
                    Suffix::An => 2,
                    Suffix::Kan => 3,
                };
                let affixes = prefixes + usize::from(*s != Suffix::None);
                (!confix(*p, *s), affixes, *prefixes, suffix_len, *i)
            })
            .map(|(_, (r, _, _, _))| r.clone())
    }

    /// No dictionary explanation: remove what is most likely an affix, consistently.
    fn fallback(&self, word: &str) -> String {
        let forms = Self::suffix_forms(word);
        // Particles and possessives are safe to drop; derivational suffixes only on longer words.
        let mut w = forms
            .iter()
            .rev()
            .find(|(f, s)| *s == Suffix::None || f.len() >= 5)
            .map_or_else(|| word.to_owned(), |(f, _)| f.clone());
        for _ in 0..2 {
            match unprefix(&w).into_iter().next() {
                Some((_, c)) if c.len() >= 4 => w = c,
                _ => break,
            }
        }
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stemmer() -> Stemmer {
        Stemmer::new([
            "bagi", "rumah", "anak", "tulis", "pukul", "sapu", "kirim", "ajar", "baik", "beri", "ikan", "tani", "tan",
            "aman", "bersih", "naik", "nyanyi", "makan", "masak", "main", "sayur", "jalan", "kerja", "rasa", "tawa",
            "lihat", "cari", "dengar", "gali", "hitung", "bangun", "sekolah", "tahu", "satu", "bom", "pakai", "ambil",
            "buku", "laku", "kata",
        ])
    }

    #[test]
    fn the_cases_the_search_needs() {
        let s = stemmer();
        for w in ["dibagikan", "membagikan", "pembagian", "bagi", "terbagi", "sebagian", "membagi"] {
            assert_eq!(s.stem(w), "bagi", "{w}");
        }
        assert_eq!(s.stem("rumahnya"), "rumah");
        assert_eq!(s.stem("anak-anak"), "anak");
        assert_eq!(s.stem("pembangunan"), "bangun");
    }

    #[test]
    fn sound_changes_of_me_and_pe() {
        let s = stemmer();
        let cases = [
            ("menulis", "tulis"),
            ("penulis", "tulis"),
            ("memukul", "pukul"),
            ("menyapu", "sapu"),
            ("mengirim", "kirim"),
            ("pengirim", "kirim"),
            ("mengajar", "ajar"),
            ("pelajaran", "ajar"),
            ("belajar", "ajar"),
            ("memperbaiki", "baik"),
            ("perbaikan", "baik"),
            ("menyanyikan", "nyanyi"),
            ("makanan", "makan"),
            ("memasak", "masak"),
            ("pemain", "main"),
            ("bermain-main", "main"),
            ("melihat", "lihat"),
            ("mencari", "cari"),
            ("pendengar", "dengar"),
            ("menggali", "gali"),
            ("menghitung", "hitung"),
            ("bekerja", "kerja"),
            ("terasa", "rasa"),
            ("tertawa", "tawa"),
            ("keamanan", "aman"),
            ("kebersihan", "bersih"),
            ("menaikkan", "naik"),
            ("diketahui", "tahu"),
            ("mengebom", "bom"),
            ("dipakainya", "pakai"),
            ("mengambilnya", "ambil"),
            ("bukunya", "buku"),
        ];
        for (w, root) in cases {
            assert_eq!(s.stem(w), root, "{w}");
        }
    }

    #[test]
    fn roots_and_forbidden_pairs_are_respected() {
        let s = stemmer();
        assert_eq!(s.stem("berikan"), "beri", "a suffix alone before ber- + ikan");
        assert_eq!(s.stem("bertani"), "tani", "be-…-i is not a confix");
        assert_eq!(s.stem("sekolah"), "sekolah", "a root ending like a particle stays");
        assert_eq!(s.stem("laku"), "laku");
    }

    #[test]
    fn everyday_jakarta_affixes() {
        let s = Stemmer::indonesian();
        for (word, root) in [
            ("sembuhin", "sembuh"),
            ("dibatalin", "batal"),
            ("naikin", "naik"),
            ("dirobohin", "roboh"),
            ("ngirim", "kirim"),
            ("nyari", "cari"),
            ("nular", "tular"),
        ] {
            assert_eq!(s.stem(word), root, "{word}");
        }
        // Standard words are untouched: the colloquial rules only run when nothing else explains.
        assert_eq!(s.stem("ingin"), "ingin");
        assert_eq!(s.stem("menulis"), "tulis");
    }

    #[test]
    fn unknown_words_get_a_consistent_algorithmic_stem() {
        let s = stemmer();
        assert_eq!(s.stem("menggoreskan"), s.stem("digoreskan"));
        assert_eq!(s.stem("xyz"), "xyz");
        assert_eq!(s.stem("covid19"), "covid19");
        assert_eq!(s.stem(""), "");
    }
}
