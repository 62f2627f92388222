//! The answer of every document's PDF route.

use axum::body::Body;
use axum::response::Response;
use http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, HeaderValue};
use uome_core::documents::DocumentPdf;
use uome_domain::PdfFileName;

/// `QUO-0001.pdf`; see [`PdfFileName`] for what becomes of characters a
/// header or file system could trip on.
pub fn pdf_file_name(pdf: &DocumentPdf) -> PdfFileName {
    PdfFileName::for_number(&pdf.number, pdf.fallback_name)
}

/// `200 application/pdf`, shown inline under the document's number. Not
/// cached by shared caches: it is one account's document.
pub fn pdf_response(pdf: DocumentPdf) -> Response {
    let disposition = pdf_file_name(&pdf).content_disposition();
    let mut response = Response::new(Body::from(pdf.bytes));
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(number: &str, fallback_name: &'static str) -> DocumentPdf {
        DocumentPdf {
            number: number.into(),
            fallback_name,
            bytes: Vec::new(),
        }
    }

    #[test]
    fn file_names_are_header_safe() {
        assert_eq!(pdf_file_name(&named("QUO-0001", "quote")), "QUO-0001.pdf");
        assert_eq!(pdf_file_name(&named("Q\"1/2 é", "quote")), "Q-1-2--.pdf");
        assert_eq!(pdf_file_name(&named("..", "quote")), "quote.pdf");
        assert_eq!(pdf_file_name(&named("", "invoice")), "invoice.pdf");
    }

    #[test]
    fn the_answer_is_an_inline_private_pdf() {
        let response = pdf_response(named("INV-0007", "invoice"));
        let headers = response.headers();
        assert_eq!(headers[CONTENT_TYPE], "application/pdf");
        assert_eq!(headers[CACHE_CONTROL], "private, no-store");
        assert!(
            headers[CONTENT_DISPOSITION]
                .to_str()
                .unwrap()
                .contains("INV-0007.pdf")
        );
    }
}
