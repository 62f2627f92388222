//! `SesMailer` against moto's SESv2: a raw MIME send with an attachment,
//! checked in what moto recorded.

use uome_adapters::aws::sesv2::SesMailer;
use uome_aws_tests::{ENDPOINT_VAR, sdk_config, unique_name};
use uome_core::ports::{Attachment, Email, MailError, Mailbox, Mailer};

fn email(from: &str, subject: &str) -> Email {
    Email {
        from: Mailbox::named("Acme Ltd", from),
        to: vec![Mailbox::named("A Client", "client@example.test")],
        // A document's additional recipients travel as Cc.
        cc: vec![Mailbox::named("Accounts", "accounts@example.test")],
        reply_to: Some(Mailbox::new("owner@acme.test")),
        subject: subject.into(),
        text: "Your invoice is attached.".into(),
        html: Some("<p>Your invoice is attached.</p>".into()),
        attachments: vec![Attachment {
            file_name: "INV-0001.pdf".into(),
            content_type: "application/pdf".into(),
            bytes: b"%PDF-1.7 fake".to_vec(),
        }],
    }
}

#[tokio::test]
async fn raw_send_with_attachment_is_recorded() {
    let Some(config) = sdk_config().await else {
        return;
    };
    let client = aws_sdk_sesv2::Client::new(&config);
    let from = format!("{}@acme.test", unique_name("billing"));
    client
        .create_email_identity()
        .email_identity(&from)
        .send()
        .await
        .unwrap();

    let subject = unique_name("Invoice INV-0001");
    let mailer = SesMailer::new(client);
    let message_id = mailer.send(&email(&from, &subject)).await.unwrap();
    assert!(!message_id.is_empty());

    // moto keeps every raw send under ses.RawMessage, with its message id.
    let endpoint = std::env::var(ENDPOINT_VAR).unwrap();
    let data: serde_json::Value = reqwest::get(format!(
        "{}/moto-api/data.json",
        endpoint.trim_end_matches('/')
    ))
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    let sent = data["ses"]["RawMessage"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == message_id.as_str())
        .unwrap_or_else(|| panic!("message {message_id} not recorded"));
    let raw = sent["raw_data"].as_str().unwrap();
    assert!(raw.contains(&format!("Subject: {subject}\r\n")), "{raw}");
    assert!(raw.contains(&format!("<{from}>")), "{raw}");
    assert!(raw.contains("Content-Type: multipart/mixed"), "{raw}");
    assert!(raw.contains("INV-0001.pdf"), "attachment missing: {raw}");
    let destinations = sent["destinations"].to_string();
    assert!(
        destinations.contains("client@example.test"),
        "{destinations}"
    );
}

#[tokio::test]
async fn unverified_sender_is_a_backend_error() {
    let Some(config) = sdk_config().await else {
        return;
    };
    let mailer = SesMailer::new(aws_sdk_sesv2::Client::new(&config));
    let from = format!("{}@nowhere.test", unique_name("unverified"));
    match mailer.send(&email(&from, "hello")).await {
        Err(MailError::Backend { code, .. }) => assert_eq!(code, "MessageRejected"),
        other => panic!("expected MessageRejected, got {other:?}"),
    }
    // Invalid messages never reach SES.
    let bad = email(&from, "hello\r\nBcc: x@evil.test");
    assert!(matches!(
        mailer.send(&bad).await,
        Err(MailError::Invalid(_))
    ));
}
