//! Reading the links out of the embedded outbox. Shared by core's
//! use-case tests and the auth function's router tests (which include this
//! file by path), so both read tokens the same way. The including module
//! brings `OutboxMailer` into scope (core's kit from `uome-adapters`, the
//! router tests from `uome-testkit`).

use super::OutboxMailer;

/// The token of the newest email to `to` whose link goes to `path`.
pub fn token_from_outbox(outbox: &OutboxMailer, to: &str, path: &str) -> String {
    let mail = outbox.list().unwrap();
    let entry = mail
        .iter()
        .rev()
        .find(|m| m.to.iter().any(|t| t.eq_ignore_ascii_case(to)) && m.text.contains(path))
        .unwrap_or_else(|| panic!("no mail to {to} with {path}"));
    token_in(&entry.text)
}

/// The `token=` parameter of the first link in a text body.
pub fn token_in(text: &str) -> String {
    let start = text.find("token=").expect("a link with a token") + "token=".len();
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}
