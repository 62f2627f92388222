//! The `Mailer` port: one message with text, optional HTML and attachments.
//! Adapters build the MIME with a library; core never sees MIME.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mailbox {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub address: String,
}

impl Mailbox {
    pub fn new(address: impl Into<String>) -> Self {
        Self {
            name: None,
            address: address.into(),
        }
    }

    pub fn named(name: impl Into<String>, address: impl Into<String>) -> Self {
        Self {
            name: Some(name.into()),
            address: address.into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email {
    pub from: Mailbox,
    pub to: Vec<Mailbox>,
    /// Copied openly (a document's `additional_recipients`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cc: Vec<Mailbox>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<Mailbox>,
    pub subject: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("the message cannot be sent: {0}")]
    Invalid(String),
    /// The backend failed; `code` is the AWS error code (or the io error kind).
    #[error("mail backend error {code}: {message}")]
    Backend { code: String, message: String },
}

#[async_trait]
pub trait Mailer: Send + Sync {
    /// Sends the message; answers the backend's message id.
    async fn send(&self, email: &Email) -> Result<String, MailError>;
}
