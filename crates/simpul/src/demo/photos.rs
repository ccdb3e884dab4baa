//! Sample "photos" for the demo's news: small generated street scenes (sky, hills, houses, a
//! road), each with its own colours and layout, so lists and shares look like a living city
//! without shipping pictures of real people.

use image::{DynamicImage, Rgb, RgbImage};

/// A JPEG of `w`×`h` drawn from `seed`.
pub fn scene(seed: u32, w: u32, h: u32) -> Vec<u8> {
    let mut rng = seed.wrapping_mul(2_654_435_761).max(1);
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 17;
        rng ^= rng << 5;
        rng
    };
    let hue = |n: u32| -> [u8; 3] {
        const PALETTE: [[u8; 3]; 8] = [
            [214, 96, 77],
            [242, 183, 5],
            [38, 139, 210],
            [42, 157, 143],
            [231, 111, 81],
            [131, 56, 236],
            [244, 162, 97],
            [69, 123, 157],
        ];
        PALETTE[(n % 8) as usize]
    };
    let horizon = h * (45 + next() % 15) / 100;
    let sky_top = [70 + (next() % 60) as u8, 140 + (next() % 60) as u8, 220];
    let ground = [60 + (next() % 40) as u8, 130 + (next() % 50) as u8, 60];
    let mut img = RgbImage::from_fn(w, h, |_, y| {
        if y < horizon {
            let t = y as f32 / horizon as f32;
            Rgb([
                (sky_top[0] as f32 + (235.0 - sky_top[0] as f32) * t) as u8,
                (sky_top[1] as f32 + (240.0 - sky_top[1] as f32) * t) as u8,
                245,
            ])
        } else {
            Rgb(ground)
        }
    });
    // The sun.
    let (sx, sy, sr) = (w / 8 + next() % (w * 3 / 4), horizon / 4 + next() % (horizon / 3).max(1), h / 14 + 4);
    let sun_box = (sx.saturating_sub(sr), sy.saturating_sub(sr), sx + sr + 1, sy + sr + 1);
    fill(
        &mut img,
        sun_box,
        |x, y| (x as i64 - sx as i64).pow(2) + (y as i64 - sy as i64).pow(2) < (sr as i64).pow(2),
        [255, 220, 120],
    );
    // A road to the horizon.
    let mid = w / 2;
    fill(
        &mut img,
        (0, horizon, w, h),
        |x, y| {
            y >= horizon && {
                let spread = (y - horizon) * w / (h - horizon).max(1) / 2;
                x + spread / 3 >= mid && x <= mid + spread / 3 + 6
            }
        },
        [90, 90, 95],
    );
    // Houses along the horizon.
    let mut x = next() % 20;
    while x + 30 < w {
        let bw = 30 + next() % (w / 6).max(1);
        let bh = 20 + next() % (h / 4).max(1);
        let colour = hue(next());
        let (x0, x1, y1) = (x, (x + bw).min(w - 1), horizon + 6);
        let y0 = y1.saturating_sub(bh);
        fill(&mut img, (x0, y0, x1, y1), |_, _| true, colour);
        // Roof.
        let roof = [130, 60 + (next() % 40) as u8, 40];
        let roof_box = (x0, y0.saturating_sub(bw / 4), x1, y0);
        fill(&mut img, roof_box, |px, py| py + (bw / 4).min(px - x0).min(x1 - px) >= y0, roof);
        // Windows.
        let mut wx = x0 + 6;
        while wx + 8 < x1 {
            fill(&mut img, (wx, y0 + 6, wx + 6, y0 + 12), |_, _| true, [250, 245, 220]);
            wx += 14;
        }
        x += bw + 6 + next() % 30;
    }
    let mut out = std::io::Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(img).write_to(&mut out, image::ImageFormat::Jpeg).expect("JPEG into memory");
    out.into_inner()
}

/// Paints the pixels of the box [x0, x1) × [y0, y1) for which `inside` holds.
fn fill(
    img: &mut RgbImage,
    (x0, y0, x1, y1): (u32, u32, u32, u32),
    inside: impl Fn(u32, u32) -> bool,
    colour: [u8; 3],
) {
    let (x1, y1) = (x1.min(img.width()), y1.min(img.height()));
    for y in y0..y1 {
        for x in x0..x1 {
            if inside(x, y) {
                img.put_pixel(x, y, Rgb(colour));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn scenes_are_jpegs_and_differ() {
        let a = super::scene(1, 640, 360);
        let b = super::scene(2, 640, 360);
        assert_eq!(&a[..2], &[0xFF, 0xD8]);
        assert_ne!(a, b);
    }
}
