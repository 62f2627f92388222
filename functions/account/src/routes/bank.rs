//! `GET/PUT /v1/account/bank`. Account numbers and IBANs only ever leave
//! masked.

use axum::extract::State;
use axum::response::Response;
use http::StatusCode;
use uome_core::account::bank;
use uome_http::problem_responses::{BusinessAuth, Invalid, VersionConflict};
use uome_http::{ApiError, AppContext, Business, Json};

use crate::dto::{BankRequest, BankResponse};
use uome_http::version::{IfMatch, expected_version, versioned};

/// The bank details, `account_number` and `iban` masked but for the last 4.
#[utoipa::path(
    get,
    path = "/v1/account/bank",
    tag = "account",
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    responses(
        (status = 200, description = "The bank details (all null at version 0 when never set)", body = BankResponse),
        BusinessAuth,
    )
)]
pub async fn get_bank(
    State(ctx): State<AppContext>,
    Business(principal): Business,
) -> Result<Response, ApiError> {
    let bank = bank::get(&ctx.ports, &principal.account_id).await?;
    Ok(versioned(
        StatusCode::OK,
        bank.version,
        BankResponse::from_masked(bank.value, bank.version),
    ))
}

/// Replaces the bank details; answers them masked.
#[utoipa::path(
    put,
    path = "/v1/account/bank",
    tag = "account",
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(("If-Match" = Option<String>, Header, description = "The version read (or send `version` in the body)")),
    request_body = BankRequest,
    responses(
        (status = 200, description = "The bank details as saved, masked", body = BankResponse),
        BusinessAuth,
        VersionConflict,
        Invalid,
    )
)]
pub async fn put_bank(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    if_match: IfMatch,
    Json(body): Json<BankRequest>,
) -> Result<Response, ApiError> {
    let expected = expected_version(if_match, body.version)?;
    let bank = bank::update(&ctx.ports, &principal.account_id, body.into(), expected).await?;
    Ok(versioned(
        StatusCode::OK,
        bank.version,
        BankResponse::from_masked(bank.value, bank.version),
    ))
}
