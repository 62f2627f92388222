//! `GET /v1/pos/summary`: the till's day in the account's time zone.

use axum::extract::State;
use chrono::NaiveDate;
use uome_core::pos;
use uome_http::problem_responses::BusinessAuth;
use uome_http::{ApiError, AppContext, Business, FieldError, Json, Problem, Query};

use crate::dto::{DaySummaryView, SummaryQuery};

/// A `date` query parameter: absent or empty is today; anything else
/// must be `YYYY-MM-DD`.
pub(crate) fn day_param(date: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
    match uome_http::query_filter::given(date) {
        None => Ok(None),
        Some(text) => uome_domain::date::parse_date(text)
            .map(Some)
            .map_err(|reason| ApiError::validation(vec![FieldError::new("date", reason)])),
    }
}

/// The day's sales and refunds: count, gross, tax by rate, totals by
/// payment method, cash rounding, refunds and net takings, per currency.
/// A sale at 23:59:59 local time is in that day; a refund counts on the
/// day the money went back.
#[utoipa::path(
    get,
    path = "/v1/pos/summary",
    tag = "pos",
    params(SummaryQuery),
    responses(
        (status = 200, description = "The day", body = DaySummaryView),
        (status = 422, description = "`date` is not a date", body = Problem, content_type = "application/problem+json"),
        BusinessAuth,
    ),
    security(("bearer" = []), ("client_id" = [], "client_secret" = []))
)]
pub async fn day_summary(
    State(ctx): State<AppContext>,
    Business(caller): Business,
    Query(query): Query<SummaryQuery>,
) -> Result<Json<DaySummaryView>, ApiError> {
    let date = day_param(query.date.as_deref())?;
    let summary = pos::day_summary(&ctx.ports, &caller.account_id, date).await?;
    Ok(Json(DaySummaryView::from(&summary)))
}
