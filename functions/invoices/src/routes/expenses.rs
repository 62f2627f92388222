//! The expense handlers: extract, call `uome_core::expenses`, shape the
//! answer. The owner or an API client of the account; the account comes
//! from the credentials, never from the request.

use axum::extract::State;
use axum::response::Response;
use http::StatusCode;
use uome_core::expenses::{self, ExpenseFilter, ExpensePage};
use uome_domain::DocumentId;
use uome_http::documents::parse_month;
use uome_http::problem_responses::{
    BadListQuery, BusinessAuth, Invalid, NotFound, VersionConflict,
};
use uome_http::version::{IfMatch, created, expected_version, versioned};
use uome_http::{
    ApiError, AppContext, Business, CursorCodec, FieldError, Json, ListParams, Page, Path, Problem,
    Query,
};
use uuid::Uuid;

use crate::dto::expenses::{ExpenseBody, ExpenseListQuery, ExpenseResponse, InvoiceExpensesQuery};

/// OpenAPI tag of every route here.
const TAG: &str = "expenses";

/// The account's expenses, newest first.
#[utoipa::path(
    get,
    path = "/v1/expenses",
    tag = TAG,
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(ExpenseListQuery),
    responses(
        (status = 200, description = "One page, newest first", body = Page<ExpenseResponse>),
        (status = 422, description = "`month` is not `YYYY-MM`", body = Problem, content_type = "application/problem+json"),
        BusinessAuth, BadListQuery,
    )
)]
pub async fn list_expenses(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    params: ListParams,
    Query(query): Query<ExpenseListQuery>,
) -> Result<Json<Page<ExpenseResponse>>, ApiError> {
    let filter = ExpenseFilter {
        month: month(query.month.as_deref())?,
        invoice_id: query.invoice_id,
    };
    let scope = format!("{}:expenses:{}", principal.account_id, filter.scope());
    let start_after = params.start_after(&ctx.cursors, &scope)?;
    let page = expenses::list_expenses(
        ctx.ports.table.as_ref(),
        &principal.account_id,
        &filter,
        params.limit,
        start_after,
    )
    .await?;
    Ok(Json(to_page(page, &ctx.cursors, &scope)))
}

/// Records an expense.
#[utoipa::path(
    post,
    path = "/v1/expenses",
    tag = TAG,
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays answer the first response")),
    request_body = ExpenseBody,
    responses(
        (status = 201, description = "The expense, with `Location` and `ETag`", body = ExpenseResponse),
        (status = 409, description = "`contact_busy`: the vendor is being deleted", body = Problem, content_type = "application/problem+json"),
        BusinessAuth, Invalid,
    )
)]
pub async fn create_expense(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    Json(body): Json<ExpenseBody>,
) -> Result<Response, ApiError> {
    if body.version.is_some() {
        return Err(ApiError::validation(vec![FieldError::new(
            "version",
            "is not a known field",
        )]));
    }
    let expense =
        expenses::create_expense(&ctx.ports, &principal.account_id, body.into_input()).await?;
    let location = format!("/v1/expenses/{}", expense.id);
    Ok(created(
        &location,
        expense.version,
        ExpenseResponse::from(expense),
    ))
}

/// One expense.
#[utoipa::path(
    get,
    path = "/v1/expenses/{id}",
    tag = TAG,
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(("id" = Uuid, Path, description = "Expense id")),
    responses(
        (status = 200, description = "The expense, with `ETag`", body = ExpenseResponse),
        BusinessAuth, NotFound,
    )
)]
pub async fn get_expense(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let expense =
        expenses::get_expense(&ctx.ports, &principal.account_id, &DocumentId::from(id)).await?;
    Ok(versioned(
        StatusCode::OK,
        expense.version,
        ExpenseResponse::from(expense),
    ))
}

/// Replaces an expense: absent optional fields are cleared, except `date`
/// and `currency`, which stay.
#[utoipa::path(
    put,
    path = "/v1/expenses/{id}",
    tag = TAG,
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(
        ("id" = Uuid, Path, description = "Expense id"),
        ("If-Match" = Option<String>, Header, description = "The version read (or send `version` in the body)"),
    ),
    request_body = ExpenseBody,
    responses(
        (status = 200, description = "The expense as saved, with `ETag`", body = ExpenseResponse),
        (status = 409, description = "`version_conflict` (with `current_version`) or `contact_busy`", body = Problem, content_type = "application/problem+json"),
        BusinessAuth, NotFound, Invalid,
    )
)]
pub async fn replace_expense(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    Path(id): Path<Uuid>,
    if_match: IfMatch,
    Json(body): Json<ExpenseBody>,
) -> Result<Response, ApiError> {
    let expected = expected_version(if_match, body.version)?;
    let expense = expenses::update_expense(
        &ctx.ports,
        &principal.account_id,
        &DocumentId::from(id),
        expected,
        body.into_input(),
    )
    .await?;
    Ok(versioned(
        StatusCode::OK,
        expense.version,
        ExpenseResponse::from(expense),
    ))
}

/// Deletes an expense.
#[utoipa::path(
    delete,
    path = "/v1/expenses/{id}",
    tag = TAG,
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(
        ("id" = Uuid, Path, description = "Expense id"),
        ("If-Match" = Option<String>, Header, description = "Delete only at this version"),
    ),
    responses(
        (status = 204, description = "Deleted"),
        BusinessAuth, NotFound, VersionConflict,
    )
)]
pub async fn delete_expense(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    Path(id): Path<Uuid>,
    if_match: IfMatch,
) -> Result<StatusCode, ApiError> {
    expenses::delete_expense(
        &ctx.ports,
        &principal.account_id,
        &DocumentId::from(id),
        if_match.0,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The expenses linked to an invoice, newest first.
#[utoipa::path(
    get,
    path = "/v1/invoices/{id}/expenses",
    tag = TAG,
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(("id" = Uuid, Path, description = "Invoice id"), InvoiceExpensesQuery),
    responses(
        (status = 200, description = "One page, newest first", body = Page<ExpenseResponse>),
        (status = 404, description = "Unknown invoice, or another account's", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`month` is not `YYYY-MM`", body = Problem, content_type = "application/problem+json"),
        BusinessAuth, BadListQuery,
    )
)]
pub async fn list_invoice_expenses(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    Path(id): Path<Uuid>,
    params: ListParams,
    Query(query): Query<InvoiceExpensesQuery>,
) -> Result<Json<Page<ExpenseResponse>>, ApiError> {
    let month = month(query.month.as_deref())?;
    let invoice_id = id.to_string();
    // Bound to the invoice too: a cursor of one invoice's list is no use
    // on another's.
    let filter = ExpenseFilter {
        month,
        invoice_id: Some(invoice_id.clone()),
    };
    let scope = format!(
        "{}:invoice_expenses:{}",
        principal.account_id,
        filter.scope()
    );
    let start_after = params.start_after(&ctx.cursors, &scope)?;
    let page = expenses::list_invoice_expenses(
        ctx.ports.table.as_ref(),
        &principal.account_id,
        &DocumentId::from(&invoice_id),
        month,
        params.limit,
        start_after,
    )
    .await?;
    Ok(Json(to_page(page, &ctx.cursors, &scope)))
}

fn month(text: Option<&str>) -> Result<Option<(i32, u32)>, ApiError> {
    match uome_http::query_filter::given(text) {
        None => Ok(None),
        Some(text) => parse_month(text).map(Some),
    }
}

fn to_page(page: ExpensePage, codec: &CursorCodec, scope: &str) -> Page<ExpenseResponse> {
    let data = page
        .expenses
        .into_iter()
        .map(ExpenseResponse::from)
        .collect();
    Page::new(data, page.next.as_ref(), codec, scope)
}
