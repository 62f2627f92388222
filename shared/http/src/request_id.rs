//! Request ids: echoed when the client sent a sane one, else a fresh UUID v7;
//! set on every response and inside every problem body.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use http::HeaderValue;
use http::header::HeaderName;

/// The header carrying the request id both ways.
pub static X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Longest client-sent id we echo; anything longer is replaced.
pub const MAX_REQUEST_ID_LEN: usize = 128;

/// The id of the request in flight, also put in the request extensions so
/// handlers and spans can read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestId(pub String);

tokio::task_local! {
    // Task-local rather than a response extension: problem bodies are built
    // deep inside extractors and handlers, which see no request, and all of
    // them run within the middleware's future.
    static CURRENT: RequestId;
}

/// The id of the request being served by this task, if any.
pub fn current() -> Option<String> {
    CURRENT.try_with(|id| id.0.clone()).ok()
}

/// Runs `fut` with `id` as the current request id (for code outside the
/// stack, such as tests or job handlers that build problems).
pub async fn scope<F: Future>(id: RequestId, fut: F) -> F::Output {
    CURRENT.scope(id, fut).await
}

/// 1 to 128 visible ASCII characters: safe to echo in a header and a log line.
pub fn is_sane(value: &[u8]) -> bool {
    !value.is_empty()
        && value.len() <= MAX_REQUEST_ID_LEN
        && value.iter().all(|b| (0x21..=0x7e).contains(b))
}

/// Middleware: decides the id, exposes it, and stamps it on the response.
pub async fn middleware(mut req: Request, next: Next) -> Response {
    let id = req
        .headers()
        .get(&X_REQUEST_ID)
        .filter(|v| is_sane(v.as_bytes()))
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
    let request_id = RequestId(id);
    req.extensions_mut().insert(request_id.clone());
    let header = HeaderValue::from_str(&request_id.0).ok();
    let mut response = CURRENT.scope(request_id, next.run(req)).await;
    if let Some(header) = header {
        response.headers_mut().insert(X_REQUEST_ID.clone(), header);
    }
    response
}
