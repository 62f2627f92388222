//! The cloud configuration, from environment variables only.

use uome_core::ports::{Mailbox, QueueName};
use uome_core::service::parse_mailbox;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("missing environment variable {0}")]
    Missing(&'static str),
    #[error("environment variable {name} is invalid: {reason}")]
    Invalid { name: &'static str, reason: String },
    #[error(
        "this function names a service its build does not link; enable uome-runtime's `{0}` feature"
    )]
    Unlinked(&'static str),
}

#[derive(Clone)]
pub struct CloudEnv {
    pub public_url: String,
    pub mail_from: Mailbox,
    pub jwt_secret: Vec<u8>,
    /// `UOME_TABLE`; always required.
    pub table: Option<String>,
    /// `UOME_BUCKET`; required when the function names S3
    /// ([`Services::check`](crate::Services::check)).
    pub bucket: Option<String>,
    /// `UOME_<NAME>_QUEUE_URL` of each queue that is set.
    pub queue_urls: Vec<(QueueName, String)>,
    /// `AWS_REGION`, which Lambda always sets; `None` leaves the region to
    /// the SDK's own lookup.
    pub region: Option<String>,
}

impl std::fmt::Debug for CloudEnv {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CloudEnv")
            .field("public_url", &self.public_url)
            .field("mail_from", &self.mail_from)
            .field("jwt_secret", &"<redacted>")
            .field("table", &self.table)
            .field("bucket", &self.bucket)
            .field("queue_urls", &self.queue_urls)
            .field("region", &self.region)
            .finish()
    }
}

/// Shortest JWT secret accepted: HS256 wants at least 256 bits of key.
pub const MIN_SECRET_LEN: usize = 32;

impl CloudEnv {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads through `lookup` (tests pass a map).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &'static str| lookup(name).filter(|v| !v.trim().is_empty());
        let require = |name: &'static str| get(name).ok_or(ConfigError::Missing(name));

        let public_url = require("UOME_PUBLIC_URL")?;
        if !(public_url.starts_with("https://") || public_url.starts_with("http://")) {
            return Err(ConfigError::Invalid {
                name: "UOME_PUBLIC_URL",
                reason: "must start with https:// or http://".into(),
            });
        }
        let mail_from_text = require("UOME_MAIL_FROM")?;
        let mail_from = parse_mailbox(&mail_from_text).ok_or(ConfigError::Invalid {
            name: "UOME_MAIL_FROM",
            reason: "must be an address or `Name <address>`".into(),
        })?;
        let jwt_secret = require("UOME_JWT_SECRET")?.into_bytes();
        if jwt_secret.len() < MIN_SECRET_LEN {
            return Err(ConfigError::Invalid {
                name: "UOME_JWT_SECRET",
                reason: format!("must be at least {MIN_SECRET_LEN} characters"),
            });
        }
        let queue_urls = QueueName::ALL
            .into_iter()
            .filter_map(|queue| {
                let name = match queue {
                    QueueName::Reminders => "UOME_REMINDERS_QUEUE_URL",
                    QueueName::Recurring => "UOME_RECURRING_QUEUE_URL",
                };
                get(name).map(|url| (queue, url))
            })
            .collect();
        let env = Self {
            public_url: public_url.trim_end_matches('/').to_string(),
            mail_from,
            jwt_secret,
            table: get("UOME_TABLE"),
            bucket: get("UOME_BUCKET"),
            queue_urls,
            region: get("AWS_REGION"),
        };
        if env.table.is_none() {
            return Err(ConfigError::Missing("UOME_TABLE"));
        }
        Ok(env)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    const BASE: [(&str, &str); 5] = [
        ("UOME_PUBLIC_URL", "https://app.example.com/"),
        ("UOME_MAIL_FROM", "Uome <billing@example.com>"),
        ("UOME_JWT_SECRET", "0123456789abcdef0123456789abcdef"),
        ("UOME_TABLE", "uome"),
        ("UOME_BUCKET", "uome-uploads"),
    ];

    #[test]
    fn reads_a_complete_environment() {
        let mut pairs = BASE.to_vec();
        pairs.push(("UOME_REMINDERS_QUEUE_URL", "https://sqs/reminders"));
        let e = CloudEnv::from_lookup(env(&pairs)).unwrap();
        assert_eq!(e.public_url, "https://app.example.com");
        assert_eq!(e.mail_from, Mailbox::named("Uome", "billing@example.com"));
        assert_eq!(
            e.queue_urls,
            vec![(QueueName::Reminders, "https://sqs/reminders".to_string())]
        );
        assert!(
            !format!("{e:?}").contains("0123456789abcdef"),
            "secrets stay out of logs"
        );
    }

    #[test]
    fn a_missing_or_bad_variable_is_one_clear_error() {
        let without = |name: &str| {
            let pairs: Vec<_> = BASE.iter().copied().filter(|(k, _)| *k != name).collect();
            CloudEnv::from_lookup(env(&pairs)).unwrap_err().to_string()
        };
        assert_eq!(
            without("UOME_PUBLIC_URL"),
            "missing environment variable UOME_PUBLIC_URL"
        );
        assert_eq!(
            without("UOME_JWT_SECRET"),
            "missing environment variable UOME_JWT_SECRET"
        );
        let mut pairs = BASE.to_vec();
        pairs[2] = ("UOME_JWT_SECRET", "short");
        assert!(
            CloudEnv::from_lookup(env(&pairs))
                .unwrap_err()
                .to_string()
                .contains("at least 32")
        );
        let mut pairs = BASE.to_vec();
        pairs[1] = ("UOME_MAIL_FROM", "nobody");
        assert!(CloudEnv::from_lookup(env(&pairs)).is_err());
    }
}
