//! Uploaded images (the newsroom's media, reports' attachments): decoded with limits, then
//! re-encoded, so nothing of the original file survives — no EXIF, no GPS position, no
//! hidden payload. Produces the widths pages use with `srcset` and a 1200×630 share image.
//! CPU-bound: call it from `spawn_blocking`.

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, ImageReader, Limits, imageops::FilterType};

/// Widths of the resized copies (`srcset`), for 360 px phones up to desktops.
pub const WIDTHS: [u32; 3] = [360, 720, 1280];
/// The `og:image` size most platforms expect.
pub const SHARE_SIZE: (u32, u32) = (1200, 630);
/// The share image must stay under this many bytes (WhatsApp previews).
pub const SHARE_MAX_BYTES: usize = 300 * 1024;

/// What an upload may be.
#[derive(Debug, Clone, Copy)]
pub struct ImageLimits {
    pub max_bytes: usize,
    /// Width × height; anything larger is refused before it is decoded (decompression bombs).
    pub max_pixels: u64,
}

impl Default for ImageLimits {
    /// 32 megapixels takes every phone's default photo (12–24 MP) with room to spare.
    fn default() -> Self {
        ImageLimits { max_bytes: 10 * 1024 * 1024, max_pixels: 32_000_000 }
    }
}

/// The longest side accepted: a 40,000 × 1,000 strip is under the pixel limit but no photo.
pub const MAX_SIDE: u32 = 10_000;

/// Decodes at once across the whole process: a decoded photo takes up to 7 bytes a pixel
/// (about 220 MB at the pixel limit), so a burst of large uploads waits its turn instead of
/// taking the server's memory; every other request is served meanwhile.
const DECODES_AT_ONCE: usize = 1;

/// A counting gate for blocking threads (decoding runs in `spawn_blocking`).
struct Gate {
    busy: std::sync::Mutex<usize>,
    freed: std::sync::Condvar,
}

static GATE: Gate = Gate { busy: std::sync::Mutex::new(0), freed: std::sync::Condvar::new() };

/// Holds one decoding turn until dropped (images here, PDFs in `infra::uploads`).
pub struct Turn;

impl Turn {
    /// Waits for a turn. Blocking: call from a blocking thread.
    pub fn take() -> Turn {
        let mut busy = GATE.busy.lock().unwrap_or_else(|e| e.into_inner());
        while *busy >= DECODES_AT_ONCE {
            busy = GATE.freed.wait(busy).unwrap_or_else(|e| e.into_inner());
        }
        *busy += 1;
        Turn
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        let mut busy = GATE.busy.lock().unwrap_or_else(|e| e.into_inner());
        *busy -= 1;
        GATE.freed.notify_one();
    }
}

/// Why an upload was refused; each is an i18n key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ImageError {
    #[error("err-image-too-large")]
    TooLarge,
    #[error("err-image-not-image")]
    NotAnImage,
    #[error("err-image-too-many-pixels")]
    TooManyPixels,
}

impl ImageError {
    pub fn key(self) -> &'static str {
        match self {
            ImageError::TooLarge => "err-image-too-large",
            ImageError::NotAnImage => "err-image-not-image",
            ImageError::TooManyPixels => "err-image-too-many-pixels",
        }
    }
}

/// One re-encoded copy (JPEG).
#[derive(Debug, Clone)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub jpeg: Vec<u8>,
}

/// The result of processing one upload.
#[derive(Debug, Clone)]
pub struct Processed {
    pub width: u32,
    pub height: u32,
    /// One copy per width in [`WIDTHS`] narrower than the original, plus the original width
    /// when it is below the largest (so at least one).
    pub variants: Vec<Variant>,
    /// 1200×630, cropped to fill, at most [`SHARE_MAX_BYTES`].
    pub share: Variant,
}

/// Checks and decodes an uploaded JPEG, PNG or WebP (dimensions checked before decoding).
fn decode(data: &[u8], limits: ImageLimits) -> Result<DynamicImage, ImageError> {
    if data.len() > limits.max_bytes {
        return Err(ImageError::TooLarge);
    }
    let format = image::guess_format(data).map_err(|_| ImageError::NotAnImage)?;
    if !matches!(format, ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) {
        return Err(ImageError::NotAnImage);
    }
    let reader = ImageReader::with_format(Cursor::new(data), format);
    let (w, h) = reader.into_dimensions().map_err(|_| ImageError::NotAnImage)?;
    if u64::from(w) * u64::from(h) > limits.max_pixels || w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE {
        return Err(ImageError::TooManyPixels);
    }
    let mut reader = ImageReader::with_format(Cursor::new(data), format);
    let mut decode_limits = Limits::default();
    decode_limits.max_image_width = Some(w);
    decode_limits.max_image_height = Some(h);
    // RGBA at the declared size, and no more: a file that lies about its size fails here.
    decode_limits.max_alloc = Some(u64::from(w) * u64::from(h) * 4 + 1024 * 1024);
    reader.limits(decode_limits);
    reader.decode().map_err(|_| ImageError::NotAnImage)
}

/// Checks, decodes and re-encodes an uploaded JPEG, PNG or WebP (one at a time in the whole
/// process, see [`DECODES_AT_ONCE`]).
pub fn process(data: &[u8], limits: ImageLimits) -> Result<Processed, ImageError> {
    let _turn = Turn::take();
    let img = decode(data, limits)?;
    let (w, h) = (img.width(), img.height());
    // `into_rgb8` reuses the decoded buffer when it already is RGB (a JPEG): no second copy.
    let img = DynamicImage::ImageRgb8(img.into_rgb8());

    // Each width smaller than the original, then the original itself if it is narrower than
    // the largest width: never enlarged.
    let mut variants: Vec<Variant> = WIDTHS
        .iter()
        .filter(|t| **t < w)
        .map(|t| encode(&img.resize(*t, u32::MAX, FilterType::Triangle), 80))
        .collect();
    if w <= WIDTHS[WIDTHS.len() - 1] {
        variants.push(encode(&img, 80));
    }
    let filled = img.resize_to_fill(SHARE_SIZE.0, SHARE_SIZE.1, FilterType::Triangle);
    let mut share = encode(&filled, 82);
    let mut quality = 82;
    while share.jpeg.len() > SHARE_MAX_BYTES && quality > 30 {
        quality -= 12;
        share = encode(&filled, quality);
    }
    Ok(Processed { width: w, height: h, variants, share })
}

/// A site logo, re-encoded as PNG (transparency kept, metadata dropped): for the header (at
/// most [`LOGO_HEIGHT`] high) and as the favicon ([`ICON_SIZE`] square, padded).
#[derive(Debug, Clone)]
pub struct Logo {
    pub png: Vec<u8>,
    pub icon: Vec<u8>,
}

pub const LOGO_HEIGHT: u32 = 128;
pub const LOGO_WIDTH: u32 = 512;
pub const ICON_SIZE: u32 = 64;

pub fn logo(data: &[u8], limits: ImageLimits) -> Result<Logo, ImageError> {
    let _turn = Turn::take();
    let img = DynamicImage::ImageRgba8(decode(data, limits)?.into_rgba8());
    let header =
        if img.height() > LOGO_HEIGHT { img.resize(u32::MAX, LOGO_HEIGHT, FilterType::Triangle) } else { img.clone() };
    let fitted = img.resize(ICON_SIZE, ICON_SIZE, FilterType::Triangle);
    let mut square = image::RgbaImage::new(ICON_SIZE, ICON_SIZE);
    let (x, y) = ((ICON_SIZE - fitted.width()) / 2, (ICON_SIZE - fitted.height()) / 2);
    image::imageops::overlay(&mut square, &fitted, i64::from(x), i64::from(y));
    Ok(Logo { png: png(&header), icon: png(&DynamicImage::ImageRgba8(square)) })
}

/// The favicon when no logo is set: a blue tile with two white speech bubbles (a two-way
/// channel), drawn here so the binary needs no image file.
pub fn default_icon() -> Vec<u8> {
    let n = ICON_SIZE as i32;
    let blue = image::Rgba([11, 92, 173, 255]);
    let white = image::Rgba([255, 255, 255, 255]);
    let img = image::RgbaImage::from_fn(ICON_SIZE, ICON_SIZE, |x, y| {
        let (x, y) = (x as i32, y as i32);
        // Rounded corners (radius 12).
        let r = 12;
        let cx = x.clamp(r, n - 1 - r);
        let cy = y.clamp(r, n - 1 - r);
        if (x - cx).pow(2) + (y - cy).pow(2) > r * r {
            return image::Rgba([0, 0, 0, 0]);
        }
        let bubble = |x0: i32, y0: i32, x1: i32, y1: i32| x >= x0 && x <= x1 && y >= y0 && y <= y1;
        let tail_left = (14..=22).contains(&x) && y >= 30 && y <= 30 + (22 - x);
        let tail_right = (42..=50).contains(&x) && y >= 48 && y <= 48 + (x - 42);
        if bubble(10, 12, 40, 30) || tail_left || bubble(24, 34, 54, 48) || tail_right { white } else { blue }
    });
    png(&DynamicImage::ImageRgba8(img))
}

fn png(img: &DynamicImage) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    // Encoding an in-memory image into a Vec cannot fail.
    img.write_to(&mut out, ImageFormat::Png).expect("PNG encoding into memory");
    out.into_inner()
}

fn encode(img: &DynamicImage, quality: u8) -> Variant {
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality);
    // Encoding an in-memory RGB image into a Vec cannot fail.
    img.write_with_encoder(encoder).expect("JPEG encoding into memory");
    Variant { width: img.width(), height: img.height(), jpeg: out }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A photo-like test image (gradients and noise, so JPEG sizes are realistic).
    fn photo(w: u32, h: u32) -> DynamicImage {
        let mut seed = 7u32;
        DynamicImage::ImageRgb8(image::RgbImage::from_fn(w, h, |x, y| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let n = (seed >> 24) as u8 / 4;
            image::Rgb([(x * 255 / w) as u8 ^ n, (y * 255 / h) as u8, ((x + y) % 256) as u8 ^ n])
        }))
    }

    fn jpeg_with_gps(w: u32, h: u32) -> Vec<u8> {
        let plain = encode(&photo(w, h), 90).jpeg;
        // APP1 "Exif" segment with a TIFF header and one IFD entry: GPSInfo (0x8825).
        let mut exif =
            b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x88\x25\0\x04\0\0\0\x01\0\0\0\x1a\0\0\0\0GPS-LAT-6.0173".to_vec();
        exif.extend_from_slice(b"-CILEGON-POSITION");
        let len = (exif.len() + 2) as u16;
        let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(&exif);
        out.extend_from_slice(&plain[2..]);
        out
    }

    fn contains(hay: &[u8], needle: &[u8]) -> bool {
        hay.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn refusals_are_translated() {
        for e in [ImageError::TooLarge, ImageError::NotAnImage, ImageError::TooManyPixels] {
            assert_ne!(crate::infra::i18n::Lang::Id.t(e.key()), e.key());
            assert_ne!(crate::infra::i18n::Lang::En.t(e.key()), e.key());
        }
    }

    #[test]
    fn gps_exif_does_not_survive() {
        let input = jpeg_with_gps(1600, 1000);
        assert!(contains(&input, b"Exif") && contains(&input, b"CILEGON-POSITION"));
        let out = process(&input, ImageLimits::default()).unwrap();
        for v in out.variants.iter().chain([&out.share]) {
            assert!(!contains(&v.jpeg, b"Exif") && !contains(&v.jpeg, b"CILEGON-POSITION"));
        }
    }

    #[test]
    fn widths_for_srcset_and_a_small_share_image() {
        let out = process(&encode(&photo(1600, 1000), 92).jpeg, ImageLimits::default()).unwrap();
        assert_eq!(out.variants.iter().map(|v| v.width).collect::<Vec<_>>(), vec![360, 720, 1280]);
        assert_eq!(out.variants[0].height, 225);
        assert_eq!((out.share.width, out.share.height), SHARE_SIZE);
        assert!(out.share.jpeg.len() <= SHARE_MAX_BYTES, "{}", out.share.jpeg.len());
        let small = process(&encode(&photo(500, 300), 92).jpeg, ImageLimits::default()).unwrap();
        assert_eq!(
            small.variants.iter().map(|v| v.width).collect::<Vec<_>>(),
            vec![360, 500],
            "never enlarged beyond the original"
        );
    }

    #[test]
    fn png_and_webp_are_accepted() {
        let mut png = Vec::new();
        photo(400, 300).write_to(&mut Cursor::new(&mut png), ImageFormat::Png).unwrap();
        assert!(process(&png, ImageLimits::default()).is_ok());
        let mut webp = Vec::new();
        photo(400, 300).write_to(&mut Cursor::new(&mut webp), ImageFormat::WebP).unwrap();
        assert!(process(&webp, ImageLimits::default()).is_ok());
    }

    #[test]
    fn files_that_are_not_images_are_refused() {
        assert_eq!(process(b"%PDF-1.7 not an image", ImageLimits::default()).unwrap_err(), ImageError::NotAnImage);
        assert_eq!(process(b"<svg onload=alert(1)>", ImageLimits::default()).unwrap_err(), ImageError::NotAnImage);
        let mut gif = b"GIF89a".to_vec();
        gif.extend_from_slice(&[1, 0, 1, 0, 0, 0, 0]);
        assert_eq!(process(&gif, ImageLimits::default()).unwrap_err(), ImageError::NotAnImage);
        let mut truncated = encode(&photo(300, 200), 90).jpeg;
        truncated.truncate(200);
        assert_eq!(process(&truncated, ImageLimits::default()).unwrap_err(), ImageError::NotAnImage);
    }

    #[test]
    fn decompression_bombs_and_oversized_files_are_refused_before_decoding() {
        // A well-formed PNG header claiming 60,000 × 60,000 pixels, with almost no data.
        fn chunk(kind: &[u8], data: &[u8]) -> Vec<u8> {
            let mut c = (data.len() as u32).to_be_bytes().to_vec();
            c.extend_from_slice(kind);
            c.extend_from_slice(data);
            let mut crc = 0xFFFF_FFFFu32;
            for b in kind.iter().chain(data) {
                crc ^= u32::from(*b);
                for _ in 0..8 {
                    crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
                }
            }
            c.extend_from_slice(&(!crc).to_be_bytes());
            c
        }
        let png = |w: u32, h: u32| {
            let mut ihdr = w.to_be_bytes().to_vec();
            ihdr.extend_from_slice(&h.to_be_bytes());
            ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
            let mut bomb = b"\x89PNG\r\n\x1a\n".to_vec();
            bomb.extend(chunk(b"IHDR", &ihdr));
            bomb.extend(chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
            bomb.extend(chunk(b"IEND", &[]));
            bomb
        };
        assert_eq!(process(&png(60_000, 60_000), ImageLimits::default()).unwrap_err(), ImageError::TooManyPixels);
        // Under the pixel count but no photo: a 40,000 × 1,000 strip.
        assert_eq!(process(&png(40_000, 1_000), ImageLimits::default()).unwrap_err(), ImageError::TooManyPixels);
        // Just over the default (33 MP).
        assert_eq!(process(&png(6_600, 5_000), ImageLimits::default()).unwrap_err(), ImageError::TooManyPixels);
        assert_eq!(logo(&png(40_000, 1_000), ImageLimits::default()).unwrap_err(), ImageError::TooManyPixels);
        let small_limit = ImageLimits { max_bytes: 1000, ..ImageLimits::default() };
        assert_eq!(process(&encode(&photo(300, 200), 90).jpeg, small_limit).unwrap_err(), ImageError::TooLarge);
    }

    #[test]
    fn decoding_takes_turns_across_threads() {
        let jpeg = encode(&photo(1600, 1200), 90).jpeg;
        let running = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let most = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let (jpeg, running, most) = (jpeg.clone(), running.clone(), most.clone());
                std::thread::spawn(move || {
                    let _turn = super::Turn::take();
                    let now = running.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
                    most.fetch_max(now, std::sync::atomic::Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    running.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                    drop(_turn);
                    process(&jpeg, ImageLimits::default()).unwrap();
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(most.load(std::sync::atomic::Ordering::SeqCst), super::DECODES_AT_ONCE);
    }
}
