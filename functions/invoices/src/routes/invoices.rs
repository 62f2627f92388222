//! The business's invoice handlers (owner or API client): extract, call
//! the use case in `uome_core::invoices`, shape the answer. The account
//! comes from the credentials, never from the request.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use uome_core::documents::DocumentFilter;
use uome_core::invoices::{self, InvoicePage, Viewer};
use uome_domain::AccountId;
use uome_domain::DocumentId;
use uome_http::documents::MessageBody;
use uome_http::documents::{EInvoiceQuery, einvoice_response};
use uome_http::documents::{document_page, expand_lines, month_filter, pdf_response};
use uome_http::problem_responses::{
    BadListQuery, ContactBusy, EmailUnverified, Invalid, MalformedJson, NotFound, ReminderThrottled,
};
use uome_http::query_filter::given_owned;
use uome_http::{
    ApiError, AppContext, Business, IfMatch, Json, ListParams, OptionalJson, Page, Path, Problem,
    Query, created, expected_version, versioned,
};
use uuid::Uuid;

use crate::dto::invoice_view::{InvoiceView, invoice_view};
use crate::dto::invoices::{AddressRequestView, CreateInvoiceRequest, InvoiceRequest, ListQuery};

/// The answer carrying one invoice, its version as `ETag`.
fn invoice_response(status: StatusCode, at: &invoices::InvoiceAt) -> Result<Response, ApiError> {
    let view = invoice_view(&at.document, at.today)?;
    Ok(versioned(status, at.document.version, view))
}

/// The cursor scope of a list: the account, the list and its filters.
pub(crate) fn list_scope(account_id: &AccountId, list: &str, filter: &DocumentFilter) -> String {
    format!("{account_id}:{list}:{}", filter.scope())
}

/// A page of invoices as the API answers it (summaries unless `with_lines`).
pub(crate) fn invoice_list(
    ctx: &AppContext,
    scope: &str,
    page: InvoicePage,
    with_lines: bool,
) -> Result<Page<InvoiceView>, ApiError> {
    let data = page
        .documents
        .iter()
        .map(|at| invoice_view(&at.document, at.today))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(document_page(
        data,
        &page.after,
        page.next.as_ref(),
        with_lines,
        &ctx.cursors,
        scope,
    ))
}

/// Create an invoice: a draft (default) or, with `status: issued`, issued
/// with its ledger posting in the same transaction.
#[utoipa::path(
    post,
    path = "/v1/invoices",
    tag = "invoices",
    request_body = CreateInvoiceRequest,
    responses(
        (status = 201, description = "Created; `Location` names it, `ETag` is its version", body = InvoiceView),
        (status = 422, description = "Every bad field (`total_mismatch` when `total` differs from the computed one)", body = Problem, content_type = "application/problem+json"),
        MalformedJson, ContactBusy,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn create_invoice(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Json(body): Json<CreateInvoiceRequest>,
) -> Result<Response, ApiError> {
    let at = invoices::create_invoice(
        &ctx.ports,
        &caller.account_id,
        body.input(),
        body.status.as_deref(),
    )
    .await?;
    let view = invoice_view(&at.document, at.today)?;
    let location = format!("/v1/invoices/{}", at.document.id);
    Ok(created(&location, at.document.version, view))
}

/// List invoices, newest issue date first.
#[utoipa::path(
    get,
    path = "/v1/invoices",
    tag = "invoices",
    params(ListQuery),
    responses(
        (status = 200, description = "One page", body = Page<InvoiceView>),
        (status = 422, description = "`month` not `YYYY-MM` or an unknown `status`", body = Problem, content_type = "application/problem+json"),
        BadListQuery,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn list_invoices(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    params: ListParams,
    Query(query): Query<ListQuery>,
) -> Result<Json<Page<InvoiceView>>, ApiError> {
    let with_lines = expand_lines(query.expand.as_deref())?;
    let filter = DocumentFilter {
        month: month_filter(query.month.as_deref())?,
        status: given_owned(query.status),
        contact_id: query.contact_id,
        overdue: query.overdue.unwrap_or(false),
    };
    invoices::parse_status_filter(filter.status.as_deref())?;
    let scope = list_scope(&caller.account_id, "invoices", &filter);
    let start = params.start_after(&ctx.cursors, &scope)?;
    let page = invoices::list_invoices(
        &ctx.ports,
        &caller.account_id,
        &filter,
        Viewer::Business,
        params.limit,
        start,
    )
    .await?;
    Ok(Json(invoice_list(&ctx, &scope, page, with_lines)?))
}

/// One invoice.
#[utoipa::path(
    get,
    path = "/v1/invoices/{id}",
    tag = "invoices",
    params(("id" = Uuid, Path, description = "The invoice")),
    responses(
        (status = 200, description = "The invoice; `ETag` is its version", body = InvoiceView),
        NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn get_invoice(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let at = invoices::get_invoice(
        &ctx.ports,
        &caller.account_id,
        &DocumentId::from(id),
        Viewer::Business,
    )
    .await?;
    invoice_response(StatusCode::OK, &at)
}

/// Replace a draft invoice (issued ones are fixed).
#[utoipa::path(
    put,
    path = "/v1/invoices/{id}",
    tag = "invoices",
    params(
        ("id" = Uuid, Path, description = "The invoice"),
        ("If-Match" = Option<String>, Header, description = "The version read (or `version` in the body)"),
    ),
    request_body = InvoiceRequest,
    responses(
        (status = 200, description = "The replaced invoice", body = InvoiceView),
        (status = 409, description = "`version_conflict` (with `current_version`), `invalid_status` (not a draft, with `current_status`) or `contact_busy`", body = Problem, content_type = "application/problem+json"),
        NotFound, Invalid,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn replace_invoice(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    if_match: IfMatch,
    Json(body): Json<InvoiceRequest>,
) -> Result<Response, ApiError> {
    let expected = expected_version(if_match, body.version)?;
    let at = invoices::update_invoice(
        &ctx.ports,
        &caller.account_id,
        &DocumentId::from(id),
        body.input(),
        expected,
    )
    .await?;
    invoice_response(StatusCode::OK, &at)
}

/// Delete a draft invoice. Its number is not reused.
#[utoipa::path(
    delete,
    path = "/v1/invoices/{id}",
    tag = "invoices",
    params(
        ("id" = Uuid, Path, description = "The invoice"),
        ("If-Match" = Option<String>, Header, description = "The version read (optional)"),
    ),
    responses(
        (status = 204, description = "Deleted"),
        (status = 409, description = "`invalid_status` (not a draft: cancel it instead) or `version_conflict`", body = Problem, content_type = "application/problem+json"),
        NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn delete_invoice(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    if_match: IfMatch,
) -> Result<StatusCode, ApiError> {
    invoices::delete_invoice(
        &ctx.ports,
        &caller.account_id,
        &DocumentId::from(id),
        if_match.0,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Issue a draft without emailing it (AbaNinja's markSent); posts the
/// ledger in the same transaction.
#[utoipa::path(
    post,
    path = "/v1/invoices/{id}/issue",
    tag = "invoices",
    params(("id" = Uuid, Path, description = "The invoice")),
    responses(
        (status = 200, description = "The issued invoice (`paid` for a zero total)", body = InvoiceView),
        (status = 409, description = "`invalid_status`: not a draft (with `current_status`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A negative total cannot be issued (field `total`)", body = Problem, content_type = "application/problem+json"),
        NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn issue_invoice(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let at = invoices::issue_invoice(&ctx.ports, &caller.account_id, &DocumentId::from(id)).await?;
    invoice_response(StatusCode::OK, &at)
}

/// Email the invoice to its contact (PDF attached, portal link), issuing
/// it first if it is a draft.
#[utoipa::path(
    post,
    path = "/v1/invoices/{id}/send",
    tag = "invoices",
    params(("id" = Uuid, Path, description = "The invoice")),
    request_body(content = Option<MessageBody>, description = "Optional; may be left out"),
    responses(
        (status = 200, description = "The invoice, issued, with `sent_at`", body = InvoiceView),
        (status = 409, description = "`invalid_status`: paid or cancelled (with `current_status`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`contact_has_no_email`, a too long `message`, or a negative total", body = Problem, content_type = "application/problem+json"),
        EmailUnverified, NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn send_invoice(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    OptionalJson(body): OptionalJson<MessageBody>,
) -> Result<Response, ApiError> {
    let at = invoices::send_invoice(
        &ctx.ports,
        &ctx.service,
        &caller.account_id,
        &DocumentId::from(id),
        body.message.as_deref(),
    )
    .await?;
    invoice_response(StatusCode::OK, &at)
}

/// Send a one-off reminder (at most one per 24 hours).
#[utoipa::path(
    post,
    path = "/v1/invoices/{id}/remind",
    tag = "invoices",
    params(("id" = Uuid, Path, description = "The invoice")),
    request_body(content = Option<MessageBody>, description = "Optional; may be left out"),
    responses(
        (status = 200, description = "The invoice", body = InvoiceView),
        (status = 409, description = "`invalid_status`: not issued or partially paid (with `current_status`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`contact_has_no_email` or a too long `message`", body = Problem, content_type = "application/problem+json"),
        EmailUnverified, NotFound, ReminderThrottled,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn remind_invoice(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    OptionalJson(body): OptionalJson<MessageBody>,
) -> Result<Response, ApiError> {
    let at = invoices::remind_invoice(
        &ctx.ports,
        &ctx.service,
        &caller.account_id,
        &DocumentId::from(id),
        body.message.as_deref(),
    )
    .await?;
    invoice_response(StatusCode::OK, &at)
}

/// Email the contact a portal link to give their billing address.
#[utoipa::path(
    post,
    path = "/v1/invoices/{id}/address-request",
    tag = "invoices",
    params(("id" = Uuid, Path, description = "The invoice")),
    request_body(content = Option<MessageBody>, description = "Optional; may be left out"),
    responses(
        (status = 200, description = "Sent", body = AddressRequestView),
        (status = 409, description = "`address_on_file`: the contact has a billing address; `invalid_status`: cancelled", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`contact_has_no_email` or a too long `message`", body = Problem, content_type = "application/problem+json"),
        EmailUnverified, NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn request_address(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    OptionalJson(body): OptionalJson<MessageBody>,
) -> Result<Json<AddressRequestView>, ApiError> {
    let sent = invoices::request_address(
        &ctx.ports,
        &ctx.service,
        &caller.account_id,
        &DocumentId::from(id),
        body.message.as_deref(),
    )
    .await?;
    Ok(Json(AddressRequestView {
        invoice_id: sent.invoice_id,
        contact_id: sent.contact_id.to_string(),
        sent_to: sent.sent_to,
        sent_at: sent.sent_at,
    }))
}

/// The invoice as a PDF.
#[utoipa::path(
    get,
    path = "/v1/invoices/{id}/pdf",
    tag = "invoices",
    params(("id" = Uuid, Path, description = "The invoice")),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf", body = Vec<u8>),
        NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn invoice_pdf(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let pdf = invoices::invoice_pdf(
        &ctx.ports,
        &caller.account_id,
        &DocumentId::from(id),
        Viewer::Business,
    )
    .await?;
    Ok(pdf_response(pdf))
}

/// The invoice's Swiss QR Code (SIX QR-bill 2.3) as SVG, 46 × 46 mm with
/// the Swiss cross: for a CHF or EUR invoice with an amount due, paid into
/// a Swiss or Liechtenstein IBAN.
#[utoipa::path(
    get,
    path = "/v1/invoices/{id}/qr-bill",
    tag = "invoices",
    params(("id" = Uuid, Path, description = "The invoice")),
    responses(
        (status = 200, description = "The Swiss QR Code", content_type = "image/svg+xml", body = String),
        (status = 409, description = "`qr_bill_unavailable`: a draft, cancelled or settled invoice", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`qr_bill_incomplete`: each field the bill lacks (`bank.iban` not Swiss, `company.address.postal_code`, …)", body = Problem, content_type = "application/problem+json"),
        NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn invoice_qr_bill(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let svg = uome_core::invoices::qr_bill::invoice_qr_bill(
        &ctx.ports,
        &caller.account_id,
        &DocumentId::from(id),
    )
    .await?;
    Ok(([(http::header::CONTENT_TYPE, "image/svg+xml")], svg).into_response())
}

/// The invoice as an EN 16931 e-invoice: UBL 2.1 (Peppol BIS Billing 3.0),
/// CII D16B, or Factur-X (its PDF as PDF/A-3 with the CII embedded).
#[utoipa::path(
    get,
    path = "/v1/invoices/{id}/einvoice",
    tag = "invoices",
    params(("id" = Uuid, Path, description = "The invoice"), EInvoiceQuery),
    responses(
        (status = 200, description = "The e-invoice: `application/xml` (UBL, CII) or `application/pdf` (Factur-X)", content(
            (String = "application/xml"),
            (Vec<u8> = "application/pdf"),
        )),
        (status = 409, description = "`einvoice_unavailable`: a draft or cancelled invoice", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`einvoice_incomplete`: each field the standard needs and the account or contact lacks (`company.vat_number`, `contact.billing_address.country_code`, …); or a bad `format`", body = Problem, content_type = "application/problem+json"),
        NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn invoice_einvoice(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    Query(query): Query<EInvoiceQuery>,
) -> Result<Response, ApiError> {
    let file = uome_core::einvoice::invoice_einvoice(
        &ctx.ports,
        &caller.account_id,
        &DocumentId::from(id),
        query.format()?,
    )
    .await?;
    Ok(einvoice_response(file))
}
