//! Credit notes (API.md §7b): credit an invoice, list and read credit
//! notes, their PDF and email, refund and apply their open credit. The use
//! cases are `uome_core::credit_notes`; docs/credit-notes.md has the rules.

use axum::extract::State;
use axum::response::Response;
use http::StatusCode;
use serde::Serialize;
use uome_core::credit_notes::{self, ApplyInput, CreditNoteFilter, CreditNoteInput, RefundInput};
use uome_core::documents::DocumentFilter;
use uome_domain::DocumentId;
use uome_http::documents::{
    EInvoiceQuery, MessageBody, document_page, einvoice_response, expand_lines, pdf_response,
};
use uome_http::problem_responses::{
    BadListQuery, ContactBusy, EmailUnverified, MalformedJson, NotFound,
};
use uome_http::{
    ApiError, AppContext, Business, Json, ListParams, OptionalJson, Page, Path, Problem, Query,
    created, versioned,
};
use utoipa::ToSchema;
use uuid::Uuid;

use super::invoices::list_scope;
use super::payments::PaymentView;
use crate::dto::credit_notes::{
    ApplyRequest, CreditNoteListQuery, CreditNoteRequest, CreditNoteView, RefundRequest,
    credit_note_view,
};
use crate::dto::invoice_view::{InvoiceView, invoice_view};
use uome_http::documents::month_filter;

fn credit_note_response(status: StatusCode, note: &credit_notes::CreditNote) -> Response {
    versioned(status, note.version, credit_note_view(note))
}

/// Credit an issued invoice, whole or chosen lines and quantities.
#[utoipa::path(
    post,
    path = "/v1/invoices/{id}/credit-notes",
    tag = "credit-notes",
    params(("id" = Uuid, Path, description = "The invoice")),
    request_body = CreditNoteRequest,
    responses(
        (status = 201, description = "The credit note; `Location` names it", body = CreditNoteView),
        (status = 409, description = "`invoice_not_issued` (a draft), `invoice_cancelled`, `invoice_credited` (with `current_status`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every bad field: `reason`, `issue_date`, `lines[i].line_position` not a line of the invoice, `lines[i].quantity` ≤ 0 or above what is left; more than was invoiced", body = Problem, content_type = "application/problem+json"),
        ContactBusy, MalformedJson, NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn create_credit_note(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    Json(body): Json<CreditNoteRequest>,
) -> Result<Response, ApiError> {
    let input = CreditNoteInput {
        lines: body.lines(),
        reason: body.reason,
        issue_date: body.issue_date,
    };
    let at =
        credit_notes::credit_invoice(&ctx.ports, &caller.account_id, &DocumentId::from(id), input)
            .await?;
    let location = format!("/v1/credit-notes/{}", at.document.id);
    Ok(created(
        &location,
        at.document.version,
        credit_note_view(&at.document),
    ))
}

/// List credit notes, newest first.
#[utoipa::path(
    get,
    path = "/v1/credit-notes",
    tag = "credit-notes",
    params(CreditNoteListQuery),
    responses(
        (status = 200, description = "One page", body = Page<CreditNoteView>),
        (status = 422, description = "`month` not `YYYY-MM`", body = Problem, content_type = "application/problem+json"),
        BadListQuery,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn list_credit_notes(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    params: ListParams,
    Query(query): Query<CreditNoteListQuery>,
) -> Result<Json<Page<CreditNoteView>>, ApiError> {
    let with_lines = expand_lines(query.expand.as_deref())?;
    let filter = CreditNoteFilter {
        documents: DocumentFilter {
            month: month_filter(query.month.as_deref())?,
            status: None,
            contact_id: query.contact_id,
            overdue: false,
        },
        invoice_id: query.invoice_id,
    };
    let scope = format!(
        "{}:{}",
        list_scope(&caller.account_id, "credit-notes", &filter.documents),
        filter.invoice_id.as_deref().unwrap_or_default()
    );
    let start = params.start_after(&ctx.cursors, &scope)?;
    let page = credit_notes::list_credit_notes(
        &ctx.ports,
        &caller.account_id,
        &filter,
        params.limit,
        start,
    )
    .await?;
    let views = page
        .documents
        .iter()
        .map(|at| credit_note_view(&at.document))
        .collect();
    Ok(Json(document_page(
        views,
        &page.after,
        page.next.as_ref(),
        with_lines,
        &ctx.cursors,
        &scope,
    )))
}

/// One credit note.
#[utoipa::path(
    get,
    path = "/v1/credit-notes/{id}",
    tag = "credit-notes",
    params(("id" = Uuid, Path, description = "The credit note")),
    responses(
        (status = 200, description = "The credit note; `ETag` is its version", body = CreditNoteView),
        NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn get_credit_note(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let at = credit_notes::get_credit_note(&ctx.ports, &caller.account_id, &DocumentId::from(id))
        .await?;
    Ok(credit_note_response(StatusCode::OK, &at.document))
}

/// The credit note as a PDF ("Credit note", naming the invoice).
#[utoipa::path(
    get,
    path = "/v1/credit-notes/{id}/pdf",
    tag = "credit-notes",
    params(("id" = Uuid, Path, description = "The credit note")),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf", body = Vec<u8>),
        NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn credit_note_pdf(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let pdf = credit_notes::credit_note_pdf(&ctx.ports, &caller.account_id, &DocumentId::from(id))
        .await?;
    Ok(pdf_response(pdf))
}

/// Email the credit note (PDF attached) to its contact.
#[utoipa::path(
    post,
    path = "/v1/credit-notes/{id}/send",
    tag = "credit-notes",
    params(("id" = Uuid, Path, description = "The credit note")),
    request_body(content = Option<MessageBody>, description = "Optional; may be left out"),
    responses(
        (status = 200, description = "The credit note with `sent_at`", body = CreditNoteView),
        (status = 422, description = "`contact_has_no_email` or a too long `message`", body = Problem, content_type = "application/problem+json"),
        EmailUnverified, NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn send_credit_note(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    OptionalJson(body): OptionalJson<MessageBody>,
) -> Result<Response, ApiError> {
    let at = credit_notes::send_credit_note(
        &ctx.ports,
        &ctx.service,
        &caller.account_id,
        &DocumentId::from(id),
        body.message.as_deref(),
    )
    .await?;
    Ok(credit_note_response(StatusCode::OK, &at.document))
}

/// Pay open credit back to the contact (Dr 1100 / Cr 1000).
#[utoipa::path(
    post,
    path = "/v1/credit-notes/{id}/refund",
    tag = "credit-notes",
    params(("id" = Uuid, Path, description = "The credit note")),
    request_body = RefundRequest,
    responses(
        (status = 200, description = "The credit note with the refund", body = CreditNoteView),
        (status = 422, description = "Every bad field: `amount` above the open credit or ≤ 0, `method`, `date`, `reference`", body = Problem, content_type = "application/problem+json"),
        MalformedJson, NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn refund_credit(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    Json(body): Json<RefundRequest>,
) -> Result<Response, ApiError> {
    let input = RefundInput {
        amount: body.amount,
        method: body.method.unwrap_or_default(),
        date: body.date,
        reference: body.reference,
    };
    let at =
        credit_notes::refund_credit(&ctx.ports, &caller.account_id, &DocumentId::from(id), input)
            .await?;
    Ok(credit_note_response(StatusCode::OK, &at.document))
}

/// What applying credit wrote.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AppliedView {
    pub credit_note: CreditNoteView,
    /// The payment (`method: credit_note`) recorded on the invoice.
    pub payment: PaymentView,
    pub invoice: InvoiceView,
}

/// Settle another invoice of the same contact and currency from the open
/// credit: a payment with `method: credit_note`.
#[utoipa::path(
    post,
    path = "/v1/credit-notes/{id}/apply",
    tag = "credit-notes",
    params(("id" = Uuid, Path, description = "The credit note")),
    request_body = ApplyRequest,
    responses(
        (status = 200, description = "The credit note, the payment and the invoice", body = AppliedView),
        (status = 409, description = "The invoice takes no payments (`invoice_paid`, `invoice_not_issued`…)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invoice_id` unknown, another contact's or another currency; `amount` above the open credit or the amount due", body = Problem, content_type = "application/problem+json"),
        MalformedJson, NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn apply_credit(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    Json(body): Json<ApplyRequest>,
) -> Result<Json<AppliedView>, ApiError> {
    let Some(invoice_id) = body.invoice_id.filter(|i| !i.trim().is_empty()) else {
        return Err(ApiError::validation(vec![
            uome_http::problem::FieldError::new("invoice_id", "is required"),
        ]));
    };
    let input = ApplyInput {
        invoice_id,
        amount: body.amount,
    };
    let applied =
        credit_notes::apply_credit(&ctx.ports, &caller.account_id, &DocumentId::from(id), input)
            .await?;
    Ok(Json(AppliedView {
        credit_note: credit_note_view(&applied.credit_note.document),
        payment: PaymentView::from(&applied.payment),
        invoice: invoice_view(&applied.invoice, applied.credit_note.today)?,
    }))
}

/// The credit note as an EN 16931 e-invoice (UBL `CreditNote`, type 381,
/// naming the invoice it corrects; or CII, or Factur-X).
#[utoipa::path(
    get,
    path = "/v1/credit-notes/{id}/einvoice",
    tag = "credit-notes",
    params(("id" = Uuid, Path, description = "The credit note"), EInvoiceQuery),
    responses(
        (status = 200, description = "The e-invoice: `application/xml` (UBL, CII) or `application/pdf` (Factur-X)", content(
            (String = "application/xml"),
            (Vec<u8> = "application/pdf"),
        )),
        (status = 422, description = "`einvoice_incomplete`: each field the standard needs and the account or contact lacks; or a bad `format`", body = Problem, content_type = "application/problem+json"),
        NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn credit_note_einvoice(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    Query(query): Query<EInvoiceQuery>,
) -> Result<Response, ApiError> {
    let file = uome_core::einvoice::credit_note_einvoice(
        &ctx.ports,
        &caller.account_id,
        &DocumentId::from(id),
        query.format()?,
    )
    .await?;
    Ok(einvoice_response(file))
}
