//! The one stylesheet, compiled into the binary.

use axum::response::IntoResponse;
use http::header::{CACHE_CONTROL, CONTENT_TYPE};

const SITE_CSS: &str = include_str!("../../assets/site.css");

/// `GET /assets/site.css`: cacheable for a day (it changes only with a
/// deployment).
pub async fn stylesheet() -> impl IntoResponse {
    (
        [
            (CONTENT_TYPE, "text/css; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=86400"),
        ],
        SITE_CSS,
    )
}
