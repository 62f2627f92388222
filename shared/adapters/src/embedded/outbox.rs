//! The local mailer: nothing leaves the machine. Each message becomes two
//! files in the outbox directory, `<seq>-<id>.eml` (the exact MIME an SMTP
//! server or SES would get) and `<seq>-<id>.json` (an [`OutboxEntry`] for
//! `GET /_local/outbox` and tests).
//!
//! `<seq>` is a zero-padded counter that continues from the highest one
//! already in the directory, so the order is the send order even within one
//! second, with a fixed clock, or across restarts.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_core::ports::{Clock, Email, MailError, Mailer};

use crate::mime::build_mime_at;

/// Width of the sequence in file names: sorting names sorts by send order.
const SEQ_WIDTH: usize = 12;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxAttachment {
    pub file_name: String,
    pub content_type: String,
    /// Size of the attachment in bytes.
    pub bytes: usize,
    pub content_base64: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub id: String,
    pub from: String,
    /// Recipient addresses (without display names).
    pub to: Vec<String>,
    /// Copied recipients' addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cc: Vec<String>,
    pub reply_to: Option<String>,
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
    pub attachments: Vec<OutboxAttachment>,
    pub sent_at: DateTime<Utc>,
}

pub struct OutboxMailer {
    dir: PathBuf,
    clock: Arc<dyn Clock>,
    next_seq: AtomicU64,
}

impl std::fmt::Debug for OutboxMailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutboxMailer")
            .field("dir", &self.dir)
            .field("next_seq", &self.next_seq)
            .finish_non_exhaustive()
    }
}

impl OutboxMailer {
    pub fn new(dir: PathBuf, clock: Arc<dyn Clock>) -> Self {
        // A directory that does not exist yet (or cannot be read) simply has
        // no earlier messages; `send` creates it and reports real errors.
        let next_seq = highest_seq(&dir).map_or(0, |seq| seq + 1);
        Self {
            dir,
            clock,
            next_seq: AtomicU64::new(next_seq),
        }
    }

    /// Every message sent so far, oldest first (newest last).
    pub fn list(&self) -> Result<Vec<OutboxEntry>, MailError> {
        let mut records = match record_files(&self.dir) {
            Ok(files) => files,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io_error(e)),
        };
        // By sequence; the path only breaks ties between two writers.
        records.sort();
        records
            .into_iter()
            .map(|(_, path)| {
                let bytes = std::fs::read(&path).map_err(io_error)?;
                serde_json::from_slice(&bytes).map_err(|e| MailError::Backend {
                    code: "CorruptOutboxEntry".into(),
                    message: format!("{}: {e}", path.display()),
                })
            })
            .collect()
    }
}

#[async_trait]
impl Mailer for OutboxMailer {
    async fn send(&self, email: &Email) -> Result<String, MailError> {
        let sent_at = self.clock.now();
        let id = uuid::Uuid::now_v7().to_string();
        let mime = build_mime_at(email, &format!("{id}@uome.local"), sent_at)?;
        let entry = OutboxEntry {
            id: id.clone(),
            from: email.from.address.clone(),
            to: email.to.iter().map(|m| m.address.clone()).collect(),
            cc: email.cc.iter().map(|m| m.address.clone()).collect(),
            reply_to: email.reply_to.as_ref().map(|m| m.address.clone()),
            subject: email.subject.clone(),
            text: email.text.clone(),
            html: email.html.clone(),
            attachments: email
                .attachments
                .iter()
                .map(|a| OutboxAttachment {
                    file_name: a.file_name.clone(),
                    content_type: a.content_type.clone(),
                    bytes: a.bytes.len(),
                    content_base64: STANDARD.encode(&a.bytes),
                })
                .collect(),
            sent_at,
        };
        let record = serde_json::to_vec_pretty(&entry).map_err(|e| MailError::Backend {
            code: "Serialize".into(),
            message: e.to_string(),
        })?;

        tokio::fs::create_dir_all(&self.dir)
            .await
            .map_err(io_error)?;
        let seq = self.next_seq.fetch_add(1, Ordering::SeqCst);
        let stem = format!("{seq:0SEQ_WIDTH$}-{id}");
        // The .eml first and the .json last: `list` reads the .json, so an
        // entry is listed only once both files are complete.
        write_atomically(&self.dir, &format!("{stem}.eml"), &mime).await?;
        write_atomically(&self.dir, &format!("{stem}.json"), &record).await?;
        Ok(id)
    }
}

async fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), MailError> {
    // The leading dot and the suffix keep partial files out of `list`.
    let tmp = dir.join(format!(".{name}.tmp"));
    tokio::fs::write(&tmp, bytes).await.map_err(io_error)?;
    tokio::fs::rename(&tmp, dir.join(name))
        .await
        .map_err(io_error)
}

/// `(seq, path)` of every `<seq>-<id>.json` in the directory.
fn record_files(dir: &Path) -> io::Result<Vec<(u64, PathBuf)>> {
    let mut records = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if let Some(seq) = name.strip_suffix(".json").and_then(parse_seq) {
            records.push((seq, path));
        }
    }
    Ok(records)
}

fn parse_seq(stem: &str) -> Option<u64> {
    stem.split_once('-')?.0.parse().ok()
}

fn highest_seq(dir: &Path) -> Option<u64> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().and_then(parse_seq))
        .max()
}

fn io_error(e: io::Error) -> MailError {
    MailError::Backend {
        code: format!("{:?}", e.kind()),
        message: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mail_parser::{MessageParser, MimeHeaders};
    use uome_core::ports::{Attachment, FixedClock, Mailbox};

    fn email(subject: &str) -> Email {
        Email {
            from: Mailbox::named("Acme", "billing@acme.test"),
            to: vec![Mailbox::named("Client", "client@example.test")],
            cc: Vec::new(),
            reply_to: Some(Mailbox::new("owner@acme.test")),
            subject: subject.into(),
            text: "Please pay.".into(),
            html: Some("<p>Please pay.</p>".into()),
            attachments: vec![Attachment {
                file_name: "INV-1.pdf".into(),
                content_type: "application/pdf".into(),
                bytes: vec![0, 1, 2, 255],
            }],
        }
    }

    fn clock() -> Arc<FixedClock> {
        Arc::new(FixedClock::new(
            DateTime::parse_from_rfc3339("2025-05-01T09:00:00Z")
                .unwrap()
                .with_timezone(&Utc),
        ))
    }

    #[tokio::test]
    async fn round_trip_with_attachment_and_mime_file() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = OutboxMailer::new(dir.path().join("outbox"), clock());
        assert!(outbox.list().unwrap().is_empty());

        let id = outbox.send(&email("Invoice INV-1")).await.unwrap();
        let entries = outbox.list().unwrap();
        assert_eq!(entries.len(), 1);
        let entry = &entries[0];
        assert_eq!(entry.id, id);
        assert_eq!(entry.from, "billing@acme.test");
        assert_eq!(entry.to, ["client@example.test"]);
        assert_eq!(entry.reply_to.as_deref(), Some("owner@acme.test"));
        assert_eq!(entry.subject, "Invoice INV-1");
        assert_eq!(entry.text, "Please pay.");
        assert_eq!(entry.html.as_deref(), Some("<p>Please pay.</p>"));
        assert_eq!(entry.sent_at.to_rfc3339(), "2025-05-01T09:00:00+00:00");
        assert_eq!(
            entry.attachments,
            [OutboxAttachment {
                file_name: "INV-1.pdf".into(),
                content_type: "application/pdf".into(),
                bytes: 4,
                content_base64: STANDARD.encode([0, 1, 2, 255]),
            }]
        );

        let eml = std::fs::read_dir(dir.path().join("outbox"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|x| x == "eml"))
            .unwrap();
        let raw = std::fs::read(eml).unwrap();
        let message = MessageParser::default().parse(&raw).unwrap();
        assert_eq!(message.subject(), Some("Invoice INV-1"));
        assert_eq!(
            message.message_id(),
            Some(format!("{id}@uome.local").as_str())
        );
        assert_eq!(
            message.attachment(0).unwrap().attachment_name(),
            Some("INV-1.pdf")
        );
        assert_eq!(message.attachment(0).unwrap().contents(), [0, 1, 2, 255]);
    }

    #[tokio::test]
    async fn newest_last_within_one_second_and_across_restarts() {
        let dir = tempfile::tempdir().unwrap();
        let clock = clock();
        let outbox = OutboxMailer::new(dir.path().to_path_buf(), clock.clone());
        for n in 0..12 {
            outbox.send(&email(&format!("m{n}"))).await.unwrap();
        }
        // A restart (new mailer on the same directory) keeps appending.
        let outbox = OutboxMailer::new(dir.path().to_path_buf(), clock);
        outbox.send(&email("m12")).await.unwrap();

        let subjects: Vec<_> = outbox
            .list()
            .unwrap()
            .into_iter()
            .map(|e| e.subject)
            .collect();
        let expected: Vec<_> = (0..13).map(|n| format!("m{n}")).collect();
        assert_eq!(subjects, expected);
    }

    #[tokio::test]
    async fn invalid_messages_leave_no_files() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = OutboxMailer::new(dir.path().to_path_buf(), clock());
        let result = outbox.send(&email("Hi\r\nBcc: x@evil.test")).await;
        assert!(matches!(result, Err(MailError::Invalid(_))));
        assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
    }
}
