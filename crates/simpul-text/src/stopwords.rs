//! Indonesian function words that carry no topic. Negations (`tidak`, `bukan`, `belum`,
//! `jangan`, `tanpa`) are deliberately not here: they flip a claim's meaning, so the hoax
//! matcher and the search must see them. Compiled for Simpul from common grammar words.

/// Sorted, for binary search.
const WORDS: &[&str] = &[
    "ada",
    "adalah",
    "agar",
    "akan",
    "aku",
    "amat",
    "anda",
    "antara",
    "apa",
    "apakah",
    "atas",
    "atau",
    "bagaimana",
    "bahkan",
    "bahwa",
    "banyak",
    "beberapa",
    "begitu",
    "beliau",
    "berbagai",
    "bisa",
    "boleh",
    "dalam",
    "dan",
    "dapat",
    "dari",
    "daripada",
    "demi",
    "dengan",
    "di",
    "dia",
    "ialah",
    "ini",
    "itu",
    "jadi",
    "juga",
    "kah",
    "kalau",
    "kami",
    "kamu",
    "kan",
    "karena",
    "ke",
    "kepada",
    "kita",
    "ku",
    "lagi",
    "lah",
    "lalu",
    "maka",
    "masih",
    "mereka",
    "mu",
    "namun",
    "nya",
    "oleh",
    "pada",
    "para",
    "per",
    "pula",
    "pun",
    "saat",
    "saja",
    "sambil",
    "sang",
    "saya",
    "se",
    "sebagai",
    "sebuah",
    "sedang",
    "sehingga",
    "sejak",
    "selain",
    "seluruh",
    "semua",
    "sendiri",
    "seorang",
    "seperti",
    "serta",
    "si",
    "suatu",
    "sudah",
    "supaya",
    "tadi",
    "tapi",
    "telah",
    "tentang",
    "tersebut",
    "untuk",
    "yaitu",
    "yakni",
    "yang",
];

/// Whether `word` (normalised, lower case) is a function word.
pub fn is_stopword(word: &str) -> bool {
    WORDS.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_and_keeps_negations() {
        assert!(WORDS.windows(2).all(|w| w[0] < w[1]), "sorted for binary search");
        assert!(is_stopword("yang") && is_stopword("dengan"));
        for neg in ["tidak", "bukan", "belum", "jangan", "tanpa"] {
            assert!(!is_stopword(neg), "{neg} flips meaning and stays");
        }
    }
}
