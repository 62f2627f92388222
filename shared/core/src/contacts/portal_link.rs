//! A contact's key to the client portal (API.md §10): issue (optionally
//! emailing the link) and revoke. The tokens themselves are
//! [`crate::portal`]'s; this adds the contact checks and the email.

use chrono::{DateTime, Utc};
use uome_domain::AccountId;
use uome_domain::ContactId;

use super::model::Contact;
use super::store::load_contact;
use crate::accounts::ensure_can_email_third_parties;
use crate::error::{CoreError, CoreResult};
use uome_pdf::escape_html;

use crate::ports::{Email, Mailbox, Ports};
use crate::service::ServiceConfig;

/// A freshly issued portal token; shown once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortalLink {
    pub token: String,
    /// `<public url>/portal?token=…`
    pub url: String,
    pub expires_at: DateTime<Utc>,
    /// Where the link was emailed, when it was.
    pub emailed_to: Option<String>,
}

/// Issues a portal token for the contact (revoking its previous one). With
/// `send_email`, the account must be allowed to email third parties (403
/// `email_unverified`) and the contact must have an email (422
/// `contact_has_no_email`); both are checked before anything is written.
pub async fn issue_portal_link(
    ports: &Ports,
    service: &ServiceConfig,
    account_id: &AccountId,
    contact_id: &ContactId,
    send_email: bool,
) -> CoreResult<PortalLink> {
    let contact = load_contact(ports.table.as_ref(), account_id, contact_id).await?;
    let recipient = if send_email {
        ensure_can_email_third_parties(ports.table.as_ref(), account_id).await?;
        Some(
            contact
                .email
                .clone()
                .ok_or_else(|| CoreError::Unprocessable {
                    code: "contact_has_no_email".into(),
                    detail: "The contact has no email address to send the link to.".into(),
                    errors: vec![uome_domain::FieldError::new(
                        "email",
                        "is required to email the link",
                    )],
                })?,
        )
    } else {
        None
    };
    let issued = crate::portal::issue(ports, account_id, contact_id).await?;
    let url = service.link("/portal", "token", &issued.token);
    if let Some(to) = &recipient {
        let email = portal_email(service, &contact, to, &url, issued.expires_at);
        if let Err(e) = ports.mailer.send(&email).await {
            // Nobody received the link: take the token back so a failed
            // request leaves nothing behind.
            crate::portal::revoke(ports, account_id, contact_id).await?;
            return Err(e.into());
        }
    }
    Ok(PortalLink {
        token: issued.token,
        url,
        expires_at: issued.expires_at,
        emailed_to: recipient,
    })
}

/// Revokes the contact's portal token (idempotent); 404 for an unknown
/// contact.
pub async fn revoke_portal_link(
    ports: &Ports,
    account_id: &AccountId,
    contact_id: &ContactId,
) -> CoreResult<()> {
    load_contact(ports.table.as_ref(), account_id, contact_id).await?;
    crate::portal::revoke(ports, account_id, contact_id).await
}

fn portal_email(
    service: &ServiceConfig,
    contact: &Contact,
    to: &str,
    url: &str,
    expires_at: DateTime<Utc>,
) -> Email {
    let expires = expires_at.format("%Y-%m-%d");
    let greeting = format!("Hello {},", contact.display_name);
    Email {
        from: service.mail_from.clone(),
        to: vec![Mailbox::named(contact.display_name.clone(), to)],
        cc: Vec::new(),
        reply_to: None,
        subject: "Your client portal link".to_string(),
        text: format!(
            "{greeting}\n\nView your quotes and invoices in the client portal:\n\n{url}\n\n\
             The link is personal and works until {expires}.\n"
        ),
        html: Some(format!(
            "<p>{}</p><p>View your quotes and invoices in the client portal:</p>\
             <p><a href=\"{}\">Open the client portal</a></p>\
             <p>The link is personal and works until {expires}.</p>",
            escape_html(&greeting),
            escape_html(url),
        )),
        attachments: Vec::new(),
    }
}
