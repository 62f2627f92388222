//! Emailing a quote or invoice to its contact: the document itself, a
//! reminder, or a request for the billing address. Each carries a fresh
//! client-portal link; send and reminder attach the PDF.
//!
//! Who it is from: the platform's sending address (`UOME_MAIL_FROM`, the
//! only address SES lets us send from) under the business's name, with
//! Reply-To the business's own email, so a customer's reply reaches the
//! business and not the platform. See docs/pdf-email.md.

use uome_domain::AccountId;
use uome_domain::validation::check_text;
use uome_domain::{FieldError, PdfFileName};
use uome_pdf::{EmailKind, render_email};

use super::DocumentBody;
use super::render::{DocumentMeta, RenderContext, document_view, render_view_pdf};
use crate::accounts::ensure_can_email_third_parties;
use crate::contacts::Contact;
use crate::error::{CoreError, CoreResult};
use crate::ports::{Attachment, Email, Mailbox, Ports};
use crate::service::ServiceConfig;
use crate::uploads::attachments::attachment_files;

/// Which email to send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentEmail {
    /// The document with its PDF (quotes and invoices: `send`).
    Send,
    /// A one-off reminder with the PDF (`remind`).
    Reminder,
    /// An automatic reminder of an unpaid invoice, with the PDF (§12):
    /// level 0 courtesy, then dunning level n; `last` is the final level.
    Dunning { level: u32, last: bool },
    /// Asks for the billing address through the portal, no PDF
    /// (invoices: `address-request`).
    AddressRequest,
    /// Tells the client their order was declined, no PDF (orders:
    /// `reject`); the reason comes as the message.
    OrderRejected,
    /// A purchase order to its supplier, with the PDF and no portal link
    /// (the portal is the business's clients', not its suppliers').
    ToSupplier,
}

impl DocumentEmail {
    fn email_kind(self) -> EmailKind {
        match self {
            DocumentEmail::Send => EmailKind::Send,
            DocumentEmail::Reminder => EmailKind::Reminder,
            DocumentEmail::Dunning { level, last } => EmailKind::Dunning { level, last },
            DocumentEmail::AddressRequest => EmailKind::AddressRequest,
            DocumentEmail::OrderRejected => EmailKind::OrderRejected,
            DocumentEmail::ToSupplier => EmailKind::Send,
        }
    }

    /// Whether the email carries a fresh client-portal link.
    fn links_the_portal(self) -> bool {
        !matches!(self, DocumentEmail::ToSupplier)
    }

    fn attaches_pdf(self) -> bool {
        !matches!(
            self,
            DocumentEmail::AddressRequest | DocumentEmail::OrderRejected
        )
    }
}

/// What was sent, for the caller's response and history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentEmail {
    /// The contact's address the email went to.
    pub to: String,
    /// The portal link in the email (`<public url>/portal?token=…`); it
    /// replaced the contact's previous portal link. `None` for a supplier.
    pub portal_url: Option<String>,
}

/// Emails the document's contact.
///
/// Checks, in this order, before anything is written or sent:
/// 1. 403 `email_unverified` unless the account may email third parties;
/// 2. for [`DocumentEmail::AddressRequest`], 409 `address_on_file` when the
///    contact already has a billing address;
/// 3. 422 `contact_has_no_email` (field `contact_id`) when the contact was
///    deleted or has no email;
/// 4. 422 `validation_failed` (field `message`) for a message over 2,000
///    characters.
///
/// Then it renders the PDF (send, reminder), issues the contact a new
/// portal token (**revoking the previous one: only the latest email's link
/// works**), and sends. If the mailer fails, the new token is revoked and
/// the error returned: nothing was delivered, so the caller must not record
/// the document as sent. Callers commit their state change (status `sent`,
/// reminder time…) only after this returns `Ok`, or order their writes so
/// that retrying the whole request is safe; a retry simply sends again.
/// [`check_document_email`] runs the same refusals without sending, for a
/// caller that must change state before the email (issuing a draft).
///
/// `ctx` must be [`load_render_context`](super::render::load_render_context)'s
/// for `body.contact_id`; `message` is the sender's own note, printed above
/// the standard wording.
// The argument list is the one the quote and invoice use cases were written
// against; a parameter struct would only move the same eight names.
#[allow(clippy::too_many_arguments)]
pub async fn send_document_email(
    ports: &Ports,
    service: &ServiceConfig,
    account_id: &AccountId,
    kind: DocumentEmail,
    meta: &DocumentMeta,
    body: &DocumentBody,
    ctx: &RenderContext,
    message: Option<&str>,
) -> CoreResult<SentEmail> {
    check_document_email(ports, account_id, kind, body, ctx, message).await?;
    let (contact, to) = recipient(ctx.contact.as_ref(), body)?;
    let message = message.map(str::trim).filter(|m| !m.is_empty());

    // Everything that can fail before sending runs before the token is
    // issued, so a failed request does not cost the contact their link.
    let mut view = document_view(meta, body, ctx);
    let attachments = if kind.attaches_pdf() {
        let mut files = vec![Attachment {
            file_name: pdf_file_name(&meta.number),
            content_type: "application/pdf".into(),
            bytes: render_view_pdf(&mut view)?,
        }];
        files.extend(attachment_files(ports, account_id, &body.attachment_ids).await?);
        files
    } else {
        Vec::new()
    };

    let portal_url = if kind.links_the_portal() {
        let issued = crate::portal::issue(ports, account_id, &contact.id).await?;
        Some(service.link("/portal", "token", &issued.token))
    } else {
        None
    };
    let content = render_email(&view, kind.email_kind(), portal_url.as_deref(), message);
    let cc = copied(contact, &to, body);
    let sent_to = to.address.clone();
    let email = Email {
        from: sender(service, ctx),
        to: vec![to],
        cc,
        reply_to: reply_to(ctx),
        subject: content.subject,
        text: content.text,
        html: Some(content.html),
        attachments,
    };
    if let Err(e) = ports.mailer.send(&email).await {
        // Nobody received the link: take it back so a failed request leaves
        // no live token behind. The mail error is the one worth answering.
        if portal_url.is_some()
            && let Err(revoke) = crate::portal::revoke(ports, account_id, &contact.id).await
        {
            tracing::warn!(account_id = %account_id, error = %revoke, "portal token of a failed email not revoked");
        }
        return Err(e.into());
    }
    tracing::info!(account_id = %account_id, number = %meta.number, kind = ?kind, "document email sent");
    Ok(SentEmail {
        to: sent_to,
        portal_url,
    })
}

/// Every refusal of [`send_document_email`] (403, 409, 422, in its order)
/// without sending or writing anything: for a use case that must know the
/// email can go out before it changes state (issuing a draft on `send`).
pub async fn check_document_email(
    ports: &Ports,
    account_id: &AccountId,
    kind: DocumentEmail,
    body: &DocumentBody,
    ctx: &RenderContext,
    message: Option<&str>,
) -> CoreResult<()> {
    ensure_can_email_third_parties(ports.table.as_ref(), account_id).await?;
    let contact = ctx.contact.as_ref();
    if let Some(c) = contact.filter(|c| c.id != body.contact_id) {
        return Err(CoreError::internal(format!(
            "render context for contact {} used for a document of contact {}",
            c.id, body.contact_id
        )));
    }
    if kind == DocumentEmail::AddressRequest && contact.is_some_and(has_billing_address) {
        return Err(CoreError::conflict(
            "address_on_file",
            "The contact already has a billing address.",
        ));
    }
    recipient(contact, body)?;
    if let Some(text) = message.map(str::trim).filter(|m| !m.is_empty())
        && let Err(reason) = check_text(text)
    {
        return Err(CoreError::invalid_field("message", reason));
    }
    Ok(())
}

fn has_billing_address(contact: &Contact) -> bool {
    contact
        .billing_address
        .as_ref()
        .is_some_and(|a| !a.is_empty())
}

/// The contact and whom the email goes to (its contact person when the
/// document names one with an email, else the contact), or 422
/// `contact_has_no_email`.
fn recipient<'a>(
    contact: Option<&'a Contact>,
    body: &DocumentBody,
) -> CoreResult<(&'a Contact, Mailbox)> {
    let found = contact.and_then(|c| {
        let person = body
            .recipient
            .contact_person_id
            .as_deref()
            .and_then(|id| person_mailbox(c, id));
        let own = || {
            c.email
                .as_deref()
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .map(|e| Mailbox::named(c.display_name.clone(), e))
        };
        person.or_else(own).map(|to| (c, to))
    });
    found.ok_or_else(|| {
        let message = if contact.is_some() {
            "the contact has no email address"
        } else {
            "the contact no longer exists"
        };
        CoreError::Unprocessable {
            code: "contact_has_no_email".into(),
            detail: "The document's contact has no email address to send to.".into(),
            errors: vec![FieldError::new("contact_id", message)],
        }
    })
}

/// The contact person `id` as a mailbox, when they have an email.
fn person_mailbox(contact: &Contact, id: &str) -> Option<Mailbox> {
    let person = contact.person(id)?;
    let email = person
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())?;
    let name =
        super::recipient::person_name(person).unwrap_or_else(|| contact.display_name.clone());
    Some(Mailbox::named(name, email))
}

/// The document's additional recipients with an email, copied (API.md §2
/// receivers); those without one cannot be, nor is the addressee twice.
fn copied(contact: &Contact, to: &Mailbox, body: &DocumentBody) -> Vec<Mailbox> {
    let mut cc: Vec<Mailbox> = Vec::new();
    for id in &body.recipient.additional_recipients {
        if let Some(copy) = person_mailbox(contact, id)
            && !copy.address.eq_ignore_ascii_case(&to.address)
            && !cc
                .iter()
                .any(|c| c.address.eq_ignore_ascii_case(&copy.address))
        {
            cc.push(copy);
        }
    }
    cc
}

/// The platform address under the business's name ("Acme Ltd
/// <no-reply@uome…>"), so the inbox shows who the mail is really from.
pub(crate) fn sender(service: &ServiceConfig, ctx: &RenderContext) -> Mailbox {
    let name = ctx.company.name.trim();
    Mailbox {
        name: if name.is_empty() {
            service.mail_from.name.clone()
        } else {
            Some(name.to_owned())
        },
        address: service.mail_from.address.clone(),
    }
}

/// The business's own address, when it set one.
pub(crate) fn reply_to(ctx: &RenderContext) -> Option<Mailbox> {
    let email = ctx.company.email.as_deref().map(str::trim)?;
    if email.is_empty() {
        return None;
    }
    let name = ctx.company.name.trim();
    Some(if name.is_empty() {
        Mailbox::new(email)
    } else {
        Mailbox::named(name, email)
    })
}

/// `INV-0042.pdf`; see [`PdfFileName`] for what becomes of characters a
/// file system or mail client could trip on.
pub(crate) fn pdf_file_name(number: &str) -> String {
    PdfFileName::for_number(number, "document").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe() {
        assert_eq!(pdf_file_name("INV-0042"), "INV-0042.pdf");
        assert_eq!(pdf_file_name("2026/07 \"A\""), "2026-07--A-.pdf");
        assert_eq!(pdf_file_name(".."), "document.pdf");
        assert_eq!(pdf_file_name(""), "document.pdf");
    }

    #[test]
    fn the_sender_is_the_platform_under_the_business_name() {
        let service = ServiceConfig::new(
            "https://app.example",
            Mailbox::named("Uome", "no-reply@uome.test"),
        );
        let mut ctx = RenderContext::default();
        assert_eq!(
            sender(&service, &ctx),
            Mailbox::named("Uome", "no-reply@uome.test")
        );
        assert_eq!(reply_to(&ctx), None);
        ctx.company.name = "Café Crème Ltd".into();
        ctx.company.email = Some("hello@cafe.example".into());
        assert_eq!(
            sender(&service, &ctx),
            Mailbox::named("Café Crème Ltd", "no-reply@uome.test")
        );
        assert_eq!(
            reply_to(&ctx),
            Some(Mailbox::named("Café Crème Ltd", "hello@cafe.example"))
        );
    }
}
