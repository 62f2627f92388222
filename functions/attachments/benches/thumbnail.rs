//! What checking a 12-megapixel JPEG photo costs (a phone's receipt
//! photo): magic number, full decode under the limits, SHA-256, end
//! marker, and the 256 px PNG thumbnail, `uploads::inspect::inspect` as
//! the attachments function runs it. Prints the median and the worst of a
//! few runs. A bench binary, not a timed test.
//!
//! `cargo bench -p uome-attachments --bench thumbnail`

use std::io::Cursor;
use std::time::{Duration, Instant};

use image::{ImageFormat, RgbImage};
use uome_core::uploads::UploadPurpose;
use uome_core::uploads::inspect::inspect;

const WIDTH: u32 = 4_000;
const HEIGHT: u32 = 3_000;
const RUNS: usize = 7;

fn main() {
    // A photo-like image: gradients under per-pixel noise, so the JPEG is
    // as large as a camera's (a few MiB) and the decoder has real work.
    let img = RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        let hash =
            (x.wrapping_mul(0x9E37_79B1) ^ y.wrapping_mul(0x85EB_CA77)).wrapping_mul(0xC2B2_AE3D);
        let noise = |shift: u32| ((hash >> shift) & 0x3f) as u8;
        image::Rgb([
            ((x / 16) % 192) as u8 + noise(0),
            ((y / 12) % 192) as u8 + noise(8),
            ((x + y) / 28 % 192) as u8 + noise(16),
        ])
    });
    let mut jpeg = Vec::new();
    img.write_to(&mut Cursor::new(&mut jpeg), ImageFormat::Jpeg)
        .expect("encode");
    drop(img);
    println!(
        "thumbnail: {WIDTH}x{HEIGHT} JPEG ({:.1} megapixels), {:.1} MiB",
        f64::from(WIDTH * HEIGHT) / 1e6,
        jpeg.len() as f64 / (1 << 20) as f64
    );
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            let inspected = inspect(
                UploadPurpose::Attachment,
                "image/jpeg",
                jpeg.len() as u64,
                &jpeg,
            )
            .expect("a good photo");
            let took = started.elapsed();
            assert!(inspected.image.is_some());
            took
        })
        .collect();
    times.sort();
    println!(
        "thumbnail: median {:.0} ms, worst {:.0} ms over {RUNS} runs",
        times[RUNS / 2].as_secs_f64() * 1e3,
        times[RUNS - 1].as_secs_f64() * 1e3
    );
}
