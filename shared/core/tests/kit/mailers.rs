//! Mailers that misbehave, for the delivery rules of the jobs (API.md
//! §12). Shared by core's use-case tests, the job functions' tests and the
//! consumers' tests against moto (which include this file by path).

use async_trait::async_trait;
use uome_core::ports::{Email, MailError, Mailer};

/// Answers every message with an error: nothing was sent, so the job
/// releases its claim and asks for a redelivery.
pub struct RefusingMailer;

#[async_trait]
impl Mailer for RefusingMailer {
    async fn send(&self, _: &Email) -> Result<String, MailError> {
        Err(MailError::Backend {
            code: "Throttling".into(),
            message: "slow down".into(),
        })
    }
}

/// Never answers: stands for a worker that dies between the claim and the
/// mail server's answer.
pub struct HangingMailer;

#[async_trait]
impl Mailer for HangingMailer {
    async fn send(&self, _: &Email) -> Result<String, MailError> {
        std::future::pending().await
    }
}
