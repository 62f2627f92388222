//! The two emails auth sends: verify your address, reset your password.
//! Plain text and HTML from small templates; the link is the only thing
//! that matters, so both bodies carry it verbatim.

use uome_pdf::escape_html;

use crate::ports::{Email, Mailbox, Ports};
use crate::service::ServiceConfig;

/// A rendered message, before addressing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// "Confirm your email address": the link is valid 24 hours.
pub fn verification(first_name: &str, link: &str) -> Message {
    render(
        "Confirm your email address for Uome",
        first_name,
        "Please confirm your email address to finish setting up your Uome account.",
        "Confirm my email address",
        link,
        "This link is valid for 24 hours. If you did not sign up for Uome, ignore this email.",
    )
}

/// "Reset your password": the link is valid 30 minutes and works once.
pub fn password_reset(first_name: &str, link: &str) -> Message {
    render(
        "Reset your Uome password",
        first_name,
        "Someone (hopefully you) asked to reset the password of your Uome account.",
        "Choose a new password",
        link,
        "This link is valid for 30 minutes and works once. If you did not ask for it, \
         ignore this email: your password stays as it is.",
    )
}

fn render(
    subject: &str,
    first_name: &str,
    lead: &str,
    action: &str,
    link: &str,
    note: &str,
) -> Message {
    let text = format!("Hello {first_name},\n\n{lead}\n\n{action}:\n{link}\n\n{note}\n\n— Uome\n");
    let html = format!(
        "<!doctype html>\n<html><body style=\"font-family: sans-serif; line-height: 1.5\">\n\
         <p>Hello {name},</p>\n<p>{lead}</p>\n\
         <p><a href=\"{href}\" style=\"display: inline-block; padding: 10px 16px; \
         background: #1f6feb; color: #ffffff; text-decoration: none; border-radius: 4px\">{action}</a></p>\n\
         <p>Or paste this address into your browser:<br>{href}</p>\n\
         <p style=\"color: #666666\">{note}</p>\n<p>— Uome</p>\n</body></html>\n",
        name = escape_html(first_name),
        lead = escape_html(lead),
        href = escape_html(link),
        action = escape_html(action),
        note = escape_html(note),
    );
    Message {
        subject: subject.to_string(),
        text,
        html,
    }
}

/// Sends `message` to one person. A failure is logged and answered as
/// `false`: the request that triggered it has already committed, and the
/// person can ask for the email again.
pub(crate) async fn send(
    ports: &Ports,
    service: &ServiceConfig,
    to: Mailbox,
    message: Message,
) -> bool {
    let email = Email {
        from: service.mail_from.clone(),
        to: vec![to],
        cc: Vec::new(),
        reply_to: None,
        subject: message.subject,
        text: message.text,
        html: Some(message.html),
        attachments: Vec::new(),
    };
    match ports.mailer.send(&email).await {
        Ok(_) => true,
        Err(e) => {
            // The address is personal data and the body holds a secret link:
            // neither goes to the log.
            tracing::warn!(error = %e, subject = %email.subject, "auth email not sent");
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_bodies_carry_the_link_and_html_is_escaped() {
        let link = "https://app.example.com/verify-email?token=abc-_123";
        let m = verification("<Ada & co>", link);
        assert!(m.text.contains(link));
        assert!(m.text.starts_with("Hello <Ada & co>,"));
        assert!(m.html.contains(&format!("href=\"{link}\"")));
        assert!(m.html.contains("Hello &lt;Ada &amp; co&gt;,"));
        assert!(!m.html.contains("<Ada"));
        let r = password_reset("Ada", "https://x.test/reset-password?token=t");
        assert!(r.text.contains("https://x.test/reset-password?token=t\n"));
        assert!(r.subject.contains("password"));
    }
}
