//! The headers every page answers with (API.md §15).
//!
//! - `Content-Security-Policy`: no script at all (the pages have none), the
//!   stylesheet from this origin only, images from this origin, `data:`
//!   (none today) and `https:` (the company logo's signed URL lives on the
//!   bucket's host), forms posting only here, no framing.
//! - `Referrer-Policy: no-referrer`: a page's URL never leaves with a click.
//! - `X-Frame-Options: DENY` for browsers older than `frame-ancestors`.
//! - `Cache-Control: no-store` unless the handler chose (the stylesheet,
//!   a PDF): a client's documents never sit in a shared cache.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use http::HeaderValue;
use http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_FRAME_OPTIONS};

pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data: https:; \
                       form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

pub async fn headers(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !headers.contains_key(CACHE_CONTROL) {
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
