//! Small HTTP pieces of the quote routes: bodies that may be absent, and
//! the PDF answer.

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Request};
use axum::response::Response;
use http::StatusCode;
use http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, HeaderValue};
use serde::de::DeserializeOwned;
use uome_core::quotes::QuotePdf;
use uome_domain::PdfFileName;
use uome_http::ApiError;
use uome_http::json::{has_json_content_type, parse_json};

/// A JSON body that may be left out (`POST …/send` with no note): an
/// empty body is `T::default()`; anything else is parsed like
/// [`uome_http::Json`] (415 unless JSON, 400 malformed, 422 per field).
#[derive(Debug, Default)]
pub struct OptionalJson<T>(pub T);

impl<T, S> FromRequest<S> for OptionalJson<T>
where
    T: DeserializeOwned + Default,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = has_json_content_type(req.headers());
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            match rejection.status() {
                StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge,
                _ => {
                    ApiError::bad_request("unreadable_body", "The request body could not be read.")
                }
            }
        })?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self(T::default()));
        }
        if !is_json {
            return Err(ApiError::UnsupportedMediaType);
        }
        parse_json(&bytes).map(Self)
    }
}

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
