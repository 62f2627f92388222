//! `GET/PUT /v1/account/company`.

use axum::extract::State;
use axum::response::Response;
use http::StatusCode;
use uome_core::account::company;
use uome_http::problem_responses::{BusinessAuth, Invalid};
use uome_http::{ApiError, AppContext, Business, Json, Problem};

use crate::dto::{CompanyRequest, CompanyResponse};
use uome_http::version::{IfMatch, expected_version, versioned};

/// The company details; never-set fields answer their defaults (currency
/// GBP, time zone Europe/London) at version 0.
#[utoipa::path(
    get,
    path = "/v1/account/company",
    tag = "account",
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    responses(
        (status = 200, description = "The company details; `ETag` is their version", body = CompanyResponse),
        BusinessAuth,
    )
)]
pub async fn get_company(
    State(ctx): State<AppContext>,
    Business(principal): Business,
) -> Result<Response, ApiError> {
    let view = company::get(&ctx.ports, &principal.account_id).await?;
    Ok(versioned(
        StatusCode::OK,
        view.version,
        CompanyResponse::from(view),
    ))
}

/// Replaces the company details.
#[utoipa::path(
    put,
    path = "/v1/account/company",
    tag = "account",
    security(("bearer" = []), ("client_id" = [], "client_secret" = [])),
    params(("If-Match" = Option<String>, Header, description = "The version read (or send `version` in the body)")),
    request_body = CompanyRequest,
    responses(
        (status = 200, description = "The company details as saved", body = CompanyResponse),
        (status = 409, description = "`version_conflict`, or `upload_not_ready` for the logo", body = Problem, content_type = "application/problem+json"),
        BusinessAuth,
        Invalid,
    )
)]
pub async fn put_company(
    State(ctx): State<AppContext>,
    Business(principal): Business,
    if_match: IfMatch,
    Json(body): Json<CompanyRequest>,
) -> Result<Response, ApiError> {
    let expected = expected_version(if_match, body.version)?;
    let view = company::update(&ctx.ports, &principal.account_id, body.into(), expected).await?;
    Ok(versioned(
        StatusCode::OK,
        view.version,
        CompanyResponse::from(view),
    ))
}
