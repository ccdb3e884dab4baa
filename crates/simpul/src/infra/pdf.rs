//! A small PDF writer for one-page documents (training certificates): centred lines of text in
//! an embedded TrueType font (Type0 / Identity-H, so any character the font has renders, with a
//! ToUnicode map so the text can be searched and copied), rectangles, and filled squares for a
//! QR code. Streams are deflated.

use std::{collections::BTreeMap, fmt::Write as _};

/// The font embedded in every PDF (DejaVu Sans: Latin with every diacritic, and more).
pub static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// A4 landscape, in points.
pub const A4_LANDSCAPE: (f32, f32) = (842.0, 595.0);

/// One page being drawn.
pub struct Page<'f> {
    face: ttf_parser::Face<'f>,
    width: f32,
    height: f32,
    ops: String,
    /// Glyphs used: glyph id → the text it stands for (for ToUnicode) and its width (1/1000 em).
    used: BTreeMap<u16, (char, u32)>,
}

impl<'f> Page<'f> {
    pub fn new(font: &'f [u8], (width, height): (f32, f32)) -> anyhow::Result<Page<'f>> {
        let face = ttf_parser::Face::parse(font, 0).map_err(|e| anyhow::anyhow!("font: {e}"))?;
        Ok(Page { face, width, height, ops: String::new(), used: BTreeMap::new() })
    }

    pub fn width(&self) -> f32 {
        self.width
    }

    fn per_em(&self) -> f32 {
        f32::from(self.face.units_per_em())
    }

    fn glyph(&self, c: char) -> (u16, u32) {
        let gid = self.face.glyph_index(c).map_or(0, |g| g.0);
        let adv = self.face.glyph_hor_advance(ttf_parser::GlyphId(gid)).unwrap_or(0);
        (gid, (f32::from(adv) * 1000.0 / self.per_em()).round() as u32)
    }

    /// The width of `text` at `size` points.
    pub fn text_width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.glyph(c).1 as f32).sum::<f32>() * size / 1000.0
    }

    /// Sets the fill colour (0–1 each).
    pub fn color(&mut self, r: f32, g: f32, b: f32) {
        let _ = writeln!(self.ops, "{r:.3} {g:.3} {b:.3} rg {r:.3} {g:.3} {b:.3} RG");
    }

    /// Draws `text` at (`x`, `y`) (baseline, from the bottom-left corner).
    pub fn text(&mut self, text: &str, size: f32, x: f32, y: f32) {
        let mut hex = String::with_capacity(text.len() * 4);
        for c in text.chars().filter(|c| !c.is_control()) {
            let (gid, w) = self.glyph(c);
            self.used.entry(gid).or_insert((c, w));
            let _ = write!(hex, "{gid:04X}");
        }
        let _ = writeln!(self.ops, "BT /F1 {size:.1} Tf {x:.2} {y:.2} Td <{hex}> Tj ET");
    }

    /// Draws `text` centred on the page at baseline `y`, shrunk to fit `max_width`.
    pub fn centred(&mut self, text: &str, size: f32, y: f32, max_width: f32) {
        let mut size = size;
        while size > 8.0 && self.text_width(text, size) > max_width {
            size -= 0.5;
        }
        let x = (self.width - self.text_width(text, size)) / 2.0;
        self.text(text, size, x, y);
    }

    /// A rectangle's outline.
    pub fn frame(&mut self, x: f32, y: f32, w: f32, h: f32, line: f32) {
        let _ = writeln!(self.ops, "{line:.2} w {x:.2} {y:.2} {w:.2} {h:.2} re S");
    }

    /// A QR code (`dark[row][col]`, row 0 at the top) as filled squares in a `size` square whose
    /// bottom-left corner is (`x`, `y`).
    pub fn qr(&mut self, dark: &[Vec<bool>], x: f32, y: f32, size: f32) {
        let n = dark.len().max(1) as f32;
        let m = size / n;
        for (r, row) in dark.iter().enumerate() {
            for (c, on) in row.iter().enumerate() {
                if *on {
                    let _ = writeln!(
                        self.ops,
                        "{:.3} {:.3} {m:.3} {m:.3} re",
                        x + c as f32 * m,
                        y + size - (r as f32 + 1.0) * m
                    );
                }
            }
        }
        self.ops.push_str("f\n");
    }

    /// The finished document.
    pub fn finish(self, title: &str) -> Vec<u8> {
        let upm = self.per_em();
        let scale = |v: i16| (f32::from(v) * 1000.0 / upm).round() as i32;
        let bbox = self.face.global_bounding_box();
        let widths: String = self.used.iter().map(|(g, (_, w))| format!("{g} [{w}]")).collect::<Vec<_>>().join(" ");
        let mut objects: Vec<Vec<u8>> = Vec::new();
        let contents = stream("", self.ops.as_bytes());
        let font_file = stream(&format!("/Length1 {}", FONT.len()), FONT);
        let to_unicode = stream("", to_unicode(&self.used).as_bytes());
        objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
        objects.push(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec());
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {:.0} {:.0}] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
                self.width, self.height
            )
            .into_bytes(),
        );
        objects.push(contents);
        objects.push(
            b"<< /Type /Font /Subtype /Type0 /BaseFont /DejaVuSans /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 9 0 R >>"
                .to_vec(),
        );
        objects.push(
            format!(
                "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /DejaVuSans /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /CIDToGIDMap /Identity /DW 600 /W [{widths}] >>"
            )
            .into_bytes(),
        );
        objects.push(
            format!(
                "<< /Type /FontDescriptor /FontName /DejaVuSans /Flags 32 /FontBBox [{} {} {} {}] /ItalicAngle 0 /Ascent {} /Descent {} /CapHeight {} /StemV 80 /FontFile2 8 0 R >>",
                scale(bbox.x_min),
                scale(bbox.y_min),
                scale(bbox.x_max),
                scale(bbox.y_max),
                scale(self.face.ascender()),
                scale(self.face.descender()),
                scale(self.face.capital_height().unwrap_or(self.face.ascender())),
            )
            .into_bytes(),
        );
        objects.push(font_file);
        objects.push(to_unicode);
        objects.push(format!("<< /Title {} /Producer (Simpul) >>", pdf_string(title)).into_bytes());

        let mut out: Vec<u8> = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
        for o in offsets {
            let _ = writeln!(table, "{o:010} 00000 n ");
        }
        out.extend_from_slice(table.as_bytes());
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R /Info {} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1,
                objects.len()
            )
            .as_bytes(),
        );
        out
    }
}

/// A deflated stream object with `extra` dictionary entries.
fn stream(extra: &str, data: &[u8]) -> Vec<u8> {
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(data, 6);
    let mut out = format!("<< /Length {} /Filter /FlateDecode {extra} >>\nstream\n", packed.len()).into_bytes();
    out.extend_from_slice(&packed);
    out.extend_from_slice(b"\nendstream");
    out
}

/// The map from glyph ids back to text.
fn to_unicode(used: &BTreeMap<u16, (char, u32)>) -> String {
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<_> = used.iter().collect();
    for chunk in entries.chunks(100) {
        let _ = writeln!(s, "{} beginbfchar", chunk.len());
        for (gid, (c, _)) in chunk {
            let mut units = [0u16; 2];
            let hex: String = c.encode_utf16(&mut units).iter().map(|u| format!("{u:04X}")).collect();
            let _ = writeln!(s, "<{gid:04X}> <{hex}>");
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s
}

/// A PDF text string in UTF-16 (hex), for any title.
fn pdf_string(s: &str) -> String {
    let hex: String = s.encode_utf16().map(|u| format!("{u:04X}")).collect();
    format!("<FEFF{hex}>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_a_well_formed_pdf_with_the_glyphs_it_uses() {
        let mut p = Page::new(FONT, A4_LANDSCAPE).unwrap();
        p.centred("Ni Luh Putu Ayu Kadék Ma'ruf", 28.0, 400.0, 700.0);
        p.qr(&[vec![true, false], vec![false, true]], 700.0, 50.0, 100.0);
        let pdf = p.finish("Sertifikat");
        assert!(pdf.starts_with(b"%PDF-1.7"));
        assert!(pdf.ends_with(b"%%EOF\n"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("/Subtype /CIDFontType2") && text.contains("/ToUnicode 9 0 R"));
        // The cross-reference table is where the trailer says.
        let start: usize = text.rsplit("startxref\n").next().unwrap().lines().next().unwrap().parse().unwrap();
        assert_eq!(&pdf[start..start + 4], b"xref");
        let u = to_unicode(&BTreeMap::from([(42u16, ('é', 500u32))]));
        assert!(u.contains("<002A> <00E9>"));
    }
}
