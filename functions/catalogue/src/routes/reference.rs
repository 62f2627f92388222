//! Read-only reference lists. They are the same for everyone except for
//! the account's defaults they flag, and like every `/v1` route but health
//! and the OpenAPI document they require business credentials.

use axum::extract::State;
use uome_core::catalogue::reference;
use uome_http::problem_responses::BusinessAuth;
use uome_http::{ApiError, AppContext, Business, Json, Page};

use super::TAG;
use crate::dto::{CurrencyResponse, PaymentTermResponse, UnitResponse};

/// Every ISO 4217 currency Uome accepts, by code, with its minor units;
/// the account's default currency is flagged.
#[utoipa::path(
    get,
    path = "/v1/currencies",
    tag = TAG,
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    responses(
        (status = 200, description = "The whole list, a fixed set of 165 ISO 4217 currencies (`next_cursor` is null)", body = Page<CurrencyResponse>),
        BusinessAuth,
    )
)]
pub async fn list_currencies(
    State(ctx): State<AppContext>,
    Business(principal): Business,
) -> Result<Json<Page<CurrencyResponse>>, ApiError> {
    let list = reference::currencies(ctx.ports.table.as_ref(), &principal.account_id).await?;
    Ok(Json(Page::last(list.into_iter().map(Into::into).collect())))
}

/// Suggested units for items (an item's `unit` is free text).
#[utoipa::path(
    get,
    path = "/v1/units",
    tag = TAG,
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    responses(
        (status = 200, description = "The whole list, a fixed set of units (`next_cursor` is null)", body = Page<UnitResponse>),
        BusinessAuth,
    )
)]
pub async fn list_units(Business(_principal): Business) -> Json<Page<UnitResponse>> {
    Json(Page::last(
        reference::units().iter().map(Into::into).collect(),
    ))
}

/// Standard payment terms by days, plus the account's default
/// (`default_payment_terms_days`, 30 unless set), which is flagged.
#[utoipa::path(
    get,
    path = "/v1/payment-terms",
    tag = TAG,
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    responses(
        (status = 200, description = "The whole list, a fixed set of payment terms (`next_cursor` is null)", body = Page<PaymentTermResponse>),
        BusinessAuth,
    )
)]
pub async fn list_payment_terms(
    State(ctx): State<AppContext>,
    Business(principal): Business,
) -> Result<Json<Page<PaymentTermResponse>>, ApiError> {
    let list = reference::payment_terms(ctx.ports.table.as_ref(), &principal.account_id).await?;
    Ok(Json(Page::last(list.into_iter().map(Into::into).collect())))
}
