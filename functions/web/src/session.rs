//! The portal's cookie session (API.md §15).
//!
//! `GET /portal?token=…` exchanges the link's token for a session
//! (`uome_core::portal_sessions`) whose id goes into the `uome_portal`
//! cookie: `HttpOnly` (no script reads it), `SameSite=Strict` (no other
//! site's page sends it), `Path=/portal`, `Max-Age` up to the token's
//! expiry, and `Secure` whenever `UOME_PUBLIC_URL` is `https://` — not on
//! the local server's plain `http://127.0.0.1`, where a browser would
//! drop a `Secure` cookie.
//!
//! A `Strict` cookie has one catch: a browser withholds it from every
//! request of a navigation that began on another site, including the
//! redirect after the token exchange when the client clicked the link in
//! a webmail. Such a request says so (`Sec-Fetch-Site: cross-site`) and
//! gets a page that reloads itself from this site, which then carries the
//! cookie: one hop, no script.

use axum::extract::FromRequestParts;
use cookie::{Cookie, SameSite};
use http::HeaderValue;
use http::header::COOKIE;
use http::request::Parts;
use uome_core::portal_sessions::{self, PortalSession};
use uome_http::AppContext;

use crate::csrf;
use crate::error::PageError;

pub const COOKIE_NAME: &str = "uome_portal";
const CSRF_PURPOSE: &str = "portal";

/// A signed-in portal visitor.
pub struct Visitor {
    id: String,
    pub session: PortalSession,
}

impl Visitor {
    /// The CSRF token of this session's forms.
    pub fn csrf(&self, ctx: &AppContext) -> String {
        csrf::token(ctx, CSRF_PURPOSE, &self.id)
    }

    /// 400 unless `given` is this session's form token.
    pub fn check_csrf(&self, ctx: &AppContext, given: Option<&str>) -> Result<(), PageError> {
        if csrf::check(ctx, CSRF_PURPOSE, &self.id, given.unwrap_or_default()) {
            Ok(())
        } else {
            Err(bad_form())
        }
    }

    /// Ends the session (sign out).
    pub async fn end(self, ctx: &AppContext) -> Result<(), PageError> {
        portal_sessions::end(&ctx.ports, &self.id).await?;
        Ok(())
    }
}

pub fn bad_form() -> PageError {
    PageError::BadRequest(
        "This form has expired. Go back, reload the page and send it again.".into(),
    )
}

/// The session id the request's cookie names, if any.
fn cookie_value(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == COOKIE_NAME)
        .map(|c| c.value().to_string())
}

fn cross_site(parts: &Parts) -> bool {
    parts
        .headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"cross-site"))
}

impl FromRequestParts<AppContext> for Visitor {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, ctx: &AppContext) -> Result<Self, PageError> {
        let Some(id) = cookie_value(parts) else {
            if cross_site(parts) && parts.method == http::Method::GET {
                return Err(PageError::Continue {
                    path: parts.uri.path().to_string(),
                });
            }
            return Err(PageError::SignedOut);
        };
        match portal_sessions::resume(&ctx.ports, &id).await? {
            Some(session) => Ok(Visitor { id, session }),
            None => Err(PageError::SignedOut),
        }
    }
}

fn secure(ctx: &AppContext) -> bool {
    ctx.config.public_url.starts_with("https://")
}

/// The `Set-Cookie` of a new session.
pub fn set_cookie(ctx: &AppContext, started: &portal_sessions::StartedSession) -> HeaderValue {
    let seconds = (started.session.expires_at - ctx.ports.clock.now())
        .num_seconds()
        .max(0);
    let cookie = Cookie::build((COOKIE_NAME, started.id.clone()))
        .path("/portal")
        .http_only(true)
        .secure(secure(ctx))
        .same_site(SameSite::Strict)
        .max_age(cookie::time::Duration::seconds(seconds))
        .build();
    header(&cookie)
}

/// The `Set-Cookie` that removes the session cookie.
pub fn clear_cookie(ctx: &AppContext) -> HeaderValue {
    let cookie = Cookie::build((COOKIE_NAME, ""))
        .path("/portal")
        .http_only(true)
        .secure(secure(ctx))
        .same_site(SameSite::Strict)
        .max_age(cookie::time::Duration::ZERO)
        .build();
    header(&cookie)
}

fn header(cookie: &Cookie<'_>) -> HeaderValue {
    // The value is a base64url id and the attributes are fixed ASCII.
    HeaderValue::from_str(&cookie.to_string())
        .unwrap_or_else(|_| HeaderValue::from_static("uome_portal=; Path=/portal; Max-Age=0"))
}
