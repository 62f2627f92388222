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
    let (to_box, cc) = addressees(contact, &to, body);
    let to = to_box.address.clone();
    let email = Email {
        from: sender(service, ctx),
        to: vec![to_box],
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
    Ok(SentEmail { to, portal_url })
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

/// The contact and the address the email goes to (its contact person's
/// when the document names one with an email, else its own), or 422
/// `contact_has_no_email`.
fn recipient<'a>(
    contact: Option<&'a Contact>,
    body: &DocumentBody,
) -> CoreResult<(&'a Contact, String)> {
    let found = contact.and_then(|c| {
        let person = body
            .recipient
            .contact_person_id
            .as_deref()
            .and_then(|id| c.person(id))
            .and_then(|p| p.email.as_deref());
        person
            .or(c.email.as_deref())
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(|e| (c, e.to_owned()))
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

/// Whom the email goes to: the document's contact person when it has an
/// email (API.md §2 receivers), else the contact; its additional
/// recipients with an email are copied (those without one cannot be).
fn addressees(contact: &Contact, to_address: &str, body: &DocumentBody) -> (Mailbox, Vec<Mailbox>) {
    let person_box = |id: &str| {
        let person = contact.person(id)?;
        let email = person
            .email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())?;
        let name =
            super::recipient::person_name(person).unwrap_or_else(|| contact.display_name.clone());
        Some(Mailbox::named(name, email))
    };
    let recipient = &body.recipient;
    let to = recipient
        .contact_person_id
        .as_deref()
        .and_then(person_box)
        .filter(|person| person.address == to_address)
        .unwrap_or_else(|| Mailbox::named(contact.display_name.clone(), to_address));
    let mut cc: Vec<Mailbox> = Vec::new();
    for id in &recipient.additional_recipients {
        if let Some(copy) = person_box(id)
            && !copy.address.eq_ignore_ascii_case(&to.address)
            && !cc
                .iter()
                .any(|c| c.address.eq_ignore_ascii_case(&copy.address))
        {
            cc.push(copy);
        }
    }
    (to, cc)
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
