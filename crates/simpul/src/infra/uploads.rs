//! Checks on uploaded files that are kept as they came (PDF attachments, training materials):
//! the type is what it claims, nothing active is inside, and the name is safe to show.

/// Why a PDF is refused (i18n keys).
pub fn check_pdf(data: &[u8]) -> Result<(), &'static str> {
    if !(data.starts_with(b"%PDF-1.") || data.starts_with(b"%PDF-2.")) {
        return Err("err-file-type");
    }
    let tail = &data[data.len().saturating_sub(2048)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err("err-file-damaged");
    }
    // Active content has no place in a citizen's evidence: scripts, launch actions, embedded files.
    // Names may hide behind `#hh` escapes (`/J#61vaScript`), so they are decoded first.
    let data = decode_name_escapes(data);
    let active = |name: &[u8]| {
        data.windows(name.len() + 1).any(|w| w.starts_with(name) && !w[name.len()].is_ascii_alphanumeric())
    };
    if active(b"/JavaScript") || active(b"/JS") || active(b"/Launch") || active(b"/EmbeddedFile") {
        return Err("err-file-active-content");
    }
    Ok(())
}

/// `data` with every `#hh` (two hex digits) replaced by its byte, as PDF names allow.
fn decode_name_escapes(data: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        if data[i] == b'#'
            && let (Some(h), Some(l)) = (data.get(i + 1).copied().and_then(hex), data.get(i + 2).copied().and_then(hex))
        {
            out.push(h << 4 | l);
            i += 3;
            continue;
        }
        out.push(data[i]);
        i += 1;
    }
    out
}

/// A file name safe to show and to send in `Content-Disposition`: the last path part, plain
/// characters only, at most 80 of them.
pub fn clean_name(name: &str, fallback: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ' '))
        .take(80)
        .collect::<String>()
        .trim()
        .to_owned();
    if cleaned.is_empty() || cleaned.starts_with('.') { fallback.to_owned() } else { cleaned }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_checks() {
        let ok = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";
        assert_eq!(check_pdf(ok), Ok(()));
        assert_eq!(check_pdf(b"GIF89a"), Err("err-file-type"));
        assert_eq!(check_pdf(b"%PDF-1.4\n no end"), Err("err-file-damaged"));
        let js = b"%PDF-1.4\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n%%EOF";
        assert_eq!(check_pdf(js), Err("err-file-active-content"));
        // A name that merely starts like one is fine.
        let escaped = b"%PDF-1.4\n<< /S /J#61vaScript /J#53 (x) >>\n%%EOF";
        assert_eq!(check_pdf(escaped), Err("err-file-active-content"));
        let jsx = b"%PDF-1.4\n<< /JSONish 1 >>\n%%EOF";
        assert_eq!(check_pdf(jsx), Ok(()));
    }

    #[test]
    fn file_names_are_cleaned() {
        assert_eq!(clean_name("C:\\Users\\siti\\jalan rusak.jpg", "x"), "jalan rusak.jpg");
        assert_eq!(clean_name("../../etc/passwd", "x"), "passwd");
        assert_eq!(clean_name(".htaccess", "x"), "x");
        assert_eq!(clean_name("<script>.pdf", "x"), "script.pdf");
        assert_eq!(clean_name("", "lampiran.pdf"), "lampiran.pdf");
    }
}
