//! Errors as pages, never as JSON problems (API.md §15): what went wrong
//! in words a client understands, with the status a machine expects.

use axum::response::{IntoResponse, Response};
use http::StatusCode;
use maud::{Markup, html};
use uome_core::CoreError;
use uome_domain::FieldError;

use crate::layout::plain_page;

#[derive(Debug)]
pub enum PageError {
    /// 401: no session, a signed-out or expired one, or a dead link.
    SignedOut,
    /// The browser came from another site and so withheld the
    /// `SameSite=Strict` cookie: a page that reloads `path` from here
    /// (see `session.rs`).
    Continue {
        path: String,
    },
    /// 400: a form or link this page cannot use.
    BadRequest(String),
    /// 403.
    Forbidden(String),
    NotFound,
    /// 409: the document moved on (approved, expired…).
    Conflict(String),
    /// 422 from a form whose page does not show errors beside its fields.
    Invalid(Vec<FieldError>),
    /// 429.
    TooMany,
    /// 500: logged; the client sees only that it failed.
    Internal,
}

impl From<CoreError> for PageError {
    fn from(e: CoreError) -> Self {
        match e {
            CoreError::Unauthorized { .. } => PageError::SignedOut,
            CoreError::BadRequest { detail, .. } => PageError::BadRequest(detail),
            CoreError::Forbidden { detail, .. } => PageError::Forbidden(detail),
            CoreError::NotFound => PageError::NotFound,
            CoreError::Conflict { detail, .. } => PageError::Conflict(detail),
            CoreError::Validation(errors) => PageError::Invalid(errors),
            CoreError::Unprocessable { detail, errors, .. } if errors.is_empty() => {
                PageError::Invalid(vec![FieldError::new("", detail)])
            }
            CoreError::Unprocessable { errors, .. } => PageError::Invalid(errors),
            CoreError::TooManyRequests { .. } => PageError::TooMany,
            other => {
                tracing::error!(error = %other, "page failed");
                PageError::Internal
            }
        }
    }
}

impl PageError {
    fn parts(&self) -> (StatusCode, &'static str, Markup) {
        match self {
            PageError::SignedOut => (
                StatusCode::UNAUTHORIZED,
                "This link has expired",
                html! {
                    p { "This link has expired, was replaced by a newer one, or you signed out." }
                    p { "Open the link in the business's most recent email, or ask them for a new one." }
                },
            ),
            PageError::Continue { path } => (
                StatusCode::OK,
                "Opening your documents",
                html! {
                    p { "Opening your documents…" }
                    p { a href=(path) { "Continue" } }
                },
            ),
            PageError::BadRequest(detail) => (
                StatusCode::BAD_REQUEST,
                "This cannot be used",
                html! { p { (detail) } },
            ),
            PageError::Forbidden(detail) => (
                StatusCode::FORBIDDEN,
                "Not available",
                html! { p { (detail) } },
            ),
            PageError::NotFound => (
                StatusCode::NOT_FOUND,
                "Not found",
                html! {
                    p { "There is nothing here, or it is not yours to see." }
                    p { a href="/portal" { "Back to your documents" } }
                },
            ),
            PageError::Conflict(detail) => (
                StatusCode::CONFLICT,
                "That is no longer possible",
                html! {
                    p { (detail) }
                    p { a href="/portal" { "Back to your documents" } }
                },
            ),
            PageError::Invalid(errors) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "Please check what you entered",
                html! {
                    ul.errors {
                        @for e in errors {
                            li { @if !e.field.is_empty() { (e.field) ": " } (e.message) }
                        }
                    }
                    p { "Go back, correct it and send it again." }
                },
            ),
            PageError::TooMany => (
                StatusCode::TOO_MANY_REQUESTS,
                "Too many attempts",
                html! { p { "Please wait a few minutes and try again." } },
            ),
            PageError::Internal => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong",
                html! { p { "We could not show this page. Please try again in a moment." } },
            ),
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, title, body) = self.parts();
        let refresh = match &self {
            PageError::Continue { path } => Some(path.clone()),
            _ => None,
        };
        let mut response = plain_page(status, title, body);
        if let Some(path) = refresh {
            // A same-site navigation of its own, so the browser now sends
            // the Strict cookie; `Refresh` is a header, not a script.
            if let Ok(value) = http::HeaderValue::from_str(&format!("0; url={path}")) {
                response
                    .headers_mut()
                    .insert(http::HeaderName::from_static("refresh"), value);
            }
        }
        response
    }
}
