//! The receipt of a sale: the paid invoice printed for an 80 mm roll, with
//! what changed hands (method, tendered, change, rounding) and the time of
//! the sale in the account's time zone; and the email that carries it to
//! `email_receipt_to`.

use uome_domain::{AccountId, format_amount};
use uome_pdf::{DocumentKind, EmailKind, Field, render_email};

use super::record::Sale;
use crate::documents::mail::{pdf_file_name, reply_to, sender};
use crate::documents::render::{
    DocumentMeta, RenderContext, document_view, load_render_context, render_receipt_view_pdf,
};
use crate::error::CoreResult;
use crate::invoices::Invoice;
use crate::invoices::payments::PaymentMethod;
use crate::ports::{Attachment, Email, Mailbox, Ports};
use crate::service::ServiceConfig;

fn method_name(method: PaymentMethod) -> &'static str {
    match method {
        PaymentMethod::Cash => "Cash",
        PaymentMethod::Card => "Card",
        _ => "Other",
    }
}

/// What the receipt prints besides the invoice.
fn meta(sale: &Sale, invoice: &Invoice, ctx: &RenderContext) -> DocumentMeta {
    let money = |amount| format!("{} {}", format_amount(amount, sale.currency), sale.currency);
    let time = sale.sold_at.with_timezone(&ctx.company.tz());
    let mut fields = vec![
        Field {
            label: "Time".into(),
            value: time.format("%H:%M").to_string(),
        },
        Field {
            label: "Paid by".into(),
            value: method_name(sale.payment_method).into(),
        },
    ];
    if !sale.rounding.is_zero() {
        fields.push(Field {
            label: "Cash rounding".into(),
            value: money(sale.rounding),
        });
        fields.push(Field {
            label: "To pay".into(),
            value: money(sale.amount_paid),
        });
    }
    if sale.payment_method == PaymentMethod::Cash {
        fields.push(Field {
            label: "Tendered".into(),
            value: money(sale.amount_tendered),
        });
        fields.push(Field {
            label: "Change".into(),
            value: money(sale.change_due),
        });
    }
    if !sale.refunded.is_zero() {
        fields.push(Field {
            label: "Refunded".into(),
            value: money(sale.paid_back),
        });
    }
    DocumentMeta {
        kind: DocumentKind::Receipt,
        number: invoice.number.clone(),
        extra_fields: fields,
        ..DocumentMeta::default()
    }
}

/// The receipt PDF of `sale`, from its invoice.
pub(crate) async fn receipt_pdf(
    ports: &Ports,
    account_id: &AccountId,
    sale: &Sale,
    invoice: &Invoice,
) -> CoreResult<Vec<u8>> {
    let ctx = load_render_context(ports, account_id, &invoice.body.contact_id).await?;
    render_receipt_view_pdf(&document_view(
        &meta(sale, invoice, &ctx),
        &invoice.body,
        &ctx,
    ))
}

/// Emails the receipt to `to`, a courtesy after the sale is written: a
/// failure is logged and the sale stands (the till can print the receipt,
/// or `GET …/receipt` fetch it, any time).
pub(crate) async fn email_receipt(
    ports: &Ports,
    service: &ServiceConfig,
    account_id: &AccountId,
    sale: &Sale,
    invoice: &Invoice,
    to: &str,
) {
    let sent = async {
        let ctx = load_render_context(ports, account_id, &invoice.body.contact_id).await?;
        let view = document_view(&meta(sale, invoice, &ctx), &invoice.body, &ctx);
        let pdf = render_receipt_view_pdf(&view)?;
        let content = render_email(&view, EmailKind::Send, None, None);
        let email = Email {
            from: sender(service, &ctx),
            to: vec![Mailbox::new(to)],
            cc: Vec::new(),
            reply_to: reply_to(&ctx),
            subject: content.subject,
            text: content.text,
            html: Some(content.html),
            attachments: vec![Attachment {
                file_name: pdf_file_name(&invoice.number),
                content_type: "application/pdf".into(),
                bytes: pdf,
            }],
        };
        ports.mailer.send(&email).await?;
        CoreResult::Ok(())
    };
    match sent.await {
        Ok(()) => {
            tracing::info!(account_id = %account_id, receipt = %sale.receipt_number, "receipt emailed")
        }
        Err(e) => tracing::warn!(account_id = %account_id, receipt = %sale.receipt_number,
            error = %e, "receipt not emailed; the sale stands"),
    }
}
