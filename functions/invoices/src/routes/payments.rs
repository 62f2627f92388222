//! Payments of an invoice (API.md §7): record one, list them, read one,
//! and mark an invoice paid. The use cases are
//! `uome_core::invoices::payments`; docs/quotes-invoices.md has the rules.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use http::header::LOCATION;
use http::{HeaderValue, StatusCode};
use serde::{Deserialize, Serialize};
use uome_core::invoices::{self, Payment, PaymentInput};
use uome_domain::DocumentId;
use uome_domain::{Decimal, format_amount};
use uome_http::problem_responses::{MalformedJson, NotFound};
use uome_http::{ApiError, AppContext, Business, Json, OptionalJson, Path, Problem, versioned};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::dto::invoice_view::{InvoiceView, invoice_view};

/// `POST /v1/invoices/{id}/payments`.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentRequest {
    /// Default: everything due. > 0, at most the amount due, at most the
    /// currency's decimal places. A string or a JSON number.
    #[serde(default, with = "uome_domain::decimal_input::json_opt")]
    #[schema(value_type = Option<String>, format = "decimal-positive", example = "40.00")]
    pub amount: Option<Decimal>,
    /// The day the money arrived; default today (account's time zone).
    /// Not before the issue date, not in the future.
    #[serde(default, with = "uome_domain::date::json_opt")]
    pub date: Option<NaiveDate>,
    /// `bank_transfer, card, cash, cheque, other`.
    #[serde(default)]
    #[schema(
        required = true,
        example = "bank_transfer",
        pattern = "^(bank_transfer|card|cash|cheque|other)$"
    )]
    pub method: Option<String>,
    /// Bank or cheque reference, at most 255 characters.
    #[serde(default)]
    pub reference: Option<String>,
}

/// `POST /v1/invoices/{id}/mark-paid` (the body is optional).
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MarkPaidRequest {
    /// Default today (account's time zone).
    #[serde(default, with = "uome_domain::date::json_opt")]
    pub date: Option<NaiveDate>,
    /// Default `bank_transfer`.
    #[serde(default)]
    #[schema(
        example = "bank_transfer",
        pattern = "^(bank_transfer|card|cash|cheque|other)$"
    )]
    pub method: Option<String>,
    #[serde(default)]
    pub reference: Option<String>,
}

/// A payment received against an invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PaymentView {
    pub id: String,
    pub invoice_id: String,
    /// At the currency's scale.
    #[schema(example = "40.00")]
    pub amount: String,
    #[schema(example = "GBP")]
    pub currency: String,
    pub date: NaiveDate,
    /// `bank_transfer, card, cash, cheque, other`, or `credit_note` for
    /// credit a credit note applied.
    #[schema(example = "bank_transfer")]
    pub method: String,
    pub reference: Option<String>,
    /// The ledger transaction it posted (Dr 1000 Bank / Cr 1100).
    pub ledger_id: String,
    pub created_at: DateTime<Utc>,
    pub contact_id: Option<String>,
    pub invoice_number: Option<String>,
    /// The credit note whose credit paid it (`method: credit_note`).
    pub credit_note_id: Option<String>,
    /// Set once the payment is reversed: it no longer counts.
    pub reversed_at: Option<DateTime<Utc>>,
    pub reversal_reason: Option<String>,
}

impl From<&Payment> for PaymentView {
    fn from(p: &Payment) -> Self {
        PaymentView {
            id: p.id.clone(),
            invoice_id: p.invoice_id.clone(),
            amount: format_amount(p.amount, p.currency),
            currency: p.currency.code().to_string(),
            date: p.date,
            method: p.method.as_str().to_string(),
            reference: p.reference.clone(),
            ledger_id: p.ledger_id.clone(),
            created_at: p.created_at,
            contact_id: p.contact_id.clone(),
            invoice_number: p.invoice_number.clone(),
            credit_note_id: p.credit_note_id.clone(),
            reversed_at: p.reversed_at,
            reversal_reason: p.reversal_reason.clone(),
        }
    }
}

/// Every payment of an invoice, oldest first.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct PaymentList {
    pub data: Vec<PaymentView>,
}

/// The answer of mark-paid: the payment and the invoice after it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct MarkPaidView {
    pub payment: PaymentView,
    pub invoice: InvoiceView,
}

/// Record a payment (`amount` defaults to everything due).
#[utoipa::path(
    post,
    path = "/v1/invoices/{id}/payments",
    tag = "invoices",
    params(("id" = Uuid, Path, description = "The invoice")),
    request_body = PaymentRequest,
    responses(
        (status = 201, description = "Recorded; `Location` names the payment", body = PaymentView),
        (status = 409, description = "`invoice_not_issued` (a draft), `invoice_paid`, `invoice_cancelled` (with `status`), `too_many_payments` (the 100th payment must pay all that is due)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every bad field: `amount` more than is due, ≤ 0 or with too many decimals; `method`; `date`; `reference`", body = Problem, content_type = "application/problem+json"),
        MalformedJson, NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn record_payment(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    Json(body): Json<PaymentRequest>,
) -> Result<Response, ApiError> {
    let recorded = invoices::record_payment(
        &ctx.ports,
        &caller.account_id,
        &DocumentId::from(id),
        PaymentInput {
            amount: body.amount,
            date: body.date,
            method: body.method.unwrap_or_default(),
            reference: body.reference,
        },
    )
    .await?;
    let payment = PaymentView::from(&recorded.payment);
    let location = format!(
        "/v1/invoices/{}/payments/{}",
        payment.invoice_id, payment.id
    );
    let mut response = (StatusCode::CREATED, Json(payment)).into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(LOCATION, value);
    }
    Ok(response)
}

/// Every payment of the invoice, oldest first.
#[utoipa::path(
    get,
    path = "/v1/invoices/{id}/payments",
    tag = "invoices",
    params(("id" = Uuid, Path, description = "The invoice")),
    responses(
        (status = 200, description = "All of them: an invoice takes at most 100 payments", body = PaymentList),
        NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn list_payments(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<Json<PaymentList>, ApiError> {
    let payments =
        invoices::list_payments(&ctx.ports, &caller.account_id, &DocumentId::from(id)).await?;
    Ok(Json(PaymentList {
        data: payments.iter().map(PaymentView::from).collect(),
    }))
}

/// One payment of the invoice.
#[utoipa::path(
    get,
    path = "/v1/invoices/{id}/payments/{payment_id}",
    tag = "invoices",
    params(
        ("id" = Uuid, Path, description = "The invoice"),
        ("payment_id" = Uuid, Path, description = "The payment"),
    ),
    responses(
        (status = 200, description = "The payment", body = PaymentView),
        (status = 404, description = "No such payment of this invoice", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn get_payment(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path((id, payment_id)): Path<(Uuid, Uuid)>,
) -> Result<Json<PaymentView>, ApiError> {
    let payment = invoices::get_payment(
        &ctx.ports,
        &caller.account_id,
        &DocumentId::from(id),
        &payment_id.to_string(),
    )
    .await?;
    Ok(Json(PaymentView::from(&payment)))
}

/// Mark as paid: one payment of everything due.
#[utoipa::path(
    post,
    path = "/v1/invoices/{id}/mark-paid",
    tag = "invoices",
    params(("id" = Uuid, Path, description = "The invoice")),
    request_body(content = Option<MarkPaidRequest>, description = "Optional: `date`, `method` (default `bank_transfer`), `reference`"),
    responses(
        (status = 200, description = "The payment and the paid invoice; `ETag` is the invoice's version", body = MarkPaidView),
        (status = 409, description = "`invoice_not_issued`, `invoice_paid`, `invoice_cancelled` (with `status`)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "A body that is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every bad field (`method`, `date`, `reference`)", body = Problem, content_type = "application/problem+json"),
        NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn mark_paid(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    OptionalJson(body): OptionalJson<MarkPaidRequest>,
) -> Result<Response, ApiError> {
    let recorded = invoices::mark_paid(
        &ctx.ports,
        &caller.account_id,
        &DocumentId::from(id),
        body.date,
        body.method,
        body.reference,
    )
    .await?;
    let view = MarkPaidView {
        payment: PaymentView::from(&recorded.payment),
        invoice: invoice_view(&recorded.invoice, recorded.today)?,
    };
    Ok(versioned(StatusCode::OK, recorded.invoice.version, view))
}

/// The answer of a reversal: the reversed payment and the invoice after it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ReversedView {
    pub payment: PaymentView,
    pub invoice: InvoiceView,
}

/// Reverse a wrong payment: its exact reverse posting, the invoice's
/// amount due and status restored, the payment kept and marked reversed.
#[utoipa::path(
    post,
    path = "/v1/invoices/{id}/payments/{payment_id}/reverse",
    tag = "invoices",
    params(
        ("id" = Uuid, Path, description = "The invoice"),
        ("payment_id" = Uuid, Path, description = "The payment"),
    ),
    request_body = crate::dto::credit_notes::ReverseRequest,
    responses(
        (status = 200, description = "The reversed payment and the invoice; `ETag` is the invoice's version", body = ReversedView),
        (status = 409, description = "`payment_reversed` (a second reverse), `credit_notes_exist`, `invoice_credited`, `invalid_status`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`reason` missing or too long", body = Problem, content_type = "application/problem+json"),
        MalformedJson, NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn reverse_payment(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path((id, payment_id)): Path<(Uuid, Uuid)>,
    Json(body): Json<crate::dto::credit_notes::ReverseRequest>,
) -> Result<Response, ApiError> {
    let reversed = invoices::reverse::reverse_payment(
        &ctx.ports,
        &caller.account_id,
        &DocumentId::from(id),
        &payment_id.to_string(),
        body.reason,
    )
    .await?;
    let view = ReversedView {
        payment: PaymentView::from(&reversed.payment),
        invoice: invoice_view(&reversed.invoice, reversed.today)?,
    };
    Ok(versioned(StatusCode::OK, reversed.invoice.version, view))
}

/// Every payment of the account, newest first.
#[utoipa::path(
    get,
    path = "/v1/payments",
    tag = "invoices",
    params(crate::dto::payments::AllPaymentsQuery),
    responses(
        (status = 200, description = "One page", body = uome_http::Page<PaymentView>),
        (status = 422, description = "`month` not `YYYY-MM` or an unknown `method`", body = Problem, content_type = "application/problem+json"),
        uome_http::problem_responses::BadListQuery,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn list_all_payments(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    params: uome_http::ListParams,
    uome_http::Query(query): uome_http::Query<crate::dto::payments::AllPaymentsQuery>,
) -> Result<Json<uome_http::Page<PaymentView>>, ApiError> {
    use uome_core::invoices::all_payments::{PaymentFilter, list_all_payments};
    use uome_core::invoices::payments::PaymentMethod;
    let method = match uome_http::query_filter::given(query.method.as_deref()) {
        None => None,
        Some("credit_note") => Some(PaymentMethod::CreditNote),
        Some(text) => Some(PaymentMethod::parse(text).ok_or_else(|| {
            ApiError::validation(vec![uome_http::problem::FieldError::new(
                "method",
                format!("must be one of {} or credit_note", PaymentMethod::choices()),
            )])
        })?),
    };
    let filter = PaymentFilter {
        month: uome_http::documents::month_filter(query.month.as_deref())?,
        method,
        contact_id: query.contact_id,
        invoice_id: query.invoice_id,
    };
    let scope = format!(
        "{}:payments:{:?}:{:?}:{:?}:{:?}",
        caller.account_id, filter.month, filter.method, filter.contact_id, filter.invoice_id
    );
    let start = params.start_after(&ctx.cursors, &scope)?;
    let (payments, next) =
        list_all_payments(&ctx.ports, &caller.account_id, &filter, params.limit, start).await?;
    Ok(Json(uome_http::Page::new(
        payments.iter().map(PaymentView::from).collect(),
        next.as_ref(),
        &ctx.cursors,
        &scope,
    )))
}
