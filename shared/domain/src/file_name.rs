//! The file name a document PDF is downloaded or attached under, built
//! from its number (`INV-0001` → `INV-0001.pdf`).
//!
//! Numbers come from the account's own numbering pattern, so they may hold
//! anything: slashes (`2026/07`), quotes, spaces, letters outside ASCII.
//! The name keeps ASCII letters, digits, `-`, `_` and `.`, and turns every
//! other character into `-`, so it is safe as a path on any file system,
//! inside a quoted `Content-Disposition` `filename="…"` and in a mail
//! attachment header. Leading and trailing dots go (no hidden or
//! `..` names); a number with nothing left falls back to a fixed stem
//! (`invoice.pdf`), never an empty name.
//!
//! Letters outside ASCII are not lost for browsers: when the number has
//! any, [`PdfFileName::content_disposition`] adds the RFC 6266 / RFC 8187
//! `filename*=UTF-8''…` form that keeps them, with the ASCII name as the
//! fallback older clients read.

use std::fmt;

/// A safe `*.pdf` file name; see the module docs for the rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PdfFileName {
    /// ASCII only: the `filename` parameter and the attachment name.
    ascii: String,
    /// The same rule but keeping letters and digits outside ASCII; equal
    /// to `ascii` for an ASCII number.
    unicode: String,
}

impl PdfFileName {
    /// The name for a document numbered `number`; `fallback_stem` (e.g.
    /// `"invoice"`) when nothing of the number survives.
    pub fn for_number(number: &str, fallback_stem: &str) -> Self {
        Self::for_file(number, fallback_stem, "pdf")
    }

    /// The same rule for another kind of file: `INV-0001.xml`.
    pub fn for_file(number: &str, fallback_stem: &str, extension: &str) -> Self {
        let ascii = file_name(number, fallback_stem, extension, |c| {
            c.is_ascii_alphanumeric()
        });
        let unicode = file_name(number, fallback_stem, extension, char::is_alphanumeric);
        Self { ascii, unicode }
    }

    /// The ASCII name, e.g. `INV-0001.pdf`.
    pub fn as_str(&self) -> &str {
        &self.ascii
    }

    /// `inline; filename="INV-0001.pdf"`, plus `filename*=UTF-8''…` when
    /// the number has letters the ASCII name had to replace.
    pub fn content_disposition(&self) -> String {
        let mut value = format!("inline; filename=\"{}\"", self.ascii);
        if self.unicode != self.ascii {
            value.push_str("; filename*=UTF-8''");
            value.push_str(&percent_encode(&self.unicode));
        }
        value
    }
}

impl fmt::Display for PdfFileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.ascii)
    }
}

impl PartialEq<str> for PdfFileName {
    fn eq(&self, other: &str) -> bool {
        self.ascii == other
    }
}

impl PartialEq<&str> for PdfFileName {
    fn eq(&self, other: &&str) -> bool {
        self.ascii == *other
    }
}

fn file_name(
    number: &str,
    fallback_stem: &str,
    extension: &str,
    keep: impl Fn(char) -> bool,
) -> String {
    let safe: String = number
        .trim()
        .chars()
        .map(|c| {
            if keep(c) || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let safe = safe.trim_matches('.');
    if safe.is_empty() {
        format!("{fallback_stem}.{extension}")
    } else {
        format!("{safe}.{extension}")
    }
}

/// RFC 8187 value encoding: the name only holds letters, digits, `-`, `_`
/// and `.`, of which everything but ASCII letters and digits and those
/// three marks is written as `%XX` per UTF-8 byte.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(number: &str) -> String {
        PdfFileName::for_number(number, "invoice").to_string()
    }

    #[test]
    fn a_plain_number_is_kept() {
        assert_eq!(name("INV-0001"), "INV-0001.pdf");
        assert_eq!(name("  INV_2026.07  "), "INV_2026.07.pdf");
    }

    #[test]
    fn slashes_quotes_spaces_and_controls_become_dashes() {
        assert_eq!(name("2026/07 \"A\""), "2026-07--A-.pdf");
        assert_eq!(name("A\\B\r\nC;D"), "A-B--C-D.pdf");
    }

    #[test]
    fn letters_outside_ascii_become_dashes_in_the_ascii_name() {
        assert_eq!(name("Q\"1/2 é"), "Q-1-2--.pdf");
    }

    #[test]
    fn nothing_left_is_the_fallback_never_empty() {
        assert_eq!(name(""), "invoice.pdf");
        assert_eq!(name(".."), "invoice.pdf");
        assert_eq!(name("   "), "invoice.pdf");
        assert_eq!(PdfFileName::for_number("..", "quote").as_str(), "quote.pdf");
    }

    #[test]
    fn leading_and_trailing_dots_go() {
        assert_eq!(name("../INV-1."), "-INV-1.pdf");
    }

    #[test]
    fn an_ascii_number_has_only_the_quoted_filename() {
        let disposition = PdfFileName::for_number("INV-0001", "invoice").content_disposition();
        assert_eq!(disposition, "inline; filename=\"INV-0001.pdf\"");
    }

    #[test]
    fn a_non_ascii_number_adds_the_rfc_6266_utf8_form() {
        let disposition = PdfFileName::for_number("FAC-é/1", "invoice").content_disposition();
        assert_eq!(
            disposition,
            "inline; filename=\"FAC---1.pdf\"; filename*=UTF-8''FAC-%C3%A9-1.pdf"
        );
    }

    #[test]
    fn the_header_value_is_visible_ascii_for_any_number() {
        for number in ["INV-1", "Ünïcødé \"x\"", "\u{7}\t/", "日本-1", ""] {
            let value = PdfFileName::for_number(number, "invoice").content_disposition();
            assert!(
                value.bytes().all(|b| (0x20..0x7f).contains(&b)),
                "{value:?}"
            );
            let quoted = value.split('"').nth(1).unwrap();
            assert!(!quoted.contains('\\'), "{value:?}");
        }
    }
}
