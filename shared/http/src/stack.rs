//! The middleware stack every function's router runs inside, in Lambda and
//! in the local server alike.

use std::any::Any;
use std::convert::Infallible;

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::middleware::{Next, from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::Route;
use http::HeaderValue;
use http::header::{CACHE_CONTROL, X_CONTENT_TYPE_OPTIONS};
use tower::layer::util::Identity;
use tower::{Layer, Service, ServiceBuilder};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;
use tracing::Span;
use uome_core::ports::request_calls;

use crate::auth::has_credentials;
use crate::context::AppContext;
use crate::error::ApiError;
use crate::idempotency;
use crate::request_id::{self, RequestId};

/// Request body limit of every route (API.md §1).
pub const BODY_LIMIT: usize = 1 << 20;
/// Body limit of the bulk-upload routes: add
/// `.layer(DefaultBodyLimit::max(BULK_BODY_LIMIT))` to those routes.
pub const BULK_BODY_LIMIT: usize = 5 << 20;

/// Wraps a complete router (all of a function's routes, or all functions'
/// in the local server). Outermost first: request id, tracing span, security
/// headers, panic → 500 problem, 1 MiB body limit, idempotency; unknown routes answer 404
/// `not_found` and wrong methods 405 `method_not_allowed`, as problems.
///
/// Call it last: routes merged in afterwards miss the 405 fallback and the
/// layers.
pub fn stack(router: Router, ctx: &AppContext) -> Router {
    outer(
        with_fallbacks(router),
        from_fn_with_state(ctx.clone(), idempotency::middleware),
    )
}

/// [`stack()`] without idempotency, for a router that has no `POST` route
/// and no table to keep records in (the `system` function).
pub fn base(router: Router) -> Router {
    outer(with_fallbacks(router), Identity::new())
}

fn with_fallbacks(router: Router) -> Router {
    router
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
}

/// The layers, outermost first, given to the router in one `layer` call:
/// axum wraps every route (and the fallbacks) once per call, so a call per
/// layer built each route's service seven times over at every cold start
/// (docs/cold-starts.md, "Fourth round").
fn outer<L>(router: Router, innermost: L) -> Router
where
    L: Layer<Route> + Clone + Send + Sync + 'static,
    L::Service:
        Service<Request, Response = Response, Error = Infallible> + Clone + Send + Sync + 'static,
    <L::Service as Service<Request>>::Future: Send + 'static,
{
    router.layer(
        ServiceBuilder::new()
            .layer(from_fn(request_id::middleware))
            .layer(
                // The span carries request id, route and account id; the
                // one line per request is `access_log`'s, so tower-http's
                // own response and failure lines are off.
                TraceLayer::new_for_http()
                    .make_span_with(make_span)
                    .on_response(())
                    .on_failure(()),
            )
            .layer(from_fn(access_log))
            .layer(from_fn(security_headers))
            .layer(CatchPanicLayer::custom(panic_response as fn(_) -> Response))
            .layer(DefaultBodyLimit::max(BODY_LIMIT))
            .layer(innermost),
    )
}

async fn not_found() -> ApiError {
    ApiError::NotFound
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

/// The span of one request. The query string is left out: it may carry
/// tokens. `account_id` is filled in by authentication.
fn make_span(req: &Request) -> Span {
    let request_id = req
        .extensions()
        .get::<RequestId>()
        .map_or("", |id| id.0.as_str());
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("", MatchedPath::as_str);
    tracing::info_span!(
        "request",
        method = %req.method(),
        path = %req.uri().path(),
        route,
        request_id,
        account_id = tracing::field::Empty,
    )
}

/// The request's one log line, inside its span (request id, route
/// template, account id): status, latency, the table calls it made and
/// the DynamoDB request units they come to.
/// Never a header, a query string or a body: tokens, secrets, passwords
/// and email texts travel there (a black-box test scans a whole run's log
/// for them).
async fn access_log(req: Request, next: Next) -> Response {
    let started = std::time::Instant::now();
    let (response, table) = request_calls::counted(next.run(req)).await;
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    tracing::info!(
        status = response.status().as_u16(),
        latency_ms = (latency_ms * 100.0).round() / 100.0,
        table_calls = table.calls,
        read_units = table.read_units,
        write_units = table.write_units,
        "request"
    );
    response
}

/// `X-Content-Type-Options: nosniff` on every answer, and `Cache-Control:
/// no-store` on every answer to a request that carried credentials unless
/// the handler chose its own (a PDF's `private, no-store`): an account's
/// data must never sit in a shared or browser cache.
async fn security_headers(req: Request, next: Next) -> Response {
    let authenticated = has_credentials(req.headers());
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if authenticated && !headers.contains_key(CACHE_CONTROL) {
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// A panicking handler is a defect: log it, answer a plain 500 problem, and
/// keep serving (the release profile unwinds for this reason).
fn panic_response(err: Box<dyn Any + Send + 'static>) -> Response {
    let message = if let Some(s) = err.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = err.downcast_ref::<String>() {
        s.clone()
    } else {
        "non-string panic payload".to_owned()
    };
    ApiError::internal_msg(format!("handler panicked: {message}")).into_response()
}
