//! RFC 5322 / MIME bytes for an [`Email`], built by `mail-builder`.
//!
//! The library encodes bodies, names, subjects and file names; what it writes
//! verbatim (addresses, media types, the message id) is validated here first,
//! so no field of an `Email` can smuggle a header line into the message.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::message_id::MessageId;
use mail_builder::mime::BodyPart;
use uome_core::ports::{Email, MailError, Mailbox};

/// The whole message, `Date` taken from the system clock.
pub fn build_mime(email: &Email, message_id: &str) -> Result<Vec<u8>, MailError> {
    build_mime_at(email, message_id, Utc::now())
}

/// The whole message with an explicit `Date` (the outbox passes its injected
/// clock so local runs and tests are reproducible).
pub fn build_mime_at(
    email: &Email,
    message_id: &str,
    date: DateTime<Utc>,
) -> Result<Vec<u8>, MailError> {
    validate_message_id(message_id)?;
    if email.to.is_empty() {
        return Err(invalid("the message has no recipient"));
    }
    no_line_breaks("subject", &email.subject)?;

    let mut builder = MessageBuilder::new()
        .message_id(MessageId::new(message_id))
        .date(date.timestamp())
        .from(address(&email.from)?)
        .subject(email.subject.as_str())
        .text_body(email.text.as_str());

    let to = email
        .to
        .iter()
        .map(address)
        .collect::<Result<Vec<_>, _>>()?;
    builder = builder.to(Address::new_list(to));
    if !email.cc.is_empty() {
        let cc = email
            .cc
            .iter()
            .map(address)
            .collect::<Result<Vec<_>, _>>()?;
        builder = builder.cc(Address::new_list(cc));
    }
    if let Some(reply_to) = &email.reply_to {
        builder = builder.reply_to(address(reply_to)?);
    }
    if let Some(html) = &email.html {
        builder = builder.html_body(html.as_str());
    }
    for attachment in &email.attachments {
        if attachment.file_name.trim().is_empty() {
            return Err(invalid("an attachment has no file name"));
        }
        no_line_breaks("attachment file name", &attachment.file_name)?;
        let content_type = media_type(&attachment.content_type)?;
        builder = builder.attachment(
            content_type,
            attachment.file_name.as_str(),
            BodyPart::Binary(Cow::Borrowed(attachment.bytes.as_slice())),
        );
    }

    builder.write_to_vec().map_err(|e| MailError::Backend {
        code: format!("{:?}", e.kind()),
        message: e.to_string(),
    })
}

fn invalid(message: impl Into<String>) -> MailError {
    MailError::Invalid(message.into())
}

/// Header values never contain a line break: that is how injection starts.
fn no_line_breaks(what: &str, value: &str) -> Result<(), MailError> {
    if value.contains(['\r', '\n']) {
        return Err(invalid(format!("the {what} contains a line break")));
    }
    Ok(())
}

fn address(mailbox: &Mailbox) -> Result<Address<'_>, MailError> {
    validate_address(&mailbox.address)?;
    match &mailbox.name {
        Some(name) => {
            // The library quotes or RFC 2047-encodes the name; control
            // characters have no business in a display name either way.
            if name.chars().any(char::is_control) {
                return Err(invalid("a display name contains a control character"));
            }
            Ok(Address::new_address(
                Some(name.as_str()),
                mailbox.address.as_str(),
            ))
        }
        None => Ok(Address::new_address(None::<&str>, mailbox.address.as_str())),
    }
}

/// Minimal, deliberately strict syntax: the builder writes the address
/// verbatim, so anything that could end or split the header is refused.
pub fn validate_address(address: &str) -> Result<(), MailError> {
    let Some((local, domain)) = address.split_once('@') else {
        return Err(invalid(format!("not an email address: {address:?}")));
    };
    if local.is_empty() || domain.is_empty() || domain.contains('@') {
        return Err(invalid(format!("not an email address: {address:?}")));
    }
    let forbidden = |c: char| c.is_control() || c.is_whitespace() || "<>()[],;:\"\\".contains(c);
    if address.chars().any(forbidden) {
        return Err(invalid(format!(
            "the email address {:?} contains a forbidden character",
            address.escape_debug().to_string()
        )));
    }
    Ok(())
}

fn validate_message_id(message_id: &str) -> Result<(), MailError> {
    let bad = |c: char| c.is_control() || c.is_whitespace() || c == '<' || c == '>';
    if message_id.is_empty() || message_id.chars().any(bad) {
        return Err(invalid("the message id is empty or malformed"));
    }
    Ok(())
}

/// `type/subtype[; key=value]*`, parsed so parameters go through the
/// library's encoder and the essence is plain RFC 2045 tokens.
fn media_type(raw: &str) -> Result<ContentType<'_>, MailError> {
    let mut parts = raw.split(';');
    let essence = parts.next().unwrap_or_default().trim();
    let valid_essence = essence
        .split_once('/')
        .is_some_and(|(t, s)| is_token(t) && is_token(s));
    if !valid_essence {
        return Err(invalid(format!("not a media type: {raw:?}")));
    }
    let mut content_type = ContentType::new(essence);
    for parameter in parts {
        let parameter = parameter.trim();
        if parameter.is_empty() {
            continue;
        }
        let Some((key, value)) = parameter.split_once('=') else {
            return Err(invalid(format!("not a media type: {raw:?}")));
        };
        let key = key.trim();
        let value = value.trim().trim_matches('"');
        if !is_token(key) || value.chars().any(char::is_control) {
            return Err(invalid(format!("not a media type: {raw:?}")));
        }
        content_type = content_type.attribute(key, value);
    }
    Ok(content_type)
}

/// RFC 2045 `token`: printable ASCII without spaces or tspecials.
fn is_token(value: &str) -> bool {
    !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?=".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use mail_parser::{MessageParser, MimeHeaders};
    use uome_core::ports::Attachment;

    fn email() -> Email {
        Email {
            from: Mailbox::named("Acme Ltd", "billing@acme.test"),
            to: vec![
                Mailbox::named("Zoë Client", "zoe@client.test"),
                Mailbox::new("ap@client.test"),
            ],
            cc: Vec::new(),
            reply_to: Some(Mailbox::new("owner@acme.test")),
            subject: "Invoice INV-0042 — €1,250.00 due".into(),
            text: "Hello,\r\nplease find the invoice attached.\n".into(),
            html: Some("<p>Hello, please find the invoice attached.</p>".into()),
            attachments: vec![Attachment {
                file_name: "INV-0042.pdf".into(),
                content_type: "application/pdf".into(),
                bytes: b"%PDF-1.7 \x00\x01\x02 binary".to_vec(),
            }],
        }
    }

    #[test]
    fn parses_back_with_the_same_structure() {
        let date = DateTime::parse_from_rfc3339("2025-03-01T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let bytes = build_mime_at(&email(), "abc123@uome.local", date).unwrap();
        let message = MessageParser::default().parse(&bytes).unwrap();

        assert_eq!(message.subject(), Some("Invoice INV-0042 — €1,250.00 due"));
        assert_eq!(message.message_id(), Some("abc123@uome.local"));
        assert_eq!(message.date().unwrap().to_timestamp(), date.timestamp());
        let from = message.from().unwrap().first().unwrap();
        assert_eq!(from.address(), Some("billing@acme.test"));
        assert_eq!(from.name(), Some("Acme Ltd"));
        let to: Vec<_> = message
            .to()
            .unwrap()
            .iter()
            .map(|a| a.address().unwrap().to_string())
            .collect();
        assert_eq!(to, ["zoe@client.test", "ap@client.test"]);
        assert_eq!(
            message.to().unwrap().first().unwrap().name(),
            Some("Zoë Client")
        );
        assert_eq!(
            message.reply_to().unwrap().first().unwrap().address(),
            Some("owner@acme.test")
        );
        assert_eq!(
            message.body_text(0).unwrap().replace("\r\n", "\n"),
            "Hello,\nplease find the invoice attached.\n"
        );
        assert!(message.body_html(0).unwrap().contains("<p>Hello,"));

        assert_eq!(message.attachment_count(), 1);
        let attachment = message.attachment(0).unwrap();
        assert_eq!(attachment.attachment_name(), Some("INV-0042.pdf"));
        let ct = attachment.content_type().unwrap();
        assert_eq!((ct.ctype(), ct.subtype()), ("application", Some("pdf")));
        assert_eq!(attachment.contents(), b"%PDF-1.7 \x00\x01\x02 binary");
    }

    #[test]
    fn text_only_message_is_a_single_part() {
        let mut plain = email();
        plain.html = None;
        plain.attachments.clear();
        plain.reply_to = None;
        let bytes = build_mime(&plain, "x@uome.local").unwrap();
        let message = MessageParser::default().parse(&bytes).unwrap();
        assert_eq!(message.parts.len(), 1);
        assert!(message.reply_to().is_none());
        assert!(message.body_text(0).unwrap().contains("please find"));
    }

    #[test]
    fn header_injection_is_rejected_everywhere() {
        let cases: &[fn(&mut Email)] = &[
            |e| e.subject = "Hi\r\nBcc: victim@evil.test".into(),
            |e| e.subject = "Hi\nBcc: victim@evil.test".into(),
            |e| e.from.address = "a@b.test\r\nBcc: x@evil.test".into(),
            |e| e.from.name = Some("Acme\r\nBcc: x@evil.test".into()),
            |e| e.to[0].address = "zoe@client.test\nBcc: x@evil.test".into(),
            |e| e.to[1].name = Some("A\rB".into()),
            |e| e.reply_to = Some(Mailbox::new("r@x.test\r\nX: y")),
            |e| e.attachments[0].file_name = "a.pdf\r\nX-Evil: 1".into(),
            |e| e.attachments[0].content_type = "application/pdf\r\nX: 1".into(),
            |e| e.attachments[0].content_type = "application/pdf; a=\"b\r\nX: 1\"".into(),
        ];
        for (i, mutate) in cases.iter().enumerate() {
            let mut e = email();
            mutate(&mut e);
            let result = build_mime(&e, "id@uome.local");
            assert!(
                matches!(result, Err(MailError::Invalid(_))),
                "case {i} was not rejected"
            );
        }
        assert!(matches!(
            build_mime(&email(), "id@uome.local>\r\nBcc: x@evil.test"),
            Err(MailError::Invalid(_))
        ));
    }

    #[test]
    fn malformed_addresses_and_recipients_are_rejected() {
        for bad in [
            "",
            "no-at-sign",
            "@domain.test",
            "local@",
            "a@b@c",
            "a b@c.test",
            "<a@b.test>",
            "a@b.test,c@d.test",
        ] {
            let mut e = email();
            e.to[0].address = bad.into();
            assert!(
                matches!(build_mime(&e, "id@x"), Err(MailError::Invalid(_))),
                "{bad:?} was accepted"
            );
        }
        let mut e = email();
        e.to.clear();
        assert!(matches!(build_mime(&e, "id@x"), Err(MailError::Invalid(_))));
        let mut e = email();
        e.attachments[0].content_type = "pdf".into();
        assert!(matches!(build_mime(&e, "id@x"), Err(MailError::Invalid(_))));
    }

    #[test]
    fn media_type_parameters_survive() {
        let mut e = email();
        e.attachments[0].content_type = "text/csv; charset=utf-8".into();
        e.attachments[0].bytes = b"a,b\n1,2\n".to_vec();
        let bytes = build_mime(&e, "id@x").unwrap();
        let message = MessageParser::default().parse(&bytes).unwrap();
        let ct = message.attachment(0).unwrap().content_type().unwrap();
        assert_eq!(ct.subtype(), Some("csv"));
        assert_eq!(ct.attribute("charset"), Some("utf-8"));
    }
}
