//! Checks on uploaded files that are kept as they came (PDF attachments, training materials):
//! the type is what it claims, nothing active is inside, and the name is safe to show.

/// Largest size one object stream may inflate to while a PDF is read (a "zip bomb" guard).
const MAX_STREAM_INFLATED: usize = 8 * 1024 * 1024;
/// More object streams than any document a phone or office scanner writes.
const MAX_OBJECT_STREAMS: usize = 500;

/// Dictionary keys that only active content uses: scripts, additional actions (run on open,
/// on page view, on field change), embedded files, XML forms, rich media.
const ACTIVE_KEYS: &[&[u8]] = &[
    b"JS",
    b"JavaScript",
    b"AA",
    b"EmbeddedFile",
    b"EmbeddedFiles",
    b"XFA",
    b"RichMedia",
    b"RichMediaContent",
    b"RichMediaExecute",
    b"Launch",
    // 3D artwork runs JavaScript when it is shown.
    b"3DD",
    b"3DJS",
    b"OnInstantiate",
];
/// Filters a stream may name (the full names; abbreviations are only for inline images). A
/// stream with any other filter could hide objects the reader cannot see.
const KNOWN_FILTERS: &[&[u8]] = &[
    b"FlateDecode",
    b"LZWDecode",
    b"ASCIIHexDecode",
    b"ASCII85Decode",
    b"RunLengthDecode",
    b"DCTDecode",
    b"JPXDecode",
    b"CCITTFaxDecode",
    b"JBIG2Decode",
];
/// Action types (`/S`) that run code, open other files or send data; links (`/URI`) and
/// jumps inside the document (`/GoTo`) are fine.
const ACTIVE_ACTIONS: &[&[u8]] = &[
    b"JavaScript",
    b"Launch",
    b"SubmitForm",
    b"ImportData",
    b"ResetForm",
    b"RichMediaExecute",
    b"GoToE",
    b"GoToR",
    b"Rendition",
    b"Movie",
    b"Sound",
    b"Hide",
];

/// Why a PDF is refused (i18n keys). The file is read as a PDF (object streams decompressed,
/// within limits) and every object is inspected: a document with scripts, launch, form
/// submission or other active actions, actions run on opening or on events (`/AA`, an
/// `/OpenAction` that is an action rather than a page to show), embedded files, XFA forms or
/// rich media is refused, as is an encrypted one (its objects cannot be inspected). A raw
/// scan of the bytes backs this up for objects the reader had to skip.
pub fn check_pdf(data: &[u8]) -> Result<(), &'static str> {
    if !(data.starts_with(b"%PDF-1.") || data.starts_with(b"%PDF-2.")) {
        return Err("err-file-type");
    }
    let tail = &data[data.len().saturating_sub(2048)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err("err-file-damaged");
    }
    // Names may hide behind `#hh` escapes (`/Obj#53tm`, `/J#61vaScript`).
    let raw = decode_name_escapes(data);
    if raw.windows(7).filter(|w| w == b"/ObjStm").count() > MAX_OBJECT_STREAMS {
        return Err("err-file-damaged");
    }
    // Reading a PDF can take memory like decoding an image: one at a time, with the images.
    let _turn = super::images::Turn::take();
    let options = lopdf::LoadOptions { max_decompressed_size: Some(MAX_STREAM_INFLATED), ..Default::default() };
    let doc = lopdf::Document::load_mem_with_options(data, options).map_err(|_| "err-file-damaged")?;
    if doc.trailer.has(b"Encrypt") || doc.was_encrypted() {
        return Err("err-file-encrypted");
    }
    // Every object the file keeps in object streams must have been read: the lenient reader
    // skips a stream it cannot decode (a filter it does not know), which would hide its objects.
    let loaded: std::collections::HashSet<u32> = doc.objects.keys().map(|(n, _)| *n).collect();
    let unread = doc
        .reference_table
        .entries
        .iter()
        .any(|(id, e)| matches!(e, lopdf::xref::XrefEntry::Compressed { .. }) && !loaded.contains(id));
    let unknown_filter = doc.objects.values().any(|o| match o {
        lopdf::Object::Stream(s) => match s.dict.get(b"Filter") {
            Ok(lopdf::Object::Name(n)) => !KNOWN_FILTERS.contains(&n.as_slice()),
            Ok(lopdf::Object::Array(names)) => {
                names.iter().any(|n| !matches!(n, lopdf::Object::Name(n) if KNOWN_FILTERS.contains(&n.as_slice())))
            }
            Ok(_) => true,
            Err(_) => false,
        },
        _ => false,
    });
    if unread || unknown_filter {
        return Err("err-file-damaged");
    }
    let mut active = doc.objects.values().any(|o| is_active(o, 0));
    active |= is_active(&lopdf::Object::Dictionary(doc.trailer.clone()), 0);
    // The catalogue's /OpenAction: a destination (an array) is a page to show; a dictionary
    // is an action, allowed only as a jump inside the document.
    if let Ok(catalog) = doc.catalog()
        && let Ok(open) = catalog.get(b"OpenAction")
    {
        let open = match open {
            lopdf::Object::Reference(id) => doc.get_object(*id).unwrap_or(open),
            o => o,
        };
        if let lopdf::Object::Dictionary(d) = open {
            active |= !matches!(d.get(b"S"), Ok(lopdf::Object::Name(n)) if n == b"GoTo");
        }
    }
    // A second look at the plain bytes, for the longer names only: a short one such as `/JS`
    // turns up by chance inside compressed images.
    let named = |name: &[u8]| {
        raw.windows(name.len() + 1).any(|w| w.starts_with(name) && !w[name.len()].is_ascii_alphanumeric())
    };
    active |= named(b"/JavaScript") || named(b"/Launch") || named(b"/EmbeddedFile");
    if active { Err("err-file-active-content") } else { Ok(()) }
}

/// Whether an object (a dictionary, a stream's dictionary, or anything nested in them) carries
/// an active-content key or action.
fn is_active(o: &lopdf::Object, depth: usize) -> bool {
    use lopdf::Object;
    if depth > 64 {
        // Nesting no real document has: treated as hostile.
        return true;
    }
    let dict_active = |d: &lopdf::Dictionary| {
        d.iter().any(|(k, v)| {
            ACTIVE_KEYS.contains(&k.as_slice())
                || (k.as_slice() == b"S" && matches!(v, Object::Name(n) if ACTIVE_ACTIONS.contains(&n.as_slice())))
                || (k.as_slice() == b"Type" && matches!(v, Object::Name(n) if n == b"EmbeddedFile"))
                || (k.as_slice() == b"EF")
                || is_active(v, depth + 1)
        })
    };
    match o {
        Object::Dictionary(d) => dict_active(d),
        Object::Stream(s) => dict_active(&s.dict),
        Object::Array(items) => items.iter().any(|i| is_active(i, depth + 1)),
        _ => false,
    }
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

    use lopdf::{Document, Object, Stream, dictionary};

    /// A one-page PDF as a phone's scanner app writes it; `extra` adds to the catalogue, the
    /// page, or new objects, before saving (with object streams when `packed`).
    fn pdf(packed: bool, extra: impl FnOnce(&mut Document, lopdf::ObjectId, lopdf::ObjectId)) -> Vec<u8> {
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let content =
            doc.add_object(Stream::new(dictionary! {}, b"BT /F1 12 Tf 72 720 Td (Jalan rusak) Tj ET".to_vec()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
            }),
        );
        let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog_id);
        extra(&mut doc, catalog_id, page_id);
        let mut out = Vec::new();
        let options = if packed {
            lopdf::SaveOptions::builder().use_object_streams(true).use_xref_streams(true).build()
        } else {
            lopdf::SaveOptions::default()
        };
        doc.save_with_options(&mut out, options).unwrap();
        if packed { deflate_object_streams(&out, "FlateDecode") } else { out }
    }

    /// lopdf writes object streams uncompressed; real writers deflate them, which is what
    /// hides their objects from a byte search. The cross-reference offsets are left stale, as
    /// in many real files: readers repair them.
    fn deflate_object_streams(pdf: &[u8], filter: &str) -> Vec<u8> {
        let marker = b"/Type/ObjStm";
        let Some(at) = pdf.windows(marker.len()).position(|w| w == marker) else { return pdf.to_vec() };
        let dict_start = pdf[..at].windows(2).rposition(|w| w == b"<<").unwrap();
        let head_end = at + pdf[at..].windows(8).position(|w| w == b">>stream").unwrap();
        let head = String::from_utf8_lossy(&pdf[dict_start..head_end]).into_owned();
        let len: usize = head.rsplit("/Length ").next().unwrap().trim().parse().unwrap();
        let body_start = head_end + b">>stream\n".len();
        let body = &pdf[body_start..body_start + len];
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(body, 6);
        let new_head = head.replace(&format!("/Length {len}"), &format!("/Filter/{filter}/Length {}", packed.len()));
        let mut out = pdf[..dict_start].to_vec();
        out.extend_from_slice(new_head.as_bytes());
        out.extend_from_slice(b">>stream\n");
        out.extend_from_slice(&packed);
        out.extend_from_slice(&pdf[body_start + len..]);
        out
    }

    /// Adds something to a document: (document, catalogue, page).
    type Edit = dyn Fn(&mut Document, lopdf::ObjectId, lopdf::ObjectId);

    fn set(doc: &mut Document, id: lopdf::ObjectId, key: &str, value: Object) {
        doc.get_object_mut(id).unwrap().as_dict_mut().unwrap().set(key, value);
    }

    #[test]
    fn plain_documents_pass() {
        assert_eq!(check_pdf(&pdf(false, |_, _, _| {})), Ok(()));
        assert_eq!(check_pdf(&pdf(true, |_, _, _| {})), Ok(()));
        // Opening on a page, a jump inside the document and a web link are not active content.
        let tame = pdf(true, |doc, catalog, page| {
            set(doc, catalog, "OpenAction", Object::Array(vec![page.into(), "Fit".into()]));
            let link = doc.add_object(dictionary! {
                "Type" => "Annot", "Subtype" => "Link", "Rect" => vec![0.into(), 0.into(), 10.into(), 10.into()],
                "A" => dictionary! { "S" => "URI", "URI" => Object::string_literal("https://cilegon.go.id") },
            });
            set(doc, page, "Annots", Object::Array(vec![link.into()]));
        });
        assert_eq!(check_pdf(&tame), Ok(()));
        let goto = pdf(false, |doc, catalog, page| {
            set(
                doc,
                catalog,
                "OpenAction",
                Object::Dictionary(dictionary! { "S" => "GoTo", "D" => vec![page.into(), "Fit".into()] }),
            );
        });
        assert_eq!(check_pdf(&goto), Ok(()));
        assert_eq!(check_pdf(b"%PDF-1.4\n<< /JSONish 1 >>\n%%EOF"), Err("err-file-damaged"), "not a readable PDF");
    }

    #[test]
    fn wrong_type_and_damage_are_refused() {
        assert_eq!(check_pdf(b"GIF89a"), Err("err-file-type"));
        assert_eq!(check_pdf(b"%PDF-1.4\n no end"), Err("err-file-damaged"));
        let mut cut = pdf(false, |_, _, _| {});
        cut.truncate(cut.len() / 3);
        cut.extend_from_slice(b"\n%%EOF\n");
        assert!(check_pdf(&cut).is_err(), "a truncated file");
    }

    #[test]
    fn active_content_is_refused_even_inside_compressed_object_streams() {
        let script = dictionary! { "S" => "JavaScript", "JS" => Object::string_literal("app.alert(1)") };
        let hidden = pdf(true, |doc, catalog, _| set(doc, catalog, "OpenAction", Object::Dictionary(script.clone())));
        assert!(!hidden.windows(11).any(|w| w == b"/JavaScript"), "the script is compressed, not in plain bytes");
        assert_eq!(check_pdf(&hidden), Err("err-file-active-content"));
        let cases: Vec<(&str, Box<Edit>)> = vec![
            (
                "launch",
                Box::new(|d, c, _| {
                    set(
                        d,
                        c,
                        "OpenAction",
                        Object::Dictionary(dictionary! { "S" => "Launch", "F" => Object::string_literal("cmd.exe") }),
                    )
                }),
            ),
            (
                "page open action",
                Box::new(|d, _, p| {
                    set(
                        d,
                        p,
                        "AA",
                        Object::Dictionary(dictionary! { "O" => dictionary! { "S" => "GoTo", "D" => vec![] } }),
                    )
                }),
            ),
            (
                "submit form",
                Box::new(|d, _, p| {
                    let a = d.add_object(dictionary! { "Type" => "Annot", "Subtype" => "Widget", "A" => dictionary! { "S" => "SubmitForm", "F" => Object::string_literal("http://x") } });
                    set(d, p, "Annots", Object::Array(vec![a.into()]));
                }),
            ),
            (
                "embedded file",
                Box::new(|d, c, _| {
                    let f = d.add_object(Stream::new(dictionary! { "Type" => "EmbeddedFile" }, b"MZ".to_vec()));
                    let spec = d.add_object(dictionary! { "Type" => "Filespec", "F" => Object::string_literal("a.exe"), "EF" => dictionary! { "F" => f } });
                    set(
                        d,
                        c,
                        "Names",
                        Object::Dictionary(
                            dictionary! { "EmbeddedFiles" => dictionary! { "Names" => vec![Object::string_literal("a"), spec.into()] } },
                        ),
                    );
                }),
            ),
            (
                "xfa form",
                Box::new(|d, c, _| {
                    set(
                        d,
                        c,
                        "AcroForm",
                        Object::Dictionary(
                            dictionary! { "Fields" => vec![], "XFA" => Object::string_literal("<xdp/>") },
                        ),
                    )
                }),
            ),
            (
                "rich media",
                Box::new(|d, _, p| {
                    let a = d.add_object(dictionary! { "Type" => "Annot", "Subtype" => "RichMedia", "RichMediaContent" => dictionary! {} });
                    set(d, p, "Annots", Object::Array(vec![a.into()]));
                }),
            ),
            (
                "named script",
                Box::new(|d, c, _| {
                    let js = d.add_object(Stream::new(dictionary! {}, b"app.launchURL('http://x')".to_vec()));
                    set(
                        d,
                        c,
                        "Names",
                        Object::Dictionary(
                            dictionary! { "JavaScript" => dictionary! { "Names" => vec![Object::string_literal("a"), dictionary! { "S" => "JavaScript", "JS" => js }.into()] } },
                        ),
                    );
                }),
            ),
        ];
        for (name, add) in cases {
            for packed in [false, true] {
                let file = pdf(packed, |d, c, p| add(d, c, p));
                assert_eq!(check_pdf(&file), Err("err-file-active-content"), "{name} (object streams: {packed})");
            }
        }
        // A filter the reader does not know (viewers accept the abbreviation) would hide the
        // object stream and the script in it: refused.
        let mut doc_bytes = Vec::new();
        {
            let mut doc =
                Document::load_mem(&pdf(false, |d, c, _| set(d, c, "OpenAction", Object::Dictionary(script.clone()))))
                    .unwrap();
            doc.save_with_options(
                &mut doc_bytes,
                lopdf::SaveOptions::builder().use_object_streams(true).use_xref_streams(true).build(),
            )
            .unwrap();
        }
        let abbreviated = deflate_object_streams(&doc_bytes, "Fl");
        assert!(check_pdf(&abbreviated).is_err(), "an object stream behind an unknown filter");
        // Names hidden behind escapes in bytes the reader could not make sense of.
        let escaped = b"%PDF-1.4\n<< /S /J#61vaScript /J#53 (x) >>\n%%EOF";
        assert!(check_pdf(escaped).is_err());
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
