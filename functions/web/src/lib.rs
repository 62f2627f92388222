//! The `web` function (API.md §15): the HTML pages behind the links the
//! product emails — verify an email address, reset a password, and the
//! client portal where a business's client reads and approves quotes,
//! reads invoices and credit notes, gives an address and orders.
//!
//! Server-rendered with compiled templates (maud), plain forms that work
//! without JavaScript, one stylesheet. The pages call the same core use
//! cases as the JSON routes: no rule lives twice. docs/web.md has the
//! pages, the session and the security rules.
//!
//! Layout: `routes/<page>.rs` hold the handlers (as in every function), `layout.rs` the frame of
//! every page, `document.rs` a document's body shared by quotes, invoices
//! and credit notes, `session.rs` and `csrf.rs` the portal's cookie
//! session and form tokens, `security.rs` the response headers,
//! `error.rs` the error pages.

mod csrf;
mod document;
mod error;
mod form;
mod layout;
mod once;
mod routes;
mod security;
mod session;

use axum::Router;
use axum::middleware::from_fn;
use axum::routing::{MethodRouter, get, post};
use http::Method;
use uome_http::AppContext;

use routes::{assets, portal, reset, verify};

/// Every page: method, path (the API's `{param}` syntax) and handler. The
/// router and [`routes`] (what the SAM template's events are checked
/// against) are both made from this one list.
fn pages() -> Vec<(Method, &'static str, MethodRouter<AppContext>)> {
    vec![
        (Method::GET, "/assets/site.css", get(assets::stylesheet)),
        (Method::GET, "/verify-email", get(verify::verify_page)),
        (Method::GET, "/reset-password", get(reset::reset_form)),
        (Method::POST, "/reset-password", post(reset::reset_submit)),
        (Method::GET, "/portal", get(portal::home::home)),
        (
            Method::POST,
            "/portal/sign-out",
            post(portal::home::sign_out),
        ),
        (
            Method::GET,
            "/portal/quotes/{id}",
            get(portal::quotes::quote_page),
        ),
        (
            Method::GET,
            "/portal/quotes/{id}/pdf",
            get(portal::quotes::quote_pdf),
        ),
        (
            Method::POST,
            "/portal/quotes/{id}/approve",
            post(portal::quotes::approve),
        ),
        (
            Method::POST,
            "/portal/quotes/{id}/reject",
            post(portal::quotes::reject),
        ),
        (
            Method::GET,
            "/portal/invoices/{id}",
            get(portal::invoices::invoice_page),
        ),
        (
            Method::GET,
            "/portal/invoices/{id}/pdf",
            get(portal::invoices::invoice_pdf),
        ),
        (
            Method::GET,
            "/portal/credit-notes/{id}",
            get(portal::credit_notes::credit_note_page),
        ),
        (
            Method::GET,
            "/portal/credit-notes/{id}/pdf",
            get(portal::credit_notes::credit_note_pdf),
        ),
        (
            Method::GET,
            "/portal/address",
            get(portal::address::address_form),
        ),
        (
            Method::POST,
            "/portal/address",
            post(portal::address::address_submit),
        ),
        (
            Method::GET,
            "/portal/catalogue",
            get(portal::orders::catalogue),
        ),
        (Method::POST, "/portal/orders", post(portal::orders::place)),
    ]
}

/// The pages with their security headers, ready to merge into a function's
/// (or the local server's) router before `uome_http::stack`.
pub fn router() -> Router<AppContext> {
    pages()
        .into_iter()
        .fold(Router::new(), |router, (_, path, handler)| {
            router.route(path, handler)
        })
        .layer(from_fn(security::headers))
}

/// The pages as `(METHOD, /path/{param})`: what the function's `HttpApi`
/// events must be.
pub fn routes() -> Vec<(String, String)> {
    let mut routes: Vec<(String, String)> = pages()
        .into_iter()
        .map(|(method, path, _)| (method.to_string(), path.to_string()))
        .collect();
    routes.sort();
    routes
}
