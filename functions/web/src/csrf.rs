//! Form tokens against cross-site request forgery.
//!
//! A token is an HMAC of what the form acts for — the portal session's id,
//! or a reset link's token — under a key derived from the function's
//! secret. Nothing is stored: the page that renders the form can make it,
//! the handler that takes the form can check it, and a forged form from
//! another site cannot (it knows neither the key nor the session id, which
//! only the `HttpOnly` cookie holds). The `SameSite=Strict` cookie is the
//! first line; this is the second.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use uome_http::AppContext;

/// The form field that carries the token.
pub const FIELD: &str = "csrf";

fn mac(ctx: &AppContext, purpose: &str, binding: &str) -> Hmac<Sha256> {
    let mut key = <Hmac<Sha256> as Mac>::new_from_slice(&ctx.config.jwt.secret)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    key.update(b"uome/web-csrf");
    let derived = key.finalize().into_bytes();
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&derived)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(purpose.as_bytes());
    mac.update(b"\n");
    mac.update(binding.as_bytes());
    mac
}

/// The token of a form for `purpose` (`portal`, `reset`) bound to `binding`.
pub fn token(ctx: &AppContext, purpose: &str, binding: &str) -> String {
    URL_SAFE_NO_PAD.encode(mac(ctx, purpose, binding).finalize().into_bytes())
}

/// Whether `given` is the token of that form (compared in constant time).
pub fn check(ctx: &AppContext, purpose: &str, binding: &str, given: &str) -> bool {
    let Ok(given) = URL_SAFE_NO_PAD.decode(given.trim()) else {
        return false;
    };
    mac(ctx, purpose, binding).verify_slice(&given).is_ok()
}
