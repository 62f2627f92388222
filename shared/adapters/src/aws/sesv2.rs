//! The `Mailer` port on SESv2. Messages go as raw MIME (built by
//! `crate::mime`), the one SES content type that carries attachments.

use std::error::Error;
use std::fmt::Debug;

use async_trait::async_trait;
use aws_sdk_sesv2::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_sesv2::primitives::Blob;
use aws_sdk_sesv2::types::{Destination, EmailContent, RawMessage};
use uome_core::ports::{Email, MailError, Mailer};

use crate::mime::build_mime;

#[derive(Clone, Debug)]
pub struct SesMailer {
    client: aws_sdk_sesv2::Client,
    configuration_set: Option<String>,
}

impl SesMailer {
    pub fn new(client: aws_sdk_sesv2::Client) -> Self {
        Self {
            client,
            configuration_set: None,
        }
    }

    /// Sends through a configuration set (event publishing, suppression).
    pub fn with_configuration_set(mut self, name: impl Into<String>) -> Self {
        self.configuration_set = Some(name.into());
        self
    }
}

#[async_trait]
impl Mailer for SesMailer {
    async fn send(&self, email: &Email) -> Result<String, MailError> {
        // SES replaces the Message-ID with its own; ours, under the sender's
        // domain, is only there so the MIME is complete on its own.
        let domain = email
            .from
            .address
            .rsplit_once('@')
            .map_or("uome.invalid", |(_, d)| d);
        let message_id = format!("{}@{domain}", uuid::Uuid::now_v7().simple());
        let mime = build_mime(email, &message_id)?;

        let raw = RawMessage::builder()
            .data(Blob::new(mime))
            .build()
            .map_err(|e| MailError::Backend {
                code: "ConstructionFailure".into(),
                message: e.to_string(),
            })?;
        // The envelope recipients, stated rather than left to SES to read
        // from the headers.
        let destination = Destination::builder()
            .set_to_addresses(Some(email.to.iter().map(|m| m.address.clone()).collect()))
            .set_cc_addresses(
                Some(
                    email
                        .cc
                        .iter()
                        .map(|m| m.address.clone())
                        .collect::<Vec<_>>(),
                )
                .filter(|cc| !cc.is_empty()),
            )
            .build();
        let out = self
            .client
            .send_email()
            .from_email_address(&email.from.address)
            .destination(destination)
            .content(EmailContent::builder().raw(raw).build())
            .set_configuration_set_name(self.configuration_set.clone())
            .send()
            .await
            .map_err(sdk_error)?;
        out.message_id.ok_or_else(|| MailError::Backend {
            code: "MissingMessageId".into(),
            message: "SES accepted the message without a message id".into(),
        })
    }
}

/// The failure with its AWS code (see [`super::sdk_error`]).
fn sdk_error<E, R>(err: SdkError<E, R>) -> MailError
where
    E: ProvideErrorMetadata + Error + 'static,
    R: Debug,
{
    let (code, message) = super::sdk_error::code_and_message(&err);
    MailError::Backend { code, message }
}
