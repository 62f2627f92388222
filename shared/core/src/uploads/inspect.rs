//! What an uploaded file really is (API.md §11): decided from its bytes,
//! never from its name or the type the client declared. Pure: bytes in, a
//! verdict out; [`super::process`] does the reading and writing.
//!
//! - the type comes from the magic number (`infer`), and must be the type
//!   the upload was declared with and one its purpose allows;
//! - the size is the real one, within the declared size and the purpose's
//!   limit; zero bytes is no file;
//! - images are decoded in full, with limits (≤ 40 megapixels, bounded
//!   allocation), so a truncated image or a decompression bomb is a
//!   rejection, not a crash; their dimensions and a 256 px PNG thumbnail
//!   come with the verdict;
//! - PDFs must parse and have a page; JSON imports must be a JSON array;
//! - nothing may follow the format's own end marker (PNG `IEND`, JPEG
//!   `EOI`, PDF `%%EOF`): that is where polyglots hide a second file.

use std::io::Cursor;

use image::{ImageFormat, ImageReader, Limits};
use sha2::{Digest, Sha256};

use super::UploadPurpose;

/// Largest image decoded: 40 megapixels.
pub const MAX_PIXELS: u64 = 40_000_000;
/// Longest side of a thumbnail.
pub const THUMBNAIL_SIDE: u32 = 256;
/// The decoder's allocation bound: 40 megapixels of RGBA8 and some slack
/// for the decoder's own buffers. The attachments function's memory is
/// sized for it (infra/template.yaml).
const MAX_DECODE_ALLOC: u64 = MAX_PIXELS * 4 + (16 << 20);

/// A file that passed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inspected {
    /// The type its bytes are.
    pub content_type: String,
    pub bytes: u64,
    /// Lower-case hex SHA-256 of the bytes.
    pub sha256: String,
    pub image: Option<ImageInfo>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageInfo {
    pub width: u32,
    pub height: u32,
    /// A PNG at most [`THUMBNAIL_SIDE`] px on its longer side.
    pub thumbnail_png: Vec<u8>,
}

/// Why a file was refused, in words a person understands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection(pub String);

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn reject<T>(reason: impl Into<String>) -> Result<T, Rejection> {
    Err(Rejection(reason.into()))
}

/// The verdict on `bytes`, uploaded for `purpose` as `declared_type` of
/// `declared_size` bytes.
pub fn inspect(
    purpose: UploadPurpose,
    declared_type: &str,
    declared_size: u64,
    bytes: &[u8],
) -> Result<Inspected, Rejection> {
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size == 0 {
        return reject("The file is empty.");
    }
    if size > declared_size {
        return reject(format!(
            "The file is {size} bytes, more than the {declared_size} bytes declared for it."
        ));
    }
    if size > purpose.max_bytes() {
        return reject(format!(
            "The file is {size} bytes; a {} file may be at most {} bytes.",
            purpose.as_str(),
            purpose.max_bytes()
        ));
    }
    let actual = sniff(bytes);
    if actual.as_deref() != Some(declared_type) {
        return reject(match actual {
            Some(actual) => format!(
                "The file's contents are {} ({actual}), not the {declared_type} it was declared as.",
                describe(&actual)
            ),
            None => format!(
                "The file's contents are not a {declared_type} file (its type could not be recognised)."
            ),
        });
    }
    if !purpose.allows(declared_type) {
        return reject(format!(
            "A {} file may not be {declared_type}.",
            purpose.as_str()
        ));
    }
    let image = match declared_type {
        "image/png" | "image/jpeg" | "image/webp" => Some(image_info(declared_type, bytes)?),
        "application/pdf" => {
            check_pdf(bytes)?;
            None
        }
        "application/json" => {
            check_json_array(bytes)?;
            None
        }
        _ => None,
    };
    Ok(Inspected {
        content_type: declared_type.to_string(),
        bytes: size,
        sha256: hex::encode(Sha256::digest(bytes)),
        image,
    })
}

/// The type the bytes are, by magic number. JSON has none: it is taken to
/// be JSON when it starts (after white space) with `[` or `{`, and
/// [`check_json_array`] decides.
fn sniff(bytes: &[u8]) -> Option<String> {
    if let Some(kind) = infer::get(bytes) {
        return Some(kind.mime_type().to_string());
    }
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace())?;
    matches!(first, b'[' | b'{').then(|| "application/json".to_string())
}

/// A short name for a detected type, for the rejection reason.
fn describe(mime: &str) -> &'static str {
    match mime {
        "application/x-executable"
        | "application/vnd.microsoft.portable-executable"
        | "application/x-mach-binary"
        | "application/x-elf" => "a program",
        "application/zip"
        | "application/x-rar-compressed"
        | "application/x-7z-compressed"
        | "application/gzip"
        | "application/x-tar" => "an archive",
        m if m.starts_with("image/") => "an image",
        m if m.starts_with("video/") => "a video",
        m if m.starts_with("audio/") => "audio",
        "application/pdf" => "a PDF document",
        _ => "another kind of file",
    }
}

fn image_info(content_type: &str, bytes: &[u8]) -> Result<ImageInfo, Rejection> {
    let format = match content_type {
        "image/png" => ImageFormat::Png,
        "image/jpeg" => ImageFormat::Jpeg,
        _ => ImageFormat::WebP,
    };
    check_end_marker(format, bytes)?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    // The header alone first: a bomb is refused before anything is
    // allocated for its pixels.
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits.clone());
    let (width, height) = reader
        .into_dimensions()
        .or_else(|e| reject(format!("The image cannot be read: {e}.")))?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return reject(format!(
            "The image is {width} × {height} pixels; at most {} megapixels are accepted.",
            MAX_PIXELS / 1_000_000
        ));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    let decoded = reader.decode().or_else(|e| {
        reject(format!(
            "The image is damaged or incomplete and cannot be read ({e})."
        ))
    })?;
    let thumbnail = decoded.thumbnail(THUMBNAIL_SIDE, THUMBNAIL_SIDE);
    let mut png = Vec::new();
    thumbnail
        .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
        .or_else(|e| reject(format!("No thumbnail could be made of the image ({e}).")))?;
    Ok(ImageInfo {
        width,
        height,
        thumbnail_png: png,
    })
}

/// Nothing after the format's end: the last PNG chunk is `IEND`, a JPEG
/// ends with `EOI`. (A WebP states its own length in its RIFF header.)
fn check_end_marker(format: ImageFormat, bytes: &[u8]) -> Result<(), Rejection> {
    let ends_right = match format {
        // IEND: length 0, type, CRC.
        ImageFormat::Png => {
            bytes.ends_with(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82])
        }
        ImageFormat::Jpeg => bytes.ends_with(&[0xFF, 0xD9]),
        _ => riff_length(bytes) == Some(bytes.len()),
    };
    if ends_right {
        Ok(())
    } else {
        reject(
            "The image is incomplete or has other data after its end (a file hidden inside an image is refused).",
        )
    }
}

/// The file length a RIFF header states (8 + its size field).
fn riff_length(bytes: &[u8]) -> Option<usize> {
    let size: [u8; 4] = bytes.get(4..8)?.try_into().ok()?;
    usize::try_from(u32::from_le_bytes(size))
        .ok()?
        .checked_add(8)
}

fn check_pdf(bytes: &[u8]) -> Result<(), Rejection> {
    let tail_start = bytes.len().saturating_sub(1024);
    let tail = &bytes[tail_start..];
    let trimmed = tail
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(&tail[..0], |end| &tail[..=end]);
    if !trimmed.ends_with(b"%%EOF") {
        return reject(
            "The PDF is incomplete or has other data after its end (a file hidden inside a PDF is refused).",
        );
    }
    let document = lopdf::Document::load_mem(bytes)
        .or_else(|e| reject(format!("The PDF is damaged and cannot be read ({e}).")))?;
    if document.get_pages().is_empty() {
        return reject("The PDF has no pages.");
    }
    Ok(())
}

/// An import is one JSON array (of rows). Checked without building it:
/// `IgnoredAny` reads every value and keeps none.
fn check_json_array(bytes: &[u8]) -> Result<(), Rejection> {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first != Some(&b'[') {
        return reject("An import must be a JSON array of rows.");
    }
    serde_json::from_slice::<serde::de::IgnoredAny>(bytes)
        .map(|_| ())
        .or_else(|e| reject(format!("The import is not valid JSON ({e}).")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageBuffer, Rgb};

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = ImageBuffer::from_fn(width, height, |x, y| Rgb([x as u8, y as u8, 128]));
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let img = ImageBuffer::from_fn(width, height, |x, y| Rgb([x as u8, y as u8, 64]));
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), ImageFormat::Jpeg)
            .unwrap();
        out
    }

    fn check(
        purpose: UploadPurpose,
        content_type: &str,
        bytes: &[u8],
    ) -> Result<Inspected, Rejection> {
        inspect(purpose, content_type, bytes.len() as u64, bytes)
    }

    #[test]
    fn a_good_png_is_measured_hashed_and_thumbnailed() {
        let bytes = png(1024, 512);
        let ok = check(UploadPurpose::Avatar, "image/png", &bytes).unwrap();
        assert_eq!(ok.bytes, bytes.len() as u64);
        assert_eq!(ok.sha256, hex::encode(Sha256::digest(&bytes)));
        let image = ok.image.unwrap();
        assert_eq!((image.width, image.height), (1024, 512));
        let thumb = image::load_from_memory(&image.thumbnail_png).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (256, 128));
    }

    #[test]
    fn a_good_jpeg_passes() {
        let bytes = jpeg(300, 200);
        let ok = check(UploadPurpose::Expense, "image/jpeg", &bytes).unwrap();
        assert_eq!(ok.image.unwrap().width, 300);
    }

    #[test]
    fn a_program_named_png_is_refused() {
        let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
        elf.extend([0u8; 64]);
        let no = check(UploadPurpose::Avatar, "image/png", &elf).unwrap_err();
        assert!(no.0.contains("a program"), "{no}");
    }

    #[test]
    fn empty_truncated_oversized_and_polyglot_files_are_refused() {
        assert_eq!(
            check(UploadPurpose::Avatar, "image/png", b"")
                .unwrap_err()
                .0,
            "The file is empty."
        );
        let bytes = png(64, 64);
        let truncated = &bytes[..bytes.len() / 2];
        assert!(check(UploadPurpose::Avatar, "image/png", truncated).is_err());
        let no = inspect(UploadPurpose::Avatar, "image/png", 10, &bytes).unwrap_err();
        assert!(no.0.contains("more than the 10 bytes declared"), "{no}");
        let mut polyglot = bytes.clone();
        polyglot.extend(b"PK\x03\x04 a zip archive after the image");
        let no = check(UploadPurpose::Avatar, "image/png", &polyglot).unwrap_err();
        assert!(no.0.contains("after its end"), "{no}");
        // A PNG declared as a JPEG.
        assert!(check(UploadPurpose::Avatar, "image/jpeg", &bytes).is_err());
        // A PDF is no avatar.
        assert!(check(UploadPurpose::Avatar, "application/pdf", &pdf()).is_err());
    }

    /// A PNG header claiming 100,000 × 100,000 pixels: refused from the
    /// header, nothing allocated for the pixels.
    #[test]
    fn a_decompression_bomb_is_refused_before_decoding() {
        let mut bytes = png(1, 1);
        // IHDR's width and height are bytes 16..24; fix its CRC after.
        bytes[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        bytes[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        let crc = crc32(&bytes[12..29]);
        bytes[29..33].copy_from_slice(&crc.to_be_bytes());
        let no = check(UploadPurpose::Attachment, "image/png", &bytes).unwrap_err();
        assert!(no.0.contains("megapixels"), "{no}");
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for byte in data {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    fn pdf() -> Vec<u8> {
        include_bytes!("../../tests/kit/minimal.pdf").to_vec()
    }

    #[test]
    fn pdfs_must_parse_and_end_where_they_say() {
        let bytes = pdf();
        assert!(check(UploadPurpose::Attachment, "application/pdf", &bytes).is_ok());
        let broken = [&bytes[..40], b"%%EOF".as_slice()].concat();
        assert!(check(UploadPurpose::Attachment, "application/pdf", &broken).is_err());
        let mut appended = bytes.clone();
        appended.extend(b"\n<html>hidden</html>");
        assert!(check(UploadPurpose::Attachment, "application/pdf", &appended).is_err());
    }

    #[test]
    fn imports_must_be_a_json_array() {
        assert!(
            check(
                UploadPurpose::Import,
                "application/json",
                br#"[{"customerno":"1"}]"#
            )
            .is_ok()
        );
        assert!(check(UploadPurpose::Import, "application/json", br#"{"rows":[]}"#).is_err());
        assert!(check(UploadPurpose::Import, "application/json", b"[1, 2").is_err());
    }
}
