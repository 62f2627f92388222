//! The AWS services a function calls besides DynamoDB, named in its `main`:
//! its cold start builds exactly those clients.
//!
//! Why not the cargo features alone: one `cargo build` of several workspace
//! packages unifies uome-runtime's features across them, and
//! `cargo lambda build --bin contacts` from the workspace root (what SAM's
//! `rust-cargolambda` runs, `CodeUri: ../`) selects every member. Built so,
//! every function linked S3, SESv2 and SQS, and built all three clients in
//! init: `contacts` spent 0.78 M instructions (15 % of its init) on an SQS
//! client it never calls (docs/cold-starts.md). The features still keep a
//! package-alone build (`cargo build -p uome-contacts`) from linking an
//! SDK the function does not name; `scripts/stack/check.py` holds the
//! features and these names equal.

use crate::env::{CloudEnv, ConfigError};

/// DynamoDB always; S3, SESv2 and SQS when named.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Services {
    blobs: bool,
    mail: bool,
    queue: bool,
}

impl Services {
    /// DynamoDB only: every function with a table-backed route (and the
    /// idempotency middleware) needs it.
    pub const TABLE: Services = Services {
        blobs: false,
        mail: false,
        queue: false,
    };

    /// S3 too (uploads, attachments, logos).
    pub const fn with_blobs(self) -> Self {
        Self {
            blobs: true,
            ..self
        }
    }

    /// SESv2 too (emails).
    pub const fn with_mail(self) -> Self {
        Self { mail: true, ..self }
    }

    /// SQS too (the scheduler's enqueues).
    pub const fn with_queue(self) -> Self {
        Self {
            queue: true,
            ..self
        }
    }

    pub fn blobs(self) -> bool {
        self.blobs
    }

    pub fn mail(self) -> bool {
        self.mail
    }

    pub fn queue(self) -> bool {
        self.queue
    }

    /// Refuses a named service this build does not link (its uome-runtime
    /// feature is off), or S3 without its bucket: one clear line at the
    /// cold start instead of a failing request later.
    pub fn check(self, env: &CloudEnv) -> Result<(), ConfigError> {
        let unlinked = [
            (self.blobs && !cfg!(feature = "s3"), "s3"),
            (self.mail && !cfg!(feature = "sesv2"), "sesv2"),
            (self.queue && !cfg!(feature = "sqs"), "sqs"),
        ];
        if let Some((_, feature)) = unlinked.into_iter().find(|(missing, _)| *missing) {
            return Err(ConfigError::Unlinked(feature));
        }
        if self.blobs && env.bucket.is_none() {
            return Err(ConfigError::Missing("UOME_BUCKET"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Services;
    use crate::env::CloudEnv;

    #[test]
    fn names_only_what_it_is_given() {
        let contacts = Services::TABLE.with_mail().with_blobs();
        assert!(contacts.mail() && contacts.blobs() && !contacts.queue());
        assert_eq!(Services::TABLE, Services::default());
        assert!(Services::TABLE.with_queue().queue());
    }

    #[test]
    fn check_refuses_an_unlinked_service_or_s3_without_its_bucket() {
        let env = CloudEnv::from_lookup(|name| {
            let value = match name {
                "UOME_PUBLIC_URL" => "https://app.example.com",
                "UOME_MAIL_FROM" => "billing@example.com",
                "UOME_JWT_SECRET" => "0123456789abcdef0123456789abcdef",
                "UOME_TABLE" => "uome",
                _ => return None,
            };
            Some(value.to_string())
        })
        .unwrap();
        assert!(Services::TABLE.check(&env).is_ok());
        let blobs = Services::TABLE.with_blobs().check(&env).unwrap_err();
        if cfg!(feature = "s3") {
            assert_eq!(
                blobs.to_string(),
                "missing environment variable UOME_BUCKET"
            );
        } else {
            assert!(blobs.to_string().contains("`s3` feature"), "{blobs}");
        }
        let mail = Services::TABLE.with_mail().check(&env);
        assert_eq!(mail.is_ok(), cfg!(feature = "sesv2"));
    }
}
