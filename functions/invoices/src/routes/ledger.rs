//! The ledger handlers: extract, call `uome_core::ledger`, shape the
//! answer. The owner or an API client of the account; the account comes
//! from the credentials, never from the request.

use axum::extract::State;
use uome_core::ledger::{self, LedgerFilter, parse_month};
use uome_domain::Currency;
use uome_http::problem_responses::BusinessAuth;
use uome_http::{ApiError, AppContext, Business, Json, ListParams, Page, Problem, Query};

use crate::dto::ledger::{
    BalancesQuery, BalancesView, LedgerTransactionView, TransactionsQuery, transaction_view,
};

/// The account's ledger transactions, oldest first.
#[utoipa::path(
    get,
    path = "/v1/ledger/transactions",
    tag = "ledger",
    params(TransactionsQuery),
    responses(
        (status = 200, description = "One page, oldest first", body = Page<LedgerTransactionView>),
        (status = 400, description = "`invalid_query` (a `month` not `YYYY-MM`, a bad `limit`) or `invalid_cursor`", body = Problem, content_type = "application/problem+json"),
        BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn list_transactions(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    params: ListParams,
    Query(query): Query<TransactionsQuery>,
) -> Result<Json<Page<LedgerTransactionView>>, ApiError> {
    let filter = LedgerFilter {
        month: month_filter(query.month.as_deref())?,
        document_id: query.document_id,
    };
    let scope = filter.scope(&caller.account_id);
    let start = params.start_after(&ctx.cursors, &scope)?;
    let (records, next) =
        ledger::list_transactions(&ctx.ports, &caller.account_id, filter, params.limit, start)
            .await?;
    Ok(Json(Page::new(
        records.iter().map(transaction_view).collect(),
        next.as_ref(),
        &ctx.cursors,
        &scope,
    )))
}

fn month_filter(month: Option<&str>) -> Result<Option<(i32, u32)>, ApiError> {
    match uome_http::query_filter::given(month) {
        None => Ok(None),
        Some(text) => parse_month(text).map(Some).ok_or_else(|| {
            ApiError::bad_request("invalid_query", "month must be YYYY-MM (e.g. 2026-11).")
        }),
    }
}

/// The trial balance of one currency's ledger.
#[utoipa::path(
    get,
    path = "/v1/ledger/balances",
    tag = "ledger",
    params(BalancesQuery),
    responses(
        (status = 200, description = "Every account of the chart; `total_debit` = `total_credit`", body = BalancesView),
        (status = 400, description = "`invalid_query`: `currency` is not an ISO 4217 code", body = Problem, content_type = "application/problem+json"),
        BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn balances(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Query(query): Query<BalancesQuery>,
) -> Result<Json<BalancesView>, ApiError> {
    let currency = match uome_http::query_filter::given(query.currency.as_deref()) {
        None => None,
        Some(code) => Some(Currency::parse(code).map_err(|_| {
            ApiError::bad_request(
                "invalid_query",
                "currency must be an ISO 4217 code (e.g. GBP).",
            )
        })?),
    };
    let balances = ledger::balances(&ctx.ports, &caller.account_id, currency).await?;
    Ok(Json(balances.into()))
}
