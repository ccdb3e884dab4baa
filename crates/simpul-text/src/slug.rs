//! Slugs: lower-case ASCII words joined by `-`, made from any Unicode title.

/// Turns `text` into a URL slug: ASCII letters and digits, words joined by single hyphens,
/// at most `max_len` bytes (cut at a word boundary when possible). Latin letters with
/// diacritics lose them (`é` → `e`); other characters separate words. Returns an empty
/// string when nothing usable is left, so callers can fall back to an id.
pub fn slugify(text: &str, max_len: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max_len));
    let mut pending_dash = false;
    for ch in text.chars() {
        let mapped = fold_char(ch);
        match mapped {
            Some(s) => {
                if pending_dash && !out.is_empty() {
                    out.push('-');
                }
                pending_dash = false;
                out.push_str(s);
            }
            None => {
                // Apostrophes join ("Jum'at" -> "jumat"); everything else separates words.
                if !matches!(ch, '\'' | '’' | '`') {
                    pending_dash = true;
                }
            }
        }
    }
    if out.len() > max_len {
        let cut = out[..max_len].rfind('-').filter(|&i| i > max_len / 2).unwrap_or(max_len);
        out.truncate(cut);
        while out.ends_with('-') {
            out.pop();
        }
    }
    out
}

/// A key for sorting and searching names the same way on every database: lower-case ASCII
/// letters and digits (diacritics folded), words separated by single spaces, punctuation
/// dropped. Characters with no ASCII form are kept as they are, lower-cased.
pub fn sort_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for ch in text.chars() {
        if ch.is_whitespace() || matches!(ch, '-' | '_' | '/' | '.' | ',') {
            space = !out.is_empty();
            continue;
        }
        let folded = fold_char(ch);
        if folded.is_none() && !ch.is_alphanumeric() {
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match folded {
            Some(s) => out.push_str(s),
            None => out.extend(ch.to_lowercase()),
        }
    }
    out
}

/// Maps one character to its ASCII slug form, or `None` for a separator.
pub(crate) fn fold_char(ch: char) -> Option<&'static str> {
    const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    const LETTERS: [&str; 26] = [
        "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v",
        "w", "x", "y", "z",
    ];
    if ch.is_ascii_digit() {
        return Some(DIGITS[(ch as u8 - b'0') as usize]);
    }
    if ch.is_ascii_alphabetic() {
        return Some(LETTERS[(ch.to_ascii_lowercase() as u8 - b'a') as usize]);
    }
    let s = match ch {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => "i",
        'ñ' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ß' => "ss",
        '&' => "dan",
        _ => return None,
    };
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn indonesian_titles_become_ascii_slugs() {
        assert_eq!(slugify("KIM Bulakan Maju", 80), "kim-bulakan-maju");
        assert_eq!(slugify("  Jum'at Bersih di Kel. Ciwaduk!! ", 80), "jumat-bersih-di-kel-ciwaduk");
        assert_eq!(slugify("Café & Résumé", 80), "cafe-dan-resume");
        assert_eq!(slugify("Dinas Kominfo (Diskominfo) 2026", 80), "dinas-kominfo-diskominfo-2026");
    }

    #[test]
    fn sort_keys_ignore_case_accents_and_punctuation() {
        use super::sort_key;
        assert_eq!(sort_key("KIM  Nur'aini-Jaya"), "kim nuraini jaya");
        assert_eq!(sort_key("Émile 2"), "emile 2");
        assert_eq!(sort_key("漢字 KIM"), "漢字 kim");
        assert!(sort_key("KIM Ábc") < sort_key("kim b"));
    }

    #[test]
    fn nothing_usable_gives_empty() {
        assert_eq!(slugify("—!!—", 80), "");
        assert_eq!(slugify("漢字", 80), "");
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let s = slugify("pembangunan jalan lingkungan kelurahan kebonsari selesai", 30);
        assert!(s.len() <= 30, "{s}");
        assert!(!s.ends_with('-'));
        assert_eq!(s, "pembangunan-jalan-lingkungan");
    }
}
