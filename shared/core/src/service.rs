//! Settings every use case may need besides the ports: where links point
//! and who mail comes from. Parsed once at start, like everything else.

use crate::ports::Mailbox;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceConfig {
    /// `UOME_PUBLIC_URL` without a trailing slash: links in emails go
    /// under it (`/verify-email?token=…`, `/portal?token=…`).
    pub public_url: String,
    /// `UOME_MAIL_FROM`: the sender of every email.
    pub mail_from: Mailbox,
}

impl ServiceConfig {
    pub fn new(public_url: &str, mail_from: Mailbox) -> Self {
        Self {
            public_url: public_url.trim_end_matches('/').to_string(),
            mail_from,
        }
    }

    /// A front-end link: `link("/verify-email", "token", t)`. The value is
    /// percent-encoded so any token is safe in the URL.
    pub fn link(&self, path: &str, param: &str, value: &str) -> String {
        let encoded: String = value
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect();
        format!("{}{path}?{param}={encoded}", self.public_url)
    }
}

/// Parses `Name <address>` or a bare address, as `UOME_MAIL_FROM` allows.
pub fn parse_mailbox(text: &str) -> Option<Mailbox> {
    let text = text.trim();
    match (text.rfind('<'), text.ends_with('>')) {
        (Some(open), true) => {
            let address = text[open + 1..text.len() - 1].trim();
            let name = text[..open].trim().trim_matches('"').trim();
            valid_address(address).then(|| Mailbox {
                name: (!name.is_empty()).then(|| name.to_string()),
                address: address.to_string(),
            })
        }
        _ => valid_address(text).then(|| Mailbox::new(text)),
    }
}

fn valid_address(address: &str) -> bool {
    match address.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !address.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_encode_their_value() {
        let c = ServiceConfig::new("https://app.example.com/", Mailbox::new("a@b.c"));
        assert_eq!(
            c.link("/verify-email", "token", "ab-_c d/+"),
            "https://app.example.com/verify-email?token=ab-_c%20d%2F%2B"
        );
    }

    #[test]
    fn mailboxes_parse_with_and_without_names() {
        assert_eq!(
            parse_mailbox("Uome <no-reply@uome.local>"),
            Some(Mailbox::named("Uome", "no-reply@uome.local"))
        );
        assert_eq!(parse_mailbox("a@b.c"), Some(Mailbox::new("a@b.c")));
        assert_eq!(parse_mailbox("not an address"), None);
        assert_eq!(parse_mailbox("Name <>"), None);
    }
}
