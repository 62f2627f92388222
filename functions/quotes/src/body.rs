//! The quote routes' PDF answer.

use axum::body::Body;
use axum::response::Response;
use http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, HeaderValue};
use uome_core::quotes::QuotePdf;
use uome_domain::PdfFileName;

/// `QUO-0001.pdf`; see [`PdfFileName`] for what becomes of characters a
/// header or file system could trip on.
pub fn pdf_file_name(number: &str) -> PdfFileName {
    PdfFileName::for_number(number, "quote")
}

/// `200 application/pdf`, shown inline under the quote's number. Not
/// cached by shared caches: it is one account's document.
pub fn pdf_response(pdf: QuotePdf) -> Response {
    let mut response = Response::new(Body::from(pdf.bytes));
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    let disposition = pdf_file_name(&pdf.number).content_disposition();
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_header_safe() {
        assert_eq!(pdf_file_name("QUO-0001"), "QUO-0001.pdf");
        assert_eq!(pdf_file_name("Q\"1/2 é"), "Q-1-2--.pdf");
        assert_eq!(pdf_file_name(".."), "quote.pdf");
    }
}
