//! Emails to the business itself about one of its documents: a client's
//! new order, a client's reminder of a pending order (API.md §8).
//!
//! The business reads them where it reads its correspondence: the
//! company's `email` when it set one, else the account owner's login
//! address. Reply-To is the contact's email, so answering the mail answers
//! the client. Nothing here needs a verified account: the business is not
//! a third party to itself.

use uome_domain::AccountId;
use uome_pdf::{EmailKind, render_email};

use super::DocumentBody;
use super::mail::{pdf_file_name, sender};
use super::render::{DocumentMeta, RenderContext, document_view, render_view_pdf};
use crate::accounts::load_account;
use crate::auth::profile::load as load_user;
use crate::error::{CoreError, CoreResult};
use crate::ports::{Attachment, Email, Mailbox, Ports};
use crate::service::ServiceConfig;

/// Where the business reads its mail: the company's address, else the
/// owner's.
async fn business_address(
    ports: &Ports,
    account_id: &AccountId,
    ctx: &RenderContext,
) -> CoreResult<String> {
    if let Some(email) = ctx
        .company
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        return Ok(email.to_owned());
    }
    let table = ports.table.as_ref();
    let account = load_account(table, account_id).await?;
    let owner = load_user(table, account_id, &account.owner_user_id).await?;
    owner
        .map(|user| user.email)
        .ok_or_else(|| CoreError::internal("the account's owner has no user record"))
}

/// Emails the business `kind` about the document, with its PDF attached;
/// returns the address it went to. `ctx` is the document's render context.
pub async fn email_business(
    ports: &Ports,
    service: &ServiceConfig,
    account_id: &AccountId,
    kind: EmailKind,
    meta: &DocumentMeta,
    body: &DocumentBody,
    ctx: &RenderContext,
) -> CoreResult<String> {
    let to = business_address(ports, account_id, ctx).await?;
    let mut view = document_view(meta, body, ctx);
    let pdf = render_view_pdf(&mut view)?;
    let content = render_email(&view, kind, None, None);
    let reply_to = ctx.contact.as_ref().and_then(|c| {
        let email = c
            .email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())?;
        Some(Mailbox::named(c.display_name.clone(), email))
    });
    let email = Email {
        from: sender(service, ctx),
        to: vec![Mailbox::named(ctx.company.name.clone(), to.clone())],
        cc: Vec::new(),
        reply_to,
        subject: content.subject,
        text: content.text,
        html: Some(content.html),
        attachments: vec![Attachment {
            file_name: pdf_file_name(&meta.number),
            content_type: "application/pdf".into(),
            bytes: pdf,
        }],
    };
    ports.mailer.send(&email).await?;
    tracing::info!(account_id = %account_id, number = %meta.number, kind = ?kind, "business email sent");
    Ok(to)
}
