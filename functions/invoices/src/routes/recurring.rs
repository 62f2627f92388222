//! The recurring-invoice handlers: extract, call `uome_core::recurring`,
//! shape the answer. The owner or an API client of the account; the
//! account comes from the credentials, never from the request.

use axum::extract::State;
use axum::response::Response;
use http::StatusCode;
use uome_core::recurring::{self, RecurringFilter};
use uome_domain::DocumentId;
use uome_http::problem_responses::{
    BadListQuery, BusinessAuth, ContactBusy, MalformedJson, NotFound, VersionConflict,
};
use uome_http::{
    ApiError, AppContext, Business, IfMatch, Json, ListParams, Page, Path, Problem, Query, created,
    expected_version, versioned,
};
use uuid::Uuid;

use crate::dto::recurring::{ListQuery, RecurringInvoiceRequest, RecurringInvoiceView};

/// Create a recurring invoice; `next_run_date` is its first run on or
/// after today.
#[utoipa::path(
    post,
    path = "/v1/recurring-invoices",
    tag = "recurring-invoices",
    request_body = RecurringInvoiceRequest,
    responses(
        (status = 201, description = "Created; `Location` names it, `ETag` is its version", body = RecurringInvoiceView),
        (status = 422, description = "Every bad field (`frequency`, `end_date`, `contact_id`, `lines[i]...`), or `total_mismatch`", body = Problem, content_type = "application/problem+json"),
        BusinessAuth, MalformedJson, ContactBusy,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn create_recurring(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Json(body): Json<RecurringInvoiceRequest>,
) -> Result<Response, ApiError> {
    let record = recurring::create_recurring(&ctx.ports, &caller.account_id, body.input()).await?;
    let location = format!("/v1/recurring-invoices/{}", record.id);
    Ok(created(
        &location,
        record.version,
        RecurringInvoiceView::from(&record),
    ))
}

/// The account's recurring invoices, newest start date first.
#[utoipa::path(
    get,
    path = "/v1/recurring-invoices",
    tag = "recurring-invoices",
    params(ListQuery),
    responses(
        (status = 200, description = "One page; filtered on `active`, a page may be shorter than `limit` while `next_cursor` is set", body = Page<RecurringInvoiceView>),
        BusinessAuth, BadListQuery,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn list_recurring(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    params: ListParams,
    Query(query): Query<ListQuery>,
) -> Result<Json<Page<RecurringInvoiceView>>, ApiError> {
    let filter = RecurringFilter {
        active: query.active,
        contact_id: query.contact_id,
    };
    let scope = filter.scope(&caller.account_id);
    let start = params.start_after(&ctx.cursors, &scope)?;
    let page = recurring::list_recurring(
        ctx.ports.table.as_ref(),
        &caller.account_id,
        &filter,
        params.limit,
        start,
    )
    .await?;
    Ok(Json(uome_http::documents::document_page(
        page.items.iter().map(RecurringInvoiceView::from).collect(),
        &page.after,
        page.next.as_ref(),
        uome_http::documents::expand_lines(query.expand.as_deref())?,
        &ctx.cursors,
        &scope,
    )))
}

/// One recurring invoice.
#[utoipa::path(
    get,
    path = "/v1/recurring-invoices/{id}",
    tag = "recurring-invoices",
    params(("id" = Uuid, Path, description = "Recurring invoice id")),
    responses(
        (status = 200, description = "The recurring invoice; `ETag` is its version", body = RecurringInvoiceView),
        (status = 401, description = "No or bad credentials", body = Problem, content_type = "application/problem+json"),
        NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn get_recurring(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let record = recurring::load_recurring(
        ctx.ports.table.as_ref(),
        &caller.account_id,
        &DocumentId::from(id),
    )
    .await?;
    Ok(versioned(
        StatusCode::OK,
        record.version,
        RecurringInvoiceView::from(&record),
    ))
}

/// Replace a recurring invoice: absent fields take their defaults, except
/// `start_date` and `active`, which keep their values. A changed schedule
/// or `active` recomputes `next_run_date` (never before today).
#[utoipa::path(
    put,
    path = "/v1/recurring-invoices/{id}",
    tag = "recurring-invoices",
    params(
        ("id" = Uuid, Path, description = "Recurring invoice id"),
        ("If-Match" = Option<String>, Header, description = "The version read (or `version` in the body)"),
    ),
    request_body = RecurringInvoiceRequest,
    responses(
        (status = 200, description = "The replaced recurring invoice; `ETag` is its version", body = RecurringInvoiceView),
        (status = 400, description = "Malformed JSON or `If-Match`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`version_conflict` (with `current_version`) or `contact_busy`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every bad field, or `total_mismatch`", body = Problem, content_type = "application/problem+json"),
        NotFound,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn replace_recurring(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    if_match: IfMatch,
    Json(body): Json<RecurringInvoiceRequest>,
) -> Result<Response, ApiError> {
    let expected = expected_version(if_match, body.version)?;
    let record = recurring::update_recurring(
        &ctx.ports,
        &caller.account_id,
        &DocumentId::from(id),
        body.input(),
        expected,
    )
    .await?;
    Ok(versioned(
        StatusCode::OK,
        record.version,
        RecurringInvoiceView::from(&record),
    ))
}

/// Delete a recurring invoice; the invoices it generated stay.
#[utoipa::path(
    delete,
    path = "/v1/recurring-invoices/{id}",
    tag = "recurring-invoices",
    params(
        ("id" = Uuid, Path, description = "Recurring invoice id"),
        ("If-Match" = Option<String>, Header, description = "Optional: the version read"),
    ),
    responses(
        (status = 204, description = "Deleted"),
        NotFound, VersionConflict,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn delete_recurring(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Path(id): Path<Uuid>,
    if_match: IfMatch,
) -> Result<StatusCode, ApiError> {
    recurring::delete_recurring(
        &ctx.ports,
        &caller.account_id,
        &DocumentId::from(id),
        if_match.0,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
