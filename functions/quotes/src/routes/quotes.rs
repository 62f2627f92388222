//! The business's quote routes (API.md §6): extract, call the use case in
//! `uome_core::quotes`, shape the answer. The account comes from the
//! credentials (owner or API client), never from the request.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use uome_core::documents::DocumentFilter;
use uome_core::quotes::{self, Viewer};
use uome_domain::DocumentId;
use uome_domain::QuoteStatus;
use uome_http::documents::MessageBody;
use uome_http::documents::parse_month;
use uome_http::problem_responses::{
    BadListQuery, ContactBusy, EmailUnverified, MalformedJson, NotFound, ReminderThrottled,
};
use uome_http::{
    ApiError, AppContext, Business, FieldError, IfMatch, Json, ListParams, Page, Path, Problem,
    Query, created, expected_version, versioned,
};
use uuid::Uuid;

use crate::dto::{ApproveResponse, ListQuery, QuoteRequest, QuoteView};
use uome_http::OptionalJson;
use uome_http::documents::RejectBody;
use uome_http::documents::pdf_response;

/// A single quote with its version as `ETag`.
pub(crate) fn quote_response(status: StatusCode, at: &quotes::QuoteAt) -> Response {
    versioned(status, at.document.version, QuoteView::from(at))
}

/// The `month` and `status` filters, every bad one in one 422.
/// A page of quotes as the API answers it: summaries unless `expand` asks
/// for lines (`uome_http::documents::document_page`).
pub(crate) fn quote_list(
    ctx: &AppContext,
    scope: &str,
    page: quotes::QuotePage,
    expand: Option<&str>,
) -> Result<Page<QuoteView>, ApiError> {
    Ok(uome_http::documents::document_page(
        page.documents.iter().map(QuoteView::from).collect(),
        &page.after,
        page.next.as_ref(),
        uome_http::documents::expand_lines(expand)?,
        &ctx.cursors,
        scope,
    ))
}

pub(crate) fn parse_filter(
    month: Option<&str>,
    status: Option<&str>,
    contact_id: Option<String>,
) -> Result<DocumentFilter, ApiError> {
    let mut errors = Vec::new();
    let month = match uome_http::query_filter::given(month) {
        None => None,
        Some(text) => match parse_month(text) {
            Ok(month) => Some(month),
            Err(_) => {
                errors.push(FieldError::new("month", "must be a month as YYYY-MM"));
                None
            }
        },
    };
    let status = match uome_http::query_filter::given(status) {
        None => None,
        Some(text) => match text.parse::<QuoteStatus>() {
            Ok(status) => Some(status.as_str().to_string()),
            Err(_) => {
                let choices: Vec<&str> = QuoteStatus::ALL.iter().map(|s| s.as_str()).collect();
                errors.push(FieldError::new(
                    "status",
                    format!("must be one of {}", choices.join(", ")),
                ));
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    Ok(DocumentFilter {
        month,
        status,
        contact_id,
        overdue: false,
    })
}

/// Create a draft quote (`QUO-0001`, per the account's numbering).
#[utoipa::path(
    post,
    path = "/v1/quotes",
    tag = "quotes",
    request_body = QuoteRequest,
    responses(
        (status = 201, description = "Created as a draft; `Location` names it, `ETag` is its version", body = QuoteView),
        (status = 422, description = "Every bad field (`validation_failed`), or `total_mismatch`", body = Problem, content_type = "application/problem+json"),
        MalformedJson, ContactBusy,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn create_quote(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Json(body): Json<QuoteRequest>,
) -> Result<Response, ApiError> {
    let at = quotes::create_quote(&ctx.ports, &caller.account_id, body.input()).await?;
    let location = format!("/v1/quotes/{}", at.document.id);
    Ok(created(
        &location,
        at.document.version,
        QuoteView::from(&at),
    ))
}

/// List quotes, newest issue date first.
#[utoipa::path(
    get,
    path = "/v1/quotes",
    tag = "quotes",
    params(ListQuery),
    responses(
        (status = 200, description = "One page", body = Page<QuoteView>),
        (status = 422, description = "A bad `month` or `status`", body = Problem, content_type = "application/problem+json"),
        BadListQuery,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn list_quotes(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    params: ListParams,
    Query(query): Query<ListQuery>,
) -> Result<Json<Page<QuoteView>>, ApiError> {
    let filter = parse_filter(
        query.month.as_deref(),
        query.status.as_deref(),
        query.contact_id,
    )?;
    let scope = format!("{}:quotes:{}", caller.account_id, filter.scope());
    let start = params.start_after(&ctx.cursors, &scope)?;
    let page = quotes::list_quotes(
        &ctx.ports,
        &caller.account_id,
        &filter,
        Viewer::Business,
        params.limit,
        start,
    )
    .await?;
    Ok(Json(quote_list(
        &ctx,
        &scope,
        page,
        query.expand.as_deref(),
    )?))
}

/// One quote.
#[utoipa::path(
    get,
    path = "/v1/quotes/{id}",
    tag = "quotes",
    params(("id" = Uuid, Path, description = "Quote id")),
    responses(
        (status = 200, description = "The quote; `ETag` is its version", body = QuoteView),
        NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn get_quote(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let at = quotes::get_quote(
        &ctx.ports,
        &caller.account_id,
        &DocumentId::from(id),
        Viewer::Business,
    )
    .await?;
    Ok(quote_response(StatusCode::OK, &at))
}

/// Replace a draft or sent quote's fields (absent fields take their
/// defaults; an absent `issue_date` keeps the quote's).
#[utoipa::path(
    put,
    path = "/v1/quotes/{id}",
    tag = "quotes",
    params(
        ("id" = Uuid, Path, description = "Quote id"),
        ("If-Match" = Option<String>, Header, description = "The version read (or `version` in the body)"),
    ),
    request_body = QuoteRequest,
    responses(
        (status = 200, description = "The replaced quote; `ETag` is its new version", body = QuoteView),
        (status = 409, description = "`version_conflict` (with `current_version`), `invalid_status` (approved or rejected), `contact_busy`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every bad field, or `total_mismatch`", body = Problem, content_type = "application/problem+json"),
        NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn replace_quote(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    if_match: IfMatch,
    Json(body): Json<QuoteRequest>,
) -> Result<Response, ApiError> {
    let expected = expected_version(if_match, body.version)?;
    let at = quotes::update_quote(
        &ctx.ports,
        &caller.account_id,
        &DocumentId::from(id),
        body.input(),
        expected,
    )
    .await?;
    Ok(quote_response(StatusCode::OK, &at))
}

/// Delete a draft quote. Its number is not reused.
#[utoipa::path(
    delete,
    path = "/v1/quotes/{id}",
    tag = "quotes",
    params(
        ("id" = Uuid, Path, description = "Quote id"),
        ("If-Match" = Option<String>, Header, description = "Optional: the version read"),
    ),
    responses(
        (status = 204, description = "Deleted"),
        (status = 409, description = "`invalid_status` (not a draft) or `version_conflict`", body = Problem, content_type = "application/problem+json"),
        NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn delete_quote(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    if_match: IfMatch,
) -> Result<StatusCode, ApiError> {
    quotes::delete_quote(
        &ctx.ports,
        &caller.account_id,
        &DocumentId::from(id),
        if_match.0,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Email the quote to its contact (PDF attached, portal link); status
/// `sent`. A sent quote may be sent again.
#[utoipa::path(
    post,
    path = "/v1/quotes/{id}/send",
    tag = "quotes",
    params(("id" = Uuid, Path, description = "Quote id")),
    request_body(content = Option<MessageBody>, description = "Optional: a `message` printed above the standard wording"),
    responses(
        (status = 200, description = "The sent quote", body = QuoteView),
        (status = 409, description = "`quote_expired` or `invalid_status` (with `status`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`contact_has_no_email`, or a `message` over 2,000 characters", body = Problem, content_type = "application/problem+json"),
        EmailUnverified, NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn send_quote(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    OptionalJson(body): OptionalJson<MessageBody>,
) -> Result<Response, ApiError> {
    let at = quotes::send_quote(
        &ctx.ports,
        &ctx.service,
        &caller.account_id,
        &DocumentId::from(id),
        body.message.as_deref(),
    )
    .await?;
    Ok(quote_response(StatusCode::OK, &at))
}

/// Approve the quote: it becomes `approved` and a draft invoice is made
/// from it (`source: quote`), in one step.
#[utoipa::path(
    post,
    path = "/v1/quotes/{id}/approve",
    tag = "quotes",
    params(("id" = Uuid, Path, description = "Quote id")),
    responses(
        (status = 200, description = "The approved quote and its draft invoice; `ETag` is the quote's version", body = ApproveResponse),
        (status = 409, description = "`already_approved` (with `invoice_id`), `quote_expired`, `invalid_status` (with `status`), `contact_busy`", body = Problem, content_type = "application/problem+json"),
        NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn approve_quote(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let approved = quotes::approve_quote(
        &ctx.ports,
        &caller.account_id,
        &DocumentId::from(id),
        Viewer::Business,
    )
    .await?;
    Ok(versioned(
        StatusCode::OK,
        approved.quote.document.version,
        ApproveResponse::from(&approved),
    ))
}

/// Record the client's refusal.
#[utoipa::path(
    post,
    path = "/v1/quotes/{id}/reject",
    tag = "quotes",
    params(("id" = Uuid, Path, description = "Quote id")),
    request_body(content = Option<RejectBody>, description = "Optional: a `reason`"),
    responses(
        (status = 200, description = "The rejected quote", body = QuoteView),
        (status = 409, description = "`invalid_status` (approved or already rejected, with `status`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A `reason` over 2,000 characters", body = Problem, content_type = "application/problem+json"),
        NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn reject_quote(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    OptionalJson(body): OptionalJson<RejectBody>,
) -> Result<Response, ApiError> {
    let at = quotes::reject_quote(
        &ctx.ports,
        &caller.account_id,
        &DocumentId::from(id),
        Viewer::Business,
        body.reason,
    )
    .await?;
    Ok(quote_response(StatusCode::OK, &at))
}

/// Email the contact a one-off reminder (PDF attached), while the quote is
/// sent; at most one per 24 hours.
#[utoipa::path(
    post,
    path = "/v1/quotes/{id}/remind",
    tag = "quotes",
    params(("id" = Uuid, Path, description = "Quote id")),
    request_body(content = Option<MessageBody>, description = "Optional: a `message` printed above the standard wording"),
    responses(
        (status = 200, description = "The quote, with `last_reminded_at`", body = QuoteView),
        (status = 409, description = "`invalid_status` (not sent) or `quote_expired`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`contact_has_no_email`, or a `message` over 2,000 characters", body = Problem, content_type = "application/problem+json"),
        EmailUnverified, NotFound, ReminderThrottled,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn remind_quote(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    OptionalJson(body): OptionalJson<MessageBody>,
) -> Result<Response, ApiError> {
    let at = quotes::remind_quote(
        &ctx.ports,
        &ctx.service,
        &caller.account_id,
        &DocumentId::from(id),
        body.message.as_deref(),
    )
    .await?;
    Ok(quote_response(StatusCode::OK, &at))
}

/// The quote as a PDF.
#[utoipa::path(
    get,
    path = "/v1/quotes/{id}/pdf",
    tag = "quotes",
    params(("id" = Uuid, Path, description = "Quote id")),
    responses(
        (status = 200, description = "The PDF, `Content-Disposition: inline; filename=\"QUO-0001.pdf\"`", body = Vec<u8>, content_type = "application/pdf"),
        NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn quote_pdf(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let pdf = quotes::quote_pdf(
        &ctx.ports,
        &caller.account_id,
        &DocumentId::from(id),
        Viewer::Business,
    )
    .await?;
    Ok(pdf_response(pdf).into_response())
}
